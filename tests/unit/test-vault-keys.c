/* test-vault-keys.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The key-slot file <vault>.keys (VAULT.md §10, §11.2, §17 item 1). */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sodium.h>
#include <string.h>

#include "udha-vault-keys.h"
#include "udha-vault-keys-private.h"

#define KAT_CREATED     G_GUINT64_CONSTANT (1767225600)   /* 2026-01-01 00:00 UTC */
#define KAT_GENERATION  7
#define KAT_USER        "Ana Çela"
#define KAT_PASSPHRASE  "kafe me qumësht 2026"

/* BLAKE2b-256 of the whole KAT file below. The header, the label and the
 * trailer MAC were also checked independently with Python's hashlib. */
#define KAT_FILE_HASH   "c92c2e59ba4ac521e92628804ee4774e1494d8b43965c2de0c4c8508f3b31152"

typedef struct
{
  guint8 dbid[UDHA_VAULT_DBID_LEN];
  guint8 dek[UDHA_VAULT_KEY_LEN];
  guint8 salt[UDHA_VAULT_KEYS_SALT_LEN];
  guint8 nonce1[UDHA_VAULT_NONCE_LEN];
  guint8 nonce2[UDHA_VAULT_NONCE_LEN];
  guint8 recovery[UDHA_VAULT_RECOVERY_KEY_LEN];
  guint8 audit_hash[UDHA_VAULT_AUDIT_HASH_LEN];
  guint8 kek[UDHA_VAULT_KEY_LEN];
  UdhaVaultKey *key;
} Kat;

static void
fill (guint8 *buf,
      gsize   len,
      guint8  start)
{
  for (gsize i = 0; i < len; i++)
    buf[i] = (guint8) (start + i);
}

static void
kat_init (Kat *kat)
{
  guint32 ops;
  guint32 mem;

  fill (kat->dbid, sizeof kat->dbid, 0x10);
  fill (kat->dek, sizeof kat->dek, 0x40);
  fill (kat->salt, sizeof kat->salt, 0xa0);
  fill (kat->nonce1, sizeof kat->nonce1, 0xc0);
  fill (kat->nonce2, sizeof kat->nonce2, 0xe0);
  fill (kat->recovery, sizeof kat->recovery, 0x00);
  fill (kat->audit_hash, sizeof kat->audit_hash, 0x60);

  g_assert_true (udha_vault_kdf_get_params (UDHA_VAULT_KDF_TEST_MIN, &ops, &mem));
  g_assert_cmpint (crypto_pwhash (kat->kek, sizeof kat->kek, KAT_PASSPHRASE, strlen (KAT_PASSPHRASE),
                                  kat->salt, ops, (size_t) mem * 1024, crypto_pwhash_ALG_ARGON2ID13), ==, 0);
  kat->key = udha_vault_key_new_from_dek (kat->dek, kat->dbid);
}

static void
kat_clear (Kat *kat)
{
  g_clear_pointer (&kat->key, udha_vault_key_unref);
}

static UdhaVaultKeys *
kat_build (Kat *kat)
{
  g_autoptr(GError) error = NULL;
  UdhaVaultKeys *keys = udha_vault_keys_new (kat->dbid, KAT_GENERATION);

  g_assert_true (_udha_vault_keys_add_passphrase_with_kek (keys, 1, KAT_CREATED, KAT_USER, kat->salt,
                                                           1, 8, kat->nonce1, kat->kek, kat->dek, &error));
  g_assert_no_error (error);
  g_assert_true (_udha_vault_keys_add_recovery_with_raw (keys, 2, KAT_CREATED, kat->recovery,
                                                         kat->nonce2, kat->dek, &error));
  g_assert_no_error (error);
  _udha_vault_keys_set_audit_head_full (keys, 3, KAT_CREATED, 42, kat->audit_hash);

  return keys;
}

static GBytes *
kat_bytes (Kat *kat)
{
  g_autoptr(UdhaVaultKeys) keys = kat_build (kat);

  return udha_vault_keys_serialize (keys, udha_vault_key_get_slots_key (kat->key));
}

static char *
hex (const guint8 *data,
     gsize         len)
{
  GString *s = g_string_new (NULL);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (s, "%02x", data[i]);

  return g_string_free (s, FALSE);
}

static GByteArray *
mutable_copy (GBytes *bytes)
{
  GByteArray *a = g_byte_array_new ();

  g_byte_array_append (a, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return a;
}

static void
le32 (guint8  *p,
      guint32  v)
{
  for (guint i = 0; i < 4; i++)
    p[i] = (v >> (8 * i)) & 0xff;
}

/* Offsets in the KAT file */
#define OFF_VERSION     8
#define OFF_FLAGS       10
#define OFF_PAGE_SIZE   28
#define OFF_RESERVE     32
#define OFF_AEAD        33
#define OFF_GENERATION  34
#define OFF_NSLOTS      42
#define OFF_SLOT1       43
#define SLOT1_LEN       (4 + 121)
#define OFF_OPSLIMIT    (OFF_SLOT1 + 4 + 8 + 16 + 16)
#define OFF_MEMLIMIT    (OFF_OPSLIMIT + 4)
#define OFF_ALG         (OFF_MEMLIMIT + 4)
#define OFF_SLOT2       (OFF_SLOT1 + SLOT1_LEN)
#define SLOT2_LEN       (4 + 80)
#define OFF_SLOT3       (OFF_SLOT2 + SLOT2_LEN)
#define SLOT3_LEN       (4 + 48)
#define KAT_LEN         (OFF_SLOT3 + SLOT3_LEN + 32)

static void
test_keys_kat (void)
{
  Kat kat = { { 0, }, };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GByteArray) expect = g_byte_array_new ();
  g_autofree char *digest_hex = NULL;
  const guint8 *data;
  guint8 digest[32];
  guint8 ad[100];
  guint8 wrapped[48];
  guint8 label[16];
  guint8 label_key[32];
  guint8 mac[32];
  guint8 rkek[32];
  gsize len;
  gsize n;

  static const guint8 header[43] = {
    'U', 'D', 'H', 'A', 'K', 'E', 'Y', 'S',
    0x01, 0x00,                                       /* version 1 */
    0x00, 0x00,                                       /* flags */
    0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,   /* dbid */
    0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
    0x00, 0x10, 0x00, 0x00,                           /* page_size 4096 */
    40,                                               /* reserve */
    1,                                                /* aead_id */
    7, 0, 0, 0, 0, 0, 0, 0,                           /* generation */
    3,                                                /* nslots */
  };

  kat_init (&kat);
  bytes = kat_bytes (&kat);
  data = g_bytes_get_data (bytes, &len);

  g_assert_cmpuint (len, ==, KAT_LEN);
  g_assert_cmpmem (data, sizeof header, header, sizeof header);

  /* Rebuild the whole file independently from the layout of VAULT.md §10.2. */
  g_byte_array_append (expect, header, sizeof header);

  memcpy (label_key, kat.dbid, 16);
  memcpy (label_key + 16, "UDHA-user-label!", 16);
  crypto_generichash (label, 16, (const guint8 *) "ana çela", strlen ("ana çela"), label_key, 32);

  {
    guint8 slot[4 + 121];
    guint8 *p = slot;

    *p++ = 1; *p++ = 1; *p++ = 121; *p++ = 0;
    memcpy (p, &(guint8[8]) { 0x00, 0xb9, 0x55, 0x69, 0, 0, 0, 0 }, 8); p += 8;
    memcpy (p, label, 16); p += 16;
    memcpy (p, kat.salt, 16); p += 16;
    le32 (p, 1); p += 4;
    le32 (p, 8); p += 4;
    *p++ = crypto_pwhash_ALG_ARGON2ID13;

    /* AD_slot = magic ‖ version ‖ dbid ‖ page_size ‖ reserve ‖ aead_id ‖
     * type ‖ slot_id ‖ created ‖ label ‖ salt ‖ opslimit ‖ memlimit ‖ alg */
    n = 0;
    memcpy (ad, header, 10); n += 10;
    memcpy (ad + n, kat.dbid, 16); n += 16;
    memcpy (ad + n, header + 28, 6); n += 6;
    memcpy (ad + n, slot, 2); n += 2;
    memcpy (ad + n, slot + 4, 8 + 16 + 16 + 4 + 4 + 1); n += 49;
    g_assert_cmpuint (n, ==, 83);

    crypto_aead_xchacha20poly1305_ietf_encrypt (wrapped, NULL, kat.dek, 32, ad, n, NULL, kat.nonce1, kat.kek);
    memcpy (p, kat.nonce1, 24); p += 24;
    memcpy (p, wrapped, 48); p += 48;
    g_assert_cmpuint (p - slot, ==, sizeof slot);
    g_byte_array_append (expect, slot, sizeof slot);
  }

  {
    guint8 slot[4 + 80];
    guint8 *p = slot;

    *p++ = 2; *p++ = 2; *p++ = 80; *p++ = 0;
    memcpy (p, &(guint8[8]) { 0x00, 0xb9, 0x55, 0x69, 0, 0, 0, 0 }, 8); p += 8;

    n = 0;
    memcpy (ad, header, 10); n += 10;
    memcpy (ad + n, kat.dbid, 16); n += 16;
    memcpy (ad + n, header + 28, 6); n += 6;
    memcpy (ad + n, slot, 2); n += 2;
    memcpy (ad + n, slot + 4, 8); n += 8;
    g_assert_cmpuint (n, ==, 42);

    crypto_generichash (rkek, 32, kat.recovery, 32, (const guint8 *) "UDHA-recovery-01", 16);
    crypto_aead_xchacha20poly1305_ietf_encrypt (wrapped, NULL, kat.dek, 32, ad, n, NULL, kat.nonce2, rkek);
    memcpy (p, kat.nonce2, 24); p += 24;
    memcpy (p, wrapped, 48); p += 48;
    g_byte_array_append (expect, slot, sizeof slot);
  }

  {
    guint8 slot[4 + 48] = { 5, 3, 48, 0, 0x00, 0xb9, 0x55, 0x69, 0, 0, 0, 0, 42, 0, 0, 0, 0, 0, 0, 0 };

    memcpy (slot + 20, kat.audit_hash, 32);
    g_byte_array_append (expect, slot, sizeof slot);
  }

  crypto_generichash (mac, 32, expect->data, expect->len, udha_vault_key_get_slots_key (kat.key), 32);
  g_byte_array_append (expect, mac, 32);

  g_assert_cmpmem (data, len, expect->data, expect->len);

  /* And the fixed vector. */
  crypto_generichash (digest, sizeof digest, data, len, NULL, 0);
  digest_hex = hex (digest, sizeof digest);
  if (g_test_verbose ())
    g_test_message ("KAT file hash %s", digest_hex);
  g_assert_cmpstr (digest_hex, ==, KAT_FILE_HASH);

  kat_clear (&kat);
}

static void
test_keys_round_trip (void)
{
  Kat kat = { { 0, }, };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(UdhaVaultKeys) keys = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaVaultSecret) recovery_text = NULL;
  guint8 *dek;
  guint8 slot_id = 0;
  guint8 type;
  guint8 id;
  guint64 created;
  guint64 seq = 0;
  guint8 hash[32];
  guint32 ops;
  guint32 mem;

  kat_init (&kat);
  bytes = kat_bytes (&kat);

  keys = udha_vault_keys_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  g_assert_nonnull (keys);

  g_assert_cmpmem (udha_vault_keys_get_dbid (keys), 16, kat.dbid, 16);
  g_assert_cmpuint (udha_vault_keys_get_generation (keys), ==, KAT_GENERATION);
  g_assert_cmpuint (udha_vault_keys_get_n_slots (keys), ==, 3);
  g_assert_true (_udha_vault_keys_get_slot (keys, 0, &type, &id, &created));
  g_assert_cmpuint (type, ==, UDHA_VAULT_SLOT_PASSPHRASE);
  g_assert_cmpuint (id, ==, 1);
  g_assert_cmpuint (created, ==, KAT_CREATED);
  g_assert_true (udha_vault_keys_get_slot_params (keys, 1, &ops, &mem));
  g_assert_cmpuint (ops, ==, 1);
  g_assert_cmpuint (mem, ==, 8);
  g_assert_cmpint (udha_vault_keys_find_recovery (keys), ==, 2);
  g_assert_true (udha_vault_keys_get_audit_head (keys, &seq, hash));
  g_assert_cmpuint (seq, ==, 42);
  g_assert_cmpmem (hash, 32, kat.audit_hash, 32);

  /* The MAC verifies under K_slots and not under another key. */
  g_assert_true (udha_vault_keys_verify_mac (keys, udha_vault_key_get_slots_key (kat.key), &error));
  g_assert_no_error (error);
  g_assert_false (udha_vault_keys_verify_mac (keys, udha_vault_key_get_page_key (kat.key), &error));
  g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_KEYFILE);
  g_clear_error (&error);

  /* Serializing again gives the same bytes. */
  again = udha_vault_keys_serialize (keys, udha_vault_key_get_slots_key (kat.key));
  g_assert_true (g_bytes_equal (bytes, again));

  /* The user name selects the slot, ignoring case and surrounding space. */
  dek = udha_vault_keys_unwrap_passphrase (keys, "  ANA ÇELA ", KAT_PASSPHRASE, &slot_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dek);
  g_assert_cmpuint (slot_id, ==, 1);
  g_assert_cmpmem (dek, 32, kat.dek, 32);
  udha_vault_dek_free (dek);

  /* NFD input finds the NFC label too. */
  dek = udha_vault_keys_unwrap_passphrase (keys, "Ana C\xcc\xa7" "ela", KAT_PASSPHRASE, NULL, &error);
  g_assert_no_error (error);
  udha_vault_dek_free (dek);

  /* The recovery key, as formatted for display and as typed sloppily. */
  recovery_text = udha_vault_recovery_key_format (kat.recovery);
  g_assert_cmpstr (recovery_text, ==, "AAAQ-EAYE-AUDA-OCAJ-BIFQ-YDIO-B4IB-CEQT-CQKR-MFYY-DENB-WHA5-DYPQ");
  dek = udha_vault_keys_unwrap_recovery (keys, " aaaq eaye-auda ocaj bifq ydio b4ib ceqt cqkr mfyy denb wha5 dypq\n", &error);
  g_assert_no_error (error);
  g_assert_cmpmem (dek, 32, kat.dek, 32);
  udha_vault_dek_free (dek);

  kat_clear (&kat);
}

static void
test_keys_wrong_secret (void)
{
  Kat kat = { { 0, }, };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(UdhaVaultKeys) keys = NULL;
  g_autoptr(GError) error1 = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autoptr(GError) error3 = NULL;
  guint8 raw[32];
  g_autoptr(UdhaVaultSecret) other = NULL;

  kat_init (&kat);
  bytes = kat_bytes (&kat);
  keys = udha_vault_keys_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL);
  g_assert_nonnull (keys);

  g_assert_null (udha_vault_keys_unwrap_passphrase (keys, KAT_USER, "kafe me qumësht 2025", NULL, &error1));
  g_assert_error (error1, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_WRONG_SECRET);
  g_assert_null (udha_vault_keys_unwrap_passphrase (keys, "Ana Cela", KAT_PASSPHRASE, NULL, &error2));
  g_assert_error (error2, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_WRONG_SECRET);
  g_assert_cmpstr (error1->message, ==, error2->message);
  g_assert_null (strstr (error2->message, "Ana"));

  fill (raw, sizeof raw, 1);
  other = udha_vault_recovery_key_format (raw);
  g_assert_null (udha_vault_keys_unwrap_recovery (keys, other, &error3));
  g_assert_error (error3, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_WRONG_SECRET);
  g_clear_error (&error3);

  g_assert_null (udha_vault_keys_unwrap_recovery (keys, "AAAQ-EAYE", &error3));
  g_assert_error (error3, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_INVALID);

  kat_clear (&kat);
}

/* An unknown user name costs one KDF run, like a wrong passphrase. */
static void
test_keys_unknown_user_timing (void)
{
  g_autoptr(UdhaVaultKeys) keys = NULL;
  g_autoptr(GError) error = NULL;
  guint8 dbid[16];
  guint8 dek[32];
  guint32 ops;
  guint32 mem;
  gint64 t0;
  gint64 wrong_pass;
  gint64 wrong_user;

  fill (dbid, sizeof dbid, 3);
  fill (dek, sizeof dek, 4);
  g_assert_true (udha_vault_kdf_get_params (UDHA_VAULT_KDF_INTERACTIVE, &ops, &mem));
  keys = udha_vault_keys_new (dbid, 1);
  g_assert_true (udha_vault_keys_add_passphrase (keys, 1, "admin", "correct passphrase", ops, mem, dek, &error));
  g_assert_no_error (error);

  t0 = g_get_monotonic_time ();
  g_assert_null (udha_vault_keys_unwrap_passphrase (keys, "admin", "wrong passphrase", NULL, &error));
  wrong_pass = g_get_monotonic_time () - t0;
  g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_WRONG_SECRET);
  g_clear_error (&error);

  t0 = g_get_monotonic_time ();
  g_assert_null (udha_vault_keys_unwrap_passphrase (keys, "nobody", "wrong passphrase", NULL, &error));
  wrong_user = g_get_monotonic_time () - t0;
  g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_WRONG_SECRET);

  g_test_message ("wrong passphrase %" G_GINT64_FORMAT " us, unknown user %" G_GINT64_FORMAT " us",
                  wrong_pass, wrong_user);
  g_assert_cmpint (wrong_user * 2, >, wrong_pass);
  g_assert_cmpint (wrong_pass * 2, >, wrong_user);
}

static void
expect_keyfile_error (const guint8 *data,
                      gsize         len,
                      const char   *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaVaultKeys) keys = NULL;
  gint64 t0 = g_get_monotonic_time ();

  keys = udha_vault_keys_parse (data, len, &error);
  if (keys != NULL)
    g_error ("Parsed a key file with %s", what);
  g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_KEYFILE);
  /* Rejected before any KDF: well under a millisecond, allow slack for ASan. */
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 50000);
}

static void
test_keys_caps (void)
{
  Kat kat = { { 0, }, };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaVaultKeys) keys = NULL;
  GByteArray *a;

  kat_init (&kat);
  bytes = kat_bytes (&kat);

#define MUTATE(stmt, what) \
  G_STMT_START { \
    a = mutable_copy (bytes); \
    stmt; \
    expect_keyfile_error (a->data, a->len, what); \
    g_byte_array_unref (a); \
  } G_STMT_END

  MUTATE (le32 (a->data + OFF_OPSLIMIT, 1000), "opslimit 1000");
  MUTATE (le32 (a->data + OFF_OPSLIMIT, 11), "opslimit 11");
  MUTATE (le32 (a->data + OFF_OPSLIMIT, 0), "opslimit 0");
  MUTATE (le32 (a->data + OFF_MEMLIMIT, 64u * 1024 * 1024), "memlimit 64 GiB");
  MUTATE (le32 (a->data + OFF_MEMLIMIT, 1024 * 1024 + 1), "memlimit 1 GiB + 1 KiB");
  MUTATE (le32 (a->data + OFF_MEMLIMIT, 7), "memlimit 7 KiB");
  MUTATE (a->data[OFF_ALG] = 1, "argon2i");
  MUTATE (a->data[0] = 'X', "bad magic");
  MUTATE (a->data[OFF_VERSION] = 0, "version 0");
  MUTATE (a->data[OFF_FLAGS] = 1, "flags");
  MUTATE (a->data[OFF_PAGE_SIZE + 1] = 0x20, "page size 8192");
  MUTATE (a->data[OFF_RESERVE] = 48, "reserve 48");
  MUTATE (a->data[OFF_AEAD] = 2, "aead 2");
  MUTATE (a->data[OFF_NSLOTS] = 0, "no slots");
  MUTATE (a->data[OFF_NSLOTS] = 65, "65 slots");
  MUTATE (a->data[OFF_NSLOTS] = 4, "more slots than present");
  MUTATE (a->data[OFF_NSLOTS] = 2, "fewer slots than present");
  MUTATE (a->data[OFF_SLOT1] = 9, "unknown slot type");
  MUTATE (a->data[OFF_SLOT1] = 0, "slot type 0");
  MUTATE (a->data[OFF_SLOT1 + 2] = 120, "short passphrase slot");
  MUTATE (a->data[OFF_SLOT1 + 3] = 0xff, "slot length past the end");
  MUTATE (a->data[OFF_SLOT2 + 2] = 81, "long recovery slot");
  MUTATE (a->data[OFF_SLOT2 + 1] = 1, "duplicate slot id");
  MUTATE (a->data[OFF_SLOT2] = 1, "recovery slot typed as passphrase");
  MUTATE (a->data[OFF_SLOT3] = 2, "meta slot typed as recovery");
  MUTATE (g_byte_array_append (a, (const guint8 *) "x", 1), "a trailing byte");
  MUTATE (g_byte_array_set_size (a, UDHA_VAULT_KEYS_MAX_SIZE + 1), "more than 64 KiB");

#undef MUTATE

  /* Every truncation. */
  for (gsize len = 0; len < g_bytes_get_size (bytes); len++)
    expect_keyfile_error (g_bytes_get_data (bytes, NULL), len, "truncation");

  /* A newer version is its own error. */
  a = mutable_copy (bytes);
  a->data[OFF_VERSION] = 2;
  keys = udha_vault_keys_parse (a->data, a->len, &error);
  g_assert_null (keys);
  g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_NEWER_VERSION);
  g_byte_array_unref (a);

  kat_clear (&kat);
}

/* A byte outside AD_slot (generation, nslots' neighbours, len) is caught by
 * the trailer MAC; a byte inside a slot by the parser, the label, the AEAD or
 * the MAC. Nothing ever unwraps and verifies. */
static void
test_keys_tamper (void)
{
  Kat kat = { { 0, }, };
  g_autoptr(GBytes) bytes = NULL;
  gsize len;

  kat_init (&kat);
  bytes = kat_bytes (&kat);
  len = g_bytes_get_size (bytes);

  /* The generation: parses, the slot still opens, the MAC refuses. */
  {
    g_autoptr(GByteArray) a = mutable_copy (bytes);
    g_autoptr(UdhaVaultKeys) keys = NULL;
    g_autoptr(GError) error = NULL;
    guint8 *dek;

    a->data[OFF_GENERATION] ^= 0x01;
    keys = udha_vault_keys_parse (a->data, a->len, &error);
    g_assert_no_error (error);
    dek = udha_vault_keys_unwrap_passphrase (keys, KAT_USER, KAT_PASSPHRASE, NULL, &error);
    g_assert_no_error (error);
    udha_vault_dek_free (dek);
    g_assert_false (udha_vault_keys_verify_mac (keys, udha_vault_key_get_slots_key (kat.key), &error));
    g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_KEYFILE);
  }

  /* Every byte of the header and the two key slots. */
  for (gsize off = 0; off < OFF_SLOT3; off++)
    {
      g_autoptr(GByteArray) a = mutable_copy (bytes);
      g_autoptr(UdhaVaultKeys) keys = NULL;
      g_autoptr(GError) error = NULL;
      guint8 *dek;
      gboolean recovery_slot = off >= OFF_SLOT2;

      a->data[off] ^= 0x01;
      keys = udha_vault_keys_parse (a->data, a->len, &error);
      if (keys == NULL)
        {
          g_assert_true (g_error_matches (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_KEYFILE) ||
                         g_error_matches (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_NEWER_VERSION));
          continue;
        }

      if (recovery_slot)
        dek = udha_vault_keys_unwrap_recovery (keys, "AAAQEAYEAUDAOCAJBIFQYDIOB4IBCEQTCQKRMFYYDENBWHA5DYPQ", &error);
      else
        dek = udha_vault_keys_unwrap_passphrase (keys, KAT_USER, KAT_PASSPHRASE, NULL, &error);

      if (dek == NULL)
        {
          g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_WRONG_SECRET);
          continue;
        }
      udha_vault_dek_free (dek);

      if (udha_vault_keys_verify_mac (keys, udha_vault_key_get_slots_key (kat.key), &error))
        g_error ("Flipped byte %" G_GSIZE_FORMAT " was accepted", off);
      g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_KEYFILE);
    }

  /* The meta slot and the MAC itself. */
  for (gsize off = OFF_SLOT3; off < len; off++)
    {
      g_autoptr(GByteArray) a = mutable_copy (bytes);
      g_autoptr(UdhaVaultKeys) keys = NULL;
      g_autoptr(GError) error = NULL;

      a->data[off] ^= 0x80;
      keys = udha_vault_keys_parse (a->data, a->len, &error);
      if (keys != NULL)
        g_assert_false (udha_vault_keys_verify_mac (keys, udha_vault_key_get_slots_key (kat.key), &error));
      g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_KEYFILE);
    }

  kat_clear (&kat);
}

static gboolean
contains (GBytes     *haystack,
          const void *needle,
          gsize       len)
{
  const guint8 *h = g_bytes_get_data (haystack, NULL);
  gsize hlen = g_bytes_get_size (haystack);

  for (gsize i = 0; len > 0 && i + len <= hlen; i++)
    if (memcmp (h + i, needle, len) == 0)
      return TRUE;

  return FALSE;
}

static void
assert_name_absent (GBytes     *bytes,
                    const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);
  g_autofree char *upper = g_utf8_strup (name, -1);
  g_autofree char *nfd = g_utf8_normalize (name, -1, G_NORMALIZE_NFD);
  g_autofree gunichar2 *utf16 = NULL;
  g_autofree char *latin1 = NULL;
  glong n16 = 0;
  gsize nlatin1 = 0;

  g_assert_false (contains (bytes, name, strlen (name)));
  g_assert_false (contains (bytes, folded, strlen (folded)));
  g_assert_false (contains (bytes, upper, strlen (upper)));
  g_assert_false (contains (bytes, nfd, strlen (nfd)));

  utf16 = g_utf8_to_utf16 (name, -1, NULL, &n16, NULL);
  g_assert_false (contains (bytes, utf16, (gsize) n16 * 2));
  latin1 = g_convert (name, -1, "ISO-8859-1", "UTF-8", NULL, &nlatin1, NULL);
  if (latin1 != NULL)
    g_assert_false (contains (bytes, latin1, nlatin1));

  /* The 5-byte prefix of the name is the strongest check that is still
   * unlikely to appear by chance in random bytes. */
  if (strlen (folded) >= 5)
    g_assert_false (contains (bytes, folded, 5));
}

static void
test_keys_no_names (void)
{
  static const char * const names[] = { "Ana Çela", "Bledar Hoxha", "Mërgim Dervishi", "admin" };
  g_autoptr(UdhaVaultKeys) keys = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  guint8 dbid[16];
  guint8 dek[32];
  guint8 slots_key[32];
  guint32 ops;
  guint32 mem;

  randombytes_buf (dbid, sizeof dbid);
  randombytes_buf (dek, sizeof dek);
  randombytes_buf (slots_key, sizeof slots_key);
  udha_vault_kdf_get_params (UDHA_VAULT_KDF_TEST_MIN, &ops, &mem);

  keys = udha_vault_keys_new (dbid, 1);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_true (udha_vault_keys_add_passphrase (keys, (guint8) (i + 1), names[i], "a long enough passphrase",
                                                     ops, mem, dek, &error));
      g_assert_no_error (error);
    }

  bytes = udha_vault_keys_serialize (keys, slots_key);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    assert_name_absent (bytes, names[i]);
}

static void
test_keys_duplicate_user (void)
{
  g_autoptr(UdhaVaultKeys) keys = NULL;
  g_autoptr(GError) error = NULL;
  guint8 dbid[16] = { 0, };
  guint8 dek[32] = { 0, };
  guint32 ops;
  guint32 mem;

  udha_vault_kdf_get_params (UDHA_VAULT_KDF_TEST_MIN, &ops, &mem);
  keys = udha_vault_keys_new (dbid, 1);
  g_assert_true (udha_vault_keys_add_passphrase (keys, 1, "Ana", "passphrase one", ops, mem, dek, &error));
  g_assert_false (udha_vault_keys_add_passphrase (keys, 2, " ANA ", "passphrase two", ops, mem, dek, &error));
  g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_EXISTS);
  g_assert_cmpint (udha_vault_keys_find_user (keys, "ana"), ==, 1);
  g_assert_cmpint (udha_vault_keys_find_user (keys, "bledi"), ==, -1);
  g_assert_cmpuint (udha_vault_keys_next_slot_id (keys), ==, 2);
}

static void
test_keys_recovery_format (void)
{
  guint8 raw[32];
  guint8 back[32];

  for (guint round = 0; round < 100; round++)
    {
      g_autoptr(UdhaVaultSecret) text = NULL;
      g_autofree char *messy = NULL;
      g_auto(GStrv) groups = NULL;

      randombytes_buf (raw, sizeof raw);
      text = udha_vault_recovery_key_format (raw);

      g_assert_cmpuint (strlen (text), ==, 64);
      groups = g_strsplit (text, "-", -1);
      g_assert_cmpuint (g_strv_length (groups), ==, 13);
      for (guint i = 0; groups[i] != NULL; i++)
        {
          g_assert_cmpuint (strlen (groups[i]), ==, 4);
          for (const char *p = groups[i]; *p; p++)
            g_assert_true ((*p >= 'A' && *p <= 'Z') || (*p >= '2' && *p <= '7'));
        }

      g_assert_true (udha_vault_recovery_key_parse (text, back));
      g_assert_cmpmem (raw, 32, back, 32);

      messy = g_ascii_strdown (text, -1);
      g_strdelimit (messy, "-", ' ');
      g_assert_true (udha_vault_recovery_key_parse (messy, back));
      g_assert_cmpmem (raw, 32, back, 32);
    }

  g_assert_false (udha_vault_recovery_key_parse ("", back));
  g_assert_false (udha_vault_recovery_key_parse ("AAAQ-EAYE-AUDA-OCAJ-BIFQ-YDIO-B4IB-CEQT-CQKR-MFYY-DENB-WHA5-DYP", back));
  g_assert_false (udha_vault_recovery_key_parse ("AAAQ-EAYE-AUDA-OCAJ-BIFQ-YDIO-B4IB-CEQT-CQKR-MFYY-DENB-WHA5-DYPQA", back));
  g_assert_false (udha_vault_recovery_key_parse ("AAAQ-EAYE-AUDA-OCAJ-BIFQ-YDIO-B4IB-CEQT-CQKR-MFYY-DENB-WHA5-DYP1", back));
  /* The last character carries 4 zero bits: R = 17 = 10001b is not canonical. */
  g_assert_false (udha_vault_recovery_key_parse ("AAAQ-EAYE-AUDA-OCAJ-BIFQ-YDIO-B4IB-CEQT-CQKR-MFYY-DENB-WHA5-DYPR", back));
}

static void
test_keys_kdf_params (void)
{
  UdhaVaultKdf kdf;
  guint32 ops;
  guint32 mem;

  g_assert_cmpint (UDHA_VAULT_KDF_DEFAULT, ==, UDHA_VAULT_KDF_MODERATE);
  g_assert_true (udha_vault_kdf_get_params (UDHA_VAULT_KDF_DEFAULT, &ops, &mem));
  g_assert_cmpuint (ops, ==, 3);
  g_assert_cmpuint (mem, ==, 256 * 1024);
  g_assert_true (udha_vault_kdf_get_params (UDHA_VAULT_KDF_INTERACTIVE, &ops, &mem));
  g_assert_cmpuint (ops, ==, 2);
  g_assert_cmpuint (mem, ==, 64 * 1024);
  g_assert_true (udha_vault_kdf_get_params (UDHA_VAULT_KDF_SENSITIVE, &ops, &mem));
  g_assert_cmpuint (ops, ==, 4);
  g_assert_cmpuint (mem, ==, 1024 * 1024);
  g_assert_true (udha_vault_kdf_get_params (UDHA_VAULT_KDF_TEST_MIN, &ops, &mem));
  g_assert_cmpuint (ops, ==, 1);
  g_assert_cmpuint (mem, ==, 8);

  g_assert_true (udha_vault_kdf_from_string ("moderate", &kdf));
  g_assert_cmpint (kdf, ==, UDHA_VAULT_KDF_MODERATE);
  g_assert_false (udha_vault_kdf_from_string ("fast", &kdf));
}

static void
test_keys_file_io (void)
{
  Kat kat = { { 0, }, };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(UdhaVaultKeys) keys = NULL;
  g_autoptr(UdhaVaultKeys) loaded = NULL;
  g_autoptr(UdhaVaultKeys) bak = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("udha-keys-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "cases.udb.keys", NULL);
  g_autofree char *bak_path = g_strconcat (path, ".bak", NULL);
  g_autofree char *new_path = g_strconcat (path, ".new", NULL);

  kat_init (&kat);

  /* Missing */
  g_assert_null (udha_vault_keys_load (path, &error));
  g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_KEYFILE);
  g_assert_nonnull (strstr (error->message, "missing"));
  g_assert_nonnull (strstr (error->message, "cases.udb.keys.bak"));
  g_assert_null (strstr (error->message, dir));
  g_clear_error (&error);

  /* Empty */
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  g_assert_null (udha_vault_keys_load (path, &error));
  g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_KEYFILE);
  g_clear_error (&error);

  /* Truncated */
  bytes = kat_bytes (&kat);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), 100, NULL));
  g_assert_null (udha_vault_keys_load (path, &error));
  g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_KEYFILE);
  g_assert_nonnull (strstr (error->message, "cases.udb.keys"));
  g_clear_error (&error);
  g_unlink (path);

  /* Save twice: the first generation ends up in .bak. */
  keys = kat_build (&kat);
  g_assert_true (udha_vault_keys_save (keys, path, udha_vault_key_get_slots_key (kat.key), &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (bak_path, G_FILE_TEST_EXISTS));
  udha_vault_keys_set_generation (keys, KAT_GENERATION + 1);
  g_assert_true (udha_vault_keys_save (keys, path, udha_vault_key_get_slots_key (kat.key), &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (new_path, G_FILE_TEST_EXISTS));

  loaded = udha_vault_keys_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (udha_vault_keys_get_generation (loaded), ==, KAT_GENERATION + 1);
  g_assert_true (udha_vault_keys_verify_mac (loaded, udha_vault_key_get_slots_key (kat.key), &error));
  bak = udha_vault_keys_load (bak_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (udha_vault_keys_get_generation (bak), ==, KAT_GENERATION);
  g_assert_true (udha_vault_keys_verify_mac (bak, udha_vault_key_get_slots_key (kat.key), &error));

  /* Mode 0600. */
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
  }

  g_unlink (path);
  g_unlink (bak_path);
  g_rmdir (dir);
  kat_clear (&kat);
}

/* Random mutations never crash the parser (run under ASan/UBSan too), and a
 * mutated file that still parses never passes the MAC. */
static void
test_keys_random_mutations (void)
{
  Kat kat = { { 0, }, };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260101);
  guint parsed = 0;

  kat_init (&kat);
  bytes = kat_bytes (&kat);

  for (guint round = 0; round < 20000; round++)
    {
      g_autoptr(GByteArray) a = mutable_copy (bytes);
      g_autoptr(UdhaVaultKeys) keys = NULL;
      g_autoptr(GError) error = NULL;
      guint n_flips = g_rand_int_range (rand, 1, 5);

      for (guint i = 0; i < n_flips; i++)
        a->data[g_rand_int_range (rand, 0, a->len)] ^= (guint8) g_rand_int_range (rand, 1, 256);
      if (g_rand_boolean (rand))
        g_byte_array_set_size (a, g_rand_int_range (rand, 0, a->len + 1));

      keys = udha_vault_keys_parse (a->data, a->len, &error);
      if (keys == NULL)
        {
          g_assert_true (error->domain == UDHA_VAULT_ERROR);
          continue;
        }

      parsed++;
      g_assert_false (udha_vault_keys_verify_mac (keys, udha_vault_key_get_slots_key (kat.key), NULL));
    }

  g_test_message ("%u of 20000 mutated files parsed; none verified", parsed);
  kat_clear (&kat);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);

  g_test_add_func ("/udha/vault/keys/kat", test_keys_kat);
  g_test_add_func ("/udha/vault/keys/round-trip", test_keys_round_trip);
  g_test_add_func ("/udha/vault/keys/wrong-secret", test_keys_wrong_secret);
  g_test_add_func ("/udha/vault/keys/unknown-user-timing", test_keys_unknown_user_timing);
  g_test_add_func ("/udha/vault/keys/caps", test_keys_caps);
  g_test_add_func ("/udha/vault/keys/tamper", test_keys_tamper);
  g_test_add_func ("/udha/vault/keys/no-names", test_keys_no_names);
  g_test_add_func ("/udha/vault/keys/duplicate-user", test_keys_duplicate_user);
  g_test_add_func ("/udha/vault/keys/recovery-format", test_keys_recovery_format);
  g_test_add_func ("/udha/vault/keys/kdf-params", test_keys_kdf_params);
  g_test_add_func ("/udha/vault/keys/file-io", test_keys_file_io);
  g_test_add_func ("/udha/vault/keys/random-mutations", test_keys_random_mutations);

  return g_test_run ();
}
