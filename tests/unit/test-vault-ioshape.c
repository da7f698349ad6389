/* test-vault-ioshape.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* I/O-shape conformance (VAULT.md §17 item 2, §16 item 7).
 *
 * A tracing VFS sits both above the shim (what SQLite asks of it) and under
 * it (what the shim does to the file system). A representative workload
 * runs through the stack and every recorded (file kind, operation, offset,
 * length) must be a shape the shim was written for. Run this on every SQLite
 * upgrade (a Debian point release, the Flatpak runtime): a newer SQLite that
 * reads or writes in new shapes fails here loudly instead of in the field. */

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "udha-core.h"
#include "udha-vault-db.h"
#include "udha-vault-db-private.h"
#include "udha-vault-vfs.h"
#include "udha-vault-vfs-private.h"
#include "udha-vault-test-utils.h"

#define PS         UDHA_VAULT_PAGE_SIZE
#define WAL_FRAME  (PS + 24)

static char *base_dir;

/* Auxiliary methods */

static sqlite3 *
open_top (const char       *path,
          UdhaVaultKey     *key,
          UdhaVaultDbFlags  flags)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = _udha_vault_db_open_with_vfs (path, key, flags, UDHA_TEST_TOP_VFS_NAME, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);

  return db;
}

static const char *
type_name (int type)
{
  switch (type)
    {
    case SQLITE_OPEN_MAIN_DB: return "main";
    case SQLITE_OPEN_MAIN_JOURNAL: return "journal";
    case SQLITE_OPEN_WAL: return "wal";
    case SQLITE_OPEN_SUPER_JOURNAL: return "super-journal";
    case SQLITE_OPEN_TEMP_DB: return "temp-db";
    case SQLITE_OPEN_TEMP_JOURNAL: return "temp-journal";
    case SQLITE_OPEN_SUBJOURNAL: return "subjournal";
    case SQLITE_OPEN_TRANSIENT_DB: return "transient-db";
    default: return "unknown";
    }
}

static const char *
op_name (UdhaTestOp op)
{
  switch (op)
    {
    case UDHA_TEST_OP_OPEN: return "open";
    case UDHA_TEST_OP_READ: return "read";
    case UDHA_TEST_OP_WRITE: return "write";
    case UDHA_TEST_OP_SYNC: return "sync";
    case UDHA_TEST_OP_TRUNCATE: return "truncate";
    case UDHA_TEST_N_OPS:
    default: return "?";
    }
}

/* The shape of a WAL access: "hdr" (file header), "fhdr" (frame header
 * field), "page" (page image at frame + 24), "frame" (header + page at the
 * frame start), or NULL. */
static const char *
wal_shape (sqlite3_int64 off,
           int           n)
{
  sqlite3_int64 r;

  if (off < 32)
    return off + n <= 32 ? "hdr" : NULL;
  r = (off - 32) % WAL_FRAME;
  if (r + n <= 24)
    return "fhdr";
  if (r == 24 && n == PS)
    return "page";
  if (r == 0 && n == WAL_FRAME)
    return "frame";
  return NULL;
}

/* Returns NULL if the access is an expected shape, else a description. */
static char *
check_entry (const UdhaTestTrace *t,
             const UdhaTestTrace *prev_same_file)
{
  gboolean top = t->layer == 1;

  switch (t->type)
    {
    case SQLITE_OPEN_MAIN_DB:
      if (t->op == UDHA_TEST_OP_WRITE)
        return (t->n == PS && t->off % PS == 0) ? NULL : g_strdup ("main write not a whole aligned page");
      if (t->op == UDHA_TEST_OP_READ)
        {
          if (t->n == PS && t->off % PS == 0)
            return NULL;
          if (top && ((t->off == 0 && t->n == 100) || (t->off == 24 && t->n == 16)))
            return NULL;          /* header reads of page 1 (VAULT.md §4.3) */
          if (!top && t->off == UDHA_VAULT_USABLE && t->n == UDHA_VAULT_RESERVE)
            return NULL;          /* the shim's page-1 cache probe */
          return g_strdup ("unexpected main read");
        }
      if (t->op == UDHA_TEST_OP_TRUNCATE)
        return t->off % PS == 0 ? NULL : g_strdup ("main truncate not to whole pages");
      return NULL;

    case SQLITE_OPEN_MAIN_JOURNAL:
      if (t->op == UDHA_TEST_OP_WRITE || t->op == UDHA_TEST_OP_READ)
        {
          if (t->n == PS)
            {
              /* A page image always follows its 4-byte pgno (same op). */
              if (prev_same_file != NULL && prev_same_file->op == t->op &&
                  prev_same_file->n == 4 && prev_same_file->off == t->off - 4)
                return NULL;
              if (!top && t->op == UDHA_TEST_OP_WRITE && prev_same_file != NULL &&
                  prev_same_file->op == UDHA_TEST_OP_READ && prev_same_file->n == 4 &&
                  prev_same_file->off == t->off - 4)
                return NULL;
              return g_strdup ("journal page image not preceded by its page number");
            }
          if (t->op == UDHA_TEST_OP_WRITE && (t->n == 4 || t->n == 12 || t->n == 512))
            return NULL;
          if (t->op == UDHA_TEST_OP_READ && (t->n == 1 || t->n == 4 || t->n == 8))
            return NULL;
          return g_strdup ("unexpected journal access size");
        }
      return NULL;

    case SQLITE_OPEN_WAL:
      if (t->op == UDHA_TEST_OP_WRITE)
        {
          const char *shape = wal_shape (t->off, t->n);

          if (shape == NULL)
            return g_strdup ("WAL write overlapping a page image");
          if (g_str_equal (shape, "hdr") && t->off == 0 && t->n == 32)
            return NULL;
          if (g_str_equal (shape, "fhdr") && t->n == 24)
            return NULL;
          if (g_str_equal (shape, "page"))
            return NULL;
          return g_strdup_printf ("unexpected WAL write (%s)", shape);
        }
      if (t->op == UDHA_TEST_OP_READ)
        {
          const char *shape = wal_shape (t->off, t->n);

          if (shape == NULL)
            return g_strdup ("WAL read overlapping a page image");
          if (g_str_equal (shape, "hdr") && t->off == 0 && t->n == 32)
            return NULL;
          if (g_str_equal (shape, "fhdr") &&
              ((t->n == 8 && (t->off - 32) % WAL_FRAME == 16) ||      /* checksum of the previous frame */
               (!top && t->n == 4 && (t->off - 32) % WAL_FRAME == 0)))  /* the shim's pgno lookup */
            return NULL;
          if (g_str_equal (shape, "page") || g_str_equal (shape, "frame"))
            return NULL;
          return g_strdup_printf ("unexpected WAL read (%s)", shape);
        }
      return NULL;

    default:
      return g_strdup_printf ("file of kind %s opened", type_name (t->type));
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
check_trace (guint *n_checked)
{
  GArray *trace = udha_test_vfs_state.trace;
  g_autoptr(GHashTable) last = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) shapes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint failures = 0;

  for (guint i = 0; i < trace->len; i++)
    {
      const UdhaTestTrace *t = &g_array_index (trace, UdhaTestTrace, i);
      const UdhaTestTrace *prev = g_hash_table_lookup (last, GUINT_TO_POINTER (t->file_id));
      g_autofree char *problem = NULL;
      g_autofree char *shape = NULL;

      if (t->op != UDHA_TEST_OP_OPEN && t->op != UDHA_TEST_OP_SYNC)
        {
          problem = check_entry (t, prev);
          if (t->type == SQLITE_OPEN_MAIN_DB && t->n == PS)
            shape = g_strdup_printf ("%s %s %s %d @ page", t->layer ? "top" : "bottom",
                                     type_name (t->type), op_name (t->op), t->n);
          else if (t->type == SQLITE_OPEN_WAL && wal_shape (t->off, t->n) != NULL &&
                   !g_str_equal (wal_shape (t->off, t->n), "hdr"))
            shape = g_strdup_printf ("%s %s %s %d @ %s+%d", t->layer ? "top" : "bottom",
                                     type_name (t->type), op_name (t->op), t->n,
                                     wal_shape (t->off, t->n), (int) ((t->off - 32) % WAL_FRAME));
          else if (t->type == SQLITE_OPEN_MAIN_JOURNAL && t->off >= 512)
            shape = g_strdup_printf ("%s %s %s %d @ record", t->layer ? "top" : "bottom",
                                     type_name (t->type), op_name (t->op), t->n);
          else
            shape = g_strdup_printf ("%s %s %s %d @ %" G_GINT64_FORMAT, t->layer ? "top" : "bottom",
                                     type_name (t->type), op_name (t->op), t->n, (gint64) t->off);
          g_hash_table_add (shapes, g_steal_pointer (&shape));
        }
      else if (t->op == UDHA_TEST_OP_OPEN &&
               t->type != SQLITE_OPEN_MAIN_DB && t->type != SQLITE_OPEN_MAIN_JOURNAL &&
               t->type != SQLITE_OPEN_WAL)
        problem = g_strdup_printf ("file of kind %s opened", type_name (t->type));

      if (problem != NULL)
        {
          g_test_message ("unexpected I/O shape: %s layer, %s %s of %d bytes at %" G_GINT64_FORMAT ": %s",
                          t->layer ? "top" : "bottom", type_name (t->type), op_name (t->op),
                          t->n, (gint64) t->off, problem);
          failures++;
        }

      if (t->op == UDHA_TEST_OP_READ || t->op == UDHA_TEST_OP_WRITE)
        g_hash_table_insert (last, GUINT_TO_POINTER (t->file_id), (gpointer) t);
    }

  {
    g_autofree const char **keys = (const char **) g_hash_table_get_keys_as_array (shapes, NULL);
    guint n = g_strv_length ((char **) keys);

    g_qsort_with_data (keys, n, sizeof (char *), compare_strings, NULL);
    for (guint i = 0; i < n; i++)
      g_test_message ("shape seen: %s", keys[i]);
  }

  *n_checked += trace->len;
  g_array_set_size (trace, 0);
  g_assert_cmpuint (failures, ==, 0);
}

static void
fill (sqlite3 *db,
      int      nrows,
      int      width)
{
  g_autofree char *sql = g_strdup_printf ("WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < %d) "
                                          "INSERT INTO t (b) SELECT printf ('%%0%dd', i) FROM c;", nrows, width);

  udha_test_exec_ok (db, sql);
}

/* Tests */

static void
test_ioshape_workload (void)
{
  g_autofree char *dir = g_build_filename (base_dir, "rollback", NULL);
  g_autofree char *path = g_build_filename (dir, "cases.udb", NULL);
  g_autofree char *into = g_build_filename (dir, "into.udb", NULL);
  g_autoptr(UdhaVaultKey) key = udha_test_key_new (0);
  g_autoptr(GError) error = NULL;
  guint refused = _udha_vault_vfs_get_refused_opens ();
  guint checked = 0;
  sqlite3_blob *blob = NULL;
  sqlite3 *db;
  char buf[3000];
  int status;
  pid_t pid;

  g_mkdir (dir, 0700);
  udha_test_vfs_state.tracing = TRUE;

  /* Create, inserts, updates, deletes, rollback. */
  db = open_top (path, key, UDHA_VAULT_DB_CREATE);
  udha_test_exec_ok (db, "CREATE TABLE t (id INTEGER PRIMARY KEY, b TEXT);"
                         "CREATE TABLE bl (id INTEGER PRIMARY KEY, data BLOB);");
  fill (db, 500, 300);
  udha_test_exec_ok (db, "CREATE INDEX t_b ON t (b);"
                         "UPDATE t SET b = b || 'x' WHERE id % 3 = 0;"
                         "DELETE FROM t WHERE id % 10 = 0;"
                         "BEGIN; DELETE FROM t; ROLLBACK;"
                         "SELECT count(*) FROM t WHERE b > '0000100';");

  /* A big transaction that spills, with overflow pages, and a sort. */
  udha_test_exec_ok (db, "PRAGMA cache_size=10; BEGIN;");
  fill (db, 400, 5000);
  udha_test_exec_ok (db, "UPDATE t SET b = substr (b, 1, 200) WHERE id % 2 = 0;"
                         "COMMIT;"
                         "SELECT b FROM t ORDER BY substr (b, 3) DESC LIMIT 5;");

  /* Blob I/O. */
  udha_test_exec_ok (db, "INSERT INTO bl (id, data) VALUES (1, zeroblob (20000));");
  g_assert_cmpint (sqlite3_blob_open (db, "main", "bl", "data", 1, 1, &blob), ==, SQLITE_OK);
  memset (buf, 'q', sizeof buf);
  g_assert_cmpint (sqlite3_blob_write (blob, buf, sizeof buf, 5000), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_blob_read (blob, buf, sizeof buf, 100), ==, SQLITE_OK);
  sqlite3_blob_close (blob);

  /* mmap request, VACUUM, VACUUM INTO. */
  g_assert_cmpint (udha_test_exec (db, "PRAGMA mmap_size=100000000;"), ==, SQLITE_AUTH);
  udha_test_exec_ok (db, "VACUUM;");
  g_assert_true (udha_vault_db_vacuum_into (db, into, key, &error));
  g_assert_no_error (error);
  udha_vault_db_close (db);
  check_trace (&checked);

  /* Hot-journal rollback: a child dies mid-transaction (its own I/O is not
   * traced here), the parent's open plays the journal back. */
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      sqlite3 *cdb = _udha_vault_db_open_with_vfs (path, key, UDHA_VAULT_DB_NONE, UDHA_VAULT_VFS_NAME, NULL);

      if (cdb == NULL)
        _exit (2);
      if (sqlite3_exec (cdb, "PRAGMA cache_size=10; BEGIN; UPDATE t SET b = b || 'killed';", NULL, NULL, NULL) != SQLITE_OK)
        _exit (3);
      raise (SIGKILL);
      _exit (4);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  db = open_top (path, key, UDHA_VAULT_DB_NONE);
  g_assert_cmpint (udha_test_query_int (db, "SELECT count(*) FROM t WHERE b LIKE '%killed';"), ==, 0);
  udha_test_assert_integrity (db);
  udha_vault_db_close (db);
  check_trace (&checked);

  /* Exclusive locking in rollback mode, and journal_mode=TRUNCATE, on a raw
   * connection through the traced stack. */
  {
    sqlite3 *raw = NULL;
    g_autofree char *mode = NULL;

    g_assert_cmpint (sqlite3_open_v2 (path, &raw, SQLITE_OPEN_READWRITE, UDHA_TEST_TOP_VFS_NAME), ==, SQLITE_OK);
    udha_test_exec_ok (raw, "PRAGMA temp_store=MEMORY; PRAGMA locking_mode=EXCLUSIVE; PRAGMA cache_size=10;");
    mode = udha_test_query_text (raw, "PRAGMA journal_mode=TRUNCATE;", NULL);
    g_assert_cmpstr (mode, ==, "truncate");
    fill (raw, 200, 1000);
    udha_test_exec_ok (raw, "BEGIN; UPDATE t SET b = 'y' || b; ROLLBACK; DELETE FROM t WHERE id % 4 = 0;");
    sqlite3_close (raw);
    check_trace (&checked);
  }

  /* The copy made by VACUUM INTO reads back. */
  db = open_top (into, key, UDHA_VAULT_DB_NONE);
  udha_test_assert_integrity (db);
  udha_vault_db_close (db);
  check_trace (&checked);

  udha_test_vfs_state.tracing = FALSE;
  g_assert_cmpuint (_udha_vault_vfs_get_refused_opens (), ==, refused);
  g_assert_cmpuint (checked, >, 1000);
  g_test_message ("%u I/O calls checked", checked);

  udha_test_rm_rf (dir);
}

static void
test_ioshape_wal (void)
{
  g_autofree char *dir = g_build_filename (base_dir, "wal", NULL);
  g_autofree char *path = g_build_filename (dir, "wal.udb", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.udb", NULL);
  g_autofree char *copy_wal = g_strconcat (copy, "-wal", NULL);
  g_autoptr(UdhaVaultKey) key = udha_test_key_new (0);
  guint refused = _udha_vault_vfs_get_refused_opens ();
  guint checked = 0;
  sqlite3 *db;

  g_mkdir (dir, 0700);
  udha_test_vfs_state.tracing = TRUE;

  db = open_top (path, key, UDHA_VAULT_DB_CREATE | UDHA_VAULT_DB_WAL);
  udha_test_exec_ok (db, "CREATE TABLE t (id INTEGER PRIMARY KEY, b TEXT);");
  fill (db, 300, 300);
  /* A spilling transaction rewrites frames in place (walRewriteChecksums). */
  udha_test_exec_ok (db, "PRAGMA cache_size=10; BEGIN;");
  fill (db, 300, 2000);
  udha_test_exec_ok (db, "UPDATE t SET b = b || 'w'; COMMIT;"
                         "PRAGMA wal_checkpoint(PASSIVE);"
                         "UPDATE t SET b = 'v' || b WHERE id < 50;");
  g_assert_cmpint (udha_test_exec (db, "PRAGMA mmap_size=100000000;"), ==, SQLITE_AUTH);

  /* Crash copy without checkpoint; recovery reads whole frames. */
  udha_test_copy_file (path, copy);
  udha_test_copy_file (wal, copy_wal);
  udha_vault_db_close (db);

  db = open_top (copy, key, UDHA_VAULT_DB_WAL);
  g_assert_cmpint (udha_test_query_int (db, "SELECT count(*) FROM t;"), ==, 600);
  udha_test_assert_integrity (db);
  udha_test_exec_ok (db, "PRAGMA wal_checkpoint(TRUNCATE);");
  udha_vault_db_close (db);

  /* A non-exclusive WAL connection uses the -shm index (page numbers only). */
  {
    sqlite3 *raw = NULL;

    g_assert_cmpint (sqlite3_open_v2 (path, &raw, SQLITE_OPEN_READWRITE, UDHA_TEST_TOP_VFS_NAME), ==, SQLITE_OK);
    udha_test_exec_ok (raw, "PRAGMA temp_store=MEMORY;");
    g_free (udha_test_query_text (raw, "PRAGMA journal_mode=WAL;", NULL));
    udha_test_exec_ok (raw, "UPDATE t SET b = 's' || b WHERE id < 100;");
    sqlite3_close (raw);
  }

  check_trace (&checked);
  udha_test_vfs_state.tracing = FALSE;
  g_assert_cmpuint (_udha_vault_vfs_get_refused_opens (), ==, refused);
  g_test_message ("%u I/O calls checked", checked);

  udha_test_rm_rf (dir);
}

/* The checker itself must be able to fail. */
static void
test_ioshape_checker (void)
{
  UdhaTestTrace bad_main = { SQLITE_OPEN_MAIN_DB, UDHA_TEST_OP_WRITE, 100, 512, 1, 1 };
  UdhaTestTrace bad_read = { SQLITE_OPEN_MAIN_DB, UDHA_TEST_OP_READ, PS * 3 + 8, 100, 1, 1 };
  UdhaTestTrace jpage = { SQLITE_OPEN_MAIN_JOURNAL, UDHA_TEST_OP_WRITE, 516, PS, 2, 1 };
  UdhaTestTrace jpgno = { SQLITE_OPEN_MAIN_JOURNAL, UDHA_TEST_OP_WRITE, 512, 4, 2, 1 };
  UdhaTestTrace wal_split = { SQLITE_OPEN_WAL, UDHA_TEST_OP_WRITE, 32 + 24 + 100, 1000, 3, 1 };
  UdhaTestTrace temp = { SQLITE_OPEN_TEMP_JOURNAL, UDHA_TEST_OP_WRITE, 0, 47, 4, 1 };
  g_autofree char *p1 = check_entry (&bad_main, NULL);
  g_autofree char *p2 = check_entry (&bad_read, NULL);
  g_autofree char *p3 = check_entry (&jpage, NULL);
  g_autofree char *p4 = check_entry (&jpage, &jpgno);
  g_autofree char *p5 = check_entry (&wal_split, NULL);
  g_autofree char *p6 = check_entry (&temp, NULL);

  g_assert_nonnull (p1);
  g_assert_nonnull (p2);
  g_assert_nonnull (p3);
  g_assert_null (p4);
  g_assert_nonnull (p5);
  g_assert_nonnull (p6);
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
  udha_test_vfs_register_top ();

  g_test_message ("SQLite %s", sqlite3_libversion ());
  base_dir = udha_test_make_tmp_dir ();

  g_test_add_func ("/udha/vault/ioshape/checker", test_ioshape_checker);
  g_test_add_func ("/udha/vault/ioshape/rollback", test_ioshape_workload);
  g_test_add_func ("/udha/vault/ioshape/wal", test_ioshape_wal);

  ret = g_test_run ();

  udha_test_rm_rf (base_dir);
  g_free (base_dir);

  return ret;
}
