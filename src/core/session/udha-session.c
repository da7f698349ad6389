/* udha-session.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The signed-in user and the only way into case data (DESIGN.md). Every
 * wrapper does, in this order:
 *
 *   1. refuse if the session is closed or the one-time passphrase must be
 *      changed;
 *   2. udha_permission_check() on the role matrix, with the case's scope;
 *   3. model validation (codes, dates, workflow transitions, consent gate);
 *   4. the store call and the audit entry, in one transaction.
 *
 * Audit details are JSON with codes and ids only: never names, notes or
 * other free text. */

#define G_LOG_DOMAIN "udha-session"

#include "config.h"

#include "udha-session.h"

#include <glib/gi18n.h>
#include <stdarg.h>
#include <string.h>

#include "udha-date.h"
#include "udha-iso-codes.h"
#include "udha-lookup.h"
#include "udha-model-error.h"

#define REFERRAL_FOLLOW_UP_DAYS 14

struct _UdhaSession
{
  GObject     parent_instance;

  UdhaVault  *vault;
  UdhaStore  *store;
  UdhaUser   *user;
  UdhaRole    role;
  gboolean    closed;
};

G_DEFINE_FINAL_TYPE (UdhaSession, udha_session, G_TYPE_OBJECT)

/* Auxiliary methods */

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

static char *
now_utc (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static char *
today_plus (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

/* Checks a date field (ISO, or as the user typed it). The message names
 * the field, never the value (which may be a date of birth). */
static gboolean
check_date (const char  *value,
            const char  *field,
            gboolean     allow_future,
            GError     **error)
{
  UdhaDate date;
  UdhaDateFlags flags = UDHA_DATE_NOT_BEFORE_1900;
  g_autofree char *day = NULL;

  if (!allow_future)
    flags |= UDHA_DATE_NOT_FUTURE;
  if (value == NULL)
    return udha_date_parse ("", flags, NULL, field, &date, error);
  /* Times ("2026-03-01T10:00:00Z") are checked by their date. */
  day = g_strndup (value, strcspn (value, "T"));
  return udha_date_parse (day, flags, NULL, field, &date, error);
}

static gboolean
require_text (const char  *value,
              const char  *field,
              GError     **error)
{
  if (!is_blank (value))
    return TRUE;
  g_set_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID,
               /* Translators: %s is a field name */
               _("%s: required."), field);
  return FALSE;
}

static gboolean
require_reason (const char  *reason,
                GError     **error)
{
  if (!is_blank (reason))
    return TRUE;
  g_set_error_literal (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_REASON_REQUIRED,
                       _("Reason: required for this change."));
  return FALSE;
}

static gboolean
check_country (const char  *code,
               const char  *field,
               GError     **error)
{
  return udha_iso_country_check (code, field, error);
}

static gboolean
check_language (const char  *code,
                GError     **error)
{
  return udha_iso_language_check (code, _("Language"), error);
}

static void
add_member (JsonBuilder *builder,
            const char  *key,
            char         type,
            va_list     *args)
{
  json_builder_set_member_name (builder, key);
  switch (type)
    {
    case 's':
      {
        const char *value = va_arg (*args, const char *);

        if (value == NULL)
          json_builder_add_null_value (builder);
        else
          json_builder_add_string_value (builder, value);
      }
      break;
    case 'i':
      json_builder_add_int_value (builder, va_arg (*args, gint64));
      break;
    case 'b':
      json_builder_add_boolean_value (builder, va_arg (*args, gboolean));
      break;
    default:
      g_assert_not_reached ();
    }
}

/* details ("from", 's', "draft", "case_id", 'i', (gint64) 4, NULL): audit
 * details as a JSON object. Only codes, ids and flags go in here. */
static char *
details (const char *first_key,
         ...)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *key;
  va_list args;

  json_builder_begin_object (builder);
  va_start (args, first_key);
  for (key = first_key; key != NULL; key = va_arg (args, const char *))
    {
      char type = (char) va_arg (args, int);

      add_member (builder, key, type, &args);
    }
  va_end (args);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* Refuses everything on a closed session or while the one-time passphrase
 * has not been changed. */
static gboolean
ensure_ready (UdhaSession  *self,
              GError      **error)
{
  if (self->closed || udha_vault_is_locked (self->vault))
    {
      g_set_error_literal (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_CLOSED,
                           _("The vault is locked. Unlock it again."));
      return FALSE;
    }
  if (udha_vault_get_must_change_passphrase (self->vault))
    {
      g_set_error_literal (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_MUST_CHANGE_PASSPHRASE,
                           _("Change your one-time passphrase first: udha-cli passwd"));
      return FALSE;
    }
  return TRUE;
}

static void
actor_facts (UdhaSession    *self,
             UdhaScopeFacts *facts)
{
  memset (facts, 0, sizeof *facts);
  facts->actor_user_id = udha_user_get_id (self->user);
  facts->actor_office_id = udha_user_get_office_id (self->user);
}

static void
case_facts (UdhaSession    *self,
            UdhaCase       *case_,
            UdhaScopeFacts *facts)
{
  actor_facts (self, facts);
  facts->case_office_id = udha_case_get_office_id (case_);
  facts->case_assigned_user_id = udha_case_get_assigned_user_id (case_);
}

static gboolean
check (UdhaSession           *self,
       UdhaAction             action,
       const UdhaScopeFacts  *facts,
       GError               **error)
{
  return udha_permission_check (self->role, action, facts, error);
}

static gboolean
check_action (UdhaSession  *self,
              UdhaAction    action,
              GError      **error)
{
  UdhaScopeFacts facts;

  actor_facts (self, &facts);
  return check (self, action, &facts, error);
}

static gboolean
check_case (UdhaSession  *self,
            UdhaAction    action,
            UdhaCase     *case_,
            GError      **error)
{
  UdhaScopeFacts facts;

  case_facts (self, case_, &facts);
  return check (self, action, &facts, error);
}

/* Maps "no such row" to a message that names the kind of record. */
static void
not_found (GError     **error,
           const char  *message)
{
  g_set_error_literal (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_NOT_FOUND, message);
}

static gboolean
is_not_found (const GError *error)
{
  return g_error_matches (error, UDHA_STORE_ERROR, UDHA_STORE_ERROR_NOT_FOUND) ||
         g_error_matches (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_NOT_FOUND);
}

/* Loads a case for @action. A case outside the scope reads as "not
 * permitted", never as its content. */
static UdhaCase *
load_case (UdhaSession  *self,
           gint64        case_id,
           UdhaAction    action,
           GError      **error)
{
  g_autoptr(UdhaCase) case_ = NULL;
  g_autoptr(GError) local_error = NULL;

  case_ = udha_store_get_case (self->store, case_id, &local_error);
  if (case_ == NULL)
    {
      if (local_error == NULL || is_not_found (local_error))
        not_found (error, _("There is no case with this number."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (!check_case (self, action, case_, error))
    return NULL;

  return g_steal_pointer (&case_);
}

/* A person is in scope for @action if one of their cases is; a person
 * without a case counts as a case of their office assigned to whoever
 * registered them. */
static UdhaPerson *
load_person (UdhaSession  *self,
             gint64        person_id,
             UdhaAction    action,
             GError      **error)
{
  g_autoptr(UdhaPerson) person = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GError) first_error = NULL;
  UdhaScopeFacts facts;

  person = udha_store_get_person (self->store, person_id, &local_error);
  if (person == NULL)
    {
      if (local_error == NULL || is_not_found (local_error))
        not_found (error, _("There is no person with this registration number."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  cases = udha_store_list_cases_for_person (self->store, person_id, error);
  if (cases == NULL)
    return NULL;

  for (guint i = 0; i < cases->len; i++)
    {
      g_autoptr(GError) case_error = NULL;

      if (check_case (self, action, g_ptr_array_index (cases, i), &case_error))
        return g_steal_pointer (&person);
      if (first_error == NULL)
        first_error = g_steal_pointer (&case_error);
    }

  if (cases->len == 0)
    {
      actor_facts (self, &facts);
      facts.case_office_id = udha_person_get_office_id (person);
      facts.case_assigned_user_id = udha_person_get_registered_by (person);
      if (check (self, action, &facts, error))
        return g_steal_pointer (&person);
      return NULL;
    }

  g_propagate_error (error, g_steal_pointer (&first_error));
  return NULL;
}

/* Appends an audit entry; takes @details_json (from details()). */
static gboolean
audit (UdhaSession  *self,
       const char   *action,
       const char   *entity,
       gint64        entity_id,
       gint64        office_id,
       char         *details_json,
       GError      **error)
{
  g_autofree char *owned = details_json;

  return udha_store_audit_append (self->store, udha_user_get_user_name (self->user),
                                  action, entity, entity_id, office_id, owned, error);
}

/* Like audit(), with the free text the user gave for the change, stored
 * next to the entry in the vault (never in its details). */
static gboolean
audit_reason (UdhaSession  *self,
              const char   *action,
              const char   *entity,
              gint64        entity_id,
              gint64        office_id,
              char         *details_json,
              const char   *reason,
              GError      **error)
{
  g_autofree char *owned = details_json;

  return udha_store_audit_append_with_reason (self->store, udha_user_get_user_name (self->user),
                                              action, entity, entity_id, office_id, owned,
                                              is_blank (reason) ? NULL : reason, error);
}

/* A write: begin_write(), the store call and audit(), finish_write(),
 * all in one transaction. */
static gboolean
begin_write (UdhaSession  *self,
             GError      **error)
{
  return udha_store_begin (self->store, error);
}

static gboolean
finish_write (UdhaSession  *self,
              gboolean      ok,
              GError      **error)
{
  if (!ok)
    {
      udha_store_rollback (self->store);
      return FALSE;
    }
  return udha_store_commit (self->store, error);
}

/* Saves @case_ and audits @action about it with @details_json (taken) and
 * the user's @reason, in one transaction. */
static gboolean
save_case (UdhaSession  *self,
           UdhaCase     *case_,
           const char   *action,
           char         *details_json,
           const char   *reason,
           GError      **error)
{
  g_autofree char *owned = details_json;
  gboolean ok;

  if (!begin_write (self, error))
    return FALSE;
  ok = udha_store_update_case (self->store, case_, NULL, error) &&
       audit_reason (self, action, "case", udha_case_get_id (case_), udha_case_get_office_id (case_),
                     g_steal_pointer (&owned), reason, error);
  return finish_write (self, ok, error);
}

static gboolean
check_person_fields (UdhaPerson  *person,
                     GError     **error)
{
  const char * const *citizenships = udha_person_get_citizenships (person);
  const char * const *languages = udha_person_get_languages (person);
  const char *dob = udha_person_get_dob (person);
  gint64 age = udha_person_get_estimated_age (person);

  if (!require_text (udha_person_get_given_name (person), _("Given name"), error) ||
      !require_text (udha_person_get_family_name (person), _("Family name"), error))
    return FALSE;

  if (!udha_lookup_check (UDHA_LOOKUP_SEX, udha_person_get_sex (person), _("Sex"), error))
    return FALSE;

  if (dob == NULL && age <= 0)
    {
      g_set_error_literal (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID,
                           _("Date of birth: give the date of birth or an estimated age."));
      return FALSE;
    }
  if (dob != NULL)
    {
      UdhaDate date;

      if (!udha_date_parse_dob (dob, NULL, _("Date of birth"), &date, error))
        return FALSE;
    }
  if (age > 130)
    {
      g_set_error_literal (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID,
                           _("Age: must be between 0 and 130."));
      return FALSE;
    }

  for (guint i = 0; citizenships != NULL && citizenships[i] != NULL; i++)
    if (!udha_iso_citizenship_check (citizenships[i], _("Citizenship"), error))
      return FALSE;
  if (udha_person_get_birth_country (person) != NULL &&
      !check_country (udha_person_get_birth_country (person), _("Country of birth"), error))
    return FALSE;
  for (guint i = 0; languages != NULL && languages[i] != NULL; i++)
    if (!check_language (languages[i], error))
      return FALSE;
  if (udha_person_get_qark (person) != NULL &&
      !udha_lookup_check (UDHA_LOOKUP_QARK, udha_person_get_qark (person), _("Qark"), error))
    return FALSE;

  return TRUE;
}

static UdhaUser *
find_active_user (UdhaSession  *self,
                  const char   *user_name,
                  GError      **error)
{
  g_autoptr(UdhaUser) user = NULL;
  g_autoptr(GError) local_error = NULL;

  user = udha_store_get_user_by_name (self->store, user_name, &local_error);
  if (user == NULL)
    {
      if (local_error == NULL || is_not_found (local_error))
        not_found (error, _("There is no user with this name."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&user);
}

/* Changes the status of @case_ along the case workflow, saves and audits. */
static gboolean
change_case_status (UdhaSession  *self,
                    UdhaCase     *case_,
                    const char   *to,
                    const char   *reason,
                    const char   *reason_text,
                    const char   *audit_action,
                    GError      **error)
{
  g_autofree char *from = g_strdup (udha_case_get_status (case_));
  g_autofree char *today = udha_session_today (self);
  g_autofree char *detail = NULL;
  const UdhaTransition *transition;

  if (!udha_case_transition_check (from, to, udha_role_to_code (self->role), reason, error))
    return FALSE;

  transition = udha_case_transition_find (from, to);
  if (transition != NULL && (transition->requires & UDHA_TRANSITION_REOPEN) != 0 &&
      g_strcmp0 (udha_case_get_previous_status (case_), to) != 0)
    {
      g_set_error_literal (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_TRANSITION,
                           _("Status: the case can only go back to the status it had before."));
      return FALSE;
    }

  udha_case_set_previous_status (case_, from);
  udha_case_set_status (case_, to);

  if (g_strcmp0 (to, "closed") == 0)
    udha_case_set_closed_on (case_, today);
  else if (g_strcmp0 (from, "closed") == 0 || g_strcmp0 (from, "closure_requested") == 0)
    {
      udha_case_set_closed_on (case_, NULL);
      udha_case_set_closure_reason (case_, NULL);
      udha_case_set_closure_note (case_, NULL);
      udha_case_set_closure_requested_by (case_, 0);
      udha_case_set_closure_requested_at (case_, NULL);
    }

  detail = details ("from", 's', from, "to", 's', to, "reason_given", 'b', !is_blank (reason), NULL);
  return save_case (self, case_, audit_action, g_steal_pointer (&detail), reason_text, error);
}

/* The status a referral had before it reached @status, from its history;
 * NULL if unknown. */
static char *
referral_status_before (UdhaSession *self,
                        gint64       referral_id,
                        const char  *status)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;
  char *before = NULL;

  json_builder_begin_array (builder);
  if (!udha_store_add_referral_json_transitions (self->store, referral_id, builder, NULL))
    return NULL;
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return NULL;

  /* The helper may add one array (of transitions) or the transitions
   * themselves. */
  array = json_node_get_array (root);
  if (json_array_get_length (array) == 1 && JSON_NODE_HOLDS_ARRAY (json_array_get_element (array, 0)))
    array = json_array_get_array_element (array, 0);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *obj;
      const char *to;
      const char *from;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      obj = json_node_get_object (node);
      to = json_object_get_string_member_with_default (obj, "to_status",
                                                       json_object_get_string_member_with_default (obj, "to", NULL));
      from = json_object_get_string_member_with_default (obj, "from_status",
                                                         json_object_get_string_member_with_default (obj, "from", NULL));
      if (g_strcmp0 (to, status) == 0)
        {
          g_free (before);
          before = g_strdup (from);
        }
    }

  return before;
}

/* GObject */

static void
udha_session_dispose (GObject *object)
{
  UdhaSession *self = (UdhaSession *)object;

  g_clear_object (&self->user);
  g_clear_object (&self->store);
  g_clear_object (&self->vault);

  G_OBJECT_CLASS (udha_session_parent_class)->dispose (object);
}

static void
udha_session_class_init (UdhaSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = udha_session_dispose;
}

static void
udha_session_init (UdhaSession *self)
{
}

/* Public API: opening and closing */

/**
 * udha_session_new:
 * @vault: an unlocked #UdhaVault
 * @store: the #UdhaStore over @vault
 * @error: return location for a #GError
 *
 * Signs the vault user in: loads their users row (%UDHA_SESSION_ERROR_NO_USER
 * if there is none, %UDHA_SESSION_ERROR_DISABLED if it is disabled) and
 * audits "vault.unlock". In a vault without any users row (just created by
 * `udha-cli init`), the vault user becomes its first administrator.
 *
 * The session is created even when the vault was unlocked with a one-time
 * passphrase, but then refuses everything with
 * %UDHA_SESSION_ERROR_MUST_CHANGE_PASSPHRASE until it is changed.
 *
 * Returns: (transfer full): a new #UdhaSession, or %NULL
 */
UdhaSession *
udha_session_new (UdhaVault  *vault,
                  UdhaStore  *store,
                  GError    **error)
{
  g_autoptr(UdhaSession) self = NULL;
  g_autoptr(UdhaUser) user = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *user_name;
  gboolean ok;

  g_return_val_if_fail (UDHA_IS_VAULT (vault), NULL);
  g_return_val_if_fail (UDHA_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  user_name = udha_vault_get_user_name (vault);
  if (udha_vault_is_locked (vault) || user_name == NULL)
    {
      g_set_error_literal (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_CLOSED,
                           _("The vault is locked. Unlock it again."));
      return NULL;
    }

  self = g_object_new (UDHA_TYPE_SESSION, NULL);
  self->vault = g_object_ref (vault);
  self->store = g_object_ref (store);

  user = udha_store_get_user_by_name (store, user_name, &local_error);
  if (user == NULL && local_error != NULL && !is_not_found (local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (user == NULL)
    {
      g_autoptr(GPtrArray) users = udha_store_list_users (store, 0, error);
      g_autofree char *now = now_utc ();

      if (users == NULL)
        return NULL;
      if (users->len > 0)
        {
          g_set_error_literal (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_NO_USER,
                               _("You have a key to this vault but no user account in it. Ask an administrator to add you."));
          return NULL;
        }

      /* The first unlock of a new vault: its creator is its administrator. */
      user = udha_user_new ();
      udha_user_set_user_name (user, user_name);
      udha_user_set_role (user, UDHA_ROLE_ADMIN);
      udha_user_set_created_at (user, now);
      self->user = g_object_ref (user);
      self->role = UDHA_ROLE_KIND_ADMIN;

      if (!begin_write (self, error))
        return NULL;
      ok = udha_store_create_user (store, user, error) &&
           audit (self, "user.create", "user", udha_user_get_id (user), 0,
                  details ("role", 's', UDHA_ROLE_ADMIN, "first", 'b', TRUE, NULL), error);
      if (!finish_write (self, ok, error))
        return NULL;
    }
  else
    self->user = g_object_ref (user);

  if (udha_user_get_disabled (self->user))
    {
      g_set_error_literal (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_DISABLED,
                           _("Your user account is disabled. Ask an administrator."));
      return NULL;
    }

  if (!udha_role_from_code (udha_user_get_role (self->user), &self->role))
    {
      g_set_error_literal (error, UDHA_SESSION_ERROR, UDHA_SESSION_ERROR_NO_USER,
                           _("Your user account has no valid role. Ask an administrator."));
      return NULL;
    }

  {
    g_autofree char *detail = details ("role", 's', udha_role_to_code (self->role),
                                       "must_change_passphrase", 'b',
                                       udha_vault_get_must_change_passphrase (vault), NULL);

    if (!begin_write (self, error))
      return NULL;
    ok = audit (self, "vault.unlock", NULL, 0, 0, g_steal_pointer (&detail), error);
    if (!finish_write (self, ok, error))
      return NULL;
  }

  return g_steal_pointer (&self);
}

/**
 * udha_session_close:
 * @self: a #UdhaSession
 * @error: return location for a #GError
 *
 * Audits "vault.lock" and anchors the audit chain's head in the key file.
 * The session refuses everything afterwards. Lock the vault after this.
 *
 * Returns: %TRUE on success
 */
gboolean
udha_session_close (UdhaSession  *self,
                    GError      **error)
{
  gboolean ok;

  g_return_val_if_fail (UDHA_IS_SESSION (self), FALSE);

  if (self->closed)
    return TRUE;
  self->closed = TRUE;

  if (udha_vault_is_locked (self->vault))
    return TRUE;

  if (!begin_write (self, error))
    return FALSE;
  ok = audit (self, "vault.lock", NULL, 0, 0, NULL, error);
  if (!finish_write (self, ok, error))
    return FALSE;

  return udha_store_audit_anchor (self->store, error);
}

gboolean
udha_session_is_closed (UdhaSession *self)
{
  g_return_val_if_fail (UDHA_IS_SESSION (self), TRUE);

  return self->closed;
}

/**
 * udha_session_get_store:
 * @self: a #UdhaSession
 *
 * The session's store, for the lazy list models of the session layer
 * (udha-case-list-model.c), which apply the session's scope themselves.
 *
 * Returns: (transfer none): the store
 */
UdhaStore *
udha_session_get_store (UdhaSession *self)
{
  g_return_val_if_fail (UDHA_IS_SESSION (self), NULL);

  return self->store;
}

UdhaUser *
udha_session_get_user (UdhaSession *self)
{
  g_return_val_if_fail (UDHA_IS_SESSION (self), NULL);

  return self->user;
}

gint64
udha_session_get_user_id (UdhaSession *self)
{
  g_return_val_if_fail (UDHA_IS_SESSION (self), 0);

  return udha_user_get_id (self->user);
}

const char *
udha_session_get_user_name (UdhaSession *self)
{
  g_return_val_if_fail (UDHA_IS_SESSION (self), NULL);

  return udha_user_get_user_name (self->user);
}

UdhaRole
udha_session_get_role (UdhaSession *self)
{
  g_return_val_if_fail (UDHA_IS_SESSION (self), UDHA_ROLE_KIND_CASEWORKER);

  return self->role;
}

gint64
udha_session_get_office_id (UdhaSession *self)
{
  g_return_val_if_fail (UDHA_IS_SESSION (self), 0);

  return udha_user_get_office_id (self->user);
}

/**
 * udha_session_can:
 * @self: a #UdhaSession
 * @action: an action
 * @case_id: the case, for case actions; 0 otherwise
 *
 * For the GUI, to hide what the role cannot do. The wrappers check again.
 *
 * Returns: %TRUE if the session may do @action
 */
gboolean
udha_session_can (UdhaSession *self,
                  UdhaAction   action,
                  gint64       case_id)
{
  g_autoptr(UdhaCase) case_ = NULL;

  g_return_val_if_fail (UDHA_IS_SESSION (self), FALSE);

  if (!ensure_ready (self, NULL))
    return FALSE;
  if (case_id == 0)
    return check_action (self, action, NULL);

  case_ = udha_store_get_case (self->store, case_id, NULL);
  return case_ != NULL && check_case (self, action, case_, NULL);
}

/**
 * udha_session_today:
 * @self: a #UdhaSession
 *
 * Returns: (transfer full): today's local date, ISO 8601
 */
char *
udha_session_today (UdhaSession *self)
{
  return today_plus (0);
}

/* Public API: offices, users, organisations */

UdhaOffice *
udha_session_add_office (UdhaSession  *self,
                         const char   *code,
                         const char   *name,
                         GError      **error)
{
  g_autoptr(UdhaOffice) office = NULL;
  g_autofree char *now = now_utc ();
  gsize len = code != NULL ? strlen (code) : 0;
  gboolean ok;

  g_return_val_if_fail (UDHA_IS_SESSION (self), NULL);

  if (!ensure_ready (self, error) || !check_action (self, UDHA_ACTION_MANAGE_OFFICES, error))
    return NULL;

  if (len < 2 || len > 8)
    goto bad_code;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isupper (code[i]))
      goto bad_code;
  if (!require_text (name, _("Office name"), error))
    return NULL;

  office = udha_office_new ();
  udha_office_set_code (office, code);
  udha_office_set_name (office, name);
  udha_office_set_created_at (office, now);

  if (!begin_write (self, error))
    return NULL;
  ok = udha_store_create_office (self->store, office, error) &&
       audit (self, "office.create", "office", udha_office_get_id (office), 0,
              details ("code", 's', code, NULL), error);
  if (!finish_write (self, ok, error))
    return NULL;
  return g_steal_pointer (&office);

bad_code:
  g_set_error_literal (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID,
                       _("Office code: use 2 to 8 capital letters, e.g. TIR."));
  return NULL;
}

GPtrArray *
udha_session_list_offices (UdhaSession  *self,
                           GError      **error)
{
  g_return_val_if_fail (UDHA_IS_SESSION (self), NULL);

  if (!ensure_ready (self, error))
    return NULL;
  return udha_store_list_offices (self->store, error);
}

UdhaOffice *
udha_session_find_office (UdhaSession  *self,
                          const char   *code,
                          GError      **error)
{
  g_autoptr(UdhaOffice) office = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (UDHA_IS_SESSION (self), NULL);

  if (!ensure_ready (self, error))
    return NULL;
  office = udha_store_get_office_by_code (self->store, code, &local_error);
  if (office == NULL)
    {
      if (local_error == NULL || is_not_found (local_error))
        not_found (error, _("Office: there is no office with this code."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return g_steal_pointer (&office);
}

/**
 * udha_session_add_user:
 * @self: a #UdhaSession of an administrator
 * @current_secret: the administrator's passphrase, to open a key slot
 * @user_name: the new user's vault user name
 * @one_time_passphrase: their one-time passphrase, to be changed at first unlock
 * @role: a role code
 * @office_id: their office (required for caseworkers and supervisors)
 * @display_name: (nullable): the name shown in the application
 * @error: return location for a #GError
 *
 * Adds a key slot with a one-time passphrase and the users row. Audited
 * "user.create".
 *
 * Returns: (transfer full): the new user, or %NULL
 */
UdhaUser *
udha_session_add_user (UdhaSession  *self,
                       const char   *current_secret,
                       const char   *user_name,
                       const char   *one_time_passphrase,
                       const char   *role,
                       gint64        office_id,
                       const char   *display_name,
                       GError      **error)
{
  g_autoptr(UdhaUser) user = NULL;
  g_autoptr(UdhaUser) existing = NULL;
  g_autoptr(UdhaOffice) office = NULL;
  g_autofree char *now = now_utc ();
  UdhaRole role_kind;
  gboolean ok;

  g_return_val_if_fail (UDHA_IS_SESSION (self), NULL);

  if (!ensure_ready (self, error) || !check_action (self, UDHA_ACTION_MANAGE_USERS, error))
    return NULL;

  if (!udha_vault_check_user_name (user_name, error))
    return NULL;
  if (!udha_role_from_code (role, &role_kind))
    {
      g_set_error_literal (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID,
                           _("Role: unknown role. Use caseworker, supervisor or admin."));
      return NULL;
    }
  if (office_id != 0)
    {
      office = udha_store_get_office (self->store, office_id, NULL);
      if (office == NULL)
        {
          not_found (error, _("Office: there is no office with this code."));
          return NULL;
        }
    }
  else if (role_kind != UDHA_ROLE_KIND_ADMIN)
    {
      g_set_error_literal (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID,
                           _("Office: required for caseworkers and supervisors."));
      return NULL;
    }
  existing = udha_store_get_user_by_name (self->store, user_name, NULL);
  if (existing != NULL)
    {
      g_set_error_literal (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID,
                           _("User name: a user with this name already exists."));
      return NULL;
    }
  if (!udha_vault_check_passphrase (one_time_passphrase, error))
    return NULL;

  /* The key slot first: it cannot be part of the SQL transaction, but it
   * can be removed again if the users row fails. */
  if (!udha_vault_add_user (self->vault, current_secret, user_name, one_time_passphrase, TRUE, error))
    return NULL;

  user = udha_user_new ();
  udha_user_set_user_name (user, user_name);
  udha_user_set_display_name (user, display_name);
  udha_user_set_role (user, role);
  udha_user_set_office_id (user, office_id);
  udha_user_set_created_at (user, now);

  if (!begin_write (self, error))
    ok = FALSE;
  else
    {
      ok = udha_store_create_user (self->store, user, error) &&
           audit (self, "user.create", "user", udha_user_get_id (user), 0,
                  details ("role", 's', role, "office_id", 'i', office_id, NULL), error);
      ok = finish_write (self, ok, error);
    }
  if (!ok)
    {
      udha_vault_remove_user (self->vault, user_name, NULL);
      return NULL;
    }

  return g_steal_pointer (&user);
}

GPtrArray *
udha_session_list_users (UdhaSession  *self,
                         GError      **error)
{
  g_return_val_if_fail (UDHA_IS_SESSION (self), NULL);

  if (!ensure_ready (self, error) || !check_action (self, UDHA_ACTION_MANAGE_USERS, error))
    return NULL;
  return udha_store_list_users (self->store, 0, error);
}

/**
 * udha_session_list_colleagues:
 * @self: a #UdhaSession
 * @error: return location for a #GError
 *
 * The users of one's own office (every user, for an administrator): the
 * colleagues a case file names and a supervisor assigns to. Read-only and
 * not audited; managing users stays with udha_session_list_users() and the
 * administrator.
 *
 * Returns: (transfer full) (element-type UdhaUser): the users, or %NULL
 */
GPtrArray *
udha_session_list_colleagues (UdhaSession  *self,
                              GError      **error)
{
  g_return_val_if_fail (UDHA_IS_SESSION (self), NULL);

  if (!ensure_ready (self, error))
    return NULL;
  if (self->role == UDHA_ROLE_KIND_ADMIN)
    return udha_store_list_users (self->store, 0, error);
  return udha_store_list_users (self->store, udha_user_get_office_id (self->user), error);
}

/**
 * udha_session_disable_user:
 * @self: a #UdhaSession of an administrator
 * @user_name: the user
 * @error: return location for a #GError
 *
 * Disables the users row and removes the user's key slot, so that they can
 * no longer unlock the vault. Audited "user.disable".
 *
 * Returns: %TRUE on success
 */
gboolean
udha_session_disable_user (UdhaSession  *self,
                           const char   *user_name,
                           GError      **error)
{
  g_autoptr(UdhaUser) user = NULL;
  gboolean ok;

  g_return_val_if_fail (UDHA_IS_SESSION (self), FALSE);

  if (!ensure_ready (self, error) || !check_action (self, UDHA_ACTION_MANAGE_USERS, error))
    return FALSE;
  user = find_active_user (self, user_name, error);
  if (user == NULL)
    return FALSE;
  if (udha_user_get_id (user) == udha_user_get_id (self->user))
    {
      g_set_error_literal (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID,
                           _("User: you cannot disable your own account."));
      return FALSE;
    }
  if (udha_user_get_disabled (user))
    return TRUE;

  udha_user_set_disabled (user, TRUE);
  if (!begin_write (self, error))
    return FALSE;
  ok = udha_store_update_user (self->store, user, NULL, error) &&
       audit (self, "user.disable", "user", udha_user_get_id (user), 0, NULL, error);
  if (!finish_write (self, ok, error))
    return FALSE;

  /* Without a key slot the user cannot even unlock the vault. */
  {
    g_autoptr(GError) slot_error = NULL;

    if (!udha_vault_remove_user (self->vault, user_name, &slot_error))
      g_debug ("The key slot of a disabled user was not removed: %s", slot_error->message);
  }

  return TRUE;
}

gboolean
udha_session_set_user_role (UdhaSession  *self,
                            const char   *user_name,
                            const char   *role,
                            GError      **error)
{
  g_autoptr(UdhaUser) user = NULL;
  g_autofree char *from = NULL;
  UdhaRole role_kind;
  gboolean ok;

  g_return_val_if_fail (UDHA_IS_SESSION (self), FALSE);

  if (!ensure_ready (self, error) || !check_action (self, UDHA_ACTION_MANAGE_USERS, error))
    return FALSE;
  if (!udha_role_from_code (role, &role_kind))
    {
      g_set_error_literal (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID,
                           _("Role: unknown role. Use caseworker, supervisor or admin."));
      return FALSE;
    }
  user = find_active_user (self, user_name, error);
  if (user == NULL)
    return FALSE;
  if (role_kind != UDHA_ROLE_KIND_ADMIN && udha_user_get_office_id (user) == 0)
    {
      g_set_error_literal (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID,
                           _("Office: required for caseworkers and supervisors."));
      return FALSE;
    }
  if (udha_user_get_id (user) == udha_user_get_id (self->user) && role_kind != UDHA_ROLE_KIND_ADMIN)
    {
      g_set_error_literal (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID,
                           _("Role: you cannot take the administrator role from yourself."));
      return FALSE;
    }

  from = g_strdup (udha_user_get_role (user));
  udha_user_set_role (user, role);
  if (!begin_write (self, error))
    return FALSE;
  ok = udha_store_update_user (self->store, user, NULL, error) &&
       audit (self, "user.set_role", "user", udha_user_get_id (user), 0,
              details ("from", 's', from, "to", 's', role, NULL), error);
  return finish_write (self, ok, error);
}

UdhaOrganisation *
udha_session_add_organisation (UdhaSession       *self,
                               UdhaOrganisation  *org,
                               GError           **error)
{
  const char * const *services;
  g_autofree char *now = now_utc ();
  gboolean ok;

  g_return_val_if_fail (UDHA_IS_SESSION (self), NULL);
  g_return_val_if_fail (UDHA_IS_ORGANISATION (org), NULL);

  if (!ensure_ready (self, error) || !check_action (self, UDHA_ACTION_MANAGE_ORGS, error))
    return NULL;
  if (!require_text (udha_organisation_get_name (org), _("Organisation name"), error))
    return NULL;
  if (udha_organisation_get_org_type (org) != NULL &&
      !udha_lookup_check (UDHA_LOOKUP_ORGANISATION_TYPE, udha_organisation_get_org_type (org),
                          _("Organisation type"), error))
    return NULL;
  if (udha_organisation_get_qark (org) != NULL &&
      !udha_lookup_check (UDHA_LOOKUP_QARK, udha_organisation_get_qark (org), _("Qark"), error))
    return NULL;
  services = udha_organisation_get_services (org);
  for (guint i = 0; services != NULL && services[i] != NULL; i++)
    if (!udha_lookup_check (UDHA_LOOKUP_SERVICE, services[i], _("Service"), error))
      return NULL;
  if (udha_organisation_get_created_at (org) == NULL)
    udha_organisation_set_created_at (org, now);

  if (!begin_write (self, error))
    return NULL;
  ok = udha_store_create_organisation (self->store, org, error) &&
       audit (self, "organisation.create", "organisation", udha_organisation_get_id (org), 0, NULL, error);
  if (!finish_write (self, ok, error))
    return NULL;
  return g_object_ref (org);
}

GPtrArray *
udha_session_list_organisations (UdhaSession  *self,
                                 GError      **error)
{
  g_return_val_if_fail (UDHA_IS_SESSION (self), NULL);

  if (!ensure_ready (self, error))
    return NULL;
  return udha_store_list_organisations (self->store, error);
}

/**
 * udha_session_find_organisation:
 * @self: a #UdhaSession
 * @ref: an organisation id, or its exact name
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the organisation, or %NULL
 */
UdhaOrganisation *
udha_session_find_organisation (UdhaSession  *self,
                                const char   *ref,
                                GError      **error)
{
  g_autoptr(GPtrArray) orgs = NULL;
  gint64 id = 0;

  g_return_val_if_fail (UDHA_IS_SESSION (self), NULL);

  if (!ensure_ready (self, error))
    return NULL;
  orgs = udha_store_list_organisations (self->store, error);
  if (orgs == NULL)
    return NULL;
  if (ref != NULL && g_ascii_string_to_signed (ref, 10, 1, G_MAXINT64, &id, NULL))
    {
      for (guint i = 0; i < orgs->len; i++)
        if (udha_organisation_get_id (g_ptr_array_index (orgs, i)) == id)
          return g_object_ref (g_ptr_array_index (orgs, i));
    }
  for (guint i = 0; i < orgs->len; i++)
    if (g_strcmp0 (udha_organisation_get_name (g_ptr_array_index (orgs, i)), ref) == 0)
      return g_object_ref (g_ptr_array_index (orgs, i));

  not_found (error, _("Organisation: there is no partner organisation with this name or number."));
  return NULL;
}

/* Public API: persons */

/**
 * udha_session_register_person:
 * @self: a #UdhaSession
 * @person: a new person
 * @force: register even if there are duplicate candidates
 * @candidates_out: (out) (optional) (transfer full) (element-type UdhaDuplicateCandidate):
 *   the duplicate candidates found, ranked
 * @error: return location for a #GError
 *
 * Validates @person and looks for duplicates. If there are candidates and
 * not @force, nothing is saved: returns %TRUE with @person's id still 0 and
 * the candidates in @candidates_out. Otherwise registers @person in the
 * session's office, audited "person.create" (with the candidates' ids when
 * forced).
 *
 * Returns: %FALSE on error
 */
static gboolean
register_person (UdhaSession  *self,
                 UdhaPerson   *person,
                 gboolean      force,
                 const char   *reason,
                 GPtrArray   **candidates_out,
                 GError      **error);

gboolean
udha_session_register_person (UdhaSession  *self,
                              UdhaPerson   *person,
                              gboolean      force,
                              GPtrArray   **candidates_out,
                              GError      **error)
{
  return register_person (self, person, force, NULL, candidates_out, error);
}

/**
 * udha_session_register_person_forced:
 * @self: a #UdhaSession
 * @person: the person to register
 * @reason: why this is a new person despite the possible duplicates; required
 * @candidates_out: (out) (optional) (transfer full) (element-type UdhaDuplicateCandidate):
 *   the candidates that were set aside
 * @error: return location for a #GError
 *
 * "Register as a new person": like udha_session_register_person() with
 * force, for the duplicate check's last step. The reason is required
 * (%UDHA_MODEL_ERROR_REASON_REQUIRED) and kept with the audit entry
 * ("person.create_forced" when there were candidates, "person.create"
 * otherwise), where the person's history shows it.
 *
 * Returns: %TRUE if the person was registered
 */
gboolean
udha_session_register_person_forced (UdhaSession  *self,
                                     UdhaPerson   *person,
                                     const char   *reason,
                                     GPtrArray   **candidates_out,
                                     GError      **error)
{
  g_return_val_if_fail (UDHA_IS_SESSION (self), FALSE);
  g_return_val_if_fail (UDHA_IS_PERSON (person), FALSE);

  if (candidates_out != NULL)
    *candidates_out = NULL;
  if (!require_reason (reason, error))
    return FALSE;
  return register_person (self, person, TRUE, reason, candidates_out, error);
}

static gboolean
register_person (UdhaSession  *self,
                 UdhaPerson   *person,
                 gboolean      force,
                 const char   *reason,
                 GPtrArray   **candidates_out,
                 GError      **error)
{
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *detail = NULL;
  UdhaScopeFacts facts;
  gboolean ok;

  g_return_val_if_fail (UDHA_IS_SESSION (self), FALSE);
  g_return_val_if_fail (UDHA_IS_PERSON (person), FALSE);

  if (candidates_out != NULL)
    *candidates_out = NULL;

  if (!ensure_ready (self, error))
    return FALSE;
  actor_facts (self, &facts);
  if (!check (self, UDHA_ACTION_REGISTER, &facts, error))
    return FALSE;
  if (!check_person_fields (person, error))
    return FALSE;

  candidates = udha_store_find_duplicates (self->store, person, error);
  if (candidates == NULL)
    return FALSE;

  if (candidates->len > 0 && !force)
    {
      if (candidates_out != NULL)
        *candidates_out = g_steal_pointer (&candidates);
      return TRUE;
    }

  udha_person_set_office_id (person, udha_user_get_office_id (self->user));
  udha_person_set_registered_by (person, udha_user_get_id (self->user));

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "forced");
  json_builder_add_boolean_value (builder, candidates->len > 0);
  json_builder_set_member_name (builder, "candidates");
  json_builder_begin_array (builder);
  for (guint i = 0; i < candidates->len; i++)
    {
      UdhaDuplicateCandidate *c = g_ptr_array_index (candidates, i);

      json_builder_add_int_value (builder, c->person_id);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  generator = json_generator_new ();
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  detail = json_generator_to_data (generator, NULL);

  if (!begin_write (self, error))
    return FALSE;
  ok = udha_store_create_person (self->store, person, error) &&
       audit_reason (self, candidates->len > 0 ? "person.create_forced" : "person.create", "person",
                     udha_person_get_id (person), udha_person_get_office_id (person),
                     g_steal_pointer (&detail), reason, error);
  if (!finish_write (self, ok, error))
    return FALSE;

  if (candidates_out != NULL)
    *candidates_out = g_steal_pointer (&candidates);
  return TRUE;
}

UdhaPerson *
udha_session_get_person (UdhaSession  *self,
                         gint64        person_id,
                         GError      **error)
{
  g_return_val_if_fail (UDHA_IS_SESSION (self), NULL);

  if (!ensure_ready (self, error))
    return NULL;
  return load_person (self, person_id, UDHA_ACTION_VIEW_CASE, error);
}

/**
 * udha_session_update_person:
 * @self: a #UdhaSession
 * @person: the person as edited, loaded earlier (its row version is checked)
 * @current_out: (out) (optional) (nullable): on a conflict, the stored version
 * @error: return location for a #GError
 *
 * Saves the edited registration data of a person the session may edit: one
 * of their cases is the caller's to edit (or, without a case, they were
 * registered in the caller's office). The fields are validated as at
 * registration; the office and who registered them cannot change. If
 * someone saved the person since @person was loaded, nothing is written and
 * the error is %UDHA_STORE_ERROR_CONFLICT, with the stored version in
 * @current_out so the caller can show both. Audited as "person.update".
 *
 * Returns: %TRUE on success
 */
gboolean
udha_session_update_person (UdhaSession  *self,
                            UdhaPerson   *person,
                            UdhaPerson  **current_out,
                            GError      **error)
{
  g_autoptr(UdhaPerson) stored = NULL;
  gboolean ok;

  g_return_val_if_fail (UDHA_IS_SESSION (self), FALSE);
  g_return_val_if_fail (UDHA_IS_PERSON (person), FALSE);

  if (current_out != NULL)
    *current_out = NULL;
  if (!ensure_ready (self, error))
    return FALSE;

  stored = load_person (self, udha_person_get_id (person), UDHA_ACTION_EDIT_CASE, error);
  if (stored == NULL)
    return FALSE;
  if (!check_person_fields (person, error))
    return FALSE;

  /* Where and by whom a person was registered is history, not data. */
  udha_person_set_office_id (person, udha_person_get_office_id (stored));
  udha_person_set_registered_by (person, udha_person_get_registered_by (stored));
  udha_person_set_registered_at (person, udha_person_get_registered_at (stored));
  udha_person_set_registration_number (person, udha_person_get_registration_number (stored));

  if (!begin_write (self, error))
    return FALSE;
  ok = udha_store_update_person (self->store, person, current_out, error) &&
       audit (self, "person.update", "person", udha_person_get_id (person),
              udha_person_get_office_id (stored), NULL, error);
  return finish_write (self, ok, error);
}

/**
 * udha_session_find_person:
 * @self: a #UdhaSession
 * @ref: a registration number ("P-2026-000001") or a person id
 * @error: return location for a #GError
 *
 * Like udha_session_get_person(), by number or id.
 *
 * Returns: (transfer full): the person, or %NULL
 */
UdhaPerson *
udha_session_find_person (UdhaSession  *self,
                          const char   *ref,
                          GError      **error)
{
  g_autoptr(UdhaPerson) person = NULL;
  gint64 id = 0;

  g_return_val_if_fail (UDHA_IS_SESSION (self), NULL);

  if (!ensure_ready (self, error))
    return NULL;
  if (ref != NULL && g_ascii_string_to_signed (ref, 10, 1, G_MAXINT64, &id, NULL))
    return load_person (self, id, UDHA_ACTION_VIEW_CASE, error);

  person = udha_store_get_person_by_number (self->store, ref, NULL);
  if (person == NULL)
    {
      not_found (error, _("There is no person with this registration number."));
      return NULL;
    }
  return load_person (self, udha_person_get_id (person), UDHA_ACTION_VIEW_CASE, error);
}

/**
 * udha_session_search:
 * @self: a #UdhaSession
 * @query: what the user typed
 * @limit: at most this many hits
 * @error: return location for a #GError
 *
 * Full-text search over the persons and cases in the session's scope.
 * Audited "person.search" with the number of hits (never the query).
 *
 * Returns: (transfer full) (element-type UdhaSearchHit): the hits, best first
 */
GArray *
udha_session_search (UdhaSession  *self,
                     const char   *query,
                     guint         limit,
                     GError      **error)
{
  g_autoptr(GArray) hits = NULL;
  UdhaStoreScope scope = { 0, };
  UdhaScopeFacts facts;
  gboolean ok;

  g_return_val_if_fail (UDHA_IS_SESSION (self), NULL);

  if (!ensure_ready (self, error))
    return NULL;

  /* Searching is seeing case content: an intake case of the own office is
   * the smallest scope every staff role has. */
  actor_facts (self, &facts);
  facts.case_office_id = facts.actor_office_id;
  if (!check (self, UDHA_ACTION_VIEW_CASE, &facts, error))
    return NULL;
  if (!require_text (query, _("Search"), error))
    return NULL;

  scope.office_id = udha_user_get_office_id (self->user);
  scope.user_id = self->role == UDHA_ROLE_KIND_CASEWORKER ? udha_user_get_id (self->user) : 0;

  hits = udha_store_search (self->store, query, &scope, limit, error);
  if (hits == NULL)
    return NULL;

  if (!begin_write (self, error))
    return NULL;
  ok = audit (self, "person.search", NULL, 0, scope.office_id,
              details ("hits", 'i', (gint64) hits->len, NULL), error);
  if (!finish_write (self, ok, error))
    return NULL;

  return g_steal_pointer (&hits);
}

/**
 * udha_session_export_person:
 * @self: a #UdhaSession
 * @person_id: the person
 * @builder: a #JsonBuilder, at a value position
 * @error: return location for a #GError
 *
 * Everything held about one person (right of access, Law 124/2024).
 * Supervisors of the person's office only. Audited "person.export".
 *
 * Returns: %TRUE on success
 */
gboolean
udha_session_export_person (UdhaSession  *self,
                            gint64        person_id,
                            JsonBuilder  *builder,
                            GError      **error)
{
  g_autoptr(UdhaPerson) person = NULL;
  gboolean ok;

  g_return_val_if_fail (UDHA_IS_SESSION (self), FALSE);
  g_return_val_if_fail (JSON_IS_BUILDER (builder), FALSE);

  if (!ensure_ready (self, error))
    return FALSE;
  person = load_person (self, person_id, UDHA_ACTION_EXPORT_PERSON, error);
  if (person == NULL)
    return FALSE;

  if (!begin_write (self, error))
    return FALSE;
  ok = udha_store_export_person_json (self->store, person_id, builder, error) &&
       audit (self, "person.export", "person", person_id, udha_person_get_office_id (person),
              details ("format", 's', "json", NULL), error);
  return finish_write (self, ok, error);
}

/* Public API: consents */

UdhaConsent *
udha_session_add_consent (UdhaSession  *self,
                          gint64        person_id,
                          const char   *purpose,
                          const char   *given_by,
                          const char   *given_on,
                          const char   *expires_on,
                          GError      **error)
{
  g_autoptr(UdhaPerson) person = NULL;
  g_autoptr(UdhaConsent) consent = NULL;
  g_autofree char *today = udha_session_today (self);
  g_autofree char *now = now_utc ();
  gboolean ok;

  g_return_val_if_fail (UDHA_IS_SESSION (self), NULL);

  if (!ensure_ready (self, error))
    return NULL;
  person = load_person (self, person_id, UDHA_ACTION_EDIT_CASE, error);
  if (person == NULL)
    return NULL;

  if (given_by == NULL)
    given_by = "person";
  if (given_on == NULL)
    given_on = today;
  if (!udha_lookup_check (UDHA_LOOKUP_CONSENT_PURPOSE, purpose, _("Purpose"), error) ||
      !udha_lookup_check (UDHA_LOOKUP_CONSENT_GIVEN_BY, given_by, _("Given by"), error) ||
      !check_date (given_on, _("Date given"), FALSE, error))
    return NULL;
  if (expires_on != NULL)
    {
      if (!check_date (expires_on, _("Expiry date"), TRUE, error))
        return NULL;
      if (strcmp (expires_on, given_on) < 0)
        {
          g_set_error_literal (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_DATE,
                               _("Expiry date: must be on or after the date the consent was given."));
          return NULL;
        }
    }

  consent = udha_consent_new ();
  udha_consent_set_person_id (consent, person_id);
  udha_consent_set_purpose (consent, purpose);
  udha_consent_set_legal_basis (consent, "consent");
  udha_consent_set_given_by (consent, given_by);
  udha_consent_set_given_on (consent, given_on);
  udha_consent_set_expires_on (consent, expires_on);
  udha_consent_set_created_by (consent, udha_user_get_id (self->user));
  udha_consent_set_created_at (consent, now);

  if (!begin_write (self, error))
    return NULL;
  ok = udha_store_create_consent (self->store, consent, error) &&
       audit (self, "consent.create", "consent", udha_consent_get_id (consent),
              udha_person_get_office_id (person),
              details ("person_id", 'i', person_id, "purpose", 's', purpose,
                       "expires", 'b', expires_on != NULL, NULL), error);
  if (!finish_write (self, ok, error))
    return NULL;
  return g_steal_pointer (&consent);
}

gboolean
udha_session_withdraw_consent (UdhaSession  *self,
                               gint64        consent_id,
                               GError      **error)
{
  g_autoptr(UdhaConsent) consent = NULL;
  g_autoptr(UdhaPerson) person = NULL;
  g_autofree char *today = udha_session_today (self);
  gboolean ok;

  g_return_val_if_fail (UDHA_IS_SESSION (self), FALSE);

  if (!ensure_ready (self, error))
    return FALSE;
  consent = udha_store_get_consent (self->store, consent_id, NULL);
  if (consent == NULL)
    {
      not_found (error, _("Consent: there is no consent with this number."));
      return FALSE;
    }
  person = load_person (self, udha_consent_get_person_id (consent), UDHA_ACTION_EDIT_CASE, error);
  if (person == NULL)
    return FALSE;
  if (udha_consent_get_withdrawn_on (consent) != NULL)
    {
      g_set_error_literal (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID,
                           _("Consent: it was already withdrawn."));
      return FALSE;
    }

  udha_consent_set_withdrawn_on (consent, today);
  if (!begin_write (self, error))
    return FALSE;
  ok = udha_store_update_consent (self->store, consent, NULL, error) &&
       audit (self, "consent.withdraw", "consent", consent_id, udha_person_get_office_id (person),
              details ("person_id", 'i', udha_consent_get_person_id (consent),
                       "purpose", 's', udha_consent_get_purpose (consent), NULL), error);
  return finish_write (self, ok, error);
}

GPtrArray *
udha_session_list_consents (UdhaSession  *self,
                            gint64        person_id,
                            GError      **error)
{
  g_autoptr(UdhaPerson) person = NULL;

  g_return_val_if_fail (UDHA_IS_SESSION (self), NULL);

  if (!ensure_ready (self, error))
    return NULL;
  person = load_person (self, person_id, UDHA_ACTION_VIEW_CASE, error);
  if (person == NULL)
    return NULL;
  return udha_store_list_consents (self->store, person_id, error);
}

/* Public API: cases */

/**
 * udha_session_open_case:
 * @self: a #UdhaSession
 * @person_id: the person
 * @case_type: a case type code
 * @assign_to: (nullable): a user name; %NULL assigns a caseworker's case to
 *   themselves and puts a supervisor's case in the intake queue
 * @error: return location for a #GError
 *
 * Opens a case in the session's office. Assigning to someone else needs the
 * assign permission. Audited "case.create".
 *
 * Returns: (transfer full): the case, or %NULL
 */
static UdhaCase *open_case (UdhaSession  *self,
                            gint64        person_id,
                            const char   *case_type,
                            const char   *risk,
                            const char   *assign_to,
                            GError      **error);

UdhaCase *
udha_session_open_case (UdhaSession  *self,
                        gint64        person_id,
                        const char   *case_type,
                        const char   *assign_to,
                        GError      **error)
{
  return open_case (self, person_id, case_type, NULL, assign_to, error);
}

/**
 * udha_session_open_case_with_risk:
 * @self: a #UdhaSession
 * @person_id: the person
 * @case_type: a case type code
 * @risk: (nullable): a risk level code (`low`, `medium`, `high`), or %NULL
 *   for not yet assessed
 * @assign_to: (nullable): the user name of the assignee
 * @error: return location for a #GError
 *
 * Like udha_session_open_case(), with the risk level assessed at intake.
 *
 * Returns: (transfer full): the case, or %NULL
 */
UdhaCase *
udha_session_open_case_with_risk (UdhaSession  *self,
                                  gint64        person_id,
                                  const char   *case_type,
                                  const char   *risk,
                                  const char   *assign_to,
                                  GError      **error)
{
  return open_case (self, person_id, case_type, risk, assign_to, error);
}

static UdhaCase *
open_case (UdhaSession  *self,
           gint64        person_id,
           const char   *case_type,
           const char   *risk,
           const char   *assign_to,
           GError      **error)
{
  g_autoptr(UdhaPerson) person = NULL;
  g_autoptr(UdhaCase) case_ = NULL;
  g_autoptr(UdhaUser) assignee = NULL;
  g_autofree char *today = udha_session_today (self);
  g_autofree char *now = now_utc ();
  UdhaScopeFacts facts;
  gint64 assigned = 0;
  gboolean ok;

  g_return_val_if_fail (UDHA_IS_SESSION (self), NULL);

  if (!ensure_ready (self, error))
    return NULL;
  actor_facts (self, &facts);
  if (!check (self, UDHA_ACTION_REGISTER, &facts, error))
    return NULL;
  person = load_person (self, person_id, UDHA_ACTION_VIEW_CASE, error);
  if (person == NULL)
    return NULL;
  if (!udha_lookup_check (UDHA_LOOKUP_CASE_TYPE, case_type, _("Case type"), error))
    return NULL;
  if (risk != NULL && !udha_lookup_check (UDHA_LOOKUP_RISK_LEVEL, risk, _("Risk"), error))
    return NULL;

  if (assign_to != NULL)
    {
      assignee = find_active_user (self, assign_to, error);
      if (assignee == NULL)
        return NULL;
      assigned = udha_user_get_id (assignee);
    }
  else if (self->role == UDHA_ROLE_KIND_CASEWORKER)
    assigned = udha_user_get_id (self->user);

  facts.case_office_id = udha_user_get_office_id (self->user);
  facts.case_assigned_user_id = 0;
  if (assigned != 0 && assigned != udha_user_get_id (self->user) &&
      !check (self, UDHA_ACTION_ASSIGN, &facts, error))
    return NULL;
  if (assignee != NULL &&
      (udha_user_get_disabled (assignee) ||
       udha_user_get_office_id (assignee) != udha_user_get_office_id (self->user) ||
       g_strcmp0 (udha_user_get_role (assignee), UDHA_ROLE_ADMIN) == 0))
    {
      g_set_error_literal (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID,
                           _("Assign to: choose an active caseworker or supervisor of this office."));
      return NULL;
    }

  case_ = udha_case_new ();
  udha_case_set_person_id (case_, person_id);
  udha_case_set_office_id (case_, udha_user_get_office_id (self->user));
  udha_case_set_case_type (case_, case_type);
  udha_case_set_risk (case_, risk);
  udha_case_set_status (case_, "open");
  udha_case_set_assigned_user_id (case_, assigned);
  udha_case_set_opened_on (case_, today);
  udha_case_set_created_by (case_, udha_user_get_id (self->user));
  udha_case_set_created_at (case_, now);

  if (!begin_write (self, error))
    return NULL;
  ok = udha_store_create_case (self->store, case_, error) &&
       audit (self, "case.create", "case", udha_case_get_id (case_), udha_case_get_office_id (case_),
              details ("person_id", 'i', person_id, "case_type", 's', case_type, "risk", 's', risk,
                       "assigned_user_id", 'i', assigned, NULL), error);
  if (!finish_write (self, ok, error))
    return NULL;
  return g_steal_pointer (&case_);
}

/**
 * udha_session_get_case:
 * @self: a #UdhaSession
 * @case_id: the case
 * @error: return location for a #GError
 *
 * Loads a case in scope, for lists and headers. Not audited; use
 * udha_session_open_case_file() when the user opens the case.
 *
 * Returns: (transfer full): the case, or %NULL
 */
UdhaCase *
udha_session_get_case (UdhaSession  *self,
                       gint64        case_id,
                       GError      **error)
{
  g_return_val_if_fail (UDHA_IS_SESSION (self), NULL);

  if (!ensure_ready (self, error))
    return NULL;
  return load_case (self, case_id, UDHA_ACTION_VIEW_CASE, error);
}

/**
 * udha_session_find_case:
 * @self: a #UdhaSession
 * @ref: a case number ("TIR-2026-00042") or a case id
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the case, or %NULL
 */
UdhaCase *
udha_session_find_case (UdhaSession  *self,
                        const char   *ref,
                        GError      **error)
{
  g_autoptr(UdhaCase) case_ = NULL;
  gint64 id = 0;

  g_return_val_if_fail (UDHA_IS_SESSION (self), NULL);

  if (!ensure_ready (self, error))
    return NULL;
  if (ref != NULL && g_ascii_string_to_signed (ref, 10, 1, G_MAXINT64, &id, NULL))
    return load_case (self, id, UDHA_ACTION_VIEW_CASE, error);

  case_ = udha_store_get_case_by_number (self->store, ref, NULL);
  if (case_ == NULL)
    {
      not_found (error, _("There is no case with this number."));
      return NULL;
    }
  if (!check_case (self, UDHA_ACTION_VIEW_CASE, case_, error))
    return NULL;
  return g_steal_pointer (&case_);
}

/**
 * udha_session_open_case_file:
 * @self: a #UdhaSession
 * @case_id: the case
 * @error: return location for a #GError
 *
 * Like udha_session_get_case(), for opening the case file: audited
 * "case.open".
 *
 * Returns: (transfer full): the case, or %NULL
 */
UdhaCase *
udha_session_open_case_file (UdhaSession  *self,
                             gint64        case_id,
                             GError      **error)
{
  g_autoptr(UdhaCase) case_ = NULL;
  gboolean ok;

  g_return_val_if_fail (UDHA_IS_SESSION (self), NULL);

  if (!ensure_ready (self, error))
    return NULL;
  case_ = load_case (self, case_id, UDHA_ACTION_VIEW_CASE, error);
  if (case_ == NULL)
    return NULL;

  if (!begin_write (self, error))
    return NULL;
  ok = audit (self, "case.open", "case", case_id, udha_case_get_office_id (case_), NULL, error);
  if (!finish_write (self, ok, error))
    return NULL;
  return g_steal_pointer (&case_);
}

/**
 * udha_session_list_cases:
 * @self: a #UdhaSession
 * @filter: which cases
 * @status: (nullable): only this status code
 * @after_key: 0 for the first page, else the id of the last case of the
 *   previous page
 * @limit: the page size
 * @error: return location for a #GError
 *
 * A page of the caseload in the session's scope, newest first.
 *
 * Returns: (transfer full) (element-type UdhaCase): the cases
 */
GPtrArray *
udha_session_list_cases (UdhaSession         *self,
                         UdhaCaseListFilter   filter,
                         const char          *status,
                         gint64               after_key,
                         guint                limit,
                         GError             **error)
{
  UdhaCaseQuery query = { { 0, }, };
  UdhaScopeFacts facts;

  g_return_val_if_fail (UDHA_IS_SESSION (self), NULL);

  if (!ensure_ready (self, error))
    return NULL;
  actor_facts (self, &facts);
  facts.case_office_id = facts.actor_office_id;
  if (!check (self, UDHA_ACTION_VIEW_CASE, &facts, error))
    return NULL;
  if (status != NULL && !udha_lookup_check (UDHA_LOOKUP_CASE_STATUS, status, _("Status"), error))
    return NULL;

  query.scope.office_id = udha_user_get_office_id (self->user);
  query.scope.user_id = self->role == UDHA_ROLE_KIND_CASEWORKER ? udha_user_get_id (self->user) : 0;
  query.status = status;
  query.mine = filter == UDHA_CASE_LIST_MINE;
  query.intake = filter == UDHA_CASE_LIST_INTAKE;
  query.overdue = filter == UDHA_CASE_LIST_OVERDUE;
  query.assigned_user_id = udha_user_get_id (self->user);

  return udha_store_list_cases (self->store, &query, after_key, limit, error);
}

/**
 * udha_session_assign_case:
 * @self: a #UdhaSession
 * @case_id: the case
 * @user_name: (nullable): the new assignee; %NULL puts the case back in
 *   the intake queue
 * @reason: (nullable): why; required to reassign an assigned case
 * @error: return location for a #GError
 *
 * A supervisor assigns or reassigns; a caseworker may take a case from
 * their office's intake queue (assign it to themselves). Audited
 * "case.assign".
 *
 * Returns: %TRUE on success
 */
gboolean
udha_session_assign_case (UdhaSession  *self,
                          gint64        case_id,
                          const char   *user_name,
                          const char   *reason,
                          GError      **error)
{
  g_autoptr(UdhaCase) case_ = NULL;
  g_autoptr(UdhaUser) assignee = NULL;
  g_autofree char *detail = NULL;
  gint64 from;
  gint64 to = 0;

  g_return_val_if_fail (UDHA_IS_SESSION (self), FALSE);

  if (!ensure_ready (self, error))
    return FALSE;
  case_ = load_case (self, case_id, UDHA_ACTION_VIEW_CASE, error);
  if (case_ == NULL)
    return FALSE;

  if (user_name != NULL)
    {
      assignee = find_active_user (self, user_name, error);
      if (assignee == NULL)
        return FALSE;
      to = udha_user_get_id (assignee);
    }
  from = udha_case_get_assigned_user_id (case_);

  if (to != 0 && to == udha_user_get_id (self->user) && from == 0 &&
      self->role == UDHA_ROLE_KIND_CASEWORKER)
    {
      if (!check_case (self, UDHA_ACTION_TAKE_FROM_INTAKE, case_, error))
        return FALSE;
    }
  else
    {
      if (!check_case (self, UDHA_ACTION_ASSIGN, case_, error))
        return FALSE;
      if (from != 0 && !require_reason (reason, error))
        return FALSE;
    }

  if (assignee != NULL &&
      (udha_user_get_disabled (assignee) ||
       udha_user_get_office_id (assignee) != udha_case_get_office_id (case_) ||
       g_strcmp0 (udha_user_get_role (assignee), UDHA_ROLE_ADMIN) == 0))
    {
      g_set_error_literal (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID,
                           _("Assign to: choose an active caseworker or supervisor of this office."));
      return FALSE;
    }
  if (from == to)
    return TRUE;

  udha_case_set_assigned_user_id (case_, to);
  detail = details ("from", 'i', from, "to", 'i', to, "reason_given", 'b', !is_blank (reason), NULL);
  return save_case (self, case_, "case.assign", g_steal_pointer (&detail), reason, error);
}

/**
 * udha_session_request_closure:
 * @self: a #UdhaSession
 * @case_id: the case
 * @closure_reason: a closure reason code (DOMAIN.md §3.4)
 * @note: (nullable): required for reasons such as "other"
 * @error: return location for a #GError
 *
 * Audited "case.request_closure".
 *
 * Returns: %TRUE on success
 */
gboolean
udha_session_request_closure (UdhaSession  *self,
                              gint64        case_id,
                              const char   *closure_reason,
                              const char   *note,
                              GError      **error)
{
  g_autoptr(UdhaCase) case_ = NULL;
  g_autofree char *now = now_utc ();

  g_return_val_if_fail (UDHA_IS_SESSION (self), FALSE);

  if (!ensure_ready (self, error))
    return FALSE;
  case_ = load_case (self, case_id, UDHA_ACTION_REQUEST_CLOSURE, error);
  if (case_ == NULL)
    return FALSE;
  if (!udha_case_closure_check (closure_reason, note, error))
    return FALSE;

  if (!udha_case_transition_check (udha_case_get_status (case_), "closure_requested",
                                   udha_role_to_code (self->role), closure_reason, error))
    return FALSE;

  udha_case_set_closure_reason (case_, closure_reason);
  udha_case_set_closure_note (case_, note);
  udha_case_set_closure_requested_by (case_, udha_user_get_id (self->user));
  udha_case_set_closure_requested_at (case_, now);
  return change_case_status (self, case_, "closure_requested", closure_reason, note, "case.request_closure", error);
}

gboolean
udha_session_approve_closure (UdhaSession  *self,
                              gint64        case_id,
                              GError      **error)
{
  g_autoptr(UdhaCase) case_ = NULL;

  g_return_val_if_fail (UDHA_IS_SESSION (self), FALSE);

  if (!ensure_ready (self, error))
    return FALSE;
  case_ = load_case (self, case_id, UDHA_ACTION_DECIDE_CLOSURE, error);
  if (case_ == NULL)
    return FALSE;
  return change_case_status (self, case_, "closed", NULL, NULL, "case.approve_closure", error);
}

gboolean
udha_session_reject_closure (UdhaSession  *self,
                             gint64        case_id,
                             const char   *reason,
                             GError      **error)
{
  g_autoptr(UdhaCase) case_ = NULL;
  const char *back;

  g_return_val_if_fail (UDHA_IS_SESSION (self), FALSE);

  if (!ensure_ready (self, error))
    return FALSE;
  case_ = load_case (self, case_id, UDHA_ACTION_DECIDE_CLOSURE, error);
  if (case_ == NULL)
    return FALSE;
  if (!require_reason (reason, error))
    return FALSE;
  back = udha_case_get_previous_status (case_);
  if (back == NULL || g_strcmp0 (udha_case_get_status (case_), "closure_requested") != 0)
    back = "open";
  {
    g_autofree char *to = g_strdup (back);

    return change_case_status (self, case_, to, reason, reason, "case.reject_closure", error);
  }
}

gboolean
udha_session_reopen_case (UdhaSession  *self,
                          gint64        case_id,
                          const char   *reason,
                          GError      **error)
{
  g_autoptr(UdhaCase) case_ = NULL;

  g_return_val_if_fail (UDHA_IS_SESSION (self), FALSE);

  if (!ensure_ready (self, error))
    return FALSE;
  case_ = load_case (self, case_id, UDHA_ACTION_REOPEN, error);
  if (case_ == NULL)
    return FALSE;
  if (!require_reason (reason, error))
    return FALSE;
  return change_case_status (self, case_, "open", reason, reason, "case.reopen", error);
}

/**
 * udha_session_approve_closure_with_reason:
 * @self: a #UdhaSession
 * @case_id: the case
 * @reason: (nullable): the supervisor's note on the decision
 * @error: return location for a #GError
 *
 * Like udha_session_approve_closure(), keeping the supervisor's note with
 * the audit entry "case.approve_closure" (the case history shows it).
 *
 * Returns: %TRUE on success
 */
gboolean
udha_session_approve_closure_with_reason (UdhaSession  *self,
                                          gint64        case_id,
                                          const char   *reason,
                                          GError      **error)
{
  g_autoptr(UdhaCase) case_ = NULL;

  g_return_val_if_fail (UDHA_IS_SESSION (self), FALSE);

  if (!ensure_ready (self, error))
    return FALSE;
  case_ = load_case (self, case_id, UDHA_ACTION_DECIDE_CLOSURE, error);
  if (case_ == NULL)
    return FALSE;
  return change_case_status (self, case_, "closed", NULL, reason, "case.approve_closure", error);
}

static gboolean
is_terminal_status (const char *status)
{
  return g_strcmp0 (status, "closed") == 0 ||
         g_strcmp0 (status, "transferred") == 0 ||
         g_strcmp0 (status, "duplicate") == 0;
}

static gboolean
check_codes (UdhaLookupKind       kind,
             const char * const  *codes,
             const char          *field,
             GError             **error)
{
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    if (!udha_lookup_check (kind, codes[i], field, error))
      return FALSE;
  return TRUE;
}

/**
 * udha_session_update_case:
 * @self: a #UdhaSession
 * @case_: the case as edited, loaded earlier (its row version is checked)
 * @error: return location for a #GError
 *
 * Saves what a caseworker may change on a case of theirs (a supervisor on
 * a case of their office): the case type, the secondary types (tags), the
 * risk level and the flags. Everything else (number, person, office,
 * status, assignment, dates, closure) is the workflow's and is kept as
 * stored. A closed, transferred or duplicate case cannot be changed. If
 * someone saved the case since @case_ was loaded, nothing is written and
 * the error is %UDHA_STORE_ERROR_CONFLICT: load the case again and redo
 * the change. Audited "case.update" with the old and new codes.
 *
 * Returns: %TRUE on success
 */
gboolean
udha_session_update_case (UdhaSession  *self,
                          UdhaCase     *case_,
                          GError      **error)
{
  g_autoptr(UdhaCase) stored = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *old_flags = NULL;
  g_autofree char *new_flags = NULL;

  g_return_val_if_fail (UDHA_IS_SESSION (self), FALSE);
  g_return_val_if_fail (UDHA_IS_CASE (case_), FALSE);

  if (!ensure_ready (self, error))
    return FALSE;
  stored = load_case (self, udha_case_get_id (case_), UDHA_ACTION_EDIT_CASE, error);
  if (stored == NULL)
    return FALSE;
  if (is_terminal_status (udha_case_get_status (stored)))
    {
      g_set_error_literal (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_TRANSITION,
                           _("This case is closed. Reopen it before changing it."));
      return FALSE;
    }
  if (!udha_lookup_check (UDHA_LOOKUP_CASE_TYPE, udha_case_get_case_type (case_), _("Case type"), error) ||
      !check_codes (UDHA_LOOKUP_CASE_TYPE, udha_case_get_tags (case_), _("Other case types"), error) ||
      !check_codes (UDHA_LOOKUP_CASE_FLAG, udha_case_get_flags (case_), _("Flags"), error))
    return FALSE;
  if (udha_case_get_risk (case_) != NULL &&
      !udha_lookup_check (UDHA_LOOKUP_RISK_LEVEL, udha_case_get_risk (case_), _("Risk"), error))
    return FALSE;

  /* The workflow's fields are history, not data. */
  udha_case_set_number (case_, udha_case_get_number (stored));
  udha_case_set_person_id (case_, udha_case_get_person_id (stored));
  udha_case_set_office_id (case_, udha_case_get_office_id (stored));
  udha_case_set_status (case_, udha_case_get_status (stored));
  udha_case_set_previous_status (case_, udha_case_get_previous_status (stored));
  udha_case_set_assigned_user_id (case_, udha_case_get_assigned_user_id (stored));
  udha_case_set_opened_on (case_, udha_case_get_opened_on (stored));
  udha_case_set_closed_on (case_, udha_case_get_closed_on (stored));
  udha_case_set_closure_reason (case_, udha_case_get_closure_reason (stored));
  udha_case_set_closure_note (case_, udha_case_get_closure_note (stored));
  udha_case_set_closure_requested_by (case_, udha_case_get_closure_requested_by (stored));
  udha_case_set_closure_requested_at (case_, udha_case_get_closure_requested_at (stored));
  udha_case_set_created_by (case_, udha_case_get_created_by (stored));
  udha_case_set_created_at (case_, udha_case_get_created_at (stored));

  old_flags = udha_case_get_flags (stored) != NULL ? g_strjoinv (",", (char **) udha_case_get_flags (stored)) : NULL;
  new_flags = udha_case_get_flags (case_) != NULL ? g_strjoinv (",", (char **) udha_case_get_flags (case_)) : NULL;
  detail = details ("case_type_from", 's', udha_case_get_case_type (stored),
                    "case_type_to", 's', udha_case_get_case_type (case_),
                    "risk_from", 's', udha_case_get_risk (stored),
                    "risk_to", 's', udha_case_get_risk (case_),
                    "flags_from", 's', old_flags,
                    "flags_to", 's', new_flags, NULL);

  return save_case (self, case_, "case.update", g_steal_pointer (&detail), NULL, error);
}

/**
 * udha_session_take_case:
 * @self: a #UdhaSession
 * @case_id: a case waiting in the office's intake queue
 * @error: return location for a #GError
 *
 * The signed-in caseworker (or supervisor) takes a case from their
 * office's intake queue: it is assigned to them. A case someone already
 * has cannot be taken (%UDHA_MODEL_ERROR_INVALID). Audited "case.assign"
 * with "taken": true.
 *
 * Returns: %TRUE on success
 */
gboolean
udha_session_take_case (UdhaSession  *self,
                        gint64        case_id,
                        GError      **error)
{
  g_autoptr(UdhaCase) case_ = NULL;
  gint64 me;

  g_return_val_if_fail (UDHA_IS_SESSION (self), FALSE);

  if (!ensure_ready (self, error))
    return FALSE;
  case_ = load_case (self, case_id, UDHA_ACTION_VIEW_CASE, error);
  if (case_ == NULL)
    return FALSE;
  me = udha_user_get_id (self->user);
  if (udha_case_get_assigned_user_id (case_) == me)
    return TRUE;
  if (udha_case_get_assigned_user_id (case_) != 0)
    {
      g_set_error_literal (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID,
                           _("Someone already has this case. Ask a supervisor to reassign it."));
      return FALSE;
    }
  if (!check_case (self, UDHA_ACTION_TAKE_FROM_INTAKE, case_, error))
    return FALSE;

  udha_case_set_assigned_user_id (case_, me);
  return save_case (self, case_, "case.assign",
                    details ("from", 'i', (gint64) 0, "to", 'i', me, "taken", 'b', TRUE, NULL), NULL, error);
}

/**
 * udha_session_list_cases_of_person:
 * @self: a #UdhaSession
 * @person_id: the person
 * @error: return location for a #GError
 *
 * The person's cases the session may see, oldest first (a caseworker sees
 * their own and the intake queue's; a supervisor their office's). Fails
 * like udha_session_get_person() when the person is out of scope.
 *
 * Returns: (transfer full) (element-type UdhaCase): the cases, or %NULL
 */
GPtrArray *
udha_session_list_cases_of_person (UdhaSession  *self,
                                   gint64        person_id,
                                   GError      **error)
{
  g_autoptr(UdhaPerson) person = NULL;
  g_autoptr(GPtrArray) cases = NULL;

  g_return_val_if_fail (UDHA_IS_SESSION (self), NULL);

  if (!ensure_ready (self, error))
    return NULL;
  person = load_person (self, person_id, UDHA_ACTION_VIEW_CASE, error);
  if (person == NULL)
    return NULL;
  cases = udha_store_list_cases_for_person (self->store, person_id, error);
  if (cases == NULL)
    return NULL;
  for (guint i = cases->len; i > 0; i--)
    if (!check_case (self, UDHA_ACTION_VIEW_CASE, g_ptr_array_index (cases, i - 1), NULL))
      g_ptr_array_remove_index (cases, i - 1);
  return g_steal_pointer (&cases);
}

/**
 * udha_session_reassign_cases:
 * @self: a #UdhaSession
 * @case_ids: (array length=n_ids): the cases
 * @n_ids: how many
 * @to_user_id: the new assignee: an active caseworker or supervisor of
 *   the cases' office
 * @reason: why; required
 * @error: return location for a #GError
 *
 * A supervisor's bulk reassignment: every case or none. Each case is
 * checked first (it must be of the supervisor's office); then all are
 * saved in one transaction, with one "case.assign" audit entry per case
 * that changed hands, each carrying @reason. Cases already assigned to
 * the user are left as they are.
 *
 * Returns: %TRUE on success (nothing is written otherwise)
 */
gboolean
udha_session_reassign_cases (UdhaSession   *self,
                             const gint64  *case_ids,
                             guint          n_ids,
                             gint64         to_user_id,
                             const char    *reason,
                             GError       **error)
{
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(UdhaUser) assignee = NULL;
  g_autoptr(GError) local_error = NULL;
  UdhaScopeFacts facts;
  gboolean ok = TRUE;

  g_return_val_if_fail (UDHA_IS_SESSION (self), FALSE);
  g_return_val_if_fail (case_ids != NULL || n_ids == 0, FALSE);

  if (!ensure_ready (self, error))
    return FALSE;
  actor_facts (self, &facts);
  facts.case_office_id = facts.actor_office_id;
  if (!check (self, UDHA_ACTION_ASSIGN, &facts, error))
    return FALSE;
  if (!require_reason (reason, error))
    return FALSE;

  assignee = udha_store_get_user (self->store, to_user_id, &local_error);
  if (assignee == NULL)
    {
      if (local_error == NULL || is_not_found (local_error))
        not_found (error, _("There is no user with this name."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (udha_user_get_disabled (assignee) ||
      udha_user_get_office_id (assignee) != udha_user_get_office_id (self->user) ||
      g_strcmp0 (udha_user_get_role (assignee), UDHA_ROLE_ADMIN) == 0)
    {
      g_set_error_literal (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID,
                           _("Assign to: choose an active caseworker or supervisor of this office."));
      return FALSE;
    }

  cases = g_ptr_array_new_with_free_func (g_object_unref);
  seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < n_ids; i++)
    {
      UdhaCase *case_;

      if (g_hash_table_contains (seen, &case_ids[i]))
        continue;
      g_hash_table_add (seen, (gpointer) &case_ids[i]);
      case_ = load_case (self, case_ids[i], UDHA_ACTION_ASSIGN, error);
      if (case_ == NULL)
        return FALSE;
      if (udha_case_get_office_id (case_) != udha_user_get_office_id (assignee))
        {
          g_object_unref (case_);
          g_set_error_literal (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID,
                               _("Assign to: choose an active caseworker or supervisor of this office."));
          return FALSE;
        }
      g_ptr_array_add (cases, case_);
    }

  if (!begin_write (self, error))
    return FALSE;
  for (guint i = 0; ok && i < cases->len; i++)
    {
      UdhaCase *case_ = g_ptr_array_index (cases, i);
      gint64 from = udha_case_get_assigned_user_id (case_);

      if (from == to_user_id)
        continue;
      udha_case_set_assigned_user_id (case_, to_user_id);
      ok = udha_store_update_case (self->store, case_, NULL, error) &&
           audit_reason (self, "case.assign", "case", udha_case_get_id (case_), udha_case_get_office_id (case_),
                         details ("from", 'i', from, "to", 'i', to_user_id, "reason_given", 'b', TRUE,
                                  "bulk", 'b', TRUE, NULL),
                         reason, error);
    }
  return finish_write (self, ok, error);
}

/* Public API: interviews */

static gboolean
check_interview_fields (UdhaInterview  *interview,
                        GError        **error)
{
  if (!udha_lookup_check (UDHA_LOOKUP_CONTACT_TYPE, udha_interview_get_contact_type (interview),
                          _("Contact type"), error))
    return FALSE;
  if (!check_date (udha_interview_get_occurred_at (interview), _("Date"), FALSE, error))
    return FALSE;
  if (udha_interview_get_location (interview) != NULL &&
      !udha_lookup_check (UDHA_LOOKUP_CONTACT_LOCATION, udha_interview_get_location (interview),
                          _("Location"), error))
    return FALSE;
  if (udha_interview_get_interpreter (interview) != NULL &&
      !udha_lookup_check (UDHA_LOOKUP_INTERPRETER, udha_interview_get_interpreter (interview),
                          _("Interpreter"), error))
    return FALSE;
  if (udha_interview_get_consent_reconfirmed (interview) != NULL &&
      !udha_lookup_check (UDHA_LOOKUP_CONSENT_RECONFIRMED, udha_interview_get_consent_reconfirmed (interview),
                          _("Consent re-confirmed"), error))
    return FALSE;
  if (udha_interview_get_language (interview) != NULL &&
      !check_language (udha_interview_get_language (interview), error))
    return FALSE;
  if (udha_interview_get_next_follow_up (interview) != NULL &&
      !check_date (udha_interview_get_next_follow_up (interview), _("Next follow-up"), TRUE, error))
    return FALSE;
  return TRUE;
}

gboolean
udha_session_add_interview (UdhaSession    *self,
                            UdhaInterview  *interview,
                            GError        **error)
{
  g_autoptr(UdhaCase) case_ = NULL;
  gboolean ok;

  g_return_val_if_fail (UDHA_IS_SESSION (self), FALSE);
  g_return_val_if_fail (UDHA_IS_INTERVIEW (interview), FALSE);

  if (!ensure_ready (self, error))
    return FALSE;
  case_ = load_case (self, udha_interview_get_case_id (interview), UDHA_ACTION_EDIT_CASE, error);
  if (case_ == NULL)
    return FALSE;
  if (!check_interview_fields (interview, error))
    return FALSE;

  udha_interview_set_author_id (interview, udha_user_get_id (self->user));

  if (!begin_write (self, error))
    return FALSE;
  ok = udha_store_create_interview (self->store, interview, error) &&
       audit (self, "interview.create", "interview", udha_interview_get_id (interview),
              udha_case_get_office_id (case_),
              details ("case_id", 'i', udha_case_get_id (case_),
                       "contact_type", 's', udha_interview_get_contact_type (interview),
                       "confidential", 'b', udha_interview_get_confidential (interview), NULL),
              error);
  return finish_write (self, ok, error);
}

gboolean
udha_session_edit_interview (UdhaSession    *self,
                             UdhaInterview  *interview,
                             UdhaInterview **current_out,
                             GError        **error)
{
  g_autoptr(UdhaCase) case_ = NULL;
  g_autoptr(UdhaInterview) stored = NULL;
  UdhaScopeFacts facts;
  gboolean ok;

  g_return_val_if_fail (UDHA_IS_SESSION (self), FALSE);
  g_return_val_if_fail (UDHA_IS_INTERVIEW (interview), FALSE);

  if (current_out != NULL)
    *current_out = NULL;
  if (!ensure_ready (self, error))
    return FALSE;
  stored = udha_store_get_interview (self->store, udha_interview_get_id (interview), NULL);
  if (stored == NULL)
    {
      not_found (error, _("There is no contact-log entry with this number."));
      return FALSE;
    }
  case_ = load_case (self, udha_interview_get_case_id (stored), UDHA_ACTION_EDIT_CASE, error);
  if (case_ == NULL)
    return FALSE;
  if (udha_interview_get_case_id (interview) != udha_interview_get_case_id (stored))
    {
      g_set_error_literal (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID,
                           _("Case: a contact-log entry cannot move to another case."));
      return FALSE;
    }
  case_facts (self, case_, &facts);
  facts.record_author_id = udha_interview_get_author_id (stored);
  if (udha_interview_get_confidential (stored) &&
      !check (self, UDHA_ACTION_VIEW_CONFIDENTIAL, &facts, error))
    return FALSE;
  if (!check_interview_fields (interview, error))
    return FALSE;

  if (!begin_write (self, error))
    return FALSE;
  ok = udha_store_update_interview (self->store, interview, udha_user_get_id (self->user), current_out, error) &&
       audit (self, "interview.update", "interview", udha_interview_get_id (interview),
              udha_case_get_office_id (case_),
              details ("case_id", 'i', udha_case_get_id (case_),
                       "confidential", 'b', udha_interview_get_confidential (interview), NULL),
              error);
  return finish_write (self, ok, error);
}

/**
 * udha_session_list_interviews:
 * @self: a #UdhaSession
 * @case_id: the case
 * @error: return location for a #GError
 *
 * The contact log of a case, without the confidential entries the session
 * may not read (DOMAIN.md §4: their author and supervisors only).
 *
 * Returns: (transfer full) (element-type UdhaInterview): the entries
 */
GPtrArray *
udha_session_list_interviews (UdhaSession  *self,
                              gint64        case_id,
                              GError      **error)
{
  g_autoptr(UdhaCase) case_ = NULL;
  g_autoptr(GPtrArray) all = NULL;
  GPtrArray *visible;
  UdhaScopeFacts facts;

  g_return_val_if_fail (UDHA_IS_SESSION (self), NULL);

  if (!ensure_ready (self, error))
    return NULL;
  case_ = load_case (self, case_id, UDHA_ACTION_VIEW_CASE, error);
  if (case_ == NULL)
    return NULL;
  all = udha_store_list_interviews (self->store, case_id, error);
  if (all == NULL)
    return NULL;

  case_facts (self, case_, &facts);
  visible = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < all->len; i++)
    {
      UdhaInterview *interview = g_ptr_array_index (all, i);

      facts.record_author_id = udha_interview_get_author_id (interview);
      if (!udha_interview_get_confidential (interview) ||
          check (self, UDHA_ACTION_VIEW_CONFIDENTIAL, &facts, NULL))
        g_ptr_array_add (visible, g_object_ref (interview));
    }
  return visible;
}

/* Public API: services */

gboolean
udha_session_add_service (UdhaSession  *self,
                          UdhaService  *service,
                          GError      **error)
{
  g_autoptr(UdhaCase) case_ = NULL;
  g_autofree char *now = now_utc ();
  gboolean ok;

  g_return_val_if_fail (UDHA_IS_SESSION (self), FALSE);
  g_return_val_if_fail (UDHA_IS_SERVICE (service), FALSE);

  if (!ensure_ready (self, error))
    return FALSE;
  case_ = load_case (self, udha_service_get_case_id (service), UDHA_ACTION_EDIT_CASE, error);
  if (case_ == NULL)
    return FALSE;

  if (udha_service_get_status (service) == NULL)
    udha_service_set_status (service, "planned");
  if (!udha_lookup_check (UDHA_LOOKUP_SERVICE, udha_service_get_service_code (service), _("Service"), error) ||
      !udha_lookup_check (UDHA_LOOKUP_SERVICE_STATUS, udha_service_get_status (service), _("Status"), error))
    return FALSE;
  if (udha_service_get_delivery (service) != NULL &&
      !udha_lookup_check (UDHA_LOOKUP_SERVICE_DELIVERY, udha_service_get_delivery (service), _("Delivery"), error))
    return FALSE;
  if (udha_service_get_planned_on (service) != NULL &&
      !check_date (udha_service_get_planned_on (service), _("Planned date"), TRUE, error))
    return FALSE;
  if (udha_service_get_due_on (service) != NULL &&
      !check_date (udha_service_get_due_on (service), _("Due date"), TRUE, error))
    return FALSE;
  if (udha_service_get_delivered_on (service) != NULL &&
      !check_date (udha_service_get_delivered_on (service), _("Delivery date"), FALSE, error))
    return FALSE;
  if (udha_service_get_provider_org_id (service) != 0 &&
      udha_store_get_organisation (self->store, udha_service_get_provider_org_id (service), NULL) == NULL)
    {
      not_found (error, _("Organisation: there is no partner organisation with this name or number."));
      return FALSE;
    }

  udha_service_set_created_by (service, udha_user_get_id (self->user));
  if (udha_service_get_created_at (service) == NULL)
    udha_service_set_created_at (service, now);

  if (!begin_write (self, error))
    return FALSE;
  ok = udha_store_create_service (self->store, service, error) &&
       audit (self, "service.create", "service", udha_service_get_id (service), udha_case_get_office_id (case_),
              details ("case_id", 'i', udha_case_get_id (case_),
                       "service", 's', udha_service_get_service_code (service),
                       "status", 's', udha_service_get_status (service), NULL),
              error);
  return finish_write (self, ok, error);
}

gboolean
udha_session_set_service_status (UdhaSession  *self,
                                 gint64        service_id,
                                 const char   *status,
                                 GError      **error)
{
  g_autoptr(UdhaService) service = NULL;
  g_autoptr(UdhaCase) case_ = NULL;
  g_autofree char *from = NULL;
  g_autofree char *today = udha_session_today (self);
  gboolean ok;

  g_return_val_if_fail (UDHA_IS_SESSION (self), FALSE);

  if (!ensure_ready (self, error))
    return FALSE;
  service = udha_store_get_service (self->store, service_id, NULL);
  if (service == NULL)
    {
      not_found (error, _("There is no service with this number."));
      return FALSE;
    }
  case_ = load_case (self, udha_service_get_case_id (service), UDHA_ACTION_EDIT_CASE, error);
  if (case_ == NULL)
    return FALSE;
  if (!udha_lookup_check (UDHA_LOOKUP_SERVICE_STATUS, status, _("Status"), error))
    return FALSE;

  from = g_strdup (udha_service_get_status (service));
  if (g_strcmp0 (from, status) == 0)
    return TRUE;
  udha_service_set_status (service, status);
  if (g_strcmp0 (status, "completed") == 0 && udha_service_get_delivered_on (service) == NULL)
    udha_service_set_delivered_on (service, today);

  if (!begin_write (self, error))
    return FALSE;
  ok = udha_store_update_service (self->store, service, NULL, error) &&
       audit (self, "service.status", "service", service_id, udha_case_get_office_id (case_),
              details ("case_id", 'i', udha_case_get_id (case_), "from", 's', from, "to", 's', status, NULL),
              error);
  return finish_write (self, ok, error);
}

GPtrArray *
udha_session_list_services (UdhaSession  *self,
                            gint64        case_id,
                            GError      **error)
{
  g_autoptr(UdhaCase) case_ = NULL;

  g_return_val_if_fail (UDHA_IS_SESSION (self), NULL);

  if (!ensure_ready (self, error))
    return NULL;
  case_ = load_case (self, case_id, UDHA_ACTION_VIEW_CASE, error);
  if (case_ == NULL)
    return NULL;
  return udha_store_list_services (self->store, case_id, error);
}

/* Public API: referrals */

gboolean
udha_session_add_referral (UdhaSession   *self,
                           UdhaReferral  *referral,
                           GError       **error)
{
  g_autoptr(UdhaCase) case_ = NULL;
  g_autoptr(UdhaOrganisation) org = NULL;
  g_autofree char *now = now_utc ();
  g_autofree char *follow_up = today_plus (REFERRAL_FOLLOW_UP_DAYS);
  gboolean ok;

  g_return_val_if_fail (UDHA_IS_SESSION (self), FALSE);
  g_return_val_if_fail (UDHA_IS_REFERRAL (referral), FALSE);

  if (!ensure_ready (self, error))
    return FALSE;
  case_ = load_case (self, udha_referral_get_case_id (referral), UDHA_ACTION_EDIT_CASE, error);
  if (case_ == NULL)
    return FALSE;

  if (udha_referral_get_urgency (referral) == NULL)
    udha_referral_set_urgency (referral, "routine");
  if (!udha_referral_transition_check (NULL, "draft", udha_role_to_code (self->role), NULL, error))
    return FALSE;
  if (!udha_lookup_check (UDHA_LOOKUP_SERVICE, udha_referral_get_service_code (referral), _("Service"), error) ||
      !udha_lookup_check (UDHA_LOOKUP_REFERRAL_URGENCY, udha_referral_get_urgency (referral), _("Urgency"), error))
    return FALSE;
  if (udha_referral_get_reason (referral) != NULL &&
      !udha_lookup_check (UDHA_LOOKUP_REFERRAL_REASON, udha_referral_get_reason (referral), _("Reason"), error))
    return FALSE;
  org = udha_store_get_organisation (self->store, udha_referral_get_org_id (referral), NULL);
  if (org == NULL)
    {
      not_found (error, _("Organisation: there is no partner organisation with this name or number."));
      return FALSE;
    }
  if (udha_referral_get_follow_up_due (referral) == NULL)
    udha_referral_set_follow_up_due (referral, follow_up);
  else if (!check_date (udha_referral_get_follow_up_due (referral), _("Follow-up due date"), TRUE, error))
    return FALSE;

  udha_referral_set_status (referral, "draft");
  udha_referral_set_created_by (referral, udha_user_get_id (self->user));
  udha_referral_set_created_at (referral, now);

  if (!begin_write (self, error))
    return FALSE;
  ok = udha_store_create_referral (self->store, referral, error) &&
       audit (self, "referral.create", "referral", udha_referral_get_id (referral),
              udha_case_get_office_id (case_),
              details ("case_id", 'i', udha_case_get_id (case_),
                       "org_id", 'i', udha_referral_get_org_id (referral),
                       "service", 's', udha_referral_get_service_code (referral),
                       "urgency", 's', udha_referral_get_urgency (referral), NULL),
              error);
  return finish_write (self, ok, error);
}

/**
 * udha_session_set_referral_status:
 * @self: a #UdhaSession
 * @referral_id: the referral
 * @status: the new status code
 * @reason: (nullable): required for declined, cancelled and reopening
 * @outcome: (nullable): a referral outcome code; required for completed
 * @override: (nullable): a supervisor's override of the consent gate
 * @error: return location for a #GError
 *
 * Moves a referral along DOMAIN.md §6.3. Draft → sent passes the consent
 * gate (§6.4): a valid consent covering referral for the person, or
 * @override by a supervisor, audited "referral.consent_override". Every
 * change is audited "referral.status".
 *
 * Returns: %TRUE on success; %UDHA_MODEL_ERROR_CONSENT_REQUIRED when the
 *   gate is closed
 */
gboolean
udha_session_set_referral_status (UdhaSession                *self,
                                  gint64                      referral_id,
                                  const char                 *status,
                                  const char                 *reason,
                                  const char                 *outcome,
                                  const UdhaConsentOverride  *override,
                                  GError                    **error)
{
  g_autoptr(UdhaReferral) referral = NULL;
  g_autoptr(UdhaCase) case_ = NULL;
  g_autofree char *from = NULL;
  g_autofree char *today = udha_session_today (self);
  const UdhaTransition *transition;
  gint64 consent_id = 0;
  gboolean overridden = FALSE;
  gboolean ok;

  g_return_val_if_fail (UDHA_IS_SESSION (self), FALSE);

  if (!ensure_ready (self, error))
    return FALSE;
  referral = udha_store_get_referral (self->store, referral_id, NULL);
  if (referral == NULL)
    {
      not_found (error, _("There is no referral with this number."));
      return FALSE;
    }
  case_ = load_case (self, udha_referral_get_case_id (referral), UDHA_ACTION_EDIT_CASE, error);
  if (case_ == NULL)
    return FALSE;

  from = g_strdup (udha_referral_get_status (referral));
  if (!udha_lookup_check (UDHA_LOOKUP_REFERRAL_STATUS, status, _("Status"), error))
    return FALSE;
  if (!udha_referral_transition_check (from, status, udha_role_to_code (self->role), reason, error))
    return FALSE;

  transition = udha_referral_transition_find (from, status);
  if (transition != NULL && (transition->requires & UDHA_TRANSITION_REOPEN) != 0)
    {
      g_autofree char *before = NULL;

      if (!check_case (self, UDHA_ACTION_REOPEN, case_, error))
        return FALSE;
      before = referral_status_before (self, referral_id, from);
      if (before != NULL && g_strcmp0 (before, status) != 0)
        {
          g_set_error_literal (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_TRANSITION,
                               _("Status: a finished referral can only go back to the status it had before."));
          return FALSE;
        }
    }
  if (transition != NULL && (transition->requires & UDHA_TRANSITION_REQUIRES_OUTCOME) != 0)
    {
      if (outcome == NULL)
        {
          g_set_error_literal (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID,
                               _("Outcome: required to complete a referral."));
          return FALSE;
        }
      if (!udha_lookup_check (UDHA_LOOKUP_REFERRAL_OUTCOME, outcome, _("Outcome"), error))
        return FALSE;
    }

  /* The consent gate (DOMAIN.md §6.4). */
  if (udha_referral_transition_needs_consent (from, status))
    {
      g_autoptr(GError) consent_error = NULL;

      consent_id = udha_store_find_valid_consent (self->store, udha_case_get_person_id (case_),
                                                  "referral", today, &consent_error);
      if (consent_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&consent_error));
          return FALSE;
        }

      if (consent_id == 0 && override == NULL)
        {
          g_set_error_literal (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_CONSENT_REQUIRED,
                               _("Consent: the person has no valid consent to referral, so it cannot be sent. "
                                 "Record the consent first, or ask a supervisor to override."));
          return FALSE;
        }
      if (consent_id == 0)
        {
          if (!check_case (self, UDHA_ACTION_OVERRIDE_CONSENT, case_, error))
            return FALSE;
          if (!udha_lookup_check (UDHA_LOOKUP_LEGAL_BASIS, override->legal_basis, _("Legal basis"), error))
            return FALSE;
          if (g_strcmp0 (override->legal_basis, "consent") == 0)
            {
              g_set_error_literal (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID,
                                   _("Legal basis: an override needs a legal basis other than consent."));
              return FALSE;
            }
          if (!require_reason (override->reason, error))
            return FALSE;
          overridden = TRUE;
          udha_referral_set_override_basis (referral, override->legal_basis);
          udha_referral_set_override_reason (referral, override->reason);
          udha_referral_set_override_by (referral, udha_user_get_id (self->user));
        }
      else
        udha_referral_set_consent_id (referral, consent_id);
    }

  if (g_strcmp0 (status, "sent") == 0 && udha_referral_get_sent_on (referral) == NULL)
    udha_referral_set_sent_on (referral, today);
  if (outcome != NULL)
    udha_referral_set_outcome (referral, outcome);

  if (!begin_write (self, error))
    return FALSE;
  ok = udha_store_set_referral_status (self->store, referral, status, udha_user_get_id (self->user),
                                       reason, NULL, error) &&
       audit_reason (self, "referral.status", "referral", referral_id, udha_case_get_office_id (case_),
                     details ("case_id", 'i', udha_case_get_id (case_), "from", 's', from, "to", 's', status,
                              "consent_id", 'i', consent_id, "reason_given", 'b', !is_blank (reason), NULL),
                     reason, error) &&
       (!overridden ||
        audit_reason (self, "referral.consent_override", "referral", referral_id, udha_case_get_office_id (case_),
                      details ("case_id", 'i', udha_case_get_id (case_),
                               "legal_basis", 's', override->legal_basis, NULL),
                      override->reason, error));
  return finish_write (self, ok, error);
}

UdhaReferral *
udha_session_get_referral (UdhaSession  *self,
                           gint64        referral_id,
                           GError      **error)
{
  g_autoptr(UdhaReferral) referral = NULL;
  g_autoptr(UdhaCase) case_ = NULL;

  g_return_val_if_fail (UDHA_IS_SESSION (self), NULL);

  if (!ensure_ready (self, error))
    return NULL;
  referral = udha_store_get_referral (self->store, referral_id, NULL);
  if (referral == NULL)
    {
      not_found (error, _("There is no referral with this number."));
      return NULL;
    }
  case_ = load_case (self, udha_referral_get_case_id (referral), UDHA_ACTION_VIEW_CASE, error);
  if (case_ == NULL)
    return NULL;
  return g_steal_pointer (&referral);
}

GPtrArray *
udha_session_list_referrals (UdhaSession  *self,
                             gint64        case_id,
                             GError      **error)
{
  g_autoptr(UdhaCase) case_ = NULL;

  g_return_val_if_fail (UDHA_IS_SESSION (self), NULL);

  if (!ensure_ready (self, error))
    return NULL;
  case_ = load_case (self, case_id, UDHA_ACTION_VIEW_CASE, error);
  if (case_ == NULL)
    return NULL;
  return udha_store_list_referrals (self->store, case_id, error);
}

/* Public API: audit */

/**
 * udha_session_audit_list:
 * @self: a #UdhaSession
 * @before_seq: 0 for the newest page, else the lowest seq of the previous page
 * @limit: the page size
 * @error: return location for a #GError
 *
 * The audit entries the role may read (DOMAIN.md §9): a caseworker's own
 * actions, a supervisor's office, an administrator's system events.
 *
 * Returns: (transfer full) (element-type UdhaAuditEntry): the entries, newest first
 */
GPtrArray *
udha_session_audit_list (UdhaSession  *self,
                         gint64        before_seq,
                         guint         limit,
                         GError      **error)
{
  UdhaAuditQuery query = { 0, };
  UdhaScopeFacts facts;

  g_return_val_if_fail (UDHA_IS_SESSION (self), NULL);

  if (!ensure_ready (self, error))
    return NULL;
  actor_facts (self, &facts);

  switch (self->role)
    {
    case UDHA_ROLE_KIND_SUPERVISOR:
      if (!check (self, UDHA_ACTION_READ_AUDIT_OFFICE, &facts, error))
        return NULL;
      query.office_id = udha_user_get_office_id (self->user);
      break;
    case UDHA_ROLE_KIND_ADMIN:
      if (!check (self, UDHA_ACTION_READ_AUDIT_SYSTEM, &facts, error))
        return NULL;
      query.system_only = TRUE;
      break;
    case UDHA_ROLE_KIND_CASEWORKER:
    default:
      if (!check (self, UDHA_ACTION_READ_AUDIT_OWN, &facts, error))
        return NULL;
      query.user_name = udha_user_get_user_name (self->user);
      break;
    }

  return udha_store_audit_list (self->store, &query, before_seq, limit, error);
}

/**
 * udha_session_case_history:
 * @self: a #UdhaSession
 * @case_id: the case
 * @error: return location for a #GError
 *
 * The history of a case for its case file: who did what to the case, its
 * contact log, services, referrals, person and consents, oldest first. Anyone
 * who may open the case file may read its history; it is part of the file,
 * not the audit-log view (where caseworkers see their own actions only).
 * Entries about confidential contact-log entries the session may not read are
 * left out.
 *
 * Returns: (transfer full) (element-type UdhaAuditEntry): the entries, or %NULL
 */
GPtrArray *
udha_session_case_history (UdhaSession  *self,
                           gint64        case_id,
                           GError      **error)
{
  g_autoptr(UdhaCase) case_ = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) visible = NULL;
  g_autoptr(GHashTable) readable = NULL;
  g_autoptr(GPtrArray) interviews = NULL;

  g_return_val_if_fail (UDHA_IS_SESSION (self), NULL);

  if (!ensure_ready (self, error))
    return NULL;
  case_ = load_case (self, case_id, UDHA_ACTION_VIEW_CASE, error);
  if (case_ == NULL)
    return NULL;

  /* The contact-log entries this session may read (confidential ones only
   * for their author and supervisors). */
  interviews = udha_session_list_interviews (self, case_id, error);
  if (interviews == NULL)
    return NULL;
  readable = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < interviews->len; i++)
    {
      gint64 *id = g_new (gint64, 1);

      *id = udha_interview_get_id (g_ptr_array_index (interviews, i));
      g_hash_table_add (readable, id);
    }

  entries = udha_store_audit_list_for_case (self->store, case_id, error);
  if (entries == NULL)
    return NULL;

  visible = g_ptr_array_new_with_free_func ((GDestroyNotify) udha_audit_entry_free);
  for (guint i = 0; i < entries->len; i++)
    {
      UdhaAuditEntry *entry = g_ptr_array_index (entries, i);

      if (g_strcmp0 (entry->entity, "interview") == 0 &&
          !g_hash_table_contains (readable, &entry->entity_id))
        continue;
      g_ptr_array_add (visible, g_steal_pointer (&entries->pdata[i]));
    }

  return g_steal_pointer (&visible);
}

/**
 * udha_session_audit_verify:
 * @self: a #UdhaSession
 * @first_bad_seq: (out) (optional): the first broken entry, or 0
 * @error: return location for a #GError
 *
 * Recomputes the audit chain. Any role may: it reveals no content.
 *
 * Returns: %TRUE if the chain is intact and not older than its anchor
 */
gboolean
udha_session_audit_verify (UdhaSession  *self,
                           guint64      *first_bad_seq,
                           GError      **error)
{
  g_return_val_if_fail (UDHA_IS_SESSION (self), FALSE);

  if (first_bad_seq != NULL)
    *first_bad_seq = 0;
  if (!ensure_ready (self, error))
    return FALSE;
  return udha_store_audit_verify (self->store, first_bad_seq, error);
}
