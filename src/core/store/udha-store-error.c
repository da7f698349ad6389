/* udha-store-error.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "udha-store-error"

#include "config.h"

#include "udha-store-error.h"

G_DEFINE_QUARK (udha-store-error-quark, udha_store_error)
