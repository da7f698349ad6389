/* udha-dashboard.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The supervisor dashboard (issue #6), for the supervisor's own office:
 *
 *  - per caseworker, the active cases by status and by risk, cases with
 *    an overdue referral follow-up and cases without contact in 30 days;
 *    each figure is a button that opens the list behind it
 *    ("open-case-list" with a UdhaCaseListModel set to the same filter),
 *    and each caseworker's cases can be reassigned in bulk;
 *  - the queues: office intake, closure requests, overdue referrals by
 *    receiving organisation;
 *  - the closure requests, each approved or rejected with a reason;
 *  - three charts over the last 12 months, each with its numbers in a
 *    table beside it.
 *
 * Embedding (the workspace does it for supervisors):
 *
 *   GtkWidget *dashboard = udha_dashboard_new (session);
 *   g_signal_connect (dashboard, "open-case-list", G_CALLBACK (…), …);
 *   g_signal_connect (dashboard, "open-case", G_CALLBACK (…), …);
 *
 * The figures are read again on map and by the "dashboard.refresh" action
 * (F5 inside the dashboard). */

#define G_LOG_DOMAIN "udha-dashboard"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "udha-dashboard.h"
#include "udha-case-list-model.h"
#include "udha-chart-widget.h"
#include "udha-date.h"
#include "udha-lookup.h"
#include "udha-reassign-dialog.h"
#include "udha-session-dashboard.h"

typedef enum
{
  DRILL_ACTIVE,       /* a caseworker's active cases (status / risk optional) */
  DRILL_OVERDUE,      /* a caseworker's cases with an overdue follow-up */
  DRILL_NO_CONTACT,   /* a caseworker's cases without contact since the cut-off */
  DRILL_INTAKE,       /* the office intake */
  DRILL_CLOSURES,     /* pending closure requests */
  DRILL_ORG,          /* cases with an overdue referral to an organisation */
} DrillKind;

typedef struct
{
  DrillKind   kind;
  char       *title;
  gint64      user_id;
  const char *status;
  const char *risk;
  gint64      org_id;
} Drill;

struct _UdhaDashboard
{
  GtkWidget             parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkLabel             *title_label;
  GtkLabel             *updated_label;
  GtkGrid              *workers_grid;
  AdwPreferencesGroup  *queues_group;
  AdwPreferencesGroup  *overdue_group;
  AdwPreferencesGroup  *closures_group;
  GtkBox               *charts_box;
  AdwStatusPage        *error_page;

  /* Owned */
  UdhaSession          *session;
  UdhaDashboardData    *data;
  GCancellable         *cancellable;    /* the load under way */
  GPtrArray            *queue_rows;     /* widgets added to queues_group */
  GPtrArray            *overdue_rows;   /* widgets added to overdue_group */
  GPtrArray            *closure_rows;   /* widgets added to closures_group */
  GPtrArray            *chart_cards;    /* widgets added to charts_box */
};

G_DEFINE_FINAL_TYPE (UdhaDashboard, udha_dashboard, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  OPEN_CASE_LIST,
  OPEN_CASE,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* Auxiliary methods */

static void
drill_free (gpointer data)
{
  Drill *drill = data;

  g_free (drill->title);
  g_free (drill);
}

static const char *
worker_name (const UdhaDashboardWorker *worker)
{
  return worker->display_name != NULL ? worker->display_name : worker->user_name;
}

static const char *
risk_label (guint i)
{
  if (udha_dashboard_risks[i] == NULL)
    return C_("risk", "Not assessed");
  return udha_lookup_get_label (UDHA_LOOKUP_RISK_LEVEL, udha_dashboard_risks[i]);
}

static UdhaCaseListModel *
drill_model (UdhaDashboard *self,
             const Drill   *drill)
{
  UdhaCaseListModel *model = udha_case_list_model_new (self->session);

  switch (drill->kind)
    {
    case DRILL_ACTIVE:
      udha_case_list_model_set_assigned_user (model, drill->user_id);
      udha_case_list_model_set_active_only (model, drill->status == NULL);
      if (drill->status != NULL)
        udha_case_list_model_set_status (model, drill->status);
      if (drill->risk != NULL)
        udha_case_list_model_set_risk (model, drill->risk);
      break;
    case DRILL_OVERDUE:
      udha_case_list_model_set_assigned_user (model, drill->user_id);
      udha_case_list_model_set_active_only (model, TRUE);
      udha_case_list_model_set_overdue_follow_ups (model, TRUE);
      break;
    case DRILL_NO_CONTACT:
      {
        g_autofree char *since = udha_session_dashboard_no_contact_since (self->session);

        udha_case_list_model_set_assigned_user (model, drill->user_id);
        udha_case_list_model_set_active_only (model, TRUE);
        udha_case_list_model_set_no_contact_since (model, since);
      }
      break;
    case DRILL_INTAKE:
      udha_case_list_model_set_scope_filter (model, UDHA_CASE_LIST_INTAKE);
      udha_case_list_model_set_active_only (model, TRUE);
      break;
    case DRILL_CLOSURES:
      udha_case_list_model_set_status (model, "closure_requested");
      break;
    case DRILL_ORG:
    default:
      udha_case_list_model_set_overdue_referral_org (model, drill->org_id);
      break;
    }
  return model;
}

static void
figure_clicked_cb (GtkButton     *button,
                   UdhaDashboard *self)
{
  const Drill *drill = g_object_get_data (G_OBJECT (button), "drill");
  g_autoptr(UdhaCaseListModel) model = NULL;

  g_return_if_fail (drill != NULL);

  model = drill_model (self, drill);
  g_signal_emit (self, signals[OPEN_CASE_LIST], 0, drill->title, model);
}

/* A figure of the table: a flat button that opens the list behind it, or
 * a dim "0" (an empty list is not worth a click). */
static GtkWidget *
figure_widget (UdhaDashboard *self,
               gint64         value,
               Drill         *drill,
               const char    *accessible,
               const char    *name)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);
  GtkWidget *widget;

  if (value == 0 || drill == NULL)
    {
      widget = gtk_label_new (text);
      gtk_widget_add_css_class (widget, value == 0 ? "dim-label" : "heading");
      gtk_widget_add_css_class (widget, "numeric");
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      if (drill != NULL)
        drill_free (drill);
    }
  else
    {
      widget = gtk_button_new_with_label (text);
      gtk_widget_add_css_class (widget, "flat");
      gtk_widget_add_css_class (widget, "numeric");
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      gtk_widget_set_tooltip_text (widget, drill->title);
      g_object_set_data_full (G_OBJECT (widget), "drill", drill, drill_free);
      g_signal_connect (widget, "clicked", G_CALLBACK (figure_clicked_cb), self);
    }
  if (name != NULL)
    gtk_widget_set_name (widget, name);
  gtk_widget_set_size_request (widget, 52, 34);
  gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
  return widget;
}

static Drill *
drill_new (DrillKind   kind,
           gint64      user_id,
           char       *title)
{
  Drill *drill = g_new0 (Drill, 1);

  drill->kind = kind;
  drill->user_id = user_id;
  drill->title = title;
  return drill;
}

static GtkWidget *
header_label (const char *text,
              gboolean    group)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  /* Narrower than this, words break; the table scrolls instead. */
  gtk_label_set_width_chars (GTK_LABEL (label), group ? 12 : 9);
  gtk_label_set_max_width_chars (GTK_LABEL (label), group ? 30 : 11);
  gtk_widget_set_valign (label, GTK_ALIGN_END);
  gtk_widget_add_css_class (label, group ? "heading" : "caption-heading");
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_widget_set_margin_top (label, 6);
  return label;
}

static void
reassigned_cb (UdhaReassignDialog *dialog,
               guint               n,
               const char         *colleague,
               UdhaDashboard      *self)
{
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "%u case reassigned to %s",
                                                        "%u cases reassigned to %s", n),
                                           n, colleague);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
  udha_dashboard_refresh (self);
}

static void
reassign_clicked_cb (GtkButton     *button,
                     UdhaDashboard *self)
{
  const Drill *drill = g_object_get_data (G_OBJECT (button), "drill");
  g_autoptr(UdhaCaseListModel) model = NULL;
  UdhaReassignDialog *dialog;

  g_return_if_fail (drill != NULL);

  model = drill_model (self, drill);
  dialog = udha_reassign_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                     self->session, G_LIST_MODEL (model), drill->user_id);
  g_signal_connect_object (dialog, "reassigned", G_CALLBACK (reassigned_cb), self, 0);
}

static void
fill_workers (UdhaDashboard *self)
{
  GtkWidget *child;
  int row = 2;
  int n_rows = 0;
  int risk_row;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->workers_grid))) != NULL)
    gtk_grid_remove (self->workers_grid, child);

  /* Two bands of seven columns, so that the table fits a narrow window
   * (800 px, or 1280 px beside the sidebar) in Albanian too: the active
   * cases by status and the reassign button, then by risk with the
   * follow-up figures. Each band has two header rows (the groups, then
   * the columns) and repeats the caseworker's name. */
  for (guint i = 0; i < self->data->workers->len; i++)
    {
      const UdhaDashboardWorker *w = g_ptr_array_index (self->data->workers, i);

      if (g_strcmp0 (w->role, "caseworker") == 0 || w->open != 0)
        n_rows++;
    }
  risk_row = 2 + n_rows + 2;

  for (int band = 0; band < (n_rows > 0 ? 2 : 1); band++)
    {
      int top = band == 0 ? 0 : risk_row - 2;

      child = header_label (_("Caseworker"), FALSE);
      gtk_label_set_xalign (GTK_LABEL (child), 0);
      gtk_widget_set_margin_start (child, 12);
      if (band == 1)
        gtk_widget_set_margin_top (child, 18);
      gtk_grid_attach (self->workers_grid, child, 0, top + 1, 1, 1);
    }
  gtk_grid_attach (self->workers_grid, header_label (_("Active cases"), FALSE), 1, 1, 1, 1);
  gtk_grid_attach (self->workers_grid, header_label (_("By status"), TRUE), 2, 0, UDHA_DASHBOARD_N_STATUSES, 1);
  for (guint s = 0; s < UDHA_DASHBOARD_N_STATUSES; s++)
    gtk_grid_attach (self->workers_grid,
                     header_label (udha_lookup_get_label (UDHA_LOOKUP_CASE_STATUS, udha_dashboard_statuses[s]), FALSE),
                     2 + s, 1, 1, 1);
  if (n_rows > 0)
    {
      child = header_label (_("By risk"), TRUE);
      gtk_widget_set_margin_top (child, 18);
      gtk_grid_attach (self->workers_grid, child, 1, risk_row - 2, UDHA_DASHBOARD_N_RISKS, 1);
      for (guint r = 0; r < UDHA_DASHBOARD_N_RISKS; r++)
        gtk_grid_attach (self->workers_grid, header_label (risk_label (r), FALSE),
                         1 + r, risk_row - 1, 1, 1);
      gtk_grid_attach (self->workers_grid, header_label (_("Overdue follow-ups"), FALSE),
                       1 + UDHA_DASHBOARD_N_RISKS, risk_row - 1, 1, 1);
      gtk_grid_attach (self->workers_grid, header_label (_("No contact in 30 days"), FALSE),
                       2 + UDHA_DASHBOARD_N_RISKS, risk_row - 1, 1, 1);
    }

  for (guint i = 0; i < self->data->workers->len; i++, row++, risk_row++)
    {
      const UdhaDashboardWorker *w = g_ptr_array_index (self->data->workers, i);
      const char *name = worker_name (w);
      GtkWidget *label;
      int col = 1;
      g_autofree char *id = NULL;

      /* A supervisor has a line only while cases are assigned to them. */
      if (g_strcmp0 (w->role, "caseworker") != 0 && w->open == 0)
        {
          row--;
          risk_row--;
          continue;
        }
      id = g_strdup_printf ("figure-%s", w->user_name);
      label = gtk_label_new (name);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 12);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 22);
      gtk_widget_set_tooltip_text (label, name);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_grid_attach (self->workers_grid, label, 0, row, 1, 1);
      label = gtk_label_new (name);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 12);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 22);
      gtk_widget_set_tooltip_text (label, name);
      gtk_widget_set_margin_start (label, 12);
      gtk_grid_attach (self->workers_grid, label, 0, risk_row, 1, 1);

      {
        g_autofree char *name_id = g_strconcat (id, "-active", NULL);
        g_autofree char *a11y = g_strdup_printf (_("%s: %lld active cases"), name, (long long) w->open);

        gtk_grid_attach (self->workers_grid,
                         figure_widget (self, w->open,
                                        drill_new (DRILL_ACTIVE, w->user_id,
                                                   /* Translators: a list title; %s is a caseworker */
                                                   g_strdup_printf (_("Active cases of %s"), name)),
                                        a11y, name_id),
                         col++, row, 1, 1);
      }
      for (guint s = 0; s < UDHA_DASHBOARD_N_STATUSES; s++)
        {
          const char *status = udha_lookup_get_label (UDHA_LOOKUP_CASE_STATUS, udha_dashboard_statuses[s]);
          g_autofree char *name_id = g_strconcat (id, "-", udha_dashboard_statuses[s], NULL);
          g_autofree char *a11y = g_strdup_printf ("%s, %s: %" G_GINT64_FORMAT, name, status, w->by_status[s]);
          Drill *drill = drill_new (DRILL_ACTIVE, w->user_id,
                                    /* Translators: a list title: "Ana Hoxha — Follow-up" */
                                    g_strdup_printf (_("%s — %s"), name, status));

          drill->status = udha_dashboard_statuses[s];
          gtk_grid_attach (self->workers_grid, figure_widget (self, w->by_status[s], drill, a11y, name_id),
                           col++, row, 1, 1);
        }
      col = 1;
      for (guint r = 0; r < UDHA_DASHBOARD_N_RISKS; r++)
        {
          g_autofree char *name_id = g_strdup_printf ("%s-risk-%s", id,
                                                      udha_dashboard_risks[r] ? udha_dashboard_risks[r] : "none");
          g_autofree char *a11y = NULL;
          Drill *drill;

          a11y = g_strdup_printf (_("%s, risk %s: %lld"), name, risk_label (r), (long long) w->by_risk[r]);
          drill = drill_new (DRILL_ACTIVE, w->user_id,
                             /* Translators: a list title: "Ana Hoxha — Risk: High" */
                             g_strdup_printf (_("%s — Risk: %s"), name, risk_label (r)));
          /* "": no risk level yet (the caseload list's risk IS NULL) */
          drill->risk = udha_dashboard_risks[r] != NULL ? udha_dashboard_risks[r] : "";
          gtk_grid_attach (self->workers_grid, figure_widget (self, w->by_risk[r], drill, a11y, name_id),
                           col++, risk_row, 1, 1);
        }
      {
        g_autofree char *name_id = g_strconcat (id, "-overdue", NULL);
        g_autofree char *a11y = g_strdup_printf (_("%s, overdue follow-ups: %lld"),
                                                 name, (long long) w->overdue_follow_ups);

        gtk_grid_attach (self->workers_grid,
                         figure_widget (self, w->overdue_follow_ups,
                                        drill_new (DRILL_OVERDUE, w->user_id,
                                                   g_strdup_printf (_("%s — Overdue follow-ups"), name)),
                                        a11y, name_id),
                         col++, risk_row, 1, 1);
      }
      {
        g_autofree char *name_id = g_strconcat (id, "-no-contact", NULL);
        g_autofree char *a11y = g_strdup_printf (_("%s, no contact in 30 days: %lld"),
                                                 name, (long long) w->no_contact);

        gtk_grid_attach (self->workers_grid,
                         figure_widget (self, w->no_contact,
                                        drill_new (DRILL_NO_CONTACT, w->user_id,
                                                   g_strdup_printf (_("%s — No contact in 30 days"), name)),
                                        a11y, name_id),
                         col++, risk_row, 1, 1);
      }
      if (w->open > 0)
        {
          GtkWidget *button = gtk_button_new_with_label (_("Reassign…"));
          g_autofree char *a11y = g_strdup_printf (_("Reassign cases of %s"), name);
          g_autofree char *name_id = g_strconcat ("reassign-", w->user_name, NULL);

          gtk_widget_add_css_class (button, "flat");
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_set_margin_end (button, 6);
          gtk_widget_set_name (button, name_id);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
          g_object_set_data_full (G_OBJECT (button), "drill",
                                  drill_new (DRILL_ACTIVE, w->user_id, g_strdup (a11y)), drill_free);
          g_signal_connect (button, "clicked", G_CALLBACK (reassign_clicked_cb), self);
          gtk_grid_attach (self->workers_grid, button, 2 + UDHA_DASHBOARD_N_STATUSES, row, 1, 1);
        }
    }

  if (self->data->workers->len == 0)
    {
      GtkWidget *label = gtk_label_new (_("No caseworkers in this office yet. An administrator adds them."));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_top (label, 12);
      gtk_widget_set_margin_bottom (label, 12);
      gtk_grid_attach (self->workers_grid, label, 0, row, 3 + UDHA_DASHBOARD_N_STATUSES, 1);
    }
}

static void
clear_group (AdwPreferencesGroup *group,
             GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static GtkWidget *
queue_row (UdhaDashboard *self,
           gboolean       overdue,
           const char    *title,
           const char    *subtitle,
           gint64         value,
           Drill         *drill,
           const char    *name)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *a11y = g_strdup_printf ("%s: %" G_GINT64_FORMAT, title, value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), figure_widget (self, value, drill, a11y, name));
  adw_preferences_group_add (overdue ? self->overdue_group : self->queues_group, row);
  g_ptr_array_add (overdue ? self->overdue_rows : self->queue_rows, row);
  return row;
}

static void
fill_queues (UdhaDashboard *self)
{
  GtkWidget *row;

  clear_group (self->queues_group, self->queue_rows);
  clear_group (self->overdue_group, self->overdue_rows);

  row = queue_row (self, FALSE, _("Office intake"), _("Active cases without a caseworker"), self->data->unassigned,
                   drill_new (DRILL_INTAKE, 0, g_strdup (_("Office intake"))), "queue-intake");
  if (self->data->unassigned > 0)
    {
      /* The intake is assigned in bulk like a caseload is reassigned. */
      GtkWidget *button = gtk_button_new_with_label (_("Assign…"));

      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_name (button, "assign-intake");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Assign the intake cases"), -1);
      g_object_set_data_full (G_OBJECT (button), "drill", drill_new (DRILL_INTAKE, 0, NULL), drill_free);
      g_signal_connect (button, "clicked", G_CALLBACK (reassign_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  queue_row (self, FALSE, _("Closure requests"), _("Waiting for your decision"), self->data->closures->len,
             drill_new (DRILL_CLOSURES, 0, g_strdup (_("Closure requests"))), "queue-closures");

  if (self->data->overdue_orgs->len == 0)
    {
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("None: every referral was followed up in time."));
      adw_preferences_group_add (self->overdue_group, row);
      g_ptr_array_add (self->overdue_rows, row);
    }
  for (guint i = 0; i < self->data->overdue_orgs->len; i++)
    {
      const UdhaDashboardOrg *org = g_ptr_array_index (self->data->overdue_orgs, i);
      g_autofree char *title = g_strdup_printf (_("Overdue referrals to %s"), org->name);
      g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "In %lld case", "In %lld cases",
                                                                org->cases),
                                                   (long long) org->cases);
      g_autofree char *name = g_strdup_printf ("queue-org-%" G_GINT64_FORMAT, org->org_id);
      Drill *drill = drill_new (DRILL_ORG, 0, g_strdup (title));

      drill->org_id = org->org_id;
      queue_row (self, TRUE, org->name, subtitle, org->referrals, drill, name);
    }
}

/* Closure decisions */

typedef struct
{
  UdhaDashboard *self;
  gint64         case_id;
  gboolean       approve;
  GtkEditable   *entry;
} Decision;

static void
decision_free (gpointer  data,
               GClosure *closure)
{
  Decision *decision = data;

  g_object_unref (decision->self);
  g_free (decision);
}

static void
reason_changed_cb (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "decide", text[0] != '\0');
}

static void
decision_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      Decision         *decision)
{
  UdhaDashboard *self = decision->self;
  g_autoptr(GError) error = NULL;
  const char *reason;
  gboolean ok;

  if (g_strcmp0 (response, "decide") != 0)
    return;
  reason = gtk_editable_get_text (decision->entry);
  if (decision->approve)
    ok = udha_session_approve_closure_with_reason (self->session, decision->case_id, reason, &error);
  else
    ok = udha_session_reject_closure (self->session, decision->case_id, reason, &error);
  if (!ok)
    {
      g_autofree char *text = g_strdup_printf (_("The decision was not saved: %s"), error->message);
      AdwToast *toast = adw_toast_new (text);

      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      return;
    }
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (decision->approve ? _("Closure approved; the case is closed")
                                                                : _("Closure rejected; the case is back with its caseworker")));
  udha_dashboard_refresh (self);
}

static void
decide (UdhaDashboard              *self,
        const UdhaDashboardClosure *closure,
        gboolean                    approve)
{
  GtkWidget *dialog;
  GtkWidget *entry = gtk_entry_new ();
  Decision *decision = g_new0 (Decision, 1);
  const char *reason = udha_lookup_get_label (UDHA_LOOKUP_CLOSURE_REASON, closure->closure_reason);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  if (approve)
    {
      /* Translators: %s is a case number */
      heading = g_strdup_printf (_("Approve Closure of %s?"), closure->case_number);
      body = g_strdup_printf (_("The case will be closed with the reason “%s”. Say why you approve; "
                                "your reason is kept in the audit log."), reason != NULL ? reason : "");
    }
  else
    {
      heading = g_strdup_printf (_("Reject Closure of %s?"), closure->case_number);
      body = g_strdup (_("The case goes back to its previous status and stays with its caseworker. "
                         "Say what still needs to be done; your reason is kept in the audit log."));
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "decide", approve ? _("_Approve") : _("_Reject"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "decide",
                                              approve ? ADW_RESPONSE_SUGGESTED : ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "decide", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason (required)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason for the decision"), -1);
  gtk_widget_set_name (entry, "decision-reason");
  g_signal_connect (entry, "changed", G_CALLBACK (reason_changed_cb), dialog);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);

  decision->self = g_object_ref (self);
  decision->case_id = closure->case_id;
  decision->approve = approve;
  decision->entry = GTK_EDITABLE (entry);
  g_signal_connect_data (dialog, "response", G_CALLBACK (decision_response_cb), decision,
                         decision_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static const UdhaDashboardClosure *
closure_of (UdhaDashboard *self,
            GtkWidget     *widget)
{
  gint64 case_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (widget), "case-id"));

  for (guint i = 0; self->data != NULL && i < self->data->closures->len; i++)
    {
      const UdhaDashboardClosure *closure = g_ptr_array_index (self->data->closures, i);

      if (closure->case_id == case_id)
        return closure;
    }
  return NULL;
}

static void
approve_clicked_cb (GtkButton     *button,
                    UdhaDashboard *self)
{
  const UdhaDashboardClosure *closure = closure_of (self, GTK_WIDGET (button));

  if (closure != NULL)
    decide (self, closure, TRUE);
}

static void
reject_clicked_cb (GtkButton     *button,
                   UdhaDashboard *self)
{
  const UdhaDashboardClosure *closure = closure_of (self, GTK_WIDGET (button));

  if (closure != NULL)
    decide (self, closure, FALSE);
}

static void
closure_activated_cb (AdwActionRow  *row,
                      UdhaDashboard *self)
{
  const UdhaDashboardClosure *closure = closure_of (self, GTK_WIDGET (row));

  if (closure != NULL)
    g_signal_emit (self, signals[OPEN_CASE], 0, closure->case_id);
}

static GtkWidget *
closure_button (UdhaDashboard              *self,
                const UdhaDashboardClosure *closure,
                gboolean                    approve)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (approve ? _("_Approve…") : _("_Reject…"));
  g_autofree char *a11y = g_strdup_printf (approve ? _("Approve closure of %s") : _("Reject closure of %s"),
                                           closure->case_number);
  g_autofree char *name = g_strdup_printf ("%s-%" G_GINT64_FORMAT, approve ? "approve" : "reject",
                                           closure->case_id);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_name (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  g_object_set_data (G_OBJECT (button), "case-id", GSIZE_TO_POINTER (closure->case_id));
  g_signal_connect (button, "clicked", G_CALLBACK (approve ? approve_clicked_cb : reject_clicked_cb), self);
  return button;
}

/* The oldest requests are listed; the rest are one click away. */
#define MAX_CLOSURE_ROWS 20

static void
fill_closures (UdhaDashboard *self)
{
  clear_group (self->closures_group, self->closure_rows);

  if (self->data->closures->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No closure requests are waiting."));
      adw_preferences_group_add (self->closures_group, row);
      g_ptr_array_add (self->closure_rows, row);
      return;
    }
  for (guint i = 0; i < self->data->closures->len && i < MAX_CLOSURE_ROWS; i++)
    {
      const UdhaDashboardClosure *closure = g_ptr_array_index (self->data->closures, i);
      GtkWidget *row = adw_action_row_new ();
      const char *reason = udha_lookup_get_label (UDHA_LOOKUP_CLOSURE_REASON, closure->closure_reason);
      g_autofree char *day = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

      if (closure->requested_at != NULL)
        {
          g_autofree char *iso = g_strndup (closure->requested_at, 10);
          UdhaDate date;

          if (udha_date_from_iso (iso, &date))
            day = udha_date_to_display (&date);
        }
      /* Translators: "Objectives met · asked by Ana Hoxha on 03.11.2026" */
      subtitle = g_strdup_printf (_("%s · asked by %s on %s"), reason != NULL ? reason : "",
                                  closure->requested_by != NULL ? closure->requested_by : "—",
                                  day != NULL ? day : "—");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), closure->case_number);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "case-id", GSIZE_TO_POINTER (closure->case_id));
      g_signal_connect (row, "activated", G_CALLBACK (closure_activated_cb), self);
      gtk_box_append (GTK_BOX (box), closure_button (self, closure, FALSE));
      gtk_box_append (GTK_BOX (box), closure_button (self, closure, TRUE));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
      adw_preferences_group_add (self->closures_group, row);
      g_ptr_array_add (self->closure_rows, row);
    }
  if (self->data->closures->len > MAX_CLOSURE_ROWS)
    {
      guint n = self->data->closures->len;
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "All %u closure requests",
                                                             "All %u closure requests", n), n);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = figure_widget (self, n, drill_new (DRILL_CLOSURES, 0, g_strdup (_("Closure requests"))),
                                         title, "closures-all");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("The oldest are listed here; open the list for the others."));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->closures_group, row);
      g_ptr_array_add (self->closure_rows, row);
    }
}

/* Charts */

static char *
month_label (const char *code)
{
  int y = 0, m = 0;
  g_autoptr(GDateTime) date = NULL;

  if (sscanf (code, "%4d-%2d", &y, &m) != 2 || m < 1 || m > 12)
    return g_strdup (code);
  date = g_date_time_new_local (y, m, 1, 0, 0, 0);
  /* Translators: a month on the chart's axis and in its table: "%b %Y" gives "Nov 2026" */
  return g_date_time_format (date, C_("chart month", "%b %Y"));
}

static char *
category_label (UdhaDashboardChartKind  kind,
                const char             *code)
{
  switch (kind)
    {
    case UDHA_DASHBOARD_CHART_NEW_CASES:
      return month_label (code);
    case UDHA_DASHBOARD_CHART_SERVICES:
      return g_strdup (udha_lookup_get_label (UDHA_LOOKUP_SERVICE_CATEGORY, code));
    case UDHA_DASHBOARD_CHART_REFERRALS:
    default:
      return g_strdup (udha_lookup_get_label (UDHA_LOOKUP_REFERRAL_STATUS, code));
    }
}

static char *
series_label (UdhaDashboardChartKind  kind,
              const char             *code)
{
  switch (kind)
    {
    case UDHA_DASHBOARD_CHART_NEW_CASES:
      return g_strdup (udha_lookup_get_label (UDHA_LOOKUP_CASE_TYPE, code));
    case UDHA_DASHBOARD_CHART_SERVICES:
      return g_strdup (_("Services delivered"));
    case UDHA_DASHBOARD_CHART_REFERRALS:
    default:
      return g_strdup (_("Referrals"));
    }
}

static GtkWidget *
cell (const char *text,
      gboolean    heading,
      gboolean    numeric)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), numeric ? 12 : 28);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (heading)
    gtk_widget_add_css_class (label, "caption-heading");
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  return label;
}

/* The numbers of a chart as a table: a row per category, a column per
 * series (and a total when there are several). */
static GtkWidget *
figures_table (UdhaDashboardChartKind       kind,
               const UdhaDashboardFigures  *figures,
               const char                  *title,
               UdhaChartData               *chart)
{
  GtkWidget *grid = gtk_grid_new ();
  gboolean with_total = figures->n_series > 1;

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_widget_set_name (grid, "chart-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);

  gtk_grid_attach (GTK_GRID (grid), cell (kind == UDHA_DASHBOARD_CHART_NEW_CASES ? _("Month")
                                          : kind == UDHA_DASHBOARD_CHART_SERVICES ? _("Service")
                                          : _("Status"), TRUE, FALSE), 0, 0, 1, 1);
  for (guint s = 0; s < figures->n_series; s++)
    gtk_grid_attach (GTK_GRID (grid), cell (chart->series_labels[s], TRUE, TRUE), 1 + s, 0, 1, 1);
  if (with_total)
    gtk_grid_attach (GTK_GRID (grid), cell (_("Total"), TRUE, TRUE), 1 + figures->n_series, 0, 1, 1);

  for (guint c = 0; c < figures->n_categories; c++)
    {
      gint64 total = 0;

      gtk_grid_attach (GTK_GRID (grid), cell (chart->category_labels[c], FALSE, FALSE), 0, 1 + c, 1, 1);
      for (guint s = 0; s < figures->n_series; s++)
        {
          gint64 v = udha_dashboard_figures_get (figures, s, c);
          g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, v);

          total += v;
          gtk_grid_attach (GTK_GRID (grid), cell (text, FALSE, TRUE), 1 + s, 1 + c, 1, 1);
        }
      if (with_total)
        {
          g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, total);

          gtk_grid_attach (GTK_GRID (grid), cell (text, TRUE, TRUE), 1 + figures->n_series, 1 + c, 1, 1);
        }
    }
  if (figures->n_series == 0)
    gtk_grid_attach (GTK_GRID (grid), cell (_("No cases were opened in this period."), FALSE, FALSE), 0, 1, 2, 1);
  return grid;
}

static GtkWidget *
chart_card (UdhaDashboard              *self,
            UdhaDashboardChartKind      kind,
            const char                 *title,
            const UdhaDashboardFigures *figures)
{
  UdhaChartData *chart;
  GtkWidget *card, *flow, *chart_widget, *table, *scroller;

  chart = udha_chart_data_new (title, figures->n_categories, figures->n_series);
  chart->stacked = figures->n_series > 1;
  for (guint c = 0; c < figures->n_categories; c++)
    chart->category_labels[c] = category_label (kind, figures->categories[c]);
  for (guint s = 0; s < figures->n_series; s++)
    chart->series_labels[s] = series_label (kind, figures->series[s]);
  memcpy (chart->values, figures->values, sizeof (gint64) * figures->n_categories * figures->n_series);

  /* The chart draws its own title. */
  card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_margin_top (card, 0);

  /* The table beside the chart; under it for the wide one (a column per
   * case type). */
  flow = gtk_box_new (kind == UDHA_DASHBOARD_CHART_NEW_CASES ? GTK_ORIENTATION_VERTICAL
                                                             : GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_start (flow, 6);
  gtk_widget_set_margin_end (flow, 12);
  gtk_widget_set_margin_top (flow, 6);
  gtk_widget_set_margin_bottom (flow, 12);

  table = figures_table (kind, figures, title, chart);
  chart_widget = udha_chart_widget_new ();
  gtk_widget_set_hexpand (chart_widget, TRUE);
  udha_chart_widget_set_data (UDHA_CHART_WIDGET (chart_widget), chart);
  gtk_box_append (GTK_BOX (flow), chart_widget);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), table);
  gtk_widget_set_valign (scroller, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (scroller, 6);
  gtk_box_append (GTK_BOX (flow), scroller);

  gtk_box_append (GTK_BOX (card), flow);
  return card;
}

static void
fill_charts (UdhaDashboard *self)
{
  const struct { UdhaDashboardChartKind kind; const char *title; const char *name; } charts[] = {
    { UDHA_DASHBOARD_CHART_NEW_CASES, N_("New cases per month, by case type"), "chart-new-cases" },
    { UDHA_DASHBOARD_CHART_SERVICES, N_("Services delivered, by type"), "chart-services" },
    { UDHA_DASHBOARD_CHART_REFERRALS, N_("Referrals made, by current status"), "chart-referrals" },
  };

  for (guint i = 0; i < self->chart_cards->len; i++)
    gtk_box_remove (self->charts_box, g_ptr_array_index (self->chart_cards, i));
  g_ptr_array_set_size (self->chart_cards, 0);

  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    {
      const UdhaDashboardFigures *figures = self->data->charts[charts[i].kind];
      GtkWidget *card;

      if (figures == NULL)
        continue;
      card = chart_card (self, charts[i].kind, _(charts[i].title), figures);
      gtk_widget_set_name (card, charts[i].name);
      gtk_box_append (self->charts_box, card);
      g_ptr_array_add (self->chart_cards, card);
    }
}

static void
show_error (UdhaDashboard *self,
            const GError  *error)
{
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

/* Actions */

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  udha_dashboard_refresh (UDHA_DASHBOARD (widget));
}

/* GObject */

static void
udha_dashboard_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (udha_dashboard_parent_class)->map (widget);
  udha_dashboard_refresh (UDHA_DASHBOARD (widget));
}

static void
udha_dashboard_dispose (GObject *object)
{
  UdhaDashboard *self = UDHA_DASHBOARD (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), UDHA_TYPE_DASHBOARD);
  g_clear_pointer (&self->data, udha_dashboard_data_free);
  g_clear_pointer (&self->queue_rows, g_ptr_array_unref);
  g_clear_pointer (&self->overdue_rows, g_ptr_array_unref);
  g_clear_pointer (&self->closure_rows, g_ptr_array_unref);
  g_clear_pointer (&self->chart_cards, g_ptr_array_unref);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (udha_dashboard_parent_class)->dispose (object);
}

static void
udha_dashboard_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  UdhaDashboard *self = UDHA_DASHBOARD (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, udha_dashboard_is_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
udha_dashboard_class_init (UdhaDashboardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = udha_dashboard_dispose;
  object_class->get_property = udha_dashboard_get_property;

  /**
   * UdhaDashboard:loading:
   *
   * Whether the figures are being read.
   */
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  widget_class->map = udha_dashboard_map;

  /**
   * UdhaDashboard::open-case-list:
   * @title: the list's title, translated
   * @model: a #UdhaCaseListModel set to the figure's filter
   *
   * A figure was chosen: show the cases behind it.
   */
  signals[OPEN_CASE_LIST] = g_signal_new ("open-case-list", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                          G_TYPE_STRING, UDHA_TYPE_CASE_LIST_MODEL);
  /**
   * UdhaDashboard::open-case:
   * @case_id: the case
   *
   * A closure request was opened: show its case file.
   */
  signals[OPEN_CASE] = g_signal_new ("open-case", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "dashboard.refresh", NULL, refresh_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "dashboard.refresh", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/udha/Udha/ui/udha-dashboard.ui");
  gtk_widget_class_bind_template_child (widget_class, UdhaDashboard, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, UdhaDashboard, stack);
  gtk_widget_class_bind_template_child (widget_class, UdhaDashboard, title_label);
  gtk_widget_class_bind_template_child (widget_class, UdhaDashboard, updated_label);
  gtk_widget_class_bind_template_child (widget_class, UdhaDashboard, workers_grid);
  gtk_widget_class_bind_template_child (widget_class, UdhaDashboard, queues_group);
  gtk_widget_class_bind_template_child (widget_class, UdhaDashboard, overdue_group);
  gtk_widget_class_bind_template_child (widget_class, UdhaDashboard, closures_group);
  gtk_widget_class_bind_template_child (widget_class, UdhaDashboard, charts_box);
  gtk_widget_class_bind_template_child (widget_class, UdhaDashboard, error_page);
}

static void
udha_dashboard_init (UdhaDashboard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->queue_rows = g_ptr_array_new ();
  self->overdue_rows = g_ptr_array_new ();
  self->closure_rows = g_ptr_array_new ();
  self->chart_cards = g_ptr_array_new ();
}

/**
 * udha_dashboard_new:
 * @session: a supervisor's session
 *
 * Returns: (transfer floating): the dashboard of the supervisor's office
 */
GtkWidget *
udha_dashboard_new (UdhaSession *session)
{
  UdhaDashboard *self;

  g_return_val_if_fail (UDHA_IS_SESSION (session), NULL);

  self = g_object_new (UDHA_TYPE_DASHBOARD, NULL);
  self->session = g_object_ref (session);
  return GTK_WIDGET (self);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(UdhaDashboard) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *time = NULL;
  g_autofree char *updated = NULL;
  UdhaDashboardData *data = udha_session_dashboard_load_finish (UDHA_SESSION (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* a newer load, or the dashboard went away */
  g_clear_object (&self->cancellable);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  if (data == NULL)
    {
      show_error (self, error);
      return;
    }
  g_clear_pointer (&self->data, udha_dashboard_data_free);
  self->data = data;
  fill_workers (self);
  fill_queues (self);
  fill_closures (self);
  fill_charts (self);
  now = g_date_time_new_now_local ();
  time = g_date_time_format (now, "%H:%M");
  /* Translators: %s is a time of day, "14:05" */
  updated = g_strdup_printf (_("Figures as of %s. Active cases are open, in follow-up, inactive or waiting for closure."), time);
  gtk_label_set_label (self->updated_label, updated);
  gtk_stack_set_visible_child_name (self->stack, "content");
}

/**
 * udha_dashboard_refresh:
 * @self: a #UdhaDashboard
 *
 * Reads every figure again, on a worker; the figures on screen stay until
 * the new ones arrive.
 */
void
udha_dashboard_refresh (UdhaDashboard *self)
{
  g_return_if_fail (UDHA_IS_DASHBOARD (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->data == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  udha_session_dashboard_load_async (self->session, self->cancellable, loaded_cb, g_object_ref (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/**
 * udha_dashboard_is_loading:
 * @self: a #UdhaDashboard
 *
 * Returns: whether the figures are being read
 */
gboolean
udha_dashboard_is_loading (UdhaDashboard *self)
{
  g_return_val_if_fail (UDHA_IS_DASHBOARD (self), FALSE);

  return self->cancellable != NULL;
}
