/* test-indicators-sql.c — the engine against plain SQL on a generated population
 *
 * A few thousand people over five years (wm-test-population.c), three
 * boundary layers: the counts of every indicator, area and year must equal
 * those of tests/indicators-oracle.sql; the composite must equal AMPI+
 * recomputed here from the oracle's counts; a layer made of sections must
 * give the same counts summed from sections and computed directly; and
 * computing in a GTask while other threads read and compute must give the
 * same tables. The same comparison runs on the demo extract of Povo (the
 * generator's population imported like real data, convivenze included),
 * every layer and year.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <math.h>

#include "wm-extract.h"
#include "wm-indicator-engine.h"
#include "wm-test-extract.h"
#include "wm-test-oracle.h"
#include "wm-test-population.h"
#include "wm-test-util.h"

#define FIRST_YEAR 2018
#define N_YEARS 5

static sqlite3 *db;
static WmPopulation *pop;

/* The database and columns compared, and their years */
typedef struct {
  sqlite3 *db;
  WmPopulation *pop;
  int first_year;
  guint n_years;
  double exercised;     /* share of counts that must be non-zero */
} Subject;

typedef double Components[WM_IVSM_N_COMPONENTS];

typedef struct {
  GHashTable *rows;   /* "indicator/area_id" → gint64[2] */
} Expected;

static void
collect (const char *indicator, gboolean outside, gint64 area_id, gint64 num, gint64 den, gpointer data)
{
  Expected *e = data;
  gint64 *v = g_new (gint64, 2);
  char *key = outside ? g_strdup_printf ("%s/outside", indicator)
                      : g_strdup_printf ("%s/%" G_GINT64_FORMAT, indicator, area_id);

  v[0] = num;
  v[1] = den;
  g_assert_false (g_hash_table_contains (e->rows, key));
  g_hash_table_insert (e->rows, key, v);
}

static void
oracle_counts (WmTestOracle *oracle, WmIndicatorId indicator, Expected *e, const char *area_key,
               gint64 *num, gint64 *den)
{
  g_autofree char *key = g_strdup_printf ("%s/%s", wm_indicator_def_get (indicator)->id, area_key);
  gint64 *v = g_hash_table_lookup (e->rows, key);

  *num = v != NULL ? v[0] : 0;
  *den = v != NULL ? v[1] : 0;
}

static void
check_count (const char *what, WmIndicatorId indicator, int year, const char *area,
             guint64 engine_num, guint64 engine_den, gint64 sql_num, gint64 sql_den)
{
  if ((gint64) engine_num != sql_num || (gint64) engine_den != sql_den)
    g_error ("%s %s %d area %s: engine %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT ", SQL %"
             G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
             what, wm_indicator_def_get (indicator)->id, year, area,
             engine_num, engine_den, sql_num, sql_den);
}

/* AMPI+ written out again from the definition, on the oracle's rates. */
static void
check_composite (const Subject *subject, WmIndicatorTable *table, Components *rates,
                 double municipality_first[WM_IVSM_N_COMPONENTS], guint n_areas)
{
  const int first_year = subject->first_year;
  const guint n_units = subject->n_years * n_areas;
  double lo[WM_IVSM_N_COMPONENTS], hi[WM_IVSM_N_COMPONENTS];
  guint checked = 0;

  for (int c = 0; c < WM_IVSM_N_COMPONENTS; c++)
    {
      lo[c] = INFINITY;
      hi[c] = -INFINITY;
      for (guint u = 0; u < n_units; u++)
        if (!isnan (rates[u][c]))
          {
            lo[c] = MIN (lo[c], rates[u][c]);
            hi[c] = MAX (hi[c], rates[u][c]);
          }
    }
  for (guint u = 0; u < n_units; u++)
    {
      double z[WM_IVSM_N_COMPONENTS], mean = 0, ss = 0, expected, got;
      gboolean missing = FALSE;

      for (int c = 0; c < WM_IVSM_N_COMPONENTS; c++)
        {
          missing |= isnan (rates[u][c]);
          z[c] = hi[c] > lo[c] ? 100 + 60 * (rates[u][c] - municipality_first[c]) / (hi[c] - lo[c]) : 100;
          mean += z[c] / WM_IVSM_N_COMPONENTS;
        }
      for (int c = 0; c < WM_IVSM_N_COMPONENTS; c++)
        ss += (z[c] - mean) * (z[c] - mean) / WM_IVSM_N_COMPONENTS;
      expected = missing ? NAN : mean + ss / mean;   /* M + S·(S/M) */
      got = wm_indicator_table_get_value (table, WM_INDICATOR_IVSM, first_year + u / n_areas, u % n_areas);
      if (missing)
        g_assert_true (isnan (got));
      else
        {
          g_assert_cmpfloat_with_epsilon (got, expected, 1e-9);
          checked++;
        }
    }
  g_assert_cmpuint (checked, >, n_areas);
}

/* Every indicator, area and year of @layer_code against the oracle. */
static void
compare_subject_layer (const Subject *subject, WmIndicatorEngine *engine, const char *layer_code)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "indicators-oracle.sql", NULL);
  WmTestOracle *oracle = wm_test_oracle_load (path);
  WmAreaLayer *layer = wm_population_find_layer (subject->pop, layer_code);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmIndicatorTable) table = wm_indicator_engine_compute (engine, layer, NULL, NULL, NULL, &error);
  guint n_areas = wm_area_layer_get_n_areas (layer);
  const int first_year = subject->first_year, last_year = first_year + (int) subject->n_years - 1;
  Components *rates = g_new (Components, subject->n_years * n_areas);
  double municipality_first[WM_IVSM_N_COMPONENTS];
  guint64 nonzero = 0;

  g_assert_no_error (error);
  for (int y = first_year; y <= last_year; y++)
    {
      Expected e = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free) };

      wm_test_oracle_run (oracle, subject->db, y, wm_area_layer_get_id (layer), collect, &e);
      for (WmIndicatorId ind = 0; ind < WM_N_INDICATORS; ind++)
        {
          gint64 sql_num, sql_den, total_num = 0, total_den = 0;
          guint64 num, den;

          if (ind == WM_INDICATOR_IVSM)
            continue;
          for (guint a = 0; a < n_areas; a++)
            {
              g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, wm_area_layer_get_area_id (layer, a));

              oracle_counts (oracle, ind, &e, key, &sql_num, &sql_den);
              g_assert_true (wm_indicator_table_get_counts (table, ind, y, a, &num, &den));
              check_count (layer_code, ind, y, wm_area_layer_get_area_code (layer, a), num, den, sql_num, sql_den);
              total_num += sql_num;
              total_den += sql_den;
              nonzero += num > 0;
              if (ind < WM_IVSM_N_COMPONENTS)
                rates[(y - first_year) * n_areas + a][ind] = sql_den > 0 ? 100.0 * sql_num / sql_den : NAN;
            }
          oracle_counts (oracle, ind, &e, "outside", &sql_num, &sql_den);
          g_assert_true (wm_indicator_table_get_outside_counts (table, ind, y, &num, &den));
          check_count (layer_code, ind, y, "outside", num, den, sql_num, sql_den);
          total_num += sql_num;
          total_den += sql_den;
          g_assert_true (wm_indicator_table_get_municipality_counts (table, ind, y, &num, &den));
          check_count (layer_code, ind, y, "municipality", num, den, total_num, total_den);
          if (y == first_year && ind < WM_IVSM_N_COMPONENTS)
            municipality_first[ind] = 100.0 * total_num / total_den;
        }
      g_hash_table_unref (e.rows);
    }
  /* the population must exercise the indicators, not compare zeros */
  g_assert_cmpfloat (nonzero, >, subject->exercised * (WM_N_INDICATORS - 1) * subject->n_years * n_areas);
  check_composite (subject, table, rates, municipality_first, n_areas);
  g_free (rates);
  wm_test_oracle_free (oracle);
}

static void
compare_layer (WmIndicatorEngine *engine, const char *layer_code)
{
  const Subject generated = { db, pop, FIRST_YEAR, N_YEARS, 0.5 };

  compare_subject_layer (&generated, engine, layer_code);
}

static void
test_sections (void)
{
  g_autoptr(WmIndicatorEngine) engine = wm_indicator_engine_new (pop);

  compare_layer (engine, "sections");
}

static void
test_districts (void)
{
  g_autoptr(WmIndicatorEngine) engine = wm_indicator_engine_new (pop);

  g_assert_true (wm_population_layer_nests_in_sections (pop, 1));
  compare_layer (engine, "districts");
}

static void
test_zones (void)
{
  g_autoptr(WmIndicatorEngine) engine = wm_indicator_engine_new (pop);

  g_assert_false (wm_population_layer_nests_in_sections (pop, 2));
  compare_layer (engine, "zones");
}

static void
assert_same_tables (WmIndicatorTable *a, WmIndicatorTable *b)
{
  guint n = wm_indicator_table_get_n_areas (a);

  g_assert_cmpuint (n, ==, wm_indicator_table_get_n_areas (b));
  for (int y = FIRST_YEAR; y < FIRST_YEAR + N_YEARS; y++)
    for (WmIndicatorId ind = 0; ind < WM_N_INDICATORS; ind++)
      {
        guint64 n1, d1, n2, d2;

        for (guint area = 0; area < n; area++)
          {
            double v1 = wm_indicator_table_get_value (a, ind, y, area);
            double v2 = wm_indicator_table_get_value (b, ind, y, area);

            g_assert_true ((isnan (v1) && isnan (v2)) || v1 == v2);
            if (wm_indicator_table_get_counts (a, ind, y, area, &n1, &d1))
              {
                g_assert_true (wm_indicator_table_get_counts (b, ind, y, area, &n2, &d2));
                g_assert_cmpuint (n1, ==, n2);
                g_assert_cmpuint (d1, ==, d2);
              }
          }
        if (wm_indicator_table_get_outside_counts (a, ind, y, &n1, &d1))
          {
            g_assert_true (wm_indicator_table_get_outside_counts (b, ind, y, &n2, &d2));
            g_assert_cmpuint (n1, ==, n2);
            g_assert_cmpuint (d1, ==, d2);
          }
      }
}

/* District counts summed from sections equal district counts computed
 * directly from each dwelling's district. */
static void
test_aggregation (void)
{
  g_autoptr(WmIndicatorEngine) summed = wm_indicator_engine_new (pop);
  g_autoptr(WmIndicatorEngine) direct = g_object_new (WM_TYPE_INDICATOR_ENGINE, "population", pop,
                                                      "aggregate-nested", FALSE, NULL);
  WmAreaLayer *districts = wm_population_find_layer (pop, "districts");
  g_autoptr(WmIndicatorTable) a = wm_indicator_engine_compute (summed, districts, NULL, NULL, NULL, NULL);
  g_autoptr(WmIndicatorTable) b = wm_indicator_engine_compute (direct, districts, NULL, NULL, NULL, NULL);
  g_autoptr(WmIndicatorTable) sections = wm_indicator_engine_lookup (summed, wm_population_get_sections (pop));

  /* the summing engine went through the sections, the other did not */
  g_assert_nonnull (sections);
  g_assert_null (wm_indicator_engine_lookup (direct, wm_population_get_sections (pop)));
  assert_same_tables (a, b);
}

typedef struct {
  GMainLoop *loop;
  WmIndicatorTable *table;
  double last_progress;
  guint n_progress;
  GThread *main_thread;
} AsyncState;

static void
on_progress (double fraction, gpointer data)
{
  AsyncState *s = data;

  g_assert_true (g_thread_self () == s->main_thread);
  g_assert_cmpfloat (fraction, >=, s->last_progress);
  s->last_progress = fraction;
  s->n_progress++;
}

static void
on_computed (GObject *source, GAsyncResult *result, gpointer data)
{
  AsyncState *s = data;
  g_autoptr(GError) error = NULL;

  s->table = wm_indicator_engine_compute_finish (WM_INDICATOR_ENGINE (source), result, &error);
  g_assert_no_error (error);
  g_main_loop_quit (s->loop);
}

static gpointer
compute_zones_thread (gpointer data)
{
  WmIndicatorEngine *engine = data;

  return wm_indicator_engine_compute (engine, wm_population_find_layer (pop, "zones"), NULL, NULL, NULL, NULL);
}

static gboolean
read_cache (gpointer data)
{
  WmIndicatorEngine *engine = data;
  g_autoptr(WmIndicatorTable) t = wm_indicator_engine_lookup (engine, wm_population_get_sections (pop));

  /* either not there yet or complete: never a half-filled table */
  if (t != NULL)
    g_assert_false (isnan (wm_indicator_table_get_municipality_value (t, WM_INDICATOR_TAKEUP_MULBEN,
                                                                      FIRST_YEAR + N_YEARS - 1)));
  return G_SOURCE_CONTINUE;
}

/* All years in a GTask while the main thread reads the cache and a third
 * thread computes another layer and the same one. */
static void
test_async (void)
{
  g_autoptr(WmIndicatorEngine) engine = wm_indicator_engine_new (pop);
  g_autoptr(WmIndicatorEngine) reference = wm_indicator_engine_new (pop);
  AsyncState s = { g_main_loop_new (NULL, FALSE), NULL, 0, 0, g_thread_self () };
  WmAreaLayer *sections = wm_population_get_sections (pop);
  g_autoptr(WmIndicatorTable) expected = NULL, expected_zones = NULL, cached = NULL;
  g_autoptr(WmIndicatorTable) zones = NULL, districts = NULL;
  GThread *thread;
  guint reader;

  wm_indicator_engine_compute_async (engine, sections, on_progress, &s, NULL, on_computed, &s);
  thread = g_thread_new ("zones", compute_zones_thread, engine);
  reader = g_idle_add (read_cache, engine);
  /* a synchronous request for a layer built on the one being computed */
  districts = wm_indicator_engine_compute (engine, wm_population_find_layer (pop, "districts"),
                                           NULL, NULL, NULL, NULL);
  g_main_loop_run (s.loop);
  g_source_remove (reader);
  zones = g_thread_join (thread);

  g_assert_cmpfloat (s.last_progress, ==, 1.0);
  g_assert_cmpuint (s.n_progress, >=, 1);
  cached = wm_indicator_engine_lookup (engine, sections);
  g_assert_true (cached == s.table);

  expected = wm_indicator_engine_compute (reference, sections, NULL, NULL, NULL, NULL);
  assert_same_tables (s.table, expected);
  expected_zones = wm_indicator_engine_compute (reference, wm_population_find_layer (pop, "zones"),
                                                NULL, NULL, NULL, NULL);
  assert_same_tables (zones, expected_zones);
  g_clear_object (&expected);
  expected = wm_indicator_engine_compute (reference, wm_population_find_layer (pop, "districts"),
                                          NULL, NULL, NULL, NULL);
  assert_same_tables (districts, expected);

  g_object_unref (s.table);
  g_main_loop_unref (s.loop);
}

static void
test_cancel (void)
{
  g_autoptr(WmIndicatorEngine) engine = wm_indicator_engine_new (pop);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WmIndicatorTable) table = NULL;
  WmAreaLayer *zones = wm_population_find_layer (pop, "zones");

  g_cancellable_cancel (cancellable);
  table = wm_indicator_engine_compute (engine, zones, NULL, NULL, cancellable, &error);
  g_assert_null (table);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (wm_indicator_engine_lookup (engine, zones));
  /* nothing half-done is left behind: the next request computes */
  table = wm_indicator_engine_compute (engine, zones, NULL, NULL, NULL, NULL);
  g_assert_nonnull (table);
}

/* The demo extract of Povo: every layer, all ten years; and the census
 * year's municipal figures, for the record. */
static void
test_povo_demo (void)
{
  g_autofree char *path = wm_test_data_path ("demo", "povo-demo.wmx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmExtract) extract = wm_extract_open (path, "povo-analista-demo", NULL, &error);
  g_autoptr(WmPopulation) demo = NULL;
  g_autoptr(WmIndicatorEngine) engine = NULL;
  g_autoptr(WmIndicatorTable) sections = NULL;
  Subject subject;

  g_assert_no_error (error);
  demo = wm_population_load (wm_extract_get_db (extract), NULL, NULL, &error);
  g_assert_no_error (error);
  /* about 8,000 residents in 95 sections: many small counts are 0 (28 %
   * of them are not) */
  subject = (Subject) { wm_extract_get_db (extract), demo, wm_population_get_first_year (demo),
                        wm_population_get_n_years (demo), 0.2 };
  g_assert_cmpuint (subject.n_years, ==, 10);
  /* the demo has convivenze, or this would not test their rules */
  g_assert_cmpint (wm_test_sql_int (subject.db, "SELECT count(*) FROM family WHERE communal = 1"), >, 0);
  engine = wm_indicator_engine_new (demo);
  for (guint l = 0; l < wm_population_get_n_layers (demo); l++)
    compare_subject_layer (&subject, engine, wm_area_layer_get_code (wm_population_get_layer (demo, l)));

  sections = wm_indicator_engine_lookup (engine, wm_population_get_sections (demo));
  for (WmIndicatorId ind = 0; ind < WM_IVSM_N_COMPONENTS; ind++)
    {
      guint64 num, den;

      g_assert_true (wm_indicator_table_get_municipality_counts (sections, ind, 2021, &num, &den));
      g_test_message ("Povo 2021 %s: %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT " = %.2f %%",
                      wm_indicator_def_get (ind)->id, num, den, 100.0 * num / den);
    }
}

/* A user-given reference recentres the composite; counts do not change. */
static void
test_reference (void)
{
  g_autoptr(WmIndicatorEngine) engine = wm_indicator_engine_new (pop);
  WmAreaLayer *sections = wm_population_get_sections (pop);
  g_autoptr(WmIndicatorTable) before = wm_indicator_engine_compute (engine, sections, NULL, NULL, NULL, NULL);
  g_autoptr(WmIndicatorTable) after = NULL;
  double ref[WM_IVSM_N_COMPONENTS], got[WM_IVSM_N_COMPONENTS];
  guint64 n1, d1, n2, d2;

  /* default: the municipality in the first year scores exactly 100 */
  g_assert_cmpfloat_with_epsilon (wm_indicator_table_get_municipality_value (before, WM_INDICATOR_IVSM, FIRST_YEAR),
                                  100.0, 1e-9);
  g_assert_false (wm_indicator_engine_get_composite_reference (engine, NULL));
  for (int c = 0; c < WM_IVSM_N_COMPONENTS; c++)
    ref[c] = wm_indicator_table_get_municipality_value (before, c, FIRST_YEAR + 2);
  wm_indicator_engine_set_composite_reference (engine, ref);
  g_assert_true (wm_indicator_engine_get_composite_reference (engine, got));
  g_assert_cmpmem (got, sizeof got, ref, sizeof ref);
  after = wm_indicator_engine_lookup (engine, sections);
  g_assert_true (after != before);
  wm_indicator_table_get_composite_reference (after, got);
  g_assert_cmpmem (got, sizeof got, ref, sizeof ref);
  g_assert_cmpfloat_with_epsilon (wm_indicator_table_get_municipality_value (after, WM_INDICATOR_IVSM, FIRST_YEAR + 2),
                                  100.0, 1e-9);
  g_assert_true (wm_indicator_table_get_counts (before, WM_INDICATOR_IVSM_NEET, FIRST_YEAR, 0, &n1, &d1));
  g_assert_true (wm_indicator_table_get_counts (after, WM_INDICATOR_IVSM_NEET, FIRST_YEAR, 0, &n2, &d2));
  g_assert_cmpuint (n1, ==, n2);
  g_assert_cmpuint (d1, ==, d2);
}

int
main (int argc, char **argv)
{
  WmTestPopulationSpec spec = {
    .n_persons = 4000, .n_sections = 14, .n_districts = 4, .n_zones = 5,
    .first_year = FIRST_YEAR, .n_years = N_YEARS, .threshold_gap = TRUE, .seed = 20240611,
  };
  g_autoptr(GError) error = NULL;
  int rc;

  g_test_init (&argc, &argv, NULL);
  db = wm_test_extract_new (FIRST_YEAR, FIRST_YEAR + N_YEARS - 1);
  wm_test_population_generate (db, &spec);
  pop = wm_population_load (db, NULL, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/indicators-sql/sections", test_sections);
  g_test_add_func ("/indicators-sql/districts", test_districts);
  g_test_add_func ("/indicators-sql/zones", test_zones);
  g_test_add_func ("/indicators-sql/aggregation", test_aggregation);
  g_test_add_func ("/indicators-sql/async", test_async);
  g_test_add_func ("/indicators-sql/cancel", test_cancel);
  g_test_add_func ("/indicators-sql/reference", test_reference);
  g_test_add_func ("/indicators-sql/povo-demo", test_povo_demo);
  rc = g_test_run ();

  g_object_unref (pop);
  sqlite3_close (db);
  return rc;
}
