/* udha-core.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean  udha_core_init                (GError     **error);
void      udha_core_harden_process      (void);
gboolean  udha_core_process_is_hardened (void);
char     *udha_core_default_vault_path  (void);
char     *udha_core_keys_path_for       (const char  *vault_path);
char     *udha_format_date              (GDateTime   *datetime);
char     *udha_format_date_time         (GDateTime   *datetime);

G_END_DECLS
