/* udha-test-utils.c
 *
 * Copyright 2026 The Udha authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "udha-test-utils.h"

/**
 * udha_test_init_environment:
 *
 * Points GTK at the cairo renderer and X11 when the caller did not, so that
 * tests behave the same under meson and when run by hand under xvfb-run.
 */
void
udha_test_init_environment (void)
{
  g_setenv ("GDK_BACKEND", "x11", FALSE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

gboolean
udha_test_wait_until (UdhaTestCondition cond,
                      gpointer          data,
                      guint             timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * G_TIME_SPAN_MILLISECOND;
  guint wake_id = g_timeout_add (10, wake_cb, NULL);
  gboolean ok;

  while (!(ok = cond (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (wake_id);
  return ok;
}

static gboolean
never_cb (gpointer data)
{
  return FALSE;
}

/* Runs the main loop for @ms milliseconds. */
void
udha_test_iterate (guint ms)
{
  udha_test_wait_until (never_cb, NULL, ms);
}

typedef struct
{
  const char *filename;
  gboolean    done;
} Shot;

static void
invalidate_contents_cb (GdkPaintable *paintable,
                        gpointer      user_data)
{
  Shot *shot = user_data;
  GtkWidget *widget = gtk_widget_paintable_get_widget (GTK_WIDGET_PAINTABLE (paintable));
  g_autoptr(GdkTexture) texture = NULL;
  int w = gdk_paintable_get_intrinsic_width (paintable);
  int h = gdk_paintable_get_intrinsic_height (paintable);
  GtkSnapshot *snapshot;
  GskRenderNode *node;

  if (shot->done || w <= 0 || h <= 0)
    return;

  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)                      /* not mapped yet */
    return;

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  g_assert_true (gdk_texture_save_to_png (texture, shot->filename));
  gsk_render_node_unref (node);
  shot->done = TRUE;
}

static gboolean
shot_done_cb (gpointer data)
{
  return ((Shot *) data)->done;
}

/**
 * udha_test_save_screenshot:
 * @widget: a mapped widget, usually a window
 * @name: a file name such as "window-en.png"
 *
 * Saves a PNG of @widget into the test build directory.
 */
void
udha_test_save_screenshot (GtkWidget  *widget,
                           const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autofree char *filename = g_test_build_filename (G_TEST_BUILT, name, NULL);
  Shot shot = { filename, FALSE };
  gulong id;

  id = g_signal_connect (paintable, "invalidate-contents",
                         G_CALLBACK (invalidate_contents_cb), &shot);
  gtk_widget_queue_draw (widget);
  g_assert_true (udha_test_wait_until (shot_done_cb, &shot, 10000));
  g_signal_handler_disconnect (paintable, id);
  g_test_message ("screenshot: %s", filename);
}

static const char *
widget_label (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget))
    return gtk_button_get_label (GTK_BUTTON (widget));
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_label (GTK_LABEL (widget));
  if (ADW_IS_PREFERENCES_ROW (widget))
    return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  if (ADW_IS_STATUS_PAGE (widget))
    return adw_status_page_get_title (ADW_STATUS_PAGE (widget));
  return NULL;
}

/**
 * udha_test_find_widget:
 * @root: where to start
 * @type: the widget type to find
 * @label: (nullable): the label or title it must carry
 *
 * Returns: (transfer none) (nullable): the first matching descendant
 */
GtkWidget *
udha_test_find_widget (GtkWidget  *root,
                       GType       type,
                       const char *label)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (label == NULL || g_strcmp0 (widget_label (root), label) == 0))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = udha_test_find_widget (child, type, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * udha_test_find_window:
 * @type: a window type
 *
 * Returns: (transfer none) (nullable): a visible toplevel of @type
 */
GtkWindow *
udha_test_find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  const char *text = widget_label (widget);

  if (text != NULL && gtk_widget_get_visible (widget))
    {
      g_string_append (out, text);
      g_string_append_c (out, '\n');
    }
  if (ADW_IS_STATUS_PAGE (widget) && adw_status_page_get_description (ADW_STATUS_PAGE (widget)) != NULL)
    {
      g_string_append (out, adw_status_page_get_description (ADW_STATUS_PAGE (widget)));
      g_string_append_c (out, '\n');
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, out);
}

/**
 * udha_test_collect_text:
 * @root: a widget
 *
 * Returns: (transfer full): every visible label, title and button text under
 *   @root, one per line
 */
char *
udha_test_collect_text (GtkWidget *root)
{
  GString *out = g_string_new (NULL);

  collect_text (root, out);
  return g_string_free (out, FALSE);
}

/**
 * udha_test_lang:
 *
 * Returns: "sq" when the test runs in Albanian (UDHA_TEST_LANG=sq), else "en";
 *   used in screenshot names
 */
const char *
udha_test_lang (void)
{
  const char *value = g_getenv ("UDHA_TEST_LANG");

  return value != NULL ? value : "en";
}

/* Removes a test's temporary folder and everything in it. */
void
udha_test_rm_rf (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      udha_test_rm_rf (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

/* Unlocks the vault, opens the records and signs the user in, as the
 * window does after the unlock page. */
void
udha_test_sign_in (const char   *vault_path,
                   const char   *user,
                   const char   *passphrase,
                   UdhaVault   **vault,
                   UdhaStore   **store,
                   UdhaSession **session)
{
  g_autoptr(GError) error = NULL;

  *vault = udha_vault_unlock (vault_path, user, passphrase, &error);
  g_assert_no_error (error);
  *store = udha_store_new (*vault, &error);
  g_assert_no_error (error);
  *session = udha_session_new (*vault, *store, &error);
  g_assert_no_error (error);
}

/* Closes the session (audited, anchored) and locks the vault. */
void
udha_test_sign_out (UdhaVault   **vault,
                    UdhaStore   **store,
                    UdhaSession **session)
{
  g_assert_true (udha_session_close (*session, NULL));
  g_clear_object (session);
  g_clear_object (store);
  udha_vault_lock (*vault);
  g_clear_object (vault);
}
