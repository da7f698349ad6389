/* udha-unlock-page.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "udha-unlock-page"

#include "config.h"

#include <glib/gi18n.h>

#include "udha-unlock-page.h"
#include "udha-vault.h"

struct _UdhaUnlockPage
{
  GtkWidget         parent_instance;

  /* Template widgets */
  GtkEntry         *user_entry;
  GtkPasswordEntry *passphrase_entry;
  GtkLabel         *error_label;
  GtkButton        *unlock_button;
  GtkSpinner       *spinner;

  /* Owned */
  char             *vault_path;
  GCancellable     *cancellable;
  gboolean          busy;
};

G_DEFINE_FINAL_TYPE (UdhaUnlockPage, udha_unlock_page, GTK_TYPE_WIDGET)

enum {
  UNLOCKED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* Auxiliary methods */

static void
show_error (UdhaUnlockPage *self,
            const char     *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static gboolean
can_unlock (UdhaUnlockPage *self)
{
  return !self->busy &&
         gtk_editable_get_text (GTK_EDITABLE (self->user_entry))[0] != '\0' &&
         gtk_editable_get_text (GTK_EDITABLE (self->passphrase_entry))[0] != '\0';
}

static void
set_busy (UdhaUnlockPage *self,
          gboolean        busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->user_entry), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->passphrase_entry), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->unlock_button), can_unlock (self));
}

static void
unlock_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(UdhaUnlockPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaVault) vault = NULL;

  vault = udha_vault_unlock_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);

  if (vault == NULL)
    {
      /* Inline, and the focus stays where the person will retype. */
      show_error (self, error->message);
      if (g_error_matches (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_WRONG_SECRET))
        {
          gtk_editable_select_region (GTK_EDITABLE (self->passphrase_entry), 0, -1);
          gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_entry));
        }
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_entry), "");
  show_error (self, NULL);
  g_signal_emit (self, signals [UNLOCKED], 0, vault);
}

/* Signal callbacks */

static void
entry_changed_cb (UdhaUnlockPage *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->unlock_button), can_unlock (self));
}

static void
unlock_clicked_cb (UdhaUnlockPage *self)
{
  g_autofree char *user = NULL;

  if (!can_unlock (self))
    return;

  user = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->user_entry))));

  set_busy (self, TRUE);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  /* Argon2id runs in a worker thread; the vault copies the passphrase into
   * secure memory and wipes it there. */
  udha_vault_unlock_async (self->vault_path, user,
                           gtk_editable_get_text (GTK_EDITABLE (self->passphrase_entry)),
                           self->cancellable, unlock_done_cb, g_object_ref (self));
}

static void
user_activated_cb (UdhaUnlockPage *self)
{
  if (gtk_editable_get_text (GTK_EDITABLE (self->passphrase_entry))[0] == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_entry));
  else
    unlock_clicked_cb (self);
}

static void
passphrase_activated_cb (UdhaUnlockPage *self)
{
  if (gtk_editable_get_text (GTK_EDITABLE (self->user_entry))[0] == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->user_entry));
  else
    unlock_clicked_cb (self);
}

/* GObject vfuncs */

static void
udha_unlock_page_dispose (GObject *object)
{
  UdhaUnlockPage *self = (UdhaUnlockPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), UDHA_TYPE_UNLOCK_PAGE);
  /* The template's root child is not bound, so unparent it here. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (udha_unlock_page_parent_class)->dispose (object);
}

static void
udha_unlock_page_finalize (GObject *object)
{
  UdhaUnlockPage *self = (UdhaUnlockPage *)object;

  g_free (self->vault_path);

  G_OBJECT_CLASS (udha_unlock_page_parent_class)->finalize (object);
}

static void
udha_unlock_page_class_init (UdhaUnlockPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = udha_unlock_page_dispose;
  object_class->finalize = udha_unlock_page_finalize;

  /**
   * UdhaUnlockPage::unlocked:
   * @vault: the unlocked vault
   */
  signals [UNLOCKED] =
    g_signal_new ("unlocked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, UDHA_TYPE_VAULT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/udha/Udha/ui/udha-unlock-page.ui");
  gtk_widget_class_bind_template_child (widget_class, UdhaUnlockPage, user_entry);
  gtk_widget_class_bind_template_child (widget_class, UdhaUnlockPage, passphrase_entry);
  gtk_widget_class_bind_template_child (widget_class, UdhaUnlockPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, UdhaUnlockPage, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, UdhaUnlockPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, unlock_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, user_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, passphrase_activated_cb);
}

static void
udha_unlock_page_init (UdhaUnlockPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
udha_unlock_page_set_vault_path (UdhaUnlockPage *self,
                                 const char     *path)
{
  g_return_if_fail (UDHA_IS_UNLOCK_PAGE (self));

  g_free (self->vault_path);
  self->vault_path = g_strdup (path);
}

/**
 * udha_unlock_page_reset:
 * @self: a #UdhaUnlockPage
 * @user: (nullable): the user name to offer
 * @message: (nullable): a message to show, e.g. why the vault locked
 *
 * Empties the passphrase field and shows the page fresh.
 */
void
udha_unlock_page_reset (UdhaUnlockPage *self,
                        const char     *user,
                        const char     *message)
{
  g_return_if_fail (UDHA_IS_UNLOCK_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  set_busy (self, FALSE);
  if (user != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->user_entry), user);
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_entry), "");
  show_error (self, message);
}

/**
 * udha_unlock_page_focus:
 * @self: a #UdhaUnlockPage
 *
 * Focuses the first empty field.
 */
void
udha_unlock_page_focus (UdhaUnlockPage *self)
{
  g_return_if_fail (UDHA_IS_UNLOCK_PAGE (self));

  if (gtk_editable_get_text (GTK_EDITABLE (self->user_entry))[0] == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->user_entry));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_entry));
}

gboolean
udha_unlock_page_get_busy (UdhaUnlockPage *self)
{
  g_return_val_if_fail (UDHA_IS_UNLOCK_PAGE (self), FALSE);

  return self->busy;
}
