/* udha-store-caselist.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The queries behind the lazy caseload list (UdhaCaseListModel, DESIGN.md
 * "Lists"). Every query carries the session's scope and the filters in its
 * WHERE clause; the text filter goes through the search table. Three ways
 * to reach a page, chosen by the model:
 *
 * - by number: keyset on the unique index of cases.number ("c.number > ?"
 *   ORDER BY c.number LIMIT n); the filters are written with a unary "+"
 *   so that SQLite walks that index instead of sorting the office;
 * - by bucket, for the sorts with few values (case type, status, risk):
 *   the count is grouped by the sort key, so the model knows where each
 *   value starts; inside a value, rows come in id order ("c.id > ?"),
 *   which the rowid, cases_office (office_id, id) and cases_office_status
 *   (office_id, status, id) serve;
 * - by ids: the sorted ids of the whole list, once per query
 *   (udha_store_caselist_ids()), then the rows of any page by id
 *   (udha_store_caselist_rows()). For the computed keys (name, last
 *   contact, next follow-up) no index exists in schema v1, so one sorting
 *   pass per query is the cheapest that still makes every page cheap.
 *
 * Statements come from the store's cache and are reset when each function
 * returns: nothing is held between calls. */

#define G_LOG_DOMAIN "udha-store-caselist"

#include "config.h"

#include "udha-store-caselist.h"
#include "udha-store-private.h"

#define ID_PARAM_BASE 201

#define OPEN_REFERRAL "r.status NOT IN ('declined', 'completed', 'cancelled')"

#define LAST_CONTACT_SQL \
  "(SELECT substr (max (i.occurred_at), 1, 10) FROM interviews i WHERE i.case_id = c.id)"

#define NEXT_FOLLOW_UP_SQL \
  "(SELECT substr (min (d), 1, 10) FROM (" \
  "   SELECT r.follow_up_due AS d FROM referrals r WHERE r.case_id = c.id AND " OPEN_REFERRAL \
  "   UNION ALL SELECT s.due_on FROM services s WHERE s.case_id = c.id" \
  "     AND s.status IN ('planned', 'in_progress')" \
  "   UNION ALL SELECT (SELECT i.next_follow_up FROM interviews i WHERE i.case_id = c.id" \
  "     ORDER BY i.occurred_at DESC, i.id DESC LIMIT 1)))"

#define OVERDUE_SQL \
  "EXISTS (SELECT 1 FROM referrals r WHERE r.case_id = c.id AND r.follow_up_due < :today AND " \
  OPEN_REFERRAL ")"

static const char row_select[] =
  "SELECT c.id, c.number, p.family_name, p.given_name, "
  "(SELECT group_concat (x.code, ',') FROM (SELECT pc.code FROM person_citizenships pc "
  "  WHERE pc.parent_id = p.id ORDER BY pc.position) x), "
  "c.case_type, c.status, c.risk, "
  LAST_CONTACT_SQL ", "
  NEXT_FOLLOW_UP_SQL ", "
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

/* The ORDER BY key of the sorted-ids query. */
static const char *
sort_expression (UdhaCaseSort sort)
{
  switch (sort)
    {
    case UDHA_CASE_SORT_NUMBER:
      return "c.number";
    case UDHA_CASE_SORT_NAME:
      return "p.family_folded %s, p.given_folded";
    case UDHA_CASE_SORT_CASE_TYPE:
      return "c.case_type";
    case UDHA_CASE_SORT_STATUS:
      return "CASE c.status WHEN 'open' THEN 0 WHEN 'follow_up' THEN 1 WHEN 'inactive' THEN 2 "
             "WHEN 'closure_requested' THEN 3 WHEN 'closed' THEN 4 WHEN 'transferred' THEN 5 "
             "ELSE 6 END";
    case UDHA_CASE_SORT_RISK:
      return "CASE c.risk WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 ELSE 0 END";
    case UDHA_CASE_SORT_LAST_CONTACT:
      return LAST_CONTACT_SQL;
    case UDHA_CASE_SORT_NEXT_FOLLOW_UP:
      return NEXT_FOLLOW_UP_SQL;
    default:
      g_assert_not_reached ();
    }
  return NULL;
}

/* Appends the scope and the filters. With @no_index, the comparisons on
 * indexed columns get a unary "+", so that SQLite keeps to the index that
 * serves the ORDER BY. With @scope_only, the filters are left out (rows
 * fetched by id keep only the scope). */
static void
append_where (GString                 *sql,
              const UdhaCaseListQuery *q,
              gboolean                 no_index,
              gboolean                 scope_only)
{
  const UdhaCaseQuery *f = &q->filter;
  const char *plus = no_index ? "+" : "";

  g_string_append (sql, " WHERE 1");
  if (f->scope.office_id != 0)
    g_string_append_printf (sql, " AND %sc.office_id = :office", plus);
  if (f->scope.user_id != 0)
    g_string_append_printf (sql, " AND (%sc.assigned_user_id = :user "
                                 "OR (c.assigned_user_id IS NULL AND c.office_id = :office))", plus);
  if (scope_only)
    return;
  if (f->status != NULL)
    g_string_append_printf (sql, " AND %sc.status = :status", plus);
  if (f->case_type != NULL)
    g_string_append (sql, " AND c.case_type = :type");
  if (f->risk != NULL)
    g_string_append (sql, " AND c.risk = :risk");
  if (f->mine)
    g_string_append_printf (sql, " AND %sc.assigned_user_id = :mine", plus);
  if (f->intake)
    g_string_append_printf (sql, " AND %sc.assigned_user_id IS NULL", plus);
  if (f->overdue)
    g_string_append (sql, " AND " OVERDUE_SQL);
  if (q->text != NULL)
    g_string_append (sql, " AND (c.id IN (SELECT ref_id FROM search WHERE search MATCH :text AND kind = 'c')"
                          " OR c.person_id IN (SELECT ref_id FROM search WHERE search MATCH :text AND kind = 'p'))");
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

/**
 * udha_store_caselist_count:
 * @self: a #UdhaStore
 * @query: the list query
 * @bucket_counts: (nullable) (out caller-allocates): for a bucketed sort,
 *   the count of each value, in the order of udha_store_caselist_buckets()
 * @error: return location for a #GError
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

  sql = g_string_new (NULL);
  if (column != NULL)
    g_string_append_printf (sql, "SELECT %s, count(*) FROM cases c", column);
  else
    g_string_append (sql, "SELECT NULL, count(*) FROM cases c");
  append_where (sql, query, FALSE, FALSE);
  if (column != NULL)
    g_string_append (sql, " GROUP BY 1");

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
 * The ids of the whole list in sort order: one sorting pass, 8 bytes per
 * case.
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
  g_autofree char *key = NULL;
  const char *dir = query->descending ? " DESC" : "";
  int rc;

  g_return_val_if_fail (UDHA_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (query->sort < UDHA_CASE_SORT_N_KEYS, NULL);

  if (!text_expression (query, &expression))
    return g_steal_pointer (&ids);

  sql = g_string_new ("SELECT c.id FROM cases c");
  if (query->sort == UDHA_CASE_SORT_NAME)
    {
      g_string_append (sql, " CROSS JOIN persons p ON p.id = c.person_id");
      key = g_strdup_printf (sort_expression (query->sort), dir);
    }
  else
    {
      key = g_strdup (sort_expression (query->sort));
    }
  append_where (sql, query, FALSE, FALSE);
  g_string_append_printf (sql, " ORDER BY %s%s, c.id%s", key, dir, dir);

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
  append_where (sql, query, FALSE, TRUE);
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
  /* The rows moved to @rows */
  g_ptr_array_set_free_func (found, NULL);
  return g_steal_pointer (&rows);
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
  g_autoptr(GString) sql = NULL;
  g_autoptr(UdhaCachedStmt) stmt = NULL;
  g_autofree char *expression = NULL;
  const char *dir = query->descending ? " DESC" : "";

  g_return_val_if_fail (UDHA_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (!text_expression (query, &expression))
    return empty_rows ();

  sql = g_string_new (row_select);
  append_where (sql, query, TRUE, FALSE);
  if (after_number != NULL)
    g_string_append_printf (sql, " AND c.number %s :after", query->descending ? "<" : ">");
  /* number is unique: it needs no id to break ties */
  g_string_append_printf (sql, " ORDER BY c.number%s LIMIT :limit OFFSET :offset", dir);

  stmt = udha_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  bind_query (stmt, query, expression);
  bind_named_text (stmt, ":after", after_number);
  bind_named_int (stmt, ":limit", limit);
  bind_named_int (stmt, ":offset", offset);
  return step_rows (self, stmt, error);
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
  g_autoptr(GString) sql = NULL;
  g_autoptr(UdhaCachedStmt) stmt = NULL;
  g_autofree char *expression = NULL;
  const char * const *buckets;
  const char *column;
  guint n_buckets;

  g_return_val_if_fail (UDHA_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  buckets = udha_store_caselist_buckets (query->sort, &n_buckets);
  column = bucket_column (query->sort);
  g_return_val_if_fail (column != NULL && bucket < n_buckets, NULL);

  if (!text_expression (query, &expression))
    return empty_rows ();

  sql = g_string_new (row_select);
  append_where (sql, query, FALSE, FALSE);
  if (buckets[bucket] != NULL)
    g_string_append_printf (sql, " AND %s = :bucket", column);
  else
    g_string_append_printf (sql, " AND %s IS NULL", column);
  if (after_id > 0)
    g_string_append_printf (sql, " AND c.id %s :after", query->descending ? "<" : ">");
  g_string_append_printf (sql, " ORDER BY c.id%s LIMIT :limit OFFSET :offset",
                          query->descending ? " DESC" : "");

  stmt = udha_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  bind_query (stmt, query, expression);
  bind_named_text (stmt, ":bucket", buckets[bucket]);
  bind_named_int (stmt, ":after", after_id);
  bind_named_int (stmt, ":limit", limit);
  bind_named_int (stmt, ":offset", offset);
  return step_rows (self, stmt, error);
}
