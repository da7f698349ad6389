/* test-vault-powerloss.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Power-loss simulation (VAULT.md §17 item 3, after SQLite's test6.c "crash"
 * VFS). A VFS below the shim holds every write in memory until xSync. At a
 * random xSync the power fails: a random subset of the unsynced writes of
 * every open file reaches the disk, in any order, and each of those may be
 * torn (only some of its 512-byte sectors written); the rest is lost, and
 * every later call fails. The vault is then reopened through the ordinary
 * shim: PRAGMA integrity_check must pass, every transaction whose COMMIT
 * returned must be there whole, the one in flight must be all or nothing,
 * and every row must read back exactly as written.
 *
 * UDHA_POWERLOSS_ITERATIONS sets the number of power failures (default 150). */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "udha-core.h"
#include "udha-vault-db-private.h"
#include "udha-vault-db.h"
#include "udha-vault-vfs.h"
#include "udha-vault-test-utils.h"

#define POWERLOSS_VFS_NAME        "udha-powerloss"
#define POWERLOSS_VAULT_VFS_NAME  "udha-vault-powerloss"
#define SECTOR                    512

typedef struct
{
  sqlite3_int64  off;
  int            n;
  guint8        *data;
} Pending;

typedef struct
{
  sqlite3_file   base;
  sqlite3_file  *real;
  GPtrArray     *pending;    /* Pending*, in write order */
} PlFile;

static struct
{
  sqlite3_vfs *real_vfs;
  gboolean     crashed;
  int          syncs_left;   /* power fails at the sync that takes this to 0 */
  GRand       *rand;
  GPtrArray   *files;        /* open PlFile* */
} pl;

static void
pending_free (gpointer data)
{
  Pending *p = data;

  g_free (p->data);
  g_free (p);
}

static int
apply_write (PlFile  *file,
             Pending *p)
{
  return file->real->pMethods->xWrite (file->real, p->data, p->n, p->off);
}

static void
flush_pending (PlFile *file)
{
  for (guint i = 0; i < file->pending->len; i++)
    apply_write (file, g_ptr_array_index (file->pending, i));
  g_ptr_array_set_size (file->pending, 0);
}

/* The power fails: some unsynced writes land, in random order, some torn. */
static void
power_failure (void)
{
  pl.crashed = TRUE;

  for (guint f = 0; f < pl.files->len; f++)
    {
      PlFile *file = g_ptr_array_index (pl.files, f);
      guint n = file->pending->len;

      /* Fisher–Yates: the disk may reorder writes. */
      for (guint i = n; i > 1; i--)
        {
          guint j = (guint) g_rand_int_range (pl.rand, 0, (gint32) i);
          gpointer tmp = file->pending->pdata[i - 1];

          file->pending->pdata[i - 1] = file->pending->pdata[j];
          file->pending->pdata[j] = tmp;
        }

      for (guint i = 0; i < n; i++)
        {
          Pending *p = g_ptr_array_index (file->pending, i);
          int fate = g_rand_int_range (pl.rand, 0, 3);

          if (fate == 0)          /* lost */
            continue;
          if (fate == 1)          /* landed whole */
            {
              apply_write (file, p);
              continue;
            }

          /* Torn: each sector of the write lands or not. */
          for (int s = 0; s < p->n; s += SECTOR)
            if (g_rand_boolean (pl.rand))
              file->real->pMethods->xWrite (file->real, p->data + s, MIN (SECTOR, p->n - s), p->off + s);
        }

      g_ptr_array_set_size (file->pending, 0);
    }
}

static sqlite3_int64
logical_size (PlFile *file)
{
  sqlite3_int64 size = 0;

  file->real->pMethods->xFileSize (file->real, &size);
  for (guint i = 0; i < file->pending->len; i++)
    {
      Pending *p = g_ptr_array_index (file->pending, i);

      size = MAX (size, p->off + p->n);
    }

  return size;
}

/* I/O methods */

static int
pl_close (sqlite3_file *f)
{
  PlFile *file = (PlFile *) f;
  int rc;

  /* After a clean close the OS writes back what is cached; after the power
   * failed, nothing more reaches the disk. */
  if (!pl.crashed)
    flush_pending (file);
  g_ptr_array_remove (pl.files, file);
  g_ptr_array_unref (file->pending);
  rc = file->real->pMethods->xClose (file->real);
  return rc;
}

static int
pl_read (sqlite3_file  *f,
         void          *buf,
         int            n,
         sqlite3_int64  off)
{
  PlFile *file = (PlFile *) f;
  sqlite3_int64 size;
  int rc;

  if (pl.crashed)
    return SQLITE_IOERR_READ;

  rc = file->real->pMethods->xRead (file->real, buf, n, off);
  if (rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ)
    return rc;

  /* Overlay the writes still in the "page cache", oldest first. */
  for (guint i = 0; i < file->pending->len; i++)
    {
      Pending *p = g_ptr_array_index (file->pending, i);
      sqlite3_int64 lo = MAX (off, p->off);
      sqlite3_int64 hi = MIN (off + n, p->off + p->n);

      if (lo < hi)
        memcpy ((guint8 *) buf + (lo - off), p->data + (lo - p->off), (size_t) (hi - lo));
    }

  size = logical_size (file);
  return off + n <= size ? SQLITE_OK : SQLITE_IOERR_SHORT_READ;
}

static int
pl_write (sqlite3_file  *f,
          const void    *buf,
          int            n,
          sqlite3_int64  off)
{
  PlFile *file = (PlFile *) f;
  Pending *p;

  if (pl.crashed)
    return SQLITE_IOERR_WRITE;

  p = g_new0 (Pending, 1);
  p->off = off;
  p->n = n;
  p->data = g_memdup2 (buf, (gsize) n);
  g_ptr_array_add (file->pending, p);
  return SQLITE_OK;
}

static int
pl_truncate (sqlite3_file  *f,
             sqlite3_int64  size)
{
  PlFile *file = (PlFile *) f;

  if (pl.crashed)
    return SQLITE_IOERR_TRUNCATE;

  flush_pending (file);
  return file->real->pMethods->xTruncate (file->real, size);
}

static int
pl_sync (sqlite3_file *f,
         int           flags)
{
  PlFile *file = (PlFile *) f;

  if (pl.crashed)
    return SQLITE_IOERR_FSYNC;

  if (--pl.syncs_left == 0)
    {
      power_failure ();
      return SQLITE_IOERR_FSYNC;
    }

  /* The "disk" is the real file: what is flushed there survives. */
  flush_pending (file);
  return SQLITE_OK;
}

static int
pl_file_size (sqlite3_file  *f,
              sqlite3_int64 *size)
{
  PlFile *file = (PlFile *) f;

  if (pl.crashed)
    return SQLITE_IOERR_FSTAT;

  *size = logical_size (file);
  return SQLITE_OK;
}

static int
pl_lock (sqlite3_file *f, int level)
{
  return ((PlFile *) f)->real->pMethods->xLock (((PlFile *) f)->real, level);
}

static int
pl_unlock (sqlite3_file *f, int level)
{
  return ((PlFile *) f)->real->pMethods->xUnlock (((PlFile *) f)->real, level);
}

static int
pl_check_reserved_lock (sqlite3_file *f, int *out)
{
  return ((PlFile *) f)->real->pMethods->xCheckReservedLock (((PlFile *) f)->real, out);
}

static int
pl_file_control (sqlite3_file *f, int op, void *arg)
{
  return ((PlFile *) f)->real->pMethods->xFileControl (((PlFile *) f)->real, op, arg);
}

static int
pl_sector_size (sqlite3_file *f)
{
  return SECTOR;
}

static int
pl_device_characteristics (sqlite3_file *f)
{
  return ((PlFile *) f)->real->pMethods->xDeviceCharacteristics (((PlFile *) f)->real);
}

static const sqlite3_io_methods pl_io_methods = {
  1,
  pl_close, pl_read, pl_write, pl_truncate, pl_sync, pl_file_size,
  pl_lock, pl_unlock, pl_check_reserved_lock, pl_file_control,
  pl_sector_size, pl_device_characteristics,
};

/* VFS methods */

static int
pl_open (sqlite3_vfs  *vfs,
         const char   *name,
         sqlite3_file *f,
         int           flags,
         int          *out_flags)
{
  PlFile *file = (PlFile *) f;
  int rc;

  memset (file, 0, sizeof *file);
  if (pl.crashed)
    return SQLITE_CANTOPEN;

  file->real = (sqlite3_file *) &file[1];
  rc = pl.real_vfs->xOpen (pl.real_vfs, name, file->real, flags, out_flags);
  if (rc != SQLITE_OK)
    {
      file->real->pMethods = NULL;
      return rc;
    }

  file->pending = g_ptr_array_new_with_free_func (pending_free);
  file->base.pMethods = &pl_io_methods;
  g_ptr_array_add (pl.files, file);
  return SQLITE_OK;
}

static int
pl_delete (sqlite3_vfs *vfs,
           const char  *name,
           int          sync_dir)
{
  if (pl.crashed)
    return SQLITE_IOERR_DELETE;

  return pl.real_vfs->xDelete (pl.real_vfs, name, sync_dir);
}

static int
pl_access (sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
  return pl.real_vfs->xAccess (pl.real_vfs, name, flags, out);
}

static int
pl_full_pathname (sqlite3_vfs *vfs, const char *name, int n, char *out)
{
  return pl.real_vfs->xFullPathname (pl.real_vfs, name, n, out);
}

static int
pl_randomness (sqlite3_vfs *vfs, int n, char *out)
{
  return pl.real_vfs->xRandomness (pl.real_vfs, n, out);
}

static int
pl_sleep (sqlite3_vfs *vfs, int us)
{
  return pl.real_vfs->xSleep (pl.real_vfs, us);
}

static int
pl_current_time (sqlite3_vfs *vfs, double *out)
{
  return pl.real_vfs->xCurrentTime (pl.real_vfs, out);
}

static int
pl_get_last_error (sqlite3_vfs *vfs, int n, char *out)
{
  return pl.real_vfs->xGetLastError (pl.real_vfs, n, out);
}

static int
pl_current_time_int64 (sqlite3_vfs *vfs, sqlite3_int64 *out)
{
  return pl.real_vfs->xCurrentTimeInt64 (pl.real_vfs, out);
}

static sqlite3_vfs pl_vfs = {
  2, 0, 1024, NULL, POWERLOSS_VFS_NAME, NULL,
  pl_open, pl_delete, pl_access, pl_full_pathname,
  NULL, NULL, NULL, NULL,
  pl_randomness, pl_sleep, pl_current_time, pl_get_last_error,
  pl_current_time_int64,
};

static void
register_powerloss_vfs (void)
{
  g_autoptr(GError) error = NULL;

  pl.real_vfs = sqlite3_vfs_find ("unix");
  g_assert_nonnull (pl.real_vfs);
  pl_vfs.szOsFile = (int) sizeof (PlFile) + pl.real_vfs->szOsFile;
  pl_vfs.mxPathname = pl.real_vfs->mxPathname;
  g_assert_cmpint (sqlite3_vfs_register (&pl_vfs, 0), ==, SQLITE_OK);

  g_assert_true (udha_vault_vfs_register (&error));
  g_assert_true (udha_vault_vfs_register_over (POWERLOSS_VAULT_VFS_NAME, POWERLOSS_VFS_NAME, &error));
  g_assert_no_error (error);
  pl.files = g_ptr_array_new ();
}

/* The content of row @i: deterministic, 1–6 KiB so rows span pages. */
static char *
row_text (gint64 i)
{
  gsize len = 1024 + (gsize) ((i * 2654435761u) % 5120);
  char *text = g_malloc (len + 1);

  for (gsize k = 0; k < len; k++)
    text[k] = (char) ('a' + (char) ((i * 31 + (gint64) k * 7) % 26));
  text[len] = '\0';
  return text;
}

static gboolean
run_transaction (sqlite3 *db,
                 gint64   i)
{
  g_autofree char *text = row_text (i);
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (sqlite3_exec (db, "BEGIN IMMEDIATE;", NULL, NULL, NULL) != SQLITE_OK)
    return FALSE;

  ok = sqlite3_prepare_v2 (db, "INSERT INTO t (id, v) VALUES (?1, ?2);", -1, &stmt, NULL) == SQLITE_OK;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, i);
      sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
    }
  sqlite3_finalize (stmt);

  /* Touch older rows too, so a transaction rewrites pages all over. */
  if (ok)
    {
      ok = sqlite3_prepare_v2 (db, "UPDATE meta SET last = ?1, touched = touched + 1;", -1, &stmt, NULL) == SQLITE_OK;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, i);
          ok = sqlite3_step (stmt) == SQLITE_DONE;
        }
      sqlite3_finalize (stmt);
    }

  if (ok && sqlite3_exec (db, "COMMIT;", NULL, NULL, NULL) == SQLITE_OK)
    return TRUE;

  sqlite3_exec (db, "ROLLBACK;", NULL, NULL, NULL);
  return FALSE;
}

static void
check_vault (const char   *path,
             UdhaVaultKey *key,
             gint64        acknowledged)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  gint64 rows, last, expected = 1;
  int rc;

  db = udha_vault_db_open (path, key, UDHA_VAULT_DB_NONE, &error);
  g_assert_no_error (error);
  udha_test_assert_integrity (db);

  rows = udha_test_query_int (db, "SELECT count(*) FROM t;");
  last = udha_test_query_int (db, "SELECT last FROM meta;");
  /* Every acknowledged transaction is there; the one in flight is all or nothing. */
  g_assert_cmpint (rows, >=, acknowledged);
  g_assert_cmpint (rows, <=, acknowledged + 1);
  g_assert_cmpint (last, ==, rows);
  g_assert_cmpint (udha_test_query_int (db, "SELECT touched FROM meta;"), ==, rows);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, v FROM t ORDER BY id;", -1, &stmt, NULL), ==, SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *want = row_text (expected);

      g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, expected);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, want);
      expected++;
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  udha_vault_db_close (db);
}

static void
test_powerloss (void)
{
  g_autofree char *dir = udha_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "cases.udb", NULL);
  g_autoptr(UdhaVaultKey) key = udha_test_key_new (77);
  g_autoptr(GError) error = NULL;
  const char *env = g_getenv ("UDHA_POWERLOSS_ITERATIONS");
  guint iterations = env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) : 150;
  gint64 acknowledged = 0;
  guint recovered_hot = 0;
  sqlite3 *db;

  pl.rand = g_rand_new_with_seed (g_test_rand_int ());

  db = udha_vault_db_open (path, key, UDHA_VAULT_DB_CREATE, &error);
  g_assert_no_error (error);
  udha_test_exec_ok (db, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL);"
                         "CREATE INDEX t_v ON t (substr (v, 1, 8));"
                         "CREATE TABLE meta (last INTEGER NOT NULL, touched INTEGER NOT NULL);"
                         "INSERT INTO meta VALUES (0, 0);");
  udha_vault_db_close (db);

  for (guint it = 0; it < iterations; it++)
    {
      g_autofree char *journal = g_strconcat (path, "-journal", NULL);

      pl.crashed = FALSE;
      pl.syncs_left = g_rand_int_range (pl.rand, 1, 24);

      db = _udha_vault_db_open_with_vfs (path, key, UDHA_VAULT_DB_NONE, POWERLOSS_VAULT_VFS_NAME, &error);
      g_assert_no_error (error);

      while (run_transaction (db, acknowledged + 1))
        acknowledged++;
      g_assert_true (pl.crashed);

      /* The process lives on but the disk stopped: close what is open. */
      udha_vault_db_close (db);
      g_assert_cmpuint (pl.files->len, ==, 0);

      if (g_file_test (journal, G_FILE_TEST_EXISTS))
        recovered_hot++;

      check_vault (path, key, acknowledged);
      /* The recovered vault may hold the in-flight transaction. */
      db = udha_vault_db_open (path, key, UDHA_VAULT_DB_NONE, &error);
      g_assert_no_error (error);
      acknowledged = udha_test_query_int (db, "SELECT count(*) FROM t;");
      udha_vault_db_close (db);
    }

  g_test_message ("%u power failures, %u left a hot journal, %" G_GINT64_FORMAT " transactions survived",
                  iterations, recovered_hot, acknowledged);
  g_assert_cmpuint (recovered_hot, >, 0);

  g_rand_free (pl.rand);
  udha_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_assert_true (udha_core_init (&error));
  register_powerloss_vfs ();

  g_test_add_func ("/udha/vault/powerloss/reorder-and-tear", test_powerloss);

  return g_test_run ();
}
