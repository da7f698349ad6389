/* udha-case.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A case (DOMAIN.md §2, §3): number, type, status, risk, assignment and closure.
 *
 * Field names are the JSON member names and the store's column names
 * (udha-record.h). Unset values: NULL strings and code lists, 0 ids, -1
 * numbers. */

#define G_LOG_DOMAIN "udha-case"

#include "config.h"

#include "udha-case.h"

struct _UdhaCase
{
  GObject  parent_instance;

  gint64    id;
  gint64    row_version;
  char     *number;
  gint64    person_id;
  gint64    office_id;
  char     *case_type;
  GStrv     tags;
  char     *status;
  char     *previous_status;
  char     *risk;
  GStrv     flags;
  gint64    assigned_user_id;
  char     *opened_on;
  char     *closed_on;
  char     *closure_reason;
  char     *closure_note;
  gint64    closure_requested_by;
  char     *closure_requested_at;
  gint64    created_by;
  char     *created_at;
};

G_DEFINE_FINAL_TYPE (UdhaCase, udha_case, G_TYPE_OBJECT)

static const UdhaField fields[] = {
  { "id", UDHA_FIELD_ID, G_STRUCT_OFFSET (UdhaCase, id) },
  { "row_version", UDHA_FIELD_INT, G_STRUCT_OFFSET (UdhaCase, row_version) },
  { "number", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaCase, number) },
  { "person_id", UDHA_FIELD_ID, G_STRUCT_OFFSET (UdhaCase, person_id) },
  { "office_id", UDHA_FIELD_ID, G_STRUCT_OFFSET (UdhaCase, office_id) },
  { "case_type", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaCase, case_type) },
  { "tags", UDHA_FIELD_CODES, G_STRUCT_OFFSET (UdhaCase, tags) },
  { "status", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaCase, status) },
  { "previous_status", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaCase, previous_status) },
  { "risk", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaCase, risk) },
  { "flags", UDHA_FIELD_CODES, G_STRUCT_OFFSET (UdhaCase, flags) },
  { "assigned_user_id", UDHA_FIELD_ID, G_STRUCT_OFFSET (UdhaCase, assigned_user_id) },
  { "opened_on", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaCase, opened_on) },
  { "closed_on", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaCase, closed_on) },
  { "closure_reason", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaCase, closure_reason) },
  { "closure_note", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaCase, closure_note) },
  { "closure_requested_by", UDHA_FIELD_ID, G_STRUCT_OFFSET (UdhaCase, closure_requested_by) },
  { "closure_requested_at", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaCase, closure_requested_at) },
  { "created_by", UDHA_FIELD_ID, G_STRUCT_OFFSET (UdhaCase, created_by) },
  { "created_at", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaCase, created_at) },
};

static const UdhaRecordInfo record_info = {
  "case", fields, G_N_ELEMENTS (fields),
};

static void
udha_case_finalize (GObject *object)
{
  udha_record_clear_fields (object, &record_info);

  G_OBJECT_CLASS (udha_case_parent_class)->finalize (object);
}

static void
udha_case_class_init (UdhaCaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = udha_case_finalize;
}

static void
udha_case_init (UdhaCase *self)
{
  udha_record_init_fields (self, &record_info);
}

UdhaCase *
udha_case_new (void)
{
  return g_object_new (UDHA_TYPE_CASE, NULL);
}

const UdhaRecordInfo *
udha_case_get_record_info (void)
{
  return &record_info;
}

void
udha_case_to_json (UdhaCase    *self,
                   JsonBuilder *builder)
{
  g_return_if_fail (UDHA_IS_CASE (self));
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  udha_record_add_json_members (self, &record_info, builder);
  json_builder_end_object (builder);
}

gint64
udha_case_get_id (UdhaCase *self)
{
  g_return_val_if_fail (UDHA_IS_CASE (self), 0);

  return self->id;
}

gint64
udha_case_get_row_version (UdhaCase *self)
{
  g_return_val_if_fail (UDHA_IS_CASE (self), -1);

  return self->row_version;
}

const char *
udha_case_get_number (UdhaCase *self)
{
  g_return_val_if_fail (UDHA_IS_CASE (self), NULL);

  return self->number;
}

gint64
udha_case_get_person_id (UdhaCase *self)
{
  g_return_val_if_fail (UDHA_IS_CASE (self), 0);

  return self->person_id;
}

gint64
udha_case_get_office_id (UdhaCase *self)
{
  g_return_val_if_fail (UDHA_IS_CASE (self), 0);

  return self->office_id;
}

const char *
udha_case_get_case_type (UdhaCase *self)
{
  g_return_val_if_fail (UDHA_IS_CASE (self), NULL);

  return self->case_type;
}

const char * const *
udha_case_get_tags (UdhaCase *self)
{
  g_return_val_if_fail (UDHA_IS_CASE (self), NULL);

  return (const char * const *) self->tags;
}

const char *
udha_case_get_status (UdhaCase *self)
{
  g_return_val_if_fail (UDHA_IS_CASE (self), NULL);

  return self->status;
}

const char *
udha_case_get_previous_status (UdhaCase *self)
{
  g_return_val_if_fail (UDHA_IS_CASE (self), NULL);

  return self->previous_status;
}

const char *
udha_case_get_risk (UdhaCase *self)
{
  g_return_val_if_fail (UDHA_IS_CASE (self), NULL);

  return self->risk;
}

const char * const *
udha_case_get_flags (UdhaCase *self)
{
  g_return_val_if_fail (UDHA_IS_CASE (self), NULL);

  return (const char * const *) self->flags;
}

gint64
udha_case_get_assigned_user_id (UdhaCase *self)
{
  g_return_val_if_fail (UDHA_IS_CASE (self), 0);

  return self->assigned_user_id;
}

const char *
udha_case_get_opened_on (UdhaCase *self)
{
  g_return_val_if_fail (UDHA_IS_CASE (self), NULL);

  return self->opened_on;
}

const char *
udha_case_get_closed_on (UdhaCase *self)
{
  g_return_val_if_fail (UDHA_IS_CASE (self), NULL);

  return self->closed_on;
}

const char *
udha_case_get_closure_reason (UdhaCase *self)
{
  g_return_val_if_fail (UDHA_IS_CASE (self), NULL);

  return self->closure_reason;
}

const char *
udha_case_get_closure_note (UdhaCase *self)
{
  g_return_val_if_fail (UDHA_IS_CASE (self), NULL);

  return self->closure_note;
}

gint64
udha_case_get_closure_requested_by (UdhaCase *self)
{
  g_return_val_if_fail (UDHA_IS_CASE (self), 0);

  return self->closure_requested_by;
}

const char *
udha_case_get_closure_requested_at (UdhaCase *self)
{
  g_return_val_if_fail (UDHA_IS_CASE (self), NULL);

  return self->closure_requested_at;
}

gint64
udha_case_get_created_by (UdhaCase *self)
{
  g_return_val_if_fail (UDHA_IS_CASE (self), 0);

  return self->created_by;
}

const char *
udha_case_get_created_at (UdhaCase *self)
{
  g_return_val_if_fail (UDHA_IS_CASE (self), NULL);

  return self->created_at;
}

void
udha_case_set_number (UdhaCase   *self,
                      const char *value)
{
  g_return_if_fail (UDHA_IS_CASE (self));

  udha_record_set_str (&self->number, value);
}

void
udha_case_set_person_id (UdhaCase *self,
                         gint64    value)
{
  g_return_if_fail (UDHA_IS_CASE (self));

  self->person_id = value;
}

void
udha_case_set_office_id (UdhaCase *self,
                         gint64    value)
{
  g_return_if_fail (UDHA_IS_CASE (self));

  self->office_id = value;
}

void
udha_case_set_case_type (UdhaCase   *self,
                         const char *value)
{
  g_return_if_fail (UDHA_IS_CASE (self));

  udha_record_set_str (&self->case_type, value);
}

void
udha_case_set_tags (UdhaCase           *self,
                    const char * const *value)
{
  g_return_if_fail (UDHA_IS_CASE (self));

  if ((const char * const *) self->tags != value)
    {
      g_strfreev (self->tags);
      self->tags = (value != NULL && value[0] != NULL) ? g_strdupv ((char **) value) : NULL;
    }
}

void
udha_case_set_status (UdhaCase   *self,
                      const char *value)
{
  g_return_if_fail (UDHA_IS_CASE (self));

  udha_record_set_str (&self->status, value);
}

void
udha_case_set_previous_status (UdhaCase   *self,
                               const char *value)
{
  g_return_if_fail (UDHA_IS_CASE (self));

  udha_record_set_str (&self->previous_status, value);
}

void
udha_case_set_risk (UdhaCase   *self,
                    const char *value)
{
  g_return_if_fail (UDHA_IS_CASE (self));

  udha_record_set_str (&self->risk, value);
}

void
udha_case_set_flags (UdhaCase           *self,
                     const char * const *value)
{
  g_return_if_fail (UDHA_IS_CASE (self));

  if ((const char * const *) self->flags != value)
    {
      g_strfreev (self->flags);
      self->flags = (value != NULL && value[0] != NULL) ? g_strdupv ((char **) value) : NULL;
    }
}

void
udha_case_set_assigned_user_id (UdhaCase *self,
                                gint64    value)
{
  g_return_if_fail (UDHA_IS_CASE (self));

  self->assigned_user_id = value;
}

void
udha_case_set_opened_on (UdhaCase   *self,
                         const char *value)
{
  g_return_if_fail (UDHA_IS_CASE (self));

  udha_record_set_str (&self->opened_on, value);
}

void
udha_case_set_closed_on (UdhaCase   *self,
                         const char *value)
{
  g_return_if_fail (UDHA_IS_CASE (self));

  udha_record_set_str (&self->closed_on, value);
}

void
udha_case_set_closure_reason (UdhaCase   *self,
                              const char *value)
{
  g_return_if_fail (UDHA_IS_CASE (self));

  udha_record_set_str (&self->closure_reason, value);
}

void
udha_case_set_closure_note (UdhaCase   *self,
                            const char *value)
{
  g_return_if_fail (UDHA_IS_CASE (self));

  udha_record_set_str (&self->closure_note, value);
}

void
udha_case_set_closure_requested_by (UdhaCase *self,
                                    gint64    value)
{
  g_return_if_fail (UDHA_IS_CASE (self));

  self->closure_requested_by = value;
}

void
udha_case_set_closure_requested_at (UdhaCase   *self,
                                    const char *value)
{
  g_return_if_fail (UDHA_IS_CASE (self));

  udha_record_set_str (&self->closure_requested_at, value);
}

void
udha_case_set_created_by (UdhaCase *self,
                          gint64    value)
{
  g_return_if_fail (UDHA_IS_CASE (self));

  self->created_by = value;
}

void
udha_case_set_created_at (UdhaCase   *self,
                          const char *value)
{
  g_return_if_fail (UDHA_IS_CASE (self));

  udha_record_set_str (&self->created_at, value);
}
