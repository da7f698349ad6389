/* udha-organisation.h
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

#define UDHA_TYPE_ORGANISATION (udha_organisation_get_type ())

G_DECLARE_FINAL_TYPE (UdhaOrganisation, udha_organisation, UDHA, ORGANISATION, GObject)

UdhaOrganisation       *udha_organisation_new                 (void);
const UdhaRecordInfo   *udha_organisation_get_record_info     (void);
void                    udha_organisation_to_json             (UdhaOrganisation *self,
                                                               JsonBuilder      *builder);

gint64                  udha_organisation_get_id              (UdhaOrganisation *self);
gint64                  udha_organisation_get_row_version     (UdhaOrganisation *self);
const char             *udha_organisation_get_name            (UdhaOrganisation *self);
const char             *udha_organisation_get_org_type        (UdhaOrganisation *self);
const char             *udha_organisation_get_qark            (UdhaOrganisation *self);
const char * const     *udha_organisation_get_services        (UdhaOrganisation *self);
const char             *udha_organisation_get_contact_person  (UdhaOrganisation *self);
const char             *udha_organisation_get_phone           (UdhaOrganisation *self);
const char             *udha_organisation_get_email           (UdhaOrganisation *self);
const char             *udha_organisation_get_address         (UdhaOrganisation *self);
const char             *udha_organisation_get_created_at      (UdhaOrganisation *self);

void                    udha_organisation_set_name            (UdhaOrganisation *self,
                                                               const char       *value);
void                    udha_organisation_set_org_type        (UdhaOrganisation *self,
                                                               const char       *value);
void                    udha_organisation_set_qark            (UdhaOrganisation *self,
                                                               const char       *value);
void                    udha_organisation_set_services        (UdhaOrganisation   *self,
                                                               const char * const *value);
void                    udha_organisation_set_contact_person  (UdhaOrganisation *self,
                                                               const char       *value);
void                    udha_organisation_set_phone           (UdhaOrganisation *self,
                                                               const char       *value);
void                    udha_organisation_set_email           (UdhaOrganisation *self,
                                                               const char       *value);
void                    udha_organisation_set_address         (UdhaOrganisation *self,
                                                               const char       *value);
void                    udha_organisation_set_created_at      (UdhaOrganisation *self,
                                                               const char       *value);

G_END_DECLS
