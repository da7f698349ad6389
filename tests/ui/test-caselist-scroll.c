/* test-caselist-scroll.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The caseload table over a vault of 100,000 demo cases, in the real
 * window after a real unlock: scrolling the column view to the last row
 * and back to the first (through its scrolled window's vertical
 * adjustment, a frame drawn at every step) reads only the pages of rows
 * around the ones on screen, never the whole list, and the model never
 * holds more than its page limit.
 *
 * UDHA_TEST_SCROLL_CASES sets another number of cases (for a quick run).
 * Measured (2 shared cores, Xvfb, cairo): the 100,000 cases generate in
 * about 28 s; the supervisor's list is 60,260 cases (603 pages) and the
 * scroll down and back reads 63 pages in about 5 s.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "udha-application.h"
#include "udha-core.h"
#include "udha-demo.h"
#include "udha-session.h"
#include "udha-test-utils.h"
#include "udha-unlock-page.h"
#include "udha-vault.h"
#include "udha-window.h"
#include "udha-workspace.h"

#define ADMIN       "demo.admin"
#define ADMIN_PASS  "administrator passphrase"
#define USERS_PASS  "demo users passphrase"
#define N_CASES     100000
#define SUPERVISOR  "demo.mira"
#define N_STEPS     12     /* scroll positions on the way down, and again up */

static char *dir;
static char *path;
static guint n_cases = N_CASES;

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
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  g_test_message ("demo: %u of %u cases", done, total);
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
  UdhaDemoOptions options = { n_cases, UDHA_DEMO_DEFAULT_SEED, USERS_PASS, NULL };

  dir = g_dir_make_tmp ("udha-scroll-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "cases.udb", NULL);
  vault = udha_vault_create (path, ADMIN, ADMIN_PASS, UDHA_VAULT_KDF_TEST_MIN, &recovery, &error);
  g_assert_no_error (error);
  store = udha_store_new (vault, &error);
  g_assert_no_error (error);
  session = udha_session_new (vault, store, &error);
  g_assert_no_error (error);
  result = udha_demo_generate (session, store, ADMIN_PASS, &options, progress_cb, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_cases, ==, n_cases);
  g_test_message ("%u demo cases generated in %.1f s", n_cases, result->seconds);
  g_assert_true (udha_session_close (session, &error));
  g_clear_object (&session);
  g_clear_object (&store);
  udha_vault_lock (vault);
}

static gboolean
mapped_cb (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
workspace_shown_cb (gpointer data)
{
  return g_strcmp0 (udha_window_get_visible_page (data), "workspace") == 0;
}

static gboolean
inscription_shows (GtkWidget  *widget,
                   const char *text)
{
  if (GTK_IS_INSCRIPTION (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (inscription_shows (c, text))
      return TRUE;
  return FALSE;
}

/* Moves the scrollbar to @value and lets the column view draw that frame */
static void
scroll_to (GtkWidget     *view,
           GtkAdjustment *adjustment,
           double         value)
{
  gtk_adjustment_set_value (adjustment, value);
  gtk_test_widget_wait_for_draw (view);
  udha_test_iterate (30);
}

static void
test_scroll (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaApplication) app = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  GtkWidget *window, *unlock_page, *workspace, *view;
  GtkScrolledWindow *scroller;
  GtkAdjustment *adjustment;
  UdhaCaseListModel *model;
  guint n_items, n_pages, fetches_start, fetches, bound;
  double end;

  app = udha_application_new (APP_ID ".ScrollTest", G_APPLICATION_NON_UNIQUE);
  g_settings_set_string (udha_application_get_settings (app), "vault-path", path);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  window = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (UDHA_IS_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  g_assert_true (udha_test_wait_until (mapped_cb, window, 5000));

  /* Sign in as the office's supervisor, who sees the office's cases */
  unlock_page = child (window, UDHA_TYPE_WINDOW, "unlock_page");
  gtk_editable_set_text (child (unlock_page, UDHA_TYPE_UNLOCK_PAGE, "user_entry"), SUPERVISOR);
  gtk_editable_set_text (child (unlock_page, UDHA_TYPE_UNLOCK_PAGE, "passphrase_entry"), USERS_PASS);
  g_signal_emit_by_name (child (unlock_page, UDHA_TYPE_UNLOCK_PAGE, "unlock_button"), "clicked");
  g_assert_true (udha_test_wait_until (workspace_shown_cb, window, 60000));
  g_test_message ("unlock and first page: %.0f ms", g_timer_elapsed (timer, NULL) * 1000.0);

  workspace = udha_test_find_widget (window, UDHA_TYPE_WORKSPACE, NULL);
  g_assert_nonnull (workspace);
  model = udha_workspace_get_model (UDHA_WORKSPACE (workspace));
  view = child (workspace, UDHA_TYPE_WORKSPACE, "column_view");
  scroller = child (workspace, UDHA_TYPE_WORKSPACE, "list_scroller");
  adjustment = gtk_scrolled_window_get_vadjustment (scroller);
  gtk_test_widget_wait_for_draw (window);
  udha_test_iterate (200);

  n_items = g_list_model_get_n_items (G_LIST_MODEL (model));
  n_pages = (n_items + UDHA_CASE_LIST_MODEL_PAGE_SIZE - 1) / UDHA_CASE_LIST_MODEL_PAGE_SIZE;
  g_test_message ("%u cases in the office list: %u pages of %u", n_items, n_pages,
                  UDHA_CASE_LIST_MODEL_PAGE_SIZE);
  g_assert_cmpuint (n_items, >, n_cases / 3);
  fetches_start = udha_case_list_model_get_n_fetches (model);
  g_assert_cmpuint (fetches_start, <=, 3);

  /* Down to the end and back, a frame at each step */
  g_timer_start (timer);
  end = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
  g_assert_cmpfloat (end, >, 0);
  for (guint step = 1; step <= N_STEPS; step++)
    {
      /* The column view estimates the height of rows it has not drawn;
       * the upper bound moves as it learns. */
      end = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
      scroll_to (view, adjustment, end * step / N_STEPS);
    }
  for (guint tries = 0; tries < 5; tries++)
    {
      end = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
      if (gtk_adjustment_get_value (adjustment) >= end)
        break;
      scroll_to (view, adjustment, end);
    }
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >=, end);
  fetches = udha_case_list_model_get_n_fetches (model) - fetches_start;
  g_test_message ("down to the end: %u page fetches, %.0f ms", fetches, g_timer_elapsed (timer, NULL) * 1000.0);

  for (guint step = N_STEPS; step-- > 0;)
    {
      end = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
      scroll_to (view, adjustment, end * step / N_STEPS);
    }
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  fetches = udha_case_list_model_get_n_fetches (model) - fetches_start;
  g_test_message ("and back: %u page fetches of %u pages, %u held, %.0f ms", fetches, n_pages,
                  udha_case_list_model_get_n_cached_pages (model), g_timer_elapsed (timer, NULL) * 1000.0);

  /* At each of the 2 × N_STEPS + 1 positions, the page on screen and its
   * neighbours at most: nowhere near the whole list. */
  bound = 3 * (2 * N_STEPS + 1);
  g_assert_cmpuint (fetches, <=, bound);
  if (n_pages >= 4 * bound)   /* the 100,000 cases; not a quick run */
    g_assert_cmpuint (fetches, <, n_pages / 4);
  g_assert_cmpuint (udha_case_list_model_get_n_cached_pages (model), <=, UDHA_CASE_LIST_MODEL_MAX_PAGES);

  /* The first row is drawn again */
  {
    g_autoptr(UdhaCaseRow) first = g_list_model_get_item (G_LIST_MODEL (model), 0);

    g_assert_true (inscription_shows (view, udha_case_row_get_number (first)));
  }

  /* And the end of the list was real rows: the last row drawn at the end */
  scroll_to (view, adjustment, gtk_adjustment_get_upper (adjustment));
  {
    g_autoptr(UdhaCaseRow) last = g_list_model_get_item (G_LIST_MODEL (model), n_items - 1);

    g_assert_cmpint (udha_case_row_get_id (last), >, 0);
    udha_test_iterate (100);
    g_assert_true (inscription_shows (view, udha_case_row_get_number (last)));
  }

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  udha_test_iterate (50);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *env = g_getenv ("UDHA_TEST_SCROLL_CASES");
  int ret;

  udha_test_init_environment ();
  udha_core_harden_process ();
  udha_application_setup_i18n ();
  g_assert_true (udha_core_init (&error));

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  if (env != NULL && atoi (env) > 0)
    n_cases = atoi (env);
  make_vault ();

  g_test_add_func ("/udha/ui/caselist/scroll-100k", test_scroll);

  ret = g_test_run ();
  udha_test_rm_rf (dir);
  g_clear_pointer (&dir, g_free);
  g_clear_pointer (&path, g_free);
  return ret;
}
