/* udha-store-export.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Subject-access export (right of access, Law 124/2024; DOMAIN.md §8.4):
 * everything the vault holds about one person, as one JSON object:
 *
 *   { "format": "udha-subject-access-1",
 *     "person": { …fields, names, documents, vulnerabilities, household },
 *     "linked_from_households": [ {person_id, relationship} ],
 *     "consents": [ … ],
 *     "cases": [ { …fields,
 *                  "interviews": [ { …fields, "revisions": [ … ] } ],
 *                  "services": [ … ],
 *                  "referrals": [ { …fields, "transitions": [ … ] } ] } ],
 *     "audit": [ entries about the person, consents, cases and their records ] }
 *
 * The session checks the permission and audits the export. */

#define G_LOG_DOMAIN "udha-store-export"

#include "config.h"

#include "udha-store-private.h"

static void
begin_record (JsonBuilder          *b,
              gpointer              record,
              const UdhaRecordInfo *info)
{
  json_builder_begin_object (b);
  udha_record_add_json_members (record, info, b);
}

static gboolean
add_linked_households (UdhaStore    *self,
                       gint64        person_id,
                       JsonBuilder  *b,
                       GError      **error)
{
  g_autoptr(UdhaCachedStmt) stmt =
    udha_store_prepare (self, "SELECT person_id, relationship FROM household_links "
                              "WHERE other_person_id = ?1 ORDER BY person_id;", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);
  json_builder_set_member_name (b, "linked_from_households");
  json_builder_begin_array (b);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "person_id");
      json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 0));
      json_builder_set_member_name (b, "relationship");
      json_builder_add_string_value (b, (const char *) sqlite3_column_text (stmt, 1));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (rc != SQLITE_DONE)
    return _udha_store_fail (self, rc, error);
  return TRUE;
}

static gboolean
add_case (UdhaStore    *self,
          UdhaCase     *c,
          JsonBuilder  *b,
          GError      **error)
{
  g_autoptr(GPtrArray) interviews = NULL;
  g_autoptr(GPtrArray) services = NULL;
  g_autoptr(GPtrArray) referrals = NULL;
  gint64 case_id = udha_case_get_id (c);

  interviews = udha_store_list_interviews (self, case_id, error);
  if (interviews == NULL)
    return FALSE;
  services = udha_store_list_services (self, case_id, error);
  if (services == NULL)
    return FALSE;
  referrals = udha_store_list_referrals (self, case_id, error);
  if (referrals == NULL)
    return FALSE;

  begin_record (b, c, udha_case_get_record_info ());

  json_builder_set_member_name (b, "interviews");
  json_builder_begin_array (b);
  for (guint i = 0; i < interviews->len; i++)
    {
      UdhaInterview *iv = g_ptr_array_index (interviews, i);

      begin_record (b, iv, udha_interview_get_record_info ());
      json_builder_set_member_name (b, "revisions");
      if (!udha_store_add_interview_json_revisions (self, udha_interview_get_id (iv), b, error))
        return FALSE;
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "services");
  json_builder_begin_array (b);
  for (guint i = 0; i < services->len; i++)
    udha_service_to_json (g_ptr_array_index (services, i), b);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "referrals");
  json_builder_begin_array (b);
  for (guint i = 0; i < referrals->len; i++)
    {
      UdhaReferral *r = g_ptr_array_index (referrals, i);

      begin_record (b, r, udha_referral_get_record_info ());
      json_builder_set_member_name (b, "overdue");
      json_builder_add_boolean_value (b, udha_referral_is_overdue (r, NULL));
      json_builder_set_member_name (b, "transitions");
      if (!udha_store_add_referral_json_transitions (self, udha_referral_get_id (r), b, error))
        return FALSE;
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_end_object (b);
  return TRUE;
}

/**
 * udha_store_export_person_json:
 * @self: a #UdhaStore
 * @person_id: the person
 * @builder: a #JsonBuilder; one object is added
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success; on failure @builder holds a partial object
 *   and must be discarded
 */
gboolean
udha_store_export_person_json (UdhaStore    *self,
                               gint64        person_id,
                               JsonBuilder  *builder,
                               GError      **error)
{
  g_autoptr(UdhaPerson) person = NULL;
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) audit = NULL;

  g_return_val_if_fail (UDHA_IS_STORE (self), FALSE);
  g_return_val_if_fail (JSON_IS_BUILDER (builder), FALSE);

  person = udha_store_get_person (self, person_id, error);
  if (person == NULL)
    return FALSE;
  consents = udha_store_list_consents (self, person_id, error);
  if (consents == NULL)
    return FALSE;
  cases = udha_store_list_cases_for_person (self, person_id, error);
  if (cases == NULL)
    return FALSE;
  audit = _udha_store_audit_list_for_person (self, person_id, error);
  if (audit == NULL)
    return FALSE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "udha-subject-access-1");

  json_builder_set_member_name (builder, "person");
  udha_person_to_json (person, builder);

  if (!add_linked_households (self, person_id, builder, error))
    return FALSE;

  json_builder_set_member_name (builder, "consents");
  json_builder_begin_array (builder);
  for (guint i = 0; i < consents->len; i++)
    udha_consent_to_json (g_ptr_array_index (consents, i), builder);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "cases");
  json_builder_begin_array (builder);
  for (guint i = 0; i < cases->len; i++)
    {
      if (!add_case (self, g_ptr_array_index (cases, i), builder, error))
        return FALSE;
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "audit");
  json_builder_begin_array (builder);
  for (guint i = 0; i < audit->len; i++)
    udha_audit_entry_to_json (g_ptr_array_index (audit, i), builder);
  json_builder_end_array (builder);

  json_builder_end_object (builder);
  return TRUE;
}
