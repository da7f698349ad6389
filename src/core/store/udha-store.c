/* udha-store.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* UdhaStore (STYLE.md §8): the case-data store over an unlocked vault's
 * connection. Opening runs the schema migrations keyed on PRAGMA
 * user_version, then checks the audit chain's head against the one anchored
 * in the key file (rollback detection). Statements are prepared once and
 * cached by SQL text; writes run in BEGIN IMMEDIATE transactions, nested
 * ones as savepoints. */

#define G_LOG_DOMAIN "udha-store"

#include "config.h"

#include "udha-store.h"
#include "udha-store-private.h"

#include <glib/gi18n.h>

struct _UdhaStore
{
  GObject      parent_instance;

  UdhaVault   *vault;
  sqlite3     *db;             /* owned by the vault */
  GHashTable  *statements;     /* SQL text → sqlite3_stmt */
  guint        depth;          /* transaction nesting */
  int          schema_version;
};

static void udha_store_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (UdhaStore, udha_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, udha_store_initable_iface_init))

enum {
  PROP_0,
  PROP_VAULT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

typedef gboolean (*UdhaMigration) (sqlite3 *db, GError **error);

/* If adding anything here, add a test that opens a vault at the previous
 * version (test-store-migrations.c). */
static const UdhaMigration migrations[] = {
  /* 0 → 1 */ _udha_store_migrate_v1,
  /* 1 → 2 */ _udha_store_migrate_v2,
  /* 2 → 3 */ _udha_store_migrate_v3,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == UDHA_STORE_SCHEMA_VERSION);

/* Auxiliary methods */

void
_udha_store_set_error (GError  **error,
                       sqlite3  *db,
                       int       rc)
{
  int primary = rc & 0xff;
  const char *msg = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  /* sqlite3_errmsg() names constraints and tables, never values. */
  if (rc == SQLITE_IOERR_DATA || primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    g_set_error_literal (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_CORRUPT,
                         _("The vault file is damaged or has been tampered with. Restore it from a backup."));
  else if (primary == SQLITE_CONSTRAINT)
    g_set_error (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_CONSTRAINT,
                 _("The change was refused because it breaks a rule of the database: %s."), msg);
  else if (primary == SQLITE_FULL)
    g_set_error_literal (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_NO_SPACE,
                         _("The disk is full. Free some space, then try again. Nothing was saved."));
  else if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    g_set_error_literal (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_BUSY,
                         _("The vault is busy with another task. Try again in a moment."));
  else if (primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN)
    g_set_error (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_OPEN,
                 _("The vault file could not be read or written: %s (%s)."),
                 sqlite3_errstr (rc),
                 db != NULL && sqlite3_system_errno (db) != 0 ? g_strerror (sqlite3_system_errno (db)) : "-");
  else
    g_set_error (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_QUERY,
                 _("A database operation failed: %s."), msg);
}

gboolean
_udha_store_fail (UdhaStore  *self,
                  int         rc,
                  GError    **error)
{
  _udha_store_set_error (error, self->db, rc);
  return FALSE;
}

sqlite3 *
_udha_store_get_db (UdhaStore *self)
{
  return self->db;
}

gboolean
_udha_store_exec (UdhaStore   *self,
                  const char  *sql,
                  GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _udha_store_fail (self, rc, error);
  return TRUE;
}

void
_udha_cached_stmt_release (UdhaCachedStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

gboolean
_udha_store_step_done (UdhaStore     *self,
                       sqlite3_stmt  *stmt,
                       GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return _udha_store_fail (self, rc, error);
  return TRUE;
}

void
_udha_bind_text (sqlite3_stmt *stmt,
                 int           pos,
                 const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, pos, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, pos);
}

void
_udha_bind_id (sqlite3_stmt *stmt,
               int           pos,
               gint64        id)
{
  if (id != 0)
    sqlite3_bind_int64 (stmt, pos, id);
  else
    sqlite3_bind_null (stmt, pos);
}

char *
_udha_column_dup (sqlite3_stmt *stmt,
                  int           col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

char *
_udha_store_now (void)
{
  g_autoptr(GDateTime) dt = g_date_time_new_now_utc ();

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

char *
_udha_store_today (void)
{
  g_autoptr(GDateTime) dt = g_date_time_new_now_utc ();

  return g_date_time_format (dt, "%Y-%m-%d");
}

static gboolean
read_user_version (sqlite3  *db,
                   int      *version,
                   GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version;", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _udha_store_set_error (error, db, rc);
      return FALSE;
    }
  *version = sqlite3_column_int (stmt, 0);
  return TRUE;
}

static gboolean
run_migrations (UdhaStore  *self,
                GError    **error)
{
  int version = 0;

  if (!read_user_version (self->db, &version, error))
    return FALSE;

  if (version > UDHA_STORE_SCHEMA_VERSION)
    {
      g_set_error_literal (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_MIGRATION,
                           _("This vault was saved by a newer version of Udha. Update Udha to open it."));
      return FALSE;
    }

  for (int k = version; k < UDHA_STORE_SCHEMA_VERSION; k++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *set_version = NULL;

      g_debug ("Migrating the store schema from version %d to %d", k, k + 1);

      if (!_udha_store_exec (self, "BEGIN IMMEDIATE;", error))
        return FALSE;

      /* The version is a small integer from this file, not a value. */
      set_version = g_strdup_printf ("PRAGMA user_version = %d;", k + 1);
      if (!migrations[k] (self->db, &local_error) ||
          !_udha_store_exec (self, set_version, &local_error) ||
          !_udha_store_exec (self, "COMMIT;", &local_error))
        {
          sqlite3_exec (self->db, "ROLLBACK;", NULL, NULL, NULL);
          g_set_error (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_MIGRATION,
                       _("The vault could not be upgraded to the current version of Udha (step %d): %s"),
                       k + 1, local_error->message);
          return FALSE;
        }
    }

  self->schema_version = UDHA_STORE_SCHEMA_VERSION;
  return TRUE;
}

/* A bulk load that stopped half-way (the process was killed) left the
 * caseload's stored keys and indexes to be built: build them now. */
static gboolean
finish_bulk_load (UdhaStore  *self,
                  GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean pending;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "SELECT EXISTS (SELECT 1 FROM bulk_load);", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _udha_store_set_error (error, self->db, rc);
      return FALSE;
    }
  pending = sqlite3_column_int (stmt, 0) != 0;
  if (!pending)
    return TRUE;

  g_message ("Completing an interrupted bulk load of the caseload");
  if (!_udha_store_exec (self, "BEGIN IMMEDIATE;", error))
    return FALSE;
  if (!_udha_store_bulk_load_end (self, error) ||
      !_udha_store_exec (self, "COMMIT;", error))
    {
      sqlite3_exec (self->db, "ROLLBACK;", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

/* Interface implementations */

/* The vault is about to close its connection: statements go first, and the
 * store refuses work from now on (udha_store_prepare() says it is locked). */
static void
vault_locking_cb (UdhaStore *self)
{
  g_hash_table_remove_all (self->statements);
  self->db = NULL;
}

static gboolean
udha_store_initable_init (GInitable     *initable,
                          GCancellable  *cancellable,
                          GError       **error)
{
  UdhaStore *self = UDHA_STORE (initable);

  if (self->vault == NULL || udha_vault_is_locked (self->vault))
    {
      g_set_error_literal (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_OPEN,
                           _("The vault is locked."));
      return FALSE;
    }

  self->db = udha_vault_get_connection (self->vault);
  g_signal_connect_object (self->vault, "locking", G_CALLBACK (vault_locking_cb),
                           self, G_CONNECT_SWAPPED);
  sqlite3_busy_timeout (self->db, 5000);

  if (!run_migrations (self, error) ||
      !finish_bulk_load (self, error))
    return FALSE;

  return _udha_store_audit_check_anchor (self, error);
}

static void
udha_store_initable_iface_init (GInitableIface *iface)
{
  iface->init = udha_store_initable_init;
}

static void
udha_store_dispose (GObject *object)
{
  UdhaStore *self = (UdhaStore *) object;

  /* Finalize the cached statements before the vault closes the connection. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  self->db = NULL;
  g_clear_object (&self->vault);

  G_OBJECT_CLASS (udha_store_parent_class)->dispose (object);
}

static void
udha_store_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  UdhaStore *self = UDHA_STORE (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      g_value_set_object (value, self->vault);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
udha_store_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  UdhaStore *self = UDHA_STORE (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      self->vault = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
udha_store_class_init (UdhaStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = udha_store_dispose;
  object_class->get_property = udha_store_get_property;
  object_class->set_property = udha_store_set_property;

  properties [PROP_VAULT] =
    g_param_spec_object ("vault", NULL, NULL,
                         UDHA_TYPE_VAULT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
udha_store_init (UdhaStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) sqlite3_finalize);
}

/* Public API */

/**
 * udha_store_new:
 * @vault: an unlocked #UdhaVault
 * @error: return location for a #GError
 *
 * Opens the store on the vault's main connection: runs the migrations
 * (refusing a schema newer than %UDHA_STORE_SCHEMA_VERSION with
 * %UDHA_STORE_ERROR_MIGRATION) and compares the audit chain's head with the
 * one anchored in the key file (%UDHA_STORE_ERROR_AUDIT when the database
 * is older). Drop the store before locking the vault.
 *
 * Returns: (transfer full): a new #UdhaStore, or %NULL
 */
UdhaStore *
udha_store_new (UdhaVault  *vault,
                GError    **error)
{
  g_return_val_if_fail (UDHA_IS_VAULT (vault), NULL);

  return g_initable_new (UDHA_TYPE_STORE, NULL, error, "vault", vault, NULL);
}

UdhaVault *
udha_store_get_vault (UdhaStore *self)
{
  g_return_val_if_fail (UDHA_IS_STORE (self), NULL);

  return self->vault;
}

int
udha_store_get_schema_version (UdhaStore *self)
{
  g_return_val_if_fail (UDHA_IS_STORE (self), 0);

  return self->schema_version;
}

/**
 * udha_store_prepare:
 * @self: a #UdhaStore
 * @sql: fixed SQL text with `?` parameters (never values)
 * @error: return location for a #GError
 *
 * Returns a cached statement (SQLITE_PREPARE_PERSISTENT), reset and with
 * its bindings cleared. Reset it after use (g_autoptr(UdhaCachedStmt) in
 * the store's own files does that).
 *
 * Returns: (transfer none): the statement, or %NULL
 */
sqlite3_stmt *
udha_store_prepare (UdhaStore   *self,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (UDHA_IS_STORE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  if (self->db == NULL)
    {
      g_set_error_literal (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_OPEN, _("The vault is locked."));
      return NULL;
    }

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _udha_store_fail (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

/**
 * udha_store_begin:
 * @self: a #UdhaStore
 * @error: return location for a #GError
 *
 * Starts a write transaction (BEGIN IMMEDIATE) or, inside one, a savepoint.
 * Every begin is matched by udha_store_commit() or udha_store_rollback().
 *
 * Returns: %TRUE on success
 */
gboolean
udha_store_begin (UdhaStore  *self,
                  GError    **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (UDHA_IS_STORE (self), FALSE);

  if (self->depth == 0)
    {
      if (!_udha_store_exec (self, "BEGIN IMMEDIATE;", error))
        return FALSE;
    }
  else
    {
      sql = g_strdup_printf ("SAVEPOINT s%u;", self->depth);
      if (!_udha_store_exec (self, sql, error))
        return FALSE;
    }
  self->depth++;
  return TRUE;
}

gboolean
udha_store_commit (UdhaStore  *self,
                   GError    **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (UDHA_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->depth == 1)
    {
      if (!_udha_store_exec (self, "COMMIT;", error))
        {
          udha_store_rollback (self);
          return FALSE;
        }
    }
  else
    {
      sql = g_strdup_printf ("RELEASE s%u;", self->depth - 1);
      if (!_udha_store_exec (self, sql, error))
        return FALSE;
    }
  self->depth--;
  return TRUE;
}

void
udha_store_rollback (UdhaStore *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (UDHA_IS_STORE (self));
  g_return_if_fail (self->depth > 0);

  if (self->depth == 1)
    sqlite3_exec (self->db, "ROLLBACK;", NULL, NULL, NULL);
  else
    {
      sql = g_strdup_printf ("ROLLBACK TO s%u; RELEASE s%u;", self->depth - 1, self->depth - 1);
      sqlite3_exec (self->db, sql, NULL, NULL, NULL);
    }
  self->depth--;
}

gboolean
udha_store_in_transaction (UdhaStore *self)
{
  g_return_val_if_fail (UDHA_IS_STORE (self), FALSE);

  return self->depth > 0;
}
