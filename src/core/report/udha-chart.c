/* udha-chart.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "udha-chart"

#include "config.h"

#include "udha-chart.h"

#include <string.h>
#include <pango/pangocairo.h>

/*
 * Layout, top to bottom: title, legend, plot (y axis with ticks on the
 * left), category labels.  Every text is laid out by pango inside a box of
 * known width: long labels (Albanian ones are often half as long again as
 * the English) wrap on words and are ellipsized after a few lines, so no
 * text ever runs into its neighbour.  Sizes are in user units (points in the
 * PDF, pixels in the GUI).
 */

#define TITLE_SIZE        12.0
#define TEXT_SIZE          9.0
#define PADDING            8.0
#define SWATCH             9.0
#define MAX_LABEL_LINES    3
#define MAX_LEGEND_LINES   2
#define HATCH_STEP         4.0
#define ROTATED_MAX_LENGTH 150.0
#define SIN_45             0.70710678

/* Okabe & Ito's palette, distinguishable with the common colour-vision
 * deficiencies; black is replaced by grey so it reads on both backgrounds. */
static const double light_series[8][3] = {
  { 0x00 / 255.0, 0x72 / 255.0, 0xB2 / 255.0 },  /* blue */
  { 0xE6 / 255.0, 0x9F / 255.0, 0x00 / 255.0 },  /* orange */
  { 0x00 / 255.0, 0x9E / 255.0, 0x73 / 255.0 },  /* bluish green */
  { 0xD5 / 255.0, 0x5E / 255.0, 0x00 / 255.0 },  /* vermillion */
  { 0x56 / 255.0, 0xB4 / 255.0, 0xE9 / 255.0 },  /* sky blue */
  { 0xCC / 255.0, 0x79 / 255.0, 0xA7 / 255.0 },  /* reddish purple */
  { 0xF0 / 255.0, 0xE4 / 255.0, 0x42 / 255.0 },  /* yellow */
  { 0x80 / 255.0, 0x80 / 255.0, 0x80 / 255.0 },  /* grey */
};

/* The same hues, the dark blue lifted so it stands out on a dark background. */
static const double dark_series[8][3] = {
  { 0x3D / 255.0, 0x9D / 255.0, 0xE0 / 255.0 },
  { 0xE6 / 255.0, 0x9F / 255.0, 0x00 / 255.0 },
  { 0x1A / 255.0, 0xC2 / 255.0, 0x94 / 255.0 },
  { 0xF0 / 255.0, 0x72 / 255.0, 0x1A / 255.0 },
  { 0x8C / 255.0, 0xD0 / 255.0, 0xF5 / 255.0 },
  { 0xE0 / 255.0, 0x99 / 255.0, 0xC0 / 255.0 },
  { 0xF0 / 255.0, 0xE4 / 255.0, 0x42 / 255.0 },
  { 0xB0 / 255.0, 0xB0 / 255.0, 0xB0 / 255.0 },
};

/*
 * Auxiliary methods
 */

static void
set_rgba (double       *dest,
          double        r,
          double        g,
          double        b,
          double        a)
{
  dest[0] = r;
  dest[1] = g;
  dest[2] = b;
  dest[3] = a;
}

static void
source_rgba (cairo_t      *cr,
             const double *rgba)
{
  cairo_set_source_rgba (cr, rgba[0], rgba[1], rgba[2], rgba[3]);
}

static PangoLayout *
create_layout (cairo_t              *cr,
               const UdhaChartStyle *style,
               double                size,
               gboolean              bold,
               const char           *text,
               double                width,
               int                   max_lines,
               PangoAlignment        alignment)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_new ();
  PangoContext *context = pango_layout_get_context (layout);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Metrics independent of the surface's hinting, so the same chart lays
   * out the same in the PDF and on screen. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_layout_context_changed (layout);

  pango_font_description_set_family (font, style->font_family != NULL ? style->font_family
                                                                       : "Cantarell");
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  pango_layout_set_alignment (layout, alignment);

  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (layout, -MAX (max_lines, 1));
    }

  return layout;
}

static void
layout_size (PangoLayout *layout,
             double      *width,
             double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

static void
show_layout (cairo_t     *cr,
             PangoLayout *layout,
             double       x,
             double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static gint64
value_at (const UdhaChartData *data,
          guint                series,
          guint                category)
{
  return data->values[(gsize) series * data->n_categories + category];
}

static char *
format_suppressed (guint threshold)
{
  if (threshold == 0)
    return g_strdup ("*");

  return g_strdup_printf ("<%u", threshold);
}

/* The height a suppressed value is drawn with: a stub of T on the scale,
 * the most it could be. */
static double
stub_value (const UdhaChartData *data)
{
  return data->threshold > 0 ? (double) data->threshold : 1.0;
}

static gboolean
has_suppressed (const UdhaChartData *data)
{
  for (gsize i = 0; i < (gsize) data->n_series * data->n_categories; i++)
    if (data->values[i] < 0)
      return TRUE;

  return FALSE;
}

static double
compute_max (const UdhaChartData *data)
{
  double max = 0;

  for (guint c = 0; c < data->n_categories; c++)
    {
      double sum = 0;

      for (guint s = 0; s < data->n_series; s++)
        {
          gint64 v = value_at (data, s, c);
          double shown = v < 0 ? stub_value (data) : (double) v;

          if (data->stacked)
            sum += shown;
          else
            max = MAX (max, shown);
        }

      if (data->stacked)
        max = MAX (max, sum);
    }

  return max;
}

/* Ticks at 1, 2 or 5 × 10^k, about five of them, whole numbers only.
 * (No libm: the core library does not link it.) */
static double
nice_step (double max)
{
  double raw = max / 5.0;
  double magnitude = 1;
  double fraction;

  if (raw <= 1)
    return 1;

  while (magnitude * 10 <= raw)
    magnitude *= 10;
  fraction = raw / magnitude;

  if (fraction <= 1)
    return magnitude;
  if (fraction <= 2)
    return 2 * magnitude;
  if (fraction <= 5)
    return 5 * magnitude;
  return 10 * magnitude;
}

static double
pixel_align (double v)
{
  return (double) (gint64) (v + 0.5) + 0.5;
}

static void
hatch_rect (cairo_t      *cr,
            double        x,
            double        y,
            double        width,
            double        height,
            const double *rgba)
{
  if (width <= 0 || height <= 0)
    return;

  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  cairo_clip (cr);

  cairo_set_source_rgba (cr, rgba[0], rgba[1], rgba[2], rgba[3] * 0.2);
  cairo_paint (cr);

  source_rgba (cr, rgba);
  cairo_set_line_width (cr, 1.0);
  for (double d = -height; d < width; d += HATCH_STEP)
    {
      cairo_move_to (cr, x + d, y + height);
      cairo_line_to (cr, x + d + height, y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);

  cairo_save (cr);
  source_rgba (cr, rgba);
  cairo_set_line_width (cr, 1.0);
  cairo_set_dash (cr, (const double[]) { 2.0, 2.0 }, 2, 0);
  cairo_rectangle (cr, x + 0.5, y + 0.5, MAX (width - 1, 0), MAX (height - 1, 0));
  cairo_stroke (cr);
  cairo_restore (cr);
}

typedef struct
{
  PangoLayout *layout;
  double       width;
  double       height;
  double       x;
  double       y;
} LegendItem;

/* Lays the legend out in rows within @width; returns its height. */
static double
layout_legend (cairo_t              *cr,
               const UdhaChartData  *data,
               const UdhaChartStyle *style,
               double                width,
               LegendItem           *items,
               guint                 n_items)
{
  double x = 0, y = 0, row_height = 0;
  double max_label = MAX (width - SWATCH - PADDING, 20);

  /* No single entry takes more than half a row when there are several, so
   * a long label wraps rather than pushing its neighbours off. */
  if (n_items > 1)
    max_label = MAX (width / 2 - SWATCH - 2 * PADDING, 20);

  for (guint i = 0; i < n_items; i++)
    {
      const char *text;
      g_autofree char *suppressed = NULL;
      double item_width;

      if (i < data->n_series)
        text = data->series_labels[i];
      else
        text = suppressed = format_suppressed (data->threshold);

      items[i].layout = create_layout (cr, style, TEXT_SIZE, FALSE, text, -1, 0,
                                       PANGO_ALIGN_LEFT);
      layout_size (items[i].layout, &items[i].width, &items[i].height);
      if (items[i].width > max_label)
        {
          g_object_unref (items[i].layout);
          items[i].layout = create_layout (cr, style, TEXT_SIZE, FALSE, text, max_label,
                                           MAX_LEGEND_LINES, PANGO_ALIGN_LEFT);
          layout_size (items[i].layout, &items[i].width, &items[i].height);
          items[i].width = MIN (items[i].width, max_label);
        }

      item_width = SWATCH + PADDING / 2 + items[i].width;
      if (x > 0 && x + item_width > width)
        {
          x = 0;
          y += row_height + PADDING / 2;
          row_height = 0;
        }

      items[i].x = x;
      items[i].y = y;
      x += item_width + 2 * PADDING;
      row_height = MAX (row_height, MAX (items[i].height, SWATCH));
    }

  return n_items > 0 ? y + row_height : 0;
}

static void
draw_legend (cairo_t              *cr,
             const UdhaChartData  *data,
             const UdhaChartStyle *style,
             double                x0,
             double                y0,
             LegendItem           *items,
             guint                 n_items)
{
  for (guint i = 0; i < n_items; i++)
    {
      double sx = x0 + items[i].x;
      double sy = y0 + items[i].y + MAX ((MIN (items[i].height, TEXT_SIZE * 1.3) - SWATCH) / 2, 0);

      if (i < data->n_series)
        {
          cairo_set_source_rgba (cr, style->series[i % 8][0], style->series[i % 8][1],
                                 style->series[i % 8][2], style->series[i % 8][3]);
          cairo_rectangle (cr, sx, sy, SWATCH, SWATCH);
          cairo_fill (cr);
        }
      else
        {
          hatch_rect (cr, sx, sy, SWATCH, SWATCH, style->foreground);
        }

      source_rgba (cr, style->foreground);
      show_layout (cr, items[i].layout, sx + SWATCH + PADDING / 2, y0 + items[i].y);
    }
}

/*
 * Public API
 */

/**
 * udha_chart_style_init:
 * @style: the style to fill
 * @dark: %TRUE for the dark colour set
 *
 * Fills @style with colours for a light or dark background.  The series
 * colours are Okabe and Ito's palette, told apart by readers with the
 * common colour-vision deficiencies.
 */
void
udha_chart_style_init (UdhaChartStyle *style,
                       gboolean        dark)
{
  g_return_if_fail (style != NULL);

  memset (style, 0, sizeof *style);

  if (dark)
    {
      set_rgba (style->foreground, 1.0, 1.0, 1.0, 1.0);
      set_rgba (style->background, 0x24 / 255.0, 0x24 / 255.0, 0x24 / 255.0, 1.0);
      set_rgba (style->grid, 1.0, 1.0, 1.0, 0.18);
    }
  else
    {
      set_rgba (style->foreground, 0x1E / 255.0, 0x1E / 255.0, 0x1E / 255.0, 1.0);
      set_rgba (style->background, 1.0, 1.0, 1.0, 1.0);
      set_rgba (style->grid, 0.0, 0.0, 0.0, 0.15);
    }

  for (guint i = 0; i < 8; i++)
    {
      const double *rgb = dark ? dark_series[i] : light_series[i];

      set_rgba (style->series[i], rgb[0], rgb[1], rgb[2], 1.0);
    }

  style->font_family = NULL;
}

/**
 * udha_chart_data_new:
 * @title: (nullable): the chart's title
 * @n_categories: the number of categories along the x axis
 * @n_series: the number of series (bars per category)
 *
 * Returns: (transfer full): a chart with every value 0 and empty labels;
 *   set the labels with g_strdup() and the values directly
 */
UdhaChartData *
udha_chart_data_new (const char *title,
                     guint       n_categories,
                     guint       n_series)
{
  UdhaChartData *data = g_new0 (UdhaChartData, 1);

  data->title = g_strdup (title);
  data->n_categories = n_categories;
  data->category_labels = g_new0 (char *, n_categories + 1);
  data->n_series = n_series;
  data->series_labels = g_new0 (char *, n_series + 1);
  data->values = g_new0 (gint64, (gsize) n_categories * n_series + 1);
  data->threshold = 5;

  return data;
}

/**
 * udha_chart_data_free:
 * @data: (nullable): a chart
 */
void
udha_chart_data_free (UdhaChartData *data)
{
  if (data == NULL)
    return;

  g_free (data->title);
  for (guint i = 0; i < data->n_categories; i++)
    g_free (data->category_labels[i]);
  g_free (data->category_labels);
  for (guint i = 0; i < data->n_series; i++)
    g_free (data->series_labels[i]);
  g_free (data->series_labels);
  g_free (data->values);
  g_free (data);
}

/**
 * udha_chart_draw:
 * @cr: where to draw
 * @width: width of the chart
 * @height: height of the chart
 * @data: the chart
 * @style: its colours
 *
 * Draws the chart into (0, 0, @width, @height) of @cr: the background, the
 * title, a legend when there are several series or a suppressed value, the
 * value axis with ticks at round numbers, the bars (suppressed values as a
 * hatched stub labelled "<T") and the category labels.
 */
void
udha_chart_draw (cairo_t              *cr,
                 double                width,
                 double                height,
                 const UdhaChartData  *data,
                 const UdhaChartStyle *style)
{
  g_autoptr(PangoLayout) title = NULL;
  g_autofree LegendItem *legend = NULL;
  g_autoptr(GPtrArray) category_layouts = NULL;
  g_autoptr(GPtrArray) tick_layouts = NULL;
  gboolean suppressed;
  gboolean rotated = FALSE;
  guint n_legend = 0;
  double y, legend_height = 0, title_height = 0, labels_height = 0, axis_width = 0;
  double plot_x, plot_y, plot_width, plot_height, slot, max, step, top;
  guint n_ticks;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (data != NULL);
  g_return_if_fail (style != NULL);

  if (width <= 4 * PADDING || height <= 4 * PADDING)
    return;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  source_rgba (cr, style->background);
  cairo_paint (cr);

  y = PADDING;

  if (data->title != NULL && data->title[0] != '\0')
    {
      title = create_layout (cr, style, TITLE_SIZE, TRUE, data->title, width - 2 * PADDING, 2,
                             PANGO_ALIGN_LEFT);
      layout_size (title, NULL, &title_height);
      source_rgba (cr, style->foreground);
      show_layout (cr, title, PADDING, y);
      y += title_height + PADDING;
    }

  suppressed = has_suppressed (data);
  if (data->n_series > 1 || suppressed)
    {
      n_legend = data->n_series + (suppressed ? 1 : 0);
      legend = g_new0 (LegendItem, n_legend);
      legend_height = layout_legend (cr, data, style, width - 2 * PADDING, legend, n_legend);
      draw_legend (cr, data, style, PADDING, y, legend, n_legend);
      y += legend_height + PADDING;
    }

  /* The value axis: round ticks from 0 to the first tick above the maximum. */
  max = compute_max (data);
  step = nice_step (max);
  n_ticks = (guint) (max / step);
  if (n_ticks * step < max)
    n_ticks++;
  n_ticks = MAX (n_ticks, 1);
  top = n_ticks * step;

  tick_layouts = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i <= n_ticks; i++)
    {
      g_autofree char *text = g_strdup_printf ("%.0f", i * step);
      PangoLayout *layout = create_layout (cr, style, TEXT_SIZE, FALSE, text, -1, 0,
                                           PANGO_ALIGN_RIGHT);
      double w;

      layout_size (layout, &w, NULL);
      axis_width = MAX (axis_width, w);
      g_ptr_array_add (tick_layouts, layout);
    }

  plot_x = PADDING + axis_width + PADDING / 2;
  plot_width = width - plot_x - PADDING;
  slot = data->n_categories > 0 ? plot_width / data->n_categories : plot_width;

  /* Category labels: each within its own slot, wrapped, at most three
   * lines.  When that would cut them short (many categories, long words)
   * they are written on one line at 45°, each ending under its bars, so
   * neighbours run in parallel and never overlap. */
  category_layouts = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint c = 0; c < data->n_categories; c++)
    {
      PangoLayout *layout = create_layout (cr, style, TEXT_SIZE, FALSE,
                                           data->category_labels[c],
                                           MAX (slot - 4, 4), MAX_LABEL_LINES,
                                           PANGO_ALIGN_CENTER);
      double h;

      if (pango_layout_is_ellipsized (layout) || pango_layout_get_line_count (layout) > 2)
        rotated = TRUE;
      layout_size (layout, NULL, &h);
      labels_height = MAX (labels_height, h);
      g_ptr_array_add (category_layouts, layout);
    }
  /* Slanted lines need a gap of a line height between neighbours. */
  if (rotated && slot * SIN_45 < TEXT_SIZE * 1.2)
    rotated = FALSE;
  if (rotated)
    {
      double max_length = MIN (ROTATED_MAX_LENGTH, height * 0.35 / SIN_45);

      labels_height = 0;
      g_ptr_array_set_size (category_layouts, 0);
      for (guint c = 0; c < data->n_categories; c++)
        {
          PangoLayout *layout = create_layout (cr, style, TEXT_SIZE, FALSE,
                                               data->category_labels[c], -1, 0,
                                               PANGO_ALIGN_LEFT);
          /* Nor may a label run off the chart's left edge. */
          double limit = MIN (max_length, (plot_x + slot * (c + 0.5) - 2) / SIN_45);
          double w, h;

          layout_size (layout, &w, &h);
          if (w > limit)
            {
              pango_layout_set_width (layout, (int) (MAX (limit, 10) * PANGO_SCALE));
              pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
              layout_size (layout, &w, &h);
              w = MIN (w, MAX (limit, 10));
            }
          labels_height = MAX (labels_height, (w + h) * SIN_45);
          g_ptr_array_add (category_layouts, layout);
        }
    }

  plot_y = y + TEXT_SIZE;  /* room for the value label above the tallest bar */
  plot_height = height - PADDING - labels_height - PADDING / 2 - plot_y;
  if (plot_height < 2 * TEXT_SIZE)
    {
      cairo_restore (cr);
      return;
    }

  /* Grid lines and tick labels. */
  cairo_set_line_width (cr, 1.0);
  for (guint i = 0; i <= n_ticks; i++)
    {
      PangoLayout *layout = g_ptr_array_index (tick_layouts, i);
      double ty = plot_y + plot_height - plot_height * (i * step) / top;
      double h;

      source_rgba (cr, style->grid);
      cairo_move_to (cr, plot_x, pixel_align (ty));
      cairo_line_to (cr, plot_x + plot_width, pixel_align (ty));
      cairo_stroke (cr);

      layout_size (layout, NULL, &h);
      pango_layout_set_width (layout, (int) (axis_width * PANGO_SCALE));
      source_rgba (cr, style->foreground);
      show_layout (cr, layout, PADDING, ty - h / 2);
    }

  /* Bars. */
  for (guint c = 0; c < data->n_categories; c++)
    {
      double group = slot * 0.8;
      double gx = plot_x + slot * c + (slot - group) / 2;
      double bar = data->stacked || data->n_series == 0 ? group : group / data->n_series;
      double base = plot_y + plot_height;

      for (guint s = 0; s < data->n_series; s++)
        {
          gint64 v = value_at (data, s, c);
          double shown = v < 0 ? stub_value (data) : (double) v;
          double h = plot_height * shown / top;
          double bx = data->stacked ? gx : gx + bar * s;
          double by = base - h;
          g_autofree char *text = NULL;
          g_autoptr(PangoLayout) value_layout = NULL;
          double tw, th;

          if (v < 0)
            {
              hatch_rect (cr, bx, by, bar, h, style->series[s % 8]);
            }
          else if (h > 0)
            {
              source_rgba (cr, style->series[s % 8]);
              cairo_rectangle (cr, bx, by, bar, h);
              cairo_fill (cr);
              if (data->stacked)
                {
                  /* A hairline of background between stacked segments. */
                  source_rgba (cr, style->background);
                  cairo_set_line_width (cr, 0.75);
                  cairo_move_to (cr, bx, by);
                  cairo_line_to (cr, bx + bar, by);
                  cairo_stroke (cr);
                }
            }

          /* The figure above a grouped bar, or inside a stacked segment,
           * where it fits. */
          text = v < 0 ? format_suppressed (data->threshold)
                       : g_strdup_printf ("%" G_GINT64_FORMAT, v);
          value_layout = create_layout (cr, style, TEXT_SIZE * 0.85, FALSE, text, -1, 0,
                                        PANGO_ALIGN_CENTER);
          layout_size (value_layout, &tw, &th);
          if (tw <= bar + 2)
            {
              if (!data->stacked)
                {
                  source_rgba (cr, style->foreground);
                  show_layout (cr, value_layout, bx + (bar - tw) / 2, by - th);
                }
              else if (th <= h)
                {
                  source_rgba (cr, v < 0 ? style->foreground : style->background);
                  show_layout (cr, value_layout, bx + (bar - tw) / 2, by + (h - th) / 2);
                }
            }

          if (data->stacked)
            base = by;
        }
    }

  /* The axis line over the bars' feet. */
  source_rgba (cr, style->foreground);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, plot_x, pixel_align (plot_y + plot_height));
  cairo_line_to (cr, plot_x + plot_width, pixel_align (plot_y + plot_height));
  cairo_stroke (cr);

  for (guint c = 0; c < data->n_categories; c++)
    {
      PangoLayout *layout = g_ptr_array_index (category_layouts, c);

      if (rotated)
        {
          double w, h;

          layout_size (layout, &w, &h);
          cairo_save (cr);
          cairo_translate (cr, plot_x + slot * (c + 0.5), plot_y + plot_height + PADDING / 2);
          cairo_rotate (cr, -G_PI / 4);
          show_layout (cr, layout, -w, -h / 2);
          cairo_restore (cr);
        }
      else
        show_layout (cr, layout, plot_x + slot * c + 2, plot_y + plot_height + PADDING / 2);
    }

  for (guint i = 0; i < n_legend; i++)
    g_clear_object (&legend[i].layout);

  cairo_restore (cr);
}
