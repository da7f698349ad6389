/* udha-reassign-dialog.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "udha-session.h"

G_BEGIN_DECLS

#define UDHA_TYPE_REASSIGN_DIALOG (udha_reassign_dialog_get_type ())

G_DECLARE_FINAL_TYPE (UdhaReassignDialog, udha_reassign_dialog, UDHA, REASSIGN_DIALOG, AdwWindow)

UdhaReassignDialog *udha_reassign_dialog_new          (GtkWindow          *parent,
                                                       UdhaSession        *session,
                                                       GListModel         *cases,
                                                       gint64              from_user_id);
void                udha_reassign_dialog_set_selected (UdhaReassignDialog *self,
                                                       gint64              case_id,
                                                       gboolean            selected);
guint               udha_reassign_dialog_get_n_selected (UdhaReassignDialog *self);

G_END_DECLS
