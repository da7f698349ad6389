/* udha-store-private.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "udha-store.h"
#include "udha-record.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* A statement from the store's cache: g_autoptr(UdhaCachedStmt) resets it
 * and clears its bindings when it goes out of scope; the cache owns it. */
typedef sqlite3_stmt UdhaCachedStmt;

void              _udha_cached_stmt_release        (UdhaCachedStmt        *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdhaCachedStmt, _udha_cached_stmt_release)

sqlite3          *_udha_store_get_db               (UdhaStore             *self);
void              _udha_store_set_error            (GError               **error,
                                                    sqlite3               *db,
                                                    int                    rc);
gboolean          _udha_store_fail                 (UdhaStore             *self,
                                                    int                    rc,
                                                    GError               **error);
gboolean          _udha_store_exec                 (UdhaStore             *self,
                                                    const char            *sql,
                                                    GError               **error);
char             *_udha_store_now                  (void);
char             *_udha_store_today                (void);

/* Step a statement that returns no rows. */
gboolean          _udha_store_step_done            (UdhaStore             *self,
                                                    sqlite3_stmt          *stmt,
                                                    GError               **error);

void              _udha_bind_text                  (sqlite3_stmt          *stmt,
                                                    int                    pos,
                                                    const char            *text);
void              _udha_bind_id                    (sqlite3_stmt          *stmt,
                                                    int                    pos,
                                                    gint64                 id);
char             *_udha_column_dup                 (sqlite3_stmt          *stmt,
                                                    int                    col);

/* Schema (udha-store-schema.c) */
gboolean          _udha_store_migrate_v1           (sqlite3               *db,
                                                    GError               **error);
gboolean          _udha_store_migrate_v2           (sqlite3               *db,
                                                    GError               **error);
gboolean          _udha_store_migrate_v3           (sqlite3               *db,
                                                    GError               **error);
gboolean          _udha_store_bulk_load_begin      (UdhaStore             *self,
                                                    GError               **error);
gboolean          _udha_store_bulk_load_end        (UdhaStore             *self,
                                                    GError               **error);

/* Generic record persistence (udha-store-records.c) */
const char       *_udha_store_table_for            (const UdhaRecordInfo  *info);
gboolean          _udha_store_record_insert        (UdhaStore             *self,
                                                    const UdhaRecordInfo  *info,
                                                    gpointer               record,
                                                    GError               **error);
gboolean          _udha_store_record_update        (UdhaStore             *self,
                                                    const UdhaRecordInfo  *info,
                                                    gpointer               record,
                                                    GError               **error);
gpointer          _udha_store_record_get           (UdhaStore             *self,
                                                    const UdhaRecordInfo  *info,
                                                    GType                  type,
                                                    gint64                 id,
                                                    GError               **error);
GPtrArray        *_udha_store_record_list          (UdhaStore             *self,
                                                    const UdhaRecordInfo  *info,
                                                    GType                  type,
                                                    const char            *where_sql,
                                                    gint64                 param,
                                                    GError               **error);
char             *_udha_store_select_sql           (const UdhaRecordInfo  *info,
                                                    const char            *alias);
gboolean          _udha_store_record_load_row      (UdhaStore             *self,
                                                    const UdhaRecordInfo  *info,
                                                    gpointer               record,
                                                    sqlite3_stmt          *stmt,
                                                    GError               **error);

gboolean          _udha_store_update_with_current  (UdhaStore             *self,
                                                    const UdhaRecordInfo  *info,
                                                    GType                  type,
                                                    gpointer               record,
                                                    gpointer              *current_out,
                                                    GError               **error);
void              _udha_store_default_created_at   (gpointer               record,
                                                    const UdhaRecordInfo  *info);
/* Returns the id in column 0 of @sql for ?1 = @key; 0 if none; -1 on error */
gint64            _udha_store_lookup_id            (UdhaStore             *self,
                                                    const char            *sql,
                                                    const char            *key,
                                                    GError               **error);

/* Search index (udha-store-search.c) */
gboolean          _udha_store_index_person         (UdhaStore             *self,
                                                    UdhaPerson            *person,
                                                    GError               **error);
gboolean          _udha_store_index_case           (UdhaStore             *self,
                                                    UdhaCase              *case_,
                                                    GError               **error);

char             *_udha_store_search_expression    (const char            *query);

/* Audit (udha-store-audit.c) */
gboolean          _udha_store_audit_check_anchor   (UdhaStore             *self,
                                                    GError               **error);
GPtrArray        *_udha_store_audit_list_for_person (UdhaStore            *self,
                                                    gint64                 person_id,
                                                    GError               **error);

void      _udha_store_append_phonetic_terms (GString    *out,
                                             const char *name);

G_END_DECLS
