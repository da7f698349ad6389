/* test-cli-vault.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* udha-cli: global options and the vault commands (init, passwd, recover,
 * rekey, verify). Spawns the built udha-cli named by $UDHA_CLI. */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sodium.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "udha-vault.h"
#include "udha-vault-keys.h"

#define ADMIN       "Drita Kelmendi"
#define ADMIN_PASS  "lule bore në mars"

typedef struct
{
  char *dir;
  char *vault;
  char *keys;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static void
no_controlling_tty (gpointer data)
{
  setsid ();
}

/* Runs udha-cli with @args (NULL-terminated), without a terminal. */
static void
run_cli (Result             *r,
         gboolean            testing,
         const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  const char *cli = g_getenv ("UDHA_CLI");
  int wait_status = 0;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  envp = testing ? g_environ_setenv (envp, "UDHA_TESTING", "1", TRUE) : g_environ_unsetenv (envp, "UDHA_TESTING");

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT,
                               no_controlling_tty, NULL, &r->out, &r->err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  r->status = WEXITSTATUS (wait_status);
}

#define CLI(r, testing, ...) run_cli (r, testing, (const char * const[]) { __VA_ARGS__, NULL })

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\n')
      n++;

  return n;
}

static void
assert_one_error_line (Result     *r,
                       int         status,
                       const char *must_not_contain)
{
  g_assert_cmpint (r->status, ==, status);
  g_assert_true (g_str_has_prefix (r->err, "udha-cli: "));
  if (status == 1)
    g_assert_cmpuint (count_lines (r->err), ==, 1);
  if (must_not_contain != NULL)
    g_assert_null (strstr (r->err, must_not_contain));
}

static char *
write_secret_file (Fixture    *f,
                   const char *name,
                   const char *content)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, content, -1, NULL));
  g_chmod (path, 0600);

  return path;
}

/* Finds "<label> <value>" in @out and returns the value. */
static char *
find_value (const char *out,
            const char *label)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], label))
      return g_strdup (lines[i] + strlen (label));

  return NULL;
}

static gboolean
is_recovery_key_shape (const char *text)
{
  return text != NULL && g_regex_match_simple ("^[A-Z2-7]{4}(-[A-Z2-7]{4}){12}$", text, 0, 0);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("udha-cli-XXXXXX", NULL);
  f->vault = g_build_filename (f->dir, "cases.udb", NULL);
  f->keys = g_strconcat (f->vault, ".keys", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GDir *dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_dir_close (dir);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->vault);
  g_free (f->keys);
}

/* Creates a vault through the CLI and returns its recovery key. */
static char *
cli_init (Fixture *f)
{
  g_auto(Result) r = { 0, };
  g_autofree char *pass = write_secret_file (f, "init.pass", ADMIN_PASS "\n");
  char *recovery;

  CLI (&r, TRUE, "--vault", f->vault, "--passphrase-file", pass, "init", "--admin", ADMIN, "--kdf", "test-min");
  if (r.status != 0)
    g_error ("init failed: %s", r.err);
  recovery = find_value (r.out, "Recovery key: ");
  g_assert_true (is_recovery_key_shape (recovery));
  g_assert_nonnull (strstr (r.out, "safe"));
  g_assert_cmpstr (r.err, ==, "");

  return recovery;
}

/* Tests */

static void
test_cli_version_help (void)
{
  g_auto(Result) r = { 0, };
  static const char * const commands[] = { "init", "passwd", "recover", "rekey", "verify" };

  CLI (&r, FALSE, "--version");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "udha-cli " PACKAGE_VERSION "\n");
  result_clear (&r);

  CLI (&r, FALSE, "--help");
  g_assert_cmpint (r.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *pattern = g_strdup_printf ("(?m)^  %s +\\S.*$", commands[i]);
      g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
      g_autoptr(GMatchInfo) info = NULL;
      guint n = 0;

      g_regex_match (regex, r.out, 0, &info);
      while (g_match_info_matches (info))
        {
          n++;
          g_match_info_next (info, NULL);
        }
      g_assert_cmpuint (n, ==, 1);
    }
  result_clear (&r);

  /* Usage errors: exit 2. */
  CLI (&r, FALSE, "--bogus");
  assert_one_error_line (&r, 2, NULL);
  result_clear (&r);
  CLI (&r, FALSE, "frobnicate");
  assert_one_error_line (&r, 2, NULL);
  result_clear (&r);
  CLI (&r, FALSE, "--vault");
  assert_one_error_line (&r, 2, NULL);
  result_clear (&r);
  CLI (&r, FALSE, "verify", "--extra");
  assert_one_error_line (&r, 2, NULL);
}

static void
test_cli_init (Fixture       *f,
               gconstpointer  data)
{
  g_auto(Result) r = { 0, };
  g_autofree char *recovery = NULL;
  g_autofree char *pass = write_secret_file (f, "p", ADMIN_PASS "\n");
  g_autofree char *short_pass = write_secret_file (f, "short", "short\n");

  /* Usage errors first. */
  CLI (&r, TRUE, "--vault", f->vault, "--passphrase-file", pass, "init");
  assert_one_error_line (&r, 2, NULL);
  result_clear (&r);
  CLI (&r, FALSE, "--vault", f->vault, "--passphrase-file", pass, "init", "--admin", ADMIN, "--kdf", "test-min");
  assert_one_error_line (&r, 2, NULL);
  result_clear (&r);
  CLI (&r, TRUE, "--vault", f->vault, "--passphrase-file", pass, "init", "--admin", ADMIN, "--kdf", "fast");
  assert_one_error_line (&r, 2, NULL);
  result_clear (&r);
  g_assert_false (udha_vault_exists (f->vault));

  /* A weak passphrase is a user error. */
  CLI (&r, TRUE, "--vault", f->vault, "--passphrase-file", short_pass, "init", "--admin", ADMIN, "--kdf", "test-min");
  assert_one_error_line (&r, 1, NULL);
  g_assert_nonnull (strstr (r.err, "10"));
  result_clear (&r);

  /* No terminal and no passphrase file. */
  CLI (&r, TRUE, "--vault", f->vault, "init", "--admin", ADMIN, "--kdf", "test-min");
  assert_one_error_line (&r, 1, NULL);
  g_assert_nonnull (strstr (r.err, "--passphrase-file"));
  result_clear (&r);

  recovery = cli_init (f);
  g_assert_true (udha_vault_exists (f->vault));

  /* Not twice. */
  CLI (&r, TRUE, "--vault", f->vault, "--passphrase-file", pass, "init", "--admin", ADMIN, "--kdf", "test-min");
  assert_one_error_line (&r, 1, ADMIN);
}

/* Without --kdf, init uses MODERATE: checked in the stored slot parameters. */
static void
test_cli_init_default_kdf (Fixture       *f,
                           gconstpointer  data)
{
  g_auto(Result) r = { 0, };
  g_autofree char *pass = write_secret_file (f, "p", ADMIN_PASS "\n");
  g_autoptr(UdhaVaultKeys) keys = NULL;
  g_autoptr(GError) error = NULL;
  guint32 ops = 0;
  guint32 mem = 0;
  int slot;

  CLI (&r, FALSE, "--vault", f->vault, "--passphrase-file", pass, "init", "--admin", ADMIN);
  g_assert_cmpint (r.status, ==, 0);

  keys = udha_vault_keys_load (f->keys, &error);
  g_assert_no_error (error);
  slot = udha_vault_keys_find_user (keys, ADMIN);
  g_assert_cmpint (slot, >=, 0);
  g_assert_true (udha_vault_keys_get_slot_params (keys, (guint8) slot, &ops, &mem));
  g_assert_cmpuint (ops, ==, crypto_pwhash_OPSLIMIT_MODERATE);
  g_assert_cmpuint ((gsize) mem * 1024, ==, crypto_pwhash_MEMLIMIT_MODERATE);
}

static void
test_cli_flow (Fixture       *f,
               gconstpointer  data)
{
  g_auto(Result) r = { 0, };
  g_autofree char *recovery = NULL;
  g_autofree char *new_recovery = NULL;
  g_autofree char *otp = NULL;
  g_autofree char *pass = write_secret_file (f, "pass", ADMIN_PASS "\n");
  g_autofree char *wrong = write_secret_file (f, "wrong", "not the passphrase\n");
  g_autofree char *passwd = write_secret_file (f, "passwd", ADMIN_PASS "\r\nthe second passphrase\r\n");
  g_autofree char *passwd_short = write_secret_file (f, "passwd-short", "the second passphrase\nshort\n");
  g_autofree char *second = write_secret_file (f, "second", "the second passphrase\n");
  g_autofree char *one_line = write_secret_file (f, "one-line", "the second passphrase\n");
  g_autofree char *recover = NULL;
  g_autofree char *third = write_secret_file (f, "third", "the third passphrase\n");
  g_autofree char *otp_file = NULL;
  g_autoptr(UdhaVault) vault = NULL;
  g_autoptr(GError) error = NULL;

  recovery = cli_init (f);

  CLI (&r, FALSE, "--vault", f->vault, "--user", ADMIN, "--passphrase-file", pass, "verify");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "OK\n");
  result_clear (&r);

  /* Wrong passphrase, wrong user: exit 1, one line, no user name. */
  CLI (&r, FALSE, "--vault", f->vault, "--user", ADMIN, "--passphrase-file", wrong, "verify");
  assert_one_error_line (&r, 1, "Drita");
  g_assert_nonnull (strstr (r.err, "Wrong user name or passphrase"));
  result_clear (&r);
  CLI (&r, FALSE, "--vault", f->vault, "--user", "Mirela Gjoka", "--passphrase-file", pass, "verify");
  assert_one_error_line (&r, 1, "Mirela");
  g_assert_nonnull (strstr (r.err, "Wrong user name or passphrase"));
  result_clear (&r);
  CLI (&r, FALSE, "--vault", f->vault, "--passphrase-file", pass, "verify");
  assert_one_error_line (&r, 2, NULL);
  result_clear (&r);

  /* passwd: two lines; a one-line file is an error. */
  CLI (&r, FALSE, "--vault", f->vault, "--user", ADMIN, "--passphrase-file", one_line, "passwd");
  assert_one_error_line (&r, 1, NULL);
  result_clear (&r);
  CLI (&r, FALSE, "--vault", f->vault, "--user", ADMIN, "--passphrase-file", passwd, "passwd");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  CLI (&r, FALSE, "--vault", f->vault, "--user", ADMIN, "--passphrase-file", pass, "verify");
  assert_one_error_line (&r, 1, "Drita");
  result_clear (&r);
  CLI (&r, FALSE, "--vault", f->vault, "--user", ADMIN, "--passphrase-file", second, "verify");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  CLI (&r, FALSE, "--vault", f->vault, "--user", ADMIN, "--passphrase-file", passwd_short, "passwd");
  assert_one_error_line (&r, 1, NULL);
  result_clear (&r);

  /* recover: recovery key (typed sloppily) + new passphrase. */
  {
    g_autofree char *sloppy = g_ascii_strdown (recovery, -1);
    g_autofree char *content = g_strdup_printf ("%s\nthe third passphrase\n", sloppy);

    recover = write_secret_file (f, "recover", content);
  }
  CLI (&r, FALSE, "--vault", f->vault, "--user", "drita kelmendi", "--passphrase-file", recover, "recover");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  CLI (&r, FALSE, "--vault", f->vault, "--user", ADMIN, "--passphrase-file", third, "verify");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  /* A second user, added through the API, gets a one-time passphrase at rekey. */
  vault = udha_vault_unlock (f->vault, ADMIN, "the third passphrase", &error);
  g_assert_no_error (error);
  g_assert_true (udha_vault_add_user (vault, "the third passphrase", "Besa", "besa's passphrase", FALSE, &error));
  g_assert_no_error (error);
  g_clear_object (&vault);

  CLI (&r, FALSE, "--vault", f->vault, "--user", ADMIN, "--passphrase-file", third, "rekey");
  g_assert_cmpint (r.status, ==, 0);
  new_recovery = find_value (r.out, "New recovery key: ");
  g_assert_true (is_recovery_key_shape (new_recovery));
  g_assert_cmpstr (new_recovery, !=, recovery);
  otp = find_value (r.out, "  Besa: ");
  g_assert_nonnull (otp);
  g_assert_true (g_regex_match_simple ("^[a-z2-9]{4}(-[a-z2-9]{4}){3}$", otp, 0, 0));
  result_clear (&r);

  /* Besa's one-time passphrase: verify works, rekey is refused until passwd. */
  {
    g_autofree char *content = g_strdup_printf ("%s\n", otp);

    otp_file = write_secret_file (f, "otp", content);
  }
  CLI (&r, FALSE, "--vault", f->vault, "--user", "Besa", "--passphrase-file", otp_file, "verify");
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  CLI (&r, FALSE, "--vault", f->vault, "--user", "Besa", "--passphrase-file", otp_file, "rekey");
  assert_one_error_line (&r, 1, "Besa");
  g_assert_nonnull (strstr (r.err, "passwd"));
  result_clear (&r);

  /* The old recovery key is dead. */
  CLI (&r, FALSE, "--vault", f->vault, "--user", ADMIN, "--passphrase-file", recover, "recover");
  assert_one_error_line (&r, 1, "Drita");
  result_clear (&r);

  /* verify detects a flipped byte in the last page. */
  {
    g_autofree char *contents = NULL;
    gsize len = 0;

    g_assert_true (g_file_get_contents (f->vault, &contents, &len, NULL));
    contents[len - 2000] ^= 0x04;
    g_assert_true (g_file_set_contents (f->vault, contents, len, NULL));
  }
  CLI (&r, FALSE, "--vault", f->vault, "--user", ADMIN, "--passphrase-file", third, "verify");
  assert_one_error_line (&r, 1, "Drita");
  g_assert_cmpstr (r.out, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);

  g_test_add_func ("/udha/cli/version-help", test_cli_version_help);
  g_test_add ("/udha/cli/init", Fixture, NULL, fixture_set_up, test_cli_init, fixture_tear_down);
  g_test_add ("/udha/cli/init-default-kdf", Fixture, NULL, fixture_set_up, test_cli_init_default_kdf, fixture_tear_down);
  g_test_add ("/udha/cli/flow", Fixture, NULL, fixture_set_up, test_cli_flow, fixture_tear_down);

  return g_test_run ();
}
