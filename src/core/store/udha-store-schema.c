/* udha-store-schema.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Schema version 1 (DOMAIN.md §2–§9). Conventions:
 *
 * - every editable table has row_version (optimistic locking, STYLE.md §8.2);
 * - codes are stable lowercase ASCII (STYLE.md §5); dates are ISO 8601 text
 *   ("2026-03-01", possibly partial for dates of birth); times are UTC
 *   ("2026-03-01T10:00:00Z");
 * - code lists of a record (UDHA_FIELD_CODES) live in <record>_<field>
 *   tables (parent_id, position, code);
 * - users.user_name is the vault user name (vault_users.user_name, owned by
 *   the vault layer; no foreign key across the layers);
 * - the *_folded / *_phonetic / *_digits columns and the search table are
 *   derived by the store on every write (udha-store-search.c);
 * - audit_log is append-only and hash-chained (udha-store-audit.c). */

#define G_LOG_DOMAIN "udha-store-schema"

#include "config.h"

#include "udha-store-private.h"

static const char schema_v1[] =
  "CREATE TABLE offices ("
  "  id INTEGER PRIMARY KEY,"
  "  row_version INTEGER NOT NULL DEFAULT 1,"
  "  code TEXT NOT NULL UNIQUE CHECK (length (code) BETWEEN 2 AND 8 AND code = upper (code)),"
  "  name TEXT NOT NULL CHECK (name <> ''),"
  "  created_at TEXT NOT NULL"
  ");"

  "CREATE TABLE users ("
  "  id INTEGER PRIMARY KEY,"
  "  row_version INTEGER NOT NULL DEFAULT 1,"
  "  user_name TEXT NOT NULL UNIQUE CHECK (user_name <> ''),"
  "  display_name TEXT,"
  "  role TEXT NOT NULL CHECK (role IN ('caseworker', 'supervisor', 'admin')),"
  "  office_id INTEGER REFERENCES offices (id),"
  "  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),"
  "  contact TEXT,"
  "  created_at TEXT NOT NULL"
  ");"
  "CREATE INDEX users_office ON users (office_id);"

  "CREATE TABLE organisations ("
  "  id INTEGER PRIMARY KEY,"
  "  row_version INTEGER NOT NULL DEFAULT 1,"
  "  name TEXT NOT NULL CHECK (name <> ''),"
  "  org_type TEXT CHECK (org_type IN ('state', 'ngo', 'international', 'other')),"
  "  qark TEXT,"
  "  contact_person TEXT,"
  "  phone TEXT,"
  "  email TEXT,"
  "  address TEXT,"
  "  created_at TEXT NOT NULL"
  ");"
  "CREATE TABLE organisation_services ("
  "  parent_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  code TEXT NOT NULL,"
  "  PRIMARY KEY (parent_id, position)"
  ") WITHOUT ROWID;"

  "CREATE TABLE person_counters ("
  "  year INTEGER PRIMARY KEY,"
  "  last_seq INTEGER NOT NULL"
  ");"

  "CREATE TABLE persons ("
  "  id INTEGER PRIMARY KEY,"
  "  row_version INTEGER NOT NULL DEFAULT 1,"
  "  registration_number TEXT NOT NULL UNIQUE,"
  "  given_name TEXT NOT NULL CHECK (given_name <> ''),"
  "  family_name TEXT NOT NULL CHECK (family_name <> ''),"
  "  father_name TEXT,"
  "  mother_name TEXT,"
  "  sex TEXT NOT NULL CHECK (sex IN ('female', 'male', 'other', 'not_stated')),"
  "  dob TEXT CHECK (dob IS NULL OR dob GLOB '[0-9][0-9][0-9][0-9]*'),"
  "  dob_precision TEXT CHECK (dob_precision IN ('day', 'month', 'year')),"
  "  estimated_age INTEGER CHECK (estimated_age IS NULL OR estimated_age BETWEEN 0 AND 130),"
  "  age_basis TEXT CHECK (age_basis IN ('self_declared', 'document', 'assessment')),"
  "  birth_country TEXT,"
  "  birth_town TEXT,"
  "  ethnicity TEXT,"
  "  marital_status TEXT,"
  "  education TEXT,"
  "  occupation TEXT,"
  "  phone TEXT,"
  "  address TEXT,"
  "  municipality TEXT,"
  "  qark TEXT,"
  "  migration_status TEXT,"
  "  prescreening TEXT,"
  "  entry_date TEXT,"
  "  entry_crossing TEXT,"
  "  entry_from_country TEXT,"
  "  travelling_with TEXT,"
  "  child_status TEXT CHECK (child_status IN ('accompanied', 'unaccompanied', 'separated')),"
  "  guardian TEXT,"
  "  guardian_appointed INTEGER NOT NULL DEFAULT 0 CHECK (guardian_appointed IN (0, 1)),"
  "  interpreter_needed INTEGER NOT NULL DEFAULT 0 CHECK (interpreter_needed IN (0, 1)),"
  "  office_id INTEGER NOT NULL REFERENCES offices (id),"
  "  registered_at TEXT NOT NULL,"
  "  registered_by INTEGER REFERENCES users (id),"
  "  given_folded TEXT,"
  "  family_folded TEXT,"
  "  name_phonetic TEXT,"
  "  phone_digits TEXT,"
  "  dob_year INTEGER,"
  "  CHECK (dob IS NOT NULL OR estimated_age IS NOT NULL)"
  ");"
  "CREATE INDEX persons_office ON persons (office_id);"
  "CREATE INDEX persons_dob_year ON persons (dob_year);"
  "CREATE INDEX persons_phone_digits ON persons (phone_digits);"

  "CREATE TABLE person_citizenships ("
  "  parent_id INTEGER NOT NULL REFERENCES persons (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  code TEXT NOT NULL,"
  "  PRIMARY KEY (parent_id, position)"
  ") WITHOUT ROWID;"
  "CREATE TABLE person_languages ("
  "  parent_id INTEGER NOT NULL REFERENCES persons (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  code TEXT NOT NULL,"
  "  is_primary INTEGER GENERATED ALWAYS AS (position = 0) VIRTUAL,"
  "  PRIMARY KEY (parent_id, position)"
  ") WITHOUT ROWID;"
  "CREATE TABLE person_names ("
  "  id INTEGER PRIMARY KEY,"
  "  person_id INTEGER NOT NULL REFERENCES persons (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  name TEXT NOT NULL,"
  "  script TEXT,"
  "  kind TEXT NOT NULL CHECK (kind IN ('alias', 'original_script', 'previous', 'other')),"
  "  name_folded TEXT"
  ");"
  "CREATE INDEX person_names_person ON person_names (person_id);"
  "CREATE TABLE person_documents ("
  "  id INTEGER PRIMARY KEY,"
  "  person_id INTEGER NOT NULL REFERENCES persons (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  doc_type TEXT NOT NULL CHECK (doc_type IN ('passport', 'national_id', 'travel_document',"
  "                                             'residence_permit', 'asylum_card', 'other')),"
  "  number TEXT,"
  "  number_folded TEXT,"
  "  issuing_country TEXT,"
  "  expiry TEXT,"
  "  held_by_other INTEGER NOT NULL DEFAULT 0 CHECK (held_by_other IN (0, 1))"
  ");"
  "CREATE INDEX person_documents_person ON person_documents (person_id);"
  "CREATE INDEX person_documents_number ON person_documents (number_folded);"
  "CREATE TABLE person_vulnerabilities ("
  "  id INTEGER PRIMARY KEY,"
  "  person_id INTEGER NOT NULL REFERENCES persons (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  code TEXT NOT NULL,"
  "  risk TEXT CHECK (risk IN ('low', 'medium', 'high'))"
  ");"
  "CREATE INDEX person_vulnerabilities_person ON person_vulnerabilities (person_id);"
  "CREATE TABLE household_links ("
  "  id INTEGER PRIMARY KEY,"
  "  person_id INTEGER NOT NULL REFERENCES persons (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  other_person_id INTEGER REFERENCES persons (id),"
  "  name TEXT,"
  "  relationship TEXT NOT NULL,"
  "  sex TEXT,"
  "  dob TEXT,"
  "  whereabouts TEXT CHECK (whereabouts IN ('with_person', 'in_albania', 'abroad', 'unknown')),"
  "  CHECK (other_person_id IS NOT NULL OR name IS NOT NULL)"
  ");"
  "CREATE INDEX household_links_person ON household_links (person_id);"
  "CREATE INDEX household_links_other ON household_links (other_person_id);"

  "CREATE TABLE consents ("
  "  id INTEGER PRIMARY KEY,"
  "  row_version INTEGER NOT NULL DEFAULT 1,"
  "  person_id INTEGER NOT NULL REFERENCES persons (id),"
  "  purpose TEXT NOT NULL CHECK (purpose IN ('services', 'referral', 'disclosure_authorities', 'statistics',"
  "                                           'tracing', 'transfer_abroad', 'research')),"
  "  legal_basis TEXT NOT NULL DEFAULT 'consent',"
  "  recipients TEXT,"
  "  scope TEXT,"
  "  withheld TEXT,"
  "  given_by TEXT NOT NULL CHECK (given_by IN ('person', 'parent', 'legal_guardian', 'other')),"
  "  how_given TEXT,"
  "  given_on TEXT NOT NULL,"
  "  expires_on TEXT,"
  "  withdrawn_on TEXT,"
  "  reference TEXT,"
  "  created_by INTEGER REFERENCES users (id),"
  "  created_at TEXT NOT NULL,"
  "  CHECK (expires_on IS NULL OR expires_on >= given_on)"
  ");"
  "CREATE INDEX consents_person ON consents (person_id, purpose);"

  "CREATE TABLE case_counters ("
  "  office_id INTEGER NOT NULL REFERENCES offices (id),"
  "  year INTEGER NOT NULL,"
  "  last_seq INTEGER NOT NULL,"
  "  PRIMARY KEY (office_id, year)"
  ") WITHOUT ROWID;"

  "CREATE TABLE cases ("
  "  id INTEGER PRIMARY KEY,"
  "  row_version INTEGER NOT NULL DEFAULT 1,"
  "  number TEXT NOT NULL UNIQUE,"
  "  person_id INTEGER NOT NULL REFERENCES persons (id),"
  "  office_id INTEGER NOT NULL REFERENCES offices (id),"
  "  case_type TEXT NOT NULL CHECK (case_type IN ('avrr', 'ct', 'protection', 'uasc', 'family', 'labour', 'other')),"
  "  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'follow_up', 'inactive', 'closure_requested',"
  "                                                      'closed', 'transferred', 'duplicate')),"
  "  previous_status TEXT,"
  "  risk TEXT CHECK (risk IN ('low', 'medium', 'high')),"
  "  assigned_user_id INTEGER REFERENCES users (id),"
  "  opened_on TEXT NOT NULL,"
  "  closed_on TEXT,"
  "  closure_reason TEXT,"
  "  closure_note TEXT,"
  "  closure_requested_by INTEGER REFERENCES users (id),"
  "  closure_requested_at TEXT,"
  "  created_by INTEGER REFERENCES users (id),"
  "  created_at TEXT NOT NULL,"
  "  CHECK (status <> 'closed' OR (closed_on IS NOT NULL AND closure_reason IS NOT NULL))"
  ");"
  "CREATE INDEX cases_person ON cases (person_id);"
  "CREATE INDEX cases_office ON cases (office_id, id);"
  "CREATE INDEX cases_office_status ON cases (office_id, status, id);"
  "CREATE INDEX cases_assigned ON cases (assigned_user_id, id);"
  "CREATE TABLE case_tags ("
  "  parent_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  code TEXT NOT NULL,"
  "  PRIMARY KEY (parent_id, position)"
  ") WITHOUT ROWID;"
  "CREATE TABLE case_flags ("
  "  parent_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  code TEXT NOT NULL,"
  "  PRIMARY KEY (parent_id, position)"
  ") WITHOUT ROWID;"

  "CREATE TABLE interviews ("
  "  id INTEGER PRIMARY KEY,"
  "  row_version INTEGER NOT NULL DEFAULT 1,"
  "  case_id INTEGER NOT NULL REFERENCES cases (id),"
  "  occurred_at TEXT NOT NULL,"
  "  duration_minutes INTEGER CHECK (duration_minutes IS NULL OR duration_minutes >= 0),"
  "  contact_type TEXT NOT NULL,"
  "  location TEXT,"
  "  qark TEXT,"
  "  language TEXT,"
  "  interpreter TEXT CHECK (interpreter IN ('none', 'in_person', 'by_phone')),"
  "  consent_reconfirmed TEXT CHECK (consent_reconfirmed IN ('yes', 'no', 'not_applicable')),"
  "  narrative TEXT,"
  "  confidential INTEGER NOT NULL DEFAULT 0 CHECK (confidential IN (0, 1)),"
  "  risk_after TEXT CHECK (risk_after IN ('low', 'medium', 'high')),"
  "  next_follow_up TEXT,"
  "  author_id INTEGER REFERENCES users (id),"
  "  revision INTEGER NOT NULL DEFAULT 1,"
  "  edited_by INTEGER REFERENCES users (id),"
  "  edited_at TEXT"
  ");"
  "CREATE INDEX interviews_case ON interviews (case_id, occurred_at);"
  "CREATE TABLE interview_revisions ("
  "  id INTEGER PRIMARY KEY,"
  "  interview_id INTEGER NOT NULL REFERENCES interviews (id),"
  "  revision INTEGER NOT NULL,"
  "  narrative TEXT,"
  "  confidential INTEGER NOT NULL DEFAULT 0,"
  "  edited_by INTEGER REFERENCES users (id),"
  "  edited_at TEXT NOT NULL,"
  "  UNIQUE (interview_id, revision)"
  ");"

  "CREATE TABLE services ("
  "  id INTEGER PRIMARY KEY,"
  "  row_version INTEGER NOT NULL DEFAULT 1,"
  "  case_id INTEGER NOT NULL REFERENCES cases (id),"
  "  service_code TEXT NOT NULL,"
  "  delivery TEXT CHECK (delivery IN ('in_house', 'referred', 'received_elsewhere', 'declined',"
  "                                    'unavailable', 'not_applicable')),"
  "  status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'completed',"
  "                                                          'cancelled', 'not_required')),"
  "  planned_on TEXT,"
  "  due_on TEXT,"
  "  delivered_on TEXT,"
  "  provider_org_id INTEGER REFERENCES organisations (id),"
  "  referral_id INTEGER,"
  "  outcome TEXT,"
  "  note TEXT,"
  "  approved_by INTEGER REFERENCES users (id),"
  "  created_by INTEGER REFERENCES users (id),"
  "  created_at TEXT NOT NULL"
  ");"
  "CREATE INDEX services_case ON services (case_id);"

  "CREATE TABLE referrals ("
  "  id INTEGER PRIMARY KEY,"
  "  row_version INTEGER NOT NULL DEFAULT 1,"
  "  case_id INTEGER NOT NULL REFERENCES cases (id),"
  "  org_id INTEGER NOT NULL REFERENCES organisations (id),"
  "  service_code TEXT NOT NULL,"
  "  urgency TEXT NOT NULL DEFAULT 'routine' CHECK (urgency IN ('routine', 'priority', 'emergency')),"
  "  reason TEXT,"
  "  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent', 'acknowledged', 'accepted',"
  "                                                        'declined', 'in_service', 'completed', 'cancelled')),"
  "  follow_up_due TEXT,"
  "  consent_id INTEGER REFERENCES consents (id),"
  "  override_basis TEXT,"
  "  override_reason TEXT,"
  "  override_by INTEGER REFERENCES users (id),"
  "  sent_on TEXT,"
  "  sent_via TEXT,"
  "  outcome TEXT,"
  "  created_by INTEGER REFERENCES users (id),"
  "  created_at TEXT NOT NULL,"
  "  status_changed_at TEXT,"
  "  CHECK (override_by IS NULL OR override_reason IS NOT NULL)"
  ");"
  "CREATE INDEX referrals_case ON referrals (case_id);"
  "CREATE INDEX referrals_follow_up ON referrals (follow_up_due) WHERE status NOT IN ('declined', 'completed', 'cancelled');"
  "CREATE TABLE referral_transitions ("
  "  id INTEGER PRIMARY KEY,"
  "  referral_id INTEGER NOT NULL REFERENCES referrals (id),"
  "  at TEXT NOT NULL,"
  "  user_id INTEGER REFERENCES users (id),"
  "  from_status TEXT,"
  "  to_status TEXT NOT NULL,"
  "  reason TEXT"
  ");"
  "CREATE INDEX referral_transitions_referral ON referral_transitions (referral_id, id);"

  "CREATE TABLE audit_log ("
  "  seq INTEGER PRIMARY KEY,"
  "  at TEXT NOT NULL,"
  "  user_name TEXT,"
  "  action TEXT NOT NULL,"
  "  entity TEXT,"
  "  entity_id INTEGER,"
  "  office_id INTEGER,"
  "  details TEXT,"
  "  hash BLOB NOT NULL CHECK (length (hash) = 32)"
  ");"
  "CREATE INDEX audit_log_office ON audit_log (office_id, seq);"
  "CREATE INDEX audit_log_user ON audit_log (user_name, seq);"
  "CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);"

  /* One row per person (rowid = 2 * id) and per case (rowid = 2 * id + 1). */
  "CREATE VIRTUAL TABLE search USING fts5 ("
  "  kind UNINDEXED, ref_id UNINDEXED, names, phonetic, docs, phones, numbers,"
  "  tokenize = 'unicode61 remove_diacritics 2'"
  ");";

gboolean
_udha_store_migrate_v1 (sqlite3  *db,
                        GError  **error)
{
  int rc = sqlite3_exec (db, schema_v1, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _udha_store_set_error (error, db, rc);
      return FALSE;
    }
  return TRUE;
}

/* Schema version 2:
 *
 * - reasons: the free text a user gave for a change (forced registration,
 *   assignment, closure request and decision, reopening, referral status),
 *   one row per audit entry. The audit details keep codes and ids only;
 *   the text lives here, in the vault, next to the entry it explains.
 * - cases.last_contact, cases.next_follow_up and cases.sort_name: the
 *   caseload list's computed sort keys, and cases.next_referral_due (the
 *   earliest follow-up date of its open referrals, for the overdue list),
 *   stored and kept current by triggers in the transaction of every write
 *   that changes them (interviews, services, referrals, the person's name).
 * - case_counts: the number of cases per office, assignee, status, type
 *   and risk, kept by triggers, so that counting a caseload (and each
 *   value of a bucketed sort) reads a few rows instead of the office.
 * - indexes so that every sort of every scope is an index walk, and the
 *   report engine's date ranges (opened, closed, delivered, sent,
 *   status changed, follow-up due). */

#define LAST_CONTACT_OF(case_id) \
  "(SELECT substr (max (i.occurred_at), 1, 10) FROM interviews i WHERE i.case_id = " case_id ")"

#define NEXT_FOLLOW_UP_OF(case_id) \
  "(SELECT substr (min (d), 1, 10) FROM (" \
  "   SELECT r.follow_up_due AS d FROM referrals r WHERE r.case_id = " case_id \
  "     AND r.status NOT IN ('declined', 'completed', 'cancelled')" \
  "   UNION ALL SELECT s.due_on FROM services s WHERE s.case_id = " case_id \
  "     AND s.status IN ('planned', 'in_progress')" \
  "   UNION ALL SELECT (SELECT i.next_follow_up FROM interviews i WHERE i.case_id = " case_id \
  "     ORDER BY i.occurred_at DESC, i.id DESC LIMIT 1)))"

#define SORT_NAME_OF(person_id) \
  "(SELECT coalesce (p.family_folded, lower (p.family_name)) || char (1) || " \
  "        coalesce (p.given_folded, lower (p.given_name)) FROM persons p WHERE p.id = " person_id ")"

#define REFRESH_CONTACT(case_id) \
  "UPDATE cases SET last_contact = " LAST_CONTACT_OF (case_id) ", " \
  "next_follow_up = " NEXT_FOLLOW_UP_OF (case_id) " WHERE id = " case_id ";"

#define REFERRAL_DUE_OF(case_id) \
  "(SELECT min (r.follow_up_due) FROM referrals r WHERE r.case_id = " case_id \
  "   AND r.status NOT IN ('declined', 'completed', 'cancelled'))"

#define REFRESH_REFERRAL(case_id) \
  "UPDATE cases SET next_follow_up = " NEXT_FOLLOW_UP_OF (case_id) ", " \
  "next_referral_due = " REFERRAL_DUE_OF (case_id) " WHERE id = " case_id ";"

#define REFRESH_FOLLOW_UP(case_id) \
  "UPDATE cases SET next_follow_up = " NEXT_FOLLOW_UP_OF (case_id) " WHERE id = " case_id ";"

#define COUNT_KEY(row) \
  row ".office_id, coalesce (" row ".assigned_user_id, 0), " row ".status, " row ".case_type, " \
  "coalesce (" row ".risk, '')"

#define COUNT_ADD(row) \
  "INSERT INTO case_counts (office_id, assigned_user_id, status, case_type, risk, n) " \
  "VALUES (" COUNT_KEY (row) ", 1) ON CONFLICT DO UPDATE SET n = n + 1;"

#define COUNT_REMOVE(row) \
  "UPDATE case_counts SET n = n - 1 WHERE (office_id, assigned_user_id, status, case_type, risk) = " \
  "(" COUNT_KEY (row) ");"

/* The sort keys of the caseload list (udha-store-caselist.c), each with the
 * index name's suffix. */
#define CASELIST_INDEXES(name, column) \
  "CREATE INDEX IF NOT EXISTS cases_office_" name " ON cases (office_id, " column ", id);" \
  "CREATE INDEX IF NOT EXISTS cases_assigned_" name " ON cases (assigned_user_id, " column ", id);" \
  "CREATE INDEX IF NOT EXISTS cases_intake_" name " ON cases (office_id, " column ", id) " \
  "WHERE assigned_user_id IS NULL;"

/* The date keys' indexes (on ifnull (date, ''): "none" sorts first) also
 * hold what the dashboard's filters and the bucketed counts read, the date
 * column itself included, so that counting "no contact since" or
 * "follow-up due" never visits the table. */
#define CASELIST_DATE_INDEXES(name, date) \
  "CREATE INDEX IF NOT EXISTS cases_office_" name " ON cases (office_id, ifnull (" date ", ''), id, " \
  "status, case_type, risk, " date ");" \
  "CREATE INDEX IF NOT EXISTS cases_assigned_" name " ON cases (assigned_user_id, ifnull (" date ", ''), id, " \
  "status, case_type, risk, " date ");" \
  "CREATE INDEX IF NOT EXISTS cases_intake_" name " ON cases (office_id, ifnull (" date ", ''), id, " \
  "status, case_type, risk, " date ") WHERE assigned_user_id IS NULL;"

#define DROP_CASELIST_INDEXES(name) \
  "DROP INDEX IF EXISTS cases_office_" name ";" \
  "DROP INDEX IF EXISTS cases_assigned_" name ";" \
  "DROP INDEX IF EXISTS cases_intake_" name ";"

/* The caseload list's indexes (cases_office_status and the unique number
 * exist since v1) and the reports' date indexes. A bulk load drops them
 * and builds them again at its end, which is much faster than keeping
 * them up to date row by row. */
static const char bulk_indexes[] =
  "CREATE INDEX IF NOT EXISTS cases_intake_id ON cases (office_id, id) WHERE assigned_user_id IS NULL;"
  "CREATE INDEX IF NOT EXISTS cases_office_number ON cases (office_id, number);"
  "CREATE INDEX IF NOT EXISTS cases_assigned_number ON cases (assigned_user_id, number);"
  "CREATE INDEX IF NOT EXISTS cases_intake_number ON cases (office_id, number) WHERE assigned_user_id IS NULL;"
  "CREATE INDEX IF NOT EXISTS cases_assigned_status ON cases (assigned_user_id, status, id);"
  "CREATE INDEX IF NOT EXISTS cases_intake_status ON cases (office_id, status, id) WHERE assigned_user_id IS NULL;"
  CASELIST_INDEXES ("name", "sort_name")
  CASELIST_INDEXES ("type", "case_type")
  CASELIST_INDEXES ("risk", "risk")
  /* Dates sort with "none" first: the list's keys are ifnull (…, '') */
  CASELIST_DATE_INDEXES ("contact", "last_contact")
  CASELIST_DATE_INDEXES ("follow_up", "next_follow_up")
  /* Cases with an open referral whose follow-up is due: the overdue list */
  "CREATE INDEX IF NOT EXISTS cases_office_referral_due ON cases (office_id, next_referral_due, "
  "status, case_type, risk) WHERE next_referral_due IS NOT NULL;"
  "CREATE INDEX IF NOT EXISTS cases_assigned_referral_due ON cases (assigned_user_id, next_referral_due, "
  "status, case_type, risk) WHERE next_referral_due IS NOT NULL;"
  /* Reports: date ranges over every case (udha-store-report.c) */
  "CREATE INDEX IF NOT EXISTS cases_opened_on ON cases (opened_on, office_id);"
  "CREATE INDEX IF NOT EXISTS cases_closed_on ON cases (closed_on, office_id) WHERE closed_on IS NOT NULL;"
  "CREATE INDEX IF NOT EXISTS services_delivered_on ON services (delivered_on) WHERE delivered_on IS NOT NULL;"
  "CREATE INDEX IF NOT EXISTS referrals_sent_on ON referrals (sent_on) WHERE sent_on IS NOT NULL;"
  "CREATE INDEX IF NOT EXISTS referrals_created_at ON referrals (created_at);"
  "CREATE INDEX IF NOT EXISTS referrals_status_changed_at ON referrals (status_changed_at) WHERE status_changed_at IS NOT NULL;"
  "CREATE INDEX IF NOT EXISTS referrals_org ON referrals (org_id, follow_up_due) WHERE status NOT IN ('declined', 'completed', 'cancelled');"
  "CREATE INDEX IF NOT EXISTS referral_transitions_at ON referral_transitions (at);"
  "CREATE INDEX IF NOT EXISTS interviews_occurred_at ON interviews (occurred_at);";

static const char drop_bulk_indexes[] =
  "DROP INDEX IF EXISTS cases_intake_id;"
  "DROP INDEX IF EXISTS cases_office_number;"
  "DROP INDEX IF EXISTS cases_assigned_number;"
  "DROP INDEX IF EXISTS cases_intake_number;"
  "DROP INDEX IF EXISTS cases_assigned_status;"
  "DROP INDEX IF EXISTS cases_intake_status;"
  DROP_CASELIST_INDEXES ("name")
  DROP_CASELIST_INDEXES ("type")
  DROP_CASELIST_INDEXES ("risk")
  DROP_CASELIST_INDEXES ("contact")
  DROP_CASELIST_INDEXES ("follow_up")
  "DROP INDEX IF EXISTS cases_office_referral_due;"
  "DROP INDEX IF EXISTS cases_assigned_referral_due;"
  "DROP INDEX IF EXISTS cases_opened_on;"
  "DROP INDEX IF EXISTS cases_closed_on;"
  "DROP INDEX IF EXISTS services_delivered_on;"
  "DROP INDEX IF EXISTS referrals_sent_on;"
  "DROP INDEX IF EXISTS referrals_created_at;"
  "DROP INDEX IF EXISTS referrals_status_changed_at;"
  "DROP INDEX IF EXISTS referrals_org;"
  "DROP INDEX IF EXISTS referral_transitions_at;"
  "DROP INDEX IF EXISTS interviews_occurred_at;";

/* Triggers keep the stored keys, except during a bulk load (bulk_load has
 * a row), which computes them once at its end. */
#define UNLESS_BULK "WHEN NOT EXISTS (SELECT 1 FROM bulk_load) "

/* The stored keys of the cases from @first_id on */
#define COMPUTE_KEYS(first_id) \
  "UPDATE cases SET last_contact = " LAST_CONTACT_OF ("cases.id") "," \
  "                 next_follow_up = " NEXT_FOLLOW_UP_OF ("cases.id") "," \
  "                 next_referral_due = " REFERRAL_DUE_OF ("cases.id") "," \
  "                 sort_name = " SORT_NAME_OF ("cases.person_id") \
  " WHERE id >= " first_id ";"

static const char schema_v2[] =
  "CREATE TABLE reasons ("
  "  audit_seq INTEGER PRIMARY KEY REFERENCES audit_log (seq),"
  "  reason TEXT NOT NULL CHECK (reason <> '')"
  ");"

  "ALTER TABLE cases ADD COLUMN last_contact TEXT;"
  "ALTER TABLE cases ADD COLUMN next_follow_up TEXT;"
  "ALTER TABLE cases ADD COLUMN sort_name TEXT;"
  "ALTER TABLE cases ADD COLUMN next_referral_due TEXT;"

  "CREATE TABLE case_counts ("
  "  office_id INTEGER NOT NULL,"
  "  assigned_user_id INTEGER NOT NULL,"
  "  status TEXT NOT NULL,"
  "  case_type TEXT NOT NULL,"
  "  risk TEXT NOT NULL,"
  "  n INTEGER NOT NULL,"
  "  PRIMARY KEY (office_id, assigned_user_id, status, case_type, risk)"
  ") WITHOUT ROWID;"
  "CREATE INDEX case_counts_assigned ON case_counts (assigned_user_id);"

  "CREATE TABLE bulk_load ("
  "  first_case_id INTEGER NOT NULL"
  ");"

  /* Backfill */
  COMPUTE_KEYS ("0")
  "INSERT INTO case_counts (office_id, assigned_user_id, status, case_type, risk, n) "
  "  SELECT " COUNT_KEY ("c") ", count(*) FROM cases c GROUP BY 1, 2, 3, 4, 5;"
  /* Reasons of referral status changes, which v1 kept in the referral's
   * history: linked to the audit entry written in the same transaction. */
  "INSERT OR IGNORE INTO reasons (audit_seq, reason) "
  "  SELECT a.seq, t.reason FROM audit_log a JOIN referral_transitions t "
  "    ON a.entity = 'referral' AND a.action = 'referral.status' AND a.entity_id = t.referral_id "
  "    AND a.at = t.at AND json_extract (a.details, '$.to') = t.to_status "
  "  WHERE t.reason IS NOT NULL AND t.reason <> '';"

  /* Triggers: the stored sort keys */
  "CREATE TRIGGER cases_sort_name_insert AFTER INSERT ON cases "
  UNLESS_BULK "BEGIN "
  "  UPDATE cases SET sort_name = " SORT_NAME_OF ("NEW.person_id") ","
  "                   last_contact = " LAST_CONTACT_OF ("NEW.id") ","
  "                   next_follow_up = " NEXT_FOLLOW_UP_OF ("NEW.id") " WHERE id = NEW.id;"
  "END;"
  "CREATE TRIGGER cases_sort_name_person AFTER UPDATE OF person_id ON cases "
  "WHEN NEW.person_id IS NOT OLD.person_id BEGIN "
  "  UPDATE cases SET sort_name = " SORT_NAME_OF ("NEW.person_id") " WHERE id = NEW.id;"
  "END;"
  "CREATE TRIGGER persons_sort_name AFTER UPDATE OF family_name, given_name, family_folded, given_folded "
  "ON persons BEGIN "
  "  UPDATE cases SET sort_name = " SORT_NAME_OF ("NEW.id") " WHERE person_id = NEW.id;"
  "END;"
  "CREATE TRIGGER interviews_contact_insert AFTER INSERT ON interviews "
  UNLESS_BULK "BEGIN "
  REFRESH_CONTACT ("NEW.case_id")
  "END;"
  "CREATE TRIGGER interviews_contact_update AFTER UPDATE OF case_id, occurred_at, next_follow_up "
  "ON interviews BEGIN "
  REFRESH_CONTACT ("NEW.case_id")
  REFRESH_CONTACT ("OLD.case_id")
  "END;"
  "CREATE TRIGGER interviews_contact_delete AFTER DELETE ON interviews BEGIN "
  REFRESH_CONTACT ("OLD.case_id")
  "END;"
  "CREATE TRIGGER referrals_follow_up_insert AFTER INSERT ON referrals "
  UNLESS_BULK "BEGIN "
  REFRESH_REFERRAL ("NEW.case_id")
  "END;"
  "CREATE TRIGGER referrals_follow_up_update AFTER UPDATE OF case_id, status, follow_up_due "
  "ON referrals BEGIN "
  REFRESH_REFERRAL ("NEW.case_id")
  REFRESH_REFERRAL ("OLD.case_id")
  "END;"
  "CREATE TRIGGER referrals_follow_up_delete AFTER DELETE ON referrals BEGIN "
  REFRESH_REFERRAL ("OLD.case_id")
  "END;"
  "CREATE TRIGGER services_follow_up_insert AFTER INSERT ON services "
  UNLESS_BULK "BEGIN "
  REFRESH_FOLLOW_UP ("NEW.case_id")
  "END;"
  "CREATE TRIGGER services_follow_up_update AFTER UPDATE OF case_id, status, due_on "
  "ON services BEGIN "
  REFRESH_FOLLOW_UP ("NEW.case_id")
  REFRESH_FOLLOW_UP ("OLD.case_id")
  "END;"
  "CREATE TRIGGER services_follow_up_delete AFTER DELETE ON services BEGIN "
  REFRESH_FOLLOW_UP ("OLD.case_id")
  "END;"

  /* Triggers: the counts */
  "CREATE TRIGGER cases_count_insert AFTER INSERT ON cases BEGIN "
  COUNT_ADD ("NEW")
  "END;"
  "CREATE TRIGGER cases_count_update AFTER UPDATE OF office_id, assigned_user_id, status, case_type, risk "
  "ON cases BEGIN "
  COUNT_REMOVE ("OLD")
  COUNT_ADD ("NEW")
  "END;"
  "CREATE TRIGGER cases_count_delete AFTER DELETE ON cases BEGIN "
  COUNT_REMOVE ("OLD")
  "END;";


gboolean
_udha_store_migrate_v2 (sqlite3  *db,
                        GError  **error)
{
  int rc = sqlite3_exec (db, schema_v2, NULL, NULL, NULL);

  /* The caseload list's and the reports' indexes */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, bulk_indexes, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _udha_store_set_error (error, db, rc);
      return FALSE;
    }
  return TRUE;
}

/* Schema version 3: covering indexes for the report engine's five
 * aggregation queries (udha-store-report.c), so that each reads index
 * pages only instead of the wide rows of cases and persons (issue #6: the
 * full report over a 1,000,000-case vault in under a second).
 *
 * - cases_report_office: the cases assisted in a period and the cases
 *   opened in it (office, then the opening date's range);
 * - cases_report_closed: the cases closed in a period;
 * - cases_report_id: a service's or referral's case, by id;
 * - persons_report: what the persons table reports, by id;
 * - services_report, referrals_report: the period's services and
 *   referrals, with what their queries read.
 *
 * Like the caseload's, a bulk load drops them and builds them again at its
 * end. */
static const char report_indexes[] =
  "CREATE INDEX IF NOT EXISTS cases_report_office ON cases (office_id, opened_on, closed_on, status, "
  "person_id, case_type);"
  "CREATE INDEX IF NOT EXISTS cases_report_closed ON cases (office_id, closed_on, status, person_id, "
  "case_type) WHERE closed_on IS NOT NULL;"
  "CREATE INDEX IF NOT EXISTS cases_report_id ON cases (id, office_id, status, person_id);"
  "CREATE INDEX IF NOT EXISTS persons_report ON persons (id, sex, qark, dob, estimated_age, registered_at);"
  "CREATE INDEX IF NOT EXISTS services_report ON services (delivered_on, case_id, service_code, status, "
  "delivery) WHERE delivered_on IS NOT NULL;"
  "CREATE INDEX IF NOT EXISTS referrals_report ON referrals (sent_on, case_id, service_code, status) "
  "WHERE sent_on IS NOT NULL;";

static const char drop_report_indexes[] =
  "DROP INDEX IF EXISTS cases_report_office;"
  "DROP INDEX IF EXISTS cases_report_closed;"
  "DROP INDEX IF EXISTS cases_report_id;"
  "DROP INDEX IF EXISTS persons_report;"
  "DROP INDEX IF EXISTS services_report;"
  "DROP INDEX IF EXISTS referrals_report;";

gboolean
_udha_store_migrate_v3 (sqlite3  *db,
                        GError  **error)
{
  int rc = sqlite3_exec (db, report_indexes, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _udha_store_set_error (error, db, rc);
      return FALSE;
    }
  return TRUE;
}

/**
 * _udha_store_bulk_load_begin: (skip)
 *
 * Inside the bulk load's transaction: from now on the triggers leave the
 * stored caseload keys of new records alone, and the caseload indexes are
 * dropped (udha-store-bulk.c).
 */
gboolean
_udha_store_bulk_load_begin (UdhaStore  *self,
                             GError    **error)
{
  return _udha_store_exec (self, "INSERT INTO bulk_load (first_case_id) "
                                 "SELECT ifnull (max (id), 0) + 1 FROM cases;", error) &&
         _udha_store_exec (self, drop_bulk_indexes, error) &&
         _udha_store_exec (self, drop_report_indexes, error);
}

/**
 * _udha_store_bulk_load_end: (skip)
 *
 * Computes the stored keys of the cases added since the bulk load began,
 * builds the caseload indexes again and turns the triggers back on, in
 * the caller's transaction. Also repairs a vault whose bulk load stopped
 * half-way (udha_store_new() calls it then).
 */
gboolean
_udha_store_bulk_load_end (UdhaStore  *self,
                           GError    **error)
{
  return _udha_store_exec (self, COMPUTE_KEYS ("(SELECT ifnull (min (first_case_id), 0) FROM bulk_load)"), error) &&
         _udha_store_exec (self, "DELETE FROM bulk_load;", error) &&
         _udha_store_exec (self, bulk_indexes, error) &&
         _udha_store_exec (self, report_indexes, error);
}
