/* test-gui-window.c — the main window shows Povo from the bundled basemap
 *
 * Runs under Xvfb (`make test` provides it). Renders the map widget to a
 * texture and looks at its pixels, as a user would look at the screen.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include "wm-application.h"
#include "wm-basemap-style.h"
#include "wm-test-gui.h"
#include "wm-test-util.h"
#include "wm-window.h"

typedef struct {
  WmWindow *window;
} Fixture;

/* One application for the process, as in the real program; a window per test. */
static WmApplication *app;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->window = wm_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 700);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

typedef struct {
  guint distinct;
  double background;    /* share of pixels of the basemap's land colour */
  double road;          /* share of white (road fill) pixels */
} PixelStats;

static PixelStats
stats_of (const guchar *px, int width, int height)
{
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  guint32 bg = WM_BASEMAP_BACKGROUND;
  guint n = 0, bg_n = 0, road_n = 0;
  PixelStats s;

  /* The central part of the map, away from the zoom buttons and scale. */
  for (int y = height / 4; y < 3 * height / 4; y++)
    for (int x = width / 4; x < 3 * width / 4; x++)
      {
        const guchar *p = px + ((gsize) y * width + x) * 4;
        guint32 rgb = (p[2] << 16) | (p[1] << 8) | p[0];

        g_hash_table_add (colours, GUINT_TO_POINTER (rgb));
        n++;
        if (ABS ((int) p[2] - (int) (bg >> 16)) <= 2 && ABS ((int) p[1] - (int) ((bg >> 8) & 0xff)) <= 2 &&
            ABS ((int) p[0] - (int) (bg & 0xff)) <= 2)
          bg_n++;
        if (p[0] >= 0xfc && p[1] >= 0xfc && p[2] >= 0xfc)
          road_n++;
      }
  s.distinct = g_hash_table_size (colours);
  s.background = (double) bg_n / n;
  s.road = (double) road_n / n;
  return s;
}

static void
test_shows_povo_streets (Fixture *f, gconstpointer data)
{
  ShumateMap *map = wm_window_get_map (f->window);
  ShumateViewport *viewport = shumate_map_get_viewport (map);
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  PixelStats s = { 0 };

  g_assert_cmpstr (shumate_map_source_get_license (shumate_viewport_get_reference_map_source (viewport)),
                   ==, "© OpenStreetMap contributors");
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), WM_HOME_LATITUDE, 1e-3);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), WM_HOME_LONGITUDE, 1e-3);

  /* Tiles load in worker threads: look until the streets are drawn. */
  while (g_get_monotonic_time () < deadline)
    {
      int w, h;
      g_autofree guchar *px = NULL;

      wm_test_gui_spin (250);
      px = wm_test_gui_render_pixels (GTK_WIDGET (map), &w, &h);
      if (px == NULL || w < 100 || h < 100)
        continue;
      s = stats_of (px, w, h);
      if (s.distinct > 50 && s.background > 0.3 && s.road > 0.003)
        break;
    }
  wm_test_gui_snapshot (GTK_WIDGET (f->window), "window-povo");
  g_test_message ("distinct colours %u, land %.1f%%, road %.1f%%", s.distinct, 100 * s.background, 100 * s.road);
  /* Not blank, not one colour: the land of the basemap with white streets. */
  g_assert_cmpuint (s.distinct, >, 50);
  g_assert_cmpfloat (s.background, >, 0.3);
  g_assert_cmpfloat (s.road, >, 0.003);
}

static void
test_bad_basemap_keeps_window (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = wm_test_tmpdir ();
  g_autofree char *bad = g_build_filename (dir, "broken.mbtiles", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.mbtiles", NULL);
  ShumateViewport *viewport = shumate_map_get_viewport (wm_window_get_map (f->window));
  ShumateMapSource *before = shumate_viewport_get_reference_map_source (viewport);
  g_autoptr(GError) error = NULL;

  wm_test_write_file (bad, "this is not an MBTiles file, only text pretending to be one", -1);
  g_assert_false (wm_window_load_basemap (f->window, bad, &error));
  g_assert_nonnull (strstr (error->message, bad));
  g_clear_error (&error);
  g_assert_false (wm_window_load_basemap (f->window, missing, &error));
  g_assert_nonnull (strstr (error->message, missing));

  /* The window is still up, with the basemap it had. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  g_assert_true (shumate_viewport_get_reference_map_source (viewport) == before);
  wm_test_rmdir (dir);
}

static void
test_basemap_setting (Fixture *f, gconstpointer data)
{
  ShumateViewport *viewport = shumate_map_get_viewport (wm_window_get_map (f->window));
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  /* The menu's radio items drive the setting through win.basemap. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.basemap", "s", "online"));
  g_assert_cmpstr (shumate_map_source_get_id (shumate_viewport_get_reference_map_source (viewport)),
                   ==, SHUMATE_MAP_SOURCE_OSM_MAPNIK);
  g_assert_cmpint (g_settings_get_enum (settings, "basemap"), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.basemap", "s", "offline"));
  g_assert_true (g_str_has_prefix (shumate_map_source_get_id (shumate_viewport_get_reference_map_source (viewport)),
                                   "welfaremap-mbtiles:"));
}

int
main (int argc, char **argv)
{
  wm_test_gui_init (&argc, &argv);

  app = wm_application_new (G_APPLICATION_NON_UNIQUE);
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
    g_assert_no_error (error);
  }

  g_test_add ("/gui/window/shows-povo-streets", Fixture, NULL, fixture_setup, test_shows_povo_streets, fixture_teardown);
  g_test_add ("/gui/window/bad-basemap-keeps-window", Fixture, NULL, fixture_setup, test_bad_basemap_keeps_window, fixture_teardown);
  g_test_add ("/gui/window/basemap-setting", Fixture, NULL, fixture_setup, test_basemap_setting, fixture_teardown);

  {
    int rc = g_test_run ();

    g_object_unref (app);
    return rc;
  }
}
