/* udha-create-page.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "udha-create-page"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>

#include "udha-create-page.h"
#include "udha-vault.h"

struct _UdhaCreatePage
{
  GtkWidget         parent_instance;

  /* Template widgets */
  GtkStack         *stack;
  GtkEntry         *name_entry;
  GtkPasswordEntry *passphrase_entry;
  GtkPasswordEntry *confirm_entry;
  GtkLevelBar      *strength_bar;
  GtkLabel         *strength_label;
  GtkLabel         *error_label;
  GtkButton        *create_button;
  GtkButton        *cancel_button;
  GtkSpinner       *spinner;
  GtkLabel         *recovery_label;
  GtkCheckButton   *stored_check;
  GtkButton        *continue_button;

  /* Owned */
  char             *vault_path;
  GCancellable     *cancellable;
  UdhaVault        *vault;          /* unlocked, until the key is confirmed */
  gboolean          busy;
};

G_DEFINE_FINAL_TYPE (UdhaCreatePage, udha_create_page, GTK_TYPE_WIDGET)

enum {
  CREATED,
  CANCELLED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

typedef struct
{
  char         *path;
  char         *admin;
  UdhaVaultSecret *passphrase;
  UdhaVaultSecret *recovery_key;    /* filled by the worker */
} CreateData;

/* Auxiliary methods */

static void
create_data_free (CreateData *data)
{
  g_free (data->path);
  g_free (data->admin);
  udha_vault_secret_free (data->passphrase);
  udha_vault_secret_free (data->recovery_key);
  g_free (data);
}

static void
show_error (UdhaCreatePage *self,
            const char     *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
set_busy (UdhaCreatePage *self,
          gboolean        busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->name_entry), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->passphrase_entry), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_entry), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), !busy);
}

/* Validates the form with the vault's own rules; returns the message for
 * the first problem (to free), or NULL. */
static char *
validate (UdhaCreatePage *self,
          gboolean        final)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_entry));
  const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->confirm_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (name));
  g_autoptr(GError) error = NULL;

  if (stripped[0] == '\0' && !final)
    return NULL;
  if (!udha_vault_check_user_name (stripped, &error))
    return g_strdup (error->message);
  if (passphrase[0] == '\0' && !final)
    return NULL;
  if (!udha_vault_check_passphrase (passphrase, &error))
    return g_strdup (error->message);
  if (confirm[0] == '\0' && !final)
    return NULL;
  if (strcmp (passphrase, confirm) != 0)
    return g_strdup (_("The two passphrases are different. Type the same passphrase twice."));

  return NULL;
}

static void
update_strength (UdhaCreatePage *self)
{
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_entry));
  int strength = udha_vault_passphrase_strength (passphrase);
  const char *hint;

  switch (strength)
    {
    case 0:
      hint = passphrase[0] == '\0' ? _("Use at least 10 characters; a few unrelated words are easy to remember.")
                                   : _("Very weak: this passphrase is easy to guess.");
      break;
    case 1:
      hint = _("Weak: make it longer, or add another word.");
      break;
    case 2:
      hint = _("Fair: one more word would make it much stronger.");
      break;
    case 3:
      hint = _("Good passphrase.");
      break;
    default:
      hint = _("Strong passphrase.");
      break;
    }

  gtk_level_bar_set_value (self->strength_bar, strength);
  gtk_label_set_label (self->strength_label, hint);
}

static void
clear_secrets (UdhaCreatePage *self)
{
  /* GtkPasswordEntry keeps its text in non-pageable memory and wipes it. */
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_entry), "");
  gtk_label_set_label (self->recovery_label, "");
}

/* Worker thread */

static void
create_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CreateData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaVault) vault = NULL;

  vault = udha_vault_create (data->path, data->admin, data->passphrase,
                             UDHA_VAULT_KDF_DEFAULT, &data->recovery_key, &error);
  g_clear_pointer (&data->passphrase, udha_vault_secret_free);

  if (vault == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&vault), g_object_unref);
}

static void
create_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(UdhaCreatePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaVault) vault = NULL;
  CreateData *data = g_task_get_task_data (G_TASK (result));

  vault = g_task_propagate_pointer (G_TASK (result), &error);
  set_busy (self, FALSE);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (vault == NULL)
    {
      show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_entry));
      return;
    }

  g_set_object (&self->vault, vault);
  clear_secrets (self);
  gtk_label_set_label (self->recovery_label, data->recovery_key);
  gtk_check_button_set_active (self->stored_check, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "recovery");
  gtk_widget_grab_focus (GTK_WIDGET (self->stored_check));
}

/* Signal callbacks */

static void
form_changed_cb (UdhaCreatePage *self)
{
  g_autofree char *problem = validate (self, FALSE);
  g_autofree char *final_problem = validate (self, TRUE);
  gboolean complete = final_problem == NULL;

  update_strength (self);
  show_error (self, problem);
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), complete && !self->busy);
}

static void
create_clicked_cb (UdhaCreatePage *self)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *problem = NULL;
  CreateData *data;

  if (self->busy)
    return;

  problem = validate (self, TRUE);
  if (problem != NULL)
    {
      show_error (self, problem);
      return;
    }

  data = g_new0 (CreateData, 1);
  data->path = g_strdup (self->vault_path);
  data->admin = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
  data->passphrase = udha_vault_secret_dup (gtk_editable_get_text (GTK_EDITABLE (self->passphrase_entry)), -1);

  show_error (self, NULL);
  set_busy (self, TRUE);

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->cancellable, create_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, create_clicked_cb);
  g_task_set_task_data (task, data, (GDestroyNotify) create_data_free);
  g_task_run_in_thread (task, create_thread);
}

static void
cancel_clicked_cb (UdhaCreatePage *self)
{
  udha_create_page_reset (self);
  g_signal_emit (self, signals [CANCELLED], 0);
}

static void
stored_toggled_cb (UdhaCreatePage *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->continue_button),
                            gtk_check_button_get_active (self->stored_check));
}

static void
continue_clicked_cb (UdhaCreatePage *self)
{
  g_autoptr(UdhaVault) vault = g_steal_pointer (&self->vault);

  if (vault == NULL || !gtk_check_button_get_active (self->stored_check))
    return;

  /* The key is never shown again. */
  gtk_label_set_label (self->recovery_label, "");
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
  gtk_stack_set_visible_child_name (self->stack, "form");
  g_signal_emit (self, signals [CREATED], 0, vault);
}

/* GObject vfuncs */

static void
udha_create_page_dispose (GObject *object)
{
  UdhaCreatePage *self = (UdhaCreatePage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->vault);
  gtk_widget_dispose_template (GTK_WIDGET (self), UDHA_TYPE_CREATE_PAGE);
  /* The template's root child is not bound, so unparent it here. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (udha_create_page_parent_class)->dispose (object);
}

static void
udha_create_page_finalize (GObject *object)
{
  UdhaCreatePage *self = (UdhaCreatePage *)object;

  g_free (self->vault_path);

  G_OBJECT_CLASS (udha_create_page_parent_class)->finalize (object);
}

static void
udha_create_page_class_init (UdhaCreatePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = udha_create_page_dispose;
  object_class->finalize = udha_create_page_finalize;

  /**
   * UdhaCreatePage::created:
   * @vault: the new vault, unlocked for its administrator
   *
   * Emitted once the administrator confirms the recovery key is stored.
   */
  signals [CREATED] =
    g_signal_new ("created",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, UDHA_TYPE_VAULT);

  signals [CANCELLED] =
    g_signal_new ("cancelled",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/udha/Udha/ui/udha-create-page.ui");
  gtk_widget_class_bind_template_child (widget_class, UdhaCreatePage, stack);
  gtk_widget_class_bind_template_child (widget_class, UdhaCreatePage, name_entry);
  gtk_widget_class_bind_template_child (widget_class, UdhaCreatePage, passphrase_entry);
  gtk_widget_class_bind_template_child (widget_class, UdhaCreatePage, confirm_entry);
  gtk_widget_class_bind_template_child (widget_class, UdhaCreatePage, strength_bar);
  gtk_widget_class_bind_template_child (widget_class, UdhaCreatePage, strength_label);
  gtk_widget_class_bind_template_child (widget_class, UdhaCreatePage, error_label);
  gtk_widget_class_bind_template_child (widget_class, UdhaCreatePage, create_button);
  gtk_widget_class_bind_template_child (widget_class, UdhaCreatePage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, UdhaCreatePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, UdhaCreatePage, recovery_label);
  gtk_widget_class_bind_template_child (widget_class, UdhaCreatePage, stored_check);
  gtk_widget_class_bind_template_child (widget_class, UdhaCreatePage, continue_button);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, create_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, stored_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, continue_clicked_cb);
}

static void
udha_create_page_init (UdhaCreatePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_strength (self);
}

void
udha_create_page_set_vault_path (UdhaCreatePage *self,
                                 const char     *path)
{
  g_return_if_fail (UDHA_IS_CREATE_PAGE (self));

  g_free (self->vault_path);
  self->vault_path = g_strdup (path);
}

/**
 * udha_create_page_reset:
 * @self: a #UdhaCreatePage
 *
 * Clears the form, forgets any half-finished creation and shows the form.
 */
void
udha_create_page_reset (UdhaCreatePage *self)
{
  g_return_if_fail (UDHA_IS_CREATE_PAGE (self));

  clear_secrets (self);
  show_error (self, NULL);
  g_clear_object (&self->vault);
  gtk_stack_set_visible_child_name (self->stack, "form");
}

gboolean
udha_create_page_get_busy (UdhaCreatePage *self)
{
  g_return_val_if_fail (UDHA_IS_CREATE_PAGE (self), FALSE);

  return self->busy;
}

/**
 * udha_create_page_get_step:
 * @self: a #UdhaCreatePage
 *
 * Returns: "form" or "recovery"
 */
const char *
udha_create_page_get_step (UdhaCreatePage *self)
{
  g_return_val_if_fail (UDHA_IS_CREATE_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}
