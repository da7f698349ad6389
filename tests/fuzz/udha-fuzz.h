/* udha-fuzz.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each fuzz target defines LLVMFuzzerTestOneInput() and udha_fuzz_seed().
 * With -Dfuzzing=true the target links libFuzzer; otherwise fuzz-main.c
 * turns it into a unit test that runs the target on its seed and on a
 * fixed number of deterministic random mutations of it, plus any corpus
 * files given on the command line.
 */

#pragma once

#include <glib.h>
#include <stdint.h>

int     LLVMFuzzerTestOneInput (const uint8_t *data,
                                size_t         size);

/* Returns a valid input for the target (a real key file, a real vault). */
GBytes *udha_fuzz_seed         (void);
