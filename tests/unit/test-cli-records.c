/* test-cli-records.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* udha-cli: the case-record commands, happy path and every bad input of
 * issue #4 (invalid date, date of birth in the future, unknown code,
 * forbidden transition, missing reason, referral without consent, acting
 * outside one's role). Spawns the built udha-cli named by $UDHA_CLI. */

#include "config.h"

#include "udha-cli-test-utils.h"

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  cli_fixture_set_up (f, "udha-cli-records-XXXXXX", FALSE);
}

static void
test_happy_path (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(Result) r = { 0, };
  g_autofree char *number = NULL;
  g_autofree char *case_number = NULL;
  g_autofree char *ref = NULL;
  g_autofree char *consent = NULL;
  g_autofree char *service = NULL;
  gint64 id;

  AS_JSON (f, &r, "admin", f->admin_pass, "user", "list");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "\"user_name\" : \"sara\""));
  AS_JSON (f, &r, "ana", f->pass, "org", "list");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "Qendra Ligjore"));

  /* Register; the same person again gives candidates and writes nothing. */
  AS_JSON (f, &r, "ana", f->pass, "person", "add", "--given", "Ardit", "--family", "Çela", "--sex", "male",
           "--dob", "12.03.1990", "--nationality", "AL", "--phone", "+355 69 123 4567");
  assert_ok (&r);
  id = json_int (&r, "id");
  number = json_str (&r, "registration_number");
  g_assert_cmpint (id, >, 0);
  g_assert_true (g_str_has_prefix (number, "P-"));

  AS_JSON (f, &r, "ana", f->pass, "person", "add", "--given", "Ardit", "--family", "Cela", "--sex", "male",
           "--dob", "12.03.1990", "--nationality", "AL");
  assert_ok (&r);
  {
    g_autoptr(JsonNode) node = parse (&r);
    JsonObject *obj = json_node_get_object (node);

    g_assert_true (json_object_get_null_member (obj, "id"));
    g_assert_false (json_object_get_boolean_member (obj, "created"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "candidates")), >=, 1);
  }
  AS_JSON (f, &r, "ana", f->pass, "person", "add", "--given", "Ardit", "--family", "Cela", "--sex", "male",
           "--age", "36", "--nationality", "AL", "--force", "--reason", "a cousin with the same name");
  assert_ok (&r);
  g_assert_cmpint (json_int (&r, "id"), >, id);

  AS (f, &r, "ana", f->pass, "person", "search", "Cela");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, number));
  AS (f, &r, "ana", f->pass, "person", "show", number);
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "Ardit"));

  /* A case, an interview, a service. */
  AS_JSON (f, &r, "ana", f->pass, "case", "open", number, "--type", "avrr");
  assert_ok (&r);
  case_number = json_str (&r, "number");
  g_assert_true (g_str_has_prefix (case_number, "TIR-"));
  AS (f, &r, "ana", f->pass, "case", "list", "--mine");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, case_number));
  AS (f, &r, "ana", f->pass, "interview", "add", case_number, "--type", "phone_call", "--date", "01.03.2026",
      "--text-file", f->text);
  assert_ok (&r);
  AS_JSON (f, &r, "ana", f->pass, "service", "add", case_number, "--service", "legal");
  assert_ok (&r);
  service = g_strdup_printf ("%" G_GINT64_FORMAT, json_int (&r, "id"));
  AS (f, &r, "ana", f->pass, "service", "set-status", service, "in_progress");
  assert_ok (&r);

  /* A referral: blocked without consent, sent with it. */
  AS_JSON (f, &r, "ana", f->pass, "referral", "add", case_number, "--org", "Qendra Ligjore", "--service", "legal",
           "--urgent");
  assert_ok (&r);
  ref = g_strdup_printf ("%" G_GINT64_FORMAT, json_int (&r, "id"));
  AS (f, &r, "ana", f->pass, "referral", "set-status", ref, "sent");
  assert_refused (&r, "consent");
  AS_JSON (f, &r, "ana", f->pass, "consent", "add", number, "--purpose", "referral", "--expires", "31.12.2099");
  assert_ok (&r);
  consent = g_strdup_printf ("%" G_GINT64_FORMAT, json_int (&r, "id"));
  AS (f, &r, "ana", f->pass, "referral", "set-status", ref, "sent");
  assert_ok (&r);
  AS (f, &r, "ana", f->pass, "referral", "set-status", ref, "accepted");
  assert_ok (&r);
  AS (f, &r, "ana", f->pass, "referral", "set-status", ref, "completed", "--outcome", "provided");
  assert_ok (&r);
  AS_JSON (f, &r, "ana", f->pass, "case", "show", case_number);
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "\"completed\""));
  AS (f, &r, "ana", f->pass, "consent", "withdraw", consent);
  assert_ok (&r);

  /* Opening with a risk level; a person's cases; taking from intake;
   * reassigning in bulk with a reason. */
  {
    g_autofree char *second = NULL;
    g_autofree char *third = NULL;

    AS_JSON (f, &r, "ana", f->pass, "case", "open", number, "--type", "protection", "--risk", "high");
    assert_ok (&r);
    g_assert_nonnull (strstr (r.out, "\"risk\" : \"high\""));
    second = json_str (&r, "number");
    AS_JSON (f, &r, "sara", f->pass, "case", "open", number, "--type", "ct");
    assert_ok (&r);
    third = json_str (&r, "number");
    AS_JSON (f, &r, "ana", f->pass, "person", "cases", number);
    assert_ok (&r);
    {
      g_autoptr(JsonNode) node = parse (&r);

      /* ana's own two, and the one waiting in the intake queue */
      g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 3);
    }
    AS_JSON (f, &r, "ana", f->pass, "case", "take", third);
    assert_ok (&r);
    g_assert_cmpint (json_int (&r, "assigned_user_id"), >, 0);
    AS (f, &r, "ben", f->pass, "case", "take", third);
    assert_refused (&r, NULL);
    AS (f, &r, "ana", f->pass, "case", "reassign", second, third, "--to", "ben", "--reason", "ana on leave");
    assert_refused (&r, "supervisor");
    AS (f, &r, "sara", f->pass, "case", "reassign", second, third, "--to", "ben");
    g_assert_cmpint (r.status, ==, 2);
    AS_JSON (f, &r, "sara", f->pass, "case", "reassign", second, third, "--to", "ben", "--reason", "ana on leave");
    assert_ok (&r);
    {
      g_autoptr(JsonNode) node = parse (&r);
      JsonObject *obj = json_node_get_object (node);

      g_assert_cmpstr (json_object_get_string_member (obj, "to"), ==, "ben");
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "cases")), ==, 2);
    }
    AS (f, &r, "ben", f->pass, "person", "cases", number);
    assert_ok (&r);
    g_assert_nonnull (strstr (r.out, second));
    g_assert_nonnull (strstr (r.out, third));
    AS (f, &r, "sara", f->pass, "case", "reassign", second, "--to", "nobody", "--reason", "x");
    assert_refused (&r, "--to");
  }

  /* Closure: requested, approved, reopened. */
  AS (f, &r, "ana", f->pass, "case", "request-closure", case_number, "--reason", "objectives_met");
  assert_ok (&r);
  AS (f, &r, "sara", f->pass, "case", "approve-closure", case_number);
  assert_ok (&r);
  AS (f, &r, "sara", f->pass, "case", "reopen", case_number, "--reason", "came back");
  assert_ok (&r);
  AS (f, &r, "sara", f->pass, "case", "assign", case_number, "ben", "--reason", "ana on leave");
  assert_ok (&r);
  AS (f, &r, "sara", f->pass, "case", "list", "--status", "open");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, case_number));

  /* Subject-access export. */
  AS (f, &r, "sara", f->pass, "person", "export", number, "--format", "json");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "Ardit"));

  /* Audit: listed per role, and intact. */
  AS_JSON (f, &r, "sara", f->pass, "audit", "list");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "person.export"));
  g_assert_nonnull (strstr (r.out, "case.approve_closure"));
  g_assert_null (strstr (r.out, "Ardit"));
  AS (f, &r, "admin", f->admin_pass, "audit", "list");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "user.create"));
  g_assert_null (strstr (r.out, "case.open"));
  AS (f, &r, "ana", f->pass, "audit", "verify");
  assert_ok (&r);

  /* User administration. */
  AS (f, &r, "admin", f->admin_pass, "user", "set-role", "ben", "supervisor");
  assert_ok (&r);
  AS (f, &r, "admin", f->admin_pass, "user", "disable", "ben");
  assert_ok (&r);
  AS (f, &r, "ben", f->pass, "case", "list");
  g_assert_cmpint (r.status, ==, 1);
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_auto(Result) r = { 0, };
  g_autofree char *number = NULL;
  g_autofree char *case_number = NULL;
  g_autofree char *ref = NULL;

  AS_JSON (f, &r, "ana", f->pass, "person", "add", "--given", "Lina", "--family", "Haddad", "--sex", "female",
           "--dob", "02.04.1991", "--nationality", "SY");
  assert_ok (&r);
  number = json_str (&r, "registration_number");
  AS_JSON (f, &r, "ana", f->pass, "case", "open", number, "--type", "protection");
  assert_ok (&r);
  case_number = json_str (&r, "number");

  /* An invalid date, a date of birth in the future. */
  AS (f, &r, "ana", f->pass, "person", "add", "--given", "X", "--family", "Y", "--sex", "male",
      "--dob", "31.02.1990", "--nationality", "SY");
  assert_refused (&r, "--dob");
  AS (f, &r, "ana", f->pass, "person", "add", "--given", "X", "--family", "Y", "--sex", "male",
      "--dob", "01.01.2999", "--nationality", "SY");
  assert_refused (&r, "--dob");
  AS (f, &r, "ana", f->pass, "interview", "add", case_number, "--type", "phone_call", "--date", "2026-13-01",
      "--text-file", f->text);
  assert_refused (&r, "--date");

  /* Registering despite possible duplicates needs a reason; so does a
   * reassignment. An unknown risk level is refused. */
  AS (f, &r, "ana", f->pass, "person", "add", "--given", "X", "--family", "Y", "--sex", "male",
      "--dob", "01.01.1990", "--nationality", "SY", "--force");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--reason"));
  AS (f, &r, "ana", f->pass, "person", "add", "--given", "X", "--family", "Y", "--sex", "male",
      "--dob", "01.01.1990", "--nationality", "SY", "--force", "--reason", "   ");
  assert_refused (&r, NULL);
  AS (f, &r, "ana", f->pass, "case", "open", number, "--type", "protection", "--risk", "extreme");
  assert_refused (&r, NULL);
  AS (f, &r, "sara", f->pass, "case", "reassign", case_number, "--to", "ben", "--reason", "");
  assert_refused (&r, NULL);

  /* Unknown codes. */
  AS (f, &r, "ana", f->pass, "person", "add", "--given", "X", "--family", "Y", "--sex", "robot",
      "--dob", "01.01.1990", "--nationality", "SY");
  assert_refused (&r, "Sex");
  AS (f, &r, "ana", f->pass, "person", "add", "--given", "X", "--family", "Y", "--sex", "male",
      "--dob", "01.01.1990", "--nationality", "XX");
  assert_refused (&r, "Citizenship");
  AS (f, &r, "ana", f->pass, "case", "open", number, "--type", "holiday");
  assert_refused (&r, "Case type");
  AS (f, &r, "ana", f->pass, "referral", "add", case_number, "--org", "Qendra Ligjore", "--service", "spa");
  assert_refused (&r, "Service");
  AS (f, &r, "ana", f->pass, "consent", "add", number, "--purpose", "gossip");
  assert_refused (&r, "Purpose");

  /* Nothing was written: still one person named Haddad's case only. */
  AS (f, &r, "ana", f->pass, "case", "list");
  assert_ok (&r);
  g_assert_cmpstr (strchr (r.out, '\n') + 1, ==, "");

  /* A referral without consent, a forbidden transition, a missing reason. */
  AS_JSON (f, &r, "ana", f->pass, "referral", "add", case_number, "--org", "Qendra Ligjore", "--service", "legal");
  assert_ok (&r);
  ref = g_strdup_printf ("%" G_GINT64_FORMAT, json_int (&r, "id"));
  AS (f, &r, "ana", f->pass, "referral", "set-status", ref, "sent");
  assert_refused (&r, "consent");
  AS (f, &r, "ana", f->pass, "referral", "set-status", ref, "sent", "--override-consent", "vital_interests",
      "--reason", "emergency");
  assert_refused (&r, "supervisors");
  AS (f, &r, "sara", f->pass, "referral", "set-status", ref, "sent", "--override-consent", "vital_interests",
      "--reason", "emergency");
  assert_ok (&r);
  AS (f, &r, "ana", f->pass, "referral", "set-status", ref, "declined");
  g_assert_cmpint (r.status, ==, 1);
  assert_refused (&r, NULL);
  AS (f, &r, "ana", f->pass, "referral", "set-status", ref, "accepted");
  assert_ok (&r);
  AS (f, &r, "ana", f->pass, "referral", "set-status", ref, "completed", "--outcome", "provided");
  assert_ok (&r);
  AS (f, &r, "ana", f->pass, "referral", "set-status", ref, "sent");
  assert_refused (&r, "Completed");
  AS (f, &r, "sara", f->pass, "case", "reject-closure", case_number);
  assert_refused (&r, NULL);
  AS (f, &r, "sara", f->pass, "case", "reopen", case_number);
  assert_refused (&r, NULL);
  AS_JSON (f, &r, "sara", f->pass, "audit", "list");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "referral.consent_override"));

  /* Acting outside one's role. */
  AS (f, &r, "ana", f->pass, "case", "approve-closure", case_number);
  assert_refused (&r, "Only supervisors");
  AS (f, &r, "ana", f->pass, "case", "assign", case_number, "ben", "--reason", "swap");
  assert_refused (&r, "Only supervisors");
  AS (f, &r, "ana", f->pass, "office", "add", "SHK", "--name", "Shkodër");
  assert_refused (&r, "Only administrators");
  AS (f, &r, "ana", f->pass, "user", "list");
  assert_refused (&r, "Only administrators");
  AS (f, &r, "ben", f->pass, "case", "show", case_number);
  assert_refused (&r, "Caseworkers can only open cases");
  AS (f, &r, "admin", f->admin_pass, "case", "show", case_number);
  assert_refused (&r, "Administrators have no access to case content.");
  AS (f, &r, "admin", f->admin_pass, "person", "add", "--given", "X", "--family", "Y", "--sex", "male",
      "--dob", "01.01.1990", "--nationality", "SY");
  assert_refused (&r, "Administrators");
  AS (f, &r, "ana", f->pass, "person", "export", number, "--format", "json");
  assert_refused (&r, "Only supervisors");

  /* Usage errors: exit 2. */
  AS (f, &r, "ana", f->pass, "case", "open", number);
  g_assert_cmpint (r.status, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/udha/cli/records/happy-path", Fixture, NULL, fixture_set_up, test_happy_path, fixture_tear_down);
  g_test_add ("/udha/cli/records/bad-input", Fixture, NULL, fixture_set_up, test_bad_input, fixture_tear_down);

  return g_test_run ();
}
