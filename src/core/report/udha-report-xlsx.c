/* udha-report-xlsx.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The XLSX writer (libxlsxwriter): one worksheet per table, named "Table N"
 * in the report language.  Each sheet opens with the report title, period
 * and office, the table's title and what it counts, then the table as a
 * cross-tabulation (rows along the first dimension, columns along the
 * second, one block per category of a third, totals last and in bold) and
 * its footnotes.
 *
 * Published counts are numeric cells; a rounded total is a number too,
 * shown as "≈40" by its number format; "<5" and "–" are text.  Every text
 * cell goes through udha_report_sanitize_cell() (DOMAIN.md §10.10).  The
 * document properties (author, company, title…) are left empty
 * (DOMAIN.md §10.8).  The workbook is written to a temporary file in the
 * target's folder and renamed over the target only when complete. */

#define G_LOG_DOMAIN "udha-report-xlsx"

#include "config.h"

#include "udha-report-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

typedef struct
{
  lxw_format *title;
  lxw_format *heading;
  lxw_format *label;
  lxw_format *label_total;
  lxw_format *column;
  lxw_format *count;
  lxw_format *count_total;
  lxw_format *rounded;
  lxw_format *rounded_total;
  lxw_format *marker;
  lxw_format *marker_total;
  lxw_format *note;
} Formats;

/*
 * Auxiliary methods
 */

static lxw_error
write_text (lxw_worksheet *sheet,
            lxw_row_t      row,
            lxw_col_t      col,
            const char    *text,
            lxw_format    *format)
{
  g_autofree char *clean = udha_report_sanitize_cell (text);

  return worksheet_write_string (sheet, row, col, clean, format);
}

static void
formats_init (lxw_workbook *book,
              Formats      *f)
{
  f->title = workbook_add_format (book);
  format_set_bold (f->title);
  format_set_font_size (f->title, 14);

  f->heading = workbook_add_format (book);
  format_set_bold (f->heading);
  format_set_font_size (f->heading, 12);

  f->label = workbook_add_format (book);
  format_set_text_wrap (f->label);

  f->label_total = workbook_add_format (book);
  format_set_bold (f->label_total);
  format_set_bg_color (f->label_total, 0xEEEEEE);

  f->column = workbook_add_format (book);
  format_set_bold (f->column);
  format_set_text_wrap (f->column);
  format_set_align (f->column, LXW_ALIGN_RIGHT);
  format_set_bg_color (f->column, 0xE0E0E0);
  format_set_bottom (f->column, LXW_BORDER_THIN);

  f->count = workbook_add_format (book);
  format_set_num_format (f->count, "0");

  f->count_total = workbook_add_format (book);
  format_set_num_format (f->count_total, "0");
  format_set_bold (f->count_total);
  format_set_bg_color (f->count_total, 0xEEEEEE);

  /* A rounded total stays a number; the format shows the "≈". */
  f->rounded = workbook_add_format (book);
  format_set_num_format (f->rounded, "\"≈\"0");

  f->rounded_total = workbook_add_format (book);
  format_set_num_format (f->rounded_total, "\"≈\"0");
  format_set_bold (f->rounded_total);
  format_set_bg_color (f->rounded_total, 0xEEEEEE);

  f->marker = workbook_add_format (book);
  format_set_align (f->marker, LXW_ALIGN_RIGHT);
  format_set_bg_color (f->marker, 0xDDDDDD);

  f->marker_total = workbook_add_format (book);
  format_set_align (f->marker_total, LXW_ALIGN_RIGHT);
  format_set_bold (f->marker_total);
  format_set_bg_color (f->marker_total, 0xDDDDDD);

  f->note = workbook_add_format (book);
  format_set_italic (f->note);
}

static lxw_error
write_entry (lxw_worksheet         *sheet,
             lxw_row_t              row,
             lxw_col_t              col,
             const UdhaReportTable *table,
             gsize                  index,
             gboolean               total,
             Formats               *f)
{
  UdhaReportEntryFlags flags = udha_report_table_get_flags (table, index);

  if ((flags & (UDHA_REPORT_ENTRY_SUPPRESSED | UDHA_REPORT_ENTRY_STRUCTURAL)) != 0)
    {
      g_autofree char *text = udha_report_table_format_entry (table, index);

      return write_text (sheet, row, col, text, total ? f->marker_total : f->marker);
    }
  if ((flags & UDHA_REPORT_ENTRY_ROUNDED) != 0)
    return worksheet_write_number (sheet, row, col, (double) udha_report_table_get_value (table, index),
                                   total ? f->rounded_total : f->rounded);
  return worksheet_write_number (sheet, row, col, (double) udha_report_table_get_value (table, index),
                                 total ? f->count_total : f->count);
}

/* Sheet names: at most 31 characters, none of []:*?/\ and unique. */
static char *
sheet_name (const char *language,
            guint       id)
{
  g_autofree char *name = g_strdup_printf (udha_report_gettext (language, NULL, N_("Table %u")), id);
  const char *end = NULL;

  g_strdelimit (name, "[]:*?/\\", '_');
  if (g_utf8_strlen (name, -1) > 31)
    {
      end = g_utf8_offset_to_pointer (name, 31);
      return g_strndup (name, end - name);
    }
  return g_steal_pointer (&name);
}

static lxw_error
write_table (lxw_workbook          *book,
             const UdhaReport      *report,
             const UdhaReportTable *table,
             Formats               *f)
{
  const char *language = udha_report_get_params (report)->language;
  const UdhaReportDimension *rows = udha_report_table_get_dimension (table, 0);
  const UdhaReportDimension *cols = udha_report_table_get_dimension (table, 1);
  const UdhaReportDimension *blocks = NULL;
  guint n_rows = udha_report_dimension_get_size (rows);
  guint n_cols = udha_report_dimension_get_size (cols);
  guint n_blocks = 0;
  g_auto(GStrv) notes = udha_report_table_get_footnotes (table);
  g_autofree char *name = sheet_name (language, (guint) udha_report_table_get_id (table));
  g_autofree char *heading = NULL;
  g_autofree char *measure = NULL;
  g_autofree char *corner = NULL;
  const char *office = udha_report_get_office_text (report);
  lxw_worksheet *sheet;
  lxw_row_t row = 0;
  lxw_error err = LXW_NO_ERROR;

  if (udha_report_table_get_n_dimensions (table) == 3)
    {
      blocks = udha_report_table_get_dimension (table, 2);
      n_blocks = udha_report_dimension_get_size (blocks);
    }

  sheet = workbook_add_worksheet (book, name);
  if (sheet == NULL)
    return LXW_ERROR_MEMORY_MALLOC_FAILED;

  worksheet_set_column (sheet, 0, 0, 34, NULL);
  worksheet_set_column (sheet, 1, (lxw_col_t) (n_cols + 1), 13, NULL);
  /* Printed on A4, one page wide; wide tables across the page. */
  worksheet_set_paper (sheet, 9);
  if (n_cols > 6)
    worksheet_set_landscape (sheet);
  worksheet_fit_to_pages (sheet, 1, 0);

  err |= write_text (sheet, row++, 0, udha_report_get_title (report), f->title);
  err |= write_text (sheet, row++, 0, udha_report_get_period_text (report), NULL);
  if (office != NULL && office[0] != '\0')
    err |= write_text (sheet, row++, 0, office, NULL);
  row++;

  heading = g_strdup_printf ("%s: %s", name, udha_report_table_get_title (table));
  err |= write_text (sheet, row++, 0, heading, f->heading);
  measure = g_strdup_printf ("%s: %s", udha_report_gettext (language, NULL, N_("Counted")),
                             udha_report_table_get_measure (table));
  err |= write_text (sheet, row++, 0, measure, NULL);
  row++;

  corner = g_strdup_printf ("%s \\ %s", udha_report_dimension_get_title (rows),
                            udha_report_dimension_get_title (cols));
  for (guint b = 0; b <= n_blocks; b++)
    {
      if (blocks != NULL)
        {
          g_autofree char *sub = g_strdup_printf ("%s: %s", udha_report_dimension_get_title (blocks),
                                                  udha_report_dimension_get_label (blocks, b));

          err |= write_text (sheet, row++, 0, sub, f->heading);
        }
      err |= write_text (sheet, row, 0, corner, f->column);
      for (guint c = 0; c <= n_cols; c++)
        err |= write_text (sheet, row, (lxw_col_t) (c + 1), udha_report_dimension_get_label (cols, c), f->column);
      row++;

      for (guint r = 0; r <= n_rows; r++)
        {
          gboolean total_row = r == n_rows;

          err |= write_text (sheet, row, 0, udha_report_dimension_get_label (rows, r),
                             total_row ? f->label_total : f->label);
          for (guint c = 0; c <= n_cols; c++)
            {
              guint coords[3] = { r, c, b };

              err |= write_entry (sheet, row, (lxw_col_t) (c + 1), table,
                                  udha_report_table_index (table, coords), total_row || c == n_cols, f);
            }
          row++;
        }
      row++;
    }

  for (guint i = 0; notes[i] != NULL; i++)
    err |= write_text (sheet, row++, 0, notes[i], f->note);

  return err;
}

static gboolean
sync_file (const char *path)
{
  int fd = g_open (path, O_RDONLY, 0);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  return g_close (fd, NULL) && ok;
}

static void
set_write_error (GError **error)
{
  /* Neither the path nor libxlsxwriter's text: the folder may name a user. */
  g_set_error_literal (error, UDHA_REPORT_ERROR, UDHA_REPORT_ERROR_WRITE,
                       _("The report could not be saved. Check that the folder exists, "
                         "that you may write to it and that the disk is not full."));
}

/*
 * Public API
 */

/**
 * udha_report_write_xlsx:
 * @report: a protected report
 * @path: where to write; replaced atomically
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the whole workbook is written; on failure an earlier
 *   file at @path is left as it was and no partial file remains
 */
gboolean
udha_report_write_xlsx (const UdhaReport  *report,
                        const char        *path,
                        GError           **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *temp = NULL;
  lxw_workbook_options options = { .constant_memory = LXW_FALSE, .tmpdir = NULL, .use_zip64 = LXW_FALSE };
  lxw_doc_properties properties;
  lxw_workbook *book;
  Formats formats;
  lxw_error err = LXW_NO_ERROR;
  int fd;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  for (guint i = 0; i < udha_report_get_n_tables (report); i++)
    g_return_val_if_fail (udha_report_table_is_protected (udha_report_get_table (report, i)), FALSE);

  dir = g_path_get_dirname (path);
  temp = g_build_filename (dir, ".udha-report-XXXXXX.part", NULL);
  fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_write_error (error);
      return FALSE;
    }
  g_close (fd, NULL);

  book = workbook_new_opt (temp, &options);
  if (book == NULL)
    {
      g_unlink (temp);
      set_write_error (error);
      return FALSE;
    }

  /* Every property empty: no author, company or "last modified by". */
  memset (&properties, 0, sizeof properties);
  err |= workbook_set_properties (book, &properties);

  formats_init (book, &formats);
  for (guint i = 0; i < udha_report_get_n_tables (report); i++)
    err |= write_table (book, report, udha_report_get_table (report, i), &formats);
  if (udha_report_get_n_tables (report) == 0)
    {
      lxw_worksheet *sheet = workbook_add_worksheet (book, NULL);

      err |= write_text (sheet, 0, 0, udha_report_get_title (report), formats.title);
      err |= write_text (sheet, 1, 0, udha_report_get_period_text (report), NULL);
    }

  /* workbook_close() frees the workbook whatever happens. */
  err |= workbook_close (book);
  if (err != LXW_NO_ERROR || !sync_file (temp) || g_rename (temp, path) != 0)
    {
      g_unlink (temp);
      set_write_error (error);
      return FALSE;
    }

  return TRUE;
}
