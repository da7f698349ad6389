/* udha-report-page.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "udha-session.h"

G_BEGIN_DECLS

#define UDHA_TYPE_REPORT_PAGE (udha_report_page_get_type ())

G_DECLARE_FINAL_TYPE (UdhaReportPage, udha_report_page, UDHA, REPORT_PAGE, GtkWidget)

GtkWidget *udha_report_page_new (UdhaSession *session);

G_END_DECLS
