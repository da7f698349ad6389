/* udha-text.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char   *udha_text_fold             (const char *s);
char   *udha_text_phonetic_key     (const char *name);
char   *udha_text_phonetic_token   (const char *folded_token);
double  udha_text_jaro_winkler     (const char *a,
                                    const char *b);
double  udha_text_name_similarity  (const char *a,
                                    const char *b);
char   *udha_text_phone_digits     (const char *phone);
char   *udha_text_doc_number_fold  (const char *number);

G_END_DECLS
