/* udha-report.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The contract between the report engine (aggregation + disclosure control),
 * the writers (CSV, JSON, XLSX, PDF), the GUI (preview, charts) and udha-cli.
 *
 * A table is an array of 2 or 3 dimensions.  Every dimension carries one
 * extra index, its *total*: index udha_report_dimension_get_size(dim) along a
 * dimension means "all categories of it".  So a 2 × 3 table stores (2+1) ×
 * (3+1) entries and the grand total sits at (2, 3).  Every 1-D line in every
 * direction (the entries that vary along one dimension with the others
 * fixed, totals included) is a constraint: its categories add up to its total
 * entry.  Disclosure control works on those lines (DOMAIN.md §10.5).
 *
 * Entries are addressed by a flat index, row-major over (size+1) per
 * dimension: udha_report_table_index().
 *
 * Writers only ever see a *protected* table (udha_report_table_is_protected()
 * is TRUE): the value of a suppressed entry is gone (-1), rounded totals hold
 * the rounded figure.  The true values never leave the engine.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define UDHA_REPORT_ERROR (udha_report_error_quark ())

/**
 * UdhaReportError:
 * @UDHA_REPORT_ERROR_INVALID: bad parameters (period, threshold, table list);
 *   the message says which and what is allowed
 * @UDHA_REPORT_ERROR_WRITE: the output file could not be written
 *
 * Messages are translated and never contain personal data.
 */
typedef enum
{
  UDHA_REPORT_ERROR_INVALID,
  UDHA_REPORT_ERROR_WRITE,
} UdhaReportError;

GQuark udha_report_error_quark (void);

/* The catalogue of issue #6.  Values are the numbers users type (--tables 1,3). */
typedef enum
{
  UDHA_REPORT_TABLE_PERSONS_SEX_AGE = 1,      /* persons assisted: sex × UNHCR age band */
  UDHA_REPORT_TABLE_CITIZENSHIP_SEX = 2,      /* persons: citizenship (top N + other) × sex */
  UDHA_REPORT_TABLE_CASES_TYPE_PERIOD = 3,    /* cases opened and closed: type × month|quarter (× opened/closed) */
  UDHA_REPORT_TABLE_SERVICES_TYPE_SEX = 4,    /* services delivered: type × sex */
  UDHA_REPORT_TABLE_REFERRALS_SERVICE_OUTCOME = 5, /* referrals: service × outcome */
  UDHA_REPORT_TABLE_VULNERABILITY_SEX = 6,    /* persons: vulnerability × sex */
} UdhaReportTableId;

#define UDHA_REPORT_N_TABLES 6

typedef enum
{
  UDHA_REPORT_PERIOD_MONTH,
  UDHA_REPORT_PERIOD_QUARTER,
} UdhaReportPeriodUnit;

/* Per-entry flags. */
typedef enum
{
  UDHA_REPORT_ENTRY_PUBLISHED  = 0,
  UDHA_REPORT_ENTRY_PRIMARY    = 1 << 0, /* 1 ≤ n < T: suppressed */
  UDHA_REPORT_ENTRY_SECONDARY  = 1 << 1, /* complement: suppressed */
  UDHA_REPORT_ENTRY_ROUNDED    = 1 << 2, /* a total rounded to the base (shown with ≈) */
  UDHA_REPORT_ENTRY_STRUCTURAL = 1 << 3, /* a combination that cannot occur; never a complement */
} UdhaReportEntryFlags;

#define UDHA_REPORT_ENTRY_SUPPRESSED (UDHA_REPORT_ENTRY_PRIMARY | UDHA_REPORT_ENTRY_SECONDARY)

/**
 * UdhaReportParams:
 * @from, @to: the period, inclusive, ISO dates "YYYY-MM-DD"
 * @tables: bit (1 << id) for each #UdhaReportTableId wanted; 0 means all
 * @threshold: T, default 5, never below 3
 * @threshold_sensitive: T for trafficking / GBV tables (DOMAIN §10.3), default 10,
 *   never below @threshold
 * @rounding_base: base for totals of lines with suppression, default 5
 * @top_n: citizenships shown before "Other", default 10
 * @period_unit: month or quarter for table 3
 * @by_region: add the qark as a third dimension where the table has room
 * @language: "en" or "sq": labels, titles and footnotes are written in it
 */
typedef struct
{
  char                 *from;
  char                 *to;
  guint                 tables;
  guint                 threshold;
  guint                 threshold_sensitive;
  guint                 rounding_base;
  guint                 top_n;
  UdhaReportPeriodUnit  period_unit;
  gboolean              by_region;
  char                 *language;
} UdhaReportParams;

void              udha_report_params_init       (UdhaReportParams  *params);
void              udha_report_params_clear      (UdhaReportParams  *params);
gboolean          udha_report_params_validate   (const UdhaReportParams *params,
                                                 GError           **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (UdhaReportParams, udha_report_params_clear)

typedef struct _UdhaReportDimension UdhaReportDimension;
typedef struct _UdhaReportTable     UdhaReportTable;
typedef struct _UdhaReport          UdhaReport;

/* A dimension: a stable code ("sex", "age_band", "citizenship", "case_type",
 * "period", "region", "service", "outcome", "vulnerability", "event") and its
 * categories, each with a stable code and a label in the report language. */
const char  *udha_report_dimension_get_code        (const UdhaReportDimension *dim);
const char  *udha_report_dimension_get_title       (const UdhaReportDimension *dim);
guint        udha_report_dimension_get_size        (const UdhaReportDimension *dim);
const char  *udha_report_dimension_get_category    (const UdhaReportDimension *dim,
                                                    guint                      i);
/* i == size gives the translated word for the total ("Total" / "Gjithsej"). */
const char  *udha_report_dimension_get_label       (const UdhaReportDimension *dim,
                                                    guint                      i);

UdhaReportTableId  udha_report_table_get_id        (const UdhaReportTable *table);
const char  *udha_report_table_get_title           (const UdhaReportTable *table);
/* "Persons assisted", "Services delivered", … in the report language */
const char  *udha_report_table_get_measure         (const UdhaReportTable *table);
gboolean     udha_report_table_is_sensitive        (const UdhaReportTable *table);
guint        udha_report_table_get_threshold       (const UdhaReportTable *table);
/* The base rounded totals are rounded to (the report's rounding_base). */
guint        udha_report_table_get_rounding_base   (const UdhaReportTable *table);
gboolean     udha_report_table_is_protected        (const UdhaReportTable *table);
guint        udha_report_table_get_n_dimensions    (const UdhaReportTable *table);
const UdhaReportDimension *
             udha_report_table_get_dimension       (const UdhaReportTable *table,
                                                    guint                  d);
/* Number of entries, totals included: product of (size + 1). */
gsize        udha_report_table_get_n_entries       (const UdhaReportTable *table);
/* coords has n_dimensions items; coords[d] == size means the total along d. */
gsize        udha_report_table_index               (const UdhaReportTable *table,
                                                    const guint           *coords);
void         udha_report_table_coords              (const UdhaReportTable *table,
                                                    gsize                  index,
                                                    guint                 *coords);
/* The published value: -1 if suppressed; a rounded total if ROUNDED. */
gint64       udha_report_table_get_value           (const UdhaReportTable *table,
                                                    gsize                  index);
UdhaReportEntryFlags
             udha_report_table_get_flags           (const UdhaReportTable *table,
                                                    gsize                  index);
guint        udha_report_table_count_flags         (const UdhaReportTable *table,
                                                    UdhaReportEntryFlags   flags);
/* The text a reader sees: "12", "0", "<5", "≈40" (threshold of this table). */
char        *udha_report_table_format_entry        (const UdhaReportTable *table,
                                                    gsize                  index);
/* Footnotes of this table in the report language (suppression, rounding), NULL-terminated. */
GStrv        udha_report_table_get_footnotes       (const UdhaReportTable *table);

/* A report: the protected tables of one run, from one snapshot. */
UdhaReport  *udha_report_ref                       (UdhaReport *report);
void         udha_report_unref                     (UdhaReport *report);
const UdhaReportParams *
             udha_report_get_params                (const UdhaReport *report);
/* Report title, period text and office in the report language.  The office
 * is the only place a name may appear and only in the title page (DOMAIN
 * §10.8 forbids staff and agency identifiers in the tables). */
const char  *udha_report_get_title                 (const UdhaReport *report);
const char  *udha_report_get_period_text           (const UdhaReport *report);
const char  *udha_report_get_office_text           (const UdhaReport *report);
guint        udha_report_get_n_tables              (const UdhaReport *report);
const UdhaReportTable *
             udha_report_get_table                 (const UdhaReport *report,
                                                    guint             i);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdhaReport, udha_report_unref)

/* Writers (udha-report-writers.c / -xlsx.c / -pdf.c).  Each sanitises text
 * cells against formula injection where it applies (DOMAIN §10.10), writes
 * counts as numbers, leaves file metadata empty and writes atomically. */
typedef enum
{
  UDHA_REPORT_FORMAT_CSV,
  UDHA_REPORT_FORMAT_JSON,
  UDHA_REPORT_FORMAT_XLSX,
  UDHA_REPORT_FORMAT_PDF,
} UdhaReportFormat;

gboolean     udha_report_format_from_string        (const char        *text,
                                                    UdhaReportFormat  *format);
const char  *udha_report_format_to_string          (UdhaReportFormat   format);
/* The DOMAIN §10.10 rule: a copy with "'" in front when text starts with
 * = + - @ TAB CR or NUL. */
char        *udha_report_sanitize_cell             (const char        *text);
gboolean     udha_report_write                     (const UdhaReport  *report,
                                                    UdhaReportFormat   format,
                                                    GFile             *file,
                                                    GCancellable      *cancellable,
                                                    GError           **error);

G_END_DECLS
