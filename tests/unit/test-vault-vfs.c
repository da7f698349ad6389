/* test-vault-vfs.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Functional, leak and tamper tests of the udha-vault VFS shim and of
 * udha-vault-db (VAULT.md §17 items 3, 4 and 6). */

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "udha-core.h"
#include "udha-vault-db.h"
#include "udha-vault-error.h"
#include "udha-vault-key.h"
#include "udha-vault-vfs.h"
#include "udha-vault-vfs-private.h"
#include "udha-vault-test-utils.h"

#define PS      UDHA_VAULT_PAGE_SIZE
#define MARKER  "UDHAMARKERqz7"

static char *base_dir;       /* everything of this test lives below */
static char *sqlite_tmpdir;  /* $TMPDIR and $SQLITE_TMPDIR of this process */

/* Auxiliary methods */

static char *
new_vault_dir (void)
{
  static guint counter;
  char *dir = g_strdup_printf ("%s/v%u", base_dir, ++counter);

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);

  return dir;
}

static sqlite3 *
open_ok (const char       *path,
         UdhaVaultKey     *key,
         UdhaVaultDbFlags  flags)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = udha_vault_db_open (path, key, flags, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);

  return db;
}

/* A vault with table t (id, b) holding @nrows rows of ~500 bytes with the
 * marker, an index on b, and table u (small). */
static void
create_sample (const char   *path,
               UdhaVaultKey *key,
               int           nrows)
{
  sqlite3 *db = open_ok (path, key, UDHA_VAULT_DB_CREATE);
  g_autofree char *sql = NULL;

  udha_test_exec_ok (db, "CREATE TABLE t (id INTEGER PRIMARY KEY, b TEXT);"
                         "CREATE TABLE u (id INTEGER PRIMARY KEY, v TEXT);"
                         "INSERT INTO u (v) VALUES ('" MARKER "-u1'), ('" MARKER "-u2');");
  sql = g_strdup_printf ("WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < %d) "
                         "INSERT INTO t (id, b) SELECT i, '" MARKER "' || printf ('%%0480d', i) FROM c;",
                         nrows);
  udha_test_exec_ok (db, sql);
  udha_test_exec_ok (db, "CREATE INDEX t_b ON t (b);");
  udha_vault_db_close (db);
}

static guint
scan_all (const char  *vault_dir,
          char       **found)
{
  return udha_test_scan_dir_for (vault_dir, MARKER, found) +
         udha_test_scan_dir_for (sqlite_tmpdir, MARKER, found);
}

static void
assert_no_marker (const char *vault_dir)
{
  g_autofree char *found = NULL;

  if (scan_all (vault_dir, &found) != 0)
    g_error ("plaintext marker found in %s", found);
  g_assert_cmpuint (udha_test_count_files (sqlite_tmpdir), ==, 0);
}

/* Forks a child that opens the vault, writes a large transaction with a tiny
 * page cache (so pages spill to the file and the journal), and SIGKILLs
 * itself before COMMIT: a hot journal is left behind. */
static void
make_hot_journal (const char   *path,
                  UdhaVaultKey *key)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  int status = 0;
  pid_t pid;

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      GError *error = NULL;
      sqlite3 *db = udha_vault_db_open (path, key, UDHA_VAULT_DB_NONE, &error);

      if (db == NULL)
        _exit (2);
      if (sqlite3_exec (db, "PRAGMA cache_size=10;"
                            "BEGIN IMMEDIATE;"
                            "UPDATE t SET b = b || 'x' WHERE id % 3 = 0;"
                            "DELETE FROM t WHERE id % 7 = 0;"
                            "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 300) "
                            "INSERT INTO t (b) SELECT '" MARKER "-killed' || printf ('%0900d', i) FROM c;",
                        NULL, NULL, NULL) != SQLITE_OK)
        _exit (3);
      raise (SIGKILL);
      _exit (4);
    }

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
  g_assert_true (g_file_test (journal, G_FILE_TEST_EXISTS));
}

static void
assert_sample_ok (const char   *path,
                  UdhaVaultKey *key,
                  gint64        nrows)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = open_ok (path, key, UDHA_VAULT_DB_NONE);
  guint bad = 99;

  g_assert_cmpint (udha_test_query_int (db, "SELECT count(*) FROM t;"), ==, nrows);
  g_assert_cmpint (udha_test_query_int (db, "SELECT count(*) FROM t WHERE b LIKE '%killed%';"), ==, 0);
  g_assert_true (udha_vault_db_verify (db, &bad, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bad, ==, 0);
  udha_vault_db_close (db);
}

/* Tests */

static void
test_vfs_create_reopen (void)
{
  g_autofree char *dir = new_vault_dir ();
  g_autofree char *path = g_build_filename (dir, "cases.udb", NULL);
  g_autoptr(UdhaVaultKey) key = udha_test_key_new (0);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *data;
  gsize len;
  sqlite3 *db;
  int reserve = -1;

  create_sample (path, key, 100);

  db = open_ok (path, key, UDHA_VAULT_DB_NONE);
  g_assert_cmpint (udha_test_query_int (db, "SELECT count(*) FROM t;"), ==, 100);
  g_assert_cmpint (udha_test_query_int (db, "PRAGMA page_size;"), ==, PS);
  sqlite3_file_control (db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
  g_assert_cmpint (reserve, ==, UDHA_VAULT_RESERVE);
  g_assert_cmpint (udha_test_query_int (db, "PRAGMA temp_store;"), ==, 2);
  g_assert_cmpint (udha_test_query_int (db, "PRAGMA secure_delete;"), ==, 1);
  g_assert_cmpint (udha_test_query_int (db, "PRAGMA synchronous;"), ==, 2);
  g_assert_cmpint (udha_test_query_int (db, "PRAGMA foreign_keys;"), ==, 1);
  g_assert_cmpint (udha_test_query_int (db, "PRAGMA trusted_schema;"), ==, 0);
  udha_vault_db_close (db);

  /* On disk: dbid in clear, then ciphertext; file size is whole pages. */
  bytes = udha_test_read_file (path);
  data = g_bytes_get_data (bytes, &len);
  g_assert_cmpuint (len % PS, ==, 0);
  g_assert_cmpmem (data, UDHA_VAULT_DBID_LEN, udha_vault_key_get_dbid (key), UDHA_VAULT_DBID_LEN);
  g_assert_null (udha_test_memmem (data, len, "SQLite format 3", 15));

  /* Missing file without CREATE. */
  {
    g_autofree char *missing = g_build_filename (dir, "missing.udb", NULL);

    g_assert_null (udha_vault_db_open (missing, key, UDHA_VAULT_DB_NONE, &error));
    g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_NOT_FOUND);
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }

  udha_test_rm_rf (dir);
}

static void
test_vfs_plain_sqlite_notadb (void)
{
  g_autofree char *dir = new_vault_dir ();
  g_autofree char *path = g_build_filename (dir, "cases.udb", NULL);
  g_autoptr(UdhaVaultKey) key = udha_test_key_new (0);
  sqlite3 *db = NULL;
  int rc;

  create_sample (path, key, 10);

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    rc = udha_test_run (db, "SELECT count(*) FROM sqlite_schema;");
  g_assert_cmpint (rc, ==, SQLITE_NOTADB);
  sqlite3_close (db);

  udha_test_rm_rf (dir);
}

static void
test_vfs_no_plaintext (void)
{
  g_autofree char *dir = new_vault_dir ();
  g_autofree char *control_dir = g_build_filename (base_dir, "control", NULL);
  g_autofree char *control = g_build_filename (control_dir, "plain.db", NULL);
  g_autofree char *path = g_build_filename (dir, "cases.udb", NULL);
  g_autofree char *wal_path = g_build_filename (dir, "wal.udb", NULL);
  g_autofree char *copy_path = g_build_filename (dir, "copy.udb", NULL);
  g_autoptr(UdhaVaultKey) key = udha_test_key_new (0);
  g_autoptr(GError) error = NULL;
  gint64 nrows;
  sqlite3 *db;

  /* The scan must be able to fail: the same data in plain SQLite is found. */
  g_mkdir (control_dir, 0700);
  g_assert_cmpint (sqlite3_open_v2 (control, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL), ==, SQLITE_OK);
  udha_test_exec_ok (db, "CREATE TABLE t (b TEXT); INSERT INTO t VALUES ('" MARKER "');");
  sqlite3_close (db);
  g_assert_cmpuint (udha_test_scan_dir_for (control_dir, MARKER, NULL), ==, 1);
  udha_test_rm_rf (control_dir);

  /* Rollback-journal workload. */
  create_sample (path, key, 400);
  db = open_ok (path, key, UDHA_VAULT_DB_NONE);
  udha_test_exec_ok (db, "PRAGMA cache_size=20;"
                         "BEGIN;"
                         "UPDATE t SET b = b || '" MARKER "-upd' WHERE id % 2 = 0;"
                         "INSERT INTO t (b) SELECT '" MARKER "-big' || printf ('%05000d', id) FROM t WHERE id < 50;"
                         "COMMIT;"
                         "BEGIN;"
                         "DELETE FROM t WHERE id % 5 = 0;"
                         "INSERT INTO u (v) VALUES ('" MARKER "-rolledback');"
                         "ROLLBACK;"
                         "DELETE FROM t WHERE id % 11 = 0;"
                         "CREATE TEMP TABLE tt AS SELECT * FROM t;"
                         "SELECT b FROM t ORDER BY substr (b, 20) DESC;"
                         "VACUUM;");
  nrows = udha_test_query_int (db, "SELECT count(*) FROM t;");
  udha_vault_db_close (db);

  /* A hot journal, scanned while it exists, then rolled back. */
  make_hot_journal (path, key);
  assert_no_marker (dir);
  assert_sample_ok (path, key, nrows);

  /* A backup copy with VACUUM INTO. */
  db = open_ok (path, key, UDHA_VAULT_DB_NONE);
  g_assert_true (udha_vault_db_vacuum_into (db, copy_path, key, &error));
  g_assert_no_error (error);
  udha_vault_db_close (db);

  /* WAL workload, scanned with the WAL file in place. */
  create_sample (wal_path, key, 10);
  db = open_ok (wal_path, key, UDHA_VAULT_DB_WAL);
  udha_test_exec_ok (db, "PRAGMA cache_size=10;"
                         "BEGIN;"
                         "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 300) "
                         "INSERT INTO t (b) SELECT '" MARKER "-wal' || printf ('%0900d', i) FROM c;"
                         "UPDATE t SET b = b || 'y';"
                         "COMMIT;");
  {
    g_autofree char *wal = g_strconcat (wal_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (wal_path, "-shm", NULL);

    g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  }
  assert_no_marker (dir);
  udha_vault_db_close (db);

  assert_no_marker (dir);
  udha_test_rm_rf (dir);
}

static void
expect_damaged_page (const char   *path,
                     UdhaVaultKey *key,
                     guint         page)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autofree char *needle = g_strdup_printf ("(page %u)", page);
  sqlite3 *db = open_ok (path, key, UDHA_VAULT_DB_NONE);
  guint bad = 0;

  g_assert_false (udha_vault_db_verify (db, &bad, &error));
  g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_DAMAGED);
  g_assert_cmpuint (bad, ==, page);
  g_assert_nonnull (strstr (error->message, needle));

  /* A full scan meets the page and names it; the SQLite code is IOERR_DATA. */
  g_assert_cmpint (udha_test_run (db, "SELECT sum (length (b)) FROM t NOT INDEXED;"), ==, SQLITE_IOERR_DATA);
  g_assert_false (udha_vault_db_exec (db, "SELECT sum (length (b)) FROM t NOT INDEXED;", &error2));
  g_assert_error (error2, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error2->message, needle));

  /* The error does not stick to the connection (§16 item 8). */
  g_assert_cmpint (udha_test_query_int (db, "SELECT count(*) FROM u;"), ==, 2);

  udha_vault_db_close (db);
}

static void
expect_open_error (const char   *path,
                   UdhaVaultKey *key,
                   int           code)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (udha_vault_db_open (path, key, UDHA_VAULT_DB_NONE, &error));
  g_assert_error (error, UDHA_VAULT_ERROR, code);
}

static void
test_vfs_tamper (void)
{
  g_autofree char *dir = new_vault_dir ();
  g_autofree char *orig = g_build_filename (dir, "orig.udb", NULL);
  g_autofree char *other = g_build_filename (dir, "other.udb", NULL);
  g_autofree char *path = g_build_filename (dir, "tampered.udb", NULL);
  g_autoptr(UdhaVaultKey) key = udha_test_key_new (0);
  g_autoptr(UdhaVaultKey) wrong = udha_test_key_new (0);
  g_autoptr(UdhaVaultKey) other_key = NULL;
  g_autoptr(GBytes) orig_bytes = NULL;
  g_autoptr(GBytes) other_bytes = NULL;
  const guint8 *data;
  guint8 *buf;
  gsize len;
  guint target = 0;

  create_sample (orig, key, 60);
  orig_bytes = udha_test_read_file (orig);
  data = g_bytes_get_data (orig_bytes, &len);
  g_assert_cmpuint (len / PS, >=, 10);

  /* A leaf page of t (dbstat is compiled into Debian's SQLite). */
  {
    sqlite3 *db = open_ok (orig, key, UDHA_VAULT_DB_NONE);

    target = (guint) udha_test_query_int (db, "SELECT min (pageno) FROM dbstat WHERE name = 't' AND pagetype = 'leaf';");
    udha_vault_db_close (db);
    g_assert_cmpuint (target, >=, 4);
  }

  /* Sanity: the untampered copy verifies. */
  udha_test_write_file (path, data, len);
  assert_sample_ok (path, key, 60);

  /* Bit flips in ciphertext, nonce and tag of a data page. */
  {
    gsize offsets[] = { 100, 4000, UDHA_VAULT_USABLE + 3, PS - 1 };

    for (gsize i = 0; i < G_N_ELEMENTS (offsets); i++)
      {
        udha_test_write_file (path, data, len);
        udha_test_flip_byte (path, (gsize) (target - 1) * PS + offsets[i], 0x10);
        expect_damaged_page (path, key, target);
      }
  }

  /* Page 1: dbid, ciphertext, nonce, tag -> this key does not fit. */
  {
    gsize offsets[] = { 3, 40, 2000, UDHA_VAULT_USABLE + 1, PS - 2 };

    for (gsize i = 0; i < G_N_ELEMENTS (offsets); i++)
      {
        udha_test_write_file (path, data, len);
        udha_test_flip_byte (path, offsets[i], 0x01);
        expect_open_error (path, key, UDHA_VAULT_ERROR_MISMATCH);
      }
  }

  /* A wrong key. */
  udha_test_write_file (path, data, len);
  expect_open_error (path, wrong, UDHA_VAULT_ERROR_MISMATCH);

  /* Page swap. */
  buf = g_memdup2 (data, len);
  memcpy (buf + (gsize) (target - 1) * PS, data + (gsize) target * PS, PS);
  memcpy (buf + (gsize) target * PS, data + (gsize) (target - 1) * PS, PS);
  udha_test_write_file (path, buf, len);
  expect_damaged_page (path, key, target);

  /* A page moved in from another vault under the same DEK but another dbid. */
  {
    guint8 dek[UDHA_VAULT_KEY_LEN] = { 0 };
    guint8 dbid[UDHA_VAULT_DBID_LEN] = { 1 };
    g_autoptr(UdhaVaultKey) k1 = udha_vault_key_new_from_dek (dek, udha_vault_key_get_dbid (key));

    other_key = udha_vault_key_new_from_dek (dek, dbid);
    create_sample (other, other_key, 60);
    g_unlink (orig);
    create_sample (orig, k1, 60);     /* same DEK as other_key, own dbid */
    g_bytes_unref (orig_bytes);
    orig_bytes = udha_test_read_file (orig);
    data = g_bytes_get_data (orig_bytes, &len);
    other_bytes = udha_test_read_file (other);
    g_free (buf);
    buf = g_memdup2 (data, len);
    memcpy (buf + (gsize) (target - 1) * PS,
            (const guint8 *) g_bytes_get_data (other_bytes, NULL) + (gsize) (target - 1) * PS, PS);
    udha_test_write_file (path, buf, len);
    expect_damaged_page (path, k1, target);
    g_clear_pointer (&buf, g_free);
    g_clear_pointer (&key, udha_vault_key_unref);
    key = g_steal_pointer (&k1);
  }

  /* Truncation by whole pages: SQLite sees the page count in the
   * (authenticated) header and reports corruption. */
  udha_test_write_file (path, data, len - PS);
  expect_open_error (path, key, UDHA_VAULT_ERROR_DAMAGED);

  /* Truncation inside the last page. */
  udha_test_write_file (path, data, len - 100);
  {
    g_autoptr(GError) error = NULL;
    sqlite3 *db = udha_vault_db_open (path, key, UDHA_VAULT_DB_NONE, &error);
    guint bad = 0;

    if (db != NULL)
      {
        g_assert_false (udha_vault_db_verify (db, &bad, &error));
        g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_DAMAGED);
        g_assert_cmpuint (bad, ==, len / PS);
        udha_vault_db_close (db);
      }
    else
      g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_DAMAGED);
  }

  /* Truncation to nothing. */
  udha_test_write_file (path, "", 0);
  expect_open_error (path, key, UDHA_VAULT_ERROR_DAMAGED);

  g_free (buf);
  udha_test_rm_rf (dir);
}

static void
test_vfs_tamper_journal (void)
{
  g_autofree char *dir = new_vault_dir ();
  g_autofree char *path = g_build_filename (dir, "cases.udb", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.udb", NULL);
  g_autofree char *copy_journal = g_strconcat (copy, "-journal", NULL);
  g_autoptr(UdhaVaultKey) key = udha_test_key_new (0);
  g_autoptr(GBytes) db_bytes = NULL;
  g_autoptr(GBytes) j_bytes = NULL;
  const guint8 *j;
  gsize jlen, dlen;
  const guint8 *d;
  gsize first_record = 512;   /* journal header is one 512-byte sector (PSOW) */

  create_sample (path, key, 300);
  make_hot_journal (path, key);
  db_bytes = udha_test_read_file (path);
  j_bytes = udha_test_read_file (journal);
  d = g_bytes_get_data (db_bytes, &dlen);
  j = g_bytes_get_data (j_bytes, &jlen);
  g_assert_cmpuint (jlen, >=, first_record + 4 + PS + 4);

  /* Control: an untouched copy rolls back cleanly. */
  udha_test_write_file (copy, d, dlen);
  udha_test_write_file (copy_journal, j, jlen);
  assert_sample_ok (copy, key, 300);
  g_assert_false (g_file_test (copy_journal, G_FILE_TEST_EXISTS));

  /* A flipped byte in a journaled page image, or in its page number:
   * the rollback fails closed. */
  {
    gsize offsets[] = { first_record + 4 + 10, first_record + 4 + UDHA_VAULT_USABLE + 5, first_record + 3 };

    for (gsize i = 0; i < G_N_ELEMENTS (offsets); i++)
      {
        g_autoptr(GError) error = NULL;

        udha_test_write_file (copy, d, dlen);
        udha_test_write_file (copy_journal, j, jlen);
        udha_test_flip_byte (copy_journal, offsets[i], 0x01);
        g_assert_null (udha_vault_db_open (copy, key, UDHA_VAULT_DB_NONE, &error));
        g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_DAMAGED);
        /* The hot journal is still there: nothing was played back blindly. */
        g_assert_true (g_file_test (copy_journal, G_FILE_TEST_EXISTS));
      }
  }

  /* And the original rolls back. */
  assert_sample_ok (path, key, 300);
  udha_test_rm_rf (dir);
}

static void
test_vfs_temp_refused (void)
{
  g_autofree char *dir = new_vault_dir ();
  g_autofree char *path = g_build_filename (dir, "raw.udb", NULL);
  g_autoptr(UdhaVaultKey) key = udha_test_key_new (0);
  g_autoptr(GError) error = NULL;
  guint refused = _udha_vault_vfs_get_refused_opens ();
  sqlite3 *db = NULL;
  int reserve = UDHA_VAULT_RESERVE;
  int rc;

  /* A raw connection on the shim, without the set-up and the authorizer. */
  udha_vault_register_key (path, key);
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                                    UDHA_VAULT_VFS_NAME), ==, SQLITE_OK);
  sqlite3_file_control (db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
  udha_test_exec_ok (db, "PRAGMA temp_store=FILE; PRAGMA cache_size=10; PRAGMA temp.cache_size=10;"
                         "CREATE TABLE t (b TEXT);"
                         "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 3000) "
                         "INSERT INTO t (b) SELECT '" MARKER "' || hex (randomblob (400)) FROM c;");
  g_assert_cmpint (udha_test_query_int (db, "PRAGMA temp_store;"), ==, 1);

  /* A sort too big for memory would spill to a temp file. */
  rc = udha_test_run (db, "SELECT b FROM t ORDER BY substr (b, 30);");
  g_assert_cmpint (rc & 0xff, ==, SQLITE_CANTOPEN);

  /* A temp table that spills. */
  rc = udha_test_run (db, "CREATE TEMP TABLE tt AS SELECT * FROM t;");
  g_assert_cmpint (rc & 0xff, ==, SQLITE_CANTOPEN);

  /* An index build sorts through a temp file. */
  rc = udha_test_run (db, "CREATE INDEX t_b ON t (substr (b, 30));");
  g_assert_cmpint (rc & 0xff, ==, SQLITE_CANTOPEN);

  g_assert_cmpuint (_udha_vault_vfs_get_refused_opens (), >, refused);
  g_assert_cmpuint (udha_test_count_files (sqlite_tmpdir), ==, 0);

  /* The mapping of such a failure. */
  udha_vault_db_set_error (&error, db, rc);
  g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_IO);

  /* With memory temp storage the same statements work. */
  udha_test_exec_ok (db, "PRAGMA temp_store=MEMORY;");
  g_assert_cmpint (udha_test_run (db, "SELECT b FROM t ORDER BY substr (b, 30);"), ==, SQLITE_OK);
  g_assert_cmpint (udha_test_run (db, "CREATE TEMP TABLE tt AS SELECT * FROM t;"), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_no_marker (dir);

  /* Through udha_vault_db the pragma itself is refused. */
  db = open_ok (path, key, UDHA_VAULT_DB_NONE);
  g_assert_cmpint (udha_test_exec (db, "PRAGMA temp_store=FILE;"), ==, SQLITE_AUTH);
  g_assert_cmpint (udha_test_exec (db, "PRAGMA temp_store=1;"), ==, SQLITE_AUTH);
  g_assert_cmpint (udha_test_query_int (db, "PRAGMA temp_store;"), ==, 2);
  udha_vault_db_close (db);

  udha_test_rm_rf (dir);
}

static void
test_vfs_mmap_off (void)
{
  g_autofree char *dir = new_vault_dir ();
  g_autofree char *path = g_build_filename (dir, "cases.udb", NULL);
  g_autoptr(UdhaVaultKey) key = udha_test_key_new (0);
  sqlite3_file *file = NULL;
  sqlite3 *db = NULL;

  create_sample (path, key, 20);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, UDHA_VAULT_VFS_NAME), ==, SQLITE_OK);
  g_assert_cmpint (udha_test_query_int (db, "PRAGMA mmap_size=100000000;"), ==, 0);
  g_assert_cmpint (udha_test_query_int (db, "PRAGMA mmap_size;"), ==, 0);
  g_assert_cmpint (udha_test_query_int (db, "SELECT count(*) FROM t;"), ==, 20);

  /* io methods version 2: no xFetch. */
  g_assert_cmpint (sqlite3_file_control (db, "main", SQLITE_FCNTL_FILE_POINTER, &file), ==, SQLITE_OK);
  g_assert_true (_udha_vault_vfs_is_vault_file (file));
  g_assert_cmpint (file->pMethods->iVersion, ==, 2);
  g_assert_false (file->pMethods->xDeviceCharacteristics (file) & 0x00008000);

  /* VFSNAME is prefixed. */
  {
    char *name = NULL;

    g_assert_cmpint (sqlite3_file_control (db, "main", SQLITE_FCNTL_VFSNAME, &name), ==, SQLITE_OK);
    g_assert_cmpstr (name, ==, "udha-vault/unix");
    sqlite3_free (name);
  }
  sqlite3_close (db);

  /* Through udha_vault_db the pragma is refused. */
  db = open_ok (path, key, UDHA_VAULT_DB_NONE);
  g_assert_cmpint (udha_test_exec (db, "PRAGMA mmap_size=100000000;"), ==, SQLITE_AUTH);
  g_assert_cmpint (udha_test_query_int (db, "PRAGMA mmap_size;"), ==, 0);
  udha_vault_db_close (db);

  udha_test_rm_rf (dir);
}

static void
test_vfs_unknown_path (void)
{
  g_autofree char *dir = new_vault_dir ();
  g_autofree char *path = g_build_filename (dir, "cases.udb", NULL);
  g_autofree char *unknown = g_build_filename (dir, "unknown.udb", NULL);
  g_autoptr(UdhaVaultKey) key = udha_test_key_new (0);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  int rc;

  create_sample (path, key, 5);

  /* A path that never had a key. */
  rc = sqlite3_open_v2 (unknown, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, UDHA_VAULT_VFS_NAME);
  g_assert_cmpint (rc, ==, SQLITE_CANTOPEN);
  udha_vault_db_set_error (&error, db, rc);
  g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_LOCKED);
  g_clear_error (&error);
  sqlite3_close (db);
  db = NULL;
  g_assert_false (g_file_test (unknown, G_FILE_TEST_EXISTS));

  /* A locked vault: the key was unregistered. A relative path and a path
   * with "." and ".." components name the same file. */
  udha_vault_unregister_key (path);
  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, UDHA_VAULT_VFS_NAME);
  g_assert_cmpint (rc, ==, SQLITE_CANTOPEN);
  sqlite3_close (db);
  db = NULL;

  {
    g_autofree char *odd = g_strdup_printf ("%s/./../%s/cases.udb", dir, strrchr (dir, '/') + 1);

    udha_vault_register_key (odd, key);
    rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, UDHA_VAULT_VFS_NAME);
    g_assert_cmpint (rc, ==, SQLITE_OK);
    g_assert_cmpint (udha_test_query_int (db, "SELECT count(*) FROM t;"), ==, 5);
    sqlite3_close (db);
    udha_vault_unregister_key (path);
  }

  udha_test_rm_rf (dir);
}

static void
test_vfs_wal (void)
{
  g_autofree char *dir = new_vault_dir ();
  g_autofree char *path = g_build_filename (dir, "wal.udb", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.udb", NULL);
  g_autofree char *copy_wal = g_strconcat (copy, "-wal", NULL);
  g_autoptr(UdhaVaultKey) key = udha_test_key_new (0);
  g_autoptr(GBytes) db_bytes = NULL;
  g_autoptr(GBytes) wal_bytes = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *w;
  gsize wlen;
  sqlite3 *db;
  sqlite3 *db2;
  guint bad = 0;

  create_sample (path, key, 20);
  db = open_ok (path, key, UDHA_VAULT_DB_WAL);
  /* A big transaction with spills (walRewriteChecksums), then a small one. */
  udha_test_exec_ok (db, "PRAGMA cache_size=10;"
                         "BEGIN;"
                         "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 200) "
                         "INSERT INTO t (b) SELECT 'wal' || printf ('%0900d', i) FROM c;"
                         "UPDATE t SET b = b || 'z' WHERE id % 2 = 0;"
                         "COMMIT;"
                         "INSERT INTO u (v) VALUES ('last');");
  g_assert_cmpint (udha_test_query_int (db, "SELECT count(*) FROM t;"), ==, 220);
  g_assert_true (udha_vault_db_verify (db, &bad, &error));
  g_assert_no_error (error);

  /* Crash copy: main file and WAL as they are now, without checkpoint. */
  db_bytes = udha_test_read_file (path);
  wal_bytes = udha_test_read_file (wal);
  w = g_bytes_get_data (wal_bytes, &wlen);
  g_assert_cmpuint (wlen, >, 32 + 10 * (PS + 24));
  g_assert_cmpuint ((wlen - 32) % (PS + 24), ==, 0);
  udha_vault_db_close (db);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* Recovery of the full WAL. */
  udha_test_write_file (copy, g_bytes_get_data (db_bytes, NULL), g_bytes_get_size (db_bytes));
  udha_test_write_file (copy_wal, w, wlen);
  db2 = open_ok (copy, key, UDHA_VAULT_DB_WAL);
  g_assert_cmpint (udha_test_query_int (db2, "SELECT count(*) FROM t;"), ==, 220);
  g_assert_cmpint (udha_test_query_int (db2, "SELECT count(*) FROM u;"), ==, 3);
  g_assert_true (udha_vault_db_verify (db2, &bad, &error));
  g_assert_no_error (error);
  udha_vault_db_close (db2);

  /* Torn tail: the last frame cut short -> the last transaction is dropped,
   * without an error. */
  udha_test_write_file (copy, g_bytes_get_data (db_bytes, NULL), g_bytes_get_size (db_bytes));
  udha_test_write_file (copy_wal, w, wlen - 1000);
  db2 = open_ok (copy, key, UDHA_VAULT_DB_NONE);
  g_assert_cmpint (udha_test_query_int (db2, "SELECT count(*) FROM t;"), ==, 220);
  g_assert_cmpint (udha_test_query_int (db2, "SELECT count(*) FROM u;"), ==, 2);
  g_assert_true (udha_vault_db_verify (db2, &bad, &error));
  g_assert_no_error (error);
  udha_vault_db_close (db2);

  /* A tampered last frame (page image): same soft failure; the ciphertext
   * never reaches SQLite. */
  udha_test_write_file (copy, g_bytes_get_data (db_bytes, NULL), g_bytes_get_size (db_bytes));
  udha_test_write_file (copy_wal, w, wlen);
  udha_test_flip_byte (copy_wal, wlen - 200, 0x04);
  db2 = open_ok (copy, key, UDHA_VAULT_DB_WAL);
  g_assert_cmpint (udha_test_query_int (db2, "SELECT count(*) FROM u;"), ==, 2);
  g_assert_cmpint (udha_test_query_int (db2, "SELECT count(*) FROM t;"), ==, 220);
  udha_vault_db_close (db2);

  /* A tampered pgno in the first frame header: the frame does not open, so
   * recovery stops there and nothing of the WAL is used. */
  udha_test_write_file (copy, g_bytes_get_data (db_bytes, NULL), g_bytes_get_size (db_bytes));
  udha_test_write_file (copy_wal, w, wlen);
  udha_test_flip_byte (copy_wal, 32 + 3, 0x01);
  db2 = open_ok (copy, key, UDHA_VAULT_DB_NONE);
  g_assert_cmpint (udha_test_query_int (db2, "SELECT count(*) FROM t;"), ==, 20);
  g_assert_true (udha_vault_db_verify (db2, &bad, &error));
  g_assert_no_error (error);
  udha_vault_db_close (db2);

  /* Switching the vault back to rollback mode checkpoints and drops the WAL. */
  db = open_ok (path, key, UDHA_VAULT_DB_NONE);
  g_assert_cmpint (udha_test_query_int (db, "SELECT count(*) FROM t;"), ==, 220);
  udha_vault_db_close (db);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  udha_test_rm_rf (dir);
}

static void
test_vfs_authorizer (void)
{
  g_autofree char *dir = new_vault_dir ();
  g_autofree char *path = g_build_filename (dir, "cases.udb", NULL);
  g_autofree char *other = g_build_filename (dir, "other.udb", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.udb", NULL);
  g_autofree char *rotated = g_build_filename (dir, "rotated.udb", NULL);
  g_autofree char *plain = g_build_filename (dir, "plain.db", NULL);
  g_autofree char *sql = NULL;
  g_autoptr(UdhaVaultKey) key = udha_test_key_new (0);
  g_autoptr(UdhaVaultKey) key2 = udha_test_key_new (0);
  g_autoptr(GError) error = NULL;
  const char *forbidden[] = {
    "PRAGMA journal_mode=OFF;", "PRAGMA journal_mode=MEMORY;", "PRAGMA main.journal_mode=WAL;",
    "PRAGMA synchronous=OFF;", "PRAGMA temp_store=0;", "PRAGMA mmap_size=4096;",
    "PRAGMA writable_schema=ON;", "PRAGMA page_size=8192;", "PRAGMA Journal_Mode=off;",
  };
  sqlite3_backup *backup;
  sqlite3 *src = NULL;
  sqlite3 *db;
  int rc;

  create_sample (path, key, 30);
  create_sample (other, key, 3);
  db = open_ok (path, key, UDHA_VAULT_DB_NONE);

  for (gsize i = 0; i < G_N_ELEMENTS (forbidden); i++)
    g_assert_cmpint (udha_test_exec (db, forbidden[i]), ==, SQLITE_AUTH);
  /* Reading is fine. */
  g_assert_cmpint (udha_test_exec (db, "PRAGMA journal_mode; PRAGMA synchronous; PRAGMA page_size;"), ==, SQLITE_OK);
  g_assert_cmpint (udha_test_query_int (db, "PRAGMA synchronous;"), ==, 2);

  /* ATTACH and DETACH, even of a path with a key registered. */
  sql = g_strdup_printf ("ATTACH '%s' AS o;", other);
  g_assert_cmpint (udha_test_exec (db, sql), ==, SQLITE_AUTH);
  g_clear_pointer (&sql, g_free);
  g_assert_cmpint (udha_test_exec (db, "ATTACH ':memory:' AS m;"), ==, SQLITE_AUTH);
  g_assert_cmpint (udha_test_exec (db, "DETACH main;"), ==, SQLITE_AUTH);

  /* VACUUM INTO in SQL (on 3.40.1 it raises SQLITE_ATTACH for the target):
   * refused, also with a vfs= URI that would write plaintext. */
  sql = g_strdup_printf ("VACUUM INTO '%s';", copy);
  g_assert_cmpint (udha_test_exec (db, sql), ==, SQLITE_AUTH);
  g_clear_pointer (&sql, g_free);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  sql = g_strdup_printf ("VACUUM INTO 'file:%s?vfs=unix';", copy);
  g_assert_cmpint (udha_test_exec (db, sql), ==, SQLITE_AUTH);
  g_clear_pointer (&sql, g_free);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));

  /* The API: a rotated copy under a new key. */
  g_assert_true (udha_vault_db_vacuum_into (db, rotated, key2, &error));
  g_assert_no_error (error);
  g_assert_null (_udha_vault_vfs_lookup_key (rotated));    /* registration withdrawn */
  /* An existing target is refused. */
  g_assert_false (udha_vault_db_vacuum_into (db, rotated, key2, &error));
  g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_EXISTS);
  g_clear_error (&error);
  /* The permission is gone again. */
  sql = g_strdup_printf ("ATTACH '%s' AS o;", rotated);
  g_assert_cmpint (udha_test_exec (db, sql), ==, SQLITE_AUTH);
  g_clear_pointer (&sql, g_free);
  udha_vault_db_close (db);

  {
    g_autoptr(GBytes) bytes = udha_test_read_file (rotated);

    g_assert_cmpmem (g_bytes_get_data (bytes, NULL), UDHA_VAULT_DBID_LEN,
                     udha_vault_key_get_dbid (key2), UDHA_VAULT_DBID_LEN);
  }
  expect_open_error (rotated, key, UDHA_VAULT_ERROR_MISMATCH);
  assert_sample_ok (rotated, key2, 30);

  /* A plaintext (reserve 0) backup into the vault is refused by the
   * pre-seal checks, and the vault stays intact. */
  g_assert_cmpint (sqlite3_open_v2 (plain, &src, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL), ==, SQLITE_OK);
  udha_test_exec_ok (src, "CREATE TABLE t (id INTEGER PRIMARY KEY, b TEXT); INSERT INTO t (b) VALUES ('plain');");
  db = open_ok (path, key, UDHA_VAULT_DB_NONE);
  backup = sqlite3_backup_init (db, "main", src, "main");
  g_assert_nonnull (backup);
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  g_assert_cmpint (rc, ==, SQLITE_IOERR_WRITE);
  udha_vault_db_close (db);
  sqlite3_close (src);
  assert_sample_ok (path, key, 30);

  udha_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  /* A fresh, private temp directory for SQLite, set before SQLite reads it. */
  base_dir = udha_test_make_tmp_dir ();
  sqlite_tmpdir = g_build_filename (base_dir, "tmp", NULL);
  g_assert_cmpint (g_mkdir (sqlite_tmpdir, 0700), ==, 0);
  g_setenv ("TMPDIR", sqlite_tmpdir, TRUE);
  g_setenv ("SQLITE_TMPDIR", sqlite_tmpdir, TRUE);

  g_assert_true (udha_core_init (&error));
  g_assert_no_error (error);
  g_assert_true (udha_vault_vfs_register (&error));
  g_assert_no_error (error);

  g_test_add_func ("/udha/vault/vfs/create-reopen", test_vfs_create_reopen);
  g_test_add_func ("/udha/vault/vfs/plain-sqlite-notadb", test_vfs_plain_sqlite_notadb);
  g_test_add_func ("/udha/vault/vfs/no-plaintext", test_vfs_no_plaintext);
  g_test_add_func ("/udha/vault/vfs/tamper", test_vfs_tamper);
  g_test_add_func ("/udha/vault/vfs/tamper-journal", test_vfs_tamper_journal);
  g_test_add_func ("/udha/vault/vfs/temp-refused", test_vfs_temp_refused);
  g_test_add_func ("/udha/vault/vfs/mmap-off", test_vfs_mmap_off);
  g_test_add_func ("/udha/vault/vfs/unknown-path", test_vfs_unknown_path);
  g_test_add_func ("/udha/vault/vfs/wal", test_vfs_wal);
  g_test_add_func ("/udha/vault/vfs/authorizer", test_vfs_authorizer);

  ret = g_test_run ();

  udha_test_rm_rf (base_dir);
  g_free (sqlite_tmpdir);
  g_free (base_dir);

  return ret;
}
