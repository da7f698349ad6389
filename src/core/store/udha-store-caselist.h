/* udha-store-caselist.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "udha-store.h"

G_BEGIN_DECLS

/**
 * UdhaCaseSort:
 * @UDHA_CASE_SORT_NUMBER: case number (the unique index on cases.number)
 * @UDHA_CASE_SORT_NAME: family name, then given name, folded (cases.sort_name)
 * @UDHA_CASE_SORT_CASE_TYPE: case type code, alphabetical
 * @UDHA_CASE_SORT_STATUS: status, in workflow order (open … duplicate)
 * @UDHA_CASE_SORT_RISK: risk: unset < low < medium < high
 * @UDHA_CASE_SORT_LAST_CONTACT: date of the latest interview (none first)
 * @UDHA_CASE_SORT_NEXT_FOLLOW_UP: next follow-up date (none first)
 *
 * The sort keys of a caseload list; ties are always broken by case id.
 */
typedef enum
{
  UDHA_CASE_SORT_NUMBER,
  UDHA_CASE_SORT_NAME,
  UDHA_CASE_SORT_CASE_TYPE,
  UDHA_CASE_SORT_STATUS,
  UDHA_CASE_SORT_RISK,
  UDHA_CASE_SORT_LAST_CONTACT,
  UDHA_CASE_SORT_NEXT_FOLLOW_UP,
} UdhaCaseSort;

#define UDHA_CASE_SORT_N_KEYS (UDHA_CASE_SORT_NEXT_FOLLOW_UP + 1)

/**
 * UdhaCaseListQuery:
 * @filter: scope and filters, as for udha_store_list_cases(); @filter.today
 *   must be set (it decides "overdue")
 * @text: (nullable): search text, matched through the search index (names
 *   in any spelling, documents, phones, registration and case numbers)
 * @sort: the sort key
 * @descending: %TRUE for descending order (ties: id descending too)
 */
typedef struct
{
  UdhaCaseQuery  filter;
  const char    *text;
  UdhaCaseSort   sort;
  gboolean       descending;
} UdhaCaseListQuery;

/**
 * UdhaCaseListRow:
 * @id: the case id
 * @number: the case number
 * @family_name: the person's family name
 * @given_name: the person's given name
 * @citizenship: (nullable): citizenship codes, comma-joined
 * @case_type: case type code
 * @status: status code
 * @risk: (nullable): risk code
 * @last_contact: (nullable): ISO date of the latest interview
 * @next_follow_up: (nullable): ISO date of the earliest pending follow-up
 *   (open referral, planned service, or the latest interview's next
 *   follow-up)
 * @overdue: the case has an open referral whose follow-up date has passed
 * @assigned_user: (nullable): the assignee's display name, %NULL for intake
 * @office_code: the office code
 * @sort_key: (nullable): the value of the sort key the row was read by
 *   (keyset paging); %NULL when read by id
 *
 * One light row of a caseload list.
 */
typedef struct
{
  gint64    id;
  char     *number;
  char     *family_name;
  char     *given_name;
  char     *citizenship;
  char     *case_type;
  char     *status;
  char     *risk;
  char     *last_contact;
  char     *next_follow_up;
  gboolean  overdue;
  char     *assigned_user;
  char     *office_code;
  char     *sort_key;
} UdhaCaseListRow;

void                udha_case_list_row_free          (UdhaCaseListRow          *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdhaCaseListRow, udha_case_list_row_free)

/* The largest number of ids udha_store_caselist_rows() takes at once. */
#define UDHA_STORE_CASELIST_MAX_IDS 100

const char * const *udha_store_caselist_buckets      (UdhaCaseSort              sort,
                                                      guint                    *n_buckets);
gint64              udha_store_caselist_count        (UdhaStore                *self,
                                                      const UdhaCaseListQuery  *query,
                                                      gint64                   *bucket_counts,
                                                      GError                  **error);
GArray             *udha_store_caselist_ids          (UdhaStore                *self,
                                                      const UdhaCaseListQuery  *query,
                                                      GError                  **error);
GPtrArray          *udha_store_caselist_rows         (UdhaStore                *self,
                                                      const UdhaCaseListQuery  *query,
                                                      const gint64             *ids,
                                                      guint                     n_ids,
                                                      GError                  **error);
GPtrArray          *udha_store_caselist_page_number  (UdhaStore                *self,
                                                      const UdhaCaseListQuery  *query,
                                                      const char               *after_number,
                                                      guint                     offset,
                                                      guint                     limit,
                                                      GError                  **error);
GPtrArray          *udha_store_caselist_page_keyset  (UdhaStore                *self,
                                                      const UdhaCaseListQuery  *query,
                                                      const char               *after_key,
                                                      gint64                    after_id,
                                                      guint                     offset,
                                                      guint                     limit,
                                                      GError                  **error);
GPtrArray          *udha_store_caselist_page_bucket  (UdhaStore                *self,
                                                      const UdhaCaseListQuery  *query,
                                                      guint                     bucket,
                                                      gint64                    after_id,
                                                      guint                     offset,
                                                      guint                     limit,
                                                      GError                  **error);

G_END_DECLS
