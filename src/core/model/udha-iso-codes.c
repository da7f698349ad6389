/* udha-iso-codes.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "udha-iso-codes"

#include "config.h"

#include "udha-iso-codes.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

/*
 * Countries (ISO 3166-1) and languages (ISO 639-3) from Debian's iso-codes
 * package: its JSON files for the codes, its gettext domains for the names.
 * Nothing here is a hand-written table except Kosovo (XK, a user-assigned code
 * used by the EU and IOM; not in ISO 3166-1 but essential in Albania) and the
 * citizenship values "stateless" and "unknown".
 *
 * The JSON directory is $UDHA_ISO_CODES_DIR or /usr/share/iso-codes/json; the
 * translations are looked up in $UDHA_ISO_CODES_LOCALEDIR or /usr/share/locale.
 * Debian's Albanian iso_639-3 catalogue is empty, so language names fall back to
 * the iso_639-2 catalogue (which has them) through the ISO 639-2 name.
 *
 * The files are read once, on first use, from any thread (g_once).
 */

#define DEFAULT_JSON_DIR "/usr/share/iso-codes/json"
#define DEFAULT_LOCALE_DIR "/usr/share/locale"

typedef struct
{
  UdhaIsoCountry  pub;
  char           *iso_name;      /* "name" in iso-codes: the msgid */
  gboolean        udha_domain;   /* translated in our own domain (Kosovo) */
} Country;

typedef struct
{
  UdhaIsoLanguage  pub;
  char            *name_639_2;   /* the ISO 639-2 name, for the iso_639-2 catalogue */
  gboolean         picker;       /* living language or macrolanguage */
} Language;

typedef struct
{
  GPtrArray  *countries;         /* Country* */
  GHashTable *country_by_a2;
  GHashTable *country_by_a3;
  GPtrArray  *languages;         /* Language* */
  GHashTable *language_by_code;
  GHashTable *language_by_a2;
  GHashTable *language_by_b;
} IsoData;

static const UdhaIsoCountry special_citizenships[] = {
  { UDHA_CITIZENSHIP_STATELESS, NULL, NC_("citizenship", "Stateless"), NULL },
  { UDHA_CITIZENSHIP_UNKNOWN, NULL, NC_("citizenship", "Unknown"), NULL },
};

/* Languages of the caseload without an ISO 639-1 code, offered first in pickers */
static const char *const extra_common_languages[] = {
  "prs", "pbt", "pbu", "haz", "pes", "ckb", "kmr", "sdh", "apc", "ary", "arq", "arz",
  "acm", "aeb", "apd", "bal", "pnb", "skr", "aln", "als", "rmn", "rmy", "tig", NULL
};

/*
 * Auxiliary methods
 */

static const char *
json_dir (void)
{
  const char *dir = g_getenv ("UDHA_ISO_CODES_DIR");

  return (dir != NULL && *dir != '\0') ? dir : DEFAULT_JSON_DIR;
}

static JsonArray *
load_array (JsonParser *parser,
            const char *file,
            const char *member)
{
  g_autofree char *path = g_build_filename (json_dir (), file, NULL);
  g_autoptr(GError) error = NULL;
  JsonNode *root;
  JsonObject *object;

  if (!json_parser_load_from_file (parser, path, &error))
    {
      g_message ("Cannot read %s: %s", path, error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  if (!json_object_has_member (object, member))
    return NULL;
  return json_object_get_array_member (object, member);
}

static char *
dup_member (JsonObject *o,
            const char *member)
{
  JsonNode *node = json_object_get_member (o, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static void
add_country (IsoData *data,
             Country *c)
{
  g_ptr_array_add (data->countries, c);
  g_hash_table_insert (data->country_by_a2, (gpointer) c->pub.alpha2, c);
  if (c->pub.alpha3 != NULL)
    g_hash_table_insert (data->country_by_a3, (gpointer) c->pub.alpha3, c);
}

static void
load_countries (IsoData *data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *array = load_array (parser, "iso_3166-1.json", "3166-1");
  Country *kosovo;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      Country *c;
      char *common;

      if (o == NULL || !json_object_has_member (o, "alpha_2") || !json_object_has_member (o, "name"))
        continue;

      c = g_new0 (Country, 1);
      c->pub.alpha2 = dup_member (o, "alpha_2");
      c->pub.alpha3 = dup_member (o, "alpha_3");
      c->iso_name = dup_member (o, "name");
      common = dup_member (o, "common_name");
      c->pub.name = common != NULL ? common : g_strdup (c->iso_name);
      c->pub.official_name = c->iso_name;
      if (c->pub.alpha2 == NULL || c->iso_name == NULL)
        continue;   /* leaked on purpose: malformed entries never happen in practice */
      add_country (data, c);
    }

  if (g_hash_table_lookup (data->country_by_a2, "XK") == NULL)
    {
      kosovo = g_new0 (Country, 1);
      kosovo->pub.alpha2 = "XK";
      kosovo->pub.alpha3 = "XKX";
      kosovo->pub.name = N_("Kosovo");
      kosovo->iso_name = (char *) kosovo->pub.name;
      kosovo->pub.official_name = kosovo->iso_name;
      kosovo->udha_domain = TRUE;
      add_country (data, kosovo);
    }
}

static void
load_languages (IsoData *data)
{
  g_autoptr(JsonParser) parser3 = json_parser_new ();
  g_autoptr(JsonParser) parser2 = json_parser_new ();
  g_autoptr(GHashTable) names_639_2 = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array2 = load_array (parser2, "iso_639-2.json", "639-2");
  JsonArray *array3 = load_array (parser3, "iso_639-3.json", "639-3");

  for (guint i = 0; array2 != NULL && i < json_array_get_length (array2); i++)
    {
      JsonObject *o = json_array_get_object_element (array2, i);

      if (o != NULL && json_object_has_member (o, "alpha_3") && json_object_has_member (o, "name"))
        g_hash_table_insert (names_639_2,
                             (gpointer) json_object_get_string_member (o, "alpha_3"),
                             (gpointer) json_object_get_string_member (o, "name"));
    }

  for (guint i = 0; array3 != NULL && i < json_array_get_length (array3); i++)
    {
      JsonObject *o = json_array_get_object_element (array3, i);
      Language *l;
      g_autofree char *type = NULL;
      g_autofree char *scope = NULL;
      const char *name2;

      if (o == NULL || !json_object_has_member (o, "alpha_3") || !json_object_has_member (o, "name"))
        continue;

      l = g_new0 (Language, 1);
      l->pub.code = dup_member (o, "alpha_3");
      l->pub.alpha2 = dup_member (o, "alpha_2");
      l->pub.bibliographic = dup_member (o, "bibliographic");
      l->pub.name = dup_member (o, "name");
      type = dup_member (o, "type");
      scope = dup_member (o, "scope");
      l->picker = g_strcmp0 (type, "L") == 0 || g_strcmp0 (scope, "M") == 0;
      l->pub.common = l->picker &&
                      (l->pub.alpha2 != NULL || g_strv_contains (extra_common_languages, l->pub.code));
      name2 = g_hash_table_lookup (names_639_2, l->pub.code);
      l->name_639_2 = g_strdup (name2);

      g_ptr_array_add (data->languages, l);
      g_hash_table_insert (data->language_by_code, (gpointer) l->pub.code, l);
      if (l->pub.alpha2 != NULL)
        g_hash_table_insert (data->language_by_a2, (gpointer) l->pub.alpha2, l);
      if (l->pub.bibliographic != NULL)
        g_hash_table_insert (data->language_by_b, (gpointer) l->pub.bibliographic, l);
    }
}

static gpointer
load_data (gpointer user_data)
{
  IsoData *data = g_new0 (IsoData, 1);
  const char *localedir = g_getenv ("UDHA_ISO_CODES_LOCALEDIR");

  if (localedir == NULL || *localedir == '\0')
    localedir = DEFAULT_LOCALE_DIR;

  bindtextdomain ("iso_3166-1", localedir);
  bind_textdomain_codeset ("iso_3166-1", "UTF-8");
  bindtextdomain ("iso_639-3", localedir);
  bind_textdomain_codeset ("iso_639-3", "UTF-8");
  bindtextdomain ("iso_639-2", localedir);
  bind_textdomain_codeset ("iso_639-2", "UTF-8");

  data->countries = g_ptr_array_new ();
  data->country_by_a2 = g_hash_table_new (g_str_hash, g_str_equal);
  data->country_by_a3 = g_hash_table_new (g_str_hash, g_str_equal);
  data->languages = g_ptr_array_new ();
  data->language_by_code = g_hash_table_new (g_str_hash, g_str_equal);
  data->language_by_a2 = g_hash_table_new (g_str_hash, g_str_equal);
  data->language_by_b = g_hash_table_new (g_str_hash, g_str_equal);

  load_countries (data);
  load_languages (data);

  g_debug ("%u countries, %u languages", data->countries->len, data->languages->len);

  return data;
}

static IsoData *
get_data (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, load_data, NULL);
}

static const char *
translate_country (const Country *c)
{
  const char *t;

  if (c->udha_domain)
    return g_dgettext (GETTEXT_PACKAGE, c->pub.name);

  /* The common name ("Syria") when it has a translation, else the ISO name
   * ("Syrian Arab Republic"), else the English common name. */
  if (c->pub.name != c->iso_name && strcmp (c->pub.name, c->iso_name) != 0)
    {
      t = g_dgettext ("iso_3166-1", c->pub.name);
      if (t != c->pub.name)
        return t;
    }
  t = g_dgettext ("iso_3166-1", c->iso_name);
  if (t != c->iso_name)
    return t;
  return c->pub.name;
}

static const char *
translate_language (const Language *l)
{
  const char *t = g_dgettext ("iso_639-3", l->pub.name);

  if (t != l->pub.name)
    return t;
  if (l->name_639_2 != NULL)
    {
      t = g_dgettext ("iso_639-2", l->name_639_2);
      if (t != l->name_639_2)
        return t;
    }
  return l->pub.name;
}

static char *
sanitize_code (const char *value)
{
  GString *s = g_string_new (NULL);

  for (const char *p = value; p != NULL && *p != '\0' && s->len < 16; p++)
    g_string_append_c (s, g_ascii_isalnum (*p) || *p == '-' || *p == '_' ? *p : '?');

  return g_string_free (s, FALSE);
}

typedef struct
{
  char          *key;
  gconstpointer  item;
} SortItem;

static int
compare_sort_items (gconstpointer a,
                    gconstpointer b)
{
  return strcmp (((const SortItem *) a)->key, ((const SortItem *) b)->key);
}

/* Sorts @items (of which @name gives the translated name) in the user's collation */
static void
sort_by_name (GPtrArray   *items,
              const char *(*name) (gconstpointer item))
{
  g_autofree SortItem *tmp = g_new (SortItem, MAX (items->len, 1));

  for (guint i = 0; i < items->len; i++)
    {
      tmp[i].item = g_ptr_array_index (items, i);
      tmp[i].key = g_utf8_collate_key (name (tmp[i].item), -1);
    }
  qsort (tmp, items->len, sizeof (SortItem), compare_sort_items);
  for (guint i = 0; i < items->len; i++)
    {
      items->pdata[i] = (gpointer) tmp[i].item;
      g_free (tmp[i].key);
    }
}

static const char *
country_item_name (gconstpointer item)
{
  return translate_country (item);
}

static const char *
language_item_name (gconstpointer item)
{
  return translate_language (item);
}

/*
 * Public API: countries
 */

guint
udha_iso_country_count (void)
{
  return get_data ()->countries->len;
}

/**
 * udha_iso_country_find:
 * @code: (nullable): an alpha-2 code, upper case ("AL")
 *
 * Returns: (nullable): the country, or %NULL
 */
const UdhaIsoCountry *
udha_iso_country_find (const char *code)
{
  if (code == NULL)
    return NULL;
  return g_hash_table_lookup (get_data ()->country_by_a2, code);
}

/**
 * udha_iso_country_is_valid:
 * @alpha2: (nullable): a stored code
 *
 * Returns: %TRUE if @alpha2 is an ISO 3166-1 alpha-2 code in canonical upper case,
 *   or "XK" (Kosovo)
 */
gboolean
udha_iso_country_is_valid (const char *alpha2)
{
  return udha_iso_country_find (alpha2) != NULL;
}

/**
 * udha_iso_country_normalize:
 * @code: (nullable): what the user typed: "al", "AL", "alb", " ALB "
 *
 * Returns: (nullable): the canonical alpha-2 code ("AL"), static, or %NULL if
 *   @code is not a country
 */
const char *
udha_iso_country_normalize (const char *code)
{
  g_autofree char *up = NULL;
  const Country *c = NULL;

  if (code == NULL)
    return NULL;
  up = g_strstrip (g_ascii_strup (code, -1));
  if (strlen (up) == 2)
    c = g_hash_table_lookup (get_data ()->country_by_a2, up);
  else if (strlen (up) == 3)
    c = g_hash_table_lookup (get_data ()->country_by_a3, up);

  return c != NULL ? c->pub.alpha2 : NULL;
}

/**
 * udha_iso_country_get_name:
 *
 * Returns: (nullable): the name of the country in the user's language ("Shqipëri"
 *   in Albanian), or %NULL for an unknown code
 */
const char *
udha_iso_country_get_name (const char *alpha2)
{
  const Country *c = (const Country *) udha_iso_country_find (alpha2);

  return c != NULL ? translate_country (c) : NULL;
}

/**
 * udha_iso_country_check:
 *
 * Returns: %TRUE if @alpha2 is valid; otherwise %UDHA_MODEL_ERROR_INVALID naming
 *   the field (%NULL: "Country")
 */
gboolean
udha_iso_country_check (const char  *alpha2,
                        const char  *field_name,
                        GError     **error)
{
  g_autofree char *value = NULL;

  if (udha_iso_country_is_valid (alpha2))
    return TRUE;

  value = sanitize_code (alpha2);
  g_set_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID,
               /* Translators: the first %s is a field name, the second the code typed */
               _("%s: unknown country code “%s”. Use a two-letter ISO 3166-1 code such as AL."),
               field_name != NULL ? field_name : _("Country"), value);
  return FALSE;
}

/**
 * udha_iso_country_list:
 *
 * Returns: (transfer container) (element-type UdhaIsoCountry): every country,
 *   sorted by its name in the user's language, for pickers
 */
GPtrArray *
udha_iso_country_list (void)
{
  IsoData *data = get_data ();
  GPtrArray *list = g_ptr_array_sized_new (data->countries->len);

  for (guint i = 0; i < data->countries->len; i++)
    g_ptr_array_add (list, &((Country *) g_ptr_array_index (data->countries, i))->pub);
  sort_by_name (list, country_item_name);

  return list;
}

/*
 * Public API: citizenship
 */

gboolean
udha_iso_citizenship_is_valid (const char *code)
{
  return g_strcmp0 (code, UDHA_CITIZENSHIP_STATELESS) == 0 ||
         g_strcmp0 (code, UDHA_CITIZENSHIP_UNKNOWN) == 0 ||
         udha_iso_country_is_valid (code);
}

/**
 * udha_iso_citizenship_get_name:
 *
 * Returns: (nullable): the translated country name, "Stateless" or "Unknown"
 */
const char *
udha_iso_citizenship_get_name (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (special_citizenships); i++)
    if (g_strcmp0 (code, special_citizenships[i].alpha2) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "citizenship", special_citizenships[i].name);

  return udha_iso_country_get_name (code);
}

gboolean
udha_iso_citizenship_check (const char  *code,
                            const char  *field_name,
                            GError     **error)
{
  g_autofree char *value = NULL;

  if (udha_iso_citizenship_is_valid (code))
    return TRUE;

  value = sanitize_code (code);
  g_set_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID,
               /* Translators: the first %s is a field name, the second the code typed;
                * keep “stateless” and “unknown” untranslated: they are codes */
               _("%s: unknown citizenship “%s”. Use a two-letter ISO 3166-1 code such as SY, or “stateless” or “unknown”."),
               field_name != NULL ? field_name : _("Citizenship"), value);
  return FALSE;
}

/**
 * udha_iso_citizenship_list:
 *
 * Returns: (transfer container) (element-type UdhaIsoCountry): the countries sorted
 *   by translated name, then "stateless" and "unknown" (with a %NULL alpha3)
 */
GPtrArray *
udha_iso_citizenship_list (void)
{
  GPtrArray *list = udha_iso_country_list ();

  for (guint i = 0; i < G_N_ELEMENTS (special_citizenships); i++)
    g_ptr_array_add (list, (gpointer) &special_citizenships[i]);

  return list;
}

/*
 * Public API: languages
 */

guint
udha_iso_language_count (void)
{
  return get_data ()->languages->len;
}

/**
 * udha_iso_language_find:
 * @code: (nullable): an ISO 639-3 code, lower case
 *
 * Returns: (nullable): the language, or %NULL
 */
const UdhaIsoLanguage *
udha_iso_language_find (const char *code)
{
  if (code == NULL)
    return NULL;
  return g_hash_table_lookup (get_data ()->language_by_code, code);
}

gboolean
udha_iso_language_is_valid (const char *code)
{
  return udha_iso_language_find (code) != NULL;
}

/**
 * udha_iso_language_normalize:
 * @code: (nullable): what the user typed: "sq", "SQI", "alb", "ara"
 *
 * Returns: (nullable): the ISO 639-3 code ("sqi"), static, or %NULL
 */
const char *
udha_iso_language_normalize (const char *code)
{
  IsoData *data = get_data ();
  g_autofree char *low = NULL;
  const Language *l = NULL;

  if (code == NULL)
    return NULL;
  low = g_strstrip (g_ascii_strdown (code, -1));
  if (strlen (low) == 2)
    l = g_hash_table_lookup (data->language_by_a2, low);
  else if (strlen (low) == 3)
    {
      l = g_hash_table_lookup (data->language_by_code, low);
      if (l == NULL)
        l = g_hash_table_lookup (data->language_by_b, low);
    }

  return l != NULL ? l->pub.code : NULL;
}

/**
 * udha_iso_language_get_name:
 *
 * Returns: (nullable): the language name in the user's language ("Arabisht"), or
 *   %NULL for an unknown code
 */
const char *
udha_iso_language_get_name (const char *code)
{
  const Language *l = (const Language *) udha_iso_language_find (code);

  return l != NULL ? translate_language (l) : NULL;
}

gboolean
udha_iso_language_check (const char  *code,
                         const char  *field_name,
                         GError     **error)
{
  g_autofree char *value = NULL;

  if (udha_iso_language_is_valid (code))
    return TRUE;

  value = sanitize_code (code);
  g_set_error (error, UDHA_MODEL_ERROR, UDHA_MODEL_ERROR_INVALID,
               /* Translators: the first %s is a field name, the second the code typed */
               _("%s: unknown language code “%s”. Use an ISO 639-3 code such as sqi, ara or prs."),
               field_name != NULL ? field_name : _("Language"), value);
  return FALSE;
}

/**
 * udha_iso_language_list:
 * @common_only: only the languages offered first (see #UdhaIsoLanguage)
 *
 * Returns: (transfer container) (element-type UdhaIsoLanguage): living languages
 *   and macrolanguages, sorted by translated name
 */
GPtrArray *
udha_iso_language_list (gboolean common_only)
{
  IsoData *data = get_data ();
  GPtrArray *list = g_ptr_array_new ();

  for (guint i = 0; i < data->languages->len; i++)
    {
      Language *l = g_ptr_array_index (data->languages, i);

      if (!l->picker || (common_only && !l->pub.common))
        continue;
      g_ptr_array_add (list, &l->pub);
    }
  sort_by_name (list, language_item_name);

  return list;
}
