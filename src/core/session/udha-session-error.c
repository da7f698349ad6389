/* udha-session-error.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "udha-session-error"

#include "config.h"

#include "udha-session-error.h"

G_DEFINE_QUARK (udha-session-error-quark, udha_session_error)
