/* udha-cli-report.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* udha-cli report --from D --to D [--tables 1,3|all] [--threshold N]
 *   [--lang en|sq] [--by-region] [--period month|quarter]
 *   --format csv|xlsx|pdf|json --out FILE
 *
 * An anonymised report for the supervisor's office (DOMAIN.md §10): run,
 * protected and exported through the session, which audits the export.
 * Bad parameters are usage errors (exit status 2). */

#define G_LOG_DOMAIN "udha-cli-report"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "udha-cli-common.h"
#include "udha-cli.h"
#include "udha-report.h"
#include "udha-session-report.h"
#include "udha-session.h"

static int
fail_error (const GError *error)
{
  g_autofree char *message = g_strdup (error->message);

  g_strdelimit (message, "\n", ' ');
  return udha_cli_fail ("%s", message);
}

/* "all", or numbers 1–6 separated by commas. */
static gboolean
parse_tables (const char *text,
              guint      *tables)
{
  g_auto(GStrv) parts = NULL;

  *tables = 0;
  if (g_ascii_strcasecmp (text, "all") == 0)
    return TRUE;
  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint64 n;

      if (!g_ascii_string_to_unsigned (g_strstrip (parts[i]), 10, 1, UDHA_REPORT_N_TABLES, &n, NULL))
        return FALSE;
      *tables |= 1u << n;
    }
  return *tables != 0;
}

static void
print_summary (UdhaReport *report,
               const char *format,
               const char *out,
               gboolean    json)
{
  guint cells = 0, primary = 0, secondary = 0;

  for (guint i = 0; i < udha_report_get_n_tables (report); i++)
    {
      const UdhaReportTable *table = udha_report_get_table (report, i);

      cells += (guint) udha_report_table_get_n_entries (table);
      primary += udha_report_table_count_flags (table, UDHA_REPORT_ENTRY_PRIMARY);
      secondary += udha_report_table_count_flags (table, UDHA_REPORT_ENTRY_SECONDARY);
    }

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "file");
      json_builder_add_string_value (b, out);
      json_builder_set_member_name (b, "format");
      json_builder_add_string_value (b, format);
      json_builder_set_member_name (b, "tables");
      json_builder_begin_array (b);
      for (guint i = 0; i < udha_report_get_n_tables (report); i++)
        json_builder_add_int_value (b, udha_report_table_get_id (udha_report_get_table (report, i)));
      json_builder_end_array (b);
      json_builder_set_member_name (b, "cells");
      json_builder_add_int_value (b, cells);
      json_builder_set_member_name (b, "primary");
      json_builder_add_int_value (b, primary);
      json_builder_set_member_name (b, "secondary");
      json_builder_add_int_value (b, secondary);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      json_generator_set_pretty (generator, TRUE);
      json_generator_set_root (generator, root);
      text = json_generator_to_data (generator, NULL);
      printf ("%s\n", text);
    }
  else
    {
      /* TRANSLATORS: the tables, the figures (totals included), then the
       * hidden ones; e.g. "6 tables, 1204 figures, 31 hidden as small, 40 hidden as complements" */
      printf (_("Report written to %s (%s): %u tables, %u figures, %u hidden as small, %u hidden as complements.\n"),
              out, format, udha_report_get_n_tables (report), cells, primary, secondary);
    }
}

int
udha_cli_report (UdhaCliGlobal  *global,
                 int             argc,
                 char          **argv)
{
  g_auto(UdhaCliSecrets) secrets = { { NULL, }, };
  g_auto(UdhaReportParams) params = { 0, };
  g_autoptr(UdhaVault) vault = NULL;
  g_autoptr(UdhaStore) store = NULL;
  g_autoptr(UdhaSession) session = NULL;
  g_autoptr(UdhaReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *message = NULL;
  const char *prompts[] = { _("Passphrase: ") };
  const char *usage = _("Usage: udha-cli report --from YYYY-MM-DD --to YYYY-MM-DD [--tables 1,3|all] "
                        "[--threshold N] [--lang en|sq] [--by-region] [--period month|quarter] "
                        "--format csv|xlsx|pdf|json --out FILE");
  const char *from = NULL, *to = NULL, *tables = NULL, *threshold = NULL, *lang = NULL;
  const char *period = NULL, *format_text = NULL, *out = NULL;
  gboolean by_region = FALSE;
  UdhaReportFormat format;
  int ret = UDHA_CLI_EXIT_USER;

  for (int i = 1; i < argc; i++)
    {
      static const char * const valued[] = {
        "--from", "--to", "--tables", "--threshold", "--lang", "--period", "--format", "--out",
      };
      const char **targets[] = { &from, &to, &tables, &threshold, &lang, &period, &format_text, &out };
      gboolean matched = FALSE;

      if (strcmp (argv[i], "--help") == 0)
        {
          printf ("%s\n", usage);
          return UDHA_CLI_EXIT_OK;
        }
      if (strcmp (argv[i], "--by-region") == 0)
        {
          by_region = TRUE;
          continue;
        }
      for (guint k = 0; k < G_N_ELEMENTS (valued); k++)
        if (strcmp (argv[i], valued[k]) == 0)
          {
            if (i + 1 >= argc)
              return udha_cli_usage_error (_("The option %s needs a value. %s"), argv[i], usage);
            *targets[k] = argv[++i];
            matched = TRUE;
            break;
          }
      if (matched)
        continue;
      if (argv[i][0] == '-' && argv[i][1] != '\0')
        return udha_cli_usage_error (_("Unknown option %s. %s"), argv[i], usage);
      return udha_cli_usage_error (_("Too many arguments. %s"), usage);
    }

  if (from == NULL || to == NULL || format_text == NULL || out == NULL)
    return udha_cli_usage_error (_("Give the period (--from, --to), the --format and the --out file. %s"), usage);

  udha_report_params_init (&params);
  params.from = g_strdup (from);
  params.to = g_strdup (to);
  params.by_region = by_region;
  if (tables != NULL && !parse_tables (tables, &params.tables))
    return udha_cli_usage_error (_("--tables: give “all” or table numbers from 1 to %d separated by commas, for example 1,3."),
                                 UDHA_REPORT_N_TABLES);
  if (threshold != NULL)
    {
      guint64 t;

      if (!g_ascii_string_to_unsigned (threshold, 10, 0, G_MAXUINT, &t, NULL))
        return udha_cli_usage_error (_("--threshold: give a whole number, at least 3."));
      params.threshold = (guint) t;
      /* A raised threshold raises the sensitive one with it, never below. */
      params.threshold_sensitive = MAX (params.threshold_sensitive, params.threshold);
    }
  if (lang != NULL)
    {
      if (strcmp (lang, "en") != 0 && strcmp (lang, "sq") != 0)
        return udha_cli_usage_error (_("--lang: give en (English) or sq (Albanian). %s"), usage);
      g_free (params.language);
      params.language = g_strdup (lang);
    }
  if (period != NULL)
    {
      if (strcmp (period, "month") == 0)
        params.period_unit = UDHA_REPORT_PERIOD_MONTH;
      else if (strcmp (period, "quarter") == 0)
        params.period_unit = UDHA_REPORT_PERIOD_QUARTER;
      else
        return udha_cli_usage_error (_("--period: give month or quarter."));
    }
  if (!udha_report_format_from_string (format_text, &format))
    return udha_cli_usage_error (_("--format: give csv, xlsx, pdf or json."));
  /* Parameters first: a mistyped date needs no passphrase. */
  if (!udha_report_params_validate (&params, &error))
    return udha_cli_usage_error ("%s", error->message);

  if (!udha_cli_require_user (global))
    return udha_cli_usage_error (_("The command “%s” needs --user NAME."), "report");
  if (!udha_cli_get_secrets (global, 1, prompts, FALSE, &secrets, &message))
    return udha_cli_fail ("%s", message);
  vault = udha_cli_unlock (global, secrets.line[0], FALSE, &ret);
  if (vault == NULL)
    return ret;
  store = udha_store_new (vault, &error);
  if (store == NULL)
    {
      udha_vault_lock (vault);
      return fail_error (error);
    }
  session = udha_session_new (vault, store, &error);
  if (session == NULL)
    {
      udha_vault_lock (vault);
      return fail_error (error);
    }

  report = udha_session_run_report (session, &params, NULL, &error);
  file = g_file_new_for_commandline_arg (out);
  if (report != NULL && udha_session_export_report (session, report, format, file, NULL, &error))
    {
      print_summary (report, udha_report_format_to_string (format), out, global->json);
      ret = UDHA_CLI_EXIT_OK;
    }
  else
    ret = fail_error (error);

  g_clear_error (&error);
  if (!udha_session_close (session, &error) && ret == UDHA_CLI_EXIT_OK)
    ret = fail_error (error);
  udha_vault_lock (vault);
  return ret;
}
