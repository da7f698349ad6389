/* bench-case-list.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Caseload list benchmark (issues #4, #5): UdhaCaseListModel on a vault of
 * UDHA_BENCH_CASES demo cases (default 1,000,000; KDF TEST_MIN, in a
 * temporary folder). For each sort key, for a supervisor's office list and
 * a caseworker's list:
 *
 *   - count (the query's count, or its sorted ids)
 *   - first page (get_item (0))                       target < 100 ms
 *   - a page in the middle, by random access (a jump)
 *   - scrolling 2,000 rows from there, per page       target < 5 ms
 *   - the pages held and the process's resident memory (bounded)
 *
 * Then, for the supervisor, the dashboard's scopes (one caseworker's cases,
 * intake, overdue referrals, follow-ups due, no contact in 30 days) with
 * every sort: count + first page, target < 100 ms. UDHA_BENCH_VAULT=DIR
 * keeps the generated vault in DIR, and a later run reuses it.
 *
 * Prints a table and PASS/FAIL against the targets; exits 0 either way (a
 * benchmark, not a test). */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "udha-case-list-model-private.h"
#include "udha-core.h"
#include "udha-demo.h"
#include "udha-session.h"
#include "udha-vault.h"

#define ADMIN       "bench.admin"
#define PASSPHRASE  "bench passphrase 2026"
#define SCROLL_ROWS 2000

static guint n_fail;

static const char * const sort_names[] = {
  "number", "name", "case type", "status", "risk", "last contact", "next follow-up",
};

static const char * const paging_names[] = { "ids", "number", "buckets" };

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static double
rss_mib (void)
{
  g_autofree char *statm = NULL;
  unsigned long size = 0, resident = 0;

  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL))
    return 0;
  if (sscanf (statm, "%lu %lu", &size, &resident) != 2)
    return 0;
  return resident * (double) sysconf (_SC_PAGESIZE) / 1048576.0;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
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
get (UdhaCaseListModel *model,
     guint              i)
{
  g_autoptr(UdhaCaseRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);

  if (row == NULL || udha_case_row_get_id (row) == 0)
    g_error ("no row at %u", i);
}

static void
bench_sorts (const char *path,
             const char *user,
             const char *who)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaVault) vault = NULL;
  g_autoptr(UdhaStore) store = NULL;
  g_autoptr(UdhaSession) session = NULL;
  g_autoptr(UdhaCaseListModel) model = NULL;
  double rss_start;

  vault = udha_vault_unlock (path, user, PASSPHRASE, &error);
  if (vault == NULL)
    g_error ("unlock %s: %s", user, error->message);
  store = udha_store_new (vault, &error);
  if (store == NULL)
    g_error ("store: %s", error->message);
  session = udha_session_new (vault, store, &error);
  if (session == NULL)
    g_error ("session: %s", error->message);

  rss_start = rss_mib ();

  printf ("\n## %s\n\n", who);
  printf ("| sort                | paging  |  count ms | first page ms | middle jump ms | scroll median ms | scroll max ms | pages held | RSS MiB |\n");
  printf ("|---------------------|---------|----------:|--------------:|---------------:|-----------------:|--------------:|-----------:|--------:|\n");

  for (UdhaCaseSort sort = 0; sort < UDHA_CASE_SORT_N_KEYS; sort++)
    for (int descending = 0; descending < 2; descending++)
      {
        g_autoptr(GArray) pages = g_array_new (FALSE, FALSE, sizeof (double));
        g_autofree char *label = g_strdup_printf ("%s %s", sort_names[sort], descending ? "desc" : "asc");
        double t0, count_ms, first_ms, jump_ms = 0, median = 0, worst = 0;
        guint n, middle;

        /* Each sort is a fresh query: counted (or its ids read) again */
        t0 = now_ms ();
        if (model == NULL)
          model = udha_case_list_model_new (session); /* number ascending */
        else
          udha_case_list_model_set_sort (model, sort, descending);
        count_ms = now_ms () - t0;
        n = g_list_model_get_n_items (G_LIST_MODEL (model));
        if (n == 0)
          continue;

        t0 = now_ms ();
        get (model, 0);
        first_ms = now_ms () - t0;

        middle = (n / 2) / UDHA_CASE_LIST_MODEL_PAGE_SIZE * UDHA_CASE_LIST_MODEL_PAGE_SIZE;
        if (middle > 0)
          {
            t0 = now_ms ();
            get (model, middle);
            jump_ms = now_ms () - t0;
          }

        /* Scroll on from the middle: every page after the first one read */
        for (guint i = middle + UDHA_CASE_LIST_MODEL_PAGE_SIZE;
             i < MIN (n, middle + UDHA_CASE_LIST_MODEL_PAGE_SIZE + SCROLL_ROWS); i++)
          {
            double ms;

            t0 = now_ms ();
            get (model, i);
            ms = now_ms () - t0;
            if (i % UDHA_CASE_LIST_MODEL_PAGE_SIZE == 0)
              g_array_append_val (pages, ms);
          }
        if (pages->len > 0)
          {
            g_array_sort (pages, compare_double);
            median = g_array_index (pages, double, pages->len / 2);
            worst = g_array_index (pages, double, pages->len - 1);
          }

        printf ("| %-19s | %-7s | %9.1f | %13.2f | %14.2f | %16.2f | %13.2f | %10u | %7.1f |\n",
                label, paging_names[_udha_case_list_model_get_paging (model)],
                count_ms, first_ms, jump_ms, median, worst,
                udha_case_list_model_get_n_cached_pages (model), rss_mib ());
        if (count_ms + first_ms >= 100.0)
          {
            printf ("|   FAIL: count + first page %.1f ms, target < 100 ms\n", count_ms + first_ms);
            n_fail++;
          }
        if (worst >= 5.0)
          {
            printf ("|   FAIL: slowest later page %.2f ms, target < 5 ms\n", worst);
            n_fail++;
          }
        if (udha_case_list_model_get_n_cached_pages (model) > UDHA_CASE_LIST_MODEL_MAX_PAGES)
          {
            printf ("|   FAIL: %u pages held\n", udha_case_list_model_get_n_cached_pages (model));
            n_fail++;
          }
      }
  printf ("\n%u cases visible; resident memory %.1f MiB at the start, %.1f MiB at the end\n",
          g_list_model_get_n_items (G_LIST_MODEL (model)), rss_start, rss_mib ());

  g_clear_object (&model);
  udha_session_close (session, NULL);
  udha_vault_lock (vault);
}

/* The supervisor dashboard's scopes and drill-downs (issue #6) */
static const char * const scope_names[] = {
  "one caseworker", "intake", "overdue referral", "follow-up due", "no contact 30 d",
};

static void
set_scope (UdhaCaseListModel *model,
           guint              scope,
           gint64             caseworker,
           const char        *since)
{
  udha_case_list_model_set_assigned_user (model, scope == 0 ? caseworker : 0);
  udha_case_list_model_set_scope_filter (model, scope == 1 ? UDHA_CASE_LIST_INTAKE :
                                                scope == 2 ? UDHA_CASE_LIST_OVERDUE : UDHA_CASE_LIST_ALL);
  udha_case_list_model_set_overdue_follow_ups (model, scope == 3);
  udha_case_list_model_set_active_only (model, scope >= 3);
  udha_case_list_model_set_no_contact_since (model, scope == 4 ? since : NULL);
}

static void
bench_scopes (const char *path,
              const char *user,
              const char *caseworker_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaVault) vault = NULL;
  g_autoptr(UdhaStore) store = NULL;
  g_autoptr(UdhaSession) session = NULL;
  g_autoptr(GPtrArray) colleagues = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -30);
  g_autofree char *since = g_date_time_format (then, "%Y-%m-%d");
  gint64 caseworker = 0;

  vault = udha_vault_unlock (path, user, PASSPHRASE, &error);
  if (vault == NULL)
    g_error ("unlock %s: %s", user, error->message);
  store = udha_store_new (vault, &error);
  if (store == NULL)
    g_error ("store: %s", error->message);
  session = udha_session_new (vault, store, &error);
  if (session == NULL)
    g_error ("session: %s", error->message);
  colleagues = udha_session_list_colleagues (session, &error);
  if (colleagues == NULL)
    g_error ("colleagues: %s", error->message);
  for (guint i = 0; i < colleagues->len; i++)
    if (g_strcmp0 (udha_user_get_user_name (g_ptr_array_index (colleagues, i)), caseworker_name) == 0)
      caseworker = udha_user_get_id (g_ptr_array_index (colleagues, i));

  printf ("\n## supervisor, dashboard scopes (a fresh list each: count + first page)\n\n");
  printf ("| scope            | sort            | paging  |     cases |  count ms | first page ms |\n");
  printf ("|------------------|-----------------|---------|----------:|----------:|--------------:|\n");
  for (guint scope = 0; scope < G_N_ELEMENTS (scope_names); scope++)
    for (UdhaCaseSort sort = 0; sort < UDHA_CASE_SORT_N_KEYS; sort++)
      {
        g_autoptr(UdhaCaseListModel) model = udha_case_list_model_new (session);
        double t0, count_ms, first_ms = 0;
        guint n;

        /* Built off the clock, counted (and its first page read) on it */
        udha_case_list_model_set_sort (model, sort, FALSE);
        t0 = now_ms ();
        set_scope (model, scope, caseworker, since);
        count_ms = now_ms () - t0;
        n = g_list_model_get_n_items (G_LIST_MODEL (model));
        if (n > 0)
          {
            t0 = now_ms ();
            get (model, 0);
            first_ms = now_ms () - t0;
          }
        printf ("| %-16s | %-15s | %-7s | %9u | %9.1f | %13.2f |\n", scope_names[scope], sort_names[sort],
                paging_names[_udha_case_list_model_get_paging (model)], n, count_ms, first_ms);
        if (count_ms + first_ms >= 100.0)
          {
            printf ("|   FAIL: count + first page %.1f ms, target < 100 ms\n", count_ms + first_ms);
            n_fail++;
          }
      }

  udha_session_close (session, NULL);
  udha_vault_lock (vault);
}

/* Creates the vault at @path with the demo cases */
static void
generate (const char       *path,
          UdhaDemoOptions  *options,
          GTimer           *timer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaVaultSecret) recovery = NULL;
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
  result = udha_demo_generate (session, store, PASSPHRASE, options, progress_cb, timer, &error);
  if (result == NULL)
    g_error ("demo: %s", error->message);
  printf ("  demo data generated in %.0f s\n", result->seconds);
  udha_session_close (session, NULL);
  udha_vault_lock (vault);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  UdhaDemoOptions options = { 1000000, UDHA_DEMO_DEFAULT_SEED, PASSPHRASE, NULL };
  const char *env = g_getenv ("UDHA_BENCH_CASES");
  const char *keep = g_getenv ("UDHA_BENCH_VAULT");

  if (env != NULL && atoi (env) > 0)
    options.n_cases = atoi (env);

  if (!udha_core_init (&error))
    g_error ("%s", error->message);

  /* UDHA_BENCH_VAULT=DIR keeps the vault there for another run, which
   * then skips the generation. */
  if (keep != NULL)
    {
      dir = g_strdup (keep);
      g_mkdir_with_parents (dir, 0700);
    }
  else
    dir = g_dir_make_tmp ("udha-bench-case-list-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  path = g_build_filename (dir, "cases.udb", NULL);

  printf ("# UdhaCaseListModel on %u demo cases; SQLite %s; pages of %u, at most %u held\n",
          options.n_cases, sqlite3_libversion (), UDHA_CASE_LIST_MODEL_PAGE_SIZE,
          UDHA_CASE_LIST_MODEL_MAX_PAGES);

  if (keep == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    generate (path, &options, timer);

  bench_sorts (path, "demo.mira", "supervisor, office list");
  bench_sorts (path, "demo.arta", "caseworker, own cases and intake");
  bench_scopes (path, "demo.mira", "demo.arta");

  if (keep != NULL)
    {
      printf ("\n%s: %u target(s) missed (vault kept in %s)\n", n_fail == 0 ? "PASS" : "FAIL", n_fail, keep);
      return 0;
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

  printf ("\n%s: %u target(s) missed\n", n_fail == 0 ? "PASS" : "FAIL", n_fail);
  return 0;
}
