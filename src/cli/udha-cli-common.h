/* udha-cli-common.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "udha-cli.h"
#include "udha-vault.h"

G_BEGIN_DECLS

#define MAX_SECRET_LEN   1024
#define MAX_SECRET_FILE  (64 * 1024)
#define MAX_SECRETS      3

/* Up to MAX_SECRETS secrets, one per line of a passphrase file. */
typedef struct
{
  UdhaVaultSecret *line[MAX_SECRETS];
} UdhaCliSecrets;

void             udha_cli_secrets_clear    (UdhaCliSecrets  *s);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (UdhaCliSecrets, udha_cli_secrets_clear)

UdhaVaultSecret *udha_cli_prompt_secret    (const char      *prompt,
                                            char           **message);
gboolean         udha_cli_read_secret_file (const char      *path,
                                            guint            n,
                                            UdhaCliSecrets  *out,
                                            char           **message);
gboolean         udha_cli_get_secrets      (UdhaCliGlobal   *global,
                                            guint            n,
                                            const char     **prompts,
                                            gboolean         confirm_last,
                                            UdhaCliSecrets  *out,
                                            char           **message);
void             udha_cli_print_secret     (const char      *label,
                                            const char      *secret);
gboolean         udha_cli_require_user     (UdhaCliGlobal   *global);
UdhaVault       *udha_cli_unlock           (UdhaCliGlobal   *global,
                                            const char      *passphrase,
                                            gboolean         allow_must_change,
                                            int             *ret);

G_END_DECLS
