/* test-gui-map.c — exploring indicators in the window, driven through its actions
 *
 * An extract of a generated population is opened; an indicator and a year
 * are chosen with win.indicator and win.year; the map widget is rendered
 * and the pixel at three areas' interior points must be the legend colour
 * of their class. A timeline step must recolour an area whose class
 * changes, and only recolour. The details pane must describe an area.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <math.h>

#include "wm-application.h"
#include "wm-area-pane.h"
#include "wm-test-extract.h"
#include "wm-test-gui.h"
#include "wm-test-population.h"
#include "wm-test-util.h"
#include "wm-window.h"

static WmApplication *app;
static char *dir;
static char *extract_path;

#define PASSPHRASE "lago-nebbia-ponte"

static void
make_extract (void)
{
  WmTestPopulationSpec spec = {
    .n_persons = 3000, .n_sections = 25, .n_districts = 4, .first_year = 2016, .n_years = 5, .seed = 11,
  };
  sqlite3 *db = wm_test_extract_new (2016, 2020);
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) error = NULL;
  WmExtractSlotSpec slot = { WM_EXTRACT_ROLE_ANALYST, PASSPHRASE };

  wm_test_population_generate (db, &spec);
  data = wm_extract_serialize_db (db, "main", &error);
  g_assert_no_error (error);
  sqlite3_close (db);
  g_assert_true (wm_extract_create (extract_path, data, NULL, &slot, 1, NULL, WM_EXTRACT_KDF_INTERACTIVE, NULL, &error));
  g_assert_no_error (error);
}

static void
wait_until_ready (WmWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  WmMapModel *model;

  while (g_get_monotonic_time () < deadline)
    {
      model = wm_window_get_map_model (window);
      if (model != NULL && wm_map_model_get_table (model) != NULL && !wm_map_model_is_computing (model))
        break;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  model = wm_window_get_map_model (window);
  g_assert_nonnull (model);
  g_assert_nonnull (wm_map_model_get_table (model));
  wm_test_gui_spin (300);
}

static WmWindow *
open_window (void)
{
  WmWindow *window = wm_window_new (app);
  g_autoptr(WmExtract) extract = NULL;
  g_autoptr(GError) error = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  extract = wm_extract_open (extract_path, PASSPHRASE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (wm_window_set_extract (window, extract, &error));
  g_assert_no_error (error);
  wait_until_ready (window);
  /* Full opacity: the pixel is the class colour itself. */
  wm_choropleth_layer_set_opacity (wm_window_get_choropleth (window), 1.0);
  wm_test_gui_spin (100);
  return window;
}

/* Where an area's interior point is on the map widget. */
static void
area_pixel (WmWindow *window, guint area, double *x, double *y)
{
  WmMapModel *model = wm_window_get_map_model (window);
  ShumateMap *map = wm_window_get_map (window);
  double lon, lat;

  wm_area_geometry_get_interior_point (wm_map_model_get_geometry (model), area, &lon, &lat);
  shumate_viewport_location_to_widget_coords (shumate_map_get_viewport (map), GTK_WIDGET (map), lat, lon, x, y);
}

static guint32
pixel_at (const guchar *px, int w, int x, int y)
{
  const guchar *p = px + ((gsize) y * w + x) * 4;

  return (p[2] << 16) | (p[1] << 8) | p[0];
}

static guint32
legend_colour (WmWindow *window, guint area)
{
  WmClassification *c = wm_map_model_get_classification (wm_window_get_map_model (window));
  WmSwatch swatch;

  g_assert_true (wm_classification_get_swatch (c, wm_classification_get_area_class (c, area), &swatch));
  return swatch.fill;
}

static void
assert_area_colour (WmWindow *window, const guchar *px, int w, int h, guint area)
{
  double x, y;
  guint32 got, want = legend_colour (window, area);

  area_pixel (window, area, &x, &y);
  g_assert_cmpfloat (x, >=, 0);
  g_assert_cmpfloat (y, >=, 0);
  g_assert_cmpfloat (x, <, w);
  g_assert_cmpfloat (y, <, h);
  got = pixel_at (px, w, (int) x, (int) y);
  g_test_message ("area %u at (%.0f, %.0f): #%06x, legend #%06x", area, x, y, got, want);
  g_assert_cmphex (got, ==, want);
}

static void
test_indicator_and_year (void)
{
  WmWindow *window = open_window ();
  WmMapModel *model = wm_window_get_map_model (window);
  WmClassification *classes = wm_map_model_get_classification (model);
  ShumateMap *map = wm_window_get_map (window);
  g_autofree guchar *px = NULL;
  int w, h, changed = -1;
  guint n;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.layer", "s", "sections"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.indicator", "s", "foreign_residents"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.year", "i", 2018));
  wait_until_ready (window);
  g_assert_cmpint (wm_map_model_get_indicator (model), ==, WM_INDICATOR_FOREIGN_RESIDENTS);
  g_assert_cmpint (wm_map_model_get_year (model), ==, 2018);
  n = wm_area_geometry_get_n_areas (wm_map_model_get_geometry (model));
  g_assert_cmpuint (n, ==, 25);

  px = wm_test_gui_render_pixels (GTK_WIDGET (map), &w, &h);
  wm_test_gui_snapshot (GTK_WIDGET (window), "map-2018");
  /* Three areas in three different classes when the data allow. */
  {
    guint seen_classes[3], found = 0;

    for (guint a = 0; a < n && found < 3; a++)
      {
        guint cls = wm_classification_get_area_class (classes, a);
        gboolean dup = FALSE;

        for (guint k = 0; k < found; k++)
          dup |= seen_classes[k] == cls;
        if (dup || cls >= wm_classification_get_n_classes (classes))
          continue;
        seen_classes[found++] = cls;
        assert_area_colour (window, px, w, h, a);
      }
    g_assert_cmpuint (found, ==, 3);
  }

  /* A year later some area changes class: its pixel follows. */
  {
    guint before[64];

    for (guint a = 0; a < n; a++)
      before[a] = wm_classification_get_area_class (classes, a);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.year-next", NULL));
    wm_test_gui_spin (200);
    g_assert_cmpint (wm_map_model_get_year (model), ==, 2019);
    for (guint a = 0; a < n && changed < 0; a++)
      if (wm_classification_get_area_class (classes, a) != before[a])
        changed = a;
    g_assert_cmpint (changed, >=, 0);
    g_clear_pointer (&px, g_free);
    px = wm_test_gui_render_pixels (GTK_WIDGET (map), &w, &h);
    assert_area_colour (window, px, w, h, changed);
    wm_test_gui_snapshot (GTK_WIDGET (window), "map-2019");
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_area_details (void)
{
  WmWindow *window = open_window ();
  WmMapModel *model = wm_window_get_map_model (window);
  g_autoptr(WmAreaDetails) d = NULL;
  GtkWidget *pane;
  const char *text;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.indicator", "s", "ivsm"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.select-area", "i", 3));
  wm_test_gui_spin (200);
  g_assert_cmpint (wm_choropleth_layer_get_selected (wm_window_get_choropleth (window)), ==, 3);
  pane = g_object_get_data (G_OBJECT (window), "area-pane");
  g_assert_nonnull (pane);
  g_assert_true (gtk_widget_get_visible (pane));
  d = wm_map_model_describe_area (model, 3);
  text = wm_area_pane_get_text (WM_AREA_PANE (pane));
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, d->name));
  g_assert_nonnull (strstr (text, "Municipality"));
  g_assert_nonnull (strstr (text, "highest of"));
  wm_test_gui_snapshot (GTK_WIDGET (window), "map-area-pane");

  /* Another layer: the pane closes (its area is gone). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.layer", "s", "districts"));
  wait_until_ready (window);
  g_assert_false (gtk_widget_get_visible (pane));
  g_assert_cmpuint (wm_area_geometry_get_n_areas (wm_map_model_get_geometry (model)), ==, 4);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A boundary file added from the window: its areas become the layer shown.
 * (The generated population lives at one point, 9° E 45° N: the first
 * square holds everyone, the second no one.) */
static void
test_add_layer (void)
{
  WmWindow *window = open_window ();
  WmMapModel *model = wm_window_get_map_model (window);
  g_autofree char *file = g_build_filename (dir, "zones.geojson", NULL);
  g_autoptr(GError) error = NULL;
  guint n_layers = wm_map_model_get_n_layers (model);
  guint64 num, den;

  wm_test_write_file (file,
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"properties\":{\"nome\":\"Zona Nord\"},\"geometry\":{\"type\":\"Polygon\","
    "\"coordinates\":[[[8.9,44.9],[9.1,44.9],[9.1,45.1],[8.9,45.1],[8.9,44.9]]]}},"
    "{\"type\":\"Feature\",\"properties\":{\"nome\":\"Zona Sud\"},\"geometry\":{\"type\":\"Polygon\","
    "\"coordinates\":[[[9.2,44.9],[9.4,44.9],[9.4,45.1],[9.2,45.1],[9.2,44.9]]]}}]}", -1);
  g_assert_true (wm_window_add_layer_file (window, file, &error));
  g_assert_no_error (error);
  wait_until_ready (window);
  g_assert_cmpuint (wm_map_model_get_n_layers (model), ==, n_layers + 1);
  g_assert_cmpuint (wm_map_model_get_layer_index (model), ==, n_layers);
  g_assert_cmpuint (wm_area_geometry_get_n_areas (wm_map_model_get_geometry (model)), ==, 2);
  /* Everyone is in Zona Nord: its count is the municipality's. */
  g_assert_true (wm_indicator_table_get_counts (wm_map_model_get_table (model), WM_INDICATOR_FOREIGN_RESIDENTS,
                                                2020, wm_map_model_table_area (model, 0), &num, &den));
  {
    guint64 mn, md;

    g_assert_true (wm_indicator_table_get_municipality_counts (wm_map_model_get_table (model),
                                                               WM_INDICATOR_FOREIGN_RESIDENTS, 2020, &mn, &md));
    g_assert_cmpuint (den, ==, md);
  }
  g_assert_cmpstr (wm_area_geometry_get_name (wm_map_model_get_geometry (model), 0), ==, "Zona Nord");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  int rc;

  wm_test_gui_init (&argc, &argv);
  app = wm_application_new (G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  dir = wm_test_tmpdir ();
  extract_path = g_build_filename (dir, "generated.wmx", NULL);
  make_extract ();

  g_test_add_func ("/gui/map/indicator-and-year", test_indicator_and_year);
  g_test_add_func ("/gui/map/area-details", test_area_details);
  g_test_add_func ("/gui/map/add-layer", test_add_layer);

  rc = g_test_run ();
  wm_test_rmdir (dir);
  g_free (dir);
  g_free (extract_path);
  g_object_unref (app);
  return rc;
}
