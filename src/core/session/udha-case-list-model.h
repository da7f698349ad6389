/* udha-case-list-model.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "udha-case-row.h"
#include "udha-session.h"
#include "udha-store-caselist.h"

G_BEGIN_DECLS

#define UDHA_TYPE_CASE_LIST_MODEL (udha_case_list_model_get_type ())

G_DECLARE_FINAL_TYPE (UdhaCaseListModel, udha_case_list_model, UDHA, CASE_LIST_MODEL, GObject)

#define UDHA_CASE_LIST_MODEL_PAGE_SIZE   100
#define UDHA_CASE_LIST_MODEL_MAX_PAGES   16

UdhaCaseListModel *udha_case_list_model_new              (UdhaSession         *session);
UdhaSession       *udha_case_list_model_get_session      (UdhaCaseListModel   *self);
void               udha_case_list_model_set_status       (UdhaCaseListModel   *self,
                                                          const char          *status);
void               udha_case_list_model_set_case_type    (UdhaCaseListModel   *self,
                                                          const char          *case_type);
void               udha_case_list_model_set_risk         (UdhaCaseListModel   *self,
                                                          const char          *risk);
void               udha_case_list_model_set_scope_filter (UdhaCaseListModel   *self,
                                                          UdhaCaseListFilter   filter);
void               udha_case_list_model_set_assigned_user (UdhaCaseListModel  *self,
                                                          gint64               user_id);
void               udha_case_list_model_set_active_only  (UdhaCaseListModel   *self,
                                                          gboolean             active_only);
void               udha_case_list_model_set_no_contact_since (UdhaCaseListModel *self,
                                                          const char          *date);
void               udha_case_list_model_set_overdue_follow_ups (UdhaCaseListModel *self,
                                                          gboolean             overdue);
void               udha_case_list_model_set_overdue_referral_org (UdhaCaseListModel *self,
                                                          gint64               org_id);
void               udha_case_list_model_set_text         (UdhaCaseListModel   *self,
                                                          const char          *text);
void               udha_case_list_model_set_sort         (UdhaCaseListModel   *self,
                                                          UdhaCaseSort         key,
                                                          gboolean             descending);
UdhaCaseSort       udha_case_list_model_get_sort         (UdhaCaseListModel   *self,
                                                          gboolean            *descending);
void               udha_case_list_model_refresh          (UdhaCaseListModel   *self);
const GError      *udha_case_list_model_get_error        (UdhaCaseListModel   *self);
guint              udha_case_list_model_get_n_fetches    (UdhaCaseListModel   *self);
guint              udha_case_list_model_get_n_cached_pages (UdhaCaseListModel *self);

G_END_DECLS
