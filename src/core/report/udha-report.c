/* udha-report.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reports as data: parameters, dimensions, tables and the report that holds
 * them (udha-report.h), the builders the engine and the tests use
 * (udha-report-private.h), and the words of a report in *its* language.
 *
 * A report is written in the language chosen for it ("en" or "sq"), which
 * need not be the language of the running program: a supervisor working in
 * English may send an Albanian report to a ministry.  gettext can only
 * translate into the process language, so the Albanian catalogue is read
 * here directly (a .mo file is a sorted table of strings) and kept for the
 * life of the process.  English is the msgid itself. */

#define G_LOG_DOMAIN "udha-report"

#include "config.h"

#include "udha-report-private.h"

#include <glib/gi18n.h>
#include <libintl.h>
#include <string.h>

G_DEFINE_QUARK (udha-report-error-quark, udha_report_error)

struct _UdhaReportDimension
{
  char      *code;
  char      *title;
  char      *total_label;
  GPtrArray *categories;
  GPtrArray *labels;
};

struct _UdhaReportTable
{
  UdhaReportTableId    id;
  char                *title;
  char                *measure;
  gboolean             sensitive;
  gboolean             protected;
  guint                threshold;
  guint                rounding_base;
  char                *language;
  guint                n_dims;
  UdhaReportDimension *dims[3];
  gsize                n_entries;
  gint64              *true_values;
  gint64              *values;
  guint8              *flags;
};

struct _UdhaReport
{
  gatomicrefcount   ref_count;
  UdhaReportParams  params;
  char             *title;
  char             *period_text;
  char             *office_text;
  GPtrArray        *tables;
};

/* Translation into the report language ------------------------------------ */

typedef struct
{
  char       *language;
  char       *domain;
  GHashTable *strings; /* msgid (with "ctx\004" prefix) → translation; NULL if no catalogue */
  GMappedFile *file;
} Catalogue;

G_LOCK_DEFINE_STATIC (catalogues);
static GPtrArray *catalogues;

static guint32
mo_read32 (const guint8 *p,
           gboolean      swap)
{
  guint32 v;

  memcpy (&v, p, 4);
  return swap ? GUINT32_SWAP_LE_BE (v) : v;
}

/* GNU .mo: magic, revision, N, offset of originals, offset of translations;
 * each table holds N (length, offset) pairs. */
static void
catalogue_load (Catalogue  *cat,
                const char *path)
{
  const guint8 *data;
  gsize size;
  guint32 magic, n, orig, trans;
  gboolean swap;

  cat->file = g_mapped_file_new (path, FALSE, NULL);
  if (cat->file == NULL)
    return;
  data = (const guint8 *) g_mapped_file_get_contents (cat->file);
  size = g_mapped_file_get_length (cat->file);
  if (size < 20)
    return;
  memcpy (&magic, data, 4);
  if (magic == 0x950412de)
    swap = FALSE;
  else if (GUINT32_SWAP_LE_BE (magic) == 0x950412de)
    swap = TRUE;
  else
    return;
  n = mo_read32 (data + 8, swap);
  orig = mo_read32 (data + 12, swap);
  trans = mo_read32 (data + 16, swap);
  if (orig > size || trans > size || n > (size - MAX (orig, trans)) / 8)
    return;

  cat->strings = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint32 i = 0; i < n; i++)
    {
      guint32 olen = mo_read32 (data + orig + 8 * i, swap);
      guint32 ooff = mo_read32 (data + orig + 8 * i + 4, swap);
      guint32 tlen = mo_read32 (data + trans + 8 * i, swap);
      guint32 toff = mo_read32 (data + trans + 8 * i + 4, swap);

      /* Both strings are NUL-terminated in the file. */
      if (ooff >= size || olen >= size - ooff || toff >= size || tlen >= size - toff)
        continue;
      if (data[ooff + olen] != '\0' || data[toff + tlen] != '\0' || olen == 0 || tlen == 0)
        continue;
      g_hash_table_insert (cat->strings, (gpointer) (data + ooff), (gpointer) (data + toff));
    }
}

static Catalogue *
catalogue_get (const char *language,
               const char *domain)
{
  Catalogue *cat;
  const char *dir;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;

  if (catalogues == NULL)
    catalogues = g_ptr_array_new ();
  for (guint i = 0; i < catalogues->len; i++)
    {
      cat = g_ptr_array_index (catalogues, i);
      if (strcmp (cat->language, language) == 0 && strcmp (cat->domain, domain) == 0)
        return cat;
    }

  cat = g_new0 (Catalogue, 1);
  cat->language = g_strdup (language);
  cat->domain = g_strdup (domain);
  /* Where the program bound the domain (UDHA_LOCALEDIR in tests), else
   * the default. */
  dir = strcmp (domain, GETTEXT_PACKAGE) == 0 ? g_getenv ("UDHA_LOCALEDIR") : NULL;
  if (dir == NULL || *dir == '\0')
    dir = bindtextdomain (domain, NULL);
  if (dir == NULL)
    dir = LOCALEDIR;
  file = g_strconcat (domain, ".mo", NULL);
  path = g_build_filename (dir, language, "LC_MESSAGES", file, NULL);
  catalogue_load (cat, path);
  g_ptr_array_add (catalogues, cat);
  return cat;
}

/**
 * udha_report_gettext:
 * @language: "en" or "sq"
 * @domain: (nullable): a gettext domain; %NULL for Udha's own
 * @msgid: an English msgid, with its context as "ctx\004text" when it has one
 *
 * Returns: (transfer none): @msgid in @language (the text part of @msgid in
 *   English or when there is no translation); valid for the life of the process
 */
const char *
udha_report_gettext (const char *language,
                     const char *domain,
                     const char *msgid)
{
  const char *result = NULL;
  const char *eot;

  g_return_val_if_fail (msgid != NULL, NULL);

  if (language != NULL && strcmp (language, "en") != 0)
    {
      Catalogue *cat;

      G_LOCK (catalogues);
      cat = catalogue_get (language, domain != NULL ? domain : GETTEXT_PACKAGE);
      if (cat->strings != NULL)
        result = g_hash_table_lookup (cat->strings, msgid);
      G_UNLOCK (catalogues);
    }
  if (result != NULL)
    return result;
  eot = strchr (msgid, '\004');
  return eot != NULL ? eot + 1 : msgid;
}

/**
 * udha_report_pgettext:
 *
 * Like udha_report_gettext() for a message with a context.
 *
 * Returns: (transfer none): the translation
 */
const char *
udha_report_pgettext (const char *language,
                      const char *context,
                      const char *msgid)
{
  g_autofree char *key = g_strconcat (context, "\004", msgid, NULL);
  const char *t = udha_report_gettext (language, NULL, key);

  /* Without a translation the result points into key: return msgid instead. */
  if (t >= key && t < key + strlen (key) + 1)
    return msgid;
  return t;
}

/* Parameters -------------------------------------------------------------- */

void
udha_report_params_init (UdhaReportParams *params)
{
  g_return_if_fail (params != NULL);

  memset (params, 0, sizeof *params);
  params->tables = 0;
  params->threshold = 5;
  params->threshold_sensitive = 10;
  params->rounding_base = 5;
  params->top_n = 10;
  params->period_unit = UDHA_REPORT_PERIOD_MONTH;
  params->by_region = FALSE;
  params->language = g_strdup ("en");
}

void
udha_report_params_clear (UdhaReportParams *params)
{
  g_return_if_fail (params != NULL);

  g_clear_pointer (&params->from, g_free);
  g_clear_pointer (&params->to, g_free);
  g_clear_pointer (&params->language, g_free);
}

static void
params_copy (UdhaReportParams       *dest,
             const UdhaReportParams *src)
{
  *dest = *src;
  dest->from = g_strdup (src->from);
  dest->to = g_strdup (src->to);
  dest->language = g_strdup (src->language != NULL ? src->language : "en");
}

/* A strict "YYYY-MM-DD" (no time, no other form). */
static gboolean
parse_iso_date (const char *text,
                GDate      *date)
{
  guint y, m, d;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  y = (guint) g_ascii_strtoull (text, NULL, 10);
  m = (guint) g_ascii_strtoull (text + 5, NULL, 10);
  d = (guint) g_ascii_strtoull (text + 8, NULL, 10);
  if (y < 1900 || y > 2999 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

/* Longest period: table 3 has one column per month. */
#define MAX_PERIOD_YEARS 10

/**
 * udha_report_params_validate:
 *
 * Checks the period, thresholds, table list and language.  The error
 * (%UDHA_REPORT_ERROR_INVALID) says which parameter is wrong and what is
 * allowed.
 */
gboolean
udha_report_params_validate (const UdhaReportParams  *params,
                             GError                 **error)
{
  GDate from, to;
  const guint all_tables = ((1u << (UDHA_REPORT_N_TABLES + 1)) - 1) & ~1u;

  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!parse_iso_date (params->from, &from))
    {
      g_set_error (error, UDHA_REPORT_ERROR, UDHA_REPORT_ERROR_INVALID,
                   _("The start of the period is not a valid date. Write it as YYYY-MM-DD, for example 2026-01-31."));
      return FALSE;
    }
  if (!parse_iso_date (params->to, &to))
    {
      g_set_error (error, UDHA_REPORT_ERROR, UDHA_REPORT_ERROR_INVALID,
                   _("The end of the period is not a valid date. Write it as YYYY-MM-DD, for example 2026-03-31."));
      return FALSE;
    }
  if (g_date_compare (&from, &to) > 0)
    {
      g_set_error (error, UDHA_REPORT_ERROR, UDHA_REPORT_ERROR_INVALID,
                   _("The period ends before it starts. Choose an end date on or after the start date."));
      return FALSE;
    }
  if (g_date_get_year (&to) - g_date_get_year (&from) > MAX_PERIOD_YEARS
      || (g_date_get_year (&to) - g_date_get_year (&from) == MAX_PERIOD_YEARS
          && (g_date_get_month (&to) > g_date_get_month (&from)
              || (g_date_get_month (&to) == g_date_get_month (&from)
                  && g_date_get_day (&to) >= g_date_get_day (&from)))))
    {
      g_set_error (error, UDHA_REPORT_ERROR, UDHA_REPORT_ERROR_INVALID,
                   _("The period is longer than %d years. Choose a shorter period."), MAX_PERIOD_YEARS);
      return FALSE;
    }
  if (params->threshold < 3 || params->threshold > 100)
    {
      g_set_error (error, UDHA_REPORT_ERROR, UDHA_REPORT_ERROR_INVALID,
                   _("The suppression threshold must be a whole number from 3 to 100."));
      return FALSE;
    }
  if (params->threshold_sensitive < params->threshold || params->threshold_sensitive > 100)
    {
      g_set_error (error, UDHA_REPORT_ERROR, UDHA_REPORT_ERROR_INVALID,
                   _("The threshold for trafficking and gender-based violence tables must be at least the general threshold (%u) and at most 100."),
                   params->threshold);
      return FALSE;
    }
  if (params->rounding_base < 1 || params->rounding_base > 100)
    {
      g_set_error (error, UDHA_REPORT_ERROR, UDHA_REPORT_ERROR_INVALID,
                   _("The rounding base for totals must be a whole number from 1 to 100."));
      return FALSE;
    }
  if ((params->tables & ~all_tables) != 0)
    {
      g_set_error (error, UDHA_REPORT_ERROR, UDHA_REPORT_ERROR_INVALID,
                   _("Unknown table. The tables are numbered 1 to %d."), UDHA_REPORT_N_TABLES);
      return FALSE;
    }
  if (params->top_n < 1 || params->top_n > 50)
    {
      g_set_error (error, UDHA_REPORT_ERROR, UDHA_REPORT_ERROR_INVALID,
                   _("The number of citizenships shown must be from 1 to 50."));
      return FALSE;
    }
  if (params->period_unit != UDHA_REPORT_PERIOD_MONTH && params->period_unit != UDHA_REPORT_PERIOD_QUARTER)
    {
      g_set_error (error, UDHA_REPORT_ERROR, UDHA_REPORT_ERROR_INVALID,
                   _("The period unit must be month or quarter."));
      return FALSE;
    }
  if (params->language != NULL && strcmp (params->language, "en") != 0 && strcmp (params->language, "sq") != 0)
    {
      g_set_error (error, UDHA_REPORT_ERROR, UDHA_REPORT_ERROR_INVALID,
                   _("Reports can be written in English (en) or Albanian (sq)."));
      return FALSE;
    }
  return TRUE;
}

/* Dimensions -------------------------------------------------------------- */

UdhaReportDimension *
udha_report_dimension_new (const char *code,
                           const char *title,
                           const char *total_label)
{
  UdhaReportDimension *dim;

  g_return_val_if_fail (code != NULL, NULL);

  dim = g_new0 (UdhaReportDimension, 1);
  dim->code = g_strdup (code);
  dim->title = g_strdup (title != NULL ? title : code);
  dim->total_label = g_strdup (total_label != NULL ? total_label : "Total");
  dim->categories = g_ptr_array_new_with_free_func (g_free);
  dim->labels = g_ptr_array_new_with_free_func (g_free);
  return dim;
}

guint
udha_report_dimension_add (UdhaReportDimension *dim,
                           const char          *category,
                           const char          *label)
{
  g_return_val_if_fail (dim != NULL, 0);
  g_return_val_if_fail (category != NULL, 0);

  g_ptr_array_add (dim->categories, g_strdup (category));
  g_ptr_array_add (dim->labels, g_strdup (label != NULL ? label : category));
  return dim->categories->len - 1;
}

void
udha_report_dimension_free (UdhaReportDimension *dim)
{
  if (dim == NULL)
    return;
  g_free (dim->code);
  g_free (dim->title);
  g_free (dim->total_label);
  g_ptr_array_unref (dim->categories);
  g_ptr_array_unref (dim->labels);
  g_free (dim);
}

const char *
udha_report_dimension_get_code (const UdhaReportDimension *dim)
{
  g_return_val_if_fail (dim != NULL, NULL);
  return dim->code;
}

const char *
udha_report_dimension_get_title (const UdhaReportDimension *dim)
{
  g_return_val_if_fail (dim != NULL, NULL);
  return dim->title;
}

guint
udha_report_dimension_get_size (const UdhaReportDimension *dim)
{
  g_return_val_if_fail (dim != NULL, 0);
  return dim->categories->len;
}

/**
 * udha_report_dimension_get_category:
 *
 * Returns: the stable code of category @i; "total" for i == size
 */
const char *
udha_report_dimension_get_category (const UdhaReportDimension *dim,
                                    guint                      i)
{
  g_return_val_if_fail (dim != NULL, NULL);
  g_return_val_if_fail (i <= dim->categories->len, NULL);

  if (i == dim->categories->len)
    return "total";
  return g_ptr_array_index (dim->categories, i);
}

const char *
udha_report_dimension_get_label (const UdhaReportDimension *dim,
                                 guint                      i)
{
  g_return_val_if_fail (dim != NULL, NULL);
  g_return_val_if_fail (i <= dim->labels->len, NULL);

  if (i == dim->labels->len)
    return dim->total_label;
  return g_ptr_array_index (dim->labels, i);
}

/* Tables ------------------------------------------------------------------ */

UdhaReportTable *
udha_report_table_new (UdhaReportTableId     id,
                       const char           *title,
                       const char           *measure,
                       gboolean              sensitive,
                       guint                 threshold,
                       guint                 n_dims,
                       UdhaReportDimension **dims)
{
  UdhaReportTable *table;

  g_return_val_if_fail (n_dims == 2 || n_dims == 3, NULL);
  g_return_val_if_fail (dims != NULL, NULL);
  g_return_val_if_fail (threshold >= 1, NULL);

  table = g_new0 (UdhaReportTable, 1);
  table->id = id;
  table->title = g_strdup (title != NULL ? title : "");
  table->measure = g_strdup (measure != NULL ? measure : "");
  table->sensitive = sensitive;
  table->threshold = threshold;
  table->rounding_base = 5;
  table->language = g_strdup ("en");
  table->n_dims = n_dims;
  table->n_entries = 1;
  for (guint d = 0; d < n_dims; d++)
    {
      table->dims[d] = dims[d];
      table->n_entries *= (gsize) dims[d]->categories->len + 1;
    }
  table->true_values = g_new0 (gint64, table->n_entries);
  table->values = g_new0 (gint64, table->n_entries);
  table->flags = g_new0 (guint8, table->n_entries);
  return table;
}

void
udha_report_table_free (UdhaReportTable *table)
{
  if (table == NULL)
    return;
  for (guint d = 0; d < table->n_dims; d++)
    udha_report_dimension_free (table->dims[d]);
  g_free (table->title);
  g_free (table->measure);
  g_free (table->language);
  g_free (table->true_values);
  g_free (table->values);
  g_free (table->flags);
  g_free (table);
}

UdhaReportTableId
udha_report_table_get_id (const UdhaReportTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->id;
}

const char *
udha_report_table_get_title (const UdhaReportTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);
  return table->title;
}

const char *
udha_report_table_get_measure (const UdhaReportTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);
  return table->measure;
}

gboolean
udha_report_table_is_sensitive (const UdhaReportTable *table)
{
  g_return_val_if_fail (table != NULL, FALSE);
  return table->sensitive;
}

guint
udha_report_table_get_threshold (const UdhaReportTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->threshold;
}

/* The base totals were rounded to (set when the table joins a report). */
guint
udha_report_table_get_rounding_base (const UdhaReportTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->rounding_base;
}

gboolean
udha_report_table_is_protected (const UdhaReportTable *table)
{
  g_return_val_if_fail (table != NULL, FALSE);
  return table->protected;
}

guint
udha_report_table_get_n_dimensions (const UdhaReportTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->n_dims;
}

const UdhaReportDimension *
udha_report_table_get_dimension (const UdhaReportTable *table,
                                 guint                  d)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (d < table->n_dims, NULL);
  return table->dims[d];
}

gsize
udha_report_table_get_n_entries (const UdhaReportTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->n_entries;
}

gsize
udha_report_table_index (const UdhaReportTable *table,
                         const guint           *coords)
{
  gsize index = 0;

  g_return_val_if_fail (table != NULL, 0);
  g_return_val_if_fail (coords != NULL, 0);

  for (guint d = 0; d < table->n_dims; d++)
    {
      guint extent = table->dims[d]->categories->len + 1;

      g_return_val_if_fail (coords[d] < extent, 0);
      index = index * extent + coords[d];
    }
  return index;
}

void
udha_report_table_coords (const UdhaReportTable *table,
                          gsize                  index,
                          guint                 *coords)
{
  g_return_if_fail (table != NULL);
  g_return_if_fail (coords != NULL);
  g_return_if_fail (index < table->n_entries);

  for (guint d = table->n_dims; d-- > 0;)
    {
      guint extent = table->dims[d]->categories->len + 1;

      coords[d] = (guint) (index % extent);
      index /= extent;
    }
}

/**
 * udha_report_table_get_value:
 *
 * Returns: the published value of entry @index: -1 when it is suppressed,
 *   the rounded figure when it is a rounded total.  Before protection
 *   (hand-made tables, the engine itself) the true value.
 */
gint64
udha_report_table_get_value (const UdhaReportTable *table,
                             gsize                  index)
{
  g_return_val_if_fail (table != NULL, -1);
  g_return_val_if_fail (index < table->n_entries, -1);

  if (!table->protected)
    return table->true_values[index];
  return table->values[index];
}

UdhaReportEntryFlags
udha_report_table_get_flags (const UdhaReportTable *table,
                             gsize                  index)
{
  g_return_val_if_fail (table != NULL, 0);
  g_return_val_if_fail (index < table->n_entries, 0);
  return table->flags[index];
}

/**
 * udha_report_table_count_flags:
 *
 * Returns: the number of entries that carry any of @flags
 */
guint
udha_report_table_count_flags (const UdhaReportTable *table,
                               UdhaReportEntryFlags   flags)
{
  guint n = 0;

  g_return_val_if_fail (table != NULL, 0);

  for (gsize i = 0; i < table->n_entries; i++)
    if ((table->flags[i] & flags) != 0)
      n++;
  return n;
}

/**
 * udha_report_table_format_entry:
 *
 * Returns: (transfer full): "12", "0", "<5" for a suppressed entry (the
 *   threshold of this table), "≈40" for a rounded total, "–" for a
 *   combination that cannot occur
 */
char *
udha_report_table_format_entry (const UdhaReportTable *table,
                                gsize                  index)
{
  guint8 flags;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (index < table->n_entries, NULL);

  flags = table->flags[index];
  if ((flags & UDHA_REPORT_ENTRY_SUPPRESSED) != 0)
    return g_strdup_printf ("<%u", table->threshold);
  if ((flags & UDHA_REPORT_ENTRY_STRUCTURAL) != 0)
    return g_strdup ("–");
  if ((flags & UDHA_REPORT_ENTRY_ROUNDED) != 0)
    return g_strdup_printf ("≈%" G_GINT64_FORMAT, udha_report_table_get_value (table, index));
  return g_strdup_printf ("%" G_GINT64_FORMAT, udha_report_table_get_value (table, index));
}

/**
 * udha_report_table_get_footnotes:
 *
 * Returns: (transfer full): the footnotes of the symbols this table shows,
 *   in the report language; an empty vector when it shows none
 */
GStrv
udha_report_table_get_footnotes (const UdhaReportTable *table)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *lang;

  g_return_val_if_fail (table != NULL, NULL);

  lang = table->language;
  if (udha_report_table_count_flags (table, UDHA_REPORT_ENTRY_SUPPRESSED) > 0)
    {
      g_autofree char *text = NULL;

      /* The symbol is printed before the text, as in "<5: fewer than 5 …" */
      text = g_strdup_printf (udha_report_gettext (lang, NULL,
                                                   N_("<%u: a figure from 1 to %u, not shown to protect the people counted. "
                                                      "Some larger figures are hidden too, so that hidden figures cannot be worked out from the totals.")),
                              table->threshold, table->threshold - 1);
      g_strv_builder_add (builder, text);
    }
  if (udha_report_table_count_flags (table, UDHA_REPORT_ENTRY_ROUNDED) > 0)
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (udha_report_gettext (lang, NULL,
                                                   N_("≈: a total rounded to the nearest multiple of %u because its line contains hidden figures.")),
                              table->rounding_base);
      g_strv_builder_add (builder, text);
    }
  if (udha_report_table_count_flags (table, UDHA_REPORT_ENTRY_STRUCTURAL) > 0)
    g_strv_builder_add (builder, udha_report_gettext (lang, NULL, N_("–: a combination that cannot occur.")));
  if (table->sensitive)
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (udha_report_gettext (lang, NULL,
                                                   N_("This table concerns trafficking or gender-based violence: figures below %u are hidden.")),
                              table->threshold);
      g_strv_builder_add (builder, text);
    }
  return g_strv_builder_end (builder);
}

void
udha_report_table_set_true_value (UdhaReportTable *table,
                                  gsize            index,
                                  gint64           value)
{
  g_return_if_fail (table != NULL);
  g_return_if_fail (!table->protected);
  g_return_if_fail (index < table->n_entries);
  g_return_if_fail (value >= 0);

  table->true_values[index] = value;
}

gint64
udha_report_table_get_true_value (const UdhaReportTable *table,
                                  gsize                  index)
{
  g_return_val_if_fail (table != NULL, -1);
  g_return_val_if_fail (index < table->n_entries, -1);

  if (table->protected)
    return table->values[index];
  return table->true_values[index];
}

void
udha_report_table_set_flags (UdhaReportTable      *table,
                             gsize                 index,
                             UdhaReportEntryFlags  flags)
{
  g_return_if_fail (table != NULL);
  g_return_if_fail (index < table->n_entries);

  table->flags[index] = (guint8) flags;
}

/* Is coordinate d of index at the total? */
static gboolean
is_total_along (const UdhaReportTable *table,
                const guint           *coords,
                guint                  d)
{
  return coords[d] == table->dims[d]->categories->len;
}

void
udha_report_table_compute_totals (UdhaReportTable *table)
{
  guint coords[3];

  g_return_if_fail (table != NULL);
  g_return_if_fail (!table->protected);

  for (gsize i = 0; i < table->n_entries; i++)
    {
      gboolean cell = TRUE;

      udha_report_table_coords (table, i, coords);
      for (guint d = 0; d < table->n_dims; d++)
        if (is_total_along (table, coords, d))
          cell = FALSE;
      if (!cell)
        table->true_values[i] = 0;
    }
  /* Every cell adds itself to each entry that totals any subset of its
   * coordinates. */
  for (gsize i = 0; i < table->n_entries; i++)
    {
      gboolean cell = TRUE;
      guint n_subsets;

      udha_report_table_coords (table, i, coords);
      for (guint d = 0; d < table->n_dims; d++)
        if (is_total_along (table, coords, d))
          cell = FALSE;
      if (!cell || table->true_values[i] == 0)
        continue;
      n_subsets = 1u << table->n_dims;
      for (guint mask = 1; mask < n_subsets; mask++)
        {
          guint c[3];

          for (guint d = 0; d < table->n_dims; d++)
            c[d] = (mask & (1u << d)) != 0 ? table->dims[d]->categories->len : coords[d];
          table->true_values[udha_report_table_index (table, c)] += table->true_values[i];
        }
    }
}

/* Used by udha-report-disclosure.c once protection is done. */
void
_udha_report_table_publish (UdhaReportTable *table,
                            const gint64    *published)
{
  memcpy (table->values, published, table->n_entries * sizeof (gint64));
  /* The true values of suppressed entries never leave the engine. */
  memset (table->true_values, 0, table->n_entries * sizeof (gint64));
  table->protected = TRUE;
}

const char *
_udha_report_table_get_language (const UdhaReportTable *table)
{
  return table->language;
}

/* Reports ----------------------------------------------------------------- */

UdhaReport *
udha_report_new (const UdhaReportParams *params,
                 const char             *title,
                 const char             *period_text,
                 const char             *office_text)
{
  UdhaReport *report;

  g_return_val_if_fail (params != NULL, NULL);

  report = g_new0 (UdhaReport, 1);
  g_atomic_ref_count_init (&report->ref_count);
  params_copy (&report->params, params);
  report->title = g_strdup (title != NULL ? title : "");
  report->period_text = g_strdup (period_text != NULL ? period_text : "");
  report->office_text = g_strdup (office_text != NULL ? office_text : "");
  report->tables = g_ptr_array_new_with_free_func ((GDestroyNotify) udha_report_table_free);
  return report;
}

void
udha_report_add_table (UdhaReport      *report,
                       UdhaReportTable *table)
{
  g_return_if_fail (report != NULL);
  g_return_if_fail (table != NULL);

  g_free (table->language);
  table->language = g_strdup (report->params.language);
  table->rounding_base = MAX (report->params.rounding_base, 1);
  g_ptr_array_add (report->tables, table);
}

UdhaReport *
udha_report_ref (UdhaReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);

  g_atomic_ref_count_inc (&report->ref_count);
  return report;
}

void
udha_report_unref (UdhaReport *report)
{
  g_return_if_fail (report != NULL);

  if (!g_atomic_ref_count_dec (&report->ref_count))
    return;
  udha_report_params_clear (&report->params);
  g_free (report->title);
  g_free (report->period_text);
  g_free (report->office_text);
  g_ptr_array_unref (report->tables);
  g_free (report);
}

const UdhaReportParams *
udha_report_get_params (const UdhaReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);
  return &report->params;
}

const char *
udha_report_get_title (const UdhaReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);
  return report->title;
}

const char *
udha_report_get_period_text (const UdhaReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);
  return report->period_text;
}

const char *
udha_report_get_office_text (const UdhaReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);
  return report->office_text;
}

guint
udha_report_get_n_tables (const UdhaReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  return report->tables->len;
}

const UdhaReportTable *
udha_report_get_table (const UdhaReport *report,
                       guint             i)
{
  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (i < report->tables->len, NULL);
  return g_ptr_array_index (report->tables, i);
}

/* Mutable access for the engine (udha-report-disclosure.c). */
UdhaReportTable *
_udha_report_get_table_mutable (UdhaReport *report,
                                guint       i)
{
  return g_ptr_array_index (report->tables, i);
}
