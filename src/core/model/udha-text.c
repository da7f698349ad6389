/* udha-text.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "udha-text"

#include "config.h"

#include "udha-text.h"

#include <string.h>

/*
 * Text folding, phonetic keys and name similarity for search and duplicate
 * detection (DOMAIN.md §2 "Search before create", STYLE.md §11 "Search folding").
 *
 * Folding
 * -------
 * NFD, combining marks removed, lower case, a few letters that do not decompose
 * mapped to ASCII (ı ł đ ø ħ ŧ æ œ ß þ), apostrophes and ʿayn/hamza signs removed
 * (Abd'allah = Abdallah), any other non-letter non-digit becomes a space, spaces
 * collapsed and trimmed. Letters of other scripts are kept (Arabic harakat and
 * tatweel are removed).
 *
 * Phonetic key
 * ------------
 * One key per name token, for the Latin spellings of names common in Albania's
 * caseload (Arabic, Dari/Pashto, Urdu, Kurdish, Turkish, Maghreb and West African
 * French spellings) and Albanian spelling. A key is:
 *
 *   the sound classes of the token, in order, with every vowel after the first
 *   one dropped (the first sound is kept even when it is a vowel)
 *
 * Consonant classes (after folding; the first matching rule wins, left to right):
 *   sch sh ch tch tsh → x     (Hicham = Hisham, Aicha = Aisha, Rachid = Rashid;
 *                              Albanian sh)
 *   j dj dzh xh gj zh → j     (Albanian xh, gj, zh; Djamel = Jamel)
 *   kh → h                    (Khalil = Halil, Khaled = Haled)
 *   gh → g   ph → f   ck q → k (Qasim = Kasim, Albanian Qemal = Kemal)
 *   th → s                    (Othman = Osman = Usman, Harith = Haris)
 *   dh → z                    (Ramadhan = Ramazan)
 *   c before e i y → s, other c → k   (Youcef = Youssef; Albanian ç and c fold to c)
 *   x → ks   w v → v   initial ou + vowel → v  (Oualid = Walid)
 *   y at the start before a vowel → y, otherwise a vowel
 *   h between vowels or after a final vowel is silent (Mohamed = Moamed,
 *     Fatimah = Fatima); otherwise h
 *   doubled consonants count once (Hassan = Hasan, Mohammed = Mohamed)
 *   a final d sounds t (Ahmed = Ahmet, Murad = Murat, Mohamed = Mehmet's ending)
 * Vowel classes (first vowel only): a (a, ai, ay, ei, ey), i (e, i, y, ee),
 *   u (o, u, ou, oo). "ei" counts as a so that Leila = Layla, Zeinab = Zainab.
 * The first vowel is kept so that Hassan (hasn) and Hussein (husn) stay apart;
 * every other vowel is dropped so that Youssef = Yusuf = Yosef (yusf).
 *
 * Particles: al, el, ul, bin, ben, ibn, bint, ould are dropped (unless the name
 * has nothing else). Abd, Abdul, Abdel, Abdal, Abdou, "Abd al", "Abd el" → abdl;
 * a token starting with one of them is split, with sun-letter assimilation
 * (Abdulrahman = Abdul Rahman = Abd al-Rahman = Abderrahmane); Abdullah,
 * Abdallah, Abdellah → abdlh.
 *
 * A glued Arabic article is split too: a token of 6 letters or more that starts
 * with al/el followed by a consonant (Alhasan, Elkhatib) keys as the rest, the
 * same as "Al Hasan", unless it is a common Albanian or European given name that
 * merely starts that way (Albert, Alketa, Elmaz, …).
 *
 * Tokens with letters outside ASCII (other scripts) are used as they are.
 *
 * Similarity
 * ----------
 * Jaro-Winkler over folded text, the best of: tokens sorted, tokens concatenated
 * (Abdulrahman vs Abdul Rahman) and a per-token best match (token order and a
 * missing middle name matter little).
 */

/*
 * Auxiliary methods
 */

static gboolean
is_apostrophe (gunichar c)
{
  switch (c)
    {
    case '\'':
    case '`':
    case 0x00B4:  /* ´ */
    case 0x02BB:  /* ʻ */
    case 0x02BC:  /* ʼ */
    case 0x02BE:  /* ʾ hamza */
    case 0x02BF:  /* ʿ ayn */
    case 0x2018:
    case 0x2019:
    case 0x0640:  /* Arabic tatweel */
      return TRUE;
    default:
      return FALSE;
    }
}

static const char *
map_special (gunichar c)
{
  switch (c)
    {
    case 0x0131: return "i";   /* ı */
    case 0x0142: return "l";   /* ł */
    case 0x0111: return "d";   /* đ */
    case 0x00F8: return "o";   /* ø */
    case 0x0127: return "h";   /* ħ */
    case 0x0167: return "t";   /* ŧ */
    case 0x00E6: return "ae";  /* æ */
    case 0x0153: return "oe";  /* œ */
    case 0x00DF: return "ss";  /* ß */
    case 0x00FE: return "th";  /* þ */
    case 0x00F0: return "dh";  /* ð */
    default:     return NULL;
    }
}

static gboolean
is_mark (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return type == G_UNICODE_NON_SPACING_MARK ||
         type == G_UNICODE_SPACING_MARK ||
         type == G_UNICODE_ENCLOSING_MARK;
}

static gboolean
is_vowel (char c)
{
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

static gboolean
is_vowel_unit (char c)
{
  return c == 'a' || c == 'i' || c == 'u';
}

static gboolean
is_ascii_token (const char *s)
{
  for (; *s != '\0'; s++)
    if ((guchar) *s >= 0x80)
      return FALSE;
  return TRUE;
}

static gboolean
has_prefix_at (const char *s,
               gsize       i,
               const char *prefix)
{
  return strncmp (s + i, prefix, strlen (prefix)) == 0;
}

static void
push_consonant (GString *units,
                char     c)
{
  /* Doubled consonants count once */
  if (units->len > 0 && units->str[units->len - 1] == c)
    return;
  g_string_append_c (units, c);
}

static char
vowel_class (const char *s,
             gsize       i,
             gsize      *consumed)
{
  gsize j = i;
  char first = s[i];
  char second;
  char cls;

  /* The cluster: vowels, and y between vowels or after a vowel */
  while (s[j] != '\0' && (is_vowel (s[j]) || (s[j] == 'y' && j > i)))
    j++;
  *consumed = j - i;

  second = (j - i > 1) ? s[i + 1] : '\0';

  if (first == 'a')
    cls = 'a';
  else if (first == 'e' && (second == 'i' || second == 'y'))
    cls = 'a';
  else if (first == 'o' || first == 'u')
    cls = 'u';
  else
    cls = 'i';   /* e, i, y, ee */

  return cls;
}

/* Turns a folded ASCII token into sound units: consonant classes and vowel classes */
static char *
token_units (const char *s)
{
  GString *units = g_string_new (NULL);
  gsize n = strlen (s);
  gsize i = 0;

  while (i < n)
    {
      char c = s[i];
      gboolean prev_vowel = i > 0 && (is_vowel (s[i - 1]) || s[i - 1] == 'y');

      if (has_prefix_at (s, i, "sch") || has_prefix_at (s, i, "tch") || has_prefix_at (s, i, "tsh"))
        { push_consonant (units, 'x'); i += 3; continue; }
      if (has_prefix_at (s, i, "dzh"))
        { push_consonant (units, 'j'); i += 3; continue; }
      if (has_prefix_at (s, i, "sh") || has_prefix_at (s, i, "ch"))
        { push_consonant (units, 'x'); i += 2; continue; }
      if (has_prefix_at (s, i, "xh") || has_prefix_at (s, i, "dj") ||
          has_prefix_at (s, i, "gj") || has_prefix_at (s, i, "zh"))
        { push_consonant (units, 'j'); i += 2; continue; }
      if (has_prefix_at (s, i, "kh"))
        { push_consonant (units, 'h'); i += 2; continue; }
      if (has_prefix_at (s, i, "gh"))
        { push_consonant (units, 'g'); i += 2; continue; }
      if (has_prefix_at (s, i, "ph"))
        { push_consonant (units, 'f'); i += 2; continue; }
      if (has_prefix_at (s, i, "th"))
        { push_consonant (units, 's'); i += 2; continue; }
      if (has_prefix_at (s, i, "dh"))
        { push_consonant (units, 'z'); i += 2; continue; }
      if (has_prefix_at (s, i, "ck"))
        { push_consonant (units, 'k'); i += 2; continue; }
      if (i == 0 && has_prefix_at (s, i, "ou") && is_vowel (s[2]))
        { push_consonant (units, 'v'); i += 2; continue; }

      switch (c)
        {
        case 'a': case 'e': case 'i': case 'o': case 'u':
          {
            gsize consumed;
            char cls = vowel_class (s, i, &consumed);

            g_string_append_c (units, cls);
            i += consumed;
          }
          continue;

        case 'y':
          if (i == 0 && is_vowel (s[1]))
            push_consonant (units, 'y');
          else
            g_string_append_c (units, 'i');
          i++;
          continue;

        case 'h':
          if (prev_vowel && (s[i + 1] == '\0' || is_vowel (s[i + 1]) || s[i + 1] == 'y'))
            ; /* silent */
          else
            push_consonant (units, 'h');
          i++;
          continue;

        case 'c':
          push_consonant (units, (s[i + 1] == 'e' || s[i + 1] == 'i' || s[i + 1] == 'y') ? 's' : 'k');
          i++;
          continue;

        case 'q':
          push_consonant (units, 'k');
          i++;
          continue;

        case 'x':
          push_consonant (units, 'k');
          push_consonant (units, 's');
          i++;
          continue;

        case 'w':
        case 'v':
          push_consonant (units, 'v');
          i++;
          continue;

        default:
          if (g_ascii_isalpha (c))
            push_consonant (units, c);
          else if (g_ascii_isdigit (c))
            g_string_append_c (units, c);
          i++;
          continue;
        }
    }

  return g_string_free (units, FALSE);
}

static char *
key_from_units (const char *units)
{
  GString *key = g_string_new (NULL);
  gsize n = strlen (units);
  gsize i;
  gboolean have_vowel = FALSE;
  gssize last_consonant = -1;

  if (n == 0)
    return g_string_free (key, FALSE);

  g_string_append_c (key, units[0]);
  have_vowel = is_vowel_unit (units[0]);

  for (i = 1; i < n; i++)
    {
      if (is_vowel_unit (units[i]))
        {
          if (!have_vowel)
            {
              g_string_append_c (key, units[i]);
              have_vowel = TRUE;
            }
          continue;
        }
      g_string_append_c (key, units[i]);
      last_consonant = key->len - 1;
    }

  /* Final devoicing: Ahmed = Ahmet, Murad = Murat */
  if (last_consonant > 0 && key->str[last_consonant] == 'd')
    key->str[last_consonant] = 't';

  return g_string_free (key, FALSE);
}

static gboolean
is_particle (const char *t)
{
  static const char *const particles[] = {
    "al", "el", "ul", "bin", "ben", "ibn", "bint", "ould", NULL
  };

  return g_strv_contains (particles, t);
}

static gboolean
is_abd_form (const char *t)
{
  static const char *const forms[] = {
    "abd", "abdu", "abdul", "abdel", "abdal", "abdol", "abdoul", "abdou", "abdil", NULL
  };

  return g_strv_contains (forms, t);
}

/* "alhasan" → "hasan"; NULL when @t is not a name with a glued article. */
static const char *
split_glued_article (const char *t)
{
  static const char *const names[] = {
    "albana", "albert", "alberta", "alberto", "albina", "albion", "aldona", "alfons",
    "alfonso", "alfred", "alfreda", "alfredo", "alketa", "almira", "alvaro", "elbasan",
    "elbert", "eldina", "elfrida", "elmaz", "elmedina", "elmira", "elsona", "elvira",
    "elvana", "elkana", "alkida", "elmedin", "almedina",
    NULL
  };
  gsize len = strlen (t);

  if (len < 6 || !(g_str_has_prefix (t, "al") || g_str_has_prefix (t, "el")))
    return NULL;
  if (strchr ("aeiouy", t[2]) != NULL || !g_ascii_isalpha (t[2]))
    return NULL;
  if (g_strv_contains (names, t))
    return NULL;

  return t + 2;
}

static gboolean
is_abdullah (const char *t)
{
  gsize i = 3;
  gsize v = 0;

  if (!g_str_has_prefix (t, "abd"))
    return FALSE;
  while (is_vowel (t[i]) && v < 2)
    i++, v++;
  if (t[i] != 'l')
    return FALSE;
  while (t[i] == 'l')
    i++;
  if (t[i] == 'a' || t[i] == 'e')
    i++;
  else
    return FALSE;
  if (t[i] == 'h')
    i++;
  return t[i] == '\0';
}

/* "abdulrahman" → "rahman"; "abderrahmane" → "rahmane"; otherwise NULL */
static const char *
split_abd (const char *t)
{
  static const char sun_letters[] = "rsntzd";
  gsize i = 3;
  gsize v = 0;
  const char *rest = NULL;

  if (!g_str_has_prefix (t, "abd"))
    return NULL;
  while (is_vowel (t[i]) && v < 2)
    i++, v++;
  if (v == 0)
    return NULL;
  if (t[i] == 'l')
    rest = t + i + 1;
  else if (t[i] != '\0' && strchr (sun_letters, t[i]) != NULL && t[i + 1] == t[i])
    rest = t + i + 1;

  if (rest == NULL || strlen (rest) < 3)
    return NULL;
  return rest;
}

static void
append_key (GString    *out,
            const char *key)
{
  if (key == NULL || *key == '\0')
    return;
  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append (out, key);
}

static gunichar *
to_ucs4 (const char *s,
         glong      *len)
{
  gunichar *u = g_utf8_to_ucs4_fast (s, -1, len);

  return u;
}

static double
jaro_winkler_ucs4 (const gunichar *a,
                   glong           la,
                   const gunichar *b,
                   glong           lb)
{
  g_autofree gboolean *ma = NULL;
  g_autofree gboolean *mb = NULL;
  glong window;
  glong matches = 0;
  glong transpositions = 0;
  glong prefix = 0;
  glong k;
  double jaro;

  if (la == 0 && lb == 0)
    return 1.0;
  if (la == 0 || lb == 0)
    return 0.0;

  window = MAX (la, lb) / 2 - 1;
  if (window < 0)
    window = 0;

  ma = g_new0 (gboolean, la);
  mb = g_new0 (gboolean, lb);

  for (glong i = 0; i < la; i++)
    {
      glong lo = MAX (0, i - window);
      glong hi = MIN (lb - 1, i + window);

      for (glong j = lo; j <= hi; j++)
        {
          if (mb[j] || a[i] != b[j])
            continue;
          ma[i] = mb[j] = TRUE;
          matches++;
          break;
        }
    }

  if (matches == 0)
    return 0.0;

  k = 0;
  for (glong i = 0; i < la; i++)
    {
      if (!ma[i])
        continue;
      while (!mb[k])
        k++;
      if (a[i] != b[k])
        transpositions++;
      k++;
    }

  jaro = ((double) matches / la + (double) matches / lb +
          (double) (matches - transpositions / 2) / matches) / 3.0;

  while (prefix < MIN (4, MIN (la, lb)) && a[prefix] == b[prefix])
    prefix++;

  return jaro + prefix * 0.1 * (1.0 - jaro);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static double
jw_utf8 (const char *a,
         const char *b)
{
  glong la, lb;
  g_autofree gunichar *ua = to_ucs4 (a, &la);
  g_autofree gunichar *ub = to_ucs4 (b, &lb);

  return jaro_winkler_ucs4 (ua, la, ub, lb);
}

/* Average over the tokens of @short_t of the best match in @long_t, each token of
 * @long_t used once, weighted by token length. */
static double
token_match (char **short_t,
             char **long_t)
{
  guint ns = g_strv_length (short_t);
  guint nl = g_strv_length (long_t);
  g_autofree gboolean *used = g_new0 (gboolean, nl);
  double total = 0, weight = 0;

  for (guint i = 0; i < ns; i++)
    {
      double best = 0;
      gint best_j = -1;
      double w = g_utf8_strlen (short_t[i], -1);

      for (guint j = 0; j < nl; j++)
        {
          double s;

          if (used[j])
            continue;
          s = jw_utf8 (short_t[i], long_t[j]);
          if (s > best)
            {
              best = s;
              best_j = j;
            }
        }
      if (best_j >= 0)
        used[best_j] = TRUE;
      total += best * w;
      weight += w;
    }

  return weight > 0 ? total / weight : 0.0;
}

/*
 * Public API
 */

/**
 * udha_text_fold:
 * @s: (nullable): text
 *
 * Folds @s for search: "Çela" → "cela", "Shkëlqim  HOXHA" → "shkelqim hoxha",
 * "Abd'al-Rahman" → "abdal rahman".
 *
 * Returns: (transfer full) (nullable): the folded text, %NULL if @s is %NULL
 */
char *
udha_text_fold (const char *s)
{
  g_autofree char *valid = NULL;
  g_autofree char *nfd = NULL;
  GString *out;

  if (s == NULL)
    return NULL;

  valid = g_utf8_make_valid (s, -1);
  nfd = g_utf8_normalize (valid, -1, G_NORMALIZE_NFD);
  out = g_string_new (NULL);

  for (const char *p = nfd; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *special;

      if (is_mark (c) || is_apostrophe (c))
        continue;

      if (g_unichar_isalnum (c))
        {
          gunichar lower = g_unichar_tolower (c);

          special = map_special (lower);
          if (special != NULL)
            g_string_append (out, special);
          else
            g_string_append_unichar (out, lower);
          continue;
        }

      /* Everything else separates words */
      if (out->len > 0 && out->str[out->len - 1] != ' ')
        g_string_append_c (out, ' ');
    }

  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

/**
 * udha_text_phonetic_token:
 * @folded_token: one folded name token
 *
 * Returns: (transfer full): the phonetic key of one token (see the rules at the
 *   top of this file); tokens in other scripts are returned unchanged
 */
char *
udha_text_phonetic_token (const char *folded_token)
{
  g_autofree char *units = NULL;

  g_return_val_if_fail (folded_token != NULL, NULL);

  if (!is_ascii_token (folded_token))
    return g_strdup (folded_token);

  if (is_abdullah (folded_token))
    return g_strdup ("abdlh");
  if (is_abd_form (folded_token))
    return g_strdup ("abdl");

  units = token_units (folded_token);
  return key_from_units (units);
}

/**
 * udha_text_phonetic_key:
 * @name: (nullable): a name, folded or not, one or more tokens
 *
 * Returns: (transfer full) (nullable): the phonetic keys of the tokens of @name,
 *   separated by single spaces: "Muhammad Abd al-Rahman" → "mumt abdl rahmn";
 *   %NULL if @name is %NULL
 */
char *
udha_text_phonetic_key (const char *name)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) tokens = NULL;
  GString *out;
  guint n;
  gboolean only_particles = TRUE;

  if (name == NULL)
    return NULL;

  folded = udha_text_fold (name);
  out = g_string_new (NULL);
  if (*folded == '\0')
    return g_string_free (out, FALSE);

  tokens = g_strsplit (folded, " ", -1);
  n = g_strv_length (tokens);

  for (guint i = 0; i < n; i++)
    if (!is_particle (tokens[i]))
      only_particles = FALSE;

  for (guint i = 0; i < n; i++)
    {
      const char *t = tokens[i];
      const char *rest;

      if (!only_particles && is_particle (t))
        continue;

      if (is_abd_form (t))
        {
          append_key (out, "abdl");
          /* "Abd al Rahman", "Abd el Kader" */
          if (i + 1 < n && is_particle (tokens[i + 1]) &&
              (strcmp (tokens[i + 1], "al") == 0 || strcmp (tokens[i + 1], "el") == 0 ||
               strcmp (tokens[i + 1], "ul") == 0))
            i++;
          continue;
        }

      if (is_ascii_token (t) && !is_abdullah (t) && (rest = split_abd (t)) != NULL)
        {
          g_autofree char *key = udha_text_phonetic_token (rest);

          append_key (out, "abdl");
          append_key (out, key);
          continue;
        }

      if (is_ascii_token (t) && (rest = split_glued_article (t)) != NULL)
        {
          g_autofree char *key = udha_text_phonetic_token (rest);

          append_key (out, key);
          continue;
        }

      {
        g_autofree char *key = udha_text_phonetic_token (t);

        append_key (out, key);
      }
    }

  return g_string_free (out, FALSE);
}

/**
 * udha_text_jaro_winkler:
 *
 * Returns: the Jaro-Winkler similarity of two UTF-8 strings, compared as they are
 */
double
udha_text_jaro_winkler (const char *a,
                        const char *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, 0.0);

  return jw_utf8 (a, b);
}

/**
 * udha_text_name_similarity:
 * @a: (nullable): a name
 * @b: (nullable): another name
 *
 * Compares two names after folding, insensitive to token order, to a missing
 * token and to a split token ("Abdulrahman" / "Abdul Rahman").
 *
 * Returns: a similarity from 0 (nothing alike, or a name is empty) to 1 (same)
 */
double
udha_text_name_similarity (const char *a,
                           const char *b)
{
  g_autofree char *fa = udha_text_fold (a);
  g_autofree char *fb = udha_text_fold (b);
  g_auto(GStrv) ta = NULL;
  g_auto(GStrv) tb = NULL;
  g_autofree char *sorted_a = NULL;
  g_autofree char *sorted_b = NULL;
  g_autofree char *concat_a = NULL;
  g_autofree char *concat_b = NULL;
  guint na, nb;
  double best, s;

  if (fa == NULL || fb == NULL || *fa == '\0' || *fb == '\0')
    return 0.0;
  if (strcmp (fa, fb) == 0)
    return 1.0;

  ta = g_strsplit (fa, " ", -1);
  tb = g_strsplit (fb, " ", -1);
  na = g_strv_length (ta);
  nb = g_strv_length (tb);

  concat_a = g_strjoinv ("", ta);
  concat_b = g_strjoinv ("", tb);
  best = jw_utf8 (concat_a, concat_b);

  qsort (ta, na, sizeof (char *), compare_strings);
  qsort (tb, nb, sizeof (char *), compare_strings);
  sorted_a = g_strjoinv (" ", ta);
  sorted_b = g_strjoinv (" ", tb);
  best = MAX (best, jw_utf8 (sorted_a, sorted_b));

  s = na <= nb ? token_match (ta, tb) : token_match (tb, ta);
  if (na != nb)
    s *= 0.95;
  best = MAX (best, s);

  return CLAMP (best, 0.0, 1.0);
}

/**
 * udha_text_phone_digits:
 * @phone: (nullable): a phone number as typed
 *
 * Keeps the digits. Albanian numbers become their national significant number:
 * "+355 69 123 4567", "00355691234567", "069 123 4567" and "355691234567" all give
 * "691234567". Other international numbers keep their country code without the
 * "+" or "00" ("+30 694 000 0000" → "306940000000").
 *
 * Returns: (transfer full) (nullable): the digits, "" if there are none, %NULL if
 *   @phone is %NULL
 */
char *
udha_text_phone_digits (const char *phone)
{
  GString *d;
  const char *p;
  gboolean plus = FALSE;
  gboolean seen_digit = FALSE;

  if (phone == NULL)
    return NULL;

  d = g_string_new (NULL);
  for (p = phone; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (d, *p);
          seen_digit = TRUE;
        }
      else if (*p == '+' && !seen_digit)
        plus = TRUE;
    }

  if (plus)
    {
      if (g_str_has_prefix (d->str, "355"))
        g_string_erase (d, 0, 3);
    }
  else if (g_str_has_prefix (d->str, "00"))
    {
      g_string_erase (d, 0, 2);
      if (g_str_has_prefix (d->str, "355"))
        g_string_erase (d, 0, 3);
    }
  else if (g_str_has_prefix (d->str, "355") && (d->len == 11 || d->len == 12))
    g_string_erase (d, 0, 3);
  else if (g_str_has_prefix (d->str, "0"))
    g_string_erase (d, 0, 1);

  /* "+355 (0)69 …" */
  if (plus && g_str_has_prefix (d->str, "0"))
    g_string_erase (d, 0, 1);

  return g_string_free (d, FALSE);
}

/**
 * udha_text_doc_number_fold:
 * @number: (nullable): an identity document number as typed
 *
 * Upper case, diacritics removed, and only letters and digits kept (spaces,
 * dashes, dots, slashes and signs such as "№" go): "ab-123 456" → "AB123456".
 *
 * Returns: (transfer full) (nullable): the folded number, %NULL if @number is %NULL
 */
char *
udha_text_doc_number_fold (const char *number)
{
  g_autofree char *valid = NULL;
  g_autofree char *nfd = NULL;
  GString *out;

  if (number == NULL)
    return NULL;

  valid = g_utf8_make_valid (number, -1);
  nfd = g_utf8_normalize (valid, -1, G_NORMALIZE_NFD);
  out = g_string_new (NULL);

  for (const char *p = nfd; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalnum (c))
        continue;
      g_string_append_unichar (out, g_unichar_toupper (c));
    }

  return g_string_free (out, FALSE);
}
