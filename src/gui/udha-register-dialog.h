/* udha-register-dialog.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "udha-session.h"

G_BEGIN_DECLS

#define UDHA_TYPE_REGISTER_DIALOG (udha_register_dialog_get_type ())

G_DECLARE_FINAL_TYPE (UdhaRegisterDialog, udha_register_dialog, UDHA, REGISTER_DIALOG, AdwWindow)

UdhaRegisterDialog *udha_register_dialog_new (GtkWindow   *parent,
                                              UdhaSession *session);

G_END_DECLS
