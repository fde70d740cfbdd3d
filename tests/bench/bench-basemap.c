/* bench-basemap.c — rendering the Povo basemap: tiles per second
 *
 * The peer is PNG encoding alone of the very same tiles (decoded from the
 * pack, encoded again with cairo's encoder): the floor of any raster tile
 * pipeline that writes PNG.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <sqlite3.h>

#include "wm-basemap.h"
#include "wm-bench.h"
#include "wm-mbtiles.h"
#include "wm-test-util.h"

static cairo_status_t
discard (void *closure, const unsigned char *data, unsigned int length)
{
  *(gsize *) closure += length;
  return CAIRO_STATUS_SUCCESS;
}

typedef struct {
  const guchar *data;
  gsize len, pos;
} PngReader;

static cairo_status_t
read_png (void *closure, unsigned char *data, unsigned int length)
{
  PngReader *r = closure;

  if (r->pos + length > r->len)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, r->data + r->pos, length);
  r->pos += length;
  return CAIRO_STATUS_SUCCESS;
}

int
main (int argc, char **argv)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  g_autofree char *edges = wm_test_shared_path ("povo", "rete_pedonale_povo.gpkg", NULL);
  g_autofree char *routes = wm_test_shared_path ("povo", "osm_line.geojson", NULL);
  g_autofree char *sections = wm_test_shared_path ("povo", "sezioni_povo_istat_dtm.gpkg", NULL);
  g_autofree char *district = wm_test_shared_path ("povo", "circoscrizione.geojson", NULL);
  g_autofree char *dir = wm_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "povo.mbtiles", NULL);
  g_autoptr(WmBasemap) basemap = wm_basemap_new ();
  g_autoptr(WmMbtiles) pack = NULL;
  gint64 start, tiles;
  double render_s, encode_s;
  gsize bytes = 0;
  cairo_surface_t *tile;

  g_assert_true (wm_basemap_add_source (basemap, edges, "edges", WM_BASEMAP_ROLE_ROADS, NULL));
  g_assert_true (wm_basemap_add_source (basemap, routes, NULL, WM_BASEMAP_ROLE_ROUTES, NULL));
  g_assert_true (wm_basemap_add_source (basemap, sections, NULL, WM_BASEMAP_ROLE_BOUNDARY, NULL));
  g_assert_true (wm_basemap_add_source (basemap, district, NULL, WM_BASEMAP_ROLE_ADMIN, NULL));

  start = g_get_monotonic_time ();
  g_assert_true (wm_basemap_write_mbtiles (basemap, path, 12, 17, NULL, "Povo", NULL, NULL, NULL, NULL));
  render_s = (g_get_monotonic_time () - start) / 1e6;
  pack = wm_mbtiles_open (path, NULL);
  tiles = wm_mbtiles_count_tiles (pack, NULL);

  /* The peer: encode the same tiles again, timing only the encoding. */
  encode_s = 0;
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT tile_data FROM tiles", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      PngReader reader = { sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0), 0 };

      tile = cairo_image_surface_create_from_png_stream (read_png, &reader);
      start = g_get_monotonic_time ();
      cairo_surface_write_to_png_stream (tile, discard, &bytes);
      encode_s += (g_get_monotonic_time () - start) / 1e6;
      cairo_surface_destroy (tile);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  wm_bench_report ("basemap.povo_z12_17_tiles_per_s", tiles / render_s, "tiles/s",
                   "%" G_GINT64_FORMAT " tiles in %.2f s; %.2f× the time of PNG encoding alone (%.0f tiles/s)",
                   tiles, render_s, render_s / encode_s, tiles / encode_s);
  g_clear_object (&pack);
  wm_test_rmdir (dir);
  return 0;
}
