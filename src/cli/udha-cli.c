/* udha-cli.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "udha-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "udha-cli.h"
#include "udha-core.h"

/* The command table. Each command group lives in its own file and adds its
 * rows here; `udha-cli --help` prints one line per row. */
static const UdhaCliCommand commands[] = {
  { "init", N_("Create a new vault: init --admin NAME [--kdf LEVEL]"), udha_cli_vault_init },
  { "passwd", N_("Change your passphrase"), udha_cli_vault_passwd },
  { "recover", N_("Set a new passphrase for --user with the recovery key"), udha_cli_vault_recover },
  { "rekey", N_("Replace the vault key; prints a new recovery key and one-time passphrases"), udha_cli_vault_rekey },
  { "verify", N_("Check every page of the vault and its key file"), udha_cli_vault_verify },
  { "office add", N_("Add an office: office add CODE --name NAME"), udha_cli_office_add },
  { "office list", N_("List the offices"), udha_cli_office_list },
  { "user add", N_("Add a user with a one-time passphrase: user add NAME --role ROLE --office CODE"), udha_cli_user_add },
  { "user list", N_("List the users"), udha_cli_user_list },
  { "user disable", N_("Disable a user: user disable NAME"), udha_cli_user_disable },
  { "user set-role", N_("Change a user’s role: user set-role NAME ROLE"), udha_cli_user_set_role },
  { "org add", N_("Add a partner organisation: org add NAME [--type T] [--services CODES]"), udha_cli_org_add },
  { "org list", N_("List the partner organisations"), udha_cli_org_list },
  { "person add", N_("Register a person; lists possible duplicates first"), udha_cli_person_add },
  { "person show", N_("Show a person: person show PERSON"), udha_cli_person_show },
  { "person search", N_("Search people and cases: person search QUERY"), udha_cli_person_search },
  { "person export", N_("Export everything held about a person: person export PERSON --format json"), udha_cli_person_export },
  { "person cases", N_("List a person's cases: person cases PERSON"), udha_cli_person_cases },
  { "case open", N_("Open a case: case open PERSON --type T [--risk R] [--assign USER]"), udha_cli_case_open },
  { "case show", N_("Open a case file: case show CASE"), udha_cli_case_show },
  { "case list", N_("List cases: case list [--mine|--office|--intake|--overdue] [--status S]"), udha_cli_case_list },
  { "case assign", N_("Assign a case: case assign CASE USER [--reason R]"), udha_cli_case_assign },
  { "case take", N_("Take a case from the intake queue: case take CASE"), udha_cli_case_take },
  { "case reassign", N_("Reassign cases: case reassign CASE… --to USER --reason R"), udha_cli_case_reassign },
  { "case request-closure", N_("Ask to close a case: case request-closure CASE --reason CODE"), udha_cli_case_request_closure },
  { "case approve-closure", N_("Approve the closure of a case: case approve-closure CASE [--reason R]"), udha_cli_case_approve_closure },
  { "case reject-closure", N_("Reject the closure of a case: case reject-closure CASE --reason R"), udha_cli_case_reject_closure },
  { "case reopen", N_("Reopen a closed case: case reopen CASE --reason R"), udha_cli_case_reopen },
  { "interview add", N_("Log an interview: interview add CASE --type T --date D [--text-file F]"), udha_cli_interview_add },
  { "service add", N_("Plan a service: service add CASE --service CODE"), udha_cli_service_add },
  { "service set-status", N_("Change a service’s status: service set-status SERVICE STATUS"), udha_cli_service_set_status },
  { "referral add", N_("Draft a referral: referral add CASE --org ORG --service T [--urgent]"), udha_cli_referral_add },
  { "referral set-status", N_("Move a referral on: referral set-status REFERRAL STATUS [--reason R]"), udha_cli_referral_set_status },
  { "referral slip", N_("Print a referral slip for the receiving organisation: referral slip REFERRAL --out FILE [--lang en|sq]"), udha_cli_referral_slip },
  { "consent add", N_("Record a consent: consent add PERSON --purpose P [--expires D]"), udha_cli_consent_add },
  { "consent withdraw", N_("Withdraw a consent: consent withdraw CONSENT"), udha_cli_consent_withdraw },
  { "audit list", N_("List the audit entries your role may read"), udha_cli_audit_list },
  { "audit verify", N_("Check the audit chain; names the first broken entry"), udha_cli_audit_verify },
  { "report", N_("Export an anonymised report: report --from D --to D --format csv|xlsx|pdf|json --out FILE"), udha_cli_report },
  { "demo", N_("Create synthetic demo data: demo --cases N [--seed S] [--users-passphrase-file F]"), udha_cli_demo },
  { NULL, NULL, NULL }
};

int
udha_cli_fail (const char *format,
               ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "udha-cli: %s\n", message);
  return UDHA_CLI_EXIT_USER;
}

int
udha_cli_usage_error (const char *format,
                      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "udha-cli: %s\n", message);
  fprintf (stderr, "%s\n", _("Run “udha-cli --help” to see the commands."));
  return UDHA_CLI_EXIT_USAGE;
}

static void
print_help (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: udha-cli [--vault PATH] [--user NAME] [--passphrase-file FILE] [--json] COMMAND [ARGS…]"));
  fprintf (out, "%s\n", _("Udha case management, from the command line."));
  fprintf (out, "\n%s\n", _("Commands:"));
  for (guint i = 0; commands[i].name != NULL; i++)
    fprintf (out, "  %-22s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Options:"));
  fprintf (out, "  %-22s %s\n", "--vault PATH", _("The vault file (default: the vault in your data folder)"));
  fprintf (out, "  %-22s %s\n", "--user NAME", _("Your user name"));
  fprintf (out, "  %-22s %s\n", "--passphrase-file FILE", _("Read the passphrase from the first line of FILE"));
  fprintf (out, "  %-22s %s\n", "--json", _("Print the results as JSON, with stable field names"));
  fprintf (out, "  %-22s %s\n", "--version", _("Print the version and exit"));
  fprintf (out, "  %-22s %s\n", "--help", _("Print this help and exit"));
  fprintf (out, "\n%s\n", _("Exit status: 0 on success, 1 on an error, 2 on a usage error."));
}

/* Finds the longest command name that the arguments start with, so that
 * two-word commands ("audit verify") work beside one-word ones. */
static const UdhaCliCommand *
find_command (int     argc,
              char  **argv,
              int    *n_words)
{
  const UdhaCliCommand *best = NULL;
  int best_words = 0;

  for (guint i = 0; commands[i].name != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit (commands[i].name, " ", -1);
      int n = (int) g_strv_length (words);
      gboolean match = n <= argc;

      for (int j = 0; match && j < n; j++)
        match = g_strcmp0 (words[j], argv[j]) == 0;

      if (match && n > best_words)
        {
          best = &commands[i];
          best_words = n;
        }
    }

  *n_words = best_words;
  return best;
}

static void
clear_global (UdhaCliGlobal *global)
{
  g_clear_pointer (&global->vault_path, g_free);
  g_clear_pointer (&global->user, g_free);
  g_clear_pointer (&global->passphrase_file, g_free);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  UdhaCliGlobal global = { NULL, };
  const UdhaCliCommand *command;
  const char *localedir;
  int n_words = 0;
  int i;
  int ret;

  udha_core_harden_process ();

  localedir = g_getenv ("UDHA_LOCALEDIR");
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (!udha_core_init (&error))
    return udha_cli_fail ("%s", error->message);

  /* Global options come before the command. */
  for (i = 1; i < argc && argv[i][0] == '-'; i++)
    {
      const char *arg = argv[i];
      char **target = NULL;

      if (strcmp (arg, "--help") == 0 || strcmp (arg, "-h") == 0)
        {
          print_help (stdout);
          clear_global (&global);
          return UDHA_CLI_EXIT_OK;
        }
      else if (strcmp (arg, "--version") == 0)
        {
          printf ("udha-cli %s\n", PACKAGE_VERSION);
          clear_global (&global);
          return UDHA_CLI_EXIT_OK;
        }
      else if (strcmp (arg, "--json") == 0)
        {
          global.json = TRUE;
          continue;
        }
      else if (strcmp (arg, "--vault") == 0)
        target = &global.vault_path;
      else if (strcmp (arg, "--user") == 0)
        target = &global.user;
      else if (strcmp (arg, "--passphrase-file") == 0)
        target = &global.passphrase_file;
      else
        {
          clear_global (&global);
          return udha_cli_usage_error (_("Unknown option “%s”."), arg);
        }

      if (i + 1 >= argc)
        {
          clear_global (&global);
          return udha_cli_usage_error (_("The option “%s” needs a value."), arg);
        }
      g_free (*target);
      *target = g_strdup (argv[++i]);
    }

  if (i >= argc)
    {
      print_help (stderr);
      clear_global (&global);
      return UDHA_CLI_EXIT_USAGE;
    }

  command = find_command (argc - i, argv + i, &n_words);
  if (command == NULL)
    {
      ret = udha_cli_usage_error (_("Unknown command “%s”."), argv[i]);
      clear_global (&global);
      return ret;
    }

  if (global.vault_path == NULL)
    global.vault_path = udha_core_default_vault_path ();

  /* The command sees its own name as argv[0], as in a GOptionContext. */
  ret = command->run (&global, argc - i - n_words + 1, argv + i + n_words - 1);
  clear_global (&global);
  return ret;
}
