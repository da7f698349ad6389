/* test-a11y.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every control a person can reach must have a name a screen reader can
 * say. The test opens every screen it can reach in the real window (the
 * welcome page, vault creation, unlock, the workspace with each sidebar
 * view, a case file, the registration dialog, preferences and the
 * keyboard shortcuts) and walks its widget tree: each visible widget that
 * takes the keyboard focus or can be activated needs an accessible label,
 * a labelled-by relation, or text of its own (a button's label, a row's
 * title, a label inside a row). The failures are listed with the class
 * that builds the widget, then the test fails.
 *
 * Then the workspace once more, with the keyboard only: Tab, the arrow
 * keys and Enter reach the lists, open a case and come back.
 */

#include "config.h"

#include <string.h>

#include "udha-application.h"
#include "udha-core.h"
#include "udha-demo.h"
#include "udha-register-dialog.h"
#include "udha-test-utils.h"
#include "udha-unlock-page.h"
#include "udha-vault.h"
#include "udha-window.h"
#include "udha-workspace.h"

#define ADMIN       "demo.admin"
#define ADMIN_PASS  "administrator passphrase"
#define USERS_PASS  "demo users passphrase"
#define N_CASES     200
#define SUPERVISOR  "demo.mira"

static char *dir;
static char *path;
static GPtrArray *failures;
static guint n_checked;

static gpointer
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *found = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (found);
  return found;
}

/* Text a widget shows of its own, which names it */
static gboolean
has_text (GtkWidget *widget)
{
  const char *text = NULL;

  if (GTK_IS_LABEL (widget))
    text = gtk_label_get_text (GTK_LABEL (widget));
  else if (GTK_IS_INSCRIPTION (widget))
    text = gtk_inscription_get_text (GTK_INSCRIPTION (widget));
  else if (ADW_IS_BUTTON_CONTENT (widget))
    text = adw_button_content_get_label (ADW_BUTTON_CONTENT (widget));
  else if (ADW_IS_PREFERENCES_ROW (widget))
    text = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  else if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    return TRUE;   /* its title is a label inside */

  if (text != NULL && text[0] != '\0')
    return TRUE;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (gtk_widget_get_visible (c) && has_text (c))
      return TRUE;
  return FALSE;
}

static gboolean
is_named (GtkWidget *widget)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (widget);

  if (gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;
  return has_text (widget);
}

/* The text field inside an entry is named by the entry around it */
static GtkWidget *
named_part (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  if (GTK_IS_TEXT (widget) && parent != NULL)
    {
      GtkWidget *entry = parent;

      /* GtkEntry, GtkPasswordEntry, GtkSearchEntry, GtkSpinButton; inside
       * AdwEntryRow the text sits a few boxes down from the row */
      while (entry != NULL && !GTK_IS_EDITABLE (entry) && !ADW_IS_PREFERENCES_ROW (entry))
        entry = gtk_widget_get_parent (entry);
      if (entry != NULL)
        return entry;
      return parent;
    }
  return widget;
}

static gboolean
needs_name (GtkWidget *widget)
{
  if (!gtk_widget_get_sensitive (widget) || !gtk_widget_get_can_target (widget))
    return FALSE;
  if (GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_SWITCH (widget) ||
      GTK_IS_CHECK_BUTTON (widget) || GTK_IS_DROP_DOWN (widget) || GTK_IS_EDITABLE (widget) ||
      GTK_IS_SCALE (widget) || ADW_IS_SPLIT_BUTTON (widget))
    return TRUE;
  if (GTK_IS_LIST_BOX_ROW (widget))
    return gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget)) ||
           gtk_widget_get_focusable (widget);
  if (GTK_IS_LABEL (widget) || GTK_IS_SCROLLED_WINDOW (widget) || GTK_IS_VIEWPORT (widget) ||
      GTK_IS_POPOVER (widget) || GTK_IS_WINDOW (widget))
    return FALSE;
  return gtk_widget_get_focusable (widget) && gtk_widget_get_focus_on_click (widget) &&
         !GTK_IS_BOX (widget) && !GTK_IS_STACK (widget) && G_OBJECT_TYPE (widget) != GTK_TYPE_WIDGET &&
         !GTK_IS_LIST_BOX (widget) && !GTK_IS_TEXT (widget) &&
         !g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkListItemWidget") &&
         !g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkColumnViewRowWidget");
}

/* GTK 4.8's shortcuts window shows its section switcher, a menu button
 * with no name, even with one section; nothing outside GTK can name it. */
static gboolean
toolkit_limitation (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  return GTK_IS_MENU_BUTTON (widget) && GTK_IS_SHORTCUTS_WINDOW (gtk_widget_get_root (widget)) &&
         parent != NULL && GTK_IS_STACK (parent) &&
         !g_str_has_prefix (G_OBJECT_TYPE_NAME (gtk_widget_get_root (widget)), "Udha");
}

/* The Udha class whose template or code made @widget */
static const char *
owner (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (g_str_has_prefix (G_OBJECT_TYPE_NAME (w), "Udha"))
      return G_OBJECT_TYPE_NAME (w);
  return G_OBJECT_TYPE_NAME (gtk_widget_get_root (widget));
}

static void
describe (GString   *out,
          GtkWidget *widget)
{
  const char *id = GTK_IS_BUILDABLE (widget) ? gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)) : NULL;
  const char *tooltip = gtk_widget_get_tooltip_text (widget);
  const char *icon = GTK_IS_BUTTON (widget) ? gtk_button_get_icon_name (GTK_BUTTON (widget)) : NULL;

  g_string_append_printf (out, "%s", G_OBJECT_TYPE_NAME (widget));
  if (id != NULL)
    g_string_append_printf (out, " #%s", id);
  if (gtk_widget_get_name (widget) != NULL && !g_str_equal (gtk_widget_get_name (widget), G_OBJECT_TYPE_NAME (widget)))
    g_string_append_printf (out, " name=%s", gtk_widget_get_name (widget));
  if (icon != NULL)
    g_string_append_printf (out, " icon=%s", icon);
  if (tooltip != NULL)
    g_string_append_printf (out, " tooltip=“%s”", tooltip);
  g_string_append_printf (out, " in %s", owner (widget));
  if (gtk_widget_get_parent (widget) != NULL)
    g_string_append_printf (out, " (parent %s)", G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)));
}

static void
walk (const char *screen,
      GtkWidget  *widget,
      GHashTable *seen)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  /* Hidden, or in a closed revealer; every page of a stack counts (tabs) */
  if (!gtk_widget_get_visible (widget))
    return;
  if (!gtk_widget_get_child_visible (widget) && parent != NULL && !GTK_IS_STACK (parent))
    return;
  if (GTK_IS_REVEALER (widget) && !gtk_revealer_get_child_revealed (GTK_REVEALER (widget)))
    return;

  if (needs_name (widget))
    {
      GtkWidget *named = named_part (widget);

      n_checked++;
      if (toolkit_limitation (named))
        return;

      if (!is_named (named) && !g_hash_table_contains (seen, named))
        {
          GString *line = g_string_new (NULL);

          g_hash_table_add (seen, named);
          g_string_append_printf (line, "%s: ", screen);
          describe (line, named);
          g_ptr_array_add (failures, g_string_free (line, FALSE));
        }
    }

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    walk (screen, c, seen);
}

static void
check_screen (const char *screen,
              GtkWidget  *root)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  guint before = failures->len;

  n_checked = 0;
  udha_test_iterate (100);
  walk (screen, root, seen);
  g_test_message ("%s: %u controls, %u without a name", screen, n_checked, failures->len - before);
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

static UdhaApplication *
start_app (const char  *vault_path,
           UdhaWindow **window)
{
  static guint serial;
  g_autoptr(GError) error = NULL;
  g_autofree char *app_id = g_strdup_printf ("%s.A11yTest%u", APP_ID, serial++);
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
make_vault (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaVaultSecret) recovery = NULL;
  g_autoptr(UdhaDemoResult) result = NULL;
  g_autoptr(UdhaVault) vault = NULL;
  g_autoptr(UdhaStore) store = NULL;
  g_autoptr(UdhaSession) session = NULL;
  UdhaDemoOptions options = { N_CASES, UDHA_DEMO_DEFAULT_SEED, USERS_PASS, NULL };

  dir = g_dir_make_tmp ("udha-a11y-XXXXXX", &error);
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

static GtkWindow *
wait_for_window (GType type)
{
  for (guint i = 0; i < 100 && udha_test_find_window (type) == NULL; i++)
    udha_test_iterate (20);
  g_assert_nonnull (udha_test_find_window (type));
  udha_test_iterate (100);
  return udha_test_find_window (type);
}

static void
unlock (UdhaWindow *window)
{
  GtkWidget *page = child (window, UDHA_TYPE_WINDOW, "unlock_page");

  gtk_editable_set_text (child (page, UDHA_TYPE_UNLOCK_PAGE, "user_entry"), SUPERVISOR);
  gtk_editable_set_text (child (page, UDHA_TYPE_UNLOCK_PAGE, "passphrase_entry"), USERS_PASS);
  g_signal_emit_by_name (child (page, UDHA_TYPE_UNLOCK_PAGE, "unlock_button"), "clicked");
  wait_for_page (window, "workspace");
}

static void
test_names (void)
{
  g_autofree char *missing = g_build_filename (dir, "none.udb", NULL);
  UdhaApplication *app;
  UdhaWindow *window;
  UdhaWorkspace *workspace;
  GtkWindow *dialog;

  failures = g_ptr_array_new_with_free_func (g_free);

  /* No vault yet: welcome, then the creation form */
  app = start_app (missing, &window);
  wait_for_page (window, "welcome");
  check_screen ("welcome", GTK_WIDGET (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.create-vault", NULL));
  wait_for_page (window, "create");
  check_screen ("create", GTK_WIDGET (window));

  /* The application's windows */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  dialog = wait_for_window (ADW_TYPE_PREFERENCES_WINDOW);
  check_screen ("preferences", GTK_WIDGET (dialog));
  gtk_window_destroy (dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  dialog = wait_for_window (GTK_TYPE_SHORTCUTS_WINDOW);
  check_screen ("shortcuts", GTK_WIDGET (dialog));
  gtk_widget_set_visible (GTK_WIDGET (dialog), FALSE);
  stop_app (app);

  /* The demo vault: unlock, then the workspace */
  app = start_app (path, &window);
  wait_for_page (window, "unlock");
  check_screen ("unlock", GTK_WIDGET (window));
  unlock (window);
  workspace = UDHA_WORKSPACE (udha_test_find_widget (GTK_WIDGET (window), UDHA_TYPE_WORKSPACE, NULL));
  g_assert_nonnull (workspace);
  {
    const char *lists[] = { "mine", "intake", "follow-ups", "search" };

    for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
      {
        g_autofree char *screen = g_strdup_printf ("workspace %s", lists[i]);

        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (workspace), "workspace.show-list", "s", lists[i]));
        check_screen (screen, GTK_WIDGET (window));
      }
  }
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (workspace), "workspace.show-list", "s", "mine"));
  check_screen ("workspace narrow", GTK_WIDGET (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  udha_test_iterate (200);

  /* A case file (every tab is in the tree), then back */
  {
    GtkColumnView *view = child (workspace, UDHA_TYPE_WORKSPACE, "column_view");

    g_signal_emit_by_name (view, "activate", 0);
    g_assert_cmpstr (udha_workspace_get_visible_page (workspace), ==, "case");
    check_screen ("case file", GTK_WIDGET (window));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (workspace), "workspace.back", NULL));
  }

  /* The registration dialog */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (workspace), "workspace.register-person", NULL));
  dialog = wait_for_window (UDHA_TYPE_REGISTER_DIALOG);
  check_screen ("register dialog", GTK_WIDGET (dialog));
  gtk_window_destroy (dialog);
  udha_test_iterate (50);

  /* The supervisor's pages, once the window adds them */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (child (workspace, UDHA_TYPE_WORKSPACE, "sidebar_list")));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      const char *name = gtk_widget_get_name (row);
      g_autofree char *screen = g_strdup_printf ("workspace %s", name);

      if (g_object_get_data (G_OBJECT (row), "udha-page") == NULL)
        continue;
      g_signal_emit_by_name (row, "activate");
      check_screen (screen, GTK_WIDGET (window));
    }

  stop_app (app);

  for (guint i = 0; i < failures->len; i++)
    g_test_message ("no accessible name: %s", (char *) g_ptr_array_index (failures, i));
  if (failures->len > 0)
    {
      g_autofree char *message = g_strdup_printf ("%u controls have no accessible name (listed above)",
                                                  failures->len);

      g_test_fail_printf ("%s", message);
    }
  g_clear_pointer (&failures, g_ptr_array_unref);
}

static gboolean
focus_in (GtkWindow *window,
          GtkWidget *target)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == target || gtk_widget_is_ancestor (focus, target));
}

/* Sends a key press and release to the window, as the keyboard does */
static void
press (GtkWindow *window,
       guint      keyval)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  if (keyval == GDK_KEY_Tab)
    {
      GtkWidget *view = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_COLUMN_VIEW) : NULL;
      gboolean handled = FALSE;

      /* A key press goes through the column view's key controllers first */
      if (view != NULL)
        {
          g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (view);

          for (guint i = 0; !handled && i < g_list_model_get_n_items (controllers); i++)
            {
              g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

              if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
                  gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
                g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_Tab, 0, 0, &handled);
            }
        }
      if (handled)
        ;
      else if (!gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD))
        {
          /* past the last control: GTK wraps to the first one */
          gtk_window_set_focus (window, NULL);
          gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
        }
      focus = gtk_root_get_focus (GTK_ROOT (window));
      g_test_message ("Tab: %s in %s", focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "nothing",
                      focus != NULL ? G_OBJECT_TYPE_NAME (gtk_widget_get_parent (focus)) : "");
    }
  else if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_Up) &&
           focus != NULL && GTK_IS_LIST_BOX (gtk_widget_get_parent (focus)))
    /* GtkListBox binds the arrow keys to move-cursor */
    g_signal_emit_by_name (gtk_widget_get_parent (focus), "move-cursor", GTK_MOVEMENT_DISPLAY_LINES,
                           keyval == GDK_KEY_Down ? 1 : -1, FALSE, FALSE);
  else if (keyval == GDK_KEY_Down)
    gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_DOWN);
  else if (keyval == GDK_KEY_Return && focus != NULL)
    {
      /* What Enter does: the focused widget's activation, or the list
       * item's (GtkListItemWidget binds Enter to listitem.activate) */
      if (!gtk_widget_activate (focus))
        g_assert_true (gtk_widget_activate_action (focus, "listitem.activate", NULL));
    }
  udha_test_iterate (30);
}

/* The workspace with the keyboard only: Tab into the sidebar, Down to
 * Office intake, Enter shows it, Up and Enter back; Tab on to the table, Enter opens a case;
 * Escape goes back. */
static void
test_keyboard (void)
{
  UdhaApplication *app;
  UdhaWindow *window;
  UdhaWorkspace *workspace;
  GtkWidget *intake_row, *view;

  app = start_app (path, &window);
  wait_for_page (window, "unlock");
  unlock (window);
  workspace = UDHA_WORKSPACE (udha_test_find_widget (GTK_WIDGET (window), UDHA_TYPE_WORKSPACE, NULL));
  intake_row = child (workspace, UDHA_TYPE_WORKSPACE, "intake_row");
  view = child (workspace, UDHA_TYPE_WORKSPACE, "column_view");

  /* Tab reaches the sidebar from wherever the focus starts */
  for (guint i = 0; i < 40 && !focus_in (GTK_WINDOW (window), child (workspace, UDHA_TYPE_WORKSPACE, "sidebar_list")); i++)
    press (GTK_WINDOW (window), GDK_KEY_Tab);
  g_assert_true (focus_in (GTK_WINDOW (window), child (workspace, UDHA_TYPE_WORKSPACE, "sidebar_list")));

  /* Down to Office intake; moving does not switch, Enter does */
  for (guint i = 0; i < 5 && !focus_in (GTK_WINDOW (window), intake_row); i++)
    press (GTK_WINDOW (window), GDK_KEY_Down);
  g_assert_true (focus_in (GTK_WINDOW (window), intake_row));
  g_assert_cmpstr (udha_workspace_get_list (workspace), ==, "mine");
  press (GTK_WINDOW (window), GDK_KEY_Return);
  g_assert_cmpstr (udha_workspace_get_list (workspace), ==, "intake");

  /* Up and Enter: back to the office's cases */
  press (GTK_WINDOW (window), GDK_KEY_Up);
  g_assert_true (focus_in (GTK_WINDOW (window), child (workspace, UDHA_TYPE_WORKSPACE, "mine_row")));
  press (GTK_WINDOW (window), GDK_KEY_Return);
  g_assert_cmpstr (udha_workspace_get_list (workspace), ==, "mine");

  /* Tab on to the table, then Enter on a row opens its case */
  for (guint i = 0; i < 40 && !focus_in (GTK_WINDOW (window), view); i++)
    press (GTK_WINDOW (window), GDK_KEY_Tab);
  g_assert_true (focus_in (GTK_WINDOW (window), view));
  press (GTK_WINDOW (window), GDK_KEY_Return);
  g_assert_cmpstr (udha_workspace_get_visible_page (workspace), ==, "case");

  /* Escape: back to the list, the focus on the table again */
  g_assert_true (gtk_widget_activate_action (gtk_root_get_focus (GTK_ROOT (window)), "workspace.back", NULL));
  g_assert_cmpstr (udha_workspace_get_visible_page (workspace), ==, "list");
  g_assert_true (focus_in (GTK_WINDOW (window), view));

  stop_app (app);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  /* The test accessibility back end keeps every property for the checks */
  g_setenv ("GTK_A11Y", "test", TRUE);
  udha_test_init_environment ();
  udha_core_harden_process ();
  udha_application_setup_i18n ();
  g_assert_true (udha_core_init (&error));

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  make_vault ();

  g_test_add_func ("/udha/ui/a11y/names", test_names);
  g_test_add_func ("/udha/ui/a11y/keyboard", test_keyboard);

  ret = g_test_run ();
  udha_test_rm_rf (dir);
  g_clear_pointer (&dir, g_free);
  g_clear_pointer (&path, g_free);
  return ret;
}
