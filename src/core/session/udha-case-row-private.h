/* udha-case-row-private.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "udha-case-row.h"
#include "udha-store-caselist.h"

G_BEGIN_DECLS

UdhaCaseRow *_udha_case_row_new          (UdhaCaseListRow *row);
const char  *_udha_case_row_get_sort_key (UdhaCaseRow     *self);

G_END_DECLS
