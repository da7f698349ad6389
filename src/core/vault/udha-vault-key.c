/* udha-vault-key.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "udha-vault-key"

#include "config.h"

#include "udha-vault-key.h"

#include <sodium.h>

typedef struct
{
  guint8 dbid[UDHA_VAULT_DBID_LEN];
  guint8 page_key[UDHA_VAULT_KEY_LEN];
  guint8 slots_key[UDHA_VAULT_KEY_LEN];
  guint8 audit_key[UDHA_VAULT_KEY_LEN];
  guint8 wal_key[UDHA_VAULT_KEY_LEN];
} KeyMaterial;

struct _UdhaVaultKey
{
  gint         ref_count;
  KeyMaterial *material;   /* sodium_malloc, read-only after construction */
};

G_STATIC_ASSERT (sizeof (UDHA_VAULT_KDF_CONTEXT) - 1 == crypto_kdf_CONTEXTBYTES);
G_STATIC_ASSERT (UDHA_VAULT_KEY_LEN == crypto_kdf_KEYBYTES);

/**
 * udha_vault_key_new_from_dek:
 * @dek: the 32-byte data-encryption key
 * @dbid: the 16-byte database id
 *
 * Derives the sub-keys of VAULT.md §7. The caller still owns @dek and must
 * wipe it.
 *
 * Returns: (transfer full): a new key, or %NULL if secure memory is exhausted
 */
UdhaVaultKey *
udha_vault_key_new_from_dek (const guint8 dek[UDHA_VAULT_KEY_LEN],
                             const guint8 dbid[UDHA_VAULT_DBID_LEN])
{
  UdhaVaultKey *self;
  KeyMaterial *m;

  g_return_val_if_fail (dek != NULL, NULL);
  g_return_val_if_fail (dbid != NULL, NULL);

  m = sodium_malloc (sizeof *m);
  if (m == NULL)
    return NULL;

  memcpy (m->dbid, dbid, UDHA_VAULT_DBID_LEN);
  crypto_kdf_derive_from_key (m->page_key, sizeof m->page_key, UDHA_VAULT_SUBKEY_PAGE,
                              UDHA_VAULT_KDF_CONTEXT, dek);
  crypto_kdf_derive_from_key (m->slots_key, sizeof m->slots_key, UDHA_VAULT_SUBKEY_SLOTS,
                              UDHA_VAULT_KDF_CONTEXT, dek);
  crypto_kdf_derive_from_key (m->audit_key, sizeof m->audit_key, UDHA_VAULT_SUBKEY_AUDIT,
                              UDHA_VAULT_KDF_CONTEXT, dek);
  crypto_kdf_derive_from_key (m->wal_key, sizeof m->wal_key, UDHA_VAULT_SUBKEY_WAL,
                              UDHA_VAULT_KDF_CONTEXT, dek);
  sodium_mprotect_readonly (m);

  self = g_new0 (UdhaVaultKey, 1);
  self->ref_count = 1;
  self->material = m;

  return self;
}

UdhaVaultKey *
udha_vault_key_ref (UdhaVaultKey *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);

  return self;
}

void
udha_vault_key_unref (UdhaVaultKey *self)
{
  if (self == NULL)
    return;

  if (g_atomic_int_dec_and_test (&self->ref_count))
    {
      /* sodium_free() wipes the region before unmapping it. */
      sodium_mprotect_readwrite (self->material);
      sodium_free (self->material);
      g_free (self);
    }
}

const guint8 *
udha_vault_key_get_dbid (UdhaVaultKey *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->material->dbid;
}

const guint8 *
udha_vault_key_get_page_key (UdhaVaultKey *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->material->page_key;
}

const guint8 *
udha_vault_key_get_slots_key (UdhaVaultKey *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->material->slots_key;
}

const guint8 *
udha_vault_key_get_audit_key (UdhaVaultKey *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->material->audit_key;
}

const guint8 *
udha_vault_key_get_wal_key (UdhaVaultKey *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->material->wal_key;
}
