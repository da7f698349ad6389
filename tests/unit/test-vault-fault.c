/* test-vault-fault.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* I/O-error injection (VAULT.md §17 item 3, SQLite's ioerr*.test pattern).
 *
 * A fault-injecting VFS under the shim fails the Nth read, write, sync or
 * truncate with SQLITE_IOERR_* or SQLITE_FULL, for every N reached inside a
 * transaction (and inside a VACUUM, which is where truncation happens).
 * After reopening without faults the vault must pass PRAGMA integrity_check
 * and every page must authenticate, and it must hold the whole transaction
 * or none of it. The SQLITE_FULL path must reach the caller as
 * UDHA_VAULT_ERROR_DISK_FULL. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "udha-core.h"
#include "udha-vault-db.h"
#include "udha-vault-db-private.h"
#include "udha-vault-error.h"
#include "udha-vault-vfs.h"
#include "udha-vault-test-utils.h"

#define BASE_ROWS 120

typedef enum
{
  WORKLOAD_TRANSACTION,
  WORKLOAD_VACUUM,
} Workload;

static char *base_dir;
static char *base_path;
static GBytes *base_bytes;
static UdhaVaultKey *base_key;

static const char *transaction_sql =
  "BEGIN IMMEDIATE;"
  "UPDATE t SET b = 'updated' || b, flag = 1 WHERE id % 4 = 0;"
  "DELETE FROM t WHERE id % 9 = 0;"
  "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 40) "
  "INSERT INTO t (b, flag) SELECT printf ('new%0600d', i), 2 FROM c;"
  "COMMIT;";

/* Auxiliary methods */

static void
reset_work_file (const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_unlink (journal);
  udha_test_write_file (path, g_bytes_get_data (base_bytes, NULL), g_bytes_get_size (base_bytes));
}

/* Returns TRUE if the vault holds the transaction, FALSE if it holds none of
 * it; fails the test for anything in between or any damage. */
static gboolean
check_consistent (const char *path,
                  Workload    workload)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = udha_vault_db_open (path, base_key, UDHA_VAULT_DB_NONE, &error);
  gint64 updated, inserted, total;
  gboolean applied;
  guint bad = 0;

  g_assert_no_error (error);
  g_assert_true (udha_vault_db_verify (db, &bad, &error));
  g_assert_no_error (error);

  updated = udha_test_query_int (db, "SELECT count(*) FROM t WHERE flag = 1;");
  inserted = udha_test_query_int (db, "SELECT count(*) FROM t WHERE flag = 2;");
  total = udha_test_query_int (db, "SELECT count(*) FROM t;");
  udha_vault_db_close (db);

  if (workload == WORKLOAD_VACUUM)
    {
      g_assert_cmpint (updated, ==, 0);
      g_assert_cmpint (inserted, ==, 0);
      g_assert_cmpint (total, ==, BASE_ROWS - BASE_ROWS / 2);
      return TRUE;
    }

  applied = inserted == 40;
  if (applied)
    {
      g_assert_cmpint (updated, ==, 30 - 30 / 9);           /* ids 4, 8, …, 120 without multiples of 36 */
      g_assert_cmpint (total, ==, BASE_ROWS - BASE_ROWS / 9 + 40);
    }
  else
    {
      g_assert_cmpint (inserted, ==, 0);
      g_assert_cmpint (updated, ==, 0);
      g_assert_cmpint (total, ==, BASE_ROWS);
    }

  return applied;
}

static void
run_faults (Workload    workload,
            UdhaTestOp  op,
            int         fault_rc,
            gboolean    persistent,
            guint      *n_runs)
{
  g_autofree char *path = g_build_filename (base_dir, "work.udb", NULL);
  guint n;
  guint hits = 0;

  for (n = 1; n < 100000; n++)
    {
      g_autoptr(GError) error = NULL;
      sqlite3 *db;
      gboolean hit;
      gboolean applied;
      int rc;

      reset_work_file (path);
      if (workload == WORKLOAD_VACUUM)
        {
          /* Make the file shrink on VACUUM. */
          db = udha_vault_db_open (path, base_key, UDHA_VAULT_DB_NONE, &error);
          g_assert_no_error (error);
          udha_test_exec_ok (db, "DELETE FROM t WHERE id % 2 = 0;");
          udha_vault_db_close (db);
        }

      db = _udha_vault_db_open_with_vfs (path, base_key, UDHA_VAULT_DB_NONE, UDHA_TEST_VAULT_VFS_NAME, &error);
      g_assert_no_error (error);

      udha_test_vfs_arm_fault (op, n, fault_rc, persistent);
      rc = udha_test_exec (db, workload == WORKLOAD_VACUUM ? "VACUUM;" : transaction_sql);
      hit = udha_test_vfs_disarm_fault ();
      if (rc != SQLITE_OK)
        udha_test_exec (db, "ROLLBACK;");
      udha_vault_db_close (db);
      (*n_runs)++;

      applied = check_consistent (path, workload);
      /* A transaction that reported success is durable. */
      if (rc == SQLITE_OK && workload == WORKLOAD_TRANSACTION)
        g_assert_true (applied);
      /* A fault that was not hit cannot make it fail. */
      if (!hit)
        {
          g_assert_cmpint (rc, ==, SQLITE_OK);
          break;
        }
      hits++;
    }

  g_test_message ("workload %d, op %d, rc %d%s: %u faults injected",
                  workload, op, fault_rc, persistent ? " (persistent)" : "", hits);
  /* Reads, writes and syncs always happen; truncation in the VACUUM. */
  if (!(op == UDHA_TEST_OP_TRUNCATE && workload == WORKLOAD_TRANSACTION))
    g_assert_cmpuint (hits, >, 0);
}

/* Tests */

static void
test_fault_matrix (gconstpointer data)
{
  Workload workload = GPOINTER_TO_INT (data);
  const UdhaTestOp ops[] = { UDHA_TEST_OP_READ, UDHA_TEST_OP_WRITE, UDHA_TEST_OP_SYNC, UDHA_TEST_OP_TRUNCATE };
  guint runs = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (ops); i++)
    {
      run_faults (workload, ops[i], SQLITE_IOERR, FALSE, &runs);
      run_faults (workload, ops[i], SQLITE_FULL, FALSE, &runs);
    }
  /* A disk that stays full. */
  run_faults (workload, UDHA_TEST_OP_WRITE, SQLITE_FULL, TRUE, &runs);

  g_test_message ("%u runs", runs);
}

static void
test_fault_disk_full_error (void)
{
  g_autofree char *path = g_build_filename (base_dir, "full.udb", NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  reset_work_file (path);
  db = _udha_vault_db_open_with_vfs (path, base_key, UDHA_VAULT_DB_NONE, UDHA_TEST_VAULT_VFS_NAME, &error);
  g_assert_no_error (error);

  udha_test_vfs_arm_fault (UDHA_TEST_OP_WRITE, 1, SQLITE_FULL, TRUE);
  g_assert_false (udha_vault_db_exec (db, transaction_sql, &error));
  g_assert_true (udha_test_vfs_disarm_fault ());
  g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_DISK_FULL);
  g_assert_nonnull (strstr (error->message, "Nothing was saved"));
  udha_test_exec (db, "ROLLBACK;");
  udha_vault_db_close (db);

  g_assert_false (check_consistent (path, WORKLOAD_TRANSACTION));
  g_clear_error (&error);

  /* A read error on a page is an I/O error, not damage. */
  db = _udha_vault_db_open_with_vfs (path, base_key, UDHA_VAULT_DB_NONE, UDHA_TEST_VAULT_VFS_NAME, &error);
  g_assert_no_error (error);
  udha_test_vfs_arm_fault (UDHA_TEST_OP_READ, 1, SQLITE_IOERR, TRUE);
  g_assert_false (udha_vault_db_exec (db, "SELECT sum (length (b)) FROM t;", &error));
  g_assert_true (udha_test_vfs_disarm_fault ());
  g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_IO);
  udha_vault_db_close (db);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  sqlite3 *db;
  int ret;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_assert_true (udha_core_init (&error));
  g_assert_no_error (error);
  g_assert_true (udha_vault_vfs_register (&error));
  g_assert_no_error (error);
  udha_test_vfs_register ();

  base_dir = udha_test_make_tmp_dir ();
  base_path = g_build_filename (base_dir, "base.udb", NULL);
  base_key = udha_test_key_new (0);

  db = udha_vault_db_open (base_path, base_key, UDHA_VAULT_DB_CREATE, &error);
  g_assert_no_error (error);
  sql = g_strdup_printf ("CREATE TABLE t (id INTEGER PRIMARY KEY, b TEXT, flag INTEGER NOT NULL DEFAULT 0);"
                         "CREATE INDEX t_b ON t (b);"
                         "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < %d) "
                         "INSERT INTO t (b) SELECT printf ('base%%0300d', i) FROM c;", BASE_ROWS);
  udha_test_exec_ok (db, sql);
  udha_vault_db_close (db);
  base_bytes = udha_test_read_file (base_path);

  g_test_add_data_func ("/udha/vault/fault/transaction", GINT_TO_POINTER (WORKLOAD_TRANSACTION), test_fault_matrix);
  g_test_add_data_func ("/udha/vault/fault/vacuum", GINT_TO_POINTER (WORKLOAD_VACUUM), test_fault_matrix);
  g_test_add_func ("/udha/vault/fault/disk-full-error", test_fault_disk_full_error);

  ret = g_test_run ();

  g_bytes_unref (base_bytes);
  udha_vault_key_unref (base_key);
  udha_test_rm_rf (base_dir);
  g_free (base_path);
  g_free (base_dir);

  return ret;
}
