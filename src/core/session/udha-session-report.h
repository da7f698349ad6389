/* udha-session-report.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "udha-report.h"
#include "udha-session.h"

G_BEGIN_DECLS

/* Progress of a report in the worker: @done of @total steps (one per
 * aggregation query, one for disclosure control).  Called in the main
 * context of the caller of udha_session_run_report_async(). */
typedef void (*UdhaReportProgressFunc) (guint    done,
                                        guint    total,
                                        gpointer user_data);

UdhaReport *udha_session_run_report        (UdhaSession             *self,
                                            const UdhaReportParams  *params,
                                            GCancellable            *cancellable,
                                            GError                 **error);
void        udha_session_run_report_async  (UdhaSession             *self,
                                            const UdhaReportParams  *params,
                                            GCancellable            *cancellable,
                                            UdhaReportProgressFunc   progress,
                                            gpointer                 progress_data,
                                            GAsyncReadyCallback      callback,
                                            gpointer                 user_data);
UdhaReport *udha_session_run_report_finish (UdhaSession             *self,
                                            GAsyncResult            *result,
                                            GError                 **error);
gboolean    udha_session_export_report     (UdhaSession             *self,
                                            UdhaReport              *report,
                                            UdhaReportFormat         format,
                                            GFile                   *file,
                                            GCancellable            *cancellable,
                                            GError                 **error);

G_END_DECLS
