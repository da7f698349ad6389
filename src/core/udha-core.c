/* udha-core.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "udha-core"

#include "config.h"

#include "udha-core.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <sys/prctl.h>
#include <sys/resource.h>

/**
 * udha_core_harden_process:
 *
 * Disables core dumps for this process, so that a crash never writes
 * decrypted case data or key material to disk, and makes the process
 * non-dumpable so that other processes of the same user cannot attach
 * with ptrace or read /proc/PID/mem.
 */
void
udha_core_harden_process (void)
{
  struct rlimit limit = { 0, 0 };

  setrlimit (RLIMIT_CORE, &limit);
  prctl (PR_SET_DUMPABLE, 0, 0, 0, 0);
}

/**
 * udha_core_process_is_hardened:
 *
 * Returns: %TRUE if core dumps are off and the process is not dumpable.
 */
gboolean
udha_core_process_is_hardened (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_CORE, &limit) != 0)
    return FALSE;

  return limit.rlim_cur == 0 && limit.rlim_max == 0 && prctl (PR_GET_DUMPABLE, 0, 0, 0, 0) == 0;
}

/**
 * udha_core_init:
 * @error: return location for a #GError
 *
 * Initialises libsodium. Call once from main() of each binary.
 *
 * Returns: %TRUE on success
 */
gboolean
udha_core_init (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The cryptography library could not start. Udha cannot run safely on this computer."));
      return FALSE;
    }

  return TRUE;
}

/**
 * udha_core_default_vault_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/udha/cases.udb`
 */
char *
udha_core_default_vault_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "udha", "cases.udb", NULL);
}

/**
 * udha_core_keys_path_for:
 * @vault_path: the path of a vault database
 *
 * Returns: (transfer full): the path of its key-slot file
 */
char *
udha_core_keys_path_for (const char *vault_path)
{
  g_return_val_if_fail (vault_path != NULL, NULL);

  return g_strconcat (vault_path, ".keys", NULL);
}

/**
 * udha_format_date:
 * @datetime: a date
 *
 * Returns: (transfer full): the date as the user's language writes it
 */
char *
udha_format_date (GDateTime *datetime)
{
  g_return_val_if_fail (datetime != NULL, NULL);

  /* Translators: a date as shown everywhere in Udha, see g_date_time_format().
   * Albanian uses day.month.year. */
  return g_date_time_format (datetime, _("%d.%m.%Y"));
}

/**
 * udha_format_date_time:
 * @datetime: a date and time
 *
 * Returns: (transfer full): the date and time as the user's language writes them
 */
char *
udha_format_date_time (GDateTime *datetime)
{
  g_return_val_if_fail (datetime != NULL, NULL);

  /* Translators: a date and time, see g_date_time_format(). */
  return g_date_time_format (datetime, _("%d.%m.%Y %H:%M"));
}
