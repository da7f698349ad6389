/* udha-permissions.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "udha-session-error.h"

G_BEGIN_DECLS

/**
 * UdhaRole:
 * @UDHA_ROLE_KIND_CASEWORKER: code `caseworker`
 * @UDHA_ROLE_KIND_SUPERVISOR: code `supervisor`
 * @UDHA_ROLE_KIND_ADMIN: code `admin`
 *
 * The three roles of DOMAIN.md §9. Stored as their codes (the
 * UDHA_ROLE_CASEWORKER… string macros of udha-lookup.h).
 */
typedef enum
{
  UDHA_ROLE_KIND_CASEWORKER,
  UDHA_ROLE_KIND_SUPERVISOR,
  UDHA_ROLE_KIND_ADMIN,
} UdhaRole;

#define UDHA_N_ROLES 3

/**
 * UdhaAction:
 * @UDHA_ACTION_VIEW_CASE: see and open a case, its person and its records
 * @UDHA_ACTION_REGISTER: register a person or open a case in the office of the facts
 * @UDHA_ACTION_EDIT_CASE: edit case data; log interviews, services, referrals, consents
 * @UDHA_ACTION_TAKE_FROM_INTAKE: assign an unassigned case of the office to oneself
 * @UDHA_ACTION_ASSIGN: assign or reassign a case to anyone
 * @UDHA_ACTION_REQUEST_CLOSURE: ask for a case to be closed
 * @UDHA_ACTION_DECIDE_CLOSURE: approve or reject a closure request
 * @UDHA_ACTION_REOPEN: reopen a closed case, or a terminal referral
 * @UDHA_ACTION_OVERRIDE_CONSENT: send a referral without consent (DOMAIN.md §6.4 item 2)
 * @UDHA_ACTION_VIEW_CONFIDENTIAL: read a confidential contact-log entry (DOMAIN.md §4:
 *   its author and supervisors only)
 * @UDHA_ACTION_EXPORT_PERSON: export everything held about one person (Law 124/2024)
 * @UDHA_ACTION_RUN_REPORTS: anonymised reports for the office of the facts
 * @UDHA_ACTION_READ_AUDIT_OWN: read the audit entries of one's own actions
 * @UDHA_ACTION_READ_AUDIT_OFFICE: read the audit entries of the office of the facts
 * @UDHA_ACTION_READ_AUDIT_SYSTEM: read system events (unlocks, backups, settings, users)
 * @UDHA_ACTION_MANAGE_USERS: add, disable and change users, roles and key slots
 * @UDHA_ACTION_MANAGE_OFFICES: add and change offices
 * @UDHA_ACTION_MANAGE_ORGS: the partner directory
 * @UDHA_ACTION_BACKUP: backups and restore checks
 *
 * What a session may be asked to do. Case actions need #UdhaScopeFacts
 * about the case; office actions (register, reports, office audit) read the
 * office from #UdhaScopeFacts.case_office_id, where 0 means the actor's own
 * office.
 */
typedef enum
{
  UDHA_ACTION_VIEW_CASE,
  UDHA_ACTION_REGISTER,
  UDHA_ACTION_EDIT_CASE,
  UDHA_ACTION_TAKE_FROM_INTAKE,
  UDHA_ACTION_ASSIGN,
  UDHA_ACTION_REQUEST_CLOSURE,
  UDHA_ACTION_DECIDE_CLOSURE,
  UDHA_ACTION_REOPEN,
  UDHA_ACTION_OVERRIDE_CONSENT,
  UDHA_ACTION_VIEW_CONFIDENTIAL,
  UDHA_ACTION_EXPORT_PERSON,
  UDHA_ACTION_RUN_REPORTS,
  UDHA_ACTION_READ_AUDIT_OWN,
  UDHA_ACTION_READ_AUDIT_OFFICE,
  UDHA_ACTION_READ_AUDIT_SYSTEM,
  UDHA_ACTION_MANAGE_USERS,
  UDHA_ACTION_MANAGE_OFFICES,
  UDHA_ACTION_MANAGE_ORGS,
  UDHA_ACTION_BACKUP,
} UdhaAction;

#define UDHA_N_ACTIONS (UDHA_ACTION_BACKUP + 1)

/**
 * UdhaScopeFacts:
 * @actor_user_id: the signed-in user's id
 * @actor_office_id: the signed-in user's office id
 * @case_office_id: the office of the case (or, for office actions, of the
 *   target office; 0 = none, or the actor's own office for office actions)
 * @case_assigned_user_id: the caseworker the case is assigned to; 0 = the
 *   office's intake queue
 * @record_author_id: for %UDHA_ACTION_VIEW_CONFIDENTIAL, the author of the
 *   confidential entry; 0 otherwise
 *
 * Everything udha_permission_check() needs to know about a case. Ids are
 * database ids (> 0).
 */
typedef struct
{
  gint64 actor_user_id;
  gint64 actor_office_id;
  gint64 case_office_id;
  gint64 case_assigned_user_id;
  gint64 record_author_id;
} UdhaScopeFacts;

const char *udha_role_to_code          (UdhaRole               role);
gboolean    udha_role_from_code        (const char            *code,
                                        UdhaRole              *role);
const char *udha_role_get_label        (UdhaRole               role);
const char *udha_action_to_string      (UdhaAction             action);

gboolean    udha_action_is_case_action (UdhaAction             action);
gboolean    udha_permission_check      (UdhaRole               role,
                                        UdhaAction             action,
                                        const UdhaScopeFacts  *facts,
                                        GError               **error);

G_END_DECLS
