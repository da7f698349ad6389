/* udha-report-private.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * Building reports: used by the engine (udha-report.c, udha-report-disclosure.c,
 * the session's report entry point) and by tests that need a hand-made table.
 * Writers never call anything here except the write_* functions at the end.
 */

#pragma once

#include "udha-report.h"

G_BEGIN_DECLS

UdhaReportDimension *udha_report_dimension_new        (const char          *code,
                                                       const char          *title,
                                                       const char          *total_label);
/* Appends a category; returns its index. */
guint                udha_report_dimension_add        (UdhaReportDimension *dim,
                                                       const char          *category,
                                                       const char          *label);
void                 udha_report_dimension_free       (UdhaReportDimension *dim);

/* Takes ownership of dims[0 .. n_dims-1]; n_dims is 2 or 3.  All entries
 * start at 0, flags PUBLISHED, not protected. */
UdhaReportTable     *udha_report_table_new            (UdhaReportTableId     id,
                                                       const char           *title,
                                                       const char           *measure,
                                                       gboolean              sensitive,
                                                       guint                 threshold,
                                                       guint                 n_dims,
                                                       UdhaReportDimension **dims);
void                 udha_report_table_free           (UdhaReportTable      *table);
/* The true count of an entry (cells and totals alike).  Only before protection. */
void                 udha_report_table_set_true_value (UdhaReportTable      *table,
                                                       gsize                 index,
                                                       gint64                value);
gint64               udha_report_table_get_true_value (const UdhaReportTable *table,
                                                       gsize                 index);
void                 udha_report_table_set_flags      (UdhaReportTable      *table,
                                                       gsize                 index,
                                                       UdhaReportEntryFlags  flags);
/* Fills every total from the cells (sum along each line). */
void                 udha_report_table_compute_totals (UdhaReportTable      *table);

UdhaReport          *udha_report_new                  (const UdhaReportParams *params,
                                                       const char           *title,
                                                       const char           *period_text,
                                                       const char           *office_text);
/* Takes ownership of table. */
void                 udha_report_add_table            (UdhaReport           *report,
                                                       UdhaReportTable      *table);

/* Disclosure control over the whole report (DOMAIN §10.4–§10.6): primary and
 * secondary suppression across all tables, rounding of totals in lines with
 * suppression, then the true values of suppressed entries are wiped and
 * every table is marked protected.  Deterministic. */
void                 udha_report_protect              (UdhaReport           *report);
/* Tests only: protection with step 2 (complements) switched off. */
void                 udha_report_protect_without_complements (UdhaReport    *report);

/* Words in the report language, whatever the language of the program:
 * "en" gives the msgid (without its context), "sq" the Albanian catalogue's
 * translation.  Mark the msgids with N_() / NC_().  domain NULL is Udha's. */
const char          *udha_report_gettext              (const char           *language,
                                                       const char           *domain,
                                                       const char           *msgid);
const char          *udha_report_pgettext             (const char           *language,
                                                       const char           *context,
                                                       const char           *msgid);

/* Engine internals (udha-report.c ↔ udha-report-disclosure.c). */
UdhaReportTable     *_udha_report_get_table_mutable   (UdhaReport           *report,
                                                       guint                 i);
void                 _udha_report_table_publish       (UdhaReportTable      *table,
                                                       const gint64         *published);
const char          *_udha_report_table_get_language  (const UdhaReportTable *table);

/* Format back ends, called by udha_report_write(). */
gboolean             udha_report_write_csv            (const UdhaReport     *report,
                                                       GOutputStream        *out,
                                                       GCancellable         *cancellable,
                                                       GError              **error);
gboolean             udha_report_write_json           (const UdhaReport     *report,
                                                       GOutputStream        *out,
                                                       GCancellable         *cancellable,
                                                       GError              **error);
/* XLSX and PDF write to a path (libxlsxwriter and cairo want one). */
gboolean             udha_report_write_xlsx           (const UdhaReport     *report,
                                                       const char           *path,
                                                       GError              **error);
gboolean             udha_report_write_pdf            (const UdhaReport     *report,
                                                       const char           *path,
                                                       GError              **error);

G_END_DECLS
