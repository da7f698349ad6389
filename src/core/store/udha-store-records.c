/* udha-store-records.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Generic persistence of record GObjects described by a UdhaRecordInfo
 * (udha-record.h): the table is the record name plus "s", the columns are
 * the field names, code lists live in <record>_<field> child tables. The SQL
 * is built from those fixed names only; values are always bound. Updates
 * check the row version: zero rows changed is a conflict, never an
 * overwrite. */

#define G_LOG_DOMAIN "udha-store-records"

#include "config.h"

#include "udha-store-private.h"

#include <glib/gi18n.h>

const char *
_udha_store_table_for (const UdhaRecordInfo *info)
{
  static GHashTable *tables = NULL;
  static GMutex lock;
  const char *table;

  g_mutex_lock (&lock);
  if (tables == NULL)
    tables = g_hash_table_new (g_str_hash, g_str_equal);
  table = g_hash_table_lookup (tables, info->name);
  if (table == NULL)
    {
      g_autofree char *name = g_strconcat (info->name, "s", NULL);

      table = g_intern_string (name);
      g_hash_table_insert (tables, (gpointer) info->name, (gpointer) table);
    }
  g_mutex_unlock (&lock);

  return table;
}

static gboolean
is_column (const UdhaField *f)
{
  return f->type != UDHA_FIELD_CODES;
}

/**
 * _udha_store_select_sql:
 * @info: a record description
 * @alias: (nullable): a table alias used in the query, e.g. "c"
 *
 * Returns: "SELECT <columns> FROM <table> [alias]" in field order
 */
char *
_udha_store_select_sql (const UdhaRecordInfo *info,
                        const char           *alias)
{
  GString *sql = g_string_new ("SELECT ");
  gboolean first = TRUE;

  for (guint i = 0; i < info->n_fields; i++)
    {
      if (!is_column (&info->fields[i]))
        continue;
      if (!first)
        g_string_append (sql, ", ");
      if (alias != NULL)
        g_string_append_printf (sql, "%s.", alias);
      g_string_append (sql, info->fields[i].name);
      first = FALSE;
    }
  g_string_append_printf (sql, " FROM %s", _udha_store_table_for (info));
  if (alias != NULL)
    g_string_append_printf (sql, " %s", alias);
  return g_string_free (sql, FALSE);
}

static void
bind_field (sqlite3_stmt    *stmt,
            int              pos,
            gpointer         record,
            const UdhaField *f)
{
  switch (f->type)
    {
    case UDHA_FIELD_STRING:
      _udha_bind_text (stmt, pos, udha_record_get_string (record, f));
      break;
    case UDHA_FIELD_ID:
      _udha_bind_id (stmt, pos, udha_record_get_int (record, f));
      break;
    case UDHA_FIELD_INT:
      {
        gint64 v = udha_record_get_int (record, f);

        if (v >= 0)
          sqlite3_bind_int64 (stmt, pos, v);
        else
          sqlite3_bind_null (stmt, pos);
      }
      break;
    case UDHA_FIELD_BOOL:
      sqlite3_bind_int (stmt, pos, udha_record_get_int (record, f) != 0);
      break;
    case UDHA_FIELD_CODES:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
load_codes (UdhaStore             *self,
            const UdhaRecordInfo  *info,
            gpointer               record,
            GError               **error)
{
  gint64 id = udha_record_get_int (record, &info->fields[0]);

  for (guint i = 0; i < info->n_fields; i++)
    {
      const UdhaField *f = &info->fields[i];
      g_autofree char *sql = NULL;
      g_autoptr(GStrvBuilder) builder = NULL;
      g_auto(GStrv) codes = NULL;
      UdhaCachedStmt *stmt;
      int rc;

      if (f->type != UDHA_FIELD_CODES)
        continue;

      sql = g_strdup_printf ("SELECT code FROM %s_%s WHERE parent_id = ?1 ORDER BY position;",
                             info->name, f->name);
      stmt = udha_store_prepare (self, sql, error);
      if (stmt == NULL)
        return FALSE;

      {
        g_autoptr(UdhaCachedStmt) guard = stmt;

        sqlite3_bind_int64 (stmt, 1, id);
        builder = g_strv_builder_new ();
        while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
          g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
        if (rc != SQLITE_DONE)
          return _udha_store_fail (self, rc, error);
      }
      codes = g_strv_builder_end (builder);
      udha_record_set_codes (record, f, (const char * const *) codes);
    }
  return TRUE;
}

static gboolean
save_codes (UdhaStore             *self,
            const UdhaRecordInfo  *info,
            gpointer               record,
            GError               **error)
{
  gint64 id = udha_record_get_int (record, &info->fields[0]);

  for (guint i = 0; i < info->n_fields; i++)
    {
      const UdhaField *f = &info->fields[i];
      const char * const *codes;
      g_autofree char *del_sql = NULL;
      g_autofree char *ins_sql = NULL;
      UdhaCachedStmt *stmt;

      if (f->type != UDHA_FIELD_CODES)
        continue;

      del_sql = g_strdup_printf ("DELETE FROM %s_%s WHERE parent_id = ?1;", info->name, f->name);
      stmt = udha_store_prepare (self, del_sql, error);
      if (stmt == NULL)
        return FALSE;
      {
        g_autoptr(UdhaCachedStmt) guard = stmt;

        sqlite3_bind_int64 (stmt, 1, id);
        if (!_udha_store_step_done (self, stmt, error))
          return FALSE;
      }

      codes = udha_record_get_codes (record, f);
      ins_sql = g_strdup_printf ("INSERT INTO %s_%s (parent_id, position, code) VALUES (?1, ?2, ?3);",
                                 info->name, f->name);
      for (guint j = 0; codes != NULL && codes[j] != NULL; j++)
        {
          g_autoptr(UdhaCachedStmt) ins = udha_store_prepare (self, ins_sql, error);

          if (ins == NULL)
            return FALSE;
          sqlite3_bind_int64 (ins, 1, id);
          sqlite3_bind_int (ins, 2, j);
          sqlite3_bind_text (ins, 3, codes[j], -1, SQLITE_TRANSIENT);
          if (!_udha_store_step_done (self, ins, error))
            return FALSE;
        }
    }
  return TRUE;
}

/**
 * _udha_store_record_load_row:
 *
 * Fills @record from a row of the query built by _udha_store_select_sql(),
 * then loads its code lists.
 */
gboolean
_udha_store_record_load_row (UdhaStore             *self,
                             const UdhaRecordInfo  *info,
                             gpointer               record,
                             sqlite3_stmt          *stmt,
                             GError               **error)
{
  int col = 0;

  for (guint i = 0; i < info->n_fields; i++)
    {
      const UdhaField *f = &info->fields[i];

      switch (f->type)
        {
        case UDHA_FIELD_STRING:
          udha_record_set_string (record, f, (const char *) sqlite3_column_text (stmt, col));
          break;
        case UDHA_FIELD_ID:
          udha_record_set_int (record, f, sqlite3_column_int64 (stmt, col));
          break;
        case UDHA_FIELD_INT:
          udha_record_set_int (record, f, sqlite3_column_type (stmt, col) == SQLITE_NULL
                                          ? -1 : sqlite3_column_int64 (stmt, col));
          break;
        case UDHA_FIELD_BOOL:
          udha_record_set_int (record, f, sqlite3_column_int (stmt, col));
          break;
        case UDHA_FIELD_CODES:
          continue;
        default:
          g_assert_not_reached ();
        }
      col++;
    }

  return load_codes (self, info, record, error);
}

/**
 * _udha_store_record_insert:
 *
 * Inserts @record (its id is ignored and set from the new row) with
 * row_version 1, and its code lists. Runs inside a transaction of its own
 * or the caller's.
 */
gboolean
_udha_store_record_insert (UdhaStore             *self,
                           const UdhaRecordInfo  *info,
                           gpointer               record,
                           GError               **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GString) values = g_string_new (NULL);
  UdhaCachedStmt *stmt;
  int pos = 0;

  g_string_append_printf (sql, "INSERT INTO %s (row_version", _udha_store_table_for (info));
  g_string_append (values, "1");
  for (guint i = 2; i < info->n_fields; i++)
    {
      if (!is_column (&info->fields[i]))
        continue;
      g_string_append_printf (sql, ", %s", info->fields[i].name);
      g_string_append_printf (values, ", ?%d", ++pos);
    }
  g_string_append_printf (sql, ") VALUES (%s);", values->str);

  if (!udha_store_begin (self, error))
    return FALSE;

  stmt = udha_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    goto fail;

  {
    g_autoptr(UdhaCachedStmt) guard = stmt;

    pos = 0;
    for (guint i = 2; i < info->n_fields; i++)
      {
        if (is_column (&info->fields[i]))
          bind_field (stmt, ++pos, record, &info->fields[i]);
      }
    if (!_udha_store_step_done (self, stmt, error))
      goto fail;
  }

  udha_record_set_int (record, &info->fields[0], sqlite3_last_insert_rowid (_udha_store_get_db (self)));
  udha_record_set_int (record, &info->fields[1], 1);

  if (!save_codes (self, info, record, error))
    goto fail;

  return udha_store_commit (self, error);

fail:
  udha_store_rollback (self);
  udha_record_set_int (record, &info->fields[0], 0);
  udha_record_set_int (record, &info->fields[1], 0);
  return FALSE;
}

static gboolean
record_exists (UdhaStore             *self,
               const UdhaRecordInfo  *info,
               gint64                 id,
               gboolean              *exists,
               GError               **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?1;", _udha_store_table_for (info));
  g_autoptr(UdhaCachedStmt) stmt = udha_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _udha_store_fail (self, rc, error);
  *exists = rc == SQLITE_ROW;
  return TRUE;
}

static void
set_not_found (GError               **error,
               const UdhaRecordInfo  *info,
               gint64                 id)
{
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  /* Translators: the first %s is a record kind code ("person", "case", …),
   * the second its number */
  g_set_error (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_NOT_FOUND,
               _("No record of type “%s” with id %s."), info->name, id_text);
}

/**
 * _udha_store_record_update:
 *
 * Writes every column of @record where id and row_version match, then its
 * code lists, and increments its row_version. Another save in between →
 * %UDHA_STORE_ERROR_CONFLICT; no such id → %UDHA_STORE_ERROR_NOT_FOUND.
 */
gboolean
_udha_store_record_update (UdhaStore             *self,
                           const UdhaRecordInfo  *info,
                           gpointer               record,
                           GError               **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  gint64 id = udha_record_get_int (record, &info->fields[0]);
  gint64 version = udha_record_get_int (record, &info->fields[1]);
  UdhaCachedStmt *stmt;
  gboolean first = TRUE;
  int pos = 0;

  g_string_append_printf (sql, "UPDATE %s SET ", _udha_store_table_for (info));
  for (guint i = 2; i < info->n_fields; i++)
    {
      if (!is_column (&info->fields[i]))
        continue;
      g_string_append_printf (sql, "%s%s = ?%d", first ? "" : ", ", info->fields[i].name, ++pos);
      first = FALSE;
    }
  g_string_append_printf (sql, ", row_version = row_version + 1 WHERE id = ?%d AND row_version = ?%d;",
                          pos + 1, pos + 2);

  if (!udha_store_begin (self, error))
    return FALSE;

  stmt = udha_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    goto fail;

  {
    g_autoptr(UdhaCachedStmt) guard = stmt;

    pos = 0;
    for (guint i = 2; i < info->n_fields; i++)
      {
        if (is_column (&info->fields[i]))
          bind_field (stmt, ++pos, record, &info->fields[i]);
      }
    sqlite3_bind_int64 (stmt, pos + 1, id);
    sqlite3_bind_int64 (stmt, pos + 2, version);
    if (!_udha_store_step_done (self, stmt, error))
      goto fail;
  }

  if (sqlite3_changes (_udha_store_get_db (self)) == 0)
    {
      gboolean exists = FALSE;

      if (!record_exists (self, info, id, &exists, error))
        goto fail;
      if (!exists)
        set_not_found (error, info, id);
      else
        g_set_error_literal (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_CONFLICT,
                             _("Someone else saved this record after you opened it. "
                               "Nothing was overwritten: compare both versions and save again."));
      goto fail;
    }

  udha_record_set_int (record, &info->fields[1], version + 1);
  if (!save_codes (self, info, record, error))
    {
      udha_record_set_int (record, &info->fields[1], version);
      goto fail;
    }

  return udha_store_commit (self, error);

fail:
  udha_store_rollback (self);
  return FALSE;
}

gpointer
_udha_store_record_get (UdhaStore             *self,
                        const UdhaRecordInfo  *info,
                        GType                  type,
                        gint64                 id,
                        GError               **error)
{
  g_autofree char *select = _udha_store_select_sql (info, NULL);
  g_autofree char *sql = g_strconcat (select, " WHERE id = ?1;", NULL);
  g_autoptr(UdhaCachedStmt) stmt = udha_store_prepare (self, sql, error);
  g_autoptr(GObject) record = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      set_not_found (error, info, id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _udha_store_fail (self, rc, error);
      return NULL;
    }
  record = g_object_new (type, NULL);
  if (!_udha_store_record_load_row (self, info, record, stmt, error))
    return NULL;
  return g_steal_pointer (&record);
}

/**
 * _udha_store_record_list:
 * @where_sql: (nullable): fixed SQL after the FROM clause, e.g.
 *   "WHERE case_id = ?1 ORDER BY id", with at most one parameter
 * @param: the value of ?1, if any
 *
 * Returns: (transfer full) (element-type GObject): the records
 */
GPtrArray *
_udha_store_record_list (UdhaStore             *self,
                         const UdhaRecordInfo  *info,
                         GType                  type,
                         const char            *where_sql,
                         gint64                 param,
                         GError               **error)
{
  g_autofree char *select = _udha_store_select_sql (info, NULL);
  g_autofree char *sql = g_strconcat (select, " ", where_sql != NULL ? where_sql : "ORDER BY id", NULL);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(UdhaCachedStmt) stmt = udha_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, param);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GObject *record = g_object_new (type, NULL);

      g_ptr_array_add (records, record);
      if (!_udha_store_record_load_row (self, info, record, stmt, error))
        return NULL;
    }
  if (rc != SQLITE_DONE)
    {
      _udha_store_fail (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&records);
}
