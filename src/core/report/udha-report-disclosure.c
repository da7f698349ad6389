/* udha-report-disclosure.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Disclosure control over a whole report (DOMAIN.md §10.4–§10.6).
 *
 * A *line* is the set of entries that vary along one dimension with the
 * other coordinates fixed, its total included (udha-report.h).  The steps:
 *
 * 1. Primary: every entry, cell or total, with 1 ≤ n < T (the table's
 *    threshold) is suppressed.
 * 2. Secondary: while some line holds exactly one suppressed entry, or
 *    a published total and suppressed cells adding up to less than T
 *    (their sum is the total minus the visible cells), suppress one more entry
 *    of it, chosen by (a) a cell that also lies in another line with
 *    exactly one suppressed entry, (b) the smallest non-zero cell, (c) the
 *    line's total, (d) a zero cell; never a structural zero; ties by the
 *    entry's place in the table.
 * 3. Shared figures: an entry of one table that states the same figure as
 *    an entry of another (same measure, same categories of the same
 *    dimensions, the other dimensions at their totals) is suppressed in
 *    both as soon as it is in either, and step 2 runs again over every
 *    table until nothing changes.
 * 4. Rounding: the total of every line with a suppressed entry, and the
 *    grand total of every table with one, is rounded to the base (half up)
 *    and flagged ROUNDED; a shared figure rounded in one table is rounded
 *    in all.
 * 5. Audit: where the reader's system of equations is small enough, every
 *    suppressed figure's feasible range is computed exactly (see below);
 *    one narrower than T gets another complement and steps 2–5 repeat.
 *
 * Then the published values are fixed (-1 for suppressed entries) and the
 * true values are wiped.  Everything runs in a fixed order, so the same
 * data always gives the same pattern. */

#define G_LOG_DOMAIN "udha-report-disclosure"

#include "config.h"

#include "udha-report-private.h"

#include <string.h>

typedef struct
{
  UdhaReportTable *table;
  guint            n_dims;
  guint            ext[3];    /* size + 1 */
  gsize            stride[3];
  gsize            n;
  guint            threshold;
  gint64          *value;     /* true values */
  guint8          *flags;
  gint            *link;      /* per entry: index into links, or -1 */
} Work;

typedef struct
{
  Work  *work;
  gsize  index;
} Ref;

#define IS_SUPPRESSED(w, i) (((w)->flags[i] & UDHA_REPORT_ENTRY_SUPPRESSED) != 0)
#define IS_STRUCTURAL(w, i) (((w)->flags[i] & UDHA_REPORT_ENTRY_STRUCTURAL) != 0)

static void
work_init (Work            *w,
           UdhaReportTable *table)
{
  w->table = table;
  w->n_dims = udha_report_table_get_n_dimensions (table);
  w->n = udha_report_table_get_n_entries (table);
  w->threshold = udha_report_table_get_threshold (table);
  for (guint d = 0; d < w->n_dims; d++)
    w->ext[d] = udha_report_dimension_get_size (udha_report_table_get_dimension (table, d)) + 1;
  for (guint d = w->n_dims; d-- > 0;)
    w->stride[d] = d + 1 < w->n_dims ? w->stride[d + 1] * w->ext[d + 1] : 1;
  w->value = g_new (gint64, w->n);
  w->flags = g_new (guint8, w->n);
  w->link = g_new (gint, w->n);
  for (gsize i = 0; i < w->n; i++)
    {
      w->value[i] = udha_report_table_get_true_value (table, i);
      /* Only STRUCTURAL survives from the builder: the rest is decided here. */
      w->flags[i] = udha_report_table_get_flags (table, i) & UDHA_REPORT_ENTRY_STRUCTURAL;
      w->link[i] = -1;
    }
}

static void
work_clear (Work *w)
{
  g_free (w->value);
  g_free (w->flags);
  g_free (w->link);
}

static guint
coord_of (const Work *w,
          gsize       i,
          guint       d)
{
  return (guint) ((i / w->stride[d]) % w->ext[d]);
}

/* The first entry of the line along d through i. */
static gsize
line_base (const Work *w,
           gsize       i,
           guint       d)
{
  return i - coord_of (w, i, d) * w->stride[d];
}

/* Number of suppressed entries of a line and the sum of their values. */
static guint
line_suppressed (const Work *w,
                 gsize       base,
                 guint       d,
                 gint64     *sum)
{
  guint count = 0;
  gint64 s = 0;

  for (guint k = 0; k < w->ext[d]; k++)
    {
      gsize i = base + k * w->stride[d];

      if (IS_SUPPRESSED (w, i))
        {
          count++;
          s += w->value[i];
        }
    }
  if (sum != NULL)
    *sum = s;
  return count;
}

/* One suppressed entry is found by subtraction.  With a published total,
 * the suppressed cells' sum is published too (within the rounding), so it
 * must be at least T; with the total suppressed as well, two entries are
 * enough on this line (the total is protected by its own lines). */
static gboolean
line_needs_complement (const Work *w,
                       gsize       base,
                       guint       d)
{
  gint64 sum;
  guint count = line_suppressed (w, base, d, &sum);
  gsize total = base + (w->ext[d] - 1) * w->stride[d];

  if (count == 1)
    return TRUE;
  return count > 1 && !IS_SUPPRESSED (w, total) && sum < (gint64) w->threshold;
}

/* Does i lie in a line other than the one along `skip` that has exactly one
 * suppressed entry? */
static gboolean
fixes_another_line (const Work *w,
                    gsize       i,
                    guint       skip)
{
  for (guint d = 0; d < w->n_dims; d++)
    if (d != skip && line_suppressed (w, line_base (w, i, d), d, NULL) == 1)
      return TRUE;
  return FALSE;
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Links entries of different tables that state the same figure. */
static GHashTable *
build_links (Work      *works,
             guint      n_works,
             GArray   **links_out)
{
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GArray *links = g_array_new (FALSE, FALSE, sizeof (GArray *));

  if (n_works < 2)
    {
      *links_out = links;
      return g_steal_pointer (&by_key);
    }
  for (guint t = 0; t < n_works; t++)
    {
      Work *w = &works[t];
      const char *measure = udha_report_table_get_measure (w->table);

      for (gsize i = 0; i < w->n; i++)
        {
          g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
          g_autoptr(GString) key = g_string_new (measure);
          gpointer found;
          GArray *refs;
          Ref ref = { w, i };

          for (guint d = 0; d < w->n_dims; d++)
            {
              const UdhaReportDimension *dim = udha_report_table_get_dimension (w->table, d);
              guint c = coord_of (w, i, d);

              if (c + 1 < w->ext[d])
                g_ptr_array_add (parts, g_strdup_printf ("%s=%s", udha_report_dimension_get_code (dim),
                                                         udha_report_dimension_get_category (dim, c)));
            }
          g_ptr_array_sort (parts, compare_strings);
          for (guint p = 0; p < parts->len; p++)
            {
              g_string_append_c (key, '\x1f');
              g_string_append (key, g_ptr_array_index (parts, p));
            }
          if (g_hash_table_lookup_extended (by_key, key->str, NULL, &found))
            {
              guint li = GPOINTER_TO_UINT (found);
              Ref *first;

              refs = g_array_index (links, GArray *, li);
              first = &g_array_index (refs, Ref, 0);
              /* The same figure only if it is the same number. */
              if (first->work != w && first->work->value[first->index] == w->value[i])
                {
                  g_array_append_val (refs, ref);
                  w->link[i] = (gint) li;
                }
            }
          else
            {
              refs = g_array_new (FALSE, FALSE, sizeof (Ref));
              g_array_append_val (refs, ref);
              g_array_append_val (links, refs);
              w->link[i] = (gint) (links->len - 1);
              g_hash_table_insert (by_key, g_string_free (g_steal_pointer (&key), FALSE),
                                   GUINT_TO_POINTER (links->len - 1));
            }
        }
    }
  *links_out = links;
  return g_steal_pointer (&by_key);
}

/* Suppress entry i of w and every entry that states the same figure. */
static void
suppress (Work   *w,
          gsize   i,
          guint8  flag,
          GArray *links)
{
  if (IS_SUPPRESSED (w, i))
    return;
  w->flags[i] |= flag;
  if (w->link[i] >= 0)
    {
      GArray *refs = g_array_index (links, GArray *, w->link[i]);

      for (guint r = 0; r < refs->len; r++)
        {
          Ref *ref = &g_array_index (refs, Ref, r);

          if (!IS_SUPPRESSED (ref->work, ref->index))
            ref->work->flags[ref->index] |= UDHA_REPORT_ENTRY_SECONDARY;
        }
    }
}

/* Picks the complement for the line along d at base; -1 if none is left. */
static gssize
choose_complement (const Work *w,
                   gsize       base,
                   guint       d)
{
  gssize best = -1;
  gboolean best_fixes = FALSE;
  gsize total = base + (w->ext[d] - 1) * w->stride[d];

  /* (a) and (b): non-zero cells */
  for (guint k = 0; k + 1 < w->ext[d]; k++)
    {
      gsize i = base + k * w->stride[d];
      gboolean fixes;

      if (IS_SUPPRESSED (w, i) || IS_STRUCTURAL (w, i) || w->value[i] == 0)
        continue;
      fixes = fixes_another_line (w, i, d);
      if (best < 0
          || (fixes && !best_fixes)
          || (fixes == best_fixes && w->value[i] < w->value[best]))
        {
          best = (gssize) i;
          best_fixes = fixes;
        }
    }
  if (best >= 0)
    return best;
  /* (c) the line's total */
  if (!IS_SUPPRESSED (w, total) && !IS_STRUCTURAL (w, total) && w->value[total] > 0)
    return (gssize) total;
  /* (d) a zero that could have been something else */
  for (guint k = 0; k < w->ext[d]; k++)
    {
      gsize i = base + k * w->stride[d];

      if (!IS_SUPPRESSED (w, i) && !IS_STRUCTURAL (w, i))
        return (gssize) i;
    }
  return -1;
}

/* One sweep over every line of every table; returns whether anything was
 * suppressed. */
static gboolean
secondary_sweep (Work   *works,
                 guint   n_works,
                 GArray *links)
{
  gboolean changed = FALSE;

  for (guint t = 0; t < n_works; t++)
    {
      Work *w = &works[t];

      for (guint d = 0; d < w->n_dims; d++)
        for (gsize i = 0; i < w->n; i++)
          {
            gssize pick;

            if (coord_of (w, i, d) != 0)
              continue;
            /* A line may need several complements (sum < T): keep going
             * until it is fine or nothing is left to pick. */
            while (line_needs_complement (w, i, d) && (pick = choose_complement (w, i, d)) >= 0)
              {
                suppress (w, (gsize) pick, UDHA_REPORT_ENTRY_SECONDARY, links);
                changed = TRUE;
              }
          }
    }
  return changed;
}

static void
round_totals (Work   *works,
              guint   n_works,
              GArray *links)
{
  for (guint t = 0; t < n_works; t++)
    {
      Work *w = &works[t];
      gboolean any = FALSE;

      for (guint d = 0; d < w->n_dims; d++)
        for (gsize i = 0; i < w->n; i++)
          {
            gsize total;

            if (coord_of (w, i, d) != 0 || line_suppressed (w, i, d, NULL) == 0)
              continue;
            any = TRUE;
            total = i + (w->ext[d] - 1) * w->stride[d];
            if (!IS_SUPPRESSED (w, total))
              w->flags[total] |= UDHA_REPORT_ENTRY_ROUNDED;
          }
      if (any && !IS_SUPPRESSED (w, w->n - 1))
        w->flags[w->n - 1] |= UDHA_REPORT_ENTRY_ROUNDED;
    }
  /* A figure rounded in one table is rounded wherever it is shown. */
  for (guint l = 0; l < links->len; l++)
    {
      GArray *refs = g_array_index (links, GArray *, l);
      gboolean rounded = FALSE;

      for (guint r = 0; r < refs->len; r++)
        {
          Ref *ref = &g_array_index (refs, Ref, r);

          rounded |= (ref->work->flags[ref->index] & UDHA_REPORT_ENTRY_ROUNDED) != 0;
        }
      if (!rounded)
        continue;
      for (guint r = 0; r < refs->len; r++)
        {
          Ref *ref = &g_array_index (refs, Ref, r);

          if (!IS_SUPPRESSED (ref->work, ref->index))
            ref->work->flags[ref->index] |= UDHA_REPORT_ENTRY_ROUNDED;
        }
    }
}

static gint64
round_to_base (gint64 v,
               guint  base)
{
  if (base <= 1)
    return v;
  return ((v + base / 2) / base) * base;
}

/* 5. The audit: exact protection intervals ---------------------------------
 *
 * The line rule of step 2 is necessary, not sufficient: in three
 * dimensions, or across tables, equations of several lines together can
 * narrow a suppressed figure below T.  So, where the system is small enough
 * to solve at once, the engine computes what a reader can: for every
 * suppressed figure its minimum and maximum under every published figure
 * (rounded totals as intervals, shared figures as one unknown) and
 * non-negativity, by linear programming.  A figure whose range is narrower
 * than T gets one more complement on one of its lines (the smallest
 * non-zero entry, cells first), step 2 runs again, and the audit repeats
 * until every range is wide enough.  Larger systems keep the line rule. */

#define AUDIT_MAX_UNKNOWNS 150
#define LP_INF 1e18
#define LP_EPS 1e-9

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


typedef struct
{
  int     m;
  int     n;       /* columns, right-hand side excluded */
  int     n_real;  /* columns that may enter in phase 2 (no artificials) */
  double *t;       /* (m + 1) × (n + 1); the last row is the objective */
  int    *basis;
} Lp;

#define LP_AT(lp, r, c) ((lp)->t[(gsize) (r) * ((lp)->n + 1) + (c)])

static void
lp_pivot (Lp  *lp,
          int  r,
          int  c)
{
  double p = LP_AT (lp, r, c);

  for (int j = 0; j <= lp->n; j++)
    LP_AT (lp, r, j) /= p;
  for (int i = 0; i <= lp->m; i++)
    {
      double f = LP_AT (lp, i, c);

      if (i == r || f == 0)
        continue;
      for (int j = 0; j <= lp->n; j++)
        LP_AT (lp, i, j) -= f * LP_AT (lp, r, j);
    }
  lp->basis[r] = c;
}

/* Maximises the objective row (Bland's rule: no cycling on these highly
 * degenerate systems).  FALSE when unbounded. */
static gboolean
lp_maximise (Lp  *lp,
             int  n_enter)
{
  for (;;)
    {
      int c = -1, r = -1;
      double best = 0;

      for (int j = 0; j < n_enter && c < 0; j++)
        if (LP_AT (lp, lp->m, j) < -LP_EPS)
          c = j;
      if (c < 0)
        return TRUE;
      for (int i = 0; i < lp->m; i++)
        {
          double a = LP_AT (lp, i, c);
          double ratio;

          if (a <= LP_EPS)
            continue;
          ratio = LP_AT (lp, i, lp->n) / a;
          if (r < 0 || ratio < best - LP_EPS || (ratio < best + LP_EPS && lp->basis[i] < lp->basis[r]))
            {
              r = i;
              best = ratio;
            }
        }
      if (r < 0)
        return FALSE;
      lp_pivot (lp, r, c);
    }
}

typedef struct
{
  Work      *works;
  guint      n_works;
  GArray    *links;
  guint      base;
  gboolean   merge;     /* shared figures are one unknown */
  int      **var;       /* per table, per entry: unknown index or -1 */
  GArray    *lo;        /* double per unknown */
  GArray    *hi;
} Audit;

static void
rounded_interval (gint64  v,
                  guint   base,
                  double *lo,
                  double *hi)
{
  gint64 r = round_to_base (v, base);

  *lo = MAX (0.0, (double) (r - base / 2));
  *hi = (double) (r + (base + 1) / 2 - 1);
}

/* Numbers the unknowns; FALSE when there are too many to solve. */
static gboolean
audit_variables (Audit *a)
{
  g_autofree int *of_link = g_new (int, MAX (a->links->len, 1));

  for (guint l = 0; l < a->links->len; l++)
    of_link[l] = -1;
  a->var = g_new0 (int *, a->n_works);
  a->lo = g_array_new (FALSE, FALSE, sizeof (double));
  a->hi = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint t = 0; t < a->n_works; t++)
    {
      Work *w = &a->works[t];

      a->var[t] = g_new (int, w->n);
      for (gsize i = 0; i < w->n; i++)
        {
          double lo, hi;

          a->var[t][i] = -1;
          if (IS_SUPPRESSED (w, i))
            {
              lo = 0;
              hi = LP_INF;
            }
          else if ((w->flags[i] & UDHA_REPORT_ENTRY_ROUNDED) != 0)
            rounded_interval (w->value[i], a->base, &lo, &hi);
          else
            continue;
          if (a->merge && w->link[i] >= 0 && of_link[w->link[i]] >= 0)
            {
              a->var[t][i] = of_link[w->link[i]];
              continue;
            }
          a->var[t][i] = (int) a->lo->len;
          if (a->merge && w->link[i] >= 0)
            of_link[w->link[i]] = (int) a->lo->len;
          g_array_append_val (a->lo, lo);
          g_array_append_val (a->hi, hi);
        }
    }
  return a->lo->len <= AUDIT_MAX_UNKNOWNS;
}

static void
audit_clear (Audit *a)
{
  for (guint t = 0; t < a->n_works && a->var != NULL; t++)
    g_free (a->var[t]);
  g_clear_pointer (&a->var, g_free);
  g_clear_pointer (&a->lo, g_array_unref);
  g_clear_pointer (&a->hi, g_array_unref);
}

/* The reader's equations in standard form, feasible after phase 1. */
static void
audit_system (Audit *a,
              Lp    *lp)
{
  guint n_vars = a->lo->len;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  guint n_bounded = 0;
  int r = 0, slack;

  for (guint t = 0; t < a->n_works; t++)
    {
      Work *w = &a->works[t];

      for (guint d = 0; d < w->n_dims; d++)
        for (gsize i = 0; i < w->n; i++)
          {
            double *row;
            gboolean any = FALSE;

            if (coord_of (w, i, d) != 0)
              continue;
            row = g_new0 (double, n_vars + 1);
            for (guint k = 0; k < w->ext[d]; k++)
              {
                gsize e = i + k * w->stride[d];
                double sign = k + 1 == w->ext[d] ? -1.0 : 1.0;

                if (a->var[t][e] >= 0)
                  {
                    row[a->var[t][e]] += sign;
                    any = TRUE;
                  }
                else
                  row[n_vars] -= sign * (double) w->value[e];
              }
            if (any)
              g_ptr_array_add (rows, row);
            else
              g_free (row);
          }
    }
  for (guint v = 0; v < n_vars; v++)
    if (g_array_index (a->hi, double, v) < LP_INF / 2)
      n_bounded++;

  lp->m = (int) (rows->len + n_bounded);
  lp->n_real = (int) (n_vars + n_bounded);
  lp->n = lp->n_real + lp->m;
  lp->t = g_new0 (double, (gsize) (lp->m + 1) * (lp->n + 1));
  lp->basis = g_new0 (int, MAX (lp->m, 1));

  /* x = lo + y, y ≥ 0 */
  for (guint l = 0; l < rows->len; l++, r++)
    {
      double *row = g_ptr_array_index (rows, l);
      double rhs = row[n_vars];

      for (guint v = 0; v < n_vars; v++)
        {
          LP_AT (lp, r, v) = row[v];
          rhs -= row[v] * g_array_index (a->lo, double, v);
        }
      LP_AT (lp, r, lp->n) = rhs;
    }
  slack = (int) n_vars;
  for (guint v = 0; v < n_vars; v++)
    {
      double hi = g_array_index (a->hi, double, v);

      if (hi >= LP_INF / 2)
        continue;
      LP_AT (lp, r, v) = 1;
      LP_AT (lp, r, slack) = 1;
      LP_AT (lp, r, lp->n) = hi - g_array_index (a->lo, double, v);
      slack++;
      r++;
    }
  for (int i = 0; i < lp->m; i++)
    {
      if (LP_AT (lp, i, lp->n) < 0)
        for (int j = 0; j <= lp->n; j++)
          LP_AT (lp, i, j) = -LP_AT (lp, i, j);
      LP_AT (lp, i, lp->n_real + i) = 1;
      lp->basis[i] = lp->n_real + i;
    }
  /* Phase 1: maximise −Σ artificials; the true data is a solution. */
  for (int j = 0; j <= lp->n; j++)
    {
      double z = j >= lp->n_real && j < lp->n ? 1.0 : 0.0;

      for (int i = 0; i < lp->m; i++)
        z -= LP_AT (lp, i, j);
      LP_AT (lp, lp->m, j) = z;
    }
  lp_maximise (lp, lp->n);
  for (int i = 0; i < lp->m; i++)
    if (lp->basis[i] >= lp->n_real)
      for (int j = 0; j < lp->n_real; j++)
        if (ABS (LP_AT (lp, i, j)) > LP_EPS)
          {
            lp_pivot (lp, i, j);
            break;
          }
}

/* max (sign · y_v); FALSE when unbounded. */
static gboolean
lp_extreme (const Lp *system,
            int       v,
            double    sign,
            double   *value)
{
  Lp lp = *system;
  gsize size = (gsize) (lp.m + 1) * (lp.n + 1);
  gboolean bounded;

  lp.t = g_memdup2 (system->t, size * sizeof (double));
  lp.basis = g_memdup2 (system->basis, MAX (lp.m, 1) * sizeof (int));
  for (int j = 0; j <= lp.n; j++)
    LP_AT (&lp, lp.m, j) = j == v ? -sign : 0.0;
  for (int i = 0; i < lp.m; i++)
    if (lp.basis[i] == v)
      for (int j = 0; j <= lp.n; j++)
        LP_AT (&lp, lp.m, j) += sign * LP_AT (&lp, i, j);
  bounded = lp_maximise (&lp, lp.n_real);
  *value = LP_AT (&lp, lp.m, lp.n);
  g_free (lp.t);
  g_free (lp.basis);
  return bounded;
}

/* The first suppressed entry (fixed order) whose range is narrower than
 * its table's T; FALSE if none. */
static gboolean
audit_find_narrow (Audit  *a,
                   guint  *table_out,
                   gsize  *entry_out)
{
  Lp lp = { 0, };
  gboolean found = FALSE;
  g_autofree double *width = g_new (double, MAX (a->lo->len, 1));

  audit_system (a, &lp);
  for (guint v = 0; v < a->lo->len; v++)
    width[v] = -1;
  for (guint t = 0; t < a->n_works && !found; t++)
    {
      Work *w = &a->works[t];

      for (gsize i = 0; i < w->n && !found; i++)
        {
          int v = a->var[t][i];

          if (!IS_SUPPRESSED (w, i))
            continue;
          if (width[v] < 0)
            {
              double max, min;

              if (!lp_extreme (&lp, v, 1.0, &max))
                width[v] = LP_INF;
              else if (int_floor (max + 1e-6) < (double) w->threshold)
                width[v] = int_floor (max + 1e-6);
              else
                {
                  lp_extreme (&lp, v, -1.0, &min);
                  width[v] = int_floor (max + 1e-6) - int_ceil (-min - 1e-6);
                }
            }
          if (width[v] < (double) w->threshold)
            {
              *table_out = t;
              *entry_out = i;
              found = TRUE;
            }
        }
    }
  g_free (lp.t);
  g_free (lp.basis);
  return found;
}

/* One more complement on a line through entry i: the smallest non-zero
 * entry, cells before totals, then by place. */
static gboolean
audit_complement (Work   *w,
                  gsize   i,
                  GArray *links)
{
  gssize best = -1;
  int best_rank = 0;

  for (guint d = 0; d < w->n_dims; d++)
    {
      gsize base = line_base (w, i, d);

      for (guint k = 0; k < w->ext[d]; k++)
        {
          gsize e = base + k * w->stride[d];
          int rank;

          if (IS_SUPPRESSED (w, e) || IS_STRUCTURAL (w, e))
            continue;
          rank = (w->value[e] == 0 ? 2 : 0) + (k + 1 == w->ext[d] ? 1 : 0);
          if (best < 0 || rank < best_rank
              || (rank == best_rank && (w->value[e] < w->value[best]
                                        || (w->value[e] == w->value[best] && e < (gsize) best))))
            {
              best = (gssize) e;
              best_rank = rank;
            }
        }
    }
  if (best < 0)
    return FALSE;
  suppress (w, (gsize) best, UDHA_REPORT_ENTRY_SECONDARY, links);
  return TRUE;
}

/* Audits the whole report, or each table on its own when the report is
 * too large to solve at once.  TRUE when a complement was added. */
static gboolean
audit (Work   *works,
       guint   n_works,
       GArray *links,
       guint   base)
{
  Audit all = { works, n_works, links, base, TRUE, NULL, NULL, NULL };
  gboolean fixed = FALSE;
  guint t;
  gsize i;

  if (audit_variables (&all))
    {
      if (audit_find_narrow (&all, &t, &i))
        fixed = audit_complement (&works[t], i, links);
      audit_clear (&all);
      return fixed;
    }
  audit_clear (&all);
  for (guint k = 0; k < n_works && !fixed; k++)
    {
      Audit one = { &works[k], 1, links, base, FALSE, NULL, NULL, NULL };

      if (audit_variables (&one) && audit_find_narrow (&one, &t, &i))
        fixed = audit_complement (&works[k], i, links);
      audit_clear (&one);
    }
  return fixed;
}

static void
protect (UdhaReport *report,
         gboolean    complements)
{
  guint n_works;
  g_autofree Work *works = NULL;
  g_autoptr(GHashTable) by_key = NULL;
  GArray *links = NULL;
  guint base;

  g_return_if_fail (report != NULL);

  n_works = udha_report_get_n_tables (report);
  works = g_new0 (Work, n_works);
  for (guint t = 0; t < n_works; t++)
    {
      UdhaReportTable *table = _udha_report_get_table_mutable (report, t);

      g_return_if_fail (!udha_report_table_is_protected (table));
      work_init (&works[t], table);
    }
  by_key = build_links (works, n_works, &links);

  /* 1. primary */
  for (guint t = 0; t < n_works; t++)
    {
      Work *w = &works[t];

      for (gsize i = 0; i < w->n; i++)
        if (!IS_STRUCTURAL (w, i) && w->value[i] >= 1 && w->value[i] < (gint64) w->threshold)
          suppress (w, i, UDHA_REPORT_ENTRY_PRIMARY, links);
    }

  base = MAX (udha_report_get_params (report)->rounding_base, 1);

  /* 2. and 3. secondary, across tables, until stable; 4. rounding; 5. the
   * audit, which may add complements and start again */
  for (;;)
    {
      while (complements && secondary_sweep (works, n_works, links))
        ;
      for (guint t = 0; t < n_works; t++)
        for (gsize i = 0; i < works[t].n; i++)
          works[t].flags[i] &= ~UDHA_REPORT_ENTRY_ROUNDED;
      round_totals (works, n_works, links);
      if (!complements || !audit (works, n_works, links, base))
        break;
    }

  for (guint t = 0; t < n_works; t++)
    {
      Work *w = &works[t];
      g_autofree gint64 *published = g_new (gint64, w->n);

      for (gsize i = 0; i < w->n; i++)
        {
          if (IS_SUPPRESSED (w, i))
            published[i] = -1;
          else if ((w->flags[i] & UDHA_REPORT_ENTRY_ROUNDED) != 0)
            published[i] = round_to_base (w->value[i], base);
          else
            published[i] = w->value[i];
          udha_report_table_set_flags (w->table, i, w->flags[i]);
        }
      _udha_report_table_publish (w->table, published);
      /* Wipe the working copy of the true values too. */
      memset (w->value, 0, w->n * sizeof (gint64));
      work_clear (w);
    }
  for (guint l = 0; l < links->len; l++)
    g_array_unref (g_array_index (links, GArray *, l));
  g_array_unref (links);
}

void
udha_report_protect (UdhaReport *report)
{
  protect (report, TRUE);
}

/* For the tests only: primary suppression and rounding without
 * complements, to show that the checks catch an unprotected table. */
void
udha_report_protect_without_complements (UdhaReport *report)
{
  protect (report, FALSE);
}
