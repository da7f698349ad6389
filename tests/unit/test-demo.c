/* test-demo.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The demo-data generator (udha-demo.h) and the store's bulk path
 * (udha-store-bulk.h): 2,000 cases from a seed. */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "udha-core.h"
#include "udha-demo.h"
#include "udha-iso-codes.h"
#include "udha-lookup.h"
#include "udha-session.h"
#include "udha-vault.h"

#define ADMIN       "demo.admin"
#define ADMIN_PASS  "administrator passphrase"
#define USERS_PASS  "demo users passphrase"
#define N_CASES     2000
#define SEED        4242

typedef struct
{
  char           *dir;
  char           *path;
  UdhaVault      *vault;
  UdhaStore      *store;
  UdhaSession    *session;
  UdhaDemoResult *result;
} Demo;

static Demo *shared;

static void
demo_sign_out (Demo *d)
{
  if (d->session != NULL)
    udha_session_close (d->session, NULL);
  g_clear_object (&d->session);
  g_clear_object (&d->store);
  if (d->vault != NULL)
    udha_vault_lock (d->vault);
  g_clear_object (&d->vault);
}

static void
demo_sign_in (Demo       *d,
              const char *user,
              const char *passphrase)
{
  g_autoptr(GError) error = NULL;

  d->vault = udha_vault_unlock (d->path, user, passphrase, &error);
  g_assert_no_error (error);
  d->store = udha_store_new (d->vault, &error);
  g_assert_no_error (error);
  d->session = udha_session_new (d->vault, d->store, &error);
  g_assert_no_error (error);
}

static Demo *
demo_new (guint64 seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaVaultSecret) recovery = NULL;
  UdhaDemoOptions options = { N_CASES, seed, USERS_PASS, NULL };
  Demo *d = g_new0 (Demo, 1);

  d->dir = g_dir_make_tmp ("udha-demo-XXXXXX", &error);
  g_assert_no_error (error);
  d->path = g_build_filename (d->dir, "cases.udb", NULL);
  d->vault = udha_vault_create (d->path, ADMIN, ADMIN_PASS, UDHA_VAULT_KDF_TEST_MIN, &recovery, &error);
  g_assert_no_error (error);
  d->store = udha_store_new (d->vault, &error);
  g_assert_no_error (error);
  d->session = udha_session_new (d->vault, d->store, &error);
  g_assert_no_error (error);

  d->result = udha_demo_generate (d->session, d->store, ADMIN_PASS, &options, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (d->result);
  return d;
}

static void
demo_free (Demo *d)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  demo_sign_out (d);
  udha_demo_result_free (d->result);
  dir = g_dir_open (d->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (d->dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (d->dir);
  g_free (d->dir);
  g_free (d->path);
  g_free (d);
}

static gint64
query_int (UdhaStore  *store,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = udha_store_prepare (store, sql, &error);
  gint64 v;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return v;
}

static GStrv
query_strings (UdhaStore  *store,
               const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt = udha_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
      g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return g_strv_builder_end (builder);
}

/* Tests */

static void
test_demo_counts (void)
{
  UdhaDemoResult *r = shared->result;

  g_assert_cmpuint (r->n_cases, ==, N_CASES);
  g_assert_cmpuint (r->n_persons, ==, N_CASES);
  g_assert_cmpuint (r->n_offices, ==, 2);
  g_assert_cmpuint (r->users->len, ==, 5);
  g_assert_cmpuint (r->n_interviews, >=, N_CASES);
  g_assert_cmpuint (r->n_services, >, N_CASES / 2);
  g_assert_cmpuint (r->n_referrals, >, N_CASES / 4);
  g_assert_cmpuint (r->n_overdue_referrals, >, 0);

  g_assert_cmpint (query_int (shared->store, "SELECT count(*) FROM cases;"), ==, N_CASES);
  g_assert_cmpint (query_int (shared->store, "SELECT count(*) FROM persons;"), ==, N_CASES);
  g_assert_cmpint (query_int (shared->store, "SELECT count(*) FROM interviews;"), ==, r->n_interviews);
  g_assert_cmpint (query_int (shared->store, "SELECT count(*) FROM referrals;"), ==, r->n_referrals);
  g_assert_cmpint (query_int (shared->store, "SELECT count(*) FROM referral_transitions;"), ==,
                   r->n_referral_transitions);
  g_assert_cmpint (query_int (shared->store, "SELECT count(*) FROM search;"), ==, 2 * N_CASES);
  /* One audit entry for the generation, not one per record */
  g_assert_cmpint (query_int (shared->store, "SELECT count(*) FROM audit_log WHERE action = 'demo.generate';"), ==, 1);
  g_assert_cmpint (query_int (shared->store, "SELECT count(*) FROM audit_log;"), <, 40);
}

static void
test_demo_deterministic (void)
{
  Demo *again = demo_new (SEED);
  Demo *other = demo_new (SEED + 1);
  UdhaDemoResult *a = shared->result, *b = again->result;
  g_auto(GStrv) names_a = query_strings (shared->store, "SELECT given_name || ' ' || family_name FROM persons ORDER BY id LIMIT 50;");
  g_auto(GStrv) names_b = query_strings (again->store, "SELECT given_name || ' ' || family_name FROM persons ORDER BY id LIMIT 50;");
  g_auto(GStrv) names_c = query_strings (other->store, "SELECT given_name || ' ' || family_name FROM persons ORDER BY id LIMIT 50;");

  g_assert_cmpuint (a->n_cases, ==, b->n_cases);
  g_assert_cmpuint (a->n_consents, ==, b->n_consents);
  g_assert_cmpuint (a->n_interviews, ==, b->n_interviews);
  g_assert_cmpuint (a->n_services, ==, b->n_services);
  g_assert_cmpuint (a->n_referrals, ==, b->n_referrals);
  g_assert_cmpuint (a->n_referral_transitions, ==, b->n_referral_transitions);
  g_assert_cmpuint (a->n_overdue_referrals, ==, b->n_overdue_referrals);
  g_assert_cmpstrv (a->first_case_numbers, b->first_case_numbers);
  g_assert_cmpuint (g_strv_length (a->first_case_numbers), ==, 5);
  g_assert_cmpstrv (names_a, names_b);

  /* Another seed, other data */
  g_assert_false (g_strv_equal ((const char * const *) names_a, (const char * const *) names_c));

  demo_free (again);
  demo_free (other);
}

static void
assert_codes (UdhaLookupKind  kind,
              const char     *sql)
{
  g_auto(GStrv) codes = query_strings (shared->store, sql);

  g_assert_cmpuint (g_strv_length (codes), >, 0);
  for (guint i = 0; codes[i] != NULL; i++)
    {
      if (!udha_lookup_is_valid (kind, codes[i]))
        g_error ("%s: invalid code “%s” (%s)", udha_lookup_kind_get_name (kind), codes[i], sql);
    }
}

static void
test_demo_codes_valid (void)
{
  static const struct { UdhaLookupKind kind; const char *sql; } checks[] = {
    { UDHA_LOOKUP_CASE_TYPE, "SELECT DISTINCT case_type FROM cases;" },
    { UDHA_LOOKUP_CASE_TYPE, "SELECT DISTINCT code FROM case_tags;" },
    { UDHA_LOOKUP_CASE_STATUS, "SELECT DISTINCT status FROM cases;" },
    { UDHA_LOOKUP_CASE_STATUS, "SELECT DISTINCT previous_status FROM cases;" },
    { UDHA_LOOKUP_CLOSURE_REASON, "SELECT DISTINCT closure_reason FROM cases;" },
    { UDHA_LOOKUP_RISK_LEVEL, "SELECT DISTINCT risk FROM cases;" },
    { UDHA_LOOKUP_CASE_FLAG, "SELECT DISTINCT code FROM case_flags;" },
    { UDHA_LOOKUP_SEX, "SELECT DISTINCT sex FROM persons;" },
    { UDHA_LOOKUP_AGE_BASIS, "SELECT DISTINCT age_basis FROM persons;" },
    { UDHA_LOOKUP_MARITAL_STATUS, "SELECT DISTINCT marital_status FROM persons;" },
    { UDHA_LOOKUP_EDUCATION, "SELECT DISTINCT education FROM persons;" },
    { UDHA_LOOKUP_MIGRATION_STATUS, "SELECT DISTINCT migration_status FROM persons;" },
    { UDHA_LOOKUP_PRESCREENING, "SELECT DISTINCT prescreening FROM persons;" },
    { UDHA_LOOKUP_TRAVELLING_WITH, "SELECT DISTINCT travelling_with FROM persons;" },
    { UDHA_LOOKUP_CHILD_STATUS, "SELECT DISTINCT child_status FROM persons;" },
    { UDHA_LOOKUP_QARK, "SELECT DISTINCT qark FROM persons;" },
    { UDHA_LOOKUP_DOCUMENT_TYPE, "SELECT DISTINCT doc_type FROM person_documents;" },
    { UDHA_LOOKUP_VULNERABILITY, "SELECT DISTINCT code FROM person_vulnerabilities;" },
    { UDHA_LOOKUP_RISK_LEVEL, "SELECT DISTINCT risk FROM person_vulnerabilities;" },
    { UDHA_LOOKUP_NAME_SCRIPT, "SELECT DISTINCT script FROM person_names;" },
    { UDHA_LOOKUP_RELATIONSHIP, "SELECT DISTINCT relationship FROM household_links;" },
    { UDHA_LOOKUP_WHEREABOUTS, "SELECT DISTINCT whereabouts FROM household_links;" },
    { UDHA_LOOKUP_CONSENT_PURPOSE, "SELECT DISTINCT purpose FROM consents;" },
    { UDHA_LOOKUP_LEGAL_BASIS, "SELECT DISTINCT legal_basis FROM consents;" },
    { UDHA_LOOKUP_CONSENT_GIVEN_BY, "SELECT DISTINCT given_by FROM consents;" },
    { UDHA_LOOKUP_CONSENT_METHOD, "SELECT DISTINCT how_given FROM consents;" },
    { UDHA_LOOKUP_CONTACT_TYPE, "SELECT DISTINCT contact_type FROM interviews;" },
    { UDHA_LOOKUP_CONTACT_LOCATION, "SELECT DISTINCT location FROM interviews;" },
    { UDHA_LOOKUP_INTERPRETER, "SELECT DISTINCT interpreter FROM interviews;" },
    { UDHA_LOOKUP_CONSENT_RECONFIRMED, "SELECT DISTINCT consent_reconfirmed FROM interviews;" },
    { UDHA_LOOKUP_RISK_LEVEL, "SELECT DISTINCT risk_after FROM interviews;" },
    { UDHA_LOOKUP_QARK, "SELECT DISTINCT qark FROM interviews;" },
    { UDHA_LOOKUP_SERVICE, "SELECT DISTINCT service_code FROM services;" },
    { UDHA_LOOKUP_SERVICE_DELIVERY, "SELECT DISTINCT delivery FROM services;" },
    { UDHA_LOOKUP_SERVICE_STATUS, "SELECT DISTINCT status FROM services;" },
    { UDHA_LOOKUP_SERVICE, "SELECT DISTINCT service_code FROM referrals;" },
    { UDHA_LOOKUP_REFERRAL_STATUS, "SELECT DISTINCT status FROM referrals;" },
    { UDHA_LOOKUP_REFERRAL_URGENCY, "SELECT DISTINCT urgency FROM referrals;" },
    { UDHA_LOOKUP_REFERRAL_REASON, "SELECT DISTINCT reason FROM referrals;" },
    { UDHA_LOOKUP_REFERRAL_SEND_METHOD, "SELECT DISTINCT sent_via FROM referrals;" },
    { UDHA_LOOKUP_REFERRAL_OUTCOME, "SELECT DISTINCT outcome FROM referrals;" },
    { UDHA_LOOKUP_LEGAL_BASIS, "SELECT DISTINCT override_basis FROM referrals;" },
    { UDHA_LOOKUP_ORGANISATION_TYPE, "SELECT DISTINCT org_type FROM organisations;" },
    { UDHA_LOOKUP_SERVICE, "SELECT DISTINCT code FROM organisation_services;" },
    { UDHA_LOOKUP_ROLE, "SELECT DISTINCT role FROM users;" },
  };
  g_auto(GStrv) citizenships = query_strings (shared->store, "SELECT DISTINCT code FROM person_citizenships;");
  g_auto(GStrv) countries = query_strings (shared->store,
                                           "SELECT birth_country FROM persons UNION SELECT issuing_country FROM person_documents "
                                           "UNION SELECT entry_from_country FROM persons;");
  g_auto(GStrv) languages = query_strings (shared->store,
                                           "SELECT code FROM person_languages UNION SELECT language FROM interviews;");

  for (gsize i = 0; i < G_N_ELEMENTS (checks); i++)
    assert_codes (checks[i].kind, checks[i].sql);

  for (guint i = 0; citizenships[i] != NULL; i++)
    if (!udha_iso_citizenship_is_valid (citizenships[i]))
      g_error ("invalid citizenship %s", citizenships[i]);
  for (guint i = 0; countries[i] != NULL; i++)
    if (!udha_iso_country_is_valid (countries[i]))
      g_error ("invalid country %s", countries[i]);
  for (guint i = 0; languages[i] != NULL; i++)
    if (!udha_iso_language_is_valid (languages[i]))
      g_error ("invalid language %s", languages[i]);

  /* Every transition recorded is an allowed one */
  {
    g_auto(GStrv) pairs = query_strings (shared->store,
                                         "SELECT DISTINCT coalesce (from_status, '') || '>' || to_status "
                                         "FROM referral_transitions;");

    for (guint i = 0; pairs[i] != NULL; i++)
      {
        g_auto(GStrv) ft = g_strsplit (pairs[i], ">", 2);

        if (udha_referral_transition_find (*ft[0] != '\0' ? ft[0] : NULL, ft[1]) == NULL)
          g_error ("referral transition %s is not allowed", pairs[i]);
      }
  }

  /* Edge cases of DOMAIN.md §13 */
  g_assert_cmpint (query_int (shared->store, "SELECT count(*) FROM persons WHERE estimated_age IS NOT NULL;"), >, 0);
  g_assert_cmpint (query_int (shared->store, "SELECT count(*) FROM persons WHERE dob_precision = 'year';"), >, 0);
  g_assert_cmpint (query_int (shared->store, "SELECT count(*) FROM person_citizenships WHERE code = 'stateless';"), >, 0);
  g_assert_cmpint (query_int (shared->store, "SELECT count(*) FROM person_names WHERE script = 'arab';"), >, 0);
  g_assert_cmpint (query_int (shared->store, "SELECT count(*) FROM persons WHERE child_status = 'unaccompanied';"), >, 0);
  g_assert_cmpint (query_int (shared->store, "SELECT count(*) FROM cases WHERE case_type = 'uasc';"), >, 0);
  g_assert_cmpint (query_int (shared->store, "SELECT count(DISTINCT case_type) FROM cases;"), ==, 7);
  g_assert_cmpint (query_int (shared->store, "SELECT count(*) FROM persons WHERE sex = 'female';"), >, N_CASES / 10);
  g_assert_cmpint (query_int (shared->store, "SELECT count(*) FROM interviews WHERE narrative LIKE '%ë%';"), >, 0);
  g_assert_cmpint (query_int (shared->store, "SELECT count(*) FROM interviews WHERE narrative LIKE '%the%';"), >, 0);
  g_assert_cmpint (query_int (shared->store, "SELECT count(*) FROM cases WHERE status = 'closed' "
                                             "AND (closed_on IS NULL OR closure_reason IS NULL);"), ==, 0);
}

static void
test_demo_referrals (void)
{
  guint n;
  const UdhaLookupEntry *statuses = udha_lookup_list (UDHA_LOOKUP_REFERRAL_STATUS, &n);
  g_autofree char *today = udha_session_today (shared->session);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM referrals WHERE status = '%s';", statuses[i].code);

      if (query_int (shared->store, sql) == 0)
        g_error ("no referral with status %s", statuses[i].code);
    }

  stmt = udha_store_prepare (shared->store,
                             "SELECT count(*) FROM referrals WHERE follow_up_due < ?1 "
                             "AND status NOT IN ('draft', 'declined', 'completed', 'cancelled');", &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, today, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), >, 0);
  sqlite3_reset (stmt);

  /* Sent referrals passed the consent gate, or a supervisor overrode it */
  g_assert_cmpint (query_int (shared->store, "SELECT count(*) FROM referrals WHERE status <> 'draft' "
                                             "AND consent_id IS NULL AND override_by IS NULL;"), ==, 0);
  g_assert_cmpint (query_int (shared->store, "SELECT count(*) FROM referrals WHERE status <> 'draft' "
                                             "AND follow_up_due IS NULL;"), ==, 0);
}

static void
test_demo_users_and_offices (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) offices = udha_session_list_offices (shared->session, &error);
  guint n_caseworkers = 0, n_supervisors = 0, n_admins = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (offices->len, ==, 2);

  for (guint i = 0; i < shared->result->users->len; i++)
    {
      UdhaDemoUser *u = g_ptr_array_index (shared->result->users, i);

      if (g_str_equal (u->role, UDHA_ROLE_CASEWORKER))
        n_caseworkers++;
      else if (g_str_equal (u->role, UDHA_ROLE_SUPERVISOR))
        n_supervisors++;
      else if (g_str_equal (u->role, UDHA_ROLE_ADMIN))
        n_admins++;
    }
  g_assert_cmpuint (n_caseworkers, ==, 3);
  g_assert_cmpuint (n_supervisors, ==, 1);
  g_assert_cmpuint (n_admins, ==, 1);
  g_assert_cmpint (query_int (shared->store, "SELECT count(DISTINCT office_id) FROM cases;"), ==, 2);
  g_assert_cmpint (query_int (shared->store, "SELECT count(DISTINCT assigned_user_id) FROM cases;"), ==, 3);
  g_assert_cmpint (query_int (shared->store, "SELECT count(*) FROM cases WHERE assigned_user_id IS NULL;"), >, 0);

  /* Every demo user unlocks with the passphrase given, not a one-time one */
  for (guint i = 0; i < shared->result->users->len; i++)
    {
      UdhaDemoUser *u = g_ptr_array_index (shared->result->users, i);
      g_autoptr(UdhaVault) vault = NULL;

      if (g_str_equal (u->role, UDHA_ROLE_ADMIN))
        continue;
      /* Another handle on the same vault, like a second unlock */
      vault = udha_vault_unlock (shared->path, u->user_name, USERS_PASS, &error);
      g_assert_no_error (error);
      g_assert_false (udha_vault_get_must_change_passphrase (vault));
      udha_vault_lock (vault);
    }
}

static void
test_demo_caseworker_scope (void)
{
  g_autoptr(GError) error = NULL;
  Demo cw = { NULL, shared->path, NULL, NULL, NULL, NULL };
  gint64 me, office, after = 0;
  guint seen = 0, mine = 0, intake = 0;

  demo_sign_out (shared);
  demo_sign_in (&cw, "demo.arta", USERS_PASS);
  me = udha_session_get_user_id (cw.session);
  office = udha_session_get_office_id (cw.session);

  for (;;)
    {
      g_autoptr(GPtrArray) cases = udha_session_list_cases (cw.session, UDHA_CASE_LIST_ALL, NULL, after, 100, &error);

      g_assert_no_error (error);
      if (cases->len == 0)
        break;
      for (guint i = 0; i < cases->len; i++)
        {
          UdhaCase *c = g_ptr_array_index (cases, i);

          g_assert_cmpint (udha_case_get_office_id (c), ==, office);
          if (udha_case_get_assigned_user_id (c) == me)
            mine++;
          else
            {
              g_assert_cmpint (udha_case_get_assigned_user_id (c), ==, 0);
              intake++;
            }
          seen++;
          after = udha_case_get_id (c);
        }
    }
  g_assert_cmpuint (mine, >, 0);
  g_assert_cmpuint (intake, >, 0);
  g_assert_cmpint (seen, ==, query_int (cw.store, "SELECT count(*) FROM cases WHERE assigned_user_id = "
                                                  "(SELECT id FROM users WHERE user_name = 'demo.arta') OR "
                                                  "(assigned_user_id IS NULL AND office_id = "
                                                  "(SELECT office_id FROM users WHERE user_name = 'demo.arta'));"));
  g_assert_cmpuint (seen, <, N_CASES / 2);

  /* Search results stay in scope too */
  {
    g_autoptr(GArray) hits = udha_session_search (cw.session, "Mohamed", 200, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < hits->len; i++)
      {
        UdhaSearchHit *hit = &g_array_index (hits, UdhaSearchHit, i);
        UdhaStoreScope scope = { office, me };

        g_assert_true (udha_store_person_in_scope (cw.store, hit->person_id, &scope, NULL));
      }
  }

  demo_sign_out (&cw);
  demo_sign_in (shared, ADMIN, ADMIN_PASS);
}

static gboolean
hits_have_given (UdhaStore  *store,
                 GArray     *hits,
                 const char *given)
{
  for (guint i = 0; i < hits->len; i++)
    {
      g_autoptr(UdhaPerson) p = udha_store_get_person (store, g_array_index (hits, UdhaSearchHit, i).person_id, NULL);

      if (p != NULL && g_str_equal (udha_person_get_given_name (p), given))
        return TRUE;
    }
  return FALSE;
}

static void
test_demo_search_variants (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) hits = NULL;
  g_autoptr(GArray) cela = NULL;
  Demo sv = { NULL, shared->path, NULL, NULL, NULL, NULL };

  demo_sign_out (shared);
  demo_sign_in (&sv, "demo.mira", USERS_PASS);

  /* Muhammad finds Mohamed and Mohammed: one phonetic key */
  hits = udha_session_search (sv.session, "Muhammad", 500, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, >, 10);
  g_assert_true (hits_have_given (sv.store, hits, "Mohamed"));
  g_assert_true (hits_have_given (sv.store, hits, "Mohammed"));
  g_assert_true (hits_have_given (sv.store, hits, "Muhammad"));

  /* Cela finds Çela (Albanian returnees) */
  cela = udha_session_search (sv.session, "Cela", 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cela->len, >, 0);

  demo_sign_out (&sv);
  demo_sign_in (shared, ADMIN, ADMIN_PASS);
}

/* The bulk path writes the same search row as the store's own indexing. */
static void
test_demo_index_matches_store (void)
{
  g_autoptr(GError) error = NULL;
  static const char sql[] = "SELECT names || '|' || phonetic || '|' || docs || '|' || phones || '|' || numbers "
                            "FROM search WHERE rowid = 2 * ?1;";
  static const char derived[] = "SELECT given_folded || '|' || family_folded || '|' || name_phonetic || '|' || "
                                "coalesce (phone_digits, '-') || '|' || coalesce (dob_year, '-') FROM persons WHERE id = ?1;";
  /* People with aliases, documents and phones */
  g_auto(GStrv) ids = query_strings (shared->store,
                                     "SELECT DISTINCT p.id FROM persons p JOIN person_names n ON n.person_id = p.id "
                                     "JOIN person_documents d ON d.person_id = p.id WHERE p.phone IS NOT NULL LIMIT 20;");

  g_assert_cmpuint (g_strv_length (ids), >, 0);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      gint64 id = g_ascii_strtoll (ids[i], NULL, 10);
      g_autofree char *before = NULL, *after = NULL, *derived_before = NULL, *derived_after = NULL;
      g_autoptr(UdhaPerson) person = NULL;
      sqlite3_stmt *stmt;

      for (int pass = 0; pass < 2; pass++)
        {
          stmt = udha_store_prepare (shared->store, sql, &error);
          g_assert_no_error (error);
          sqlite3_bind_int64 (stmt, 1, id);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
          *(pass == 0 ? &before : &after) = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          sqlite3_reset (stmt);

          stmt = udha_store_prepare (shared->store, derived, &error);
          g_assert_no_error (error);
          sqlite3_bind_int64 (stmt, 1, id);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
          *(pass == 0 ? &derived_before : &derived_after) = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          sqlite3_reset (stmt);

          if (pass == 0)
            {
              /* Save the person unchanged: the store re-indexes it. */
              person = udha_store_get_person (shared->store, id, &error);
              g_assert_no_error (error);
              g_assert_true (udha_store_update_person (shared->store, person, NULL, &error));
              g_assert_no_error (error);
            }
        }
      g_assert_cmpstr (before, ==, after);
      g_assert_cmpstr (derived_before, ==, derived_after);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  if (!udha_core_init (&error))
    g_error ("%s", error->message);

  shared = demo_new (SEED);

  g_test_add_func ("/Demo/counts", test_demo_counts);
  g_test_add_func ("/Demo/deterministic", test_demo_deterministic);
  g_test_add_func ("/Demo/codes-valid", test_demo_codes_valid);
  g_test_add_func ("/Demo/referrals", test_demo_referrals);
  g_test_add_func ("/Demo/users-and-offices", test_demo_users_and_offices);
  g_test_add_func ("/Demo/caseworker-scope", test_demo_caseworker_scope);
  g_test_add_func ("/Demo/search-variants", test_demo_search_variants);
  g_test_add_func ("/Demo/index-matches-store", test_demo_index_matches_store);

  ret = g_test_run ();
  demo_free (shared);
  return ret;
}
