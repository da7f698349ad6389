/* test-vault-crash.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* SIGKILL loop (VAULT.md §17 item 3): a child commits numbered transactions
 * and acknowledges each through a pipe once COMMIT returned; the parent
 * kills it at a random moment, reopens the vault (hot-journal rollback) and
 * checks that every acknowledged transaction survived, that no transaction
 * is partly there, and that PRAGMA integrity_check says ok.
 *
 * UDHA_CRASH_ITERATIONS raises the number of kills (default 200). */

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "udha-core.h"
#include "udha-vault-db.h"
#include "udha-vault-vfs.h"
#include "udha-vault-test-utils.h"

#define ROWS_PER_TX 3

static char *base_dir;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Auxiliary methods */

static G_GNUC_NORETURN void
child_main (const char   *path,
            UdhaVaultKey *key,
            int           ack_fd,
            guint32       seed)
{
  sqlite3 *db;
  sqlite3_stmt *insert = NULL;
  sqlite3_stmt *update = NULL;
  GRand *rand = g_rand_new_with_seed (seed);
  gint64 n;

  db = udha_vault_db_open (path, key, UDHA_VAULT_DB_NONE, NULL);
  if (db == NULL)
    _exit (2);

  n = udha_test_query_int (db, "SELECT coalesce (max (n), 0) FROM t;") + 1;
  if (sqlite3_prepare_v2 (db, "INSERT INTO t (n, k, pad) VALUES (?1, ?2, randomblob (?3));",
                          -1, &insert, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "UPDATE t SET pad = randomblob (?2) WHERE n > ?1;",
                          -1, &update, NULL) != SQLITE_OK)
    _exit (3);

  for (;; n++)
    {
      if (sqlite3_exec (db, "BEGIN IMMEDIATE;", NULL, NULL, NULL) != SQLITE_OK)
        _exit (4);

      for (int k = 0; k < ROWS_PER_TX; k++)
        {
          sqlite3_bind_int64 (insert, 1, n);
          sqlite3_bind_int (insert, 2, k);
          sqlite3_bind_int (insert, 3, g_rand_int_range (rand, 50, 2500));
          if (sqlite3_step (insert) != SQLITE_DONE)
            _exit (5);
          sqlite3_reset (insert);
        }

      /* Every few transactions, rewrite many older pages as well. */
      if (n % 5 == 0)
        {
          sqlite3_bind_int64 (update, 1, MAX (0, n - 40));
          sqlite3_bind_int (update, 2, g_rand_int_range (rand, 50, 2500));
          if (sqlite3_step (update) != SQLITE_DONE)
            _exit (6);
          sqlite3_reset (update);
        }

      if (sqlite3_exec (db, "COMMIT;", NULL, NULL, NULL) != SQLITE_OK)
        _exit (7);

      if (write (ack_fd, &n, sizeof n) != sizeof n)
        _exit (8);
    }
}

static void
verify (const char   *path,
        UdhaVaultKey *key,
        gint64        max_acked)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = udha_vault_db_open (path, key, UDHA_VAULT_DB_NONE, &error);
  gint64 max_n, distinct_n, partial;
  guint bad = 0;

  g_assert_no_error (error);
  g_assert_nonnull (db);

  max_n = udha_test_query_int (db, "SELECT coalesce (max (n), 0) FROM t;");
  distinct_n = udha_test_query_int (db, "SELECT count (DISTINCT n) FROM t;");
  partial = udha_test_query_int (db, "SELECT count(*) FROM (SELECT n FROM t GROUP BY n HAVING count(*) != 3);");

  /* Every acknowledged transaction is there, and all of it. */
  g_assert_cmpint (max_n, >=, max_acked);
  g_assert_cmpint (distinct_n, ==, max_n);
  g_assert_cmpint (partial, ==, 0);
  g_assert_true (udha_vault_db_verify (db, &bad, &error));
  g_assert_no_error (error);

  udha_vault_db_close (db);
}

/* Tests */

static void
test_crash_sigkill_loop (void)
{
  g_autofree char *path = g_build_filename (base_dir, "crash.udb", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autoptr(UdhaVaultKey) key = udha_test_key_new (0);
  g_autoptr(GError) error = NULL;
  const char *env = g_getenv ("UDHA_CRASH_ITERATIONS");
  guint iterations = 200;
  guint hot_journals = 0;
  gint64 max_acked = 0;
  GRand *rand = g_rand_new ();
  sqlite3 *db;

  if (env != NULL && g_ascii_strtoull (env, NULL, 10) > iterations)
    iterations = (guint) g_ascii_strtoull (env, NULL, 10);

  db = udha_vault_db_open (path, key, UDHA_VAULT_DB_CREATE, &error);
  g_assert_no_error (error);
  udha_test_exec_ok (db, "CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL, "
                         "k INTEGER NOT NULL, pad BLOB);"
                         "CREATE INDEX t_n ON t (n);");
  udha_vault_db_close (db);

  for (guint i = 0; i < iterations; i++)
    {
      int fds[2];
      int status = 0;
      gint64 acked = 0;
      gint64 value;
      pid_t pid;
      ssize_t got;

      g_assert_cmpint (pipe (fds), ==, 0);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          close (fds[0]);
          child_main (path, key, fds[1], g_rand_int (rand));
        }
      close (fds[1]);

      /* Let it run for a random while (open, recovery, a few commits). */
      g_usleep (g_rand_int_range (rand, 0, 60000));
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      if (!WIFSIGNALED (status))
        g_error ("child exited with status %d", WEXITSTATUS (status));

      /* Collect every acknowledgement sent before the kill. */
      while ((got = read (fds[0], &value, sizeof value)) == sizeof value)
        acked = MAX (acked, value);
      g_assert_cmpint (got, ==, 0);
      close (fds[0]);
      max_acked = MAX (max_acked, acked);

      if (g_file_test (journal, G_FILE_TEST_EXISTS))
        hot_journals++;

      verify (path, key, max_acked);
    }

  g_test_message ("%u kills, %" G_GINT64_FORMAT " transactions acknowledged, %u left a journal",
                  iterations, max_acked, hot_journals);
  /* The loop must actually have crashed inside transactions. */
  g_assert_cmpuint (hot_journals, >, 0);
  g_assert_cmpint (max_acked, >, 0);

  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_assert_true (udha_core_init (&error));
  g_assert_no_error (error);
  g_assert_true (udha_vault_vfs_register (&error));
  g_assert_no_error (error);

  base_dir = udha_test_make_tmp_dir ();

  g_test_add_func ("/udha/vault/crash/sigkill-loop", test_crash_sigkill_loop);

  ret = g_test_run ();

  udha_test_rm_rf (base_dir);
  g_free (base_dir);

  return ret;
}
