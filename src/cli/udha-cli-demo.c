/* udha-cli-demo.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* udha-cli demo --cases N [--seed S] [--users-passphrase-file F]: synthetic
 * data for trying Udha out (issue #4, DOMAIN.md §13). Run by an
 * administrator; the demo users get the passphrase of line 1 of F (or of a
 * prompt), not a one-time one. Progress goes to stderr; with --json the
 * users, their roles and offices, and the counts go to stdout. */

#define G_LOG_DOMAIN "udha-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "udha-cli.h"
#include "udha-cli-common.h"
#include "udha-demo.h"
#include "udha-session.h"

#define MAX_DEMO_CASES 10000000

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  GTimer *timer = user_data;

  /* Translators: progress of "udha-cli demo": cases done, cases in total, seconds */
  fputc ('\r', stderr);
  fprintf (stderr, _("Demo data: %u of %u cases (%.0f s)"), done, total, g_timer_elapsed (timer, NULL));
  if (done == total)
    fputc ('\n', stderr);
  fflush (stderr);
}

static gboolean
parse_uint (const char *text,
            guint64     max,
            guint64    *out)
{
  char *end = NULL;
  guint64 v;

  if (text == NULL || !g_ascii_isdigit (text[0]))
    return FALSE;
  v = g_ascii_strtoull (text, &end, 10);
  if (end == NULL || *end != '\0' || v > max)
    return FALSE;
  *out = v;
  return TRUE;
}

int
udha_cli_demo (UdhaCliGlobal  *global,
               int             argc,
               char          **argv)
{
  g_auto(UdhaCliSecrets) secrets = { { NULL, }, };
  g_auto(UdhaCliSecrets) users_secret = { { NULL, }, };
  g_autoptr(UdhaVault) vault = NULL;
  g_autoptr(UdhaStore) store = NULL;
  g_autoptr(UdhaSession) session = NULL;
  g_autoptr(UdhaDemoResult) result = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *users_file = NULL;
  const char *prompts[] = { _("Passphrase: ") };
  const char *usage = _("Usage: udha-cli demo --cases N [--seed S] [--users-passphrase-file FILE]");
  UdhaDemoOptions options = { 0, UDHA_DEMO_DEFAULT_SEED, NULL, NULL };
  gboolean have_cases = FALSE;
  int ret = UDHA_CLI_EXIT_USER;

  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];
      const char *value = i + 1 < argc ? argv[i + 1] : NULL;
      guint64 n;

      if (strcmp (arg, "--help") == 0)
        {
          printf ("%s\n", usage);
          return UDHA_CLI_EXIT_OK;
        }
      if (strcmp (arg, "--cases") != 0 && strcmp (arg, "--seed") != 0 &&
          strcmp (arg, "--users-passphrase-file") != 0)
        return udha_cli_usage_error (_("Unexpected argument “%s”."), arg);
      if (value == NULL)
        return udha_cli_usage_error (_("The option “%s” needs a value."), arg);
      i++;

      if (strcmp (arg, "--cases") == 0)
        {
          if (!parse_uint (value, MAX_DEMO_CASES, &n))
            return udha_cli_usage_error (_("--cases: give a whole number from 0 to %u."), MAX_DEMO_CASES);
          options.n_cases = (guint) n;
          have_cases = TRUE;
        }
      else if (strcmp (arg, "--seed") == 0)
        {
          if (!parse_uint (value, G_MAXUINT64, &n))
            return udha_cli_usage_error ("%s", _("--seed: give a whole number."));
          options.seed = n;
        }
      else
        users_file = value;
    }
  if (!have_cases)
    return udha_cli_usage_error (_("Missing arguments. Usage: %s"), usage);

  if (!udha_cli_require_user (global))
    return udha_cli_usage_error (_("The command “%s” needs --user NAME."), "demo");
  if (!udha_cli_get_secrets (global, 1, prompts, FALSE, &secrets, &message))
    return udha_cli_fail ("%s", message);

  if (users_file != NULL)
    {
      if (!udha_cli_read_secret_file (users_file, 1, &users_secret, &message))
        return udha_cli_fail ("%s", message);
    }
  else
    {
      users_secret.line[0] = udha_cli_prompt_secret (_("Passphrase for every demo user (at least 10 characters): "),
                                                     &message);
      if (users_secret.line[0] == NULL)
        return udha_cli_fail ("%s", message);
    }
  options.users_passphrase = users_secret.line[0];

  vault = udha_cli_unlock (global, secrets.line[0], FALSE, &ret);
  if (vault == NULL)
    return ret;
  store = udha_store_new (vault, &error);
  if (store != NULL)
    session = udha_session_new (vault, store, &error);
  if (session != NULL)
    {
      result = udha_demo_generate (session, store, secrets.line[0], &options,
                                   options.n_cases >= 10000 && isatty (STDERR_FILENO) ? progress_cb : NULL,
                                   timer, &error);
      if (!udha_session_close (session, result != NULL ? &error : NULL) && result != NULL)
        g_clear_pointer (&result, udha_demo_result_free);
    }
  g_clear_object (&session);
  g_clear_object (&store);
  udha_vault_lock (vault);

  if (result == NULL)
    {
      g_autofree char *text = g_strdup (error->message);

      g_strdelimit (text, "\n", ' ');
      return udha_cli_fail ("%s", text);
    }

  if (global->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      udha_demo_result_to_json (result, b);
      root = json_builder_get_root (b);
      json_generator_set_pretty (generator, TRUE);
      json_generator_set_root (generator, root);
      text = json_generator_to_data (generator, NULL);
      printf ("%s\n", text);
    }
  else
    {
      /* Translators: %u is a number of cases, %.1f seconds */
      printf (_("Created %u demo cases in %.1f s. Demo users (synthetic data only):\n"),
              result->n_cases, result->seconds);
      for (guint i = 0; i < result->users->len; i++)
        {
          UdhaDemoUser *u = g_ptr_array_index (result->users, i);

          printf ("  %-14s %-12s %s\n", u->user_name, u->role, u->office_code != NULL ? u->office_code : "");
        }
      printf ("%s\n", _("The demo users sign in with the passphrase from --users-passphrase-file."));
    }
  return UDHA_CLI_EXIT_OK;
}
