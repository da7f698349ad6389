/* udha-office.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The office that runs cases (DOMAIN.md §1); its code prefixes case numbers.
 *
 * Field names are the JSON member names and the store's column names
 * (udha-record.h). Unset values: NULL strings and code lists, 0 ids, -1
 * numbers. */

#define G_LOG_DOMAIN "udha-office"

#include "config.h"

#include "udha-office.h"

struct _UdhaOffice
{
  GObject  parent_instance;

  gint64    id;
  gint64    row_version;
  char     *code;
  char     *name;
  char     *created_at;
};

G_DEFINE_FINAL_TYPE (UdhaOffice, udha_office, G_TYPE_OBJECT)

static const UdhaField fields[] = {
  { "id", UDHA_FIELD_ID, G_STRUCT_OFFSET (UdhaOffice, id) },
  { "row_version", UDHA_FIELD_INT, G_STRUCT_OFFSET (UdhaOffice, row_version) },
  { "code", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaOffice, code) },
  { "name", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaOffice, name) },
  { "created_at", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaOffice, created_at) },
};

static const UdhaRecordInfo record_info = {
  "office", fields, G_N_ELEMENTS (fields),
};

static void
udha_office_finalize (GObject *object)
{
  udha_record_clear_fields (object, &record_info);

  G_OBJECT_CLASS (udha_office_parent_class)->finalize (object);
}

static void
udha_office_class_init (UdhaOfficeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = udha_office_finalize;
}

static void
udha_office_init (UdhaOffice *self)
{
  udha_record_init_fields (self, &record_info);
}

UdhaOffice *
udha_office_new (void)
{
  return g_object_new (UDHA_TYPE_OFFICE, NULL);
}

const UdhaRecordInfo *
udha_office_get_record_info (void)
{
  return &record_info;
}

void
udha_office_to_json (UdhaOffice  *self,
                     JsonBuilder *builder)
{
  g_return_if_fail (UDHA_IS_OFFICE (self));
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  udha_record_add_json_members (self, &record_info, builder);
  json_builder_end_object (builder);
}

gint64
udha_office_get_id (UdhaOffice *self)
{
  g_return_val_if_fail (UDHA_IS_OFFICE (self), 0);

  return self->id;
}

gint64
udha_office_get_row_version (UdhaOffice *self)
{
  g_return_val_if_fail (UDHA_IS_OFFICE (self), -1);

  return self->row_version;
}

const char *
udha_office_get_code (UdhaOffice *self)
{
  g_return_val_if_fail (UDHA_IS_OFFICE (self), NULL);

  return self->code;
}

const char *
udha_office_get_name (UdhaOffice *self)
{
  g_return_val_if_fail (UDHA_IS_OFFICE (self), NULL);

  return self->name;
}

const char *
udha_office_get_created_at (UdhaOffice *self)
{
  g_return_val_if_fail (UDHA_IS_OFFICE (self), NULL);

  return self->created_at;
}

void
udha_office_set_code (UdhaOffice *self,
                      const char *value)
{
  g_return_if_fail (UDHA_IS_OFFICE (self));

  udha_record_set_str (&self->code, value);
}

void
udha_office_set_name (UdhaOffice *self,
                      const char *value)
{
  g_return_if_fail (UDHA_IS_OFFICE (self));

  udha_record_set_str (&self->name, value);
}

void
udha_office_set_created_at (UdhaOffice *self,
                            const char *value)
{
  g_return_if_fail (UDHA_IS_OFFICE (self));

  udha_record_set_str (&self->created_at, value);
}
