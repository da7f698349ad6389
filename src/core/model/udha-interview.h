/* udha-interview.h
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

#define UDHA_TYPE_INTERVIEW (udha_interview_get_type ())

G_DECLARE_FINAL_TYPE (UdhaInterview, udha_interview, UDHA, INTERVIEW, GObject)

UdhaInterview          *udha_interview_new                      (void);
const UdhaRecordInfo   *udha_interview_get_record_info          (void);
void                    udha_interview_to_json                  (UdhaInterview *self,
                                                                 JsonBuilder   *builder);

gint64                  udha_interview_get_id                   (UdhaInterview *self);
gint64                  udha_interview_get_row_version          (UdhaInterview *self);
gint64                  udha_interview_get_case_id              (UdhaInterview *self);
const char             *udha_interview_get_occurred_at          (UdhaInterview *self);
gint64                  udha_interview_get_duration_minutes     (UdhaInterview *self);
const char             *udha_interview_get_contact_type         (UdhaInterview *self);
const char             *udha_interview_get_location             (UdhaInterview *self);
const char             *udha_interview_get_qark                 (UdhaInterview *self);
const char             *udha_interview_get_language             (UdhaInterview *self);
const char             *udha_interview_get_interpreter          (UdhaInterview *self);
const char             *udha_interview_get_consent_reconfirmed  (UdhaInterview *self);
const char             *udha_interview_get_narrative            (UdhaInterview *self);
gboolean                udha_interview_get_confidential         (UdhaInterview *self);
const char             *udha_interview_get_risk_after           (UdhaInterview *self);
const char             *udha_interview_get_next_follow_up       (UdhaInterview *self);
gint64                  udha_interview_get_author_id            (UdhaInterview *self);
gint64                  udha_interview_get_revision             (UdhaInterview *self);
gint64                  udha_interview_get_edited_by            (UdhaInterview *self);
const char             *udha_interview_get_edited_at            (UdhaInterview *self);

void                    udha_interview_set_case_id              (UdhaInterview *self,
                                                                 gint64         value);
void                    udha_interview_set_occurred_at          (UdhaInterview *self,
                                                                 const char    *value);
void                    udha_interview_set_duration_minutes     (UdhaInterview *self,
                                                                 gint64         value);
void                    udha_interview_set_contact_type         (UdhaInterview *self,
                                                                 const char    *value);
void                    udha_interview_set_location             (UdhaInterview *self,
                                                                 const char    *value);
void                    udha_interview_set_qark                 (UdhaInterview *self,
                                                                 const char    *value);
void                    udha_interview_set_language             (UdhaInterview *self,
                                                                 const char    *value);
void                    udha_interview_set_interpreter          (UdhaInterview *self,
                                                                 const char    *value);
void                    udha_interview_set_consent_reconfirmed  (UdhaInterview *self,
                                                                 const char    *value);
void                    udha_interview_set_narrative            (UdhaInterview *self,
                                                                 const char    *value);
void                    udha_interview_set_confidential         (UdhaInterview *self,
                                                                 gboolean       value);
void                    udha_interview_set_risk_after           (UdhaInterview *self,
                                                                 const char    *value);
void                    udha_interview_set_next_follow_up       (UdhaInterview *self,
                                                                 const char    *value);
void                    udha_interview_set_author_id            (UdhaInterview *self,
                                                                 gint64         value);
void                    udha_interview_set_revision             (UdhaInterview *self,
                                                                 gint64         value);
void                    udha_interview_set_edited_by            (UdhaInterview *self,
                                                                 gint64         value);
void                    udha_interview_set_edited_at            (UdhaInterview *self,
                                                                 const char    *value);

G_END_DECLS
