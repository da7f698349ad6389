/* udha-workspace.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "udha-case-list-model.h"
#include "udha-session.h"

G_BEGIN_DECLS

#define UDHA_TYPE_WORKSPACE (udha_workspace_get_type ())

G_DECLARE_FINAL_TYPE (UdhaWorkspace, udha_workspace, UDHA, WORKSPACE, GtkWidget)

GtkWidget         *udha_workspace_new              (UdhaSession   *session);
UdhaSession       *udha_workspace_get_session      (UdhaWorkspace *self);
UdhaCaseListModel *udha_workspace_get_model        (UdhaWorkspace *self);
const char        *udha_workspace_get_list         (UdhaWorkspace *self);
const char        *udha_workspace_get_visible_page (UdhaWorkspace *self);
gint64             udha_workspace_get_case_id      (UdhaWorkspace *self);
gboolean           udha_workspace_open_case        (UdhaWorkspace *self,
                                                    gint64         case_id);
void               udha_workspace_add_page         (UdhaWorkspace *self,
                                                    const char    *name,
                                                    const char    *title,
                                                    const char    *icon_name,
                                                    GtkWidget     *page);
void               udha_workspace_show_case_list   (UdhaWorkspace     *self,
                                                    const char        *title,
                                                    UdhaCaseListModel *model);

G_END_DECLS
