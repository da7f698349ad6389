/* udha-duplicates.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "udha-date.h"

G_BEGIN_DECLS

/* Candidates scoring at least this are shown to the caseworker before registration */
#define UDHA_DUPLICATE_THRESHOLD 50

/**
 * UdhaDuplicateReason:
 * @UDHA_DUPLICATE_REASON_NAME_SIMILAR: names are similar (Jaro-Winkler ≥ 0.85 after folding)
 * @UDHA_DUPLICATE_REASON_NAME_PHONETIC: at least half the name tokens sound alike
 * @UDHA_DUPLICATE_REASON_DOB_CLOSE: dates of birth within a year
 * @UDHA_DUPLICATE_REASON_AGE_COMPATIBLE: ages compatible (no date of birth on one side)
 * @UDHA_DUPLICATE_REASON_CITIZENSHIP: a citizenship in common
 * @UDHA_DUPLICATE_REASON_DOCUMENT_MATCH: the same identity document number
 * @UDHA_DUPLICATE_REASON_PHONE_MATCH: the same phone number
 */
typedef enum
{
  UDHA_DUPLICATE_REASON_NONE           = 0,
  UDHA_DUPLICATE_REASON_NAME_SIMILAR   = 1 << 0,
  UDHA_DUPLICATE_REASON_NAME_PHONETIC  = 1 << 1,
  UDHA_DUPLICATE_REASON_DOB_CLOSE      = 1 << 2,
  UDHA_DUPLICATE_REASON_AGE_COMPATIBLE = 1 << 3,
  UDHA_DUPLICATE_REASON_CITIZENSHIP    = 1 << 4,
  UDHA_DUPLICATE_REASON_DOCUMENT_MATCH = 1 << 5,
  UDHA_DUPLICATE_REASON_PHONE_MATCH    = 1 << 6,
} UdhaDuplicateReason;

#define UDHA_DUPLICATE_REASON_ALL (0x7f)

/**
 * UdhaDuplicateSubject:
 * @name: full name, folded (udha_text_fold() of given + family name)
 * @phonetic: udha_text_phonetic_key() of the same, or %NULL to compute it
 * @aliases: (nullable): NULL-terminated folded aliases and other names
 * @sex: (nullable): a %UDHA_LOOKUP_SEX code
 * @dob: date of birth (precision NONE if unknown)
 * @age: current age in years when there is no date of birth, or -1
 * @citizenships: (nullable): NULL-terminated citizenship codes
 * @documents: (nullable): NULL-terminated udha_text_doc_number_fold() numbers
 * @phones: (nullable): NULL-terminated udha_text_phone_digits() numbers
 *
 * What the scorer compares. Strings are borrowed; fill with
 * udha_duplicate_subject_init() first.
 */
typedef struct
{
  const char        *name;
  const char        *phonetic;
  const char *const *aliases;
  const char        *sex;
  UdhaDate           dob;
  int                age;
  const char *const *citizenships;
  const char *const *documents;
  const char *const *phones;
} UdhaDuplicateSubject;

void         udha_duplicate_subject_init       (UdhaDuplicateSubject       *subject);
guint        udha_duplicate_score              (const UdhaDuplicateSubject *person,
                                                const UdhaDuplicateSubject *candidate,
                                                const GDate                *today,
                                                UdhaDuplicateReason        *reasons);
const char  *udha_duplicate_reason_get_code    (UdhaDuplicateReason         reason);
const char  *udha_duplicate_reason_describe    (UdhaDuplicateReason         reason);
GStrv        udha_duplicate_reasons_to_codes   (UdhaDuplicateReason         reasons);
GStrv        udha_duplicate_reasons_describe   (UdhaDuplicateReason         reasons);

G_END_DECLS
