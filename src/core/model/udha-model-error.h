/* udha-model-error.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define UDHA_MODEL_ERROR (udha_model_error_quark ())

/**
 * UdhaModelError:
 * @UDHA_MODEL_ERROR_INVALID: an unknown code or an invalid value; the message names the field
 * @UDHA_MODEL_ERROR_NOT_FOUND: the record or code does not exist
 * @UDHA_MODEL_ERROR_TRANSITION: a status change the workflow forbids (e.g. Completed → Sent)
 * @UDHA_MODEL_ERROR_REASON_REQUIRED: the status change needs a reason and none was given
 * @UDHA_MODEL_ERROR_DATE: an invalid date, a date in the future where that is not allowed,
 *   or a date out of range (e.g. a date of birth before 1900)
 * @UDHA_MODEL_ERROR_CONSENT_REQUIRED: the action needs a valid consent (DOMAIN.md §6.4, §8)
 * @UDHA_MODEL_ERROR_NOT_PERMITTED: the user's role does not allow the action
 *
 * Error codes of the %UDHA_MODEL_ERROR domain (STYLE.md §7). Messages are translated
 * and never contain personal data: only field names, codes and status labels.
 */
typedef enum
{
  UDHA_MODEL_ERROR_INVALID,
  UDHA_MODEL_ERROR_NOT_FOUND,
  UDHA_MODEL_ERROR_TRANSITION,
  UDHA_MODEL_ERROR_REASON_REQUIRED,
  UDHA_MODEL_ERROR_DATE,
  UDHA_MODEL_ERROR_CONSENT_REQUIRED,
  UDHA_MODEL_ERROR_NOT_PERMITTED,
} UdhaModelError;

GQuark udha_model_error_quark (void);

G_END_DECLS
