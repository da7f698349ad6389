/* test-full-flow.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The whole road through the real UdhaWindow, as people use it: create the
 * vault on the create page; a caseworker registers a person (a near-duplicate
 * is offered, and "register as a new person" keeps its reason), opens a case
 * with a risk level, logs an interview, adds a service, meets the consent
 * gate, records consent, sends the referral and takes it to Completed,
 * requests closure, locks and unlocks. Every step is checked in the database
 * through a separate connection (a second unlock of the same vault), and
 * saved as a screenshot in the build directory. Runs in English and
 * (UDHA_TEST_LANG=sq) in Albanian.
 */

#define _GNU_SOURCE

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "udha-application.h"
#include "udha-case.h"
#include "udha-case-row.h"
#include "udha-case-view.h"
#include "udha-consent.h"
#include "udha-core.h"
#include "udha-create-page.h"
#include "udha-form-dialog.h"
#include "udha-interview.h"
#include "udha-iso-codes.h"
#include "udha-lookup.h"
#include "udha-office.h"
#include "udha-organisation.h"
#include "udha-person.h"
#include "udha-referral.h"
#include "udha-register-dialog.h"
#include "udha-service.h"
#include "udha-session.h"
#include "udha-test-utils.h"
#include "udha-unlock-page.h"
#include "udha-user.h"
#include "udha-vault.h"
#include "udha-window.h"
#include "udha-workspace.h"

#define ADMIN       "a.hoxha"
#define ADMIN_PASS  "lumi drini ura guri 2026"
#define WORKER      "e.leka"
#define WORKER_NAME "Elira Leka"
#define OTP         "nje here vetem 2026"
#define WORKER_PASS "mali i thate ne veri"
#define ORG_NAME    "Qendra Ligjore"

typedef struct
{
  char            *dir;
  char            *path;
  UdhaApplication *app;
  UdhaWindow      *window;
  UdhaVault       *vault;     /* the test's own connection, for reading */
  UdhaStore       *store;
  UdhaSession     *session;
  gint64           org_id;
  guint            shot;
} Fixture;

/* Helpers */

static gpointer
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *found = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (found);
  return found;
}

static void
set_text (gpointer    editable,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
}

static void
click (gpointer button)
{
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  g_signal_emit_by_name (button, "clicked");
}

static void
shoot (Fixture    *f,
       GtkWidget  *widget,
       const char *step)
{
  g_autofree char *name = g_strdup_printf ("flow-%02u-%s-%s.png", ++f->shot, step, udha_test_lang ());

  if (GTK_IS_WINDOW (widget))
    gtk_test_widget_wait_for_draw (widget);
  udha_test_iterate (300);   /* let crossfades finish */
  udha_test_save_screenshot (widget, name);
}

static gboolean
page_is_cb (gpointer data)
{
  Fixture *f = ((gpointer *) data)[0];
  const char *page = ((gpointer *) data)[1];

  return g_strcmp0 (udha_window_get_visible_page (f->window), page) == 0;
}

static void
wait_for_page (Fixture    *f,
               const char *page)
{
  gpointer data[2] = { f, (gpointer) page };

  g_assert_true (udha_test_wait_until (page_is_cb, data, 30000));
  g_assert_cmpstr (udha_window_get_visible_page (f->window), ==, page);
}

static gboolean
mapped_cb (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
unlock_idle_cb (gpointer data)
{
  return !udha_unlock_page_get_busy (data);
}

static void
unlock_with (Fixture    *f,
             const char *user,
             const char *passphrase)
{
  GObject *page = child (f->window, UDHA_TYPE_WINDOW, "unlock_page");

  set_text (child (page, UDHA_TYPE_UNLOCK_PAGE, "user_entry"), user);
  set_text (child (page, UDHA_TYPE_UNLOCK_PAGE, "passphrase_entry"), passphrase);
  click (child (page, UDHA_TYPE_UNLOCK_PAGE, "unlock_button"));
  g_assert_true (udha_test_wait_until (unlock_idle_cb, page, 30000));
}

static UdhaWorkspace *
workspace (Fixture *f)
{
  GtkWidget *found = udha_test_find_widget (GTK_WIDGET (f->window), UDHA_TYPE_WORKSPACE, NULL);

  g_assert_nonnull (found);
  return UDHA_WORKSPACE (found);
}

static gboolean
case_shown_cb (gpointer data)
{
  Fixture *f = data;
  GtkWidget *found = udha_test_find_widget (GTK_WIDGET (f->window), UDHA_TYPE_WORKSPACE, NULL);

  return found != NULL && g_strcmp0 (udha_workspace_get_visible_page (UDHA_WORKSPACE (found)), "case") == 0 &&
         udha_test_find_widget (found, UDHA_TYPE_CASE_VIEW, NULL) != NULL;
}

static UdhaCaseView *
case_view (Fixture *f)
{
  GtkWidget *found;

  g_assert_true (udha_test_wait_until (case_shown_cb, f, 5000));
  found = udha_test_find_widget (GTK_WIDGET (workspace (f)), UDHA_TYPE_CASE_VIEW, NULL);
  g_assert_nonnull (found);
  return UDHA_CASE_VIEW (found);
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
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (case_view (f)), action, param));
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

static gboolean
message_shown_cb (gpointer data)
{
  return udha_test_find_window (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
message_gone_cb (gpointer data)
{
  return udha_test_find_window (ADW_TYPE_MESSAGE_DIALOG) == NULL;
}

static gboolean
register_dialog_shown_cb (gpointer data)
{
  return udha_test_find_window (UDHA_TYPE_REGISTER_DIALOG) != NULL;
}

static gboolean
register_dialog_gone_cb (gpointer data)
{
  return udha_test_find_window (UDHA_TYPE_REGISTER_DIALOG) == NULL;
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

static void
choose_code (gpointer        dialog,
             const char     *row,
             UdhaLookupKind  kind,
             const char     *code,
             guint           offset)
{
  int position = udha_lookup_get_position (kind, code);

  g_assert_cmpint (position, >=, 0);
  adw_combo_row_set_selected (child (dialog, UDHA_TYPE_REGISTER_DIALOG, row), (guint) position + offset);
}

static void
pick (gpointer    dialog,
      const char *dropdown,
      const char *name)
{
  GtkDropDown *picker = child (dialog, UDHA_TYPE_REGISTER_DIALOG, dropdown);
  GListModel *model = gtk_drop_down_get_model (picker);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), name) == 0)
        {
          gtk_drop_down_set_selected (picker, i);
          return;
        }
    }
  g_error ("No “%s” in %s", name, dropdown);
}

static const char *
register_step (gpointer dialog)
{
  return gtk_stack_get_visible_child_name (child (dialog, UDHA_TYPE_REGISTER_DIALOG, "stack"));
}

/* The newest audit entry with @action, or NULL. */
static UdhaAuditEntry *
last_audit (Fixture    *f,
            const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = udha_session_audit_list (f->session, 0, 1000, &error);
  guint best = G_MAXUINT;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      UdhaAuditEntry *entry = g_ptr_array_index (entries, i);

      if (g_strcmp0 (entry->action, action) == 0 &&
          (best == G_MAXUINT || entry->seq > ((UdhaAuditEntry *) g_ptr_array_index (entries, best))->seq))
        best = i;
    }
  return best != G_MAXUINT ? g_ptr_array_steal_index (entries, best) : NULL;
}

static UdhaReferral *
only_referral (Fixture *f,
               gint64   case_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) referrals = udha_session_list_referrals (f->session, case_id, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (referrals->len, ==, 1);
  return g_object_ref (g_ptr_array_index (referrals, 0));
}

static void
set_referral_status (Fixture    *f,
                     gint64      id,
                     const char *status)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (case_view (f)), "case.referral-status", "(xs)", id, status));
  udha_test_iterate (50);
}

static void
fixture_start_app (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *app_id = g_strdup_printf ("%s.FullFlowTest", APP_ID);
  GSettings *settings;

  f->app = udha_application_new (app_id, G_APPLICATION_NON_UNIQUE);
  settings = udha_application_get_settings (f->app);
  g_settings_set_string (settings, "vault-path", f->path);
  g_settings_set_uint (settings, "idle-lock-minutes", 10);

  g_application_register (G_APPLICATION (f->app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (f->app));

  f->window = UDHA_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (f->app)));
  g_assert_true (UDHA_IS_WINDOW (f->window));
  g_assert_true (udha_test_wait_until (mapped_cb, f->window, 5000));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
}

/* The administrator's part, outside this flow: an office, a caseworker with
 * their own passphrase, and a partner organisation. */
static void
add_caseworker (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaOffice) office = NULL;
  g_autoptr(UdhaUser) user = NULL;
  g_autoptr(UdhaOrganisation) org = udha_organisation_new ();
  g_autoptr(UdhaOrganisation) saved = NULL;
  g_autoptr(UdhaVault) worker = NULL;
  g_autoptr(GPtrArray) users = NULL;
  const char *services[] = { "legal", "shelter", NULL };

  udha_test_sign_in (f->path, ADMIN, ADMIN_PASS, &f->vault, &f->store, &f->session);
  /* Step 1, read back: the vault opens with the passphrase chosen on the
   * create page, and its first user is the administrator. */
  g_assert_cmpint (udha_session_get_role (f->session), ==, UDHA_ROLE_KIND_ADMIN);
  users = udha_session_list_users (f->session, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (users->len, ==, 1);
  g_assert_cmpstr (udha_user_get_user_name (g_ptr_array_index (users, 0)), ==, ADMIN);

  office = udha_session_add_office (f->session, "TIR", "Tirana", &error);
  g_assert_no_error (error);
  user = udha_session_add_user (f->session, ADMIN_PASS, WORKER, OTP, "caseworker",
                                udha_office_get_id (office), WORKER_NAME, &error);
  g_assert_no_error (error);
  udha_organisation_set_name (org, ORG_NAME);
  udha_organisation_set_org_type (org, "ngo");
  udha_organisation_set_services (org, services);
  saved = udha_session_add_organisation (f->session, org, &error);
  g_assert_no_error (error);
  f->org_id = udha_organisation_get_id (saved);
  udha_test_sign_out (&f->vault, &f->store, &f->session);

  worker = udha_vault_unlock (f->path, WORKER, OTP, &error);
  g_assert_no_error (error);
  g_assert_true (udha_vault_change_passphrase (worker, OTP, WORKER_PASS, &error));
  g_assert_no_error (error);
  udha_vault_lock (worker);
}

/* The person registered last year, whom the new registration resembles. */
static gint64
seed_near_duplicate (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaPerson) p = udha_person_new ();
  const char *citizenships[] = { "SY", NULL };
  const char *languages[] = { "ara", NULL };

  udha_person_set_given_name (p, "Mohamed");
  udha_person_set_family_name (p, "Al Hassan");
  udha_person_set_sex (p, "male");
  udha_person_set_dob (p, "1998-03-07");
  udha_person_set_citizenships (p, citizenships);
  udha_person_set_languages (p, languages);
  g_assert_true (udha_session_register_person (f->session, p, TRUE, NULL, &error));
  g_assert_no_error (error);
  return udha_person_get_id (p);
}

/* The flow */

static void
test_full_flow (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) earlier = g_date_time_add_hours (now, -1);
  g_autofree char *when = g_date_time_format (earlier, "%d.%m.%Y %H:%M");
  g_autofree char *org_ref = NULL;
  g_autofree char *text = NULL;
  g_autoptr(UdhaCase) case_ = NULL;
  g_autoptr(UdhaPerson) person = NULL;
  g_autoptr(UdhaReferral) referral = NULL;
  g_autoptr(GPtrArray) interviews = NULL;
  g_autoptr(GPtrArray) services = NULL;
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  Fixture f = { 0, };
  GObject *create_page;
  GtkWindow *dialog;
  UdhaFormDialog *form;
  AdwMessageDialog *message;
  UdhaAuditEntry *entry;
  gint64 seeded_id, person_id, case_id, referral_id;
  const char *reason = "Different father and place of birth; met him at the border today";

  f.dir = g_dir_make_tmp ("udha-full-flow-XXXXXX", &error);
  g_assert_no_error (error);
  f.path = g_build_filename (f.dir, "cases.udb", NULL);

  /* 1. Create the vault on the create page. */
  fixture_start_app (&f);
  g_assert_cmpstr (udha_window_get_visible_page (f.window), ==, "welcome");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.create-vault", NULL));
  wait_for_page (&f, "create");
  create_page = child (f.window, UDHA_TYPE_WINDOW, "create_page");
  set_text (child (create_page, UDHA_TYPE_CREATE_PAGE, "name_entry"), ADMIN);
  set_text (child (create_page, UDHA_TYPE_CREATE_PAGE, "passphrase_entry"), ADMIN_PASS);
  set_text (child (create_page, UDHA_TYPE_CREATE_PAGE, "confirm_entry"), ADMIN_PASS);
  shoot (&f, GTK_WIDGET (f.window), "create");
  click (child (create_page, UDHA_TYPE_CREATE_PAGE, "create_button"));
  while (udha_create_page_get_busy (UDHA_CREATE_PAGE (create_page)))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (udha_create_page_get_step (UDHA_CREATE_PAGE (create_page)), ==, "recovery");
  gtk_check_button_set_active (child (create_page, UDHA_TYPE_CREATE_PAGE, "stored_check"), TRUE);
  click (child (create_page, UDHA_TYPE_CREATE_PAGE, "continue_button"));
  wait_for_page (&f, "home");
  g_assert_true (g_file_test (f.path, G_FILE_TEST_IS_REGULAR));
  shoot (&f, GTK_WIDGET (f.window), "created");

  /* The administrator adds the caseworker (checked in add_caseworker()),
   * then locks; the caseworker signs in on the unlock page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.lock", NULL));
  wait_for_page (&f, "unlock");
  add_caseworker (&f);
  udha_test_sign_in (f.path, WORKER, WORKER_PASS, &f.vault, &f.store, &f.session);
  seeded_id = seed_near_duplicate (&f);
  unlock_with (&f, WORKER, WORKER_PASS);
  wait_for_page (&f, "workspace");
  shoot (&f, GTK_WIDGET (f.window), "workspace");

  /* 2. Register a person: the near-duplicate is offered; register as new,
   * with a reason that is stored. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (workspace (&f)), "workspace.register-person", NULL));
  g_assert_true (udha_test_wait_until (register_dialog_shown_cb, NULL, 5000));
  dialog = udha_test_find_window (UDHA_TYPE_REGISTER_DIALOG);
  g_assert_nonnull (dialog);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  set_text (child (dialog, UDHA_TYPE_REGISTER_DIALOG, "given_row"), "Muhammad");
  set_text (child (dialog, UDHA_TYPE_REGISTER_DIALOG, "family_row"), "Alhasan");
  choose_code (dialog, "sex_row", UDHA_LOOKUP_SEX, "male", 1);
  set_text (child (dialog, UDHA_TYPE_REGISTER_DIALOG, "dob_row"), "1998");
  pick (dialog, "citizenship_dropdown", udha_iso_citizenship_get_name ("SY"));
  pick (dialog, "language_dropdown", udha_iso_language_get_name ("ara"));
  shoot (&f, GTK_WIDGET (dialog), "register-person");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "register.submit", NULL));
  udha_test_iterate (50);
  g_assert_cmpstr (register_step (dialog), ==, "duplicates");
  text = udha_test_collect_text (child (dialog, UDHA_TYPE_REGISTER_DIALOG, "candidates_group"));
  g_assert_nonnull (strstr (text, "Mohamed Al Hassan"));
  g_clear_pointer (&text, g_free);
  shoot (&f, GTK_WIDGET (dialog), "register-duplicates");
  set_text (child (dialog, UDHA_TYPE_REGISTER_DIALOG, "reason_row"), reason);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "register.register-new", NULL));
  udha_test_iterate (50);
  g_assert_cmpstr (register_step (dialog), ==, "case");
  entry = last_audit (&f, "person.create_forced");
  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->reason, ==, reason);
  person_id = entry->entity_id;
  udha_audit_entry_free (entry);
  g_assert_cmpint (person_id, !=, seeded_id);
  person = udha_session_get_person (f.session, person_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (udha_person_get_given_name (person), ==, "Muhammad");
  g_assert_cmpstr (udha_person_get_dob (person), ==, "1998");

  /* 3. Open a case: type, risk, assignment (a caseworker's own). */
  choose_code (dialog, "case_type_row", UDHA_LOOKUP_CASE_TYPE, "protection", 0);
  choose_code (dialog, "risk_row", UDHA_LOOKUP_RISK_LEVEL, "high", 1);
  shoot (&f, GTK_WIDGET (dialog), "register-case");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "register.submit", NULL));
  g_assert_true (udha_test_wait_until (register_dialog_gone_cb, NULL, 5000));
  cases = udha_session_list_cases_of_person (f.session, person_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, 1);
  case_id = udha_case_get_id (g_ptr_array_index (cases, 0));
  case_ = udha_session_get_case (f.session, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (udha_case_get_case_type (case_), ==, "protection");
  g_assert_cmpstr (udha_case_get_risk (case_), ==, "high");
  g_assert_cmpstr (udha_case_get_status (case_), ==, "open");
  g_assert_cmpint (udha_case_get_assigned_user_id (case_), ==, udha_session_get_user_id (f.session));
  g_assert_cmpint (udha_workspace_get_case_id (workspace (&f)), ==, case_id);
  case_view (&f);
  shoot (&f, GTK_WIDGET (f.window), "case-opened");

  /* 4. Log an interview. */
  form = open_form (&f, "case.add-contact", NULL, "interview");
  g_assert_true (udha_form_dialog_set_code (form, "contact-type", first_code (UDHA_LOOKUP_CONTACT_TYPE, 0)));
  g_assert_true (udha_form_dialog_set_code (form, "location", first_code (UDHA_LOOKUP_CONTACT_LOCATION, 0)));
  g_assert_true (udha_form_dialog_set_code (form, "language", "ara"));
  g_assert_true (udha_form_dialog_set_code (form, "interpreter", first_code (UDHA_LOOKUP_INTERPRETER, 1)));
  g_assert_true (udha_form_dialog_set_code (form, "consent", "yes"));
  udha_form_dialog_set_text (form, "when", when);
  udha_form_dialog_set_text (form, "narrative", "Registration interview; needs legal advice and a safe place to stay.");
  shoot (&f, GTK_WIDGET (form), "interview-dialog");
  submit_ok (form, "interview");
  interviews = udha_session_list_interviews (f.session, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (interviews->len, ==, 1);
  g_assert_cmpstr (udha_interview_get_language (g_ptr_array_index (interviews, 0)), ==, "ara");
  g_assert_cmpstr (udha_interview_get_consent_reconfirmed (g_ptr_array_index (interviews, 0)), ==, "yes");
  gtk_widget_activate_action (GTK_WIDGET (case_view (&f)), "case.show-tab", "s", "interviews");
  shoot (&f, GTK_WIDGET (f.window), "interview");

  /* Leaving the case with an unsaved edit asks first; Keep Editing stays,
   * and Ctrl+S (case.save) saves it. */
  gtk_widget_activate_action (GTK_WIDGET (case_view (&f)), "case.show-tab", "s", "profile");
  {
    GtkWidget *phone = udha_test_find_widget (GTK_WIDGET (case_view (&f)), ADW_TYPE_ENTRY_ROW, _("Phone"));
    g_autoptr(UdhaPerson) stored = NULL;

    g_assert_nonnull (phone);
    gtk_editable_set_text (GTK_EDITABLE (phone), "+355 68 123 4567");
    g_assert_true (udha_case_view_has_unsaved_changes (case_view (&f)));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (workspace (&f)), "workspace.back", NULL));
    g_assert_true (udha_test_wait_until (message_shown_cb, NULL, 5000));
    message = ADW_MESSAGE_DIALOG (udha_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
    shoot (&f, GTK_WIDGET (message), "unsaved-asks");
    g_object_ref (message);
    adw_message_dialog_response (message, "cancel");
    gtk_window_close (GTK_WINDOW (message));
    g_object_unref (message);
    g_assert_true (udha_test_wait_until (message_gone_cb, NULL, 5000));
    g_assert_cmpstr (udha_workspace_get_visible_page (workspace (&f)), ==, "case");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (case_view (&f)), "case.save", NULL));
    udha_test_iterate (50);
    g_assert_false (udha_case_view_has_unsaved_changes (case_view (&f)));
    stored = udha_session_get_person (f.session, person_id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (udha_person_get_phone (stored), ==, "+355 68 123 4567");
  }

  /* 5. Add a service. Escape cancels a form (nothing saved); Ctrl+S saves. */
  form = open_form (&f, "case.add-service", NULL, "service");
  g_assert_true (udha_form_dialog_set_code (form, "service", "shelter"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form), "window.close", NULL));
  g_assert_true (udha_test_wait_until (form_gone_cb, (gpointer) "service", 5000));
  services = udha_session_list_services (f.session, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (services->len, ==, 0);
  g_clear_pointer (&services, g_ptr_array_unref);
  form = open_form (&f, "case.add-service", NULL, "service");
  g_assert_true (udha_form_dialog_set_code (form, "service", "legal"));
  g_assert_true (udha_form_dialog_set_code (form, "provider", "in_house"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL));
  g_assert_true (udha_test_wait_until (form_gone_cb, (gpointer) "service", 5000));
  services = udha_session_list_services (f.session, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (services->len, ==, 1);
  g_assert_cmpstr (udha_service_get_service_code (g_ptr_array_index (services, 0)), ==, "legal");
  gtk_widget_activate_action (GTK_WIDGET (case_view (&f)), "case.show-tab", "s", "services");
  shoot (&f, GTK_WIDGET (f.window), "service");

  /* 6. A referral: sending is blocked without consent, and says which. */
  org_ref = g_strdup_printf ("%" G_GINT64_FORMAT, f.org_id);
  form = open_form (&f, "case.refer", NULL, "referral");
  g_assert_true (udha_form_dialog_set_code (form, "organisation", org_ref));
  g_assert_true (udha_form_dialog_set_code (form, "service", "shelter"));
  g_assert_true (udha_form_dialog_set_code (form, "urgency", "priority"));
  submit_ok (form, "referral");
  referral = only_referral (&f, case_id);
  referral_id = udha_referral_get_id (referral);
  g_assert_cmpstr (udha_referral_get_status (referral), ==, "draft");
  set_referral_status (&f, referral_id, "sent");
  g_assert_true (udha_test_wait_until (message_shown_cb, NULL, 5000));
  message = ADW_MESSAGE_DIALOG (udha_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message),
                            _("No valid consent to referral for this person. "
                              "Record the person’s consent on the Profile tab first.")));
  shoot (&f, GTK_WIDGET (message), "consent-blocked");
  g_clear_object (&referral);
  referral = only_referral (&f, case_id);
  g_assert_cmpstr (udha_referral_get_status (referral), ==, "draft");
  g_object_ref (message);
  adw_message_dialog_response (message, "profile");
  gtk_window_close (GTK_WINDOW (message));
  g_object_unref (message);
  g_assert_true (udha_test_wait_until (message_gone_cb, NULL, 5000));

  /* 7. Record consent to referral. */
  form = open_form (&f, "case.add-consent", NULL, "consent");
  g_assert_cmpstr (udha_form_dialog_get_code (form, "purpose"), ==, "referral");
  submit_ok (form, "consent");
  consents = udha_session_list_consents (f.session, person_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (consents->len, ==, 1);
  g_assert_cmpstr (udha_consent_get_purpose (g_ptr_array_index (consents, 0)), ==, "referral");
  shoot (&f, GTK_WIDGET (f.window), "consent");

  /* 8. Send the referral. */
  set_referral_status (&f, referral_id, "sent");
  g_assert_null (udha_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_clear_object (&referral);
  referral = only_referral (&f, case_id);
  g_assert_cmpstr (udha_referral_get_status (referral), ==, "sent");
  g_assert_cmpint (udha_referral_get_consent_id (referral), ==,
                   udha_consent_get_id (g_ptr_array_index (consents, 0)));
  gtk_widget_activate_action (GTK_WIDGET (case_view (&f)), "case.show-tab", "s", "referrals");
  shoot (&f, GTK_WIDGET (f.window), "referral-sent");

  /* 9. Accepted, in service, completed (with an outcome). */
  set_referral_status (&f, referral_id, "accepted");
  set_referral_status (&f, referral_id, "in_service");
  form = open_form (&f, "case.referral-status", g_variant_new ("(xs)", referral_id, "completed"), "referral-status");
  g_assert_true (udha_form_dialog_set_code (form, "outcome", first_code (UDHA_LOOKUP_REFERRAL_OUTCOME, 0)));
  submit_ok (form, "referral-status");
  g_clear_object (&referral);
  referral = only_referral (&f, case_id);
  g_assert_cmpstr (udha_referral_get_status (referral), ==, "completed");
  g_assert_cmpstr (udha_referral_get_outcome (referral), ==, first_code (UDHA_LOOKUP_REFERRAL_OUTCOME, 0));
  shoot (&f, GTK_WIDGET (f.window), "referral-completed");

  /* 10. Request closure with a reason. */
  form = open_form (&f, "case.request-closure", NULL, "closure");
  g_assert_true (udha_form_dialog_set_code (form, "reason", first_code (UDHA_LOOKUP_CLOSURE_REASON, 0)));
  udha_form_dialog_set_text (form, "note", "Services delivered; the person is settled in Tirana.");
  submit_ok (form, "closure");
  g_clear_object (&case_);
  case_ = udha_session_get_case (f.session, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (udha_case_get_status (case_), ==, "closure_requested");
  g_assert_cmpstr (udha_case_get_closure_reason (case_), ==, first_code (UDHA_LOOKUP_CLOSURE_REASON, 0));
  gtk_widget_activate_action (GTK_WIDGET (case_view (&f)), "case.show-tab", "s", "history");
  shoot (&f, GTK_WIDGET (f.window), "closure-requested");
  /* The History tab tells it in words, with the registration's reason. */
  text = udha_test_collect_text (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (case_view (&f)),
                                                                            UDHA_TYPE_CASE_VIEW, "history_list")));
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, reason));
  g_assert_nonnull (strstr (text, WORKER_NAME));
  g_clear_pointer (&text, g_free);

  /* 11. Lock: keys gone, the unlock page. The test's own connection closes
   * too, and a fresh one still reads the vault. */
  udha_test_sign_out (&f.vault, &f.store, &f.session);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.lock", NULL));
  wait_for_page (&f, "unlock");
  g_assert_null (udha_window_get_vault (f.window));
  g_assert_null (udha_test_find_widget (GTK_WIDGET (f.window), UDHA_TYPE_CASE_VIEW, NULL));
  shoot (&f, GTK_WIDGET (f.window), "locked");

  /* 12. Unlock: the case is still there. */
  unlock_with (&f, WORKER, WORKER_PASS);
  wait_for_page (&f, "workspace");
  udha_test_sign_in (f.path, WORKER, WORKER_PASS, &f.vault, &f.store, &f.session);
  g_clear_object (&case_);
  case_ = udha_session_get_case (f.session, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (udha_case_get_status (case_), ==, "closure_requested");
  g_assert_cmpint (udha_case_get_person_id (case_), ==, person_id);
  g_assert_cmpstr (udha_workspace_get_visible_page (workspace (&f)), ==, "list");
  udha_test_iterate (300);
  shoot (&f, GTK_WIDGET (f.window), "unlocked");
  {
    GListModel *caseload = G_LIST_MODEL (udha_workspace_get_model (workspace (&f)));
    g_autoptr(UdhaCaseRow) row = NULL;

    g_assert_cmpuint (g_list_model_get_n_items (caseload), ==, 1);
    row = g_list_model_get_item (caseload, 0);
    g_assert_cmpint (udha_case_row_get_id (row), ==, case_id);
    g_assert_cmpstr (udha_case_row_get_number (row), ==, udha_case_get_number (case_));
    g_assert_cmpstr (udha_case_row_get_status (row), ==, "closure_requested");
  }
  g_assert_true (udha_workspace_open_case (workspace (&f), case_id));
  case_view (&f);
  shoot (&f, GTK_WIDGET (f.window), "case-after-unlock");

  udha_test_sign_out (&f.vault, &f.store, &f.session);
  g_action_group_activate_action (G_ACTION_GROUP (f.app), "quit", NULL);
  udha_test_iterate (50);
  g_clear_object (&f.app);
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

  g_test_add_func ("/udha/ui/full-flow", test_full_flow);

  return g_test_run ();
}
