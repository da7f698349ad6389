/* bench-workload.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The benchmark workload of VAULT.md §18, on any sqlite3 connection. Shared
 * by bench-vault.c (Debian SQLite: plain and vault) and bench-sqlcipher.c
 * (SQLCipher, whose symbols clash with SQLite's, hence a separate program).
 * Each figure is printed as a line
 *
 *   RESULT <config> <workload> <milliseconds> <operations>
 *
 * which bench-vault parses to print the comparison table. */

#pragma once

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>

#define BENCH_ROWS      100000
#define BENCH_LOOKUPS   100000
#define BENCH_RANGES    2000
#define BENCH_UPDATES   2000
#define BENCH_SCANS     3

static const char * const bench_workloads[] = {
  "insert-100k-1tx",
  "point-lookups-100k",
  "range-queries-2k",
  "autocommit-updates-2k",
  "full-scan-cache256k",
};

static inline void
bench_check (sqlite3    *db,
             int         rc,
             const char *what)
{
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      fprintf (stderr, "benchmark: %s failed: %d (%s)\n", what, rc, sqlite3_errmsg (db));
      exit (1);
    }
}

static inline void
bench_exec (sqlite3    *db,
            const char *sql)
{
  bench_check (db, sqlite3_exec (db, sql, NULL, NULL, NULL), sql);
}

static inline void
bench_report (const char *config,
              const char *workload,
              gint64      usec,
              guint       ops)
{
  printf ("RESULT %s %s %.3f %u\n", config, workload, usec / 1000.0, ops);
  fflush (stdout);
}

static inline void
bench_random_text (GRand *rand,
                   char  *buf,
                   int    len)
{
  for (int i = 0; i < len; i++)
    buf[i] = (char) ('a' + g_rand_int_range (rand, 0, 26));
  buf[len] = '\0';
}

/* Runs all workloads on @db, which has the connection settings of the
 * configuration already applied. */
static inline void
bench_run (sqlite3    *db,
           const char *config)
{
  GRand *rand = g_rand_new_with_seed (4242);
  sqlite3_stmt *stmt = NULL;
  char text[128];
  gint64 t0;
  gint64 sink = 0;

  bench_exec (db, "CREATE TABLE t (id INTEGER PRIMARY KEY, k INTEGER NOT NULL, v TEXT NOT NULL);"
                  "CREATE INDEX t_k ON t (k);");

  /* 1. 100k inserts in one transaction. */
  t0 = g_get_monotonic_time ();
  bench_exec (db, "BEGIN;");
  bench_check (db, sqlite3_prepare_v2 (db, "INSERT INTO t (id, k, v) VALUES (?1, ?2, ?3);", -1, &stmt, NULL), "prepare");
  for (int i = 1; i <= BENCH_ROWS; i++)
    {
      bench_random_text (rand, text, 100);
      sqlite3_bind_int (stmt, 1, i);
      sqlite3_bind_int (stmt, 2, g_rand_int_range (rand, 0, 1000000));
      sqlite3_bind_text (stmt, 3, text, -1, SQLITE_TRANSIENT);
      bench_check (db, sqlite3_step (stmt), "insert");
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  bench_exec (db, "COMMIT;");
  bench_report (config, bench_workloads[0], g_get_monotonic_time () - t0, BENCH_ROWS);

  /* 2. 100k random primary-key lookups, autocommit. */
  bench_check (db, sqlite3_prepare_v2 (db, "SELECT k, v FROM t WHERE id = ?1;", -1, &stmt, NULL), "prepare");
  t0 = g_get_monotonic_time ();
  for (int i = 0; i < BENCH_LOOKUPS; i++)
    {
      sqlite3_bind_int (stmt, 1, g_rand_int_range (rand, 1, BENCH_ROWS + 1));
      bench_check (db, sqlite3_step (stmt), "lookup");
      sink += sqlite3_column_int (stmt, 0);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  bench_report (config, bench_workloads[1], g_get_monotonic_time () - t0, BENCH_LOOKUPS);

  /* 3. 2000 index range queries (about 50 rows each). */
  bench_check (db, sqlite3_prepare_v2 (db, "SELECT count(*), sum (length (v)) FROM t WHERE k BETWEEN ?1 AND ?1 + 500;",
                                       -1, &stmt, NULL), "prepare");
  t0 = g_get_monotonic_time ();
  for (int i = 0; i < BENCH_RANGES; i++)
    {
      sqlite3_bind_int (stmt, 1, g_rand_int_range (rand, 0, 1000000));
      bench_check (db, sqlite3_step (stmt), "range");
      sink += sqlite3_column_int (stmt, 0);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  bench_report (config, bench_workloads[2], g_get_monotonic_time () - t0, BENCH_RANGES);

  /* 4. 2000 autocommit updates (synchronous=FULL: fsync-bound). */
  bench_check (db, sqlite3_prepare_v2 (db, "UPDATE t SET v = ?2 WHERE id = ?1;", -1, &stmt, NULL), "prepare");
  t0 = g_get_monotonic_time ();
  for (int i = 0; i < BENCH_UPDATES; i++)
    {
      bench_random_text (rand, text, 100);
      sqlite3_bind_int (stmt, 1, g_rand_int_range (rand, 1, BENCH_ROWS + 1));
      sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
      bench_check (db, sqlite3_step (stmt), "update");
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  bench_report (config, bench_workloads[3], g_get_monotonic_time () - t0, BENCH_UPDATES);

  /* 5. Full scans with a 256 KiB page cache: every page through the VFS. */
  bench_exec (db, "PRAGMA cache_size=-256;");
  bench_check (db, sqlite3_prepare_v2 (db, "SELECT sum (length (v)) FROM t;", -1, &stmt, NULL), "prepare");
  bench_check (db, sqlite3_step (stmt), "warm-up scan");
  sqlite3_reset (stmt);
  t0 = g_get_monotonic_time ();
  for (int i = 0; i < BENCH_SCANS; i++)
    {
      bench_check (db, sqlite3_step (stmt), "scan");
      sink += sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  bench_report (config, bench_workloads[4], (g_get_monotonic_time () - t0) / BENCH_SCANS, 1);

  if (sink == 42)
    printf ("#\n");
  g_rand_free (rand);
}

/* The connection settings of the vault (VAULT.md §9), for the plain and
 * SQLCipher configurations. */
static inline void
bench_apply_pragmas (sqlite3 *db)
{
  bench_exec (db, "PRAGMA temp_store=MEMORY;"
                  "PRAGMA secure_delete=ON;"
                  "PRAGMA cache_size=-32768;"   /* = UDHA_VAULT_CACHE_KIB */
                  "PRAGMA journal_mode=DELETE;"
                  "PRAGMA synchronous=FULL;");
}
