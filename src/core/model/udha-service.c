/* udha-service.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A service on a case, from the catalogue (DOMAIN.md §5).
 *
 * Field names are the JSON member names and the store's column names
 * (udha-record.h). Unset values: NULL strings and code lists, 0 ids, -1
 * numbers. */

#define G_LOG_DOMAIN "udha-service"

#include "config.h"

#include "udha-service.h"

struct _UdhaService
{
  GObject  parent_instance;

  gint64    id;
  gint64    row_version;
  gint64    case_id;
  char     *service_code;
  char     *delivery;
  char     *status;
  char     *planned_on;
  char     *due_on;
  char     *delivered_on;
  gint64    provider_org_id;
  gint64    referral_id;
  char     *outcome;
  char     *note;
  gint64    approved_by;
  gint64    created_by;
  char     *created_at;
};

G_DEFINE_FINAL_TYPE (UdhaService, udha_service, G_TYPE_OBJECT)

static const UdhaField fields[] = {
  { "id", UDHA_FIELD_ID, G_STRUCT_OFFSET (UdhaService, id) },
  { "row_version", UDHA_FIELD_INT, G_STRUCT_OFFSET (UdhaService, row_version) },
  { "case_id", UDHA_FIELD_ID, G_STRUCT_OFFSET (UdhaService, case_id) },
  { "service_code", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaService, service_code) },
  { "delivery", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaService, delivery) },
  { "status", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaService, status) },
  { "planned_on", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaService, planned_on) },
  { "due_on", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaService, due_on) },
  { "delivered_on", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaService, delivered_on) },
  { "provider_org_id", UDHA_FIELD_ID, G_STRUCT_OFFSET (UdhaService, provider_org_id) },
  { "referral_id", UDHA_FIELD_ID, G_STRUCT_OFFSET (UdhaService, referral_id) },
  { "outcome", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaService, outcome) },
  { "note", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaService, note) },
  { "approved_by", UDHA_FIELD_ID, G_STRUCT_OFFSET (UdhaService, approved_by) },
  { "created_by", UDHA_FIELD_ID, G_STRUCT_OFFSET (UdhaService, created_by) },
  { "created_at", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaService, created_at) },
};

static const UdhaRecordInfo record_info = {
  "service", fields, G_N_ELEMENTS (fields),
};

static void
udha_service_finalize (GObject *object)
{
  udha_record_clear_fields (object, &record_info);

  G_OBJECT_CLASS (udha_service_parent_class)->finalize (object);
}

static void
udha_service_class_init (UdhaServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = udha_service_finalize;
}

static void
udha_service_init (UdhaService *self)
{
  udha_record_init_fields (self, &record_info);
}

UdhaService *
udha_service_new (void)
{
  return g_object_new (UDHA_TYPE_SERVICE, NULL);
}

const UdhaRecordInfo *
udha_service_get_record_info (void)
{
  return &record_info;
}

void
udha_service_to_json (UdhaService *self,
                      JsonBuilder *builder)
{
  g_return_if_fail (UDHA_IS_SERVICE (self));
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  udha_record_add_json_members (self, &record_info, builder);
  json_builder_end_object (builder);
}

gint64
udha_service_get_id (UdhaService *self)
{
  g_return_val_if_fail (UDHA_IS_SERVICE (self), 0);

  return self->id;
}

gint64
udha_service_get_row_version (UdhaService *self)
{
  g_return_val_if_fail (UDHA_IS_SERVICE (self), -1);

  return self->row_version;
}

gint64
udha_service_get_case_id (UdhaService *self)
{
  g_return_val_if_fail (UDHA_IS_SERVICE (self), 0);

  return self->case_id;
}

const char *
udha_service_get_service_code (UdhaService *self)
{
  g_return_val_if_fail (UDHA_IS_SERVICE (self), NULL);

  return self->service_code;
}

const char *
udha_service_get_delivery (UdhaService *self)
{
  g_return_val_if_fail (UDHA_IS_SERVICE (self), NULL);

  return self->delivery;
}

const char *
udha_service_get_status (UdhaService *self)
{
  g_return_val_if_fail (UDHA_IS_SERVICE (self), NULL);

  return self->status;
}

const char *
udha_service_get_planned_on (UdhaService *self)
{
  g_return_val_if_fail (UDHA_IS_SERVICE (self), NULL);

  return self->planned_on;
}

const char *
udha_service_get_due_on (UdhaService *self)
{
  g_return_val_if_fail (UDHA_IS_SERVICE (self), NULL);

  return self->due_on;
}

const char *
udha_service_get_delivered_on (UdhaService *self)
{
  g_return_val_if_fail (UDHA_IS_SERVICE (self), NULL);

  return self->delivered_on;
}

gint64
udha_service_get_provider_org_id (UdhaService *self)
{
  g_return_val_if_fail (UDHA_IS_SERVICE (self), 0);

  return self->provider_org_id;
}

gint64
udha_service_get_referral_id (UdhaService *self)
{
  g_return_val_if_fail (UDHA_IS_SERVICE (self), 0);

  return self->referral_id;
}

const char *
udha_service_get_outcome (UdhaService *self)
{
  g_return_val_if_fail (UDHA_IS_SERVICE (self), NULL);

  return self->outcome;
}

const char *
udha_service_get_note (UdhaService *self)
{
  g_return_val_if_fail (UDHA_IS_SERVICE (self), NULL);

  return self->note;
}

gint64
udha_service_get_approved_by (UdhaService *self)
{
  g_return_val_if_fail (UDHA_IS_SERVICE (self), 0);

  return self->approved_by;
}

gint64
udha_service_get_created_by (UdhaService *self)
{
  g_return_val_if_fail (UDHA_IS_SERVICE (self), 0);

  return self->created_by;
}

const char *
udha_service_get_created_at (UdhaService *self)
{
  g_return_val_if_fail (UDHA_IS_SERVICE (self), NULL);

  return self->created_at;
}

void
udha_service_set_case_id (UdhaService *self,
                          gint64       value)
{
  g_return_if_fail (UDHA_IS_SERVICE (self));

  self->case_id = value;
}

void
udha_service_set_service_code (UdhaService *self,
                               const char  *value)
{
  g_return_if_fail (UDHA_IS_SERVICE (self));

  udha_record_set_str (&self->service_code, value);
}

void
udha_service_set_delivery (UdhaService *self,
                           const char  *value)
{
  g_return_if_fail (UDHA_IS_SERVICE (self));

  udha_record_set_str (&self->delivery, value);
}

void
udha_service_set_status (UdhaService *self,
                         const char  *value)
{
  g_return_if_fail (UDHA_IS_SERVICE (self));

  udha_record_set_str (&self->status, value);
}

void
udha_service_set_planned_on (UdhaService *self,
                             const char  *value)
{
  g_return_if_fail (UDHA_IS_SERVICE (self));

  udha_record_set_str (&self->planned_on, value);
}

void
udha_service_set_due_on (UdhaService *self,
                         const char  *value)
{
  g_return_if_fail (UDHA_IS_SERVICE (self));

  udha_record_set_str (&self->due_on, value);
}

void
udha_service_set_delivered_on (UdhaService *self,
                               const char  *value)
{
  g_return_if_fail (UDHA_IS_SERVICE (self));

  udha_record_set_str (&self->delivered_on, value);
}

void
udha_service_set_provider_org_id (UdhaService *self,
                                  gint64       value)
{
  g_return_if_fail (UDHA_IS_SERVICE (self));

  self->provider_org_id = value;
}

void
udha_service_set_referral_id (UdhaService *self,
                              gint64       value)
{
  g_return_if_fail (UDHA_IS_SERVICE (self));

  self->referral_id = value;
}

void
udha_service_set_outcome (UdhaService *self,
                          const char  *value)
{
  g_return_if_fail (UDHA_IS_SERVICE (self));

  udha_record_set_str (&self->outcome, value);
}

void
udha_service_set_note (UdhaService *self,
                       const char  *value)
{
  g_return_if_fail (UDHA_IS_SERVICE (self));

  udha_record_set_str (&self->note, value);
}

void
udha_service_set_approved_by (UdhaService *self,
                              gint64       value)
{
  g_return_if_fail (UDHA_IS_SERVICE (self));

  self->approved_by = value;
}

void
udha_service_set_created_by (UdhaService *self,
                             gint64       value)
{
  g_return_if_fail (UDHA_IS_SERVICE (self));

  self->created_by = value;
}

void
udha_service_set_created_at (UdhaService *self,
                             const char  *value)
{
  g_return_if_fail (UDHA_IS_SERVICE (self));

  udha_record_set_str (&self->created_at, value);
}
