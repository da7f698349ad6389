/* udha-workspace.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The caseworker's workspace (issue #5): a sidebar of caseload lists, the
 * caseload itself (a GtkColumnView over the lazy UdhaCaseListModel), and
 * the case file of the case being worked on.
 *
 * Embedding: the window needs nothing but the session. After sign-in, for
 * a caseworker or a supervisor (never an administrator):
 *
 *   GtkWidget *workspace = udha_workspace_new (self->session);
 *   gtk_stack_add_named (self->stack, workspace, "workspace");
 *   gtk_stack_set_visible_child (self->stack, workspace);
 *
 * and on lock, gtk_stack_remove() it before the session closes. The
 * workspace installs its own actions ("workspace.*") and its shortcuts
 * (Ctrl+N, Ctrl+F and F5 for the whole window, Escape inside it); the
 * window keeps Ctrl+L.
 *
 * Sorting: GTK 4.8 has no public GtkColumnViewSorter API (4.10), and the
 * rows must not go through a GtkSortListModel (sorting happens in SQL). So
 * every sortable column gets a GtkCustomSorter that never sees a real row:
 * when the column view's sorter changes (a click on a header), the
 * workspace asks it to compare two probe objects while the column sorters
 * answer from a table, which tells which column is first and in which
 * direction (probe_sort ()). That becomes udha_case_list_model_set_sort().
 * The header arrows are the column view's own. */

#define G_LOG_DOMAIN "udha-workspace"

#include "config.h"

#include <glib/gi18n.h>

#include "udha-workspace.h"
#include "udha-case.h"
#include "udha-core.h"
#include "udha-date.h"
#include "udha-iso-codes.h"
#include "udha-lookup.h"
#include "udha-permissions.h"

#include "udha-case-view.h"
#include "udha-register-dialog.h"

typedef enum
{
  LIST_MINE,
  LIST_INTAKE,
  LIST_FOLLOW_UPS,
  LIST_SEARCH,
  N_LISTS
} List;

typedef enum
{
  COLUMN_NUMBER,
  COLUMN_NAME,
  COLUMN_CITIZENSHIP,
  COLUMN_CASE_TYPE,
  COLUMN_STATUS,
  COLUMN_RISK,
  COLUMN_LAST_CONTACT,
  COLUMN_NEXT_FOLLOW_UP,
  N_COLUMNS
} Column;

static const struct
{
  const char *title;
  int         sort;       /* UdhaCaseSort, or -1 */
  int         min_chars;
  int         nat_chars;
  gboolean    expand;
  gboolean    wide_only;  /* hidden while the sidebar is folded away */
} columns [N_COLUMNS] = {
  [COLUMN_NUMBER] = { N_("Case Number"), UDHA_CASE_SORT_NUMBER, 14, 14, FALSE, FALSE },
  [COLUMN_NAME] = { N_("Name"), UDHA_CASE_SORT_NAME, 14, 18, TRUE, FALSE },
  [COLUMN_CITIZENSHIP] = { N_("Citizenship"), -1, 8, 11, FALSE, TRUE },
  [COLUMN_CASE_TYPE] = { N_("Case Type"), UDHA_CASE_SORT_CASE_TYPE, 10, 24, FALSE, FALSE },
  [COLUMN_STATUS] = { N_("Status"), UDHA_CASE_SORT_STATUS, 8, 17, FALSE, FALSE },
  [COLUMN_RISK] = { N_("Risk"), UDHA_CASE_SORT_RISK, 6, 7, FALSE, FALSE },
  [COLUMN_LAST_CONTACT] = { N_("Last Contact"), UDHA_CASE_SORT_LAST_CONTACT, 10, 10, FALSE, TRUE },
  [COLUMN_NEXT_FOLLOW_UP] = { N_("Next Follow-up"), UDHA_CASE_SORT_NEXT_FOLLOW_UP, 10, 10, FALSE, FALSE },
};

struct _UdhaWorkspace
{
  GtkWidget            parent_instance;

  /* Template widgets */
  AdwLeaflet          *leaflet;
  GtkListBox          *sidebar_list;
  GtkListBoxRow       *mine_row;
  GtkListBoxRow       *intake_row;
  GtkListBoxRow       *follow_ups_row;
  GtkListBoxRow       *search_row;
  GtkImage            *mine_icon;
  GtkLabel            *mine_label;
  GtkLabel            *mine_count;
  GtkLabel            *intake_count;
  GtkLabel            *follow_ups_count;
  GtkStack            *content_stack;
  GtkButton           *sidebar_button;
  GtkLabel            *title_label;
  GtkDropDown         *status_dropdown;
  GtkDropDown         *type_dropdown;
  GtkDropDown         *risk_dropdown;
  GtkSearchEntry      *search_entry;
  GtkStack            *list_stack;
  GtkScrolledWindow   *list_scroller;
  GtkColumnView       *column_view;
  AdwStatusPage       *empty_page;
  GtkButton           *empty_button;
  AdwButtonContent    *back_content;
  GtkLabel            *case_title_label;
  AdwBin              *case_bin;

  /* Owned */
  UdhaSession         *session;
  UdhaCaseListModel   *model;        /* the model the list shows */
  UdhaCaseListModel   *own_model;    /* the sidebar lists' model */
  char                *drill_title;  /* a list handed in (drill-down), or NULL */
  char                *return_page;  /* the content page to go back to from a case */
  GPtrArray           *page_buttons; /* headers of the added pages: shown when folded */
  const char          *page_name;    /* the added page shown (its row's data), or NULL */
  GtkSingleSelection  *selection;
  UdhaCaseListModel   *count_models [N_LISTS];
  GtkColumnViewColumn *view_columns [N_COLUMNS];
  GtkOrdering          probe [N_COLUMNS];
  GPtrArray           *status_codes;
  GPtrArray           *type_codes;
  GPtrArray           *risk_codes;
  List                 list;
  gboolean             supervisor;
  gboolean             resorting;
  gint64               case_id;
  guint                case_position;
  GtkWidget           *case_view;
};

G_DEFINE_FINAL_TYPE (UdhaWorkspace, udha_workspace, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_LIST,
  PROP_CASE_ID,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const char * const list_names [N_LISTS] = { "mine", "intake", "follow-ups", "search" };

static void     model_items_changed_cb (UdhaWorkspace *self);
static gboolean probe_sort             (UdhaWorkspace *self,
                                        Column        *column_out,
                                        gboolean      *descending_out);

/* Auxiliary methods */

static UdhaCaseListFilter
list_filter (UdhaWorkspace *self,
             List           list)
{
  switch (list)
    {
    case LIST_MINE:
      return self->supervisor ? UDHA_CASE_LIST_ALL : UDHA_CASE_LIST_MINE;
    case LIST_INTAKE:
      return UDHA_CASE_LIST_INTAKE;
    case LIST_FOLLOW_UPS:
      /* and the overdue follow-ups filter: apply_list_filter () */
      return self->supervisor ? UDHA_CASE_LIST_ALL : UDHA_CASE_LIST_MINE;
    case LIST_SEARCH:
    case N_LISTS:
    default:
      return UDHA_CASE_LIST_ALL;
    }
}

/* "Overdue follow-ups" (issue #5): interviews, services and referrals due
 * or overdue, i.e. the stored next follow-up date has passed, among the
 * active cases (a caseworker's own ones). The supervisor dashboard's
 * figure and its drill-down use the same filter. */
static void
apply_list_filter (UdhaWorkspace     *self,
                   UdhaCaseListModel *model,
                   List               list)
{
  gboolean follow_ups = list == LIST_FOLLOW_UPS;

  udha_case_list_model_set_scope_filter (model, list_filter (self, list));
  udha_case_list_model_set_overdue_follow_ups (model, follow_ups);
  udha_case_list_model_set_active_only (model, follow_ups);
}

static const char *
list_title (UdhaWorkspace *self,
            List           list)
{
  switch (list)
    {
    case LIST_MINE:
      return self->supervisor ? _("Office cases") : _("My cases");
    case LIST_INTAKE:
      return _("Office intake");
    case LIST_FOLLOW_UPS:
      return _("Overdue follow-ups");
    case LIST_SEARCH:
    case N_LISTS:
    default:
      return _("Search");
    }
}

static GtkListBoxRow *
list_row (UdhaWorkspace *self,
          List           list)
{
  GtkListBoxRow *rows [N_LISTS] = {
    self->mine_row, self->intake_row, self->follow_ups_row, self->search_row
  };

  return rows [list];
}

static void
add_shortcut (GtkEventController *controller,
              guint               keyval,
              GdkModifierType     modifiers,
              const char         *action_name)
{
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers),
                                                          gtk_named_action_new (action_name)));
}

/* "12.03.2026" from an ISO date, in the user's date format */
static char *
format_iso_date (const char *iso)
{
  g_autoptr(GDateTime) datetime = NULL;
  UdhaDate date;

  if (iso == NULL || !udha_date_from_iso (iso, &date))
    return NULL;
  if (date.precision != UDHA_DATE_PRECISION_DAY)
    return udha_date_to_display (&date);
  datetime = g_date_time_new_utc (date.year, date.month, date.day, 0, 0, 0);
  return datetime != NULL ? udha_format_date (datetime) : NULL;
}

/* Country names for comma-joined citizenship codes */
static char *
format_citizenship (const char *codes)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) out = NULL;

  if (codes == NULL || codes[0] == '\0')
    return NULL;
  parts = g_strsplit (codes, ",", -1);
  out = g_string_new (NULL);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *code = g_strstrip (parts[i]);
      const char *name = udha_iso_citizenship_get_name (code);

      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, name != NULL ? name : code);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static const char *
dropdown_code (GtkDropDown *dropdown,
               GPtrArray   *codes)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected == GTK_INVALID_LIST_POSITION || selected == 0 || selected >= codes->len)
    return NULL;
  return g_ptr_array_index (codes, selected);
}

/* Fills @dropdown with "All …" and the labels of @kind; returns the codes
 * in the same positions (NULL first). */
static GPtrArray *
fill_dropdown (GtkDropDown    *dropdown,
               UdhaLookupKind  kind,
               const char     *all_label)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  GPtrArray *codes = g_ptr_array_new ();
  const UdhaLookupEntry *entries;
  guint n = 0;

  gtk_string_list_append (strings, all_label);
  g_ptr_array_add (codes, NULL);

  entries = udha_lookup_list (kind, &n);
  for (guint i = 0; i < n; i++)
    {
      gtk_string_list_append (strings, udha_lookup_entry_get_label (kind, &entries[i]));
      g_ptr_array_add (codes, (gpointer) entries[i].code);
    }

  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (strings));
  gtk_drop_down_set_selected (dropdown, 0);
  return codes;
}

static gboolean
filters_set (UdhaWorkspace *self)
{
  return dropdown_code (self->status_dropdown, self->status_codes) != NULL ||
         dropdown_code (self->type_dropdown, self->type_codes) != NULL ||
         dropdown_code (self->risk_dropdown, self->risk_codes) != NULL;
}

static const char *
search_text (UdhaWorkspace *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  while (*text == ' ')
    text++;
  return text;
}

/* The table or the empty state. The other page is hidden too: GTK 4.8
 * still moves Tab focus into a stack page that is not shown. */
static void
show_list_page (UdhaWorkspace *self,
                gboolean       table)
{
  GtkWidget *shown = table ? GTK_WIDGET (self->list_scroller) : GTK_WIDGET (self->empty_page);
  GtkWidget *hidden = table ? GTK_WIDGET (self->empty_page) : GTK_WIDGET (self->list_scroller);

  gtk_widget_set_visible (shown, TRUE);
  gtk_stack_set_visible_child (self->list_stack, shown);
  gtk_widget_set_visible (hidden, FALSE);
}

static void
show_empty (UdhaWorkspace *self,
            const char    *icon_name,
            const char    *title,
            const char    *description,
            const char    *button_label)
{
  adw_status_page_set_icon_name (self->empty_page, icon_name);
  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, description);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_button), button_label != NULL);
  if (button_label != NULL)
    gtk_button_set_label (self->empty_button, button_label);
  show_list_page (self, FALSE);
}

/* The table, or the empty state that says what to do */
static void
update_list_state (UdhaWorkspace *self)
{
  const GError *error = udha_case_list_model_get_error (self->model);
  const char *text = search_text (self);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));

  if (error != NULL)
    {
      show_empty (self, "dialog-error-symbolic", _("The list could not be loaded"),
                  error->message, _("_Try Again"));
      return;
    }

  if (self->drill_title != NULL)
    {
      if (n > 0)
        show_list_page (self, TRUE);
      else
        show_empty (self, "folder-open-symbolic", _("No cases in this list now"),
                    _("The cases may have changed since the figures were shown. Press F5 to count again, or choose another list in the sidebar."),
                    NULL);
      return;
    }

  if (self->list == LIST_SEARCH && text[0] == '\0')
    {
      show_empty (self, "system-search-symbolic", _("Search all cases"),
                  _("Type a name in any spelling, a document number, a phone number or a case number."),
                  NULL);
      return;
    }

  if (n > 0)
    {
      show_list_page (self, TRUE);
      return;
    }

  if (text[0] != '\0')
    {
      g_autofree char *title = g_strdup_printf (_("No results for “%s”"), text);

      show_empty (self, "system-search-symbolic", title,
                  _("Check the spelling or search by document or phone number."), NULL);
    }
  else if (filters_set (self))
    {
      show_empty (self, "edit-find-symbolic", _("No cases match these filters"),
                  _("Clear the filters to see every case in this list."), _("_Clear Filters"));
    }
  else
    {
      switch (self->list)
        {
        case LIST_MINE:
          if (self->supervisor)
            show_empty (self, "folder-open-symbolic", _("No cases in this office yet"),
                        _("Register a person with Ctrl+N."), NULL);
          else
            show_empty (self, "folder-open-symbolic", _("No cases assigned to you yet"),
                        _("Register a person with Ctrl+N, or take a case from the office intake."),
                        NULL);
          break;
        case LIST_INTAKE:
          show_empty (self, "mail-unread-symbolic", _("The intake queue is empty"),
                      _("New cases that nobody has taken yet appear here."), NULL);
          break;
        case LIST_FOLLOW_UPS:
          show_empty (self, "alarm-symbolic", _("No overdue follow-ups"),
                      _("Cases with an interview, service or referral follow-up date that has passed appear here."), NULL);
          break;
        case LIST_SEARCH:
        case N_LISTS:
        default:
          g_assert_not_reached ();
        }
    }
}

static void
set_count_label (GtkLabel          *label,
                 UdhaCaseListModel *model)
{
  g_autofree char *text = NULL;

  if (model == NULL)
    {
      gtk_label_set_label (label, "");
      return;
    }
  text = g_strdup_printf ("%u", g_list_model_get_n_items (G_LIST_MODEL (model)));
  gtk_label_set_label (label, text);
}

/* The counts beside the sidebar rows: one COUNT (or id read) per list */
static void
update_counts (UdhaWorkspace *self)
{
  GtkLabel *labels [N_LISTS] = {
    self->mine_count, self->intake_count, self->follow_ups_count, NULL
  };

  for (guint i = 0; i < LIST_SEARCH; i++)
    {
      if (self->count_models[i] == NULL)
        {
          self->count_models[i] = udha_case_list_model_new (self->session);
          apply_list_filter (self, self->count_models[i], i);
        }
      else
        {
          udha_case_list_model_refresh (self->count_models[i]);
        }
      set_count_label (labels[i], self->count_models[i]);
    }
}

/* The sidebar marks the list or page shown. Its selection mode is "none"
 * so that Tab and the arrow keys move the focus without switching lists;
 * Enter or a click switches (row-activated). */
static void
mark_sidebar_row (UdhaWorkspace *self,
                  GtkWidget     *marked)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (!GTK_IS_LIST_BOX_ROW (row))
        continue;
      if (row == marked)
        gtk_widget_set_state_flags (row, GTK_STATE_FLAG_SELECTED, FALSE);
      else
        gtk_widget_unset_state_flags (row, GTK_STATE_FLAG_SELECTED);
      gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                                   GTK_ACCESSIBLE_STATE_SELECTED, row == marked,
                                   -1);
    }
}

/* Shows @model in the table: the sidebar lists' own model, or one handed
 * in with udha_workspace_show_case_list(). */
static void
set_model (UdhaWorkspace     *self,
           UdhaCaseListModel *model)
{
  Column column = COLUMN_NUMBER;
  gboolean descending = FALSE;

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, model_items_changed_cb, self);
  g_set_object (&self->model, model);
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (model_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->model));

  /* The header arrows show the sort of the list shown. */
  if (probe_sort (self, &column, &descending))
    udha_case_list_model_set_sort (self->model, columns[column].sort, descending);
}

/* A handed-in list is configured by whoever made it: no filters or search
 * of the workspace apply to it. */
static void
set_filters_visible (UdhaWorkspace *self,
                     gboolean       visible)
{
  gtk_widget_set_visible (GTK_WIDGET (self->status_dropdown), visible);
  gtk_widget_set_visible (GTK_WIDGET (self->type_dropdown), visible);
  gtk_widget_set_visible (GTK_WIDGET (self->risk_dropdown), visible);
  gtk_widget_set_visible (GTK_WIDGET (self->search_entry), visible);
  gtk_widget_set_hexpand (GTK_WIDGET (self->title_label), !visible);
}

/* A page added with udha_workspace_add_page() */
static gboolean
show_page (UdhaWorkspace *self,
           const char    *name)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "udha-page"), name) == 0)
      {
        gboolean changed = self->drill_title != NULL || self->list != N_LISTS;

        g_clear_pointer (&self->drill_title, g_free);
        self->list = N_LISTS;
        self->page_name = g_object_get_data (G_OBJECT (row), "udha-page");
        gtk_stack_set_visible_child_name (self->content_stack, name);
        mark_sidebar_row (self, row);
        if (changed)
          g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LIST]);
        return TRUE;
      }
  return FALSE;
}

static void
set_list (UdhaWorkspace *self,
          List           list)
{
  gboolean changed = self->list != list;

  changed |= self->drill_title != NULL;
  self->list = list;
  self->page_name = NULL;
  g_clear_pointer (&self->drill_title, g_free);
  set_model (self, self->own_model);
  set_filters_visible (self, TRUE);
  gtk_label_set_label (self->title_label, list_title (self, list));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), list_title (self, list));
  adw_button_content_set_label (self->back_content, list_title (self, list));
  apply_list_filter (self, self->model, list);
  update_list_state (self);
  mark_sidebar_row (self, GTK_WIDGET (list_row (self, list)));
  if (self->case_id == 0)
    gtk_stack_set_visible_child_name (self->content_stack, "list");

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LIST]);
}

/* Which column is the column view's first sort column, and its direction.
 * See the comment at the top of the file. */
static gboolean
probe_sort (UdhaWorkspace *self,
            Column        *column_out,
            gboolean      *descending_out)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  gboolean descending;
  GtkOrdering result;

  for (guint c = 0; c < N_COLUMNS; c++)
    self->probe[c] = GTK_ORDERING_SMALLER;
  result = gtk_sorter_compare (sorter, self, self->model);
  if (result == GTK_ORDERING_EQUAL)
    return FALSE;
  descending = result == GTK_ORDERING_LARGER;

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      if (columns[c].sort < 0)
        continue;
      for (guint o = 0; o < N_COLUMNS; o++)
        self->probe[o] = o == c ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
      result = gtk_sorter_compare (sorter, self, self->model);
      if (result == (descending ? GTK_ORDERING_LARGER : GTK_ORDERING_SMALLER))
        {
          *column_out = c;
          *descending_out = descending;
          return TRUE;
        }
    }
  return FALSE;
}

static const char *
cell_text (UdhaCaseRow *row,
           Column       column,
           char       **to_free)
{
  *to_free = NULL;
  switch (column)
    {
    case COLUMN_NUMBER:
      return udha_case_row_get_number (row);
    case COLUMN_NAME:
      return udha_case_row_get_person_name (row);
    case COLUMN_CITIZENSHIP:
      return *to_free = format_citizenship (udha_case_row_get_citizenship (row));
    case COLUMN_CASE_TYPE:
      return udha_lookup_get_label (UDHA_LOOKUP_CASE_TYPE, udha_case_row_get_case_type (row));
    case COLUMN_STATUS:
      return udha_lookup_get_label (UDHA_LOOKUP_CASE_STATUS, udha_case_row_get_status (row));
    case COLUMN_RISK:
      return udha_lookup_get_label (UDHA_LOOKUP_RISK_LEVEL, udha_case_row_get_risk (row));
    case COLUMN_LAST_CONTACT:
      return *to_free = format_iso_date (udha_case_row_get_last_contact (row));
    case COLUMN_NEXT_FOLLOW_UP:
      return *to_free = format_iso_date (udha_case_row_get_next_follow_up (row));
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static void
set_case_page (UdhaWorkspace *self,
               GtkWidget     *page)
{
  self->case_view = page;
  adw_bin_set_child (self->case_bin, page);
}

/* The case file of @case_id, or NULL and @error. Until UdhaCaseView is in
 * the tree, a page that says the case file is not available yet. */
static GtkWidget *
create_case_page (UdhaWorkspace  *self,
                  gint64          case_id,
                  GError        **error)
{
  return udha_case_view_new (self->session, case_id, error);
}

static gboolean
case_has_unsaved_changes (UdhaWorkspace *self)
{
  if (self->case_view != NULL && UDHA_IS_CASE_VIEW (self->case_view))
    return udha_case_view_has_unsaved_changes (UDHA_CASE_VIEW (self->case_view));
  return FALSE;
}

/* Back to the list, the row of the case still selected and focused */
static void
close_case (UdhaWorkspace *self)
{
  set_case_page (self, NULL);
  self->case_id = 0;
  gtk_stack_set_visible_child_name (self->content_stack,
                                    self->return_page != NULL ? self->return_page : "list");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.back", FALSE);

  update_counts (self);
  if (self->case_position < g_list_model_get_n_items (G_LIST_MODEL (self->selection)))
    gtk_single_selection_set_selected (self->selection, self->case_position);

  /* Move the focus into the row so that Enter opens it again, or back
   * into the page the case was opened from. */
  if (self->return_page == NULL || g_str_equal (self->return_page, "list"))
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
  else
    gtk_widget_child_focus (gtk_stack_get_visible_child (self->content_stack), GTK_DIR_TAB_FORWARD);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CASE_ID]);
}

static gboolean
open_case (UdhaWorkspace *self,
           gint64         case_id,
           const char    *title)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *page;

  page = create_case_page (self, case_id, &error);
  if (page == NULL)
    {
      GtkWidget *dialog;

      g_warning ("Could not open case %" G_GINT64_FORMAT ": %s", case_id, error->message);
      dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                       _("The case file could not be opened"),
                                       error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return FALSE;
    }

  if (self->case_id == 0)
    {
      GtkWidget *from = gtk_stack_get_visible_child (self->content_stack);
      const char *back_label = gtk_stack_page_get_title (gtk_stack_get_page (self->content_stack, from));

      g_free (self->return_page);
      self->return_page = g_strdup (gtk_stack_get_visible_child_name (self->content_stack));
      if (g_str_equal (self->return_page, "list"))
        back_label = gtk_label_get_label (self->title_label);
      adw_button_content_set_label (self->back_content, back_label != NULL ? back_label : "");
    }
  self->case_id = case_id;
  /* The case view has its own header with the name and the number. */
  gtk_widget_set_visible (GTK_WIDGET (self->case_title_label), FALSE);
  set_case_page (self, page);
  gtk_stack_set_visible_child_name (self->content_stack, "case");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.back", TRUE);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "content");
  gtk_widget_grab_focus (page);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CASE_ID]);
  return TRUE;
}

static void
open_position (UdhaWorkspace *self,
               guint          position)
{
  g_autoptr(UdhaCaseRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  g_autofree char *title = NULL;

  if (row == NULL || udha_case_row_get_id (row) == 0)
    return;
  self->case_position = position;
  gtk_single_selection_set_selected (self->selection, position);
  title = g_strdup_printf ("%s · %s", udha_case_row_get_number (row),
                          udha_case_row_get_person_name (row));
  open_case (self, udha_case_row_get_id (row), title);
}

/* Signal callbacks */

static void
model_items_changed_cb (UdhaWorkspace *self)
{
  update_list_state (self);
}

static void
filter_changed_cb (UdhaWorkspace *self)
{
  udha_case_list_model_set_status (self->model,
                                   dropdown_code (self->status_dropdown, self->status_codes));
  udha_case_list_model_set_case_type (self->model,
                                      dropdown_code (self->type_dropdown, self->type_codes));
  udha_case_list_model_set_risk (self->model,
                                 dropdown_code (self->risk_dropdown, self->risk_codes));
  update_list_state (self);
}

static void
search_changed_cb (UdhaWorkspace *self)
{
  const char *text = search_text (self);

  udha_case_list_model_set_text (self->model, text[0] != '\0' ? text : NULL);
  update_list_state (self);
}

static void
search_activated_cb (UdhaWorkspace *self)
{
  if (gtk_stack_get_visible_child_name (self->list_stack) != NULL &&
      g_str_equal (gtk_stack_get_visible_child_name (self->list_stack), "table"))
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
search_stopped_cb (UdhaWorkspace *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* GTK 4.8 moves Tab focus onto the list's GtkScrolledWindow, not into
 * the column view; pass it on to the row with the focus. */
static void
root_focus_changed_cb (UdhaWorkspace *self,
                       GParamSpec    *pspec,
                       GtkRoot       *root)
{
  if (gtk_root_get_focus (root) == GTK_WIDGET (self->list_scroller))
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
sidebar_row_activated_cb (UdhaWorkspace *self,
                          GtkListBoxRow *row)
{
  /* Leaving the case file asks first when it has unsaved changes. */
  if (self->case_id != 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "workspace.back", NULL);
      if (self->case_id != 0)
        return;
    }
  for (guint i = 0; i < N_LISTS; i++)
    if (list_row (self, i) == row)
      set_list (self, i);
  if (g_object_get_data (G_OBJECT (row), "udha-page") != NULL)
    show_page (self, g_object_get_data (G_OBJECT (row), "udha-page"));
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "content");
  if (row == self->search_row)
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* GTK 4.8 moves Tab from row to row of a column view, so leaving the
 * caseload would take a Tab per row. Tab leaves it instead: forward to the
 * next control of the window (wrapping round to the header bar and the
 * sidebar), Shift+Tab back to the search entry; the arrow keys move
 * between rows. */
static gboolean
column_view_key_pressed_cb (UdhaWorkspace   *self,
                            guint            keyval,
                            guint            keycode,
                            GdkModifierType  state)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 || root == NULL)
    return FALSE;

  if (keyval == GDK_KEY_ISO_Left_Tab || ((keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab) &&
                                         (state & GDK_SHIFT_MASK) != 0))
    {
      if (gtk_widget_get_visible (GTK_WIDGET (self->search_entry)))
        return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
      return FALSE;
    }
  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab)
    {
      /* Nothing follows the list inside the workspace: start again from
       * the top of the window, as GTK does after the last control. */
      gtk_root_set_focus (root, NULL);
      gtk_widget_child_focus (GTK_WIDGET (root), GTK_DIR_TAB_FORWARD);
      return TRUE;
    }
  return FALSE;
}

static void
sidebar_button_clicked_cb (UdhaWorkspace *self)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
  gtk_widget_grab_focus (GTK_WIDGET (self->sidebar_list));
}

/* On a narrow window: a button back to the lists, and the case number,
 * name, type, status, risk and follow-up only. */
static void
leaflet_folded_changed_cb (UdhaWorkspace *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  gtk_widget_set_visible (GTK_WIDGET (self->sidebar_button), folded);
  for (guint i = 0; i < self->page_buttons->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (self->page_buttons, i), folded);
  for (guint c = 0; c < N_COLUMNS; c++)
    if (columns[c].wide_only && self->view_columns[c] != NULL)
      gtk_column_view_column_set_visible (self->view_columns[c], !folded);
}

static void
empty_button_clicked_cb (UdhaWorkspace *self)
{
  if (udha_case_list_model_get_error (self->model) != NULL)
    {
      udha_case_list_model_refresh (self->model);
      update_list_state (self);
      return;
    }
  gtk_drop_down_set_selected (self->status_dropdown, 0);
  gtk_drop_down_set_selected (self->type_dropdown, 0);
  gtk_drop_down_set_selected (self->risk_dropdown, 0);
}

static void
column_view_activated_cb (UdhaWorkspace *self,
                          guint          position)
{
  open_position (self, position);
}

static void
sorter_changed_cb (UdhaWorkspace *self)
{
  Column column = COLUMN_NUMBER;
  gboolean descending = FALSE;

  if (self->column_view == NULL || self->model == NULL || self->resorting)
    return;   /* disposing (the columns go away), or our own change below */

  probe_sort (self, &column, &descending);
  udha_case_list_model_set_sort (self->model, columns[column].sort, descending);

  /* A header click puts its column first and keeps the others as
   * secondary keys, each with an arrow; SQL sorts by one key, so keep one
   * arrow. */
  self->resorting = TRUE;
  gtk_column_view_sort_by_column (self->column_view, self->view_columns[column],
                                  descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
  /* GTK 4.8 does not redraw the header of a column that stops being the
   * sort column through gtk_column_view_sort_by_column(); setting its
   * sorter again does. */
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      g_autoptr(GtkSorter) sorter = NULL;

      if (c == column || columns[c].sort < 0)
        continue;
      sorter = g_object_ref (gtk_column_view_column_get_sorter (self->view_columns[c]));
      gtk_column_view_column_set_sorter (self->view_columns[c], NULL);
      gtk_column_view_column_set_sorter (self->view_columns[c], sorter);
    }
  self->resorting = FALSE;
}

static int
probe_compare_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  /* Only probe_sort () calls this: the answer it asked for. */
  return *(GtkOrdering *) user_data;
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_UINT (user_data);
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), columns[column].nat_chars);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), columns[column].min_chars);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_widget_set_hexpand (inscription, TRUE);

  if (column == COLUMN_NEXT_FOLLOW_UP)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_set_tooltip_text (icon, _("Overdue"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Overdue"),
                                      -1);
      gtk_widget_add_css_class (icon, "error");
      gtk_box_append (GTK_BOX (box), inscription);
      gtk_box_append (GTK_BOX (box), icon);
      gtk_list_item_set_child (item, box);
    }
  else
    {
      gtk_list_item_set_child (item, inscription);
    }

  if (column == COLUMN_NUMBER)
    gtk_widget_add_css_class (inscription, "numeric");
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  Column column = GPOINTER_TO_UINT (user_data);
  UdhaCaseRow *row = gtk_list_item_get_item (item);
  GtkWidget *child = gtk_list_item_get_child (item);
  GtkWidget *inscription = child;
  g_autofree char *to_free = NULL;
  const char *text;

  if (GTK_IS_BOX (child))
    inscription = gtk_widget_get_first_child (child);

  text = cell_text (row, column, &to_free);
  gtk_inscription_set_text (GTK_INSCRIPTION (inscription), text);
  /* The whole text where a long one may be cut short */
  if (column == COLUMN_NAME || column == COLUMN_CITIZENSHIP || column == COLUMN_CASE_TYPE ||
      column == COLUMN_STATUS)
    gtk_widget_set_tooltip_text (inscription, text);

  if (column == COLUMN_NEXT_FOLLOW_UP)
    {
      gboolean overdue = udha_case_row_get_overdue (row);

      gtk_widget_set_visible (gtk_widget_get_last_child (child), overdue);
      if (overdue)
        gtk_widget_add_css_class (inscription, "error");
      else
        gtk_widget_remove_css_class (inscription, "error");
    }
}

static void
add_columns (UdhaWorkspace *self)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), GUINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), GUINT_TO_POINTER (c));

      column = gtk_column_view_column_new (_(columns[c].title), factory);
      gtk_column_view_column_set_expand (column, columns[c].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      if (columns[c].sort >= 0)
        {
          g_autoptr(GtkCustomSorter) sorter = NULL;

          sorter = gtk_custom_sorter_new (probe_compare_cb, &self->probe[c], NULL);

          gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
        }
      gtk_column_view_append_column (self->column_view, column);
      self->view_columns[c] = column;
      g_object_unref (column);
    }

  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (sorter_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_column_view_sort_by_column (self->column_view, self->view_columns[COLUMN_NUMBER],
                                  GTK_SORT_ASCENDING);
}

static void
discard_response_cb (UdhaWorkspace *self,
                     const char    *response)
{
  if (g_strcmp0 (response, "discard") == 0)
    close_case (self);
}

static void
case_opened_cb (UdhaWorkspace *self,
                gint64         case_id)
{
  g_autoptr(UdhaCase) case_ = udha_session_get_case (self->session, case_id, NULL);

  udha_case_list_model_refresh (self->model);
  update_counts (self);
  self->case_position = G_MAXUINT;
  open_case (self, case_id, case_ != NULL ? udha_case_get_number (case_) : NULL);
}

/* Actions */

static void
udha_workspace_back_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  UdhaWorkspace *self = UDHA_WORKSPACE (widget);
  GtkWidget *dialog;

  if (self->case_id == 0)
    return;
  if (!case_has_unsaved_changes (self))
    {
      close_case (self);
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Discard unsaved changes?"),
                                   _("The changes to this case file have not been saved."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
udha_workspace_search_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  UdhaWorkspace *self = UDHA_WORKSPACE (widget);

  if (self->case_id != 0)
    {
      if (case_has_unsaved_changes (self))
        return;
      close_case (self);
    }
  set_list (self, LIST_SEARCH);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "content");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
udha_workspace_refresh_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  UdhaWorkspace *self = UDHA_WORKSPACE (widget);

  udha_case_list_model_refresh (self->model);
  update_counts (self);
  update_list_state (self);
}

static void
udha_workspace_show_list_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  UdhaWorkspace *self = UDHA_WORKSPACE (widget);
  const char *name = g_variant_get_string (param, NULL);

  for (guint i = 0; i < N_LISTS; i++)
    if (g_str_equal (name, list_names[i]))
      {
        if (self->case_id != 0 && !case_has_unsaved_changes (self))
          close_case (self);
        set_list (self, i);
        return;
      }
  if (self->case_id != 0 && !case_has_unsaved_changes (self))
    close_case (self);
  if (self->case_id == 0 && show_page (self, name))
    return;
  g_warning ("No caseload list called “%s”", name);
}

static void
udha_workspace_open_selected_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  UdhaWorkspace *self = UDHA_WORKSPACE (widget);
  guint position = gtk_single_selection_get_selected (self->selection);

  if (position != GTK_INVALID_LIST_POSITION)
    open_position (self, position);
}

static void
udha_workspace_register_person_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *param)
{
  UdhaWorkspace *self = UDHA_WORKSPACE (widget);
  UdhaRegisterDialog *dialog;

  dialog = udha_register_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->session);
  g_signal_connect_object (dialog, "case-opened", G_CALLBACK (case_opened_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject */

static void
udha_workspace_constructed (GObject *object)
{
  UdhaWorkspace *self = (UdhaWorkspace *)object;
  UdhaRole role;

  G_OBJECT_CLASS (udha_workspace_parent_class)->constructed (object);

  g_assert (self->session != NULL);
  role = udha_session_get_role (self->session);
  self->supervisor = role == UDHA_ROLE_KIND_SUPERVISOR;
  gtk_label_set_label (self->mine_label, list_title (self, LIST_MINE));
  if (self->supervisor)
    gtk_image_set_from_icon_name (self->mine_icon, "folder-documents-symbolic");

  self->own_model = udha_case_list_model_new (self->session);
  self->selection = gtk_single_selection_new (NULL);
  set_model (self, self->own_model);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  add_columns (self);
  leaflet_folded_changed_cb (self);

  self->list = N_LISTS;
  set_list (self, LIST_MINE);
  update_counts (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.register-person",
                                 role != UDHA_ROLE_KIND_ADMIN);
}

static void
udha_workspace_root (GtkWidget *widget)
{
  UdhaWorkspace *self = UDHA_WORKSPACE (widget);

  GTK_WIDGET_CLASS (udha_workspace_parent_class)->root (widget);

  g_signal_connect_object (gtk_widget_get_root (widget), "notify::focus-widget",
                           G_CALLBACK (root_focus_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
udha_workspace_unroot (GtkWidget *widget)
{
  g_signal_handlers_disconnect_by_func (gtk_widget_get_root (widget), root_focus_changed_cb, widget);

  GTK_WIDGET_CLASS (udha_workspace_parent_class)->unroot (widget);
}

static void
udha_workspace_dispose (GObject *object)
{
  UdhaWorkspace *self = (UdhaWorkspace *)object;

  self->case_view = NULL;
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->selection);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, model_items_changed_cb, self);
  g_clear_object (&self->model);
  g_clear_object (&self->own_model);
  for (guint i = 0; i < N_LISTS; i++)
    g_clear_object (&self->count_models[i]);

  gtk_widget_dispose_template (GTK_WIDGET (self), UDHA_TYPE_WORKSPACE);
  /* The template's root child is not bound, so unparent it here. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (udha_workspace_parent_class)->dispose (object);
}

static void
udha_workspace_finalize (GObject *object)
{
  UdhaWorkspace *self = (UdhaWorkspace *)object;

  g_clear_pointer (&self->status_codes, g_ptr_array_unref);
  g_clear_pointer (&self->type_codes, g_ptr_array_unref);
  g_clear_pointer (&self->risk_codes, g_ptr_array_unref);
  g_clear_pointer (&self->drill_title, g_free);
  g_clear_pointer (&self->return_page, g_free);
  g_clear_pointer (&self->page_buttons, g_ptr_array_unref);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (udha_workspace_parent_class)->finalize (object);
}

static void
udha_workspace_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  UdhaWorkspace *self = UDHA_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_LIST:
      g_value_set_string (value, udha_workspace_get_list (self));
      break;
    case PROP_CASE_ID:
      g_value_set_int64 (value, self->case_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
udha_workspace_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  UdhaWorkspace *self = UDHA_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
udha_workspace_class_init (UdhaWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = udha_workspace_constructed;
  object_class->dispose = udha_workspace_dispose;
  object_class->finalize = udha_workspace_finalize;
  object_class->get_property = udha_workspace_get_property;
  object_class->set_property = udha_workspace_set_property;

  widget_class->root = udha_workspace_root;
  widget_class->unroot = udha_workspace_unroot;

  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         UDHA_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_LIST] =
    g_param_spec_string ("list", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_CASE_ID] =
    g_param_spec_int64 ("case-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/udha/Udha/ui/udha-workspace.ui");
  gtk_widget_class_bind_template_child (widget_class, UdhaWorkspace, leaflet);
  gtk_widget_class_bind_template_child (widget_class, UdhaWorkspace, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, UdhaWorkspace, mine_row);
  gtk_widget_class_bind_template_child (widget_class, UdhaWorkspace, intake_row);
  gtk_widget_class_bind_template_child (widget_class, UdhaWorkspace, follow_ups_row);
  gtk_widget_class_bind_template_child (widget_class, UdhaWorkspace, search_row);
  gtk_widget_class_bind_template_child (widget_class, UdhaWorkspace, mine_icon);
  gtk_widget_class_bind_template_child (widget_class, UdhaWorkspace, mine_label);
  gtk_widget_class_bind_template_child (widget_class, UdhaWorkspace, mine_count);
  gtk_widget_class_bind_template_child (widget_class, UdhaWorkspace, intake_count);
  gtk_widget_class_bind_template_child (widget_class, UdhaWorkspace, follow_ups_count);
  gtk_widget_class_bind_template_child (widget_class, UdhaWorkspace, content_stack);
  gtk_widget_class_bind_template_child (widget_class, UdhaWorkspace, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, UdhaWorkspace, title_label);
  gtk_widget_class_bind_template_child (widget_class, UdhaWorkspace, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, UdhaWorkspace, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, UdhaWorkspace, risk_dropdown);
  gtk_widget_class_bind_template_child (widget_class, UdhaWorkspace, search_entry);
  gtk_widget_class_bind_template_child (widget_class, UdhaWorkspace, list_stack);
  gtk_widget_class_bind_template_child (widget_class, UdhaWorkspace, list_scroller);
  gtk_widget_class_bind_template_child (widget_class, UdhaWorkspace, column_view);
  gtk_widget_class_bind_template_child (widget_class, UdhaWorkspace, empty_page);
  gtk_widget_class_bind_template_child (widget_class, UdhaWorkspace, empty_button);
  gtk_widget_class_bind_template_child (widget_class, UdhaWorkspace, back_content);
  gtk_widget_class_bind_template_child (widget_class, UdhaWorkspace, case_title_label);
  gtk_widget_class_bind_template_child (widget_class, UdhaWorkspace, case_bin);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stopped_cb);
  gtk_widget_class_bind_template_callback (widget_class, empty_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, column_view_activated_cb);

  gtk_widget_class_install_action (widget_class, "workspace.register-person", NULL,
                                   udha_workspace_register_person_action);
  gtk_widget_class_install_action (widget_class, "workspace.search", NULL,
                                   udha_workspace_search_action);
  gtk_widget_class_install_action (widget_class, "workspace.back", NULL,
                                   udha_workspace_back_action);
  gtk_widget_class_install_action (widget_class, "workspace.refresh", NULL,
                                   udha_workspace_refresh_action);
  gtk_widget_class_install_action (widget_class, "workspace.show-list", "s",
                                   udha_workspace_show_list_action);
  gtk_widget_class_install_action (widget_class, "workspace.open-selected", NULL,
                                   udha_workspace_open_selected_action);

  /* Escape leaves the case file only while the focus is in the workspace;
   * a search entry or a dialog gets it first. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "workspace.back", NULL);
}

static void
udha_workspace_init (UdhaWorkspace *self)
{
  GtkEventController *shortcuts;
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->page_buttons = g_ptr_array_new ();
  self->status_codes = fill_dropdown (self->status_dropdown, UDHA_LOOKUP_CASE_STATUS, _("All statuses"));
  self->type_codes = fill_dropdown (self->type_dropdown, UDHA_LOOKUP_CASE_TYPE, _("All case types"));
  self->risk_codes = fill_dropdown (self->risk_dropdown, UDHA_LOOKUP_RISK_LEVEL, _("All risk levels"));
  g_signal_connect_object (self->status_dropdown, "notify::selected", G_CALLBACK (filter_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->type_dropdown, "notify::selected", G_CALLBACK (filter_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->risk_dropdown, "notify::selected", G_CALLBACK (filter_changed_cb),
                           self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (leaflet_folded_changed_cb),
                           self, G_CONNECT_SWAPPED);
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (column_view_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), controller);

  /* Ctrl+N, Ctrl+F and F5 work wherever the focus is in the window. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  add_shortcut (shortcuts, GDK_KEY_n, GDK_CONTROL_MASK, "workspace.register-person");
  add_shortcut (shortcuts, GDK_KEY_f, GDK_CONTROL_MASK, "workspace.search");
  add_shortcut (shortcuts, GDK_KEY_F5, 0, "workspace.refresh");
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.back", FALSE);
}

/* Public API */

/**
 * udha_workspace_new:
 * @session: the signed-in session (a caseworker or a supervisor)
 *
 * Returns: (transfer floating): a new workspace over the session's caseload
 */
GtkWidget *
udha_workspace_new (UdhaSession *session)
{
  g_return_val_if_fail (UDHA_IS_SESSION (session), NULL);

  return g_object_new (UDHA_TYPE_WORKSPACE, "session", session, NULL);
}

UdhaSession *
udha_workspace_get_session (UdhaWorkspace *self)
{
  g_return_val_if_fail (UDHA_IS_WORKSPACE (self), NULL);

  return self->session;
}

/**
 * udha_workspace_get_model:
 *
 * Returns: (transfer none): the caseload model the list shows
 */
UdhaCaseListModel *
udha_workspace_get_model (UdhaWorkspace *self)
{
  g_return_val_if_fail (UDHA_IS_WORKSPACE (self), NULL);

  return self->model;
}

/**
 * udha_workspace_get_list:
 *
 * Returns: the list shown: "mine" (for a supervisor, the office's cases),
 *   "intake", "follow-ups" or "search"; "case-list" for a list shown with
 *   udha_workspace_show_case_list(); or the name of a page added with
 *   udha_workspace_add_page()
 */
const char *
udha_workspace_get_list (UdhaWorkspace *self)
{
  g_return_val_if_fail (UDHA_IS_WORKSPACE (self), NULL);

  if (self->drill_title != NULL)
    return "case-list";
  if (self->page_name != NULL)
    return self->page_name;
  return self->list < N_LISTS ? list_names[self->list] : NULL;
}

/**
 * udha_workspace_get_visible_page:
 *
 * Returns: "list" (the caseload) or "case" (a case file)
 */
const char *
udha_workspace_get_visible_page (UdhaWorkspace *self)
{
  g_return_val_if_fail (UDHA_IS_WORKSPACE (self), NULL);

  return gtk_stack_get_visible_child_name (self->content_stack);
}

/**
 * udha_workspace_get_case_id:
 *
 * Returns: the id of the open case file, 0 when the list is shown
 */
gint64
udha_workspace_get_case_id (UdhaWorkspace *self)
{
  g_return_val_if_fail (UDHA_IS_WORKSPACE (self), 0);

  return self->case_id;
}

/**
 * udha_workspace_open_case:
 * @case_id: a case the session may see
 *
 * Opens the case file of @case_id, as if its row had been activated.
 *
 * Returns: %TRUE if the case file opened
 */
gboolean
udha_workspace_open_case (UdhaWorkspace *self,
                          gint64         case_id)
{
  g_autoptr(UdhaCase) case_ = NULL;

  g_return_val_if_fail (UDHA_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (case_id > 0, FALSE);

  case_ = udha_session_get_case (self->session, case_id, NULL);
  self->case_position = G_MAXUINT;
  return open_case (self, case_id, case_ != NULL ? udha_case_get_number (case_) : NULL);
}

static void
page_button_clicked_cb (GtkButton     *button,
                        UdhaWorkspace *self)
{
  sidebar_button_clicked_cb (self);
}

/**
 * udha_workspace_add_page:
 * @name: a name for the page, unique in the workspace (e.g. "dashboard")
 * @title: the translated title, shown in the sidebar and above the page
 * @icon_name: the sidebar icon
 * @page: (transfer floating): the page
 *
 * Adds a row below the caseload lists in the sidebar and @page beside the
 * caseload; the row shows the page. For a supervisor's dashboard and
 * reports. "workspace.show-list" with @name shows it too.
 */
void
udha_workspace_add_page (UdhaWorkspace *self,
                         const char    *name,
                         const char    *title,
                         const char    *icon_name,
                         GtkWidget     *page)
{
  GtkWidget *row, *box, *label, *icon, *button, *header, *heading;
  GtkStackPage *stack_page;

  g_return_if_fail (UDHA_IS_WORKSPACE (self));
  g_return_if_fail (name != NULL && title != NULL);
  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (gtk_stack_get_child_by_name (self->content_stack, name) == NULL);
  g_return_if_fail (g_strcmp0 (name, "list") != 0 && g_strcmp0 (name, "case") != 0);

  /* The sidebar row, like the caseload rows */
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  icon = g_object_new (GTK_TYPE_IMAGE,
                       "icon-name", icon_name,
                       "visible", icon_name != NULL,
                       "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                       NULL);
  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  row = gtk_list_box_row_new ();
  gtk_widget_set_name (row, name);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);
  g_object_set_data_full (G_OBJECT (row), "udha-page", g_strdup (name), g_free);
  gtk_list_box_append (self->sidebar_list, row);

  /* The page, under a header with its title and, on a narrow window, a
   * button back to the sidebar */
  button = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_widget_set_tooltip_text (button, _("Caseload Lists"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Show the caseload lists"),
                                  -1);
  g_signal_connect_object (button, "clicked", G_CALLBACK (page_button_clicked_cb), self, 0);
  heading = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_ellipsize (GTK_LABEL (heading), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (heading, TRUE);
  gtk_widget_add_css_class (heading, "heading");
  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_object_set (header,
                "margin-start", 12, "margin-end", 12, "margin-top", 6, "margin-bottom", 6,
                "height-request", 34,
                NULL);
  gtk_box_append (GTK_BOX (header), button);
  gtk_box_append (GTK_BOX (header), heading);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  /* Beside the sidebar the page's own heading says enough; folded, the
   * header leads back to the sidebar. */
  gtk_widget_set_visible (header, adw_leaflet_get_folded (self->leaflet));
  gtk_widget_set_visible (gtk_widget_get_next_sibling (header), adw_leaflet_get_folded (self->leaflet));
  g_ptr_array_add (self->page_buttons, header);
  g_ptr_array_add (self->page_buttons, gtk_widget_get_next_sibling (header));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);

  stack_page = gtk_stack_add_titled (self->content_stack, box, name, title);
  gtk_stack_page_set_icon_name (stack_page, icon_name);
}

/**
 * udha_workspace_show_case_list:
 * @title: the translated title of the list, e.g. "Open cases · Tirana"
 * @model: a model configured by the caller (filters, scope)
 *
 * Shows @model in the caseload table under @title (a drill-down from a
 * figure). The workspace's filters and search do not apply to it; a click
 * on a sidebar list goes back to the workspace's own lists. Closes the open
 * case file unless it has unsaved changes.
 */
void
udha_workspace_show_case_list (UdhaWorkspace     *self,
                               const char        *title,
                               UdhaCaseListModel *model)
{
  g_return_if_fail (UDHA_IS_WORKSPACE (self));
  g_return_if_fail (title != NULL);
  g_return_if_fail (UDHA_IS_CASE_LIST_MODEL (model));

  if (self->case_id != 0)
    {
      if (case_has_unsaved_changes (self))
        {
          gtk_widget_activate_action (GTK_WIDGET (self), "workspace.back", NULL);
          return;
        }
      close_case (self);
    }

  g_free (self->drill_title);
  self->drill_title = g_strdup (title);
  self->page_name = NULL;
  set_model (self, model);
  set_filters_visible (self, FALSE);
  gtk_label_set_label (self->title_label, title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), title);
  adw_button_content_set_label (self->back_content, title);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  update_list_state (self);
  mark_sidebar_row (self, NULL);
  gtk_stack_set_visible_child_name (self->content_stack, "list");
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "content");
  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LIST]);
}
