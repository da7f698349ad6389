/* udha-interview.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* An interview or contact log entry (DOMAIN.md §4); edits keep earlier revisions.
 *
 * Field names are the JSON member names and the store's column names
 * (udha-record.h). Unset values: NULL strings and code lists, 0 ids, -1
 * numbers. */

#define G_LOG_DOMAIN "udha-interview"

#include "config.h"

#include "udha-interview.h"

struct _UdhaInterview
{
  GObject  parent_instance;

  gint64    id;
  gint64    row_version;
  gint64    case_id;
  char     *occurred_at;
  gint64    duration_minutes;
  char     *contact_type;
  char     *location;
  char     *qark;
  char     *language;
  char     *interpreter;
  char     *consent_reconfirmed;
  char     *narrative;
  gboolean  confidential;
  char     *risk_after;
  char     *next_follow_up;
  gint64    author_id;
  gint64    revision;
  gint64    edited_by;
  char     *edited_at;
};

G_DEFINE_FINAL_TYPE (UdhaInterview, udha_interview, G_TYPE_OBJECT)

static const UdhaField fields[] = {
  { "id", UDHA_FIELD_ID, G_STRUCT_OFFSET (UdhaInterview, id) },
  { "row_version", UDHA_FIELD_INT, G_STRUCT_OFFSET (UdhaInterview, row_version) },
  { "case_id", UDHA_FIELD_ID, G_STRUCT_OFFSET (UdhaInterview, case_id) },
  { "occurred_at", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaInterview, occurred_at) },
  { "duration_minutes", UDHA_FIELD_INT, G_STRUCT_OFFSET (UdhaInterview, duration_minutes) },
  { "contact_type", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaInterview, contact_type) },
  { "location", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaInterview, location) },
  { "qark", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaInterview, qark) },
  { "language", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaInterview, language) },
  { "interpreter", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaInterview, interpreter) },
  { "consent_reconfirmed", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaInterview, consent_reconfirmed) },
  { "narrative", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaInterview, narrative) },
  { "confidential", UDHA_FIELD_BOOL, G_STRUCT_OFFSET (UdhaInterview, confidential) },
  { "risk_after", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaInterview, risk_after) },
  { "next_follow_up", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaInterview, next_follow_up) },
  { "author_id", UDHA_FIELD_ID, G_STRUCT_OFFSET (UdhaInterview, author_id) },
  { "revision", UDHA_FIELD_INT, G_STRUCT_OFFSET (UdhaInterview, revision) },
  { "edited_by", UDHA_FIELD_ID, G_STRUCT_OFFSET (UdhaInterview, edited_by) },
  { "edited_at", UDHA_FIELD_STRING, G_STRUCT_OFFSET (UdhaInterview, edited_at) },
};

static const UdhaRecordInfo record_info = {
  "interview", fields, G_N_ELEMENTS (fields),
};

static void
udha_interview_finalize (GObject *object)
{
  udha_record_clear_fields (object, &record_info);

  G_OBJECT_CLASS (udha_interview_parent_class)->finalize (object);
}

static void
udha_interview_class_init (UdhaInterviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = udha_interview_finalize;
}

static void
udha_interview_init (UdhaInterview *self)
{
  udha_record_init_fields (self, &record_info);
}

UdhaInterview *
udha_interview_new (void)
{
  return g_object_new (UDHA_TYPE_INTERVIEW, NULL);
}

const UdhaRecordInfo *
udha_interview_get_record_info (void)
{
  return &record_info;
}

void
udha_interview_to_json (UdhaInterview *self,
                        JsonBuilder   *builder)
{
  g_return_if_fail (UDHA_IS_INTERVIEW (self));
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  udha_record_add_json_members (self, &record_info, builder);
  json_builder_end_object (builder);
}

gint64
udha_interview_get_id (UdhaInterview *self)
{
  g_return_val_if_fail (UDHA_IS_INTERVIEW (self), 0);

  return self->id;
}

gint64
udha_interview_get_row_version (UdhaInterview *self)
{
  g_return_val_if_fail (UDHA_IS_INTERVIEW (self), -1);

  return self->row_version;
}

gint64
udha_interview_get_case_id (UdhaInterview *self)
{
  g_return_val_if_fail (UDHA_IS_INTERVIEW (self), 0);

  return self->case_id;
}

const char *
udha_interview_get_occurred_at (UdhaInterview *self)
{
  g_return_val_if_fail (UDHA_IS_INTERVIEW (self), NULL);

  return self->occurred_at;
}

gint64
udha_interview_get_duration_minutes (UdhaInterview *self)
{
  g_return_val_if_fail (UDHA_IS_INTERVIEW (self), -1);

  return self->duration_minutes;
}

const char *
udha_interview_get_contact_type (UdhaInterview *self)
{
  g_return_val_if_fail (UDHA_IS_INTERVIEW (self), NULL);

  return self->contact_type;
}

const char *
udha_interview_get_location (UdhaInterview *self)
{
  g_return_val_if_fail (UDHA_IS_INTERVIEW (self), NULL);

  return self->location;
}

const char *
udha_interview_get_qark (UdhaInterview *self)
{
  g_return_val_if_fail (UDHA_IS_INTERVIEW (self), NULL);

  return self->qark;
}

const char *
udha_interview_get_language (UdhaInterview *self)
{
  g_return_val_if_fail (UDHA_IS_INTERVIEW (self), NULL);

  return self->language;
}

const char *
udha_interview_get_interpreter (UdhaInterview *self)
{
  g_return_val_if_fail (UDHA_IS_INTERVIEW (self), NULL);

  return self->interpreter;
}

const char *
udha_interview_get_consent_reconfirmed (UdhaInterview *self)
{
  g_return_val_if_fail (UDHA_IS_INTERVIEW (self), NULL);

  return self->consent_reconfirmed;
}

const char *
udha_interview_get_narrative (UdhaInterview *self)
{
  g_return_val_if_fail (UDHA_IS_INTERVIEW (self), NULL);

  return self->narrative;
}

gboolean
udha_interview_get_confidential (UdhaInterview *self)
{
  g_return_val_if_fail (UDHA_IS_INTERVIEW (self), FALSE);

  return self->confidential;
}

const char *
udha_interview_get_risk_after (UdhaInterview *self)
{
  g_return_val_if_fail (UDHA_IS_INTERVIEW (self), NULL);

  return self->risk_after;
}

const char *
udha_interview_get_next_follow_up (UdhaInterview *self)
{
  g_return_val_if_fail (UDHA_IS_INTERVIEW (self), NULL);

  return self->next_follow_up;
}

gint64
udha_interview_get_author_id (UdhaInterview *self)
{
  g_return_val_if_fail (UDHA_IS_INTERVIEW (self), 0);

  return self->author_id;
}

gint64
udha_interview_get_revision (UdhaInterview *self)
{
  g_return_val_if_fail (UDHA_IS_INTERVIEW (self), -1);

  return self->revision;
}

gint64
udha_interview_get_edited_by (UdhaInterview *self)
{
  g_return_val_if_fail (UDHA_IS_INTERVIEW (self), 0);

  return self->edited_by;
}

const char *
udha_interview_get_edited_at (UdhaInterview *self)
{
  g_return_val_if_fail (UDHA_IS_INTERVIEW (self), NULL);

  return self->edited_at;
}

void
udha_interview_set_case_id (UdhaInterview *self,
                            gint64         value)
{
  g_return_if_fail (UDHA_IS_INTERVIEW (self));

  self->case_id = value;
}

void
udha_interview_set_occurred_at (UdhaInterview *self,
                                const char    *value)
{
  g_return_if_fail (UDHA_IS_INTERVIEW (self));

  udha_record_set_str (&self->occurred_at, value);
}

void
udha_interview_set_duration_minutes (UdhaInterview *self,
                                     gint64         value)
{
  g_return_if_fail (UDHA_IS_INTERVIEW (self));

  self->duration_minutes = value;
}

void
udha_interview_set_contact_type (UdhaInterview *self,
                                 const char    *value)
{
  g_return_if_fail (UDHA_IS_INTERVIEW (self));

  udha_record_set_str (&self->contact_type, value);
}

void
udha_interview_set_location (UdhaInterview *self,
                             const char    *value)
{
  g_return_if_fail (UDHA_IS_INTERVIEW (self));

  udha_record_set_str (&self->location, value);
}

void
udha_interview_set_qark (UdhaInterview *self,
                         const char    *value)
{
  g_return_if_fail (UDHA_IS_INTERVIEW (self));

  udha_record_set_str (&self->qark, value);
}

void
udha_interview_set_language (UdhaInterview *self,
                             const char    *value)
{
  g_return_if_fail (UDHA_IS_INTERVIEW (self));

  udha_record_set_str (&self->language, value);
}

void
udha_interview_set_interpreter (UdhaInterview *self,
                                const char    *value)
{
  g_return_if_fail (UDHA_IS_INTERVIEW (self));

  udha_record_set_str (&self->interpreter, value);
}

void
udha_interview_set_consent_reconfirmed (UdhaInterview *self,
                                        const char    *value)
{
  g_return_if_fail (UDHA_IS_INTERVIEW (self));

  udha_record_set_str (&self->consent_reconfirmed, value);
}

void
udha_interview_set_narrative (UdhaInterview *self,
                              const char    *value)
{
  g_return_if_fail (UDHA_IS_INTERVIEW (self));

  udha_record_set_str (&self->narrative, value);
}

void
udha_interview_set_confidential (UdhaInterview *self,
                                 gboolean       value)
{
  g_return_if_fail (UDHA_IS_INTERVIEW (self));

  self->confidential = value;
}

void
udha_interview_set_risk_after (UdhaInterview *self,
                               const char    *value)
{
  g_return_if_fail (UDHA_IS_INTERVIEW (self));

  udha_record_set_str (&self->risk_after, value);
}

void
udha_interview_set_next_follow_up (UdhaInterview *self,
                                   const char    *value)
{
  g_return_if_fail (UDHA_IS_INTERVIEW (self));

  udha_record_set_str (&self->next_follow_up, value);
}

void
udha_interview_set_author_id (UdhaInterview *self,
                              gint64         value)
{
  g_return_if_fail (UDHA_IS_INTERVIEW (self));

  self->author_id = value;
}

void
udha_interview_set_revision (UdhaInterview *self,
                             gint64         value)
{
  g_return_if_fail (UDHA_IS_INTERVIEW (self));

  self->revision = value;
}

void
udha_interview_set_edited_by (UdhaInterview *self,
                              gint64         value)
{
  g_return_if_fail (UDHA_IS_INTERVIEW (self));

  self->edited_by = value;
}

void
udha_interview_set_edited_at (UdhaInterview *self,
                              const char    *value)
{
  g_return_if_fail (UDHA_IS_INTERVIEW (self));

  udha_record_set_str (&self->edited_at, value);
}
