/* udha-store-report.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "udha-store.h"

G_BEGIN_DECLS

/**
 * UdhaStoreReportQuery:
 * @UDHA_STORE_REPORT_PERSONS: persons assisted in the period (a case of the
 *   office open at some time in it): keys sex, age band, primary
 *   citizenship, qark
 * @UDHA_STORE_REPORT_CASE_EVENTS: cases opened and closed in the period:
 *   keys case type, period ("2026-03" or "2026-Q1"), event ("opened",
 *   "closed"); distinct persons
 * @UDHA_STORE_REPORT_SERVICES: services delivered in the period: keys
 *   service code, sex, qark; distinct persons
 * @UDHA_STORE_REPORT_REFERRALS: referrals sent in the period: keys service
 *   code, current status, qark; distinct persons
 * @UDHA_STORE_REPORT_VULNERABILITIES: persons assisted in the period by
 *   recorded vulnerability: keys vulnerability code, sex, qark
 *
 * Every key is a code already coarsened in SQL (DOMAIN.md §10.1 item 3):
 * sex "female" / "male" / "other" (other and not stated), age band "0_4",
 * "5_11", "12_17", "18_59", "60_plus", "unknown" (age at registration),
 * citizenship an ISO alpha-2 code, "stateless" or "unknown", qark a
 * lower-case ISO 3166-2:AL code or "unknown".  Counts are of persons.
 */
typedef enum
{
  UDHA_STORE_REPORT_PERSONS,
  UDHA_STORE_REPORT_CASE_EVENTS,
  UDHA_STORE_REPORT_SERVICES,
  UDHA_STORE_REPORT_REFERRALS,
  UDHA_STORE_REPORT_VULNERABILITIES,
} UdhaStoreReportQuery;

#define UDHA_STORE_REPORT_N_QUERIES (UDHA_STORE_REPORT_VULNERABILITIES + 1)

/**
 * UdhaStoreReportFilter:
 * @office_id: the office whose cases are counted
 * @from: first day, "YYYY-MM-DD"
 * @to: last day, "YYYY-MM-DD" (inclusive)
 * @quarters: periods of table 3 by quarter instead of month
 */
typedef struct
{
  gint64       office_id;
  const char  *from;
  const char  *to;
  gboolean     quarters;
} UdhaStoreReportFilter;

/* One group: up to four keys (unused ones NULL) and its count. */
typedef struct
{
  char   *keys[4];
  gint64  count;
} UdhaStoreReportRow;

typedef struct _UdhaStoreReportSnapshot UdhaStoreReportSnapshot;

UdhaStoreReportSnapshot *udha_store_report_snapshot_begin (UdhaStore               *store,
                                                           gboolean                 own_connection,
                                                           GError                 **error);
GPtrArray               *udha_store_report_snapshot_query (UdhaStoreReportSnapshot *snapshot,
                                                           UdhaStoreReportQuery     query,
                                                           const UdhaStoreReportFilter *filter,
                                                           GCancellable            *cancellable,
                                                           GError                 **error);
void                     udha_store_report_snapshot_end   (UdhaStoreReportSnapshot *snapshot);
/* The same query on any connection (benchmarks compare plain SQLite). */
GPtrArray               *udha_store_report_query_db       (sqlite3                 *db,
                                                           UdhaStoreReportQuery     query,
                                                           const UdhaStoreReportFilter *filter,
                                                           GCancellable            *cancellable,
                                                           GError                 **error);

gboolean                 udha_store_report_query_all_db   (sqlite3                 *db,
                                                           const UdhaStoreReportFilter *filter,
                                                           GPtrArray              **results,
                                                           GCancellable            *cancellable,
                                                           GError                 **error);

void                     udha_store_report_row_free       (UdhaStoreReportRow      *row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdhaStoreReportSnapshot, udha_store_report_snapshot_end)

G_END_DECLS
