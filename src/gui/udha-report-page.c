/* udha-report-page.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Anonymised reports (issue #6, DOMAIN.md §10), for supervisors: the
 * period (dd.mm.yyyy, checked as typed), the tables of the catalogue, the
 * threshold (never below 3), the language of the report, the region
 * dimension and month or quarter. The report runs in a worker thread with
 * a progress bar and Cancel; its protected tables are previewed here
 * exactly as they will be written ("<5", "≈40", footnotes), and exported
 * to CSV, XLSX or PDF through the file chooser, with a toast.
 *
 * Embedding (the workspace does it for supervisors):
 *
 *   udha_workspace_add_page (workspace, "reports", _("Reports"), icon,
 *                            udha_report_page_new (session)); */

#define G_LOG_DOMAIN "udha-report-page"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "udha-report-page-private.h"
#include "udha-date.h"
#include "udha-session-report.h"

#define DEFAULT_THRESHOLD 5
#define MIN_THRESHOLD     3
#define MAX_THRESHOLD     50

static const char * const table_titles[UDHA_REPORT_N_TABLES] = {
  /* The titles the report itself gives its tables */
  N_("Persons assisted by sex and age"),
  N_("Persons assisted by citizenship and sex"),
  N_("Cases opened and closed by type"),
  N_("Services delivered by type and sex"),
  N_("Referrals by service and status"),
  N_("Persons assisted by specific need and sex"),
};

static const struct
{
  UdhaReportFormat  format;
  const char       *label;
  const char       *extension;
  const char       *mime;
} formats[] = {
  { UDHA_REPORT_FORMAT_CSV, N_("Export _CSV…"), "csv", "text/csv" },
  { UDHA_REPORT_FORMAT_XLSX, N_("Export _XLSX…"), "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  { UDHA_REPORT_FORMAT_PDF, N_("Export _PDF…"), "pdf", "application/pdf" },
};

struct _UdhaReportPage
{
  GtkWidget         parent_instance;

  AdwToastOverlay  *toast_overlay;
  AdwEntryRow      *from_row;
  AdwEntryRow      *to_row;
  GtkLabel         *period_error;
  GtkCheckButton   *table_checks[UDHA_REPORT_N_TABLES];
  GtkLabel         *tables_error;
  GtkSpinButton    *threshold_spin;
  AdwComboRow      *language_row;
  AdwComboRow      *unit_row;
  GtkSwitch        *region_switch;
  GtkButton        *run_button;
  GtkBox           *progress_box;
  GtkProgressBar   *progress_bar;
  GtkButton        *cancel_button;
  GtkLabel         *run_error;
  GtkBox           *preview_box;
  GtkBox           *preview_tables;
  GtkLabel         *preview_title;
  GtkLabel         *preview_subtitle;
  GtkLabel         *stale_label;
  GtkWidget        *export_buttons[G_N_ELEMENTS (formats)];

  UdhaSession      *session;
  UdhaReport       *report;
  GCancellable     *cancellable;
  guint             pulse_id;
  GFile            *export_file;    /* tests only */
};

G_DEFINE_FINAL_TYPE (UdhaReportPage, udha_report_page, GTK_TYPE_WIDGET)

/* Auxiliary methods */

static void
set_error (GtkLabel   *label,
           const char *message)
{
  gtk_label_set_label (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static GtkLabel *
error_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_visible (label, FALSE);
  return GTK_LABEL (label);
}

/* Reads a date row; marks it when wrong. */
static char *
read_date (AdwEntryRow  *row,
           const char   *field,
           GError      **error)
{
  UdhaDate date;

  if (!udha_date_parse (gtk_editable_get_text (GTK_EDITABLE (row)), UDHA_DATE_NOT_BEFORE_1900,
                        NULL, field, &date, error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      return NULL;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  return udha_date_to_iso (&date);
}

/* Fills @params from the form; FALSE (with the messages shown) when
 * something must be corrected first. */
static gboolean
read_params (UdhaReportPage   *self,
             UdhaReportParams *params)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) from_error = NULL;
  g_autoptr(GError) to_error = NULL;
  gboolean ok = TRUE;

  udha_report_params_init (params);

  params->from = read_date (self->from_row, _("From"), &from_error);
  params->to = read_date (self->to_row, _("To"), &to_error);
  if (from_error != NULL || to_error != NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s%s%s",
                                                  from_error != NULL ? from_error->message : "",
                                                  from_error != NULL && to_error != NULL ? "\n" : "",
                                                  to_error != NULL ? to_error->message : "");

      set_error (self->period_error, message);
      ok = FALSE;
    }
  else if (strcmp (params->from, params->to) > 0)
    {
      set_error (self->period_error, _("The period ends before it starts. Put the earlier date in “From”."));
      gtk_widget_add_css_class (GTK_WIDGET (self->to_row), "error");
      ok = FALSE;
    }
  else
    set_error (self->period_error, NULL);

  params->tables = 0;
  for (guint i = 0; i < UDHA_REPORT_N_TABLES; i++)
    if (gtk_check_button_get_active (self->table_checks[i]))
      params->tables |= 1u << (i + 1);
  if (params->tables == 0)
    {
      set_error (self->tables_error, _("Choose at least one table."));
      ok = FALSE;
    }
  else
    set_error (self->tables_error, NULL);

  params->threshold = MAX (MIN_THRESHOLD, (guint) gtk_spin_button_get_value_as_int (self->threshold_spin));
  params->threshold_sensitive = MAX (params->threshold_sensitive, params->threshold);
  g_free (params->language);
  params->language = g_strdup (adw_combo_row_get_selected (self->language_row) == 1 ? "sq" : "en");
  params->period_unit = adw_combo_row_get_selected (self->unit_row) == 1 ? UDHA_REPORT_PERIOD_QUARTER
                                                                         : UDHA_REPORT_PERIOD_MONTH;
  params->by_region = gtk_switch_get_active (self->region_switch);

  if (ok && !udha_report_params_validate (params, &error))
    {
      set_error (self->run_error, error->message);
      ok = FALSE;
    }
  return ok;
}

/* Any change to the form after a run: the preview no longer matches it. */
static void
form_changed_cb (UdhaReportPage *self)
{
  if (self->report != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->stale_label), TRUE);
}

static void
set_running (UdhaReportPage *self,
             gboolean        running)
{
  gtk_widget_set_visible (GTK_WIDGET (self->progress_box), running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->run_button), !running);
  if (running)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
      gtk_progress_bar_set_text (self->progress_bar, _("Counting and protecting the tables…"));
    }
  else
    g_clear_handle_id (&self->pulse_id, g_source_remove);
}

static gboolean
pulse_cb (gpointer data)
{
  UdhaReportPage *self = data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

/* The preview */

static GtkWidget *
cell (const char *text,
      gboolean    heading,
      gboolean    numeric)
{
  GtkWidget *label = gtk_label_new (text);

  /* Only column headings wrap (never narrower than a short word), so that
   * the table's height does not depend on the width it is measured at. */
  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  if (heading && numeric)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_width_chars (GTK_LABEL (label), MIN (8, (int) g_utf8_strlen (text, -1)));
      gtk_label_set_max_width_chars (GTK_LABEL (label), 14);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
    }
  if (heading)
    gtk_widget_add_css_class (label, "caption-heading");
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  return label;
}

/* One 2-D slice of @table (dimensions 0 × 1, the others fixed by @coords). */
static GtkWidget *
table_grid (const UdhaReportTable *table,
            guint                 *coords)
{
  GtkWidget *grid = gtk_grid_new ();
  guint n_dims = udha_report_table_get_n_dimensions (table);
  const UdhaReportDimension *rows = udha_report_table_get_dimension (table, 0);
  const UdhaReportDimension *cols = n_dims > 1 ? udha_report_table_get_dimension (table, 1) : NULL;
  guint n_rows = udha_report_dimension_get_size (rows) + 1;
  guint n_cols = cols != NULL ? udha_report_dimension_get_size (cols) + 1 : 1;

  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_widget_add_css_class (grid, "report-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  udha_report_table_get_title (table), -1);

  gtk_grid_attach (GTK_GRID (grid), cell (udha_report_dimension_get_title (rows), TRUE, FALSE), 0, 0, 1, 1);
  for (guint c = 0; c < n_cols; c++)
    gtk_grid_attach (GTK_GRID (grid),
                     cell (cols != NULL ? udha_report_dimension_get_label (cols, c)
                                        : udha_report_table_get_measure (table), TRUE, TRUE),
                     1 + c, 0, 1, 1);
  for (guint r = 0; r < n_rows; r++)
    {
      gtk_grid_attach (GTK_GRID (grid), cell (udha_report_dimension_get_label (rows, r), r == n_rows - 1, FALSE),
                       0, 1 + r, 1, 1);
      for (guint c = 0; c < n_cols; c++)
        {
          g_autofree char *text = NULL;
          UdhaReportEntryFlags flags;
          GtkWidget *label;
          gsize index;

          coords[0] = r;
          if (n_dims > 1)
            coords[1] = c;
          index = udha_report_table_index (table, coords);
          text = udha_report_table_format_entry (table, index);
          flags = udha_report_table_get_flags (table, index);
          label = cell (text, r == n_rows - 1 || c == n_cols - 1, TRUE);
          if (flags & UDHA_REPORT_ENTRY_SUPPRESSED)
            {
              gtk_widget_add_css_class (label, "suppressed");
              gtk_widget_set_tooltip_text (label, _("Suppressed to protect small numbers"));
            }
          else if (flags & UDHA_REPORT_ENTRY_ROUNDED)
            gtk_widget_set_tooltip_text (label, _("Rounded total"));
          gtk_grid_attach (GTK_GRID (grid), label, 1 + c, 1 + r, 1, 1);
        }
    }
  return grid;
}

static GtkWidget *
table_preview (const UdhaReportTable *table)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (udha_report_table_get_title (table));
  GtkWidget *measure = gtk_label_new (udha_report_table_get_measure (table));
  guint n_dims = udha_report_table_get_n_dimensions (table);
  g_auto(GStrv) notes = udha_report_table_get_footnotes (table);
  guint coords[8] = { 0 };

  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (card), box);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (measure), 0);
  gtk_widget_add_css_class (measure, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), measure);

  if (n_dims <= 2)
    {
      GtkWidget *scroller = gtk_scrolled_window_new ();

      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), table_grid (table, coords));
      gtk_box_append (GTK_BOX (box), scroller);
    }
  else
    {
      /* A slice per category of the third dimension, its total last. */
      const UdhaReportDimension *third = udha_report_table_get_dimension (table, 2);

      for (guint k = 0; k <= udha_report_dimension_get_size (third) && n_dims == 3; k++)
        {
          GtkWidget *scroller = gtk_scrolled_window_new ();
          g_autofree char *heading = g_strdup_printf ("%s: %s", udha_report_dimension_get_title (third),
                                                      udha_report_dimension_get_label (third, k));
          GtkWidget *label = gtk_label_new (heading);

          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_widget_add_css_class (label, "caption-heading");
          gtk_widget_set_margin_top (label, 6);
          gtk_box_append (GTK_BOX (box), label);
          coords[2] = k;
          gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
          gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
          gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), table_grid (table, coords));
          gtk_box_append (GTK_BOX (box), scroller);
        }
    }

  for (guint i = 0; notes != NULL && notes[i] != NULL; i++)
    {
      GtkWidget *note = gtk_label_new (notes[i]);

      gtk_label_set_wrap (GTK_LABEL (note), TRUE);
      gtk_label_set_xalign (GTK_LABEL (note), 0);
      gtk_widget_add_css_class (note, "caption");
      gtk_box_append (GTK_BOX (box), note);
    }
  return card;
}

static void
show_report (UdhaReportPage *self)
{
  GtkWidget *child;
  g_autofree char *subtitle = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_tables))) != NULL)
    gtk_box_remove (self->preview_tables, child);

  gtk_widget_set_visible (GTK_WIDGET (self->preview_box), self->report != NULL);
  if (self->report == NULL)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->stale_label), FALSE);
  gtk_label_set_label (self->preview_title, udha_report_get_title (self->report));
  subtitle = g_strdup_printf ("%s · %s", udha_report_get_period_text (self->report),
                              udha_report_get_office_text (self->report));
  gtk_label_set_label (self->preview_subtitle, subtitle);
  for (guint i = 0; i < udha_report_get_n_tables (self->report); i++)
    gtk_box_append (self->preview_tables, table_preview (udha_report_get_table (self->report, i)));
}

/* Running */

/* Called in the main context while the worker runs; the page is kept
 * alive by the reference the run holds until run_done_cb (). */
static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  UdhaReportPage *self = user_data;
  g_autofree char *text = NULL;

  if (self->cancellable == NULL || total == 0)
    return;
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  gtk_progress_bar_set_fraction (self->progress_bar, MIN (1.0, (double) done / total));
  /* Translators: progress of a report: "Step 2 of 6" */
  text = g_strdup_printf (_("Step %u of %u"), done, total);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(UdhaReportPage) self = user_data;
  g_autoptr(GError) error = NULL;
  UdhaReport *report = udha_session_run_report_finish (UDHA_SESSION (source), result, &error);

  g_clear_object (&self->cancellable);
  if (gtk_widget_get_root (GTK_WIDGET (self)) == NULL && report == NULL)
    return;   /* the page went away */
  set_running (self, FALSE);
  if (report == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Report cancelled")));
      else
        {
          g_autofree char *message = g_strdup_printf (_("The report could not be run: %s"), error->message);

          set_error (self->run_error, message);
        }
      return;
    }
  g_clear_pointer (&self->report, udha_report_unref);
  self->report = report;
  show_report (self);
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("Report ready: check the preview, then export it")));
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  UdhaReportPage *self = UDHA_REPORT_PAGE (widget);
  UdhaReportParams params;

  if (self->cancellable != NULL)
    return;
  set_error (self->run_error, NULL);
  if (!read_params (self, &params))
    {
      udha_report_params_clear (&params);
      return;
    }
  self->cancellable = g_cancellable_new ();
  set_running (self, TRUE);
  self->pulse_id = g_timeout_add (120, pulse_cb, self);
  udha_session_run_report_async (self->session, &params, self->cancellable, progress_cb, self,
                                 run_done_cb, g_object_ref (self));
  udha_report_params_clear (&params);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  UdhaReportPage *self = UDHA_REPORT_PAGE (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/* Exporting */

static void
export_to (UdhaReportPage   *self,
           UdhaReportFormat  format,
           GFile            *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *text = NULL;

  if (!udha_session_export_report (self->session, self->report, format, file, NULL, &error))
    {
      AdwToast *toast;

      text = g_strdup_printf (_("The report was not exported: %s"), error->message);
      toast = adw_toast_new (text);
      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      return;
    }
  /* Translators: %s is a file name */
  text = g_strdup_printf (_("Report exported as %s"), name);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
chooser_response_cb (GtkNativeDialog *native,
                     int              response,
                     UdhaReportPage  *self)
{
  UdhaReportFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (native), "format"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL && self->report != NULL)
        export_to (self, format, file);
    }
  g_object_unref (native);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  UdhaReportPage *self = UDHA_REPORT_PAGE (widget);
  const char *code = g_variant_get_string (parameter, NULL);
  UdhaReportFormat format;
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *suggested = NULL;
  const char *mime = NULL;
  const char *extension = code;

  if (self->report == NULL || !udha_report_format_from_string (code, &format))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      {
        mime = formats[i].mime;
        extension = formats[i].extension;
      }

  if (self->export_file != NULL)
    {
      g_autoptr(GFile) file = g_steal_pointer (&self->export_file);

      export_to (self, format, file);
      return;
    }

  native = gtk_file_chooser_native_new (_("Export Report"),
                                        GTK_WINDOW (gtk_widget_get_root (widget)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  /* Translators: the suggested file name of an exported report, without extension */
  suggested = g_strdup_printf ("%s-%s.%s", _("udha-report"), udha_report_get_params (self->report)->to, extension);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested);
  if (mime != NULL)
    {
      gtk_file_filter_add_mime_type (filter, mime);
      gtk_file_filter_add_suffix (filter, extension);
      gtk_file_filter_set_name (filter, extension);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
    }
  g_object_set_data (G_OBJECT (native), "format", GINT_TO_POINTER (format));
  g_signal_connect (native, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* Building the form */

static GtkWidget *
group (GtkBox     *box,
       const char *title,
       const char *description)
{
  GtkWidget *g = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (g), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (g), description);
  gtk_box_append (box, g);
  return g;
}

static AdwEntryRow *
date_row (GtkWidget  *g,
          const char *title,
          const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  gtk_widget_add_css_class (row, "numeric");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), row);
  return ADW_ENTRY_ROW (row);
}

static AdwComboRow *
combo_row (GtkWidget          *g,
           const char         *title,
           const char * const *items)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) list = gtk_string_list_new ((const char * const *) items);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (list));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), row);
  return ADW_COMBO_ROW (row);
}

static void
build (UdhaReportPage *self)
{
  GtkWidget *scroller, *clamp, *box, *g, *row, *header, *title, *intro, *buttons, *progress;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) first = g_date_time_new_local (g_date_time_get_year (now), 1, 1, 0, 0, 0);
  g_autofree char *from = g_date_time_format (first, "%d.%m.%Y");
  g_autofree char *to = g_date_time_format (now, "%d.%m.%Y");
  /* "English" and "Shqip" are language names in their own language. */
  const char * const languages[] = { "English", "Shqip", NULL };
  const char * const units[] = { _("Month"), _("Quarter"), NULL };

  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->toast_overlay), GTK_WIDGET (self));

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  adw_toast_overlay_set_child (self->toast_overlay, scroller);
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1000);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);

  header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  title = gtk_label_new (_("Anonymised Reports"));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "title-2");
  intro = gtk_label_new (_("Counts for your office, with small numbers hidden and totals rounded so that "
                           "no person can be recognised. Check the preview before you export."));
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_widget_add_css_class (intro, "dim-label");
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), intro);
  gtk_box_append (GTK_BOX (box), header);

  g = group (GTK_BOX (box), _("Period"), _("Dates as dd.mm.yyyy; both days are included."));
  self->from_row = date_row (g, _("From"), from);
  self->to_row = date_row (g, _("To"), to);
  self->period_error = error_label ();
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->period_error));

  g = group (GTK_BOX (box), _("Tables"), NULL);
  for (guint i = 0; i < UDHA_REPORT_N_TABLES; i++)
    {
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(table_titles[i]));
      self->table_checks[i] = GTK_CHECK_BUTTON (gtk_check_button_new ());
      gtk_check_button_set_active (self->table_checks[i], TRUE);
      gtk_widget_set_valign (GTK_WIDGET (self->table_checks[i]), GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->table_checks[i]), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(table_titles[i]), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), GTK_WIDGET (self->table_checks[i]));
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (self->table_checks[i]));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), row);
    }
  self->tables_error = error_label ();
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->tables_error));

  g = group (GTK_BOX (box), _("Options"), NULL);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Threshold"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Counts below it are hidden; never below 3. Trafficking and "
                                 "gender-based violence tables use a higher one."));
  self->threshold_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (MIN_THRESHOLD, MAX_THRESHOLD, 1));
  gtk_spin_button_set_value (self->threshold_spin, DEFAULT_THRESHOLD);
  gtk_spin_button_set_numeric (self->threshold_spin, TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->threshold_spin), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->threshold_spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Threshold"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->threshold_spin));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), row);
  self->language_row = combo_row (g, _("Language of the report"), languages);
  if (g_str_has_prefix (g_getenv ("LANGUAGE") != NULL ? g_getenv ("LANGUAGE") : "", "sq") ||
      g_str_has_prefix (setlocale (LC_MESSAGES, NULL) != NULL ? setlocale (LC_MESSAGES, NULL) : "", "sq"))
    adw_combo_row_set_selected (self->language_row, 1);
  self->unit_row = combo_row (g, _("Cases per"), units);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("By region (qark)"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("More cells, so more of them are hidden."));
  self->region_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->region_switch), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->region_switch), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("By region (qark)"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->region_switch));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (self->region_switch));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), row);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  self->run_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Run Report")));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->run_button), "report.run");
  gtk_widget_add_css_class (GTK_WIDGET (self->run_button), "pill");
  gtk_widget_add_css_class (GTK_WIDGET (self->run_button), "suggested-action");
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->run_button));
  gtk_box_append (GTK_BOX (box), buttons);

  progress = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  self->progress_box = GTK_BOX (progress);
  self->progress_bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_progress_bar_set_show_text (self->progress_bar, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->progress_bar), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->progress_bar), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Report progress"), -1);
  self->cancel_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Cancel")));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->cancel_button), "report.cancel");
  gtk_box_append (GTK_BOX (progress), GTK_WIDGET (self->progress_bar));
  gtk_box_append (GTK_BOX (progress), GTK_WIDGET (self->cancel_button));
  gtk_widget_set_visible (progress, FALSE);
  gtk_box_append (GTK_BOX (box), progress);
  self->run_error = error_label ();
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->run_error));

  /* The preview */
  self->preview_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 12));
  gtk_widget_set_name (GTK_WIDGET (self->preview_box), "preview");
  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  {
    GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
    GtkWidget *preview_heading = gtk_label_new (_("Preview"));

    gtk_label_set_xalign (GTK_LABEL (preview_heading), 0);
    gtk_widget_add_css_class (preview_heading, "title-3");
    self->preview_title = GTK_LABEL (gtk_label_new (NULL));
    gtk_label_set_xalign (self->preview_title, 0);
    gtk_label_set_wrap (self->preview_title, TRUE);
    gtk_widget_add_css_class (GTK_WIDGET (self->preview_title), "heading");
    self->preview_subtitle = GTK_LABEL (gtk_label_new (NULL));
    gtk_label_set_xalign (self->preview_subtitle, 0);
    gtk_label_set_wrap (self->preview_subtitle, TRUE);
    gtk_widget_add_css_class (GTK_WIDGET (self->preview_subtitle), "dim-label");
    gtk_box_append (GTK_BOX (titles), preview_heading);
    gtk_box_append (GTK_BOX (titles), GTK_WIDGET (self->preview_title));
    gtk_box_append (GTK_BOX (titles), GTK_WIDGET (self->preview_subtitle));
    gtk_widget_set_hexpand (titles, TRUE);
    gtk_box_append (GTK_BOX (header), titles);
  }
  gtk_box_append (self->preview_box, header);
  self->stale_label = GTK_LABEL (gtk_label_new (_("The options changed since this preview. Run the report again "
                                                  "to export what the form says.")));
  gtk_label_set_wrap (self->stale_label, TRUE);
  gtk_label_set_xalign (self->stale_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->stale_label), "warning");
  gtk_widget_set_visible (GTK_WIDGET (self->stale_label), FALSE);
  gtk_box_append (self->preview_box, GTK_WIDGET (self->stale_label));
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_START);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_(formats[i].label));

      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s",
                                        udha_report_format_to_string (formats[i].format));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "report.export");
      gtk_box_append (GTK_BOX (buttons), button);
      self->export_buttons[i] = button;
    }
  gtk_box_append (self->preview_box, buttons);
  self->preview_tables = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 18));
  gtk_box_append (self->preview_box, GTK_WIDGET (self->preview_tables));
  gtk_widget_set_visible (GTK_WIDGET (self->preview_box), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->preview_box));

  g_signal_connect_swapped (self->from_row, "changed", G_CALLBACK (form_changed_cb), self);
  g_signal_connect_swapped (self->to_row, "changed", G_CALLBACK (form_changed_cb), self);
  for (guint i = 0; i < UDHA_REPORT_N_TABLES; i++)
    g_signal_connect_swapped (self->table_checks[i], "toggled", G_CALLBACK (form_changed_cb), self);
  g_signal_connect_swapped (self->threshold_spin, "value-changed", G_CALLBACK (form_changed_cb), self);
  g_signal_connect_swapped (self->language_row, "notify::selected", G_CALLBACK (form_changed_cb), self);
  g_signal_connect_swapped (self->unit_row, "notify::selected", G_CALLBACK (form_changed_cb), self);
  g_signal_connect_swapped (self->region_switch, "notify::active", G_CALLBACK (form_changed_cb), self);
}

/* GObject */

static void
udha_report_page_dispose (GObject *object)
{
  UdhaReportPage *self = UDHA_REPORT_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_clear_pointer ((GtkWidget **) &self->toast_overlay, gtk_widget_unparent);
  g_clear_pointer (&self->report, udha_report_unref);
  g_clear_object (&self->export_file);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (udha_report_page_parent_class)->dispose (object);
}

static void
udha_report_page_class_init (UdhaReportPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = udha_report_page_dispose;

  gtk_widget_class_install_action (widget_class, "report.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "report.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "report.export", "s", export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "report.cancel", NULL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
udha_report_page_init (UdhaReportPage *self)
{
  build (self);
}

/**
 * udha_report_page_new:
 * @session: a supervisor's session
 *
 * Returns: (transfer floating): the reports page
 */
GtkWidget *
udha_report_page_new (UdhaSession *session)
{
  UdhaReportPage *self;

  g_return_val_if_fail (UDHA_IS_SESSION (session), NULL);

  self = g_object_new (UDHA_TYPE_REPORT_PAGE, NULL);
  self->session = g_object_ref (session);
  return GTK_WIDGET (self);
}

void
_udha_report_page_set_export_file (UdhaReportPage *self,
                                   GFile          *file)
{
  g_return_if_fail (UDHA_IS_REPORT_PAGE (self));

  g_set_object (&self->export_file, file);
}

const UdhaReport *
_udha_report_page_get_report (UdhaReportPage *self)
{
  g_return_val_if_fail (UDHA_IS_REPORT_PAGE (self), NULL);

  return self->report;
}
