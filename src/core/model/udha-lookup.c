/* udha-lookup.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "udha-lookup"

#include "config.h"

#include "udha-lookup.h"

#include <glib/gi18n.h>
#include <string.h>

/*
 * The vocabularies of DOMAIN.md. Codes are stored; labels are msgids of the
 * `udha` domain, each with the context of its kind (NC_), so that Albanian can
 * agree in gender and number ("I hapur" for a case, "Hap" for the action).
 * Each table is in display order.
 */

typedef struct
{
  const char            *name;     /* stable kind name, for --json and tests */
  const char            *context;  /* msgctxt of the labels */
  const char            *title;    /* N_() field name */
  const UdhaLookupEntry *entries;
  guint                  n_entries;
} KindInfo;

static const UdhaLookupEntry case_type_entries[] = {
  { "avrr", NC_("case type", "Assisted voluntary return and reintegration (AVRR)"), NULL, NULL, 0 },
  { "ct", NC_("case type", "Counter-trafficking / victim assistance"), NULL, NULL, UDHA_LOOKUP_FLAG_SENSITIVE },
  { "protection", NC_("case type", "Migrant protection and screening"), NULL, NULL, 0 },
  { "uasc", NC_("case type", "Unaccompanied or separated child"), NULL, NULL, 0 },
  { "family", NC_("case type", "Family reunification"), NULL, NULL, 0 },
  { "labour", NC_("case type", "Labour migration"), NULL, NULL, 0 },
  { "other", NC_("case type", "Other"), NULL, NULL, UDHA_LOOKUP_FLAG_NEEDS_NOTE },
};

static const UdhaLookupEntry case_status_entries[] = {
  { "open", NC_("case status", "Open"), NULL, NULL, 0 },
  { "follow_up", NC_("case status", "Follow-up"), NULL, NULL, 0 },
  { "inactive", NC_("case status", "Inactive (no contact)"), NULL, NULL, 0 },
  { "closure_requested", NC_("case status", "Closure requested"), NULL, NULL, 0 },
  { "closed", NC_("case status", "Closed"), NULL, NULL, UDHA_LOOKUP_FLAG_TERMINAL },
  { "transferred", NC_("case status", "Transferred"), NULL, NULL, UDHA_LOOKUP_FLAG_TERMINAL },
  { "duplicate", NC_("case status", "Duplicate"), NULL, NULL, UDHA_LOOKUP_FLAG_TERMINAL },
};

static const UdhaLookupEntry closure_reason_entries[] = {
  { "objectives_met", NC_("closure reason", "Case-plan objectives achieved"), NULL, NULL, 0 },
  { "returned", NC_("closure reason", "Returned to country of origin"), NULL, NULL, 0 },
  { "moved_on", NC_("closure reason", "Left Albania / moved on"), NULL, NULL, 0 },
  { "transferred", NC_("closure reason", "Transferred or referred to another agency"), NULL, NULL, 0 },
  { "lost_contact", NC_("closure reason", "Lost contact"), NULL, NULL, 0 },
  { "declined", NC_("closure reason", "Declined further assistance or withdrew consent"), NULL, NULL, 0 },
  { "not_eligible", NC_("closure reason", "No protection or assistance need identified"), NULL, NULL, 0 },
  { "death", NC_("closure reason", "Death"), NULL, NULL, 0 },
  { "other", NC_("closure reason", "Other (specify)"), NULL, NULL, UDHA_LOOKUP_FLAG_NEEDS_NOTE },
};

static const UdhaLookupEntry risk_level_entries[] = {
  { "low", NC_("risk level", "Low"), NULL, NULL, 0 },
  { "medium", NC_("risk level", "Medium"), NULL, NULL, 0 },
  { "high", NC_("risk level", "High"), NULL, NULL, 0 },
};

static const UdhaLookupEntry case_flag_entries[] = {
  { "urgent", NC_("case flag", "Urgent"), NULL, NULL, 0 },
  { "security_risk", NC_("case flag", "Security risk"), NULL, NULL, 0 },
  { "medical_emergency", NC_("case flag", "Urgent medical need"), NULL, NULL, 0 },
  { "interpreter_needed", NC_("case flag", "Interpreter needed"), NULL, NULL, 0 },
  { "legal_deadline", NC_("case flag", "Legal deadline pending"), NULL, NULL, 0 },
};

static const UdhaLookupEntry trafficking_status_entries[] = {
  { "not_assessed", NC_("trafficking status", "Not assessed"), NULL, NULL, 0 },
  { "potential", NC_("trafficking status", "Potential victim of trafficking (VMT)"), NULL, NULL, UDHA_LOOKUP_FLAG_SENSITIVE },
  { "official", NC_("trafficking status", "Victim of trafficking (VT)"), NULL, NULL, UDHA_LOOKUP_FLAG_SENSITIVE },
  { "not_victim", NC_("trafficking status", "Not a victim of trafficking"), NULL, NULL, 0 },
};

static const UdhaLookupEntry migration_status_entries[] = {
  { "asylum_seeker", NC_("migration status", "Asylum seeker"), NULL, NULL, 0 },
  { "refugee", NC_("migration status", "Refugee"), NULL, NULL, 0 },
  { "complementary", NC_("migration status", "Complementary (subsidiary) protection"), NULL, NULL, 0 },
  { "stateless", NC_("migration status", "Stateless"), NULL, NULL, 0 },
  { "irregular", NC_("migration status", "Irregular migrant"), NULL, NULL, 0 },
  { "labour", NC_("migration status", "Labour migrant"), NULL, NULL, 0 },
  { "student", NC_("migration status", "Student"), NULL, NULL, 0 },
  { "family", NC_("migration status", "Family migrant"), NULL, NULL, 0 },
  { "visitor", NC_("migration status", "Visitor / tourist"), NULL, NULL, 0 },
  { "returnee", NC_("migration status", "Returnee"), NULL, NULL, 0 },
  { "stranded", NC_("migration status", "Stranded migrant"), NULL, NULL, 0 },
  { "uasc", NC_("migration status", "Unaccompanied or separated child"), NULL, NULL, 0 },
  { "other", NC_("migration status", "Other"), NULL, NULL, 0 },
};

static const UdhaLookupEntry contact_type_entries[] = {
  { "registration", NC_("contact type", "Registration interview"), NULL, NULL, 0 },
  { "assessment", NC_("contact type", "Assessment interview"), NULL, NULL, 0 },
  { "follow_up_visit", NC_("contact type", "Follow-up visit"), NULL, NULL, 0 },
  { "phone_call", NC_("contact type", "Phone call"), NULL, NULL, 0 },
  { "home_visit", NC_("contact type", "Home or shelter visit"), NULL, NULL, 0 },
  { "accompaniment", NC_("contact type", "Accompaniment"), NULL, NULL, 0 },
  { "group_session", NC_("contact type", "Group session"), NULL, NULL, 0 },
  { "other", NC_("contact type", "Other"), NULL, NULL, 0 },
};

static const UdhaLookupEntry contact_location_entries[] = {
  { "office", NC_("contact location", "Office"), NULL, NULL, 0 },
  { "border_point", NC_("contact location", "Border crossing point"), NULL, NULL, 0 },
  { "reception_centre", NC_("contact location", "Reception centre"), NULL, NULL, 0 },
  { "shelter", NC_("contact location", "Shelter"), NULL, NULL, 0 },
  { "closed_centre", NC_("contact location", "Closed centre"), NULL, NULL, 0 },
  { "phone", NC_("contact location", "By phone"), NULL, NULL, 0 },
  { "other", NC_("contact location", "Other"), NULL, NULL, 0 },
};

static const UdhaLookupEntry interpreter_entries[] = {
  { "none", NC_("interpreter", "No interpreter"), NULL, NULL, 0 },
  { "in_person", NC_("interpreter", "Interpreter in person"), NULL, NULL, 0 },
  { "by_phone", NC_("interpreter", "Interpreter by phone"), NULL, NULL, 0 },
};

static const UdhaLookupEntry consent_reconfirmed_entries[] = {
  { "yes", NC_("consent reconfirmed", "Yes"), NULL, NULL, 0 },
  { "no", NC_("consent reconfirmed", "No"), NULL, NULL, 0 },
  { "not_applicable", NC_("consent reconfirmed", "Not applicable"), NULL, NULL, 0 },
};

static const UdhaLookupEntry service_entries[] = {
  { "info", NC_("service", "Information and counselling"), "information", NULL, 0 },
  { "legal", NC_("service", "Legal assistance"), "legal_status", NULL, 0 },
  { "asylum", NC_("service", "Support with the asylum procedure"), "legal_status", NULL, 0 },
  { "documents", NC_("service", "Civil registration and documents"), "legal_status", NULL, 0 },
  { "health", NC_("service", "Health care and medical treatment"), "health", NULL, 0 },
  { "psychosocial", NC_("service", "Psychosocial support"), "health", NULL, 0 },
  { "shelter", NC_("service", "Safe accommodation"), "material", NULL, 0 },
  { "basic_needs", NC_("service", "Food, water and non-food items"), "material", NULL, 0 },
  { "cash", NC_("service", "Cash assistance"), "material", NULL, UDHA_LOOKUP_FLAG_NEEDS_APPROVAL },
  { "child_protection", NC_("service", "Child protection (best-interests procedures)"), "family", NULL, 0 },
  { "tracing", NC_("service", "Family tracing and reunification"), "family", NULL, 0 },
  { "mediation", NC_("service", "Family mediation"), "family", NULL, 0 },
  { "education", NC_("service", "Education"), "livelihoods", NULL, 0 },
  { "vocational", NC_("service", "Vocational and skills training"), "livelihoods", NULL, 0 },
  { "employment", NC_("service", "Job placement and employment support"), "livelihoods", NULL, 0 },
  { "business", NC_("service", "Business start-up and development support"), "livelihoods", NULL, 0 },
  { "predeparture", NC_("service", "Pre-departure assistance (return)"), "return", NULL, 0 },
  { "travel", NC_("service", "Travel and escort"), "return", NULL, UDHA_LOOKUP_FLAG_NEEDS_APPROVAL },
  { "reintegration", NC_("service", "Post-arrival reception and reintegration assistance"), "return", NULL, 0 },
  { "monitoring", NC_("service", "Reintegration monitoring"), "return", NULL, 0 },
  { "security", NC_("service", "Police and security protection"), "safety", NULL, 0 },
  { "other", NC_("service", "Other (specify)"), "other", NULL, UDHA_LOOKUP_FLAG_NEEDS_NOTE },
};

static const UdhaLookupEntry service_category_entries[] = {
  { "information", NC_("service category", "Information"), NULL, NULL, 0 },
  { "legal_status", NC_("service category", "Legal aid, asylum and documents"), NULL, NULL, 0 },
  { "health", NC_("service category", "Health and psychosocial support"), NULL, NULL, 0 },
  { "material", NC_("service category", "Material assistance"), NULL, NULL, 0 },
  { "family", NC_("service category", "Children and family"), NULL, NULL, 0 },
  { "livelihoods", NC_("service category", "Education and livelihoods"), NULL, NULL, 0 },
  { "return", NC_("service category", "Return and reintegration"), NULL, NULL, 0 },
  { "safety", NC_("service category", "Safety and security"), NULL, NULL, 0 },
  { "other", NC_("service category", "Other"), NULL, NULL, 0 },
};

static const UdhaLookupEntry service_delivery_entries[] = {
  { "in_house", NC_("service delivery", "Provided by our organisation"), NULL, NULL, 0 },
  { "referred", NC_("service delivery", "Referred"), NULL, NULL, 0 },
  { "received_elsewhere", NC_("service delivery", "Already received from another agency"), NULL, NULL, 0 },
  { "declined", NC_("service delivery", "Declined by the person"), NULL, NULL, 0 },
  { "unavailable", NC_("service delivery", "Service unavailable"), NULL, NULL, 0 },
  { "not_applicable", NC_("service delivery", "Not applicable"), NULL, NULL, 0 },
};

static const UdhaLookupEntry service_status_entries[] = {
  { "planned", NC_("service status", "Planned"), NULL, NULL, 0 },
  { "in_progress", NC_("service status", "In progress"), NULL, NULL, 0 },
  { "completed", NC_("service status", "Completed"), NULL, NULL, UDHA_LOOKUP_FLAG_TERMINAL },
  { "cancelled", NC_("service status", "Cancelled"), NULL, NULL, UDHA_LOOKUP_FLAG_TERMINAL },
  { "not_required", NC_("service status", "Not required"), NULL, NULL, UDHA_LOOKUP_FLAG_TERMINAL },
};

static const UdhaLookupEntry referral_status_entries[] = {
  { "draft", NC_("referral status", "Draft"), NULL, NULL, 0 },
  { "sent", NC_("referral status", "Sent"), NULL, NULL, 0 },
  { "acknowledged", NC_("referral status", "Acknowledged"), NULL, NULL, 0 },
  { "accepted", NC_("referral status", "Accepted"), NULL, NULL, 0 },
  { "declined", NC_("referral status", "Declined"), NULL, NULL, UDHA_LOOKUP_FLAG_TERMINAL },
  { "in_service", NC_("referral status", "In service"), NULL, NULL, 0 },
  { "completed", NC_("referral status", "Completed"), NULL, NULL, UDHA_LOOKUP_FLAG_TERMINAL },
  { "cancelled", NC_("referral status", "Cancelled / withdrawn"), NULL, NULL, UDHA_LOOKUP_FLAG_TERMINAL },
};

static const UdhaLookupEntry referral_urgency_entries[] = {
  { "routine", NC_("referral urgency", "Routine"), NULL, NULL, 0 },
  { "priority", NC_("referral urgency", "Priority"), NULL, NULL, 0 },
  { "emergency", NC_("referral urgency", "Emergency"), NULL, NULL, 0 },
};

static const UdhaLookupEntry referral_reason_entries[] = {
  { "additional_services", NC_("referral reason", "Additional services required"), NULL, NULL, 0 },
  { "change_of_location", NC_("referral reason", "Change of location"), NULL, NULL, 0 },
  { "other", NC_("referral reason", "Other"), NULL, NULL, UDHA_LOOKUP_FLAG_NEEDS_NOTE },
};

static const UdhaLookupEntry referral_decline_reason_entries[] = {
  { "no_capacity", NC_("referral declined", "No capacity"), NULL, NULL, 0 },
  { "not_eligible", NC_("referral declined", "Not eligible"), NULL, NULL, 0 },
  { "outside_mandate", NC_("referral declined", "Outside mandate"), NULL, NULL, 0 },
  { "unreachable", NC_("referral declined", "Person unreachable"), NULL, NULL, 0 },
  { "other", NC_("referral declined", "Other"), NULL, NULL, UDHA_LOOKUP_FLAG_NEEDS_NOTE },
};

static const UdhaLookupEntry referral_cancel_reason_entries[] = {
  { "consent_withdrawn", NC_("referral cancelled", "Person withdrew consent"), NULL, NULL, 0 },
  { "person_left", NC_("referral cancelled", "Person left"), NULL, NULL, 0 },
  { "not_needed", NC_("referral cancelled", "No longer needed"), NULL, NULL, 0 },
  { "client_did_not_attend", NC_("referral cancelled", "Client did not attend"), NULL, NULL, 0 },
  { "created_by_mistake", NC_("referral cancelled", "Created by mistake"), NULL, NULL, 0 },
  { "other", NC_("referral cancelled", "Other"), NULL, NULL, UDHA_LOOKUP_FLAG_NEEDS_NOTE },
};

static const UdhaLookupEntry referral_send_method_entries[] = {
  { "in_person", NC_("referral sent by", "In person"), NULL, NULL, 0 },
  { "phone", NC_("referral sent by", "Phone"), NULL, NULL, 0 },
  { "secure_email", NC_("referral sent by", "Secure e-mail"), NULL, NULL, 0 },
  { "printed_slip", NC_("referral sent by", "Printed slip"), NULL, NULL, 0 },
  { "nrm_form", NC_("referral sent by", "National Referral Mechanism form"), NULL, NULL, 0 },
};

static const UdhaLookupEntry referral_outcome_entries[] = {
  { "provided", NC_("referral outcome", "Service provided"), NULL, NULL, 0 },
  { "partly_provided", NC_("referral outcome", "Service partly provided"), NULL, NULL, 0 },
  { "not_provided", NC_("referral outcome", "Service not provided"), NULL, NULL, 0 },
};

static const UdhaLookupEntry organisation_type_entries[] = {
  { "state", NC_("organisation type", "State institution"), NULL, NULL, 0 },
  { "ngo", NC_("organisation type", "Non-governmental organisation"), NULL, NULL, 0 },
  { "international", NC_("organisation type", "International organisation"), NULL, NULL, 0 },
  /* Private clinics, lawyers, faith communities: partners that are none of the above. */
  { "other", NC_("organisation type", "Other"), NULL, NULL, 0 },
};

static const UdhaLookupEntry vulnerability_entries[] = {
  { "minor", NC_("vulnerability", "Minor (derived from age)"), NULL, NULL, UDHA_LOOKUP_FLAG_DERIVED },
  { "unaccompanied_minor", NC_("vulnerability", "Unaccompanied minor"), NULL, NULL, 0 },
  { "disability", NC_("vulnerability", "Person with disabilities"), NULL, NULL, 0 },
  { "elderly", NC_("vulnerability", "Elderly person"), NULL, NULL, 0 },
  { "pregnant", NC_("vulnerability", "Pregnant woman"), NULL, NULL, 0 },
  { "lgbti", NC_("vulnerability", "LGBTI person"), NULL, NULL, 0 },
  { "single_parent", NC_("vulnerability", "Single parent with minor children"), NULL, NULL, 0 },
  { "trafficking_victim", NC_("vulnerability", "Victim of trafficking in human beings"), NULL, NULL, UDHA_LOOKUP_FLAG_SENSITIVE },
  { "serious_illness", NC_("vulnerability", "Person with a serious illness"), NULL, NULL, 0 },
  { "mental_disorder", NC_("vulnerability", "Person with a mental disorder, including PTSD"), NULL, NULL, 0 },
  { "torture_violence", NC_("vulnerability", "Victim of torture, rape or other serious psychological, physical or sexual violence"), NULL, NULL, UDHA_LOOKUP_FLAG_SENSITIVE },
  { "trafficking_potential", NC_("vulnerability", "Potential victim of trafficking"), NULL, NULL, UDHA_LOOKUP_FLAG_SENSITIVE },
  { "gbv_survivor", NC_("vulnerability", "Survivor of gender-based violence"), NULL, NULL, UDHA_LOOKUP_FLAG_SENSITIVE },
  { "separated_child", NC_("vulnerability", "Separated child"), NULL, NULL, 0 },
  { "child_at_risk", NC_("vulnerability", "Child at risk"), NULL, NULL, 0 },
};

static const UdhaLookupEntry consent_purpose_entries[] = {
  { "services", NC_("consent purpose", "In-house assistance"), NULL, NULL, 0 },
  { "referral", NC_("consent purpose", "Referral to other organisations"), NULL, NULL, 0 },
  { "disclosure_authorities", NC_("consent purpose", "Disclosure to authorities"), NULL, NULL, 0 },
  { "statistics", NC_("consent purpose", "Non-identifiable statistics"), NULL, NULL, 0 },
  { "tracing", NC_("consent purpose", "Family tracing"), NULL, NULL, 0 },
  { "transfer_abroad", NC_("consent purpose", "Transfer abroad"), NULL, NULL, 0 },
  { "research", NC_("consent purpose", "Research with non-identifying data"), NULL, NULL, 0 },
};

static const UdhaLookupEntry consent_scope_entries[] = {
  { "identity", NC_("consent scope", "Identity: names, sex, date of birth"), NULL, NULL, 0 },
  { "contact", NC_("consent scope", "Contact details: phone and address"), NULL, NULL, 0 },
  { "documents", NC_("consent scope", "Identity documents"), NULL, NULL, 0 },
  { "migration", NC_("consent scope", "Citizenship and migration status"), NULL, NULL, 0 },
  { "family", NC_("consent scope", "Family and household"), NULL, NULL, 0 },
  { "needs", NC_("consent scope", "Specific needs and vulnerabilities"), NULL, NULL, UDHA_LOOKUP_FLAG_SENSITIVE },
  { "health", NC_("consent scope", "Health information"), NULL, NULL, UDHA_LOOKUP_FLAG_SENSITIVE },
  { "trafficking", NC_("consent scope", "Trafficking details"), NULL, NULL, UDHA_LOOKUP_FLAG_SENSITIVE },
  { "case", NC_("consent scope", "Case type, services and referral history"), NULL, NULL, 0 },
};

static const UdhaLookupEntry consent_given_by_entries[] = {
  { "person", NC_("consent given by", "The person"), NULL, NULL, 0 },
  { "parent", NC_("consent given by", "Parent"), NULL, NULL, 0 },
  { "legal_guardian", NC_("consent given by", "Legal guardian"), NULL, NULL, 0 },
  { "other", NC_("consent given by", "Other (specify)"), NULL, NULL, UDHA_LOOKUP_FLAG_NEEDS_NOTE },
};

static const UdhaLookupEntry consent_method_entries[] = {
  { "written", NC_("consent method", "Written (signed form)"), NULL, NULL, 0 },
  { "verbal_witness", NC_("consent method", "Verbal, with a witness"), NULL, NULL, 0 },
  { "other", NC_("consent method", "Other"), NULL, NULL, UDHA_LOOKUP_FLAG_NEEDS_NOTE },
};

static const UdhaLookupEntry legal_basis_entries[] = {
  { "consent", NC_("legal basis", "Consent"), NULL, NULL, 0 },
  { "contract", NC_("legal basis", "Contract"), NULL, NULL, 0 },
  { "vital_interests", NC_("legal basis", "Vital interests"), NULL, NULL, 0 },
  { "beneficiary_interests", NC_("legal basis", "Interests of the beneficiary"), NULL, NULL, 0 },
  { "legal_obligation", NC_("legal basis", "Legal obligation"), NULL, NULL, 0 },
  { "legitimate_interests", NC_("legal basis", "Other legitimate interests"), NULL, NULL, 0 },
};

static const UdhaLookupEntry sex_entries[] = {
  { "female", NC_("sex", "Female"), NULL, NULL, 0 },
  { "male", NC_("sex", "Male"), NULL, NULL, 0 },
  { "other", NC_("sex", "Other"), NULL, NULL, 0 },
  { "not_stated", NC_("sex", "Not stated"), NULL, NULL, UDHA_LOOKUP_FLAG_UNKNOWN },
};

static const UdhaLookupEntry marital_status_entries[] = {
  { "single", NC_("marital status", "Single"), NULL, NULL, 0 },
  { "married", NC_("marital status", "Married"), NULL, NULL, 0 },
  { "widowed", NC_("marital status", "Widowed"), NULL, NULL, 0 },
  { "divorced_separated", NC_("marital status", "Divorced or separated"), NULL, NULL, 0 },
  { "unknown", NC_("marital status", "Unknown"), NULL, NULL, UDHA_LOOKUP_FLAG_UNKNOWN },
};

static const UdhaLookupEntry education_entries[] = {
  { "none", NC_("education", "No formal education"), NULL, NULL, 0 },
  { "primary", NC_("education", "Primary"), NULL, NULL, 0 },
  { "secondary", NC_("education", "Secondary"), NULL, NULL, 0 },
  { "vocational", NC_("education", "Vocational"), NULL, NULL, 0 },
  { "university", NC_("education", "University"), NULL, NULL, 0 },
  { "unknown", NC_("education", "Unknown"), NULL, NULL, UDHA_LOOKUP_FLAG_UNKNOWN },
};

static const UdhaLookupEntry document_type_entries[] = {
  { "passport", NC_("document type", "Passport"), NULL, NULL, 0 },
  { "national_id", NC_("document type", "National identity card"), NULL, NULL, 0 },
  { "travel_document", NC_("document type", "Travel document"), NULL, NULL, 0 },
  { "residence_permit", NC_("document type", "Residence permit"), NULL, NULL, 0 },
  { "asylum_card", NC_("document type", "Asylum-seeker card"), NULL, NULL, 0 },
  { "other", NC_("document type", "Other"), NULL, NULL, 0 },
};

static const UdhaLookupEntry age_basis_entries[] = {
  { "self_declared", NC_("age basis", "Self-declared"), NULL, NULL, 0 },
  { "document", NC_("age basis", "From a document"), NULL, NULL, 0 },
  { "assessment", NC_("age basis", "Age assessment"), NULL, NULL, 0 },
};

static const UdhaLookupEntry child_status_entries[] = {
  { "accompanied", NC_("child status", "Accompanied"), NULL, NULL, 0 },
  { "unaccompanied", NC_("child status", "Unaccompanied"), NULL, NULL, 0 },
  { "separated", NC_("child status", "Separated"), NULL, NULL, 0 },
};

static const UdhaLookupEntry prescreening_entries[] = {
  { "asylum_seeker", NC_("pre-screening", "Asylum seeker"), NULL, NULL, 0 },
  { "potential_victim", NC_("pre-screening", "Potential victim of trafficking"), NULL, NULL, UDHA_LOOKUP_FLAG_SENSITIVE },
  { "irregular_migrant", NC_("pre-screening", "Irregular migrant"), NULL, NULL, 0 },
  { "not_screened", NC_("pre-screening", "Not screened"), NULL, NULL, UDHA_LOOKUP_FLAG_UNKNOWN },
};

static const UdhaLookupEntry travelling_with_entries[] = {
  { "alone", NC_("travelling with", "Alone"), NULL, NULL, 0 },
  { "family", NC_("travelling with", "With family"), NULL, NULL, 0 },
  { "group", NC_("travelling with", "With a group"), NULL, NULL, 0 },
  { "unknown", NC_("travelling with", "Unknown"), NULL, NULL, UDHA_LOOKUP_FLAG_UNKNOWN },
};

static const UdhaLookupEntry relationship_entries[] = {
  { "spouse", NC_("relationship", "Spouse or partner"), NULL, NULL, 0 },
  { "child", NC_("relationship", "Child"), NULL, NULL, 0 },
  { "parent", NC_("relationship", "Parent"), NULL, NULL, 0 },
  { "sibling", NC_("relationship", "Brother or sister"), NULL, NULL, 0 },
  { "grandparent", NC_("relationship", "Grandparent"), NULL, NULL, 0 },
  { "grandchild", NC_("relationship", "Grandchild"), NULL, NULL, 0 },
  { "uncle_aunt", NC_("relationship", "Uncle or aunt"), NULL, NULL, 0 },
  { "nephew_niece", NC_("relationship", "Nephew or niece"), NULL, NULL, 0 },
  { "cousin", NC_("relationship", "Cousin"), NULL, NULL, 0 },
  { "in_law", NC_("relationship", "Relative by marriage"), NULL, NULL, 0 },
  { "other_relative", NC_("relationship", "Other relative"), NULL, NULL, 0 },
  { "caregiver", NC_("relationship", "Caregiver (not related)"), NULL, NULL, 0 },
  { "other", NC_("relationship", "Other"), NULL, NULL, 0 },
};

static const UdhaLookupEntry whereabouts_entries[] = {
  { "with_person", NC_("whereabouts", "With the person"), NULL, NULL, 0 },
  { "in_albania", NC_("whereabouts", "In Albania"), NULL, NULL, 0 },
  { "abroad", NC_("whereabouts", "Abroad"), NULL, NULL, 0 },
  { "unknown", NC_("whereabouts", "Unknown"), NULL, NULL, UDHA_LOOKUP_FLAG_UNKNOWN },
};

static const UdhaLookupEntry name_script_entries[] = {
  { "latn", NC_("script", "Latin"), NULL, NULL, 0 },
  { "arab", NC_("script", "Arabic"), NULL, NULL, 0 },
  { "cyrl", NC_("script", "Cyrillic"), NULL, NULL, 0 },
  { "ethi", NC_("script", "Ethiopic (Ge‘ez)"), NULL, NULL, 0 },
  { "beng", NC_("script", "Bengali"), NULL, NULL, 0 },
  { "deva", NC_("script", "Devanagari"), NULL, NULL, 0 },
  { "grek", NC_("script", "Greek"), NULL, NULL, 0 },
  { "geor", NC_("script", "Georgian"), NULL, NULL, 0 },
  { "armn", NC_("script", "Armenian"), NULL, NULL, 0 },
  { "hani", NC_("script", "Chinese (Han)"), NULL, NULL, 0 },
  { "other", NC_("script", "Other"), NULL, NULL, 0 },
};

static const UdhaLookupEntry role_entries[] = {
  { "caseworker", NC_("role", "Caseworker"), NULL, NULL, 0 },
  { "supervisor", NC_("role", "Supervisor"), NULL, NULL, 0 },
  { "admin", NC_("role", "Administrator"), NULL, NULL, 0 },
};

static const UdhaLookupEntry qark_entries[] = {
  { "al-01", /* proper name, not translated */ "Berat", NULL, "Qarku i Beratit", UDHA_LOOKUP_FLAG_UNTRANSLATED },
  { "al-09", /* proper name, not translated */ "Dibër", NULL, "Qarku i Dibrës", UDHA_LOOKUP_FLAG_UNTRANSLATED },
  { "al-02", /* proper name, not translated */ "Durrës", NULL, "Qarku i Durrësit", UDHA_LOOKUP_FLAG_UNTRANSLATED },
  { "al-03", /* proper name, not translated */ "Elbasan", NULL, "Qarku i Elbasanit", UDHA_LOOKUP_FLAG_UNTRANSLATED },
  { "al-04", /* proper name, not translated */ "Fier", NULL, "Qarku i Fierit", UDHA_LOOKUP_FLAG_UNTRANSLATED },
  { "al-05", /* proper name, not translated */ "Gjirokastër", NULL, "Qarku i Gjirokastrës", UDHA_LOOKUP_FLAG_UNTRANSLATED },
  { "al-06", /* proper name, not translated */ "Korçë", NULL, "Qarku i Korçës", UDHA_LOOKUP_FLAG_UNTRANSLATED },
  { "al-07", /* proper name, not translated */ "Kukës", NULL, "Qarku i Kukësit", UDHA_LOOKUP_FLAG_UNTRANSLATED },
  { "al-08", /* proper name, not translated */ "Lezhë", NULL, "Qarku i Lezhës", UDHA_LOOKUP_FLAG_UNTRANSLATED },
  { "al-10", /* proper name, not translated */ "Shkodër", NULL, "Qarku i Shkodrës", UDHA_LOOKUP_FLAG_UNTRANSLATED },
  { "al-11", /* proper name, not translated */ "Tiranë", NULL, "Qarku i Tiranës", UDHA_LOOKUP_FLAG_UNTRANSLATED },
  { "al-12", /* proper name, not translated */ "Vlorë", NULL, "Qarku i Vlorës", UDHA_LOOKUP_FLAG_UNTRANSLATED },
};

static const KindInfo kinds[] = {
  [UDHA_LOOKUP_CASE_TYPE] = { "case_type", "case type", N_("Case type"), case_type_entries, G_N_ELEMENTS (case_type_entries) },
  [UDHA_LOOKUP_CASE_STATUS] = { "case_status", "case status", N_("Case status"), case_status_entries, G_N_ELEMENTS (case_status_entries) },
  [UDHA_LOOKUP_CLOSURE_REASON] = { "closure_reason", "closure reason", N_("Closure reason"), closure_reason_entries, G_N_ELEMENTS (closure_reason_entries) },
  [UDHA_LOOKUP_RISK_LEVEL] = { "risk_level", "risk level", N_("Risk level"), risk_level_entries, G_N_ELEMENTS (risk_level_entries) },
  [UDHA_LOOKUP_CASE_FLAG] = { "case_flag", "case flag", N_("Case flag"), case_flag_entries, G_N_ELEMENTS (case_flag_entries) },
  [UDHA_LOOKUP_TRAFFICKING_STATUS] = { "trafficking_status", "trafficking status", N_("Trafficking identification status"), trafficking_status_entries, G_N_ELEMENTS (trafficking_status_entries) },
  [UDHA_LOOKUP_MIGRATION_STATUS] = { "migration_status", "migration status", N_("Migration or protection status"), migration_status_entries, G_N_ELEMENTS (migration_status_entries) },
  [UDHA_LOOKUP_CONTACT_TYPE] = { "contact_type", "contact type", N_("Contact type"), contact_type_entries, G_N_ELEMENTS (contact_type_entries) },
  [UDHA_LOOKUP_CONTACT_LOCATION] = { "contact_location", "contact location", N_("Location"), contact_location_entries, G_N_ELEMENTS (contact_location_entries) },
  [UDHA_LOOKUP_INTERPRETER] = { "interpreter", "interpreter", N_("Interpreter"), interpreter_entries, G_N_ELEMENTS (interpreter_entries) },
  [UDHA_LOOKUP_CONSENT_RECONFIRMED] = { "consent_reconfirmed", "consent reconfirmed", N_("Consent re-confirmed"), consent_reconfirmed_entries, G_N_ELEMENTS (consent_reconfirmed_entries) },
  [UDHA_LOOKUP_SERVICE] = { "service", "service", N_("Service"), service_entries, G_N_ELEMENTS (service_entries) },
  [UDHA_LOOKUP_SERVICE_CATEGORY] = { "service_category", "service category", N_("Service category"), service_category_entries, G_N_ELEMENTS (service_category_entries) },
  [UDHA_LOOKUP_SERVICE_DELIVERY] = { "service_delivery", "service delivery", N_("How delivered"), service_delivery_entries, G_N_ELEMENTS (service_delivery_entries) },
  [UDHA_LOOKUP_SERVICE_STATUS] = { "service_status", "service status", N_("Service status"), service_status_entries, G_N_ELEMENTS (service_status_entries) },
  [UDHA_LOOKUP_REFERRAL_STATUS] = { "referral_status", "referral status", N_("Referral status"), referral_status_entries, G_N_ELEMENTS (referral_status_entries) },
  [UDHA_LOOKUP_REFERRAL_URGENCY] = { "referral_urgency", "referral urgency", N_("Urgency"), referral_urgency_entries, G_N_ELEMENTS (referral_urgency_entries) },
  [UDHA_LOOKUP_REFERRAL_REASON] = { "referral_reason", "referral reason", N_("Reason for referral"), referral_reason_entries, G_N_ELEMENTS (referral_reason_entries) },
  [UDHA_LOOKUP_REFERRAL_DECLINE_REASON] = { "referral_decline_reason", "referral declined", N_("Reason declined"), referral_decline_reason_entries, G_N_ELEMENTS (referral_decline_reason_entries) },
  [UDHA_LOOKUP_REFERRAL_CANCEL_REASON] = { "referral_cancel_reason", "referral cancelled", N_("Reason cancelled"), referral_cancel_reason_entries, G_N_ELEMENTS (referral_cancel_reason_entries) },
  [UDHA_LOOKUP_REFERRAL_SEND_METHOD] = { "referral_send_method", "referral sent by", N_("How sent"), referral_send_method_entries, G_N_ELEMENTS (referral_send_method_entries) },
  [UDHA_LOOKUP_REFERRAL_OUTCOME] = { "referral_outcome", "referral outcome", N_("Outcome"), referral_outcome_entries, G_N_ELEMENTS (referral_outcome_entries) },
  [UDHA_LOOKUP_ORGANISATION_TYPE] = { "organisation_type", "organisation type", N_("Organisation type"), organisation_type_entries, G_N_ELEMENTS (organisation_type_entries) },
  [UDHA_LOOKUP_VULNERABILITY] = { "vulnerability", "vulnerability", N_("Specific needs"), vulnerability_entries, G_N_ELEMENTS (vulnerability_entries) },
  [UDHA_LOOKUP_CONSENT_PURPOSE] = { "consent_purpose", "consent purpose", N_("Consent purpose"), consent_purpose_entries, G_N_ELEMENTS (consent_purpose_entries) },
  [UDHA_LOOKUP_CONSENT_SCOPE] = { "consent_scope", "consent scope", N_("Data scope"), consent_scope_entries, G_N_ELEMENTS (consent_scope_entries) },
  [UDHA_LOOKUP_CONSENT_GIVEN_BY] = { "consent_given_by", "consent given by", N_("Given by"), consent_given_by_entries, G_N_ELEMENTS (consent_given_by_entries) },
  [UDHA_LOOKUP_CONSENT_METHOD] = { "consent_method", "consent method", N_("How given"), consent_method_entries, G_N_ELEMENTS (consent_method_entries) },
  [UDHA_LOOKUP_LEGAL_BASIS] = { "legal_basis", "legal basis", N_("Legal basis"), legal_basis_entries, G_N_ELEMENTS (legal_basis_entries) },
  [UDHA_LOOKUP_SEX] = { "sex", "sex", N_("Sex"), sex_entries, G_N_ELEMENTS (sex_entries) },
  [UDHA_LOOKUP_MARITAL_STATUS] = { "marital_status", "marital status", N_("Marital status"), marital_status_entries, G_N_ELEMENTS (marital_status_entries) },
  [UDHA_LOOKUP_EDUCATION] = { "education", "education", N_("Education"), education_entries, G_N_ELEMENTS (education_entries) },
  [UDHA_LOOKUP_DOCUMENT_TYPE] = { "document_type", "document type", N_("Document type"), document_type_entries, G_N_ELEMENTS (document_type_entries) },
  [UDHA_LOOKUP_AGE_BASIS] = { "age_basis", "age basis", N_("Basis of the estimated age"), age_basis_entries, G_N_ELEMENTS (age_basis_entries) },
  [UDHA_LOOKUP_CHILD_STATUS] = { "child_status", "child status", N_("Child status"), child_status_entries, G_N_ELEMENTS (child_status_entries) },
  [UDHA_LOOKUP_PRESCREENING] = { "prescreening", "pre-screening", N_("Pre-screening category"), prescreening_entries, G_N_ELEMENTS (prescreening_entries) },
  [UDHA_LOOKUP_TRAVELLING_WITH] = { "travelling_with", "travelling with", N_("Travelling with"), travelling_with_entries, G_N_ELEMENTS (travelling_with_entries) },
  [UDHA_LOOKUP_RELATIONSHIP] = { "relationship", "relationship", N_("Relationship"), relationship_entries, G_N_ELEMENTS (relationship_entries) },
  [UDHA_LOOKUP_WHEREABOUTS] = { "whereabouts", "whereabouts", N_("Whereabouts"), whereabouts_entries, G_N_ELEMENTS (whereabouts_entries) },
  [UDHA_LOOKUP_NAME_SCRIPT] = { "name_script", "script", N_("Script"), name_script_entries, G_N_ELEMENTS (name_script_entries) },
  [UDHA_LOOKUP_ROLE] = { "role", "role", N_("Role"), role_entries, G_N_ELEMENTS (role_entries) },
  [UDHA_LOOKUP_QARK] = { "qark", "qark", N_("Qark (county)"), qark_entries, G_N_ELEMENTS (qark_entries) },
};

G_STATIC_ASSERT (G_N_ELEMENTS (kinds) == UDHA_LOOKUP_N_KINDS);

/*
 * Referral workflow (DOMAIN.md §6.3). Supervisors may do everything a caseworker
 * may do on the cases of their office (§9); administrators never touch case data.
 * "(new) → draft" has from = NULL; "draft → (deleted)" has to = NULL.
 * Reopening (§6.3, last row) returns to the status before the terminal one; the
 * table allows every status that can precede it, and the caller checks the history.
 */

static const char *const roles_staff[] = { UDHA_ROLE_CASEWORKER, UDHA_ROLE_SUPERVISOR, NULL };
static const char *const roles_supervisor[] = { UDHA_ROLE_SUPERVISOR, NULL };

#define STAFF roles_staff
#define SUPERVISOR roles_supervisor
#define R_REASON UDHA_TRANSITION_REQUIRES_REASON
#define R_CONSENT UDHA_TRANSITION_REQUIRES_CONSENT
#define R_OUTCOME UDHA_TRANSITION_REQUIRES_OUTCOME
#define R_DATE UDHA_TRANSITION_REQUIRES_DATE
#define R_REOPEN UDHA_TRANSITION_REOPEN
#define R_CLOSURE UDHA_TRANSITION_REQUIRES_CLOSURE_REASON

static const UdhaTransition referral_transitions[] = {
  { NULL,           "draft",        STAFF,      0 },
  { "draft",        "sent",         STAFF,      R_CONSENT | R_DATE },
  { "draft",        NULL,           STAFF,      0 },
  { "sent",         "acknowledged", STAFF,      R_DATE },
  { "sent",         "accepted",     STAFF,      R_DATE },
  { "acknowledged", "accepted",     STAFF,      R_DATE },
  { "sent",         "declined",     STAFF,      R_REASON | R_DATE },
  { "acknowledged", "declined",     STAFF,      R_REASON | R_DATE },
  { "accepted",     "in_service",   STAFF,      R_DATE },
  { "accepted",     "completed",    STAFF,      R_OUTCOME | R_DATE },
  { "in_service",   "completed",    STAFF,      R_OUTCOME | R_DATE },
  { "draft",        "cancelled",    STAFF,      R_REASON },
  { "sent",         "cancelled",    STAFF,      R_REASON },
  { "acknowledged", "cancelled",    STAFF,      R_REASON },
  { "accepted",     "cancelled",    STAFF,      R_REASON },
  { "in_service",   "cancelled",    STAFF,      R_REASON },
  /* Reopen: supervisor, note required, back to the previous status */
  { "declined",     "sent",         SUPERVISOR, R_REASON | R_REOPEN },
  { "declined",     "acknowledged", SUPERVISOR, R_REASON | R_REOPEN },
  { "completed",    "accepted",     SUPERVISOR, R_REASON | R_REOPEN },
  { "completed",    "in_service",   SUPERVISOR, R_REASON | R_REOPEN },
  { "cancelled",    "draft",        SUPERVISOR, R_REASON | R_REOPEN },
  { "cancelled",    "sent",         SUPERVISOR, R_REASON | R_REOPEN },
  { "cancelled",    "acknowledged", SUPERVISOR, R_REASON | R_REOPEN },
  { "cancelled",    "accepted",     SUPERVISOR, R_REASON | R_REOPEN },
  { "cancelled",    "in_service",   SUPERVISOR, R_REASON | R_REOPEN },
};

/*
 * Case workflow (DOMAIN.md §3.2). "(new) → open" is the registration.
 * A rejected closure returns to the status before the request (R_REOPEN).
 */
static const UdhaTransition case_transitions[] = {
  { NULL,                "open",              STAFF,      0 },
  { "open",              "follow_up",         STAFF,      0 },
  { "follow_up",         "open",              STAFF,      0 },
  { "open",              "inactive",          STAFF,      0 },
  { "follow_up",         "inactive",          STAFF,      0 },
  { "inactive",          "open",              STAFF,      0 },
  { "open",              "closure_requested", STAFF,      R_CLOSURE },
  { "follow_up",         "closure_requested", STAFF,      R_CLOSURE },
  { "inactive",          "closure_requested", STAFF,      R_CLOSURE },
  { "closure_requested", "closed",            SUPERVISOR, 0 },
  { "closure_requested", "open",              SUPERVISOR, R_REASON | R_REOPEN },
  { "closure_requested", "follow_up",         SUPERVISOR, R_REASON | R_REOPEN },
  { "closure_requested", "inactive",          SUPERVISOR, R_REASON | R_REOPEN },
  { "closed",            "open",              SUPERVISOR, R_REASON },
  { "open",              "transferred",       SUPERVISOR, 0 },
  { "follow_up",         "transferred",       SUPERVISOR, 0 },
  { "open",              "duplicate",         SUPERVISOR, 0 },
  { "follow_up",         "duplicate",         SUPERVISOR, 0 },
  { "inactive",          "duplicate",         SUPERVISOR, 0 },
  { "closure_requested", "duplicate",         SUPERVISOR, 0 },
  { "closed",            "duplicate",         SUPERVISOR, 0 },
  { "transferred",       "duplicate",         SUPERVISOR, 0 },
};

/*
 * Auxiliary methods
 */

static const KindInfo *
get_kind (UdhaLookupKind kind)
{
  if ((guint) kind >= UDHA_LOOKUP_N_KINDS)
    return NULL;
  return &kinds[kind];
}

static const char *
translate_entry (const KindInfo        *info,
                 const UdhaLookupEntry *entry)
{
  if ((entry->flags & UDHA_LOOKUP_FLAG_UNTRANSLATED) != 0)
    return entry->label;
  return g_dpgettext2 (GETTEXT_PACKAGE, info->context, entry->label);
}

/* A user-typed value shown back in an error message: at most 40 characters,
 * printable only, so a mistyped field can never smuggle much text into a log. */
static char *
sanitize_value (const char *value)
{
  GString *s = g_string_new (NULL);
  const char *p;
  guint n = 0;

  if (value == NULL)
    return g_string_free (s, FALSE);

  if (!g_utf8_validate (value, -1, NULL))
    {
      g_string_append (s, "\357\277\275");
      return g_string_free (s, FALSE);
    }

  for (p = value; *p != '\0' && n < 40; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isprint (c))
        g_string_append_unichar (s, c);
      else
        g_string_append_c (s, '?');
    }
  if (*p != '\0')
    g_string_append (s, "\342\200\246");

  return g_string_free (s, FALSE);
}

static char *
join_codes (const KindInfo *info)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < info->n_entries; i++)
    {
      if ((info->entries[i].flags & UDHA_LOOKUP_FLAG_DERIVED) != 0)
        continue;
      if (s->len > 0)
        g_string_append (s, ", ");
      g_string_append (s, info->entries[i].code);
    }

  return g_string_free (s, FALSE);
}

static gboolean
is_empty (const char *s)
{
  if (s == NULL)
    return TRUE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

static const UdhaTransition *
find_transition (const UdhaTransition *table,
                 guint                 n,
                 const char           *from,
                 const char           *to)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (table[i].from, from) == 0 && g_strcmp0 (table[i].to, to) == 0)
      return &table[i];
  return NULL;
}

static gboolean
role_allowed (const UdhaTransition *t,
              const char           *role)
{
  return role != NULL && g_strv_contains ((const char * const *) t->roles, role);
}

static char *
status_label (UdhaLookupKind  kind,
              const char     *code,
              const char     *none_label)
{
  if (code == NULL)
    return g_strdup (none_label);
  return g_strdup (udha_lookup_get_label (kind, code));
}

static gboolean
check_transition (UdhaLookupKind        kind,
                  const UdhaTransition *table,
                  guint                 n,
                  const char           *from,
                  const char           *to,
                  const char           *role,
                  const char           *reason,
                  GError              **error)
{
  const UdhaTransition *t;

  if (from != NULL && !udha_lookup_check (kind, from, _("Current status"), error))
    return FALSE;
  if (to != NULL && !udha_lookup_check (kind, to, _("New status"), error))
    return FALSE;
  if (!udha_lookup_check (UDHA_LOOKUP_ROLE, role, _("Role"), error))
    return FALSE;

  t = find_transition (table, n, from, to);
  if (t == NULL)
    {
      g_autofree char *from_label = status_label (kind, from, C_("status", "New"));
      g_autofree char *to_label = status_label (kind, to, C_("status", "Deleted"));

      if (kind == UDHA_LOOKUP_REFERRAL_STATUS)
        g_set_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_TRANSITION,
                     /* Translators: both are referral statuses, e.g. "Completed" and "Sent" */
                     _("A referral cannot go from “%s” to “%s”."), from_label, to_label);
      else
        g_set_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_TRANSITION,
                     /* Translators: both are case statuses, e.g. "Closed" and "Follow-up" */
                     _("A case cannot go from “%s” to “%s”."), from_label, to_label);
      return FALSE;
    }

  if (!role_allowed (t, role))
    {
      g_autofree char *from_label = status_label (kind, from, C_("status", "New"));
      g_autofree char *to_label = status_label (kind, to, C_("status", "Deleted"));

      g_set_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_NOT_PERMITTED,
                   /* Translators: the first %s is a role ("Caseworker"), then two statuses */
                   _("A user with the role “%s” cannot change the status from “%s” to “%s”."),
                   udha_lookup_get_label (UDHA_LOOKUP_ROLE, role), from_label, to_label);
      return FALSE;
    }

  if ((t->requires & UDHA_TRANSITION_REQUIRES_REASON) != 0 && is_empty (reason))
    {
      g_autofree char *from_label = status_label (kind, from, C_("status", "New"));
      g_autofree char *to_label = status_label (kind, to, C_("status", "Deleted"));

      g_set_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_REASON_REQUIRED,
                   _("Changing the status from “%s” to “%s” needs a reason."),
                   from_label, to_label);
      return FALSE;
    }

  return TRUE;
}

/*
 * Public API
 */

/**
 * udha_lookup_kind_get_name:
 *
 * Returns: the stable name of @kind ("case_type"), or %NULL for an invalid kind
 */
const char *
udha_lookup_kind_get_name (UdhaLookupKind kind)
{
  const KindInfo *info = get_kind (kind);

  return info != NULL ? info->name : NULL;
}

/**
 * udha_lookup_kind_get_context:
 *
 * Returns: the gettext context of the labels of @kind ("case status")
 */
const char *
udha_lookup_kind_get_context (UdhaLookupKind kind)
{
  const KindInfo *info = get_kind (kind);

  return info != NULL ? info->context : NULL;
}

/**
 * udha_lookup_kind_get_title:
 *
 * Returns: the translated field name of @kind ("Case type"), for forms and messages
 */
const char *
udha_lookup_kind_get_title (UdhaLookupKind kind)
{
  const KindInfo *info = get_kind (kind);

  return info != NULL ? g_dgettext (GETTEXT_PACKAGE, info->title) : NULL;
}

/**
 * udha_lookup_list:
 * @kind: a vocabulary
 * @n: (out) (optional): number of entries
 *
 * Returns: (array length=n) (transfer none): the static entries of @kind, in display order
 */
const UdhaLookupEntry *
udha_lookup_list (UdhaLookupKind  kind,
                  guint          *n)
{
  const KindInfo *info = get_kind (kind);

  g_return_val_if_fail (info != NULL, NULL);

  if (n != NULL)
    *n = info->n_entries;
  return info->entries;
}

/**
 * udha_lookup_find:
 *
 * Returns: (nullable): the entry with @code, or %NULL. Codes are compared exactly
 *   (they are lowercase ASCII).
 */
const UdhaLookupEntry *
udha_lookup_find (UdhaLookupKind  kind,
                  const char     *code)
{
  const KindInfo *info = get_kind (kind);

  if (info == NULL || code == NULL)
    return NULL;

  for (guint i = 0; i < info->n_entries; i++)
    if (strcmp (info->entries[i].code, code) == 0)
      return &info->entries[i];

  return NULL;
}

gboolean
udha_lookup_is_valid (UdhaLookupKind  kind,
                      const char     *code)
{
  return udha_lookup_find (kind, code) != NULL;
}

/**
 * udha_lookup_get_label:
 *
 * Returns: (nullable): the label of @code translated into the user's language,
 *   or %NULL for an unknown code
 */
const char *
udha_lookup_get_label (UdhaLookupKind  kind,
                       const char     *code)
{
  const UdhaLookupEntry *entry = udha_lookup_find (kind, code);

  if (entry == NULL)
    return NULL;
  return translate_entry (get_kind (kind), entry);
}

/**
 * udha_lookup_entry_get_label:
 *
 * Returns: the translated label of @entry, an element of udha_lookup_list (@kind)
 */
const char *
udha_lookup_entry_get_label (UdhaLookupKind         kind,
                             const UdhaLookupEntry *entry)
{
  const KindInfo *info = get_kind (kind);

  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (entry != NULL, NULL);

  return translate_entry (info, entry);
}

/**
 * udha_lookup_get_position:
 *
 * Returns: the index of @code in display order (case and referral statuses are in
 *   workflow order), or -1 for an unknown code
 */
int
udha_lookup_get_position (UdhaLookupKind  kind,
                          const char     *code)
{
  const UdhaLookupEntry *entry = udha_lookup_find (kind, code);

  if (entry == NULL)
    return -1;
  return (int) (entry - get_kind (kind)->entries);
}

gboolean
udha_lookup_has_flag (UdhaLookupKind   kind,
                      const char      *code,
                      UdhaLookupFlags  flag)
{
  const UdhaLookupEntry *entry = udha_lookup_find (kind, code);

  return entry != NULL && (entry->flags & flag) == flag;
}

/**
 * udha_lookup_check:
 * @kind: a vocabulary
 * @code: (nullable): the value to check
 * @field_name: (nullable): the field as the user knows it (a translated label or a
 *   command-line option such as "--type"); %NULL uses the title of @kind
 * @error: return location for a #GError
 *
 * Checks that @code is a code of @kind. Derived codes (the vulnerability `minor`)
 * are valid here; the layer that sets them decides who may.
 *
 * Returns: %TRUE if valid; otherwise sets %UDHA_MODEL_ERROR_INVALID with a message
 *   naming the field, the value (shortened) and the valid codes
 */
gboolean
udha_lookup_check (UdhaLookupKind   kind,
                   const char      *code,
                   const char      *field_name,
                   GError         **error)
{
  const KindInfo *info = get_kind (kind);
  g_autofree char *value = NULL;
  g_autofree char *codes = NULL;

  g_return_val_if_fail (info != NULL, FALSE);

  if (udha_lookup_is_valid (kind, code))
    return TRUE;

  if (field_name == NULL)
    field_name = udha_lookup_kind_get_title (kind);
  codes = join_codes (info);

  if (is_empty (code))
    {
      g_set_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID,
                   /* Translators: %s is a field name, then a list of codes */
                   _("%s: a value is required. Use one of: %s."), field_name, codes);
      return FALSE;
    }

  value = sanitize_value (code);
  g_set_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID,
               /* Translators: the first %s is a field name, the second the value typed,
                * then a list of codes */
               _("%s: unknown code “%s”. Use one of: %s."), field_name, value, codes);
  return FALSE;
}

/**
 * udha_lookup_check_with_note:
 *
 * Like udha_lookup_check(), and also requires a non-empty @note when the code has
 * %UDHA_LOOKUP_FLAG_NEEDS_NOTE ("Other (specify)").
 */
gboolean
udha_lookup_check_with_note (UdhaLookupKind   kind,
                             const char      *code,
                             const char      *note,
                             const char      *field_name,
                             GError         **error)
{
  if (!udha_lookup_check (kind, code, field_name, error))
    return FALSE;

  if (udha_lookup_has_flag (kind, code, UDHA_LOOKUP_FLAG_NEEDS_NOTE) && is_empty (note))
    {
      if (field_name == NULL)
        field_name = udha_lookup_kind_get_title (kind);
      g_set_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_REASON_REQUIRED,
                   /* Translators: the first %s is a field name, the second a value such as "Other (specify)" */
                   _("%s: “%s” needs a description."),
                   field_name, udha_lookup_get_label (kind, code));
      return FALSE;
    }

  return TRUE;
}

/**
 * udha_referral_transitions:
 * @n: (out): number of rows
 *
 * Returns: (array length=n): the referral transitions table (DOMAIN.md §6.3)
 */
const UdhaTransition *
udha_referral_transitions (guint *n)
{
  if (n != NULL)
    *n = G_N_ELEMENTS (referral_transitions);
  return referral_transitions;
}

const UdhaTransition *
udha_referral_transition_find (const char *from,
                               const char *to)
{
  return find_transition (referral_transitions, G_N_ELEMENTS (referral_transitions), from, to);
}

/**
 * udha_referral_transition_check:
 * @from: (nullable): current status, %NULL for a new referral
 * @to: (nullable): new status, %NULL to delete a draft
 * @role: the acting user's role code
 * @reason: (nullable): the reason or note given
 * @error: return location for a #GError
 *
 * Checks one referral status change against DOMAIN.md §6.3. It does not check the
 * consent gate (see udha_referral_transition_needs_consent()), the outcome, dates,
 * scope or, for a reopen, that @to is the previous status.
 *
 * Returns: %TRUE if allowed; otherwise %UDHA_MODEL_ERROR_INVALID (unknown status or
 *   role), %UDHA_MODEL_ERROR_TRANSITION, %UDHA_MODEL_ERROR_NOT_PERMITTED or
 *   %UDHA_MODEL_ERROR_REASON_REQUIRED
 */
gboolean
udha_referral_transition_check (const char  *from,
                                const char  *to,
                                const char  *role,
                                const char  *reason,
                                GError     **error)
{
  return check_transition (UDHA_LOOKUP_REFERRAL_STATUS,
                           referral_transitions, G_N_ELEMENTS (referral_transitions),
                           from, to, role, reason, error);
}

/**
 * udha_referral_status_needs_consent:
 *
 * Returns: %TRUE for the statuses in which the referral has been shared with the
 *   receiving organisation and is still open (sent, acknowledged, accepted,
 *   in service): reaching one of them from a status that is not, needs a valid
 *   consent or a supervisor override (DOMAIN.md §6.4)
 */
gboolean
udha_referral_status_needs_consent (const char *status)
{
  static const char *const shared[] = { "sent", "acknowledged", "accepted", "in_service", NULL };

  return status != NULL && g_strv_contains (shared, status);
}

/**
 * udha_referral_transition_needs_consent:
 *
 * Returns: %TRUE if the consent gate applies to @from → @to: draft → sent, and a
 *   reopen of a cancelled referral into a shared status (the consent may have been
 *   withdrawn meanwhile)
 */
gboolean
udha_referral_transition_needs_consent (const char *from,
                                        const char *to)
{
  return udha_referral_status_needs_consent (to) && !udha_referral_status_needs_consent (from);
}

gboolean
udha_referral_status_is_terminal (const char *status)
{
  return udha_lookup_has_flag (UDHA_LOOKUP_REFERRAL_STATUS, status, UDHA_LOOKUP_FLAG_TERMINAL);
}

/**
 * udha_case_transitions:
 * @n: (out): number of rows
 *
 * Returns: (array length=n): the case status transitions table (DOMAIN.md §3.2)
 */
const UdhaTransition *
udha_case_transitions (guint *n)
{
  if (n != NULL)
    *n = G_N_ELEMENTS (case_transitions);
  return case_transitions;
}

const UdhaTransition *
udha_case_transition_find (const char *from,
                           const char *to)
{
  return find_transition (case_transitions, G_N_ELEMENTS (case_transitions), from, to);
}

/**
 * udha_case_transition_check:
 *
 * Checks one case status change against DOMAIN.md §3.2, like
 * udha_referral_transition_check(). A closure request also needs
 * udha_case_closure_check() on the closure reason.
 */
gboolean
udha_case_transition_check (const char  *from,
                            const char  *to,
                            const char  *role,
                            const char  *reason,
                            GError     **error)
{
  return check_transition (UDHA_LOOKUP_CASE_STATUS,
                           case_transitions, G_N_ELEMENTS (case_transitions),
                           from, to, role, reason, error);
}

/**
 * udha_case_closure_check:
 * @closure_reason: a %UDHA_LOOKUP_CLOSURE_REASON code
 * @note: (nullable): the free-text note
 *
 * Returns: %TRUE if @closure_reason is valid and, for "other", @note is not empty
 */
gboolean
udha_case_closure_check (const char  *closure_reason,
                         const char  *note,
                         GError     **error)
{
  return udha_lookup_check_with_note (UDHA_LOOKUP_CLOSURE_REASON, closure_reason, note,
                                      NULL, error);
}
