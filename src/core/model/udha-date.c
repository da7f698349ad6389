/* udha-date.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "udha-date"

#include "config.h"

#include "udha-date.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

/*
 * Dates as Albanian users type them (dd.mm.yyyy), ISO dates as stored
 * (yyyy-mm-dd), and partial dates of birth (yyyy, mm.yyyy, yyyy-mm).
 *
 * Error messages name the field but never repeat the value: a date of birth is
 * personal data (DOMAIN.md §2, class Q).
 *
 * Ages from a partial date of birth are the *smallest* possible age (the person
 * is taken to be born on the last possible day). In doubt a person is treated as
 * a child, as child-protection practice requires.
 */

/*
 * Auxiliary methods
 */

static const char *
field_or_default (const char *field_name)
{
  return field_name != NULL ? field_name : _("Date");
}

static void
set_date_error (GError     **error,
                const char  *field_name)
{
  g_set_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_DATE,
               /* Translators: %s is a field name such as "Date of birth" */
               _("%s: not a valid date. Type it as dd.mm.yyyy, for example 12.03.2026."),
               field_or_default (field_name));
}

/* Splits "12.03.2026" into numbers and separators; FALSE on anything else */
static gboolean
split_numbers (const char *s,
               int         numbers[3],
               int         digits[3],
               char        seps[2],
               int        *n_numbers)
{
  int n = 0;

  while (*s != '\0')
    {
      int value = 0;
      int len = 0;

      if (n == 3)
        return FALSE;
      while (g_ascii_isdigit (*s))
        {
          if (len >= 4)
            return FALSE;
          value = value * 10 + (*s - '0');
          len++;
          s++;
        }
      if (len == 0)
        return FALSE;
      numbers[n] = value;
      digits[n] = len;
      n++;

      if (*s == '\0')
        break;
      if (*s != '.' && *s != '/' && *s != '-')
        return FALSE;
      if (n > 2)
        return FALSE;
      seps[n - 1] = *s;
      s++;
      if (*s == '\0')
        return FALSE;
    }

  *n_numbers = n;
  return n > 0;
}

static void
to_gdate (int    year,
          int    month,
          int    day,
          GDate *out)
{
  g_date_clear (out, 1);
  g_date_set_dmy (out, day, month, year);
}

/*
 * Public API
 */

/**
 * udha_date_get_today:
 * @out: (out caller-allocates): today's local date
 */
void
udha_date_get_today (GDate *out)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (out, 1);
  g_date_set_dmy (out, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

gboolean
udha_date_is_set (const UdhaDate *date)
{
  return date != NULL && date->precision != UDHA_DATE_PRECISION_NONE;
}

/**
 * udha_date_earliest:
 * @date: a set date
 * @out: (out caller-allocates): the first day @date can mean (1 January for a year)
 */
void
udha_date_earliest (const UdhaDate *date,
                    GDate          *out)
{
  g_return_if_fail (udha_date_is_set (date));

  to_gdate (date->year,
            date->precision >= UDHA_DATE_PRECISION_MONTH ? date->month : 1,
            date->precision == UDHA_DATE_PRECISION_DAY ? date->day : 1,
            out);
}

/**
 * udha_date_latest:
 * @date: a set date
 * @out: (out caller-allocates): the last day @date can mean (31 December for a year)
 */
void
udha_date_latest (const UdhaDate *date,
                  GDate          *out)
{
  int month, day;

  g_return_if_fail (udha_date_is_set (date));

  month = date->precision >= UDHA_DATE_PRECISION_MONTH ? date->month : 12;
  if (date->precision == UDHA_DATE_PRECISION_DAY)
    day = date->day;
  else
    day = g_date_get_days_in_month (month, date->year);
  to_gdate (date->year, month, day, out);
}

/**
 * udha_date_validate:
 * @date: a date
 * @flags: what to refuse
 * @today: (nullable): today, %NULL for the local date (tests pass a fixed day)
 * @field_name: (nullable): the field, for the message
 * @error: return location for a #GError
 *
 * Returns: %TRUE if @date is a real calendar date that passes @flags; otherwise
 *   %UDHA_MODEL_ERROR_DATE
 */
gboolean
udha_date_validate (const UdhaDate  *date,
                    UdhaDateFlags    flags,
                    const GDate     *today,
                    const char      *field_name,
                    GError         **error)
{
  GDate now;
  GDate earliest;

  g_return_val_if_fail (date != NULL, FALSE);

  if (date->precision == UDHA_DATE_PRECISION_NONE ||
      date->precision > UDHA_DATE_PRECISION_DAY ||
      date->year < 1 || date->year > 9999 ||
      (date->precision >= UDHA_DATE_PRECISION_MONTH && (date->month < 1 || date->month > 12)) ||
      (date->precision == UDHA_DATE_PRECISION_DAY &&
       !g_date_valid_dmy (date->day, date->month, date->year)))
    {
      g_set_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_DATE,
                   /* Translators: %s is a field name */
                   _("%s: there is no such date."), field_or_default (field_name));
      return FALSE;
    }

  if (date->precision != UDHA_DATE_PRECISION_DAY && (flags & UDHA_DATE_ALLOW_PARTIAL) == 0)
    {
      g_set_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_DATE,
                   /* Translators: %s is a field name */
                   _("%s: type the full date as dd.mm.yyyy."), field_or_default (field_name));
      return FALSE;
    }

  if ((flags & UDHA_DATE_NOT_BEFORE_1900) != 0 && date->year < 1900)
    {
      g_set_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_DATE,
                   /* Translators: %s is a field name */
                   _("%s: the year cannot be before 1900."), field_or_default (field_name));
      return FALSE;
    }

  if ((flags & UDHA_DATE_NOT_FUTURE) != 0)
    {
      if (today == NULL)
        {
          udha_date_get_today (&now);
          today = &now;
        }
      udha_date_earliest (date, &earliest);
      if (g_date_compare (&earliest, today) > 0)
        {
          g_set_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_DATE,
                       /* Translators: %s is a field name such as "Date of birth" */
                       _("%s: the date cannot be in the future."), field_or_default (field_name));
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * udha_date_parse:
 * @text: what the user typed
 * @flags: partial dates allowed? future dates refused? years before 1900 refused?
 * @today: (nullable): today, %NULL for the local date
 * @field_name: (nullable): the field, for the message ("Date of birth", "--dob")
 * @out: (out caller-allocates): the date
 * @error: return location for a #GError
 *
 * Accepts "dd.mm.yyyy" and "d.m.yyyy" (also with "/" or "-"), ISO "yyyy-mm-dd",
 * and with %UDHA_DATE_ALLOW_PARTIAL "yyyy", "mm.yyyy" and "yyyy-mm". Surrounding
 * spaces and one trailing dot are ignored. Two-digit years are refused.
 *
 * Returns: %TRUE on success; otherwise %UDHA_MODEL_ERROR_DATE, naming the field
 */
gboolean
udha_date_parse (const char     *text,
                 UdhaDateFlags   flags,
                 const GDate    *today,
                 const char     *field_name,
                 UdhaDate       *out,
                 GError        **error)
{
  g_autofree char *s = NULL;
  int numbers[3] = { 0, };
  int digits[3] = { 0, };
  char seps[2] = { 0, };
  int n = 0;
  UdhaDate d = { 0, 0, 0, UDHA_DATE_PRECISION_NONE };

  g_return_val_if_fail (out != NULL, FALSE);

  *out = d;

  if (text == NULL)
    {
      set_date_error (error, field_name);
      return FALSE;
    }

  s = g_strstrip (g_strdup (text));
  if (*s != '\0' && s[strlen (s) - 1] == '.')
    s[strlen (s) - 1] = '\0';

  if (!split_numbers (s, numbers, digits, seps, &n))
    {
      set_date_error (error, field_name);
      return FALSE;
    }

  if (n == 1 && digits[0] == 4)
    d = (UdhaDate) { numbers[0], 0, 0, UDHA_DATE_PRECISION_YEAR };
  else if (n == 2 && digits[0] == 4 && digits[1] <= 2 && seps[0] == '-')
    d = (UdhaDate) { numbers[0], numbers[1], 0, UDHA_DATE_PRECISION_MONTH };
  else if (n == 2 && digits[0] <= 2 && digits[1] == 4)
    d = (UdhaDate) { numbers[1], numbers[0], 0, UDHA_DATE_PRECISION_MONTH };
  else if (n == 3 && digits[0] == 4 && digits[1] <= 2 && digits[2] <= 2 &&
           seps[0] == '-' && seps[1] == '-')
    d = (UdhaDate) { numbers[0], numbers[1], numbers[2], UDHA_DATE_PRECISION_DAY };
  else if (n == 3 && digits[0] <= 2 && digits[1] <= 2 && digits[2] == 4 && seps[0] == seps[1])
    d = (UdhaDate) { numbers[2], numbers[1], numbers[0], UDHA_DATE_PRECISION_DAY };
  else
    {
      set_date_error (error, field_name);
      return FALSE;
    }

  if (!udha_date_validate (&d, flags, today, field_name, error))
    return FALSE;

  *out = d;
  return TRUE;
}

/**
 * udha_date_parse_dob:
 *
 * udha_date_parse() with %UDHA_DATE_DOB_FLAGS: partial dates allowed, no date in
 * the future, no year before 1900. @field_name %NULL means "Date of birth".
 */
gboolean
udha_date_parse_dob (const char   *text,
                     const GDate  *today,
                     const char   *field_name,
                     UdhaDate     *out,
                     GError      **error)
{
  return udha_date_parse (text, UDHA_DATE_DOB_FLAGS, today,
                          field_name != NULL ? field_name : _("Date of birth"),
                          out, error);
}

/**
 * udha_date_from_iso:
 * @iso: (nullable): a stored value: "2026-03-12", "1990-05" or "1990"
 * @out: (out caller-allocates): the date
 *
 * Strict reader for values written by udha_date_to_iso().
 *
 * Returns: %TRUE if @iso is one of the three forms and a real date
 */
gboolean
udha_date_from_iso (const char *iso,
                    UdhaDate   *out)
{
  UdhaDate d = { 0, 0, 0, UDHA_DATE_PRECISION_NONE };
  gsize len;

  g_return_val_if_fail (out != NULL, FALSE);
  *out = d;

  if (iso == NULL)
    return FALSE;
  len = strlen (iso);

  for (gsize i = 0; i < len; i++)
    {
      gboolean dash = (i == 4 || i == 7);

      if (dash ? iso[i] != '-' : !g_ascii_isdigit (iso[i]))
        return FALSE;
    }

  if (len == 4)
    d = (UdhaDate) { atoi (iso), 0, 0, UDHA_DATE_PRECISION_YEAR };
  else if (len == 7)
    d = (UdhaDate) { atoi (iso), atoi (iso + 5), 0, UDHA_DATE_PRECISION_MONTH };
  else if (len == 10)
    d = (UdhaDate) { atoi (iso), atoi (iso + 5), atoi (iso + 8), UDHA_DATE_PRECISION_DAY };
  else
    return FALSE;

  if (!udha_date_validate (&d, UDHA_DATE_ALLOW_PARTIAL, NULL, NULL, NULL))
    return FALSE;

  *out = d;
  return TRUE;
}

/**
 * udha_date_to_iso:
 *
 * Returns: (transfer full) (nullable): "2026-03-12", "1990-05" or "1990" for
 *   storage; %NULL if @date is not set
 */
char *
udha_date_to_iso (const UdhaDate *date)
{
  if (!udha_date_is_set (date))
    return NULL;

  switch (date->precision)
    {
    case UDHA_DATE_PRECISION_YEAR:
      return g_strdup_printf ("%04d", date->year);
    case UDHA_DATE_PRECISION_MONTH:
      return g_strdup_printf ("%04d-%02d", date->year, date->month);
    case UDHA_DATE_PRECISION_DAY:
      return g_strdup_printf ("%04d-%02d-%02d", date->year, date->month, date->day);
    case UDHA_DATE_PRECISION_NONE:
    default:
      return NULL;
    }
}

/**
 * udha_date_to_display:
 *
 * Returns: (transfer full) (nullable): "12.03.2026", "05.1990" or "1990", the
 *   order Albanian forms use; %NULL if @date is not set
 */
char *
udha_date_to_display (const UdhaDate *date)
{
  if (!udha_date_is_set (date))
    return NULL;

  switch (date->precision)
    {
    case UDHA_DATE_PRECISION_YEAR:
      return g_strdup_printf ("%04d", date->year);
    case UDHA_DATE_PRECISION_MONTH:
      return g_strdup_printf ("%02d.%04d", date->month, date->year);
    case UDHA_DATE_PRECISION_DAY:
      return g_strdup_printf ("%02d.%02d.%04d", date->day, date->month, date->year);
    case UDHA_DATE_PRECISION_NONE:
    default:
      return NULL;
    }
}

/**
 * udha_date_age:
 * @dob: a date of birth, maybe partial
 * @on: (nullable): the day to compute the age on, %NULL for today
 *
 * Returns: the age in completed years on @on; for a partial date the smallest
 *   possible age; 0 if @on is before the birth; -1 if @dob is not set
 */
int
udha_date_age (const UdhaDate *dob,
               const GDate    *on)
{
  GDate now;
  GDate birth;
  int age;

  if (!udha_date_is_set (dob))
    return -1;
  if (on == NULL)
    {
      udha_date_get_today (&now);
      on = &now;
    }

  udha_date_latest (dob, &birth);
  if (g_date_compare (on, &birth) < 0)
    return 0;

  age = g_date_get_year (on) - g_date_get_year (&birth);
  if (g_date_get_month (on) < g_date_get_month (&birth) ||
      (g_date_get_month (on) == g_date_get_month (&birth) &&
       g_date_get_day (on) < g_date_get_day (&birth)))
    age--;

  return MAX (age, 0);
}

/**
 * udha_date_age_from_estimate:
 * @estimated_age: the age recorded, or -1
 * @recorded_on: (nullable): when it was recorded; %NULL means @on
 * @on: (nullable): the day to compute the age on, %NULL for today
 *
 * Returns: @estimated_age plus the completed years since @recorded_on, or -1
 */
int
udha_date_age_from_estimate (int          estimated_age,
                             const GDate *recorded_on,
                             const GDate *on)
{
  GDate now;
  UdhaDate rec;
  int elapsed;

  if (estimated_age < 0)
    return -1;
  if (recorded_on == NULL)
    return estimated_age;
  if (on == NULL)
    {
      udha_date_get_today (&now);
      on = &now;
    }

  rec = (UdhaDate) { g_date_get_year (recorded_on), g_date_get_month (recorded_on),
                     g_date_get_day (recorded_on), UDHA_DATE_PRECISION_DAY };
  elapsed = udha_date_age (&rec, on);

  return estimated_age + MAX (elapsed, 0);
}

/**
 * udha_date_is_minor:
 * @dob: (nullable): date of birth, maybe partial or not set
 * @estimated_age: the estimated age when there is no date of birth, or -1
 * @recorded_on: (nullable): when the estimated age was recorded
 * @on: (nullable): the day, %NULL for today
 *
 * "Minor" is derived, never entered (DOMAIN.md §2). A partial date of birth gives
 * the benefit of the doubt: born in 2008 counts as a minor until the end of 2026.
 *
 * Returns: %TRUE if the person is (or may be) under 18 on @on; %FALSE when
 *   neither a date of birth nor an age is known
 */
gboolean
udha_date_is_minor (const UdhaDate *dob,
                    int             estimated_age,
                    const GDate    *recorded_on,
                    const GDate    *on)
{
  int age;

  if (udha_date_is_set (dob))
    age = udha_date_age (dob, on);
  else
    age = udha_date_age_from_estimate (estimated_age, recorded_on, on);

  return age >= 0 && age < UDHA_AGE_OF_MAJORITY;
}

/**
 * udha_date_check_age:
 * @age: an estimated age in years
 * @field_name: (nullable): the field, %NULL for "Estimated age"
 *
 * Returns: %TRUE if 0 ≤ @age ≤ %UDHA_AGE_MAX; otherwise %UDHA_MODEL_ERROR_INVALID
 */
gboolean
udha_date_check_age (int          age,
                     const char  *field_name,
                     GError     **error)
{
  if (age >= 0 && age <= UDHA_AGE_MAX)
    return TRUE;

  g_set_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID,
               /* Translators: %s is a field name, %d a number of years */
               _("%s: the age must be between 0 and %d years."),
               field_name != NULL ? field_name : _("Estimated age"), UDHA_AGE_MAX);
  return FALSE;
}
