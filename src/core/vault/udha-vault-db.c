/* udha-vault-db.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The only place that opens a vault connection (VAULT.md §9): key
 * registration, the new-vault set-up (reserve 40, page size 4096), the
 * mandatory per-connection set-up, the authorizer, VACUUM INTO for key
 * rotation and backups, page verification, and the mapping of SQLite result
 * codes to UDHA_VAULT_ERROR. */

#define G_LOG_DOMAIN "udha-vault-db"

#include "config.h"

#include "udha-vault-db.h"
#include "udha-vault-db-private.h"
#include "udha-vault-vfs.h"
#include "udha-vault-vfs-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

/* SQLite never uses the page that holds the lock byte at 1 GiB. */
#define PENDING_BYTE_PAGE ((guint32) (0x40000000 / UDHA_VAULT_PAGE_SIZE) + 1)

typedef struct
{
  gboolean  setup_done;
  char     *allowed_attach;   /* the one VACUUM INTO target allowed right now */
} DbState;

static GMutex states_lock;
static GHashTable *states;    /* sqlite3 * -> DbState * */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Auxiliary methods */

static void
db_state_free (DbState *state)
{
  g_free (state->allowed_attach);
  g_free (state);
}

static DbState *
lookup_state (sqlite3 *db)
{
  DbState *state = NULL;

  g_mutex_lock (&states_lock);
  if (states != NULL)
    state = g_hash_table_lookup (states, db);
  g_mutex_unlock (&states_lock);

  return state;
}

static void
add_state (sqlite3 *db,
           DbState *state)
{
  g_mutex_lock (&states_lock);
  if (states == NULL)
    states = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) db_state_free);
  g_hash_table_insert (states, db, state);
  g_mutex_unlock (&states_lock);
}

static void
remove_state (sqlite3 *db)
{
  g_mutex_lock (&states_lock);
  if (states != NULL)
    g_hash_table_remove (states, db);
  g_mutex_unlock (&states_lock);
}

static const char * const forbidden_pragmas[] = {
  "journal_mode",
  "synchronous",
  "temp_store",
  "temp_store_directory",
  "mmap_size",
  "writable_schema",
  "page_size",
};

static int
authorizer_cb (void       *user_data,
               int         action,
               const char *arg1,
               const char *arg2,
               const char *db_name,
               const char *trigger)
{
  DbState *state = user_data;    /* NULL once the connection is being closed */

  switch (action)
    {
    case SQLITE_ATTACH:
      /* Plain VACUUM attaches an anonymous temporary database (""): in
       * memory with temp_store=MEMORY, and refused by the shim on disk. */
      if (arg1 != NULL && arg1[0] == '\0')
        return SQLITE_OK;
      if (state != NULL && state->allowed_attach != NULL && arg1 != NULL &&
          strcmp (arg1, state->allowed_attach) == 0)
        return SQLITE_OK;
      return SQLITE_DENY;

    case SQLITE_DETACH:
      if (state != NULL && state->allowed_attach != NULL)
        return SQLITE_OK;
      return SQLITE_DENY;

    case SQLITE_PRAGMA:
      if (state != NULL && !state->setup_done)
        return SQLITE_OK;
      if (arg1 == NULL)
        return SQLITE_DENY;
      if (arg2 == NULL)
        return SQLITE_OK;        /* reading a value is harmless */
      for (gsize i = 0; i < G_N_ELEMENTS (forbidden_pragmas); i++)
        {
          if (g_ascii_strcasecmp (arg1, forbidden_pragmas[i]) == 0)
            return SQLITE_DENY;
        }
      return SQLITE_OK;

    default:
      return SQLITE_OK;
    }
}

static void
set_error_full (GError  **error,
                sqlite3  *db,
                int       rc,
                gboolean  opening)
{
  guint32 pgno = 0;
  char kind = 0;
  UdhaVaultVfsFailure failure = _udha_vault_vfs_get_failure (&pgno, &kind);
  int primary = rc & 0xff;

  if (rc == SQLITE_IOERR_DATA || primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    {
      if (failure != UDHA_VAULT_VFS_FAILURE_AUTH)
        pgno = 0;

      if (opening && pgno == 1 && kind == 'D')
        g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_MISMATCH,
                             _("The key does not belong to this vault file, or the file has been "
                               "tampered with."));
      else if (pgno != 0)
        g_set_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_DAMAGED,
                     _("The vault file is damaged or has been tampered with (page %u). "
                       "Restore it from a backup."), (guint) pgno);
      else
        g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_DAMAGED,
                             _("The vault file is damaged or has been tampered with. "
                               "Restore it from a backup."));
      return;
    }

  if (primary == SQLITE_FULL)
    {
      g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_DISK_FULL,
                           _("The disk is full. Free some space, then try again. Nothing was saved."));
      return;
    }

  if (primary == SQLITE_CANTOPEN && failure == UDHA_VAULT_VFS_FAILURE_NO_KEY)
    {
      g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_LOCKED,
                           _("The vault is locked."));
      return;
    }

  if (primary == SQLITE_CANTOPEN && failure == UDHA_VAULT_VFS_FAILURE_TEMP_REFUSED)
    {
      g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_IO,
                           _("The operation needs a temporary file, which the vault does not allow."));
      return;
    }

  /* sqlite3_errstr() is a fixed text for the code: no SQL, no values. */
  if (db != NULL && sqlite3_system_errno (db) != 0 && (primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN))
    g_set_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_IO,
                 _("A database operation failed: %s (%s)."),
                 sqlite3_errstr (rc), g_strerror (sqlite3_system_errno (db)));
  else
    g_set_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_IO,
                 _("A database operation failed: %s."), sqlite3_errstr (rc));
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          gboolean     opening,
          GError     **error)
{
  int rc;

  _udha_vault_vfs_clear_failure ();
  rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_full (error, db, rc, opening);
      return FALSE;
    }

  return TRUE;
}

/* Runs @sql and returns the first column of the first row as a string. */
static gboolean
query_text (sqlite3     *db,
            const char  *sql,
            gboolean     opening,
            char       **out,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  _udha_vault_vfs_clear_failure ();
  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      *out = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      rc = sqlite3_step (stmt);
      while (rc == SQLITE_ROW)
        rc = sqlite3_step (stmt);
    }
  else if (rc == SQLITE_DONE)
    *out = NULL;

  if (rc != SQLITE_DONE)
    {
      g_clear_pointer (out, g_free);
      set_error_full (error, db, rc, opening);
      return FALSE;
    }

  return TRUE;
}

static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           gboolean     opening,
           gint64      *out,
           GError     **error)
{
  g_autofree char *text = NULL;

  if (!query_text (db, sql, opening, &text, error))
    return FALSE;

  *out = text != NULL ? g_ascii_strtoll (text, NULL, 10) : -1;

  return TRUE;
}

static gboolean
fail_setup (GError     **error,
            int          code,
            const char  *message)
{
  g_set_error_literal (error, UDHA_VAULT_ERROR, code, message);
  return FALSE;
}

static gboolean
setup_connection (sqlite3           *db,
                  DbState           *state,
                  UdhaVaultDbFlags   flags,
                  GError           **error)
{
  g_autofree char *journal_mode = NULL;
  gint64 page_count = -1;
  gint64 page_size = -1;
  gint64 temp_store = -1;
  int reserve;

  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_set_authorizer (db, authorizer_cb, state);

  /* No temp file may ever be needed, not even by the set-up below. */
  if (!exec_sql (db, "PRAGMA temp_store=MEMORY;", TRUE, error))
    return FALSE;

  /* Read page 1 now: a wrong key or a foreign file fails here (VAULT.md §6). */
  if (!query_int (db, "SELECT count(*) FROM sqlite_schema;", TRUE, &page_count, error))
    return FALSE;
  if (!query_int (db, "PRAGMA page_count;", TRUE, &page_count, error))
    return FALSE;

  if (page_count == 0)
    {
      if (!(flags & UDHA_VAULT_DB_CREATE) || (flags & UDHA_VAULT_DB_READONLY))
        return fail_setup (error, UDHA_VAULT_ERROR_DAMAGED,
                           _("The vault file is empty. Restore it from a backup."));

      /* New vault: reserve and page size before the first write (§9). */
      reserve = UDHA_VAULT_RESERVE;
      sqlite3_file_control (db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
      if (!exec_sql (db, "PRAGMA page_size=4096;", TRUE, error))
        return FALSE;
    }

  reserve = -1;
  sqlite3_file_control (db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
  if (!query_int (db, "PRAGMA page_size;", TRUE, &page_size, error))
    return FALSE;
  if (reserve != UDHA_VAULT_RESERVE || page_size != UDHA_VAULT_PAGE_SIZE)
    {
      if (page_count == 0)
        return fail_setup (error, UDHA_VAULT_ERROR_IO,
                           _("The vault could not be set up: the database library ignored "
                             "the page layout."));
      return fail_setup (error, UDHA_VAULT_ERROR_DAMAGED,
                         _("The vault file has an unexpected page layout. Restore it from a backup."));
    }

  if (!exec_sql (db, "PRAGMA secure_delete=ON;", TRUE, error))
    return FALSE;

  /* A 32 MiB page cache (SQLite's default is 2 MiB). In rollback mode the
   * cache survives between read transactions while the file is unchanged, so
   * a page is decrypted once and then served from memory: this is what keeps
   * point lookups and range queries close to plain SQLite. Decrypted pages
   * in memory are already inside the threat model (SECURITY.md: a live
   * attacker in the session is out of scope). */
  if (!exec_sql (db, "PRAGMA cache_size=" G_STRINGIFY (UDHA_VAULT_CACHE_KIB) ";", TRUE, error))
    return FALSE;

  if (flags & UDHA_VAULT_DB_WAL)
    {
      /* Exclusive locking first: the wal-index then lives on the heap and no
       * -shm file is created (§15.1). */
      if (!exec_sql (db, "PRAGMA locking_mode=EXCLUSIVE;", TRUE, error))
        return FALSE;
      if (!query_text (db, "PRAGMA journal_mode=WAL;", TRUE, &journal_mode, error))
        return FALSE;
    }
  else
    {
      if (!query_text (db, "PRAGMA journal_mode=DELETE;", TRUE, &journal_mode, error))
        return FALSE;
    }
  g_clear_pointer (&journal_mode, g_free);

  if (!exec_sql (db,
                 "PRAGMA synchronous=FULL;"
                 "PRAGMA trusted_schema=OFF;"
                 "PRAGMA foreign_keys=ON;",
                 TRUE, error))
    return FALSE;

  /* Re-read what matters and refuse if SQLite did not apply it. */
  if (!query_text (db, "PRAGMA journal_mode;", TRUE, &journal_mode, error))
    return FALSE;
  if (!query_int (db, "PRAGMA temp_store;", TRUE, &temp_store, error))
    return FALSE;

  if (g_strcmp0 (journal_mode, (flags & UDHA_VAULT_DB_WAL) ? "wal" : "delete") != 0 ||
      temp_store != 2)
    return fail_setup (error, UDHA_VAULT_ERROR_IO,
                       _("The vault could not be opened safely: the database library did not "
                         "accept the required settings."));

  state->setup_done = TRUE;

  return TRUE;
}

static gboolean
fsync_path (const char *path,
            gboolean    directory)
{
  int fd;
  int rc;

  fd = g_open (path, (directory ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return FALSE;

  do
    rc = fsync (fd);
  while (rc != 0 && errno == EINTR);

  close (fd);

  return rc == 0;
}

static void
restore_key (const char   *path,
             UdhaVaultKey *previous)
{
  if (previous != NULL)
    udha_vault_register_key (path, previous);
  else
    udha_vault_unregister_key (path);
}

/* Private API */

sqlite3 *
_udha_vault_db_open_with_vfs (const char        *path,
                              UdhaVaultKey      *key,
                              UdhaVaultDbFlags   flags,
                              const char        *vfs_name,
                              GError           **error)
{
  g_autoptr(UdhaVaultKey) previous = NULL;
  g_autofree char *abs_path = NULL;
  sqlite3 *db = NULL;
  DbState *state;
  int open_flags;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (vfs_name != NULL, NULL);
  g_return_val_if_fail (!((flags & UDHA_VAULT_DB_CREATE) && (flags & UDHA_VAULT_DB_READONLY)), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!udha_vault_vfs_register (error))
    return NULL;

  /* Absolute, so that it can never be read as a "file:" URI (Debian builds
   * SQLite with SQLITE_USE_URI). */
  abs_path = g_canonicalize_filename (path, NULL);
  path = abs_path;

  if (!(flags & UDHA_VAULT_DB_CREATE) && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_NOT_FOUND,
                           _("There is no vault at this location."));
      return NULL;
    }

  previous = _udha_vault_vfs_lookup_key (path);
  udha_vault_register_key (path, key);

  if (flags & UDHA_VAULT_DB_READONLY)
    open_flags = SQLITE_OPEN_READONLY;
  else
    open_flags = SQLITE_OPEN_READWRITE | ((flags & UDHA_VAULT_DB_CREATE) ? SQLITE_OPEN_CREATE : 0);
  open_flags |= SQLITE_OPEN_EXRESCODE;

  _udha_vault_vfs_clear_failure ();
  rc = sqlite3_open_v2 (path, &db, open_flags, vfs_name);
  if (rc != SQLITE_OK)
    {
      set_error_full (error, db, rc, TRUE);
      sqlite3_close (db);
      restore_key (path, previous);
      return NULL;
    }

  sqlite3_extended_result_codes (db, 1);

  state = g_new0 (DbState, 1);
  add_state (db, state);

  if (!setup_connection (db, state, flags, error))
    {
      udha_vault_db_close (db);
      restore_key (path, previous);
      return NULL;
    }

  return db;
}

/* Public API */

/**
 * udha_vault_db_open:
 * @path: the path of the vault's main file
 * @key: the vault key
 * @flags: #UdhaVaultDbFlags
 * @error: return location for a #GError
 *
 * Opens a connection to the vault at @path through the "udha-vault" VFS,
 * with the mandatory set-up of VAULT.md §9. The key stays registered for
 * @path after the connection is closed; udha_vault_unregister_key() is part
 * of locking the vault. If the open fails, the previous registration for
 * @path is restored.
 *
 * Returns: (transfer full): the connection, to be closed with
 *   udha_vault_db_close(), or %NULL on error
 */
sqlite3 *
udha_vault_db_open (const char        *path,
                    UdhaVaultKey      *key,
                    UdhaVaultDbFlags   flags,
                    GError           **error)
{
  return _udha_vault_db_open_with_vfs (path, key, flags, UDHA_VAULT_VFS_NAME, error);
}

/**
 * udha_vault_db_close:
 * @db: (nullable): a connection from udha_vault_db_open()
 *
 * Closes the connection and frees its state. All statements must have been
 * finalized; if not, the connection is closed when the last one is.
 */
void
udha_vault_db_close (sqlite3 *db)
{
  if (db == NULL)
    return;

  /* The authorizer keeps denying ATTACH and the pragmas without its state. */
  sqlite3_set_authorizer (db, authorizer_cb, NULL);
  remove_state (db);

  if (sqlite3_close (db) == SQLITE_BUSY)
    {
      g_warning ("Closing a vault connection with unfinalized statements");
      sqlite3_close_v2 (db);
    }
}

/**
 * udha_vault_db_exec:
 * @db: a vault connection
 * @sql: fixed SQL text; never with values formatted into it
 * @error: return location for a #GError
 *
 * Runs @sql with sqlite3_exec() and maps a failure to %UDHA_VAULT_ERROR.
 *
 * Returns: %TRUE on success
 */
gboolean
udha_vault_db_exec (sqlite3     *db,
                    const char  *sql,
                    GError     **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return exec_sql (db, sql, FALSE, error);
}

/**
 * udha_vault_db_set_error:
 * @error: return location for a #GError
 * @db: (nullable): the connection that failed
 * @rc: the (extended) SQLite result code
 *
 * Maps a SQLite failure to %UDHA_VAULT_ERROR: %SQLITE_IOERR_DATA, corruption
 * and %SQLITE_NOTADB to %UDHA_VAULT_ERROR_DAMAGED (naming the page if the
 * shim reported one in this thread), %SQLITE_FULL to
 * %UDHA_VAULT_ERROR_DISK_FULL, an open refused for lack of a key to
 * %UDHA_VAULT_ERROR_LOCKED and everything else to %UDHA_VAULT_ERROR_IO.
 * The message never contains SQL text or values.
 */
void
udha_vault_db_set_error (GError  **error,
                         sqlite3  *db,
                         int       rc)
{
  set_error_full (error, db, rc, FALSE);
}

/**
 * udha_vault_db_vacuum_into:
 * @db: a vault connection
 * @target_path: where to write the copy; must not exist
 * @target_key: the key for the copy (the same key for a backup, a new one
 *   for DEK rotation)
 * @error: return location for a #GError
 *
 * Writes a compacted copy of @db to @target_path, encrypted under
 * @target_key, with VACUUM INTO; then fsyncs the copy and its directory.
 * Exactly this one ATTACH is allowed for the duration of the call. A copy
 * left by a failure is deleted.
 *
 * Returns: %TRUE on success
 */
gboolean
udha_vault_db_vacuum_into (sqlite3       *db,
                           const char    *target_path,
                           UdhaVaultKey  *target_key,
                           GError       **error)
{
  g_autoptr(UdhaVaultKey) previous = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *abs_target = NULL;
  g_autofree char *dir = NULL;
  DbState *state;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (target_path != NULL, FALSE);
  g_return_val_if_fail (target_key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Absolute, so that it is never read as a "file:" URI with a vfs= parameter. */
  abs_target = g_canonicalize_filename (target_path, NULL);
  target_path = abs_target;

  state = lookup_state (db);
  if (state == NULL)
    {
      g_critical ("%s: not a connection opened with udha_vault_db_open()", G_STRFUNC);
      g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_IO,
                           _("The vault connection is not usable."));
      return FALSE;
    }

  if (g_file_test (target_path, G_FILE_TEST_EXISTS))
    {
      g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_EXISTS,
                           _("A file already exists at the location of the copy."));
      return FALSE;
    }

  previous = _udha_vault_vfs_lookup_key (target_path);
  udha_vault_register_key (target_path, target_key);
  g_free (state->allowed_attach);
  state->allowed_attach = g_strdup (target_path);

  _udha_vault_vfs_clear_failure ();
  rc = sqlite3_prepare_v2 (db, "VACUUM INTO ?1;", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 1, target_path, -1, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  g_clear_pointer (&stmt, sqlite3_finalize);

  g_clear_pointer (&state->allowed_attach, g_free);
  restore_key (target_path, previous);

  if (rc != SQLITE_DONE)
    {
      set_error_full (error, db, rc, FALSE);
      g_unlink (target_path);
      return FALSE;
    }

  dir = g_path_get_dirname (target_path);
  if (!fsync_path (target_path, FALSE) || !fsync_path (dir, TRUE))
    {
      int saved_errno = errno;

      g_set_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_IO,
                   _("The copy of the vault could not be written to disk: %s."),
                   g_strerror (saved_errno));
      g_unlink (target_path);
      return FALSE;
    }

  return TRUE;
}

/**
 * udha_vault_db_verify:
 * @db: a vault connection
 * @bad_page: (out) (optional): the first page that failed, or 0
 * @error: return location for a #GError
 *
 * Authenticates every page of the main file through the VFS, then runs
 * PRAGMA integrity_check.
 *
 * Returns: %TRUE if every page authenticates and the integrity check passes
 */
gboolean
udha_vault_db_verify (sqlite3  *db,
                      guint    *bad_page,
                      GError  **error)
{
  return udha_vault_db_verify_full (db, bad_page, NULL, NULL, NULL, error);
}

typedef struct
{
  GCancellable *cancellable;
} VerifyInterrupt;

/* SQLite's progress handler: a non-zero answer interrupts the statement */
static int
verify_interrupt_cb (void *user_data)
{
  return g_cancellable_is_cancelled (((VerifyInterrupt *) user_data)->cancellable);
}

static gboolean
verify_cancelled (GCancellable  *cancellable,
                  GError       **error)
{
  if (!g_cancellable_is_cancelled (cancellable))
    return FALSE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                       _("The vault check was cancelled. Nothing was changed."));
  return TRUE;
}

gboolean
udha_vault_db_verify_full (sqlite3                 *db,
                           guint                   *bad_page,
                           UdhaVaultProgressFunc    progress,
                           gpointer                 user_data,
                           GCancellable            *cancellable,
                           GError                 **error)
{
  VerifyInterrupt interrupt = { cancellable };
  g_autofree char *result = NULL;
  sqlite3_file *file = NULL;
  sqlite3_int64 size = 0;
  gboolean began = FALSE;
  gboolean ok = TRUE;
  guint8 *page = NULL;
  guint32 npages;
  gint64 dummy;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (bad_page != NULL)
    *bad_page = 0;

  rc = sqlite3_file_control (db, "main", SQLITE_FCNTL_FILE_POINTER, &file);
  if (rc != SQLITE_OK || !_udha_vault_vfs_is_vault_file (file))
    {
      g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_IO,
                           _("The vault connection is not usable."));
      return FALSE;
    }

  /* Hold a read transaction so that no writer changes the file meanwhile. */
  if (sqlite3_get_autocommit (db))
    {
      if (!exec_sql (db, "BEGIN;", FALSE, error))
        return FALSE;
      began = TRUE;
    }
  if (!query_int (db, "SELECT count(*) FROM sqlite_schema;", FALSE, &dummy, error))
    {
      guint32 pgno = 0;

      if (_udha_vault_vfs_get_failure (&pgno, NULL) == UDHA_VAULT_VFS_FAILURE_AUTH && bad_page != NULL)
        *bad_page = pgno;
      ok = FALSE;
      goto out;
    }

  rc = file->pMethods->xFileSize (file, &size);
  if (rc != SQLITE_OK)
    {
      set_error_full (error, db, rc, FALSE);
      ok = FALSE;
      goto out;
    }

  npages = (guint32) (size / UDHA_VAULT_PAGE_SIZE);
  if (size % UDHA_VAULT_PAGE_SIZE != 0)
    {
      if (bad_page != NULL)
        *bad_page = npages + 1;
      g_set_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_DAMAGED,
                   _("The vault file is damaged or has been tampered with (page %u). "
                     "Restore it from a backup."), (guint) npages + 1);
      ok = FALSE;
      goto out;
    }

  page = sodium_malloc (UDHA_VAULT_PAGE_SIZE);
  if (page == NULL)
    {
      g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_IO,
                           _("Not enough memory to check the vault. Close other programs and try again."));
      ok = FALSE;
      goto out;
    }

  for (guint32 pgno = 1; pgno <= npages; pgno++)
    {
      if (pgno == PENDING_BYTE_PAGE)
        continue;

      /* Reading the pages is most of the work: 90 % of the bar */
      if (pgno % 64 == 0)
        {
          if (verify_cancelled (cancellable, error))
            {
              ok = FALSE;
              goto out;
            }
          if (progress != NULL)
            progress (0.9 * pgno / npages, user_data);
        }

      _udha_vault_vfs_clear_failure ();
      rc = file->pMethods->xRead (file, page, UDHA_VAULT_PAGE_SIZE,
                                  (sqlite3_int64) (pgno - 1) * UDHA_VAULT_PAGE_SIZE);
      if (rc != SQLITE_OK)
        {
          if (bad_page != NULL)
            *bad_page = pgno;
          if (rc == SQLITE_IOERR_DATA || rc == SQLITE_IOERR_SHORT_READ)
            g_set_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_DAMAGED,
                         _("The vault file is damaged or has been tampered with (page %u). "
                           "Restore it from a backup."), (guint) pgno);
          else
            set_error_full (error, db, rc, FALSE);
          ok = FALSE;
          goto out;
        }
    }

  if (cancellable != NULL)
    sqlite3_progress_handler (db, 1000, verify_interrupt_cb, &interrupt);
  if (!query_text (db, "PRAGMA integrity_check;", FALSE, &result, error))
    {
      guint32 pgno = 0;

      sqlite3_progress_handler (db, 0, NULL, NULL);
      if (g_cancellable_is_cancelled (cancellable))
        {
          g_clear_error (error);
          verify_cancelled (cancellable, error);
          ok = FALSE;
          goto out;
        }

      if (_udha_vault_vfs_get_failure (&pgno, NULL) == UDHA_VAULT_VFS_FAILURE_AUTH && bad_page != NULL)
        *bad_page = pgno;
      ok = FALSE;
      goto out;
    }

  sqlite3_progress_handler (db, 0, NULL, NULL);
  if (progress != NULL)
    progress (1.0, user_data);

  if (g_strcmp0 (result, "ok") != 0)
    {
      /* The integrity report names pages and cells, never content, but it
       * is not a user message: log it at debug level only. */
      g_debug ("integrity_check failed: %s", result != NULL ? result : "(no result)");
      g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_DAMAGED,
                           _("The vault file is damaged or has been tampered with. "
                             "Restore it from a backup."));
      ok = FALSE;
    }

out:
  g_clear_pointer (&page, sodium_free);
  if (began)
    sqlite3_exec (db, "COMMIT;", NULL, NULL, NULL);

  return ok;
}
