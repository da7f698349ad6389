/* udha-organisation.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A partner organisation in the referral directory (DOMAIN.md §6.1).
 *
 * Field names are the JSON member names and the store's column names
 * (udha-record.h). Unset values: NULL strings and code lists, 0 ids, -1
 * numbers. */

#define G_LOG_DOMAIN "udha-organisation"

#include "config.h"

#include "udha-organisation.h"

struct _UdhaOrganisation
{
  GObject  parent_instance;

  gint64    id;
  gint64    row_version;
  char     *name;
  char     *org_type;
  char     *qark;
  GStrv     services;
  char     *contact_person;
  char     *phone;
  char     *email;
  char     *address;
  char     *created_at;
};

G_DEFINE_FINAL_TYPE (UdhaOrganisation, udha_organisation, G_TYPE_OBJECT)

static const UdhaField fields[] = {
  { "id", UDHA_FIELD_ID, G_STRUCT_OFFSET (UdhaOrganisation, id) },
  { "row_version", UDHA_FIELD_INT, G_STRUCT_OFFSET (UdhaOrganisation, row_version) },
  { "name", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaOrganisation, name) },
  { "org_type", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaOrganisation, org_type) },
  { "qark", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaOrganisation, qark) },
  { "services", UDHA_FIELD_CODES, G_STRUCT_OFFSET (UdhaOrganisation, services) },
  { "contact_person", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaOrganisation, contact_person) },
  { "phone", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaOrganisation, phone) },
  { "email", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaOrganisation, email) },
  { "address", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaOrganisation, address) },
  { "created_at", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaOrganisation, created_at) },
};

static const UdhaRecordInfo record_info = {
  "organisation", fields, G_N_ELEMENTS (fields),
};

static void
udha_organisation_finalize (GObject *object)
{
  udha_record_clear_fields (object, &record_info);

  G_OBJECT_CLASS (udha_organisation_parent_class)->finalize (object);
}

static void
udha_organisation_class_init (UdhaOrganisationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = udha_organisation_finalize;
}

static void
udha_organisation_init (UdhaOrganisation *self)
{
  udha_record_init_fields (self, &record_info);
}

UdhaOrganisation *
udha_organisation_new (void)
{
  return g_object_new (UDHA_TYPE_ORGANISATION, NULL);
}

const UdhaRecordInfo *
udha_organisation_get_record_info (void)
{
  return &record_info;
}

void
udha_organisation_to_json (UdhaOrganisation *self,
                           JsonBuilder      *builder)
{
  g_return_if_fail (UDHA_IS_ORGANISATION (self));
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  udha_record_add_json_members (self, &record_info, builder);
  json_builder_end_object (builder);
}

gint64
udha_organisation_get_id (UdhaOrganisation *self)
{
  g_return_val_if_fail (UDHA_IS_ORGANISATION (self), 0);

  return self->id;
}

gint64
udha_organisation_get_row_version (UdhaOrganisation *self)
{
  g_return_val_if_fail (UDHA_IS_ORGANISATION (self), -1);

  return self->row_version;
}

const char *
udha_organisation_get_name (UdhaOrganisation *self)
{
  g_return_val_if_fail (UDHA_IS_ORGANISATION (self), NULL);

  return self->name;
}

const char *
udha_organisation_get_org_type (UdhaOrganisation *self)
{
  g_return_val_if_fail (UDHA_IS_ORGANISATION (self), NULL);

  return self->org_type;
}

const char *
udha_organisation_get_qark (UdhaOrganisation *self)
{
  g_return_val_if_fail (UDHA_IS_ORGANISATION (self), NULL);

  return self->qark;
}

const char * const *
udha_organisation_get_services (UdhaOrganisation *self)
{
  g_return_val_if_fail (UDHA_IS_ORGANISATION (self), NULL);

  return (const char * const *) self->services;
}

const char *
udha_organisation_get_contact_person (UdhaOrganisation *self)
{
  g_return_val_if_fail (UDHA_IS_ORGANISATION (self), NULL);

  return self->contact_person;
}

const char *
udha_organisation_get_phone (UdhaOrganisation *self)
{
  g_return_val_if_fail (UDHA_IS_ORGANISATION (self), NULL);

  return self->phone;
}

const char *
udha_organisation_get_email (UdhaOrganisation *self)
{
  g_return_val_if_fail (UDHA_IS_ORGANISATION (self), NULL);

  return self->email;
}

const char *
udha_organisation_get_address (UdhaOrganisation *self)
{
  g_return_val_if_fail (UDHA_IS_ORGANISATION (self), NULL);

  return self->address;
}

const char *
udha_organisation_get_created_at (UdhaOrganisation *self)
{
  g_return_val_if_fail (UDHA_IS_ORGANISATION (self), NULL);

  return self->created_at;
}

void
udha_organisation_set_name (UdhaOrganisation *self,
                            const char       *value)
{
  g_return_if_fail (UDHA_IS_ORGANISATION (self));

  udha_record_set_str (&self->name, value);
}

void
udha_organisation_set_org_type (UdhaOrganisation *self,
                                const char       *value)
{
  g_return_if_fail (UDHA_IS_ORGANISATION (self));

  udha_record_set_str (&self->org_type, value);
}

void
udha_organisation_set_qark (UdhaOrganisation *self,
                            const char       *value)
{
  g_return_if_fail (UDHA_IS_ORGANISATION (self));

  udha_record_set_str (&self->qark, value);
}

void
udha_organisation_set_services (UdhaOrganisation   *self,
                                const char * const *value)
{
  g_return_if_fail (UDHA_IS_ORGANISATION (self));

  if ((const char * const *) self->services != value)
    {
      g_strfreev (self->services);
      self->services = (value != NULL && value[0] != NULL) ? g_strdupv ((char **) value) : NULL;
    }
}

void
udha_organisation_set_contact_person (UdhaOrganisation *self,
                                      const char       *value)
{
  g_return_if_fail (UDHA_IS_ORGANISATION (self));

  udha_record_set_str (&self->contact_person, value);
}

void
udha_organisation_set_phone (UdhaOrganisation *self,
                             const char       *value)
{
  g_return_if_fail (UDHA_IS_ORGANISATION (self));

  udha_record_set_str (&self->phone, value);
}

void
udha_organisation_set_email (UdhaOrganisation *self,
                             const char       *value)
{
  g_return_if_fail (UDHA_IS_ORGANISATION (self));

  udha_record_set_str (&self->email, value);
}

void
udha_organisation_set_address (UdhaOrganisation *self,
                               const char       *value)
{
  g_return_if_fail (UDHA_IS_ORGANISATION (self));

  udha_record_set_str (&self->address, value);
}

void
udha_organisation_set_created_at (UdhaOrganisation *self,
                                  const char       *value)
{
  g_return_if_fail (UDHA_IS_ORGANISATION (self));

  udha_record_set_str (&self->created_at, value);
}
