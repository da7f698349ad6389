/* udha-unlock-page.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define UDHA_TYPE_UNLOCK_PAGE (udha_unlock_page_get_type ())

G_DECLARE_FINAL_TYPE (UdhaUnlockPage, udha_unlock_page, UDHA, UNLOCK_PAGE, GtkWidget)

void     udha_unlock_page_set_vault_path (UdhaUnlockPage *self,
                                          const char     *path);
void     udha_unlock_page_reset          (UdhaUnlockPage *self,
                                          const char     *user,
                                          const char     *message);
void     udha_unlock_page_focus          (UdhaUnlockPage *self);
gboolean udha_unlock_page_get_busy       (UdhaUnlockPage *self);

G_END_DECLS
