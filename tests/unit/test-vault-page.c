/* test-vault-page.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Known-answer and tamper tests for the page format of VAULT.md §5.
 *
 * The expected values were computed once with an independent Python
 * implementation (hashlib.blake2b for crypto_kdf, a hand-written HChaCha20
 * plus the "cryptography" package's IETF ChaCha20-Poly1305), for
 * DEK = 01 02 … 20, dbid = d1 d2 … e0, nonce = 40 41 … 57 and the plaintext
 * page byte[i] = (7 i + pgno) mod 256 with the reserve zeroed (and a valid
 * SQLite header on page 1). */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "udha-core.h"
#include "udha-vault-key.h"
#include "udha-vault-page.h"
#include "udha-vault-page-private.h"
#include "udha-vault-test-utils.h"

#define PS UDHA_VAULT_PAGE_SIZE

typedef struct
{
  UdhaVaultPageKind  kind;
  guint32            pgno;
  const char        *tag;
  const char        *head;
  const char        *sha256;
} Kat;

static const Kat kats[] = {
  { UDHA_VAULT_PAGE_KIND_DB, 7,
    "a6a5bdfcb0650e3fd4b16609f2009bd5", "76932c254589b171961bc3d8f89f6266",
    "3724839ee8ab3f53124ded51cd7f47d36b2cd9775c96f0bccc226a6b1fa27967" },
  { UDHA_VAULT_PAGE_KIND_DB, 1,
    "d03015e31b04b90f2450fde2a3c7ea46", "d1d2d3d4d5d6d7d8d9dadbdcdddedfe0",
    "c4c22cf267fe20ec340a172f8bb32408fc14ff0fa4f8021aa62dc826e06a2696" },
  { UDHA_VAULT_PAGE_KIND_JOURNAL, 7,
    "8a2792e4d6266158678d54909773220b", "76932c254589b171961bc3d8f89f6266",
    "776f6938e46132146108966caa43b6c80ea125ee88ebc737071a150fee1bc82c" },
  { UDHA_VAULT_PAGE_KIND_WAL, 7,
    "a6eb33b053c9e9b9d093028a53411dff", "76932c254589b171961bc3d8f89f6266",
    "1d63071189ce8a72c0068a2ea3e02242c66ba2724bbd5bd5594b915f44ef2767" },
};

static void
fill_plain (guint8  *page,
            guint32  pgno)
{
  for (gsize i = 0; i < PS; i++)
    page[i] = (guint8) ((i * 7 + pgno) & 0xff);
  memset (page + UDHA_VAULT_USABLE, 0, UDHA_VAULT_RESERVE);
  if (pgno == 1)
    {
      memcpy (page, "SQLite format 3", 16);
      page[16] = 0x10;
      page[17] = 0x00;
      page[20] = UDHA_VAULT_RESERVE;
    }
}

static void
fixed_nonce (guint8 nonce[UDHA_VAULT_NONCE_LEN])
{
  for (gsize i = 0; i < UDHA_VAULT_NONCE_LEN; i++)
    nonce[i] = (guint8) (0x40 + i);
}

static char *
to_hex (const guint8 *p,
        gsize         n)
{
  GString *s = g_string_new (NULL);

  for (gsize i = 0; i < n; i++)
    g_string_append_printf (s, "%02x", p[i]);

  return g_string_free (s, FALSE);
}

static void
test_page_kat (void)
{
  g_autoptr(UdhaVaultKey) key = udha_test_key_new (1);
  guint8 nonce[UDHA_VAULT_NONCE_LEN];

  fixed_nonce (nonce);

  for (gsize k = 0; k < G_N_ELEMENTS (kats); k++)
    {
      const Kat *kat = &kats[k];
      g_autofree guint8 *plain = g_malloc (PS);
      g_autofree guint8 *sealed = g_malloc (PS);
      g_autofree char *tag = NULL;
      g_autofree char *head = NULL;
      g_autofree char *digest = NULL;

      fill_plain (plain, kat->pgno);
      g_assert_cmpint (_udha_vault_page_seal_with_nonce (kat->kind, kat->pgno, plain, sealed, nonce, key),
                       ==, UDHA_VAULT_PAGE_OK);

      tag = to_hex (sealed + PS - UDHA_VAULT_TAG_LEN, UDHA_VAULT_TAG_LEN);
      head = to_hex (sealed, 16);
      digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, sealed, PS);
      g_assert_cmpstr (tag, ==, kat->tag);
      g_assert_cmpstr (head, ==, kat->head);
      g_assert_cmpstr (digest, ==, kat->sha256);

      /* The nonce is stored in clear at 4056..4079. */
      g_assert_cmpmem (sealed + UDHA_VAULT_USABLE, UDHA_VAULT_NONCE_LEN, nonce, sizeof nonce);

      /* And it opens back to the plaintext. */
      g_assert_cmpint (udha_vault_page_open (kat->kind, kat->pgno, sealed, key), ==, UDHA_VAULT_PAGE_OK);
      g_assert_cmpmem (sealed, PS, plain, PS);
    }
}

static void
test_page_roundtrip (void)
{
  g_autoptr(UdhaVaultKey) key = udha_test_key_new (0);
  g_autofree guint8 *plain = g_malloc (PS);
  g_autofree guint8 *a = g_malloc (PS);
  g_autofree guint8 *b = g_malloc (PS);
  g_autofree guint8 *copy = g_malloc (PS);

  for (guint32 pgno = 1; pgno < 40; pgno += 3)
    {
      randombytes_buf (plain, PS);
      fill_plain (copy, pgno);
      if (pgno == 1)
        memcpy (plain, copy, 100);
      memset (plain + UDHA_VAULT_USABLE, 0, UDHA_VAULT_RESERVE);
      memcpy (copy, plain, PS);

      g_assert_cmpint (udha_vault_page_seal (UDHA_VAULT_PAGE_KIND_DB, pgno, plain, a, key), ==, UDHA_VAULT_PAGE_OK);
      g_assert_cmpint (udha_vault_page_seal (UDHA_VAULT_PAGE_KIND_DB, pgno, plain, b, key), ==, UDHA_VAULT_PAGE_OK);
      /* SQLite's buffer is never modified. */
      g_assert_cmpmem (plain, PS, copy, PS);
      /* A fresh nonce on every seal. */
      g_assert_true (memcmp (a + UDHA_VAULT_USABLE, b + UDHA_VAULT_USABLE, UDHA_VAULT_NONCE_LEN) != 0);
      g_assert_true (memcmp (a, b, UDHA_VAULT_USABLE) != 0 || pgno == 1);

      g_assert_cmpint (udha_vault_page_open (UDHA_VAULT_PAGE_KIND_DB, pgno, a, key), ==, UDHA_VAULT_PAGE_OK);
      g_assert_cmpmem (a, PS, plain, PS);
      g_assert_cmpint (udha_vault_page_open (UDHA_VAULT_PAGE_KIND_DB, pgno, b, key), ==, UDHA_VAULT_PAGE_OK);
      g_assert_cmpmem (b, PS, plain, PS);
    }
}

static void
test_page_page1_layout (void)
{
  g_autoptr(UdhaVaultKey) key = udha_test_key_new (2);
  g_autofree guint8 *plain = g_malloc (PS);
  g_autofree guint8 *sealed = g_malloc (PS);

  fill_plain (plain, 1);
  g_assert_cmpint (udha_vault_page_seal (UDHA_VAULT_PAGE_KIND_DB, 1, plain, sealed, key), ==, UDHA_VAULT_PAGE_OK);

  /* dbid in clear at 0..15, no SQLite magic anywhere near the start, and the
   * header fields (page size, reserve) are encrypted. */
  g_assert_cmpmem (sealed, UDHA_VAULT_DBID_LEN, udha_vault_key_get_dbid (key), UDHA_VAULT_DBID_LEN);
  g_assert_null (udha_test_memmem (sealed, PS, "SQLite format 3", 15));
  g_assert_false (sealed[16] == 0x10 && sealed[17] == 0x00 && sealed[20] == 40);

  g_assert_cmpint (udha_vault_page_open (UDHA_VAULT_PAGE_KIND_DB, 1, sealed, key), ==, UDHA_VAULT_PAGE_OK);
  g_assert_cmpmem (sealed, PS, plain, PS);
  g_assert_cmpmem (sealed, 16, "SQLite format 3", 16);
}

static void
expect_open_fails (UdhaVaultPageKind    kind,
                   guint32              pgno,
                   const guint8        *sealed,
                   UdhaVaultKey        *key,
                   UdhaVaultPageResult  expected)
{
  g_autofree guint8 *buf = g_memdup2 (sealed, PS);

  g_assert_cmpint (udha_vault_page_open (kind, pgno, buf, key), ==, expected);
  /* A failed open wipes the buffer: nothing unauthenticated reaches SQLite. */
  for (gsize i = 0; i < PS; i++)
    g_assert_cmpuint (buf[i], ==, 0);
}

static void
test_page_ad_binding (void)
{
  g_autoptr(UdhaVaultKey) key = udha_test_key_new (3);
  g_autoptr(UdhaVaultKey) other_dbid = NULL;
  g_autoptr(UdhaVaultKey) other_dek = NULL;
  g_autofree guint8 *plain = g_malloc (PS);
  g_autofree guint8 *sealed = g_malloc (PS);
  g_autofree guint8 *sealed1 = g_malloc (PS);
  guint8 dek[UDHA_VAULT_KEY_LEN];
  guint8 dbid[UDHA_VAULT_DBID_LEN];

  /* Same DEK, different dbid; and different DEK, same dbid. */
  for (gsize i = 0; i < sizeof dek; i++)
    dek[i] = (guint8) (3 + i);
  memcpy (dbid, udha_vault_key_get_dbid (key), sizeof dbid);
  dbid[5] ^= 1;
  other_dbid = udha_vault_key_new_from_dek (dek, dbid);
  dek[0] ^= 1;
  other_dek = udha_vault_key_new_from_dek (dek, udha_vault_key_get_dbid (key));

  fill_plain (plain, 5);
  g_assert_cmpint (udha_vault_page_seal (UDHA_VAULT_PAGE_KIND_DB, 5, plain, sealed, key), ==, UDHA_VAULT_PAGE_OK);

  expect_open_fails (UDHA_VAULT_PAGE_KIND_DB, 6, sealed, key, UDHA_VAULT_PAGE_BAD_TAG);
  expect_open_fails (UDHA_VAULT_PAGE_KIND_DB, 4, sealed, key, UDHA_VAULT_PAGE_BAD_TAG);
  expect_open_fails (UDHA_VAULT_PAGE_KIND_DB, 5 + 256, sealed, key, UDHA_VAULT_PAGE_BAD_TAG);
  expect_open_fails (UDHA_VAULT_PAGE_KIND_DB, 0, sealed, key, UDHA_VAULT_PAGE_BAD_TAG);
  expect_open_fails (UDHA_VAULT_PAGE_KIND_JOURNAL, 5, sealed, key, UDHA_VAULT_PAGE_BAD_TAG);
  expect_open_fails (UDHA_VAULT_PAGE_KIND_WAL, 5, sealed, key, UDHA_VAULT_PAGE_BAD_TAG);
  expect_open_fails (UDHA_VAULT_PAGE_KIND_DB, 5, sealed, other_dbid, UDHA_VAULT_PAGE_BAD_TAG);
  expect_open_fails (UDHA_VAULT_PAGE_KIND_DB, 5, sealed, other_dek, UDHA_VAULT_PAGE_BAD_TAG);

  /* Page 1: a wrong dbid is caught before the AEAD. */
  fill_plain (plain, 1);
  g_assert_cmpint (udha_vault_page_seal (UDHA_VAULT_PAGE_KIND_DB, 1, plain, sealed1, key), ==, UDHA_VAULT_PAGE_OK);
  expect_open_fails (UDHA_VAULT_PAGE_KIND_DB, 1, sealed1, other_dbid, UDHA_VAULT_PAGE_BAD_DBID);
  expect_open_fails (UDHA_VAULT_PAGE_KIND_DB, 1, sealed1, other_dek, UDHA_VAULT_PAGE_BAD_TAG);

  sodium_memzero (dek, sizeof dek);
}

static void
test_page_tamper_every_byte (void)
{
  g_autoptr(UdhaVaultKey) key = udha_test_key_new (4);
  g_autofree guint8 *plain = g_malloc (PS);
  g_autofree guint8 *sealed = g_malloc (PS);
  g_autofree guint8 *buf = g_malloc (PS);

  for (guint32 pgno = 1; pgno <= 2; pgno++)
    {
      fill_plain (plain, pgno);
      g_assert_cmpint (udha_vault_page_seal (UDHA_VAULT_PAGE_KIND_DB, pgno, plain, sealed, key), ==, UDHA_VAULT_PAGE_OK);

      /* Every byte of ciphertext, nonce, tag (and dbid on page 1). */
      for (gsize i = 0; i < PS; i++)
        {
          memcpy (buf, sealed, PS);
          buf[i] ^= (guint8) (1u << (i % 8));
          g_assert_cmpint (udha_vault_page_open (UDHA_VAULT_PAGE_KIND_DB, pgno, buf, key), !=, UDHA_VAULT_PAGE_OK);
        }
    }
}

static void
test_page_preseal_checks (void)
{
  g_autoptr(UdhaVaultKey) key = udha_test_key_new (5);
  g_autofree guint8 *plain = g_malloc (PS);
  g_autofree guint8 *out = g_malloc (PS);
  g_autofree guint8 *before = g_malloc (PS);

  randombytes_buf (out, PS);
  memcpy (before, out, PS);

  /* A non-zero byte anywhere in the reserve, for every kind. */
  for (gsize i = UDHA_VAULT_USABLE; i < PS; i++)
    {
      fill_plain (plain, 9);
      plain[i] = 1;
      g_assert_cmpint (udha_vault_page_check (9, plain), ==, UDHA_VAULT_PAGE_BAD_INPUT);
      g_assert_cmpint (udha_vault_page_seal (UDHA_VAULT_PAGE_KIND_DB, 9, plain, out, key), ==, UDHA_VAULT_PAGE_BAD_INPUT);
      g_assert_cmpint (udha_vault_page_seal (UDHA_VAULT_PAGE_KIND_JOURNAL, 9, plain, out, key), ==, UDHA_VAULT_PAGE_BAD_INPUT);
      g_assert_cmpint (udha_vault_page_seal (UDHA_VAULT_PAGE_KIND_WAL, 9, plain, out, key), ==, UDHA_VAULT_PAGE_BAD_INPUT);
    }
  /* Nothing was written to the output. */
  g_assert_cmpmem (out, PS, before, PS);

  /* Page 1: magic, page size, reserve; for journal and WAL images too. */
  for (int variant = 0; variant < 5; variant++)
    {
      fill_plain (plain, 1);
      switch (variant)
        {
        case 0: plain[0] = 'X'; break;
        case 1: plain[15] = 1; break;
        case 2: plain[16] = 0x20; break;             /* page size 8192 */
        case 3: plain[17] = 0x01; break;
        case 4: plain[20] = 0; break;                /* reserve 0 (e.g. a plaintext backup) */
        default: g_assert_not_reached ();
        }
      g_assert_cmpint (udha_vault_page_check (1, plain), ==, UDHA_VAULT_PAGE_BAD_INPUT);
      g_assert_cmpint (udha_vault_page_seal (UDHA_VAULT_PAGE_KIND_DB, 1, plain, out, key), ==, UDHA_VAULT_PAGE_BAD_INPUT);
      g_assert_cmpint (udha_vault_page_seal (UDHA_VAULT_PAGE_KIND_JOURNAL, 1, plain, out, key), ==, UDHA_VAULT_PAGE_BAD_INPUT);
      g_assert_cmpint (udha_vault_page_seal (UDHA_VAULT_PAGE_KIND_WAL, 1, plain, out, key), ==, UDHA_VAULT_PAGE_BAD_INPUT);
    }

  /* Page number 0 is never valid. */
  fill_plain (plain, 3);
  g_assert_cmpint (udha_vault_page_seal (UDHA_VAULT_PAGE_KIND_DB, 0, plain, out, key), ==, UDHA_VAULT_PAGE_BAD_INPUT);

  /* The header checks apply to page 1 only. */
  fill_plain (plain, 2);
  g_assert_cmpint (udha_vault_page_check (2, plain), ==, UDHA_VAULT_PAGE_OK);
  fill_plain (plain, 1);
  g_assert_cmpint (udha_vault_page_check (1, plain), ==, UDHA_VAULT_PAGE_OK);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_assert_true (udha_core_init (&error));
  g_assert_no_error (error);

  g_test_add_func ("/udha/vault/page/known-answer", test_page_kat);
  g_test_add_func ("/udha/vault/page/roundtrip", test_page_roundtrip);
  g_test_add_func ("/udha/vault/page/page1-layout", test_page_page1_layout);
  g_test_add_func ("/udha/vault/page/ad-binding", test_page_ad_binding);
  g_test_add_func ("/udha/vault/page/tamper-every-byte", test_page_tamper_every_byte);
  g_test_add_func ("/udha/vault/page/preseal-checks", test_page_preseal_checks);

  return g_test_run ();
}
