/* test-workspace.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The caseworker workspace over a demo vault of 300 cases: the list shows
 * the session's scope, the sidebar switches lists, a filter and the search
 * narrow the list to what the database counts, a transliteration variant
 * is found, empty states give guidance, a row opens its case file and
 * workspace.back returns. Signed in as a caseworker and as a supervisor.
 * Runs in English and (UDHA_TEST_LANG=sq) in Albanian, saving screenshots
 * at 1280×800 and 800×600.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "udha-application.h"
#include "udha-case.h"
#include "udha-core.h"
#include "udha-demo.h"
#include "udha-lookup.h"
#include "udha-session.h"
#include "udha-test-utils.h"
#include "udha-text.h"
#include "udha-vault.h"
#include "udha-register-dialog.h"
#include "udha-workspace.h"

#define ADMIN       "demo.admin"
#define ADMIN_PASS  "administrator passphrase"
#define USERS_PASS  "demo users passphrase"
#define N_CASES     300
#define SEED        2026
#define SUPERVISOR  "demo.mira"
#define CASEWORKER  "demo.arta"

typedef struct
{
  UdhaVault     *vault;
  UdhaStore     *store;
  UdhaSession   *session;
  GtkWindow     *window;
  UdhaWorkspace *workspace;
} Fixture;

static char *dir;
static char *path;

static gpointer
child (gpointer    widget,
       const char *name)
{
  GObject *found = gtk_widget_get_template_child (GTK_WIDGET (widget), UDHA_TYPE_WORKSPACE, name);

  g_assert_nonnull (found);
  return found;
}

/* Screenshots at 1280×800 and 800×600 */
static void
shoot (Fixture    *f,
       const char *page)
{
  g_autofree char *name = g_strdup_printf ("workspace-%s-%s.png", page, udha_test_lang ());
  g_autofree char *small = g_strdup_printf ("workspace-%s-800x600-%s.png", page, udha_test_lang ());

  gtk_window_set_default_size (f->window, 1280, 800);
  udha_test_iterate (300);
  udha_test_save_screenshot (GTK_WIDGET (f->window), name);
  gtk_window_set_default_size (f->window, 800, 600);
  udha_test_iterate (300);
  udha_test_save_screenshot (GTK_WIDGET (f->window), small);
  gtk_window_set_default_size (f->window, 1280, 800);
  udha_test_iterate (200);
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
  UdhaDemoOptions options = { N_CASES, SEED, USERS_PASS, NULL };

  dir = g_dir_make_tmp ("udha-workspace-XXXXXX", &error);
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
  g_assert_cmpuint (result->n_cases, ==, N_CASES);
  g_assert_true (udha_session_close (session, &error));
  g_clear_object (&session);
  g_clear_object (&store);
  udha_vault_lock (vault);
}

static void
remove_vault (void)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
  g_clear_pointer (&dir, g_free);
  g_clear_pointer (&path, g_free);
}

static gboolean
mapped_cb (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static void
fixture_start (Fixture    *f,
               const char *user)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *header;

  f->vault = udha_vault_unlock (path, user, USERS_PASS, &error);
  g_assert_no_error (error);
  f->store = udha_store_new (f->vault, &error);
  g_assert_no_error (error);
  f->session = udha_session_new (f->vault, f->store, &error);
  g_assert_no_error (error);

  /* As the window will hold it: under one header bar. */
  f->window = GTK_WINDOW (gtk_window_new ());
  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new ("Udha", udha_session_get_user_name (f->session)));
  gtk_window_set_titlebar (f->window, header);
  gtk_window_set_default_size (f->window, 1280, 800);
  f->workspace = UDHA_WORKSPACE (udha_workspace_new (f->session));
  gtk_window_set_child (f->window, GTK_WIDGET (f->workspace));
  gtk_window_present (f->window);
  g_assert_true (udha_test_wait_until (mapped_cb, f->window, 5000));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
}

static void
fixture_stop (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  gtk_window_destroy (f->window);
  udha_test_iterate (50);
  f->window = NULL;
  f->workspace = NULL;
  g_assert_true (udha_session_close (f->session, &error));
  g_assert_no_error (error);
  g_clear_object (&f->session);
  g_clear_object (&f->store);
  udha_vault_lock (f->vault);
  g_clear_object (&f->vault);
}

/* udha_session_list_cases(), page by page: the database's own count */
static guint
session_count (UdhaSession        *session,
               UdhaCaseListFilter  filter,
               const char         *status)
{
  guint n = 0;
  gint64 after = 0;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) cases = udha_session_list_cases (session, filter, status, after, 500, &error);

      g_assert_no_error (error);
      if (cases->len == 0)
        break;
      n += cases->len;
      after = udha_case_get_id (g_ptr_array_index (cases, cases->len - 1));
    }
  return n;
}

static guint
n_rows (Fixture *f)
{
  GtkColumnView *view = child (f->workspace, "column_view");

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view)));
}

static const char *
list_state (Fixture *f)
{
  return gtk_stack_get_visible_child_name (child (f->workspace, "list_stack"));
}

static void
show_list (Fixture    *f,
           const char *name)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.show-list", "s", name));
  g_assert_cmpstr (udha_workspace_get_list (f->workspace), ==, name);
}

static gboolean
text_applied_cb (gpointer data)
{
  Fixture *f = data;

  /* search-changed fired (after 150 ms); the model follows it at once */
  return g_object_get_data (G_OBJECT (child (f->workspace, "search_entry")), "test-searched") != NULL;
}

static void
searched_cb (GtkSearchEntry *entry)
{
  g_object_set_data (G_OBJECT (entry), "test-searched", GINT_TO_POINTER (1));
}

/* Types @text as a person does and waits for the debounced search */
static void
type_search (Fixture    *f,
             const char *text)
{
  GtkSearchEntry *entry = child (f->workspace, "search_entry");
  gulong id = g_signal_connect (entry, "search-changed", G_CALLBACK (searched_cb), NULL);

  g_object_set_data (G_OBJECT (entry), "test-searched", NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_assert_true (udha_test_wait_until (text_applied_cb, f, 5000));
  g_signal_handler_disconnect (entry, id);
}

static guint
select_status (Fixture    *f,
               const char *code)
{
  GtkDropDown *dropdown = child (f->workspace, "status_dropdown");
  GListModel *strings = gtk_drop_down_get_model (dropdown);
  const char *label = udha_lookup_get_label (UDHA_LOOKUP_CASE_STATUS, code);

  for (guint i = 0; i < g_list_model_get_n_items (strings); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (strings), i), label))
      {
        gtk_drop_down_set_selected (dropdown, i);
        return i;
      }
  g_assert_not_reached ();
}

static UdhaCaseRow *
row_at (Fixture *f,
        guint    position)
{
  GtkColumnView *view = child (f->workspace, "column_view");
  UdhaCaseRow *row = g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (view)), position);

  g_assert_nonnull (row);
  g_object_unref (row);   /* the model's cache keeps it */
  return row;
}

static gboolean
list_has_name_part (Fixture    *f,
                    const char *part,
                    gboolean    exact)
{
  g_autofree char *folded_part = udha_text_fold (part);

  for (guint i = 0; i < n_rows (f); i++)
    {
      const char *name = udha_case_row_get_person_name (row_at (f, i));

      if (exact && strstr (name, part) != NULL)
        return TRUE;
      if (!exact)
        {
          g_autofree char *folded = udha_text_fold (name);

          if (strstr (folded, folded_part) == NULL)
            return TRUE;   /* a row that does not spell it this way */
        }
    }
  return FALSE;
}

static void
open_and_return (Fixture    *f,
                 const char *shot)
{
  GtkColumnView *view = child (f->workspace, "column_view");
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (view));
  guint position = MIN (3, n_rows (f) - 1);
  gint64 id = udha_case_row_get_id (row_at (f, position));

  g_assert_cmpuint (n_rows (f), >, 0);
  g_signal_emit_by_name (view, "activate", position);
  g_assert_cmpstr (udha_workspace_get_visible_page (f->workspace), ==, "case");
  {
    int min_width, nat_width;

    gtk_widget_measure (GTK_WIDGET (child (f->workspace, "case_bin")), GTK_ORIENTATION_HORIZONTAL, -1,
                        &min_width, &nat_width, NULL, NULL);
    g_test_message ("case page: min %d nat %d", min_width, nat_width);
  }
  g_assert_cmpint (udha_workspace_get_case_id (f->workspace), ==, id);
  if (shot != NULL)
    shoot (f, shot);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.back", NULL));
  g_assert_cmpstr (udha_workspace_get_visible_page (f->workspace), ==, "list");
  g_assert_cmpint (udha_workspace_get_case_id (f->workspace), ==, 0);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, position);

  /* The same again through the keyboard path: the selected row, Enter */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.open-selected", NULL));
  g_assert_cmpint (udha_workspace_get_case_id (f->workspace), ==, id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->workspace), "workspace.back", NULL));
}

static void
test_caseworker (void)
{
  Fixture f = { NULL, };
  UdhaCaseListModel *model;
  guint n_mine, n_open, n_intake, n_follow_ups;
  GtkLabel *count;

  fixture_start (&f, CASEWORKER);
  model = udha_workspace_get_model (f.workspace);

  /* My cases: the same rows as the session lists */
  g_assert_cmpstr (udha_workspace_get_list (f.workspace), ==, "mine");
  n_mine = session_count (f.session, UDHA_CASE_LIST_MINE, NULL);
  g_assert_cmpuint (n_mine, >, 0);
  g_assert_cmpuint (n_rows (&f), ==, n_mine);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n_mine);
  g_assert_cmpstr (list_state (&f), ==, "table");
  count = child (f.workspace, "mine_count");
  g_assert_cmpuint (g_ascii_strtoull (gtk_label_get_label (count), NULL, 10), ==, n_mine);
  shoot (&f, "mine");

  /* A header click sorts in SQL: the column view's sorter drives the model */
  {
    GtkColumnView *view = child (f.workspace, "column_view");
    GListModel *columns = gtk_column_view_get_columns (view);
    g_autoptr(GtkColumnViewColumn) name_column = g_list_model_get_item (columns, 1);
    gboolean descending = TRUE;

    gtk_column_view_sort_by_column (view, name_column, GTK_SORT_ASCENDING);
    g_assert_cmpint (udha_case_list_model_get_sort (model, &descending), ==, UDHA_CASE_SORT_NAME);
    g_assert_false (descending);
    gtk_column_view_sort_by_column (view, name_column, GTK_SORT_DESCENDING);
    g_assert_cmpint (udha_case_list_model_get_sort (model, &descending), ==, UDHA_CASE_SORT_NAME);
    g_assert_true (descending);
    g_assert_cmpuint (n_rows (&f), ==, n_mine);
  }

  /* A filter narrows the list to the database's count */
  select_status (&f, "open");
  n_open = session_count (f.session, UDHA_CASE_LIST_MINE, "open");
  g_assert_cmpuint (n_rows (&f), ==, n_open);
  g_assert_cmpuint (n_open, <, n_mine);
  for (guint i = 0; i < n_rows (&f); i++)
    g_assert_cmpstr (udha_case_row_get_status (row_at (&f, i)), ==, "open");
  shoot (&f, "filter");
  gtk_drop_down_set_selected (child (f.workspace, "status_dropdown"), 0);
  g_assert_cmpuint (n_rows (&f), ==, n_mine);

  /* The sidebar switches lists */
  show_list (&f, "intake");
  n_intake = session_count (f.session, UDHA_CASE_LIST_INTAKE, NULL);
  g_assert_cmpuint (n_rows (&f), ==, n_intake);
  g_assert_true (gtk_widget_get_state_flags (child (f.workspace, "intake_row")) & GTK_STATE_FLAG_SELECTED);
  g_assert_false (gtk_widget_get_state_flags (child (f.workspace, "mine_row")) & GTK_STATE_FLAG_SELECTED);
  shoot (&f, "intake");

  /* Enter (or a click) on a sidebar row */
  g_signal_emit_by_name (child (f.workspace, "follow_ups_row"), "activate");
  g_assert_cmpstr (udha_workspace_get_list (f.workspace), ==, "follow-ups");
  /* Issue #5: interviews, services and referrals due or overdue, on the
   * caseworker's own active cases (the dashboard's figure, too). */
  {
    g_autoptr(UdhaCaseListModel) overdue = udha_case_list_model_new (f.session);
    g_autofree char *today = udha_session_today (f.session);
    g_autofree char *text = NULL;

    udha_case_list_model_set_scope_filter (overdue, UDHA_CASE_LIST_MINE);
    udha_case_list_model_set_overdue_follow_ups (overdue, TRUE);
    udha_case_list_model_set_active_only (overdue, TRUE);
    n_follow_ups = g_list_model_get_n_items (G_LIST_MODEL (overdue));
    g_assert_cmpuint (n_rows (&f), ==, n_follow_ups);
    text = g_strdup_printf ("%u", n_follow_ups);
    g_assert_cmpstr (gtk_label_get_label (child (f.workspace, "follow_ups_count")), ==, text);
    if (n_follow_ups > 0)
      g_assert_cmpstr (udha_case_row_get_next_follow_up (row_at (&f, 0)), <, today);
  }
  shoot (&f, "follow-ups");

  /* Ctrl+N: the registration dialog opens over the workspace. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.workspace), "workspace.register-person", NULL));
  udha_test_iterate (100);
  {
    GtkWindow *dialog = udha_test_find_window (UDHA_TYPE_REGISTER_DIALOG);

    g_assert_nonnull (dialog);
    g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (f.window));
    gtk_window_destroy (dialog);
    udha_test_iterate (50);
  }

  /* Ctrl+F: the Search list, the focus in the search entry */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.workspace), "workspace.search", NULL));
  g_assert_cmpstr (udha_workspace_get_list (f.workspace), ==, "search");
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f.window));

    g_assert_nonnull (focus);
    g_assert_true (gtk_widget_is_ancestor (focus, child (f.workspace, "search_entry")));
  }
  g_assert_cmpstr (list_state (&f), ==, "empty");   /* "Search all cases" hint */
  shoot (&f, "search-start");

  /* A search with no result says what to try */
  type_search (&f, "Zzyzxqw");
  g_assert_cmpuint (n_rows (&f), ==, 0);
  g_assert_cmpstr (list_state (&f), ==, "empty");
  g_assert_nonnull (strstr (adw_status_page_get_title (child (f.workspace, "empty_page")), "Zzyzxqw"));
  shoot (&f, "no-results");
  type_search (&f, "");

  show_list (&f, "mine");
  g_assert_cmpuint (n_rows (&f), ==, n_mine);

  /* Keyboard only: Tab goes sidebar → filters → search → list */
  {
    const char *order[] = { "sidebar_list", "status_dropdown", "type_dropdown", "risk_dropdown",
                            "search_entry", "column_view" };
    guint next = 0;

    gtk_widget_grab_focus (child (f.workspace, "mine_row"));
    for (guint step = 0; step < 60 && next < G_N_ELEMENTS (order); step++)
      {
        GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f.window));

        g_assert_nonnull (focus);
        /* Nothing later in the order may come first */
        for (guint later = next + 1; later < G_N_ELEMENTS (order); later++)
          g_assert_false (gtk_widget_is_ancestor (focus, child (f.workspace, order[later])) ||
                          focus == child (f.workspace, order[later]));
        if (focus == child (f.workspace, order[next]) ||
            gtk_widget_is_ancestor (focus, child (f.workspace, order[next])))
          next++;
        else
          gtk_widget_child_focus (GTK_WIDGET (f.window), GTK_DIR_TAB_FORWARD);
      }
    g_assert_cmpuint (next, ==, G_N_ELEMENTS (order));
    /* Moving the focus did not switch lists */
    g_assert_cmpstr (udha_workspace_get_list (f.workspace), ==, "mine");
  }

  /* Back on My cases: open a case file and return to the same row */
  open_and_return (&f, "case");

  fixture_stop (&f);
}

static void
test_supervisor (void)
{
  Fixture f = { NULL, };
  guint n_office;

  fixture_start (&f, SUPERVISOR);

  /* The office's cases */
  g_assert_cmpstr (udha_workspace_get_list (f.workspace), ==, "mine");
  n_office = session_count (f.session, UDHA_CASE_LIST_ALL, NULL);
  g_assert_cmpuint (n_office, >, 0);
  g_assert_cmpuint (n_rows (&f), ==, n_office);
  shoot (&f, "office");

  /* Search as you type, in the office: a transliteration variant */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.workspace), "workspace.search", NULL));
  type_search (&f, "Mohamed");
  g_assert_cmpuint (n_rows (&f), >, 0);
  g_assert_cmpstr (list_state (&f), ==, "table");
  g_assert_true (list_has_name_part (&f, "Mohamed", FALSE));   /* e.g. Muhammad, Mohammed */
  shoot (&f, "search");

  /* Without diacritics: "Cela" finds "Çela" */
  type_search (&f, "");
  show_list (&f, "mine");
  {
    g_autofree char *folded = NULL;
    gint64 id = 0;
    gboolean found = FALSE;

    for (guint i = 0; i < n_rows (&f) && id == 0; i++)
      {
        UdhaCaseRow *row = row_at (&f, i);
        const char *family = udha_case_row_get_family_name (row);

        if (strstr (family, "ë") != NULL || strstr (family, "ç") != NULL || strstr (family, "Ç") != NULL)
          {
            id = udha_case_row_get_id (row);
            folded = udha_text_fold (family);
          }
      }
    g_assert_cmpint (id, !=, 0);
    type_search (&f, folded);
    for (guint i = 0; i < n_rows (&f) && !found; i++)
      found = udha_case_row_get_id (row_at (&f, i)) == id;
    g_assert_true (found);
    type_search (&f, "");
  }

  open_and_return (&f, NULL);

  /* The supervisor's pages: a sidebar row and a page beside the caseload */
  {
    GtkWidget *page = gtk_button_new_with_label ("Figures");
    g_autoptr(UdhaCaseListModel) drill = udha_case_list_model_new (f.session);
    guint n_open = session_count (f.session, UDHA_CASE_LIST_ALL, "open");
    GtkWidget *row;
    gint64 id;

    udha_workspace_add_page (f.workspace, "dashboard", "Dashboard", "view-grid-symbolic", page);
    row = gtk_widget_get_last_child (GTK_WIDGET (child (f.workspace, "sidebar_list")));
    g_assert_true (GTK_IS_LIST_BOX_ROW (row));
    g_signal_emit_by_name (row, "activate");
    g_assert_cmpstr (udha_workspace_get_list (f.workspace), ==, "dashboard");
    g_assert_cmpstr (udha_workspace_get_visible_page (f.workspace), ==, "dashboard");
    g_assert_true (gtk_widget_get_state_flags (row) & GTK_STATE_FLAG_SELECTED);
    g_assert_false (gtk_widget_get_state_flags (child (f.workspace, "mine_row")) & GTK_STATE_FLAG_SELECTED);

    /* Drill-down: a configured model under its own title */
    udha_case_list_model_set_status (drill, "open");
    udha_workspace_show_case_list (f.workspace, "Open cases", drill);
    g_assert_cmpstr (udha_workspace_get_list (f.workspace), ==, "case-list");
    g_assert_cmpstr (udha_workspace_get_visible_page (f.workspace), ==, "list");
    g_assert_true (udha_workspace_get_model (f.workspace) == drill);
    g_assert_cmpuint (n_rows (&f), ==, n_open);
    g_assert_cmpstr (gtk_label_get_label (child (f.workspace, "title_label")), ==, "Open cases");
    g_assert_false (gtk_widget_get_visible (child (f.workspace, "status_dropdown")));
    for (guint i = 0; i < MIN (n_rows (&f), 50); i++)
      g_assert_cmpstr (udha_case_row_get_status (row_at (&f, i)), ==, "open");
    open_and_return (&f, NULL);
    g_assert_cmpstr (udha_workspace_get_list (f.workspace), ==, "case-list");

    /* A case opened from the page goes back to the page */
    id = udha_case_row_get_id (row_at (&f, 0));
    show_list (&f, "dashboard");
    g_assert_true (udha_workspace_open_case (f.workspace, id));
    g_assert_cmpstr (udha_workspace_get_visible_page (f.workspace), ==, "case");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.workspace), "workspace.back", NULL));
    g_assert_cmpstr (udha_workspace_get_visible_page (f.workspace), ==, "dashboard");

    /* A sidebar list brings back the workspace's own model and filters */
    show_list (&f, "mine");
    g_assert_true (udha_workspace_get_model (f.workspace) != drill);
    g_assert_true (gtk_widget_get_visible (child (f.workspace, "status_dropdown")));
    g_assert_cmpuint (n_rows (&f), ==, n_office);
    g_assert_cmpstr (udha_workspace_get_visible_page (f.workspace), ==, "list");
  }

  fixture_stop (&f);
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

  g_test_add_func ("/udha/ui/workspace/caseworker", test_caseworker);
  g_test_add_func ("/udha/ui/workspace/supervisor", test_supervisor);

  ret = g_test_run ();
  remove_vault ();
  return ret;
}
