/* test-store-vocabulary.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The schema repeats some coded vocabularies as CHECK constraints (a second
 * line of defence against a bad write). This test reads every
 * "CHECK (column IN (...))" from a freshly created vault and compares it
 * with the vocabulary in udha-lookup.c, so the two cannot drift apart: a
 * code the application offers but the schema refuses would fail at save.
 */

#include "config.h"

#include <locale.h>

#include "udha-core.h"
#include "udha-lookup.h"
#include "udha-store-test-utils.h"

typedef struct
{
  const char     *column;   /* "column", or "table.column" where it differs per table */
  int             kind;     /* UdhaLookupKind, or -1: not a vocabulary */
} ColumnKind;

static const ColumnKind columns[] = {
  { "cases.status", UDHA_LOOKUP_CASE_STATUS },
  { "services.status", UDHA_LOOKUP_SERVICE_STATUS },
  { "referrals.status", UDHA_LOOKUP_REFERRAL_STATUS },
  { "delivery", UDHA_LOOKUP_SERVICE_DELIVERY },
  { "doc_type", UDHA_LOOKUP_DOCUMENT_TYPE },
  { "purpose", UDHA_LOOKUP_CONSENT_PURPOSE },
  { "age_basis", UDHA_LOOKUP_AGE_BASIS },
  { "case_type", UDHA_LOOKUP_CASE_TYPE },
  { "child_status", UDHA_LOOKUP_CHILD_STATUS },
  { "consent_reconfirmed", UDHA_LOOKUP_CONSENT_RECONFIRMED },
  { "given_by", UDHA_LOOKUP_CONSENT_GIVEN_BY },
  { "interpreter", UDHA_LOOKUP_INTERPRETER },
  { "org_type", UDHA_LOOKUP_ORGANISATION_TYPE },
  { "risk", UDHA_LOOKUP_RISK_LEVEL },
  { "risk_after", UDHA_LOOKUP_RISK_LEVEL },
  { "role", UDHA_LOOKUP_ROLE },
  { "sex", UDHA_LOOKUP_SEX },
  { "urgency", UDHA_LOOKUP_REFERRAL_URGENCY },
  { "whereabouts", UDHA_LOOKUP_WHEREABOUTS },
  /* Storage details, not vocabularies shown to people. */
  { "dob_precision", -1 },
  { "kind", -1 },
};

static const ColumnKind *
find_column (const char *table,
             const char *name)
{
  g_autofree char *qualified = g_strdup_printf ("%s.%s", table, name);

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (g_strcmp0 (columns[i].column, qualified) == 0)
      return &columns[i];
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (g_strcmp0 (columns[i].column, name) == 0)
      return &columns[i];

  return NULL;
}

static void
test_schema_checks_match_vocabulary (StoreFixture  *f,
                                     gconstpointer  data)
{
  g_autoptr(GRegex) check = g_regex_new ("CHECK \\(([a-z_]+) IN \\(('[^)]*)\\)\\)", 0, 0, NULL);
  sqlite3 *db = udha_vault_get_connection (f->vault);
  sqlite3_stmt *stmt = NULL;
  guint compared = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND sql IS NOT NULL;",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (stmt, 0);
      const char *sql = (const char *) sqlite3_column_text (stmt, 1);
      g_autoptr(GMatchInfo) match = NULL;

      g_regex_match (check, sql, 0, &match);
      while (g_match_info_matches (match))
        {
          g_autofree char *column = g_match_info_fetch (match, 1);
          g_autofree char *list = g_match_info_fetch (match, 2);
          const ColumnKind *ck = find_column (table, column);
          g_auto(GStrv) items = g_strsplit (list, ",", -1);
          g_autoptr(GHashTable) in_schema = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          const UdhaLookupEntry *entries;
          guint n = 0;

          if (ck == NULL)
            g_error ("The schema checks the codes of “%s.%s”: map it to its vocabulary in this test",
                     table, column);

          for (guint i = 0; items[i] != NULL; i++)
            {
              char *code = g_strstrip (items[i]);

              if (code[0] == '\'')
                g_hash_table_add (in_schema, g_strndup (code + 1, strlen (code) - 2));
            }

          if (ck->kind >= 0)
            {
              entries = udha_lookup_list (ck->kind, &n);
              for (guint i = 0; i < n; i++)
                if (!g_hash_table_contains (in_schema, entries[i].code))
                  g_error ("Column “%s.%s”: code “%s” is in the vocabulary but the schema refuses it",
                           table, column, entries[i].code);
              if (g_hash_table_size (in_schema) != n)
                g_error ("Column “%s.%s”: the schema allows %u codes, the vocabulary has %u",
                         table, column, g_hash_table_size (in_schema), n);
              compared++;
            }

          g_match_info_next (match, NULL);
        }
    }
  sqlite3_finalize (stmt);

  g_assert_cmpuint (compared, >=, 18);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_assert_true (udha_core_init (&error));

  g_test_add ("/udha/store/schema/checks-match-vocabulary", StoreFixture, NULL,
              store_fixture_set_up, test_schema_checks_match_vocabulary, store_fixture_tear_down);

  return g_test_run ();
}
