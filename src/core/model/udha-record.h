/* udha-record.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * UdhaFieldType:
 * @UDHA_FIELD_STRING: `char *`; %NULL when unset (JSON null)
 * @UDHA_FIELD_ID: `gint64` reference to another record; 0 when unset (JSON null)
 * @UDHA_FIELD_INT: `gint64`; -1 when unset (JSON null)
 * @UDHA_FIELD_BOOL: `gboolean`
 * @UDHA_FIELD_CODES: a %NULL-terminated list of codes (`GStrv`); %NULL when
 *   empty (JSON array). The store keeps it in a child table, in order.
 *
 * The kinds of field a record GObject holds.
 */
typedef enum
{
  UDHA_FIELD_STRING,
  UDHA_FIELD_ID,
  UDHA_FIELD_INT,
  UDHA_FIELD_BOOL,
  UDHA_FIELD_CODES,
} UdhaFieldType;

/**
 * UdhaField:
 * @name: the field's name: JSON member name and store column name
 * @type: its kind
 * @offset: its offset in the instance structure
 *
 * The first two fields of every record are "id" (%UDHA_FIELD_ID) and
 * "row_version" (%UDHA_FIELD_INT).
 */
typedef struct
{
  const char    *name;
  UdhaFieldType  type;
  gsize          offset;
} UdhaField;

/**
 * UdhaRecordInfo:
 * @name: the record's name ("person", "case", …)
 * @fields: its fields, "id" and "row_version" first
 * @n_fields: the number of @fields
 *
 * Describes a record GObject (udha-person.h, udha-case.h, …) so that the
 * store and the JSON writers can treat every record the same way.
 */
typedef struct
{
  const char      *name;
  const UdhaField *fields;
  guint            n_fields;
} UdhaRecordInfo;

gboolean             udha_record_set_str           (char                 **str_ptr,
                                                    const char            *new_str);

void                 udha_record_init_fields       (gpointer               record,
                                                    const UdhaRecordInfo  *info);
void                 udha_record_clear_fields      (gpointer               record,
                                                    const UdhaRecordInfo  *info);
void                 udha_record_add_json_members  (gpointer               record,
                                                    const UdhaRecordInfo  *info,
                                                    JsonBuilder           *builder);
const UdhaField     *udha_record_info_lookup       (const UdhaRecordInfo  *info,
                                                    const char            *name);

const char          *udha_record_get_string        (gpointer               record,
                                                    const UdhaField       *field);
void                 udha_record_set_string        (gpointer               record,
                                                    const UdhaField       *field,
                                                    const char            *value);
gint64               udha_record_get_int           (gpointer               record,
                                                    const UdhaField       *field);
void                 udha_record_set_int           (gpointer               record,
                                                    const UdhaField       *field,
                                                    gint64                 value);
const char * const  *udha_record_get_codes         (gpointer               record,
                                                    const UdhaField       *field);
void                 udha_record_set_codes         (gpointer               record,
                                                    const UdhaField       *field,
                                                    const char * const    *codes);
void                 udha_record_copy_fields       (gpointer               dest,
                                                    gpointer               src,
                                                    const UdhaRecordInfo  *info);

G_END_DECLS
