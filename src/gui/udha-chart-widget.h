/* udha-chart-widget.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "udha-chart.h"

G_BEGIN_DECLS

#define UDHA_TYPE_CHART_WIDGET (udha_chart_widget_get_type ())

G_DECLARE_FINAL_TYPE (UdhaChartWidget, udha_chart_widget, UDHA, CHART_WIDGET, GtkWidget)

GtkWidget           *udha_chart_widget_new      (void);
void                 udha_chart_widget_set_data (UdhaChartWidget *self,
                                                 UdhaChartData   *data);
const UdhaChartData *udha_chart_widget_get_data (UdhaChartWidget *self);

G_END_DECLS
