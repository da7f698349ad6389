/* test-model-duplicates.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "udha-duplicates.h"
#include "udha-text.h"

static GDate today;

typedef struct
{
  char                 *name;
  char                 *phonetic;
  UdhaDuplicateSubject  s;
} Person;

static void
person_init (Person     *p,
             const char *name,
             const char *dob)
{
  udha_duplicate_subject_init (&p->s);
  p->name = udha_text_fold (name);
  p->phonetic = udha_text_phonetic_key (name);
  p->s.name = p->name;
  p->s.phonetic = p->phonetic;
  if (dob != NULL)
    g_assert_true (udha_date_parse_dob (dob, &today, NULL, &p->s.dob, NULL));
}

static void
person_clear (Person *p)
{
  g_free (p->name);
  g_free (p->phonetic);
}

static guint
score (Person              *a,
       Person              *b,
       UdhaDuplicateReason *reasons)
{
  guint ab = udha_duplicate_score (&a->s, &b->s, &today, reasons);
  guint ba = udha_duplicate_score (&b->s, &a->s, &today, NULL);

  /* Symmetric */
  g_assert_cmpuint (ab, ==, ba);
  g_assert_cmpuint (ab, <=, 100);
  return ab;
}

static void
test_duplicates_variant_name (void)
{
  static const char *const syria[] = { "SY", NULL };
  Person a, b;
  UdhaDuplicateReason why;
  guint s;

  person_init (&a, "Mohamed Ali", "05.1990");
  person_init (&b, "Muhammad Aly", "17.05.1990");
  a.s.citizenships = syria;
  b.s.citizenships = syria;
  a.s.sex = b.s.sex = "male";

  s = score (&a, &b, &why);
  g_assert_cmpuint (s, >=, UDHA_DUPLICATE_THRESHOLD);
  g_assert_cmpuint (s, >=, 70);
  g_assert_true (why & UDHA_DUPLICATE_REASON_NAME_PHONETIC);
  g_assert_true (why & UDHA_DUPLICATE_REASON_DOB_CLOSE);
  g_assert_true (why & UDHA_DUPLICATE_REASON_CITIZENSHIP);
  g_assert_false (why & UDHA_DUPLICATE_REASON_DOCUMENT_MATCH);

  person_clear (&a);
  person_clear (&b);
}

static void
test_duplicates_folded_name (void)
{
  Person a, b;
  UdhaDuplicateReason why;

  person_init (&a, "Arben Çela", NULL);
  person_init (&b, "Cela Arben", NULL);

  g_assert_cmpuint (score (&a, &b, &why), >=, UDHA_DUPLICATE_THRESHOLD);
  g_assert_true (why & UDHA_DUPLICATE_REASON_NAME_SIMILAR);

  person_clear (&a);
  person_clear (&b);
}

static void
test_duplicates_unrelated (void)
{
  static const char *const syria[] = { "SY", NULL };
  Person a, b;
  UdhaDuplicateReason why;

  person_init (&a, "Fatima Noor", "1995");
  person_init (&b, "Besnik Hoxha", "1995");
  a.s.citizenships = b.s.citizenships = syria;

  g_assert_cmpuint (score (&a, &b, &why), <, UDHA_DUPLICATE_THRESHOLD);
  g_assert_false (why & (UDHA_DUPLICATE_REASON_NAME_SIMILAR | UDHA_DUPLICATE_REASON_NAME_PHONETIC));
  g_assert_true (why & UDHA_DUPLICATE_REASON_DOB_CLOSE);

  person_clear (&a);
  person_clear (&b);
}

static void
test_duplicates_same_name_different_people (void)
{
  Person a, b;
  guint same, different;

  /* A namesake is shown, but scores lower when the ages and sex disagree */
  person_init (&a, "Ahmed Hassan", "1980");
  person_init (&b, "Ahmed Hassan", NULL);
  same = score (&a, &b, NULL);
  g_assert_cmpuint (same, >=, UDHA_DUPLICATE_THRESHOLD);

  person_clear (&b);
  person_init (&b, "Ahmed Hassan", "2010");
  a.s.sex = "male";
  b.s.sex = "female";
  different = score (&a, &b, NULL);
  g_assert_cmpuint (different, <, same);
  g_assert_cmpuint (different, <, UDHA_DUPLICATE_THRESHOLD);

  person_clear (&a);
  person_clear (&b);
}

static void
test_duplicates_documents_and_phones (void)
{
  g_autofree char *doc_a = udha_text_doc_number_fold ("N 0123-456");
  g_autofree char *doc_b = udha_text_doc_number_fold ("n0123456");
  g_autofree char *phone_a = udha_text_phone_digits ("+355 69 123 4567");
  g_autofree char *phone_b = udha_text_phone_digits ("069 123 4567");
  const char *docs_a[] = { doc_a, NULL };
  const char *docs_b[] = { "X1", doc_b, NULL };
  const char *phones_a[] = { phone_a, NULL };
  const char *phones_b[] = { phone_b, NULL };
  Person a, b;
  UdhaDuplicateReason why;
  guint s;

  person_init (&a, "Tariq Khan", NULL);
  person_init (&b, "Parwiz Ahmadi", NULL);
  a.s.documents = docs_a;
  b.s.documents = docs_b;

  s = score (&a, &b, &why);
  g_assert_cmpuint (s, >=, UDHA_DUPLICATE_THRESHOLD);
  g_assert_true (why & UDHA_DUPLICATE_REASON_DOCUMENT_MATCH);

  a.s.documents = b.s.documents = NULL;
  a.s.phones = phones_a;
  b.s.phones = phones_b;
  s = score (&a, &b, &why);
  g_assert_true (why & UDHA_DUPLICATE_REASON_PHONE_MATCH);
  /* A shared phone alone (family members) is not enough */
  g_assert_cmpuint (s, <, UDHA_DUPLICATE_THRESHOLD);

  person_clear (&a);
  person_clear (&b);
}

static void
test_duplicates_age (void)
{
  Person a, b;
  UdhaDuplicateReason why;

  person_init (&a, "Abdulrahman Said", NULL);
  person_init (&b, "Abd al-Rahman Saeed", "12.03.2009");
  a.s.age = 16;   /* b is 17 */

  g_assert_cmpuint (score (&a, &b, &why), >=, UDHA_DUPLICATE_THRESHOLD);
  g_assert_true (why & UDHA_DUPLICATE_REASON_AGE_COMPATIBLE);
  g_assert_true (why & UDHA_DUPLICATE_REASON_NAME_PHONETIC);
  g_assert_false (why & UDHA_DUPLICATE_REASON_DOB_CLOSE);

  person_clear (&a);
  person_clear (&b);
}

static void
test_duplicates_aliases (void)
{
  const char *aliases[] = { "abu omar", NULL };
  Person a, b;
  UdhaDuplicateReason why;

  person_init (&a, "Abu Omar", NULL);
  person_init (&b, "Khalid Mansour", NULL);
  b.s.aliases = aliases;

  score (&a, &b, &why);
  g_assert_true (why & UDHA_DUPLICATE_REASON_NAME_SIMILAR);

  person_clear (&a);
  person_clear (&b);
}

static void
test_duplicates_reasons (void)
{
  g_auto(GStrv) codes = udha_duplicate_reasons_to_codes (UDHA_DUPLICATE_REASON_ALL);
  g_auto(GStrv) texts = udha_duplicate_reasons_describe (UDHA_DUPLICATE_REASON_ALL);
  g_auto(GStrv) two = udha_duplicate_reasons_to_codes (UDHA_DUPLICATE_REASON_PHONE_MATCH |
                                                       UDHA_DUPLICATE_REASON_NAME_SIMILAR);

  g_assert_cmpuint (g_strv_length (codes), ==, 7);
  g_assert_cmpuint (g_strv_length (texts), ==, 7);
  for (guint i = 0; texts[i] != NULL; i++)
    g_assert_cmpuint (strlen (texts[i]), >, 0);
  g_assert_cmpstr (two[0], ==, "name_similar");
  g_assert_cmpstr (two[1], ==, "phone_match");
  g_assert_null (two[2]);
  g_assert_cmpstr (udha_duplicate_reason_get_code (UDHA_DUPLICATE_REASON_DOB_CLOSE), ==, "dob_close");
  g_assert_cmpstr (udha_duplicate_reason_describe (UDHA_DUPLICATE_REASON_DOCUMENT_MATCH), ==,
                   "Same identity document number");
  g_assert_null (udha_duplicate_reason_describe (UDHA_DUPLICATE_REASON_NONE));
}

static void
test_duplicates_empty (void)
{
  UdhaDuplicateSubject a, b;
  UdhaDuplicateReason why = UDHA_DUPLICATE_REASON_ALL;

  udha_duplicate_subject_init (&a);
  udha_duplicate_subject_init (&b);
  g_assert_cmpuint (udha_duplicate_score (&a, &b, &today, &why), ==, 0);
  g_assert_cmpint (why, ==, UDHA_DUPLICATE_REASON_NONE);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 12, 3, 2026);

  g_test_add_func ("/udha/model/duplicates/variant-name", test_duplicates_variant_name);
  g_test_add_func ("/udha/model/duplicates/folded-name", test_duplicates_folded_name);
  g_test_add_func ("/udha/model/duplicates/unrelated", test_duplicates_unrelated);
  g_test_add_func ("/udha/model/duplicates/namesake", test_duplicates_same_name_different_people);
  g_test_add_func ("/udha/model/duplicates/documents-phones", test_duplicates_documents_and_phones);
  g_test_add_func ("/udha/model/duplicates/age", test_duplicates_age);
  g_test_add_func ("/udha/model/duplicates/aliases", test_duplicates_aliases);
  g_test_add_func ("/udha/model/duplicates/reasons", test_duplicates_reasons);
  g_test_add_func ("/udha/model/duplicates/empty", test_duplicates_empty);

  return g_test_run ();
}
