/* udha-home-page.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define UDHA_TYPE_HOME_PAGE (udha_home_page_get_type ())

G_DECLARE_FINAL_TYPE (UdhaHomePage, udha_home_page, UDHA, HOME_PAGE, GtkWidget)

void udha_home_page_update         (UdhaHomePage *self,
                                    const char   *user_name,
                                    const char   *vault_path,
                                    guint64       keys_generation,
                                    guint         idle_lock_minutes);
void udha_home_page_set_verifying  (UdhaHomePage *self,
                                    gboolean      verifying);
void udha_home_page_set_verify_result (UdhaHomePage *self,
                                       const char   *result);
void udha_home_page_set_verify_progress (UdhaHomePage *self,
                                         double        fraction);
double udha_home_page_get_verify_progress (UdhaHomePage *self);

G_END_DECLS
