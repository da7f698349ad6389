/* udha-window.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "udha-application.h"
#include "udha-session.h"
#include "udha-vault.h"

G_BEGIN_DECLS

#define UDHA_TYPE_WINDOW (udha_window_get_type ())

G_DECLARE_FINAL_TYPE (UdhaWindow, udha_window, UDHA, WINDOW, AdwApplicationWindow)

UdhaWindow *udha_window_new              (UdhaApplication *application);
const char *udha_window_get_visible_page (UdhaWindow      *self);
UdhaVault  *udha_window_get_vault        (UdhaWindow      *self);
UdhaSession *udha_window_get_session     (UdhaWindow      *self);
gboolean    udha_window_check_idle       (UdhaWindow      *self,
                                          gint64           now);
void        udha_window_add_toast        (UdhaWindow      *self,
                                          const char      *title);

G_END_DECLS
