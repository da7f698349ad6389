/* udha-referral-slip.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The referral slip (DOMAIN.md §6.6): a one-page PDF for the receiving
 * organisation with only what the referral needs — the person's name, date
 * of birth and phone (as far as the consent's data scope allows), the case
 * and referral numbers, the service requested, urgency and reason, the
 * consent reference (or the supervisor's override and its legal basis), the
 * referring office's role-based contact and a request to acknowledge.  No
 * interview or contact-log text, ever.  Every slip written is audited.
 */

#pragma once

#include "udha-session.h"

G_BEGIN_DECLS

gboolean  udha_session_write_referral_slip  (UdhaSession  *session,
                                             gint64        referral_id,
                                             const char   *language,
                                             const char   *path,
                                             GError      **error);

G_END_DECLS
