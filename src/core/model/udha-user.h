/* udha-user.h
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

#define UDHA_TYPE_USER (udha_user_get_type ())

G_DECLARE_FINAL_TYPE (UdhaUser, udha_user, UDHA, USER, GObject)

UdhaUser               *udha_user_new               (void);
const UdhaRecordInfo   *udha_user_get_record_info   (void);
void                    udha_user_to_json           (UdhaUser    *self,
                                                     JsonBuilder *builder);

gint64                  udha_user_get_id            (UdhaUser *self);
gint64                  udha_user_get_row_version   (UdhaUser *self);
const char             *udha_user_get_user_name     (UdhaUser *self);
const char             *udha_user_get_display_name  (UdhaUser *self);
const char             *udha_user_get_role          (UdhaUser *self);
gint64                  udha_user_get_office_id     (UdhaUser *self);
gboolean                udha_user_get_disabled      (UdhaUser *self);
const char             *udha_user_get_contact       (UdhaUser *self);
const char             *udha_user_get_created_at    (UdhaUser *self);

void                    udha_user_set_user_name     (UdhaUser   *self,
                                                     const char *value);
void                    udha_user_set_display_name  (UdhaUser   *self,
                                                     const char *value);
void                    udha_user_set_role          (UdhaUser   *self,
                                                     const char *value);
void                    udha_user_set_office_id     (UdhaUser *self,
                                                     gint64    value);
void                    udha_user_set_disabled      (UdhaUser *self,
                                                     gboolean  value);
void                    udha_user_set_contact       (UdhaUser   *self,
                                                     const char *value);
void                    udha_user_set_created_at    (UdhaUser   *self,
                                                     const char *value);

G_END_DECLS
