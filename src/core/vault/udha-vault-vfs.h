/* udha-vault-vfs.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "udha-vault-key.h"

G_BEGIN_DECLS

/* UDHA_VAULT_VFS_NAME ("udha-vault") is defined in udha-vault-key.h. */

gboolean  udha_vault_vfs_register       (GError       **error);
gboolean  udha_vault_vfs_register_over  (const char    *name,
                                         const char    *underlying_vfs_name,
                                         GError       **error);

void      udha_vault_register_key       (const char    *full_path,
                                         UdhaVaultKey  *key);
void      udha_vault_unregister_key     (const char    *full_path);

G_END_DECLS
