/* test-population.c — loading an extract database into columns; bad databases
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include "wm-population.h"
#include "wm-schema.h"
#include "wm-test-extract.h"

/* One family of two in section A (2020–2021), with a threshold in 2020. */
static sqlite3 *
good_db (void)
{
  sqlite3 *db = wm_test_extract_new (2020, 2021);

  wm_test_sql (db,
               "INSERT INTO area_layer VALUES (1, 'sections', 'Census sections', 0, 1, NULL),"
               "  (2, 'quartieri', 'Quartieri', 1, 2, NULL);"
               "INSERT INTO area (id, layer_id, code, name, label_lon, label_lat)"
               "  VALUES (10, 1, 'B', 'Section B', 11.2, 46.2), (11, 1, 'A', 'Section A', 11.1, 46.1),"
               "  (20, 2, 'Q1', 'Quartiere 1', NULL, NULL);"
               "INSERT INTO dwelling (id, surface_m2, lon, lat) VALUES (1, 55, 11.1, 46.1);"
               "INSERT INTO dwelling_area VALUES (1, 1, 11), (2, 1, 20);"
               "INSERT INTO person VALUES (1, x'00', 1, 1980, 1, 1, 4, NULL), (2, x'01', 2, 1982, 1, 1, 4, NULL);"
               "INSERT INTO family (id, pseudonym) VALUES (1, x'02');"
               "INSERT INTO residence VALUES (1, 1, 1, 1, '2010-01-01', NULL), (2, 1, 1, 2, '2010-01-01', NULL);"
               "INSERT INTO isee_threshold VALUES (2020, 9360.5), (2019, 9000);");
  return db;
}

static void
test_load (void)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = good_db ();
  g_autoptr(WmPopulation) pop = wm_population_load (db, NULL, NULL, &error);
  WmAreaLayer *sections;
  double threshold, lon, lat;

  g_assert_no_error (error);
  g_assert_cmpint (wm_population_get_first_year (pop), ==, 2020);
  g_assert_cmpint (wm_population_get_last_year (pop), ==, 2021);
  g_assert_cmpuint (wm_population_get_n_years (pop), ==, 2);
  g_assert_cmpuint (wm_population_get_n_persons (pop), ==, 2);
  g_assert_cmpuint (wm_population_get_n_families (pop), ==, 1);
  g_assert_cmpuint (wm_population_get_n_dwellings (pop), ==, 1);
  /* Positions kept exactly, for boundary files added later. */
  wm_population_get_dwelling_point (pop, 0, &lon, &lat);
  g_assert_cmpfloat (lon, ==, 11.1);
  g_assert_cmpfloat (lat, ==, 46.1);
  g_assert_cmpuint (wm_population_get_n_residences (pop), ==, 2);
  g_assert_cmpuint (wm_population_get_memory_size (pop), >, 0);
  g_assert_cmpstr (wm_population_get_municipality_code (pop), ==, "099999");
  g_assert_cmpstr (wm_population_get_municipality_name (pop), ==, "Testville");

  /* sections first; areas in code order */
  g_assert_cmpuint (wm_population_get_n_layers (pop), ==, 2);
  sections = wm_population_get_sections (pop);
  g_assert_cmpstr (wm_area_layer_get_code (sections), ==, "sections");
  g_assert_cmpuint (wm_area_layer_get_n_areas (sections), ==, 2);
  g_assert_cmpstr (wm_area_layer_get_area_code (sections, 0), ==, "A");
  g_assert_cmpint (wm_area_layer_get_area_id (sections, 0), ==, 11);
  g_assert_cmpstr (wm_area_layer_get_area_name (sections, 1), ==, "Section B");
  g_assert_cmpint (wm_area_layer_find_area (sections, "B"), ==, 1);
  g_assert_cmpint (wm_area_layer_find_area_id (sections, 10), ==, 1);
  g_assert_cmpint (wm_area_layer_find_area (sections, "nope"), ==, -1);
  g_assert_true (wm_area_layer_get_area_label_point (sections, 0, &lon, &lat));
  g_assert_cmpfloat (lon, ==, 11.1);
  g_assert_false (wm_area_layer_get_area_label_point (wm_population_find_layer (pop, "quartieri"), 0, &lon, &lat));
  g_assert_null (wm_population_find_layer (pop, "nope"));
  g_assert_true (wm_population_layer_nests_in_sections (pop, 1));

  g_assert_true (wm_population_get_isee_threshold (pop, 2020, &threshold));
  g_assert_cmpfloat (threshold, ==, 9360.5);
  g_assert_false (wm_population_get_isee_threshold (pop, 2021, NULL));
  g_assert_false (wm_population_get_isee_threshold (pop, 2019, NULL));
  sqlite3_close (db);
}

/* Schema 1 (before family.communal) still opens: no convivenza marked. */
static void
test_schema_1 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmPopulation) pop = NULL;
  sqlite3 *db = good_db ();

  wm_test_sql (db, "ALTER TABLE family DROP COLUMN communal;"
                   "UPDATE meta SET value = '1' WHERE key = 'schema_version'");
  pop = wm_population_load (db, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wm_population_get_n_persons (pop), ==, 2);
  g_assert_cmpuint (wm_population_get_n_families (pop), >, 0);
  sqlite3_close (db);
}

static void
on_loaded (GObject *source, GAsyncResult *result, gpointer data)
{
  WmPopulation **out = data;
  g_autoptr(GError) error = NULL;

  *out = wm_population_load_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_load_async (void)
{
  sqlite3 *db = good_db ();
  const char *codes[] = { "X", NULL };
  WmPopulation *pop = NULL;

  wm_population_load_async (db, codes, NULL, on_loaded, &pop);
  while (pop == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (wm_population_get_n_persons (pop), ==, 2);
  g_object_unref (pop);
  sqlite3_close (db);
}

/* Applies @sql to a good database and expects the load to fail with
 * @domain/@code and a message holding each of the NULL-terminated
 * fragments. */
static void
assert_fails (const char *sql, GQuark domain, int code, ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmPopulation) pop = NULL;
  sqlite3 *db = good_db ();
  va_list args;

  wm_test_sql (db, "%s", sql);
  pop = wm_population_load (db, NULL, NULL, &error);
  g_assert_null (pop);
  g_assert_error (error, domain, code);
  va_start (args, code);
  for (const char *frag = va_arg (args, const char *); frag != NULL; frag = va_arg (args, const char *))
    if (strstr (error->message, frag) == NULL)
      g_error ("“%s” does not say “%s”", error->message, frag);
  va_end (args);
  /* every message says what to do */
  g_assert_nonnull (strstr (error->message, " — "));
  sqlite3_close (db);
}

static void
test_bad_meta (void)
{
  assert_fails ("UPDATE meta SET value = '3' WHERE key = 'schema_version'",
                WM_SCHEMA_ERROR, WM_SCHEMA_ERROR_VERSION, "version 3", NULL);
  assert_fails ("DELETE FROM meta WHERE key = 'first_year'",
                WM_POPULATION_ERROR, WM_POPULATION_ERROR_META, "first_year", NULL);
  assert_fails ("UPDATE meta SET value = 'soon' WHERE key = 'last_year'",
                WM_POPULATION_ERROR, WM_POPULATION_ERROR_META, "last_year", NULL);
  assert_fails ("UPDATE meta SET value = '2051' WHERE key = 'last_year'",
                WM_POPULATION_ERROR, WM_POPULATION_ERROR_META, "32 years", NULL);
  assert_fails ("UPDATE area_layer SET code = 'sezioni' WHERE id = 1",
                WM_POPULATION_ERROR, WM_POPULATION_ERROR_META, "sections", NULL);
}

static void
test_not_an_extract (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmPopulation) pop = NULL;
  sqlite3 *db = NULL;

  sqlite3_open (":memory:", &db);
  wm_test_sql (db, "CREATE TABLE tiles (x)");
  pop = wm_population_load (db, NULL, NULL, &error);
  g_assert_null (pop);
  g_assert_error (error, WM_SCHEMA_ERROR, WM_SCHEMA_ERROR_NOT_AN_EXTRACT);
  sqlite3_close (db);
}

static void
test_bad_rows (void)
{
  GQuark d = WM_POPULATION_ERROR;
  int c = WM_POPULATION_ERROR_DATA;

  assert_fails ("UPDATE residence SET start_date = '2020-13-01' WHERE person_id = 2",
                d, c, "residence", "row 2", "start_date", "2020-13-01", NULL);
  assert_fails ("UPDATE residence SET end_date = '31/12/2020' WHERE person_id = 1",
                d, c, "residence", "row 1", "end_date", NULL);
  assert_fails ("UPDATE residence SET person_id = 99 WHERE person_id = 2",
                d, c, "residence", "row 2", "person", NULL);
  assert_fails ("UPDATE residence SET family_id = 99 WHERE person_id = 2",
                d, c, "residence", "family", NULL);
  assert_fails ("UPDATE residence SET dwelling_id = 99 WHERE person_id = 2",
                d, c, "residence", "dwelling", NULL);
  assert_fails ("UPDATE residence SET relation = 9 WHERE person_id = 2",
                d, c, "residence", "relation", NULL);
  assert_fails ("INSERT INTO residence VALUES (2, 1, 1, 2, '2021-05-01', NULL)",
                d, c, "residence", "two residences on 31 December 2021", NULL);
  assert_fails ("UPDATE person SET death_date = 'yesterday' WHERE id = 1",
                d, c, "person", "row 1", "death_date", NULL);
  assert_fails ("UPDATE person SET citizenship = 7 WHERE id = 1", d, c, "person", "citizenship", NULL);
  assert_fails ("UPDATE person SET education = 9 WHERE id = 1", d, c, "person", "education", NULL);
  assert_fails ("UPDATE person SET birth_year = 1700 WHERE id = 1", d, c, "person", "birth year 1700", NULL);
  assert_fails ("UPDATE dwelling SET surface_m2 = 'big'", d, c, "dwelling", "surface_m2", NULL);
  assert_fails ("UPDATE dwelling SET lon = 'east'", d, c, "dwelling", "row 1", "lon is not a number", NULL);
  assert_fails ("UPDATE dwelling SET lat = 4610000", d, c, "dwelling", "row 1", "latitude", NULL);
  assert_fails ("UPDATE dwelling SET lon = -1e400", d, c, "dwelling", "row 1", "longitude", NULL);
  assert_fails ("UPDATE dwelling_area SET area_id = 20 WHERE layer_id = 1",
                d, c, "dwelling_area", "dwelling 1 in layer 1", NULL);
  assert_fails ("INSERT INTO dwelling_area VALUES (1, 77, 10)", d, c, "dwelling_area", "dwelling 77", NULL);
  assert_fails ("INSERT INTO person_condition VALUES (1, 2020, 2021, 8)",
                d, c, "person_condition", "person 1 from 2020", NULL);
  assert_fails ("INSERT INTO person_condition VALUES (5, 2020, 2021, 1)", d, c, "person_condition", NULL);
  assert_fails ("INSERT INTO care_need VALUES (1, '2020-02-30', NULL, 1)", d, c, "care_need", "2020-02-30", NULL);
  assert_fails ("INSERT INTO service_type VALUES ('Z', 'z', NULL);"
                "INSERT INTO service_episode (person_id, service_code, user_area, start_date)"
                " VALUES (1, 'Z', 'ELDERLY', '2020-01-01')",
                d, c, "service_episode", "row 1", "ELDERLY", NULL);
  assert_fails ("INSERT INTO service_type VALUES ('Z', 'z', NULL);"
                "INSERT INTO service_episode (family_id, service_code, user_area, start_date)"
                " VALUES (42, 'Z', 'FAM', '2020-01-01')",
                d, c, "service_episode", "family", NULL);
  assert_fails ("INSERT INTO family_year VALUES (42, 2020, 1000)", d, c, "family_year", "family 42", NULL);
  assert_fails ("UPDATE area_layer SET join_kind = 5 WHERE id = 2", d, c, "area_layer", NULL);
  assert_fails ("INSERT INTO area (id, layer_id, code, name) VALUES (99, 9, 'X', 'X')", d, c, "area", "layer", NULL);
}

static void
test_cancelled (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(WmPopulation) pop = NULL;
  sqlite3 *db = good_db ();

  g_cancellable_cancel (cancellable);
  pop = wm_population_load (db, NULL, cancellable, &error);
  g_assert_null (pop);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  sqlite3_close (db);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/population/load", test_load);
  g_test_add_func ("/population/load-async", test_load_async);
  g_test_add_func ("/population/schema-1", test_schema_1);
  g_test_add_func ("/population/bad-meta", test_bad_meta);
  g_test_add_func ("/population/not-an-extract", test_not_an_extract);
  g_test_add_func ("/population/bad-rows", test_bad_rows);
  g_test_add_func ("/population/cancelled", test_cancelled);
  return g_test_run ();
}
