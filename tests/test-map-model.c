/* test-map-model.c — the map's state without a display: layers, tables, years, details
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <math.h>

#include "wm-map-model.h"
#include "wm-schema.h"
#include "wm-test-extract.h"
#include "wm-test-population.h"

typedef struct {
  sqlite3 *db;
  WmMapModel *model;
  guint changes;
  guint last_change;
} Fixture;

static void
on_changed (WmMapModel *model, guint what, Fixture *f)
{
  f->changes++;
  f->last_change |= what;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  WmTestPopulationSpec spec = {
    .n_persons = 800, .n_sections = 16, .n_districts = 3, .first_year = 2018, .n_years = 4, .seed = 7,
  };
  g_autoptr(GError) error = NULL;

  f->db = wm_test_extract_new (2018, 2021);
  wm_test_population_generate (f->db, &spec);
  /* A layer known only through a join table, with no boundaries (Milano's
   * 2011 sections are like this). */
  wm_test_sql (f->db, "INSERT INTO area_layer VALUES (9, 'blocks', 'Blocks', 1, 2, 'test');"
                      "INSERT INTO area (id, layer_id, code, name) VALUES (900, 9, 'B1', 'Block 1');"
                      "INSERT INTO section_area SELECT id, 900 FROM area WHERE layer_id = 1;");
  f->model = wm_map_model_new ();
  g_signal_connect (f->model, "changed", G_CALLBACK (on_changed), f);
  g_assert_true (wm_map_model_load (f->model, f->db, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_object_unref (f->model);
  sqlite3_close (f->db);
}

static guint
layer_index (WmMapModel *model, const char *code)
{
  for (guint i = 0; i < wm_map_model_get_n_layers (model); i++)
    if (g_str_equal (wm_area_layer_get_code (wm_map_model_get_layer (model, i)), code))
      return i;
  g_assert_not_reached ();
}

/* The legend model holds, for every drawn area and year, the value the
 * table has for the area with the same code. */
static void
assert_classification_matches_table (WmMapModel *model, WmIndicatorId indicator)
{
  WmClassification *c = wm_map_model_get_classification (model);
  WmAreaGeometry *g = wm_map_model_get_geometry (model);
  WmIndicatorTable *t = wm_map_model_get_table (model);
  WmAreaLayer *layer = wm_indicator_table_get_layer (t);
  guint n_years;
  const int *years = wm_map_model_get_years (model, &n_years);

  g_assert_cmpuint (wm_classification_get_n_areas (c), ==, wm_area_geometry_get_n_areas (g));
  g_assert_cmpuint (wm_classification_get_n_years (c), ==, n_years);
  for (guint y = 0; y < n_years; y++)
    {
      g_assert_true (wm_map_model_set_year (model, years[y]));
      g_assert_cmpint (wm_classification_get_year (c), ==, years[y]);
      for (guint a = 0; a < wm_area_geometry_get_n_areas (g); a++)
        {
          int ta = wm_area_layer_find_area (layer, wm_area_geometry_get_code (g, a));
          double expected = wm_indicator_table_get_value (t, indicator, years[y], ta);
          double got = wm_classification_get_area_value (c, a);

          g_assert_cmpint (ta, >=, 0);
          if (isnan (expected))
            g_assert_true (isnan (got));
          else
            g_assert_cmpfloat (got, ==, expected);
        }
    }
}

static void
test_layers_and_years (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  guint n_years;

  g_assert_true (wm_map_model_set_layer (f->model, layer_index (f->model, "sections"), &error));
  g_assert_no_error (error);
  g_assert_true (f->last_change & WM_MAP_MODEL_CHANGED_LAYER);
  g_assert_true (wm_map_model_wait (f->model, &error));
  g_assert_no_error (error);
  g_assert_true (f->last_change & WM_MAP_MODEL_CHANGED_TABLE);
  g_assert_false (wm_map_model_is_computing (f->model));
  g_assert_cmpuint (wm_area_geometry_get_n_areas (wm_map_model_get_geometry (f->model)), ==, 16);
  wm_map_model_get_years (f->model, &n_years);
  g_assert_cmpuint (n_years, ==, 4);
  /* The last year first. */
  g_assert_cmpint (wm_map_model_get_year (f->model), ==, 2021);

  assert_classification_matches_table (f->model, WM_INDICATOR_IVSM);
  wm_map_model_set_indicator (f->model, WM_INDICATOR_ELDERLY_ALONE_65);
  g_assert_cmpstr (wm_classification_get_title (wm_map_model_get_classification (f->model)), ==,
                   wm_indicator_def_get_label (wm_indicator_def_get (WM_INDICATOR_ELDERLY_ALONE_65)));
  assert_classification_matches_table (f->model, WM_INDICATOR_ELDERLY_ALONE_65);

  /* Another layer: three districts; the indicator and year are kept. */
  g_assert_true (wm_map_model_set_layer (f->model, layer_index (f->model, "districts"), &error));
  g_assert_true (wm_map_model_wait (f->model, &error));
  g_assert_cmpuint (wm_area_geometry_get_n_areas (wm_map_model_get_geometry (f->model)), ==, 3);
  g_assert_cmpint (wm_map_model_get_indicator (f->model), ==, WM_INDICATOR_ELDERLY_ALONE_65);
  assert_classification_matches_table (f->model, WM_INDICATOR_ELDERLY_ALONE_65);

  /* A year the extract does not have is refused. */
  g_assert_false (wm_map_model_set_year (f->model, 1999));
}

static void
test_no_boundaries (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  guint sections = layer_index (f->model, "sections");

  g_assert_true (wm_map_model_set_layer (f->model, sections, NULL));
  g_assert_false (wm_map_model_set_layer (f->model, layer_index (f->model, "blocks"), &error));
  g_assert_error (error, WM_AREA_GEOMETRY_ERROR, WM_AREA_GEOMETRY_ERROR_NO_POLYGONS);
  g_assert_nonnull (strstr (error->message, "blocks"));
  /* Still on the sections. */
  g_assert_cmpuint (wm_map_model_get_layer_index (f->model), ==, sections);
  g_assert_cmpuint (wm_area_geometry_get_n_areas (wm_map_model_get_geometry (f->model)), ==, 16);
}

static void
test_details (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmAreaDetails) d = NULL;
  WmIndicatorTable *t;
  WmAreaGeometry *g;
  int ta;

  g_assert_true (wm_map_model_set_layer (f->model, layer_index (f->model, "sections"), &error));
  /* Nothing to say before the table arrives. */
  g_assert_null (wm_map_model_describe_area (f->model, 0));
  g_assert_true (wm_map_model_wait (f->model, &error));
  g_assert_true (wm_map_model_set_year (f->model, 2019));

  t = wm_map_model_get_table (f->model);
  g = wm_map_model_get_geometry (f->model);
  d = wm_map_model_describe_area (f->model, 5);
  ta = wm_area_layer_find_area (wm_indicator_table_get_layer (t), wm_area_geometry_get_code (g, 5));
  g_assert_cmpstr (d->code, ==, wm_area_geometry_get_code (g, 5));
  g_assert_cmpstr (d->name, ==, wm_area_geometry_get_name (g, 5));
  g_assert_cmpuint (d->n_years, ==, 4);
  g_assert_cmpuint (d->n_components, ==, WM_IVSM_N_COMPONENTS);
  for (guint y = 0; y < d->n_years; y++)
    {
      double v = wm_indicator_table_get_value (t, WM_INDICATOR_IVSM, d->years[y], ta);
      g_assert_true (isnan (v) ? isnan (d->series[y]) : d->series[y] == v);
    }
  g_assert_cmpfloat (d->municipality, ==, wm_indicator_table_get_municipality_value (t, WM_INDICATOR_IVSM, 2019));
  for (guint c = 0; c < WM_IVSM_N_COMPONENTS; c++)
    {
      double v = wm_indicator_table_get_value (t, c, 2019, ta);
      g_assert_true (isnan (v) ? isnan (d->components[c]) : d->components[c] == v);
    }

  /* A rate: its counts and its rank among the sections. */
  wm_map_model_set_indicator (f->model, WM_INDICATOR_FOREIGN_RESIDENTS);
  g_clear_pointer (&d, wm_area_details_free);
  d = wm_map_model_describe_area (f->model, 5);
  g_assert_cmpuint (d->n_components, ==, 0);
  g_assert_true (d->has_counts);
  g_assert_cmpuint (d->denominator, >, 0);
  g_assert_cmpfloat_with_epsilon (d->value, 100.0 * d->numerator / d->denominator, 1e-9);
  g_assert_cmpuint (d->rank, >=, 1);
  g_assert_cmpuint (d->rank, <=, d->n_ranked);
  g_assert_null (d->reason);
}

/* Minimum frequency: values resting on fewer than 40 persons are hidden,
 * with a reason; the others are as the table says. The composite hides
 * when any of its seven components would. */
static void
test_min_denominator (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  WmClassification *c = wm_map_model_get_classification (f->model);
  WmIndicatorTable *t;
  WmAreaGeometry *g;
  guint hidden = 0, shown = 0;

  g_assert_true (wm_map_model_set_layer (f->model, layer_index (f->model, "sections"), &error));
  g_assert_true (wm_map_model_wait (f->model, &error));
  wm_map_model_set_indicator (f->model, WM_INDICATOR_FOREIGN_RESIDENTS);
  wm_map_model_set_min_denominator (f->model, 40);
  t = wm_map_model_get_table (f->model);
  g = wm_map_model_get_geometry (f->model);

  for (guint a = 0; a < wm_area_geometry_get_n_areas (g); a++)
    {
      int ta = wm_area_layer_find_area (wm_indicator_table_get_layer (t), wm_area_geometry_get_code (g, a));
      guint64 num, den;
      g_autoptr(WmAreaDetails) d = wm_map_model_describe_area (f->model, a);

      g_assert_true (wm_indicator_table_get_counts (t, WM_INDICATOR_FOREIGN_RESIDENTS, 2021, ta, &num, &den));
      if (den > 0 && den < 40)
        {
          g_assert_cmpuint (wm_classification_get_area_class (c, a), ==, WM_CLASS_SUPPRESSED);
          g_assert_cmpint (d->status, ==, WM_AREA_SUPPRESSED);
          g_assert_true (isnan (d->value));
          g_assert_false (d->has_counts);
          g_assert_nonnull (strstr (d->reason, "privacy"));
          hidden++;
        }
      else if (den >= 40)
        {
          g_assert_cmpint (d->status, ==, WM_AREA_VALUE);
          g_assert_cmpfloat (d->value, ==, wm_indicator_table_get_value (t, WM_INDICATOR_FOREIGN_RESIDENTS, 2021, ta));
          shown++;
        }
    }
  /* The generated sections are uneven: both cases occur. */
  g_assert_cmpuint (hidden, >, 0);
  g_assert_cmpuint (shown, >, 0);

  /* The composite: hidden wherever a component's denominator is small. */
  wm_map_model_set_indicator (f->model, WM_INDICATOR_IVSM);
  for (guint a = 0; a < wm_area_geometry_get_n_areas (g); a++)
    {
      int ta = wm_area_layer_find_area (wm_indicator_table_get_layer (t), wm_area_geometry_get_code (g, a));
      gboolean any_small = FALSE;

      for (guint k = 0; k < WM_IVSM_N_COMPONENTS; k++)
        {
          guint64 num, den;

          wm_indicator_table_get_counts (t, k, 2021, ta, &num, &den);
          any_small |= den > 0 && den < 40;
        }
      g_assert_cmpint (wm_classification_get_area_class (c, a) == WM_CLASS_SUPPRESSED, ==, any_small);
    }

  /* Back to 0: everything shows again. */
  wm_map_model_set_min_denominator (f->model, 0);
  for (guint a = 0; a < wm_area_geometry_get_n_areas (g); a++)
    g_assert_cmpuint (wm_classification_get_area_class (c, a), !=, WM_CLASS_SUPPRESSED);
}

/* A handler choosing another layer while the model announces one (the
 * window's layer list does so when it is rebuilt): the model must end on
 * the handler's layer, with that layer's table, never mixing the two. */
static guint switch_to;
static gboolean switched;

static void
switch_once (WmMapModel *model, guint what, gpointer data)
{
  if ((what & WM_MAP_MODEL_CHANGED_LAYER) && !switched)
    {
      switched = TRUE;
      g_assert_true (wm_map_model_set_layer (model, switch_to, NULL));
    }
}

static void
test_reentrant_switch (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  guint sections = layer_index (f->model, "sections"), districts = layer_index (f->model, "districts");
  WmIndicatorTable *t;

  switch_to = sections;
  switched = FALSE;
  g_signal_connect (f->model, "changed", G_CALLBACK (switch_once), NULL);
  g_assert_true (wm_map_model_set_layer (f->model, districts, &error));
  g_assert_true (wm_map_model_wait (f->model, &error));
  /* Let any late table arrive. */
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  t = wm_map_model_get_table (f->model);
  g_assert_cmpuint (wm_map_model_get_layer_index (f->model), ==, sections);
  g_assert_cmpstr (wm_area_layer_get_code (wm_indicator_table_get_layer (t)), ==, "sections");
  g_assert_cmpuint (wm_area_geometry_get_n_areas (wm_map_model_get_geometry (f->model)), ==, 16);
  g_assert_cmpuint (wm_classification_get_n_areas (wm_map_model_get_classification (f->model)), ==, 16);
  assert_classification_matches_table (f->model, WM_INDICATOR_IVSM);
}

static void
test_not_loaded (void)
{
  g_autoptr(WmMapModel) model = wm_map_model_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (wm_map_model_is_loaded (model));
  g_assert_false (wm_map_model_set_layer (model, 0, &error));
  g_assert_error (error, WM_MAP_MODEL_ERROR, WM_MAP_MODEL_ERROR_NOT_LOADED);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/map-model/layers-and-years", Fixture, NULL, fixture_setup, test_layers_and_years, fixture_teardown);
  g_test_add ("/map-model/no-boundaries", Fixture, NULL, fixture_setup, test_no_boundaries, fixture_teardown);
  g_test_add ("/map-model/details", Fixture, NULL, fixture_setup, test_details, fixture_teardown);
  g_test_add ("/map-model/min-denominator", Fixture, NULL, fixture_setup, test_min_denominator, fixture_teardown);
  g_test_add ("/map-model/reentrant-switch", Fixture, NULL, fixture_setup, test_reentrant_switch, fixture_teardown);
  g_test_add_func ("/map-model/not-loaded", test_not_loaded);

  return g_test_run ();
}
