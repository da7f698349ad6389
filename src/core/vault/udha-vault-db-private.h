/* udha-vault-db-private.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "udha-vault-db.h"

G_BEGIN_DECLS

/* Like udha_vault_db_open(), but through another instance of the shim (see
 * udha_vault_vfs_register_over()). Tests only: fault injection and tracing. */
sqlite3  *_udha_vault_db_open_with_vfs  (const char        *path,
                                         UdhaVaultKey      *key,
                                         UdhaVaultDbFlags   flags,
                                         const char        *vfs_name,
                                         GError           **error);

G_END_DECLS
