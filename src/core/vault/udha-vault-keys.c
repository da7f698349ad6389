/* udha-vault-keys.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "udha-vault-keys"

#include "config.h"

#include "udha-vault-keys.h"
#include "udha-vault-keys-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SLOT_COMMON_LEN     4                     /* type, slot_id, len */
#define SLOT_CREATED_LEN    8
#define WRAPPED_LEN         (UDHA_VAULT_KEY_LEN + UDHA_VAULT_TAG_LEN)   /* 48 */
#define LEN_PASSPHRASE      (SLOT_CREATED_LEN + UDHA_VAULT_KEYS_LABEL_LEN + UDHA_VAULT_KEYS_SALT_LEN + 4 + 4 + 1 + UDHA_VAULT_NONCE_LEN + WRAPPED_LEN)
#define LEN_RECOVERY        (SLOT_CREATED_LEN + UDHA_VAULT_NONCE_LEN + WRAPPED_LEN)
#define LEN_SEALED          (SLOT_CREATED_LEN + 80)
#define LEN_META            (SLOT_CREATED_LEN + 8 + UDHA_VAULT_AUDIT_HASH_LEN)
#define AD_MAX_LEN          (8 + 2 + UDHA_VAULT_DBID_LEN + 4 + 1 + 1 + 1 + 1 + 8 + \
                             UDHA_VAULT_KEYS_LABEL_LEN + UDHA_VAULT_KEYS_SALT_LEN + 4 + 4 + 1)
#define USER_LABEL_KEY      "UDHA-user-label!"
#define RECOVERY_KEK_KEY    "UDHA-recovery-01"
#define RECOVERY_TEXT_CHARS 52
#define RECOVERY_TEXT_LEN   (RECOVERY_TEXT_CHARS + RECOVERY_TEXT_CHARS / 4 - 1)   /* 64 */

G_STATIC_ASSERT (sizeof (USER_LABEL_KEY) - 1 == 16);
G_STATIC_ASSERT (sizeof (RECOVERY_KEK_KEY) - 1 == crypto_generichash_KEYBYTES_MIN);
G_STATIC_ASSERT (sizeof (UDHA_VAULT_KEYS_MAGIC) - 1 == 8);
G_STATIC_ASSERT (LEN_PASSPHRASE == 121);
G_STATIC_ASSERT (LEN_RECOVERY == 80);
G_STATIC_ASSERT (UDHA_VAULT_KEYS_HEADER_LEN == 8 + 2 + 2 + 16 + 4 + 1 + 1 + 8 + 1);
G_STATIC_ASSERT (UDHA_VAULT_KEYS_MAC_LEN == crypto_generichash_BYTES);
G_STATIC_ASSERT (UDHA_VAULT_KEYS_SALT_LEN == crypto_pwhash_SALTBYTES);

typedef struct
{
  guint8   type;
  guint8   slot_id;
  guint64  created_unix;

  /* type 1 */
  guint8   label[UDHA_VAULT_KEYS_LABEL_LEN];
  guint8   salt[UDHA_VAULT_KEYS_SALT_LEN];
  guint32  opslimit;
  guint32  memlimit_kib;
  guint8   alg;

  /* types 1, 2 */
  guint8   nonce[UDHA_VAULT_NONCE_LEN];
  guint8   wrapped[WRAPPED_LEN];

  /* type 5 */
  guint64  audit_seq;
  guint8   audit_hash[UDHA_VAULT_AUDIT_HASH_LEN];

  /* types 3, 4: the bytes after created_unix, kept verbatim */
  GBytes  *opaque;
} Slot;

struct _UdhaVaultKeys
{
  guint16    version;
  guint8     dbid[UDHA_VAULT_DBID_LEN];
  guint64    generation;
  GPtrArray *slots;      /* Slot */
  GBytes    *raw;        /* the bytes parsed, for the trailer MAC */
  char      *basename;   /* of the file loaded, for messages */
};

/* Auxiliary methods */

static void
slot_free (gpointer data)
{
  Slot *slot = data;

  g_clear_pointer (&slot->opaque, g_bytes_unref);
  g_free (slot);
}

static inline void
put_u16 (guint8  *p,
         guint16  v)
{
  p[0] = v & 0xff;
  p[1] = (v >> 8) & 0xff;
}

static inline void
put_u32 (guint8  *p,
         guint32  v)
{
  for (guint i = 0; i < 4; i++)
    p[i] = (v >> (8 * i)) & 0xff;
}

static inline void
put_u64 (guint8  *p,
         guint64  v)
{
  for (guint i = 0; i < 8; i++)
    p[i] = (v >> (8 * i)) & 0xff;
}

static inline guint16
get_u16 (const guint8 *p)
{
  return (guint16) (p[0] | (p[1] << 8));
}

static inline guint32
get_u32 (const guint8 *p)
{
  return (guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16) | ((guint32) p[3] << 24);
}

static inline guint64
get_u64 (const guint8 *p)
{
  guint64 v = 0;

  for (guint i = 0; i < 8; i++)
    v |= (guint64) p[i] << (8 * i);

  return v;
}

static guint64
now_unix (void)
{
  return (guint64) (g_get_real_time () / G_USEC_PER_SEC);
}

static void
set_keyfile_error (GError     **error,
                   const char  *basename)
{
  if (basename != NULL)
    g_set_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_KEYFILE,
                 /* Translators: %s are file names, e.g. cases.udb.keys */
                 _("The key file of this vault is damaged or not valid. Restore %s from your backup, or use the copy %s.bak."),
                 basename, basename);
  else
    g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_KEYFILE,
                         _("The key file of this vault is damaged or not valid. Restore it from your backup, or use the backup copy that ends in .keys.bak."));
}

static gboolean
keyfile_invalid (GError     **error,
                 const char  *reason)
{
  /* The reason is a fixed string about the structure, never content. */
  g_debug ("Key file rejected: %s", reason);
  set_keyfile_error (error, NULL);
  return FALSE;
}

static Slot *
find_slot_by_id (UdhaVaultKeys *self,
                 guint8         slot_id,
                 guint         *index)
{
  for (guint i = 0; i < self->slots->len; i++)
    {
      Slot *slot = g_ptr_array_index (self->slots, i);

      if (slot->slot_id == slot_id)
        {
          if (index != NULL)
            *index = i;
          return slot;
        }
    }

  return NULL;
}

static Slot *
find_slot_by_type (UdhaVaultKeys *self,
                   guint8         type)
{
  for (guint i = 0; i < self->slots->len; i++)
    {
      Slot *slot = g_ptr_array_index (self->slots, i);

      if (slot->type == type)
        return slot;
    }

  return NULL;
}

static Slot *
find_slot_by_label (UdhaVaultKeys *self,
                    const guint8   label[UDHA_VAULT_KEYS_LABEL_LEN])
{
  Slot *found = NULL;

  /* Compare against every slot, in constant time per slot. */
  for (guint i = 0; i < self->slots->len; i++)
    {
      Slot *slot = g_ptr_array_index (self->slots, i);

      if (slot->type == UDHA_VAULT_SLOT_PASSPHRASE &&
          sodium_memcmp (slot->label, label, UDHA_VAULT_KEYS_LABEL_LEN) == 0)
        found = slot;
    }

  return found;
}

/* AD_slot of VAULT.md §10.2: the immutable fields, in on-disk encoding. */
static gsize
build_slot_ad (UdhaVaultKeys *self,
               const Slot    *slot,
               guint8         ad[AD_MAX_LEN])
{
  gsize n = 0;

  memcpy (ad + n, UDHA_VAULT_KEYS_MAGIC, 8); n += 8;
  put_u16 (ad + n, self->version); n += 2;
  memcpy (ad + n, self->dbid, UDHA_VAULT_DBID_LEN); n += UDHA_VAULT_DBID_LEN;
  put_u32 (ad + n, UDHA_VAULT_PAGE_SIZE); n += 4;
  ad[n++] = UDHA_VAULT_RESERVE;
  ad[n++] = UDHA_VAULT_KEYS_AEAD_ID;
  ad[n++] = slot->type;
  ad[n++] = slot->slot_id;
  put_u64 (ad + n, slot->created_unix); n += 8;

  if (slot->type == UDHA_VAULT_SLOT_PASSPHRASE)
    {
      memcpy (ad + n, slot->label, UDHA_VAULT_KEYS_LABEL_LEN); n += UDHA_VAULT_KEYS_LABEL_LEN;
      memcpy (ad + n, slot->salt, UDHA_VAULT_KEYS_SALT_LEN); n += UDHA_VAULT_KEYS_SALT_LEN;
      put_u32 (ad + n, slot->opslimit); n += 4;
      put_u32 (ad + n, slot->memlimit_kib); n += 4;
      ad[n++] = slot->alg;
    }

  g_assert (n <= AD_MAX_LEN);
  return n;
}

static gboolean
kdf_params_valid (guint32 opslimit,
                  guint32 memlimit_kib)
{
  guint64 memlimit = (guint64) memlimit_kib * 1024;

  return opslimit >= crypto_pwhash_OPSLIMIT_MIN &&
         opslimit <= UDHA_VAULT_KEYS_OPSLIMIT_MAX &&
         memlimit >= crypto_pwhash_MEMLIMIT_MIN &&
         memlimit <= UDHA_VAULT_KEYS_MEMLIMIT_MAX;
}

static gboolean
check_can_add (UdhaVaultKeys  *self,
               guint8          slot_id,
               GError        **error)
{
  if (self->slots->len >= UDHA_VAULT_KEYS_MAX_SLOTS)
    {
      g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_INVALID,
                           _("This vault has reached the largest possible number of users. Remove a user you no longer need first."));
      return FALSE;
    }

  if (find_slot_by_id (self, slot_id, NULL) != NULL)
    {
      g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_INVALID,
                           _("The key file could not be changed because of an internal error. Nothing was changed."));
      g_critical ("Slot id %u is already in use", slot_id);
      return FALSE;
    }

  return TRUE;
}

static gboolean
wrap_dek (UdhaVaultKeys *self,
          Slot          *slot,
          const guint8  *kek,
          const guint8  *dek)
{
  guint8 ad[AD_MAX_LEN];
  gsize ad_len = build_slot_ad (self, slot, ad);
  unsigned long long clen = 0;

  crypto_aead_xchacha20poly1305_ietf_encrypt (slot->wrapped, &clen, dek, UDHA_VAULT_KEY_LEN,
                                              ad, ad_len, NULL, slot->nonce, kek);
  return clen == WRAPPED_LEN;
}

static guint8 *
unwrap_dek (UdhaVaultKeys *self,
            const Slot    *slot,
            const guint8  *kek)
{
  guint8 ad[AD_MAX_LEN];
  gsize ad_len = build_slot_ad (self, slot, ad);
  unsigned long long mlen = 0;
  guint8 *dek;

  dek = sodium_malloc (UDHA_VAULT_KEY_LEN);
  if (dek == NULL)
    return NULL;

  if (crypto_aead_xchacha20poly1305_ietf_decrypt (dek, &mlen, NULL, slot->wrapped, WRAPPED_LEN,
                                                  ad, ad_len, slot->nonce, kek) != 0 ||
      mlen != UDHA_VAULT_KEY_LEN)
    {
      sodium_free (dek);
      return NULL;
    }

  return dek;
}

static void
set_wrong_secret (GError **error)
{
  g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_WRONG_SECRET,
                       _("Wrong user name or passphrase. Check both and try again."));
}

static void
set_kdf_memory (GError **error)
{
  g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_KDF_MEMORY,
                       _("There is not enough free memory to check the passphrase. Close other programs and try again."));
}

/* Runs Argon2id into a sodium_malloc() KEK. Returns NULL on out-of-memory. */
static guint8 *
derive_kek (const char   *passphrase,
            const guint8  salt[UDHA_VAULT_KEYS_SALT_LEN],
            guint32       opslimit,
            guint32       memlimit_kib)
{
  guint8 *kek = sodium_malloc (UDHA_VAULT_KEY_LEN);

  if (kek == NULL)
    return NULL;

  if (crypto_pwhash (kek, UDHA_VAULT_KEY_LEN, passphrase, strlen (passphrase), salt,
                     opslimit, (size_t) memlimit_kib * 1024,
                     crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      sodium_free (kek);
      return NULL;
    }

  return kek;
}

static guint8 *
recovery_kek (const guint8 raw[UDHA_VAULT_RECOVERY_KEY_LEN])
{
  guint8 *kek = sodium_malloc (UDHA_VAULT_KEY_LEN);

  if (kek == NULL)
    return NULL;

  crypto_generichash (kek, UDHA_VAULT_KEY_LEN, raw, UDHA_VAULT_RECOVERY_KEY_LEN,
                      (const guint8 *) RECOVERY_KEK_KEY, sizeof (RECOVERY_KEK_KEY) - 1);
  return kek;
}

static gboolean
set_io_error (GError     **error,
              int          saved_errno)
{
  if (saved_errno == ENOSPC || saved_errno == EDQUOT)
    g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_DISK_FULL,
                         _("The disk is full. Free some space and try again."));
  else
    g_set_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_IO,
                 /* Translators: %s is a system error message */
                 _("The key file could not be saved (%s). Check that the disk works and that you may write to the vault’s folder."),
                 g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_all (int            fd,
           const guint8  *data,
           gsize          len)
{
  while (len > 0)
    {
      ssize_t n = write (fd, data, len);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      data += n;
      len -= (gsize) n;
    }

  return TRUE;
}

static gboolean
write_new_file (const char    *path,
                const guint8  *data,
                gsize          len,
                int           *saved_errno)
{
  int fd;

  fd = open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    {
      *saved_errno = errno;
      return FALSE;
    }

  if (!write_all (fd, data, len) || fsync (fd) != 0)
    {
      *saved_errno = errno;
      close (fd);
      g_unlink (path);
      return FALSE;
    }

  if (close (fd) != 0)
    {
      *saved_errno = errno;
      g_unlink (path);
      return FALSE;
    }

  return TRUE;
}

/* Public API */

UdhaVaultSecret *
udha_vault_secret_new (gsize size)
{
  UdhaVaultSecret *secret;

  g_return_val_if_fail (size > 0, NULL);

  secret = sodium_malloc (size);
  if (secret == NULL)
    g_error ("Out of secure memory");
  sodium_memzero (secret, size);

  return secret;
}

/**
 * udha_vault_secret_dup:
 * @str: a string
 * @len: its length, or -1 if NUL-terminated
 *
 * Returns: (transfer full): a NUL-terminated copy of @str in sodium_malloc()
 *   memory
 */
UdhaVaultSecret *
udha_vault_secret_dup (const char *str,
                       gssize      len)
{
  UdhaVaultSecret *secret;
  gsize n;

  g_return_val_if_fail (str != NULL, NULL);

  n = len < 0 ? strlen (str) : (gsize) len;
  secret = udha_vault_secret_new (n + 1);
  memcpy (secret, str, n);
  secret[n] = '\0';

  return secret;
}

void
udha_vault_secret_free (UdhaVaultSecret *secret)
{
  /* sodium_free() wipes the whole allocation before unmapping it. */
  if (secret != NULL)
    sodium_free (secret);
}

void
udha_vault_dek_free (guint8 *dek)
{
  if (dek != NULL)
    sodium_free (dek);
}

/**
 * udha_vault_kdf_get_params:
 * @kdf: a preset
 * @opslimit: (out): Argon2id passes
 * @memlimit_kib: (out): Argon2id memory in KiB
 *
 * Returns: %FALSE if @kdf is not a known preset
 */
gboolean
udha_vault_kdf_get_params (UdhaVaultKdf  kdf,
                           guint32      *opslimit,
                           guint32      *memlimit_kib)
{
  size_t ops;
  size_t mem;

  switch (kdf)
    {
    case UDHA_VAULT_KDF_INTERACTIVE:
      ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
      mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
      break;
    case UDHA_VAULT_KDF_MODERATE:
      ops = crypto_pwhash_OPSLIMIT_MODERATE;
      mem = crypto_pwhash_MEMLIMIT_MODERATE;
      break;
    case UDHA_VAULT_KDF_SENSITIVE:
      ops = crypto_pwhash_OPSLIMIT_SENSITIVE;
      mem = crypto_pwhash_MEMLIMIT_SENSITIVE;
      break;
    case UDHA_VAULT_KDF_TEST_MIN:
      ops = crypto_pwhash_OPSLIMIT_MIN;
      mem = crypto_pwhash_MEMLIMIT_MIN;
      break;
    default:
      return FALSE;
    }

  *opslimit = (guint32) ops;
  *memlimit_kib = (guint32) (mem / 1024);
  return TRUE;
}

/**
 * udha_vault_kdf_from_string:
 * @str: "interactive", "moderate", "sensitive" or "test-min"
 * @kdf: (out): the preset
 *
 * Callers that face users must refuse %UDHA_VAULT_KDF_TEST_MIN themselves.
 *
 * Returns: %TRUE if @str names a preset
 */
gboolean
udha_vault_kdf_from_string (const char   *str,
                            UdhaVaultKdf *kdf)
{
  static const struct { const char *name; UdhaVaultKdf kdf; } names[] = {
    { "interactive", UDHA_VAULT_KDF_INTERACTIVE },
    { "moderate", UDHA_VAULT_KDF_MODERATE },
    { "sensitive", UDHA_VAULT_KDF_SENSITIVE },
    { "test-min", UDHA_VAULT_KDF_TEST_MIN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (g_strcmp0 (str, names[i].name) == 0)
        {
          *kdf = names[i].kdf;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * udha_vault_user_name_fold:
 * @user_name: a user name
 *
 * Returns: (transfer full): the form of @user_name that labels and name
 *   comparisons use: white space at both ends removed, NFC, case-folded, NFC
 *   again. A name that is not valid UTF-8 is returned stripped only.
 */
char *
udha_vault_user_name_fold (const char *user_name)
{
  g_autofree char *stripped = NULL;
  g_autofree char *nfc = NULL;
  g_autofree char *folded = NULL;

  g_return_val_if_fail (user_name != NULL, NULL);

  stripped = g_strstrip (g_strdup (user_name));
  nfc = g_utf8_normalize (stripped, -1, G_NORMALIZE_NFC);
  if (nfc == NULL)
    return g_steal_pointer (&stripped);

  folded = g_utf8_casefold (nfc, -1);
  return g_utf8_normalize (folded, -1, G_NORMALIZE_NFC);
}

/**
 * udha_vault_user_label:
 * @dbid: the vault's database id
 * @user_name: a user name
 * @label: (out): the slot label
 *
 * label = crypto_generichash (16, casefolded NFC user name,
 *                             key = dbid ‖ "UDHA-user-label!"), VAULT.md §10.2,
 * with the name folded by udha_vault_user_name_fold().
 */
void
udha_vault_user_label (const guint8  dbid[UDHA_VAULT_DBID_LEN],
                       const char   *user_name,
                       guint8        label[UDHA_VAULT_KEYS_LABEL_LEN])
{
  g_autofree char *folded = udha_vault_user_name_fold (user_name);
  guint8 key[UDHA_VAULT_DBID_LEN + 16];

  memcpy (key, dbid, UDHA_VAULT_DBID_LEN);
  memcpy (key + UDHA_VAULT_DBID_LEN, USER_LABEL_KEY, 16);
  crypto_generichash (label, UDHA_VAULT_KEYS_LABEL_LEN,
                      (const guint8 *) folded, strlen (folded), key, sizeof key);
}

/**
 * udha_vault_keys_new:
 * @dbid: the vault's database id
 * @generation: the generation to start from
 *
 * Returns: (transfer full): an empty key-slot file
 */
UdhaVaultKeys *
udha_vault_keys_new (const guint8 dbid[UDHA_VAULT_DBID_LEN],
                     guint64      generation)
{
  UdhaVaultKeys *self = g_new0 (UdhaVaultKeys, 1);

  self->version = UDHA_VAULT_KEYS_VERSION;
  memcpy (self->dbid, dbid, UDHA_VAULT_DBID_LEN);
  self->generation = generation;
  self->slots = g_ptr_array_new_with_free_func (slot_free);

  return self;
}

void
udha_vault_keys_free (UdhaVaultKeys *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->slots);
  g_clear_pointer (&self->raw, g_bytes_unref);
  g_free (self->basename);
  g_free (self);
}

/**
 * udha_vault_keys_parse:
 * @data: the content of a key-slot file
 * @len: its length
 * @error: return location for a #GError
 *
 * Parses with the hard limits of VAULT.md §11.2 step 1. Nothing here runs a
 * KDF, so a hostile file cannot make the caller spend time or memory.
 *
 * Returns: (transfer full): the parsed file, or %NULL with
 *   %UDHA_VAULT_ERROR_KEYFILE or %UDHA_VAULT_ERROR_NEWER_VERSION
 */
UdhaVaultKeys *
udha_vault_keys_parse (const guint8  *data,
                       gsize          len,
                       GError       **error)
{
  g_autoptr(UdhaVaultKeys) self = NULL;
  gsize end;
  gsize off;
  guint16 version;
  guint nslots;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (len > UDHA_VAULT_KEYS_MAX_SIZE)
    return keyfile_invalid (error, "too large"), NULL;
  if (len < 8 || memcmp (data, UDHA_VAULT_KEYS_MAGIC, 8) != 0)
    return keyfile_invalid (error, "bad magic"), NULL;
  if (len < UDHA_VAULT_KEYS_HEADER_LEN + UDHA_VAULT_KEYS_MAC_LEN)
    return keyfile_invalid (error, "truncated"), NULL;

  version = get_u16 (data + 8);
  if (version > UDHA_VAULT_KEYS_VERSION)
    {
      g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_NEWER_VERSION,
                           _("This vault was made by a newer version of Udha. Update Udha to open it."));
      return NULL;
    }
  if (version != UDHA_VAULT_KEYS_VERSION)
    return keyfile_invalid (error, "bad version"), NULL;
  if (get_u16 (data + 10) != 0)
    return keyfile_invalid (error, "flags set"), NULL;

  self = udha_vault_keys_new (data + 12, get_u64 (data + 34));
  self->version = version;

  if (get_u32 (data + 28) != UDHA_VAULT_PAGE_SIZE)
    return keyfile_invalid (error, "bad page size"), NULL;
  if (data[32] != UDHA_VAULT_RESERVE)
    return keyfile_invalid (error, "bad reserve"), NULL;
  if (data[33] != UDHA_VAULT_KEYS_AEAD_ID)
    return keyfile_invalid (error, "bad aead id"), NULL;

  nslots = data[42];
  if (nslots < 1 || nslots > UDHA_VAULT_KEYS_MAX_SLOTS)
    return keyfile_invalid (error, "slot count out of range"), NULL;

  end = len - UDHA_VAULT_KEYS_MAC_LEN;
  off = UDHA_VAULT_KEYS_HEADER_LEN;

  for (guint i = 0; i < nslots; i++)
    {
      g_autofree Slot *slot_owned = NULL;
      Slot *slot;
      const guint8 *p;
      gsize slen;

      if (end - off < SLOT_COMMON_LEN)
        return keyfile_invalid (error, "truncated slot header"), NULL;

      slot = slot_owned = g_new0 (Slot, 1);
      slot->type = data[off];
      slot->slot_id = data[off + 1];
      slen = get_u16 (data + off + 2);
      off += SLOT_COMMON_LEN;

      if (slen < SLOT_CREATED_LEN || end - off < slen)
        return keyfile_invalid (error, "slot length inconsistent with file size"), NULL;

      p = data + off;
      slot->created_unix = get_u64 (p);
      p += SLOT_CREATED_LEN;

      switch (slot->type)
        {
        case UDHA_VAULT_SLOT_PASSPHRASE:
          if (slen != LEN_PASSPHRASE)
            return keyfile_invalid (error, "bad passphrase slot length"), NULL;
          memcpy (slot->label, p, UDHA_VAULT_KEYS_LABEL_LEN); p += UDHA_VAULT_KEYS_LABEL_LEN;
          memcpy (slot->salt, p, UDHA_VAULT_KEYS_SALT_LEN); p += UDHA_VAULT_KEYS_SALT_LEN;
          slot->opslimit = get_u32 (p); p += 4;
          slot->memlimit_kib = get_u32 (p); p += 4;
          slot->alg = *p++;
          memcpy (slot->nonce, p, UDHA_VAULT_NONCE_LEN); p += UDHA_VAULT_NONCE_LEN;
          memcpy (slot->wrapped, p, WRAPPED_LEN);
          if (slot->alg != crypto_pwhash_ALG_ARGON2ID13)
            return keyfile_invalid (error, "bad kdf algorithm"), NULL;
          if (!kdf_params_valid (slot->opslimit, slot->memlimit_kib))
            return keyfile_invalid (error, "kdf parameters out of range"), NULL;
          if (find_slot_by_label (self, slot->label) != NULL)
            return keyfile_invalid (error, "duplicate label"), NULL;
          break;

        case UDHA_VAULT_SLOT_RECOVERY:
          if (slen != LEN_RECOVERY)
            return keyfile_invalid (error, "bad recovery slot length"), NULL;
          memcpy (slot->nonce, p, UDHA_VAULT_NONCE_LEN); p += UDHA_VAULT_NONCE_LEN;
          memcpy (slot->wrapped, p, WRAPPED_LEN);
          if (find_slot_by_type (self, UDHA_VAULT_SLOT_RECOVERY) != NULL)
            return keyfile_invalid (error, "two recovery slots"), NULL;
          break;

        case UDHA_VAULT_SLOT_SEALED:
          if (slen != LEN_SEALED)
            return keyfile_invalid (error, "bad sealed slot length"), NULL;
          slot->opaque = g_bytes_new (p, slen - SLOT_CREATED_LEN);
          break;

        case UDHA_VAULT_SLOT_KEYRING:
          slot->opaque = g_bytes_new (p, slen - SLOT_CREATED_LEN);
          break;

        case UDHA_VAULT_SLOT_META:
          if (slen != LEN_META)
            return keyfile_invalid (error, "bad meta slot length"), NULL;
          slot->audit_seq = get_u64 (p); p += 8;
          memcpy (slot->audit_hash, p, UDHA_VAULT_AUDIT_HASH_LEN);
          if (find_slot_by_type (self, UDHA_VAULT_SLOT_META) != NULL)
            return keyfile_invalid (error, "two meta slots"), NULL;
          break;

        default:
          return keyfile_invalid (error, "unknown slot type"), NULL;
        }

      if (find_slot_by_id (self, slot->slot_id, NULL) != NULL)
        {
          g_clear_pointer (&slot->opaque, g_bytes_unref);
          return keyfile_invalid (error, "duplicate slot id"), NULL;
        }

      g_ptr_array_add (self->slots, g_steal_pointer (&slot_owned));
      off += slen;
    }

  if (off != end)
    return keyfile_invalid (error, "trailing bytes"), NULL;

  self->raw = g_bytes_new (data, len);

  return g_steal_pointer (&self);
}

/**
 * udha_vault_keys_load:
 * @path: the path of a key-slot file
 * @error: return location for a #GError
 *
 * Reads at most 64 KiB and parses. A missing file is
 * %UDHA_VAULT_ERROR_KEYFILE with a message that says so.
 *
 * Returns: (transfer full): the parsed file, or %NULL
 */
UdhaVaultKeys *
udha_vault_keys_load (const char  *path,
                      GError     **error)
{
  g_autofree char *basename = NULL;
  g_autofree guint8 *buf = NULL;
  g_autoptr(GError) local_error = NULL;
  UdhaVaultKeys *self;
  gsize len = 0;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  basename = g_path_get_basename (path);

  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        g_set_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_KEYFILE,
                     /* Translators: %s are file names, e.g. cases.udb.keys */
                     _("The key file of this vault is missing. Restore %s from your backup, or use the copy %s.bak."),
                     basename, basename);
      else
        g_set_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_KEYFILE,
                     /* Translators: %s is a system error message */
                     _("The key file of this vault could not be read (%s). Check the permissions of the vault’s folder."),
                     g_strerror (saved_errno));
      return NULL;
    }

  buf = g_malloc (UDHA_VAULT_KEYS_MAX_SIZE + 1);
  while (len < UDHA_VAULT_KEYS_MAX_SIZE + 1)
    {
      ssize_t n = read (fd, buf + len, UDHA_VAULT_KEYS_MAX_SIZE + 1 - len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          g_set_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_KEYFILE,
                       _("The key file of this vault could not be read (%s). Check the permissions of the vault’s folder."),
                       g_strerror (saved_errno));
          return NULL;
        }
      if (n == 0)
        break;
      len += (gsize) n;
    }
  close (fd);

  if (len == 0)
    {
      g_set_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_KEYFILE,
                   /* Translators: %s are file names, e.g. cases.udb.keys */
                   _("The key file of this vault is empty. Restore %s from your backup, or use the copy %s.bak."),
                   basename, basename);
      return NULL;
    }

  self = udha_vault_keys_parse (buf, len, &local_error);
  if (self == NULL)
    {
      if (g_error_matches (local_error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_KEYFILE))
        set_keyfile_error (error, basename);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  self->basename = g_steal_pointer (&basename);
  return self;
}

const guint8 *
udha_vault_keys_get_dbid (UdhaVaultKeys *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->dbid;
}

guint64
udha_vault_keys_get_generation (UdhaVaultKeys *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->generation;
}

void
udha_vault_keys_set_generation (UdhaVaultKeys *self,
                                guint64        generation)
{
  g_return_if_fail (self != NULL);

  self->generation = generation;
}

guint
udha_vault_keys_get_n_slots (UdhaVaultKeys *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->slots->len;
}

/**
 * udha_vault_keys_find_user:
 * @self: a key-slot file
 * @user_name: a user name
 *
 * Returns: the slot id of the passphrase slot labelled for @user_name, or -1
 */
int
udha_vault_keys_find_user (UdhaVaultKeys *self,
                           const char    *user_name)
{
  guint8 label[UDHA_VAULT_KEYS_LABEL_LEN];
  Slot *slot;

  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (user_name != NULL, -1);

  udha_vault_user_label (self->dbid, user_name, label);
  slot = find_slot_by_label (self, label);

  return slot != NULL ? slot->slot_id : -1;
}

/**
 * udha_vault_keys_find_recovery:
 * @self: a key-slot file
 *
 * Returns: the slot id of the recovery-key slot, or -1
 */
int
udha_vault_keys_find_recovery (UdhaVaultKeys *self)
{
  Slot *slot;

  g_return_val_if_fail (self != NULL, -1);

  slot = find_slot_by_type (self, UDHA_VAULT_SLOT_RECOVERY);

  return slot != NULL ? slot->slot_id : -1;
}

/**
 * udha_vault_keys_get_slot_params:
 * @self: a key-slot file
 * @slot_id: a passphrase slot
 * @opslimit: (out): its Argon2id passes
 * @memlimit_kib: (out): its Argon2id memory in KiB
 *
 * Returns: %FALSE if @slot_id is not a passphrase slot
 */
gboolean
udha_vault_keys_get_slot_params (UdhaVaultKeys *self,
                                 guint8         slot_id,
                                 guint32       *opslimit,
                                 guint32       *memlimit_kib)
{
  Slot *slot;

  g_return_val_if_fail (self != NULL, FALSE);

  slot = find_slot_by_id (self, slot_id, NULL);
  if (slot == NULL || slot->type != UDHA_VAULT_SLOT_PASSPHRASE)
    return FALSE;

  *opslimit = slot->opslimit;
  *memlimit_kib = slot->memlimit_kib;
  return TRUE;
}

/**
 * udha_vault_keys_next_slot_id:
 * @self: a key-slot file
 *
 * Returns: a slot id not used in @self, preferring ids above every id in use
 *   so that the id of a removed slot is not handed out again at once
 */
guint8
udha_vault_keys_next_slot_id (UdhaVaultKeys *self)
{
  guint max = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < self->slots->len; i++)
    max = MAX (max, ((Slot *) g_ptr_array_index (self->slots, i))->slot_id);

  if (max < 255)
    return (guint8) (max + 1);

  for (guint id = 1; id < 256; id++)
    if (find_slot_by_id (self, (guint8) id, NULL) == NULL)
      return (guint8) id;

  return 0;   /* never reached: at most 64 slots */
}

gboolean
udha_vault_keys_remove_slot (UdhaVaultKeys *self,
                             guint8         slot_id)
{
  guint index;

  g_return_val_if_fail (self != NULL, FALSE);

  if (find_slot_by_id (self, slot_id, &index) == NULL)
    return FALSE;

  g_ptr_array_remove_index (self->slots, index);
  return TRUE;
}

gboolean
_udha_vault_keys_add_passphrase_with_kek (UdhaVaultKeys  *self,
                                          guint8          slot_id,
                                          guint64         created_unix,
                                          const char     *user_name,
                                          const guint8    salt[UDHA_VAULT_KEYS_SALT_LEN],
                                          guint32         opslimit,
                                          guint32         memlimit_kib,
                                          const guint8    nonce[UDHA_VAULT_NONCE_LEN],
                                          const guint8    kek[UDHA_VAULT_KEY_LEN],
                                          const guint8   *dek,
                                          GError        **error)
{
  g_autofree Slot *slot = NULL;

  if (!check_can_add (self, slot_id, error))
    return FALSE;

  slot = g_new0 (Slot, 1);
  slot->type = UDHA_VAULT_SLOT_PASSPHRASE;
  slot->slot_id = slot_id;
  slot->created_unix = created_unix;
  udha_vault_user_label (self->dbid, user_name, slot->label);
  memcpy (slot->salt, salt, UDHA_VAULT_KEYS_SALT_LEN);
  slot->opslimit = opslimit;
  slot->memlimit_kib = memlimit_kib;
  slot->alg = crypto_pwhash_ALG_ARGON2ID13;
  memcpy (slot->nonce, nonce, UDHA_VAULT_NONCE_LEN);

  if (find_slot_by_label (self, slot->label) != NULL)
    {
      g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_EXISTS,
                           _("A user with this name already exists in this vault. Choose another name."));
      return FALSE;
    }

  if (!wrap_dek (self, slot, kek, dek))
    g_error ("XChaCha20-Poly1305 encryption failed");

  g_ptr_array_add (self->slots, g_steal_pointer (&slot));
  return TRUE;
}

/**
 * udha_vault_keys_add_passphrase:
 * @self: a key-slot file
 * @slot_id: an unused slot id
 * @user_name: the user the slot belongs to (only its label is stored)
 * @passphrase: the user's passphrase, used byte for byte
 * @opslimit: Argon2id passes
 * @memlimit_kib: Argon2id memory in KiB
 * @dek: the 32-byte DEK to wrap
 * @error: return location for a #GError
 *
 * Adds a passphrase slot with a fresh salt and nonce. Runs one Argon2id.
 *
 * Returns: %TRUE on success
 */
gboolean
udha_vault_keys_add_passphrase (UdhaVaultKeys  *self,
                                guint8          slot_id,
                                const char     *user_name,
                                const char     *passphrase,
                                guint32         opslimit,
                                guint32         memlimit_kib,
                                const guint8   *dek,
                                GError        **error)
{
  guint8 salt[UDHA_VAULT_KEYS_SALT_LEN];
  guint8 nonce[UDHA_VAULT_NONCE_LEN];
  guint8 label[UDHA_VAULT_KEYS_LABEL_LEN];
  guint8 *kek;
  gboolean ret;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (user_name != NULL, FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);
  g_return_val_if_fail (dek != NULL, FALSE);
  g_return_val_if_fail (kdf_params_valid (opslimit, memlimit_kib), FALSE);

  if (!check_can_add (self, slot_id, error))
    return FALSE;

  /* Check for a duplicate before spending a KDF run. */
  udha_vault_user_label (self->dbid, user_name, label);
  if (find_slot_by_label (self, label) != NULL)
    {
      g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_EXISTS,
                           _("A user with this name already exists in this vault. Choose another name."));
      return FALSE;
    }

  randombytes_buf (salt, sizeof salt);
  randombytes_buf (nonce, sizeof nonce);

  kek = derive_kek (passphrase, salt, opslimit, memlimit_kib);
  if (kek == NULL)
    {
      set_kdf_memory (error);
      return FALSE;
    }

  ret = _udha_vault_keys_add_passphrase_with_kek (self, slot_id, now_unix (), user_name, salt,
                                                  opslimit, memlimit_kib, nonce, kek, dek, error);
  sodium_free (kek);

  return ret;
}

gboolean
_udha_vault_keys_add_recovery_with_raw (UdhaVaultKeys  *self,
                                        guint8          slot_id,
                                        guint64         created_unix,
                                        const guint8    raw[UDHA_VAULT_RECOVERY_KEY_LEN],
                                        const guint8    nonce[UDHA_VAULT_NONCE_LEN],
                                        const guint8   *dek,
                                        GError        **error)
{
  g_autofree Slot *slot = NULL;
  guint8 *kek;

  if (!check_can_add (self, slot_id, error))
    return FALSE;

  if (find_slot_by_type (self, UDHA_VAULT_SLOT_RECOVERY) != NULL)
    {
      g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_INVALID,
                           _("The key file could not be changed because of an internal error. Nothing was changed."));
      g_critical ("The key file already has a recovery slot");
      return FALSE;
    }

  kek = recovery_kek (raw);
  if (kek == NULL)
    g_error ("Out of secure memory");

  slot = g_new0 (Slot, 1);
  slot->type = UDHA_VAULT_SLOT_RECOVERY;
  slot->slot_id = slot_id;
  slot->created_unix = created_unix;
  memcpy (slot->nonce, nonce, UDHA_VAULT_NONCE_LEN);

  if (!wrap_dek (self, slot, kek, dek))
    g_error ("XChaCha20-Poly1305 encryption failed");
  sodium_free (kek);

  g_ptr_array_add (self->slots, g_steal_pointer (&slot));
  return TRUE;
}

/**
 * udha_vault_keys_add_recovery:
 * @self: a key-slot file without a recovery slot
 * @slot_id: an unused slot id
 * @dek: the 32-byte DEK to wrap
 * @recovery_key_out: (out): the new recovery key, formatted for display; show
 *   it once, then free it with udha_vault_secret_free()
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
udha_vault_keys_add_recovery (UdhaVaultKeys    *self,
                              guint8            slot_id,
                              const guint8     *dek,
                              UdhaVaultSecret **recovery_key_out,
                              GError          **error)
{
  guint8 nonce[UDHA_VAULT_NONCE_LEN];
  guint8 *raw;
  gboolean ret;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (dek != NULL, FALSE);
  g_return_val_if_fail (recovery_key_out != NULL, FALSE);

  raw = sodium_malloc (UDHA_VAULT_RECOVERY_KEY_LEN);
  if (raw == NULL)
    g_error ("Out of secure memory");

  randombytes_buf (raw, UDHA_VAULT_RECOVERY_KEY_LEN);
  randombytes_buf (nonce, sizeof nonce);

  ret = _udha_vault_keys_add_recovery_with_raw (self, slot_id, now_unix (), raw, nonce, dek, error);
  if (ret)
    *recovery_key_out = udha_vault_recovery_key_format (raw);
  sodium_free (raw);

  return ret;
}

/**
 * udha_vault_keys_unwrap_passphrase:
 * @self: a key-slot file
 * @user_name: the user name
 * @passphrase: the passphrase
 * @slot_id_out: (out) (optional): the slot that opened
 * @error: return location for a #GError
 *
 * Selects the slot by the user-name label and runs exactly one Argon2id,
 * also for an unknown user name (on a dummy salt), so that a wrong user name
 * and a wrong passphrase take the same time and give the same error
 * (%UDHA_VAULT_ERROR_WRONG_SECRET). The trailer MAC is not checked here.
 *
 * Returns: (transfer full): the DEK in sodium_malloc() memory; free it with
 *   udha_vault_dek_free()
 */
guint8 *
udha_vault_keys_unwrap_passphrase (UdhaVaultKeys  *self,
                                   const char     *user_name,
                                   const char     *passphrase,
                                   guint8         *slot_id_out,
                                   GError        **error)
{
  guint8 label[UDHA_VAULT_KEYS_LABEL_LEN];
  guint8 *kek;
  guint8 *dek;
  Slot *slot;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (user_name != NULL, NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);

  udha_vault_user_label (self->dbid, user_name, label);
  slot = find_slot_by_label (self, label);

  if (slot == NULL)
    {
      guint8 salt[UDHA_VAULT_KEYS_SALT_LEN];
      guint32 ops;
      guint32 mem;
      Slot *first = find_slot_by_type (self, UDHA_VAULT_SLOT_PASSPHRASE);

      /* Same cost as a real slot of this file. */
      if (first != NULL)
        {
          ops = first->opslimit;
          mem = first->memlimit_kib;
        }
      else
        udha_vault_kdf_get_params (UDHA_VAULT_KDF_DEFAULT, &ops, &mem);

      randombytes_buf (salt, sizeof salt);
      kek = derive_kek (passphrase, salt, ops, mem);
      if (kek == NULL)
        {
          set_kdf_memory (error);
          return NULL;
        }
      sodium_free (kek);
      set_wrong_secret (error);
      return NULL;
    }

  kek = derive_kek (passphrase, slot->salt, slot->opslimit, slot->memlimit_kib);
  if (kek == NULL)
    {
      set_kdf_memory (error);
      return NULL;
    }

  dek = unwrap_dek (self, slot, kek);
  sodium_free (kek);

  if (dek == NULL)
    {
      set_wrong_secret (error);
      return NULL;
    }

  if (slot_id_out != NULL)
    *slot_id_out = slot->slot_id;

  return dek;
}

/**
 * udha_vault_keys_unwrap_recovery:
 * @self: a key-slot file
 * @recovery_key: the recovery key as the user typed it
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the DEK in sodium_malloc() memory, or %NULL with
 *   %UDHA_VAULT_ERROR_INVALID (not a recovery key) or
 *   %UDHA_VAULT_ERROR_WRONG_SECRET
 */
guint8 *
udha_vault_keys_unwrap_recovery (UdhaVaultKeys  *self,
                                 const char     *recovery_key,
                                 GError        **error)
{
  guint8 *raw;
  guint8 *kek;
  guint8 *dek;
  Slot *slot;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (recovery_key != NULL, NULL);

  raw = sodium_malloc (UDHA_VAULT_RECOVERY_KEY_LEN);
  if (raw == NULL)
    g_error ("Out of secure memory");

  if (!udha_vault_recovery_key_parse (recovery_key, raw))
    {
      sodium_free (raw);
      g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_INVALID,
                           _("This is not a valid recovery key. A recovery key has 52 letters and digits in groups of four. Check it and try again."));
      return NULL;
    }

  kek = recovery_kek (raw);
  sodium_free (raw);
  if (kek == NULL)
    g_error ("Out of secure memory");

  slot = find_slot_by_type (self, UDHA_VAULT_SLOT_RECOVERY);
  dek = slot != NULL ? unwrap_dek (self, slot, kek) : NULL;
  sodium_free (kek);

  if (dek == NULL)
    {
      g_set_error_literal (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_WRONG_SECRET,
                           _("This recovery key does not open this vault. Check it and try again."));
      return NULL;
    }

  return dek;
}

/**
 * udha_vault_keys_verify_mac:
 * @self: a parsed key-slot file
 * @slots_key: K_slots of the vault
 * @error: return location for a #GError
 *
 * Verifies the trailer MAC of the bytes @self was parsed from
 * (VAULT.md §11.2 step 3).
 *
 * Returns: %TRUE if the file is authentic; else %UDHA_VAULT_ERROR_KEYFILE
 */
gboolean
udha_vault_keys_verify_mac (UdhaVaultKeys  *self,
                            const guint8    slots_key[UDHA_VAULT_KEY_LEN],
                            GError        **error)
{
  guint8 mac[UDHA_VAULT_KEYS_MAC_LEN];
  const guint8 *data;
  gsize len;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->raw != NULL, FALSE);

  data = g_bytes_get_data (self->raw, &len);
  g_assert (len >= UDHA_VAULT_KEYS_HEADER_LEN + UDHA_VAULT_KEYS_MAC_LEN);

  crypto_generichash (mac, sizeof mac, data, len - UDHA_VAULT_KEYS_MAC_LEN,
                      slots_key, UDHA_VAULT_KEY_LEN);

  if (sodium_memcmp (mac, data + len - UDHA_VAULT_KEYS_MAC_LEN, UDHA_VAULT_KEYS_MAC_LEN) != 0)
    {
      const char *name = self->basename != NULL ? self->basename : "cases.udb.keys";

      g_set_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_KEYFILE,
                   /* Translators: %s are file names, e.g. cases.udb.keys */
                   _("The key file of this vault has been changed or damaged, so it cannot be trusted. Restore %s from your backup, or use the copy %s.bak."),
                   name, name);
      return FALSE;
    }

  return TRUE;
}

/**
 * udha_vault_keys_serialize:
 * @self: a key-slot file
 * @slots_key: K_slots of the vault, for the trailer MAC
 *
 * Returns: (transfer full): the file content
 */
GBytes *
udha_vault_keys_serialize (UdhaVaultKeys *self,
                           const guint8   slots_key[UDHA_VAULT_KEY_LEN])
{
  GByteArray *out;
  guint8 header[UDHA_VAULT_KEYS_HEADER_LEN];
  guint8 mac[UDHA_VAULT_KEYS_MAC_LEN];

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->slots->len >= 1 && self->slots->len <= UDHA_VAULT_KEYS_MAX_SLOTS, NULL);

  out = g_byte_array_sized_new (UDHA_VAULT_KEYS_HEADER_LEN + self->slots->len * (SLOT_COMMON_LEN + LEN_PASSPHRASE) + UDHA_VAULT_KEYS_MAC_LEN);

  memcpy (header, UDHA_VAULT_KEYS_MAGIC, 8);
  put_u16 (header + 8, self->version);
  put_u16 (header + 10, 0);
  memcpy (header + 12, self->dbid, UDHA_VAULT_DBID_LEN);
  put_u32 (header + 28, UDHA_VAULT_PAGE_SIZE);
  header[32] = UDHA_VAULT_RESERVE;
  header[33] = UDHA_VAULT_KEYS_AEAD_ID;
  put_u64 (header + 34, self->generation);
  header[42] = (guint8) self->slots->len;
  g_byte_array_append (out, header, sizeof header);

  for (guint i = 0; i < self->slots->len; i++)
    {
      const Slot *slot = g_ptr_array_index (self->slots, i);
      guint8 buf[SLOT_COMMON_LEN + 512];
      gsize n = SLOT_COMMON_LEN;

      buf[0] = slot->type;
      buf[1] = slot->slot_id;
      put_u64 (buf + n, slot->created_unix); n += 8;

      switch (slot->type)
        {
        case UDHA_VAULT_SLOT_PASSPHRASE:
          memcpy (buf + n, slot->label, UDHA_VAULT_KEYS_LABEL_LEN); n += UDHA_VAULT_KEYS_LABEL_LEN;
          memcpy (buf + n, slot->salt, UDHA_VAULT_KEYS_SALT_LEN); n += UDHA_VAULT_KEYS_SALT_LEN;
          put_u32 (buf + n, slot->opslimit); n += 4;
          put_u32 (buf + n, slot->memlimit_kib); n += 4;
          buf[n++] = slot->alg;
          G_GNUC_FALLTHROUGH;
        case UDHA_VAULT_SLOT_RECOVERY:
          memcpy (buf + n, slot->nonce, UDHA_VAULT_NONCE_LEN); n += UDHA_VAULT_NONCE_LEN;
          memcpy (buf + n, slot->wrapped, WRAPPED_LEN); n += WRAPPED_LEN;
          break;
        case UDHA_VAULT_SLOT_META:
          put_u64 (buf + n, slot->audit_seq); n += 8;
          memcpy (buf + n, slot->audit_hash, UDHA_VAULT_AUDIT_HASH_LEN); n += UDHA_VAULT_AUDIT_HASH_LEN;
          break;
        case UDHA_VAULT_SLOT_SEALED:
        case UDHA_VAULT_SLOT_KEYRING:
        default:
          break;
        }

      if (slot->opaque != NULL)
        {
          gsize olen;
          const guint8 *odata = g_bytes_get_data (slot->opaque, &olen);

          put_u16 (buf + 2, (guint16) (n - SLOT_COMMON_LEN + olen));
          g_byte_array_append (out, buf, n);
          g_byte_array_append (out, odata, olen);
        }
      else
        {
          put_u16 (buf + 2, (guint16) (n - SLOT_COMMON_LEN));
          g_byte_array_append (out, buf, n);
        }
    }

  crypto_generichash (mac, sizeof mac, out->data, out->len, slots_key, UDHA_VAULT_KEY_LEN);
  g_byte_array_append (out, mac, sizeof mac);

  return g_byte_array_free_to_bytes (out);
}

/**
 * udha_vault_keys_save:
 * @self: a key-slot file
 * @path: where to write it
 * @slots_key: K_slots of the vault
 * @error: return location for a #GError
 *
 * Serializes and writes atomically, keeping the previous file as
 * `<path>.bak` (udha_vault_write_file_atomic()).
 *
 * Returns: %TRUE on success
 */
gboolean
udha_vault_keys_save (UdhaVaultKeys  *self,
                      const char     *path,
                      const guint8    slots_key[UDHA_VAULT_KEY_LEN],
                      GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;
  const guint8 *data;
  gsize len;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  bytes = udha_vault_keys_serialize (self, slots_key);
  data = g_bytes_get_data (bytes, &len);

  return udha_vault_write_file_atomic (path, data, len, TRUE, error);
}

/**
 * udha_vault_keys_get_audit_head:
 * @self: a key-slot file
 * @seq: (out): the sequence number of the last audit entry
 * @hash: (out): its chain hash
 *
 * Returns: %FALSE if the file has no audit head
 */
gboolean
udha_vault_keys_get_audit_head (UdhaVaultKeys *self,
                                guint64       *seq,
                                guint8         hash[UDHA_VAULT_AUDIT_HASH_LEN])
{
  Slot *slot;

  g_return_val_if_fail (self != NULL, FALSE);

  slot = find_slot_by_type (self, UDHA_VAULT_SLOT_META);
  if (slot == NULL)
    return FALSE;

  if (seq != NULL)
    *seq = slot->audit_seq;
  if (hash != NULL)
    memcpy (hash, slot->audit_hash, UDHA_VAULT_AUDIT_HASH_LEN);

  return TRUE;
}

void
_udha_vault_keys_set_audit_head_full (UdhaVaultKeys *self,
                                      guint8         slot_id,
                                      guint64        created_unix,
                                      guint64        seq,
                                      const guint8   hash[UDHA_VAULT_AUDIT_HASH_LEN])
{
  Slot *slot = find_slot_by_type (self, UDHA_VAULT_SLOT_META);

  if (slot == NULL)
    {
      slot = g_new0 (Slot, 1);
      slot->type = UDHA_VAULT_SLOT_META;
      slot->slot_id = slot_id;
      slot->created_unix = created_unix;
      g_ptr_array_add (self->slots, slot);
    }

  slot->audit_seq = seq;
  memcpy (slot->audit_hash, hash, UDHA_VAULT_AUDIT_HASH_LEN);
}

/**
 * udha_vault_keys_set_audit_head:
 * @self: a key-slot file
 * @seq: the sequence number of the last audit entry
 * @hash: its chain hash
 *
 * Stores the audit-log anchor in the meta slot (type 5), adding the slot if
 * needed. Save the file to make it permanent.
 */
void
udha_vault_keys_set_audit_head (UdhaVaultKeys *self,
                                guint64        seq,
                                const guint8   hash[UDHA_VAULT_AUDIT_HASH_LEN])
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (hash != NULL);

  if (find_slot_by_type (self, UDHA_VAULT_SLOT_META) == NULL)
    g_return_if_fail (self->slots->len < UDHA_VAULT_KEYS_MAX_SLOTS);

  _udha_vault_keys_set_audit_head_full (self, udha_vault_keys_next_slot_id (self),
                                        now_unix (), seq, hash);
}

gboolean
_udha_vault_keys_get_slot (UdhaVaultKeys *self,
                           guint          index,
                           guint8        *type,
                           guint8        *slot_id,
                           guint64       *created_unix)
{
  const Slot *slot;

  if (index >= self->slots->len)
    return FALSE;

  slot = g_ptr_array_index (self->slots, index);
  *type = slot->type;
  *slot_id = slot->slot_id;
  *created_unix = slot->created_unix;
  return TRUE;
}

/**
 * udha_vault_fsync_dir_of:
 * @path: a file
 * @error: return location for a #GError
 *
 * fsyncs the directory that contains @path, so that a rename is durable.
 *
 * Returns: %TRUE on success
 */
gboolean
udha_vault_fsync_dir_of (const char  *path,
                         GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return set_io_error (error, errno);

  if (fsync (fd) != 0 && errno != EINVAL)
    {
      int saved_errno = errno;

      close (fd);
      return set_io_error (error, saved_errno);
    }

  close (fd);
  return TRUE;
}

/**
 * udha_vault_write_file_atomic:
 * @path: the file to replace
 * @data: the new content
 * @len: its length
 * @keep_backup: whether to keep the current @path as `<path>.bak`
 * @error: return location for a #GError
 *
 * VAULT.md §10.2 "Writing": writes `<path>.new` and fsyncs it; replaces
 * `<path>.bak` with a hard link to (or else a copy of) the current @path;
 * renames `<path>.new` over @path; fsyncs the directory. A valid @path
 * exists at every instant.
 *
 * Returns: %TRUE on success
 */
gboolean
udha_vault_write_file_atomic (const char    *path,
                              const guint8  *data,
                              gsize          len,
                              gboolean       keep_backup,
                              GError       **error)
{
  g_autofree char *tmp = NULL;
  int saved_errno = 0;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  tmp = g_strconcat (path, ".new", NULL);
  g_unlink (tmp);

  if (!write_new_file (tmp, data, len, &saved_errno))
    return set_io_error (error, saved_errno);

  if (keep_backup && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *bak = g_strconcat (path, ".bak", NULL);
      g_autofree char *bak_tmp = g_strconcat (path, ".bak.new", NULL);

      g_unlink (bak_tmp);
      if (link (path, bak_tmp) != 0)
        {
          g_autofree char *old = NULL;
          gsize old_len = 0;

          /* No hard links on this file system: copy. */
          if (!g_file_get_contents (path, &old, &old_len, NULL) ||
              !write_new_file (bak_tmp, (const guint8 *) old, old_len, &saved_errno))
            {
              g_unlink (tmp);
              return set_io_error (error, saved_errno != 0 ? saved_errno : EIO);
            }
        }

      if (g_rename (bak_tmp, bak) != 0)
        {
          saved_errno = errno;
          g_unlink (bak_tmp);
          g_unlink (tmp);
          return set_io_error (error, saved_errno);
        }
    }

  if (g_rename (tmp, path) != 0)
    {
      saved_errno = errno;
      g_unlink (tmp);
      return set_io_error (error, saved_errno);
    }

  return udha_vault_fsync_dir_of (path, error);
}

/* RFC 4648 base32, no padding, groups of four separated by '-'. */
static const char base32_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/**
 * udha_vault_recovery_key_format:
 * @raw: the 32 random bytes of a recovery key
 *
 * Returns: (transfer full): "XXXX-XXXX-…" (52 base32 characters in 13
 *   groups), in secure memory; free with udha_vault_secret_free()
 */
UdhaVaultSecret *
udha_vault_recovery_key_format (const guint8 raw[UDHA_VAULT_RECOVERY_KEY_LEN])
{
  UdhaVaultSecret *out = udha_vault_secret_new (RECOVERY_TEXT_LEN + 1);
  guint32 acc = 0;
  guint bits = 0;
  guint n_chars = 0;
  gsize pos = 0;
  gsize i = 0;

  while (n_chars < RECOVERY_TEXT_CHARS)
    {
      guint v;

      if (bits < 5)
        {
          acc = (acc << 8) | (i < UDHA_VAULT_RECOVERY_KEY_LEN ? raw[i] : 0);
          i++;
          bits += 8;
        }

      v = (acc >> (bits - 5)) & 0x1f;
      bits -= 5;

      if (n_chars > 0 && n_chars % 4 == 0)
        out[pos++] = '-';
      out[pos++] = base32_alphabet[v];
      n_chars++;
    }

  out[pos] = '\0';
  acc = 0;
  sodium_memzero (&acc, sizeof acc);
  g_assert (pos == RECOVERY_TEXT_LEN);

  return out;
}

/**
 * udha_vault_recovery_key_parse:
 * @text: a recovery key as typed; spaces, dashes and case do not matter
 * @raw: (out): its 32 bytes
 *
 * Returns: %TRUE if @text is a well-formed recovery key
 */
gboolean
udha_vault_recovery_key_parse (const char *text,
                               guint8      raw[UDHA_VAULT_RECOVERY_KEY_LEN])
{
  guint32 acc = 0;
  guint bits = 0;
  guint n_chars = 0;
  gsize out = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (text != NULL, FALSE);

  for (const char *p = text; *p != '\0' && ok; p++)
    {
      char c = *p;
      const char *found;

      if (c == ' ' || c == '-' || c == '\t' || c == '\n' || c == '\r')
        continue;

      c = g_ascii_toupper (c);
      found = c != '\0' ? strchr (base32_alphabet, c) : NULL;
      if (found == NULL || n_chars >= RECOVERY_TEXT_CHARS)
        {
          ok = FALSE;
          break;
        }

      acc = (acc << 5) | (guint32) (found - base32_alphabet);
      bits += 5;
      n_chars++;

      if (bits >= 8)
        {
          bits -= 8;
          if (out < UDHA_VAULT_RECOVERY_KEY_LEN)
            raw[out++] = (acc >> bits) & 0xff;
        }
    }

  /* 52 characters = 260 bits: 256 bits of key and 4 zero bits. */
  if (ok && (n_chars != RECOVERY_TEXT_CHARS || out != UDHA_VAULT_RECOVERY_KEY_LEN ||
             (acc & ((1u << bits) - 1)) != 0))
    ok = FALSE;

  sodium_memzero (&acc, sizeof acc);
  if (!ok)
    sodium_memzero (raw, UDHA_VAULT_RECOVERY_KEY_LEN);

  return ok;
}
