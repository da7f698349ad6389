/* udha-service.h
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

#define UDHA_TYPE_SERVICE (udha_service_get_type ())

G_DECLARE_FINAL_TYPE (UdhaService, udha_service, UDHA, SERVICE, GObject)

UdhaService            *udha_service_new                  (void);
const UdhaRecordInfo   *udha_service_get_record_info      (void);
void                    udha_service_to_json              (UdhaService *self,
                                                           JsonBuilder *builder);

gint64                  udha_service_get_id               (UdhaService *self);
gint64                  udha_service_get_row_version      (UdhaService *self);
gint64                  udha_service_get_case_id          (UdhaService *self);
const char             *udha_service_get_service_code     (UdhaService *self);
const char             *udha_service_get_delivery         (UdhaService *self);
const char             *udha_service_get_status           (UdhaService *self);
const char             *udha_service_get_planned_on       (UdhaService *self);
const char             *udha_service_get_due_on           (UdhaService *self);
const char             *udha_service_get_delivered_on     (UdhaService *self);
gint64                  udha_service_get_provider_org_id  (UdhaService *self);
gint64                  udha_service_get_referral_id      (UdhaService *self);
const char             *udha_service_get_outcome          (UdhaService *self);
const char             *udha_service_get_note             (UdhaService *self);
gint64                  udha_service_get_approved_by      (UdhaService *self);
gint64                  udha_service_get_created_by       (UdhaService *self);
const char             *udha_service_get_created_at       (UdhaService *self);

void                    udha_service_set_case_id          (UdhaService *self,
                                                           gint64       value);
void                    udha_service_set_service_code     (UdhaService *self,
                                                           const char  *value);
void                    udha_service_set_delivery         (UdhaService *self,
                                                           const char  *value);
void                    udha_service_set_status           (UdhaService *self,
                                                           const char  *value);
void                    udha_service_set_planned_on       (UdhaService *self,
                                                           const char  *value);
void                    udha_service_set_due_on           (UdhaService *self,
                                                           const char  *value);
void                    udha_service_set_delivered_on     (UdhaService *self,
                                                           const char  *value);
void                    udha_service_set_provider_org_id  (UdhaService *self,
                                                           gint64       value);
void                    udha_service_set_referral_id      (UdhaService *self,
                                                           gint64       value);
void                    udha_service_set_outcome          (UdhaService *self,
                                                           const char  *value);
void                    udha_service_set_note             (UdhaService *self,
                                                           const char  *value);
void                    udha_service_set_approved_by      (UdhaService *self,
                                                           gint64       value);
void                    udha_service_set_created_by       (UdhaService *self,
                                                           gint64       value);
void                    udha_service_set_created_at       (UdhaService *self,
                                                           const char  *value);

G_END_DECLS
