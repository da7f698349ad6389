/* udha-vault-vfs-private.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "udha-vault-vfs.h"

G_BEGIN_DECLS

/* Why the shim last refused an operation in the calling thread. SQLite calls
 * the VFS in the thread that runs the statement, so udha-vault-db.c clears
 * this before a statement and reads it after a failure, to name the page in
 * the error message. Only page numbers are kept, never content. */
typedef enum
{
  UDHA_VAULT_VFS_FAILURE_NONE = 0,
  UDHA_VAULT_VFS_FAILURE_AUTH,          /* a page image failed authentication */
  UDHA_VAULT_VFS_FAILURE_NO_KEY,        /* no key registered for the main file */
  UDHA_VAULT_VFS_FAILURE_TEMP_REFUSED,  /* a temporary file was refused */
  UDHA_VAULT_VFS_FAILURE_SHAPE,         /* an I/O request of an unexpected shape */
  UDHA_VAULT_VFS_FAILURE_CHECK,         /* a page failed the pre-seal checks */
} UdhaVaultVfsFailure;

void                 _udha_vault_vfs_clear_failure     (void);
UdhaVaultVfsFailure  _udha_vault_vfs_get_failure       (guint32       *pgno,
                                                        char          *kind);
guint                _udha_vault_vfs_get_refused_opens (void);
gboolean             _udha_vault_vfs_is_vault_file     (sqlite3_file  *file);
UdhaVaultKey        *_udha_vault_vfs_lookup_key        (const char    *full_path);
char                *_udha_vault_vfs_canonical_path    (const char    *path);

G_END_DECLS
