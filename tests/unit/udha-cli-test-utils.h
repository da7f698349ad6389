/* udha-cli-test-utils.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the udha-cli tests share: running the built binary named by
 * $UDHA_CLI as a user, reading its JSON, and a fixture vault with two
 * offices, users who have set their own passphrases and one partner
 * organisation. */

#pragma once

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define ADMIN_PASS  "lule bore në mars"
#define OTP         "one time pass 123"
#define PASS        "rruga e gjatë 42"

typedef struct
{
  char *dir;
  char *vault;
  char *admin_pass;
  char *otp;
  char *pass;
  char *change;
  char *text;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

G_GNUC_UNUSED static void
result_clear (Result *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

G_GNUC_UNUSED static void
no_controlling_tty (gpointer data)
{
  setsid ();
}

/* Runs udha-cli --vault V [--user U --passphrase-file F] [--json] ARGS. */
G_GNUC_UNUSED static void
run (Fixture            *f,
     Result             *r,
     const char         *user,
     const char         *pass_file,
     gboolean            json,
     const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "UDHA_TESTING", "1", TRUE);
  const char *cli = g_getenv ("UDHA_CLI");
  int wait_status = 0;

  result_clear (r);
  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  g_ptr_array_add (argv, (char *) "--vault");
  g_ptr_array_add (argv, f->vault);
  if (user != NULL)
    {
      g_ptr_array_add (argv, (char *) "--user");
      g_ptr_array_add (argv, (char *) user);
      g_ptr_array_add (argv, (char *) "--passphrase-file");
      g_ptr_array_add (argv, (char *) pass_file);
    }
  if (json)
    g_ptr_array_add (argv, (char *) "--json");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_STDIN_FROM_DEV_NULL,
                               no_controlling_tty, NULL, &r->out, &r->err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  r->status = WEXITSTATUS (wait_status);
}

#define AS(f, r, user, pass, ...) run (f, r, user, pass, FALSE, (const char * const[]) { __VA_ARGS__, NULL })
#define AS_JSON(f, r, user, pass, ...) run (f, r, user, pass, TRUE, (const char * const[]) { __VA_ARGS__, NULL })

G_GNUC_UNUSED static void
assert_ok (Result *r)
{
  if (r->status != 0)
    g_error ("udha-cli failed (%d): %s", r->status, r->err);
}

/* Refused: exit 1, one line on stderr containing @needle. */
G_GNUC_UNUSED static void
assert_refused (Result     *r,
                const char *needle)
{
  g_test_message ("refused: %s", r->err);
  g_assert_cmpint (r->status, ==, 1);
  g_assert_true (g_str_has_prefix (r->err, "udha-cli: "));
  g_assert_nonnull (strchr (r->err, '\n'));
  g_assert_cmpstr (strchr (r->err, '\n') + 1, ==, "");
  if (needle != NULL && strstr (r->err, needle) == NULL)
    g_error ("“%s” not in “%s”", needle, r->err);
}

G_GNUC_UNUSED static JsonNode *
parse (Result *r)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (r->out, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

G_GNUC_UNUSED static gint64
json_int (Result     *r,
          const char *member)
{
  g_autoptr(JsonNode) node = parse (r);

  return json_object_get_int_member (json_node_get_object (node), member);
}

G_GNUC_UNUSED static char *
json_str (Result     *r,
          const char *member)
{
  g_autoptr(JsonNode) node = parse (r);

  return g_strdup (json_object_get_string_member (json_node_get_object (node), member));
}

G_GNUC_UNUSED static char *
write_file (Fixture    *f,
            const char *name,
            const char *content)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, content, -1, NULL));
  g_chmod (path, 0600);
  return path;
}

G_GNUC_UNUSED static void
rm_rf (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      rm_rf (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

/* Two offices (TIR, DUR); caseworkers ana and ben and supervisor sara in
 * TIR, with their own passphrases; one partner organisation.  With
 * @other_office_caseworker, also dino, a caseworker in DUR. */
G_GNUC_UNUSED static void
cli_fixture_set_up (Fixture    *f,
                    const char *dir_template,
                    gboolean    other_office_caseworker)
{
  g_auto(Result) r = { 0, };

  f->dir = g_dir_make_tmp (dir_template, NULL);
  f->vault = g_build_filename (f->dir, "cases.udb", NULL);
  f->admin_pass = write_file (f, "admin.pass", ADMIN_PASS "\n");
  f->otp = write_file (f, "otp.pass", OTP "\n");
  f->pass = write_file (f, "own.pass", PASS "\n");
  f->change = write_file (f, "change.pass", OTP "\n" PASS "\n");
  f->text = write_file (f, "note.txt", "Phone call. Asked about legal aid.\n");

  AS (f, &r, NULL, NULL, "--passphrase-file", f->admin_pass, "init", "--admin", "admin", "--kdf", "test-min");
  assert_ok (&r);
  AS (f, &r, "admin", f->admin_pass, "office", "add", "TIR", "--name", "Tirana");
  assert_ok (&r);
  AS (f, &r, "admin", f->admin_pass, "office", "add", "DUR", "--name", "Durrës");
  assert_ok (&r);
  AS (f, &r, "admin", f->admin_pass, "user", "add", "ana", "--role", "caseworker", "--office", "TIR",
      "--display-name", "Ana", "--new-passphrase-file", f->otp);
  assert_ok (&r);
  AS (f, &r, "admin", f->admin_pass, "user", "add", "ben", "--role", "caseworker", "--office", "TIR",
      "--new-passphrase-file", f->otp);
  assert_ok (&r);
  AS (f, &r, "admin", f->admin_pass, "user", "add", "sara", "--role", "supervisor", "--office", "TIR",
      "--new-passphrase-file", f->otp);
  assert_ok (&r);
  if (other_office_caseworker)
    {
      AS (f, &r, "admin", f->admin_pass, "user", "add", "dino", "--role", "caseworker", "--office", "DUR",
          "--new-passphrase-file", f->otp);
      assert_ok (&r);
    }
  AS (f, &r, "admin", f->admin_pass, "org", "add", "Qendra Ligjore", "--type", "ngo", "--services", "legal,shelter");
  assert_ok (&r);

  /* Until the one-time passphrase is changed, everything is refused. */
  AS (f, &r, "ana", f->otp, "case", "list");
  assert_refused (&r, "udha-cli passwd");

  AS (f, &r, "ana", f->change, "passwd");
  assert_ok (&r);
  AS (f, &r, "ben", f->otp, "passwd", "--new-passphrase-file", f->pass);
  assert_ok (&r);
  AS (f, &r, "sara", f->otp, "passwd", "--new-passphrase-file", f->pass);
  assert_ok (&r);
  if (other_office_caseworker)
    {
      AS (f, &r, "dino", f->otp, "passwd", "--new-passphrase-file", f->pass);
      assert_ok (&r);
    }
}

G_GNUC_UNUSED static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->vault);
  g_free (f->admin_pass);
  g_free (f->otp);
  g_free (f->pass);
  g_free (f->change);
  g_free (f->text);
}
