/* udha-vault-page.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "udha-vault-page"

#include "config.h"

#include "udha-vault-page.h"
#include "udha-vault-page-private.h"

#include <string.h>
#include <sodium.h>

/* Page format of VAULT.md §5:
 *
 *   page N >= 2: | ciphertext of SQLite bytes 0..4055 | nonce[24] | tag[16] |
 *   page 1:      | dbid[16] | ciphertext of 16..4055  | nonce[24] | tag[16] |
 *
 * AD = "UDHA1" || kind || LE32 (pgno) || dbid  (26 bytes)
 */

#define NONCE_OFFSET  UDHA_VAULT_USABLE                              /* 4056 */
#define TAG_OFFSET    (UDHA_VAULT_USABLE + UDHA_VAULT_NONCE_LEN)     /* 4080 */
#define PAGE1_OFFSET  UDHA_VAULT_DBID_LEN                            /* 16 */

static const char sqlite_magic[16] = "SQLite format 3";   /* with its NUL */

G_STATIC_ASSERT (UDHA_VAULT_NONCE_LEN == crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
G_STATIC_ASSERT (UDHA_VAULT_TAG_LEN == crypto_aead_xchacha20poly1305_ietf_ABYTES);
G_STATIC_ASSERT (UDHA_VAULT_KEY_LEN == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
G_STATIC_ASSERT (UDHA_VAULT_RESERVE == UDHA_VAULT_NONCE_LEN + UDHA_VAULT_TAG_LEN);
G_STATIC_ASSERT (UDHA_VAULT_AD_LEN == 5 + 1 + 4 + UDHA_VAULT_DBID_LEN);
G_STATIC_ASSERT (sizeof (UDHA_VAULT_AD_PREFIX) - 1 == 5);

/* Auxiliary methods */

static void
build_ad (guint8             ad[UDHA_VAULT_AD_LEN],
          UdhaVaultPageKind  kind,
          guint32            pgno,
          const guint8      *dbid)
{
  memcpy (ad, UDHA_VAULT_AD_PREFIX, 5);
  ad[5] = (guint8) kind;
  ad[6] = (guint8) (pgno & 0xff);
  ad[7] = (guint8) ((pgno >> 8) & 0xff);
  ad[8] = (guint8) ((pgno >> 16) & 0xff);
  ad[9] = (guint8) ((pgno >> 24) & 0xff);
  memcpy (ad + 10, dbid, UDHA_VAULT_DBID_LEN);
}

static gboolean
kind_is_valid (UdhaVaultPageKind kind)
{
  return kind == UDHA_VAULT_PAGE_KIND_DB ||
         kind == UDHA_VAULT_PAGE_KIND_JOURNAL ||
         kind == UDHA_VAULT_PAGE_KIND_WAL;
}

static UdhaVaultPageResult
seal_internal (UdhaVaultPageKind  kind,
               guint32            pgno,
               const guint8      *in,
               guint8            *out,
               const guint8      *nonce,
               UdhaVaultKey      *key)
{
  guint8 ad[UDHA_VAULT_AD_LEN];
  const guint8 *dbid = udha_vault_key_get_dbid (key);
  gsize off = (pgno == 1) ? PAGE1_OFFSET : 0;
  UdhaVaultPageResult res;

  res = udha_vault_page_check (pgno, in);
  if (res != UDHA_VAULT_PAGE_OK)
    return res;

  build_ad (ad, kind, pgno, dbid);

  /* The nonce goes into place first: @in and @out may overlap only if equal,
   * and the reserved area of @in has just been checked to be zero. */
  memmove (out + NONCE_OFFSET, nonce, UDHA_VAULT_NONCE_LEN);
  crypto_aead_xchacha20poly1305_ietf_encrypt_detached (out + off, out + TAG_OFFSET, NULL,
                                                       in + off, UDHA_VAULT_USABLE - off,
                                                       ad, sizeof ad,
                                                       NULL, out + NONCE_OFFSET,
                                                       udha_vault_key_get_page_key (key));
  if (pgno == 1)
    memcpy (out, dbid, UDHA_VAULT_DBID_LEN);

  return UDHA_VAULT_PAGE_OK;
}

/* Public API */

/**
 * udha_vault_page_check:
 * @pgno: the page number (1-based)
 * @page: a page image as SQLite hands it to xWrite
 *
 * The pre-seal checks of VAULT.md §5.4: the 40 reserved bytes are zero; for
 * page 1 the header has the SQLite magic, page size 4096 and reserve 40.
 *
 * Returns: %UDHA_VAULT_PAGE_OK or %UDHA_VAULT_PAGE_BAD_INPUT
 */
UdhaVaultPageResult
udha_vault_page_check (guint32       pgno,
                       const guint8 *page)
{
  static const guint8 zeros[UDHA_VAULT_RESERVE] = { 0 };

  g_return_val_if_fail (page != NULL, UDHA_VAULT_PAGE_BAD_INPUT);

  if (pgno == 0)
    return UDHA_VAULT_PAGE_BAD_INPUT;

  if (memcmp (page + UDHA_VAULT_USABLE, zeros, UDHA_VAULT_RESERVE) != 0)
    return UDHA_VAULT_PAGE_BAD_INPUT;

  if (pgno == 1)
    {
      if (memcmp (page, sqlite_magic, sizeof sqlite_magic) != 0)
        return UDHA_VAULT_PAGE_BAD_INPUT;
      if (page[16] != (UDHA_VAULT_PAGE_SIZE >> 8) || page[17] != (UDHA_VAULT_PAGE_SIZE & 0xff))
        return UDHA_VAULT_PAGE_BAD_INPUT;
      if (page[20] != UDHA_VAULT_RESERVE)
        return UDHA_VAULT_PAGE_BAD_INPUT;
    }

  return UDHA_VAULT_PAGE_OK;
}

/**
 * udha_vault_page_seal:
 * @kind: which file the image goes to
 * @pgno: the page number (1-based)
 * @in: the plaintext page image, %UDHA_VAULT_PAGE_SIZE bytes, never modified
 * @out: the output buffer, %UDHA_VAULT_PAGE_SIZE bytes
 * @key: the vault key
 *
 * Runs the pre-seal checks, then encrypts @in into @out with a fresh random
 * 192-bit nonce (VAULT.md §5.2).
 *
 * Returns: %UDHA_VAULT_PAGE_OK, or %UDHA_VAULT_PAGE_BAD_INPUT if the checks
 *   failed (in which case @out is untouched)
 */
UdhaVaultPageResult
udha_vault_page_seal (UdhaVaultPageKind  kind,
                      guint32            pgno,
                      const guint8      *in,
                      guint8            *out,
                      UdhaVaultKey      *key)
{
  guint8 nonce[UDHA_VAULT_NONCE_LEN];
  UdhaVaultPageResult res;

  g_return_val_if_fail (kind_is_valid (kind), UDHA_VAULT_PAGE_BAD_INPUT);
  g_return_val_if_fail (in != NULL, UDHA_VAULT_PAGE_BAD_INPUT);
  g_return_val_if_fail (out != NULL, UDHA_VAULT_PAGE_BAD_INPUT);
  g_return_val_if_fail (key != NULL, UDHA_VAULT_PAGE_BAD_INPUT);

  randombytes_buf (nonce, sizeof nonce);
  res = seal_internal (kind, pgno, in, out, nonce, key);
  sodium_memzero (nonce, sizeof nonce);

  return res;
}

UdhaVaultPageResult
_udha_vault_page_seal_with_nonce (UdhaVaultPageKind  kind,
                                  guint32            pgno,
                                  const guint8      *in,
                                  guint8            *out,
                                  const guint8       nonce[UDHA_VAULT_NONCE_LEN],
                                  UdhaVaultKey      *key)
{
  g_return_val_if_fail (kind_is_valid (kind), UDHA_VAULT_PAGE_BAD_INPUT);
  g_return_val_if_fail (in != NULL, UDHA_VAULT_PAGE_BAD_INPUT);
  g_return_val_if_fail (out != NULL, UDHA_VAULT_PAGE_BAD_INPUT);
  g_return_val_if_fail (nonce != NULL, UDHA_VAULT_PAGE_BAD_INPUT);
  g_return_val_if_fail (key != NULL, UDHA_VAULT_PAGE_BAD_INPUT);

  return seal_internal (kind, pgno, in, out, nonce, key);
}

/**
 * udha_vault_page_open:
 * @kind: which file the image came from
 * @pgno: the page number (1-based)
 * @buf: the on-disk page image, %UDHA_VAULT_PAGE_SIZE bytes; decrypted in place
 * @key: the vault key
 *
 * Authenticates and decrypts a page image in place (VAULT.md §5.3). On
 * success the reserved bytes are zero and page 1 carries the SQLite magic.
 * On failure the whole buffer is wiped, so that it can never be handed to
 * SQLite as page content.
 *
 * Returns: %UDHA_VAULT_PAGE_OK, %UDHA_VAULT_PAGE_BAD_DBID or
 *   %UDHA_VAULT_PAGE_BAD_TAG
 */
UdhaVaultPageResult
udha_vault_page_open (UdhaVaultPageKind  kind,
                      guint32            pgno,
                      guint8            *buf,
                      UdhaVaultKey      *key)
{
  guint8 ad[UDHA_VAULT_AD_LEN];
  const guint8 *dbid;
  gsize off = (pgno == 1) ? PAGE1_OFFSET : 0;

  g_return_val_if_fail (kind_is_valid (kind), UDHA_VAULT_PAGE_BAD_TAG);
  g_return_val_if_fail (buf != NULL, UDHA_VAULT_PAGE_BAD_TAG);
  g_return_val_if_fail (key != NULL, UDHA_VAULT_PAGE_BAD_TAG);

  dbid = udha_vault_key_get_dbid (key);

  if (pgno == 0)
    {
      sodium_memzero (buf, UDHA_VAULT_PAGE_SIZE);
      return UDHA_VAULT_PAGE_BAD_TAG;
    }

  if (pgno == 1 && sodium_memcmp (buf, dbid, UDHA_VAULT_DBID_LEN) != 0)
    {
      sodium_memzero (buf, UDHA_VAULT_PAGE_SIZE);
      return UDHA_VAULT_PAGE_BAD_DBID;
    }

  build_ad (ad, kind, pgno, dbid);

  if (crypto_aead_xchacha20poly1305_ietf_decrypt_detached (buf + off, NULL,
                                                           buf + off, UDHA_VAULT_USABLE - off,
                                                           buf + TAG_OFFSET,
                                                           ad, sizeof ad,
                                                           buf + NONCE_OFFSET,
                                                           udha_vault_key_get_page_key (key)) != 0)
    {
      sodium_memzero (buf, UDHA_VAULT_PAGE_SIZE);
      return UDHA_VAULT_PAGE_BAD_TAG;
    }

  memset (buf + UDHA_VAULT_USABLE, 0, UDHA_VAULT_RESERVE);
  if (pgno == 1)
    memcpy (buf, sqlite_magic, sizeof sqlite_magic);

  return UDHA_VAULT_PAGE_OK;
}
