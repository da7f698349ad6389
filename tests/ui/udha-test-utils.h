/* udha-test-utils.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "udha-session.h"
#include "udha-store.h"
#include "udha-vault.h"

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
const char *udha_test_lang             (void);
void       udha_test_rm_rf             (const char        *path);
void       udha_test_sign_in           (const char        *vault_path,
                                        const char        *user,
                                        const char        *passphrase,
                                        UdhaVault        **vault,
                                        UdhaStore        **store,
                                        UdhaSession      **session);
void       udha_test_sign_out          (UdhaVault        **vault,
                                        UdhaStore        **store,
                                        UdhaSession      **session);

G_END_DECLS
