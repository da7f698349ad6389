/* udha-permissions.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The role matrix of DOMAIN.md §9 as pure functions. UdhaSession asks
 * udha_permission_check() before every read or write of case data; the
 * whole matrix is tested in tests/unit/test-session-permissions.c.
 *
 * Scopes, with A the signed-in user and C the case:
 *
 *   own       C is assigned to A
 *   intake    C is unassigned and belongs to A's office
 *   office    C belongs to A's office (assigned to anyone, or to nobody)
 *
 *   action               caseworker        supervisor        administrator
 *   view case            own, intake       office            no
 *   register / open      own office        own office        no
 *   edit / log           own               office            no
 *   take from intake     intake            intake            no
 *   assign / reassign    no                office            no
 *   request closure      own               office            no
 *   approve / reject     no                office            no
 *   reopen               no                office            no
 *   consent override     no                office            no
 *   confidential entry   own entry, on a   office            no
 *                        case they can see
 *   subject-access export no               office            no
 *   reports              no                own office        no
 *   audit: own actions   yes               yes               yes
 *   audit: office        no                own office        no
 *   audit: system        no                no                yes
 *   users, offices, orgs no                no                yes
 *   backups              no                no                yes
 */

#define G_LOG_DOMAIN "udha-permissions"

#include "config.h"

#include "udha-permissions.h"

#include <glib/gi18n.h>
#include <string.h>

static const char * const role_codes[UDHA_N_ROLES] = {
  "caseworker",
  "supervisor",
  "admin",
};

static const char * const role_labels[UDHA_N_ROLES] = {
  N_("Caseworker"),
  N_("Supervisor"),
  N_("Administrator"),
};

static const char * const action_names[UDHA_N_ACTIONS] = {
  "view-case",
  "register",
  "edit-case",
  "take-from-intake",
  "assign",
  "request-closure",
  "decide-closure",
  "reopen",
  "override-consent",
  "view-confidential",
  "export-person",
  "run-reports",
  "read-audit-own",
  "read-audit-office",
  "read-audit-system",
  "manage-users",
  "manage-offices",
  "manage-orgs",
  "backup",
};

/* Auxiliary methods */

static gboolean
is_own (const UdhaScopeFacts *facts)
{
  return facts->case_office_id != 0 &&
         facts->case_assigned_user_id != 0 &&
         facts->case_assigned_user_id == facts->actor_user_id;
}

static gboolean
in_office (const UdhaScopeFacts *facts)
{
  return facts->case_office_id != 0 &&
         facts->actor_office_id != 0 &&
         facts->case_office_id == facts->actor_office_id;
}

static gboolean
is_intake (const UdhaScopeFacts *facts)
{
  return in_office (facts) && facts->case_assigned_user_id == 0;
}

/* For office actions: the office the action is about, 0 meaning "mine". */
static gboolean
target_is_own_office (const UdhaScopeFacts *facts)
{
  return facts->case_office_id == 0 || facts->case_office_id == facts->actor_office_id;
}

static gboolean
deny (GError     **error,
      const char  *message)
{
  g_set_error_literal (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_NOT_PERMITTED, message);
  return FALSE;
}

static gboolean
check_caseworker (UdhaAction             action,
                  const UdhaScopeFacts  *facts,
                  GError               **error)
{
  switch (action)
    {
    case UDHA_ACTION_VIEW_CASE:
      if (is_own (facts) || is_intake (facts))
        return TRUE;
      return deny (error, _("Caseworkers can only open cases assigned to them or waiting in their office’s intake queue."));

    case UDHA_ACTION_REGISTER:
      if (target_is_own_office (facts))
        return TRUE;
      return deny (error, _("Caseworkers can only register people and open cases in their own office."));

    case UDHA_ACTION_EDIT_CASE:
      if (is_own (facts))
        return TRUE;
      if (is_intake (facts))
        return deny (error, _("Caseworkers can only change cases assigned to them. Take the case from the intake queue first."));
      return deny (error, _("Caseworkers can only change cases assigned to them."));

    case UDHA_ACTION_TAKE_FROM_INTAKE:
      if (is_intake (facts))
        return TRUE;
      return deny (error, _("Only cases waiting in your office’s intake queue can be taken."));

    case UDHA_ACTION_ASSIGN:
      return deny (error, _("Only supervisors can assign or reassign cases."));

    case UDHA_ACTION_REQUEST_CLOSURE:
      if (is_own (facts))
        return TRUE;
      return deny (error, _("Caseworkers can only ask to close cases assigned to them."));

    case UDHA_ACTION_DECIDE_CLOSURE:
      return deny (error, _("Only supervisors can approve or reject the closure of a case."));

    case UDHA_ACTION_REOPEN:
      return deny (error, _("Only supervisors can reopen a case or a finished referral."));

    case UDHA_ACTION_OVERRIDE_CONSENT:
      return deny (error, _("Only supervisors can send a referral without the person’s consent."));

    case UDHA_ACTION_VIEW_CONFIDENTIAL:
      if ((is_own (facts) || is_intake (facts)) &&
          facts->record_author_id != 0 && facts->record_author_id == facts->actor_user_id)
        return TRUE;
      return deny (error, _("Caseworkers can only read the confidential entries they wrote themselves."));

    case UDHA_ACTION_EXPORT_PERSON:
      return deny (error, _("Only supervisors can export everything held about a person."));

    case UDHA_ACTION_RUN_REPORTS:
      return deny (error, _("Only supervisors can run reports."));

    case UDHA_ACTION_READ_AUDIT_OWN:
      return TRUE;

    case UDHA_ACTION_READ_AUDIT_OFFICE:
      return deny (error, _("Caseworkers can only read the audit log of their own actions."));

    case UDHA_ACTION_READ_AUDIT_SYSTEM:
      return deny (error, _("Only administrators can read the system events of the audit log."));

    case UDHA_ACTION_MANAGE_USERS:
      return deny (error, _("Only administrators can manage users."));

    case UDHA_ACTION_MANAGE_OFFICES:
      return deny (error, _("Only administrators can manage offices."));

    case UDHA_ACTION_MANAGE_ORGS:
      return deny (error, _("Only administrators can manage the partner organisations."));

    case UDHA_ACTION_BACKUP:
      return deny (error, _("Only administrators can make and check backups."));

    default:
      g_assert_not_reached ();
    }
}

static gboolean
check_supervisor (UdhaAction             action,
                  const UdhaScopeFacts  *facts,
                  GError               **error)
{
  switch (action)
    {
    case UDHA_ACTION_VIEW_CASE:
    case UDHA_ACTION_EDIT_CASE:
    case UDHA_ACTION_ASSIGN:
    case UDHA_ACTION_REQUEST_CLOSURE:
    case UDHA_ACTION_DECIDE_CLOSURE:
    case UDHA_ACTION_REOPEN:
    case UDHA_ACTION_OVERRIDE_CONSENT:
    case UDHA_ACTION_VIEW_CONFIDENTIAL:
    case UDHA_ACTION_EXPORT_PERSON:
      if (in_office (facts))
        return TRUE;
      return deny (error, _("Supervisors can only work on the cases of their own office."));

    case UDHA_ACTION_REGISTER:
      if (target_is_own_office (facts))
        return TRUE;
      return deny (error, _("Supervisors can only register people and open cases in their own office."));

    case UDHA_ACTION_TAKE_FROM_INTAKE:
      if (is_intake (facts))
        return TRUE;
      return deny (error, _("Only cases waiting in your office’s intake queue can be taken."));

    case UDHA_ACTION_RUN_REPORTS:
      if (target_is_own_office (facts))
        return TRUE;
      return deny (error, _("Supervisors can only run reports for their own office."));

    case UDHA_ACTION_READ_AUDIT_OWN:
      return TRUE;

    case UDHA_ACTION_READ_AUDIT_OFFICE:
      if (target_is_own_office (facts))
        return TRUE;
      return deny (error, _("Supervisors can only read the audit log of their own office."));

    case UDHA_ACTION_READ_AUDIT_SYSTEM:
      return deny (error, _("Only administrators can read the system events of the audit log."));

    case UDHA_ACTION_MANAGE_USERS:
      return deny (error, _("Only administrators can manage users."));

    case UDHA_ACTION_MANAGE_OFFICES:
      return deny (error, _("Only administrators can manage offices."));

    case UDHA_ACTION_MANAGE_ORGS:
      return deny (error, _("Only administrators can manage the partner organisations."));

    case UDHA_ACTION_BACKUP:
      return deny (error, _("Only administrators can make and check backups."));

    default:
      g_assert_not_reached ();
    }
}

static gboolean
check_admin (UdhaAction             action,
             const UdhaScopeFacts  *facts,
             GError               **error)
{
  switch (action)
    {
    case UDHA_ACTION_VIEW_CASE:
    case UDHA_ACTION_EDIT_CASE:
    case UDHA_ACTION_TAKE_FROM_INTAKE:
    case UDHA_ACTION_ASSIGN:
    case UDHA_ACTION_REQUEST_CLOSURE:
    case UDHA_ACTION_DECIDE_CLOSURE:
    case UDHA_ACTION_REOPEN:
    case UDHA_ACTION_OVERRIDE_CONSENT:
    case UDHA_ACTION_VIEW_CONFIDENTIAL:
    case UDHA_ACTION_EXPORT_PERSON:
      return deny (error, _("Administrators have no access to case content."));

    case UDHA_ACTION_REGISTER:
      return deny (error, _("Administrators cannot register people or open cases."));

    case UDHA_ACTION_RUN_REPORTS:
      return deny (error, _("Only supervisors can run reports."));

    case UDHA_ACTION_READ_AUDIT_OWN:
    case UDHA_ACTION_READ_AUDIT_SYSTEM:
      return TRUE;

    case UDHA_ACTION_READ_AUDIT_OFFICE:
      return deny (error, _("Administrators can read only the system events of the audit log, not the work on cases."));

    case UDHA_ACTION_MANAGE_USERS:
    case UDHA_ACTION_MANAGE_OFFICES:
    case UDHA_ACTION_MANAGE_ORGS:
    case UDHA_ACTION_BACKUP:
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

/* Public API */

/**
 * udha_role_to_code:
 * @role: a #UdhaRole
 *
 * Returns: (transfer none): the stable code of @role, e.g. "caseworker"
 */
const char *
udha_role_to_code (UdhaRole role)
{
  g_return_val_if_fail ((guint) role < UDHA_N_ROLES, NULL);

  return role_codes[role];
}

/**
 * udha_role_from_code:
 * @code: (nullable): a role code
 * @role: (out): the role
 *
 * Returns: %TRUE if @code is one of the role codes
 */
gboolean
udha_role_from_code (const char *code,
                     UdhaRole   *role)
{
  g_return_val_if_fail (role != NULL, FALSE);

  for (guint i = 0; i < UDHA_N_ROLES; i++)
    {
      if (g_strcmp0 (code, role_codes[i]) == 0)
        {
          *role = (UdhaRole) i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * udha_role_get_label:
 * @role: a #UdhaRole
 *
 * Returns: (transfer none): the translated name of @role
 */
const char *
udha_role_get_label (UdhaRole role)
{
  g_return_val_if_fail ((guint) role < UDHA_N_ROLES, NULL);

  return _(role_labels[role]);
}

/**
 * udha_action_to_string:
 * @action: a #UdhaAction
 *
 * Returns: (transfer none): a stable name for @action, for tests and logs
 */
const char *
udha_action_to_string (UdhaAction action)
{
  g_return_val_if_fail ((guint) action < UDHA_N_ACTIONS, NULL);

  return action_names[action];
}

/**
 * udha_action_is_case_action:
 * @action: a #UdhaAction
 *
 * Returns: %TRUE if @action is about one case, so that its #UdhaScopeFacts
 *   must name the case's office and assignee
 */
gboolean
udha_action_is_case_action (UdhaAction action)
{
  switch (action)
    {
    case UDHA_ACTION_VIEW_CASE:
    case UDHA_ACTION_EDIT_CASE:
    case UDHA_ACTION_TAKE_FROM_INTAKE:
    case UDHA_ACTION_ASSIGN:
    case UDHA_ACTION_REQUEST_CLOSURE:
    case UDHA_ACTION_DECIDE_CLOSURE:
    case UDHA_ACTION_REOPEN:
    case UDHA_ACTION_OVERRIDE_CONSENT:
    case UDHA_ACTION_VIEW_CONFIDENTIAL:
    case UDHA_ACTION_EXPORT_PERSON:
      return TRUE;

    case UDHA_ACTION_REGISTER:
    case UDHA_ACTION_RUN_REPORTS:
    case UDHA_ACTION_READ_AUDIT_OWN:
    case UDHA_ACTION_READ_AUDIT_OFFICE:
    case UDHA_ACTION_READ_AUDIT_SYSTEM:
    case UDHA_ACTION_MANAGE_USERS:
    case UDHA_ACTION_MANAGE_OFFICES:
    case UDHA_ACTION_MANAGE_ORGS:
    case UDHA_ACTION_BACKUP:
    default:
      return FALSE;
    }
}

/**
 * udha_permission_check:
 * @role: the signed-in user's role
 * @action: what the user asks to do
 * @facts: the user's and the case's ids (see #UdhaScopeFacts)
 * @error: return location for a %UDHA_SESSION_ERROR_NOT_PERMITTED error
 *
 * Applies the role matrix of DOMAIN.md §9. The error message says what the
 * role may not do, is translated and holds no personal data.
 *
 * Returns: %TRUE if @role may do @action in the scope of @facts
 */
gboolean
udha_permission_check (UdhaRole               role,
                       UdhaAction             action,
                       const UdhaScopeFacts  *facts,
                       GError               **error)
{
  g_return_val_if_fail ((guint) role < UDHA_N_ROLES, FALSE);
  g_return_val_if_fail ((guint) action < UDHA_N_ACTIONS, FALSE);
  g_return_val_if_fail (facts != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  switch (role)
    {
    case UDHA_ROLE_KIND_CASEWORKER:
      return check_caseworker (action, facts, error);
    case UDHA_ROLE_KIND_SUPERVISOR:
      return check_supervisor (action, facts, error);
    case UDHA_ROLE_KIND_ADMIN:
      return check_admin (action, facts, error);
    default:
      g_assert_not_reached ();
    }
}
