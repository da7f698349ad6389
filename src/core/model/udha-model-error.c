/* udha-model-error.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "udha-model-error"

#include "config.h"

#include "udha-model-error.h"

G_DEFINE_QUARK (udha-model-error-quark, udha_model_error)
