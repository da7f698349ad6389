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

  /* 2. and 3. secondary, across tables, until stable */
  while (complements && secondary_sweep (works, n_works, links))
    ;

  /* 4. rounding */
  round_totals (works, n_works, links);

  base = MAX (udha_report_get_params (report)->rounding_base, 1);
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
