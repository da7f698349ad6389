/* test-cli-slip.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* udha-cli referral slip: a slip in each language, refusal without consent
 * and for a caseworker of the other office, bad arguments. Spawns the built
 * udha-cli named by $UDHA_CLI. */

#include "config.h"

#include "udha-cli-test-utils.h"

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  cli_fixture_set_up (f, "udha-cli-slip-XXXXXX", TRUE);
}

static void
test_slip (Fixture       *f,
           gconstpointer  data)
{
  g_auto(Result) r = { 0, };
  g_autofree char *number = NULL;
  g_autofree char *case_number = NULL;
  g_autofree char *ref = NULL;
  g_autofree char *en = g_build_filename (f->dir, "slip-en.pdf", NULL);
  g_autofree char *sq = g_build_filename (f->dir, "slip-sq.pdf", NULL);
  g_autofree char *contents = NULL;
  gsize len = 0;

  AS_JSON (f, &r, "ana", f->pass, "person", "add", "--given", "Ardit", "--family", "Çela", "--sex", "male",
           "--dob", "12.03.1990", "--nationality", "AL", "--phone", "+355 69 123 4567");
  assert_ok (&r);
  number = json_str (&r, "registration_number");
  AS_JSON (f, &r, "ana", f->pass, "case", "open", number, "--type", "avrr");
  assert_ok (&r);
  case_number = json_str (&r, "number");
  AS_JSON (f, &r, "ana", f->pass, "referral", "add", case_number, "--org", "Qendra Ligjore", "--service", "legal");
  assert_ok (&r);
  ref = g_strdup_printf ("%" G_GINT64_FORMAT, json_int (&r, "id"));

  /* Without consent: refused, no file. */
  AS (f, &r, "ana", f->pass, "referral", "slip", ref, "--out", en, "--lang", "en");
  assert_refused (&r, "onsent");
  g_assert_false (g_file_test (en, G_FILE_TEST_EXISTS));

  AS (f, &r, "ana", f->pass, "consent", "add", number, "--purpose", "referral", "--expires", "31.12.2099");
  assert_ok (&r);

  AS (f, &r, "ana", f->pass, "referral", "slip", ref, "--out", en, "--lang", "en");
  assert_ok (&r);
  g_assert_true (g_file_get_contents (en, &contents, &len, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  /* The output names the file and the referral, never the person. */
  g_assert_null (strstr (r.out, "Ardit"));

  AS_JSON (f, &r, "ana", f->pass, "referral", "slip", ref, "--out", sq, "--lang", "sq");
  assert_ok (&r);
  g_assert_cmpint (json_int (&r, "referral_id"), ==, g_ascii_strtoll (ref, NULL, 10));
  g_assert_true (g_file_test (sq, G_FILE_TEST_IS_REGULAR));

  /* Both slips are in the audit log. */
  AS (f, &r, "ana", f->pass, "audit", "list");
  assert_ok (&r);
  g_assert_nonnull (strstr (r.out, "referral.slip"));

  /* Another office's caseworker may not print it. */
  AS (f, &r, "dino", f->pass, "referral", "slip", ref, "--out", en, "--lang", "en");
  assert_refused (&r, NULL);

  /* Bad arguments are usage errors. */
  AS (f, &r, "ana", f->pass, "referral", "slip", ref, "--lang", "en");
  g_assert_cmpint (r.status, ==, 2);
  AS (f, &r, "ana", f->pass, "referral", "slip", ref, "--out", en, "--lang", "fr");
  g_assert_cmpint (r.status, ==, 2);
  AS (f, &r, "ana", f->pass, "referral", "slip", "abc", "--out", en);
  g_assert_cmpint (r.status, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/udha/cli/referral-slip", Fixture, NULL, fixture_set_up, test_slip, fixture_tear_down);

  return g_test_run ();
}
