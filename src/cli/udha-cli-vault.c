/* udha-cli-vault.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Vault commands of udha-cli: init, passwd, recover, rekey, verify.
 *
 * UdhaCliSecrets come from --passphrase-file FILE, one per line, or are asked for on
 * the terminal without echo:
 *
 *   init      line 1: the new passphrase of the administrator
 *   passwd    line 1: the current passphrase, line 2: the new one
 *   recover   line 1: the recovery key,       line 2: the new passphrase
 *   rekey     line 1: the current passphrase
 *   verify    line 1: the passphrase
 *
 * `init --kdf test-min` (the libsodium minimum Argon2id cost) exists for the
 * test suite only and is accepted only with UDHA_TESTING=1 in the
 * environment. UdhaCliSecrets live in sodium_malloc() memory and are wiped after
 * use; they never go through stdio buffers. */

#define G_LOG_DOMAIN "udha-cli"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "udha-cli.h"
#include "udha-cli-common.h"
#include "udha-vault.h"

static int
fail_error (GError *error)
{
  return udha_cli_fail ("%s", error->message);
}

/* Parses "--help" only; anything else is a usage error. */
static int
no_arguments (int          argc,
              char       **argv,
              const char  *usage)
{
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--help") == 0)
        {
          printf ("%s\n", usage);
          return UDHA_CLI_EXIT_OK;
        }
      return udha_cli_usage_error (_("Unexpected argument “%s”."), argv[i]);
    }

  return -1;
}

/* Commands */

int
udha_cli_vault_init (UdhaCliGlobal  *global,
                     int             argc,
                     char          **argv)
{
  g_auto(UdhaCliSecrets) secrets = { { NULL, }, };
  g_autoptr(UdhaVaultSecret) recovery = NULL;
  g_autoptr(UdhaVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *admin = global->user;
  const char *prompts[] = { _("New passphrase (at least 10 characters): ") };
  UdhaVaultKdf kdf = UDHA_VAULT_KDF_DEFAULT;

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--help") == 0)
        {
          printf ("%s\n", _("Usage: udha-cli [--vault PATH] [--passphrase-file FILE] init --admin NAME [--kdf interactive|moderate|sensitive]"));
          return UDHA_CLI_EXIT_OK;
        }
      else if (strcmp (argv[i], "--admin") == 0 || strcmp (argv[i], "--kdf") == 0)
        {
          if (i + 1 >= argc)
            return udha_cli_usage_error (_("The option “%s” needs a value."), argv[i]);

          if (strcmp (argv[i], "--admin") == 0)
            admin = argv[++i];
          else
            {
              const char *value = argv[++i];

              if (!udha_vault_kdf_from_string (value, &kdf) ||
                  (kdf == UDHA_VAULT_KDF_TEST_MIN && g_strcmp0 (g_getenv ("UDHA_TESTING"), "1") != 0))
                return udha_cli_usage_error (_("Unknown protection level “%s”. Use interactive, moderate or sensitive."), value);
            }
        }
      else
        return udha_cli_usage_error (_("Unexpected argument “%s”."), argv[i]);
    }

  if (admin == NULL)
    return udha_cli_usage_error ("%s", _("The command “init” needs --admin NAME, the user name of the first administrator."));

  if (!udha_vault_check_user_name (admin, &error))
    return fail_error (error);

  if (udha_vault_exists (global->vault_path))
    return udha_cli_fail ("%s", _("A vault already exists at this location. Unlock it, or choose another location with --vault PATH."));

  if (!udha_cli_get_secrets (global, 1, prompts, TRUE, &secrets, &message))
    return udha_cli_fail ("%s", message);

  vault = udha_vault_create (global->vault_path, admin, secrets.line[0], kdf, &recovery, &error);
  udha_cli_secrets_clear (&secrets);
  if (vault == NULL)
    return fail_error (error);
  udha_vault_lock (vault);

  printf ("%s\n", _("The vault was created."));
  udha_cli_print_secret (_("Recovery key:"), recovery);
  printf ("%s\n", _("Write the recovery key down and keep it somewhere safe, away from this computer. "
                    "It is shown only this once. With it, anyone can open the vault; without it, "
                    "a forgotten passphrase cannot be replaced."));

  return UDHA_CLI_EXIT_OK;
}

int
udha_cli_vault_passwd (UdhaCliGlobal  *global,
                       int             argc,
                       char          **argv)
{
  g_auto(UdhaCliSecrets) secrets = { { NULL, }, };
  g_autoptr(UdhaVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *prompts[] = { _("Current passphrase: "), _("New passphrase (at least 10 characters): ") };
  const char *new_file = NULL;
  int ret;

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--help") == 0)
        {
          printf ("%s\n", _("Usage: udha-cli [--vault PATH] --user NAME [--passphrase-file FILE] passwd [--new-passphrase-file FILE]\n"
                            "With --passphrase-file, line 1 is the current passphrase and line 2 the new one; "
                            "with --new-passphrase-file as well, the new passphrase is the first line of that file."));
          return UDHA_CLI_EXIT_OK;
        }
      else if (strcmp (argv[i], "--new-passphrase-file") == 0)
        {
          if (i + 1 >= argc)
            return udha_cli_usage_error (_("The option “%s” needs a value."), argv[i]);
          new_file = argv[++i];
        }
      else
        return udha_cli_usage_error (_("Unexpected argument “%s”."), argv[i]);
    }
  if (!udha_cli_require_user (global))
    return udha_cli_usage_error ("%s", _("The command “passwd” needs --user NAME."));

  if (new_file != NULL)
    {
      g_auto(UdhaCliSecrets) fresh = { { NULL, }, };

      if (!udha_cli_get_secrets (global, 1, prompts, FALSE, &secrets, &message) ||
          !udha_cli_read_secret_file (new_file, 1, &fresh, &message))
        return udha_cli_fail ("%s", message);
      secrets.line[1] = g_steal_pointer (&fresh.line[0]);
    }
  else if (!udha_cli_get_secrets (global, 2, prompts, TRUE, &secrets, &message))
    return udha_cli_fail ("%s", message);

  if (!udha_vault_check_passphrase (secrets.line[1], &error))
    return fail_error (error);

  vault = udha_cli_unlock (global, secrets.line[0], TRUE, &ret);
  if (vault == NULL)
    return ret;

  if (!udha_vault_change_passphrase (vault, secrets.line[0], secrets.line[1], &error))
    return fail_error (error);
  udha_cli_secrets_clear (&secrets);

  if (udha_vault_get_keys_file_older (vault) && !udha_vault_rewrite_keys_file (vault, &error))
    return fail_error (error);

  udha_vault_lock (vault);
  printf ("%s\n", _("Your passphrase was changed."));

  return UDHA_CLI_EXIT_OK;
}

int
udha_cli_vault_recover (UdhaCliGlobal  *global,
                        int             argc,
                        char          **argv)
{
  g_auto(UdhaCliSecrets) secrets = { { NULL, }, };
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *prompts[] = { _("Recovery key: "), _("New passphrase (at least 10 characters): ") };
  int ret;

  ret = no_arguments (argc, argv, _("Usage: udha-cli [--vault PATH] --user NAME [--passphrase-file FILE] recover\n"
                                    "With --passphrase-file, line 1 is the recovery key and line 2 the new passphrase."));
  if (ret >= 0)
    return ret;
  if (!udha_cli_require_user (global))
    return udha_cli_usage_error ("%s", _("The command “recover” needs --user NAME, the user who forgot the passphrase."));

  if (!udha_cli_get_secrets (global, 2, prompts, TRUE, &secrets, &message))
    return udha_cli_fail ("%s", message);

  if (!udha_vault_recover (global->vault_path, global->user, secrets.line[0], secrets.line[1], &error))
    return fail_error (error);

  printf ("%s\n", _("The new passphrase is set. Unlock the vault with it."));
  return UDHA_CLI_EXIT_OK;
}

int
udha_cli_vault_rekey (UdhaCliGlobal  *global,
                      int             argc,
                      char          **argv)
{
  g_auto(UdhaCliSecrets) secrets = { { NULL, }, };
  g_autoptr(UdhaVault) vault = NULL;
  g_autoptr(UdhaVaultSecret) recovery = NULL;
  g_autoptr(GPtrArray) one_time = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *prompts[] = { _("Passphrase: ") };
  int ret;

  ret = no_arguments (argc, argv, _("Usage: udha-cli [--vault PATH] --user NAME [--passphrase-file FILE] rekey\n"
                                    "With --passphrase-file, line 1 is your passphrase."));
  if (ret >= 0)
    return ret;
  if (!udha_cli_require_user (global))
    return udha_cli_usage_error ("%s", _("The command “rekey” needs --user NAME."));

  if (!udha_cli_get_secrets (global, 1, prompts, FALSE, &secrets, &message))
    return udha_cli_fail ("%s", message);

  vault = udha_cli_unlock (global, secrets.line[0], FALSE, &ret);
  if (vault == NULL)
    return ret;

  if (!udha_vault_rekey (vault, secrets.line[0], &recovery, &one_time, &error))
    return fail_error (error);
  udha_cli_secrets_clear (&secrets);
  udha_vault_lock (vault);

  printf ("%s\n", _("The vault key was replaced. Old key files and the old recovery key no longer open this vault."));
  udha_cli_print_secret (_("New recovery key:"), recovery);
  printf ("%s\n", _("Write the new recovery key down and keep it somewhere safe. It is shown only this once."));

  if (one_time->len > 0)
    {
      printf ("%s\n", _("One-time passphrases. Give each user their own; they must choose a new passphrase when they next unlock:"));
      for (guint i = 0; i < one_time->len; i++)
        {
          UdhaVaultOneTimePassphrase *otp = g_ptr_array_index (one_time, i);
          g_autofree char *label = g_strdup_printf ("  %s:", otp->user_name);

          udha_cli_print_secret (label, otp->passphrase);
        }
    }

  printf ("%s\n", _("Backups made before this change still open with the old passphrases. Replace them with a new backup."));

  return UDHA_CLI_EXIT_OK;
}

int
udha_cli_vault_verify (UdhaCliGlobal  *global,
                       int             argc,
                       char          **argv)
{
  g_auto(UdhaCliSecrets) secrets = { { NULL, }, };
  g_autoptr(UdhaVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *prompts[] = { _("Passphrase: ") };
  int ret;

  ret = no_arguments (argc, argv, _("Usage: udha-cli [--vault PATH] --user NAME [--passphrase-file FILE] verify\n"
                                    "With --passphrase-file, line 1 is your passphrase."));
  if (ret >= 0)
    return ret;
  if (!udha_cli_require_user (global))
    return udha_cli_usage_error ("%s", _("The command “verify” needs --user NAME."));

  if (!udha_cli_get_secrets (global, 1, prompts, FALSE, &secrets, &message))
    return udha_cli_fail ("%s", message);

  vault = udha_cli_unlock (global, secrets.line[0], TRUE, &ret);
  udha_cli_secrets_clear (&secrets);
  if (vault == NULL)
    return ret;

  if (!udha_vault_verify (vault, &error))
    return fail_error (error);

  udha_vault_lock (vault);
  printf ("%s\n", _("OK"));

  return UDHA_CLI_EXIT_OK;
}
