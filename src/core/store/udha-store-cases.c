/* udha-store-cases.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Cases and what hangs off them: consents (of the person), interviews with
 * their revisions, services, referrals with their transitions; caseload
 * queries with keyset pagination. Workflow rules (who may, which
 * transitions) are checked by the session and the model; the store keeps
 * the records, the history and the row versions. */

#define G_LOG_DOMAIN "udha-store-cases"

#include "config.h"

#include "udha-store-private.h"

#include <glib/gi18n.h>
#include <stdlib.h>

/* Consents */

gboolean
udha_store_create_consent (UdhaStore    *self,
                           UdhaConsent  *consent,
                           GError      **error)
{
  g_return_val_if_fail (UDHA_IS_STORE (self), FALSE);
  g_return_val_if_fail (UDHA_IS_CONSENT (consent), FALSE);

  if (udha_consent_get_legal_basis (consent) == NULL)
    udha_consent_set_legal_basis (consent, "consent");
  _udha_store_default_created_at (consent, udha_consent_get_record_info ());
  return _udha_store_record_insert (self, udha_consent_get_record_info (), consent, error);
}

gboolean
udha_store_update_consent (UdhaStore    *self,
                           UdhaConsent  *consent,
                           UdhaConsent **current_out,
                           GError      **error)
{
  g_return_val_if_fail (UDHA_IS_STORE (self), FALSE);
  g_return_val_if_fail (UDHA_IS_CONSENT (consent), FALSE);

  return _udha_store_update_with_current (self, udha_consent_get_record_info (), UDHA_TYPE_CONSENT,
                                          consent, (gpointer *) current_out, error);
}

UdhaConsent *
udha_store_get_consent (UdhaStore  *self,
                        gint64      id,
                        GError    **error)
{
  g_return_val_if_fail (UDHA_IS_STORE (self), NULL);

  return _udha_store_record_get (self, udha_consent_get_record_info (), UDHA_TYPE_CONSENT, id, error);
}

GPtrArray *
udha_store_list_consents (UdhaStore  *self,
                          gint64      person_id,
                          GError    **error)
{
  g_return_val_if_fail (UDHA_IS_STORE (self), NULL);

  return _udha_store_record_list (self, udha_consent_get_record_info (), UDHA_TYPE_CONSENT,
                                  "WHERE person_id = ?1 ORDER BY given_on, id", person_id, error);
}

/**
 * udha_store_find_valid_consent:
 * @person_id: the person
 * @purpose: a consent purpose code, e.g. "referral"
 * @today: (nullable): ISO date; %NULL for today (UTC)
 *
 * The most recent consent for @purpose given on or before @today, not
 * expired and not withdrawn (DOMAIN.md §6.4, §8). Recipients and data scope
 * are checked by the session.
 *
 * Returns: its id, 0 if none, -1 on error
 */
gint64
udha_store_find_valid_consent (UdhaStore   *self,
                               gint64       person_id,
                               const char  *purpose,
                               const char  *today,
                               GError     **error)
{
  g_autofree char *now = NULL;
  g_autoptr(UdhaCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (UDHA_IS_STORE (self), -1);
  g_return_val_if_fail (purpose != NULL, -1);

  if (today == NULL)
    today = now = _udha_store_today ();

  stmt = udha_store_prepare (self,
                             "SELECT id FROM consents WHERE person_id = ?1 AND purpose = ?2 "
                             "AND given_on <= ?3 AND (expires_on IS NULL OR expires_on >= ?3) "
                             "AND (withdrawn_on IS NULL OR withdrawn_on > ?3) "
                             "ORDER BY given_on DESC, id DESC LIMIT 1;", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, person_id);
  sqlite3_bind_text (stmt, 2, purpose, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, today, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc == SQLITE_DONE)
    return 0;
  _udha_store_fail (self, rc, error);
  return -1;
}

/* Cases */

static gboolean
next_case_number (UdhaStore   *self,
                  gint64       office_id,
                  int          year,
                  char       **number_out,
                  GError     **error)
{
  g_autofree char *code = NULL;
  gint64 seq;
  int rc;

  {
    g_autoptr(UdhaCachedStmt) stmt = udha_store_prepare (self, "SELECT code FROM offices WHERE id = ?1;", error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, office_id);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_DONE)
      {
        g_set_error_literal (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_NOT_FOUND,
                             _("The case’s office does not exist."));
        return FALSE;
      }
    if (rc != SQLITE_ROW)
      return _udha_store_fail (self, rc, error);
    code = _udha_column_dup (stmt, 0);
  }
  {
    g_autoptr(UdhaCachedStmt) stmt =
      udha_store_prepare (self, "INSERT INTO case_counters (office_id, year, last_seq) VALUES (?1, ?2, 1) "
                                "ON CONFLICT (office_id, year) DO UPDATE SET last_seq = last_seq + 1 "
                                "RETURNING last_seq;", error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, office_id);
    sqlite3_bind_int (stmt, 2, year);
    rc = sqlite3_step (stmt);
    if (rc != SQLITE_ROW)
      return _udha_store_fail (self, rc, error);
    seq = sqlite3_column_int64 (stmt, 0);
    sqlite3_step (stmt);
  }

  *number_out = g_strdup_printf ("%s-%04d-%05" G_GINT64_FORMAT, code, year, seq);
  return TRUE;
}

/**
 * udha_store_create_case:
 * @self: a #UdhaStore
 * @case_: a new case with person_id, office_id and case_type set
 * @error: return location for a #GError
 *
 * Numbers the case `<office code>-<year>-<5 digits>` from the office's
 * counter for the year it is opened (opened_on, default today), sets status
 * "open" when unset, and indexes the number for search.
 *
 * Returns: %TRUE on success
 */
gboolean
udha_store_create_case (UdhaStore  *self,
                        UdhaCase   *case_,
                        GError    **error)
{
  g_return_val_if_fail (UDHA_IS_STORE (self), FALSE);
  g_return_val_if_fail (UDHA_IS_CASE (case_), FALSE);

  if (udha_case_get_opened_on (case_) == NULL)
    {
      g_autofree char *today = _udha_store_today ();

      udha_case_set_opened_on (case_, today);
    }
  if (udha_case_get_status (case_) == NULL)
    udha_case_set_status (case_, "open");
  _udha_store_default_created_at (case_, udha_case_get_record_info ());

  if (!udha_store_begin (self, error))
    return FALSE;

  if (udha_case_get_number (case_) == NULL)
    {
      g_autofree char *number = NULL;
      int year = atoi (udha_case_get_opened_on (case_));

      if (!next_case_number (self, udha_case_get_office_id (case_), year, &number, error))
        goto fail;
      udha_case_set_number (case_, number);
    }

  if (!_udha_store_record_insert (self, udha_case_get_record_info (), case_, error) ||
      !_udha_store_index_case (self, case_, error))
    goto fail;

  return udha_store_commit (self, error);

fail:
  udha_store_rollback (self);
  return FALSE;
}

gboolean
udha_store_update_case (UdhaStore  *self,
                        UdhaCase   *case_,
                        UdhaCase  **current_out,
                        GError    **error)
{
  g_return_val_if_fail (UDHA_IS_STORE (self), FALSE);
  g_return_val_if_fail (UDHA_IS_CASE (case_), FALSE);

  if (!udha_store_begin (self, error))
    return FALSE;
  if (!_udha_store_update_with_current (self, udha_case_get_record_info (), UDHA_TYPE_CASE,
                                        case_, (gpointer *) current_out, error) ||
      !_udha_store_index_case (self, case_, error))
    {
      udha_store_rollback (self);
      return FALSE;
    }
  return udha_store_commit (self, error);
}

UdhaCase *
udha_store_get_case (UdhaStore  *self,
                     gint64      id,
                     GError    **error)
{
  g_return_val_if_fail (UDHA_IS_STORE (self), NULL);

  return _udha_store_record_get (self, udha_case_get_record_info (), UDHA_TYPE_CASE, id, error);
}

UdhaCase *
udha_store_get_case_by_number (UdhaStore   *self,
                               const char  *number,
                               GError     **error)
{
  gint64 id;

  g_return_val_if_fail (UDHA_IS_STORE (self), NULL);
  g_return_val_if_fail (number != NULL, NULL);

  id = _udha_store_lookup_id (self, "SELECT id FROM cases WHERE number = ?1;", number, error);
  if (id < 0)
    return NULL;
  if (id == 0)
    {
      g_set_error_literal (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_NOT_FOUND,
                           _("There is no case with that number."));
      return NULL;
    }
  return udha_store_get_case (self, id, error);
}

GPtrArray *
udha_store_list_cases_for_person (UdhaStore  *self,
                                  gint64      person_id,
                                  GError    **error)
{
  g_return_val_if_fail (UDHA_IS_STORE (self), NULL);

  return _udha_store_record_list (self, udha_case_get_record_info (), UDHA_TYPE_CASE,
                                  "WHERE person_id = ?1 ORDER BY id", person_id, error);
}

/**
 * udha_store_case_in_scope:
 *
 * Returns: %TRUE if the case is visible in @scope (DOMAIN.md §9); %FALSE
 *   with @error unset if not
 */
gboolean
udha_store_case_in_scope (UdhaStore             *self,
                          gint64                 case_id,
                          const UdhaStoreScope  *scope,
                          GError               **error)
{
  g_autoptr(UdhaCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (UDHA_IS_STORE (self), FALSE);
  g_return_val_if_fail (scope != NULL, FALSE);

  stmt = udha_store_prepare (self,
                             "SELECT 1 FROM cases c WHERE c.id = ?1 "
                             "AND (?2 = 0 OR c.office_id = ?2) "
                             "AND (?3 = 0 OR c.assigned_user_id = ?3 "
                             "     OR (c.assigned_user_id IS NULL AND c.office_id = ?2));", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_int64 (stmt, 2, scope->office_id);
  sqlite3_bind_int64 (stmt, 3, scope->user_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    _udha_store_fail (self, rc, error);
  return FALSE;
}

typedef struct
{
  GString *where;
  int      n_params;
} Where;

/* Builds the WHERE clause of a caseload query from the filters that are
 * set, so that each combination is one cached statement that can use the
 * indexes; values are bound by bind_case_query() in the same order. */
static void
build_case_where (const UdhaCaseQuery *q,
                  GString             *where)
{
  g_string_append (where, " WHERE c.id < ?1");
  if (q->scope.office_id != 0)
    g_string_append (where, " AND c.office_id = ?2");
  if (q->scope.user_id != 0)
    g_string_append (where, " AND (c.assigned_user_id = ?3 OR (c.assigned_user_id IS NULL AND c.office_id = ?2))");
  if (q->status != NULL)
    g_string_append (where, " AND c.status = ?4");
  if (q->case_type != NULL)
    g_string_append (where, " AND c.case_type = ?5");
  if (q->risk != NULL)
    g_string_append (where, " AND c.risk = ?6");
  if (q->mine)
    g_string_append (where, " AND c.assigned_user_id = ?7");
  if (q->intake)
    g_string_append (where, " AND c.assigned_user_id IS NULL");
  if (q->overdue)
    g_string_append (where, " AND EXISTS (SELECT 1 FROM referrals r WHERE r.case_id = c.id "
                            "AND r.follow_up_due < ?8 AND r.status NOT IN ('declined', 'completed', 'cancelled'))");
}

static void
bind_case_query (sqlite3_stmt        *stmt,
                 const UdhaCaseQuery *q,
                 gint64               after_key,
                 const char          *today)
{
  sqlite3_bind_int64 (stmt, 1, after_key > 0 ? after_key : G_MAXINT64);
  if (q->scope.office_id != 0)
    sqlite3_bind_int64 (stmt, 2, q->scope.office_id);
  if (q->scope.user_id != 0)
    sqlite3_bind_int64 (stmt, 3, q->scope.user_id);
  if (q->status != NULL)
    sqlite3_bind_text (stmt, 4, q->status, -1, SQLITE_TRANSIENT);
  if (q->case_type != NULL)
    sqlite3_bind_text (stmt, 5, q->case_type, -1, SQLITE_TRANSIENT);
  if (q->risk != NULL)
    sqlite3_bind_text (stmt, 6, q->risk, -1, SQLITE_TRANSIENT);
  if (q->mine)
    sqlite3_bind_int64 (stmt, 7, q->assigned_user_id != 0 ? q->assigned_user_id : q->scope.user_id);
  if (q->overdue)
    sqlite3_bind_text (stmt, 8, today, -1, SQLITE_TRANSIENT);
}

/**
 * udha_store_list_cases:
 * @self: a #UdhaStore
 * @query: scope and filters
 * @after_key: 0 for the first page, else the id of the last case of the
 *   previous page
 * @limit: page size (0: 50)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type UdhaCase): a page of cases,
 *   newest first
 */
GPtrArray *
udha_store_list_cases (UdhaStore            *self,
                       const UdhaCaseQuery  *query,
                       gint64                after_key,
                       guint                 limit,
                       GError              **error)
{
  g_autoptr(GString) sql = NULL;
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *select = NULL;
  g_autofree char *today = NULL;
  g_autoptr(UdhaCachedStmt) stmt = NULL;
  const UdhaRecordInfo *info = udha_case_get_record_info ();
  int rc;

  g_return_val_if_fail (UDHA_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  today = query->today != NULL ? g_strdup (query->today) : _udha_store_today ();
  select = _udha_store_select_sql (info, "c");
  sql = g_string_new (select);
  build_case_where (query, sql);
  g_string_append (sql, " ORDER BY c.id DESC LIMIT ?9;");

  stmt = udha_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  bind_case_query (stmt, query, after_key, today);
  sqlite3_bind_int64 (stmt, 9, limit > 0 ? limit : 50);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UdhaCase *c = udha_case_new ();

      g_ptr_array_add (cases, c);
      if (!_udha_store_record_load_row (self, info, c, stmt, error))
        return NULL;
    }
  if (rc != SQLITE_DONE)
    {
      _udha_store_fail (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&cases);
}

/**
 * udha_store_count_cases:
 *
 * Returns: the number of cases matching @query, or -1 on error
 */
gint64
udha_store_count_cases (UdhaStore            *self,
                        const UdhaCaseQuery  *query,
                        GError              **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT count(*) FROM cases c");
  g_autofree char *today = NULL;
  g_autoptr(UdhaCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (UDHA_IS_STORE (self), -1);
  g_return_val_if_fail (query != NULL, -1);

  today = query->today != NULL ? g_strdup (query->today) : _udha_store_today ();
  build_case_where (query, sql);
  stmt = udha_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return -1;
  bind_case_query (stmt, query, 0, today);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _udha_store_fail (self, rc, error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/* Interviews */

gboolean
udha_store_create_interview (UdhaStore      *self,
                             UdhaInterview  *interview,
                             GError        **error)
{
  g_return_val_if_fail (UDHA_IS_STORE (self), FALSE);
  g_return_val_if_fail (UDHA_IS_INTERVIEW (interview), FALSE);

  if (udha_interview_get_revision (interview) < 1)
    udha_interview_set_revision (interview, 1);
  return _udha_store_record_insert (self, udha_interview_get_record_info (), interview, error);
}

/**
 * udha_store_update_interview:
 * @self: a #UdhaStore
 * @interview: an interview loaded from the store and edited
 * @edited_by: the user making the edit
 * @current_out: (out) (optional) (nullable): the stored version on conflict
 * @error: return location for a #GError
 *
 * Keeps the stored narrative as a revision in interview_revisions (who
 * wrote it and when), then saves the edit as the next revision.
 *
 * Returns: %TRUE on success
 */
gboolean
udha_store_update_interview (UdhaStore      *self,
                             UdhaInterview  *interview,
                             gint64          edited_by,
                             UdhaInterview **current_out,
                             GError        **error)
{
  const UdhaRecordInfo *info = udha_interview_get_record_info ();
  g_autofree char *now = _udha_store_now ();
  gint64 old_revision = udha_interview_get_revision (interview);
  int rc;

  g_return_val_if_fail (UDHA_IS_STORE (self), FALSE);
  g_return_val_if_fail (UDHA_IS_INTERVIEW (interview), FALSE);

  if (current_out != NULL)
    *current_out = NULL;

  if (!udha_store_begin (self, error))
    return FALSE;

  {
    g_autoptr(UdhaCachedStmt) stmt =
      udha_store_prepare (self, "INSERT INTO interview_revisions (interview_id, revision, narrative, "
                                "confidential, edited_by, edited_at) "
                                "SELECT id, revision, narrative, confidential, coalesce (edited_by, author_id), "
                                "       coalesce (edited_at, occurred_at) "
                                "FROM interviews WHERE id = ?1 AND row_version = ?2;", error);

    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 1, udha_interview_get_id (interview));
    sqlite3_bind_int64 (stmt, 2, udha_interview_get_row_version (interview));
    rc = sqlite3_step (stmt);
    if (rc != SQLITE_DONE)
      {
        _udha_store_fail (self, rc, error);
        goto fail;
      }
    /* Zero rows here means a conflict or no such interview: the update
     * below reports which. */
  }

  udha_interview_set_revision (interview, MAX (old_revision, 1) + 1);
  udha_interview_set_edited_by (interview, edited_by);
  udha_interview_set_edited_at (interview, now);

  if (!_udha_store_update_with_current (self, info, UDHA_TYPE_INTERVIEW, interview,
                                        (gpointer *) current_out, error))
    {
      udha_interview_set_revision (interview, old_revision);
      goto fail;
    }

  return udha_store_commit (self, error);

fail:
  udha_store_rollback (self);
  return FALSE;
}

UdhaInterview *
udha_store_get_interview (UdhaStore  *self,
                          gint64      id,
                          GError    **error)
{
  g_return_val_if_fail (UDHA_IS_STORE (self), NULL);

  return _udha_store_record_get (self, udha_interview_get_record_info (), UDHA_TYPE_INTERVIEW, id, error);
}

GPtrArray *
udha_store_list_interviews (UdhaStore  *self,
                            gint64      case_id,
                            GError    **error)
{
  g_return_val_if_fail (UDHA_IS_STORE (self), NULL);

  return _udha_store_record_list (self, udha_interview_get_record_info (), UDHA_TYPE_INTERVIEW,
                                  "WHERE case_id = ?1 ORDER BY occurred_at, id", case_id, error);
}

/**
 * udha_store_add_interview_json_revisions:
 *
 * Adds a JSON array of the interview's earlier revisions (oldest first):
 * {revision, narrative, confidential, edited_by, edited_at}.
 */
gboolean
udha_store_add_interview_json_revisions (UdhaStore    *self,
                                         gint64        interview_id,
                                         JsonBuilder  *builder,
                                         GError      **error)
{
  g_autoptr(UdhaCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (UDHA_IS_STORE (self), FALSE);

  stmt = udha_store_prepare (self, "SELECT revision, narrative, confidential, edited_by, edited_at "
                                   "FROM interview_revisions WHERE interview_id = ?1 ORDER BY revision;", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, interview_id);

  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "revision");
      json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 0));
      json_builder_set_member_name (builder, "narrative");
      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 1));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "confidential");
      json_builder_add_boolean_value (builder, sqlite3_column_int (stmt, 2) != 0);
      json_builder_set_member_name (builder, "edited_by");
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 3));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "edited_at");
      json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 4));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (rc != SQLITE_DONE)
    return _udha_store_fail (self, rc, error);
  return TRUE;
}

static guint
count_rows (UdhaStore   *self,
            const char  *sql,
            gint64       id,
            GError     **error)
{
  g_autoptr(UdhaCachedStmt) stmt = udha_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _udha_store_fail (self, rc, error);
      return 0;
    }
  return sqlite3_column_int (stmt, 0);
}

guint
udha_store_count_interview_revisions (UdhaStore  *self,
                                      gint64      interview_id,
                                      GError    **error)
{
  g_return_val_if_fail (UDHA_IS_STORE (self), 0);

  return count_rows (self, "SELECT count(*) FROM interview_revisions WHERE interview_id = ?1;",
                     interview_id, error);
}

/* Services */

gboolean
udha_store_create_service (UdhaStore    *self,
                           UdhaService  *service,
                           GError      **error)
{
  g_return_val_if_fail (UDHA_IS_STORE (self), FALSE);
  g_return_val_if_fail (UDHA_IS_SERVICE (service), FALSE);

  if (udha_service_get_status (service) == NULL)
    udha_service_set_status (service, "planned");
  _udha_store_default_created_at (service, udha_service_get_record_info ());
  return _udha_store_record_insert (self, udha_service_get_record_info (), service, error);
}

gboolean
udha_store_update_service (UdhaStore    *self,
                           UdhaService  *service,
                           UdhaService **current_out,
                           GError      **error)
{
  g_return_val_if_fail (UDHA_IS_STORE (self), FALSE);
  g_return_val_if_fail (UDHA_IS_SERVICE (service), FALSE);

  return _udha_store_update_with_current (self, udha_service_get_record_info (), UDHA_TYPE_SERVICE,
                                          service, (gpointer *) current_out, error);
}

UdhaService *
udha_store_get_service (UdhaStore  *self,
                        gint64      id,
                        GError    **error)
{
  g_return_val_if_fail (UDHA_IS_STORE (self), NULL);

  return _udha_store_record_get (self, udha_service_get_record_info (), UDHA_TYPE_SERVICE, id, error);
}

GPtrArray *
udha_store_list_services (UdhaStore  *self,
                          gint64      case_id,
                          GError    **error)
{
  g_return_val_if_fail (UDHA_IS_STORE (self), NULL);

  return _udha_store_record_list (self, udha_service_get_record_info (), UDHA_TYPE_SERVICE,
                                  "WHERE case_id = ?1 ORDER BY id", case_id, error);
}

/* Referrals */

static gboolean
add_transition (UdhaStore   *self,
                gint64       referral_id,
                const char  *at,
                gint64       user_id,
                const char  *from_status,
                const char  *to_status,
                const char  *reason,
                GError     **error)
{
  g_autoptr(UdhaCachedStmt) stmt =
    udha_store_prepare (self, "INSERT INTO referral_transitions (referral_id, at, user_id, from_status, "
                              "to_status, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6);", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, referral_id);
  _udha_bind_text (stmt, 2, at);
  _udha_bind_id (stmt, 3, user_id);
  _udha_bind_text (stmt, 4, from_status);
  _udha_bind_text (stmt, 5, to_status);
  _udha_bind_text (stmt, 6, reason);
  return _udha_store_step_done (self, stmt, error);
}

/**
 * udha_store_create_referral:
 *
 * Saves a new referral (status "draft" when unset) and its first
 * transition (from nothing to that status, by created_by).
 */
gboolean
udha_store_create_referral (UdhaStore     *self,
                            UdhaReferral  *referral,
                            GError       **error)
{
  g_autofree char *now = _udha_store_now ();

  g_return_val_if_fail (UDHA_IS_STORE (self), FALSE);
  g_return_val_if_fail (UDHA_IS_REFERRAL (referral), FALSE);

  if (udha_referral_get_status (referral) == NULL)
    udha_referral_set_status (referral, "draft");
  if (udha_referral_get_urgency (referral) == NULL)
    udha_referral_set_urgency (referral, "routine");
  if (udha_referral_get_created_at (referral) == NULL)
    udha_referral_set_created_at (referral, now);
  udha_referral_set_status_changed_at (referral, udha_referral_get_created_at (referral));

  if (!udha_store_begin (self, error))
    return FALSE;
  if (!_udha_store_record_insert (self, udha_referral_get_record_info (), referral, error) ||
      !add_transition (self, udha_referral_get_id (referral), udha_referral_get_created_at (referral),
                       udha_referral_get_created_by (referral), NULL,
                       udha_referral_get_status (referral), NULL, error))
    {
      udha_store_rollback (self);
      return FALSE;
    }
  return udha_store_commit (self, error);
}

/**
 * udha_store_update_referral:
 *
 * Saves fields other than the status; a status change goes through
 * udha_store_set_referral_status() so that it is recorded as a transition.
 */
gboolean
udha_store_update_referral (UdhaStore     *self,
                            UdhaReferral  *referral,
                            UdhaReferral **current_out,
                            GError       **error)
{
  g_autoptr(UdhaReferral) stored = NULL;

  g_return_val_if_fail (UDHA_IS_STORE (self), FALSE);
  g_return_val_if_fail (UDHA_IS_REFERRAL (referral), FALSE);

  stored = udha_store_get_referral (self, udha_referral_get_id (referral), error);
  if (stored == NULL)
    return FALSE;
  if (udha_referral_get_row_version (stored) == udha_referral_get_row_version (referral) &&
      g_strcmp0 (udha_referral_get_status (stored), udha_referral_get_status (referral)) != 0)
    {
      g_set_error_literal (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_QUERY,
                           _("The referral was not saved: its status changes only through a status change, which records who made it and why."));
      return FALSE;
    }

  return _udha_store_update_with_current (self, udha_referral_get_record_info (), UDHA_TYPE_REFERRAL,
                                          referral, (gpointer *) current_out, error);
}

/**
 * udha_store_set_referral_status:
 * @self: a #UdhaStore
 * @referral: the referral as loaded; updated on success
 * @new_status: the new status code (the session has checked the transition,
 *   the consent gate and the reason)
 * @user_id: who makes the change
 * @reason: (nullable): the reason or note, stored in the transition
 * @current_out: (out) (optional) (nullable): the stored version on conflict
 * @error: return location for a #GError
 *
 * Changes the status (with the referral's other edited fields, e.g.
 * consent_id or the override) under the row-version check, and records the
 * transition (who, when, from, to, reason) in the same transaction. The
 * first change to "sent" sets sent_on to today.
 *
 * Returns: %TRUE on success
 */
gboolean
udha_store_set_referral_status (UdhaStore     *self,
                                UdhaReferral  *referral,
                                const char    *new_status,
                                gint64         user_id,
                                const char    *reason,
                                UdhaReferral **current_out,
                                GError       **error)
{
  g_autofree char *from = NULL;
  g_autofree char *now = _udha_store_now ();
  g_autofree char *old_changed_at = NULL;

  g_return_val_if_fail (UDHA_IS_STORE (self), FALSE);
  g_return_val_if_fail (UDHA_IS_REFERRAL (referral), FALSE);
  g_return_val_if_fail (new_status != NULL, FALSE);

  from = g_strdup (udha_referral_get_status (referral));
  old_changed_at = g_strdup (udha_referral_get_status_changed_at (referral));

  if (!udha_store_begin (self, error))
    return FALSE;

  udha_referral_set_status (referral, new_status);
  udha_referral_set_status_changed_at (referral, now);
  if (g_str_equal (new_status, "sent") && udha_referral_get_sent_on (referral) == NULL)
    {
      g_autofree char *today = _udha_store_today ();

      udha_referral_set_sent_on (referral, today);
    }

  if (!_udha_store_update_with_current (self, udha_referral_get_record_info (), UDHA_TYPE_REFERRAL,
                                        referral, (gpointer *) current_out, error) ||
      !add_transition (self, udha_referral_get_id (referral), now, user_id, from, new_status, reason, error))
    {
      udha_store_rollback (self);
      udha_referral_set_status (referral, from);
      udha_referral_set_status_changed_at (referral, old_changed_at);
      return FALSE;
    }

  return udha_store_commit (self, error);
}

UdhaReferral *
udha_store_get_referral (UdhaStore  *self,
                         gint64      id,
                         GError    **error)
{
  g_return_val_if_fail (UDHA_IS_STORE (self), NULL);

  return _udha_store_record_get (self, udha_referral_get_record_info (), UDHA_TYPE_REFERRAL, id, error);
}

GPtrArray *
udha_store_list_referrals (UdhaStore  *self,
                           gint64      case_id,
                           GError    **error)
{
  g_return_val_if_fail (UDHA_IS_STORE (self), NULL);

  return _udha_store_record_list (self, udha_referral_get_record_info (), UDHA_TYPE_REFERRAL,
                                  "WHERE case_id = ?1 ORDER BY id", case_id, error);
}

/**
 * udha_store_add_referral_json_transitions:
 *
 * Adds a JSON array of the referral's transitions, oldest first:
 * {at, user_id, from, to, reason}.
 */
gboolean
udha_store_add_referral_json_transitions (UdhaStore    *self,
                                          gint64        referral_id,
                                          JsonBuilder  *builder,
                                          GError      **error)
{
  g_autoptr(UdhaCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (UDHA_IS_STORE (self), FALSE);

  stmt = udha_store_prepare (self, "SELECT at, user_id, from_status, to_status, reason "
                                   "FROM referral_transitions WHERE referral_id = ?1 ORDER BY id;", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, referral_id);

  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      static const char * const names[] = { "at", "user_id", "from", "to", "reason" };

      json_builder_begin_object (builder);
      for (int col = 0; col < 5; col++)
        {
          json_builder_set_member_name (builder, names[col]);
          if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
            json_builder_add_null_value (builder);
          else if (col == 1)
            json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, col));
          else
            json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, col));
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (rc != SQLITE_DONE)
    return _udha_store_fail (self, rc, error);
  return TRUE;
}

guint
udha_store_count_referral_transitions (UdhaStore  *self,
                                       gint64      referral_id,
                                       GError    **error)
{
  g_return_val_if_fail (UDHA_IS_STORE (self), 0);

  return count_rows (self, "SELECT count(*) FROM referral_transitions WHERE referral_id = ?1;",
                     referral_id, error);
}
