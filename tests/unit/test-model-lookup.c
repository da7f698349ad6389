/* test-model-lookup.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "udha-lookup.h"

static const char *const roles[] = { UDHA_ROLE_CASEWORKER, UDHA_ROLE_SUPERVISOR, UDHA_ROLE_ADMIN };

static gboolean
is_code (const char *code)
{
  if (code == NULL || *code == '\0')
    return FALSE;
  for (const char *p = code; *p != '\0'; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_' || *p == '-'))
      return FALSE;
  return TRUE;
}

static void
test_lookup_codes (void)
{
  for (guint k = 0; k < UDHA_LOOKUP_N_KINDS; k++)
    {
      guint n = 0;
      const UdhaLookupEntry *entries = udha_lookup_list (k, &n);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      g_assert_nonnull (udha_lookup_kind_get_name (k));
      g_assert_nonnull (udha_lookup_kind_get_context (k));
      g_assert_nonnull (udha_lookup_kind_get_title (k));
      g_assert_cmpuint (n, >=, 2);

      for (guint i = 0; i < n; i++)
        {
          const char *label;

          if (!is_code (entries[i].code))
            g_error ("%s: bad code %s", udha_lookup_kind_get_name (k), entries[i].code);
          g_assert_false (g_hash_table_contains (seen, entries[i].code));
          g_hash_table_add (seen, (gpointer) entries[i].code);

          g_assert_nonnull (entries[i].label);
          g_assert_cmpuint (strlen (entries[i].label), >, 0);
          label = udha_lookup_get_label (k, entries[i].code);
          g_assert_nonnull (label);
          g_assert_cmpuint (strlen (label), >, 0);
          /* LC_ALL=C: the English label */
          g_assert_cmpstr (label, ==, entries[i].label);
          g_assert_true (udha_lookup_is_valid (k, entries[i].code));
          g_assert_cmpint (udha_lookup_get_position (k, entries[i].code), ==, i);
        }

      g_assert_false (udha_lookup_is_valid (k, "no_such_code"));
      g_assert_false (udha_lookup_is_valid (k, NULL));
      g_assert_false (udha_lookup_is_valid (k, ""));
      g_assert_null (udha_lookup_get_label (k, "no_such_code"));
    }
}

static void
test_lookup_domain_lists (void)
{
  guint n;

  udha_lookup_list (UDHA_LOOKUP_CASE_TYPE, &n);
  g_assert_cmpuint (n, ==, 7);
  udha_lookup_list (UDHA_LOOKUP_CASE_STATUS, &n);
  g_assert_cmpuint (n, ==, 7);
  udha_lookup_list (UDHA_LOOKUP_CLOSURE_REASON, &n);
  g_assert_cmpuint (n, ==, 9);
  udha_lookup_list (UDHA_LOOKUP_SERVICE, &n);
  g_assert_cmpuint (n, ==, 22);
  udha_lookup_list (UDHA_LOOKUP_REFERRAL_STATUS, &n);
  g_assert_cmpuint (n, ==, 8);
  udha_lookup_list (UDHA_LOOKUP_VULNERABILITY, &n);
  g_assert_cmpuint (n, ==, 15);
  udha_lookup_list (UDHA_LOOKUP_QARK, &n);
  g_assert_cmpuint (n, ==, 12);
  udha_lookup_list (UDHA_LOOKUP_ROLE, &n);
  g_assert_cmpuint (n, ==, 3);
  udha_lookup_list (UDHA_LOOKUP_MIGRATION_STATUS, &n);
  g_assert_cmpuint (n, ==, 13);
  udha_lookup_list (UDHA_LOOKUP_CONSENT_PURPOSE, &n);
  g_assert_cmpuint (n, ==, 7);

  g_assert_true (udha_lookup_is_valid (UDHA_LOOKUP_CASE_TYPE, "ct"));
  g_assert_false (udha_lookup_is_valid (UDHA_LOOKUP_CASE_TYPE, "CT"));
  g_assert_cmpstr (udha_lookup_get_label (UDHA_LOOKUP_CASE_STATUS, "open"), ==, "Open");
  g_assert_cmpstr (udha_lookup_get_label (UDHA_LOOKUP_QARK, "al-06"), ==, "Korçë");
  g_assert_cmpstr (udha_lookup_find (UDHA_LOOKUP_QARK, "al-09")->extra, ==, "Qarku i Dibrës");
  g_assert_cmpstr (udha_lookup_find (UDHA_LOOKUP_SERVICE, "cash")->parent, ==, "material");
  g_assert_true (udha_lookup_has_flag (UDHA_LOOKUP_SERVICE, "cash", UDHA_LOOKUP_FLAG_NEEDS_APPROVAL));
  g_assert_true (udha_lookup_has_flag (UDHA_LOOKUP_SERVICE, "travel", UDHA_LOOKUP_FLAG_NEEDS_APPROVAL));
  g_assert_false (udha_lookup_has_flag (UDHA_LOOKUP_SERVICE, "legal", UDHA_LOOKUP_FLAG_NEEDS_APPROVAL));
  g_assert_true (udha_lookup_has_flag (UDHA_LOOKUP_CLOSURE_REASON, "other", UDHA_LOOKUP_FLAG_NEEDS_NOTE));
  g_assert_true (udha_lookup_has_flag (UDHA_LOOKUP_VULNERABILITY, "minor", UDHA_LOOKUP_FLAG_DERIVED));
  g_assert_cmpint (udha_lookup_get_position (UDHA_LOOKUP_CASE_STATUS, "open"), <,
                   udha_lookup_get_position (UDHA_LOOKUP_CASE_STATUS, "closed"));
}

static void
test_lookup_service_categories (void)
{
  guint n;
  const UdhaLookupEntry *services = udha_lookup_list (UDHA_LOOKUP_SERVICE, &n);

  for (guint i = 0; i < n; i++)
    g_assert_true (udha_lookup_is_valid (UDHA_LOOKUP_SERVICE_CATEGORY, services[i].parent));
}

static void
test_lookup_check (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (udha_lookup_check (UDHA_LOOKUP_CASE_TYPE, "avrr", "--type", &error));
  g_assert_no_error (error);

  g_assert_false (udha_lookup_check (UDHA_LOOKUP_CASE_TYPE, "trafficking", "--type", &error));
  g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "--type"));
  g_assert_nonnull (strstr (error->message, "trafficking"));
  g_assert_nonnull (strstr (error->message, "avrr, ct, protection, uasc, family, labour, other"));
  g_clear_error (&error);

  /* NULL field name: the kind's title */
  g_assert_false (udha_lookup_check (UDHA_LOOKUP_SEX, NULL, NULL, &error));
  g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Sex"));
  g_clear_error (&error);

  /* A long value is shortened */
  g_assert_false (udha_lookup_check (UDHA_LOOKUP_SEX, "a very long value that someone pasted into the field by mistake", "--sex", &error));
  g_assert_null (strstr (error->message, "by mistake"));
  g_clear_error (&error);

  g_assert_false (udha_lookup_check_with_note (UDHA_LOOKUP_CLOSURE_REASON, "other", "  ", NULL, &error));
  g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_REASON_REQUIRED);
  g_clear_error (&error);
  g_assert_true (udha_case_closure_check ("other", "Moved in with relatives", &error));
  g_assert_true (udha_case_closure_check ("returned", NULL, &error));
  g_assert_false (udha_case_closure_check ("gone", NULL, &error));
  g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID);
}

/* Every (from, to, role) of the referral workflow against DOMAIN.md §6.3 */
typedef struct
{
  const char *from;
  const char *to;
  gboolean    supervisor_only;
  gboolean    reason;
} Expected;

static const Expected referral_expected[] = {
  { NULL, "draft", FALSE, FALSE },
  { "draft", "sent", FALSE, FALSE },
  { "draft", NULL, FALSE, FALSE },
  { "sent", "acknowledged", FALSE, FALSE },
  { "sent", "accepted", FALSE, FALSE },
  { "acknowledged", "accepted", FALSE, FALSE },
  { "sent", "declined", FALSE, TRUE },
  { "acknowledged", "declined", FALSE, TRUE },
  { "accepted", "in_service", FALSE, FALSE },
  { "accepted", "completed", FALSE, FALSE },
  { "in_service", "completed", FALSE, FALSE },
  { "draft", "cancelled", FALSE, TRUE },
  { "sent", "cancelled", FALSE, TRUE },
  { "acknowledged", "cancelled", FALSE, TRUE },
  { "accepted", "cancelled", FALSE, TRUE },
  { "in_service", "cancelled", FALSE, TRUE },
  { "declined", "sent", TRUE, TRUE },
  { "declined", "acknowledged", TRUE, TRUE },
  { "completed", "accepted", TRUE, TRUE },
  { "completed", "in_service", TRUE, TRUE },
  { "cancelled", "draft", TRUE, TRUE },
  { "cancelled", "sent", TRUE, TRUE },
  { "cancelled", "acknowledged", TRUE, TRUE },
  { "cancelled", "accepted", TRUE, TRUE },
  { "cancelled", "in_service", TRUE, TRUE },
};

static const Expected case_expected[] = {
  { NULL, "open", FALSE, FALSE },
  { "open", "follow_up", FALSE, FALSE },
  { "follow_up", "open", FALSE, FALSE },
  { "open", "inactive", FALSE, FALSE },
  { "follow_up", "inactive", FALSE, FALSE },
  { "inactive", "open", FALSE, FALSE },
  { "open", "closure_requested", FALSE, FALSE },
  { "follow_up", "closure_requested", FALSE, FALSE },
  { "inactive", "closure_requested", FALSE, FALSE },
  { "closure_requested", "closed", TRUE, FALSE },
  { "closure_requested", "open", TRUE, TRUE },
  { "closure_requested", "follow_up", TRUE, TRUE },
  { "closure_requested", "inactive", TRUE, TRUE },
  { "closed", "open", TRUE, TRUE },
  { "open", "transferred", TRUE, FALSE },
  { "follow_up", "transferred", TRUE, FALSE },
  { "open", "duplicate", TRUE, FALSE },
  { "follow_up", "duplicate", TRUE, FALSE },
  { "inactive", "duplicate", TRUE, FALSE },
  { "closure_requested", "duplicate", TRUE, FALSE },
  { "closed", "duplicate", TRUE, FALSE },
  { "transferred", "duplicate", TRUE, FALSE },
};

typedef gboolean (*CheckFunc) (const char *, const char *, const char *, const char *, GError **);

static const Expected *
find_expected (const Expected *table,
               guint           n,
               const char     *from,
               const char     *to)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (table[i].from, from) == 0 && g_strcmp0 (table[i].to, to) == 0)
      return &table[i];
  return NULL;
}

static void
check_matrix (UdhaLookupKind  kind,
              CheckFunc       check,
              const Expected *expected,
              guint           n_expected,
              gboolean        allow_delete,
              guint           table_rows)
{
  guint n_status;
  const UdhaLookupEntry *statuses = udha_lookup_list (kind, &n_status);
  guint allowed = 0;

  /* from: (new) + every status; to: every status (+ deletion) */
  for (guint f = 0; f <= n_status; f++)
    for (guint t = 0; t <= n_status; t++)
      {
        const char *from = f == 0 ? NULL : statuses[f - 1].code;
        const char *to = t == n_status ? NULL : statuses[t].code;
        const Expected *e = find_expected (expected, n_expected, from, to);

        if (to == NULL && !allow_delete && e == NULL)
          continue;

        for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
          {
            g_autoptr(GError) error = NULL;
            gboolean ok = check (from, to, roles[r], "a reason", &error);
            gboolean may = e != NULL && strcmp (roles[r], UDHA_ROLE_ADMIN) != 0 &&
                           (!e->supervisor_only || strcmp (roles[r], UDHA_ROLE_SUPERVISOR) == 0);

            if (may)
              {
                g_assert_no_error (error);
                g_assert_true (ok);
                allowed++;

                /* The same without a reason */
                ok = check (from, to, roles[r], NULL, &error);
                if (e->reason)
                  {
                    g_assert_false (ok);
                    g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_REASON_REQUIRED);
                  }
                else
                  {
                    g_assert_no_error (error);
                    g_assert_true (ok);
                  }
              }
            else if (e == NULL)
              {
                g_assert_false (ok);
                g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_TRANSITION);
              }
            else
              {
                g_assert_false (ok);
                g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_NOT_PERMITTED);
              }
          }
      }

  /* Every expected row is in the table and nothing else */
  g_assert_cmpuint (table_rows, ==, n_expected);
  g_assert_cmpuint (allowed, >, 0);
}

static void
test_referral_transitions (void)
{
  guint n;
  const UdhaTransition *rows = udha_referral_transitions (&n);

  check_matrix (UDHA_LOOKUP_REFERRAL_STATUS, udha_referral_transition_check,
                referral_expected, G_N_ELEMENTS (referral_expected), TRUE, n);

  for (guint i = 0; i < n; i++)
    {
      g_assert_true (rows[i].from == NULL || udha_lookup_is_valid (UDHA_LOOKUP_REFERRAL_STATUS, rows[i].from));
      g_assert_true (rows[i].to == NULL || udha_lookup_is_valid (UDHA_LOOKUP_REFERRAL_STATUS, rows[i].to));
    }

  g_assert_true (udha_referral_transition_find ("accepted", "completed")->requires & UDHA_TRANSITION_REQUIRES_OUTCOME);
  g_assert_true (udha_referral_transition_find ("draft", "sent")->requires & UDHA_TRANSITION_REQUIRES_CONSENT);
  g_assert_true (udha_referral_transition_find ("cancelled", "sent")->requires & UDHA_TRANSITION_REOPEN);
}

static void
test_referral_messages (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (udha_referral_transition_check ("completed", "sent", UDHA_ROLE_CASEWORKER, NULL, &error));
  g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_TRANSITION);
  g_assert_cmpstr (error->message, ==, "A referral cannot go from “Completed” to “Sent”.");
  g_clear_error (&error);

  g_assert_false (udha_referral_transition_check ("sent", "declined", UDHA_ROLE_CASEWORKER, "", &error));
  g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_REASON_REQUIRED);
  g_clear_error (&error);

  g_assert_false (udha_referral_transition_check ("sent", "shipped", UDHA_ROLE_CASEWORKER, NULL, &error));
  g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "shipped"));
  g_clear_error (&error);

  g_assert_false (udha_referral_transition_check ("draft", "sent", "intern", NULL, &error));
  g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (udha_referral_transition_check ("draft", "sent", UDHA_ROLE_ADMIN, NULL, &error));
  g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_NOT_PERMITTED);
}

static void
test_referral_consent (void)
{
  g_assert_true (udha_referral_status_needs_consent ("sent"));
  g_assert_true (udha_referral_status_needs_consent ("in_service"));
  g_assert_false (udha_referral_status_needs_consent ("draft"));
  g_assert_false (udha_referral_status_needs_consent ("completed"));
  g_assert_false (udha_referral_status_needs_consent (NULL));

  g_assert_true (udha_referral_transition_needs_consent ("draft", "sent"));
  g_assert_true (udha_referral_transition_needs_consent ("cancelled", "accepted"));
  g_assert_false (udha_referral_transition_needs_consent ("sent", "accepted"));
  g_assert_false (udha_referral_transition_needs_consent ("accepted", "completed"));
  g_assert_false (udha_referral_transition_needs_consent (NULL, "draft"));

  g_assert_true (udha_referral_status_is_terminal ("declined"));
  g_assert_true (udha_referral_status_is_terminal ("completed"));
  g_assert_true (udha_referral_status_is_terminal ("cancelled"));
  g_assert_false (udha_referral_status_is_terminal ("in_service"));
}

static void
test_case_transitions (void)
{
  guint n;
  g_autoptr(GError) error = NULL;

  udha_case_transitions (&n);
  check_matrix (UDHA_LOOKUP_CASE_STATUS, udha_case_transition_check,
                case_expected, G_N_ELEMENTS (case_expected), FALSE, n);

  g_assert_false (udha_case_transition_check ("closed", "follow_up", UDHA_ROLE_SUPERVISOR, "x", &error));
  g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_TRANSITION);
  g_assert_cmpstr (error->message, ==, "A case cannot go from “Closed” to “Follow-up”.");
  g_clear_error (&error);

  g_assert_false (udha_case_transition_check ("closure_requested", "closed", UDHA_ROLE_CASEWORKER, NULL, &error));
  g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_NOT_PERMITTED);
  g_clear_error (&error);

  g_assert_false (udha_case_transition_check ("closed", "open", UDHA_ROLE_SUPERVISOR, NULL, &error));
  g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_REASON_REQUIRED);
  g_clear_error (&error);

  g_assert_true (udha_case_transition_find ("open", "closure_requested")->requires &
                 UDHA_TRANSITION_REQUIRES_CLOSURE_REASON);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/udha/model/lookup/codes", test_lookup_codes);
  g_test_add_func ("/udha/model/lookup/domain-lists", test_lookup_domain_lists);
  g_test_add_func ("/udha/model/lookup/service-categories", test_lookup_service_categories);
  g_test_add_func ("/udha/model/lookup/check", test_lookup_check);
  g_test_add_func ("/udha/model/referral/transitions", test_referral_transitions);
  g_test_add_func ("/udha/model/referral/messages", test_referral_messages);
  g_test_add_func ("/udha/model/referral/consent", test_referral_consent);
  g_test_add_func ("/udha/model/case/transitions", test_case_transitions);

  return g_test_run ();
}
