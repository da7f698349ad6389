/* udha-case-view.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "udha-session.h"

G_BEGIN_DECLS

#define UDHA_TYPE_CASE_VIEW (udha_case_view_get_type ())

G_DECLARE_FINAL_TYPE (UdhaCaseView, udha_case_view, UDHA, CASE_VIEW, GtkWidget)

GtkWidget *udha_case_view_new                (UdhaSession   *session,
                                              gint64         case_id,
                                              GError       **error);
gboolean   udha_case_view_has_unsaved_changes (UdhaCaseView *self);
void       udha_case_view_reload             (UdhaCaseView  *self);

G_END_DECLS
