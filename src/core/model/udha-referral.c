/* udha-referral.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A referral to a partner organisation (DOMAIN.md §6).
 *
 * Field names are the JSON member names and the store's column names
 * (udha-record.h). Unset values: NULL strings and code lists, 0 ids, -1
 * numbers. */

#define G_LOG_DOMAIN "udha-referral"

#include "config.h"

#include "udha-referral.h"

#include <string.h>

struct _UdhaReferral
{
  GObject  parent_instance;

  gint64    id;
  gint64    row_version;
  gint64    case_id;
  gint64    org_id;
  char     *service_code;
  char     *urgency;
  char     *reason;
  char     *status;
  char     *follow_up_due;
  gint64    consent_id;
  char     *override_basis;
  char     *override_reason;
  gint64    override_by;
  char     *sent_on;
  char     *sent_via;
  char     *outcome;
  gint64    created_by;
  char     *created_at;
  char     *status_changed_at;
};

G_DEFINE_FINAL_TYPE (UdhaReferral, udha_referral, G_TYPE_OBJECT)

static const UdhaField fields[] = {
  { "id", UDHA_FIELD_ID, G_STRUCT_OFFSET (UdhaReferral, id) },
  { "row_version", UDHA_FIELD_INT, G_STRUCT_OFFSET (UdhaReferral, row_version) },
  { "case_id", UDHA_FIELD_ID, G_STRUCT_OFFSET (UdhaReferral, case_id) },
  { "org_id", UDHA_FIELD_ID, G_STRUCT_OFFSET (UdhaReferral, org_id) },
  { "service_code", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaReferral, service_code) },
  { "urgency", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaReferral, urgency) },
  { "reason", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaReferral, reason) },
  { "status", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaReferral, status) },
  { "follow_up_due", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaReferral, follow_up_due) },
  { "consent_id", UDHA_FIELD_ID, G_STRUCT_OFFSET (UdhaReferral, consent_id) },
  { "override_basis", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaReferral, override_basis) },
  { "override_reason", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaReferral, override_reason) },
  { "override_by", UDHA_FIELD_ID, G_STRUCT_OFFSET (UdhaReferral, override_by) },
  { "sent_on", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaReferral, sent_on) },
  { "sent_via", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaReferral, sent_via) },
  { "outcome", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaReferral, outcome) },
  { "created_by", UDHA_FIELD_ID, G_STRUCT_OFFSET (UdhaReferral, created_by) },
  { "created_at", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaReferral, created_at) },
  { "status_changed_at", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaReferral, status_changed_at) },
};

static const UdhaRecordInfo record_info = {
  "referral", fields, G_N_ELEMENTS (fields),
};

static void
udha_referral_finalize (GObject *object)
{
  udha_record_clear_fields (object, &record_info);

  G_OBJECT_CLASS (udha_referral_parent_class)->finalize (object);
}

static void
udha_referral_class_init (UdhaReferralClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = udha_referral_finalize;
}

static void
udha_referral_init (UdhaReferral *self)
{
  udha_record_init_fields (self, &record_info);
}

UdhaReferral *
udha_referral_new (void)
{
  return g_object_new (UDHA_TYPE_REFERRAL, NULL);
}

const UdhaRecordInfo *
udha_referral_get_record_info (void)
{
  return &record_info;
}

void
udha_referral_to_json (UdhaReferral *self,
                       JsonBuilder  *builder)
{
  g_return_if_fail (UDHA_IS_REFERRAL (self));
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  udha_record_add_json_members (self, &record_info, builder);
  json_builder_set_member_name (builder, "overdue");
  json_builder_add_boolean_value (builder, udha_referral_is_overdue (self, NULL));
  json_builder_end_object (builder);
}

gint64
udha_referral_get_id (UdhaReferral *self)
{
  g_return_val_if_fail (UDHA_IS_REFERRAL (self), 0);

  return self->id;
}

gint64
udha_referral_get_row_version (UdhaReferral *self)
{
  g_return_val_if_fail (UDHA_IS_REFERRAL (self), -1);

  return self->row_version;
}

gint64
udha_referral_get_case_id (UdhaReferral *self)
{
  g_return_val_if_fail (UDHA_IS_REFERRAL (self), 0);

  return self->case_id;
}

gint64
udha_referral_get_org_id (UdhaReferral *self)
{
  g_return_val_if_fail (UDHA_IS_REFERRAL (self), 0);

  return self->org_id;
}

const char *
udha_referral_get_service_code (UdhaReferral *self)
{
  g_return_val_if_fail (UDHA_IS_REFERRAL (self), NULL);

  return self->service_code;
}

const char *
udha_referral_get_urgency (UdhaReferral *self)
{
  g_return_val_if_fail (UDHA_IS_REFERRAL (self), NULL);

  return self->urgency;
}

const char *
udha_referral_get_reason (UdhaReferral *self)
{
  g_return_val_if_fail (UDHA_IS_REFERRAL (self), NULL);

  return self->reason;
}

const char *
udha_referral_get_status (UdhaReferral *self)
{
  g_return_val_if_fail (UDHA_IS_REFERRAL (self), NULL);

  return self->status;
}

const char *
udha_referral_get_follow_up_due (UdhaReferral *self)
{
  g_return_val_if_fail (UDHA_IS_REFERRAL (self), NULL);

  return self->follow_up_due;
}

gint64
udha_referral_get_consent_id (UdhaReferral *self)
{
  g_return_val_if_fail (UDHA_IS_REFERRAL (self), 0);

  return self->consent_id;
}

const char *
udha_referral_get_override_basis (UdhaReferral *self)
{
  g_return_val_if_fail (UDHA_IS_REFERRAL (self), NULL);

  return self->override_basis;
}

const char *
udha_referral_get_override_reason (UdhaReferral *self)
{
  g_return_val_if_fail (UDHA_IS_REFERRAL (self), NULL);

  return self->override_reason;
}

gint64
udha_referral_get_override_by (UdhaReferral *self)
{
  g_return_val_if_fail (UDHA_IS_REFERRAL (self), 0);

  return self->override_by;
}

const char *
udha_referral_get_sent_on (UdhaReferral *self)
{
  g_return_val_if_fail (UDHA_IS_REFERRAL (self), NULL);

  return self->sent_on;
}

const char *
udha_referral_get_sent_via (UdhaReferral *self)
{
  g_return_val_if_fail (UDHA_IS_REFERRAL (self), NULL);

  return self->sent_via;
}

const char *
udha_referral_get_outcome (UdhaReferral *self)
{
  g_return_val_if_fail (UDHA_IS_REFERRAL (self), NULL);

  return self->outcome;
}

gint64
udha_referral_get_created_by (UdhaReferral *self)
{
  g_return_val_if_fail (UDHA_IS_REFERRAL (self), 0);

  return self->created_by;
}

const char *
udha_referral_get_created_at (UdhaReferral *self)
{
  g_return_val_if_fail (UDHA_IS_REFERRAL (self), NULL);

  return self->created_at;
}

const char *
udha_referral_get_status_changed_at (UdhaReferral *self)
{
  g_return_val_if_fail (UDHA_IS_REFERRAL (self), NULL);

  return self->status_changed_at;
}

void
udha_referral_set_case_id (UdhaReferral *self,
                           gint64        value)
{
  g_return_if_fail (UDHA_IS_REFERRAL (self));

  self->case_id = value;
}

void
udha_referral_set_org_id (UdhaReferral *self,
                          gint64        value)
{
  g_return_if_fail (UDHA_IS_REFERRAL (self));

  self->org_id = value;
}

void
udha_referral_set_service_code (UdhaReferral *self,
                                const char   *value)
{
  g_return_if_fail (UDHA_IS_REFERRAL (self));

  udha_record_set_str (&self->service_code, value);
}

void
udha_referral_set_urgency (UdhaReferral *self,
                           const char   *value)
{
  g_return_if_fail (UDHA_IS_REFERRAL (self));

  udha_record_set_str (&self->urgency, value);
}

void
udha_referral_set_reason (UdhaReferral *self,
                          const char   *value)
{
  g_return_if_fail (UDHA_IS_REFERRAL (self));

  udha_record_set_str (&self->reason, value);
}

void
udha_referral_set_status (UdhaReferral *self,
                          const char   *value)
{
  g_return_if_fail (UDHA_IS_REFERRAL (self));

  udha_record_set_str (&self->status, value);
}

void
udha_referral_set_follow_up_due (UdhaReferral *self,
                                 const char   *value)
{
  g_return_if_fail (UDHA_IS_REFERRAL (self));

  udha_record_set_str (&self->follow_up_due, value);
}

void
udha_referral_set_consent_id (UdhaReferral *self,
                              gint64        value)
{
  g_return_if_fail (UDHA_IS_REFERRAL (self));

  self->consent_id = value;
}

void
udha_referral_set_override_basis (UdhaReferral *self,
                                  const char   *value)
{
  g_return_if_fail (UDHA_IS_REFERRAL (self));

  udha_record_set_str (&self->override_basis, value);
}

void
udha_referral_set_override_reason (UdhaReferral *self,
                                   const char   *value)
{
  g_return_if_fail (UDHA_IS_REFERRAL (self));

  udha_record_set_str (&self->override_reason, value);
}

void
udha_referral_set_override_by (UdhaReferral *self,
                               gint64        value)
{
  g_return_if_fail (UDHA_IS_REFERRAL (self));

  self->override_by = value;
}

void
udha_referral_set_sent_on (UdhaReferral *self,
                           const char   *value)
{
  g_return_if_fail (UDHA_IS_REFERRAL (self));

  udha_record_set_str (&self->sent_on, value);
}

void
udha_referral_set_sent_via (UdhaReferral *self,
                            const char   *value)
{
  g_return_if_fail (UDHA_IS_REFERRAL (self));

  udha_record_set_str (&self->sent_via, value);
}

void
udha_referral_set_outcome (UdhaReferral *self,
                           const char   *value)
{
  g_return_if_fail (UDHA_IS_REFERRAL (self));

  udha_record_set_str (&self->outcome, value);
}

void
udha_referral_set_created_by (UdhaReferral *self,
                              gint64        value)
{
  g_return_if_fail (UDHA_IS_REFERRAL (self));

  self->created_by = value;
}

void
udha_referral_set_created_at (UdhaReferral *self,
                              const char   *value)
{
  g_return_if_fail (UDHA_IS_REFERRAL (self));

  udha_record_set_str (&self->created_at, value);
}

void
udha_referral_set_status_changed_at (UdhaReferral *self,
                                     const char   *value)
{
  g_return_if_fail (UDHA_IS_REFERRAL (self));

  udha_record_set_str (&self->status_changed_at, value);
}

/**
 * udha_referral_is_final:
 * @status: a referral status code
 *
 * Returns: %TRUE for the terminal statuses (DOMAIN.md §6.2)
 */
gboolean
udha_referral_is_final (const char *status)
{
  return g_strcmp0 (status, "declined") == 0 ||
         g_strcmp0 (status, "completed") == 0 ||
         g_strcmp0 (status, "cancelled") == 0;
}

/**
 * udha_referral_is_overdue:
 * @self: a #UdhaReferral
 * @today: (nullable): an ISO date, or %NULL for today (UTC)
 *
 * Computed, never stored (DOMAIN.md §6.5): the follow-up date has passed
 * and the referral is not in a final status.
 *
 * Returns: %TRUE if overdue
 */
gboolean
udha_referral_is_overdue (UdhaReferral *self,
                          const char   *today)
{
  g_autofree char *now = NULL;

  g_return_val_if_fail (UDHA_IS_REFERRAL (self), FALSE);

  if (self->follow_up_due == NULL || udha_referral_is_final (self->status))
    return FALSE;
  if (today == NULL)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_now_utc ();

      now = g_date_time_format (dt, "%Y-%m-%d");
      today = now;
    }
  return strcmp (self->follow_up_due, today) < 0;
}
