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

UdhaCaseRow *_udha_case_row_new (UdhaCaseListRow *row);

G_END_DECLS
