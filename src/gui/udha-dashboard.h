/* udha-dashboard.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "udha-session.h"

G_BEGIN_DECLS

#define UDHA_TYPE_DASHBOARD (udha_dashboard_get_type ())

G_DECLARE_FINAL_TYPE (UdhaDashboard, udha_dashboard, UDHA, DASHBOARD, GtkWidget)

GtkWidget *udha_dashboard_new     (UdhaSession   *session);
void       udha_dashboard_refresh    (UdhaDashboard *self);
gboolean   udha_dashboard_is_loading (UdhaDashboard *self);

G_END_DECLS
