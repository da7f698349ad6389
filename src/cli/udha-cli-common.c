/* udha-cli-common.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Helpers shared by the udha-cli command groups: secrets from a file or the
 * terminal, and unlocking the vault for a command. Secrets live in
 * sodium_malloc() memory and are wiped after use; they never go through
 * stdio buffers. */

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

#include "udha-cli-common.h"

void
udha_cli_secrets_clear (UdhaCliSecrets *s)
{
  for (guint i = 0; i < MAX_SECRETS; i++)
    g_clear_pointer (&s->line[i], udha_vault_secret_free);
}

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
UdhaVaultSecret *
udha_cli_prompt_secret (const char  *prompt,
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
gboolean
udha_cli_read_secret_file (const char  *path,
                  guint        n,
                  UdhaCliSecrets     *out,
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
gboolean
udha_cli_get_secrets (UdhaCliGlobal  *global,
             guint           n,
             const char    **prompts,
             gboolean        confirm_last,
             UdhaCliSecrets        *out,
             char          **message)
{
  if (global->passphrase_file != NULL)
    return udha_cli_read_secret_file (global->passphrase_file, n, out, message);

  for (guint i = 0; i < n; i++)
    {
      out->line[i] = udha_cli_prompt_secret (prompts[i], message);
      if (out->line[i] == NULL)
        return FALSE;
    }

  if (confirm_last)
    {
      g_autoptr(UdhaVaultSecret) again = udha_cli_prompt_secret (_("Repeat the new passphrase: "), message);
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
void
udha_cli_print_secret (const char *label,
              const char *secret)
{
  g_autofree char *prefix = g_strdup_printf ("%s ", label);

  fflush (stdout);
  if (write (STDOUT_FILENO, prefix, strlen (prefix)) < 0 ||
      write (STDOUT_FILENO, secret, strlen (secret)) < 0 ||
      write (STDOUT_FILENO, "\n", 1) < 0)
    g_printerr ("udha-cli: %s\n", _("Could not print the secret. Run the command again in a terminal."));
}

gboolean
udha_cli_require_user (UdhaCliGlobal *global)
{
  return global->user != NULL && *global->user != '\0';
}

UdhaVault *
udha_cli_unlock (UdhaCliGlobal  *global,
                    const char     *passphrase,
                    gboolean        allow_must_change,
                    int            *ret)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaVault) vault = NULL;

  vault = udha_vault_unlock (global->vault_path, global->user, passphrase, &error);
  if (vault == NULL)
    {
      *ret = udha_cli_fail ("%s", error->message);
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
