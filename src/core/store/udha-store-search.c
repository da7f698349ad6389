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

static void
add_name_terms (GString    *names,
                GString    *phonetic,
                const char *name)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) tokens = NULL;

  if (name == NULL || *name == '\0')
    return;

  folded = udha_text_fold (name);
  if (folded == NULL)
    return;
  g_string_append_printf (names, "%s ", folded);

  if (phonetic == NULL)
    return;
  tokens = g_regex_split_simple ("[^a-z0-9]+", folded, 0, 0);
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      g_autofree char *key = NULL;

      if (tokens[i][0] == '\0')
        continue;
      key = udha_text_phonetic_token (tokens[i]);
      if (key != NULL && *key != '\0')
        g_string_append_printf (phonetic, "%s ", key);
    }
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
char *
_udha_store_search_expression (const char *query)
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
      g_autofree char *key = NULL;
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

      key = udha_text_phonetic_token (clean);
      if (key != NULL && *key != '\0')
        {
          g_string_append (expr, " OR phonetic : ");
          append_quoted (expr, key);
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
GArray *
udha_store_search (UdhaStore             *self,
                   const char            *query,
                   const UdhaStoreScope  *scope,
                   guint                  limit,
                   GError               **error)
{
  g_autoptr(GArray) hits = g_array_new (FALSE, TRUE, sizeof (UdhaSearchHit));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *expr = NULL;
  g_autoptr(GArray) raw = g_array_new (FALSE, TRUE, sizeof (UdhaSearchHit));
  int rc;

  g_return_val_if_fail (UDHA_IS_STORE (self), NULL);

  if (limit == 0)
    limit = 50;

  expr = _udha_store_search_expression (query);
  if (expr == NULL)
    return g_steal_pointer (&hits);

  {
    g_autoptr(UdhaCachedStmt) stmt =
      udha_store_prepare (self,
                          "SELECT CASE s.kind WHEN 'p' THEN s.ref_id ELSE c.person_id END, "
                          "       CASE s.kind WHEN 'c' THEN s.ref_id ELSE 0 END, s.rank "
                          "FROM search s LEFT JOIN cases c ON s.kind = 'c' AND c.id = s.ref_id "
                          "WHERE search MATCH ?1 ORDER BY s.rank LIMIT ?2;", error);

    if (stmt == NULL)
      return NULL;
    sqlite3_bind_text (stmt, 1, expr, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64 (stmt, 2, (gint64) limit * 8 + 64);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        UdhaSearchHit hit = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                              sqlite3_column_double (stmt, 2) };

        g_array_append_val (raw, hit);
      }
    if (rc != SQLITE_DONE)
      {
        _udha_store_fail (self, rc, error);
        return NULL;
      }
  }

  for (guint i = 0; i < raw->len && hits->len < limit; i++)
    {
      UdhaSearchHit *hit = &g_array_index (raw, UdhaSearchHit, i);
      g_autoptr(GError) local_error = NULL;
      gboolean visible;

      if (hit->person_id == 0 || g_hash_table_contains (seen, &hit->person_id))
        continue;

      if (scope == NULL)
        visible = TRUE;
      else if (hit->case_id != 0)
        visible = udha_store_case_in_scope (self, hit->case_id, scope, &local_error);
      else
        visible = udha_store_person_in_scope (self, hit->person_id, scope, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (!visible)
        continue;

      g_hash_table_add (seen, &hit->person_id);
      g_array_append_val (hits, *hit);
    }

  return g_steal_pointer (&hits);
}
