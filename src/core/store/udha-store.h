/* udha-store.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "udha-vault.h"
#include "udha-store-error.h"
#include "udha-case.h"
#include "udha-consent.h"
#include "udha-interview.h"
#include "udha-office.h"
#include "udha-organisation.h"
#include "udha-person.h"
#include "udha-referral.h"
#include "udha-service.h"
#include "udha-user.h"

G_BEGIN_DECLS

/* The schema version this Udha writes (PRAGMA user_version). */
#define UDHA_STORE_SCHEMA_VERSION 3

#define UDHA_TYPE_STORE (udha_store_get_type ())

G_DECLARE_FINAL_TYPE (UdhaStore, udha_store, UDHA, STORE, GObject)

/**
 * UdhaStoreScope:
 * @office_id: the office whose records are visible, or 0 for every office
 * @user_id: for a caseworker, the user: only cases assigned to them and the
 *   office's unassigned intake are visible; 0 for the whole office
 *
 * What a session may see (DOMAIN.md §9). The session fills it in; the store
 * applies it in SQL. A supervisor is { office, 0 }; a caseworker
 * { office, user }.
 */
typedef struct
{
  gint64 office_id;
  gint64 user_id;
} UdhaStoreScope;

/**
 * UdhaCaseQuery:
 * @scope: what the session may see
 * @status: (nullable): only this status code
 * @case_type: (nullable): only this primary type code
 * @risk: (nullable): only this risk level
 * @overdue: only cases with an overdue referral
 * @mine: only cases assigned to @assigned_user_id
 * @intake: only unassigned cases (the intake queue)
 * @assigned_user_id: the user for @mine (defaults to @scope.user_id)
 * @today: (nullable): ISO date used for "overdue"; %NULL for today (UTC)
 * @no_contact_since: (nullable): only cases without an interview on or
 *   after this ISO date (none at all, or the latest one before it); the
 *   supervisor dashboard's "no contact in 30 days"
 * @follow_up_overdue: only cases whose next follow-up date (stored
 *   cases.next_follow_up) is before @today
 * @overdue_referral_org_id: only cases with an open referral to this
 *   organisation whose follow-up date is before @today (0: no filter)
 * @active_only: leave out closed, transferred and duplicate cases
 *
 * A caseload query. Results are ordered newest first (id descending) and
 * paged by key: pass the last id of a page as after_key for the next one.
 * The last four filters are applied by the caseload list
 * (udha-store-caselist.h) only. "Closure requested" is @status
 * `closure_requested`; one caseworker's cases are @mine with
 * @assigned_user_id.
 */
typedef struct
{
  UdhaStoreScope  scope;
  const char     *status;
  const char     *case_type;
  const char     *risk;
  gboolean        overdue;
  gboolean        mine;
  gboolean        intake;
  gint64          assigned_user_id;
  const char     *today;
  const char     *no_contact_since;
  gboolean        follow_up_overdue;
  gint64          overdue_referral_org_id;
  gboolean        active_only;
} UdhaCaseQuery;

/**
 * UdhaSearchHit:
 * @person_id: the person found
 * @case_id: a case of that person that matched, or 0
 * @score: FTS5 rank (lower is better)
 */
typedef struct
{
  gint64  person_id;
  gint64  case_id;
  double  score;
} UdhaSearchHit;

/**
 * UdhaDuplicateCandidate:
 * @person_id: an existing person
 * @score: 0..100, higher is more likely the same person
 * @reasons: codes of the reasons, from udha_duplicate_reasons_to_codes()
 *   (udha-duplicates.h), %NULL-terminated
 */
typedef struct
{
  gint64   person_id;
  int      score;
  GStrv    reasons;
} UdhaDuplicateCandidate;

void                     udha_duplicate_candidate_free        (UdhaDuplicateCandidate  *candidate);

/**
 * UdhaAuditEntry:
 * @seq: position in the chain, from 1
 * @at: ISO 8601 UTC time
 * @user_name: (nullable): the vault user, %NULL for the system
 * @action: action code ("case.open", "person.create", "vault.unlock", …)
 * @entity: (nullable): entity kind ("person", "case", …)
 * @entity_id: the entity's id, or 0
 * @office_id: the office the entry belongs to, or 0 for system events
 * @details: (nullable): JSON object text, codes and ids only
 * @hash: the chain hash h_seq
 * @reason: (nullable): the free text the user gave for the change
 *   (reassignment, closure decision, reopening, forced registration,
 *   referral status…), kept outside @details; %NULL if none (schema v2)
 */
typedef struct
{
  gint64   seq;
  char    *at;
  char    *user_name;
  char    *action;
  char    *entity;
  gint64   entity_id;
  gint64   office_id;
  char    *details;
  guint8   hash[32];
  char    *reason;
} UdhaAuditEntry;

void                     udha_audit_entry_free                (UdhaAuditEntry          *entry);
void                     udha_audit_entry_to_json             (UdhaAuditEntry          *entry,
                                                               JsonBuilder             *builder);

/**
 * UdhaAuditQuery:
 * @office_id: only entries of this office (0: any)
 * @user_name: (nullable): only entries by this user
 * @system_only: only system events (entries without an office)
 * @entity: (nullable): only entries about this entity kind…
 * @entity_id: …and id (0: any)
 */
typedef struct
{
  gint64       office_id;
  const char  *user_name;
  gboolean     system_only;
  const char  *entity;
  gint64       entity_id;
} UdhaAuditQuery;

/* Opening, transactions */
UdhaStore               *udha_store_new                       (UdhaVault               *vault,
                                                               GError                 **error);
UdhaVault               *udha_store_get_vault                 (UdhaStore               *self);
int                      udha_store_get_schema_version        (UdhaStore               *self);
gboolean                 udha_store_begin                     (UdhaStore               *self,
                                                               GError                 **error);
gboolean                 udha_store_commit                    (UdhaStore               *self,
                                                               GError                 **error);
void                     udha_store_rollback                  (UdhaStore               *self);
gboolean                 udha_store_in_transaction            (UdhaStore               *self);
sqlite3_stmt            *udha_store_prepare                   (UdhaStore               *self,
                                                               const char              *sql,
                                                               GError                 **error);

/* Offices, users, organisations */
gboolean                 udha_store_create_office             (UdhaStore               *self,
                                                               UdhaOffice              *office,
                                                               GError                 **error);
gboolean                 udha_store_update_office             (UdhaStore               *self,
                                                               UdhaOffice              *office,
                                                               UdhaOffice             **current_out,
                                                               GError                 **error);
UdhaOffice              *udha_store_get_office                (UdhaStore               *self,
                                                               gint64                   id,
                                                               GError                 **error);
UdhaOffice              *udha_store_get_office_by_code        (UdhaStore               *self,
                                                               const char              *code,
                                                               GError                 **error);
GPtrArray               *udha_store_list_offices              (UdhaStore               *self,
                                                               GError                 **error);

gboolean                 udha_store_create_user               (UdhaStore               *self,
                                                               UdhaUser                *user,
                                                               GError                 **error);
gboolean                 udha_store_update_user               (UdhaStore               *self,
                                                               UdhaUser                *user,
                                                               UdhaUser               **current_out,
                                                               GError                 **error);
UdhaUser                *udha_store_get_user                  (UdhaStore               *self,
                                                               gint64                   id,
                                                               GError                 **error);
UdhaUser                *udha_store_get_user_by_name          (UdhaStore               *self,
                                                               const char              *user_name,
                                                               GError                 **error);
GPtrArray               *udha_store_list_users                (UdhaStore               *self,
                                                               gint64                   office_id,
                                                               GError                 **error);

gboolean                 udha_store_create_organisation       (UdhaStore               *self,
                                                               UdhaOrganisation        *org,
                                                               GError                 **error);
gboolean                 udha_store_update_organisation       (UdhaStore               *self,
                                                               UdhaOrganisation        *org,
                                                               UdhaOrganisation       **current_out,
                                                               GError                 **error);
UdhaOrganisation        *udha_store_get_organisation          (UdhaStore               *self,
                                                               gint64                   id,
                                                               GError                 **error);
GPtrArray               *udha_store_list_organisations        (UdhaStore               *self,
                                                               GError                 **error);

/* Persons */
gboolean                 udha_store_create_person             (UdhaStore               *self,
                                                               UdhaPerson              *person,
                                                               GError                 **error);
gboolean                 udha_store_update_person             (UdhaStore               *self,
                                                               UdhaPerson              *person,
                                                               UdhaPerson             **current_out,
                                                               GError                 **error);
UdhaPerson              *udha_store_get_person                (UdhaStore               *self,
                                                               gint64                   id,
                                                               GError                 **error);
UdhaPerson              *udha_store_get_person_by_number      (UdhaStore               *self,
                                                               const char              *registration_number,
                                                               GError                 **error);
gboolean                 udha_store_person_in_scope           (UdhaStore               *self,
                                                               gint64                   person_id,
                                                               const UdhaStoreScope    *scope,
                                                               GError                 **error);

/* Consents */
gboolean                 udha_store_create_consent            (UdhaStore               *self,
                                                               UdhaConsent             *consent,
                                                               GError                 **error);
gboolean                 udha_store_update_consent            (UdhaStore               *self,
                                                               UdhaConsent             *consent,
                                                               UdhaConsent            **current_out,
                                                               GError                 **error);
UdhaConsent             *udha_store_get_consent               (UdhaStore               *self,
                                                               gint64                   id,
                                                               GError                 **error);
GPtrArray               *udha_store_list_consents             (UdhaStore               *self,
                                                               gint64                   person_id,
                                                               GError                 **error);
gint64                   udha_store_find_valid_consent        (UdhaStore               *self,
                                                               gint64                   person_id,
                                                               const char              *purpose,
                                                               const char              *today,
                                                               GError                 **error);

/* Cases */
gboolean                 udha_store_create_case               (UdhaStore               *self,
                                                               UdhaCase                *case_,
                                                               GError                 **error);
gboolean                 udha_store_update_case               (UdhaStore               *self,
                                                               UdhaCase                *case_,
                                                               UdhaCase               **current_out,
                                                               GError                 **error);
UdhaCase                *udha_store_get_case                  (UdhaStore               *self,
                                                               gint64                   id,
                                                               GError                 **error);
UdhaCase                *udha_store_get_case_by_number        (UdhaStore               *self,
                                                               const char              *number,
                                                               GError                 **error);
GPtrArray               *udha_store_list_cases_for_person     (UdhaStore               *self,
                                                               gint64                   person_id,
                                                               GError                 **error);
GPtrArray               *udha_store_list_cases                (UdhaStore               *self,
                                                               const UdhaCaseQuery     *query,
                                                               gint64                   after_key,
                                                               guint                    limit,
                                                               GError                 **error);
gint64                   udha_store_count_cases               (UdhaStore               *self,
                                                               const UdhaCaseQuery     *query,
                                                               GError                 **error);
gboolean                 udha_store_case_in_scope             (UdhaStore               *self,
                                                               gint64                   case_id,
                                                               const UdhaStoreScope    *scope,
                                                               GError                 **error);

/* Interviews */
gboolean                 udha_store_create_interview          (UdhaStore               *self,
                                                               UdhaInterview           *interview,
                                                               GError                 **error);
gboolean                 udha_store_update_interview          (UdhaStore               *self,
                                                               UdhaInterview           *interview,
                                                               gint64                   edited_by,
                                                               UdhaInterview          **current_out,
                                                               GError                 **error);
UdhaInterview           *udha_store_get_interview             (UdhaStore               *self,
                                                               gint64                   id,
                                                               GError                 **error);
GPtrArray               *udha_store_list_interviews           (UdhaStore               *self,
                                                               gint64                   case_id,
                                                               GError                 **error);
gboolean                 udha_store_add_interview_json_revisions (UdhaStore            *self,
                                                               gint64                   interview_id,
                                                               JsonBuilder             *builder,
                                                               GError                 **error);
guint                    udha_store_count_interview_revisions (UdhaStore               *self,
                                                               gint64                   interview_id,
                                                               GError                 **error);

/* Services */
gboolean                 udha_store_create_service            (UdhaStore               *self,
                                                               UdhaService             *service,
                                                               GError                 **error);
gboolean                 udha_store_update_service            (UdhaStore               *self,
                                                               UdhaService             *service,
                                                               UdhaService            **current_out,
                                                               GError                 **error);
UdhaService             *udha_store_get_service               (UdhaStore               *self,
                                                               gint64                   id,
                                                               GError                 **error);
GPtrArray               *udha_store_list_services             (UdhaStore               *self,
                                                               gint64                   case_id,
                                                               GError                 **error);

/* Referrals */
gboolean                 udha_store_create_referral           (UdhaStore               *self,
                                                               UdhaReferral            *referral,
                                                               GError                 **error);
gboolean                 udha_store_update_referral           (UdhaStore               *self,
                                                               UdhaReferral            *referral,
                                                               UdhaReferral           **current_out,
                                                               GError                 **error);
gboolean                 udha_store_set_referral_status       (UdhaStore               *self,
                                                               UdhaReferral            *referral,
                                                               const char              *new_status,
                                                               gint64                   user_id,
                                                               const char              *reason,
                                                               UdhaReferral           **current_out,
                                                               GError                 **error);
UdhaReferral            *udha_store_get_referral              (UdhaStore               *self,
                                                               gint64                   id,
                                                               GError                 **error);
GPtrArray               *udha_store_list_referrals            (UdhaStore               *self,
                                                               gint64                   case_id,
                                                               GError                 **error);
gboolean                 udha_store_add_referral_json_transitions (UdhaStore           *self,
                                                               gint64                   referral_id,
                                                               JsonBuilder             *builder,
                                                               GError                 **error);
guint                    udha_store_count_referral_transitions (UdhaStore              *self,
                                                               gint64                   referral_id,
                                                               GError                 **error);

/* Audit chain (udha-store-audit.c) */
gboolean                 udha_store_audit_append              (UdhaStore               *self,
                                                               const char              *user_name,
                                                               const char              *action,
                                                               const char              *entity,
                                                               gint64                   entity_id,
                                                               gint64                   office_id,
                                                               const char              *details_json,
                                                               GError                 **error);
gboolean                 udha_store_audit_append_with_reason  (UdhaStore               *self,
                                                               const char              *user_name,
                                                               const char              *action,
                                                               const char              *entity,
                                                               gint64                   entity_id,
                                                               gint64                   office_id,
                                                               const char              *details_json,
                                                               const char              *reason,
                                                               GError                 **error);
gboolean                 udha_store_audit_verify              (UdhaStore               *self,
                                                               guint64                 *first_bad_seq,
                                                               GError                 **error);
gboolean                 udha_store_audit_head                (UdhaStore               *self,
                                                               guint64                 *seq,
                                                               guint8                   hash[32],
                                                               GError                 **error);
gboolean                 udha_store_audit_anchor              (UdhaStore               *self,
                                                               GError                 **error);
GPtrArray               *udha_store_audit_list                (UdhaStore               *self,
                                                               const UdhaAuditQuery    *query,
                                                               gint64                   before_seq,
                                                               guint                    limit,
                                                               GError                 **error);
GPtrArray               *udha_store_audit_list_for_case       (UdhaStore               *self,
                                                               gint64                   case_id,
                                                               GError                 **error);

/* Search and duplicates (udha-store-search.c) */
GArray                  *udha_store_search                    (UdhaStore               *self,
                                                               const char              *query,
                                                               const UdhaStoreScope    *scope,
                                                               guint                    limit,
                                                               GError                 **error);
GPtrArray               *udha_store_find_duplicates           (UdhaStore               *self,
                                                               UdhaPerson              *candidate,
                                                               GError                 **error);

/* Subject-access export (udha-store-export.c) */
gboolean                 udha_store_export_person_json        (UdhaStore               *self,
                                                               gint64                   person_id,
                                                               JsonBuilder             *builder,
                                                               GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdhaAuditEntry, udha_audit_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdhaDuplicateCandidate, udha_duplicate_candidate_free)

G_END_DECLS
