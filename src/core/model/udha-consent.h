/* udha-consent.h
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

#define UDHA_TYPE_CONSENT (udha_consent_get_type ())

G_DECLARE_FINAL_TYPE (UdhaConsent, udha_consent, UDHA, CONSENT, GObject)

UdhaConsent            *udha_consent_new               (void);
const UdhaRecordInfo   *udha_consent_get_record_info   (void);
void                    udha_consent_to_json           (UdhaConsent *self,
                                                        JsonBuilder *builder);

gint64                  udha_consent_get_id            (UdhaConsent *self);
gint64                  udha_consent_get_row_version   (UdhaConsent *self);
gint64                  udha_consent_get_person_id     (UdhaConsent *self);
const char             *udha_consent_get_purpose       (UdhaConsent *self);
const char             *udha_consent_get_legal_basis   (UdhaConsent *self);
const char             *udha_consent_get_recipients    (UdhaConsent *self);
const char             *udha_consent_get_scope         (UdhaConsent *self);
const char             *udha_consent_get_withheld      (UdhaConsent *self);
const char             *udha_consent_get_given_by      (UdhaConsent *self);
const char             *udha_consent_get_how_given     (UdhaConsent *self);
const char             *udha_consent_get_given_on      (UdhaConsent *self);
const char             *udha_consent_get_expires_on    (UdhaConsent *self);
const char             *udha_consent_get_withdrawn_on  (UdhaConsent *self);
const char             *udha_consent_get_reference     (UdhaConsent *self);
gint64                  udha_consent_get_created_by    (UdhaConsent *self);
const char             *udha_consent_get_created_at    (UdhaConsent *self);

void                    udha_consent_set_person_id     (UdhaConsent *self,
                                                        gint64       value);
void                    udha_consent_set_purpose       (UdhaConsent *self,
                                                        const char  *value);
void                    udha_consent_set_legal_basis   (UdhaConsent *self,
                                                        const char  *value);
void                    udha_consent_set_recipients    (UdhaConsent *self,
                                                        const char  *value);
void                    udha_consent_set_scope         (UdhaConsent *self,
                                                        const char  *value);
void                    udha_consent_set_withheld      (UdhaConsent *self,
                                                        const char  *value);
void                    udha_consent_set_given_by      (UdhaConsent *self,
                                                        const char  *value);
void                    udha_consent_set_how_given     (UdhaConsent *self,
                                                        const char  *value);
void                    udha_consent_set_given_on      (UdhaConsent *self,
                                                        const char  *value);
void                    udha_consent_set_expires_on    (UdhaConsent *self,
                                                        const char  *value);
void                    udha_consent_set_withdrawn_on  (UdhaConsent *self,
                                                        const char  *value);
void                    udha_consent_set_reference     (UdhaConsent *self,
                                                        const char  *value);
void                    udha_consent_set_created_by    (UdhaConsent *self,
                                                        gint64       value);
void                    udha_consent_set_created_at    (UdhaConsent *self,
                                                        const char  *value);

G_END_DECLS
