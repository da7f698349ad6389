/* test-cli-demo.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* udha-cli demo: spawns the built udha-cli named by $UDHA_CLI. */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define ADMIN       "demo.admin"
#define ADMIN_PASS  "lule bore në mars"
#define USERS_PASS  "demo users 2026"

typedef struct
{
  char *dir;
  char *vault;
  char *admin_pass;
  char *users_pass;
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

static void
run_cli (Result             *r,
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
  envp = g_environ_setenv (envp, "UDHA_TESTING", "1", TRUE);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT,
                               no_controlling_tty, NULL, &r->out, &r->err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  r->status = WEXITSTATUS (wait_status);
}

#define CLI(r, ...) run_cli ((r), (const char * const[]) { __VA_ARGS__, NULL })

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

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_auto(Result) r = { 0, };

  f->dir = g_dir_make_tmp ("udha-cli-demo-XXXXXX", NULL);
  f->vault = g_build_filename (f->dir, "cases.udb", NULL);
  f->admin_pass = write_secret_file (f, "admin.pass", ADMIN_PASS "\n");
  f->users_pass = write_secret_file (f, "users.pass", USERS_PASS "\n");

  CLI (&r, "--vault", f->vault, "--passphrase-file", f->admin_pass, "init", "--admin", ADMIN, "--kdf", "test-min");
  if (r.status != 0)
    g_error ("init failed: %s", r.err);
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
  g_free (f->admin_pass);
  g_free (f->users_pass);
}

static void
test_cli_demo_json (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(Result) r = { 0, };
  g_auto(Result) again = { 0, };
  g_auto(Result) list = { 0, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *counts;
  JsonArray *users, *numbers;
  guint n_caseworkers = 0, n_supervisors = 0, n_admins = 0;
  g_autoptr(GHashTable) offices = g_hash_table_new (g_str_hash, g_str_equal);

  CLI (&r, "--vault", f->vault, "--user", ADMIN, "--passphrase-file", f->admin_pass, "--json",
       "demo", "--cases", "200", "--seed", "7", "--users-passphrase-file", f->users_pass);
  if (r.status != 0)
    g_error ("demo failed: %s", r.err);

  g_assert_true (json_parser_load_from_data (parser, r.out, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  users = json_object_get_array_member (root, "users");
  counts = json_object_get_object_member (root, "counts");
  numbers = json_object_get_array_member (root, "first_case_numbers");

  g_assert_cmpint (json_object_get_int_member (counts, "cases"), ==, 200);
  g_assert_cmpint (json_object_get_int_member (counts, "persons"), ==, 200);
  g_assert_cmpint (json_object_get_int_member (counts, "offices"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (counts, "referrals"), >, 0);
  g_assert_cmpuint (json_array_get_length (numbers), ==, 5);
  g_assert_true (g_regex_match_simple ("^(TIR|KKV)-[0-9]{4}-[0-9]{5}$",
                                       json_array_get_string_element (numbers, 0), 0, 0));

  g_assert_cmpuint (json_array_get_length (users), ==, 5);
  for (guint i = 0; i < json_array_get_length (users); i++)
    {
      JsonObject *u = json_array_get_object_element (users, i);
      const char *role = json_object_get_string_member (u, "role");

      g_assert_nonnull (json_object_get_string_member (u, "user_name"));
      g_assert_nonnull (json_object_get_string_member (u, "display_name"));
      if (g_str_equal (role, "caseworker"))
        n_caseworkers++;
      else if (g_str_equal (role, "supervisor"))
        n_supervisors++;
      else if (g_str_equal (role, "admin"))
        n_admins++;
      if (!json_object_get_null_member (u, "office"))
        g_hash_table_add (offices, (char *) json_object_get_string_member (u, "office"));
    }
  g_assert_cmpuint (n_caseworkers, ==, 3);
  g_assert_cmpuint (n_supervisors, ==, 1);
  g_assert_cmpuint (n_admins, ==, 1);
  g_assert_cmpuint (g_hash_table_size (offices), ==, 2);

  /* A demo user signs in with the file's passphrase, without passwd first */
  CLI (&list, "--vault", f->vault, "--user", "demo.arta", "--passphrase-file", f->users_pass, "--json",
       "case", "list", "--mine");
  if (list.status != 0)
    g_error ("case list as demo.arta failed: %s", list.err);
  g_assert_nonnull (strstr (list.out, "TIR-"));

  /* Only once per vault */
  CLI (&again, "--vault", f->vault, "--user", ADMIN, "--passphrase-file", f->admin_pass,
       "demo", "--cases", "10", "--users-passphrase-file", f->users_pass);
  g_assert_cmpint (again.status, ==, 1);
  g_assert_nonnull (strstr (again.err, "demo.mira"));
}

static void
test_cli_demo_refused (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(Result) usage = { 0, };
  g_auto(Result) bad = { 0, };
  g_auto(Result) first = { 0, };
  g_auto(Result) caseworker = { 0, };

  CLI (&usage, "--vault", f->vault, "--user", ADMIN, "--passphrase-file", f->admin_pass, "demo");
  g_assert_cmpint (usage.status, ==, 2);

  CLI (&bad, "--vault", f->vault, "--user", ADMIN, "--passphrase-file", f->admin_pass,
       "demo", "--cases", "many", "--users-passphrase-file", f->users_pass);
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_nonnull (strstr (bad.err, "--cases"));

  /* Not an administrator */
  CLI (&first, "--vault", f->vault, "--user", ADMIN, "--passphrase-file", f->admin_pass,
       "demo", "--cases", "5", "--users-passphrase-file", f->users_pass);
  g_assert_cmpint (first.status, ==, 0);
  CLI (&caseworker, "--vault", f->vault, "--user", "demo.drita", "--passphrase-file", f->users_pass,
       "demo", "--cases", "5", "--users-passphrase-file", f->users_pass);
  g_assert_cmpint (caseworker.status, ==, 1);
  /* One clear line */
  g_assert_true (g_str_has_prefix (caseworker.err, "udha-cli: "));
  g_assert_true (strchr (caseworker.err, '\n') == caseworker.err + strlen (caseworker.err) - 1);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/CliDemo/json", Fixture, NULL, fixture_set_up, test_cli_demo_json, fixture_tear_down);
  g_test_add ("/CliDemo/refused", Fixture, NULL, fixture_set_up, test_cli_demo_refused, fixture_tear_down);

  return g_test_run ();
}
