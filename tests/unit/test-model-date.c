/* test-model-date.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "udha-date.h"

static GDate today;

static void
assert_parse (const char        *text,
              UdhaDateFlags      flags,
              const char        *iso,
              UdhaDatePrecision  precision)
{
  g_autoptr(GError) error = NULL;
  UdhaDate d;
  g_autofree char *out = NULL;

  if (!udha_date_parse (text, flags, &today, "Date", &d, &error))
    g_error ("%s: %s", text, error->message);
  out = udha_date_to_iso (&d);
  g_assert_cmpstr (out, ==, iso);
  g_assert_cmpint (d.precision, ==, precision);
}

static void
assert_refused (const char    *text,
                UdhaDateFlags  flags)
{
  g_autoptr(GError) error = NULL;
  UdhaDate d;

  if (udha_date_parse (text, flags, &today, "Date of birth", &d, &error))
    g_error ("accepted %s", text);
  g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_DATE);
  g_assert_true (g_str_has_prefix (error->message, "Date of birth"));
  g_assert_cmpint (d.precision, ==, UDHA_DATE_PRECISION_NONE);
}

static void
test_date_parse (void)
{
  assert_parse ("12.03.2026", 0, "2026-03-12", UDHA_DATE_PRECISION_DAY);
  assert_parse ("2.3.2026", 0, "2026-03-02", UDHA_DATE_PRECISION_DAY);
  assert_parse (" 02/03/1990 ", 0, "1990-03-02", UDHA_DATE_PRECISION_DAY);
  assert_parse ("12.03.2026.", 0, "2026-03-12", UDHA_DATE_PRECISION_DAY);
  assert_parse ("1990-05-17", 0, "1990-05-17", UDHA_DATE_PRECISION_DAY);
  assert_parse ("29.02.2024", 0, "2024-02-29", UDHA_DATE_PRECISION_DAY);
  assert_parse ("1990", UDHA_DATE_ALLOW_PARTIAL, "1990", UDHA_DATE_PRECISION_YEAR);
  assert_parse ("05.1990", UDHA_DATE_ALLOW_PARTIAL, "1990-05", UDHA_DATE_PRECISION_MONTH);
  assert_parse ("5.1990", UDHA_DATE_ALLOW_PARTIAL, "1990-05", UDHA_DATE_PRECISION_MONTH);
  assert_parse ("1990-05", UDHA_DATE_ALLOW_PARTIAL, "1990-05", UDHA_DATE_PRECISION_MONTH);

  assert_refused ("", 0);
  assert_refused ("yesterday", 0);
  assert_refused ("12.03.26", 0);
  assert_refused ("31.02.2026", 0);
  assert_refused ("00.01.2026", 0);
  assert_refused ("12.13.2026", 0);
  assert_refused ("29.02.2025", 0);
  assert_refused ("12.03-2026", 0);
  assert_refused ("1990", 0);
  assert_refused ("05.1990", 0);
  assert_refused ("13.1990", UDHA_DATE_ALLOW_PARTIAL);
  assert_refused ("12..2026", 0);
  assert_refused ("1.2.3.2026", 0);
  assert_refused ("12.03.20266", 0);
}

static void
test_date_dob (void)
{
  g_autoptr(GError) error = NULL;
  UdhaDate d;

  g_assert_true (udha_date_parse_dob ("12.03.2026", &today, NULL, &d, &error));
  g_assert_true (udha_date_parse_dob ("2026", &today, NULL, &d, &error));
  g_assert_true (udha_date_parse_dob ("03.2026", &today, NULL, &d, &error));
  g_assert_true (udha_date_parse_dob ("1900", &today, NULL, &d, &error));
  g_assert_no_error (error);

  g_assert_false (udha_date_parse_dob ("13.03.2026", &today, NULL, &d, &error));
  g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_DATE);
  g_assert_cmpstr (error->message, ==, "Date of birth: the date cannot be in the future.");
  g_clear_error (&error);

  g_assert_false (udha_date_parse_dob ("04.2026", &today, "--dob", &d, &error));
  g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_DATE);
  g_assert_true (g_str_has_prefix (error->message, "--dob"));
  g_clear_error (&error);

  g_assert_false (udha_date_parse_dob ("31.12.1899", &today, NULL, &d, &error));
  g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_DATE);
  g_assert_nonnull (strstr (error->message, "1900"));
  g_clear_error (&error);

  /* The message never repeats the value */
  g_assert_false (udha_date_parse_dob ("17.05.19x0", &today, NULL, &d, &error));
  g_assert_null (strstr (error->message, "19x0"));
}

static void
test_date_iso (void)
{
  UdhaDate d;
  g_autofree char *display = NULL;

  g_assert_true (udha_date_from_iso ("2026-03-12", &d));
  g_assert_cmpint (d.year, ==, 2026);
  g_assert_cmpint (d.month, ==, 3);
  g_assert_cmpint (d.day, ==, 12);
  display = udha_date_to_display (&d);
  g_assert_cmpstr (display, ==, "12.03.2026");
  g_assert_true (udha_date_from_iso ("1990-05", &d));
  g_assert_cmpint (d.precision, ==, UDHA_DATE_PRECISION_MONTH);
  g_assert_true (udha_date_from_iso ("1990", &d));
  g_assert_cmpint (d.precision, ==, UDHA_DATE_PRECISION_YEAR);

  g_assert_false (udha_date_from_iso ("12.03.2026", &d));
  g_assert_false (udha_date_from_iso ("2026-02-30", &d));
  g_assert_false (udha_date_from_iso ("2026-3-12", &d));
  g_assert_false (udha_date_from_iso ("", &d));
  g_assert_false (udha_date_from_iso (NULL, &d));
  g_assert_false (udha_date_is_set (&d));
  g_assert_null (udha_date_to_iso (&d));
}

static void
test_date_age (void)
{
  UdhaDate dob = { 2008, 3, 12, UDHA_DATE_PRECISION_DAY };
  UdhaDate dob_leap = { 2008, 2, 29, UDHA_DATE_PRECISION_DAY };
  UdhaDate year = { 2008, 0, 0, UDHA_DATE_PRECISION_YEAR };
  UdhaDate month = { 2008, 4, 0, UDHA_DATE_PRECISION_MONTH };
  UdhaDate none = { 0, 0, 0, UDHA_DATE_PRECISION_NONE };
  GDate before, recorded;

  /* today = 12.03.2026 */
  g_assert_cmpint (udha_date_age (&dob, &today), ==, 18);
  g_assert_false (udha_date_is_minor (&dob, -1, NULL, &today));

  g_date_clear (&before, 1);
  g_date_set_dmy (&before, 11, 3, 2026);
  g_assert_cmpint (udha_date_age (&dob, &before), ==, 17);
  g_assert_true (udha_date_is_minor (&dob, -1, NULL, &before));

  /* 29 February: 18 on 1 March in a common year */
  g_date_set_dmy (&before, 28, 2, 2026);
  g_assert_cmpint (udha_date_age (&dob_leap, &before), ==, 17);
  g_date_set_dmy (&before, 1, 3, 2026);
  g_assert_cmpint (udha_date_age (&dob_leap, &before), ==, 18);

  /* Partial: the benefit of the doubt */
  g_assert_cmpint (udha_date_age (&year, &today), ==, 17);
  g_assert_true (udha_date_is_minor (&year, -1, NULL, &today));
  g_assert_cmpint (udha_date_age (&month, &today), ==, 17);

  /* Estimated age grows with time */
  g_date_clear (&recorded, 1);
  g_date_set_dmy (&recorded, 1, 1, 2024);
  g_assert_cmpint (udha_date_age_from_estimate (16, &recorded, &today), ==, 18);
  g_assert_false (udha_date_is_minor (&none, 16, &recorded, &today));
  g_assert_true (udha_date_is_minor (&none, 16, NULL, &today));
  g_assert_false (udha_date_is_minor (&none, -1, NULL, &today));
  g_assert_cmpint (udha_date_age (&none, &today), ==, -1);
}

static void
test_date_check_age (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (udha_date_check_age (0, NULL, &error));
  g_assert_true (udha_date_check_age (120, NULL, &error));
  g_assert_false (udha_date_check_age (121, "--age", &error));
  g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "--age"));
  g_clear_error (&error);
  g_assert_false (udha_date_check_age (-1, NULL, &error));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 12, 3, 2026);

  g_test_add_func ("/udha/model/date/parse", test_date_parse);
  g_test_add_func ("/udha/model/date/dob", test_date_dob);
  g_test_add_func ("/udha/model/date/iso", test_date_iso);
  g_test_add_func ("/udha/model/date/age", test_date_age);
  g_test_add_func ("/udha/model/date/check-age", test_date_check_age);

  return g_test_run ();
}
