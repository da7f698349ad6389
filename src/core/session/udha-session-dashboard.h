/* udha-session-dashboard.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "udha-session.h"
#include "udha-store-dashboard.h"

G_BEGIN_DECLS

/* Days without contact after which an active case counts as "no contact". */
#define UDHA_DASHBOARD_NO_CONTACT_DAYS 30
/* Months shown by the dashboard charts, the current one included. */
#define UDHA_DASHBOARD_CHART_MONTHS 12

UdhaDashboardData        *udha_session_dashboard_load    (UdhaSession             *self,
                                                      GError                 **error);
UdhaDashboardFigures *udha_session_dashboard_figures (UdhaSession             *self,
                                                      UdhaDashboardChartKind   kind,
                                                      GError                 **error);
void                  udha_session_dashboard_load_async  (UdhaSession         *self,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
UdhaDashboardData    *udha_session_dashboard_load_finish (UdhaSession         *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);
char                 *udha_session_dashboard_period  (UdhaSession             *self,
                                                      char                   **to);
char                 *udha_session_dashboard_no_contact_since (UdhaSession    *self);

G_END_DECLS
