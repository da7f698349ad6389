/* main.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "udha"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "udha-application.h"
#include "udha-core.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(UdhaApplication) app = NULL;
  g_autoptr(GError) error = NULL;

  /* Before anything else: no core dumps of decrypted case data. */
  udha_core_harden_process ();

  /* The language chosen in Preferences takes effect here, at start-up. */
  udha_application_setup_i18n ();

  if (!udha_core_init (&error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  app = udha_application_new (APP_ID, G_APPLICATION_DEFAULT_FLAGS);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
