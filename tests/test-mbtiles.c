/* test-mbtiles.c — reading MBTiles tile packs: lookup, TMS flip, bad files
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "wm-mbtiles.h"
#include "wm-test-util.h"

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
exec_ok (sqlite3 *db, const char *sql)
{
  char *msg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
}

/* A pack with three tiles whose payload names where they are stored:
 * "z/column/tms_row". */
static void
make_pack (const char *path, const char *format)
{
  sqlite3 *db;
  g_autofree char *fmt = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_ok (db, "CREATE TABLE metadata (name TEXT, value TEXT);"
               "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);"
               "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);"
               "INSERT INTO metadata VALUES ('name', 'Test pack'), ('minzoom', '2'), ('maxzoom', '5'),"
               "  ('bounds', '11.1,46.0,11.2,46.1'), ('attribution', '© OpenStreetMap contributors');"
               "INSERT INTO tiles VALUES (2, 1, 3, CAST('2/1/3' AS BLOB)),"
               "  (2, 1, 0, CAST('2/1/0' AS BLOB)), (5, 17, 20, CAST('5/17/20' AS BLOB));");
  if (format != NULL)
    {
      fmt = g_strdup_printf ("INSERT INTO metadata VALUES ('format', '%s')", format);
      exec_ok (db, fmt);
    }
  sqlite3_close (db);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->dir = wm_test_tmpdir ();
  f->path = g_build_filename (f->dir, "pack.mbtiles", NULL);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  wm_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
assert_tile (WmMbtiles *mbtiles, int x, int y, int z, const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = wm_mbtiles_get_tile (mbtiles, x, y, z, &error);
  gsize len;
  const char *data;

  g_assert_no_error (error);
  if (expected == NULL)
    {
      g_assert_null (bytes);
      return;
    }
  g_assert_nonnull (bytes);
  data = g_bytes_get_data (bytes, &len);
  g_assert_cmpmem (data, len, expected, strlen (expected));
}

static void
test_lookup_tms_flip (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmMbtiles) mbtiles = NULL;

  make_pack (f->path, "png");
  mbtiles = wm_mbtiles_open (f->path, &error);
  g_assert_no_error (error);

  /* XYZ row y is TMS row 2^z − 1 − y. */
  assert_tile (mbtiles, 1, 0, 2, "2/1/3");
  assert_tile (mbtiles, 1, 3, 2, "2/1/0");
  assert_tile (mbtiles, 17, 31 - 20, 5, "5/17/20");
  g_assert_cmpint (wm_mbtiles_count_tiles (mbtiles, NULL), ==, 3);
}

static void
test_missing_tile (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmMbtiles) mbtiles = NULL;

  make_pack (f->path, NULL);
  mbtiles = wm_mbtiles_open (f->path, &error);
  g_assert_no_error (error);

  assert_tile (mbtiles, 0, 0, 2, NULL);
  assert_tile (mbtiles, 1, 1, 3, NULL);
  /* Out of the world: no tile, no error, no crash. */
  assert_tile (mbtiles, -1, 0, 2, NULL);
  assert_tile (mbtiles, 4, 0, 2, NULL);
  assert_tile (mbtiles, 0, 0, 40, NULL);
}

static void
test_metadata (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmMbtiles) mbtiles = NULL;
  double w, s, e, n, lon, lat;
  int zoom;

  make_pack (f->path, "png");
  mbtiles = wm_mbtiles_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wm_mbtiles_get_name (mbtiles), ==, "Test pack");
  g_assert_cmpstr (wm_mbtiles_get_format (mbtiles), ==, "png");
  g_assert_cmpstr (wm_mbtiles_get_attribution (mbtiles), ==, "© OpenStreetMap contributors");
  g_assert_cmpint (wm_mbtiles_get_min_zoom (mbtiles), ==, 2);
  g_assert_cmpint (wm_mbtiles_get_max_zoom (mbtiles), ==, 5);
  g_assert_true (wm_mbtiles_get_bounds (mbtiles, &w, &s, &e, &n));
  g_assert_cmpfloat_with_epsilon (w, 11.1, 1e-9);
  g_assert_cmpfloat_with_epsilon (n, 46.1, 1e-9);
  g_assert_true (wm_mbtiles_get_center (mbtiles, &lon, &lat, &zoom));
  g_assert_cmpfloat_with_epsilon (lon, 11.15, 1e-9);
  g_assert_cmpfloat_with_epsilon (lat, 46.05, 1e-9);
}

static void
assert_open_fails (const char *path, int code, const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmMbtiles) mbtiles = wm_mbtiles_open (path, &error);

  g_assert_null (mbtiles);
  g_assert_error (error, WM_MBTILES_ERROR, code);
  /* Every message names the file and says what to do. */
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, fragment));
  g_assert_nonnull (strstr (error->message, "choose another basemap"));
}

static void
test_bad_files (Fixture *f, gconstpointer data)
{
  g_autofree char *missing = g_build_filename (f->dir, "missing.mbtiles", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty.mbtiles", NULL);
  g_autofree char *text = g_build_filename (f->dir, "text.mbtiles", NULL);
  g_autofree char *notiles = g_build_filename (f->dir, "notiles.mbtiles", NULL);
  g_autofree char *badcols = g_build_filename (f->dir, "badcols.mbtiles", NULL);
  g_autofree char *vector = g_build_filename (f->dir, "vector.mbtiles", NULL);
  g_autofree char *sub = g_build_filename (f->dir, "folder.mbtiles", NULL);
  sqlite3 *db;

  assert_open_fails (missing, WM_MBTILES_ERROR_NOT_FOUND, "does not exist");

  wm_test_write_file (empty, "", 0);
  assert_open_fails (empty, WM_MBTILES_ERROR_EMPTY, "empty");

  wm_test_write_file (text, "this is a text file, not a database, long enough to look like a header of a file", -1);
  assert_open_fails (text, WM_MBTILES_ERROR_NOT_MBTILES, "not an SQLite database");

  g_assert_cmpint (sqlite3_open (notiles, &db), ==, SQLITE_OK);
  exec_ok (db, "CREATE TABLE metadata (name TEXT, value TEXT)");
  sqlite3_close (db);
  assert_open_fails (notiles, WM_MBTILES_ERROR_NOT_MBTILES, "no “tiles” table");

  g_assert_cmpint (sqlite3_open (badcols, &db), ==, SQLITE_OK);
  exec_ok (db, "CREATE TABLE tiles (z INTEGER, x INTEGER, y INTEGER, data BLOB)");
  sqlite3_close (db);
  assert_open_fails (badcols, WM_MBTILES_ERROR_NOT_MBTILES, "columns");

  make_pack (vector, "pbf");
  assert_open_fails (vector, WM_MBTILES_ERROR_FORMAT, "pbf");

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  assert_open_fails (sub, WM_MBTILES_ERROR_NOT_MBTILES, "not a file");
}

/* A pack cut short: opening or reading fails with an error, never a crash. */
static void
test_truncated (Fixture *f, gconstpointer data)
{
  g_autofree char *contents = NULL;
  g_autofree char *cut = g_build_filename (f->dir, "cut.mbtiles", NULL);
  gsize len;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  exec_ok (db, "PRAGMA page_size = 1024;"
               "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);"
               "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);"
               "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 255)"
               "  INSERT INTO tiles SELECT 8, i, i, randomblob(3000) FROM n;");
  sqlite3_close (db);

  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  for (gsize keep = 1024; keep < len; keep += len / 7)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WmMbtiles) mbtiles = NULL;
      gboolean failed = FALSE;

      wm_test_write_file (cut, contents, keep);
      mbtiles = wm_mbtiles_open (cut, &error);
      if (mbtiles == NULL)
        {
          g_assert_nonnull (error);
          g_assert_nonnull (strstr (error->message, cut));
          continue;
        }
      for (int i = 0; i < 256 && !failed; i++)
        {
          g_autoptr(GBytes) bytes = wm_mbtiles_get_tile (mbtiles, i, 255 - i, 8, &error);

          if (error != NULL)
            {
              g_assert_error (error, WM_MBTILES_ERROR, WM_MBTILES_ERROR_CORRUPT);
              g_assert_nonnull (strstr (error->message, "damaged"));
              failed = TRUE;
            }
        }
      g_assert_true (failed);
    }
}

static void
test_empty_tile (void)
{
  g_autoptr(GBytes) a = wm_mbtiles_empty_tile ();
  g_autoptr(GBytes) b = wm_mbtiles_empty_tile ();
  gsize len;
  const guint8 *png = g_bytes_get_data (a, &len);

  g_assert_true (a == b);
  g_assert_cmpuint (len, >, 8);
  g_assert_cmpmem (png, 8, "\x89PNG\r\n\x1a\n", 8);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/mbtiles/lookup-tms-flip", Fixture, NULL, fixture_setup, test_lookup_tms_flip, fixture_teardown);
  g_test_add ("/mbtiles/missing-tile", Fixture, NULL, fixture_setup, test_missing_tile, fixture_teardown);
  g_test_add ("/mbtiles/metadata", Fixture, NULL, fixture_setup, test_metadata, fixture_teardown);
  g_test_add ("/mbtiles/bad-files", Fixture, NULL, fixture_setup, test_bad_files, fixture_teardown);
  g_test_add ("/mbtiles/truncated", Fixture, NULL, fixture_setup, test_truncated, fixture_teardown);
  g_test_add_func ("/mbtiles/empty-tile", test_empty_tile);

  return g_test_run ();
}
