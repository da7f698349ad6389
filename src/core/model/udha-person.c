/* udha-person.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A person assisted, with the registration fields of DOMAIN.md §2.
 *
 * Field names are the JSON member names and the store's column names
 * (udha-record.h). Unset values: NULL strings and code lists, 0 ids, -1
 * numbers. */

#define G_LOG_DOMAIN "udha-person"

#include "config.h"

#include "udha-person.h"

struct _UdhaPerson
{
  GObject  parent_instance;

  gint64    id;
  gint64    row_version;
  char     *registration_number;
  char     *given_name;
  char     *family_name;
  char     *father_name;
  char     *mother_name;
  char     *sex;
  char     *dob;
  char     *dob_precision;
  gint64    estimated_age;
  char     *age_basis;
  char     *birth_country;
  char     *birth_town;
  GStrv     citizenships;
  GStrv     languages;
  char     *ethnicity;
  char     *marital_status;
  char     *education;
  char     *occupation;
  char     *phone;
  char     *address;
  char     *municipality;
  char     *qark;
  char     *migration_status;
  char     *prescreening;
  char     *entry_date;
  char     *entry_crossing;
  char     *entry_from_country;
  char     *travelling_with;
  char     *child_status;
  char     *guardian;
  gboolean  guardian_appointed;
  gboolean  interpreter_needed;
  gint64    office_id;
  char     *registered_at;
  gint64    registered_by;

  GPtrArray *names;             /* UdhaPersonName */
  GPtrArray *documents;         /* UdhaPersonDocument */
  GPtrArray *vulnerabilities;   /* UdhaPersonVulnerability */
  GPtrArray *household;         /* UdhaHouseholdLink */
};

G_DEFINE_FINAL_TYPE (UdhaPerson, udha_person, G_TYPE_OBJECT)

static const UdhaField fields[] = {
  { "id", UDHA_FIELD_ID, G_STRUCT_OFFSET (UdhaPerson, id) },
  { "row_version", UDHA_FIELD_INT, G_STRUCT_OFFSET (UdhaPerson, row_version) },
  { "registration_number", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaPerson, registration_number) },
  { "given_name", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaPerson, given_name) },
  { "family_name", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaPerson, family_name) },
  { "father_name", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaPerson, father_name) },
  { "mother_name", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaPerson, mother_name) },
  { "sex", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaPerson, sex) },
  { "dob", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaPerson, dob) },
  { "dob_precision", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaPerson, dob_precision) },
  { "estimated_age", UDHA_FIELD_INT, G_STRUCT_OFFSET (UdhaPerson, estimated_age) },
  { "age_basis", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaPerson, age_basis) },
  { "birth_country", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaPerson, birth_country) },
  { "birth_town", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaPerson, birth_town) },
  { "citizenships", UDHA_FIELD_CODES, G_STRUCT_OFFSET (UdhaPerson, citizenships) },
  { "languages", UDHA_FIELD_CODES, G_STRUCT_OFFSET (UdhaPerson, languages) },
  { "ethnicity", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaPerson, ethnicity) },
  { "marital_status", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaPerson, marital_status) },
  { "education", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaPerson, education) },
  { "occupation", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaPerson, occupation) },
  { "phone", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaPerson, phone) },
  { "address", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaPerson, address) },
  { "municipality", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaPerson, municipality) },
  { "qark", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaPerson, qark) },
  { "migration_status", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaPerson, migration_status) },
  { "prescreening", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaPerson, prescreening) },
  { "entry_date", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaPerson, entry_date) },
  { "entry_crossing", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaPerson, entry_crossing) },
  { "entry_from_country", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaPerson, entry_from_country) },
  { "travelling_with", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaPerson, travelling_with) },
  { "child_status", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaPerson, child_status) },
  { "guardian", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaPerson, guardian) },
  { "guardian_appointed", UDHA_FIELD_BOOL, G_STRUCT_OFFSET (UdhaPerson, guardian_appointed) },
  { "interpreter_needed", UDHA_FIELD_BOOL, G_STRUCT_OFFSET (UdhaPerson, interpreter_needed) },
  { "office_id", UDHA_FIELD_ID, G_STRUCT_OFFSET (UdhaPerson, office_id) },
  { "registered_at", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaPerson, registered_at) },
  { "registered_by", UDHA_FIELD_ID, G_STRUCT_OFFSET (UdhaPerson, registered_by) },
};

static const UdhaRecordInfo record_info = {
  "person", fields, G_N_ELEMENTS (fields),
};

/* Boxed sub-records */

UdhaPersonName *
udha_person_name_copy (const UdhaPersonName *src)
{
  UdhaPersonName *dst = g_new0 (UdhaPersonName, 1);

  dst->name = g_strdup (src->name);
  dst->script = g_strdup (src->script);
  dst->kind = g_strdup (src->kind);
  return dst;
}

void
udha_person_name_free (UdhaPersonName *name)
{
  if (name == NULL)
    return;
  g_free (name->name);
  g_free (name->script);
  g_free (name->kind);
  g_free (name);
}

UdhaPersonDocument *
udha_person_document_copy (const UdhaPersonDocument *src)
{
  UdhaPersonDocument *dst = g_new0 (UdhaPersonDocument, 1);

  dst->doc_type = g_strdup (src->doc_type);
  dst->number = g_strdup (src->number);
  dst->issuing_country = g_strdup (src->issuing_country);
  dst->expiry = g_strdup (src->expiry);
  dst->held_by_other = src->held_by_other;
  return dst;
}

void
udha_person_document_free (UdhaPersonDocument *doc)
{
  if (doc == NULL)
    return;
  g_free (doc->doc_type);
  g_free (doc->number);
  g_free (doc->issuing_country);
  g_free (doc->expiry);
  g_free (doc);
}

UdhaPersonVulnerability *
udha_person_vulnerability_copy (const UdhaPersonVulnerability *src)
{
  UdhaPersonVulnerability *dst = g_new0 (UdhaPersonVulnerability, 1);

  dst->code = g_strdup (src->code);
  dst->risk = g_strdup (src->risk);
  return dst;
}

void
udha_person_vulnerability_free (UdhaPersonVulnerability *vuln)
{
  if (vuln == NULL)
    return;
  g_free (vuln->code);
  g_free (vuln->risk);
  g_free (vuln);
}

UdhaHouseholdLink *
udha_household_link_copy (const UdhaHouseholdLink *src)
{
  UdhaHouseholdLink *dst = g_new0 (UdhaHouseholdLink, 1);

  dst->other_person_id = src->other_person_id;
  dst->name = g_strdup (src->name);
  dst->relationship = g_strdup (src->relationship);
  dst->sex = g_strdup (src->sex);
  dst->dob = g_strdup (src->dob);
  dst->whereabouts = g_strdup (src->whereabouts);
  return dst;
}

void
udha_household_link_free (UdhaHouseholdLink *link)
{
  if (link == NULL)
    return;
  g_free (link->name);
  g_free (link->relationship);
  g_free (link->sex);
  g_free (link->dob);
  g_free (link->whereabouts);
  g_free (link);
}

G_DEFINE_BOXED_TYPE (UdhaPersonName, udha_person_name, udha_person_name_copy, udha_person_name_free)
G_DEFINE_BOXED_TYPE (UdhaPersonDocument, udha_person_document, udha_person_document_copy, udha_person_document_free)
G_DEFINE_BOXED_TYPE (UdhaPersonVulnerability, udha_person_vulnerability, udha_person_vulnerability_copy, udha_person_vulnerability_free)
G_DEFINE_BOXED_TYPE (UdhaHouseholdLink, udha_household_link, udha_household_link_copy, udha_household_link_free)

static void
add_nullable_string (JsonBuilder *builder,
                     const char  *member,
                     const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
udha_person_finalize (GObject *object)
{
  UdhaPerson *self = (UdhaPerson *) object;

  udha_record_clear_fields (object, &record_info);
  g_clear_pointer (&self->names, g_ptr_array_unref);
  g_clear_pointer (&self->documents, g_ptr_array_unref);
  g_clear_pointer (&self->vulnerabilities, g_ptr_array_unref);
  g_clear_pointer (&self->household, g_ptr_array_unref);

  G_OBJECT_CLASS (udha_person_parent_class)->finalize (object);
}

static void
udha_person_class_init (UdhaPersonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = udha_person_finalize;
}

static void
udha_person_init (UdhaPerson *self)
{
  udha_record_init_fields (self, &record_info);
  self->names = g_ptr_array_new_with_free_func ((GDestroyNotify) udha_person_name_free);
  self->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) udha_person_document_free);
  self->vulnerabilities = g_ptr_array_new_with_free_func ((GDestroyNotify) udha_person_vulnerability_free);
  self->household = g_ptr_array_new_with_free_func ((GDestroyNotify) udha_household_link_free);
}

UdhaPerson *
udha_person_new (void)
{
  return g_object_new (UDHA_TYPE_PERSON, NULL);
}

const UdhaRecordInfo *
udha_person_get_record_info (void)
{
  return &record_info;
}

void
udha_person_to_json (UdhaPerson  *self,
                     JsonBuilder *builder)
{
  g_return_if_fail (UDHA_IS_PERSON (self));
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  udha_record_add_json_members (self, &record_info, builder);

  json_builder_set_member_name (builder, "names");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->names->len; i++)
    {
      UdhaPersonName *n = g_ptr_array_index (self->names, i);

      json_builder_begin_object (builder);
      add_nullable_string (builder, "name", n->name);
      add_nullable_string (builder, "script", n->script);
      add_nullable_string (builder, "kind", n->kind);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "documents");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->documents->len; i++)
    {
      UdhaPersonDocument *d = g_ptr_array_index (self->documents, i);

      json_builder_begin_object (builder);
      add_nullable_string (builder, "doc_type", d->doc_type);
      add_nullable_string (builder, "number", d->number);
      add_nullable_string (builder, "issuing_country", d->issuing_country);
      add_nullable_string (builder, "expiry", d->expiry);
      json_builder_set_member_name (builder, "held_by_other");
      json_builder_add_boolean_value (builder, d->held_by_other);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "vulnerabilities");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->vulnerabilities->len; i++)
    {
      UdhaPersonVulnerability *v = g_ptr_array_index (self->vulnerabilities, i);

      json_builder_begin_object (builder);
      add_nullable_string (builder, "code", v->code);
      add_nullable_string (builder, "risk", v->risk);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "household");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->household->len; i++)
    {
      UdhaHouseholdLink *l = g_ptr_array_index (self->household, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "other_person_id");
      if (l->other_person_id != 0)
        json_builder_add_int_value (builder, l->other_person_id);
      else
        json_builder_add_null_value (builder);
      add_nullable_string (builder, "name", l->name);
      add_nullable_string (builder, "relationship", l->relationship);
      add_nullable_string (builder, "sex", l->sex);
      add_nullable_string (builder, "dob", l->dob);
      add_nullable_string (builder, "whereabouts", l->whereabouts);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);
}

gint64
udha_person_get_id (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), 0);

  return self->id;
}

gint64
udha_person_get_row_version (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), -1);

  return self->row_version;
}

const char *
udha_person_get_registration_number (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), NULL);

  return self->registration_number;
}

const char *
udha_person_get_given_name (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), NULL);

  return self->given_name;
}

const char *
udha_person_get_family_name (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), NULL);

  return self->family_name;
}

const char *
udha_person_get_father_name (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), NULL);

  return self->father_name;
}

const char *
udha_person_get_mother_name (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), NULL);

  return self->mother_name;
}

const char *
udha_person_get_sex (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), NULL);

  return self->sex;
}

const char *
udha_person_get_dob (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), NULL);

  return self->dob;
}

const char *
udha_person_get_dob_precision (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), NULL);

  return self->dob_precision;
}

gint64
udha_person_get_estimated_age (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), -1);

  return self->estimated_age;
}

const char *
udha_person_get_age_basis (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), NULL);

  return self->age_basis;
}

const char *
udha_person_get_birth_country (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), NULL);

  return self->birth_country;
}

const char *
udha_person_get_birth_town (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), NULL);

  return self->birth_town;
}

const char * const *
udha_person_get_citizenships (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), NULL);

  return (const char * const *) self->citizenships;
}

const char * const *
udha_person_get_languages (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), NULL);

  return (const char * const *) self->languages;
}

const char *
udha_person_get_ethnicity (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), NULL);

  return self->ethnicity;
}

const char *
udha_person_get_marital_status (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), NULL);

  return self->marital_status;
}

const char *
udha_person_get_education (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), NULL);

  return self->education;
}

const char *
udha_person_get_occupation (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), NULL);

  return self->occupation;
}

const char *
udha_person_get_phone (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), NULL);

  return self->phone;
}

const char *
udha_person_get_address (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), NULL);

  return self->address;
}

const char *
udha_person_get_municipality (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), NULL);

  return self->municipality;
}

const char *
udha_person_get_qark (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), NULL);

  return self->qark;
}

const char *
udha_person_get_migration_status (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), NULL);

  return self->migration_status;
}

const char *
udha_person_get_prescreening (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), NULL);

  return self->prescreening;
}

const char *
udha_person_get_entry_date (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), NULL);

  return self->entry_date;
}

const char *
udha_person_get_entry_crossing (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), NULL);

  return self->entry_crossing;
}

const char *
udha_person_get_entry_from_country (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), NULL);

  return self->entry_from_country;
}

const char *
udha_person_get_travelling_with (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), NULL);

  return self->travelling_with;
}

const char *
udha_person_get_child_status (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), NULL);

  return self->child_status;
}

const char *
udha_person_get_guardian (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), NULL);

  return self->guardian;
}

gboolean
udha_person_get_guardian_appointed (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), FALSE);

  return self->guardian_appointed;
}

gboolean
udha_person_get_interpreter_needed (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), FALSE);

  return self->interpreter_needed;
}

gint64
udha_person_get_office_id (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), 0);

  return self->office_id;
}

const char *
udha_person_get_registered_at (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), NULL);

  return self->registered_at;
}

gint64
udha_person_get_registered_by (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), 0);

  return self->registered_by;
}

void
udha_person_set_registration_number (UdhaPerson *self,
                                     const char *value)
{
  g_return_if_fail (UDHA_IS_PERSON (self));

  udha_record_set_str (&self->registration_number, value);
}

void
udha_person_set_given_name (UdhaPerson *self,
                            const char *value)
{
  g_return_if_fail (UDHA_IS_PERSON (self));

  udha_record_set_str (&self->given_name, value);
}

void
udha_person_set_family_name (UdhaPerson *self,
                             const char *value)
{
  g_return_if_fail (UDHA_IS_PERSON (self));

  udha_record_set_str (&self->family_name, value);
}

void
udha_person_set_father_name (UdhaPerson *self,
                             const char *value)
{
  g_return_if_fail (UDHA_IS_PERSON (self));

  udha_record_set_str (&self->father_name, value);
}

void
udha_person_set_mother_name (UdhaPerson *self,
                             const char *value)
{
  g_return_if_fail (UDHA_IS_PERSON (self));

  udha_record_set_str (&self->mother_name, value);
}

void
udha_person_set_sex (UdhaPerson *self,
                     const char *value)
{
  g_return_if_fail (UDHA_IS_PERSON (self));

  udha_record_set_str (&self->sex, value);
}

void
udha_person_set_dob (UdhaPerson *self,
                     const char *value)
{
  g_return_if_fail (UDHA_IS_PERSON (self));

  udha_record_set_str (&self->dob, value);
}

void
udha_person_set_dob_precision (UdhaPerson *self,
                               const char *value)
{
  g_return_if_fail (UDHA_IS_PERSON (self));

  udha_record_set_str (&self->dob_precision, value);
}

void
udha_person_set_estimated_age (UdhaPerson *self,
                               gint64      value)
{
  g_return_if_fail (UDHA_IS_PERSON (self));

  self->estimated_age = value;
}

void
udha_person_set_age_basis (UdhaPerson *self,
                           const char *value)
{
  g_return_if_fail (UDHA_IS_PERSON (self));

  udha_record_set_str (&self->age_basis, value);
}

void
udha_person_set_birth_country (UdhaPerson *self,
                               const char *value)
{
  g_return_if_fail (UDHA_IS_PERSON (self));

  udha_record_set_str (&self->birth_country, value);
}

void
udha_person_set_birth_town (UdhaPerson *self,
                            const char *value)
{
  g_return_if_fail (UDHA_IS_PERSON (self));

  udha_record_set_str (&self->birth_town, value);
}

void
udha_person_set_citizenships (UdhaPerson         *self,
                              const char * const *value)
{
  g_return_if_fail (UDHA_IS_PERSON (self));

  if ((const char * const *) self->citizenships != value)
    {
      g_strfreev (self->citizenships);
      self->citizenships = (value != NULL && value[0] != NULL) ? g_strdupv ((char **) value) : NULL;
    }
}

void
udha_person_set_languages (UdhaPerson         *self,
                           const char * const *value)
{
  g_return_if_fail (UDHA_IS_PERSON (self));

  if ((const char * const *) self->languages != value)
    {
      g_strfreev (self->languages);
      self->languages = (value != NULL && value[0] != NULL) ? g_strdupv ((char **) value) : NULL;
    }
}

void
udha_person_set_ethnicity (UdhaPerson *self,
                           const char *value)
{
  g_return_if_fail (UDHA_IS_PERSON (self));

  udha_record_set_str (&self->ethnicity, value);
}

void
udha_person_set_marital_status (UdhaPerson *self,
                                const char *value)
{
  g_return_if_fail (UDHA_IS_PERSON (self));

  udha_record_set_str (&self->marital_status, value);
}

void
udha_person_set_education (UdhaPerson *self,
                           const char *value)
{
  g_return_if_fail (UDHA_IS_PERSON (self));

  udha_record_set_str (&self->education, value);
}

void
udha_person_set_occupation (UdhaPerson *self,
                            const char *value)
{
  g_return_if_fail (UDHA_IS_PERSON (self));

  udha_record_set_str (&self->occupation, value);
}

void
udha_person_set_phone (UdhaPerson *self,
                       const char *value)
{
  g_return_if_fail (UDHA_IS_PERSON (self));

  udha_record_set_str (&self->phone, value);
}

void
udha_person_set_address (UdhaPerson *self,
                         const char *value)
{
  g_return_if_fail (UDHA_IS_PERSON (self));

  udha_record_set_str (&self->address, value);
}

void
udha_person_set_municipality (UdhaPerson *self,
                              const char *value)
{
  g_return_if_fail (UDHA_IS_PERSON (self));

  udha_record_set_str (&self->municipality, value);
}

void
udha_person_set_qark (UdhaPerson *self,
                      const char *value)
{
  g_return_if_fail (UDHA_IS_PERSON (self));

  udha_record_set_str (&self->qark, value);
}

void
udha_person_set_migration_status (UdhaPerson *self,
                                  const char *value)
{
  g_return_if_fail (UDHA_IS_PERSON (self));

  udha_record_set_str (&self->migration_status, value);
}

void
udha_person_set_prescreening (UdhaPerson *self,
                              const char *value)
{
  g_return_if_fail (UDHA_IS_PERSON (self));

  udha_record_set_str (&self->prescreening, value);
}

void
udha_person_set_entry_date (UdhaPerson *self,
                            const char *value)
{
  g_return_if_fail (UDHA_IS_PERSON (self));

  udha_record_set_str (&self->entry_date, value);
}

void
udha_person_set_entry_crossing (UdhaPerson *self,
                                const char *value)
{
  g_return_if_fail (UDHA_IS_PERSON (self));

  udha_record_set_str (&self->entry_crossing, value);
}

void
udha_person_set_entry_from_country (UdhaPerson *self,
                                    const char *value)
{
  g_return_if_fail (UDHA_IS_PERSON (self));

  udha_record_set_str (&self->entry_from_country, value);
}

void
udha_person_set_travelling_with (UdhaPerson *self,
                                 const char *value)
{
  g_return_if_fail (UDHA_IS_PERSON (self));

  udha_record_set_str (&self->travelling_with, value);
}

void
udha_person_set_child_status (UdhaPerson *self,
                              const char *value)
{
  g_return_if_fail (UDHA_IS_PERSON (self));

  udha_record_set_str (&self->child_status, value);
}

void
udha_person_set_guardian (UdhaPerson *self,
                          const char *value)
{
  g_return_if_fail (UDHA_IS_PERSON (self));

  udha_record_set_str (&self->guardian, value);
}

void
udha_person_set_guardian_appointed (UdhaPerson *self,
                                    gboolean    value)
{
  g_return_if_fail (UDHA_IS_PERSON (self));

  self->guardian_appointed = value;
}

void
udha_person_set_interpreter_needed (UdhaPerson *self,
                                    gboolean    value)
{
  g_return_if_fail (UDHA_IS_PERSON (self));

  self->interpreter_needed = value;
}

void
udha_person_set_office_id (UdhaPerson *self,
                           gint64      value)
{
  g_return_if_fail (UDHA_IS_PERSON (self));

  self->office_id = value;
}

void
udha_person_set_registered_at (UdhaPerson *self,
                               const char *value)
{
  g_return_if_fail (UDHA_IS_PERSON (self));

  udha_record_set_str (&self->registered_at, value);
}

void
udha_person_set_registered_by (UdhaPerson *self,
                               gint64      value)
{
  g_return_if_fail (UDHA_IS_PERSON (self));

  self->registered_by = value;
}

GPtrArray *
udha_person_get_names (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), NULL);

  return self->names;
}

void
udha_person_add_name (UdhaPerson *self,
                      const char *name,
                      const char *script,
                      const char *kind)
{
  UdhaPersonName n = { (char *) name, (char *) script, (char *) kind };

  g_return_if_fail (UDHA_IS_PERSON (self));
  g_return_if_fail (name != NULL);

  if (n.kind == NULL)
    n.kind = (char *) (script != NULL ? "original_script" : "alias");
  g_ptr_array_add (self->names, udha_person_name_copy (&n));
}

GPtrArray *
udha_person_get_documents (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), NULL);

  return self->documents;
}

void
udha_person_add_document (UdhaPerson *self,
                          const char *doc_type,
                          const char *number,
                          const char *issuing_country,
                          const char *expiry,
                          gboolean    held_by_other)
{
  UdhaPersonDocument d = { (char *) doc_type, (char *) number, (char *) issuing_country,
                           (char *) expiry, held_by_other };

  g_return_if_fail (UDHA_IS_PERSON (self));
  g_return_if_fail (doc_type != NULL);

  g_ptr_array_add (self->documents, udha_person_document_copy (&d));
}

GPtrArray *
udha_person_get_vulnerabilities (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), NULL);

  return self->vulnerabilities;
}

void
udha_person_add_vulnerability (UdhaPerson *self,
                               const char *code,
                               const char *risk)
{
  UdhaPersonVulnerability v = { (char *) code, (char *) risk };

  g_return_if_fail (UDHA_IS_PERSON (self));
  g_return_if_fail (code != NULL);

  g_ptr_array_add (self->vulnerabilities, udha_person_vulnerability_copy (&v));
}

GPtrArray *
udha_person_get_household (UdhaPerson *self)
{
  g_return_val_if_fail (UDHA_IS_PERSON (self), NULL);

  return self->household;
}

void
udha_person_add_household_link (UdhaPerson *self,
                                gint64      other_person_id,
                                const char *name,
                                const char *relationship,
                                const char *sex,
                                const char *dob,
                                const char *whereabouts)
{
  UdhaHouseholdLink l = { other_person_id, (char *) name, (char *) relationship,
                          (char *) sex, (char *) dob, (char *) whereabouts };

  g_return_if_fail (UDHA_IS_PERSON (self));

  g_ptr_array_add (self->household, udha_household_link_copy (&l));
}

/**
 * udha_person_clear_sub_records:
 * @self: a #UdhaPerson
 *
 * Empties the names, documents, vulnerabilities and household arrays.
 */
void
udha_person_clear_sub_records (UdhaPerson *self)
{
  g_return_if_fail (UDHA_IS_PERSON (self));

  g_ptr_array_set_size (self->names, 0);
  g_ptr_array_set_size (self->documents, 0);
  g_ptr_array_set_size (self->vulnerabilities, 0);
  g_ptr_array_set_size (self->household, 0);
}
