/* udha-lookup.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "udha-model-error.h"

G_BEGIN_DECLS

/**
 * UdhaLookupKind:
 *
 * The coded vocabularies of DOMAIN.md. Codes are stable lowercase ASCII and are what
 * the database stores; labels are English msgids translated at display time.
 */
typedef enum
{
  UDHA_LOOKUP_CASE_TYPE,             /* §3.1 */
  UDHA_LOOKUP_CASE_STATUS,           /* §3.2 */
  UDHA_LOOKUP_CLOSURE_REASON,        /* §3.4 */
  UDHA_LOOKUP_RISK_LEVEL,            /* §7.1 */
  UDHA_LOOKUP_CASE_FLAG,             /* operational alerts on a case (Udha's own list) */
  UDHA_LOOKUP_TRAFFICKING_STATUS,    /* §3.5 identification status */
  UDHA_LOOKUP_MIGRATION_STATUS,      /* §3.6 */
  UDHA_LOOKUP_CONTACT_TYPE,          /* §4 contact type */
  UDHA_LOOKUP_CONTACT_LOCATION,      /* §4 location */
  UDHA_LOOKUP_INTERPRETER,           /* §4 interpreter: none / in person / by phone */
  UDHA_LOOKUP_CONSENT_RECONFIRMED,   /* §4 consent re-confirmed: yes / no / not applicable */
  UDHA_LOOKUP_SERVICE,               /* §5 catalogue; attribute: category */
  UDHA_LOOKUP_SERVICE_CATEGORY,      /* groups of the catalogue (Udha's own list) */
  UDHA_LOOKUP_SERVICE_DELIVERY,      /* §5 how delivered */
  UDHA_LOOKUP_SERVICE_STATUS,        /* §5 status */
  UDHA_LOOKUP_REFERRAL_STATUS,       /* §6.2 */
  UDHA_LOOKUP_REFERRAL_URGENCY,      /* §6.1 */
  UDHA_LOOKUP_REFERRAL_REASON,       /* §6.1 reason for referral */
  UDHA_LOOKUP_REFERRAL_DECLINE_REASON, /* §6.2 declined */
  UDHA_LOOKUP_REFERRAL_CANCEL_REASON,  /* §6.2 cancelled */
  UDHA_LOOKUP_REFERRAL_SEND_METHOD,  /* §6.1 how sent */
  UDHA_LOOKUP_REFERRAL_OUTCOME,      /* §6.1 outcome */
  UDHA_LOOKUP_ORGANISATION_TYPE,     /* §6.1 receiving organisation type */
  UDHA_LOOKUP_VULNERABILITY,         /* §7.1 */
  UDHA_LOOKUP_CONSENT_PURPOSE,       /* §8.1 purposes */
  UDHA_LOOKUP_CONSENT_SCOPE,         /* §8.1 data scope: field groups that may be shared */
  UDHA_LOOKUP_CONSENT_GIVEN_BY,      /* §8.1 given by */
  UDHA_LOOKUP_CONSENT_METHOD,        /* §8.1 how given */
  UDHA_LOOKUP_LEGAL_BASIS,           /* §8.2 */
  UDHA_LOOKUP_SEX,                   /* §2 #11 */
  UDHA_LOOKUP_MARITAL_STATUS,        /* §2 #18 */
  UDHA_LOOKUP_EDUCATION,             /* §2 #19 */
  UDHA_LOOKUP_DOCUMENT_TYPE,         /* §2 #23 */
  UDHA_LOOKUP_AGE_BASIS,             /* §2 #13 */
  UDHA_LOOKUP_CHILD_STATUS,          /* §2 #28 */
  UDHA_LOOKUP_PRESCREENING,          /* §2 #25, §12.3 */
  UDHA_LOOKUP_TRAVELLING_WITH,       /* §2 #27 */
  UDHA_LOOKUP_RELATIONSHIP,          /* §2 #30 household relationship */
  UDHA_LOOKUP_WHEREABOUTS,           /* §2 #30 */
  UDHA_LOOKUP_NAME_SCRIPT,           /* §2 #10 script of a name (ISO 15924, lower case) */
  UDHA_LOOKUP_ROLE,                  /* §9 */
  UDHA_LOOKUP_QARK,                  /* §12.1, lower-case ISO 3166-2:AL codes */
  UDHA_LOOKUP_N_KINDS
} UdhaLookupKind;

/**
 * UdhaLookupFlags:
 * @UDHA_LOOKUP_FLAG_NEEDS_NOTE: choosing this code requires a free-text note ("Other (specify)")
 * @UDHA_LOOKUP_FLAG_TERMINAL: a terminal status (referral: declined, completed, cancelled;
 *   case: closed, transferred, duplicate)
 * @UDHA_LOOKUP_FLAG_NEEDS_APPROVAL: a service that needs supervisor approval (cash, travel)
 * @UDHA_LOOKUP_FLAG_SENSITIVE: class S data (DOMAIN.md §2): visible to the assigned
 *   caseworker and supervisors only, higher reporting threshold
 * @UDHA_LOOKUP_FLAG_DERIVED: set by the system, never picked by hand (vulnerability `minor`)
 * @UDHA_LOOKUP_FLAG_UNKNOWN: the explicit "unknown"/"not stated" value of a list
 * @UDHA_LOOKUP_FLAG_UNTRANSLATED: the label is a proper name shown as is in every language
 *   (the qarqe: DOMAIN.md §12.1)
 */
typedef enum
{
  UDHA_LOOKUP_FLAG_NONE           = 0,
  UDHA_LOOKUP_FLAG_NEEDS_NOTE     = 1 << 0,
  UDHA_LOOKUP_FLAG_TERMINAL       = 1 << 1,
  UDHA_LOOKUP_FLAG_NEEDS_APPROVAL = 1 << 2,
  UDHA_LOOKUP_FLAG_SENSITIVE      = 1 << 3,
  UDHA_LOOKUP_FLAG_DERIVED        = 1 << 4,
  UDHA_LOOKUP_FLAG_UNKNOWN        = 1 << 5,
  UDHA_LOOKUP_FLAG_UNTRANSLATED   = 1 << 6,
} UdhaLookupFlags;

/**
 * UdhaLookupEntry:
 * @code: the stored code, lowercase ASCII
 * @label: the English label (msgid in the `udha` domain with the kind's context);
 *   use udha_lookup_get_label() or udha_lookup_entry_get_label() to display it
 * @parent: a related code, or %NULL: for services, the %UDHA_LOOKUP_SERVICE_CATEGORY code
 * @extra: an untranslated attribute, or %NULL: for qarqe, the definite form
 *   ("Qarku i Beratit")
 * @flags: #UdhaLookupFlags
 *
 * One row of a vocabulary. Tables are static and in display order.
 */
typedef struct
{
  const char *code;
  const char *label;
  const char *parent;
  const char *extra;
  guint       flags;
} UdhaLookupEntry;

const char            *udha_lookup_kind_get_name      (UdhaLookupKind      kind);
const char            *udha_lookup_kind_get_context   (UdhaLookupKind      kind);
const char            *udha_lookup_kind_get_title     (UdhaLookupKind      kind);
const UdhaLookupEntry *udha_lookup_list               (UdhaLookupKind      kind,
                                                       guint              *n);
const UdhaLookupEntry *udha_lookup_find               (UdhaLookupKind      kind,
                                                       const char         *code);
gboolean               udha_lookup_is_valid           (UdhaLookupKind      kind,
                                                       const char         *code);
const char            *udha_lookup_get_label          (UdhaLookupKind      kind,
                                                       const char         *code);
const char            *udha_lookup_entry_get_label    (UdhaLookupKind      kind,
                                                       const UdhaLookupEntry *entry);
int                    udha_lookup_get_position       (UdhaLookupKind      kind,
                                                       const char         *code);
gboolean               udha_lookup_has_flag           (UdhaLookupKind      kind,
                                                       const char         *code,
                                                       UdhaLookupFlags     flag);
gboolean               udha_lookup_check              (UdhaLookupKind      kind,
                                                       const char         *code,
                                                       const char         *field_name,
                                                       GError            **error);
gboolean               udha_lookup_check_with_note    (UdhaLookupKind      kind,
                                                       const char         *code,
                                                       const char         *note,
                                                       const char         *field_name,
                                                       GError            **error);

/* Roles (DOMAIN.md §9). Permissions are enforced by the session layer. */
#define UDHA_ROLE_CASEWORKER "caseworker"
#define UDHA_ROLE_SUPERVISOR "supervisor"
#define UDHA_ROLE_ADMIN      "admin"

/**
 * UdhaTransitionRequires:
 * @UDHA_TRANSITION_REQUIRES_REASON: a non-empty reason or note is required
 * @UDHA_TRANSITION_REQUIRES_CONSENT: the referral consent gate applies (DOMAIN.md §6.4)
 * @UDHA_TRANSITION_REQUIRES_OUTCOME: an outcome is required (referral completed)
 * @UDHA_TRANSITION_REQUIRES_DATE: the date of the event is required
 * @UDHA_TRANSITION_REOPEN: a reopen to the status before a terminal one (or, for a
 *   case, a rejected closure back to the status before the request): the caller must
 *   check that @to is the status recorded before @from in the history
 * @UDHA_TRANSITION_REQUIRES_CLOSURE_REASON: a case closure reason code (and a note when
 *   the reason needs one, see udha_case_closure_check())
 */
typedef enum
{
  UDHA_TRANSITION_REQUIRES_NONE           = 0,
  UDHA_TRANSITION_REQUIRES_REASON         = 1 << 0,
  UDHA_TRANSITION_REQUIRES_CONSENT        = 1 << 1,
  UDHA_TRANSITION_REQUIRES_OUTCOME        = 1 << 2,
  UDHA_TRANSITION_REQUIRES_DATE           = 1 << 3,
  UDHA_TRANSITION_REOPEN                  = 1 << 4,
  UDHA_TRANSITION_REQUIRES_CLOSURE_REASON = 1 << 5,
} UdhaTransitionRequires;

/**
 * UdhaTransition:
 * @from: status code, or %NULL for a new record
 * @to: status code, or %NULL for deletion (referral drafts only)
 * @roles: NULL-terminated role codes allowed to make the change
 * @requires: #UdhaTransitionRequires
 */
typedef struct
{
  const char        *from;
  const char        *to;
  const char *const *roles;
  guint              requires;
} UdhaTransition;

const UdhaTransition *udha_referral_transitions              (guint              *n);
const UdhaTransition *udha_referral_transition_find          (const char         *from,
                                                              const char         *to);
gboolean              udha_referral_transition_check         (const char         *from,
                                                              const char         *to,
                                                              const char         *role,
                                                              const char         *reason,
                                                              GError            **error);
gboolean              udha_referral_status_needs_consent     (const char         *status);
gboolean              udha_referral_transition_needs_consent (const char         *from,
                                                              const char         *to);
gboolean              udha_referral_status_is_terminal       (const char         *status);

const UdhaTransition *udha_case_transitions                  (guint              *n);
const UdhaTransition *udha_case_transition_find              (const char         *from,
                                                              const char         *to);
gboolean              udha_case_transition_check             (const char         *from,
                                                              const char         *to,
                                                              const char         *role,
                                                              const char         *reason,
                                                              GError            **error);
gboolean              udha_case_closure_check                (const char         *closure_reason,
                                                              const char         *note,
                                                              GError            **error);

G_END_DECLS
