/* test-window.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "udha-application.h"
#include "udha-core.h"
#include "udha-preferences-window.h"
#include "udha-test-utils.h"
#include "udha-vault.h"
#include "udha-window.h"

static UdhaApplication *
start_app (void)
{
  static guint serial;
  g_autoptr(GError) error = NULL;
  g_autofree char *app_id = g_strdup_printf ("%s.Test%u", APP_ID, serial++);
  UdhaApplication *app;

  /* A new ID each time: the previous instance may still be exported on the
   * bus until its last reference goes. */
  app = udha_application_new (app_id, G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));

  return app;
}

static UdhaWindow *
app_window (UdhaApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (UDHA_IS_WINDOW (window));
  return UDHA_WINDOW (window);
}

static void
stop_app (UdhaApplication *app)
{
  g_autoptr(UdhaApplication) owned = app;

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  udha_test_iterate (50);
}

static gboolean
window_mapped_cb (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static void
shoot_sizes (UdhaWindow *window,
             const char *lang)
{
  static const int sizes[][2] = { { 1280, 800 }, { 800, 600 } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *name = g_strdup_printf ("window-%s-%dx%d.png", lang, sizes[i][0], sizes[i][1]);

      gtk_window_set_default_size (GTK_WINDOW (window), sizes[i][0], sizes[i][1]);
      udha_test_iterate (150);
      udha_test_save_screenshot (GTK_WIDGET (window), name);
    }
}

static void
test_window_opens_and_draws (void)
{
  UdhaApplication *app = start_app ();
  UdhaWindow *window = app_window (app);
  GtkWidget *status;

  g_assert_true (udha_test_wait_until (window_mapped_cb, window, 5000));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* A first-time user sees the welcome page, with what to do next. */
  g_assert_cmpstr (udha_window_get_visible_page (window), ==, "welcome");
  status = udha_test_find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE, "Welcome to Udha");
  g_assert_nonnull (status);
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)), "vault"));

  shoot_sizes (window, "en");
  udha_test_save_screenshot (GTK_WIDGET (window), "window-en.png");

  stop_app (app);
}

static gboolean
window_of_type_cb (gpointer data)
{
  return udha_test_find_window ((GType) GPOINTER_TO_SIZE (data)) != NULL;
}

static void
open_and_close (UdhaApplication *app,
                const char      *action,
                GType            type,
                const char      *screenshot)
{
  GtkWindow *dialog;

  g_assert_null (udha_test_find_window (type));
  g_action_group_activate_action (G_ACTION_GROUP (app), action, NULL);
  g_assert_true (udha_test_wait_until (window_of_type_cb, GSIZE_TO_POINTER (type), 5000));

  dialog = udha_test_find_window (type);
  g_assert_true (udha_test_wait_until (window_mapped_cb, dialog, 5000));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  udha_test_save_screenshot (GTK_WIDGET (dialog), screenshot);
  gtk_window_destroy (dialog);
  udha_test_iterate (50);
}

static void
test_window_dialogs_open (void)
{
  UdhaApplication *app = start_app ();
  UdhaWindow *window = app_window (app);
  char **accels;

  g_assert_true (udha_test_wait_until (window_mapped_cb, window, 5000));

  open_and_close (app, "about", ADW_TYPE_ABOUT_WINDOW, "about-en.png");
  open_and_close (app, "preferences", UDHA_TYPE_PREFERENCES_WINDOW, "preferences-en.png");
  open_and_close (app, "shortcuts", GTK_TYPE_SHORTCUTS_WINDOW, "shortcuts-en.png");

  /* The accelerators a person uses for the same actions. */
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  g_assert_cmpstr (accels[0], ==, "<Control>q");
  g_strfreev (accels);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.preferences");
  g_assert_cmpstr (accels[0], ==, "<Control>comma");
  g_strfreev (accels);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.shortcuts");
  g_assert_cmpstr (accels[0], ==, "<Control>question");
  g_strfreev (accels);

  stop_app (app);
}

static void
test_window_remembers_size (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  UdhaApplication *app = start_app ();
  UdhaWindow *window = app_window (app);
  int width, height;

  g_assert_true (udha_test_wait_until (window_mapped_cb, window, 5000));
  gtk_window_set_default_size (GTK_WINDOW (window), 931, 617);
  udha_test_iterate (100);
  stop_app (app);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 931);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 617);

  app = start_app ();
  window = app_window (app);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 931);
  g_assert_cmpint (height, ==, 617);
  g_assert_false (gtk_window_is_maximized (GTK_WINDOW (window)));
  stop_app (app);
}

/* Runs as a fresh process, as after a restart: main() applied the language. */
static void
test_language_restart_child (void)
{
  UdhaApplication *app;
  UdhaWindow *window;
  g_autofree char *text = NULL;

  if (!g_test_subprocess ())
    {
      g_test_skip ("Runs in a new process, started by /udha/ui/window/language-restart");
      return;
    }

  g_assert_cmpstr (udha_application_get_ui_language (), ==, "sq");
  app = start_app ();
  window = app_window (app);
  g_assert_true (udha_test_wait_until (window_mapped_cb, window, 5000));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  text = udha_test_collect_text (GTK_WIDGET (window));
  g_test_message ("%s", text);
  g_assert_null (strstr (text, "Welcome to Udha"));
  g_assert_nonnull (strstr (text, "Mirë se vini"));

  shoot_sizes (window, "sq");
  udha_test_save_screenshot (GTK_WIDGET (window), "window-sq.png");

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  g_assert_true (udha_test_wait_until (window_of_type_cb,
                                       GSIZE_TO_POINTER (UDHA_TYPE_PREFERENCES_WINDOW), 5000));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (udha_test_find_window (UDHA_TYPE_PREFERENCES_WINDOW)));
  udha_test_save_screenshot (GTK_WIDGET (udha_test_find_window (UDHA_TYPE_PREFERENCES_WINDOW)),
                             "preferences-sq.png");
  gtk_window_destroy (udha_test_find_window (UDHA_TYPE_PREFERENCES_WINDOW));

  stop_app (app);
}

static void
test_language_restart (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  UdhaApplication *app = start_app ();
  UdhaPreferencesWindow *preferences;
  AdwComboRow *row;
  GtkWidget *restart_label;
  g_autofree char *text = NULL;

  g_assert_cmpstr (udha_application_get_ui_language (), ==, "");

  /* The person picks "Shqip" in Preferences. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  g_assert_true (udha_test_wait_until (window_of_type_cb,
                                       GSIZE_TO_POINTER (UDHA_TYPE_PREFERENCES_WINDOW), 5000));
  preferences = UDHA_PREFERENCES_WINDOW (udha_test_find_window (UDHA_TYPE_PREFERENCES_WINDOW));
  row = ADW_COMBO_ROW (udha_test_find_widget (GTK_WIDGET (preferences), ADW_TYPE_COMBO_ROW, NULL));
  g_assert_nonnull (row);
  adw_combo_row_set_selected (row, 2);
  udha_test_iterate (50);

  g_assert_cmpstr (g_settings_get_string (settings, "language"), ==, "sq");

  /* The dialog says when it applies, and the running window is unchanged. */
  restart_label = udha_test_find_widget (GTK_WIDGET (preferences), GTK_TYPE_LABEL,
                                         "The new language is used the next time you start Udha.");
  g_assert_nonnull (restart_label);
  g_assert_true (gtk_widget_get_visible (restart_label));
  text = udha_test_collect_text (GTK_WIDGET (app_window (app)));
  g_assert_nonnull (strstr (text, "Welcome to Udha"));

  gtk_window_destroy (GTK_WINDOW (preferences));
  stop_app (app);
  g_settings_sync ();

  /* "Restart": a new process reads the setting at start-up. */
  g_test_trap_subprocess ("/udha/ui/window/language-restart/child", 60 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  g_settings_set_string (settings, "language", "system");
  g_settings_sync ();
}

static GtkWindow *
find_named_window (const char *name)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (window)), name) == 0 &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static gboolean
demo_progress_gone_cb (gpointer data)
{
  return find_named_window ("demo-progress") == NULL && !udha_vault_exists (data);
}

static UdhaWindow *
app_main_window (GtkApplication *app)
{
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (UDHA_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static gboolean
main_window_shown_cb (gpointer data)
{
  return app_main_window (data) != NULL;
}

/* --demo: a window with a progress bar while the demo vault is made;
 * Cancel leaves no vault behind; the next start makes it and opens it. */
static void
test_demo_progress_cancel (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaApplication) app = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "udha", "demo", "cases.udb", NULL);
  GtkWindow *progress;
  GtkWidget *cancel;

  g_assert_false (udha_vault_exists (path));
  app = udha_application_new (APP_ID ".DemoTest", G_APPLICATION_NON_UNIQUE);
  udha_application_set_demo (app, TRUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  /* Cancel while the vault's key is derived: nothing stays */
  g_application_activate (G_APPLICATION (app));
  progress = find_named_window ("demo-progress");
  g_assert_nonnull (progress);
  g_assert_null (app_main_window (GTK_APPLICATION (app)));
  g_assert_true (GTK_IS_PROGRESS_BAR (g_object_get_data (G_OBJECT (progress), "udha-progress")));
  cancel = g_object_get_data (G_OBJECT (progress), "udha-cancel");
  udha_test_iterate (200);
  udha_test_save_screenshot (GTK_WIDGET (progress), "demo-progress.png");
  g_signal_emit_by_name (cancel, "clicked");
  g_assert_true (udha_test_wait_until (demo_progress_gone_cb, path, 60000));
  g_assert_null (app_main_window (GTK_APPLICATION (app)));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Again, to the end: the main window opens on the demo vault */
  g_application_activate (G_APPLICATION (app));
  g_assert_nonnull (find_named_window ("demo-progress"));
  g_assert_true (udha_test_wait_until (main_window_shown_cb, app, 120000));
  g_assert_true (udha_vault_exists (path));
  g_assert_cmpstr (udha_application_get_vault_path_override (app), ==, path);
  g_assert_null (find_named_window ("demo-progress"));
  g_assert_cmpstr (udha_window_get_visible_page (app_main_window (GTK_APPLICATION (app))), ==, "unlock");
  g_assert_cmpstr (udha_application_get_vault_path_override (app), ==, path);

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  udha_test_iterate (50);
  {
    g_autofree char *demo_dir = g_build_filename (g_get_user_data_dir (), "udha", NULL);

    udha_test_rm_rf (demo_dir);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  udha_test_init_environment ();

  /* Settings live in a keyfile in a private folder, so that a child process
   * (a "restart") sees what the parent chose. */
  if (g_getenv ("UDHA_TEST_CONFIG_HOME") == NULL)
    {
      g_autofree char *dir = g_dir_make_tmp ("udha-test-window-XXXXXX", &error);

      g_assert_no_error (error);
      g_setenv ("UDHA_TEST_CONFIG_HOME", dir, TRUE);
      g_setenv ("XDG_CONFIG_HOME", dir, TRUE);
      g_setenv ("XDG_DATA_HOME", dir, TRUE);
      g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
    }

  udha_core_harden_process ();
  udha_application_setup_i18n ();
  g_assert_true (udha_core_init (&error));

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/udha/ui/window/opens-and-draws", test_window_opens_and_draws);
  g_test_add_func ("/udha/ui/window/dialogs-open", test_window_dialogs_open);
  g_test_add_func ("/udha/ui/window/remembers-size", test_window_remembers_size);
  g_test_add_func ("/udha/ui/window/language-restart", test_language_restart);
  g_test_add_func ("/udha/ui/window/demo-progress-cancel", test_demo_progress_cancel);
  g_test_add_func ("/udha/ui/window/language-restart/child", test_language_restart_child);

  return g_test_run ();
}
