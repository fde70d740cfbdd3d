/* test-basemap.c — rendering an offline basemap from OpenStreetMap layers
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <gdal.h>
#include <glib/gstdio.h>
#include <math.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "wm-basemap.h"
#include "wm-mbtiles.h"
#include "wm-test-util.h"

static WmBasemap *
povo_basemap (void)
{
  g_autofree char *edges = wm_test_shared_path ("povo", "rete_pedonale_povo.gpkg", NULL);
  g_autofree char *district = wm_test_shared_path ("povo", "circoscrizione.geojson", NULL);
  g_autoptr(GError) error = NULL;
  WmBasemap *basemap = wm_basemap_new ();

  g_assert_true (wm_basemap_add_source (basemap, edges, "edges", WM_BASEMAP_ROLE_ROADS, &error));
  g_assert_no_error (error);
  g_assert_true (wm_basemap_add_source (basemap, district, NULL, WM_BASEMAP_ROLE_ADMIN, &error));
  g_assert_no_error (error);
  return basemap;
}

/* Slippy-map tile maths written out here, independent of wm-mercator.h. */
static void
lonlat_to_tile_pixel (double lon, double lat, int zoom, int *tx, int *ty, int *px, int *py)
{
  double n = pow (2, zoom), r = lat * M_PI / 180;
  double x = (lon + 180) / 360 * n;
  double y = (1 - asinh (tan (r)) / M_PI) / 2 * n;

  *tx = (int) x;
  *ty = (int) y;
  *px = (int) ((x - *tx) * 256);
  *py = (int) ((y - *ty) * 256);
}

/* A known secondary road of Povo, read straight from the data. */
static void
secondary_road_midpoint (double *lon, double *lat)
{
  g_autofree char *path = wm_test_shared_path ("povo", "rete_pedonale_povo.gpkg", NULL);
  GDALDatasetH ds;
  OGRLayerH layer;
  OGRFeatureH feature;
  OGRGeometryH geom;
  OGRSpatialReferenceH wgs84 = OSRNewSpatialReference (NULL);
  OGRCoordinateTransformationH ct;
  double x, y;

  GDALAllRegister ();
  ds = GDALOpenEx (path, GDAL_OF_VECTOR, NULL, NULL, NULL);
  g_assert_nonnull (ds);
  layer = GDALDatasetGetLayerByName (ds, "edges");
  OGR_L_SetAttributeFilter (layer, "highway = 'secondary' AND length > 150");
  feature = OGR_L_GetNextFeature (layer);
  g_assert_nonnull (feature);
  geom = OGR_G_Clone (OGR_F_GetGeometryRef (feature));
  OSRImportFromEPSG (wgs84, 4326);
  OSRSetAxisMappingStrategy (wgs84, OAMS_TRADITIONAL_GIS_ORDER);
  {
    OGRSpatialReferenceH from = OSRClone (OGR_L_GetSpatialRef (layer));

    OSRSetAxisMappingStrategy (from, OAMS_TRADITIONAL_GIS_ORDER);
    ct = OCTNewCoordinateTransformation (from, wgs84);
    OSRDestroySpatialReference (from);
  }
  g_assert_cmpint (OGR_G_Transform (geom, ct), ==, OGRERR_NONE);
  /* The middle vertex lies on the road's centre line. */
  x = OGR_G_GetX (geom, OGR_G_GetPointCount (geom) / 2);
  y = OGR_G_GetY (geom, OGR_G_GetPointCount (geom) / 2);
  *lon = x;
  *lat = y;
  OCTDestroyCoordinateTransformation (ct);
  OSRDestroySpatialReference (wgs84);
  OGR_G_DestroyGeometry (geom);
  OGR_F_Destroy (feature);
  GDALClose (ds);
}

static guint32
pixel (cairo_surface_t *s, int x, int y)
{
  const guchar *data = cairo_image_surface_get_data (s);
  int stride = cairo_image_surface_get_stride (s);

  return *(const guint32 *) (data + y * stride + x * 4) & 0xffffff;
}

static void
test_road_pixels (void)
{
  g_autoptr(WmBasemap) basemap = povo_basemap ();
  double lon, lat;
  int tx, ty, px, py;
  cairo_surface_t *tile;
  guint32 at_road;
  const WmBasemapStyle *secondary = wm_basemap_style_get (WM_BASEMAP_KIND_SECONDARY);

  secondary_road_midpoint (&lon, &lat);
  lonlat_to_tile_pixel (lon, lat, 17, &tx, &ty, &px, &py);
  tile = wm_basemap_render_tile (basemap, 17, tx, ty);
  cairo_surface_flush (tile);
  at_road = pixel (tile, px, py);
  g_test_message ("road at tile 17/%d/%d pixel (%d, %d): #%06x", tx, ty, px, py, at_road);
  /* The secondary road's fill colour, give or take antialiasing. */
  g_assert_cmpint (ABS ((int) (at_road >> 16) - (int) (secondary->fill >> 16)), <=, 6);
  g_assert_cmpint (ABS ((int) ((at_road >> 8) & 0xff) - (int) ((secondary->fill >> 8) & 0xff)), <=, 6);
  g_assert_cmpint (ABS ((int) (at_road & 0xff) - (int) (secondary->fill & 0xff)), <=, 6);
  cairo_surface_destroy (tile);
}

static void
test_empty_tile_is_ground (void)
{
  g_autoptr(WmBasemap) basemap = povo_basemap ();
  int tx, ty, px, py;
  cairo_surface_t *tile;

  /* Rome: no Povo street anywhere near. */
  lonlat_to_tile_pixel (12.4964, 41.9028, 15, &tx, &ty, &px, &py);
  tile = wm_basemap_render_tile (basemap, 15, tx, ty);
  cairo_surface_flush (tile);
  for (int y = 0; y < 256; y += 17)
    for (int x = 0; x < 256; x += 13)
      g_assert_cmphex (pixel (tile, x, y), ==, WM_BASEMAP_BACKGROUND);
  cairo_surface_destroy (tile);
}

static void
test_write_pack (void)
{
  g_autoptr(WmBasemap) basemap = povo_basemap ();
  g_autofree char *dir = wm_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "povo.mbtiles", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmMbtiles) pack = NULL;
  double w, s, e, n, bounds[4];
  int tx, ty, px, py;

  g_assert_true (wm_basemap_get_bounds (basemap, &w, &s, &e, &n));
  /* Povo lies around 11.15 E, 46.06 N. */
  g_assert_cmpfloat (w, >, 11.10);
  g_assert_cmpfloat (e, <, 11.25);
  g_assert_cmpfloat (s, >, 46.00);
  g_assert_cmpfloat (n, <, 46.12);

  g_assert_true (wm_basemap_write_mbtiles (basemap, path, 12, 14, NULL, "Povo", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  pack = wm_mbtiles_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wm_mbtiles_get_min_zoom (pack), ==, 12);
  g_assert_cmpint (wm_mbtiles_get_max_zoom (pack), ==, 14);
  g_assert_cmpstr (wm_mbtiles_get_attribution (pack), ==, "© OpenStreetMap contributors");
  g_assert_true (wm_mbtiles_get_bounds (pack, &bounds[0], &bounds[1], &bounds[2], &bounds[3]));
  /* The pack's bounds are the data's; the ground around it is padded. */
  g_assert_cmpfloat_with_epsilon (bounds[0], w, 1e-5);
  g_assert_cmpfloat_with_epsilon (bounds[3], n, 1e-5);
  g_assert_cmpint (wm_mbtiles_count_tiles (pack, NULL), ==,
                   wm_basemap_count_tiles (bounds, 12, 14, WM_BASEMAP_PAD_TILES));
  g_assert_cmpint (wm_basemap_count_tiles (bounds, 12, 14, WM_BASEMAP_PAD_TILES), >,
                   wm_basemap_count_tiles (bounds, 12, 14, 0));

  /* The tile over Povo's centre is a real 256 × 256 PNG. */
  lonlat_to_tile_pixel (11.155, 46.066, 14, &tx, &ty, &px, &py);
  {
    g_autoptr(GBytes) png = wm_mbtiles_get_tile (pack, tx, ty, 14, &error);
    g_autofree char *tile_path = g_build_filename (dir, "tile.png", NULL);
    cairo_surface_t *img;

    g_assert_no_error (error);
    g_assert_nonnull (png);
    wm_test_write_file (tile_path, g_bytes_get_data (png, NULL), g_bytes_get_size (png));
    img = cairo_image_surface_create_from_png (tile_path);
    g_assert_cmpint (cairo_surface_status (img), ==, CAIRO_STATUS_SUCCESS);
    g_assert_cmpint (cairo_image_surface_get_width (img), ==, 256);
    g_assert_cmpint (cairo_image_surface_get_height (img), ==, 256);
    cairo_surface_destroy (img);
  }
  g_clear_object (&pack);
  wm_test_rmdir (dir);
}

static void
cancel_at_first (guint done, guint total, gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

/* A run that fails half-way leaves the previous pack as it was, and no
 * temporary file behind. */
static void
test_failed_run_keeps_old_pack (void)
{
  g_autoptr(WmBasemap) basemap = povo_basemap ();
  g_autofree char *dir = wm_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "povo.mbtiles", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GDir) listing = NULL;
  guint files = 0;

  wm_test_write_file (path, "the previous basemap", -1);
  g_assert_false (wm_basemap_write_mbtiles (basemap, path, 12, 16, NULL, "Povo",
                                            cancel_at_first, cancellable, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "the previous basemap");
  listing = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (listing) != NULL)
    files++;
  g_assert_cmpuint (files, ==, 1);
  wm_test_rmdir (dir);
}

static void
test_bad_sources (void)
{
  g_autoptr(WmBasemap) basemap = wm_basemap_new ();
  g_autofree char *dir = wm_test_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "missing.gpkg", NULL);
  g_autofree char *text = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *points = g_build_filename (dir, "points.geojson", NULL);
  g_autofree char *edges = wm_test_shared_path ("povo", "rete_pedonale_povo.gpkg", NULL);
  g_autofree char *bad_role = g_strdup_printf ("rivers=%s", edges);
  g_autofree char *bad_layer = g_strdup_printf ("%s:no_such_layer", edges);
  g_autoptr(GError) error = NULL;

  g_assert_false (wm_basemap_add_source (basemap, missing, NULL, WM_BASEMAP_ROLE_AUTO, &error));
  g_assert_error (error, WM_BASEMAP_ERROR, WM_BASEMAP_ERROR_SOURCE);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  wm_test_write_file (text, "just a note, no geometry here", -1);
  g_assert_false (wm_basemap_add_source (basemap, text, NULL, WM_BASEMAP_ROLE_AUTO, &error));
  g_assert_error (error, WM_BASEMAP_ERROR, WM_BASEMAP_ERROR_SOURCE);
  g_assert_nonnull (strstr (error->message, "not a vector data file"));
  g_clear_error (&error);

  wm_test_write_file (points,
                      "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},"
                      "\"geometry\":{\"type\":\"Point\",\"coordinates\":[11.15,46.06]}}]}", -1);
  g_assert_false (wm_basemap_add_source (basemap, points, NULL, WM_BASEMAP_ROLE_AUTO, &error));
  g_assert_error (error, WM_BASEMAP_ERROR, WM_BASEMAP_ERROR_NO_FEATURES);
  g_clear_error (&error);

  g_assert_false (wm_basemap_add_source_spec (basemap, bad_role, &error));
  g_assert_nonnull (strstr (error->message, "unknown role “rivers”"));
  g_clear_error (&error);

  g_assert_false (wm_basemap_add_source_spec (basemap, bad_layer, &error));
  g_assert_nonnull (strstr (error->message, "no layer “no_such_layer”"));
  g_clear_error (&error);

  /* Nothing loaded, nothing to draw. */
  g_assert_cmpuint (wm_basemap_get_n_features (basemap), ==, 0);
  g_assert_false (wm_basemap_write_mbtiles (basemap, points, 12, 13, NULL, "x", NULL, NULL, NULL, &error));
  g_assert_error (error, WM_BASEMAP_ERROR, WM_BASEMAP_ERROR_NO_FEATURES);
  wm_test_rmdir (dir);
}

static void
test_bad_ranges (void)
{
  g_autoptr(WmBasemap) basemap = povo_basemap ();
  g_autofree char *dir = wm_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "x.mbtiles", NULL);
  g_autofree char *nowhere = g_build_filename (dir, "no", "such", "folder", "x.mbtiles", NULL);
  const double italy[4] = { 6.6, 36.6, 18.5, 47.1 };
  g_autoptr(GError) error = NULL;

  g_assert_false (wm_basemap_write_mbtiles (basemap, path, 15, 12, NULL, "x", NULL, NULL, NULL, &error));
  g_assert_error (error, WM_BASEMAP_ERROR, WM_BASEMAP_ERROR_ZOOM);
  g_clear_error (&error);
  g_assert_false (wm_basemap_write_mbtiles (basemap, path, 12, 18, italy, "x", NULL, NULL, NULL, &error));
  g_assert_error (error, WM_BASEMAP_ERROR, WM_BASEMAP_ERROR_TOO_MANY_TILES);
  g_clear_error (&error);
  g_assert_false (wm_basemap_write_mbtiles (basemap, nowhere, 12, 12, NULL, "x", NULL, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, nowhere));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  wm_test_rmdir (dir);
}

static void
test_classify (void)
{
  g_assert_cmpint (wm_basemap_classify_highway ("secondary"), ==, WM_BASEMAP_KIND_SECONDARY);
  /* OSMnx's merged ways count as their most important class. */
  g_assert_cmpint (wm_basemap_classify_highway ("['footway', 'residential']"), ==, WM_BASEMAP_KIND_MINOR);
  g_assert_cmpint (wm_basemap_classify_highway ("['service', 'trunk']"), ==, WM_BASEMAP_KIND_MOTORWAY);
  g_assert_cmpint (wm_basemap_classify_highway ("proposed"), ==, WM_BASEMAP_KIND_NONE);
  g_assert_cmpint (wm_basemap_classify_highway (NULL), ==, WM_BASEMAP_KIND_NONE);
  g_assert_cmpint (wm_basemap_classify_route ("train"), ==, WM_BASEMAP_KIND_RAIL);
  g_assert_cmpint (wm_basemap_classify_route ("hiking"), ==, WM_BASEMAP_KIND_HIKING);
  g_assert_cmpint (wm_basemap_classify_route ("bus"), ==, WM_BASEMAP_KIND_NONE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/basemap/road-pixels", test_road_pixels);
  g_test_add_func ("/basemap/empty-tile-is-ground", test_empty_tile_is_ground);
  g_test_add_func ("/basemap/write-pack", test_write_pack);
  g_test_add_func ("/basemap/failed-run-keeps-old-pack", test_failed_run_keeps_old_pack);
  g_test_add_func ("/basemap/bad-sources", test_bad_sources);
  g_test_add_func ("/basemap/bad-ranges", test_bad_ranges);
  g_test_add_func ("/basemap/classify", test_classify);

  return g_test_run ();
}
