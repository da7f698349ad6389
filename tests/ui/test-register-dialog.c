/* test-register-dialog.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drives the registration dialog the way a caseworker does: the inline
 * messages of the person form (a wrong date, a date in the future), register
 * a person and open a case, a near-duplicate offered with its reasons,
 * "register as a new person" with a reason, an age-only registration,
 * "this is the same person" opening the existing case, and Escape asking
 * first. Each step is checked through the session. Saves a screenshot of
 * every step at two sizes; runs in English and (UDHA_TEST_LANG=sq) in
 * Albanian.
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "udha-application.h"
#include "udha-case.h"
#include "udha-core.h"
#include "udha-date.h"
#include "udha-duplicates.h"
#include "udha-iso-codes.h"
#include "udha-lookup.h"
#include "udha-office.h"
#include "udha-person.h"
#include "udha-register-dialog.h"
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
  char               *dir;
  char               *path;
  UdhaVault          *vault;
  UdhaStore          *store;
  UdhaSession        *session;
  GtkWidget          *window;
  UdhaRegisterDialog *dialog;
  gint64              person_id;
  gint64              case_id;
  guint               n_registered;
  guint               n_opened;
} Fixture;

/* A vault with an office and a caseworker. */
static void
make_vault (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaOffice) office = NULL;
  g_autoptr(UdhaUser) user = NULL;
  g_autoptr(UdhaVault) worker = NULL;
  UdhaVaultSecret *recovery = NULL;
  UdhaVault *vault;

  f->dir = g_dir_make_tmp ("udha-register-XXXXXX", NULL);
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
  udha_test_sign_out (&f->vault, &f->store, &f->session);

  worker = udha_vault_unlock (f->path, WORKER, OTP, &error);
  g_assert_no_error (error);
  g_assert_true (udha_vault_change_passphrase (worker, OTP, WORKER_PASS, &error));
  g_assert_no_error (error);
  udha_vault_lock (worker);
}

static gpointer
child (Fixture    *f,
       const char *name)
{
  GObject *found = gtk_widget_get_template_child (GTK_WIDGET (f->dialog), UDHA_TYPE_REGISTER_DIALOG, name);

  g_assert_nonnull (found);
  return found;
}

static void
person_registered_cb (UdhaRegisterDialog *dialog,
                      gint64              person_id,
                      Fixture            *f)
{
  f->person_id = person_id;
  f->n_registered++;
}

static void
case_opened_cb (UdhaRegisterDialog *dialog,
                gint64              case_id,
                Fixture            *f)
{
  f->case_id = case_id;
  f->n_opened++;
}

static void
dialog_destroyed_cb (GtkWidget *widget,
                     Fixture   *f)
{
  f->dialog = NULL;
}

static void
open_dialog (Fixture *f)
{
  GtkWidget *focus;

  g_assert_null (f->dialog);
  f->person_id = f->case_id = 0;
  f->n_registered = f->n_opened = 0;
  f->dialog = udha_register_dialog_new (GTK_WINDOW (f->window), f->session);
  g_signal_connect (f->dialog, "person-registered", G_CALLBACK (person_registered_cb), f);
  g_signal_connect (f->dialog, "case-opened", G_CALLBACK (case_opened_cb), f);
  g_signal_connect (f->dialog, "destroy", G_CALLBACK (dialog_destroyed_cb), f);
  gtk_window_present (GTK_WINDOW (f->dialog));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->dialog));

  /* Focus starts in the given name. */
  focus = gtk_window_get_focus (GTK_WINDOW (f->dialog));
  g_assert_nonnull (focus);
  g_assert_true (focus == child (f, "given_row") || gtk_widget_is_ancestor (focus, child (f, "given_row")));
}

static void
shoot (Fixture    *f,
       const char *step)
{
  g_autofree char *large = g_strdup_printf ("register-%s-%s.png", step, udha_test_lang ());
  g_autofree char *small = g_strdup_printf ("register-%s-800x600-%s.png", step, udha_test_lang ());

  /* As it opens over a 1280×800 window, then squeezed onto an 800×600
   * screen. */
  gtk_window_set_default_size (GTK_WINDOW (f->dialog), 640, 720);
  udha_test_iterate (300);
  udha_test_save_screenshot (GTK_WIDGET (f->dialog), large);
  gtk_window_set_default_size (GTK_WINDOW (f->dialog), 560, 520);
  udha_test_iterate (300);
  udha_test_save_screenshot (GTK_WIDGET (f->dialog), small);
  gtk_window_set_default_size (GTK_WINDOW (f->dialog), 640, 720);
  udha_test_iterate (100);
}

static void
type (Fixture    *f,
      const char *field,
      const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (f, field)), text);
}

static void
choose_code (Fixture        *f,
             const char     *row,
             UdhaLookupKind  kind,
             const char     *code,
             guint           offset)
{
  int position = udha_lookup_get_position (kind, code);

  g_assert_cmpint (position, >=, 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (f, row)), (guint) position + offset);
}

/* Picks an item of a searchable picker by its name, as a person would
 * after typing the first letters. */
static void
pick (Fixture    *f,
      const char *dropdown,
      const char *name)
{
  GtkDropDown *picker = child (f, dropdown);
  GListModel *model = gtk_drop_down_get_model (picker);

  g_assert_nonnull (name);
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

static gboolean
can_submit (Fixture *f)
{
  return gtk_widget_get_sensitive (child (f, "submit_button")) &&
         gtk_widget_is_sensitive (child (f, "submit_button"));
}

typedef struct
{
  Fixture    *f;
  const char *row;
} MessageWait;

static gboolean
message_shown_cb (gpointer data)
{
  MessageWait *wait = data;

  return gtk_widget_get_visible (child (wait->f, wait->row));
}

static char *
message_of (Fixture    *f,
            const char *row)
{
  MessageWait wait = { f, row };

  g_assert_true (udha_test_wait_until (message_shown_cb, &wait, 3000));
  return udha_test_collect_text (child (f, row));
}

static const char *
step (Fixture *f)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (child (f, "stack")));
}

static void
submit (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->dialog), "register.submit", NULL));
  udha_test_iterate (50);
}

static gboolean
dialog_gone_cb (gpointer data)
{
  return ((Fixture *) data)->dialog == NULL;
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
message_dialog_shown_cb (gpointer data)
{
  return find_message () != NULL;
}

static gboolean
message_dialog_gone_cb (gpointer data)
{
  return find_message () == NULL;
}

/* What a response button does: respond, then close. */
static void
respond (AdwMessageDialog *message,
         const char       *response)
{
  g_object_ref (message);
  adw_message_dialog_response (message, response);
  gtk_window_close (GTK_WINDOW (message));
  g_object_unref (message);
}

static guint
count_audit (Fixture    *f,
             const char *action,
             gint64      entity_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = udha_session_audit_list (f->session, 0, 1000, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      UdhaAuditEntry *entry = g_ptr_array_index (entries, i);

      n += g_strcmp0 (entry->action, action) == 0 && (entity_id == 0 || entry->entity_id == entity_id);
    }
  return n;
}

static void
fill_mohamed (Fixture    *f,
              const char *given,
              const char *family,
              const char *dob)
{
  type (f, "given_row", given);
  type (f, "family_row", family);
  choose_code (f, "sex_row", UDHA_LOOKUP_SEX, "male", 1);
  type (f, "dob_row", dob);
  pick (f, "citizenship_dropdown", udha_iso_citizenship_get_name ("SY"));
  pick (f, "language_dropdown", udha_iso_language_get_name ("ara"));
}

static void
open_case_as_me (Fixture    *f,
                 const char *case_type)
{
  g_autoptr(UdhaCase) case_ = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (step (f), ==, "case");
  choose_code (f, "case_type_row", UDHA_LOOKUP_CASE_TYPE, case_type, 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (f, "assign_row")), 0);
  g_assert_true (can_submit (f));
  submit (f);
  g_assert_true (udha_test_wait_until (dialog_gone_cb, f, 5000));
  g_assert_cmpuint (f->n_opened, ==, 1);

  case_ = udha_session_get_case (f->session, f->case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (udha_case_get_person_id (case_), ==, f->person_id);
  g_assert_cmpstr (udha_case_get_case_type (case_), ==, case_type);
  g_assert_cmpint (udha_case_get_assigned_user_id (case_), ==, udha_session_get_user_id (f->session));
  g_assert_cmpstr (udha_case_get_status (case_), ==, "open");
}

static void
test_register_flow (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaApplication) app = NULL;
  g_autoptr(UdhaPerson) first = NULL;
  g_autoptr(UdhaPerson) second = NULL;
  g_autoptr(UdhaPerson) third = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *future = g_strdup_printf ("07.03.%d", g_date_time_get_year (now) + 1);
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  Fixture f = { 0, };
  GtkWidget *overlay;
  AdwMessageDialog *message;
  UdhaDate date;
  gint64 first_id, first_case;

  make_vault (&f);
  udha_test_sign_in (f.path, WORKER, WORKER_PASS, &f.vault, &f.store, &f.session);

  app = udha_application_new ("io.github.udha.Udha.RegisterTest", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  f.window = adw_application_window_new (GTK_APPLICATION (app));
  overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), adw_status_page_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (f.window), overlay);
  gtk_window_set_default_size (GTK_WINDOW (f.window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f.window));
  gtk_test_widget_wait_for_draw (f.window);

  /* 1. The empty form cannot be submitted. */
  open_dialog (&f);
  g_assert_cmpstr (step (&f), ==, "person");
  g_assert_false (can_submit (&f));
  shoot (&f, "person-empty");

  /* 2. A wrong date, then one in the future: the message names the
   * problem, under the field, and Continue stays insensitive. */
  fill_mohamed (&f, "Mohamed", "Al Hassan", "31.13.1998");
  g_assert_false (can_submit (&f));
  g_assert_false (udha_date_parse_dob ("31.13.1998", NULL, _("Date of birth"), &date, &error));
  text = message_of (&f, "dob_message");
  g_assert_nonnull (strstr (text, error->message));
  g_clear_error (&error);
  g_clear_pointer (&text, g_free);
  shoot (&f, "person-invalid");

  type (&f, "dob_row", future);
  g_assert_false (udha_date_parse_dob (future, NULL, _("Date of birth"), &date, &error));
  udha_test_iterate (800);
  text = message_of (&f, "dob_message");
  g_assert_nonnull (strstr (text, error->message));
  g_clear_error (&error);
  g_clear_pointer (&text, g_free);
  g_assert_false (can_submit (&f));

  /* A phone number with letters is named too. */
  type (&f, "phone_row", "call me");
  g_assert_false (can_submit (&f));
  text = message_of (&f, "phone_message");
  g_assert_cmpstr (text, !=, "");
  g_clear_pointer (&text, g_free);
  type (&f, "phone_row", "+355 69 123 4567");

  /* 3. A good date: registered directly (no candidates), then a case. */
  type (&f, "dob_row", "07.03.1998");
  g_assert_true (can_submit (&f));
  udha_test_iterate (800);
  g_assert_false (gtk_widget_get_visible (child (&f, "dob_message")));
  shoot (&f, "person");
  submit (&f);
  g_assert_cmpstr (step (&f), ==, "case");
  g_assert_cmpuint (f.n_registered, ==, 1);
  first = udha_session_get_person (f.session, f.person_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (udha_person_get_given_name (first), ==, "Mohamed");
  g_assert_cmpstr (udha_person_get_family_name (first), ==, "Al Hassan");
  g_assert_cmpstr (udha_person_get_dob (first), ==, "1998-03-07");
  g_assert_cmpstr (udha_person_get_citizenships (first)[0], ==, "SY");
  g_assert_cmpstr (udha_person_get_phone (first), ==, "+355 69 123 4567");
  g_assert_cmpuint (count_audit (&f, "person.create", f.person_id), ==, 1);
  shoot (&f, "case");
  open_case_as_me (&f, "protection");
  first_id = f.person_id;
  first_case = f.case_id;

  /* 4. A near-duplicate: another spelling, the same year and citizenship. */
  open_dialog (&f);
  fill_mohamed (&f, "Muhammad", "Alhasan", "1998");
  g_assert_true (can_submit (&f));
  submit (&f);
  g_assert_cmpstr (step (&f), ==, "duplicates");
  g_assert_cmpuint (f.n_registered, ==, 0);
  text = udha_test_collect_text (child (&f, "candidates_group"));
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "Mohamed Al Hassan"));
  g_assert_nonnull (strstr (text, udha_person_get_registration_number (first)));
  g_assert_nonnull (strstr (text, udha_duplicate_reason_describe (UDHA_DUPLICATE_REASON_CITIZENSHIP)));
  g_clear_pointer (&text, g_free);
  shoot (&f, "duplicates");

  /* A new person needs a reason. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.dialog), "register.register-new", NULL));
  text = message_of (&f, "reason_message");
  g_assert_cmpstr (text, !=, "");
  g_clear_pointer (&text, g_free);
  g_assert_cmpstr (step (&f), ==, "duplicates");
  g_assert_cmpuint (count_audit (&f, "person.create_forced", 0), ==, 0);

  type (&f, "reason_row", "Different father's name and place of birth");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.dialog), "register.register-new", NULL));
  g_assert_cmpstr (step (&f), ==, "case");
  g_assert_cmpuint (f.n_registered, ==, 1);
  g_assert_cmpint (f.person_id, !=, first_id);
  second = udha_session_get_person (f.session, f.person_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (udha_person_get_given_name (second), ==, "Muhammad");
  g_assert_cmpstr (udha_person_get_dob (second), ==, "1998");
  g_assert_cmpuint (count_audit (&f, "person.create_forced", f.person_id), ==, 1);

  /* Escape on the case step asks first; Keep Editing keeps the dialog. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.dialog), "register.cancel", NULL));
  g_assert_true (udha_test_wait_until (message_dialog_shown_cb, NULL, 5000));
  message = find_message ();
  respond (message, "cancel");
  g_assert_true (udha_test_wait_until (message_dialog_gone_cb, NULL, 5000));
  udha_test_iterate (50);
  g_assert_nonnull (f.dialog);
  open_case_as_me (&f, "avrr");

  /* 5. Age only, with an unknown given name. */
  open_dialog (&f);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (child (&f, "given_unknown")), TRUE);
  type (&f, "family_row", "Haddad");
  choose_code (&f, "sex_row", UDHA_LOOKUP_SEX, "female", 1);
  gtk_switch_set_active (GTK_SWITCH (child (&f, "age_only_switch")), TRUE);
  g_assert_false (gtk_widget_get_visible (child (&f, "dob_row")));
  type (&f, "age_row", "about thirty");
  pick (&f, "citizenship_dropdown", udha_iso_citizenship_get_name ("stateless"));
  pick (&f, "language_dropdown", udha_iso_language_get_name ("fas"));
  g_assert_false (can_submit (&f));
  text = message_of (&f, "age_message");
  g_assert_cmpstr (text, !=, "");
  g_clear_pointer (&text, g_free);
  type (&f, "age_row", "34");
  g_assert_true (can_submit (&f));
  udha_test_iterate (800);
  shoot (&f, "person-age-only");
  submit (&f);
  if (g_strcmp0 (step (&f), "duplicates") == 0)
    {
      type (&f, "reason_row", "Different person");
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.dialog), "register.register-new", NULL));
    }
  g_assert_cmpstr (step (&f), ==, "case");
  third = udha_session_get_person (f.session, f.person_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (udha_person_get_given_name (third), ==, "unknown");
  g_assert_null (udha_person_get_dob (third));
  g_assert_cmpint (udha_person_get_estimated_age (third), ==, 34);
  g_assert_cmpstr (udha_person_get_age_basis (third), ==, "self_declared");
  g_assert_cmpstr (udha_person_get_citizenships (third)[0], ==, "stateless");
  open_case_as_me (&f, "ct");

  /* 6. The same person again: their open case is shown, nothing is saved. */
  open_dialog (&f);
  fill_mohamed (&f, "Mohamed", "Al Hassan", "07.03.1998");
  submit (&f);
  g_assert_cmpstr (step (&f), ==, "duplicates");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.dialog), "register.same-person", NULL));
  g_assert_true (udha_test_wait_until (dialog_gone_cb, &f, 5000));
  g_assert_cmpuint (f.n_registered, ==, 1);
  g_assert_cmpint (f.person_id, ==, first_id);
  g_assert_cmpuint (f.n_opened, ==, 1);
  g_assert_cmpint (f.case_id, ==, first_case);
  g_assert_cmpuint (count_audit (&f, "person.create", 0), ==, 2);
  g_assert_cmpuint (count_audit (&f, "person.create_forced", 0), >=, 1);

  /* 7. Escape with data asks first; Discard closes without saving. */
  open_dialog (&f);
  type (&f, "given_row", "Ardit");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.dialog), "register.cancel", NULL));
  g_assert_true (udha_test_wait_until (message_dialog_shown_cb, NULL, 5000));
  message = find_message ();
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, _("Discard this registration?"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (message));
  udha_test_iterate (300);
  expected = g_strdup_printf ("register-discard-%s.png", udha_test_lang ());
  udha_test_save_screenshot (GTK_WIDGET (message), expected);
  respond (message, "discard");
  g_assert_true (udha_test_wait_until (message_dialog_gone_cb, NULL, 5000));
  g_assert_true (udha_test_wait_until (dialog_gone_cb, &f, 5000));
  g_assert_cmpuint (f.n_registered, ==, 0);

  /* An empty form closes at once. */
  open_dialog (&f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.dialog), "register.cancel", NULL));
  g_assert_true (udha_test_wait_until (dialog_gone_cb, &f, 5000));

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

  g_test_add_func ("/udha/ui/register-dialog/flow", test_register_flow);

  return g_test_run ();
}
