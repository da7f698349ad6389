/* udha-store-dashboard.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "udha-store.h"

G_BEGIN_DECLS

/* The active statuses counted on the dashboard, in display order. "Open
 * cases" are cases in one of these. */
#define UDHA_DASHBOARD_N_STATUSES 4
/* Risk levels in display order; the last column counts cases with no risk set. */
#define UDHA_DASHBOARD_N_RISKS 4

extern const char * const udha_dashboard_statuses[UDHA_DASHBOARD_N_STATUSES];
/* "high", "medium", "low", NULL (not assessed) */
extern const char * const udha_dashboard_risks[UDHA_DASHBOARD_N_RISKS];

/* The SQL condition for an active case (alias c), shared with drill-down lists. */
#define UDHA_DASHBOARD_ACTIVE_SQL \
  "c.status IN ('open', 'follow_up', 'inactive', 'closure_requested')"

/* No contact since @since (an SQL expression): no contact ever, or the
 * last one before it (as the caseload list's no_contact_since filter). */
#define UDHA_DASHBOARD_NO_CONTACT_SQL(since) \
  "(c.last_contact IS NULL OR c.last_contact < " since ")"

/**
 * UdhaDashboardWorker:
 * @user_id: the caseworker (or supervisor) the cases are assigned to
 * @user_name: their user name
 * @display_name: their display name, or their user name
 * @role: their role code
 * @by_status: active cases per udha_dashboard_statuses[]
 * @by_risk: active cases per udha_dashboard_risks[]
 * @open: all active cases
 * @overdue_follow_ups: active cases whose next follow-up (referral, planned
 *   service or contact, the stored cases.next_follow_up) is before today
 * @no_contact: active cases without contact since the cut-off day
 *
 * One line of the per-caseworker table. Every active user of the office has
 * a line, even with no cases.
 */
typedef struct
{
  gint64  user_id;
  char   *user_name;
  char   *display_name;
  char   *role;
  gint64  by_status[UDHA_DASHBOARD_N_STATUSES];
  gint64  by_risk[UDHA_DASHBOARD_N_RISKS];
  gint64  open;
  gint64  overdue_follow_ups;
  gint64  no_contact;
} UdhaDashboardWorker;

/**
 * UdhaDashboardClosure:
 * @case_id: the case
 * @case_number: its number
 * @closure_reason: the closure reason code asked for
 * @requested_by: display name of who asked, or %NULL
 * @requested_at: when, ISO 8601
 * @assigned_user_id: the case's caseworker, or 0
 *
 * A pending closure request. No personal data of the person.
 */
typedef struct
{
  gint64  case_id;
  char   *case_number;
  char   *closure_reason;
  char   *requested_by;
  char   *requested_at;
  gint64  assigned_user_id;
} UdhaDashboardClosure;

/**
 * UdhaDashboardOrg:
 * @org_id: the receiving organisation
 * @name: its name
 * @referrals: open referrals to it past their follow-up date
 * @cases: the cases those referrals belong to
 */
typedef struct
{
  gint64  org_id;
  char   *name;
  gint64  referrals;
  gint64  cases;
} UdhaDashboardOrg;

/* The charts of the dashboard (#UdhaDashboardChartKind). */
#define UDHA_DASHBOARD_N_CHARTS 3

typedef struct _UdhaDashboardFigures UdhaDashboardFigures;

/**
 * UdhaDashboardData:
 * @office_id: the office
 * @today: the day "overdue" is measured against
 * @no_contact_since: the cut-off day for "no contact"
 * @workers: (element-type UdhaDashboardWorker): one per active user of the office
 * @unassigned: the office's intake (active cases without a caseworker)
 * @closures: (element-type UdhaDashboardClosure): pending closure requests, oldest first
 * @overdue_orgs: (element-type UdhaDashboardOrg): organisations with overdue
 *   referrals, most first
 * @charts: (nullable): the counts of each chart, by #UdhaDashboardChartKind,
 *   when loaded with them (udha_session_dashboard_load_async ())
 *
 * The supervisor dashboard's figures for one office.
 */
typedef struct
{
  gint64     office_id;
  char      *today;
  char      *no_contact_since;
  GPtrArray *workers;
  gint64     unassigned;
  GPtrArray *closures;
  GPtrArray *overdue_orgs;
  UdhaDashboardFigures *charts[UDHA_DASHBOARD_N_CHARTS];
} UdhaDashboardData;

void           udha_dashboard_data_free          (UdhaDashboardData *dashboard);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdhaDashboardData, udha_dashboard_data_free)

/**
 * UdhaDashboardChartKind:
 * @UDHA_DASHBOARD_CHART_NEW_CASES: cases opened per month (categories:
 *   "YYYY-MM") by primary case type (series)
 * @UDHA_DASHBOARD_CHART_SERVICES: services completed with a delivery date
 *   in the period, by category of the catalogue; one series
 * @UDHA_DASHBOARD_CHART_REFERRALS: referrals sent in the period, by their
 *   current status; one series
 */
typedef enum
{
  UDHA_DASHBOARD_CHART_NEW_CASES,
  UDHA_DASHBOARD_CHART_SERVICES,
  UDHA_DASHBOARD_CHART_REFERRALS,
} UdhaDashboardChartKind;

/**
 * UdhaDashboardFigures:
 * @n_categories: number of categories
 * @categories: their codes
 * @n_series: number of series
 * @series: their codes
 * @values: n_series × n_categories counts, series-major
 *
 * The counts behind one chart, as codes (the GUI labels them).
 */
struct _UdhaDashboardFigures
{
  guint    n_categories;
  char   **categories;
  guint    n_series;
  char   **series;
  gint64  *values;
};

void           udha_dashboard_figures_free  (UdhaDashboardFigures *figures);
gint64         udha_dashboard_figures_get   (const UdhaDashboardFigures *figures,
                                             guint                 series,
                                             guint                 category);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdhaDashboardFigures, udha_dashboard_figures_free)

UdhaDashboardData *udha_store_dashboard_load    (UdhaStore            *self,
                                             gint64                office_id,
                                             const char           *today,
                                             const char           *no_contact_since,
                                             GError              **error);
UdhaDashboardData *udha_store_dashboard_load_db (sqlite3            *db,
                                             gint64                office_id,
                                             const char           *today,
                                             const char           *no_contact_since,
                                             GError              **error);
UdhaDashboardFigures *
               udha_store_dashboard_figures_db (sqlite3            *db,
                                             gint64                office_id,
                                             UdhaDashboardChartKind kind,
                                             const char           *from,
                                             const char           *to,
                                             GError              **error);
UdhaDashboardFigures *
               udha_store_dashboard_figures (UdhaStore            *self,
                                             gint64                office_id,
                                             UdhaDashboardChartKind kind,
                                             const char           *from,
                                             const char           *to,
                                             GError              **error);

G_END_DECLS
