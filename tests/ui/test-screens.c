/* test-screens.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PNG of every screen, for review and for data/screenshots/: the
 * welcome page, vault creation, unlock, the administrator's vault page,
 * the workspace (each sidebar list, a drill-down list, the supervisor's
 * pages once the window adds them), every tab of a case file, the steps
 * of the registration dialog, preferences, About and the keyboard
 * shortcuts. Windows at 1280×800 and 800×600; dialogs at the size they
 * open with over such a window. In English, and in Albanian in the -sq
 * run (UDHA_TEST_LANG=sq). The files are named screen-<name>[-800x600]-<lang>.png
 * in the build's tests folder.
 */

#include "config.h"

#include <string.h>

#include "udha-application.h"
#include "udha-case-list-model.h"
#include "udha-core.h"
#include "udha-dashboard.h"
#include "udha-demo.h"
#include "udha-iso-codes.h"
#include "udha-lookup.h"
#include "udha-register-dialog.h"
#include "udha-report-page.h"
#include "udha-test-utils.h"
#include "udha-unlock-page.h"
#include "udha-vault.h"
#include "udha-window.h"
#include "udha-workspace.h"

#define ADMIN       "demo.admin"
#define ADMIN_PASS  "administrator passphrase"
#define USERS_PASS  "demo users passphrase"
#define N_CASES     400
#define SUPERVISOR  "demo.mira"
#define CASEWORKER  "demo.arta"

static char *dir;
static char *path;

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
save (GtkWidget  *widget,
      const char *name,
      const char *size)
{
  g_autofree char *file = g_strdup_printf ("screen-%s%s-%s.png", name, size, udha_test_lang ());

  udha_test_iterate (350);   /* crossfades and transitions */
  udha_test_save_screenshot (widget, file);
}

/* The main window at 1280×800 and at 800×600 */
static void
shoot (GtkWindow  *window,
       const char *name)
{
  gtk_window_set_default_size (window, 1280, 800);
  save (GTK_WIDGET (window), name, "");
  gtk_window_set_default_size (window, 800, 600);
  save (GTK_WIDGET (window), name, "-800x600");
  gtk_window_set_default_size (window, 1280, 800);
  udha_test_iterate (150);
}

/* A dialog as it opens over a 1280×800 window, and squeezed for 800×600 */
static void
shoot_dialog (GtkWindow  *dialog,
              const char *name,
              int         width,
              int         height)
{
  gtk_window_set_default_size (dialog, width, height);
  save (GTK_WIDGET (dialog), name, "");
  gtk_window_set_default_size (dialog, MIN (width, 560), MIN (height, 520));
  save (GTK_WIDGET (dialog), name, "-800x600");
  gtk_window_set_default_size (dialog, width, height);
  udha_test_iterate (100);
}

/* Picks an item of a searchable picker by its name */
static void
pick (GtkDropDown *picker,
      const char  *name)
{
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
  g_error ("No “%s” to pick", name);
}

static gboolean
mapped_cb (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
page_is_cb (gpointer data)
{
  gpointer *pair = data;

  return g_strcmp0 (udha_window_get_visible_page (pair[0]), pair[1]) == 0;
}

static void
wait_for_page (UdhaWindow *window,
               const char *page)
{
  gpointer pair[2] = { window, (gpointer) page };

  g_assert_true (udha_test_wait_until (page_is_cb, pair, 30000));
}

static GtkWindow *
wait_for_window (GType type)
{
  for (guint i = 0; i < 100 && udha_test_find_window (type) == NULL; i++)
    udha_test_iterate (20);
  g_assert_nonnull (udha_test_find_window (type));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (udha_test_find_window (type)));
  return udha_test_find_window (type);
}

static UdhaApplication *
start_app (const char  *vault_path,
           UdhaWindow **window)
{
  static guint serial;
  g_autoptr(GError) error = NULL;
  g_autofree char *app_id = g_strdup_printf ("%s.ScreensTest%u", APP_ID, serial++);
  UdhaApplication *app = udha_application_new (app_id, G_APPLICATION_NON_UNIQUE);

  g_settings_set_string (udha_application_get_settings (app), "vault-path", vault_path);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  *window = UDHA_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (UDHA_IS_WINDOW (*window));
  gtk_window_set_default_size (GTK_WINDOW (*window), 1280, 800);
  g_assert_true (udha_test_wait_until (mapped_cb, *window, 5000));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (*window));
  return app;
}

static void
stop_app (UdhaApplication *app)
{
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  udha_test_iterate (50);
  g_object_unref (app);
}

static void
unlock (UdhaWindow *window,
        const char *user,
        const char *passphrase,
        const char *page)
{
  GtkWidget *unlock_page = child (window, UDHA_TYPE_WINDOW, "unlock_page");

  gtk_editable_set_text (child (unlock_page, UDHA_TYPE_UNLOCK_PAGE, "user_entry"), user);
  gtk_editable_set_text (child (unlock_page, UDHA_TYPE_UNLOCK_PAGE, "passphrase_entry"), passphrase);
  g_signal_emit_by_name (child (unlock_page, UDHA_TYPE_UNLOCK_PAGE, "unlock_button"), "clicked");
  wait_for_page (window, page);
}

static void
make_vault (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaVaultSecret) recovery = NULL;
  g_autoptr(UdhaDemoResult) result = NULL;
  g_autoptr(UdhaVault) vault = NULL;
  g_autoptr(UdhaStore) store = NULL;
  g_autoptr(UdhaSession) session = NULL;
  UdhaDemoOptions options = { N_CASES, UDHA_DEMO_DEFAULT_SEED, USERS_PASS, NULL };

  dir = g_dir_make_tmp ("udha-screens-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "cases.udb", NULL);
  vault = udha_vault_create (path, ADMIN, ADMIN_PASS, UDHA_VAULT_KDF_TEST_MIN, &recovery, &error);
  g_assert_no_error (error);
  store = udha_store_new (vault, &error);
  g_assert_no_error (error);
  session = udha_session_new (vault, store, &error);
  g_assert_no_error (error);
  result = udha_demo_generate (session, store, ADMIN_PASS, &options, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (udha_session_close (session, &error));
  g_clear_object (&session);
  g_clear_object (&store);
  udha_vault_lock (vault);
}

/* Before a vault exists: welcome and the creation form; the application's
 * own windows */
static void
test_start (void)
{
  g_autofree char *missing = g_build_filename (dir, "new.udb", NULL);
  UdhaApplication *app;
  UdhaWindow *window;
  GtkWindow *dialog;

  app = start_app (missing, &window);
  wait_for_page (window, "welcome");
  shoot (GTK_WINDOW (window), "welcome");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.create-vault", NULL));
  wait_for_page (window, "create");
  shoot (GTK_WINDOW (window), "create");

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  dialog = wait_for_window (ADW_TYPE_PREFERENCES_WINDOW);
  shoot_dialog (dialog, "preferences", 640, 560);
  gtk_window_destroy (dialog);

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  dialog = wait_for_window (ADW_TYPE_ABOUT_WINDOW);
  shoot_dialog (dialog, "about", 360, 560);
  gtk_window_destroy (dialog);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  dialog = wait_for_window (GTK_TYPE_SHORTCUTS_WINDOW);
  save (GTK_WIDGET (dialog), "shortcuts", "");
  gtk_widget_set_visible (GTK_WIDGET (dialog), FALSE);

  stop_app (app);
}

/* The administrator's vault page */
static void
test_admin (void)
{
  UdhaApplication *app;
  UdhaWindow *window;

  app = start_app (path, &window);
  wait_for_page (window, "unlock");
  shoot (GTK_WINDOW (window), "unlock");
  unlock (window, ADMIN, ADMIN_PASS, "home");
  shoot (GTK_WINDOW (window), "home");
  stop_app (app);
}

static void
shoot_lists (UdhaWindow    *window,
             UdhaWorkspace *workspace,
             const char    *who)
{
  const char *lists[] = { "mine", "intake", "follow-ups" };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_autofree char *name = g_strdup_printf ("workspace-%s-%s", who, lists[i]);

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (workspace), "workspace.show-list", "s", lists[i]));
      shoot (GTK_WINDOW (window), name);
    }
}

/* A caseworker's workspace, a case file with each tab, the registration
 * dialog's steps */
static void
test_caseworker (void)
{
  UdhaApplication *app;
  UdhaWindow *window;
  UdhaWorkspace *workspace;
  GtkWindow *dialog;

  app = start_app (path, &window);
  wait_for_page (window, "unlock");
  unlock (window, CASEWORKER, USERS_PASS, "workspace");
  workspace = UDHA_WORKSPACE (udha_test_find_widget (GTK_WIDGET (window), UDHA_TYPE_WORKSPACE, NULL));
  g_assert_nonnull (workspace);
  shoot_lists (window, workspace, "caseworker");

  /* Search: the hint, then a name */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (workspace), "workspace.search", NULL));
  shoot (GTK_WINDOW (window), "workspace-search-start");
  gtk_editable_set_text (child (workspace, UDHA_TYPE_WORKSPACE, "search_entry"), "Mohamed");
  udha_test_iterate (400);
  shoot (GTK_WINDOW (window), "workspace-search");
  gtk_editable_set_text (child (workspace, UDHA_TYPE_WORKSPACE, "search_entry"), "");
  udha_test_iterate (300);

  /* A case file, each tab */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (workspace), "workspace.show-list", "s", "mine"));
  g_signal_emit_by_name (child (workspace, UDHA_TYPE_WORKSPACE, "column_view"), "activate", 0);
  g_assert_cmpstr (udha_workspace_get_visible_page (workspace), ==, "case");
  {
    AdwViewStack *tabs = ADW_VIEW_STACK (udha_test_find_widget (GTK_WIDGET (workspace), ADW_TYPE_VIEW_STACK, NULL));
    GListModel *pages;

    g_assert_nonnull (tabs);
    pages = G_LIST_MODEL (adw_view_stack_get_pages (tabs));
    for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
      {
        g_autoptr(AdwViewStackPage) page = g_list_model_get_item (pages, i);
        g_autofree char *name = g_strdup_printf ("case-%s", adw_view_stack_page_get_name (page));

        adw_view_stack_set_visible_child (tabs, adw_view_stack_page_get_child (page));
        shoot (GTK_WINDOW (window), name);
      }
    g_object_unref (pages);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (workspace), "workspace.back", NULL));

  /* Registration: the empty form, a filled one, the duplicate check */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (workspace), "workspace.register-person", NULL));
  dialog = wait_for_window (UDHA_TYPE_REGISTER_DIALOG);
  shoot_dialog (dialog, "register-person-empty", 640, 720);
  gtk_editable_set_text (child (dialog, UDHA_TYPE_REGISTER_DIALOG, "given_row"), "Muhammad");
  gtk_editable_set_text (child (dialog, UDHA_TYPE_REGISTER_DIALOG, "family_row"), "Alhasan");
  gtk_editable_set_text (child (dialog, UDHA_TYPE_REGISTER_DIALOG, "dob_row"), "1998");
  adw_combo_row_set_selected (child (dialog, UDHA_TYPE_REGISTER_DIALOG, "sex_row"),
                              udha_lookup_get_position (UDHA_LOOKUP_SEX, "male") + 1);
  pick (child (dialog, UDHA_TYPE_REGISTER_DIALOG, "citizenship_dropdown"), udha_iso_citizenship_get_name ("SY"));
  pick (child (dialog, UDHA_TYPE_REGISTER_DIALOG, "language_dropdown"), udha_iso_language_get_name ("ara"));
  udha_test_iterate (800);
  shoot_dialog (dialog, "register-person", 640, 720);
  /* Continue: the people who may be the same (or, with none, the case) */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "register.submit", NULL));
  udha_test_iterate (300);
  {
    g_autofree char *name = g_strdup_printf ("register-%s",
                                             gtk_stack_get_visible_child_name (child (dialog, UDHA_TYPE_REGISTER_DIALOG, "stack")));

    shoot_dialog (dialog, name, 640, 720);
  }
  if (udha_test_find_window (UDHA_TYPE_REGISTER_DIALOG) != NULL)
    gtk_window_destroy (udha_test_find_window (UDHA_TYPE_REGISTER_DIALOG));
  udha_test_iterate (50);

  stop_app (app);
}

/* The supervisor: the office's lists, a drill-down, the pages the window
 * adds beside the caseload (dashboard, reports) */
static void
test_supervisor (void)
{
  UdhaApplication *app;
  UdhaWindow *window;
  UdhaWorkspace *workspace;
  g_autoptr(UdhaCaseListModel) drill = NULL;

  app = start_app (path, &window);
  wait_for_page (window, "unlock");
  unlock (window, SUPERVISOR, USERS_PASS, "workspace");
  workspace = UDHA_WORKSPACE (udha_test_find_widget (GTK_WIDGET (window), UDHA_TYPE_WORKSPACE, NULL));
  g_assert_nonnull (workspace);
  shoot_lists (window, workspace, "supervisor");

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (child (workspace, UDHA_TYPE_WORKSPACE, "sidebar_list")));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      g_autofree char *name = NULL;

      if (g_object_get_data (G_OBJECT (row), "udha-page") == NULL)
        continue;
      name = g_strdup_printf ("workspace-%s", gtk_widget_get_name (row));
      g_signal_emit_by_name (row, "activate");
      udha_test_iterate (500);
      shoot (GTK_WINDOW (window), name);
    }

  /* The dashboard is wired to the workspace: a figure opens its cases as
   * a list, a case opens its file and Back returns to the dashboard */
  {
    GtkWidget *dashboard = udha_test_find_widget (GTK_WIDGET (workspace), UDHA_TYPE_DASHBOARD, NULL);
    g_autoptr(UdhaCaseRow) first = NULL;

    g_assert_nonnull (dashboard);
    g_assert_nonnull (udha_test_find_widget (GTK_WIDGET (workspace), UDHA_TYPE_REPORT_PAGE, NULL));
    drill = udha_case_list_model_new (udha_window_get_session (window));
    udha_case_list_model_set_risk (drill, "high");
    g_signal_emit_by_name (dashboard, "open-case-list", udha_lookup_get_label (UDHA_LOOKUP_RISK_LEVEL, "high"), drill);
    g_assert_cmpstr (udha_workspace_get_list (workspace), ==, "case-list");
    g_assert_true (udha_workspace_get_model (workspace) == drill);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (drill)), >, 0);
    shoot (GTK_WINDOW (window), "workspace-drill-down");

    first = g_list_model_get_item (G_LIST_MODEL (drill), 0);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (workspace), "workspace.show-list", "s", "dashboard"));
    g_signal_emit_by_name (dashboard, "open-case", udha_case_row_get_id (first));
    g_assert_cmpstr (udha_workspace_get_visible_page (workspace), ==, "case");
    g_assert_cmpint (udha_workspace_get_case_id (workspace), ==, udha_case_row_get_id (first));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (workspace), "workspace.back", NULL));
    g_assert_cmpstr (udha_workspace_get_visible_page (workspace), ==, "dashboard");
  }

  stop_app (app);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

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

  make_vault ();

  g_test_add_func ("/udha/ui/screens/start", test_start);
  g_test_add_func ("/udha/ui/screens/admin", test_admin);
  g_test_add_func ("/udha/ui/screens/caseworker", test_caseworker);
  g_test_add_func ("/udha/ui/screens/supervisor", test_supervisor);

  ret = g_test_run ();
  udha_test_rm_rf (dir);
  g_clear_pointer (&dir, g_free);
  g_clear_pointer (&path, g_free);
  return ret;
}
