/* udha-vault-test-utils.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Helpers shared by the vault VFS tests (header-only, static inline, so that
 * every test stays a single tests/unit/test-<name>.c):
 *  - keys from fixed or random bytes, temporary directories, file helpers;
 *  - a marker scan over directories;
 *  - "udha-test", a pass-through VFS over "unix" that traces every I/O call
 *    and can fail the Nth read, write, sync or truncate. The tests register a
 *    shim instance over it with udha_vault_vfs_register_over(). */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <sqlite3.h>
#include <string.h>

#include "udha-vault-key.h"
#include "udha-vault-vfs.h"

#define UDHA_TEST_VFS_NAME        "udha-test"
#define UDHA_TEST_VAULT_VFS_NAME  "udha-vault-test"
#define UDHA_TEST_TOP_VFS_NAME    "udha-test-top"

/* Keys and files */

static inline UdhaVaultKey *
udha_test_key_new (guint8 seed)
{
  guint8 dek[UDHA_VAULT_KEY_LEN];
  guint8 dbid[UDHA_VAULT_DBID_LEN];
  UdhaVaultKey *key;

  if (seed == 0)
    {
      randombytes_buf (dek, sizeof dek);
      randombytes_buf (dbid, sizeof dbid);
    }
  else
    {
      for (gsize i = 0; i < sizeof dek; i++)
        dek[i] = (guint8) (seed + i);
      for (gsize i = 0; i < sizeof dbid; i++)
        dbid[i] = (guint8) (0xd0 + seed + i);
    }

  key = udha_vault_key_new_from_dek (dek, dbid);
  sodium_memzero (dek, sizeof dek);

  return key;
}

static inline char *
udha_test_make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("udha-vault-test-XXXXXX", &error);

  g_assert_no_error (error);

  return dir;
}

static inline void
udha_test_rm_rf (const char *path)
{
  GDir *dir;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_unlink (path);
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          udha_test_rm_rf (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

static inline void
udha_test_copy_file (const char *from,
                     const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (from, &contents, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, contents, len, &error);
  g_assert_no_error (error);
}

static inline GBytes *
udha_test_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, len);
}

static inline void
udha_test_write_file (const char *path,
                      const void *data,
                      gsize       len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

static inline const void *
udha_test_memmem (const void *hay,
                  gsize       hay_len,
                  const void *needle,
                  gsize       needle_len)
{
  const guint8 *h = hay;

  if (needle_len == 0 || hay_len < needle_len)
    return NULL;
  for (gsize i = 0; i + needle_len <= hay_len; i++)
    {
      if (h[i] == *(const guint8 *) needle && memcmp (h + i, needle, needle_len) == 0)
        return h + i;
    }

  return NULL;
}

/* Flips bits in one byte of a file in place. */
static inline void
udha_test_flip_byte (const char *path,
                     gsize       offset,
                     guint8      mask)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (offset, <, len);
  contents[offset] ^= (char) mask;
  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
}

/* Returns the number of files under @dir (recursively) that contain @marker;
 * the first such file name goes to @found if given. */
static inline guint
udha_test_scan_dir_for (const char  *dir_path,
                        const char  *marker,
                        char       **found)
{
  GDir *dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  gsize mlen = strlen (marker);
  guint hits = 0;

  if (dir == NULL)
    return 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          hits += udha_test_scan_dir_for (path, marker, found);
        }
      else
        {
          g_autofree char *contents = NULL;
          gsize len = 0;

          if (g_file_get_contents (path, &contents, &len, NULL) &&
              len >= mlen && udha_test_memmem (contents, len, marker, mlen) != NULL)
            {
              hits++;
              if (found != NULL && *found == NULL)
                *found = g_strdup (path);
            }
        }
    }
  g_dir_close (dir);

  return hits;
}

static inline guint
udha_test_count_files (const char *dir_path)
{
  GDir *dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  if (dir == NULL)
    return 0;
  while (g_dir_read_name (dir) != NULL)
    n++;
  g_dir_close (dir);

  return n;
}

/* SQL helpers for raw connections in tests (fixed SQL only). */

static inline int
udha_test_exec (sqlite3    *db,
                const char *sql)
{
  return sqlite3_exec (db, sql, NULL, NULL, NULL);
}

static inline void
udha_test_exec_ok (sqlite3    *db,
                   const char *sql)
{
  char *msg = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &msg);

  if (rc != SQLITE_OK)
    g_error ("SQL failed (%d, %s): %s", rc, msg != NULL ? msg : "", sql);
}

static inline gint64
udha_test_query_int (sqlite3    *db,
                     const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = G_MININT64;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    g_error ("prepare failed (%d, %s): %s", rc, sqlite3_errmsg (db), sql);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    g_error ("step failed (%d, %s): %s", rc, sqlite3_errmsg (db), sql);
  sqlite3_finalize (stmt);

  return value;
}

static inline char *
udha_test_query_text (sqlite3    *db,
                      const char *sql,
                      int        *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          rc = SQLITE_OK;
        }
      else if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc_out != NULL)
    *rc_out = rc;

  return value;
}

static inline void
udha_test_assert_integrity (sqlite3 *db)
{
  g_autofree char *result = udha_test_query_text (db, "PRAGMA integrity_check;", NULL);

  g_assert_cmpstr (result, ==, "ok");
}

/* Runs @sql to completion (all rows), returning the first error code. */
static inline int
udha_test_run (sqlite3    *db,
               const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  sqlite3_finalize (stmt);

  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The "udha-test" tracing and fault-injecting VFS */

typedef enum
{
  UDHA_TEST_OP_OPEN,
  UDHA_TEST_OP_READ,
  UDHA_TEST_OP_WRITE,
  UDHA_TEST_OP_SYNC,
  UDHA_TEST_OP_TRUNCATE,
  UDHA_TEST_N_OPS
} UdhaTestOp;

typedef struct
{
  int            type;     /* SQLITE_OPEN_MAIN_DB, …_MAIN_JOURNAL, …_WAL, … */
  UdhaTestOp     op;
  sqlite3_int64  off;
  int            n;
  guint          file_id;
  int            layer;    /* 0: under the shim, 1: above it (what SQLite asks) */
} UdhaTestTrace;

typedef struct
{
  sqlite3_file   base;
  sqlite3_file  *real;
  int            type;
  guint          id;
  int            layer;
} UdhaTestFile;

typedef struct
{
  gboolean    tracing;
  GArray     *trace;           /* UdhaTestTrace */
  guint       next_file_id;

  gboolean    fault_armed;
  UdhaTestOp  fault_op;
  guint       fault_n;         /* fail the fault_n-th op (1-based) of fault_op */
  int         fault_rc;
  gboolean    fault_persistent;
  guint       fault_count;
  gboolean    fault_hit;
} UdhaTestVfsState;

static UdhaTestVfsState udha_test_vfs_state;

#define UDHA_TEST_OPEN_TYPE_MASK 0x0FFF00

static inline void
udha_test_vfs_record (UdhaTestFile  *file,
                      UdhaTestOp     op,
                      sqlite3_int64  off,
                      int            n)
{
  if (udha_test_vfs_state.tracing)
    {
      UdhaTestTrace t = { file->type, op, off, n, file->id, file->layer };

      g_array_append_val (udha_test_vfs_state.trace, t);
    }
}

static inline gboolean
udha_test_vfs_should_fail_layer (int        layer,
                                 UdhaTestOp op)
{
  UdhaTestVfsState *s = &udha_test_vfs_state;

  if (layer != 0 || !s->fault_armed || op != s->fault_op)
    return FALSE;
  if (s->fault_hit && s->fault_persistent)
    return TRUE;
  if (s->fault_hit)
    return FALSE;
  if (++s->fault_count == s->fault_n)
    {
      s->fault_hit = TRUE;
      return TRUE;
    }
  return FALSE;
}

static inline int
udha_test_vfs_fault_rc (int ioerr)
{
  return udha_test_vfs_state.fault_rc == SQLITE_FULL ? SQLITE_FULL : ioerr;
}

static int
udha_test_file_close (sqlite3_file *f)
{
  UdhaTestFile *self = (UdhaTestFile *) f;

  return self->real->pMethods->xClose (self->real);
}

static int
udha_test_file_read (sqlite3_file  *f,
                     void          *buf,
                     int            n,
                     sqlite3_int64  off)
{
  UdhaTestFile *self = (UdhaTestFile *) f;

  udha_test_vfs_record (self, UDHA_TEST_OP_READ, off, n);
  if (udha_test_vfs_should_fail_layer (self->layer, UDHA_TEST_OP_READ))
    return udha_test_vfs_fault_rc (SQLITE_IOERR_READ);

  return self->real->pMethods->xRead (self->real, buf, n, off);
}

static int
udha_test_file_write (sqlite3_file  *f,
                      const void    *buf,
                      int            n,
                      sqlite3_int64  off)
{
  UdhaTestFile *self = (UdhaTestFile *) f;

  udha_test_vfs_record (self, UDHA_TEST_OP_WRITE, off, n);
  if (udha_test_vfs_should_fail_layer (self->layer, UDHA_TEST_OP_WRITE))
    return udha_test_vfs_fault_rc (SQLITE_IOERR_WRITE);

  return self->real->pMethods->xWrite (self->real, buf, n, off);
}

static int
udha_test_file_truncate (sqlite3_file  *f,
                         sqlite3_int64  size)
{
  UdhaTestFile *self = (UdhaTestFile *) f;

  udha_test_vfs_record (self, UDHA_TEST_OP_TRUNCATE, size, 0);
  if (udha_test_vfs_should_fail_layer (self->layer, UDHA_TEST_OP_TRUNCATE))
    return udha_test_vfs_fault_rc (SQLITE_IOERR_TRUNCATE);

  return self->real->pMethods->xTruncate (self->real, size);
}

static int
udha_test_file_sync (sqlite3_file *f,
                     int           flags)
{
  UdhaTestFile *self = (UdhaTestFile *) f;

  udha_test_vfs_record (self, UDHA_TEST_OP_SYNC, 0, 0);
  if (udha_test_vfs_should_fail_layer (self->layer, UDHA_TEST_OP_SYNC))
    return udha_test_vfs_fault_rc (SQLITE_IOERR_FSYNC);

  return self->real->pMethods->xSync (self->real, flags);
}

static int
udha_test_file_size (sqlite3_file  *f,
                     sqlite3_int64 *size)
{
  UdhaTestFile *self = (UdhaTestFile *) f;

  return self->real->pMethods->xFileSize (self->real, size);
}

static int
udha_test_file_lock (sqlite3_file *f,
                     int           lock)
{
  UdhaTestFile *self = (UdhaTestFile *) f;

  return self->real->pMethods->xLock (self->real, lock);
}

static int
udha_test_file_unlock (sqlite3_file *f,
                       int           lock)
{
  UdhaTestFile *self = (UdhaTestFile *) f;

  return self->real->pMethods->xUnlock (self->real, lock);
}

static int
udha_test_file_check_reserved_lock (sqlite3_file *f,
                                    int          *out)
{
  UdhaTestFile *self = (UdhaTestFile *) f;

  return self->real->pMethods->xCheckReservedLock (self->real, out);
}

static int
udha_test_file_control (sqlite3_file *f,
                        int           op,
                        void         *arg)
{
  UdhaTestFile *self = (UdhaTestFile *) f;

  return self->real->pMethods->xFileControl (self->real, op, arg);
}

static int
udha_test_file_sector_size (sqlite3_file *f)
{
  UdhaTestFile *self = (UdhaTestFile *) f;

  return self->real->pMethods->xSectorSize (self->real);
}

static int
udha_test_file_device_characteristics (sqlite3_file *f)
{
  UdhaTestFile *self = (UdhaTestFile *) f;

  return self->real->pMethods->xDeviceCharacteristics (self->real);
}

static int
udha_test_file_shm_map (sqlite3_file  *f,
                        int            region,
                        int            size,
                        int            extend,
                        void volatile **pp)
{
  UdhaTestFile *self = (UdhaTestFile *) f;

  return self->real->pMethods->xShmMap (self->real, region, size, extend, pp);
}

static int
udha_test_file_shm_lock (sqlite3_file *f,
                         int           offset,
                         int           n,
                         int           flags)
{
  UdhaTestFile *self = (UdhaTestFile *) f;

  return self->real->pMethods->xShmLock (self->real, offset, n, flags);
}

static void
udha_test_file_shm_barrier (sqlite3_file *f)
{
  UdhaTestFile *self = (UdhaTestFile *) f;

  self->real->pMethods->xShmBarrier (self->real);
}

static int
udha_test_file_shm_unmap (sqlite3_file *f,
                          int           delete_flag)
{
  UdhaTestFile *self = (UdhaTestFile *) f;

  return self->real->pMethods->xShmUnmap (self->real, delete_flag);
}

static const sqlite3_io_methods udha_test_io_methods = {
  2,
  udha_test_file_close,
  udha_test_file_read,
  udha_test_file_write,
  udha_test_file_truncate,
  udha_test_file_sync,
  udha_test_file_size,
  udha_test_file_lock,
  udha_test_file_unlock,
  udha_test_file_check_reserved_lock,
  udha_test_file_control,
  udha_test_file_sector_size,
  udha_test_file_device_characteristics,
  udha_test_file_shm_map,
  udha_test_file_shm_lock,
  udha_test_file_shm_barrier,
  udha_test_file_shm_unmap,
  NULL,
  NULL,
};

static int
udha_test_vfs_open (sqlite3_vfs  *vfs,
                    const char   *name,
                    sqlite3_file *f,
                    int           flags,
                    int          *out_flags)
{
  UdhaTestFile *self = (UdhaTestFile *) f;
  sqlite3_vfs *real = vfs->pAppData;
  int rc;

  memset (self, 0, sizeof *self);
  self->real = (sqlite3_file *) &self[1];
  self->type = flags & UDHA_TEST_OPEN_TYPE_MASK;
  self->id = ++udha_test_vfs_state.next_file_id;
  self->layer = strcmp (vfs->zName, UDHA_TEST_TOP_VFS_NAME) == 0 ? 1 : 0;
  udha_test_vfs_record (self, UDHA_TEST_OP_OPEN, 0, 0);

  rc = real->xOpen (real, name, self->real, flags, out_flags);
  if (rc != SQLITE_OK)
    {
      if (self->real->pMethods != NULL)
        self->real->pMethods->xClose (self->real);
      self->base.pMethods = NULL;
      return rc;
    }
  self->base.pMethods = &udha_test_io_methods;

  return SQLITE_OK;
}

static int
udha_test_vfs_delete (sqlite3_vfs *vfs,
                      const char  *name,
                      int          sync_dir)
{
  sqlite3_vfs *real = vfs->pAppData;

  return real->xDelete (real, name, sync_dir);
}

static int
udha_test_vfs_access (sqlite3_vfs *vfs,
                      const char  *name,
                      int          flags,
                      int         *out)
{
  sqlite3_vfs *real = vfs->pAppData;

  return real->xAccess (real, name, flags, out);
}

static int
udha_test_vfs_full_pathname (sqlite3_vfs *vfs,
                             const char  *name,
                             int          n,
                             char        *out)
{
  sqlite3_vfs *real = vfs->pAppData;

  return real->xFullPathname (real, name, n, out);
}

static int
udha_test_vfs_randomness (sqlite3_vfs *vfs,
                          int          n,
                          char        *out)
{
  sqlite3_vfs *real = vfs->pAppData;

  return real->xRandomness (real, n, out);
}

static int
udha_test_vfs_sleep (sqlite3_vfs *vfs,
                     int          us)
{
  sqlite3_vfs *real = vfs->pAppData;

  return real->xSleep (real, us);
}

static int
udha_test_vfs_current_time (sqlite3_vfs *vfs,
                            double      *out)
{
  sqlite3_vfs *real = vfs->pAppData;

  return real->xCurrentTime (real, out);
}

static int
udha_test_vfs_current_time_int64 (sqlite3_vfs   *vfs,
                                  sqlite3_int64 *out)
{
  sqlite3_vfs *real = vfs->pAppData;

  return real->xCurrentTimeInt64 (real, out);
}

static int
udha_test_vfs_get_last_error (sqlite3_vfs *vfs,
                              int          n,
                              char        *out)
{
  sqlite3_vfs *real = vfs->pAppData;

  return real->xGetLastError (real, n, out);
}

/* Registers "udha-test" over "unix" and the shim instance "udha-vault-test"
 * over it. Idempotent. */
static inline void
udha_test_vfs_register (void)
{
  static sqlite3_vfs vfs;
  g_autoptr(GError) error = NULL;

  if (sqlite3_vfs_find (UDHA_TEST_VFS_NAME) == NULL)
    {
      sqlite3_vfs *real = sqlite3_vfs_find ("unix");

      g_assert_nonnull (real);
      vfs.iVersion = 2;
      vfs.szOsFile = (int) sizeof (UdhaTestFile) + real->szOsFile;
      vfs.mxPathname = real->mxPathname;
      vfs.zName = UDHA_TEST_VFS_NAME;
      vfs.pAppData = real;
      vfs.xOpen = udha_test_vfs_open;
      vfs.xDelete = udha_test_vfs_delete;
      vfs.xAccess = udha_test_vfs_access;
      vfs.xFullPathname = udha_test_vfs_full_pathname;
      vfs.xRandomness = udha_test_vfs_randomness;
      vfs.xSleep = udha_test_vfs_sleep;
      vfs.xCurrentTime = udha_test_vfs_current_time;
      vfs.xGetLastError = udha_test_vfs_get_last_error;
      vfs.xCurrentTimeInt64 = udha_test_vfs_current_time_int64;
      g_assert_cmpint (sqlite3_vfs_register (&vfs, 0), ==, SQLITE_OK);
      udha_test_vfs_state.trace = g_array_new (FALSE, FALSE, sizeof (UdhaTestTrace));
    }

  g_assert_true (udha_vault_vfs_register_over (UDHA_TEST_VAULT_VFS_NAME, UDHA_TEST_VFS_NAME, &error));
  g_assert_no_error (error);
}

/* Registers "udha-test-top", the same tracer, over "udha-vault-test": it
 * records what SQLite asks of the shim. */
static inline void
udha_test_vfs_register_top (void)
{
  static sqlite3_vfs top;

  udha_test_vfs_register ();
  if (sqlite3_vfs_find (UDHA_TEST_TOP_VFS_NAME) == NULL)
    {
      sqlite3_vfs *shim = sqlite3_vfs_find (UDHA_TEST_VAULT_VFS_NAME);
      sqlite3_vfs *bottom = sqlite3_vfs_find (UDHA_TEST_VFS_NAME);

      g_assert_nonnull (shim);
      top = *bottom;
      top.pNext = NULL;
      top.zName = UDHA_TEST_TOP_VFS_NAME;
      top.pAppData = shim;
      top.szOsFile = (int) sizeof (UdhaTestFile) + shim->szOsFile;
      top.mxPathname = shim->mxPathname;
      g_assert_cmpint (sqlite3_vfs_register (&top, 0), ==, SQLITE_OK);
    }
}

static inline void
udha_test_vfs_arm_fault (UdhaTestOp op,
                         guint      n,
                         int        rc,
                         gboolean   persistent)
{
  udha_test_vfs_state.fault_armed = TRUE;
  udha_test_vfs_state.fault_op = op;
  udha_test_vfs_state.fault_n = n;
  udha_test_vfs_state.fault_rc = rc;
  udha_test_vfs_state.fault_persistent = persistent;
  udha_test_vfs_state.fault_count = 0;
  udha_test_vfs_state.fault_hit = FALSE;
}

static inline gboolean
udha_test_vfs_disarm_fault (void)
{
  gboolean hit = udha_test_vfs_state.fault_hit;

  udha_test_vfs_state.fault_armed = FALSE;
  udha_test_vfs_state.fault_hit = FALSE;

  return hit;
}
