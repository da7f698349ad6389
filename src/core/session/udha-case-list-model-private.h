/* udha-case-list-model-private.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "udha-case-list-model.h"

G_BEGIN_DECLS

/* How the model reaches a page (udha-case-list-model.c). */
typedef enum
{
  UDHA_CASE_LIST_PAGING_IDS,
  UDHA_CASE_LIST_PAGING_KEYSET,
  UDHA_CASE_LIST_PAGING_BUCKETS,
} UdhaCaseListPaging;

/* Lists of at most @limit cases always page by sorted ids; tests set 0 to
 * exercise the keyset paths on small vaults. */
void               _udha_case_list_model_set_ids_limit   (UdhaCaseListModel   *self,
                                                          guint                limit);
UdhaCaseListPaging _udha_case_list_model_get_paging      (UdhaCaseListModel   *self);

G_END_DECLS
