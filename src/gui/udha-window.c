/* udha-window.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "udha-window"

#include "config.h"

#include <glib/gi18n.h>

#include "udha-window.h"

struct _UdhaWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;

  /* Owned */
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (UdhaWindow, udha_window, ADW_TYPE_APPLICATION_WINDOW)

static void
udha_window_constructed (GObject *object)
{
  UdhaWindow *self = (UdhaWindow *)object;
  GtkApplication *app;

  G_OBJECT_CLASS (udha_window_parent_class)->constructed (object);

  app = gtk_window_get_application (GTK_WINDOW (self));
  if (UDHA_IS_APPLICATION (app))
    self->settings = g_object_ref (udha_application_get_settings (UDHA_APPLICATION (app)));
  else
    self->settings = g_settings_new (BASE_ID);

  /* The size is restored now and written back whenever it changes, so it
   * survives a crash or a forced quit as well as a normal close. */
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

static void
udha_window_dispose (GObject *object)
{
  UdhaWindow *self = (UdhaWindow *)object;

  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), UDHA_TYPE_WINDOW);

  G_OBJECT_CLASS (udha_window_parent_class)->dispose (object);
}

static void
udha_window_class_init (UdhaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = udha_window_constructed;
  object_class->dispose = udha_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/udha/Udha/ui/udha-window.ui");
  gtk_widget_class_bind_template_child (widget_class, UdhaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, UdhaWindow, stack);
}

static void
udha_window_init (UdhaWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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
  return g_object_new (UDHA_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * udha_window_get_visible_page:
 * @self: a #UdhaWindow
 *
 * Returns: the name of the page the window shows: "welcome", "unlock" or "home"
 */
const char *
udha_window_get_visible_page (UdhaWindow *self)
{
  g_return_val_if_fail (UDHA_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
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

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}
