/* udha-record.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Field-table helpers shared by the record GObjects (udha-person.c,
 * udha-case.c, …): initialisation, finalisation, JSON, generic access. */

#define G_LOG_DOMAIN "udha-record"

#include "config.h"

#include "udha-record.h"

#define FIELD_PTR(record, field) G_STRUCT_MEMBER_P ((record), (field)->offset)

/**
 * udha_record_set_str:
 * @str_ptr: a string field
 * @new_str: (nullable): the new value
 *
 * Returns: %TRUE if the value changed (STYLE.md §4.4; GLib 2.74 has no g_set_str)
 */
gboolean
udha_record_set_str (char       **str_ptr,
                     const char  *new_str)
{
  if (g_strcmp0 (*str_ptr, new_str) == 0)
    return FALSE;
  g_free (*str_ptr);
  *str_ptr = g_strdup (new_str);
  return TRUE;
}

void
udha_record_init_fields (gpointer              record,
                         const UdhaRecordInfo *info)
{
  for (guint i = 0; i < info->n_fields; i++)
    {
      const UdhaField *f = &info->fields[i];

      if (f->type == UDHA_FIELD_INT)
        *(gint64 *) FIELD_PTR (record, f) = -1;
    }
  /* row_version is 0 for a record never saved */
  *(gint64 *) FIELD_PTR (record, &info->fields[1]) = 0;
}

void
udha_record_clear_fields (gpointer              record,
                          const UdhaRecordInfo *info)
{
  for (guint i = 0; i < info->n_fields; i++)
    {
      const UdhaField *f = &info->fields[i];

      switch (f->type)
        {
        case UDHA_FIELD_STRING:
          g_clear_pointer ((char **) FIELD_PTR (record, f), g_free);
          break;
        case UDHA_FIELD_CODES:
          g_clear_pointer ((GStrv *) FIELD_PTR (record, f), g_strfreev);
          break;
        case UDHA_FIELD_ID:
        case UDHA_FIELD_INT:
        case UDHA_FIELD_BOOL:
        default:
          break;
        }
    }
}

/**
 * udha_record_add_json_members:
 * @record: a record GObject
 * @info: its description
 * @builder: a #JsonBuilder inside an object
 *
 * Adds one member per field, named after the field. Unset values are null;
 * code lists are arrays.
 */
void
udha_record_add_json_members (gpointer              record,
                              const UdhaRecordInfo *info,
                              JsonBuilder          *builder)
{
  for (guint i = 0; i < info->n_fields; i++)
    {
      const UdhaField *f = &info->fields[i];

      json_builder_set_member_name (builder, f->name);
      switch (f->type)
        {
        case UDHA_FIELD_STRING:
          {
            const char *s = *(char **) FIELD_PTR (record, f);

            if (s != NULL)
              json_builder_add_string_value (builder, s);
            else
              json_builder_add_null_value (builder);
          }
          break;
        case UDHA_FIELD_ID:
          {
            gint64 v = *(gint64 *) FIELD_PTR (record, f);

            if (v != 0)
              json_builder_add_int_value (builder, v);
            else
              json_builder_add_null_value (builder);
          }
          break;
        case UDHA_FIELD_INT:
          {
            gint64 v = *(gint64 *) FIELD_PTR (record, f);

            if (v >= 0)
              json_builder_add_int_value (builder, v);
            else
              json_builder_add_null_value (builder);
          }
          break;
        case UDHA_FIELD_BOOL:
          json_builder_add_boolean_value (builder, *(gboolean *) FIELD_PTR (record, f));
          break;
        case UDHA_FIELD_CODES:
          {
            GStrv codes = *(GStrv *) FIELD_PTR (record, f);

            json_builder_begin_array (builder);
            for (guint j = 0; codes != NULL && codes[j] != NULL; j++)
              json_builder_add_string_value (builder, codes[j]);
            json_builder_end_array (builder);
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

const UdhaField *
udha_record_info_lookup (const UdhaRecordInfo *info,
                         const char           *name)
{
  for (guint i = 0; i < info->n_fields; i++)
    {
      if (g_str_equal (info->fields[i].name, name))
        return &info->fields[i];
    }
  return NULL;
}

const char *
udha_record_get_string (gpointer         record,
                        const UdhaField *field)
{
  g_return_val_if_fail (field->type == UDHA_FIELD_STRING, NULL);

  return *(char **) FIELD_PTR (record, field);
}

void
udha_record_set_string (gpointer         record,
                        const UdhaField *field,
                        const char      *value)
{
  g_return_if_fail (field->type == UDHA_FIELD_STRING);

  udha_record_set_str ((char **) FIELD_PTR (record, field), value);
}

gint64
udha_record_get_int (gpointer         record,
                     const UdhaField *field)
{
  if (field->type == UDHA_FIELD_BOOL)
    return *(gboolean *) FIELD_PTR (record, field) ? 1 : 0;

  g_return_val_if_fail (field->type == UDHA_FIELD_ID || field->type == UDHA_FIELD_INT, -1);

  return *(gint64 *) FIELD_PTR (record, field);
}

void
udha_record_set_int (gpointer         record,
                     const UdhaField *field,
                     gint64           value)
{
  if (field->type == UDHA_FIELD_BOOL)
    {
      *(gboolean *) FIELD_PTR (record, field) = value != 0;
      return;
    }

  g_return_if_fail (field->type == UDHA_FIELD_ID || field->type == UDHA_FIELD_INT);

  *(gint64 *) FIELD_PTR (record, field) = value;
}

const char * const *
udha_record_get_codes (gpointer         record,
                       const UdhaField *field)
{
  g_return_val_if_fail (field->type == UDHA_FIELD_CODES, NULL);

  return (const char * const *) *(GStrv *) FIELD_PTR (record, field);
}

void
udha_record_set_codes (gpointer            record,
                       const UdhaField    *field,
                       const char * const *codes)
{
  GStrv *ptr;

  g_return_if_fail (field->type == UDHA_FIELD_CODES);

  ptr = (GStrv *) FIELD_PTR (record, field);
  if ((const char * const *) *ptr == codes)
    return;
  g_strfreev (*ptr);
  *ptr = (codes != NULL && codes[0] != NULL) ? g_strdupv ((char **) codes) : NULL;
}

/**
 * udha_record_copy_fields:
 * @dest: a record GObject
 * @src: a record GObject of the same type
 * @info: their description
 *
 * Copies every field, id and row_version included.
 */
void
udha_record_copy_fields (gpointer              dest,
                         gpointer              src,
                         const UdhaRecordInfo *info)
{
  for (guint i = 0; i < info->n_fields; i++)
    {
      const UdhaField *f = &info->fields[i];

      switch (f->type)
        {
        case UDHA_FIELD_STRING:
          udha_record_set_string (dest, f, udha_record_get_string (src, f));
          break;
        case UDHA_FIELD_CODES:
          udha_record_set_codes (dest, f, udha_record_get_codes (src, f));
          break;
        case UDHA_FIELD_ID:
        case UDHA_FIELD_INT:
        case UDHA_FIELD_BOOL:
          udha_record_set_int (dest, f, udha_record_get_int (src, f));
          break;
        default:
          g_assert_not_reached ();
        }
    }
}
