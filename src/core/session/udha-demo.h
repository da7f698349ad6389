/* udha-demo.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "udha-session.h"

G_BEGIN_DECLS

#define UDHA_DEMO_DEFAULT_SEED 2026

/**
 * UdhaDemoOptions:
 * @n_cases: how many cases to generate
 * @seed: the random seed; the same seed gives the same data (for the same
 *   @today)
 * @users_passphrase: the passphrase of every demo user (not one-time)
 * @today: (nullable): ISO date all dates are relative to; %NULL for today
 *   (UTC)
 */
typedef struct
{
  guint        n_cases;
  guint64      seed;
  const char  *users_passphrase;
  const char  *today;
} UdhaDemoOptions;

/**
 * UdhaDemoUser:
 * @user_name: the vault user name ("demo.arta")
 * @display_name: the name shown in the UI
 * @role: role code
 * @office_code: (nullable): the office, %NULL for an administrator
 */
typedef struct
{
  char *user_name;
  char *display_name;
  char *role;
  char *office_code;
} UdhaDemoUser;

/**
 * UdhaDemoResult:
 * @users: (element-type UdhaDemoUser): the demo users created
 * @first_case_numbers: the numbers of the first cases created (up to 5),
 *   %NULL-terminated
 *
 * What udha_demo_generate() created.
 */
typedef struct
{
  GPtrArray  *users;
  guint       n_offices;
  guint       n_organisations;
  guint       n_persons;
  guint       n_cases;
  guint       n_consents;
  guint       n_interviews;
  guint       n_services;
  guint       n_referrals;
  guint       n_referral_transitions;
  guint       n_overdue_referrals;
  GStrv       first_case_numbers;
  double      seconds;
} UdhaDemoResult;

/* Called after each committed batch of cases, and once at the end. */
typedef void (*UdhaDemoProgressFunc) (guint    done,
                                      guint    total,
                                      gpointer user_data);

UdhaDemoResult *udha_demo_generate       (UdhaSession             *session,
                                          UdhaStore               *store,
                                          const char              *admin_secret,
                                          const UdhaDemoOptions   *options,
                                          UdhaDemoProgressFunc     progress,
                                          gpointer                 user_data,
                                          GError                 **error);
void            udha_demo_result_free    (UdhaDemoResult          *result);
void            udha_demo_result_to_json (UdhaDemoResult          *result,
                                          JsonBuilder             *builder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdhaDemoResult, udha_demo_result_free)

G_END_DECLS
