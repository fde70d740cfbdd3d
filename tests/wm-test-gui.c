/* wm-test-gui.c — what GUI tests share: spinning the main loop, rendering widgets
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include "wm-test-gui.h"

/**
 * wm_test_gui_init:
 *
 * gtk_test_init(), and a clear failure when there is no display while the
 * run requires one (make test sets WM_TEST_REQUIRE_DISPLAY), else a skip.
 */
void
wm_test_gui_init (int *argc, char ***argv)
{
  gtk_test_init (argc, argv, NULL);
  if (gdk_display_get_default () == NULL)
    {
      if (g_getenv ("WM_TEST_REQUIRE_DISPLAY") != NULL)
        g_error ("no display: run the GUI tests under xvfb-run (make test does)");
      exit (77);
    }
}

void
wm_test_gui_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

/* What the widget shows, as a texture: a screenshot of it alone. */
GdkTexture *
wm_test_gui_render (GtkWidget *widget)
{
  GdkPaintable *paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_object_unref (paintable);
  if (node == NULL)
    return NULL;
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* Pixels as BGRA bytes (premultiplied), rows of width × 4 bytes. */
guchar *
wm_test_gui_render_pixels (GtkWidget *widget, int *width, int *height)
{
  g_autoptr(GdkTexture) texture = wm_test_gui_render (widget);
  guchar *pixels;

  if (texture == NULL)
    return NULL;
  *width = gdk_texture_get_width (texture);
  *height = gdk_texture_get_height (texture);
  pixels = g_malloc ((gsize) *width * *height * 4);
  gdk_texture_download (texture, pixels, *width * 4);
  return pixels;
}

/* With WM_TEST_SNAPSHOT_DIR set, saves what the widget shows as NAME.png,
 * so a developer can look at what a test saw. */
void
wm_test_gui_snapshot (GtkWidget *widget, const char *name)
{
  const char *dir = g_getenv ("WM_TEST_SNAPSHOT_DIR");
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  texture = wm_test_gui_render (widget);
  file = g_strdup_printf ("%s.png", name);
  path = g_build_filename (dir, file, NULL);
  if (texture != NULL)
    gdk_texture_save_to_png (texture, path);
}
