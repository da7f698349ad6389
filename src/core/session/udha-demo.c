/* udha-demo.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The synthetic-data generator (issue #4, DOMAIN.md §13): two offices
 * (TIR Tiranë, KKV the Kakavijë border crossing point), a supervisor and
 * three caseworkers, a partner directory, and N cases with their people,
 * consents, interviews, services and referrals.
 *
 * - Only an administrator may run it (checked through the session). The
 *   offices and the organisations go through the session's own calls. The
 *   demo users get key slots with the given passphrase and must_change =
 *   FALSE (udha_session_add_user() always makes it one-time), so they are
 *   added here with udha_vault_add_user() and udha_store_create_user(),
 *   with the same "user.create" audit entries as the session writes.
 * - The records go through the store's bulk path (udha-store-bulk.h), in
 *   transactions of BATCH_CASES cases, so that a million cases take about
 *   a minute.
 * - Audit: the generation is ONE entry, "demo.generate", with the seed and
 *   the counts, not one entry per record: the records are not anybody's
 *   work, a million entries would bury the chain, and the entry says
 *   exactly what was created and how to create it again.
 * - Deterministic: a xoshiro256** generator seeded with the seed drives
 *   every choice, so the same seed on the same day gives the same data
 *   (dates are relative to "today").
 *
 * Every name, note and number is synthetic. */

#define G_LOG_DOMAIN "udha-demo"

#include "config.h"

#include "udha-demo.h"
#include "udha-demo-private.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "udha-lookup.h"
#include "udha-model-error.h"
#include "udha-store-bulk.h"

#define BATCH_CASES      20000
#define HISTORY_DAYS     (6 * 365)
#define N_FIRST_NUMBERS  5

/*
 * Random numbers
 */

typedef struct
{
  guint64 s[4];
} Rng;

static guint64
splitmix64 (guint64 *x)
{
  guint64 z = (*x += 0x9e3779b97f4a7c15ULL);

  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static void
rng_init (Rng     *r,
          guint64  seed)
{
  for (int i = 0; i < 4; i++)
    r->s[i] = splitmix64 (&seed);
}

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

static guint64
rng_next (Rng *r)
{
  guint64 *s = r->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

/* 0 ≤ result < n */
static guint
rng_below (Rng   *r,
           guint  n)
{
  return (guint) (((rng_next (r) >> 32) * (guint64) n) >> 32);
}

static double
rng_unit (Rng *r)
{
  return (rng_next (r) >> 11) * 0x1.0p-53;
}

static gboolean
rng_chance (Rng    *r,
            double  p)
{
  return rng_unit (r) < p;
}

static int
rng_range (Rng *r,
           int  lo,
           int  hi)
{
  return lo + (int) rng_below (r, hi - lo + 1);
}

static const char *
pick_strv (Rng                *r,
           const char * const *strv)
{
  guint n = 0;

  while (strv[n] != NULL)
    n++;
  return strv[rng_below (r, n)];
}

#define PICK(r, array) ((array)[rng_below ((r), G_N_ELEMENTS (array))])

/* Picks an index by integer weights. */
static guint
pick_weighted (Rng         *r,
               const guint *weights,
               guint        n)
{
  guint total = 0, x;

  for (guint i = 0; i < n; i++)
    total += weights[i];
  x = rng_below (r, total);
  for (guint i = 0; i < n; i++)
    {
      if (x < weights[i])
        return i;
      x -= weights[i];
    }
  return n - 1;
}

/*
 * Dates: days since 1970-01-01 (Howard Hinnant's civil calendar algorithms)
 */

static int
days_from_civil (int y,
                 int m,
                 int d)
{
  int era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void
civil_from_days (int  z,
                 int *y,
                 int *m,
                 int *d)
{
  int era, doe, yoe, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = yoe + era * 400 + (*m <= 2);
}

typedef char DateBuf[11];
typedef char TimeBuf[21];

static const char *
format_date (DateBuf buf,
             int     days)
{
  int y, m, d;

  civil_from_days (days, &y, &m, &d);
  g_snprintf (buf, sizeof (DateBuf), "%04d-%02d-%02d", y, m, d);
  return buf;
}

static const char *
format_time (TimeBuf buf,
             int     days,
             int     minute_of_day)
{
  int y, m, d;

  civil_from_days (days, &y, &m, &d);
  g_snprintf (buf, sizeof (TimeBuf), "%04d-%02d-%02dT%02d:%02d:00Z",
              y, m, d, minute_of_day / 60, minute_of_day % 60);
  return buf;
}

static int
parse_iso_days (const char *iso)
{
  int y = 0, m = 0, d = 0;

  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return -1;
  return days_from_civil (y, m, d);
}

/*
 * The demo world: offices, users, organisations
 */

static const struct {
  const char *code;
  const char *name;
  const char *qark;
  const char *municipality;
} demo_offices[] = {
  { "TIR", "Tiranë", "al-11", "Tiranë" },
  { "KKV", "Kakavijë, pika e kalimit kufitar", "al-05", "Dropull" },
};

static const struct {
  const char *user_name;
  const char *display_name;
  const char *role;
  int         office;    /* index into demo_offices */
} demo_users[] = {
  { "demo.mira", "Mira Hoxha", UDHA_ROLE_SUPERVISOR, 0 },
  { "demo.arta", "Arta Çela", UDHA_ROLE_CASEWORKER, 0 },
  { "demo.besnik", "Besnik Lleshi", UDHA_ROLE_CASEWORKER, 0 },
  { "demo.drita", "Drita Këlliçi", UDHA_ROLE_CASEWORKER, 1 },
};

enum { U_MIRA, U_ARTA, U_BESNIK, U_DRITA, N_DEMO_USERS };

static const char * const org_services_shelter[] = { "shelter", "psychosocial", "basic_needs", NULL };
static const char * const org_services_legal[] = { "legal", "asylum", "documents", NULL };
static const char * const org_services_health[] = { "health", "psychosocial", NULL };
static const char * const org_services_child[] = { "child_protection", "education", "tracing", NULL };
static const char * const org_services_social[] = { "cash", "basic_needs", "employment", "shelter", NULL };
static const char * const org_services_return[] = { "predeparture", "travel", "reintegration", "monitoring", NULL };
static const char * const org_services_work[] = { "vocational", "employment", "business", NULL };
static const char * const org_services_police[] = { "security", "documents", NULL };
static const char * const org_services_tracing[] = { "tracing", "mediation", "info", NULL };

static const struct {
  const char         *name;
  const char         *org_type;
  const char         *qark;
  const char * const *services;
} demo_orgs[] = {
  { "Strehëza e Sigurt (demo)", "ngo", "al-11", org_services_shelter },
  { "Qendra për Ndihmë Juridike Falas (demo)", "state", "al-11", org_services_legal },
  { "Qendra Shëndetësore Nr. 3 (demo)", "state", "al-11", org_services_health },
  { "Njësia për Mbrojtjen e Fëmijës, Bashkia Tiranë (demo)", "state", "al-11", org_services_child },
  { "Shërbimi Social Shtetëror, Gjirokastër (demo)", "state", "al-05", org_services_social },
  { "Programi i Kthimit Vullnetar (demo)", "international", "al-11", org_services_return },
  { "Qendra e Formimit Profesional (demo)", "state", "al-11", org_services_work },
  { "Policia Kufitare, Kakavijë (demo)", "state", "al-05", org_services_police },
  { "Gjurmimi Familjar (demo)", "international", "al-11", org_services_tracing },
  { "Qendra e Pritjes Gjirokastër (demo)", "state", "al-05", org_services_shelter },
};

/*
 * Case generation
 */

typedef struct
{
  UdhaStoreBulk   *bulk;
  Rng              rng;
  int              today;
  gint64           office_ids[G_N_ELEMENTS (demo_offices)];
  gint64           user_ids[N_DEMO_USERS];
  gint64           org_ids[G_N_ELEMENTS (demo_orgs)];
  const UdhaDemoNationality *nat;
  guint            n_nat;
  guint            nat_weights[32];
  UdhaDemoResult  *result;
} Gen;

static const char * const case_types_adult[] = { "protection", "protection", "protection", "protection",
                                                 "avrr", "avrr", "avrr", "ct", "family", "labour", "labour",
                                                 "other" };
static const char * const services_by_type_protection[] = { "info", "legal", "asylum", "health", "shelter",
                                                            "basic_needs", "psychosocial", "documents" };
static const char * const services_by_type_avrr[] = { "info", "predeparture", "travel", "reintegration",
                                                      "monitoring", "documents", "cash" };
static const char * const services_by_type_ct[] = { "shelter", "psychosocial", "legal", "health", "security",
                                                    "vocational", "cash" };
static const char * const services_by_type_uasc[] = { "child_protection", "shelter", "education", "tracing",
                                                      "psychosocial", "health" };
static const char * const services_by_type_family[] = { "tracing", "documents", "mediation", "info", "legal" };
static const char * const services_by_type_labour[] = { "info", "employment", "vocational", "documents",
                                                        "legal", "business" };
static const char * const contact_followups[] = { "follow_up_visit", "phone_call", "phone_call", "home_visit",
                                                  "accompaniment", "group_session", "assessment" };
static const char * const closure_reasons[] = { "objectives_met", "objectives_met", "returned", "moved_on",
                                                "moved_on", "moved_on", "transferred", "lost_contact",
                                                "lost_contact", "declined", "not_eligible" };
static const char * const decline_reasons[] = { "No capacity at the moment.", "Not eligible for this service.",
                                                "Outside the organisation's mandate.",
                                                "The person could not be reached." };
static const char * const cancel_reasons[] = { "The person left Albania.", "No longer needed.",
                                               "Client did not attend twice.", "Created by mistake.",
                                               "The person withdrew consent." };
static const char * const outcomes[] = { "provided", "provided", "provided", "partly_provided", "not_provided" };
static const char * const sent_via[] = { "phone", "secure_email", "printed_slip", "in_person", "nrm_form" };
static const char * const occupations[] = { "Farmer", "Construction worker", "Student", "Driver", "Tailor",
                                            "Cook", "Shop assistant", "Mechanic", "Teacher", "Nurse",
                                            "Electrician", "Hairdresser", "Unemployed" };
static const char * const relationships[] = { "spouse", "child", "child", "parent", "sibling", "sibling",
                                              "uncle_aunt", "cousin" };
static const char * const whereabouts[] = { "with_person", "in_albania", "abroad", "abroad", "unknown" };

static gboolean
is_tier_arabic_script (const UdhaDemoNationality *n)
{
  return g_strcmp0 (n->script, "arab") == 0;
}

static const char * const *
services_for (const char *case_type,
              guint      *n)
{
#define RET(a) G_STMT_START { *n = G_N_ELEMENTS (a); return a; } G_STMT_END
  if (g_str_equal (case_type, "avrr"))
    RET (services_by_type_avrr);
  if (g_str_equal (case_type, "ct"))
    RET (services_by_type_ct);
  if (g_str_equal (case_type, "uasc"))
    RET (services_by_type_uasc);
  if (g_str_equal (case_type, "family"))
    RET (services_by_type_family);
  if (g_str_equal (case_type, "labour"))
    RET (services_by_type_labour);
  RET (services_by_type_protection);
#undef RET
}

/* An organisation offering @service, or any. */
static gint64
org_for_service (Gen        *g,
                 const char *service)
{
  guint start = rng_below (&g->rng, G_N_ELEMENTS (demo_orgs));

  for (guint k = 0; k < G_N_ELEMENTS (demo_orgs); k++)
    {
      guint i = (start + k) % G_N_ELEMENTS (demo_orgs);

      if (g_strv_contains (demo_orgs[i].services, service))
        return g->org_ids[i];
    }
  return g->org_ids[start];
}

typedef struct
{
  int         opened;          /* day */
  int         age;             /* years at registration */
  gboolean    minor;
  gboolean    unaccompanied;
  const char *sex;
  const char *case_type;
  const char *status;
  int         office;
  gint64      assigned;        /* 0: intake */
  gint64      worker;          /* who does the work: assigned or a caseworker of the office */
  const char *language;
  gint64      person_id;
  gint64      case_id;
  gint64      referral_consent_id;
  int         closed;          /* day, or -1 */
} CaseCtx;

static gboolean
add_person (Gen      *g,
            CaseCtx  *cx,
            GError  **error)
{
  Rng *r = &g->rng;
  const UdhaDemoNationality *nat = &g->nat[pick_weighted (r, g->nat_weights, g->n_nat)];
  UdhaBulkPerson p = { 0, };
  UdhaBulkName names[2];
  UdhaBulkDocument doc;
  UdhaBulkVulnerability vulns[3];
  UdhaBulkHousehold household;
  const char *citizenships[3] = { nat->country, NULL, NULL };
  gboolean male;
  DateBuf dob_buf, entry_buf, expiry_buf, hh_dob_buf;
  TimeBuf registered_buf;
  char phone[24], doc_number[16], alias[96];
  const char *given;
  const char *family;
  const char * const *variants;
  int minute = rng_range (r, 8 * 60, 17 * 60);

  /* Sex and age (DOMAIN.md §2: explicit unknowns, estimated ages) */
  {
    static const guint sex_w[] = { 7100, 2800, 50, 50 };
    static const char * const sexes[] = { "male", "female", "other", "not_stated" };

    cx->sex = sexes[pick_weighted (r, sex_w, G_N_ELEMENTS (sex_w))];
  }
  male = !g_str_equal (cx->sex, "female") ? rng_chance (r, 0.97) || g_str_equal (cx->sex, "male") : FALSE;
  if (g_str_equal (nat->country, "AL"))
    cx->minor = rng_chance (r, 0.10);
  else
    cx->minor = rng_chance (r, 0.17);
  if (cx->minor)
    {
      cx->age = rng_chance (r, 0.7) ? rng_range (r, 14, 17) : rng_range (r, 0, 13);
      cx->unaccompanied = cx->age >= 12 && rng_chance (r, 0.55);
    }
  else
    {
      double u = rng_unit (r);

      cx->age = u < 0.03 ? rng_range (r, 60, 78) : 18 + (int) (42 * u * u);
      cx->unaccompanied = FALSE;
    }

  given = pick_strv (r, male ? nat->names->male : nat->names->female);
  family = pick_strv (r, nat->names->family);

  p.given_name = given;
  p.family_name = family;
  p.sex = cx->sex;
  if (rng_chance (r, 0.7))
    p.father_name = pick_strv (r, nat->names->male);
  if (rng_chance (r, 0.25))
    p.mother_name = pick_strv (r, nat->names->female);

  /* Date of birth: full, partial, or an estimated age */
  {
    double u = rng_unit (r);
    int born = cx->opened - cx->age * 365 - rng_range (r, 0, 364);
    int y, m, d;

    civil_from_days (born, &y, &m, &d);
    p.estimated_age = -1;
    if (u < 0.58)
      {
        p.dob = format_date (dob_buf, born);
        p.dob_precision = "day";
      }
    else if (u < 0.72)
      {
        g_snprintf (dob_buf, sizeof dob_buf, "%04d", y);
        p.dob = dob_buf;
        p.dob_precision = "year";
      }
    else if (u < 0.78)
      {
        g_snprintf (dob_buf, sizeof dob_buf, "%04d-%02d", y, m);
        p.dob = dob_buf;
        p.dob_precision = "month";
      }
    else
      {
        static const char * const bases[] = { "self_declared", "self_declared", "document", "assessment" };

        p.estimated_age = cx->age;
        p.age_basis = PICK (r, bases);
      }
  }

  p.birth_country = rng_chance (r, 0.9) ? nat->country : NULL;
  if (rng_chance (r, 0.01))
    citizenships[0] = "stateless";
  else if (rng_chance (r, 0.01))
    citizenships[0] = "unknown";
  else if (rng_chance (r, 0.02) && !g_str_equal (nat->country, "TR"))
    citizenships[1] = "TR";
  p.citizenships = citizenships;
  p.languages = nat->languages;
  cx->language = nat->languages[0];
  p.interpreter_needed = !g_str_equal (cx->language, "sqi") && rng_chance (r, 0.8);

  if (!cx->minor)
    {
      static const char * const marital[] = { "single", "single", "married", "married", "widowed",
                                              "divorced_separated", "unknown" };
      static const char * const education[] = { "none", "primary", "primary", "secondary", "secondary",
                                                 "vocational", "university", "unknown" };

      p.marital_status = PICK (r, marital);
      p.education = PICK (r, education);
      if (rng_chance (r, 0.5))
        p.occupation = PICK (r, occupations);
    }

  if (rng_chance (r, 0.6))
    {
      if (rng_chance (r, 0.7))
        g_snprintf (phone, sizeof phone, "+355 6%d %03d %04d", rng_range (r, 7, 9), rng_range (r, 0, 999),
                    rng_range (r, 0, 9999));
      else
        g_snprintf (phone, sizeof phone, "%s %03d %03d %03d", nat->phone_prefix, rng_range (r, 100, 999),
                    rng_range (r, 0, 999), rng_range (r, 0, 999));
      p.phone = phone;
    }

  p.office_id = g->office_ids[cx->office];
  p.qark = demo_offices[cx->office].qark;
  p.municipality = demo_offices[cx->office].municipality;

  if (g_str_equal (nat->country, "AL"))
    {
      p.migration_status = "returnee";
      p.birth_country = "AL";
      p.occupation = p.occupation != NULL ? p.occupation : NULL;
    }
  else if (cx->unaccompanied)
    p.migration_status = "uasc";
  else
    {
      static const char * const statuses[] = { "irregular", "irregular", "irregular", "asylum_seeker",
                                                "asylum_seeker", "stranded", "labour", "refugee" };

      p.migration_status = PICK (r, statuses);
    }

  if (!g_str_equal (nat->country, "AL"))
    {
      int entry = cx->opened - rng_range (r, 0, 6);

      p.entry_date = format_date (entry_buf, entry);
      p.entry_from_country = "GR";
      if (cx->office == 1 || rng_chance (r, 0.4))
        p.entry_crossing = rng_chance (r, 0.7) ? "Kakavijë" : "Kapshticë";
      else
        p.entry_crossing = rng_chance (r, 0.5) ? "Green border near Gjirokastër" : "Green border near Korçë";
      if (cx->office == 1 || rng_chance (r, 0.3))
        {
          static const char * const screening[] = { "irregular_migrant", "irregular_migrant", "asylum_seeker",
                                                    "potential_victim", "not_screened" };

          p.prescreening = PICK (r, screening);
        }
      {
        static const char * const travelling[] = { "alone", "alone", "family", "group", "group", "unknown" };

        p.travelling_with = cx->unaccompanied ? "alone" : PICK (r, travelling);
      }
    }

  if (cx->minor)
    {
      p.child_status = cx->unaccompanied ? (rng_chance (r, 0.8) ? "unaccompanied" : "separated") : "accompanied";
      if (cx->unaccompanied && rng_chance (r, 0.4))
        {
          p.guardian = "Guardian appointed by the municipality";
          p.guardian_appointed = TRUE;
        }
    }

  p.registered_at = format_time (registered_buf, cx->opened, minute);
  p.registered_by = cx->worker;

  /* Other names: a transliteration variant, the name in Arabic script */
  p.names = names;
  variants = _udha_demo_name_variants (given);
  if (variants != NULL && rng_chance (r, 0.15))
    {
      const char *other = pick_strv (r, variants);

      if (!g_str_equal (other, given))
        {
          g_snprintf (alias, sizeof alias, "%s %s", other, family);
          names[p.n_names].name = g_intern_string (alias);
          names[p.n_names].script = "latn";
          names[p.n_names].kind = "alias";
          p.n_names++;
        }
    }
  if (is_tier_arabic_script (nat) && rng_chance (r, 0.12))
    {
      const char *a_given = _udha_demo_arabic_script (given);
      const char *a_family = _udha_demo_arabic_script (family);

      if (a_given != NULL)
        {
          char original[96];

          g_snprintf (original, sizeof original, "%s%s%s", a_given, a_family != NULL ? " " : "",
                      a_family != NULL ? a_family : "");
          names[p.n_names].name = g_intern_string (original);
          names[p.n_names].script = "arab";
          names[p.n_names].kind = "original_script";
          p.n_names++;
        }
    }

  /* Identity documents */
  if (rng_chance (r, 0.45))
    {
      int expiry = cx->opened + rng_range (r, -400, 3000);

      g_snprintf (doc_number, sizeof doc_number, "%s%07u", nat->passport_prefix, rng_below (r, 10000000));
      doc.doc_type = g_str_equal (nat->country, "AL") ? "national_id" : (rng_chance (r, 0.85) ? "passport" : "national_id");
      doc.number = doc_number;
      doc.issuing_country = nat->country;
      doc.expiry = format_date (expiry_buf, expiry);
      doc.held_by_other = rng_chance (r, 0.04);
      p.documents = &doc;
      p.n_documents = 1;
    }

  /* Vulnerabilities ("minor" is derived, never stored) */
  p.vulnerabilities = vulns;
  if (cx->unaccompanied)
    {
      vulns[p.n_vulnerabilities].code = g_str_equal (p.child_status, "separated") ? "separated_child" : "unaccompanied_minor";
      vulns[p.n_vulnerabilities++].risk = "high";
    }
  if (g_str_equal (cx->sex, "female") && !cx->minor && cx->age < 40 && rng_chance (r, 0.07))
    {
      vulns[p.n_vulnerabilities].code = "pregnant";
      vulns[p.n_vulnerabilities++].risk = "medium";
    }
  if (rng_chance (r, 0.08))
    {
      static const char * const other[] = { "serious_illness", "disability", "mental_disorder", "torture_violence",
                                            "gbv_survivor", "single_parent", "trafficking_potential" };

      vulns[p.n_vulnerabilities].code = PICK (r, other);
      vulns[p.n_vulnerabilities++].risk = rng_chance (r, 0.5) ? "medium" : "high";
    }
  if (cx->age >= 65 && p.n_vulnerabilities < 3)
    {
      vulns[p.n_vulnerabilities].code = "elderly";
      vulns[p.n_vulnerabilities++].risk = "medium";
    }

  /* A household member */
  if (rng_chance (r, 0.12))
    {
      gboolean hh_male = rng_chance (r, 0.5);

      household.name = g_intern_string (pick_strv (r, hh_male ? nat->names->male : nat->names->female));
      household.relationship = PICK (r, relationships);
      household.sex = hh_male ? "male" : "female";
      household.dob = rng_chance (r, 0.5) ? format_date (hh_dob_buf, cx->opened - rng_range (r, 2, 50) * 365) : NULL;
      household.whereabouts = PICK (r, whereabouts);
      p.household = &household;
      p.n_household = 1;
    }

  /* The case type follows from the person */
  if (cx->unaccompanied)
    cx->case_type = "uasc";
  else if (g_str_equal (nat->country, "AL"))
    cx->case_type = rng_chance (r, 0.8) ? "avrr" : "ct";
  else
    cx->case_type = PICK (r, case_types_adult);

  if (!udha_store_bulk_add_person (g->bulk, &p, &cx->person_id, error))
    return FALSE;
  g->result->n_persons++;
  return TRUE;
}

static const char *
pick_status (Rng *r,
             int  age_days)
{
  static const char * const old[] = { "closed", "closed", "closed", "closed", "closed", "closed", "closed",
                                      "closed", "closed", "closed", "closed", "closed", "closed", "closed",
                                      "closed", "transferred", "inactive", "inactive", "follow_up", "open" };
  static const char * const mid[] = { "open", "open", "open", "open", "open", "open", "open", "follow_up",
                                      "follow_up", "follow_up", "follow_up", "follow_up", "follow_up",
                                      "inactive", "inactive", "closure_requested", "closed", "closed", "closed",
                                      "closed" };
  static const char * const recent[] = { "open", "open", "open", "open", "open", "open", "open", "open",
                                         "open", "open", "open", "open", "open", "open", "open", "open",
                                         "follow_up", "follow_up", "closure_requested", "closed" };

  if (rng_chance (r, 0.003))
    return "duplicate";
  if (age_days > 365)
    return PICK (r, old);
  if (age_days > 90)
    return PICK (r, mid);
  return PICK (r, recent);
}

static gboolean
add_case (Gen      *g,
          CaseCtx  *cx,
          guint     index,
          GError  **error)
{
  Rng *r = &g->rng;
  UdhaBulkCase c = { 0, };
  DateBuf opened_buf, closed_buf;
  TimeBuf created_buf, requested_buf;
  const char *tags[2] = { NULL, NULL };
  const char *flags[3] = { NULL, NULL, NULL };
  guint n_flags = 0;
  g_autofree char *number = NULL;
  static const char * const risks[] = { "low", "low", "low", "low", "medium", "medium", "medium", "high", "high" };

  c.person_id = cx->person_id;
  c.office_id = g->office_ids[cx->office];
  c.case_type = cx->case_type;
  c.status = cx->status;
  c.risk = g_str_equal (cx->case_type, "uasc") || g_str_equal (cx->case_type, "ct") ? (rng_chance (r, 0.6) ? "high" : "medium")
                                                                                     : PICK (r, risks);
  c.assigned_user_id = cx->assigned;
  c.opened_on = format_date (opened_buf, cx->opened);
  c.created_by = cx->worker;
  c.created_at = format_time (created_buf, cx->opened, rng_range (r, 8 * 60, 17 * 60));

  if (g_str_equal (cx->case_type, "protection") && rng_chance (r, 0.1))
    tags[0] = "ct";
  else if (g_str_equal (cx->case_type, "uasc") && rng_chance (r, 0.2))
    tags[0] = "family";
  c.tags = tags;
  if (rng_chance (r, 0.05))
    flags[n_flags++] = "urgent";
  if (rng_chance (r, 0.04))
    flags[n_flags++] = rng_chance (r, 0.5) ? "medical_emergency" : "legal_deadline";
  c.flags = flags;

  cx->closed = -1;
  if (g_str_equal (cx->status, "closed") || g_str_equal (cx->status, "transferred") ||
      g_str_equal (cx->status, "duplicate"))
    {
      int closed = cx->opened + rng_range (r, 10, 300);

      if (closed >= g->today)
        closed = g->today - 1 > cx->opened ? g->today - 1 : cx->opened;
      cx->closed = closed;
      if (g_str_equal (cx->status, "closed"))
        {
          c.closed_on = format_date (closed_buf, closed);
          c.closure_reason = g_str_equal (cx->case_type, "avrr") && rng_chance (r, 0.6) ? "returned" : PICK (r, closure_reasons);
          c.closure_requested_by = cx->worker;
          c.closure_requested_at = format_time (requested_buf, closed - 2 > cx->opened ? closed - 2 : cx->opened, 600);
        }
    }
  else if (g_str_equal (cx->status, "closure_requested"))
    {
      int requested = g->today - rng_range (r, 1, 20);

      if (requested < cx->opened)
        requested = cx->opened;
      c.previous_status = rng_chance (r, 0.6) ? "follow_up" : "open";
      c.closure_requested_by = cx->worker;
      c.closure_requested_at = format_time (requested_buf, requested, 640);
    }

  if (!udha_store_bulk_add_case (g->bulk, &c, &cx->case_id, &number, error))
    return FALSE;
  if (index < N_FIRST_NUMBERS)
    g->result->first_case_numbers[index] = g_steal_pointer (&number);
  g->result->n_cases++;
  return TRUE;
}

/* The last day the case was worked on. */
static int
active_until (Gen     *g,
              CaseCtx *cx)
{
  if (cx->closed >= 0)
    return cx->closed;
  if (g_str_equal (cx->status, "inactive"))
    return MIN (g->today - 1, cx->opened + 120);
  return g->today;
}

static gboolean
add_consents (Gen      *g,
              CaseCtx  *cx,
              gboolean  referral,
              GError  **error)
{
  Rng *r = &g->rng;
  UdhaBulkConsent c = { 0, };
  DateBuf given_buf, expires_buf, withdrawn_buf;
  TimeBuf created_buf;
  const char *given_by = cx->unaccompanied ? "other" : cx->minor ? "parent" : "person";

  c.person_id = cx->person_id;
  c.given_by = given_by;
  c.how_given = rng_chance (r, 0.8) ? "written" : "verbal_witness";
  c.given_on = format_date (given_buf, cx->opened);
  c.created_by = cx->worker;
  c.created_at = format_time (created_buf, cx->opened, 700);

  if (rng_chance (r, 0.9))
    {
      c.purpose = "services";
      c.scope = "identity,contact,needs,case";
      if (!udha_store_bulk_add_consent (g->bulk, &c, NULL, error))
        return FALSE;
      g->result->n_consents++;
    }

  cx->referral_consent_id = 0;
  if (referral)
    {
      c.purpose = "referral";
      c.scope = "identity,contact,needs";
      if (rng_chance (r, 0.3))
        c.expires_on = format_date (expires_buf, cx->opened + 365);
      if (rng_chance (r, 0.02))
        c.withdrawn_on = format_date (withdrawn_buf, MIN (g->today, cx->opened + rng_range (r, 20, 200)));
      if (!udha_store_bulk_add_consent (g->bulk, &c, &cx->referral_consent_id, error))
        return FALSE;
      g->result->n_consents++;
    }
  return TRUE;
}

static gboolean
add_interviews (Gen      *g,
                CaseCtx  *cx,
                GError  **error)
{
  Rng *r = &g->rng;
  const char * const *notes_en = _udha_demo_notes_en ();
  const char * const *notes_sq = _udha_demo_notes_sq ();
  int until = active_until (g, cx);
  int day = cx->opened;
  guint n = 1 + rng_below (r, 3);

  for (guint i = 0; i < n && day <= until; i++)
    {
      UdhaBulkInterview iv = { 0, };
      TimeBuf at_buf;
      DateBuf next_buf;
      gboolean albanian = g_str_equal (cx->language, "sqi") || rng_chance (r, 0.45);

      iv.case_id = cx->case_id;
      iv.occurred_at = format_time (at_buf, day, rng_range (r, 8 * 60, 17 * 60));
      iv.duration_minutes = rng_chance (r, 0.8) ? 15 * rng_range (r, 1, 6) : -1;
      iv.contact_type = i == 0 ? "registration" : PICK (r, contact_followups);
      if (g_str_equal (iv.contact_type, "phone_call"))
        iv.location = "phone";
      else if (cx->office == 1)
        iv.location = i == 0 ? "border_point" : (rng_chance (r, 0.5) ? "reception_centre" : "office");
      else
        iv.location = g_str_equal (iv.contact_type, "home_visit") ? "shelter" : "office";
      iv.qark = demo_offices[cx->office].qark;
      iv.language = cx->language;
      iv.interpreter = g_str_equal (cx->language, "sqi") || g_str_equal (cx->language, "eng") ? "none" : "in_person";
      iv.consent_reconfirmed = i == 0 ? "yes" : (rng_chance (r, 0.8) ? "yes" : "not_applicable");
      iv.narrative = albanian ? pick_strv (r, notes_sq) : pick_strv (r, notes_en);
      iv.confidential = rng_chance (r, 0.05);
      if (rng_chance (r, 0.3))
        iv.risk_after = rng_chance (r, 0.7) ? "medium" : "high";
      iv.author_id = cx->worker;

      day += rng_range (r, 3, 45);
      if (cx->closed < 0)
        iv.next_follow_up = format_date (next_buf, day);

      if (!udha_store_bulk_add_interview (g->bulk, &iv, error))
        return FALSE;
      g->result->n_interviews++;
    }
  return TRUE;
}

static gboolean
add_services (Gen      *g,
              CaseCtx  *cx,
              GError  **error)
{
  Rng *r = &g->rng;
  guint n_codes;
  const char * const *codes = services_for (cx->case_type, &n_codes);
  guint n = rng_below (r, 3);
  int until = active_until (g, cx);

  if (g_str_equal (cx->case_type, "avrr") || g_str_equal (cx->case_type, "uasc"))
    n++;

  for (guint i = 0; i < n; i++)
    {
      UdhaBulkService s = { 0, };
      DateBuf planned_buf, due_buf, delivered_buf;
      TimeBuf created_buf;
      int planned = cx->opened + rng_range (r, 0, 10);
      double u = rng_unit (r);

      if (planned > until)
        planned = until;
      s.case_id = cx->case_id;
      s.service_code = codes[rng_below (r, n_codes)];
      s.delivery = rng_chance (r, 0.7) ? "in_house" : "received_elsewhere";
      s.planned_on = format_date (planned_buf, planned);
      s.due_on = format_date (due_buf, planned + rng_range (r, 7, 45));
      if (cx->closed >= 0 || u < 0.5)
        {
          s.status = u < 0.85 ? "completed" : (u < 0.95 ? "cancelled" : "not_required");
          if (g_str_equal (s.status, "completed"))
            {
              s.delivered_on = format_date (delivered_buf, MIN (until, planned + rng_range (r, 1, 30)));
              s.outcome = "Delivered as planned.";
            }
        }
      else
        s.status = u < 0.8 ? "in_progress" : "planned";
      if (g_str_equal (s.service_code, "cash") || g_str_equal (s.service_code, "travel"))
        s.approved_by = cx->office == 0 ? g->user_ids[U_MIRA] : 0;
      if (g_str_equal (s.delivery, "received_elsewhere"))
        s.provider_org_id = org_for_service (g, s.service_code);
      s.created_by = cx->worker;
      s.created_at = format_time (created_buf, planned, 720);

      if (!udha_store_bulk_add_service (g->bulk, &s, error))
        return FALSE;
      g->result->n_services++;
    }
  return TRUE;
}

/* The referral statuses, with a path from draft to each. */
static const struct {
  const char *status;
  const char *path[6];
  guint       weight_recent;
  guint       weight_old;
} referral_paths[] = {
  { "draft", { "draft", NULL }, 8, 1 },
  { "sent", { "draft", "sent", NULL }, 16, 2 },
  { "acknowledged", { "draft", "sent", "acknowledged", NULL }, 12, 2 },
  { "accepted", { "draft", "sent", "acknowledged", "accepted", NULL }, 14, 2 },
  { "in_service", { "draft", "sent", "accepted", "in_service", NULL }, 18, 3 },
  { "declined", { "draft", "sent", "declined", NULL }, 6, 12 },
  { "completed", { "draft", "sent", "acknowledged", "accepted", "in_service", "completed" }, 16, 65 },
  { "cancelled", { "draft", "sent", "cancelled", NULL }, 10, 13 },
};

static gboolean
add_referral (Gen      *g,
              CaseCtx  *cx,
              GError  **error)
{
  Rng *r = &g->rng;
  guint weights[G_N_ELEMENTS (referral_paths)];
  UdhaBulkReferral ref = { 0, };
  UdhaBulkTransition tr[6];
  TimeBuf at_bufs[6];
  DateBuf due_buf, sent_buf;
  guint n_codes, k, n = 0;
  const char * const *codes = services_for (cx->case_type, &n_codes);
  int until = active_until (g, cx);
  int day = cx->opened + rng_range (r, 0, 5);
  gboolean old = cx->closed >= 0 || g->today - cx->opened > 120;
  gboolean closed = cx->closed >= 0;

  for (guint i = 0; i < G_N_ELEMENTS (referral_paths); i++)
    weights[i] = old ? referral_paths[i].weight_old : referral_paths[i].weight_recent;
  /* A closed case has no referral in progress. */
  if (closed)
    for (guint i = 0; i < 5; i++)
      weights[i] = 0;
  k = pick_weighted (r, weights, G_N_ELEMENTS (referral_paths));

  ref.case_id = cx->case_id;
  ref.service_code = codes[rng_below (r, n_codes)];
  ref.org_id = org_for_service (g, ref.service_code);
  ref.urgency = rng_chance (r, 0.75) ? "routine" : (rng_chance (r, 0.8) ? "priority" : "emergency");
  ref.reason = rng_chance (r, 0.85) ? "additional_services" : "change_of_location";
  ref.status = referral_paths[k].status;
  ref.created_by = cx->worker;

  for (guint i = 0; i < G_N_ELEMENTS (referral_paths[k].path) && referral_paths[k].path[i] != NULL; i++)
    {
      const char *to = referral_paths[k].path[i];

      if (i > 0)
        day += rng_range (r, 1, 12);
      if (day > until && !closed)
        day = until;
      tr[n].at = format_time (at_bufs[n], MIN (day, g->today), rng_range (r, 8 * 60, 17 * 60));
      tr[n].user_id = cx->worker;
      tr[n].from_status = i == 0 ? NULL : referral_paths[k].path[i - 1];
      tr[n].to_status = to;
      tr[n].reason = NULL;
      if (g_str_equal (to, "declined"))
        tr[n].reason = PICK (r, decline_reasons);
      else if (g_str_equal (to, "cancelled"))
        tr[n].reason = PICK (r, cancel_reasons);
      if (g_str_equal (to, "sent"))
        {
          ref.sent_on = format_date (sent_buf, MIN (day, g->today));
          ref.sent_via = PICK (r, sent_via);
        }
      n++;
    }
  ref.transitions = tr;
  ref.n_transitions = n;
  ref.created_at = tr[0].at;
  ref.status_changed_at = tr[n - 1].at;

  /* Follow-up due date: required before sending; in the past and still open
   * means overdue (DOMAIN.md §6.5). */
  {
    int due = parse_iso_days (ref.sent_on != NULL ? ref.sent_on : tr[0].at) + rng_range (r, 7, 21);

    if (!udha_referral_status_is_terminal (ref.status) && !g_str_equal (ref.status, "draft"))
      {
        /* Recent open referrals: about a third overdue. */
        if (due >= g->today && rng_chance (r, 0.2))
          due = g->today - rng_range (r, 1, 10);
        if (due < g->today)
          g->result->n_overdue_referrals++;
      }
    ref.follow_up_due = format_date (due_buf, due);
  }

  if (!g_str_equal (ref.status, "draft"))
    {
      if (g_str_equal (cx->case_type, "uasc") && cx->office == 0 && rng_chance (r, 0.1))
        {
          /* Mandatory child-protection referral, consent gate overridden. */
          ref.override_basis = "legal_obligation";
          ref.override_reason = "Mandatory referral of an unaccompanied child to the Child Protection Unit.";
          ref.override_by = g->user_ids[U_MIRA];
        }
      else
        ref.consent_id = cx->referral_consent_id;
    }
  if (g_str_equal (ref.status, "completed"))
    ref.outcome = PICK (r, outcomes);

  if (!udha_store_bulk_add_referral (g->bulk, &ref, NULL, error))
    return FALSE;
  g->result->n_referrals++;
  g->result->n_referral_transitions += n;
  return TRUE;
}

/* Position on the time line (1 = oldest, 0 = today) → share of the
 * history, bent so that recent years hold more cases. */
static double
pow_like (double x)
{
  return 0.4 * x + 0.6 * x * x;
}

static gboolean
generate_case (Gen      *g,
               guint     index,
               guint     n_cases,
               GError  **error)
{
  Rng *r = &g->rng;
  CaseCtx cx = { 0, };
  guint n_referrals;
  double pos = 1.0 - (index + 0.5) / n_cases;

  /* Opened dates grow with the case ids (newest first = highest id), more
   * cases in recent years. */
  cx.opened = g->today - (int) (HISTORY_DAYS * pow_like (pos));
  cx.office = rng_chance (r, 0.6) ? 0 : 1;
  if (cx.office == 0)
    {
      double u = rng_unit (r);

      cx.assigned = u < 0.45 ? g->user_ids[U_ARTA] : u < 0.9 ? g->user_ids[U_BESNIK] : 0;
      cx.worker = cx.assigned != 0 ? cx.assigned : (rng_chance (r, 0.5) ? g->user_ids[U_ARTA] : g->user_ids[U_BESNIK]);
    }
  else
    {
      cx.assigned = rng_chance (r, 0.85) ? g->user_ids[U_DRITA] : 0;
      cx.worker = g->user_ids[U_DRITA];
    }
  cx.status = pick_status (r, g->today - cx.opened);
  /* The intake queue holds new, open cases. */
  if (cx.assigned == 0 && (g->today - cx.opened > 60 || !g_str_equal (cx.status, "open")))
    cx.assigned = cx.worker;

  if (!add_person (g, &cx, error) || !add_case (g, &cx, index, error))
    return FALSE;

  n_referrals = rng_chance (r, 0.45) ? (rng_chance (r, 0.2) ? 2 : 1) : 0;
  if (!add_consents (g, &cx, n_referrals > 0, error) ||
      !add_interviews (g, &cx, error) ||
      !add_services (g, &cx, error))
    return FALSE;
  for (guint i = 0; i < n_referrals; i++)
    if (!add_referral (g, &cx, error))
      return FALSE;
  return TRUE;
}

/*
 * Set-up through the session
 */

static void
demo_user_free (UdhaDemoUser *u)
{
  g_free (u->user_name);
  g_free (u->display_name);
  g_free (u->role);
  g_free (u->office_code);
  g_free (u);
}

static gint64
ensure_office (UdhaSession  *session,
               guint         i,
               GError      **error)
{
  g_autoptr(UdhaOffice) office = NULL;
  g_autoptr(GError) local_error = NULL;

  office = udha_session_find_office (session, demo_offices[i].code, &local_error);
  if (office == NULL)
    {
      g_clear_error (&local_error);
      office = udha_session_add_office (session, demo_offices[i].code, demo_offices[i].name, error);
      if (office == NULL)
        return 0;
    }
  return udha_office_get_id (office);
}

/* udha_session_add_user() without the one-time flag: demo users sign in
 * with the passphrase they were given. Same checks, the same key slot and
 * users row, and the same "user.create" audit entry. */
static gint64
add_demo_user (UdhaSession  *session,
               UdhaStore    *store,
               const char   *admin_secret,
               guint         i,
               gint64        office_id,
               const char   *passphrase,
               GError      **error)
{
  UdhaVault *vault = udha_store_get_vault (store);
  g_autoptr(UdhaUser) user = NULL;
  g_autoptr(UdhaUser) existing = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *now_text = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *details = NULL;
  gboolean ok;

  existing = udha_store_get_user_by_name (store, demo_users[i].user_name, NULL);
  if (existing != NULL)
    {
      g_set_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID,
                   _("This vault already has the demo user “%s”. Create demo data in a new vault."),
                   demo_users[i].user_name);
      return 0;
    }

  if (!udha_vault_add_user (vault, admin_secret, demo_users[i].user_name, passphrase, FALSE, error))
    return 0;

  user = udha_user_new ();
  udha_user_set_user_name (user, demo_users[i].user_name);
  udha_user_set_display_name (user, demo_users[i].display_name);
  udha_user_set_role (user, demo_users[i].role);
  udha_user_set_office_id (user, office_id);
  udha_user_set_created_at (user, now_text);

  if (!udha_store_begin (store, error))
    ok = FALSE;
  else
    {
      details = g_strdup_printf ("{\"role\":\"%s\",\"office_id\":%" G_GINT64_FORMAT ",\"demo\":true}",
                                 demo_users[i].role, office_id);
      ok = udha_store_create_user (store, user, error) &&
           udha_store_audit_append (store, udha_session_get_user_name (session), "user.create", "user",
                                    udha_user_get_id (user), 0, details, error);
      if (ok)
        ok = udha_store_commit (store, error);
      else
        udha_store_rollback (store);
    }
  if (!ok)
    {
      udha_vault_remove_user (vault, demo_users[i].user_name, NULL);
      return 0;
    }
  return udha_user_get_id (user);
}

static gint64
add_demo_org (UdhaSession  *session,
              guint         i,
              GError      **error)
{
  g_autoptr(UdhaOrganisation) org = udha_organisation_new ();
  g_autoptr(UdhaOrganisation) added = NULL;

  udha_organisation_set_name (org, demo_orgs[i].name);
  udha_organisation_set_org_type (org, demo_orgs[i].org_type);
  udha_organisation_set_qark (org, demo_orgs[i].qark);
  udha_organisation_set_services (org, demo_orgs[i].services);
  udha_organisation_set_contact_person (org, "Case coordinator");
  added = udha_session_add_organisation (session, org, error);
  if (added == NULL)
    return 0;
  return udha_organisation_get_id (added);
}

static gboolean
audit_generation (UdhaSession     *session,
                  UdhaStore       *store,
                  guint64          seed,
                  UdhaDemoResult  *result,
                  GError         **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *details = NULL;
  const struct { const char *key; guint value; } counts[] = {
    { "offices", result->n_offices },
    { "users", result->users->len },
    { "organisations", result->n_organisations },
    { "persons", result->n_persons },
    { "cases", result->n_cases },
    { "consents", result->n_consents },
    { "interviews", result->n_interviews },
    { "services", result->n_services },
    { "referrals", result->n_referrals },
  };

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "seed");
  json_builder_add_int_value (b, (gint64) seed);
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      json_builder_set_member_name (b, counts[i].key);
      json_builder_add_int_value (b, counts[i].value);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  details = json_generator_to_data (gen, NULL);

  return udha_store_audit_append (store, udha_session_get_user_name (session), "demo.generate", NULL, 0, 0,
                                  details, error);
}

/*
 * Public API
 */

void
udha_demo_result_free (UdhaDemoResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->users, g_ptr_array_unref);
  g_strfreev (result->first_case_numbers);
  g_free (result);
}

/**
 * udha_demo_result_to_json:
 *
 * {users: [{user_name, display_name, role, office}], counts: {…},
 *  first_case_numbers: […]}
 */
void
udha_demo_result_to_json (UdhaDemoResult *result,
                          JsonBuilder    *b)
{
  const struct { const char *key; guint value; } counts[] = {
    { "offices", result->n_offices },
    { "organisations", result->n_organisations },
    { "persons", result->n_persons },
    { "cases", result->n_cases },
    { "consents", result->n_consents },
    { "interviews", result->n_interviews },
    { "services", result->n_services },
    { "referrals", result->n_referrals },
    { "referral_transitions", result->n_referral_transitions },
    { "overdue_referrals", result->n_overdue_referrals },
  };

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "users");
  json_builder_begin_array (b);
  for (guint i = 0; i < result->users->len; i++)
    {
      UdhaDemoUser *u = g_ptr_array_index (result->users, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "user_name");
      json_builder_add_string_value (b, u->user_name);
      json_builder_set_member_name (b, "display_name");
      json_builder_add_string_value (b, u->display_name);
      json_builder_set_member_name (b, "role");
      json_builder_add_string_value (b, u->role);
      json_builder_set_member_name (b, "office");
      if (u->office_code != NULL)
        json_builder_add_string_value (b, u->office_code);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "counts");
  json_builder_begin_object (b);
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      json_builder_set_member_name (b, counts[i].key);
      json_builder_add_int_value (b, counts[i].value);
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "first_case_numbers");
  json_builder_begin_array (b);
  for (guint i = 0; result->first_case_numbers != NULL && result->first_case_numbers[i] != NULL; i++)
    json_builder_add_string_value (b, result->first_case_numbers[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/**
 * udha_demo_generate:
 * @session: an administrator's session
 * @store: the session's store
 * @admin_secret: the administrator's passphrase (to add key slots)
 * @options: what to generate
 * @progress: (nullable): called after each batch of cases
 * @user_data: for @progress
 * @error: return location for a #GError
 *
 * Creates the demo offices (unless they exist), the demo users
 * (%UDHA_SESSION_ERROR_NOT_PERMITTED if one exists already), a partner
 * directory and @options->n_cases synthetic cases, then one audit entry
 * "demo.generate" with the seed and the counts.
 *
 * Returns: (transfer full): what was created, or %NULL
 */
UdhaDemoResult *
udha_demo_generate (UdhaSession            *session,
                    UdhaStore              *store,
                    const char             *admin_secret,
                    const UdhaDemoOptions  *options,
                    UdhaDemoProgressFunc    progress,
                    gpointer                user_data,
                    GError                **error)
{
  g_autoptr(UdhaDemoResult) result = NULL;
  g_autoptr(UdhaStoreBulk) bulk = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  Gen g = { 0, };
  const char *passphrase;

  g_return_val_if_fail (UDHA_IS_SESSION (session), NULL);
  g_return_val_if_fail (UDHA_IS_STORE (store), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  if (udha_session_is_closed (session) ||
      g_strcmp0 (udha_vault_get_user_name (udha_store_get_vault (store)), udha_session_get_user_name (session)) != 0)
    {
      g_set_error_literal (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_CLOSED,
                           _("The vault is locked. Unlock it again."));
      return NULL;
    }
  if (udha_session_get_role (session) != UDHA_ROLE_KIND_ADMIN)
    {
      g_set_error_literal (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_NOT_PERMITTED,
                           _("Only an administrator can create demo data."));
      return NULL;
    }
  passphrase = options->users_passphrase;
  if (!udha_vault_check_passphrase (passphrase, error))
    return NULL;

  result = g_new0 (UdhaDemoResult, 1);
  result->users = g_ptr_array_new_with_free_func ((GDestroyNotify) demo_user_free);
  result->first_case_numbers = g_new0 (char *, N_FIRST_NUMBERS + 1);
  g.result = result;

  g.today = parse_iso_days (options->today);
  if (g.today < 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      g.today = days_from_civil (g_date_time_get_year (now), g_date_time_get_month (now),
                                 g_date_time_get_day_of_month (now));
    }
  rng_init (&g.rng, options->seed);
  g.nat = _udha_demo_nationalities (&g.n_nat);
  g_assert (g.n_nat <= G_N_ELEMENTS (g.nat_weights));
  for (guint i = 0; i < g.n_nat; i++)
    g.nat_weights[i] = g.nat[i].weight;

  /* Offices, users and organisations, through the session */
  for (guint i = 0; i < G_N_ELEMENTS (demo_offices); i++)
    {
      g.office_ids[i] = ensure_office (session, i, error);
      if (g.office_ids[i] == 0)
        return NULL;
      result->n_offices++;
    }
  for (guint i = 0; i < N_DEMO_USERS; i++)
    {
      UdhaDemoUser *u;

      g.user_ids[i] = add_demo_user (session, store, admin_secret, i, g.office_ids[demo_users[i].office],
                                     passphrase, error);
      if (g.user_ids[i] == 0)
        return NULL;
      u = g_new0 (UdhaDemoUser, 1);
      u->user_name = g_strdup (demo_users[i].user_name);
      u->display_name = g_strdup (demo_users[i].display_name);
      u->role = g_strdup (demo_users[i].role);
      u->office_code = g_strdup (demo_offices[demo_users[i].office].code);
      g_ptr_array_add (result->users, u);
    }
  {
    UdhaDemoUser *admin = g_new0 (UdhaDemoUser, 1);
    UdhaUser *me = udha_session_get_user (session);

    admin->user_name = g_strdup (udha_session_get_user_name (session));
    admin->display_name = g_strdup (udha_user_get_display_name (me) != NULL ? udha_user_get_display_name (me)
                                                                            : admin->user_name);
    admin->role = g_strdup (UDHA_ROLE_ADMIN);
    g_ptr_array_insert (result->users, 0, admin);
  }
  for (guint i = 0; i < G_N_ELEMENTS (demo_orgs); i++)
    {
      g.org_ids[i] = add_demo_org (session, i, error);
      if (g.org_ids[i] == 0)
        return NULL;
      result->n_organisations++;
    }

  /* The cases, in large transactions */
  bulk = udha_store_bulk_begin (store, error);
  if (bulk == NULL)
    return NULL;
  g.bulk = bulk;

  for (guint i = 0; i < options->n_cases; i++)
    {
      if (!generate_case (&g, i, options->n_cases, error))
        return NULL;
      if ((i + 1) % BATCH_CASES == 0 && i + 1 < options->n_cases)
        {
          if (!udha_store_bulk_checkpoint (bulk, error))
            return NULL;
          if (progress != NULL)
            progress (i + 1, options->n_cases, user_data);
        }
    }
  if (!udha_store_bulk_finish (bulk, error))
    return NULL;
  g_clear_pointer (&bulk, udha_store_bulk_free);

  if (!audit_generation (session, store, options->seed, result, error))
    return NULL;

  result->seconds = g_timer_elapsed (timer, NULL);
  if (progress != NULL)
    progress (options->n_cases, options->n_cases, user_data);
  g_debug ("Generated %u demo cases in %.1f s", result->n_cases, result->seconds);
  return g_steal_pointer (&result);
}
