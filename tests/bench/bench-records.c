/* bench-records.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Case-records benchmark (issue #4): on a vault of UDHA_BENCH_CASES demo
 * cases (default 1,000,000; KDF TEST_MIN, in a temporary folder):
 *
 *   - demo generation                                target < 2 min
 *   - search, 1,000 queries of realistic names        target p95 < 20 ms
 *   - caseload list, first page (cold and warm)       target < 100 ms
 *   - caseload list, later pages (keyset)             target < 5 ms each
 *
 * for a supervisor's office list and a caseworker's "mine" list, all
 * through UdhaSession as the application does. Prints every figure and
 * PASS/FAIL against each target; exits 0 either way (a benchmark, not a
 * test). */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "udha-core.h"
#include "udha-demo.h"
#include "udha-demo-private.h"
#include "udha-session.h"
#include "udha-vault.h"

#define ADMIN       "bench.admin"
#define PASSPHRASE  "bench passphrase 2026"
#define N_QUERIES   1000
#define PAGE_SIZE   50
#define N_PAGES     20

static guint n_fail;

static void
report (const char *what,
        double      value_ms,
        const char *target_text,
        gboolean    pass)
{
  printf ("%-52s %10.2f ms   %-14s %s\n", what, value_ms, target_text, pass ? "PASS" : "FAIL");
  if (!pass)
    n_fail++;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *sorted,
            double  p)
{
  guint i = (guint) (p * (sorted->len - 1) + 0.5);

  return g_array_index (sorted, double, i);
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

typedef struct
{
  UdhaVault   *vault;
  UdhaStore   *store;
  UdhaSession *session;
} Signed;

static void
sign_in (const char *path,
         const char *user,
         Signed     *s)
{
  g_autoptr(GError) error = NULL;

  s->vault = udha_vault_unlock (path, user, PASSPHRASE, &error);
  if (s->vault == NULL)
    g_error ("unlock %s: %s", user, error->message);
  s->store = udha_store_new (s->vault, &error);
  if (s->store == NULL)
    g_error ("store: %s", error->message);
  s->session = udha_session_new (s->vault, s->store, &error);
  if (s->session == NULL)
    g_error ("session: %s", error->message);
}

static void
sign_out (Signed *s)
{
  udha_session_close (s->session, NULL);
  g_clear_object (&s->session);
  g_clear_object (&s->store);
  udha_vault_lock (s->vault);
  g_clear_object (&s->vault);
}

/* Realistic queries: a given name, a family name, both, a transliteration
 * variant, a name without its diacritics. */
static GPtrArray *
make_queries (guint n)
{
  GPtrArray *queries = g_ptr_array_new_with_free_func (g_free);
  const UdhaDemoNationality *nat;
  guint n_nat;
  GRand *rand = g_rand_new_with_seed (42);

  nat = _udha_demo_nationalities (&n_nat);
  for (guint i = 0; i < n; i++)
    {
      const UdhaDemoNationality *x = &nat[g_rand_int_range (rand, 0, MIN (n_nat, 12))];
      const char * const *given_list = g_rand_boolean (rand) ? x->names->male : x->names->female;
      const char *given = given_list[g_rand_int_range (rand, 0, g_strv_length ((GStrv) given_list))];
      const char *family = x->names->family[g_rand_int_range (rand, 0, g_strv_length ((GStrv) x->names->family))];
      const char * const *variants = _udha_demo_name_variants (given);

      switch (i % 4)
        {
        case 0:
          g_ptr_array_add (queries, g_strdup_printf ("%s %s", given, family));
          break;
        case 1:
          g_ptr_array_add (queries, g_strdup (family));
          break;
        case 2:
          g_ptr_array_add (queries, g_strdup_printf ("%s %s",
                                                     variants != NULL ? variants[g_rand_int_range (rand, 0, g_strv_length ((GStrv) variants))] : given,
                                                     family));
          break;
        default:
          g_ptr_array_add (queries, g_strdup (i % 8 == 3 ? "Cela" : given));
          break;
        }
    }
  g_rand_free (rand);
  return queries;
}

static void
bench_search (Signed     *s,
              const char *who)
{
  g_autoptr(GPtrArray) queries = make_queries (N_QUERIES);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *label = NULL;
  guint total_hits = 0;

  for (guint i = 0; i < queries->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) hits = NULL;
      gint64 t0 = g_get_monotonic_time ();
      double ms;

      hits = udha_session_search (s->session, g_ptr_array_index (queries, i), 50, &error);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      if (hits == NULL)
        g_error ("search: %s", error->message);
      total_hits += hits->len;
      g_array_append_val (times, ms);
    }
  g_array_sort (times, compare_double);

  printf ("  %s: %u queries, %.1f hits per query on average\n", who, queries->len,
          (double) total_hits / queries->len);
  label = g_strdup_printf ("search p50 (%s)", who);
  printf ("%-52s %10.2f ms\n", label, percentile (times, 0.50));
  g_free (label);
  label = g_strdup_printf ("search p95 (%s)", who);
  report (label, percentile (times, 0.95), "< 20 ms", percentile (times, 0.95) < 20.0);
  g_free (label);
  label = g_strdup_printf ("search p99 (%s)", who);
  printf ("%-52s %10.2f ms\n", label, percentile (times, 0.99));
}

static void
bench_list (Signed             *s,
            const char         *who,
            UdhaCaseListFilter  filter)
{
  g_autoptr(GArray) later = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) warm = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *label = NULL;
  double cold = 0;
  gint64 after = 0;
  guint n_rows = 0;

  for (guint page = 0; page <= N_PAGES; page++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) cases = NULL;
      gint64 t0 = g_get_monotonic_time ();
      double ms;

      cases = udha_session_list_cases (s->session, filter, NULL, after, PAGE_SIZE, &error);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      if (cases == NULL)
        g_error ("list: %s", error->message);
      if (page == 0)
        cold = ms;
      else
        g_array_append_val (later, ms);
      n_rows += cases->len;
      if (cases->len == 0)
        break;
      after = udha_case_get_id (g_ptr_array_index (cases, cases->len - 1));
    }
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(GPtrArray) cases = NULL;
      gint64 t0 = g_get_monotonic_time ();
      double ms;

      cases = udha_session_list_cases (s->session, filter, NULL, 0, PAGE_SIZE, NULL);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (warm, ms);
    }
  g_array_sort (later, compare_double);
  g_array_sort (warm, compare_double);

  printf ("  %s: %u rows in %u pages of %u\n", who, n_rows, later->len + 1, PAGE_SIZE);
  label = g_strdup_printf ("first page, cold (%s)", who);
  report (label, cold, "< 100 ms", cold < 100.0);
  g_free (label);
  label = g_strdup_printf ("first page, warm median (%s)", who);
  report (label, percentile (warm, 0.5), "< 100 ms", percentile (warm, 0.5) < 100.0);
  g_free (label);
  if (later->len > 0)
    {
      double worst = g_array_index (later, double, later->len - 1);

      label = g_strdup_printf ("later pages, median (%s)", who);
      printf ("%-52s %10.2f ms\n", label, percentile (later, 0.5));
      g_free (label);
      label = g_strdup_printf ("later pages, slowest of %u (%s)", later->len, who);
      report (label, worst, "< 5 ms each", worst < 5.0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(UdhaVault) vault = NULL;
  g_autoptr(UdhaStore) store = NULL;
  g_autoptr(UdhaSession) session = NULL;
  g_autoptr(UdhaDemoResult) result = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(UdhaVaultSecret) recovery = NULL;
  UdhaDemoOptions options = { 1000000, UDHA_DEMO_DEFAULT_SEED, PASSPHRASE, NULL };
  const char *env = g_getenv ("UDHA_BENCH_CASES");
  GStatBuf st;
  Signed s = { NULL, };

  if (env != NULL && atoi (env) > 0)
    options.n_cases = atoi (env);

  if (!udha_core_init (&error))
    g_error ("%s", error->message);

  dir = g_dir_make_tmp ("udha-bench-records-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  path = g_build_filename (dir, "cases.udb", NULL);

  printf ("# Udha case records on %u demo cases; SQLite %s\n", options.n_cases, sqlite3_libversion ());

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
  udha_session_close (session, NULL);
  g_clear_object (&session);
  g_clear_object (&store);
  udha_vault_lock (vault);
  g_clear_object (&vault);

  if (g_stat (path, &st) == 0)
    printf ("  %u persons, %u cases, %u consents, %u interviews, %u services, %u referrals "
            "(%u transitions, %u overdue); vault %.0f MiB\n",
            result->n_persons, result->n_cases, result->n_consents, result->n_interviews,
            result->n_services, result->n_referrals, result->n_referral_transitions,
            result->n_overdue_referrals, st.st_size / 1048576.0);
  report ("demo generation", result->seconds * 1000.0, "< 120000 ms", result->seconds < 120.0);

  /* The supervisor of TIR: search and the office list */
  sign_in (path, "demo.mira", &s);
  bench_list (&s, "supervisor, office", UDHA_CASE_LIST_ALL);
  bench_search (&s, "supervisor");
  sign_out (&s);

  /* A caseworker of TIR: "mine" and everything visible */
  sign_in (path, "demo.arta", &s);
  bench_list (&s, "caseworker, mine", UDHA_CASE_LIST_MINE);
  bench_list (&s, "caseworker, all visible", UDHA_CASE_LIST_ALL);
  bench_search (&s, "caseworker");
  sign_out (&s);

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

  printf ("%s: %u target(s) missed\n", n_fail == 0 ? "PASS" : "FAIL", n_fail);
  return 0;
}
