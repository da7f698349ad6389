/* udha-report-pdf.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The PDF writer: A4 pages drawn with cairo and pango, in the report's
 * language.  The first page opens with the report title, period and office;
 * each table starts on a new page, portrait when it fits and landscape when
 * it is wide (columns that still do not fit continue in a second strip
 * with the row labels repeated).  A table shows its row and column labels
 * and totals, "<5", "≈40" and "–" as a reader sees them, then its footnotes;
 * tables 3, 4 and 5 are followed by a bar chart (udha-chart.c) with the
 * suppressed figures marked.  Every page carries "Page N of M": the
 * document is laid out twice, the first time only to count the pages.
 *
 * No document metadata is set: cairo writes its producer string and the
 * date, never a title, author or creator (DOMAIN.md §10.8). */

#define G_LOG_DOMAIN "udha-report-pdf"

#include "config.h"

#include "udha-chart.h"
#include "udha-report-private.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>
#include <string.h>

#define A4_SHORT       595.276
#define A4_LONG        841.890
#define MARGIN          42.0
#define FOOTER          24.0
#define FONT_FAMILY     "Cantarell, Sans"
#define CELL_SIZE        8.5
#define LABEL_WIDTH    150.0
#define MIN_COL_WIDTH   38.0
#define MAX_COL_WIDTH   72.0
#define CELL_PAD         3.0
#define CHART_HEIGHT   280.0

typedef struct
{
  cairo_surface_t   *surface;
  cairo_t           *cr;
  const UdhaReport  *report;
  const char        *language;
  gboolean           drawing;      /* FALSE on the counting pass */
  guint              page;         /* current page, from 1 */
  guint              n_pages;      /* known on the drawing pass */
  gboolean           landscape;
  double             y;
  UdhaChartStyle     style;
} Doc;

/*
 * Auxiliary methods
 */

static const char *
tr (Doc        *doc,
    const char *msgid)
{
  return udha_report_gettext (doc->language, NULL, msgid);
}

static double
page_width (Doc *doc)
{
  return doc->landscape ? A4_LONG : A4_SHORT;
}

static double
page_height (Doc *doc)
{
  return doc->landscape ? A4_SHORT : A4_LONG;
}

static double
content_width (Doc *doc)
{
  return page_width (doc) - 2 * MARGIN;
}

static double
content_bottom (Doc *doc)
{
  return page_height (doc) - MARGIN - FOOTER;
}

static PangoLayout *
create_layout (Doc            *doc,
               const char     *text,
               double          size,
               gboolean        bold,
               double          width,
               int             max_lines,
               PangoAlignment  alignment)
{
  PangoLayout *layout = pango_cairo_create_layout (doc->cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_alignment (layout, alignment);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      if (max_lines > 0)
        {
          pango_layout_set_height (layout, -max_lines);
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
        }
    }
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static void
show_layout (Doc         *doc,
             PangoLayout *layout,
             double       x,
             double       y)
{
  if (!doc->drawing)
    return;
  cairo_move_to (doc->cr, x, y);
  pango_cairo_show_layout (doc->cr, layout);
}

static double
text_height (Doc        *doc,
             const char *text,
             double      size,
             gboolean    bold,
             double      width,
             int         max_lines)
{
  g_autoptr(PangoLayout) layout = create_layout (doc, text, size, bold, width, max_lines,
                                                 PANGO_ALIGN_LEFT);

  return layout_height (layout);
}

/* Draws a paragraph at the current position and moves below it. */
static void
paragraph (Doc        *doc,
           const char *text,
           double      size,
           gboolean    bold,
           double      gap_after)
{
  g_autoptr(PangoLayout) layout = create_layout (doc, text, size, bold, content_width (doc), 0,
                                                 PANGO_ALIGN_LEFT);

  if (doc->drawing)
    cairo_set_source_rgb (doc->cr, 0, 0, 0);
  show_layout (doc, layout, MARGIN, doc->y);
  doc->y += layout_height (layout) + gap_after;
}

static void
draw_footer (Doc *doc)
{
  g_autofree char *text = NULL;
  g_autoptr(PangoLayout) left = NULL;
  g_autoptr(PangoLayout) right = NULL;
  double y = page_height (doc) - MARGIN - 10;

  if (!doc->drawing)
    return;

  /* Translators: the page number in a report's footer. */
  text = g_strdup_printf (tr (doc, N_("Page %u of %u")), doc->page, doc->n_pages);
  cairo_set_source_rgb (doc->cr, 0.35, 0.35, 0.35);
  left = create_layout (doc, udha_report_get_title (doc->report), 8, FALSE,
                        content_width (doc) * 0.7, 1, PANGO_ALIGN_LEFT);
  show_layout (doc, left, MARGIN, y);
  right = create_layout (doc, text, 8, FALSE, content_width (doc), 1, PANGO_ALIGN_RIGHT);
  show_layout (doc, right, MARGIN, y);
  cairo_set_source_rgb (doc->cr, 0, 0, 0);
}

/* Ends the current page (if any) and starts a new one. */
static void
new_page (Doc      *doc,
          gboolean  landscape)
{
  if (doc->page > 0)
    {
      draw_footer (doc);
      cairo_show_page (doc->cr);
    }
  doc->page++;
  doc->landscape = landscape;
  cairo_pdf_surface_set_size (doc->surface, page_width (doc), page_height (doc));
  doc->y = MARGIN;
}

static void
ensure_room (Doc    *doc,
             double  height)
{
  if (doc->y + height > content_bottom (doc))
    new_page (doc, doc->landscape);
}

/* Tables */

typedef struct
{
  const UdhaReportTable     *table;
  const UdhaReportDimension *rows;
  const UdhaReportDimension *cols;
  guint                      n_rows;   /* categories + total */
  guint                      n_cols;   /* categories + total */
  double                     col_width;
  guint                      cols_per_strip;
} Grid;

static void
grid_init (Grid                  *grid,
           const UdhaReportTable *table,
           double                 available)
{
  grid->table = table;
  grid->rows = udha_report_table_get_dimension (table, 0);
  grid->cols = udha_report_table_get_dimension (table, 1);
  grid->n_rows = udha_report_dimension_get_size (grid->rows) + 1;
  grid->n_cols = udha_report_dimension_get_size (grid->cols) + 1;
  grid->col_width = CLAMP ((available - LABEL_WIDTH) / grid->n_cols, MIN_COL_WIDTH, MAX_COL_WIDTH);
  grid->cols_per_strip = MAX (1, (guint) ((available - LABEL_WIDTH) / grid->col_width));
  grid->cols_per_strip = MIN (grid->cols_per_strip, grid->n_cols);
}

static gboolean
needs_landscape (const UdhaReportTable *table)
{
  const UdhaReportDimension *cols = udha_report_table_get_dimension (table, 1);
  guint n_cols = udha_report_dimension_get_size (cols) + 1;

  return LABEL_WIDTH + n_cols * 48.0 > A4_SHORT - 2 * MARGIN;
}

static void
fill_rect (Doc    *doc,
           double  x,
           double  y,
           double  w,
           double  h,
           double  grey)
{
  if (!doc->drawing)
    return;
  cairo_set_source_rgb (doc->cr, grey, grey, grey);
  cairo_rectangle (doc->cr, x, y, w, h);
  cairo_fill (doc->cr);
  cairo_set_source_rgb (doc->cr, 0, 0, 0);
}

static void
hline (Doc    *doc,
       double  x,
       double  y,
       double  w,
       double  width)
{
  if (!doc->drawing)
    return;
  cairo_set_source_rgb (doc->cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (doc->cr, width);
  cairo_move_to (doc->cr, x, y);
  cairo_line_to (doc->cr, x + w, y);
  cairo_stroke (doc->cr);
  cairo_set_source_rgb (doc->cr, 0, 0, 0);
}

static double
header_row_height (Doc    *doc,
                   Grid   *grid,
                   guint   first,
                   guint   last)
{
  g_autofree char *corner = g_strdup_printf ("%s \\ %s", udha_report_dimension_get_title (grid->rows),
                                             udha_report_dimension_get_title (grid->cols));
  double h = text_height (doc, corner, CELL_SIZE, TRUE, LABEL_WIDTH - 2 * CELL_PAD, 3);

  for (guint c = first; c < last; c++)
    h = MAX (h, text_height (doc, udha_report_dimension_get_label (grid->cols, c), CELL_SIZE, TRUE,
                             grid->col_width - 2 * CELL_PAD, 3));
  return h + 2 * CELL_PAD;
}

static void
draw_header_row (Doc    *doc,
                 Grid   *grid,
                 guint   first,
                 guint   last)
{
  g_autofree char *corner = g_strdup_printf ("%s \\ %s", udha_report_dimension_get_title (grid->rows),
                                             udha_report_dimension_get_title (grid->cols));
  double h = header_row_height (doc, grid, first, last);
  double width = LABEL_WIDTH + (last - first) * grid->col_width;
  g_autoptr(PangoLayout) corner_layout = create_layout (doc, corner, CELL_SIZE, TRUE,
                                                        LABEL_WIDTH - 2 * CELL_PAD, 3, PANGO_ALIGN_LEFT);

  fill_rect (doc, MARGIN, doc->y, width, h, 0.90);
  show_layout (doc, corner_layout, MARGIN + CELL_PAD, doc->y + CELL_PAD);
  for (guint c = first; c < last; c++)
    {
      double x = MARGIN + LABEL_WIDTH + (c - first) * grid->col_width;
      g_autoptr(PangoLayout) layout = create_layout (doc, udha_report_dimension_get_label (grid->cols, c),
                                                     CELL_SIZE, TRUE, grid->col_width - 2 * CELL_PAD, 3,
                                                     PANGO_ALIGN_RIGHT);

      show_layout (doc, layout, x + CELL_PAD, doc->y + CELL_PAD);
    }
  doc->y += h;
  hline (doc, MARGIN, doc->y, width, 0.8);
}

static void
draw_block (Doc    *doc,
            Grid   *grid,
            guint   block,
            guint   first,
            guint   last)
{
  double width = LABEL_WIDTH + (last - first) * grid->col_width;

  ensure_room (doc, header_row_height (doc, grid, first, last) + 3 * CELL_SIZE);
  draw_header_row (doc, grid, first, last);

  for (guint r = 0; r < grid->n_rows; r++)
    {
      gboolean total_row = r == grid->n_rows - 1;
      const char *label = udha_report_dimension_get_label (grid->rows, r);
      g_autoptr(PangoLayout) label_layout = create_layout (doc, label, CELL_SIZE, total_row,
                                                           LABEL_WIDTH - 2 * CELL_PAD, 2, PANGO_ALIGN_LEFT);
      double h = layout_height (label_layout) + 2 * CELL_PAD;

      if (doc->y + h > content_bottom (doc))
        {
          new_page (doc, doc->landscape);
          draw_header_row (doc, grid, first, last);
        }

      if (total_row)
        fill_rect (doc, MARGIN, doc->y, width, h, 0.95);
      show_layout (doc, label_layout, MARGIN + CELL_PAD, doc->y + CELL_PAD);

      for (guint c = first; c < last; c++)
        {
          guint coords[3] = { r, c, block };
          gsize index = udha_report_table_index (grid->table, coords);
          UdhaReportEntryFlags flags = udha_report_table_get_flags (grid->table, index);
          g_autofree char *text = udha_report_table_format_entry (grid->table, index);
          gboolean total = total_row || c == grid->n_cols - 1;
          double x = MARGIN + LABEL_WIDTH + (c - first) * grid->col_width;
          g_autoptr(PangoLayout) layout = NULL;

          if ((flags & UDHA_REPORT_ENTRY_SUPPRESSED) != 0)
            fill_rect (doc, x + 1, doc->y + 1, grid->col_width - 2, h - 2, 0.86);
          else if (c == grid->n_cols - 1 && !total_row)
            fill_rect (doc, x, doc->y, grid->col_width, h, 0.95);
          layout = create_layout (doc, text, CELL_SIZE, total, grid->col_width - 2 * CELL_PAD, 1,
                                  PANGO_ALIGN_RIGHT);
          show_layout (doc, layout, x + CELL_PAD, doc->y + CELL_PAD);
        }
      doc->y += h;
      hline (doc, MARGIN, doc->y, width, total_row ? 0.8 : 0.3);
    }
  doc->y += 8;
}

static void
draw_table (Doc                   *doc,
            const UdhaReportTable *table,
            gboolean               first_table)
{
  g_auto(GStrv) notes = udha_report_table_get_footnotes (table);
  const UdhaReportDimension *blocks = NULL;
  g_autofree char *number = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *measure = NULL;
  gboolean landscape = needs_landscape (table);
  guint n_blocks = 1;
  Grid grid;

  if (udha_report_table_get_n_dimensions (table) == 3)
    {
      blocks = udha_report_table_get_dimension (table, 2);
      n_blocks = udha_report_dimension_get_size (blocks) + 1;
    }

  /* The first table shares the title page when it has the same orientation. */
  if (!first_table || landscape != doc->landscape)
    new_page (doc, landscape);

  /* The same words as the CSV writer's heading. */
  number = g_strdup_printf (tr (doc, N_("Table %u")), (guint) udha_report_table_get_id (table));
  heading = g_strdup_printf ("%s: %s", number, udha_report_table_get_title (table));
  paragraph (doc, heading, 13, TRUE, 2);
  measure = g_strdup_printf ("%s: %s", tr (doc, N_("Counted")), udha_report_table_get_measure (table));
  paragraph (doc, measure, 9.5, FALSE, 8);

  grid_init (&grid, table, content_width (doc));
  for (guint b = 0; b < n_blocks; b++)
    {
      if (blocks != NULL)
        {
          g_autofree char *sub = g_strdup_printf ("%s: %s", udha_report_dimension_get_title (blocks),
                                                  udha_report_dimension_get_label (blocks, b));

          ensure_room (doc, 60);
          paragraph (doc, sub, 10, TRUE, 4);
        }
      for (guint first = 0; first < grid.n_cols; first += grid.cols_per_strip)
        draw_block (doc, &grid, b, first, MIN (first + grid.cols_per_strip, grid.n_cols));
    }

  for (guint i = 0; notes[i] != NULL; i++)
    {
      ensure_room (doc, text_height (doc, notes[i], 8.5, FALSE, content_width (doc), 0));
      paragraph (doc, notes[i], 8.5, FALSE, 3);
    }
  doc->y += 10;
}

/* Charts */

static int
find_dimension (const UdhaReportTable *table,
                const char            *code)
{
  for (guint d = 0; d < udha_report_table_get_n_dimensions (table); d++)
    if (g_strcmp0 (udha_report_dimension_get_code (udha_report_table_get_dimension (table, d)), code) == 0)
      return (int) d;
  return -1;
}

/* The published value at @coords, where every dimension not named is at
 * its total. */
static gint64
value_at (const UdhaReportTable *table,
          const guint           *coords)
{
  gsize index = udha_report_table_index (table, coords);

  if ((udha_report_table_get_flags (table, index) & UDHA_REPORT_ENTRY_SUPPRESSED) != 0)
    return -1;
  return udha_report_table_get_value (table, index);
}

static void
totals_coords (const UdhaReportTable *table,
               guint                 *coords)
{
  for (guint d = 0; d < udha_report_table_get_n_dimensions (table); d++)
    coords[d] = udha_report_dimension_get_size (udha_report_table_get_dimension (table, d));
}

/* Categories along @cat_dim, one series per category of @series_dim (or a
 * single series of totals when @series_dim is -1); @fixed_dim, if not -1,
 * is held at @fixed_index. */
static UdhaChartData *
chart_from_table (const UdhaReportTable *table,
                  const char            *title,
                  int                    cat_dim,
                  int                    series_dim,
                  int                    fixed_dim,
                  guint                  fixed_index,
                  gboolean               stacked)
{
  const UdhaReportDimension *cats = udha_report_table_get_dimension (table, cat_dim);
  const UdhaReportDimension *series = series_dim >= 0 ? udha_report_table_get_dimension (table, series_dim) : NULL;
  guint n_cats = udha_report_dimension_get_size (cats);
  guint n_series = series != NULL ? udha_report_dimension_get_size (series) : 1;
  UdhaChartData *data = udha_chart_data_new (title, n_cats, n_series);

  data->stacked = stacked;
  data->threshold = udha_report_table_get_threshold (table);
  for (guint c = 0; c < n_cats; c++)
    data->category_labels[c] = g_strdup (udha_report_dimension_get_label (cats, c));
  for (guint s = 0; s < n_series; s++)
    data->series_labels[s] = g_strdup (series != NULL ? udha_report_dimension_get_label (series, s)
                                                      : udha_report_table_get_measure (table));

  for (guint s = 0; s < n_series; s++)
    for (guint c = 0; c < n_cats; c++)
      {
        guint coords[3];

        totals_coords (table, coords);
        coords[cat_dim] = c;
        if (series_dim >= 0)
          coords[series_dim] = s;
        if (fixed_dim >= 0)
          coords[fixed_dim] = fixed_index;
        data->values[(gsize) s * n_cats + c] = value_at (table, coords);
      }

  return data;
}

static UdhaChartData *
chart_for_table (Doc                   *doc,
                 const UdhaReportTable *table)
{
  switch (udha_report_table_get_id (table))
    {
    case UDHA_REPORT_TABLE_CASES_TYPE_PERIOD:
      {
        int type = find_dimension (table, "case_type");
        int period = find_dimension (table, "period");
        int event = find_dimension (table, "event");
        guint opened = 0;

        if (type < 0 || period < 0)
          return NULL;
        if (event >= 0)
          {
            const UdhaReportDimension *dim = udha_report_table_get_dimension (table, event);

            for (guint i = 0; i < udha_report_dimension_get_size (dim); i++)
              if (g_strcmp0 (udha_report_dimension_get_category (dim, i), "opened") == 0)
                opened = i;
          }
        return chart_from_table (table, tr (doc, N_("New cases by period and case type")),
                                 period, type, event, opened, TRUE);
      }
    case UDHA_REPORT_TABLE_SERVICES_TYPE_SEX:
      {
        int service = find_dimension (table, "service");

        if (service < 0)
          return NULL;
        return chart_from_table (table, tr (doc, N_("Services delivered by type")),
                                 service, -1, -1, 0, FALSE);
      }
    case UDHA_REPORT_TABLE_REFERRALS_SERVICE_OUTCOME:
      {
        int outcome = find_dimension (table, "outcome");

        if (outcome < 0)
          return NULL;
        return chart_from_table (table, tr (doc, N_("Referral outcomes")),
                                 outcome, -1, -1, 0, FALSE);
      }
    case UDHA_REPORT_TABLE_PERSONS_SEX_AGE:
    case UDHA_REPORT_TABLE_CITIZENSHIP_SEX:
    case UDHA_REPORT_TABLE_VULNERABILITY_SEX:
    default:
      return NULL;
    }
}

static void
draw_chart (Doc                   *doc,
            const UdhaReportTable *table)
{
  g_autoptr(UdhaChartData) data = chart_for_table (doc, table);
  double width = content_width (doc);

  if (data == NULL || data->n_categories == 0)
    return;

  ensure_room (doc, CHART_HEIGHT);
  if (doc->drawing)
    {
      cairo_save (doc->cr);
      cairo_translate (doc->cr, MARGIN, doc->y);
      udha_chart_draw (doc->cr, width, CHART_HEIGHT, data, &doc->style);
      cairo_restore (doc->cr);
    }
  doc->y += CHART_HEIGHT + 12;
}

static void
lay_out (Doc *doc)
{
  const UdhaReport *report = doc->report;
  const UdhaReportTable *first = udha_report_get_n_tables (report) > 0 ? udha_report_get_table (report, 0) : NULL;
  const char *office = udha_report_get_office_text (report);

  doc->page = 0;
  new_page (doc, first != NULL && needs_landscape (first));

  paragraph (doc, udha_report_get_title (report), 18, TRUE, 4);
  paragraph (doc, udha_report_get_period_text (report), 11, FALSE, 2);
  if (office != NULL && office[0] != '\0')
    paragraph (doc, office, 11, FALSE, 2);
  doc->y += 14;

  for (guint i = 0; i < udha_report_get_n_tables (report); i++)
    {
      const UdhaReportTable *table = udha_report_get_table (report, i);

      draw_table (doc, table, i == 0);
      draw_chart (doc, table);
    }

  draw_footer (doc);
  cairo_show_page (doc->cr);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  if (closure != NULL)
    g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* One pass over the document; @buffer NULL discards the output. */
static gboolean
render (const UdhaReport *report,
        GByteArray       *buffer,
        guint            *n_pages)
{
  Doc doc = { NULL, };
  cairo_status_t status;

  doc.report = report;
  doc.language = udha_report_get_params (report)->language;
  if (doc.language == NULL)
    doc.language = "en";
  doc.drawing = buffer != NULL;
  doc.n_pages = *n_pages;
  udha_chart_style_init (&doc.style, FALSE);

  doc.surface = cairo_pdf_surface_create_for_stream (append_bytes, buffer, A4_SHORT, A4_LONG);
  doc.cr = cairo_create (doc.surface);
  lay_out (&doc);
  status = cairo_status (doc.cr);
  cairo_destroy (doc.cr);
  cairo_surface_finish (doc.surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (doc.surface);
  cairo_surface_destroy (doc.surface);

  *n_pages = doc.page;
  return status == CAIRO_STATUS_SUCCESS;
}

/*
 * Public API
 */

/**
 * udha_report_write_pdf:
 * @report: a protected report
 * @path: where to write; replaced atomically
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the whole file is written; on failure an earlier file
 *   at @path is left as it was and no partial file remains
 */
gboolean
udha_report_write_pdf (const UdhaReport  *report,
                       const char        *path,
                       GError           **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  guint n_pages = 0;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  for (guint i = 0; i < udha_report_get_n_tables (report); i++)
    g_return_val_if_fail (udha_report_table_is_protected (udha_report_get_table (report, i)), FALSE);

  if (!render (report, NULL, &n_pages) || !render (report, buffer, &n_pages))
    {
      g_set_error_literal (error, UDHA_REPORT_ERROR, UDHA_REPORT_ERROR_WRITE,
                           _("The report could not be drawn as PDF."));
      return FALSE;
    }

  if (!g_file_set_contents_full (path, (const char *) buffer->data, buffer->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL))
    {
      /* GLib's message names the path, which may name a user: keep it out. */
      g_set_error_literal (error, UDHA_REPORT_ERROR, UDHA_REPORT_ERROR_WRITE,
                           _("The report could not be saved. Check that the folder exists, "
                             "that you may write to it and that the disk is not full."));
      return FALSE;
    }

  return TRUE;
}
