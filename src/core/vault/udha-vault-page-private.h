/* udha-vault-page-private.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "udha-vault-page.h"

G_BEGIN_DECLS

/* Deterministic seal with a caller-chosen nonce. Known-answer tests only:
 * production code must always use udha_vault_page_seal(), which draws a fresh
 * random nonce for every page image. */
UdhaVaultPageResult  _udha_vault_page_seal_with_nonce (UdhaVaultPageKind   kind,
                                                       guint32             pgno,
                                                       const guint8       *in,
                                                       guint8             *out,
                                                       const guint8        nonce[UDHA_VAULT_NONCE_LEN],
                                                       UdhaVaultKey       *key);

G_END_DECLS
