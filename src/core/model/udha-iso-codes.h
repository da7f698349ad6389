/* udha-iso-codes.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "udha-model-error.h"

G_BEGIN_DECLS

/* Citizenship values besides ISO 3166-1 alpha-2 codes (DOMAIN.md §2 #15) */
#define UDHA_CITIZENSHIP_STATELESS "stateless"
#define UDHA_CITIZENSHIP_UNKNOWN   "unknown"

/**
 * UdhaIsoCountry:
 * @alpha2: ISO 3166-1 alpha-2, upper case ("AL"); the stored code
 * @alpha3: ISO 3166-1 alpha-3 ("ALB")
 * @name: English name (common name where iso-codes has one: "Syria", "Iran")
 * @official_name: (nullable): the ISO name ("Syrian Arab Republic"), the msgid
 *   that iso-codes translations always carry; %NULL for the special values
 *
 * Use udha_iso_country_get_name() for the name in the user's language.
 */
typedef struct
{
  const char *alpha2;
  const char *alpha3;
  const char *name;
  const char *official_name;
} UdhaIsoCountry;

/**
 * UdhaIsoLanguage:
 * @code: ISO 639-3 code ("sqi", "ara", "prs"); the stored code
 * @alpha2: ISO 639-1 code ("sq"), or %NULL
 * @bibliographic: ISO 639-2/B code ("alb"), or %NULL
 * @name: English name
 * @common: %TRUE for the languages offered first in pickers (those with an
 *   ISO 639-1 code, plus languages of the caseload without one, e.g. Dari)
 */
typedef struct
{
  const char *code;
  const char *alpha2;
  const char *bibliographic;
  const char *name;
  gboolean    common;
} UdhaIsoLanguage;

gboolean               udha_iso_country_is_valid        (const char  *alpha2);
const UdhaIsoCountry  *udha_iso_country_find            (const char  *code);
const char            *udha_iso_country_normalize       (const char  *code);
const char            *udha_iso_country_get_name        (const char  *alpha2);
gboolean               udha_iso_country_check           (const char  *alpha2,
                                                         const char  *field_name,
                                                         GError     **error);
GPtrArray             *udha_iso_country_list            (void);

gboolean               udha_iso_citizenship_is_valid    (const char  *code);
const char            *udha_iso_citizenship_get_name    (const char  *code);
gboolean               udha_iso_citizenship_check       (const char  *code,
                                                         const char  *field_name,
                                                         GError     **error);
GPtrArray             *udha_iso_citizenship_list        (void);

gboolean               udha_iso_language_is_valid       (const char  *code);
const UdhaIsoLanguage *udha_iso_language_find           (const char  *code);
const char            *udha_iso_language_normalize      (const char  *code);
const char            *udha_iso_language_get_name       (const char  *code);
gboolean               udha_iso_language_check          (const char  *code,
                                                         const char  *field_name,
                                                         GError     **error);
GPtrArray             *udha_iso_language_list           (gboolean     common_only);

guint                  udha_iso_country_count           (void);
guint                  udha_iso_language_count          (void);

G_END_DECLS
