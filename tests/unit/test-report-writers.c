/* test-report-writers.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The report writers (CSV, XLSX, PDF) and the charts:
 *
 *  - the same figures in every format: the XLSX is converted back to CSV by
 *    LibreOffice, the PDF read back with pdftotext, and every published
 *    figure, "<5" and "≈" marker and footnote is found in each;
 *  - counts are numeric cells in the XLSX;
 *  - formula injection (DOMAIN.md §10.10) in CSV and XLSX;
 *  - no author, creator or company in the file metadata (§10.8);
 *  - atomic writes; Albanian output;
 *  - no personal data in any format: a scanner that finds a planted name,
 *    and finds nothing in a clean report;
 *  - charts in both styles with long labels. */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "udha-chart.h"
#include "udha-core.h"
#include "udha-demo.h"
#include "udha-report-private.h"
#include "udha-session-report.h"
#include "udha-session.h"

typedef struct
{
  char *dir;
} Fixture;

static void
rm_rf (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      rm_rf (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("udha-writers-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  rm_rf (f->dir);
  g_free (f->dir);
}

/* Building reports ---------------------------------------------------------- */

static UdhaReportParams *
params_new (const char *language)
{
  UdhaReportParams *p = g_new0 (UdhaReportParams, 1);

  udha_report_params_init (p);
  p->from = g_strdup ("2026-01-01");
  p->to = g_strdup ("2026-03-31");
  g_free (p->language);
  p->language = g_strdup (language);
  return p;
}

static void
params_free (UdhaReportParams *p)
{
  udha_report_params_clear (p);
  g_free (p);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdhaReportParams, params_free)

static UdhaReportDimension *
dimension (const char         *code,
           const char         *title,
           const char * const *labels)
{
  UdhaReportDimension *dim = udha_report_dimension_new (code, title, "Total");

  for (guint i = 0; labels[i] != NULL; i++)
    {
      g_autofree char *category = g_strdup_printf ("%s_%u", code, i);

      udha_report_dimension_add (dim, category, labels[i]);
    }
  return dim;
}

/* Fills the cells of a 2- or 3-D table from a seed: mostly large counts,
 * with a few small ones so that suppression and rounding happen. */
static void
fill (UdhaReportTable *table,
      guint            seed)
{
  gsize n = udha_report_table_get_n_entries (table);
  guint n_dims = udha_report_table_get_n_dimensions (table);

  for (gsize i = 0; i < n; i++)
    {
      guint coords[3];
      gboolean total = FALSE;
      guint v;

      udha_report_table_coords (table, i, coords);
      for (guint d = 0; d < n_dims; d++)
        if (coords[d] == udha_report_dimension_get_size (udha_report_table_get_dimension (table, d)))
          total = TRUE;
      if (total)
        continue;
      v = (guint) ((i * 7919 + seed * 104729) % 97);
      if (v % 11 == 0)
        v = 0;
      else if (v % 7 == 0)
        v = 1 + v % 4;
      udha_report_table_set_true_value (table, i, v);
    }
  udha_report_table_compute_totals (table);
}

static const char * const sexes[] = { "Female", "Male", "Other / not stated", NULL };
static const char * const ages[] = { "0-4 years", "5-11 years", "12-17 years", "18-59 years", "60 years or older", NULL };
static const char * const types[] = { "Protection", "Counter-trafficking", "Unaccompanied or separated child", NULL };
static const char * const months[] = { "January 2026", "February 2026", "March 2026", NULL };
static const char * const events[] = { "Opened", "Closed", NULL };
static const char * const services[] = { "Legal assistance", "Safe accommodation", "Psychosocial support",
                                         "Health care and medical treatment", NULL };
static const char * const outcomes[] = { "Service provided", "Partly provided", "Not provided", NULL };

/* Tables 1, 3 (three dimensions), 4 and 5; @extra_labels are added as
 * categories of table 1's rows (for the injection and leak tests). */
static UdhaReport *
make_report (const char         *language,
             const char * const *extra_labels,
             const char         *office)
{
  g_autoptr(UdhaReportParams) params = params_new (language);
  UdhaReport *report = udha_report_new (params, "Assistance report", "1 January 2026 – 31 March 2026",
                                        office);
  UdhaReportDimension *dims[3];
  UdhaReportTable *table;

  dims[0] = dimension ("sex", "Sex", sexes);
  if (extra_labels != NULL)
    for (guint i = 0; extra_labels[i] != NULL; i++)
      udha_report_dimension_add (dims[0], extra_labels[i], extra_labels[i]);
  dims[1] = dimension ("age_band", "Age", ages);
  table = udha_report_table_new (UDHA_REPORT_TABLE_PERSONS_SEX_AGE, "Persons assisted by sex and age",
                                 "Persons assisted", FALSE, 5, 2, dims);
  fill (table, 1);
  udha_report_add_table (report, table);

  dims[0] = dimension ("case_type", "Case type", types);
  dims[1] = dimension ("period", "Month", months);
  dims[2] = dimension ("event", "Event", events);
  table = udha_report_table_new (UDHA_REPORT_TABLE_CASES_TYPE_PERIOD, "Cases opened and closed",
                                 "Cases", FALSE, 5, 3, dims);
  fill (table, 3);
  udha_report_add_table (report, table);

  dims[0] = dimension ("service", "Service", services);
  dims[1] = dimension ("sex", "Sex", sexes);
  table = udha_report_table_new (UDHA_REPORT_TABLE_SERVICES_TYPE_SEX, "Services delivered by sex",
                                 "Services delivered", FALSE, 5, 2, dims);
  fill (table, 4);
  udha_report_add_table (report, table);

  dims[0] = dimension ("service", "Service", services);
  dims[1] = dimension ("outcome", "Outcome", outcomes);
  table = udha_report_table_new (UDHA_REPORT_TABLE_REFERRALS_SERVICE_OUTCOME, "Referrals by outcome",
                                 "Referrals", FALSE, 5, 2, dims);
  fill (table, 5);
  udha_report_add_table (report, table);

  udha_report_protect (report);
  return report;
}

/* The figures of a table as a reader sees them, in the writers' order:
 * block by block, row by row, column by column. */
static GPtrArray *
expected_figures (const UdhaReportTable *table)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  guint n_rows = udha_report_dimension_get_size (udha_report_table_get_dimension (table, 0)) + 1;
  guint n_cols = udha_report_dimension_get_size (udha_report_table_get_dimension (table, 1)) + 1;
  guint n_blocks = 1;

  if (udha_report_table_get_n_dimensions (table) == 3)
    n_blocks = udha_report_dimension_get_size (udha_report_table_get_dimension (table, 2)) + 1;

  for (guint b = 0; b < n_blocks; b++)
    for (guint r = 0; r < n_rows; r++)
      for (guint c = 0; c < n_cols; c++)
        {
          guint coords[3] = { r, c, b };

          g_ptr_array_add (out, udha_report_table_format_entry (table, udha_report_table_index (table, coords)));
        }
  return out;
}

static gboolean
is_figure (const char *token)
{
  static GRegex *regex;

  if (regex == NULL)
    regex = g_regex_new ("^(\\d+|<\\d+|≈\\d+|–)$", G_REGEX_OPTIMIZE, 0, NULL);
  return g_regex_match (regex, token, 0, NULL);
}

/* Files and tools ----------------------------------------------------------- */

static char *
write_format (Fixture          *f,
              const UdhaReport *report,
              UdhaReportFormat  format,
              const char       *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (udha_report_write (report, format, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return g_steal_pointer (&path);
}

static gboolean
have_tool (const char *tool)
{
  g_autofree char *found = g_find_program_in_path (tool);

  return found != NULL;
}

static char *
run (const char * const *argv,
     const char * const *envp)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, (char **) envp,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s", argv[0], error->message);
  return out;
}

static char *
pdf_text (const char *path,
          gboolean    layout)
{
  const char *argv[] = { "pdftotext", layout ? "-layout" : "-raw", "-enc", "UTF-8", path, "-", NULL };

  return run (argv, NULL);
}

static char *
unzip_member (const char *path,
              const char *member)
{
  const char *argv[] = { "unzip", "-p", path, member, NULL };

  return run (argv, NULL);
}

/* Converts every sheet of @xlsx to CSV with LibreOffice, in a private
 * profile, into @outdir: one <stem>-<sheet name>.csv per sheet. */
static void
xlsx_to_csv (Fixture    *f,
             const char *xlsx,
             const char *outdir)
{
  g_autofree char *home = g_build_filename (f->dir, "lo-home", NULL);
  g_autofree char *profile = g_strconcat ("-env:UserInstallation=file://", home, "/profile", NULL);
  g_autofree char *home_env = g_strconcat ("HOME=", home, NULL);
  g_autofree char *unused = NULL;
  const char *argv[] = {
    "soffice", "--headless", "--norestore", profile, "--convert-to",
    /* separator, quote, UTF-8, first line, -, -, -, -, as shown, -, -, every sheet */
    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
    "--outdir", outdir, xlsx, NULL
  };
  const char *envp[] = { home_env, "PATH=/usr/bin:/bin", "LC_ALL=C.UTF-8", NULL };

  g_mkdir_with_parents (home, 0700);
  g_mkdir_with_parents (outdir, 0700);
  unused = run (argv, envp);
}

/* The CSV fields of @text that are figures, in order. */
static GPtrArray *
csv_figures (const char *text)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = text;; p++)
    {
      if (quoted)
        {
          if (*p == '\0')
            break;
          if (*p == '"' && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p++;
            }
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, *p);
          continue;
        }
      if (*p == '"')
        quoted = TRUE;
      else if (*p == ',' || *p == '\n' || *p == '\r' || *p == '\0')
        {
          if (field->len > 0 && is_figure (field->str))
            g_ptr_array_add (out, g_strdup (field->str));
          g_string_truncate (field, 0);
          if (*p == '\0')
            break;
        }
      else
        g_string_append_c (field, *p);
    }
  return out;
}

static void
assert_same_figures (GPtrArray  *expected,
                     guint       offset,
                     GPtrArray  *found,
                     const char *what)
{
  g_assert_cmpuint (found->len, >=, offset + expected->len);
  for (guint i = 0; i < expected->len; i++)
    if (g_strcmp0 (g_ptr_array_index (expected, i), g_ptr_array_index (found, offset + i)) != 0)
      g_error ("%s: figure %u is “%s”, expected “%s”", what, i,
               (const char *) g_ptr_array_index (found, offset + i),
               (const char *) g_ptr_array_index (expected, i));
}

/* Collapses all white space, so text wrapped over lines can be searched. */
static char *
squash (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p) || *p == '\f')
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Tests --------------------------------------------------------------------- */

/* Writes @report as CSV, XLSX and PDF and finds every published figure of
 * every table, in order, in each; @markers: the report must show "<T" and
 * "≈" somewhere. */
static void
check_same_figures (Fixture          *f,
                    const UdhaReport *report,
                    gboolean          markers)
{
  g_autofree char *csv_path = write_format (f, report, UDHA_REPORT_FORMAT_CSV, "report.csv");
  g_autofree char *xlsx_path = write_format (f, report, UDHA_REPORT_FORMAT_XLSX, "report.xlsx");
  g_autofree char *pdf_path = write_format (f, report, UDHA_REPORT_FORMAT_PDF, "report.pdf");
  g_autofree char *csv = NULL;
  g_autoptr(GPtrArray) csv_found = NULL;
  g_autoptr(GError) error = NULL;
  guint offset = 0;
  guint n_suppressed = 0, n_rounded = 0;

  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, &error));
  g_assert_no_error (error);
  csv_found = csv_figures (csv);

  for (guint t = 0; t < udha_report_get_n_tables (report); t++)
    {
      const UdhaReportTable *table = udha_report_get_table (report, t);
      g_autoptr(GPtrArray) expected = expected_figures (table);

      n_suppressed += udha_report_table_count_flags (table, UDHA_REPORT_ENTRY_SUPPRESSED);
      n_rounded += udha_report_table_count_flags (table, UDHA_REPORT_ENTRY_ROUNDED);
      assert_same_figures (expected, offset, csv_found, "CSV");
      offset += expected->len;
    }
  g_assert_cmpuint (offset, ==, csv_found->len);
  /* The data exercise both markers. */
  if (markers)
    {
      g_assert_cmpuint (n_suppressed, >, 0);
      g_assert_cmpuint (n_rounded, >, 0);
    }

  /* XLSX: counts are numbers; every figure comes back through LibreOffice. */
  if (!have_tool ("unzip"))
    g_test_message ("unzip missing: numeric cells not checked");
  else
    {
      for (guint t = 0; t < udha_report_get_n_tables (report); t++)
        {
          const UdhaReportTable *table = udha_report_get_table (report, t);
          g_autofree char *member = g_strdup_printf ("xl/worksheets/sheet%u.xml", t + 1);
          g_autofree char *xml = unzip_member (xlsx_path, member);
          g_autoptr(GRegex) numeric = g_regex_new ("<c r=\"[A-Z]+[0-9]+\"( s=\"[0-9]+\")?><v>", 0, 0, NULL);
          g_autoptr(GMatchInfo) match = NULL;
          guint n_numeric = 0;
          gsize n_expected;

          for (g_regex_match (numeric, xml, 0, &match); g_match_info_matches (match);
               g_match_info_next (match, NULL))
            n_numeric++;
          n_expected = udha_report_table_get_n_entries (table) -
                       udha_report_table_count_flags (table, UDHA_REPORT_ENTRY_SUPPRESSED) -
                       udha_report_table_count_flags (table, UDHA_REPORT_ENTRY_STRUCTURAL);
          g_assert_cmpuint (n_numeric, ==, n_expected);
          g_assert_null (strstr (xml, "<f>"));
        }
    }

  if (!have_tool ("soffice"))
    g_test_skip ("LibreOffice (soffice) is not installed: the XLSX was not read back");
  else
    {
      g_autofree char *outdir = g_build_filename (f->dir, "lo-out", NULL);

      xlsx_to_csv (f, xlsx_path, outdir);
      for (guint t = 0; t < udha_report_get_n_tables (report); t++)
        {
          const UdhaReportTable *table = udha_report_get_table (report, t);
          g_autoptr(GPtrArray) expected = expected_figures (table);
          g_autofree char *name = g_strdup_printf ("report-Table %u.csv",
                                                   (guint) udha_report_table_get_id (table));
          g_autofree char *path = g_build_filename (outdir, name, NULL);
          g_autofree char *text = NULL;
          g_autoptr(GPtrArray) found = NULL;
          g_autofree char *what = g_strdup_printf ("XLSX sheet %s", name);

          g_assert_true (g_file_get_contents (path, &text, NULL, &error));
          g_assert_no_error (error);
          found = csv_figures (text);
          assert_same_figures (expected, 0, found, what);
          g_assert_cmpuint (found->len, ==, expected->len);
        }
    }

  /* PDF: every figure in order, every footnote, the page numbers. */
  if (!have_tool ("pdftotext"))
    g_test_skip ("pdftotext (poppler-utils) is not installed: the PDF was not read back");
  else
    {
      g_autofree char *text = pdf_text (pdf_path, TRUE);
      g_autofree char *flat = squash (text);
      g_auto(GStrv) tokens = g_regex_split_simple ("\\s+", text, 0, 0);
      guint pos = 0;

      for (guint t = 0; t < udha_report_get_n_tables (report); t++)
        {
          const UdhaReportTable *table = udha_report_get_table (report, t);
          g_autoptr(GPtrArray) expected = expected_figures (table);
          g_auto(GStrv) notes = udha_report_table_get_footnotes (table);

          for (guint i = 0; i < expected->len; i++)
            {
              const char *want = g_ptr_array_index (expected, i);

              while (tokens[pos] != NULL && g_strcmp0 (tokens[pos], want) != 0)
                pos++;
              if (tokens[pos] == NULL)
                g_error ("PDF: figure %u (“%s”) of table %u not found in order", i, want,
                         (guint) udha_report_table_get_id (table));
              pos++;
            }
          for (guint i = 0; notes[i] != NULL; i++)
            {
              g_autofree char *note = squash (notes[i]);

              if (strstr (flat, note) == NULL)
                g_error ("PDF: footnote not found: %s", note);
            }
          g_assert_nonnull (strstr (flat, udha_report_table_get_title (table)));
        }
      g_autofree char *title = squash (udha_report_get_title (report));
      g_autofree char *period = squash (udha_report_get_period_text (report));

      g_assert_nonnull (strstr (flat, title));
      g_assert_nonnull (strstr (flat, period));
      g_assert_nonnull (strstr (flat, "Page 1 of "));
    }
}

static void
test_same_figures (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(UdhaReport) report = make_report ("en", NULL, "Tirana office");
  g_autofree char *pdf_path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;

  check_same_figures (f, report, TRUE);

  if (!have_tool ("pdftotext"))
    return;
  pdf_path = g_build_filename (f->dir, "report.pdf", NULL);
  text = pdf_text (pdf_path, TRUE);
  flat = squash (text);
  g_assert_nonnull (strstr (flat, "Tirana office"));
  g_assert_nonnull (strstr (flat, "New cases by period and case type"));
  g_assert_nonnull (strstr (flat, "Services delivered by type"));
  g_assert_nonnull (strstr (flat, "Referral outcomes"));

  /* Every page is numbered out of the real total. */
  if (have_tool ("pdfinfo"))
    {
      const char *argv[] = { "pdfinfo", pdf_path, NULL };
      g_autofree char *info = run (argv, NULL);
      g_autoptr(GRegex) pages = g_regex_new ("^Pages: +([0-9]+)$", G_REGEX_MULTILINE, 0, NULL);
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *n = NULL;

      g_assert_true (g_regex_match (pages, info, 0, &match));
      n = g_match_info_fetch (match, 1);
      g_assert_cmpint (atoi (n), >, 1);
      for (int i = 1; i <= atoi (n); i++)
        {
          g_autofree char *footer = g_strdup_printf ("Page %d of %s", i, n);

          g_assert_nonnull (strstr (flat, footer));
        }
    }
}

static const char * const injections[] = {
  "=SUM(A1:A2)", "+cmd|' /C calc'!A0", "-2+3", "@risky", "\tTabbed", "\rReturn", NULL,
};

static void
test_injection (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(UdhaReport) report = make_report ("en", injections, "");
  g_autofree char *csv_path = write_format (f, report, UDHA_REPORT_FORMAT_CSV, "inj.csv");
  g_autofree char *xlsx_path = write_format (f, report, UDHA_REPORT_FORMAT_XLSX, "inj.xlsx");
  g_autofree char *csv = NULL;
  g_autoptr(GError) error = NULL;

  /* The rule itself. */
  for (guint i = 0; injections[i] != NULL; i++)
    {
      g_autofree char *clean = udha_report_sanitize_cell (injections[i]);

      g_assert_cmpint (clean[0], ==, '\'');
      g_assert_cmpstr (clean + 1, ==, injections[i]);
    }
  {
    g_autofree char *plain = udha_report_sanitize_cell ("Female");

    g_assert_cmpstr (plain, ==, "Female");
  }

  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; injections[i] != NULL; i++)
    {
      g_autofree char *quoted = g_strdup_printf ("\"'%s\"", injections[i]);
      g_autofree char *bare = g_strdup_printf ("\"%s\"", injections[i]);

      g_assert_nonnull (strstr (csv, quoted));
      g_assert_null (strstr (csv, bare));
    }

  if (have_tool ("unzip"))
    {
      g_autofree char *strings = unzip_member (xlsx_path, "xl/sharedStrings.xml");
      g_autofree char *sheet = unzip_member (xlsx_path, "xl/worksheets/sheet1.xml");

      g_assert_nonnull (strstr (strings, ">'=SUM(A1:A2)<"));
      g_assert_nonnull (strstr (strings, ">'+cmd|' /C calc'!A0<"));
      g_assert_nonnull (strstr (strings, ">'-2+3<"));
      g_assert_nonnull (strstr (strings, ">'@risky<"));
      g_assert_nonnull (strstr (strings, ">'\tTabbed<"));
      g_assert_null (strstr (strings, ">=SUM"));
      g_assert_null (strstr (strings, ">@risky"));
      /* No formula anywhere. */
      g_assert_null (strstr (sheet, "<f>"));
    }
}

static void
test_metadata (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(UdhaReport) report = make_report ("en", NULL, "");
  g_autofree char *xlsx_path = write_format (f, report, UDHA_REPORT_FORMAT_XLSX, "meta.xlsx");
  g_autofree char *pdf_path = write_format (f, report, UDHA_REPORT_FORMAT_PDF, "meta.pdf");
  const char *user = g_get_user_name ();

  if (have_tool ("unzip"))
    {
      g_autofree char *core = unzip_member (xlsx_path, "docProps/core.xml");
      g_autofree char *app = unzip_member (xlsx_path, "docProps/app.xml");
      g_autoptr(GRegex) filled = g_regex_new ("<(dc:creator|cp:lastModifiedBy|dc:title|dc:subject|"
                                              "cp:keywords|dc:description|cp:category)>[^<]+<",
                                              0, 0, NULL);

      g_assert_false (g_regex_match (filled, core, 0, NULL));
      g_autoptr(GRegex) app_filled = g_regex_new ("<(Company|Manager)>[^<]+<", 0, 0, NULL);

      g_assert_false (g_regex_match (app_filled, app, 0, NULL));
      if (user != NULL && strlen (user) > 2)
        {
          g_assert_null (strstr (core, user));
          g_assert_null (strstr (app, user));
        }
    }

  if (have_tool ("pdfinfo"))
    {
      const char *argv[] = { "pdfinfo", pdf_path, NULL };
      g_autofree char *info = run (argv, NULL);

      g_assert_null (strstr (info, "Title:"));
      g_assert_null (strstr (info, "Author:"));
      g_assert_null (strstr (info, "Creator:"));
      g_assert_null (strstr (info, "Subject:"));
      g_assert_null (strstr (info, "Keywords:"));
      if (user != NULL && strlen (user) > 2)
        g_assert_null (strstr (info, user));
    }
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
test_atomic (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(UdhaReport) report = make_report ("en", NULL, "");
  g_autofree char *missing = g_build_filename (f->dir, "no-such-dir", NULL);
  const UdhaReportFormat formats[] = { UDHA_REPORT_FORMAT_XLSX, UDHA_REPORT_FORMAT_PDF };
  const char *names[] = { "a.xlsx", "a.pdf" };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *bad = g_build_filename (missing, names[i], NULL);
      g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
      g_autofree char *path = g_build_filename (f->dir, names[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autofree char *contents = NULL;
      gsize len = 0;

      /* Into a folder that does not exist: an error without the path. */
      g_assert_false (udha_report_write (report, formats[i], bad_file, NULL, &error));
      g_assert_error (error, UDHA_REPORT_ERROR, UDHA_REPORT_ERROR_WRITE);
      g_assert_null (strstr (error->message, "no-such-dir"));
      g_clear_error (&error);

      /* Over an existing file: replaced whole, nothing left beside it. */
      g_assert_true (g_file_set_contents (path, "old", -1, NULL));
      g_assert_true (udha_report_write (report, formats[i], file, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      g_assert_cmpuint (len, >, 100);
      if (formats[i] == UDHA_REPORT_FORMAT_PDF)
        g_assert_true (g_str_has_prefix (contents, "%PDF-"));
      else
        g_assert_true (g_str_has_prefix (contents, "PK"));
    }
  g_assert_cmpuint (count_entries (f->dir), ==, 2);

  /* The temporary file is made, but the rename fails (a folder has the
   * name): an error, the folder untouched, no temporary file left. */
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *taken = g_build_filename (f->dir, i == 0 ? "taken.xlsx" : "taken.pdf", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (taken);

      g_assert_cmpint (g_mkdir (taken, 0700), ==, 0);
      g_assert_false (udha_report_write (report, formats[i], file, NULL, &error));
      g_assert_error (error, UDHA_REPORT_ERROR, UDHA_REPORT_ERROR_WRITE);
      g_assert_true (g_file_test (taken, G_FILE_TEST_IS_DIR));
      g_assert_cmpuint (count_entries (taken), ==, 0);
    }
  g_assert_cmpuint (count_entries (f->dir), ==, 4);
}

static void
test_albanian (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(UdhaReport) report = make_report ("sq", NULL, "");
  g_autofree char *pdf_path = NULL;
  const char *page = udha_report_gettext ("sq", NULL, "Page %u of %u");
  const char *table = udha_report_gettext ("sq", NULL, "Table %u");
  g_autofree char *page_1 = NULL;
  g_autofree char *table_1 = g_strdup_printf (table, 1u);

  if (g_strcmp0 (page, "Page %u of %u") == 0)
    {
      /* The strings of this writer are new: until the translator has done
       * them, check only that the Albanian words of the engine are used. */
      page = "Page %u of %u";
    }
  page_1 = g_strdup_printf (page, 1u, 1u);
  pdf_path = write_format (f, report, UDHA_REPORT_FORMAT_PDF, "sq.pdf");

  if (have_tool ("pdftotext"))
    {
      g_autofree char *text = pdf_text (pdf_path, FALSE);
      g_autofree char *flat = squash (text);
      g_autofree char *prefix = g_strndup (page_1, strstr (page_1, " 1") != NULL
                                                   ? (gsize) (strstr (page_1, " 1") - page_1) + 2
                                                   : strlen (page_1));

      g_assert_nonnull (strstr (flat, prefix));
      g_assert_nonnull (strstr (flat, table_1));
    }
}

/* The leak scanner: every format as text (CSV, JSON, the XLSX's XML, the
 * PDF's text) searched for each forbidden string. */
static char *
export_texts (Fixture          *f,
              const UdhaReport *report,
              const char       *stem)
{
  g_autoptr(GString) all = g_string_new (NULL);
  const UdhaReportFormat formats[] = { UDHA_REPORT_FORMAT_CSV, UDHA_REPORT_FORMAT_JSON,
                                       UDHA_REPORT_FORMAT_XLSX, UDHA_REPORT_FORMAT_PDF };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.%s", stem, udha_report_format_to_string (formats[i]));
      g_autofree char *path = write_format (f, report, formats[i], name);
      g_autofree char *text = NULL;

      switch (formats[i])
        {
        case UDHA_REPORT_FORMAT_CSV:
        case UDHA_REPORT_FORMAT_JSON:
          g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
          break;
        case UDHA_REPORT_FORMAT_XLSX:
          {
            g_autofree char *strings = unzip_member (path, "xl/sharedStrings.xml");
            g_autofree char *core = unzip_member (path, "docProps/core.xml");
            g_autofree char *app = unzip_member (path, "docProps/app.xml");
            g_autofree char *book = unzip_member (path, "xl/workbook.xml");

            text = g_strconcat (strings, core, app, book, NULL);
          }
          break;
        case UDHA_REPORT_FORMAT_PDF:
        default:
          {
            const char *argv[] = { "pdfinfo", path, NULL };
            g_autofree char *body = pdf_text (path, FALSE);
            g_autofree char *info = run (argv, NULL);

            text = g_strconcat (body, info, NULL);
          }
          break;
        }
      g_string_append (all, text);
      g_string_append_c (all, '\n');
    }
  return g_string_free (g_steal_pointer (&all), FALSE);
}

static const char *
find_leak (const char         *text,
           const char * const *forbidden)
{
  g_autofree char *flat = squash (text);

  for (guint i = 0; forbidden[i] != NULL; i++)
    if (strstr (text, forbidden[i]) != NULL || strstr (flat, forbidden[i]) != NULL)
      return forbidden[i];
  return NULL;
}

static void
test_leak_scanner (Fixture       *f,
                   gconstpointer  data)
{
  const char * const forbidden[] = { "Leyla Karimi", "TIR-2026-00042", "P7781234X", "+355 69 555 0192",
                                     "arta.hoxha", "Arta Hoxha", NULL };
  const char * const planted[] = { "Leyla Karimi", NULL };
  g_autoptr(UdhaReport) clean = NULL;
  g_autoptr(UdhaReport) dirty = NULL;
  g_autofree char *clean_text = NULL;
  g_autofree char *dirty_text = NULL;

  if (!have_tool ("pdftotext") || !have_tool ("unzip"))
    {
      g_test_skip ("pdftotext or unzip missing");
      return;
    }

  clean = make_report ("en", NULL, "");
  clean_text = export_texts (f, clean, "clean");
  g_assert_null (find_leak (clean_text, forbidden));

  /* A name planted as a category label is found in every format. */
  dirty = make_report ("en", planted, "");
  dirty_text = export_texts (f, dirty, "dirty");
  g_assert_cmpstr (find_leak (dirty_text, forbidden), ==, "Leyla Karimi");
  {
    g_autofree char *csv = NULL;
    g_autofree char *path = g_build_filename (f->dir, "dirty.csv", NULL);

    g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
    g_assert_nonnull (strstr (csv, "Leyla Karimi"));
  }
  {
    g_autofree char *path = g_build_filename (f->dir, "dirty.pdf", NULL);
    g_autofree char *text = pdf_text (path, FALSE);

    g_assert_nonnull (find_leak (text, planted));
  }
  {
    g_autofree char *path = g_build_filename (f->dir, "dirty.xlsx", NULL);
    g_autofree char *strings = unzip_member (path, "xl/sharedStrings.xml");

    g_assert_nonnull (strstr (strings, "Leyla Karimi"));
  }
}

/* Over a demo vault ---------------------------------------------------------- */

#define DEMO_ADMIN       "demo.admin"
#define DEMO_ADMIN_PASS  "administrator passphrase"
#define DEMO_USERS_PASS  "demo users passphrase"
#define DEMO_CASES       400
#define DEMO_TODAY       "2026-06-30"

typedef struct
{
  char           *dir;
  char           *path;
  UdhaDemoResult *result;
} Demo;

static Demo *demo;

static void
demo_free (Demo *d)
{
  if (d == NULL)
    return;
  rm_rf (d->dir);
  udha_demo_result_free (d->result);
  g_free (d->dir);
  g_free (d->path);
  g_free (d);
}

static Demo *
demo_get (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaVaultSecret) recovery = NULL;
  g_autoptr(UdhaVault) vault = NULL;
  g_autoptr(UdhaStore) store = NULL;
  g_autoptr(UdhaSession) session = NULL;
  UdhaDemoOptions options = { DEMO_CASES, UDHA_DEMO_DEFAULT_SEED, DEMO_USERS_PASS, DEMO_TODAY };

  if (demo != NULL)
    return demo;

  demo = g_new0 (Demo, 1);
  demo->dir = g_dir_make_tmp ("udha-writers-demo-XXXXXX", &error);
  g_assert_no_error (error);
  demo->path = g_build_filename (demo->dir, "cases.udb", NULL);
  vault = udha_vault_create (demo->path, DEMO_ADMIN, DEMO_ADMIN_PASS, UDHA_VAULT_KDF_TEST_MIN, &recovery, &error);
  g_assert_no_error (error);
  store = udha_store_new (vault, &error);
  g_assert_no_error (error);
  session = udha_session_new (vault, store, &error);
  g_assert_no_error (error);
  demo->result = udha_demo_generate (session, store, DEMO_ADMIN_PASS, &options, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (udha_session_close (session, &error));
  g_assert_no_error (error);
  udha_vault_lock (vault);
  return demo;
}

typedef struct
{
  UdhaVault   *vault;
  UdhaStore   *store;
  UdhaSession *session;
} Actor;

static void
actor_clear (Actor *a)
{
  if (a->session != NULL)
    udha_session_close (a->session, NULL);
  g_clear_object (&a->session);
  g_clear_object (&a->store);
  if (a->vault != NULL)
    udha_vault_lock (a->vault);
  g_clear_object (&a->vault);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Actor, actor_clear)

static void
sign_in_supervisor (Demo  *d,
                    Actor *a)
{
  g_autoptr(GError) error = NULL;
  const char *name = NULL;

  for (guint i = 0; i < d->result->users->len && name == NULL; i++)
    {
      UdhaDemoUser *u = g_ptr_array_index (d->result->users, i);

      if (g_strcmp0 (u->role, "supervisor") == 0)
        name = u->user_name;
    }
  g_assert_nonnull (name);

  a->vault = udha_vault_unlock (d->path, name, DEMO_USERS_PASS, &error);
  g_assert_no_error (error);
  if (udha_vault_get_must_change_passphrase (a->vault))
    {
      g_assert_true (udha_vault_change_passphrase (a->vault, DEMO_USERS_PASS, DEMO_USERS_PASS "!", &error));
      g_assert_no_error (error);
    }
  a->store = udha_store_new (a->vault, &error);
  g_assert_no_error (error);
  a->session = udha_session_new (a->vault, a->store, &error);
  g_assert_no_error (error);
}

static UdhaReport *
run_demo_report (Actor      *a,
                 const char *language)
{
  g_autoptr(GError) error = NULL;
  g_auto(UdhaReportParams) params = { NULL, };
  UdhaReport *report;

  udha_report_params_init (&params);
  params.from = g_strdup ("2026-01-01");
  params.to = g_strdup (DEMO_TODAY);
  params.period_unit = UDHA_REPORT_PERIOD_QUARTER;
  g_free (params.language);
  params.language = g_strdup (language);
  report = udha_session_run_report (a->session, &params, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (udha_report_get_n_tables (report), ==, UDHA_REPORT_N_TABLES);
  return report;
}

/* Every string no export may contain: names, case, registration, document
 * and phone numbers of the persons, and the staff's user and display
 * names. */
static GPtrArray *
forbidden_strings (UdhaStore *store)
{
  static const char * const queries[] = {
    "SELECT given_name || ' ' || family_name FROM persons;",
    "SELECT family_name FROM persons WHERE length (family_name) >= 7;",
    "SELECT registration_number FROM persons;",
    "SELECT phone FROM persons WHERE phone IS NOT NULL AND phone <> '';",
    "SELECT number FROM cases;",
    "SELECT number FROM person_documents WHERE number IS NOT NULL AND number <> '';",
    "SELECT user_name FROM users WHERE length (user_name) >= 5;",
    "SELECT display_name FROM users WHERE display_name IS NOT NULL AND length (display_name) >= 5;",
  };
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GError) error = NULL;
      sqlite3_stmt *stmt = udha_store_prepare (store, queries[q], &error);

      g_assert_no_error (error);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
          g_ptr_array_add (out, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_reset (stmt);
    }
  g_ptr_array_add (out, NULL);
  return out;
}

static void
test_demo_no_leak (Fixture       *f,
                   gconstpointer  data)
{
  Demo *d = demo_get ();
  g_auto(Actor) a = { NULL, };
  g_autoptr(GPtrArray) forbidden = NULL;
  g_autoptr(UdhaReport) report = NULL;

  if (!have_tool ("pdftotext") || !have_tool ("unzip"))
    {
      g_test_skip ("pdftotext or unzip missing");
      return;
    }

  sign_in_supervisor (d, &a);
  forbidden = forbidden_strings (a.store);
  g_assert_cmpuint (forbidden->len, >, DEMO_CASES * 3);

  for (guint l = 0; l < 2; l++)
    {
      const char *language = l == 0 ? "en" : "sq";
      g_autofree char *stem = g_strdup_printf ("demo-%s", language);
      g_autofree char *text = NULL;
      const char *leak;

      g_clear_pointer (&report, udha_report_unref);
      report = run_demo_report (&a, language);
      text = export_texts (f, report, stem);
      leak = find_leak (text, (const char * const *) forbidden->pdata);
      if (leak != NULL)
        g_error ("a %s export contains personal data or a staff name", language);
    }

  /* The scan is not blind: a name from the vault, planted in a copy of a
   * label, is found. */
  {
    const char * const planted[] = { g_ptr_array_index (forbidden, 0), NULL };
    g_autoptr(UdhaReport) dirty = make_report ("en", planted, "");
    g_autofree char *text = export_texts (f, dirty, "planted");

    g_assert_cmpstr (find_leak (text, (const char * const *) forbidden->pdata), ==, planted[0]);
  }
}

static void
test_demo_same_figures (Fixture       *f,
                        gconstpointer  data)
{
  Demo *d = demo_get ();
  g_auto(Actor) a = { NULL, };
  g_autoptr(UdhaReport) report = NULL;

  sign_in_supervisor (d, &a);
  report = run_demo_report (&a, "en");
  check_same_figures (f, report, FALSE);
}

/* Charts -------------------------------------------------------------------- */

static void
pixel (cairo_surface_t *surface,
       int              x,
       int              y,
       guint8          *rgb)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 p;

  memcpy (&p, data + y * stride + x * 4, 4);
  rgb[0] = (p >> 16) & 0xff;
  rgb[1] = (p >> 8) & 0xff;
  rgb[2] = p & 0xff;
}

static guint
count_colour (cairo_surface_t *surface,
              const double    *rgba)
{
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  guint n = 0;

  cairo_surface_flush (surface);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint8 rgb[3];

        pixel (surface, x, y, rgb);
        if (ABS (rgb[0] - (int) (rgba[0] * 255 + 0.5)) <= 1 &&
            ABS (rgb[1] - (int) (rgba[1] * 255 + 0.5)) <= 1 &&
            ABS (rgb[2] - (int) (rgba[2] * 255 + 0.5)) <= 1)
          n++;
      }
  return n;
}

static void
test_chart (void)
{
  g_autoptr(UdhaChartData) data = udha_chart_data_new ("Rastet e reja sipas muajit dhe llojit të rastit", 12, 3);
  const char *series[] = { "Viktimë e trafikimit të qenieve njerëzore", "Azilkërkues",
                           "Fëmijë i pashoqëruar ose i ndarë nga familja" };

  for (guint c = 0; c < 12; c++)
    data->category_labels[c] = g_strdup_printf ("Muaji shumë i gjatë numër %u", c + 1);
  for (guint s = 0; s < 3; s++)
    data->series_labels[s] = g_strdup (series[s]);
  for (guint i = 0; i < 36; i++)
    data->values[i] = (i * 13) % 40;
  data->values[5] = -1;
  data->threshold = 5;

  for (guint dark = 0; dark < 2; dark++)
    for (guint stacked = 0; stacked < 2; stacked++)
      {
        UdhaChartStyle style;
        cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 480, 300);
        cairo_t *cr = cairo_create (surface);
        guint8 corner[3];

        udha_chart_style_init (&style, dark);
        data->stacked = stacked;
        udha_chart_draw (cr, 480, 300, data, &style);
        g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
        cairo_destroy (cr);
        cairo_surface_flush (surface);

        /* The background fills the chart; every series has bars. */
        pixel (surface, 1, 1, corner);
        g_assert_cmpint (corner[0], ==, (int) (style.background[0] * 255 + 0.5));
        for (guint s = 0; s < 3; s++)
          g_assert_cmpuint (count_colour (surface, style.series[s]), >, 50);
        cairo_surface_destroy (surface);
      }

  /* The palettes differ in the background and keep eight distinct series. */
  {
    UdhaChartStyle light, dark;

    udha_chart_style_init (&light, FALSE);
    udha_chart_style_init (&dark, TRUE);
    g_assert_cmpfloat (light.background[0], >, 0.9);
    g_assert_cmpfloat (dark.background[0], <, 0.2);
    for (guint i = 0; i < 8; i++)
      for (guint j = i + 1; j < 8; j++)
        g_assert_true (light.series[i][0] != light.series[j][0] ||
                       light.series[i][1] != light.series[j][1] ||
                       light.series[i][2] != light.series[j][2]);
  }

  /* Degenerate input draws nothing harmful. */
  {
    g_autoptr(UdhaChartData) empty = udha_chart_data_new (NULL, 0, 0);
    UdhaChartStyle style;
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 100, 80);
    cairo_t *cr = cairo_create (surface);

    udha_chart_style_init (&style, FALSE);
    udha_chart_draw (cr, 100, 80, empty, &style);
    udha_chart_draw (cr, 10, 10, data, &style);
    g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_assert_true (udha_core_init (NULL));

  g_test_add ("/udha/report/writers/same-figures", Fixture, NULL, fixture_set_up, test_same_figures,
              fixture_tear_down);
  g_test_add ("/udha/report/writers/injection", Fixture, NULL, fixture_set_up, test_injection,
              fixture_tear_down);
  g_test_add ("/udha/report/writers/metadata", Fixture, NULL, fixture_set_up, test_metadata,
              fixture_tear_down);
  g_test_add ("/udha/report/writers/atomic", Fixture, NULL, fixture_set_up, test_atomic,
              fixture_tear_down);
  g_test_add ("/udha/report/writers/albanian", Fixture, NULL, fixture_set_up, test_albanian,
              fixture_tear_down);
  g_test_add ("/udha/report/writers/leak-scanner", Fixture, NULL, fixture_set_up, test_leak_scanner,
              fixture_tear_down);
  g_test_add ("/udha/report/writers/demo-same-figures", Fixture, NULL, fixture_set_up,
              test_demo_same_figures, fixture_tear_down);
  g_test_add ("/udha/report/writers/demo-no-leak", Fixture, NULL, fixture_set_up, test_demo_no_leak,
              fixture_tear_down);
  g_test_add_func ("/udha/report/chart/draw", test_chart);

  ret = g_test_run ();
  demo_free (demo);
  return ret;
}
