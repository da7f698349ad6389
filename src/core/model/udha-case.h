/* udha-case.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "udha-record.h"

G_BEGIN_DECLS

#define UDHA_TYPE_CASE (udha_case_get_type ())

G_DECLARE_FINAL_TYPE (UdhaCase, udha_case, UDHA, CASE, GObject)

UdhaCase               *udha_case_new                       (void);
const UdhaRecordInfo   *udha_case_get_record_info           (void);
void                    udha_case_to_json                   (UdhaCase    *self,
                                                             JsonBuilder *builder);

gint64                  udha_case_get_id                    (UdhaCase *self);
gint64                  udha_case_get_row_version           (UdhaCase *self);
const char             *udha_case_get_number                (UdhaCase *self);
gint64                  udha_case_get_person_id             (UdhaCase *self);
gint64                  udha_case_get_office_id             (UdhaCase *self);
const char             *udha_case_get_case_type             (UdhaCase *self);
const char * const     *udha_case_get_tags                  (UdhaCase *self);
const char             *udha_case_get_status                (UdhaCase *self);
const char             *udha_case_get_previous_status       (UdhaCase *self);
const char             *udha_case_get_risk                  (UdhaCase *self);
const char * const     *udha_case_get_flags                 (UdhaCase *self);
gint64                  udha_case_get_assigned_user_id      (UdhaCase *self);
const char             *udha_case_get_opened_on             (UdhaCase *self);
const char             *udha_case_get_closed_on             (UdhaCase *self);
const char             *udha_case_get_closure_reason        (UdhaCase *self);
const char             *udha_case_get_closure_note          (UdhaCase *self);
gint64                  udha_case_get_closure_requested_by  (UdhaCase *self);
const char             *udha_case_get_closure_requested_at  (UdhaCase *self);
gint64                  udha_case_get_created_by            (UdhaCase *self);
const char             *udha_case_get_created_at            (UdhaCase *self);

void                    udha_case_set_number                (UdhaCase   *self,
                                                             const char *value);
void                    udha_case_set_person_id             (UdhaCase *self,
                                                             gint64    value);
void                    udha_case_set_office_id             (UdhaCase *self,
                                                             gint64    value);
void                    udha_case_set_case_type             (UdhaCase   *self,
                                                             const char *value);
void                    udha_case_set_tags                  (UdhaCase           *self,
                                                             const char * const *value);
void                    udha_case_set_status                (UdhaCase   *self,
                                                             const char *value);
void                    udha_case_set_previous_status       (UdhaCase   *self,
                                                             const char *value);
void                    udha_case_set_risk                  (UdhaCase   *self,
                                                             const char *value);
void                    udha_case_set_flags                 (UdhaCase           *self,
                                                             const char * const *value);
void                    udha_case_set_assigned_user_id      (UdhaCase *self,
                                                             gint64    value);
void                    udha_case_set_opened_on             (UdhaCase   *self,
                                                             const char *value);
void                    udha_case_set_closed_on             (UdhaCase   *self,
                                                             const char *value);
void                    udha_case_set_closure_reason        (UdhaCase   *self,
                                                             const char *value);
void                    udha_case_set_closure_note          (UdhaCase   *self,
                                                             const char *value);
void                    udha_case_set_closure_requested_by  (UdhaCase *self,
                                                             gint64    value);
void                    udha_case_set_closure_requested_at  (UdhaCase   *self,
                                                             const char *value);
void                    udha_case_set_created_by            (UdhaCase *self,
                                                             gint64    value);
void                    udha_case_set_created_at            (UdhaCase   *self,
                                                             const char *value);

G_END_DECLS
