/* bench-sqlcipher.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The vault benchmark workload on SQLCipher, for comparison only (Udha does
 * not use SQLCipher). Linked against libsqlcipher alone: its symbols clash
 * with libsqlite3's. A raw 256-bit key skips SQLCipher's PBKDF2. */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "bench-workload.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("udha-bench-sqlcipher-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *journal = NULL;
  sqlite3 *db = NULL;

  if (dir == NULL)
    g_error ("%s", error->message);
  path = g_build_filename (dir, "sqlcipher.db", NULL);
  journal = g_strconcat (path, "-journal", NULL);

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    g_error ("cannot open %s", path);
  bench_exec (db, "PRAGMA key = \"x'000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f'\";"
                  "PRAGMA cipher_page_size = 4096;");
  bench_apply_pragmas (db);
  printf ("# SQLCipher %s (SQLite %s)\n", "library", sqlite3_libversion ());
  bench_run (db, "sqlcipher");
  sqlite3_close (db);

  g_unlink (journal);
  g_unlink (path);
  g_rmdir (dir);

  return 0;
}
