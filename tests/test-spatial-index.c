/* test-spatial-index.c — point in polygon against GEOS, boundary rule
 *
 * The oracle is GEOS itself, unindexed: for every point, GEOSContains
 * against every polygon in turn (after a bounding-box check, which cannot
 * change the answer).
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <gdal.h>
#include <math.h>
#include <ogr_api.h>

#include "wm-spatial-index.h"
#include "wm-test-util.h"

/* Two unit squares side by side, the left one with a hole, and a square
 * on top of the right one:
 *
 *   y=2  +----+
 *        | 2  |
 *   y=1  +----+----+
 *        | 0  | 1  |     (hole in 0: [0.25,0.75]²)
 *   y=0  +----+----+
 *       x=0  x=1  x=2   (square 2 spans x 1..2, y 1..2)
 */
static WmSpatialIndex *
make_squares (void)
{
  WmSpatialIndex *index = wm_spatial_index_new ();
  const double left[] = { 0, 0, 1, 0, 1, 1, 0, 1, 0, 0 };
  const double hole[] = { 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75, 0.25 };
  const double right[] = { 1, 0, 2, 0, 2, 1, 1, 1 };
  const double top[] = { 1, 1, 2, 1, 2, 2, 1, 2 };

  g_assert_cmpuint (wm_spatial_index_add_polygon (index), ==, 0);
  wm_spatial_index_add_ring (index, left, 5);
  wm_spatial_index_add_ring (index, hole, 4);
  g_assert_cmpuint (wm_spatial_index_add_polygon (index), ==, 1);
  wm_spatial_index_add_ring (index, right, 4);
  g_assert_cmpuint (wm_spatial_index_add_polygon (index), ==, 2);
  wm_spatial_index_add_ring (index, top, 4);
  wm_spatial_index_build (index);
  return index;
}

static void
test_squares (void)
{
  g_autoptr(WmSpatialIndex) index = make_squares ();
  guint n = 0;

  g_object_get (index, "n-polygons", &n, NULL);
  g_assert_cmpuint (n, ==, 3);

  g_assert_cmpint (wm_spatial_index_locate (index, 0.1, 0.1), ==, 0);
  g_assert_cmpint (wm_spatial_index_locate (index, 1.5, 0.5), ==, 1);
  g_assert_cmpint (wm_spatial_index_locate (index, 1.5, 1.5), ==, 2);
  /* in the hole, and outside everything */
  g_assert_cmpint (wm_spatial_index_locate (index, 0.5, 0.5), ==, -1);
  g_assert_cmpint (wm_spatial_index_locate (index, 0.5, 1.5), ==, -1);
  g_assert_cmpint (wm_spatial_index_locate (index, -1, 0.5), ==, -1);
  g_assert_cmpint (wm_spatial_index_locate (index, 3, 3), ==, -1);
  g_assert_cmpint (wm_spatial_index_locate (index, NAN, 0.5), ==, -1);

  /* The rule: a polygon owns its west and south edges. On the shared
   * vertical edge x=1 the point goes east (to 1), on the shared
   * horizontal edge y=1 (x in 1..2) north (to 2). */
  g_assert_cmpint (wm_spatial_index_locate (index, 1, 0.5), ==, 1);
  g_assert_cmpint (wm_spatial_index_locate (index, 1.5, 1), ==, 2);
  /* west and south outer edges are inside, east and north ones are not */
  g_assert_cmpint (wm_spatial_index_locate (index, 0, 0.1), ==, 0);
  g_assert_cmpint (wm_spatial_index_locate (index, 0.1, 0), ==, 0);
  g_assert_cmpint (wm_spatial_index_locate (index, 2, 0.5), ==, -1);
  g_assert_cmpint (wm_spatial_index_locate (index, 1.5, 2), ==, -1);
  /* the hole's edges: its west edge belongs to the hole (outside 0),
   * its east edge to the polygon */
  g_assert_cmpint (wm_spatial_index_locate (index, 0.25, 0.5), ==, -1);
  g_assert_cmpint (wm_spatial_index_locate (index, 0.75, 0.5), ==, 0);
  /* the corner shared by all three: east-and-north wins */
  g_assert_cmpint (wm_spatial_index_locate (index, 1, 1), ==, 2);
}

/* The unit square cut along its diagonal: 0 above it, 1 below. Points one
 * unit in the last place off the diagonal are where floating-point
 * evaluation goes wrong and the exact fallback decides. */
static void
test_near_edge (void)
{
  g_autoptr(WmSpatialIndex) index = wm_spatial_index_new ();
  const double upper[] = { 0, 0, 1, 1, 0, 1 };
  const double lower[] = { 0, 0, 1, 0, 1, 1 };

  wm_spatial_index_add_polygon (index);
  wm_spatial_index_add_ring (index, upper, 3);
  wm_spatial_index_add_polygon (index);
  wm_spatial_index_add_ring (index, lower, 3);
  wm_spatial_index_build (index);

  for (int i = 1; i < 1000; i++)
    {
      double x = i / 1000.0 + 1e-7 * (i % 7);

      g_assert_cmpint (wm_spatial_index_locate (index, x, nextafter (x, 2)), ==, 0);
      g_assert_cmpint (wm_spatial_index_locate (index, x, nextafter (x, -1)), ==, 1);
      /* on the diagonal: east of it is the lower triangle */
      g_assert_cmpint (wm_spatial_index_locate (index, x, x), ==, 1);
    }
}

static void
test_bad_input (void)
{
  g_autoptr(WmSpatialIndex) index = wm_spatial_index_new ();
  g_autoptr(GError) error = NULL;
  GEOSContextHandle_t ctx = GEOS_init_r ();
  GEOSWKTReader *reader = GEOSWKTReader_create_r (ctx);
  GEOSGeometry *line = GEOSWKTReader_read_r (ctx, reader, "LINESTRING (0 0, 1 1)");
  const guint8 garbage[] = { 1, 3, 0, 0, 0, 9, 9 };
  guint i = 99;

  g_assert_false (wm_spatial_index_add_geos (index, ctx, line, &i, &error));
  g_assert_error (error, WM_SPATIAL_INDEX_ERROR, WM_SPATIAL_INDEX_ERROR_NOT_POLYGON);
  g_assert_cmpuint (i, ==, 99);
  g_clear_error (&error);
  g_assert_false (wm_spatial_index_add_wkb (index, garbage, sizeof garbage, &i, &error));
  g_assert_error (error, WM_SPATIAL_INDEX_ERROR, WM_SPATIAL_INDEX_ERROR_BAD_WKB);

  /* An index with nothing in it answers "nowhere". */
  wm_spatial_index_build (index);
  g_assert_cmpuint (wm_spatial_index_get_n_polygons (index), ==, 0);
  g_assert_cmpint (wm_spatial_index_locate (index, 0, 0), ==, -1);

  GEOSGeom_destroy_r (ctx, line);
  GEOSWKTReader_destroy_r (ctx, reader);
  GEOS_finish_r (ctx);
}

typedef struct {
  GEOSContextHandle_t ctx;
  GPtrArray *geoms;             /* GEOSGeometry */
  GArray *envelopes;            /* 4 doubles each */
  WmSpatialIndex *index;
  double bbox[4];
} Sections;

static void
sections_load (Sections *s)
{
  g_autofree char *path = wm_test_shared_path ("palermo", "sezioni_2011.geojson", NULL);
  GDALDatasetH ds;
  OGRLayerH layer;
  OGRFeatureH feature;
  GEOSWKBReader *reader;

  GDALAllRegister ();
  s->ctx = GEOS_init_r ();
  s->geoms = g_ptr_array_new ();
  s->envelopes = g_array_new (FALSE, FALSE, sizeof (double) * 4);
  s->index = wm_spatial_index_new ();
  s->bbox[0] = s->bbox[1] = G_MAXDOUBLE;
  s->bbox[2] = s->bbox[3] = -G_MAXDOUBLE;
  reader = GEOSWKBReader_create_r (s->ctx);

  ds = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  g_assert_nonnull (ds);
  layer = GDALDatasetGetLayer (ds, 0);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      OGRGeometryH g = OGR_F_GetGeometryRef (feature);
      gsize len = OGR_G_WkbSize (g);
      g_autofree guint8 *wkb = g_malloc (len);
      GEOSGeometry *geom;
      OGREnvelope env;
      double e[4];
      guint i;

      OGR_G_ExportToWkb (g, wkbNDR, wkb);
      geom = GEOSWKBReader_read_r (s->ctx, reader, wkb, len);
      g_assert_nonnull (geom);
      g_assert_true (wm_spatial_index_add_wkb (s->index, wkb, len, &i, NULL));
      g_assert_cmpuint (i, ==, s->geoms->len);
      g_ptr_array_add (s->geoms, geom);
      OGR_G_GetEnvelope (g, &env);
      e[0] = env.MinX; e[1] = env.MinY; e[2] = env.MaxX; e[3] = env.MaxY;
      g_array_append_val (s->envelopes, e);
      s->bbox[0] = MIN (s->bbox[0], env.MinX);
      s->bbox[1] = MIN (s->bbox[1], env.MinY);
      s->bbox[2] = MAX (s->bbox[2], env.MaxX);
      s->bbox[3] = MAX (s->bbox[3], env.MaxY);
      OGR_F_Destroy (feature);
    }
  GDALClose (ds);
  GEOSWKBReader_destroy_r (s->ctx, reader);
  wm_spatial_index_build (s->index);
  g_assert_cmpuint (s->geoms->len, ==, 2874);
}

static void
sections_free (Sections *s)
{
  for (guint i = 0; i < s->geoms->len; i++)
    GEOSGeom_destroy_r (s->ctx, g_ptr_array_index (s->geoms, i));
  g_ptr_array_unref (s->geoms);
  g_array_unref (s->envelopes);
  g_object_unref (s->index);
  GEOS_finish_r (s->ctx);
}

/* The oracle: every polygon that contains (strictly) or covers the point. */
static void
brute_force (Sections *s,
             double    x,
             double    y,
             GArray   *contains,
             GArray   *covers)
{
  GEOSGeometry *pt = GEOSGeom_createPointFromXY_r (s->ctx, x, y);

  g_array_set_size (contains, 0);
  g_array_set_size (covers, 0);
  for (guint i = 0; i < s->geoms->len; i++)
    {
      const double *e = &g_array_index (s->envelopes, double, 4 * i);
      const GEOSGeometry *g = g_ptr_array_index (s->geoms, i);
      int j = (int) i;

      if (x < e[0] || x > e[2] || y < e[1] || y > e[3])
        continue;
      if (GEOSContains_r (s->ctx, g, pt) == 1)
        g_array_append_val (contains, j);
      if (GEOSCovers_r (s->ctx, g, pt) == 1)
        g_array_append_val (covers, j);
    }
  GEOSGeom_destroy_r (s->ctx, pt);
}

static gboolean
array_has (GArray *a,
           int     v)
{
  for (guint i = 0; i < a->len; i++)
    if (g_array_index (a, int, i) == v)
      return TRUE;
  return FALSE;
}

static void
test_palermo_random (void)
{
  Sections s;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20111009);
  g_autoptr(GArray) contains = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) covers = g_array_new (FALSE, FALSE, sizeof (int));
  guint inside = 0, outside = 0;

  sections_load (&s);
  for (int n = 0; n < 10000; n++)
    {
      double x = g_rand_double_range (rand, s.bbox[0], s.bbox[2]);
      double y = g_rand_double_range (rand, s.bbox[1], s.bbox[3]);
      int got = wm_spatial_index_locate (s.index, x, y);

      brute_force (&s, x, y, contains, covers);
      /* Sections do not overlap: never two strict containers. */
      g_assert_cmpuint (contains->len, <=, 1);
      if (contains->len == 1)
        {
          g_assert_cmpint (got, ==, g_array_index (contains, int, 0));
          inside++;
        }
      else
        {
          /* On a boundary we may pick one of the covering sections;
           * elsewhere there is nothing to pick. */
          g_assert_true (got == -1 || array_has (covers, got));
          outside += got == -1;
        }
    }
  /* The city's sections cover about a third of their bounding box (the
   * rest is sea and neighbouring comuni): both branches were exercised. */
  g_assert_cmpuint (inside, >, 2000);
  g_assert_cmpuint (outside, >, 2000);
  sections_free (&s);
}

/* Points exactly on boundaries: every vertex and edge midpoint of the
 * first 300 sections. A point covered by two or more sections (a shared
 * edge) must go to exactly one of them; one covered by a single section
 * goes to it or nowhere (its east/north edge); a vertex goes to a
 * covering section or nowhere. */
static void
test_palermo_shared_edges (void)
{
  Sections s;
  g_autoptr(GArray) contains = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) covers = g_array_new (FALSE, FALSE, sizeof (int));
  guint shared = 0, assigned = 0;

  sections_load (&s);
  for (guint i = 0; i < 300; i++)
    {
      const GEOSGeometry *g = g_ptr_array_index (s.geoms, i);
      const GEOSGeometry *part = GEOSGetGeometryN_r (s.ctx, g, 0);
      const GEOSGeometry *ring = GEOSGetExteriorRing_r (s.ctx, part);
      const GEOSCoordSequence *seq = GEOSGeom_getCoordSeq_r (s.ctx, ring);
      unsigned int size;

      GEOSCoordSeq_getSize_r (s.ctx, seq, &size);
      for (unsigned int k = 0; k + 1 < size; k++)
        {
          double x0, y0, x1, y1;

          GEOSCoordSeq_getXY_r (s.ctx, seq, k, &x0, &y0);
          GEOSCoordSeq_getXY_r (s.ctx, seq, k + 1, &x1, &y1);
          for (int which = 0; which < 2; which++)
            {
              double x = which == 0 ? x0 : (x0 + x1) / 2;
              double y = which == 0 ? y0 : (y0 + y1) / 2;
              int got = wm_spatial_index_locate (s.index, x, y);

              g_assert_cmpint (got, ==, wm_spatial_index_locate (s.index, x, y));
              brute_force (&s, x, y, contains, covers);
              if (contains->len == 1)
                g_assert_cmpint (got, ==, g_array_index (contains, int, 0));
              else
                g_assert_true (got == -1 || array_has (covers, got));
              if (which == 1 && contains->len == 0 && covers->len == 2)
                {
                  shared++;
                  assigned += got != -1;
                }
            }
        }
    }
  /* Sections that share an edge share its vertices exactly in ISTAT's
   * boundaries, so no point on a shared edge is lost. */
  g_assert_cmpuint (shared, >, 700);
  g_assert_cmpuint (assigned, ==, shared);
  sections_free (&s);
}

static void
test_locate_many (void)
{
  g_autoptr(WmSpatialIndex) index = make_squares ();
  const double xy[] = { 0.1, 0.1, 1.5, 0.5, 0.5, 0.5, 1.5, 1.5 };
  int out[4];

  wm_spatial_index_locate_many (index, xy, 4, out);
  g_assert_cmpint (out[0], ==, 0);
  g_assert_cmpint (out[1], ==, 1);
  g_assert_cmpint (out[2], ==, -1);
  g_assert_cmpint (out[3], ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/spatial-index/squares", test_squares);
  g_test_add_func ("/spatial-index/near-edge", test_near_edge);
  g_test_add_func ("/spatial-index/bad-input", test_bad_input);
  g_test_add_func ("/spatial-index/locate-many", test_locate_many);
  g_test_add_func ("/spatial-index/palermo-random", test_palermo_random);
  g_test_add_func ("/spatial-index/palermo-shared-edges", test_palermo_shared_edges);
  return g_test_run ();
}
