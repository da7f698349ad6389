/* udha-vault-keys.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "udha-vault-error.h"
#include "udha-vault-key.h"

G_BEGIN_DECLS

/* The key-slot file <vault>.keys, VAULT.md §10.2. All integers little-endian.
 *
 *   header (43 bytes)  magic[8] "UDHAKEYS", version u16 = 1, flags u16 = 0,
 *                      dbid[16], page_size u32 = 4096, reserve u8 = 40,
 *                      aead_id u8 = 1, generation u64, nslots u8 (1..64)
 *   slot  (nslots x)   type u8, slot_id u8, len u16 (bytes after len),
 *                      created_unix u64, then per type:
 *     1 passphrase     label[16] salt[16] opslimit u32 memlimit_kib u32
 *                      alg u8 nonce[24] wrapped[48]              len = 121
 *     2 recovery key   nonce[24] wrapped[48]                     len = 80
 *     3 sealed box     sealed[80]            (kept verbatim, not used yet)
 *     4 OS keyring     reserved              (kept verbatim, not used yet)
 *     5 meta           audit_seq u64 audit_hash[32]              len = 48
 *   trailer            mac[32] = BLAKE2b-256 (file[0 .. end-32], key = K_slots)
 *
 * Type 5 is Udha's extension of §10.2 for the audit-log anchor of §15.3: the
 * head (n, h_n) of the hash-chained audit log, written at lock. It wraps no
 * key, so it has no AD_slot; it is authenticated by the trailer MAC (and by
 * the generation counter, like every other field). At most one meta slot.
 *
 * Parsing (udha_vault_keys_parse()) applies the hard limits of §11.2 step 1
 * before any KDF can run; every violation is UDHA_VAULT_ERROR_KEYFILE, a
 * higher version is UDHA_VAULT_ERROR_NEWER_VERSION. The trailer MAC can only
 * be checked once a DEK has been unwrapped (udha_vault_keys_verify_mac()).
 */

#define UDHA_VAULT_KEYS_VERSION        1
#define UDHA_VAULT_KEYS_MAX_SIZE       (64 * 1024)
#define UDHA_VAULT_KEYS_MAX_SLOTS      64
#define UDHA_VAULT_KEYS_HEADER_LEN     43
#define UDHA_VAULT_KEYS_MAC_LEN        32
#define UDHA_VAULT_KEYS_LABEL_LEN      16
#define UDHA_VAULT_KEYS_SALT_LEN       16
#define UDHA_VAULT_KEYS_AEAD_ID        1
#define UDHA_VAULT_KEYS_OPSLIMIT_MAX   10
#define UDHA_VAULT_KEYS_MEMLIMIT_MAX   (1024u * 1024u * 1024u)   /* bytes */
#define UDHA_VAULT_RECOVERY_KEY_LEN    32
#define UDHA_VAULT_AUDIT_HASH_LEN      32

typedef enum
{
  UDHA_VAULT_SLOT_PASSPHRASE = 1,
  UDHA_VAULT_SLOT_RECOVERY   = 2,
  UDHA_VAULT_SLOT_SEALED     = 3,
  UDHA_VAULT_SLOT_KEYRING    = 4,
  UDHA_VAULT_SLOT_META       = 5,
} UdhaVaultSlotType;

/**
 * UdhaVaultKdf:
 * @UDHA_VAULT_KDF_INTERACTIVE: Argon2id ops 2, 64 MiB (the floor for real vaults)
 * @UDHA_VAULT_KDF_MODERATE: Argon2id ops 3, 256 MiB (the default)
 * @UDHA_VAULT_KDF_SENSITIVE: Argon2id ops 4, 1 GiB
 * @UDHA_VAULT_KDF_TEST_MIN: the libsodium minimums (ops 1, 8 KiB). For the test
 *   suite only: the GUI never offers it, and udha-cli accepts it only with
 *   UDHA_TESTING=1 in the environment.
 *
 * Argon2id cost presets for new passphrase slots (VAULT.md §12).
 */
typedef enum
{
  UDHA_VAULT_KDF_INTERACTIVE,
  UDHA_VAULT_KDF_MODERATE,
  UDHA_VAULT_KDF_SENSITIVE,
  UDHA_VAULT_KDF_TEST_MIN,
} UdhaVaultKdf;

#define UDHA_VAULT_KDF_DEFAULT UDHA_VAULT_KDF_MODERATE

/**
 * UdhaVaultSecret:
 *
 * A NUL-terminated secret string (passphrase, recovery key) in sodium_malloc()
 * memory. Free with udha_vault_secret_free(), which wipes it.
 */
typedef char UdhaVaultSecret;

UdhaVaultSecret *udha_vault_secret_new  (gsize                 size);
UdhaVaultSecret *udha_vault_secret_dup  (const char           *str,
                                         gssize                len);
void             udha_vault_secret_free (UdhaVaultSecret      *secret);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdhaVaultSecret, udha_vault_secret_free)

/**
 * UdhaVaultKeys:
 *
 * A parsed key-slot file. It holds no secret: wrapped keys, salts, nonces and
 * labels only. Unwrapped DEKs are returned in sodium_malloc() memory that the
 * caller frees with udha_vault_dek_free().
 */
typedef struct _UdhaVaultKeys UdhaVaultKeys;

gboolean        udha_vault_kdf_get_params          (UdhaVaultKdf          kdf,
                                                    guint32              *opslimit,
                                                    guint32              *memlimit_kib);
gboolean        udha_vault_kdf_from_string         (const char           *str,
                                                    UdhaVaultKdf         *kdf);

UdhaVaultKeys  *udha_vault_keys_new                (const guint8          dbid[UDHA_VAULT_DBID_LEN],
                                                    guint64               generation);
UdhaVaultKeys  *udha_vault_keys_parse              (const guint8         *data,
                                                    gsize                 len,
                                                    GError              **error);
UdhaVaultKeys  *udha_vault_keys_load               (const char           *path,
                                                    GError              **error);
void            udha_vault_keys_free               (UdhaVaultKeys        *self);

const guint8   *udha_vault_keys_get_dbid           (UdhaVaultKeys        *self);
guint64         udha_vault_keys_get_generation     (UdhaVaultKeys        *self);
void            udha_vault_keys_set_generation     (UdhaVaultKeys        *self,
                                                    guint64               generation);
guint           udha_vault_keys_get_n_slots        (UdhaVaultKeys        *self);
int             udha_vault_keys_find_user          (UdhaVaultKeys        *self,
                                                    const char           *user_name);
int             udha_vault_keys_find_recovery      (UdhaVaultKeys        *self);
gboolean        udha_vault_keys_get_slot_params    (UdhaVaultKeys        *self,
                                                    guint8                slot_id,
                                                    guint32              *opslimit,
                                                    guint32              *memlimit_kib);
guint8          udha_vault_keys_next_slot_id       (UdhaVaultKeys        *self);
gboolean        udha_vault_keys_remove_slot        (UdhaVaultKeys        *self,
                                                    guint8                slot_id);

gboolean        udha_vault_keys_add_passphrase     (UdhaVaultKeys        *self,
                                                    guint8                slot_id,
                                                    const char           *user_name,
                                                    const char           *passphrase,
                                                    guint32               opslimit,
                                                    guint32               memlimit_kib,
                                                    const guint8         *dek,
                                                    GError              **error);
gboolean        udha_vault_keys_add_recovery       (UdhaVaultKeys        *self,
                                                    guint8                slot_id,
                                                    const guint8         *dek,
                                                    UdhaVaultSecret     **recovery_key_out,
                                                    GError              **error);

guint8         *udha_vault_keys_unwrap_passphrase  (UdhaVaultKeys        *self,
                                                    const char           *user_name,
                                                    const char           *passphrase,
                                                    guint8               *slot_id_out,
                                                    GError              **error);
guint8         *udha_vault_keys_unwrap_recovery    (UdhaVaultKeys        *self,
                                                    const char           *recovery_key,
                                                    GError              **error);
void            udha_vault_dek_free                (guint8               *dek);

gboolean        udha_vault_keys_verify_mac         (UdhaVaultKeys        *self,
                                                    const guint8          slots_key[UDHA_VAULT_KEY_LEN],
                                                    GError              **error);
GBytes         *udha_vault_keys_serialize          (UdhaVaultKeys        *self,
                                                    const guint8          slots_key[UDHA_VAULT_KEY_LEN]);
gboolean        udha_vault_keys_save               (UdhaVaultKeys        *self,
                                                    const char           *path,
                                                    const guint8          slots_key[UDHA_VAULT_KEY_LEN],
                                                    GError              **error);

gboolean        udha_vault_keys_get_audit_head     (UdhaVaultKeys        *self,
                                                    guint64              *seq,
                                                    guint8                hash[UDHA_VAULT_AUDIT_HASH_LEN]);
void            udha_vault_keys_set_audit_head     (UdhaVaultKeys        *self,
                                                    guint64               seq,
                                                    const guint8          hash[UDHA_VAULT_AUDIT_HASH_LEN]);

gboolean        udha_vault_write_file_atomic       (const char           *path,
                                                    const guint8         *data,
                                                    gsize                 len,
                                                    gboolean              keep_backup,
                                                    GError              **error);
gboolean        udha_vault_fsync_dir_of            (const char           *path,
                                                    GError              **error);

UdhaVaultSecret *udha_vault_recovery_key_format    (const guint8          raw[UDHA_VAULT_RECOVERY_KEY_LEN]);
gboolean         udha_vault_recovery_key_parse     (const char           *text,
                                                    guint8                raw[UDHA_VAULT_RECOVERY_KEY_LEN]);

char           *udha_vault_user_name_fold          (const char           *user_name);
void            udha_vault_user_label              (const guint8          dbid[UDHA_VAULT_DBID_LEN],
                                                    const char           *user_name,
                                                    guint8                label[UDHA_VAULT_KEYS_LABEL_LEN]);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdhaVaultKeys, udha_vault_keys_free)

G_END_DECLS
