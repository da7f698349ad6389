/* test-referral-slip.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The referral slip (DOMAIN.md §6.6) over a real vault: the allowed fields
 * and nothing else in English and Albanian (read back with pdftotext), no
 * contact-log text, no document number, empty PDF metadata, an audit entry
 * per slip, refusal without consent and for a caseworker of another office,
 * and the supervisor's override. */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "udha-core.h"
#include "udha-lookup.h"
#include "udha-model-error.h"
#include "udha-referral-slip.h"
#include "udha-report-private.h"
#include "udha-session.h"

#define ADMIN       "admin"
#define ADMIN_PASS  "lule bore në mars"
#define OTP         "one time pass 123"
#define PASS        "rruga e gjatë 42"

#define GIVEN       "Leyla"
#define FAMILY      "Karimi"
#define FATHER      "Hamidullah"
#define PHONE       "+355 69 555 0192"
#define DOC_NUMBER  "P7781234X"
#define NARRATIVE   "Crossed at Kakavije after three nights in the forest"
#define STAFF_NAME  "Arta Hoxha"

typedef struct
{
  char  *dir;
  char  *path;
  gint64 tir;
  gint64 dur;
  gint64 org;
} Fixture;

typedef struct
{
  UdhaVault   *vault;
  UdhaStore   *store;
  UdhaSession *session;
} Actor;

static void
actor_clear (Actor *a)
{
  if (a->session != NULL)
    g_assert_true (udha_session_close (a->session, NULL));
  g_clear_object (&a->session);
  g_clear_object (&a->store);
  if (a->vault != NULL)
    udha_vault_lock (a->vault);
  g_clear_object (&a->vault);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Actor, actor_clear)

static void
sign_in (Fixture    *f,
         Actor      *a,
         const char *user,
         const char *pass)
{
  g_autoptr(GError) error = NULL;

  a->vault = udha_vault_unlock (f->path, user, pass, &error);
  g_assert_no_error (error);
  a->store = udha_store_new (a->vault, &error);
  g_assert_no_error (error);
  a->session = udha_session_new (a->vault, a->store, &error);
  g_assert_no_error (error);
}

static void
rm_rf (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      rm_rf (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

static void
add_user (UdhaSession *admin,
          const char  *name,
          const char  *role,
          gint64       office,
          const char  *display_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaUser) user = udha_session_add_user (admin, ADMIN_PASS, name, OTP, role, office,
                                                    display_name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (user);
}

static void
first_sign_in (Fixture    *f,
               const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaVault) vault = udha_vault_unlock (f->path, name, OTP, &error);

  g_assert_no_error (error);
  g_assert_true (udha_vault_change_passphrase (vault, OTP, PASS, &error));
  g_assert_no_error (error);
  udha_vault_lock (vault);
}

/* Offices TIR and DUR; caseworker ana and supervisor sara in TIR,
 * caseworker dino in DUR; one partner organisation. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Actor) admin = { NULL, };
  g_autoptr(UdhaOffice) tir = NULL;
  g_autoptr(UdhaOffice) dur = NULL;
  g_autoptr(UdhaOrganisation) org = udha_organisation_new ();
  g_autoptr(UdhaOrganisation) saved = NULL;
  UdhaVaultSecret *recovery = NULL;
  UdhaVault *vault;
  const char *services[] = { "legal", "shelter", NULL };

  f->dir = g_dir_make_tmp ("udha-slip-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "cases.udb", NULL);
  vault = udha_vault_create (f->path, ADMIN, ADMIN_PASS, UDHA_VAULT_KDF_TEST_MIN, &recovery, &error);
  g_assert_no_error (error);
  udha_vault_secret_free (recovery);
  udha_vault_lock (vault);
  g_object_unref (vault);

  sign_in (f, &admin, ADMIN, ADMIN_PASS);
  tir = udha_session_add_office (admin.session, "TIR", "Tirana", &error);
  g_assert_no_error (error);
  dur = udha_session_add_office (admin.session, "DUR", "Durrës", &error);
  g_assert_no_error (error);
  f->tir = udha_office_get_id (tir);
  f->dur = udha_office_get_id (dur);
  add_user (admin.session, "ana", "caseworker", f->tir, STAFF_NAME);
  add_user (admin.session, "sara", "supervisor", f->tir, NULL);
  add_user (admin.session, "dino", "caseworker", f->dur, NULL);
  udha_organisation_set_name (org, "Qendra Ligjore");
  udha_organisation_set_org_type (org, "ngo");
  udha_organisation_set_services (org, services);
  udha_organisation_set_phone (org, "+355 4 222 3333");
  saved = udha_session_add_organisation (admin.session, org, &error);
  g_assert_no_error (error);
  f->org = udha_organisation_get_id (saved);
  actor_clear (&admin);

  first_sign_in (f, "ana");
  first_sign_in (f, "sara");
  first_sign_in (f, "dino");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* A person with everything a slip must leave out: father's name, a
 * document, an interview narrative. */
static gint64
add_case (UdhaSession *s,
          gint64      *person_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaPerson) p = udha_person_new ();
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(UdhaCase) c = NULL;
  g_autoptr(UdhaInterview) iv = udha_interview_new ();
  const char *citizenships[] = { "AF", NULL };

  udha_person_set_given_name (p, GIVEN);
  udha_person_set_family_name (p, FAMILY);
  udha_person_set_father_name (p, FATHER);
  udha_person_set_sex (p, "female");
  udha_person_set_dob (p, "1991-04-02");
  udha_person_set_phone (p, PHONE);
  udha_person_set_citizenships (p, citizenships);
  udha_person_add_document (p, "passport", DOC_NUMBER, "AF", NULL, FALSE);
  g_assert_true (udha_session_register_person (s, p, TRUE, &candidates, &error));
  g_assert_no_error (error);
  *person_out = udha_person_get_id (p);

  c = udha_session_open_case (s, udha_person_get_id (p), "protection", NULL, &error);
  g_assert_no_error (error);

  udha_interview_set_case_id (iv, udha_case_get_id (c));
  udha_interview_set_contact_type (iv, "phone_call");
  udha_interview_set_occurred_at (iv, "2026-01-05");
  udha_interview_set_narrative (iv, NARRATIVE);
  g_assert_true (udha_session_add_interview (s, iv, &error));
  g_assert_no_error (error);

  return udha_case_get_id (c);
}

static gint64
add_referral (UdhaSession *s,
              Fixture     *f,
              gint64       case_id,
              const char  *urgency)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaReferral) r = udha_referral_new ();

  udha_referral_set_case_id (r, case_id);
  udha_referral_set_org_id (r, f->org);
  udha_referral_set_service_code (r, "legal");
  udha_referral_set_urgency (r, urgency);
  udha_referral_set_reason (r, "additional_services");
  g_assert_true (udha_session_add_referral (s, r, &error));
  g_assert_no_error (error);
  return udha_referral_get_id (r);
}

static guint
count_slip_audits (UdhaStore  *store,
                   const char *language)
{
  g_autoptr(GPtrArray) entries = NULL;
  UdhaAuditQuery query = { 0, };
  g_autofree char *needle = g_strdup_printf ("\"language\":\"%s\"", language);
  guint n = 0;

  entries = udha_store_audit_list (store, &query, 0, 10000, NULL);
  g_assert_nonnull (entries);
  for (guint i = 0; i < entries->len; i++)
    {
      UdhaAuditEntry *e = g_ptr_array_index (entries, i);

      if (g_strcmp0 (e->action, "referral.slip") != 0)
        continue;
      /* Codes and ids only: never the person. */
      g_assert_null (strstr (e->details, GIVEN));
      g_assert_null (strstr (e->details, PHONE));
      g_assert_cmpstr (e->entity, ==, "referral");
      if (strstr (e->details, needle) != NULL)
        n++;
    }
  return n;
}

static char *
run_tool (const char *tool,
          const char *arg1,
          const char *arg2,
          const char *arg3)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { tool, arg1, arg2, arg3, NULL };
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static char *
pdf_text (const char *path)
{
  g_autofree char *raw = run_tool ("pdftotext", path, "-", NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  /* pdftotext breaks lines where the layout wraps: join them with spaces. */
  for (const char *p = raw; *p != '\0'; p++)
    g_string_append_c (text, *p == '\n' ? ' ' : *p);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
have_tool (const char *tool)
{
  g_autofree char *found = g_find_program_in_path (tool);

  return found != NULL;
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in the slip text: %s", needle, haystack);
}

static void
assert_not_contains (const char *haystack,
                     const char *needle)
{
  if (strstr (haystack, needle) != NULL)
    g_error ("“%s” must not be in the slip", needle);
}

/* What no slip ever shows. */
static void
assert_minimised (const char *text)
{
  assert_not_contains (text, FATHER);
  assert_not_contains (text, DOC_NUMBER);
  assert_not_contains (text, "Kakavije");
  assert_not_contains (text, "forest");
  assert_not_contains (text, STAFF_NAME);
  assert_not_contains (text, "Afghan");
  assert_not_contains (text, "emale");
  assert_not_contains (text, "Protection");
  assert_not_contains (text, "phone_call");
}

static void
test_slip_consent_and_languages (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Actor) ana = { NULL, };
  g_autoptr(UdhaConsent) consent = NULL;
  g_autoptr(UdhaCase) case_ = NULL;
  g_autofree char *en_path = g_build_filename (f->dir, "slip-en.pdf", NULL);
  g_autofree char *sq_path = g_build_filename (f->dir, "slip-sq.pdf", NULL);
  g_autofree char *en = NULL;
  g_autofree char *sq = NULL;
  g_autofree char *info = NULL;
  gint64 person, case_id, ref;
  guint64 bad = 0;
  const char *sq_service, *sq_urgency;

  if (!have_tool ("pdftotext"))
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }

  sign_in (f, &ana, "ana", PASS);
  case_id = add_case (ana.session, &person);
  ref = add_referral (ana.session, f, case_id, "priority");
  case_ = udha_session_get_case (ana.session, case_id, &error);
  g_assert_no_error (error);

  /* No consent: refused, nothing written, nothing audited. */
  g_assert_false (udha_session_write_referral_slip (ana.session, ref, "en", en_path, &error));
  g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_CONSENT_REQUIRED);
  g_clear_error (&error);
  g_assert_false (g_file_test (en_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_slip_audits (ana.store, "en"), ==, 0);

  /* Consent to something else does not count either. */
  g_clear_object (&consent);
  consent = udha_session_add_consent (ana.session, person, "services", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (udha_session_write_referral_slip (ana.session, ref, "en", en_path, &error));
  g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_CONSENT_REQUIRED);
  g_clear_error (&error);

  /* An unknown language is refused. */
  g_assert_false (udha_session_write_referral_slip (ana.session, ref, "fr", en_path, &error));
  g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID);
  g_clear_error (&error);

  g_clear_object (&consent);
  consent = udha_session_add_consent (ana.session, person, "referral", NULL, NULL, "2099-12-31", &error);
  g_assert_no_error (error);

  /* English */
  g_assert_true (udha_session_write_referral_slip (ana.session, ref, "en", en_path, &error));
  g_assert_no_error (error);
  en = pdf_text (en_path);
  assert_contains (en, "Referral slip");
  assert_contains (en, GIVEN " " FAMILY);
  assert_contains (en, "02.04.1991");
  assert_contains (en, PHONE);
  assert_contains (en, udha_case_get_number (case_));
  assert_contains (en, "Legal assistance");
  assert_contains (en, "Priority");
  assert_contains (en, "Additional services required");
  assert_contains (en, "Qendra Ligjore");
  assert_contains (en, "Tirana");
  assert_contains (en, "Caseworker");
  assert_contains (en, "Please acknowledge");
  assert_contains (en, "Consent reference");
  assert_minimised (en);
  g_assert_cmpuint (count_slip_audits (ana.store, "en"), ==, 1);

  /* Empty metadata: no title, author or creator. */
  info = run_tool ("pdfinfo", en_path, NULL, NULL);
  g_assert_null (strstr (info, "Title:"));
  g_assert_null (strstr (info, "Author:"));
  g_assert_null (strstr (info, "Creator:"));
  g_assert_null (strstr (info, GIVEN));
  g_assert_true (g_regex_match_simple ("^Pages: +1$", info, G_REGEX_MULTILINE, 0));

  /* Albanian: the vocabularies come out in Albanian. */
  g_assert_true (udha_session_write_referral_slip (ana.session, ref, "sq", sq_path, &error));
  g_assert_no_error (error);
  sq = pdf_text (sq_path);
  sq_service = udha_report_pgettext ("sq", "service", "Legal assistance");
  sq_urgency = udha_report_pgettext ("sq", "referral urgency", "Priority");
  g_assert_cmpstr (sq_service, !=, "Legal assistance");
  assert_contains (sq, sq_service);
  assert_contains (sq, sq_urgency);
  assert_contains (sq, GIVEN " " FAMILY);
  assert_contains (sq, PHONE);
  assert_not_contains (sq, "Legal assistance");
  assert_minimised (sq);
  g_assert_cmpuint (count_slip_audits (ana.store, "sq"), ==, 1);

  /* The audit chain still verifies with the slip entries in it. */
  g_assert_true (udha_store_audit_verify (ana.store, &bad, &error));
  g_assert_no_error (error);

  /* A failed write leaves nothing behind and audits nothing. */
  {
    g_autofree char *missing = g_build_filename (f->dir, "no-such-dir", "slip.pdf", NULL);

    g_assert_false (udha_session_write_referral_slip (ana.session, ref, "en", missing, &error));
    g_assert_error (error, UDHA_REPORT_ERROR, UDHA_REPORT_ERROR_WRITE);
    g_assert_null (strstr (error->message, "no-such-dir"));
    g_clear_error (&error);
    g_assert_cmpuint (count_slip_audits (ana.store, "en"), ==, 1);
  }

  /* Consent withdrawn: refused again. */
  g_assert_true (udha_session_withdraw_consent (ana.session, udha_consent_get_id (consent), &error));
  g_assert_no_error (error);
  g_assert_false (udha_session_write_referral_slip (ana.session, ref, "en", en_path, &error));
  g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_CONSENT_REQUIRED);
  g_clear_error (&error);
  g_assert_cmpuint (count_slip_audits (ana.store, "en"), ==, 1);
}

static void
test_slip_scope (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Actor) ana = { NULL, };
  g_auto(Actor) dino = { NULL, };
  g_auto(Actor) sara = { NULL, };
  g_autoptr(UdhaConsent) consent = NULL;
  g_autofree char *path = g_build_filename (f->dir, "slip.pdf", NULL);
  gint64 person, case_id, ref;

  sign_in (f, &ana, "ana", PASS);
  case_id = add_case (ana.session, &person);
  ref = add_referral (ana.session, f, case_id, "routine");
  consent = udha_session_add_consent (ana.session, person, "referral", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  actor_clear (&ana);

  /* A caseworker of another office may not print it. */
  sign_in (f, &dino, "dino", PASS);
  g_assert_false (udha_session_write_referral_slip (dino.session, ref, "en", path, &error));
  g_assert_error (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_NOT_PERMITTED);
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_slip_audits (dino.store, "en"), ==, 0);
  actor_clear (&dino);

  /* The supervisor of the office may. */
  sign_in (f, &sara, "sara", PASS);
  g_assert_true (udha_session_write_referral_slip (sara.session, ref, "en", path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_slip_audits (sara.store, "en"), ==, 1);
}

static void
test_slip_override (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Actor) ana = { NULL, };
  g_auto(Actor) sara = { NULL, };
  g_autofree char *path = g_build_filename (f->dir, "slip-override.pdf", NULL);
  g_autofree char *text = NULL;
  UdhaConsentOverride override = { "vital_interests", "medical emergency at the border" };
  gint64 person, case_id, ref;

  sign_in (f, &ana, "ana", PASS);
  case_id = add_case (ana.session, &person);
  ref = add_referral (ana.session, f, case_id, "emergency");
  actor_clear (&ana);

  sign_in (f, &sara, "sara", PASS);
  /* A draft without consent or override: refused. */
  g_assert_false (udha_session_write_referral_slip (sara.session, ref, "en", path, &error));
  g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_CONSENT_REQUIRED);
  g_clear_error (&error);

  g_assert_true (udha_session_set_referral_status (sara.session, ref, "sent", NULL, NULL, &override, &error));
  g_assert_no_error (error);
  g_assert_true (udha_session_write_referral_slip (sara.session, ref, "en", path, &error));
  g_assert_no_error (error);

  if (!have_tool ("pdftotext"))
    return;
  text = pdf_text (path);
  assert_contains (text, "Vital interests");
  assert_contains (text, "Emergency");
  /* The supervisor's written reason stays in the vault. */
  assert_not_contains (text, "medical emergency at the border");
  assert_minimised (text);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_assert_true (udha_core_init (NULL));

  g_test_add ("/udha/report/slip/consent-and-languages", Fixture, NULL, fixture_set_up,
              test_slip_consent_and_languages, fixture_tear_down);
  g_test_add ("/udha/report/slip/scope", Fixture, NULL, fixture_set_up,
              test_slip_scope, fixture_tear_down);
  g_test_add ("/udha/report/slip/override", Fixture, NULL, fixture_set_up,
              test_slip_override, fixture_tear_down);

  return g_test_run ();
}
