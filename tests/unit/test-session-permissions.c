/* test-session-permissions.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The role matrix of DOMAIN.md §9: every role × action × scope, asserted
 * against a table written from DOMAIN.md, not from the code. One test case
 * per role and action: /udha/session/permissions/<role>/<action>. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "udha-permissions.h"

#define ACTOR        11
#define COLLEAGUE    12
#define MY_OFFICE    3
#define OTHER_OFFICE 4

/* The scopes a case can be in, seen from the actor. */
typedef enum
{
  SCOPE_OWN,             /* my office, assigned to me */
  SCOPE_INTAKE,          /* my office, unassigned */
  SCOPE_COLLEAGUE,       /* my office, assigned to a colleague */
  SCOPE_OWN_ELSEWHERE,   /* another office, assigned to me */
  SCOPE_OTHER_INTAKE,    /* another office, unassigned */
  SCOPE_OTHER_ASSIGNED,  /* another office, assigned to someone there */
  SCOPE_NONE,            /* no case: office actions about my own office */
  N_SCOPES
} Scope;

static const char * const scope_names[N_SCOPES] = {
  "own", "intake", "colleague", "own-elsewhere", "other-intake", "other-assigned", "none",
};

static const UdhaScopeFacts scope_facts[N_SCOPES] = {
  { ACTOR, MY_OFFICE, MY_OFFICE, ACTOR, 0 },
  { ACTOR, MY_OFFICE, MY_OFFICE, 0, 0 },
  { ACTOR, MY_OFFICE, MY_OFFICE, COLLEAGUE, 0 },
  { ACTOR, MY_OFFICE, OTHER_OFFICE, ACTOR, 0 },
  { ACTOR, MY_OFFICE, OTHER_OFFICE, 0, 0 },
  { ACTOR, MY_OFFICE, OTHER_OFFICE, COLLEAGUE, 0 },
  { ACTOR, MY_OFFICE, 0, 0, 0 },
};

/* Y = allowed, - = refused; one column per Scope, in the order above. */
typedef struct
{
  UdhaAction  action;
  const char *caseworker;
  const char *supervisor;
  const char *admin;
} Rule;

static const Rule matrix[] = {
  /*                                   own/int/col/ownE/oInt/oAss/none */
  { UDHA_ACTION_VIEW_CASE,            "YY-Y---", "YYY----", "-------" },
  { UDHA_ACTION_REGISTER,             "YYY---Y", "YYY---Y", "-------" },
  { UDHA_ACTION_EDIT_CASE,            "Y--Y---", "YYY----", "-------" },
  { UDHA_ACTION_TAKE_FROM_INTAKE,     "-Y-----", "-Y-----", "-------" },
  { UDHA_ACTION_ASSIGN,               "-------", "YYY----", "-------" },
  { UDHA_ACTION_REQUEST_CLOSURE,      "Y--Y---", "YYY----", "-------" },
  { UDHA_ACTION_DECIDE_CLOSURE,       "-------", "YYY----", "-------" },
  { UDHA_ACTION_REOPEN,               "-------", "YYY----", "-------" },
  { UDHA_ACTION_OVERRIDE_CONSENT,     "-------", "YYY----", "-------" },
  { UDHA_ACTION_VIEW_CONFIDENTIAL,    "-------", "YYY----", "-------" },  /* + test_confidential */
  { UDHA_ACTION_EXPORT_PERSON,        "-------", "YYY----", "-------" },
  { UDHA_ACTION_RUN_REPORTS,          "-------", "YYY---Y", "-------" },
  { UDHA_ACTION_READ_AUDIT_OWN,       "YYYYYYY", "YYYYYYY", "YYYYYYY" },
  { UDHA_ACTION_READ_AUDIT_OFFICE,    "-------", "YYY---Y", "-------" },
  { UDHA_ACTION_READ_AUDIT_SYSTEM,    "-------", "-------", "YYYYYYY" },
  { UDHA_ACTION_MANAGE_USERS,         "-------", "-------", "YYYYYYY" },
  { UDHA_ACTION_MANAGE_OFFICES,       "-------", "-------", "YYYYYYY" },
  { UDHA_ACTION_MANAGE_ORGS,          "-------", "-------", "YYYYYYY" },
  { UDHA_ACTION_BACKUP,               "-------", "-------", "YYYYYYY" },
};

typedef struct
{
  UdhaRole    role;
  const Rule *rule;
} Case;

static const char *
expected_for (const Case *c)
{
  switch (c->role)
    {
    case UDHA_ROLE_KIND_CASEWORKER:
      return c->rule->caseworker;
    case UDHA_ROLE_KIND_SUPERVISOR:
      return c->rule->supervisor;
    case UDHA_ROLE_KIND_ADMIN:
      return c->rule->admin;
    default:
      g_assert_not_reached ();
    }
}

static void
test_rule (gconstpointer data)
{
  const Case *c = data;
  const char *expected = expected_for (c);

  g_assert_cmpuint (strlen (expected), ==, N_SCOPES);

  for (guint s = 0; s < N_SCOPES; s++)
    {
      g_autoptr(GError) error = NULL;
      gboolean allowed = udha_permission_check (c->role, c->rule->action, &scope_facts[s], &error);

      g_test_message ("%s %s %s: %s", udha_role_to_code (c->role),
                      udha_action_to_string (c->rule->action), scope_names[s],
                      allowed ? "allowed" : error->message);

      if (expected[s] == 'Y')
        {
          g_assert_no_error (error);
          g_assert_true (allowed);
        }
      else
        {
          g_assert_false (allowed);
          g_assert_error (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_NOT_PERMITTED);
          g_assert_cmpstr (error->message, !=, "");
          /* The message says what the role may not do, and names no one:
           * no ids, no digits at all. */
          g_assert_null (strpbrk (error->message, "0123456789"));
        }

      /* A NULL error location is fine too. */
      g_assert_cmpint (udha_permission_check (c->role, c->rule->action, &scope_facts[s], NULL), ==, allowed);
    }
}

static void
test_matrix_complete (void)
{
  /* Every action has exactly one row. */
  gboolean seen[UDHA_N_ACTIONS] = { FALSE, };

  g_assert_cmpuint (G_N_ELEMENTS (matrix), ==, UDHA_N_ACTIONS);
  for (guint i = 0; i < G_N_ELEMENTS (matrix); i++)
    {
      g_assert_false (seen[matrix[i].action]);
      seen[matrix[i].action] = TRUE;
    }
}

static void
test_messages (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (udha_permission_check (UDHA_ROLE_KIND_CASEWORKER, UDHA_ACTION_VIEW_CASE,
                                         &scope_facts[SCOPE_COLLEAGUE], &error));
  g_assert_cmpstr (error->message, ==,
                   "Caseworkers can only open cases assigned to them or waiting in their office’s intake queue.");
  g_clear_error (&error);

  g_assert_false (udha_permission_check (UDHA_ROLE_KIND_CASEWORKER, UDHA_ACTION_EDIT_CASE,
                                         &scope_facts[SCOPE_INTAKE], &error));
  g_assert_nonnull (strstr (error->message, "intake queue"));
  g_clear_error (&error);

  g_assert_false (udha_permission_check (UDHA_ROLE_KIND_ADMIN, UDHA_ACTION_VIEW_CASE,
                                         &scope_facts[SCOPE_OWN], &error));
  g_assert_cmpstr (error->message, ==, "Administrators have no access to case content.");
  g_clear_error (&error);

  g_assert_false (udha_permission_check (UDHA_ROLE_KIND_SUPERVISOR, UDHA_ACTION_VIEW_CASE,
                                         &scope_facts[SCOPE_OTHER_INTAKE], &error));
  g_assert_cmpstr (error->message, ==, "Supervisors can only work on the cases of their own office.");
  g_clear_error (&error);

  g_assert_false (udha_permission_check (UDHA_ROLE_KIND_CASEWORKER, UDHA_ACTION_ASSIGN,
                                         &scope_facts[SCOPE_OWN], &error));
  g_assert_cmpstr (error->message, ==, "Only supervisors can assign or reassign cases.");
}

/* Confidential entries: their author and supervisors only (DOMAIN.md §4),
 * and the author must still see the case. */
static void
test_confidential (void)
{
  static const struct
  {
    Scope   scope;
    gint64  author;
    gboolean caseworker;
    gboolean supervisor;
  } rows[] = {
    { SCOPE_OWN,            ACTOR,     TRUE,  TRUE  },
    { SCOPE_OWN,            COLLEAGUE, FALSE, TRUE  },
    { SCOPE_INTAKE,         ACTOR,     TRUE,  TRUE  },
    { SCOPE_INTAKE,         COLLEAGUE, FALSE, TRUE  },
    { SCOPE_COLLEAGUE,      ACTOR,     FALSE, TRUE  },
    { SCOPE_COLLEAGUE,      COLLEAGUE, FALSE, TRUE  },
    { SCOPE_OWN_ELSEWHERE,  ACTOR,     TRUE,  FALSE },
    { SCOPE_OTHER_ASSIGNED, ACTOR,     FALSE, FALSE },
    { SCOPE_OTHER_INTAKE,   ACTOR,     FALSE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      UdhaScopeFacts facts = scope_facts[rows[i].scope];
      g_autoptr(GError) error = NULL;

      facts.record_author_id = rows[i].author;
      g_assert_cmpint (udha_permission_check (UDHA_ROLE_KIND_CASEWORKER, UDHA_ACTION_VIEW_CONFIDENTIAL,
                                              &facts, NULL), ==, rows[i].caseworker);
      g_assert_cmpint (udha_permission_check (UDHA_ROLE_KIND_SUPERVISOR, UDHA_ACTION_VIEW_CONFIDENTIAL,
                                              &facts, NULL), ==, rows[i].supervisor);
      g_assert_false (udha_permission_check (UDHA_ROLE_KIND_ADMIN, UDHA_ACTION_VIEW_CONFIDENTIAL,
                                             &facts, &error));
      g_assert_error (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_NOT_PERMITTED);
    }
}

static void
test_roles (void)
{
  UdhaRole role;

  for (guint i = 0; i < UDHA_N_ROLES; i++)
    {
      g_assert_true (udha_role_from_code (udha_role_to_code ((UdhaRole) i), &role));
      g_assert_cmpint (role, ==, i);
      g_assert_nonnull (udha_role_get_label ((UdhaRole) i));
    }
  g_assert_cmpstr (udha_role_to_code (UDHA_ROLE_KIND_CASEWORKER), ==, "caseworker");
  g_assert_cmpstr (udha_role_to_code (UDHA_ROLE_KIND_SUPERVISOR), ==, "supervisor");
  g_assert_cmpstr (udha_role_to_code (UDHA_ROLE_KIND_ADMIN), ==, "admin");
  g_assert_false (udha_role_from_code ("administrator", &role));
  g_assert_false (udha_role_from_code ("", &role));
  g_assert_false (udha_role_from_code (NULL, &role));
}

static void
test_case_actions (void)
{
  /* Case actions need a case: with no case office nothing is allowed. */
  for (guint i = 0; i < G_N_ELEMENTS (matrix); i++)
    {
      if (!udha_action_is_case_action (matrix[i].action))
        continue;
      g_assert_cmpint (matrix[i].caseworker[SCOPE_NONE], ==, '-');
      g_assert_cmpint (matrix[i].supervisor[SCOPE_NONE], ==, '-');
      g_assert_cmpint (matrix[i].admin[SCOPE_NONE], ==, '-');
    }
  g_assert_true (udha_action_is_case_action (UDHA_ACTION_VIEW_CASE));
  g_assert_false (udha_action_is_case_action (UDHA_ACTION_REGISTER));
  g_assert_false (udha_action_is_case_action (UDHA_ACTION_MANAGE_USERS));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/udha/session/permissions/matrix-complete", test_matrix_complete);
  g_test_add_func ("/udha/session/permissions/messages", test_messages);
  g_test_add_func ("/udha/session/permissions/roles", test_roles);
  g_test_add_func ("/udha/session/permissions/confidential", test_confidential);
  g_test_add_func ("/udha/session/permissions/case-actions", test_case_actions);

  for (guint r = 0; r < UDHA_N_ROLES; r++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (matrix); i++)
        {
          Case *c = g_new0 (Case, 1);
          g_autofree char *path = NULL;

          c->role = (UdhaRole) r;
          c->rule = &matrix[i];
          g_ptr_array_add (cases, c);
          path = g_strdup_printf ("/udha/session/permissions/%s/%s",
                                  udha_role_to_code (c->role),
                                  udha_action_to_string (c->rule->action));
          g_test_add_data_func (path, c, test_rule);
        }
    }

  return g_test_run ();
}
