/* test-layer-file.c — a boundary file added to an open extract
 *
 * The oracle: Povo's district boundary added from its file must give, for
 * every indicator and year, the very counts of the extract's own district
 * layer, which the importer joined by geometry when it built the extract.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include "wm-extract.h"
#include "wm-map-model.h"
#include "wm-test-util.h"

typedef struct {
  WmExtract *extract;
  WmMapModel *model;
  char *dir;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autofree char *path = wm_test_data_path ("demo", "povo-demo.wmx", NULL);
  g_autoptr(GError) error = NULL;

  f->extract = wm_extract_open (path, "povo-analista-demo", NULL, &error);
  g_assert_no_error (error);
  f->model = wm_map_model_new ();
  g_assert_true (wm_map_model_load (f->model, wm_extract_get_db (f->extract), NULL, &error));
  g_assert_no_error (error);
  /* As the window does: layers from files read the dwellings afterwards. */
  g_assert_true (wm_map_model_release_microdata (f->model, f->extract, &error));
  g_assert_no_error (error);
  f->dir = wm_test_tmpdir ();
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_object_unref (f->model);
  g_object_unref (f->extract);
  wm_test_rmdir (f->dir);
  g_free (f->dir);
}

static WmIndicatorTable *
table_of (WmMapModel *model, guint layer)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (wm_map_model_set_layer (model, layer, &error));
  g_assert_true (wm_map_model_wait (model, &error));
  g_assert_no_error (error);
  return g_object_ref (wm_map_model_get_table (model));
}

static void
test_same_counts_as_extract_layer (Fixture *f, gconstpointer data)
{
  g_autofree char *file = g_build_filename (WM_SOURCE_ROOT, "data", "povo", "circoscrizione.geojson", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmIndicatorTable) own = NULL, added = NULL;
  guint n_layers = wm_map_model_get_n_layers (f->model), n_years;
  const int *years;
  int own_index = -1, index;

  for (guint l = 0; l < n_layers; l++)
    if (g_str_equal (wm_area_layer_get_code (wm_map_model_get_layer (f->model, l)), "circoscrizioni"))
      own_index = l;
  g_assert_cmpint (own_index, >=, 0);
  own = table_of (f->model, own_index);

  index = wm_map_model_add_layer_file (f->model, file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (index, ==, n_layers);
  g_assert_cmpuint (wm_map_model_get_layer_index (f->model), ==, index);
  g_assert_cmpstr (wm_area_layer_get_name (wm_map_model_get_layer (f->model, index)), ==, "circoscrizione");
  added = table_of (f->model, index);
  g_assert_cmpuint (wm_indicator_table_get_n_areas (added), ==, 1);

  years = wm_indicator_table_get_years (own, &n_years);
  for (guint y = 0; y < n_years; y++)
    for (int i = 0; i < WM_N_INDICATORS; i++)
      {
        guint64 n1 = 0, d1 = 0, n2 = 0, d2 = 0;
        gboolean c1 = wm_indicator_table_get_counts (own, i, years[y], 0, &n1, &d1);
        gboolean c2 = wm_indicator_table_get_counts (added, i, years[y], 0, &n2, &d2);

        g_assert_cmpint (c1, ==, c2);
        g_assert_cmpuint (n1, ==, n2);
        g_assert_cmpuint (d1, ==, d2);
      }
  /* The file's area name is read from its "nome" column. */
  g_assert_cmpstr (wm_area_geometry_get_name (wm_map_model_get_geometry (f->model), 0), ==, "POVO");
}

static void
test_bad_files (Fixture *f, gconstpointer data)
{
  g_autofree char *text = g_build_filename (f->dir, "notes.geojson", NULL);
  g_autofree char *points = g_build_filename (f->dir, "points.geojson", NULL);
  g_autofree char *rome = g_build_filename (f->dir, "rome.geojson", NULL);
  guint n_layers = wm_map_model_get_n_layers (f->model);
  g_autoptr(GError) error = NULL;

  wm_test_write_file (text, "these are notes, not a map", -1);
  g_assert_cmpint (wm_map_model_add_layer_file (f->model, text, &error), ==, -1);
  g_assert_nonnull (strstr (error->message, text));
  g_clear_error (&error);

  wm_test_write_file (points, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},"
                              "\"geometry\":{\"type\":\"Point\",\"coordinates\":[11.15,46.06]}}]}", -1);
  g_assert_cmpint (wm_map_model_add_layer_file (f->model, points, &error), ==, -1);
  g_assert_error (error, WM_AREA_GEOMETRY_ERROR, WM_AREA_GEOMETRY_ERROR_NO_POLYGONS);
  g_clear_error (&error);

  /* Polygons, but nowhere near Povo. */
  wm_test_write_file (rome, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"nome\":\"Roma\"},"
                            "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[12.4,41.8],[12.6,41.8],[12.6,42.0],"
                            "[12.4,42.0],[12.4,41.8]]]}}]}", -1);
  g_assert_cmpint (wm_map_model_add_layer_file (f->model, rome, &error), ==, -1);
  g_assert_nonnull (strstr (error->message, "no dwelling"));

  /* Nothing was added by the failures. */
  g_assert_cmpuint (wm_map_model_get_n_layers (f->model), ==, n_layers);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/layer-file/same-counts-as-extract-layer", Fixture, NULL, fixture_setup,
              test_same_counts_as_extract_layer, fixture_teardown);
  g_test_add ("/layer-file/bad-files", Fixture, NULL, fixture_setup, test_bad_files, fixture_teardown);

  return g_test_run ();
}
