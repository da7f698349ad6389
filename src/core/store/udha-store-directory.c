/* udha-store-directory.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Offices, users and partner organisations. */

#define G_LOG_DOMAIN "udha-store-directory"

#include "config.h"

#include "udha-store-private.h"

#include <glib/gi18n.h>

/* Shared by every update function: on a conflict, load the stored version
 * for the caller (both versions are then available). */
static gboolean
update_with_current (UdhaStore             *self,
                     const UdhaRecordInfo  *info,
                     GType                  type,
                     gpointer               record,
                     gpointer              *current_out,
                     GError               **error)
{
  g_autoptr(GError) local_error = NULL;

  if (current_out != NULL)
    *current_out = NULL;

  if (_udha_store_record_update (self, info, record, &local_error))
    return TRUE;

  if (current_out != NULL &&
      g_error_matches (local_error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_CONFLICT))
    *current_out = _udha_store_record_get (self, info, type, udha_record_get_int (record, &info->fields[0]), NULL);

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
_udha_store_update_with_current (UdhaStore             *self,
                                 const UdhaRecordInfo  *info,
                                 GType                  type,
                                 gpointer               record,
                                 gpointer              *current_out,
                                 GError               **error)
{
  return update_with_current (self, info, type, record, current_out, error);
}

static void
default_created_at (gpointer              record,
                    const UdhaRecordInfo *info)
{
  const UdhaField *f = udha_record_info_lookup (info, "created_at");

  if (f != NULL && udha_record_get_string (record, f) == NULL)
    {
      g_autofree char *now = _udha_store_now ();

      udha_record_set_string (record, f, now);
    }
}

void
_udha_store_default_created_at (gpointer              record,
                                const UdhaRecordInfo *info)
{
  default_created_at (record, info);
}

/* Offices */

gboolean
udha_store_create_office (UdhaStore   *self,
                          UdhaOffice  *office,
                          GError     **error)
{
  g_return_val_if_fail (UDHA_IS_STORE (self), FALSE);
  g_return_val_if_fail (UDHA_IS_OFFICE (office), FALSE);

  default_created_at (office, udha_office_get_record_info ());
  return _udha_store_record_insert (self, udha_office_get_record_info (), office, error);
}

gboolean
udha_store_update_office (UdhaStore   *self,
                          UdhaOffice  *office,
                          UdhaOffice **current_out,
                          GError     **error)
{
  g_return_val_if_fail (UDHA_IS_STORE (self), FALSE);
  g_return_val_if_fail (UDHA_IS_OFFICE (office), FALSE);

  return update_with_current (self, udha_office_get_record_info (), UDHA_TYPE_OFFICE,
                              office, (gpointer *) current_out, error);
}

UdhaOffice *
udha_store_get_office (UdhaStore  *self,
                       gint64      id,
                       GError    **error)
{
  g_return_val_if_fail (UDHA_IS_STORE (self), NULL);

  return _udha_store_record_get (self, udha_office_get_record_info (), UDHA_TYPE_OFFICE, id, error);
}

static gint64
lookup_id (UdhaStore   *self,
           const char  *sql,
           const char  *key,
           GError     **error)
{
  g_autoptr(UdhaCachedStmt) stmt = udha_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc == SQLITE_DONE)
    return 0;
  _udha_store_fail (self, rc, error);
  return -1;
}

gint64
_udha_store_lookup_id (UdhaStore   *self,
                       const char  *sql,
                       const char  *key,
                       GError     **error)
{
  return lookup_id (self, sql, key, error);
}

UdhaOffice *
udha_store_get_office_by_code (UdhaStore   *self,
                               const char  *code,
                               GError     **error)
{
  gint64 id;

  g_return_val_if_fail (UDHA_IS_STORE (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  id = lookup_id (self, "SELECT id FROM offices WHERE code = ?1;", code, error);
  if (id < 0)
    return NULL;
  if (id == 0)
    {
      g_set_error_literal (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_NOT_FOUND,
                           _("There is no office with that code."));
      return NULL;
    }
  return udha_store_get_office (self, id, error);
}

GPtrArray *
udha_store_list_offices (UdhaStore  *self,
                         GError    **error)
{
  g_return_val_if_fail (UDHA_IS_STORE (self), NULL);

  return _udha_store_record_list (self, udha_office_get_record_info (), UDHA_TYPE_OFFICE,
                                  "ORDER BY code", 0, error);
}

/* Users */

gboolean
udha_store_create_user (UdhaStore  *self,
                        UdhaUser   *user,
                        GError    **error)
{
  g_return_val_if_fail (UDHA_IS_STORE (self), FALSE);
  g_return_val_if_fail (UDHA_IS_USER (user), FALSE);

  default_created_at (user, udha_user_get_record_info ());
  return _udha_store_record_insert (self, udha_user_get_record_info (), user, error);
}

gboolean
udha_store_update_user (UdhaStore  *self,
                        UdhaUser   *user,
                        UdhaUser  **current_out,
                        GError    **error)
{
  g_return_val_if_fail (UDHA_IS_STORE (self), FALSE);
  g_return_val_if_fail (UDHA_IS_USER (user), FALSE);

  return update_with_current (self, udha_user_get_record_info (), UDHA_TYPE_USER,
                              user, (gpointer *) current_out, error);
}

UdhaUser *
udha_store_get_user (UdhaStore  *self,
                     gint64      id,
                     GError    **error)
{
  g_return_val_if_fail (UDHA_IS_STORE (self), NULL);

  return _udha_store_record_get (self, udha_user_get_record_info (), UDHA_TYPE_USER, id, error);
}

UdhaUser *
udha_store_get_user_by_name (UdhaStore   *self,
                             const char  *user_name,
                             GError     **error)
{
  gint64 id;

  g_return_val_if_fail (UDHA_IS_STORE (self), NULL);
  g_return_val_if_fail (user_name != NULL, NULL);

  id = lookup_id (self, "SELECT id FROM users WHERE user_name = ?1;", user_name, error);
  if (id < 0)
    return NULL;
  if (id == 0)
    {
      g_set_error_literal (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_NOT_FOUND,
                           _("There is no user with that name."));
      return NULL;
    }
  return udha_store_get_user (self, id, error);
}

/**
 * udha_store_list_users:
 * @office_id: only users of this office, or 0 for all
 *
 * Returns: (transfer full) (element-type UdhaUser): users by user name
 */
GPtrArray *
udha_store_list_users (UdhaStore  *self,
                       gint64      office_id,
                       GError    **error)
{
  g_return_val_if_fail (UDHA_IS_STORE (self), NULL);

  if (office_id != 0)
    return _udha_store_record_list (self, udha_user_get_record_info (), UDHA_TYPE_USER,
                                    "WHERE office_id = ?1 ORDER BY user_name", office_id, error);
  return _udha_store_record_list (self, udha_user_get_record_info (), UDHA_TYPE_USER,
                                  "ORDER BY user_name", 0, error);
}

/* Organisations */

gboolean
udha_store_create_organisation (UdhaStore         *self,
                                UdhaOrganisation  *org,
                                GError           **error)
{
  g_return_val_if_fail (UDHA_IS_STORE (self), FALSE);
  g_return_val_if_fail (UDHA_IS_ORGANISATION (org), FALSE);

  default_created_at (org, udha_organisation_get_record_info ());
  return _udha_store_record_insert (self, udha_organisation_get_record_info (), org, error);
}

gboolean
udha_store_update_organisation (UdhaStore         *self,
                                UdhaOrganisation  *org,
                                UdhaOrganisation **current_out,
                                GError           **error)
{
  g_return_val_if_fail (UDHA_IS_STORE (self), FALSE);
  g_return_val_if_fail (UDHA_IS_ORGANISATION (org), FALSE);

  return update_with_current (self, udha_organisation_get_record_info (), UDHA_TYPE_ORGANISATION,
                              org, (gpointer *) current_out, error);
}

UdhaOrganisation *
udha_store_get_organisation (UdhaStore  *self,
                             gint64      id,
                             GError    **error)
{
  g_return_val_if_fail (UDHA_IS_STORE (self), NULL);

  return _udha_store_record_get (self, udha_organisation_get_record_info (), UDHA_TYPE_ORGANISATION,
                                 id, error);
}

GPtrArray *
udha_store_list_organisations (UdhaStore  *self,
                               GError    **error)
{
  g_return_val_if_fail (UDHA_IS_STORE (self), NULL);

  return _udha_store_record_list (self, udha_organisation_get_record_info (), UDHA_TYPE_ORGANISATION,
                                  "ORDER BY name", 0, error);
}
