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
 * as [from, day after to) so both compare correctly as text.  Every query
 * reads the schema v3 covering indexes only (udha-store-schema.c), never
 * the wide rows of cases and persons: cases_report_office (the cases
 * assisted in or opened in the period), cases_report_closed, cases_report_id
 * (a service's or referral's case), services_report, referrals_report and
 * persons_report.  Without statistics (a vault that never ran ANALYZE)
 * SQLite prefers the rowid to a covering index for a lookup by id, hence
 * INDEXED BY cases_report_id and persons_report.
 *
 * In one snapshot the persons query runs first and keeps the persons
 * assisted, with their sex and qark (struct Assisted): the services,
 * referrals and vulnerabilities queries of the same period take them from
 * there rather than from persons_report again (issue #6). */

#define G_LOG_DOMAIN "udha-store-report"

#include "config.h"

#include "udha-store-report.h"
#include "udha-store-private.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "udha-vault.h"

/* One person assisted: the id, then sex and qark as numbers of the
 * persons query's interners. */
typedef struct
{
  gint64  id;
  guint16 sex;
  guint16 qark;
} AssistedPerson;

/* The persons assisted of one filter, kept by the persons query for the
 * vulnerabilities query of the same snapshot. */
typedef struct
{
  gboolean  valid;
  gint64    office_id;
  char     *from;
  char     *to;
  GArray   *persons;  /* AssistedPerson, by id */
  GPtrArray *sexes;   /* number → text */
  GPtrArray *qarks;
  GArray    *cases;   /* OfficeCase of the office, by id; loaded when needed */
} Assisted;

/* A case of the office, not a duplicate, and its person. */
typedef struct
{
  gint64 id;
  gint64 person_id;
} OfficeCase;

static void
assisted_clear (Assisted *a)
{
  a->valid = FALSE;
  g_clear_pointer (&a->from, g_free);
  g_clear_pointer (&a->to, g_free);
  g_clear_pointer (&a->persons, g_array_unref);
  g_clear_pointer (&a->sexes, g_ptr_array_unref);
  g_clear_pointer (&a->qarks, g_ptr_array_unref);
  g_clear_pointer (&a->cases, g_array_unref);
}

static gboolean
assisted_matches (const Assisted              *a,
                  const UdhaStoreReportFilter *filter)
{
  return a != NULL && a->valid && a->office_id == filter->office_id
         && g_strcmp0 (a->from, filter->from) == 0 && g_strcmp0 (a->to, filter->to) == 0;
}

static int
compare_assisted (gconstpointer a,
                  gconstpointer b)
{
  gint64 x = ((const AssistedPerson *) a)->id, y = ((const AssistedPerson *) b)->id;

  return x < y ? -1 : x > y;
}

struct _UdhaStoreReportSnapshot
{
  UdhaStore *store;
  sqlite3   *db;
  gboolean   own;
  gboolean   began;
  gint64     saved_cache_size;  /* to restore on the store's connection */
  Assisted   assisted;
};

/* The page cache of a report's connection (a negative PRAGMA cache_size,
 * KiB).  Its queries read the same index pages more than once (the cases
 * assisted twice, persons and cases by id from services, referrals and
 * persons), and on a vault every page read again past the connection's
 * cache is decrypted again.  Pages are only allocated as they are read,
 * and the cache goes back to UDHA_VAULT_CACHE_KIB (freeing them) when the
 * snapshot ends, or with the worker's own connection. */
#define REPORT_CACHE_KIB (-262144)

#define SEX_SQL \
  "(CASE p.sex WHEN 'female' THEN 'female' WHEN 'male' THEN 'male' ELSE 'other' END)"

/* NULL: intern() counts it as "unknown" */
#define QARK_SQL "p.qark"

#define ASSISTED_SQL \
  "SELECT c.person_id FROM cases c WHERE c.office_id = ?1 AND c.status <> 'duplicate' " \
  "AND c.opened_on < ?3 AND (c.closed_on IS NULL OR c.closed_on >= ?2)"

/* One row per person assisted: sex, then what the age band is computed
 * from (in C: dob, estimated age, registration date), citizenship, qark. */
static const char persons_sql[] =
  "SELECT " SEX_SQL ", p.dob, p.estimated_age, p.registered_at, "
  "(SELECT pc.code FROM person_citizenships pc WHERE pc.parent_id = p.id "
  " ORDER BY pc.position LIMIT 1), "
  QARK_SQL ", p.id "
  "FROM persons p INDEXED BY persons_report WHERE p.id IN (" ASSISTED_SQL ")";

#define MONTH_OF(col) "substr (" col ", 1, 7)"
#define QUARTER_OF(col) \
  "(substr (" col ", 1, 4) || '-Q' || ((CAST (substr (" col ", 6, 2) AS INTEGER) + 2) / 3))"

/* The other queries return three keys and the person: C counts distinct
 * persons per key (cheaper than count(DISTINCT) in SQL). */
#define CASE_EVENTS_SQL(period_opened, period_closed) \
  "SELECT c.case_type, " period_opened ", 'opened', c.person_id FROM cases c " \
  "WHERE c.opened_on >= ?2 AND c.opened_on < ?3 AND c.office_id = ?1 AND c.status <> 'duplicate' " \
  "UNION ALL " \
  "SELECT c.case_type, " period_closed ", 'closed', c.person_id FROM cases c " \
  "WHERE c.closed_on >= ?2 AND c.closed_on < ?3 AND c.office_id = ?1 AND c.status <> 'duplicate'"

static const char case_events_month_sql[] =
  CASE_EVENTS_SQL (MONTH_OF ("c.opened_on"), MONTH_OF ("c.closed_on"));

static const char case_events_quarter_sql[] =
  CASE_EVENTS_SQL (QUARTER_OF ("c.opened_on"), QUARTER_OF ("c.closed_on"));

static const char services_sql[] =
  "SELECT s.service_code, " SEX_SQL ", " QARK_SQL ", p.id "
  "FROM services s CROSS JOIN cases c INDEXED BY cases_report_id ON c.id = s.case_id "
  "CROSS JOIN persons p INDEXED BY persons_report ON p.id = c.person_id "
  "WHERE s.delivered_on >= ?2 AND s.delivered_on < ?3 "
  "AND s.status NOT IN ('cancelled', 'not_required') "
  "AND coalesce (s.delivery, '') NOT IN ('declined', 'unavailable', 'not_applicable') "
  "AND c.office_id = ?1 AND c.status <> 'duplicate'";

static const char referrals_sql[] =
  "SELECT r.service_code, r.status, " QARK_SQL ", p.id "
  "FROM referrals r CROSS JOIN cases c INDEXED BY cases_report_id ON c.id = r.case_id "
  "CROSS JOIN persons p INDEXED BY persons_report ON p.id = c.person_id "
  "WHERE r.sent_on >= ?2 AND r.sent_on < ?3 AND r.status <> 'draft' "
  "AND c.office_id = ?1 AND c.status <> 'duplicate'";

/* The same two with the person's id alone, when the persons assisted of
 * the snapshot already hold almost every person's sex and qark: one index
 * lookup a row fewer.  A person outside them is looked up by id. */
/* Their cases are looked up in C too, among the office's cases (read
 * once from cases_report_office): a binary search instead of an index
 * lookup in cases_report_id for each of up to a million rows. */
static const char service_cases_sql[] =
  "SELECT s.service_code, s.case_id FROM services s INDEXED BY services_report "
  "WHERE s.delivered_on >= ?2 AND s.delivered_on < ?3 "
  "AND s.status NOT IN ('cancelled', 'not_required') "
  "AND coalesce (s.delivery, '') NOT IN ('declined', 'unavailable', 'not_applicable')";

static const char referral_cases_sql[] =
  "SELECT r.service_code, r.status, r.case_id FROM referrals r INDEXED BY referrals_report "
  "WHERE r.sent_on >= ?2 AND r.sent_on < ?3 AND r.status <> 'draft'";

/* For a shorter period, the index lookups of their cases cost less than
 * reading every case of the office (measured on the 1,000,000-case vault:
 * 35 ms more over 12 months, 170 ms less over 9 years). */
#define OFFICE_CASES_MIN_DAYS 731

static const char service_persons_sql[] =
  "SELECT s.service_code, c.person_id "
  "FROM services s CROSS JOIN cases c INDEXED BY cases_report_id ON c.id = s.case_id "
  "WHERE s.delivered_on >= ?2 AND s.delivered_on < ?3 "
  "AND s.status NOT IN ('cancelled', 'not_required') "
  "AND coalesce (s.delivery, '') NOT IN ('declined', 'unavailable', 'not_applicable') "
  "AND c.office_id = ?1 AND c.status <> 'duplicate'";

static const char referral_persons_sql[] =
  "SELECT r.service_code, r.status, c.person_id "
  "FROM referrals r CROSS JOIN cases c INDEXED BY cases_report_id ON c.id = r.case_id "
  "WHERE r.sent_on >= ?2 AND r.sent_on < ?3 AND r.status <> 'draft' "
  "AND c.office_id = ?1 AND c.status <> 'duplicate'";

static const char office_cases_sql[] =
  "SELECT c.id, c.person_id FROM cases c INDEXED BY cases_report_office "
  "WHERE c.office_id = ?1 AND c.status <> 'duplicate'";

static const char person_sex_qark_sql[] =
  "SELECT " SEX_SQL ", " QARK_SQL " FROM persons p INDEXED BY persons_report WHERE p.id = ?1";

/* From the (few) recorded vulnerabilities to their persons, rather than
 * from every person assisted. */
static const char vulnerabilities_sql[] =
  "SELECT v.code, " SEX_SQL ", " QARK_SQL ", p.id "
  "FROM person_vulnerabilities v CROSS JOIN persons p INDEXED BY persons_report ON p.id = v.person_id "
  "WHERE v.person_id IN (" ASSISTED_SQL ")";

/* When the persons query ran in the same snapshot, the vulnerabilities
 * query reuses its persons assisted (and their sex and qark) instead of
 * computing the set again: it reads the recorded vulnerabilities alone
 * and keeps those of a person in the set. */
static const char vulnerability_codes_sql[] =
  "SELECT v.person_id, v.code FROM person_vulnerabilities v";

/* Grouping in C ------------------------------------------------------------
 *
 * Each key column is interned to a small number; a row's keys (and, where
 * persons are counted once per group, the person id) pack into one 64-bit
 * integer.  Sorting those and counting runs gives the groups. */

#define KEY_BITS 10
#define MAX_KEYS (1u << KEY_BITS)
#define PERSON_BITS 31

/* An open-addressing table of twice MAX_KEYS slots (never more than half
 * full), hashed inline: two million rows of a long period intern several
 * keys each. */
#define INTERN_SLOTS (2 * MAX_KEYS)

typedef struct
{
  guint16   *slots;   /* hash → number + 1, 0 for empty */
  GPtrArray *values;  /* number → text */
} Interner;

static void
interner_init (Interner *in)
{
  in->slots = g_new0 (guint16, INTERN_SLOTS);
  in->values = g_ptr_array_new_with_free_func (g_free);
}

static void
interner_clear (Interner *in)
{
  g_clear_pointer (&in->slots, g_free);
  g_clear_pointer (&in->values, g_ptr_array_unref);
}

/* -1 when the column has more distinct values than a report can show. */
static gint64
intern (Interner   *in,
        const char *text)
{
  guint32 h = 2166136261u;
  guint slot;

  if (text == NULL)
    text = "unknown";
  for (const unsigned char *c = (const unsigned char *) text; *c != '\0'; c++)
    h = (h ^ *c) * 16777619u;
  for (slot = h & (INTERN_SLOTS - 1); in->slots[slot] != 0; slot = (slot + 1) & (INTERN_SLOTS - 1))
    {
      guint n = in->slots[slot] - 1u;

      if (strcmp (g_ptr_array_index (in->values, n), text) == 0)
        return n;
    }
  if (in->values->len >= MAX_KEYS)
    return -1;
  g_ptr_array_add (in->values, g_strdup (text));
  in->slots[slot] = (guint16) in->values->len;
  return in->values->len - 1;
}

/* UNHCR band of the age at registration (DOMAIN.md §10.2): from a full or
 * partial date of birth ("YYYY", "YYYY-MM", "YYYY-MM-DD"; a partial date
 * counts from its first day), else the estimated age. */
static const char *
age_band (const char *dob,
          gboolean    has_estimate,
          gint64      estimate,
          const char *registered_at)
{
  gint64 age = -1;

  if (dob != NULL && strlen (dob) >= 4 && registered_at != NULL && strlen (registered_at) >= 10)
    {
      char reg_md[6], dob_md[6];

      age = g_ascii_strtoll (registered_at, NULL, 10) - g_ascii_strtoll (dob, NULL, 10);
      if (strlen (dob) >= 7)
        {
          memcpy (reg_md, registered_at + 5, 5);
          reg_md[5] = '\0';
          memcpy (dob_md, dob + 5, 2);
          if (strlen (dob) >= 10)
            memcpy (dob_md + 2, dob + 7, 3);
          else
            memcpy (dob_md + 2, "-01", 3);
          dob_md[5] = '\0';
          if (strcmp (reg_md, dob_md) < 0)
            age--;
        }
    }
  else if (has_estimate)
    age = estimate;

  if (age < 0)
    return "unknown";
  if (age < 5)
    return "0_4";
  if (age < 12)
    return "5_11";
  if (age < 18)
    return "12_17";
  if (age < 60)
    return "18_59";
  return "60_plus";
}

/* Sorts the packed rows (all non-negative) in place: a least significant
 * digit radix sort, 16 bits a pass and only as many passes as the largest
 * value needs; a comparison sort of the up to two million rows of a long
 * period took a tenth of the report. */
#define RADIX_BITS 16
#define RADIX_SIZE (1u << RADIX_BITS)

static void
sort_packed (GArray *packed)
{
  guint64 *a = (guint64 *) (gpointer) packed->data, *src = a, *dst, *tmp;
  g_autofree guint32 *count = NULL;
  guint64 all = 0;
  gsize n = packed->len;

  if (n < 2)
    return;
  for (gsize i = 0; i < n; i++)
    all |= a[i];
  tmp = g_new (guint64, n);
  count = g_new (guint32, RADIX_SIZE);
  dst = tmp;
  for (guint shift = 0; shift < 64 && (all >> shift) != 0; shift += RADIX_BITS)
    {
      guint32 sum = 0;
      guint64 *swap;

      memset (count, 0, RADIX_SIZE * sizeof (guint32));
      for (gsize i = 0; i < n; i++)
        count[(src[i] >> shift) & (RADIX_SIZE - 1)]++;
      for (guint d = 0; d < RADIX_SIZE; d++)
        {
          guint32 c = count[d];

          count[d] = sum;
          sum += c;
        }
      for (gsize i = 0; i < n; i++)
        dst[count[(src[i] >> shift) & (RADIX_SIZE - 1)]++] = src[i];
      swap = src;
      src = dst;
      dst = swap;
    }
  if (src != a)
    memcpy (a, src, n * sizeof (guint64));
  g_free (tmp);
}

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

  {
    sqlite3_stmt *stmt = NULL;

    if (sqlite3_prepare_v2 (snap->db, "PRAGMA cache_size;", -1, &stmt, NULL) == SQLITE_OK
        && sqlite3_step (stmt) == SQLITE_ROW)
      snap->saved_cache_size = sqlite3_column_int64 (stmt, 0);
    sqlite3_finalize (stmt);
    if (snap->saved_cache_size != 0)
      sqlite3_exec (snap->db, "PRAGMA cache_size = " G_STRINGIFY (REPORT_CACHE_KIB) ";", NULL, NULL, NULL);
  }

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
  if (!snap->own && snap->db != NULL && snap->saved_cache_size != 0)
    {
      char *sql = sqlite3_mprintf ("PRAGMA cache_size = %lld;", (long long) snap->saved_cache_size);

      sqlite3_exec (snap->db, sql, NULL, NULL, NULL);
      sqlite3_free (sql);
    }
  if (snap->own && snap->db != NULL)
    udha_vault_close_connection (udha_store_get_vault (snap->store), snap->db);
  g_object_unref (snap->store);
  assisted_clear (&snap->assisted);
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

static int
compare_office_case (gconstpointer a,
                     gconstpointer b)
{
  gint64 x = ((const OfficeCase *) a)->id, y = ((const OfficeCase *) b)->id;

  return x < y ? -1 : x > y;
}

/* Days from the first to the last day of the filter. */
static gint64
period_days (const UdhaStoreReportFilter *filter)
{
  GDate from, to;
  guint y, m, d;

  if (filter->from == NULL || filter->to == NULL
      || sscanf (filter->from, "%4u-%2u-%2u", &y, &m, &d) != 3 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return 0;
  g_date_clear (&from, 1);
  g_date_set_dmy (&from, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  if (sscanf (filter->to, "%4u-%2u-%2u", &y, &m, &d) != 3 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return 0;
  g_date_clear (&to, 1);
  g_date_set_dmy (&to, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return g_date_days_between (&from, &to);
}

/* Every case of the office not a duplicate, by id, into @assisted. */
static int
load_office_cases (sqlite3  *db,
                   Assisted *assisted,
                   gint64    office_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) cases = g_array_new (FALSE, FALSE, sizeof (OfficeCase));
  int rc = sqlite3_prepare_v2 (db, office_cases_sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_int64 (stmt, 1, office_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OfficeCase c = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };

      g_array_append_val (cases, c);
    }
  if (rc != SQLITE_DONE)
    return rc;
  g_array_sort (cases, compare_office_case);
  assisted->cases = g_steal_pointer (&cases);
  return SQLITE_OK;
}

static GPtrArray *query_db (sqlite3                     *db,
                            UdhaStoreReportQuery         query,
                            const UdhaStoreReportFilter *filter,
                            Assisted                    *assisted,
                            GCancellable                *cancellable,
                            GError                     **error);

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
  g_return_val_if_fail (snap != NULL, NULL);

  return query_db (snap->db, query, filter, &snap->assisted, cancellable, error);
}

/**
 * udha_store_report_query_db:
 * @db: a connection with the Udha schema
 *
 * The aggregation itself, on any connection: the snapshot's, or a plain
 * SQLite copy in the benchmark's comparison.
 *
 * Returns: (transfer container) (element-type UdhaStoreReportRow): the groups
 */
GPtrArray *
udha_store_report_query_db (sqlite3                     *db,
                            UdhaStoreReportQuery         query,
                            const UdhaStoreReportFilter *filter,
                            GCancellable                *cancellable,
                            GError                     **error)
{
  return query_db (db, query, filter, NULL, cancellable, error);
}

/**
 * udha_store_report_query_all_db:
 * @db: a connection with the Udha schema
 * @results: (out caller-allocates) (array fixed-size=5): one array of groups
 *   per query
 *
 * All five queries on one connection as a snapshot runs them (the
 * persons assisted computed once): for the benchmark.
 *
 * Returns: %FALSE on error (@results then all %NULL)
 */
gboolean
udha_store_report_query_all_db (sqlite3                     *db,
                                const UdhaStoreReportFilter *filter,
                                GPtrArray                  **results,
                                GCancellable                *cancellable,
                                GError                     **error)
{
  Assisted assisted = { 0, };
  gboolean ok = TRUE;

  for (guint q = 0; q < UDHA_STORE_REPORT_N_QUERIES; q++)
    results[q] = NULL;
  for (guint q = 0; q < UDHA_STORE_REPORT_N_QUERIES && ok; q++)
    {
      results[q] = query_db (db, q, filter, &assisted, cancellable, error);
      ok = results[q] != NULL;
    }
  assisted_clear (&assisted);
  if (!ok)
    for (guint q = 0; q < UDHA_STORE_REPORT_N_QUERIES; q++)
      g_clear_pointer (&results[q], g_ptr_array_unref);
  return ok;
}

static GPtrArray *
query_db (sqlite3                     *db,
          UdhaStoreReportQuery         query,
          const UdhaStoreReportFilter *filter,
          Assisted                    *assisted,
          GCancellable                *cancellable,
          GError                     **error)
{
  gboolean from_assisted = FALSE;
  gboolean by_case = FALSE;   /* services, referrals: the case in C */
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) person_stmt = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GArray) packed = NULL;
  g_autofree char *to_next = NULL;
  Interner keys[4];
  guint shift;
  const char *sql = NULL;
  guint n_keys = 3;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);
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
      from_assisted = assisted_matches (assisted, filter);
      by_case = from_assisted && period_days (filter) >= OFFICE_CASES_MIN_DAYS;
      sql = by_case ? service_cases_sql : from_assisted ? service_persons_sql : services_sql;
      break;
    case UDHA_STORE_REPORT_REFERRALS:
      from_assisted = assisted_matches (assisted, filter);
      by_case = from_assisted && period_days (filter) >= OFFICE_CASES_MIN_DAYS;
      sql = by_case ? referral_cases_sql : from_assisted ? referral_persons_sql : referrals_sql;
      break;
    case UDHA_STORE_REPORT_VULNERABILITIES:
      from_assisted = assisted_matches (assisted, filter);
      sql = from_assisted ? vulnerability_codes_sql : vulnerabilities_sql;
      break;
    default:
      g_return_val_if_reached (NULL);
    }

  to_next = day_after (filter->to);
  g_return_val_if_fail (to_next != NULL && filter->from != NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _udha_store_set_error (error, db, rc);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, filter->office_id);
  _udha_bind_text (stmt, 2, filter->from);
  _udha_bind_text (stmt, 3, to_next);
  if (from_assisted && query != UDHA_STORE_REPORT_VULNERABILITIES)
    {
      rc = sqlite3_prepare_v2 (db, person_sex_qark_sql, -1, &person_stmt, NULL);
      if (rc == SQLITE_OK && by_case && assisted->cases == NULL)
        rc = load_office_cases (db, assisted, filter->office_id);
      if (rc != SQLITE_OK)
        {
          _udha_store_set_error (error, db, rc);
          return NULL;
        }
    }

  if (cancellable != NULL)
    sqlite3_progress_handler (db, 20000, cancel_cb, cancellable);
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    interner_init (&keys[k]);
  packed = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (query == UDHA_STORE_REPORT_PERSONS && assisted != NULL)
    {
      assisted_clear (assisted);
      assisted->persons = g_array_new (FALSE, FALSE, sizeof (AssistedPerson));
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 k[4];
      gint64 p = 0;

      if (from_assisted && query != UDHA_STORE_REPORT_VULNERABILITIES)
        {
          /* services: code, case or person; referrals: code, status,
           * case or person */
          int id_col = query == UDHA_STORE_REPORT_SERVICES ? 1 : 2;
          AssistedPerson key = { sqlite3_column_int64 (stmt, id_col), 0, 0 };
          const AssistedPerson *found;

          if (by_case)
            {
              OfficeCase case_key = { key.id, 0 };
              const OfficeCase *office_case = bsearch (&case_key, assisted->cases->data, assisted->cases->len,
                                                       sizeof (OfficeCase), compare_office_case);

              /* not a case of the office, or a duplicate */
              if (office_case == NULL)
                continue;
              key.id = office_case->person_id;
            }
          found = bsearch (&key, assisted->persons->data, assisted->persons->len,
                           sizeof (AssistedPerson), compare_assisted);

          k[0] = intern (&keys[0], (const char *) sqlite3_column_text (stmt, 0));
          if (query == UDHA_STORE_REPORT_REFERRALS)
            k[1] = intern (&keys[1], (const char *) sqlite3_column_text (stmt, 1));
          if (found != NULL)
            {
              if (query == UDHA_STORE_REPORT_SERVICES)
                k[1] = intern (&keys[1], g_ptr_array_index (assisted->sexes, found->sex));
              k[2] = intern (&keys[2], g_ptr_array_index (assisted->qarks, found->qark));
            }
          else
            {
              int prc;

              /* not assisted in the period: its row, if any (as the join) */
              sqlite3_bind_int64 (person_stmt, 1, key.id);
              prc = sqlite3_step (person_stmt);
              if (prc == SQLITE_ROW)
                {
                  if (query == UDHA_STORE_REPORT_SERVICES)
                    k[1] = intern (&keys[1], (const char *) sqlite3_column_text (person_stmt, 0));
                  k[2] = intern (&keys[2], (const char *) sqlite3_column_text (person_stmt, 1));
                }
              sqlite3_reset (person_stmt);
              if (prc == SQLITE_DONE)
                continue;
              if (prc != SQLITE_ROW)
                {
                  rc = prc;
                  break;
                }
            }
          k[3] = 0;
          p = key.id;
        }
      else if (from_assisted)
        {
          AssistedPerson key = { sqlite3_column_int64 (stmt, 0), 0, 0 };
          const AssistedPerson *found = bsearch (&key, assisted->persons->data, assisted->persons->len,
                                                 sizeof (AssistedPerson), compare_assisted);

          if (found == NULL)
            continue;
          k[0] = intern (&keys[0], (const char *) sqlite3_column_text (stmt, 1));
          k[1] = intern (&keys[1], g_ptr_array_index (assisted->sexes, found->sex));
          k[2] = intern (&keys[2], g_ptr_array_index (assisted->qarks, found->qark));
          k[3] = 0;
          p = key.id;
        }
      else if (query == UDHA_STORE_REPORT_PERSONS)
        {
          k[0] = intern (&keys[0], (const char *) sqlite3_column_text (stmt, 0));
          k[1] = intern (&keys[1], age_band ((const char *) sqlite3_column_text (stmt, 1),
                                             sqlite3_column_type (stmt, 2) != SQLITE_NULL,
                                             sqlite3_column_int64 (stmt, 2),
                                             (const char *) sqlite3_column_text (stmt, 3)));
          k[2] = intern (&keys[2], (const char *) sqlite3_column_text (stmt, 4));
          k[3] = intern (&keys[3], (const char *) sqlite3_column_text (stmt, 5));
          if (assisted != NULL && k[0] >= 0 && k[3] >= 0)
            {
              AssistedPerson a = { sqlite3_column_int64 (stmt, 6), (guint16) k[0], (guint16) k[3] };

              g_array_append_val (assisted->persons, a);
            }
        }
      else
        {
          for (guint c = 0; c < 3; c++)
            k[c] = intern (&keys[c], (const char *) sqlite3_column_text (stmt, (int) c));
          k[3] = 0;
          p = sqlite3_column_int64 (stmt, 3);
        }
      if (k[0] < 0 || k[1] < 0 || k[2] < 0 || k[3] < 0 || p < 0 || p >= (G_GINT64_CONSTANT (1) << PERSON_BITS))
        {
          rc = SQLITE_RANGE;
          break;
        }
      /* the keys in the high bits, the person (for counting distinct
       * persons) in the low PERSON_BITS; persons rows carry four keys and
       * are one per person */
      if (query == UDHA_STORE_REPORT_PERSONS)
        p = ((k[0] << KEY_BITS | k[1]) << KEY_BITS | k[2]) << KEY_BITS | k[3];
      else
        p |= ((k[0] << KEY_BITS | k[1]) << KEY_BITS | k[2]) << PERSON_BITS;
      g_array_append_val (packed, p);
    }
  if (cancellable != NULL)
    sqlite3_progress_handler (db, 0, NULL, NULL);

  if (rc == SQLITE_RANGE)
    {
      g_set_error_literal (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_CONSTRAINT,
                           _("The report has more categories than it can show. Choose a shorter period."));
      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        interner_clear (&keys[k]);
      return NULL;
    }

  if (query == UDHA_STORE_REPORT_PERSONS && assisted != NULL)
    {
      if (rc == SQLITE_DONE)
        {
          g_array_sort (assisted->persons, compare_assisted);
          assisted->sexes = g_ptr_array_ref (keys[0].values);
          assisted->qarks = g_ptr_array_ref (keys[3].values);
          assisted->office_id = filter->office_id;
          assisted->from = g_strdup (filter->from);
          assisted->to = g_strdup (filter->to);
          assisted->valid = TRUE;
        }
      else
        assisted_clear (assisted);
    }

  /* Runs of the same keys are one group; within a run, distinct persons. */
  sort_packed (packed);
  shift = query == UDHA_STORE_REPORT_PERSONS ? 0 : PERSON_BITS;
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) udha_store_report_row_free);
  for (guint i = 0; i < packed->len;)
    {
      gint64 group = g_array_index (packed, gint64, i) >> shift;
      UdhaStoreReportRow *row = g_new0 (UdhaStoreReportRow, 1);
      gint64 last = -1;

      for (; i < packed->len && (g_array_index (packed, gint64, i) >> shift) == group; i++)
        {
          gint64 v = g_array_index (packed, gint64, i);

          if (query == UDHA_STORE_REPORT_PERSONS || v != last)
            row->count++;
          last = v;
        }
      for (guint c = 0; c < n_keys; c++)
        row->keys[c] = g_strdup (g_ptr_array_index (keys[c].values,
                                                    (group >> ((n_keys - 1 - c) * KEY_BITS)) & (MAX_KEYS - 1)));
      g_ptr_array_add (rows, row);
    }
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    interner_clear (&keys[k]);

  if (rc != SQLITE_DONE)
    {
      if (rc == SQLITE_INTERRUPT && g_cancellable_is_cancelled (cancellable))
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The report was cancelled."));
      else
        _udha_store_set_error (error, db, rc);
      return NULL;
    }
  return g_steal_pointer (&rows);
}
