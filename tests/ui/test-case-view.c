/* test-case-view.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drives the case file the way a caseworker does, through its actions and
 * dialogs: log an interview, add a service and change its status, create a
 * referral, try to send it without consent, record consent, send it and take
 * it to Completed, cancel another with a reason, request closure. Each step
 * is checked through the session, and the History tab must list it. Saves a
 * screenshot of every tab at 1280×800 and 800×600; runs in English and
 * (UDHA_TEST_LANG=sq) in Albanian.
 */

#define _GNU_SOURCE

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "udha-application.h"
#include "udha-case.h"
#include "udha-case-view.h"
#include "udha-consent.h"
#include "udha-core.h"
#include "udha-form-dialog.h"
#include "udha-interview.h"
#include "udha-lookup.h"
#include "udha-office.h"
#include "udha-organisation.h"
#include "udha-person.h"
#include "udha-referral.h"
#include "udha-service.h"
#include "udha-session.h"
#include "udha-test-utils.h"
#include "udha-user.h"
#include "udha-vault.h"

#define ADMIN       "a.hoxha"
#define ADMIN_PASS  "lumi drini ura guri 2026"
#define WORKER      "e.leka"
#define WORKER_NAME "Elira Leka"
#define OTP         "nje here vetem 2026"
#define WORKER_PASS "mali i thate ne veri"

typedef struct
{
  char         *dir;
  char         *path;
  gint64        org_id;
  UdhaVault    *vault;
  UdhaStore    *store;
  UdhaSession  *session;
  GtkWidget    *window;
  UdhaCaseView *view;
  gint64        case_id;
  gint64        person_id;
} Fixture;

/* A vault with an office, a caseworker and two partner organisations. */
static void
make_vault (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaOffice) office = NULL;
  g_autoptr(UdhaUser) user = NULL;
  g_autoptr(UdhaOrganisation) org = udha_organisation_new ();
  g_autoptr(UdhaOrganisation) org2 = udha_organisation_new ();
  g_autoptr(UdhaOrganisation) saved = NULL;
  g_autoptr(UdhaOrganisation) saved2 = NULL;
  g_autoptr(UdhaVault) worker = NULL;
  UdhaVaultSecret *recovery = NULL;
  UdhaVault *vault;
  const char *services[] = { "legal", "shelter", NULL };
  const char *services2[] = { "health", "psychosocial", NULL };

  f->dir = g_dir_make_tmp ("udha-case-view-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "cases.udb", NULL);
  vault = udha_vault_create (f->path, ADMIN, ADMIN_PASS, UDHA_VAULT_KDF_TEST_MIN, &recovery, &error);
  g_assert_no_error (error);
  udha_vault_secret_free (recovery);
  udha_vault_lock (vault);
  g_object_unref (vault);

  udha_test_sign_in (f->path, ADMIN, ADMIN_PASS, &f->vault, &f->store, &f->session);
  office = udha_session_add_office (f->session, "TIR", "Tirana", &error);
  g_assert_no_error (error);
  user = udha_session_add_user (f->session, ADMIN_PASS, WORKER, OTP, "caseworker",
                                udha_office_get_id (office), WORKER_NAME, &error);
  g_assert_no_error (error);
  udha_organisation_set_name (org, "Qendra Ligjore");
  udha_organisation_set_org_type (org, "ngo");
  udha_organisation_set_services (org, services);
  saved = udha_session_add_organisation (f->session, org, &error);
  g_assert_no_error (error);
  f->org_id = udha_organisation_get_id (saved);
  udha_organisation_set_name (org2, "Qendra Shëndetësore Tiranë");
  udha_organisation_set_org_type (org2, "state");
  udha_organisation_set_services (org2, services2);
  saved2 = udha_session_add_organisation (f->session, org2, &error);
  g_assert_no_error (error);
  udha_test_sign_out (&f->vault, &f->store, &f->session);

  worker = udha_vault_unlock (f->path, WORKER, OTP, &error);
  g_assert_no_error (error);
  g_assert_true (udha_vault_change_passphrase (worker, OTP, WORKER_PASS, &error));
  g_assert_no_error (error);
  udha_vault_lock (worker);
}

static void
open_case (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaPerson) p = udha_person_new ();
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(UdhaCase) case_ = NULL;
  const char *citizenships[] = { "SY", NULL };
  const char *languages[] = { "ara", "eng", NULL };
  const UdhaLookupEntry *types;
  guint n = 0;

  udha_person_set_given_name (p, "Amina");
  udha_person_set_family_name (p, "Haddad");
  udha_person_set_father_name (p, "Karim");
  udha_person_set_sex (p, "female");
  udha_person_set_dob (p, "1991-04-02");
  udha_person_set_citizenships (p, citizenships);
  udha_person_set_languages (p, languages);
  udha_person_set_phone (p, "+355 69 000 0000");
  udha_person_add_document (p, "passport", "N0123456", "SY", "2029-05-31", FALSE);
  udha_person_add_vulnerability (p, "single_parent", "medium");
  udha_session_register_person (f->session, p, TRUE, &candidates, &error);
  g_assert_no_error (error);
  f->person_id = udha_person_get_id (p);

  types = udha_lookup_list (UDHA_LOOKUP_CASE_TYPE, &n);
  g_assert_cmpuint (n, >, 0);
  case_ = udha_session_open_case (f->session, f->person_id, types[0].code, WORKER, &error);
  g_assert_no_error (error);
  f->case_id = udha_case_get_id (case_);
}

static guint
count_audit (Fixture    *f,
             const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = udha_session_audit_list (f->session, 0, 1000, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    n += g_strcmp0 (((UdhaAuditEntry *) g_ptr_array_index (entries, i))->action, action) == 0;
  return n;
}

static void
shoot (Fixture    *f,
       const char *name)
{
  g_autofree char *file = g_strdup_printf ("case-%s-%s.png", name, udha_test_lang ());

  udha_test_iterate (300);   /* let crossfades and size changes finish */
  /* The view, not the window: the toasts of earlier steps are queued on the
   * window's overlay and would cover the lists. */
  udha_test_save_screenshot (GTK_WIDGET (f->view), file);
}

static void
shoot_dialog (GtkWidget  *dialog,
              const char *name)
{
  g_autofree char *file = g_strdup_printf ("case-%s-%s.png", name, udha_test_lang ());

  gtk_test_widget_wait_for_draw (dialog);
  udha_test_iterate (300);
  udha_test_save_screenshot (dialog, file);
}

static UdhaFormDialog *
find_form (const char *id)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (UDHA_IS_FORM_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          g_strcmp0 (udha_form_dialog_get_id (UDHA_FORM_DIALOG (window)), id) == 0)
        return UDHA_FORM_DIALOG (window);
    }
  return NULL;
}

static gboolean
form_shown_cb (gpointer data)
{
  return find_form (data) != NULL;
}

static gboolean
form_gone_cb (gpointer data)
{
  return find_form (data) == NULL;
}

static UdhaFormDialog *
open_form (Fixture    *f,
           const char *action,
           GVariant   *param,
           const char *id)
{
  UdhaFormDialog *dialog;

  g_assert_null (find_form (id));
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (f->view), action, param));
  g_assert_true (udha_test_wait_until (form_shown_cb, (gpointer) id, 5000));
  dialog = find_form (id);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  return dialog;
}

static void
submit_ok (UdhaFormDialog *dialog,
           const char     *id)
{
  udha_form_dialog_submit (dialog);
  if (find_form (id) != NULL)
    g_error ("The %s form stayed open: %s", id, udha_form_dialog_get_error (dialog));
  g_assert_true (udha_test_wait_until (form_gone_cb, (gpointer) id, 5000));
}

static AdwMessageDialog *
find_message (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
message_shown_cb (gpointer data)
{
  return find_message () != NULL;
}

static gboolean
chooser_shown_cb (gpointer data)
{
  return udha_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL;
}

static gboolean
chooser_done_cb (gpointer data)
{
  return g_object_get_data (G_OBJECT (data), "slip-chooser") == NULL;
}

static const char *
first_code (UdhaLookupKind kind,
            guint          index)
{
  guint n = 0;
  const UdhaLookupEntry *entries = udha_lookup_list (kind, &n);

  g_assert_cmpuint (index, <, n);
  return entries[index].code;
}

static UdhaReferral *
only_referral (Fixture *f,
               guint    index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) referrals = udha_session_list_referrals (f->session, f->case_id, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (referrals->len, >, index);
  return g_object_ref (g_ptr_array_index (referrals, index));
}

static void
set_referral_status (Fixture    *f,
                     gint64      id,
                     const char *status)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "case.referral-status", "(xs)", id, status));
  udha_test_iterate (50);
}

static void
show_tab (Fixture    *f,
          const char *tab)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "case.show-tab", "s", tab));
}

static char *
list_text (Fixture    *f,
           const char *list)
{
  GObject *widget = gtk_widget_get_template_child (GTK_WIDGET (f->view), UDHA_TYPE_CASE_VIEW, list);

  g_assert_nonnull (widget);
  return udha_test_collect_text (GTK_WIDGET (widget));
}

static void
test_case_view_flow (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaApplication) app = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) earlier = g_date_time_add_hours (now, -2);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *when = g_date_time_format (earlier, "%d.%m.%Y %H:%M");
  g_autofree char *planned = g_date_time_format (tomorrow, "%d.%m.%Y");
  g_autoptr(GDateTime) month_ago = g_date_time_add_days (now, -30);
  g_autofree char *past = g_date_time_format (month_ago, "%d.%m.%Y");
  g_autofree char *past_iso = g_date_time_format (month_ago, "%Y-%m-%d");
  g_autofree char *org_ref = NULL;
  g_autofree char *history = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(UdhaReferral) referral = NULL;
  g_autoptr(UdhaReferral) second = NULL;
  g_autoptr(UdhaReferral) third = NULL;
  g_autoptr(UdhaCase) case_ = NULL;
  g_autoptr(GPtrArray) interviews = NULL;
  g_autoptr(GPtrArray) services = NULL;
  g_autoptr(GPtrArray) consents = NULL;
  Fixture f = { 0, };
  GtkWidget *overlay;
  UdhaFormDialog *dialog;
  AdwMessageDialog *message;
  UdhaService *service;
  gint64 referral_id;
  const char *note_reason = NULL;
  guint n = 0;
  const UdhaLookupEntry *reasons;

  make_vault (&f);
  udha_test_sign_in (f.path, WORKER, WORKER_PASS, &f.vault, &f.store, &f.session);
  open_case (&f);

  app = udha_application_new ("io.github.udha.Udha.CaseViewTest", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  /* Opening the case file is audited. */
  g_assert_cmpuint (count_audit (&f, "case.open"), ==, 0);
  f.view = UDHA_CASE_VIEW (udha_case_view_new (f.session, f.case_id, &error));
  g_assert_no_error (error);
  g_assert_true (UDHA_IS_CASE_VIEW (f.view));
  g_assert_cmpuint (count_audit (&f, "case.open"), ==, 1);
  g_assert_false (udha_case_view_has_unsaved_changes (f.view));

  f.window = adw_application_window_new (GTK_APPLICATION (app));
  overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (f.view));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (f.window), overlay);
  gtk_window_set_default_size (GTK_WINDOW (f.window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f.window));
  gtk_test_widget_wait_for_draw (f.window);

  /* 0. Risk and flags, from the header; then a conflict with another save. */
  {
    const char *flag = first_code (UDHA_LOOKUP_CASE_FLAG, 0);
    g_autofree char *flag_field = g_strdup_printf ("flag-%s", flag);
    g_autoptr(UdhaCase) stored = NULL;
    g_autoptr(UdhaCase) other = NULL;
    g_autofree char *text = NULL;
    GtkWindow *conflict;

    dialog = open_form (&f, "case.edit-case", NULL, "case");
    g_assert_true (udha_form_dialog_set_code (dialog, "risk", "high"));
    udha_form_dialog_set_active (dialog, flag_field, TRUE);
    shoot_dialog (GTK_WIDGET (dialog), "risk-dialog");
    submit_ok (dialog, "case");
    stored = udha_session_get_case (f.session, f.case_id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (udha_case_get_risk (stored), ==, "high");
    g_assert_nonnull (udha_case_get_flags (stored));
    g_assert_true (g_strv_contains (udha_case_get_flags (stored), flag));
    g_assert_cmpuint (count_audit (&f, "case.update"), ==, 1);
    text = udha_test_collect_text (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f.view), UDHA_TYPE_CASE_VIEW,
                                                                              "details_label")));
    g_assert_nonnull (strstr (text, udha_lookup_get_label (UDHA_LOOKUP_RISK_LEVEL, "high")));
    g_clear_pointer (&text, g_free);

    other = udha_session_get_case (f.session, f.case_id, &error);
    g_assert_no_error (error);
    udha_case_set_risk (other, "low");
    g_assert_true (udha_session_update_case (f.session, other, &error));
    g_assert_no_error (error);
    dialog = open_form (&f, "case.edit-case", NULL, "case");
    g_assert_true (udha_form_dialog_set_code (dialog, "risk", "medium"));
    submit_ok (dialog, "case");
    conflict = udha_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
    g_assert_nonnull (conflict);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (conflict)),
                              udha_lookup_get_label (UDHA_LOOKUP_RISK_LEVEL, "low")));
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (conflict), "mine");
    udha_test_iterate (100);
    gtk_window_destroy (conflict);
    g_clear_object (&stored);
    stored = udha_session_get_case (f.session, f.case_id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (udha_case_get_risk (stored), ==, "medium");
    g_assert_true (g_strv_contains (udha_case_get_flags (stored), flag));
    text = list_text (&f, "history_list");
    expected = g_strdup_printf (_("%s changed the risk level to %s"), WORKER_NAME,
                                udha_lookup_get_label (UDHA_LOOKUP_RISK_LEVEL, "medium"));
    g_assert_nonnull (strstr (text, expected));
    g_clear_pointer (&expected, g_free);
  }

  /* 1. Log an interview: a wrong date first, then a good one. */
  dialog = open_form (&f, "case.add-contact", NULL, "interview");
  g_assert_true (udha_form_dialog_set_code (dialog, "contact-type", first_code (UDHA_LOOKUP_CONTACT_TYPE, 1)));
  g_assert_true (udha_form_dialog_set_code (dialog, "location", first_code (UDHA_LOOKUP_CONTACT_LOCATION, 0)));
  g_assert_true (udha_form_dialog_set_code (dialog, "language", "ara"));
  g_assert_true (udha_form_dialog_set_code (dialog, "interpreter", first_code (UDHA_LOOKUP_INTERPRETER, 1)));
  g_assert_true (udha_form_dialog_set_code (dialog, "consent", "yes"));
  udha_form_dialog_set_active (dialog, "confidential", TRUE);
  udha_form_dialog_set_text (dialog, "narrative", "Arrived at the shelter on foot; asks for legal advice on asylum.");
  udha_form_dialog_set_text (dialog, "when", "31.02.2026 10:00");
  udha_form_dialog_submit (dialog);
  g_assert_nonnull (find_form ("interview"));
  g_assert_nonnull (udha_form_dialog_get_error (dialog));
  udha_form_dialog_set_text (dialog, "when", when);
  shoot_dialog (GTK_WIDGET (dialog), "interview-dialog");
  submit_ok (dialog, "interview");
  interviews = udha_session_list_interviews (f.session, f.case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (interviews->len, ==, 1);
  g_assert_true (udha_interview_get_confidential (g_ptr_array_index (interviews, 0)));
  g_assert_cmpstr (udha_interview_get_language (g_ptr_array_index (interviews, 0)), ==, "ara");
  g_assert_cmpstr (udha_interview_get_consent_reconfirmed (g_ptr_array_index (interviews, 0)), ==, "yes");
  g_assert_cmpuint (count_audit (&f, "interview.create"), ==, 1);

  /* 1b. Correct the interview; then again, after someone else saved it. */
  {
    gint64 interview_id = udha_interview_get_id (g_ptr_array_index (interviews, 0));
    g_autoptr(GPtrArray) again = NULL;
    g_autoptr(GPtrArray) other = NULL;
    g_autofree char *text = NULL;
    UdhaInterview *theirs;
    GtkWindow *conflict;

    dialog = open_form (&f, "case.edit-interview", g_variant_new_int64 (interview_id), "interview");
    text = udha_form_dialog_dup_long_text (dialog, "narrative");
    g_assert_cmpstr (text, ==, "Arrived at the shelter on foot; asks for legal advice on asylum.");
    g_assert_cmpstr (udha_form_dialog_get_code (dialog, "language"), ==, "ara");
    g_assert_true (udha_form_dialog_get_active (dialog, "confidential"));
    udha_form_dialog_set_text (dialog, "narrative", "Arrived at the shelter on foot; asks for legal advice.");
    submit_ok (dialog, "interview");
    again = udha_session_list_interviews (f.session, f.case_id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (again->len, ==, 1);
    g_assert_cmpstr (udha_interview_get_narrative (g_ptr_array_index (again, 0)), ==,
                     "Arrived at the shelter on foot; asks for legal advice.");
    g_assert_cmpstr (udha_interview_get_language (g_ptr_array_index (again, 0)), ==, "ara");
    g_assert_cmpuint (count_audit (&f, "interview.update"), ==, 1);

    /* Someone else saves it while the form is open here. */
    dialog = open_form (&f, "case.edit-interview", g_variant_new_int64 (interview_id), "interview");
    other = udha_session_list_interviews (f.session, f.case_id, &error);
    theirs = g_ptr_array_index (other, 0);
    udha_interview_set_narrative (theirs, "Their version of the summary.");
    g_assert_true (udha_session_edit_interview (f.session, theirs, NULL, &error));
    g_assert_no_error (error);
    udha_form_dialog_set_text (dialog, "narrative", "My version of the summary.");
    submit_ok (dialog, "interview");
    conflict = udha_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
    g_assert_nonnull (conflict);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (conflict)), "Their version"));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (conflict)), "My version"));
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (conflict), "mine");
    udha_test_iterate (100);
    gtk_window_destroy (conflict);
    g_clear_pointer (&again, g_ptr_array_unref);
    again = udha_session_list_interviews (f.session, f.case_id, &error);
    g_assert_cmpstr (udha_interview_get_narrative (g_ptr_array_index (again, 0)), ==, "My version of the summary.");
    g_assert_cmpuint (count_audit (&f, "interview.update"), ==, 3);
  }

  /* 2. Add a service, then change its status. */
  dialog = open_form (&f, "case.add-service", NULL, "service");
  g_assert_true (udha_form_dialog_set_code (dialog, "service", "legal"));
  g_assert_true (udha_form_dialog_set_code (dialog, "provider", "in_house"));
  udha_form_dialog_set_text (dialog, "planned", planned);
  submit_ok (dialog, "service");
  services = udha_session_list_services (f.session, f.case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (services->len, ==, 1);
  service = g_ptr_array_index (services, 0);
  g_assert_cmpstr (udha_service_get_service_code (service), ==, "legal");
  g_assert_cmpstr (udha_service_get_status (service), ==, "planned");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "case.service-status", "(xs)",
                                             udha_service_get_id (service), "in_progress"));
  g_clear_pointer (&services, g_ptr_array_unref);
  services = udha_session_list_services (f.session, f.case_id, &error);
  g_assert_cmpstr (udha_service_get_status (g_ptr_array_index (services, 0)), ==, "in_progress");
  g_assert_cmpuint (count_audit (&f, "service.status"), ==, 1);

  /* Two saves in one turn, then another while the toast is up: one toast
   * at a time, showing the latest message (libadwaita 1.2 crashes when a
   * toast is dismissed and another added in the same turn). */
  {
    gint64 service_id = udha_service_get_id (g_ptr_array_index (services, 0));
    g_autofree char *first = g_strdup_printf (_("Service status changed to %s"),
                                              udha_lookup_get_label (UDHA_LOOKUP_SERVICE_STATUS, "completed"));
    g_autofree char *last = g_strdup_printf (_("Service status changed to %s"),
                                             udha_lookup_get_label (UDHA_LOOKUP_SERVICE_STATUS, "in_progress"));
    g_autofree char *text = NULL;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "case.service-status", "(xs)",
                                               service_id, "completed"));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "case.service-status", "(xs)",
                                               service_id, "not_required"));
    udha_test_iterate (300);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "case.service-status", "(xs)",
                                               service_id, "in_progress"));
    udha_test_iterate (300);
    text = udha_test_collect_text (overlay);
    g_assert_nonnull (strstr (text, last));
    g_assert_null (strstr (text, first));
    g_assert_null (find_message ());
    g_assert_cmpuint (count_audit (&f, "service.status"), ==, 4);
  }

  /* 3. A referral, saved as a draft. */
  org_ref = g_strdup_printf ("%" G_GINT64_FORMAT, f.org_id);
  dialog = open_form (&f, "case.refer", NULL, "referral");
  g_assert_true (udha_form_dialog_set_code (dialog, "organisation", org_ref));
  g_assert_true (udha_form_dialog_set_code (dialog, "service", "legal"));
  g_assert_true (udha_form_dialog_set_code (dialog, "urgency", "priority"));
  shoot_dialog (GTK_WIDGET (dialog), "referral-dialog");
  submit_ok (dialog, "referral");
  referral = only_referral (&f, 0);
  referral_id = udha_referral_get_id (referral);
  g_assert_cmpstr (udha_referral_get_status (referral), ==, "draft");
  g_assert_cmpint (udha_referral_get_org_id (referral), ==, f.org_id);
  g_assert_cmpstr (udha_referral_get_urgency (referral), ==, "priority");

  /* 4. Sending is blocked without consent, and the message says which. */
  set_referral_status (&f, referral_id, "sent");
  g_assert_true (udha_test_wait_until (message_shown_cb, NULL, 5000));
  message = find_message ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message),
                            _("No valid consent to referral for this person. "
                              "Record the person’s consent on the Profile tab first.")));
  shoot_dialog (GTK_WIDGET (message), "consent-blocked");
  g_clear_object (&referral);
  referral = only_referral (&f, 0);
  g_assert_cmpstr (udha_referral_get_status (referral), ==, "draft");
  adw_message_dialog_response (message, "profile");
  if (find_message () != NULL)
    gtk_window_destroy (GTK_WINDOW (message));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (
                     ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (f.view), UDHA_TYPE_CASE_VIEW, "view_stack"))),
                   ==, "profile");

  /* 5. Record consent to referral on the Profile tab. */
  dialog = open_form (&f, "case.add-consent", NULL, "consent");
  g_assert_cmpstr (udha_form_dialog_get_code (dialog, "purpose"), ==, "referral");
  submit_ok (dialog, "consent");
  consents = udha_session_list_consents (f.session, f.person_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (consents->len, ==, 1);
  g_assert_cmpstr (udha_consent_get_purpose (g_ptr_array_index (consents, 0)), ==, "referral");

  /* 6. Send, accept, start, complete (an outcome is asked for). */
  set_referral_status (&f, referral_id, "sent");
  g_assert_null (find_message ());
  g_clear_object (&referral);
  referral = only_referral (&f, 0);
  g_assert_cmpstr (udha_referral_get_status (referral), ==, "sent");
  g_assert_cmpint (udha_referral_get_consent_id (referral), >, 0);

  /* 6b. Print the referral slip: a language, then the file to save. */
  {
    g_autofree char *slip = g_build_filename (f.dir, "slip.pdf", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (slip);
    g_autofree char *contents = NULL;
    gsize len = 0;

    dialog = open_form (&f, "case.print-slip", g_variant_new_int64 (referral_id), "slip");
    g_assert_true (udha_form_dialog_set_code (dialog, "language", "sq"));
    shoot_dialog (GTK_WIDGET (dialog), "slip-dialog");
    submit_ok (dialog, "slip");
    g_assert_true (GTK_IS_FILE_CHOOSER_NATIVE (g_object_get_data (G_OBJECT (f.view), "slip-chooser")));
    /* Without a portal, the chooser is GTK's own dialog: pick the file in
     * it and press Save. */
    g_assert_true (udha_test_wait_until (chooser_shown_cb, NULL, 5000));
    {
      GtkWindow *files = udha_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG);

      gtk_test_widget_wait_for_draw (GTK_WIDGET (files));
      g_autoptr(GFile) folder = g_file_get_parent (file);

      g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (files), folder, NULL));
      udha_test_iterate (500);   /* the folder loads asynchronously */
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (files), "slip.pdf");
      gtk_dialog_response (GTK_DIALOG (files), GTK_RESPONSE_ACCEPT);
    }
    g_assert_true (udha_test_wait_until (chooser_done_cb, f.view, 5000));
    g_assert_null (g_object_get_data (G_OBJECT (f.view), "slip-chooser"));
    if (find_message () != NULL)
      g_error ("Slip not saved: %s", adw_message_dialog_get_body (find_message ()));
    g_assert_true (g_file_get_contents (slip, &contents, &len, NULL));
    g_assert_cmpuint (len, >, 4);
    g_assert_true (memcmp (contents, "%PDF", 4) == 0);
    g_assert_cmpuint (count_audit (&f, "referral.slip"), ==, 1);
  }

  set_referral_status (&f, referral_id, "accepted");
  set_referral_status (&f, referral_id, "in_service");
  g_clear_object (&referral);
  referral = only_referral (&f, 0);
  g_assert_cmpstr (udha_referral_get_status (referral), ==, "in_service");
  dialog = open_form (&f, "case.referral-status", g_variant_new ("(xs)", referral_id, "completed"), "referral-status");
  g_assert_true (udha_form_dialog_set_code (dialog, "outcome", first_code (UDHA_LOOKUP_REFERRAL_OUTCOME, 0)));
  submit_ok (dialog, "referral-status");
  g_clear_object (&referral);
  referral = only_referral (&f, 0);
  g_assert_cmpstr (udha_referral_get_status (referral), ==, "completed");
  g_assert_cmpstr (udha_referral_get_outcome (referral), ==, first_code (UDHA_LOOKUP_REFERRAL_OUTCOME, 0));

  /* 7. A second referral, cancelled: the reason is required. */
  dialog = open_form (&f, "case.refer", NULL, "referral");
  g_assert_true (udha_form_dialog_set_code (dialog, "service", "health"));
  submit_ok (dialog, "referral");
  second = only_referral (&f, 1);
  g_assert_cmpstr (udha_referral_get_status (second), ==, "draft");
  dialog = open_form (&f, "case.referral-status",
                      g_variant_new ("(xs)", udha_referral_get_id (second), "cancelled"), "referral-status");
  udha_form_dialog_submit (dialog);
  g_assert_nonnull (find_form ("referral-status"));
  g_assert_nonnull (udha_form_dialog_get_error (dialog));
  udha_form_dialog_set_text (dialog, "reason", "Created twice by mistake");
  shoot_dialog (GTK_WIDGET (dialog), "reason-dialog");
  submit_ok (dialog, "referral-status");
  g_clear_object (&second);
  second = only_referral (&f, 1);
  g_assert_cmpstr (udha_referral_get_status (second), ==, "cancelled");

  /* 7b. A third referral, sent, whose follow-up date has passed: overdue. */
  dialog = open_form (&f, "case.refer", NULL, "referral");
  g_assert_true (udha_form_dialog_set_code (dialog, "service", "shelter"));
  udha_form_dialog_set_text (dialog, "follow-up", past);
  submit_ok (dialog, "referral");
  g_clear_object (&third);
  third = only_referral (&f, 2);
  g_assert_cmpstr (udha_referral_get_follow_up_due (third), ==, past_iso);
  set_referral_status (&f, udha_referral_get_id (third), "sent");
  g_clear_object (&third);
  third = only_referral (&f, 2);
  g_assert_cmpstr (udha_referral_get_status (third), ==, "sent");
  g_assert_true (udha_referral_is_overdue (third, NULL));
  history = list_text (&f, "referrals_list");
  g_assert_nonnull (strstr (history, C_("referral", "Overdue")));
  g_clear_pointer (&history, g_free);

  /* Screenshots of every tab, at both sizes, on the window's background. */
  gtk_widget_add_css_class (GTK_WIDGET (f.view), "background");
  for (guint size = 0; size < 2; size++)
    {
      static const char * const tabs[] = { "profile", "interviews", "services", "referrals", "history" };

      gtk_window_set_default_size (GTK_WINDOW (f.window), size == 0 ? 1280 : 800, size == 0 ? 800 : 600);
      for (guint i = 0; i < G_N_ELEMENTS (tabs); i++)
        {
          g_autofree char *name = size == 0 ? g_strdup (tabs[i]) : g_strdup_printf ("%s-800x600", tabs[i]);

          show_tab (&f, tabs[i]);
          shoot (&f, name);
        }
    }
  gtk_window_set_default_size (GTK_WINDOW (f.window), 1280, 800);

  /* 8. Request closure: a reason that needs a note, without and with it. */
  reasons = udha_lookup_list (UDHA_LOOKUP_CLOSURE_REASON, &n);
  for (guint i = 0; i < n; i++)
    if ((reasons[i].flags & UDHA_LOOKUP_FLAG_NEEDS_NOTE) != 0)
      note_reason = reasons[i].code;
  g_assert_nonnull (note_reason);
  dialog = open_form (&f, "case.request-closure", NULL, "closure");
  g_assert_true (udha_form_dialog_set_code (dialog, "reason", note_reason));
  udha_form_dialog_submit (dialog);
  g_assert_nonnull (find_form ("closure"));
  g_assert_nonnull (udha_form_dialog_get_error (dialog));
  udha_form_dialog_set_text (dialog, "note", "Moved on to another country");
  shoot_dialog (GTK_WIDGET (dialog), "closure-dialog");
  submit_ok (dialog, "closure");
  case_ = udha_session_get_case (f.session, f.case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (udha_case_get_status (case_), ==, "closure_requested");
  g_assert_cmpstr (udha_case_get_closure_reason (case_), ==, note_reason);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f.view),
                                                                                      UDHA_TYPE_CASE_VIEW,
                                                                                      "closure_button"))));

  /* 9. The History tab tells all of it in words. */
  show_tab (&f, "history");
  shoot (&f, "history-closed");
  history = list_text (&f, "history_list");
  g_test_message ("%s", history);
  expected = g_strdup_printf (_("%s changed the status of the referral for %s to %s"), WORKER_NAME,
                              udha_lookup_get_label (UDHA_LOOKUP_SERVICE, "legal"),
                              udha_lookup_get_label (UDHA_LOOKUP_REFERRAL_STATUS, "completed"));
  g_assert_nonnull (strstr (history, expected));
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf (_("%s printed a referral slip"), WORKER_NAME);
  g_assert_nonnull (strstr (history, expected));
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf (_("%s requested closure of the case"), WORKER_NAME);
  g_assert_nonnull (strstr (history, expected));
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf (_("%s added the service %s"), WORKER_NAME,
                              udha_lookup_get_label (UDHA_LOOKUP_SERVICE, "legal"));
  g_assert_nonnull (strstr (history, expected));
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf (_("%s recorded the person’s consent: %s"), WORKER_NAME,
                              udha_lookup_get_label (UDHA_LOOKUP_CONSENT_PURPOSE, "referral"));
  g_assert_nonnull (strstr (history, expected));

  /* The interview list marks the confidential note. */
  g_clear_pointer (&history, g_free);
  history = list_text (&f, "interviews_list");
  g_assert_nonnull (strstr (history, _("Confidential")));

  /* 10. Correct the person's phone number on the Profile tab and save. */
  show_tab (&f, "profile");
  {
    GtkWidget *phone = udha_test_find_widget (GTK_WIDGET (f.view), ADW_TYPE_ENTRY_ROW, _("Phone"));
    g_autoptr(UdhaPerson) stored = NULL;
    g_autoptr(UdhaPerson) other = NULL;
    GtkWindow *conflict;

    g_assert_nonnull (phone);
    gtk_editable_set_text (GTK_EDITABLE (phone), "+355 69 555 0101");
    g_assert_true (udha_case_view_has_unsaved_changes (f.view));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "case.save", NULL));
    udha_test_iterate (50);
    g_assert_false (udha_case_view_has_unsaved_changes (f.view));
    stored = udha_session_get_person (f.session, f.person_id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (udha_person_get_phone (stored), ==, "+355 69 555 0101");
    g_assert_cmpuint (count_audit (&f, "person.update"), ==, 1);

    /* Meanwhile someone else records the occupation; this file still has the
     * older version, so saving another phone number meets a conflict. */
    other = udha_session_get_person (f.session, f.person_id, &error);
    g_assert_no_error (error);
    udha_person_set_occupation (other, "nurse");
    g_assert_true (udha_session_update_person (f.session, other, NULL, &error));
    g_assert_no_error (error);

    phone = udha_test_find_widget (GTK_WIDGET (f.view), ADW_TYPE_ENTRY_ROW, _("Phone"));
    gtk_editable_set_text (GTK_EDITABLE (phone), "+355 69 555 0202");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "case.save", NULL));
    conflict = udha_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
    g_assert_nonnull (conflict);
    shoot_dialog (GTK_WIDGET (conflict), "conflict-dialog");
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (conflict), "mine");
    udha_test_iterate (100);
    /* A click closes the dialog; adw_message_dialog_response() only answers it. */
    gtk_window_destroy (conflict);

    /* Mine on top of theirs: my phone number, their occupation. */
    g_clear_object (&stored);
    stored = udha_session_get_person (f.session, f.person_id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (udha_person_get_phone (stored), ==, "+355 69 555 0202");
    g_assert_cmpstr (udha_person_get_occupation (stored), ==, "nurse");
    g_assert_false (udha_case_view_has_unsaved_changes (f.view));
    shoot (&f, "profile-saved");
  }

  /* 10b. The other personal details, in their form: the year of birth only,
   * a civil status, a migration status, an address; then a conflict with
   * someone who changed the address meanwhile. */
  {
    g_autoptr(UdhaPerson) stored = NULL;
    g_autoptr(UdhaPerson) other = NULL;
    const char *migration = first_code (UDHA_LOOKUP_MIGRATION_STATUS, 0);
    const char *migration2 = first_code (UDHA_LOOKUP_MIGRATION_STATUS, 1);
    GtkWindow *conflict;

    dialog = open_form (&f, "case.edit-details", NULL, "details");
    udha_form_dialog_set_text (dialog, "dob", "");
    udha_form_dialog_set_text (dialog, "age", "");
    udha_form_dialog_submit (dialog);
    g_assert_nonnull (find_form ("details"));          /* a date of birth or an age is needed */
    g_assert_nonnull (udha_form_dialog_get_error (dialog));
    udha_form_dialog_set_text (dialog, "dob", "1990");
    g_assert_true (udha_form_dialog_set_code (dialog, "marital", "married"));
    g_assert_true (udha_form_dialog_set_code (dialog, "migration", migration));
    udha_form_dialog_set_text (dialog, "address", "Rruga e Durrësit 12, Tiranë");
    g_assert_cmpstr (udha_form_dialog_get_code (dialog, "citizenship"), ==, "SY");
    g_assert_cmpstr (udha_form_dialog_get_code (dialog, "language"), ==, "ara");
    g_assert_true (udha_form_dialog_set_code (dialog, "citizenship", "stateless"));
    shoot_dialog (GTK_WIDGET (dialog), "details-dialog");
    submit_ok (dialog, "details");
    stored = udha_session_get_person (f.session, f.person_id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (udha_person_get_dob (stored), ==, "1990");
    g_assert_cmpstr (udha_person_get_marital_status (stored), ==, "married");
    g_assert_cmpstr (udha_person_get_migration_status (stored), ==, migration);
    g_assert_cmpstr (udha_person_get_address (stored), ==, "Rruga e Durrësit 12, Tiranë");
    g_assert_cmpstr (udha_person_get_sex (stored), ==, "female");
    g_assert_cmpstr (udha_person_get_citizenships (stored)[0], ==, "stateless");
    g_assert_null (udha_person_get_citizenships (stored)[1]);
    g_assert_cmpstr (udha_person_get_languages (stored)[0], ==, "ara");
    g_assert_cmpstr (udha_person_get_languages (stored)[1], ==, "eng");
    g_assert_cmpstr (udha_person_get_phone (stored), ==, "+355 69 555 0202");

    other = udha_session_get_person (f.session, f.person_id, &error);
    g_assert_no_error (error);
    udha_person_set_address (other, "Rruga Myslym Shyri 3, Tiranë");
    g_assert_true (udha_session_update_person (f.session, other, NULL, &error));
    g_assert_no_error (error);
    dialog = open_form (&f, "case.edit-details", NULL, "details");
    g_assert_true (udha_form_dialog_set_code (dialog, "migration", migration2));
    submit_ok (dialog, "details");
    conflict = udha_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
    g_assert_nonnull (conflict);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (conflict)),
                              udha_lookup_get_label (UDHA_LOOKUP_MIGRATION_STATUS, migration2)));
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (conflict), "mine");
    udha_test_iterate (100);
    gtk_window_destroy (conflict);
    g_clear_object (&stored);
    stored = udha_session_get_person (f.session, f.person_id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (udha_person_get_migration_status (stored), ==, migration2);
    g_assert_cmpstr (udha_person_get_address (stored), ==, "Rruga Myslym Shyri 3, Tiranë");
  }

  /* 11. The person's lists: add a document, a vulnerability and a household
   * member through their forms, remove the first document. */
  {
    g_autoptr(UdhaPerson) stored = NULL;
    g_autoptr(UdhaPerson) other = NULL;
    g_autofree char *text = NULL;
    UdhaPersonDocument *doc;
    UdhaHouseholdLink *link;
    GtkWindow *conflict;

    dialog = open_form (&f, "case.add-document", NULL, "document");
    g_assert_true (udha_form_dialog_set_code (dialog, "type", "national_id"));
    g_assert_true (udha_form_dialog_set_code (dialog, "country", "SY"));
    udha_form_dialog_submit (dialog);
    g_assert_nonnull (find_form ("document"));            /* the number is required */
    g_assert_nonnull (udha_form_dialog_get_error (dialog));
    udha_form_dialog_set_text (dialog, "number", "SY-778812");
    udha_form_dialog_set_text (dialog, "expiry", "31.13.2030");
    udha_form_dialog_submit (dialog);
    g_assert_nonnull (find_form ("document"));            /* no 13th month */
    udha_form_dialog_set_text (dialog, "expiry", "30.06.2031");
    udha_form_dialog_set_active (dialog, "held-by-other", TRUE);
    shoot_dialog (GTK_WIDGET (dialog), "document-dialog");
    submit_ok (dialog, "document");
    stored = udha_session_get_person (f.session, f.person_id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (udha_person_get_documents (stored)->len, ==, 2);
    doc = g_ptr_array_index (udha_person_get_documents (stored), 1);
    g_assert_cmpstr (doc->doc_type, ==, "national_id");
    g_assert_cmpstr (doc->number, ==, "SY-778812");
    g_assert_cmpstr (doc->issuing_country, ==, "SY");
    g_assert_cmpstr (doc->expiry, ==, "2031-06-30");
    g_assert_true (doc->held_by_other);

    dialog = open_form (&f, "case.add-vulnerability", NULL, "vulnerability");
    g_assert_true (udha_form_dialog_set_code (dialog, "code", "serious_illness"));
    g_assert_true (udha_form_dialog_set_code (dialog, "risk", "high"));
    submit_ok (dialog, "vulnerability");

    dialog = open_form (&f, "case.add-household-member", NULL, "household");
    g_assert_true (udha_form_dialog_set_code (dialog, "relationship", first_code (UDHA_LOOKUP_RELATIONSHIP, 0)));
    udha_form_dialog_set_text (dialog, "name", "Yusuf");
    g_assert_true (udha_form_dialog_set_code (dialog, "sex", "male"));
    udha_form_dialog_set_text (dialog, "dob", "2015");
    g_assert_true (udha_form_dialog_set_code (dialog, "whereabouts", first_code (UDHA_LOOKUP_WHEREABOUTS, 0)));
    shoot_dialog (GTK_WIDGET (dialog), "household-dialog");
    submit_ok (dialog, "household");

    /* Remove the passport (the first document): asked first. */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "case.remove-item", "(su)", "documents", 0));
    g_assert_true (udha_test_wait_until (message_shown_cb, NULL, 5000));
    message = find_message ();
    g_assert_nonnull (strstr (adw_message_dialog_get_heading (message), "N0123456"));
    shoot_dialog (GTK_WIDGET (message), "remove-dialog");
    adw_message_dialog_response (message, "remove");
    if (find_message () != NULL)
      gtk_window_destroy (GTK_WINDOW (message));
    udha_test_iterate (50);

    g_clear_object (&stored);
    stored = udha_session_get_person (f.session, f.person_id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (udha_person_get_documents (stored)->len, ==, 1);
    doc = g_ptr_array_index (udha_person_get_documents (stored), 0);
    g_assert_cmpstr (doc->number, ==, "SY-778812");
    g_assert_cmpuint (udha_person_get_vulnerabilities (stored)->len, ==, 2);
    g_assert_cmpstr (((UdhaPersonVulnerability *) g_ptr_array_index (udha_person_get_vulnerabilities (stored), 1))->code,
                     ==, "serious_illness");
    g_assert_cmpuint (udha_person_get_household (stored)->len, ==, 1);
    link = g_ptr_array_index (udha_person_get_household (stored), 0);
    g_assert_cmpstr (link->name, ==, "Yusuf");
    g_assert_cmpstr (link->dob, ==, "2015");
    g_assert_cmpstr (link->sex, ==, "male");
    text = list_text (&f, "household_list");
    g_assert_nonnull (strstr (text, "Yusuf"));
    g_clear_pointer (&text, g_free);
    text = list_text (&f, "documents_list");
    g_assert_null (strstr (text, "N0123456"));
    g_clear_pointer (&text, g_free);

    /* Meanwhile someone else adds a vulnerability; adding one here meets the
     * conflict, which shows both lists; keep mine on top of theirs. */
    other = udha_session_get_person (f.session, f.person_id, &error);
    g_assert_no_error (error);
    udha_person_add_vulnerability (other, "elderly", NULL);
    g_assert_true (udha_session_update_person (f.session, other, NULL, &error));
    g_assert_no_error (error);
    dialog = open_form (&f, "case.add-vulnerability", NULL, "vulnerability");
    g_assert_true (udha_form_dialog_set_code (dialog, "code", "disability"));
    submit_ok (dialog, "vulnerability");
    conflict = udha_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
    g_assert_nonnull (conflict);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (conflict)),
                              udha_lookup_get_label (UDHA_LOOKUP_VULNERABILITY, "elderly")));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (conflict)),
                              udha_lookup_get_label (UDHA_LOOKUP_VULNERABILITY, "disability")));
    shoot_dialog (GTK_WIDGET (conflict), "list-conflict-dialog");
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (conflict), "mine");
    udha_test_iterate (100);
    gtk_window_destroy (conflict);
    g_clear_object (&stored);
    stored = udha_session_get_person (f.session, f.person_id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (udha_person_get_vulnerabilities (stored)->len, ==, 4);
    text = list_text (&f, "vulnerabilities_list");
    g_assert_nonnull (strstr (text, udha_lookup_get_label (UDHA_LOOKUP_VULNERABILITY, "elderly")));
    g_assert_nonnull (strstr (text, udha_lookup_get_label (UDHA_LOOKUP_VULNERABILITY, "disability")));
    g_clear_pointer (&text, g_free);

    /* Withdraw the consent. */
    g_clear_pointer (&consents, g_ptr_array_unref);
    consents = udha_session_list_consents (f.session, f.person_id, &error);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "case.withdraw-consent", "x",
                                               udha_consent_get_id (g_ptr_array_index (consents, 0))));
    g_assert_true (udha_test_wait_until (message_shown_cb, NULL, 5000));
    message = find_message ();
    /* The referral sent on it and still open (the overdue one) is named. */
    g_assert_nonnull (strstr (adw_message_dialog_get_body (message), udha_lookup_get_label (UDHA_LOOKUP_SERVICE, "shelter")));
    shoot_dialog (GTK_WIDGET (message), "withdraw-dialog");
    adw_message_dialog_response (message, "withdraw");
    if (find_message () != NULL)
      gtk_window_destroy (GTK_WINDOW (message));
    g_clear_pointer (&consents, g_ptr_array_unref);
    consents = udha_session_list_consents (f.session, f.person_id, &error);
    g_assert_nonnull (udha_consent_get_withdrawn_on (g_ptr_array_index (consents, 0)));
    g_assert_cmpuint (count_audit (&f, "consent.withdraw"), ==, 1);
    {
      GtkWidget *household = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f.view), UDHA_TYPE_CASE_VIEW,
                                                                        "household_list"));
      GtkWidget *scrolled = gtk_widget_get_ancestor (household, GTK_TYPE_SCROLLED_WINDOW);
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

      /* The lists are below the person's fields: scroll down to them. */
      udha_test_iterate (100);
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      shoot (&f, "profile-lists");
      gtk_window_set_default_size (GTK_WINDOW (f.window), 800, 600);
      udha_test_iterate (200);
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      shoot (&f, "profile-lists-800x600");
      gtk_window_set_default_size (GTK_WINDOW (f.window), 1280, 800);
    }

    /* Every history entry is a sentence: no internal codes. */
    show_tab (&f, "history");
    text = list_text (&f, "history_list");
    g_assert_null (strstr (text, "person.update"));
    g_assert_null (strstr (text, "consent.withdraw"));
    g_clear_pointer (&text, g_free);
  }

  gtk_window_destroy (GTK_WINDOW (f.window));
  udha_test_iterate (50);
  udha_test_sign_out (&f.vault, &f.store, &f.session);
  udha_test_rm_rf (f.dir);
  g_free (f.dir);
  g_free (f.path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  udha_test_init_environment ();
  if (g_strcmp0 (g_getenv ("UDHA_TEST_LANG"), "sq") == 0)
    {
      g_autoptr(GSettings) settings = g_settings_new (BASE_ID);

      g_settings_set_string (settings, "language", "sq");
    }

  udha_core_harden_process ();
  udha_application_setup_i18n ();
  g_assert_true (udha_core_init (&error));

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/udha/ui/case-view/flow", test_case_view_flow);

  return g_test_run ();
}
