/* test-vault-flow.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drives the vault pages the way a person does: create the vault, store the
 * recovery key, lock, a wrong passphrase, unlock, auto-lock, change the
 * passphrase, a one-time passphrase after a reset, and the vault check.
 * Runs twice: in English and (UDHA_TEST_LANG=sq) in Albanian, saving a
 * screenshot of every page in both.
 */

#define _GNU_SOURCE

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "udha-application.h"
#include "udha-core.h"
#include "udha-create-page.h"
#include "udha-demo.h"
#include "udha-home-page.h"
#include "udha-office.h"
#include "udha-passphrase-dialog.h"
#include "udha-user.h"
#include "udha-test-utils.h"
#include "udha-unlock-page.h"
#include "udha-vault.h"
#include "udha-window.h"

#define ADMIN        "a.hoxha"
#define PASSPHRASE   "lumi drini ura guri 2026"
#define PASSPHRASE_2 "mali i thate ne veri"

typedef struct
{
  char            *dir;
  char            *vault_path;
  UdhaApplication *app;
  UdhaWindow      *window;
} Fixture;

static void
shoot (GtkWidget  *widget,
       const char *page)
{
  g_autofree char *name = g_strdup_printf ("%s-%s.png", page, udha_test_lang ());

  udha_test_iterate (300);   /* let crossfades finish */
  udha_test_save_screenshot (widget, name);
}

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

static gboolean
page_is_cb (gpointer data)
{
  Fixture *fixture = ((gpointer *) data)[0];
  const char *page = ((gpointer *) data)[1];

  return g_strcmp0 (udha_window_get_visible_page (fixture->window), page) == 0;
}

static void
wait_for_page (Fixture    *fixture,
               const char *page)
{
  gpointer data[2] = { fixture, (gpointer) page };

  g_assert_true (udha_test_wait_until (page_is_cb, data, 30000));
  g_assert_cmpstr (udha_window_get_visible_page (fixture->window), ==, page);
}

static gboolean
unlock_idle_cb (gpointer data)
{
  return !udha_unlock_page_get_busy (data);
}

static gboolean
mapped_cb (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
dialog_gone_cb (gpointer data)
{
  return udha_test_find_window (UDHA_TYPE_PASSPHRASE_DIALOG) == NULL;
}

static gboolean
dialog_shown_cb (gpointer data)
{
  return udha_test_find_window (UDHA_TYPE_PASSPHRASE_DIALOG) != NULL;
}

static void
fixture_start_app (Fixture *fixture)
{
  static guint serial;
  g_autoptr(GError) error = NULL;
  g_autofree char *app_id = g_strdup_printf ("%s.VaultTest%u", APP_ID, serial++);
  GSettings *settings;

  fixture->app = udha_application_new (app_id, G_APPLICATION_NON_UNIQUE);
  settings = udha_application_get_settings (fixture->app);
  g_settings_set_string (settings, "vault-path", fixture->vault_path);
  g_settings_set_uint (settings, "idle-lock-minutes", 10);

  g_application_register (G_APPLICATION (fixture->app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (fixture->app));

  fixture->window = UDHA_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (fixture->app)));
  g_assert_true (UDHA_IS_WINDOW (fixture->window));
  g_assert_true (udha_test_wait_until (mapped_cb, fixture->window, 5000));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 800);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

static void
fixture_stop_app (Fixture *fixture)
{
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "quit", NULL);
  udha_test_iterate (50);
  g_clear_object (&fixture->app);
  fixture->window = NULL;
}

static void
unlock_with (Fixture    *fixture,
             const char *user,
             const char *passphrase)
{
  GObject *page = child (fixture->window, UDHA_TYPE_WINDOW, "unlock_page");

  set_text (child (page, UDHA_TYPE_UNLOCK_PAGE, "user_entry"), user);
  set_text (child (page, UDHA_TYPE_UNLOCK_PAGE, "passphrase_entry"), passphrase);
  click (child (page, UDHA_TYPE_UNLOCK_PAGE, "unlock_button"));
  g_assert_true (udha_test_wait_until (unlock_idle_cb, page, 30000));
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return memmem (contents, len, needle, strlen (needle)) != NULL;
}

static gboolean
verify_done_cb (gpointer data)
{
  return gtk_widget_get_visible (child (data, UDHA_TYPE_HOME_PAGE, "verify_button"));
}

static gboolean
verify_started_cb (gpointer data)
{
  return udha_home_page_get_verify_progress (data) > 0.0;
}

/* The translated text before the first conversion of @format */
static char *
format_prefix (const char *format)
{
  const char *percent = strchr (format, '%');

  return percent != NULL ? g_strndup (format, percent - format) : g_strdup (format);
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

#define DEMO_ADMIN  "demo.admin"
#define DEMO_CASES  20000

static void
cases_count_cb (guint    done,
                guint    total,
                gpointer user_data)
{
}

/* The vault check shows how far it has come and stops on Cancel; the
 * vault is as it was, and a second check finds every page intact. */
static void
test_verify_cancel (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  Fixture fixture = { 0, };
  GObject *home_page, *row;
  g_autofree char *sum_before = NULL;
  g_autofree char *sum_after = NULL;
  g_autofree char *intact = NULL;

  fixture.dir = g_dir_make_tmp ("udha-verify-cancel-XXXXXX", &error);
  g_assert_no_error (error);
  fixture.vault_path = g_build_filename (fixture.dir, "cases.udb", NULL);
  {
    g_autoptr(UdhaVaultSecret) recovery = NULL;
    g_autoptr(UdhaVault) vault = NULL;
    g_autoptr(UdhaStore) store = NULL;
    g_autoptr(UdhaSession) session = NULL;
    g_autoptr(UdhaDemoResult) result = NULL;
    UdhaDemoOptions options = { DEMO_CASES, UDHA_DEMO_DEFAULT_SEED, PASSPHRASE_2, NULL };

    vault = udha_vault_create (fixture.vault_path, DEMO_ADMIN, PASSPHRASE, UDHA_VAULT_KDF_TEST_MIN,
                               &recovery, &error);
    g_assert_no_error (error);
    store = udha_store_new (vault, &error);
    g_assert_no_error (error);
    session = udha_session_new (vault, store, &error);
    g_assert_no_error (error);
    result = udha_demo_generate (session, store, PASSPHRASE, &options, cases_count_cb, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (udha_session_close (session, &error));
    g_clear_object (&session);
    g_clear_object (&store);
    udha_vault_lock (vault);
  }

  fixture_start_app (&fixture);
  unlock_with (&fixture, DEMO_ADMIN, PASSPHRASE);
  wait_for_page (&fixture, "home");
  home_page = child (fixture.window, UDHA_TYPE_WINDOW, "home_page");
  row = child (home_page, UDHA_TYPE_HOME_PAGE, "verify_row");
  udha_test_iterate (200);
  sum_before = file_checksum (fixture.vault_path);

  /* Start, see the bar move, cancel half way */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.verify-vault", NULL));
  g_assert_true (gtk_widget_get_visible (child (home_page, UDHA_TYPE_HOME_PAGE, "verify_progress")));
  g_assert_true (gtk_widget_get_visible (child (home_page, UDHA_TYPE_HOME_PAGE, "cancel_button")));
  g_assert_false (gtk_widget_get_visible (child (home_page, UDHA_TYPE_HOME_PAGE, "verify_button")));
  g_assert_true (udha_test_wait_until (verify_started_cb, home_page, 30000));
  g_assert_cmpfloat (udha_home_page_get_verify_progress (UDHA_HOME_PAGE (home_page)), <, 1.0);
  g_signal_emit_by_name (child (home_page, UDHA_TYPE_HOME_PAGE, "cancel_button"), "clicked");
  g_assert_true (udha_test_wait_until (verify_done_cb, home_page, 30000));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   _("Check cancelled. Nothing was changed; check again when you have time."));
  g_assert_false (gtk_widget_get_visible (child (home_page, UDHA_TYPE_HOME_PAGE, "verify_progress")));

  /* Everything intact: not a byte of the vault changed, and a full check passes */
  sum_after = file_checksum (fixture.vault_path);
  g_assert_cmpstr (sum_after, ==, sum_before);
  g_timer_start (timer);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.verify-vault", NULL));
  g_assert_true (udha_test_wait_until (verify_started_cb, home_page, 30000));
  shoot (GTK_WIDGET (fixture.window), "home-verifying");
  g_assert_true (udha_test_wait_until (verify_done_cb, home_page, 60000));
  g_test_message ("full check of %u cases: %.0f ms", DEMO_CASES, g_timer_elapsed (timer, NULL) * 1000.0);
  intact = format_prefix (_("Every page is intact (checked %s)"));

  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), intact));

  /* Ctrl+L while a check runs: it stops, its connection closes first, and
   * the vault opens again as before */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.verify-vault", NULL));
  g_assert_true (udha_test_wait_until (verify_started_cb, home_page, 30000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.lock", NULL));
  wait_for_page (&fixture, "unlock");
  udha_test_iterate (300);
  unlock_with (&fixture, DEMO_ADMIN, PASSPHRASE);
  wait_for_page (&fixture, "home");
  g_assert_true (gtk_widget_get_visible (child (home_page, UDHA_TYPE_HOME_PAGE, "verify_button")));
  g_assert_true (gtk_widget_is_sensitive (child (home_page, UDHA_TYPE_HOME_PAGE, "verify_button")));

  fixture_stop_app (&fixture);
  udha_test_rm_rf (fixture.dir);
  g_free (fixture.vault_path);
  g_free (fixture.dir);
}

static void
toast_dismissed_cb (AdwToast *toast,
                    guint    *dismissed)
{
  (*dismissed)++;
}

/* The overlay the pages' toasts go to: the nearest above the home page, as
 * a case file finds it. */
static AdwToastOverlay *
page_toast_overlay (Fixture *fixture)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (child (fixture->window, UDHA_TYPE_WINDOW, "home_page"),
                                                ADW_TYPE_TOAST_OVERLAY);

  g_assert_nonnull (overlay);
  return ADW_TOAST_OVERLAY (overlay);
}

static AdwToast *
watched_toast (const char *title,
               guint      *dismissed)
{
  AdwToast *toast = adw_toast_new (title);

  g_signal_connect (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), dismissed);
  return toast;
}

/* A toast on screen at lock is gone after the next unlock (a case file's
 * "Closure requested" must not greet the next person), whether the lock
 * comes in the turn the toast was added, while it slides in, once it is
 * shown, while it slides out, or with more toasts queued. */
static void
test_toasts_dropped_at_lock (void)
{
  g_autoptr(GError) error = NULL;
  Fixture fixture = { 0, };
  guint added = 0, dismissed = 0;

  fixture.dir = g_dir_make_tmp ("udha-toast-lock-XXXXXX", &error);
  g_assert_no_error (error);
  fixture.vault_path = g_build_filename (fixture.dir, "cases.udb", NULL);
  {
    g_autoptr(UdhaVaultSecret) recovery = NULL;
    g_autoptr(UdhaVault) vault = NULL;
    g_autoptr(UdhaStore) store = NULL;
    g_autoptr(UdhaSession) session = NULL;

    vault = udha_vault_create (fixture.vault_path, DEMO_ADMIN, PASSPHRASE, UDHA_VAULT_KDF_TEST_MIN,
                               &recovery, &error);
    g_assert_no_error (error);
    store = udha_store_new (vault, &error);
    g_assert_no_error (error);
    session = udha_session_new (vault, store, &error);
    g_assert_no_error (error);
    g_assert_true (udha_session_close (session, &error));
    g_clear_object (&session);
    g_clear_object (&store);
    udha_vault_lock (vault);
  }

  fixture_start_app (&fixture);
  unlock_with (&fixture, DEMO_ADMIN, PASSPHRASE);
  wait_for_page (&fixture, "home");
  udha_test_iterate (300);

  /* Round r waits r × 60 ms between the toast and the lock: 0 is the same
   * turn, 60–240 the 300 ms slide-in, later ones a shown toast. Odd rounds
   * dismiss the toast just before the lock, so it is sliding out; rounds
   * divisible by three queue a second toast behind the first. */
  for (guint round = 0; round < 10; round++)
    {
      AdwToastOverlay *overlay = page_toast_overlay (&fixture);
      AdwToast *toast = watched_toast ("Closure requested", &dismissed);
      GtkWidget *content;

      g_object_ref (toast);
      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (overlay, toast);
      added++;
      if (round % 3 == 0)
        {
          adw_toast_overlay_add_toast (overlay, watched_toast ("Details saved", &dismissed));
          added++;
        }
      if (round > 0)
        udha_test_iterate (round * 60);
      if (round % 2 == 1)
        {
          adw_toast_dismiss (toast);
          udha_test_iterate (30);
        }
      /* The window's own toasts too (queued: no widget after the unlock) */
      udha_window_add_toast (fixture.window, "Key file updated");
      g_object_unref (toast);

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.lock", NULL));
      wait_for_page (&fixture, "unlock");
      udha_test_iterate (100);
      unlock_with (&fixture, DEMO_ADMIN, PASSPHRASE);
      wait_for_page (&fixture, "home");
      udha_test_iterate (400);

      /* Every toast went, and the overlay holds nothing but the window's
       * content */
      g_assert_cmpuint (dismissed, ==, added);
      overlay = page_toast_overlay (&fixture);
      content = adw_toast_overlay_get_child (overlay);
      g_assert_nonnull (content);
      g_assert_true (gtk_widget_get_first_child (GTK_WIDGET (overlay)) == content);
      g_assert_true (gtk_widget_get_last_child (GTK_WIDGET (overlay)) == content);
    }

  /* Toasts still show after an unlock */
  udha_window_add_toast (fixture.window, "Vault created");
  udha_test_iterate (50);
  g_assert_false (gtk_widget_get_first_child (GTK_WIDGET (page_toast_overlay (&fixture))) ==
                  gtk_widget_get_last_child (GTK_WIDGET (page_toast_overlay (&fixture))));

  fixture_stop_app (&fixture);
  udha_test_rm_rf (fixture.dir);
  g_free (fixture.vault_path);
  g_free (fixture.dir);
}

static void
test_vault_flow (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *keys_path = NULL;
  g_autoptr(GBytes) old_keys = NULL;
  Fixture fixture = { 0, };
  GObject *create_page, *unlock_page, *home_page;
  GObject *error_label, *recovery_label;
  GtkWidget *focus;
  UdhaPassphraseDialog *dialog;
  const char *recovery;

  fixture.dir = g_dir_make_tmp ("udha-vault-flow-XXXXXX", &error);
  g_assert_no_error (error);
  fixture.vault_path = g_build_filename (fixture.dir, "cases.udb", NULL);
  keys_path = udha_core_keys_path_for (fixture.vault_path);

  /* 1. First run: the welcome page, then the creation form. */
  fixture_start_app (&fixture);
  g_assert_cmpstr (udha_window_get_visible_page (fixture.window), ==, "welcome");
  shoot (GTK_WIDGET (fixture.window), "welcome");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.create-vault", NULL));
  wait_for_page (&fixture, "create");
  create_page = child (fixture.window, UDHA_TYPE_WINDOW, "create_page");

  /* Inline validation names the problem and keeps the button off. */
  set_text (child (create_page, UDHA_TYPE_CREATE_PAGE, "name_entry"), ADMIN);
  set_text (child (create_page, UDHA_TYPE_CREATE_PAGE, "passphrase_entry"), "short");
  error_label = child (create_page, UDHA_TYPE_CREATE_PAGE, "error_label");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_false (gtk_widget_is_sensitive (child (create_page, UDHA_TYPE_CREATE_PAGE, "create_button")));

  set_text (child (create_page, UDHA_TYPE_CREATE_PAGE, "passphrase_entry"), PASSPHRASE);
  set_text (child (create_page, UDHA_TYPE_CREATE_PAGE, "confirm_entry"), "lumi drini ura guri 2025");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_false (gtk_widget_is_sensitive (child (create_page, UDHA_TYPE_CREATE_PAGE, "create_button")));

  set_text (child (create_page, UDHA_TYPE_CREATE_PAGE, "confirm_entry"), PASSPHRASE);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_cmpfloat (gtk_level_bar_get_value (child (create_page, UDHA_TYPE_CREATE_PAGE, "strength_bar")), >=, 3);
  shoot (GTK_WIDGET (fixture.window), "create");

  /* 2. Create: Argon2id runs in a worker, then the recovery key, once. */
  click (child (create_page, UDHA_TYPE_CREATE_PAGE, "create_button"));
  g_assert_true (udha_create_page_get_busy (UDHA_CREATE_PAGE (create_page)));
  while (udha_create_page_get_busy (UDHA_CREATE_PAGE (create_page)))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (udha_create_page_get_step (UDHA_CREATE_PAGE (create_page)), ==, "recovery");

  recovery_label = child (create_page, UDHA_TYPE_CREATE_PAGE, "recovery_label");
  recovery = gtk_label_get_label (GTK_LABEL (recovery_label));
  g_assert_cmpint (strlen (recovery), >=, 52);
  g_assert_true (g_file_test (fixture.vault_path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (keys_path, G_FILE_TEST_IS_REGULAR));
  g_assert_false (file_contains (keys_path, ADMIN));
  g_assert_false (file_contains (fixture.vault_path, "SQLite format 3"));
  shoot (GTK_WIDGET (fixture.window), "recovery-key");

  /* Continue stays off until the person confirms the key is stored. */
  g_assert_false (gtk_widget_is_sensitive (child (create_page, UDHA_TYPE_CREATE_PAGE, "continue_button")));
  gtk_check_button_set_active (child (create_page, UDHA_TYPE_CREATE_PAGE, "stored_check"), TRUE);
  click (child (create_page, UDHA_TYPE_CREATE_PAGE, "continue_button"));
  wait_for_page (&fixture, "home");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (recovery_label)), ==, "");
  g_assert_nonnull (udha_window_get_vault (fixture.window));
  g_assert_cmpstr (udha_vault_get_user_name (udha_window_get_vault (fixture.window)), ==, ADMIN);
  shoot (GTK_WIDGET (fixture.window), "home");

  /* 3. Lock (the Ctrl+L action): back to the unlock page, keys gone. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.lock", NULL));
  wait_for_page (&fixture, "unlock");
  g_assert_null (udha_window_get_vault (fixture.window));
  unlock_page = child (fixture.window, UDHA_TYPE_WINDOW, "unlock_page");
  g_assert_cmpstr (gtk_editable_get_text (child (unlock_page, UDHA_TYPE_UNLOCK_PAGE, "user_entry")), ==, ADMIN);
  g_assert_cmpstr (gtk_editable_get_text (child (unlock_page, UDHA_TYPE_UNLOCK_PAGE, "passphrase_entry")), ==, "");

  /* 4. A wrong passphrase: an inline message, focus stays, nothing else. */
  unlock_with (&fixture, ADMIN, "not the passphrase at all");
  g_assert_cmpstr (udha_window_get_visible_page (fixture.window), ==, "unlock");
  g_assert_null (udha_window_get_vault (fixture.window));
  error_label = child (unlock_page, UDHA_TYPE_UNLOCK_PAGE, "error_label");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (error_label)), !=, "");
  g_assert_null (strstr (gtk_label_get_label (GTK_LABEL (error_label)), ADMIN));
  focus = gtk_root_get_focus (GTK_ROOT (fixture.window));
  g_assert_nonnull (focus);
  g_assert_true (focus == child (unlock_page, UDHA_TYPE_UNLOCK_PAGE, "passphrase_entry") ||
                 gtk_widget_is_ancestor (focus, child (unlock_page, UDHA_TYPE_UNLOCK_PAGE, "passphrase_entry")));
  shoot (GTK_WIDGET (fixture.window), "unlock-wrong-passphrase");

  /* A wrong user name gets the very same message. */
  {
    g_autofree char *wrong_passphrase = g_strdup (gtk_label_get_label (GTK_LABEL (error_label)));

    unlock_with (&fixture, "nobody.here", PASSPHRASE);
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (error_label)), ==, wrong_passphrase);
  }

  /* 5. The right passphrase. */
  unlock_with (&fixture, ADMIN, PASSPHRASE);
  wait_for_page (&fixture, "home");
  g_assert_nonnull (udha_window_get_vault (fixture.window));

  /* 6. Auto-lock after the minutes set in Preferences. */
  g_assert_false (udha_window_check_idle (fixture.window, g_get_monotonic_time () + 9 * 60 * G_USEC_PER_SEC));
  g_assert_nonnull (udha_window_get_vault (fixture.window));
  g_assert_true (udha_window_check_idle (fixture.window, g_get_monotonic_time () + 11 * 60 * G_USEC_PER_SEC));
  wait_for_page (&fixture, "unlock");
  g_assert_null (udha_window_get_vault (fixture.window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  shoot (GTK_WIDGET (fixture.window), "unlock-auto-locked");

  /* 7. Change the passphrase in the dialog; keep the older key file. */
  {
    g_autofree char *contents = NULL;
    gsize len;

    g_assert_true (g_file_get_contents (keys_path, &contents, &len, NULL));
    old_keys = g_bytes_new_take (g_steal_pointer (&contents), len);
  }
  unlock_with (&fixture, ADMIN, PASSPHRASE);
  wait_for_page (&fixture, "home");
  home_page = child (fixture.window, UDHA_TYPE_WINDOW, "home_page");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.change-passphrase", NULL));
  g_assert_true (udha_test_wait_until (dialog_shown_cb, NULL, 5000));
  dialog = UDHA_PASSPHRASE_DIALOG (udha_test_find_window (UDHA_TYPE_PASSPHRASE_DIALOG));
  g_assert_true (udha_test_wait_until (mapped_cb, dialog, 5000));
  set_text (child (dialog, UDHA_TYPE_PASSPHRASE_DIALOG, "current_entry"), "wrong current passphrase");
  set_text (child (dialog, UDHA_TYPE_PASSPHRASE_DIALOG, "new_entry"), PASSPHRASE_2);
  set_text (child (dialog, UDHA_TYPE_PASSPHRASE_DIALOG, "repeat_entry"), PASSPHRASE_2);
  shoot (GTK_WIDGET (dialog), "change-passphrase");
  click (child (dialog, UDHA_TYPE_PASSPHRASE_DIALOG, "change_button"));
  udha_test_iterate (100);
  while (gtk_widget_get_visible (child (dialog, UDHA_TYPE_PASSPHRASE_DIALOG, "spinner")))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_visible (child (dialog, UDHA_TYPE_PASSPHRASE_DIALOG, "error_label")));
  set_text (child (dialog, UDHA_TYPE_PASSPHRASE_DIALOG, "current_entry"), PASSPHRASE);
  click (child (dialog, UDHA_TYPE_PASSPHRASE_DIALOG, "change_button"));
  g_assert_true (udha_test_wait_until (dialog_gone_cb, NULL, 30000));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.lock", NULL));
  wait_for_page (&fixture, "unlock");
  unlock_with (&fixture, ADMIN, PASSPHRASE);
  g_assert_cmpstr (udha_window_get_visible_page (fixture.window), ==, "unlock");
  unlock_with (&fixture, ADMIN, PASSPHRASE_2);
  wait_for_page (&fixture, "home");

  /* 7b. An older key file put back: the old passphrase opens again (the
   * documented caveat), and the window offers to write a current file. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.lock", NULL));
  wait_for_page (&fixture, "unlock");
  g_assert_true (g_file_set_contents (keys_path, g_bytes_get_data (old_keys, NULL),
                                      g_bytes_get_size (old_keys), NULL));
  unlock_with (&fixture, ADMIN, PASSPHRASE);
  wait_for_page (&fixture, "home");
  g_assert_true (udha_vault_get_keys_file_older (udha_window_get_vault (fixture.window)));
  shoot (GTK_WIDGET (fixture.window), "home-older-key-file");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.rewrite-keys", NULL));
  g_assert_false (udha_vault_get_keys_file_older (udha_window_get_vault (fixture.window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.lock", NULL));
  wait_for_page (&fixture, "unlock");
  unlock_with (&fixture, ADMIN, PASSPHRASE);
  wait_for_page (&fixture, "home");
  g_assert_false (udha_vault_get_keys_file_older (udha_window_get_vault (fixture.window)));
  /* Back to the new passphrase for the rest of the flow. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.change-passphrase", NULL));
  g_assert_true (udha_test_wait_until (dialog_shown_cb, NULL, 5000));
  dialog = UDHA_PASSPHRASE_DIALOG (udha_test_find_window (UDHA_TYPE_PASSPHRASE_DIALOG));
  set_text (child (dialog, UDHA_TYPE_PASSPHRASE_DIALOG, "current_entry"), PASSPHRASE);
  set_text (child (dialog, UDHA_TYPE_PASSPHRASE_DIALOG, "new_entry"), PASSPHRASE_2);
  set_text (child (dialog, UDHA_TYPE_PASSPHRASE_DIALOG, "repeat_entry"), PASSPHRASE_2);
  click (child (dialog, UDHA_TYPE_PASSPHRASE_DIALOG, "change_button"));
  g_assert_true (udha_test_wait_until (dialog_gone_cb, NULL, 30000));

  /* 8. The vault check reads every page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.verify-vault", NULL));
  g_assert_true (udha_test_wait_until (verify_done_cb, home_page, 30000));
  {
    g_autofree char *intact = format_prefix (_("Every page is intact (checked %s)"));

    g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (child (home_page, UDHA_TYPE_HOME_PAGE, "verify_row")),
                                     intact));
  }
  shoot (GTK_WIDGET (fixture.window), "home-verified");

  /* 9. A colleague with a one-time passphrase must choose their own. */
  {
    UdhaSession *session = udha_window_get_session (fixture.window);
    g_autoptr(UdhaOffice) office = udha_session_add_office (session, "TIR", "Tiranë", &error);
    g_autoptr(UdhaUser) user = NULL;

    g_assert_no_error (error);
    user = udha_session_add_user (session, PASSPHRASE_2, "b.kola", "nje here vetem 12345",
                                  "caseworker", udha_office_get_id (office), "Besa Kola", &error);
    g_assert_no_error (error);
    g_assert_nonnull (user);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.lock", NULL));
  wait_for_page (&fixture, "unlock");
  unlock_with (&fixture, "b.kola", "nje here vetem 12345");
  /* A caseworker lands in the workspace, not on the vault page. */
  wait_for_page (&fixture, "workspace");
  g_assert_true (udha_test_wait_until (dialog_shown_cb, NULL, 5000));
  dialog = UDHA_PASSPHRASE_DIALOG (udha_test_find_window (UDHA_TYPE_PASSPHRASE_DIALOG));
  g_assert_true (udha_test_wait_until (mapped_cb, dialog, 5000));
  shoot (GTK_WIDGET (dialog), "one-time-passphrase");
  /* Closing the dialog without a new passphrase locks the vault again. */
  gtk_window_close (GTK_WINDOW (dialog));
  wait_for_page (&fixture, "unlock");
  g_assert_null (udha_window_get_vault (fixture.window));

  /* Every unlock and lock above went into the audit chain, and it verifies. */
  unlock_with (&fixture, ADMIN, PASSPHRASE_2);
  wait_for_page (&fixture, "home");
  {
    UdhaSession *session = udha_window_get_session (fixture.window);
    g_autoptr(GPtrArray) entries = udha_session_audit_list (session, 0, 1000, &error);
    guint unlocks = 0, locks = 0;
    guint64 bad_seq = 0;

    g_assert_no_error (error);
    for (guint i = 0; i < entries->len; i++)
      {
        UdhaAuditEntry *entry = g_ptr_array_index (entries, i);

        unlocks += g_strcmp0 (entry->action, "vault.unlock") == 0;
        locks += g_strcmp0 (entry->action, "vault.lock") == 0;
      }
    /* Creation, six unlocks by a.hoxha (one after the older key file) and
     * one by b.kola; each lock but the last. */
    g_assert_cmpuint (unlocks, >=, 7);
    g_assert_cmpuint (locks, >=, 6);
    g_assert_true (udha_session_audit_verify (session, &bad_seq, &error));
    g_assert_no_error (error);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.lock", NULL));
  wait_for_page (&fixture, "unlock");

  fixture_stop_app (&fixture);

  /* 10. A restart finds the vault and opens on the unlock page. */
  fixture_start_app (&fixture);
  g_assert_cmpstr (udha_window_get_visible_page (fixture.window), ==, "unlock");
  shoot (GTK_WIDGET (fixture.window), "unlock");
  gtk_window_set_default_size (GTK_WINDOW (fixture.window), 800, 600);
  shoot (GTK_WIDGET (fixture.window), "unlock-800x600");
  fixture_stop_app (&fixture);

  g_free (fixture.vault_path);
  g_free (fixture.dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  udha_test_init_environment ();
  if (g_strcmp0 (g_getenv ("UDHA_TEST_LANG"), "sq") == 0)
    {
      /* As if the person had picked Shqip in Preferences before this start. */
      g_autoptr(GSettings) settings = g_settings_new (BASE_ID);

      g_settings_set_string (settings, "language", "sq");
    }

  udha_core_harden_process ();
  udha_application_setup_i18n ();
  g_assert_true (udha_core_init (&error));

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/udha/ui/vault/flow", test_vault_flow);
  g_test_add_func ("/udha/ui/vault/verify-cancel", test_verify_cancel);
  g_test_add_func ("/udha/ui/vault/toasts-dropped-at-lock", test_toasts_dropped_at_lock);

  return g_test_run ();
}
