/* bench-spatial-index.c — assigning 600 k points to Palermo's sections
 *
 * Peers, on the same points in the same run:
 * - spatialite (the `spatialite` CLI of Debian's spatialite-bin): ST_Within
 *   filtered through the R*Tree SpatialIndex of the sections table — what a
 *   GIS analyst would write;
 * - GEOS's STRtree with prepared geometries, the obvious C alternative.
 * The points are uniform over the sections' bounding box (about a third
 * fall inside a section), written for spatialite by ogr2ogr.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <gdal.h>
#include <geos_c.h>
#include <ogr_api.h>
#include <stdio.h>

#include "wm-bench.h"
#include "wm-spatial-index.h"
#include "wm-test-util.h"

#define N_POINTS 600000

typedef struct {
  GEOSContextHandle_t ctx;
  GPtrArray *geoms;
  GPtrArray *prepared;
  double bbox[4];
  double *xy;
  int *ours;
  int *geos;
  WmSpatialIndex *index;
  GEOSSTRtree *tree;
} Bench;

static void
load_sections (Bench *b, const char *path)
{
  GDALDatasetH ds = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  GEOSWKBReader *reader = GEOSWKBReader_create_r (b->ctx);
  OGRFeatureH feature;
  OGRLayerH layer;

  g_assert_nonnull (ds);
  layer = GDALDatasetGetLayer (ds, 0);
  b->bbox[0] = b->bbox[1] = G_MAXDOUBLE;
  b->bbox[2] = b->bbox[3] = -G_MAXDOUBLE;
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      OGRGeometryH g = OGR_F_GetGeometryRef (feature);
      gsize len = OGR_G_WkbSize (g);
      g_autofree guint8 *wkb = g_malloc (len);
      OGREnvelope env;

      OGR_G_ExportToWkb (g, wkbNDR, wkb);
      g_ptr_array_add (b->geoms, GEOSWKBReader_read_r (b->ctx, reader, wkb, len));
      OGR_G_GetEnvelope (g, &env);
      b->bbox[0] = MIN (b->bbox[0], env.MinX);
      b->bbox[1] = MIN (b->bbox[1], env.MinY);
      b->bbox[2] = MAX (b->bbox[2], env.MaxX);
      b->bbox[3] = MAX (b->bbox[3], env.MaxY);
      OGR_F_Destroy (feature);
    }
  GEOSWKBReader_destroy_r (b->ctx, reader);
  GDALClose (ds);
}

static void
run_ours (gpointer data)
{
  Bench *b = data;

  g_clear_object (&b->index);
  b->index = wm_spatial_index_new ();
  for (guint i = 0; i < b->geoms->len; i++)
    wm_spatial_index_add_geos (b->index, b->ctx, g_ptr_array_index (b->geoms, i), NULL, NULL);
  wm_spatial_index_build (b->index);
  wm_spatial_index_locate_many (b->index, b->xy, N_POINTS, b->ours);
}

typedef struct {
  Bench *b;
  const GEOSGeometry *point;
  int found;
} Query;

static void
strtree_hit (void *item, void *data)
{
  Query *q = data;
  guint i = GPOINTER_TO_UINT (item) - 1;

  if (q->found < 0 && GEOSPreparedContains_r (q->b->ctx, g_ptr_array_index (q->b->prepared, i), q->point))
    q->found = (int) i;
}

static void
free_prepared (Bench *b)
{
  for (guint i = 0; b->prepared != NULL && i < b->prepared->len; i++)
    GEOSPreparedGeom_destroy_r (b->ctx, g_ptr_array_index (b->prepared, i));
  g_clear_pointer (&b->prepared, g_ptr_array_unref);
}

static void
run_geos (gpointer data)
{
  Bench *b = data;

  free_prepared (b);
  if (b->tree != NULL)
    GEOSSTRtree_destroy_r (b->ctx, b->tree);
  b->prepared = g_ptr_array_new ();
  b->tree = GEOSSTRtree_create_r (b->ctx, 10);
  for (guint i = 0; i < b->geoms->len; i++)
    {
      const GEOSGeometry *g = g_ptr_array_index (b->geoms, i);

      g_ptr_array_add (b->prepared, (gpointer) GEOSPrepare_r (b->ctx, g));
      GEOSSTRtree_insert_r (b->ctx, b->tree, g, GUINT_TO_POINTER (i + 1));
    }
  for (gsize n = 0; n < N_POINTS; n++)
    {
      GEOSGeometry *pt = GEOSGeom_createPointFromXY_r (b->ctx, b->xy[2 * n], b->xy[2 * n + 1]);
      Query q = { b, pt, -1 };

      GEOSSTRtree_query_r (b->ctx, b->tree, pt, strtree_hit, &q);
      b->geos[n] = q.found;
      GEOSGeom_destroy_r (b->ctx, pt);
    }
}

static gboolean
run_command (const char *const *argv, char **out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, out, &err, &status, &error) ||
      !g_spawn_check_wait_status (status, NULL))
    {
      g_printerr ("%s failed: %s %s\n", argv[0], error ? error->message : "", err ? err : "");
      return FALSE;
    }
  return TRUE;
}

/* The same points, in a spatialite database next to the sections. */
static gboolean
prepare_spatialite (Bench *b, const char *dir, const char *sections, char **db_out)
{
  g_autofree char *db = g_build_filename (dir, "bench.sqlite", NULL);
  g_autofree char *csv = g_build_filename (dir, "points.csv", NULL);
  GString *text = g_string_sized_new (N_POINTS * 40);
  const char *load_sections[] = { "ogr2ogr", "-f", "SQLite", "-dsco", "SPATIALITE=YES", db, sections,
                                  "-nln", "sez", "-lco", "SPATIAL_INDEX=YES", NULL };
  const char *load_points[] = { "ogr2ogr", "-update", "-f", "SQLite", db, csv, "-nln", "pts",
                                "-oo", "X_POSSIBLE_NAMES=x", "-oo", "Y_POSSIBLE_NAMES=y",
                                "-a_srs", "EPSG:4326", "-lco", "SPATIAL_INDEX=NO", NULL };

  g_string_append (text, "id,x,y\n");
  for (gsize n = 0; n < N_POINTS; n++)
    g_string_append_printf (text, "%" G_GSIZE_FORMAT ",%.17g,%.17g\n", n, b->xy[2 * n], b->xy[2 * n + 1]);
  g_file_set_contents (csv, text->str, text->len, NULL);
  g_string_free (text, TRUE);

  if (!run_command (load_sections, NULL) || !run_command (load_points, NULL))
    return FALSE;
  *db_out = g_steal_pointer (&db);
  return TRUE;
}

typedef struct {
  const char *db;
  gint64 matched;
} Spatialite;

static void
run_spatialite (gpointer data)
{
  Spatialite *s = data;
  g_autofree char *out = NULL;
  const char *argv[] = {
    "spatialite", "-bail", s->db,
    "SELECT count(*) FROM pts AS p, sez AS s"
    " WHERE ST_Within(p.GEOMETRY, s.GEOMETRY)"
    " AND s.ROWID IN (SELECT ROWID FROM SpatialIndex"
    "   WHERE f_table_name = 'sez' AND search_frame = p.GEOMETRY);",
    NULL
  };

  s->matched = run_command (argv, &out) ? g_ascii_strtoll (out, NULL, 10) : -1;
}

int
main (int argc, char **argv)
{
  g_autofree char *sections = wm_test_shared_path ("palermo", "sezioni_2011.geojson", NULL);
  g_autofree char *dir = wm_test_tmpdir ();
  g_autofree char *db = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (600000);
  Bench b = { 0 };
  Spatialite s = { 0 };
  double t_ours, t_geos, t_spatialite;
  gsize inside = 0, differ = 0;

  GDALAllRegister ();
  b.ctx = GEOS_init_r ();
  b.geoms = g_ptr_array_new ();
  load_sections (&b, sections);
  b.xy = g_new (double, 2 * N_POINTS);
  b.ours = g_new (int, N_POINTS);
  b.geos = g_new (int, N_POINTS);
  for (gsize n = 0; n < N_POINTS; n++)
    {
      b.xy[2 * n] = g_rand_double_range (rand, b.bbox[0], b.bbox[2]);
      b.xy[2 * n + 1] = g_rand_double_range (rand, b.bbox[1], b.bbox[3]);
    }

  /* Index building is included in every figure: the importer builds once
   * per import, so it is part of the job. */
  t_ours = wm_bench_best_of (3, run_ours, &b);
  t_geos = wm_bench_best_of (1, run_geos, &b);
  for (gsize n = 0; n < N_POINTS; n++)
    {
      inside += b.ours[n] >= 0;
      differ += b.ours[n] != b.geos[n];
    }

  if (!prepare_spatialite (&b, dir, sections, &db))
    return 1;
  s.db = db;
  t_spatialite = wm_bench_best_of (1, run_spatialite, &s);

  wm_bench_report ("spatial_index.points_per_s", N_POINTS / t_ours, "points/s",
                   "%u sections, %d points, %" G_GSIZE_FORMAT " inside, %.3f s",
                   b.geoms->len, N_POINTS, inside, t_ours);
  wm_bench_report ("spatial_index.speedup_vs_spatialite", t_spatialite / t_ours, "×",
                   "spatialite ST_Within + R*Tree %.1f s, %" G_GINT64_FORMAT " inside; goal ≥ 30×",
                   t_spatialite, s.matched);
  wm_bench_report ("spatial_index.speedup_vs_geos_strtree", t_geos / t_ours, "×",
                   "GEOS STRtree + prepared %.3f s, %" G_GSIZE_FORMAT " answers differ",
                   t_geos, differ);

  g_clear_object (&b.index);
  free_prepared (&b);
  if (b.tree != NULL)
    GEOSSTRtree_destroy_r (b.ctx, b.tree);
  for (guint i = 0; i < b.geoms->len; i++)
    GEOSGeom_destroy_r (b.ctx, g_ptr_array_index (b.geoms, i));
  g_ptr_array_unref (b.geoms);
  GEOS_finish_r (b.ctx);
  g_free (b.xy);
  g_free (b.ours);
  g_free (b.geos);
  wm_test_rmdir (dir);
  return 0;
}
