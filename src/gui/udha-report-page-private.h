/* udha-report-page-private.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "udha-report-page.h"
#include "udha-report.h"

G_BEGIN_DECLS

/* For tests: the next export writes to @file instead of asking with the
 * file chooser (which a headless test cannot answer). */
void              _udha_report_page_set_export_file (UdhaReportPage *self,
                                                     GFile          *file);
const UdhaReport *_udha_report_page_get_report      (UdhaReportPage *self);

G_END_DECLS
