/* wm-test-synth.c — the generator's sources, read back into SQLite for the synth tests
 *
 * Every file is read through GDAL, every column as text: the tests answer
 * with plain SQL, never with the generator's own counters.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <gdal.h>
#include <ogr_api.h>

#include "wm-synth.h"
#include "wm-test-synth.h"
#include "wm-test-util.h"

/* Povo for @years from @first_year into @root/@name. */
char *
wm_test_synth_generate (const char *root,
                        const char *name,
                        int         first_year,
                        int         years,
                        guint64     seed,
                        double      defects)
{
  g_autoptr(WmSynth) synth = wm_synth_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data = wm_test_shared_path (NULL, NULL);
  char *out = g_build_filename (root, name, NULL);

  g_assert_true (wm_synth_set_place (synth, "povo", &error));
  wm_synth_set_data_dir (synth, data);
  wm_synth_set_first_year (synth, first_year);
  wm_synth_set_years (synth, years);
  wm_synth_set_seed (synth, seed);
  wm_synth_set_defect_rate (synth, defects);
  g_assert_true (wm_synth_run (synth, out, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return out;
}

/* Every sheet of a CSV/ODS/XLSX file into table @table, in the file's
 * order (rowid 1 is the file's row 2), every column as text. */
void
wm_test_synth_load (sqlite3    *db,
                    const char *dir,
                    const char *file,
                    const char *table)
{
  g_autofree char *path = g_build_filename (dir, file, NULL);
  GDALDatasetH ds = GDALOpenEx (path, GDAL_OF_VECTOR, NULL, NULL, NULL);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  OGRFeatureDefnH defn;
  int n;

  g_assert_nonnull (ds);
  defn = OGR_L_GetLayerDefn (GDALDatasetGetLayer (ds, 0));
  n = OGR_FD_GetFieldCount (defn);
  g_string_printf (sql, "CREATE TABLE %s (", table);
  for (int i = 0; i < n; i++)
    g_string_append_printf (sql, "%s%s TEXT", i ? ", " : "", OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, i)));
  g_string_append (sql, ")");
  g_assert_cmpint (sqlite3_exec (db, sql->str, NULL, NULL, NULL), ==, SQLITE_OK);
  g_string_printf (sql, "INSERT INTO %s VALUES (", table);
  for (int i = 0; i < n; i++)
    g_string_append (sql, i ? ", ?" : "?");
  g_string_append (sql, ")");
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  for (int l = 0; l < GDALDatasetGetLayerCount (ds); l++)
    {
      OGRLayerH layer = GDALDatasetGetLayer (ds, l);
      OGRFeatureH f;

      g_assert_cmpint (OGR_FD_GetFieldCount (OGR_L_GetLayerDefn (layer)), ==, n);
      while ((f = OGR_L_GetNextFeature (layer)) != NULL)
        {
          sqlite3_reset (stmt);
          for (int i = 0; i < n; i++)
            if (OGR_F_IsFieldSetAndNotNull (f, i) && *OGR_F_GetFieldAsString (f, i) != '\0')
              sqlite3_bind_text (stmt, i + 1, OGR_F_GetFieldAsString (f, i), -1, SQLITE_TRANSIENT);
            else
              sqlite3_bind_null (stmt, i + 1);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
          OGR_F_Destroy (f);
        }
    }
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  GDALClose (ds);
}

/* An in-memory database with the registry, residences, conditions,
 * dwellings, titles of study and the defects manifest of @dir, each in
 * the table of its file's Italian name. */
sqlite3 *
wm_test_synth_open (const char *dir)
{
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  wm_test_synth_load (db, dir, "anagrafe_persone.csv", "persone");
  wm_test_synth_load (db, dir, "anagrafe_residenze.csv", "residenze");
  wm_test_synth_load (db, dir, "lavoro.csv", "lavoro");
  wm_test_synth_load (db, dir, "abitazioni.csv", "abitazioni");
  wm_test_synth_load (db, dir, "istruzione.xlsx", "istruzione");
  wm_test_synth_load (db, dir, "difetti.csv", "difetti");
  return db;
}

/* The first column of the first row of a query. */
double
wm_test_synth_scalar (sqlite3    *db,
                      const char *format,
                      ...)
{
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_double (stmt, 0);
}
