/* udha-store-bulk.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "udha-store.h"

G_BEGIN_DECLS

/*
 * Bulk insertion for generated data (the demo generator, benchmarks).
 *
 * The records are plain structures, not GObjects, and go straight into the
 * tables through prepared statements, with the same derived columns and the
 * same search-index rows as udha_store_create_person() and friends. Writes
 * run in large transactions: udha_store_bulk_checkpoint() commits and begins
 * the next one. No audit entry is written per record: the caller writes one
 * entry for the whole operation.
 *
 * Nothing here checks roles or vocabularies: the caller (session layer) is
 * responsible for both.
 */

typedef struct _UdhaStoreBulk UdhaStoreBulk;

typedef struct
{
  const char *name;
  const char *script;     /* UDHA_LOOKUP_NAME_SCRIPT, or NULL */
  const char *kind;       /* alias, original_script, previous, other */
} UdhaBulkName;

typedef struct
{
  const char *doc_type;
  const char *number;
  const char *issuing_country;
  const char *expiry;
  gboolean    held_by_other;
} UdhaBulkDocument;

typedef struct
{
  const char *code;
  const char *risk;
} UdhaBulkVulnerability;

typedef struct
{
  const char *name;
  const char *relationship;
  const char *sex;
  const char *dob;
  const char *whereabouts;
} UdhaBulkHousehold;

/**
 * UdhaBulkPerson:
 *
 * A person with its sub-records. Strings may be %NULL unless the schema
 * requires them; @estimated_age is -1 when unset. Arrays are %NULL-terminated
 * (codes) or counted.
 */
typedef struct
{
  const char                  *given_name;
  const char                  *family_name;
  const char                  *father_name;
  const char                  *mother_name;
  const char                  *sex;
  const char                  *dob;
  const char                  *dob_precision;
  int                          estimated_age;
  const char                  *age_basis;
  const char                  *birth_country;
  const char * const          *citizenships;
  const char * const          *languages;
  const char                  *marital_status;
  const char                  *education;
  const char                  *occupation;
  const char                  *phone;
  const char                  *municipality;
  const char                  *qark;
  const char                  *migration_status;
  const char                  *prescreening;
  const char                  *entry_date;
  const char                  *entry_crossing;
  const char                  *entry_from_country;
  const char                  *travelling_with;
  const char                  *child_status;
  const char                  *guardian;
  gboolean                     guardian_appointed;
  gboolean                     interpreter_needed;
  gint64                       office_id;
  const char                  *registered_at;     /* ISO date-time, UTC */
  gint64                       registered_by;
  const UdhaBulkName          *names;
  guint                        n_names;
  const UdhaBulkDocument      *documents;
  guint                        n_documents;
  const UdhaBulkVulnerability *vulnerabilities;
  guint                        n_vulnerabilities;
  const UdhaBulkHousehold     *household;
  guint                        n_household;
} UdhaBulkPerson;

typedef struct
{
  gint64              person_id;
  gint64              office_id;
  const char         *case_type;
  const char * const *tags;
  const char         *status;
  const char         *previous_status;
  const char         *risk;
  const char * const *flags;
  gint64              assigned_user_id;    /* 0: the office's intake queue */
  const char         *opened_on;           /* ISO date; its year numbers the case */
  const char         *closed_on;
  const char         *closure_reason;
  gint64              closure_requested_by;
  const char         *closure_requested_at;
  gint64              created_by;
  const char         *created_at;
} UdhaBulkCase;

typedef struct
{
  gint64      person_id;
  const char *purpose;
  const char *legal_basis;
  const char *scope;
  const char *given_by;
  const char *how_given;
  const char *given_on;
  const char *expires_on;
  const char *withdrawn_on;
  gint64      created_by;
  const char *created_at;
} UdhaBulkConsent;

typedef struct
{
  gint64      case_id;
  const char *occurred_at;
  int         duration_minutes;     /* -1: unset */
  const char *contact_type;
  const char *location;
  const char *qark;
  const char *language;
  const char *interpreter;
  const char *consent_reconfirmed;
  const char *narrative;
  gboolean    confidential;
  const char *risk_after;
  const char *next_follow_up;
  gint64      author_id;
} UdhaBulkInterview;

typedef struct
{
  gint64      case_id;
  const char *service_code;
  const char *delivery;
  const char *status;
  const char *planned_on;
  const char *due_on;
  const char *delivered_on;
  gint64      provider_org_id;
  gint64      referral_id;
  const char *outcome;
  gint64      approved_by;
  gint64      created_by;
  const char *created_at;
} UdhaBulkService;

typedef struct
{
  const char *at;
  gint64      user_id;
  const char *from_status;   /* NULL for the creation */
  const char *to_status;
  const char *reason;
} UdhaBulkTransition;

typedef struct
{
  gint64                    case_id;
  gint64                    org_id;
  const char               *service_code;
  const char               *urgency;
  const char               *reason;
  const char               *status;
  const char               *follow_up_due;
  gint64                    consent_id;
  const char               *override_basis;
  const char               *override_reason;
  gint64                    override_by;
  const char               *sent_on;
  const char               *sent_via;
  const char               *outcome;
  gint64                    created_by;
  const char               *created_at;
  const char               *status_changed_at;
  const UdhaBulkTransition *transitions;    /* the first one creates the referral */
  guint                     n_transitions;
} UdhaBulkReferral;

UdhaStoreBulk  *udha_store_bulk_begin          (UdhaStore                *store,
                                                GError                  **error);
gboolean        udha_store_bulk_add_person     (UdhaStoreBulk            *self,
                                                const UdhaBulkPerson     *person,
                                                gint64                   *id_out,
                                                GError                  **error);
gboolean        udha_store_bulk_add_case       (UdhaStoreBulk            *self,
                                                const UdhaBulkCase       *case_,
                                                gint64                   *id_out,
                                                char                    **number_out,
                                                GError                  **error);
gboolean        udha_store_bulk_add_consent    (UdhaStoreBulk            *self,
                                                const UdhaBulkConsent    *consent,
                                                gint64                   *id_out,
                                                GError                  **error);
gboolean        udha_store_bulk_add_interview  (UdhaStoreBulk            *self,
                                                const UdhaBulkInterview  *interview,
                                                GError                  **error);
gboolean        udha_store_bulk_add_service    (UdhaStoreBulk            *self,
                                                const UdhaBulkService    *service,
                                                GError                  **error);
gboolean        udha_store_bulk_add_referral   (UdhaStoreBulk            *self,
                                                const UdhaBulkReferral   *referral,
                                                gint64                   *id_out,
                                                GError                  **error);
gboolean        udha_store_bulk_checkpoint     (UdhaStoreBulk            *self,
                                                GError                  **error);
gboolean        udha_store_bulk_finish         (UdhaStoreBulk            *self,
                                                GError                  **error);
void            udha_store_bulk_free           (UdhaStoreBulk            *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UdhaStoreBulk, udha_store_bulk_free)

G_END_DECLS
