/* test-store-records.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The store: migrations, CRUD of every record, save conflicts, case
 * numbering, interview revisions, referral transitions, caseload paging. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "udha-store-test-utils.h"

static int
user_version (UdhaVault *vault)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = udha_vault_open_connection (vault, &error);
  sqlite3_stmt *stmt = NULL;
  int v;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version;", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  udha_vault_close_connection (vault, db);
  return v;
}

static void
raw_exec (UdhaVault  *vault,
          const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = udha_vault_open_connection (vault, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  udha_vault_close_connection (vault, db);
}

static void
test_migrations (StoreFixture  *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaPerson) p = store_add_person (f, "Amir", "Haddad", "1990-04-01");
  g_autoptr(UdhaPerson) again = NULL;

  g_assert_cmpint (udha_store_get_schema_version (f->store), ==, UDHA_STORE_SCHEMA_VERSION);
  g_assert_cmpint (user_version (f->vault), ==, UDHA_STORE_SCHEMA_VERSION);

  /* A current vault reopens without re-running the migrations: the data stays. */
  store_fixture_close (f);
  store_fixture_open (f);
  g_assert_cmpint (user_version (f->vault), ==, UDHA_STORE_SCHEMA_VERSION);
  again = udha_store_get_person (f->store, udha_person_get_id (p), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (udha_person_get_family_name (again), ==, "Haddad");

  /* A vault from a newer Udha is refused. */
  g_clear_object (&f->store);
  raw_exec (f->vault, "PRAGMA user_version = 99;");
  f->store = udha_store_new (f->vault, &error);
  g_assert_error (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_MIGRATION);
  g_assert_null (f->store);
  g_assert_nonnull (strstr (error->message, "newer version"));
}

static void
test_person_crud (StoreFixture  *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaPerson) p = store_make_person (f, "Elira", "Çela", "1987-02-03");
  g_autoptr(UdhaPerson) loaded = NULL;
  g_autoptr(UdhaPerson) reloaded = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  const char * const langs[] = { "ar", "en", NULL };

  udha_person_set_languages (p, langs);
  udha_person_set_phone (p, "+355 69 123 4567");
  udha_person_add_name (p, "Ilira Cela", NULL, "alias");
  udha_person_add_name (p, "إليرا", "Arab", NULL);
  udha_person_add_document (p, "passport", "N 0123456", "SY", "2030-01-01", TRUE);
  udha_person_add_vulnerability (p, "trafficking_potential", "high");
  udha_person_add_household_link (p, 0, "Sara", "sibling", "female", "2010", "abroad");

  g_assert_true (udha_store_create_person (f->store, p, &error));
  g_assert_no_error (error);
  g_assert_cmpint (udha_person_get_id (p), >, 0);
  g_assert_cmpint (udha_person_get_row_version (p), ==, 1);
  g_assert_true (g_str_has_prefix (udha_person_get_registration_number (p), "P-"));
  g_assert_nonnull (udha_person_get_registered_at (p));

  loaded = udha_store_get_person (f->store, udha_person_get_id (p), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (udha_person_get_family_name (loaded), ==, "Çela");
  g_assert_cmpstr (udha_person_get_languages (loaded)[0], ==, "ar");
  g_assert_cmpstr (udha_person_get_languages (loaded)[1], ==, "en");
  g_assert_cmpstr (udha_person_get_citizenships (loaded)[0], ==, "SY");
  g_assert_cmpuint (udha_person_get_names (loaded)->len, ==, 2);
  g_assert_cmpstr (((UdhaPersonName *) g_ptr_array_index (udha_person_get_names (loaded), 1))->kind, ==,
                   "original_script");
  g_assert_cmpuint (udha_person_get_documents (loaded)->len, ==, 1);
  g_assert_true (((UdhaPersonDocument *) g_ptr_array_index (udha_person_get_documents (loaded), 0))->held_by_other);
  g_assert_cmpuint (udha_person_get_vulnerabilities (loaded)->len, ==, 1);
  g_assert_cmpuint (udha_person_get_household (loaded)->len, ==, 1);
  g_assert_cmpint (udha_person_get_estimated_age (loaded), ==, -1);

  udha_person_set_occupation (loaded, "baker");
  g_assert_true (udha_store_update_person (f->store, loaded, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (udha_person_get_row_version (loaded), ==, 2);

  reloaded = udha_store_get_person_by_number (f->store, udha_person_get_registration_number (p), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (udha_person_get_occupation (reloaded), ==, "baker");
  g_assert_cmpint (udha_person_get_row_version (reloaded), ==, 2);
  g_assert_cmpuint (udha_person_get_names (reloaded)->len, ==, 2);

  udha_person_to_json (reloaded, b);
  root = json_builder_get_root (b);
  json = json_to_string (root, FALSE);
  g_assert_nonnull (strstr (json, "\"family_name\":\"Çela\""));
  g_assert_nonnull (strstr (json, "\"citizenships\":[\"SY\"]"));
  g_assert_nonnull (strstr (json, "\"estimated_age\":null"));

  /* Not found */
  g_assert_null (udha_store_get_person (f->store, 9999, &error));
  g_assert_error (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A CHECK constraint: neither date of birth nor age */
  {
    g_autoptr(UdhaPerson) bad = store_make_person (f, "X", "Y", NULL);

    g_assert_false (udha_store_create_person (f->store, bad, &error));
    g_assert_error (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_CONSTRAINT);
    g_assert_cmpint (udha_person_get_id (bad), ==, 0);
  }
}

static void
test_conflict (StoreFixture  *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaPerson) p = store_add_person (f, "Amir", "Haddad", "1990-04-01");
  g_autoptr(UdhaPerson) a = udha_store_get_person (f->store, udha_person_get_id (p), NULL);
  g_autoptr(UdhaPerson) b = udha_store_get_person (f->store, udha_person_get_id (p), NULL);
  g_autoptr(UdhaPerson) current = NULL;
  g_autoptr(UdhaPerson) stored = NULL;
  g_autoptr(UdhaCase) c = store_add_case (f, udha_person_get_id (p), f->user_id);
  g_autoptr(UdhaCase) c1 = udha_store_get_case (f->store, udha_case_get_id (c), NULL);
  g_autoptr(UdhaCase) c2 = udha_store_get_case (f->store, udha_case_get_id (c), NULL);
  g_autoptr(UdhaCase) ccur = NULL;

  udha_person_set_phone (a, "0691111111");
  g_assert_true (udha_store_update_person (f->store, a, NULL, &error));
  g_assert_no_error (error);

  udha_person_set_phone (b, "0692222222");
  g_assert_false (udha_store_update_person (f->store, b, &current, &error));
  g_assert_error (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_CONFLICT);
  g_clear_error (&error);

  /* Both versions are available; nothing was overwritten. */
  g_assert_nonnull (current);
  g_assert_cmpstr (udha_person_get_phone (current), ==, "0691111111");
  g_assert_cmpint (udha_person_get_row_version (current), ==, 2);
  g_assert_cmpstr (udha_person_get_phone (b), ==, "0692222222");
  g_assert_cmpint (udha_person_get_row_version (b), ==, 1);
  stored = udha_store_get_person (f->store, udha_person_get_id (p), NULL);
  g_assert_cmpstr (udha_person_get_phone (stored), ==, "0691111111");

  /* Cases too */
  udha_case_set_risk (c1, "high");
  g_assert_true (udha_store_update_case (f->store, c1, NULL, &error));
  udha_case_set_risk (c2, "low");
  g_assert_false (udha_store_update_case (f->store, c2, &ccur, &error));
  g_assert_error (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_CONFLICT);
  g_assert_cmpstr (udha_case_get_risk (ccur), ==, "high");
}

static void
test_directory (StoreFixture  *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaOrganisation) org = udha_organisation_new ();
  g_autoptr(UdhaOrganisation) loaded = NULL;
  g_autoptr(UdhaOffice) office = NULL;
  g_autoptr(UdhaOffice) dup = udha_office_new ();
  g_autoptr(UdhaUser) user = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GPtrArray) orgs = NULL;
  const char * const services[] = { "legal", "shelter", NULL };

  udha_organisation_set_name (org, "Shelter Tirana");
  udha_organisation_set_org_type (org, "ngo");
  udha_organisation_set_services (org, services);
  g_assert_true (udha_store_create_organisation (f->store, org, &error));
  g_assert_no_error (error);
  loaded = udha_store_get_organisation (f->store, udha_organisation_get_id (org), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (udha_organisation_get_services (loaded)[1], ==, "shelter");
  orgs = udha_store_list_organisations (f->store, &error);
  g_assert_cmpuint (orgs->len, ==, 1);

  office = udha_store_get_office_by_code (f->store, "TIR", &error);
  g_assert_no_error (error);
  g_assert_cmpint (udha_office_get_id (office), ==, f->office_id);

  udha_office_set_code (dup, "TIR");
  udha_office_set_name (dup, "Again");
  g_assert_false (udha_store_create_office (f->store, dup, &error));
  g_assert_error (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  user = udha_store_get_user_by_name (f->store, "arta", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (udha_user_get_role (user), ==, "caseworker");
  udha_user_set_disabled (user, TRUE);
  g_assert_true (udha_store_update_user (f->store, user, NULL, &error));
  users = udha_store_list_users (f->store, f->office_id, &error);
  g_assert_cmpuint (users->len, ==, 1);
  g_assert_true (udha_user_get_disabled (g_ptr_array_index (users, 0)));
}

static void
test_case_numbering (StoreFixture  *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaPerson) p = store_add_person (f, "Amir", "Haddad", "1990-04-01");
  g_autoptr(UdhaOffice) shk = udha_office_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *expect1 = g_strdup_printf ("TIR-%d-00001", g_date_time_get_year (now));
  g_autofree char *expect2 = g_strdup_printf ("TIR-%d-00002", g_date_time_get_year (now));
  g_autoptr(UdhaCase) c1 = store_add_case (f, udha_person_get_id (p), 0);
  g_autoptr(UdhaCase) c2 = store_add_case (f, udha_person_get_id (p), f->user_id);
  g_autoptr(UdhaCase) c3 = udha_case_new ();
  g_autoptr(UdhaCase) c4 = udha_case_new ();
  g_autoptr(UdhaCase) byno = NULL;

  g_assert_cmpstr (udha_case_get_number (c1), ==, expect1);
  g_assert_cmpstr (udha_case_get_number (c2), ==, expect2);
  g_assert_cmpstr (udha_case_get_status (c1), ==, "open");

  /* Another office starts at 1; another year starts at 1. */
  udha_office_set_code (shk, "SHK");
  udha_office_set_name (shk, "Shkodër");
  g_assert_true (udha_store_create_office (f->store, shk, &error));
  udha_case_set_person_id (c3, udha_person_get_id (p));
  udha_case_set_office_id (c3, udha_office_get_id (shk));
  udha_case_set_case_type (c3, "ct");
  g_assert_true (udha_store_create_case (f->store, c3, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (udha_case_get_number (c3), "SHK-"));
  g_assert_true (g_str_has_suffix (udha_case_get_number (c3), "-00001"));

  udha_case_set_person_id (c4, udha_person_get_id (p));
  udha_case_set_office_id (c4, f->office_id);
  udha_case_set_case_type (c4, "uasc");
  udha_case_set_opened_on (c4, "2025-12-31");
  g_assert_true (udha_store_create_case (f->store, c4, &error));
  g_assert_cmpstr (udha_case_get_number (c4), ==, "TIR-2025-00001");

  byno = udha_store_get_case_by_number (f->store, expect2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (udha_case_get_id (byno), ==, udha_case_get_id (c2));
  g_assert_cmpint (udha_case_get_assigned_user_id (byno), ==, f->user_id);

  /* Type codes are checked by the schema too */
  {
    g_autoptr(UdhaCase) bad = udha_case_new ();

    udha_case_set_person_id (bad, udha_person_get_id (p));
    udha_case_set_office_id (bad, f->office_id);
    udha_case_set_case_type (bad, "nonsense");
    g_assert_false (udha_store_create_case (f->store, bad, &error));
    g_assert_error (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_CONSTRAINT);
  }
}

static void
test_interview_revisions (StoreFixture  *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaPerson) p = store_add_person (f, "Amir", "Haddad", "1990-04-01");
  g_autoptr(UdhaCase) c = store_add_case (f, udha_person_get_id (p), f->user_id);
  g_autoptr(UdhaInterview) iv = udha_interview_new ();
  g_autoptr(UdhaInterview) stale = NULL;
  g_autoptr(UdhaInterview) current = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;

  udha_interview_set_case_id (iv, udha_case_get_id (c));
  udha_interview_set_occurred_at (iv, "2026-01-10T09:00:00Z");
  udha_interview_set_contact_type (iv, "registration");
  udha_interview_set_narrative (iv, "first text");
  udha_interview_set_author_id (iv, f->user_id);
  g_assert_true (udha_store_create_interview (f->store, iv, &error));
  g_assert_no_error (error);
  g_assert_cmpint (udha_interview_get_revision (iv), ==, 1);
  stale = udha_store_get_interview (f->store, udha_interview_get_id (iv), NULL);

  udha_interview_set_narrative (iv, "second text");
  g_assert_true (udha_store_update_interview (f->store, iv, f->user_id, NULL, &error));
  g_assert_no_error (error);
  udha_interview_set_narrative (iv, "third text");
  g_assert_true (udha_store_update_interview (f->store, iv, f->user_id, NULL, &error));
  g_assert_cmpint (udha_interview_get_revision (iv), ==, 3);
  g_assert_cmpuint (udha_store_count_interview_revisions (f->store, udha_interview_get_id (iv), NULL), ==, 2);

  g_assert_true (udha_store_add_interview_json_revisions (f->store, udha_interview_get_id (iv), b, &error));
  root = json_builder_get_root (b);
  json = json_to_string (root, FALSE);
  g_assert_nonnull (strstr (json, "first text"));
  g_assert_nonnull (strstr (json, "second text"));
  g_assert_null (strstr (json, "third text"));

  /* A stale edit keeps no revision and changes nothing */
  udha_interview_set_narrative (stale, "stale text");
  g_assert_false (udha_store_update_interview (f->store, stale, f->user_id, &current, &error));
  g_assert_error (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_CONFLICT);
  g_assert_cmpstr (udha_interview_get_narrative (current), ==, "third text");
  g_assert_cmpuint (udha_store_count_interview_revisions (f->store, udha_interview_get_id (iv), NULL), ==, 2);

  list = udha_store_list_interviews (f->store, udha_case_get_id (c), NULL);
  g_assert_cmpuint (list->len, ==, 1);
}

static void
test_referral_transitions (StoreFixture  *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaPerson) p = store_add_person (f, "Amir", "Haddad", "1990-04-01");
  g_autoptr(UdhaCase) c = store_add_case (f, udha_person_get_id (p), f->user_id);
  g_autoptr(UdhaOrganisation) org = udha_organisation_new ();
  g_autoptr(UdhaReferral) r = udha_referral_new ();
  g_autoptr(UdhaReferral) stale = NULL;
  g_autoptr(UdhaReferral) current = NULL;
  g_autoptr(UdhaConsent) consent = udha_consent_new ();
  g_autoptr(UdhaService) svc = udha_service_new ();
  g_autoptr(GPtrArray) services = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  gint64 consent_id;

  udha_organisation_set_name (org, "Legal Aid");
  g_assert_true (udha_store_create_organisation (f->store, org, &error));

  udha_consent_set_person_id (consent, udha_person_get_id (p));
  udha_consent_set_purpose (consent, "referral");
  udha_consent_set_given_by (consent, "person");
  udha_consent_set_given_on (consent, "2026-01-01");
  udha_consent_set_expires_on (consent, "2026-12-31");
  g_assert_true (udha_store_create_consent (f->store, consent, &error));
  g_assert_no_error (error);
  consent_id = udha_store_find_valid_consent (f->store, udha_person_get_id (p), "referral", "2026-06-01", &error);
  g_assert_cmpint (consent_id, ==, udha_consent_get_id (consent));
  g_assert_cmpint (udha_store_find_valid_consent (f->store, udha_person_get_id (p), "referral", "2027-01-02", NULL), ==, 0);
  g_assert_cmpint (udha_store_find_valid_consent (f->store, udha_person_get_id (p), "tracing", "2026-06-01", NULL), ==, 0);
  udha_consent_set_withdrawn_on (consent, "2026-03-01");
  g_assert_true (udha_store_update_consent (f->store, consent, NULL, &error));
  g_assert_cmpint (udha_store_find_valid_consent (f->store, udha_person_get_id (p), "referral", "2026-06-01", NULL), ==, 0);

  udha_referral_set_case_id (r, udha_case_get_id (c));
  udha_referral_set_org_id (r, udha_organisation_get_id (org));
  udha_referral_set_service_code (r, "legal");
  udha_referral_set_follow_up_due (r, "2026-02-01");
  udha_referral_set_created_by (r, f->user_id);
  g_assert_true (udha_store_create_referral (f->store, r, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (udha_referral_get_status (r), ==, "draft");
  g_assert_cmpuint (udha_store_count_referral_transitions (f->store, udha_referral_get_id (r), NULL), ==, 1);
  stale = udha_store_get_referral (f->store, udha_referral_get_id (r), NULL);

  udha_referral_set_consent_id (r, udha_consent_get_id (consent));
  g_assert_true (udha_store_set_referral_status (f->store, r, "sent", f->user_id, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (udha_referral_get_sent_on (r));
  g_assert_true (udha_store_set_referral_status (f->store, r, "declined", f->user_id, "no_capacity", NULL, &error));
  g_assert_cmpuint (udha_store_count_referral_transitions (f->store, udha_referral_get_id (r), NULL), ==, 3);

  g_assert_true (udha_store_add_referral_json_transitions (f->store, udha_referral_get_id (r), b, &error));
  root = json_builder_get_root (b);
  json = json_to_string (root, FALSE);
  g_assert_nonnull (strstr (json, "\"from\":\"sent\",\"to\":\"declined\",\"reason\":\"no_capacity\""));
  g_assert_nonnull (strstr (json, "\"from\":null,\"to\":\"draft\""));

  /* Overdue is computed: past the due date and not final */
  g_assert_false (udha_referral_is_overdue (r, "2026-03-01"));
  g_assert_true (udha_referral_is_overdue (stale, "2026-03-01"));
  g_assert_false (udha_referral_is_overdue (stale, "2026-01-15"));

  /* A stale status change is a conflict and records no transition */
  g_assert_false (udha_store_set_referral_status (f->store, stale, "cancelled", f->user_id, "created_by_mistake",
                                                  &current, &error));
  g_assert_error (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpstr (udha_referral_get_status (stale), ==, "draft");
  g_assert_cmpstr (udha_referral_get_status (current), ==, "declined");
  g_assert_cmpuint (udha_store_count_referral_transitions (f->store, udha_referral_get_id (r), NULL), ==, 3);

  /* Services */
  udha_service_set_case_id (svc, udha_case_get_id (c));
  udha_service_set_service_code (svc, "shelter");
  udha_service_set_provider_org_id (svc, udha_organisation_get_id (org));
  g_assert_true (udha_store_create_service (f->store, svc, &error));
  g_assert_no_error (error);
  udha_service_set_status (svc, "completed");
  udha_service_set_delivered_on (svc, "2026-02-02");
  g_assert_true (udha_store_update_service (f->store, svc, NULL, &error));
  services = udha_store_list_services (f->store, udha_case_get_id (c), NULL);
  g_assert_cmpuint (services->len, ==, 1);
  g_assert_cmpstr (udha_service_get_status (g_ptr_array_index (services, 0)), ==, "completed");
}

static void
test_caseload_paging (StoreFixture  *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaPerson) p = store_add_person (f, "Amir", "Haddad", "1990-04-01");
  g_autoptr(UdhaUser) other = udha_user_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  UdhaCaseQuery q = { { f->office_id, 0 } };
  gint64 after = 0;
  guint pages = 0, total = 0;
  gint64 mine = 0, intake = 0;

  udha_user_set_user_name (other, "besa");
  udha_user_set_role (other, "caseworker");
  udha_user_set_office_id (other, f->office_id);
  g_assert_true (udha_store_create_user (f->store, other, &error));

  g_assert_true (udha_store_begin (f->store, &error));
  for (int i = 0; i < 1000; i++)
    {
      gint64 assignee = i % 3 == 0 ? 0 : (i % 3 == 1 ? f->user_id : udha_user_get_id (other));
      g_autoptr(UdhaCase) c = store_add_case (f, udha_person_get_id (p), assignee);

      if (i % 10 == 0)
        {
          udha_case_set_status (c, "follow_up");
          g_assert_true (udha_store_update_case (f->store, c, NULL, &error));
        }
      mine += assignee == f->user_id;
      intake += assignee == 0;
    }
  g_assert_true (udha_store_commit (f->store, &error));

  g_assert_cmpint (udha_store_count_cases (f->store, &q, &error), ==, 1000);
  for (;;)
    {
      g_autoptr(GPtrArray) page = udha_store_list_cases (f->store, &q, after, 64, &error);

      g_assert_no_error (error);
      if (page->len == 0)
        break;
      pages++;
      for (guint i = 0; i < page->len; i++)
        {
          UdhaCase *c = g_ptr_array_index (page, i);
          gint64 id = udha_case_get_id (c);

          if (after != 0)
            g_assert_cmpint (id, <, after);
          g_assert_false (g_hash_table_contains (seen, &id));
          g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
          total++;
        }
      after = udha_case_get_id (g_ptr_array_index (page, page->len - 1));
    }
  g_assert_cmpuint (total, ==, 1000);
  g_assert_cmpuint (pages, ==, 16);

  /* Caseworker scope: own cases + the intake queue */
  q.scope.user_id = f->user_id;
  g_assert_cmpint (udha_store_count_cases (f->store, &q, &error), ==, mine + intake);
  q.mine = TRUE;
  g_assert_cmpint (udha_store_count_cases (f->store, &q, &error), ==, mine);
  q.mine = FALSE;
  q.intake = TRUE;
  g_assert_cmpint (udha_store_count_cases (f->store, &q, &error), ==, intake);
  q.intake = FALSE;
  q.scope.user_id = 0;
  q.status = "follow_up";
  g_assert_cmpint (udha_store_count_cases (f->store, &q, &error), ==, 100);
  {
    g_autoptr(GPtrArray) page = udha_store_list_cases (f->store, &q, 0, 500, &error);

    g_assert_cmpuint (page->len, ==, 100);
  }
  q.status = NULL;
  q.scope.office_id = f->office_id + 100;
  g_assert_cmpint (udha_store_count_cases (f->store, &q, &error), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);

#define ADD(path, fn) \
  g_test_add (path, StoreFixture, NULL, store_fixture_set_up, fn, store_fixture_tear_down)

  ADD ("/udha/store/migrations/v1-reopen-and-newer", test_migrations);
  ADD ("/udha/store/person/crud", test_person_crud);
  ADD ("/udha/store/conflict/two-saves", test_conflict);
  ADD ("/udha/store/directory/offices-users-orgs", test_directory);
  ADD ("/udha/store/case/numbering", test_case_numbering);
  ADD ("/udha/store/interview/revisions", test_interview_revisions);
  ADD ("/udha/store/referral/transitions", test_referral_transitions);
  ADD ("/udha/store/case/keyset-paging", test_caseload_paging);

  return g_test_run ();
}
