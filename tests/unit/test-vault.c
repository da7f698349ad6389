/* test-vault.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The high-level vault: create, unlock, users, passphrases, recovery, DEK
 * rotation, verification (VAULT.md §11, §13, §17). All vaults use the
 * libsodium minimum KDF parameters (UDHA_VAULT_KDF_TEST_MIN). */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sodium.h>
#include <string.h>

#include "udha-vault.h"
#include "udha-vault-db.h"
#include "udha-vault-keys.h"

#define ADMIN       "Drita Kelmendi"
#define ADMIN_PASS  "lule bore në mars"
#define USER2       "Arben Muça"
#define USER2_PASS  "rruga e gjatë 42"
#define MARKER      "MARKER-Elira-Ndreu-1987"

typedef struct
{
  char *dir;
  char *path;
  char *keys_path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("udha-vault-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "cases.udb", NULL);
  f->keys_path = g_strconcat (f->path, ".keys", NULL);
}

static void
rm_rf (const char *path)
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

      rm_rf (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->keys_path);
}

static UdhaVault *
create_vault (Fixture          *f,
              UdhaVaultSecret **recovery_out)
{
  g_autoptr(GError) error = NULL;
  UdhaVaultSecret *recovery = NULL;
  UdhaVault *vault;

  vault = udha_vault_create (f->path, ADMIN, ADMIN_PASS, UDHA_VAULT_KDF_TEST_MIN, &recovery, &error);
  g_assert_no_error (error);
  g_assert_nonnull (vault);
  g_assert_nonnull (recovery);

  if (recovery_out != NULL)
    *recovery_out = recovery;
  else
    udha_vault_secret_free (recovery);

  return vault;
}

static void
exec_ok (sqlite3    *db,
         const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (udha_vault_db_exec (db, sql, &error));
  g_assert_no_error (error);
}

static char *
dump_table (sqlite3    *db,
            const char *sql)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_string_append_printf (out, "%s|", (const char *) sqlite3_column_text (stmt, i));
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);

  return g_string_free (out, FALSE);
}

static void
add_case_data (UdhaVault *vault)
{
  sqlite3 *db = udha_vault_get_connection (vault);

  exec_ok (db, "CREATE TABLE cases (id INTEGER PRIMARY KEY, name TEXT, note TEXT);");
  exec_ok (db, "BEGIN;");
  for (int i = 0; i < 300; i++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO cases (name, note) VALUES (?1, ?2);",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, MARKER, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, i * 7919);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_finalize (stmt);
    }
  exec_ok (db, "COMMIT;");
}

static UdhaVault *
unlock_ok (Fixture    *f,
           const char *user,
           const char *pass)
{
  g_autoptr(GError) error = NULL;
  UdhaVault *vault = udha_vault_unlock (f->path, user, pass, &error);

  g_assert_no_error (error);
  g_assert_nonnull (vault);
  g_assert_false (udha_vault_is_locked (vault));

  return vault;
}

static void
unlock_fails (Fixture    *f,
              const char *user,
              const char *pass,
              int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaVault) vault = udha_vault_unlock (f->path, user, pass, &error);

  g_assert_null (vault);
  g_assert_error (error, UDHA_VAULT_ERROR, code);
  g_assert_null (strstr (error->message, user));
  g_assert_null (strstr (error->message, f->dir));
}

static gboolean
is_recovery_key_shape (const char *text)
{
  return g_regex_match_simple ("^[A-Z2-7]{4}(-[A-Z2-7]{4}){12}$", text, 0, 0);
}

static guint
count_differing_pages (GBytes *a,
                       GBytes *b)
{
  const guint8 *pa = g_bytes_get_data (a, NULL);
  const guint8 *pb = g_bytes_get_data (b, NULL);
  gsize len = g_bytes_get_size (a);
  guint n = 0;

  g_assert_cmpuint (len, ==, g_bytes_get_size (b));
  for (gsize off = 0; off < len; off += UDHA_VAULT_PAGE_SIZE)
    if (memcmp (pa + off, pb + off, UDHA_VAULT_PAGE_SIZE) != 0)
      n++;

  return n;
}

static GBytes *
read_file (const char *path)
{
  char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_bytes_new_take (contents, len);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GBytes) bytes = read_file (from);

  g_assert_true (g_file_set_contents (to, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
}

static int
count_cases (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM cases;", -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return n;
}

static void
udha_test_flip (const char *path,
                gsize       offset)
{
  g_autoptr(GBytes) bytes = read_file (path);
  GByteArray *a = g_byte_array_new ();

  g_byte_array_append (a, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_cmpuint (offset, <, a->len);
  a->data[offset] ^= 0x01;
  g_assert_true (g_file_set_contents (path, (const char *) a->data, a->len, NULL));
  g_byte_array_unref (a);
}

static guint
udha_test_scan_for (const char *dir_path,
                    const char *marker)
{
  GDir *dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  gsize mlen = strlen (marker);
  guint hits = 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autoptr(GBytes) bytes = read_file (path);
      const guint8 *d = g_bytes_get_data (bytes, NULL);
      gsize len = g_bytes_get_size (bytes);

      for (gsize i = 0; i + mlen <= len; i++)
        if (memcmp (d + i, marker, mlen) == 0)
          {
            hits++;
            break;
          }
    }
  g_dir_close (dir);

  return hits;
}

static guint
udha_test_count_files (const char *dir_path)
{
  GDir *dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (dir) != NULL)
    n++;
  g_dir_close (dir);

  return n;
}

/* Tests */

static void
test_vault_create_unlock (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(UdhaVault) vault = NULL;
  g_autoptr(UdhaVaultSecret) recovery = NULL;
  g_autoptr(GError) error1 = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autoptr(UdhaVault) none1 = NULL;
  g_autoptr(UdhaVault) none2 = NULL;
  g_auto(GStrv) users = NULL;
  g_autofree char *new_path = g_strconcat (f->path, ".new", NULL);

  g_assert_false (udha_vault_exists (f->path));
  vault = create_vault (f, &recovery);
  g_assert_true (udha_vault_exists (f->path));
  g_assert_true (g_file_test (f->keys_path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (new_path, G_FILE_TEST_EXISTS));
  g_assert_true (is_recovery_key_shape (recovery));
  g_assert_cmpstr (udha_vault_get_user_name (vault), ==, ADMIN);
  g_assert_cmpuint (udha_vault_get_keys_generation (vault), ==, 1);
  g_assert_nonnull (udha_vault_get_audit_key (vault));
  add_case_data (vault);
  udha_vault_lock (vault);
  g_assert_true (udha_vault_is_locked (vault));
  g_assert_null (udha_vault_get_connection (vault));
  udha_vault_lock (vault);   /* twice is fine */
  g_clear_object (&vault);

  /* A second create refuses to overwrite. */
  {
    g_autoptr(GError) error = NULL;
    UdhaVaultSecret *rk = NULL;
    g_autoptr(UdhaVault) again = udha_vault_create (f->path, "someone", "another long passphrase",
                                                    UDHA_VAULT_KDF_TEST_MIN, &rk, &error);

    g_assert_null (again);
    g_assert_null (rk);
    g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_EXISTS);
  }

  /* Right passphrase; user names are matched without case. */
  vault = unlock_ok (f, "drita kelmendi", ADMIN_PASS);
  g_assert_cmpstr (udha_vault_get_user_name (vault), ==, ADMIN);
  g_assert_false (udha_vault_get_must_change_passphrase (vault));
  g_assert_false (udha_vault_get_keys_file_older (vault));
  g_assert_cmpint (count_cases (udha_vault_get_connection (vault)), ==, 300);
  users = udha_vault_list_users (vault, NULL);
  g_assert_cmpuint (g_strv_length (users), ==, 1);
  g_assert_cmpstr (users[0], ==, ADMIN);
  g_clear_object (&vault);

  /* Wrong passphrase and wrong user: same code, same message. */
  none1 = udha_vault_unlock (f->path, ADMIN, "lule bore në prill", &error1);
  none2 = udha_vault_unlock (f->path, "Someone Else", ADMIN_PASS, &error2);
  g_assert_null (none1);
  g_assert_null (none2);
  g_assert_error (error1, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_WRONG_SECRET);
  g_assert_error (error2, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_WRONG_SECRET);
  g_assert_cmpstr (error1->message, ==, error2->message);
  g_assert_null (strstr (error1->message, "Drita"));
}

/* Create → add user → change passphrase → remove user → recover → rekey →
 * verify, the whole life of a vault. */
static void
test_vault_lifecycle (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(UdhaVault) vault = NULL;
  g_autoptr(UdhaVaultSecret) recovery = NULL;
  g_autoptr(UdhaVaultSecret) recovery2 = NULL;
  g_autoptr(GPtrArray) one_time = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) db_before = NULL;
  g_autoptr(GBytes) db_after = NULL;
  g_autofree char *cases_before = NULL;
  g_autofree char *cases_after = NULL;
  g_autofree char *old_keys = g_build_filename (f->dir, "old.keys", NULL);
  UdhaVaultOneTimePassphrase *otp;
  guint64 generation;

  vault = create_vault (f, &recovery);
  add_case_data (vault);

  /* Add a user; the new user must change the passphrase chosen for them. */
  g_assert_false (udha_vault_add_user (vault, "wrong passphrase!", USER2, USER2_PASS, TRUE, &error));
  g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_WRONG_SECRET);
  g_clear_error (&error);
  g_assert_false (udha_vault_add_user (vault, ADMIN_PASS, USER2, "short", TRUE, &error));
  g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "10"));
  g_clear_error (&error);
  g_assert_true (udha_vault_add_user (vault, ADMIN_PASS, USER2, USER2_PASS, TRUE, &error));
  g_assert_no_error (error);
  g_assert_false (udha_vault_add_user (vault, ADMIN_PASS, "ARBEN MUÇA", "another passphrase", FALSE, &error));
  g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpuint (udha_vault_get_keys_generation (vault), ==, 2);
  g_clear_object (&vault);

  vault = unlock_ok (f, USER2, USER2_PASS);
  g_assert_true (udha_vault_get_must_change_passphrase (vault));
  g_assert_cmpint (count_cases (udha_vault_get_connection (vault)), ==, 300);

  /* Change the passphrase: only the key file and vault_meta change. */
  udha_vault_lock (vault);
  db_before = read_file (f->path);
  g_clear_object (&vault);
  vault = unlock_ok (f, USER2, USER2_PASS);
  g_assert_false (udha_vault_change_passphrase (vault, "not the passphrase", "a brand new passphrase", &error));
  g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_WRONG_SECRET);
  g_clear_error (&error);
  g_assert_true (udha_vault_change_passphrase (vault, USER2_PASS, "a brand new passphrase", &error));
  g_assert_no_error (error);
  g_assert_false (udha_vault_get_must_change_passphrase (vault));
  udha_vault_lock (vault);
  g_clear_object (&vault);
  db_after = read_file (f->path);
  /* Page 1 (change counter), vault_meta and vault_users at most: no re-encryption. */
  g_assert_cmpuint (count_differing_pages (db_before, db_after), <=, 3);

  unlock_fails (f, USER2, USER2_PASS, UDHA_VAULT_ERROR_WRONG_SECRET);
  vault = unlock_ok (f, USER2, "a brand new passphrase");
  g_assert_false (udha_vault_get_must_change_passphrase (vault));
  g_clear_object (&vault);

  /* Remove the user. */
  vault = unlock_ok (f, ADMIN, ADMIN_PASS);
  g_assert_false (udha_vault_remove_user (vault, ADMIN, &error));
  g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (udha_vault_remove_user (vault, "nobody", &error));
  g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (udha_vault_remove_user (vault, "arben muça", &error));
  g_assert_no_error (error);
  g_clear_object (&vault);
  unlock_fails (f, USER2, "a brand new passphrase", UDHA_VAULT_ERROR_WRONG_SECRET);

  /* Forgotten passphrase: the recovery key sets a new one. */
  g_assert_false (udha_vault_recover (f->path, ADMIN, "AAAA-AAAA", "a recovered passphrase", &error));
  g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (udha_vault_recover (f->path, "nobody", recovery, "a recovered passphrase", &error));
  g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (udha_vault_recover (f->path, ADMIN, recovery, "a recovered passphrase", &error));
  g_assert_no_error (error);
  unlock_fails (f, ADMIN, ADMIN_PASS, UDHA_VAULT_ERROR_WRONG_SECRET);
  vault = unlock_ok (f, ADMIN, "a recovered passphrase");

  /* The recovery key alone unlocks too, without a user. */
  {
    g_autoptr(UdhaVault) by_recovery = udha_vault_unlock_with_recovery_key (f->path, recovery, &error);

    g_assert_no_error (error);
    g_assert_true (udha_vault_get_unlocked_by_recovery (by_recovery));
    g_assert_null (udha_vault_get_user_name (by_recovery));
    g_assert_cmpint (count_cases (udha_vault_get_connection (by_recovery)), ==, 300);
  }

  /* Rotate the DEK with two more users present. */
  g_assert_true (udha_vault_add_user (vault, "a recovered passphrase", USER2, USER2_PASS, FALSE, &error));
  g_assert_true (udha_vault_add_user (vault, "a recovered passphrase", "Besa", "besa's passphrase", FALSE, &error));
  g_assert_no_error (error);
  cases_before = dump_table (udha_vault_get_connection (vault), "SELECT * FROM cases ORDER BY id;");
  copy_file (f->keys_path, old_keys);
  generation = udha_vault_get_keys_generation (vault);

  g_assert_false (udha_vault_rekey (vault, ADMIN_PASS, &recovery2, &one_time, &error));
  g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_WRONG_SECRET);
  g_clear_error (&error);
  g_assert_null (recovery2);
  g_assert_true (udha_vault_rekey (vault, "a recovered passphrase", &recovery2, &one_time, &error));
  g_assert_no_error (error);
  g_assert_true (is_recovery_key_shape (recovery2));
  g_assert_cmpstr (recovery2, !=, recovery);
  g_assert_cmpuint (udha_vault_get_keys_generation (vault), ==, generation + 1);
  g_assert_false (udha_vault_is_locked (vault));
  g_assert_cmpuint (one_time->len, ==, 2);
  otp = g_ptr_array_index (one_time, 0);
  g_assert_cmpstr (otp->user_name, ==, USER2);
  g_assert_cmpuint (strlen (otp->passphrase), >=, UDHA_VAULT_MIN_PASSPHRASE_CHARS);

  /* Still usable after the swap, with identical data. */
  cases_after = dump_table (udha_vault_get_connection (vault), "SELECT * FROM cases ORDER BY id;");
  g_assert_cmpstr (cases_before, ==, cases_after);
  g_assert_true (udha_vault_verify (vault, &error));
  g_assert_no_error (error);
  g_clear_object (&vault);

  /* Old secrets no longer work: the old key file does not match, the old
   * passphrases of other users are gone, the old recovery key is gone. */
  unlock_fails (f, USER2, USER2_PASS, UDHA_VAULT_ERROR_WRONG_SECRET);
  {
    g_autoptr(UdhaVault) none = udha_vault_unlock_with_recovery_key (f->path, recovery, &error);

    g_assert_null (none);
    g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_WRONG_SECRET);
    g_clear_error (&error);
  }
  {
    g_autofree char *current = g_build_filename (f->dir, "current.keys", NULL);

    copy_file (f->keys_path, current);
    copy_file (old_keys, f->keys_path);
    unlock_fails (f, ADMIN, "a recovered passphrase", UDHA_VAULT_ERROR_MISMATCH);
    copy_file (current, f->keys_path);
  }

  /* The others sign in with their one-time passphrase and must change it. */
  vault = unlock_ok (f, USER2, otp->passphrase);
  g_assert_true (udha_vault_get_must_change_passphrase (vault));
  g_assert_true (udha_vault_change_passphrase (vault, otp->passphrase, "arben's own passphrase", &error));
  g_assert_no_error (error);
  g_clear_object (&vault);
  vault = unlock_ok (f, USER2, "arben's own passphrase");
  g_assert_false (udha_vault_get_must_change_passphrase (vault));
  cases_after = (g_free (cases_after), dump_table (udha_vault_get_connection (vault), "SELECT * FROM cases ORDER BY id;"));
  g_assert_cmpstr (cases_before, ==, cases_after);
  g_clear_object (&vault);
  vault = unlock_ok (f, "besa", ((UdhaVaultOneTimePassphrase *) g_ptr_array_index (one_time, 1))->passphrase);
  g_assert_true (udha_vault_get_must_change_passphrase (vault));
  g_clear_object (&vault);

  /* The new recovery key works. */
  {
    g_autoptr(UdhaVault) by_recovery = udha_vault_unlock_with_recovery_key (f->path, recovery2, &error);

    g_assert_no_error (error);
    g_assert_nonnull (by_recovery);
  }

  /* The marker never reached the disk in clear. */
  g_assert_cmpuint (udha_test_scan_for (f->dir, MARKER), ==, 0);
}

static void
test_vault_verify_detects_flip (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(UdhaVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GByteArray *a;
  gsize len;

  vault = create_vault (f, NULL);
  add_case_data (vault);
  g_assert_true (udha_vault_verify (vault, &error));
  g_assert_no_error (error);
  udha_vault_lock (vault);
  g_clear_object (&vault);

  /* Flip one byte in the middle of the last page. */
  bytes = read_file (f->path);
  len = g_bytes_get_size (bytes);
  g_assert_cmpuint (len, >=, 4 * UDHA_VAULT_PAGE_SIZE);
  a = g_byte_array_new ();
  g_byte_array_append (a, g_bytes_get_data (bytes, NULL), len);
  a->data[len - UDHA_VAULT_PAGE_SIZE + 1000] ^= 0x20;
  g_assert_true (g_file_set_contents (f->path, (const char *) a->data, a->len, NULL));
  g_byte_array_unref (a);

  vault = unlock_ok (f, ADMIN, ADMIN_PASS);
  g_assert_false (udha_vault_verify (vault, &error));
  g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_DAMAGED);
  g_clear_error (&error);
  udha_vault_lock (vault);
  g_clear_object (&vault);

  /* A damaged key file (MAC) is reported by verify too. */
  g_assert_true (g_file_set_contents (f->path, g_bytes_get_data (bytes, NULL), len, NULL));
  vault = unlock_ok (f, ADMIN, ADMIN_PASS);
  udha_test_flip (f->keys_path, 34);
  g_assert_false (udha_vault_verify (vault, &error));
  g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_KEYFILE);
}

static void
test_vault_keyfile_tamper (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) good = NULL;
  g_autofree char *bak = g_strconcat (f->keys_path, ".bak", NULL);

  g_clear_object (&(UdhaVault *) { create_vault (f, NULL) });
  good = read_file (f->keys_path);

  /* Generation byte: outside AD_slot, caught by the trailer MAC. */
  udha_test_flip (f->keys_path, 34);
  unlock_fails (f, ADMIN, ADMIN_PASS, UDHA_VAULT_ERROR_KEYFILE);
  g_assert_true (g_file_set_contents (f->keys_path, g_bytes_get_data (good, NULL), g_bytes_get_size (good), NULL));

  /* A byte of the wrapped DEK in the first slot. */
  udha_test_flip (f->keys_path, 43 + 4 + 121 - 5);
  unlock_fails (f, ADMIN, ADMIN_PASS, UDHA_VAULT_ERROR_WRONG_SECRET);
  g_assert_true (g_file_set_contents (f->keys_path, g_bytes_get_data (good, NULL), g_bytes_get_size (good), NULL));

  /* Inflated KDF parameters: refused before any KDF, quickly. */
  {
    GByteArray *a = g_byte_array_new ();
    gint64 t0;

    g_byte_array_append (a, g_bytes_get_data (good, NULL), g_bytes_get_size (good));
    a->data[43 + 4 + 8 + 16 + 16] = 0xe8;   /* opslimit 1000 */
    a->data[43 + 4 + 8 + 16 + 16 + 1] = 0x03;
    a->data[43 + 4 + 8 + 16 + 16 + 4 + 3] = 0x04;   /* memlimit 64 GiB */
    g_assert_true (g_file_set_contents (f->keys_path, (const char *) a->data, a->len, NULL));
    g_byte_array_unref (a);

    t0 = g_get_monotonic_time ();
    unlock_fails (f, ADMIN, ADMIN_PASS, UDHA_VAULT_ERROR_KEYFILE);
    g_assert_cmpint (g_get_monotonic_time () - t0, <, G_USEC_PER_SEC / 4);
  }

  /* Truncated, empty, missing. */
  g_assert_true (g_file_set_contents (f->keys_path, g_bytes_get_data (good, NULL), 60, NULL));
  unlock_fails (f, ADMIN, ADMIN_PASS, UDHA_VAULT_ERROR_KEYFILE);
  g_assert_true (g_file_set_contents (f->keys_path, "", 0, NULL));
  unlock_fails (f, ADMIN, ADMIN_PASS, UDHA_VAULT_ERROR_KEYFILE);
  g_unlink (f->keys_path);
  g_unlink (bak);
  {
    g_autoptr(UdhaVault) none = udha_vault_unlock (f->path, ADMIN, ADMIN_PASS, &error);

    g_assert_null (none);
    g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_KEYFILE);
    g_assert_cmpstr (error->message, ==, "The key file of this vault is missing. Restore cases.udb.keys "
                                         "from your backup, or use the copy cases.udb.keys.bak.");
    g_clear_error (&error);
  }

  /* Neither file: no vault here. */
  g_unlink (f->path);
  unlock_fails (f, ADMIN, ADMIN_PASS, UDHA_VAULT_ERROR_NOT_FOUND);

  /* Only the key file: the database is missing. */
  g_assert_true (g_file_set_contents (f->keys_path, g_bytes_get_data (good, NULL), g_bytes_get_size (good), NULL));
  unlock_fails (f, ADMIN, ADMIN_PASS, UDHA_VAULT_ERROR_NOT_FOUND);
}

static void
test_vault_keyfile_swapped (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *other_path = g_build_filename (f->dir, "other.udb", NULL);
  g_autofree char *other_keys = g_strconcat (other_path, ".keys", NULL);
  g_autofree char *saved = g_build_filename (f->dir, "saved.keys", NULL);
  g_autoptr(UdhaVaultSecret) rk = NULL;
  g_autoptr(UdhaVault) other = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&(UdhaVault *) { create_vault (f, NULL) });
  other = udha_vault_create (other_path, ADMIN, ADMIN_PASS, UDHA_VAULT_KDF_TEST_MIN, &rk, &error);
  g_assert_no_error (error);
  g_clear_object (&other);

  /* Same user and passphrase in both vaults, files swapped: MISMATCH. */
  copy_file (f->keys_path, saved);
  copy_file (other_keys, f->keys_path);
  unlock_fails (f, ADMIN, ADMIN_PASS, UDHA_VAULT_ERROR_MISMATCH);
  unlock_fails (f, "someone", "whatever passphrase", UDHA_VAULT_ERROR_MISMATCH);

  /* With this vault's dbid forged into the foreign key file's header, the
   * slot no longer opens (the dbid is in AD_slot). */
  {
    g_autoptr(GBytes) own = read_file (saved);
    g_autoptr(GBytes) foreign = read_file (other_keys);
    GByteArray *a = g_byte_array_new ();

    g_byte_array_append (a, g_bytes_get_data (foreign, NULL), g_bytes_get_size (foreign));
    memcpy (a->data + 12, (const guint8 *) g_bytes_get_data (own, NULL) + 12, UDHA_VAULT_DBID_LEN);
    g_assert_true (g_file_set_contents (f->keys_path, (const char *) a->data, a->len, NULL));
    g_byte_array_unref (a);
    unlock_fails (f, ADMIN, ADMIN_PASS, UDHA_VAULT_ERROR_WRONG_SECRET);
  }

  copy_file (saved, f->keys_path);
  {
    g_autoptr(UdhaVault) ok = unlock_ok (f, ADMIN, ADMIN_PASS);
  }
}

static void
test_vault_newer_version (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(UdhaVault) vault = NULL;
  g_autoptr(GBytes) good = NULL;
  GByteArray *a;

  vault = create_vault (f, NULL);
  good = read_file (f->keys_path);

  /* Key file version 2 */
  a = g_byte_array_new ();
  g_byte_array_append (a, g_bytes_get_data (good, NULL), g_bytes_get_size (good));
  a->data[8] = 2;
  g_assert_true (g_file_set_contents (f->keys_path, (const char *) a->data, a->len, NULL));
  g_byte_array_unref (a);
  unlock_fails (f, ADMIN, ADMIN_PASS, UDHA_VAULT_ERROR_NEWER_VERSION);
  g_assert_true (g_file_set_contents (f->keys_path, g_bytes_get_data (good, NULL), g_bytes_get_size (good), NULL));

  /* vault_meta format_version bumped */
  exec_ok (udha_vault_get_connection (vault), "UPDATE vault_meta SET value = value + 1 WHERE key = 'format_version';");
  g_clear_object (&vault);
  unlock_fails (f, ADMIN, ADMIN_PASS, UDHA_VAULT_ERROR_NEWER_VERSION);
}

static void
test_vault_generations (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(UdhaVault) vault = NULL;
  g_autoptr(UdhaVaultKeys) keys = NULL;
  g_autoptr(UdhaVaultKeys) bak_keys = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bak = g_strconcat (f->keys_path, ".bak", NULL);
  g_autofree char *leftover = g_strconcat (f->keys_path, ".new", NULL);
  g_autofree char *old = g_build_filename (f->dir, "gen2.keys", NULL);

  vault = create_vault (f, NULL);
  g_assert_false (g_file_test (bak, G_FILE_TEST_EXISTS));

  g_assert_true (udha_vault_add_user (vault, ADMIN_PASS, USER2, USER2_PASS, FALSE, &error));
  g_assert_no_error (error);
  copy_file (f->keys_path, old);
  g_assert_true (udha_vault_remove_user (vault, USER2, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (udha_vault_get_keys_generation (vault), ==, 3);

  keys = udha_vault_keys_load (f->keys_path, &error);
  g_assert_no_error (error);
  bak_keys = udha_vault_keys_load (bak, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (udha_vault_keys_get_generation (keys), ==, 3);
  g_assert_cmpuint (udha_vault_keys_get_generation (bak_keys), ==, 2);
  g_assert_cmpuint (udha_vault_keys_get_n_slots (bak_keys), ==, udha_vault_keys_get_n_slots (keys) + 1);
  g_clear_object (&vault);

  /* A leftover .keys.new is ignored and deleted. */
  g_assert_true (g_file_set_contents (leftover, "garbage", -1, NULL));
  vault = unlock_ok (f, ADMIN, ADMIN_PASS);
  g_assert_false (g_file_test (leftover, G_FILE_TEST_EXISTS));
  g_assert_false (udha_vault_get_keys_file_older (vault));
  g_clear_object (&vault);

  /* Restoring an older key file (with the removed user's slot) is noticed;
   * the removed user still cannot sign in. */
  copy_file (old, f->keys_path);
  unlock_fails (f, USER2, USER2_PASS, UDHA_VAULT_ERROR_WRONG_SECRET);
  vault = unlock_ok (f, ADMIN, ADMIN_PASS);
  g_assert_true (udha_vault_get_keys_file_older (vault));
  g_assert_true (udha_vault_rewrite_keys_file (vault, &error));
  g_assert_no_error (error);
  g_assert_false (udha_vault_get_keys_file_older (vault));
  g_assert_cmpuint (udha_vault_get_keys_generation (vault), ==, 4);
  g_clear_object (&vault);

  g_clear_pointer (&keys, udha_vault_keys_free);
  keys = udha_vault_keys_load (f->keys_path, &error);
  g_assert_cmpuint (udha_vault_keys_get_n_slots (keys), ==, 2);
  vault = unlock_ok (f, ADMIN, ADMIN_PASS);
  g_assert_false (udha_vault_get_keys_file_older (vault));
}

static void
test_vault_audit_head (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(UdhaVault) vault = NULL;
  g_autoptr(UdhaVaultSecret) rk = NULL;
  g_autoptr(GPtrArray) otps = NULL;
  g_autoptr(GError) error = NULL;
  guint8 hash[32];
  guint8 back[32];
  guint64 seq = 0;

  randombytes_buf (hash, sizeof hash);
  vault = create_vault (f, NULL);
  g_assert_false (udha_vault_get_audit_head (vault, &seq, back));
  g_assert_true (udha_vault_store_audit_head (vault, 1234, hash, &error));
  g_assert_no_error (error);
  udha_vault_lock (vault);
  g_clear_object (&vault);

  vault = unlock_ok (f, ADMIN, ADMIN_PASS);
  g_assert_true (udha_vault_get_audit_head (vault, &seq, back));
  g_assert_cmpuint (seq, ==, 1234);
  g_assert_cmpmem (back, 32, hash, 32);

  /* Kept across a DEK rotation. */
  g_assert_true (udha_vault_rekey (vault, ADMIN_PASS, &rk, &otps, &error));
  g_assert_no_error (error);
  g_clear_object (&vault);
  vault = unlock_ok (f, ADMIN, ADMIN_PASS);
  g_assert_true (udha_vault_get_audit_head (vault, &seq, back));
  g_assert_cmpuint (seq, ==, 1234);
  g_assert_cmpmem (back, 32, hash, 32);
}

typedef struct
{
  GMainLoop *loop;
  UdhaVault *vault;
  GError    *error;
} AsyncData;

static void
unlocked_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncData *ad = user_data;

  ad->vault = udha_vault_unlock_finish (result, &ad->error);
  g_main_loop_quit (ad->loop);
}

static void
test_vault_async (Fixture       *f,
                  gconstpointer  data)
{
  AsyncData ad = { NULL, };
  g_autoptr(UdhaVaultSecret) pass = udha_vault_secret_dup (ADMIN_PASS, -1);
  g_autoptr(GError) sync_error = NULL;
  g_autoptr(UdhaVault) none = NULL;

  g_clear_object (&(UdhaVault *) { create_vault (f, NULL) });
  ad.loop = g_main_loop_new (NULL, FALSE);

  udha_vault_unlock_async (f->path, ADMIN, pass, NULL, unlocked_cb, &ad);
  /* The task copied it: the caller may wipe its copy at once. */
  sodium_memzero (pass, strlen (pass));
  g_main_loop_run (ad.loop);
  g_assert_no_error (ad.error);
  g_assert_nonnull (ad.vault);
  g_assert_cmpstr (udha_vault_get_user_name (ad.vault), ==, ADMIN);
  g_clear_object (&ad.vault);

  udha_vault_unlock_async (f->path, ADMIN, "wrong passphrase", NULL, unlocked_cb, &ad);
  g_main_loop_run (ad.loop);
  g_assert_null (ad.vault);
  none = udha_vault_unlock (f->path, ADMIN, "wrong passphrase", &sync_error);
  g_assert_error (ad.error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_WRONG_SECRET);
  g_assert_cmpstr (ad.error->message, ==, sync_error->message);
  g_clear_error (&ad.error);

  /* Cancelled before it runs. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_cancellable_cancel (cancellable);
    udha_vault_unlock_async (f->path, ADMIN, ADMIN_PASS, cancellable, unlocked_cb, &ad);
    g_main_loop_run (ad.loop);
    g_assert_null (ad.vault);
    g_assert_error (ad.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&ad.error);
  }

  g_main_loop_unref (ad.loop);
}

static void
test_vault_connections (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(UdhaVault) vault = NULL;
  g_autoptr(UdhaVaultSecret) rk = NULL;
  g_autoptr(GPtrArray) otps = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  vault = create_vault (f, NULL);
  add_case_data (vault);
  db = udha_vault_open_connection (vault, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_cases (db), ==, 300);

  /* No rotation while a worker holds a connection. */
  g_assert_false (udha_vault_rekey (vault, ADMIN_PASS, &rk, &otps, &error));
  g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_INVALID);
  g_clear_error (&error);

  udha_vault_close_connection (vault, db);
  udha_vault_lock (vault);
  g_assert_null (udha_vault_open_connection (vault, &error));
  g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_LOCKED);
}

static void
test_vault_policy (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (udha_vault_check_passphrase ("123456789", &error));
  g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "10"));
  g_clear_error (&error);
  g_assert_true (udha_vault_check_passphrase ("ëëëëëëëëëë", NULL));   /* characters, not bytes */
  g_assert_false (udha_vault_check_passphrase ("ëëëëë", NULL));

  g_assert_false (udha_vault_check_user_name ("   ", &error));
  g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (udha_vault_check_user_name ("a\tb", NULL));
  g_assert_true (udha_vault_check_user_name ("Ëngjëll Çuni", NULL));

  g_assert_cmpint (udha_vault_passphrase_strength (""), ==, 0);
  g_assert_cmpint (udha_vault_passphrase_strength ("password"), ==, 0);
  g_assert_cmpint (udha_vault_passphrase_strength ("Password123!"), ==, 0);
  g_assert_cmpint (udha_vault_passphrase_strength ("aaaaaaaaaaaaaaaa"), <=, 1);
  g_assert_cmpint (udha_vault_passphrase_strength ("abcdefghijklmnop"), <=, 1);
  g_assert_cmpint (udha_vault_passphrase_strength ("kafe123"), <=, 1);
  g_assert_cmpint (udha_vault_passphrase_strength ("Tirane2024x"), >=, 2);
  g_assert_cmpint (udha_vault_passphrase_strength ("lule bore në mars"), >=, 3);
  g_assert_cmpint (udha_vault_passphrase_strength ("kali-i-bardhë vrapon 7 herë në ditë"), ==, 4);
}

static void
test_vault_create_invalid (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  UdhaVaultSecret *rk = NULL;
  g_autoptr(UdhaVault) vault = NULL;

  vault = udha_vault_create (f->path, ADMIN, "too short", UDHA_VAULT_KDF_TEST_MIN, &rk, &error);
  g_assert_null (vault);
  g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  vault = udha_vault_create (f->path, "", ADMIN_PASS, UDHA_VAULT_KDF_TEST_MIN, &rk, &error);
  g_assert_null (vault);
  g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_INVALID);
  g_assert_false (udha_vault_exists (f->path));
  g_assert_cmpuint (udha_test_count_files (f->dir), ==, 0);
}

/* Two objects with the same vault open: locking one leaves the other usable,
 * and the key is not rotated under the other's feet. */
static void
test_vault_two_handles (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(UdhaVault) first = NULL;
  g_autoptr(UdhaVault) second = NULL;
  g_autoptr(UdhaVaultSecret) rk = NULL;
  g_autoptr(GPtrArray) otps = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  first = create_vault (f, NULL);
  add_case_data (first);
  second = unlock_ok (f, ADMIN, ADMIN_PASS);

  g_assert_false (udha_vault_rekey (first, ADMIN_PASS, &rk, &otps, &error));
  g_assert_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_INVALID);
  g_clear_error (&error);

  udha_vault_lock (second);
  db = udha_vault_open_connection (first, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_cases (db), ==, 300);
  udha_vault_close_connection (first, db);
  g_clear_object (&second);

  g_assert_true (udha_vault_rekey (first, ADMIN_PASS, &rk, &otps, &error));
  g_assert_no_error (error);
}

/* A crash between the two renames of creation or rotation is completed at
 * the next unlock. */
static void
test_vault_interrupted_swap (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(UdhaVault) vault = NULL;
  g_autoptr(UdhaVaultSecret) rk = NULL;
  g_autoptr(GPtrArray) otps = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *new_path = g_strconcat (f->path, ".new", NULL);
  g_autofree char *new_keys = g_strconcat (f->path, ".new.keys", NULL);
  g_autofree char *old_keys = g_build_filename (f->dir, "old.keys", NULL);

  /* Creation: the key file is written, the database still <vault>.new. */
  vault = create_vault (f, NULL);
  add_case_data (vault);
  g_clear_object (&vault);
  g_assert_cmpint (g_rename (f->path, new_path), ==, 0);
  vault = unlock_ok (f, ADMIN, ADMIN_PASS);
  g_assert_false (g_file_test (new_path, G_FILE_TEST_EXISTS));
  copy_file (f->keys_path, old_keys);

  /* Rotation: the database is renamed, the key file still <vault>.new.keys. */
  g_assert_true (udha_vault_rekey (vault, ADMIN_PASS, &rk, &otps, &error));
  g_assert_no_error (error);
  g_clear_object (&vault);
  g_assert_cmpint (g_rename (f->keys_path, new_keys), ==, 0);
  copy_file (old_keys, f->keys_path);
  vault = unlock_ok (f, ADMIN, ADMIN_PASS);
  g_assert_false (g_file_test (new_keys, G_FILE_TEST_EXISTS));
  g_assert_cmpint (count_cases (udha_vault_get_connection (vault)), ==, 300);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/udha/vault/create-unlock", test_vault_create_unlock);
  ADD ("/udha/vault/lifecycle", test_vault_lifecycle);
  ADD ("/udha/vault/verify-detects-flip", test_vault_verify_detects_flip);
  ADD ("/udha/vault/keyfile-tamper", test_vault_keyfile_tamper);
  ADD ("/udha/vault/keyfile-swapped", test_vault_keyfile_swapped);
  ADD ("/udha/vault/newer-version", test_vault_newer_version);
  ADD ("/udha/vault/generations", test_vault_generations);
  ADD ("/udha/vault/audit-head", test_vault_audit_head);
  ADD ("/udha/vault/async", test_vault_async);
  ADD ("/udha/vault/connections", test_vault_connections);
  ADD ("/udha/vault/create-invalid", test_vault_create_invalid);
  ADD ("/udha/vault/two-handles", test_vault_two_handles);
  ADD ("/udha/vault/interrupted-swap", test_vault_interrupted_swap);
  g_test_add_func ("/udha/vault/policy", test_vault_policy);

#undef ADD

  return g_test_run ();
}
