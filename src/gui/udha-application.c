/* udha-application.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "udha-application"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "udha-application.h"
#include "udha-demo.h"
#include "udha-preferences-window.h"
#include "udha-vault.h"
#include "udha-window.h"

/* The demo vault holds synthetic data only; its passphrase is public. */
#define DEMO_PASSPHRASE "udha demo 2026"
#define DEMO_CASES      5000

/* The administrator who creates the vault, then the users udha-demo.c
 * creates (offices TIR Tiranë and KKV Kakavijë). */
static const struct {
  const char *name;
  const char *role;
  const char *office;
} demo_users[] = {
  { "demo.admin", N_("administrator"), "" },
  { "demo.mira", N_("supervisor"), "TIR" },
  { "demo.arta", N_("caseworker"), "TIR" },
  { "demo.besnik", N_("caseworker"), "TIR" },
  { "demo.drita", N_("caseworker"), "KKV" },
};

struct _UdhaApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  char           *vault_path_override;
  gboolean        demo;
  guint           demo_pulse;
};

G_DEFINE_FINAL_TYPE (UdhaApplication, udha_application, ADW_TYPE_APPLICATION)

/* The language the interface was started in: "en", "sq" or "" (system). */
static char ui_language[8];

/* Auxiliary methods */

static GSettings *
new_settings_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;

  schema = g_settings_schema_source_lookup (source, BASE_ID, TRUE);
  if (schema == NULL)
    return NULL;

  return g_settings_new (BASE_ID);
}

/**
 * udha_application_setup_i18n:
 *
 * Applies the language chosen in Preferences, then binds the gettext domain.
 * Call once, at the very start of main(), before GTK is initialised: the
 * choice takes effect at the next start, never in a running window.
 */
void
udha_application_setup_i18n (void)
{
  g_autoptr(GSettings) settings = new_settings_if_installed ();
  const char *localedir = g_getenv ("UDHA_LOCALEDIR");
  g_autofree char *language = NULL;

  if (settings != NULL)
    language = g_settings_get_string (settings, "language");

  if (g_strcmp0 (language, "en") == 0 || g_strcmp0 (language, "sq") == 0)
    {
      /* LANGUAGE outranks LC_MESSAGES for gettext, and GTK's own strings
       * follow it too. */
      g_setenv ("LANGUAGE", language, TRUE);
      g_strlcpy (ui_language, language, sizeof ui_language);
    }

  setlocale (LC_ALL, "");

  /* gettext ignores LANGUAGE in the C locales (C, C.UTF-8, POSIX), so a
   * person who picks Shqip on such a system would still see English. Switch
   * only the messages category to a UTF-8 locale that exists; dates and
   * numbers keep following the system. */
  if (ui_language[0] != '\0')
    {
      const char *messages = setlocale (LC_MESSAGES, NULL);

      if (messages == NULL || g_str_has_prefix (messages, "C") || g_strcmp0 (messages, "POSIX") == 0)
        {
          static const char * const candidates[] = {
            "sq_AL.UTF-8", "en_US.UTF-8", "en_GB.UTF-8", "C.UTF-8",
          };

          for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
            if (setlocale (LC_MESSAGES, candidates[i]) != NULL)
              break;
        }
    }

  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/**
 * udha_application_get_ui_language:
 *
 * Returns: the language forced at start-up ("en" or "sq"), or "" when the
 *   interface follows the system language
 */
const char *
udha_application_get_ui_language (void)
{
  return ui_language;
}

/* Action callbacks */

static void
udha_application_quit_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  UdhaApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing each window runs its close handler, which locks the vault and
   * saves the window state. */
  for (GList *l = g_list_copy (windows); l != NULL; l = g_list_delete_link (l, l))
    gtk_window_close (GTK_WINDOW (l->data));

  g_application_quit (G_APPLICATION (self));
}

static void
udha_application_preferences_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  UdhaApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  UdhaPreferencesWindow *preferences;

  preferences = udha_preferences_window_new (self->settings);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
udha_application_shortcuts_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  UdhaApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
udha_application_about_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  static const char *developers[] = { "The Udha authors", NULL };
  UdhaApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", "Udha",
                        "application-icon", BASE_ID,
                        "developer-name", _("The Udha authors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Case management for teams that assist migrants in Albania. "
                                      "Case records stay encrypted on this computer."),
                        "website", "https://github.com/udha/udha",
                        "issue-url", "https://github.com/udha/udha/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Udha authors",
                        "developers", developers,
                        /* Translators: put your names here, one per line, e.g.
                         * "Ana Hoxha <ana@example.org>". They appear in the About window. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", udha_application_quit_action },
  { "preferences", udha_application_preferences_action },
  { "shortcuts", udha_application_shortcuts_action },
  { "about", udha_application_about_action },
};

static char *
demo_vault_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "udha", "demo", "cases.udb", NULL);
}

/* Removes a half-made demo vault, so that the next run starts again */
static void
remove_demo_vault (const char *path)
{
  g_autofree char *keys = g_strconcat (path, ".keys", NULL);
  g_autofree char *backup = g_strconcat (path, ".keys.bak", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_unlink (path);
  g_unlink (keys);
  g_unlink (backup);
  g_unlink (journal);
}

/* Says how to sign in to the demo vault, and opens it in this run */
static void
use_demo_vault (UdhaApplication *self,
                const char      *path)
{
  g_print ("%s\n", _("Demo vault (synthetic data only):"));
  g_print ("  %s\n", path);
  for (guint i = 0; i < G_N_ELEMENTS (demo_users); i++)
    g_print ("  %-14s %-14s %s\n", demo_users[i].name, _(demo_users[i].role), demo_users[i].office);
  /* Translators: %s is the demo passphrase, shared by every demo user */
  g_print (_("Passphrase for every demo user: %s\n"), DEMO_PASSPHRASE);

  g_free (self->vault_path_override);
  self->vault_path_override = g_strdup (path);
}

/* The worker: creates the vault (Argon2id, about a second), then the
 * users and DEMO_CASES synthetic cases, on objects of its own. Cancelling
 * is honoured between the steps; whatever was made is removed. */
static void
create_demo_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  const char *path = task_data;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaVault) vault = NULL;
  g_autoptr(UdhaVaultSecret) recovery = NULL;
  g_autoptr(UdhaStore) store = NULL;
  g_autoptr(UdhaSession) session = NULL;
  g_autoptr(UdhaDemoResult) result = NULL;
  UdhaDemoOptions options = { DEMO_CASES, UDHA_DEMO_DEFAULT_SEED, DEMO_PASSPHRASE, NULL };

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               _("Could not create the folder for the demo vault: %s"),
                               g_strerror (saved_errno));
      return;
    }

  vault = udha_vault_create (path, demo_users[0].name, DEMO_PASSPHRASE,
                             UDHA_VAULT_KDF_INTERACTIVE, &recovery, &error);
  if (vault != NULL && !g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      /* Two offices, a supervisor, three caseworkers (demo_users) and
       * DEMO_CASES synthetic cases (udha-demo.h). */
      store = udha_store_new (vault, &error);
      if (store != NULL)
        session = udha_session_new (vault, store, &error);
      if (session != NULL)
        {
          result = udha_demo_generate (session, store, DEMO_PASSPHRASE, &options, NULL, NULL, &error);
          if (!udha_session_close (session, result != NULL ? &error : NULL))
            g_clear_pointer (&result, udha_demo_result_free);
        }
    }
  g_clear_object (&session);
  g_clear_object (&store);
  if (vault != NULL)
    udha_vault_lock (vault);

  if (result != NULL)
    g_cancellable_set_error_if_cancelled (cancellable, &error);
  if (result == NULL || error != NULL)
    {
      remove_demo_vault (path);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static gboolean
demo_pulse_cb (gpointer user_data)
{
  gtk_progress_bar_pulse (user_data);
  return G_SOURCE_CONTINUE;
}

static void
demo_cancel_clicked_cb (GtkButton *button,
                        GTask     *task)
{
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (button)));

  g_cancellable_cancel (g_task_get_cancellable (task));
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  adw_status_page_set_description (g_object_get_data (G_OBJECT (window), "udha-status"),
                                   _("Stopping and removing what was made…"));
}

static gboolean
demo_close_request_cb (GtkWindow *window,
                       GTask     *task)
{
  UdhaApplication *self = g_task_get_source_object (task);

  g_cancellable_cancel (g_task_get_cancellable (task));
  g_clear_handle_id (&self->demo_pulse, g_source_remove);
  g_object_set_data (G_OBJECT (window), "udha-closed", GINT_TO_POINTER (1));
  return FALSE;
}

static void
demo_created_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(UdhaApplication) self = UDHA_APPLICATION (object);
  g_autoptr(GtkWindow) progress = user_data;
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->demo_pulse, g_source_remove);
  g_application_release (G_APPLICATION (self));
  if (g_object_get_data (G_OBJECT (progress), "udha-closed") != NULL)
    {
      /* Closed while it worked: the worker removed what it made */
      g_print ("%s\n", _("The demo vault was not created."));
      return;
    }
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_print ("%s\n", _("The demo vault was not created."));
          gtk_window_destroy (progress);
          return;
        }
      /* Say what went wrong where the person looks, and let them close */
      g_printerr ("%s\n", error->message);
      adw_status_page_set_title (g_object_get_data (G_OBJECT (progress), "udha-status"),
                                 _("The demo vault could not be created"));
      adw_status_page_set_description (g_object_get_data (G_OBJECT (progress), "udha-status"),
                                       error->message);
      gtk_widget_set_visible (g_object_get_data (G_OBJECT (progress), "udha-progress"), FALSE);
      gtk_button_set_label (g_object_get_data (G_OBJECT (progress), "udha-cancel"), _("_Close"));
      gtk_widget_set_sensitive (g_object_get_data (G_OBJECT (progress), "udha-cancel"), TRUE);
      g_signal_handlers_disconnect_matched (g_object_get_data (G_OBJECT (progress), "udha-cancel"),
                                            G_SIGNAL_MATCH_FUNC, 0, 0, NULL, demo_cancel_clicked_cb, NULL);
      g_signal_connect_swapped (g_object_get_data (G_OBJECT (progress), "udha-cancel"), "clicked",
                                G_CALLBACK (gtk_window_destroy), progress);
      return;
    }

  {
    g_autofree char *path = demo_vault_path ();

    use_demo_vault (self, path);
  }
  gtk_window_present (GTK_WINDOW (udha_window_new (self)));
  gtk_window_destroy (progress);
}

/* A small window while the demo vault is made: what happens, a progress
 * bar and Cancel. */
static void
create_demo_vault (UdhaApplication *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *description = NULL;
  GtkWidget *window, *box, *status, *bar, *cancel;

  g_print ("%s\n", _("Preparing the demo vault…"));

  status = adw_status_page_new ();
  gtk_widget_add_css_class (status, "compact");
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), BASE_ID);
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Preparing the Demo Vault"));
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Creating an encrypted vault with %u synthetic case. This takes a few seconds, once.",
                                              "Creating an encrypted vault with %u synthetic cases. This takes a few seconds, once.",
                                              DEMO_CASES),
                                 DEMO_CASES);
  adw_status_page_set_description (ADW_STATUS_PAGE (status), description);
  bar = gtk_progress_bar_new ();
  gtk_widget_set_size_request (bar, 240, -1);
  gtk_widget_set_halign (bar, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Demo vault progress"),
                                  -1);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_widget_set_halign (cancel, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (cancel, "pill");
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), cancel);
  adw_status_page_set_child (ADW_STATUS_PAGE (status), box);

  window = adw_application_window_new (GTK_APPLICATION (self));
  gtk_window_set_title (GTK_WINDOW (window), "Udha");
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 460);
  {
    GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
    GtkWidget *header = adw_header_bar_new ();

    adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
    gtk_box_append (GTK_BOX (content), header);
    gtk_widget_set_vexpand (status, TRUE);
    gtk_box_append (GTK_BOX (content), status);
    adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), content);
  }
  g_object_set_data (G_OBJECT (window), "udha-status", status);
  g_object_set_data (G_OBJECT (window), "udha-progress", bar);
  g_object_set_data (G_OBJECT (window), "udha-cancel", cancel);
  gtk_widget_set_name (window, "demo-progress");

  task = g_task_new (self, cancellable, demo_created_cb, g_object_ref (window));
  g_task_set_source_tag (task, create_demo_vault);
  g_task_set_task_data (task, demo_vault_path (), g_free);
  g_object_ref (self);   /* for demo_created_cb */
  g_signal_connect_object (cancel, "clicked", G_CALLBACK (demo_cancel_clicked_cb), task, 0);
  /* Closing the window is Cancel too; the worker ends on its own */
  g_signal_connect_object (window, "close-request", G_CALLBACK (demo_close_request_cb), task, 0);
  self->demo_pulse = g_timeout_add (100, demo_pulse_cb, bar);
  /* The application lives until the worker is done, even without a window */
  g_application_hold (G_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_grab_focus (cancel);
  g_task_run_in_thread (task, create_demo_thread);
}

/* GApplication vfuncs */

static int
udha_application_handle_local_options (GApplication *application,
                                       GVariantDict *options)
{
  UdhaApplication *self = (UdhaApplication *)application;

  if (g_variant_dict_contains (options, "demo"))
    self->demo = TRUE;

  return -1;
}

static void
udha_application_startup (GApplication *application)
{
  UdhaApplication *self = (UdhaApplication *)application;

  G_APPLICATION_CLASS (udha_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         (const char *[]) { "<Control>comma", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.shortcuts",
                                         (const char *[]) { "<Control>question", NULL });
}

static void
udha_application_activate (GApplication *application)
{
  UdhaApplication *self = (UdhaApplication *)application;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL && self->demo)
    {
      g_autofree char *path = demo_vault_path ();

      if (!udha_vault_exists (path))
        {
          /* The main window opens when the vault is ready */
          create_demo_vault (self);
          return;
        }
      use_demo_vault (self, path);
    }
  if (window == NULL)
    window = GTK_WINDOW (udha_window_new (self));

  gtk_window_present (window);
}

static void
udha_application_finalize (GObject *object)
{
  UdhaApplication *self = (UdhaApplication *)object;

  g_clear_handle_id (&self->demo_pulse, g_source_remove);
  g_clear_object (&self->settings);
  g_free (self->vault_path_override);

  G_OBJECT_CLASS (udha_application_parent_class)->finalize (object);
}

static void
udha_application_class_init (UdhaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = udha_application_finalize;

  app_class->startup = udha_application_startup;
  app_class->activate = udha_application_activate;
  app_class->handle_local_options = udha_application_handle_local_options;
}

static void
udha_application_init (UdhaApplication *self)
{
  self->settings = g_settings_new (BASE_ID);

  g_application_add_main_option (G_APPLICATION (self), "demo", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE,
                                 _("Open the demo vault of synthetic data (created on first use)"), NULL);
}

/**
 * udha_application_new:
 * @application_id: the application ID
 * @flags: #GApplicationFlags
 *
 * Returns: (transfer full): a new #UdhaApplication
 */
UdhaApplication *
udha_application_new (const char        *application_id,
                      GApplicationFlags  flags)
{
  g_return_val_if_fail (application_id != NULL, NULL);

  return g_object_new (UDHA_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", flags,
                       "resource-base-path", "/io/github/udha/Udha",
                       NULL);
}

/**
 * udha_application_get_settings:
 * @self: a #UdhaApplication
 *
 * Returns: (transfer none): the application's settings
 */
GSettings *
udha_application_get_settings (UdhaApplication *self)
{
  g_return_val_if_fail (UDHA_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * udha_application_get_vault_path_override:
 * @self: a #UdhaApplication
 *
 * Returns: (nullable): the vault this run must use instead of the
 *   configured one (the demo vault), or %NULL
 */
const char *
udha_application_get_vault_path_override (UdhaApplication *self)
{
  g_return_val_if_fail (UDHA_IS_APPLICATION (self), NULL);

  return self->vault_path_override;
}

/**
 * udha_application_set_demo:
 * @self: a #UdhaApplication
 * @demo: whether this run opens the demo vault (as `--demo` does)
 */
void
udha_application_set_demo (UdhaApplication *self,
                           gboolean         demo)
{
  g_return_if_fail (UDHA_IS_APPLICATION (self));

  self->demo = !!demo;
}
