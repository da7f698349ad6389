/* udha-passphrase-dialog.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "udha-passphrase-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "udha-passphrase-dialog.h"

struct _UdhaPassphraseDialog
{
  AdwWindow         parent_instance;

  /* Template widgets */
  GtkLabel         *intro_label;
  GtkPasswordEntry *current_entry;
  GtkPasswordEntry *new_entry;
  GtkPasswordEntry *repeat_entry;
  GtkLabel         *error_label;
  GtkButton        *change_button;
  GtkButton        *cancel_button;
  GtkSpinner       *spinner;

  /* Owned */
  UdhaVault        *vault;
  GCancellable     *cancellable;
  gboolean          required;
  gboolean          busy;
  gboolean          done;
};

G_DEFINE_FINAL_TYPE (UdhaPassphraseDialog, udha_passphrase_dialog, ADW_TYPE_WINDOW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

typedef struct
{
  UdhaVault       *vault;
  UdhaVaultSecret *current;
  UdhaVaultSecret *replacement;
} ChangeData;

static void
change_data_free (ChangeData *data)
{
  g_clear_object (&data->vault);
  udha_vault_secret_free (data->current);
  udha_vault_secret_free (data->replacement);
  g_free (data);
}

/* Auxiliary methods */

static const char *
problem (UdhaPassphraseDialog *self,
         gboolean              final)
{
  const char *current = gtk_editable_get_text (GTK_EDITABLE (self->current_entry));
  const char *replacement = gtk_editable_get_text (GTK_EDITABLE (self->new_entry));
  const char *repeat = gtk_editable_get_text (GTK_EDITABLE (self->repeat_entry));

  if (current[0] == '\0')
    return final ? _("Type your current passphrase.") : NULL;
  if (replacement[0] == '\0' && !final)
    return NULL;
  if (g_utf8_strlen (replacement, -1) < UDHA_VAULT_MIN_PASSPHRASE_CHARS)
    return _("The passphrase is too short. Use at least 10 characters.");
  if (strcmp (current, replacement) == 0)
    return _("The new passphrase must be different from the current one.");
  if (repeat[0] == '\0' && !final)
    return NULL;
  if (strcmp (replacement, repeat) != 0)
    return _("The two passphrases are different. Type the same passphrase twice.");

  return NULL;
}

static void
show_error (UdhaPassphraseDialog *self,
            const char           *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
set_busy (UdhaPassphraseDialog *self,
          gboolean              busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->change_button), !busy && problem (self, TRUE) == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), !busy);
}

static void
change_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ChangeData *data = task_data;
  g_autoptr(GError) error = NULL;

  if (!udha_vault_change_passphrase (data->vault, data->current, data->replacement, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
change_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(UdhaPassphraseDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      show_error (self, error->message);
      if (g_error_matches (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_WRONG_SECRET))
        gtk_widget_grab_focus (GTK_WIDGET (self->current_entry));
      return;
    }

  set_busy (self, FALSE);
  self->done = TRUE;
  g_signal_emit (self, signals [CHANGED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Signal callbacks */

static void
changed_cb (UdhaPassphraseDialog *self)
{
  show_error (self, problem (self, FALSE));
  gtk_widget_set_sensitive (GTK_WIDGET (self->change_button),
                            !self->busy && problem (self, TRUE) == NULL);
}

static void
change_clicked_cb (UdhaPassphraseDialog *self)
{
  g_autoptr(GTask) task = NULL;
  const char *message;
  ChangeData *data;

  if (self->busy)
    return;

  message = problem (self, TRUE);
  if (message != NULL)
    {
      show_error (self, message);
      return;
    }

  data = g_new0 (ChangeData, 1);
  data->vault = g_object_ref (self->vault);
  data->current = udha_vault_secret_dup (gtk_editable_get_text (GTK_EDITABLE (self->current_entry)), -1);
  data->replacement = udha_vault_secret_dup (gtk_editable_get_text (GTK_EDITABLE (self->new_entry)), -1);

  show_error (self, NULL);
  set_busy (self, TRUE);

  self->cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->cancellable, change_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, change_clicked_cb);
  g_task_set_task_data (task, data, (GDestroyNotify) change_data_free);
  g_task_run_in_thread (task, change_thread);
}

/* GObject vfuncs */

static gboolean
udha_passphrase_dialog_close_request (GtkWindow *window)
{
  UdhaPassphraseDialog *self = UDHA_PASSPHRASE_DIALOG (window);

  /* Never abandon a key-file rewrite half way. */
  return self->busy;
}

static void
udha_passphrase_dialog_dispose (GObject *object)
{
  UdhaPassphraseDialog *self = (UdhaPassphraseDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->vault);
  gtk_widget_dispose_template (GTK_WIDGET (self), UDHA_TYPE_PASSPHRASE_DIALOG);

  G_OBJECT_CLASS (udha_passphrase_dialog_parent_class)->dispose (object);
}

static void
udha_passphrase_dialog_class_init (UdhaPassphraseDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = udha_passphrase_dialog_dispose;
  window_class->close_request = udha_passphrase_dialog_close_request;

  /**
   * UdhaPassphraseDialog::changed:
   *
   * Emitted after the new passphrase is saved in the key file.
   */
  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/udha/Udha/ui/udha-passphrase-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, UdhaPassphraseDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, UdhaPassphraseDialog, current_entry);
  gtk_widget_class_bind_template_child (widget_class, UdhaPassphraseDialog, new_entry);
  gtk_widget_class_bind_template_child (widget_class, UdhaPassphraseDialog, repeat_entry);
  gtk_widget_class_bind_template_child (widget_class, UdhaPassphraseDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, UdhaPassphraseDialog, change_button);
  gtk_widget_class_bind_template_child (widget_class, UdhaPassphraseDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, UdhaPassphraseDialog, spinner);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, change_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
udha_passphrase_dialog_init (UdhaPassphraseDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * udha_passphrase_dialog_new:
 * @parent: the main window
 * @vault: the unlocked vault
 * @required: %TRUE when the current passphrase is a one-time passphrase that
 *   must be replaced before work can start
 *
 * Returns: (transfer full): a new dialog
 */
UdhaPassphraseDialog *
udha_passphrase_dialog_new (GtkWindow *parent,
                            UdhaVault *vault,
                            gboolean   required)
{
  UdhaPassphraseDialog *self;

  g_return_val_if_fail (UDHA_IS_VAULT (vault), NULL);

  self = g_object_new (UDHA_TYPE_PASSPHRASE_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->vault = g_object_ref (vault);
  self->required = required;

  if (required)
    gtk_label_set_label (self->intro_label,
                         _("You signed in with a one-time passphrase. Choose your own passphrase now: "
                           "the one-time passphrase stops working once you do."));
  else
    gtk_label_set_label (self->intro_label,
                         _("Only your own key slot changes. Other users keep their passphrases."));

  return self;
}
