/* udha-vault-key.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define UDHA_VAULT_PAGE_SIZE    4096
#define UDHA_VAULT_RESERVE      40
#define UDHA_VAULT_USABLE       (UDHA_VAULT_PAGE_SIZE - UDHA_VAULT_RESERVE)   /* 4056 */
#define UDHA_VAULT_NONCE_LEN    24
#define UDHA_VAULT_TAG_LEN      16
#define UDHA_VAULT_DBID_LEN     16
#define UDHA_VAULT_KEY_LEN      32
#define UDHA_VAULT_AD_PREFIX    "UDHA1"
#define UDHA_VAULT_AD_LEN       26
#define UDHA_VAULT_KDF_CONTEXT  "UDHAv001"
#define UDHA_VAULT_KEYS_MAGIC   "UDHAKEYS"
#define UDHA_VAULT_VFS_NAME     "udha-vault"

/* Sub-key ids for crypto_kdf_derive_from_key(), fixed forever (VAULT.md §7). */
typedef enum
{
  UDHA_VAULT_SUBKEY_PAGE  = 1,
  UDHA_VAULT_SUBKEY_SLOTS = 2,
  UDHA_VAULT_SUBKEY_AUDIT = 3,
  UDHA_VAULT_SUBKEY_WAL   = 4,
} UdhaVaultSubkey;

/**
 * UdhaVaultKey:
 *
 * The key material of one open vault: its database id and the sub-keys derived
 * from the data-encryption key. The DEK itself is never kept. All bytes live in
 * one sodium_malloc() region that is read-only once built, and wiped and freed
 * when the last reference goes. Reference counting is atomic.
 */
typedef struct _UdhaVaultKey UdhaVaultKey;

UdhaVaultKey  *udha_vault_key_new_from_dek   (const guint8  dek[UDHA_VAULT_KEY_LEN],
                                              const guint8  dbid[UDHA_VAULT_DBID_LEN]);
UdhaVaultKey  *udha_vault_key_ref            (UdhaVaultKey *self);
void           udha_vault_key_unref          (UdhaVaultKey *self);
const guint8  *udha_vault_key_get_dbid       (UdhaVaultKey *self);
const guint8  *udha_vault_key_get_page_key   (UdhaVaultKey *self);
const guint8  *udha_vault_key_get_slots_key  (UdhaVaultKey *self);
const guint8  *udha_vault_key_get_audit_key  (UdhaVaultKey *self);
const guint8  *udha_vault_key_get_wal_key    (UdhaVaultKey *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdhaVaultKey, udha_vault_key_unref)

G_END_DECLS
