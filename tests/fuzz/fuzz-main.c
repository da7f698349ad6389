/* fuzz-main.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Corpus replay and mutation smoke test for a fuzz target, for builds
 * without libFuzzer. UDHA_FUZZ_ITERATIONS sets the number of mutations.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "udha-core.h"
#include "udha-fuzz.h"

static void
mutate (GRand  *rand,
        guint8 *buf,
        gsize   len)
{
  guint n = (guint) g_rand_int_range (rand, 1, 9);

  for (guint i = 0; i < n && len > 0; i++)
    {
      gsize at = (gsize) g_rand_int_range (rand, 0, (gint32) MIN (len, G_MAXINT32));

      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0:   /* flip one bit */
          buf[at] ^= (guint8) (1u << g_rand_int_range (rand, 0, 8));
          break;
        case 1:   /* a random byte */
          buf[at] = (guint8) g_rand_int_range (rand, 0, 256);
          break;
        case 2:   /* an interesting value */
          {
            static const guint8 values[] = { 0x00, 0x01, 0x7f, 0x80, 0xff, 0x40, 0x10 };
            buf[at] = values[g_rand_int_range (rand, 0, G_N_ELEMENTS (values))];
          }
          break;
        default:  /* copy a run from elsewhere */
          {
            /* No random calls inside MIN(): it evaluates its arguments twice. */
            gsize from = (gsize) g_rand_int_range (rand, 0, (gint32) MIN (len, G_MAXINT32));
            gsize want = (gsize) g_rand_int_range (rand, 1, 64);
            gsize run = MIN (want, MIN (len - at, len - from));
            memmove (buf + at, buf + from, run);
          }
          break;
        }
    }
}

static void
test_seed (void)
{
  g_autoptr(GBytes) seed = udha_fuzz_seed ();

  g_assert_nonnull (seed);
  LLVMFuzzerTestOneInput (g_bytes_get_data (seed, NULL), g_bytes_get_size (seed));
}

static void
test_mutations (void)
{
  g_autoptr(GBytes) seed = udha_fuzz_seed ();
  const char *env = g_getenv ("UDHA_FUZZ_ITERATIONS");
  guint iterations = env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) : 300;
  GRand *rand = g_rand_new_with_seed (20261127);
  gsize len = g_bytes_get_size (seed);

  for (guint i = 0; i < iterations; i++)
    {
      g_autofree guint8 *buf = g_memdup2 (g_bytes_get_data (seed, NULL), len);
      gsize cut = len;

      mutate (rand, buf, len);
      if (g_rand_int_range (rand, 0, 10) == 0)   /* sometimes truncate */
        cut = (gsize) g_rand_int_range (rand, 0, (gint32) MIN (len, G_MAXINT32));
      LLVMFuzzerTestOneInput (buf, cut);
    }

  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  g_assert_true (udha_core_init (&error));

  /* --write-seed FILE: save the seed, e.g. as a libFuzzer corpus entry. */
  if (argc == 3 && g_strcmp0 (argv[1], "--write-seed") == 0)
    {
      g_autoptr(GBytes) seed = udha_fuzz_seed ();

      g_assert_true (g_file_set_contents (argv[2], g_bytes_get_data (seed, NULL),
                                          (gssize) g_bytes_get_size (seed), &error));
      return 0;
    }

  /* Corpus files given on the command line are replayed first. */
  for (int i = 1; i < argc; i++)
    {
      g_autofree char *contents = NULL;
      gsize len;

      if (g_file_get_contents (argv[i], &contents, &len, NULL))
        LLVMFuzzerTestOneInput ((const uint8_t *) contents, len);
    }

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/udha/fuzz/seed", test_seed);
  g_test_add_func ("/udha/fuzz/mutations", test_mutations);

  return g_test_run ();
}
