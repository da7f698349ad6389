/* udha-application.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define UDHA_TYPE_APPLICATION (udha_application_get_type ())

G_DECLARE_FINAL_TYPE (UdhaApplication, udha_application, UDHA, APPLICATION, AdwApplication)

UdhaApplication *udha_application_new             (const char        *application_id,
                                                   GApplicationFlags  flags);
GSettings       *udha_application_get_settings    (UdhaApplication   *self);
const char      *udha_application_get_vault_path_override (UdhaApplication *self);
void             udha_application_set_demo        (UdhaApplication   *self,
                                                   gboolean           demo);
void             udha_application_setup_i18n      (void);
const char      *udha_application_get_ui_language (void);

G_END_DECLS
