/* wm-synth-area.c — the polygons addresses are drawn in
 *
 * A section's polygon, or the coarser area it belongs to (Milano's NIL).
 * An address point lies beside one of the area's street edges when it has
 * any, else anywhere in it: uniformly, by drawing a triangle of the
 * polygon's constrained Delaunay triangulation in proportion to its area
 * (rejection sampling in the bounding box fails on thin multi-part
 * sections). Points are rounded to the precision they are written with
 * (1 cm, or 10⁻⁶°) before they are tested, so the point read back from the
 * file is inside the polygon too.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <math.h>

#include "wm-synth-private.h"

static void
triangulate (WmSynthWorld *w, WmSynthArea *a)
{
  GEOSGeometry *tri = GEOSConstrainedDelaunayTriangulation_r (w->geos, a->geom);
  int n = tri != NULL ? GEOSGetNumGeometries_r (w->geos, tri) : 0;
  double total = 0;

  a->triangles = g_new (double, 6 * (gsize) MAX (n, 1));
  a->cumulative = g_new (double, MAX (n, 1));
  for (int i = 0; i < n; i++)
    {
      const GEOSGeometry *t = GEOSGetGeometryN_r (w->geos, tri, i);
      const GEOSCoordSequence *seq = GEOSGetExteriorRing_r (w->geos, t) != NULL
                                       ? GEOSGeom_getCoordSeq_r (w->geos, GEOSGetExteriorRing_r (w->geos, t)) : NULL;
      double *v = a->triangles + 6 * (gsize) a->n_triangles;
      unsigned int size = 0;

      if (seq == NULL || !GEOSCoordSeq_getSize_r (w->geos, seq, &size) || size < 3)
        continue;
      for (unsigned int k = 0; k < 3; k++)
        GEOSCoordSeq_getXY_r (w->geos, seq, k, &v[2 * k], &v[2 * k + 1]);
      total += fabs ((v[2] - v[0]) * (v[5] - v[1]) - (v[4] - v[0]) * (v[3] - v[1])) / 2;
      a->cumulative[a->n_triangles++] = total;
    }
  if (tri != NULL)
    GEOSGeom_destroy_r (w->geos, tri);
}

WmSynthArea *
wm_synth_area_new (WmSynthWorld *w,
                   const char   *name,
                   GEOSGeometry *geom)
{
  WmSynthArea *a = g_new0 (WmSynthArea, 1);

  a->name = g_strdup (name);
  a->geom = geom;
  a->prepared = GEOSPrepare_r (w->geos, geom);
  GEOSGeom_getXMin_r (w->geos, geom, &a->minx);
  GEOSGeom_getYMin_r (w->geos, geom, &a->miny);
  GEOSGeom_getXMax_r (w->geos, geom, &a->maxx);
  GEOSGeom_getYMax_r (w->geos, geom, &a->maxy);
  a->edges = g_array_new (FALSE, FALSE, sizeof (WmSynthEdge));
  triangulate (w, a);
  return a;
}

void
wm_synth_area_free (WmSynthWorld *w,
                    WmSynthArea  *a)
{
  GEOSPreparedGeom_destroy_r (w->geos, a->prepared);
  GEOSGeom_destroy_r (w->geos, a->geom);
  g_array_unref (a->edges);
  g_free (a->triangles);
  g_free (a->cumulative);
  g_free (a->name);
  g_free (a);
}

gboolean
wm_synth_area_contains (WmSynthWorld *w,
                        WmSynthArea  *a,
                        double        x,
                        double        y)
{
  GEOSGeometry *pt;
  gboolean in;

  if (x < a->minx || x > a->maxx || y < a->miny || y > a->maxy)
    return FALSE;
  pt = GEOSGeom_createPointFromXY_r (w->geos, x, y);
  in = GEOSPreparedContains_r (w->geos, a->prepared, pt) == 1;
  GEOSGeom_destroy_r (w->geos, pt);
  return in;
}

/* Rounded as the files write it, and still inside. */
static gboolean
accept (WmSynthWorld *w, WmSynthArea *a, double *x, double *y)
{
  *x = round (*x / w->grid) * w->grid;
  *y = round (*y / w->grid) * w->grid;
  return wm_synth_area_contains (w, a, *x, *y);
}

static void
uniform_point (WmSynthArea *a, WmRng *rng, double *x, double *y)
{
  double r = wm_rng_double (rng) * a->cumulative[a->n_triangles - 1];
  guint lo = 0, hi = a->n_triangles - 1;
  const double *v;
  double s, t;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (a->cumulative[mid] < r)
        lo = mid + 1;
      else
        hi = mid;
    }
  v = a->triangles + 6 * (gsize) lo;
  s = sqrt (wm_rng_double (rng));
  t = wm_rng_double (rng);
  *x = v[0] * (1 - s) + v[2] * s * (1 - t) + v[4] * s * t;
  *y = v[1] * (1 - s) + v[3] * s * (1 - t) + v[5] * s * t;
}

/**
 * wm_synth_area_point:
 *
 * A point inside polygon @area: beside one of its street edges when it has
 * any (10–25 m off the centreline, as a building entrance), else anywhere
 * in it. @street gets the street's name index, or WM_SYNTH_NONE.
 */
void
wm_synth_area_point (WmSynthWorld *w,
                     guint         area,
                     WmRng        *rng,
                     double       *x,
                     double       *y,
                     guint32      *street)
{
  WmSynthArea *a = g_ptr_array_index (w->areas, area);
  double scale = w->metric ? 1.0 : 1.0 / 111000.0;

  for (int attempt = 0; attempt < 30 && a->edges->len > 0; attempt++)
    {
      double r = wm_rng_double (rng) * a->edge_length;
      WmSynthEdge *e = NULL;
      double t, dx, dy, off, side;

      for (guint i = 0; i < a->edges->len; i++)
        {
          e = &g_array_index (a->edges, WmSynthEdge, i);
          if ((r -= e->length) <= 0)
            break;
        }
      t = wm_rng_double (rng);
      dx = (e->x1 - e->x0) / e->length;
      dy = (e->y1 - e->y0) / e->length;
      off = (10 + 15 * wm_rng_double (rng)) * scale;
      side = wm_rng_chance (rng, 0.5) ? 1 : -1;
      *x = e->x0 + t * (e->x1 - e->x0) - dy * off * side;
      *y = e->y0 + t * (e->y1 - e->y0) + dx * off * side;
      if (accept (w, a, x, y))
        {
          *street = e->street;
          return;
        }
    }
  *street = WM_SYNTH_NONE;
  for (int attempt = 0; attempt < 100 && a->n_triangles > 0; attempt++)
    {
      uniform_point (a, rng, x, y);
      if (accept (w, a, x, y))
        return;
    }
  /* Thinner than the grid everywhere we tried: the point on the surface,
   * or a grid point next to it that is inside. */
  {
    GEOSGeometry *pt = GEOSPointOnSurface_r (w->geos, a->geom);
    double px = 0, py = 0;

    if (pt != NULL)
      {
        GEOSGeomGetX_r (w->geos, pt, &px);
        GEOSGeomGetY_r (w->geos, pt, &py);
        GEOSGeom_destroy_r (w->geos, pt);
      }
    for (int dx = -1; dx <= 1; dx++)
      for (int dy = -1; dy <= 1; dy++)
        {
          *x = px + dx * w->grid;
          *y = py + dy * w->grid;
          if (accept (w, a, x, y))
            return;
        }
    *x = px;
    *y = py;
  }
}

/* Square metres, also when the output CRS is geographic (degrees). */
double
wm_synth_area_m2 (WmSynthWorld *w,
                  WmSynthArea  *a)
{
  double area = 0;

  GEOSArea_r (w->geos, a->geom, &area);
  if (!w->metric)
    area *= 111320.0 * 110540.0 * cos ((a->miny + a->maxy) / 2 * G_PI / 180);
  return area;
}
