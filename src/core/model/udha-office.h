/* udha-office.h
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

#define UDHA_TYPE_OFFICE (udha_office_get_type ())

G_DECLARE_FINAL_TYPE (UdhaOffice, udha_office, UDHA, OFFICE, GObject)

UdhaOffice             *udha_office_new              (void);
const UdhaRecordInfo   *udha_office_get_record_info  (void);
void                    udha_office_to_json          (UdhaOffice  *self,
                                                      JsonBuilder *builder);

gint64                  udha_office_get_id           (UdhaOffice *self);
gint64                  udha_office_get_row_version  (UdhaOffice *self);
const char             *udha_office_get_code         (UdhaOffice *self);
const char             *udha_office_get_name         (UdhaOffice *self);
const char             *udha_office_get_created_at   (UdhaOffice *self);

void                    udha_office_set_code         (UdhaOffice *self,
                                                      const char *value);
void                    udha_office_set_name         (UdhaOffice *self,
                                                      const char *value);
void                    udha_office_set_created_at   (UdhaOffice *self,
                                                      const char *value);

G_END_DECLS
