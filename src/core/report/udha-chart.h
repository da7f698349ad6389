/* udha-chart.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * Bar charts drawn with cairo and pango: one renderer for the PDF report and
 * for the supervisor dashboard (the GUI wraps it with
 * gtk_snapshot_append_cairo()).  No GTK here.
 */

#pragma once

#include <glib.h>
#include <cairo.h>

G_BEGIN_DECLS

/* A chart: categories along the x axis, one bar per series in each category
 * (grouped), or stacked when @stacked.  A value of -1 is a suppressed figure:
 * drawn as a hatched stub and named in the legend as "<T". */
typedef struct
{
  char        *title;
  guint        n_categories;
  char       **category_labels;  /* n_categories */
  guint        n_series;
  char       **series_labels;    /* n_series */
  gint64      *values;           /* n_series × n_categories, series-major */
  gboolean     stacked;
  guint        threshold;        /* for the "<T" of suppressed values */
} UdhaChartData;

/* Colours as RGBA 0..1.  udha_chart_style_init() gives the light or dark set. */
typedef struct
{
  double foreground[4];
  double background[4];
  double grid[4];
  double series[8][4];
  const char *font_family;  /* NULL: "Cantarell" */
} UdhaChartStyle;

void            udha_chart_style_init  (UdhaChartStyle      *style,
                                        gboolean             dark);
UdhaChartData  *udha_chart_data_new    (const char          *title,
                                        guint                n_categories,
                                        guint                n_series);
void            udha_chart_data_free   (UdhaChartData       *data);
/* Draws into (0, 0, width, height) of cr, title and legend included. */
void            udha_chart_draw        (cairo_t             *cr,
                                        double               width,
                                        double               height,
                                        const UdhaChartData *data,
                                        const UdhaChartStyle *style);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdhaChartData, udha_chart_data_free)

G_END_DECLS
