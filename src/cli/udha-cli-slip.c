/* udha-cli-slip.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* udha-cli referral slip REFERRAL --out FILE [--lang en|sq] */

#define G_LOG_DOMAIN "udha-cli-slip"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "udha-cli-common.h"
#include "udha-cli.h"
#include "udha-referral-slip.h"
#include "udha-session.h"

static int
fail_error (const GError *error)
{
  g_autofree char *message = g_strdup (error->message);

  g_strdelimit (message, "\n", ' ');
  return udha_cli_fail ("%s", message);
}

/* The language of the slip when --lang is not given: the user's, if it is
 * Albanian, else English. */
static const char *
default_language (void)
{
  const char * const *names = g_get_language_names ();

  return names[0] != NULL && g_str_has_prefix (names[0], "sq") ? "sq" : "en";
}

int
udha_cli_referral_slip (UdhaCliGlobal  *global,
                        int             argc,
                        char          **argv)
{
  g_auto(UdhaCliSecrets) secrets = { { NULL, }, };
  g_autoptr(UdhaVault) vault = NULL;
  g_autoptr(UdhaStore) store = NULL;
  g_autoptr(UdhaSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *prompts[] = { _("Passphrase: ") };
  const char *usage = _("Usage: udha-cli referral slip REFERRAL --out FILE [--lang en|sq]");
  const char *ref = NULL, *out = NULL, *lang = NULL;
  gint64 id;
  int ret = UDHA_CLI_EXIT_USER;
  gboolean ok;

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--help") == 0)
        {
          printf ("%s\n", usage);
          return UDHA_CLI_EXIT_OK;
        }
      else if (strcmp (argv[i], "--out") == 0 || strcmp (argv[i], "--lang") == 0)
        {
          const char **target = strcmp (argv[i], "--out") == 0 ? &out : &lang;

          if (i + 1 >= argc)
            return udha_cli_usage_error (_("The option %s needs a value. %s"), argv[i], usage);
          *target = argv[++i];
        }
      else if (argv[i][0] == '-' && argv[i][1] != '\0')
        return udha_cli_usage_error (_("Unknown option %s. %s"), argv[i], usage);
      else if (ref == NULL)
        ref = argv[i];
      else
        return udha_cli_usage_error (_("Too many arguments. %s"), usage);
    }

  if (ref == NULL || out == NULL)
    return udha_cli_usage_error (_("Missing arguments. %s"), usage);
  if (lang == NULL)
    lang = default_language ();
  if (strcmp (lang, "en") != 0 && strcmp (lang, "sq") != 0)
    return udha_cli_usage_error (_("--lang: give en (English) or sq (Albanian). %s"), usage);
  if (!g_ascii_string_to_signed (ref, 10, 1, G_MAXINT64, &id, NULL))
    return udha_cli_usage_error (_("REFERRAL: give the number shown by the list or add command."));

  if (!udha_cli_require_user (global))
    return udha_cli_usage_error (_("The command “%s” needs --user NAME."), "referral slip");
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

  ok = udha_session_write_referral_slip (session, id, lang, out, &error);
  if (ok)
    {
      if (global->json)
        {
          g_autoptr(JsonBuilder) b = json_builder_new ();
          g_autoptr(JsonGenerator) generator = json_generator_new ();
          g_autoptr(JsonNode) root = NULL;
          g_autofree char *text = NULL;

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "referral_id");
          json_builder_add_int_value (b, id);
          json_builder_set_member_name (b, "language");
          json_builder_add_string_value (b, lang);
          json_builder_set_member_name (b, "file");
          json_builder_add_string_value (b, out);
          json_builder_end_object (b);
          root = json_builder_get_root (b);
          json_generator_set_pretty (generator, TRUE);
          json_generator_set_root (generator, root);
          text = json_generator_to_data (generator, NULL);
          printf ("%s\n", text);
        }
      else
        printf (_("Referral slip for referral %lld written to %s.\n"), (long long) id, out);
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
