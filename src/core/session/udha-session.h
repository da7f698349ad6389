/* udha-session.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "udha-permissions.h"
#include "udha-session-error.h"
#include "udha-store.h"
#include "udha-vault.h"

G_BEGIN_DECLS

#define UDHA_TYPE_SESSION (udha_session_get_type ())

G_DECLARE_FINAL_TYPE (UdhaSession, udha_session, UDHA, SESSION, GObject)

/**
 * UdhaCaseListFilter:
 * @UDHA_CASE_LIST_ALL: every case the session may see
 * @UDHA_CASE_LIST_MINE: cases assigned to the signed-in user
 * @UDHA_CASE_LIST_INTAKE: the office's unassigned intake queue
 * @UDHA_CASE_LIST_OVERDUE: cases with an overdue referral
 */
typedef enum
{
  UDHA_CASE_LIST_ALL,
  UDHA_CASE_LIST_MINE,
  UDHA_CASE_LIST_INTAKE,
  UDHA_CASE_LIST_OVERDUE,
} UdhaCaseListFilter;

/**
 * UdhaConsentOverride:
 * @legal_basis: a legal-basis code other than `consent` (DOMAIN.md §8.2),
 *   e.g. `vital_interests` or `legal_obligation`
 * @reason: the written reason; required
 *
 * A supervisor's override of the referral consent gate (DOMAIN.md §6.4 item 2).
 */
typedef struct
{
  const char *legal_basis;
  const char *reason;
} UdhaConsentOverride;

/* Opening and closing */
UdhaSession      *udha_session_new                    (UdhaVault                  *vault,
                                                       UdhaStore                  *store,
                                                       GError                    **error);
gboolean          udha_session_close                  (UdhaSession                *self,
                                                       GError                    **error);
gboolean          udha_session_is_closed              (UdhaSession                *self);

UdhaStore        *udha_session_get_store              (UdhaSession                *self);
UdhaUser         *udha_session_get_user               (UdhaSession                *self);
gint64            udha_session_get_user_id            (UdhaSession                *self);
const char       *udha_session_get_user_name          (UdhaSession                *self);
UdhaRole          udha_session_get_role               (UdhaSession                *self);
gint64            udha_session_get_office_id          (UdhaSession                *self);
gboolean          udha_session_can                    (UdhaSession                *self,
                                                       UdhaAction                  action,
                                                       gint64                      case_id);
char             *udha_session_today                  (UdhaSession                *self);

/* Offices, users, organisations (administrators; lists for everyone) */
UdhaOffice       *udha_session_add_office             (UdhaSession                *self,
                                                       const char                 *code,
                                                       const char                 *name,
                                                       GError                    **error);
GPtrArray        *udha_session_list_offices           (UdhaSession                *self,
                                                       GError                    **error);
UdhaOffice       *udha_session_find_office            (UdhaSession                *self,
                                                       const char                 *code,
                                                       GError                    **error);
UdhaUser         *udha_session_add_user               (UdhaSession                *self,
                                                       const char                 *current_secret,
                                                       const char                 *user_name,
                                                       const char                 *one_time_passphrase,
                                                       const char                 *role,
                                                       gint64                      office_id,
                                                       const char                 *display_name,
                                                       GError                    **error);
GPtrArray        *udha_session_list_users             (UdhaSession                *self,
                                                       GError                    **error);
GPtrArray        *udha_session_list_colleagues        (UdhaSession                *self,
                                                       GError                    **error);
gboolean          udha_session_disable_user           (UdhaSession                *self,
                                                       const char                 *user_name,
                                                       GError                    **error);
gboolean          udha_session_set_user_role          (UdhaSession                *self,
                                                       const char                 *user_name,
                                                       const char                 *role,
                                                       GError                    **error);
UdhaOrganisation *udha_session_add_organisation       (UdhaSession                *self,
                                                       UdhaOrganisation           *org,
                                                       GError                    **error);
GPtrArray        *udha_session_list_organisations     (UdhaSession                *self,
                                                       GError                    **error);
UdhaOrganisation *udha_session_find_organisation      (UdhaSession                *self,
                                                       const char                 *ref,
                                                       GError                    **error);

/* Persons */
gboolean          udha_session_register_person        (UdhaSession                *self,
                                                       UdhaPerson                 *person,
                                                       gboolean                    force,
                                                       GPtrArray                 **candidates_out,
                                                       GError                    **error);
UdhaPerson       *udha_session_get_person             (UdhaSession                *self,
                                                       gint64                      person_id,
                                                       GError                    **error);
gboolean          udha_session_register_person_forced (UdhaSession                *self,
                                                       UdhaPerson                 *person,
                                                       const char                 *reason,
                                                       GPtrArray                 **candidates_out,
                                                       GError                    **error);
gboolean          udha_session_update_person          (UdhaSession                *self,
                                                       UdhaPerson                 *person,
                                                       UdhaPerson                **current_out,
                                                       GError                    **error);
UdhaPerson       *udha_session_find_person            (UdhaSession                *self,
                                                       const char                 *ref,
                                                       GError                    **error);
GArray           *udha_session_search                 (UdhaSession                *self,
                                                       const char                 *query,
                                                       guint                       limit,
                                                       GError                    **error);
gboolean          udha_session_export_person          (UdhaSession                *self,
                                                       gint64                      person_id,
                                                       JsonBuilder                *builder,
                                                       GError                    **error);

/* Consents */
UdhaConsent      *udha_session_add_consent            (UdhaSession                *self,
                                                       gint64                      person_id,
                                                       const char                 *purpose,
                                                       const char                 *given_by,
                                                       const char                 *given_on,
                                                       const char                 *expires_on,
                                                       GError                    **error);
gboolean          udha_session_withdraw_consent       (UdhaSession                *self,
                                                       gint64                      consent_id,
                                                       GError                    **error);
GPtrArray        *udha_session_list_consents          (UdhaSession                *self,
                                                       gint64                      person_id,
                                                       GError                    **error);

/* Cases */
UdhaCase         *udha_session_open_case              (UdhaSession                *self,
                                                       gint64                      person_id,
                                                       const char                 *case_type,
                                                       const char                 *assign_to,
                                                       GError                    **error);
UdhaCase         *udha_session_open_case_with_risk    (UdhaSession                *self,
                                                       gint64                      person_id,
                                                       const char                 *case_type,
                                                       const char                 *risk,
                                                       const char                 *assign_to,
                                                       GError                    **error);
gboolean          udha_session_update_case            (UdhaSession                *self,
                                                       UdhaCase                   *case_,
                                                       GError                    **error);
UdhaCase         *udha_session_get_case               (UdhaSession                *self,
                                                       gint64                      case_id,
                                                       GError                    **error);
UdhaCase         *udha_session_find_case              (UdhaSession                *self,
                                                       const char                 *ref,
                                                       GError                    **error);
UdhaCase         *udha_session_open_case_file         (UdhaSession                *self,
                                                       gint64                      case_id,
                                                       GError                    **error);
GPtrArray        *udha_session_list_cases             (UdhaSession                *self,
                                                       UdhaCaseListFilter          filter,
                                                       const char                 *status,
                                                       gint64                      after_key,
                                                       guint                       limit,
                                                       GError                    **error);
gboolean          udha_session_assign_case            (UdhaSession                *self,
                                                       gint64                      case_id,
                                                       const char                 *user_name,
                                                       const char                 *reason,
                                                       GError                    **error);
gboolean          udha_session_take_case              (UdhaSession                *self,
                                                       gint64                      case_id,
                                                       GError                    **error);
gboolean          udha_session_reassign_cases         (UdhaSession                *self,
                                                       const gint64               *case_ids,
                                                       guint                       n_ids,
                                                       gint64                      to_user_id,
                                                       const char                 *reason,
                                                       GError                    **error);
GPtrArray        *udha_session_list_cases_of_person   (UdhaSession                *self,
                                                       gint64                      person_id,
                                                       GError                    **error);
gboolean          udha_session_request_closure        (UdhaSession                *self,
                                                       gint64                      case_id,
                                                       const char                 *closure_reason,
                                                       const char                 *note,
                                                       GError                    **error);
gboolean          udha_session_approve_closure        (UdhaSession                *self,
                                                       gint64                      case_id,
                                                       GError                    **error);
gboolean          udha_session_approve_closure_with_reason (UdhaSession           *self,
                                                       gint64                      case_id,
                                                       const char                 *reason,
                                                       GError                    **error);
gboolean          udha_session_reject_closure         (UdhaSession                *self,
                                                       gint64                      case_id,
                                                       const char                 *reason,
                                                       GError                    **error);
gboolean          udha_session_reopen_case            (UdhaSession                *self,
                                                       gint64                      case_id,
                                                       const char                 *reason,
                                                       GError                    **error);

/* Interviews */
gboolean          udha_session_add_interview          (UdhaSession                *self,
                                                       UdhaInterview              *interview,
                                                       GError                    **error);
gboolean          udha_session_edit_interview         (UdhaSession                *self,
                                                       UdhaInterview              *interview,
                                                       UdhaInterview             **current_out,
                                                       GError                    **error);
GPtrArray        *udha_session_list_interviews        (UdhaSession                *self,
                                                       gint64                      case_id,
                                                       GError                    **error);

/* Services */
gboolean          udha_session_add_service            (UdhaSession                *self,
                                                       UdhaService                *service,
                                                       GError                    **error);
gboolean          udha_session_set_service_status     (UdhaSession                *self,
                                                       gint64                      service_id,
                                                       const char                 *status,
                                                       GError                    **error);
GPtrArray        *udha_session_list_services          (UdhaSession                *self,
                                                       gint64                      case_id,
                                                       GError                    **error);

/* Referrals */
gboolean          udha_session_add_referral           (UdhaSession                *self,
                                                       UdhaReferral               *referral,
                                                       GError                    **error);
gboolean          udha_session_set_referral_status    (UdhaSession                *self,
                                                       gint64                      referral_id,
                                                       const char                 *status,
                                                       const char                 *reason,
                                                       const char                 *outcome,
                                                       const UdhaConsentOverride  *override,
                                                       GError                    **error);
UdhaReferral     *udha_session_get_referral           (UdhaSession                *self,
                                                       gint64                      referral_id,
                                                       GError                    **error);
GPtrArray        *udha_session_list_referrals         (UdhaSession                *self,
                                                       gint64                      case_id,
                                                       GError                    **error);

/* Audit */
GPtrArray        *udha_session_audit_list             (UdhaSession                *self,
                                                       gint64                      before_seq,
                                                       guint                       limit,
                                                       GError                    **error);
GPtrArray        *udha_session_case_history           (UdhaSession                *self,
                                                       gint64                      case_id,
                                                       GError                    **error);
gboolean          udha_session_audit_verify           (UdhaSession                *self,
                                                       guint64                    *first_bad_seq,
                                                       GError                    **error);

G_END_DECLS
