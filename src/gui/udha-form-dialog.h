/* udha-form-dialog.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "udha-lookup.h"

G_BEGIN_DECLS

#define UDHA_TYPE_FORM_DIALOG (udha_form_dialog_get_type ())

G_DECLARE_FINAL_TYPE (UdhaFormDialog, udha_form_dialog, UDHA, FORM_DIALOG, AdwWindow)

UdhaFormDialog *udha_form_dialog_new          (GtkWidget           *parent,
                                               const char          *title,
                                               const char          *save_label);
const char     *udha_form_dialog_get_id       (UdhaFormDialog      *self);
void            udha_form_dialog_set_id       (UdhaFormDialog      *self,
                                               const char          *id);
void            udha_form_dialog_set_description (UdhaFormDialog   *self,
                                               const char          *description);
GtkWidget      *udha_form_dialog_add_entry    (UdhaFormDialog      *self,
                                               const char          *name,
                                               const char          *title,
                                               const char          *text);
GtkWidget      *udha_form_dialog_add_choice   (UdhaFormDialog      *self,
                                               const char          *name,
                                               const char          *title,
                                               const char * const  *codes,
                                               const char * const  *labels,
                                               const char          *selected);
GtkWidget      *udha_form_dialog_add_lookup   (UdhaFormDialog      *self,
                                               const char          *name,
                                               const char          *title,
                                               UdhaLookupKind       kind,
                                               const char          *selected);
GtkWidget      *udha_form_dialog_add_switch   (UdhaFormDialog      *self,
                                               const char          *name,
                                               const char          *title,
                                               gboolean             active);
GtkWidget      *udha_form_dialog_add_text     (UdhaFormDialog      *self,
                                               const char          *name,
                                               const char          *title);
const char     *udha_form_dialog_get_text     (UdhaFormDialog      *self,
                                               const char          *name);
char           *udha_form_dialog_dup_long_text (UdhaFormDialog     *self,
                                               const char          *name);
const char     *udha_form_dialog_get_code     (UdhaFormDialog      *self,
                                               const char          *name);
gboolean        udha_form_dialog_get_active   (UdhaFormDialog      *self,
                                               const char          *name);
void            udha_form_dialog_set_text     (UdhaFormDialog      *self,
                                               const char          *name,
                                               const char          *text);
gboolean        udha_form_dialog_set_code     (UdhaFormDialog      *self,
                                               const char          *name,
                                               const char          *code);
void            udha_form_dialog_set_active   (UdhaFormDialog      *self,
                                               const char          *name,
                                               gboolean             active);
void            udha_form_dialog_set_error    (UdhaFormDialog      *self,
                                               const char          *message);
const char     *udha_form_dialog_get_error    (UdhaFormDialog      *self);
void            udha_form_dialog_submit       (UdhaFormDialog      *self);

G_END_DECLS
