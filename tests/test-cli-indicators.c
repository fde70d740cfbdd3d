/* test-cli-indicators.c — `welfaremap indicators`: output read back, every bad input
 *
 * The files the command writes are read back through GDAL and compared
 * with the engine run in this process on the same database.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <gdal.h>
#include <glib/gstdio.h>
#include <math.h>
#include <ogr_api.h>

#include "wm-extract.h"
#include "wm-indicator-engine.h"
#include "wm-test-cli.h"
#include "wm-test-extract.h"
#include "wm-test-population.h"
#include "wm-test-util.h"

#define FIRST_YEAR 2018
#define N_YEARS 3

static char *dir;
static char *db_path;

/* welfaremap indicators ARG… (NULL-terminated) */
static void
indicators (WmTestRun *r, ...)
{
  va_list args;

  va_start (args, r);
  wm_test_cli_runv (r, NULL, NULL, "indicators", args);
  va_end (args);
}

static WmIndicatorTable *
engine_table (const char *layer_code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmPopulation) pop = NULL;
  g_autoptr(WmIndicatorEngine) engine = NULL;
  sqlite3 *db = NULL;
  WmIndicatorTable *table;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  pop = wm_population_load (db, NULL, NULL, &error);
  g_assert_no_error (error);
  sqlite3_close (db);
  engine = wm_indicator_engine_new (pop);
  table = wm_indicator_engine_compute (engine, wm_population_find_layer (pop, layer_code), NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return table;
}

/* Every feature of the file against the engine's table. */
static guint
check_file (const char *path, WmIndicatorTable *table, const WmIndicatorId *ids, guint n_ids,
            gboolean geometry)
{
  const char *csv_options[] = { "EMPTY_STRING_AS_NULL=YES", NULL };
  GDALDatasetH ds = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL,
                                g_str_has_suffix (path, ".csv") ? csv_options : NULL, NULL);
  WmAreaLayer *layer = wm_indicator_table_get_layer (table);
  OGRLayerH lyr;
  OGRFeatureH f;
  guint n = 0, no_data = 0, n_fields = 5;

  g_assert_nonnull (ds);
  lyr = GDALDatasetGetLayer (ds, 0);
  /* layer, area code and name, scope, year; value, numerator and
   * denominator per indicator (the composite has no counts) */
  for (guint i = 0; i < n_ids; i++)
    n_fields += ids[i] == WM_INDICATOR_IVSM ? 1 : 3;
  g_assert_cmpint (OGR_FD_GetFieldCount (OGR_L_GetLayerDefn (lyr)), ==, n_fields);
  while ((f = OGR_L_GetNextFeature (lyr)) != NULL)
    {
      const char *scope = OGR_F_GetFieldAsString (f, OGR_F_GetFieldIndex (f, "scope"));
      int year = OGR_F_GetFieldAsInteger (f, OGR_F_GetFieldIndex (f, "year"));
      int area = wm_area_layer_find_area (layer, OGR_F_GetFieldAsString (f, OGR_F_GetFieldIndex (f, "area_code")));
      gboolean municipality = g_str_equal (scope, "municipality");

      g_assert_true (municipality || area >= 0);
      g_assert_cmpstr (OGR_F_GetFieldAsString (f, OGR_F_GetFieldIndex (f, "layer")), ==, wm_area_layer_get_code (layer));
      if (geometry)
        g_assert_true ((OGR_F_GetGeometryRef (f) != NULL) == !municipality);
      for (guint i = 0; i < n_ids; i++)
        {
          const char *id = wm_indicator_def_get (ids[i])->id;
          g_autofree char *num_field = g_strconcat (id, "_num", NULL);
          g_autofree char *den_field = g_strconcat (id, "_den", NULL);
          int field = OGR_F_GetFieldIndex (f, id);
          double expected = municipality ? wm_indicator_table_get_municipality_value (table, ids[i], year)
                                         : wm_indicator_table_get_value (table, ids[i], year, area);
          guint64 num, den;

          g_assert_cmpint (field, >=, 0);
          if (isnan (expected))
            {
              /* no data is an empty field, never 0 */
              g_assert_false (OGR_F_IsFieldSetAndNotNull (f, field));
              no_data++;
            }
          else
            g_assert_cmpfloat_with_epsilon (OGR_F_GetFieldAsDouble (f, field), expected, 1e-9 * MAX (1, fabs (expected)));
          if (ids[i] == WM_INDICATOR_IVSM)
            continue;
          if (municipality)
            wm_indicator_table_get_municipality_counts (table, ids[i], year, &num, &den);
          else
            wm_indicator_table_get_counts (table, ids[i], year, area, &num, &den);
          g_assert_cmpint (OGR_F_GetFieldAsInteger64 (f, OGR_F_GetFieldIndex (f, num_field)), ==, num);
          g_assert_cmpint (OGR_F_GetFieldAsInteger64 (f, OGR_F_GetFieldIndex (f, den_field)), ==, den);
        }
      OGR_F_Destroy (f);
      n++;
    }
  GDALClose (ds);
  g_assert_cmpuint (no_data, >, 0);   /* the last year has no ISEE threshold */
  return n;
}

static void
test_defaults_csv (void)
{
  g_auto(WmTestRun) r = { 0 };
  g_autofree char *out = g_build_filename (dir, "t.csv", NULL);
  g_autoptr(WmIndicatorTable) table = engine_table ("sections");
  WmIndicatorId all[WM_N_INDICATORS];

  indicators (&r, db_path, "--out", out, NULL);
  g_assert_cmpint (r.status, ==, 0);
  /* the plain database note, on stderr */
  g_assert_nonnull (strstr (r.err, "plain database"));
  g_assert_nonnull (strstr (r.err, "disclosure control"));
  for (int i = 0; i < WM_N_INDICATORS; i++)
    all[i] = i;
  g_assert_cmpuint (check_file (out, table, all, WM_N_INDICATORS, FALSE), ==,
                    (wm_indicator_table_get_n_areas (table) + 1) * N_YEARS);
}

/* From an encrypted extract the role decides: a caseworker gets the same
 * table as the plain database gives (with a warning), an analyst nothing
 * until disclosure control exists; a wrong passphrase writes nothing. */
static void
test_encrypted_extract (void)
{
  g_autofree char *wmx = g_build_filename (dir, "povo.wmx", NULL);
  g_autofree char *out = g_build_filename (dir, "e.csv", NULL);
  g_autoptr(WmIndicatorTable) table = engine_table ("sections");
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) error = NULL;
  WmExtractSlotSpec slots[] = {
    { WM_EXTRACT_ROLE_CASEWORKER, "caseworker passphrase" },
    { WM_EXTRACT_ROLE_ANALYST, "analyst passphrase" },
  };
  WmIndicatorId all[WM_N_INDICATORS];

  data = wm_extract_serialize_file (db_path, &error);
  g_assert_no_error (error);
  g_assert_true (wm_extract_create (wmx, data, NULL, slots, G_N_ELEMENTS (slots), NULL,
                                    WM_EXTRACT_KDF_INTERACTIVE, NULL, &error));
  g_assert_no_error (error);

  {
    g_auto(WmTestRun) r = { 0 };
    g_setenv ("WELFAREMAP_PASSPHRASE", "caseworker passphrase", TRUE);
    indicators (&r, wmx, "--out", out, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.err, "caseworker role"));
    for (int i = 0; i < WM_N_INDICATORS; i++)
      all[i] = i;
    g_assert_cmpuint (check_file (out, table, all, WM_N_INDICATORS, FALSE), ==,
                      (wm_indicator_table_get_n_areas (table) + 1) * N_YEARS);
    g_remove (out);
  }
  {
    g_auto(WmTestRun) r = { 0 };
    g_setenv ("WELFAREMAP_PASSPHRASE", "analyst passphrase", TRUE);
    indicators (&r, wmx, "--out", out, NULL);
    wm_test_cli_assert_one_line_error (&r, 1, wmx, "analyst passphrase cannot export", NULL);
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  }
  {
    g_auto(WmTestRun) r = { 0 };
    g_setenv ("WELFAREMAP_PASSPHRASE", "a wrong one", TRUE);
    indicators (&r, wmx, "--out", out, NULL);
    wm_test_cli_assert_one_line_error (&r, 1, wmx, "wrong passphrase", NULL);
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  }
  g_unsetenv ("WELFAREMAP_PASSPHRASE");
}

static void
test_gpkg_subset (void)
{
  g_auto(WmTestRun) r = { 0 };
  g_autofree char *out = g_build_filename (dir, "t.gpkg", NULL);
  g_autoptr(WmIndicatorTable) table = engine_table ("districts");
  const WmIndicatorId ids[] = { WM_INDICATOR_IVSM, WM_INDICATOR_ISEE_LOW_MINORS };

  indicators (&r, db_path, "--level", "districts", "--years", "2019-2020", "--indicators", "ivsm,isee_low_minors",
              "--out", out, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpuint (check_file (out, table, ids, G_N_ELEMENTS (ids), TRUE), ==,
                    (wm_indicator_table_get_n_areas (table) + 1) * 2);
}

static void
test_list (void)
{
  g_auto(WmTestRun) r = { 0 };
  guint n;
  const WmIndicatorDef *defs = wm_indicator_defs (&n);

  indicators (&r, "--list", NULL);
  g_assert_cmpint (r.status, ==, 0);
  for (guint i = 0; i < n; i++)
    {
      g_assert_nonnull (strstr (r.out, defs[i].id));
      g_assert_nonnull (strstr (r.out, defs[i].label_en));
    }
  g_assert_nonnull (strstr (r.out, "denominator"));
}

static void
test_usage_errors (void)
{
  g_autofree char *out = g_build_filename (dir, "u.csv", NULL);
  g_autofree char *txt = g_build_filename (dir, "u.txt", NULL);
  struct {
    const char *args[8];
    const char *says;
  } cases[] = {
    { { "--out", out }, "name one extract file" },
    { { db_path }, "--out" },
    { { db_path, "--out", txt }, ".csv or .gpkg" },
    { { db_path, "--out", out, "--years", "20x5" }, "--years" },
    { { db_path, "--out", out, "--years", "2020-2018" }, "--years" },
    { { db_path, "--out", out, "--indicators", "ivsm,nope" }, "unknown indicator “nope”" },
    { { db_path, "--out", out, "--no-such-option" }, "no-such-option" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(WmTestRun) r = { 0 };
      const char **a = cases[i].args;

      indicators (&r, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], NULL);
      wm_test_cli_assert_one_line_error (&r, 2, cases[i].says, NULL);
    }
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

static void
test_bad_inputs (void)
{
  g_autofree char *out = g_build_filename (dir, "b.csv", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.sqlite", NULL);
  g_autofree char *text = g_build_filename (dir, "text.sqlite", NULL);
  g_autofree char *other = g_build_filename (dir, "other.sqlite", NULL);
  g_autofree char *wmx = g_build_filename (dir, "extract.wmx", NULL);
  g_autofree char *broken = g_build_filename (dir, "broken.sqlite", NULL);
  sqlite3 *db;

  wm_test_write_file (text, "codice_fiscale;nome\nRSSMRA80A01H501U;Mario\n", -1);
  wm_test_write_file (wmx, "WMX1 not really an extract", -1);
  g_assert_cmpint (sqlite3_open (other, &db), ==, SQLITE_OK);
  wm_test_sql (db, "CREATE TABLE tiles (x)");
  sqlite3_close (db);
  /* an extract with a residence row whose date is not a date */
  db = wm_test_extract_new (2020, 2021);
  wm_test_sql (db, "INSERT INTO area_layer VALUES (1, 'sections', 'S', 0, 1, NULL);"
                   "INSERT INTO person VALUES (1, x'00', 1, 1980, 1, 1, 4, NULL);"
                   "INSERT INTO family (id, pseudonym) VALUES (1, x'01');"
                   "INSERT INTO dwelling (id, lon, lat) VALUES (1, 0, 0);"
                   "INSERT INTO residence VALUES (1, 1, 1, 1, '01/02/2010', NULL);");
  wm_test_extract_save (db, broken);
  sqlite3_close (db);

  {
    g_auto(WmTestRun) r = { 0 };
    indicators (&r, missing, "--out", out, NULL);
    wm_test_cli_assert_one_line_error (&r, 1, missing, "does not exist", " — ", NULL);
  }
  {
    g_auto(WmTestRun) r = { 0 };
    indicators (&r, text, "--out", out, NULL);
    wm_test_cli_assert_one_line_error (&r, 1, text, "not an SQLite file", NULL);
  }
  {
    g_auto(WmTestRun) r = { 0 };
    indicators (&r, other, "--out", out, NULL);
    wm_test_cli_assert_one_line_error (&r, 1, other, "not a WelfareMap extract", NULL);
  }
  {
    g_auto(WmTestRun) r = { 0 };
    g_setenv ("WELFAREMAP_PASSPHRASE", "any passphrase", TRUE);
    indicators (&r, wmx, "--out", out, NULL);
    g_unsetenv ("WELFAREMAP_PASSPHRASE");
    wm_test_cli_assert_one_line_error (&r, 1, wmx, "not a WelfareMap extract", NULL);
  }
  {
    g_auto(WmTestRun) r = { 0 };
    indicators (&r, broken, "--out", out, NULL);
    wm_test_cli_assert_one_line_error (&r, 1, broken, "table residence, row 1", "01/02/2010", "rebuild", NULL);
  }
  {
    g_auto(WmTestRun) r = { 0 };
    indicators (&r, db_path, "--level", "quartieri", "--out", out, NULL);
    wm_test_cli_assert_one_line_error (&r, 1, db_path, "no boundary layer “quartieri”", "sections, districts, zones", NULL);
  }
  {
    g_auto(WmTestRun) r = { 0 };
    indicators (&r, db_path, "--years", "2017-2018", "--out", out, NULL);
    wm_test_cli_assert_one_line_error (&r, 1, db_path, "covers 2018–2020, not 2017", NULL);
  }
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

static gboolean
dir_has_temp_files (const char *path)
{
  g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, ".wm-"))
      return TRUE;
  return FALSE;
}

/* Writes go to a temporary file and are renamed over the target: a failed
 * run leaves the old file as it was and no temporary file behind. */
static void
test_write_failures (void)
{
  g_autofree char *sub = g_build_filename (dir, "w", NULL);
  g_autofree char *no_dir = g_build_filename (dir, "no-such-folder", "t.csv", NULL);
  g_autofree char *a_dir = g_build_filename (sub, "looks-like.csv", NULL);
  g_autofree char *kept = g_build_filename (sub, "kept.csv", NULL);
  g_autofree char *content = NULL;

  g_mkdir_with_parents (a_dir, 0755);
  wm_test_write_file (kept, "old content\n", -1);
  {
    g_auto(WmTestRun) r = { 0 };
    indicators (&r, db_path, "--out", no_dir, NULL);
    wm_test_cli_assert_one_line_error (&r, 1, no_dir, "could not write", " — ", NULL);
  }
  {
    g_auto(WmTestRun) r = { 0 };
    indicators (&r, db_path, "--out", a_dir, NULL);
    wm_test_cli_assert_one_line_error (&r, 1, a_dir, "could not write", NULL);
    g_assert_true (g_file_test (a_dir, G_FILE_TEST_IS_DIR));
  }
  {
    /* a failure before writing leaves the old file */
    g_auto(WmTestRun) r = { 0 };
    indicators (&r, db_path, "--level", "nope", "--out", kept, NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_file_get_contents (kept, &content, NULL, NULL);
    g_assert_cmpstr (content, ==, "old content\n");
    g_clear_pointer (&content, g_free);
  }
  {
    /* success replaces it */
    g_auto(WmTestRun) r = { 0 };
    indicators (&r, db_path, "--out", kept, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_file_get_contents (kept, &content, NULL, NULL);
    g_assert_true (g_str_has_prefix (content, "layer,area_code,"));
  }
  g_assert_false (dir_has_temp_files (sub));
  g_assert_false (dir_has_temp_files (dir));
}

int
main (int argc, char **argv)
{
  WmTestPopulationSpec spec = {
    .n_persons = 600, .n_sections = 6, .n_districts = 2, .n_zones = 2,
    .first_year = FIRST_YEAR, .n_years = N_YEARS, .threshold_gap = TRUE, .seed = 7,
  };
  sqlite3 *db;
  int rc;

  g_test_init (&argc, &argv, NULL);
  GDALAllRegister ();
  dir = wm_test_tmpdir ();
  db_path = g_build_filename (dir, "extract.sqlite", NULL);
  db = wm_test_extract_new (FIRST_YEAR, FIRST_YEAR + N_YEARS - 1);
  wm_test_population_generate (db, &spec);
  wm_test_extract_save (db, db_path);
  sqlite3_close (db);

  g_test_add_func ("/cli-indicators/defaults-csv", test_defaults_csv);
  g_test_add_func ("/cli-indicators/gpkg-subset", test_gpkg_subset);
  g_test_add_func ("/cli-indicators/encrypted-extract", test_encrypted_extract);
  g_test_add_func ("/cli-indicators/list", test_list);
  g_test_add_func ("/cli-indicators/usage-errors", test_usage_errors);
  g_test_add_func ("/cli-indicators/bad-inputs", test_bad_inputs);
  g_test_add_func ("/cli-indicators/write-failures", test_write_failures);
  rc = g_test_run ();

  wm_test_rmdir (dir);
  g_free (dir);
  g_free (db_path);
  return rc;
}
