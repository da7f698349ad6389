/* udha-vault-keys-private.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "udha-vault-keys.h"

G_BEGIN_DECLS

/* Deterministic slot constructors with caller-chosen salt, nonce, time and KEK
 * (no KDF runs). Known-answer tests only: production code always uses
 * udha_vault_keys_add_passphrase() / _add_recovery(), which draw fresh random
 * salts, nonces and recovery keys. */
gboolean  _udha_vault_keys_add_passphrase_with_kek (UdhaVaultKeys  *self,
                                                    guint8          slot_id,
                                                    guint64         created_unix,
                                                    const char     *user_name,
                                                    const guint8    salt[UDHA_VAULT_KEYS_SALT_LEN],
                                                    guint32         opslimit,
                                                    guint32         memlimit_kib,
                                                    const guint8    nonce[UDHA_VAULT_NONCE_LEN],
                                                    const guint8    kek[UDHA_VAULT_KEY_LEN],
                                                    const guint8   *dek,
                                                    GError        **error);
gboolean  _udha_vault_keys_add_recovery_with_raw   (UdhaVaultKeys  *self,
                                                    guint8          slot_id,
                                                    guint64         created_unix,
                                                    const guint8    raw[UDHA_VAULT_RECOVERY_KEY_LEN],
                                                    const guint8    nonce[UDHA_VAULT_NONCE_LEN],
                                                    const guint8   *dek,
                                                    GError        **error);
void      _udha_vault_keys_set_audit_head_full     (UdhaVaultKeys  *self,
                                                    guint8          slot_id,
                                                    guint64         created_unix,
                                                    guint64         seq,
                                                    const guint8    hash[UDHA_VAULT_AUDIT_HASH_LEN]);
/* The raw slot fields, for tests. */
gboolean  _udha_vault_keys_get_slot                (UdhaVaultKeys  *self,
                                                    guint           index,
                                                    guint8         *type,
                                                    guint8         *slot_id,
                                                    guint64        *created_unix);

G_END_DECLS
