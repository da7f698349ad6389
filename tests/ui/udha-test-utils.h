/* udha-test-utils.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef gboolean (*UdhaTestCondition) (gpointer data);

void       udha_test_init_environment  (void);
gboolean   udha_test_wait_until        (UdhaTestCondition  cond,
                                        gpointer           data,
                                        guint              timeout_ms);
void       udha_test_iterate           (guint              ms);
void       udha_test_save_screenshot   (GtkWidget         *widget,
                                        const char        *name);
GtkWidget *udha_test_find_widget       (GtkWidget         *root,
                                        GType              type,
                                        const char        *label);
GtkWindow *udha_test_find_window       (GType              type);
char      *udha_test_collect_text      (GtkWidget         *root);

G_END_DECLS
