/* test-store-search.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Search folding and phonetics, scope, duplicate candidates and their
 * ranking, subject-access export completeness. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "udha-store-test-utils.h"

static gboolean
finds (StoreFixture         *f,
       const char           *query,
       gint64                person_id,
       const UdhaStoreScope *scope)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) hits = udha_store_search (f->store, query, scope, 20, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < hits->len; i++)
    {
      if (g_array_index (hits, UdhaSearchHit, i).person_id == person_id)
        return TRUE;
    }
  return FALSE;
}

static void
test_folding_and_phonetics (StoreFixture  *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaPerson) cela = store_make_person (f, "Elira", "Çela", "1987-02-03");
  g_autoptr(UdhaPerson) muh = store_make_person (f, "Muhammad", "Rahimi", "1995-05-05");
  g_autoptr(UdhaPerson) other = store_add_person (f, "Drita", "Kelmendi", "1970-01-01");
  g_autoptr(UdhaCase) c = NULL;

  udha_person_add_document (cela, "passport", "AB 123 4567", "AL", NULL, FALSE);
  udha_person_set_phone (cela, "+355 69 765 4321");
  g_assert_true (udha_store_create_person (f->store, cela, &error));
  udha_person_add_name (muh, "Abu Karim", NULL, "alias");
  g_assert_true (udha_store_create_person (f->store, muh, &error));
  g_assert_no_error (error);

  g_assert_true (finds (f, "Cela", udha_person_get_id (cela), NULL));
  g_assert_true (finds (f, "çela", udha_person_get_id (cela), NULL));
  g_assert_true (finds (f, "CELA elira", udha_person_get_id (cela), NULL));
  g_assert_true (finds (f, "Çel", udha_person_get_id (cela), NULL));
  g_assert_false (finds (f, "Cela", udha_person_get_id (other), NULL));
  g_assert_true (finds (f, "Mohamed", udha_person_get_id (muh), NULL));
  g_assert_true (finds (f, "Mohammed rahimi", udha_person_get_id (muh), NULL));
  g_assert_true (finds (f, "Karim", udha_person_get_id (muh), NULL));
  g_assert_false (finds (f, "Mohamed", udha_person_get_id (cela), NULL));

  /* Document numbers, phone digits, registration and case numbers */
  g_assert_true (finds (f, "ab1234567", udha_person_get_id (cela), NULL));
  g_assert_true (finds (f, "AB1234567", udha_person_get_id (cela), NULL));
  g_assert_true (finds (f, "0697654321", udha_person_get_id (cela), NULL));
  g_assert_true (finds (f, "+355697654321", udha_person_get_id (cela), NULL));
  g_assert_true (finds (f, udha_person_get_registration_number (muh), udha_person_get_id (muh), NULL));
  c = store_add_case (f, udha_person_get_id (muh), f->user_id);
  g_assert_true (finds (f, udha_case_get_number (c), udha_person_get_id (muh), NULL));

  /* Nothing searchable */
  g_assert_false (finds (f, " -- ", udha_person_get_id (muh), NULL));

  /* The index follows updates */
  udha_person_set_family_name (other, "Hoxha");
  g_assert_true (udha_store_update_person (f->store, other, NULL, &error));
  g_assert_true (finds (f, "hoxha", udha_person_get_id (other), NULL));
  g_assert_false (finds (f, "kelmendi", udha_person_get_id (other), NULL));
}

static void
test_scope (StoreFixture  *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaUser) besa = udha_user_new ();
  g_autoptr(UdhaOffice) shk = udha_office_new ();
  g_autoptr(UdhaPerson) mine = store_add_person (f, "Ana", "Dervishi", "1990-01-01");
  g_autoptr(UdhaPerson) theirs = store_add_person (f, "Ana", "Dervishaj", "1991-01-01");
  g_autoptr(UdhaPerson) intake = store_add_person (f, "Ana", "Dervisi", "1992-01-01");
  g_autoptr(UdhaPerson) far = store_make_person (f, "Ana", "Dervishllari", "1993-01-01");
  g_autoptr(UdhaCase) c1 = store_add_case (f, udha_person_get_id (mine), f->user_id);
  g_autoptr(UdhaCase) c2 = NULL;
  g_autoptr(UdhaCase) c3 = store_add_case (f, udha_person_get_id (intake), 0);
  UdhaStoreScope caseworker = { f->office_id, f->user_id };
  UdhaStoreScope supervisor = { f->office_id, 0 };

  udha_user_set_user_name (besa, "besa");
  udha_user_set_role (besa, "caseworker");
  udha_user_set_office_id (besa, f->office_id);
  g_assert_true (udha_store_create_user (f->store, besa, &error));
  c2 = store_add_case (f, udha_person_get_id (theirs), udha_user_get_id (besa));

  udha_office_set_code (shk, "SHK");
  udha_office_set_name (shk, "Shkodër");
  g_assert_true (udha_store_create_office (f->store, shk, &error));
  udha_person_set_office_id (far, udha_office_get_id (shk));
  g_assert_true (udha_store_create_person (f->store, far, &error));

  g_assert_true (finds (f, "ana", udha_person_get_id (mine), &caseworker));
  g_assert_true (finds (f, "ana", udha_person_get_id (intake), &caseworker));
  g_assert_false (finds (f, "ana", udha_person_get_id (theirs), &caseworker));
  g_assert_false (finds (f, "ana", udha_person_get_id (far), &caseworker));
  g_assert_true (finds (f, "ana", udha_person_get_id (theirs), &supervisor));
  g_assert_false (finds (f, "ana", udha_person_get_id (far), &supervisor));
  g_assert_false (finds (f, udha_case_get_number (c2), udha_person_get_id (theirs), &caseworker));
  g_assert_true (finds (f, "ana", udha_person_get_id (far), NULL));

  g_assert_true (udha_store_case_in_scope (f->store, udha_case_get_id (c1), &caseworker, NULL));
  g_assert_true (udha_store_case_in_scope (f->store, udha_case_get_id (c3), &caseworker, NULL));
  g_assert_false (udha_store_case_in_scope (f->store, udha_case_get_id (c2), &caseworker, NULL));
}

static void
test_duplicates (StoreFixture  *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaPerson) exact = store_make_person (f, "Mohammed", "Al-Hassan", "1990-03-04");
  g_autoptr(UdhaPerson) close = store_add_person (f, "Muhamad", "Al Hasan", "1991-01-01");
  g_autoptr(UdhaPerson) far = store_add_person (f, "Drita", "Kelmendi", "1960-01-01");
  g_autoptr(UdhaPerson) doc_only = store_make_person (f, "Youssef", "Benali", "1985-06-06");
  g_autoptr(UdhaPerson) candidate = store_make_person (f, "Mohamed", "Al Hassan", "1990-03-04");
  g_autoptr(GPtrArray) found = NULL;
  gboolean saw_far = FALSE;
  int pos_exact = -1, pos_close = -1, pos_doc = -1;

  udha_person_set_phone (exact, "069 111 2222");
  g_assert_true (udha_store_create_person (f->store, exact, &error));
  udha_person_add_document (doc_only, "passport", "P-998877", "MA", NULL, FALSE);
  g_assert_true (udha_store_create_person (f->store, doc_only, &error));
  g_assert_no_error (error);

  udha_person_set_phone (candidate, "+355691112222");
  udha_person_add_document (candidate, "passport", "p998877", "SY", NULL, FALSE);
  found = udha_store_find_duplicates (f->store, candidate, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);

  for (guint i = 0; i < found->len; i++)
    {
      UdhaDuplicateCandidate *c = g_ptr_array_index (found, i);

      g_assert_nonnull (c->reasons);
      if (c->person_id == udha_person_get_id (exact))
        {
          pos_exact = i;
          g_assert_true (g_strv_contains ((const char * const *) c->reasons, "phone_match"));
        }
      else if (c->person_id == udha_person_get_id (close))
        pos_close = i;
      else if (c->person_id == udha_person_get_id (doc_only))
        {
          pos_doc = i;
          g_assert_true (g_strv_contains ((const char * const *) c->reasons, "document_match"));
        }
      else if (c->person_id == udha_person_get_id (far))
        saw_far = TRUE;
      if (i > 0)
        g_assert_cmpint (c->score, <=, ((UdhaDuplicateCandidate *) g_ptr_array_index (found, i - 1))->score);
    }
  g_assert_cmpint (pos_exact, ==, 0);
  g_assert_cmpint (pos_close, >, 0);
  g_assert_cmpint (pos_doc, >, 0);
  g_assert_false (saw_far);
}

static gboolean
json_array_nonempty (JsonObject *obj,
                     const char *member)
{
  return json_object_has_member (obj, member) &&
         json_array_get_length (json_object_get_array_member (obj, member)) > 0;
}

static void
test_export (StoreFixture  *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaPerson) p = store_make_person (f, "Elira", "Çela", "1987-02-03");
  g_autoptr(UdhaPerson) other = NULL;
  g_autoptr(UdhaPerson) sibling = store_add_person (f, "Sara", "Çela", "2010-01-01");
  g_autoptr(UdhaCase) c = NULL;
  g_autoptr(UdhaCase) unrelated = NULL;
  g_autoptr(UdhaConsent) consent = udha_consent_new ();
  g_autoptr(UdhaInterview) iv = udha_interview_new ();
  g_autoptr(UdhaService) svc = udha_service_new ();
  g_autoptr(UdhaReferral) ref = udha_referral_new ();
  g_autoptr(UdhaOrganisation) org = udha_organisation_new ();
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  const char * const langs[] = { "sq", NULL };
  JsonObject *obj, *person, *case_obj, *interview, *referral;
  g_autofree char *details = NULL;

  udha_person_set_languages (p, langs);
  udha_person_add_name (p, "Lira", NULL, NULL);
  udha_person_add_document (p, "national_id", "I12345678", "AL", NULL, FALSE);
  udha_person_add_vulnerability (p, "gbv_survivor", "high");
  udha_person_add_household_link (p, udha_person_get_id (sibling), NULL, "sibling", NULL, NULL, "in_albania");
  g_assert_true (udha_store_create_person (f->store, p, &error));
  g_assert_no_error (error);
  other = store_add_person (f, "Other", "Person", "1980-01-01");
  udha_person_add_household_link (sibling, udha_person_get_id (p), NULL, "sibling", NULL, NULL, "in_albania");
  g_assert_true (udha_store_update_person (f->store, sibling, NULL, &error));

  udha_consent_set_person_id (consent, udha_person_get_id (p));
  udha_consent_set_purpose (consent, "referral");
  udha_consent_set_given_by (consent, "person");
  udha_consent_set_given_on (consent, "2026-01-01");
  g_assert_true (udha_store_create_consent (f->store, consent, &error));

  c = store_add_case (f, udha_person_get_id (p), f->user_id);
  unrelated = store_add_case (f, udha_person_get_id (other), f->user_id);

  udha_interview_set_case_id (iv, udha_case_get_id (c));
  udha_interview_set_occurred_at (iv, "2026-01-10T09:00:00Z");
  udha_interview_set_contact_type (iv, "registration");
  udha_interview_set_narrative (iv, "before edit");
  g_assert_true (udha_store_create_interview (f->store, iv, &error));
  udha_interview_set_narrative (iv, "after edit");
  g_assert_true (udha_store_update_interview (f->store, iv, f->user_id, NULL, &error));

  udha_service_set_case_id (svc, udha_case_get_id (c));
  udha_service_set_service_code (svc, "legal");
  g_assert_true (udha_store_create_service (f->store, svc, &error));

  udha_organisation_set_name (org, "Legal Aid");
  g_assert_true (udha_store_create_organisation (f->store, org, &error));
  udha_referral_set_case_id (ref, udha_case_get_id (c));
  udha_referral_set_org_id (ref, udha_organisation_get_id (org));
  udha_referral_set_service_code (ref, "legal");
  g_assert_true (udha_store_create_referral (f->store, ref, &error));
  udha_referral_set_consent_id (ref, udha_consent_get_id (consent));
  g_assert_true (udha_store_set_referral_status (f->store, ref, "sent", f->user_id, NULL, NULL, &error));
  g_assert_no_error (error);

  details = g_strdup_printf ("{\"case_type\":\"protection\"}");
  g_assert_true (udha_store_audit_append (f->store, "arta", "person.create", "person", udha_person_get_id (p),
                                          f->office_id, NULL, &error));
  g_assert_true (udha_store_audit_append (f->store, "arta", "case.open", "case", udha_case_get_id (c),
                                          f->office_id, details, &error));
  g_assert_true (udha_store_audit_append (f->store, "arta", "referral.sent", "referral", udha_referral_get_id (ref),
                                          f->office_id, NULL, &error));
  g_assert_true (udha_store_audit_append (f->store, "arta", "case.open", "case", udha_case_get_id (unrelated),
                                          f->office_id, NULL, &error));

  g_assert_true (udha_store_export_person_json (f->store, udha_person_get_id (p), b, &error));
  g_assert_no_error (error);
  root = json_builder_get_root (b);
  text = json_to_string (root, TRUE);
  obj = json_node_get_object (root);

  /* Every table with a row for the person appears */
  person = json_object_get_object_member (obj, "person");
  g_assert_cmpstr (json_object_get_string_member (person, "family_name"), ==, "Çela");
  g_assert_true (json_array_nonempty (person, "names"));           /* person_names */
  g_assert_true (json_array_nonempty (person, "documents"));       /* person_documents */
  g_assert_true (json_array_nonempty (person, "vulnerabilities")); /* person_vulnerabilities */
  g_assert_true (json_array_nonempty (person, "household"));       /* household_links */
  g_assert_true (json_array_nonempty (person, "citizenships"));    /* person_citizenships */
  g_assert_true (json_array_nonempty (person, "languages"));       /* person_languages */
  g_assert_true (json_array_nonempty (obj, "linked_from_households"));
  g_assert_true (json_array_nonempty (obj, "consents"));           /* consents */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "cases")), ==, 1);
  case_obj = json_array_get_object_element (json_object_get_array_member (obj, "cases"), 0);
  g_assert_cmpstr (json_object_get_string_member (case_obj, "number"), ==, udha_case_get_number (c));
  g_assert_true (json_array_nonempty (case_obj, "interviews"));    /* interviews */
  interview = json_array_get_object_element (json_object_get_array_member (case_obj, "interviews"), 0);
  g_assert_true (json_array_nonempty (interview, "revisions"));    /* interview_revisions */
  g_assert_true (json_array_nonempty (case_obj, "services"));      /* services */
  g_assert_true (json_array_nonempty (case_obj, "referrals"));     /* referrals */
  referral = json_array_get_object_element (json_object_get_array_member (case_obj, "referrals"), 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (referral, "transitions")), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "audit")), ==, 3);

  g_assert_nonnull (strstr (text, "before edit"));
  g_assert_nonnull (strstr (text, "after edit"));
  g_assert_null (strstr (text, "\"Other\""));

  /* Not found */
  {
    g_autoptr(JsonBuilder) b2 = json_builder_new ();

    g_assert_false (udha_store_export_person_json (f->store, 424242, b2, &error));
    g_assert_error (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_NOT_FOUND);
  }
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

  ADD ("/udha/store/search/folding-and-phonetics", test_folding_and_phonetics);
  ADD ("/udha/store/search/scope", test_scope);
  ADD ("/udha/store/search/duplicates-ranking", test_duplicates);
  ADD ("/udha/store/export/subject-access", test_export);

  return g_test_run ();
}
