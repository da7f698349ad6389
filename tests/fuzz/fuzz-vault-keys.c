/* fuzz-vault-keys.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The key-slot parser must reject any malformed file with an error, never
 * crash, never read out of bounds, and never accept KDF parameters above the
 * caps (they would let a hostile file exhaust memory before the MAC check).
 */

#include "config.h"

#include <sodium.h>

#include "udha-fuzz.h"
#include "udha-vault-keys.h"

static const guint8 fixed_dbid[UDHA_VAULT_DBID_LEN] = {
  0x10, 0x32, 0x54, 0x76, 0x98, 0xba, 0xdc, 0xfe, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
};
static const guint8 fixed_dek[UDHA_VAULT_KEY_LEN] = { 7 };

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  UdhaVaultKeys *keys;

  if (sodium_init () < 0)
    return 0;

  keys = udha_vault_keys_parse (data, size, &error);
  if (keys == NULL)
    {
      g_assert_nonnull (error);
      return 0;
    }

  /* Whatever parsed must respect the caps before any KDF could run. */
  for (guint id = 0; id < 256; id++)
    {
      guint32 ops, mem_kib;

      if (udha_vault_keys_get_slot_params (keys, (guint8) id, &ops, &mem_kib))
        {
          g_assert_cmpuint (ops, <=, UDHA_VAULT_KEYS_OPSLIMIT_MAX);
          g_assert_cmpuint ((guint64) mem_kib * 1024, <=, UDHA_VAULT_KEYS_MEMLIMIT_MAX);
        }
    }

  /* A MAC under the wrong key never verifies. */
  {
    guint8 zero[UDHA_VAULT_KEY_LEN] = { 0 };
    g_autoptr(GError) mac_error = NULL;

    g_assert_false (udha_vault_keys_verify_mac (keys, zero, &mac_error));
  }

  udha_vault_keys_free (keys);
  return 0;
}

GBytes *
udha_fuzz_seed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaVaultKeys) keys = udha_vault_keys_new (fixed_dbid, 3);
  g_autoptr(UdhaVaultKey) key = udha_vault_key_new_from_dek (fixed_dek, fixed_dbid);
  UdhaVaultSecret *recovery = NULL;
  guint32 ops, mem;

  udha_vault_kdf_get_params (UDHA_VAULT_KDF_TEST_MIN, &ops, &mem);
  g_assert_true (udha_vault_keys_add_passphrase (keys, 1, "fuzz.user", "fuzz passphrase 1",
                                                 ops, mem, fixed_dek, &error));
  g_assert_true (udha_vault_keys_add_passphrase (keys, 2, "fuzz.other", "fuzz passphrase 2",
                                                 ops, mem, fixed_dek, &error));
  g_assert_true (udha_vault_keys_add_recovery (keys, 3, fixed_dek, &recovery, &error));
  udha_vault_secret_free (recovery);

  return udha_vault_keys_serialize (keys, udha_vault_key_get_slots_key (key));
}
