/* udha-vault.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The high-level vault (VAULT.md §11, §13): create, unlock, lock, slot
 * management, DEK rotation and verification, over the key-slot file
 * (udha-vault-keys.c) and the encrypted database (udha-vault-db.c).
 *
 * The vault layer keeps two tables of its own in the database:
 *
 *   vault_meta  (key TEXT PRIMARY KEY, value INTEGER)
 *               'format_version'  = UDHA_VAULT_FORMAT_VERSION
 *               'keys_generation' = generation of the last key file written
 *   vault_users (slot_id INTEGER PRIMARY KEY, user_name TEXT NOT NULL UNIQUE,
 *                must_change INTEGER NOT NULL DEFAULT 0, created_at INTEGER)
 *
 * PRAGMA user_version is left to the store layer. */

#define G_LOG_DOMAIN "udha-vault"

#include "config.h"

#include "udha-vault.h"
#include "udha-vault-db.h"
#include "udha-vault-keys-private.h"
#include "udha-vault-vfs.h"
#include "udha-vault-vfs-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

#define MAX_USER_NAME_CHARS   64
#define MAX_PASSPHRASE_BYTES  1024

struct _UdhaVault
{
  GObject        parent_instance;

  char          *path;
  char          *keys_path;
  char          *user_name;        /* NULL when unlocked by the recovery key */
  guint8         slot_id;
  gboolean       by_recovery;
  gboolean       keys_file_older;
  gboolean       must_change;
  guint64        generation;
  UdhaVaultKey  *key;
  sqlite3       *db;
  guint          n_connections;    /* extra connections still open */

  gboolean       has_audit_head;
  guint64        audit_seq;
  guint8         audit_hash[UDHA_VAULT_AUDIT_HASH_LEN];
};

G_DEFINE_FINAL_TYPE (UdhaVault, udha_vault, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_USER_NAME,
  PROP_LOCKED,
  PROP_KEYS_FILE_OLDER,
  PROP_MUST_CHANGE_PASSPHRASE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  LOCKING,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

typedef gboolean (*DbChangeFunc) (sqlite3   *db,
                                  gpointer   data,
                                  GError   **error);

typedef struct
{
  gint64  slot_id;
  char   *user_name;
} UserRow;

/* Auxiliary methods */

static void
user_row_free (gpointer data)
{
  UserRow *row = data;

  g_free (row->user_name);
  g_free (row);
}

static gint64
now_unix (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* The same rule as udha_core_keys_path_for(); vault/ uses nothing else of core. */
static char *
keys_path_for (const char *path)
{
  return g_strconcat (path, ".keys", NULL);
}

static void
set_not_found (GError **error)
{
  g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_NOT_FOUND,
                       _("There is no vault at this location. Create a new vault, or choose the folder that holds your vault."));
}

static void
set_locked (GError **error)
{
  g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_LOCKED,
                       _("The vault is locked. Unlock it and try again."));
}

static void
set_mismatch (GError **error)
{
  g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_MISMATCH,
                       _("The key file does not belong to this vault. Put the vault’s own key file next to it, or restore both files from the same backup."));
}

static void
set_newer_version (GError **error)
{
  g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_NEWER_VERSION,
                       _("This vault was made by a newer version of Udha. Update Udha to open it."));
}

static void
set_wrong_secret (GError **error)
{
  g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_WRONG_SECRET,
                       _("Wrong user name or passphrase. Check both and try again."));
}

static gboolean
set_file_error (GError **error,
                int      saved_errno)
{
  if (saved_errno == ENOSPC || saved_errno == EDQUOT)
    g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_DISK_FULL,
                         _("The disk is full. Free some space and try again."));
  else
    g_set_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_IO,
                 /* Translators: %s is a system error message */
                 _("A vault file could not be written (%s). Check that the disk works and that you may write to the vault’s folder."),
                 g_strerror (saved_errno));
  return FALSE;
}

/* Reads the dbid in clear at bytes 0..15 of the database (VAULT.md §6). */
static gboolean
read_db_dbid (const char  *path,
              guint8       dbid[UDHA_VAULT_DBID_LEN],
              GError     **error)
{
  gsize got = 0;
  int fd;

  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    {
      if (errno == ENOENT)
        set_not_found (error);
      else
        set_file_error (error, errno);
      return FALSE;
    }

  while (got < UDHA_VAULT_DBID_LEN)
    {
      ssize_t n = read (fd, dbid + got, UDHA_VAULT_DBID_LEN - got);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      got += (gsize) n;
    }
  close (fd);

  if (got != UDHA_VAULT_DBID_LEN)
    {
      g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_DAMAGED,
                           _("The vault file is damaged or empty. Restore it from a backup."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
keys_file_dbid_equals (const char   *keys_path,
                       const guint8  dbid[UDHA_VAULT_DBID_LEN])
{
  g_autoptr(UdhaVaultKeys) keys = udha_vault_keys_load (keys_path, NULL);

  return keys != NULL && memcmp (udha_vault_keys_get_dbid (keys), dbid, UDHA_VAULT_DBID_LEN) == 0;
}

/* Completes a creation or DEK rotation that was interrupted between its two
 * renames, so that the database and the key file match again. Only renames
 * files whose dbids prove that they belong together. */
static void
finish_interrupted_swap (const char *path,
                         const char *keys_path)
{
  g_autofree char *new_path = g_strconcat (path, ".new", NULL);
  g_autofree char *new_keys = g_strconcat (path, ".new.keys", NULL);
  guint8 dbid[UDHA_VAULT_DBID_LEN];

  /* Creation: keys written, database not yet renamed. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS) &&
      g_file_test (new_path, G_FILE_TEST_EXISTS) &&
      !g_file_test (new_keys, G_FILE_TEST_EXISTS) &&
      read_db_dbid (new_path, dbid, NULL) &&
      keys_file_dbid_equals (keys_path, dbid))
    {
      g_message ("Completing an interrupted vault creation");
      if (g_rename (new_path, path) == 0)
        udha_vault_fsync_dir_of (path, NULL);
    }

  /* Rotation: database renamed, key file not yet. */
  if (g_file_test (new_keys, G_FILE_TEST_EXISTS) &&
      read_db_dbid (path, dbid, NULL) &&
      keys_file_dbid_equals (new_keys, dbid) &&
      !keys_file_dbid_equals (keys_path, dbid))
    {
      g_message ("Completing an interrupted key rotation");
      if (g_rename (new_keys, keys_path) == 0)
        udha_vault_fsync_dir_of (keys_path, NULL);
    }
}

static void
remove_db_files (const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (journal);
  g_unlink (wal);
  g_unlink (shm);
}

/* Every unlocked UdhaVault of this process, by path. Several objects may have
 * the same vault open (a recovery unlock beside a signed-in window, a test);
 * the VFS holds one key per path, so locking one of them hands the
 * registration over to another instead of pulling it from under it. */
static GMutex open_lock;
static GHashTable *open_vaults;   /* path -> GList of UdhaVault (unowned) */

static void
track_open (UdhaVault *self)
{
  GList *list;

  g_mutex_lock (&open_lock);
  if (open_vaults == NULL)
    open_vaults = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  list = g_hash_table_lookup (open_vaults, self->path);
  g_hash_table_insert (open_vaults, g_strdup (self->path), g_list_prepend (list, self));
  g_mutex_unlock (&open_lock);
}

/* Returns a reference to the key of another open vault at the same path. */
static UdhaVaultKey *
untrack_open (UdhaVault *self)
{
  UdhaVaultKey *other = NULL;
  GList *list;

  g_mutex_lock (&open_lock);
  list = open_vaults != NULL ? g_hash_table_lookup (open_vaults, self->path) : NULL;
  if (g_list_find (list, self) != NULL)
    {
      list = g_list_remove (list, self);
      if (list != NULL)
        {
          other = udha_vault_key_ref (((UdhaVault *) list->data)->key);
          g_hash_table_insert (open_vaults, g_strdup (self->path), list);
        }
      else
        g_hash_table_remove (open_vaults, self->path);
    }
  g_mutex_unlock (&open_lock);

  return other;
}

static guint
count_others_open (UdhaVault *self)
{
  GList *list;
  guint n;

  g_mutex_lock (&open_lock);
  list = open_vaults != NULL ? g_hash_table_lookup (open_vaults, self->path) : NULL;
  n = g_list_length (list) - (g_list_find (list, self) != NULL ? 1 : 0);
  g_mutex_unlock (&open_lock);

  return n;
}

static void
unregister_if_ours (const char   *path,
                    UdhaVaultKey *key)
{
  g_autoptr(UdhaVaultKey) registered = _udha_vault_vfs_lookup_key (path);

  if (registered == key)
    udha_vault_unregister_key (path);
}

/* SQL helpers: fixed SQL, values always bound. */

static gboolean
db_fail (sqlite3  *db,
         int       rc,
         GError  **error)
{
  udha_vault_db_set_error (error, db, rc);
  return FALSE;
}

static gboolean
meta_get (sqlite3     *db,
          const char  *name,
          gint64      *value,
          gboolean    *found,
          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  *found = FALSE;
  rc = sqlite3_prepare_v2 (db, "SELECT value FROM vault_meta WHERE key = ?1;", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return db_fail (db, rc, error);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *value = sqlite3_column_int64 (stmt, 0);
      *found = TRUE;
    }
  else if (rc != SQLITE_DONE)
    return db_fail (db, rc, error);

  return TRUE;
}

static gboolean
meta_set (sqlite3     *db,
          const char  *name,
          gint64       value,
          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "INSERT INTO vault_meta (key, value) VALUES (?1, ?2) "
                               "ON CONFLICT (key) DO UPDATE SET value = excluded.value;",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return db_fail (db, rc, error);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, value);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return db_fail (db, rc, error);

  return TRUE;
}

static gboolean
db_has_vault_tables (sqlite3 *db,
                     GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' "
                               "AND name IN ('vault_meta', 'vault_users');", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return db_fail (db, rc, error);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return db_fail (db, rc, error);

  if (sqlite3_column_int (stmt, 0) != 2)
    {
      g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_DAMAGED,
                           _("The vault file is damaged: its user table is missing. Restore it from a backup."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
create_vault_tables (sqlite3     *db,
                     const char  *admin_name,
                     guint8       admin_slot,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!udha_vault_db_exec (db, "BEGIN IMMEDIATE;", error))
    return FALSE;

  if (!udha_vault_db_exec (db,
                           "CREATE TABLE vault_meta ("
                           "  key TEXT PRIMARY KEY NOT NULL,"
                           "  value INTEGER NOT NULL"
                           ");"
                           "CREATE TABLE vault_users ("
                           "  slot_id INTEGER PRIMARY KEY,"
                           "  user_name TEXT NOT NULL UNIQUE,"
                           "  must_change INTEGER NOT NULL DEFAULT 0,"
                           "  created_at INTEGER NOT NULL"
                           ");", error) ||
      !meta_set (db, "format_version", UDHA_VAULT_FORMAT_VERSION, error) ||
      !meta_set (db, "keys_generation", 1, error))
    goto fail;

  rc = sqlite3_prepare_v2 (db, "INSERT INTO vault_users (slot_id, user_name, must_change, created_at) "
                               "VALUES (?1, ?2, 0, ?3);", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int (stmt, 1, admin_slot);
      sqlite3_bind_text (stmt, 2, admin_name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, now_unix ());
      rc = sqlite3_step (stmt);
    }
  if (rc != SQLITE_DONE)
    {
      db_fail (db, rc, error);
      goto fail;
    }

  return udha_vault_db_exec (db, "COMMIT;", error);

fail:
  udha_vault_db_exec (db, "ROLLBACK;", NULL);
  return FALSE;
}

static GPtrArray *
load_users (sqlite3  *db,
            GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func (user_row_free);
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT slot_id, user_name FROM vault_users ORDER BY slot_id;",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return db_fail (db, rc, error), NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UserRow *row = g_new0 (UserRow, 1);

      row->slot_id = sqlite3_column_int64 (stmt, 0);
      row->user_name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      g_ptr_array_add (users, row);
    }
  if (rc != SQLITE_DONE)
    return db_fail (db, rc, error), NULL;

  return g_steal_pointer (&users);
}

/* Finds a user by name, comparing folded names. */
static UserRow *
find_user_row (GPtrArray  *users,
               const char *user_name)
{
  g_autofree char *folded = udha_vault_user_name_fold (user_name);

  for (guint i = 0; i < users->len; i++)
    {
      UserRow *row = g_ptr_array_index (users, i);
      g_autofree char *other = udha_vault_user_name_fold (row->user_name);

      if (g_strcmp0 (folded, other) == 0)
        return row;
    }

  return NULL;
}

static gboolean
user_by_slot (sqlite3   *db,
              guint8     slot_id,
              char     **user_name,
              gboolean  *must_change,
              GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  *user_name = NULL;
  rc = sqlite3_prepare_v2 (db, "SELECT user_name, must_change FROM vault_users WHERE slot_id = ?1;",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return db_fail (db, rc, error);
  sqlite3_bind_int (stmt, 1, slot_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *user_name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *must_change = sqlite3_column_int (stmt, 1) != 0;
    }
  else if (rc != SQLITE_DONE)
    return db_fail (db, rc, error);

  return TRUE;
}

static gboolean
set_must_change (sqlite3   *db,
                 gint64     slot_id,
                 gboolean   must_change,
                 GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "UPDATE vault_users SET must_change = ?2 "
                               "WHERE slot_id = ?1 AND must_change <> ?2;", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return db_fail (db, rc, error);
  sqlite3_bind_int64 (stmt, 1, slot_id);
  sqlite3_bind_int (stmt, 2, must_change ? 1 : 0);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return db_fail (db, rc, error);

  return TRUE;
}

/* Picks the Argon2id parameters for a new slot: those of @preferred_slot if
 * it is a passphrase slot, else of any passphrase slot, else the default. */
static void
pick_params (UdhaVaultKeys *keys,
             int            preferred_slot,
             guint32       *ops,
             guint32       *mem)
{
  if (preferred_slot >= 0 &&
      udha_vault_keys_get_slot_params (keys, (guint8) preferred_slot, ops, mem))
    return;

  for (guint id = 0; id < 256; id++)
    if (udha_vault_keys_get_slot_params (keys, (guint8) id, ops, mem))
      return;

  udha_vault_kdf_get_params (UDHA_VAULT_KDF_DEFAULT, ops, mem);
}

/* Removes @slot_id only if it is a passphrase slot: never the recovery or
 * meta slot, whatever the user table says. */
static void
remove_passphrase_slot (UdhaVaultKeys *keys,
                        gint64         slot_id)
{
  guint32 ops;
  guint32 mem;

  if (slot_id >= 0 && slot_id <= 255 &&
      udha_vault_keys_get_slot_params (keys, (guint8) slot_id, &ops, &mem))
    udha_vault_keys_remove_slot (keys, (guint8) slot_id);
}

static gboolean
check_unlocked (UdhaVault  *self,
                GError    **error)
{
  if (self->key == NULL || self->db == NULL)
    {
      set_locked (error);
      return FALSE;
    }

  return TRUE;
}

/* Loads the current key file and authenticates it with this vault's key. */
static UdhaVaultKeys *
load_current_keys (UdhaVault  *self,
                   GError    **error)
{
  g_autoptr(UdhaVaultKeys) keys = NULL;

  keys = udha_vault_keys_load (self->keys_path, error);
  if (keys == NULL)
    return NULL;

  if (memcmp (udha_vault_keys_get_dbid (keys), udha_vault_key_get_dbid (self->key),
              UDHA_VAULT_DBID_LEN) != 0)
    {
      set_mismatch (error);
      return NULL;
    }

  if (!udha_vault_keys_verify_mac (keys, udha_vault_key_get_slots_key (self->key), error))
    return NULL;

  return g_steal_pointer (&keys);
}

/* Unwraps the DEK again with the secret this vault was unlocked with, to add
 * slots. The DEK itself is never kept while the vault is unlocked. */
static guint8 *
unwrap_own_dek (UdhaVault      *self,
                UdhaVaultKeys  *keys,
                const char     *secret,
                GError        **error)
{
  guint8 slot_id = 0;
  guint8 *dek;

  if (self->by_recovery)
    return udha_vault_keys_unwrap_recovery (keys, secret, error);

  dek = udha_vault_keys_unwrap_passphrase (keys, self->user_name, secret, &slot_id, error);
  if (dek != NULL && slot_id != self->slot_id)
    {
      udha_vault_dek_free (dek);
      set_wrong_secret (error);
      return NULL;
    }

  return dek;
}

/* Writes @keys with the next generation and applies @func to the database,
 * in one transaction: the key file is written before COMMIT, so a failed
 * write leaves the database unchanged, and a failed COMMIT leaves a key file
 * that is newer than the database, which unlock repairs silently. */
static gboolean
commit_keys (UdhaVault      *self,
             UdhaVaultKeys  *keys,
             DbChangeFunc    func,
             gpointer        data,
             GError        **error)
{
  gint64 db_generation = 0;
  gboolean found = FALSE;
  guint64 generation;

  if (!udha_vault_db_exec (self->db, "BEGIN IMMEDIATE;", error))
    return FALSE;

  if (!meta_get (self->db, "keys_generation", &db_generation, &found, error))
    goto fail;

  generation = MAX (udha_vault_keys_get_generation (keys), (guint64) MAX (db_generation, 0)) + 1;
  udha_vault_keys_set_generation (keys, generation);

  if (!meta_set (self->db, "keys_generation", (gint64) generation, error))
    goto fail;
  if (func != NULL && !func (self->db, data, error))
    goto fail;
  if (!udha_vault_keys_save (keys, self->keys_path, udha_vault_key_get_slots_key (self->key), error))
    goto fail;
  if (!udha_vault_db_exec (self->db, "COMMIT;", error))
    goto fail;

  self->generation = generation;
  if (self->keys_file_older)
    {
      self->keys_file_older = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEYS_FILE_OLDER]);
    }

  return TRUE;

fail:
  udha_vault_db_exec (self->db, "ROLLBACK;", NULL);
  return FALSE;
}

static char *
canonical_path (const char *path)
{
  return g_canonicalize_filename (path, NULL);
}

/* The shared part of every unlock. Exactly one of @passphrase and
 * @recovery_key is set. */
static UdhaVault *
unlock_internal (const char  *path_in,
                 const char  *user_name,
                 const char  *passphrase,
                 const char  *recovery_key,
                 GError     **error)
{
  g_autoptr(UdhaVault) self = NULL;
  g_autoptr(UdhaVaultKeys) keys = NULL;
  g_autoptr(UdhaVaultKey) key = NULL;
  g_autofree char *keys_new = NULL;
  g_autofree char *db_user = NULL;
  guint8 dbid[UDHA_VAULT_DBID_LEN];
  gint64 format_version = 0;
  gint64 db_generation = 0;
  gboolean found = FALSE;
  gboolean must_change = FALSE;
  guint8 slot_id = 0;
  guint8 *dek;

  self = g_object_new (UDHA_TYPE_VAULT, NULL);
  self->path = canonical_path (path_in);
  self->keys_path = keys_path_for (self->path);

  if (!g_file_test (self->path, G_FILE_TEST_EXISTS) &&
      !g_file_test (self->keys_path, G_FILE_TEST_EXISTS))
    {
      set_not_found (error);
      return NULL;
    }

  finish_interrupted_swap (self->path, self->keys_path);

  if (!g_file_test (self->path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *base = g_path_get_basename (self->path);

      g_set_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_NOT_FOUND,
                   /* Translators: %s is a file name, e.g. cases.udb */
                   _("The vault file %s is missing; only its key file is here. Restore the vault file from your backup."),
                   base);
      return NULL;
    }

  /* A leftover of an interrupted key-file write is never used. */
  keys_new = g_strconcat (self->keys_path, ".new", NULL);
  g_unlink (keys_new);

  /* Hard limits first: nothing below runs a KDF on a file that fails them. */
  keys = udha_vault_keys_load (self->keys_path, error);
  if (keys == NULL)
    return NULL;

  if (!read_db_dbid (self->path, dbid, error))
    return NULL;
  if (memcmp (dbid, udha_vault_keys_get_dbid (keys), UDHA_VAULT_DBID_LEN) != 0)
    {
      set_mismatch (error);
      return NULL;
    }

  if (passphrase != NULL)
    dek = udha_vault_keys_unwrap_passphrase (keys, user_name, passphrase, &slot_id, error);
  else
    {
      int id = udha_vault_keys_find_recovery (keys);

      dek = udha_vault_keys_unwrap_recovery (keys, recovery_key, error);
      slot_id = (guint8) MAX (id, 0);
    }
  if (dek == NULL)
    return NULL;

  key = udha_vault_key_new_from_dek (dek, dbid);
  udha_vault_dek_free (dek);
  if (key == NULL)
    {
      g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_KDF_MEMORY,
                           _("There is not enough free memory to unlock the vault. Close other programs and try again."));
      return NULL;
    }

  if (!udha_vault_keys_verify_mac (keys, udha_vault_key_get_slots_key (key), error))
    return NULL;

  self->db = udha_vault_db_open (self->path, key, UDHA_VAULT_DB_NONE, error);
  if (self->db == NULL)
    return NULL;
  self->key = g_steal_pointer (&key);

  if (!db_has_vault_tables (self->db, error) ||
      !meta_get (self->db, "format_version", &format_version, &found, error))
    return NULL;   /* dispose locks */
  if (format_version > UDHA_VAULT_FORMAT_VERSION)
    {
      set_newer_version (error);
      return NULL;
    }
  if (!found || format_version < 1)
    {
      g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_DAMAGED,
                           _("The vault file is damaged: its version is missing. Restore it from a backup."));
      return NULL;
    }

  if (passphrase != NULL)
    {
      g_autofree char *typed = udha_vault_user_name_fold (user_name);
      g_autofree char *stored = NULL;

      if (!user_by_slot (self->db, slot_id, &db_user, &must_change, error))
        return NULL;

      /* A slot from an older key file whose user was removed, or whose id was
       * given to another user since, does not sign anybody in. */
      stored = db_user != NULL ? udha_vault_user_name_fold (db_user) : NULL;
      if (stored == NULL || g_strcmp0 (stored, typed) != 0)
        {
          set_wrong_secret (error);
          return NULL;
        }
      self->user_name = g_steal_pointer (&db_user);
      self->must_change = must_change;
    }
  else
    {
      self->by_recovery = TRUE;
    }
  self->slot_id = slot_id;

  if (!meta_get (self->db, "keys_generation", &db_generation, &found, error))
    return NULL;
  self->generation = udha_vault_keys_get_generation (keys);
  if ((gint64) self->generation < db_generation)
    {
      g_message ("The key file is older than the vault (generation %" G_GUINT64_FORMAT " < %" G_GINT64_FORMAT ")",
                 self->generation, db_generation);
      self->keys_file_older = TRUE;
    }
  else if ((gint64) self->generation > db_generation)
    {
      /* The key file was written but the database update did not commit. */
      if (!meta_set (self->db, "keys_generation", (gint64) self->generation, error))
        return NULL;
    }

  self->has_audit_head = udha_vault_keys_get_audit_head (keys, &self->audit_seq, self->audit_hash);
  track_open (self);

  return g_steal_pointer (&self);
}

/* GObject */

static void
udha_vault_dispose (GObject *object)
{
  UdhaVault *self = (UdhaVault *)object;

  udha_vault_lock (self);

  G_OBJECT_CLASS (udha_vault_parent_class)->dispose (object);
}

static void
udha_vault_finalize (GObject *object)
{
  UdhaVault *self = (UdhaVault *)object;

  g_free (self->path);
  g_free (self->keys_path);
  g_free (self->user_name);

  G_OBJECT_CLASS (udha_vault_parent_class)->finalize (object);
}

static void
udha_vault_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  UdhaVault *self = UDHA_VAULT (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_USER_NAME:
      g_value_set_string (value, self->user_name);
      break;
    case PROP_LOCKED:
      g_value_set_boolean (value, udha_vault_is_locked (self));
      break;
    case PROP_KEYS_FILE_OLDER:
      g_value_set_boolean (value, self->keys_file_older);
      break;
    case PROP_MUST_CHANGE_PASSPHRASE:
      g_value_set_boolean (value, self->must_change);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
udha_vault_class_init (UdhaVaultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = udha_vault_dispose;
  object_class->finalize = udha_vault_finalize;
  object_class->get_property = udha_vault_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_USER_NAME] =
    g_param_spec_string ("user-name", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_LOCKED] =
    g_param_spec_boolean ("locked", NULL, NULL, TRUE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_KEYS_FILE_OLDER] =
    g_param_spec_boolean ("keys-file-older", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_MUST_CHANGE_PASSPHRASE] =
    g_param_spec_boolean ("must-change-passphrase", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * UdhaVault::locking:
   *
   * Emitted by udha_vault_lock() while the connection is still open: the
   * last moment to finalize prepared statements on it (the store does).
   */
  signals [LOCKING] =
    g_signal_new ("locking",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
udha_vault_init (UdhaVault *self)
{
}

/* Public API */

void
udha_vault_one_time_passphrase_free (UdhaVaultOneTimePassphrase *otp)
{
  if (otp == NULL)
    return;

  g_free (otp->user_name);
  udha_vault_secret_free (otp->passphrase);
  g_free (otp);
}

/**
 * udha_vault_exists:
 * @path: the path of a vault database
 *
 * Returns: %TRUE if the database or its key file exists at @path, so that
 *   the caller must offer to unlock rather than to create
 */
gboolean
udha_vault_exists (const char *path)
{
  g_autofree char *keys_path = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  keys_path = keys_path_for (path);

  return g_file_test (path, G_FILE_TEST_EXISTS) || g_file_test (keys_path, G_FILE_TEST_EXISTS);
}

/**
 * udha_vault_check_passphrase:
 * @passphrase: a new passphrase
 * @error: return location for a #GError
 *
 * The minimum policy for new passphrases: at least
 * %UDHA_VAULT_MIN_PASSPHRASE_CHARS characters.
 *
 * Returns: %TRUE if @passphrase may be used; else %UDHA_VAULT_ERROR_INVALID
 */
gboolean
udha_vault_check_passphrase (const char  *passphrase,
                             GError     **error)
{
  gsize bytes;
  glong chars;

  g_return_val_if_fail (passphrase != NULL, FALSE);

  bytes = strlen (passphrase);
  chars = g_utf8_validate (passphrase, -1, NULL) ? g_utf8_strlen (passphrase, -1) : (glong) bytes;

  if (chars < UDHA_VAULT_MIN_PASSPHRASE_CHARS)
    {
      g_set_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_INVALID,
                   _("The passphrase is too short. Use at least %d characters; several words are easy to remember."),
                   UDHA_VAULT_MIN_PASSPHRASE_CHARS);
      return FALSE;
    }

  if (bytes > MAX_PASSPHRASE_BYTES)
    {
      g_set_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_INVALID,
                   _("The passphrase is too long. Use at most %d characters."),
                   MAX_PASSPHRASE_BYTES);
      return FALSE;
    }

  return TRUE;
}

static const char * const common_passwords[] = {
  "password", "passw0rd", "password1", "123456", "1234567", "12345678", "123456789",
  "1234567890", "12345678910", "qwerty", "qwertyuiop", "qwerty123", "azerty", "abc123",
  "111111", "000000", "iloveyou", "admin", "administrator", "welcome", "letmein",
  "monkey", "dragon", "football", "sunshine", "princess", "trustno1", "changeme",
  "secret", "master", "shadow", "superman", "baseball", "starwars", "passphrase",
  "fjalekalim", "fjalekalimi", "shqiperia", "tirana", "albania", "udha", "udha1234",
  "1q2w3e4r", "1qaz2wsx", "zaq12wsx", "asdfghjkl", "zxcvbnm", "correcthorsebatterystaple",
};

/* log2 for x >= 1, within 0.09: enough for a strength hint, and no libm. */
static double
approx_log2 (double x)
{
  double r = 0;

  while (x >= 2)
    {
      x /= 2;
      r += 1;
    }

  return r + (x - 1);
}

/**
 * udha_vault_passphrase_strength:
 * @passphrase: a candidate passphrase
 *
 * A rough strength estimate for the GUI's hint, not a security guarantee:
 * length times the bits per character of the character classes used, with
 * repeated and sequential runs counting little and common passwords
 * (also with digits or symbols appended) counting nothing.
 *
 * Returns: 0 (very weak) to 4 (strong)
 */
int
udha_vault_passphrase_strength (const char *passphrase)
{
  g_autofree char *lower = NULL;
  gboolean has_lower = FALSE;
  gboolean has_upper = FALSE;
  gboolean has_digit = FALSE;
  gboolean has_symbol = FALSE;
  gboolean has_other = FALSE;
  gunichar prev = 0;
  gsize base_len;
  double effective = 0;
  double pool = 0;
  double bits;
  glong chars;

  g_return_val_if_fail (passphrase != NULL, 0);

  if (!g_utf8_validate (passphrase, -1, NULL) || *passphrase == '\0')
    return 0;

  chars = g_utf8_strlen (passphrase, -1);

  /* A common password, possibly followed by digits and punctuation. */
  lower = g_utf8_strdown (passphrase, -1);
  base_len = strlen (lower);
  while (base_len > 0 && (g_ascii_isdigit (lower[base_len - 1]) || g_ascii_ispunct (lower[base_len - 1])))
    base_len--;
  for (guint i = 0; i < G_N_ELEMENTS (common_passwords); i++)
    {
      if (strcmp (lower, common_passwords[i]) == 0 ||
          (base_len > 0 && strlen (common_passwords[i]) == base_len &&
           strncmp (lower, common_passwords[i], base_len) == 0))
        {
          sodium_memzero (lower, strlen (lower));
          return 0;
        }
    }
  sodium_memzero (lower, strlen (lower));

  for (const char *p = passphrase; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar lc = g_unichar_tolower (c);
      gunichar lprev = g_unichar_tolower (prev);

      if (g_unichar_islower (c))
        has_lower = TRUE;
      else if (g_unichar_isupper (c))
        has_upper = TRUE;
      else if (g_unichar_isdigit (c))
        has_digit = TRUE;
      else if (c < 128)
        has_symbol = TRUE;
      else
        has_other = TRUE;

      /* Repeats ("aaaa") and runs ("abcd", "4321") add little. */
      if (prev != 0 && (lc == lprev || lc == lprev + 1 || lc + 1 == lprev))
        effective += 0.25;
      else
        effective += 1.0;

      prev = c;
    }

  if (has_lower)
    pool += 26;
  if (has_upper)
    pool += 26;
  if (has_digit)
    pool += 10;
  if (has_symbol)
    pool += 33;
  if (has_other)
    pool += 40;

  bits = effective * approx_log2 (MAX (pool, 2));

  if (chars < UDHA_VAULT_MIN_PASSPHRASE_CHARS)
    return bits < 28 ? 0 : 1;
  if (bits < 36)
    return 1;
  if (bits < 60)
    return 2;
  if (bits < 80)
    return 3;
  return 4;
}

/**
 * udha_vault_check_user_name:
 * @user_name: a new user name
 * @error: return location for a #GError
 *
 * Returns: %TRUE if @user_name may be used; else %UDHA_VAULT_ERROR_INVALID
 */
gboolean
udha_vault_check_user_name (const char  *user_name,
                            GError     **error)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (user_name != NULL, FALSE);

  if (!g_utf8_validate (user_name, -1, NULL))
    {
      g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_INVALID,
                           _("The user name can only contain letters, digits, spaces, dots, dashes, underscores and apostrophes, for example “a.hoxha”."));
      return FALSE;
    }

  stripped = g_strstrip (g_strdup (user_name));
  if (*stripped == '\0')
    {
      g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_INVALID,
                           _("Enter a user name."));
      return FALSE;
    }

  if (g_utf8_strlen (stripped, -1) < 2)
    {
      g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_INVALID,
                           _("The user name is too short. Use at least 2 characters."));
      return FALSE;
    }

  if (g_utf8_strlen (stripped, -1) > MAX_USER_NAME_CHARS)
    {
      g_set_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_INVALID,
                   _("The user name is too long. Use at most %d characters."),
                   MAX_USER_NAME_CHARS);
      return FALSE;
    }

  for (const char *p = stripped; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* What a person types at every unlock: no symbols that differ
       * between keyboards. */
      if (!g_unichar_isalnum (c) && c != ' ' && c != '.' && c != '-' && c != '_' && c != '\'')
        {
          g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_INVALID,
                               _("The user name can only contain letters, digits, spaces, dots, dashes, underscores and apostrophes, for example “a.hoxha”."));
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * udha_vault_create:
 * @path: where to create the vault database; the key file is `<path>.keys`
 * @admin_name: the first user, who creates the vault
 * @passphrase: their passphrase (at least 10 characters)
 * @kdf: the Argon2id preset for the passphrase slot; %UDHA_VAULT_KDF_DEFAULT
 *   for real vaults
 * @recovery_key_out: (out): the recovery key, to show once; free with
 *   udha_vault_secret_free()
 * @error: return location for a #GError
 *
 * Creates a vault as in VAULT.md §11.1: the database is built as
 * `<path>.new`, the key file written atomically, then the database renamed
 * into place. Runs one Argon2id; call it from a worker thread in the GUI.
 *
 * Returns: (transfer full): the new vault, unlocked for @admin_name
 */
UdhaVault *
udha_vault_create (const char       *path,
                   const char       *admin_name,
                   const char       *passphrase,
                   UdhaVaultKdf      kdf,
                   UdhaVaultSecret **recovery_key_out,
                   GError          **error)
{
  g_autoptr(UdhaVault) self = NULL;
  g_autoptr(UdhaVaultKeys) keys = NULL;
  g_autoptr(UdhaVaultKey) key = NULL;
  g_autoptr(UdhaVaultSecret) recovery = NULL;
  g_autofree char *new_path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  guint8 dbid[UDHA_VAULT_DBID_LEN];
  guint8 *dek = NULL;
  gboolean keys_written = FALSE;
  sqlite3 *db;
  guint32 ops;
  guint32 mem;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (admin_name != NULL, NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);
  g_return_val_if_fail (recovery_key_out != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!udha_vault_check_user_name (admin_name, error) ||
      !udha_vault_check_passphrase (passphrase, error))
    return NULL;

  if (!udha_vault_kdf_get_params (kdf, &ops, &mem))
    {
      g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_INVALID,
                           _("Unknown passphrase protection level."));
      return NULL;
    }

  self = g_object_new (UDHA_TYPE_VAULT, NULL);
  self->path = canonical_path (path);
  self->keys_path = keys_path_for (self->path);
  name = g_strstrip (g_strdup (admin_name));

  if (udha_vault_exists (self->path))
    {
      g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_EXISTS,
                           _("A vault already exists at this location. Unlock it, or choose another location."));
      return NULL;
    }

  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      set_file_error (error, errno);
      return NULL;
    }

  new_path = g_strconcat (self->path, ".new", NULL);
  remove_db_files (new_path);

  dek = sodium_malloc (UDHA_VAULT_KEY_LEN);
  if (dek == NULL)
    g_error ("Out of secure memory");
  randombytes_buf (dek, UDHA_VAULT_KEY_LEN);
  randombytes_buf (dbid, sizeof dbid);

  key = udha_vault_key_new_from_dek (dek, dbid);
  if (key == NULL)
    g_error ("Out of secure memory");

  /* 2–3: the database, as <vault>.new */
  db = udha_vault_db_open (new_path, key, UDHA_VAULT_DB_CREATE, error);
  if (db == NULL)
    goto fail;
  if (!create_vault_tables (db, name, 1, error))
    {
      udha_vault_db_close (db);
      goto fail;
    }
  udha_vault_db_close (db);

  /* 4–5: the key file, then the database into place */
  keys = udha_vault_keys_new (dbid, 1);
  if (!udha_vault_keys_add_passphrase (keys, 1, name, passphrase, ops, mem, dek, error) ||
      !udha_vault_keys_add_recovery (keys, 2, dek, &recovery, error))
    goto fail;
  g_clear_pointer (&dek, udha_vault_dek_free);

  if (!udha_vault_keys_save (keys, self->keys_path, udha_vault_key_get_slots_key (key), error))
    goto fail;
  keys_written = TRUE;

  if (g_rename (new_path, self->path) != 0)
    {
      set_file_error (error, errno);
      goto fail;
    }
  udha_vault_unregister_key (new_path);
  if (!udha_vault_fsync_dir_of (self->path, error))
    goto fail;

  /* Open it as the creator. */
  self->db = udha_vault_db_open (self->path, key, UDHA_VAULT_DB_NONE, error);
  if (self->db == NULL)
    goto fail;
  self->key = g_steal_pointer (&key);
  self->user_name = g_steal_pointer (&name);
  self->slot_id = 1;
  self->generation = 1;
  track_open (self);

  *recovery_key_out = g_steal_pointer (&recovery);
  return g_steal_pointer (&self);

fail:
  g_clear_pointer (&dek, udha_vault_dek_free);
  udha_vault_unregister_key (new_path);
  remove_db_files (new_path);
  if (keys_written && !g_file_test (self->path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *bak = g_strconcat (self->keys_path, ".bak", NULL);

      g_unlink (self->keys_path);
      g_unlink (bak);
    }
  return NULL;
}

/**
 * udha_vault_unlock:
 * @path: the vault database
 * @user_name: the user name
 * @passphrase: the user's passphrase
 * @error: return location for a #GError
 *
 * VAULT.md §11.2. Runs exactly one Argon2id, also for an unknown user name;
 * a wrong user name and a wrong passphrase give the same
 * %UDHA_VAULT_ERROR_WRONG_SECRET. Blocks for about a second with the default
 * parameters: the GUI uses udha_vault_unlock_async().
 *
 * Check #UdhaVault:must-change-passphrase (force a change) and
 * #UdhaVault:keys-file-older (offer udha_vault_rewrite_keys_file()) after.
 *
 * Returns: (transfer full): the unlocked vault, or %NULL
 */
UdhaVault *
udha_vault_unlock (const char  *path,
                   const char  *user_name,
                   const char  *passphrase,
                   GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (user_name != NULL, NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return unlock_internal (path, user_name, passphrase, NULL, error);
}

typedef struct
{
  char            *path;
  char            *user_name;
  UdhaVaultSecret *passphrase;
} UnlockData;

static void
unlock_data_free (gpointer data)
{
  UnlockData *ud = data;

  g_free (ud->path);
  g_free (ud->user_name);
  udha_vault_secret_free (ud->passphrase);
  g_free (ud);
}

static void
unlock_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  UnlockData *ud = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaVault) vault = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  vault = udha_vault_unlock (ud->path, ud->user_name, ud->passphrase, &error);
  g_clear_pointer (&ud->passphrase, udha_vault_secret_free);

  if (vault == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (g_cancellable_is_cancelled (cancellable))
    {
      udha_vault_lock (vault);
      g_task_return_error_if_cancelled (task);
    }
  else
    g_task_return_pointer (task, g_steal_pointer (&vault), g_object_unref);
}

/**
 * udha_vault_unlock_async:
 * @path: the vault database
 * @user_name: the user name
 * @passphrase: the passphrase; copied at once into secure memory owned by the
 *   task and wiped there, so the caller may wipe its own copy on return
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the thread-default main context
 * @user_data: data for @callback
 *
 * Runs udha_vault_unlock() in a worker thread.
 */
void
udha_vault_unlock_async (const char          *path,
                         const char          *user_name,
                         const char          *passphrase,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  UnlockData *ud;

  g_return_if_fail (path != NULL);
  g_return_if_fail (user_name != NULL);
  g_return_if_fail (passphrase != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  ud = g_new0 (UnlockData, 1);
  ud->path = g_strdup (path);
  ud->user_name = g_strdup (user_name);
  ud->passphrase = udha_vault_secret_dup (passphrase, -1);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, udha_vault_unlock_async);
  g_task_set_name (task, "udha_vault_unlock_async");
  g_task_set_task_data (task, ud, unlock_data_free);
  g_task_run_in_thread (task, unlock_thread);
}

/**
 * udha_vault_unlock_finish:
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the unlocked vault, or %NULL with the same
 *   errors as udha_vault_unlock() (or %G_IO_ERROR_CANCELLED)
 */
UdhaVault *
udha_vault_unlock_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == udha_vault_unlock_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * udha_vault_unlock_with_recovery_key:
 * @path: the vault database
 * @recovery_key: the recovery key as typed (spaces, dashes and case are
 *   ignored)
 * @error: return location for a #GError
 *
 * Unlocks without a user. The vault has no user name: the caller lets the
 * person set a passphrase (udha_vault_recover()) or add a user.
 *
 * Returns: (transfer full): the unlocked vault, or %NULL
 */
UdhaVault *
udha_vault_unlock_with_recovery_key (const char  *path,
                                     const char  *recovery_key,
                                     GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (recovery_key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return unlock_internal (path, NULL, NULL, recovery_key, error);
}

typedef struct
{
  gint64   slot_id;
  gboolean must_change;
} MustChangeData;

static gboolean
apply_must_change (sqlite3   *db,
                   gpointer   data,
                   GError   **error)
{
  MustChangeData *mc = data;

  return set_must_change (db, mc->slot_id, mc->must_change, error);
}

/**
 * udha_vault_recover:
 * @path: the vault database
 * @user_name: an existing user of the vault
 * @recovery_key: the vault's recovery key
 * @new_passphrase: the user's new passphrase
 * @error: return location for a #GError
 *
 * Sets a new passphrase for @user_name with the recovery key (for a
 * forgotten passphrase). The recovery key stays valid. Unlock afterwards
 * with the new passphrase.
 *
 * Returns: %TRUE on success
 */
gboolean
udha_vault_recover (const char  *path,
                    const char  *user_name,
                    const char  *recovery_key,
                    const char  *new_passphrase,
                    GError     **error)
{
  g_autoptr(UdhaVault) self = NULL;
  g_autoptr(UdhaVaultKeys) keys = NULL;
  g_autoptr(GPtrArray) users = NULL;
  MustChangeData mc;
  UserRow *row;
  guint8 *dek;
  guint32 ops;
  guint32 mem;
  int old_slot;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (user_name != NULL, FALSE);
  g_return_val_if_fail (recovery_key != NULL, FALSE);
  g_return_val_if_fail (new_passphrase != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!udha_vault_check_passphrase (new_passphrase, error))
    return FALSE;

  self = unlock_internal (path, NULL, NULL, recovery_key, error);
  if (self == NULL)
    return FALSE;

  users = load_users (self->db, error);
  if (users == NULL)
    return FALSE;
  row = find_user_row (users, user_name);
  if (row == NULL)
    {
      g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_INVALID,
                           _("This vault has no user with that name. Check the user name and try again."));
      return FALSE;
    }

  keys = load_current_keys (self, error);
  if (keys == NULL)
    return FALSE;
  dek = udha_vault_keys_unwrap_recovery (keys, recovery_key, error);
  if (dek == NULL)
    return FALSE;

  old_slot = udha_vault_keys_find_user (keys, row->user_name);
  pick_params (keys, old_slot >= 0 ? old_slot : (int) row->slot_id, &ops, &mem);
  if (old_slot >= 0)
    udha_vault_keys_remove_slot (keys, (guint8) old_slot);
  remove_passphrase_slot (keys, row->slot_id);

  ok = udha_vault_keys_add_passphrase (keys, (guint8) row->slot_id, row->user_name, new_passphrase,
                                       ops, mem, dek, error);
  udha_vault_dek_free (dek);
  if (!ok)
    return FALSE;

  mc.slot_id = row->slot_id;
  mc.must_change = FALSE;
  return commit_keys (self, keys, apply_must_change, &mc, error);
}

/**
 * udha_vault_lock:
 * @self: a #UdhaVault
 *
 * Closes the main connection, unregisters the key from the VFS and frees
 * it (sodium_free wipes it). Close connections from
 * udha_vault_open_connection() first. Safe to call twice.
 */
void
udha_vault_lock (UdhaVault *self)
{
  g_return_if_fail (UDHA_IS_VAULT (self));

  if (self->key == NULL && self->db == NULL)
    return;

  if (self->n_connections > 0)
    g_warning ("Locking the vault with %u extra connection(s) still open", self->n_connections);

  g_signal_emit (self, signals [LOCKING], 0);
  g_clear_pointer (&self->db, udha_vault_db_close);
  if (self->key != NULL && self->path != NULL)
    {
      g_autoptr(UdhaVaultKey) other = untrack_open (self);
      g_autoptr(UdhaVaultKey) registered = _udha_vault_vfs_lookup_key (self->path);

      if (registered == self->key)
        {
          if (other != NULL)
            udha_vault_register_key (self->path, other);
          else
            udha_vault_unregister_key (self->path);
        }
    }
  g_clear_pointer (&self->key, udha_vault_key_unref);

  self->has_audit_head = FALSE;
  self->audit_seq = 0;
  sodium_memzero (self->audit_hash, sizeof self->audit_hash);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
}

gboolean
udha_vault_is_locked (UdhaVault *self)
{
  g_return_val_if_fail (UDHA_IS_VAULT (self), TRUE);

  return self->key == NULL || self->db == NULL;
}

const char *
udha_vault_get_path (UdhaVault *self)
{
  g_return_val_if_fail (UDHA_IS_VAULT (self), NULL);

  return self->path;
}

/**
 * udha_vault_get_user_name:
 * @self: a #UdhaVault
 *
 * Returns: (nullable): the signed-in user's name as stored at creation of
 *   their slot, or %NULL if the vault was unlocked with the recovery key
 */
const char *
udha_vault_get_user_name (UdhaVault *self)
{
  g_return_val_if_fail (UDHA_IS_VAULT (self), NULL);

  return self->user_name;
}

gboolean
udha_vault_get_unlocked_by_recovery (UdhaVault *self)
{
  g_return_val_if_fail (UDHA_IS_VAULT (self), FALSE);

  return self->by_recovery;
}

/**
 * udha_vault_get_keys_file_older:
 * @self: a #UdhaVault
 *
 * Returns: %TRUE if the key file in use is older than the last one this
 *   vault wrote (a removed passphrase may have been restored); offer
 *   udha_vault_rewrite_keys_file()
 */
gboolean
udha_vault_get_keys_file_older (UdhaVault *self)
{
  g_return_val_if_fail (UDHA_IS_VAULT (self), FALSE);

  return self->keys_file_older;
}

/**
 * udha_vault_get_must_change_passphrase:
 * @self: a #UdhaVault
 *
 * Returns: %TRUE if the user signed in with a one-time passphrase and must
 *   choose a new one (udha_vault_change_passphrase()) before working
 */
gboolean
udha_vault_get_must_change_passphrase (UdhaVault *self)
{
  g_return_val_if_fail (UDHA_IS_VAULT (self), FALSE);

  return self->must_change;
}

guint64
udha_vault_get_keys_generation (UdhaVault *self)
{
  g_return_val_if_fail (UDHA_IS_VAULT (self), 0);

  return self->generation;
}

/**
 * udha_vault_get_connection:
 * @self: a #UdhaVault
 *
 * Returns: (transfer none) (nullable): the main connection, owned by the
 *   vault and by the thread that unlocked it (the main thread in the GUI);
 *   %NULL when locked
 */
sqlite3 *
udha_vault_get_connection (UdhaVault *self)
{
  g_return_val_if_fail (UDHA_IS_VAULT (self), NULL);

  return self->db;
}

/**
 * udha_vault_get_key:
 * @self: a #UdhaVault
 *
 * Returns: (transfer none) (nullable): the key, %NULL when locked
 */
UdhaVaultKey *
udha_vault_get_key (UdhaVault *self)
{
  g_return_val_if_fail (UDHA_IS_VAULT (self), NULL);

  return self->key;
}

/**
 * udha_vault_get_audit_key:
 * @self: a #UdhaVault
 *
 * Returns: (nullable): K_audit (32 bytes, read-only secure memory, valid
 *   until the vault is locked), %NULL when locked
 */
const guint8 *
udha_vault_get_audit_key (UdhaVault *self)
{
  g_return_val_if_fail (UDHA_IS_VAULT (self), NULL);

  return self->key != NULL ? udha_vault_key_get_audit_key (self->key) : NULL;
}

/**
 * udha_vault_open_connection:
 * @self: an unlocked #UdhaVault
 * @error: return location for a #GError
 *
 * Opens another connection to the vault for a worker thread, with the full
 * set-up of VAULT.md §9 and no KDF run. Close it with
 * udha_vault_close_connection() before locking.
 *
 * Returns: (transfer full): a connection, or %NULL
 */
sqlite3 *
udha_vault_open_connection (UdhaVault  *self,
                            GError    **error)
{
  sqlite3 *db;

  g_return_val_if_fail (UDHA_IS_VAULT (self), NULL);

  if (!check_unlocked (self, error))
    return NULL;

  db = udha_vault_db_open (self->path, self->key, UDHA_VAULT_DB_NONE, error);
  if (db != NULL)
    g_atomic_int_inc (&self->n_connections);

  return db;
}

void
udha_vault_close_connection (UdhaVault *self,
                             sqlite3   *db)
{
  g_return_if_fail (UDHA_IS_VAULT (self));

  if (db == NULL)
    return;

  udha_vault_db_close (db);
  g_atomic_int_add (&self->n_connections, -1);
}

/**
 * udha_vault_list_users:
 * @self: an unlocked #UdhaVault
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the user names, in slot order
 */
GStrv
udha_vault_list_users (UdhaVault  *self,
                       GError    **error)
{
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (UDHA_IS_VAULT (self), NULL);

  if (!check_unlocked (self, error))
    return NULL;

  users = load_users (self->db, error);
  if (users == NULL)
    return NULL;

  for (guint i = 0; i < users->len; i++)
    g_strv_builder_add (builder, ((UserRow *) g_ptr_array_index (users, i))->user_name);

  return g_strv_builder_end (builder);
}

typedef struct
{
  gint64      slot_id;
  const char *user_name;
  gboolean    must_change;
} AddUserData;

static gboolean
insert_user (sqlite3   *db,
             gpointer   data,
             GError   **error)
{
  AddUserData *au = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "INSERT INTO vault_users (slot_id, user_name, must_change, created_at) "
                               "VALUES (?1, ?2, ?3, ?4);", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return db_fail (db, rc, error);
  sqlite3_bind_int64 (stmt, 1, au->slot_id);
  sqlite3_bind_text (stmt, 2, au->user_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, au->must_change ? 1 : 0);
  sqlite3_bind_int64 (stmt, 4, now_unix ());

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return db_fail (db, rc, error);

  return TRUE;
}

/**
 * udha_vault_add_user:
 * @self: an unlocked #UdhaVault
 * @current_secret: the passphrase of the signed-in user (or the recovery
 *   key if the vault was unlocked with it), to unwrap the DEK again
 * @user_name: the new user
 * @passphrase: the new user's first passphrase
 * @must_change: whether the new user must change it at the first unlock
 *   (%TRUE when an administrator chose it for them)
 * @error: return location for a #GError
 *
 * Adds a passphrase slot (VAULT.md §13.1, §13.2). Runs two Argon2id; call
 * from a worker thread in the GUI. Who may add users is decided by the
 * session layer, not here.
 *
 * Returns: %TRUE on success
 */
gboolean
udha_vault_add_user (UdhaVault   *self,
                     const char  *current_secret,
                     const char  *user_name,
                     const char  *passphrase,
                     gboolean     must_change,
                     GError     **error)
{
  g_autoptr(UdhaVaultKeys) keys = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autofree char *name = NULL;
  AddUserData au;
  guint8 *dek;
  guint8 slot_id;
  guint32 ops;
  guint32 mem;
  gboolean ok;

  g_return_val_if_fail (UDHA_IS_VAULT (self), FALSE);
  g_return_val_if_fail (current_secret != NULL, FALSE);
  g_return_val_if_fail (user_name != NULL, FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_unlocked (self, error) ||
      !udha_vault_check_user_name (user_name, error) ||
      !udha_vault_check_passphrase (passphrase, error))
    return FALSE;

  name = g_strstrip (g_strdup (user_name));

  keys = load_current_keys (self, error);
  if (keys == NULL)
    return FALSE;
  users = load_users (self->db, error);
  if (users == NULL)
    return FALSE;

  if (udha_vault_keys_find_user (keys, name) >= 0 || find_user_row (users, name) != NULL)
    {
      g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_EXISTS,
                           _("A user with this name already exists in this vault. Choose another name."));
      return FALSE;
    }
  if (udha_vault_keys_get_n_slots (keys) >= UDHA_VAULT_KEYS_MAX_SLOTS)
    {
      g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_INVALID,
                           _("This vault has reached the largest possible number of users. Remove a user you no longer need first."));
      return FALSE;
    }

  dek = unwrap_own_dek (self, keys, current_secret, error);
  if (dek == NULL)
    return FALSE;

  /* A slot id that neither the key file nor the user table uses. */
  slot_id = udha_vault_keys_next_slot_id (keys);
  for (guint i = 0; i < users->len; i++)
    {
      UserRow *row = g_ptr_array_index (users, i);

      if (row->slot_id >= slot_id && row->slot_id < 255)
        slot_id = (guint8) (row->slot_id + 1);
    }

  pick_params (keys, self->by_recovery ? -1 : self->slot_id, &ops, &mem);
  ok = udha_vault_keys_add_passphrase (keys, slot_id, name, passphrase, ops, mem, dek, error);
  udha_vault_dek_free (dek);
  if (!ok)
    return FALSE;

  au.slot_id = slot_id;
  au.user_name = name;
  au.must_change = must_change;
  return commit_keys (self, keys, insert_user, &au, error);
}

static gboolean
delete_user (sqlite3   *db,
             gpointer   data,
             GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "DELETE FROM vault_users WHERE slot_id = ?1;", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return db_fail (db, rc, error);
  sqlite3_bind_int64 (stmt, 1, *(gint64 *) data);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return db_fail (db, rc, error);

  return TRUE;
}

/**
 * udha_vault_remove_user:
 * @self: an unlocked #UdhaVault
 * @user_name: the user to remove
 * @error: return location for a #GError
 *
 * Removes the user's slot and row. No KDF runs. As with LUKS, an old copy of
 * the key file still holds the slot; only udha_vault_rekey() really revokes
 * it (VAULT.md §13.1), though unlock refuses slots without a user row.
 *
 * Returns: %TRUE on success
 */
gboolean
udha_vault_remove_user (UdhaVault   *self,
                        const char  *user_name,
                        GError     **error)
{
  g_autoptr(UdhaVaultKeys) keys = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *own = NULL;
  UserRow *row;
  gint64 slot_id;
  int labelled;

  g_return_val_if_fail (UDHA_IS_VAULT (self), FALSE);
  g_return_val_if_fail (user_name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_unlocked (self, error))
    return FALSE;

  folded = udha_vault_user_name_fold (user_name);
  own = self->user_name != NULL ? udha_vault_user_name_fold (self->user_name) : NULL;
  if (g_strcmp0 (folded, own) == 0)
    {
      g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_INVALID,
                           _("You cannot remove yourself. Ask another administrator to do it."));
      return FALSE;
    }

  users = load_users (self->db, error);
  if (users == NULL)
    return FALSE;
  row = find_user_row (users, user_name);
  if (row == NULL)
    {
      g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_INVALID,
                           _("This vault has no user with that name. Check the user name and try again."));
      return FALSE;
    }
  slot_id = row->slot_id;

  keys = load_current_keys (self, error);
  if (keys == NULL)
    return FALSE;

  labelled = udha_vault_keys_find_user (keys, row->user_name);
  if (labelled >= 0)
    udha_vault_keys_remove_slot (keys, (guint8) labelled);
  remove_passphrase_slot (keys, slot_id);

  return commit_keys (self, keys, delete_user, &slot_id, error);
}

/**
 * udha_vault_change_passphrase:
 * @self: a #UdhaVault unlocked with a passphrase
 * @old_passphrase: the current passphrase
 * @new_passphrase: the new passphrase (at least 10 characters)
 * @error: return location for a #GError
 *
 * Re-wraps the DEK in the user's slot with a fresh salt and nonce and the
 * same Argon2id parameters (VAULT.md §13.1). The database is untouched
 * except for vault_meta (generation) and the user's must_change flag. Runs
 * two Argon2id; call from a worker thread in the GUI.
 *
 * Returns: %TRUE on success
 */
gboolean
udha_vault_change_passphrase (UdhaVault   *self,
                              const char  *old_passphrase,
                              const char  *new_passphrase,
                              GError     **error)
{
  g_autoptr(UdhaVaultKeys) keys = NULL;
  MustChangeData mc;
  guint8 *dek;
  guint32 ops;
  guint32 mem;
  gboolean ok;

  g_return_val_if_fail (UDHA_IS_VAULT (self), FALSE);
  g_return_val_if_fail (old_passphrase != NULL, FALSE);
  g_return_val_if_fail (new_passphrase != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_unlocked (self, error))
    return FALSE;

  if (self->by_recovery)
    {
      g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_INVALID,
                           _("The vault was opened with the recovery key. Use “Set a new passphrase” with the recovery key instead."));
      return FALSE;
    }

  if (!udha_vault_check_passphrase (new_passphrase, error))
    return FALSE;

  keys = load_current_keys (self, error);
  if (keys == NULL)
    return FALSE;

  dek = unwrap_own_dek (self, keys, old_passphrase, error);
  if (dek == NULL)
    return FALSE;

  pick_params (keys, self->slot_id, &ops, &mem);
  udha_vault_keys_remove_slot (keys, self->slot_id);
  ok = udha_vault_keys_add_passphrase (keys, self->slot_id, self->user_name, new_passphrase,
                                       ops, mem, dek, error);
  udha_vault_dek_free (dek);
  if (!ok)
    return FALSE;

  mc.slot_id = self->slot_id;
  mc.must_change = FALSE;
  if (!commit_keys (self, keys, apply_must_change, &mc, error))
    return FALSE;

  if (self->must_change)
    {
      self->must_change = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MUST_CHANGE_PASSPHRASE]);
    }

  return TRUE;
}

/**
 * udha_vault_rewrite_keys_file:
 * @self: an unlocked #UdhaVault
 * @error: return location for a #GError
 *
 * For #UdhaVault:keys-file-older: drops the passphrase slots of users who
 * are no longer in the vault and writes the key file with a new generation.
 *
 * Returns: %TRUE on success
 */
gboolean
udha_vault_rewrite_keys_file (UdhaVault  *self,
                              GError    **error)
{
  g_autoptr(UdhaVaultKeys) keys = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GArray) stale = g_array_new (FALSE, FALSE, sizeof (guint8));

  g_return_val_if_fail (UDHA_IS_VAULT (self), FALSE);

  if (!check_unlocked (self, error))
    return FALSE;

  keys = load_current_keys (self, error);
  if (keys == NULL)
    return FALSE;
  users = load_users (self->db, error);
  if (users == NULL)
    return FALSE;

  for (guint id = 0; id < 256; id++)
    {
      guint32 ops;
      guint32 mem;
      gboolean known = FALSE;

      if (!udha_vault_keys_get_slot_params (keys, (guint8) id, &ops, &mem))
        continue;

      for (guint i = 0; i < users->len && !known; i++)
        {
          UserRow *row = g_ptr_array_index (users, i);

          known = row->slot_id == id && udha_vault_keys_find_user (keys, row->user_name) == (int) id;
        }
      if (!known)
        {
          guint8 id8 = (guint8) id;

          g_array_append_val (stale, id8);
        }
    }

  for (guint i = 0; i < stale->len; i++)
    udha_vault_keys_remove_slot (keys, g_array_index (stale, guint8, i));

  return commit_keys (self, keys, NULL, NULL, error);
}

static UdhaVaultSecret *
make_one_time_passphrase (void)
{
  static const char alphabet[] = "abcdefghijkmnpqrstuvwxyz23456789";   /* 32, no l, o, 0, 1 */
  UdhaVaultSecret *out = udha_vault_secret_new (20);
  gsize pos = 0;

  G_STATIC_ASSERT (sizeof alphabet - 1 == 32);

  for (guint i = 0; i < 16; i++)
    {
      if (i > 0 && i % 4 == 0)
        out[pos++] = '-';
      out[pos++] = alphabet[randombytes_uniform (32)];
    }
  out[pos] = '\0';

  return out;
}

typedef struct
{
  gint64   own_slot;
  guint64  generation;
} RekeyData;

static gboolean
rekey_update_db (sqlite3   *db,
                 RekeyData *rd,
                 GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!udha_vault_db_exec (db, "BEGIN IMMEDIATE;", error))
    return FALSE;

  if (!meta_set (db, "keys_generation", (gint64) rd->generation, error))
    goto fail;

  rc = sqlite3_prepare_v2 (db, "UPDATE vault_users SET must_change = (slot_id <> ?1);", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, rd->own_slot);
      rc = sqlite3_step (stmt);
    }
  if (rc != SQLITE_DONE)
    {
      db_fail (db, rc, error);
      goto fail;
    }

  return udha_vault_db_exec (db, "COMMIT;", error);

fail:
  udha_vault_db_exec (db, "ROLLBACK;", NULL);
  return FALSE;
}

/**
 * udha_vault_rekey:
 * @self: a #UdhaVault unlocked with a passphrase, with no extra connections
 *   open
 * @passphrase: the signed-in user's passphrase
 * @recovery_key_out: (out): the new recovery key, to show once
 * @one_time_out: (out) (element-type UdhaVaultOneTimePassphrase): one-time
 *   passphrases for every other user, to hand out; they must change them at
 *   their next unlock
 * @error: return location for a #GError
 *
 * DEK rotation (VAULT.md §13.3): VACUUM INTO `<vault>.new` under a new DEK
 * and dbid, a new key file `<vault>.new.keys` (this user's passphrase, a new
 * recovery key, one-time passphrases for the others, the audit head), then
 * both renamed over the originals and the directory fsynced. Old key files
 * (and `.keys.bak`, which becomes a copy of the new file) no longer open
 * the vault. The vault stays unlocked under the new key.
 *
 * Returns: %TRUE on success
 */
gboolean
udha_vault_rekey (UdhaVault         *self,
                  const char        *passphrase,
                  UdhaVaultSecret  **recovery_key_out,
                  GPtrArray        **one_time_out,
                  GError           **error)
{
  g_autoptr(UdhaVaultKeys) keys = NULL;
  g_autoptr(UdhaVaultKeys) new_keys = NULL;
  g_autoptr(UdhaVaultKey) new_key = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GPtrArray) one_time = NULL;
  g_autoptr(UdhaVaultSecret) recovery = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *new_path = NULL;
  g_autofree char *new_keys_path = NULL;
  g_autofree char *bak = NULL;
  g_autofree char *bak_tmp = NULL;
  guint8 new_dbid[UDHA_VAULT_DBID_LEN];
  guint8 *dek;
  guint8 *new_dek = NULL;
  gint64 db_generation = 0;
  gboolean found;
  RekeyData rd;
  sqlite3 *db;
  guint32 ops;
  guint32 mem;

  g_return_val_if_fail (UDHA_IS_VAULT (self), FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);
  g_return_val_if_fail (recovery_key_out != NULL, FALSE);
  g_return_val_if_fail (one_time_out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_unlocked (self, error))
    return FALSE;

  if (self->by_recovery)
    {
      g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_INVALID,
                           _("Set a passphrase with the recovery key and unlock with it before you replace the vault key."));
      return FALSE;
    }

  if (g_atomic_int_get (&self->n_connections) > 0 || count_others_open (self) > 0)
    {
      g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_INVALID,
                           _("The vault is busy. Wait until reports, exports and backups have finished, then try again."));
      return FALSE;
    }

  keys = load_current_keys (self, error);
  if (keys == NULL)
    return FALSE;

  /* The passphrase authorises the rotation and wraps the new DEK. */
  dek = unwrap_own_dek (self, keys, passphrase, error);
  if (dek == NULL)
    return FALSE;
  udha_vault_dek_free (dek);

  pick_params (keys, self->slot_id, &ops, &mem);
  users = load_users (self->db, error);
  if (users == NULL)
    return FALSE;
  if (!meta_get (self->db, "keys_generation", &db_generation, &found, error))
    return FALSE;

  new_path = g_strconcat (self->path, ".new", NULL);
  new_keys_path = g_strconcat (self->path, ".new.keys", NULL);
  remove_db_files (new_path);
  g_unlink (new_keys_path);

  new_dek = sodium_malloc (UDHA_VAULT_KEY_LEN);
  if (new_dek == NULL)
    g_error ("Out of secure memory");
  randombytes_buf (new_dek, UDHA_VAULT_KEY_LEN);
  randombytes_buf (new_dbid, sizeof new_dbid);
  new_key = udha_vault_key_new_from_dek (new_dek, new_dbid);
  if (new_key == NULL)
    g_error ("Out of secure memory");

  /* 1–3: the copy under the new key */
  if (!udha_vault_db_vacuum_into (self->db, new_path, new_key, error))
    goto fail;

  rd.own_slot = self->slot_id;
  rd.generation = MAX (udha_vault_keys_get_generation (keys), (guint64) MAX (db_generation, 0)) + 1;

  db = udha_vault_db_open (new_path, new_key, UDHA_VAULT_DB_NONE, error);
  if (db == NULL)
    goto fail;
  if (!rekey_update_db (db, &rd, error))
    {
      udha_vault_db_close (db);
      goto fail;
    }
  udha_vault_db_close (db);

  /* 4: the new key file */
  new_keys = udha_vault_keys_new (new_dbid, rd.generation);
  if (!udha_vault_keys_add_passphrase (new_keys, self->slot_id, self->user_name, passphrase,
                                       ops, mem, new_dek, error))
    goto fail;

  one_time = g_ptr_array_new_with_free_func ((GDestroyNotify) udha_vault_one_time_passphrase_free);
  for (guint i = 0; i < users->len; i++)
    {
      UserRow *row = g_ptr_array_index (users, i);
      UdhaVaultOneTimePassphrase *otp;

      if (row->slot_id == self->slot_id || row->slot_id < 1 || row->slot_id > 255)
        continue;

      otp = g_new0 (UdhaVaultOneTimePassphrase, 1);
      otp->user_name = g_strdup (row->user_name);
      otp->passphrase = make_one_time_passphrase ();
      g_ptr_array_add (one_time, otp);

      if (!udha_vault_keys_add_passphrase (new_keys, (guint8) row->slot_id, row->user_name,
                                           otp->passphrase, ops, mem, new_dek, error))
        goto fail;
    }

  if (!udha_vault_keys_add_recovery (new_keys, udha_vault_keys_next_slot_id (new_keys),
                                     new_dek, &recovery, error))
    goto fail;
  g_clear_pointer (&new_dek, udha_vault_dek_free);

  if (self->has_audit_head)
    udha_vault_keys_set_audit_head (new_keys, self->audit_seq, self->audit_hash);

  bytes = udha_vault_keys_serialize (new_keys, udha_vault_key_get_slots_key (new_key));
  if (!udha_vault_write_file_atomic (new_keys_path, g_bytes_get_data (bytes, NULL),
                                     g_bytes_get_size (bytes), FALSE, error))
    goto fail;

  /* 4 (cont.): swap. The main connection holds the old file open. */
  g_clear_pointer (&self->db, udha_vault_db_close);

  if (g_rename (new_path, self->path) != 0)
    {
      int saved_errno = errno;

      self->db = udha_vault_db_open (self->path, self->key, UDHA_VAULT_DB_NONE, NULL);
      set_file_error (error, saved_errno);
      goto fail;
    }

  /* From here the new database is in place; unlock rolls a crash forward. */
  bak = g_strconcat (self->keys_path, ".bak", NULL);
  bak_tmp = g_strconcat (self->keys_path, ".bak.new", NULL);
  g_unlink (bak_tmp);
  if (link (new_keys_path, bak_tmp) == 0)
    g_rename (bak_tmp, bak);
  else
    g_unlink (bak);   /* the old .bak matches no database any more */

  if (g_rename (new_keys_path, self->keys_path) != 0)
    {
      /* The next unlock completes the swap (finish_interrupted_swap()). */
      set_file_error (error, errno);
      udha_vault_unregister_key (new_path);
      udha_vault_lock (self);
      return FALSE;
    }
  udha_vault_fsync_dir_of (self->path, NULL);

  udha_vault_unregister_key (new_path);
  unregister_if_ours (self->path, self->key);
  g_clear_pointer (&self->key, udha_vault_key_unref);
  self->key = g_steal_pointer (&new_key);
  self->generation = rd.generation;

  self->db = udha_vault_db_open (self->path, self->key, UDHA_VAULT_DB_NONE, error);
  if (self->db == NULL)
    {
      udha_vault_lock (self);
      return FALSE;
    }

  *recovery_key_out = g_steal_pointer (&recovery);
  *one_time_out = g_steal_pointer (&one_time);
  return TRUE;

fail:
  g_clear_pointer (&new_dek, udha_vault_dek_free);
  udha_vault_unregister_key (new_path);
  remove_db_files (new_path);
  g_unlink (new_keys_path);
  return FALSE;
}

/**
 * udha_vault_verify:
 * @self: an unlocked #UdhaVault
 * @error: return location for a #GError
 *
 * Authenticates every page of the database, runs PRAGMA integrity_check
 * and verifies the key file (dbid and trailer MAC).
 *
 * Returns: %TRUE if everything is intact; else the first problem
 */
gboolean
udha_vault_verify (UdhaVault  *self,
                   GError    **error)
{
  g_autoptr(UdhaVaultKeys) keys = NULL;
  guint bad_page = 0;

  g_return_val_if_fail (UDHA_IS_VAULT (self), FALSE);

  if (!check_unlocked (self, error))
    return FALSE;

  if (!udha_vault_db_verify (self->db, &bad_page, error))
    return FALSE;

  keys = load_current_keys (self, error);
  if (keys == NULL)
    return FALSE;

  return TRUE;
}

/**
 * udha_vault_verify_full:
 * @self: an unlocked #UdhaVault
 * @progress: (nullable): called with the fraction done, from the calling thread
 * @user_data: for @progress
 * @cancellable: (nullable): stops the check (G_IO_ERROR_CANCELLED)
 * @error: return location for a #GError
 *
 * udha_vault_verify() on a connection of its own, so it can run in a
 * worker thread while the window keeps using the vault. Only reads:
 * cancelling leaves the vault as it was.
 *
 * Returns: %TRUE if every page and the key file are intact
 */
gboolean
udha_vault_verify_full (UdhaVault              *self,
                        UdhaVaultProgressFunc   progress,
                        gpointer                user_data,
                        GCancellable           *cancellable,
                        GError                **error)
{
  g_autoptr(UdhaVaultKeys) keys = NULL;
  guint bad_page = 0;
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (UDHA_IS_VAULT (self), FALSE);

  db = udha_vault_open_connection (self, error);
  if (db == NULL)
    return FALSE;
  ok = udha_vault_db_verify_full (db, &bad_page, progress, user_data, cancellable, error);
  udha_vault_close_connection (self, db);
  if (!ok)
    return FALSE;

  keys = load_current_keys (self, error);
  return keys != NULL;
}

/**
 * udha_vault_store_audit_head:
 * @self: an unlocked #UdhaVault
 * @seq: the sequence number of the last audit entry
 * @hash: its chain hash h_n
 * @error: return location for a #GError
 *
 * Anchors the audit chain (VAULT.md §15.3) in the key file's meta slot,
 * authenticated by the trailer MAC and the generation. Call before
 * udha_vault_lock(). Writes the key file (new generation).
 *
 * Returns: %TRUE on success
 */
gboolean
udha_vault_store_audit_head (UdhaVault     *self,
                             guint64        seq,
                             const guint8   hash[UDHA_VAULT_AUDIT_HASH_LEN],
                             GError       **error)
{
  g_autoptr(UdhaVaultKeys) keys = NULL;

  g_return_val_if_fail (UDHA_IS_VAULT (self), FALSE);
  g_return_val_if_fail (hash != NULL, FALSE);

  if (!check_unlocked (self, error))
    return FALSE;

  keys = load_current_keys (self, error);
  if (keys == NULL)
    return FALSE;

  if (!udha_vault_keys_get_audit_head (keys, NULL, NULL) &&
      udha_vault_keys_get_n_slots (keys) >= UDHA_VAULT_KEYS_MAX_SLOTS)
    {
      g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_INVALID,
                           _("This vault has reached the largest possible number of users. Remove a user you no longer need first."));
      return FALSE;
    }

  udha_vault_keys_set_audit_head (keys, seq, hash);
  if (!commit_keys (self, keys, NULL, NULL, error))
    return FALSE;

  self->has_audit_head = TRUE;
  self->audit_seq = seq;
  memcpy (self->audit_hash, hash, UDHA_VAULT_AUDIT_HASH_LEN);

  return TRUE;
}

/**
 * udha_vault_get_audit_head:
 * @self: an unlocked #UdhaVault
 * @seq: (out) (optional): the anchored sequence number
 * @hash: (out) (optional): the anchored chain hash
 *
 * Returns: %FALSE if no audit head is anchored
 */
gboolean
udha_vault_get_audit_head (UdhaVault *self,
                           guint64   *seq,
                           guint8     hash[UDHA_VAULT_AUDIT_HASH_LEN])
{
  g_return_val_if_fail (UDHA_IS_VAULT (self), FALSE);

  if (!self->has_audit_head)
    return FALSE;

  if (seq != NULL)
    *seq = self->audit_seq;
  if (hash != NULL)
    memcpy (hash, self->audit_hash, UDHA_VAULT_AUDIT_HASH_LEN);

  return TRUE;
}
