/* udha-store-caselist.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The queries behind the lazy caseload list (UdhaCaseListModel, DESIGN.md
 * "Lists"). Every query carries the session's scope and the filters in its
 * WHERE clause; the text filter goes through the search table.
 *
 * Scope arms: a caseworker's list is the union of two disjoint sets, the
 * cases assigned to them and their office's intake queue; a supervisor's
 * is the office, the intake queue, or one assignee's cases. Each set is
 * one "arm" with an index of its own for every sort key (schema v2:
 * cases_office_*, cases_assigned_*, cases_intake_*), and a query over two
 * arms is a UNION ALL whose ORDER BY SQLite answers by merging the two
 * ordered index walks: no sort, whatever the size of the list.
 *
 * Counting: without the filters that depend on the day or on other tables,
 * the count (and the count of each value of a bucketed sort) is a sum over
 * case_counts, which triggers keep; otherwise a count over the same arms.
 *
 * Pages, chosen by the model:
 *
 * - by key (number, name, last contact, next follow-up): keyset on
 *   (key, id) from the last row of the previous page, or OFFSET over the
 *   index alone for a jump; the ids come first, then the rows of those
 *   ids (udha_store_caselist_rows());
 * - by bucket, for the sorts with few values (case type, status, risk):
 *   the counts tell the model where each value starts; inside a value,
 *   rows come in id order, keyset on id;
 * - by ids: the sorted ids of the whole list, once per query
 *   (udha_store_caselist_ids()), for small lists and the text filter.
 *
 * Statements come from the store's cache and are reset when each function
 * returns: nothing is held between calls. */

#define G_LOG_DOMAIN "udha-store-caselist"

#include "config.h"

#include "udha-store-caselist.h"
#include "udha-store-private.h"

#define ID_PARAM_BASE 201

#define OPEN_REFERRAL "r.status NOT IN ('declined', 'completed', 'cancelled')"

/* cases.next_referral_due: the earliest follow-up date of the case's open
 * referrals, kept by triggers (schema v2) */
#define OVERDUE_SQL "ifnull (c.next_referral_due < :today, 0)"

/* The statuses that end a case's work */
#define INACTIVE_STATUSES "('closed', 'transferred', 'duplicate')"

#define OVERDUE_ORG_IN_SQL \
  "c.id IN (SELECT r.case_id FROM referrals r WHERE r.org_id = :org AND r.follow_up_due < :today AND " \
  OPEN_REFERRAL ")"

static const char row_select[] =
  "SELECT c.id, c.number, p.family_name, p.given_name, "
  "(SELECT group_concat (x.code, ',') FROM (SELECT pc.code FROM person_citizenships pc "
  "  WHERE pc.parent_id = p.id ORDER BY pc.position) x), "
  "c.case_type, c.status, c.risk, c.last_contact, c.next_follow_up, "
  OVERDUE_SQL ", "
  "coalesce (u.display_name, u.user_name), o.code "
  "FROM cases c CROSS JOIN persons p ON p.id = c.person_id "
  "CROSS JOIN offices o ON o.id = c.office_id "
  "LEFT JOIN users u ON u.id = c.assigned_user_id";

static const char * const type_buckets[] = {
  "avrr", "ct", "family", "labour", "other", "protection", "uasc",
};

static const char * const status_buckets[] = {
  "open", "follow_up", "inactive", "closure_requested", "closed", "transferred", "duplicate",
};

/* NULL: no risk assessed yet, sorted first */
static const char * const risk_buckets[] = {
  NULL, "low", "medium", "high",
};

void
udha_case_list_row_free (UdhaCaseListRow *row)
{
  if (row == NULL)
    return;
  g_free (row->number);
  g_free (row->family_name);
  g_free (row->given_name);
  g_free (row->citizenship);
  g_free (row->case_type);
  g_free (row->status);
  g_free (row->risk);
  g_free (row->last_contact);
  g_free (row->next_follow_up);
  g_free (row->assigned_user);
  g_free (row->office_code);
  g_free (row->sort_key);
  g_free (row);
}

/* Auxiliary methods */

static const char *
bucket_column (UdhaCaseSort sort)
{
  switch (sort)
    {
    case UDHA_CASE_SORT_CASE_TYPE:
      return "c.case_type";
    case UDHA_CASE_SORT_STATUS:
      return "c.status";
    case UDHA_CASE_SORT_RISK:
      return "c.risk";
    case UDHA_CASE_SORT_NUMBER:
    case UDHA_CASE_SORT_NAME:
    case UDHA_CASE_SORT_LAST_CONTACT:
    case UDHA_CASE_SORT_NEXT_FOLLOW_UP:
    default:
      return NULL;
    }
}

/* The ORDER BY key of a sort, as the indexes of schema v2 have it. */
static const char *
sort_expression (UdhaCaseSort sort)
{
  switch (sort)
    {
    case UDHA_CASE_SORT_NUMBER:
      return "c.number";
    case UDHA_CASE_SORT_NAME:
      return "c.sort_name";
    case UDHA_CASE_SORT_CASE_TYPE:
      return "c.case_type";
    case UDHA_CASE_SORT_STATUS:
      return "CASE c.status WHEN 'open' THEN 0 WHEN 'follow_up' THEN 1 WHEN 'inactive' THEN 2 "
             "WHEN 'closure_requested' THEN 3 WHEN 'closed' THEN 4 WHEN 'transferred' THEN 5 "
             "ELSE 6 END";
    case UDHA_CASE_SORT_RISK:
      return "CASE c.risk WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 ELSE 0 END";
    case UDHA_CASE_SORT_LAST_CONTACT:
      return "ifnull (c.last_contact, '')";
    case UDHA_CASE_SORT_NEXT_FOLLOW_UP:
      return "ifnull (c.next_follow_up, '')";
    default:
      g_assert_not_reached ();
    }
  return NULL;
}

/* Appends the scope only: rows fetched by id keep to it. */
static void
append_scope (GString                 *sql,
              const UdhaCaseListQuery *q)
{
  const UdhaCaseQuery *f = &q->filter;

  g_string_append (sql, " WHERE 1");
  if (f->scope.office_id != 0)
    g_string_append (sql, " AND c.office_id = :office");
  if (f->scope.user_id != 0)
    g_string_append (sql, " AND (c.assigned_user_id = :user "
                          "OR (c.assigned_user_id IS NULL AND c.office_id = :office))");
}

/* The filters other than the scope, as " AND …" terms. */
static void
append_filters (GString                 *sql,
                const UdhaCaseListQuery *q,
                gboolean                 walk)
{
  const UdhaCaseQuery *f = &q->filter;
  /* For a page (@walk), the date filters are written so that no index
   * serves them ("+"): SQLite then walks the sort key's index and tests
   * each row, which finds the first rows at once; a count wants the
   * filter's own index instead. */
  const char *no_contact = walk && q->sort != UDHA_CASE_SORT_LAST_CONTACT ? "+" : "";
  const char *follow_up = walk && q->sort != UDHA_CASE_SORT_NEXT_FOLLOW_UP ? "+" : "";

  if (f->status != NULL)
    g_string_append (sql, " AND c.status = :status");
  if (f->case_type != NULL)
    g_string_append (sql, " AND c.case_type = :type");
  /* "": no risk level assessed yet */
  if (f->risk != NULL && f->risk[0] == '\0')
    g_string_append (sql, " AND (c.risk IS NULL OR c.risk = '')");
  else if (f->risk != NULL)
    g_string_append (sql, " AND c.risk = :risk");
  if (f->overdue)
    g_string_append_printf (sql, " AND %sc.next_referral_due < :today", walk ? "+" : "");
  /* An overdue referral makes the next follow-up a past date: said on the
   * index, so that the follow-up sort starts there. */
  if (f->overdue && walk && q->sort == UDHA_CASE_SORT_NEXT_FOLLOW_UP)
    g_string_append (sql, " AND ifnull (c.next_follow_up, '') > '' AND ifnull (c.next_follow_up, '') < :today");
  if (f->overdue_referral_org_id != 0)
    g_string_append (sql, " AND " OVERDUE_ORG_IN_SQL);
  /* Written on the sort keys' expressions, so that the date indexes
   * (which also hold status, type and risk) answer them alone. */
  if (f->no_contact_since != NULL)
    g_string_append_printf (sql, " AND %sifnull (c.last_contact, '') < :since", no_contact);
  if (f->follow_up_overdue)
    g_string_append_printf (sql, " AND %sifnull (c.next_follow_up, '') > '' AND %sifnull (c.next_follow_up, '') < :today",
                            follow_up, follow_up);
  if (f->active_only)
    g_string_append (sql, " AND c.status NOT IN " INACTIVE_STATUSES);
  if (q->text != NULL)
    g_string_append (sql, " AND (c.id IN (SELECT ref_id FROM search WHERE search MATCH :text AND kind = 'c')"
                          " OR c.person_id IN (SELECT ref_id FROM search WHERE search MATCH :text AND kind = 'p'))");
}

/* The scope and the office/assignee filters as disjoint arms (see the top
 * of the file); each is a WHERE condition on cases c, with :arm_user bound
 * by bind_query(). Returns the number of arms (0: the list is empty). */
typedef enum
{
  ARM_ALL,
  ARM_OFFICE,
  ARM_ASSIGNED,
  ARM_INTAKE,
} ArmKind;

static gint64
filter_assignee (const UdhaCaseQuery *f)
{
  if (!f->mine)
    return 0;
  return f->assigned_user_id != 0 ? f->assigned_user_id : f->scope.user_id;
}

static guint
scope_arms (const UdhaCaseListQuery *q,
            ArmKind                  arms[2])
{
  const UdhaCaseQuery *f = &q->filter;
  gint64 assignee = filter_assignee (f);
  guint n = 0;

  if (f->mine && f->intake)
    return 0;

  if (f->scope.user_id != 0)
    {
      if (!f->intake && (assignee == 0 || assignee == f->scope.user_id))
        arms[n++] = ARM_ASSIGNED;
      if (!f->mine)
        arms[n++] = ARM_INTAKE;
      return n;
    }

  if (f->intake)
    arms[n++] = ARM_INTAKE;
  else if (assignee != 0)
    arms[n++] = ARM_ASSIGNED;
  else
    arms[n++] = f->scope.office_id != 0 ? ARM_OFFICE : ARM_ALL;
  return n;
}

/* The arm's condition on cases (@table "c") or on case_counts ("k"). */
static void
append_arm (GString                 *sql,
            const UdhaCaseListQuery *q,
            ArmKind                  arm,
            const char              *table)
{
  const UdhaCaseQuery *f = &q->filter;
  gboolean counts = g_strcmp0 (table, "k") == 0;

  switch (arm)
    {
    case ARM_OFFICE:
      g_string_append_printf (sql, "%s.office_id = :office", table);
      break;
    case ARM_ASSIGNED:
      g_string_append_printf (sql, "%s.assigned_user_id = :arm_user", table);
      /* A supervisor's drill-down to one assignee stays in the office */
      if (f->scope.user_id == 0 && f->scope.office_id != 0)
        g_string_append_printf (sql, " AND %s%s.office_id = :office", counts ? "" : "+", table);
      break;
    case ARM_INTAKE:
      g_string_append_printf (sql, counts ? "%s.assigned_user_id = 0" : "%s.assigned_user_id IS NULL", table);
      if (f->scope.office_id != 0)
        g_string_append_printf (sql, " AND %s.office_id = :office", table);
      break;
    case ARM_ALL:
    default:
      g_string_append (sql, "1");
      break;
    }
}

/* Whether case_counts can answer the count: no filter on the day, the
 * contact log, referrals or text. */
static gboolean
countable (const UdhaCaseListQuery *q)
{
  const UdhaCaseQuery *f = &q->filter;

  return q->text == NULL && !f->overdue && f->no_contact_since == NULL &&
         !f->follow_up_overdue && f->overdue_referral_org_id == 0;
}

static void
bind_named_text (sqlite3_stmt *stmt,
                 const char   *name,
                 const char   *value)
{
  int pos = sqlite3_bind_parameter_index (stmt, name);

  if (pos > 0)
    sqlite3_bind_text (stmt, pos, value, -1, SQLITE_TRANSIENT);
}

static void
bind_named_int (sqlite3_stmt *stmt,
                const char   *name,
                gint64        value)
{
  int pos = sqlite3_bind_parameter_index (stmt, name);

  if (pos > 0)
    sqlite3_bind_int64 (stmt, pos, value);
}

/* Binds every named parameter the statement has; the text filter must
 * already be a search expression. */
static void
bind_query (sqlite3_stmt            *stmt,
            const UdhaCaseListQuery *q,
            const char              *expression)
{
  const UdhaCaseQuery *f = &q->filter;

  bind_named_int (stmt, ":office", f->scope.office_id);
  bind_named_int (stmt, ":user", f->scope.user_id);
  bind_named_text (stmt, ":status", f->status);
  bind_named_text (stmt, ":type", f->case_type);
  bind_named_text (stmt, ":risk", f->risk);
  bind_named_int (stmt, ":mine", f->assigned_user_id != 0 ? f->assigned_user_id : f->scope.user_id);
  bind_named_text (stmt, ":today", f->today);
  bind_named_text (stmt, ":text", expression);
  bind_named_int (stmt, ":arm_user", f->scope.user_id != 0 ? f->scope.user_id : filter_assignee (f));
  bind_named_text (stmt, ":since", f->no_contact_since);
  bind_named_int (stmt, ":org", f->overdue_referral_org_id);
}

/* Turns the text filter into a search expression. Returns FALSE when the
 * text has nothing searchable (then nothing matches). */
static gboolean
text_expression (const UdhaCaseListQuery  *q,
                 char                    **expression)
{
  *expression = NULL;
  if (q->text == NULL)
    return TRUE;
  *expression = _udha_store_search_expression (q->text);
  return *expression != NULL;
}

static UdhaCaseListRow *
read_row (sqlite3_stmt *stmt)
{
  UdhaCaseListRow *row = g_new0 (UdhaCaseListRow, 1);

  row->id = sqlite3_column_int64 (stmt, 0);
  row->number = _udha_column_dup (stmt, 1);
  row->family_name = _udha_column_dup (stmt, 2);
  row->given_name = _udha_column_dup (stmt, 3);
  row->citizenship = _udha_column_dup (stmt, 4);
  row->case_type = _udha_column_dup (stmt, 5);
  row->status = _udha_column_dup (stmt, 6);
  row->risk = _udha_column_dup (stmt, 7);
  row->last_contact = _udha_column_dup (stmt, 8);
  row->next_follow_up = _udha_column_dup (stmt, 9);
  row->overdue = sqlite3_column_int (stmt, 10) != 0;
  row->assigned_user = _udha_column_dup (stmt, 11);
  row->office_code = _udha_column_dup (stmt, 12);
  return row;
}

static GPtrArray *
step_rows (UdhaStore     *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) udha_case_list_row_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, read_row (stmt));
  if (rc != SQLITE_DONE)
    {
      _udha_store_fail (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static GPtrArray *
empty_rows (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) udha_case_list_row_free);
}

/* Public API */

/**
 * udha_store_caselist_buckets:
 * @sort: a sort key
 * @n_buckets: (out): the number of values
 *
 * For the sorts with few values (case type, status, risk), their values in
 * ascending sort order; risk has a %NULL value (not assessed) first.
 *
 * Returns: (nullable) (array length=n_buckets): the values, or %NULL when
 *   @sort is not bucketed
 */
const char * const *
udha_store_caselist_buckets (UdhaCaseSort  sort,
                             guint        *n_buckets)
{
  g_return_val_if_fail (n_buckets != NULL, NULL);

  switch (sort)
    {
    case UDHA_CASE_SORT_CASE_TYPE:
      *n_buckets = G_N_ELEMENTS (type_buckets);
      return type_buckets;
    case UDHA_CASE_SORT_STATUS:
      *n_buckets = G_N_ELEMENTS (status_buckets);
      return status_buckets;
    case UDHA_CASE_SORT_RISK:
      *n_buckets = G_N_ELEMENTS (risk_buckets);
      return risk_buckets;
    case UDHA_CASE_SORT_NUMBER:
    case UDHA_CASE_SORT_NAME:
    case UDHA_CASE_SORT_LAST_CONTACT:
    case UDHA_CASE_SORT_NEXT_FOLLOW_UP:
    default:
      *n_buckets = 0;
      return NULL;
    }
}

/* Appends "SELECT <columns> FROM cases c WHERE <arm> <filters> <extra>"
 * for each arm, joined by UNION ALL. */
static void
append_arms (GString                 *sql,
             const UdhaCaseListQuery *q,
             const ArmKind           *arms,
             guint                    n_arms,
             const char              *columns,
             const char              *extra,
             gboolean                 walk)
{
  for (guint i = 0; i < n_arms; i++)
    {
      if (i > 0)
        g_string_append (sql, " UNION ALL ");
      g_string_append_printf (sql, "SELECT %s FROM cases c WHERE ", columns);
      append_arm (sql, q, arms[i], "c");
      append_filters (sql, q, walk);
      if (extra != NULL)
        g_string_append (sql, extra);
    }
}

/**
 * udha_store_caselist_count:
 * @self: a #UdhaStore
 * @query: the list query
 * @bucket_counts: (nullable) (out caller-allocates): for a bucketed sort,
 *   the count of each value, in the order of udha_store_caselist_buckets()
 * @error: return location for a #GError
 *
 * Without the day-, contact-, referral- or text-dependent filters, a sum
 * over the maintained case_counts (a few rows, whatever the caseload);
 * otherwise a count over the list's arms.
 *
 * Returns: the number of cases in the list, or -1 on error
 */
gint64
udha_store_caselist_count (UdhaStore                *self,
                           const UdhaCaseListQuery  *query,
                           gint64                   *bucket_counts,
                           GError                  **error)
{
  g_autoptr(GString) sql = NULL;
  g_autoptr(UdhaCachedStmt) stmt = NULL;
  g_autofree char *expression = NULL;
  const char * const *buckets = NULL;
  const char *column = NULL;
  ArmKind arms[2];
  guint n_arms;
  guint n_buckets = 0;
  gint64 total = 0;
  int rc;

  g_return_val_if_fail (UDHA_IS_STORE (self), -1);
  g_return_val_if_fail (query != NULL, -1);

  if (bucket_counts != NULL)
    {
      buckets = udha_store_caselist_buckets (query->sort, &n_buckets);
      column = bucket_column (query->sort);
      for (guint i = 0; i < n_buckets; i++)
        bucket_counts[i] = 0;
    }
  if (!text_expression (query, &expression))
    return 0;
  n_arms = scope_arms (query, arms);
  if (n_arms == 0)
    return 0;

  sql = g_string_new (NULL);
  if (countable (query))
    {
      const UdhaCaseQuery *f = &query->filter;

      /* case_counts keeps "no risk" as '' */
      if (column != NULL && query->sort == UDHA_CASE_SORT_RISK)
        g_string_append (sql, "SELECT nullif (k.risk, ''), sum (k.n) FROM case_counts k WHERE (");
      else if (column != NULL)
        g_string_append_printf (sql, "SELECT k.%s, sum (k.n) FROM case_counts k WHERE (", column + 2);
      else
        g_string_append (sql, "SELECT NULL, sum (k.n) FROM case_counts k WHERE (");
      for (guint i = 0; i < n_arms; i++)
        {
          g_string_append (sql, i > 0 ? ") OR (" : "(");
          append_arm (sql, query, arms[i], "k");
        }
      g_string_append (sql, "))");
      if (f->status != NULL)
        g_string_append (sql, " AND k.status = :status");
      if (f->case_type != NULL)
        g_string_append (sql, " AND k.case_type = :type");
      if (f->risk != NULL)
        g_string_append (sql, " AND k.risk = :risk");
      if (f->active_only)
        g_string_append (sql, " AND k.status NOT IN " INACTIVE_STATUSES);
      g_string_append (sql, " GROUP BY 1");
    }
  else if (column == NULL)
    {
      g_string_append (sql, "SELECT NULL, count(*) FROM (");
      append_arms (sql, query, arms, n_arms, "1", NULL, FALSE);
      g_string_append (sql, ")");
    }
  else
    {
      g_autofree char *columns = g_strdup_printf ("+%s, 1", column);

      /* One row per case, summed below: with "+" the filter's (covering)
       * index drives the scan, not the bucket column's, and stepping
       * through the rows costs a fraction of a GROUP BY's temporary tree. */
      append_arms (sql, query, arms, n_arms, columns, NULL, FALSE);
    }

  stmt = udha_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return -1;
  bind_query (stmt, query, expression);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *value = (const char *) sqlite3_column_text (stmt, 0);
      gint64 n = sqlite3_column_int64 (stmt, 1);

      total += n;
      for (guint i = 0; i < n_buckets; i++)
        if (g_strcmp0 (buckets[i], value) == 0)
          bucket_counts[i] += n;
    }
  if (rc != SQLITE_DONE)
    {
      _udha_store_fail (self, rc, error);
      return -1;
    }
  return total;
}

/**
 * udha_store_caselist_ids:
 * @self: a #UdhaStore
 * @query: the list query
 * @error: return location for a #GError
 *
 * The ids of the whole list in sort order, 8 bytes per case: for small
 * lists and the text filter.
 *
 * Returns: (transfer full) (element-type gint64): the ids, or %NULL on error
 */
GArray *
udha_store_caselist_ids (UdhaStore                *self,
                         const UdhaCaseListQuery  *query,
                         GError                  **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) sql = NULL;
  g_autoptr(UdhaCachedStmt) stmt = NULL;
  g_autofree char *expression = NULL;
  g_autofree char *columns = NULL;
  const char *dir = query->descending ? " DESC" : "";
  ArmKind arms[2];
  guint n_arms;
  int rc;

  g_return_val_if_fail (UDHA_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (query->sort < UDHA_CASE_SORT_N_KEYS, NULL);

  if (!text_expression (query, &expression))
    return g_steal_pointer (&ids);
  n_arms = scope_arms (query, arms);
  if (n_arms == 0)
    return g_steal_pointer (&ids);

  sql = g_string_new (NULL);
  columns = g_strdup_printf ("c.id, %s", sort_expression (query->sort));
  append_arms (sql, query, arms, n_arms, columns, NULL, FALSE);
  g_string_append_printf (sql, " ORDER BY 2%s, 1%s", dir, dir);

  stmt = udha_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  bind_query (stmt, query, expression);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      _udha_store_fail (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/**
 * udha_store_caselist_rows:
 * @self: a #UdhaStore
 * @query: the list query (only its scope and @today are used)
 * @ids: (array length=n_ids): case ids
 * @n_ids: at most %UDHA_STORE_CASELIST_MAX_IDS
 * @error: return location for a #GError
 *
 * The rows of @ids, in the order of @ids; a case no longer in the scope is
 * left out.
 *
 * Returns: (transfer full) (element-type UdhaCaseListRow): the rows
 */
GPtrArray *
udha_store_caselist_rows (UdhaStore                *self,
                          const UdhaCaseListQuery  *query,
                          const gint64             *ids,
                          guint                     n_ids,
                          GError                  **error)
{
  g_autoptr(GString) sql = NULL;
  g_autoptr(UdhaCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (UDHA_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (n_ids <= UDHA_STORE_CASELIST_MAX_IDS, NULL);

  /* One statement for every page: unused places are bound to NULL. The
   * ids are ?201… so that they never meet the named parameters, which
   * SQLite numbers from 1. */
  sql = g_string_new (row_select);
  append_scope (sql, query);
  g_string_append (sql, " AND c.id IN (");
  for (guint i = 0; i < UDHA_STORE_CASELIST_MAX_IDS; i++)
    g_string_append_printf (sql, "%s?%u", i > 0 ? ", " : "", ID_PARAM_BASE + i);
  g_string_append (sql, ")");

  stmt = udha_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  bind_query (stmt, query, NULL);
  for (guint i = 0; i < n_ids; i++)
    sqlite3_bind_int64 (stmt, ID_PARAM_BASE + i, ids[i]);

  found = step_rows (self, stmt, error);
  if (found == NULL)
    return NULL;

  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < found->len; i++)
    {
      UdhaCaseListRow *row = g_ptr_array_index (found, i);

      g_hash_table_insert (by_id, &row->id, row);
    }
  rows = empty_rows ();
  for (guint i = 0; i < n_ids; i++)
    {
      UdhaCaseListRow *row = g_hash_table_lookup (by_id, &ids[i]);

      if (row != NULL)
        {
          g_hash_table_remove (by_id, &ids[i]);
          g_ptr_array_add (rows, row);
        }
    }
  /* The rows moved to @rows; the rest (ids repeated) are freed */
  for (guint i = 0; i < found->len; i++)
    if (g_ptr_array_find (rows, g_ptr_array_index (found, i), NULL))
      found->pdata[i] = NULL;
  return g_steal_pointer (&rows);
}

/* Appends to @ids and @keys (at most @limit - *n_ids more) the ids and
 * sort keys of the list's rows that pass @where, in sort order (in id
 * order when @where holds the key equal: @ties), skipping @offset. */
static gboolean
collect_ids (UdhaStore                *self,
             const UdhaCaseListQuery  *query,
             const char               *expression,
             const char               *key_sql,
             const char               *where,
             gboolean                  ties,
             const char               *bucket,
             const char               *after_key,
             gint64                    after_id,
             guint                     offset,
             guint                     limit,
             gint64                   *ids,
             GPtrArray                *keys,
             guint                    *n_ids,
             GError                  **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(UdhaCachedStmt) stmt = NULL;
  g_autofree char *columns = NULL;
  const char *dir = query->descending ? " DESC" : "";
  ArmKind arms[2];
  guint n_arms;
  int rc;

  n_arms = scope_arms (query, arms);
  if (n_arms == 0 || *n_ids >= limit)
    return TRUE;

  columns = g_strdup_printf ("c.id, %s", key_sql != NULL ? key_sql : "NULL");
  append_arms (sql, query, arms, n_arms, columns, where, TRUE);
  /* With the key fixed (@ties), id order alone: SQLite does not see that
   * an expression held equal needs no sorting. */
  if (key_sql != NULL && !ties)
    g_string_append_printf (sql, " ORDER BY 2%s, 1%s", dir, dir);
  else
    g_string_append_printf (sql, " ORDER BY 1%s", dir);
  g_string_append (sql, " LIMIT :limit OFFSET :offset");

  stmt = udha_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  bind_query (stmt, query, expression);
  bind_named_text (stmt, ":bucket", bucket);
  bind_named_text (stmt, ":after_key", after_key);
  bind_named_int (stmt, ":after_id", after_id);
  bind_named_int (stmt, ":limit", limit - *n_ids);
  bind_named_int (stmt, ":offset", offset);

  while (*n_ids < limit && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ids[(*n_ids)++] = sqlite3_column_int64 (stmt, 0);
      g_ptr_array_add (keys, _udha_column_dup (stmt, 1));
    }
  if (*n_ids < limit && rc != SQLITE_DONE)
    return _udha_store_fail (self, rc, error);
  return TRUE;
}

/* A page of ids (and their sort keys) of the list: @key_sql the sort key,
 * or %NULL for id order; @extra more conditions; keyset after
 * (@after_key, @after_id) when @keyset. Then the rows of those ids. */
static GPtrArray *
page_by_ids (UdhaStore                *self,
             const UdhaCaseListQuery  *query,
             const char               *key_sql,
             const char               *extra,
             const char               *bucket,
             gboolean                  keyset,
             const char               *after_key,
             gint64                    after_id,
             guint                     offset,
             guint                     limit,
             GError                  **error)
{
  g_autoptr(GString) where = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *expression = NULL;
  gint64 ids[UDHA_STORE_CASELIST_MAX_IDS];
  const char *cmp = query->descending ? "<" : ">";
  GPtrArray *rows;
  guint n = 0;

  if (!text_expression (query, &expression))
    return empty_rows ();
  limit = MIN (limit, UDHA_STORE_CASELIST_MAX_IDS);

  where = g_string_new (extra);
  if (keyset && key_sql == NULL)
    g_string_append_printf (where, " AND c.id %s :after_id", cmp);
  else if (keyset && query->sort == UDHA_CASE_SORT_NUMBER)
    g_string_append_printf (where, " AND c.number %s :after_key", cmp); /* unique */
  else if (keyset && offset == 0)
    {
      g_autoptr(GString) ties = g_string_new (extra);

      /* The rest of the rows with the same key, then the next keys: two
       * seeks, however long the run of equal keys (dates often repeat). */
      g_string_append_printf (ties, " AND %s = :after_key AND c.id %s :after_id", key_sql, cmp);
      if (!collect_ids (self, query, expression, key_sql, ties->str, TRUE, bucket, after_key, after_id,
                        0, limit, ids, keys, &n, error))
        return NULL;
      g_string_append_printf (where, " AND %s %s :after_key", key_sql, cmp);
    }
  else if (keyset)
    /* Not a row value: SQLite seeks an index on an expression only with
     * a plain range on that expression. */
    g_string_append_printf (where, " AND %s %s= :after_key AND (%s %s :after_key OR c.id %s :after_id)",
                            key_sql, cmp, key_sql, cmp, cmp);

  if (!collect_ids (self, query, expression, key_sql, where->str, FALSE, bucket, after_key, after_id,
                    offset, limit, ids, keys, &n, error))
    return NULL;

  rows = udha_store_caselist_rows (self, query, ids, n, error);
  if (rows == NULL)
    return NULL;
  /* Rows come in the order of @ids; one may have left the scope since */
  for (guint i = 0, k = 0; i < rows->len && k < n; k++)
    {
      UdhaCaseListRow *row = g_ptr_array_index (rows, i);

      if (row->id != ids[k])
        continue;
      row->sort_key = g_steal_pointer (&keys->pdata[k]);
      i++;
    }
  return rows;
}

/**
 * udha_store_caselist_page_keyset:
 * @self: a #UdhaStore
 * @query: the list query; its sort is not bucketed (number, name, last
 *   contact, next follow-up)
 * @after_key: (nullable): the #UdhaCaseListRow.sort_key of the last row of
 *   the previous page; %NULL to start from the beginning (then @offset
 *   rows are skipped)
 * @after_id: the id of that row
 * @offset: rows to skip
 * @limit: page size (at most %UDHA_STORE_CASELIST_MAX_IDS)
 * @error: return location for a #GError
 *
 * A page in sort order, ties by id: an index walk in every scope. The rows
 * carry their sort key for the next page.
 *
 * Returns: (transfer full) (element-type UdhaCaseListRow): the rows
 */
GPtrArray *
udha_store_caselist_page_keyset (UdhaStore                *self,
                                 const UdhaCaseListQuery  *query,
                                 const char               *after_key,
                                 gint64                    after_id,
                                 guint                     offset,
                                 guint                     limit,
                                 GError                  **error)
{
  g_return_val_if_fail (UDHA_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (query->sort < UDHA_CASE_SORT_N_KEYS, NULL);

  return page_by_ids (self, query, sort_expression (query->sort), NULL, NULL,
                      after_key != NULL, after_key, after_id, offset, limit, error);
}

/**
 * udha_store_caselist_page_number:
 * @self: a #UdhaStore
 * @query: the list query; its sort must be %UDHA_CASE_SORT_NUMBER
 * @after_number: (nullable): the last number of the previous page; %NULL
 *   to start from the beginning (then @offset rows are skipped)
 * @offset: rows to skip
 * @limit: page size
 * @error: return location for a #GError
 *
 * udha_store_caselist_page_keyset() for the number sort.
 *
 * Returns: (transfer full) (element-type UdhaCaseListRow): the rows
 */
GPtrArray *
udha_store_caselist_page_number (UdhaStore                *self,
                                 const UdhaCaseListQuery  *query,
                                 const char               *after_number,
                                 guint                     offset,
                                 guint                     limit,
                                 GError                  **error)
{
  g_return_val_if_fail (UDHA_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (query->sort == UDHA_CASE_SORT_NUMBER, NULL);

  return udha_store_caselist_page_keyset (self, query, after_number, 0, offset, limit, error);
}

/**
 * udha_store_caselist_page_bucket:
 * @self: a #UdhaStore
 * @query: the list query; its sort must be bucketed
 * @bucket: the index of the value in udha_store_caselist_buckets()
 * @after_id: the last id read in this value, or 0 to start from its
 *   beginning (then @offset rows are skipped)
 * @offset: rows to skip
 * @limit: page size
 * @error: return location for a #GError
 *
 * The rows with one value of the sort key, in id order (descending with
 * @query->descending).
 *
 * Returns: (transfer full) (element-type UdhaCaseListRow): the rows
 */
GPtrArray *
udha_store_caselist_page_bucket (UdhaStore                *self,
                                 const UdhaCaseListQuery  *query,
                                 guint                     bucket,
                                 gint64                    after_id,
                                 guint                     offset,
                                 guint                     limit,
                                 GError                  **error)
{
  g_autofree char *extra = NULL;
  const char * const *buckets;
  const char *column;
  guint n_buckets;

  g_return_val_if_fail (UDHA_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  buckets = udha_store_caselist_buckets (query->sort, &n_buckets);
  column = bucket_column (query->sort);
  g_return_val_if_fail (column != NULL && bucket < n_buckets, NULL);

  if (buckets[bucket] != NULL)
    extra = g_strdup_printf (" AND %s = :bucket", column);
  else
    extra = g_strdup_printf (" AND %s IS NULL", column);
  return page_by_ids (self, query, NULL, extra, buckets[bucket], after_id > 0, NULL, after_id,
                      offset, limit, error);
}
