/* udha-form-dialog.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small modal form: a header bar with Cancel and a suggested action, an
 * inline error and one group of rows. The owner fills it with named fields,
 * connects to ::submit, and either closes the dialog or shows the session's
 * message with udha_form_dialog_set_error(), so nothing typed is lost.
 */

#define G_LOG_DOMAIN "udha-form-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "udha-form-dialog.h"

struct _UdhaFormDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwWindowTitle      *window_title;
  GtkButton           *save_button;
  GtkLabel            *error_label;
  AdwPreferencesGroup *group;

  /* Owned */
  GHashTable          *fields;      /* name → widget (borrowed; children of group) */
  char                *id;
};

#define MAX_HEIGHT 680

G_DEFINE_FINAL_TYPE (UdhaFormDialog, udha_form_dialog, ADW_TYPE_WINDOW)

enum {
  SUBMIT,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* Auxiliary methods */

static void
label_widget (GtkWidget  *widget,
              const char *title)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
}

static GtkWidget *
field (UdhaFormDialog *self,
       const char     *name)
{
  GtkWidget *widget = g_hash_table_lookup (self->fields, name);

  if (widget == NULL)
    g_critical ("No form field “%s”", name);
  return widget;
}

/* Once the person changes a field, the message about the last attempt is
 * out of date: hide it until the next one. */
static void
field_changed_cb (UdhaFormDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
add_field (UdhaFormDialog *self,
           const char     *name,
           GtkWidget      *row,
           GtkWidget      *widget)
{
  if (GTK_IS_EDITABLE (widget))
    g_signal_connect_object (widget, "changed", G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
  else if (ADW_IS_COMBO_ROW (widget))
    g_signal_connect_object (widget, "notify::selected", G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
  else if (GTK_IS_SWITCH (widget))
    g_signal_connect_object (widget, "notify::active", G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_set_name (widget, name);
  g_hash_table_replace (self->fields, g_strdup (name), widget);
  adw_preferences_group_add (self->group, row);
}

/* Grows the window to show the message as well as the fields, up to a
 * height that still fits a small laptop screen; the rest scrolls. */
static void
fit_height (UdhaFormDialog *self)
{
  GtkWidget *content = adw_window_get_content (ADW_WINDOW (self));
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int natural = 0;

  int shown = gtk_widget_get_height (content);

  gtk_widget_measure (content, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (content),
                      NULL, &natural, NULL, NULL);
  if (natural > shown)
    {
      int default_width, default_height;

      gtk_window_get_default_size (GTK_WINDOW (self), &default_width, &default_height);
      if (default_height <= 0)
        default_height = gtk_widget_get_height (GTK_WIDGET (self));
      gtk_window_set_default_size (GTK_WINDOW (self), width,
                                   MIN (default_height + natural - shown, MAX_HEIGHT));
    }
}

/* Action callbacks */

static void
udha_form_dialog_save_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  udha_form_dialog_submit (UDHA_FORM_DIALOG (widget));
}

static void
udha_form_dialog_dispose (GObject *object)
{
  UdhaFormDialog *self = (UdhaFormDialog *)object;

  g_clear_pointer (&self->fields, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), UDHA_TYPE_FORM_DIALOG);

  G_OBJECT_CLASS (udha_form_dialog_parent_class)->dispose (object);
}

static void
udha_form_dialog_finalize (GObject *object)
{
  UdhaFormDialog *self = (UdhaFormDialog *)object;

  g_free (self->id);

  G_OBJECT_CLASS (udha_form_dialog_parent_class)->finalize (object);
}

static void
udha_form_dialog_class_init (UdhaFormDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = udha_form_dialog_dispose;
  object_class->finalize = udha_form_dialog_finalize;

  /**
   * UdhaFormDialog::submit:
   *
   * The person asked to save. The handler closes the dialog on success, or
   * calls udha_form_dialog_set_error().
   */
  signals [SUBMIT] =
    g_signal_new ("submit",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/udha/Udha/ui/udha-form-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, UdhaFormDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, UdhaFormDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, UdhaFormDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, UdhaFormDialog, group);

  gtk_widget_class_install_action (widget_class, "form.save", NULL, udha_form_dialog_save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "form.save", NULL);
}

static void
udha_form_dialog_init (UdhaFormDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
}

/* Public API */

/**
 * udha_form_dialog_new:
 * @parent: (nullable): a widget in the window the dialog belongs to
 * @title: the dialog title
 * @save_label: the mnemonic label of the suggested button ("_Save")
 *
 * Returns: (transfer none): a new dialog, not yet presented; it is destroyed
 *   when closed
 */
UdhaFormDialog *
udha_form_dialog_new (GtkWidget  *parent,
                      const char *title,
                      const char *save_label)
{
  UdhaFormDialog *self = g_object_new (UDHA_TYPE_FORM_DIALOG, NULL);
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  gtk_button_set_label (self->save_button, save_label);
  return self;
}

const char *
udha_form_dialog_get_id (UdhaFormDialog *self)
{
  g_return_val_if_fail (UDHA_IS_FORM_DIALOG (self), NULL);

  return self->id;
}

/**
 * udha_form_dialog_set_id:
 *
 * Names the form ("interview", "referral-status" …) so that callers and
 * tests can tell open dialogs apart.
 */
void
udha_form_dialog_set_id (UdhaFormDialog *self,
                         const char     *id)
{
  g_return_if_fail (UDHA_IS_FORM_DIALOG (self));

  g_free (self->id);
  self->id = g_strdup (id);
}

void
udha_form_dialog_set_description (UdhaFormDialog *self,
                                  const char     *description)
{
  g_return_if_fail (UDHA_IS_FORM_DIALOG (self));

  adw_preferences_group_set_description (self->group, description);
}

GtkWidget *
udha_form_dialog_add_entry (UdhaFormDialog *self,
                            const char     *name,
                            const char     *title,
                            const char     *text)
{
  GtkWidget *row;

  g_return_val_if_fail (UDHA_IS_FORM_DIALOG (self), NULL);

  row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  label_widget (row, title);
  add_field (self, name, row, row);
  return row;
}

GtkWidget *
udha_form_dialog_add_choice (UdhaFormDialog     *self,
                             const char         *name,
                             const char         *title,
                             const char * const *codes,
                             const char * const *labels,
                             const char         *selected)
{
  GtkWidget *row;
  g_autoptr(GtkStringList) model = NULL;

  g_return_val_if_fail (UDHA_IS_FORM_DIALOG (self), NULL);

  model = gtk_string_list_new (labels);
  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  g_object_set_data_full (G_OBJECT (row), "codes", g_strdupv ((char **) codes), (GDestroyNotify) g_strfreev);
  label_widget (row, title);
  add_field (self, name, row, row);
  if (selected != NULL)
    udha_form_dialog_set_code (self, name, selected);
  return row;
}

/**
 * udha_form_dialog_add_lookup:
 * @selected: (nullable): the code selected at first; %NULL selects the first
 *
 * A choice among the vocabulary's codes, labelled in the UI language.
 */
GtkWidget *
udha_form_dialog_add_lookup (UdhaFormDialog *self,
                             const char     *name,
                             const char     *title,
                             UdhaLookupKind  kind,
                             const char     *selected)
{
  const UdhaLookupEntry *entries;
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint n = 0;

  g_return_val_if_fail (UDHA_IS_FORM_DIALOG (self), NULL);

  entries = udha_lookup_list (kind, &n);
  for (guint i = 0; i < n; i++)
    {
      if ((entries[i].flags & UDHA_LOOKUP_FLAG_DERIVED) != 0)
        continue;
      g_ptr_array_add (codes, (gpointer) entries[i].code);
      g_ptr_array_add (labels, (gpointer) udha_lookup_entry_get_label (kind, &entries[i]));
    }
  g_ptr_array_add (codes, NULL);
  g_ptr_array_add (labels, NULL);

  return udha_form_dialog_add_choice (self, name, title,
                                      (const char * const *) codes->pdata,
                                      (const char * const *) labels->pdata,
                                      selected);
}

GtkWidget *
udha_form_dialog_add_switch (UdhaFormDialog *self,
                             const char     *name,
                             const char     *title,
                             gboolean        active)
{
  GtkWidget *row;
  GtkWidget *toggle;

  g_return_val_if_fail (UDHA_IS_FORM_DIALOG (self), NULL);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  toggle = gtk_switch_new ();
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (toggle), active);
  label_widget (toggle, title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  add_field (self, name, row, toggle);
  return toggle;
}

GtkWidget *
udha_form_dialog_add_text (UdhaFormDialog *self,
                           const char     *name,
                           const char     *title)
{
  GtkWidget *box;
  GtkWidget *label;
  GtkWidget *scrolled;
  GtkWidget *view;

  g_return_val_if_fail (UDHA_IS_FORM_DIALOG (self), NULL);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (box, 12);
  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  label_widget (view, title);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 120);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_widget_set_overflow (scrolled, GTK_OVERFLOW_HIDDEN);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), scrolled);

  /* A group is for rows; the text area goes after it. */
  gtk_widget_set_name (view, name);
  g_hash_table_replace (self->fields, g_strdup (name), view);
  gtk_box_append (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->group))), box);
  return view;
}

const char *
udha_form_dialog_get_text (UdhaFormDialog *self,
                           const char     *name)
{
  GtkWidget *widget;

  g_return_val_if_fail (UDHA_IS_FORM_DIALOG (self), NULL);

  widget = field (self, name);
  if (!GTK_IS_EDITABLE (widget))
    return NULL;
  return gtk_editable_get_text (GTK_EDITABLE (widget));
}

char *
udha_form_dialog_dup_long_text (UdhaFormDialog *self,
                                const char     *name)
{
  GtkWidget *widget;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (UDHA_IS_FORM_DIALOG (self), NULL);

  widget = field (self, name);
  if (!GTK_IS_TEXT_VIEW (widget))
    return NULL;
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

const char *
udha_form_dialog_get_code (UdhaFormDialog *self,
                           const char     *name)
{
  GtkWidget *widget;
  char **codes;
  guint selected;

  g_return_val_if_fail (UDHA_IS_FORM_DIALOG (self), NULL);

  widget = field (self, name);
  if (!ADW_IS_COMBO_ROW (widget))
    return NULL;
  codes = g_object_get_data (G_OBJECT (widget), "codes");
  selected = adw_combo_row_get_selected (ADW_COMBO_ROW (widget));
  if (codes == NULL || selected == GTK_INVALID_LIST_POSITION || selected >= g_strv_length (codes))
    return NULL;
  return codes[selected];
}

gboolean
udha_form_dialog_get_active (UdhaFormDialog *self,
                             const char     *name)
{
  GtkWidget *widget;

  g_return_val_if_fail (UDHA_IS_FORM_DIALOG (self), FALSE);

  widget = field (self, name);
  return GTK_IS_SWITCH (widget) && gtk_switch_get_active (GTK_SWITCH (widget));
}

void
udha_form_dialog_set_text (UdhaFormDialog *self,
                           const char     *name,
                           const char     *text)
{
  GtkWidget *widget;

  g_return_if_fail (UDHA_IS_FORM_DIALOG (self));

  widget = field (self, name);
  if (GTK_IS_EDITABLE (widget))
    gtk_editable_set_text (GTK_EDITABLE (widget), text != NULL ? text : "");
  else if (GTK_IS_TEXT_VIEW (widget))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), text != NULL ? text : "", -1);
}

gboolean
udha_form_dialog_set_code (UdhaFormDialog *self,
                           const char     *name,
                           const char     *code)
{
  GtkWidget *widget;
  char **codes;

  g_return_val_if_fail (UDHA_IS_FORM_DIALOG (self), FALSE);

  widget = field (self, name);
  if (!ADW_IS_COMBO_ROW (widget))
    return FALSE;
  codes = g_object_get_data (G_OBJECT (widget), "codes");
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    if (g_strcmp0 (codes[i], code) == 0)
      {
        adw_combo_row_set_selected (ADW_COMBO_ROW (widget), i);
        return TRUE;
      }
  return FALSE;
}

void
udha_form_dialog_set_active (UdhaFormDialog *self,
                             const char     *name,
                             gboolean        active)
{
  GtkWidget *widget;

  g_return_if_fail (UDHA_IS_FORM_DIALOG (self));

  widget = field (self, name);
  if (GTK_IS_SWITCH (widget))
    gtk_switch_set_active (GTK_SWITCH (widget), active);
}

/**
 * udha_form_dialog_set_error:
 * @message: (nullable): the message to show above the fields, or %NULL
 */
void
udha_form_dialog_set_error (UdhaFormDialog *self,
                            const char     *message)
{
  g_return_if_fail (UDHA_IS_FORM_DIALOG (self));

  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    fit_height (self);
}

const char *
udha_form_dialog_get_error (UdhaFormDialog *self)
{
  g_return_val_if_fail (UDHA_IS_FORM_DIALOG (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_label (self->error_label);
}

/**
 * udha_form_dialog_submit:
 *
 * What the Save button does: emits ::submit.
 */
void
udha_form_dialog_submit (UdhaFormDialog *self)
{
  g_return_if_fail (UDHA_IS_FORM_DIALOG (self));

  udha_form_dialog_set_error (self, NULL);
  g_signal_emit (self, signals [SUBMIT], 0);
}
