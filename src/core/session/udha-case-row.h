/* udha-case-row.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define UDHA_TYPE_CASE_ROW (udha_case_row_get_type ())

G_DECLARE_FINAL_TYPE (UdhaCaseRow, udha_case_row, UDHA, CASE_ROW, GObject)

gint64      udha_case_row_get_id             (UdhaCaseRow *self);
const char *udha_case_row_get_number         (UdhaCaseRow *self);
const char *udha_case_row_get_person_name    (UdhaCaseRow *self);
const char *udha_case_row_get_family_name    (UdhaCaseRow *self);
const char *udha_case_row_get_given_name     (UdhaCaseRow *self);
const char *udha_case_row_get_citizenship    (UdhaCaseRow *self);
const char *udha_case_row_get_case_type      (UdhaCaseRow *self);
const char *udha_case_row_get_status         (UdhaCaseRow *self);
const char *udha_case_row_get_risk           (UdhaCaseRow *self);
const char *udha_case_row_get_last_contact   (UdhaCaseRow *self);
const char *udha_case_row_get_next_follow_up (UdhaCaseRow *self);
gboolean    udha_case_row_get_overdue        (UdhaCaseRow *self);
const char *udha_case_row_get_assigned_user  (UdhaCaseRow *self);
const char *udha_case_row_get_office_code    (UdhaCaseRow *self);

G_END_DECLS
