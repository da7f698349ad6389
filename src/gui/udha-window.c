/* udha-window.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "udha-window"

#include "config.h"

#include <glib/gi18n.h>

#include "udha-core.h"
#include "udha-create-page.h"
#include "udha-dashboard.h"
#include "udha-home-page.h"
#include "udha-lookup.h"
#include "udha-passphrase-dialog.h"
#include "udha-report-page.h"
#include "udha-permissions.h"
#include "udha-session.h"
#include "udha-store.h"
#include "udha-unlock-page.h"
#include "udha-vault.h"
#include "udha-window.h"
#include "udha-workspace.h"

/* How often the idle timer looks at the clock. */
#define IDLE_CHECK_SECONDS 15

struct _UdhaWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;  /* holds toasts_now only */
  GtkStack             *stack;
  GtkButton            *lock_button;
  AdwWindowTitle       *window_title;   /* "Udha", and who is signed in */
  UdhaCreatePage       *create_page;
  UdhaUnlockPage       *unlock_page;
  UdhaHomePage         *home_page;

  /* Owned */
  GSettings            *settings;
  char                 *vault_path;
  UdhaVault            *vault;
  UdhaStore            *store;      /* records over the vault */
  UdhaSession          *session;    /* who is signed in: the way into case data */
  GtkWidget            *workspace;  /* caseworkers and supervisors; in the stack */
  GCancellable         *cancellable;
  GCancellable         *verify_cancellable;  /* while the vault check runs */
  guint                 verify_progress_source;
  gint64                last_activity;    /* monotonic µs */
  guint                 idle_source;
  AdwToastOverlay      *toasts_now;  /* every toast; a new one at each lock */
  gboolean              disposing;
};

G_DEFINE_FINAL_TYPE (UdhaWindow, udha_window, ADW_TYPE_APPLICATION_WINDOW)

/* The vault check runs on a worker with a connection of its own; the
 * worker stores how far it has come, the window shows it every 100 ms. */
typedef struct
{
  UdhaVault *vault;
  int        permille;   /* atomic */
  int        finished;   /* atomic: the worker closed its connection */
} VerifyData;

/* Auxiliary methods */

static char *
resolve_vault_path (GSettings *settings)
{
  g_autofree char *path = g_settings_get_string (settings, "vault-path");

  if (path[0] == '\0')
    return udha_core_default_vault_path ();

  return g_steal_pointer (&path);
}

static void
update_actions (UdhaWindow *self)
{
  gboolean open = self->vault != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lock", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.change-passphrase", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.verify-vault",
                                 open && self->verify_cancellable == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-verify",
                                 open && self->verify_cancellable != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.rewrite-keys", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.create-vault",
                                 !open && !udha_vault_exists (self->vault_path));
  gtk_widget_set_visible (GTK_WIDGET (self->lock_button), open);
}

static void
show_unlock (UdhaWindow *self,
             const char *message)
{
  g_autofree char *last_user = g_settings_get_string (self->settings, "last-user");

  udha_unlock_page_set_vault_path (self->unlock_page, self->vault_path);
  udha_unlock_page_reset (self->unlock_page, last_user[0] != '\0' ? last_user : NULL, message);
  gtk_stack_set_visible_child_name (self->stack, "unlock");
  udha_unlock_page_focus (self->unlock_page);
}

static void
update_home (UdhaWindow *self)
{
  udha_home_page_update (self->home_page,
                         udha_vault_get_user_name (self->vault),
                         self->vault_path,
                         udha_vault_get_keys_generation (self->vault),
                         g_settings_get_uint (self->settings, "idle-lock-minutes"));
}

/* Every toast of the window, its own and the pages' (a case file's
 * "Closure requested"), goes to the inner overlay toasts_now, between the
 * template's toast_overlay and its content. At lock, the content moves to
 * a fresh inner overlay and the old one goes with its toasts, so none of
 * them shows after the next unlock.
 *
 * Not adw_toast_dismiss(): libadwaita 1.2 crashed in adw_animation_skip
 * when a toast was dismissed in the turn it was added, or while an
 * animation ran. Nor a plain destroy: the overlay's dispose frees a
 * sliding-out toast without disconnecting its animation's "done" handler.
 * Unparenting unmaps the old overlay first, and a running AdwAnimation
 * ends on its widget's "unmap" through the overlay's own "done" handlers;
 * only then is the overlay disposed, with no animation left running
 * (tests/ui/test-vault-flow.c locks at every stage of a toast). */
static void
renew_toasts (UdhaWindow *self)
{
  AdwToastOverlay *old = self->toasts_now;
  GtkWidget *fresh = adw_toast_overlay_new ();
  g_autoptr(GtkWidget) content = NULL;

  if (old == NULL)
    {
      content = g_object_ref (adw_toast_overlay_get_child (self->toast_overlay));
      adw_toast_overlay_set_child (self->toast_overlay, NULL);
    }
  else
    {
      g_object_ref (old);
      content = g_object_ref (adw_toast_overlay_get_child (old));
      adw_toast_overlay_set_child (old, NULL);
    }

  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (fresh), content);
  self->toasts_now = ADW_TOAST_OVERLAY (fresh);
  /* Unparents (and so unmaps) the old overlay */
  adw_toast_overlay_set_child (self->toast_overlay, fresh);
  if (old != NULL)
    g_object_unref (old);
}

static void
lock_vault (UdhaWindow *self,
            const char *message)
{
  g_autoptr(UdhaVault) vault = g_steal_pointer (&self->vault);

  if (vault == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->verify_cancellable != NULL)
    {
      GTask *task = g_object_get_data (G_OBJECT (self), "udha-verify-task");
      VerifyData *vd = task != NULL ? g_task_get_task_data (task) : NULL;

      /* The check stops within a few pages; its connection must be
       * closed before the keys go. */
      g_cancellable_cancel (self->verify_cancellable);
      while (vd != NULL && !g_atomic_int_get (&vd->finished))
        g_usleep (1000);
    }
  g_clear_object (&self->verify_cancellable);
  g_clear_handle_id (&self->verify_progress_source, g_source_remove);
  g_object_set_data (G_OBJECT (self), "udha-verify-task", NULL);
  udha_home_page_set_verifying (self->home_page, FALSE);
  g_clear_handle_id (&self->idle_source, g_source_remove);

  /* The workspace holds rows and models of the session: it goes first. */
  if (self->workspace != NULL)
    {
      gtk_stack_remove (self->stack, self->workspace);
      self->workspace = NULL;
    }

  /* Audits the lock and anchors the audit chain's head in the key file,
   * then closes every connection and wipes the keys; the page set-up below
   * drops every widget's view of the data. */
  if (self->session != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!udha_session_close (self->session, &error))
        g_warning ("The lock could not be recorded in the audit log: %s", error->message);
    }
  g_clear_object (&self->session);
  g_clear_object (&self->store);
  udha_vault_lock (vault);
  udha_home_page_set_verify_result (self->home_page, NULL);
  adw_window_title_set_subtitle (self->window_title, NULL);
  if (!self->disposing)
    renew_toasts (self);

  update_actions (self);
  show_unlock (self, message);
}

static gboolean
idle_check_cb (gpointer user_data)
{
  UdhaWindow *self = user_data;

  udha_window_check_idle (self, g_get_monotonic_time ());
  return G_SOURCE_CONTINUE;
}

static void
required_passphrase_closed_cb (UdhaWindow           *self,
                               UdhaPassphraseDialog *dialog)
{
  /* A person who will not replace a one-time passphrase cannot work. */
  if (self->vault != NULL && udha_vault_get_must_change_passphrase (self->vault))
    lock_vault (self, _("Choose your own passphrase to start working. Unlock again with the one-time passphrase."));
}

static void
passphrase_changed_cb (UdhaWindow *self)
{
  update_home (self);
  udha_window_add_toast (self, _("Passphrase changed"));
}

/* Opens the records (running migrations on the first unlock) and signs the
 * user in, which audits the unlock. */
static gboolean
start_session (UdhaWindow  *self,
               UdhaVault   *vault,
               GError     **error)
{
  g_autoptr(UdhaStore) store = NULL;
  g_autoptr(UdhaSession) session = NULL;

  store = udha_store_new (vault, error);
  if (store == NULL)
    return FALSE;

  session = udha_session_new (vault, store, error);
  if (session == NULL)
    return FALSE;

  self->store = g_steal_pointer (&store);
  self->session = g_steal_pointer (&session);
  return TRUE;
}

/* A figure or a queue of the dashboard, as a list in the workspace */
static void
open_case_list_cb (UdhaWindow        *self,
                   const char        *title,
                   UdhaCaseListModel *model)
{
  if (self->workspace != NULL)
    udha_workspace_show_case_list (UDHA_WORKSPACE (self->workspace), title, model);
}

static void
open_case_cb (UdhaWindow *self,
              gint64      case_id)
{
  if (self->workspace != NULL)
    udha_workspace_open_case (UDHA_WORKSPACE (self->workspace), case_id);
}

/* A supervisor's workspace also has the office dashboard and the
 * anonymised reports */
static void
add_supervisor_pages (UdhaWindow *self)
{
  GtkWidget *dashboard = udha_dashboard_new (self->session);

  g_signal_connect_object (dashboard, "open-case-list", G_CALLBACK (open_case_list_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dashboard, "open-case", G_CALLBACK (open_case_cb), self, G_CONNECT_SWAPPED);
  udha_workspace_add_page (UDHA_WORKSPACE (self->workspace), "dashboard", _("Dashboard"),
                           "view-grid-symbolic", dashboard);
  udha_workspace_add_page (UDHA_WORKSPACE (self->workspace), "reports", _("Reports"),
                           "x-office-document-symbolic", udha_report_page_new (self->session));
}

static void
open_vault (UdhaWindow *self,
            UdhaVault  *vault)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  const char *role;

  if (!start_session (self, vault, &error))
    {
      /* Nothing opens half way: the keys go, and the person reads why. */
      udha_vault_lock (vault);
      show_unlock (self, error->message);
      return;
    }

  g_set_object (&self->vault, vault);
  self->cancellable = g_cancellable_new ();

  g_settings_set_string (self->settings, "last-user", udha_vault_get_user_name (vault));

  role = udha_lookup_get_label (UDHA_LOOKUP_ROLE, udha_role_to_code (udha_session_get_role (self->session)));
  /* Translators: shown in the header bar; %s is the signed-in user, %s their role */
  label = g_strdup_printf (_("%s · %s"), udha_vault_get_user_name (vault), role);
  adw_window_title_set_subtitle (self->window_title, label);

  update_home (self);
  if (udha_session_get_role (self->session) == UDHA_ROLE_KIND_ADMIN)
    {
      /* Administrators work on the vault, not on cases (DOMAIN.md §9). */
      gtk_stack_set_visible_child_name (self->stack, "home");
    }
  else
    {
      self->workspace = GTK_WIDGET (udha_workspace_new (self->session));
      if (udha_session_get_role (self->session) == UDHA_ROLE_KIND_SUPERVISOR)
        add_supervisor_pages (self);
      gtk_stack_add_named (self->stack, self->workspace, "workspace");
      gtk_stack_set_visible_child (self->stack, self->workspace);
    }
  update_actions (self);

  self->last_activity = g_get_monotonic_time ();
  g_clear_handle_id (&self->idle_source, g_source_remove);
  self->idle_source = g_timeout_add_seconds (IDLE_CHECK_SECONDS, idle_check_cb, self);

  if (udha_vault_get_keys_file_older (vault))
    {
      /* An older key file may still hold passphrases that were changed or
       * removed since: offer to write a current one. */
      AdwToast *toast = adw_toast_new (_("This vault was opened with an older key file, which may still accept old passphrases."));

      adw_toast_set_button_label (toast, _("_Update Key File"));
      adw_toast_set_action_name (toast, "win.rewrite-keys");
      adw_toast_set_timeout (toast, 0);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_overlay_add_toast (self->toasts_now, toast);
    }

  if (udha_vault_get_must_change_passphrase (vault))
    {
      UdhaPassphraseDialog *dialog = udha_passphrase_dialog_new (GTK_WINDOW (self), vault, TRUE);

      g_signal_connect_object (dialog, "changed", G_CALLBACK (passphrase_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (dialog, "destroy", G_CALLBACK (required_passphrase_closed_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

/* Signal callbacks */

static void
activity_cb (UdhaWindow *self)
{
  self->last_activity = g_get_monotonic_time ();
}

static void
vault_created_cb (UdhaWindow *self,
                  UdhaVault  *vault)
{
  open_vault (self, vault);
  udha_window_add_toast (self, _("Vault created"));
}

static void
create_cancelled_cb (UdhaWindow *self)
{
  gtk_stack_set_visible_child_name (self->stack, "welcome");
}

static void
vault_unlocked_cb (UdhaWindow *self,
                   UdhaVault  *vault)
{
  open_vault (self, vault);
}

static void
idle_minutes_changed_cb (UdhaWindow *self)
{
  if (self->vault != NULL)
    update_home (self);
}

static gboolean
udha_window_close_request (GtkWindow *window)
{
  UdhaWindow *self = UDHA_WINDOW (window);

  lock_vault (self, NULL);

  return GTK_WINDOW_CLASS (udha_window_parent_class)->close_request (window);
}

/* Actions */

static void
create_vault_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  UdhaWindow *self = UDHA_WINDOW (widget);

  udha_create_page_set_vault_path (self->create_page, self->vault_path);
  udha_create_page_reset (self->create_page);
  gtk_stack_set_visible_child_name (self->stack, "create");
}

static void
lock_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  lock_vault (UDHA_WINDOW (widget), NULL);
}

static void
change_passphrase_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  UdhaWindow *self = UDHA_WINDOW (widget);
  UdhaPassphraseDialog *dialog;

  if (self->vault == NULL)
    return;

  dialog = udha_passphrase_dialog_new (GTK_WINDOW (self), self->vault, FALSE);
  g_signal_connect_object (dialog, "changed", G_CALLBACK (passphrase_changed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
rewrite_keys_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  UdhaWindow *self = UDHA_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->vault == NULL)
    return;

  /* A few small file writes and fsyncs: short enough for the main thread. */
  if (!udha_vault_rewrite_keys_file (self->vault, &error))
    {
      udha_window_add_toast (self, error->message);
      return;
    }

  update_home (self);
  udha_window_add_toast (self, _("Key file updated"));
}


static void
verify_data_free (gpointer data)
{
  VerifyData *vd = data;

  g_clear_object (&vd->vault);
  g_free (vd);
}

static void
verify_progress_cb (double   fraction,
                    gpointer user_data)
{
  VerifyData *vd = user_data;

  g_atomic_int_set (&vd->permille, (int) (fraction * 1000));
}

static void
verify_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  VerifyData *vd = task_data;
  g_autoptr(GError) error = NULL;

  gboolean ok = udha_vault_verify_full (vd->vault, verify_progress_cb, vd, cancellable, &error);

  g_atomic_int_set (&vd->finished, TRUE);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static gboolean
verify_progress_timeout_cb (gpointer user_data)
{
  UdhaWindow *self = user_data;
  GTask *task = g_object_get_data (G_OBJECT (self), "udha-verify-task");
  VerifyData *vd = task != NULL ? g_task_get_task_data (task) : NULL;

  if (vd != NULL)
    udha_home_page_set_verify_progress (self->home_page, g_atomic_int_get (&vd->permille) / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
verify_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(UdhaWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = udha_format_date_time (now);
  g_autofree char *message = NULL;
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  /* Locked meanwhile (perhaps unlocked again, perhaps checking again):
   * the page was reset, and this check is not the one it shows. */
  if (self->vault == NULL || cancellable != self->verify_cancellable)
    return;
  g_object_set_data (G_OBJECT (self), "udha-verify-task", NULL);

  g_clear_handle_id (&self->verify_progress_source, g_source_remove);
  g_clear_object (&self->verify_cancellable);
  udha_home_page_set_verifying (self->home_page, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.verify-vault", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-verify", FALSE);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      udha_home_page_set_verify_result (self->home_page,
                                        _("Check cancelled. Nothing was changed; check again when you have time."));
      udha_window_add_toast (self, _("Vault check cancelled"));
    }
  else if (!ok)
    {
      /* Translators: %1$s is the problem found, %2$s the date and time of the check */
      message = g_strdup_printf (_("Problem found on %2$s: %1$s"), error->message, when);
      udha_home_page_set_verify_result (self->home_page, message);
      udha_window_add_toast (self, _("The vault check found a problem"));
    }
  else
    {
      /* Translators: %s is the date and time of the check */
      message = g_strdup_printf (_("Every page is intact (checked %s)"), when);
      udha_home_page_set_verify_result (self->home_page, message);
      udha_window_add_toast (self, _("The vault is intact"));
    }
}

static void
verify_vault_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  UdhaWindow *self = UDHA_WINDOW (widget);
  g_autoptr(GTask) task = NULL;
  VerifyData *vd;

  if (self->vault == NULL || self->verify_cancellable != NULL)
    return;

  gtk_widget_action_set_enabled (widget, "win.verify-vault", FALSE);
  gtk_widget_action_set_enabled (widget, "win.cancel-verify", TRUE);
  udha_home_page_set_verifying (self->home_page, TRUE);

  self->verify_cancellable = g_cancellable_new ();
  vd = g_new0 (VerifyData, 1);
  vd->vault = g_object_ref (self->vault);
  task = g_task_new (NULL, self->verify_cancellable, verify_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, verify_vault_action);
  g_task_set_task_data (task, vd, verify_data_free);
  /* The task's data lives until the callback; the timer reads it. */
  g_object_set_data_full (G_OBJECT (self), "udha-verify-task", g_object_ref (task), g_object_unref);
  self->verify_progress_source = g_timeout_add (100, verify_progress_timeout_cb, self);
  g_task_run_in_thread (task, verify_thread);
}

static void
cancel_verify_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  UdhaWindow *self = UDHA_WINDOW (widget);

  if (self->verify_cancellable != NULL)
    g_cancellable_cancel (self->verify_cancellable);
}

/* GObject vfuncs */

static void
udha_window_constructed (GObject *object)
{
  G_OBJECT_CLASS (udha_window_parent_class)->constructed (object);

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (object), "devel");
}

/* The settings and the vault of the window's application. Not in
 * constructed(): "application" is not a construct property, so GObject
 * sets it only after constructed() has run. */
static void
setup_for_application (UdhaWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (UDHA_IS_APPLICATION (app))
    self->settings = g_object_ref (udha_application_get_settings (UDHA_APPLICATION (app)));
  else
    self->settings = g_settings_new (BASE_ID);

  /* The size is restored now and written back whenever it changes, so it
   * survives a crash or a forced quit as well as a normal close. */
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::idle-lock-minutes",
                           G_CALLBACK (idle_minutes_changed_cb), self, G_CONNECT_SWAPPED);

  if (UDHA_IS_APPLICATION (app) &&
      udha_application_get_vault_path_override (UDHA_APPLICATION (app)) != NULL)
    self->vault_path = g_strdup (udha_application_get_vault_path_override (UDHA_APPLICATION (app)));
  else
    self->vault_path = resolve_vault_path (self->settings);
  if (udha_vault_exists (self->vault_path))
    show_unlock (self, NULL);
  else
    gtk_stack_set_visible_child_name (self->stack, "welcome");

  update_actions (self);
}

static void
udha_window_dispose (GObject *object)
{
  UdhaWindow *self = (UdhaWindow *)object;

  self->disposing = TRUE;
  lock_vault (self, NULL);
  g_clear_object (&self->session);
  g_clear_object (&self->store);
  g_clear_handle_id (&self->idle_source, g_source_remove);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), UDHA_TYPE_WINDOW);

  G_OBJECT_CLASS (udha_window_parent_class)->dispose (object);
}

static void
udha_window_finalize (GObject *object)
{
  UdhaWindow *self = (UdhaWindow *)object;

  g_free (self->vault_path);

  G_OBJECT_CLASS (udha_window_parent_class)->finalize (object);
}

static void
udha_window_class_init (UdhaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = udha_window_constructed;
  object_class->dispose = udha_window_dispose;
  object_class->finalize = udha_window_finalize;
  window_class->close_request = udha_window_close_request;

  g_type_ensure (UDHA_TYPE_CREATE_PAGE);
  g_type_ensure (UDHA_TYPE_UNLOCK_PAGE);
  g_type_ensure (UDHA_TYPE_HOME_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/udha/Udha/ui/udha-window.ui");
  gtk_widget_class_bind_template_child (widget_class, UdhaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, UdhaWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, UdhaWindow, lock_button);
  gtk_widget_class_bind_template_child (widget_class, UdhaWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, UdhaWindow, create_page);
  gtk_widget_class_bind_template_child (widget_class, UdhaWindow, unlock_page);
  gtk_widget_class_bind_template_child (widget_class, UdhaWindow, home_page);
  gtk_widget_class_bind_template_callback (widget_class, vault_created_cb);
  gtk_widget_class_bind_template_callback (widget_class, create_cancelled_cb);
  gtk_widget_class_bind_template_callback (widget_class, vault_unlocked_cb);

  gtk_widget_class_install_action (widget_class, "win.create-vault", NULL, create_vault_action);
  gtk_widget_class_install_action (widget_class, "win.lock", NULL, lock_action);
  gtk_widget_class_install_action (widget_class, "win.change-passphrase", NULL, change_passphrase_action);
  gtk_widget_class_install_action (widget_class, "win.verify-vault", NULL, verify_vault_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-verify", NULL, cancel_verify_action);
  gtk_widget_class_install_action (widget_class, "win.rewrite-keys", NULL, rewrite_keys_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.lock", NULL);
}

static void
udha_window_init (UdhaWindow *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));
  renew_toasts (self);

  /* Any key press, click or pointer movement in the window counts as use. */
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (activity_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (activity_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "pressed", G_CALLBACK (activity_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/**
 * udha_window_new:
 * @application: the application
 *
 * Returns: (transfer full): a new main window
 */
UdhaWindow *
udha_window_new (UdhaApplication *application)
{
  UdhaWindow *self = g_object_new (UDHA_TYPE_WINDOW,
                                   "application", application,
                                   NULL);

  setup_for_application (self);
  return self;
}

/**
 * udha_window_get_visible_page:
 * @self: a #UdhaWindow
 *
 * Returns: the name of the page the window shows: "welcome", "create",
 *   "unlock" or "home"
 */
const char *
udha_window_get_visible_page (UdhaWindow *self)
{
  g_return_val_if_fail (UDHA_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * udha_window_get_vault:
 * @self: a #UdhaWindow
 *
 * Returns: (transfer none) (nullable): the open vault, or %NULL when locked
 */
UdhaVault *
udha_window_get_vault (UdhaWindow *self)
{
  g_return_val_if_fail (UDHA_IS_WINDOW (self), NULL);

  return self->vault;
}

/**
 * udha_window_get_session:
 * @self: a #UdhaWindow
 *
 * Returns: (transfer none) (nullable): the signed-in session, or %NULL when locked
 */
UdhaSession *
udha_window_get_session (UdhaWindow *self)
{
  g_return_val_if_fail (UDHA_IS_WINDOW (self), NULL);

  return self->session;
}

/**
 * udha_window_check_idle:
 * @self: a #UdhaWindow
 * @now: the monotonic time to compare with, in microseconds
 *
 * Locks the vault if nobody used the window for the number of minutes set
 * in Preferences. Called by a timer; tests pass a time in the future.
 *
 * Returns: %TRUE if the vault was locked
 */
gboolean
udha_window_check_idle (UdhaWindow *self,
                        gint64      now)
{
  guint minutes;
  g_autofree char *message = NULL;

  g_return_val_if_fail (UDHA_IS_WINDOW (self), FALSE);

  if (self->vault == NULL)
    return FALSE;

  minutes = g_settings_get_uint (self->settings, "idle-lock-minutes");
  if (now - self->last_activity < (gint64) minutes * 60 * G_USEC_PER_SEC)
    return FALSE;

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "The vault locked itself after %u minute without use.",
                                          "The vault locked itself after %u minutes without use.",
                                          minutes),
                             minutes);
  lock_vault (self, message);
  return TRUE;
}

/**
 * udha_window_add_toast:
 * @self: a #UdhaWindow
 * @title: the message
 *
 * Shows a short confirmation at the bottom of the window.
 */
void
udha_window_add_toast (UdhaWindow *self,
                       const char *title)
{
  g_return_if_fail (UDHA_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toasts_now, adw_toast_new (title));
}
