/* test-model-text.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "udha-text.h"

static void
assert_fold (const char *in,
             const char *expected)
{
  g_autofree char *out = udha_text_fold (in);

  g_assert_cmpstr (out, ==, expected);
}

static void
test_text_fold (void)
{
  assert_fold ("Çela", "cela");
  assert_fold ("Shkëlqim", "shkelqim");
  assert_fold ("  ARBËR   Hoxha ", "arber hoxha");
  assert_fold ("Gjergj Kastrioti-Skënderbeu", "gjergj kastrioti skenderbeu");
  assert_fold ("Abd'al-Rahman", "abdal rahman");
  assert_fold ("ʿAlī", "ali");
  assert_fold ("Aïcha", "aicha");
  assert_fold ("Yılmaz Şahin", "yilmaz sahin");
  assert_fold ("İbrahim", "ibrahim");
  assert_fold ("Łukasz Øster", "lukasz oster");
  assert_fold ("Straße", "strasse");
  assert_fold ("Nguyễn", "nguyen");
  assert_fold ("مُحَمَّد", "محمد");
  assert_fold ("", "");
  assert_fold ("--", "");
  g_assert_null (udha_text_fold (NULL));
  /* Invalid UTF-8 does not crash */
  {
    g_autofree char *out = udha_text_fold ("Ar\xff" "ben");
    g_assert_true (g_utf8_validate (out, -1, NULL));
  }
}

static void
assert_same_key (const char *a,
                 const char *b)
{
  g_autofree char *ka = udha_text_phonetic_key (a);
  g_autofree char *kb = udha_text_phonetic_key (b);

  if (g_strcmp0 (ka, kb) != 0)
    g_error ("expected the same key: %s (%s) / %s (%s)", a, ka, b, kb);
}

static void
assert_other_key (const char *a,
                  const char *b)
{
  g_autofree char *ka = udha_text_phonetic_key (a);
  g_autofree char *kb = udha_text_phonetic_key (b);

  if (g_strcmp0 (ka, kb) == 0)
    g_error ("expected different keys: %s / %s (%s)", a, b, ka);
}

static void
test_text_phonetic_pairs (void)
{
  static const char *const groups[][8] = {
    { "Mohamed", "Muhammad", "Mohammed", "Mohammad", "Muhamed", "Mouhamed", "Mohamad", NULL },
    { "Ahmed", "Ahmad", "Ahmet", NULL },
    { "Hussein", "Husain", "Hossein", "Houssein", "Husayn", "Hussain", "Husein", NULL },
    { "Hassan", "Hasan", "Hassane", NULL },
    { "Youssef", "Yusuf", "Yousef", "Youcef", "Yosef", "Yousuf", NULL },
    { "Abdul", "Abdel", "Abd al", "Abd el", "Abdoul", NULL },
    { "Abd al-Rahman", "Abdulrahman", "Abdul Rahman", "Abderrahmane", "Abdelrahman", NULL },
    { "Abdullah", "Abdallah", "Abdellah", "Abdulla", NULL },
    { "Osman", "Othman", "Usman", "Uthman", "Osmane", NULL },
    { "Fatima", "Fatma", "Fatimah", "Fatemeh", "Fátima", NULL },
    { "Aisha", "Ayesha", "Aicha", "Aïcha", "Aysha", "Aishah", NULL },
    { "Çela", "Cela", NULL },
    { "Shkëlqim", "Shkelqim", NULL },
    { "Qemal", "Kemal", NULL },
    { "Xhafer", "Jafar", "Djafar", NULL },
    { "Zhaneta", "Janeta", NULL },
    { "Rachid", "Rashid", "Rasheed", NULL },
    { "Hicham", "Hisham", NULL },
    { "Oualid", "Walid", "Waleed", NULL },
    { "Said", "Saeed", "Sayed", "Sayeed", NULL },
    { "Layla", "Leila", "Laila", NULL },
    { "Zainab", "Zeinab", "Zaynab", NULL },
    { "Khalil", "Halil", NULL },
    { "Ramadhan", "Ramazan", NULL },
    { "Ibrahim", "Ebrahim", NULL },
    { "Omar", "Umar", "Oumar", NULL },
    { "Mustafa", "Mustapha", "Moustafa", NULL },
    { "Qasim", "Kasim", "Qassim", NULL },
    { "Ghulam", "Gulam", NULL },
    { "El Hassan", "Hassan", NULL },
    { "Al Hassan", "Alhasan", "Al-Hassan", "Elhassan", NULL },
    { "Al Khatib", "Alkhatib", "Al-Khatib", NULL },
    { "Mohamed Ali", "Muhammad  ALI", NULL },
  };

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    for (guint i = 1; groups[g][i] != NULL; i++)
      assert_same_key (groups[g][0], groups[g][i]);

  assert_other_key ("Youssef", "Joseph");
  assert_other_key ("Hassan", "Hussein");
  assert_other_key ("Mohamed", "Mahmoud");
  assert_other_key ("Ali", "Omar");
  assert_other_key ("Abdullah", "Abdul");
  assert_other_key ("Samir", "Sami");
  assert_other_key ("Karim", "Kamal");
  /* Albanian and European names that only look like a glued article. */
  assert_other_key ("Albert", "Bert");
  assert_other_key ("Alketa", "Keta");
  assert_other_key ("Elmaz", "Maz");
}

static void
test_text_phonetic_spread (void)
{
  /* Clearly different names must mostly keep different keys */
  static const char *const names[] = {
    "Ali", "Omar", "Hassan", "Hussein", "Karim", "Khalid", "Samir", "Sami", "Mahmoud",
    "Mohamed", "Ahmed", "Amir", "Yusuf", "Ibrahim", "Ismail", "Fatima", "Aisha", "Maryam",
    "Zainab", "Layla", "Nadia", "Sara", "Amina", "Rashid", "Tariq", "Bilal", "Hamza",
    "Jamal", "Nasser", "Faisal", "Salim", "Walid", "Ziad", "Adel", "Nabil", "Rami",
    "Bashir", "Idris", "Musa", "Isa", "Yahya", "Zakaria", "Anwar", "Hakim", "Jalal",
    "Kamal", "Latif", "Majid", "Nouri", "Qadir", "Reza", "Saleh", "Tahir", "Wahid",
    "Arben", "Besnik", "Dritan", "Erion", "Gentian", "Ilir", "Klodian", "Luan", "Mirela",
    "Blerina", "Elira", "Jonida", "Anila", "Valbona", "Eris", "Agron", "Fatos", "Genci",
    "Shpresa", "Teuta", "Drita", "Lule", "Ermal", "Erald", "Kristi", "Sokol", "Astrit",
    "Mamadou", "Ousmane", "Aminata", "Fatoumata", "Ibrahima", "Moussa", "Abdoulaye",
    "Habib", "Jawad", "Kabir", "Nasir", "Parwiz", "Shirin", "Farid", "Gul", "Zahra",
  };
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = G_N_ELEMENTS (names);

  for (guint i = 0; i < n; i++)
    g_hash_table_add (keys, udha_text_phonetic_key (names[i]));

  g_test_message ("%u names, %u keys", n, g_hash_table_size (keys));
  g_assert_cmpuint (g_hash_table_size (keys) * 100, >=, n * 95);
}

static void
test_text_phonetic_edge (void)
{
  g_autofree char *empty = udha_text_phonetic_key ("");
  g_autofree char *particles = udha_text_phonetic_key ("Ben");
  g_autofree char *arabic = udha_text_phonetic_key ("محمد علي");
  g_autofree char *multi = udha_text_phonetic_key ("Muhammad Abd al-Rahman");

  g_assert_null (udha_text_phonetic_key (NULL));
  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpstr (particles, !=, "");
  g_assert_cmpstr (arabic, ==, "محمد علي");
  g_assert_cmpstr (multi, ==, "mumt abdl rahmn");
}

static void
test_text_similarity (void)
{
  g_assert_cmpfloat (udha_text_name_similarity ("Çela Arben", "cela arben"), ==, 1.0);
  g_assert_cmpfloat (udha_text_name_similarity ("Arben Çela", "Çela Arben"), >, 0.95);
  g_assert_cmpfloat (udha_text_name_similarity ("Abdulrahman Said", "Abdul Rahman Said"), >, 0.95);
  g_assert_cmpfloat (udha_text_name_similarity ("Mohamed Ali", "Mohammed Ali"), >, 0.9);
  g_assert_cmpfloat (udha_text_name_similarity ("Ali Hassan", "Ali Hassan Mahmoud"), >, 0.85);
  g_assert_cmpfloat (udha_text_name_similarity ("Martha", "Marhta"), >, 0.95);
  g_assert_cmpfloat (udha_text_name_similarity ("Fatima Noor", "Besnik Hoxha"), <, 0.6);
  g_assert_cmpfloat (udha_text_name_similarity ("", "Arben"), ==, 0.0);
  g_assert_cmpfloat (udha_text_name_similarity (NULL, "Arben"), ==, 0.0);
  g_assert_cmpfloat (udha_text_jaro_winkler ("dixon", "dicksonx"), >, 0.81);
  g_assert_cmpfloat (udha_text_jaro_winkler ("dixon", "dicksonx"), <, 0.82);
}

static void
assert_phone (const char *in,
              const char *expected)
{
  g_autofree char *out = udha_text_phone_digits (in);

  g_assert_cmpstr (out, ==, expected);
}

static void
test_text_phone (void)
{
  assert_phone ("+355 69 123 4567", "691234567");
  assert_phone ("00355 69 123 4567", "691234567");
  assert_phone ("069 123 4567", "691234567");
  assert_phone ("069-123-45-67", "691234567");
  assert_phone ("355691234567", "691234567");
  assert_phone ("+355 (0)69 123 4567", "691234567");
  assert_phone ("04 222 3333", "42223333");
  assert_phone ("+355 4 222 3333", "42223333");
  assert_phone ("+30 694 000 0000", "306940000000");
  assert_phone ("0030 694 000 0000", "306940000000");
  assert_phone ("no phone", "");
  g_assert_null (udha_text_phone_digits (NULL));
}

static void
test_text_doc (void)
{
  g_autofree char *a = udha_text_doc_number_fold ("ab-123 456");
  g_autofree char *b = udha_text_doc_number_fold (" AB 123–456 ");
  g_autofree char *c = udha_text_doc_number_fold ("n° 12.34/5");

  g_assert_cmpstr (a, ==, "AB123456");
  g_assert_cmpstr (b, ==, "AB123456");
  g_assert_cmpstr (c, ==, "N12345");
  g_assert_null (udha_text_doc_number_fold (NULL));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/udha/model/text/fold", test_text_fold);
  g_test_add_func ("/udha/model/text/phonetic-pairs", test_text_phonetic_pairs);
  g_test_add_func ("/udha/model/text/phonetic-spread", test_text_phonetic_spread);
  g_test_add_func ("/udha/model/text/phonetic-edge", test_text_phonetic_edge);
  g_test_add_func ("/udha/model/text/similarity", test_text_similarity);
  g_test_add_func ("/udha/model/text/phone", test_text_phone);
  g_test_add_func ("/udha/model/text/doc-number", test_text_doc);

  return g_test_run ();
}
