/* udha-vault-error.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define UDHA_VAULT_ERROR (udha_vault_error_quark ())

/**
 * UdhaVaultError:
 * @UDHA_VAULT_ERROR_LOCKED: the vault is locked, or no key is registered for it
 * @UDHA_VAULT_ERROR_WRONG_SECRET: wrong user name, passphrase or recovery key
 * @UDHA_VAULT_ERROR_KEYFILE: the key file is missing, damaged or has invalid parameters
 * @UDHA_VAULT_ERROR_MISMATCH: the key file does not belong to this vault
 * @UDHA_VAULT_ERROR_DAMAGED: a database page failed authentication, or the database is corrupt
 * @UDHA_VAULT_ERROR_NEWER_VERSION: the vault was made by a newer Udha
 * @UDHA_VAULT_ERROR_DISK_FULL: the disk is full
 * @UDHA_VAULT_ERROR_KDF_MEMORY: not enough memory for Argon2id
 * @UDHA_VAULT_ERROR_EXISTS: a vault already exists at that path
 * @UDHA_VAULT_ERROR_NOT_FOUND: there is no vault at that path
 * @UDHA_VAULT_ERROR_IO: any other I/O or SQLite failure
 * @UDHA_VAULT_ERROR_INVALID: an invalid argument from the user, e.g. a weak passphrase
 *
 * Error codes of the %UDHA_VAULT_ERROR domain (VAULT.md, STYLE.md §7).
 */
typedef enum
{
  UDHA_VAULT_ERROR_LOCKED,
  UDHA_VAULT_ERROR_WRONG_SECRET,
  UDHA_VAULT_ERROR_KEYFILE,
  UDHA_VAULT_ERROR_MISMATCH,
  UDHA_VAULT_ERROR_DAMAGED,
  UDHA_VAULT_ERROR_NEWER_VERSION,
  UDHA_VAULT_ERROR_DISK_FULL,
  UDHA_VAULT_ERROR_KDF_MEMORY,
  UDHA_VAULT_ERROR_EXISTS,
  UDHA_VAULT_ERROR_NOT_FOUND,
  UDHA_VAULT_ERROR_IO,
  UDHA_VAULT_ERROR_INVALID,
} UdhaVaultError;

GQuark udha_vault_error_quark (void);

G_END_DECLS
