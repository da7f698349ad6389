/* udha-store-persons.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Persons and their sub-records (names, documents, vulnerabilities,
 * household links; citizenships and languages are code lists). A person is
 * saved as a whole, in one transaction, with its search entry. */

#define G_LOG_DOMAIN "udha-store-persons"

#include "config.h"

#include "udha-store-private.h"
#include "udha-text.h"

#include <glib/gi18n.h>

static gboolean
next_registration_number (UdhaStore   *self,
                          char       **number_out,
                          GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  int year = g_date_time_get_year (now);
  g_autoptr(UdhaCachedStmt) stmt = NULL;
  int rc;

  stmt = udha_store_prepare (self,
                             "INSERT INTO person_counters (year, last_seq) VALUES (?1, 1) "
                             "ON CONFLICT (year) DO UPDATE SET last_seq = last_seq + 1 "
                             "RETURNING last_seq;", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, year);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return _udha_store_fail (self, rc, error);
  *number_out = g_strdup_printf ("P-%04d-%06" G_GINT64_FORMAT, year, (gint64) sqlite3_column_int64 (stmt, 0));
  /* Finish the statement so that RETURNING completes the write. */
  sqlite3_step (stmt);
  return TRUE;
}

static gboolean
delete_children (UdhaStore  *self,
                 gint64      person_id,
                 GError    **error)
{
  static const char * const sql[] = {
    "DELETE FROM person_names WHERE person_id = ?1;",
    "DELETE FROM person_documents WHERE person_id = ?1;",
    "DELETE FROM person_vulnerabilities WHERE person_id = ?1;",
    "DELETE FROM household_links WHERE person_id = ?1;",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      g_autoptr(UdhaCachedStmt) stmt = udha_store_prepare (self, sql[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, person_id);
      if (!_udha_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
save_children (UdhaStore   *self,
               UdhaPerson  *person,
               GError     **error)
{
  gint64 id = udha_person_get_id (person);
  GPtrArray *arr;

  if (!delete_children (self, id, error))
    return FALSE;

  arr = udha_person_get_names (person);
  for (guint i = 0; i < arr->len; i++)
    {
      UdhaPersonName *n = g_ptr_array_index (arr, i);
      g_autofree char *folded = udha_text_fold (n->name);
      g_autoptr(UdhaCachedStmt) stmt =
        udha_store_prepare (self, "INSERT INTO person_names (person_id, position, name, script, kind, name_folded) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6);", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, i);
      _udha_bind_text (stmt, 3, n->name);
      _udha_bind_text (stmt, 4, n->script);
      _udha_bind_text (stmt, 5, n->kind != NULL ? n->kind : "alias");
      _udha_bind_text (stmt, 6, folded);
      if (!_udha_store_step_done (self, stmt, error))
        return FALSE;
    }

  arr = udha_person_get_documents (person);
  for (guint i = 0; i < arr->len; i++)
    {
      UdhaPersonDocument *d = g_ptr_array_index (arr, i);
      g_autofree char *folded = d->number != NULL ? udha_text_doc_number_fold (d->number) : NULL;
      g_autoptr(UdhaCachedStmt) stmt =
        udha_store_prepare (self, "INSERT INTO person_documents (person_id, position, doc_type, number, "
                                  "number_folded, issuing_country, expiry, held_by_other) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8);", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, i);
      _udha_bind_text (stmt, 3, d->doc_type);
      _udha_bind_text (stmt, 4, d->number);
      _udha_bind_text (stmt, 5, folded);
      _udha_bind_text (stmt, 6, d->issuing_country);
      _udha_bind_text (stmt, 7, d->expiry);
      sqlite3_bind_int (stmt, 8, d->held_by_other != FALSE);
      if (!_udha_store_step_done (self, stmt, error))
        return FALSE;
    }

  arr = udha_person_get_vulnerabilities (person);
  for (guint i = 0; i < arr->len; i++)
    {
      UdhaPersonVulnerability *v = g_ptr_array_index (arr, i);
      g_autoptr(UdhaCachedStmt) stmt =
        udha_store_prepare (self, "INSERT INTO person_vulnerabilities (person_id, position, code, risk) "
                                  "VALUES (?1, ?2, ?3, ?4);", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, i);
      _udha_bind_text (stmt, 3, v->code);
      _udha_bind_text (stmt, 4, v->risk);
      if (!_udha_store_step_done (self, stmt, error))
        return FALSE;
    }

  arr = udha_person_get_household (person);
  for (guint i = 0; i < arr->len; i++)
    {
      UdhaHouseholdLink *l = g_ptr_array_index (arr, i);
      g_autoptr(UdhaCachedStmt) stmt =
        udha_store_prepare (self, "INSERT INTO household_links (person_id, position, other_person_id, name, "
                                  "relationship, sex, dob, whereabouts) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8);", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, i);
      _udha_bind_id (stmt, 3, l->other_person_id);
      _udha_bind_text (stmt, 4, l->name);
      _udha_bind_text (stmt, 5, l->relationship != NULL ? l->relationship : "other");
      _udha_bind_text (stmt, 6, l->sex);
      _udha_bind_text (stmt, 7, l->dob);
      _udha_bind_text (stmt, 8, l->whereabouts);
      if (!_udha_store_step_done (self, stmt, error))
        return FALSE;
    }

  return _udha_store_index_person (self, person, error);
}

static gboolean
load_children (UdhaStore   *self,
               UdhaPerson  *person,
               GError     **error)
{
  gint64 id = udha_person_get_id (person);
  int rc;

  udha_person_clear_sub_records (person);

  {
    g_autoptr(UdhaCachedStmt) stmt =
      udha_store_prepare (self, "SELECT name, script, kind FROM person_names WHERE person_id = ?1 "
                                "ORDER BY position;", error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, id);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      udha_person_add_name (person, (const char *) sqlite3_column_text (stmt, 0),
                            (const char *) sqlite3_column_text (stmt, 1),
                            (const char *) sqlite3_column_text (stmt, 2));
    if (rc != SQLITE_DONE)
      return _udha_store_fail (self, rc, error);
  }
  {
    g_autoptr(UdhaCachedStmt) stmt =
      udha_store_prepare (self, "SELECT doc_type, number, issuing_country, expiry, held_by_other "
                                "FROM person_documents WHERE person_id = ?1 ORDER BY position;", error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, id);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      udha_person_add_document (person, (const char *) sqlite3_column_text (stmt, 0),
                                (const char *) sqlite3_column_text (stmt, 1),
                                (const char *) sqlite3_column_text (stmt, 2),
                                (const char *) sqlite3_column_text (stmt, 3),
                                sqlite3_column_int (stmt, 4) != 0);
    if (rc != SQLITE_DONE)
      return _udha_store_fail (self, rc, error);
  }
  {
    g_autoptr(UdhaCachedStmt) stmt =
      udha_store_prepare (self, "SELECT code, risk FROM person_vulnerabilities WHERE person_id = ?1 "
                                "ORDER BY position;", error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, id);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      udha_person_add_vulnerability (person, (const char *) sqlite3_column_text (stmt, 0),
                                     (const char *) sqlite3_column_text (stmt, 1));
    if (rc != SQLITE_DONE)
      return _udha_store_fail (self, rc, error);
  }
  {
    g_autoptr(UdhaCachedStmt) stmt =
      udha_store_prepare (self, "SELECT other_person_id, name, relationship, sex, dob, whereabouts "
                                "FROM household_links WHERE person_id = ?1 ORDER BY position;", error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, id);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      udha_person_add_household_link (person, sqlite3_column_int64 (stmt, 0),
                                      (const char *) sqlite3_column_text (stmt, 1),
                                      (const char *) sqlite3_column_text (stmt, 2),
                                      (const char *) sqlite3_column_text (stmt, 3),
                                      (const char *) sqlite3_column_text (stmt, 4),
                                      (const char *) sqlite3_column_text (stmt, 5));
    if (rc != SQLITE_DONE)
      return _udha_store_fail (self, rc, error);
  }
  return TRUE;
}

/**
 * udha_store_create_person:
 * @self: a #UdhaStore
 * @person: a new person; id and row_version are set on success
 * @error: return location for a #GError
 *
 * Saves the person, its sub-records and its search entry in one
 * transaction (or inside the caller's). Assigns the registration number
 * (`P-<year>-<6 digits>`) and registered_at when unset. Validation of codes
 * and dates is the session's (model) job; the schema's CHECK constraints
 * are the last line (%UDHA_STORE_ERROR_CONSTRAINT).
 *
 * Returns: %TRUE on success
 */
gboolean
udha_store_create_person (UdhaStore   *self,
                          UdhaPerson  *person,
                          GError     **error)
{
  const UdhaRecordInfo *info = udha_person_get_record_info ();

  g_return_val_if_fail (UDHA_IS_STORE (self), FALSE);
  g_return_val_if_fail (UDHA_IS_PERSON (person), FALSE);

  if (!udha_store_begin (self, error))
    return FALSE;

  if (udha_person_get_registration_number (person) == NULL)
    {
      g_autofree char *number = NULL;

      if (!next_registration_number (self, &number, error))
        goto fail;
      udha_person_set_registration_number (person, number);
    }
  if (udha_person_get_registered_at (person) == NULL)
    {
      g_autofree char *now = _udha_store_now ();

      udha_person_set_registered_at (person, now);
    }

  if (!_udha_store_record_insert (self, info, person, error) ||
      !save_children (self, person, error))
    goto fail;

  return udha_store_commit (self, error);

fail:
  udha_store_rollback (self);
  return FALSE;
}

/**
 * udha_store_update_person:
 * @self: a #UdhaStore
 * @person: a person loaded from the store and edited
 * @current_out: (out) (optional) (nullable): on %UDHA_STORE_ERROR_CONFLICT,
 *   the version now stored
 * @error: return location for a #GError
 *
 * Saves every field and sub-record if nobody saved the person since it was
 * loaded; otherwise fails with %UDHA_STORE_ERROR_CONFLICT and changes
 * nothing.
 *
 * Returns: %TRUE on success
 */
gboolean
udha_store_update_person (UdhaStore   *self,
                          UdhaPerson  *person,
                          UdhaPerson **current_out,
                          GError     **error)
{
  const UdhaRecordInfo *info = udha_person_get_record_info ();

  g_return_val_if_fail (UDHA_IS_STORE (self), FALSE);
  g_return_val_if_fail (UDHA_IS_PERSON (person), FALSE);

  if (current_out != NULL)
    *current_out = NULL;

  if (!udha_store_begin (self, error))
    return FALSE;

  if (!_udha_store_update_with_current (self, info, UDHA_TYPE_PERSON, person, (gpointer *) current_out, error))
    {
      udha_store_rollback (self);
      if (current_out != NULL && *current_out != NULL)
        load_children (self, *current_out, NULL);
      return FALSE;
    }

  if (!save_children (self, person, error))
    {
      udha_store_rollback (self);
      return FALSE;
    }

  return udha_store_commit (self, error);
}

UdhaPerson *
udha_store_get_person (UdhaStore  *self,
                       gint64      id,
                       GError    **error)
{
  g_autoptr(UdhaPerson) person = NULL;

  g_return_val_if_fail (UDHA_IS_STORE (self), NULL);

  person = _udha_store_record_get (self, udha_person_get_record_info (), UDHA_TYPE_PERSON, id, error);
  if (person == NULL || !load_children (self, person, error))
    return NULL;
  return g_steal_pointer (&person);
}

UdhaPerson *
udha_store_get_person_by_number (UdhaStore   *self,
                                 const char  *registration_number,
                                 GError     **error)
{
  gint64 id;

  g_return_val_if_fail (UDHA_IS_STORE (self), NULL);
  g_return_val_if_fail (registration_number != NULL, NULL);

  id = _udha_store_lookup_id (self, "SELECT id FROM persons WHERE registration_number = ?1;",
                              registration_number, error);
  if (id < 0)
    return NULL;
  if (id == 0)
    {
      g_set_error_literal (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_NOT_FOUND,
                           _("There is no person with that registration number."));
      return NULL;
    }
  return udha_store_get_person (self, id, error);
}

/**
 * udha_store_person_in_scope:
 * @scope: the session's scope
 *
 * A person is in scope when registered by the scope's office and, for a
 * caseworker, when they have no case yet, or a case assigned to the
 * caseworker or waiting in the office's intake queue.
 *
 * Returns: %TRUE if in scope; %FALSE with @error unset if not
 */
gboolean
udha_store_person_in_scope (UdhaStore             *self,
                            gint64                 person_id,
                            const UdhaStoreScope  *scope,
                            GError               **error)
{
  g_autoptr(UdhaCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (UDHA_IS_STORE (self), FALSE);
  g_return_val_if_fail (scope != NULL, FALSE);

  stmt = udha_store_prepare (self,
                             "SELECT 1 FROM persons p WHERE p.id = ?1 "
                             "AND (?2 = 0 OR p.office_id = ?2 OR EXISTS (SELECT 1 FROM cases c "
                             "     WHERE c.person_id = p.id AND c.office_id = ?2)) "
                             "AND (?3 = 0 OR NOT EXISTS (SELECT 1 FROM cases c WHERE c.person_id = p.id) "
                             "     OR EXISTS (SELECT 1 FROM cases c WHERE c.person_id = p.id "
                             "                AND (c.assigned_user_id = ?3 OR "
                             "                     (c.assigned_user_id IS NULL AND c.office_id = ?2))));",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);
  sqlite3_bind_int64 (stmt, 2, scope->office_id);
  sqlite3_bind_int64 (stmt, 3, scope->user_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    _udha_store_fail (self, rc, error);
  return FALSE;
}
