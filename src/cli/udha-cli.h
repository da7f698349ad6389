/* udha-cli.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit codes of udha-cli. */
#define UDHA_CLI_EXIT_OK    0
#define UDHA_CLI_EXIT_USER  1   /* a user error: one clear line on stderr */
#define UDHA_CLI_EXIT_USAGE 2   /* a usage error */

/* Options every command understands. */
typedef struct
{
  char *vault_path;        /* --vault PATH, or the default vault */
  char *user;              /* --user NAME */
  char *passphrase_file;   /* --passphrase-file FILE */
  gboolean json;           /* --json: print JSON with stable field names */
} UdhaCliGlobal;

typedef int (*UdhaCliCommandFunc) (UdhaCliGlobal *global,
                                   int            argc,
                                   char         **argv);

typedef struct
{
  const char         *name;        /* "init", "audit verify", ... */
  const char         *summary;     /* N_() one-line help */
  UdhaCliCommandFunc  run;
} UdhaCliCommand;

/* Prints "udha-cli: <message>" on stderr and returns UDHA_CLI_EXIT_USER. */
int      udha_cli_fail        (const char  *format,
                               ...) G_GNUC_PRINTF (1, 2);
/* Prints a usage error and returns UDHA_CLI_EXIT_USAGE. */
int      udha_cli_usage_error (const char  *format,
                               ...) G_GNUC_PRINTF (1, 2);

/* udha-cli-vault.c */
int      udha_cli_vault_init    (UdhaCliGlobal  *global,
                                 int             argc,
                                 char          **argv);
int      udha_cli_vault_passwd  (UdhaCliGlobal  *global,
                                 int             argc,
                                 char          **argv);
int      udha_cli_vault_recover (UdhaCliGlobal  *global,
                                 int             argc,
                                 char          **argv);
int      udha_cli_vault_rekey   (UdhaCliGlobal  *global,
                                 int             argc,
                                 char          **argv);
int      udha_cli_vault_verify  (UdhaCliGlobal  *global,
                                 int             argc,
                                 char          **argv);

/* udha-cli-records.c */
int      udha_cli_office_add           (UdhaCliGlobal  *global,
                                       int             argc,
                                       char          **argv);
int      udha_cli_office_list          (UdhaCliGlobal  *global,
                                       int             argc,
                                       char          **argv);
int      udha_cli_user_add             (UdhaCliGlobal  *global,
                                       int             argc,
                                       char          **argv);
int      udha_cli_user_list            (UdhaCliGlobal  *global,
                                       int             argc,
                                       char          **argv);
int      udha_cli_user_disable         (UdhaCliGlobal  *global,
                                       int             argc,
                                       char          **argv);
int      udha_cli_user_set_role        (UdhaCliGlobal  *global,
                                       int             argc,
                                       char          **argv);
int      udha_cli_org_add              (UdhaCliGlobal  *global,
                                       int             argc,
                                       char          **argv);
int      udha_cli_org_list             (UdhaCliGlobal  *global,
                                       int             argc,
                                       char          **argv);
int      udha_cli_person_add           (UdhaCliGlobal  *global,
                                       int             argc,
                                       char          **argv);
int      udha_cli_person_show          (UdhaCliGlobal  *global,
                                       int             argc,
                                       char          **argv);
int      udha_cli_person_search        (UdhaCliGlobal  *global,
                                       int             argc,
                                       char          **argv);
int      udha_cli_person_export        (UdhaCliGlobal  *global,
                                       int             argc,
                                       char          **argv);
int      udha_cli_case_open            (UdhaCliGlobal  *global,
                                       int             argc,
                                       char          **argv);
int      udha_cli_case_show            (UdhaCliGlobal  *global,
                                       int             argc,
                                       char          **argv);
int      udha_cli_case_list            (UdhaCliGlobal  *global,
                                       int             argc,
                                       char          **argv);
int      udha_cli_case_assign          (UdhaCliGlobal  *global,
                                       int             argc,
                                       char          **argv);
int      udha_cli_case_request_closure (UdhaCliGlobal  *global,
                                       int             argc,
                                       char          **argv);
int      udha_cli_case_approve_closure (UdhaCliGlobal  *global,
                                       int             argc,
                                       char          **argv);
int      udha_cli_case_reject_closure  (UdhaCliGlobal  *global,
                                       int             argc,
                                       char          **argv);
int      udha_cli_person_cases         (UdhaCliGlobal  *global,
                                        int             argc,
                                        char          **argv);
int      udha_cli_case_take            (UdhaCliGlobal  *global,
                                        int             argc,
                                        char          **argv);
int      udha_cli_case_reassign        (UdhaCliGlobal  *global,
                                        int             argc,
                                        char          **argv);
int      udha_cli_case_reopen          (UdhaCliGlobal  *global,
                                       int             argc,
                                       char          **argv);
int      udha_cli_interview_add        (UdhaCliGlobal  *global,
                                       int             argc,
                                       char          **argv);
int      udha_cli_service_add          (UdhaCliGlobal  *global,
                                       int             argc,
                                       char          **argv);
int      udha_cli_service_set_status   (UdhaCliGlobal  *global,
                                       int             argc,
                                       char          **argv);
int      udha_cli_referral_add         (UdhaCliGlobal  *global,
                                       int             argc,
                                       char          **argv);
int      udha_cli_referral_set_status  (UdhaCliGlobal  *global,
                                       int             argc,
                                       char          **argv);
int      udha_cli_consent_add          (UdhaCliGlobal  *global,
                                       int             argc,
                                       char          **argv);
int      udha_cli_consent_withdraw     (UdhaCliGlobal  *global,
                                       int             argc,
                                       char          **argv);
int      udha_cli_audit_list           (UdhaCliGlobal  *global,
                                       int             argc,
                                       char          **argv);
int      udha_cli_audit_verify         (UdhaCliGlobal  *global,
                                       int             argc,
                                       char          **argv);

/* udha-cli-report.c */
int      udha_cli_report               (UdhaCliGlobal  *global,
                                        int             argc,
                                        char          **argv);
/* udha-cli-slip.c */
int      udha_cli_referral_slip        (UdhaCliGlobal  *global,
                                       int             argc,
                                       char          **argv);

/* udha-cli-demo.c */
int      udha_cli_demo                 (UdhaCliGlobal  *global,
                                       int             argc,
                                       char          **argv);

G_END_DECLS
