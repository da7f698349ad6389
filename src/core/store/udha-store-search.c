/* udha-store-search.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The search index (DOMAIN.md §2 "search before create"): one FTS5 row per
 * person (rowid 2·id) and per case (rowid 2·id + 1), written in the same
 * transaction as the record. Columns:
 *
 *   names     folded names and aliases (lower case, ë→e, ç→c)
 *   phonetic  one phonetic key per name token (Mohamed, Muhammad → same key)
 *   docs      folded document numbers
 *   phones    phone digits, and their last 9 digits (+355 69… = 069…)
 *   numbers   registration and case numbers, folded, without separators
 *
 * The folding and the phonetic keys come from the model (udha-text.h), so
 * index and query fold the same way. */

#define G_LOG_DOMAIN "udha-store-search"

#include "config.h"

#include "udha-store-private.h"
#include "udha-text.h"

#include <glib/gi18n.h>
#include <string.h>

/* How many matches one search stage looks at, at most. */
#define UDHA_STORE_SEARCH_MAX_SCANNED 5000

/* Keeps ASCII letters and digits of a folded string. */
static char *
alnum_only (const char *folded)
{
  GString *out = g_string_new (NULL);

  for (const char *p = folded; p != NULL && *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (out, g_ascii_tolower (*p));
    }
  return g_string_free (out, FALSE);
}

/**
 * _udha_store_append_phonetic_terms:
 * @out: where the terms go
 * @name: a name, folded or not
 *
 * Appends the phonetic key of @name (udha_text_phonetic_key(): particles
 * dropped, Abd- forms and glued articles split), each term followed by a
 * space. The one definition of the indexed phonetic terms, shared with the
 * bulk loader.
 */
void
_udha_store_append_phonetic_terms (GString    *out,
                                   const char *name)
{
  g_autofree char *key = udha_text_phonetic_key (name);
  g_auto(GStrv) terms = NULL;

  if (key == NULL || *key == '\0')
    return;

  terms = g_strsplit (key, " ", -1);
  for (guint i = 0; terms[i] != NULL; i++)
    {
      /* FTS5 splits on anything but letters and digits: keep keys plain. */
      g_autofree char *clean = alnum_only (terms[i]);

      if (*clean != '\0')
        g_string_append_printf (out, "%s ", clean);
    }
}

static void
add_name_terms (GString    *names,
                GString    *phonetic,
                const char *name)
{
  g_autofree char *folded = NULL;

  if (name == NULL || *name == '\0')
    return;

  folded = udha_text_fold (name);
  if (folded == NULL)
    return;
  g_string_append_printf (names, "%s ", folded);

  if (phonetic != NULL)
    _udha_store_append_phonetic_terms (phonetic, folded);
}

static void
add_phone_terms (GString    *phones,
                 const char *digits)
{
  gsize len;

  if (digits == NULL || *digits == '\0')
    return;
  g_string_append_printf (phones, "%s ", digits);
  len = strlen (digits);
  if (len > 9)
    g_string_append_printf (phones, "%s ", digits + len - 9);
}

static gboolean
write_index_row (UdhaStore   *self,
                 gint64       rowid,
                 const char  *kind,
                 gint64       ref_id,
                 const char  *names,
                 const char  *phonetic,
                 const char  *docs,
                 const char  *phones,
                 const char  *numbers,
                 GError     **error)
{
  {
    g_autoptr(UdhaCachedStmt) stmt = udha_store_prepare (self, "DELETE FROM search WHERE rowid = ?1;", error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, rowid);
    if (!_udha_store_step_done (self, stmt, error))
      return FALSE;
  }
  {
    g_autoptr(UdhaCachedStmt) stmt =
      udha_store_prepare (self, "INSERT INTO search (rowid, kind, ref_id, names, phonetic, docs, phones, numbers) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8);", error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, rowid);
    _udha_bind_text (stmt, 2, kind);
    sqlite3_bind_int64 (stmt, 3, ref_id);
    _udha_bind_text (stmt, 4, names);
    _udha_bind_text (stmt, 5, phonetic);
    _udha_bind_text (stmt, 6, docs);
    _udha_bind_text (stmt, 7, phones);
    _udha_bind_text (stmt, 8, numbers);
    return _udha_store_step_done (self, stmt, error);
  }
}

/* Called inside the person's write transaction: derived columns + FTS row. */
gboolean
_udha_store_index_person (UdhaStore   *self,
                          UdhaPerson  *person,
                          GError     **error)
{
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GString) phonetic = g_string_new (NULL);
  g_autoptr(GString) name_phonetic = g_string_new (NULL);
  g_autoptr(GString) docs = g_string_new (NULL);
  g_autoptr(GString) phones = g_string_new (NULL);
  g_autoptr(GString) numbers = g_string_new (NULL);
  g_autofree char *given_folded = NULL;
  g_autofree char *family_folded = NULL;
  g_autofree char *digits = NULL;
  const char *dob = udha_person_get_dob (person);
  const char *number = udha_person_get_registration_number (person);
  gint64 id = udha_person_get_id (person);
  GPtrArray *arr;

  given_folded = udha_text_fold (udha_person_get_given_name (person));
  family_folded = udha_text_fold (udha_person_get_family_name (person));
  add_name_terms (names, phonetic, udha_person_get_given_name (person));
  add_name_terms (names, phonetic, udha_person_get_family_name (person));
  g_string_append (name_phonetic, phonetic->str);
  add_name_terms (names, NULL, udha_person_get_father_name (person));

  arr = udha_person_get_names (person);
  for (guint i = 0; i < arr->len; i++)
    add_name_terms (names, phonetic, ((UdhaPersonName *) g_ptr_array_index (arr, i))->name);

  arr = udha_person_get_documents (person);
  for (guint i = 0; i < arr->len; i++)
    {
      UdhaPersonDocument *d = g_ptr_array_index (arr, i);
      g_autofree char *folded = d->number != NULL ? udha_text_doc_number_fold (d->number) : NULL;
      g_autofree char *clean = folded != NULL ? alnum_only (folded) : NULL;

      if (clean != NULL && *clean != '\0')
        g_string_append_printf (docs, "%s ", clean);
    }

  if (udha_person_get_phone (person) != NULL)
    digits = udha_text_phone_digits (udha_person_get_phone (person));
  add_phone_terms (phones, digits);

  if (number != NULL)
    {
      g_autofree char *folded = udha_text_fold (number);
      g_autofree char *clean = alnum_only (folded);

      g_string_append_printf (numbers, "%s %s", clean, folded);
    }

  {
    g_autoptr(UdhaCachedStmt) stmt =
      udha_store_prepare (self, "UPDATE persons SET given_folded = ?2, family_folded = ?3, name_phonetic = ?4, "
                                "phone_digits = ?5, dob_year = ?6 WHERE id = ?1;", error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, id);
    _udha_bind_text (stmt, 2, given_folded);
    _udha_bind_text (stmt, 3, family_folded);
    _udha_bind_text (stmt, 4, g_strstrip (name_phonetic->str));
    _udha_bind_text (stmt, 5, digits != NULL && *digits != '\0' ? digits : NULL);
    if (dob != NULL && strlen (dob) >= 4 && g_ascii_isdigit (dob[0]))
      sqlite3_bind_int (stmt, 6, atoi (dob));
    else
      sqlite3_bind_null (stmt, 6);
    if (!_udha_store_step_done (self, stmt, error))
      return FALSE;
  }

  return write_index_row (self, 2 * id, "p", id, names->str, phonetic->str, docs->str,
                          phones->str, numbers->str, error);
}

gboolean
_udha_store_index_case (UdhaStore  *self,
                        UdhaCase   *case_,
                        GError    **error)
{
  g_autofree char *folded = udha_text_fold (udha_case_get_number (case_));
  g_autofree char *clean = alnum_only (folded);
  g_autofree char *numbers = g_strdup_printf ("%s %s", clean, folded);
  gint64 id = udha_case_get_id (case_);

  return write_index_row (self, 2 * id + 1, "c", id, NULL, NULL, NULL, NULL, numbers, error);
}

static void
append_quoted (GString    *expr,
               const char *text)
{
  g_string_append_c (expr, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (expr, '"');
      g_string_append_c (expr, *p);
    }
  g_string_append_c (expr, '"');
}

/**
 * _udha_store_search_expression: (skip)
 *
 * Builds the FTS5 query from user text: every whitespace-separated token
 * must match (AND), each through its folded form (prefix) in names, its
 * phonetic key, or its folded alphanumerics (prefix) in document, phone and
 * case/registration numbers. Returns %NULL when nothing is searchable.
 */
static char *
search_expression (const char *query,
                   gboolean    spelled_only);

char *
_udha_store_search_expression (const char *query)
{
  return search_expression (query, FALSE);
}

/* With @spelled_only, only names as typed (prefix), documents and numbers:
 * the first stage of a search, before other spellings. */
static char *
search_expression (const char *query,
                   gboolean    spelled_only)
{
  g_autoptr(GString) expr = g_string_new (NULL);
  g_auto(GStrv) tokens = NULL;

  if (query == NULL)
    return NULL;

  tokens = g_strsplit_set (query, " \t\n\r,;", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      g_autofree char *folded = NULL;
      g_autofree char *clean = NULL;
      g_autofree char *digits = NULL;

      if (tokens[i][0] == '\0')
        continue;
      folded = udha_text_fold (tokens[i]);
      if (folded == NULL)
        continue;
      clean = alnum_only (folded);
      if (*clean == '\0')
        continue;

      if (expr->len > 0)
        g_string_append (expr, " AND ");
      g_string_append (expr, "(names : ");
      append_quoted (expr, folded);
      g_string_append (expr, "*");

      /* The same phonetic terms as the index: "alhasan" and "Al Hassan"
       * both give "hasn"; "abdulrahman" gives "abdl rahmn", all required. */
      if (!spelled_only)
      {
        g_autoptr(GString) terms = g_string_new (NULL);
        g_auto(GStrv) keys = NULL;
        guint n_keys;

        _udha_store_append_phonetic_terms (terms, folded);
        keys = g_strsplit (g_strstrip (terms->str), " ", -1);
        n_keys = g_strv_length (keys);
        if (n_keys > 0 && keys[0][0] != '\0')
          {
            g_string_append (expr, " OR phonetic : (");
            for (guint k = 0; k < n_keys; k++)
              {
                if (k > 0)
                  g_string_append (expr, " AND ");
                append_quoted (expr, keys[k]);
              }
            g_string_append (expr, ")");
          }
      }

      g_string_append (expr, " OR docs : ");
      append_quoted (expr, clean);
      g_string_append (expr, "* OR numbers : ");
      append_quoted (expr, clean);
      g_string_append (expr, "*");

      digits = udha_text_phone_digits (tokens[i]);
      if (digits != NULL && strlen (digits) >= 3)
        {
          gsize len = strlen (digits);

          g_string_append (expr, " OR phones : ");
          append_quoted (expr, len > 9 ? digits + len - 9 : digits);
          g_string_append (expr, "*");
        }
      g_string_append (expr, ")");
    }

  if (expr->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&expr), FALSE);
}

/**
 * udha_store_search:
 * @self: a #UdhaStore
 * @query: what the user typed: names (any spelling, with or without
 *   diacritics), document, phone, registration or case numbers
 * @scope: (nullable): what the session may see; %NULL for everything
 * @limit: the largest number of hits
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type UdhaSearchHit): one hit per person,
 *   best first
 */
/* Runs one stage of a search: steps through the matches newest first, keeps
 * the visible ones not seen yet, and stops at @limit hits. FTS5 streams
 * "ORDER BY rowid DESC" without computing a rank for every match, so a
 * common name ("Mohamed" matches tens of thousands of people in a large
 * vault) costs what the first page costs, not what all matches cost. */
static gboolean
search_stage (UdhaStore             *self,
              const char            *expr,
              const UdhaStoreScope  *scope,
              guint                  limit,
              double                 score,
              GHashTable            *seen,
              GArray                *hits,
              GError               **error)
{
  g_autoptr(UdhaCachedStmt) stmt =
    udha_store_prepare (self,
                        "SELECT CASE s.kind WHEN 'p' THEN s.ref_id ELSE c.person_id END, "
                        "       CASE s.kind WHEN 'c' THEN s.ref_id ELSE 0 END "
                        "FROM search s LEFT JOIN cases c ON s.kind = 'c' AND c.id = s.ref_id "
                        "WHERE search MATCH ?1 ORDER BY s.rowid DESC;", error);
  guint scanned = 0;
  int rc = SQLITE_DONE;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, expr, -1, SQLITE_TRANSIENT);
  while (hits->len < limit && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UdhaSearchHit hit = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1), score };
      g_autoptr(GError) local_error = NULL;
      gboolean visible;

      /* A caseworker may see few of many matches: bound the walk. */
      if (++scanned > UDHA_STORE_SEARCH_MAX_SCANNED)
        break;

      if (hit.person_id == 0 || g_hash_table_contains (seen, &hit.person_id))
        continue;

      if (scope == NULL)
        visible = TRUE;
      else if (hit.case_id != 0)
        visible = udha_store_case_in_scope (self, hit.case_id, scope, &local_error);
      else
        visible = udha_store_person_in_scope (self, hit.person_id, scope, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!visible)
        continue;

      g_array_append_val (hits, hit);
      g_hash_table_add (seen, &g_array_index (hits, UdhaSearchHit, hits->len - 1).person_id);
      score -= 1e-6;
    }

  if (hits->len < limit && scanned <= UDHA_STORE_SEARCH_MAX_SCANNED && rc != SQLITE_DONE)
    {
      _udha_store_fail (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

/**
 * udha_store_search:
 * @self: a #UdhaStore
 * @query: what the user typed: names (any spelling, with or without
 *   diacritics), document, phone, registration or case numbers
 * @scope: (nullable): what the session may see; %NULL for everything
 * @limit: the largest number of hits
 * @error: return location for a #GError
 *
 * Names spelled as typed (and documents, phones, numbers) come first, newest
 * first; then other spellings of the names (phonetic keys), newest first.
 *
 * Returns: (transfer full) (element-type UdhaSearchHit): one hit per person,
 *   best first
 */
GArray *
udha_store_search (UdhaStore             *self,
                   const char            *query,
                   const UdhaStoreScope  *scope,
                   guint                  limit,
                   GError               **error)
{
  g_autoptr(GArray) hits = g_array_new (FALSE, TRUE, sizeof (UdhaSearchHit));
  g_autoptr(GHashTable) seen = NULL;
  g_autofree char *spelled = NULL;
  g_autofree char *any = NULL;

  g_return_val_if_fail (UDHA_IS_STORE (self), NULL);

  if (limit == 0)
    limit = 50;
  /* Reserved up front: @seen points into the array's elements. */
  g_array_set_size (hits, limit);
  g_array_set_size (hits, 0);
  seen = g_hash_table_new (g_int64_hash, g_int64_equal);

  spelled = search_expression (query, TRUE);
  any = search_expression (query, FALSE);
  if (spelled == NULL || any == NULL)
    return g_steal_pointer (&hits);

  if (!search_stage (self, spelled, scope, limit, 2.0, seen, hits, error))
    return NULL;
  if (hits->len < limit && g_strcmp0 (spelled, any) != 0 &&
      !search_stage (self, any, scope, limit, 1.0, seen, hits, error))
    return NULL;

  return g_steal_pointer (&hits);
}
