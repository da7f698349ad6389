/* udha-case-row.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One row of a caseload list (UdhaCaseListModel): a light, read-only
 * object whose properties a GtkColumnView binds with GtkExpression or
 * GtkBuilderListItemFactory. The person's name is shown as "Family, Given",
 * the same order the list sorts by. */

#define G_LOG_DOMAIN "udha-case-row"

#include "config.h"

#include "udha-case-row-private.h"

struct _UdhaCaseRow
{
  GObject          parent_instance;

  /* Owned */
  UdhaCaseListRow *row;
  char            *person_name;
};

G_DEFINE_FINAL_TYPE (UdhaCaseRow, udha_case_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NUMBER,
  PROP_PERSON_NAME,
  PROP_CITIZENSHIP,
  PROP_CASE_TYPE,
  PROP_STATUS,
  PROP_RISK,
  PROP_LAST_CONTACT,
  PROP_NEXT_FOLLOW_UP,
  PROP_OVERDUE,
  PROP_ASSIGNED_USER,
  PROP_OFFICE_CODE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
udha_case_row_finalize (GObject *object)
{
  UdhaCaseRow *self = (UdhaCaseRow *)object;

  g_clear_pointer (&self->row, udha_case_list_row_free);
  g_clear_pointer (&self->person_name, g_free);

  G_OBJECT_CLASS (udha_case_row_parent_class)->finalize (object);
}

static void
udha_case_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  UdhaCaseRow *self = UDHA_CASE_ROW (object);
  UdhaCaseListRow *row = self->row;

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, row->id);
      break;
    case PROP_NUMBER:
      g_value_set_string (value, row->number);
      break;
    case PROP_PERSON_NAME:
      g_value_set_string (value, self->person_name);
      break;
    case PROP_CITIZENSHIP:
      g_value_set_string (value, row->citizenship);
      break;
    case PROP_CASE_TYPE:
      g_value_set_string (value, row->case_type);
      break;
    case PROP_STATUS:
      g_value_set_string (value, row->status);
      break;
    case PROP_RISK:
      g_value_set_string (value, row->risk);
      break;
    case PROP_LAST_CONTACT:
      g_value_set_string (value, row->last_contact);
      break;
    case PROP_NEXT_FOLLOW_UP:
      g_value_set_string (value, row->next_follow_up);
      break;
    case PROP_OVERDUE:
      g_value_set_boolean (value, row->overdue);
      break;
    case PROP_ASSIGNED_USER:
      g_value_set_string (value, row->assigned_user);
      break;
    case PROP_OFFICE_CODE:
      g_value_set_string (value, row->office_code);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
}

static void
udha_case_row_class_init (UdhaCaseRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = udha_case_row_finalize;
  object_class->get_property = udha_case_row_get_property;

  properties [PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_NUMBER] = string_property ("number");
  properties [PROP_PERSON_NAME] = string_property ("person-name");
  properties [PROP_CITIZENSHIP] = string_property ("citizenship");
  properties [PROP_CASE_TYPE] = string_property ("case-type");
  properties [PROP_STATUS] = string_property ("status");
  properties [PROP_RISK] = string_property ("risk");
  properties [PROP_LAST_CONTACT] = string_property ("last-contact");
  properties [PROP_NEXT_FOLLOW_UP] = string_property ("next-follow-up");
  properties [PROP_OVERDUE] =
    g_param_spec_boolean ("overdue", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_ASSIGNED_USER] = string_property ("assigned-user");
  properties [PROP_OFFICE_CODE] = string_property ("office-code");
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
udha_case_row_init (UdhaCaseRow *self)
{
}

/**
 * _udha_case_row_new: (skip)
 * @row: (transfer full): the row read by the store
 *
 * Returns: (transfer full): a new #UdhaCaseRow
 */
UdhaCaseRow *
_udha_case_row_new (UdhaCaseListRow *row)
{
  UdhaCaseRow *self;

  g_return_val_if_fail (row != NULL, NULL);

  self = g_object_new (UDHA_TYPE_CASE_ROW, NULL);
  self->row = row;
  if (row->family_name != NULL && row->given_name != NULL)
    self->person_name = g_strdup_printf ("%s, %s", row->family_name, row->given_name);
  else
    self->person_name = g_strdup (row->family_name != NULL ? row->family_name : row->given_name);
  return self;
}

gint64
udha_case_row_get_id (UdhaCaseRow *self)
{
  g_return_val_if_fail (UDHA_IS_CASE_ROW (self), 0);

  return self->row->id;
}

const char *
udha_case_row_get_number (UdhaCaseRow *self)
{
  g_return_val_if_fail (UDHA_IS_CASE_ROW (self), NULL);

  return self->row->number;
}

/**
 * udha_case_row_get_person_name:
 * @self: a #UdhaCaseRow
 *
 * Returns: (nullable): the person's name as "Family, Given"
 */
const char *
udha_case_row_get_person_name (UdhaCaseRow *self)
{
  g_return_val_if_fail (UDHA_IS_CASE_ROW (self), NULL);

  return self->person_name;
}

const char *
udha_case_row_get_family_name (UdhaCaseRow *self)
{
  g_return_val_if_fail (UDHA_IS_CASE_ROW (self), NULL);

  return self->row->family_name;
}

const char *
udha_case_row_get_given_name (UdhaCaseRow *self)
{
  g_return_val_if_fail (UDHA_IS_CASE_ROW (self), NULL);

  return self->row->given_name;
}

const char *
udha_case_row_get_citizenship (UdhaCaseRow *self)
{
  g_return_val_if_fail (UDHA_IS_CASE_ROW (self), NULL);

  return self->row->citizenship;
}

const char *
udha_case_row_get_case_type (UdhaCaseRow *self)
{
  g_return_val_if_fail (UDHA_IS_CASE_ROW (self), NULL);

  return self->row->case_type;
}

const char *
udha_case_row_get_status (UdhaCaseRow *self)
{
  g_return_val_if_fail (UDHA_IS_CASE_ROW (self), NULL);

  return self->row->status;
}

const char *
udha_case_row_get_risk (UdhaCaseRow *self)
{
  g_return_val_if_fail (UDHA_IS_CASE_ROW (self), NULL);

  return self->row->risk;
}

const char *
udha_case_row_get_last_contact (UdhaCaseRow *self)
{
  g_return_val_if_fail (UDHA_IS_CASE_ROW (self), NULL);

  return self->row->last_contact;
}

const char *
udha_case_row_get_next_follow_up (UdhaCaseRow *self)
{
  g_return_val_if_fail (UDHA_IS_CASE_ROW (self), NULL);

  return self->row->next_follow_up;
}

gboolean
udha_case_row_get_overdue (UdhaCaseRow *self)
{
  g_return_val_if_fail (UDHA_IS_CASE_ROW (self), FALSE);

  return self->row->overdue;
}

const char *
udha_case_row_get_assigned_user (UdhaCaseRow *self)
{
  g_return_val_if_fail (UDHA_IS_CASE_ROW (self), NULL);

  return self->row->assigned_user;
}

const char *
udha_case_row_get_office_code (UdhaCaseRow *self)
{
  g_return_val_if_fail (UDHA_IS_CASE_ROW (self), NULL);

  return self->row->office_code;
}

/* The value of the sort key the row was read by (keyset paging), or NULL */
const char *
_udha_case_row_get_sort_key (UdhaCaseRow *self)
{
  g_return_val_if_fail (UDHA_IS_CASE_ROW (self), NULL);

  return self->row->sort_key;
}
