/* test-mbtiles-source.c — the ShumateDataSource over an MBTiles pack
 *
 * Runs without a display: a data source only moves bytes.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <sqlite3.h>

#include "wm-mbtiles-source.h"
#include "wm-test-util.h"

typedef struct {
  GMainLoop *loop;
  GBytes *signalled;
  int sx, sy, sz;
  GBytes *result;
  GError *error;
} Request;

static void
on_received (ShumateDataSource *source, int x, int y, int z, GBytes *bytes, Request *req)
{
  req->sx = x;
  req->sy = y;
  req->sz = z;
  g_clear_pointer (&req->signalled, g_bytes_unref);
  req->signalled = g_bytes_ref (bytes);
}

static void
on_done (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Request *req = user_data;

  req->result = shumate_data_source_get_tile_data_finish (SHUMATE_DATA_SOURCE (object), result, &req->error);
  g_main_loop_quit (req->loop);
}

static void
fetch (ShumateDataSource *source, int x, int y, int z, Request *req)
{
  gulong id = g_signal_connect (source, "received-data", G_CALLBACK (on_received), req);

  req->loop = g_main_loop_new (NULL, FALSE);
  shumate_data_source_get_tile_data_async (source, x, y, z, NULL, on_done, req);
  g_main_loop_run (req->loop);
  g_main_loop_unref (req->loop);
  g_signal_handler_disconnect (source, id);
}

static void
request_clear (Request *req)
{
  g_clear_pointer (&req->signalled, g_bytes_unref);
  g_clear_pointer (&req->result, g_bytes_unref);
  g_clear_error (&req->error);
}

static char *
make_pack (const char *dir)
{
  char *path = g_build_filename (dir, "pack.mbtiles", NULL);
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
    "CREATE TABLE metadata (name TEXT, value TEXT);"
    "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);"
    "INSERT INTO metadata VALUES ('minzoom', '3'), ('maxzoom', '3'), ('name', 'Pack');"
    "INSERT INTO tiles VALUES (3, 4, 7, CAST('north-west' AS BLOB));",
    NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  return path;
}

static void
test_tile_and_signal (void)
{
  g_autofree char *dir = wm_test_tmpdir ();
  g_autofree char *path = make_pack (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmMbtiles) mbtiles = wm_mbtiles_open (path, &error);
  g_autoptr(WmMbtilesSource) source = NULL;
  Request req = { 0 };

  g_assert_no_error (error);
  source = wm_mbtiles_source_new (mbtiles);
  g_assert_true (wm_mbtiles_source_get_mbtiles (source) == mbtiles);

  /* XYZ (4, 0) at zoom 3 is TMS row 7. */
  fetch (SHUMATE_DATA_SOURCE (source), 4, 0, 3, &req);
  g_assert_no_error (req.error);
  g_assert_nonnull (req.result);
  g_assert_nonnull (req.signalled);
  g_assert_true (g_bytes_equal (req.result, req.signalled));
  g_assert_cmpint (req.sx, ==, 4);
  g_assert_cmpint (req.sy, ==, 0);
  g_assert_cmpint (req.sz, ==, 3);
  g_assert_cmpmem (g_bytes_get_data (req.result, NULL), g_bytes_get_size (req.result), "north-west", 10);
  request_clear (&req);

  wm_test_rmdir (dir);
}

/* A tile the pack lacks is drawn transparent: the renderer gets a valid
 * empty PNG, never an error that would mark the tile as failed. */
static void
test_missing_is_transparent (void)
{
  g_autofree char *dir = wm_test_tmpdir ();
  g_autofree char *path = make_pack (dir);
  g_autoptr(WmMbtiles) mbtiles = wm_mbtiles_open (path, NULL);
  g_autoptr(WmMbtilesSource) source = wm_mbtiles_source_new (mbtiles);
  g_autoptr(GBytes) empty = wm_mbtiles_empty_tile ();
  Request req = { 0 };

  fetch (SHUMATE_DATA_SOURCE (source), 0, 0, 3, &req);
  g_assert_no_error (req.error);
  g_assert_true (g_bytes_equal (req.result, empty));
  g_assert_true (g_bytes_equal (req.signalled, empty));
  request_clear (&req);
  wm_test_rmdir (dir);
}

static void
test_renderer_metadata (void)
{
  g_autofree char *dir = wm_test_tmpdir ();
  g_autofree char *path = make_pack (dir);
  g_autoptr(WmMbtiles) mbtiles = wm_mbtiles_open (path, NULL);
  g_autoptr(ShumateMapSource) renderer = wm_mbtiles_source_new_renderer (mbtiles);

  g_assert_cmpuint (shumate_map_source_get_min_zoom_level (renderer), ==, 3);
  g_assert_cmpuint (shumate_map_source_get_max_zoom_level (renderer), ==, 3);
  g_assert_cmpuint (shumate_map_source_get_tile_size (renderer), ==, 256);
  g_assert_cmpstr (shumate_map_source_get_name (renderer), ==, "Pack");
  /* No attribution in the pack: OpenStreetMap's is shown. */
  g_assert_cmpstr (shumate_map_source_get_license (renderer), ==, "© OpenStreetMap contributors");
  wm_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mbtiles-source/tile-and-signal", test_tile_and_signal);
  g_test_add_func ("/mbtiles-source/missing-is-transparent", test_missing_is_transparent);
  g_test_add_func ("/mbtiles-source/renderer-metadata", test_renderer_metadata);

  return g_test_run ();
}
