/* udha-cli-records.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Case-record commands of udha-cli: offices, users, organisations, persons,
 * cases, interviews, services, referrals, consents and the audit log.
 *
 * Every command unlocks the vault with the passphrase from line 1 of
 * --passphrase-file (or a prompt), signs in through a UdhaSession (which
 * checks the role and writes the audit entries) and locks again. With the
 * global --json, results are printed as JSON with stable field names. */

#define G_LOG_DOMAIN "udha-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "udha-cli.h"
#include "udha-cli-common.h"
#include "udha-date.h"
#include "udha-lookup.h"
#include "udha-session.h"

#define LIST_LIMIT 100

/* Auxiliary methods */

/* One command-line option: "--name VALUE" (value != NULL) or a flag. */
typedef struct
{
  const char  *name;
  const char **value;
  gboolean    *flag;
} Opt;

/* Parses @argv[1..]: options of @opts anywhere, the rest positional.
 * Returns -1 on success, else an exit code. */
static int
parse_args (int          argc,
            char       **argv,
            const Opt   *opts,
            const char  *usage,
            GPtrArray   *positional)
{
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];
      const Opt *opt = NULL;

      if (strcmp (arg, "--help") == 0)
        {
          printf ("%s\n", usage);
          return UDHA_CLI_EXIT_OK;
        }
      if (arg[0] != '-' || arg[1] == '\0')
        {
          g_ptr_array_add (positional, (char *) arg);
          continue;
        }
      for (guint j = 0; opts != NULL && opts[j].name != NULL; j++)
        if (strcmp (opts[j].name, arg) == 0)
          opt = &opts[j];
      if (opt == NULL)
        return udha_cli_usage_error (_("Unexpected argument “%s”."), arg);
      if (opt->flag != NULL)
        *opt->flag = TRUE;
      else
        {
          if (i + 1 >= argc)
            return udha_cli_usage_error (_("The option “%s” needs a value."), arg);
          *opt->value = argv[++i];
        }
    }
  return -1;
}

static int
expect_positional (GPtrArray  *positional,
                   guint       n,
                   const char *usage)
{
  if (positional->len == n)
    return -1;
  if (positional->len > n)
    return udha_cli_usage_error (_("Unexpected argument “%s”."), (char *) g_ptr_array_index (positional, n));
  return udha_cli_usage_error (_("Missing arguments. Usage: %s"), usage);
}

#define PARSE(opts, usage, n)                                                   \
  G_STMT_START {                                                                \
    int parse_ret_ = parse_args (argc, argv, opts, usage, pos);                 \
    if (parse_ret_ >= 0)                                                        \
      return parse_ret_;                                                        \
    parse_ret_ = expect_positional (pos, n, usage);                             \
    if (parse_ret_ >= 0)                                                        \
      return parse_ret_;                                                        \
  } G_STMT_END

#define ARG(i) ((const char *) g_ptr_array_index (pos, i))

/* An unlocked vault, its store and the signed-in session. */
typedef struct
{
  UdhaCliSecrets  secrets;
  UdhaVault      *vault;
  UdhaStore      *store;
  UdhaSession    *session;
} Ctx;

static void
ctx_clear (Ctx *ctx)
{
  if (ctx->session != NULL)
    udha_session_close (ctx->session, NULL);
  g_clear_object (&ctx->session);
  g_clear_object (&ctx->store);
  if (ctx->vault != NULL)
    udha_vault_lock (ctx->vault);
  g_clear_object (&ctx->vault);
  udha_cli_secrets_clear (&ctx->secrets);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Ctx, ctx_clear)

static int
fail_error (const GError *error)
{
  g_autofree char *message = g_strdup (error->message);

  /* One line on stderr, always. */
  g_strdelimit (message, "\n", ' ');
  return udha_cli_fail ("%s", message);
}

/* Unlocks and signs in. Keeps the passphrase in @ctx->secrets (for
 * `user add`). Returns -1 on success, else an exit code. */
static int
ctx_open (UdhaCliGlobal *global,
          Ctx           *ctx,
          const char    *command)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *prompts[] = { _("Passphrase: ") };
  int ret = UDHA_CLI_EXIT_USER;

  if (!udha_cli_require_user (global))
    return udha_cli_usage_error (_("The command “%s” needs --user NAME."), command);
  if (!udha_cli_get_secrets (global, 1, prompts, FALSE, &ctx->secrets, &message))
    return udha_cli_fail ("%s", message);

  ctx->vault = udha_cli_unlock (global, ctx->secrets.line[0], TRUE, &ret);
  if (ctx->vault == NULL)
    return ret;
  ctx->store = udha_store_new (ctx->vault, &error);
  if (ctx->store == NULL)
    return fail_error (error);
  ctx->session = udha_session_new (ctx->vault, ctx->store, &error);
  if (ctx->session == NULL)
    return fail_error (error);

  return -1;
}

#define OPEN(global, ctx, name)                                                 \
  G_STMT_START {                                                                \
    int open_ret_ = ctx_open (global, ctx, name);                               \
    if (open_ret_ >= 0)                                                         \
      return open_ret_;                                                         \
  } G_STMT_END

/* Closes the session (audit "vault.lock", anchor) and reports a failure. */
static int
ctx_finish (Ctx *ctx,
            int  ret)
{
  g_autoptr(GError) error = NULL;

  if (ctx->session != NULL && !udha_session_close (ctx->session, &error) && ret == UDHA_CLI_EXIT_OK)
    ret = fail_error (error);
  return ret;
}

static void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

static void
add_string (JsonBuilder *b,
            const char  *key,
            const char  *value)
{
  json_builder_set_member_name (b, key);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_int (JsonBuilder *b,
         const char  *key,
         gint64       value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_int_value (b, value);
}

/* Parses a date as the user typed it (dd.mm.yyyy or ISO) into ISO. */
static char *
parse_date (const char  *text,
            const char  *option,
            gboolean     allow_future,
            GError     **error)
{
  UdhaDate date;
  UdhaDateFlags flags = UDHA_DATE_NOT_BEFORE_1900;

  if (!allow_future)
    flags |= UDHA_DATE_NOT_FUTURE;
  if (!udha_date_parse (text, flags, NULL, option, &date, error))
    return NULL;
  return udha_date_to_iso (&date);
}

static gboolean
parse_id (const char  *text,
          const char  *what,
          gint64      *id,
          GError     **error)
{
  if (text != NULL && g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, id, NULL))
    return TRUE;
  g_set_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID,
               /* Translators: %s is an argument name, e.g. "CONSENT" */
               _("%s: give the number shown by the list or add command."), what);
  return FALSE;
}

static char *
read_text (const char  *path,
           GError     **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  char buf[4096];
  gsize n;
  char *contents = NULL;

  if (path != NULL && strcmp (path, "-") != 0)
    {
      if (!g_file_get_contents (path, &contents, NULL, error))
        return NULL;
      return contents;
    }
  while ((n = fread (buf, 1, sizeof buf, stdin)) > 0)
    g_string_append_len (text, buf, (gssize) n);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
print_case_line (UdhaCase *c)
{
  printf ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\n",
          udha_case_get_id (c), udha_case_get_number (c),
          udha_case_get_case_type (c), udha_case_get_status (c),
          udha_case_get_opened_on (c));
}

/* Commands: offices */

int
udha_cli_office_add (UdhaCliGlobal  *global,
                     int             argc,
                     char          **argv)
{
  g_auto(Ctx) ctx = { { { NULL, }, }, };
  g_autoptr(GPtrArray) pos = g_ptr_array_new ();
  g_autoptr(UdhaOffice) office = NULL;
  g_autoptr(GError) error = NULL;
  const char *name = NULL;
  const Opt opts[] = { { "--name", &name, NULL }, { NULL, } };
  const char *usage = _("Usage: udha-cli office add CODE --name NAME");

  PARSE (opts, usage, 1);
  if (name == NULL)
    return udha_cli_usage_error ("%s", _("The command “office add” needs --name NAME."));
  OPEN (global, &ctx, "office add");

  office = udha_session_add_office (ctx.session, ARG (0), name, &error);
  if (office == NULL)
    return fail_error (error);

  if (global->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      udha_office_to_json (office, b);
      print_json (b);
    }
  else
    printf (_("Office %s added.\n"), udha_office_get_code (office));
  return ctx_finish (&ctx, UDHA_CLI_EXIT_OK);
}

int
udha_cli_office_list (UdhaCliGlobal  *global,
                      int             argc,
                      char          **argv)
{
  g_auto(Ctx) ctx = { { { NULL, }, }, };
  g_autoptr(GPtrArray) pos = g_ptr_array_new ();
  g_autoptr(GPtrArray) offices = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();

  PARSE (NULL, _("Usage: udha-cli office list"), 0);
  OPEN (global, &ctx, "office list");

  offices = udha_session_list_offices (ctx.session, &error);
  if (offices == NULL)
    return fail_error (error);

  json_builder_begin_array (b);
  for (guint i = 0; i < offices->len; i++)
    {
      UdhaOffice *o = g_ptr_array_index (offices, i);

      if (global->json)
        udha_office_to_json (o, b);
      else
        printf ("%s\t%s\n", udha_office_get_code (o), udha_office_get_name (o));
    }
  json_builder_end_array (b);
  if (global->json)
    print_json (b);
  return ctx_finish (&ctx, UDHA_CLI_EXIT_OK);
}

/* Commands: users */

int
udha_cli_user_add (UdhaCliGlobal  *global,
                   int             argc,
                   char          **argv)
{
  g_auto(Ctx) ctx = { { { NULL, }, }, };
  g_auto(UdhaCliSecrets) fresh = { { NULL, }, };
  g_autoptr(GPtrArray) pos = g_ptr_array_new ();
  g_autoptr(UdhaUser) user = NULL;
  g_autoptr(UdhaOffice) office = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *role = NULL;
  const char *office_code = NULL;
  const char *display_name = NULL;
  const char *new_file = NULL;
  const Opt opts[] = {
    { "--role", &role, NULL },
    { "--office", &office_code, NULL },
    { "--display-name", &display_name, NULL },
    { "--new-passphrase-file", &new_file, NULL },
    { NULL, }
  };
  const char *usage = _("Usage: udha-cli user add NAME --role caseworker|supervisor|admin --office CODE "
                        "[--display-name TEXT] [--new-passphrase-file FILE]");

  PARSE (opts, usage, 1);
  if (role == NULL)
    return udha_cli_usage_error ("%s", _("The command “user add” needs --role caseworker|supervisor|admin."));
  OPEN (global, &ctx, "user add");

  if (office_code != NULL)
    {
      office = udha_session_find_office (ctx.session, office_code, &error);
      if (office == NULL)
        return fail_error (error);
    }

  if (new_file != NULL)
    {
      if (!udha_cli_read_secret_file (new_file, 1, &fresh, &message))
        return udha_cli_fail ("%s", message);
    }
  else
    {
      fresh.line[0] = udha_cli_prompt_secret (_("One-time passphrase for the new user (at least 10 characters): "), &message);
      if (fresh.line[0] == NULL)
        return udha_cli_fail ("%s", message);
    }

  user = udha_session_add_user (ctx.session, ctx.secrets.line[0], ARG (0), fresh.line[0], role,
                                office != NULL ? udha_office_get_id (office) : 0, display_name, &error);
  udha_cli_secrets_clear (&fresh);
  if (user == NULL)
    return fail_error (error);

  if (global->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      udha_user_to_json (user, b);
      print_json (b);
    }
  else
    printf ("%s\n", _("The user was added. Give them the one-time passphrase; they must change it with “udha-cli passwd” at their first unlock."));
  return ctx_finish (&ctx, UDHA_CLI_EXIT_OK);
}

int
udha_cli_user_list (UdhaCliGlobal  *global,
                    int             argc,
                    char          **argv)
{
  g_auto(Ctx) ctx = { { { NULL, }, }, };
  g_autoptr(GPtrArray) pos = g_ptr_array_new ();
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();

  PARSE (NULL, _("Usage: udha-cli user list"), 0);
  OPEN (global, &ctx, "user list");

  users = udha_session_list_users (ctx.session, &error);
  if (users == NULL)
    return fail_error (error);

  json_builder_begin_array (b);
  for (guint i = 0; i < users->len; i++)
    {
      UdhaUser *u = g_ptr_array_index (users, i);

      if (global->json)
        udha_user_to_json (u, b);
      else
        printf ("%s\t%s\t%s\n", udha_user_get_user_name (u), udha_user_get_role (u),
                udha_user_get_disabled (u) ? _("disabled") : _("active"));
    }
  json_builder_end_array (b);
  if (global->json)
    print_json (b);
  return ctx_finish (&ctx, UDHA_CLI_EXIT_OK);
}

int
udha_cli_user_disable (UdhaCliGlobal  *global,
                       int             argc,
                       char          **argv)
{
  g_auto(Ctx) ctx = { { { NULL, }, }, };
  g_autoptr(GPtrArray) pos = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  PARSE (NULL, _("Usage: udha-cli user disable NAME"), 1);
  OPEN (global, &ctx, "user disable");

  if (!udha_session_disable_user (ctx.session, ARG (0), &error))
    return fail_error (error);
  if (!global->json)
    printf ("%s\n", _("The user was disabled and can no longer unlock the vault."));
  return ctx_finish (&ctx, UDHA_CLI_EXIT_OK);
}

int
udha_cli_user_set_role (UdhaCliGlobal  *global,
                        int             argc,
                        char          **argv)
{
  g_auto(Ctx) ctx = { { { NULL, }, }, };
  g_autoptr(GPtrArray) pos = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  PARSE (NULL, _("Usage: udha-cli user set-role NAME caseworker|supervisor|admin"), 2);
  OPEN (global, &ctx, "user set-role");

  if (!udha_session_set_user_role (ctx.session, ARG (0), ARG (1), &error))
    return fail_error (error);
  if (!global->json)
    printf ("%s\n", _("The role was changed."));
  return ctx_finish (&ctx, UDHA_CLI_EXIT_OK);
}

/* Commands: organisations */

int
udha_cli_org_add (UdhaCliGlobal  *global,
                  int             argc,
                  char          **argv)
{
  g_auto(Ctx) ctx = { { { NULL, }, }, };
  g_autoptr(GPtrArray) pos = g_ptr_array_new ();
  g_autoptr(UdhaOrganisation) org = udha_organisation_new ();
  g_autoptr(UdhaOrganisation) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) services = NULL;
  const char *type = NULL, *qark = NULL, *svc = NULL, *phone = NULL, *contact = NULL, *email = NULL;
  const Opt opts[] = {
    { "--type", &type, NULL },
    { "--qark", &qark, NULL },
    { "--services", &svc, NULL },
    { "--phone", &phone, NULL },
    { "--contact", &contact, NULL },
    { "--email", &email, NULL },
    { NULL, }
  };

  PARSE (opts, _("Usage: udha-cli org add NAME [--type T] [--qark Q] [--services CODE,CODE] "
                 "[--contact ROLE] [--phone P] [--email E]"), 1);
  OPEN (global, &ctx, "org add");

  udha_organisation_set_name (org, ARG (0));
  udha_organisation_set_org_type (org, type);
  udha_organisation_set_qark (org, qark);
  udha_organisation_set_phone (org, phone);
  udha_organisation_set_contact_person (org, contact);
  udha_organisation_set_email (org, email);
  if (svc != NULL)
    {
      services = g_strsplit (svc, ",", -1);
      udha_organisation_set_services (org, (const char * const *) services);
    }

  saved = udha_session_add_organisation (ctx.session, org, &error);
  if (saved == NULL)
    return fail_error (error);
  if (global->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      udha_organisation_to_json (saved, b);
      print_json (b);
    }
  else
    printf (_("Organisation %lld added.\n"), (long long) udha_organisation_get_id (saved));
  return ctx_finish (&ctx, UDHA_CLI_EXIT_OK);
}

int
udha_cli_org_list (UdhaCliGlobal  *global,
                   int             argc,
                   char          **argv)
{
  g_auto(Ctx) ctx = { { { NULL, }, }, };
  g_autoptr(GPtrArray) pos = g_ptr_array_new ();
  g_autoptr(GPtrArray) orgs = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();

  PARSE (NULL, _("Usage: udha-cli org list"), 0);
  OPEN (global, &ctx, "org list");

  orgs = udha_session_list_organisations (ctx.session, &error);
  if (orgs == NULL)
    return fail_error (error);
  json_builder_begin_array (b);
  for (guint i = 0; i < orgs->len; i++)
    {
      UdhaOrganisation *o = g_ptr_array_index (orgs, i);

      if (global->json)
        udha_organisation_to_json (o, b);
      else
        printf ("%" G_GINT64_FORMAT "\t%s\n", udha_organisation_get_id (o), udha_organisation_get_name (o));
    }
  json_builder_end_array (b);
  if (global->json)
    print_json (b);
  return ctx_finish (&ctx, UDHA_CLI_EXIT_OK);
}

/* Commands: persons */

int
udha_cli_person_add (UdhaCliGlobal  *global,
                     int             argc,
                     char          **argv)
{
  g_auto(Ctx) ctx = { { { NULL, }, }, };
  g_autoptr(GPtrArray) pos = g_ptr_array_new ();
  g_autoptr(UdhaPerson) person = udha_person_new ();
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *dob_iso = NULL;
  g_auto(GStrv) nationalities = NULL;
  g_auto(GStrv) languages = NULL;
  const char *given = NULL, *family = NULL, *sex = NULL, *dob = NULL, *age = NULL;
  const char *nationality = NULL, *father = NULL, *phone = NULL, *language = NULL;
  const char *qark = NULL, *birth_country = NULL, *address = NULL, *reason = NULL;
  gboolean force = FALSE;
  const Opt opts[] = {
    { "--given", &given, NULL },
    { "--family", &family, NULL },
    { "--sex", &sex, NULL },
    { "--dob", &dob, NULL },
    { "--age", &age, NULL },
    { "--nationality", &nationality, NULL },
    { "--father-name", &father, NULL },
    { "--phone", &phone, NULL },
    { "--address", &address, NULL },
    { "--language", &language, NULL },
    { "--qark", &qark, NULL },
    { "--birth-country", &birth_country, NULL },
    { "--force", NULL, &force },
    { "--reason", &reason, NULL },
    { NULL, }
  };
  const char *usage = _("Usage: udha-cli person add --given NAME --family NAME --sex female|male|other|not_stated "
                        "--dob DD.MM.YYYY|--age YEARS --nationality CC[,CC] [--father-name NAME] [--phone P] "
                        "[--address A] [--language LL[,LL]] [--qark Q] [--birth-country CC] "
                        "[--force --reason TEXT]");

  PARSE (opts, usage, 0);
  if (given == NULL || family == NULL || sex == NULL || nationality == NULL || (dob == NULL && age == NULL))
    return udha_cli_usage_error (_("Missing arguments. Usage: %s"), usage);
  if (force && reason == NULL)
    return udha_cli_usage_error ("%s", _("--force: say with --reason why this is a new person and not one of "
                                         "the possible duplicates."));
  if (reason != NULL && !force)
    return udha_cli_usage_error ("%s", _("--reason: only with --force."));

  if (dob != NULL)
    {
      UdhaDate date;

      if (!udha_date_parse_dob (dob, NULL, "--dob", &date, &error))
        return fail_error (error);
      dob_iso = udha_date_to_iso (&date);
      udha_person_set_dob (person, dob_iso);
      udha_person_set_dob_precision (person, date.precision == UDHA_DATE_PRECISION_DAY ? "day" :
                                             date.precision == UDHA_DATE_PRECISION_MONTH ? "month" : "year");
    }
  if (age != NULL)
    {
      gint64 years = 0;

      if (!g_ascii_string_to_signed (age, 10, 0, 130, &years, NULL))
        return udha_cli_fail ("%s", _("--age: give the estimated age in years, from 0 to 130."));
      udha_person_set_estimated_age (person, years);
      udha_person_set_age_basis (person, "self_declared");
    }

  udha_person_set_given_name (person, given);
  udha_person_set_family_name (person, family);
  udha_person_set_sex (person, sex);
  udha_person_set_father_name (person, father);
  udha_person_set_phone (person, phone);
  udha_person_set_address (person, address);
  udha_person_set_qark (person, qark);
  udha_person_set_birth_country (person, birth_country);
  nationalities = g_strsplit (nationality, ",", -1);
  udha_person_set_citizenships (person, (const char * const *) nationalities);
  if (language != NULL)
    {
      languages = g_strsplit (language, ",", -1);
      udha_person_set_languages (person, (const char * const *) languages);
    }

  OPEN (global, &ctx, "person add");

  if (force ? !udha_session_register_person_forced (ctx.session, person, reason, &candidates, &error)
            : !udha_session_register_person (ctx.session, person, FALSE, &candidates, &error))
    return fail_error (error);

  json_builder_begin_object (b);
  if (udha_person_get_id (person) != 0)
    add_int (b, "id", udha_person_get_id (person));
  else
    add_string (b, "id", NULL);
  add_string (b, "registration_number", udha_person_get_registration_number (person));
  json_builder_set_member_name (b, "created");
  json_builder_add_boolean_value (b, udha_person_get_id (person) != 0);
  json_builder_set_member_name (b, "candidates");
  json_builder_begin_array (b);
  for (guint i = 0; candidates != NULL && i < candidates->len; i++)
    {
      UdhaDuplicateCandidate *c = g_ptr_array_index (candidates, i);

      json_builder_begin_object (b);
      add_int (b, "person_id", c->person_id);
      add_int (b, "score", c->score);
      json_builder_set_member_name (b, "reasons");
      json_builder_begin_array (b);
      for (guint j = 0; c->reasons != NULL && c->reasons[j] != NULL; j++)
        json_builder_add_string_value (b, c->reasons[j]);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  if (global->json)
    print_json (b);
  else
    {
      if (udha_person_get_id (person) != 0)
        printf (_("Registered %s (id %lld).\n"),
                udha_person_get_registration_number (person), (long long) udha_person_get_id (person));
      else
        printf ("%s\n", _("Not registered: this person may already be registered. Check the candidates below, "
                          "then run the command again with --force --reason TEXT to register anyway."));
      for (guint i = 0; candidates != NULL && i < candidates->len; i++)
        {
          UdhaDuplicateCandidate *c = g_ptr_array_index (candidates, i);
          g_autofree char *reasons = c->reasons != NULL ? g_strjoinv (",", c->reasons) : g_strdup ("");

          printf (_("  candidate: person %lld, score %d (%s)\n"), (long long) c->person_id, c->score, reasons);
        }
    }
  return ctx_finish (&ctx, UDHA_CLI_EXIT_OK);
}

int
udha_cli_person_show (UdhaCliGlobal  *global,
                      int             argc,
                      char          **argv)
{
  g_auto(Ctx) ctx = { { { NULL, }, }, };
  g_autoptr(GPtrArray) pos = g_ptr_array_new ();
  g_autoptr(UdhaPerson) person = NULL;
  g_autoptr(GError) error = NULL;

  PARSE (NULL, _("Usage: udha-cli person show PERSON"), 1);
  OPEN (global, &ctx, "person show");

  person = udha_session_find_person (ctx.session, ARG (0), &error);
  if (person == NULL)
    return fail_error (error);
  if (global->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      udha_person_to_json (person, b);
      print_json (b);
    }
  else
    printf ("%s\t%s %s\t%s\t%s\n", udha_person_get_registration_number (person),
            udha_person_get_given_name (person), udha_person_get_family_name (person),
            udha_person_get_sex (person),
            udha_person_get_dob (person) != NULL ? udha_person_get_dob (person) : "");
  return ctx_finish (&ctx, UDHA_CLI_EXIT_OK);
}

int
udha_cli_person_search (UdhaCliGlobal  *global,
                        int             argc,
                        char          **argv)
{
  g_auto(Ctx) ctx = { { { NULL, }, }, };
  g_autoptr(GPtrArray) pos = g_ptr_array_new ();
  g_autoptr(GArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();

  PARSE (NULL, _("Usage: udha-cli person search QUERY"), 1);
  OPEN (global, &ctx, "person search");

  hits = udha_session_search (ctx.session, ARG (0), LIST_LIMIT, &error);
  if (hits == NULL)
    return fail_error (error);

  json_builder_begin_array (b);
  for (guint i = 0; i < hits->len; i++)
    {
      UdhaSearchHit *hit = &g_array_index (hits, UdhaSearchHit, i);
      g_autoptr(UdhaPerson) person = udha_session_get_person (ctx.session, hit->person_id, NULL);

      json_builder_begin_object (b);
      add_int (b, "person_id", hit->person_id);
      add_string (b, "registration_number", person != NULL ? udha_person_get_registration_number (person) : NULL);
      add_string (b, "given_name", person != NULL ? udha_person_get_given_name (person) : NULL);
      add_string (b, "family_name", person != NULL ? udha_person_get_family_name (person) : NULL);
      if (hit->case_id != 0)
        add_int (b, "case_id", hit->case_id);
      else
        add_string (b, "case_id", NULL);
      json_builder_end_object (b);

      if (!global->json && person != NULL)
        printf ("%" G_GINT64_FORMAT "\t%s\t%s %s\n", hit->person_id,
                udha_person_get_registration_number (person),
                udha_person_get_given_name (person), udha_person_get_family_name (person));
    }
  json_builder_end_array (b);
  if (global->json)
    print_json (b);
  return ctx_finish (&ctx, UDHA_CLI_EXIT_OK);
}

int
udha_cli_person_export (UdhaCliGlobal  *global,
                        int             argc,
                        char          **argv)
{
  g_auto(Ctx) ctx = { { { NULL, }, }, };
  g_autoptr(GPtrArray) pos = g_ptr_array_new ();
  g_autoptr(UdhaPerson) person = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const char *format = "json";
  const Opt opts[] = { { "--format", &format, NULL }, { NULL, } };

  PARSE (opts, _("Usage: udha-cli person export PERSON --format json"), 1);
  if (strcmp (format, "json") != 0)
    return udha_cli_fail ("%s", _("--format: only json is supported."));
  OPEN (global, &ctx, "person export");

  person = udha_session_find_person (ctx.session, ARG (0), &error);
  if (person == NULL)
    return fail_error (error);
  if (!udha_session_export_person (ctx.session, udha_person_get_id (person), b, &error))
    return fail_error (error);
  print_json (b);
  return ctx_finish (&ctx, UDHA_CLI_EXIT_OK);
}

/* Commands: cases */

int
udha_cli_case_open (UdhaCliGlobal  *global,
                    int             argc,
                    char          **argv)
{
  g_auto(Ctx) ctx = { { { NULL, }, }, };
  g_autoptr(GPtrArray) pos = g_ptr_array_new ();
  g_autoptr(UdhaPerson) person = NULL;
  g_autoptr(UdhaCase) case_ = NULL;
  g_autoptr(GError) error = NULL;
  const char *type = NULL, *assign = NULL, *risk = NULL;
  const Opt opts[] = {
    { "--type", &type, NULL },
    { "--risk", &risk, NULL },
    { "--assign", &assign, NULL },
    { NULL, }
  };
  const char *usage = _("Usage: udha-cli case open PERSON --type avrr|ct|protection|uasc|family|labour|other "
                        "[--risk low|medium|high] [--assign USER]");

  PARSE (opts, usage, 1);
  if (type == NULL)
    return udha_cli_usage_error (_("Missing arguments. Usage: %s"), usage);
  OPEN (global, &ctx, "case open");

  person = udha_session_find_person (ctx.session, ARG (0), &error);
  if (person == NULL)
    return fail_error (error);
  case_ = udha_session_open_case_with_risk (ctx.session, udha_person_get_id (person), type, risk, assign, &error);
  if (case_ == NULL)
    return fail_error (error);

  if (global->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      udha_case_to_json (case_, b);
      print_json (b);
    }
  else
    printf (_("Opened case %s (id %lld).\n"), udha_case_get_number (case_), (long long) udha_case_get_id (case_));
  return ctx_finish (&ctx, UDHA_CLI_EXIT_OK);
}

int
udha_cli_case_show (UdhaCliGlobal  *global,
                    int             argc,
                    char          **argv)
{
  g_auto(Ctx) ctx = { { { NULL, }, }, };
  g_autoptr(GPtrArray) pos = g_ptr_array_new ();
  g_autoptr(UdhaCase) found = NULL;
  g_autoptr(UdhaCase) case_ = NULL;
  g_autoptr(GPtrArray) interviews = NULL;
  g_autoptr(GPtrArray) services = NULL;
  g_autoptr(GPtrArray) referrals = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  gint64 id;

  PARSE (NULL, _("Usage: udha-cli case show CASE"), 1);
  OPEN (global, &ctx, "case show");

  found = udha_session_find_case (ctx.session, ARG (0), &error);
  if (found == NULL)
    return fail_error (error);
  id = udha_case_get_id (found);
  case_ = udha_session_open_case_file (ctx.session, id, &error);
  if (case_ == NULL ||
      (interviews = udha_session_list_interviews (ctx.session, id, &error)) == NULL ||
      (services = udha_session_list_services (ctx.session, id, &error)) == NULL ||
      (referrals = udha_session_list_referrals (ctx.session, id, &error)) == NULL)
    return fail_error (error);

  if (global->json)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "case");
      udha_case_to_json (case_, b);
      json_builder_set_member_name (b, "interviews");
      json_builder_begin_array (b);
      for (guint i = 0; i < interviews->len; i++)
        udha_interview_to_json (g_ptr_array_index (interviews, i), b);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "services");
      json_builder_begin_array (b);
      for (guint i = 0; i < services->len; i++)
        udha_service_to_json (g_ptr_array_index (services, i), b);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "referrals");
      json_builder_begin_array (b);
      for (guint i = 0; i < referrals->len; i++)
        udha_referral_to_json (g_ptr_array_index (referrals, i), b);
      json_builder_end_array (b);
      json_builder_end_object (b);
      print_json (b);
    }
  else
    {
      print_case_line (case_);
      for (guint i = 0; i < interviews->len; i++)
        {
          UdhaInterview *iv = g_ptr_array_index (interviews, i);

          printf (_("  interview %lld: %s %s%s\n"), (long long) udha_interview_get_id (iv),
                  udha_interview_get_occurred_at (iv), udha_interview_get_contact_type (iv),
                  udha_interview_get_confidential (iv) ? _(" (confidential)") : "");
        }
      for (guint i = 0; i < services->len; i++)
        {
          UdhaService *s = g_ptr_array_index (services, i);

          printf (_("  service %lld: %s %s\n"), (long long) udha_service_get_id (s),
                  udha_service_get_service_code (s), udha_service_get_status (s));
        }
      for (guint i = 0; i < referrals->len; i++)
        {
          UdhaReferral *r = g_ptr_array_index (referrals, i);

          printf (_("  referral %lld: %s %s\n"), (long long) udha_referral_get_id (r),
                  udha_referral_get_service_code (r), udha_referral_get_status (r));
        }
    }
  return ctx_finish (&ctx, UDHA_CLI_EXIT_OK);
}

int
udha_cli_case_list (UdhaCliGlobal  *global,
                    int             argc,
                    char          **argv)
{
  g_auto(Ctx) ctx = { { { NULL, }, }, };
  g_autoptr(GPtrArray) pos = g_ptr_array_new ();
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  gboolean mine = FALSE, office = FALSE, intake = FALSE, overdue = FALSE;
  const char *status = NULL;
  UdhaCaseListFilter filter = UDHA_CASE_LIST_ALL;
  const Opt opts[] = {
    { "--mine", NULL, &mine },
    { "--office", NULL, &office },
    { "--intake", NULL, &intake },
    { "--overdue", NULL, &overdue },
    { "--status", &status, NULL },
    { NULL, }
  };

  PARSE (opts, _("Usage: udha-cli case list [--mine|--office|--intake|--overdue] [--status S]"), 0);
  if (mine + office + intake + overdue > 1)
    return udha_cli_usage_error ("%s", _("Use only one of --mine, --office, --intake and --overdue."));
  if (mine)
    filter = UDHA_CASE_LIST_MINE;
  else if (intake)
    filter = UDHA_CASE_LIST_INTAKE;
  else if (overdue)
    filter = UDHA_CASE_LIST_OVERDUE;
  OPEN (global, &ctx, "case list");

  cases = udha_session_list_cases (ctx.session, filter, status, 0, LIST_LIMIT, &error);
  if (cases == NULL)
    return fail_error (error);
  json_builder_begin_array (b);
  for (guint i = 0; i < cases->len; i++)
    {
      if (global->json)
        udha_case_to_json (g_ptr_array_index (cases, i), b);
      else
        print_case_line (g_ptr_array_index (cases, i));
    }
  json_builder_end_array (b);
  if (global->json)
    print_json (b);
  return ctx_finish (&ctx, UDHA_CLI_EXIT_OK);
}

int
udha_cli_case_assign (UdhaCliGlobal  *global,
                      int             argc,
                      char          **argv)
{
  g_auto(Ctx) ctx = { { { NULL, }, }, };
  g_autoptr(GPtrArray) pos = g_ptr_array_new ();
  g_autoptr(UdhaCase) case_ = NULL;
  g_autoptr(GError) error = NULL;
  const char *reason = NULL;
  gboolean intake = FALSE;
  const Opt opts[] = { { "--reason", &reason, NULL }, { "--intake", NULL, &intake }, { NULL, } };
  const char *usage = _("Usage: udha-cli case assign CASE USER|--intake [--reason R]");
  int ret;

  ret = parse_args (argc, argv, opts, usage, pos);
  if (ret >= 0)
    return ret;
  ret = expect_positional (pos, intake ? 1 : 2, usage);
  if (ret >= 0)
    return ret;
  OPEN (global, &ctx, "case assign");

  case_ = udha_session_find_case (ctx.session, ARG (0), &error);
  if (case_ == NULL ||
      !udha_session_assign_case (ctx.session, udha_case_get_id (case_), intake ? NULL : ARG (1), reason, &error))
    return fail_error (error);
  if (!global->json)
    printf ("%s\n", _("The case was assigned."));
  return ctx_finish (&ctx, UDHA_CLI_EXIT_OK);
}

/* Prints @cases as a JSON array or one line each. */
static void
print_cases (UdhaCliGlobal *global,
             GPtrArray     *cases)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < cases->len; i++)
    {
      if (global->json)
        udha_case_to_json (g_ptr_array_index (cases, i), b);
      else
        print_case_line (g_ptr_array_index (cases, i));
    }
  json_builder_end_array (b);
  if (global->json)
    print_json (b);
}

int
udha_cli_person_cases (UdhaCliGlobal  *global,
                       int             argc,
                       char          **argv)
{
  g_auto(Ctx) ctx = { { { NULL, }, }, };
  g_autoptr(GPtrArray) pos = g_ptr_array_new ();
  g_autoptr(UdhaPerson) person = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) error = NULL;

  PARSE (NULL, _("Usage: udha-cli person cases PERSON"), 1);
  OPEN (global, &ctx, "person cases");

  person = udha_session_find_person (ctx.session, ARG (0), &error);
  if (person == NULL)
    return fail_error (error);
  cases = udha_session_list_cases_of_person (ctx.session, udha_person_get_id (person), &error);
  if (cases == NULL)
    return fail_error (error);
  print_cases (global, cases);
  return ctx_finish (&ctx, UDHA_CLI_EXIT_OK);
}

int
udha_cli_case_take (UdhaCliGlobal  *global,
                    int             argc,
                    char          **argv)
{
  g_auto(Ctx) ctx = { { { NULL, }, }, };
  g_autoptr(GPtrArray) pos = g_ptr_array_new ();
  g_autoptr(UdhaCase) case_ = NULL;
  g_autoptr(UdhaCase) after = NULL;
  g_autoptr(GError) error = NULL;

  PARSE (NULL, _("Usage: udha-cli case take CASE"), 1);
  OPEN (global, &ctx, "case take");

  case_ = udha_session_find_case (ctx.session, ARG (0), &error);
  if (case_ == NULL ||
      !udha_session_take_case (ctx.session, udha_case_get_id (case_), &error))
    return fail_error (error);
  after = udha_session_get_case (ctx.session, udha_case_get_id (case_), &error);
  if (after == NULL)
    return fail_error (error);
  if (global->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      udha_case_to_json (after, b);
      print_json (b);
    }
  else
    printf (_("You now have case %s.\n"), udha_case_get_number (after));
  return ctx_finish (&ctx, UDHA_CLI_EXIT_OK);
}

int
udha_cli_case_reassign (UdhaCliGlobal  *global,
                        int             argc,
                        char          **argv)
{
  g_auto(Ctx) ctx = { { { NULL, }, }, };
  g_autoptr(GPtrArray) pos = g_ptr_array_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) colleagues = NULL;
  g_autoptr(GError) error = NULL;
  const char *to = NULL, *reason = NULL;
  const Opt opts[] = { { "--to", &to, NULL }, { "--reason", &reason, NULL }, { NULL, } };
  const char *usage = _("Usage: udha-cli case reassign CASE… --to USER --reason TEXT");
  UdhaUser *assignee = NULL;
  int ret;

  ret = parse_args (argc, argv, opts, usage, pos);
  if (ret >= 0)
    return ret;
  if (pos->len == 0 || to == NULL || reason == NULL)
    return udha_cli_usage_error (_("Missing arguments. Usage: %s"), usage);
  OPEN (global, &ctx, "case reassign");

  colleagues = udha_session_list_colleagues (ctx.session, &error);
  if (colleagues == NULL)
    return fail_error (error);
  for (guint i = 0; i < colleagues->len; i++)
    if (g_strcmp0 (udha_user_get_user_name (g_ptr_array_index (colleagues, i)), to) == 0)
      assignee = g_ptr_array_index (colleagues, i);
  if (assignee == NULL)
    return udha_cli_fail ("%s", _("--to: there is no active user with this name in your office."));

  for (guint i = 0; i < pos->len; i++)
    {
      g_autoptr(UdhaCase) case_ = udha_session_find_case (ctx.session, ARG (i), &error);
      gint64 id;

      if (case_ == NULL)
        return fail_error (error);
      id = udha_case_get_id (case_);
      g_array_append_val (ids, id);
    }
  if (!udha_session_reassign_cases (ctx.session, (const gint64 *) ids->data, ids->len,
                                    udha_user_get_id (assignee), reason, &error))
    return fail_error (error);

  if (global->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      add_string (b, "to", udha_user_get_user_name (assignee));
      json_builder_set_member_name (b, "cases");
      json_builder_begin_array (b);
      for (guint i = 0; i < ids->len; i++)
        json_builder_add_int_value (b, g_array_index (ids, gint64, i));
      json_builder_end_array (b);
      json_builder_end_object (b);
      print_json (b);
    }
  else
    printf (g_dngettext (GETTEXT_PACKAGE, "%u case was reassigned to %s.\n", "%u cases were reassigned to %s.\n",
                         ids->len),
            ids->len, udha_user_get_user_name (assignee));
  return ctx_finish (&ctx, UDHA_CLI_EXIT_OK);
}

typedef enum
{
  CLOSURE_REQUEST,
  CLOSURE_APPROVE,
  CLOSURE_REJECT,
  CLOSURE_REOPEN,
} ClosureStep;

static int
case_closure (UdhaCliGlobal  *global,
              int             argc,
              char          **argv,
              ClosureStep     step,
              const char     *name,
              const char     *usage)
{
  g_auto(Ctx) ctx = { { { NULL, }, }, };
  g_autoptr(GPtrArray) pos = g_ptr_array_new ();
  g_autoptr(UdhaCase) case_ = NULL;
  g_autoptr(UdhaCase) after = NULL;
  g_autoptr(GError) error = NULL;
  const char *reason = NULL, *note = NULL;
  const Opt opts[] = { { "--reason", &reason, NULL }, { "--note", &note, NULL }, { NULL, } };
  gboolean ok = FALSE;

  PARSE (opts, usage, 1);
  OPEN (global, &ctx, name);

  case_ = udha_session_find_case (ctx.session, ARG (0), &error);
  if (case_ == NULL)
    return fail_error (error);
  switch (step)
    {
    case CLOSURE_REQUEST:
      if (reason == NULL)
        return udha_cli_fail ("%s", _("--reason: give the closure reason code, e.g. objectives_met."));
      ok = udha_session_request_closure (ctx.session, udha_case_get_id (case_), reason, note, &error);
      break;
    case CLOSURE_APPROVE:
      ok = udha_session_approve_closure_with_reason (ctx.session, udha_case_get_id (case_), reason, &error);
      break;
    case CLOSURE_REJECT:
      ok = udha_session_reject_closure (ctx.session, udha_case_get_id (case_), reason, &error);
      break;
    case CLOSURE_REOPEN:
      ok = udha_session_reopen_case (ctx.session, udha_case_get_id (case_), reason, &error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (!ok)
    return fail_error (error);

  after = udha_session_get_case (ctx.session, udha_case_get_id (case_), NULL);
  if (global->json && after != NULL)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      udha_case_to_json (after, b);
      print_json (b);
    }
  else if (after != NULL)
    printf (_("Case %s is now %s.\n"), udha_case_get_number (after),
            udha_lookup_get_label (UDHA_LOOKUP_CASE_STATUS, udha_case_get_status (after)));
  return ctx_finish (&ctx, UDHA_CLI_EXIT_OK);
}

int
udha_cli_case_request_closure (UdhaCliGlobal  *global,
                               int             argc,
                               char          **argv)
{
  return case_closure (global, argc, argv, CLOSURE_REQUEST, "case request-closure",
                       _("Usage: udha-cli case request-closure CASE --reason CODE [--note TEXT]"));
}

int
udha_cli_case_approve_closure (UdhaCliGlobal  *global,
                               int             argc,
                               char          **argv)
{
  return case_closure (global, argc, argv, CLOSURE_APPROVE, "case approve-closure",
                       _("Usage: udha-cli case approve-closure CASE [--reason TEXT]"));
}

int
udha_cli_case_reject_closure (UdhaCliGlobal  *global,
                              int             argc,
                              char          **argv)
{
  return case_closure (global, argc, argv, CLOSURE_REJECT, "case reject-closure",
                       _("Usage: udha-cli case reject-closure CASE --reason TEXT"));
}

int
udha_cli_case_reopen (UdhaCliGlobal  *global,
                      int             argc,
                      char          **argv)
{
  return case_closure (global, argc, argv, CLOSURE_REOPEN, "case reopen",
                       _("Usage: udha-cli case reopen CASE --reason TEXT"));
}

/* Commands: interviews, services */

int
udha_cli_interview_add (UdhaCliGlobal  *global,
                        int             argc,
                        char          **argv)
{
  g_auto(Ctx) ctx = { { { NULL, }, }, };
  g_autoptr(GPtrArray) pos = g_ptr_array_new ();
  g_autoptr(UdhaCase) case_ = NULL;
  g_autoptr(UdhaInterview) iv = udha_interview_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *day = NULL;
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;
  const char *type = NULL, *date = NULL, *time_ = NULL, *location = NULL, *file = NULL;
  const char *language = NULL, *consent = NULL;
  gboolean confidential = FALSE;
  const Opt opts[] = {
    { "--type", &type, NULL },
    { "--date", &date, NULL },
    { "--time", &time_, NULL },
    { "--location", &location, NULL },
    { "--language", &language, NULL },
    { "--consent-reconfirmed", &consent, NULL },
    { "--text-file", &file, NULL },
    { "--confidential", NULL, &confidential },
    { NULL, }
  };
  const char *usage = _("Usage: udha-cli interview add CASE --type T --date DD.MM.YYYY [--time HH:MM] [--location L] "
                        "[--language LL] [--consent-reconfirmed yes|no|not_applicable] [--confidential] "
                        "[--text-file FILE]   (the text is read from stdin without --text-file)");

  PARSE (opts, usage, 1);
  if (type == NULL || date == NULL)
    return udha_cli_usage_error (_("Missing arguments. Usage: %s"), usage);
  day = parse_date (date, "--date", FALSE, &error);
  if (day == NULL)
    return fail_error (error);
  if (time_ != NULL)
    {
      int h, m;

      if (sscanf (time_, "%2d:%2d", &h, &m) != 2 || h < 0 || h > 23 || m < 0 || m > 59)
        return udha_cli_fail ("%s", _("--time: write the time as HH:MM."));
      when = g_strdup_printf ("%sT%02d:%02d", day, h, m);
    }
  else
    when = g_strdup (day);

  OPEN (global, &ctx, "interview add");
  case_ = udha_session_find_case (ctx.session, ARG (0), &error);
  if (case_ == NULL)
    return fail_error (error);

  text = read_text (file, &error);
  if (text == NULL)
    return fail_error (error);

  udha_interview_set_case_id (iv, udha_case_get_id (case_));
  udha_interview_set_contact_type (iv, type);
  udha_interview_set_occurred_at (iv, when);
  udha_interview_set_location (iv, location);
  udha_interview_set_language (iv, language);
  udha_interview_set_consent_reconfirmed (iv, consent);
  udha_interview_set_narrative (iv, g_strstrip (text));
  udha_interview_set_confidential (iv, confidential);

  if (!udha_session_add_interview (ctx.session, iv, &error))
    return fail_error (error);
  if (global->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      udha_interview_to_json (iv, b);
      print_json (b);
    }
  else
    printf (_("Interview %lld added.\n"), (long long) udha_interview_get_id (iv));
  return ctx_finish (&ctx, UDHA_CLI_EXIT_OK);
}

int
udha_cli_service_add (UdhaCliGlobal  *global,
                      int             argc,
                      char          **argv)
{
  g_auto(Ctx) ctx = { { { NULL, }, }, };
  g_autoptr(GPtrArray) pos = g_ptr_array_new ();
  g_autoptr(UdhaCase) case_ = NULL;
  g_autoptr(UdhaService) service = udha_service_new ();
  g_autoptr(UdhaOrganisation) org = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *due_iso = NULL;
  const char *code = NULL, *status = NULL, *due = NULL, *org_ref = NULL, *delivery = NULL;
  const Opt opts[] = {
    { "--service", &code, NULL },
    { "--status", &status, NULL },
    { "--due", &due, NULL },
    { "--org", &org_ref, NULL },
    { "--delivery", &delivery, NULL },
    { NULL, }
  };
  const char *usage = _("Usage: udha-cli service add CASE --service CODE [--status S] [--due DD.MM.YYYY] "
                        "[--org ORG] [--delivery D]");

  PARSE (opts, usage, 1);
  if (code == NULL)
    return udha_cli_usage_error (_("Missing arguments. Usage: %s"), usage);
  if (due != NULL && (due_iso = parse_date (due, "--due", TRUE, &error)) == NULL)
    return fail_error (error);
  OPEN (global, &ctx, "service add");

  case_ = udha_session_find_case (ctx.session, ARG (0), &error);
  if (case_ == NULL)
    return fail_error (error);
  if (org_ref != NULL && (org = udha_session_find_organisation (ctx.session, org_ref, &error)) == NULL)
    return fail_error (error);

  udha_service_set_case_id (service, udha_case_get_id (case_));
  udha_service_set_service_code (service, code);
  udha_service_set_status (service, status);
  udha_service_set_due_on (service, due_iso);
  udha_service_set_delivery (service, delivery);
  if (org != NULL)
    udha_service_set_provider_org_id (service, udha_organisation_get_id (org));

  if (!udha_session_add_service (ctx.session, service, &error))
    return fail_error (error);
  if (global->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      udha_service_to_json (service, b);
      print_json (b);
    }
  else
    printf (_("Service %lld added.\n"), (long long) udha_service_get_id (service));
  return ctx_finish (&ctx, UDHA_CLI_EXIT_OK);
}

int
udha_cli_service_set_status (UdhaCliGlobal  *global,
                             int             argc,
                             char          **argv)
{
  g_auto(Ctx) ctx = { { { NULL, }, }, };
  g_autoptr(GPtrArray) pos = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  PARSE (NULL, _("Usage: udha-cli service set-status SERVICE STATUS"), 2);
  if (!parse_id (ARG (0), "SERVICE", &id, &error))
    return fail_error (error);
  OPEN (global, &ctx, "service set-status");

  if (!udha_session_set_service_status (ctx.session, id, ARG (1), &error))
    return fail_error (error);
  if (!global->json)
    printf ("%s\n", _("The service status was changed."));
  return ctx_finish (&ctx, UDHA_CLI_EXIT_OK);
}

/* Commands: referrals, consents */

int
udha_cli_referral_add (UdhaCliGlobal  *global,
                       int             argc,
                       char          **argv)
{
  g_auto(Ctx) ctx = { { { NULL, }, }, };
  g_autoptr(GPtrArray) pos = g_ptr_array_new ();
  g_autoptr(UdhaCase) case_ = NULL;
  g_autoptr(UdhaOrganisation) org = NULL;
  g_autoptr(UdhaReferral) referral = udha_referral_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *follow_iso = NULL;
  const char *org_ref = NULL, *service = NULL, *follow = NULL, *urgency = NULL, *reason = NULL;
  gboolean urgent = FALSE;
  const Opt opts[] = {
    { "--org", &org_ref, NULL },
    { "--service", &service, NULL },
    { "--urgent", NULL, &urgent },
    { "--urgency", &urgency, NULL },
    { "--reason", &reason, NULL },
    { "--follow-up", &follow, NULL },
    { NULL, }
  };
  const char *usage = _("Usage: udha-cli referral add CASE --org ORG --service CODE [--urgent] "
                        "[--follow-up DD.MM.YYYY] [--reason CODE]");

  PARSE (opts, usage, 1);
  if (org_ref == NULL || service == NULL)
    return udha_cli_usage_error (_("Missing arguments. Usage: %s"), usage);
  if (follow != NULL && (follow_iso = parse_date (follow, "--follow-up", TRUE, &error)) == NULL)
    return fail_error (error);
  OPEN (global, &ctx, "referral add");

  case_ = udha_session_find_case (ctx.session, ARG (0), &error);
  if (case_ == NULL)
    return fail_error (error);
  org = udha_session_find_organisation (ctx.session, org_ref, &error);
  if (org == NULL)
    return fail_error (error);

  udha_referral_set_case_id (referral, udha_case_get_id (case_));
  udha_referral_set_org_id (referral, udha_organisation_get_id (org));
  udha_referral_set_service_code (referral, service);
  udha_referral_set_urgency (referral, urgency != NULL ? urgency : urgent ? "priority" : "routine");
  udha_referral_set_reason (referral, reason);
  udha_referral_set_follow_up_due (referral, follow_iso);

  if (!udha_session_add_referral (ctx.session, referral, &error))
    return fail_error (error);
  if (global->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      udha_referral_to_json (referral, b);
      print_json (b);
    }
  else
    printf (_("Referral %lld added as a draft.\n"), (long long) udha_referral_get_id (referral));
  return ctx_finish (&ctx, UDHA_CLI_EXIT_OK);
}

int
udha_cli_referral_set_status (UdhaCliGlobal  *global,
                              int             argc,
                              char          **argv)
{
  g_auto(Ctx) ctx = { { { NULL, }, }, };
  g_autoptr(GPtrArray) pos = g_ptr_array_new ();
  g_autoptr(UdhaReferral) after = NULL;
  g_autoptr(GError) error = NULL;
  const char *reason = NULL, *outcome = NULL, *basis = NULL;
  const Opt opts[] = {
    { "--reason", &reason, NULL },
    { "--outcome", &outcome, NULL },
    { "--override-consent", &basis, NULL },
    { NULL, }
  };
  UdhaConsentOverride override = { NULL, NULL };
  gint64 id;

  PARSE (opts, _("Usage: udha-cli referral set-status REFERRAL STATUS [--reason R] [--outcome O] "
                 "[--override-consent LEGAL_BASIS --reason R]"), 2);
  if (!parse_id (ARG (0), "REFERRAL", &id, &error))
    return fail_error (error);
  OPEN (global, &ctx, "referral set-status");

  override.legal_basis = basis;
  override.reason = reason;
  if (!udha_session_set_referral_status (ctx.session, id, ARG (1), reason, outcome,
                                         basis != NULL ? &override : NULL, &error))
    return fail_error (error);

  after = udha_session_get_referral (ctx.session, id, NULL);
  if (global->json && after != NULL)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      udha_referral_to_json (after, b);
      print_json (b);
    }
  else if (!global->json)
    printf (_("Referral %lld is now %s.\n"), (long long) id,
            udha_lookup_get_label (UDHA_LOOKUP_REFERRAL_STATUS, ARG (1)));
  return ctx_finish (&ctx, UDHA_CLI_EXIT_OK);
}

int
udha_cli_consent_add (UdhaCliGlobal  *global,
                      int             argc,
                      char          **argv)
{
  g_auto(Ctx) ctx = { { { NULL, }, }, };
  g_autoptr(GPtrArray) pos = g_ptr_array_new ();
  g_autoptr(UdhaPerson) person = NULL;
  g_autoptr(UdhaConsent) consent = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expires_iso = NULL;
  g_autofree char *given_iso = NULL;
  const char *purpose = NULL, *expires = NULL, *given = NULL, *given_by = NULL;
  const Opt opts[] = {
    { "--purpose", &purpose, NULL },
    { "--expires", &expires, NULL },
    { "--given", &given, NULL },
    { "--given-by", &given_by, NULL },
    { NULL, }
  };
  const char *usage = _("Usage: udha-cli consent add PERSON --purpose P [--expires DD.MM.YYYY] "
                        "[--given DD.MM.YYYY] [--given-by person|parent|guardian|other]");

  PARSE (opts, usage, 1);
  if (purpose == NULL)
    return udha_cli_usage_error (_("Missing arguments. Usage: %s"), usage);
  if (expires != NULL && (expires_iso = parse_date (expires, "--expires", TRUE, &error)) == NULL)
    return fail_error (error);
  if (given != NULL && (given_iso = parse_date (given, "--given", FALSE, &error)) == NULL)
    return fail_error (error);
  OPEN (global, &ctx, "consent add");

  person = udha_session_find_person (ctx.session, ARG (0), &error);
  if (person == NULL)
    return fail_error (error);
  consent = udha_session_add_consent (ctx.session, udha_person_get_id (person), purpose, given_by,
                                      given_iso, expires_iso, &error);
  if (consent == NULL)
    return fail_error (error);
  if (global->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      udha_consent_to_json (consent, b);
      print_json (b);
    }
  else
    printf (_("Consent %lld recorded.\n"), (long long) udha_consent_get_id (consent));
  return ctx_finish (&ctx, UDHA_CLI_EXIT_OK);
}

int
udha_cli_consent_withdraw (UdhaCliGlobal  *global,
                           int             argc,
                           char          **argv)
{
  g_auto(Ctx) ctx = { { { NULL, }, }, };
  g_autoptr(GPtrArray) pos = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  PARSE (NULL, _("Usage: udha-cli consent withdraw CONSENT"), 1);
  if (!parse_id (ARG (0), "CONSENT", &id, &error))
    return fail_error (error);
  OPEN (global, &ctx, "consent withdraw");

  if (!udha_session_withdraw_consent (ctx.session, id, &error))
    return fail_error (error);
  if (!global->json)
    printf ("%s\n", _("The consent was withdrawn. Cancel the open referrals it covered and inform the receivers."));
  return ctx_finish (&ctx, UDHA_CLI_EXIT_OK);
}

/* Commands: audit */

int
udha_cli_audit_list (UdhaCliGlobal  *global,
                     int             argc,
                     char          **argv)
{
  g_auto(Ctx) ctx = { { { NULL, }, }, };
  g_autoptr(GPtrArray) pos = g_ptr_array_new ();
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const char *limit_text = NULL;
  const Opt opts[] = { { "--limit", &limit_text, NULL }, { NULL, } };
  gint64 limit = LIST_LIMIT;

  PARSE (opts, _("Usage: udha-cli audit list [--limit N]"), 0);
  if (limit_text != NULL && !g_ascii_string_to_signed (limit_text, 10, 1, 100000, &limit, NULL))
    return udha_cli_fail ("%s", _("--limit: give a number from 1 to 100000."));
  OPEN (global, &ctx, "audit list");

  entries = udha_session_audit_list (ctx.session, 0, (guint) limit, &error);
  if (entries == NULL)
    return fail_error (error);
  json_builder_begin_array (b);
  for (guint i = 0; i < entries->len; i++)
    {
      UdhaAuditEntry *e = g_ptr_array_index (entries, i);

      if (global->json)
        udha_audit_entry_to_json (e, b);
      else
        printf ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%" G_GINT64_FORMAT "\n", e->seq, e->at,
                e->user_name != NULL ? e->user_name : "-", e->action,
                e->entity != NULL ? e->entity : "-", e->entity_id);
    }
  json_builder_end_array (b);
  if (global->json)
    print_json (b);
  return ctx_finish (&ctx, UDHA_CLI_EXIT_OK);
}

int
udha_cli_audit_verify (UdhaCliGlobal  *global,
                       int             argc,
                       char          **argv)
{
  g_auto(Ctx) ctx = { { { NULL, }, }, };
  g_autoptr(GPtrArray) pos = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  guint64 bad = 0;

  PARSE (NULL, _("Usage: udha-cli audit verify"), 0);
  OPEN (global, &ctx, "audit verify");

  if (!udha_session_audit_verify (ctx.session, &bad, &error))
    {
      if (bad != 0)
        return udha_cli_fail (_("The audit log is broken at entry %llu: %s"), (unsigned long long) bad, error->message);
      return fail_error (error);
    }
  if (global->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "ok");
      json_builder_add_boolean_value (b, TRUE);
      json_builder_end_object (b);
      print_json (b);
    }
  else
    printf ("%s\n", _("OK: the audit log is intact."));
  return ctx_finish (&ctx, UDHA_CLI_EXIT_OK);
}
