/* udha-home-page.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "udha-home-page"

#include "config.h"

#include <glib/gi18n.h>

#include "udha-home-page.h"

struct _UdhaHomePage
{
  GtkWidget     parent_instance;

  /* Template widgets */
  GtkLabel     *title_label;
  GtkLabel     *lock_hint_label;
  AdwActionRow *location_row;
  AdwActionRow *keys_row;
  AdwActionRow *verify_row;
  GtkProgressBar *verify_progress;
  GtkButton    *cancel_button;
  GtkButton    *verify_button;
};

G_DEFINE_FINAL_TYPE (UdhaHomePage, udha_home_page, GTK_TYPE_WIDGET)

static void
udha_home_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), UDHA_TYPE_HOME_PAGE);
  /* The template's root child is not bound, so unparent it here. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (udha_home_page_parent_class)->dispose (object);
}

static void
udha_home_page_class_init (UdhaHomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = udha_home_page_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/udha/Udha/ui/udha-home-page.ui");
  gtk_widget_class_bind_template_child (widget_class, UdhaHomePage, title_label);
  gtk_widget_class_bind_template_child (widget_class, UdhaHomePage, lock_hint_label);
  gtk_widget_class_bind_template_child (widget_class, UdhaHomePage, location_row);
  gtk_widget_class_bind_template_child (widget_class, UdhaHomePage, keys_row);
  gtk_widget_class_bind_template_child (widget_class, UdhaHomePage, verify_row);
  gtk_widget_class_bind_template_child (widget_class, UdhaHomePage, verify_progress);
  gtk_widget_class_bind_template_child (widget_class, UdhaHomePage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, UdhaHomePage, verify_button);
}

static void
udha_home_page_init (UdhaHomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * udha_home_page_update:
 * @self: a #UdhaHomePage
 * @user_name: who is signed in
 * @vault_path: the vault file
 * @keys_generation: the key file's generation counter
 * @idle_lock_minutes: the auto-lock delay
 *
 * Shows the state of the open vault.
 */
void
udha_home_page_update (UdhaHomePage *self,
                       const char   *user_name,
                       const char   *vault_path,
                       guint64       keys_generation,
                       guint         idle_lock_minutes)
{
  g_autofree char *title = NULL;
  g_autofree char *hint = NULL;
  g_autofree char *keys = NULL;
  g_autofree char *generation = NULL;

  g_return_if_fail (UDHA_IS_HOME_PAGE (self));

  generation = g_strdup_printf ("%" G_GUINT64_FORMAT, keys_generation);
  /* Translators: %s is the user name of the person signed in */
  title = g_strdup_printf (_("Signed in as %s"), user_name);
  hint = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The vault is open. It locks itself after %u minute without use, or when you press Ctrl+L.",
                                       "The vault is open. It locks itself after %u minutes without use, or when you press Ctrl+L.",
                                       idle_lock_minutes),
                          idle_lock_minutes);
  /* Translators: %s is a number that grows each time the key file is rewritten */
  keys = g_strdup_printf (_("Revision %s, with a backup copy beside it"), generation);

  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->lock_hint_label, hint);
  adw_action_row_set_subtitle (self->location_row, vault_path);
  adw_action_row_set_subtitle (self->keys_row, keys);
}

void
udha_home_page_set_verifying (UdhaHomePage *self,
                              gboolean      verifying)
{
  g_return_if_fail (UDHA_IS_HOME_PAGE (self));

  /* While it runs: how far it has come, and a way to stop it */
  gtk_progress_bar_set_fraction (self->verify_progress, 0.0);
  gtk_widget_set_visible (GTK_WIDGET (self->verify_progress), verifying);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), verifying);
  gtk_widget_set_visible (GTK_WIDGET (self->verify_button), !verifying);
  if (verifying)
    {
      adw_action_row_set_subtitle (self->verify_row, _("Reading every page…"));
      gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));
    }
  else if (gtk_widget_has_focus (GTK_WIDGET (self->cancel_button)))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->verify_button));
    }
}

/**
 * udha_home_page_set_verify_progress:
 * @self: a #UdhaHomePage
 * @fraction: how much of the vault check is done, 0.0 to 1.0
 */
void
udha_home_page_set_verify_progress (UdhaHomePage *self,
                                    double        fraction)
{
  g_autofree char *text = NULL;

  g_return_if_fail (UDHA_IS_HOME_PAGE (self));

  fraction = CLAMP (fraction, 0.0, 1.0);
  /* Translators: the progress of the vault check; %d is a number, %% the per cent sign */
  text = g_strdup_printf (_("%d %%"), (int) (fraction * 100));
  gtk_progress_bar_set_fraction (self->verify_progress, fraction);
  gtk_progress_bar_set_text (self->verify_progress, text);
}

/**
 * udha_home_page_get_verify_progress:
 * @self: a #UdhaHomePage
 *
 * Returns: the fraction the progress bar shows
 */
double
udha_home_page_get_verify_progress (UdhaHomePage *self)
{
  g_return_val_if_fail (UDHA_IS_HOME_PAGE (self), 0.0);

  return gtk_progress_bar_get_fraction (self->verify_progress);
}

/**
 * udha_home_page_set_verify_result:
 * @self: a #UdhaHomePage
 * @result: what the last check found
 */
void
udha_home_page_set_verify_result (UdhaHomePage *self,
                                  const char   *result)
{
  g_return_if_fail (UDHA_IS_HOME_PAGE (self));

  adw_action_row_set_subtitle (self->verify_row, result);
}
