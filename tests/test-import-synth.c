/* test-import-synth.c — importing the generator's Povo, checked against its defects manifest
 *
 * `welfaremap synth` writes, besides the sources, difetti.csv: every
 * defect it put in on purpose, with file and row. Each must be in the
 * data-quality report at that place — an oracle the importer had no part
 * in. Two kinds are reported elsewhere, by design:
 * - a residence row whose codice fiscale is invalid carries the very code
 *   the registry has: the person is linked by that exact code, and the
 *   invalid code is reported once, on the registry's row;
 * - of two reference persons in one family at once, the one who became
 *   reference later is reported (the first keeps the role), which may be
 *   the other row of the pair.
 * Skipped while this welfaremap has no `synth` subcommand (it comes with
 * the synth branch).
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <gdal.h>
#include <ogr_api.h>

#include "wm-importer.h"
#include "wm-test-util.h"

typedef struct {
  GHashTable *places;       /* "file:row" → the report's lines there, \n-separated */
} Report;

/* "isee.xlsx:isee_2:5: rejected: …" → "isee.xlsx:5" (sheets ignored: the
 * manifest names a sheet even in a one-sheet workbook, the report only
 * where there are several, and rows are numbered per sheet either way) */
static void
index_lines (Report            *r,
             const char *const *lines)
{
  r->places = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (lines[i], ":", 4);
      g_autofree char *key = NULL;
      const char *row;
      char *old;

      if (g_strv_length (parts) < 3)
        continue;
      row = g_ascii_isdigit (parts[1][0]) ? parts[1] : parts[2];
      key = g_strdup_printf ("%s:%" G_GINT64_FORMAT, parts[0], g_ascii_strtoll (row, NULL, 10));
      old = g_hash_table_lookup (r->places, key);
      g_hash_table_insert (r->places, g_strdup (key), g_strconcat (old != NULL ? old : "", lines[i], "\n", NULL));
    }
}

static const char *
at (Report     *r,
    const char *file,
    gint64      row)
{
  g_autofree char *key = g_strdup_printf ("%s:%" G_GINT64_FORMAT, file, row);

  return g_hash_table_lookup (r->places, key);
}

/* column @value_column of a CSV, by row (header = 1), read by GDAL alone */
static GHashTable *
csv_column (const char *path,
            const char *key_column,
            const char *value_column,
            gboolean    by_row)
{
  GHashTable *map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GDALDatasetH ds = GDALOpenEx (path, GDAL_OF_VECTOR, NULL, NULL, NULL);
  OGRLayerH layer = GDALDatasetGetLayer (ds, 0);
  int k = OGR_FD_GetFieldIndex (OGR_L_GetLayerDefn (layer), key_column);
  int v = OGR_FD_GetFieldIndex (OGR_L_GetLayerDefn (layer), value_column);
  OGRFeatureH f;

  while ((f = OGR_L_GetNextFeature (layer)) != NULL)
    {
      char *key = by_row ? g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) OGR_F_GetFID (f) + 1)
                         : g_strdup (OGR_F_GetFieldAsString (f, k));

      if (!g_hash_table_contains (map, key))
        g_hash_table_insert (map, key, g_strdup (OGR_F_GetFieldAsString (f, v)));
      else
        g_free (key);
      OGR_F_Destroy (f);
    }
  GDALClose (ds);
  return map;
}

/* Whether `welfaremap --help` lists the generator. */
static gboolean
have_synth (void)
{
  const char *argv[] = { g_getenv ("WM_EXE"), "--help", NULL };
  g_autofree char *out = NULL;

  return g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, NULL, NULL) &&
         out != NULL && strstr (out, "\n  synth ") != NULL;
}

/* Convivenze: the generator writes their codice_famiglia with a leading C
 * (app/core/wm-sources.md) and povo.ini says communal_family_prefix=C; the
 * extract must mark exactly those families communal. */
static void
check_communal (WmImporter *importer,
                GHashTable *residence_family)
{
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3 *db = wm_importer_get_database (importer);
  GHashTableIter it;
  gpointer k, v;
  sqlite3_stmt *stmt;
  gint64 marked = -1;

  g_hash_table_iter_init (&it, residence_family);
  while (g_hash_table_iter_next (&it, &k, &v))
    if (((const char *) v)[0] == 'C')
      g_hash_table_add (codes, v);
  /* Povo's census has people in convivenze in a few sections */
  g_assert_cmpuint (g_hash_table_size (codes), >, 0);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM family WHERE communal = 1", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    marked = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (marked, ==, g_hash_table_size (codes));
  g_test_message ("%" G_GINT64_FORMAT " convivenze marked communal", marked);
}

static void
test_povo_manifest (void)
{
  g_autofree char *dir = wm_test_tmpdir ();
  g_autofree char *src = g_build_filename (dir, "povo", NULL);
  g_autofree char *mapping_path = g_build_filename (g_getenv ("WM_SOURCE_ROOT"), "data", "mapping", "povo.ini", NULL);
  g_autofree char *manifest = g_build_filename (src, "difetti.csv", NULL);
  g_autofree char *persons_csv = g_build_filename (src, "anagrafe_persone.csv", NULL);
  g_autofree char *residences_csv = g_build_filename (src, "anagrafe_residenze.csv", NULL);
  const char *argv[] = { g_getenv ("WM_EXE"), "synth", "--place", "povo", "--out", src, "--quiet", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImporter) importer = NULL;
  g_autoptr(GHashTable) person_row = NULL, residence_family = NULL;
  g_auto(GStrv) lines = NULL;
  WmImportMapping *mapping;
  Report r;
  GDALDatasetH ds;
  OGRFeatureH f;
  int status;
  guint checked = 0, elsewhere = 0;

  if (!have_synth ())
    {
      g_test_skip ("welfaremap has no synth subcommand yet");
      wm_test_rmdir (dir);
      return;
    }

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  mapping = wm_import_mapping_load (mapping_path, &error);
  g_assert_no_error (error);
  wm_import_mapping_set_sources_dir (mapping, src);
  importer = wm_importer_new (mapping);
  g_assert_true (wm_importer_run (importer, NULL, &error));
  g_assert_no_error (error);
  lines = wm_import_report_get_lines (wm_importer_get_report (importer));
  index_lines (&r, (const char *const *) lines);
  /* every service code the generator uses has its label in prestazioni.csv */
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], "without a label") != NULL || strstr (lines[i], "prestazioni.csv: warning") != NULL)
      g_error ("unexpected report line: %s", lines[i]);

  GDALAllRegister ();
  person_row = csv_column (persons_csv, "codice_fiscale", "codice_fiscale", TRUE);
  residence_family = csv_column (residences_csv, "codice_fiscale", "codice_famiglia", TRUE);

  ds = GDALOpenEx (manifest, GDAL_OF_VECTOR, NULL, NULL, NULL);
  g_assert_nonnull (ds);
  while ((f = OGR_L_GetNextFeature (GDALDatasetGetLayer (ds, 0))) != NULL)
    {
      const char *file = OGR_F_GetFieldAsString (f, 0);
      gint64 row = g_ascii_strtoll (OGR_F_GetFieldAsString (f, 2), NULL, 10);
      const char *defect = OGR_F_GetFieldAsString (f, 3);
      const char *cf = OGR_F_GetFieldAsString (f, 4);
      const char *found = at (&r, file, row);

      if (found != NULL)
        checked++;
      else if (g_str_equal (defect, "CODICE_FISCALE_NON_VALIDO") && g_str_equal (file, "anagrafe_residenze.csv"))
        {
          /* the registry's own row says so */
          GHashTableIter it;
          gpointer k, v;
          gint64 registry_row = 0;

          g_hash_table_iter_init (&it, person_row);
          while (g_hash_table_iter_next (&it, &k, &v))
            if (g_str_equal (v, cf))
              registry_row = g_ascii_strtoll (k, NULL, 10);
          g_assert_cmpint (registry_row, >, 0);
          g_assert_nonnull (at (&r, "anagrafe_persone.csv", registry_row));
          g_assert_nonnull (strstr (at (&r, "anagrafe_persone.csv", registry_row), "invalid codice fiscale"));
          elsewhere++;
        }
      else if (g_str_equal (defect, "DUE_INTESTATARI"))
        {
          /* another row of the same family carries it */
          g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, row);
          const char *family = g_hash_table_lookup (residence_family, key);
          GHashTableIter it;
          gpointer k, v;
          gboolean seen = FALSE;

          g_assert_nonnull (family);
          g_hash_table_iter_init (&it, residence_family);
          while (g_hash_table_iter_next (&it, &k, &v))
            {
              const char *there = at (&r, "anagrafe_residenze.csv", g_ascii_strtoll (k, NULL, 10));

              seen |= g_str_equal (v, family) && there != NULL && strstr (there, "second reference person") != NULL;
            }
          /* The generator makes a second reference person only beside the first. */
          if (!seen)
            g_error ("%s:%" G_GINT64_FORMAT ": two reference persons, and no row of the family reported",
                     file, row);
          elsewhere++;
        }
      else
        g_error ("%s:%" G_GINT64_FORMAT ": %s is in the manifest, not in the report", file, row, defect);
      OGR_F_Destroy (f);
    }
  GDALClose (ds);
  check_communal (importer, residence_family);
  /* the generator's default rate (0.5 %) over Povo's ~10,000 persons */
  g_assert_cmpuint (checked, >, 400);
  g_test_message ("%u manifest rows at their place in the report, %u reported on the related row",
                  checked, elsewhere);
  g_hash_table_unref (r.places);
  wm_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import-synth/povo-manifest", test_povo_manifest);
  return g_test_run ();
}
