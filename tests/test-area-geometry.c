/* test-area-geometry.c — area layers: loading, reprojection, hit-testing, bad files
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <cairo.h>
#include <gdal.h>
#include <math.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "wm-area-geometry.h"
#include "wm-map-view.h"
#include "wm-schema.h"
#include "wm-test-util.h"

typedef struct {
  char *dir;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->dir = wm_test_tmpdir ();
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  wm_test_rmdir (f->dir);
  g_free (f->dir);
}

static char *
write_text (Fixture *f, const char *name, const char *text)
{
  char *path = g_build_filename (f->dir, name, NULL);

  wm_test_write_file (path, text, -1);
  return path;
}

static gboolean
contains_lonlat (WmAreaGeometry *g, guint area, double lon, double lat)
{
  double x, y;

  wm_mercator_project (lon, lat, &x, &y);
  return wm_area_geometry_contains (g, area, x, y);
}

static int
find_lonlat (WmAreaGeometry *g, double lon, double lat)
{
  double x, y;

  wm_mercator_project (lon, lat, &x, &y);
  return wm_area_geometry_find (g, x, y);
}

/* Every one of Palermo's 2,874 sections is found by the grid index at its
 * own interior point, and at no other section's. */
static void
test_palermo (void)
{
  g_autofree char *path = wm_test_shared_path ("palermo", "sezioni_2011.geojson", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmAreaGeometry) g = wm_area_geometry_load_file (path, NULL, "sez2011", "UPL_nome", &error);
  guint n_rings, n_points;
  double x0, y0, x1, y1, lon0, lat0, lon1, lat1;

  g_assert_no_error (error);
  g_assert_cmpuint (wm_area_geometry_get_n_areas (g), ==, 2874);
  g_assert_cmpuint (wm_area_geometry_get_warnings (g)->len, ==, 0);
  /* the first feature of the file */
  g_assert_cmpstr (wm_area_geometry_get_code (g, 0), ==, "820530002770");
  g_assert_cmpstr (wm_area_geometry_get_name (g, 0), ==, "Partanna Mondello");
  g_assert_cmpint (wm_area_geometry_find_code (g, "820530002770"), ==, 0);
  g_assert_cmpint (wm_area_geometry_find_code (g, "nope"), ==, -1);
  wm_area_geometry_get_ring_points (g, &n_rings);
  wm_area_geometry_get_points (g, &n_points);
  /* 2,878 rings with 54,351 vertices in the file, each ring closed by a
   * repeated first point, which is dropped */
  g_assert_cmpuint (n_rings, ==, 2878);
  g_assert_cmpuint (n_points, ==, 54351 - 2878);

  /* ogrinfo: extent (13.242376, 38.050219) - (13.452710, 38.224684) */
  g_assert_true (wm_area_geometry_get_extent (g, &x0, &y0, &x1, &y1));
  wm_mercator_unproject (x0, y1, &lon0, &lat0);
  wm_mercator_unproject (x1, y0, &lon1, &lat1);
  g_assert_cmpfloat_with_epsilon (lon0, 13.242376, 1e-6);
  g_assert_cmpfloat_with_epsilon (lat0, 38.050219, 1e-6);
  g_assert_cmpfloat_with_epsilon (lon1, 13.452710, 1e-6);
  g_assert_cmpfloat_with_epsilon (lat1, 38.224684, 1e-6);

  for (guint a = 0; a < wm_area_geometry_get_n_areas (g); a++)
    {
      double lon, lat;

      wm_area_geometry_get_interior_point (g, a, &lon, &lat);
      g_assert_cmpint (find_lonlat (g, lon, lat), ==, (int) a);
    }
  /* the sea off Palermo, and far away */
  g_assert_cmpint (find_lonlat (g, 13.45, 38.2), ==, -1);
  g_assert_cmpint (find_lonlat (g, 9.19, 45.46), ==, -1);
}

static GBytes *
wkb_of (const char *wkt)
{
  OGRGeometryH geom = NULL;
  char *text = (char *) wkt;
  int size;
  guint8 *buf;

  g_assert_cmpint (OGR_G_CreateFromWkt (&text, NULL, &geom), ==, OGRERR_NONE);
  size = OGR_G_WkbSize (geom);
  buf = g_malloc (size);
  OGR_G_ExportToWkb (geom, wkbNDR, buf);
  OGR_G_DestroyGeometry (geom);
  return g_bytes_new_take (buf, size);
}

static void
add_wkt (WmAreaGeometry *g, gint64 id, const char *code, const char *wkt)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) wkb = wkb_of (wkt);

  g_assert_true (wm_area_geometry_add_wkb (g, id, code, NULL, g_bytes_get_data (wkb, NULL),
                                           g_bytes_get_size (wkb), &error));
  g_assert_no_error (error);
}

/* A square with a hole, an island in the hole, a two-part area. */
static void
test_wkb_holes (void)
{
  g_autoptr(WmAreaGeometry) g = wm_area_geometry_new ();
  g_autoptr(GError) error = NULL;
  double lon, lat;

  add_wkt (g, 10, "ring", "POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 1 3, 3 3, 3 1, 1 1))");
  add_wkt (g, 11, "island", "POLYGON ((1.5 1.5, 2.5 1.5, 2.5 2.5, 1.5 2.5, 1.5 1.5))");
  add_wkt (g, 12, "pair", "MULTIPOLYGON (((10 0, 11 0, 11 1, 10 1, 10 0)), ((12 0, 13 0, 13 1, 12 1, 12 0)))");
  g_assert_cmpuint (wm_area_geometry_get_n_areas (g), ==, 3);
  g_assert_cmpint (wm_area_geometry_get_id (g, 2), ==, 12);
  g_assert_cmpstr (wm_area_geometry_get_name (g, 1), ==, "island");

  g_assert_true (contains_lonlat (g, 0, 0.5, 0.5));
  g_assert_false (contains_lonlat (g, 0, 1.2, 1.2));   /* in the hole */
  g_assert_false (contains_lonlat (g, 0, 2, 2));
  g_assert_cmpint (find_lonlat (g, 0.5, 3.5), ==, 0);
  g_assert_cmpint (find_lonlat (g, 1.2, 1.2), ==, -1);
  g_assert_cmpint (find_lonlat (g, 2, 2), ==, 1);
  g_assert_cmpint (find_lonlat (g, 10.5, 0.5), ==, 2);
  g_assert_cmpint (find_lonlat (g, 12.5, 0.5), ==, 2);
  g_assert_cmpint (find_lonlat (g, 11.5, 0.5), ==, -1);

  /* the interior point of the ring is not in its hole */
  wm_area_geometry_get_interior_point (g, 0, &lon, &lat);
  g_assert_true (contains_lonlat (g, 0, lon, lat));

  g_assert_false (wm_area_geometry_add_wkb (g, 13, "junk", NULL, (const guint8 *) "nonsense", 8, &error));
  g_assert_error (error, WM_AREA_GEOMETRY_ERROR, WM_AREA_GEOMETRY_ERROR_INVALID_GEOMETRY);
  g_assert_nonnull (strstr (error->message, "junk"));
  g_clear_error (&error);
  {
    g_autoptr(GBytes) point = wkb_of ("POINT (1 1)");

    g_assert_false (wm_area_geometry_add_wkb (g, 14, "dot", NULL, g_bytes_get_data (point, NULL),
                                              g_bytes_get_size (point), &error));
    g_assert_error (error, WM_AREA_GEOMETRY_ERROR, WM_AREA_GEOMETRY_ERROR_NO_POLYGONS);
  }
  g_assert_cmpuint (wm_area_geometry_get_n_areas (g), ==, 3);
}

/* A 200 m square around UTM 32N (664000, 5103000), written as a
 * GeoPackage in EPSG:32632. Oracle for its centre:
 *   echo 664000 5103000 | gdaltransform -s_srs EPSG:32632 -t_srs EPSG:4326 -output_xy
 *   → 11.1203236374541 46.0609041783931 */
static void
test_reprojected (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "utm.gpkg", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmAreaGeometry) g = NULL;
  GDALDriverH drv;
  GDALDatasetH ds;
  OGRSpatialReferenceH srs = OSRNewSpatialReference (NULL);
  OGRLayerH layer;
  OGRFeatureH feat;
  OGRGeometryH geom = NULL;
  char *wkt = "POLYGON ((663900 5102900, 664100 5102900, 664100 5103100, 663900 5103100, 663900 5102900))";
  double x0, y0, x1, y1, lon, lat;

  GDALAllRegister ();
  drv = GDALGetDriverByName ("GPKG");
  ds = GDALCreate (drv, path, 0, 0, 0, GDT_Unknown, NULL);
  OSRImportFromEPSG (srs, 32632);
  layer = GDALDatasetCreateLayer (ds, "squares", srs, wkbPolygon, NULL);
  OGR_L_CreateField (layer, OGR_Fld_Create ("code", OFTString), TRUE);
  feat = OGR_F_Create (OGR_L_GetLayerDefn (layer));
  OGR_F_SetFieldString (feat, 0, "U1");
  OGR_G_CreateFromWkt (&wkt, srs, &geom);
  OGR_F_SetGeometryDirectly (feat, geom);
  g_assert_cmpint (OGR_L_CreateFeature (layer, feat), ==, OGRERR_NONE);
  OGR_F_Destroy (feat);
  GDALClose (ds);
  OSRDestroySpatialReference (srs);

  g = wm_area_geometry_load_file (path, NULL, "code", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wm_area_geometry_get_n_areas (g), ==, 1);
  g_assert_cmpstr (wm_area_geometry_get_code (g, 0), ==, "U1");
  g_assert_true (contains_lonlat (g, 0, 11.1203236374541, 46.0609041783931));
  g_assert_cmpint (find_lonlat (g, 11.1203236374541, 46.0609041783931), ==, 0);
  /* 200 m is about 0.0026° of longitude here: a point 0.003° off is out */
  g_assert_false (contains_lonlat (g, 0, 11.1233, 46.0609));
  wm_area_geometry_get_interior_point (g, 0, &lon, &lat);
  g_assert_cmpfloat_with_epsilon (lon, 11.1203236374541, 1e-4);
  g_assert_cmpfloat_with_epsilon (lat, 46.0609041783931, 1e-4);
  /* centre of the box = the projected centre, to a few centimetres */
  wm_area_geometry_get_extent (g, &x0, &y0, &x1, &y1);
  wm_mercator_unproject ((x0 + x1) / 2, (y0 + y1) / 2, &lon, &lat);
  g_assert_cmpfloat_with_epsilon (lon, 11.1203236374541, 1e-6);
  g_assert_cmpfloat_with_epsilon (lat, 46.0609041783931, 1e-6);
}

static void
assert_load_fails (const char *path, const char *code_field, int code, const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmAreaGeometry) g = wm_area_geometry_load_file (path, NULL, code_field, NULL, &error);

  g_assert_null (g);
  g_assert_error (error, WM_AREA_GEOMETRY_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, fragment));
  /* says what to do */
  g_assert_nonnull (strstr (error->message, " — "));
}

static void
test_bad_files (Fixture *f, gconstpointer data)
{
  g_autofree char *missing = g_build_filename (f->dir, "missing.geojson", NULL);
  g_autofree char *text = write_text (f, "notes.txt", "just some words,\nnot a map\n");
  g_autofree char *png = g_build_filename (f->dir, "picture.png", NULL);
  g_autofree char *points = write_text (f, "points.geojson",
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"properties\":{\"c\":\"a\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[11,46]}},"
    "{\"type\":\"Feature\",\"properties\":{\"c\":\"b\"},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[11,46],[12,46]]}}]}");
  g_autofree char *flat = write_text (f, "flat.geojson",
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"properties\":{\"c\":\"ok\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}},"
    "{\"type\":\"Feature\",\"properties\":{\"c\":\"flat\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,1],[2,2],[0,0]]]}}]}");
  g_autofree char *utm_csv = write_text (f, "nocrs.csv",
    "WKT,c\n\"POLYGON ((663900 5102900,664100 5102900,664100 5103100,663900 5102900))\",x\n");
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 8, 8);

  cairo_surface_write_to_png (surface, png);
  cairo_surface_destroy (surface);

  assert_load_fails (missing, NULL, WM_AREA_GEOMETRY_ERROR_NOT_FOUND, "does not exist");
  assert_load_fails (text, NULL, WM_AREA_GEOMETRY_ERROR_NOT_VECTOR, "not a map layer");
  assert_load_fails (png, NULL, WM_AREA_GEOMETRY_ERROR_NOT_VECTOR, "not a map layer");
  assert_load_fails (points, "c", WM_AREA_GEOMETRY_ERROR_NO_POLYGONS, "has no polygons");
  assert_load_fails (points, "code", WM_AREA_GEOMETRY_ERROR_NO_FIELD, "fields: c");
  /* a zero-area polygon cannot be repaired into an area */
  assert_load_fails (flat, "c", WM_AREA_GEOMETRY_ERROR_INVALID_GEOMETRY, "feature 2");
  /* no CRS and metres for coordinates */
  assert_load_fails (utm_csv, "c", WM_AREA_GEOMETRY_ERROR_CRS, "no coordinate system");
}

/* A bow-tie is repaired into its two triangles, with a warning naming the
 * feature and GEOS's reason; points and lines beside areas are left out
 * with a warning; lon/lat without a CRS is taken as such, with a warning. */
static void
test_repaired (Fixture *f, gconstpointer data)
{
  g_autofree char *bowtie = write_text (f, "bowtie.geojson",
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"properties\":{\"c\":\"dot\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[5,5]}},"
    "{\"type\":\"Feature\",\"properties\":{\"c\":\"tie\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[2,2],[2,0],[0,2],[0,0]]]}}]}");
  g_autofree char *lonlat_csv = write_text (f, "lonlat.csv",
    "WKT,c\n\"POLYGON ((11 46,11.1 46,11.1 46.1,11 46.1,11 46))\",x\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(WmAreaGeometry) g = wm_area_geometry_load_file (bowtie, NULL, "c", NULL, &error);
  g_autoptr(WmAreaGeometry) csv = NULL;
  GPtrArray *w;

  g_assert_no_error (error);
  g_assert_cmpuint (wm_area_geometry_get_n_areas (g), ==, 1);
  g_assert_cmpstr (wm_area_geometry_get_code (g, 0), ==, "tie");
  /* the left and right triangles, not the top and bottom ones */
  g_assert_true (contains_lonlat (g, 0, 0.3, 1));
  g_assert_true (contains_lonlat (g, 0, 1.7, 1));
  g_assert_false (contains_lonlat (g, 0, 1, 0.3));
  g_assert_false (contains_lonlat (g, 0, 1, 1.7));
  w = wm_area_geometry_get_warnings (g);
  g_assert_cmpuint (w->len, ==, 2);
  g_assert_nonnull (strstr (w->pdata[0], "feature 2"));
  g_assert_nonnull (strstr (w->pdata[0], "Self-intersection"));
  g_assert_nonnull (strstr (w->pdata[0], "repaired"));
  g_assert_nonnull (strstr (w->pdata[1], "1 feature is not a polygon"));

  csv = wm_area_geometry_load_file (lonlat_csv, NULL, "c", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (contains_lonlat (csv, 0, 11.05, 46.05));
  w = wm_area_geometry_get_warnings (csv);
  g_assert_cmpuint (w->len, ==, 1);
  g_assert_nonnull (strstr (w->pdata[0], "longitude and latitude"));
}

static void
exec_ok (sqlite3 *db, const char *sql)
{
  char *msg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
}

static void
insert_area (sqlite3 *db, int id, int layer, const char *code, const char *wkt, double label_lon, double label_lat)
{
  sqlite3_stmt *stmt;
  g_autoptr(GBytes) wkb = wkt != NULL ? wkb_of (wkt) : NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO area (id, layer_id, code, name, geom, label_lon, label_lat) "
                                       "VALUES (?, ?, ?, ?, ?, ?, ?)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, layer);
  sqlite3_bind_text (stmt, 3, code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, code, -1, SQLITE_STATIC);
  if (wkb != NULL)
    sqlite3_bind_blob (stmt, 5, g_bytes_get_data (wkb, NULL), g_bytes_get_size (wkb), SQLITE_TRANSIENT);
  if (!isnan (label_lon))
    {
      sqlite3_bind_double (stmt, 6, label_lon);
      sqlite3_bind_double (stmt, 7, label_lat);
    }
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

static void
test_extract (void)
{
  sqlite3 *db;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmAreaGeometry) g = NULL;
  double lon, lat;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_true (wm_schema_create (db, &error));
  exec_ok (db, "INSERT INTO area_layer VALUES (1, 'sections', 'Sections', 0, 1, NULL),"
               " (2, 'districts', 'Districts', 1, 1, NULL)");
  insert_area (db, 7, 1, "S7", "POLYGON ((11 46, 11.01 46, 11.01 46.01, 11 46.01, 11 46))", 11.002, 46.003);
  insert_area (db, 8, 1, "S8", "POLYGON ((11.01 46, 11.02 46, 11.02 46.01, 11.01 46.01, 11.01 46))", NAN, NAN);
  insert_area (db, 9, 1, "S9", NULL, NAN, NAN);   /* no boundary known */
  insert_area (db, 20, 2, "D1", "POLYGON ((11 46, 11.02 46, 11.02 46.01, 11 46))", NAN, NAN);

  g = wm_area_geometry_load_extract (db, "sections", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wm_area_geometry_get_n_areas (g), ==, 2);
  g_assert_cmpint (wm_area_geometry_get_id (g, 0), ==, 7);
  g_assert_cmpint (wm_area_geometry_get_id (g, 1), ==, 8);
  /* the extract's label point is kept */
  wm_area_geometry_get_interior_point (g, 0, &lon, &lat);
  g_assert_cmpfloat (lon, ==, 11.002);
  g_assert_cmpfloat (lat, ==, 46.003);
  wm_area_geometry_get_interior_point (g, 1, &lon, &lat);
  g_assert_true (contains_lonlat (g, 1, lon, lat));
  g_assert_cmpint (find_lonlat (g, 11.015, 46.005), ==, 1);

  g_clear_object (&g);
  g = wm_area_geometry_load_extract (db, "quartieri", &error);
  g_assert_null (g);
  g_assert_error (error, WM_AREA_GEOMETRY_ERROR, WM_AREA_GEOMETRY_ERROR_NO_POLYGONS);
  g_assert_nonnull (strstr (error->message, "quartieri"));
  sqlite3_close (db);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/area-geometry/palermo", test_palermo);
  g_test_add_func ("/area-geometry/wkb-holes", test_wkb_holes);
  g_test_add ("/area-geometry/reprojected", Fixture, NULL, fixture_setup, test_reprojected, fixture_teardown);
  g_test_add ("/area-geometry/bad-files", Fixture, NULL, fixture_setup, test_bad_files, fixture_teardown);
  g_test_add ("/area-geometry/repaired", Fixture, NULL, fixture_setup, test_repaired, fixture_teardown);
  g_test_add_func ("/area-geometry/extract", test_extract);

  return g_test_run ();
}
