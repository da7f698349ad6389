/* udha-vault-page.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "udha-vault-key.h"

G_BEGIN_DECLS

/**
 * UdhaVaultPageKind:
 * @UDHA_VAULT_PAGE_KIND_DB: a page image in the main database file
 * @UDHA_VAULT_PAGE_KIND_JOURNAL: a page image in a rollback-journal record
 * @UDHA_VAULT_PAGE_KIND_WAL: a page image in a WAL frame
 *
 * The kind byte of the associated data (VAULT.md §5.1).
 */
typedef enum
{
  UDHA_VAULT_PAGE_KIND_DB      = 'D',
  UDHA_VAULT_PAGE_KIND_JOURNAL = 'J',
  UDHA_VAULT_PAGE_KIND_WAL     = 'W',
} UdhaVaultPageKind;

/**
 * UdhaVaultPageResult:
 * @UDHA_VAULT_PAGE_OK: success
 * @UDHA_VAULT_PAGE_BAD_INPUT: seal: the page failed the pre-seal checks of
 *   VAULT.md §5.4 (non-zero reserved bytes, or a page-1 header with the wrong
 *   magic, page size or reserve); nothing was written to the output
 * @UDHA_VAULT_PAGE_BAD_DBID: open: page 1 does not carry this vault's dbid
 * @UDHA_VAULT_PAGE_BAD_TAG: open: authentication failed
 */
typedef enum
{
  UDHA_VAULT_PAGE_OK = 0,
  UDHA_VAULT_PAGE_BAD_INPUT,
  UDHA_VAULT_PAGE_BAD_DBID,
  UDHA_VAULT_PAGE_BAD_TAG,
} UdhaVaultPageResult;

UdhaVaultPageResult  udha_vault_page_check  (guint32             pgno,
                                             const guint8       *page);
UdhaVaultPageResult  udha_vault_page_seal   (UdhaVaultPageKind   kind,
                                             guint32             pgno,
                                             const guint8       *in,
                                             guint8             *out,
                                             UdhaVaultKey       *key);
UdhaVaultPageResult  udha_vault_page_open   (UdhaVaultPageKind   kind,
                                             guint32             pgno,
                                             guint8             *buf,
                                             UdhaVaultKey       *key);

G_END_DECLS
