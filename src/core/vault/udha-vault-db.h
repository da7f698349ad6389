/* udha-vault-db.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "udha-vault-error.h"
#include "udha-vault-key.h"

G_BEGIN_DECLS

/* Page cache of every vault connection, as a negative PRAGMA cache_size (KiB). */
#define UDHA_VAULT_CACHE_KIB -32768

/**
 * UdhaVaultDbFlags:
 * @UDHA_VAULT_DB_NONE: open an existing vault read-write, rollback journal
 * @UDHA_VAULT_DB_CREATE: create the file if missing; a database without pages
 *   gets the new-vault set-up (reserve 40, page size 4096)
 * @UDHA_VAULT_DB_READONLY: open read-only (must not be combined with CREATE)
 * @UDHA_VAULT_DB_WAL: optional WAL mode (VAULT.md §15.1): locking_mode=EXCLUSIVE
 *   then journal_mode=WAL instead of journal_mode=DELETE
 */
typedef enum
{
  UDHA_VAULT_DB_NONE     = 0,
  UDHA_VAULT_DB_CREATE   = 1 << 0,
  UDHA_VAULT_DB_READONLY = 1 << 1,
  UDHA_VAULT_DB_WAL      = 1 << 2,
} UdhaVaultDbFlags;

/* How far a long vault operation has come, 0.0 to 1.0; called from the
 * thread that runs it. */
typedef void (*UdhaVaultProgressFunc) (double   fraction,
                                       gpointer user_data);

/*
 * udha_vault_db_open() is the only place that opens a vault connection. It
 * registers @key for @path (the registration stays after close; locking is
 * udha_vault_unregister_key()), opens through the "udha-vault" VFS, reads page 1
 * (wrong key or foreign file -> UDHA_VAULT_ERROR_MISMATCH), runs the new-vault
 * and per-connection set-up of VAULT.md §9 and installs the authorizer.
 * Without CREATE a missing file is UDHA_VAULT_ERROR_NOT_FOUND. Close with
 * udha_vault_db_close(), never sqlite3_close().
 *
 * udha_vault_db_exec(): sqlite3_exec() for fixed SQL (no values!) with the error
 * mapping below.
 *
 * udha_vault_db_vacuum_into(): registers @target_key for @target_path, allows
 * exactly that ATTACH, runs "VACUUM INTO ?" with the path bound, fsyncs the
 * target and its directory, then withdraws the permission and restores the
 * previous key registration of @target_path. @target_path must not exist
 * (UDHA_VAULT_ERROR_EXISTS). Open the result with udha_vault_db_open().
 *
 * udha_vault_db_verify(): authenticates every page of the main file through the
 * VFS, then runs PRAGMA integrity_check. On failure sets @bad_page (0 if not a
 * single page) and UDHA_VAULT_ERROR_DAMAGED. udha_vault_db_verify_full() also
 * reports the fraction done (0.0 to 1.0, from the calling thread) and stops
 * with G_IO_ERROR_CANCELLED when @cancellable is cancelled; it only reads.
 *
 * udha_vault_db_set_error(): maps a SQLite result code to UDHA_VAULT_ERROR
 * (IOERR_DATA/CORRUPT/NOTADB -> DAMAGED naming the page, FULL -> DISK_FULL,
 * refused for lack of a key -> LOCKED, else IO). Messages carry no SQL or data.
 */
sqlite3  *udha_vault_db_open         (const char        *path,
                                      UdhaVaultKey      *key,
                                      UdhaVaultDbFlags   flags,
                                      GError           **error);
void      udha_vault_db_close        (sqlite3           *db);
gboolean  udha_vault_db_exec         (sqlite3           *db,
                                      const char        *sql,
                                      GError           **error);
gboolean  udha_vault_db_vacuum_into  (sqlite3           *db,
                                      const char        *target_path,
                                      UdhaVaultKey      *target_key,
                                      GError           **error);
gboolean  udha_vault_db_verify       (sqlite3           *db,
                                      guint             *bad_page,
                                      GError           **error);
gboolean  udha_vault_db_verify_full  (sqlite3           *db,
                                      guint             *bad_page,
                                      UdhaVaultProgressFunc progress,
                                      gpointer           user_data,
                                      GCancellable      *cancellable,
                                      GError           **error);
void      udha_vault_db_set_error    (GError           **error,
                                      sqlite3           *db,
                                      int                rc);

G_END_DECLS
