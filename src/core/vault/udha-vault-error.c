/* udha-vault-error.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "udha-vault-error"

#include "config.h"

#include "udha-vault-error.h"

G_DEFINE_QUARK (udha-vault-error-quark, udha_vault_error)
