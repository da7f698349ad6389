/* test-core.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "udha-core.h"

static void
test_core_harden (void)
{
  /* A fresh test process may dump core; after hardening it must not. */
  udha_core_harden_process ();
  g_assert_true (udha_core_process_is_hardened ());
}

static void
test_core_default_vault_path (void)
{
  g_autofree char *path = udha_core_default_vault_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "udha", "cases.udb", NULL);
  g_autofree char *keys = udha_core_keys_path_for (path);

  g_assert_cmpstr (path, ==, expected);
  g_assert_true (g_str_has_suffix (keys, "cases.udb.keys"));
}

static void
test_core_format_date (void)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (2026, 3, 12, 10, 14, 0);
  g_autofree char *date = udha_format_date (dt);
  g_autofree char *date_time = udha_format_date_time (dt);

  g_assert_cmpstr (date, ==, "12.03.2026");
  g_assert_cmpstr (date_time, ==, "12.03.2026 10:14");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_assert_true (udha_core_init (&error));
  g_assert_no_error (error);

  g_test_add_func ("/udha/core/harden", test_core_harden);
  g_test_add_func ("/udha/core/default-vault-path", test_core_default_vault_path);
  g_test_add_func ("/udha/core/format-date", test_core_format_date);

  return g_test_run ();
}
