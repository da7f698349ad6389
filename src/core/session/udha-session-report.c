/* udha-session-report.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Anonymised reports for a supervisor's office (DOMAIN.md §10, issue #6).
 *
 * udha_session_run_report() checks UDHA_ACTION_RUN_REPORTS, runs the
 * aggregation queries of udha-store-report.c in one snapshot, builds the
 * catalogue's tables in the report language and passes the whole report
 * through disclosure control before returning it: a caller only ever holds
 * protected tables.  The async variant does the same in a GTask thread on a
 * connection of its own, with progress and cancellation (DESIGN.md "Long
 * work").
 *
 * udha_session_export_report() writes a file with udha_report_write() and
 * appends the §10.9 audit entry: the definition, thresholds, counts of
 * cells and suppressions, format, file base name and the BLAKE2b hash of
 * the file.  A file whose export cannot be audited is removed. */

#define G_LOG_DOMAIN "udha-session-report"

#include "config.h"

#include "udha-session-report.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <sodium.h>
#include <string.h>

#include "udha-date.h"
#include "udha-iso-codes.h"
#include "udha-lookup.h"
#include "udha-office.h"
#include "udha-permissions.h"
#include "udha-report-private.h"
#include "udha-session-error.h"
#include "udha-store-report.h"
#include "udha-vault.h"

#define RT(lang, msgid) udha_report_gettext ((lang), NULL, (msgid))

/* The queries each table needs. */
static const UdhaStoreReportQuery table_query[UDHA_REPORT_N_TABLES + 1] = {
  [UDHA_REPORT_TABLE_PERSONS_SEX_AGE] = UDHA_STORE_REPORT_PERSONS,
  [UDHA_REPORT_TABLE_CITIZENSHIP_SEX] = UDHA_STORE_REPORT_PERSONS,
  [UDHA_REPORT_TABLE_CASES_TYPE_PERIOD] = UDHA_STORE_REPORT_CASE_EVENTS,
  [UDHA_REPORT_TABLE_SERVICES_TYPE_SEX] = UDHA_STORE_REPORT_SERVICES,
  [UDHA_REPORT_TABLE_REFERRALS_SERVICE_OUTCOME] = UDHA_STORE_REPORT_REFERRALS,
  [UDHA_REPORT_TABLE_VULNERABILITY_SEX] = UDHA_STORE_REPORT_VULNERABILITIES,
};

/* What a run needs, copied from the session in the calling thread. */
typedef struct
{
  UdhaReportParams  params;
  gint64            office_id;
  char             *office_name;
  UdhaStore        *store;
  gboolean          own_connection;
  /* progress, in the caller's main context */
  GMainContext     *context;
  UdhaReportProgressFunc progress;
  gpointer          progress_data;
} RunData;

static void
run_data_free (RunData *data)
{
  udha_report_params_clear (&data->params);
  g_free (data->office_name);
  g_clear_object (&data->store);
  g_clear_pointer (&data->context, g_main_context_unref);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RunData, run_data_free)

/* Dimensions -------------------------------------------------------------- */

/* A dimension and a map from category code to index. */
typedef struct
{
  UdhaReportDimension *dim;
  GHashTable          *index;
  guint                size;
} Dim;

static void
dim_init (Dim        *d,
          const char *lang,
          const char *code,
          const char *title)
{
  d->dim = udha_report_dimension_new (code, title, RT (lang, N_("Total")));
  d->index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  d->size = 0;
}

static void
dim_add (Dim        *d,
         const char *code,
         const char *label)
{
  guint i = udha_report_dimension_add (d->dim, code, label);

  g_hash_table_insert (d->index, g_strdup (code), GUINT_TO_POINTER (i + 1));
  d->size = i + 1;
}

/* Maps another code onto an existing category. */
static void
dim_alias (Dim        *d,
           const char *code,
           const char *target)
{
  gpointer i = g_hash_table_lookup (d->index, target);

  g_hash_table_insert (d->index, g_strdup (code), i);
}

/* Index of code, or fallback's index, or -1. */
static int
dim_find (const Dim  *d,
          const char *code,
          const char *fallback)
{
  gpointer i = code != NULL ? g_hash_table_lookup (d->index, code) : NULL;

  if (i == NULL && fallback != NULL)
    i = g_hash_table_lookup (d->index, fallback);
  return i != NULL ? (int) GPOINTER_TO_UINT (i) - 1 : -1;
}

static void
dim_clear (Dim *d)
{
  g_clear_pointer (&d->index, g_hash_table_unref);
}

static const char *
lookup_label (const char            *lang,
              UdhaLookupKind         kind,
              const UdhaLookupEntry *entry)
{
  if ((entry->flags & UDHA_LOOKUP_FLAG_UNTRANSLATED) != 0)
    return entry->label;
  return udha_report_pgettext (lang, udha_lookup_kind_get_context (kind), entry->label);
}

static void
dim_from_lookup (Dim            *d,
                 const char     *lang,
                 const char     *code,
                 const char     *title,
                 UdhaLookupKind  kind,
                 const char     *skip)
{
  const UdhaLookupEntry *entries;
  guint n;

  dim_init (d, lang, code, title);
  entries = udha_lookup_list (kind, &n);
  for (guint i = 0; i < n; i++)
    if (skip == NULL || strcmp (entries[i].code, skip) != 0)
      dim_add (d, entries[i].code, lookup_label (lang, kind, &entries[i]));
}

static void
dim_sex (Dim        *d,
         const char *lang)
{
  dim_init (d, lang, "sex", RT (lang, N_("Sex")));
  dim_add (d, "female", lookup_label (lang, UDHA_LOOKUP_SEX, udha_lookup_find (UDHA_LOOKUP_SEX, "female")));
  dim_add (d, "male", lookup_label (lang, UDHA_LOOKUP_SEX, udha_lookup_find (UDHA_LOOKUP_SEX, "male")));
  dim_add (d, "other", RT (lang, N_("Other / not stated")));
}

static void
dim_age (Dim        *d,
         const char *lang)
{
  dim_init (d, lang, "age_band", RT (lang, N_("Age at registration")));
  dim_add (d, "0_4", "0–4");
  dim_add (d, "5_11", "5–11");
  dim_add (d, "12_17", "12–17");
  dim_add (d, "18_59", "18–59");
  dim_add (d, "60_plus", "60+");
  dim_add (d, "unknown", RT (lang, N_("Age unknown")));
}

static void
dim_region (Dim        *d,
            const char *lang)
{
  dim_from_lookup (d, lang, "region", RT (lang, N_("Region (qark)")), UDHA_LOOKUP_QARK, NULL);
  dim_add (d, "unknown", RT (lang, N_("Not in Albania / unknown")));
}

static const char *
country_name (const char *lang,
              const char *alpha2)
{
  const UdhaIsoCountry *c = udha_iso_country_find (alpha2);
  const char *t;

  if (c == NULL)
    return alpha2;
  /* As the UI does: the common name ("Syria") when it is translated, else
   * the translated ISO name ("Republika Arabe e Sirisë"), else English. */
  t = udha_report_gettext (lang, "iso_3166-1", c->name);
  if (t == c->name && c->official_name != NULL && strcmp (c->official_name, c->name) != 0)
    {
      const char *official = udha_report_gettext (lang, "iso_3166-1", c->official_name);

      if (official != c->official_name)
        return official;
    }
  return t;
}

/* Months or quarters from params->from to params->to. */
static void
dim_period (Dim                    *d,
            const UdhaReportParams *params)
{
  const char *lang = params->language;
  gboolean quarters = params->period_unit == UDHA_REPORT_PERIOD_QUARTER;
  guint y, m, y_end, m_end;

  dim_init (d, lang, "period", quarters ? RT (lang, N_("Quarter")) : RT (lang, N_("Month")));
  y = (guint) g_ascii_strtoull (params->from, NULL, 10);
  m = (guint) g_ascii_strtoull (params->from + 5, NULL, 10);
  y_end = (guint) g_ascii_strtoull (params->to, NULL, 10);
  m_end = (guint) g_ascii_strtoull (params->to + 5, NULL, 10);
  if (quarters)
    {
      m = (m - 1) / 3 + 1;
      m_end = (m_end - 1) / 3 + 1;
    }
  while (y < y_end || (y == y_end && m <= m_end))
    {
      g_autofree char *code = NULL;
      g_autofree char *label = NULL;

      if (quarters)
        {
          code = g_strdup_printf ("%04u-Q%u", y, m);
          /* TRANSLATORS: a quarter of a year in a report: "Q1 2026" */
          label = g_strdup_printf (RT (lang, N_("Q%u %u")), m, y);
        }
      else
        {
          code = g_strdup_printf ("%04u-%02u", y, m);
          label = g_strdup (code);
        }
      dim_add (d, code, label);
      if (++m > (quarters ? 4u : 12u))
        {
          m = 1;
          y++;
        }
    }
}

/* Tables ------------------------------------------------------------------ */

/* The table under construction: its dimensions (region last when asked). */
typedef struct
{
  Dim   dims[3];
  guint n_dims;
} Build;

static UdhaReportTable *
build_table (Build                  *b,
             UdhaReportTableId       id,
             const char             *title,
             const char             *measure,
             gboolean                sensitive,
             const UdhaReportParams *params)
{
  UdhaReportDimension *dims[3];

  for (guint d = 0; d < b->n_dims; d++)
    dims[d] = b->dims[d].dim;
  return udha_report_table_new (id, title, measure, sensitive,
                                sensitive ? params->threshold_sensitive : params->threshold,
                                b->n_dims, dims);
}

static void
add_count (UdhaReportTable *table,
           const int       *coords,
           guint            n_dims,
           gint64           count)
{
  guint c[3];
  gsize i;

  for (guint d = 0; d < n_dims; d++)
    {
      if (coords[d] < 0)
        return;
      c[d] = (guint) coords[d];
    }
  i = udha_report_table_index (table, c);
  udha_report_table_set_true_value (table, i, udha_report_table_get_true_value (table, i) + count);
}

static void
build_clear (Build *b)
{
  for (guint d = 0; d < b->n_dims; d++)
    dim_clear (&b->dims[d]);
}

static gint
compare_ranked (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  GHashTable *totals = user_data;
  const char *x = *(const char * const *) a, *y = *(const char * const *) b;
  gint64 nx = *(gint64 *) g_hash_table_lookup (totals, x);
  gint64 ny = *(gint64 *) g_hash_table_lookup (totals, y);

  if (nx != ny)
    return nx > ny ? -1 : 1;
  return strcmp (x, y);
}

/* Top-N citizenships over the period, by count; those below the threshold
 * go to Other (DOMAIN.md §10.2). */
static GPtrArray *
top_citizenships (GPtrArray              *persons,
                  const UdhaReportParams *params)
{
  g_autoptr(GHashTable) totals = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  GPtrArray *top = g_ptr_array_new_with_free_func (g_free);

  for (guint r = 0; r < persons->len; r++)
    {
      UdhaStoreReportRow *row = g_ptr_array_index (persons, r);
      const char *code = row->keys[2];
      gint64 *n;

      if (code == NULL || udha_iso_country_find (code) == NULL)
        continue;
      code = udha_iso_country_find (code)->alpha2;
      n = g_hash_table_lookup (totals, code);
      if (n == NULL)
        {
          n = g_new0 (gint64, 1);
          g_hash_table_insert (totals, (gpointer) code, n);
          g_ptr_array_add (codes, (gpointer) code);
        }
      *n += row->count;
    }
  g_ptr_array_sort_with_data (codes, compare_ranked, totals);
  for (guint i = 0; i < codes->len && top->len < params->top_n; i++)
    {
      const char *code = g_ptr_array_index (codes, i);

      if (*(gint64 *) g_hash_table_lookup (totals, code) >= (gint64) params->threshold)
        g_ptr_array_add (top, g_strdup (code));
    }
  return top;
}

static UdhaReportTable *
table_persons_sex_age (GPtrArray              *rows,
                       const UdhaReportParams *params)
{
  const char *lang = params->language;
  Build b = { .n_dims = params->by_region ? 3 : 2 };
  UdhaReportTable *table;

  dim_sex (&b.dims[0], lang);
  dim_age (&b.dims[1], lang);
  if (params->by_region)
    dim_region (&b.dims[2], lang);
  table = build_table (&b, UDHA_REPORT_TABLE_PERSONS_SEX_AGE,
                       RT (lang, N_("Persons assisted by sex and age")),
                       RT (lang, N_("Persons assisted")), FALSE, params);
  for (guint r = 0; r < rows->len; r++)
    {
      UdhaStoreReportRow *row = g_ptr_array_index (rows, r);
      int c[3] = {
        dim_find (&b.dims[0], row->keys[0], "other"),
        dim_find (&b.dims[1], row->keys[1], "unknown"),
        params->by_region ? dim_find (&b.dims[2], row->keys[3], "unknown") : 0,
      };

      add_count (table, c, b.n_dims, row->count);
    }
  build_clear (&b);
  return table;
}

static UdhaReportTable *
table_citizenship_sex (GPtrArray              *rows,
                       const UdhaReportParams *params)
{
  const char *lang = params->language;
  Build b = { .n_dims = params->by_region ? 3 : 2 };
  g_autoptr(GPtrArray) top = top_citizenships (rows, params);
  UdhaReportTable *table;

  dim_init (&b.dims[0], lang, "citizenship", RT (lang, N_("Citizenship")));
  for (guint i = 0; i < top->len; i++)
    dim_add (&b.dims[0], g_ptr_array_index (top, i), country_name (lang, g_ptr_array_index (top, i)));
  dim_add (&b.dims[0], "other", RT (lang, N_("Other citizenships")));
  dim_add (&b.dims[0], "stateless_unknown", RT (lang, N_("Stateless / unknown")));
  dim_alias (&b.dims[0], UDHA_CITIZENSHIP_STATELESS, "stateless_unknown");
  dim_alias (&b.dims[0], UDHA_CITIZENSHIP_UNKNOWN, "stateless_unknown");
  dim_sex (&b.dims[1], lang);
  if (params->by_region)
    dim_region (&b.dims[2], lang);
  table = build_table (&b, UDHA_REPORT_TABLE_CITIZENSHIP_SEX,
                       RT (lang, N_("Persons assisted by citizenship and sex")),
                       RT (lang, N_("Persons assisted")), FALSE, params);
  for (guint r = 0; r < rows->len; r++)
    {
      UdhaStoreReportRow *row = g_ptr_array_index (rows, r);
      const UdhaIsoCountry *country = row->keys[2] != NULL ? udha_iso_country_find (row->keys[2]) : NULL;
      const char *code = country != NULL ? country->alpha2 : row->keys[2];
      int c[3] = {
        dim_find (&b.dims[0], code, country != NULL ? "other" : "stateless_unknown"),
        dim_find (&b.dims[1], row->keys[0], "other"),
        params->by_region ? dim_find (&b.dims[2], row->keys[3], "unknown") : 0,
      };

      add_count (table, c, b.n_dims, row->count);
    }
  build_clear (&b);
  return table;
}

static UdhaReportTable *
table_cases (GPtrArray              *rows,
             const UdhaReportParams *params)
{
  const char *lang = params->language;
  Build b = { .n_dims = 3 };
  UdhaReportTable *table;

  dim_from_lookup (&b.dims[0], lang, "case_type", RT (lang, N_("Case type")), UDHA_LOOKUP_CASE_TYPE, NULL);
  dim_period (&b.dims[1], params);
  dim_init (&b.dims[2], lang, "event", RT (lang, N_("Event")));
  dim_add (&b.dims[2], "opened", RT (lang, N_("Cases opened")));
  dim_add (&b.dims[2], "closed", RT (lang, N_("Cases closed")));
  table = build_table (&b, UDHA_REPORT_TABLE_CASES_TYPE_PERIOD,
                       RT (lang, N_("Cases opened and closed by type")),
                       RT (lang, N_("Persons whose case was opened or closed")), FALSE, params);
  for (guint r = 0; r < rows->len; r++)
    {
      UdhaStoreReportRow *row = g_ptr_array_index (rows, r);
      int c[3] = {
        dim_find (&b.dims[0], row->keys[0], "other"),
        dim_find (&b.dims[1], row->keys[1], NULL),
        dim_find (&b.dims[2], row->keys[2], NULL),
      };

      add_count (table, c, 3, row->count);
    }
  build_clear (&b);
  return table;
}

static UdhaReportTable *
table_services (GPtrArray              *rows,
                const UdhaReportParams *params)
{
  const char *lang = params->language;
  Build b = { .n_dims = params->by_region ? 3 : 2 };
  UdhaReportTable *table;

  dim_from_lookup (&b.dims[0], lang, "service", RT (lang, N_("Service")), UDHA_LOOKUP_SERVICE, NULL);
  dim_sex (&b.dims[1], lang);
  if (params->by_region)
    dim_region (&b.dims[2], lang);
  table = build_table (&b, UDHA_REPORT_TABLE_SERVICES_TYPE_SEX,
                       RT (lang, N_("Services delivered by type and sex")),
                       RT (lang, N_("Persons who received the service")), FALSE, params);
  for (guint r = 0; r < rows->len; r++)
    {
      UdhaStoreReportRow *row = g_ptr_array_index (rows, r);
      int c[3] = {
        dim_find (&b.dims[0], row->keys[0], "other"),
        dim_find (&b.dims[1], row->keys[1], "other"),
        params->by_region ? dim_find (&b.dims[2], row->keys[2], "unknown") : 0,
      };

      add_count (table, c, b.n_dims, row->count);
    }
  build_clear (&b);
  return table;
}

static UdhaReportTable *
table_referrals (GPtrArray              *rows,
                 const UdhaReportParams *params)
{
  const char *lang = params->language;
  Build b = { .n_dims = params->by_region ? 3 : 2 };
  UdhaReportTable *table;

  dim_from_lookup (&b.dims[0], lang, "service", RT (lang, N_("Service")), UDHA_LOOKUP_SERVICE, NULL);
  dim_from_lookup (&b.dims[1], lang, "outcome", RT (lang, N_("Referral status")), UDHA_LOOKUP_REFERRAL_STATUS, "draft");
  if (params->by_region)
    dim_region (&b.dims[2], lang);
  table = build_table (&b, UDHA_REPORT_TABLE_REFERRALS_SERVICE_OUTCOME,
                       RT (lang, N_("Referrals by service and status")),
                       RT (lang, N_("Persons referred")), FALSE, params);
  for (guint r = 0; r < rows->len; r++)
    {
      UdhaStoreReportRow *row = g_ptr_array_index (rows, r);
      int c[3] = {
        dim_find (&b.dims[0], row->keys[0], "other"),
        dim_find (&b.dims[1], row->keys[1], NULL),
        params->by_region ? dim_find (&b.dims[2], row->keys[2], "unknown") : 0,
      };

      add_count (table, c, b.n_dims, row->count);
    }
  build_clear (&b);
  return table;
}

static UdhaReportTable *
table_vulnerabilities (GPtrArray              *rows,
                       const UdhaReportParams *params)
{
  const char *lang = params->language;
  Build b = { .n_dims = params->by_region ? 3 : 2 };
  UdhaReportTable *table;
  int pregnant, male;

  dim_from_lookup (&b.dims[0], lang, "vulnerability", RT (lang, N_("Specific needs")), UDHA_LOOKUP_VULNERABILITY, NULL);
  dim_sex (&b.dims[1], lang);
  if (params->by_region)
    dim_region (&b.dims[2], lang);
  /* Trafficking and GBV categories make the table sensitive (§10.3). */
  table = build_table (&b, UDHA_REPORT_TABLE_VULNERABILITY_SEX,
                       RT (lang, N_("Persons assisted by specific need and sex")),
                       RT (lang, N_("Persons with the need recorded")), TRUE, params);
  for (guint r = 0; r < rows->len; r++)
    {
      UdhaStoreReportRow *row = g_ptr_array_index (rows, r);
      int c[3] = {
        dim_find (&b.dims[0], row->keys[0], NULL),
        dim_find (&b.dims[1], row->keys[1], "other"),
        params->by_region ? dim_find (&b.dims[2], row->keys[2], "unknown") : 0,
      };

      add_count (table, c, b.n_dims, row->count);
    }

  /* "Pregnant woman" × male cannot occur: a structural zero, unless the
   * data says otherwise. */
  pregnant = dim_find (&b.dims[0], "pregnant", NULL);
  male = dim_find (&b.dims[1], "male", NULL);
  if (pregnant >= 0 && male >= 0)
    {
      guint n_regions = params->by_region ? b.dims[2].size : 1;
      gboolean all = TRUE;

      for (guint g = 0; g < n_regions; g++)
        {
          guint c[3] = { (guint) pregnant, (guint) male, g };
          gsize i = udha_report_table_index (table, c);

          if (udha_report_table_get_true_value (table, i) == 0)
            udha_report_table_set_flags (table, i, UDHA_REPORT_ENTRY_STRUCTURAL);
          else
            all = FALSE;
        }
      if (params->by_region && all)
        {
          guint c[3] = { (guint) pregnant, (guint) male, n_regions };

          udha_report_table_set_flags (table, udha_report_table_index (table, c), UDHA_REPORT_ENTRY_STRUCTURAL);
        }
    }
  build_clear (&b);
  return table;
}

/* Running ----------------------------------------------------------------- */

typedef struct
{
  RunData *data;
  guint    done;
  guint    total;
} ProgressCall;

static gboolean
progress_idle (gpointer user_data)
{
  ProgressCall *call = user_data;

  call->data->progress (call->done, call->total, call->data->progress_data);
  return G_SOURCE_REMOVE;
}

static void
report_progress (RunData *data,
                 guint    done,
                 guint    total)
{
  ProgressCall *call;

  if (data->progress == NULL)
    return;
  if (data->context == NULL)
    {
      data->progress (done, total, data->progress_data);
      return;
    }
  call = g_new0 (ProgressCall, 1);
  call->data = data;
  call->done = done;
  call->total = total;
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, progress_idle, call, g_free);
}

static UdhaReport *
run (RunData       *data,
     GCancellable  *cancellable,
     GError       **error)
{
  const UdhaReportParams *params = &data->params;
  const char *lang = params->language;
  guint wanted = params->tables != 0 ? params->tables : ((1u << (UDHA_REPORT_N_TABLES + 1)) - 2);
  GPtrArray *results[UDHA_STORE_REPORT_N_QUERIES] = { NULL, };
  gboolean needed[UDHA_STORE_REPORT_N_QUERIES] = { FALSE, };
  g_autoptr(UdhaStoreReportSnapshot) snap = NULL;
  g_autoptr(UdhaReport) report = NULL;
  g_autofree char *period_text = NULL;
  UdhaStoreReportFilter filter = {
    .office_id = data->office_id,
    .from = params->from,
    .to = params->to,
    .quarters = params->period_unit == UDHA_REPORT_PERIOD_QUARTER,
  };
  guint total = 1, done = 0;
  gboolean ok = TRUE;

  for (guint t = 1; t <= UDHA_REPORT_N_TABLES; t++)
    if ((wanted & (1u << t)) != 0 && !needed[table_query[t]])
      {
        needed[table_query[t]] = TRUE;
        total++;
      }

  snap = udha_store_report_snapshot_begin (data->store, data->own_connection, error);
  if (snap == NULL)
    return NULL;
  for (guint q = 0; q < UDHA_STORE_REPORT_N_QUERIES && ok; q++)
    {
      if (!needed[q])
        continue;
      results[q] = udha_store_report_snapshot_query (snap, q, &filter, cancellable, error);
      ok = results[q] != NULL;
      report_progress (data, ++done, total);
    }
  /* One snapshot: the read transaction ends before any table is built. */
  g_clear_pointer (&snap, udha_store_report_snapshot_end);

  if (ok)
    {
      UdhaDate from_date = { 0 }, to_date = { 0 };
      g_autofree char *from_text = NULL;
      g_autofree char *to_text = NULL;

      /* Validated above; shown as people read dates here (dd.mm.yyyy). */
      udha_date_from_iso (params->from, &from_date);
      udha_date_from_iso (params->to, &to_date);
      from_text = udha_date_to_display (&from_date);
      to_text = udha_date_to_display (&to_date);
      /* TRANSLATORS: the period of a report: "01.01.2026 – 31.03.2026" */
      period_text = g_strdup_printf (RT (lang, N_("%s – %s")), from_text, to_text);
      report = udha_report_new (params, RT (lang, N_("Anonymised report on persons assisted")),
                                period_text, data->office_name);
      for (guint t = 1; t <= UDHA_REPORT_N_TABLES; t++)
        {
          GPtrArray *rows;

          if ((wanted & (1u << t)) == 0)
            continue;
          rows = results[table_query[t]];
          switch ((UdhaReportTableId) t)
            {
            case UDHA_REPORT_TABLE_PERSONS_SEX_AGE:
              udha_report_add_table (report, table_persons_sex_age (rows, params));
              break;
            case UDHA_REPORT_TABLE_CITIZENSHIP_SEX:
              udha_report_add_table (report, table_citizenship_sex (rows, params));
              break;
            case UDHA_REPORT_TABLE_CASES_TYPE_PERIOD:
              udha_report_add_table (report, table_cases (rows, params));
              break;
            case UDHA_REPORT_TABLE_SERVICES_TYPE_SEX:
              udha_report_add_table (report, table_services (rows, params));
              break;
            case UDHA_REPORT_TABLE_REFERRALS_SERVICE_OUTCOME:
              udha_report_add_table (report, table_referrals (rows, params));
              break;
            case UDHA_REPORT_TABLE_VULNERABILITY_SEX:
              udha_report_add_table (report, table_vulnerabilities (rows, params));
              break;
            default:
              g_assert_not_reached ();
            }
        }
      for (guint i = 0; i < udha_report_get_n_tables (report); i++)
        udha_report_table_compute_totals (_udha_report_get_table_mutable (report, i));
      /* Nothing leaves this function unprotected. */
      udha_report_protect (report);
      report_progress (data, ++done, total);
    }

  for (guint q = 0; q < UDHA_STORE_REPORT_N_QUERIES; q++)
    if (results[q] != NULL)
      g_ptr_array_unref (results[q]);
  if (!ok)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&report);
}

/* Checks the session, the permission and the parameters; returns the data
 * of a run. */
static RunData *
prepare (UdhaSession             *self,
         const UdhaReportParams  *params,
         GError                 **error)
{
  g_autoptr(RunData) data = NULL;
  g_autoptr(UdhaOffice) office = NULL;
  UdhaStore *store;
  UdhaScopeFacts facts = { 0, };

  if (udha_session_is_closed (self)
      || udha_vault_is_locked (udha_store_get_vault (udha_session_get_store (self))))
    {
      g_set_error_literal (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_CLOSED,
                           _("The vault is locked. Unlock it again."));
      return NULL;
    }
  facts.actor_user_id = udha_session_get_user_id (self);
  facts.actor_office_id = udha_session_get_office_id (self);
  facts.case_office_id = udha_session_get_office_id (self);
  if (!udha_permission_check (udha_session_get_role (self), UDHA_ACTION_RUN_REPORTS, &facts, error))
    return NULL;
  if (!udha_report_params_validate (params, error))
    return NULL;

  store = udha_session_get_store (self);
  data = g_new0 (RunData, 1);
  data->params = *params;
  data->params.from = g_strdup (params->from);
  data->params.to = g_strdup (params->to);
  data->params.language = g_strdup (params->language != NULL ? params->language : "en");
  data->office_id = facts.actor_office_id;
  office = udha_store_get_office (store, data->office_id, NULL);
  data->office_name = g_strdup (office != NULL ? udha_office_get_name (office) : "");
  data->store = g_object_ref (store);
  return g_steal_pointer (&data);
}

/**
 * udha_session_run_report:
 * @params: what to count; validated here
 *
 * Supervisors only, for their own office.  All queries read one snapshot.
 *
 * Returns: (transfer full): the protected report, or %NULL
 */
UdhaReport *
udha_session_run_report (UdhaSession             *self,
                         const UdhaReportParams  *params,
                         GCancellable            *cancellable,
                         GError                 **error)
{
  g_autoptr(RunData) data = NULL;

  g_return_val_if_fail (UDHA_IS_SESSION (self), NULL);
  g_return_val_if_fail (params != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = prepare (self, params, error);
  if (data == NULL)
    return NULL;
  return run (data, cancellable, error);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  GError *error = NULL;
  UdhaReport *report = run (task_data, cancellable, &error);

  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) udha_report_unref);
}

/**
 * udha_session_run_report_async:
 * @progress: (nullable): called in the caller's main context after each step
 *
 * udha_session_run_report() in a worker thread with a connection of its
 * own.  The permission and the parameters are checked at once; a refusal
 * comes back through @callback.
 */
void
udha_session_run_report_async (UdhaSession             *self,
                               const UdhaReportParams  *params,
                               GCancellable            *cancellable,
                               UdhaReportProgressFunc   progress,
                               gpointer                 progress_data,
                               GAsyncReadyCallback      callback,
                               gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  RunData *data;

  g_return_if_fail (UDHA_IS_SESSION (self));
  g_return_if_fail (params != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, udha_session_run_report_async);
  g_task_set_return_on_cancel (task, FALSE);

  data = prepare (self, params, &error);
  if (data == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data->own_connection = TRUE;
  data->context = g_main_context_ref_thread_default ();
  data->progress = progress;
  data->progress_data = progress_data;
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  g_task_run_in_thread (task, run_thread);
}

UdhaReport *
udha_session_run_report_finish (UdhaSession   *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (UDHA_IS_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Export ------------------------------------------------------------------ */

static char *
file_blake2b (GFile         *file,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GFileInputStream) in = NULL;
  crypto_generichash_state state;
  guint8 buffer[65536];
  guint8 hash[crypto_generichash_BYTES];
  char *hex;
  gssize n;

  in = g_file_read (file, cancellable, error);
  if (in == NULL)
    return NULL;
  crypto_generichash_init (&state, NULL, 0, sizeof hash);
  while ((n = g_input_stream_read (G_INPUT_STREAM (in), buffer, sizeof buffer, cancellable, error)) > 0)
    crypto_generichash_update (&state, buffer, (unsigned long long) n);
  if (n < 0)
    return NULL;
  crypto_generichash_final (&state, hash, sizeof hash);
  hex = g_malloc (sizeof hash * 2 + 1);
  sodium_bin2hex (hex, sizeof hash * 2 + 1, hash, sizeof hash);
  return hex;
}

/* The §10.9 details: codes and numbers only. */
static char *
export_details (const UdhaReport *report,
                UdhaReportFormat  format,
                const char       *base_name,
                const char       *hash)
{
  const UdhaReportParams *params = udha_report_get_params (report);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  guint cells = 0, primary = 0, secondary = 0, rounded = 0;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "definition");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "from");
  json_builder_add_string_value (b, params->from);
  json_builder_set_member_name (b, "to");
  json_builder_add_string_value (b, params->to);
  json_builder_set_member_name (b, "period");
  json_builder_add_string_value (b, params->period_unit == UDHA_REPORT_PERIOD_QUARTER ? "quarter" : "month");
  json_builder_set_member_name (b, "by_region");
  json_builder_add_boolean_value (b, params->by_region);
  json_builder_set_member_name (b, "top_n");
  json_builder_add_int_value (b, params->top_n);
  json_builder_set_member_name (b, "language");
  json_builder_add_string_value (b, params->language);
  json_builder_set_member_name (b, "tables");
  json_builder_begin_array (b);
  for (guint i = 0; i < udha_report_get_n_tables (report); i++)
    {
      const UdhaReportTable *table = udha_report_get_table (report, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, udha_report_table_get_id (table));
      json_builder_set_member_name (b, "dimensions");
      json_builder_begin_array (b);
      for (guint d = 0; d < udha_report_table_get_n_dimensions (table); d++)
        json_builder_add_string_value (b, udha_report_dimension_get_code (udha_report_table_get_dimension (table, d)));
      json_builder_end_array (b);
      json_builder_set_member_name (b, "sensitive");
      json_builder_add_boolean_value (b, udha_report_table_is_sensitive (table));
      json_builder_end_object (b);

      cells += (guint) udha_report_table_get_n_entries (table);
      primary += udha_report_table_count_flags (table, UDHA_REPORT_ENTRY_PRIMARY);
      secondary += udha_report_table_count_flags (table, UDHA_REPORT_ENTRY_SECONDARY);
      rounded += udha_report_table_count_flags (table, UDHA_REPORT_ENTRY_ROUNDED);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "threshold");
  json_builder_add_int_value (b, params->threshold);
  json_builder_set_member_name (b, "threshold_sensitive");
  json_builder_add_int_value (b, params->threshold_sensitive);
  json_builder_set_member_name (b, "rounding_base");
  json_builder_add_int_value (b, params->rounding_base);
  json_builder_set_member_name (b, "cells");
  json_builder_add_int_value (b, cells);
  json_builder_set_member_name (b, "primary");
  json_builder_add_int_value (b, primary);
  json_builder_set_member_name (b, "secondary");
  json_builder_add_int_value (b, secondary);
  json_builder_set_member_name (b, "rounded");
  json_builder_add_int_value (b, rounded);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, udha_report_format_to_string (format));
  json_builder_set_member_name (b, "file");
  json_builder_add_string_value (b, base_name);
  json_builder_set_member_name (b, "blake2b");
  json_builder_add_string_value (b, hash);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

/**
 * udha_session_export_report:
 * @report: a report from udha_session_run_report()
 * @file: where to write; replaced atomically
 *
 * Writes @report and appends the "report.export" audit entry (DOMAIN.md
 * §10.9).  If the entry cannot be written, the file is removed again.
 *
 * Returns: %TRUE when the file is written and audited
 */
gboolean
udha_session_export_report (UdhaSession       *self,
                            UdhaReport        *report,
                            UdhaReportFormat   format,
                            GFile             *file,
                            GCancellable      *cancellable,
                            GError           **error)
{
  UdhaScopeFacts facts = { 0, };
  UdhaStore *store;
  g_autofree char *hash = NULL;
  g_autofree char *base_name = NULL;
  g_autofree char *details = NULL;
  g_autoptr(GError) local = NULL;
  gboolean ok;

  g_return_val_if_fail (UDHA_IS_SESSION (self), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  store = udha_session_get_store (self);
  if (udha_session_is_closed (self) || udha_vault_is_locked (udha_store_get_vault (store)))
    {
      g_set_error_literal (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_CLOSED,
                           _("The vault is locked. Unlock it again."));
      return FALSE;
    }
  facts.actor_user_id = udha_session_get_user_id (self);
  facts.actor_office_id = udha_session_get_office_id (self);
  facts.case_office_id = udha_session_get_office_id (self);
  if (!udha_permission_check (udha_session_get_role (self), UDHA_ACTION_RUN_REPORTS, &facts, error))
    return FALSE;

  if (!udha_report_write (report, format, file, cancellable, error))
    return FALSE;

  hash = file_blake2b (file, cancellable, &local);
  base_name = g_file_get_basename (file);
  if (hash != NULL)
    {
      details = export_details (report, format, base_name, hash);
      ok = udha_store_begin (store, &local);
      if (ok)
        {
          ok = udha_store_audit_append (store, udha_session_get_user_name (self), "report.export", "report", 0,
                                        facts.actor_office_id, details, &local);
          if (ok)
            ok = udha_store_commit (store, &local);
          else
            udha_store_rollback (store);
        }
      if (ok)
        return TRUE;
    }

  /* An export that is not in the audit log must not exist. */
  g_file_delete (file, NULL, NULL);
  g_set_error (error, UDHA_REPORT_ERROR, UDHA_REPORT_ERROR_WRITE,
               _("The report was not saved because its export could not be recorded in the audit log: %s"),
               local != NULL ? local->message : "");
  return FALSE;
}
