/* fuzz-vault-open.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens and queries a mutated vault file. Whatever the bytes, the shim must
 * not crash, and any page that fails authentication must surface as an error,
 * never as data: every mutated page of the seed is an authentication failure,
 * so a query over the table either fails or returns exactly the seed's rows.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sodium.h>
#include <sqlite3.h>

#include "udha-fuzz.h"
#include "udha-vault-db.h"
#include "udha-vault-key.h"
#include "udha-vault-vfs.h"

#define SEED_ROWS 200

static const guint8 fixed_dbid[UDHA_VAULT_DBID_LEN] = {
  0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10, 0x0f, 0x1e, 0x2d, 0x3c, 0x4b, 0x5a, 0x69, 0x78,
};
static const guint8 fixed_dek[UDHA_VAULT_KEY_LEN] = { 42 };

static char *
fuzz_dir (void)
{
  static char *dir;

  if (dir == NULL)
    {
      g_autoptr(GError) error = NULL;

      dir = g_dir_make_tmp ("udha-fuzz-open-XXXXXX", &error);
      g_assert_no_error (error);
    }

  return dir;
}

static char *
vault_path (const char *name)
{
  return g_build_filename (fuzz_dir (), name, NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *path = vault_path ("target.udb");
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autoptr(UdhaVaultKey) key = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  if (sodium_init () < 0 || !udha_vault_vfs_register (NULL))
    return 0;

  g_unlink (journal);
  if (!g_file_set_contents (path, (const char *) data, (gssize) size, NULL))
    return 0;

  key = udha_vault_key_new_from_dek (fixed_dek, fixed_dbid);
  db = udha_vault_db_open (path, key, UDHA_VAULT_DB_NONE, &error);
  if (db != NULL)
    {
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (db, "SELECT id, v FROM t ORDER BY id;", -1, &stmt, NULL) == SQLITE_OK)
        {
          int rc;
          int expected = 1;

          while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            {
              g_autofree char *want = g_strdup_printf ("row %d", expected);

              /* Rows that come back are the seed's rows, in order. */
              g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, expected);
              g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, want);
              expected++;
            }
          if (rc == SQLITE_DONE)
            g_assert_cmpint (expected - 1, <=, SEED_ROWS);
        }
      sqlite3_finalize (stmt);
      udha_vault_db_close (db);
    }
  else
    {
      g_assert_nonnull (error);
    }

  udha_vault_unregister_key (path);
  return 0;
}

GBytes *
udha_fuzz_seed (void)
{
  g_autofree char *path = vault_path ("seed.udb");
  g_autoptr(UdhaVaultKey) key = udha_vault_key_new_from_dek (fixed_dek, fixed_dbid);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;
  sqlite3 *db;

  g_assert_true (udha_vault_vfs_register (&error));
  g_unlink (path);
  db = udha_vault_db_open (path, key, UDHA_VAULT_DB_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (udha_vault_db_exec (db, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL);", &error));
  g_assert_true (udha_vault_db_exec (db, "BEGIN;", &error));
  for (int i = 1; i <= SEED_ROWS; i++)
    {
      sqlite3_stmt *stmt = NULL;
      g_autofree char *v = g_strdup_printf ("row %d", i);

      g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO t (id, v) VALUES (?1, ?2);", -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_int (stmt, 1, i);
      sqlite3_bind_text (stmt, 2, v, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_finalize (stmt);
    }
  g_assert_true (udha_vault_db_exec (db, "COMMIT;", &error));
  udha_vault_db_close (db);
  udha_vault_unregister_key (path);

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_bytes_new_take (g_steal_pointer (&contents), len);
}
