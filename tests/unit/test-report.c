/* test-report.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The report engine end to end, over a demo vault: who may run reports,
 * parameter errors, the six tables and their figures against independent
 * counts, the async run, the export audit entry (DOMAIN.md §10.9), the CSV
 * and JSON writers (RFC 4180, formula injection §10.10) and the report
 * language. */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <sodium.h>
#include <string.h>

#include "udha-core.h"
#include "udha-demo.h"
#include "udha-report-private.h"
#include "udha-session-error.h"
#include "udha-session-report.h"
#include "udha-store-private.h"
#include "udha-vault.h"

#define ADMIN       "demo.admin"
#define ADMIN_PASS  "lule bore në mars"
#define USERS_PASS  "demo users passphrase"
#define N_CASES     2500
#define TODAY       "2026-06-30"
#define FROM        "2025-07-01"
#define TO          "2026-06-30"

typedef struct
{
  UdhaVault   *vault;
  UdhaStore   *store;
  UdhaSession *session;
} Actor;

static char *dir;
static char *vault_path;

static void
actor_clear (Actor *a)
{
  if (a->session != NULL)
    udha_session_close (a->session, NULL);
  g_clear_object (&a->session);
  g_clear_object (&a->store);
  if (a->vault != NULL)
    udha_vault_lock (a->vault);
  g_clear_object (&a->vault);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Actor, actor_clear)

static void
sign_in (Actor      *a,
         const char *user,
         const char *pass)
{
  g_autoptr(GError) error = NULL;

  a->vault = udha_vault_unlock (vault_path, user, pass, &error);
  g_assert_no_error (error);
  a->store = udha_store_new (a->vault, &error);
  g_assert_no_error (error);
  a->session = udha_session_new (a->vault, a->store, &error);
  g_assert_no_error (error);
}

static void
make_vault (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaVaultSecret) recovery = NULL;
  g_autoptr(UdhaDemoResult) result = NULL;
  g_auto(Actor) admin = { NULL, };
  UdhaDemoOptions options = { N_CASES, 7, USERS_PASS, TODAY };

  dir = g_dir_make_tmp ("udha-report-XXXXXX", &error);
  g_assert_no_error (error);
  vault_path = g_build_filename (dir, "cases.udb", NULL);
  admin.vault = udha_vault_create (vault_path, ADMIN, ADMIN_PASS, UDHA_VAULT_KDF_TEST_MIN, &recovery, &error);
  g_assert_no_error (error);
  admin.store = udha_store_new (admin.vault, &error);
  g_assert_no_error (error);
  admin.session = udha_session_new (admin.vault, admin.store, &error);
  g_assert_no_error (error);
  result = udha_demo_generate (admin.session, admin.store, ADMIN_PASS, &options, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
remove_dir (void)
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

static void
params_default (UdhaReportParams *p)
{
  udha_report_params_init (p);
  p->from = g_strdup (FROM);
  p->to = g_strdup (TO);
}

static gint64
query_int (UdhaStore  *store,
           const char *sql,
           gint64      office)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = udha_store_prepare (store, sql, &error);
  gint64 v;

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, office);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return v;
}

static const UdhaReportTable *
find_table (const UdhaReport  *report,
            UdhaReportTableId  id)
{
  for (guint i = 0; i < udha_report_get_n_tables (report); i++)
    if (udha_report_table_get_id (udha_report_get_table (report, i)) == id)
      return udha_report_get_table (report, i);
  return NULL;
}

static gsize
grand_total (const UdhaReportTable *table)
{
  return udha_report_table_get_n_entries (table) - 1;
}

/* The true count lies in the published figure's interval. */
static void
assert_published (const UdhaReportTable *table,
                  gsize                  i,
                  gint64                 truth)
{
  UdhaReportEntryFlags flags = udha_report_table_get_flags (table, i);
  gint64 v = udha_report_table_get_value (table, i);

  if ((flags & UDHA_REPORT_ENTRY_SUPPRESSED) != 0)
    g_assert_cmpint (v, ==, -1);
  else if ((flags & UDHA_REPORT_ENTRY_ROUNDED) != 0)
    {
      g_assert_cmpint (v % 5, ==, 0);
      g_assert_cmpint (ABS (v - truth), <=, 2);
    }
  else
    g_assert_cmpint (v, ==, truth);
}

/* Properties every published table has. */
static void
assert_protected (const UdhaReportTable *table)
{
  guint t = udha_report_table_get_threshold (table);

  g_assert_true (udha_report_table_is_protected (table));
  for (gsize i = 0; i < udha_report_table_get_n_entries (table); i++)
    {
      gint64 v = udha_report_table_get_value (table, i);
      UdhaReportEntryFlags flags = udha_report_table_get_flags (table, i);

      if ((flags & UDHA_REPORT_ENTRY_SUPPRESSED) != 0)
        g_assert_cmpint (v, ==, -1);
      else if ((flags & UDHA_REPORT_ENTRY_ROUNDED) == 0)
        g_assert_true (v == 0 || v >= (gint64) t);
    }
}

/* Tests ------------------------------------------------------------------- */

static void
test_caseworker_refused (void)
{
  g_auto(Actor) arta = { NULL, };
  g_auto(UdhaReportParams) params = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaReport) report = NULL;
  g_autoptr(GFile) file = NULL;

  params_default (&params);
  sign_in (&arta, "demo.arta", USERS_PASS);
  report = udha_session_run_report (arta.session, &params, NULL, &error);
  g_assert_error (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_NOT_PERMITTED);
  g_assert_null (report);
  g_clear_error (&error);

  /* The administrator works on the vault, not on cases. */
  actor_clear (&arta);
  sign_in (&arta, ADMIN, ADMIN_PASS);
  report = udha_session_run_report (arta.session, &params, NULL, &error);
  g_assert_error (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_NOT_PERMITTED);
  g_assert_null (report);
}

static void
test_invalid_params (void)
{
  static const struct
  {
    const char *from;
    const char *to;
    guint       threshold;
    guint       tables;
  } cases[] = {
    { "2026-02-30", TO, 5, 0 },
    { "01/07/2025", TO, 5, 0 },
    { FROM, "2026-13-01", 5, 0 },
    { TO, FROM, 5, 0 },
    { FROM, TO, 2, 0 },
    { FROM, TO, 0, 0 },
    { FROM, TO, 5, 1u << 7 },
    { "2000-01-01", TO, 5, 0 },
  };
  g_auto(Actor) mira = { NULL, };

  sign_in (&mira, "demo.mira", USERS_PASS);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(UdhaReportParams) params = { 0, };
      g_autoptr(GError) error = NULL;
      g_autoptr(UdhaReport) report = NULL;

      udha_report_params_init (&params);
      params.from = g_strdup (cases[i].from);
      params.to = g_strdup (cases[i].to);
      params.threshold = cases[i].threshold;
      params.tables = cases[i].tables;
      report = udha_session_run_report (mira.session, &params, NULL, &error);
      g_assert_error (error, UDHA_REPORT_ERROR, UDHA_REPORT_ERROR_INVALID);
      g_assert_null (report);
      g_assert_null (strstr (error->message, "%"));
    }

  /* The sensitive threshold is never below the general one. */
  {
    g_auto(UdhaReportParams) params = { 0, };
    g_autoptr(GError) error = NULL;

    params_default (&params);
    params.threshold = 8;
    params.threshold_sensitive = 6;
    g_assert_false (udha_report_params_validate (&params, &error));
    g_assert_error (error, UDHA_REPORT_ERROR, UDHA_REPORT_ERROR_INVALID);
  }
}

static void
test_tables (void)
{
  g_auto(Actor) mira = { NULL, };
  g_auto(UdhaReportParams) params = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaReport) report = NULL;
  const UdhaReportTable *t1, *t2, *t3, *t6;
  gint64 office, assisted, opened;
  guint c[3];

  sign_in (&mira, "demo.mira", USERS_PASS);
  office = udha_session_get_office_id (mira.session);
  params_default (&params);
  params.by_region = TRUE;
  report = udha_session_run_report (mira.session, &params, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (udha_report_get_n_tables (report), ==, UDHA_REPORT_N_TABLES);
  for (guint i = 0; i < UDHA_REPORT_N_TABLES; i++)
    {
      const UdhaReportTable *table = udha_report_get_table (report, i);

      g_assert_cmpint (udha_report_table_get_id (table), ==, i + 1);
      assert_protected (table);
    }

  /* Independent counts, straight from the vault. */
  assisted = query_int (mira.store,
                        "SELECT count(DISTINCT person_id) FROM cases WHERE office_id = ?1 AND status <> 'duplicate' "
                        "AND opened_on <= '" TO "' AND (closed_on IS NULL OR closed_on >= '" FROM "')", office);
  g_assert_cmpint (assisted, >, 100);

  t1 = find_table (report, UDHA_REPORT_TABLE_PERSONS_SEX_AGE);
  t2 = find_table (report, UDHA_REPORT_TABLE_CITIZENSHIP_SEX);
  g_assert_cmpuint (udha_report_table_get_n_dimensions (t1), ==, 3);
  g_assert_cmpstr (udha_report_dimension_get_code (udha_report_table_get_dimension (t1, 2)), ==, "region");
  /* 12 qarqe + not in Albania / unknown */
  g_assert_cmpuint (udha_report_dimension_get_size (udha_report_table_get_dimension (t1, 2)), ==, 13);
  assert_published (t1, grand_total (t1), assisted);
  /* Both count each person once: the same grand total, published alike. */
  g_assert_cmpint (udha_report_table_get_value (t1, grand_total (t1)), ==,
                   udha_report_table_get_value (t2, grand_total (t2)));
  g_assert_cmpint (udha_report_table_get_flags (t1, grand_total (t1)), ==,
                   udha_report_table_get_flags (t2, grand_total (t2)));

  /* Females, all ages, all regions: the shared margin of tables 1 and 2. */
  c[0] = 0; c[1] = 6; c[2] = 13;
  {
    gint64 females = query_int (mira.store,
                                "SELECT count(*) FROM persons WHERE sex = 'female' AND id IN ("
                                "SELECT person_id FROM cases WHERE office_id = ?1 AND status <> 'duplicate' "
                                "AND opened_on <= '" TO "' AND (closed_on IS NULL OR closed_on >= '" FROM "'))", office);
    guint c2[3] = { udha_report_dimension_get_size (udha_report_table_get_dimension (t2, 0)), 0, 13 };

    assert_published (t1, udha_report_table_index (t1, c), females);
    g_assert_cmpint (udha_report_table_get_value (t1, udha_report_table_index (t1, c)), ==,
                     udha_report_table_get_value (t2, udha_report_table_index (t2, c2)));
  }

  /* Table 3: cases opened in the period, by persons, all types. */
  t3 = find_table (report, UDHA_REPORT_TABLE_CASES_TYPE_PERIOD);
  g_assert_cmpuint (udha_report_dimension_get_size (udha_report_table_get_dimension (t3, 1)), ==, 12);
  g_assert_cmpstr (udha_report_dimension_get_category (udha_report_table_get_dimension (t3, 1), 0), ==, "2025-07");
  opened = query_int (mira.store,
                      "SELECT count(*) FROM (SELECT DISTINCT case_type, substr (opened_on, 1, 7), person_id FROM cases "
                      "WHERE office_id = ?1 AND status <> 'duplicate' AND opened_on BETWEEN '" FROM "' AND '" TO "')", office);
  c[0] = 7; c[1] = 12; c[2] = 0;
  assert_published (t3, udha_report_table_index (t3, c), opened);

  /* Table 6 is sensitive: T = 10, and says so. */
  t6 = find_table (report, UDHA_REPORT_TABLE_VULNERABILITY_SEX);
  g_assert_true (udha_report_table_is_sensitive (t6));
  g_assert_cmpuint (udha_report_table_get_threshold (t6), ==, 10);
  {
    g_auto(GStrv) notes = udha_report_table_get_footnotes (t6);
    gboolean said = FALSE;

    for (guint i = 0; notes[i] != NULL; i++)
      said |= strstr (notes[i], "10") != NULL;
    g_assert_true (said);
  }
  /* "Pregnant woman" × male is a structural zero, shown as "–". */
  {
    const UdhaReportDimension *v = udha_report_table_get_dimension (t6, 0);
    guint pregnant = G_MAXUINT;

    for (guint i = 0; i < udha_report_dimension_get_size (v); i++)
      if (strcmp (udha_report_dimension_get_category (v, i), "pregnant") == 0)
        pregnant = i;
    g_assert_cmpuint (pregnant, !=, G_MAXUINT);
    c[0] = pregnant; c[1] = 1; c[2] = 0;
    g_assert_cmpint (udha_report_table_get_flags (t6, udha_report_table_index (t6, c)), ==, UDHA_REPORT_ENTRY_STRUCTURAL);
    {
      g_autofree char *text = udha_report_table_format_entry (t6, udha_report_table_index (t6, c));

      g_assert_cmpstr (text, ==, "–");
    }
  }

  /* Something was suppressed in a report this fine-grained. */
  g_assert_cmpuint (udha_report_table_count_flags (t1, UDHA_REPORT_ENTRY_PRIMARY), >, 0);
  g_assert_cmpuint (udha_report_table_count_flags (t1, UDHA_REPORT_ENTRY_SECONDARY), >, 0);
}

static void
test_subset_and_cancel (void)
{
  g_auto(Actor) mira = { NULL, };
  g_auto(UdhaReportParams) params = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaReport) report = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  const UdhaReportTable *t3;

  sign_in (&mira, "demo.mira", USERS_PASS);
  params_default (&params);
  params.tables = (1u << 1) | (1u << 3);
  params.period_unit = UDHA_REPORT_PERIOD_QUARTER;
  report = udha_session_run_report (mira.session, &params, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (udha_report_get_n_tables (report), ==, 2);
  t3 = udha_report_get_table (report, 1);
  g_assert_cmpint (udha_report_table_get_id (t3), ==, UDHA_REPORT_TABLE_CASES_TYPE_PERIOD);
  /* 2025 Q3 to 2026 Q2 */
  g_assert_cmpuint (udha_report_dimension_get_size (udha_report_table_get_dimension (t3, 1)), ==, 4);
  g_assert_cmpstr (udha_report_dimension_get_category (udha_report_table_get_dimension (t3, 1), 0), ==, "2025-Q3");
  g_assert_cmpstr (udha_report_dimension_get_label (udha_report_table_get_dimension (t3, 1), 0), ==, "Q3 2025");
  g_clear_pointer (&report, udha_report_unref);

  g_cancellable_cancel (cancellable);
  report = udha_session_run_report (mira.session, &params, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (report);
}

typedef struct
{
  GMainLoop  *loop;
  UdhaReport *report;
  GError     *error;
  guint       progress_calls;
  guint       last_done;
  guint       last_total;
  GThread    *main_thread;
} AsyncData;

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  AsyncData *d = user_data;

  g_assert_true (g_thread_self () == d->main_thread);
  g_assert_cmpuint (done, >, d->last_done);
  d->progress_calls++;
  d->last_done = done;
  d->last_total = total;
}

static void
run_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  AsyncData *d = user_data;

  d->report = udha_session_run_report_finish (UDHA_SESSION (source), result, &d->error);
  g_main_loop_quit (d->loop);
}

static void
test_async (void)
{
  g_auto(Actor) mira = { NULL, };
  g_auto(UdhaReportParams) params = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaReport) sync_report = NULL;
  AsyncData d = { NULL, };

  sign_in (&mira, "demo.mira", USERS_PASS);
  params_default (&params);
  params.by_region = TRUE;
  sync_report = udha_session_run_report (mira.session, &params, NULL, &error);
  g_assert_no_error (error);

  d.loop = g_main_loop_new (NULL, FALSE);
  d.main_thread = g_thread_self ();
  udha_session_run_report_async (mira.session, &params, NULL, progress_cb, &d, run_done, &d);
  g_main_loop_run (d.loop);
  /* Progress callbacks queued before the result are dispatched first. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_no_error (d.error);
  g_assert_nonnull (d.report);
  g_assert_cmpuint (d.progress_calls, ==, d.last_total);
  g_assert_cmpuint (d.last_done, ==, d.last_total);
  g_assert_cmpuint (d.last_total, ==, UDHA_REPORT_N_TABLES);  /* 5 queries + protection */

  /* The same snapshot data, the same published report. */
  g_assert_cmpuint (udha_report_get_n_tables (d.report), ==, udha_report_get_n_tables (sync_report));
  for (guint i = 0; i < udha_report_get_n_tables (d.report); i++)
    {
      const UdhaReportTable *a = udha_report_get_table (d.report, i);
      const UdhaReportTable *b = udha_report_get_table (sync_report, i);

      g_assert_cmpuint (udha_report_table_get_n_entries (a), ==, udha_report_table_get_n_entries (b));
      for (gsize e = 0; e < udha_report_table_get_n_entries (a); e++)
        {
          g_assert_cmpint (udha_report_table_get_value (a, e), ==, udha_report_table_get_value (b, e));
          g_assert_cmpint (udha_report_table_get_flags (a, e), ==, udha_report_table_get_flags (b, e));
        }
    }
  udha_report_unref (d.report);

  /* A caseworker is refused through the callback. */
  actor_clear (&mira);
  sign_in (&mira, "demo.arta", USERS_PASS);
  d.report = NULL;
  udha_session_run_report_async (mira.session, &params, NULL, NULL, NULL, run_done, &d);
  g_main_loop_run (d.loop);
  g_assert_error (d.error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_NOT_PERMITTED);
  g_assert_null (d.report);
  g_clear_error (&d.error);
  g_main_loop_unref (d.loop);
}

static char *
hash_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len;
  guint8 hash[crypto_generichash_BYTES];
  char hex[crypto_generichash_BYTES * 2 + 1];

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  crypto_generichash (hash, sizeof hash, (const guint8 *) contents, len, NULL, 0);
  sodium_bin2hex (hex, sizeof hex, hash, sizeof hash);
  return g_strdup (hex);
}

static void
test_export_audited (void)
{
  g_auto(Actor) mira = { NULL, };
  g_auto(UdhaReportParams) params = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaReport) report = NULL;
  g_autofree char *csv_path = g_build_filename (dir, "report-q.csv", NULL);
  g_autofree char *json_path = g_build_filename (dir, "report-q.json", NULL);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr(GFile) json = g_file_new_for_path (json_path);
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *csv_hash = NULL;
  UdhaAuditQuery query = { 0, };
  guint found = 0;

  sign_in (&mira, "demo.mira", USERS_PASS);
  params_default (&params);
  report = udha_session_run_report (mira.session, &params, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (udha_session_export_report (mira.session, report, UDHA_REPORT_FORMAT_CSV, csv, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (udha_session_export_report (mira.session, report, UDHA_REPORT_FORMAT_JSON, json, NULL, &error));
  g_assert_no_error (error);
  csv_hash = hash_file (csv_path);

  /* In the chain, and the chain still verifies. */
  entries = udha_store_audit_list (mira.store, &query, 0, 100000, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      UdhaAuditEntry *e = g_ptr_array_index (entries, i);
      g_autoptr(JsonNode) node = NULL;
      JsonObject *o;

      if (g_strcmp0 (e->action, "report.export") != 0)
        continue;
      node = json_from_string (e->details, &error);
      g_assert_no_error (error);
      o = json_node_get_object (node);
      g_assert_cmpstr (e->user_name, ==, "demo.mira");
      g_assert_cmpint (json_object_get_int_member (o, "threshold"), ==, 5);
      g_assert_cmpint (json_object_get_int_member (o, "threshold_sensitive"), ==, 10);
      g_assert_cmpint (json_object_get_int_member (o, "cells"), >, 0);
      g_assert_true (json_object_has_member (o, "primary"));
      g_assert_true (json_object_has_member (o, "secondary"));
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "definition"), "from"), ==, FROM);
      if (g_strcmp0 (json_object_get_string_member (o, "format"), "csv") == 0)
        {
          g_assert_cmpstr (json_object_get_string_member (o, "file"), ==, "report-q.csv");
          g_assert_cmpstr (json_object_get_string_member (o, "blake2b"), ==, csv_hash);
        }
      else
        g_assert_cmpstr (json_object_get_string_member (o, "file"), ==, "report-q.json");
      /* Never a path: only the base name. */
      g_assert_null (strstr (e->details, dir));
      found++;
    }
  g_assert_cmpuint (found, ==, 2);
  g_assert_true (udha_store_audit_verify (mira.store, NULL, &error));
  g_assert_no_error (error);

  /* A caseworker may not export, even a report handed to them. */
  actor_clear (&mira);
  sign_in (&mira, "demo.arta", USERS_PASS);
  g_assert_false (udha_session_export_report (mira.session, report, UDHA_REPORT_FORMAT_CSV, csv, NULL, &error));
  g_assert_error (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_NOT_PERMITTED);
}

/* A small hand-made report for the writers. */
static UdhaReport *
small_report (const char *language)
{
  g_auto(UdhaReportParams) params = { 0, };
  UdhaReport *report;
  UdhaReportDimension *dims[2];
  UdhaReportTable *table;
  static const gint64 counts[3][2] = { { 2, 30 }, { 12, 40 }, { 0, 7 } };

  udha_report_params_init (&params);
  params.from = g_strdup (FROM);
  params.to = g_strdup (TO);
  g_free (params.language);
  params.language = g_strdup (language);
  report = udha_report_new (&params, "Report, \"quoted\"", "Q1", "");
  dims[0] = udha_report_dimension_new ("citizenship", "Citizenship", "Total");
  udha_report_dimension_add (dims[0], "xx", "=HYPERLINK(\"http://x\")");
  udha_report_dimension_add (dims[0], "yy", "-2+3");
  udha_report_dimension_add (dims[0], "zz", "Shqipëri, \"jug\"");
  dims[1] = udha_report_dimension_new ("sex", "Sex", "Total");
  udha_report_dimension_add (dims[1], "female", "@F");
  udha_report_dimension_add (dims[1], "male", "M");
  table = udha_report_table_new (UDHA_REPORT_TABLE_CITIZENSHIP_SEX, "Persons", "Persons", FALSE, 5, 2, dims);
  for (guint r = 0; r < 3; r++)
    for (guint s = 0; s < 2; s++)
      {
        guint c[2] = { r, s };

        udha_report_table_set_true_value (table, udha_report_table_index (table, c), counts[r][s]);
      }
  udha_report_table_compute_totals (table);
  udha_report_add_table (report, table);
  udha_report_protect (report);
  return report;
}

static char *
write_to_string (UdhaReport       *report,
                 UdhaReportFormat  format)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, format == UDHA_REPORT_FORMAT_CSV ? "w.csv" : "w.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  char *contents = NULL;

  g_assert_true (udha_report_write (report, format, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_utf8_validate (contents, -1, NULL));
  g_unlink (path);
  return contents;
}

static void
test_sanitize (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "=1+1", "'=1+1" }, { "+1", "'+1" }, { "-1", "'-1" }, { "@SUM(A1)", "'@SUM(A1)" },
    { "\tx", "'\tx" }, { "\rx", "'\rx" }, { "Tirana", "Tirana" }, { "", "" }, { "<5", "<5" },
    { "≈40", "≈40" }, { "1-2", "1-2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *s = udha_report_sanitize_cell (cases[i].in);

      g_assert_cmpstr (s, ==, cases[i].out);
    }
}

static void
test_csv (void)
{
  g_autoptr(UdhaReport) report = small_report ("en");
  g_autofree char *csv = write_to_string (report, UDHA_REPORT_FORMAT_CSV);
  g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);

  /* Every line ends in CRLF, never a bare LF. */
  for (const char *p = csv; *p != '\0'; p++)
    if (*p == '\n')
      g_assert_true (p > csv && p[-1] == '\r');
  g_assert_cmpstr (lines[0], ==, "\"Report, \"\"quoted\"\"\"");
  /* Formula-like labels are neutralised, quotes doubled; counts are bare
   * numbers; suppressed and rounded entries are text. */
  g_assert_nonnull (strstr (csv, "\"'=HYPERLINK(\"\"http://x\"\")\",\"<5\",\"<5\",\"≈30\"\r\n"));
  g_assert_nonnull (strstr (csv, "\"'-2+3\",\"<5\",\"<5\",\"≈50\"\r\n"));
  g_assert_nonnull (strstr (csv, "\"'@F\""));
  g_assert_nonnull (strstr (csv, "\"Shqipëri, \"\"jug\"\"\",0,7,7\r\n"));
  g_assert_nonnull (strstr (csv, "\"≈"));
  g_assert_nonnull (strstr (csv, "\"<5: a figure from 1 to 4"));
  /* The true value of the suppressed cell is nowhere. */
  g_assert_null (strstr (csv, ",2,"));
}

static void
test_json (void)
{
  g_autoptr(UdhaReport) report = small_report ("en");
  g_autofree char *text = write_to_string (report, UDHA_REPORT_FORMAT_JSON);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = json_from_string (text, &error);
  JsonObject *table;
  JsonArray *cells, *totals, *dims;
  guint suppressed = 0, rounded = 0;

  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "format"), ==, "udha-report");
  table = json_array_get_object_element (json_object_get_array_member (json_node_get_object (root), "tables"), 0);
  g_assert_cmpint (json_object_get_int_member (table, "id"), ==, 2);
  dims = json_object_get_array_member (table, "dimensions");
  g_assert_cmpuint (json_array_get_length (dims), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (dims, 0), "code"), ==, "citizenship");
  cells = json_object_get_array_member (table, "cells");
  totals = json_object_get_array_member (table, "totals");
  g_assert_cmpuint (json_array_get_length (cells), ==, 6);
  g_assert_cmpuint (json_array_get_length (totals), ==, 6);
  for (guint i = 0; i < json_array_get_length (cells); i++)
    {
      JsonObject *cell = json_array_get_object_element (cells, i);
      JsonNode *value = json_object_get_member (cell, "value");

      if (json_object_has_member (cell, "suppressed"))
        {
          g_assert_true (JSON_NODE_HOLDS_NULL (value));
          g_assert_true (json_object_get_boolean_member (cell, "suppressed"));
          suppressed++;
        }
      else
        {
          g_assert_cmpint (json_node_get_value_type (value), ==, G_TYPE_INT64);
          g_assert_true (json_node_get_int (value) == 0 || json_node_get_int (value) >= 5);
        }
    }
  for (guint i = 0; i < json_array_get_length (totals); i++)
    {
      JsonObject *total = json_array_get_object_element (totals, i);

      if (json_object_has_member (total, "rounded"))
        {
          g_assert_cmpint (json_object_get_int_member (total, "value") % 5, ==, 0);
          rounded++;
        }
    }
  /* 2 is primary; its row and column need complements. */
  g_assert_cmpuint (suppressed, >=, 2);
  g_assert_cmpuint (rounded, >=, 2);
  /* The grand total: both dimensions null. */
  {
    JsonObject *grand = json_array_get_object_element (totals, json_array_get_length (totals) - 1);

    g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (grand, "citizenship")));
    g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (grand, "sex")));
  }
}

static void
test_write_failure (void)
{
  g_autoptr(UdhaReport) report = small_report ("en");
  g_autofree char *path = g_build_filename (dir, "no-such-folder", "r.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_false (udha_report_write (report, UDHA_REPORT_FORMAT_CSV, file, NULL, &error));
  g_assert_error (error, UDHA_REPORT_ERROR, UDHA_REPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "r.csv"));
  g_assert_null (strstr (error->message, dir));
}

static void
test_language (void)
{
  g_auto(Actor) mira = { NULL, };
  g_auto(UdhaReportParams) params = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaReport) report = NULL;
  const UdhaReportDimension *sex;

  /* The Albanian catalogue is read whatever the program's language. */
  g_assert_cmpstr (udha_report_pgettext ("sq", "sex", "Female"), ==, "Femër");
  g_assert_cmpstr (udha_report_pgettext ("en", "sex", "Female"), ==, "Female");
  g_assert_cmpstr (udha_report_gettext ("en", NULL, "sex\004Female"), ==, "Female");

  sign_in (&mira, "demo.mira", USERS_PASS);
  params_default (&params);
  params.tables = 1u << 1;
  g_free (params.language);
  params.language = g_strdup ("sq");
  report = udha_session_run_report (mira.session, &params, NULL, &error);
  g_assert_no_error (error);
  sex = udha_report_table_get_dimension (udha_report_get_table (report, 0), 0);
  g_assert_cmpstr (udha_report_dimension_get_label (sex, 0), ==, "Femër");
  g_assert_cmpstr (udha_report_dimension_get_label (sex, 1), ==, "Mashkull");
}

int
main (int    argc,
      char **argv)
{
  int rc;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_assert_true (udha_core_init (NULL));

  make_vault ();

  g_test_add_func ("/report/session/caseworker-refused", test_caseworker_refused);
  g_test_add_func ("/report/session/invalid-params", test_invalid_params);
  g_test_add_func ("/report/session/tables", test_tables);
  g_test_add_func ("/report/session/subset-and-cancel", test_subset_and_cancel);
  g_test_add_func ("/report/session/async", test_async);
  g_test_add_func ("/report/session/export-audited", test_export_audited);
  g_test_add_func ("/report/writers/sanitize", test_sanitize);
  g_test_add_func ("/report/writers/csv", test_csv);
  g_test_add_func ("/report/writers/json", test_json);
  g_test_add_func ("/report/writers/write-failure", test_write_failure);
  g_test_add_func ("/report/language", test_language);

  rc = g_test_run ();
  remove_dir ();
  g_free (vault_path);
  g_free (dir);
  return rc;
}
