/* udha-user.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A user of the vault: the vault user name (key slot), role and office (DOMAIN.md §9).
 *
 * Field names are the JSON member names and the store's column names
 * (udha-record.h). Unset values: NULL strings and code lists, 0 ids, -1
 * numbers. */

#define G_LOG_DOMAIN "udha-user"

#include "config.h"

#include "udha-user.h"

struct _UdhaUser
{
  GObject  parent_instance;

  gint64    id;
  gint64    row_version;
  char     *user_name;
  char     *display_name;
  char     *role;
  gint64    office_id;
  gboolean  disabled;
  char     *contact;
  char     *created_at;
};

G_DEFINE_FINAL_TYPE (UdhaUser, udha_user, G_TYPE_OBJECT)

static const UdhaField fields[] = {
  { "id", UDHA_FIELD_ID, G_STRUCT_OFFSET (UdhaUser, id) },
  { "row_version", UDHA_FIELD_INT, G_STRUCT_OFFSET (UdhaUser, row_version) },
  { "user_name", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaUser, user_name) },
  { "display_name", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaUser, display_name) },
  { "role", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaUser, role) },
  { "office_id", UDHA_FIELD_ID, G_STRUCT_OFFSET (UdhaUser, office_id) },
  { "disabled", UDHA_FIELD_BOOL, G_STRUCT_OFFSET (UdhaUser, disabled) },
  { "contact", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaUser, contact) },
  { "created_at", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaUser, created_at) },
};

static const UdhaRecordInfo record_info = {
  "user", fields, G_N_ELEMENTS (fields),
};

static void
udha_user_finalize (GObject *object)
{
  udha_record_clear_fields (object, &record_info);

  G_OBJECT_CLASS (udha_user_parent_class)->finalize (object);
}

static void
udha_user_class_init (UdhaUserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = udha_user_finalize;
}

static void
udha_user_init (UdhaUser *self)
{
  udha_record_init_fields (self, &record_info);
}

UdhaUser *
udha_user_new (void)
{
  return g_object_new (UDHA_TYPE_USER, NULL);
}

const UdhaRecordInfo *
udha_user_get_record_info (void)
{
  return &record_info;
}

void
udha_user_to_json (UdhaUser    *self,
                   JsonBuilder *builder)
{
  g_return_if_fail (UDHA_IS_USER (self));
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  udha_record_add_json_members (self, &record_info, builder);
  json_builder_end_object (builder);
}

gint64
udha_user_get_id (UdhaUser *self)
{
  g_return_val_if_fail (UDHA_IS_USER (self), 0);

  return self->id;
}

gint64
udha_user_get_row_version (UdhaUser *self)
{
  g_return_val_if_fail (UDHA_IS_USER (self), -1);

  return self->row_version;
}

const char *
udha_user_get_user_name (UdhaUser *self)
{
  g_return_val_if_fail (UDHA_IS_USER (self), NULL);

  return self->user_name;
}

const char *
udha_user_get_display_name (UdhaUser *self)
{
  g_return_val_if_fail (UDHA_IS_USER (self), NULL);

  return self->display_name;
}

const char *
udha_user_get_role (UdhaUser *self)
{
  g_return_val_if_fail (UDHA_IS_USER (self), NULL);

  return self->role;
}

gint64
udha_user_get_office_id (UdhaUser *self)
{
  g_return_val_if_fail (UDHA_IS_USER (self), 0);

  return self->office_id;
}

gboolean
udha_user_get_disabled (UdhaUser *self)
{
  g_return_val_if_fail (UDHA_IS_USER (self), FALSE);

  return self->disabled;
}

const char *
udha_user_get_contact (UdhaUser *self)
{
  g_return_val_if_fail (UDHA_IS_USER (self), NULL);

  return self->contact;
}

const char *
udha_user_get_created_at (UdhaUser *self)
{
  g_return_val_if_fail (UDHA_IS_USER (self), NULL);

  return self->created_at;
}

void
udha_user_set_user_name (UdhaUser   *self,
                         const char *value)
{
  g_return_if_fail (UDHA_IS_USER (self));

  udha_record_set_str (&self->user_name, value);
}

void
udha_user_set_display_name (UdhaUser   *self,
                            const char *value)
{
  g_return_if_fail (UDHA_IS_USER (self));

  udha_record_set_str (&self->display_name, value);
}

void
udha_user_set_role (UdhaUser   *self,
                    const char *value)
{
  g_return_if_fail (UDHA_IS_USER (self));

  udha_record_set_str (&self->role, value);
}

void
udha_user_set_office_id (UdhaUser *self,
                         gint64    value)
{
  g_return_if_fail (UDHA_IS_USER (self));

  self->office_id = value;
}

void
udha_user_set_disabled (UdhaUser *self,
                        gboolean  value)
{
  g_return_if_fail (UDHA_IS_USER (self));

  self->disabled = value;
}

void
udha_user_set_contact (UdhaUser   *self,
                       const char *value)
{
  g_return_if_fail (UDHA_IS_USER (self));

  udha_record_set_str (&self->contact, value);
}

void
udha_user_set_created_at (UdhaUser   *self,
                          const char *value)
{
  g_return_if_fail (UDHA_IS_USER (self));

  udha_record_set_str (&self->created_at, value);
}
