/* udha-store-test-utils.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Shared fixture of the store tests: a fresh vault (minimum KDF cost) in a
 * temporary directory, its store, one office "TIR" and one caseworker. */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "udha-store.h"

#define STORE_ADMIN       "admin"
#define STORE_ADMIN_PASS  "passphrase1234"

typedef struct
{
  char       *dir;
  char       *path;
  UdhaVault  *vault;
  UdhaStore  *store;
  gint64      office_id;
  gint64      user_id;
} StoreFixture;

static inline void
store_rm_rf (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      store_rm_rf (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

static inline void
store_fixture_open (StoreFixture *f)
{
  g_autoptr(GError) error = NULL;

  f->vault = udha_vault_unlock (f->path, STORE_ADMIN, STORE_ADMIN_PASS, &error);
  g_assert_no_error (error);
  f->store = udha_store_new (f->vault, &error);
  g_assert_no_error (error);
}

/* Drops the store, anchors nothing, locks the vault. */
static inline void
store_fixture_close (StoreFixture *f)
{
  g_clear_object (&f->store);
  if (f->vault != NULL)
    udha_vault_lock (f->vault);
  g_clear_object (&f->vault);
}

static inline void
store_fixture_set_up (StoreFixture  *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaOffice) office = udha_office_new ();
  g_autoptr(UdhaUser) user = udha_user_new ();
  UdhaVaultSecret *recovery = NULL;

  f->dir = g_dir_make_tmp ("udha-store-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "cases.udb", NULL);
  f->vault = udha_vault_create (f->path, STORE_ADMIN, STORE_ADMIN_PASS, UDHA_VAULT_KDF_TEST_MIN,
                                &recovery, &error);
  g_assert_no_error (error);
  udha_vault_secret_free (recovery);
  f->store = udha_store_new (f->vault, &error);
  g_assert_no_error (error);

  udha_office_set_code (office, "TIR");
  udha_office_set_name (office, "Tirana");
  g_assert_true (udha_store_create_office (f->store, office, &error));
  g_assert_no_error (error);
  f->office_id = udha_office_get_id (office);

  udha_user_set_user_name (user, "arta");
  udha_user_set_display_name (user, "Arta");
  udha_user_set_role (user, "caseworker");
  udha_user_set_office_id (user, f->office_id);
  g_assert_true (udha_store_create_user (f->store, user, &error));
  g_assert_no_error (error);
  f->user_id = udha_user_get_id (user);
}

static inline void
store_fixture_tear_down (StoreFixture  *f,
                         gconstpointer  data)
{
  store_fixture_close (f);
  store_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static inline UdhaPerson *
store_make_person (StoreFixture *f,
                   const char   *given,
                   const char   *family,
                   const char   *dob)
{
  UdhaPerson *p = udha_person_new ();
  const char * const cit[] = { "SY", NULL };

  udha_person_set_given_name (p, given);
  udha_person_set_family_name (p, family);
  udha_person_set_sex (p, "male");
  udha_person_set_dob (p, dob);
  udha_person_set_dob_precision (p, "day");
  udha_person_set_citizenships (p, cit);
  udha_person_set_office_id (p, f->office_id);
  udha_person_set_registered_by (p, f->user_id);
  return p;
}

static inline UdhaPerson *
store_add_person (StoreFixture *f,
                  const char   *given,
                  const char   *family,
                  const char   *dob)
{
  g_autoptr(GError) error = NULL;
  UdhaPerson *p = store_make_person (f, given, family, dob);

  g_assert_true (udha_store_create_person (f->store, p, &error));
  g_assert_no_error (error);
  return p;
}

static inline UdhaCase *
store_add_case (StoreFixture *f,
                gint64        person_id,
                gint64        assigned_user_id)
{
  g_autoptr(GError) error = NULL;
  UdhaCase *c = udha_case_new ();

  udha_case_set_person_id (c, person_id);
  udha_case_set_office_id (c, f->office_id);
  udha_case_set_case_type (c, "protection");
  udha_case_set_assigned_user_id (c, assigned_user_id);
  udha_case_set_created_by (c, f->user_id);
  g_assert_true (udha_store_create_case (f->store, c, &error));
  g_assert_no_error (error);
  return c;
}
