/* udha-store-error.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define UDHA_STORE_ERROR (udha_store_error_quark ())

/**
 * UdhaStoreError:
 * @UDHA_STORE_ERROR_OPEN: the database could not be opened or read (I/O)
 * @UDHA_STORE_ERROR_CORRUPT: the database is damaged or failed authentication
 * @UDHA_STORE_ERROR_CONSTRAINT: a value broke a constraint (unique, check, foreign key)
 * @UDHA_STORE_ERROR_NO_SPACE: the disk is full
 * @UDHA_STORE_ERROR_BUSY: another connection holds the lock
 * @UDHA_STORE_ERROR_MIGRATION: the schema could not be upgraded, or was written
 *   by a newer Udha
 * @UDHA_STORE_ERROR_QUERY: any other SQLite failure
 * @UDHA_STORE_ERROR_CONFLICT: the record changed since it was loaded (row version)
 * @UDHA_STORE_ERROR_NOT_FOUND: no record with that id
 * @UDHA_STORE_ERROR_AUDIT: the audit chain is broken, or the database is older
 *   than the head anchored in the key file (rollback)
 *
 * Error codes of the %UDHA_STORE_ERROR domain (STYLE.md §7). Messages are
 * translated and never carry SQL text or personal data.
 */
typedef enum
{
  UDHA_STORE_ERROR_OPEN,
  UDHA_STORE_ERROR_CORRUPT,
  UDHA_STORE_ERROR_CONSTRAINT,
  UDHA_STORE_ERROR_NO_SPACE,
  UDHA_STORE_ERROR_BUSY,
  UDHA_STORE_ERROR_MIGRATION,
  UDHA_STORE_ERROR_QUERY,
  UDHA_STORE_ERROR_CONFLICT,
  UDHA_STORE_ERROR_NOT_FOUND,
  UDHA_STORE_ERROR_AUDIT,
} UdhaStoreError;

GQuark udha_store_error_quark (void);

G_END_DECLS
