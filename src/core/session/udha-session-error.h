/* udha-session-error.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define UDHA_SESSION_ERROR (udha_session_error_quark ())

/**
 * UdhaSessionError:
 * @UDHA_SESSION_ERROR_NOT_PERMITTED: the user's role or scope does not allow the action
 *   (DOMAIN.md §9); the message says what the role may not do
 * @UDHA_SESSION_ERROR_MUST_CHANGE_PASSPHRASE: the vault was unlocked with a one-time
 *   passphrase, which must be changed before anything else
 * @UDHA_SESSION_ERROR_NO_USER: the vault user has no row in the users table
 * @UDHA_SESSION_ERROR_DISABLED: the user was disabled by an administrator
 * @UDHA_SESSION_ERROR_CLOSED: the session was closed
 *
 * Error codes of the %UDHA_SESSION_ERROR domain (DESIGN.md, STYLE.md §7).
 * Messages are translated and never contain personal data.
 */
typedef enum
{
  UDHA_SESSION_ERROR_NOT_PERMITTED,
  UDHA_SESSION_ERROR_MUST_CHANGE_PASSPHRASE,
  UDHA_SESSION_ERROR_NO_USER,
  UDHA_SESSION_ERROR_DISABLED,
  UDHA_SESSION_ERROR_CLOSED,
} UdhaSessionError;

GQuark udha_session_error_quark (void);

G_END_DECLS
