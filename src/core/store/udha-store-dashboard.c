/* udha-store-dashboard.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The supervisor dashboard's figures (issue #6), one office at a time.
 *
 * Cost on a large vault (schema v2):
 *  - per caseworker by status and risk: case_counts, the counts kept by
 *    triggers, a few rows per office;
 *  - no contact and overdue follow-ups: the stored cases.last_contact and
 *    cases.next_follow_up by cases_office_contact / cases_office_follow_up;
 *  - overdue referrals by organisation: the partial index
 *    referrals_follow_up (open referrals by due date);
 *  - closure requests: cases_office_status;
 *  - charts: cases_opened_on, services_delivered_on, referrals_sent_on
 *    ranges over the period.
 * Nothing walks the whole vault. */

#define G_LOG_DOMAIN "udha-store-dashboard"

#include "config.h"

#include <stdio.h>

#include "udha-store-dashboard.h"
#include "udha-store-private.h"
#include "udha-lookup.h"

const char * const udha_dashboard_statuses[UDHA_DASHBOARD_N_STATUSES] = {
  "open", "follow_up", "inactive", "closure_requested",
};

const char * const udha_dashboard_risks[UDHA_DASHBOARD_N_RISKS] = {
  "high", "medium", "low", NULL,
};

#define OPEN_REFERRAL_SQL "r.status NOT IN ('declined', 'completed', 'cancelled')"

/* The queries run on any connection of the vault: the store's own, or one
 * opened for a worker thread (udha_session_dashboard_load_async ()). */
static sqlite3_stmt *
prepare (sqlite3     *db,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      _udha_store_set_error (error, db, rc);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

static gboolean
fail (sqlite3  *db,
      int       rc,
      GError  **error)
{
  _udha_store_set_error (error, db, rc);
  return FALSE;
}

static void
worker_free (gpointer data)
{
  UdhaDashboardWorker *worker = data;

  g_free (worker->user_name);
  g_free (worker->display_name);
  g_free (worker->role);
  g_free (worker);
}

static void
closure_free (gpointer data)
{
  UdhaDashboardClosure *closure = data;

  g_free (closure->case_number);
  g_free (closure->closure_reason);
  g_free (closure->requested_by);
  g_free (closure->requested_at);
  g_free (closure);
}

static void
org_free (gpointer data)
{
  UdhaDashboardOrg *org = data;

  g_free (org->name);
  g_free (org);
}

void
udha_dashboard_data_free (UdhaDashboardData *dashboard)
{
  if (dashboard == NULL)
    return;
  g_free (dashboard->today);
  g_free (dashboard->no_contact_since);
  g_clear_pointer (&dashboard->workers, g_ptr_array_unref);
  g_clear_pointer (&dashboard->closures, g_ptr_array_unref);
  g_clear_pointer (&dashboard->overdue_orgs, g_ptr_array_unref);
  for (guint i = 0; i < UDHA_DASHBOARD_N_CHARTS; i++)
    g_clear_pointer (&dashboard->charts[i], udha_dashboard_figures_free);
  g_free (dashboard);
}

void
udha_dashboard_figures_free (UdhaDashboardFigures *figures)
{
  if (figures == NULL)
    return;
  g_strfreev (figures->categories);
  g_strfreev (figures->series);
  g_free (figures->values);
  g_free (figures);
}

/**
 * udha_dashboard_figures_get:
 * @figures: figures
 * @series: a series index
 * @category: a category index
 *
 * Returns: the count
 */
gint64
udha_dashboard_figures_get (const UdhaDashboardFigures *figures,
                            guint                       series,
                            guint                       category)
{
  g_return_val_if_fail (figures != NULL, 0);
  g_return_val_if_fail (series < figures->n_series && category < figures->n_categories, 0);

  return figures->values[series * figures->n_categories + category];
}

static int
status_index (const char *status)
{
  for (guint i = 0; i < UDHA_DASHBOARD_N_STATUSES; i++)
    if (g_strcmp0 (status, udha_dashboard_statuses[i]) == 0)
      return i;
  return -1;
}

static int
risk_index (const char *risk)
{
  for (guint i = 0; i < UDHA_DASHBOARD_N_RISKS - 1; i++)
    if (g_strcmp0 (risk, udha_dashboard_risks[i]) == 0)
      return i;
  return UDHA_DASHBOARD_N_RISKS - 1;
}

static UdhaDashboardWorker *
find_worker (GPtrArray *workers,
             gint64     user_id)
{
  for (guint i = 0; i < workers->len; i++)
    {
      UdhaDashboardWorker *worker = g_ptr_array_index (workers, i);

      if (worker->user_id == user_id)
        return worker;
    }
  return NULL;
}

static gboolean
load_workers (sqlite3            *db,
              UdhaDashboardData  *dashboard,
              GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    prepare (db,
                        "SELECT id, user_name, coalesce (display_name, user_name), role, disabled "
                        "FROM users WHERE office_id = ?1 AND role <> 'admin' "
                        "ORDER BY coalesce (display_name, user_name), id;", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dashboard->office_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UdhaDashboardWorker *worker = g_new0 (UdhaDashboardWorker, 1);

      worker->user_id = sqlite3_column_int64 (stmt, 0);
      worker->user_name = _udha_column_dup (stmt, 1);
      worker->display_name = _udha_column_dup (stmt, 2);
      worker->role = _udha_column_dup (stmt, 3);
      /* A disabled user is marked with a negative count until the
       * counts arrive (drop_disabled ()). */
      worker->open = sqlite3_column_int (stmt, 4) ? -1 : 0;
      g_ptr_array_add (dashboard->workers, worker);
    }
  if (rc != SQLITE_DONE)
    return fail (db, rc, error);
  return TRUE;
}

/* Active cases per assignee, status and risk: a few rows of case_counts,
 * the per-office counts that triggers keep (schema v2). */
static gboolean
load_status_counts (sqlite3            *db,
                    UdhaDashboardData  *dashboard,
                    GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    prepare (db,
                        "SELECT assigned_user_id, status, risk, sum (n) FROM case_counts "
                        "WHERE office_id = ?1 AND status IN ('open', 'follow_up', 'inactive', 'closure_requested') "
                        "AND n > 0 GROUP BY assigned_user_id, status, risk;", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dashboard->office_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 user_id = sqlite3_column_int64 (stmt, 0);
      const char *status = (const char *) sqlite3_column_text (stmt, 1);
      const char *risk = (const char *) sqlite3_column_text (stmt, 2);
      gint64 n = sqlite3_column_int64 (stmt, 3);
      UdhaDashboardWorker *worker;
      int s;

      if (user_id == 0)
        {
          dashboard->unassigned += n;
          continue;
        }
      worker = find_worker (dashboard->workers, user_id);
      if (worker == NULL)
        continue;   /* a user of another office: not this office's caseworker */
      if (worker->open < 0)
        worker->open = 0;
      s = status_index (status);
      if (s >= 0)
        worker->by_status[s] += n;
      worker->by_risk[risk_index (risk)] += n;
      worker->open += n;
    }
  if (rc != SQLITE_DONE)
    return fail (db, rc, error);
  return TRUE;
}

/* Active cases without contact since the cut-off: the stored last contact
 * (schema v2) is missing or before it. By cases_office_contact, reading no
 * other table. */
static gboolean
load_no_contact (sqlite3            *db,
                 UdhaDashboardData  *dashboard,
                 GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    prepare (db,
                        "SELECT c.assigned_user_id, count (*) FROM cases c "
                        "WHERE c.office_id = ?1 AND " UDHA_DASHBOARD_ACTIVE_SQL " "
                        "AND c.assigned_user_id IS NOT NULL "
                        "AND " UDHA_DASHBOARD_NO_CONTACT_SQL ("?2") " "
                        "GROUP BY c.assigned_user_id;", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dashboard->office_id);
  _udha_bind_text (stmt, 2, dashboard->no_contact_since);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UdhaDashboardWorker *worker = find_worker (dashboard->workers, sqlite3_column_int64 (stmt, 0));

      if (worker != NULL)
        worker->no_contact += sqlite3_column_int64 (stmt, 1);
    }
  if (rc != SQLITE_DONE)
    return fail (db, rc, error);
  return TRUE;
}

/* Active cases whose next follow-up date is past: the stored
 * cases.next_follow_up (schema v2: the earliest of open referrals, planned
 * services and the latest interview's next follow-up) by
 * cases_office_follow_up. The same filter as the caseload list's
 * "Overdue follow-ups" (UdhaCaseQuery.follow_up_overdue, active only). */
static gboolean
load_overdue (sqlite3            *db,
              UdhaDashboardData  *dashboard,
              GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    prepare (db,
                        "SELECT c.assigned_user_id, count (*) FROM cases c "
                        "WHERE c.office_id = ?1 AND c.next_follow_up > '' AND c.next_follow_up < ?2 "
                        "AND c.assigned_user_id IS NOT NULL AND " UDHA_DASHBOARD_ACTIVE_SQL " "
                        "GROUP BY c.assigned_user_id;", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dashboard->office_id);
  _udha_bind_text (stmt, 2, dashboard->today);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UdhaDashboardWorker *worker = find_worker (dashboard->workers, sqlite3_column_int64 (stmt, 0));

      if (worker != NULL)
        worker->overdue_follow_ups += sqlite3_column_int64 (stmt, 1);
    }
  if (rc != SQLITE_DONE)
    return fail (db, rc, error);
  return TRUE;
}

/* A disabled user keeps a line only while active cases still wait on them. */
static void
drop_disabled (UdhaDashboardData *dashboard)
{
  for (guint i = dashboard->workers->len; i > 0; i--)
    {
      UdhaDashboardWorker *worker = g_ptr_array_index (dashboard->workers, i - 1);

      if (worker->open < 0)
        g_ptr_array_remove_index (dashboard->workers, i - 1);
    }
}

static gboolean
load_closures (sqlite3            *db,
               UdhaDashboardData  *dashboard,
               GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    prepare (db,
                        "SELECT c.id, c.number, c.closure_reason, coalesce (u.display_name, u.user_name), "
                        "  c.closure_requested_at, c.assigned_user_id "
                        "FROM cases c LEFT JOIN users u ON u.id = c.closure_requested_by "
                        "WHERE c.office_id = ?1 AND c.status = 'closure_requested' "
                        "ORDER BY c.closure_requested_at, c.id;", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dashboard->office_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UdhaDashboardClosure *closure = g_new0 (UdhaDashboardClosure, 1);

      closure->case_id = sqlite3_column_int64 (stmt, 0);
      closure->case_number = _udha_column_dup (stmt, 1);
      closure->closure_reason = _udha_column_dup (stmt, 2);
      closure->requested_by = _udha_column_dup (stmt, 3);
      closure->requested_at = _udha_column_dup (stmt, 4);
      closure->assigned_user_id = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (dashboard->closures, closure);
    }
  if (rc != SQLITE_DONE)
    return fail (db, rc, error);
  return TRUE;
}

static gboolean
load_overdue_orgs (sqlite3            *db,
                   UdhaDashboardData  *dashboard,
                   GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    prepare (db,
                        "SELECT r.org_id, o.name, count (*), count (DISTINCT r.case_id) "
                        "FROM referrals r CROSS JOIN cases c ON c.id = r.case_id "
                        "JOIN organisations o ON o.id = r.org_id "
                        "WHERE r.follow_up_due < ?2 AND " OPEN_REFERRAL_SQL " AND c.office_id = ?1 "
                        "GROUP BY r.org_id ORDER BY 3 DESC, o.name, r.org_id;", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dashboard->office_id);
  _udha_bind_text (stmt, 2, dashboard->today);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UdhaDashboardOrg *org = g_new0 (UdhaDashboardOrg, 1);

      org->org_id = sqlite3_column_int64 (stmt, 0);
      org->name = _udha_column_dup (stmt, 1);
      org->referrals = sqlite3_column_int64 (stmt, 2);
      org->cases = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (dashboard->overdue_orgs, org);
    }
  if (rc != SQLITE_DONE)
    return fail (db, rc, error);
  return TRUE;
}

/**
 * udha_store_dashboard_load:
 * @self: a #UdhaStore
 * @office_id: the office
 * @today: ISO date: a referral is overdue when its follow-up date is before it
 * @no_contact_since: ISO date: an active case has had no contact when it
 *   has none, or its last contact is before it
 * @error: return location for a #GError
 *
 * Reads every figure of the dashboard in one read transaction, so that they
 * agree with one another.
 *
 * Returns: (transfer full): the dashboard, or %NULL
 */
UdhaDashboardData *
udha_store_dashboard_load (UdhaStore   *self,
                           gint64       office_id,
                           const char  *today,
                           const char  *no_contact_since,
                           GError     **error)
{
  g_return_val_if_fail (UDHA_IS_STORE (self), NULL);

  return udha_store_dashboard_load_db (_udha_store_get_db (self), office_id, today, no_contact_since, error);
}

/**
 * udha_store_dashboard_load_db:
 * @db: a connection of the vault
 *
 * udha_store_dashboard_load() on @db, for a worker thread with a connection
 * of its own.
 *
 * Returns: (transfer full): the dashboard, or %NULL
 */
UdhaDashboardData *
udha_store_dashboard_load_db (sqlite3     *db,
                              gint64       office_id,
                              const char  *today,
                              const char  *no_contact_since,
                              GError     **error)
{
  g_autoptr(UdhaDashboardData) dashboard = NULL;
  gboolean own;
  gboolean ok;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (today != NULL && no_contact_since != NULL, NULL);

  dashboard = g_new0 (UdhaDashboardData, 1);
  dashboard->office_id = office_id;
  dashboard->today = g_strdup (today);
  dashboard->no_contact_since = g_strdup (no_contact_since);
  dashboard->workers = g_ptr_array_new_with_free_func (worker_free);
  dashboard->closures = g_ptr_array_new_with_free_func (closure_free);
  dashboard->overdue_orgs = g_ptr_array_new_with_free_func (org_free);

  /* A read transaction of its own unless the caller is inside one. */
  own = sqlite3_get_autocommit (db);
  if (own && (rc = sqlite3_exec (db, "BEGIN;", NULL, NULL, NULL)) != SQLITE_OK)
    {
      fail (db, rc, error);
      return NULL;
    }
  ok = load_workers (db, dashboard, error) &&
       load_status_counts (db, dashboard, error) &&
       load_no_contact (db, dashboard, error) &&
       load_overdue (db, dashboard, error) &&
       load_closures (db, dashboard, error) &&
       load_overdue_orgs (db, dashboard, error);
  if (own)
    sqlite3_exec (db, ok ? "COMMIT;" : "ROLLBACK;", NULL, NULL, NULL);
  if (!ok)
    return NULL;
  drop_disabled (dashboard);
  return g_steal_pointer (&dashboard);
}

static UdhaDashboardFigures *
figures_new (GPtrArray *categories,
             GPtrArray *series)
{
  UdhaDashboardFigures *figures = g_new0 (UdhaDashboardFigures, 1);

  figures->n_categories = categories->len;
  figures->n_series = series->len;
  g_ptr_array_add (categories, NULL);
  g_ptr_array_add (series, NULL);
  figures->categories = (char **) g_ptr_array_steal (categories, NULL);
  figures->series = (char **) g_ptr_array_steal (series, NULL);
  figures->values = g_new0 (gint64, MAX (1, figures->n_categories * figures->n_series));
  return figures;
}

static int
strv_index (char       **strv,
            guint        n,
            const char  *code)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (strv[i], code) == 0)
      return i;
  return -1;
}

/* Months "YYYY-MM" from @from to @to, both ISO dates. */
static GPtrArray *
month_list (const char *from,
            const char *to)
{
  GPtrArray *months = g_ptr_array_new_with_free_func (g_free);
  int y, m, to_y, to_m;

  if (sscanf (from, "%4d-%2d", &y, &m) != 2 || sscanf (to, "%4d-%2d", &to_y, &to_m) != 2)
    return months;
  while ((y < to_y || (y == to_y && m <= to_m)) && months->len < 240)
    {
      g_ptr_array_add (months, g_strdup_printf ("%04d-%02d", y, m));
      if (++m > 12)
        {
          m = 1;
          y++;
        }
    }
  return months;
}

/* Codes of @kind in display order, but for those in @skip. */
static GPtrArray *
lookup_codes (UdhaLookupKind     kind,
              const char * const *skip)
{
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);
  const UdhaLookupEntry *entries;
  guint n = 0;

  entries = udha_lookup_list (kind, &n);
  for (guint i = 0; i < n; i++)
    if (skip == NULL || !g_strv_contains (skip, entries[i].code))
      g_ptr_array_add (codes, g_strdup (entries[i].code));
  return codes;
}

static const char *
figures_sql (UdhaDashboardChartKind kind)
{
  switch (kind)
    {
    case UDHA_DASHBOARD_CHART_NEW_CASES:
      /* "+": walk the year by cases_opened_on, not the office's every case. */
      return "SELECT substr (c.opened_on, 1, 7), c.case_type, count (*) FROM cases c "
             "WHERE c.opened_on BETWEEN ?2 AND ?3 AND +c.office_id = ?1 "
             "GROUP BY 1, 2;";
    case UDHA_DASHBOARD_CHART_SERVICES:
      return "SELECT s.service_code, '', count (*) FROM services s CROSS JOIN cases c ON c.id = s.case_id "
             "WHERE s.delivered_on BETWEEN ?2 AND ?3 AND s.status = 'completed' AND c.office_id = ?1 "
             "GROUP BY 1;";
    case UDHA_DASHBOARD_CHART_REFERRALS:
    default:
      return "SELECT r.status, '', count (*) FROM referrals r CROSS JOIN cases c ON c.id = r.case_id "
             "WHERE r.sent_on BETWEEN ?2 AND ?3 AND r.status <> 'draft' AND c.office_id = ?1 "
             "GROUP BY 1;";
    }
}

/**
 * udha_store_dashboard_figures:
 * @self: a #UdhaStore
 * @office_id: the office
 * @kind: which chart
 * @from: first day, ISO
 * @to: last day, ISO
 * @error: return location for a #GError
 *
 * The counts behind one chart of the dashboard. Categories and series are
 * vocabulary codes in display order: every category is kept (a month with
 * no cases shows as 0); for new cases, only the case types that occur.
 * Services are grouped by the catalogue's categories.
 *
 * Returns: (transfer full): the figures, or %NULL
 */
UdhaDashboardFigures *
udha_store_dashboard_figures (UdhaStore              *self,
                              gint64                  office_id,
                              UdhaDashboardChartKind  kind,
                              const char             *from,
                              const char             *to,
                              GError                **error)
{
  g_return_val_if_fail (UDHA_IS_STORE (self), NULL);

  return udha_store_dashboard_figures_db (_udha_store_get_db (self), office_id, kind, from, to, error);
}

/**
 * udha_store_dashboard_figures_db:
 * @db: a connection of the vault
 *
 * udha_store_dashboard_figures() on @db.
 *
 * Returns: (transfer full): the figures, or %NULL
 */
UdhaDashboardFigures *
udha_store_dashboard_figures_db (sqlite3                *db,
                                 gint64                  office_id,
                                 UdhaDashboardChartKind  kind,
                                 const char             *from,
                                 const char             *to,
                                 GError                **error)
{
  static const char * const no_draft[] = { "draft", NULL };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GPtrArray) series = NULL;
  UdhaDashboardFigures *figures;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);

  switch (kind)
    {
    case UDHA_DASHBOARD_CHART_NEW_CASES:
      categories = month_list (from, to);
      series = lookup_codes (UDHA_LOOKUP_CASE_TYPE, NULL);
      break;
    case UDHA_DASHBOARD_CHART_SERVICES:
      categories = lookup_codes (UDHA_LOOKUP_SERVICE_CATEGORY, NULL);
      series = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (series, g_strdup ("completed"));
      break;
    case UDHA_DASHBOARD_CHART_REFERRALS:
    default:
      categories = lookup_codes (UDHA_LOOKUP_REFERRAL_STATUS, no_draft);
      series = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (series, g_strdup ("referrals"));
      break;
    }

  stmt = prepare (db, figures_sql (kind), error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, office_id);
  _udha_bind_text (stmt, 2, from);
  _udha_bind_text (stmt, 3, to);

  {
    g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GArray) ns = g_array_new (FALSE, FALSE, sizeof (gint64));
    gboolean *used;

    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        const char *category = (const char *) sqlite3_column_text (stmt, 0);
        const char *serie = (const char *) sqlite3_column_text (stmt, 1);
        gint64 n = sqlite3_column_int64 (stmt, 2);

        if (kind == UDHA_DASHBOARD_CHART_SERVICES)
          {
            const UdhaLookupEntry *entry = udha_lookup_find (UDHA_LOOKUP_SERVICE, category);

            category = entry != NULL ? entry->parent : NULL;
          }
        g_ptr_array_add (hits, g_strdup (category));
        g_ptr_array_add (hits, g_strdup (serie));
        g_array_append_val (ns, n);
      }
    if (rc != SQLITE_DONE)
      {
        fail (db, rc, error);
        return NULL;
      }

    /* New cases: keep the case types that occur, in display order. */
    used = g_new0 (gboolean, series->len);
    for (guint i = 0; i < ns->len; i++)
      {
        int s = kind == UDHA_DASHBOARD_CHART_NEW_CASES
                ? strv_index ((char **) series->pdata, series->len, g_ptr_array_index (hits, 2 * i + 1))
                : 0;
        if (s >= 0)
          used[s] = TRUE;
      }
    for (guint s = series->len; s > 0; s--)
      if (!used[s - 1] && kind == UDHA_DASHBOARD_CHART_NEW_CASES)
        g_ptr_array_remove_index (series, s - 1);
    g_free (used);

    figures = figures_new (categories, series);
    for (guint i = 0; i < ns->len; i++)
      {
        int c = strv_index (figures->categories, figures->n_categories, g_ptr_array_index (hits, 2 * i));
        int s = kind == UDHA_DASHBOARD_CHART_NEW_CASES
                ? strv_index (figures->series, figures->n_series, g_ptr_array_index (hits, 2 * i + 1))
                : 0;

        if (c >= 0 && s >= 0)
          figures->values[s * figures->n_categories + c] += g_array_index (ns, gint64, i);
      }
  }
  return figures;
}
