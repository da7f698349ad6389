/* test-dashboard.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The supervisor dashboard over a demo vault of 300 cases, signed in as a
 * supervisor: a caseworker's figure equals the database's count; the
 * figure drills down into the same cases; the caseworker's cases are
 * reassigned in bulk with a reason (cases and audit checked in the
 * database); one closure request is approved and one rejected, each with a
 * reason; the charts carry their numbers in tables. Runs in English and
 * (UDHA_TEST_LANG=sq) in Albanian, saving screenshots at 1280×800 and
 * 800×600, light and dark.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "udha-application.h"
#include "udha-case-list-model.h"
#include "udha-case-row.h"
#include "udha-core.h"
#include "udha-dashboard.h"
#include "udha-demo.h"
#include "udha-reassign-dialog.h"
#include "udha-session.h"
#include "udha-session-dashboard.h"
#include "udha-store-private.h"
#include "udha-test-utils.h"
#include "udha-vault.h"

#define ADMIN       "demo.admin"
#define ADMIN_PASS  "administrator passphrase"
#define USERS_PASS  "demo users passphrase"
#define N_CASES     300
#define SEED        2026
#define SUPERVISOR  "demo.mira"

typedef struct
{
  UdhaVault         *vault;
  UdhaStore         *store;
  UdhaSession       *session;
  GtkWindow         *window;
  UdhaDashboard     *dashboard;
  char              *list_title;
  UdhaCaseListModel *list_model;
  gint64             opened_case;
} Fixture;

static char *dir;
static char *path;

/* The database's own answers */

static gint64
db_count (Fixture    *f,
          const char *sql,
          gint64      a,
          gint64      b)
{
  sqlite3 *db = _udha_store_get_db (f->store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  return n;
}

static char *
db_text (Fixture    *f,
         const char *sql,
         gint64      a)
{
  sqlite3 *db = _udha_store_get_db (f->store);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, a);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

#define ACTIVE "status IN ('open', 'follow_up', 'inactive', 'closure_requested')"

/* Widgets */

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

static GtkWidget *
named (Fixture    *f,
       const char *name)
{
  GtkWidget *widget = find_named (GTK_WIDGET (f->dashboard), name);

  if (widget == NULL)
    g_error ("no widget named %s", name);
  return widget;
}

/* The caseworker table is not cut off: it is no wider than its card, so
 * the last columns (no contact, Reassign…) are on screen. */
static void
assert_table_fits (Fixture *f)
{
  GtkWidget *grid = named (f, "workers-grid");
  GtkWidget *scroller = named (f, "workers-scroller");

  if (!gtk_widget_get_mapped (grid))
    return;
  g_assert_cmpint (gtk_widget_get_width (grid), <=, gtk_widget_get_width (scroller));
}

static void
shoot (Fixture    *f,
       const char *page)
{
  g_autofree char *name = g_strdup_printf ("dashboard-%s-%s.png", page, udha_test_lang ());
  g_autofree char *small = g_strdup_printf ("dashboard-%s-800x600-%s.png", page, udha_test_lang ());

  gtk_window_set_default_size (f->window, 1280, 800);
  udha_test_iterate (300);
  udha_test_save_screenshot (GTK_WIDGET (f->window), name);
  assert_table_fits (f);
  gtk_window_set_default_size (f->window, 800, 600);
  udha_test_iterate (300);
  udha_test_save_screenshot (GTK_WIDGET (f->window), small);
  assert_table_fits (f);
  gtk_window_set_default_size (f->window, 1280, 800);
  udha_test_iterate (200);
}

static void
scroll_to (Fixture    *f,
           const char *name)
{
  GtkWidget *target = named (f, name);
  GtkWidget *scroller = named (f, "dashboard-scroller");
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  graphene_point_t p;

  udha_test_iterate (100);
  if (gtk_widget_compute_point (target, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)),
                                &GRAPHENE_POINT_INIT (0, 0), &p))
    gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + p.y - 12);
  udha_test_iterate (100);
}

/* The vault */

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

  dir = g_dir_make_tmp ("udha-dashboard-XXXXXX", &error);
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

static void
open_case_list_cb (UdhaDashboard     *dashboard,
                   const char        *title,
                   UdhaCaseListModel *model,
                   Fixture           *f)
{
  g_free (f->list_title);
  f->list_title = g_strdup (title);
  g_set_object (&f->list_model, model);
}

static void
open_case_cb (UdhaDashboard *dashboard,
              gint64         case_id,
              Fixture       *f)
{
  f->opened_case = case_id;
}

static gboolean
loaded_cb (gpointer data)
{
  return !udha_dashboard_is_loading (data);
}

/* The figures are read on a worker: wait for them. */
static void
wait_loaded (UdhaDashboard *dashboard)
{
  g_assert_true (udha_test_wait_until (loaded_cb, dashboard, 30000));
  udha_test_iterate (50);
}

static void
fixture_start (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *header;

  udha_test_sign_in (path, SUPERVISOR, USERS_PASS, &f->vault, &f->store, &f->session);
  g_assert_cmpint (udha_session_get_role (f->session), ==, UDHA_ROLE_KIND_SUPERVISOR);

  f->window = GTK_WINDOW (gtk_window_new ());
  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new ("Udha", udha_session_get_user_name (f->session)));
  gtk_window_set_titlebar (f->window, header);
  gtk_window_set_default_size (f->window, 1280, 800);
  f->dashboard = UDHA_DASHBOARD (udha_dashboard_new (f->session));
  g_signal_connect (f->dashboard, "open-case-list", G_CALLBACK (open_case_list_cb), f);
  g_signal_connect (f->dashboard, "open-case", G_CALLBACK (open_case_cb), f);
  gtk_window_set_child (f->window, GTK_WIDGET (f->dashboard));
  gtk_window_present (f->window);
  g_assert_true (udha_test_wait_until (mapped_cb, f->window, 5000));
  wait_loaded (f->dashboard);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (find_named (GTK_WIDGET (f->dashboard), "dashboard-stack"))),
                   ==, "content");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
}

static void
fixture_stop (Fixture *f)
{
  gtk_window_destroy (f->window);
  udha_test_iterate (50);
  g_clear_object (&f->list_model);
  g_clear_pointer (&f->list_title, g_free);
  udha_test_sign_out (&f->vault, &f->store, &f->session);
}

/* The first caseworker of the office with at least @min active cases */
static UdhaDashboardWorker *
busy_worker (UdhaDashboardData *data,
             gint64             min)
{
  for (guint i = 0; i < data->workers->len; i++)
    {
      UdhaDashboardWorker *w = g_ptr_array_index (data->workers, i);

      if (g_strcmp0 (w->role, "caseworker") == 0 && w->open >= min)
        return w;
    }
  g_assert_not_reached ();
  return NULL;
}

static guint
n_items (UdhaCaseListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (model));
}

static void
test_figures_and_drill_down (void)
{
  Fixture fixture = { NULL, }, *f = &fixture;
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaDashboardData) data = NULL;
  g_autofree char *name = NULL;
  UdhaDashboardWorker *w;
  GtkWidget *button;
  gint64 in_db;

  fixture_start (f);
  data = udha_session_dashboard_load (f->session, &error);
  g_assert_no_error (error);
  w = busy_worker (data, 3);

  /* The figure on screen is the database's count. */
  in_db = db_count (f, "SELECT count (*) FROM cases WHERE assigned_user_id = ?1 AND office_id = ?2 AND " ACTIVE,
                    w->user_id, udha_session_get_office_id (f->session));
  name = g_strdup_printf ("figure-%s-active", w->user_name);
  button = named (f, name);
  g_assert_true (GTK_IS_BUTTON (button));
  {
    g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, in_db);

    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, text);
  }

  /* A click opens the list behind it: the same cases. */
  click (button);
  g_assert_nonnull (f->list_model);
  g_assert_nonnull (strstr (f->list_title, w->display_name));
  g_assert_cmpuint (n_items (f->list_model), ==, in_db);
  for (guint i = 0; i < n_items (f->list_model); i++)
    {
      g_autoptr(UdhaCaseRow) row = g_list_model_get_item (G_LIST_MODEL (f->list_model), i);

      g_assert_cmpstr (udha_case_row_get_assigned_user (row), ==, w->display_name);
    }

  /* No contact in 30 days: the figure (or 0) and its list agree. */
  g_clear_object (&f->list_model);
  {
    g_autofree char *id = g_strdup_printf ("figure-%s-no-contact", w->user_name);
    GtkWidget *figure = named (f, id);

    if (GTK_IS_BUTTON (figure))
      {
        click (figure);
        g_assert_nonnull (f->list_model);
        g_assert_cmpuint (n_items (f->list_model), ==, w->no_contact);
      }
    else
      g_assert_cmpint (w->no_contact, ==, 0);
  }

  /* The intake queue */
  g_clear_object (&f->list_model);
  in_db = db_count (f, "SELECT count (*) FROM cases WHERE assigned_user_id IS NULL AND office_id = ?1 AND " ACTIVE,
                    udha_session_get_office_id (f->session), 0);
  g_assert_cmpint (data->unassigned, ==, in_db);
  if (in_db > 0)
    {
      click (named (f, "queue-intake"));
      g_assert_nonnull (f->list_model);
      g_assert_cmpuint (n_items (f->list_model), ==, in_db);
    }

  /* Overdue referrals to an organisation: its cases */
  if (data->overdue_orgs->len > 0)
    {
      UdhaDashboardOrg *org = g_ptr_array_index (data->overdue_orgs, 0);
      g_autofree char *id = g_strdup_printf ("queue-org-%" G_GINT64_FORMAT, org->org_id);

      g_clear_object (&f->list_model);
      click (named (f, id));
      g_assert_nonnull (f->list_model);
      g_assert_cmpuint (n_items (f->list_model), ==, org->cases);
    }

  /* The charts carry their numbers in real tables. */
  {
    GtkWidget *card = named (f, "chart-new-cases");
    GtkWidget *table = find_named (card, "chart-table");
    g_autofree char *text = udha_test_collect_text (table);

    g_assert_true (GTK_IS_GRID (table));
    g_assert_nonnull (strstr (text, "\n"));
  }

  shoot (f, "overview");
  scroll_to (f, "chart-new-cases");
  shoot (f, "charts");
  scroll_to (f, "chart-services");
  shoot (f, "charts-services");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  shoot (f, "charts-dark");
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (named (f, "dashboard-scroller"))), 0);
  shoot (f, "overview-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  fixture_stop (f);
}

static gboolean
window_shown_cb (gpointer data)
{
  return udha_test_find_window (GPOINTER_TO_SIZE (data)) != NULL;
}

static gboolean
window_gone_cb (gpointer data)
{
  return udha_test_find_window (GPOINTER_TO_SIZE (data)) == NULL;
}

static void
test_reassign (void)
{
  Fixture fixture = { NULL, }, *f = &fixture;
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaDashboardData) data = NULL;
  g_autoptr(GPtrArray) colleagues = NULL;
  g_autofree char *name = NULL;
  UdhaDashboardWorker *w, *to = NULL;
  UdhaReassignDialog *dialog;
  GtkWidget *combo, *reason, *go;
  gint64 open_before, to_before, audits_before, kept_id;
  guint to_index = G_MAXUINT, index = 0;
  g_autoptr(UdhaCaseListModel) model = NULL;

  fixture_start (f);
  data = udha_session_dashboard_load (f->session, &error);
  g_assert_no_error (error);
  w = busy_worker (data, 2);
  open_before = w->open;
  for (guint i = 0; i < data->workers->len; i++)
    {
      UdhaDashboardWorker *other = g_ptr_array_index (data->workers, i);

      if (other != w && to == NULL && g_strcmp0 (other->role, "caseworker") == 0)
        to = other;
    }
  g_assert_nonnull (to);
  to_before = to->open;
  audits_before = db_count (f, "SELECT count (*) FROM audit_log WHERE action = 'case.assign' AND user_name = 'demo.mira' AND ?1 = ?1 AND ?2 = ?2", 0, 0);

  name = g_strdup_printf ("reassign-%s", w->user_name);
  click (named (f, name));
  g_assert_true (udha_test_wait_until (window_shown_cb, GSIZE_TO_POINTER (UDHA_TYPE_REASSIGN_DIALOG), 5000));
  dialog = UDHA_REASSIGN_DIALOG (udha_test_find_window (UDHA_TYPE_REASSIGN_DIALOG));
  g_assert_cmpuint (udha_reassign_dialog_get_n_selected (dialog), ==, open_before);

  /* Keep one case with its caseworker: untick it. */
  model = udha_case_list_model_new (f->session);
  udha_case_list_model_set_assigned_user (model, w->user_id);
  udha_case_list_model_set_active_only (model, TRUE);
  {
    g_autoptr(UdhaCaseRow) first = g_list_model_get_item (G_LIST_MODEL (model), 0);

    kept_id = udha_case_row_get_id (first);
  }
  udha_reassign_dialog_set_selected (dialog, kept_id, FALSE);
  g_assert_cmpuint (udha_reassign_dialog_get_n_selected (dialog), ==, open_before - 1);

  /* Choose the colleague and give the reason, as a person does. */
  go = udha_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, _("_Reassign"));
  g_assert_nonnull (go);
  g_assert_false (gtk_widget_get_sensitive (go));
  combo = udha_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, NULL);
  colleagues = udha_session_list_colleagues (f->session, &error);
  for (guint i = 0; i < colleagues->len; i++)
    {
      UdhaUser *user = g_ptr_array_index (colleagues, i);

      if (udha_user_get_disabled (user) || udha_user_get_id (user) == w->user_id ||
          g_strcmp0 (udha_user_get_role (user), "admin") == 0)
        continue;
      if (udha_user_get_id (user) == to->user_id)
        to_index = index;
      index++;
    }
  g_assert_cmpuint (to_index, !=, G_MAXUINT);
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), to_index);
  g_assert_false (gtk_widget_get_sensitive (go));
  reason = udha_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, NULL);
  gtk_editable_set_text (GTK_EDITABLE (reason), "Caseload balancing during leave");
  g_assert_true (gtk_widget_get_sensitive (go));
  shoot (f, "reassign");
  {
    g_autofree char *shot = g_strdup_printf ("reassign-dialog-%s.png", udha_test_lang ());

    udha_test_save_screenshot (GTK_WIDGET (dialog), shot);
  }
  click (go);
  g_assert_true (udha_test_wait_until (window_gone_cb, GSIZE_TO_POINTER (UDHA_TYPE_REASSIGN_DIALOG), 5000));
  wait_loaded (f->dashboard);

  /* The database: the cases moved, one stayed, one audit entry each with the reason. */
  g_assert_cmpint (db_count (f, "SELECT count (*) FROM cases WHERE assigned_user_id = ?1 AND " ACTIVE, w->user_id, 0), ==, 1);
  g_assert_cmpint (db_count (f, "SELECT assigned_user_id FROM cases WHERE id = ?1", kept_id, 0), ==, w->user_id);
  g_assert_cmpint (db_count (f, "SELECT count (*) FROM cases WHERE assigned_user_id = ?1 AND " ACTIVE, to->user_id, 0),
                   ==, to_before + open_before - 1);
  g_assert_cmpint (db_count (f, "SELECT count (*) FROM audit_log WHERE action = 'case.assign' AND user_name = 'demo.mira' AND ?1 = ?1 AND ?2 = ?2", 0, 0),
                   ==, audits_before + open_before - 1);
  {
    g_autofree char *text = db_text (f, "SELECT r.reason FROM audit_log a JOIN reasons r ON r.audit_seq = a.seq "
                                        "WHERE a.action = 'case.assign' ORDER BY a.seq DESC LIMIT ?1", 1);

    g_assert_cmpstr (text, ==, "Caseload balancing during leave");
  }

  /* The dashboard shows the new figures. */
  {
    g_autofree char *id = g_strdup_printf ("figure-%s-active", w->user_name);

    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (named (f, id))), ==, "1");
  }

  /* The office intake, assigned in bulk to the same colleague */
  {
    gint64 office = udha_session_get_office_id (f->session);
    gint64 intake = db_count (f, "SELECT count (*) FROM cases WHERE office_id = ?1 AND assigned_user_id IS NULL AND ?2 = ?2 AND " ACTIVE,
                              office, 0);

    g_assert_cmpint (intake, >, 0);
    click (named (f, "assign-intake"));
    g_assert_true (udha_test_wait_until (window_shown_cb, GSIZE_TO_POINTER (UDHA_TYPE_REASSIGN_DIALOG), 5000));
    dialog = UDHA_REASSIGN_DIALOG (udha_test_find_window (UDHA_TYPE_REASSIGN_DIALOG));
    g_assert_cmpuint (udha_reassign_dialog_get_n_selected (dialog), ==, intake);
    go = udha_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, _("_Reassign"));
    combo = udha_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, NULL);
    reason = udha_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, NULL);
    /* No caseworker is left out here: the colleague's place in the list is
     * found by name. */
    {
      GListModel *names = adw_combo_row_get_model (ADW_COMBO_ROW (combo));

      for (guint i = 0; i < g_list_model_get_n_items (names); i++)
        if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), to->display_name) == 0)
          adw_combo_row_set_selected (ADW_COMBO_ROW (combo), i);
    }
    gtk_editable_set_text (GTK_EDITABLE (reason), "Intake shared out on Monday");
    click (go);
    g_assert_true (udha_test_wait_until (window_gone_cb, GSIZE_TO_POINTER (UDHA_TYPE_REASSIGN_DIALOG), 5000));
    wait_loaded (f->dashboard);
    g_assert_cmpint (db_count (f, "SELECT count (*) FROM cases WHERE office_id = ?1 AND assigned_user_id IS NULL AND ?2 = ?2 AND " ACTIVE,
                               office, 0), ==, 0);
    g_assert_null (find_named (GTK_WIDGET (f->dashboard), "assign-intake"));
  }
  fixture_stop (f);
}

static GtkWidget *
decision_entry (AdwMessageDialog *dialog)
{
  return adw_message_dialog_get_extra_child (dialog);
}

static void
decide (Fixture    *f,
        gint64      case_id,
        gboolean    approve,
        const char *reason)
{
  g_autofree char *name = g_strdup_printf ("%s-%" G_GINT64_FORMAT, approve ? "approve" : "reject", case_id);
  AdwMessageDialog *dialog;

  click (named (f, name));
  g_assert_true (udha_test_wait_until (window_shown_cb, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), 5000));
  dialog = ADW_MESSAGE_DIALOG (udha_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "decide"));
  gtk_editable_set_text (GTK_EDITABLE (decision_entry (dialog)), reason);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "decide"));
  if (approve)
    {
      g_autofree char *shot = g_strdup_printf ("dashboard-approve-dialog-%s.png", udha_test_lang ());

      udha_test_iterate (200);
      udha_test_save_screenshot (GTK_WIDGET (dialog), shot);
    }
  click (udha_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, approve ? _("_Approve") : _("_Reject")));
  g_assert_true (udha_test_wait_until (window_gone_cb, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), 5000));
  wait_loaded (f->dashboard);
}

static void
test_closures (void)
{
  Fixture fixture = { NULL, }, *f = &fixture;
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaDashboardData) data = NULL;
  UdhaDashboardClosure *first, *second;
  g_autofree char *previous = NULL;
  g_autofree char *status = NULL;
  g_autofree char *text = NULL;
  gint64 approved, rejected;

  fixture_start (f);
  /* Three caseworkers ask to close a case each. */
  for (int i = 0; i < 3; i++)
    {
      gint64 id = db_count (f, "SELECT id FROM cases WHERE office_id = ?1 AND status IN ('open', 'follow_up') "
                               "AND assigned_user_id IS NOT NULL ORDER BY id LIMIT 1 OFFSET ?2",
                            udha_session_get_office_id (f->session), i);

      g_assert_true (udha_session_request_closure (f->session, id, "objectives_met", NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->dashboard), "dashboard.refresh", NULL));
  g_assert_true (udha_dashboard_is_loading (f->dashboard));
  wait_loaded (f->dashboard);
  data = udha_session_dashboard_load (f->session, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (data->closures->len, >=, 3);
  first = g_ptr_array_index (data->closures, 0);
  second = g_ptr_array_index (data->closures, 1);
  approved = first->case_id;
  rejected = second->case_id;
  previous = db_text (f, "SELECT coalesce (previous_status, 'open') FROM cases WHERE id = ?1", rejected);

  /* The queue's figure is the database's. */
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (named (f, "queue-closures"))), ==,
                   (text = g_strdup_printf ("%" G_GINT64_FORMAT,
                                            db_count (f, "SELECT count (*) FROM cases WHERE office_id = ?1 AND status = 'closure_requested' AND ?2 = ?2",
                                                      udha_session_get_office_id (f->session), 0))));
  g_clear_pointer (&text, g_free);
  scroll_to (f, "closures-group");
  shoot (f, "closures");

  decide (f, approved, TRUE, "All objectives of the plan were met");
  status = db_text (f, "SELECT status FROM cases WHERE id = ?1", approved);
  g_assert_cmpstr (status, ==, "closed");
  text = db_text (f, "SELECT r.reason FROM audit_log a JOIN reasons r ON r.audit_seq = a.seq "
                     "WHERE a.action = 'case.approve_closure' AND a.entity_id = ?1", approved);
  g_assert_cmpstr (text, ==, "All objectives of the plan were met");
  g_clear_pointer (&status, g_free);
  g_clear_pointer (&text, g_free);

  decide (f, rejected, FALSE, "The family tracing is not finished");
  status = db_text (f, "SELECT status FROM cases WHERE id = ?1", rejected);
  g_assert_cmpstr (status, ==, previous);
  text = db_text (f, "SELECT r.reason FROM audit_log a JOIN reasons r ON r.audit_seq = a.seq "
                     "WHERE a.action = 'case.reject_closure' AND a.entity_id = ?1", rejected);
  g_assert_cmpstr (text, ==, "The family tracing is not finished");

  /* Both left the queue on screen. */
  {
    g_autofree char *a = g_strdup_printf ("approve-%" G_GINT64_FORMAT, approved);
    g_autofree char *r = g_strdup_printf ("reject-%" G_GINT64_FORMAT, rejected);

    g_assert_null (find_named (GTK_WIDGET (f->dashboard), a));
    g_assert_null (find_named (GTK_WIDGET (f->dashboard), r));
  }

  /* A row opens its case. */
  if (data->closures->len > 2)
    {
      UdhaDashboardClosure *third = g_ptr_array_index (data->closures, 2);
      g_autofree char *a = g_strdup_printf ("approve-%" G_GINT64_FORMAT, third->case_id);
      GtkWidget *row = gtk_widget_get_ancestor (named (f, a), ADW_TYPE_ACTION_ROW);

      g_signal_emit_by_name (row, "activated");
      g_assert_cmpint (f->opened_case, ==, third->case_id);
    }
  fixture_stop (f);
}

static void
test_caseworker_refused (void)
{
  g_autoptr(UdhaVault) vault = NULL;
  g_autoptr(UdhaStore) store = NULL;
  g_autoptr(UdhaSession) session = NULL;
  GtkWidget *dashboard, *window;
  g_autofree char *text = NULL;

  udha_test_sign_in (path, "demo.arta", USERS_PASS, &vault, &store, &session);
  window = gtk_window_new ();
  dashboard = udha_dashboard_new (session);
  gtk_window_set_child (GTK_WINDOW (window), dashboard);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (udha_test_wait_until (mapped_cb, window, 5000));
  wait_loaded (UDHA_DASHBOARD (dashboard));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (find_named (dashboard, "dashboard-stack"))), ==, "error");
  gtk_window_destroy (GTK_WINDOW (window));
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

  g_test_add_func ("/udha/ui/dashboard/figures-and-drill-down", test_figures_and_drill_down);
  g_test_add_func ("/udha/ui/dashboard/reassign", test_reassign);
  g_test_add_func ("/udha/ui/dashboard/closures", test_closures);
  g_test_add_func ("/udha/ui/dashboard/caseworker-refused", test_caseworker_refused);

  ret = g_test_run ();
  udha_test_rm_rf (dir);
  g_clear_pointer (&dir, g_free);
  g_clear_pointer (&path, g_free);
  return ret;
}
