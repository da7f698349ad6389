/* udha-preferences-window.h
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define UDHA_TYPE_PREFERENCES_WINDOW (udha_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (UdhaPreferencesWindow, udha_preferences_window, UDHA, PREFERENCES_WINDOW, AdwPreferencesWindow)

UdhaPreferencesWindow *udha_preferences_window_new (GSettings *settings);

G_END_DECLS
