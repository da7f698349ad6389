/* udha-create-page.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define UDHA_TYPE_CREATE_PAGE (udha_create_page_get_type ())

G_DECLARE_FINAL_TYPE (UdhaCreatePage, udha_create_page, UDHA, CREATE_PAGE, GtkWidget)

void        udha_create_page_set_vault_path (UdhaCreatePage *self,
                                             const char     *path);
void        udha_create_page_reset          (UdhaCreatePage *self);
gboolean    udha_create_page_get_busy       (UdhaCreatePage *self);
const char *udha_create_page_get_step       (UdhaCreatePage *self);

G_END_DECLS
