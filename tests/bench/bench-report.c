/* bench-report.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Report benchmark (issue #6): the full anonymised report — all six tables,
 * by region — for a supervisor's office on a vault of UDHA_BENCH_CASES demo
 * cases (default 1,000,000; KDF TEST_MIN, in a temporary folder), for the
 * last twelve months and for every year of the demo data.
 *
 *   - udha_session_run_report(): snapshot, aggregation, tables,
 *     disclosure control                                  target < 1 s
 *   - the aggregation queries alone, on the vault and on a plain SQLite
 *     copy of the same tables and indexes in the same run (the ratio is
 *     the cost of the encrypted vault)
 *   - udha_session_export_report() to CSV and JSON
 *
 * Prints a table and PASS/FAIL against the target; exits 0 either way (a
 * benchmark, not a test). */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "udha-core.h"
#include "udha-demo.h"
#include "udha-report.h"
#include "udha-session-report.h"
#include "udha-session.h"
#include "udha-store-private.h"
#include "udha-store-report.h"
#include "udha-vault.h"

#define ADMIN      "bench.admin"
#define PASSPHRASE "bench passphrase 2026"
#define RUNS       3
#define TARGET_MS  1000.0

/* The tables the report reads, copied to the plain database. */
static const char * const copied_tables[] = {
  "offices", "persons", "person_citizenships", "person_vulnerabilities", "cases", "services", "referrals",
};

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_double);
  return g_array_index (times, double, times->len / 2);
}

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  GTimer *timer = user_data;

  fprintf (stderr, "\r  %u / %u cases (%.0f s)", done, total, g_timer_elapsed (timer, NULL));
  if (done == total)
    fprintf (stderr, "\n");
}

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* A plain copy of the tables and indexes the report reads, rows read
 * through the vault's connection and written with the "unix" VFS. */
static sqlite3 *
plain_copy (sqlite3    *vault_db,
            const char *path)
{
  sqlite3 *plain = NULL;

  if (sqlite3_open_v2 (path, &plain, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, "unix") != SQLITE_OK)
    g_error ("cannot open the plain database");
  exec_or_die (plain, "PRAGMA page_size = 4096; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;");
  exec_or_die (plain, "BEGIN;");
  for (guint t = 0; t < G_N_ELEMENTS (copied_tables); t++)
    {
      g_autofree char *schema_sql = g_strdup_printf ("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = '%s'",
                                                     copied_tables[t]);
      g_autofree char *select_sql = g_strdup_printf ("SELECT * FROM %s", copied_tables[t]);
      sqlite3_stmt *schema = NULL, *select = NULL, *insert = NULL;
      g_autoptr(GString) insert_sql = g_string_new (NULL);
      int n_cols;

      sqlite3_prepare_v2 (vault_db, schema_sql, -1, &schema, NULL);
      if (sqlite3_step (schema) != SQLITE_ROW)
        g_error ("no table %s", copied_tables[t]);
      exec_or_die (plain, (const char *) sqlite3_column_text (schema, 0));
      sqlite3_finalize (schema);

      sqlite3_prepare_v2 (vault_db, select_sql, -1, &select, NULL);
      n_cols = sqlite3_column_count (select);
      g_string_printf (insert_sql, "INSERT INTO %s VALUES (", copied_tables[t]);
      for (int c = 0; c < n_cols; c++)
        g_string_append (insert_sql, c == 0 ? "?" : ", ?");
      g_string_append (insert_sql, ")");
      if (sqlite3_prepare_v2 (plain, insert_sql->str, -1, &insert, NULL) != SQLITE_OK)
        g_error ("%s: %s", insert_sql->str, sqlite3_errmsg (plain));
      while (sqlite3_step (select) == SQLITE_ROW)
        {
          for (int c = 0; c < n_cols; c++)
            sqlite3_bind_value (insert, c + 1, sqlite3_column_value (select, c));
          if (sqlite3_step (insert) != SQLITE_DONE)
            g_error ("copy %s: %s", copied_tables[t], sqlite3_errmsg (plain));
          sqlite3_reset (insert);
        }
      sqlite3_finalize (select);
      sqlite3_finalize (insert);
    }
  /* Their indexes, as in the vault. */
  {
    sqlite3_stmt *indexes = NULL;

    sqlite3_prepare_v2 (vault_db, "SELECT tbl_name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL",
                        -1, &indexes, NULL);
    while (sqlite3_step (indexes) == SQLITE_ROW)
      for (guint t = 0; t < G_N_ELEMENTS (copied_tables); t++)
        if (g_strcmp0 ((const char *) sqlite3_column_text (indexes, 0), copied_tables[t]) == 0)
          exec_or_die (plain, (const char *) sqlite3_column_text (indexes, 1));
    sqlite3_finalize (indexes);
  }
  exec_or_die (plain, "COMMIT; ANALYZE;");
  return plain;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* A digest of every group of every query (keys and count, sorted): the
 * same on the vault and the plain copy, and from one version of the
 * queries to the next. */
static char *
rows_digest (GPtrArray **results)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  char *hex;

  for (guint q = 0; q < UDHA_STORE_REPORT_N_QUERIES; q++)
    {
      g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < results[q]->len; i++)
        {
          const UdhaStoreReportRow *row = g_ptr_array_index (results[q], i);

          g_ptr_array_add (lines, g_strdup_printf ("%u|%s|%s|%s|%s=%" G_GINT64_FORMAT "\n", q,
                                                   row->keys[0] ? row->keys[0] : "", row->keys[1] ? row->keys[1] : "",
                                                   row->keys[2] ? row->keys[2] : "", row->keys[3] ? row->keys[3] : "",
                                                   row->count));
        }
      g_ptr_array_sort (lines, compare_strings);
      for (guint i = 0; i < lines->len; i++)
        g_checksum_update (sum, g_ptr_array_index (lines, i), -1);
    }
  hex = g_strndup (g_checksum_get_string (sum), 12);
  return hex;
}

/* All five aggregation queries once, on one connection; their digest in
 * @digest (replaced). */
static double
run_queries (sqlite3                     *db,
             const UdhaStoreReportFilter *filter,
             guint                       *n_rows,
             char                       **digest)
{
  GPtrArray *results[UDHA_STORE_REPORT_N_QUERIES] = { NULL, };
  double t0 = now_ms (), ms;

  *n_rows = 0;
  exec_or_die (db, "BEGIN;");
  {
    g_autoptr(GError) error = NULL;

    /* as a report's snapshot runs them (the persons assisted once) */
    if (!udha_store_report_query_all_db (db, filter, results, NULL, &error))
      g_error ("queries: %s", error->message);
  }
  for (guint q = 0; q < UDHA_STORE_REPORT_N_QUERIES; q++)
    *n_rows += results[q]->len;
  exec_or_die (db, "COMMIT;");
  ms = now_ms () - t0;
  g_free (*digest);
  *digest = rows_digest (results);
  for (guint q = 0; q < UDHA_STORE_REPORT_N_QUERIES; q++)
    g_ptr_array_unref (results[q]);
  return ms;
}

static guint n_fail;

static void
bench_period (UdhaSession *session,
              UdhaStore   *store,
              sqlite3     *plain,
              const char  *label,
              const char  *from,
              const char  *to,
              const char  *dir)
{
  g_auto(UdhaReportParams) params = { 0, };
  g_autoptr(GArray) full = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) vault_sql = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) plain_sql = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(UdhaReport) report = NULL;
  UdhaStoreReportFilter filter = { udha_session_get_office_id (session), from, to, FALSE };
  guint cells = 0, primary = 0, secondary = 0, n_rows = 0;
  g_autofree char *vault_digest = NULL;
  g_autofree char *plain_digest = NULL;
  double full_ms, vault_ms, plain_ms, csv_ms, json_ms, t0;

  udha_report_params_init (&params);
  params.from = g_strdup (from);
  params.to = g_strdup (to);
  params.by_region = TRUE;

  for (guint r = 0; r < RUNS; r++)
    {
      g_autoptr(GError) error = NULL;
      double ms;

      g_clear_pointer (&report, udha_report_unref);
      t0 = now_ms ();
      report = udha_session_run_report (session, &params, NULL, &error);
      ms = now_ms () - t0;
      if (report == NULL)
        g_error ("report: %s", error->message);
      g_array_append_val (full, ms);

      ms = run_queries (_udha_store_get_db (store), &filter, &n_rows, &vault_digest);
      g_array_append_val (vault_sql, ms);
      ms = run_queries (plain, &filter, &n_rows, &plain_digest);
      g_array_append_val (plain_sql, ms);
      if (strcmp (vault_digest, plain_digest) != 0)
        g_error ("the vault and the plain copy disagree: %s / %s", vault_digest, plain_digest);
    }
  for (guint i = 0; i < udha_report_get_n_tables (report); i++)
    {
      const UdhaReportTable *table = udha_report_get_table (report, i);

      cells += (guint) udha_report_table_get_n_entries (table);
      primary += udha_report_table_count_flags (table, UDHA_REPORT_ENTRY_PRIMARY);
      secondary += udha_report_table_count_flags (table, UDHA_REPORT_ENTRY_SECONDARY);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *csv_path = g_build_filename (dir, "bench-report.csv", NULL);
    g_autofree char *json_path = g_build_filename (dir, "bench-report.json", NULL);
    g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
    g_autoptr(GFile) json = g_file_new_for_path (json_path);

    t0 = now_ms ();
    if (!udha_session_export_report (session, report, UDHA_REPORT_FORMAT_CSV, csv, NULL, &error))
      g_error ("export: %s", error->message);
    csv_ms = now_ms () - t0;
    t0 = now_ms ();
    if (!udha_session_export_report (session, report, UDHA_REPORT_FORMAT_JSON, json, NULL, &error))
      g_error ("export: %s", error->message);
    json_ms = now_ms () - t0;
    g_unlink (csv_path);
    g_unlink (json_path);
  }

  full_ms = median (full);
  vault_ms = median (vault_sql);
  plain_ms = median (plain_sql);
  printf ("| %-22s | %9.0f | %12.0f | %12.0f | %11.2f | %7.0f | %8.0f | %6u | %5u | %5u | %8u | %s | %s |\n",
          label, full_ms, vault_ms, plain_ms, plain_ms > 0 ? vault_ms / plain_ms : 0.0, csv_ms, json_ms,
          cells, primary, secondary, n_rows, vault_digest, full_ms < TARGET_MS ? "PASS" : "FAIL");
  if (full_ms >= TARGET_MS)
    n_fail++;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *plain_path = NULL;
  g_autoptr(UdhaVaultSecret) recovery = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  UdhaDemoOptions options = { 1000000, UDHA_DEMO_DEFAULT_SEED, PASSPHRASE, NULL };
  const char *env = g_getenv ("UDHA_BENCH_CASES");
  gboolean reuse = FALSE, reuse_plain = FALSE;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) year_ago = g_date_time_add_days (now, -364);
  g_autoptr(GDateTime) decade_ago = g_date_time_add_years (now, -9);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *from_year = g_date_time_format (year_ago, "%Y-%m-%d");
  g_autofree char *from_all = g_date_time_format (decade_ago, "%Y-%m-%d");

  if (env != NULL && atoi (env) > 0)
    options.n_cases = atoi (env);
  options.today = today;

  if (!udha_core_init (&error))
    g_error ("%s", error->message);

  dir = g_dir_make_tmp ("udha-bench-report-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  /* UDHA_BENCH_VAULT: keep the generated vault there and reuse it on the
   * next run (generating 1,000,000 cases takes minutes). */
  if (g_getenv ("UDHA_BENCH_VAULT") != NULL)
    {
      path = g_strdup (g_getenv ("UDHA_BENCH_VAULT"));
      reuse = g_file_test (path, G_FILE_TEST_EXISTS);
    }
  else
    path = g_build_filename (dir, "cases.udb", NULL);
  /* UDHA_BENCH_PLAIN: likewise for the plain SQLite copy (made in minutes). */
  if (g_getenv ("UDHA_BENCH_PLAIN") != NULL)
    {
      plain_path = g_strdup (g_getenv ("UDHA_BENCH_PLAIN"));
      reuse_plain = g_file_test (plain_path, G_FILE_TEST_EXISTS);
    }
  else
    plain_path = g_build_filename (dir, "plain.db", NULL);

  printf ("# Anonymised report (all six tables, by region) on %u demo cases; SQLite %s; median of %u runs\n",
          options.n_cases, sqlite3_libversion (), RUNS);

  if (!reuse)
  {
    g_autoptr(UdhaVault) vault = NULL;
    g_autoptr(UdhaStore) store = NULL;
    g_autoptr(UdhaSession) session = NULL;
    g_autoptr(UdhaDemoResult) result = NULL;

    vault = udha_vault_create (path, ADMIN, PASSPHRASE, UDHA_VAULT_KDF_TEST_MIN, &recovery, &error);
    if (vault == NULL)
      g_error ("%s", error->message);
    store = udha_store_new (vault, &error);
    if (store == NULL)
      g_error ("%s", error->message);
    session = udha_session_new (vault, store, &error);
    if (session == NULL)
      g_error ("%s", error->message);
    g_timer_start (timer);
    result = udha_demo_generate (session, store, PASSPHRASE, &options, progress_cb, timer, &error);
    if (result == NULL)
      g_error ("demo: %s", error->message);
    printf ("  demo data generated in %.0f s: %u persons, %u services, %u referrals\n",
            result->seconds, result->n_persons, result->n_services, result->n_referrals);
    udha_session_close (session, NULL);
    udha_vault_lock (vault);
  }

  {
    g_autoptr(UdhaVault) vault = NULL;
    g_autoptr(UdhaStore) store = NULL;
    g_autoptr(UdhaSession) session = NULL;
    sqlite3 *plain;
    double t0;

    vault = udha_vault_unlock (path, "demo.mira", PASSPHRASE, &error);
    if (vault == NULL)
      g_error ("unlock: %s", error->message);
    store = udha_store_new (vault, &error);
    if (store == NULL)
      g_error ("store: %s", error->message);
    session = udha_session_new (vault, store, &error);
    if (session == NULL)
      g_error ("session: %s", error->message);

    t0 = now_ms ();
    if (reuse_plain)
      {
        if (sqlite3_open_v2 (plain_path, &plain, SQLITE_OPEN_READWRITE, "unix") != SQLITE_OK)
          g_error ("cannot open the plain database %s", plain_path);
        printf ("  plain SQLite copy reused from %s\n\n", plain_path);
      }
    else
      {
        plain = plain_copy (_udha_store_get_db (store), plain_path);
        printf ("  plain SQLite copy of the report's tables made in %.0f s\n\n", (now_ms () - t0) / 1000.0);
      }

    printf ("| period                 | report ms | vault SQL ms | plain SQL ms | vault/plain | CSV ms | JSON ms | cells | prim. | sec.  | SQL rows | groups digest | < 1 s |\n");
    printf ("|------------------------|----------:|-------------:|-------------:|------------:|-------:|--------:|------:|------:|------:|---------:|---------------|-------|\n");
    {
      g_autofree char *year_label = g_strdup_printf ("%s – %s", from_year, today);
      g_autofree char *all_label = g_strdup_printf ("%s – %s", from_all, today);

      bench_period (session, store, plain, year_label, from_year, today, dir);
      bench_period (session, store, plain, all_label, from_all, today, dir);
    }
    sqlite3_close (plain);
    if (g_getenv ("UDHA_BENCH_KEEP_PLAIN") != NULL)
      {
        g_autofree char *kept = g_strdup (g_getenv ("UDHA_BENCH_KEEP_PLAIN"));

        g_rename (plain_path, kept);
      }
    printf ("\nOffice of demo.mira: one of the demo offices; \"report ms\" is udha_session_run_report()\n"
            "(one snapshot, five aggregation queries, six tables, disclosure control); the SQL columns\n"
            "run the same five queries alone.  %s\n", n_fail == 0 ? "PASS" : "FAIL");
    udha_session_close (session, NULL);
    udha_vault_lock (vault);
  }

  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);

        g_unlink (file);
      }
    g_rmdir (dir);
  }
  return 0;
}
