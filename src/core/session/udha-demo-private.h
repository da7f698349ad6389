/* udha-demo-private.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Names of one language area, in common Latin transliterations. Lists are
 * NULL-terminated. */
typedef struct
{
  const char * const *male;
  const char * const *female;
  const char * const *family;
} UdhaDemoNames;

/* A nationality of DOMAIN.md §13 (plus Albanian returnees), with its demo
 * weight (per 10,000, not statistics) and what goes with it. */
typedef struct
{
  const char          *country;        /* ISO 3166-1 alpha-2 */
  guint                weight;
  const UdhaDemoNames *names;
  const char * const  *languages;      /* ISO 639-3, first = mother tongue; NULL-terminated */
  const char          *script;         /* original script, or NULL */
  const char          *phone_prefix;   /* "+963" */
  const char          *passport_prefix;
} UdhaDemoNationality;

const UdhaDemoNationality  *_udha_demo_nationalities          (guint       *n);
/* Other spellings of a name ("Mohamed" → "Muhammad", "Mohammed", …), or NULL. */
const char * const         *_udha_demo_name_variants          (const char  *name);
/* The name in Arabic script, or NULL. */
const char                 *_udha_demo_arabic_script          (const char  *name);

/* Interview notes: template sentences, English and Albanian. Synthetic
 * data, not user interface: never translated. */
const char * const         *_udha_demo_notes_en               (void);
const char * const         *_udha_demo_notes_sq               (void);

G_END_DECLS
