/* udha-duplicates.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "udha-duplicates"

#include "config.h"

#include "udha-duplicates.h"
#include "udha-text.h"

#include <glib/gi18n.h>
#include <string.h>

/*
 * Duplicate scoring (DOMAIN.md §2 "Search before create", §15). The store finds
 * candidates through its FTS5 index; this pure function ranks them.
 *
 * Points (the total is clamped to 0–100):
 *   name           up to 50: 50 × max (rescaled similarity, 0.9 × phonetic overlap),
 *                  where the similarity 0.70–1.00 is rescaled to 0–1 and the best
 *                  of name and aliases on both sides counts
 *   date of birth  +20 same day, +15 within a year (DOB_CLOSE);
 *                  −20 more than five years apart
 *   age            +10 within 2 years, 3 if one is estimated (AGE_COMPATIBLE);
 *                  −15 more than 10 years apart
 *   citizenship    +10 one in common ("unknown" ignored); −5 none in common
 *   document       +60 same number (DOCUMENT_MATCH)
 *   phone          +25 same number (PHONE_MATCH); family members share phones
 *   sex            −15 both known (female/male) and different
 *
 * An exact same name alone reaches the threshold (50), so a caseworker always
 * sees a namesake; a document match alone also does.
 */

typedef struct
{
  UdhaDuplicateReason reason;
  const char         *code;
  const char         *description;
} ReasonInfo;

static const ReasonInfo reason_info[] = {
  { UDHA_DUPLICATE_REASON_NAME_SIMILAR, "name_similar", N_("Similar name") },
  { UDHA_DUPLICATE_REASON_NAME_PHONETIC, "name_phonetic", N_("Name sounds alike") },
  { UDHA_DUPLICATE_REASON_DOB_CLOSE, "dob_close", N_("Date of birth within a year") },
  { UDHA_DUPLICATE_REASON_AGE_COMPATIBLE, "age_compatible", N_("Compatible age") },
  { UDHA_DUPLICATE_REASON_CITIZENSHIP, "citizenship", N_("Same citizenship") },
  { UDHA_DUPLICATE_REASON_DOCUMENT_MATCH, "document_match", N_("Same identity document number") },
  { UDHA_DUPLICATE_REASON_PHONE_MATCH, "phone_match", N_("Same phone number") },
};

/*
 * Auxiliary methods
 */

static gboolean
strv_intersect (const char *const *a,
                const char *const *b,
                const char        *ignore)
{
  if (a == NULL || b == NULL)
    return FALSE;
  for (; *a != NULL; a++)
    {
      if (**a == '\0' || g_strcmp0 (*a, ignore) == 0)
        continue;
      if (g_strv_contains (b, *a))
        return TRUE;
    }
  return FALSE;
}

static gboolean
strv_has_value (const char *const *a,
                const char        *ignore)
{
  if (a == NULL)
    return FALSE;
  for (; *a != NULL; a++)
    if (**a != '\0' && g_strcmp0 (*a, ignore) != 0)
      return TRUE;
  return FALSE;
}

/* Share of the tokens of the shorter key that appear in the other */
static double
phonetic_overlap (const char *a,
                  const char *b)
{
  g_auto(GStrv) ta = NULL;
  g_auto(GStrv) tb = NULL;
  char **shorter, **longer;
  guint na, nb, hits = 0;

  if (a == NULL || b == NULL || *a == '\0' || *b == '\0')
    return 0.0;

  ta = g_strsplit (a, " ", -1);
  tb = g_strsplit (b, " ", -1);
  na = g_strv_length (ta);
  nb = g_strv_length (tb);
  shorter = na <= nb ? ta : tb;
  longer = na <= nb ? tb : ta;

  for (char **t = shorter; *t != NULL; t++)
    if (g_strv_contains ((const char * const *) longer, *t))
      hits++;

  return (double) hits / MIN (na, nb);
}

static void
collect_names (const UdhaDuplicateSubject *s,
               GPtrArray                  *names)
{
  if (s->name != NULL && *s->name != '\0')
    g_ptr_array_add (names, (gpointer) s->name);
  for (const char *const *a = s->aliases; a != NULL && *a != NULL; a++)
    if (**a != '\0')
      g_ptr_array_add (names, (gpointer) *a);
}

static int
subject_age (const UdhaDuplicateSubject *s,
             const GDate                *today)
{
  if (udha_date_is_set (&s->dob))
    return udha_date_age (&s->dob, today);
  return s->age;
}

/* Smallest distance in days between the ranges two partial dates can mean */
static int
dob_distance_days (const UdhaDate *a,
                   const UdhaDate *b)
{
  GDate a0, a1, b0, b1;

  udha_date_earliest (a, &a0);
  udha_date_latest (a, &a1);
  udha_date_earliest (b, &b0);
  udha_date_latest (b, &b1);

  if (g_date_compare (&a1, &b0) < 0)
    return g_date_days_between (&a1, &b0);
  if (g_date_compare (&b1, &a0) < 0)
    return g_date_days_between (&b1, &a0);
  return 0;
}

/*
 * Public API
 */

/**
 * udha_duplicate_subject_init:
 *
 * Clears @subject: no name, no date of birth, age -1.
 */
void
udha_duplicate_subject_init (UdhaDuplicateSubject *subject)
{
  g_return_if_fail (subject != NULL);

  memset (subject, 0, sizeof *subject);
  subject->dob.precision = UDHA_DATE_PRECISION_NONE;
  subject->age = -1;
}

/**
 * udha_duplicate_score:
 * @person: the person being registered
 * @candidate: an existing person
 * @today: (nullable): for ages, %NULL for the local date
 * @reasons: (out) (optional): why they may be the same person
 *
 * Returns: 0–100; show candidates at or above %UDHA_DUPLICATE_THRESHOLD
 */
guint
udha_duplicate_score (const UdhaDuplicateSubject *person,
                      const UdhaDuplicateSubject *candidate,
                      const GDate                *today,
                      UdhaDuplicateReason        *reasons)
{
  g_autoptr(GPtrArray) names_a = g_ptr_array_new ();
  g_autoptr(GPtrArray) names_b = g_ptr_array_new ();
  g_autofree char *phon_a = NULL;
  g_autofree char *phon_b = NULL;
  UdhaDuplicateReason why = UDHA_DUPLICATE_REASON_NONE;
  double similarity = 0.0;
  double overlap;
  double name_part;
  int score = 0;
  gboolean dob_both;

  g_return_val_if_fail (person != NULL, 0);
  g_return_val_if_fail (candidate != NULL, 0);

  /* Names */
  collect_names (person, names_a);
  collect_names (candidate, names_b);
  for (guint i = 0; i < names_a->len; i++)
    for (guint j = 0; j < names_b->len; j++)
      similarity = MAX (similarity, udha_text_name_similarity (g_ptr_array_index (names_a, i),
                                                               g_ptr_array_index (names_b, j)));

  phon_a = person->phonetic != NULL ? g_strdup (person->phonetic) : udha_text_phonetic_key (person->name);
  phon_b = candidate->phonetic != NULL ? g_strdup (candidate->phonetic) : udha_text_phonetic_key (candidate->name);
  overlap = phonetic_overlap (phon_a, phon_b);

  if (similarity >= 0.85)
    why |= UDHA_DUPLICATE_REASON_NAME_SIMILAR;
  if (overlap >= 0.5)
    why |= UDHA_DUPLICATE_REASON_NAME_PHONETIC;

  name_part = MAX (CLAMP ((similarity - 0.70) / 0.30, 0.0, 1.0), 0.9 * overlap);
  score += (int) (50.0 * name_part + 0.5);

  /* Date of birth, or age */
  dob_both = udha_date_is_set (&person->dob) && udha_date_is_set (&candidate->dob);
  if (dob_both)
    {
      int days = dob_distance_days (&person->dob, &candidate->dob);

      if (days == 0 && person->dob.precision == UDHA_DATE_PRECISION_DAY &&
          candidate->dob.precision == UDHA_DATE_PRECISION_DAY)
        {
          score += 20;
          why |= UDHA_DUPLICATE_REASON_DOB_CLOSE;
        }
      else if (days <= 366)
        {
          score += 15;
          why |= UDHA_DUPLICATE_REASON_DOB_CLOSE;
        }
      else if (days > 5 * 366)
        score -= 20;
    }
  else
    {
      int age_a = subject_age (person, today);
      int age_b = subject_age (candidate, today);

      if (age_a >= 0 && age_b >= 0)
        {
          int diff = ABS (age_a - age_b);
          gboolean estimated = !udha_date_is_set (&person->dob) || !udha_date_is_set (&candidate->dob);

          if (diff <= (estimated ? 3 : 2))
            {
              score += 10;
              why |= UDHA_DUPLICATE_REASON_AGE_COMPATIBLE;
            }
          else if (diff > 10)
            score -= 15;
        }
    }

  /* Citizenship */
  if (strv_intersect (person->citizenships, candidate->citizenships, "unknown"))
    {
      score += 10;
      why |= UDHA_DUPLICATE_REASON_CITIZENSHIP;
    }
  else if (strv_has_value (person->citizenships, "unknown") &&
           strv_has_value (candidate->citizenships, "unknown"))
    score -= 5;

  /* Exact identifiers */
  if (strv_intersect (person->documents, candidate->documents, NULL))
    {
      score += 60;
      why |= UDHA_DUPLICATE_REASON_DOCUMENT_MATCH;
    }
  if (strv_intersect (person->phones, candidate->phones, NULL))
    {
      score += 25;
      why |= UDHA_DUPLICATE_REASON_PHONE_MATCH;
    }

  /* Sex */
  if ((g_strcmp0 (person->sex, "female") == 0 && g_strcmp0 (candidate->sex, "male") == 0) ||
      (g_strcmp0 (person->sex, "male") == 0 && g_strcmp0 (candidate->sex, "female") == 0))
    score -= 15;

  if (reasons != NULL)
    *reasons = why;

  return (guint) CLAMP (score, 0, 100);
}

/**
 * udha_duplicate_reason_get_code:
 * @reason: one reason
 *
 * Returns: (nullable): a stable code for --json ("name_similar"), or %NULL
 */
const char *
udha_duplicate_reason_get_code (UdhaDuplicateReason reason)
{
  for (guint i = 0; i < G_N_ELEMENTS (reason_info); i++)
    if (reason_info[i].reason == reason)
      return reason_info[i].code;
  return NULL;
}

/**
 * udha_duplicate_reason_describe:
 * @reason: one reason
 *
 * Returns: (nullable): the translated description ("Same phone number"), or %NULL
 */
const char *
udha_duplicate_reason_describe (UdhaDuplicateReason reason)
{
  for (guint i = 0; i < G_N_ELEMENTS (reason_info); i++)
    if (reason_info[i].reason == reason)
      return g_dgettext (GETTEXT_PACKAGE, reason_info[i].description);
  return NULL;
}

/**
 * udha_duplicate_reasons_to_codes:
 *
 * Returns: (transfer full): the codes of the reasons set in @reasons, in a fixed order
 */
GStrv
udha_duplicate_reasons_to_codes (UdhaDuplicateReason reasons)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < G_N_ELEMENTS (reason_info); i++)
    if ((reasons & reason_info[i].reason) != 0)
      g_strv_builder_add (builder, reason_info[i].code);

  return g_strv_builder_end (builder);
}

/**
 * udha_duplicate_reasons_describe:
 *
 * Returns: (transfer full): the translated descriptions of the reasons in @reasons
 */
GStrv
udha_duplicate_reasons_describe (UdhaDuplicateReason reasons)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < G_N_ELEMENTS (reason_info); i++)
    if ((reasons & reason_info[i].reason) != 0)
      g_strv_builder_add (builder, g_dgettext (GETTEXT_PACKAGE, reason_info[i].description));

  return g_strv_builder_end (builder);
}
