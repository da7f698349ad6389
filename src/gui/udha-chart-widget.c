/* udha-chart-widget.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A bar chart on screen: udha_chart_draw() (the renderer the PDF report
 * uses) through gtk_snapshot_append_cairo(), in the light or dark colours
 * of AdwStyleManager:dark. The chart is a picture for sighted readers; the
 * same numbers are in a table beside it, so the widget itself is
 * presented to assistive technologies as an image with the chart's title
 * as its name. */

#define G_LOG_DOMAIN "udha-chart-widget"

#include "config.h"

#include <adwaita.h>

#include "udha-chart-widget.h"

struct _UdhaChartWidget
{
  GtkWidget      parent_instance;

  UdhaChartData *data;
  gulong         dark_id;
};

G_DEFINE_FINAL_TYPE (UdhaChartWidget, udha_chart_widget, GTK_TYPE_WIDGET)

static void
dark_changed_cb (UdhaChartWidget *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
udha_chart_widget_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  UdhaChartWidget *self = UDHA_CHART_WIDGET (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  UdhaChartStyle style;
  cairo_t *cr;

  if (self->data == NULL || width <= 0 || height <= 0)
    return;

  udha_chart_style_init (&style, adw_style_manager_get_dark (adw_style_manager_get_default ()));
  style.background[3] = 0.0;   /* the card behind shows through */
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  udha_chart_draw (cr, width, height, self->data, &style);
  cairo_destroy (cr);
}

static void
udha_chart_widget_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 280;
      *natural = 480;
    }
  else
    {
      *minimum = 240;
      *natural = 280;
    }
}

static void
udha_chart_widget_dispose (GObject *object)
{
  UdhaChartWidget *self = UDHA_CHART_WIDGET (object);

  g_clear_signal_handler (&self->dark_id, adw_style_manager_get_default ());
  g_clear_pointer (&self->data, udha_chart_data_free);

  G_OBJECT_CLASS (udha_chart_widget_parent_class)->dispose (object);
}

static void
udha_chart_widget_class_init (UdhaChartWidgetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = udha_chart_widget_dispose;
  widget_class->snapshot = udha_chart_widget_snapshot;
  widget_class->measure = udha_chart_widget_measure;
  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
udha_chart_widget_init (UdhaChartWidget *self)
{
  self->dark_id = g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                                            G_CALLBACK (dark_changed_cb), self);
}

GtkWidget *
udha_chart_widget_new (void)
{
  return g_object_new (UDHA_TYPE_CHART_WIDGET, NULL);
}

/**
 * udha_chart_widget_set_data:
 * @self: a #UdhaChartWidget
 * @data: (transfer full) (nullable): the chart
 *
 * Shows @data; the chart's title becomes the widget's accessible name.
 */
void
udha_chart_widget_set_data (UdhaChartWidget *self,
                            UdhaChartData   *data)
{
  g_return_if_fail (UDHA_IS_CHART_WIDGET (self));

  g_clear_pointer (&self->data, udha_chart_data_free);
  self->data = data;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, data != NULL && data->title != NULL ? data->title : "",
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const UdhaChartData *
udha_chart_widget_get_data (UdhaChartWidget *self)
{
  g_return_val_if_fail (UDHA_IS_CHART_WIDGET (self), NULL);

  return self->data;
}
