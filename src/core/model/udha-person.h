/* udha-person.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "udha-record.h"

G_BEGIN_DECLS

/**
 * UdhaPersonName:
 * @name: another name, an alias, or the name in its original script
 * @script: (nullable): ISO 15924 script code (e.g. "Arab", "Cyrl"), or %NULL for Latin
 * @kind: "alias", "original_script", "previous" or "other"
 */
typedef struct
{
  char *name;
  char *script;
  char *kind;
} UdhaPersonName;

/**
 * UdhaPersonDocument:
 * @doc_type: "passport", "national_id", "travel_document", "residence_permit",
 *   "asylum_card" or "other"
 * @number: the document number as written
 * @issuing_country: ISO 3166-1 alpha-2 code
 * @expiry: (nullable): ISO date
 * @held_by_other: the document is held by someone else (HTCDS)
 */
typedef struct
{
  char     *doc_type;
  char     *number;
  char     *issuing_country;
  char     *expiry;
  gboolean  held_by_other;
} UdhaPersonDocument;

/**
 * UdhaPersonVulnerability:
 * @code: a DOMAIN.md §7 code
 * @risk: (nullable): "low", "medium" or "high"
 */
typedef struct
{
  char *code;
  char *risk;
} UdhaPersonVulnerability;

/**
 * UdhaHouseholdLink:
 * @other_person_id: the linked person, or 0 when only described by text
 * @name: (nullable): the member's name when not a registered person
 * @relationship: e.g. "mother", "sibling", "spouse", "child", "other"
 * @sex: (nullable): sex code
 * @dob: (nullable): ISO date of birth, possibly partial
 * @whereabouts: "with_person", "in_albania", "abroad" or "unknown"
 */
typedef struct
{
  gint64  other_person_id;
  char   *name;
  char   *relationship;
  char   *sex;
  char   *dob;
  char   *whereabouts;
} UdhaHouseholdLink;

#define UDHA_TYPE_PERSON_NAME          (udha_person_name_get_type ())
#define UDHA_TYPE_PERSON_DOCUMENT      (udha_person_document_get_type ())
#define UDHA_TYPE_PERSON_VULNERABILITY (udha_person_vulnerability_get_type ())
#define UDHA_TYPE_HOUSEHOLD_LINK       (udha_household_link_get_type ())

GType                     udha_person_name_get_type            (void) G_GNUC_CONST;
UdhaPersonName           *udha_person_name_copy                (const UdhaPersonName           *src);
void                      udha_person_name_free                (UdhaPersonName                 *name);
GType                     udha_person_document_get_type        (void) G_GNUC_CONST;
UdhaPersonDocument       *udha_person_document_copy            (const UdhaPersonDocument       *src);
void                      udha_person_document_free            (UdhaPersonDocument             *doc);
GType                     udha_person_vulnerability_get_type   (void) G_GNUC_CONST;
UdhaPersonVulnerability  *udha_person_vulnerability_copy       (const UdhaPersonVulnerability  *src);
void                      udha_person_vulnerability_free       (UdhaPersonVulnerability        *vuln);
GType                     udha_household_link_get_type         (void) G_GNUC_CONST;
UdhaHouseholdLink        *udha_household_link_copy             (const UdhaHouseholdLink        *src);
void                      udha_household_link_free             (UdhaHouseholdLink              *link);

#define UDHA_TYPE_PERSON (udha_person_get_type ())

G_DECLARE_FINAL_TYPE (UdhaPerson, udha_person, UDHA, PERSON, GObject)

UdhaPerson             *udha_person_new                      (void);
const UdhaRecordInfo   *udha_person_get_record_info          (void);
void                    udha_person_to_json                  (UdhaPerson  *self,
                                                              JsonBuilder *builder);

gint64                  udha_person_get_id                   (UdhaPerson *self);
gint64                  udha_person_get_row_version          (UdhaPerson *self);
const char             *udha_person_get_registration_number  (UdhaPerson *self);
const char             *udha_person_get_given_name           (UdhaPerson *self);
const char             *udha_person_get_family_name          (UdhaPerson *self);
const char             *udha_person_get_father_name          (UdhaPerson *self);
const char             *udha_person_get_mother_name          (UdhaPerson *self);
const char             *udha_person_get_sex                  (UdhaPerson *self);
const char             *udha_person_get_dob                  (UdhaPerson *self);
const char             *udha_person_get_dob_precision        (UdhaPerson *self);
gint64                  udha_person_get_estimated_age        (UdhaPerson *self);
const char             *udha_person_get_age_basis            (UdhaPerson *self);
const char             *udha_person_get_birth_country        (UdhaPerson *self);
const char             *udha_person_get_birth_town           (UdhaPerson *self);
const char * const     *udha_person_get_citizenships         (UdhaPerson *self);
const char * const     *udha_person_get_languages            (UdhaPerson *self);
const char             *udha_person_get_ethnicity            (UdhaPerson *self);
const char             *udha_person_get_marital_status       (UdhaPerson *self);
const char             *udha_person_get_education            (UdhaPerson *self);
const char             *udha_person_get_occupation           (UdhaPerson *self);
const char             *udha_person_get_phone                (UdhaPerson *self);
const char             *udha_person_get_address              (UdhaPerson *self);
const char             *udha_person_get_municipality         (UdhaPerson *self);
const char             *udha_person_get_qark                 (UdhaPerson *self);
const char             *udha_person_get_migration_status     (UdhaPerson *self);
const char             *udha_person_get_prescreening         (UdhaPerson *self);
const char             *udha_person_get_entry_date           (UdhaPerson *self);
const char             *udha_person_get_entry_crossing       (UdhaPerson *self);
const char             *udha_person_get_entry_from_country   (UdhaPerson *self);
const char             *udha_person_get_travelling_with      (UdhaPerson *self);
const char             *udha_person_get_child_status         (UdhaPerson *self);
const char             *udha_person_get_guardian             (UdhaPerson *self);
gboolean                udha_person_get_guardian_appointed   (UdhaPerson *self);
gboolean                udha_person_get_interpreter_needed   (UdhaPerson *self);
gint64                  udha_person_get_office_id            (UdhaPerson *self);
const char             *udha_person_get_registered_at        (UdhaPerson *self);
gint64                  udha_person_get_registered_by        (UdhaPerson *self);

void                    udha_person_set_registration_number  (UdhaPerson *self,
                                                              const char *value);
void                    udha_person_set_given_name           (UdhaPerson *self,
                                                              const char *value);
void                    udha_person_set_family_name          (UdhaPerson *self,
                                                              const char *value);
void                    udha_person_set_father_name          (UdhaPerson *self,
                                                              const char *value);
void                    udha_person_set_mother_name          (UdhaPerson *self,
                                                              const char *value);
void                    udha_person_set_sex                  (UdhaPerson *self,
                                                              const char *value);
void                    udha_person_set_dob                  (UdhaPerson *self,
                                                              const char *value);
void                    udha_person_set_dob_precision        (UdhaPerson *self,
                                                              const char *value);
void                    udha_person_set_estimated_age        (UdhaPerson *self,
                                                              gint64      value);
void                    udha_person_set_age_basis            (UdhaPerson *self,
                                                              const char *value);
void                    udha_person_set_birth_country        (UdhaPerson *self,
                                                              const char *value);
void                    udha_person_set_birth_town           (UdhaPerson *self,
                                                              const char *value);
void                    udha_person_set_citizenships         (UdhaPerson         *self,
                                                              const char * const *value);
void                    udha_person_set_languages            (UdhaPerson         *self,
                                                              const char * const *value);
void                    udha_person_set_ethnicity            (UdhaPerson *self,
                                                              const char *value);
void                    udha_person_set_marital_status       (UdhaPerson *self,
                                                              const char *value);
void                    udha_person_set_education            (UdhaPerson *self,
                                                              const char *value);
void                    udha_person_set_occupation           (UdhaPerson *self,
                                                              const char *value);
void                    udha_person_set_phone                (UdhaPerson *self,
                                                              const char *value);
void                    udha_person_set_address              (UdhaPerson *self,
                                                              const char *value);
void                    udha_person_set_municipality         (UdhaPerson *self,
                                                              const char *value);
void                    udha_person_set_qark                 (UdhaPerson *self,
                                                              const char *value);
void                    udha_person_set_migration_status     (UdhaPerson *self,
                                                              const char *value);
void                    udha_person_set_prescreening         (UdhaPerson *self,
                                                              const char *value);
void                    udha_person_set_entry_date           (UdhaPerson *self,
                                                              const char *value);
void                    udha_person_set_entry_crossing       (UdhaPerson *self,
                                                              const char *value);
void                    udha_person_set_entry_from_country   (UdhaPerson *self,
                                                              const char *value);
void                    udha_person_set_travelling_with      (UdhaPerson *self,
                                                              const char *value);
void                    udha_person_set_child_status         (UdhaPerson *self,
                                                              const char *value);
void                    udha_person_set_guardian             (UdhaPerson *self,
                                                              const char *value);
void                    udha_person_set_guardian_appointed   (UdhaPerson *self,
                                                              gboolean    value);
void                    udha_person_set_interpreter_needed   (UdhaPerson *self,
                                                              gboolean    value);
void                    udha_person_set_office_id            (UdhaPerson *self,
                                                              gint64      value);
void                    udha_person_set_registered_at        (UdhaPerson *self,
                                                              const char *value);
void                    udha_person_set_registered_by        (UdhaPerson *self,
                                                              gint64      value);

/* Sub-records, kept in child tables and saved with the person. The arrays
 * are owned by the person (transfer none); the add functions copy. */
GPtrArray              *udha_person_get_names            (UdhaPerson *self);
void                    udha_person_add_name             (UdhaPerson *self,
                                                          const char *name,
                                                          const char *script,
                                                          const char *kind);
GPtrArray              *udha_person_get_documents        (UdhaPerson *self);
void                    udha_person_add_document         (UdhaPerson *self,
                                                          const char *doc_type,
                                                          const char *number,
                                                          const char *issuing_country,
                                                          const char *expiry,
                                                          gboolean    held_by_other);
GPtrArray              *udha_person_get_vulnerabilities  (UdhaPerson *self);
void                    udha_person_add_vulnerability    (UdhaPerson *self,
                                                          const char *code,
                                                          const char *risk);
GPtrArray              *udha_person_get_household        (UdhaPerson *self);
void                    udha_person_add_household_link   (UdhaPerson *self,
                                                          gint64      other_person_id,
                                                          const char *name,
                                                          const char *relationship,
                                                          const char *sex,
                                                          const char *dob,
                                                          const char *whereabouts);
void                    udha_person_clear_sub_records    (UdhaPerson *self);

G_END_DECLS
