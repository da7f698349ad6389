/* udha-date.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "udha-model-error.h"

G_BEGIN_DECLS

/**
 * UdhaDatePrecision:
 * @UDHA_DATE_PRECISION_NONE: no date
 * @UDHA_DATE_PRECISION_YEAR: year only ("1990")
 * @UDHA_DATE_PRECISION_MONTH: year and month ("05.1990")
 * @UDHA_DATE_PRECISION_DAY: a full date
 */
typedef enum
{
  UDHA_DATE_PRECISION_NONE,
  UDHA_DATE_PRECISION_YEAR,
  UDHA_DATE_PRECISION_MONTH,
  UDHA_DATE_PRECISION_DAY,
} UdhaDatePrecision;

/**
 * UdhaDate:
 * @year: the year, or 0
 * @month: 1–12, or 0 below month precision
 * @day: 1–31, or 0 below day precision
 * @precision: how much is known
 *
 * A calendar date that may be partial (DOMAIN.md §2 #12: a date of birth may be a
 * year, or a year and a month).
 */
typedef struct
{
  int               year;
  int               month;
  int               day;
  UdhaDatePrecision precision;
} UdhaDate;

/**
 * UdhaDateFlags:
 * @UDHA_DATE_ALLOW_PARTIAL: accept "yyyy" and "mm.yyyy" / "yyyy-mm"
 * @UDHA_DATE_NOT_FUTURE: refuse a date after today
 * @UDHA_DATE_NOT_BEFORE_1900: refuse a year before 1900
 */
typedef enum
{
  UDHA_DATE_FLAGS_NONE      = 0,
  UDHA_DATE_ALLOW_PARTIAL   = 1 << 0,
  UDHA_DATE_NOT_FUTURE      = 1 << 1,
  UDHA_DATE_NOT_BEFORE_1900 = 1 << 2,
} UdhaDateFlags;

#define UDHA_DATE_DOB_FLAGS (UDHA_DATE_ALLOW_PARTIAL | UDHA_DATE_NOT_FUTURE | UDHA_DATE_NOT_BEFORE_1900)
#define UDHA_AGE_OF_MAJORITY 18
#define UDHA_AGE_MAX 120

gboolean  udha_date_parse            (const char     *text,
                                      UdhaDateFlags   flags,
                                      const GDate    *today,
                                      const char     *field_name,
                                      UdhaDate       *out,
                                      GError        **error);
gboolean  udha_date_parse_dob        (const char     *text,
                                      const GDate    *today,
                                      const char     *field_name,
                                      UdhaDate       *out,
                                      GError        **error);
gboolean  udha_date_validate         (const UdhaDate *date,
                                      UdhaDateFlags   flags,
                                      const GDate    *today,
                                      const char     *field_name,
                                      GError        **error);
gboolean  udha_date_from_iso         (const char     *iso,
                                      UdhaDate       *out);
char     *udha_date_to_iso           (const UdhaDate *date);
char     *udha_date_to_display       (const UdhaDate *date);
gboolean  udha_date_is_set           (const UdhaDate *date);
void      udha_date_earliest         (const UdhaDate *date,
                                      GDate          *out);
void      udha_date_latest           (const UdhaDate *date,
                                      GDate          *out);
void      udha_date_get_today        (GDate          *out);
int       udha_date_age              (const UdhaDate *dob,
                                      const GDate    *on);
int       udha_date_age_from_estimate (int            estimated_age,
                                      const GDate    *recorded_on,
                                      const GDate    *on);
gboolean  udha_date_is_minor         (const UdhaDate *dob,
                                      int             estimated_age,
                                      const GDate    *recorded_on,
                                      const GDate    *on);
gboolean  udha_date_check_age        (int             age,
                                      const char     *field_name,
                                      GError        **error);

G_END_DECLS
