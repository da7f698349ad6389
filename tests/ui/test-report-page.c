/* test-report-page.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reports page over a demo vault of 300 cases, signed in as a
 * supervisor: a wrong date is explained and nothing runs; a report runs in
 * the worker and its preview shows protected cells ("<5") and footnotes;
 * the CSV export writes the file. English and Albanian, light and dark,
 * 1280×800 and 800×600.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "udha-application.h"
#include "udha-core.h"
#include "udha-demo.h"
#include "udha-report-page-private.h"
#include "udha-session.h"
#include "udha-test-utils.h"
#include "udha-vault.h"

#define ADMIN       "demo.admin"
#define ADMIN_PASS  "administrator passphrase"
#define USERS_PASS  "demo users passphrase"
#define N_CASES     300
#define SEED        2026
#define SUPERVISOR  "demo.mira"

static char *dir;
static char *path;

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

  dir = g_dir_make_tmp ("udha-report-page-XXXXXX", &error);
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

/* What a click does: "clicked" (gtk_widget_activate () only presses
 * the button and clicks it 250 ms later). */
static void
click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  udha_test_iterate (20);
}

static gboolean
mapped_cb (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
report_ready_cb (gpointer data)
{
  return _udha_report_page_get_report (data) != NULL;
}

static gboolean
file_written_cb (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static void
shoot (GtkWindow  *window,
       const char *page)
{
  g_autofree char *name = g_strdup_printf ("reports-%s-%s.png", page, udha_test_lang ());
  g_autofree char *small = g_strdup_printf ("reports-%s-800x600-%s.png", page, udha_test_lang ());

  gtk_window_set_default_size (window, 1280, 800);
  udha_test_iterate (300);
  udha_test_save_screenshot (GTK_WIDGET (window), name);
  gtk_window_set_default_size (window, 800, 600);
  udha_test_iterate (300);
  udha_test_save_screenshot (GTK_WIDGET (window), small);
  gtk_window_set_default_size (window, 1280, 800);
  udha_test_iterate (200);
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkEditable *
date_row (GtkWidget  *page,
          const char *title)
{
  GtkWidget *row = udha_test_find_widget (page, ADW_TYPE_ENTRY_ROW, title);

  g_assert_nonnull (row);
  return GTK_EDITABLE (row);
}

static void
scroll_to_preview (GtkWidget *page)
{
  GtkWidget *preview = find_named (page, "preview");
  GtkWidget *scroller = gtk_widget_get_ancestor (preview, GTK_TYPE_SCROLLED_WINDOW);
  graphene_point_t p;

  udha_test_iterate (400);
  g_assert_true (gtk_widget_compute_point (preview, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)),
                                           &GRAPHENE_POINT_INIT (0, 0), &p));
  {
    GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

    gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + p.y - 12);
  }
  udha_test_iterate (200);
}

static void
test_run_preview_export (void)
{
  g_autoptr(UdhaVault) vault = NULL;
  g_autoptr(UdhaStore) store = NULL;
  g_autoptr(UdhaSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv_path = g_build_filename (dir, "report.csv", NULL);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autofree char *contents = NULL;
  g_autofree char *preview_text = NULL;
  GtkWindow *window;
  GtkWidget *page, *run, *export, *header;
  GtkLabel *error_label;

  udha_test_sign_in (path, SUPERVISOR, USERS_PASS, &vault, &store, &session);
  window = GTK_WINDOW (gtk_window_new ());
  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new ("Udha", udha_session_get_user_name (session)));
  gtk_window_set_titlebar (window, header);
  gtk_window_set_default_size (window, 1280, 800);
  page = udha_report_page_new (session);
  gtk_window_set_child (window, page);
  gtk_window_present (window);
  g_assert_true (udha_test_wait_until (mapped_cb, window, 5000));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  run = udha_test_find_widget (page, GTK_TYPE_BUTTON, _("_Run Report"));
  g_assert_nonnull (run);

  /* A date that does not exist: explained, nothing runs. */
  gtk_editable_set_text (date_row (page, _("From")), "31.02.2026");
  click (run);
  udha_test_iterate (200);
  g_assert_null (_udha_report_page_get_report (UDHA_REPORT_PAGE (page)));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (date_row (page, _("From"))), "error"));
  {
    g_autofree char *text = udha_test_collect_text (page);

    g_assert_nonnull (strstr (text, _("From")));
  }
  shoot (window, "invalid");

  /* The period the wrong way round */
  gtk_editable_set_text (date_row (page, _("From")), "01.01.2027");
  gtk_editable_set_text (date_row (page, _("To")), "01.01.2020");
  click (run);
  udha_test_iterate (200);
  g_assert_null (_udha_report_page_get_report (UDHA_REPORT_PAGE (page)));
  error_label = GTK_LABEL (udha_test_find_widget (page, GTK_TYPE_LABEL,
                                                  _("The period ends before it starts. Put the earlier date in “From”.")));
  g_assert_nonnull (error_label);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));

  /* Every demo case, every table */
  gtk_editable_set_text (date_row (page, _("From")), "01.01.2020");
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *today = g_date_time_format (now, "%d.%m.%Y");

    gtk_editable_set_text (date_row (page, _("To")), today);
  }
  shoot (window, "form");
  click (run);
  if (!udha_test_wait_until (report_ready_cb, page, 60000))
    {
      g_autofree char *text = udha_test_collect_text (page);

      g_error ("no report; the page says:\n%s", text);
    }
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (date_row (page, _("From"))), "error"));

  /* The preview shows the protected tables: a suppressed cell, footnotes. */
  preview_text = udha_test_collect_text (find_named (page, "preview"));
  g_assert_nonnull (strstr (preview_text, "<5"));
  scroll_to_preview (page);
  shoot (window, "preview");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  shoot (window, "preview-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* Export to CSV (the chooser answered in advance) */
  _udha_report_page_set_export_file (UDHA_REPORT_PAGE (page), csv);
  export = udha_test_find_widget (page, GTK_TYPE_BUTTON, _("Export _CSV…"));
  g_assert_nonnull (export);
  click (export);
  g_assert_true (udha_test_wait_until (file_written_cb, csv_path, 10000));
  g_assert_true (g_file_get_contents (csv_path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "<5"));
  g_assert_nonnull (strstr (contents, udha_report_table_get_title (
    udha_report_get_table (_udha_report_page_get_report (UDHA_REPORT_PAGE (page)), 0))));

  /* Changing the form marks the preview as out of date. */
  {
    GtkWidget *stale = udha_test_find_widget (page, GTK_TYPE_LABEL,
                                              _("The options changed since this preview. Run the report again "
                                                "to export what the form says."));

    g_assert_false (gtk_widget_get_visible (stale));
    gtk_editable_set_text (date_row (page, _("From")), "01.06.2020");
    g_assert_true (gtk_widget_get_visible (stale));
  }

  gtk_window_destroy (window);
  udha_test_iterate (50);
  udha_test_sign_out (&vault, &store, &session);
}

static gboolean
stopped_cb (gpointer data)
{
  GtkWidget *run = data;

  return gtk_widget_get_sensitive (run);
}

/* Cancel: the worker stops and no report is kept. */
static void
test_cancel (void)
{
  g_autoptr(UdhaVault) vault = NULL;
  g_autoptr(UdhaStore) store = NULL;
  g_autoptr(UdhaSession) session = NULL;
  GtkWindow *window;
  GtkWidget *page, *run, *cancel;

  udha_test_sign_in (path, SUPERVISOR, USERS_PASS, &vault, &store, &session);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1280, 800);
  page = udha_report_page_new (session);
  gtk_window_set_child (window, page);
  gtk_window_present (window);
  g_assert_true (udha_test_wait_until (mapped_cb, window, 5000));

  gtk_editable_set_text (date_row (page, _("From")), "01.01.2020");
  run = udha_test_find_widget (page, GTK_TYPE_BUTTON, _("_Run Report"));
  cancel = udha_test_find_widget (page, GTK_TYPE_BUTTON, _("_Cancel"));
  g_signal_emit_by_name (run, "clicked");
  g_assert_false (gtk_widget_get_sensitive (run));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (cancel)));
  g_signal_emit_by_name (cancel, "clicked");
  g_assert_true (udha_test_wait_until (stopped_cb, run, 30000));
  g_assert_null (_udha_report_page_get_report (UDHA_REPORT_PAGE (page)));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (cancel)));

  gtk_window_destroy (window);
  udha_test_iterate (50);
  udha_test_sign_out (&vault, &store, &session);
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

  g_test_add_func ("/udha/ui/report-page/run-preview-export", test_run_preview_export);
  g_test_add_func ("/udha/ui/report-page/cancel", test_cancel);

  ret = g_test_run ();
  udha_test_rm_rf (dir);
  g_clear_pointer (&dir, g_free);
  g_clear_pointer (&path, g_free);
  return ret;
}
