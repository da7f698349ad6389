/* udha-vault-vfs.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The encrypting VFS shim of VAULT.md §8. It wraps another VFS ("unix" for
 * the application; tests may put a fault-injecting or tracing VFS in
 * between) and seals every page image written to a vault's main file, its
 * rollback journal and its WAL, with XChaCha20-Poly1305 (udha-vault-page.c).
 *
 * Rules that keep it fail-closed:
 *  - every I/O request of a shape the shim does not expect is an error, never
 *    passed through in plaintext;
 *  - temporary files of every kind are refused (SQLITE_CANTOPEN);
 *  - no xFetch (io methods version 2), and SQLITE_FCNTL_MMAP_SIZE answers 0;
 *  - a failed page authentication is SQLITE_IOERR_DATA, except for WAL
 *    recovery reads, where the frame is zeroed (a torn tail, §8.3);
 *  - only page numbers are logged, never content or paths.
 */

#define G_LOG_DOMAIN "udha-vault-vfs"

#include "config.h"

#include "udha-vault-vfs.h"
#include "udha-vault-vfs-private.h"
#include "udha-vault-error.h"
#include "udha-vault-page.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <sqlite3.h>
#include <string.h>

/* Newer sqlite3.h (3.47.2+) defines it; 3.40 does not. A newer library must
 * never be told the shim can serve sub-page reads of arbitrary pages. */
#ifndef SQLITE_IOCAP_SUBPAGE_READ
#define SQLITE_IOCAP_SUBPAGE_READ 0x00008000
#endif

#define PS              UDHA_VAULT_PAGE_SIZE
#define WAL_HDR         32
#define WAL_FRAME_HDR   24
#define WAL_FRAME       (PS + WAL_FRAME_HDR)
#define JOURNAL_SMALL   512     /* journal header chunks and fields are at most a sector */
#define P1_TAIL_OFFSET  UDHA_VAULT_USABLE

#define TEMP_FLAGS (SQLITE_OPEN_TEMP_DB | SQLITE_OPEN_TEMP_JOURNAL | \
                    SQLITE_OPEN_SUBJOURNAL | SQLITE_OPEN_TRANSIENT_DB)

typedef enum
{
  FILE_KIND_MAIN,
  FILE_KIND_JOURNAL,
  FILE_KIND_WAL,
  FILE_KIND_PASSTHROUGH,     /* super-journal: file names only */
} FileKind;

typedef struct _UdhaVaultFile UdhaVaultFile;

struct _UdhaVaultFile
{
  sqlite3_file    base;           /* pMethods = &vault_io_methods (iVersion 2) */
  sqlite3_file   *real;           /* = (sqlite3_file *) &self[1] */
  FileKind        kind;
  const char     *zName;          /* as passed to xOpen; used for the parent lookup */
  const char     *vfs_name;       /* for SQLITE_FCNTL_VFSNAME */
  UdhaVaultKey   *key;            /* reference held while open */
  UdhaVaultFile  *next_main;      /* registry of open main files */
  guint8         *scratch;        /* WAL_FRAME bytes, sodium_malloc */
  sqlite3_int64   last_pgno_off;  /* journal: offset of the last 4-byte write or read */
  guint32         last_pgno;      /* journal: its value (big-endian decoded) */
  gboolean        last_pgno_valid;
  guint8         *p1cache;        /* main only: decrypted page 1, sodium_malloc */
  guint8          p1tail[UDHA_VAULT_RESERVE];   /* nonce || tag of the cached page 1 */
  gboolean        p1valid;
};

typedef struct
{
  UdhaVaultVfsFailure reason;
  guint32             pgno;
  char                kind;
} FailureInfo;

static GMutex registry_lock;
static GHashTable *key_registry;         /* canonical path -> UdhaVaultKey (owned ref) */
static UdhaVaultFile *main_files;        /* open main files, linked by next_main */
static guint refused_opens;              /* atomic */
static GPrivate failure_private = G_PRIVATE_INIT (g_free);

static const sqlite3_io_methods vault_io_methods;

/* Auxiliary methods */

static FailureInfo *
get_failure_info (void)
{
  FailureInfo *info = g_private_get (&failure_private);

  if (info == NULL)
    {
      info = g_new0 (FailureInfo, 1);
      g_private_set (&failure_private, info);
    }

  return info;
}

static void
note_failure (UdhaVaultVfsFailure reason,
              guint32             pgno,
              char                kind)
{
  FailureInfo *info = get_failure_info ();

  info->reason = reason;
  info->pgno = pgno;
  info->kind = kind;
}

static void
note_auth_failure (guint32 pgno,
                   char    kind)
{
  note_failure (UDHA_VAULT_VFS_FAILURE_AUTH, pgno, kind);
  /* Page numbers only: no content, no file name. */
  sqlite3_log (SQLITE_IOERR_DATA, "udha-vault: %c page %u failed authentication",
               kind, (unsigned) pgno);
  g_debug ("%c page %u failed authentication", kind, (unsigned) pgno);
}

static void
note_shape_failure (const char    *what,
                    int            n,
                    sqlite3_int64  off)
{
  note_failure (UDHA_VAULT_VFS_FAILURE_SHAPE, 0, 0);
  sqlite3_log (SQLITE_IOERR, "udha-vault: refused %s of %d bytes at offset %lld",
               what, n, (long long) off);
  g_debug ("refused %s of %d bytes at offset %" G_GINT64_FORMAT, what, n, (gint64) off);
}

static inline guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static gboolean
is_all_zero (const guint8 *p,
             gsize         n)
{
  guint8 acc = 0;

  for (gsize i = 0; i < n; i++)
    acc |= p[i];

  return acc == 0;
}

static sqlite3_vfs *
canonical_vfs (void)
{
  sqlite3_vfs *vfs = sqlite3_vfs_find ("unix");

  return vfs != NULL ? vfs : sqlite3_vfs_find (NULL);
}

static char *
canonical_path_with (sqlite3_vfs *vfs,
                     const char  *path)
{
  g_autofree char *out = NULL;
  int rc;

  if (vfs == NULL || path == NULL)
    return g_strdup (path);

  out = g_malloc0 (vfs->mxPathname + 1);
  rc = vfs->xFullPathname (vfs, path, vfs->mxPathname + 1, out);
  if ((rc & 0xff) != SQLITE_OK)
    return g_strdup (path);

  return g_steal_pointer (&out);
}

/* Journal: the page number of the record whose page image is at @off. SQLite
 * writes and reads the 4-byte big-endian pgno immediately before the page;
 * otherwise it is read back from disk. Returns 0 if unknown. */
static guint32
journal_pgno_at (UdhaVaultFile *self,
                 sqlite3_int64  off)
{
  guint8 be[4];

  if (self->last_pgno_valid && self->last_pgno_off == off - 4)
    return self->last_pgno;

  if (off < 4)
    return 0;

  if (self->real->pMethods->xRead (self->real, be, 4, off - 4) != SQLITE_OK)
    return 0;

  return read_be32 (be);
}

/* WAL: the page number from the frame header at @frame_off, read from disk
 * (in-transaction overwrites are not preceded by a header write). */
static guint32
wal_pgno_at (UdhaVaultFile *self,
             sqlite3_int64  frame_off)
{
  guint8 be[4];

  if (self->real->pMethods->xRead (self->real, be, 4, frame_off) != SQLITE_OK)
    return 0;

  return read_be32 (be);
}

/* What a failed sub-page read of page 1 returns. The read at offset 0 is
 * the one sqlite3BtreeOpen() makes before any lock is taken, only to learn
 * the page size; a power failure can leave page 1 torn at that moment, with
 * a hot journal that will restore it. Plain SQLite survives that because it
 * treats a short header read as "no header yet". So does the shim: zeros and
 * SQLITE_IOERR_SHORT_READ, which hand SQLite no data at all. The first real
 * read of page 1 (whole page, or 16 @ 24 at the start of every read
 * transaction, both after hot-journal recovery) still authenticates and
 * fails with SQLITE_IOERR_DATA if the page is still bad: fail-closed. */
static int
page1_header_failure (sqlite3_int64 off)
{
  return off == 0 ? SQLITE_IOERR_SHORT_READ : SQLITE_IOERR_DATA;
}

/* Main file: serve a slice of page 1 from the page-1 cache (VAULT.md §6). */
static int
read_page1_slice (UdhaVaultFile *self,
                  guint8        *buf,
                  int            n,
                  sqlite3_int64  off)
{
  sqlite3_file *real = self->real;
  guint8 tail[UDHA_VAULT_RESERVE];
  int rc;

  g_assert (off >= 0 && off + n <= PS);

  if (self->p1valid)
    {
      rc = real->pMethods->xRead (real, tail, sizeof tail, P1_TAIL_OFFSET);
      if (rc == SQLITE_OK && memcmp (tail, self->p1tail, sizeof tail) == 0)
        {
          memcpy (buf, self->p1cache + off, n);
          return SQLITE_OK;
        }
      self->p1valid = FALSE;
    }

  rc = real->pMethods->xRead (real, self->scratch, PS, 0);
  if (rc == SQLITE_IOERR_SHORT_READ)
    {
      memset (buf, 0, n);
      if (is_all_zero (self->scratch, PS))
        return SQLITE_IOERR_SHORT_READ;       /* new or empty file */
      note_auth_failure (1, UDHA_VAULT_PAGE_KIND_DB);
      return page1_header_failure (off);      /* page 1 cut short */
    }
  if (rc != SQLITE_OK)
    return rc;

  memcpy (tail, self->scratch + P1_TAIL_OFFSET, sizeof tail);
  if (udha_vault_page_open (UDHA_VAULT_PAGE_KIND_DB, 1, self->scratch, self->key) != UDHA_VAULT_PAGE_OK)
    {
      memset (buf, 0, n);
      note_auth_failure (1, UDHA_VAULT_PAGE_KIND_DB);
      return page1_header_failure (off);
    }

  memcpy (self->p1cache, self->scratch, PS);
  memcpy (self->p1tail, tail, sizeof tail);
  self->p1valid = TRUE;
  memcpy (buf, self->scratch + off, n);
  sodium_memzero (self->scratch, PS);

  return SQLITE_OK;
}

static int
read_main (UdhaVaultFile *self,
           guint8        *buf,
           int            n,
           sqlite3_int64  off)
{
  sqlite3_file *real = self->real;
  int rc;

  if (off >= 0 && n > 0 && off % PS == 0 && n % PS == 0)
    {
      int npages = n / PS;

      rc = real->pMethods->xRead (real, buf, n, off);
      if (rc == SQLITE_IOERR_SHORT_READ)
        {
          /* Beyond end of file SQLite sees zeros (a new page). A page that is
           * only partly on disk has been cut short: refuse it. */
          for (int i = 0; i < npages; i++)
            {
              if (!is_all_zero (buf + (gsize) i * PS, PS))
                {
                  memset (buf, 0, n);
                  note_auth_failure ((guint32) (off / PS) + i + 1, UDHA_VAULT_PAGE_KIND_DB);
                  return SQLITE_IOERR_DATA;
                }
            }
          if (off == 0)
            self->p1valid = FALSE;
          return SQLITE_IOERR_SHORT_READ;
        }
      if (rc != SQLITE_OK)
        return rc;

      for (int i = 0; i < npages; i++)
        {
          guint8 *page = buf + (gsize) i * PS;
          guint32 pgno = (guint32) (off / PS) + i + 1;
          guint8 tail[UDHA_VAULT_RESERVE];

          if (pgno == 1)
            memcpy (tail, page + P1_TAIL_OFFSET, sizeof tail);

          if (udha_vault_page_open (UDHA_VAULT_PAGE_KIND_DB, pgno, page, self->key) != UDHA_VAULT_PAGE_OK)
            {
              memset (buf, 0, n);
              if (pgno == 1)
                self->p1valid = FALSE;
              note_auth_failure (pgno, UDHA_VAULT_PAGE_KIND_DB);
              return SQLITE_IOERR_DATA;
            }

          if (pgno == 1)
            {
              memcpy (self->p1cache, page, PS);
              memcpy (self->p1tail, tail, sizeof tail);
              self->p1valid = TRUE;
            }
        }

      return SQLITE_OK;
    }

  if (off >= 0 && n > 0 && off + n <= PS)
    return read_page1_slice (self, buf, n, off);

  if (off >= 0 && n > 0 && (off % PS) + n <= PS)
    {
      /* A sub-page read of another page (direct overflow read on a newer
       * SQLite). Fail closed: read, authenticate and slice the whole page. */
      sqlite3_int64 page_off = off - (off % PS);
      guint32 pgno = (guint32) (page_off / PS) + 1;

      rc = real->pMethods->xRead (real, self->scratch, PS, page_off);
      if (rc == SQLITE_IOERR_SHORT_READ)
        {
          gboolean zero = is_all_zero (self->scratch, PS);

          memset (buf, 0, n);
          if (zero)
            return SQLITE_IOERR_SHORT_READ;
          note_auth_failure (pgno, UDHA_VAULT_PAGE_KIND_DB);
          return SQLITE_IOERR_DATA;
        }
      if (rc != SQLITE_OK)
        return rc;
      if (udha_vault_page_open (UDHA_VAULT_PAGE_KIND_DB, pgno, self->scratch, self->key) != UDHA_VAULT_PAGE_OK)
        {
          memset (buf, 0, n);
          note_auth_failure (pgno, UDHA_VAULT_PAGE_KIND_DB);
          return SQLITE_IOERR_DATA;
        }
      memcpy (buf, self->scratch + (off % PS), n);
      sodium_memzero (self->scratch, PS);
      return SQLITE_OK;
    }

  note_shape_failure ("main read", n, off);
  return SQLITE_IOERR_READ;
}

static int
write_main (UdhaVaultFile *self,
            const guint8  *buf,
            int            n,
            sqlite3_int64  off)
{
  sqlite3_file *real = self->real;

  if (off < 0 || n <= 0 || off % PS != 0 || n % PS != 0)
    {
      note_shape_failure ("main write", n, off);
      return SQLITE_IOERR_WRITE;
    }

  for (int i = 0; i < n / PS; i++)
    {
      const guint8 *page = buf + (gsize) i * PS;
      sqlite3_int64 page_off = off + (sqlite3_int64) i * PS;
      guint32 pgno = (guint32) (page_off / PS) + 1;
      int rc;

      if (udha_vault_page_seal (UDHA_VAULT_PAGE_KIND_DB, pgno, page, self->scratch, self->key) != UDHA_VAULT_PAGE_OK)
        {
          note_failure (UDHA_VAULT_VFS_FAILURE_CHECK, pgno, UDHA_VAULT_PAGE_KIND_DB);
          sqlite3_log (SQLITE_IOERR_WRITE, "udha-vault: D page %u failed the pre-seal checks",
                       (unsigned) pgno);
          return SQLITE_IOERR_WRITE;
        }

      if (pgno == 1)
        self->p1valid = FALSE;

      rc = real->pMethods->xWrite (real, self->scratch, PS, page_off);
      if (rc != SQLITE_OK)
        return rc;

      if (pgno == 1)
        {
          memcpy (self->p1cache, page, PS);
          memcpy (self->p1tail, self->scratch + P1_TAIL_OFFSET, UDHA_VAULT_RESERVE);
          self->p1valid = TRUE;
        }
    }

  return SQLITE_OK;
}

static int
read_journal (UdhaVaultFile *self,
              guint8        *buf,
              int            n,
              sqlite3_int64  off)
{
  sqlite3_file *real = self->real;
  guint32 pgno;
  int rc;

  if (n == 4)
    {
      rc = real->pMethods->xRead (real, buf, n, off);
      if (rc == SQLITE_OK)
        {
          self->last_pgno_off = off;
          self->last_pgno = read_be32 (buf);
          self->last_pgno_valid = TRUE;
        }
      return rc;
    }

  if (n == PS)
    {
      rc = real->pMethods->xRead (real, buf, n, off);
      if (rc == SQLITE_IOERR_SHORT_READ)
        {
          memset (buf, 0, n);
          return rc;
        }
      if (rc != SQLITE_OK)
        return rc;

      pgno = journal_pgno_at (self, off);
      if (udha_vault_page_open (UDHA_VAULT_PAGE_KIND_JOURNAL, pgno, buf, self->key) != UDHA_VAULT_PAGE_OK)
        {
          note_auth_failure (pgno, UDHA_VAULT_PAGE_KIND_JOURNAL);
          return SQLITE_IOERR_DATA;
        }
      return SQLITE_OK;
    }

  if (n > 0 && n <= JOURNAL_SMALL)
    return real->pMethods->xRead (real, buf, n, off);

  note_shape_failure ("journal read", n, off);
  return SQLITE_IOERR_READ;
}

static int
write_journal (UdhaVaultFile *self,
               const guint8  *buf,
               int            n,
               sqlite3_int64  off)
{
  sqlite3_file *real = self->real;
  guint32 pgno;

  if (n == 4)
    {
      self->last_pgno_off = off;
      self->last_pgno = read_be32 (buf);
      self->last_pgno_valid = TRUE;
      return real->pMethods->xWrite (real, buf, n, off);
    }

  if (n == PS)
    {
      pgno = journal_pgno_at (self, off);
      if (pgno == 0)
        {
          note_shape_failure ("journal page write without page number", n, off);
          return SQLITE_IOERR_WRITE;
        }
      if (udha_vault_page_seal (UDHA_VAULT_PAGE_KIND_JOURNAL, pgno, buf, self->scratch, self->key) != UDHA_VAULT_PAGE_OK)
        {
          note_failure (UDHA_VAULT_VFS_FAILURE_CHECK, pgno, UDHA_VAULT_PAGE_KIND_JOURNAL);
          sqlite3_log (SQLITE_IOERR_WRITE, "udha-vault: J page %u failed the pre-seal checks",
                       (unsigned) pgno);
          return SQLITE_IOERR_WRITE;
        }
      return real->pMethods->xWrite (real, self->scratch, PS, off);
    }

  if (n > 0 && n <= JOURNAL_SMALL)
    return real->pMethods->xWrite (real, buf, n, off);

  note_shape_failure ("journal write", n, off);
  return SQLITE_IOERR_WRITE;
}

static int
read_wal (UdhaVaultFile *self,
          guint8        *buf,
          int            n,
          sqlite3_int64  off)
{
  sqlite3_file *real = self->real;
  sqlite3_int64 r, frame_off;
  guint32 pgno;
  int rc;

  if (off < 0 || n <= 0)
    goto refuse;

  if (off < WAL_HDR)
    {
      if (off + n <= WAL_HDR)
        return real->pMethods->xRead (real, buf, n, off);
      goto refuse;
    }

  r = (off - WAL_HDR) % WAL_FRAME;
  frame_off = off - r;

  if (r + n <= WAL_FRAME_HDR)
    return real->pMethods->xRead (real, buf, n, off);      /* frame header fields */

  if (r == WAL_FRAME_HDR && n == PS)
    {
      rc = real->pMethods->xRead (real, buf, n, off);
      if (rc == SQLITE_IOERR_SHORT_READ)
        {
          memset (buf, 0, n);
          return rc;
        }
      if (rc != SQLITE_OK)
        return rc;

      pgno = wal_pgno_at (self, frame_off);
      if (udha_vault_page_open (UDHA_VAULT_PAGE_KIND_WAL, pgno, buf, self->key) != UDHA_VAULT_PAGE_OK)
        {
          note_auth_failure (pgno, UDHA_VAULT_PAGE_KIND_WAL);
          return SQLITE_IOERR_DATA;
        }
      return SQLITE_OK;
    }

  if (r == 0 && n == WAL_FRAME)
    {
      rc = real->pMethods->xRead (real, buf, n, off);
      if (rc == SQLITE_IOERR_SHORT_READ)
        {
          memset (buf, 0, n);
          return rc;
        }
      if (rc != SQLITE_OK)
        return rc;

      /* Recovery and checksum rewriting. A frame that does not open is a torn
       * tail: zero it (pgno 0 stops recovery) and succeed. Never hand the raw
       * bytes to SQLite. */
      pgno = read_be32 (buf);
      if (pgno == 0 ||
          udha_vault_page_open (UDHA_VAULT_PAGE_KIND_WAL, pgno, buf + WAL_FRAME_HDR, self->key) != UDHA_VAULT_PAGE_OK)
        {
          memset (buf, 0, n);
          sqlite3_log (SQLITE_OK, "udha-vault: W frame for page %u dropped in recovery",
                       (unsigned) pgno);
          g_debug ("W frame for page %u dropped in recovery", (unsigned) pgno);
        }
      return SQLITE_OK;
    }

refuse:
  note_shape_failure ("WAL read", n, off);
  return SQLITE_IOERR_READ;
}

static int
write_wal (UdhaVaultFile *self,
           const guint8  *buf,
           int            n,
           sqlite3_int64  off)
{
  sqlite3_file *real = self->real;
  sqlite3_int64 r, frame_off;
  guint32 pgno;

  if (off < 0 || n <= 0)
    goto refuse;

  if (off < WAL_HDR)
    {
      if (off + n <= WAL_HDR)
        return real->pMethods->xWrite (real, buf, n, off);
      goto refuse;
    }

  r = (off - WAL_HDR) % WAL_FRAME;
  frame_off = off - r;

  if (r + n <= WAL_FRAME_HDR)
    return real->pMethods->xWrite (real, buf, n, off);

  if (r == WAL_FRAME_HDR && n == PS)
    {
      pgno = wal_pgno_at (self, frame_off);
      if (pgno == 0)
        {
          note_shape_failure ("WAL page write without frame header", n, off);
          return SQLITE_IOERR_WRITE;
        }
      if (udha_vault_page_seal (UDHA_VAULT_PAGE_KIND_WAL, pgno, buf, self->scratch, self->key) != UDHA_VAULT_PAGE_OK)
        goto check_failed;
      return real->pMethods->xWrite (real, self->scratch, PS, off);
    }

  if (r == 0 && n == WAL_FRAME)
    {
      pgno = read_be32 (buf);
      if (pgno == 0)
        {
          note_shape_failure ("WAL frame write for page 0", n, off);
          return SQLITE_IOERR_WRITE;
        }
      memcpy (self->scratch, buf, WAL_FRAME_HDR);
      if (udha_vault_page_seal (UDHA_VAULT_PAGE_KIND_WAL, pgno, buf + WAL_FRAME_HDR,
                                self->scratch + WAL_FRAME_HDR, self->key) != UDHA_VAULT_PAGE_OK)
        goto check_failed;
      return real->pMethods->xWrite (real, self->scratch, WAL_FRAME, off);
    }

refuse:
  note_shape_failure ("WAL write", n, off);
  return SQLITE_IOERR_WRITE;

check_failed:
  note_failure (UDHA_VAULT_VFS_FAILURE_CHECK, pgno, UDHA_VAULT_PAGE_KIND_WAL);
  sqlite3_log (SQLITE_IOERR_WRITE, "udha-vault: W page %u failed the pre-seal checks",
               (unsigned) pgno);
  return SQLITE_IOERR_WRITE;
}

/* I/O methods */

static int
vault_close (sqlite3_file *file)
{
  UdhaVaultFile *self = (UdhaVaultFile *) file;
  int rc = SQLITE_OK;

  if (self->real->pMethods != NULL)
    rc = self->real->pMethods->xClose (self->real);

  if (self->kind == FILE_KIND_MAIN)
    {
      g_mutex_lock (&registry_lock);
      for (UdhaVaultFile **pp = &main_files; *pp != NULL; pp = &(*pp)->next_main)
        {
          if (*pp == self)
            {
              *pp = self->next_main;
              break;
            }
        }
      g_mutex_unlock (&registry_lock);
    }

  g_clear_pointer (&self->scratch, sodium_free);
  g_clear_pointer (&self->p1cache, sodium_free);
  g_clear_pointer (&self->key, udha_vault_key_unref);
  self->p1valid = FALSE;

  return rc;
}

static int
vault_read (sqlite3_file  *file,
            void          *buf,
            int            n,
            sqlite3_int64  off)
{
  UdhaVaultFile *self = (UdhaVaultFile *) file;

  switch (self->kind)
    {
    case FILE_KIND_MAIN:
      return read_main (self, buf, n, off);
    case FILE_KIND_JOURNAL:
      return read_journal (self, buf, n, off);
    case FILE_KIND_WAL:
      return read_wal (self, buf, n, off);
    case FILE_KIND_PASSTHROUGH:
      return self->real->pMethods->xRead (self->real, buf, n, off);
    default:
      return SQLITE_IOERR_READ;
    }
}

static int
vault_write (sqlite3_file  *file,
             const void    *buf,
             int            n,
             sqlite3_int64  off)
{
  UdhaVaultFile *self = (UdhaVaultFile *) file;

  switch (self->kind)
    {
    case FILE_KIND_MAIN:
      return write_main (self, buf, n, off);
    case FILE_KIND_JOURNAL:
      return write_journal (self, buf, n, off);
    case FILE_KIND_WAL:
      return write_wal (self, buf, n, off);
    case FILE_KIND_PASSTHROUGH:
      return self->real->pMethods->xWrite (self->real, buf, n, off);
    default:
      return SQLITE_IOERR_WRITE;
    }
}

static int
vault_truncate (sqlite3_file  *file,
                sqlite3_int64  size)
{
  UdhaVaultFile *self = (UdhaVaultFile *) file;

  if (self->kind == FILE_KIND_MAIN)
    {
      if (size < 0 || size % PS != 0)
        {
          note_shape_failure ("main truncate", 0, size);
          return SQLITE_IOERR_TRUNCATE;
        }
      if (size < PS)
        self->p1valid = FALSE;
    }

  return self->real->pMethods->xTruncate (self->real, size);
}

static int
vault_sync (sqlite3_file *file,
            int           flags)
{
  UdhaVaultFile *self = (UdhaVaultFile *) file;

  return self->real->pMethods->xSync (self->real, flags);
}

static int
vault_file_size (sqlite3_file  *file,
                 sqlite3_int64 *size)
{
  UdhaVaultFile *self = (UdhaVaultFile *) file;

  return self->real->pMethods->xFileSize (self->real, size);
}

static int
vault_lock (sqlite3_file *file,
            int           lock)
{
  UdhaVaultFile *self = (UdhaVaultFile *) file;

  return self->real->pMethods->xLock (self->real, lock);
}

static int
vault_unlock (sqlite3_file *file,
              int           lock)
{
  UdhaVaultFile *self = (UdhaVaultFile *) file;

  return self->real->pMethods->xUnlock (self->real, lock);
}

static int
vault_check_reserved_lock (sqlite3_file *file,
                           int          *out)
{
  UdhaVaultFile *self = (UdhaVaultFile *) file;

  return self->real->pMethods->xCheckReservedLock (self->real, out);
}

static int
vault_file_control (sqlite3_file *file,
                    int           op,
                    void         *arg)
{
  UdhaVaultFile *self = (UdhaVaultFile *) file;
  int rc;

  switch (op)
    {
    case SQLITE_FCNTL_MMAP_SIZE:
      /* Never map pages: mmap would bypass xRead (VAULT.md §8.6). */
      *(sqlite3_int64 *) arg = 0;
      return SQLITE_OK;

    case SQLITE_FCNTL_PRAGMA:
      return SQLITE_NOTFOUND;

    case SQLITE_FCNTL_VFSNAME:
      rc = self->real->pMethods->xFileControl (self->real, op, arg);
      if (rc == SQLITE_OK)
        {
          char **name = arg;
          char *inner = *name;

          *name = sqlite3_mprintf ("%s/%z", self->vfs_name, inner);
        }
      return rc;

    default:
      return self->real->pMethods->xFileControl (self->real, op, arg);
    }
}

static int
vault_sector_size (sqlite3_file *file)
{
  UdhaVaultFile *self = (UdhaVaultFile *) file;

  return self->real->pMethods->xSectorSize (self->real);
}

static int
vault_device_characteristics (sqlite3_file *file)
{
  UdhaVaultFile *self = (UdhaVaultFile *) file;

  return self->real->pMethods->xDeviceCharacteristics (self->real) & ~SQLITE_IOCAP_SUBPAGE_READ;
}

static int
vault_shm_map (sqlite3_file  *file,
               int            region,
               int            size,
               int            extend,
               void volatile **pp)
{
  UdhaVaultFile *self = (UdhaVaultFile *) file;

  if (self->real->pMethods->iVersion < 2 || self->real->pMethods->xShmMap == NULL)
    return SQLITE_IOERR_SHMMAP;

  return self->real->pMethods->xShmMap (self->real, region, size, extend, pp);
}

static int
vault_shm_lock (sqlite3_file *file,
                int           offset,
                int           n,
                int           flags)
{
  UdhaVaultFile *self = (UdhaVaultFile *) file;

  if (self->real->pMethods->iVersion < 2 || self->real->pMethods->xShmLock == NULL)
    return SQLITE_IOERR_SHMLOCK;

  return self->real->pMethods->xShmLock (self->real, offset, n, flags);
}

static void
vault_shm_barrier (sqlite3_file *file)
{
  UdhaVaultFile *self = (UdhaVaultFile *) file;

  if (self->real->pMethods->iVersion >= 2 && self->real->pMethods->xShmBarrier != NULL)
    self->real->pMethods->xShmBarrier (self->real);
}

static int
vault_shm_unmap (sqlite3_file *file,
                 int           delete_flag)
{
  UdhaVaultFile *self = (UdhaVaultFile *) file;

  if (self->real->pMethods->iVersion < 2 || self->real->pMethods->xShmUnmap == NULL)
    return SQLITE_OK;

  return self->real->pMethods->xShmUnmap (self->real, delete_flag);
}

/* Version 2: no xFetch/xUnfetch, so the pager never memory-maps the file. */
static const sqlite3_io_methods vault_io_methods = {
  2,
  vault_close,
  vault_read,
  vault_write,
  vault_truncate,
  vault_sync,
  vault_file_size,
  vault_lock,
  vault_unlock,
  vault_check_reserved_lock,
  vault_file_control,
  vault_sector_size,
  vault_device_characteristics,
  vault_shm_map,
  vault_shm_lock,
  vault_shm_barrier,
  vault_shm_unmap,
  NULL,
  NULL,
};

/* VFS methods */

static int
vault_open (sqlite3_vfs  *vfs,
            const char   *zName,
            sqlite3_file *file,
            int           flags,
            int          *out_flags)
{
  UdhaVaultFile *self = (UdhaVaultFile *) file;
  sqlite3_vfs *real_vfs = vfs->pAppData;
  FileKind kind;
  int rc;

  memset (self, 0, sizeof *self);
  self->real = (sqlite3_file *) &self[1];
  self->zName = zName;
  self->vfs_name = vfs->zName;

  if (flags & TEMP_FLAGS)
    {
      /* Temp I/O is not page-structured and cannot be tied to a vault. */
      g_atomic_int_inc (&refused_opens);
      note_failure (UDHA_VAULT_VFS_FAILURE_TEMP_REFUSED, 0, 0);
      sqlite3_log (SQLITE_CANTOPEN, "udha-vault: refused a temporary file (flags 0x%x)", flags);
      g_debug ("refused a temporary file (flags 0x%x)", (unsigned) flags);
      return SQLITE_CANTOPEN;
    }

  if (flags & SQLITE_OPEN_MAIN_DB)
    kind = FILE_KIND_MAIN;
  else if (flags & SQLITE_OPEN_MAIN_JOURNAL)
    kind = FILE_KIND_JOURNAL;
  else if (flags & SQLITE_OPEN_WAL)
    kind = FILE_KIND_WAL;
  else if (flags & SQLITE_OPEN_SUPER_JOURNAL)
    kind = FILE_KIND_PASSTHROUGH;
  else
    {
      g_atomic_int_inc (&refused_opens);
      note_failure (UDHA_VAULT_VFS_FAILURE_TEMP_REFUSED, 0, 0);
      return SQLITE_CANTOPEN;
    }

  if (zName == NULL && kind != FILE_KIND_PASSTHROUGH)
    {
      g_atomic_int_inc (&refused_opens);
      note_failure (UDHA_VAULT_VFS_FAILURE_NO_KEY, 0, 0);
      return SQLITE_CANTOPEN;
    }

  self->kind = kind;

  g_mutex_lock (&registry_lock);
  if (kind == FILE_KIND_MAIN)
    {
      UdhaVaultKey *key = key_registry != NULL ? g_hash_table_lookup (key_registry, zName) : NULL;

      if (key != NULL)
        self->key = udha_vault_key_ref (key);
    }
  else if (kind == FILE_KIND_JOURNAL || kind == FILE_KIND_WAL)
    {
      const char *db_name = sqlite3_filename_database (zName);

      for (UdhaVaultFile *m = main_files; m != NULL; m = m->next_main)
        {
          if (m->zName == db_name)
            {
              self->key = udha_vault_key_ref (m->key);
              break;
            }
        }
    }
  g_mutex_unlock (&registry_lock);

  if (kind != FILE_KIND_PASSTHROUGH && self->key == NULL)
    {
      note_failure (UDHA_VAULT_VFS_FAILURE_NO_KEY, 0, 0);
      sqlite3_log (SQLITE_CANTOPEN, "udha-vault: no key for this file");
      return SQLITE_CANTOPEN;
    }

  if (kind != FILE_KIND_PASSTHROUGH)
    {
      self->scratch = sodium_malloc (WAL_FRAME);
      if (kind == FILE_KIND_MAIN)
        self->p1cache = sodium_malloc (PS);
      if (self->scratch == NULL || (kind == FILE_KIND_MAIN && self->p1cache == NULL))
        {
          rc = SQLITE_NOMEM;
          goto fail;
        }
    }

  rc = real_vfs->xOpen (real_vfs, zName, self->real, flags, out_flags);
  if (rc != SQLITE_OK)
    goto fail;

  if (kind != FILE_KIND_PASSTHROUGH &&
      (self->real->pMethods->xDeviceCharacteristics (self->real) & SQLITE_IOCAP_POWERSAFE_OVERWRITE) == 0)
    {
      /* Without PSOW, WAL page writes can be split and journal headers can be
       * page-sized (VAULT.md §4.6). */
      sqlite3_log (SQLITE_CANTOPEN, "udha-vault: the file system lacks powersafe overwrite");
      note_failure (UDHA_VAULT_VFS_FAILURE_SHAPE, 0, 0);
      rc = SQLITE_CANTOPEN;
      goto fail;
    }

  if (kind == FILE_KIND_MAIN)
    {
      g_mutex_lock (&registry_lock);
      self->next_main = main_files;
      main_files = self;
      g_mutex_unlock (&registry_lock);
    }

  self->base.pMethods = &vault_io_methods;

  return SQLITE_OK;

fail:
  if (self->real->pMethods != NULL)
    self->real->pMethods->xClose (self->real);
  self->real->pMethods = NULL;
  g_clear_pointer (&self->scratch, sodium_free);
  g_clear_pointer (&self->p1cache, sodium_free);
  g_clear_pointer (&self->key, udha_vault_key_unref);
  self->base.pMethods = NULL;

  return rc;
}

static int
vault_delete (sqlite3_vfs *vfs,
              const char  *zName,
              int          sync_dir)
{
  sqlite3_vfs *real_vfs = vfs->pAppData;

  return real_vfs->xDelete (real_vfs, zName, sync_dir);
}

static int
vault_access (sqlite3_vfs *vfs,
              const char  *zName,
              int          flags,
              int         *out)
{
  sqlite3_vfs *real_vfs = vfs->pAppData;

  return real_vfs->xAccess (real_vfs, zName, flags, out);
}

static int
vault_full_pathname (sqlite3_vfs *vfs,
                     const char  *zName,
                     int          n,
                     char        *out)
{
  sqlite3_vfs *real_vfs = vfs->pAppData;

  return real_vfs->xFullPathname (real_vfs, zName, n, out);
}

static void *
vault_dl_open (sqlite3_vfs *vfs,
               const char  *path)
{
  sqlite3_vfs *real_vfs = vfs->pAppData;

  return real_vfs->xDlOpen (real_vfs, path);
}

static void
vault_dl_error (sqlite3_vfs *vfs,
                int          n,
                char        *msg)
{
  sqlite3_vfs *real_vfs = vfs->pAppData;

  real_vfs->xDlError (real_vfs, n, msg);
}

static void (*vault_dl_sym (sqlite3_vfs *vfs,
                            void        *handle,
                            const char  *symbol)) (void)
{
  sqlite3_vfs *real_vfs = vfs->pAppData;

  return real_vfs->xDlSym (real_vfs, handle, symbol);
}

static void
vault_dl_close (sqlite3_vfs *vfs,
                void        *handle)
{
  sqlite3_vfs *real_vfs = vfs->pAppData;

  real_vfs->xDlClose (real_vfs, handle);
}

static int
vault_randomness (sqlite3_vfs *vfs,
                  int          n,
                  char        *out)
{
  sqlite3_vfs *real_vfs = vfs->pAppData;

  return real_vfs->xRandomness (real_vfs, n, out);
}

static int
vault_sleep (sqlite3_vfs *vfs,
             int          microseconds)
{
  sqlite3_vfs *real_vfs = vfs->pAppData;

  return real_vfs->xSleep (real_vfs, microseconds);
}

static int
vault_current_time (sqlite3_vfs *vfs,
                    double      *out)
{
  sqlite3_vfs *real_vfs = vfs->pAppData;

  return real_vfs->xCurrentTime (real_vfs, out);
}

static int
vault_get_last_error (sqlite3_vfs *vfs,
                      int          n,
                      char        *out)
{
  sqlite3_vfs *real_vfs = vfs->pAppData;

  if (real_vfs->xGetLastError == NULL)
    return 0;

  return real_vfs->xGetLastError (real_vfs, n, out);
}

static int
vault_current_time_int64 (sqlite3_vfs   *vfs,
                          sqlite3_int64 *out)
{
  sqlite3_vfs *real_vfs = vfs->pAppData;

  if (real_vfs->iVersion >= 2 && real_vfs->xCurrentTimeInt64 != NULL)
    return real_vfs->xCurrentTimeInt64 (real_vfs, out);
  else
    {
      double now;
      int rc = real_vfs->xCurrentTime (real_vfs, &now);

      *out = (sqlite3_int64) (now * 86400000.0);
      return rc;
    }
}

static sqlite3_vfs *
new_vfs (const char  *name,
         sqlite3_vfs *real_vfs)
{
  sqlite3_vfs *vfs = g_new0 (sqlite3_vfs, 1);

  vfs->iVersion = 2;
  vfs->szOsFile = (int) sizeof (UdhaVaultFile) + real_vfs->szOsFile;
  vfs->mxPathname = real_vfs->mxPathname;
  vfs->zName = g_strdup (name);
  vfs->pAppData = real_vfs;
  vfs->xOpen = vault_open;
  vfs->xDelete = vault_delete;
  vfs->xAccess = vault_access;
  vfs->xFullPathname = vault_full_pathname;
  vfs->xDlOpen = vault_dl_open;
  vfs->xDlError = vault_dl_error;
  vfs->xDlSym = vault_dl_sym;
  vfs->xDlClose = vault_dl_close;
  vfs->xRandomness = vault_randomness;
  vfs->xSleep = vault_sleep;
  vfs->xCurrentTime = vault_current_time;
  vfs->xGetLastError = vault_get_last_error;
  vfs->xCurrentTimeInt64 = vault_current_time_int64;

  return vfs;
}

static gboolean
register_instance (const char  *name,
                   const char  *underlying,
                   GError     **error)
{
  static GMutex register_lock;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&register_lock);
  sqlite3_vfs *existing;
  sqlite3_vfs *real_vfs;
  sqlite3_vfs *vfs;
  int rc;

  rc = sqlite3_initialize ();
  if (rc != SQLITE_OK)
    {
      g_set_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_IO,
                   _("Could not initialise the database library (%s)."), sqlite3_errstr (rc));
      return FALSE;
    }

  existing = sqlite3_vfs_find (name);
  if (existing != NULL)
    {
      if (existing->xOpen == vault_open)
        return TRUE;
      g_set_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_IO,
                   _("A different storage layer is already registered under the vault’s name."));
      return FALSE;
    }

  real_vfs = sqlite3_vfs_find (underlying);
  if (real_vfs == NULL)
    {
      g_set_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_IO,
                   _("The storage layer needed by the vault is not available."));
      return FALSE;
    }

  vfs = new_vfs (name, real_vfs);
  rc = sqlite3_vfs_register (vfs, 0);
  if (rc != SQLITE_OK)
    {
      g_free ((char *) vfs->zName);
      g_free (vfs);
      g_set_error (error, UDHA_VAULT_ERROR, UDHA_VAULT_ERROR_IO,
                   _("Could not register the vault storage layer (%s)."), sqlite3_errstr (rc));
      return FALSE;
    }

  /* Registered for the life of the process: never unregistered or freed. */
  return TRUE;
}

static gpointer
register_default_once (gpointer data)
{
  GError *error = NULL;

  if (!register_instance (UDHA_VAULT_VFS_NAME, "unix", &error))
    return error;

  return NULL;
}

/* Public API */

/**
 * udha_vault_vfs_register:
 * @error: return location for a #GError
 *
 * Registers the "udha-vault" VFS over "unix", as a non-default VFS.
 * Idempotent and thread-safe.
 *
 * Returns: %TRUE on success
 */
gboolean
udha_vault_vfs_register (GError **error)
{
  static GOnce once = G_ONCE_INIT;
  GError *failure;

  failure = g_once (&once, register_default_once, NULL);
  if (failure != NULL)
    {
      g_propagate_error (error, g_error_copy (failure));
      return FALSE;
    }

  return TRUE;
}

/**
 * udha_vault_vfs_register_over:
 * @name: the name of the new VFS instance
 * @underlying_vfs_name: the registered VFS the instance wraps
 * @error: return location for a #GError
 *
 * Registers another instance of the shim, named @name, over a different VFS
 * (for tests that put a fault-injecting or tracing VFS under the shim). The
 * key registry is shared by all instances. Registering an existing shim
 * instance again succeeds (the underlying VFS is not changed).
 *
 * Returns: %TRUE on success
 */
gboolean
udha_vault_vfs_register_over (const char  *name,
                              const char  *underlying_vfs_name,
                              GError     **error)
{
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (underlying_vfs_name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return register_instance (name, underlying_vfs_name, error);
}

/**
 * udha_vault_register_key:
 * @full_path: the path of the vault's main file
 * @key: the vault key
 *
 * Registers @key for the vault at @full_path, replacing any previous key.
 * The path is normalised like SQLite's unix xFullPathname (absolute, symbolic
 * links resolved), which is what the shim sees in xOpen. Journals and WALs
 * find their key through their open main file.
 */
void
udha_vault_register_key (const char   *full_path,
                         UdhaVaultKey *key)
{
  g_autofree char *canonical = NULL;

  g_return_if_fail (full_path != NULL);
  g_return_if_fail (key != NULL);

  sqlite3_initialize ();
  canonical = canonical_path_with (canonical_vfs (), full_path);

  g_mutex_lock (&registry_lock);
  if (key_registry == NULL)
    key_registry = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) udha_vault_key_unref);
  g_hash_table_replace (key_registry, g_steal_pointer (&canonical), udha_vault_key_ref (key));
  g_mutex_unlock (&registry_lock);
}

/**
 * udha_vault_unregister_key:
 * @full_path: the path given to udha_vault_register_key()
 *
 * Forgets the key for @full_path. New opens of that vault then fail with
 * %SQLITE_CANTOPEN; connections already open keep their own reference.
 */
void
udha_vault_unregister_key (const char *full_path)
{
  g_autofree char *canonical = NULL;

  g_return_if_fail (full_path != NULL);

  sqlite3_initialize ();
  canonical = canonical_path_with (canonical_vfs (), full_path);

  g_mutex_lock (&registry_lock);
  if (key_registry != NULL)
    g_hash_table_remove (key_registry, canonical);
  g_mutex_unlock (&registry_lock);
}

/* Private API */

void
_udha_vault_vfs_clear_failure (void)
{
  note_failure (UDHA_VAULT_VFS_FAILURE_NONE, 0, 0);
}

UdhaVaultVfsFailure
_udha_vault_vfs_get_failure (guint32 *pgno,
                             char    *kind)
{
  FailureInfo *info = get_failure_info ();

  if (pgno != NULL)
    *pgno = info->pgno;
  if (kind != NULL)
    *kind = info->kind;

  return info->reason;
}

guint
_udha_vault_vfs_get_refused_opens (void)
{
  return (guint) g_atomic_int_get (&refused_opens);
}

gboolean
_udha_vault_vfs_is_vault_file (sqlite3_file *file)
{
  return file != NULL && file->pMethods == &vault_io_methods;
}

UdhaVaultKey *
_udha_vault_vfs_lookup_key (const char *full_path)
{
  g_autofree char *canonical = NULL;
  UdhaVaultKey *key = NULL;

  g_return_val_if_fail (full_path != NULL, NULL);

  sqlite3_initialize ();
  canonical = canonical_path_with (canonical_vfs (), full_path);

  g_mutex_lock (&registry_lock);
  if (key_registry != NULL)
    key = g_hash_table_lookup (key_registry, canonical);
  if (key != NULL)
    udha_vault_key_ref (key);
  g_mutex_unlock (&registry_lock);

  return key;
}

char *
_udha_vault_vfs_canonical_path (const char *path)
{
  sqlite3_initialize ();

  return canonical_path_with (canonical_vfs (), path);
}
