/* bench-vault.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Vault benchmark (VAULT.md §18, §17 item 7): the same workload on plain
 * Debian SQLite (page size 4096, reserve 40, the vault's pragmas) and on the
 * vault; if given the path of bench-sqlcipher as the first argument, also
 * on SQLCipher. Prints every figure and the ratios. */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <sqlite3.h>
#include <string.h>

#include "udha-core.h"
#include "udha-vault-db.h"
#include "udha-vault-key.h"
#include "udha-vault-vfs.h"

#include "bench-workload.h"

typedef struct
{
  char   *config;
  char   *workload;
  double  ms;
  guint   ops;
} Result;

static GPtrArray *results;

static void
result_free (Result *r)
{
  g_free (r->config);
  g_free (r->workload);
  g_free (r);
}

static void
parse_results (const char *output)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = NULL;
      Result *r;

      if (!g_str_has_prefix (lines[i], "RESULT "))
        continue;
      f = g_strsplit (lines[i], " ", -1);
      if (g_strv_length (f) != 5)
        continue;
      r = g_new0 (Result, 1);
      r->config = g_strdup (f[1]);
      r->workload = g_strdup (f[2]);
      r->ms = g_ascii_strtod (f[3], NULL);
      r->ops = (guint) g_ascii_strtoull (f[4], NULL, 10);
      g_ptr_array_add (results, r);
    }
}

static const Result *
find (const char *config,
      const char *workload)
{
  for (guint i = 0; i < results->len; i++)
    {
      const Result *r = g_ptr_array_index (results, i);

      if (g_str_equal (r->config, config) && g_str_equal (r->workload, workload))
        return r;
    }

  return NULL;
}

/* Runs the workload with stdout captured into the results. */
static void
run_captured (sqlite3    *db,
              const char *config)
{
  char *buf = NULL;
  size_t len = 0;
  FILE *mem = open_memstream (&buf, &len);
  FILE *saved = stdout;

  stdout = mem;
  bench_run (db, config);
  stdout = saved;
  fclose (mem);
  fputs (buf, stdout);
  parse_results (buf);
  free (buf);
}

static void
remove_db (const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_unlink (journal);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *plain_path = NULL;
  g_autofree char *vault_path = NULL;
  g_autoptr(UdhaVaultKey) key = NULL;
  const char *configs[] = { "plain", "vault", "sqlcipher" };
  guint8 dek[UDHA_VAULT_KEY_LEN];
  guint8 dbid[UDHA_VAULT_DBID_LEN];
  sqlite3 *db = NULL;
  int reserve = UDHA_VAULT_RESERVE;

  if (!udha_core_init (&error) || !udha_vault_vfs_register (&error))
    g_error ("%s", error->message);

  results = g_ptr_array_new_with_free_func ((GDestroyNotify) result_free);
  dir = g_dir_make_tmp ("udha-bench-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  plain_path = g_build_filename (dir, "plain.db", NULL);
  vault_path = g_build_filename (dir, "vault.udb", NULL);

  printf ("# SQLite %s; synchronous=FULL, journal_mode=DELETE, temp_store=MEMORY, secure_delete=ON;\n"
          "# page size 4096, reserve 40 on both plain and vault\n", sqlite3_libversion ());

  /* Plain SQLite with the same page layout and pragmas. */
  if (sqlite3_open_v2 (plain_path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, "unix") != SQLITE_OK)
    g_error ("cannot open the plain database");
  sqlite3_file_control (db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
  bench_exec (db, "PRAGMA page_size=4096;");
  bench_apply_pragmas (db);
  run_captured (db, "plain");
  sqlite3_close (db);
  remove_db (plain_path);

  /* The vault. */
  randombytes_buf (dek, sizeof dek);
  randombytes_buf (dbid, sizeof dbid);
  key = udha_vault_key_new_from_dek (dek, dbid);
  sodium_memzero (dek, sizeof dek);
  db = udha_vault_db_open (vault_path, key, UDHA_VAULT_DB_CREATE, &error);
  if (db == NULL)
    g_error ("%s", error->message);
  run_captured (db, "vault");
  udha_vault_db_close (db);
  udha_vault_unregister_key (vault_path);
  remove_db (vault_path);
  g_rmdir (dir);

  /* SQLCipher, in its own process. */
  if (argc > 1)
    {
      g_autofree char *out = NULL;
      const char *child_argv[] = { argv[1], NULL };
      int status = 0;

      if (!g_spawn_sync (NULL, (char **) child_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                         &out, NULL, &status, &error) ||
          !g_spawn_check_wait_status (status, &error))
        g_error ("bench-sqlcipher: %s", error->message);
      fputs (out, stdout);
      parse_results (out);
    }

  printf ("\n%-24s", "workload");
  for (gsize c = 0; c < G_N_ELEMENTS (configs); c++)
    if (find (configs[c], bench_workloads[0]) != NULL)
      printf (" %12s ms %12s ops/s", configs[c], configs[c]);
  printf (" %12s %16s\n", "vault/plain", "vault/sqlcipher");

  for (gsize w = 0; w < G_N_ELEMENTS (bench_workloads); w++)
    {
      const Result *plain = find ("plain", bench_workloads[w]);
      const Result *vault = find ("vault", bench_workloads[w]);
      const Result *cipher = find ("sqlcipher", bench_workloads[w]);

      printf ("%-24s", bench_workloads[w]);
      for (gsize c = 0; c < G_N_ELEMENTS (configs); c++)
        {
          const Result *r = find (configs[c], bench_workloads[w]);

          if (r != NULL)
            printf (" %15.1f %18.0f", r->ms, r->ops / (r->ms / 1000.0));
        }
      printf (" %12.2f", plain != NULL && vault != NULL ? vault->ms / plain->ms : 0.0);
      if (cipher != NULL && vault != NULL)
        printf (" %16.2f", vault->ms / cipher->ms);
      printf ("\n");
    }

  g_ptr_array_unref (results);

  return 0;
}
