/* udha-store-duplicates.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Duplicate candidates before registration (DOMAIN.md §2 "search before
 * create"): candidates are fetched by the search index (folded names,
 * aliases, phonetic keys, phone), by exact folded document number, by exact
 * phone digits, and by a date of birth within a year together with the same
 * folded given or family name; then each is scored by the model's scorer
 * (udha-duplicates.h) and ranked. */

#define G_LOG_DOMAIN "udha-store-duplicates"

#include "config.h"

#include "udha-store-private.h"
#include "udha-duplicates.h"
#include "udha-text.h"

#include <stdlib.h>
#include <string.h>

#define MAX_CANDIDATES 200

/* A UdhaDuplicateSubject and the strings it borrows. */
typedef struct
{
  UdhaDuplicateSubject  subject;
  char                 *name;
  GPtrArray            *strings;   /* owned strings */
  GPtrArray            *aliases;
  GPtrArray            *documents;
  GPtrArray            *phones;
} Subject;

static void
subject_clear (Subject *s)
{
  g_free (s->name);
  g_clear_pointer (&s->strings, g_ptr_array_unref);
  g_clear_pointer (&s->aliases, g_ptr_array_unref);
  g_clear_pointer (&s->documents, g_ptr_array_unref);
  g_clear_pointer (&s->phones, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Subject, subject_clear)

static const char * const *
terminate (GPtrArray *arr)
{
  g_ptr_array_add (arr, NULL);
  return (const char * const *) arr->pdata;
}

static void
subject_fill (Subject     *s,
              UdhaPerson  *p)
{
  g_autofree char *full = NULL;
  GPtrArray *arr;

  udha_duplicate_subject_init (&s->subject);
  s->strings = g_ptr_array_new_with_free_func (g_free);
  s->aliases = g_ptr_array_new ();
  s->documents = g_ptr_array_new ();
  s->phones = g_ptr_array_new ();

  full = g_strdup_printf ("%s %s", udha_person_get_given_name (p) != NULL ? udha_person_get_given_name (p) : "",
                          udha_person_get_family_name (p) != NULL ? udha_person_get_family_name (p) : "");
  s->name = udha_text_fold (full);
  s->subject.name = s->name;
  s->subject.sex = udha_person_get_sex (p);

  arr = udha_person_get_names (p);
  for (guint i = 0; i < arr->len; i++)
    {
      char *folded = udha_text_fold (((UdhaPersonName *) g_ptr_array_index (arr, i))->name);

      g_ptr_array_add (s->strings, folded);
      g_ptr_array_add (s->aliases, folded);
    }
  s->subject.aliases = terminate (s->aliases);

  arr = udha_person_get_documents (p);
  for (guint i = 0; i < arr->len; i++)
    {
      const char *number = ((UdhaPersonDocument *) g_ptr_array_index (arr, i))->number;
      char *folded;

      if (number == NULL)
        continue;
      folded = udha_text_doc_number_fold (number);
      g_ptr_array_add (s->strings, folded);
      g_ptr_array_add (s->documents, folded);
    }
  s->subject.documents = terminate (s->documents);

  if (udha_person_get_phone (p) != NULL)
    {
      char *digits = udha_text_phone_digits (udha_person_get_phone (p));

      g_ptr_array_add (s->strings, digits);
      if (digits != NULL && *digits != '\0')
        {
          gsize len = strlen (digits);

          g_ptr_array_add (s->phones, digits);
          /* +355 69 … and 069 … are the same number: compare the last 9 digits too */
          if (len > 9)
            {
              char *tail = g_strdup (digits + len - 9);

              g_ptr_array_add (s->strings, tail);
              g_ptr_array_add (s->phones, tail);
            }
        }
    }
  s->subject.phones = terminate (s->phones);
  s->subject.citizenships = udha_person_get_citizenships (p);

  if (udha_person_get_dob (p) != NULL)
    udha_date_parse (udha_person_get_dob (p), UDHA_DATE_ALLOW_PARTIAL, NULL, "dob", &s->subject.dob, NULL);
  if (udha_person_get_estimated_age (p) >= 0)
    s->subject.age = udha_person_get_estimated_age (p);
}

static gboolean
collect_ids (UdhaStore    *self,
             const char   *sql,
             const char   *text,
             gint64        number,
             GHashTable   *ids,
             GError      **error)
{
  g_autoptr(UdhaCachedStmt) stmt = udha_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, number);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (g_hash_table_size (ids) >= MAX_CANDIDATES * 2)
        break;
      g_hash_table_add (ids, g_memdup2 (&id, sizeof id));
    }
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return _udha_store_fail (self, rc, error);
  return TRUE;
}

/* names : "tok"* OR phonetic : "key" for every name token, joined by OR */
static char *
name_expression (UdhaPerson *p)
{
  g_autoptr(GString) expr = g_string_new (NULL);
  const char *parts[] = { udha_person_get_given_name (p), udha_person_get_family_name (p) };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *folded = parts[i] != NULL ? udha_text_fold (parts[i]) : NULL;
      g_auto(GStrv) tokens = NULL;

      if (folded == NULL)
        continue;
      tokens = g_regex_split_simple ("[^a-z0-9]+", folded, 0, 0);
      for (guint j = 0; tokens[j] != NULL; j++)
        {
          g_autofree char *key = NULL;

          if (strlen (tokens[j]) < 2)
            continue;
          if (expr->len > 0)
            g_string_append (expr, " OR ");
          g_string_append_printf (expr, "names : \"%s\"", tokens[j]);
          key = udha_text_phonetic_token (tokens[j]);
          if (key != NULL && *key != '\0' && strchr (key, '"') == NULL)
            g_string_append_printf (expr, " OR phonetic : \"%s\"", key);
        }
    }
  if (expr->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&expr), FALSE);
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const UdhaDuplicateCandidate *ca = *(UdhaDuplicateCandidate **) a;
  const UdhaDuplicateCandidate *cb = *(UdhaDuplicateCandidate **) b;

  if (ca->score != cb->score)
    return cb->score - ca->score;
  return ca->person_id < cb->person_id ? -1 : ca->person_id > cb->person_id;
}

void
udha_duplicate_candidate_free (UdhaDuplicateCandidate *candidate)
{
  if (candidate == NULL)
    return;
  g_strfreev (candidate->reasons);
  g_free (candidate);
}

/**
 * udha_store_find_duplicates:
 * @self: a #UdhaStore
 * @candidate: the person about to be registered (not saved yet, or saved:
 *   its own id is skipped)
 * @error: return location for a #GError
 *
 * Finds existing persons who may be the same person, over the whole vault
 * (the session decides what to show of those outside its scope).
 *
 * Returns: (transfer full) (element-type UdhaDuplicateCandidate): candidates
 *   scoring at least %UDHA_DUPLICATE_THRESHOLD, or matching a document or a
 *   phone exactly, best first
 */
GPtrArray *
udha_store_find_duplicates (UdhaStore   *self,
                            UdhaPerson  *candidate,
                            GError     **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) udha_duplicate_candidate_free);
  g_auto(Subject) me = { { 0 } };
  g_autofree char *expr = NULL;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (UDHA_IS_STORE (self), NULL);
  g_return_val_if_fail (UDHA_IS_PERSON (candidate), NULL);

  subject_fill (&me, candidate);

  expr = name_expression (candidate);
  if (expr != NULL &&
      !collect_ids (self, "SELECT ref_id FROM search WHERE search MATCH ?1 AND kind = 'p' "
                          "ORDER BY rank LIMIT 200;", expr, 0, ids, error))
    return NULL;

  for (guint i = 0; me.documents->pdata[i] != NULL; i++)
    {
      if (!collect_ids (self, "SELECT person_id FROM person_documents WHERE number_folded = ?1 LIMIT 50;",
                        me.documents->pdata[i], 0, ids, error))
        return NULL;
    }

  for (guint i = 0; me.phones->pdata[i] != NULL; i++)
    {
      const char *digits = me.phones->pdata[i];
      gsize len = strlen (digits);

      if (len < 9)
        continue;
      g_autofree char *fts = g_strdup_printf ("phones : \"%s\"", len > 9 ? digits + len - 9 : digits);

      if (!collect_ids (self, "SELECT id FROM persons WHERE phone_digits = ?1 LIMIT 50;", digits, 0, ids, error) ||
          !collect_ids (self, "SELECT ref_id FROM search WHERE search MATCH ?1 AND kind = 'p' LIMIT 50;",
                        fts, 0, ids, error))
        return NULL;
    }

  if (udha_person_get_dob (candidate) != NULL && g_ascii_isdigit (udha_person_get_dob (candidate)[0]))
    {
      int year = atoi (udha_person_get_dob (candidate));
      g_autofree char *family = udha_text_fold (udha_person_get_family_name (candidate));
      g_autofree char *given = udha_text_fold (udha_person_get_given_name (candidate));

      if (!collect_ids (self, "SELECT id FROM persons WHERE dob_year BETWEEN ?2 - 1 AND ?2 + 1 "
                              "AND family_folded = ?1 LIMIT 100;", family, year, ids, error) ||
          !collect_ids (self, "SELECT id FROM persons WHERE dob_year BETWEEN ?2 - 1 AND ?2 + 1 "
                              "AND given_folded = ?1 LIMIT 100;", given, year, ids, error))
        return NULL;
    }

  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gint64 id = *(gint64 *) key;
      g_autoptr(UdhaPerson) other = NULL;
      g_auto(Subject) them = { { 0 } };
      UdhaDuplicateReason reasons = UDHA_DUPLICATE_REASON_NONE;
      UdhaDuplicateCandidate *c;
      guint score;

      if (id == udha_person_get_id (candidate))
        continue;
      other = udha_store_get_person (self, id, error);
      if (other == NULL)
        return NULL;
      subject_fill (&them, other);
      score = udha_duplicate_score (&me.subject, &them.subject, NULL, &reasons);
      if (score < UDHA_DUPLICATE_THRESHOLD &&
          !(reasons & (UDHA_DUPLICATE_REASON_DOCUMENT_MATCH | UDHA_DUPLICATE_REASON_PHONE_MATCH)))
        continue;

      c = g_new0 (UdhaDuplicateCandidate, 1);
      c->person_id = id;
      c->score = score;
      c->reasons = udha_duplicate_reasons_to_codes (reasons);
      g_ptr_array_add (result, c);
    }

  g_ptr_array_sort (result, compare_candidates);
  return g_steal_pointer (&result);
}
