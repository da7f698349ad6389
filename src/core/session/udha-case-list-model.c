/* udha-case-list-model.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The lazy caseload list (DESIGN.md "Lists"): a GListModel over one SQL
 * query (scope + filters + sort), whose rows are read in pages of 100 only
 * when the view asks for them. Sorting and filtering happen in SQL.
 *
 * The scope comes from the session (DOMAIN.md §9): a caseworker sees the
 * cases assigned to them and their office's intake, a supervisor the
 * office, an administrator no case at all.
 *
 * Counting: once per query (every setter and refresh), cached. Without a
 * text or date-dependent filter it reads the maintained case counts
 * (schema v2), a few rows whatever the caseload.
 *
 * Paging (udha-store-caselist.c has the SQL):
 *
 * - IDS: for a text filter and for any list of at most ids_limit (10,000)
 *   cases, the model reads the sorted ids of the whole list once (8 bytes
 *   per case), then any page by its 100 ids. Random access costs what
 *   sequential access costs.
 * - KEYSET (number, name, last contact, next follow-up): every sort key
 *   is stored and indexed per scope (schema v2). The next page starts
 *   after the sort key and id of the last row of the previous page when
 *   that page is cached; a jump starts from the nearest cached page
 *   before it with an OFFSET (over the index alone) for the gap, or from
 *   the top.
 * - BUCKETS: for case type, status and risk. The counts per value tell
 *   the model where each value starts; inside a value rows come in id
 *   order, keyset on id from the previous row, or OFFSET inside the value
 *   for a jump.
 *
 * Cache: at most 16 pages (1,600 rows), least recently used first out.
 * Statements are reset after each page: nothing is held between main-loop
 * iterations. All on the main thread; each query is short. */

#define G_LOG_DOMAIN "udha-case-list-model"

#include "config.h"

#include "udha-case-list-model-private.h"
#include "udha-case-row-private.h"
#include "udha-permissions.h"

#include <string.h>

#define DEFAULT_IDS_LIMIT 10000
#define MAX_BUCKETS       8

typedef struct
{
  guint      index;
  GPtrArray *items;
  GList      link;
} Page;

struct _UdhaCaseListModel
{
  GObject             parent_instance;

  UdhaSession        *session;

  /* The query */
  char               *status;
  char               *case_type;
  char               *risk;
  char               *text;
  char               *no_contact_since;
  gint64              assigned_user_id;
  gint64              overdue_referral_org_id;
  gboolean            overdue_follow_ups;
  gboolean            active_only;
  UdhaCaseListFilter  filter;
  UdhaCaseSort        sort;
  gboolean            descending;
  guint               ids_limit;

  /* Its state, rebuilt by reload () */
  char               *today;
  gboolean            visible;
  guint               n_items;
  UdhaCaseListPaging  paging;
  GArray             *ids;
  guint               n_buckets;
  guint               bucket_order[MAX_BUCKETS];
  guint               bucket_start[MAX_BUCKETS + 1];
  GHashTable         *pages;
  GQueue              lru;
  GError             *error;
  guint               n_fetches;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (UdhaCaseListModel, udha_case_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_SESSION,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Auxiliary methods */

static void
page_free (Page *page)
{
  g_ptr_array_unref (page->items);
  g_free (page);
}

static void
clear_pages (UdhaCaseListModel *self)
{
  g_queue_init (&self->lru);
  g_hash_table_remove_all (self->pages);
}

static gboolean
set_str (char       **str_ptr,
         const char  *new_str)
{
  if (g_strcmp0 (*str_ptr, new_str) == 0)
    return FALSE;
  g_free (*str_ptr);
  *str_ptr = g_strdup (new_str);
  return TRUE;
}

static void
fill_query (UdhaCaseListModel *self,
            UdhaCaseListQuery *q)
{
  memset (q, 0, sizeof *q);
  q->filter.scope.office_id = udha_session_get_office_id (self->session);
  q->filter.scope.user_id = udha_session_get_role (self->session) == UDHA_ROLE_KIND_CASEWORKER
                            ? udha_session_get_user_id (self->session) : 0;
  q->filter.status = self->status;
  q->filter.case_type = self->case_type;
  q->filter.risk = self->risk;
  q->filter.mine = self->filter == UDHA_CASE_LIST_MINE || self->assigned_user_id != 0;
  q->filter.intake = self->filter == UDHA_CASE_LIST_INTAKE;
  q->filter.overdue = self->filter == UDHA_CASE_LIST_OVERDUE;
  q->filter.assigned_user_id = self->assigned_user_id != 0 ? self->assigned_user_id
                                                           : udha_session_get_user_id (self->session);
  q->filter.no_contact_since = self->no_contact_since;
  q->filter.follow_up_overdue = self->overdue_follow_ups;
  q->filter.overdue_referral_org_id = self->overdue_referral_org_id;
  q->filter.active_only = self->active_only;
  q->filter.today = self->today;
  q->text = self->text;
  q->sort = self->sort;
  q->descending = self->descending;
}

/* Counts (or reads the sorted ids) and picks how pages will be read. A
 * small list is counted twice (the count, then its ids): both are cheap. */
static gboolean
count (UdhaCaseListModel  *self,
       GError            **error)
{
  UdhaStore *store = udha_session_get_store (self->session);
  UdhaCaseListQuery q;
  gint64 counts[MAX_BUCKETS] = { 0, };
  gboolean bucketed;
  gint64 n;

  fill_query (self, &q);
  udha_store_caselist_buckets (self->sort, &self->n_buckets);
  g_assert (self->n_buckets <= MAX_BUCKETS);
  bucketed = self->n_buckets > 0;

  if (self->text == NULL)
    {
      n = udha_store_caselist_count (store, &q, bucketed ? counts : NULL, error);
      if (n < 0)
        return FALSE;
      if (n > self->ids_limit)
        {
          self->n_items = (guint) n;
          self->paging = bucketed ? UDHA_CASE_LIST_PAGING_BUCKETS : UDHA_CASE_LIST_PAGING_KEYSET;
          self->bucket_start[0] = 0;
          for (guint i = 0; i < self->n_buckets; i++)
            {
              guint b = self->descending ? self->n_buckets - 1 - i : i;

              self->bucket_order[i] = b;
              self->bucket_start[i + 1] = self->bucket_start[i] + (guint) counts[b];
            }
          return TRUE;
        }
    }

  self->ids = udha_store_caselist_ids (store, &q, error);
  if (self->ids == NULL)
    return FALSE;
  self->n_items = self->ids->len;
  self->paging = UDHA_CASE_LIST_PAGING_IDS;
  return TRUE;
}

/* The same check as udha_session_list_cases(): viewing the cases of the
 * user's own office (an administrator has no office and sees none). */
static gboolean
may_view_cases (UdhaCaseListModel *self)
{
  UdhaScopeFacts facts = { 0, };

  if (udha_session_is_closed (self->session))
    return FALSE;
  facts.actor_user_id = udha_session_get_user_id (self->session);
  facts.actor_office_id = udha_session_get_office_id (self->session);
  facts.case_office_id = facts.actor_office_id;
  return udha_permission_check (udha_session_get_role (self->session), UDHA_ACTION_VIEW_CASE,
                                &facts, NULL);
}

static void
reload (UdhaCaseListModel *self)
{
  guint old_n = self->n_items;

  clear_pages (self);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_error (&self->error);
  self->n_items = 0;
  self->n_buckets = 0;
  self->paging = UDHA_CASE_LIST_PAGING_IDS;
  g_clear_pointer (&self->today, g_free);

  self->visible = may_view_cases (self);
  if (self->visible)
    {
      self->today = udha_session_today (self->session);
      if (!count (self, &self->error))
        {
          g_warning ("Could not count the caseload: %s", self->error->message);
          g_clear_pointer (&self->ids, g_array_unref);
          self->n_items = 0;
        }
    }

  if (old_n != 0 || self->n_items != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_items);
  if (old_n != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ITEMS]);
}

static Page *
lookup_page (UdhaCaseListModel *self,
             guint              index)
{
  return g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
}

/* Appends the rows of a store page as items; takes @rows. */
static void
take_rows (GPtrArray *items,
           GPtrArray *rows)
{
  g_ptr_array_set_free_func (rows, NULL);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (items, _udha_case_row_new (g_ptr_array_index (rows, i)));
  g_ptr_array_unref (rows);
}

static gboolean
fetch_ids (UdhaCaseListModel        *self,
           const UdhaCaseListQuery  *q,
           guint                     start,
           guint                     n,
           GPtrArray                *items,
           GError                  **error)
{
  GPtrArray *rows;

  rows = udha_store_caselist_rows (udha_session_get_store (self->session), q,
                                   &g_array_index (self->ids, gint64, start), n, error);
  if (rows == NULL)
    return FALSE;
  take_rows (items, rows);
  return TRUE;
}

static gboolean
fetch_keyset (UdhaCaseListModel       *self,
              const UdhaCaseListQuery *q,
              guint                    index,
              guint                    n,
              GPtrArray               *items,
              GError                 **error)
{
  const char *after = NULL;
  gint64 after_id = 0;
  guint start = index * UDHA_CASE_LIST_MODEL_PAGE_SIZE;
  guint offset = start;
  Page *best = NULL;
  GPtrArray *rows;

  /* The nearest cached page before this one: keyset after its last row,
   * OFFSET for the gap (0 when it is the previous page). */
  for (GList *l = self->lru.head; l != NULL; l = l->next)
    {
      Page *p = l->data;

      if (p->index < index && p->items->len == UDHA_CASE_LIST_MODEL_PAGE_SIZE &&
          (best == NULL || p->index > best->index) &&
          _udha_case_row_get_sort_key (g_ptr_array_index (p->items, p->items->len - 1)) != NULL)
        best = p;
    }
  if (best != NULL)
    {
      UdhaCaseRow *last = g_ptr_array_index (best->items, best->items->len - 1);

      after = _udha_case_row_get_sort_key (last);
      after_id = udha_case_row_get_id (last);
      offset = start - (best->index + 1) * UDHA_CASE_LIST_MODEL_PAGE_SIZE;
    }

  rows = udha_store_caselist_page_keyset (udha_session_get_store (self->session), q,
                                          after, after_id, offset, n, error);
  if (rows == NULL)
    return FALSE;
  take_rows (items, rows);
  return TRUE;
}

static gboolean
fetch_buckets (UdhaCaseListModel       *self,
               const UdhaCaseListQuery *q,
               guint                    index,
               guint                    n,
               GPtrArray               *items,
               GError                 **error)
{
  guint start = index * UDHA_CASE_LIST_MODEL_PAGE_SIZE;
  guint pos = start;
  guint slot = 0;
  gint64 prev_id = 0;
  Page *prev = lookup_page (self, index - 1);

  /* The id of the row before @start, when the previous page is cached */
  if (index > 0 && prev != NULL && prev->items->len == UDHA_CASE_LIST_MODEL_PAGE_SIZE)
    prev_id = udha_case_row_get_id (g_ptr_array_index (prev->items, prev->items->len - 1));

  while (pos < start + n)
    {
      guint end = start + n;
      gint64 after = 0;
      guint offset;
      guint got;
      GPtrArray *rows;

      while (slot < self->n_buckets && self->bucket_start[slot + 1] <= pos)
        slot++;
      if (slot >= self->n_buckets)
        break;
      end = MIN (end, self->bucket_start[slot + 1]);
      offset = pos - self->bucket_start[slot];

      /* Keyset from the previous row when it is in the same value */
      if (offset > 0 && prev_id != 0)
        {
          after = prev_id;
          offset = 0;
        }

      rows = udha_store_caselist_page_bucket (udha_session_get_store (self->session), q,
                                              self->bucket_order[slot], after, offset,
                                              end - pos, error);
      if (rows == NULL)
        return FALSE;
      got = rows->len;
      take_rows (items, rows);
      if (got < end - pos)
        break; /* the data changed under the count: the rest are placeholders */
      pos = end;
      prev_id = udha_case_row_get_id (g_ptr_array_index (items, items->len - 1));
    }
  return TRUE;
}

static Page *
fetch_page (UdhaCaseListModel *self,
            guint              index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint start = index * UDHA_CASE_LIST_MODEL_PAGE_SIZE;
  guint n = MIN (UDHA_CASE_LIST_MODEL_PAGE_SIZE, self->n_items - start);
  UdhaCaseListQuery q;
  gboolean ok = FALSE;
  Page *page;

  fill_query (self, &q);
  self->n_fetches++;

  switch (self->paging)
    {
    case UDHA_CASE_LIST_PAGING_IDS:
      ok = fetch_ids (self, &q, start, n, items, &error);
      break;
    case UDHA_CASE_LIST_PAGING_KEYSET:
      ok = fetch_keyset (self, &q, index, n, items, &error);
      break;
    case UDHA_CASE_LIST_PAGING_BUCKETS:
      ok = fetch_buckets (self, &q, index, n, items, &error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (!ok)
    {
      g_warning ("Could not read a page of the caseload: %s", error->message);
      g_ptr_array_set_size (items, 0);
    }

  /* A case that left the list since the count reads as an empty row
   * (id 0) until the next refresh. */
  while (items->len < n)
    g_ptr_array_add (items, _udha_case_row_new (g_new0 (UdhaCaseListRow, 1)));

  page = g_new0 (Page, 1);
  page->index = index;
  page->items = g_steal_pointer (&items);
  page->link.data = page;

  if (!ok)
    return page; /* not cached: asked again next time */

  while (self->lru.length >= UDHA_CASE_LIST_MODEL_MAX_PAGES)
    {
      Page *old = self->lru.tail->data;

      g_queue_unlink (&self->lru, &old->link);
      g_hash_table_remove (self->pages, GUINT_TO_POINTER (old->index));
    }
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);
  g_queue_push_head_link (&self->lru, &page->link);
  return page;
}

/* GListModel */

static GType
udha_case_list_model_get_item_type (GListModel *model)
{
  return UDHA_TYPE_CASE_ROW;
}

static guint
udha_case_list_model_get_n_items (GListModel *model)
{
  return UDHA_CASE_LIST_MODEL (model)->n_items;
}

static gpointer
udha_case_list_model_get_item (GListModel *model,
                               guint       position)
{
  UdhaCaseListModel *self = UDHA_CASE_LIST_MODEL (model);
  guint index = position / UDHA_CASE_LIST_MODEL_PAGE_SIZE;
  gpointer item;
  Page *page;

  if (position >= self->n_items)
    return NULL;

  page = lookup_page (self, index);
  if (page != NULL)
    {
      g_queue_unlink (&self->lru, &page->link);
      g_queue_push_head_link (&self->lru, &page->link);
    }
  else
    {
      page = fetch_page (self, index);
    }

  item = g_object_ref (g_ptr_array_index (page->items, position % UDHA_CASE_LIST_MODEL_PAGE_SIZE));
  if (lookup_page (self, index) != page)
    page_free (page);
  return item;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = udha_case_list_model_get_item_type;
  iface->get_n_items = udha_case_list_model_get_n_items;
  iface->get_item = udha_case_list_model_get_item;
}

/* GObject */

static void
udha_case_list_model_dispose (GObject *object)
{
  UdhaCaseListModel *self = (UdhaCaseListModel *)object;

  clear_pages (self);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (udha_case_list_model_parent_class)->dispose (object);
}

static void
udha_case_list_model_finalize (GObject *object)
{
  UdhaCaseListModel *self = (UdhaCaseListModel *)object;

  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->case_type, g_free);
  g_clear_pointer (&self->risk, g_free);
  g_clear_pointer (&self->no_contact_since, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->today, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (udha_case_list_model_parent_class)->finalize (object);
}

static void
udha_case_list_model_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  UdhaCaseListModel *self = UDHA_CASE_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
udha_case_list_model_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  UdhaCaseListModel *self = UDHA_CASE_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
udha_case_list_model_constructed (GObject *object)
{
  UdhaCaseListModel *self = UDHA_CASE_LIST_MODEL (object);

  G_OBJECT_CLASS (udha_case_list_model_parent_class)->constructed (object);

  g_assert (UDHA_IS_SESSION (self->session));
  reload (self);
}

static void
udha_case_list_model_class_init (UdhaCaseListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = udha_case_list_model_constructed;
  object_class->dispose = udha_case_list_model_dispose;
  object_class->finalize = udha_case_list_model_finalize;
  object_class->get_property = udha_case_list_model_get_property;
  object_class->set_property = udha_case_list_model_set_property;

  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         UDHA_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
udha_case_list_model_init (UdhaCaseListModel *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) page_free);
  g_queue_init (&self->lru);
  self->filter = UDHA_CASE_LIST_ALL;
  self->sort = UDHA_CASE_SORT_NUMBER;
  self->ids_limit = DEFAULT_IDS_LIMIT;
}

/* Public API */

/**
 * udha_case_list_model_new:
 * @session: a signed-in #UdhaSession
 *
 * The caseload in the session's scope, every status, sorted by case
 * number. Counts at once.
 *
 * Returns: (transfer full): a new #UdhaCaseListModel
 */
UdhaCaseListModel *
udha_case_list_model_new (UdhaSession *session)
{
  g_return_val_if_fail (UDHA_IS_SESSION (session), NULL);

  return g_object_new (UDHA_TYPE_CASE_LIST_MODEL, "session", session, NULL);
}

/**
 * udha_case_list_model_get_session:
 *
 * Returns: (transfer none): the session
 */
UdhaSession *
udha_case_list_model_get_session (UdhaCaseListModel *self)
{
  g_return_val_if_fail (UDHA_IS_CASE_LIST_MODEL (self), NULL);

  return self->session;
}

/**
 * udha_case_list_model_set_status:
 * @self: a #UdhaCaseListModel
 * @status: (nullable): a status code, or %NULL for every status
 */
void
udha_case_list_model_set_status (UdhaCaseListModel *self,
                                 const char        *status)
{
  g_return_if_fail (UDHA_IS_CASE_LIST_MODEL (self));

  if (set_str (&self->status, status))
    reload (self);
}

/**
 * udha_case_list_model_set_case_type:
 * @self: a #UdhaCaseListModel
 * @case_type: (nullable): a case type code, or %NULL for every type
 */
void
udha_case_list_model_set_case_type (UdhaCaseListModel *self,
                                    const char        *case_type)
{
  g_return_if_fail (UDHA_IS_CASE_LIST_MODEL (self));

  if (set_str (&self->case_type, case_type))
    reload (self);
}

/**
 * udha_case_list_model_set_risk:
 * @self: a #UdhaCaseListModel
 * @risk: (nullable): a risk code, "" for the cases without a risk level
 *   yet, or %NULL for every risk
 */
void
udha_case_list_model_set_risk (UdhaCaseListModel *self,
                               const char        *risk)
{
  g_return_if_fail (UDHA_IS_CASE_LIST_MODEL (self));

  if (set_str (&self->risk, risk))
    reload (self);
}

/**
 * udha_case_list_model_set_scope_filter:
 * @self: a #UdhaCaseListModel
 * @filter: all visible, mine, the intake queue, or overdue
 */
void
udha_case_list_model_set_scope_filter (UdhaCaseListModel  *self,
                                       UdhaCaseListFilter  filter)
{
  g_return_if_fail (UDHA_IS_CASE_LIST_MODEL (self));
  g_return_if_fail (filter <= UDHA_CASE_LIST_OVERDUE);

  if (self->filter == filter)
    return;
  self->filter = filter;
  reload (self);
}

/**
 * udha_case_list_model_set_assigned_user:
 * @self: a #UdhaCaseListModel
 * @user_id: a user id, or 0 for every assignee
 *
 * Only the cases assigned to one user (a supervisor's drill-down into one
 * caseworker's caseload); combined with the session's scope, so a
 * caseworker sees nothing of a colleague's.
 */
void
udha_case_list_model_set_assigned_user (UdhaCaseListModel *self,
                                        gint64             user_id)
{
  g_return_if_fail (UDHA_IS_CASE_LIST_MODEL (self));

  if (self->assigned_user_id == user_id)
    return;
  self->assigned_user_id = user_id;
  reload (self);
}

/**
 * udha_case_list_model_set_active_only:
 * @self: a #UdhaCaseListModel
 * @active_only: leave out closed, transferred and duplicate cases
 */
void
udha_case_list_model_set_active_only (UdhaCaseListModel *self,
                                      gboolean           active_only)
{
  g_return_if_fail (UDHA_IS_CASE_LIST_MODEL (self));

  active_only = !!active_only;
  if (self->active_only == active_only)
    return;
  self->active_only = active_only;
  reload (self);
}

/**
 * udha_case_list_model_set_no_contact_since:
 * @self: a #UdhaCaseListModel
 * @date: (nullable): an ISO date ("2026-03-01"); %NULL for no filter
 *
 * Only the cases without an interview on or after @date: none at all, or
 * the latest before it ("no contact in 30 days" with the date 30 days ago).
 */
void
udha_case_list_model_set_no_contact_since (UdhaCaseListModel *self,
                                           const char        *date)
{
  g_return_if_fail (UDHA_IS_CASE_LIST_MODEL (self));

  if (set_str (&self->no_contact_since, date))
    reload (self);
}

/**
 * udha_case_list_model_set_overdue_follow_ups:
 * @self: a #UdhaCaseListModel
 * @overdue: only the cases whose next follow-up date (open referral,
 *   planned service, or the latest interview's next follow-up) has passed
 */
void
udha_case_list_model_set_overdue_follow_ups (UdhaCaseListModel *self,
                                             gboolean           overdue)
{
  g_return_if_fail (UDHA_IS_CASE_LIST_MODEL (self));

  overdue = !!overdue;
  if (self->overdue_follow_ups == overdue)
    return;
  self->overdue_follow_ups = overdue;
  reload (self);
}

/**
 * udha_case_list_model_set_overdue_referral_org:
 * @self: a #UdhaCaseListModel
 * @org_id: an organisation id, or 0 for no filter
 *
 * Only the cases with an open referral to this organisation whose
 * follow-up date has passed.
 */
void
udha_case_list_model_set_overdue_referral_org (UdhaCaseListModel *self,
                                               gint64             org_id)
{
  g_return_if_fail (UDHA_IS_CASE_LIST_MODEL (self));

  if (self->overdue_referral_org_id == org_id)
    return;
  self->overdue_referral_org_id = org_id;
  reload (self);
}

/**
 * udha_case_list_model_set_text:
 * @self: a #UdhaCaseListModel
 * @text: (nullable): what the user typed; %NULL or blank for no text filter
 *
 * Keeps the cases whose person (names in any spelling, documents, phones,
 * registration number) or case number matches, as the search does.
 */
void
udha_case_list_model_set_text (UdhaCaseListModel *self,
                               const char        *text)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (UDHA_IS_CASE_LIST_MODEL (self));

  if (text != NULL)
    {
      stripped = g_strstrip (g_strdup (text));
      if (*stripped == '\0')
        g_clear_pointer (&stripped, g_free);
    }
  if (set_str (&self->text, stripped))
    reload (self);
}

/**
 * udha_case_list_model_set_sort:
 * @self: a #UdhaCaseListModel
 * @key: the sort key
 * @descending: %TRUE for descending order
 *
 * Ties are broken by case id, in the same direction.
 */
void
udha_case_list_model_set_sort (UdhaCaseListModel *self,
                               UdhaCaseSort       key,
                               gboolean           descending)
{
  g_return_if_fail (UDHA_IS_CASE_LIST_MODEL (self));
  g_return_if_fail (key < UDHA_CASE_SORT_N_KEYS);

  descending = !!descending;
  if (self->sort == key && self->descending == descending)
    return;
  self->sort = key;
  self->descending = descending;
  reload (self);
}

/**
 * udha_case_list_model_get_sort:
 * @self: a #UdhaCaseListModel
 * @descending: (out) (optional): whether the order is descending
 *
 * Returns: the sort key
 */
UdhaCaseSort
udha_case_list_model_get_sort (UdhaCaseListModel *self,
                               gboolean          *descending)
{
  g_return_val_if_fail (UDHA_IS_CASE_LIST_MODEL (self), UDHA_CASE_SORT_NUMBER);

  if (descending != NULL)
    *descending = self->descending;
  return self->sort;
}

/**
 * udha_case_list_model_refresh:
 * @self: a #UdhaCaseListModel
 *
 * Counts again and drops the cached pages, after a write or when the
 * session's user or the date may have changed. Emits
 * #GListModel::items-changed for the whole list.
 */
void
udha_case_list_model_refresh (UdhaCaseListModel *self)
{
  g_return_if_fail (UDHA_IS_CASE_LIST_MODEL (self));

  reload (self);
}

/**
 * udha_case_list_model_get_error:
 * @self: a #UdhaCaseListModel
 *
 * Returns: (nullable): why the last count failed, or %NULL
 */
const GError *
udha_case_list_model_get_error (UdhaCaseListModel *self)
{
  g_return_val_if_fail (UDHA_IS_CASE_LIST_MODEL (self), NULL);

  return self->error;
}

/**
 * udha_case_list_model_get_n_fetches:
 * @self: a #UdhaCaseListModel
 *
 * Returns: how many pages were read from the store since the model was
 *   made (cache misses)
 */
guint
udha_case_list_model_get_n_fetches (UdhaCaseListModel *self)
{
  g_return_val_if_fail (UDHA_IS_CASE_LIST_MODEL (self), 0);

  return self->n_fetches;
}

/**
 * udha_case_list_model_get_n_cached_pages:
 * @self: a #UdhaCaseListModel
 *
 * Returns: how many pages are held, at most
 *   %UDHA_CASE_LIST_MODEL_MAX_PAGES
 */
guint
udha_case_list_model_get_n_cached_pages (UdhaCaseListModel *self)
{
  g_return_val_if_fail (UDHA_IS_CASE_LIST_MODEL (self), 0);

  return self->lru.length;
}

void
_udha_case_list_model_set_ids_limit (UdhaCaseListModel *self,
                                     guint              limit)
{
  g_return_if_fail (UDHA_IS_CASE_LIST_MODEL (self));

  self->ids_limit = limit;
  reload (self);
}

UdhaCaseListPaging
_udha_case_list_model_get_paging (UdhaCaseListModel *self)
{
  g_return_val_if_fail (UDHA_IS_CASE_LIST_MODEL (self), UDHA_CASE_LIST_PAGING_IDS);

  return self->paging;
}
