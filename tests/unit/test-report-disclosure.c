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

/* An exact check: feasible ranges by linear programming ------------------ */

/* The attacker's view of a report: one variable per figure that is not
 * published exactly (suppressed: [0, ∞); rounded total R: [R − 2, R + 2]
 * for base 5), shared figures of several tables being one variable, and
 * one equation per line of every table. */

#define INF 1e18
#define EPS 1e-9

/* floor and ceil without libm (the values are small). */
static double
int_floor (double x)
{
  double i = (double) (gint64) x;

  return i > x ? i - 1 : i;
}

static double
int_ceil (double x)
{
  double i = (double) (gint64) x;

  return i < x ? i + 1 : i;
}


/* The key the engine uses to recognise the same figure in two tables:
 * measure and the categories of the dimensions not at their total. */
static char *
figure_key (const UdhaReportTable *table,
            gsize                  i)
{
  guint n = udha_report_table_get_n_dimensions (table);
  guint coords[3];
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  GString *key = g_string_new (udha_report_table_get_measure (table));

  udha_report_table_coords (table, i, coords);
  for (guint d = 0; d < n; d++)
    {
      const UdhaReportDimension *dim = udha_report_table_get_dimension (table, d);

      if (coords[d] < udha_report_dimension_get_size (dim))
        g_ptr_array_add (parts, g_strdup_printf ("%s=%s", udha_report_dimension_get_code (dim),
                                                 udha_report_dimension_get_category (dim, coords[d])));
    }
  for (guint a = 0; a < parts->len; a++)
    for (guint b = a + 1; b < parts->len; b++)
      if (strcmp (g_ptr_array_index (parts, a), g_ptr_array_index (parts, b)) > 0)
        {
          gpointer t = parts->pdata[a];

          parts->pdata[a] = parts->pdata[b];
          parts->pdata[b] = t;
        }
  for (guint p = 0; p < parts->len; p++)
    g_string_append_printf (key, "|%s", (const char *) g_ptr_array_index (parts, p));
  return g_string_free (key, FALSE);
}

/* What the attacker knows about one figure. */
typedef struct
{
  gboolean exact;
  gint64   value;   /* if exact */
  double   lo, hi;  /* otherwise */
} Knowledge;

static void
knowledge_of (const UdhaReportTable *table,
              gsize                  i,
              Knowledge             *k)
{
  UdhaReportEntryFlags flags = udha_report_table_get_flags (table, i);
  gint64 v = udha_report_table_get_value (table, i);
  guint base = udha_report_table_get_rounding_base (table);

  if ((flags & UDHA_REPORT_ENTRY_SUPPRESSED) != 0)
    {
      k->exact = FALSE;
      k->lo = 0;
      k->hi = INF;
    }
  else if ((flags & UDHA_REPORT_ENTRY_ROUNDED) != 0)
    {
      /* round half up to the base: v − ⌊base/2⌋ … v + ⌈base/2⌉ − 1 */
      k->exact = FALSE;
      k->lo = MAX (0.0, (double) v - base / 2);
      k->hi = (double) v + (base + 1) / 2 - 1;
    }
  else
    {
      k->exact = TRUE;
      k->value = v;
    }
}

typedef struct
{
  int     m;      /* rows */
  int     n;      /* columns, rhs excluded */
  double *t;      /* (m + 1) × (n + 1), the last row is the objective */
  int    *basis;  /* m */
  int     n_real; /* columns that may enter in phase 2 */
} Tableau;

#define T(tab, r, c) ((tab)->t[(gsize) (r) * ((tab)->n + 1) + (c)])

static void
pivot (Tableau *tab,
       int      r,
       int      c)
{
  double p = T (tab, r, c);

  for (int j = 0; j <= tab->n; j++)
    T (tab, r, j) /= p;
  for (int i = 0; i <= tab->m; i++)
    {
      double f;

      if (i == r)
        continue;
      f = T (tab, i, c);
      if (f == 0)
        continue;
      for (int j = 0; j <= tab->n; j++)
        T (tab, i, j) -= f * T (tab, r, j);
    }
  tab->basis[r] = c;
}

/* Maximises the objective row; Bland's rule.  FALSE if unbounded. */
static gboolean
simplex (Tableau *tab,
         int      n_enter)
{
  for (;;)
    {
      int c = -1, r = -1;
      double best = 0;

      for (int j = 0; j < n_enter; j++)
        if (T (tab, tab->m, j) < -EPS)
          {
            c = j;
            break;
          }
      if (c < 0)
        return TRUE;
      for (int i = 0; i < tab->m; i++)
        if (T (tab, i, c) > EPS)
          {
            double ratio = T (tab, i, tab->n) / T (tab, i, c);

            if (r < 0 || ratio < best - EPS || (ratio < best + EPS && tab->basis[i] < tab->basis[r]))
              {
                r = i;
                best = ratio;
              }
          }
      if (r < 0)
        return FALSE;
      pivot (tab, r, c);
    }
}

/* The attacker's system for a whole report, in standard form after phase 1. */
typedef struct
{
  Tableau    tab;
  guint      n_vars;
  GArray    *lo;       /* double per variable */
  GHashTable *var_of;  /* key → index + 1 */
} System;

static void
system_clear (System *s)
{
  g_free (s->tab.t);
  g_free (s->tab.basis);
  g_array_unref (s->lo);
  g_hash_table_unref (s->var_of);
}

static void
system_build (System           *s,
              const UdhaReport *report)
{
  g_autoptr(GHashTable) known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GArray) hi = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free); /* double[n_vars+1] */
  guint n_tables = udha_report_get_n_tables (report);
  int m, n, row;

  s->lo = g_array_new (FALSE, FALSE, sizeof (double));
  s->var_of = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* What is known of each figure, merged over the tables that show it. */
  for (guint t = 0; t < n_tables; t++)
    {
      const UdhaReportTable *table = udha_report_get_table (report, t);

      for (gsize i = 0; i < udha_report_table_get_n_entries (table); i++)
        {
          g_autofree char *key = figure_key (table, i);
          Knowledge k, *prev;

          knowledge_of (table, i, &k);
          prev = g_hash_table_lookup (known, key);
          if (prev == NULL)
            g_hash_table_insert (known, g_steal_pointer (&key), g_memdup2 (&k, sizeof k));
          else if (!prev->exact)
            {
              if (k.exact)
                *prev = k;
              else
                {
                  prev->lo = MAX (prev->lo, k.lo);
                  prev->hi = MIN (prev->hi, k.hi);
                }
            }
        }
    }
  /* Variables, in a fixed order. */
  for (guint t = 0; t < n_tables; t++)
    {
      const UdhaReportTable *table = udha_report_get_table (report, t);

      for (gsize i = 0; i < udha_report_table_get_n_entries (table); i++)
        {
          g_autofree char *key = figure_key (table, i);
          Knowledge *k = g_hash_table_lookup (known, key);

          if (k->exact || g_hash_table_contains (s->var_of, key))
            continue;
          g_array_append_val (s->lo, k->lo);
          g_array_append_val (hi, k->hi);
          g_hash_table_insert (s->var_of, g_steal_pointer (&key), GUINT_TO_POINTER (s->lo->len));
        }
    }
  s->n_vars = s->lo->len;

  /* One equation per line with an unknown: Σ cells − total = 0. */
  for (guint t = 0; t < n_tables; t++)
    {
      const UdhaReportTable *table = udha_report_get_table (report, t);
      guint nd = udha_report_table_get_n_dimensions (table);

      for (gsize i = 0; i < udha_report_table_get_n_entries (table); i++)
        {
          guint coords[3];

          udha_report_table_coords (table, i, coords);
          for (guint d = 0; d < nd; d++)
            {
              guint size = udha_report_dimension_get_size (udha_report_table_get_dimension (table, d));
              double *line;
              gboolean any = FALSE;

              if (coords[d] != 0)
                continue;
              line = g_new0 (double, s->n_vars + 1);
              for (guint k = 0; k <= size; k++)
                {
                  guint c[3] = { coords[0], coords[1], coords[2] };
                  g_autofree char *key = NULL;
                  double sign = k == size ? -1.0 : 1.0;
                  Knowledge *kn;

                  c[d] = k;
                  key = figure_key (table, udha_report_table_index (table, c));
                  kn = g_hash_table_lookup (known, key);
                  if (kn->exact)
                    line[s->n_vars] -= sign * (double) kn->value;
                  else
                    {
                      guint v = GPOINTER_TO_UINT (g_hash_table_lookup (s->var_of, key)) - 1;

                      line[v] += sign;
                      any = TRUE;
                    }
                }
              if (any)
                g_ptr_array_add (lines, line);
              else
                g_free (line);
            }
        }
    }

  /* Standard form: y = x − lo ≥ 0; y + slack = hi − lo for finite hi;
   * one artificial per row. */
  {
    guint n_bounded = 0;

    for (guint v = 0; v < s->n_vars; v++)
      if (g_array_index (hi, double, v) < INF / 2)
        n_bounded++;
    m = (int) (lines->len + n_bounded);
    n = (int) (s->n_vars + n_bounded) + m;
    s->tab.m = m;
    s->tab.n = n;
    s->tab.n_real = (int) (s->n_vars + n_bounded);
    s->tab.t = g_new0 (double, (gsize) (m + 1) * (n + 1));
    s->tab.basis = g_new0 (int, MAX (m, 1));
  }
  row = 0;
  for (guint l = 0; l < lines->len; l++, row++)
    {
      double *line = g_ptr_array_index (lines, l);
      double rhs = line[s->n_vars];

      for (guint v = 0; v < s->n_vars; v++)
        {
          T (&s->tab, row, v) = line[v];
          rhs -= line[v] * g_array_index (s->lo, double, v);
        }
      T (&s->tab, row, s->tab.n) = rhs;
    }
  {
    int slack = (int) s->n_vars;

    for (guint v = 0; v < s->n_vars; v++)
      {
        double h = g_array_index (hi, double, v);

        if (h >= INF / 2)
          continue;
        T (&s->tab, row, v) = 1;
        T (&s->tab, row, slack) = 1;
        T (&s->tab, row, s->tab.n) = h - g_array_index (s->lo, double, v);
        slack++;
        row++;
      }
  }
  for (int i = 0; i < m; i++)
    {
      if (T (&s->tab, i, s->tab.n) < 0)
        for (int j = 0; j <= s->tab.n; j++)
          T (&s->tab, i, j) = -T (&s->tab, i, j);
      T (&s->tab, i, s->tab.n_real + i) = 1;
      s->tab.basis[i] = s->tab.n_real + i;
    }

  /* Phase 1: maximise −Σ artificials. */
  for (int j = 0; j <= s->tab.n; j++)
    {
      double z = j >= s->tab.n_real && j < s->tab.n ? 1.0 : 0.0;

      for (int i = 0; i < m; i++)
        z -= T (&s->tab, i, j);
      T (&s->tab, m, j) = z;
    }
  g_assert_true (simplex (&s->tab, s->tab.n));
  /* The true data is a solution, so the system is feasible. */
  g_assert_cmpfloat (T (&s->tab, m, s->tab.n), >, -1e-6);
  /* Drive artificials out of the basis where possible. */
  for (int i = 0; i < m; i++)
    if (s->tab.basis[i] >= s->tab.n_real)
      for (int j = 0; j < s->tab.n_real; j++)
        if (ABS (T (&s->tab, i, j)) > EPS)
          {
            pivot (&s->tab, i, j);
            break;
          }
}

/* max (sign · x_v) over the feasible set; FALSE if unbounded. */
static gboolean
system_optimise (const System *s,
                 guint         v,
                 double        sign,
                 double       *value)
{
  Tableau tab = s->tab;
  gsize size = (gsize) (tab.m + 1) * (tab.n + 1);
  gboolean bounded;

  tab.t = g_memdup2 (s->tab.t, size * sizeof (double));
  tab.basis = g_memdup2 (s->tab.basis, MAX (tab.m, 1) * sizeof (int));
  /* Objective row: −c + c_B · rows, with c = sign · e_v */
  for (int j = 0; j <= tab.n; j++)
    T (&tab, tab.m, j) = j == (int) v ? -sign : 0.0;
  for (int i = 0; i < tab.m; i++)
    if (tab.basis[i] == (int) v)
      for (int j = 0; j <= tab.n; j++)
        T (&tab, tab.m, j) += sign * T (&tab, i, j);
  bounded = simplex (&tab, tab.n_real);
  *value = T (&tab, tab.m, tab.n);
  g_free (tab.t);
  g_free (tab.basis);
  return bounded;
}

/* Every suppressed entry's range, exactly; returns the number narrower than T. */
static guint
exact_failures (const UdhaReport *report)
{
  System s = { { 0, }, 0, NULL, NULL };
  guint failures = 0;

  system_build (&s, report);
  for (guint t = 0; t < udha_report_get_n_tables (report); t++)
    {
      const UdhaReportTable *table = udha_report_get_table (report, t);
      guint threshold = udha_report_table_get_threshold (table);

      for (gsize i = 0; i < udha_report_table_get_n_entries (table); i++)
        {
          g_autofree char *key = NULL;
          guint v;
          double max, min;

          if ((udha_report_table_get_flags (table, i) & UDHA_REPORT_ENTRY_SUPPRESSED) == 0)
            continue;
          key = figure_key (table, i);
          v = GPOINTER_TO_UINT (g_hash_table_lookup (s.var_of, key)) - 1;
          if (!system_optimise (&s, v, 1.0, &max))
            continue; /* unbounded above */
          g_assert_true (system_optimise (&s, v, -1.0, &min));
          /* In whole persons: ⌊max⌋ − ⌈min⌉ */
          if (int_floor (max + 1e-6) - int_ceil (-min - 1e-6) < threshold)
            {
              failures++;
              if (g_getenv ("DUMP") != NULL)
                {
                  guint c[3] = { 0, 0, 0 };

                  udha_report_table_coords (table, i, c);
                  g_test_message ("table %u entry (%u,%u,%u): [%g, %g] lo %g", t, c[0], c[1], c[2],
                                  -min, max, g_array_index (s.lo, double, v));
                }
            }
        }
    }
  system_clear (&s);
  return failures;
}

/* The line rule on larger tables (§10.5 step 3): every line has no
 * suppressed entry, or at least two, and when its total is published the
 * hidden cells add up to T or more. */
static guint
line_failures (const UdhaReport *report,
               GPtrArray        *truth)
{
  guint failures = 0;

  for (guint t = 0; t < udha_report_get_n_tables (report); t++)
    {
      const UdhaReportTable *table = udha_report_get_table (report, t);
      const gint64 *values = g_ptr_array_index (truth, t);
      guint nd = udha_report_table_get_n_dimensions (table);

      for (gsize i = 0; i < udha_report_table_get_n_entries (table); i++)
        {
          guint coords[3];

          udha_report_table_coords (table, i, coords);
          for (guint d = 0; d < nd; d++)
            {
              guint size = udha_report_dimension_get_size (udha_report_table_get_dimension (table, d));
              guint count = 0;
              gint64 sum = 0;

              if (coords[d] != 0)
                continue;
              for (guint k = 0; k <= size; k++)
                {
                  guint c[3] = { coords[0], coords[1], coords[2] };
                  gsize e;

                  c[d] = k;
                  e = udha_report_table_index (table, c);
                  if ((udha_report_table_get_flags (table, e) & UDHA_REPORT_ENTRY_SUPPRESSED) != 0)
                    {
                      count++;
                      sum += values[e];
                    }
                }
              {
                guint c[3] = { coords[0], coords[1], coords[2] };
                gboolean total_hidden;

                c[d] = size;
                total_hidden = (udha_report_table_get_flags (table, udha_report_table_index (table, c))
                                & UDHA_REPORT_ENTRY_SUPPRESSED) != 0;
                /* with a published total, the hidden cells' sum is known */
                if (count == 1 || (count > 1 && !total_hidden && sum < (gint64) udha_report_table_get_threshold (table)))
                  failures++;
              }
            }
        }
    }
  return failures;
}

/* No published figure in 1..T−1, suppressed values wiped. */
static void
assert_no_small_cells (const UdhaReport *report)
{
  for (guint t = 0; t < udha_report_get_n_tables (report); t++)
    {
      const UdhaReportTable *table = udha_report_get_table (report, t);
      gint64 threshold = udha_report_table_get_threshold (table);

      g_assert_true (udha_report_table_is_protected (table));
      for (gsize i = 0; i < udha_report_table_get_n_entries (table); i++)
        {
          UdhaReportEntryFlags flags = udha_report_table_get_flags (table, i);
          gint64 v = udha_report_table_get_value (table, i);

          if ((flags & UDHA_REPORT_ENTRY_SUPPRESSED) != 0)
            {
              g_assert_cmpint (v, ==, -1);
              g_assert_cmpint (udha_report_table_get_true_value (table, i), ==, -1);
              g_assert_false (flags & UDHA_REPORT_ENTRY_STRUCTURAL);
            }
          else
            g_assert_true (v == 0 || v >= threshold);
        }
    }
}

/* Random reports ---------------------------------------------------------- */

typedef enum
{
  DENSITY_DENSE,   /* mostly above T */
  DENSITY_SMALL,   /* many cells below T */
  DENSITY_SPARSE,  /* mostly zero */
} Density;

static gint64
random_count (GRand   *rand,
              Density  density,
              guint    threshold)
{
  double r = g_rand_double (rand);

  switch (density)
    {
    case DENSITY_DENSE:
      if (r < 0.1)
        return 0;
      if (r < 0.25)
        return g_rand_int_range (rand, 1, threshold);
      return g_rand_int_range (rand, threshold, threshold * 12);
    case DENSITY_SMALL:
      if (r < 0.2)
        return 0;
      if (r < 0.7)
        return g_rand_int_range (rand, 1, threshold);
      return g_rand_int_range (rand, threshold, threshold * 4);
    case DENSITY_SPARSE:
    default:
      if (r < 0.7)
        return 0;
      if (r < 0.85)
        return g_rand_int_range (rand, 1, threshold);
      return g_rand_int_range (rand, threshold, threshold * 6);
    }
}

static UdhaReportDimension *
random_dimension (const char *code,
                  guint       size)
{
  UdhaReportDimension *dim = udha_report_dimension_new (code, code, "Total");

  for (guint i = 0; i < size; i++)
    {
      g_autofree char *cat = g_strdup_printf ("%s%u", code, i);

      udha_report_dimension_add (dim, cat, cat);
    }
  return dim;
}

/* A table over the named dimensions of a base array: the base has the
 * dimensions base_codes (sizes base_sizes); the table keeps those in
 * keep[] (indices into the base), summing over the others. */
static UdhaReportTable *
table_from_base (const gint64  *base,
                 guint          base_n,
                 const guint   *base_sizes,
                 const char   **base_codes,
                 const guint   *keep,
                 guint          n_keep,
                 const char    *measure,
                 guint          threshold,
                 gboolean       structural)
{
  UdhaReportDimension *dims[3];
  UdhaReportTable *table;
  gsize total = 1;

  for (guint d = 0; d < n_keep; d++)
    dims[d] = random_dimension (base_codes[keep[d]], base_sizes[keep[d]]);
  table = udha_report_table_new (UDHA_REPORT_TABLE_PERSONS_SEX_AGE, measure, measure, threshold > 5,
                                 threshold, n_keep, dims);
  for (guint d = 0; d < base_n; d++)
    total *= base_sizes[d];
  for (gsize i = 0; i < total; i++)
    {
      guint bc[4], c[3];
      gsize rest = i;
      gsize e;

      for (guint d = base_n; d-- > 0;)
        {
          bc[d] = rest % base_sizes[d];
          rest /= base_sizes[d];
        }
      for (guint d = 0; d < n_keep; d++)
        c[d] = bc[keep[d]];
      e = udha_report_table_index (table, c);
      udha_report_table_set_true_value (table, e, udha_report_table_get_true_value (table, e) + base[i]);
    }
  /* Structural zeros: cells of the first category pair that are zero. */
  if (structural)
    {
      guint c[3] = { 0, 0, 0 };
      gsize e = udha_report_table_index (table, c);

      if (udha_report_table_get_true_value (table, e) == 0)
        udha_report_table_set_flags (table, e, UDHA_REPORT_ENTRY_STRUCTURAL);
    }
  udha_report_table_compute_totals (table);
  return table;
}

/* A random report: one to three tables cut from one base array, so that
 * tables with the same measure share margins. */
static UdhaReport *
random_report (GRand      *rand,
               guint       kind,
               GPtrArray **truth_out,
               gsize      *max_cells,
               gboolean    complements)
{
  static const char *codes[4] = { "a", "sex", "c", "region" };
  g_autoptr(UdhaReportParams) params = NULL;
  UdhaReport *report;
  guint threshold = g_rand_int_range (rand, 0, 4) == 0 ? 10 : (g_rand_boolean (rand) ? 5 : 3);
  Density density = (Density) g_rand_int_range (rand, 0, 3);
  guint sizes[4];
  guint base_n;
  gsize total = 1;
  g_autofree gint64 *base = NULL;
  GPtrArray *truth = g_ptr_array_new_with_free_func (g_free);

  params = params_new (threshold);
  report = udha_report_new (params, "Random", "", "");

  switch (kind)
    {
    case 0: /* one 2-D table */
      base_n = 2;
      sizes[0] = g_rand_int_range (rand, 1, 9);
      sizes[1] = g_rand_int_range (rand, 1, 8);
      break;
    case 1: /* one 3-D table */
      base_n = 3;
      sizes[0] = g_rand_int_range (rand, 2, 5);
      sizes[1] = g_rand_int_range (rand, 2, 4);
      sizes[2] = g_rand_int_range (rand, 2, 5);
      break;
    case 2: /* two 2-D tables sharing the sex margin: a × sex, c × sex */
      base_n = 3;
      sizes[0] = g_rand_int_range (rand, 2, 7);
      sizes[1] = g_rand_int_range (rand, 2, 4);
      sizes[2] = g_rand_int_range (rand, 2, 7);
      break;
    case 4: /* one large table, 2-D or 3-D, checked by the line rule */
      base_n = g_rand_boolean (rand) ? 2 : 3;
      sizes[0] = g_rand_int_range (rand, 8, 25);
      sizes[1] = g_rand_int_range (rand, 3, 12);
      sizes[2] = g_rand_int_range (rand, 3, 14);
      break;
    case 3: /* two 3-D tables sharing sex × region: a × sex × region, c × sex × region */
    default:
      base_n = 4;
      sizes[0] = g_rand_int_range (rand, 2, 4);
      sizes[1] = g_rand_int_range (rand, 2, 4);
      sizes[2] = g_rand_int_range (rand, 2, 4);
      sizes[3] = g_rand_int_range (rand, 2, 4);
      break;
    }
  for (guint d = 0; d < base_n; d++)
    total *= sizes[d];
  base = g_new0 (gint64, total);
  for (gsize i = 0; i < total; i++)
    base[i] = random_count (rand, density, threshold);

  {
    static const guint keep_2d[] = { 0, 1 };
    static const guint keep_3d[] = { 0, 1, 2 };
    static const guint keep_a_sex[] = { 0, 1 }, keep_c_sex[] = { 2, 1 };
    static const guint keep_a_sex_r[] = { 0, 1, 3 }, keep_c_sex_r[] = { 2, 1, 3 }, keep_a_c[] = { 0, 2 };
    gboolean structural = g_rand_int_range (rand, 0, 3) == 0;

    switch (kind)
      {
      case 0:
        udha_report_add_table (report, table_from_base (base, base_n, sizes, codes, keep_2d, 2, "Persons", threshold, structural));
        break;
      case 1:
        udha_report_add_table (report, table_from_base (base, base_n, sizes, codes, keep_3d, 3, "Persons", threshold, structural));
        break;
      case 4:
        udha_report_add_table (report, table_from_base (base, base_n, sizes, codes, base_n == 2 ? keep_2d : keep_3d,
                                                        base_n, "Persons", threshold, structural));
        break;
      case 2:
        udha_report_add_table (report, table_from_base (base, base_n, sizes, codes, keep_a_sex, 2, "Persons", threshold, FALSE));
        udha_report_add_table (report, table_from_base (base, base_n, sizes, codes, keep_c_sex, 2, "Persons", threshold, FALSE));
        /* a third table with another measure: no margin in common */
        udha_report_add_table (report, table_from_base (base, base_n, sizes, codes, keep_a_c, 2, "Services", threshold, FALSE));
        break;
      default:
        udha_report_add_table (report, table_from_base (base, base_n, sizes, codes, keep_a_sex_r, 3, "Persons", threshold, FALSE));
        udha_report_add_table (report, table_from_base (base, base_n, sizes, codes, keep_c_sex_r, 3, "Persons", threshold, FALSE));
        break;
      }
  }

  *max_cells = 0;
  for (guint t = 0; t < udha_report_get_n_tables (report); t++)
    {
      const UdhaReportTable *table = udha_report_get_table (report, t);
      gsize n = udha_report_table_get_n_entries (table);
      gint64 *values = g_new (gint64, n);
      gsize cells = 1;

      for (gsize i = 0; i < n; i++)
        values[i] = udha_report_table_get_true_value (table, i);
      g_ptr_array_add (truth, values);
      for (guint d = 0; d < udha_report_table_get_n_dimensions (table); d++)
        cells *= udha_report_dimension_get_size (udha_report_table_get_dimension (table, d));
      *max_cells = MAX (*max_cells, cells);
    }
  if (complements)
    udha_report_protect (report);
  else
    udha_report_protect_without_complements (report);
  *truth_out = truth;
  return report;
}

static void
dump_report (const UdhaReport *report,
             GPtrArray        *truth)
{
  for (guint t = 0; t < udha_report_get_n_tables (report); t++)
    {
      const UdhaReportTable *table = udha_report_get_table (report, t);
      const gint64 *values = g_ptr_array_index (truth, t);
      GString *out = g_string_new (NULL);
      guint last = udha_report_dimension_get_size (udha_report_table_get_dimension (table, udha_report_table_get_n_dimensions (table) - 1));

      g_string_append_printf (out, "table %u T=%u\n", t, udha_report_table_get_threshold (table));
      for (gsize i = 0; i < udha_report_table_get_n_entries (table); i++)
        {
          g_autofree char *text = udha_report_table_format_entry (table, i);
          guint coords[3];

          udha_report_table_coords (table, i, coords);
          g_string_append_printf (out, "%4" G_GINT64_FORMAT "%-5s", values[i],
                                  (udha_report_table_get_flags (table, i) & UDHA_REPORT_ENTRY_SUPPRESSED) ? "*" : "");
          if (coords[udha_report_table_get_n_dimensions (table) - 1] == last)
            g_string_append_c (out, '\n');
        }
      g_test_message ("%s", out->str);
      g_string_free (out, TRUE);
    }
}

#define N_REPORTS 750
#define EXACT_MAX_CELLS 60

typedef struct
{
  guint reports;
  guint tables;
  guint exact;
  guint line_checked;
  guint suppressed;
  guint failures;
  guint failing_reports;
} Tally;

static void
run_property (gboolean  complements,
              Tally    *tally)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261127);

  memset (tally, 0, sizeof *tally);
  for (guint r = 0; r < N_REPORTS; r++)
    {
      g_autoptr(GPtrArray) truth = NULL;
      g_autoptr(UdhaReport) report = NULL;
      gsize max_cells;
      guint kind = r % 5;
      guint failures, n_suppressed = 0;

      report = random_report (rand, kind, &truth, &max_cells, complements);
      assert_no_small_cells (report);
      for (guint t = 0; t < udha_report_get_n_tables (report); t++)
        n_suppressed += udha_report_table_count_flags (udha_report_get_table (report, t), UDHA_REPORT_ENTRY_SUPPRESSED);
      tally->reports++;
      tally->tables += udha_report_get_n_tables (report);
      tally->suppressed += n_suppressed;
      if (max_cells <= EXACT_MAX_CELLS)
        {
          failures = exact_failures (report);
          tally->exact++;
        }
      else
        {
          failures = line_failures (report, truth);
          tally->line_checked++;
        }
      if (complements && failures > 0 && g_test_verbose ())
        {
          g_test_message ("report %u (kind %u): %u suppressed entries narrower than T", r, kind, failures);
          if (g_getenv ("DUMP") != NULL)
            dump_report (report, truth);
        }
      tally->failures += failures;
      if (failures > 0)
        tally->failing_reports++;
    }
}

static void
test_property_protected (void)
{
  Tally tally;

  run_property (TRUE, &tally);
  g_test_message ("%u reports, %u tables (%u checked exactly, %u by the line rule), %u suppressed entries",
                  tally.reports, tally.tables, tally.exact, tally.line_checked, tally.suppressed);
  g_assert_cmpuint (tally.failures, ==, 0);
  g_assert_cmpuint (tally.tables, >=, 900);
  g_assert_cmpuint (tally.exact, >=, 300);
  g_assert_cmpuint (tally.line_checked, >=, 100);
  g_assert_cmpuint (tally.suppressed, >, 1000);
}

/* The same reports without complements must fail the checks: they would
 * catch an algorithm that forgot them. */
static void
test_property_catches_missing_complements (void)
{
  Tally tally;

  run_property (FALSE, &tally);
  g_test_message ("without complements: %u of %u reports fail, %u entries",
                  tally.failing_reports, tally.reports, tally.failures);
  g_assert_cmpuint (tally.failing_reports, >, tally.reports / 3);
}

/* Shared margins are suppressed alike in every table (§10.5 step 4). */
static void
test_shared_margins (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint checked = 0;

  for (guint r = 0; r < 200; r++)
    {
      g_autoptr(GPtrArray) truth = NULL;
      g_autoptr(UdhaReport) report = NULL;
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      gsize max_cells;

      report = random_report (rand, 2 + r % 2, &truth, &max_cells, TRUE);
      for (guint t = 0; t < udha_report_get_n_tables (report); t++)
        {
          const UdhaReportTable *table = udha_report_get_table (report, t);

          for (gsize i = 0; i < udha_report_table_get_n_entries (table); i++)
            {
              char *key = figure_key (table, i);
              gpointer prev;
              guint shown = (udha_report_table_get_flags (table, i) & (UDHA_REPORT_ENTRY_SUPPRESSED | UDHA_REPORT_ENTRY_ROUNDED)) != 0
                            ? (udha_report_table_get_flags (table, i) & UDHA_REPORT_ENTRY_SUPPRESSED ? 2 : 3) : 1;

              if (g_hash_table_lookup_extended (seen, key, NULL, &prev))
                {
                  g_assert_cmpuint (GPOINTER_TO_UINT (prev), ==, shown);
                  checked++;
                  g_free (key);
                }
              else
                g_hash_table_insert (seen, key, GUINT_TO_POINTER (shown));
            }
        }
    }
  g_assert_cmpuint (checked, >, 500);
}

/* The same data gives the same pattern. */
static void
test_deterministic (void)
{
  for (guint kind = 0; kind < 5; kind++)
    {
      g_autoptr(GRand) r1 = g_rand_new_with_seed (99 + kind);
      g_autoptr(GRand) r2 = g_rand_new_with_seed (99 + kind);
      g_autoptr(GPtrArray) t1 = NULL;
      g_autoptr(GPtrArray) t2 = NULL;
      g_autoptr(UdhaReport) a = NULL;
      g_autoptr(UdhaReport) b = NULL;
      gsize max_cells;

      a = random_report (r1, kind, &t1, &max_cells, TRUE);
      b = random_report (r2, kind, &t2, &max_cells, TRUE);
      for (guint t = 0; t < udha_report_get_n_tables (a); t++)
        for (gsize i = 0; i < udha_report_table_get_n_entries (udha_report_get_table (a, t)); i++)
          {
            g_assert_cmpint (udha_report_table_get_flags (udha_report_get_table (a, t), i), ==,
                             udha_report_table_get_flags (udha_report_get_table (b, t), i));
            g_assert_cmpint (udha_report_table_get_value (udha_report_get_table (a, t), i), ==,
                             udha_report_table_get_value (udha_report_get_table (b, t), i));
          }
    }
}

/* The checker itself: §10.7's published table leaves a in [0, 12]. */
static void
test_checker_worked_example (void)
{
  g_autoptr(UdhaReportParams) params = params_new (5);
  g_autoptr(UdhaReport) report = udha_report_new (params, "Report", "", "");

  udha_report_add_table (report, worked_example_table ());
  udha_report_protect (report);
  g_assert_cmpuint (exact_failures (report), ==, 0);
  {
    System s = { { 0, }, 0, NULL, NULL };
    const UdhaReportTable *table = udha_report_get_table (report, 0);
    guint c[2] = { 0, 1 };
    g_autofree char *key = figure_key (table, udha_report_table_index (table, c));
    guint v;
    double max, min;

    system_build (&s, report);
    v = GPOINTER_TO_UINT (g_hash_table_lookup (s.var_of, key)) - 1;
    g_assert_true (system_optimise (&s, v, 1.0, &max));
    g_assert_true (system_optimise (&s, v, -1.0, &min));
    g_assert_cmpfloat_with_epsilon (max, 12.0, 1e-6);
    g_assert_cmpfloat_with_epsilon (-min, 0.0, 1e-6);
    system_clear (&s);
  }
  /* And without complements the same table fails. */
  {
    g_autoptr(UdhaReport) bare = udha_report_new (params, "Report", "", "");

    udha_report_add_table (bare, worked_example_table ());
    udha_report_protect_without_complements (bare);
    g_assert_cmpuint (exact_failures (bare), ==, 2);
  }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/disclosure/worked-example", test_worked_example);
  g_test_add_func ("/report/disclosure/checker-worked-example", test_checker_worked_example);
  g_test_add_func ("/report/disclosure/deterministic", test_deterministic);
  g_test_add_func ("/report/disclosure/shared-margins", test_shared_margins);
  g_test_add_func ("/report/disclosure/property", test_property_protected);
  g_test_add_func ("/report/disclosure/property-catches-missing-complements",
                   test_property_catches_missing_complements);

  return g_test_run ();
}
