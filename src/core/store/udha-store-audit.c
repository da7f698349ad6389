/* udha-store-audit.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The hash-chained audit log (VAULT.md §15.3):
 *
 *   h_0 = 32 zero bytes
 *   h_i = BLAKE2b-256 keyed with K_audit (crypto_generichash) over
 *         h_{i-1} ‖ canonical (entry_i)
 *
 * canonical (entry) is unambiguous: the 8-byte tag "UDHAAUD1", the sequence
 * number as 8 bytes big-endian, then seven fields in this order — at,
 * user_name, action, entity, entity_id, office_id, details — each encoded
 * as one byte (0 = NULL, 1 = present) followed, when present, by a 4-byte
 * big-endian length and the UTF-8 bytes. entity_id and office_id are
 * encoded as decimal text (NULL when 0).
 *
 * Version 2 entries (tag "UDHAAUD2", every entry written since the reason
 * was bound to the chain) append an eighth field: the entry's reason from
 * the reasons table, encoded the same way (0 = no reason). The reason text
 * is only ever fed to the keyed hash, never stored in the entry, so the
 * details stay codes and ids while changing, deleting or adding a reason
 * row breaks the chain at that entry.
 *
 * Entries written before (tag "UDHAAUD1": every v1 vault, and the entries
 * of a v2 vault written before the reason was bound) carry no version
 * marker of their own; verification tries version 2 first and accepts a
 * version 1 hash only while no version 2 entry has been seen, since the
 * chain is written in order and never goes back to version 1. Their reasons
 * stay outside the chain: binding them would mean rewriting every hash
 * after them, which is exactly what the chain forbids.
 *
 * The head (seq, h_seq) is anchored in the key file at lock
 * (udha_store_audit_anchor); at open the database must still contain that
 * entry with that hash, or it has been rolled back behind its key file.
 *
 * Details are JSON objects with codes and ids only, never free text about a
 * person (DOMAIN.md §9, VAULT.md §15.3). */

#define G_LOG_DOMAIN "udha-store-audit"

#include "config.h"

#include "udha-store-private.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#define AUDIT_TAG_V1 "UDHAAUD1"
#define AUDIT_TAG_V2 "UDHAAUD2"

G_STATIC_ASSERT (crypto_generichash_BYTES == 32);
G_STATIC_ASSERT (UDHA_VAULT_AUDIT_HASH_LEN == 32);

static void
put_field (GByteArray *buf,
           const char *value)
{
  guint8 present = value != NULL;

  g_byte_array_append (buf, &present, 1);
  if (value != NULL)
    {
      guint32 len = strlen (value);
      guint32 be = GUINT32_TO_BE (len);

      g_byte_array_append (buf, (const guint8 *) &be, 4);
      g_byte_array_append (buf, (const guint8 *) value, len);
    }
}

static void
put_id (GByteArray *buf,
        gint64      id)
{
  g_autofree char *text = id != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, id) : NULL;

  put_field (buf, text);
}

/* @version is 1 (no reason) or 2 (@reason, %NULL for none, is the eighth
 * field). */
static GByteArray *
canonical_entry (int         version,
                 gint64      seq,
                 const char *at,
                 const char *user_name,
                 const char *action,
                 const char *entity,
                 gint64      entity_id,
                 gint64      office_id,
                 const char *details,
                 const char *reason)
{
  GByteArray *buf = g_byte_array_new ();
  guint64 be = GUINT64_TO_BE ((guint64) seq);

  g_assert (version == 1 || version == 2);
  g_assert (version == 2 || reason == NULL);

  g_byte_array_append (buf, (const guint8 *) (version == 2 ? AUDIT_TAG_V2 : AUDIT_TAG_V1), 8);
  g_byte_array_append (buf, (const guint8 *) &be, 8);
  put_field (buf, at);
  put_field (buf, user_name);
  put_field (buf, action);
  put_field (buf, entity);
  put_id (buf, entity_id);
  put_id (buf, office_id);
  put_field (buf, details);
  if (version == 2)
    put_field (buf, reason);
  return buf;
}

static gboolean
chain_hash (UdhaStore     *self,
            const guint8   prev[32],
            GByteArray    *canonical,
            guint8         out[32],
            GError       **error)
{
  const guint8 *key = udha_vault_get_audit_key (udha_store_get_vault (self));
  crypto_generichash_state state;

  if (key == NULL)
    {
      g_set_error_literal (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_AUDIT,
                           _("The audit key is not available: the vault is locked."));
      return FALSE;
    }

  crypto_generichash_init (&state, key, 32, 32);
  crypto_generichash_update (&state, prev, 32);
  crypto_generichash_update (&state, canonical->data, canonical->len);
  crypto_generichash_final (&state, out, 32);
  sodium_memzero (&state, sizeof state);
  return TRUE;
}

static gboolean
read_head (UdhaStore  *self,
           guint64    *seq,
           guint8      hash[32],
           GError    **error)
{
  g_autoptr(UdhaCachedStmt) stmt =
    udha_store_prepare (self, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1;", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      *seq = 0;
      memset (hash, 0, 32);
      return TRUE;
    }
  if (rc != SQLITE_ROW)
    return _udha_store_fail (self, rc, error);
  *seq = sqlite3_column_int64 (stmt, 0);
  if (sqlite3_column_bytes (stmt, 1) != 32)
    {
      g_autofree char *seq_text = g_strdup_printf ("%" G_GUINT64_FORMAT, *seq);

      /* Translators: %s is the number of an audit log entry */
      g_set_error (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_AUDIT,
                   _("The audit log is damaged at entry %s."), seq_text);
      return FALSE;
    }
  memcpy (hash, sqlite3_column_blob (stmt, 1), 32);
  return TRUE;
}

/**
 * udha_store_audit_append:
 * @self: a #UdhaStore
 * @user_name: (nullable): the vault user acting, %NULL for the system
 * @action: an action code, e.g. "person.create", "case.open", "vault.unlock"
 * @entity: (nullable): the entity kind ("person", "case", "referral", …)
 * @entity_id: the entity's id, or 0
 * @office_id: the office the entry belongs to (for the office's audit
 *   view), or 0 for system events
 * @details_json: (nullable): a JSON object with codes and ids only
 * @error: return location for a #GError
 *
 * Appends one entry to the chain, inside the caller's transaction (or its
 * own), so the entry commits or rolls back with the change it records.
 *
 * Returns: %TRUE on success
 */
gboolean
udha_store_audit_append (UdhaStore   *self,
                         const char  *user_name,
                         const char  *action,
                         const char  *entity,
                         gint64       entity_id,
                         gint64       office_id,
                         const char  *details_json,
                         GError     **error)
{
  return udha_store_audit_append_with_reason (self, user_name, action, entity, entity_id,
                                              office_id, details_json, NULL, error);
}

/**
 * udha_store_audit_append_with_reason:
 * @self: a #UdhaStore
 * @user_name: (nullable): the vault user acting, %NULL for the system
 * @action: an action code
 * @entity: (nullable): the entity kind
 * @entity_id: the entity's id, or 0
 * @office_id: the office the entry belongs to, or 0 for system events
 * @details_json: (nullable): a JSON object with codes and ids only
 * @reason: (nullable): the free text the user gave for the change; stored
 *   in the reasons table next to the entry (never in its details); %NULL
 *   or blank for none
 * @error: return location for a #GError
 *
 * Like udha_store_audit_append(), with the reason the user wrote. The
 * entries read back by udha_store_audit_list() and
 * udha_store_audit_list_for_case() carry it as #UdhaAuditEntry.reason.
 *
 * Returns: %TRUE on success
 */
gboolean
udha_store_audit_append_with_reason (UdhaStore   *self,
                                     const char  *user_name,
                                     const char  *action,
                                     const char  *entity,
                                     gint64       entity_id,
                                     gint64       office_id,
                                     const char  *details_json,
                                     const char  *reason,
                                     GError     **error)
{
  g_autofree char *trimmed = reason != NULL ? g_strstrip (g_strdup (reason)) : NULL;

  g_autoptr(GByteArray) canonical = NULL;
  g_autofree char *at = NULL;
  guint8 prev[32], hash[32];
  guint64 seq = 0;

  g_return_val_if_fail (UDHA_IS_STORE (self), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  if (details_json != NULL)
    {
      g_autoptr(JsonNode) node = json_from_string (details_json, NULL);

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error_literal (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_QUERY,
                               _("The details of an audit entry must be a JSON object."));
          return FALSE;
        }
    }

  if (!udha_store_begin (self, error))
    return FALSE;

  if (!read_head (self, &seq, prev, error))
    goto fail;

  seq++;
  at = _udha_store_now ();
  canonical = canonical_entry (2, seq, at, user_name, action, entity, entity_id, office_id, details_json,
                               trimmed != NULL && *trimmed != '\0' ? trimmed : NULL);
  if (!chain_hash (self, prev, canonical, hash, error))
    goto fail;

  {
    g_autoptr(UdhaCachedStmt) stmt =
      udha_store_prepare (self, "INSERT INTO audit_log (seq, at, user_name, action, entity, entity_id, "
                                "office_id, details, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9);",
                          error);

    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 1, seq);
    _udha_bind_text (stmt, 2, at);
    _udha_bind_text (stmt, 3, user_name);
    _udha_bind_text (stmt, 4, action);
    _udha_bind_text (stmt, 5, entity);
    _udha_bind_id (stmt, 6, entity_id);
    _udha_bind_id (stmt, 7, office_id);
    _udha_bind_text (stmt, 8, details_json);
    sqlite3_bind_blob (stmt, 9, hash, 32, SQLITE_TRANSIENT);
    if (!_udha_store_step_done (self, stmt, error))
      goto fail;
  }

  if (trimmed != NULL && *trimmed != '\0')
    {
      g_autoptr(UdhaCachedStmt) stmt =
        udha_store_prepare (self, "INSERT INTO reasons (audit_seq, reason) VALUES (?1, ?2);", error);

      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, seq);
      _udha_bind_text (stmt, 2, trimmed);
      if (!_udha_store_step_done (self, stmt, error))
        goto fail;
    }

  return udha_store_commit (self, error);

fail:
  udha_store_rollback (self);
  return FALSE;
}

static void
set_broken (GError  **error,
            guint64   seq)
{
  g_autofree char *seq_text = g_strdup_printf ("%" G_GUINT64_FORMAT, seq);

  /* Translators: %s is the number of an audit log entry */
  g_set_error (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_AUDIT,
               _("The audit log has been altered: entry %s does not match the chain."), seq_text);
}

/**
 * udha_store_audit_verify:
 * @self: a #UdhaStore
 * @first_bad_seq: (out) (optional): the first broken entry, 0 if none
 * @error: return location for a #GError
 *
 * Recomputes the whole chain. An entry that was changed, removed (a gap)
 * or inserted breaks it from that entry on; entries removed from the end
 * are caught against the head anchored in the key file.
 *
 * Returns: %TRUE if the chain is intact; %FALSE with %UDHA_STORE_ERROR_AUDIT
 *   naming the first broken entry
 */
gboolean
udha_store_audit_verify (UdhaStore  *self,
                         guint64    *first_bad_seq,
                         GError    **error)
{
  g_autoptr(UdhaCachedStmt) stmt = NULL;
  g_autoptr(UdhaCachedStmt) orphans = NULL;
  guint8 prev[32] = { 0 };
  guint64 expected = 1;
  guint64 anchored_seq = 0;
  gboolean seen_v2 = FALSE;
  int rc;

  g_return_val_if_fail (UDHA_IS_STORE (self), FALSE);

  if (first_bad_seq != NULL)
    *first_bad_seq = 0;

  stmt = udha_store_prepare (self, "SELECT a.seq, a.at, a.user_name, a.action, a.entity, a.entity_id, "
                                   "a.office_id, a.details, a.hash, r.reason FROM audit_log a "
                                   "LEFT JOIN reasons r ON r.audit_seq = a.seq ORDER BY a.seq;", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint64 seq = sqlite3_column_int64 (stmt, 0);
      const char *at = (const char *) sqlite3_column_text (stmt, 1);
      const char *user_name = (const char *) sqlite3_column_text (stmt, 2);
      const char *action = (const char *) sqlite3_column_text (stmt, 3);
      const char *entity = (const char *) sqlite3_column_text (stmt, 4);
      gint64 entity_id = sqlite3_column_int64 (stmt, 5);
      gint64 office_id = sqlite3_column_int64 (stmt, 6);
      const char *details = (const char *) sqlite3_column_text (stmt, 7);
      const char *reason = (const char *) sqlite3_column_text (stmt, 9);
      const guint8 *stored = sqlite3_column_blob (stmt, 8);
      gboolean stored_ok = sqlite3_column_bytes (stmt, 8) == 32;
      gboolean match = FALSE;
      guint8 hash[32];

      if (seq != expected)
        {
          if (first_bad_seq != NULL)
            *first_bad_seq = expected;
          set_broken (error, expected);
          return FALSE;
        }

      /* Version 2: the reason (or its absence) is part of the entry. */
      {
        g_autoptr(GByteArray) canonical =
          canonical_entry (2, seq, at, user_name, action, entity, entity_id, office_id, details, reason);

        if (!chain_hash (self, prev, canonical, hash, error))
          return FALSE;
        match = stored_ok && sodium_memcmp (hash, stored, 32) == 0;
      }

      /* Version 1, only before the first version 2 entry. */
      if (match)
        seen_v2 = TRUE;
      else if (!seen_v2)
        {
          g_autoptr(GByteArray) canonical =
            canonical_entry (1, seq, at, user_name, action, entity, entity_id, office_id, details, NULL);

          if (!chain_hash (self, prev, canonical, hash, error))
            return FALSE;
          match = stored_ok && sodium_memcmp (hash, stored, 32) == 0;
        }

      if (!match)
        {
          if (first_bad_seq != NULL)
            *first_bad_seq = seq;
          set_broken (error, seq);
          return FALSE;
        }
      memcpy (prev, hash, 32);
      expected++;
    }
  if (rc != SQLITE_DONE)
    return _udha_store_fail (self, rc, error);

  if (udha_vault_get_audit_head (udha_store_get_vault (self), &anchored_seq, NULL) &&
      anchored_seq >= expected)
    {
      if (first_bad_seq != NULL)
        *first_bad_seq = expected;
      set_broken (error, expected);
      return FALSE;
    }

  /* A reason added for an entry that does not exist. */
  orphans = udha_store_prepare (self, "SELECT min (audit_seq) FROM reasons WHERE audit_seq NOT IN "
                                      "(SELECT seq FROM audit_log);", error);
  if (orphans == NULL)
    return FALSE;
  rc = sqlite3_step (orphans);
  if (rc != SQLITE_ROW)
    return _udha_store_fail (self, rc, error);
  if (sqlite3_column_type (orphans, 0) != SQLITE_NULL)
    {
      guint64 seq = sqlite3_column_int64 (orphans, 0);

      if (first_bad_seq != NULL)
        *first_bad_seq = seq;
      set_broken (error, seq);
      return FALSE;
    }

  return TRUE;
}

/**
 * udha_store_audit_head:
 * @self: a #UdhaStore
 * @seq: (out): the last entry's sequence number, 0 for an empty log
 * @hash: (out): its chain hash (h_0 = zeros for an empty log)
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
udha_store_audit_head (UdhaStore  *self,
                       guint64    *seq,
                       guint8      hash[32],
                       GError    **error)
{
  g_return_val_if_fail (UDHA_IS_STORE (self), FALSE);
  g_return_val_if_fail (seq != NULL && hash != NULL, FALSE);

  return read_head (self, seq, hash, error);
}

/**
 * udha_store_audit_anchor:
 * @self: a #UdhaStore
 * @error: return location for a #GError
 *
 * Writes the current head into the key file's authenticated area
 * (udha_vault_store_audit_head). The session calls it at lock. Does
 * nothing when the log is empty or the head is already anchored.
 *
 * Returns: %TRUE on success
 */
gboolean
udha_store_audit_anchor (UdhaStore  *self,
                         GError    **error)
{
  UdhaVault *vault;
  guint8 hash[32], anchored_hash[32];
  guint64 seq = 0, anchored_seq = 0;

  g_return_val_if_fail (UDHA_IS_STORE (self), FALSE);

  if (!read_head (self, &seq, hash, error))
    return FALSE;
  if (seq == 0)
    return TRUE;

  vault = udha_store_get_vault (self);
  if (udha_vault_get_audit_head (vault, &anchored_seq, anchored_hash) &&
      anchored_seq == seq && sodium_memcmp (hash, anchored_hash, 32) == 0)
    return TRUE;

  if (!udha_vault_store_audit_head (vault, seq, hash, error))
    return FALSE;
  return TRUE;
}

static void
set_rolled_back (GError **error)
{
  g_set_error_literal (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_AUDIT,
                       _("This vault’s records are older than its key file: the database may have "
                         "been replaced with an older copy. Restore the latest backup and contact "
                         "your administrator."));
}

/* At open: the database must contain the anchored head, unchanged. */
gboolean
_udha_store_audit_check_anchor (UdhaStore  *self,
                                GError    **error)
{
  g_autoptr(UdhaCachedStmt) stmt = NULL;
  guint8 anchored_hash[32];
  guint64 anchored_seq = 0;
  int rc;

  if (!udha_vault_get_audit_head (udha_store_get_vault (self), &anchored_seq, anchored_hash) ||
      anchored_seq == 0)
    return TRUE;

  stmt = udha_store_prepare (self, "SELECT hash FROM audit_log WHERE seq = ?1;", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, anchored_seq);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      set_rolled_back (error);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return _udha_store_fail (self, rc, error);
  if (sqlite3_column_bytes (stmt, 0) != 32 ||
      sodium_memcmp (sqlite3_column_blob (stmt, 0), anchored_hash, 32) != 0)
    {
      set_rolled_back (error);
      return FALSE;
    }
  return TRUE;
}

void
udha_audit_entry_free (UdhaAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->user_name);
  g_free (entry->action);
  g_free (entry->entity);
  g_free (entry->details);
  g_free (entry->reason);
  g_free (entry);
}

/**
 * udha_audit_entry_to_json:
 * @entry: an audit entry
 * @builder: a #JsonBuilder
 *
 * Adds {seq, at, user, action, entity, entity_id, office_id, details, hash}
 * as an object; details is parsed back into JSON, hash is lowercase hex.
 * The free-text reason stays out: it belongs to the case file's history,
 * not to the audit log's codes and ids.
 */
void
udha_audit_entry_to_json (UdhaAuditEntry *entry,
                          JsonBuilder    *builder)
{
  char hex[65];

  g_return_if_fail (entry != NULL);
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "seq");
  json_builder_add_int_value (builder, entry->seq);
  json_builder_set_member_name (builder, "at");
  json_builder_add_string_value (builder, entry->at);
  json_builder_set_member_name (builder, "user");
  if (entry->user_name != NULL)
    json_builder_add_string_value (builder, entry->user_name);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "action");
  json_builder_add_string_value (builder, entry->action);
  json_builder_set_member_name (builder, "entity");
  if (entry->entity != NULL)
    json_builder_add_string_value (builder, entry->entity);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "entity_id");
  if (entry->entity_id != 0)
    json_builder_add_int_value (builder, entry->entity_id);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "office_id");
  if (entry->office_id != 0)
    json_builder_add_int_value (builder, entry->office_id);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "details");
  {
    g_autoptr(JsonNode) node = entry->details != NULL ? json_from_string (entry->details, NULL) : NULL;

    if (node != NULL)
      json_builder_add_value (builder, g_steal_pointer (&node));
    else
      json_builder_add_null_value (builder);
  }
  sodium_bin2hex (hex, sizeof hex, entry->hash, 32);
  json_builder_set_member_name (builder, "hash");
  json_builder_add_string_value (builder, hex);
  json_builder_end_object (builder);
}

static UdhaAuditEntry *
entry_from_row (sqlite3_stmt *stmt)
{
  UdhaAuditEntry *e = g_new0 (UdhaAuditEntry, 1);

  e->seq = sqlite3_column_int64 (stmt, 0);
  e->at = _udha_column_dup (stmt, 1);
  e->user_name = _udha_column_dup (stmt, 2);
  e->action = _udha_column_dup (stmt, 3);
  e->entity = _udha_column_dup (stmt, 4);
  e->entity_id = sqlite3_column_int64 (stmt, 5);
  e->office_id = sqlite3_column_int64 (stmt, 6);
  e->details = _udha_column_dup (stmt, 7);
  if (sqlite3_column_bytes (stmt, 8) == 32)
    memcpy (e->hash, sqlite3_column_blob (stmt, 8), 32);
  if (sqlite3_column_count (stmt) > 9)
    e->reason = _udha_column_dup (stmt, 9);
  return e;
}

/* Runs a prepared audit query whose columns are those of entry_from_row(). */
static GPtrArray *
collect_entries (UdhaStore     *self,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) udha_audit_entry_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, entry_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      _udha_store_fail (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/**
 * udha_store_audit_list:
 * @self: a #UdhaStore
 * @query: the filters (the session derives them from the role, DOMAIN.md §9)
 * @before_seq: 0 for the newest entries, else the smallest seq of the
 *   previous page
 * @limit: page size
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type UdhaAuditEntry): entries, newest first
 */
GPtrArray *
udha_store_audit_list (UdhaStore             *self,
                       const UdhaAuditQuery  *query,
                       gint64                 before_seq,
                       guint                  limit,
                       GError               **error)
{
  g_autoptr(UdhaCachedStmt) stmt = NULL;

  g_return_val_if_fail (UDHA_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  stmt = udha_store_prepare (self,
                             "SELECT seq, at, user_name, action, entity, entity_id, office_id, details, hash, "
                             "(SELECT r.reason FROM reasons r WHERE r.audit_seq = audit_log.seq) "
                             "FROM audit_log WHERE seq < ?1 "
                             "AND (?2 = 0 OR office_id = ?2) "
                             "AND (?3 IS NULL OR user_name = ?3) "
                             "AND (?4 = 0 OR office_id IS NULL) "
                             "AND (?5 IS NULL OR entity = ?5) "
                             "AND (?6 = 0 OR entity_id = ?6) "
                             "ORDER BY seq DESC LIMIT ?7;", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, before_seq > 0 ? before_seq : G_MAXINT64);
  sqlite3_bind_int64 (stmt, 2, query->office_id);
  _udha_bind_text (stmt, 3, query->user_name);
  sqlite3_bind_int (stmt, 4, query->system_only != FALSE);
  _udha_bind_text (stmt, 5, query->entity);
  sqlite3_bind_int64 (stmt, 6, query->entity_id);
  sqlite3_bind_int64 (stmt, 7, limit > 0 ? limit : 100);

  return collect_entries (self, stmt, error);
}

/**
 * _udha_store_audit_list_for_person: (skip)
 *
 * Every entry about the person, their consents, cases and the cases'
 * interviews, services and referrals, oldest first.
 */
GPtrArray *
_udha_store_audit_list_for_person (UdhaStore  *self,
                                   gint64      person_id,
                                   GError    **error)
{
  g_autoptr(UdhaCachedStmt) stmt =
    udha_store_prepare (self,
                        "SELECT seq, at, user_name, action, entity, entity_id, office_id, details, hash, "
                        "(SELECT r.reason FROM reasons r WHERE r.audit_seq = audit_log.seq) "
                        "FROM audit_log WHERE "
                        "(entity = 'person' AND entity_id = ?1) "
                        "OR (entity = 'consent' AND entity_id IN (SELECT id FROM consents WHERE person_id = ?1)) "
                        "OR (entity = 'case' AND entity_id IN (SELECT id FROM cases WHERE person_id = ?1)) "
                        "OR (entity = 'interview' AND entity_id IN (SELECT i.id FROM interviews i "
                        "    JOIN cases c ON c.id = i.case_id WHERE c.person_id = ?1)) "
                        "OR (entity = 'service' AND entity_id IN (SELECT s.id FROM services s "
                        "    JOIN cases c ON c.id = s.case_id WHERE c.person_id = ?1)) "
                        "OR (entity = 'referral' AND entity_id IN (SELECT r.id FROM referrals r "
                        "    JOIN cases c ON c.id = r.case_id WHERE c.person_id = ?1)) "
                        "ORDER BY seq;", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, person_id);
  return collect_entries (self, stmt, error);
}

/**
 * udha_store_audit_list_for_case:
 * @self: a #UdhaStore
 * @case_id: the case
 * @error: return location for a #GError
 *
 * The history of one case: every entry about the case, its interviews,
 * services and referrals, its person and the person's consents, oldest
 * first. The session decides who may read it.
 *
 * Returns: (transfer full) (element-type UdhaAuditEntry): the entries
 */
GPtrArray *
udha_store_audit_list_for_case (UdhaStore  *self,
                                gint64      case_id,
                                GError    **error)
{
  g_autoptr(UdhaCachedStmt) stmt = NULL;

  g_return_val_if_fail (UDHA_IS_STORE (self), NULL);

  stmt = udha_store_prepare (self,
                             "SELECT seq, at, user_name, action, entity, entity_id, office_id, details, hash, "
                             "(SELECT r.reason FROM reasons r WHERE r.audit_seq = audit_log.seq) "
                             "FROM audit_log WHERE "
                             "(entity = 'case' AND entity_id = ?1) "
                             "OR (entity = 'interview' AND entity_id IN (SELECT id FROM interviews WHERE case_id = ?1)) "
                             "OR (entity = 'service' AND entity_id IN (SELECT id FROM services WHERE case_id = ?1)) "
                             "OR (entity = 'referral' AND entity_id IN (SELECT id FROM referrals WHERE case_id = ?1)) "
                             "OR (entity = 'person' AND entity_id = (SELECT person_id FROM cases WHERE id = ?1)) "
                             "OR (entity = 'consent' AND entity_id IN (SELECT id FROM consents WHERE person_id = "
                             "    (SELECT person_id FROM cases WHERE id = ?1))) "
                             "ORDER BY seq;", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  return collect_entries (self, stmt, error);
}
