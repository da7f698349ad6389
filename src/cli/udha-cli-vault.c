/* udha-cli-vault.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Vault commands of udha-cli: init, passwd, recover, rekey, verify.
 *
 * Secrets come from --passphrase-file FILE, one per line, or are asked for on
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
 * environment. Secrets live in sodium_malloc() memory and are wiped after
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
#include "udha-vault.h"

#define MAX_SECRET_LEN   1024
#define MAX_SECRET_FILE  (64 * 1024)
#define MAX_SECRETS      3

typedef struct
{
  UdhaVaultSecret *line[MAX_SECRETS];
} Secrets;

static void
secrets_clear (Secrets *s)
{
  for (guint i = 0; i < MAX_SECRETS; i++)
    g_clear_pointer (&s->line[i], udha_vault_secret_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Secrets, secrets_clear)

/* Terminal state, restored on a signal during a prompt. */
static int tty_fd = -1;
static struct termios tty_saved;
static volatile sig_atomic_t tty_echo_off;

static void
restore_tty_on_signal (int signum)
{
  if (tty_echo_off)
    tcsetattr (tty_fd, TCSAFLUSH, &tty_saved);
  signal (signum, SIG_DFL);
  raise (signum);
}

/* Reads one line from /dev/tty without echo. Returns NULL and sets @message
 * if there is no terminal. */
static UdhaVaultSecret *
prompt_secret (const char  *prompt,
               char       **message)
{
  UdhaVaultSecret *secret;
  struct termios quiet;
  struct sigaction sa = { 0, };
  struct sigaction old_int;
  struct sigaction old_term;
  gsize len = 0;
  gboolean too_long = FALSE;

  tty_fd = open ("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (tty_fd < 0 || tcgetattr (tty_fd, &tty_saved) != 0)
    {
      if (tty_fd >= 0)
        close (tty_fd);
      tty_fd = -1;
      *message = g_strdup (_("There is no terminal to ask for the passphrase. Use --passphrase-file FILE."));
      return NULL;
    }

  sa.sa_handler = restore_tty_on_signal;
  sigemptyset (&sa.sa_mask);
  sigaction (SIGINT, &sa, &old_int);
  sigaction (SIGTERM, &sa, &old_term);

  if (write (tty_fd, prompt, strlen (prompt)) < 0)
    { /* the prompt is a courtesy */ }

  quiet = tty_saved;
  quiet.c_lflag &= ~(tcflag_t) (ECHO | ECHONL);
  tcsetattr (tty_fd, TCSAFLUSH, &quiet);
  tty_echo_off = 1;

  secret = udha_vault_secret_new (MAX_SECRET_LEN + 1);
  for (;;)
    {
      char c;
      ssize_t n = read (tty_fd, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0 || c == '\n' || c == '\r')
        break;
      if (len < MAX_SECRET_LEN)
        secret[len++] = c;
      else
        too_long = TRUE;
    }
  secret[len] = '\0';

  tcsetattr (tty_fd, TCSAFLUSH, &tty_saved);
  tty_echo_off = 0;
  if (write (tty_fd, "\n", 1) < 0)
    { /* cosmetic */ }
  sigaction (SIGINT, &old_int, NULL);
  sigaction (SIGTERM, &old_term, NULL);
  close (tty_fd);
  tty_fd = -1;

  if (too_long)
    {
      udha_vault_secret_free (secret);
      *message = g_strdup_printf (_("The passphrase is too long. Use at most %d characters."), MAX_SECRET_LEN);
      return NULL;
    }

  return secret;
}

/* Reads the first @n lines of @path into secure memory. */
static gboolean
read_secret_file (const char  *path,
                  guint        n,
                  Secrets     *out,
                  char       **message)
{
  UdhaVaultSecret *buf;
  gsize len = 0;
  gsize start = 0;
  guint line = 0;
  int fd;

  g_assert (n <= MAX_SECRETS);

  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    {
      *message = g_strdup_printf (_("The passphrase file could not be read: %s."), g_strerror (errno));
      return FALSE;
    }

  buf = udha_vault_secret_new (MAX_SECRET_FILE + 1);
  while (len < MAX_SECRET_FILE + 1)
    {
      ssize_t r = read (fd, buf + len, MAX_SECRET_FILE + 1 - len);

      if (r < 0 && errno == EINTR)
        continue;
      if (r < 0)
        {
          *message = g_strdup_printf (_("The passphrase file could not be read: %s."), g_strerror (errno));
          close (fd);
          udha_vault_secret_free (buf);
          return FALSE;
        }
      if (r == 0)
        break;
      len += (gsize) r;
    }
  close (fd);

  if (len > MAX_SECRET_FILE)
    {
      udha_vault_secret_free (buf);
      *message = g_strdup (_("The passphrase file is too large. It should hold one passphrase per line."));
      return FALSE;
    }

  for (gsize i = 0; i <= len && line < n; i++)
    {
      if (i == len || buf[i] == '\n')
        {
          gsize end = i;

          if (i == len && i == start)
            break;   /* no final line */
          if (end > start && buf[end - 1] == '\r')
            end--;
          out->line[line++] = udha_vault_secret_dup (buf + start, (gssize) (end - start));
          start = i + 1;
        }
    }
  udha_vault_secret_free (buf);

  if (line < n)
    {
      *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "The passphrase file must have %u line for this command.",
                                               "The passphrase file must have %u lines for this command.", n),
                                  n);
      return FALSE;
    }

  return TRUE;
}

/* Fills @out with @n secrets: from --passphrase-file, or by prompting with
 * @prompts. If @confirm_last, the last prompt is asked twice. */
static gboolean
get_secrets (UdhaCliGlobal  *global,
             guint           n,
             const char    **prompts,
             gboolean        confirm_last,
             Secrets        *out,
             char          **message)
{
  if (global->passphrase_file != NULL)
    return read_secret_file (global->passphrase_file, n, out, message);

  for (guint i = 0; i < n; i++)
    {
      out->line[i] = prompt_secret (prompts[i], message);
      if (out->line[i] == NULL)
        return FALSE;
    }

  if (confirm_last)
    {
      g_autoptr(UdhaVaultSecret) again = prompt_secret (_("Repeat the new passphrase: "), message);
      const char *last = out->line[n - 1];

      if (again == NULL)
        return FALSE;
      if (strlen (again) != strlen (last) || sodium_memcmp (again, last, strlen (last)) != 0)
        {
          *message = g_strdup (_("The two new passphrases are not the same. Try again."));
          return FALSE;
        }
    }

  return TRUE;
}

/* Writes "label secret\n" straight to the file descriptor: no stdio copy. */
static void
print_secret (const char *label,
              const char *secret)
{
  g_autofree char *prefix = g_strdup_printf ("%s ", label);

  fflush (stdout);
  if (write (STDOUT_FILENO, prefix, strlen (prefix)) < 0 ||
      write (STDOUT_FILENO, secret, strlen (secret)) < 0 ||
      write (STDOUT_FILENO, "\n", 1) < 0)
    g_printerr ("udha-cli: %s\n", _("Could not print the secret. Run the command again in a terminal."));
}

static int
fail_error (GError *error)
{
  return udha_cli_fail ("%s", error->message);
}

static gboolean
require_user (UdhaCliGlobal *global)
{
  return global->user != NULL && *global->user != '\0';
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

static UdhaVault *
unlock_for_command (UdhaCliGlobal  *global,
                    const char     *passphrase,
                    gboolean        allow_must_change,
                    int            *ret)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaVault) vault = NULL;

  vault = udha_vault_unlock (global->vault_path, global->user, passphrase, &error);
  if (vault == NULL)
    {
      *ret = fail_error (error);
      return NULL;
    }

  if (!allow_must_change && udha_vault_get_must_change_passphrase (vault))
    {
      *ret = udha_cli_fail ("%s", _("You signed in with a one-time passphrase. Choose your own passphrase first with “udha-cli passwd”."));
      return NULL;
    }

  if (udha_vault_get_keys_file_older (vault))
    g_printerr ("udha-cli: %s\n", _("Warning: the key file is older than the vault. A removed passphrase may work again. Run “udha-cli passwd” to write a current key file."));

  return g_steal_pointer (&vault);
}

/* Commands */

int
udha_cli_vault_init (UdhaCliGlobal  *global,
                     int             argc,
                     char          **argv)
{
  g_auto(Secrets) secrets = { { NULL, }, };
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

  if (!get_secrets (global, 1, prompts, TRUE, &secrets, &message))
    return udha_cli_fail ("%s", message);

  vault = udha_vault_create (global->vault_path, admin, secrets.line[0], kdf, &recovery, &error);
  secrets_clear (&secrets);
  if (vault == NULL)
    return fail_error (error);
  udha_vault_lock (vault);

  printf ("%s\n", _("The vault was created."));
  print_secret (_("Recovery key:"), recovery);
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
  g_auto(Secrets) secrets = { { NULL, }, };
  g_autoptr(UdhaVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *prompts[] = { _("Current passphrase: "), _("New passphrase (at least 10 characters): ") };
  int ret;

  ret = no_arguments (argc, argv, _("Usage: udha-cli [--vault PATH] --user NAME [--passphrase-file FILE] passwd\n"
                                    "With --passphrase-file, line 1 is the current passphrase and line 2 the new one."));
  if (ret >= 0)
    return ret;
  if (!require_user (global))
    return udha_cli_usage_error ("%s", _("The command “passwd” needs --user NAME."));

  if (!get_secrets (global, 2, prompts, TRUE, &secrets, &message))
    return udha_cli_fail ("%s", message);

  if (!udha_vault_check_passphrase (secrets.line[1], &error))
    return fail_error (error);

  vault = unlock_for_command (global, secrets.line[0], TRUE, &ret);
  if (vault == NULL)
    return ret;

  if (!udha_vault_change_passphrase (vault, secrets.line[0], secrets.line[1], &error))
    return fail_error (error);
  secrets_clear (&secrets);

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
  g_auto(Secrets) secrets = { { NULL, }, };
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *prompts[] = { _("Recovery key: "), _("New passphrase (at least 10 characters): ") };
  int ret;

  ret = no_arguments (argc, argv, _("Usage: udha-cli [--vault PATH] --user NAME [--passphrase-file FILE] recover\n"
                                    "With --passphrase-file, line 1 is the recovery key and line 2 the new passphrase."));
  if (ret >= 0)
    return ret;
  if (!require_user (global))
    return udha_cli_usage_error ("%s", _("The command “recover” needs --user NAME, the user who forgot the passphrase."));

  if (!get_secrets (global, 2, prompts, TRUE, &secrets, &message))
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
  g_auto(Secrets) secrets = { { NULL, }, };
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
  if (!require_user (global))
    return udha_cli_usage_error ("%s", _("The command “rekey” needs --user NAME."));

  if (!get_secrets (global, 1, prompts, FALSE, &secrets, &message))
    return udha_cli_fail ("%s", message);

  vault = unlock_for_command (global, secrets.line[0], FALSE, &ret);
  if (vault == NULL)
    return ret;

  if (!udha_vault_rekey (vault, secrets.line[0], &recovery, &one_time, &error))
    return fail_error (error);
  secrets_clear (&secrets);
  udha_vault_lock (vault);

  printf ("%s\n", _("The vault key was replaced. Old key files and the old recovery key no longer open this vault."));
  print_secret (_("New recovery key:"), recovery);
  printf ("%s\n", _("Write the new recovery key down and keep it somewhere safe. It is shown only this once."));

  if (one_time->len > 0)
    {
      printf ("%s\n", _("One-time passphrases. Give each user their own; they must choose a new passphrase when they next unlock:"));
      for (guint i = 0; i < one_time->len; i++)
        {
          UdhaVaultOneTimePassphrase *otp = g_ptr_array_index (one_time, i);
          g_autofree char *label = g_strdup_printf ("  %s:", otp->user_name);

          print_secret (label, otp->passphrase);
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
  g_auto(Secrets) secrets = { { NULL, }, };
  g_autoptr(UdhaVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *prompts[] = { _("Passphrase: ") };
  int ret;

  ret = no_arguments (argc, argv, _("Usage: udha-cli [--vault PATH] --user NAME [--passphrase-file FILE] verify\n"
                                    "With --passphrase-file, line 1 is your passphrase."));
  if (ret >= 0)
    return ret;
  if (!require_user (global))
    return udha_cli_usage_error ("%s", _("The command “verify” needs --user NAME."));

  if (!get_secrets (global, 1, prompts, FALSE, &secrets, &message))
    return udha_cli_fail ("%s", message);

  vault = unlock_for_command (global, secrets.line[0], TRUE, &ret);
  secrets_clear (&secrets);
  if (vault == NULL)
    return ret;

  if (!udha_vault_verify (vault, &error))
    return fail_error (error);

  udha_vault_lock (vault);
  printf ("%s\n", _("OK"));

  return UDHA_CLI_EXIT_OK;
}
