/* test-store-fixture.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens a vault written by schema v1 (tests/fixtures/vault-v1, made with
 * udha-cli: an office, an administrator and a caseworker, a partner
 * organisation, a person, a case, an interview, a consent and a referral)
 * and checks that every record reads back after the store's migrations ran.
 * It proves that a v1 vault survives the migrations to v2 and v3 with
 * every row (the v2 columns backfilled, the v3 indexes built); keep the fixture, and add one per
 * released schema version.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>

#include "udha-core.h"
#include "udha-session.h"
#include "udha-store.h"
#include "udha-vault.h"

#define FIXTURE_ADMIN_PASS "fixture admin passphrase"
#define FIXTURE_ARTA_PASS  "fixture arta passphrase"

static char *
copy_fixture (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("udha-fixture-XXXXXX", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      const char *name = i == 0 ? "cases.udb" : "cases.udb.keys";
      g_autofree char *from = g_test_build_filename (G_TEST_DIST, "fixtures", "vault-v1", name, NULL);
      g_autofree char *to = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (from, &contents, &len, &error));
      g_assert_true (g_file_set_contents (to, contents, (gssize) len, &error));
    }

  return dir;
}

static void
remove_dir (const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  if (d != NULL)
    g_dir_close (d);
  g_rmdir (dir);
}

/* The number of rows of every table, by a connection of its own. */
static GHashTable *
count_rows (UdhaVault *vault)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = udha_vault_open_connection (vault, &error);
  sqlite3_stmt *stmt = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table' "
                                           "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_%'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < tables->len; i++)
    {
      const char *table = g_ptr_array_index (tables, i);
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", table);

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_hash_table_insert (counts, g_strdup (table), GINT_TO_POINTER (sqlite3_column_int (stmt, 0)));
      sqlite3_finalize (stmt);
    }
  udha_vault_close_connection (vault, db);
  return g_steal_pointer (&counts);
}

static int
query_int (UdhaStore  *store,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = udha_store_prepare (store, sql, &error);
  int value;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

static char *
query_text (UdhaStore  *store,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = udha_store_prepare (store, sql, &error);
  char *value;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

static void
test_fixture_v1 (void)
{
  g_autofree char *dir = copy_fixture ();
  g_autofree char *path = g_build_filename (dir, "cases.udb", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaVault) vault = NULL;
  g_autoptr(UdhaStore) store = NULL;
  g_autoptr(UdhaSession) session = NULL;
  g_autoptr(UdhaPerson) person = NULL;
  g_autoptr(UdhaCase) case_ = NULL;
  g_autoptr(GPtrArray) interviews = NULL;
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(GPtrArray) referrals = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) migrated = NULL;
  guint64 bad_seq = 0;

  /* The caseworker's own passphrase, set after the one-time one. */
  vault = udha_vault_unlock (path, "arta", FIXTURE_ARTA_PASS, &error);
  g_assert_no_error (error);
  g_assert_false (udha_vault_get_must_change_passphrase (vault));

  before = count_rows (vault);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (before, "cases")), ==, 1);

  store = udha_store_new (vault, &error);
  g_assert_no_error (error);
  g_assert_cmpint (udha_store_get_schema_version (store), ==, UDHA_STORE_SCHEMA_VERSION);

  /* v1 → v2 kept every row of every v1 table, and backfilled the stored
   * sort keys and the counts. */
  migrated = count_rows (vault);
  {
    GHashTableIter iter;
    gpointer table, n;

    g_hash_table_iter_init (&iter, before);
    while (g_hash_table_iter_next (&iter, &table, &n))
      {
        g_test_message ("%s: %d rows", (const char *) table, GPOINTER_TO_INT (n));
        g_assert_true (g_hash_table_contains (migrated, table));
        g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (migrated, table)), ==, GPOINTER_TO_INT (n));
      }
  }
  g_assert_true (g_hash_table_contains (migrated, "reasons"));
  g_assert_cmpint (query_int (store, "SELECT sum (n) FROM case_counts"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM cases WHERE sort_name IS NULL"), ==, 0);
  {
    g_autofree char *last_contact = query_text (store, "SELECT last_contact FROM cases");
    g_autofree char *interview = query_text (store, "SELECT substr (max (occurred_at), 1, 10) FROM interviews");

    g_assert_nonnull (last_contact);
    g_assert_cmpstr (last_contact, ==, interview);
  }

  /* v2 → v3 built the report engine's covering indexes. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN "
                                     "('cases_report_office', 'cases_report_closed', 'cases_report_id', "
                                     "'persons_report', 'services_report', 'referrals_report')"), ==, 6);

  session = udha_session_new (vault, store, &error);
  g_assert_no_error (error);

  person = udha_session_find_person (session, "P-2026-000001", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (udha_person_get_given_name (person), ==, "Ardit");
  g_assert_cmpstr (udha_person_get_family_name (person), ==, "Çela");
  g_assert_cmpstr (udha_person_get_dob (person), ==, "1990-03-12");

  case_ = udha_session_find_case (session, "TIR-2026-00001", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (udha_case_get_case_type (case_), ==, "avrr");
  g_assert_cmpint (udha_case_get_person_id (case_), ==, udha_person_get_id (person));

  interviews = udha_session_list_interviews (session, udha_case_get_id (case_), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (interviews->len, ==, 1);
  g_assert_cmpstr (udha_interview_get_narrative (g_ptr_array_index (interviews, 0)), ==, "Fixture interview note.");

  consents = udha_session_list_consents (session, udha_person_get_id (person), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (consents->len, ==, 1);
  g_assert_cmpstr (udha_consent_get_purpose (g_ptr_array_index (consents, 0)), ==, "referral");

  referrals = udha_session_list_referrals (session, udha_case_get_id (case_), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (referrals->len, ==, 1);
  g_assert_cmpstr (udha_referral_get_status (g_ptr_array_index (referrals, 0)), ==, "draft");

  /* Search still finds the folded name, and the chain is intact. */
  {
    g_autoptr(GArray) hits = udha_session_search (session, "Cela", 10, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 1);
  }
  g_assert_true (udha_session_audit_verify (session, &bad_seq, &error));
  g_assert_no_error (error);

  g_assert_true (udha_session_close (session, &error));
  g_assert_no_error (error);
  /* Locking with the store still alive: it drops its statements when the
   * vault says it is locking, and refuses work afterwards. */
  udha_vault_lock (vault);
  {
    g_autoptr(UdhaPerson) after = udha_store_get_person (store, udha_person_get_id (person), &error);

    g_assert_null (after);
    g_assert_error (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_OPEN);
    g_clear_error (&error);
  }

  /* The administrator's slot opens it too. */
  g_clear_object (&vault);
  vault = udha_vault_unlock (path, "admin", FIXTURE_ADMIN_PASS, &error);
  g_assert_no_error (error);
  udha_vault_lock (vault);

  remove_dir (dir);
}

static void
exec_ok (UdhaStore  *store,
         const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = udha_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);
}

/* A bulk load killed half-way left its marker, no caseload indexes and
 * stale keys: the next opening completes it. */
static void
test_interrupted_bulk_load (void)
{
  g_autofree char *dir = copy_fixture ();
  g_autofree char *path = g_build_filename (dir, "cases.udb", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaVault) vault = NULL;
  g_autoptr(UdhaStore) store = NULL;

  vault = udha_vault_unlock (path, "arta", FIXTURE_ARTA_PASS, &error);
  g_assert_no_error (error);
  store = udha_store_new (vault, &error);
  g_assert_no_error (error);

  g_assert_true (udha_store_begin (store, &error));
  exec_ok (store, "INSERT INTO bulk_load (first_case_id) VALUES (1)");
  exec_ok (store, "DROP INDEX cases_office_name");
  exec_ok (store, "DROP INDEX cases_report_office");
  exec_ok (store, "UPDATE cases SET sort_name = NULL, last_contact = NULL");
  g_assert_true (udha_store_commit (store, &error));
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM cases WHERE sort_name IS NULL"), ==, 1);
  g_clear_object (&store);

  store = udha_store_new (vault, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM bulk_load"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM cases WHERE sort_name IS NULL OR last_contact IS NULL"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sqlite_master WHERE name = 'cases_office_name'"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sqlite_master WHERE name = 'cases_report_office'"), ==, 1);

  g_clear_object (&store);
  udha_vault_lock (vault);
  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_assert_true (udha_core_init (&error));

  g_test_add_func ("/udha/store/migrations/fixture-v1", test_fixture_v1);
  g_test_add_func ("/udha/store/migrations/interrupted-bulk-load", test_interrupted_bulk_load);

  return g_test_run ();
}
