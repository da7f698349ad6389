/* udha-store-report.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The aggregation queries behind anonymised reports (DOMAIN.md §10).
 *
 * Every query groups in SQL and returns codes and counts only: no row of a
 * person leaves this file.  Values are coarsened in the query itself (age
 * to UNHCR bands, dates to month or quarter, sex to three values, place to
 * qark), and every count is of distinct persons (§10.1 item 4).
 *
 * "Assisted in the period" means: a case of the office, not a duplicate,
 * opened on or before the last day and not closed before the first.
 *
 * All queries of one report run in one read transaction (a snapshot), on
 * the store's connection or, for the GUI's worker thread, on a connection
 * of its own (DESIGN.md "Long work").  A cancellable interrupts a running
 * query through SQLite's progress handler.
 *
 * Date columns hold "YYYY-MM-DD" or an ISO timestamp; the period is bound
 * as [from, day after to) so both compare correctly as text.  The ranges
 * use the schema v2 indexes cases_opened_on, cases_closed_on,
 * services_delivered_on and referrals_sent_on; the persons assisted come
 * from cases_office (office_id, id). */

#define G_LOG_DOMAIN "udha-store-report"

#include "config.h"

#include "udha-store-report.h"
#include "udha-store-private.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "udha-vault.h"

struct _UdhaStoreReportSnapshot
{
  UdhaStore *store;
  sqlite3   *db;
  gboolean   own;
  gboolean   began;
};

#define SEX_SQL \
  "(CASE p.sex WHEN 'female' THEN 'female' WHEN 'male' THEN 'male' ELSE 'other' END)"

/* Age at registration from a full or partial date of birth ("YYYY",
 * "YYYY-MM", "YYYY-MM-DD"; a partial date counts from its first day), else
 * the estimated age. */
#define AGE_SQL \
  "(CASE WHEN p.dob IS NOT NULL AND length (p.dob) >= 4 THEN " \
  "   CAST (substr (p.registered_at, 1, 4) AS INTEGER) - CAST (substr (p.dob, 1, 4) AS INTEGER) " \
  "   - (CASE WHEN length (p.dob) >= 7 " \
  "            AND substr (p.registered_at, 6, 5) < substr (p.dob || '-01', 6, 5) THEN 1 ELSE 0 END) " \
  " ELSE p.estimated_age END)"

#define AGE_BAND_SQL \
  "(SELECT CASE WHEN a IS NULL OR a < 0 THEN 'unknown' WHEN a < 5 THEN '0_4' WHEN a < 12 THEN '5_11' " \
  "  WHEN a < 18 THEN '12_17' WHEN a < 60 THEN '18_59' ELSE '60_plus' END FROM (SELECT " AGE_SQL " AS a))"

#define QARK_SQL "coalesce (p.qark, 'unknown')"

#define ASSISTED_SQL \
  "SELECT c.person_id FROM cases c WHERE c.office_id = ?1 AND c.status <> 'duplicate' " \
  "AND c.opened_on < ?3 AND (c.closed_on IS NULL OR c.closed_on >= ?2)"

static const char persons_sql[] =
  "SELECT " SEX_SQL ", " AGE_BAND_SQL ", "
  "coalesce ((SELECT pc.code FROM person_citizenships pc WHERE pc.parent_id = p.id "
  "           ORDER BY pc.position LIMIT 1), 'unknown'), "
  QARK_SQL ", count(*) "
  "FROM persons p WHERE p.id IN (" ASSISTED_SQL ") "
  "GROUP BY 1, 2, 3, 4";

#define MONTH_OF(col) "substr (" col ", 1, 7)"
#define QUARTER_OF(col) \
  "(substr (" col ", 1, 4) || '-Q' || ((CAST (substr (" col ", 6, 2) AS INTEGER) + 2) / 3))"

#define CASE_EVENTS_SQL(period_opened, period_closed) \
  "SELECT c.case_type, " period_opened ", 'opened', count(DISTINCT c.person_id) FROM cases c " \
  "WHERE c.opened_on >= ?2 AND c.opened_on < ?3 AND c.office_id = ?1 AND c.status <> 'duplicate' " \
  "GROUP BY 1, 2 " \
  "UNION ALL " \
  "SELECT c.case_type, " period_closed ", 'closed', count(DISTINCT c.person_id) FROM cases c " \
  "WHERE c.closed_on >= ?2 AND c.closed_on < ?3 AND c.office_id = ?1 AND c.status <> 'duplicate' " \
  "GROUP BY 1, 2"

static const char case_events_month_sql[] =
  CASE_EVENTS_SQL (MONTH_OF ("c.opened_on"), MONTH_OF ("c.closed_on"));

static const char case_events_quarter_sql[] =
  CASE_EVENTS_SQL (QUARTER_OF ("c.opened_on"), QUARTER_OF ("c.closed_on"));

static const char services_sql[] =
  "SELECT s.service_code, " SEX_SQL ", " QARK_SQL ", count(DISTINCT p.id) "
  "FROM services s CROSS JOIN cases c ON c.id = s.case_id CROSS JOIN persons p ON p.id = c.person_id "
  "WHERE s.delivered_on >= ?2 AND s.delivered_on < ?3 "
  "AND s.status NOT IN ('cancelled', 'not_required') "
  "AND coalesce (s.delivery, '') NOT IN ('declined', 'unavailable', 'not_applicable') "
  "AND c.office_id = ?1 AND c.status <> 'duplicate' "
  "GROUP BY 1, 2, 3";

static const char referrals_sql[] =
  "SELECT r.service_code, r.status, " QARK_SQL ", count(DISTINCT p.id) "
  "FROM referrals r CROSS JOIN cases c ON c.id = r.case_id CROSS JOIN persons p ON p.id = c.person_id "
  "WHERE r.sent_on >= ?2 AND r.sent_on < ?3 AND r.status <> 'draft' "
  "AND c.office_id = ?1 AND c.status <> 'duplicate' "
  "GROUP BY 1, 2, 3";

static const char vulnerabilities_sql[] =
  "SELECT v.code, " SEX_SQL ", " QARK_SQL ", count(DISTINCT p.id) "
  "FROM persons p JOIN person_vulnerabilities v ON v.person_id = p.id "
  "WHERE p.id IN (" ASSISTED_SQL ") "
  "GROUP BY 1, 2, 3";

void
udha_store_report_row_free (UdhaStoreReportRow *row)
{
  if (row == NULL)
    return;
  for (guint k = 0; k < G_N_ELEMENTS (row->keys); k++)
    g_free (row->keys[k]);
  g_free (row);
}

static int
cancel_cb (void *user_data)
{
  return g_cancellable_is_cancelled (user_data) ? 1 : 0;
}

/**
 * udha_store_report_snapshot_begin:
 * @own_connection: open a connection of the vault for this snapshot (for a
 *   worker thread); otherwise the store's own
 *
 * Starts the read transaction all queries of one report share.  Inside a
 * transaction already open on the store's connection, that one is used.
 *
 * Returns: (transfer full): the snapshot; end it with
 *   udha_store_report_snapshot_end()
 */
UdhaStoreReportSnapshot *
udha_store_report_snapshot_begin (UdhaStore  *store,
                                  gboolean    own_connection,
                                  GError    **error)
{
  g_autoptr(UdhaStoreReportSnapshot) snap = NULL;
  int rc;

  g_return_val_if_fail (UDHA_IS_STORE (store), NULL);

  snap = g_new0 (UdhaStoreReportSnapshot, 1);
  snap->store = g_object_ref (store);
  snap->own = own_connection;
  if (own_connection)
    {
      snap->db = udha_vault_open_connection (udha_store_get_vault (store), error);
      if (snap->db == NULL)
        return NULL;
    }
  else
    snap->db = _udha_store_get_db (store);

  if (own_connection || !udha_store_in_transaction (store))
    {
      rc = sqlite3_exec (snap->db, "BEGIN DEFERRED; SELECT count(*) FROM sqlite_schema;", NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        {
          _udha_store_set_error (error, snap->db, rc);
          sqlite3_exec (snap->db, "ROLLBACK;", NULL, NULL, NULL);
          return NULL;
        }
      snap->began = TRUE;
    }
  return g_steal_pointer (&snap);
}

void
udha_store_report_snapshot_end (UdhaStoreReportSnapshot *snap)
{
  if (snap == NULL)
    return;
  if (snap->began)
    sqlite3_exec (snap->db, "COMMIT;", NULL, NULL, NULL);
  if (snap->own && snap->db != NULL)
    udha_vault_close_connection (udha_store_get_vault (snap->store), snap->db);
  g_object_unref (snap->store);
  g_free (snap);
}

static char *
day_after (const char *date)
{
  GDate d;
  guint y, m, day;

  if (date == NULL || sscanf (date, "%4u-%2u-%2u", &y, &m, &day) != 3
      || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) m, (GDateYear) y))
    return NULL;
  g_date_clear (&d, 1);
  g_date_set_dmy (&d, (GDateDay) day, (GDateMonth) m, (GDateYear) y);
  g_date_add_days (&d, 1);
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d));
}

/**
 * udha_store_report_snapshot_query:
 *
 * Runs one aggregation in the snapshot.
 *
 * Returns: (transfer container) (element-type UdhaStoreReportRow): the
 *   groups, in no particular order; %NULL on error (cancelled:
 *   %G_IO_ERROR_CANCELLED)
 */
GPtrArray *
udha_store_report_snapshot_query (UdhaStoreReportSnapshot     *snap,
                                  UdhaStoreReportQuery         query,
                                  const UdhaStoreReportFilter *filter,
                                  GCancellable                *cancellable,
                                  GError                     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *to_next = NULL;
  const char *sql = NULL;
  guint n_keys = 3;
  int rc;

  g_return_val_if_fail (snap != NULL, NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  switch (query)
    {
    case UDHA_STORE_REPORT_PERSONS:
      sql = persons_sql;
      n_keys = 4;
      break;
    case UDHA_STORE_REPORT_CASE_EVENTS:
      sql = filter->quarters ? case_events_quarter_sql : case_events_month_sql;
      break;
    case UDHA_STORE_REPORT_SERVICES:
      sql = services_sql;
      break;
    case UDHA_STORE_REPORT_REFERRALS:
      sql = referrals_sql;
      break;
    case UDHA_STORE_REPORT_VULNERABILITIES:
      sql = vulnerabilities_sql;
      break;
    default:
      g_return_val_if_reached (NULL);
    }

  to_next = day_after (filter->to);
  g_return_val_if_fail (to_next != NULL && filter->from != NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  rc = sqlite3_prepare_v2 (snap->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _udha_store_set_error (error, snap->db, rc);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, filter->office_id);
  _udha_bind_text (stmt, 2, filter->from);
  _udha_bind_text (stmt, 3, to_next);

  if (cancellable != NULL)
    sqlite3_progress_handler (snap->db, 20000, cancel_cb, cancellable);
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) udha_store_report_row_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UdhaStoreReportRow *row = g_new0 (UdhaStoreReportRow, 1);

      for (guint k = 0; k < n_keys; k++)
        row->keys[k] = _udha_column_dup (stmt, (int) k);
      row->count = sqlite3_column_int64 (stmt, (int) n_keys);
      g_ptr_array_add (rows, row);
    }
  if (cancellable != NULL)
    sqlite3_progress_handler (snap->db, 0, NULL, NULL);

  if (rc != SQLITE_DONE)
    {
      if (rc == SQLITE_INTERRUPT && g_cancellable_is_cancelled (cancellable))
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The report was cancelled."));
      else
        _udha_store_set_error (error, snap->db, rc);
      return NULL;
    }
  return g_steal_pointer (&rows);
}
