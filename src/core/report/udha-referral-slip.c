/* udha-referral-slip.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "udha-referral-slip"

#include "config.h"

#include "udha-referral-slip.h"

#include "udha-date.h"
#include "udha-lookup.h"
#include "udha-model-error.h"
#include "udha-report-private.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <pango/pangocairo.h>
#include <string.h>

/* A4 portrait, in points. */
#define PAGE_WIDTH   595.276
#define PAGE_HEIGHT  841.890
#define MARGIN        56.0
#define LABEL_WIDTH  170.0
#define FONT_FAMILY  "Cantarell, Sans"

typedef struct
{
  cairo_t    *cr;
  const char *language;
  double      x;
  double      y;
  double      width;
} Slip;

/* Everything printed, gathered before drawing so the PDF is written only
 * once every check has passed. */
typedef struct
{
  char *referral_number;
  char *case_number;
  char *issued_on;
  char *name;
  char *dob;
  char *phone;
  char *service;
  char *urgency;
  char *reason;
  char *follow_up;
  char *org_name;
  char *org_contact;
  char *org_phone;
  char *office;
  char *office_contact;
  char *consent;
  gboolean identity_shared;
  gboolean contact_shared;
} SlipContent;

static void
slip_content_clear (SlipContent *c)
{
  g_free (c->referral_number);
  g_free (c->case_number);
  g_free (c->issued_on);
  g_free (c->name);
  g_free (c->dob);
  g_free (c->phone);
  g_free (c->service);
  g_free (c->urgency);
  g_free (c->reason);
  g_free (c->follow_up);
  g_free (c->org_name);
  g_free (c->org_contact);
  g_free (c->org_phone);
  g_free (c->office);
  g_free (c->office_contact);
  g_free (c->consent);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SlipContent, slip_content_clear)

/*
 * Auxiliary methods
 */

static const char *
tr (const char *language,
    const char *msgid)
{
  return udha_report_gettext (language, NULL, msgid);
}

static const char *
lookup_label (const char     *language,
              UdhaLookupKind  kind,
              const char     *code)
{
  const UdhaLookupEntry *entry = udha_lookup_find (kind, code);

  if (entry == NULL)
    return NULL;
  if ((entry->flags & UDHA_LOOKUP_FLAG_UNTRANSLATED) != 0)
    return entry->label;
  return udha_report_pgettext (language, udha_lookup_kind_get_context (kind), entry->label);
}

static gboolean
is_blank (const char *s)
{
  if (s == NULL)
    return TRUE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

/* A stored date ("2026-03-12", "1990-05", "1990") as printed: dd.mm.yyyy,
 * the form both languages use (udha_format_date()). */
static char *
format_iso_date (const char *iso)
{
  UdhaDate d;

  if (!udha_date_from_iso (iso, &d))
    return NULL;

  switch (d.precision)
    {
    case UDHA_DATE_PRECISION_DAY:
      return g_strdup_printf ("%02d.%02d.%04d", d.day, d.month, d.year);
    case UDHA_DATE_PRECISION_MONTH:
      return g_strdup_printf ("%02d.%04d", d.month, d.year);
    case UDHA_DATE_PRECISION_YEAR:
      return g_strdup_printf ("%04d", d.year);
    case UDHA_DATE_PRECISION_NONE:
    default:
      return NULL;
    }
}

static gboolean
scope_includes (const char *scope,
                const char *group)
{
  g_auto(GStrv) groups = NULL;

  /* A consent recorded without a data scope covers what a referral needs. */
  if (is_blank (scope))
    return TRUE;

  groups = g_strsplit_set (scope, ", ", -1);
  for (guint i = 0; groups[i] != NULL; i++)
    if (strcmp (groups[i], group) == 0)
      return TRUE;
  return FALSE;
}

/* The rule of udha_store_find_valid_consent(): for referral, given on or
 * before today, not expired, not withdrawn. */
static gboolean
consent_is_valid (UdhaConsent *consent,
                  const char  *today)
{
  const char *given = udha_consent_get_given_on (consent);
  const char *expires = udha_consent_get_expires_on (consent);
  const char *withdrawn = udha_consent_get_withdrawn_on (consent);

  return g_strcmp0 (udha_consent_get_purpose (consent), "referral") == 0 &&
         given != NULL && strcmp (given, today) <= 0 &&
         (expires == NULL || strcmp (expires, today) >= 0) &&
         (withdrawn == NULL || strcmp (withdrawn, today) > 0);
}

/* The consent the slip rests on: the one the referral was sent under if it
 * is still valid, else the newest valid referral consent. */
static UdhaConsent *
find_consent (GPtrArray   *consents,
              gint64       linked_id,
              const char  *today)
{
  UdhaConsent *best = NULL;

  for (guint i = 0; i < consents->len; i++)
    {
      UdhaConsent *consent = g_ptr_array_index (consents, i);

      if (!consent_is_valid (consent, today))
        continue;
      if (linked_id != 0 && udha_consent_get_id (consent) == linked_id)
        return g_object_ref (consent);
      if (best == NULL ||
          strcmp (udha_consent_get_given_on (consent), udha_consent_get_given_on (best)) > 0 ||
          (strcmp (udha_consent_get_given_on (consent), udha_consent_get_given_on (best)) == 0 &&
           udha_consent_get_id (consent) > udha_consent_get_id (best)))
        best = consent;
    }

  return best != NULL ? g_object_ref (best) : NULL;
}

static PangoLayout *
create_layout (Slip       *slip,
               const char *text,
               double      size,
               gboolean    bold,
               double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (slip->cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  /* One page: a value never takes more than four lines. */
  pango_layout_set_height (layout, -4);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
draw_text (Slip       *slip,
           const char *text,
           double      x,
           double      y,
           double      width,
           double      size,
           gboolean    bold)
{
  g_autoptr(PangoLayout) layout = create_layout (slip, text, size, bold, width);
  PangoRectangle logical;

  cairo_move_to (slip->cr, x, y);
  pango_cairo_show_layout (slip->cr, layout);
  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static void
paragraph (Slip       *slip,
           const char *text,
           double      size,
           gboolean    bold)
{
  slip->y += draw_text (slip, text, slip->x, slip->y, slip->width, size, bold) + 4;
}

static void
heading (Slip       *slip,
         const char *text)
{
  slip->y += 10;
  cairo_set_source_rgb (slip->cr, 0.85, 0.85, 0.85);
  cairo_rectangle (slip->cr, slip->x, slip->y - 2, slip->width, 0.75);
  cairo_fill (slip->cr);
  cairo_set_source_rgb (slip->cr, 0, 0, 0);
  slip->y += 4;
  paragraph (slip, text, 11.5, TRUE);
}

static void
field (Slip       *slip,
       const char *label,
       const char *value)
{
  double h1, h2;

  if (is_blank (value))
    value = tr (slip->language, N_("Not recorded"));

  cairo_set_source_rgb (slip->cr, 0.3, 0.3, 0.3);
  h1 = draw_text (slip, label, slip->x, slip->y, LABEL_WIDTH - 8, 10, FALSE);
  cairo_set_source_rgb (slip->cr, 0, 0, 0);
  h2 = draw_text (slip, value, slip->x + LABEL_WIDTH, slip->y, slip->width - LABEL_WIDTH, 10, TRUE);
  slip->y += MAX (h1, h2) + 3;
}

static void
signature_line (Slip       *slip,
                const char *label,
                double      x,
                double      width)
{
  cairo_set_source_rgb (slip->cr, 0, 0, 0);
  cairo_set_line_width (slip->cr, 0.6);
  cairo_move_to (slip->cr, x, slip->y + 24);
  cairo_line_to (slip->cr, x + width - 12, slip->y + 24);
  cairo_stroke (slip->cr);
  draw_text (slip, label, x, slip->y + 27, width - 12, 8.5, FALSE);
}

static void
draw_slip (cairo_t           *cr,
           const char        *language,
           const SlipContent *c)
{
  Slip slip = { cr, language, MARGIN, MARGIN, PAGE_WIDTH - 2 * MARGIN };
  const char *lang = language;
  g_autofree char *numbers = NULL;
  g_autofree char *request = NULL;
  double third;

  cairo_set_source_rgb (cr, 0, 0, 0);
  paragraph (&slip, tr (lang, N_("Referral slip")), 20, TRUE);
  cairo_set_source_rgb (cr, 0.55, 0.1, 0.1);
  paragraph (&slip, tr (lang, N_("Confidential: for the receiving organisation only. "
                                 "Keep it secure and destroy it when it is no longer needed.")),
             9.5, FALSE);
  cairo_set_source_rgb (cr, 0, 0, 0);
  slip.y += 4;

  field (&slip, tr (lang, N_("Referral number")), c->referral_number);
  field (&slip, tr (lang, N_("Case number")), c->case_number);
  field (&slip, tr (lang, N_("Date of issue")), c->issued_on);

  /* The addressee of the slip, not the end of a period */
  heading (&slip, udha_report_pgettext (lang, "referral slip", NC_("referral slip", "To")));
  field (&slip, tr (lang, N_("Receiving organisation")), c->org_name);
  field (&slip, tr (lang, N_("Contact")), c->org_contact);
  field (&slip, tr (lang, N_("Phone")), c->org_phone);

  heading (&slip, udha_report_pgettext (lang, "referral slip", NC_("referral slip", "From")));
  field (&slip, tr (lang, N_("Referring office")), c->office);
  field (&slip, tr (lang, N_("Contact")), c->office_contact);

  heading (&slip, tr (lang, N_("Person referred")));
  if (c->identity_shared)
    {
      field (&slip, tr (lang, N_("Name")), c->name);
      field (&slip, tr (lang, N_("Date of birth")), c->dob);
    }
  if (c->contact_shared)
    field (&slip, tr (lang, N_("Phone")), c->phone);
  if (!c->identity_shared || !c->contact_shared)
    paragraph (&slip, tr (lang, N_("Other details are not shared: the person's consent does not cover them.")),
               9.5, FALSE);

  heading (&slip, tr (lang, N_("Referral")));
  field (&slip, tr (lang, N_("Service requested")), c->service);
  field (&slip, tr (lang, N_("Urgency")), c->urgency);
  field (&slip, tr (lang, N_("Reason for referral")), c->reason);

  heading (&slip, tr (lang, N_("Consent")));
  paragraph (&slip, c->consent, 10, FALSE);

  heading (&slip, tr (lang, N_("Please acknowledge")));
  /* Translators: %s is the referral number, the second %s a date. */
  request = g_strdup_printf (tr (lang, N_("Please confirm to the referring office that you received this "
                                          "referral, quoting referral number %s, by %s at the latest, and "
                                          "tell us whether you can provide the service.")),
                             c->referral_number, c->follow_up);
  paragraph (&slip, request, 10, FALSE);

  slip.y += 12;
  third = slip.width / 3;
  signature_line (&slip, tr (lang, N_("Received by (name and role)")), slip.x, third);
  signature_line (&slip, tr (lang, N_("Date")), slip.x + third, third);
  signature_line (&slip, tr (lang, N_("Signature and stamp")), slip.x + 2 * third, third);

  /* Footer */
  cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
  numbers = g_strdup_printf ("%s %s · %s %s", tr (lang, N_("Referral number")), c->referral_number,
                             tr (lang, N_("Case number")), c->case_number);
  draw_text (&slip, numbers, slip.x, PAGE_HEIGHT - MARGIN + 12, slip.width, 8, FALSE);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Renders the slip into memory; the file is written in one go later. */
static GBytes *
render_pdf (const char        *language,
            const SlipContent *content,
            GError           **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  surface = cairo_pdf_surface_create_for_stream (append_bytes, buffer, PAGE_WIDTH, PAGE_HEIGHT);
  /* No document metadata is set: no title (it would name the person),
   * author or creator (DOMAIN.md §10.8); cairo writes only its producer
   * string and the creation date. */
  cr = cairo_create (surface);
  draw_slip (cr, language, content);
  cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error_literal (error, UDHA_REPORT_ERROR, UDHA_REPORT_ERROR_WRITE,
                           _("The referral slip could not be drawn."));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

static char *
audit_details (gint64      case_id,
               const char *language,
               gboolean    overridden)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "case_id");
  json_builder_add_int_value (builder, case_id);
  json_builder_set_member_name (builder, "language");
  json_builder_add_string_value (builder, language);
  json_builder_set_member_name (builder, "basis");
  json_builder_add_string_value (builder, overridden ? "override" : "consent");
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static gboolean
gather (UdhaSession  *session,
        UdhaReferral *referral,
        const char   *language,
        SlipContent  *c,
        gboolean     *overridden,
        gint64       *office_id,
        GError      **error)
{
  UdhaStore *store = udha_session_get_store (session);
  const char *lang = language;
  g_autoptr(UdhaCase) case_ = NULL;
  g_autoptr(UdhaPerson) person = NULL;
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(UdhaConsent) consent = NULL;
  g_autoptr(UdhaOrganisation) org = NULL;
  g_autoptr(UdhaOffice) office = NULL;
  g_autoptr(UdhaUser) referrer = NULL;
  g_autofree char *today = udha_session_today (session);
  const char *role_code = "caseworker";
  const char *role;
  const char *contact = NULL;

  /* Each of these checks that the session may view the case. */
  case_ = udha_session_get_case (session, udha_referral_get_case_id (referral), error);
  if (case_ == NULL)
    return FALSE;
  person = udha_session_get_person (session, udha_case_get_person_id (case_), error);
  if (person == NULL)
    return FALSE;
  consents = udha_session_list_consents (session, udha_person_get_id (person), error);
  if (consents == NULL)
    return FALSE;

  /* The consent gate of DOMAIN.md §6.4, as for sending. */
  consent = find_consent (consents, udha_referral_get_consent_id (referral), today);
  *overridden = consent == NULL &&
                !is_blank (udha_referral_get_override_basis (referral)) &&
                udha_referral_get_override_by (referral) != 0;
  if (consent == NULL && !*overridden)
    {
      g_set_error_literal (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_CONSENT_REQUIRED,
                           _("Consent: the person has no valid consent to referral, so no referral slip "
                             "can be printed. Record the consent first, or ask a supervisor to override "
                             "when sending the referral."));
      return FALSE;
    }

  *office_id = udha_case_get_office_id (case_);
  org = udha_store_get_organisation (store, udha_referral_get_org_id (referral), NULL);
  office = udha_store_get_office (store, udha_case_get_office_id (case_), NULL);
  if (udha_referral_get_created_by (referral) != 0)
    referrer = udha_store_get_user (store, udha_referral_get_created_by (referral), NULL);
  if (referrer == NULL)
    referrer = g_object_ref (udha_session_get_user (session));

  c->referral_number = g_strdup_printf ("%" G_GINT64_FORMAT, udha_referral_get_id (referral));
  c->case_number = g_strdup (udha_case_get_number (case_));
  c->issued_on = format_iso_date (today);

  c->identity_shared = *overridden || scope_includes (udha_consent_get_scope (consent), "identity");
  c->contact_shared = *overridden || scope_includes (udha_consent_get_scope (consent), "contact");
  if (c->identity_shared)
    {
      const char *given = udha_person_get_given_name (person);
      const char *family = udha_person_get_family_name (person);

      c->name = g_strstrip (g_strdup_printf ("%s %s", given != NULL ? given : "",
                                             family != NULL ? family : ""));
      c->dob = format_iso_date (udha_person_get_dob (person));
      if (c->dob == NULL && udha_person_get_estimated_age (person) > 0)
        c->dob = g_strdup_printf (tr (lang, N_("Not known (estimated age %d)")),
                                  (int) udha_person_get_estimated_age (person));
    }
  if (c->contact_shared)
    c->phone = g_strdup (udha_person_get_phone (person));

  c->service = g_strdup (lookup_label (lang, UDHA_LOOKUP_SERVICE, udha_referral_get_service_code (referral)));
  c->urgency = g_strdup (lookup_label (lang, UDHA_LOOKUP_REFERRAL_URGENCY, udha_referral_get_urgency (referral)));
  c->reason = g_strdup (lookup_label (lang, UDHA_LOOKUP_REFERRAL_REASON, udha_referral_get_reason (referral)));
  c->follow_up = format_iso_date (udha_referral_get_follow_up_due (referral));
  if (c->follow_up == NULL)
    c->follow_up = g_strdup ("—");

  if (org != NULL)
    {
      c->org_name = g_strdup (udha_organisation_get_name (org));
      c->org_contact = g_strdup (udha_organisation_get_contact_person (org));
      c->org_phone = g_strdup (udha_organisation_get_phone (org));
    }

  /* The referring side by role, never by a staff member's name (DOMAIN.md
   * §6.6: the office's role-based contact). */
  if (office != NULL)
    c->office = g_strdup (udha_office_get_name (office));
  if (referrer != NULL)
    {
      if (udha_lookup_is_valid (UDHA_LOOKUP_ROLE, udha_user_get_role (referrer)))
        role_code = udha_user_get_role (referrer);
      contact = udha_user_get_contact (referrer);
    }
  role = lookup_label (lang, UDHA_LOOKUP_ROLE, role_code);
  if (is_blank (contact))
    /* Translators: %s is a role such as "Caseworker". */
    c->office_contact = g_strdup_printf (tr (lang, N_("%s, through the office")), role);
  else
    c->office_contact = g_strdup_printf ("%s: %s", role, contact);

  if (consent != NULL)
    {
      g_autofree char *given_on = format_iso_date (udha_consent_get_given_on (consent));
      const char *reference = udha_consent_get_reference (consent);
      const char *given_by = lookup_label (lang, UDHA_LOOKUP_CONSENT_GIVEN_BY,
                                           udha_consent_get_given_by (consent));
      g_autofree char *ref = is_blank (reference)
                               ? g_strdup_printf ("%" G_GINT64_FORMAT, udha_consent_get_id (consent))
                               : g_strdup (reference);

      if (given_by == NULL)
        given_by = lookup_label (lang, UDHA_LOOKUP_CONSENT_GIVEN_BY, "person");
      /* Translators: consent reference, who gave it ("The person",
       * "Legal guardian") and the date. */
      c->consent = g_strdup_printf (tr (lang, N_("Consent reference %s: consent to this referral was given by: %s, "
                                                 "on %s. Use the information only for the service requested.")),
                                    ref, given_by, given_on != NULL ? given_on : "—");
    }
  else
    {
      const char *basis = lookup_label (lang, UDHA_LOOKUP_LEGAL_BASIS,
                                        udha_referral_get_override_basis (referral));

      /* Translators: %s is a legal basis such as "Vital interests". */
      c->consent = g_strdup_printf (tr (lang, N_("Shared without the person's consent, on the legal basis: %s. "
                                                 "A supervisor decided and recorded this. Use the information "
                                                 "only for the service requested.")),
                                    basis != NULL ? basis : "—");
    }

  return TRUE;
}

/*
 * Public API
 */

/**
 * udha_session_write_referral_slip:
 * @session: a signed-in session
 * @referral_id: the referral
 * @language: "en" or "sq": the language of the slip, whatever the program's
 * @path: where to write the PDF
 * @error: return location for a #GError
 *
 * Writes the referral slip (DOMAIN.md §6.6) as a one-page PDF.  The session
 * must be allowed to view the case (else %UDHA_SESSION_ERROR_NOT_PERMITTED,
 * as udha_session_get_case() reports it).  The person must have a valid
 * consent to referral, unless the referral was sent under a supervisor's
 * recorded override (else %UDHA_MODEL_ERROR_CONSENT_REQUIRED).  The file is
 * written whole or not at all, and each slip is audited "referral.slip" in
 * the hash chain with the case id and the language, nothing personal.
 *
 * Returns: %TRUE if the slip was written and audited
 */
gboolean
udha_session_write_referral_slip (UdhaSession  *session,
                                  gint64        referral_id,
                                  const char   *language,
                                  const char   *path,
                                  GError      **error)
{
  g_autoptr(UdhaReferral) referral = NULL;
  g_auto(SlipContent) content = { NULL, };
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) write_error = NULL;
  g_autofree char *details = NULL;
  UdhaStore *store;
  gboolean overridden = FALSE;
  gint64 office_id = 0;
  gsize size;
  const char *data;

  g_return_val_if_fail (UDHA_IS_SESSION (session), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (language == NULL)
    language = "en";
  if (strcmp (language, "en") != 0 && strcmp (language, "sq") != 0)
    {
      g_set_error_literal (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID,
                           _("Language: a referral slip can be printed in Albanian (sq) or English (en)."));
      return FALSE;
    }

  referral = udha_session_get_referral (session, referral_id, error);
  if (referral == NULL)
    return FALSE;
  if (!gather (session, referral, language, &content, &overridden, &office_id, error))
    return FALSE;

  pdf = render_pdf (language, &content, error);
  if (pdf == NULL)
    return FALSE;

  /* The audit entry and the file go together: the entry is committed only
   * once the file is in place, and the file is removed if the entry cannot
   * be committed. */
  store = udha_session_get_store (session);
  details = audit_details (udha_referral_get_case_id (referral), language, overridden);
  if (!udha_store_begin (store, error))
    return FALSE;
  if (!udha_store_audit_append (store, udha_session_get_user_name (session), "referral.slip",
                                "referral", referral_id, office_id, details, error))
    {
      udha_store_rollback (store);
      return FALSE;
    }

  data = g_bytes_get_data (pdf, &size);
  if (!g_file_set_contents_full (path, data, size, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &write_error))
    {
      udha_store_rollback (store);
      /* GLib's message names the path, which may carry a name: keep it out. */
      g_set_error_literal (error, UDHA_REPORT_ERROR, UDHA_REPORT_ERROR_WRITE,
                           _("The referral slip could not be saved. Check that the folder exists, "
                             "that you may write to it and that the disk is not full."));
      return FALSE;
    }

  if (!udha_store_commit (store, error))
    {
      g_unlink (path);
      return FALSE;
    }

  return TRUE;
}
