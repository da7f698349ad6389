/* udha-report-csv.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The CSV and JSON writers, the formula-injection rule (DOMAIN.md §10.10)
 * and udha_report_write(), which picks the back end and writes atomically.
 *
 * CSV (RFC 4180: CRLF, every text field quoted, quotes doubled; UTF-8 with
 * no byte-order mark): the report title and period, then each table as a
 * cross-tabulation, rows along the first dimension, columns along the
 * second, one block per category of the third (its total last), each block
 * followed by the table's footnotes.  Published counts are bare numbers;
 * "<5", "≈40" and "–" are text, as a reader sees them.
 *
 * JSON: per table, its dimensions (codes, labels), "cells" and "totals".
 * Each entry names its category per dimension (null: the total along that
 * dimension) and has "value": a number, or null with "suppressed": true;
 * a rounded total has "rounded": true.
 *
 * Neither carries the office, staff or the program's user: DOMAIN.md §10.8. */

#define G_LOG_DOMAIN "udha-report-csv"

#include "config.h"

#include "udha-report-private.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

static const struct
{
  UdhaReportFormat  format;
  const char       *name;
} formats[] = {
  { UDHA_REPORT_FORMAT_CSV, "csv" },
  { UDHA_REPORT_FORMAT_JSON, "json" },
  { UDHA_REPORT_FORMAT_XLSX, "xlsx" },
  { UDHA_REPORT_FORMAT_PDF, "pdf" },
};

/**
 * udha_report_format_from_string:
 * @text: "csv", "json", "xlsx" or "pdf" (any case)
 *
 * Returns: %TRUE and sets @format when @text names a format
 */
gboolean
udha_report_format_from_string (const char       *text,
                                UdhaReportFormat *format)
{
  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (text, formats[i].name) == 0)
      {
        if (format != NULL)
          *format = formats[i].format;
        return TRUE;
      }
  return FALSE;
}

const char *
udha_report_format_to_string (UdhaReportFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      return formats[i].name;
  return NULL;
}

/**
 * udha_report_sanitize_cell:
 * @text: (nullable): a text cell
 *
 * DOMAIN.md §10.10: text starting with = + - @ TAB CR (or an embedded NUL
 * at the start, i.e. the empty string is left alone) gets a "'" in front so
 * that no spreadsheet evaluates it.
 *
 * Returns: (transfer full): the cell to write
 */
char *
udha_report_sanitize_cell (const char *text)
{
  if (text == NULL)
    return g_strdup ("");
  switch (text[0])
    {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
      return g_strconcat ("'", text, NULL);
    default:
      return g_strdup (text);
    }
}

/* CSV --------------------------------------------------------------------- */

static void
csv_text (GString    *out,
          const char *text)
{
  g_autofree char *clean = udha_report_sanitize_cell (text);

  g_string_append_c (out, '"');
  for (const char *p = clean; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
csv_entry (GString               *out,
           const UdhaReportTable *table,
           gsize                  index)
{
  UdhaReportEntryFlags flags = udha_report_table_get_flags (table, index);

  if ((flags & (UDHA_REPORT_ENTRY_SUPPRESSED | UDHA_REPORT_ENTRY_ROUNDED | UDHA_REPORT_ENTRY_STRUCTURAL)) != 0)
    {
      g_autofree char *text = udha_report_table_format_entry (table, index);

      csv_text (out, text);
    }
  else
    g_string_append_printf (out, "%" G_GINT64_FORMAT, udha_report_table_get_value (table, index));
}

static void
csv_end_row (GString *out)
{
  g_string_append (out, "\r\n");
}

static void
csv_table (GString               *out,
           const UdhaReportTable *table,
           const char            *language)
{
  const UdhaReportDimension *rows = udha_report_table_get_dimension (table, 0);
  const UdhaReportDimension *cols = udha_report_table_get_dimension (table, 1);
  const UdhaReportDimension *blocks = NULL;
  guint n_rows = udha_report_dimension_get_size (rows);
  guint n_cols = udha_report_dimension_get_size (cols);
  guint n_blocks = 0;
  g_auto(GStrv) notes = udha_report_table_get_footnotes (table);
  g_autofree char *heading = NULL;

  if (udha_report_table_get_n_dimensions (table) == 3)
    {
      blocks = udha_report_table_get_dimension (table, 2);
      n_blocks = udha_report_dimension_get_size (blocks);
    }

  heading = g_strdup_printf (udha_report_gettext (language, NULL, N_("Table %u")),
                             (guint) udha_report_table_get_id (table));
  csv_text (out, heading);
  g_string_append_c (out, ',');
  csv_text (out, udha_report_table_get_title (table));
  csv_end_row (out);
  csv_text (out, udha_report_gettext (language, NULL, N_("Counted")));
  g_string_append_c (out, ',');
  csv_text (out, udha_report_table_get_measure (table));
  csv_end_row (out);

  for (guint b = 0; b <= n_blocks; b++)
    {
      if (blocks != NULL)
        {
          csv_text (out, udha_report_dimension_get_title (blocks));
          g_string_append_c (out, ',');
          csv_text (out, udha_report_dimension_get_label (blocks, b));
          csv_end_row (out);
        }
      {
        g_autofree char *corner = g_strdup_printf ("%s \\ %s",
                                                   udha_report_dimension_get_title (rows),
                                                   udha_report_dimension_get_title (cols));
        csv_text (out, corner);
      }
      for (guint c = 0; c <= n_cols; c++)
        {
          g_string_append_c (out, ',');
          csv_text (out, udha_report_dimension_get_label (cols, c));
        }
      csv_end_row (out);
      for (guint r = 0; r <= n_rows; r++)
        {
          csv_text (out, udha_report_dimension_get_label (rows, r));
          for (guint c = 0; c <= n_cols; c++)
            {
              guint coords[3] = { r, c, b };

              g_string_append_c (out, ',');
              csv_entry (out, table, udha_report_table_index (table, coords));
            }
          csv_end_row (out);
        }
      csv_end_row (out);
    }
  for (guint i = 0; notes[i] != NULL; i++)
    {
      csv_text (out, notes[i]);
      csv_end_row (out);
    }
  csv_end_row (out);
}

gboolean
udha_report_write_csv (const UdhaReport  *report,
                       GOutputStream     *out,
                       GCancellable      *cancellable,
                       GError           **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *language;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  language = udha_report_get_params (report)->language;
  csv_text (text, udha_report_get_title (report));
  csv_end_row (text);
  csv_text (text, udha_report_get_period_text (report));
  csv_end_row (text);
  csv_end_row (text);
  for (guint i = 0; i < udha_report_get_n_tables (report); i++)
    {
      const UdhaReportTable *table = udha_report_get_table (report, i);

      g_return_val_if_fail (udha_report_table_is_protected (table), FALSE);
      csv_table (text, table, language);
    }
  return g_output_stream_write_all (out, text->str, text->len, NULL, cancellable, error);
}

/* JSON -------------------------------------------------------------------- */

static void
json_dimension (JsonBuilder               *b,
                const UdhaReportDimension *dim)
{
  guint n = udha_report_dimension_get_size (dim);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "code");
  json_builder_add_string_value (b, udha_report_dimension_get_code (dim));
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, udha_report_dimension_get_title (dim));
  json_builder_set_member_name (b, "total_label");
  json_builder_add_string_value (b, udha_report_dimension_get_label (dim, n));
  json_builder_set_member_name (b, "categories");
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "code");
      json_builder_add_string_value (b, udha_report_dimension_get_category (dim, i));
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, udha_report_dimension_get_label (dim, i));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
json_entry (JsonBuilder           *b,
            const UdhaReportTable *table,
            gsize                  index,
            const guint           *coords)
{
  UdhaReportEntryFlags flags = udha_report_table_get_flags (table, index);

  json_builder_begin_object (b);
  for (guint d = 0; d < udha_report_table_get_n_dimensions (table); d++)
    {
      const UdhaReportDimension *dim = udha_report_table_get_dimension (table, d);

      json_builder_set_member_name (b, udha_report_dimension_get_code (dim));
      if (coords[d] == udha_report_dimension_get_size (dim))
        json_builder_add_null_value (b);
      else
        json_builder_add_string_value (b, udha_report_dimension_get_category (dim, coords[d]));
    }
  json_builder_set_member_name (b, "value");
  if ((flags & UDHA_REPORT_ENTRY_SUPPRESSED) != 0)
    {
      json_builder_add_null_value (b);
      json_builder_set_member_name (b, "suppressed");
      json_builder_add_boolean_value (b, TRUE);
    }
  else
    {
      json_builder_add_int_value (b, udha_report_table_get_value (table, index));
      if ((flags & UDHA_REPORT_ENTRY_ROUNDED) != 0)
        {
          json_builder_set_member_name (b, "rounded");
          json_builder_add_boolean_value (b, TRUE);
        }
      if ((flags & UDHA_REPORT_ENTRY_STRUCTURAL) != 0)
        {
          json_builder_set_member_name (b, "structural");
          json_builder_add_boolean_value (b, TRUE);
        }
    }
  json_builder_end_object (b);
}

static void
json_table (JsonBuilder           *b,
            const UdhaReportTable *table)
{
  guint n_dims = udha_report_table_get_n_dimensions (table);
  gsize n = udha_report_table_get_n_entries (table);
  g_auto(GStrv) notes = udha_report_table_get_footnotes (table);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, udha_report_table_get_id (table));
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, udha_report_table_get_title (table));
  json_builder_set_member_name (b, "measure");
  json_builder_add_string_value (b, udha_report_table_get_measure (table));
  json_builder_set_member_name (b, "sensitive");
  json_builder_add_boolean_value (b, udha_report_table_is_sensitive (table));
  json_builder_set_member_name (b, "threshold");
  json_builder_add_int_value (b, udha_report_table_get_threshold (table));
  json_builder_set_member_name (b, "rounding_base");
  json_builder_add_int_value (b, udha_report_table_get_rounding_base (table));

  json_builder_set_member_name (b, "dimensions");
  json_builder_begin_array (b);
  for (guint d = 0; d < n_dims; d++)
    json_dimension (b, udha_report_table_get_dimension (table, d));
  json_builder_end_array (b);

  for (guint pass = 0; pass < 2; pass++)
    {
      json_builder_set_member_name (b, pass == 0 ? "cells" : "totals");
      json_builder_begin_array (b);
      for (gsize i = 0; i < n; i++)
        {
          guint coords[3];
          gboolean total = FALSE;

          udha_report_table_coords (table, i, coords);
          for (guint d = 0; d < n_dims; d++)
            if (coords[d] == udha_report_dimension_get_size (udha_report_table_get_dimension (table, d)))
              total = TRUE;
          if (total == (pass == 1))
            json_entry (b, table, i, coords);
        }
      json_builder_end_array (b);
    }

  json_builder_set_member_name (b, "footnotes");
  json_builder_begin_array (b);
  for (guint i = 0; notes[i] != NULL; i++)
    json_builder_add_string_value (b, notes[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

gboolean
udha_report_write_json (const UdhaReport  *report,
                        GOutputStream     *out,
                        GCancellable      *cancellable,
                        GError           **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  const UdhaReportParams *params;
  gsize len;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  params = udha_report_get_params (report);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, "udha-report");
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, udha_report_get_title (report));
  json_builder_set_member_name (b, "period");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "from");
  json_builder_add_string_value (b, params->from);
  json_builder_set_member_name (b, "to");
  json_builder_add_string_value (b, params->to);
  json_builder_set_member_name (b, "unit");
  json_builder_add_string_value (b, params->period_unit == UDHA_REPORT_PERIOD_QUARTER ? "quarter" : "month");
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, udha_report_get_period_text (report));
  json_builder_end_object (b);
  json_builder_set_member_name (b, "language");
  json_builder_add_string_value (b, params->language);
  json_builder_set_member_name (b, "threshold");
  json_builder_add_int_value (b, params->threshold);
  json_builder_set_member_name (b, "threshold_sensitive");
  json_builder_add_int_value (b, params->threshold_sensitive);
  json_builder_set_member_name (b, "rounding_base");
  json_builder_add_int_value (b, params->rounding_base);
  json_builder_set_member_name (b, "tables");
  json_builder_begin_array (b);
  for (guint i = 0; i < udha_report_get_n_tables (report); i++)
    {
      const UdhaReportTable *table = udha_report_get_table (report, i);

      g_return_val_if_fail (udha_report_table_is_protected (table), FALSE);
      json_table (b, table);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, &len);
  return g_output_stream_write_all (out, text, len, NULL, cancellable, error)
         && g_output_stream_write_all (out, "\n", 1, NULL, cancellable, error);
}

/* Dispatch ---------------------------------------------------------------- */

/* GIO's messages carry the full path (and so, often, a user name): the
 * error names the file only and says what went wrong in words. */
static void
set_write_error (GError     **error,
                 GFile       *file,
                 const GError *cause)
{
  g_autofree char *name = g_file_get_basename (file);
  const char *what;

  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    what = _("the folder does not exist");
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED)
           || g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_READ_ONLY))
    what = _("you may not write to this folder");
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    what = _("the disk is full");
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    what = _("a folder has that name");
  else
    what = _("the file system refused the file");

  g_set_error (error, UDHA_REPORT_ERROR, UDHA_REPORT_ERROR_WRITE,
               _("Could not write the report to “%s”: %s. Choose another place or name."),
               name != NULL ? name : "", what);
}

static gboolean
write_stream (const UdhaReport  *report,
              UdhaReportFormat   format,
              GFile             *file,
              GCancellable      *cancellable,
              GError           **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) local = NULL;
  gboolean ok;

  /* g_file_replace() writes beside the target and renames on close: the
   * file is either the old one or the whole new report. */
  stream = g_file_replace (file, NULL, FALSE,
                           G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                           cancellable, &local);
  if (stream == NULL)
    {
      set_write_error (error, file, local);
      return FALSE;
    }
  if (format == UDHA_REPORT_FORMAT_CSV)
    ok = udha_report_write_csv (report, G_OUTPUT_STREAM (stream), cancellable, &local);
  else
    ok = udha_report_write_json (report, G_OUTPUT_STREAM (stream), cancellable, &local);
  if (!ok)
    {
      g_autoptr(GCancellable) abort = g_cancellable_new ();

      /* Closing with a cancelled cancellable drops the temporary file and
       * leaves any earlier file in place. */
      g_cancellable_cancel (abort);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abort, NULL);
      if (local == NULL)
        g_set_error_literal (&local, G_IO_ERROR, G_IO_ERROR_FAILED, _("the report is not complete"));
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local));
      else
        set_write_error (error, file, local);
      return FALSE;
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &local))
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local));
      else
        set_write_error (error, file, local);
      return FALSE;
    }
  return TRUE;
}

/**
 * udha_report_write:
 * @report: a protected report
 * @format: the file format
 * @file: where to write; replaced atomically
 *
 * Returns: %TRUE when the whole file is written; on failure any earlier file
 *   at @file is left as it was
 */
gboolean
udha_report_write (const UdhaReport  *report,
                   UdhaReportFormat   format,
                   GFile             *file,
                   GCancellable      *cancellable,
                   GError           **error)
{
  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < udha_report_get_n_tables (report); i++)
    g_return_val_if_fail (udha_report_table_is_protected (udha_report_get_table (report, i)), FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  switch (format)
    {
    case UDHA_REPORT_FORMAT_CSV:
    case UDHA_REPORT_FORMAT_JSON:
      return write_stream (report, format, file, cancellable, error);
    case UDHA_REPORT_FORMAT_XLSX:
    case UDHA_REPORT_FORMAT_PDF:
      {
        /* libxlsxwriter and cairo write to a path; both write atomically. */
        g_autofree char *path = g_file_get_path (file);

        if (path == NULL)
          {
            g_set_error_literal (error, UDHA_REPORT_ERROR, UDHA_REPORT_ERROR_WRITE,
                                 _("Reports in this format can only be saved to a local folder."));
            return FALSE;
          }
        if (format == UDHA_REPORT_FORMAT_XLSX)
          return udha_report_write_xlsx (report, path, error);
        return udha_report_write_pdf (report, path, error);
      }
    default:
      break;
    }
  g_set_error (error, UDHA_REPORT_ERROR, UDHA_REPORT_ERROR_INVALID,
               _("This version of Udha cannot write reports as %s. Choose CSV or JSON."),
               udha_report_format_to_string (format) != NULL ? udha_report_format_to_string (format) : "?");
  return FALSE;
}
