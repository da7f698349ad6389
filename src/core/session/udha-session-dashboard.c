/* udha-session-dashboard.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The supervisor dashboard (issue #6) through the session: the role check,
 * the office of the signed-in user, and today's date. The figures are
 * internal counts for the supervisor's own office; they are not audited
 * (they hold no personal data), the anonymised reports are. */

#define G_LOG_DOMAIN "udha-session-dashboard"

#include "config.h"

#include <stdio.h>

#include "udha-session-dashboard.h"

#include <glib/gi18n.h>

#include "udha-store-private.h"

/* The dashboard is the supervisor's, over their own office. */
static gboolean
check_supervisor (UdhaSession  *self,
                  GError      **error)
{
  if (udha_session_is_closed (self))
    {
      g_set_error_literal (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_CLOSED,
                           _("The vault is locked. Unlock it again."));
      return FALSE;
    }
  if (udha_session_get_role (self) != UDHA_ROLE_KIND_SUPERVISOR ||
      udha_session_get_office_id (self) == 0)
    {
      g_set_error_literal (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_NOT_PERMITTED,
                           _("Only supervisors can see the office dashboard."));
      return FALSE;
    }
  /* Refused while the one-time passphrase must still be changed. */
  if (!udha_session_can (self, UDHA_ACTION_RUN_REPORTS, 0))
    {
      g_set_error_literal (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_MUST_CHANGE_PASSPHRASE,
                           _("Change your one-time passphrase first, then open the dashboard again."));
      return FALSE;
    }
  return TRUE;
}

static char *
today_plus (UdhaSession *self,
            int          days)
{
  g_autofree char *today = udha_session_today (self);
  g_autoptr(GDate) date = g_date_new ();
  char buffer[16];

  g_date_set_parse (date, today);
  if (!g_date_valid (date))
    return g_steal_pointer (&today);
  if (days < 0)
    g_date_subtract_days (date, -days);
  else
    g_date_add_days (date, days);
  g_date_strftime (buffer, sizeof buffer, "%Y-%m-%d", date);
  return g_strdup (buffer);
}

/**
 * udha_session_dashboard_no_contact_since:
 * @self: a #UdhaSession
 *
 * Returns: (transfer full): the ISO day before which the last contact of an
 *   active case counts as "no contact in 30 days"
 */
char *
udha_session_dashboard_no_contact_since (UdhaSession *self)
{
  g_return_val_if_fail (UDHA_IS_SESSION (self), NULL);

  return today_plus (self, -UDHA_DASHBOARD_NO_CONTACT_DAYS);
}

/**
 * udha_session_dashboard_period:
 * @self: a #UdhaSession
 * @to: (out): the last day of the period, today
 *
 * Returns: (transfer full): the first day of the charts' period: the first
 *   of the month UDHA_DASHBOARD_CHART_MONTHS - 1 months ago
 */
char *
udha_session_dashboard_period (UdhaSession  *self,
                               char        **to)
{
  g_autofree char *today = udha_session_today (self);
  int y = 0, m = 0;

  g_return_val_if_fail (UDHA_IS_SESSION (self), NULL);

  sscanf (today, "%4d-%2d", &y, &m);
  m -= UDHA_DASHBOARD_CHART_MONTHS - 1;
  while (m < 1)
    {
      m += 12;
      y--;
    }
  if (to != NULL)
    *to = g_strdup (today);
  return g_strdup_printf ("%04d-%02d-01", y, m);
}

/**
 * udha_session_dashboard_load:
 * @self: a #UdhaSession of a supervisor
 * @error: return location for a #GError
 *
 * The figures of the supervisor dashboard for the user's office: per
 * caseworker, the active cases by status and risk, cases with an overdue
 * referral follow-up and cases without contact in the last
 * %UDHA_DASHBOARD_NO_CONTACT_DAYS days; the office's intake, its pending
 * closure requests and its overdue referrals by organisation.
 *
 * A caseworker or an administrator is refused
 * (%UDHA_SESSION_ERROR_NOT_PERMITTED).
 *
 * Returns: (transfer full): the dashboard, or %NULL
 */
UdhaDashboardData *
udha_session_dashboard_load (UdhaSession  *self,
                             GError      **error)
{
  g_autofree char *today = NULL;
  g_autofree char *since = NULL;

  g_return_val_if_fail (UDHA_IS_SESSION (self), NULL);

  if (!check_supervisor (self, error))
    return NULL;
  today = udha_session_today (self);
  since = udha_session_dashboard_no_contact_since (self);
  return udha_store_dashboard_load (udha_session_get_store (self), udha_session_get_office_id (self),
                                    today, since, error);
}

/**
 * udha_session_dashboard_figures:
 * @self: a #UdhaSession of a supervisor
 * @kind: which chart
 * @error: return location for a #GError
 *
 * The counts behind a dashboard chart for the user's office over the last
 * %UDHA_DASHBOARD_CHART_MONTHS months (udha_session_dashboard_period()).
 *
 * Returns: (transfer full): the figures, or %NULL
 */
UdhaDashboardFigures *
udha_session_dashboard_figures (UdhaSession             *self,
                                UdhaDashboardChartKind   kind,
                                GError                 **error)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  g_return_val_if_fail (UDHA_IS_SESSION (self), NULL);

  if (!check_supervisor (self, error))
    return NULL;
  from = udha_session_dashboard_period (self, &to);
  return udha_store_dashboard_figures (udha_session_get_store (self), udha_session_get_office_id (self),
                                       kind, from, to, error);
}

/* Loading on a worker */

typedef struct
{
  UdhaVault *vault;
  gint64     office_id;
  char      *today;
  char      *since;
  char      *from;
  char      *to;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *d = data;

  g_clear_object (&d->vault);
  g_free (d->today);
  g_free (d->since);
  g_free (d->from);
  g_free (d->to);
  g_free (d);
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *d = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaDashboardData) data = NULL;
  sqlite3 *db;

  db = udha_vault_open_connection (d->vault, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* One snapshot for the figures and the charts. */
  if (sqlite3_exec (db, "BEGIN;", NULL, NULL, NULL) == SQLITE_OK)
    {
      data = udha_store_dashboard_load_db (db, d->office_id, d->today, d->since, &error);
      for (guint k = 0; data != NULL && k < UDHA_DASHBOARD_N_CHARTS; k++)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, &error))
            g_clear_pointer (&data, udha_dashboard_data_free);
          else
            {
              data->charts[k] = udha_store_dashboard_figures_db (db, d->office_id, k, d->from, d->to, &error);
              if (data->charts[k] == NULL)
                g_clear_pointer (&data, udha_dashboard_data_free);
            }
        }
      sqlite3_exec (db, data != NULL ? "COMMIT;" : "ROLLBACK;", NULL, NULL, NULL);
    }
  else
    _udha_store_set_error (&error, db, sqlite3_errcode (db));
  udha_vault_close_connection (d->vault, db);

  if (data == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&data), (GDestroyNotify) udha_dashboard_data_free);
}

/**
 * udha_session_dashboard_load_async:
 * @self: a #UdhaSession of a supervisor
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the caller's main context when done
 * @user_data: for @callback
 *
 * udha_session_dashboard_load() and the counts of every chart, read in one
 * snapshot on a worker thread with a connection of its own, so that a
 * large office does not hold up the window. The role is checked here, at
 * once.
 */
void
udha_session_dashboard_load_async (UdhaSession         *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  LoadData *d;

  g_return_if_fail (UDHA_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, udha_session_dashboard_load_async);
  if (!check_supervisor (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  d = g_new0 (LoadData, 1);
  d->vault = g_object_ref (udha_store_get_vault (udha_session_get_store (self)));
  d->office_id = udha_session_get_office_id (self);
  d->today = udha_session_today (self);
  d->since = udha_session_dashboard_no_contact_since (self);
  d->from = udha_session_dashboard_period (self, &d->to);
  g_task_set_task_data (task, d, load_data_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * udha_session_dashboard_load_finish:
 * @self: a #UdhaSession
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the dashboard with its charts, or %NULL
 */
UdhaDashboardData *
udha_session_dashboard_load_finish (UdhaSession   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
