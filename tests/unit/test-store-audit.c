/* test-store-audit.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The hash-chained audit log: append, verify, tampering through a raw
 * connection (entries and their reasons), entries written before the
 * reason was bound, the head anchored in the key file, rollback detection. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "udha-store-test-utils.h"

static void
append_n (StoreFixture *f,
          int           n)
{
  for (int i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *details = g_strdup_printf ("{\"n\":%d,\"status\":\"open\"}", i);

      g_assert_true (udha_store_audit_append (f->store, "arta", "case.update", "case", i + 1,
                                              f->office_id, details, &error));
      g_assert_no_error (error);
    }
}

static void
raw_exec (UdhaVault  *vault,
          const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = udha_vault_open_connection (vault, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  udha_vault_close_connection (vault, db);
}

static void
test_verify_ok (StoreFixture  *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint64 bad = 99, seq = 0;
  guint8 hash[32], zero[32] = { 0 };

  g_assert_true (udha_store_audit_head (f->store, &seq, hash, &error));
  g_assert_cmpuint (seq, ==, 0);
  g_assert_cmpmem (hash, 32, zero, 32);
  g_assert_true (udha_store_audit_verify (f->store, &bad, &error));
  g_assert_cmpuint (bad, ==, 0);

  append_n (f, 5);
  g_assert_true (udha_store_audit_append (f->store, NULL, "vault.unlock", NULL, 0, 0, NULL, &error));
  g_assert_true (udha_store_audit_verify (f->store, &bad, &error));
  g_assert_no_error (error);
  g_assert_true (udha_store_audit_head (f->store, &seq, hash, &error));
  g_assert_cmpuint (seq, ==, 6);

  /* Details must be a JSON object */
  g_assert_false (udha_store_audit_append (f->store, "arta", "x", NULL, 0, 0, "free text", &error));
  g_assert_error (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_QUERY);
}

static void
test_append_rolls_back_with_transaction (StoreFixture  *f,
                                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint64 seq = 0;
  guint8 hash[32];

  append_n (f, 2);
  g_assert_true (udha_store_begin (f->store, &error));
  append_n (f, 3);
  udha_store_rollback (f->store);
  g_assert_true (udha_store_audit_head (f->store, &seq, hash, &error));
  g_assert_cmpuint (seq, ==, 2);
  append_n (f, 1);
  g_assert_true (udha_store_audit_verify (f->store, NULL, &error));
}

typedef struct
{
  const char *sql;
  guint64     bad_seq;
} Tamper;

static const Tamper tampers[] = {
  { "UPDATE audit_log SET details = '{\"n\":3,\"status\":\"closed\"}' WHERE seq = 4;", 4 },
  { "UPDATE audit_log SET user_name = 'besa' WHERE seq = 2;", 2 },
  { "UPDATE audit_log SET action = 'case.view' WHERE seq = 7;", 7 },
  { "UPDATE audit_log SET entity_id = 99 WHERE seq = 1;", 1 },
  { "UPDATE audit_log SET at = '2020-01-01T00:00:00Z' WHERE seq = 5;", 5 },
  { "DELETE FROM audit_log WHERE seq = 3;", 3 },
  /* Recomputing the hash without the key does not help */
  { "UPDATE audit_log SET hash = zeroblob (32) WHERE seq = 6;", 6 },
};

static void
test_tamper (StoreFixture  *f,
             gconstpointer  data)
{
  const Tamper *t = data;
  g_autoptr(GError) error = NULL;
  guint64 bad = 0;

  append_n (f, 8);
  g_assert_true (udha_store_audit_verify (f->store, &bad, &error));

  raw_exec (f->vault, t->sql);
  g_assert_false (udha_store_audit_verify (f->store, &bad, &error));
  g_assert_error (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_AUDIT);
  g_assert_cmpuint (bad, ==, t->bad_seq);
  {
    g_autofree char *seq_text = g_strdup_printf (" %" G_GUINT64_FORMAT " ", t->bad_seq);

    g_assert_nonnull (strstr (error->message, seq_text));
  }
}

/* Eight entries; 2 and 5 carry a reason. */
static void
append_with_reasons (StoreFixture *f)
{
  for (int i = 0; i < 8; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *details = g_strdup_printf ("{\"n\":%d,\"status\":\"open\"}", i);
      const char *reason = i == 1 ? "  The family asked to register again.  " : i == 4 ? "Reassigned: leave" : NULL;

      g_assert_true (udha_store_audit_append_with_reason (f->store, "arta", "case.update", "case", i + 1,
                                                          f->office_id, details, reason, &error));
      g_assert_no_error (error);
    }
}

static void
test_reasons_verify (StoreFixture  *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  UdhaAuditQuery all = { 0, NULL, FALSE, NULL, 0 };
  guint64 bad = 99;

  append_with_reasons (f);
  g_assert_true (udha_store_audit_verify (f->store, &bad, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bad, ==, 0);

  /* The reason reads back, trimmed, and stays out of the details */
  entries = udha_store_audit_list (f->store, &all, 0, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 8);
  g_assert_cmpstr (((UdhaAuditEntry *) g_ptr_array_index (entries, 6))->reason, ==,
                   "The family asked to register again.");
  g_assert_null (strstr (((UdhaAuditEntry *) g_ptr_array_index (entries, 6))->details, "family"));
  g_assert_null (((UdhaAuditEntry *) g_ptr_array_index (entries, 0))->reason);
}

static const Tamper reason_tampers[] = {
  { "UPDATE reasons SET reason = 'Reassigned: none' WHERE audit_seq = 5;", 5 },
  { "DELETE FROM reasons WHERE audit_seq = 2;", 2 },
  { "INSERT INTO reasons (audit_seq, reason) VALUES (4, 'Added later');", 4 },
  { "UPDATE reasons SET audit_seq = 3 WHERE audit_seq = 2;", 2 },
  /* A reason for an entry that does not exist */
  { "PRAGMA foreign_keys = OFF; INSERT INTO reasons (audit_seq, reason) VALUES (20, 'Orphan');", 20 },
};

static void
test_reason_tamper (StoreFixture  *f,
                    gconstpointer  data)
{
  const Tamper *t = data;
  g_autoptr(GError) error = NULL;
  guint64 bad = 0;

  append_with_reasons (f);
  g_assert_true (udha_store_audit_verify (f->store, &bad, &error));

  raw_exec (f->vault, t->sql);
  g_assert_false (udha_store_audit_verify (f->store, &bad, &error));
  g_assert_error (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_AUDIT);
  g_assert_cmpuint (bad, ==, t->bad_seq);
  {
    g_autofree char *seq_text = g_strdup_printf (" %" G_GUINT64_FORMAT " ", t->bad_seq);

    g_assert_nonnull (strstr (error->message, seq_text));
  }
}

/* The version 1 encoding (VAULT.md §15.3), as Udha wrote every entry before
 * the reason was bound to the chain. */
static void
put_v1_field (GByteArray *buf,
              const char *value)
{
  guint8 present = value != NULL;

  g_byte_array_append (buf, &present, 1);
  if (value != NULL)
    {
      guint32 be = GUINT32_TO_BE ((guint32) strlen (value));

      g_byte_array_append (buf, (const guint8 *) &be, 4);
      g_byte_array_append (buf, (const guint8 *) value, strlen (value));
    }
}

/* Appends entry @seq with a version 1 hash through a raw connection, and
 * @reason in the reasons table, like a v2 vault written before the change. */
static void
append_v1 (StoreFixture *f,
           guint64       seq,
           const guint8  prev[32],
           guint8        out[32],
           const char   *reason)
{
  g_autoptr(GByteArray) buf = g_byte_array_new ();
  g_autofree char *office = g_strdup_printf ("%" G_GINT64_FORMAT, f->office_id);
  g_autofree char *hex = NULL;
  g_autofree char *sql = NULL;
  const char *details = "{\"status\":\"open\"}";
  guint64 be = GUINT64_TO_BE (seq);
  crypto_generichash_state state;

  g_byte_array_append (buf, (const guint8 *) "UDHAAUD1", 8);
  g_byte_array_append (buf, (const guint8 *) &be, 8);
  put_v1_field (buf, "2026-01-02T03:04:05Z");
  put_v1_field (buf, "arta");
  put_v1_field (buf, "case.update");
  put_v1_field (buf, "case");
  put_v1_field (buf, "1");
  put_v1_field (buf, office);
  put_v1_field (buf, details);
  crypto_generichash_init (&state, udha_vault_get_audit_key (f->vault), 32, 32);
  crypto_generichash_update (&state, prev, 32);
  crypto_generichash_update (&state, buf->data, buf->len);
  crypto_generichash_final (&state, out, 32);

  hex = g_malloc (65);
  sodium_bin2hex (hex, 65, out, 32);
  sql = g_strdup_printf ("INSERT INTO audit_log (seq, at, user_name, action, entity, entity_id, office_id, "
                         "details, hash) VALUES (%" G_GUINT64_FORMAT ", '2026-01-02T03:04:05Z', 'arta', "
                         "'case.update', 'case', 1, %s, '%s', x'%s');",
                         seq, office, details, hex);
  raw_exec (f->vault, sql);
  if (reason != NULL)
    {
      g_autofree char *rsql = g_strdup_printf ("INSERT INTO reasons (audit_seq, reason) "
                                               "VALUES (%" G_GUINT64_FORMAT ", '%s');", seq, reason);

      raw_exec (f->vault, rsql);
    }
}

static void
test_reasons_legacy (StoreFixture  *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint8 h0[32] = { 0 }, h1[32], h2[32], h3[32];
  guint64 bad = 99;

  /* Entries of a v2 vault written before the reason was bound: they still
   * verify, with or without a reason, and new entries chain after them. */
  append_v1 (f, 1, h0, h1, NULL);
  append_v1 (f, 2, h1, h2, "Forced: different person");
  g_assert_true (udha_store_audit_verify (f->store, &bad, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bad, ==, 0);
  append_with_reasons (f);
  g_assert_true (udha_store_audit_verify (f->store, &bad, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bad, ==, 0);

  /* A reason added to a new entry still breaks the chain there */
  raw_exec (f->vault, "INSERT INTO reasons (audit_seq, reason) VALUES (3, 'Added later');");
  g_assert_false (udha_store_audit_verify (f->store, &bad, &error));
  g_assert_error (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_AUDIT);
  g_assert_cmpuint (bad, ==, 3);
  g_clear_error (&error);
  raw_exec (f->vault, "DELETE FROM reasons WHERE audit_seq = 3;");
  g_assert_true (udha_store_audit_verify (f->store, &bad, &error));

  /* No going back to version 1 after a version 2 entry: with the key, a
   * version 1 hash would leave its reason unbound. */
  {
    guint64 seq = 0;
    guint8 head[32];

    g_assert_true (udha_store_audit_head (f->store, &seq, head, &error));
    append_v1 (f, seq + 1, head, h3, NULL);
    g_assert_false (udha_store_audit_verify (f->store, &bad, &error));
    g_assert_error (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_AUDIT);
    g_assert_cmpuint (bad, ==, seq + 1);
  }
}

static void
test_truncated_tail (StoreFixture  *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint64 bad = 0;

  append_n (f, 5);
  g_assert_true (udha_store_audit_anchor (f->store, &error));
  g_assert_no_error (error);
  raw_exec (f->vault, "DELETE FROM audit_log WHERE seq >= 4;");
  g_assert_false (udha_store_audit_verify (f->store, &bad, &error));
  g_assert_error (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_AUDIT);
  g_assert_cmpuint (bad, ==, 4);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (from, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (to, contents, len, NULL));
}

static void
test_rollback_detected (StoreFixture  *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *old_copy = g_build_filename (f->dir, "old.udb", NULL);
  g_autoptr(UdhaPerson) p = store_add_person (f, "Amir", "Haddad", "1990-04-01");

  append_n (f, 3);
  g_assert_true (udha_store_audit_anchor (f->store, &error));
  store_fixture_close (f);
  copy_file (f->path, old_copy);

  /* More work, anchored at lock */
  store_fixture_open (f);
  append_n (f, 4);
  g_assert_true (udha_store_audit_anchor (f->store, &error));
  g_assert_no_error (error);
  store_fixture_close (f);

  /* The same state reopens fine */
  store_fixture_open (f);
  store_fixture_close (f);

  /* Put the older database back; the key file stays */
  copy_file (old_copy, f->path);
  f->vault = udha_vault_unlock (f->path, STORE_ADMIN, STORE_ADMIN_PASS, &error);
  g_assert_no_error (error);
  f->store = udha_store_new (f->vault, &error);
  g_assert_error (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_AUDIT);
  g_assert_null (f->store);
  g_assert_nonnull (strstr (error->message, "older copy"));
}

static void
test_rollback_same_length (StoreFixture  *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_build_filename (f->dir, "base.udb", NULL);
  g_autofree char *fork = g_build_filename (f->dir, "fork.udb", NULL);

  /* A copy with as many entries as the anchored head, but another history */
  append_n (f, 3);
  store_fixture_close (f);
  copy_file (f->path, base);

  store_fixture_open (f);
  g_assert_true (udha_store_audit_append (f->store, "mallory", "case.view", "case", 1, f->office_id, NULL, &error));
  store_fixture_close (f);
  copy_file (f->path, fork);

  copy_file (base, f->path);
  store_fixture_open (f);
  append_n (f, 1);
  g_assert_true (udha_store_audit_anchor (f->store, &error));
  g_assert_no_error (error);
  store_fixture_close (f);

  copy_file (fork, f->path);
  f->vault = udha_vault_unlock (f->path, STORE_ADMIN, STORE_ADMIN_PASS, &error);
  g_assert_no_error (error);
  f->store = udha_store_new (f->vault, &error);
  g_assert_error (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_AUDIT);
  g_assert_null (f->store);
}

static void
test_list (StoreFixture  *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  UdhaAuditQuery office = { f->office_id, NULL, FALSE, NULL, 0 };
  UdhaAuditQuery system = { 0, NULL, TRUE, NULL, 0 };
  UdhaAuditQuery by_user = { 0, "nobody", FALSE, NULL, 0 };
  g_autoptr(GPtrArray) page1 = NULL;
  g_autoptr(GPtrArray) page2 = NULL;
  g_autoptr(GPtrArray) sys = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;

  append_n (f, 10);
  g_assert_true (udha_store_audit_append (f->store, STORE_ADMIN, "vault.lock", NULL, 0, 0, NULL, &error));

  page1 = udha_store_audit_list (f->store, &office, 0, 4, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page1->len, ==, 4);
  g_assert_cmpint (((UdhaAuditEntry *) g_ptr_array_index (page1, 0))->seq, ==, 10);
  page2 = udha_store_audit_list (f->store, &office, ((UdhaAuditEntry *) g_ptr_array_index (page1, 3))->seq, 100, &error);
  g_assert_cmpuint (page2->len, ==, 6);
  sys = udha_store_audit_list (f->store, &system, 0, 100, &error);
  g_assert_cmpuint (sys->len, ==, 1);
  g_assert_cmpstr (((UdhaAuditEntry *) g_ptr_array_index (sys, 0))->action, ==, "vault.lock");
  none = udha_store_audit_list (f->store, &by_user, 0, 100, &error);
  g_assert_cmpuint (none->len, ==, 0);

  udha_audit_entry_to_json (g_ptr_array_index (page1, 0), b);
  root = json_builder_get_root (b);
  json = json_to_string (root, FALSE);
  g_assert_nonnull (strstr (json, "\"details\":{\"n\":9,\"status\":\"open\"}"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);

#define ADD(path, fn, data) \
  g_test_add (path, StoreFixture, data, store_fixture_set_up, fn, store_fixture_tear_down)

  ADD ("/udha/store/audit/verify", test_verify_ok, NULL);
  ADD ("/udha/store/audit/transaction", test_append_rolls_back_with_transaction, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (tampers); i++)
    {
      g_autofree char *path = g_strdup_printf ("/udha/store/audit/tamper/%" G_GSIZE_FORMAT, i);

      ADD (path, test_tamper, &tampers[i]);
    }
  ADD ("/udha/store/audit/reasons/verify", test_reasons_verify, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (reason_tampers); i++)
    {
      g_autofree char *path = g_strdup_printf ("/udha/store/audit/reasons/tamper/%" G_GSIZE_FORMAT, i);

      ADD (path, test_reason_tamper, &reason_tampers[i]);
    }
  ADD ("/udha/store/audit/reasons/legacy", test_reasons_legacy, NULL);
  ADD ("/udha/store/audit/truncated-tail", test_truncated_tail, NULL);
  ADD ("/udha/store/audit/rollback-behind-key-file", test_rollback_detected, NULL);
  ADD ("/udha/store/audit/rollback-same-length", test_rollback_same_length, NULL);
  ADD ("/udha/store/audit/list", test_list, NULL);

  return g_test_run ();
}
