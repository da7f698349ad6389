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

/* Creates the demo vault once, with its users, and says how to sign in. */
static gboolean
prepare_demo_vault (UdhaApplication  *self,
                    GError          **error)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "udha", "demo", NULL);
  g_autofree char *path = g_build_filename (dir, "cases.udb", NULL);

  if (!udha_vault_exists (path))
    {
      g_autoptr(UdhaVault) vault = NULL;
      g_autoptr(UdhaVaultSecret) recovery = NULL;
      g_autoptr(UdhaStore) store = NULL;
      g_autoptr(UdhaSession) session = NULL;
      g_autoptr(UdhaDemoResult) result = NULL;
      UdhaDemoOptions options = { DEMO_CASES, UDHA_DEMO_DEFAULT_SEED, DEMO_PASSPHRASE, NULL };

      g_print ("%s\n", _("Preparing the demo vault…"));
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                       _("Could not create the folder for the demo vault: %s"), g_strerror (errno));
          return FALSE;
        }

      vault = udha_vault_create (path, demo_users[0].name, DEMO_PASSPHRASE,
                                 UDHA_VAULT_KDF_INTERACTIVE, &recovery, error);
      if (vault == NULL)
        return FALSE;

      /* Two offices, a supervisor, three caseworkers (the users below) and
       * DEMO_CASES synthetic cases (udha-demo.h). */
      store = udha_store_new (vault, error);
      if (store != NULL)
        session = udha_session_new (vault, store, error);
      if (session != NULL)
        {
          result = udha_demo_generate (session, store, DEMO_PASSPHRASE, &options, NULL, NULL, error);
          if (!udha_session_close (session, result != NULL ? error : NULL))
            g_clear_pointer (&result, udha_demo_result_free);
        }
      g_clear_object (&session);
      g_clear_object (&store);
      udha_vault_lock (vault);

      if (result == NULL)
        {
          /* Do not leave a half-made demo vault behind: the next run starts again. */
          g_autofree char *keys = g_strconcat (path, ".keys", NULL);
          g_autofree char *journal = g_strconcat (path, "-journal", NULL);

          g_unlink (path);
          g_unlink (keys);
          g_unlink (journal);
          return FALSE;
        }
    }

  g_print ("%s\n", _("Demo vault (synthetic data only):"));
  g_print ("  %s\n", path);
  for (guint i = 0; i < G_N_ELEMENTS (demo_users); i++)
    g_print ("  %-14s %-14s %s\n", demo_users[i].name, _(demo_users[i].role), demo_users[i].office);
  /* Translators: %s is the demo passphrase, shared by every demo user */
  g_print (_("Passphrase for every demo user: %s\n"), DEMO_PASSPHRASE);

  g_free (self->vault_path_override);
  self->vault_path_override = g_steal_pointer (&path);
  return TRUE;
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
      g_autoptr(GError) error = NULL;

      if (!prepare_demo_vault (self, &error))
        {
          g_printerr ("%s\n", error->message);
          return;
        }
    }
  if (window == NULL)
    window = GTK_WINDOW (udha_window_new (self));

  gtk_window_present (window);
}

static void
udha_application_finalize (GObject *object)
{
  UdhaApplication *self = (UdhaApplication *)object;

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
