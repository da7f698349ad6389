/* udha-passphrase-dialog.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "udha-vault.h"

G_BEGIN_DECLS

#define UDHA_TYPE_PASSPHRASE_DIALOG (udha_passphrase_dialog_get_type ())

G_DECLARE_FINAL_TYPE (UdhaPassphraseDialog, udha_passphrase_dialog, UDHA, PASSPHRASE_DIALOG, AdwWindow)

UdhaPassphraseDialog *udha_passphrase_dialog_new (GtkWindow *parent,
                                                  UdhaVault *vault,
                                                  gboolean   required);

G_END_DECLS
