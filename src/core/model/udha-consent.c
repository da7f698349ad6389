/* udha-consent.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A consent record (DOMAIN.md §8.1).
 *
 * Field names are the JSON member names and the store's column names
 * (udha-record.h). Unset values: NULL strings and code lists, 0 ids, -1
 * numbers. */

#define G_LOG_DOMAIN "udha-consent"

#include "config.h"

#include "udha-consent.h"

struct _UdhaConsent
{
  GObject  parent_instance;

  gint64    id;
  gint64    row_version;
  gint64    person_id;
  char     *purpose;
  char     *legal_basis;
  char     *recipients;
  char     *scope;
  char     *withheld;
  char     *given_by;
  char     *how_given;
  char     *given_on;
  char     *expires_on;
  char     *withdrawn_on;
  char     *reference;
  gint64    created_by;
  char     *created_at;
};

G_DEFINE_FINAL_TYPE (UdhaConsent, udha_consent, G_TYPE_OBJECT)

static const UdhaField fields[] = {
  { "id", UDHA_FIELD_ID, G_STRUCT_OFFSET (UdhaConsent, id) },
  { "row_version", UDHA_FIELD_INT, G_STRUCT_OFFSET (UdhaConsent, row_version) },
  { "person_id", UDHA_FIELD_ID, G_STRUCT_OFFSET (UdhaConsent, person_id) },
  { "purpose", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaConsent, purpose) },
  { "legal_basis", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaConsent, legal_basis) },
  { "recipients", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaConsent, recipients) },
  { "scope", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaConsent, scope) },
  { "withheld", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaConsent, withheld) },
  { "given_by", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaConsent, given_by) },
  { "how_given", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaConsent, how_given) },
  { "given_on", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaConsent, given_on) },
  { "expires_on", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaConsent, expires_on) },
  { "withdrawn_on", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaConsent, withdrawn_on) },
  { "reference", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaConsent, reference) },
  { "created_by", UDHA_FIELD_ID, G_STRUCT_OFFSET (UdhaConsent, created_by) },
  { "created_at", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaConsent, created_at) },
};

static const UdhaRecordInfo record_info = {
  "consent", fields, G_N_ELEMENTS (fields),
};

static void
udha_consent_finalize (GObject *object)
{
  udha_record_clear_fields (object, &record_info);

  G_OBJECT_CLASS (udha_consent_parent_class)->finalize (object);
}

static void
udha_consent_class_init (UdhaConsentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = udha_consent_finalize;
}

static void
udha_consent_init (UdhaConsent *self)
{
  udha_record_init_fields (self, &record_info);
}

UdhaConsent *
udha_consent_new (void)
{
  return g_object_new (UDHA_TYPE_CONSENT, NULL);
}

const UdhaRecordInfo *
udha_consent_get_record_info (void)
{
  return &record_info;
}

void
udha_consent_to_json (UdhaConsent *self,
                      JsonBuilder *builder)
{
  g_return_if_fail (UDHA_IS_CONSENT (self));
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  udha_record_add_json_members (self, &record_info, builder);
  json_builder_end_object (builder);
}

gint64
udha_consent_get_id (UdhaConsent *self)
{
  g_return_val_if_fail (UDHA_IS_CONSENT (self), 0);

  return self->id;
}

gint64
udha_consent_get_row_version (UdhaConsent *self)
{
  g_return_val_if_fail (UDHA_IS_CONSENT (self), -1);

  return self->row_version;
}

gint64
udha_consent_get_person_id (UdhaConsent *self)
{
  g_return_val_if_fail (UDHA_IS_CONSENT (self), 0);

  return self->person_id;
}

const char *
udha_consent_get_purpose (UdhaConsent *self)
{
  g_return_val_if_fail (UDHA_IS_CONSENT (self), NULL);

  return self->purpose;
}

const char *
udha_consent_get_legal_basis (UdhaConsent *self)
{
  g_return_val_if_fail (UDHA_IS_CONSENT (self), NULL);

  return self->legal_basis;
}

const char *
udha_consent_get_recipients (UdhaConsent *self)
{
  g_return_val_if_fail (UDHA_IS_CONSENT (self), NULL);

  return self->recipients;
}

const char *
udha_consent_get_scope (UdhaConsent *self)
{
  g_return_val_if_fail (UDHA_IS_CONSENT (self), NULL);

  return self->scope;
}

const char *
udha_consent_get_withheld (UdhaConsent *self)
{
  g_return_val_if_fail (UDHA_IS_CONSENT (self), NULL);

  return self->withheld;
}

const char *
udha_consent_get_given_by (UdhaConsent *self)
{
  g_return_val_if_fail (UDHA_IS_CONSENT (self), NULL);

  return self->given_by;
}

const char *
udha_consent_get_how_given (UdhaConsent *self)
{
  g_return_val_if_fail (UDHA_IS_CONSENT (self), NULL);

  return self->how_given;
}

const char *
udha_consent_get_given_on (UdhaConsent *self)
{
  g_return_val_if_fail (UDHA_IS_CONSENT (self), NULL);

  return self->given_on;
}

const char *
udha_consent_get_expires_on (UdhaConsent *self)
{
  g_return_val_if_fail (UDHA_IS_CONSENT (self), NULL);

  return self->expires_on;
}

const char *
udha_consent_get_withdrawn_on (UdhaConsent *self)
{
  g_return_val_if_fail (UDHA_IS_CONSENT (self), NULL);

  return self->withdrawn_on;
}

const char *
udha_consent_get_reference (UdhaConsent *self)
{
  g_return_val_if_fail (UDHA_IS_CONSENT (self), NULL);

  return self->reference;
}

gint64
udha_consent_get_created_by (UdhaConsent *self)
{
  g_return_val_if_fail (UDHA_IS_CONSENT (self), 0);

  return self->created_by;
}

const char *
udha_consent_get_created_at (UdhaConsent *self)
{
  g_return_val_if_fail (UDHA_IS_CONSENT (self), NULL);

  return self->created_at;
}

void
udha_consent_set_person_id (UdhaConsent *self,
                            gint64       value)
{
  g_return_if_fail (UDHA_IS_CONSENT (self));

  self->person_id = value;
}

void
udha_consent_set_purpose (UdhaConsent *self,
                          const char  *value)
{
  g_return_if_fail (UDHA_IS_CONSENT (self));

  udha_record_set_str (&self->purpose, value);
}

void
udha_consent_set_legal_basis (UdhaConsent *self,
                              const char  *value)
{
  g_return_if_fail (UDHA_IS_CONSENT (self));

  udha_record_set_str (&self->legal_basis, value);
}

void
udha_consent_set_recipients (UdhaConsent *self,
                             const char  *value)
{
  g_return_if_fail (UDHA_IS_CONSENT (self));

  udha_record_set_str (&self->recipients, value);
}

void
udha_consent_set_scope (UdhaConsent *self,
                        const char  *value)
{
  g_return_if_fail (UDHA_IS_CONSENT (self));

  udha_record_set_str (&self->scope, value);
}

void
udha_consent_set_withheld (UdhaConsent *self,
                           const char  *value)
{
  g_return_if_fail (UDHA_IS_CONSENT (self));

  udha_record_set_str (&self->withheld, value);
}

void
udha_consent_set_given_by (UdhaConsent *self,
                           const char  *value)
{
  g_return_if_fail (UDHA_IS_CONSENT (self));

  udha_record_set_str (&self->given_by, value);
}

void
udha_consent_set_how_given (UdhaConsent *self,
                            const char  *value)
{
  g_return_if_fail (UDHA_IS_CONSENT (self));

  udha_record_set_str (&self->how_given, value);
}

void
udha_consent_set_given_on (UdhaConsent *self,
                           const char  *value)
{
  g_return_if_fail (UDHA_IS_CONSENT (self));

  udha_record_set_str (&self->given_on, value);
}

void
udha_consent_set_expires_on (UdhaConsent *self,
                             const char  *value)
{
  g_return_if_fail (UDHA_IS_CONSENT (self));

  udha_record_set_str (&self->expires_on, value);
}

void
udha_consent_set_withdrawn_on (UdhaConsent *self,
                               const char  *value)
{
  g_return_if_fail (UDHA_IS_CONSENT (self));

  udha_record_set_str (&self->withdrawn_on, value);
}

void
udha_consent_set_reference (UdhaConsent *self,
                            const char  *value)
{
  g_return_if_fail (UDHA_IS_CONSENT (self));

  udha_record_set_str (&self->reference, value);
}

void
udha_consent_set_created_by (UdhaConsent *self,
                             gint64       value)
{
  g_return_if_fail (UDHA_IS_CONSENT (self));

  self->created_by = value;
}

void
udha_consent_set_created_at (UdhaConsent *self,
                             const char  *value)
{
  g_return_if_fail (UDHA_IS_CONSENT (self));

  udha_record_set_str (&self->created_at, value);
}
