/* test-model-iso.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "udha-iso-codes.h"

static void
test_iso_countries (void)
{
  g_autoptr(GPtrArray) list = udha_iso_country_list ();

  g_assert_cmpuint (udha_iso_country_count (), >=, 240);
  g_assert_cmpuint (list->len, ==, udha_iso_country_count ());

  g_assert_true (udha_iso_country_is_valid ("AL"));
  g_assert_true (udha_iso_country_is_valid ("SY"));
  g_assert_true (udha_iso_country_is_valid ("XK"));
  g_assert_false (udha_iso_country_is_valid ("al"));
  g_assert_false (udha_iso_country_is_valid ("ZZ"));
  g_assert_false (udha_iso_country_is_valid (NULL));

  g_assert_cmpstr (udha_iso_country_get_name ("AL"), ==, "Albania");
  g_assert_cmpstr (udha_iso_country_get_name ("SY"), ==, "Syria");
  g_assert_cmpstr (udha_iso_country_get_name ("IR"), ==, "Iran");
  g_assert_cmpstr (udha_iso_country_get_name ("XK"), ==, "Kosovo");
  g_assert_null (udha_iso_country_get_name ("ZZ"));
  g_assert_cmpstr (udha_iso_country_find ("AL")->alpha3, ==, "ALB");

  g_assert_cmpstr (udha_iso_country_normalize ("al"), ==, "AL");
  g_assert_cmpstr (udha_iso_country_normalize (" syr "), ==, "SY");
  g_assert_cmpstr (udha_iso_country_normalize ("AFG"), ==, "AF");
  g_assert_null (udha_iso_country_normalize ("Albania"));

  /* Sorted by name: Afghanistan comes before Albania, Zimbabwe is last */
  for (guint i = 1; i < list->len; i++)
    {
      const UdhaIsoCountry *a = g_ptr_array_index (list, i - 1);
      const UdhaIsoCountry *b = g_ptr_array_index (list, i);

      g_assert_cmpint (g_utf8_collate (udha_iso_country_get_name (a->alpha2),
                                       udha_iso_country_get_name (b->alpha2)), <=, 0);
    }
}

static void
test_iso_country_check (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (udha_iso_country_check ("GR", "--birth-country", &error));
  g_assert_no_error (error);
  g_assert_false (udha_iso_country_check ("XX", "--birth-country", &error));
  g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "--birth-country"));
  g_assert_nonnull (strstr (error->message, "XX"));
}

static void
test_iso_citizenship (void)
{
  g_autoptr(GPtrArray) list = udha_iso_citizenship_list ();
  g_autoptr(GError) error = NULL;
  const UdhaIsoCountry *last = g_ptr_array_index (list, list->len - 1);

  g_assert_true (udha_iso_citizenship_is_valid ("stateless"));
  g_assert_true (udha_iso_citizenship_is_valid ("unknown"));
  g_assert_true (udha_iso_citizenship_is_valid ("AF"));
  g_assert_false (udha_iso_citizenship_is_valid ("none"));
  g_assert_cmpstr (udha_iso_citizenship_get_name ("stateless"), ==, "Stateless");
  g_assert_cmpstr (udha_iso_citizenship_get_name ("MA"), ==, "Morocco");
  g_assert_cmpuint (list->len, ==, udha_iso_country_count () + 2);
  g_assert_cmpstr (last->alpha2, ==, "unknown");

  g_assert_false (udha_iso_citizenship_check ("Syrian", "--nationality", &error));
  g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "--nationality"));
}

static void
test_iso_languages (void)
{
  g_autoptr(GPtrArray) common = udha_iso_language_list (TRUE);
  g_autoptr(GPtrArray) all = udha_iso_language_list (FALSE);
  g_autoptr(GError) error = NULL;
  gboolean have_dari = FALSE;

  g_assert_cmpuint (udha_iso_language_count (), >=, 7000);
  g_assert_true (udha_iso_language_is_valid ("sqi"));
  g_assert_true (udha_iso_language_is_valid ("ara"));
  g_assert_true (udha_iso_language_is_valid ("prs"));
  g_assert_true (udha_iso_language_is_valid ("ckb"));
  g_assert_false (udha_iso_language_is_valid ("sq"));
  g_assert_false (udha_iso_language_is_valid ("xyz1"));

  g_assert_cmpstr (udha_iso_language_get_name ("sqi"), ==, "Albanian");
  g_assert_cmpstr (udha_iso_language_get_name ("prs"), ==, "Dari");
  g_assert_cmpstr (udha_iso_language_normalize ("sq"), ==, "sqi");
  g_assert_cmpstr (udha_iso_language_normalize ("ALB"), ==, "sqi");
  g_assert_cmpstr (udha_iso_language_normalize ("per"), ==, "fas");
  g_assert_cmpstr (udha_iso_language_normalize ("ara"), ==, "ara");
  g_assert_null (udha_iso_language_normalize ("Arabic"));

  g_assert_cmpuint (common->len, >, 150);
  g_assert_cmpuint (common->len, <, 400);
  g_assert_cmpuint (all->len, >, 7000);
  for (guint i = 0; i < common->len; i++)
    if (strcmp (((const UdhaIsoLanguage *) g_ptr_array_index (common, i))->code, "prs") == 0)
      have_dari = TRUE;
  g_assert_true (have_dari);

  g_assert_false (udha_iso_language_check ("arabic", "--language", &error));
  g_assert_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "--language"));
}

static gboolean
have_albanian_locale (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  gboolean ok = setlocale (LC_ALL, "sq_AL.UTF-8") != NULL;

  setlocale (LC_ALL, saved);
  return ok;
}

static void
test_iso_albanian (void)
{
  if (g_test_subprocess ())
    {
      g_assert_nonnull (setlocale (LC_ALL, "sq_AL.UTF-8"));
      g_setenv ("LANGUAGE", "sq", TRUE);

      g_assert_cmpstr (udha_iso_country_get_name ("AL"), ==, "Shqipëri");
      g_assert_cmpstr (udha_iso_country_get_name ("GR"), ==, "Greqi");
      /* No Albanian for the common name "Syria": the translated ISO name */
      g_assert_cmpstr (udha_iso_country_get_name ("SY"), ==, "Republika Arabe e Sirisë");
      /* Debian's Albanian iso_639-3 catalogue is empty: iso_639-2 has the names */
      g_assert_cmpstr (udha_iso_language_get_name ("ara"), ==, "Arabisht");
      g_assert_cmpstr (udha_iso_language_get_name ("sqi"), ==, "Shqip");
      return;
    }

  if (!have_albanian_locale ())
    {
      g_test_skip ("sq_AL.UTF-8 locale not generated (build-aux/setup-deps)");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_iso_override_dir (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = g_dir_make_tmp ("udha-iso-XXXXXX", NULL);
      g_autofree char *countries = g_build_filename (dir, "iso_3166-1.json", NULL);
      g_autofree char *languages = g_build_filename (dir, "iso_639-3.json", NULL);

      g_assert_true (g_file_set_contents (countries,
                                          "{\"3166-1\": [{\"alpha_2\": \"AL\", \"alpha_3\": \"ALB\", \"name\": \"Albania\"}]}",
                                          -1, NULL));
      g_assert_true (g_file_set_contents (languages,
                                          "{\"639-3\": [{\"alpha_3\": \"sqi\", \"alpha_2\": \"sq\", \"name\": \"Albanian\", \"scope\": \"M\", \"type\": \"L\"}]}",
                                          -1, NULL));
      g_setenv ("UDHA_ISO_CODES_DIR", dir, TRUE);

      /* One country, plus Kosovo */
      g_assert_cmpuint (udha_iso_country_count (), ==, 2);
      g_assert_true (udha_iso_country_is_valid ("AL"));
      g_assert_false (udha_iso_country_is_valid ("GR"));
      g_assert_cmpuint (udha_iso_language_count (), ==, 1);

      g_unlink (countries);
      g_unlink (languages);
      g_rmdir (dir);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static gpointer
count_thread (gpointer data)
{
  return GUINT_TO_POINTER (udha_iso_country_count () + udha_iso_language_count () * 0);
}

static void
test_iso_threads (void)
{
  /* The first use from several threads at once loads the files once */
  if (g_test_subprocess ())
    {
      GThread *threads[8];

      for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
        threads[i] = g_thread_new ("iso", count_thread, NULL);
      for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
        g_assert_cmpuint (GPOINTER_TO_UINT (g_thread_join (threads[i])), >=, 240);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/udha/model/iso/countries", test_iso_countries);
  g_test_add_func ("/udha/model/iso/country-check", test_iso_country_check);
  g_test_add_func ("/udha/model/iso/citizenship", test_iso_citizenship);
  g_test_add_func ("/udha/model/iso/languages", test_iso_languages);
  g_test_add_func ("/udha/model/iso/albanian", test_iso_albanian);
  g_test_add_func ("/udha/model/iso/override-dir", test_iso_override_dir);
  g_test_add_func ("/udha/model/iso/threads", test_iso_threads);

  return g_test_run ();
}
