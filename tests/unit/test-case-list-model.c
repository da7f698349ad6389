/* test-case-list-model.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* UdhaCaseListModel over a demo vault of 3,000 cases (fixed seed, minimum
 * KDF): counts per role scope, every sort in both directions across page
 * boundaries (by ids and by keyset), filters, the text filter, random
 * access, items-changed, the caseworker's scope, refresh and the
 * supervisor dashboard's drill-down filters. */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sqlite3.h>

#include "udha-case-list-model-private.h"
#include "udha-core.h"
#include "udha-demo.h"
#include "udha-session.h"
#include "udha-text.h"
#include "udha-vault.h"

#define ADMIN       "demo.admin"
#define ADMIN_PASS  "administrator passphrase"
#define USERS_PASS  "demo users passphrase"
#define N_CASES     3000
#define SEED        4242
#define SUPERVISOR  "demo.mira"
#define CASEWORKER  "demo.arta"

typedef struct
{
  UdhaVault   *vault;
  UdhaStore   *store;
  UdhaSession *session;
} Actor;

static char *dir;
static char *path;

static void
actor_clear (Actor *a)
{
  if (a->session != NULL)
    udha_session_close (a->session, NULL);
  g_clear_object (&a->session);
  g_clear_object (&a->store);
  if (a->vault != NULL)
    udha_vault_lock (a->vault);
  g_clear_object (&a->vault);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Actor, actor_clear)

static void
sign_in (Actor      *a,
         const char *user,
         const char *pass)
{
  g_autoptr(GError) error = NULL;

  a->vault = udha_vault_unlock (path, user, pass, &error);
  g_assert_no_error (error);
  a->store = udha_store_new (a->vault, &error);
  g_assert_no_error (error);
  a->session = udha_session_new (a->vault, a->store, &error);
  g_assert_no_error (error);
}

static void
make_vault (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaVaultSecret) recovery = NULL;
  g_autoptr(UdhaDemoResult) result = NULL;
  UdhaDemoOptions options = { N_CASES, SEED, USERS_PASS, NULL };
  g_auto(Actor) a = { NULL, };

  dir = g_dir_make_tmp ("udha-case-list-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "cases.udb", NULL);
  a.vault = udha_vault_create (path, ADMIN, ADMIN_PASS, UDHA_VAULT_KDF_TEST_MIN, &recovery, &error);
  g_assert_no_error (error);
  a.store = udha_store_new (a.vault, &error);
  g_assert_no_error (error);
  a.session = udha_session_new (a.vault, a.store, &error);
  g_assert_no_error (error);
  result = udha_demo_generate (a.session, a.store, ADMIN_PASS, &options, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_cases, ==, N_CASES);
}

static void
remove_vault (void)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
  g_clear_pointer (&dir, g_free);
  g_clear_pointer (&path, g_free);
}

static UdhaCaseRow *
item (UdhaCaseListModel *model,
      guint              i)
{
  UdhaCaseRow *row = g_list_model_get_item (G_LIST_MODEL (model), i);

  g_assert_nonnull (row);
  /* The list holds a reference in its cache; the test drops its own. */
  g_object_unref (row);
  return row;
}

/* The session's own count, page by page through udha_session_list_cases() */
static guint
session_count (UdhaSession        *session,
               UdhaCaseListFilter  filter,
               const char         *status)
{
  guint n = 0;
  gint64 after = 0;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) cases = udha_session_list_cases (session, filter, status, after, 500, &error);

      g_assert_no_error (error);
      if (cases->len == 0)
        break;
      n += cases->len;
      after = udha_case_get_id (g_ptr_array_index (cases, cases->len - 1));
    }
  return n;
}

static gint64
store_count (Actor              *a,
             UdhaCaseListFilter  filter)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *today = udha_session_today (a->session);
  UdhaCaseQuery q = { { 0, }, };
  gint64 n;

  q.scope.office_id = udha_session_get_office_id (a->session);
  q.scope.user_id = udha_session_get_role (a->session) == UDHA_ROLE_KIND_CASEWORKER
                    ? udha_session_get_user_id (a->session) : 0;
  q.mine = filter == UDHA_CASE_LIST_MINE;
  q.intake = filter == UDHA_CASE_LIST_INTAKE;
  q.overdue = filter == UDHA_CASE_LIST_OVERDUE;
  q.assigned_user_id = udha_session_get_user_id (a->session);
  q.today = today;
  n = udha_store_count_cases (a->store, &q, &error);
  g_assert_no_error (error);
  return n;
}

/* Tests */

static void
test_scope_counts (void)
{
  const char *users[] = { SUPERVISOR, CASEWORKER, "demo.drita" };
  UdhaCaseListFilter filters[] = { UDHA_CASE_LIST_ALL, UDHA_CASE_LIST_MINE,
                                   UDHA_CASE_LIST_INTAKE, UDHA_CASE_LIST_OVERDUE };

  for (guint u = 0; u < G_N_ELEMENTS (users); u++)
    {
      g_auto(Actor) a = { NULL, };
      g_autoptr(UdhaCaseListModel) model = NULL;

      sign_in (&a, users[u], USERS_PASS);
      model = udha_case_list_model_new (a.session);
      for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
        {
          guint n;

          udha_case_list_model_set_scope_filter (model, filters[f]);
          g_assert_null (udha_case_list_model_get_error (model));
          n = g_list_model_get_n_items (G_LIST_MODEL (model));
          g_assert_cmpuint (n, ==, store_count (&a, filters[f]));
          g_assert_cmpuint (n, ==, session_count (a.session, filters[f], NULL));
          if (filters[f] == UDHA_CASE_LIST_ALL)
            g_assert_cmpuint (n, >, 0);
          g_assert_cmpuint (n, <, N_CASES);
        }
    }

  /* An administrator sees no case */
  {
    g_auto(Actor) a = { NULL, };
    g_autoptr(UdhaCaseListModel) model = NULL;

    sign_in (&a, ADMIN, ADMIN_PASS);
    model = udha_case_list_model_new (a.session);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
    g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 0));
  }
}

static int
status_rank (const char *status)
{
  static const char * const order[] = { "open", "follow_up", "inactive", "closure_requested",
                                        "closed", "transferred", "duplicate" };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (g_strcmp0 (order[i], status) == 0)
      return i;
  g_assert_not_reached ();
}

static int
risk_rank (const char *risk)
{
  if (risk == NULL)
    return 0;
  if (strcmp (risk, "low") == 0)
    return 1;
  if (strcmp (risk, "medium") == 0)
    return 2;
  g_assert_cmpstr (risk, ==, "high");
  return 3;
}

static int
compare_rows (UdhaCaseRow  *a,
              UdhaCaseRow  *b,
              UdhaCaseSort  sort)
{
  int c = 0;

  switch (sort)
    {
    case UDHA_CASE_SORT_NUMBER:
      c = strcmp (udha_case_row_get_number (a), udha_case_row_get_number (b));
      break;
    case UDHA_CASE_SORT_NAME:
      {
        g_autofree char *fa = udha_text_fold (udha_case_row_get_family_name (a));
        g_autofree char *fb = udha_text_fold (udha_case_row_get_family_name (b));
        g_autofree char *ga = udha_text_fold (udha_case_row_get_given_name (a));
        g_autofree char *gb = udha_text_fold (udha_case_row_get_given_name (b));

        c = strcmp (fa, fb);
        if (c == 0)
          c = strcmp (ga, gb);
      }
      break;
    case UDHA_CASE_SORT_CASE_TYPE:
      c = strcmp (udha_case_row_get_case_type (a), udha_case_row_get_case_type (b));
      break;
    case UDHA_CASE_SORT_STATUS:
      c = status_rank (udha_case_row_get_status (a)) - status_rank (udha_case_row_get_status (b));
      break;
    case UDHA_CASE_SORT_RISK:
      c = risk_rank (udha_case_row_get_risk (a)) - risk_rank (udha_case_row_get_risk (b));
      break;
    case UDHA_CASE_SORT_LAST_CONTACT:
      c = g_strcmp0 (udha_case_row_get_last_contact (a), udha_case_row_get_last_contact (b));
      break;
    case UDHA_CASE_SORT_NEXT_FOLLOW_UP:
      c = g_strcmp0 (udha_case_row_get_next_follow_up (a), udha_case_row_get_next_follow_up (b));
      break;
    default:
      g_assert_not_reached ();
    }
  if (c != 0)
    return c;
  return udha_case_row_get_id (a) < udha_case_row_get_id (b) ? -1 : 1;
}

/* Walks the whole list and checks every adjacent pair; returns the ids. */
static GArray *
check_sorted (UdhaCaseListModel *model,
              UdhaCaseSort       sort,
              gboolean           descending)
{
  GListModel *list = G_LIST_MODEL (model);
  guint n = g_list_model_get_n_items (list);
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  g_autoptr(UdhaCaseRow) prev = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UdhaCaseRow) row = g_list_model_get_item (list, i);
      gint64 id;

      g_assert_nonnull (row);
      id = udha_case_row_get_id (row);
      g_assert_cmpint (id, >, 0);
      g_array_append_val (ids, id);
      if (prev != NULL)
        {
          int c = compare_rows (prev, row, sort);

          if (descending ? c <= 0 : c >= 0)
            g_error ("sort %d%s: rows %u and %u out of order", sort, descending ? " desc" : "", i - 1, i);
        }
      g_clear_object (&prev);
      prev = g_steal_pointer (&row);
    }
  /* Every case once */
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (seen, &g_array_index (ids, gint64, i));
  g_assert_cmpuint (g_hash_table_size (seen), ==, n);
  g_assert_null (g_list_model_get_item (list, n));
  return ids;
}

static void
test_sorts (void)
{
  g_auto(Actor) a = { NULL, };
  g_autoptr(UdhaCaseListModel) model = NULL;
  g_autoptr(UdhaCaseListModel) keyset = NULL;

  sign_in (&a, SUPERVISOR, USERS_PASS);
  model = udha_case_list_model_new (a.session);
  keyset = udha_case_list_model_new (a.session);
  _udha_case_list_model_set_ids_limit (keyset, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >, 3 * UDHA_CASE_LIST_MODEL_PAGE_SIZE);

  for (UdhaCaseSort sort = 0; sort < UDHA_CASE_SORT_N_KEYS; sort++)
    for (int descending = 0; descending < 2; descending++)
      {
        g_autoptr(GArray) by_ids = NULL;
        g_autoptr(GArray) by_keys = NULL;

        g_test_message ("sort %d%s", sort, descending ? " desc" : "");
        udha_case_list_model_set_sort (model, sort, descending);
        udha_case_list_model_set_sort (keyset, sort, descending);
        g_assert_cmpint (_udha_case_list_model_get_paging (model), ==, UDHA_CASE_LIST_PAGING_IDS);
        if (sort == UDHA_CASE_SORT_NUMBER || sort == UDHA_CASE_SORT_NAME ||
            sort == UDHA_CASE_SORT_LAST_CONTACT || sort == UDHA_CASE_SORT_NEXT_FOLLOW_UP)
          g_assert_cmpint (_udha_case_list_model_get_paging (keyset), ==, UDHA_CASE_LIST_PAGING_KEYSET);
        else if (sort == UDHA_CASE_SORT_CASE_TYPE || sort == UDHA_CASE_SORT_STATUS || sort == UDHA_CASE_SORT_RISK)
          g_assert_cmpint (_udha_case_list_model_get_paging (keyset), ==, UDHA_CASE_LIST_PAGING_BUCKETS);

        by_ids = check_sorted (model, sort, descending);
        by_keys = check_sorted (keyset, sort, descending);
        g_assert_cmpmem (by_ids->data, by_ids->len * sizeof (gint64),
                         by_keys->data, by_keys->len * sizeof (gint64));
        g_assert_cmpuint (udha_case_list_model_get_n_cached_pages (model), <=, UDHA_CASE_LIST_MODEL_MAX_PAGES);
        g_assert_cmpuint (udha_case_list_model_get_n_cached_pages (keyset), <=, UDHA_CASE_LIST_MODEL_MAX_PAGES);
      }
}

static void
test_filters (void)
{
  g_auto(Actor) a = { NULL, };
  g_autoptr(UdhaCaseListModel) model = NULL;
  GListModel *list;
  guint n_all, n_status, n_type, n_risk, n_all_three;

  sign_in (&a, SUPERVISOR, USERS_PASS);
  model = udha_case_list_model_new (a.session);
  list = G_LIST_MODEL (model);
  n_all = g_list_model_get_n_items (list);

  udha_case_list_model_set_status (model, "open");
  n_status = g_list_model_get_n_items (list);
  g_assert_cmpuint (n_status, >, 0);
  g_assert_cmpuint (n_status, <, n_all);
  g_assert_cmpuint (n_status, ==, session_count (a.session, UDHA_CASE_LIST_ALL, "open"));
  for (guint i = 0; i < n_status; i++)
    g_assert_cmpstr (udha_case_row_get_status (item (model, i)), ==, "open");

  udha_case_list_model_set_status (model, NULL);
  udha_case_list_model_set_case_type (model, "protection");
  n_type = g_list_model_get_n_items (list);
  g_assert_cmpuint (n_type, >, 0);
  for (guint i = 0; i < n_type; i++)
    g_assert_cmpstr (udha_case_row_get_case_type (item (model, i)), ==, "protection");

  udha_case_list_model_set_case_type (model, NULL);
  udha_case_list_model_set_risk (model, "high");
  n_risk = g_list_model_get_n_items (list);
  g_assert_cmpuint (n_risk, >, 0);
  for (guint i = 0; i < n_risk; i++)
    g_assert_cmpstr (udha_case_row_get_risk (item (model, i)), ==, "high");

  udha_case_list_model_set_status (model, "open");
  udha_case_list_model_set_case_type (model, "protection");
  n_all_three = g_list_model_get_n_items (list);
  g_assert_cmpuint (n_all_three, <=, MIN (n_risk, MIN (n_type, n_status)));
  for (guint i = 0; i < n_all_three; i++)
    {
      UdhaCaseRow *row = item (model, i);

      g_assert_cmpstr (udha_case_row_get_status (row), ==, "open");
      g_assert_cmpstr (udha_case_row_get_case_type (row), ==, "protection");
      g_assert_cmpstr (udha_case_row_get_risk (row), ==, "high");
    }
  udha_case_list_model_set_status (model, NULL);
  udha_case_list_model_set_case_type (model, NULL);
  udha_case_list_model_set_risk (model, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n_all);

  /* Intake: unassigned; overdue: flagged */
  udha_case_list_model_set_scope_filter (model, UDHA_CASE_LIST_INTAKE);
  g_assert_cmpuint (g_list_model_get_n_items (list), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_assert_null (udha_case_row_get_assigned_user (item (model, i)));
  udha_case_list_model_set_scope_filter (model, UDHA_CASE_LIST_OVERDUE);
  g_assert_cmpuint (g_list_model_get_n_items (list), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      UdhaCaseRow *row = item (model, i);

      g_assert_true (udha_case_row_get_overdue (row));
      g_assert_nonnull (udha_case_row_get_next_follow_up (row));
    }
}

/* Every item's person name (given or family, folded) */
static gboolean
has_name (UdhaCaseListModel *model,
          const char        *folded)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      UdhaCaseRow *row = item (model, i);
      g_autofree char *given = udha_text_fold (udha_case_row_get_given_name (row));
      g_autofree char *family = udha_text_fold (udha_case_row_get_family_name (row));

      if (strstr (given, folded) != NULL || strstr (family, folded) != NULL)
        return TRUE;
    }
  return FALSE;
}

static gint64
open_case (Actor      *a,
           const char *given,
           const char *family,
           const char *assign_to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaPerson) p = udha_person_new ();
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(UdhaCase) c = NULL;
  const char *citizenships[] = { "SY", "IQ", NULL };

  udha_person_set_given_name (p, given);
  udha_person_set_family_name (p, family);
  udha_person_set_sex (p, "female");
  udha_person_set_dob (p, "1991-04-02");
  udha_person_set_citizenships (p, citizenships);
  g_assert_true (udha_session_register_person (a->session, p, TRUE, &candidates, &error));
  g_assert_no_error (error);
  c = udha_session_open_case (a->session, udha_person_get_id (p), "protection", assign_to, &error);
  g_assert_no_error (error);
  return udha_case_get_id (c);
}

static void
test_text (void)
{
  g_auto(Actor) a = { NULL, };
  g_autoptr(UdhaCaseListModel) model = NULL;
  GListModel *list;
  guint n_all, n_mohamed, n_cela;
  gint64 id;

  sign_in (&a, SUPERVISOR, USERS_PASS);
  model = udha_case_list_model_new (a.session);
  list = G_LIST_MODEL (model);
  n_all = g_list_model_get_n_items (list);

  udha_case_list_model_set_text (model, "Mohamed");
  n_mohamed = g_list_model_get_n_items (list);
  g_assert_cmpuint (n_mohamed, >, 0);
  g_assert_cmpuint (n_mohamed, <, n_all);
  /* Other spellings too */
  g_assert_true (has_name (model, "muhammad"));
  g_assert_true (has_name (model, "mohamed"));
  udha_case_list_model_set_text (model, "Muhammad");
  g_assert_true (has_name (model, "mohamed"));

  /* Çela, found as Cela, cela and Çela */
  udha_case_list_model_set_text (model, "Cela");
  n_cela = g_list_model_get_n_items (list);
  id = open_case (&a, "Arbana", "Çela", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n_cela);
  udha_case_list_model_refresh (model);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n_cela + 1);
  g_assert_true (has_name (model, "cela"));
  {
    gboolean found = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (list); i++)
      found |= udha_case_row_get_id (item (model, i)) == id;
    g_assert_true (found);
  }
  udha_case_list_model_set_text (model, "çela arbana");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_assert_cmpint (udha_case_row_get_id (item (model, 0)), ==, id);
  g_assert_cmpstr (udha_case_row_get_person_name (item (model, 0)), ==, "Çela, Arbana");
  g_assert_cmpstr (udha_case_row_get_citizenship (item (model, 0)), ==, "SY,IQ");

  /* By case number */
  {
    g_autofree char *number = g_strdup (udha_case_row_get_number (item (model, 0)));

    udha_case_list_model_set_text (model, number);
    g_assert_cmpuint (g_list_model_get_n_items (list), >=, 1);
    g_assert_cmpint (udha_case_row_get_id (item (model, 0)), ==, id);
  }

  /* Nothing searchable: nothing */
  udha_case_list_model_set_text (model, "%%%");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  udha_case_list_model_set_text (model, "  ");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n_all + 1);
}

static void
test_random_access (void)
{
  g_auto(Actor) a = { NULL, };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  UdhaCaseSort sorts[] = { UDHA_CASE_SORT_NUMBER, UDHA_CASE_SORT_STATUS, UDHA_CASE_SORT_NAME };

  sign_in (&a, SUPERVISOR, USERS_PASS);
  for (guint s = 0; s < G_N_ELEMENTS (sorts); s++)
    for (int descending = 0; descending < 2; descending++)
      {
        g_autoptr(UdhaCaseListModel) seq = udha_case_list_model_new (a.session);
        g_autoptr(UdhaCaseListModel) rnd = udha_case_list_model_new (a.session);
        g_autoptr(GArray) ids = NULL;
        guint n;

        _udha_case_list_model_set_ids_limit (seq, 0);
        _udha_case_list_model_set_ids_limit (rnd, 0);
        udha_case_list_model_set_sort (seq, sorts[s], descending);
        udha_case_list_model_set_sort (rnd, sorts[s], descending);
        ids = check_sorted (seq, sorts[s], descending);
        n = ids->len;

        for (guint k = 0; k < 300; k++)
          {
            guint i = g_rand_int_range (rand, 0, n);
            g_autoptr(UdhaCaseRow) first = g_list_model_get_item (G_LIST_MODEL (rnd), i);
            g_autoptr(UdhaCaseRow) again = g_list_model_get_item (G_LIST_MODEL (rnd), i);

            g_assert_cmpint (udha_case_row_get_id (first), ==, g_array_index (ids, gint64, i));
            /* From the cache: the same object */
            g_assert_true (first == again);
          }
        g_assert_cmpuint (udha_case_list_model_get_n_cached_pages (rnd), <=, UDHA_CASE_LIST_MODEL_MAX_PAGES);
      }
}

typedef struct
{
  guint n_calls;
  guint position;
  guint removed;
  guint added;
} Changed;

static void
items_changed_cb (GListModel *list,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changed    *changed)
{
  changed->n_calls++;
  changed->position = position;
  changed->removed = removed;
  changed->added = added;
}

static void
test_items_changed (void)
{
  g_auto(Actor) a = { NULL, };
  g_autoptr(UdhaCaseListModel) model = NULL;
  GListModel *list;
  Changed changed = { 0, };
  guint n_all, n_open;

  sign_in (&a, SUPERVISOR, USERS_PASS);
  model = udha_case_list_model_new (a.session);
  list = G_LIST_MODEL (model);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &changed);
  n_all = g_list_model_get_n_items (list);

  udha_case_list_model_set_status (model, "open");
  n_open = g_list_model_get_n_items (list);
  g_assert_cmpuint (changed.n_calls, ==, 1);
  g_assert_cmpuint (changed.position, ==, 0);
  g_assert_cmpuint (changed.removed, ==, n_all);
  g_assert_cmpuint (changed.added, ==, n_open);

  /* No change, no signal */
  udha_case_list_model_set_status (model, "open");
  g_assert_cmpuint (changed.n_calls, ==, 1);

  udha_case_list_model_set_sort (model, UDHA_CASE_SORT_RISK, TRUE);
  g_assert_cmpuint (changed.n_calls, ==, 2);
  g_assert_cmpuint (changed.removed, ==, n_open);
  g_assert_cmpuint (changed.added, ==, n_open);

  udha_case_list_model_set_status (model, NULL);
  g_assert_cmpuint (changed.n_calls, ==, 3);
  g_assert_cmpuint (changed.removed, ==, n_open);
  g_assert_cmpuint (changed.added, ==, n_all);

  udha_case_list_model_refresh (model);
  g_assert_cmpuint (changed.n_calls, ==, 4);
  g_assert_cmpuint (changed.removed, ==, n_all);
  g_assert_cmpuint (changed.added, ==, n_all);
}

static void
test_caseworker_scope (void)
{
  g_auto(Actor) a = { NULL, };
  g_autoptr(UdhaCaseListModel) model = NULL;
  g_autoptr(UdhaCaseListModel) keyset = NULL;
  UdhaUser *user;
  g_autoptr(UdhaOffice) office = NULL;
  g_autoptr(GError) error = NULL;
  const char *display;
  guint n_mine = 0, n_intake = 0;

  sign_in (&a, CASEWORKER, USERS_PASS);
  user = udha_session_get_user (a.session);
  display = udha_user_get_display_name (user);
  office = udha_store_get_office (a.store, udha_user_get_office_id (user), &error);
  g_assert_no_error (error);

  model = udha_case_list_model_new (a.session);
  keyset = udha_case_list_model_new (a.session);
  _udha_case_list_model_set_ids_limit (keyset, 0);
  for (UdhaCaseSort sort = 0; sort < UDHA_CASE_SORT_N_KEYS; sort++)
    {
      UdhaCaseListModel *models[] = { model, keyset };

      for (guint m = 0; m < G_N_ELEMENTS (models); m++)
        {
          udha_case_list_model_set_sort (models[m], sort, sort % 2);
          g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (models[m])), ==,
                            store_count (&a, UDHA_CASE_LIST_ALL));
          n_mine = n_intake = 0;
          for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (models[m])); i++)
            {
              UdhaCaseRow *row = item (models[m], i);
              const char *assigned = udha_case_row_get_assigned_user (row);

              g_assert_cmpint (udha_case_row_get_id (row), >, 0);
              g_assert_cmpstr (udha_case_row_get_office_code (row), ==, udha_office_get_code (office));
              if (assigned == NULL)
                n_intake++;
              else if (g_strcmp0 (assigned, display) == 0)
                n_mine++;
              else
                g_error ("a case of another caseworker in the list");
            }
          g_assert_cmpuint (n_mine, >, 0);
          g_assert_cmpuint (n_intake, >, 0);
        }
    }
  g_assert_cmpuint (n_mine, ==, store_count (&a, UDHA_CASE_LIST_MINE));
  g_assert_cmpuint (n_intake, ==, store_count (&a, UDHA_CASE_LIST_INTAKE));
}

/* One integer from the vault, with ?1 = office and ?2 = today, ?3 = @param */
static gint64
sql_int (Actor      *a,
         const char *sql,
         const char *today,
         gint64      param)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = udha_store_prepare (a->store, sql, &error);
  gint64 value;

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, udha_session_get_office_id (a->session));
  sqlite3_bind_text (stmt, 2, today, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, param);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return value;
}

/* The whole list's ids, through both paging paths, which must agree and
 * hold @expected cases. */
static void
check_both_paths (UdhaCaseListModel *model,
                  UdhaCaseListModel *keyset,
                  gint64             expected)
{
  g_autoptr(GArray) by_ids = NULL;
  g_autoptr(GArray) by_keys = NULL;

  g_assert_cmpint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, expected);
  g_assert_cmpint (g_list_model_get_n_items (G_LIST_MODEL (keyset)), ==, expected);
  by_ids = check_sorted (model, UDHA_CASE_SORT_NAME, FALSE);
  by_keys = check_sorted (keyset, UDHA_CASE_SORT_NAME, FALSE);
  g_assert_cmpmem (by_ids->data, by_ids->len * sizeof (gint64), by_keys->data, by_keys->len * sizeof (gint64));
}

#define NEXT_FOLLOW_UP_COMPUTED \
  "(SELECT substr (min (d), 1, 10) FROM (" \
  "   SELECT r.follow_up_due AS d FROM referrals r WHERE r.case_id = c.id" \
  "     AND r.status NOT IN ('declined', 'completed', 'cancelled')" \
  "   UNION ALL SELECT s.due_on FROM services s WHERE s.case_id = c.id" \
  "     AND s.status IN ('planned', 'in_progress')" \
  "   UNION ALL SELECT (SELECT i.next_follow_up FROM interviews i WHERE i.case_id = c.id" \
  "     ORDER BY i.occurred_at DESC, i.id DESC LIMIT 1)))"

/* The supervisor dashboard's drill-downs: one caseworker's cases, active
 * cases, no contact since a date, overdue follow-ups, closure requested,
 * overdue referrals to one organisation; each checked against SQL over the
 * source tables (which also checks the stored sort keys the triggers keep). */
static void
test_drill_down (void)
{
  g_auto(Actor) a = { NULL, };
  g_auto(Actor) cw = { NULL, };
  g_autoptr(UdhaCaseListModel) model = NULL;
  g_autoptr(UdhaCaseListModel) keyset = NULL;
  g_autoptr(UdhaCaseListModel) own = NULL;
  g_autofree char *today = NULL;
  g_autofree char *since = NULL;
  gint64 arta, n, org;

  sign_in (&a, SUPERVISOR, USERS_PASS);
  sign_in (&cw, CASEWORKER, USERS_PASS);
  today = udha_session_today (a.session);
  arta = udha_session_get_user_id (cw.session);
  model = udha_case_list_model_new (a.session);
  keyset = udha_case_list_model_new (a.session);
  _udha_case_list_model_set_ids_limit (keyset, 0);
  udha_case_list_model_set_sort (model, UDHA_CASE_SORT_NAME, FALSE);
  udha_case_list_model_set_sort (keyset, UDHA_CASE_SORT_NAME, FALSE);

  /* The stored keys are what the contact log, services and referrals say */
  g_assert_cmpint (sql_int (&a, "SELECT count(*) FROM cases c WHERE c.last_contact IS NOT "
                                "(SELECT substr (max (i.occurred_at), 1, 10) FROM interviews i WHERE i.case_id = c.id) "
                                "OR c.next_follow_up IS NOT " NEXT_FOLLOW_UP_COMPUTED " "
                                "OR c.next_referral_due IS NOT (SELECT min (r.follow_up_due) FROM referrals r "
                                "  WHERE r.case_id = c.id AND r.status NOT IN ('declined', 'completed', 'cancelled'))",
                            today, 0), ==, 0);

  /* One caseworker's cases */
  udha_case_list_model_set_assigned_user (model, arta);
  udha_case_list_model_set_assigned_user (keyset, arta);
  n = sql_int (&a, "SELECT count(*) FROM cases WHERE office_id = ?1 AND assigned_user_id = ?3", today, arta);
  g_assert_cmpint (n, >, 0);
  check_both_paths (model, keyset, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (udha_case_row_get_assigned_user (item (model, i)), ==,
                     udha_user_get_display_name (udha_session_get_user (cw.session)));

  /* …still active */
  udha_case_list_model_set_active_only (model, TRUE);
  udha_case_list_model_set_active_only (keyset, TRUE);
  n = sql_int (&a, "SELECT count(*) FROM cases WHERE office_id = ?1 AND assigned_user_id = ?3 "
                   "AND status NOT IN ('closed', 'transferred', 'duplicate')", today, arta);
  g_assert_cmpint (n, >, 0);
  check_both_paths (model, keyset, n);
  udha_case_list_model_set_assigned_user (model, 0);
  udha_case_list_model_set_assigned_user (keyset, 0);

  /* No contact in 30 days (active cases of the office) */
  {
    g_autoptr(GDate) date = g_date_new ();
    char buf[16];

    g_date_set_parse (date, today);
    g_assert_true (g_date_valid (date));
    g_date_subtract_days (date, 30);
    g_date_strftime (buf, sizeof buf, "%Y-%m-%d", date);
    since = g_strdup (buf);
  }
  udha_case_list_model_set_no_contact_since (model, since);
  udha_case_list_model_set_no_contact_since (keyset, since);
  {
    g_autoptr(GError) error = NULL;
    sqlite3_stmt *stmt = udha_store_prepare (a.store,
                                             "SELECT count(*) FROM cases c WHERE c.office_id = ?1 "
                                             "AND c.status NOT IN ('closed', 'transferred', 'duplicate') "
                                             "AND NOT EXISTS (SELECT 1 FROM interviews i WHERE i.case_id = c.id "
                                             "                AND substr (i.occurred_at, 1, 10) >= ?2)",
                                             &error);

    g_assert_no_error (error);
    sqlite3_bind_int64 (stmt, 1, udha_session_get_office_id (a.session));
    sqlite3_bind_text (stmt, 2, since, -1, SQLITE_TRANSIENT);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    n = sqlite3_column_int64 (stmt, 0);
    sqlite3_reset (stmt);
    sqlite3_clear_bindings (stmt);
  }
  g_assert_cmpint (n, >, 0);
  check_both_paths (model, keyset, n);
  udha_case_list_model_set_no_contact_since (model, NULL);
  udha_case_list_model_set_no_contact_since (keyset, NULL);

  /* Overdue follow-ups */
  udha_case_list_model_set_overdue_follow_ups (model, TRUE);
  udha_case_list_model_set_overdue_follow_ups (keyset, TRUE);
  n = sql_int (&a, "SELECT count(*) FROM cases c WHERE c.office_id = ?1 "
                   "AND c.status NOT IN ('closed', 'transferred', 'duplicate') "
                   "AND " NEXT_FOLLOW_UP_COMPUTED " < ?2", today, 0);
  g_assert_cmpint (n, >, 0);
  check_both_paths (model, keyset, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (udha_case_row_get_next_follow_up (item (model, i)), <, today);
  udha_case_list_model_set_overdue_follow_ups (model, FALSE);
  udha_case_list_model_set_overdue_follow_ups (keyset, FALSE);
  udha_case_list_model_set_active_only (model, FALSE);
  udha_case_list_model_set_active_only (keyset, FALSE);

  /* Closure requested is a status */
  udha_case_list_model_set_status (model, "closure_requested");
  udha_case_list_model_set_status (keyset, "closure_requested");
  n = sql_int (&a, "SELECT count(*) FROM cases WHERE office_id = ?1 AND status = 'closure_requested'", today, 0);
  check_both_paths (model, keyset, n);
  udha_case_list_model_set_status (model, NULL);
  udha_case_list_model_set_status (keyset, NULL);

  /* Overdue referrals to the organisation with the most of them */
  org = sql_int (&a, "SELECT r.org_id FROM referrals r JOIN cases c ON c.id = r.case_id WHERE c.office_id = ?1 "
                     "AND r.follow_up_due < ?2 AND r.status NOT IN ('declined', 'completed', 'cancelled') "
                     "GROUP BY 1 ORDER BY count(DISTINCT r.case_id) DESC, 1 LIMIT 1", today, 0);
  udha_case_list_model_set_overdue_referral_org (model, org);
  udha_case_list_model_set_overdue_referral_org (keyset, org);
  n = sql_int (&a, "SELECT count(DISTINCT r.case_id) FROM referrals r JOIN cases c ON c.id = r.case_id "
                   "WHERE c.office_id = ?1 AND r.org_id = ?3 AND r.follow_up_due < ?2 "
                   "AND r.status NOT IN ('declined', 'completed', 'cancelled')", today, org);
  g_assert_cmpint (n, >, 0);
  check_both_paths (model, keyset, n);
  for (guint i = 0; i < n; i++)
    g_assert_true (udha_case_row_get_overdue (item (model, i)));

  /* A caseworker drilling into a colleague's cases sees nothing */
  own = udha_case_list_model_new (cw.session);
  udha_case_list_model_set_assigned_user (own, udha_session_get_user_id (a.session));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (own)), ==, 0);
  udha_case_list_model_set_assigned_user (own, arta);
  g_assert_cmpint (g_list_model_get_n_items (G_LIST_MODEL (own)), ==,
                   sql_int (&a, "SELECT count(*) FROM cases WHERE assigned_user_id = ?3", today, arta));
}

static void
test_refresh (void)
{
  g_auto(Actor) a = { NULL, };
  g_autoptr(UdhaCaseListModel) model = NULL;
  g_autoptr(UdhaCaseListModel) keyset = NULL;
  guint n;
  gint64 id;

  sign_in (&a, CASEWORKER, USERS_PASS);
  model = udha_case_list_model_new (a.session);
  keyset = udha_case_list_model_new (a.session);
  _udha_case_list_model_set_ids_limit (keyset, 0);
  udha_case_list_model_set_scope_filter (model, UDHA_CASE_LIST_MINE);
  udha_case_list_model_set_scope_filter (keyset, UDHA_CASE_LIST_MINE);
  udha_case_list_model_set_sort (model, UDHA_CASE_SORT_NUMBER, TRUE);
  udha_case_list_model_set_sort (keyset, UDHA_CASE_SORT_LAST_CONTACT, TRUE);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, >, 0);
  /* Cached pages, to see that refresh drops them */
  item (model, 0);
  item (keyset, 0);

  id = open_case (&a, "Leila", "Haddad", CASEWORKER);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);
  udha_case_list_model_refresh (model);
  udha_case_list_model_refresh (keyset);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n + 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (keyset)), ==, n + 1);
  /* The newest number comes first; no contact yet sorts last descending */
  g_assert_cmpint (udha_case_row_get_id (item (model, 0)), ==, id);
  g_assert_cmpint (udha_case_row_get_id (item (keyset, n)), ==, id);
  g_assert_null (udha_case_row_get_last_contact (item (keyset, n)));
  g_assert_cmpstr (udha_case_row_get_status (item (model, 0)), ==, "open");
  g_assert_false (udha_case_row_get_overdue (item (model, 0)));
}

static void
test_properties (void)
{
  g_auto(Actor) a = { NULL, };
  g_autoptr(UdhaCaseListModel) model = NULL;
  g_autoptr(UdhaCaseRow) row = NULL;
  g_autofree char *number = NULL;
  g_autofree char *name = NULL;
  gint64 id = 0;
  gboolean overdue = TRUE;

  sign_in (&a, SUPERVISOR, USERS_PASS);
  model = udha_case_list_model_new (a.session);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == UDHA_TYPE_CASE_ROW);
  row = g_list_model_get_item (G_LIST_MODEL (model), 5);
  g_object_get (row, "id", &id, "number", &number, "person-name", &name, "overdue", &overdue, NULL);
  g_assert_cmpint (id, ==, udha_case_row_get_id (row));
  g_assert_cmpstr (number, ==, udha_case_row_get_number (row));
  g_assert_cmpstr (name, ==, udha_case_row_get_person_name (row));
  g_assert_true (overdue == udha_case_row_get_overdue (row));
  for (const char * const *p = (const char * const []) { "citizenship", "case-type", "status", "risk",
                                                          "last-contact", "next-follow-up",
                                                          "assigned-user", "office-code", NULL };
       *p != NULL; p++)
    g_assert_nonnull (g_object_class_find_property (G_OBJECT_GET_CLASS (row), *p));
  g_assert_cmpuint (udha_case_list_model_get_n_fetches (model), ==, 1);
  g_clear_object (&row);
  g_assert_finalize_object (g_steal_pointer (&model));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int rc;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  if (!udha_core_init (&error))
    g_error ("%s", error->message);

  g_test_add_func ("/udha/session/case-list-model/scope-counts", test_scope_counts);
  g_test_add_func ("/udha/session/case-list-model/sorts", test_sorts);
  g_test_add_func ("/udha/session/case-list-model/filters", test_filters);
  g_test_add_func ("/udha/session/case-list-model/random-access", test_random_access);
  g_test_add_func ("/udha/session/case-list-model/items-changed", test_items_changed);
  g_test_add_func ("/udha/session/case-list-model/caseworker-scope", test_caseworker_scope);
  g_test_add_func ("/udha/session/case-list-model/properties", test_properties);
  g_test_add_func ("/udha/session/case-list-model/text", test_text);
  g_test_add_func ("/udha/session/case-list-model/refresh", test_refresh);
  g_test_add_func ("/udha/session/case-list-model/drill-down", test_drill_down);

  make_vault ();
  rc = g_test_run ();
  remove_vault ();
  return rc;
}
