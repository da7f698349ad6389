/* udha-reassign-dialog.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Bulk reassignment (issue #6): the cases of a list (a caseworker's
 * cases, or any drill-down list of the dashboard), each with a check box;
 * the colleague who takes them over; the reason, which is required and
 * kept with the audit entry. udha_session_reassign_cases() does the rest
 * in one transaction.
 *
 * Emits "reassigned" (n cases, the colleague's name) once the cases have
 * moved, then closes. */

#define G_LOG_DOMAIN "udha-reassign-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "udha-reassign-dialog.h"
#include "udha-case-row.h"
#include "udha-user.h"

/* A longer list is cut: a supervisor moves a caseload, not an office. */
#define MAX_CASES 500

struct _UdhaReassignDialog
{
  AdwWindow     parent_instance;

  GtkButton    *reassign_button;
  GtkListBox   *case_list;
  GtkCheckButton *all_check;
  GtkLabel     *count_label;
  AdwComboRow  *colleague_row;
  AdwEntryRow  *reason_row;
  GtkLabel     *error_label;

  UdhaSession  *session;
  GPtrArray    *colleagues;     /* UdhaUser, in the combo row's order */
  GArray       *case_ids;       /* gint64, in the list's order */
  GPtrArray    *checks;         /* GtkCheckButton, one per case */
  gboolean      syncing;
};

G_DEFINE_FINAL_TYPE (UdhaReassignDialog, udha_reassign_dialog, ADW_TYPE_WINDOW)

enum {
  REASSIGNED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static gboolean
is_blank (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));

  return copy[0] == '\0';
}

static void
update (UdhaReassignDialog *self)
{
  guint n = udha_reassign_dialog_get_n_selected (self);
  g_autofree char *count = NULL;

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case selected", "%u cases selected", n), n);
  gtk_label_set_label (self->count_label, count);
  gtk_widget_set_sensitive (GTK_WIDGET (self->reassign_button),
                            n > 0 &&
                            adw_combo_row_get_selected (self->colleague_row) != GTK_INVALID_LIST_POSITION &&
                            !is_blank (gtk_editable_get_text (GTK_EDITABLE (self->reason_row))));
  self->syncing = TRUE;
  gtk_check_button_set_active (self->all_check, n == self->checks->len && n > 0);
  gtk_check_button_set_inconsistent (self->all_check, n > 0 && n < self->checks->len);
  self->syncing = FALSE;
}

static void
all_toggled_cb (UdhaReassignDialog *self)
{
  gboolean active;

  if (self->syncing)
    return;
  active = gtk_check_button_get_active (self->all_check);
  self->syncing = TRUE;
  for (guint i = 0; i < self->checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->checks, i), active);
  self->syncing = FALSE;
  update (self);
}

static void
case_toggled_cb (UdhaReassignDialog *self)
{
  if (!self->syncing)
    update (self);
}

static void
show_error (UdhaReassignDialog *self,
            const char         *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
reassign_clicked_cb (UdhaReassignDialog *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  guint position = adw_combo_row_get_selected (self->colleague_row);
  UdhaUser *to;
  g_autofree char *name = NULL;

  if (position == GTK_INVALID_LIST_POSITION || position >= self->colleagues->len)
    return;
  to = g_ptr_array_index (self->colleagues, position);
  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      g_array_append_val (ids, g_array_index (self->case_ids, gint64, i));
  if (ids->len == 0)
    return;

  if (!udha_session_reassign_cases (self->session, (const gint64 *) ids->data, ids->len,
                                    udha_user_get_id (to),
                                    gtk_editable_get_text (GTK_EDITABLE (self->reason_row)), &error))
    {
      g_autofree char *message = g_strdup_printf (_("The cases were not reassigned: %s"), error->message);

      show_error (self, message);
      return;
    }
  name = g_strdup (udha_user_get_display_name (to) != NULL ? udha_user_get_display_name (to)
                                                            : udha_user_get_user_name (to));
  g_signal_emit (self, signals[REASSIGNED], 0, ids->len, name);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
udha_reassign_dialog_dispose (GObject *object)
{
  UdhaReassignDialog *self = UDHA_REASSIGN_DIALOG (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->colleagues, g_ptr_array_unref);
  g_clear_pointer (&self->case_ids, g_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);

  G_OBJECT_CLASS (udha_reassign_dialog_parent_class)->dispose (object);
}

static void
udha_reassign_dialog_class_init (UdhaReassignDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = udha_reassign_dialog_dispose;

  /**
   * UdhaReassignDialog::reassigned:
   * @n_cases: how many cases moved
   * @colleague: the display name of who took them over
   */
  signals[REASSIGNED] = g_signal_new ("reassigned", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
udha_reassign_dialog_init (UdhaReassignDialog *self)
{
  GtkWidget *box, *header, *cancel, *scroller, *clamp, *content, *group, *list_header, *title;

  self->case_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->checks = g_ptr_array_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Reassign Cases"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 640);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->reassign_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Reassign")));
  gtk_widget_add_css_class (GTK_WIDGET (self->reassign_button), "suggested-action");
  gtk_widget_set_sensitive (GTK_WIDGET (self->reassign_button), FALSE);
  g_signal_connect_swapped (self->reassign_button, "clicked", G_CALLBACK (reassign_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->reassign_button));
  gtk_box_append (GTK_BOX (box), header);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 600);
  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->error_label));

  group = adw_preferences_group_new ();
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("The colleague takes over the selected cases. The reason is kept in the audit log."));
  self->colleague_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->colleague_row), _("Reassign to"));
  g_signal_connect_swapped (self->colleague_row, "notify::selected", G_CALLBACK (update), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->colleague_row));
  self->reason_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reason_row), _("Reason (required)"));
  g_signal_connect_swapped (self->reason_row, "changed", G_CALLBACK (update), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->reason_row));
  gtk_box_append (GTK_BOX (content), group);

  list_header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->all_check = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("Select _all")));
  g_signal_connect_swapped (self->all_check, "toggled", G_CALLBACK (all_toggled_cb), self);
  gtk_box_append (GTK_BOX (list_header), GTK_WIDGET (self->all_check));
  self->count_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_hexpand (GTK_WIDGET (self->count_label), TRUE);
  gtk_label_set_xalign (self->count_label, 1);
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "dim-label");
  gtk_box_append (GTK_BOX (list_header), GTK_WIDGET (self->count_label));
  title = gtk_label_new (_("Cases"));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (content), title);
  gtk_box_append (GTK_BOX (content), list_header);

  self->case_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->case_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->case_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->case_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Cases to reassign"), -1);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->case_list));

  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_box_append (GTK_BOX (box), scroller);
  adw_window_set_content (ADW_WINDOW (self), box);
}

static void
add_case (UdhaReassignDialog *self,
          UdhaCaseRow        *row)
{
  GtkWidget *action_row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  gint64 id = udha_case_row_get_id (row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), udha_case_row_get_number (row));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (action_row), FALSE);
  if (udha_case_row_get_person_name (row) != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), udha_case_row_get_person_name (row));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  udha_case_row_get_number (row), -1);
  g_signal_connect_swapped (check, "toggled", G_CALLBACK (case_toggled_cb), self);
  adw_action_row_add_prefix (ADW_ACTION_ROW (action_row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (action_row), check);
  gtk_list_box_append (self->case_list, action_row);
  g_array_append_val (self->case_ids, id);
  g_ptr_array_add (self->checks, check);
}

/**
 * udha_reassign_dialog_new:
 * @parent: (nullable): the window to sit on
 * @session: a supervisor's session
 * @cases: a list of #UdhaCaseRow (a #UdhaCaseListModel); all are selected
 * @from_user_id: the caseworker the cases come from, left out of the
 *   colleagues to choose; 0 for a mixed list
 *
 * Returns: (transfer none): the dialog, presented
 */
UdhaReassignDialog *
udha_reassign_dialog_new (GtkWindow   *parent,
                          UdhaSession *session,
                          GListModel  *cases,
                          gint64       from_user_id)
{
  UdhaReassignDialog *self;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint n;

  g_return_val_if_fail (UDHA_IS_SESSION (session), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (cases), NULL);

  self = g_object_new (UDHA_TYPE_REASSIGN_DIALOG, NULL);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  self->session = g_object_ref (session);

  self->colleagues = g_ptr_array_new_with_free_func (g_object_unref);
  users = udha_session_list_colleagues (session, NULL);
  for (guint i = 0; users != NULL && i < users->len; i++)
    {
      UdhaUser *user = g_ptr_array_index (users, i);
      const char *display = udha_user_get_display_name (user);

      if (udha_user_get_disabled (user) || udha_user_get_id (user) == from_user_id ||
          g_strcmp0 (udha_user_get_role (user), "admin") == 0)
        continue;
      g_ptr_array_add (self->colleagues, g_object_ref (user));
      gtk_string_list_append (names, display != NULL ? display : udha_user_get_user_name (user));
    }
  adw_combo_row_set_model (self->colleague_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->colleague_row, GTK_INVALID_LIST_POSITION);

  n = MIN (g_list_model_get_n_items (cases), MAX_CASES);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (cases, i);

      if (UDHA_IS_CASE_ROW (item))
        add_case (self, UDHA_CASE_ROW (item));
    }
  update (self);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

/**
 * udha_reassign_dialog_set_selected:
 * @self: a #UdhaReassignDialog
 * @case_id: a case of the list
 * @selected: whether it is to move
 */
void
udha_reassign_dialog_set_selected (UdhaReassignDialog *self,
                                   gint64              case_id,
                                   gboolean            selected)
{
  g_return_if_fail (UDHA_IS_REASSIGN_DIALOG (self));

  for (guint i = 0; i < self->case_ids->len; i++)
    if (g_array_index (self->case_ids, gint64, i) == case_id)
      gtk_check_button_set_active (g_ptr_array_index (self->checks, i), selected);
}

guint
udha_reassign_dialog_get_n_selected (UdhaReassignDialog *self)
{
  guint n = 0;

  g_return_val_if_fail (UDHA_IS_REASSIGN_DIALOG (self), 0);

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      n++;
  return n;
}
