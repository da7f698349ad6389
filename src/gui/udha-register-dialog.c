/* udha-register-dialog.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Registers a person and opens a case, in three steps (DOMAIN.md §2):
 *
 * 1. the person form, validated inline field by field; Continue stays
 *    insensitive until the form is valid;
 * 2. search before create: the session's duplicate candidates, ranked, with
 *    the reasons in words; either "this is the same person" or "register as
 *    a new person" with a reason;
 * 3. open a case: type and assignment.
 *
 * Choosing the same person opens their file when they already have a case
 * the user can see that is not closed (emits ::person-registered, then
 * ::case-opened, and closes); otherwise it goes on to step 3 for them, so
 * that a returning person gets a new case rather than a second record.
 *
 * Everything goes through the session; its errors are shown above the form
 * and nothing typed is lost.
 */

#define G_LOG_DOMAIN "udha-register-dialog"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "udha-register-dialog.h"
#include "udha-case.h"
#include "udha-date.h"
#include "udha-duplicates.h"
#include "udha-iso-codes.h"
#include "udha-lookup.h"
#include "udha-person.h"
#include "udha-user.h"

/* How long typing may pause before a field shows what is wrong with it. */
#define SETTLE_MS 600
#define UNKNOWN_NAME "unknown"

typedef enum
{
  F_GIVEN,
  F_FAMILY,
  F_SEX,
  F_DOB,
  F_AGE,
  F_CITIZENSHIP,
  F_LANGUAGE,
  F_PHONE,
  F_DOC_NUMBER,
  F_DOC_COUNTRY,
  F_REASON,
  N_FIELDS
} Field;

struct _UdhaRegisterDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwWindowTitle      *window_title;
  GtkButton           *back_button;
  GtkButton           *submit_button;
  GtkButton           *same_button;
  GtkButton           *new_button;
  GtkLabel            *error_label;
  GtkStack            *stack;
  AdwEntryRow         *given_row;
  AdwEntryRow         *family_row;
  GtkToggleButton     *given_unknown;
  GtkToggleButton     *family_unknown;
  AdwComboRow         *sex_row;
  GtkSwitch           *age_only_switch;
  AdwEntryRow         *dob_row;
  AdwEntryRow         *age_row;
  AdwComboRow         *age_basis_row;
  AdwActionRow        *citizenship_row;
  GtkDropDown         *citizenship_dropdown;
  AdwActionRow        *language_row;
  GtkDropDown         *language_dropdown;
  AdwEntryRow         *phone_row;
  GtkSwitch           *doc_switch;
  AdwComboRow         *doc_type_row;
  AdwEntryRow         *doc_number_row;
  AdwActionRow        *doc_country_row;
  GtkDropDown         *doc_country_dropdown;
  AdwPreferencesGroup *candidates_group;
  AdwEntryRow         *reason_row;
  AdwActionRow        *person_row;
  AdwComboRow         *case_type_row;
  AdwComboRow         *risk_row;
  AdwComboRow         *assign_row;
  AdwPreferencesRow   *given_message;
  AdwPreferencesRow   *family_message;
  AdwPreferencesRow   *sex_message;
  AdwPreferencesRow   *dob_message;
  AdwPreferencesRow   *age_message;
  AdwPreferencesRow   *citizenship_message;
  AdwPreferencesRow   *language_message;
  AdwPreferencesRow   *phone_message;
  AdwPreferencesRow   *doc_number_message;
  AdwPreferencesRow   *doc_country_message;
  AdwPreferencesRow   *reason_message;

  /* Owned */
  UdhaSession         *session;
  GtkWidget           *fields [N_FIELDS];     /* borrowed */
  AdwPreferencesRow   *messages [N_FIELDS];   /* borrowed */
  GtkLabel            *message_labels [N_FIELDS];
  gboolean             touched [N_FIELDS];
  gboolean             pending [N_FIELDS];
  gboolean             show_all;
  guint                settle_source;
  GPtrArray           *candidate_rows;       /* borrowed rows of candidates_group */
  GtkCheckButton      *candidate_radio;      /* the first radio of the group */
  gint64               person_id;
  gboolean             done;
};

G_DEFINE_FINAL_TYPE (UdhaRegisterDialog, udha_register_dialog, ADW_TYPE_WINDOW)

enum {
  PERSON_REGISTERED,
  CASE_OPENED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* Auxiliary methods */

static void
label_widget (gpointer    widget,
              const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/* A combo row over codes; a %NULL code is a "not chosen yet" item. */
static void
set_choices (AdwComboRow        *row,
             const char * const *codes,
             const char * const *labels,
             guint               n,
             guint               selected)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  char **copy = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    {
      gtk_string_list_append (model, labels[i]);
      copy[i] = g_strdup (codes[i] != NULL ? codes[i] : "");
    }
  g_object_set_data_full (G_OBJECT (row), "codes", copy, (GDestroyNotify) g_strfreev);
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (row, selected);
}

static void
set_lookup_choices (AdwComboRow    *row,
                    UdhaLookupKind  kind,
                    const char     *placeholder,
                    const char     *selected_code)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  const UdhaLookupEntry *entries;
  guint selected = 0;
  guint n = 0;

  if (placeholder != NULL)
    {
      g_ptr_array_add (codes, NULL);
      g_ptr_array_add (labels, (gpointer) placeholder);
    }
  entries = udha_lookup_list (kind, &n);
  for (guint i = 0; i < n; i++)
    {
      if ((entries[i].flags & UDHA_LOOKUP_FLAG_DERIVED) != 0)
        continue;
      if (g_strcmp0 (entries[i].code, selected_code) == 0)
        selected = codes->len;
      g_ptr_array_add (codes, (gpointer) entries[i].code);
      g_ptr_array_add (labels, (gpointer) udha_lookup_entry_get_label (kind, &entries[i]));
    }
  set_choices (row, (const char * const *) codes->pdata, (const char * const *) labels->pdata,
               codes->len, selected);
}

/* Returns: the selected code, or %NULL when nothing real is chosen */
static const char *
combo_code (AdwComboRow *row)
{
  char **codes = g_object_get_data (G_OBJECT (row), "codes");
  guint selected = adw_combo_row_get_selected (row);

  if (codes == NULL || selected == GTK_INVALID_LIST_POSITION || selected >= g_strv_length (codes) ||
      codes[selected][0] == '\0')
    return NULL;
  return codes[selected];
}

static gboolean
combo_is_placeholder (AdwComboRow *row)
{
  char **codes = g_object_get_data (G_OBJECT (row), "codes");
  guint selected = adw_combo_row_get_selected (row);

  return codes != NULL && selected < g_strv_length (codes) && codes[selected][0] == '\0';
}

/* A searchable picker: names in the UI language, codes alongside. */
static void
set_picker (GtkDropDown *dropdown,
            GPtrArray   *codes,
            GPtrArray   *names)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  GStrvBuilder *builder = g_strv_builder_new ();

  for (guint i = 0; i < codes->len; i++)
    {
      gtk_string_list_append (model, g_ptr_array_index (names, i));
      g_strv_builder_add (builder, g_ptr_array_index (codes, i));
    }
  g_object_set_data_full (G_OBJECT (dropdown), "codes", g_strv_builder_end (builder),
                          (GDestroyNotify) g_strfreev);
  g_strv_builder_unref (builder);
  gtk_drop_down_set_expression (dropdown,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (dropdown, GTK_INVALID_LIST_POSITION);
}

static const char *
picker_code (GtkDropDown *dropdown)
{
  char **codes = g_object_get_data (G_OBJECT (dropdown), "codes");
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (codes == NULL || selected == GTK_INVALID_LIST_POSITION || selected >= g_strv_length (codes))
    return NULL;
  return codes[selected];
}

static void
fill_country_picker (GtkDropDown *dropdown,
                     gboolean     citizenship)
{
  g_autoptr(GPtrArray) list = citizenship ? udha_iso_citizenship_list () : udha_iso_country_list ();
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  /* Stateless and Unknown first, where they are quick to reach. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < list->len; i++)
      {
        const UdhaIsoCountry *country = g_ptr_array_index (list, i);
        gboolean special = country->alpha3 == NULL;

        if (special != (pass == 0))
          continue;
        g_ptr_array_add (codes, (gpointer) country->alpha2);
        g_ptr_array_add (names, (gpointer) (citizenship ? udha_iso_citizenship_get_name (country->alpha2)
                                                        : udha_iso_country_get_name (country->alpha2)));
      }
  set_picker (dropdown, codes, names);
}

static void
fill_language_picker (GtkDropDown *dropdown)
{
  g_autoptr(GPtrArray) common = udha_iso_language_list (TRUE);
  g_autoptr(GPtrArray) all = udha_iso_language_list (FALSE);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  /* The languages of the caseload first, then every other one. */
  for (guint pass = 0; pass < 2; pass++)
    {
      GPtrArray *list = pass == 0 ? common : all;

      for (guint i = 0; i < list->len; i++)
        {
          const UdhaIsoLanguage *language = g_ptr_array_index (list, i);

          if (!g_hash_table_add (seen, (gpointer) language->code))
            continue;
          g_ptr_array_add (codes, (gpointer) language->code);
          g_ptr_array_add (names, (gpointer) udha_iso_language_get_name (language->code));
        }
    }
  set_picker (dropdown, codes, names);
}

static char *
entry_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static gboolean
name_is_unknown (AdwEntryRow     *row,
                 GtkToggleButton *unknown)
{
  g_autofree char *text = entry_text (row);

  return gtk_toggle_button_get_active (unknown) ||
         g_ascii_strcasecmp (text, UNKNOWN_NAME) == 0 ||
         g_utf8_collate (text, C_("name", "Unknown")) == 0;
}

static char *
name_value (AdwEntryRow     *row,
            GtkToggleButton *unknown)
{
  if (name_is_unknown (row, unknown))
    return g_strdup (UNKNOWN_NAME);
  return entry_text (row);
}

static const char *
display_name_part (const char *value)
{
  if (value == NULL || g_ascii_strcasecmp (value, UNKNOWN_NAME) == 0)
    /* Translators: shown for a given or family name nobody knows; the
     * vocabularies' "Unknown" is a different string */
    return C_("name", "Unknown");
  return value;
}

static char *
person_display_name (UdhaPerson *person)
{
  return g_strdup_printf ("%s %s", display_name_part (udha_person_get_given_name (person)),
                          display_name_part (udha_person_get_family_name (person)));
}

static gboolean
phone_is_valid (const char *text)
{
  guint digits = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (strchr (" +-().", *p) == NULL)
        return FALSE;
    }
  return digits >= 6;
}

/* Returns: (transfer full) (nullable): what is wrong with @field, or %NULL */
static char *
check_field (UdhaRegisterDialog *self,
             Field               field)
{
  gboolean age_only = gtk_switch_get_active (self->age_only_switch);
  gboolean has_document = gtk_switch_get_active (self->doc_switch);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  switch (field)
    {
    case F_GIVEN:
      text = entry_text (self->given_row);
      if (text[0] == '\0' && !name_is_unknown (self->given_row, self->given_unknown))
        return g_strdup (_("Enter the given name, or choose Unknown."));
      return NULL;

    case F_FAMILY:
      text = entry_text (self->family_row);
      if (text[0] == '\0' && !name_is_unknown (self->family_row, self->family_unknown))
        return g_strdup (_("Enter the family name, or choose Unknown."));
      return NULL;

    case F_SEX:
      if (combo_code (self->sex_row) == NULL)
        return g_strdup (_("Choose the sex, or Not stated."));
      return NULL;

    case F_DOB:
      {
        UdhaDate date;

        if (age_only)
          return NULL;
        text = entry_text (self->dob_row);
        if (text[0] == '\0')
          return g_strdup (_("Enter the date of birth as dd.mm.yyyy, or switch on Age Only."));
        if (!udha_date_parse_dob (text, NULL, _("Date of birth"), &date, &error))
          return g_strdup (error->message);
        return NULL;
      }

    case F_AGE:
      {
        gint64 age = 0;

        if (!age_only)
          return NULL;
        text = entry_text (self->age_row);
        if (!g_ascii_string_to_signed (text, 10, 0, G_MAXINT, &age, NULL))
          return g_strdup (_("Enter the estimated age in whole years, for example 34."));
        if (!udha_date_check_age ((int) age, _("Estimated age"), &error))
          return g_strdup (error->message);
        return NULL;
      }

    case F_CITIZENSHIP:
      if (picker_code (self->citizenship_dropdown) == NULL)
        return g_strdup (_("Choose a citizenship, or Stateless or Unknown."));
      return NULL;

    case F_LANGUAGE:
      if (picker_code (self->language_dropdown) == NULL)
        return g_strdup (_("Choose the language the person speaks best."));
      return NULL;

    case F_PHONE:
      text = entry_text (self->phone_row);
      if (text[0] != '\0' && !phone_is_valid (text))
        return g_strdup (_("Use only digits, spaces and + ( ) -, for example +355 69 123 4567."));
      return NULL;

    case F_DOC_NUMBER:
      if (!has_document)
        return NULL;
      text = entry_text (self->doc_number_row);
      if (text[0] == '\0')
        return g_strdup (_("Enter the document number, or turn off “The Person Has a Document”."));
      return NULL;

    case F_DOC_COUNTRY:
      if (has_document && picker_code (self->doc_country_dropdown) == NULL)
        return g_strdup (_("Choose the country that issued the document."));
      return NULL;

    case F_REASON:
      text = entry_text (self->reason_row);
      if (text[0] == '\0')
        return g_strdup (_("Say why this is a different person, for example “different father’s name”."));
      return NULL;

    case N_FIELDS:
    default:
      g_assert_not_reached ();
    }
}

static void
show_message (UdhaRegisterDialog *self,
              Field               field,
              const char         *message)
{
  GtkWidget *widget = self->fields [field];
  gboolean shown = message != NULL && gtk_widget_get_visible (widget);

  gtk_label_set_label (self->message_labels [field], message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->messages [field]), shown);
  if (shown)
    {
      gtk_widget_add_css_class (widget, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                      -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (widget),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  else
    {
      gtk_widget_remove_css_class (widget, "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

/* Shows the messages of the fields the user has been through, and makes
 * Continue sensitive when every field of the person form is valid.
 *
 * Returns: the first invalid field of the person form, or %N_FIELDS */
static Field
validate (UdhaRegisterDialog *self)
{
  Field first = N_FIELDS;

  for (Field f = 0; f < F_REASON; f++)
    {
      g_autofree char *message = check_field (self, f);

      if (message != NULL && first == N_FIELDS)
        first = f;
      show_message (self, f, (self->touched [f] || self->show_all) ? message : NULL);
    }

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "person") == 0)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "register.submit", first == N_FIELDS);
  return first;
}

static gboolean
settle_cb (gpointer data)
{
  UdhaRegisterDialog *self = data;

  self->settle_source = 0;
  for (Field f = 0; f < N_FIELDS; f++)
    {
      self->touched [f] |= self->pending [f];
      self->pending [f] = FALSE;
    }
  validate (self);
  return G_SOURCE_REMOVE;
}

/* Typing: the Continue button follows at once, the field's message after
 * a pause, so that half a date is not called wrong. */
static void
field_typed (UdhaRegisterDialog *self,
             Field               field)
{
  self->pending [field] = TRUE;
  g_clear_handle_id (&self->settle_source, g_source_remove);
  self->settle_source = g_timeout_add (SETTLE_MS, settle_cb, self);
  validate (self);
}

static void
field_chosen (UdhaRegisterDialog *self,
              Field               field)
{
  self->touched [field] = TRUE;
  validate (self);
}

static void
set_error (UdhaRegisterDialog *self,
           const char         *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static gboolean
has_data (UdhaRegisterDialog *self)
{
  AdwEntryRow *entries[] = { self->given_row, self->family_row, self->dob_row, self->age_row,
                             self->phone_row, self->doc_number_row };

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "person") != 0)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    if (gtk_editable_get_text (GTK_EDITABLE (entries[i]))[0] != '\0')
      return TRUE;
  return gtk_toggle_button_get_active (self->given_unknown) ||
         gtk_toggle_button_get_active (self->family_unknown) ||
         !combo_is_placeholder (self->sex_row) ||
         picker_code (self->citizenship_dropdown) != NULL ||
         picker_code (self->language_dropdown) != NULL ||
         gtk_switch_get_active (self->doc_switch);
}

static void
show_step (UdhaRegisterDialog *self,
           const char         *step)
{
  gboolean person = g_strcmp0 (step, "person") == 0;
  gboolean duplicates = g_strcmp0 (step, "duplicates") == 0;

  set_error (self, NULL);
  gtk_stack_set_visible_child_name (self->stack, step);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), duplicates);
  gtk_widget_set_visible (GTK_WIDGET (self->submit_button), !duplicates);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "register.back", duplicates);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "register.same-person", duplicates);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "register.register-new", duplicates);

  if (person)
    {
      adw_window_title_set_subtitle (self->window_title, _("Step 1 of 3: the person"));
      gtk_button_set_label (self->submit_button, _("_Continue"));
      gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->submit_button));
      validate (self);
    }
  else if (duplicates)
    {
      adw_window_title_set_subtitle (self->window_title, _("Step 2 of 3: possible matches"));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "register.submit", TRUE);
      gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->new_button));
    }
  else
    {
      adw_window_title_set_subtitle (self->window_title, _("Step 3 of 3: open a case"));
      gtk_button_set_label (self->submit_button, _("_Open Case"));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "register.submit", TRUE);
      gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->submit_button));
      gtk_widget_grab_focus (GTK_WIDGET (self->case_type_row));
    }
}

static UdhaPerson *
build_person (UdhaRegisterDialog *self)
{
  g_autoptr(UdhaPerson) person = udha_person_new ();
  g_autofree char *given = name_value (self->given_row, self->given_unknown);
  g_autofree char *family = name_value (self->family_row, self->family_unknown);
  g_autofree char *phone = entry_text (self->phone_row);
  const char *citizenships[] = { picker_code (self->citizenship_dropdown), NULL };
  const char *languages[] = { picker_code (self->language_dropdown), NULL };

  udha_person_set_given_name (person, given);
  udha_person_set_family_name (person, family);
  udha_person_set_sex (person, combo_code (self->sex_row));
  if (gtk_switch_get_active (self->age_only_switch))
    {
      g_autofree char *text = entry_text (self->age_row);

      udha_person_set_estimated_age (person, g_ascii_strtoll (text, NULL, 10));
      udha_person_set_age_basis (person, combo_code (self->age_basis_row));
    }
  else
    {
      g_autofree char *text = entry_text (self->dob_row);
      g_autofree char *iso = NULL;
      UdhaDate date;

      if (udha_date_parse_dob (text, NULL, NULL, &date, NULL))
        {
          iso = udha_date_to_iso (&date);
          udha_person_set_dob (person, iso);
          udha_person_set_dob_precision (person, date.precision == UDHA_DATE_PRECISION_DAY ? "day" :
                                                 date.precision == UDHA_DATE_PRECISION_MONTH ? "month" :
                                                 "year");
        }
    }
  udha_person_set_citizenships (person, citizenships);
  udha_person_set_languages (person, languages);
  if (phone[0] != '\0')
    udha_person_set_phone (person, phone);
  if (gtk_switch_get_active (self->doc_switch))
    {
      g_autofree char *number = entry_text (self->doc_number_row);

      udha_person_add_document (person, combo_code (self->doc_type_row), number,
                                picker_code (self->doc_country_dropdown), NULL, FALSE);
    }
  return g_steal_pointer (&person);
}

static char *
describe_birth (UdhaPerson *person)
{
  UdhaDate date;

  if (udha_date_from_iso (udha_person_get_dob (person), &date))
    {
      g_autofree char *shown = udha_date_to_display (&date);

      /* Translators: %s is a date of birth, e.g. 07.03.1998 */
      return g_strdup_printf (_("Born %s"), shown);
    }
  if (udha_person_get_estimated_age (person) > 0)
    {
      int age = (int) udha_person_get_estimated_age (person);

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "About %d year old", "About %d years old", age), age);
    }
  return g_strdup (_("Date of birth not known"));
}

static char *
describe_citizenships (UdhaPerson *person)
{
  const char * const *codes = udha_person_get_citizenships (person);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      const char *name = udha_iso_citizenship_get_name (codes[i]);

      g_strv_builder_add (builder, name != NULL ? name : codes[i]);
    }
  names = g_strv_builder_end (builder);
  return g_strjoinv (", ", names);
}

static char *
describe_reasons (GStrv codes)
{
  UdhaDuplicateReason reasons = UDHA_DUPLICATE_REASON_NONE;
  g_auto(GStrv) words = NULL;

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    for (guint bit = 0; bit < 7; bit++)
      if (g_strcmp0 (udha_duplicate_reason_get_code (1u << bit), codes[i]) == 0)
        reasons |= 1u << bit;
  words = udha_duplicate_reasons_describe (reasons);
  return g_strjoinv ("; ", words);
}

static void
clear_candidates (UdhaRegisterDialog *self)
{
  for (guint i = 0; i < self->candidate_rows->len; i++)
    adw_preferences_group_remove (self->candidates_group, g_ptr_array_index (self->candidate_rows, i));
  g_ptr_array_set_size (self->candidate_rows, 0);
  self->candidate_radio = NULL;
}

static void
show_candidates (UdhaRegisterDialog *self,
                 GPtrArray          *candidates)
{
  g_autoptr(GPtrArray) persons = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_visible = 0;

  clear_candidates (self);

  for (guint i = 0; i < candidates->len; i++)
    {
      UdhaDuplicateCandidate *candidate = g_ptr_array_index (candidates, i);
      UdhaPerson *person = udha_session_get_person (self->session, candidate->person_id, NULL);

      g_ptr_array_add (persons, person);
      n_visible += person != NULL;
    }

  for (guint i = 0; i < candidates->len; i++)
    {
      UdhaDuplicateCandidate *candidate = g_ptr_array_index (candidates, i);
      UdhaPerson *person = g_ptr_array_index (persons, i);
      g_autofree char *reasons = describe_reasons (candidate->reasons);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();

      if (person != NULL)
        {
          g_autofree char *born = describe_birth (person);
          g_autofree char *citizenship = describe_citizenships (person);

          title = person_display_name (person);
          /* Translators: the details of a possible duplicate: birth, citizenship,
           * registration number, then the reasons it matched */
          subtitle = g_strdup_printf (_("%s · %s · %s\nMatches: %s"), born, citizenship,
                                      udha_person_get_registration_number (person), reasons);
          g_object_set_data_full (G_OBJECT (row), "person-id",
                                  g_memdup2 (&candidate->person_id, sizeof (gint64)), g_free);

          /* With several people to tell apart, the user picks one. */
          if (n_visible > 1)
            {
              GtkWidget *radio = gtk_check_button_new ();

              gtk_widget_set_valign (radio, GTK_ALIGN_CENTER);
              label_widget (radio, title);
              if (self->candidate_radio == NULL)
                {
                  self->candidate_radio = GTK_CHECK_BUTTON (radio);
                  gtk_check_button_set_active (GTK_CHECK_BUTTON (radio), TRUE);
                }
              else
                gtk_check_button_set_group (GTK_CHECK_BUTTON (radio), self->candidate_radio);
              adw_action_row_add_prefix (ADW_ACTION_ROW (row), radio);
              adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), radio);
            }
        }
      else
        {
          title = g_strdup (_("A person outside your caseload"));
          /* Translators: %s lists the reasons a person matched */
          subtitle = g_strdup_printf (_("Ask a supervisor to check this match.\nMatches: %s"), reasons);
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_preferences_group_add (self->candidates_group, row);
      g_ptr_array_add (self->candidate_rows, row);
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->same_button), n_visible > 0);
  gtk_editable_set_text (GTK_EDITABLE (self->reason_row), "");
  self->touched [F_REASON] = FALSE;
  show_message (self, F_REASON, NULL);
  show_step (self, "duplicates");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "register.same-person", n_visible > 0);
  if (self->candidate_radio != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->candidate_radio));
  else if (n_visible > 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->same_button));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->reason_row));
}

static void
fill_case_page (UdhaRegisterDialog *self,
                UdhaPerson         *person)
{
  g_autofree char *name = person_display_name (person);
  g_autofree char *born = describe_birth (person);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", udha_person_get_registration_number (person), born);
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  UdhaUser *me = udha_session_get_user (self->session);
  guint selected = 0;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->person_row), name);
  adw_action_row_set_subtitle (self->person_row, subtitle);
  set_lookup_choices (self->case_type_row, UDHA_LOOKUP_CASE_TYPE, NULL, NULL);
  set_lookup_choices (self->risk_row, UDHA_LOOKUP_RISK_LEVEL, C_("risk", "Not assessed yet"), NULL);

  /* Caseworkers open cases for themselves (the session assigns them);
   * supervisors put a case in the intake queue or give it to someone. */
  if (udha_session_get_role (self->session) == UDHA_ROLE_KIND_SUPERVISOR)
    {
      g_autoptr(GPtrArray) users = NULL;
      g_autoptr(GError) error = NULL;

      g_ptr_array_add (codes, g_strdup (""));
      g_ptr_array_add (labels, g_strdup (_("The office intake queue")));

      /* The office's caseworkers, whom a supervisor may assign to. */
      users = udha_session_list_colleagues (self->session, &error);
      for (guint i = 0; users != NULL && i < users->len; i++)
        {
          UdhaUser *user = g_ptr_array_index (users, i);

          if (udha_user_get_disabled (user) ||
              udha_user_get_office_id (user) != udha_user_get_office_id (me) ||
              udha_user_get_id (user) == udha_user_get_id (me) ||
              g_strcmp0 (udha_user_get_role (user), UDHA_ROLE_ADMIN) == 0)
            continue;
          g_ptr_array_add (codes, g_strdup (udha_user_get_user_name (user)));
          g_ptr_array_add (labels, g_strdup (udha_user_get_display_name (user)));
        }
      if (error != NULL)
        g_debug ("No list of caseworkers: %s", error->message);
    }
  /* Translators: %s is the signed-in user's name */
  g_ptr_array_insert (codes, codes->len > 0 ? 1 : 0, g_strdup (udha_user_get_user_name (me)));
  g_ptr_array_insert (labels, labels->len > 0 ? 1 : 0,
                      g_strdup_printf (_("Me (%s)"), udha_user_get_display_name (me)));
  set_choices (self->assign_row, (const char * const *) codes->pdata,
               (const char * const *) labels->pdata, codes->len, selected);
  gtk_widget_set_sensitive (GTK_WIDGET (self->assign_row), codes->len > 1);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->assign_row),
                               codes->len > 1 ? NULL
                               : _("Your new cases are assigned to you; a supervisor can reassign them."));
}

static void
go_to_case (UdhaRegisterDialog *self,
            UdhaPerson         *person)
{
  self->person_id = udha_person_get_id (person);
  g_signal_emit (self, signals [PERSON_REGISTERED], 0, self->person_id);
  fill_case_page (self, person);
  show_step (self, "case");
}

/* Returns: a case of @person_id the user can see that is not closed, 0 if
 * there is none, or -1 with @error set */
static gint64
find_open_case (UdhaRegisterDialog  *self,
                gint64               person_id,
                GError             **error)
{
  g_autoptr(GPtrArray) cases = udha_session_list_cases_of_person (self->session, person_id, error);

  if (cases == NULL)
    return -1;
  for (guint i = 0; i < cases->len; i++)
    {
      UdhaCase *case_ = g_ptr_array_index (cases, i);

      if (!udha_lookup_has_flag (UDHA_LOOKUP_CASE_STATUS, udha_case_get_status (case_),
                                 UDHA_LOOKUP_FLAG_TERMINAL))
        return udha_case_get_id (case_);
    }
  return 0;
}

static gboolean
add_toast_cb (gpointer data)
{
  AdwToast *toast = data;
  AdwToastOverlay *overlay = g_object_get_data (G_OBJECT (toast), "overlay");

  if (gtk_widget_get_root (GTK_WIDGET (overlay)) != NULL)
    adw_toast_overlay_add_toast (overlay, g_object_ref (toast));
  g_object_set_data (G_OBJECT (toast), "overlay", NULL);
  g_object_unref (toast);
  return G_SOURCE_REMOVE;
}

static void
add_toast (UdhaRegisterDialog *self,
           const char         *title)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  GtkWidget *widget = parent != NULL ? GTK_WIDGET (parent) : NULL;

  /* Depth first, for the parent's toast overlay. */
  while (widget != NULL && !ADW_IS_TOAST_OVERLAY (widget))
    {
      GtkWidget *next = gtk_widget_get_first_child (widget);

      while (next == NULL && widget != GTK_WIDGET (parent))
        {
          next = gtk_widget_get_next_sibling (widget);
          if (next == NULL)
            {
              widget = gtk_widget_get_parent (widget);
              if (widget == GTK_WIDGET (parent))
                break;
            }
        }
      widget = next;
    }
  if (widget != NULL)
    {
      /* From an idle: libadwaita 1.2 crashes when a toast is dismissed and
       * another added in the same main-loop turn, and closing this dialog
       * makes the window show its own messages. */
      AdwToast *toast = adw_toast_new (title);

      g_object_set_data_full (G_OBJECT (toast), "overlay", g_object_ref (widget), g_object_unref);
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, add_toast_cb, toast, NULL);
    }
}

static void
finish (UdhaRegisterDialog *self)
{
  self->done = TRUE;
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
submit_person (UdhaRegisterDialog *self)
{
  g_autoptr(UdhaPerson) person = NULL;
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GError) error = NULL;
  Field first;

  self->show_all = TRUE;
  first = validate (self);
  if (first != N_FIELDS)
    {
      gtk_widget_grab_focus (self->fields [first]);
      return;
    }

  person = build_person (self);
  if (!udha_session_register_person (self->session, person, FALSE, &candidates, &error))
    {
      set_error (self, error->message);
      return;
    }
  if (udha_person_get_id (person) == 0 && candidates != NULL && candidates->len > 0)
    show_candidates (self, candidates);
  else
    go_to_case (self, person);
}

static void
register_new (UdhaRegisterDialog *self)
{
  g_autoptr(UdhaPerson) person = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = check_field (self, F_REASON);
  g_autofree char *reason = NULL;

  self->touched [F_REASON] = TRUE;
  show_message (self, F_REASON, message);
  if (message != NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->reason_row));
      return;
    }

  /* The session records the reason, and which candidates were set aside. */
  person = build_person (self);
  set_error (self, NULL);
  reason = entry_text (self->reason_row);
  if (!udha_session_register_person_forced (self->session, person, reason, NULL, &error))
    {
      set_error (self, error->message);
      return;
    }
  go_to_case (self, person);
}

static void
open_case (UdhaRegisterDialog *self)
{
  g_autoptr(UdhaCase) case_ = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *toast = NULL;
  const char *assign_to = combo_code (self->assign_row);
  gint64 case_id;

  set_error (self, NULL);
  case_ = udha_session_open_case_with_risk (self->session, self->person_id, combo_code (self->case_type_row),
                                            combo_code (self->risk_row), assign_to, &error);
  if (case_ == NULL)
    {
      set_error (self, error->message);
      return;
    }

  case_id = udha_case_get_id (case_);
  /* Translators: %s is a case number such as TIR-2026-00042 */
  toast = g_strdup_printf (_("Case %s opened"), udha_case_get_number (case_));
  add_toast (self, toast);
  g_object_ref (self);
  g_signal_emit (self, signals [CASE_OPENED], 0, case_id);
  finish (self);
  g_object_unref (self);
}

/* Signal callbacks */

static void
given_changed_cb (UdhaRegisterDialog *self)
{
  field_typed (self, F_GIVEN);
}

static void
family_changed_cb (UdhaRegisterDialog *self)
{
  field_typed (self, F_FAMILY);
}

static void
dob_changed_cb (UdhaRegisterDialog *self)
{
  field_typed (self, F_DOB);
}

static void
age_changed_cb (UdhaRegisterDialog *self)
{
  field_typed (self, F_AGE);
}

static void
phone_changed_cb (UdhaRegisterDialog *self)
{
  field_typed (self, F_PHONE);
}

static void
doc_number_changed_cb (UdhaRegisterDialog *self)
{
  field_typed (self, F_DOC_NUMBER);
}

static void
reason_changed_cb (UdhaRegisterDialog *self)
{
  if (self->touched [F_REASON])
    {
      g_autofree char *message = check_field (self, F_REASON);

      show_message (self, F_REASON, message);
    }
}

static void
sex_selected_cb (UdhaRegisterDialog *self)
{
  field_chosen (self, F_SEX);
}

static void
citizenship_selected_cb (UdhaRegisterDialog *self)
{
  field_chosen (self, F_CITIZENSHIP);
}

static void
language_selected_cb (UdhaRegisterDialog *self)
{
  field_chosen (self, F_LANGUAGE);
}

static void
doc_country_selected_cb (UdhaRegisterDialog *self)
{
  field_chosen (self, F_DOC_COUNTRY);
}

static void
unknown_toggled_cb (GtkToggleButton    *button,
                    UdhaRegisterDialog *self)
{
  AdwEntryRow *row = button == self->given_unknown ? self->given_row : self->family_row;
  gboolean active = gtk_toggle_button_get_active (button);

  gtk_editable_set_text (GTK_EDITABLE (row), active ? C_("name", "Unknown") : "");
  gtk_editable_set_editable (GTK_EDITABLE (row), !active);
  field_chosen (self, button == self->given_unknown ? F_GIVEN : F_FAMILY);
}

static void
age_only_changed_cb (UdhaRegisterDialog *self)
{
  gboolean age_only = gtk_switch_get_active (self->age_only_switch);

  gtk_widget_set_visible (GTK_WIDGET (self->dob_row), !age_only);
  gtk_widget_set_visible (GTK_WIDGET (self->age_row), age_only);
  gtk_widget_set_visible (GTK_WIDGET (self->age_basis_row), age_only);
  validate (self);
}

static void
doc_changed_cb (UdhaRegisterDialog *self)
{
  gboolean active = gtk_switch_get_active (self->doc_switch);

  gtk_widget_set_visible (GTK_WIDGET (self->doc_type_row), active);
  gtk_widget_set_visible (GTK_WIDGET (self->doc_number_row), active);
  gtk_widget_set_visible (GTK_WIDGET (self->doc_country_row), active);
  validate (self);
}

static void
discard_response_cb (AdwMessageDialog   *dialog,
                     const char         *response,
                     UdhaRegisterDialog *self)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;
  /* The question outlives this window by a moment (its button closes it
   * after the response): let go of the window before it goes. */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  finish (self);
}

static gboolean
close_request_cb (UdhaRegisterDialog *self)
{
  GtkWidget *dialog;
  gboolean on_case = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "case") == 0;

  if (self->done || !has_data (self))
    return FALSE;

  if (on_case)
    dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Close Without Opening a Case?"),
                                     _("The person stays registered. You can open a case for them later."));
  else
    dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Discard this registration?"),
                                     _("The details you entered will be lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Editing"),
                                    "discard", on_case ? _("C_lose") : _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* Action callbacks */

static void
udha_register_dialog_submit_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  UdhaRegisterDialog *self = UDHA_REGISTER_DIALOG (widget);
  const char *step = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (step, "person") == 0)
    submit_person (self);
  else if (g_strcmp0 (step, "duplicates") == 0)
    register_new (self);
  else
    open_case (self);
}

static void
udha_register_dialog_cancel_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
udha_register_dialog_back_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  UdhaRegisterDialog *self = UDHA_REGISTER_DIALOG (widget);

  show_step (self, "person");
  gtk_widget_grab_focus (GTK_WIDGET (self->given_row));
}

static void
udha_register_dialog_same_person_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *param)
{
  UdhaRegisterDialog *self = UDHA_REGISTER_DIALOG (widget);
  g_autoptr(UdhaPerson) person = NULL;
  g_autoptr(GError) error = NULL;
  gint64 person_id = 0;
  gint64 case_id;

  for (guint i = 0; i < self->candidate_rows->len && person_id == 0; i++)
    {
      AdwActionRow *row = g_ptr_array_index (self->candidate_rows, i);
      GtkWidget *radio = adw_action_row_get_activatable_widget (row);
      gint64 *id = g_object_get_data (G_OBJECT (row), "person-id");

      /* The chosen one, or the only one the user can see. */
      if (id != NULL && (radio == NULL || gtk_check_button_get_active (GTK_CHECK_BUTTON (radio))))
        person_id = *id;
    }
  if (person_id == 0)
    return;

  person = udha_session_get_person (self->session, person_id, &error);
  if (person == NULL)
    {
      set_error (self, error->message);
      return;
    }
  case_id = find_open_case (self, person_id, &error);
  if (case_id < 0)
    {
      set_error (self, error->message);
      return;
    }
  if (case_id == 0)
    {
      go_to_case (self, person);
      return;
    }

  /* Their file is open already: show it rather than a second case. */
  self->person_id = person_id;
  g_object_ref (self);
  g_signal_emit (self, signals [PERSON_REGISTERED], 0, person_id);
  g_signal_emit (self, signals [CASE_OPENED], 0, case_id);
  finish (self);
  g_object_unref (self);
}

static void
udha_register_dialog_register_new_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *param)
{
  register_new (UDHA_REGISTER_DIALOG (widget));
}

/* GObject */

static void
udha_register_dialog_dispose (GObject *object)
{
  UdhaRegisterDialog *self = (UdhaRegisterDialog *)object;

  g_clear_handle_id (&self->settle_source, g_source_remove);
  g_clear_pointer (&self->candidate_rows, g_ptr_array_unref);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), UDHA_TYPE_REGISTER_DIALOG);

  G_OBJECT_CLASS (udha_register_dialog_parent_class)->dispose (object);
}

static void
udha_register_dialog_class_init (UdhaRegisterDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = udha_register_dialog_dispose;

  /**
   * UdhaRegisterDialog::person-registered:
   * @person_id: the new person, or the existing person chosen as the same
   *
   * A person was registered, or recognised among the candidates.
   */
  signals [PERSON_REGISTERED] =
    g_signal_new ("person-registered",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * UdhaRegisterDialog::case-opened:
   * @case_id: the new case, or the person's case that is already open
   *
   * Emitted just before the dialog closes.
   */
  signals [CASE_OPENED] =
    g_signal_new ("case-opened",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/udha/Udha/ui/udha-register-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, UdhaRegisterDialog, name)
  BIND (window_title);
  BIND (back_button);
  BIND (submit_button);
  BIND (same_button);
  BIND (new_button);
  BIND (error_label);
  BIND (stack);
  BIND (given_row);
  BIND (family_row);
  BIND (given_unknown);
  BIND (family_unknown);
  BIND (sex_row);
  BIND (age_only_switch);
  BIND (dob_row);
  BIND (age_row);
  BIND (age_basis_row);
  BIND (citizenship_row);
  BIND (citizenship_dropdown);
  BIND (language_row);
  BIND (language_dropdown);
  BIND (phone_row);
  BIND (doc_switch);
  BIND (doc_type_row);
  BIND (doc_number_row);
  BIND (doc_country_row);
  BIND (doc_country_dropdown);
  BIND (candidates_group);
  BIND (reason_row);
  BIND (person_row);
  BIND (case_type_row);
  BIND (risk_row);
  BIND (assign_row);
  BIND (given_message);
  BIND (family_message);
  BIND (sex_message);
  BIND (dob_message);
  BIND (age_message);
  BIND (citizenship_message);
  BIND (language_message);
  BIND (phone_message);
  BIND (doc_number_message);
  BIND (doc_country_message);
  BIND (reason_message);
#undef BIND

  gtk_widget_class_install_action (widget_class, "register.submit", NULL,
                                   udha_register_dialog_submit_action);
  gtk_widget_class_install_action (widget_class, "register.cancel", NULL,
                                   udha_register_dialog_cancel_action);
  gtk_widget_class_install_action (widget_class, "register.back", NULL,
                                   udha_register_dialog_back_action);
  gtk_widget_class_install_action (widget_class, "register.same-person", NULL,
                                   udha_register_dialog_same_person_action);
  gtk_widget_class_install_action (widget_class, "register.register-new", NULL,
                                   udha_register_dialog_register_new_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "register.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "register.submit", NULL);
}

static void
setup_field (UdhaRegisterDialog *self,
             Field               field,
             gpointer            widget,
             AdwPreferencesRow  *message_row,
             const char         *name)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_add_css_class (label, "error");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (message_row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (message_row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (message_row), FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (message_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (message_row), FALSE);

  self->fields [field] = widget;
  self->messages [field] = message_row;
  self->message_labels [field] = GTK_LABEL (label);
  label_widget (widget, name);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, label, NULL,
                                  -1);
}

static void
udha_register_dialog_init (UdhaRegisterDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->candidate_rows = g_ptr_array_new ();

  setup_field (self, F_GIVEN, self->given_row, self->given_message, _("Given name(s)"));
  setup_field (self, F_FAMILY, self->family_row, self->family_message, _("Family name"));
  setup_field (self, F_SEX, self->sex_row, self->sex_message, _("Sex"));
  setup_field (self, F_DOB, self->dob_row, self->dob_message, _("Date of birth"));
  setup_field (self, F_AGE, self->age_row, self->age_message, _("Estimated age in years"));
  setup_field (self, F_CITIZENSHIP, self->citizenship_dropdown, self->citizenship_message, _("Citizenship"));
  setup_field (self, F_LANGUAGE, self->language_dropdown, self->language_message, _("First language"));
  setup_field (self, F_PHONE, self->phone_row, self->phone_message, _("Phone"));
  setup_field (self, F_DOC_NUMBER, self->doc_number_row, self->doc_number_message, _("Document number"));
  setup_field (self, F_DOC_COUNTRY, self->doc_country_dropdown, self->doc_country_message, _("Issuing country"));
  setup_field (self, F_REASON, self->reason_row, self->reason_message, _("Why is this a different person?"));

  label_widget (self->given_unknown, _("Given name not known"));
  label_widget (self->family_unknown, _("Family name not known"));
  label_widget (self->age_only_switch, _("Age only"));
  label_widget (self->age_basis_row, _("Basis of the estimate"));
  label_widget (self->doc_switch, _("The person has a document"));
  label_widget (self->doc_type_row, _("Document type"));
  label_widget (self->case_type_row, _("Case type"));
  label_widget (self->risk_row, _("Risk level"));
  label_widget (self->assign_row, _("Assign to"));

  set_lookup_choices (self->sex_row, UDHA_LOOKUP_SEX, C_("choice", "Not chosen"), NULL);
  set_lookup_choices (self->age_basis_row, UDHA_LOOKUP_AGE_BASIS, NULL, "self_declared");
  set_lookup_choices (self->doc_type_row, UDHA_LOOKUP_DOCUMENT_TYPE, NULL, "passport");
  fill_country_picker (self->citizenship_dropdown, TRUE);
  fill_country_picker (self->doc_country_dropdown, FALSE);
  fill_language_picker (self->language_dropdown);

  g_signal_connect_swapped (self->given_row, "changed", G_CALLBACK (given_changed_cb), self);
  g_signal_connect_swapped (self->family_row, "changed", G_CALLBACK (family_changed_cb), self);
  g_signal_connect_swapped (self->dob_row, "changed", G_CALLBACK (dob_changed_cb), self);
  g_signal_connect_swapped (self->age_row, "changed", G_CALLBACK (age_changed_cb), self);
  g_signal_connect_swapped (self->phone_row, "changed", G_CALLBACK (phone_changed_cb), self);
  g_signal_connect_swapped (self->doc_number_row, "changed", G_CALLBACK (doc_number_changed_cb), self);
  g_signal_connect_swapped (self->reason_row, "changed", G_CALLBACK (reason_changed_cb), self);
  g_signal_connect_swapped (self->sex_row, "notify::selected", G_CALLBACK (sex_selected_cb), self);
  g_signal_connect_swapped (self->citizenship_dropdown, "notify::selected",
                            G_CALLBACK (citizenship_selected_cb), self);
  g_signal_connect_swapped (self->language_dropdown, "notify::selected",
                            G_CALLBACK (language_selected_cb), self);
  g_signal_connect_swapped (self->doc_country_dropdown, "notify::selected",
                            G_CALLBACK (doc_country_selected_cb), self);
  g_signal_connect (self->given_unknown, "toggled", G_CALLBACK (unknown_toggled_cb), self);
  g_signal_connect (self->family_unknown, "toggled", G_CALLBACK (unknown_toggled_cb), self);
  g_signal_connect_swapped (self->age_only_switch, "notify::active", G_CALLBACK (age_only_changed_cb), self);
  g_signal_connect_swapped (self->doc_switch, "notify::active", G_CALLBACK (doc_changed_cb), self);
  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);

  show_step (self, "person");
  gtk_widget_grab_focus (GTK_WIDGET (self->given_row));
}

/* Public API */

/**
 * udha_register_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @session: the signed-in session
 *
 * Returns: (transfer none): a new modal dialog, not yet presented; it is
 *   destroyed when closed
 */
UdhaRegisterDialog *
udha_register_dialog_new (GtkWindow   *parent,
                          UdhaSession *session)
{
  UdhaRegisterDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (UDHA_IS_SESSION (session), NULL);

  self = g_object_new (UDHA_TYPE_REGISTER_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->session = g_object_ref (session);
  return self;
}
