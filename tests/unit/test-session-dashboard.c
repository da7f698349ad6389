/* test-session-dashboard.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The supervisor dashboard's figures on a small, known dataset: office TIR
 * with caseworkers ana and ben and supervisor sara; office DUR with
 * supervisor dino. Cases are opened through the session; statuses, dates,
 * contacts, services and referrals are then written directly, so that
 * every figure has one known answer. A caseworker is refused. */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sodium.h>
#include <string.h>

#include "udha-core.h"
#include "udha-session.h"
#include "udha-session-dashboard.h"
#include "udha-case-list-model.h"
#include "udha-store-private.h"

#define ADMIN       "admin"
#define ADMIN_PASS  "lule bore në mars"
#define OTP         "one time pass 123"
#define PASS        "rruga e gjatë 42"

typedef struct
{
  UdhaVault   *vault;
  UdhaStore   *store;
  UdhaSession *session;
} Actor;

typedef struct
{
  char   *dir;
  char   *path;
  gint64  tir;
  gint64  dur;
  gint64  org;
  gint64  ana;
  gint64  ben;
  gint64  cases[8];
} Fixture;

static void
actor_clear (Actor *a)
{
  if (a->session != NULL)
    g_assert_true (udha_session_close (a->session, NULL));
  g_clear_object (&a->session);
  g_clear_object (&a->store);
  if (a->vault != NULL)
    udha_vault_lock (a->vault);
  g_clear_object (&a->vault);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Actor, actor_clear)

static void
sign_in (Fixture    *f,
         Actor      *a,
         const char *user,
         const char *pass)
{
  g_autoptr(GError) error = NULL;

  a->vault = udha_vault_unlock (f->path, user, pass, &error);
  g_assert_no_error (error);
  a->store = udha_store_new (a->vault, &error);
  g_assert_no_error (error);
  a->session = udha_session_new (a->vault, a->store, &error);
  g_assert_no_error (error);
}

static gint64
add_user (UdhaSession *admin,
          const char  *name,
          const char  *role,
          gint64       office)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaUser) user = udha_session_add_user (admin, ADMIN_PASS, name, OTP, role, office, NULL, &error);

  g_assert_no_error (error);
  return udha_user_get_id (user);
}

static void
first_sign_in (Fixture    *f,
               const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaVault) vault = udha_vault_unlock (f->path, name, OTP, &error);

  g_assert_no_error (error);
  g_assert_true (udha_vault_change_passphrase (vault, OTP, PASS, &error));
  g_assert_no_error (error);
  udha_vault_lock (vault);
}

static gint64
open_case (UdhaSession *s,
           const char  *given,
           const char  *case_type,
           const char  *assign_to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaPerson) p = udha_person_new ();
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(UdhaCase) c = NULL;
  const char *citizenships[] = { "SY", NULL };

  udha_person_set_given_name (p, given);
  udha_person_set_family_name (p, "Provë");
  udha_person_set_sex (p, "female");
  udha_person_set_dob (p, "1991-04-02");
  udha_person_set_citizenships (p, citizenships);
  g_assert_true (udha_session_register_person (s, p, TRUE, &candidates, &error));
  g_assert_no_error (error);
  c = udha_session_open_case (s, udha_person_get_id (p), case_type, assign_to, &error);
  g_assert_no_error (error);
  return udha_case_get_id (c);
}

static char *
day (int offset)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, offset);

  return g_date_time_format (then, "%Y-%m-%d");
}

static void
sql (UdhaStore  *store,
     const char *format,
     ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_assert_true (_udha_store_exec (store, text, &error));
  g_assert_no_error (error);
}

/*  #  office  assigned  status             risk    last contact        referral follow-up
 *  0  TIR     ana       open               high    interview today     —
 *  1  TIR     ana       follow_up          low     interview 40 d ago  sent, due yesterday (overdue)
 *  2  TIR     ana       closure_requested  —       — (opened today)    —
 *  3  TIR     ben       closed             —       —                   —
 *  4  TIR     ben       open               medium  — (opened 60 d ago) sent, due tomorrow
 *  5  TIR     —         open               —       —                   —
 *  6  DUR     —         open               high    —                   sent, due yesterday
 * Services: case 0 "legal" completed today; case 4 "shelter" planned. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Actor) admin = { NULL, };
  g_auto(Actor) sara = { NULL, };
  g_auto(Actor) dino = { NULL, };
  g_autoptr(UdhaOffice) tir = NULL;
  g_autoptr(UdhaOffice) dur = NULL;
  g_autoptr(UdhaOrganisation) org = udha_organisation_new ();
  g_autoptr(UdhaOrganisation) saved = NULL;
  UdhaVaultSecret *recovery = NULL;
  UdhaVault *vault;
  const char *services[] = { "legal", NULL };
  g_autofree char *yesterday = day (-1);
  g_autofree char *tomorrow = day (1);
  g_autofree char *today = day (0);
  g_autofree char *ago40 = day (-40);
  g_autofree char *ago60 = day (-60);

  f->dir = g_dir_make_tmp ("udha-dashboard-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "cases.udb", NULL);
  vault = udha_vault_create (f->path, ADMIN, ADMIN_PASS, UDHA_VAULT_KDF_TEST_MIN, &recovery, &error);
  g_assert_no_error (error);
  udha_vault_secret_free (recovery);
  udha_vault_lock (vault);
  g_object_unref (vault);

  sign_in (f, &admin, ADMIN, ADMIN_PASS);
  tir = udha_session_add_office (admin.session, "TIR", "Tirana", &error);
  g_assert_no_error (error);
  dur = udha_session_add_office (admin.session, "DUR", "Durrës", &error);
  g_assert_no_error (error);
  f->tir = udha_office_get_id (tir);
  f->dur = udha_office_get_id (dur);
  f->ana = add_user (admin.session, "ana", "caseworker", f->tir);
  f->ben = add_user (admin.session, "ben", "caseworker", f->tir);
  add_user (admin.session, "sara", "supervisor", f->tir);
  add_user (admin.session, "dino", "supervisor", f->dur);
  udha_organisation_set_name (org, "Qendra Ligjore");
  udha_organisation_set_org_type (org, "ngo");
  udha_organisation_set_services (org, services);
  saved = udha_session_add_organisation (admin.session, org, &error);
  g_assert_no_error (error);
  f->org = udha_organisation_get_id (saved);
  actor_clear (&admin);
  first_sign_in (f, "ana");
  first_sign_in (f, "ben");
  first_sign_in (f, "sara");
  first_sign_in (f, "dino");

  sign_in (f, &sara, "sara", PASS);
  f->cases[0] = open_case (sara.session, "Aida", "protection", "ana");
  f->cases[1] = open_case (sara.session, "Besa", "protection", "ana");
  f->cases[2] = open_case (sara.session, "Cela", "avrr", "ana");
  f->cases[3] = open_case (sara.session, "Dora", "avrr", "ben");
  f->cases[4] = open_case (sara.session, "Eda", "ct", "ben");
  f->cases[5] = open_case (sara.session, "Fiona", "ct", NULL);
  sign_in (f, &dino, "dino", PASS);
  f->cases[6] = open_case (dino.session, "Gesa", "uasc", NULL);

  sql (sara.store, "UPDATE cases SET risk = 'high' WHERE id = %" G_GINT64_FORMAT ";"
                   "UPDATE cases SET status = 'follow_up', previous_status = 'open', risk = 'low' WHERE id = %" G_GINT64_FORMAT ";"
                   "UPDATE cases SET status = 'closure_requested', previous_status = 'open', closure_reason = 'objectives_met',"
                   "  closure_requested_by = %" G_GINT64_FORMAT ", closure_requested_at = '%sT09:00:00Z' WHERE id = %" G_GINT64_FORMAT ";"
                   "UPDATE cases SET status = 'closed', closed_on = '%s', closure_reason = 'returned' WHERE id = %" G_GINT64_FORMAT ";"
                   "UPDATE cases SET risk = 'medium', opened_on = '%s' WHERE id = %" G_GINT64_FORMAT ";"
                   "UPDATE cases SET risk = 'high' WHERE id = %" G_GINT64_FORMAT ";",
       f->cases[0], f->cases[1], f->ana, today, f->cases[2], today, f->cases[3], ago60, f->cases[4], f->cases[6]);
  sql (sara.store, "UPDATE cases SET opened_on = '%s' WHERE id = %" G_GINT64_FORMAT ";", ago60, f->cases[1]);
  sql (sara.store, "INSERT INTO interviews (case_id, occurred_at, contact_type) VALUES (%" G_GINT64_FORMAT ", '%sT10:00:00Z', 'in_person');"
                   "INSERT INTO interviews (case_id, occurred_at, contact_type) VALUES (%" G_GINT64_FORMAT ", '%sT10:00:00Z', 'in_person');",
       f->cases[0], today, f->cases[1], ago40);
  sql (sara.store, "INSERT INTO referrals (case_id, org_id, service_code, status, follow_up_due, created_at, sent_on)"
                   "  VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 'legal', 'sent', '%s', '%sT08:00:00Z', '%s');"
                   "INSERT INTO referrals (case_id, org_id, service_code, status, follow_up_due, created_at, sent_on)"
                   "  VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 'legal', 'sent', '%s', '%sT08:00:00Z', '%s');"
                   "INSERT INTO referrals (case_id, org_id, service_code, status, follow_up_due, created_at, sent_on)"
                   "  VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 'legal', 'sent', '%s', '%sT08:00:00Z', '%s');",
       f->cases[1], f->org, yesterday, today, today,
       f->cases[4], f->org, tomorrow, today, today,
       f->cases[6], f->org, yesterday, today, today);
  sql (sara.store, "INSERT INTO services (case_id, service_code, status, delivered_on, created_at)"
                   "  VALUES (%" G_GINT64_FORMAT ", 'legal', 'completed', '%s', '%sT08:00:00Z');"
                   "INSERT INTO services (case_id, service_code, status, created_at)"
                   "  VALUES (%" G_GINT64_FORMAT ", 'shelter', 'planned', '%sT08:00:00Z');",
       f->cases[0], today, today, f->cases[4], today);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *file = g_build_filename (f->dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static UdhaDashboardWorker *
worker (UdhaDashboardData *dashboard,
        const char    *user_name)
{
  for (guint i = 0; i < dashboard->workers->len; i++)
    {
      UdhaDashboardWorker *w = g_ptr_array_index (dashboard->workers, i);

      if (g_strcmp0 (w->user_name, user_name) == 0)
        return w;
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_figures (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Actor) sara = { NULL, };
  g_autoptr(UdhaDashboardData) dashboard = NULL;
  UdhaDashboardWorker *ana, *ben, *self;
  UdhaDashboardClosure *closure;
  UdhaDashboardOrg *org;

  sign_in (f, &sara, "sara", PASS);
  dashboard = udha_session_dashboard_load (sara.session, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dashboard->office_id, ==, f->tir);
  g_assert_cmpuint (dashboard->workers->len, ==, 3);

  ana = worker (dashboard, "ana");
  g_assert_cmpint (ana->open, ==, 3);
  g_assert_cmpint (ana->by_status[0], ==, 1);   /* open */
  g_assert_cmpint (ana->by_status[1], ==, 1);   /* follow_up */
  g_assert_cmpint (ana->by_status[2], ==, 0);   /* inactive */
  g_assert_cmpint (ana->by_status[3], ==, 1);   /* closure_requested */
  g_assert_cmpint (ana->by_risk[0], ==, 1);     /* high */
  g_assert_cmpint (ana->by_risk[1], ==, 0);     /* medium */
  g_assert_cmpint (ana->by_risk[2], ==, 1);     /* low */
  g_assert_cmpint (ana->by_risk[3], ==, 1);     /* not assessed */
  g_assert_cmpint (ana->overdue_follow_ups, ==, 1);
  g_assert_cmpint (ana->no_contact, ==, 2);     /* case 1: last contact 40 days ago; case 2: none */

  ben = worker (dashboard, "ben");
  g_assert_cmpint (ben->open, ==, 1);           /* the closed case is not counted */
  g_assert_cmpint (ben->by_status[0], ==, 1);
  g_assert_cmpint (ben->by_risk[1], ==, 1);
  g_assert_cmpint (ben->overdue_follow_ups, ==, 0);
  g_assert_cmpint (ben->no_contact, ==, 1);     /* opened 60 days ago, never contacted */

  self = worker (dashboard, "sara");
  g_assert_cmpint (self->open, ==, 0);

  g_assert_cmpint (dashboard->unassigned, ==, 1);   /* DUR's intake is not counted */

  g_assert_cmpuint (dashboard->closures->len, ==, 1);
  closure = g_ptr_array_index (dashboard->closures, 0);
  g_assert_cmpint (closure->case_id, ==, f->cases[2]);
  g_assert_cmpstr (closure->closure_reason, ==, "objectives_met");
  g_assert_cmpstr (closure->requested_by, ==, "ana");
  g_assert_cmpint (closure->assigned_user_id, ==, f->ana);

  g_assert_cmpuint (dashboard->overdue_orgs->len, ==, 1);
  org = g_ptr_array_index (dashboard->overdue_orgs, 0);
  g_assert_cmpint (org->org_id, ==, f->org);
  g_assert_cmpstr (org->name, ==, "Qendra Ligjore");
  g_assert_cmpint (org->referrals, ==, 1);      /* DUR's overdue referral is not counted */
  g_assert_cmpint (org->cases, ==, 1);
}

static gint64
total (const UdhaDashboardFigures *figures)
{
  gint64 n = 0;

  for (guint s = 0; s < figures->n_series; s++)
    for (guint c = 0; c < figures->n_categories; c++)
      n += udha_dashboard_figures_get (figures, s, c);
  return n;
}

static int
index_of (char       **codes,
          guint        n,
          const char  *code)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (codes[i], code) == 0)
      return i;
  return -1;
}

static void
test_charts (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Actor) sara = { NULL, };
  g_autoptr(UdhaDashboardFigures) cases = NULL;
  g_autoptr(UdhaDashboardFigures) services = NULL;
  g_autoptr(UdhaDashboardFigures) referrals = NULL;
  g_autofree char *today = day (0);
  g_autofree char *month = g_strndup (today, 7);
  int m, s;

  sign_in (f, &sara, "sara", PASS);

  cases = udha_session_dashboard_figures (sara.session, UDHA_DASHBOARD_CHART_NEW_CASES, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->n_categories, ==, UDHA_DASHBOARD_CHART_MONTHS);
  g_assert_cmpstr (cases->categories[cases->n_categories - 1], ==, month);
  /* Cases 1 and 4 were opened 60 days ago: on the chart, in an earlier month
   * or this one; TIR opened 6 cases in all, of 3 types. */
  g_assert_cmpint (total (cases), ==, 6);
  g_assert_cmpuint (cases->n_series, ==, 3);
  g_assert_cmpint (index_of (cases->series, cases->n_series, "uasc"), ==, -1);
  s = index_of (cases->series, cases->n_series, "avrr");
  m = cases->n_categories - 1;
  g_assert_cmpint (s, >=, 0);
  g_assert_cmpint (udha_dashboard_figures_get (cases, s, m), ==, 2);

  services = udha_session_dashboard_figures (sara.session, UDHA_DASHBOARD_CHART_SERVICES, &error);
  g_assert_no_error (error);
  g_assert_cmpint (total (services), ==, 1);
  m = index_of (services->categories, services->n_categories, "legal_status");
  g_assert_cmpint (m, >=, 0);
  g_assert_cmpint (udha_dashboard_figures_get (services, 0, m), ==, 1);

  referrals = udha_session_dashboard_figures (sara.session, UDHA_DASHBOARD_CHART_REFERRALS, &error);
  g_assert_no_error (error);
  g_assert_cmpint (index_of (referrals->categories, referrals->n_categories, "draft"), ==, -1);
  m = index_of (referrals->categories, referrals->n_categories, "sent");
  g_assert_cmpint (udha_dashboard_figures_get (referrals, 0, m), ==, 2);
  g_assert_cmpint (total (referrals), ==, 2);
}

static void
test_other_office (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Actor) dino = { NULL, };
  g_autoptr(UdhaDashboardData) dashboard = NULL;
  UdhaDashboardOrg *org;

  sign_in (f, &dino, "dino", PASS);
  dashboard = udha_session_dashboard_load (dino.session, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dashboard->office_id, ==, f->dur);
  g_assert_cmpuint (dashboard->workers->len, ==, 1);
  g_assert_cmpint (dashboard->unassigned, ==, 1);
  g_assert_cmpuint (dashboard->closures->len, ==, 0);
  g_assert_cmpuint (dashboard->overdue_orgs->len, ==, 1);
  org = g_ptr_array_index (dashboard->overdue_orgs, 0);
  g_assert_cmpint (org->referrals, ==, 1);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static UdhaDashboardData *
load_async (UdhaSession  *session,
            GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  udha_session_dashboard_load_async (session, NULL, loaded_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return udha_session_dashboard_load_finish (session, result, error);
}

/* On a worker, with a connection of its own: the same figures, and the
 * charts in the same snapshot. */
static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Actor) sara = { NULL, };
  g_auto(Actor) ana = { NULL, };
  g_autoptr(UdhaDashboardData) sync = NULL;
  g_autoptr(UdhaDashboardData) async = NULL;
  UdhaDashboardData *refused;

  sign_in (f, &sara, "sara", PASS);
  sync = udha_session_dashboard_load (sara.session, &error);
  g_assert_no_error (error);
  async = load_async (sara.session, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (async->workers->len, ==, sync->workers->len);
  for (guint i = 0; i < sync->workers->len; i++)
    {
      UdhaDashboardWorker *a = g_ptr_array_index (async->workers, i);
      UdhaDashboardWorker *b = g_ptr_array_index (sync->workers, i);

      g_assert_cmpint (a->user_id, ==, b->user_id);
      g_assert_cmpint (a->open, ==, b->open);
      g_assert_cmpint (a->overdue_follow_ups, ==, b->overdue_follow_ups);
      g_assert_cmpint (a->no_contact, ==, b->no_contact);
      g_assert_cmpmem (a->by_status, sizeof a->by_status, b->by_status, sizeof b->by_status);
      g_assert_cmpmem (a->by_risk, sizeof a->by_risk, b->by_risk, sizeof b->by_risk);
    }
  g_assert_cmpint (async->unassigned, ==, sync->unassigned);
  g_assert_cmpuint (async->closures->len, ==, sync->closures->len);
  g_assert_cmpuint (async->overdue_orgs->len, ==, sync->overdue_orgs->len);
  for (guint k = 0; k < UDHA_DASHBOARD_N_CHARTS; k++)
    {
      g_autoptr(UdhaDashboardFigures) figures = udha_session_dashboard_figures (sara.session, k, &error);

      g_assert_no_error (error);
      g_assert_nonnull (async->charts[k]);
      g_assert_null (sync->charts[k]);
      g_assert_cmpint (total (async->charts[k]), ==, total (figures));
    }

  sign_in (f, &ana, "ana", PASS);
  refused = load_async (ana.session, &error);
  g_assert_null (refused);
  g_assert_error (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_NOT_PERMITTED);
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Actor) ana = { NULL, };
  g_auto(Actor) admin = { NULL, };
  UdhaDashboardData *dashboard;
  UdhaDashboardFigures *figures;

  sign_in (f, &ana, "ana", PASS);
  dashboard = udha_session_dashboard_load (ana.session, &error);
  g_assert_null (dashboard);
  g_assert_error (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_NOT_PERMITTED);
  g_clear_error (&error);
  figures = udha_session_dashboard_figures (ana.session, UDHA_DASHBOARD_CHART_NEW_CASES, &error);
  g_assert_null (figures);
  g_assert_error (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_NOT_PERMITTED);
  g_clear_error (&error);

  sign_in (f, &admin, ADMIN, ADMIN_PASS);
  dashboard = udha_session_dashboard_load (admin.session, &error);
  g_assert_null (dashboard);
  g_assert_error (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_NOT_PERMITTED);
  g_clear_error (&error);

  /* A closed session is refused too. */
  actor_clear (&ana);
  sign_in (f, &ana, "sara", PASS);
  g_assert_true (udha_session_close (ana.session, NULL));
  dashboard = udha_session_dashboard_load (ana.session, &error);
  g_assert_null (dashboard);
  g_assert_error (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_CLOSED);
  g_clear_object (&ana.session);
}

static guint
list_count (UdhaCaseListModel *model)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  g_object_unref (model);
  return n;
}

/* The workspace sidebar's "Overdue follow-ups" list, as
 * apply_list_filter () (udha-workspace.c) sets it up. */
static UdhaCaseListModel *
follow_ups_list (UdhaSession        *session,
                 UdhaCaseListFilter  scope)
{
  UdhaCaseListModel *model = udha_case_list_model_new (session);

  udha_case_list_model_set_scope_filter (model, scope);
  udha_case_list_model_set_overdue_follow_ups (model, TRUE);
  udha_case_list_model_set_active_only (model, TRUE);
  return model;
}

/* The dashboard's "Overdue follow-ups" (per caseworker), its drill-down
 * and the workspace list "Overdue follow-ups" and its count use
 * one definition (issue #5): an interview, service or referral follow-up
 * date has passed, on an active case. */
static void
test_overdue_one_definition (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Actor) sara = { NULL, };
  g_auto(Actor) ana_actor = { NULL, };
  g_auto(Actor) ben_actor = { NULL, };
  g_autoptr(UdhaDashboardData) dashboard = NULL;
  g_autofree char *ago3 = day (-3);
  g_autofree char *ago2 = day (-2);
  UdhaDashboardWorker *ana, *ben;
  UdhaCaseListModel *model;

  sign_in (f, &sara, "sara", PASS);
  /* Overdue without an overdue referral: case 0's interview follow-up,
   * case 4's planned service; case 3 is closed and not counted. */
  sql (sara.store, "UPDATE interviews SET next_follow_up = '%s' WHERE case_id = %" G_GINT64_FORMAT ";"
                   "UPDATE services SET due_on = '%s' WHERE case_id = %" G_GINT64_FORMAT ";"
                   "INSERT INTO services (case_id, service_code, status, due_on, created_at)"
                   "  VALUES (%" G_GINT64_FORMAT ", 'shelter', 'planned', '%s', '%sT08:00:00Z');",
       ago3, f->cases[0], ago2, f->cases[4], f->cases[3], ago2, ago2);

  dashboard = udha_session_dashboard_load (sara.session, &error);
  g_assert_no_error (error);
  ana = worker (dashboard, "ana");
  ben = worker (dashboard, "ben");
  g_assert_cmpint (ana->overdue_follow_ups, ==, 2);    /* cases 0 (interview) and 1 (referral) */
  g_assert_cmpint (ben->overdue_follow_ups, ==, 1);    /* case 4 (service) */

  /* The caseworker's own sidebar list and its count */
  sign_in (f, &ana_actor, "ana", PASS);
  g_assert_cmpint (list_count (follow_ups_list (ana_actor.session, UDHA_CASE_LIST_MINE)), ==, ana->overdue_follow_ups);
  sign_in (f, &ben_actor, "ben", PASS);
  g_assert_cmpint (list_count (follow_ups_list (ben_actor.session, UDHA_CASE_LIST_MINE)), ==, ben->overdue_follow_ups);

  /* The dashboard's drill-down, as udha-dashboard.c opens it */
  model = udha_case_list_model_new (sara.session);
  udha_case_list_model_set_assigned_user (model, f->ana);
  udha_case_list_model_set_active_only (model, TRUE);
  udha_case_list_model_set_overdue_follow_ups (model, TRUE);
  g_assert_cmpint (list_count (model), ==, ana->overdue_follow_ups);

  /* The supervisor's office list: every caseworker's and the intake's */
  g_assert_cmpint (list_count (follow_ups_list (sara.session, UDHA_CASE_LIST_ALL)), ==,
                   ana->overdue_follow_ups + ben->overdue_follow_ups);
}

/* "Not assessed": set_risk ("") is the cases without a risk level. */
static void
test_not_assessed_drill (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Actor) sara = { NULL, };
  g_autoptr(UdhaDashboardData) dashboard = NULL;
  UdhaDashboardWorker *ana, *ben;
  UdhaCaseListModel *model;

  sign_in (f, &sara, "sara", PASS);
  dashboard = udha_session_dashboard_load (sara.session, &error);
  g_assert_no_error (error);
  ana = worker (dashboard, "ana");
  ben = worker (dashboard, "ben");
  g_assert_cmpint (ana->by_risk[UDHA_DASHBOARD_N_RISKS - 1], ==, 1);
  g_assert_cmpint (ben->by_risk[UDHA_DASHBOARD_N_RISKS - 1], ==, 0);

  for (guint i = 0; i < 2; i++)
    {
      UdhaDashboardWorker *w = i == 0 ? ana : ben;

      model = udha_case_list_model_new (sara.session);
      udha_case_list_model_set_assigned_user (model, w->user_id);
      udha_case_list_model_set_active_only (model, TRUE);
      udha_case_list_model_set_risk (model, "");
      g_assert_cmpint (list_count (model), ==, w->by_risk[UDHA_DASHBOARD_N_RISKS - 1]);
    }

  /* Counted by case_counts (no other filter) and by walking the cases
   * (with the text-free date filter) alike. */
  model = udha_case_list_model_new (sara.session);
  udha_case_list_model_set_risk (model, "");
  g_assert_cmpint (list_count (model), ==, 3);     /* cases 2, 3 and 5 */
  model = udha_case_list_model_new (sara.session);
  udha_case_list_model_set_risk (model, "");
  udha_case_list_model_set_active_only (model, TRUE);
  udha_case_list_model_set_overdue_follow_ups (model, FALSE);
  udha_case_list_model_set_sort (model, UDHA_CASE_SORT_RISK, FALSE);
  g_assert_cmpint (list_count (model), ==, 2);     /* cases 2 and 5 */
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_assert_cmpint (sodium_init (), >=, 0);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/udha/session/dashboard/figures", Fixture, NULL, fixture_set_up, test_figures, fixture_tear_down);
  g_test_add ("/udha/session/dashboard/charts", Fixture, NULL, fixture_set_up, test_charts, fixture_tear_down);
  g_test_add ("/udha/session/dashboard/other-office", Fixture, NULL, fixture_set_up, test_other_office, fixture_tear_down);
  g_test_add ("/udha/session/dashboard/async", Fixture, NULL, fixture_set_up, test_async, fixture_tear_down);
  g_test_add ("/udha/session/dashboard/overdue-one-definition", Fixture, NULL, fixture_set_up, test_overdue_one_definition, fixture_tear_down);
  g_test_add ("/udha/session/dashboard/not-assessed", Fixture, NULL, fixture_set_up, test_not_assessed_drill, fixture_tear_down);
  g_test_add ("/udha/session/dashboard/refused", Fixture, NULL, fixture_set_up, test_refused, fixture_tear_down);

  return g_test_run ();
}
