/* udha-vault.h
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
#include "udha-vault-db.h"
#include "udha-vault-keys.h"

G_BEGIN_DECLS

/* The version of the vault layer's own tables (vault_meta, vault_users),
 * stored as vault_meta.format_version. PRAGMA user_version belongs to the
 * store layer. */
#define UDHA_VAULT_FORMAT_VERSION        1
#define UDHA_VAULT_MIN_PASSPHRASE_CHARS  10

#define UDHA_TYPE_VAULT (udha_vault_get_type ())

G_DECLARE_FINAL_TYPE (UdhaVault, udha_vault, UDHA, VAULT, GObject)

/**
 * UdhaVaultOneTimePassphrase:
 * @user_name: the user it belongs to
 * @passphrase: a one-time passphrase in secure memory; the user must change
 *   it at the next unlock
 *
 * Returned by udha_vault_rekey() for every user other than the one who
 * rotated the key. Free with udha_vault_one_time_passphrase_free(), which
 * wipes the passphrase.
 */
typedef struct
{
  char            *user_name;
  UdhaVaultSecret *passphrase;
} UdhaVaultOneTimePassphrase;

void             udha_vault_one_time_passphrase_free    (UdhaVaultOneTimePassphrase  *otp);

gboolean         udha_vault_exists                      (const char                  *path);
gboolean         udha_vault_check_passphrase            (const char                  *passphrase,
                                                         GError                     **error);
int              udha_vault_passphrase_strength         (const char                  *passphrase);
gboolean         udha_vault_check_user_name             (const char                  *user_name,
                                                         GError                     **error);

UdhaVault       *udha_vault_create                      (const char                  *path,
                                                         const char                  *admin_name,
                                                         const char                  *passphrase,
                                                         UdhaVaultKdf                 kdf,
                                                         UdhaVaultSecret            **recovery_key_out,
                                                         GError                     **error);
UdhaVault       *udha_vault_unlock                      (const char                  *path,
                                                         const char                  *user_name,
                                                         const char                  *passphrase,
                                                         GError                     **error);
void             udha_vault_unlock_async                (const char                  *path,
                                                         const char                  *user_name,
                                                         const char                  *passphrase,
                                                         GCancellable                *cancellable,
                                                         GAsyncReadyCallback          callback,
                                                         gpointer                     user_data);
UdhaVault       *udha_vault_unlock_finish               (GAsyncResult                *result,
                                                         GError                     **error);
UdhaVault       *udha_vault_unlock_with_recovery_key    (const char                  *path,
                                                         const char                  *recovery_key,
                                                         GError                     **error);
gboolean         udha_vault_recover                     (const char                  *path,
                                                         const char                  *user_name,
                                                         const char                  *recovery_key,
                                                         const char                  *new_passphrase,
                                                         GError                     **error);
void             udha_vault_lock                        (UdhaVault                   *self);

gboolean         udha_vault_is_locked                   (UdhaVault                   *self);
const char      *udha_vault_get_path                    (UdhaVault                   *self);
const char      *udha_vault_get_user_name               (UdhaVault                   *self);
gboolean         udha_vault_get_unlocked_by_recovery    (UdhaVault                   *self);
gboolean         udha_vault_get_keys_file_older         (UdhaVault                   *self);
gboolean         udha_vault_get_must_change_passphrase  (UdhaVault                   *self);
guint64          udha_vault_get_keys_generation         (UdhaVault                   *self);
sqlite3         *udha_vault_get_connection              (UdhaVault                   *self);
UdhaVaultKey    *udha_vault_get_key                     (UdhaVault                   *self);
const guint8    *udha_vault_get_audit_key               (UdhaVault                   *self);
sqlite3         *udha_vault_open_connection             (UdhaVault                   *self,
                                                         GError                     **error);
void             udha_vault_close_connection            (UdhaVault                   *self,
                                                         sqlite3                     *db);

GStrv            udha_vault_list_users                  (UdhaVault                   *self,
                                                         GError                     **error);
gboolean         udha_vault_add_user                    (UdhaVault                   *self,
                                                         const char                  *current_secret,
                                                         const char                  *user_name,
                                                         const char                  *passphrase,
                                                         gboolean                     must_change,
                                                         GError                     **error);
gboolean         udha_vault_remove_user                 (UdhaVault                   *self,
                                                         const char                  *user_name,
                                                         GError                     **error);
gboolean         udha_vault_change_passphrase           (UdhaVault                   *self,
                                                         const char                  *old_passphrase,
                                                         const char                  *new_passphrase,
                                                         GError                     **error);
gboolean         udha_vault_rewrite_keys_file           (UdhaVault                   *self,
                                                         GError                     **error);
gboolean         udha_vault_rekey                       (UdhaVault                   *self,
                                                         const char                  *passphrase,
                                                         UdhaVaultSecret            **recovery_key_out,
                                                         GPtrArray                  **one_time_out,
                                                         GError                     **error);
gboolean         udha_vault_verify                      (UdhaVault                   *self,
                                                         GError                     **error);
gboolean         udha_vault_verify_full                 (UdhaVault                   *self,
                                                         UdhaVaultProgressFunc        progress,
                                                         gpointer                     user_data,
                                                         GCancellable                *cancellable,
                                                         GError                     **error);
gboolean         udha_vault_store_audit_head            (UdhaVault                   *self,
                                                         guint64                      seq,
                                                         const guint8                 hash[UDHA_VAULT_AUDIT_HASH_LEN],
                                                         GError                     **error);
gboolean         udha_vault_get_audit_head              (UdhaVault                   *self,
                                                         guint64                     *seq,
                                                         guint8                       hash[UDHA_VAULT_AUDIT_HASH_LEN]);

G_END_DECLS
