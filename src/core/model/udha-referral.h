/* udha-referral.h
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

#define UDHA_TYPE_REFERRAL (udha_referral_get_type ())

G_DECLARE_FINAL_TYPE (UdhaReferral, udha_referral, UDHA, REFERRAL, GObject)

UdhaReferral           *udha_referral_new                    (void);
const UdhaRecordInfo   *udha_referral_get_record_info        (void);
void                    udha_referral_to_json                (UdhaReferral *self,
                                                              JsonBuilder  *builder);

gint64                  udha_referral_get_id                 (UdhaReferral *self);
gint64                  udha_referral_get_row_version        (UdhaReferral *self);
gint64                  udha_referral_get_case_id            (UdhaReferral *self);
gint64                  udha_referral_get_org_id             (UdhaReferral *self);
const char             *udha_referral_get_service_code       (UdhaReferral *self);
const char             *udha_referral_get_urgency            (UdhaReferral *self);
const char             *udha_referral_get_reason             (UdhaReferral *self);
const char             *udha_referral_get_status             (UdhaReferral *self);
const char             *udha_referral_get_follow_up_due      (UdhaReferral *self);
gint64                  udha_referral_get_consent_id         (UdhaReferral *self);
const char             *udha_referral_get_override_basis     (UdhaReferral *self);
const char             *udha_referral_get_override_reason    (UdhaReferral *self);
gint64                  udha_referral_get_override_by        (UdhaReferral *self);
const char             *udha_referral_get_sent_on            (UdhaReferral *self);
const char             *udha_referral_get_sent_via           (UdhaReferral *self);
const char             *udha_referral_get_outcome            (UdhaReferral *self);
gint64                  udha_referral_get_created_by         (UdhaReferral *self);
const char             *udha_referral_get_created_at         (UdhaReferral *self);
const char             *udha_referral_get_status_changed_at  (UdhaReferral *self);

void                    udha_referral_set_case_id            (UdhaReferral *self,
                                                              gint64        value);
void                    udha_referral_set_org_id             (UdhaReferral *self,
                                                              gint64        value);
void                    udha_referral_set_service_code       (UdhaReferral *self,
                                                              const char   *value);
void                    udha_referral_set_urgency            (UdhaReferral *self,
                                                              const char   *value);
void                    udha_referral_set_reason             (UdhaReferral *self,
                                                              const char   *value);
void                    udha_referral_set_status             (UdhaReferral *self,
                                                              const char   *value);
void                    udha_referral_set_follow_up_due      (UdhaReferral *self,
                                                              const char   *value);
void                    udha_referral_set_consent_id         (UdhaReferral *self,
                                                              gint64        value);
void                    udha_referral_set_override_basis     (UdhaReferral *self,
                                                              const char   *value);
void                    udha_referral_set_override_reason    (UdhaReferral *self,
                                                              const char   *value);
void                    udha_referral_set_override_by        (UdhaReferral *self,
                                                              gint64        value);
void                    udha_referral_set_sent_on            (UdhaReferral *self,
                                                              const char   *value);
void                    udha_referral_set_sent_via           (UdhaReferral *self,
                                                              const char   *value);
void                    udha_referral_set_outcome            (UdhaReferral *self,
                                                              const char   *value);
void                    udha_referral_set_created_by         (UdhaReferral *self,
                                                              gint64        value);
void                    udha_referral_set_created_at         (UdhaReferral *self,
                                                              const char   *value);
void                    udha_referral_set_status_changed_at  (UdhaReferral *self,
                                                              const char   *value);

gboolean                udha_referral_is_final            (const char   *status);
gboolean                udha_referral_is_overdue          (UdhaReferral *self,
                                                           const char   *today);

G_END_DECLS
