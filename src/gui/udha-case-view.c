/* udha-case-view.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The case file: a header (person, case number, status, risk, flags,
 * assignment) and five tabs (profile, contacts and interviews, services,
 * referrals, history). Everything goes through the UdhaSession, which checks
 * permissions, the consent gate and the transitions, and writes the audit.
 */

#define G_LOG_DOMAIN "udha-case-view"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "udha-case-view.h"
#include "udha-case.h"
#include "udha-consent.h"
#include "udha-core.h"
#include "udha-date.h"
#include "udha-form-dialog.h"
#include "udha-interview.h"
#include "udha-iso-codes.h"
#include "udha-lookup.h"
#include "udha-model-error.h"
#include "udha-organisation.h"
#include "udha-person.h"
#include "udha-referral.h"
#include "udha-referral-slip.h"
#include "udha-application.h"
#include "udha-service.h"
#include "udha-user.h"


struct _UdhaCaseView
{
  GtkWidget     parent_instance;

  /* Template widgets */
  GtkLabel     *name_label;
  GtkLabel     *status_label;
  GtkButton    *closure_button;
  GtkLabel     *details_label;
  GtkLabel     *flags_label;
  AdwViewStack *view_stack;
  AdwPreferencesGroup *interviews_group;
  GtkListBox   *person_list;
  GtkListBox   *documents_list;
  GtkListBox   *vulnerabilities_list;
  GtkListBox   *household_list;
  GtkListBox   *consents_list;
  GtkListBox   *interviews_list;
  GtkListBox   *services_list;
  GtkListBox   *referrals_list;
  GtkListBox   *history_list;

  /* Owned */
  UdhaSession  *session;
  gint64        case_id;
  UdhaCase     *case_;
  UdhaPerson   *person;
  GPtrArray    *users;           /* UdhaUser */
  GPtrArray    *organisations;   /* UdhaOrganisation */
  GPtrArray    *services;        /* UdhaService */
  GPtrArray    *referrals;       /* UdhaReferral */
  char         *status_class;
  GtkEditable  *edit_rows[6];    /* the editable profile fields, see edit_fields */
  char         *loaded[6];       /* their values when the profile was shown */
  AdwToast     *toast;           /* weak: the toast on screen, if any */
  char         *pending_toast;
  guint         toast_idle_id;
};

G_DEFINE_FINAL_TYPE (UdhaCaseView, udha_case_view, GTK_TYPE_WIDGET)

/* Auxiliary methods */

static gboolean
is_blank (const char *s)
{
  if (s == NULL)
    return TRUE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

static const char *
nonblank (const char *s)
{
  return is_blank (s) ? NULL : s;
}

/* "2026-03-12" → "12.03.2026"; partial dates keep their precision. */
static char *
format_day (const char *iso)
{
  UdhaDate date;

  if (iso == NULL || !udha_date_from_iso (iso, &date))
    return g_strdup (iso);
  return udha_date_to_display (&date);
}

/* A stored UTC time → "12.03.2026 10:14" in local time. */
static char *
format_time (const char *iso)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso == NULL)
    return NULL;
  when = g_date_time_new_from_iso8601 (iso, utc);
  if (when == NULL)
    return format_day (iso);
  local = g_date_time_to_local (when);
  return udha_format_date_time (local);
}

static char *
today_display (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%d.%m.%Y");
}

static const char *
user_display_name (UdhaCaseView *self,
                   gint64        user_id,
                   const char   *user_name)
{
  UdhaUser *me = udha_session_get_user (self->session);

  /* Only administrators may list users, so the signed-in user is looked up
   * on its own; others fall back to their user names. */
  for (guint i = 0; i <= (self->users != NULL ? self->users->len : 0); i++)
    {
      UdhaUser *user = i == 0 ? me : g_ptr_array_index (self->users, i - 1);

      if (user == NULL)
        continue;

      if ((user_id != 0 && udha_user_get_id (user) == user_id) ||
          (user_name != NULL && g_strcmp0 (udha_user_get_user_name (user), user_name) == 0))
        return nonblank (udha_user_get_display_name (user)) != NULL ?
               udha_user_get_display_name (user) : udha_user_get_user_name (user);
    }
  if (user_name != NULL)
    return user_name;
  return _("Unknown user");
}

static const char *
organisation_name (UdhaCaseView *self,
                   gint64        org_id)
{
  for (guint i = 0; self->organisations != NULL && i < self->organisations->len; i++)
    {
      UdhaOrganisation *org = g_ptr_array_index (self->organisations, i);

      if (udha_organisation_get_id (org) == org_id)
        return udha_organisation_get_name (org);
    }
  return _("Unknown organisation");
}

static const char *
label_or_code (UdhaLookupKind  kind,
               const char     *code)
{
  const char *label;

  if (code == NULL)
    return NULL;
  label = udha_lookup_get_label (kind, code);
  return label != NULL ? label : code;
}

static void
toast_dismissed_cb (AdwToast     *toast,
                    UdhaCaseView *self)
{
  if (self->toast == toast)
    g_clear_weak_pointer (&self->toast);
}

static gboolean
show_toast_cb (gpointer user_data)
{
  UdhaCaseView *self = UDHA_CASE_VIEW (user_data);
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *message = g_steal_pointer (&self->pending_toast);
  AdwToast *toast;

  self->toast_idle_id = 0;
  if (overlay == NULL || message == NULL)
    return G_SOURCE_REMOVE;
  toast = adw_toast_new (message);
  g_set_weak_pointer (&self->toast, toast);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  return G_SOURCE_REMOVE;
}

/* libadwaita 1.2 crashes when a toast is dismissed and another is added in
 * the same main-loop turn (a save that closes a dialog and reloads does just
 * that). So the case view shows one toast at a time: a new message replaces
 * the text of the toast on screen, or waits for an idle turn to be added. */
static void
add_toast (UdhaCaseView *self,
           const char   *message)
{
  if (self->toast != NULL)
    {
      adw_toast_set_title (self->toast, message);
      return;
    }
  g_free (self->pending_toast);
  self->pending_toast = g_strdup (message);
  if (self->toast_idle_id == 0)
    self->toast_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, show_toast_cb,
                                           g_object_ref (self), g_object_unref);
}

static GtkWindow *
parent_window (UdhaCaseView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_error (UdhaCaseView *self,
            const char   *heading,
            const GError *error)
{
  GtkWidget *dialog = adw_message_dialog_new (parent_window (self), heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static void
set_placeholder (GtkListBox *list,
                 const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 18);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_list_box_set_placeholder (list, label);
}

static GtkWidget *
add_row (GtkListBox *list,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title_markup = g_markup_escape_text (title != NULL ? title : "", -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title_markup);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (subtitle != NULL)
    {
      g_autofree char *subtitle_markup = g_markup_escape_text (subtitle, -1);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle_markup);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  gtk_list_box_append (list, row);
  return row;
}

/* A profile row: the field name as title, the value (or "Not recorded") below. */
static void
add_field_row (GtkListBox *list,
               const char *field,
               const char *value)
{
  GtkWidget *row = add_row (list, field, nonblank (value) != NULL ? value : _("Not recorded"));

  gtk_widget_add_css_class (row, "property");
}

/* Joins non-NULL parts with " · ". */
static char *
join_parts (const char *first,
            ...)
{
  GString *out = g_string_new (NULL);
  va_list args;

  va_start (args, first);
  for (const char *part = first; part != (const char *) 1; part = va_arg (args, const char *))
    {
      if (nonblank (part) == NULL)
        continue;
      if (out->len > 0)
        g_string_append (out, " · ");
      g_string_append (out, part);
    }
  va_end (args);
  return g_string_free (out, FALSE);
}
#define JOIN(...) join_parts (__VA_ARGS__, (const char *) 1)

static GtkWidget *
add_menu_button (GtkWidget  *row,
                 GMenuModel *menu,
                 const char *accessible_name)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, accessible_name);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name,
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return button;
}

/* A row's menu with one item that removes it from the person's @kind list. */
static void
add_remove_menu (GtkWidget  *row,
                 const char *kind,
                 guint       index,
                 const char *item_name)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) item = g_menu_item_new (C_("list item", "_Remove"), NULL);
  g_autofree char *menu_name = NULL;

  g_menu_item_set_action_and_target_value (item, "case.remove-item",
                                           g_variant_new ("(su)", kind, index));
  g_menu_append_item (menu, item);
  /* Translators: the name of a row's menu; %s is e.g. "Passport" */
  menu_name = g_strdup_printf (_("Actions for %s"), item_name);
  add_menu_button (row, G_MENU_MODEL (menu), menu_name);
}

/* Header */

static void
fill_header (UdhaCaseView *self)
{
  UdhaCase *case_ = self->case_;
  const char *status = udha_case_get_status (case_);
  const char * const *flags = udha_case_get_flags (case_);
  g_autofree char *name = NULL;
  g_autofree char *risk = NULL;
  g_autofree char *assigned = NULL;
  g_autofree char *number = NULL;
  g_autofree char *details = NULL;

  /* Translators: a person's given name, then family name */
  name = g_strdup_printf (C_("person name", "%s %s"),
                          udha_person_get_given_name (self->person) != NULL ? udha_person_get_given_name (self->person) : "",
                          udha_person_get_family_name (self->person) != NULL ? udha_person_get_family_name (self->person) : "");
  gtk_label_set_label (self->name_label, g_strstrip (name));

  gtk_label_set_label (self->status_label, label_or_code (UDHA_LOOKUP_CASE_STATUS, status));
  if (self->status_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), self->status_class);
  g_free (self->status_class);
  self->status_class = g_strdup_printf ("status-%s", status);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), self->status_class);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_label (self->status_label),
                                  -1);

  /* Translators: %s is a case number such as TIR-2026-000001 */
  number = g_strdup_printf (_("Case %s"), udha_case_get_number (case_));
  /* Translators: %s is a risk level such as "High" */
  risk = g_strdup_printf (_("Risk: %s"), udha_case_get_risk (case_) != NULL ?
                          label_or_code (UDHA_LOOKUP_RISK_LEVEL, udha_case_get_risk (case_)) :
                          C_("risk", "not assessed"));
  if (udha_case_get_assigned_user_id (case_) != 0)
    /* Translators: %s is a caseworker's name */
    assigned = g_strdup_printf (_("Assigned to %s"),
                                user_display_name (self, udha_case_get_assigned_user_id (case_), NULL));
  else
    assigned = g_strdup (_("Not assigned"));
  details = JOIN (number, label_or_code (UDHA_LOOKUP_CASE_TYPE, udha_case_get_case_type (case_)), risk, assigned);
  gtk_label_set_label (self->details_label, details);

  if (flags != NULL && flags[0] != NULL)
    {
      GString *labels = g_string_new (NULL);
      g_autofree char *text = NULL;

      for (guint i = 0; flags[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append (labels, ", ");
          g_string_append (labels, label_or_code (UDHA_LOOKUP_CASE_FLAG, flags[i]));
        }
      /* Translators: %s is a list of case flags */
      text = g_strdup_printf (_("Flags: %s"), labels->str);
      g_string_free (labels, TRUE);
      gtk_label_set_label (self->flags_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->flags_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->flags_label), FALSE);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.edit-case",
                                 !udha_lookup_has_flag (UDHA_LOOKUP_CASE_STATUS, status, UDHA_LOOKUP_FLAG_TERMINAL) &&
                                 udha_session_can (self->session, UDHA_ACTION_EDIT_CASE, self->case_id));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.request-closure",
                                 udha_case_transition_find (status, "closure_requested") != NULL &&
                                 udha_session_can (self->session, UDHA_ACTION_REQUEST_CLOSURE, self->case_id));
}

/* Profile */

static char *
join_codes (const char * const *codes,
            const char *      (*get_name) (const char *))
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      const char *name = get_name (codes[i]);

      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, name != NULL ? name : codes[i]);
    }
  return g_string_free (out, FALSE);
}

/* The profile fields a caseworker corrects most often, edited in place. */
typedef struct
{
  const char *label;
  const char *(*get) (UdhaPerson *person);
  void        (*set) (UdhaPerson *person, const char *value);
} EditField;

static const EditField edit_fields[] = {
  { N_("Given name"), udha_person_get_given_name, udha_person_set_given_name },
  { N_("Family name"), udha_person_get_family_name, udha_person_set_family_name },
  { N_("Father’s name"), udha_person_get_father_name, udha_person_set_father_name },
  { N_("Mother’s name"), udha_person_get_mother_name, udha_person_set_mother_name },
  { N_("Phone"), udha_person_get_phone, udha_person_set_phone },
  { N_("Occupation"), udha_person_get_occupation, udha_person_set_occupation },
};
G_STATIC_ASSERT (G_N_ELEMENTS (edit_fields) == 6);

/* What a field will hold once saved: NULL for an empty entry. */
static char *
edited_value (UdhaCaseView *self,
              guint         i)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (self->edit_rows[i])));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

/* Compared with the value shown when the profile was filled, not with the
 * person object, which a failed save may already have changed. */
static gboolean
field_changed (UdhaCaseView *self,
               guint         i)
{
  g_autofree char *value = edited_value (self, i);

  return g_strcmp0 (value, self->loaded[i]) != 0;
}

static void
profile_edited_cb (UdhaCaseView *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.save",
                                 udha_case_view_has_unsaved_changes (self));
}

static void
add_edit_row (UdhaCaseView *self,
              guint         i)
{
  GtkWidget *row = adw_entry_row_new ();
  const char *value = nonblank (edit_fields[i].get (self->person));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(edit_fields[i].label));
  g_free (self->loaded[i]);
  self->loaded[i] = g_strdup (value);
  gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
  g_signal_connect_object (row, "changed", G_CALLBACK (profile_edited_cb), self, G_CONNECT_SWAPPED);
  gtk_list_box_append (self->person_list, row);
  self->edit_rows[i] = GTK_EDITABLE (row);
}

static void
fill_profile (UdhaCaseView *self)
{
  UdhaPerson *p = self->person;
  GPtrArray *documents = udha_person_get_documents (p);
  GPtrArray *vulnerabilities = udha_person_get_vulnerabilities (p);
  GPtrArray *household = udha_person_get_household (p);
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *birth = NULL;
  g_autofree char *citizenships = NULL;
  g_autofree char *languages = NULL;
  g_autofree char *today = udha_session_today (self->session);

  clear_list (self->person_list);
  for (guint i = 0; i < 4; i++)
    add_edit_row (self, i);
  add_field_row (self->person_list, _("Sex"), label_or_code (UDHA_LOOKUP_SEX, udha_person_get_sex (p)));
  if (udha_person_get_dob (p) != NULL)
    birth = format_day (udha_person_get_dob (p));
  else if (udha_person_get_estimated_age (p) > 0)
    /* Translators: %d is an estimated age in years */
    birth = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "About %d year old (estimated)",
                                          "About %d years old (estimated)",
                                          udha_person_get_estimated_age (p)),
                             (int) udha_person_get_estimated_age (p));
  add_field_row (self->person_list, _("Date of birth or age"), birth);
  citizenships = join_codes (udha_person_get_citizenships (p), udha_iso_citizenship_get_name);
  add_field_row (self->person_list, _("Citizenship"), citizenships);
  languages = join_codes (udha_person_get_languages (p), udha_iso_language_get_name);
  add_field_row (self->person_list, _("Languages"), languages);
  add_field_row (self->person_list, _("Marital status"),
                 label_or_code (UDHA_LOOKUP_MARITAL_STATUS, udha_person_get_marital_status (p)));
  add_field_row (self->person_list, _("Education"),
                 label_or_code (UDHA_LOOKUP_EDUCATION, udha_person_get_education (p)));
  add_field_row (self->person_list, _("Migration or protection status"),
                 label_or_code (UDHA_LOOKUP_MIGRATION_STATUS, udha_person_get_migration_status (p)));
  add_field_row (self->person_list, _("Address in Albania"), udha_person_get_address (p));
  add_edit_row (self, 4);
  add_edit_row (self, 5);
  add_field_row (self->person_list, _("Registration number"), udha_person_get_registration_number (p));
  profile_edited_cb (self);

  clear_list (self->documents_list);
  for (guint i = 0; documents != NULL && i < documents->len; i++)
    {
      UdhaPersonDocument *doc = g_ptr_array_index (documents, i);
      g_autofree char *expiry = NULL;
      g_autofree char *expiry_text = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (doc->expiry != NULL)
        {
          expiry = format_day (doc->expiry);
          /* Translators: %s is a date */
          expiry_text = g_strdup_printf (_("Expires %s"), expiry);
        }
      subtitle = JOIN (doc->number, udha_iso_country_get_name (doc->issuing_country), expiry_text,
                       doc->held_by_other ? _("Held by someone else") : NULL);
      row = add_row (self->documents_list, label_or_code (UDHA_LOOKUP_DOCUMENT_TYPE, doc->doc_type), subtitle);
      add_remove_menu (row, "documents", i, label_or_code (UDHA_LOOKUP_DOCUMENT_TYPE, doc->doc_type));
    }

  clear_list (self->vulnerabilities_list);
  for (guint i = 0; vulnerabilities != NULL && i < vulnerabilities->len; i++)
    {
      UdhaPersonVulnerability *vuln = g_ptr_array_index (vulnerabilities, i);
      g_autofree char *risk = NULL;
      GtkWidget *row;

      if (vuln->risk != NULL)
        risk = g_strdup_printf (_("Risk: %s"), label_or_code (UDHA_LOOKUP_RISK_LEVEL, vuln->risk));
      row = add_row (self->vulnerabilities_list, label_or_code (UDHA_LOOKUP_VULNERABILITY, vuln->code), risk);
      add_remove_menu (row, "vulnerabilities", i, label_or_code (UDHA_LOOKUP_VULNERABILITY, vuln->code));
    }

  clear_list (self->household_list);
  for (guint i = 0; household != NULL && i < household->len; i++)
    {
      UdhaHouseholdLink *link = g_ptr_array_index (household, i);
      const char *relationship = label_or_code (UDHA_LOOKUP_RELATIONSHIP, link->relationship);
      g_autofree char *title = NULL;
      g_autofree char *born = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (nonblank (link->name) != NULL)
        /* Translators: a household member: relationship, then name ("Mother: Fatima") */
        title = g_strdup_printf (C_("household member", "%s: %s"), relationship, link->name);
      else
        title = g_strdup (relationship);
      if (link->dob != NULL)
        {
          g_autofree char *day = format_day (link->dob);

          /* Translators: %s is a date of birth */
          born = g_strdup_printf (_("Born %s"), day);
        }
      subtitle = JOIN (label_or_code (UDHA_LOOKUP_SEX, link->sex), born,
                       label_or_code (UDHA_LOOKUP_WHEREABOUTS, link->whereabouts));
      row = add_row (self->household_list, title, nonblank (subtitle));
      add_remove_menu (row, "household", i, title);
    }

  clear_list (self->consents_list);
  consents = udha_session_list_consents (self->session, udha_person_get_id (p), &error);
  if (consents == NULL)
    {
      add_row (self->consents_list, _("The consents could not be read"), error->message);
      return;
    }
  for (guint i = 0; i < consents->len; i++)
    {
      UdhaConsent *consent = g_ptr_array_index (consents, i);
      g_autofree char *given_on = format_day (udha_consent_get_given_on (consent));
      g_autofree char *given = NULL;
      g_autofree char *expires = NULL;
      g_autofree char *state = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      /* Translators: %s is a date */
      given = g_strdup_printf (_("Given %s"), given_on);
      if (udha_consent_get_withdrawn_on (consent) != NULL)
        {
          g_autofree char *day = format_day (udha_consent_get_withdrawn_on (consent));

          /* Translators: %s is a date */
          state = g_strdup_printf (_("Withdrawn %s"), day);
        }
      else if (udha_consent_get_expires_on (consent) != NULL)
        {
          g_autofree char *day = format_day (udha_consent_get_expires_on (consent));

          if (g_strcmp0 (udha_consent_get_expires_on (consent), today) < 0)
            /* Translators: %s is a date */
            expires = g_strdup_printf (_("Expired %s"), day);
          else
            /* Translators: %s is a date */
            expires = g_strdup_printf (_("Valid until %s"), day);
        }
      subtitle = JOIN (label_or_code (UDHA_LOOKUP_CONSENT_GIVEN_BY, udha_consent_get_given_by (consent)),
                       given, expires, state);
      row = add_row (self->consents_list,
                     label_or_code (UDHA_LOOKUP_CONSENT_PURPOSE, udha_consent_get_purpose (consent)),
                     subtitle);
      if (state != NULL)
        gtk_widget_add_css_class (row, "dim-label");
      else
        {
          g_autoptr(GMenu) menu = g_menu_new ();
          g_autoptr(GMenuItem) item = g_menu_item_new (_("Record _Withdrawal…"), NULL);
          g_autofree char *menu_name = NULL;

          g_menu_item_set_action_and_target_value (item, "case.withdraw-consent",
                                                   g_variant_new_int64 (udha_consent_get_id (consent)));
          g_menu_append_item (menu, item);
          /* Translators: %s is a consent purpose such as "Referral" */
          menu_name = g_strdup_printf (_("Actions for %s"),
                                       label_or_code (UDHA_LOOKUP_CONSENT_PURPOSE, udha_consent_get_purpose (consent)));
          add_menu_button (row, G_MENU_MODEL (menu), menu_name);
        }
    }
}

/* Contacts & interviews */

static int
compare_interviews_newest_first (gconstpointer a,
                                 gconstpointer b)
{
  UdhaInterview *ia = *(UdhaInterview **) a;
  UdhaInterview *ib = *(UdhaInterview **) b;

  return g_strcmp0 (udha_interview_get_occurred_at (ib), udha_interview_get_occurred_at (ia));
}

static void
fill_interviews (UdhaCaseView *self)
{
  g_autoptr(GPtrArray) interviews = NULL;
  g_autoptr(GError) error = NULL;

  clear_list (self->interviews_list);
  interviews = udha_session_list_interviews (self->session, self->case_id, &error);
  if (interviews == NULL)
    {
      add_row (self->interviews_list, _("The interviews could not be read"), error->message);
      return;
    }
  g_ptr_array_sort (interviews, compare_interviews_newest_first);

  for (guint i = 0; i < interviews->len; i++)
    {
      UdhaInterview *interview = g_ptr_array_index (interviews, i);
      g_autofree char *when = format_time (udha_interview_get_occurred_at (interview));
      g_autofree char *title = NULL;
      g_autofree char *interpreter = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *by = NULL;
      const char *language = NULL;
      const char *narrative = udha_interview_get_narrative (interview);
      GtkWidget *row;

      if (udha_interview_get_language (interview) != NULL)
        language = udha_iso_language_get_name (udha_interview_get_language (interview));
      if (udha_interview_get_interpreter (interview) != NULL)
        interpreter = g_strdup (label_or_code (UDHA_LOOKUP_INTERPRETER,
                                               udha_interview_get_interpreter (interview)));
      /* Translators: %s is a person's name */
      by = g_strdup_printf (_("By %s"), user_display_name (self, udha_interview_get_author_id (interview), NULL));
      /* Translators: contact type, then date and time: "Phone call, 12.03.2026 10:14" */
      title = g_strdup_printf (C_("interview title", "%s, %s"),
                               label_or_code (UDHA_LOOKUP_CONTACT_TYPE, udha_interview_get_contact_type (interview)),
                               when);
      subtitle = JOIN (label_or_code (UDHA_LOOKUP_CONTACT_LOCATION, udha_interview_get_location (interview)),
                       language, interpreter, by);
      if (nonblank (narrative) != NULL)
        {
          char *with_narrative = g_strdup_printf ("%s\n%s", subtitle, narrative);

          g_free (subtitle);
          subtitle = with_narrative;
        }
      row = add_row (self->interviews_list, title, subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
      if (udha_interview_get_confidential (interview))
        {
          GtkWidget *icon = gtk_image_new_from_icon_name ("changes-prevent-symbolic");
          GtkWidget *label = gtk_label_new (_("Confidential"));

          gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, _("Confidential"),
                                          -1);
          gtk_widget_add_css_class (label, "warning");
          gtk_widget_add_css_class (label, "caption-heading");
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
        }
      {
        g_autoptr(GMenu) menu = g_menu_new ();
        g_autoptr(GMenuItem) item = g_menu_item_new (_("_Edit…"), NULL);
        g_autofree char *menu_name = NULL;

        g_menu_item_set_action_and_target_value (item, "case.edit-interview",
                                                 g_variant_new_int64 (udha_interview_get_id (interview)));
        g_menu_append_item (menu, item);
        /* Translators: %s is a contact, e.g. "Phone call, 12.03.2026 10:14" */
        menu_name = g_strdup_printf (_("Actions for %s"), title);
        add_menu_button (row, G_MENU_MODEL (menu), menu_name);
      }
    }
}

/* Services */

static void
fill_services (UdhaCaseView *self)
{
  g_autoptr(GError) error = NULL;
  const UdhaLookupEntry *statuses;
  guint n_statuses = 0;

  clear_list (self->services_list);
  g_clear_pointer (&self->services, g_ptr_array_unref);
  self->services = udha_session_list_services (self->session, self->case_id, &error);
  if (self->services == NULL)
    {
      add_row (self->services_list, _("The services could not be read"), error->message);
      return;
    }

  statuses = udha_lookup_list (UDHA_LOOKUP_SERVICE_STATUS, &n_statuses);
  for (guint i = 0; i < self->services->len; i++)
    {
      UdhaService *service = g_ptr_array_index (self->services, i);
      const char *label = label_or_code (UDHA_LOOKUP_SERVICE, udha_service_get_service_code (service));
      g_autofree char *provider = NULL;
      g_autofree char *planned = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *menu_name = NULL;
      g_autoptr(GMenu) menu = g_menu_new ();
      GtkWidget *row;

      if (udha_service_get_provider_org_id (service) != 0)
        provider = g_strdup (organisation_name (self, udha_service_get_provider_org_id (service)));
      else
        provider = g_strdup (_("In-house"));
      if (udha_service_get_planned_on (service) != NULL)
        {
          g_autofree char *day = format_day (udha_service_get_planned_on (service));

          /* Translators: %s is a date */
          planned = g_strdup_printf (_("Planned for %s"), day);
        }
      subtitle = JOIN (label_or_code (UDHA_LOOKUP_SERVICE_STATUS, udha_service_get_status (service)),
                       provider, planned);
      row = add_row (self->services_list, label, subtitle);

      for (guint j = 0; j < n_statuses; j++)
        {
          g_autoptr(GMenuItem) item = NULL;
          g_autofree char *item_label = NULL;

          if (g_strcmp0 (statuses[j].code, udha_service_get_status (service)) == 0)
            continue;
          /* Translators: a menu item; %s is a service status such as "Completed" */
          item_label = g_strdup_printf (_("Mark as %s"),
                                        udha_lookup_entry_get_label (UDHA_LOOKUP_SERVICE_STATUS, &statuses[j]));
          item = g_menu_item_new (item_label, NULL);
          g_menu_item_set_action_and_target_value (item, "case.service-status",
                                                   g_variant_new ("(xs)", udha_service_get_id (service),
                                                                  statuses[j].code));
          g_menu_append_item (menu, item);
        }
      /* Translators: %s is a service name */
      menu_name = g_strdup_printf (_("Change the status of %s"), label);
      add_menu_button (row, G_MENU_MODEL (menu), menu_name);
    }
}

/* Referrals */

static const char *
referral_action_label (const char *to,
                       gboolean    asks)
{
  if (g_strcmp0 (to, "sent") == 0)
    return C_("referral action", "Send");
  if (g_strcmp0 (to, "acknowledged") == 0)
    return C_("referral action", "Record Acknowledgement");
  if (g_strcmp0 (to, "accepted") == 0)
    return C_("referral action", "Record Acceptance");
  if (g_strcmp0 (to, "declined") == 0)
    return C_("referral action", "Record Decline…");
  if (g_strcmp0 (to, "in_service") == 0)
    return C_("referral action", "Record Start of Service");
  if (g_strcmp0 (to, "completed") == 0)
    return C_("referral action", "Complete…");
  if (g_strcmp0 (to, "cancelled") == 0)
    return C_("referral action", "Cancel Referral…");
  return asks ? C_("referral action", "Reopen…") : C_("referral action", "Reopen");
}

static void
fill_referrals (UdhaCaseView *self)
{
  GPtrArray *referrals;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = udha_session_today (self->session);
  const char *role = udha_role_to_code (udha_session_get_role (self->session));
  const UdhaTransition *transitions;
  guint n_transitions = 0;

  clear_list (self->referrals_list);
  g_clear_pointer (&self->referrals, g_ptr_array_unref);
  referrals = self->referrals = udha_session_list_referrals (self->session, self->case_id, &error);
  if (referrals == NULL)
    {
      add_row (self->referrals_list, _("The referrals could not be read"), error->message);
      return;
    }

  transitions = udha_referral_transitions (&n_transitions);
  for (guint i = 0; i < referrals->len; i++)
    {
      UdhaReferral *referral = g_ptr_array_index (referrals, i);
      const char *status = udha_referral_get_status (referral);
      const char *service = label_or_code (UDHA_LOOKUP_SERVICE, udha_referral_get_service_code (referral));
      g_autofree char *title = NULL;
      g_autofree char *due = NULL;
      g_autofree char *subtitle = NULL;
      g_autoptr(GMenu) menu = g_menu_new ();
      gboolean overdue = udha_referral_is_overdue (referral, today);
      GtkWidget *row;

      /* Translators: a service, then the organisation it is referred to */
      title = g_strdup_printf (C_("referral title", "%s — %s"), service,
                               organisation_name (self, udha_referral_get_org_id (referral)));
      if (udha_referral_get_follow_up_due (referral) != NULL && !udha_referral_status_is_terminal (status))
        {
          g_autofree char *day = format_day (udha_referral_get_follow_up_due (referral));

          /* Translators: %s is a date */
          due = g_strdup_printf (_("Follow-up due %s"), day);
        }
      subtitle = JOIN (label_or_code (UDHA_LOOKUP_REFERRAL_STATUS, status),
                       label_or_code (UDHA_LOOKUP_REFERRAL_URGENCY, udha_referral_get_urgency (referral)),
                       due);
      row = add_row (self->referrals_list, title, subtitle);

      if (overdue)
        {
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
          GtkWidget *label = gtk_label_new (C_("referral", "Overdue"));

          gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, C_("referral", "Overdue"),
                                          -1);
          gtk_widget_add_css_class (icon, "error");
          gtk_widget_add_css_class (label, "error");
          gtk_widget_add_css_class (label, "caption-heading");
          gtk_widget_add_css_class (row, "overdue");
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
        }

      for (guint j = 0; j < n_transitions; j++)
        {
          const UdhaTransition *t = &transitions[j];
          g_autoptr(GMenuItem) item = NULL;
          gboolean asks;

          if (g_strcmp0 (t->from, status) != 0 || t->to == NULL || t->from == NULL ||
              role == NULL || !g_strv_contains ((const char * const *) t->roles, role))
            continue;
          asks = (t->requires & (UDHA_TRANSITION_REQUIRES_REASON | UDHA_TRANSITION_REQUIRES_OUTCOME)) != 0;
          item = g_menu_item_new (referral_action_label (t->to, asks), NULL);
          g_menu_item_set_action_and_target_value (item, "case.referral-status",
                                                   g_variant_new ("(xs)", udha_referral_get_id (referral), t->to));
          g_menu_append_item (menu, item);
        }
      {
        g_autoptr(GMenu) section = g_menu_new ();
        g_autoptr(GMenuItem) item = g_menu_item_new (_("_Print Referral Slip…"), NULL);
        g_autofree char *menu_name = NULL;

        g_menu_item_set_action_and_target_value (item, "case.print-slip",
                                                 g_variant_new_int64 (udha_referral_get_id (referral)));
        g_menu_append_item (section, item);
        g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
        /* Translators: %s is a referral, e.g. "Legal assistance — Qendra Ligjore" */
        menu_name = g_strdup_printf (_("Actions for %s"), title);
        add_menu_button (row, G_MENU_MODEL (menu), menu_name);
      }
    }
}

/* History */

static char *
flags_text (const char * const *flags)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; flags != NULL && flags[i] != NULL; i++)
    {
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, label_or_code (UDHA_LOOKUP_CASE_FLAG, flags[i]));
    }
  if (out->len == 0)
    g_string_append (out, C_("flags", "none"));
  return g_string_free (out, FALSE);
}

static const char *
risk_text (const char *risk)
{
  return risk != NULL ? label_or_code (UDHA_LOOKUP_RISK_LEVEL, risk) : C_("risk", "not assessed");
}


static gboolean
details_get (JsonObject  *details,
             const char  *member,
             gint64      *int_out,
             const char **str_out)
{
  JsonNode *node;

  if (details == NULL || !json_object_has_member (details, member))
    return FALSE;
  node = json_object_get_member (details, member);
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (int_out != NULL)
    *int_out = json_node_get_value_type (node) == G_TYPE_INT64 ? json_node_get_int (node) : 0;
  if (str_out != NULL)
    *str_out = json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
  return TRUE;
}

static const char *
service_label_for (UdhaCaseView *self,
                   gint64        service_id)
{
  for (guint i = 0; self->services != NULL && i < self->services->len; i++)
    {
      UdhaService *service = g_ptr_array_index (self->services, i);

      if (udha_service_get_id (service) == service_id)
        return label_or_code (UDHA_LOOKUP_SERVICE, udha_service_get_service_code (service));
    }
  return _("a service");
}

/* An audit entry in words, or NULL if it is not about this case. */
static char *
describe_entry (UdhaCaseView   *self,
                UdhaAuditEntry *entry)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *details = NULL;
  gint64 case_id = 0, person_id = 0, org_id = 0;
  const char *to = NULL, *kind = NULL, *service = NULL, *purpose = NULL;
  const char *who;
  const char *action = entry->action;

  if (entry->details != NULL && json_parser_load_from_data (parser, entry->details, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    details = json_node_get_object (json_parser_get_root (parser));

  details_get (details, "case_id", &case_id, NULL);
  details_get (details, "person_id", &person_id, NULL);
  if (!((g_strcmp0 (entry->entity, "case") == 0 && entry->entity_id == self->case_id) ||
        case_id == self->case_id ||
        (g_strcmp0 (entry->entity, "person") == 0 && entry->entity_id == udha_person_get_id (self->person)) ||
        (g_strcmp0 (entry->entity, "consent") == 0 && person_id == udha_person_get_id (self->person))))
    return NULL;

  who = entry->user_name != NULL ? user_display_name (self, 0, entry->user_name) : _("The system");
  details_get (details, "to", NULL, &to);
  details_get (details, "contact_type", NULL, &kind);
  details_get (details, "service", NULL, &service);
  details_get (details, "purpose", NULL, &purpose);
  details_get (details, "org_id", &org_id, NULL);

  /* Translators: in the sentences below, the first %s is a person's name. */
  if (g_strcmp0 (action, "person.create") == 0 || g_strcmp0 (action, "person.create_forced") == 0)
    return g_strdup_printf (_("%s registered the person"), who);
  if (g_strcmp0 (action, "person.update") == 0)
    return g_strdup_printf (_("%s updated the person’s details"), who);
  if (g_strcmp0 (action, "case.create") == 0)
    return g_strdup_printf (_("%s opened the case"), who);
  if (g_strcmp0 (action, "case.open") == 0)
    return g_strdup_printf (_("%s viewed the case file"), who);
  if (g_strcmp0 (action, "case.assign") == 0)
    {
      gint64 to_id = 0;
      gboolean taken = FALSE;

      details_get (details, "to", &to_id, NULL);
      if (details != NULL && json_object_has_member (details, "taken"))
        taken = json_object_get_boolean_member (details, "taken");
      if (taken)
        return g_strdup_printf (_("%s took the case from the office intake queue"), who);
      if (to_id == 0)
        return g_strdup_printf (_("%s put the case in the office intake queue"), who);
      /* Translators: the second %s is a caseworker's name */
      return g_strdup_printf (_("%s assigned the case to %s"), who, user_display_name (self, to_id, NULL));
    }
  if (g_strcmp0 (action, "case.request_closure") == 0)
    return g_strdup_printf (_("%s requested closure of the case"), who);
  if (g_strcmp0 (action, "case.approve_closure") == 0)
    return g_strdup_printf (_("%s approved the closure of the case"), who);
  if (g_strcmp0 (action, "case.reject_closure") == 0)
    return g_strdup_printf (_("%s rejected the closure request"), who);
  if (g_strcmp0 (action, "case.reopen") == 0)
    return g_strdup_printf (_("%s reopened the case"), who);
  if (g_strcmp0 (action, "interview.create") == 0)
    /* Translators: the second %s is a contact type such as "Phone call" */
    return g_strdup_printf (_("%s logged a contact: %s"), who,
                            kind != NULL ? label_or_code (UDHA_LOOKUP_CONTACT_TYPE, kind) : "");
  if (g_strcmp0 (action, "interview.update") == 0)
    return g_strdup_printf (_("%s edited an interview"), who);
  if (g_strcmp0 (action, "service.create") == 0)
    /* Translators: the second %s is a service such as "Legal assistance" */
    return g_strdup_printf (_("%s added the service %s"), who,
                            service != NULL ? label_or_code (UDHA_LOOKUP_SERVICE, service) : "");
  if (g_strcmp0 (action, "service.status") == 0)
    /* Translators: the second %s is a service, the third its new status */
    return g_strdup_printf (_("%s changed the status of %s to %s"), who,
                            service_label_for (self, entry->entity_id),
                            to != NULL ? label_or_code (UDHA_LOOKUP_SERVICE_STATUS, to) : "");
  if (g_strcmp0 (action, "referral.create") == 0)
    /* Translators: the second %s is an organisation */
    return g_strdup_printf (_("%s created a referral to %s"), who, organisation_name (self, org_id));
  if (g_strcmp0 (action, "referral.status") == 0)
    {
      for (guint i = 0; self->referrals != NULL && i < self->referrals->len; i++)
        {
          UdhaReferral *referral = g_ptr_array_index (self->referrals, i);

          if (udha_referral_get_id (referral) == entry->entity_id && self->referrals->len > 1)
            /* Translators: the second %s is a service such as "Legal assistance",
             * the third a referral status such as "Accepted" */
            return g_strdup_printf (_("%s changed the status of the referral for %s to %s"), who,
                                    label_or_code (UDHA_LOOKUP_SERVICE, udha_referral_get_service_code (referral)),
                                    to != NULL ? label_or_code (UDHA_LOOKUP_REFERRAL_STATUS, to) : "");
        }
      /* Translators: the second %s is a referral status such as "Accepted" */
      return g_strdup_printf (_("%s changed the referral status to %s"), who,
                              to != NULL ? label_or_code (UDHA_LOOKUP_REFERRAL_STATUS, to) : "");
    }
  if (g_strcmp0 (action, "referral.slip") == 0)
    return g_strdup_printf (_("%s printed a referral slip"), who);
  if (g_strcmp0 (action, "referral.consent_override") == 0)
    return g_strdup_printf (_("%s sent a referral without consent, on another legal basis"), who);
  if (g_strcmp0 (action, "consent.create") == 0)
    /* Translators: the second %s is a consent purpose such as "Referral" */
    return g_strdup_printf (_("%s recorded the person’s consent: %s"), who,
                            purpose != NULL ? label_or_code (UDHA_LOOKUP_CONSENT_PURPOSE, purpose) : "");
  if (g_strcmp0 (action, "consent.withdraw") == 0)
    return g_strdup_printf (_("%s recorded that a consent was withdrawn"), who);
  if (g_strcmp0 (action, "case.update") == 0)
    {
      const char *risk_from = NULL, *risk_to = NULL, *flags_from = NULL, *flags_to = NULL;
      const char *type_from = NULL, *type_to = NULL;

      details_get (details, "risk_from", NULL, &risk_from);
      details_get (details, "risk_to", NULL, &risk_to);
      details_get (details, "flags_from", NULL, &flags_from);
      details_get (details, "flags_to", NULL, &flags_to);
      details_get (details, "case_type_from", NULL, &type_from);
      details_get (details, "case_type_to", NULL, &type_to);
      if (g_strcmp0 (risk_from, risk_to) != 0)
        /* Translators: the second %s is a risk level such as "High" */
        return g_strdup_printf (_("%s changed the risk level to %s"), who, risk_text (risk_to));
      if (g_strcmp0 (flags_from, flags_to) != 0)
        {
          g_auto(GStrv) codes = flags_to != NULL ? g_strsplit (flags_to, ",", -1) : NULL;
          g_autofree char *labels = flags_text ((const char * const *) codes);

          /* Translators: the second %s is a list of case flags, or "none" */
          return g_strdup_printf (_("%s changed the flags to: %s"), who, labels);
        }
      if (g_strcmp0 (type_from, type_to) != 0)
        /* Translators: the second %s is a case type */
        return g_strdup_printf (_("%s changed the case type to %s"), who,
                                label_or_code (UDHA_LOOKUP_CASE_TYPE, type_to));
      return g_strdup_printf (_("%s changed the case"), who);
    }
  if (g_strcmp0 (action, "person.export") == 0)
    return g_strdup_printf (_("%s exported the person’s data (a request for access)"), who);

  /* An action this version does not describe in its own words: say what
   * kind of record it touched, never the internal code. */
  if (g_strcmp0 (entry->entity, "person") == 0 || g_strcmp0 (entry->entity, "consent") == 0)
    return g_strdup_printf (_("%s changed the person’s record"), who);
  if (g_strcmp0 (entry->entity, "interview") == 0)
    return g_strdup_printf (_("%s changed the contact log"), who);
  if (g_strcmp0 (entry->entity, "service") == 0)
    return g_strdup_printf (_("%s changed a service"), who);
  if (g_strcmp0 (entry->entity, "referral") == 0)
    return g_strdup_printf (_("%s changed a referral"), who);
  return g_strdup_printf (_("%s changed the case"), who);
}

static void
fill_history (UdhaCaseView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = udha_session_case_history (self->session, self->case_id, &error);

  clear_list (self->history_list);
  if (entries == NULL)
    {
      add_row (self->history_list, _("The history could not be read"), error->message);
      return;
    }

  /* Newest first, like the contact log. */
  for (guint i = entries->len; i > 0; i--)
    {
      UdhaAuditEntry *entry = g_ptr_array_index (entries, i - 1);
      g_autofree char *sentence = describe_entry (self, entry);
      g_autofree char *when = NULL;
      g_autofree char *line = NULL;

      if (sentence == NULL)
        continue;
      when = format_time (entry->at);
      /* Translators: what happened, then when: "… changed the referral status to Accepted, 12.03.2026 10:14" */
      line = g_strdup_printf (C_("history entry", "%s, %s"), sentence, when);
      if (nonblank (entry->reason) != NULL)
        {
          g_autofree char *reason = NULL;

          /* Translators: the reason a person gave for a change, in a case's history */
          reason = g_strdup_printf (_("Reason: %s"), entry->reason);
          add_row (self->history_list, line, reason);
        }
      else
        add_row (self->history_list, line, NULL);
    }
}

static void
reload_lists (UdhaCaseView *self)
{
  g_clear_pointer (&self->users, g_ptr_array_unref);
  self->users = udha_session_list_colleagues (self->session, NULL);
  g_clear_pointer (&self->organisations, g_ptr_array_unref);
  self->organisations = udha_session_list_organisations (self->session, NULL);
}

/* Dialogs */

static void
form_done (UdhaCaseView   *self,
           UdhaFormDialog *dialog,
           const char     *toast)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  udha_case_view_reload (self);
  if (toast != NULL)
    add_toast (self, toast);
}

/* "12.03.2026 10:14" → a stored UTC time. */
static char *
parse_date_time (const char  *text,
                 GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_auto(GStrv) parts = g_strsplit (copy, " ", 2);
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) utc = NULL;
  UdhaDate date;
  int hour = -1, minute = -1;
  char tail;

  if (!udha_date_parse (parts[0] != NULL ? parts[0] : "", UDHA_DATE_NOT_FUTURE | UDHA_DATE_NOT_BEFORE_1900,
                        NULL, _("Date and time"), &date, error))
    return NULL;
  if (date.precision != UDHA_DATE_PRECISION_DAY ||
      parts[0] == NULL || parts[1] == NULL ||
      sscanf (g_strstrip (parts[1]), "%d:%d%c", &hour, &minute, &tail) != 2 ||
      hour < 0 || hour > 23 || minute < 0 || minute > 59)
    {
      g_set_error_literal (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID,
                           _("Date and time: write the day and the time, e.g. 12.03.2026 10:14."));
      return NULL;
    }
  local = g_date_time_new_local (date.year, date.month, date.day, hour, minute, 0);
  if (local == NULL)
    {
      g_set_error_literal (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID,
                           _("Date and time: write the day and the time, e.g. 12.03.2026 10:14."));
      return NULL;
    }
  utc = g_date_time_to_utc (local);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* An optional "dd.mm.yyyy" → "yyyy-mm-dd"; *out is NULL when empty. */
static gboolean
parse_optional_day (const char  *text,
                    const char  *field,
                    gboolean     allow_future,
                    char       **out,
                    GError     **error)
{
  UdhaDate date;
  UdhaDateFlags flags = UDHA_DATE_NOT_BEFORE_1900;

  *out = NULL;
  if (is_blank (text))
    return TRUE;
  if (!allow_future)
    flags |= UDHA_DATE_NOT_FUTURE;
  if (!udha_date_parse (text, flags, NULL, field, &date, error))
    return FALSE;
  *out = udha_date_to_iso (&date);
  return TRUE;
}

static void open_interview_form (UdhaCaseView  *self,
                                 UdhaInterview *existing);

/* Copies the form onto @interview; FALSE with the message shown in @dialog. */
static gboolean
read_interview_form (UdhaFormDialog *dialog,
                     UdhaInterview  *interview)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *occurred_at = NULL;
  g_autofree char *narrative = NULL;
  const char *language = udha_form_dialog_get_code (dialog, "language");

  occurred_at = parse_date_time (udha_form_dialog_get_text (dialog, "when"), &error);
  if (occurred_at == NULL)
    {
      udha_form_dialog_set_error (dialog, error->message);
      return FALSE;
    }
  narrative = udha_form_dialog_dup_long_text (dialog, "narrative");
  udha_interview_set_occurred_at (interview, occurred_at);
  udha_interview_set_contact_type (interview, udha_form_dialog_get_code (dialog, "contact-type"));
  udha_interview_set_location (interview, udha_form_dialog_get_code (dialog, "location"));
  udha_interview_set_language (interview, g_strcmp0 (language, "") == 0 ? NULL : language);
  udha_interview_set_interpreter (interview, udha_form_dialog_get_code (dialog, "interpreter"));
  udha_interview_set_consent_reconfirmed (interview, udha_form_dialog_get_code (dialog, "consent"));
  udha_interview_set_confidential (interview, udha_form_dialog_get_active (dialog, "confidential"));
  udha_interview_set_narrative (interview, nonblank (narrative));
  return TRUE;
}

static void
copy_interview_fields (UdhaInterview *from,
                       UdhaInterview *to)
{
  udha_interview_set_occurred_at (to, udha_interview_get_occurred_at (from));
  udha_interview_set_contact_type (to, udha_interview_get_contact_type (from));
  udha_interview_set_location (to, udha_interview_get_location (from));
  udha_interview_set_language (to, udha_interview_get_language (from));
  udha_interview_set_interpreter (to, udha_interview_get_interpreter (from));
  udha_interview_set_consent_reconfirmed (to, udha_interview_get_consent_reconfirmed (from));
  udha_interview_set_confidential (to, udha_interview_get_confidential (from));
  udha_interview_set_narrative (to, udha_interview_get_narrative (from));
}

static void
interview_conflict_response_cb (AdwMessageDialog *dialog,
                                const char       *response,
                                gpointer          user_data)
{
  UdhaCaseView *self = UDHA_CASE_VIEW (user_data);
  UdhaInterview *current = g_object_get_data (G_OBJECT (dialog), "current");
  UdhaInterview *mine = g_object_get_data (G_OBJECT (dialog), "mine");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "mine") == 0)
    {
      /* Mine, on top of the saved version (its row version). */
      copy_interview_fields (mine, current);
      if (!udha_session_edit_interview (self->session, current, NULL, &error))
        show_error (self, _("The Interview Was Not Saved"), error);
      else
        add_toast (self, _("Interview saved"));
    }
  fill_interviews (self);
  fill_history (self);
}

static void
interview_submitted_cb (UdhaFormDialog *dialog,
                        UdhaCaseView   *self)
{
  UdhaInterview *existing = g_object_get_data (G_OBJECT (dialog), "interview");
  g_autoptr(UdhaInterview) current = NULL;
  g_autoptr(GError) error = NULL;

  if (existing == NULL)
    {
      g_autoptr(UdhaInterview) interview = udha_interview_new ();

      udha_interview_set_case_id (interview, self->case_id);
      if (!read_interview_form (dialog, interview))
        return;
      if (!udha_session_add_interview (self->session, interview, &error))
        {
          udha_form_dialog_set_error (dialog, error->message);
          return;
        }
      form_done (self, dialog, _("Interview saved"));
      return;
    }

  if (!read_interview_form (dialog, existing))
    return;
  if (udha_session_edit_interview (self->session, existing, &current, &error))
    {
      form_done (self, dialog, _("Interview saved"));
      return;
    }
  if (g_error_matches (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_CONFLICT) && current != NULL)
    {
      g_autofree char *mine = udha_form_dialog_dup_long_text (dialog, "narrative");
      const char *theirs = udha_interview_get_narrative (current);
      g_autoptr(GString) body = g_string_new (_("Someone saved this contact-log entry after you opened it. "
                                                "Choose which version to keep; the other stays in the history."));
      GtkWidget *message;

      g_string_append (body, "\n\n");
      g_string_append_printf (body, _("%s: yours “%s”, saved “%s”"), _("Summary"),
                              mine != NULL ? mine : "", theirs != NULL ? theirs : "");
      message = adw_message_dialog_new (parent_window (self), _("Saved by Someone Else"), body->str);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (message),
                                        "theirs", _("Keep _Saved Version"),
                                        "mine", _("Save _Mine"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (message), "mine", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (message), "theirs");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (message), "theirs");
      g_object_set_data_full (G_OBJECT (message), "current", g_object_ref (current), g_object_unref);
      g_object_set_data_full (G_OBJECT (message), "mine", g_object_ref (existing), g_object_unref);
      gtk_window_destroy (GTK_WINDOW (dialog));
      g_signal_connect_object (message, "response", G_CALLBACK (interview_conflict_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (message));
      return;
    }
  udha_form_dialog_set_error (dialog, error->message);
}

/* The interview form: empty for a new contact, or filled from @existing. */
static void
open_interview_form (UdhaCaseView  *self,
                     UdhaInterview *existing)
{
  UdhaFormDialog *dialog = udha_form_dialog_new (GTK_WIDGET (self),
                                                 existing != NULL ? _("Edit Interview") : _("New Interview"),
                                                 _("_Save"));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = existing != NULL ? format_time (udha_interview_get_occurred_at (existing))
                                           : udha_format_date_time (now);
  g_autoptr(GPtrArray) languages = udha_iso_language_list (TRUE);
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  const char *language = existing != NULL ? udha_interview_get_language (existing) : NULL;
  gboolean found = language == NULL;

  g_ptr_array_add (codes, (gpointer) "");
  g_ptr_array_add (labels, (gpointer) C_("language", "Not recorded"));
  for (guint i = 0; i < languages->len; i++)
    {
      const UdhaIsoLanguage *entry = g_ptr_array_index (languages, i);

      found = found || g_strcmp0 (entry->code, language) == 0;
      g_ptr_array_add (codes, (gpointer) entry->code);
      g_ptr_array_add (labels, (gpointer) udha_iso_language_get_name (entry->code));
    }
  if (!found && udha_iso_language_get_name (language) != NULL)
    {
      g_ptr_array_add (codes, (gpointer) language);
      g_ptr_array_add (labels, (gpointer) udha_iso_language_get_name (language));
    }
  g_ptr_array_add (codes, NULL);
  g_ptr_array_add (labels, NULL);

  udha_form_dialog_set_id (dialog, "interview");
  udha_form_dialog_add_lookup (dialog, "contact-type", _("Contact type"), UDHA_LOOKUP_CONTACT_TYPE,
                               existing != NULL ? udha_interview_get_contact_type (existing) : NULL);
  udha_form_dialog_add_entry (dialog, "when", _("Date and time (dd.mm.yyyy HH:MM)"), when);
  udha_form_dialog_add_lookup (dialog, "location", _("Location"), UDHA_LOOKUP_CONTACT_LOCATION,
                               existing != NULL ? udha_interview_get_location (existing) : NULL);
  udha_form_dialog_add_choice (dialog, "language", _("Language of the interview"),
                               (const char * const *) codes->pdata, (const char * const *) labels->pdata,
                               language);
  udha_form_dialog_add_lookup (dialog, "interpreter", _("Interpreter"), UDHA_LOOKUP_INTERPRETER,
                               existing != NULL ? udha_interview_get_interpreter (existing) : NULL);
  udha_form_dialog_add_lookup (dialog, "consent", _("Consent re-confirmed"), UDHA_LOOKUP_CONSENT_RECONFIRMED,
                               existing != NULL ? udha_interview_get_consent_reconfirmed (existing) : NULL);
  udha_form_dialog_add_switch (dialog, "confidential", _("Confidential (author and supervisors only)"),
                               existing != NULL && udha_interview_get_confidential (existing));
  udha_form_dialog_add_text (dialog, "narrative", _("Summary"));
  if (existing != NULL && udha_interview_get_narrative (existing) != NULL)
    udha_form_dialog_set_text (dialog, "narrative", udha_interview_get_narrative (existing));
  udha_form_dialog_set_description (dialog, existing != NULL ?
                                    _("The earlier version stays in the case history.") :
                                    _("Record what is needed for the case; leave out other people’s identifying details."));
  if (existing != NULL)
    g_object_set_data_full (G_OBJECT (dialog), "interview", g_object_ref (existing), g_object_unref);
  g_signal_connect_object (dialog, "submit", G_CALLBACK (interview_submitted_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
udha_case_view_add_contact_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  open_interview_form (UDHA_CASE_VIEW (widget), NULL);
}

static void
udha_case_view_edit_interview_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  UdhaCaseView *self = UDHA_CASE_VIEW (widget);
  gint64 id = g_variant_get_int64 (param);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) interviews = udha_session_list_interviews (self->session, self->case_id, &error);

  if (interviews == NULL)
    {
      show_error (self, _("The Interview Cannot Be Edited"), error);
      return;
    }
  for (guint i = 0; i < interviews->len; i++)
    if (udha_interview_get_id (g_ptr_array_index (interviews, i)) == id)
      {
        open_interview_form (self, g_ptr_array_index (interviews, i));
        return;
      }
}

static void
service_submitted_cb (UdhaFormDialog *dialog,
                      UdhaCaseView   *self)
{
  g_autoptr(UdhaService) service = udha_service_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *planned = NULL;
  const char *provider = udha_form_dialog_get_code (dialog, "provider");

  if (!parse_optional_day (udha_form_dialog_get_text (dialog, "planned"), _("Planned date"), TRUE, &planned, &error))
    {
      udha_form_dialog_set_error (dialog, error->message);
      return;
    }
  udha_service_set_case_id (service, self->case_id);
  udha_service_set_service_code (service, udha_form_dialog_get_code (dialog, "service"));
  udha_service_set_status (service, "planned");
  udha_service_set_planned_on (service, planned);
  if (g_strcmp0 (provider, "in_house") == 0 || provider == NULL)
    udha_service_set_delivery (service, "in_house");
  else
    udha_service_set_provider_org_id (service, g_ascii_strtoll (provider, NULL, 10));

  if (!udha_session_add_service (self->session, service, &error))
    {
      udha_form_dialog_set_error (dialog, error->message);
      return;
    }
  form_done (self, dialog, _("Service added"));
}

static void
add_organisation_choice (UdhaCaseView   *self,
                         UdhaFormDialog *dialog,
                         const char     *name,
                         const char     *title,
                         gboolean        in_house)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  if (in_house)
    {
      g_ptr_array_add (codes, g_strdup ("in_house"));
      g_ptr_array_add (labels, (gpointer) _("In-house (our organisation)"));
    }
  for (guint i = 0; self->organisations != NULL && i < self->organisations->len; i++)
    {
      UdhaOrganisation *org = g_ptr_array_index (self->organisations, i);

      g_ptr_array_add (codes, g_strdup_printf ("%" G_GINT64_FORMAT, udha_organisation_get_id (org)));
      g_ptr_array_add (labels, (gpointer) udha_organisation_get_name (org));
    }
  g_ptr_array_add (codes, NULL);
  g_ptr_array_add (labels, NULL);
  udha_form_dialog_add_choice (dialog, name, title,
                               (const char * const *) codes->pdata, (const char * const *) labels->pdata, NULL);
}

static void
udha_case_view_add_service_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  UdhaCaseView *self = UDHA_CASE_VIEW (widget);
  UdhaFormDialog *dialog = udha_form_dialog_new (widget, _("Add Service"), _("_Add"));

  udha_form_dialog_set_id (dialog, "service");
  udha_form_dialog_add_lookup (dialog, "service", _("Service"), UDHA_LOOKUP_SERVICE, NULL);
  add_organisation_choice (self, dialog, "provider", _("Provider"), TRUE);
  udha_form_dialog_add_entry (dialog, "planned", _("Planned date (dd.mm.yyyy, optional)"), NULL);
  g_signal_connect_object (dialog, "submit", G_CALLBACK (service_submitted_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
referral_submitted_cb (UdhaFormDialog *dialog,
                       UdhaCaseView   *self)
{
  g_autoptr(UdhaReferral) referral = udha_referral_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *due = NULL;
  const char *org = udha_form_dialog_get_code (dialog, "organisation");

  if (org == NULL)
    {
      udha_form_dialog_set_error (dialog, _("Organisation: choose the organisation that will receive the referral."));
      return;
    }
  if (!parse_optional_day (udha_form_dialog_get_text (dialog, "follow-up"), _("Follow-up due date"), TRUE, &due, &error))
    {
      udha_form_dialog_set_error (dialog, error->message);
      return;
    }
  udha_referral_set_case_id (referral, self->case_id);
  udha_referral_set_org_id (referral, g_ascii_strtoll (org, NULL, 10));
  udha_referral_set_service_code (referral, udha_form_dialog_get_code (dialog, "service"));
  udha_referral_set_urgency (referral, udha_form_dialog_get_code (dialog, "urgency"));
  udha_referral_set_follow_up_due (referral, due);

  if (!udha_session_add_referral (self->session, referral, &error))
    {
      udha_form_dialog_set_error (dialog, error->message);
      return;
    }
  form_done (self, dialog, _("Referral saved as a draft"));
}

static void
udha_case_view_refer_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  UdhaCaseView *self = UDHA_CASE_VIEW (widget);
  UdhaFormDialog *dialog;

  if (self->organisations == NULL || self->organisations->len == 0)
    {
      g_autoptr(GError) error = g_error_new_literal (UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID,
                                                     _("The partner directory has no organisations yet. "
                                                       "Ask an administrator to add the organisation first."));

      show_error (self, _("No Organisations"), error);
      return;
    }

  dialog = udha_form_dialog_new (widget, _("New Referral"), _("_Save Draft"));
  udha_form_dialog_set_id (dialog, "referral");
  add_organisation_choice (self, dialog, "organisation", _("Organisation"), FALSE);
  udha_form_dialog_add_lookup (dialog, "service", _("Service"), UDHA_LOOKUP_SERVICE, NULL);
  udha_form_dialog_add_lookup (dialog, "urgency", _("Urgency"), UDHA_LOOKUP_REFERRAL_URGENCY, "routine");
  udha_form_dialog_add_entry (dialog, "follow-up", _("Follow-up due (dd.mm.yyyy, optional)"), NULL);
  udha_form_dialog_set_description (dialog, _("The referral is saved as a draft. Send it from the list; "
                                              "sending needs the person’s consent to referral."));
  g_signal_connect_object (dialog, "submit", G_CALLBACK (referral_submitted_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
consent_submitted_cb (UdhaFormDialog *dialog,
                      UdhaCaseView   *self)
{
  g_autoptr(UdhaConsent) consent = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *given_on = NULL;
  g_autofree char *expires_on = NULL;

  if (!parse_optional_day (udha_form_dialog_get_text (dialog, "given-on"), _("Given on"), FALSE, &given_on, &error) ||
      !parse_optional_day (udha_form_dialog_get_text (dialog, "expires-on"), _("Expires on"), TRUE, &expires_on, &error))
    {
      udha_form_dialog_set_error (dialog, error->message);
      return;
    }
  consent = udha_session_add_consent (self->session, udha_person_get_id (self->person),
                                      udha_form_dialog_get_code (dialog, "purpose"),
                                      udha_form_dialog_get_code (dialog, "given-by"),
                                      given_on, expires_on, &error);
  if (consent == NULL)
    {
      udha_form_dialog_set_error (dialog, error->message);
      return;
    }
  form_done (self, dialog, _("Consent recorded"));
}

static void
udha_case_view_add_consent_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  UdhaCaseView *self = UDHA_CASE_VIEW (widget);
  UdhaFormDialog *dialog = udha_form_dialog_new (widget, _("Record Consent"), _("_Record"));
  g_autofree char *today = today_display ();

  udha_form_dialog_set_id (dialog, "consent");
  udha_form_dialog_add_lookup (dialog, "purpose", _("Purpose"), UDHA_LOOKUP_CONSENT_PURPOSE, "referral");
  udha_form_dialog_add_lookup (dialog, "given-by", _("Given by"), UDHA_LOOKUP_CONSENT_GIVEN_BY, NULL);
  udha_form_dialog_add_entry (dialog, "given-on", _("Given on (dd.mm.yyyy)"), today);
  udha_form_dialog_add_entry (dialog, "expires-on", _("Expires on (dd.mm.yyyy, optional)"), NULL);
  g_signal_connect_object (dialog, "submit", G_CALLBACK (consent_submitted_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
closure_submitted_cb (UdhaFormDialog *dialog,
                      UdhaCaseView   *self)
{
  g_autoptr(GError) error = NULL;
  const char *note = udha_form_dialog_get_text (dialog, "note");

  if (!udha_session_request_closure (self->session, self->case_id,
                                     udha_form_dialog_get_code (dialog, "reason"),
                                     nonblank (note), &error))
    {
      udha_form_dialog_set_error (dialog, error->message);
      return;
    }
  form_done (self, dialog, _("Closure requested"));
}

static void
udha_case_view_request_closure_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *param)
{
  UdhaCaseView *self = UDHA_CASE_VIEW (widget);
  UdhaFormDialog *dialog = udha_form_dialog_new (widget, _("Request Closure"), _("_Request"));

  udha_form_dialog_set_id (dialog, "closure");
  udha_form_dialog_set_description (dialog, _("A supervisor approves the closure. Some reasons, such as "
                                              "“Other”, need a note."));
  udha_form_dialog_add_lookup (dialog, "reason", _("Reason for closure"), UDHA_LOOKUP_CLOSURE_REASON, NULL);
  udha_form_dialog_add_entry (dialog, "note", _("Note"), NULL);
  g_signal_connect_object (dialog, "submit", G_CALLBACK (closure_submitted_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
consent_missing_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             UdhaCaseView     *self)
{
  if (g_strcmp0 (response, "profile") == 0)
    adw_view_stack_set_visible_child_name (self->view_stack, "profile");
}

static gboolean
change_referral_status (UdhaCaseView   *self,
                        gint64          referral_id,
                        const char     *status,
                        const char     *reason,
                        const char     *outcome,
                        UdhaFormDialog *dialog)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *toast = NULL;

  if (!udha_session_set_referral_status (self->session, referral_id, status, reason, outcome, NULL, &error))
    {
      if (g_error_matches (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_CONSENT_REQUIRED))
        {
          GtkWidget *message;

          if (dialog != NULL)
            gtk_window_destroy (GTK_WINDOW (dialog));
          message = adw_message_dialog_new (parent_window (self), _("Referral Not Sent"),
                                            _("No valid consent to referral for this person. "
                                              "Record the person’s consent on the Profile tab first."));
          adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (message),
                                            "close", _("_Close"),
                                            "profile", _("Go to _Profile"),
                                            NULL);
          adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (message), "profile",
                                                      ADW_RESPONSE_SUGGESTED);
          adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (message), "profile");
          adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (message), "close");
          g_signal_connect_object (message, "response", G_CALLBACK (consent_missing_response_cb), self, 0);
          gtk_window_present (GTK_WINDOW (message));
        }
      else if (dialog != NULL)
        udha_form_dialog_set_error (dialog, error->message);
      else
        show_error (self, _("Status Not Changed"), error);
      return FALSE;
    }

  /* Translators: %s is a referral status such as "Accepted" */
  toast = g_strdup_printf (_("Referral status changed to %s"), label_or_code (UDHA_LOOKUP_REFERRAL_STATUS, status));
  if (dialog != NULL)
    form_done (self, dialog, toast);
  else
    {
      udha_case_view_reload (self);
      add_toast (self, toast);
    }
  return TRUE;
}

static void
referral_reason_submitted_cb (UdhaFormDialog *dialog,
                              UdhaCaseView   *self)
{
  gint64 referral_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "referral-id"));
  const char *status = g_object_get_data (G_OBJECT (dialog), "status");
  const char *reason = NULL;
  const char *outcome = NULL;

  if (g_object_get_data (G_OBJECT (dialog), "asks-reason") != NULL)
    {
      reason = udha_form_dialog_get_text (dialog, "reason");
      if (is_blank (reason))
        {
          udha_form_dialog_set_error (dialog, _("Reason: required for this change."));
          return;
        }
    }
  if (g_object_get_data (G_OBJECT (dialog), "asks-outcome") != NULL)
    outcome = udha_form_dialog_get_code (dialog, "outcome");
  change_referral_status (self, referral_id, status, nonblank (reason), outcome, dialog);
}

static void
udha_case_view_referral_status_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *param)
{
  UdhaCaseView *self = UDHA_CASE_VIEW (widget);
  g_autoptr(UdhaReferral) referral = NULL;
  g_autoptr(GError) error = NULL;
  const UdhaTransition *transition;
  const char *status;
  gint64 referral_id;
  UdhaFormDialog *dialog;
  const char *status_label;
  g_autofree char *description = NULL;
  g_autofree char *title = NULL;

  g_variant_get (param, "(x&s)", &referral_id, &status);
  referral = udha_session_get_referral (self->session, referral_id, &error);
  if (referral == NULL)
    {
      show_error (self, _("Status Not Changed"), error);
      return;
    }
  transition = udha_referral_transition_find (udha_referral_get_status (referral), status);
  if (transition == NULL ||
      (transition->requires & (UDHA_TRANSITION_REQUIRES_REASON | UDHA_TRANSITION_REQUIRES_OUTCOME)) == 0)
    {
      change_referral_status (self, referral_id, status, NULL, NULL, NULL);
      return;
    }

  status_label = label_or_code (UDHA_LOOKUP_REFERRAL_STATUS, status);
  title = g_strdup (referral_action_label (status, TRUE));
  if (g_str_has_suffix (title, "…"))
    title[strlen (title) - strlen ("…")] = '\0';
  dialog = udha_form_dialog_new (widget, title, _("_Change Status"));
  udha_form_dialog_set_id (dialog, "referral-status");
  g_object_set_data (G_OBJECT (dialog), "referral-id", GSIZE_TO_POINTER ((gsize) referral_id));
  g_object_set_data_full (G_OBJECT (dialog), "status", g_strdup (status), g_free);
  if ((transition->requires & UDHA_TRANSITION_REQUIRES_OUTCOME) != 0)
    {
      g_object_set_data (G_OBJECT (dialog), "asks-outcome", GINT_TO_POINTER (TRUE));
      udha_form_dialog_add_lookup (dialog, "outcome", _("Outcome"), UDHA_LOOKUP_REFERRAL_OUTCOME, NULL);
      /* Translators: %s is a referral status such as "Completed" */
      description = g_strdup_printf (_("An outcome is required to change the referral to “%s”."), status_label);
    }
  if ((transition->requires & UDHA_TRANSITION_REQUIRES_REASON) != 0)
    {
      g_object_set_data (G_OBJECT (dialog), "asks-reason", GINT_TO_POINTER (TRUE));
      udha_form_dialog_add_entry (dialog, "reason", _("Reason"), NULL);
      g_free (description);
      /* Translators: %s is a referral status such as "Declined" */
      description = g_strdup_printf (_("A reason is required to change the referral to “%s”."), status_label);
    }
  udha_form_dialog_set_description (dialog, description);
  g_signal_connect_object (dialog, "submit", G_CALLBACK (referral_reason_submitted_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
udha_case_view_service_status_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  UdhaCaseView *self = UDHA_CASE_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *toast = NULL;
  const char *status;
  gint64 service_id;

  g_variant_get (param, "(x&s)", &service_id, &status);
  if (!udha_session_set_service_status (self->session, service_id, status, &error))
    {
      show_error (self, _("Status Not Changed"), error);
      return;
    }
  udha_case_view_reload (self);
  /* Translators: %s is a service status such as "In progress" */
  toast = g_strdup_printf (_("Service status changed to %s"), label_or_code (UDHA_LOOKUP_SERVICE_STATUS, status));
  add_toast (self, toast);
}

static void
udha_case_view_show_tab_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  UdhaCaseView *self = UDHA_CASE_VIEW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, g_variant_get_string (param, NULL));
}

static gboolean save_profile (UdhaCaseView *self,
                              UdhaPerson   *target);

/* Someone saved the person since this file was opened: show both versions
 * of every field that differs, and let the person choose. */
static void
conflict_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      gpointer          user_data)
{
  UdhaCaseView *self = UDHA_CASE_VIEW (user_data);
  UdhaPerson *current = g_object_get_data (G_OBJECT (dialog), "current");

  if (g_strcmp0 (response, "mine") == 0)
    {
      /* Mine, on top of theirs: their row version, my values. */
      save_profile (self, current);
    }
  else if (g_strcmp0 (response, "theirs") == 0)
    {
      g_set_object (&self->person, current);
      fill_profile (self);
      add_toast (self, _("The saved version is shown; your changes were discarded"));
    }
}

static void
show_conflict (UdhaCaseView *self,
               UdhaPerson   *current)
{
  g_autoptr(GString) body = g_string_new (_("Someone saved this person’s details after you opened the case file. "
                                            "Choose which version to keep."));
  GtkWidget *dialog;

  g_string_append (body, "\n");
  for (guint i = 0; i < G_N_ELEMENTS (edit_fields); i++)
    {
      g_autofree char *mine = edited_value (self, i);
      const char *theirs = nonblank (edit_fields[i].get (current));

      if (!field_changed (self, i) || g_strcmp0 (mine, theirs) == 0)
        continue;
      g_string_append_c (body, '\n');
      /* Translators: a field, then the value typed here and the value saved by someone else */
      g_string_append_printf (body, _("%s: yours “%s”, saved “%s”"), _(edit_fields[i].label),
                              mine != NULL ? mine : "", theirs != NULL ? theirs : "");
    }

  dialog = adw_message_dialog_new (parent_window (self), _("Saved by Someone Else"), body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "theirs", _("Keep _Saved Version"),
                                    "mine", _("Save _Mine"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "mine",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "current", g_object_ref (current), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (conflict_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Copies the edited fields onto @target (the loaded person, or the stored
 * version after a conflict) and saves it through the session. */
static gboolean
save_profile (UdhaCaseView *self,
              UdhaPerson   *target)
{
  g_autoptr(UdhaPerson) edited = g_object_ref (target);
  g_autoptr(UdhaPerson) current = NULL;
  g_autoptr(UdhaPerson) saved = NULL;
  g_autoptr(GError) error = NULL;

  /* Only what was changed here: after a conflict, the other person's
   * changes to the other fields stay. */
  for (guint i = 0; i < G_N_ELEMENTS (edit_fields); i++)
    {
      g_autofree char *value = edited_value (self, i);

      if (field_changed (self, i))
        edit_fields[i].set (edited, value);
    }

  if (!udha_session_update_person (self->session, edited, &current, &error))
    {
      if (g_error_matches (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_CONFLICT) && current != NULL)
        show_conflict (self, current);
      else
        show_error (self, _("The Details Were Not Saved"), error);
      return FALSE;
    }

  saved = udha_session_get_person (self->session, udha_person_get_id (edited), NULL);
  g_clear_object (&self->person);
  self->person = g_object_ref (saved != NULL ? saved : edited);
  fill_profile (self);
  add_toast (self, _("Details saved"));
  return TRUE;
}

static void
udha_case_view_save_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  UdhaCaseView *self = UDHA_CASE_VIEW (widget);

  if (self->person != NULL && udha_case_view_has_unsaved_changes (self))
    save_profile (self, self->person);
}

/* The person's lists (documents, vulnerabilities, household): each change is
 * one save of the person, with the same row-version check as the fields. */

typedef enum
{
  LIST_DOCUMENTS,
  LIST_VULNERABILITIES,
  LIST_HOUSEHOLD,
} ListKind;

typedef struct
{
  ListKind  kind;
  gpointer  added;      /* an item to append, or NULL */
  gpointer  removed;    /* a copy of the item to remove, or NULL */
} ListEdit;

static const struct
{
  const char     *name;
  const char     *title;
  GBoxedCopyFunc  copy;
  GDestroyNotify  free;
} list_kinds[] = {
  { "documents", N_("Documents"), (GBoxedCopyFunc) udha_person_document_copy,
    (GDestroyNotify) udha_person_document_free },
  { "vulnerabilities", N_("Vulnerabilities"), (GBoxedCopyFunc) udha_person_vulnerability_copy,
    (GDestroyNotify) udha_person_vulnerability_free },
  { "household", N_("Household"), (GBoxedCopyFunc) udha_household_link_copy,
    (GDestroyNotify) udha_household_link_free },
};

static void
list_edit_free (ListEdit *edit)
{
  if (edit->added != NULL)
    list_kinds[edit->kind].free (edit->added);
  if (edit->removed != NULL)
    list_kinds[edit->kind].free (edit->removed);
  g_free (edit);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ListEdit, list_edit_free)

static GPtrArray *
person_list (UdhaPerson *person,
             ListKind    kind)
{
  switch (kind)
    {
    case LIST_DOCUMENTS:
      return udha_person_get_documents (person);
    case LIST_VULNERABILITIES:
      return udha_person_get_vulnerabilities (person);
    case LIST_HOUSEHOLD:
    default:
      return udha_person_get_household (person);
    }
}

static gboolean
items_equal (ListKind      kind,
             gconstpointer a,
             gconstpointer b)
{
  if (kind == LIST_DOCUMENTS)
    {
      const UdhaPersonDocument *x = a, *y = b;

      return g_strcmp0 (x->doc_type, y->doc_type) == 0 && g_strcmp0 (x->number, y->number) == 0 &&
             g_strcmp0 (x->issuing_country, y->issuing_country) == 0 &&
             g_strcmp0 (x->expiry, y->expiry) == 0 && !x->held_by_other == !y->held_by_other;
    }
  if (kind == LIST_VULNERABILITIES)
    {
      const UdhaPersonVulnerability *x = a, *y = b;

      return g_strcmp0 (x->code, y->code) == 0 && g_strcmp0 (x->risk, y->risk) == 0;
    }
  {
    const UdhaHouseholdLink *x = a, *y = b;

    return x->other_person_id == y->other_person_id && g_strcmp0 (x->name, y->name) == 0 &&
           g_strcmp0 (x->relationship, y->relationship) == 0 && g_strcmp0 (x->sex, y->sex) == 0 &&
           g_strcmp0 (x->dob, y->dob) == 0 && g_strcmp0 (x->whereabouts, y->whereabouts) == 0;
  }
}

/* Applies @edit to @person's list; FALSE if the item to remove is not there. */
static gboolean
apply_list_edit (UdhaPerson     *person,
                 const ListEdit *edit)
{
  GPtrArray *items = person_list (person, edit->kind);

  if (edit->removed != NULL)
    {
      guint i;

      for (i = 0; i < items->len; i++)
        if (items_equal (edit->kind, g_ptr_array_index (items, i), edit->removed))
          break;
      if (i == items->len)
        return FALSE;
      g_ptr_array_remove_index (items, i);
    }
  if (edit->added != NULL)
    g_ptr_array_add (items, list_kinds[edit->kind].copy (edit->added));
  return TRUE;
}

static char *
item_summary (ListKind      kind,
              gconstpointer item)
{
  if (kind == LIST_DOCUMENTS)
    {
      const UdhaPersonDocument *doc = item;

      return JOIN (label_or_code (UDHA_LOOKUP_DOCUMENT_TYPE, doc->doc_type), doc->number);
    }
  if (kind == LIST_VULNERABILITIES)
    {
      const UdhaPersonVulnerability *vuln = item;

      return JOIN (label_or_code (UDHA_LOOKUP_VULNERABILITY, vuln->code),
                   label_or_code (UDHA_LOOKUP_RISK_LEVEL, vuln->risk));
    }
  {
    const UdhaHouseholdLink *link = item;

    return JOIN (label_or_code (UDHA_LOOKUP_RELATIONSHIP, link->relationship), link->name);
  }
}

static char *
list_summary (GPtrArray *items,
              ListKind   kind)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    {
      g_autofree char *one = item_summary (kind, g_ptr_array_index (items, i));

      if (out->len > 0)
        g_string_append (out, "; ");
      g_string_append (out, one);
    }
  if (out->len == 0)
    g_string_append (out, C_("list", "none"));
  return g_string_free (out, FALSE);
}

/* Shows @person, saved, and keeps what is typed in the profile fields. */
static void
show_saved_person (UdhaCaseView *self,
                   UdhaPerson   *person)
{
  char *typed[G_N_ELEMENTS (edit_fields)] = { NULL, };

  for (guint i = 0; i < G_N_ELEMENTS (edit_fields); i++)
    if (self->edit_rows[i] != NULL && field_changed (self, i))
      typed[i] = edited_value (self, i);
  g_set_object (&self->person, person);
  fill_profile (self);
  for (guint i = 0; i < G_N_ELEMENTS (edit_fields); i++)
    {
      if (typed[i] != NULL)
        gtk_editable_set_text (self->edit_rows[i], typed[i]);
      g_free (typed[i]);
    }
  fill_history (self);
}

static void save_list_edit (UdhaCaseView *self,
                            UdhaPerson   *target,
                            ListEdit     *edit,
                            const char   *toast);

static void
list_conflict_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           gpointer          user_data)
{
  UdhaCaseView *self = UDHA_CASE_VIEW (user_data);
  UdhaPerson *current = g_object_get_data (G_OBJECT (dialog), "current");
  ListEdit *edit = g_object_get_data (G_OBJECT (dialog), "edit");
  const char *toast = g_object_get_data (G_OBJECT (dialog), "toast");

  if (g_strcmp0 (response, "mine") == 0)
    {
      /* My change, on top of their version of the person. */
      save_list_edit (self, current, edit, toast);
    }
  else if (g_strcmp0 (response, "theirs") == 0)
    {
      show_saved_person (self, current);
      add_toast (self, _("The saved version is shown; your changes were discarded"));
    }
}

static void
show_list_conflict (UdhaCaseView *self,
                    UdhaPerson   *current,
                    GPtrArray    *mine,
                    ListEdit     *edit,
                    const char   *toast)
{
  g_autoptr(GString) body = g_string_new (_("Someone saved this person’s details after you opened the case file. "
                                            "Choose which version to keep."));
  g_autofree char *mine_text = list_summary (mine, edit->kind);
  g_autofree char *theirs_text = list_summary (person_list (current, edit->kind), edit->kind);
  ListEdit *copy = g_new0 (ListEdit, 1);
  GtkWidget *dialog;

  g_string_append (body, "\n\n");
  /* Translators: a field, then the value typed here and the value saved by someone else */
  g_string_append_printf (body, _("%s: yours “%s”, saved “%s”"), _(list_kinds[edit->kind].title),
                          mine_text, theirs_text);

  copy->kind = edit->kind;
  copy->added = edit->added != NULL ? list_kinds[edit->kind].copy (edit->added) : NULL;
  copy->removed = edit->removed != NULL ? list_kinds[edit->kind].copy (edit->removed) : NULL;

  dialog = adw_message_dialog_new (parent_window (self), _("Saved by Someone Else"), body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "theirs", _("Keep _Saved Version"),
                                    "mine", _("Save _Mine"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "mine",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "current", g_object_ref (current), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "edit", copy, (GDestroyNotify) list_edit_free);
  g_object_set_data_full (G_OBJECT (dialog), "toast", g_strdup (toast), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (list_conflict_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Saves @target (the person as shown, or the stored version after a
 * conflict) with @edit applied; on failure @target's list is left as it was. */
static void
save_list_edit (UdhaCaseView *self,
                UdhaPerson   *target,
                ListEdit     *edit,
                const char   *toast)
{
  GPtrArray *items = person_list (target, edit->kind);
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (list_kinds[edit->kind].free);
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(UdhaPerson) current = NULL;
  g_autoptr(UdhaPerson) saved = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (before, list_kinds[edit->kind].copy (g_ptr_array_index (items, i)));

  if (!apply_list_edit (target, edit))
    {
      /* Already removed by someone else: nothing left to do. */
      saved = udha_session_get_person (self->session, udha_person_get_id (target), NULL);
      show_saved_person (self, saved != NULL ? saved : target);
      return;
    }

  if (udha_session_update_person (self->session, target, &current, &error))
    {
      saved = udha_session_get_person (self->session, udha_person_get_id (target), NULL);
      show_saved_person (self, saved != NULL ? saved : target);
      add_toast (self, toast);
      return;
    }

  /* Put the list back the way it was shown. */
  mine = g_ptr_array_new_with_free_func (list_kinds[edit->kind].free);
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (mine, list_kinds[edit->kind].copy (g_ptr_array_index (items, i)));
  g_ptr_array_set_size (items, 0);
  for (guint i = 0; i < before->len; i++)
    g_ptr_array_add (items, list_kinds[edit->kind].copy (g_ptr_array_index (before, i)));

  if (g_error_matches (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_CONFLICT) && current != NULL)
    show_list_conflict (self, current, mine, edit, toast);
  else
    show_error (self, _("The Details Were Not Saved"), error);
}

static void
save_new_item (UdhaCaseView   *self,
               UdhaFormDialog *dialog,
               ListKind        kind,
               gpointer        item,
               const char     *toast)
{
  g_autoptr(ListEdit) edit = g_new0 (ListEdit, 1);

  edit->kind = kind;
  edit->added = item;
  gtk_window_destroy (GTK_WINDOW (dialog));
  save_list_edit (self, self->person, edit, toast);
}

/* Adds an "unknown" first choice to a list of ISO countries. */
static void
add_country_choice (UdhaFormDialog *dialog,
                    const char     *name,
                    const char     *title)
{
  g_autoptr(GPtrArray) countries = udha_iso_country_list ();
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  g_ptr_array_add (codes, (gpointer) "");
  g_ptr_array_add (labels, (gpointer) C_("country", "Not recorded"));
  for (guint i = 0; i < countries->len; i++)
    {
      const UdhaIsoCountry *country = g_ptr_array_index (countries, i);

      g_ptr_array_add (codes, (gpointer) country->alpha2);
      g_ptr_array_add (labels, (gpointer) udha_iso_country_get_name (country->alpha2));
    }
  g_ptr_array_add (codes, NULL);
  g_ptr_array_add (labels, NULL);
  udha_form_dialog_add_choice (dialog, name, title,
                               (const char * const *) codes->pdata, (const char * const *) labels->pdata, NULL);
}

static const char *
code_or_null (UdhaFormDialog *dialog,
              const char     *name)
{
  const char *code = udha_form_dialog_get_code (dialog, name);

  return is_blank (code) ? NULL : code;
}

static void
document_submitted_cb (UdhaFormDialog *dialog,
                       UdhaCaseView   *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expiry = NULL;
  g_autofree char *number = g_strstrip (g_strdup (udha_form_dialog_get_text (dialog, "number")));
  UdhaPersonDocument *doc;

  if (*number == '\0')
    {
      udha_form_dialog_set_error (dialog, _("Document number: write the number as it is printed on the document."));
      return;
    }
  if (!parse_optional_day (udha_form_dialog_get_text (dialog, "expiry"), _("Expiry date"), TRUE, &expiry, &error))
    {
      udha_form_dialog_set_error (dialog, error->message);
      return;
    }
  doc = g_new0 (UdhaPersonDocument, 1);
  doc->doc_type = g_strdup (udha_form_dialog_get_code (dialog, "type"));
  doc->number = g_steal_pointer (&number);
  doc->issuing_country = g_strdup (code_or_null (dialog, "country"));
  doc->expiry = g_steal_pointer (&expiry);
  doc->held_by_other = udha_form_dialog_get_active (dialog, "held-by-other");
  save_new_item (self, dialog, LIST_DOCUMENTS, doc, _("Document added"));
}

static void
udha_case_view_add_document_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  UdhaCaseView *self = UDHA_CASE_VIEW (widget);
  UdhaFormDialog *dialog = udha_form_dialog_new (widget, _("Add Document"), _("_Add"));

  udha_form_dialog_set_id (dialog, "document");
  udha_form_dialog_add_lookup (dialog, "type", _("Document type"), UDHA_LOOKUP_DOCUMENT_TYPE, NULL);
  udha_form_dialog_add_entry (dialog, "number", _("Document number"), NULL);
  add_country_choice (dialog, "country", _("Issuing country"));
  udha_form_dialog_add_entry (dialog, "expiry", _("Expiry date (dd.mm.yyyy, optional)"), NULL);
  udha_form_dialog_add_switch (dialog, "held-by-other", _("Held by someone else"), FALSE);
  g_signal_connect_object (dialog, "submit", G_CALLBACK (document_submitted_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
vulnerability_submitted_cb (UdhaFormDialog *dialog,
                            UdhaCaseView   *self)
{
  UdhaPersonVulnerability *vuln = g_new0 (UdhaPersonVulnerability, 1);

  vuln->code = g_strdup (udha_form_dialog_get_code (dialog, "code"));
  vuln->risk = g_strdup (code_or_null (dialog, "risk"));
  save_new_item (self, dialog, LIST_VULNERABILITIES, vuln, _("Vulnerability added"));
}

static void
add_risk_choice (UdhaFormDialog *dialog,
                 const char     *name,
                 const char     *title,
                 const char     *selected)
{
  const UdhaLookupEntry *levels;
  guint n = 0;
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  g_ptr_array_add (codes, (gpointer) "");
  g_ptr_array_add (labels, (gpointer) C_("risk", "Not assessed"));
  levels = udha_lookup_list (UDHA_LOOKUP_RISK_LEVEL, &n);
  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (codes, (gpointer) levels[i].code);
      g_ptr_array_add (labels, (gpointer) udha_lookup_entry_get_label (UDHA_LOOKUP_RISK_LEVEL, &levels[i]));
    }
  g_ptr_array_add (codes, NULL);
  g_ptr_array_add (labels, NULL);
  udha_form_dialog_add_choice (dialog, name, title,
                               (const char * const *) codes->pdata, (const char * const *) labels->pdata,
                               selected != NULL ? selected : "");
}

static void
udha_case_view_add_vulnerability_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *param)
{
  UdhaCaseView *self = UDHA_CASE_VIEW (widget);
  UdhaFormDialog *dialog = udha_form_dialog_new (widget, _("Add Vulnerability"), _("_Add"));

  udha_form_dialog_set_id (dialog, "vulnerability");
  udha_form_dialog_add_lookup (dialog, "code", _("Vulnerability"), UDHA_LOOKUP_VULNERABILITY, NULL);
  add_risk_choice (dialog, "risk", _("Risk level"), NULL);
  g_signal_connect_object (dialog, "submit", G_CALLBACK (vulnerability_submitted_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
household_submitted_cb (UdhaFormDialog *dialog,
                        UdhaCaseView   *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strstrip (g_strdup (udha_form_dialog_get_text (dialog, "name")));
  const char *dob_text = udha_form_dialog_get_text (dialog, "dob");
  g_autofree char *dob = NULL;
  UdhaHouseholdLink *link;
  UdhaDate date;

  if (!is_blank (dob_text))
    {
      if (!udha_date_parse_dob (dob_text, NULL, _("Date of birth"), &date, &error))
        {
          udha_form_dialog_set_error (dialog, error->message);
          return;
        }
      dob = udha_date_to_iso (&date);
    }
  link = g_new0 (UdhaHouseholdLink, 1);
  link->relationship = g_strdup (udha_form_dialog_get_code (dialog, "relationship"));
  link->name = *name != '\0' ? g_steal_pointer (&name) : NULL;
  link->sex = g_strdup (code_or_null (dialog, "sex"));
  link->dob = g_steal_pointer (&dob);
  link->whereabouts = g_strdup (udha_form_dialog_get_code (dialog, "whereabouts"));
  save_new_item (self, dialog, LIST_HOUSEHOLD, link, _("Household member added"));
}

static void
udha_case_view_add_household_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  UdhaCaseView *self = UDHA_CASE_VIEW (widget);
  UdhaFormDialog *dialog = udha_form_dialog_new (widget, _("Add Household Member"), _("_Add"));

  udha_form_dialog_set_id (dialog, "household");
  udha_form_dialog_add_lookup (dialog, "relationship", _("Relationship"), UDHA_LOOKUP_RELATIONSHIP, NULL);
  udha_form_dialog_add_entry (dialog, "name", _("Name (optional)"), NULL);
  udha_form_dialog_add_lookup (dialog, "sex", _("Sex"), UDHA_LOOKUP_SEX, NULL);
  udha_form_dialog_add_entry (dialog, "dob", _("Date of birth (dd.mm.yyyy or yyyy, optional)"), NULL);
  udha_form_dialog_add_lookup (dialog, "whereabouts", _("Whereabouts"), UDHA_LOOKUP_WHEREABOUTS, NULL);
  udha_form_dialog_set_description (dialog, _("Record only what the case needs about other people."));
  g_signal_connect_object (dialog, "submit", G_CALLBACK (household_submitted_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The person's other details (sex, birth, civil status, education,
 * migration status, address), edited in one form and saved with the same
 * row-version check as the fields above. */

enum
{
  DETAIL_SEX       = 1 << 0,
  DETAIL_BIRTH     = 1 << 1,
  DETAIL_MARITAL   = 1 << 2,
  DETAIL_EDUCATION = 1 << 3,
  DETAIL_MIGRATION = 1 << 4,
  DETAIL_ADDRESS   = 1 << 5,
  DETAIL_CITIZENSHIP = 1 << 6,
  DETAIL_LANGUAGE  = 1 << 7,
};

typedef struct
{
  guint   changed;       /* DETAIL_* that the person changed in the form */
  char   *sex;
  char   *dob;
  char   *dob_precision;
  gint64  age;
  char   *age_basis;
  char   *marital;
  char   *education;
  char   *migration;
  char   *address;
  GStrv   citizenships;
  GStrv   languages;
} Details;

static void
details_free (Details *d)
{
  g_free (d->sex);
  g_free (d->dob);
  g_free (d->dob_precision);
  g_free (d->age_basis);
  g_free (d->marital);
  g_free (d->education);
  g_free (d->migration);
  g_free (d->address);
  g_strfreev (d->citizenships);
  g_strfreev (d->languages);
  g_free (d);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Details, details_free)

static Details *
details_read (UdhaPerson *p)
{
  Details *d = g_new0 (Details, 1);

  d->sex = g_strdup (udha_person_get_sex (p));
  d->dob = g_strdup (udha_person_get_dob (p));
  d->dob_precision = g_strdup (udha_person_get_dob_precision (p));
  d->age = udha_person_get_estimated_age (p);
  d->age_basis = g_strdup (udha_person_get_age_basis (p));
  d->marital = g_strdup (udha_person_get_marital_status (p));
  d->education = g_strdup (udha_person_get_education (p));
  d->migration = g_strdup (udha_person_get_migration_status (p));
  d->address = g_strdup (udha_person_get_address (p));
  d->citizenships = g_strdupv ((char **) udha_person_get_citizenships (p));
  d->languages = g_strdupv ((char **) udha_person_get_languages (p));
  return d;
}

static void
details_write (UdhaPerson    *p,
               const Details *d,
               guint          which)
{
  if (which & DETAIL_SEX)
    udha_person_set_sex (p, d->sex);
  if (which & DETAIL_BIRTH)
    {
      udha_person_set_dob (p, d->dob);
      udha_person_set_dob_precision (p, d->dob_precision);
      udha_person_set_estimated_age (p, d->age);
      udha_person_set_age_basis (p, d->age_basis);
    }
  if (which & DETAIL_MARITAL)
    udha_person_set_marital_status (p, d->marital);
  if (which & DETAIL_EDUCATION)
    udha_person_set_education (p, d->education);
  if (which & DETAIL_MIGRATION)
    udha_person_set_migration_status (p, d->migration);
  if (which & DETAIL_ADDRESS)
    udha_person_set_address (p, d->address);
  if (which & DETAIL_CITIZENSHIP)
    udha_person_set_citizenships (p, (const char * const *) d->citizenships);
  if (which & DETAIL_LANGUAGE)
    udha_person_set_languages (p, (const char * const *) d->languages);
}

/* @codes with @first first: the first entry is replaced, the others kept. */
static GStrv
replace_first (const char * const *codes,
               const char         *first)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (first != NULL)
    g_strv_builder_add (builder, first);
  for (guint i = 1; codes != NULL && codes[0] != NULL && codes[i] != NULL; i++)
    if (g_strcmp0 (codes[i], first) != 0)
      g_strv_builder_add (builder, codes[i]);
  return g_strv_builder_end (builder);
}

static gboolean
strv_equal0 (const char * const *a,
             const char * const *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL || a[0] == NULL) && (b == NULL || b[0] == NULL);
  return g_strv_equal (a, b);
}

static char *
birth_text (const char *dob,
            gint64      age)
{
  if (dob != NULL)
    return format_day (dob);
  if (age > 0)
    /* Translators: %d is an estimated age in years */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "About %d year old (estimated)",
                                         "About %d years old (estimated)", age), (int) age);
  return g_strdup (_("Not recorded"));
}

/* One line per changed group whose saved value differs from mine. */
static void
details_describe_conflict (GString       *body,
                           const Details *mine,
                           const Details *saved)
{
  struct
  {
    guint           bit;
    const char     *field;
    UdhaLookupKind  kind;
    const char     *a;
    const char     *b;
  } rows[] = {
    { DETAIL_SEX, N_("Sex"), UDHA_LOOKUP_SEX, mine->sex, saved->sex },
    { DETAIL_MARITAL, N_("Marital status"), UDHA_LOOKUP_MARITAL_STATUS, mine->marital, saved->marital },
    { DETAIL_EDUCATION, N_("Education"), UDHA_LOOKUP_EDUCATION, mine->education, saved->education },
    { DETAIL_MIGRATION, N_("Migration or protection status"), UDHA_LOOKUP_MIGRATION_STATUS,
      mine->migration, saved->migration },
    { DETAIL_ADDRESS, N_("Address in Albania"), (UdhaLookupKind) -1, mine->address, saved->address },
  };

  if ((mine->changed & DETAIL_BIRTH) &&
      (g_strcmp0 (mine->dob, saved->dob) != 0 || mine->age != saved->age))
    {
      g_autofree char *a = birth_text (mine->dob, mine->age);
      g_autofree char *b = birth_text (saved->dob, saved->age);

      g_string_append_c (body, '\n');
      g_string_append_printf (body, _("%s: yours “%s”, saved “%s”"), _("Date of birth or age"), a, b);
    }
  if ((mine->changed & DETAIL_CITIZENSHIP) &&
      !strv_equal0 ((const char * const *) mine->citizenships, (const char * const *) saved->citizenships))
    {
      g_autofree char *a = join_codes ((const char * const *) mine->citizenships, udha_iso_citizenship_get_name);
      g_autofree char *b = join_codes ((const char * const *) saved->citizenships, udha_iso_citizenship_get_name);

      g_string_append_c (body, '\n');
      g_string_append_printf (body, _("%s: yours “%s”, saved “%s”"), _("Citizenship"), a, b);
    }
  if ((mine->changed & DETAIL_LANGUAGE) &&
      !strv_equal0 ((const char * const *) mine->languages, (const char * const *) saved->languages))
    {
      g_autofree char *a = join_codes ((const char * const *) mine->languages, udha_iso_language_get_name);
      g_autofree char *b = join_codes ((const char * const *) saved->languages, udha_iso_language_get_name);

      g_string_append_c (body, '\n');
      g_string_append_printf (body, _("%s: yours “%s”, saved “%s”"), _("Languages"), a, b);
    }
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const char *a, *b;

      if (!(mine->changed & rows[i].bit) || g_strcmp0 (rows[i].a, rows[i].b) == 0)
        continue;
      a = rows[i].kind == (UdhaLookupKind) -1 ? rows[i].a : label_or_code (rows[i].kind, rows[i].a);
      b = rows[i].kind == (UdhaLookupKind) -1 ? rows[i].b : label_or_code (rows[i].kind, rows[i].b);
      g_string_append_c (body, '\n');
      g_string_append_printf (body, _("%s: yours “%s”, saved “%s”"), _(rows[i].field),
                              a != NULL ? a : "", b != NULL ? b : "");
    }
}

static void save_details (UdhaCaseView  *self,
                          UdhaPerson    *target,
                          const Details *edit);

static void
details_conflict_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              gpointer          user_data)
{
  UdhaCaseView *self = UDHA_CASE_VIEW (user_data);
  UdhaPerson *current = g_object_get_data (G_OBJECT (dialog), "current");
  Details *edit = g_object_get_data (G_OBJECT (dialog), "edit");

  if (g_strcmp0 (response, "mine") == 0)
    save_details (self, current, edit);
  else if (g_strcmp0 (response, "theirs") == 0)
    {
      show_saved_person (self, current);
      add_toast (self, _("The saved version is shown; your changes were discarded"));
    }
}

/* Writes the changed groups of @edit onto @target and saves it; on failure
 * @target is put back as it was. */
static void
save_details (UdhaCaseView  *self,
              UdhaPerson    *target,
              const Details *edit)
{
  g_autoptr(Details) before = details_read (target);
  g_autoptr(UdhaPerson) current = NULL;
  g_autoptr(UdhaPerson) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) body = NULL;
  g_autoptr(Details) theirs = NULL;
  Details *copy;
  GtkWidget *dialog;

  details_write (target, edit, edit->changed);
  if (udha_session_update_person (self->session, target, &current, &error))
    {
      saved = udha_session_get_person (self->session, udha_person_get_id (target), NULL);
      show_saved_person (self, saved != NULL ? saved : target);
      add_toast (self, _("Details saved"));
      return;
    }
  details_write (target, before, edit->changed);

  if (!g_error_matches (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_CONFLICT) || current == NULL)
    {
      show_error (self, _("The Details Were Not Saved"), error);
      return;
    }

  body = g_string_new (_("Someone saved this person’s details after you opened the case file. "
                         "Choose which version to keep."));
  g_string_append_c (body, '\n');
  theirs = details_read (current);
  details_describe_conflict (body, edit, theirs);

  copy = g_new0 (Details, 1);
  copy->changed = edit->changed;
  copy->sex = g_strdup (edit->sex);
  copy->dob = g_strdup (edit->dob);
  copy->dob_precision = g_strdup (edit->dob_precision);
  copy->age = edit->age;
  copy->age_basis = g_strdup (edit->age_basis);
  copy->marital = g_strdup (edit->marital);
  copy->education = g_strdup (edit->education);
  copy->migration = g_strdup (edit->migration);
  copy->address = g_strdup (edit->address);
  copy->citizenships = g_strdupv (edit->citizenships);
  copy->languages = g_strdupv (edit->languages);

  dialog = adw_message_dialog_new (parent_window (self), _("Saved by Someone Else"), body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "theirs", _("Keep _Saved Version"),
                                    "mine", _("Save _Mine"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "mine",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "current", g_object_ref (current), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "edit", copy, (GDestroyNotify) details_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (details_conflict_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_optional_lookup (UdhaFormDialog *dialog,
                     const char     *name,
                     const char     *title,
                     UdhaLookupKind  kind,
                     const char     *selected)
{
  const UdhaLookupEntry *entries;
  guint n = 0;
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  g_ptr_array_add (codes, (gpointer) "");
  g_ptr_array_add (labels, (gpointer) _("Not recorded"));
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
  udha_form_dialog_add_choice (dialog, name, title,
                               (const char * const *) codes->pdata, (const char * const *) labels->pdata,
                               selected != NULL ? selected : "");
}

static const char *
code_name (const char *code,
           gboolean    language)
{
  const char *name = language ? udha_iso_language_get_name (code) : udha_iso_citizenship_get_name (code);

  return name != NULL ? name : code;
}

/* A choice among ISO countries (citizenships) or languages, named in the
 * UI language; the person's current code is offered even when it is not
 * among the common ones. Takes @list. */
static void
add_code_choice (UdhaFormDialog *dialog,
                 const char     *name,
                 const char     *title,
                 GPtrArray      *list,
                 gboolean        languages,
                 const char     *selected)
{
  g_autoptr(GPtrArray) items = list;
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  gboolean found = selected == NULL;

  g_ptr_array_add (codes, (gpointer) "");
  g_ptr_array_add (labels, (gpointer) _("Not recorded"));
  for (guint i = 0; i < items->len; i++)
    {
      const char *code = languages ? ((const UdhaIsoLanguage *) g_ptr_array_index (items, i))->code
                                   : ((const UdhaIsoCountry *) g_ptr_array_index (items, i))->alpha2;

      found = found || g_strcmp0 (code, selected) == 0;
      g_ptr_array_add (codes, (gpointer) code);
      g_ptr_array_add (labels, (gpointer) code_name (code, languages));
    }
  if (!found)
    {
      g_ptr_array_insert (codes, 1, (gpointer) selected);
      g_ptr_array_insert (labels, 1, (gpointer) code_name (selected, languages));
    }
  g_ptr_array_add (codes, NULL);
  g_ptr_array_add (labels, NULL);
  udha_form_dialog_add_choice (dialog, name, title,
                               (const char * const *) codes->pdata, (const char * const *) labels->pdata,
                               selected != NULL ? selected : "");
}

static void
details_submitted_cb (UdhaFormDialog *dialog,
                      UdhaCaseView   *self)
{
  Details *shown = g_object_get_data (G_OBJECT (dialog), "shown");
  g_autoptr(Details) edit = g_new0 (Details, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *dob_text = g_strstrip (g_strdup (udha_form_dialog_get_text (dialog, "dob")));
  g_autofree char *age_text = g_strstrip (g_strdup (udha_form_dialog_get_text (dialog, "age")));
  g_autofree char *address = g_strstrip (g_strdup (udha_form_dialog_get_text (dialog, "address")));
  g_autoptr(UdhaPerson) target = NULL;

  if (*dob_text != '\0')
    {
      UdhaDate date;

      if (!udha_date_parse_dob (dob_text, NULL, _("Date of birth"), &date, &error))
        {
          udha_form_dialog_set_error (dialog, error->message);
          return;
        }
      edit->dob = udha_date_to_iso (&date);
      edit->dob_precision = g_strdup (date.precision == UDHA_DATE_PRECISION_DAY ? "day" :
                                      date.precision == UDHA_DATE_PRECISION_MONTH ? "month" : "year");
    }
  else if (*age_text != '\0')
    {
      if (!g_ascii_string_to_signed (age_text, 10, 0, G_MAXINT, &edit->age, NULL))
        {
          udha_form_dialog_set_error (dialog, _("Estimated age: write the age in whole years, for example 34."));
          return;
        }
      if (!udha_date_check_age ((int) edit->age, _("Estimated age"), &error))
        {
          udha_form_dialog_set_error (dialog, error->message);
          return;
        }
      edit->age_basis = g_strdup (shown->age_basis != NULL ? shown->age_basis : "self_declared");
    }
  else
    {
      udha_form_dialog_set_error (dialog, _("Date of birth or age: write the date of birth (dd.mm.yyyy, or only "
                                            "the year), or else the estimated age."));
      return;
    }

  edit->sex = g_strdup (code_or_null (dialog, "sex"));
  edit->marital = g_strdup (code_or_null (dialog, "marital"));
  edit->education = g_strdup (code_or_null (dialog, "education"));
  edit->migration = g_strdup (code_or_null (dialog, "migration"));
  edit->address = *address != '\0' ? g_steal_pointer (&address) : NULL;
  edit->citizenships = replace_first ((const char * const *) shown->citizenships, code_or_null (dialog, "citizenship"));
  edit->languages = replace_first ((const char * const *) shown->languages, code_or_null (dialog, "language"));

  if (g_strcmp0 (edit->sex, shown->sex) != 0)
    edit->changed |= DETAIL_SEX;
  if (g_strcmp0 (edit->dob, shown->dob) != 0 || edit->age != shown->age)
    edit->changed |= DETAIL_BIRTH;
  if (g_strcmp0 (edit->marital, shown->marital) != 0)
    edit->changed |= DETAIL_MARITAL;
  if (g_strcmp0 (edit->education, shown->education) != 0)
    edit->changed |= DETAIL_EDUCATION;
  if (g_strcmp0 (edit->migration, shown->migration) != 0)
    edit->changed |= DETAIL_MIGRATION;
  if (g_strcmp0 (edit->address, shown->address) != 0)
    edit->changed |= DETAIL_ADDRESS;
  if (!strv_equal0 ((const char * const *) edit->citizenships, (const char * const *) shown->citizenships))
    edit->changed |= DETAIL_CITIZENSHIP;
  if (!strv_equal0 ((const char * const *) edit->languages, (const char * const *) shown->languages))
    edit->changed |= DETAIL_LANGUAGE;

  target = g_object_ref (self->person);
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (edit->changed != 0)
    save_details (self, target, edit);
}

static void
udha_case_view_edit_details_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  UdhaCaseView *self = UDHA_CASE_VIEW (widget);
  UdhaFormDialog *dialog = udha_form_dialog_new (widget, _("Personal Details"), _("_Save"));
  Details *shown = details_read (self->person);
  g_autofree char *dob = shown->dob != NULL ? format_day (shown->dob) : NULL;
  g_autofree char *age = shown->dob == NULL && shown->age > 0 ?
                         g_strdup_printf ("%" G_GINT64_FORMAT, shown->age) : NULL;

  udha_form_dialog_set_id (dialog, "details");
  udha_form_dialog_add_lookup (dialog, "sex", _("Sex"), UDHA_LOOKUP_SEX, shown->sex);
  udha_form_dialog_add_entry (dialog, "dob", _("Date of birth (dd.mm.yyyy, or only the year)"), dob);
  udha_form_dialog_add_entry (dialog, "age", _("Or estimated age in years"), age);
  add_code_choice (dialog, "citizenship", _("Citizenship"), udha_iso_citizenship_list (), FALSE,
                   shown->citizenships != NULL ? shown->citizenships[0] : NULL);
  add_code_choice (dialog, "language", _("First language"), udha_iso_language_list (TRUE), TRUE,
                   shown->languages != NULL ? shown->languages[0] : NULL);
  add_optional_lookup (dialog, "marital", _("Marital status"), UDHA_LOOKUP_MARITAL_STATUS, shown->marital);
  add_optional_lookup (dialog, "education", _("Education"), UDHA_LOOKUP_EDUCATION, shown->education);
  add_optional_lookup (dialog, "migration", _("Migration or protection status"), UDHA_LOOKUP_MIGRATION_STATUS,
                       shown->migration);
  udha_form_dialog_add_entry (dialog, "address", _("Address in Albania"), shown->address);
  g_object_set_data_full (G_OBJECT (dialog), "shown", shown, (GDestroyNotify) details_free);
  g_signal_connect_object (dialog, "submit", G_CALLBACK (details_submitted_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    UdhaCaseView     *self)
{
  ListEdit *edit = g_object_get_data (G_OBJECT (dialog), "edit");

  if (g_strcmp0 (response, "remove") != 0)
    return;
  save_list_edit (self, self->person, edit,
                  edit->kind == LIST_DOCUMENTS ? _("Document removed") :
                  edit->kind == LIST_VULNERABILITIES ? _("Vulnerability removed") :
                  _("Household member removed"));
}

static void
udha_case_view_remove_item_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  UdhaCaseView *self = UDHA_CASE_VIEW (widget);
  ListEdit *edit;
  const char *kind_name;
  g_autofree char *summary = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;
  GPtrArray *items;
  guint index;
  guint kind;

  g_variant_get (param, "(&su)", &kind_name, &index);
  for (kind = 0; kind < G_N_ELEMENTS (list_kinds); kind++)
    if (g_strcmp0 (list_kinds[kind].name, kind_name) == 0)
      break;
  if (kind == G_N_ELEMENTS (list_kinds))
    return;
  items = person_list (self->person, kind);
  if (index >= items->len)
    return;

  edit = g_new0 (ListEdit, 1);
  edit->kind = kind;
  edit->removed = list_kinds[kind].copy (g_ptr_array_index (items, index));
  summary = item_summary (kind, edit->removed);
  /* Translators: %s is e.g. "Passport · N0123456" */
  heading = g_strdup_printf (_("Remove “%s”?"), summary);
  dialog = adw_message_dialog_new (parent_window (self), heading,
                                   _("It is removed from the person’s record. "
                                     "The case history keeps who changed the record, and when."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", C_("list item", "_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "edit", edit, (GDestroyNotify) list_edit_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
withdraw_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      UdhaCaseView     *self)
{
  gint64 consent_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "consent-id"));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "withdraw") != 0)
    return;
  if (!udha_session_withdraw_consent (self->session, consent_id, &error))
    {
      show_error (self, _("The Withdrawal Was Not Recorded"), error);
      return;
    }
  udha_case_view_reload (self);
  add_toast (self, _("Withdrawal recorded"));
}

static void
udha_case_view_withdraw_consent_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *param)
{
  UdhaCaseView *self = UDHA_CASE_VIEW (widget);
  gint64 consent_id = g_variant_get_int64 (param);
  g_autoptr(GPtrArray) referrals = udha_session_list_referrals (self->session, self->case_id, NULL);
  g_autoptr(GString) body = g_string_new (_("From today, nothing new may be shared on the basis of this consent."));
  GtkWidget *dialog;
  guint affected = 0;

  /* DOMAIN.md §6.4: name the open referrals that were sent on this consent. */
  for (guint i = 0; referrals != NULL && i < referrals->len; i++)
    {
      UdhaReferral *referral = g_ptr_array_index (referrals, i);
      const char *status = udha_referral_get_status (referral);

      if (udha_referral_get_consent_id (referral) != consent_id || g_strcmp0 (status, "draft") == 0 ||
          udha_referral_status_is_terminal (status))
        continue;
      if (affected++ == 0)
        {
          g_string_append (body, "\n\n");
          g_string_append (body, _("These open referrals were sent on this consent. Cancel them if the person "
                                   "asks, and tell their receivers:"));
        }
      g_string_append (body, "\n");
      /* Translators: a service, then the organisation it is referred to */
      g_string_append_printf (body, C_("referral title", "%s — %s"),
                              label_or_code (UDHA_LOOKUP_SERVICE, udha_referral_get_service_code (referral)),
                              organisation_name (self, udha_referral_get_org_id (referral)));
    }

  dialog = adw_message_dialog_new (parent_window (self), _("Record Withdrawal?"), body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "withdraw", _("Record _Withdrawal"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "withdraw",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "consent-id", GSIZE_TO_POINTER ((gsize) consent_id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (withdraw_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Risk and flags, in the header: saved with the case's row-version check. */

static gboolean save_case_edit (UdhaCaseView       *self,
                                UdhaCase           *target,
                                const char         *risk,
                                const char * const *flags);

static void
case_conflict_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           gpointer          user_data)
{
  UdhaCaseView *self = UDHA_CASE_VIEW (user_data);
  UdhaCase *current = g_object_get_data (G_OBJECT (dialog), "current");
  const char *risk = g_object_get_data (G_OBJECT (dialog), "risk");
  const char * const *flags = g_object_get_data (G_OBJECT (dialog), "flags");

  if (g_strcmp0 (response, "mine") == 0)
    save_case_edit (self, current, risk, flags);
  else if (g_strcmp0 (response, "theirs") == 0)
    {
      udha_case_view_reload (self);
      add_toast (self, _("The saved version is shown; your changes were discarded"));
    }
}

/* Sets @risk and @flags on @target and saves it; on a conflict, shows both
 * versions and lets the person choose. */
static gboolean
save_case_edit (UdhaCaseView       *self,
                UdhaCase           *target,
                const char         *risk,
                const char * const *flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaCase) current = NULL;
  g_autoptr(GString) body = NULL;
  g_autofree char *mine_flags = NULL;
  g_autofree char *saved_flags = NULL;
  GtkWidget *dialog;

  g_autofree char *old_risk = g_strdup (udha_case_get_risk (target));
  g_auto(GStrv) old_flags = g_strdupv ((char **) udha_case_get_flags (target));

  udha_case_set_risk (target, risk);
  udha_case_set_flags (target, flags);
  if (udha_session_update_case (self->session, target, &error))
    {
      udha_case_view_reload (self);
      add_toast (self, _("Risk and flags saved"));
      return TRUE;
    }
  /* Not saved: the case as shown again. */
  udha_case_set_risk (target, old_risk);
  udha_case_set_flags (target, (const char * const *) old_flags);

  if (!g_error_matches (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_CONFLICT))
    {
      show_error (self, _("The Case Was Not Saved"), error);
      udha_case_view_reload (self);
      return FALSE;
    }
  g_clear_error (&error);
  current = udha_session_get_case (self->session, self->case_id, &error);
  if (current == NULL)
    {
      show_error (self, _("The Case Was Not Saved"), error);
      return FALSE;
    }

  body = g_string_new (_("Someone saved this case after you opened the case file. "
                         "Choose which version to keep."));
  g_string_append (body, "\n");
  if (g_strcmp0 (risk, udha_case_get_risk (current)) != 0)
    {
      g_string_append_c (body, '\n');
      g_string_append_printf (body, _("%s: yours “%s”, saved “%s”"), _("Risk level"),
                              risk_text (risk), risk_text (udha_case_get_risk (current)));
    }
  mine_flags = flags_text (flags);
  saved_flags = flags_text (udha_case_get_flags (current));
  if (g_strcmp0 (mine_flags, saved_flags) != 0)
    {
      g_string_append_c (body, '\n');
      g_string_append_printf (body, _("%s: yours “%s”, saved “%s”"), _("Flags"), mine_flags, saved_flags);
    }

  dialog = adw_message_dialog_new (parent_window (self), _("Saved by Someone Else"), body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "theirs", _("Keep _Saved Version"),
                                    "mine", _("Save _Mine"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "mine",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "current", g_object_ref (current), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "risk", g_strdup (risk), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "flags", g_strdupv ((char **) flags), (GDestroyNotify) g_strfreev);
  g_signal_connect_object (dialog, "response", G_CALLBACK (case_conflict_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return FALSE;
}

static void
case_edit_submitted_cb (UdhaFormDialog *dialog,
                        UdhaCaseView   *self)
{
  UdhaCase *shown = g_object_get_data (G_OBJECT (dialog), "case");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) flags = NULL;
  g_autofree char *risk = g_strdup (code_or_null (dialog, "risk"));
  const UdhaLookupEntry *entries;
  guint n = 0;

  entries = udha_lookup_list (UDHA_LOOKUP_CASE_FLAG, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("flag-%s", entries[i].code);

      if (udha_form_dialog_get_active (dialog, name))
        g_strv_builder_add (builder, entries[i].code);
    }
  flags = g_strv_builder_end (builder);

  g_object_ref (shown);
  gtk_window_destroy (GTK_WINDOW (dialog));
  save_case_edit (self, shown, risk, (const char * const *) flags);
  g_object_unref (shown);
}

static void
udha_case_view_edit_case_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  UdhaCaseView *self = UDHA_CASE_VIEW (widget);
  UdhaFormDialog *dialog = udha_form_dialog_new (widget, _("Risk and Flags"), _("_Save"));
  const char * const *flags = udha_case_get_flags (self->case_);
  const UdhaLookupEntry *entries;
  guint n = 0;

  udha_form_dialog_set_id (dialog, "case");
  add_risk_choice (dialog, "risk", _("Risk level"), udha_case_get_risk (self->case_));
  entries = udha_lookup_list (UDHA_LOOKUP_CASE_FLAG, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("flag-%s", entries[i].code);

      udha_form_dialog_add_switch (dialog, name, udha_lookup_entry_get_label (UDHA_LOOKUP_CASE_FLAG, &entries[i]),
                                   flags != NULL && g_strv_contains (flags, entries[i].code));
    }
  /* The case as shown: its row version is the one checked on saving. */
  g_object_set_data_full (G_OBJECT (dialog), "case", g_object_ref (self->case_), g_object_unref);
  g_signal_connect_object (dialog, "submit", G_CALLBACK (case_edit_submitted_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The referral slip: a language, then where to save the PDF. */

static void
slip_chooser_response_cb (GtkNativeDialog *chooser,
                          int              response,
                          UdhaCaseView    *self)
{
  gint64 referral_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (chooser), "referral-id"));
  const char *language = g_object_get_data (G_OBJECT (chooser), "language");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_object_set_data (G_OBJECT (self), "slip-chooser", NULL);
  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  if (response != GTK_RESPONSE_ACCEPT)
    {
      g_object_unref (chooser);
      return;
    }
  path = file != NULL ? g_file_get_path (file) : NULL;
  if (path == NULL)
    {
      g_set_error_literal (&error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID,
                           _("Choose a folder on this computer for the referral slip."));
      show_error (self, _("The Referral Slip Was Not Saved"), error);
    }
  else if (!udha_session_write_referral_slip (self->session, referral_id, language, path, &error))
    show_error (self, _("The Referral Slip Was Not Saved"), error);
  else
    {
      fill_history (self);
      add_toast (self, _("Referral slip saved"));
    }
  g_object_unref (chooser);
}

static void
slip_language_submitted_cb (UdhaFormDialog *dialog,
                            UdhaCaseView   *self)
{
  gint64 referral_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "referral-id"));
  g_autofree char *language = g_strdup (udha_form_dialog_get_code (dialog, "language"));
  g_autofree char *name = NULL;
  g_autofree char *number = NULL;
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;

  gtk_window_destroy (GTK_WINDOW (dialog));

  chooser = gtk_file_chooser_native_new (_("Save Referral Slip"), parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  number = g_strdup_printf ("%s-%" G_GINT64_FORMAT, udha_case_get_number (self->case_), referral_id);
  /* Translators: a file name; %s is a case number and a referral number, such as TIR-2026-00042-7 */
  name = g_strdup_printf (_("referral-slip-%s.pdf"), number);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_pattern (filter, "*.pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  g_object_set_data (G_OBJECT (chooser), "referral-id", GSIZE_TO_POINTER ((gsize) referral_id));
  g_object_set_data_full (G_OBJECT (chooser), "language", g_steal_pointer (&language), g_free);
  /* Tests answer the chooser through this, as a person would. */
  g_object_set_data (G_OBJECT (self), "slip-chooser", chooser);
  g_signal_connect_object (chooser, "response", G_CALLBACK (slip_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
udha_case_view_print_slip_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  UdhaCaseView *self = UDHA_CASE_VIEW (widget);
  UdhaFormDialog *dialog = udha_form_dialog_new (widget, _("Print Referral Slip"), _("_Continue"));
  static const char * const codes[] = { "sq", "en", NULL };
  const char *labels[] = { _("Albanian"), _("English"), NULL };
  const char *ui_language = udha_application_get_ui_language ();

  /* The slip's language is the receiver's; offer the program's first. */
  if (g_strcmp0 (ui_language, "sq") != 0 && g_strcmp0 (ui_language, "en") != 0)
    {
      ui_language = "en";
      for (const char * const *names = g_get_language_names (); *names != NULL; names++)
        if (g_str_has_prefix (*names, "sq"))
          {
            ui_language = "sq";
            break;
          }
    }
  udha_form_dialog_set_id (dialog, "slip");
  udha_form_dialog_add_choice (dialog, "language", _("Language of the slip"), codes, labels,
                               ui_language);
  udha_form_dialog_set_description (dialog, _("The slip holds only what the referral needs, as far as the "
                                              "person’s consent allows. Every slip is recorded in the history."));
  g_object_set_data (G_OBJECT (dialog), "referral-id", GSIZE_TO_POINTER ((gsize) g_variant_get_int64 (param)));
  g_signal_connect_object (dialog, "submit", G_CALLBACK (slip_language_submitted_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
udha_case_view_dispose (GObject *object)
{
  UdhaCaseView *self = (UdhaCaseView *)object;

  /* A slip chooser still open (the vault was locked): close it. */
  {
    GtkNativeDialog *chooser = g_object_get_data (object, "slip-chooser");

    if (chooser != NULL)
      {
        g_object_set_data (object, "slip-chooser", NULL);
        g_signal_handlers_disconnect_by_data (chooser, self);
        gtk_native_dialog_destroy (chooser);
        g_object_unref (chooser);
      }
  }
  g_clear_handle_id (&self->toast_idle_id, g_source_remove);
  g_clear_weak_pointer (&self->toast);
  g_clear_pointer (&self->pending_toast, g_free);
  g_clear_object (&self->case_);
  g_clear_object (&self->person);
  g_clear_object (&self->session);
  g_clear_pointer (&self->users, g_ptr_array_unref);
  g_clear_pointer (&self->organisations, g_ptr_array_unref);
  g_clear_pointer (&self->services, g_ptr_array_unref);
  g_clear_pointer (&self->referrals, g_ptr_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->loaded); i++)
    g_clear_pointer (&self->loaded[i], g_free);
  memset (self->edit_rows, 0, sizeof self->edit_rows);
  gtk_widget_dispose_template (GTK_WIDGET (self), UDHA_TYPE_CASE_VIEW);
  /* The template's root child is not bound, so unparent it here. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (udha_case_view_parent_class)->dispose (object);
}

static void
udha_case_view_finalize (GObject *object)
{
  UdhaCaseView *self = (UdhaCaseView *)object;

  g_free (self->status_class);

  G_OBJECT_CLASS (udha_case_view_parent_class)->finalize (object);
}

static void
udha_case_view_class_init (UdhaCaseViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = udha_case_view_dispose;
  object_class->finalize = udha_case_view_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "caseview");

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/udha/Udha/ui/udha-case-view.ui");
  gtk_widget_class_bind_template_child (widget_class, UdhaCaseView, name_label);
  gtk_widget_class_bind_template_child (widget_class, UdhaCaseView, status_label);
  gtk_widget_class_bind_template_child (widget_class, UdhaCaseView, closure_button);
  gtk_widget_class_bind_template_child (widget_class, UdhaCaseView, details_label);
  gtk_widget_class_bind_template_child (widget_class, UdhaCaseView, flags_label);
  gtk_widget_class_bind_template_child (widget_class, UdhaCaseView, view_stack);
  gtk_widget_class_bind_template_child (widget_class, UdhaCaseView, interviews_group);
  gtk_widget_class_bind_template_child (widget_class, UdhaCaseView, person_list);
  gtk_widget_class_bind_template_child (widget_class, UdhaCaseView, documents_list);
  gtk_widget_class_bind_template_child (widget_class, UdhaCaseView, vulnerabilities_list);
  gtk_widget_class_bind_template_child (widget_class, UdhaCaseView, household_list);
  gtk_widget_class_bind_template_child (widget_class, UdhaCaseView, consents_list);
  gtk_widget_class_bind_template_child (widget_class, UdhaCaseView, interviews_list);
  gtk_widget_class_bind_template_child (widget_class, UdhaCaseView, services_list);
  gtk_widget_class_bind_template_child (widget_class, UdhaCaseView, referrals_list);
  gtk_widget_class_bind_template_child (widget_class, UdhaCaseView, history_list);

  gtk_widget_class_install_action (widget_class, "case.save", NULL, udha_case_view_save_action);
  gtk_widget_class_install_action (widget_class, "case.add-contact", NULL, udha_case_view_add_contact_action);
  gtk_widget_class_install_action (widget_class, "case.edit-interview", "x", udha_case_view_edit_interview_action);
  gtk_widget_class_install_action (widget_class, "case.add-service", NULL, udha_case_view_add_service_action);
  gtk_widget_class_install_action (widget_class, "case.refer", NULL, udha_case_view_refer_action);
  gtk_widget_class_install_action (widget_class, "case.add-consent", NULL, udha_case_view_add_consent_action);
  gtk_widget_class_install_action (widget_class, "case.request-closure", NULL, udha_case_view_request_closure_action);
  gtk_widget_class_install_action (widget_class, "case.referral-status", "(xs)", udha_case_view_referral_status_action);
  gtk_widget_class_install_action (widget_class, "case.service-status", "(xs)", udha_case_view_service_status_action);
  gtk_widget_class_install_action (widget_class, "case.show-tab", "s", udha_case_view_show_tab_action);
  gtk_widget_class_install_action (widget_class, "case.edit-case", NULL, udha_case_view_edit_case_action);
  gtk_widget_class_install_action (widget_class, "case.edit-details", NULL, udha_case_view_edit_details_action);
  gtk_widget_class_install_action (widget_class, "case.print-slip", "x", udha_case_view_print_slip_action);
  gtk_widget_class_install_action (widget_class, "case.add-document", NULL, udha_case_view_add_document_action);
  gtk_widget_class_install_action (widget_class, "case.add-vulnerability", NULL,
                                   udha_case_view_add_vulnerability_action);
  gtk_widget_class_install_action (widget_class, "case.add-household-member", NULL,
                                   udha_case_view_add_household_action);
  gtk_widget_class_install_action (widget_class, "case.remove-item", "(su)", udha_case_view_remove_item_action);
  gtk_widget_class_install_action (widget_class, "case.withdraw-consent", "x",
                                   udha_case_view_withdraw_consent_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "case.save", NULL);
}

static void
udha_case_view_init (UdhaCaseView *self)
{
  g_autofree char *interviews_title = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The group title is markup; the same words as the tab. */
  interviews_title = g_markup_escape_text (_("Contacts & interviews"), -1);
  adw_preferences_group_set_title (self->interviews_group, interviews_title);

  set_placeholder (self->documents_list, _("No identity or travel documents recorded."));
  set_placeholder (self->vulnerabilities_list, _("No vulnerabilities recorded."));
  set_placeholder (self->household_list, _("No household members recorded."));
  set_placeholder (self->consents_list, _("No consent recorded. A referral cannot be sent without the person’s consent to referral."));
  set_placeholder (self->interviews_list, _("No contacts yet. Log each interview, call or visit with New Interview."));
  set_placeholder (self->services_list, _("No services yet. Add the services the person needs or receives."));
  set_placeholder (self->referrals_list, _("No referrals yet. Refer the person to a partner organisation with New Referral."));
  set_placeholder (self->history_list, _("Nothing recorded yet."));
  /* Enabled while the profile has unsaved edits. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.save", FALSE);
}

/* Public API */

/**
 * udha_case_view_new:
 * @session: the signed-in session
 * @case_id: the case to show
 * @error: return location for a #GError
 *
 * Opens the case file (audited "case.open") and shows it.
 *
 * Returns: (transfer floating) (nullable): a new #UdhaCaseView, or %NULL with
 *   the session's message in @error
 */
GtkWidget *
udha_case_view_new (UdhaSession  *session,
                    gint64        case_id,
                    GError      **error)
{
  g_autoptr(UdhaCase) case_ = NULL;
  g_autoptr(UdhaPerson) person = NULL;
  UdhaCaseView *self;

  g_return_val_if_fail (UDHA_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  case_ = udha_session_open_case_file (session, case_id, error);
  if (case_ == NULL)
    return NULL;
  person = udha_session_get_person (session, udha_case_get_person_id (case_), error);
  if (person == NULL)
    return NULL;

  self = g_object_new (UDHA_TYPE_CASE_VIEW, NULL);
  self->session = g_object_ref (session);
  self->case_id = case_id;
  self->case_ = g_steal_pointer (&case_);
  self->person = g_steal_pointer (&person);
  reload_lists (self);
  fill_header (self);
  fill_profile (self);
  fill_interviews (self);
  fill_services (self);
  fill_referrals (self);
  fill_history (self);
  return GTK_WIDGET (self);
}

/**
 * udha_case_view_has_unsaved_changes:
 *
 * Returns: %TRUE while the profile form differs from the loaded record
 */
gboolean
udha_case_view_has_unsaved_changes (UdhaCaseView *self)
{
  g_return_val_if_fail (UDHA_IS_CASE_VIEW (self), FALSE);

  if (self->person == NULL || self->edit_rows[0] == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (edit_fields); i++)
    if (field_changed (self, i))
      return TRUE;

  return FALSE;
}

/**
 * udha_case_view_reload:
 *
 * Reads the case, the person and every tab again from the session.
 */
void
udha_case_view_reload (UdhaCaseView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UdhaCase) case_ = NULL;
  g_autoptr(UdhaPerson) person = NULL;

  g_return_if_fail (UDHA_IS_CASE_VIEW (self));

  case_ = udha_session_get_case (self->session, self->case_id, &error);
  if (case_ != NULL)
    person = udha_session_get_person (self->session, udha_case_get_person_id (case_), &error);
  if (case_ == NULL || person == NULL)
    {
      show_error (self, _("The Case Could Not Be Read"), error);
      return;
    }
  g_set_object (&self->case_, case_);
  g_set_object (&self->person, person);
  reload_lists (self);
  fill_header (self);
  fill_profile (self);
  fill_interviews (self);
  fill_services (self);
  fill_referrals (self);
  fill_history (self);
}
