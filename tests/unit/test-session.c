/* test-session.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* UdhaSession over a real vault in a temporary directory (libsodium minimum
 * KDF): role scopes, the consent gate, every referral transition, the
 * one-time passphrase, confidential entries and the audit entries. */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sodium.h>
#include <string.h>
#include <sqlite3.h>

#include "udha-core.h"
#include "udha-lookup.h"
#include "udha-model-error.h"
#include "udha-session.h"

#define ADMIN       "admin"
#define ADMIN_PASS  "lule bore në mars"
#define OTP         "one time pass 123"
#define PASS        "rruga e gjatë 42"

typedef struct
{
  char  *dir;
  char  *path;
  gint64 tir;
  gint64 dur;
  gint64 org;
} Fixture;

/* A signed-in user. */
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
          gint64       office)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaUser) user = udha_session_add_user (admin, ADMIN_PASS, name, OTP, role, office, NULL, &error);

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
  g_assert_true (udha_vault_get_must_change_passphrase (vault));
  g_assert_true (udha_vault_change_passphrase (vault, OTP, PASS, &error));
  g_assert_no_error (error);
  udha_vault_lock (vault);
}

/* A vault with offices TIR and DUR, caseworkers ana and ben and supervisor
 * sara in TIR, supervisor dino in DUR, and one partner organisation. */
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

  f->dir = g_dir_make_tmp ("udha-session-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "cases.udb", NULL);
  vault = udha_vault_create (f->path, ADMIN, ADMIN_PASS, UDHA_VAULT_KDF_TEST_MIN, &recovery, &error);
  g_assert_no_error (error);
  udha_vault_secret_free (recovery);
  udha_vault_lock (vault);
  g_object_unref (vault);

  sign_in (f, &admin, ADMIN, ADMIN_PASS);
  g_assert_cmpint (udha_session_get_role (admin.session), ==, UDHA_ROLE_KIND_ADMIN);
  tir = udha_session_add_office (admin.session, "TIR", "Tirana", &error);
  g_assert_no_error (error);
  dur = udha_session_add_office (admin.session, "DUR", "Durrës", &error);
  g_assert_no_error (error);
  f->tir = udha_office_get_id (tir);
  f->dur = udha_office_get_id (dur);
  add_user (admin.session, "ana", "caseworker", f->tir);
  add_user (admin.session, "ben", "caseworker", f->tir);
  add_user (admin.session, "sara", "supervisor", f->tir);
  add_user (admin.session, "dino", "supervisor", f->dur);
  udha_organisation_set_name (org, "Qendra Ligjore");
  udha_organisation_set_org_type (org, "ngo");
  udha_organisation_set_services (org, services);
  saved = udha_session_add_organisation (admin.session, org, &error);
  g_assert_no_error (error);
  f->org = udha_organisation_get_id (saved);
  actor_clear (&admin);

  first_sign_in (f, "ana");
  first_sign_in (f, "ben");
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

static gint64
register_person (UdhaSession *s,
                 const char  *given,
                 const char  *family)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaPerson) p = udha_person_new ();
  g_autoptr(GPtrArray) candidates = NULL;
  const char *citizenships[] = { "SY", NULL };

  udha_person_set_given_name (p, given);
  udha_person_set_family_name (p, family);
  udha_person_set_sex (p, "female");
  udha_person_set_dob (p, "1991-04-02");
  udha_person_set_citizenships (p, citizenships);
  g_assert_true (udha_session_register_person (s, p, TRUE, &candidates, &error));
  g_assert_no_error (error);
  g_assert_cmpint (udha_person_get_id (p), >, 0);
  return udha_person_get_id (p);
}

static gint64
open_case (UdhaSession *s,
           gint64       person,
           const char  *assign)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaCase) c = udha_session_open_case (s, person, "protection", assign, &error);

  g_assert_no_error (error);
  return udha_case_get_id (c);
}

static gint64
add_referral (UdhaSession *s,
              Fixture     *f,
              gint64       case_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaReferral) r = udha_referral_new ();

  udha_referral_set_case_id (r, case_id);
  udha_referral_set_org_id (r, f->org);
  udha_referral_set_service_code (r, "legal");
  g_assert_true (udha_session_add_referral (s, r, &error));
  g_assert_no_error (error);
  return udha_referral_get_id (r);
}

static gboolean
audit_has (UdhaStore  *store,
           const char *action)
{
  g_autoptr(GPtrArray) entries = NULL;
  UdhaAuditQuery query = { 0, };

  entries = udha_store_audit_list (store, &query, 0, 10000, NULL);
  g_assert_nonnull (entries);
  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (((UdhaAuditEntry *) g_ptr_array_index (entries, i))->action, action) == 0)
      return TRUE;
  return FALSE;
}

/* Tests */

static void
test_must_change (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Actor) admin = { NULL, };
  g_auto(Actor) eva = { NULL, };
  g_autoptr(GPtrArray) cases = NULL;

  sign_in (f, &admin, ADMIN, ADMIN_PASS);
  add_user (admin.session, "eva", "caseworker", f->tir);
  actor_clear (&admin);

  sign_in (f, &eva, "eva", OTP);
  cases = udha_session_list_cases (eva.session, UDHA_CASE_LIST_ALL, NULL, 0, 10, &error);
  g_assert_null (cases);
  g_assert_error (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_MUST_CHANGE_PASSPHRASE);
  g_assert_nonnull (strstr (error->message, "udha-cli passwd"));
  g_clear_error (&error);
  g_assert_false (udha_session_can (eva.session, UDHA_ACTION_REGISTER, 0));

  g_assert_true (udha_vault_change_passphrase (eva.vault, OTP, PASS, &error));
  g_assert_no_error (error);
  cases = udha_session_list_cases (eva.session, UDHA_CASE_LIST_ALL, NULL, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cases);
}

static void
test_no_user_and_disabled (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Actor) admin = { NULL, };
  g_autoptr(UdhaVault) vault = NULL;
  g_autoptr(UdhaStore) store = NULL;
  g_autoptr(UdhaSession) session = NULL;
  g_autoptr(UdhaVault) gone = NULL;

  /* A key slot without a users row. */
  sign_in (f, &admin, ADMIN, ADMIN_PASS);
  g_assert_true (udha_vault_add_user (admin.vault, ADMIN_PASS, "ghost", PASS, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (udha_session_disable_user (admin.session, "ben", &error));
  g_assert_no_error (error);
  g_assert_true (audit_has (admin.store, "user.disable"));
  actor_clear (&admin);

  vault = udha_vault_unlock (f->path, "ghost", PASS, &error);
  g_assert_no_error (error);
  store = udha_store_new (vault, &error);
  g_assert_no_error (error);
  session = udha_session_new (vault, store, &error);
  g_assert_null (session);
  g_assert_error (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_NO_USER);
  g_clear_error (&error);
  g_clear_object (&store);
  udha_vault_lock (vault);

  /* A disabled user has no key slot any more. */
  gone = udha_vault_unlock (f->path, "ben", PASS, &error);
  g_assert_null (gone);
  g_assert_nonnull (error);
}

static void
test_scopes (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 person, own, intake;

  {
    g_auto(Actor) ana = { NULL, };

    sign_in (f, &ana, "ana", PASS);
    person = register_person (ana.session, "Rania", "Haddad");
    own = open_case (ana.session, person, NULL);
  }
  {
    g_auto(Actor) sara = { NULL, };
    g_autoptr(GPtrArray) all = NULL;

    sign_in (f, &sara, "sara", PASS);
    intake = open_case (sara.session, person, NULL);
    all = udha_session_list_cases (sara.session, UDHA_CASE_LIST_ALL, NULL, 0, 100, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (all->len, ==, 2);
    g_assert_true (udha_session_can (sara.session, UDHA_ACTION_ASSIGN, own));
  }
  {
    g_auto(Actor) ben = { NULL, };
    g_autoptr(UdhaCase) c = NULL;
    g_autoptr(UdhaInterview) iv = udha_interview_new ();
    g_autoptr(GPtrArray) mine = NULL;

    sign_in (f, &ben, "ben", PASS);
    /* Another caseworker's case: refused. */
    c = udha_session_get_case (ben.session, own, &error);
    g_assert_null (c);
    g_assert_error (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_NOT_PERMITTED);
    g_assert_cmpstr (error->message, ==,
                     "Caseworkers can only open cases assigned to them or waiting in their office’s intake queue.");
    g_clear_error (&error);
    /* The intake queue: visible, not editable until taken. */
    c = udha_session_open_case_file (ben.session, intake, &error);
    g_assert_no_error (error);
    g_assert_nonnull (c);
    g_clear_object (&c);
    udha_interview_set_case_id (iv, intake);
    udha_interview_set_contact_type (iv, "phone_call");
    udha_interview_set_occurred_at (iv, "2026-01-05");
    g_assert_false (udha_session_add_interview (ben.session, iv, &error));
    g_assert_error (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_NOT_PERMITTED);
    g_clear_error (&error);
    mine = udha_session_list_cases (ben.session, UDHA_CASE_LIST_ALL, NULL, 0, 100, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (mine->len, ==, 1);
    g_assert_cmpint (udha_case_get_id (g_ptr_array_index (mine, 0)), ==, intake);
    /* Take it, then log. */
    g_assert_true (udha_session_assign_case (ben.session, intake, "ben", NULL, &error));
    g_assert_no_error (error);
    g_assert_true (udha_session_add_interview (ben.session, iv, &error));
    g_assert_no_error (error);
    /* No reassigning for caseworkers. */
    g_assert_false (udha_session_assign_case (ben.session, intake, "ana", "leave", &error));
    g_assert_error (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_NOT_PERMITTED);
    g_clear_error (&error);
    g_assert_true (audit_has (ben.store, "case.open"));
    g_assert_true (audit_has (ben.store, "case.assign"));
    g_assert_true (audit_has (ben.store, "interview.create"));
  }
  {
    g_auto(Actor) dino = { NULL, };
    g_autoptr(UdhaCase) c = NULL;
    g_autoptr(GPtrArray) none = NULL;

    sign_in (f, &dino, "dino", PASS);
    c = udha_session_get_case (dino.session, own, &error);
    g_assert_null (c);
    g_assert_error (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_NOT_PERMITTED);
    g_clear_error (&error);
    none = udha_session_list_cases (dino.session, UDHA_CASE_LIST_ALL, NULL, 0, 100, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (none->len, ==, 0);
  }
  {
    g_auto(Actor) admin = { NULL, };
    g_autoptr(UdhaCase) c = NULL;
    g_autoptr(UdhaPerson) p = NULL;
    g_autoptr(GPtrArray) audit = NULL;

    sign_in (f, &admin, ADMIN, ADMIN_PASS);
    c = udha_session_get_case (admin.session, own, &error);
    g_assert_null (c);
    g_assert_error (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_NOT_PERMITTED);
    g_clear_error (&error);
    p = udha_session_get_person (admin.session, person, &error);
    g_assert_null (p);
    g_assert_error (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_NOT_PERMITTED);
    g_clear_error (&error);
    /* System events only. */
    audit = udha_session_audit_list (admin.session, 0, 1000, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < audit->len; i++)
      g_assert_cmpint (((UdhaAuditEntry *) g_ptr_array_index (audit, i))->office_id, ==, 0);
  }
}

static void
test_reassign_and_confidential (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 person, case_id;

  {
    g_auto(Actor) ana = { NULL, };
    g_autoptr(UdhaInterview) iv = udha_interview_new ();

    sign_in (f, &ana, "ana", PASS);
    person = register_person (ana.session, "Amina", "Yusuf");
    case_id = open_case (ana.session, person, NULL);
    udha_interview_set_case_id (iv, case_id);
    udha_interview_set_contact_type (iv, "phone_call");
    udha_interview_set_occurred_at (iv, "2026-01-05");
    udha_interview_set_narrative (iv, "confidential note");
    udha_interview_set_confidential (iv, TRUE);
    g_assert_true (udha_session_add_interview (ana.session, iv, &error));
    g_assert_no_error (error);
  }
  {
    g_auto(Actor) sara = { NULL, };
    g_autoptr(GPtrArray) ivs = NULL;

    sign_in (f, &sara, "sara", PASS);
    ivs = udha_session_list_interviews (sara.session, case_id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ivs->len, ==, 1);
    /* Reassigning needs a reason. */
    g_assert_false (udha_session_assign_case (sara.session, case_id, "ben", NULL, &error));
    g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_REASON_REQUIRED);
    g_clear_error (&error);
    g_assert_true (udha_session_assign_case (sara.session, case_id, "ben", "ana is on leave", &error));
    g_assert_no_error (error);
  }
  {
    g_auto(Actor) ben = { NULL, };
    g_autoptr(GPtrArray) ivs = NULL;

    sign_in (f, &ben, "ben", PASS);
    ivs = udha_session_list_interviews (ben.session, case_id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ivs->len, ==, 0);
  }
}

static void
test_consent_gate (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Actor) ana = { NULL, };
  g_autoptr(UdhaConsent) expired = NULL;
  g_autoptr(UdhaConsent) withdrawn = NULL;
  g_autoptr(UdhaConsent) valid = NULL;
  UdhaConsentOverride override = { "vital_interests", "medical emergency" };
  gint64 person, case_id, ref, ref2;

  sign_in (f, &ana, "ana", PASS);
  person = register_person (ana.session, "Leyla", "Karimi");
  case_id = open_case (ana.session, person, NULL);
  ref = add_referral (ana.session, f, case_id);
  ref2 = add_referral (ana.session, f, case_id);

  /* No consent: blocked, and nothing is written. */
  g_assert_false (udha_session_set_referral_status (ana.session, ref, "sent", NULL, NULL, NULL, &error));
  g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_CONSENT_REQUIRED);
  g_clear_error (&error);
  {
    g_autoptr(UdhaReferral) r = udha_session_get_referral (ana.session, ref, &error);

    g_assert_cmpstr (udha_referral_get_status (r), ==, "draft");
  }
  /* A caseworker cannot override. */
  g_assert_false (udha_session_set_referral_status (ana.session, ref, "sent", NULL, NULL, &override, &error));
  g_assert_error (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_NOT_PERMITTED);
  g_clear_error (&error);

  /* Expired, withdrawn, or for another purpose: still blocked. */
  expired = udha_session_add_consent (ana.session, person, "referral", NULL, "2020-01-01", "2020-12-31", &error);
  g_assert_no_error (error);
  withdrawn = udha_session_add_consent (ana.session, person, "referral", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (udha_session_withdraw_consent (ana.session, udha_consent_get_id (withdrawn), &error));
  g_assert_no_error (error);
  g_clear_object (&valid);
  valid = udha_session_add_consent (ana.session, person, "services", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (udha_session_set_referral_status (ana.session, ref, "sent", NULL, NULL, NULL, &error));
  g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_CONSENT_REQUIRED);
  g_clear_error (&error);

  /* A bad consent record is refused. */
  g_assert_null (udha_session_add_consent (ana.session, person, "gossip", NULL, NULL, NULL, &error));
  g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID);
  g_clear_error (&error);

  /* A valid consent opens the gate. */
  g_clear_object (&valid);
  valid = udha_session_add_consent (ana.session, person, "referral", NULL, NULL, "2099-12-31", &error);
  g_assert_no_error (error);
  g_assert_true (udha_session_set_referral_status (ana.session, ref, "sent", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (audit_has (ana.store, "consent.create"));
  g_assert_true (audit_has (ana.store, "consent.withdraw"));
  g_assert_true (audit_has (ana.store, "referral.status"));

  /* Withdrawn again: the next referral is blocked. */
  g_assert_true (udha_session_withdraw_consent (ana.session, udha_consent_get_id (valid), &error));
  g_assert_no_error (error);
  g_assert_false (udha_session_set_referral_status (ana.session, ref2, "sent", NULL, NULL, NULL, &error));
  g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_CONSENT_REQUIRED);
  g_clear_error (&error);
  actor_clear (&ana);

  /* A supervisor overrides with a legal basis and a reason. */
  {
    g_auto(Actor) sara = { NULL, };
    UdhaConsentOverride no_reason = { "vital_interests", NULL };
    UdhaConsentOverride consent_basis = { "consent", "because" };

    sign_in (f, &sara, "sara", PASS);
    g_assert_false (udha_session_set_referral_status (sara.session, ref2, "sent", NULL, NULL, &no_reason, &error));
    g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_REASON_REQUIRED);
    g_clear_error (&error);
    g_assert_false (udha_session_set_referral_status (sara.session, ref2, "sent", NULL, NULL, &consent_basis, &error));
    g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (audit_has (sara.store, "referral.consent_override"));
    g_assert_true (udha_session_set_referral_status (sara.session, ref2, "sent", NULL, NULL, &override, &error));
    g_assert_no_error (error);
    g_assert_true (audit_has (sara.store, "referral.consent_override"));
  }
}

static const char * const statuses[] = {
  "draft", "sent", "acknowledged", "accepted", "declined", "in_service", "completed", "cancelled",
};

/* The path that brings a new referral to each status. */
static const char * const * const paths[] = {
  (const char *[]) { NULL },
  (const char *[]) { "sent", NULL },
  (const char *[]) { "sent", "acknowledged", NULL },
  (const char *[]) { "sent", "accepted", NULL },
  (const char *[]) { "sent", "declined", NULL },
  (const char *[]) { "sent", "accepted", "in_service", NULL },
  (const char *[]) { "sent", "accepted", "completed", NULL },
  (const char *[]) { "cancelled", NULL },
};

static const char *
status_before (guint i)
{
  const char * const *path = paths[i];
  guint n = 0;

  while (path[n] != NULL)
    n++;
  if (n == 0)
    return NULL;
  return n == 1 ? "draft" : path[n - 2];
}

static void
test_referral_transitions (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 case_id;
  guint n_allowed = 0, n_refused = 0;

  {
    g_auto(Actor) ana = { NULL, };
    g_autoptr(UdhaConsent) consent = NULL;
    gint64 person;

    sign_in (f, &ana, "ana", PASS);
    person = register_person (ana.session, "Nour", "Saleh");
    case_id = open_case (ana.session, person, NULL);
    consent = udha_session_add_consent (ana.session, person, "referral", NULL, NULL, NULL, &error);
    g_assert_no_error (error);
  }

  for (guint role = 0; role < 2; role++)
    {
      g_auto(Actor) actor = { NULL, };
      const char *role_code = role == 0 ? UDHA_ROLE_CASEWORKER : UDHA_ROLE_SUPERVISOR;

      sign_in (f, &actor, role == 0 ? "ana" : "sara", PASS);

      for (guint from = 0; from < G_N_ELEMENTS (statuses); from++)
        for (guint to = 0; to < G_N_ELEMENTS (statuses); to++)
          {
            gint64 ref = add_referral (actor.session, f, case_id);
            const UdhaTransition *t = udha_referral_transition_find (statuses[from], statuses[to]);
            gboolean expected = FALSE;
            gboolean ok;

            /* Bring it to @from. */
            for (guint k = 0; paths[from][k] != NULL; k++)
              {
                ok = udha_session_set_referral_status (actor.session, ref, paths[from][k], "reason",
                                                       "provided", NULL, &error);
                g_assert_no_error (error);
                g_assert_true (ok);
              }

            if (t != NULL)
              {
                expected = g_strv_contains ((const char * const *) t->roles, role_code);
                if ((t->requires & UDHA_TRANSITION_REOPEN) != 0)
                  expected = expected && g_strcmp0 (status_before (from), statuses[to]) == 0;
              }

            ok = udha_session_set_referral_status (actor.session, ref, statuses[to], "reason", "provided",
                                                   NULL, &error);
            g_test_message ("%s: %s → %s: %s", role_code, statuses[from], statuses[to],
                            ok ? "allowed" : error->message);
            g_assert_cmpint (ok, ==, expected);
            if (ok)
              {
                g_autoptr(UdhaReferral) r = udha_session_get_referral (actor.session, ref, NULL);

                g_assert_cmpstr (udha_referral_get_status (r), ==, statuses[to]);
                n_allowed++;
              }
            else
              {
                g_autoptr(UdhaReferral) r = udha_session_get_referral (actor.session, ref, NULL);

                g_assert_nonnull (error);
                g_assert_cmpstr (udha_referral_get_status (r), ==, statuses[from]);
                n_refused++;
              }
            g_clear_error (&error);
          }
    }

  /* Completed → Sent is never allowed; the table has both kinds. */
  g_assert_null (udha_referral_transition_find ("completed", "sent"));
  g_assert_cmpuint (n_allowed, >, 10);
  g_assert_cmpuint (n_refused, >, 50);

  /* A missing reason is refused. */
  {
    g_auto(Actor) ana = { NULL, };
    gint64 ref;

    sign_in (f, &ana, "ana", PASS);
    ref = add_referral (ana.session, f, case_id);
    g_assert_false (udha_session_set_referral_status (ana.session, ref, "cancelled", NULL, NULL, NULL, &error));
    g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_REASON_REQUIRED);
  }
}

static void
test_closure_and_audit (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 person, case_id;
  guint64 bad = 1;

  {
    g_auto(Actor) ana = { NULL, };
    g_autoptr(UdhaPerson) p = udha_person_new ();
    g_autoptr(GPtrArray) candidates = NULL;
    const char *citizenships[] = { "SY", NULL };

    sign_in (f, &ana, "ana", PASS);
    /* A date of birth in the future, an unknown code: refused. */
    udha_person_set_given_name (p, "Omar");
    udha_person_set_family_name (p, "Haddad");
    udha_person_set_sex (p, "male");
    udha_person_set_dob (p, "2999-01-01");
    udha_person_set_citizenships (p, citizenships);
    g_assert_false (udha_session_register_person (ana.session, p, FALSE, &candidates, &error));
    g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_DATE);
    g_clear_error (&error);
    udha_person_set_dob (p, "1990-01-01");
    udha_person_set_sex (p, "robot");
    g_assert_false (udha_session_register_person (ana.session, p, FALSE, &candidates, &error));
    g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID);
    g_clear_error (&error);

    person = register_person (ana.session, "Omar", "Haddad");
    case_id = open_case (ana.session, person, NULL);
    g_assert_false (udha_session_approve_closure (ana.session, case_id, &error));
    g_assert_error (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_NOT_PERMITTED);
    g_clear_error (&error);
    g_assert_true (udha_session_request_closure (ana.session, case_id, "objectives_met", NULL, &error));
    g_assert_no_error (error);
    g_assert_true (audit_has (ana.store, "person.create"));
    g_assert_true (audit_has (ana.store, "case.create"));
    g_assert_true (audit_has (ana.store, "case.request_closure"));
  }
  {
    g_auto(Actor) sara = { NULL, };
    g_autoptr(UdhaCase) c = NULL;
    g_autoptr(JsonBuilder) b = json_builder_new ();

    sign_in (f, &sara, "sara", PASS);
    g_assert_false (udha_session_reject_closure (sara.session, case_id, NULL, &error));
    g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_REASON_REQUIRED);
    g_clear_error (&error);
    g_assert_true (udha_session_reject_closure (sara.session, case_id, "services still open", &error));
    g_assert_no_error (error);
    c = udha_session_get_case (sara.session, case_id, &error);
    g_assert_cmpstr (udha_case_get_status (c), ==, "open");
    g_clear_object (&c);
    g_assert_true (udha_session_request_closure (sara.session, case_id, "objectives_met", NULL, &error));
    g_assert_true (udha_session_approve_closure (sara.session, case_id, &error));
    g_assert_no_error (error);
    g_assert_false (udha_session_reopen_case (sara.session, case_id, NULL, &error));
    g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_REASON_REQUIRED);
    g_clear_error (&error);
    g_assert_true (udha_session_reopen_case (sara.session, case_id, "came back", &error));
    g_assert_no_error (error);

    /* Subject-access export: audited. */
    g_assert_true (udha_session_export_person (sara.session, person, b, &error));
    g_assert_no_error (error);
    g_assert_true (audit_has (sara.store, "person.export"));
    g_assert_true (audit_has (sara.store, "case.approve_closure"));
    g_assert_true (audit_has (sara.store, "case.reject_closure"));
    g_assert_true (audit_has (sara.store, "case.reopen"));
    g_assert_true (audit_has (sara.store, "vault.unlock"));
    g_assert_true (audit_has (sara.store, "vault.lock"));

    g_assert_true (udha_session_audit_verify (sara.session, &bad, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (bad, ==, 0);
  }
  {
    g_auto(Actor) ana = { NULL, };
    g_autoptr(JsonBuilder) b = json_builder_new ();
    g_autoptr(GPtrArray) own = NULL;

    sign_in (f, &ana, "ana", PASS);
    /* Caseworkers do not export; they read their own audit entries. */
    g_assert_false (udha_session_export_person (ana.session, person, b, &error));
    g_assert_error (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_NOT_PERMITTED);
    g_clear_error (&error);
    own = udha_session_audit_list (ana.session, 0, 1000, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (own->len, >, 0);
    for (guint i = 0; i < own->len; i++)
      g_assert_cmpstr (((UdhaAuditEntry *) g_ptr_array_index (own, i))->user_name, ==, "ana");
  }
}


/* Editing a person: scope, validation, row-version conflicts, audit. */
static void
test_update_person (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Actor) ana = { NULL, };
  g_auto(Actor) ben = { NULL, };
  g_autoptr(UdhaPerson) first = NULL;
  g_autoptr(UdhaPerson) second = NULL;
  g_autoptr(UdhaPerson) current = NULL;
  g_autoptr(UdhaPerson) reread = NULL;
  g_autoptr(UdhaPerson) other = NULL;
  gint64 person;

  sign_in (f, &ana, "ana", PASS);
  sign_in (f, &ben, "ben", PASS);
  person = register_person (ana.session, "Leyla", "Haddad");
  open_case (ana.session, person, NULL);

  /* Two copies loaded; the first save wins and is audited. */
  first = udha_session_get_person (ana.session, person, &error);
  g_assert_no_error (error);
  second = udha_session_get_person (ana.session, person, &error);
  g_assert_no_error (error);
  udha_person_set_phone (first, "+355 69 123 4567");
  g_assert_true (udha_session_update_person (ana.session, first, &current, &error));
  g_assert_no_error (error);
  g_assert_null (current);
  g_assert_true (audit_has (ana.store, "person.update"));

  /* The second copy is older: refused, with the stored version to compare. */
  udha_person_set_occupation (second, "teacher");
  g_assert_false (udha_session_update_person (ana.session, second, &current, &error));
  g_assert_error (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_nonnull (current);
  g_assert_cmpstr (udha_person_get_phone (current), ==, "+355 69 123 4567");
  reread = udha_session_get_person (ana.session, person, &error);
  g_assert_no_error (error);
  g_assert_null (udha_person_get_occupation (reread));

  /* Invalid data is refused and nothing is written. */
  udha_person_set_dob (reread, "2999-01-01");
  g_assert_false (udha_session_update_person (ana.session, reread, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* A colleague whose scope does not include the case cannot edit. */
  other = udha_store_get_person (ben.store, person, &error);
  g_assert_no_error (error);
  udha_person_set_phone (other, "+355 68 000 0000");
  g_assert_false (udha_session_update_person (ben.session, other, NULL, &error));
  g_assert_error (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_NOT_PERMITTED);
}

static guint
count_action (GPtrArray  *entries,
              const char *action)
{
  guint n = 0;

  for (guint i = 0; i < entries->len; i++)
    n += g_strcmp0 (((UdhaAuditEntry *) g_ptr_array_index (entries, i))->action, action) == 0;
  return n;
}

/* A case's history: everyone who may open the file reads what happened to
 * it, colleagues' actions included, but not confidential entries they may
 * not read; others get nothing. */
static void
test_case_history (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Actor) ana = { NULL, };
  g_auto(Actor) ben = { NULL, };
  g_auto(Actor) sara = { NULL, };
  g_autoptr(GPtrArray) ana_history = NULL;
  g_autoptr(GPtrArray) sara_history = NULL;
  g_autoptr(GPtrArray) ben_history = NULL;
  gint64 person, case_id;

  sign_in (f, &ana, "ana", PASS);
  sign_in (f, &ben, "ben", PASS);
  sign_in (f, &sara, "sara", PASS);
  person = register_person (ana.session, "Amal", "Nasser");
  case_id = open_case (ana.session, person, NULL);
  add_referral (ana.session, f, case_id);

  {
    g_autoptr(UdhaInterview) iv = udha_interview_new ();

    udha_interview_set_case_id (iv, case_id);
    udha_interview_set_contact_type (iv, "phone_call");
    udha_interview_set_occurred_at (iv, "2026-01-05");
    udha_interview_set_narrative (iv, "supervisor's confidential note");
    udha_interview_set_confidential (iv, TRUE);
    g_assert_true (udha_session_add_interview (sara.session, iv, &error));
    g_assert_no_error (error);
  }

  ana_history = udha_session_case_history (ana.session, case_id, &error);
  g_assert_no_error (error);
  sara_history = udha_session_case_history (sara.session, case_id, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (count_action (ana_history, "person.create_forced") + count_action (ana_history, "person.create"), ==, 1);
  g_assert_cmpuint (count_action (ana_history, "case.create"), ==, 1);
  g_assert_cmpuint (count_action (ana_history, "referral.create"), ==, 1);
  /* The supervisor's confidential entry is hers and supervisors' only. */
  g_assert_cmpuint (count_action (sara_history, "interview.create"), ==, 1);
  g_assert_cmpuint (count_action (ana_history, "interview.create"), ==, 0);
  g_assert_cmpuint (sara_history->len, ==, ana_history->len + 1);

  ben_history = udha_session_case_history (ben.session, case_id, &error);
  g_assert_null (ben_history);
  g_assert_error (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_NOT_PERMITTED);
}

static gint64
user_id (UdhaStore  *store,
         const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaUser) user = udha_store_get_user_by_name (store, name, &error);

  g_assert_no_error (error);
  return udha_user_get_id (user);
}

/* The entry of @action in @entries (the last one), or NULL. */
static UdhaAuditEntry *
find_entry (GPtrArray  *entries,
            const char *action)
{
  for (guint i = entries->len; i > 0; i--)
    {
      UdhaAuditEntry *entry = g_ptr_array_index (entries, i - 1);

      if (g_strcmp0 (entry->action, action) == 0)
        return entry;
    }
  return NULL;
}

/* Editing a case: what a caseworker may change, validation, the workflow's
 * fields kept, row-version conflicts, scope, audit. */
static void
test_update_case (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Actor) ana = { NULL, };
  g_auto(Actor) ben = { NULL, };
  g_autoptr(UdhaCase) opened = NULL;
  g_autoptr(UdhaCase) first = NULL;
  g_autoptr(UdhaCase) second = NULL;
  g_autoptr(UdhaCase) reread = NULL;
  g_autoptr(UdhaCase) other = NULL;
  g_autoptr(GPtrArray) history = NULL;
  const char *flags[] = { "urgent", "interpreter_needed", NULL };
  const char *bad_flags[] = { "no_such_flag", NULL };
  gint64 person;

  sign_in (f, &ana, "ana", PASS);
  sign_in (f, &ben, "ben", PASS);
  person = register_person (ana.session, "Rania", "Saleh");

  /* Opening with a risk level: checked against the vocabulary. */
  g_assert_null (udha_session_open_case_with_risk (ana.session, person, "protection", "extreme", NULL, &error));
  g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID);
  g_clear_error (&error);
  opened = udha_session_open_case_with_risk (ana.session, person, "protection", "medium", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (udha_case_get_risk (opened), ==, "medium");

  first = udha_session_get_case (ana.session, udha_case_get_id (opened), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (udha_case_get_risk (first), ==, "medium");
  second = udha_session_get_case (ana.session, udha_case_get_id (opened), &error);
  g_assert_no_error (error);

  /* Unknown codes are refused. */
  udha_case_set_flags (first, bad_flags);
  g_assert_false (udha_session_update_case (ana.session, first, &error));
  g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID);
  g_clear_error (&error);

  /* Risk, flags and type change; status and assignment are not the
   * caller's to change. */
  udha_case_set_flags (first, flags);
  udha_case_set_risk (first, "high");
  udha_case_set_case_type (first, "ct");
  udha_case_set_status (first, "closed");
  udha_case_set_assigned_user_id (first, 0);
  g_assert_true (udha_session_update_case (ana.session, first, &error));
  g_assert_no_error (error);
  reread = udha_session_get_case (ana.session, udha_case_get_id (opened), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (udha_case_get_risk (reread), ==, "high");
  g_assert_cmpstr (udha_case_get_case_type (reread), ==, "ct");
  g_assert_true (g_strv_equal ((const char * const *) udha_case_get_flags (reread), flags));
  g_assert_cmpstr (udha_case_get_status (reread), ==, "open");
  g_assert_cmpint (udha_case_get_assigned_user_id (reread), ==, udha_session_get_user_id (ana.session));

  /* The older copy conflicts and writes nothing. */
  udha_case_set_risk (second, "low");
  g_assert_false (udha_session_update_case (ana.session, second, &error));
  g_assert_error (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_clear_object (&reread);
  reread = udha_session_get_case (ana.session, udha_case_get_id (opened), &error);
  g_assert_cmpstr (udha_case_get_risk (reread), ==, "high");

  /* A colleague's case is not ben's to change. */
  other = udha_store_get_case (ben.store, udha_case_get_id (opened), &error);
  g_assert_no_error (error);
  udha_case_set_risk (other, "low");
  g_assert_false (udha_session_update_case (ben.session, other, &error));
  g_assert_error (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_NOT_PERMITTED);
  g_clear_error (&error);

  history = udha_session_case_history (ana.session, udha_case_get_id (opened), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_action (history, "case.update"), ==, 1);
  g_assert_nonnull (strstr (find_entry (history, "case.update")->details, "\"risk_to\":\"high\""));
}

/* Taking a case from the intake queue. */
static void
test_take_case (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Actor) ana = { NULL, };
  g_auto(Actor) ben = { NULL, };
  g_auto(Actor) sara = { NULL, };
  g_autoptr(UdhaCase) c = NULL;
  gint64 person, case_id, mine;

  sign_in (f, &ana, "ana", PASS);
  sign_in (f, &ben, "ben", PASS);
  sign_in (f, &sara, "sara", PASS);
  person = register_person (sara.session, "Nour", "Khalil");
  case_id = open_case (sara.session, person, NULL);
  mine = open_case (ben.session, register_person (ben.session, "Sami", "Aziz"), NULL);

  g_assert_true (udha_session_take_case (ana.session, case_id, &error));
  g_assert_no_error (error);
  c = udha_session_get_case (ana.session, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (udha_case_get_assigned_user_id (c), ==, udha_session_get_user_id (ana.session));
  g_assert_true (audit_has (ana.store, "case.assign"));

  /* Now it is ana's: ben can neither see nor take it; a case that is
   * someone else's cannot be taken. */
  g_assert_false (udha_session_take_case (ben.session, case_id, &error));
  g_assert_error (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_NOT_PERMITTED);
  g_clear_error (&error);
  g_assert_false (udha_session_take_case (sara.session, mine, &error));
  g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID);
  g_clear_error (&error);
  /* Taking one's own case again changes nothing. */
  g_assert_true (udha_session_take_case (ana.session, case_id, &error));
  g_assert_no_error (error);
}

/* A person's cases, as far as the session may see them. */
static void
test_cases_of_person (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Actor) ana = { NULL, };
  g_auto(Actor) sara = { NULL, };
  g_auto(Actor) dino = { NULL, };
  g_autoptr(GPtrArray) for_ana = NULL;
  g_autoptr(GPtrArray) for_sara = NULL;
  gint64 person, own;

  sign_in (f, &ana, "ana", PASS);
  sign_in (f, &sara, "sara", PASS);
  sign_in (f, &dino, "dino", PASS);
  person = register_person (ana.session, "Huda", "Mansour");
  own = open_case (ana.session, person, NULL);
  open_case (sara.session, person, "ben");

  for_ana = udha_session_list_cases_of_person (ana.session, person, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (for_ana->len, ==, 1);
  g_assert_cmpint (udha_case_get_id (g_ptr_array_index (for_ana, 0)), ==, own);
  for_sara = udha_session_list_cases_of_person (sara.session, person, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (for_sara->len, ==, 2);
  g_assert_null (udha_session_list_cases_of_person (dino.session, person, &error));
  g_assert_error (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_NOT_PERMITTED);
}

/* Bulk reassignment: a supervisor's, in their office, all or nothing, one
 * audit entry per case with its reason. */
static void
test_reassign_cases (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Actor) ana = { NULL, };
  g_auto(Actor) sara = { NULL, };
  g_auto(Actor) dino = { NULL, };
  g_autoptr(GPtrArray) history = NULL;
  gint64 ids[3], ben;

  sign_in (f, &ana, "ana", PASS);
  sign_in (f, &sara, "sara", PASS);
  sign_in (f, &dino, "dino", PASS);
  ben = user_id (sara.store, "ben");
  ids[0] = open_case (ana.session, register_person (ana.session, "Lina", "Omar"), NULL);
  ids[1] = open_case (ana.session, register_person (ana.session, "Maya", "Omar"), NULL);
  ids[2] = open_case (dino.session, register_person (dino.session, "Tala", "Omar"), NULL);

  /* A caseworker may not; a reason is required; another office's case
   * spoils the whole batch. */
  g_assert_false (udha_session_reassign_cases (ana.session, ids, 2, ben, "leave", &error));
  g_assert_error (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_NOT_PERMITTED);
  g_clear_error (&error);
  g_assert_false (udha_session_reassign_cases (sara.session, ids, 2, ben, "  ", &error));
  g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_REASON_REQUIRED);
  g_clear_error (&error);
  g_assert_false (udha_session_reassign_cases (sara.session, ids, 3, ben, "ana is on leave", &error));
  g_assert_error (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_NOT_PERMITTED);
  g_clear_error (&error);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(UdhaCase) c = udha_session_get_case (sara.session, ids[i], &error);

      g_assert_no_error (error);
      g_assert_cmpint (udha_case_get_assigned_user_id (c), ==, udha_session_get_user_id (ana.session));
    }
  /* Nor to someone of another office. */
  g_assert_false (udha_session_reassign_cases (sara.session, ids, 2, udha_session_get_user_id (dino.session),
                                               "ana is on leave", &error));
  g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (udha_session_reassign_cases (sara.session, ids, 2, ben, "ana is on leave", &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(UdhaCase) c = udha_session_get_case (sara.session, ids[i], &error);
      g_autoptr(GPtrArray) h = NULL;

      g_assert_no_error (error);
      g_assert_cmpint (udha_case_get_assigned_user_id (c), ==, ben);
      h = udha_session_case_history (sara.session, ids[i], &error);
      g_assert_no_error (error);
      g_assert_cmpuint (count_action (h, "case.assign"), ==, 1);
      g_assert_cmpstr (find_entry (h, "case.assign")->reason, ==, "ana is on leave");
      /* The text is kept out of the chained details. */
      g_assert_null (strstr (find_entry (h, "case.assign")->details, "leave"));
    }
  history = udha_session_case_history (sara.session, ids[0], &error);
  g_assert_no_error (error);
  g_assert_null (find_entry (history, "case.create")->reason);
}

/* The reasons users write are kept with the audit entries and shown in the
 * case's history. */
static void
test_reasons_in_history (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Actor) ana = { NULL, };
  g_auto(Actor) sara = { NULL, };
  g_autoptr(UdhaPerson) p = udha_person_new ();
  g_autoptr(UdhaPerson) twin = udha_person_new ();
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(UdhaConsent) consent = NULL;
  const char *citizenships[] = { "SY", NULL };
  gint64 case_id, referral;
  guint64 bad = 1;

  sign_in (f, &ana, "ana", PASS);
  sign_in (f, &sara, "sara", PASS);
  register_person (ana.session, "Yara", "Haddad");
  udha_person_set_given_name (p, "Yara");
  udha_person_set_family_name (p, "Haddad");
  udha_person_set_sex (p, "female");
  udha_person_set_dob (p, "1991-04-02");
  udha_person_set_citizenships (p, citizenships);

  /* The duplicate check finds her; registering anyway needs a reason. */
  g_assert_true (udha_session_register_person (ana.session, p, FALSE, &candidates, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (candidates->len, >, 0);
  g_assert_cmpint (udha_person_get_id (p), ==, 0);
  g_clear_pointer (&candidates, g_ptr_array_unref);
  g_assert_false (udha_session_register_person_forced (ana.session, p, "", &candidates, &error));
  g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_REASON_REQUIRED);
  g_clear_error (&error);
  g_assert_cmpint (udha_person_get_id (p), ==, 0);
  g_assert_true (udha_session_register_person_forced (ana.session, p, "different mother's name", &candidates, &error));
  g_assert_no_error (error);
  g_assert_cmpint (udha_person_get_id (p), >, 0);
  g_assert_cmpuint (candidates->len, >, 0);

  case_id = open_case (ana.session, udha_person_get_id (p), NULL);
  consent = udha_session_add_consent (ana.session, udha_person_get_id (p), "referral", "person", NULL, NULL, &error);
  g_assert_no_error (error);
  referral = add_referral (ana.session, f, case_id);
  g_assert_true (udha_session_set_referral_status (ana.session, referral, "cancelled", "wrong service chosen",
                                                   NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (udha_session_request_closure (ana.session, case_id, "other", "moved to Germany", &error));
  g_assert_no_error (error);
  g_assert_true (udha_session_reject_closure (sara.session, case_id, "legal aid still pending", &error));
  g_assert_no_error (error);
  g_assert_true (udha_session_request_closure (ana.session, case_id, "objectives_met", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (udha_session_approve_closure_with_reason (sara.session, case_id, "all services delivered", &error));
  g_assert_no_error (error);
  g_assert_true (udha_session_reopen_case (sara.session, case_id, "returned after a month", &error));
  g_assert_no_error (error);

  history = udha_session_case_history (ana.session, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (find_entry (history, "person.create_forced")->reason, ==, "different mother's name");
  g_assert_cmpstr (find_entry (history, "referral.status")->reason, ==, "wrong service chosen");
  g_assert_cmpstr (find_entry (history, "case.reject_closure")->reason, ==, "legal aid still pending");
  g_assert_cmpstr (find_entry (history, "case.approve_closure")->reason, ==, "all services delivered");
  g_assert_cmpstr (find_entry (history, "case.reopen")->reason, ==, "returned after a month");
  /* The first request had a note, the second none. */
  g_assert_null (find_entry (history, "case.request_closure")->reason);
  {
    guint with_note = 0;

    for (guint i = 0; i < history->len; i++)
      {
        UdhaAuditEntry *e = g_ptr_array_index (history, i);

        if (g_strcmp0 (e->action, "case.request_closure") == 0 && g_strcmp0 (e->reason, "moved to Germany") == 0)
          with_note++;
      }
    g_assert_cmpuint (with_note, ==, 1);
  }
  g_assert_true (udha_session_audit_verify (ana.session, &bad, &error));
  g_assert_no_error (error);
}

static char *
case_column (UdhaStore  *store,
             const char *column,
             gint64      case_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM cases WHERE id = ?1", column);
  sqlite3_stmt *stmt = udha_store_prepare (store, sql, &error);
  char *value;

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, case_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return value;
}

/* The caseload's stored keys follow every write through the session, in
 * the same transaction (schema v2 triggers). */
static void
test_stored_keys (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Actor) ana = { NULL, };
  g_autoptr(UdhaInterview) iv = udha_interview_new ();
  g_autoptr(UdhaPerson) p = NULL;
  g_autofree char *due = NULL;
  gint64 person, case_id, referral;

  sign_in (f, &ana, "ana", PASS);
  person = register_person (ana.session, "Samira", "Nouri");
  case_id = open_case (ana.session, person, NULL);
  {
    g_autofree char *name = case_column (ana.store, "sort_name", case_id);
    g_autofree char *contact = case_column (ana.store, "last_contact", case_id);

    g_assert_nonnull (name);
    g_assert_true (g_str_has_prefix (name, "nouri"));
    g_assert_null (contact);
  }

  udha_interview_set_case_id (iv, case_id);
  udha_interview_set_contact_type (iv, "phone_call");
  udha_interview_set_occurred_at (iv, "2026-01-05");
  udha_interview_set_next_follow_up (iv, "2099-02-01");
  g_assert_true (udha_session_add_interview (ana.session, iv, &error));
  g_assert_no_error (error);
  {
    g_autofree char *contact = case_column (ana.store, "last_contact", case_id);
    g_autofree char *next = case_column (ana.store, "next_follow_up", case_id);

    g_assert_cmpstr (contact, ==, "2026-01-05");
    g_assert_cmpstr (next, ==, "2099-02-01");
  }

  /* A referral's follow-up date comes first; cancelled, it no longer counts */
  referral = add_referral (ana.session, f, case_id);
  due = case_column (ana.store, "next_referral_due", case_id);
  g_assert_nonnull (due);
  {
    g_autofree char *next = case_column (ana.store, "next_follow_up", case_id);

    g_assert_cmpstr (next, ==, due);
  }
  g_assert_true (udha_session_set_referral_status (ana.session, referral, "cancelled", "not needed",
                                                   NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *after = case_column (ana.store, "next_referral_due", case_id);
    g_autofree char *next = case_column (ana.store, "next_follow_up", case_id);

    g_assert_null (after);
    g_assert_cmpstr (next, ==, "2099-02-01");
  }

  /* A new family name re-sorts the person's cases */
  p = udha_session_get_person (ana.session, person, &error);
  g_assert_no_error (error);
  udha_person_set_family_name (p, "Abbas");
  g_assert_true (udha_session_update_person (ana.session, p, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *name = case_column (ana.store, "sort_name", case_id);

    g_assert_true (g_str_has_prefix (name, "abbas"));
  }
}

/* The colleagues of one's own office, for case files and assignment. */
static void
test_list_users (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Actor) sara = { NULL, };
  g_auto(Actor) dino = { NULL, };
  g_autoptr(GPtrArray) tir = NULL;
  g_autoptr(GPtrArray) dur = NULL;

  sign_in (f, &sara, "sara", PASS);
  sign_in (f, &dino, "dino", PASS);
  tir = udha_session_list_colleagues (sara.session, &error);
  g_assert_no_error (error);
  dur = udha_session_list_colleagues (dino.session, &error);
  g_assert_no_error (error);

  /* TIR: ana, ben, sara. DUR: dino. No one from the other office. */
  g_assert_cmpuint (tir->len, ==, 3);
  g_assert_cmpuint (dur->len, ==, 1);
  for (guint i = 0; i < tir->len; i++)
    g_assert_cmpint (udha_user_get_office_id (g_ptr_array_index (tir, i)), ==, f->tir);
  g_assert_cmpstr (udha_user_get_user_name (g_ptr_array_index (dur, 0)), ==, "dino");

  /* Managing users stays with the administrator. */
  g_assert_null (udha_session_list_users (sara.session, &error));
  g_assert_error (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_NOT_PERMITTED);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_assert_cmpint (sodium_init (), >=, 0);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/udha/session/session/must-change-passphrase", test_must_change);
  ADD ("/udha/session/session/no-user-and-disabled", test_no_user_and_disabled);
  ADD ("/udha/session/session/scopes", test_scopes);
  ADD ("/udha/session/session/reassign-and-confidential", test_reassign_and_confidential);
  ADD ("/udha/session/session/consent-gate", test_consent_gate);
  ADD ("/udha/session/session/referral-transitions", test_referral_transitions);
  ADD ("/udha/session/session/closure-and-audit", test_closure_and_audit);
  ADD ("/udha/session/session/update-person", test_update_person);
  ADD ("/udha/session/session/case-history", test_case_history);
  ADD ("/udha/session/session/list-users", test_list_users);
  ADD ("/udha/session/session/update-case", test_update_case);
  ADD ("/udha/session/session/take-case", test_take_case);
  ADD ("/udha/session/session/cases-of-person", test_cases_of_person);
  ADD ("/udha/session/session/reassign-cases", test_reassign_cases);
  ADD ("/udha/session/session/reasons-in-history", test_reasons_in_history);
  ADD ("/udha/session/session/stored-keys", test_stored_keys);

  return g_test_run ();
}
