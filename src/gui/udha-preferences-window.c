/* udha-preferences-window.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "udha-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "udha-application.h"
#include "udha-preferences-window.h"

struct _UdhaPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwComboRow          *language_row;
  GtkLabel             *restart_label;
  GtkSpinButton        *idle_lock_spin;

  /* Owned */
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (UdhaPreferencesWindow, udha_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Row positions in the language combo row, and the setting each one stores. */
static const char * const language_codes[] = { "system", "en", "sq" };

/* Auxiliary methods */

static void
update_restart_label (UdhaPreferencesWindow *self)
{
  g_autofree char *chosen = g_settings_get_string (self->settings, "language");
  const char *running = udha_application_get_ui_language ();
  gboolean differs;

  if (g_strcmp0 (chosen, "system") == 0)
    differs = running[0] != '\0';
  else
    differs = g_strcmp0 (chosen, running) != 0;

  gtk_widget_set_visible (GTK_WIDGET (self->restart_label), differs);
}

/* Signal callbacks */

static void
language_selected_cb (UdhaPreferencesWindow *self)
{
  guint position = adw_combo_row_get_selected (self->language_row);

  if (position >= G_N_ELEMENTS (language_codes))
    return;

  g_settings_set_string (self->settings, "language", language_codes[position]);
  update_restart_label (self);
}

/* GObject vfuncs */

static void
udha_preferences_window_constructed (GObject *object)
{
  UdhaPreferencesWindow *self = (UdhaPreferencesWindow *)object;
  g_autofree char *language = NULL;

  G_OBJECT_CLASS (udha_preferences_window_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = g_settings_new (BASE_ID);

  language = g_settings_get_string (self->settings, "language");
  for (guint i = 0; i < G_N_ELEMENTS (language_codes); i++)
    if (g_strcmp0 (language, language_codes[i]) == 0)
      adw_combo_row_set_selected (self->language_row, i);

  g_signal_connect_object (self->language_row, "notify::selected",
                           G_CALLBACK (language_selected_cb), self, G_CONNECT_SWAPPED);

  g_settings_bind (self->settings, "idle-lock-minutes",
                   gtk_spin_button_get_adjustment (self->idle_lock_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);

  update_restart_label (self);
}

static void
udha_preferences_window_dispose (GObject *object)
{
  UdhaPreferencesWindow *self = (UdhaPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), UDHA_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (udha_preferences_window_parent_class)->dispose (object);
}

static void
udha_preferences_window_finalize (GObject *object)
{
  UdhaPreferencesWindow *self = (UdhaPreferencesWindow *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (udha_preferences_window_parent_class)->finalize (object);
}

static void
udha_preferences_window_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  UdhaPreferencesWindow *self = UDHA_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
udha_preferences_window_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  UdhaPreferencesWindow *self = UDHA_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_set_object (&self->settings, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
udha_preferences_window_class_init (UdhaPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = udha_preferences_window_constructed;
  object_class->dispose = udha_preferences_window_dispose;
  object_class->finalize = udha_preferences_window_finalize;
  object_class->get_property = udha_preferences_window_get_property;
  object_class->set_property = udha_preferences_window_set_property;

  properties [PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/udha/Udha/ui/udha-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, UdhaPreferencesWindow, language_row);
  gtk_widget_class_bind_template_child (widget_class, UdhaPreferencesWindow, restart_label);
  gtk_widget_class_bind_template_child (widget_class, UdhaPreferencesWindow, idle_lock_spin);
}

static GtkWidget *
find_search_entry (GtkWidget *widget)
{
  if (GTK_IS_SEARCH_ENTRY (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_search_entry (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
udha_preferences_window_init (UdhaPreferencesWindow *self)
{
  GtkWidget *search_entry;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* AdwPreferencesWindow 1.2 keeps its search entry in the tree, without a
   * name, even with search off; a screen reader must not meet it bare. */
  search_entry = find_search_entry (GTK_WIDGET (self));
  if (search_entry != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (search_entry),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search preferences"),
                                    -1);
}

/**
 * udha_preferences_window_new:
 * @settings: the application settings
 *
 * Returns: (transfer full): a new preferences window
 */
UdhaPreferencesWindow *
udha_preferences_window_new (GSettings *settings)
{
  return g_object_new (UDHA_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       NULL);
}
