/* udha-store-bulk.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Bulk insertion (udha-store-bulk.h): one prepared statement per table,
 * large transactions, a bigger page cache while it runs, and search terms
 * computed once per distinct name. The rows are the ones the store's own
 * create functions write:
 *
 * - persons: the derived columns given_folded, family_folded, name_phonetic,
 *   phone_digits and dob_year, and the FTS row (rowid 2·id) with the same
 *   columns as _udha_store_index_person() (udha-store-search.c);
 * - cases: the number "<office code>-<year>-<5 digits>" from case_counters,
 *   and the FTS row (rowid 2·id + 1) as _udha_store_index_case();
 * - referrals: their transitions; the first one is the creation.
 *
 * test-demo.c re-indexes generated people through udha_store_update_person()
 * and checks that the FTS rows are identical, so the two stay in step. */

#define G_LOG_DOMAIN "udha-store-bulk"

#include "config.h"

#include "udha-store-bulk.h"
#include "udha-store-private.h"
#include "udha-text.h"

#include <glib/gi18n.h>
#include <string.h>

/* The page cache while a bulk insertion runs: secondary indexes (phone
 * digits, document numbers) are written in random order. */
#define BULK_CACHE_KIB 262144

typedef enum
{
  STMT_PERSON,
  STMT_CITIZENSHIP,
  STMT_LANGUAGE,
  STMT_NAME,
  STMT_DOCUMENT,
  STMT_VULNERABILITY,
  STMT_HOUSEHOLD,
  STMT_CASE,
  STMT_CASE_TAG,
  STMT_CASE_FLAG,
  STMT_CONSENT,
  STMT_INTERVIEW,
  STMT_SERVICE,
  STMT_REFERRAL,
  STMT_TRANSITION,
  STMT_SEARCH,
  N_STMTS
} StmtId;

static const char * const stmt_sql[N_STMTS] = {
  [STMT_PERSON] =
    "INSERT INTO persons (registration_number, given_name, family_name, father_name, mother_name, sex, "
    "dob, dob_precision, estimated_age, age_basis, birth_country, marital_status, education, occupation, "
    "phone, municipality, qark, migration_status, prescreening, entry_date, entry_crossing, "
    "entry_from_country, travelling_with, child_status, guardian, guardian_appointed, interpreter_needed, "
    "office_id, registered_at, registered_by, given_folded, family_folded, name_phonetic, phone_digits, "
    "dob_year) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
    "?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35);",
  [STMT_CITIZENSHIP] = "INSERT INTO person_citizenships (parent_id, position, code) VALUES (?1, ?2, ?3);",
  [STMT_LANGUAGE] = "INSERT INTO person_languages (parent_id, position, code) VALUES (?1, ?2, ?3);",
  [STMT_NAME] =
    "INSERT INTO person_names (person_id, position, name, script, kind, name_folded) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6);",
  [STMT_DOCUMENT] =
    "INSERT INTO person_documents (person_id, position, doc_type, number, number_folded, issuing_country, "
    "expiry, held_by_other) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8);",
  [STMT_VULNERABILITY] =
    "INSERT INTO person_vulnerabilities (person_id, position, code, risk) VALUES (?1, ?2, ?3, ?4);",
  [STMT_HOUSEHOLD] =
    "INSERT INTO household_links (person_id, position, other_person_id, name, relationship, sex, dob, "
    "whereabouts) VALUES (?1, ?2, NULL, ?3, ?4, ?5, ?6, ?7);",
  [STMT_CASE] =
    "INSERT INTO cases (number, person_id, office_id, case_type, status, previous_status, risk, "
    "assigned_user_id, opened_on, closed_on, closure_reason, closure_requested_by, closure_requested_at, "
    "created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15);",
  [STMT_CASE_TAG] = "INSERT INTO case_tags (parent_id, position, code) VALUES (?1, ?2, ?3);",
  [STMT_CASE_FLAG] = "INSERT INTO case_flags (parent_id, position, code) VALUES (?1, ?2, ?3);",
  [STMT_CONSENT] =
    "INSERT INTO consents (person_id, purpose, legal_basis, scope, given_by, how_given, given_on, "
    "expires_on, withdrawn_on, created_by, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11);",
  [STMT_INTERVIEW] =
    "INSERT INTO interviews (case_id, occurred_at, duration_minutes, contact_type, location, qark, language, "
    "interpreter, consent_reconfirmed, narrative, confidential, risk_after, next_follow_up, author_id) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14);",
  [STMT_SERVICE] =
    "INSERT INTO services (case_id, service_code, delivery, status, planned_on, due_on, delivered_on, "
    "provider_org_id, referral_id, outcome, approved_by, created_by, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13);",
  [STMT_REFERRAL] =
    "INSERT INTO referrals (case_id, org_id, service_code, urgency, reason, status, follow_up_due, "
    "consent_id, override_basis, override_reason, override_by, sent_on, sent_via, outcome, created_by, "
    "created_at, status_changed_at, row_version) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18);",
  [STMT_TRANSITION] =
    "INSERT INTO referral_transitions (referral_id, at, user_id, from_status, to_status, reason) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6);",
  [STMT_SEARCH] =
    "INSERT INTO search (rowid, kind, ref_id, names, phonetic, docs, phones, numbers) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8);",
};

/* Search terms of one name, computed once. */
typedef struct
{
  char *folded;      /* udha_text_fold () */
  char *phonetic;    /* phonetic keys of its tokens, each followed by a space */
} NameTerms;

struct _UdhaStoreBulk
{
  UdhaStore    *store;
  sqlite3      *db;
  sqlite3_stmt *stmts[N_STMTS];
  GHashTable   *names;          /* name → NameTerms */
  GHashTable   *office_codes;   /* office id → code */
  GHashTable   *case_counters;  /* "office_id/year" → last_seq */
  GHashTable   *person_counters; /* year → last_seq */
  gint64        saved_cache_size;
  gboolean      in_transaction;
  gboolean      finished;
  GString      *buf_names;
  GString      *buf_phonetic;
  GString      *buf_docs;
};

static void
name_terms_free (NameTerms *t)
{
  g_free (t->folded);
  g_free (t->phonetic);
  g_free (t);
}

static const NameTerms *
get_name_terms (UdhaStoreBulk *self,
                const char    *name)
{
  NameTerms *t = g_hash_table_lookup (self->names, name);

  if (t == NULL)
    {
      GString *phonetic = g_string_new (NULL);

      t = g_new0 (NameTerms, 1);
      t->folded = udha_text_fold (name);
      if (t->folded != NULL)
        _udha_store_append_phonetic_terms (phonetic, t->folded);
      t->phonetic = g_string_free (phonetic, FALSE);
      g_hash_table_insert (self->names, g_strdup (name), t);
    }
  return t;
}

/* As add_name_terms() in udha-store-search.c. */
static void
add_name (UdhaStoreBulk *self,
          const char    *name,
          gboolean       with_phonetic)
{
  const NameTerms *t;

  if (name == NULL || *name == '\0')
    return;
  t = get_name_terms (self, name);
  if (t->folded == NULL)
    return;
  g_string_append (self->buf_names, t->folded);
  g_string_append_c (self->buf_names, ' ');
  if (with_phonetic)
    g_string_append (self->buf_phonetic, t->phonetic);
}

/* udha_text_fold() of an ASCII number ("TIR-2026-00042" → "tir 2026 00042")
 * and its letters and digits only ("tir202600042"), as "clean folded". */
static char *
number_terms (const char *number)
{
  GString *clean = g_string_new (NULL);
  GString *folded = g_string_new (NULL);

  for (const char *p = number; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          g_string_append_c (clean, g_ascii_tolower (*p));
          g_string_append_c (folded, g_ascii_tolower (*p));
        }
      else if (folded->len > 0 && folded->str[folded->len - 1] != ' ')
        g_string_append_c (folded, ' ');
    }
  while (folded->len > 0 && folded->str[folded->len - 1] == ' ')
    g_string_truncate (folded, folded->len - 1);

  g_string_append_c (clean, ' ');
  g_string_append (clean, folded->str);
  g_string_free (folded, TRUE);
  return g_string_free (clean, FALSE);
}

static gboolean
fail (UdhaStoreBulk  *self,
      int             rc,
      GError        **error)
{
  return _udha_store_fail (self->store, rc, error);
}

static sqlite3_stmt *
stmt_get (UdhaStoreBulk *self,
          StmtId         id)
{
  sqlite3_stmt *stmt = self->stmts[id];

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return stmt;
}

static gboolean
step (UdhaStoreBulk  *self,
      sqlite3_stmt   *stmt,
      GError        **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return fail (self, rc, error);
  return TRUE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           pos,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, pos, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, pos);
}

static void
bind_id (sqlite3_stmt *stmt,
         int           pos,
         gint64        id)
{
  if (id != 0)
    sqlite3_bind_int64 (stmt, pos, id);
  else
    sqlite3_bind_null (stmt, pos);
}

static gboolean
exec (UdhaStoreBulk  *self,
      const char     *sql,
      GError        **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return fail (self, rc, error);
  return TRUE;
}

static gboolean
query_int (UdhaStoreBulk  *self,
           const char     *sql,
           gint64         *out,
           GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return fail (self, rc, error);
  *out = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
load_counters (UdhaStoreBulk  *self,
               GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "SELECT office_id, year, last_seq FROM case_counters;", -1, &stmt, NULL);
  while (stmt != NULL && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (self->case_counters,
                         g_strdup_printf ("%" G_GINT64_FORMAT "/%d", (gint64) sqlite3_column_int64 (stmt, 0),
                                          sqlite3_column_int (stmt, 1)),
                         GINT_TO_POINTER (sqlite3_column_int (stmt, 2)));
  if (rc != SQLITE_DONE)
    return fail (self, rc, error);
  g_clear_pointer (&stmt, sqlite3_finalize);

  rc = sqlite3_prepare_v2 (self->db, "SELECT year, last_seq FROM person_counters;", -1, &stmt, NULL);
  while (stmt != NULL && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (self->person_counters, GINT_TO_POINTER (sqlite3_column_int (stmt, 0)),
                         GINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
  if (rc != SQLITE_DONE)
    return fail (self, rc, error);
  g_clear_pointer (&stmt, sqlite3_finalize);

  rc = sqlite3_prepare_v2 (self->db, "SELECT id, code FROM offices;", -1, &stmt, NULL);
  while (stmt != NULL && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (self->office_codes, GINT_TO_POINTER ((int) sqlite3_column_int64 (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  if (rc != SQLITE_DONE)
    return fail (self, rc, error);
  return TRUE;
}

static gboolean
save_counters (UdhaStoreBulk  *self,
               GError        **error)
{
  GHashTableIter iter;
  gpointer key, value;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db,
                           "INSERT INTO case_counters (office_id, year, last_seq) VALUES (?1, ?2, ?3) "
                           "ON CONFLICT (office_id, year) DO UPDATE SET last_seq = max (last_seq, excluded.last_seq);",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return fail (self, rc, error);
  g_hash_table_iter_init (&iter, self->case_counters);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 office_id = g_ascii_strtoll (key, NULL, 10);
      int year = atoi (strchr (key, '/') + 1);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, office_id);
      sqlite3_bind_int (stmt, 2, year);
      sqlite3_bind_int (stmt, 3, GPOINTER_TO_INT (value));
      if (!step (self, stmt, error))
        return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  rc = sqlite3_prepare_v2 (self->db,
                           "INSERT INTO person_counters (year, last_seq) VALUES (?1, ?2) "
                           "ON CONFLICT (year) DO UPDATE SET last_seq = max (last_seq, excluded.last_seq);",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return fail (self, rc, error);
  g_hash_table_iter_init (&iter, self->person_counters);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int (stmt, 1, GPOINTER_TO_INT (key));
      sqlite3_bind_int (stmt, 2, GPOINTER_TO_INT (value));
      if (!step (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
set_cache_size (UdhaStoreBulk  *self,
                gint64          kib,
                GError        **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size=%" G_GINT64_FORMAT ";", kib);

  return exec (self, sql, error);
}

static gboolean
insert_codes (UdhaStoreBulk       *self,
              StmtId               id,
              gint64               parent_id,
              const char * const  *codes,
              GError             **error)
{
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      sqlite3_stmt *stmt = stmt_get (self, id);

      sqlite3_bind_int64 (stmt, 1, parent_id);
      sqlite3_bind_int (stmt, 2, i);
      bind_text (stmt, 3, codes[i]);
      if (!step (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_search (UdhaStoreBulk  *self,
               gint64          rowid,
               const char     *kind,
               gint64          ref_id,
               const char     *names,
               const char     *phonetic,
               const char     *docs,
               const char     *phones,
               const char     *numbers,
               GError        **error)
{
  sqlite3_stmt *stmt = stmt_get (self, STMT_SEARCH);

  sqlite3_bind_int64 (stmt, 1, rowid);
  bind_text (stmt, 2, kind);
  sqlite3_bind_int64 (stmt, 3, ref_id);
  bind_text (stmt, 4, names);
  bind_text (stmt, 5, phonetic);
  bind_text (stmt, 6, docs);
  bind_text (stmt, 7, phones);
  bind_text (stmt, 8, numbers);
  return step (self, stmt, error);
}

/**
 * udha_store_bulk_begin:
 * @store: a #UdhaStore
 * @error: return location for a #GError
 *
 * Prepares the statements, enlarges the page cache and begins a write
 * transaction. Finish with udha_store_bulk_finish(); freeing the bulk
 * insertion without finishing rolls back what was not checkpointed.
 *
 * Returns: (transfer full): a #UdhaStoreBulk, or %NULL
 */
UdhaStoreBulk *
udha_store_bulk_begin (UdhaStore  *store,
                       GError    **error)
{
  g_autoptr(UdhaStoreBulk) self = NULL;

  g_return_val_if_fail (UDHA_IS_STORE (store), NULL);

  self = g_new0 (UdhaStoreBulk, 1);
  self->store = g_object_ref (store);
  self->db = _udha_store_get_db (store);
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) name_terms_free);
  self->office_codes = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->case_counters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->person_counters = g_hash_table_new (NULL, NULL);
  self->buf_names = g_string_sized_new (128);
  self->buf_phonetic = g_string_sized_new (64);
  self->buf_docs = g_string_sized_new (32);
  self->saved_cache_size = 0;

  if (self->db == NULL)
    {
      g_set_error_literal (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_OPEN, _("The vault is locked."));
      return NULL;
    }

  for (guint i = 0; i < N_STMTS; i++)
    {
      int rc = sqlite3_prepare_v3 (self->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
                                   &self->stmts[i], NULL);

      if (rc != SQLITE_OK)
        {
          fail (self, rc, error);
          return NULL;
        }
    }

  if (!query_int (self, "PRAGMA cache_size;", &self->saved_cache_size, error) ||
      !set_cache_size (self, -BULK_CACHE_KIB, error))
    return NULL;

  if (!udha_store_begin (store, error))
    return NULL;
  self->in_transaction = TRUE;

  if (!load_counters (self, error) ||
      !_udha_store_bulk_load_begin (store, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * udha_store_bulk_add_person:
 * @self: a #UdhaStoreBulk
 * @person: the person
 * @id_out: (out) (optional): the new person's id
 * @error: return location for a #GError
 *
 * Inserts the person with a registration number "P-<year>-<6 digits>" for
 * the year of registered_at, its code lists, sub-records and search row.
 */
gboolean
udha_store_bulk_add_person (UdhaStoreBulk         *self,
                            const UdhaBulkPerson  *p,
                            gint64                *id_out,
                            GError               **error)
{
  sqlite3_stmt *stmt = stmt_get (self, STMT_PERSON);
  const NameTerms *given = get_name_terms (self, p->given_name);
  const NameTerms *family = get_name_terms (self, p->family_name);
  g_autofree char *number = NULL;
  g_autofree char *number_search = NULL;
  g_autofree char *digits = NULL;
  g_autofree char *phones = NULL;
  g_autofree char *name_phonetic = NULL;
  int year = atoi (p->registered_at);
  int seq;
  gint64 id;

  seq = GPOINTER_TO_INT (g_hash_table_lookup (self->person_counters, GINT_TO_POINTER (year))) + 1;
  g_hash_table_insert (self->person_counters, GINT_TO_POINTER (year), GINT_TO_POINTER (seq));
  number = g_strdup_printf ("P-%04d-%06d", year, seq);

  if (p->phone != NULL)
    digits = udha_text_phone_digits (p->phone);
  if (digits != NULL && *digits == '\0')
    g_clear_pointer (&digits, g_free);

  name_phonetic = g_strconcat (given->phonetic, family->phonetic, NULL);
  g_strstrip (name_phonetic);

  bind_text (stmt, 1, number);
  bind_text (stmt, 2, p->given_name);
  bind_text (stmt, 3, p->family_name);
  bind_text (stmt, 4, p->father_name);
  bind_text (stmt, 5, p->mother_name);
  bind_text (stmt, 6, p->sex);
  bind_text (stmt, 7, p->dob);
  bind_text (stmt, 8, p->dob_precision);
  if (p->estimated_age >= 0)
    sqlite3_bind_int (stmt, 9, p->estimated_age);
  bind_text (stmt, 10, p->age_basis);
  bind_text (stmt, 11, p->birth_country);
  bind_text (stmt, 12, p->marital_status);
  bind_text (stmt, 13, p->education);
  bind_text (stmt, 14, p->occupation);
  bind_text (stmt, 15, p->phone);
  bind_text (stmt, 16, p->municipality);
  bind_text (stmt, 17, p->qark);
  bind_text (stmt, 18, p->migration_status);
  bind_text (stmt, 19, p->prescreening);
  bind_text (stmt, 20, p->entry_date);
  bind_text (stmt, 21, p->entry_crossing);
  bind_text (stmt, 22, p->entry_from_country);
  bind_text (stmt, 23, p->travelling_with);
  bind_text (stmt, 24, p->child_status);
  bind_text (stmt, 25, p->guardian);
  sqlite3_bind_int (stmt, 26, p->guardian_appointed != FALSE);
  sqlite3_bind_int (stmt, 27, p->interpreter_needed != FALSE);
  sqlite3_bind_int64 (stmt, 28, p->office_id);
  bind_text (stmt, 29, p->registered_at);
  bind_id (stmt, 30, p->registered_by);
  bind_text (stmt, 31, given->folded);
  bind_text (stmt, 32, family->folded);
  bind_text (stmt, 33, name_phonetic);
  bind_text (stmt, 34, digits);
  if (p->dob != NULL && strlen (p->dob) >= 4 && g_ascii_isdigit (p->dob[0]))
    sqlite3_bind_int (stmt, 35, atoi (p->dob));
  if (!step (self, stmt, error))
    return FALSE;
  id = sqlite3_last_insert_rowid (self->db);

  if (!insert_codes (self, STMT_CITIZENSHIP, id, p->citizenships, error) ||
      !insert_codes (self, STMT_LANGUAGE, id, p->languages, error))
    return FALSE;

  g_string_truncate (self->buf_names, 0);
  g_string_truncate (self->buf_phonetic, 0);
  g_string_truncate (self->buf_docs, 0);
  add_name (self, p->given_name, TRUE);
  add_name (self, p->family_name, TRUE);
  add_name (self, p->father_name, FALSE);

  for (guint i = 0; i < p->n_names; i++)
    {
      const NameTerms *t = get_name_terms (self, p->names[i].name);

      stmt = stmt_get (self, STMT_NAME);
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, i);
      bind_text (stmt, 3, p->names[i].name);
      bind_text (stmt, 4, p->names[i].script);
      bind_text (stmt, 5, p->names[i].kind != NULL ? p->names[i].kind : "alias");
      bind_text (stmt, 6, t->folded);
      if (!step (self, stmt, error))
        return FALSE;
      add_name (self, p->names[i].name, TRUE);
    }

  for (guint i = 0; i < p->n_documents; i++)
    {
      const UdhaBulkDocument *d = &p->documents[i];
      g_autofree char *folded = d->number != NULL ? udha_text_doc_number_fold (d->number) : NULL;

      stmt = stmt_get (self, STMT_DOCUMENT);
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, i);
      bind_text (stmt, 3, d->doc_type);
      bind_text (stmt, 4, d->number);
      bind_text (stmt, 5, folded);
      bind_text (stmt, 6, d->issuing_country);
      bind_text (stmt, 7, d->expiry);
      sqlite3_bind_int (stmt, 8, d->held_by_other != FALSE);
      if (!step (self, stmt, error))
        return FALSE;

      for (const char *c = folded; c != NULL && *c != '\0'; c++)
        if (g_ascii_isalnum (*c))
          g_string_append_c (self->buf_docs, g_ascii_tolower (*c));
      if (self->buf_docs->len > 0 && self->buf_docs->str[self->buf_docs->len - 1] != ' ')
        g_string_append_c (self->buf_docs, ' ');
    }

  for (guint i = 0; i < p->n_vulnerabilities; i++)
    {
      stmt = stmt_get (self, STMT_VULNERABILITY);
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, i);
      bind_text (stmt, 3, p->vulnerabilities[i].code);
      bind_text (stmt, 4, p->vulnerabilities[i].risk);
      if (!step (self, stmt, error))
        return FALSE;
    }

  for (guint i = 0; i < p->n_household; i++)
    {
      const UdhaBulkHousehold *h = &p->household[i];

      stmt = stmt_get (self, STMT_HOUSEHOLD);
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, i);
      bind_text (stmt, 3, h->name);
      bind_text (stmt, 4, h->relationship != NULL ? h->relationship : "other");
      bind_text (stmt, 5, h->sex);
      bind_text (stmt, 6, h->dob);
      bind_text (stmt, 7, h->whereabouts);
      if (!step (self, stmt, error))
        return FALSE;
    }

  if (digits != NULL)
    {
      gsize len = strlen (digits);

      phones = len > 9 ? g_strdup_printf ("%s %s ", digits, digits + len - 9) : g_strdup_printf ("%s ", digits);
    }
  number_search = number_terms (number);

  if (!insert_search (self, 2 * id, "p", id, self->buf_names->str, self->buf_phonetic->str,
                      self->buf_docs->str, phones != NULL ? phones : "", number_search, error))
    return FALSE;

  if (id_out != NULL)
    *id_out = id;
  return TRUE;
}

/**
 * udha_store_bulk_add_case:
 * @self: a #UdhaStoreBulk
 * @case_: the case; its number is assigned here
 * @id_out: (out) (optional): the new case's id
 * @number_out: (out) (optional) (transfer full): its number
 * @error: return location for a #GError
 */
gboolean
udha_store_bulk_add_case (UdhaStoreBulk       *self,
                          const UdhaBulkCase  *c,
                          gint64              *id_out,
                          char               **number_out,
                          GError             **error)
{
  sqlite3_stmt *stmt = stmt_get (self, STMT_CASE);
  const char *code = g_hash_table_lookup (self->office_codes, GINT_TO_POINTER ((int) c->office_id));
  g_autofree char *counter_key = NULL;
  g_autofree char *number = NULL;
  g_autofree char *number_search = NULL;
  int year = atoi (c->opened_on);
  int seq;
  gint64 id;

  if (code == NULL)
    {
      g_set_error_literal (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_NOT_FOUND,
                           _("The case’s office does not exist."));
      return FALSE;
    }

  counter_key = g_strdup_printf ("%" G_GINT64_FORMAT "/%d", c->office_id, year);
  seq = GPOINTER_TO_INT (g_hash_table_lookup (self->case_counters, counter_key)) + 1;
  g_hash_table_insert (self->case_counters, g_steal_pointer (&counter_key), GINT_TO_POINTER (seq));
  number = g_strdup_printf ("%s-%04d-%05d", code, year, seq);

  bind_text (stmt, 1, number);
  sqlite3_bind_int64 (stmt, 2, c->person_id);
  sqlite3_bind_int64 (stmt, 3, c->office_id);
  bind_text (stmt, 4, c->case_type);
  bind_text (stmt, 5, c->status != NULL ? c->status : "open");
  bind_text (stmt, 6, c->previous_status);
  bind_text (stmt, 7, c->risk);
  bind_id (stmt, 8, c->assigned_user_id);
  bind_text (stmt, 9, c->opened_on);
  bind_text (stmt, 10, c->closed_on);
  bind_text (stmt, 11, c->closure_reason);
  bind_id (stmt, 12, c->closure_requested_by);
  bind_text (stmt, 13, c->closure_requested_at);
  bind_id (stmt, 14, c->created_by);
  bind_text (stmt, 15, c->created_at);
  if (!step (self, stmt, error))
    return FALSE;
  id = sqlite3_last_insert_rowid (self->db);

  if (!insert_codes (self, STMT_CASE_TAG, id, c->tags, error) ||
      !insert_codes (self, STMT_CASE_FLAG, id, c->flags, error))
    return FALSE;

  number_search = number_terms (number);
  if (!insert_search (self, 2 * id + 1, "c", id, NULL, NULL, NULL, NULL, number_search, error))
    return FALSE;

  if (id_out != NULL)
    *id_out = id;
  if (number_out != NULL)
    *number_out = g_steal_pointer (&number);
  return TRUE;
}

gboolean
udha_store_bulk_add_consent (UdhaStoreBulk          *self,
                             const UdhaBulkConsent  *c,
                             gint64                 *id_out,
                             GError                **error)
{
  sqlite3_stmt *stmt = stmt_get (self, STMT_CONSENT);

  sqlite3_bind_int64 (stmt, 1, c->person_id);
  bind_text (stmt, 2, c->purpose);
  bind_text (stmt, 3, c->legal_basis != NULL ? c->legal_basis : "consent");
  bind_text (stmt, 4, c->scope);
  bind_text (stmt, 5, c->given_by);
  bind_text (stmt, 6, c->how_given);
  bind_text (stmt, 7, c->given_on);
  bind_text (stmt, 8, c->expires_on);
  bind_text (stmt, 9, c->withdrawn_on);
  bind_id (stmt, 10, c->created_by);
  bind_text (stmt, 11, c->created_at);
  if (!step (self, stmt, error))
    return FALSE;
  if (id_out != NULL)
    *id_out = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

gboolean
udha_store_bulk_add_interview (UdhaStoreBulk            *self,
                               const UdhaBulkInterview  *iv,
                               GError                  **error)
{
  sqlite3_stmt *stmt = stmt_get (self, STMT_INTERVIEW);

  sqlite3_bind_int64 (stmt, 1, iv->case_id);
  bind_text (stmt, 2, iv->occurred_at);
  if (iv->duration_minutes >= 0)
    sqlite3_bind_int (stmt, 3, iv->duration_minutes);
  bind_text (stmt, 4, iv->contact_type);
  bind_text (stmt, 5, iv->location);
  bind_text (stmt, 6, iv->qark);
  bind_text (stmt, 7, iv->language);
  bind_text (stmt, 8, iv->interpreter);
  bind_text (stmt, 9, iv->consent_reconfirmed);
  bind_text (stmt, 10, iv->narrative);
  sqlite3_bind_int (stmt, 11, iv->confidential != FALSE);
  bind_text (stmt, 12, iv->risk_after);
  bind_text (stmt, 13, iv->next_follow_up);
  bind_id (stmt, 14, iv->author_id);
  return step (self, stmt, error);
}

gboolean
udha_store_bulk_add_service (UdhaStoreBulk          *self,
                             const UdhaBulkService  *s,
                             GError                **error)
{
  sqlite3_stmt *stmt = stmt_get (self, STMT_SERVICE);

  sqlite3_bind_int64 (stmt, 1, s->case_id);
  bind_text (stmt, 2, s->service_code);
  bind_text (stmt, 3, s->delivery);
  bind_text (stmt, 4, s->status != NULL ? s->status : "planned");
  bind_text (stmt, 5, s->planned_on);
  bind_text (stmt, 6, s->due_on);
  bind_text (stmt, 7, s->delivered_on);
  bind_id (stmt, 8, s->provider_org_id);
  bind_id (stmt, 9, s->referral_id);
  bind_text (stmt, 10, s->outcome);
  bind_id (stmt, 11, s->approved_by);
  bind_id (stmt, 12, s->created_by);
  bind_text (stmt, 13, s->created_at);
  return step (self, stmt, error);
}

/**
 * udha_store_bulk_add_referral:
 *
 * Inserts the referral in its final state and its transitions, oldest
 * first; the row version counts the status changes after the creation, as
 * if each had been saved through udha_store_set_referral_status().
 */
gboolean
udha_store_bulk_add_referral (UdhaStoreBulk           *self,
                              const UdhaBulkReferral  *r,
                              gint64                  *id_out,
                              GError                 **error)
{
  sqlite3_stmt *stmt = stmt_get (self, STMT_REFERRAL);
  gint64 id;

  sqlite3_bind_int64 (stmt, 1, r->case_id);
  sqlite3_bind_int64 (stmt, 2, r->org_id);
  bind_text (stmt, 3, r->service_code);
  bind_text (stmt, 4, r->urgency != NULL ? r->urgency : "routine");
  bind_text (stmt, 5, r->reason);
  bind_text (stmt, 6, r->status != NULL ? r->status : "draft");
  bind_text (stmt, 7, r->follow_up_due);
  bind_id (stmt, 8, r->consent_id);
  bind_text (stmt, 9, r->override_basis);
  bind_text (stmt, 10, r->override_reason);
  bind_id (stmt, 11, r->override_by);
  bind_text (stmt, 12, r->sent_on);
  bind_text (stmt, 13, r->sent_via);
  bind_text (stmt, 14, r->outcome);
  bind_id (stmt, 15, r->created_by);
  bind_text (stmt, 16, r->created_at);
  bind_text (stmt, 17, r->status_changed_at != NULL ? r->status_changed_at : r->created_at);
  sqlite3_bind_int (stmt, 18, r->n_transitions > 1 ? (int) r->n_transitions : 1);
  if (!step (self, stmt, error))
    return FALSE;
  id = sqlite3_last_insert_rowid (self->db);

  for (guint i = 0; i < r->n_transitions; i++)
    {
      const UdhaBulkTransition *t = &r->transitions[i];

      stmt = stmt_get (self, STMT_TRANSITION);
      sqlite3_bind_int64 (stmt, 1, id);
      bind_text (stmt, 2, t->at);
      bind_id (stmt, 3, t->user_id);
      bind_text (stmt, 4, t->from_status);
      bind_text (stmt, 5, t->to_status);
      bind_text (stmt, 6, t->reason);
      if (!step (self, stmt, error))
        return FALSE;
    }

  if (id_out != NULL)
    *id_out = id;
  return TRUE;
}

/**
 * udha_store_bulk_checkpoint:
 *
 * Commits what was inserted so far and begins the next transaction.
 */
gboolean
udha_store_bulk_checkpoint (UdhaStoreBulk  *self,
                            GError        **error)
{
  g_return_val_if_fail (self->in_transaction, FALSE);

  if (!save_counters (self, error))
    return FALSE;
  self->in_transaction = FALSE;
  if (!udha_store_commit (self->store, error))
    return FALSE;
  if (!udha_store_begin (self->store, error))
    return FALSE;
  self->in_transaction = TRUE;
  return TRUE;
}

/**
 * udha_store_bulk_finish:
 *
 * Writes the number counters, computes the stored caseload keys of the new
 * cases and builds the caseload indexes again (schema v2), commits,
 * refreshes the query planner's statistics and restores the page cache.
 */
gboolean
udha_store_bulk_finish (UdhaStoreBulk  *self,
                        GError        **error)
{
  g_return_val_if_fail (self->in_transaction, FALSE);

  if (!save_counters (self, error) ||
      !_udha_store_bulk_load_end (self->store, error))
    return FALSE;
  self->in_transaction = FALSE;
  if (!udha_store_commit (self->store, error))
    return FALSE;
  /* Fresh statistics, so that the caseload queries pick the index of
   * their scope and sort; a sampled ANALYZE takes a moment, not minutes. */
  if (!_udha_store_exec (self->store, "PRAGMA analysis_limit = 1000; ANALYZE; PRAGMA analysis_limit = 0;", error))
    return FALSE;
  self->finished = TRUE;
  return set_cache_size (self, self->saved_cache_size, error);
}

void
udha_store_bulk_free (UdhaStoreBulk *self)
{
  if (self == NULL)
    return;

  if (self->in_transaction)
    udha_store_rollback (self->store);
  if (!self->finished && self->db != NULL && _udha_store_get_db (self->store) != NULL)
    {
      g_autoptr(GError) error = NULL;

      /* Stopped half-way (cancelled, or an error): what the checkpoints
       * committed gets its caseload keys and indexes now. */
      if (!udha_store_begin (self->store, &error))
        g_warning ("Could not complete the stopped bulk load: %s", error->message);
      else if (!_udha_store_bulk_load_end (self->store, &error))
        {
          udha_store_rollback (self->store);
          g_warning ("Could not complete the stopped bulk load: %s", error->message);
        }
      else if (!udha_store_commit (self->store, &error))
        g_warning ("Could not complete the stopped bulk load: %s", error->message);
    }
  if (!self->finished && self->saved_cache_size != 0 && self->db != NULL)
    set_cache_size (self, self->saved_cache_size, NULL);

  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&self->stmts[i], sqlite3_finalize);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_pointer (&self->office_codes, g_hash_table_unref);
  g_clear_pointer (&self->case_counters, g_hash_table_unref);
  g_clear_pointer (&self->person_counters, g_hash_table_unref);
  g_string_free (self->buf_names, TRUE);
  g_string_free (self->buf_phonetic, TRUE);
  g_string_free (self->buf_docs, TRUE);
  g_clear_object (&self->store);
  g_free (self);
}
