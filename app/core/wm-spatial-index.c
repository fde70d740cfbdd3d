/* wm-spatial-index.c — which polygon contains a point, fast
 *
 * A uniform grid over the polygons' extent. Each grid row is a horizontal
 * band; each polygon keeps, per band it touches, only the edges that cross
 * that band. A cell lists the polygons whose bounding box covers it, each
 * with its band's edges, so a query reads one cell and runs the
 * crossing-number test on a handful of edges instead of whole rings.
 *
 * Boundary rule (each point belongs to at most one polygon): an edge is
 * half-open in y ([low, high)) and a crossing counts only strictly to the
 * right of the point. So a polygon owns its west and south boundaries and
 * not its east and north ones: on an edge shared by two sections the point
 * goes to the section east of it (north of it for a horizontal edge).
 * Edges are stored with their endpoints in a canonical order and which
 * side of an edge a point lies on is decided exactly (a floating-point
 * filter, then exact arithmetic when the filter cannot tell), so two
 * sections sharing an edge never both claim, nor both drop, a point on it,
 * and the answer agrees with GEOS's robust predicates even for points a
 * rounding error away from an edge. Where polygons overlap (bad data), the
 * lowest index wins.
 *
 * Why not GEOS's STRtree + prepared geometries: the same job costs a GEOS
 * point per query and a tree walk; tests/bench/bench-spatial-index.c
 * measures both against spatialite.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "wm-spatial-index.h"

/* From (x0, y0) up to (x1, y1): y0 < y1. Horizontal edges never count. */
typedef struct {
  double y0, y1, x0, x1;
} Edge;

typedef struct {
  double min_x, min_y, max_x, max_y;
  guint first_edge;     /* into self->edges, while building */
  guint n_edges;
} Polygon;

typedef struct {
  guint polygon;
  guint first;          /* into self->band_edges */
  guint count;
} Entry;

typedef struct {
  guint cell;
  Entry entry;
} CellEntry;

struct _WmSpatialIndex
{
  GObject parent_instance;

  GArray *polygons;     /* Polygon */
  GArray *edges;        /* Edge, grouped by polygon (building only) */
  gboolean built;

  /* the grid */
  double min_x, min_y, inv_cw, inv_ch;
  guint cols, rows;
  guint *cell_start;    /* cols·rows + 1 offsets into entries */
  Entry *entries;
  Edge *band_edges;
};

enum {
  PROP_0,
  PROP_N_POLYGONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (WmSpatialIndex, wm_spatial_index, G_TYPE_OBJECT)

G_DEFINE_QUARK (wm-spatial-index-error-quark, wm_spatial_index_error)

static void
wm_spatial_index_finalize (GObject *object)
{
  WmSpatialIndex *self = WM_SPATIAL_INDEX (object);

  g_clear_pointer (&self->polygons, g_array_unref);
  g_clear_pointer (&self->edges, g_array_unref);
  g_free (self->cell_start);
  g_free (self->entries);
  g_free (self->band_edges);

  G_OBJECT_CLASS (wm_spatial_index_parent_class)->finalize (object);
}

static void
wm_spatial_index_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  WmSpatialIndex *self = WM_SPATIAL_INDEX (object);

  switch (prop_id)
    {
    case PROP_N_POLYGONS:
      g_value_set_uint (value, wm_spatial_index_get_n_polygons (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_spatial_index_class_init (WmSpatialIndexClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wm_spatial_index_finalize;
  object_class->get_property = wm_spatial_index_get_property;

  properties[PROP_N_POLYGONS] =
    g_param_spec_uint ("n-polygons", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_spatial_index_init (WmSpatialIndex *self)
{
  self->polygons = g_array_new (FALSE, FALSE, sizeof (Polygon));
  self->edges = g_array_new (FALSE, FALSE, sizeof (Edge));
}

WmSpatialIndex *
wm_spatial_index_new (void)
{
  return g_object_new (WM_TYPE_SPATIAL_INDEX, NULL);
}

guint
wm_spatial_index_get_n_polygons (WmSpatialIndex *self)
{
  g_return_val_if_fail (WM_IS_SPATIAL_INDEX (self), 0);

  return self->polygons->len;
}

/**
 * wm_spatial_index_add_polygon:
 *
 * Starts a new polygon; the rings added next (exterior and holes, of one
 * or several parts) belong to it.
 *
 * Returns: its index
 */
guint
wm_spatial_index_add_polygon (WmSpatialIndex *self)
{
  Polygon p = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE, self->edges->len, 0 };

  g_return_val_if_fail (WM_IS_SPATIAL_INDEX (self), 0);
  g_return_val_if_fail (!self->built, 0);

  g_array_append_val (self->polygons, p);
  return self->polygons->len - 1;
}

/**
 * wm_spatial_index_add_ring:
 * @xy: (array): @n_points interleaved x, y pairs; the ring is closed
 *   whether or not the last point repeats the first
 */
void
wm_spatial_index_add_ring (WmSpatialIndex *self,
                           const double   *xy,
                           gsize           n_points)
{
  Polygon *p;

  g_return_if_fail (WM_IS_SPATIAL_INDEX (self));
  g_return_if_fail (!self->built);
  g_return_if_fail (self->polygons->len > 0);

  p = &g_array_index (self->polygons, Polygon, self->polygons->len - 1);
  for (gsize i = 0; i < n_points; i++)
    {
      double ax = xy[2 * i], ay = xy[2 * i + 1];
      gsize j = (i + 1) % n_points;
      double bx = xy[2 * j], by = xy[2 * j + 1];
      Edge e;

      p->min_x = MIN (p->min_x, ax);
      p->max_x = MAX (p->max_x, ax);
      p->min_y = MIN (p->min_y, ay);
      p->max_y = MAX (p->max_y, ay);
      if (ay == by)
        continue;
      /* Canonical order: the same edge seen from the neighbouring polygon
       * gives bit-identical numbers. */
      if (ay > by)
        {
          double t;

          t = ax; ax = bx; bx = t;
          t = ay; ay = by; by = t;
        }
      e.y0 = ay;
      e.y1 = by;
      e.x0 = ax;
      e.x1 = bx;
      g_array_append_val (self->edges, e);
      p->n_edges++;
    }
}

static gboolean
add_polygon_rings (WmSpatialIndex      *self,
                   GEOSContextHandle_t  ctx,
                   const GEOSGeometry  *polygon)
{
  int n_holes = GEOSGetNumInteriorRings_r (ctx, polygon);

  for (int r = -1; r < n_holes; r++)
    {
      const GEOSGeometry *ring = r < 0 ? GEOSGetExteriorRing_r (ctx, polygon)
                                       : GEOSGetInteriorRingN_r (ctx, polygon, r);
      const GEOSCoordSequence *seq;
      unsigned int size = 0;
      g_autofree double *xy = NULL;

      if (ring == NULL || (seq = GEOSGeom_getCoordSeq_r (ctx, ring)) == NULL ||
          !GEOSCoordSeq_getSize_r (ctx, seq, &size))
        return FALSE;
      if (size == 0)
        continue;
      xy = g_new (double, 2 * (gsize) size);
      if (!GEOSCoordSeq_copyToBuffer_r (ctx, seq, xy, 0, 0))
        return FALSE;
      wm_spatial_index_add_ring (self, xy, size);
    }
  return TRUE;
}

/**
 * wm_spatial_index_add_geos:
 * @geom: a Polygon or MultiPolygon (other geometries are refused)
 * @index: (out) (optional): the new polygon's index
 */
gboolean
wm_spatial_index_add_geos (WmSpatialIndex       *self,
                           GEOSContextHandle_t   ctx,
                           const GEOSGeometry   *geom,
                           guint                *index,
                           GError              **error)
{
  int type;
  guint i;

  g_return_val_if_fail (WM_IS_SPATIAL_INDEX (self), FALSE);

  type = GEOSGeomTypeId_r (ctx, geom);
  if (type != GEOS_POLYGON && type != GEOS_MULTIPOLYGON)
    {
      g_set_error_literal (error, WM_SPATIAL_INDEX_ERROR, WM_SPATIAL_INDEX_ERROR_NOT_POLYGON,
                           _("the geometry is not a polygon"));
      return FALSE;
    }
  i = wm_spatial_index_add_polygon (self);
  if (type == GEOS_POLYGON)
    add_polygon_rings (self, ctx, geom);
  else
    for (int n = 0; n < GEOSGetNumGeometries_r (ctx, geom); n++)
      add_polygon_rings (self, ctx, GEOSGetGeometryN_r (ctx, geom, n));
  if (index != NULL)
    *index = i;
  return TRUE;
}

/**
 * wm_spatial_index_add_wkb:
 * @wkb: (array length=len): a WKB Polygon or MultiPolygon, as stored in
 *   the extract's area.geom
 */
gboolean
wm_spatial_index_add_wkb (WmSpatialIndex  *self,
                          const guint8    *wkb,
                          gsize            len,
                          guint           *index,
                          GError         **error)
{
  GEOSContextHandle_t ctx = GEOS_init_r ();
  GEOSWKBReader *reader = GEOSWKBReader_create_r (ctx);
  GEOSGeometry *geom = GEOSWKBReader_read_r (ctx, reader, wkb, len);
  gboolean ok;

  if (geom == NULL)
    {
      g_set_error_literal (error, WM_SPATIAL_INDEX_ERROR, WM_SPATIAL_INDEX_ERROR_BAD_WKB,
                           _("the stored boundary is damaged (not a valid WKB geometry)"));
      ok = FALSE;
    }
  else
    ok = wm_spatial_index_add_geos (self, ctx, geom, index, error);
  if (geom != NULL)
    GEOSGeom_destroy_r (ctx, geom);
  GEOSWKBReader_destroy_r (ctx, reader);
  GEOS_finish_r (ctx);
  return ok;
}

/* Monotone in x and y (IEEE rounding is), so a point inside a bounding box
 * always falls in a cell the box was registered in. */
static inline guint
col_of (WmSpatialIndex *self,
        double          x)
{
  double c = floor ((x - self->min_x) * self->inv_cw);

  return c < 0 ? 0 : c >= self->cols ? self->cols - 1 : (guint) c;
}

static inline guint
row_of (WmSpatialIndex *self,
        double          y)
{
  double r = floor ((y - self->min_y) * self->inv_ch);

  return r < 0 ? 0 : r >= self->rows ? self->rows - 1 : (guint) r;
}

static int
compare_cell_entries (gconstpointer a,
                      gconstpointer b)
{
  const CellEntry *ea = a, *eb = b;

  if (ea->cell != eb->cell)
    return ea->cell < eb->cell ? -1 : 1;
  return ea->entry.polygon < eb->entry.polygon ? -1 : ea->entry.polygon > eb->entry.polygon;
}

static void
choose_grid (WmSpatialIndex *self,
             double          max_x,
             double          max_y)
{
  double w = MAX (max_x - self->min_x, 1e-12);
  double h = MAX (max_y - self->min_y, 1e-12);
  /* About eight cells per polygon: most cells then hold one to three
   * candidates, and the grid stays a few hundred KiB for a big city. */
  double target = CLAMP (8.0 * self->polygons->len, 256.0, 4194304.0);
  double side = sqrt (w * h / target);

  self->cols = (guint) CLAMP (ceil (w / side), 1, 8192);
  self->rows = (guint) CLAMP (ceil (h / side), 1, 8192);
  self->inv_cw = self->cols / w;
  self->inv_ch = self->rows / h;
}

/**
 * wm_spatial_index_build:
 *
 * Freezes the index: no polygon can be added afterwards, and queries may
 * run from any thread.
 */
void
wm_spatial_index_build (WmSpatialIndex *self)
{
  g_autoptr(GArray) cell_entries = g_array_new (FALSE, FALSE, sizeof (CellEntry));
  g_autoptr(GArray) band_edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  double max_x = -G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
  guint n_cells;

  g_return_if_fail (WM_IS_SPATIAL_INDEX (self));
  g_return_if_fail (!self->built);

  self->built = TRUE;
  self->min_x = self->min_y = G_MAXDOUBLE;
  for (guint i = 0; i < self->polygons->len; i++)
    {
      const Polygon *p = &g_array_index (self->polygons, Polygon, i);

      if (p->n_edges == 0)
        continue;
      self->min_x = MIN (self->min_x, p->min_x);
      self->min_y = MIN (self->min_y, p->min_y);
      max_x = MAX (max_x, p->max_x);
      max_y = MAX (max_y, p->max_y);
    }
  if (max_x < self->min_x)
    {
      self->min_x = self->min_y = 0;
      max_x = max_y = 1;
    }
  choose_grid (self, max_x, max_y);

  for (guint i = 0; i < self->polygons->len; i++)
    {
      const Polygon *p = &g_array_index (self->polygons, Polygon, i);
      const Edge *edges = &g_array_index (self->edges, Edge, p->first_edge);
      guint r0, r1, c0, c1;
      g_autoptr(GPtrArray) bands = NULL;

      if (p->n_edges == 0)
        continue;
      r0 = row_of (self, p->min_y);
      r1 = row_of (self, p->max_y);
      c0 = col_of (self, p->min_x);
      c1 = col_of (self, p->max_x);

      /* Each band keeps the edges whose y-range reaches into it. */
      bands = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
      for (guint r = r0; r <= r1; r++)
        g_ptr_array_add (bands, g_array_new (FALSE, FALSE, sizeof (Edge)));
      for (guint e = 0; e < p->n_edges; e++)
        for (guint r = row_of (self, edges[e].y0); r <= row_of (self, edges[e].y1); r++)
          g_array_append_val (g_ptr_array_index (bands, r - r0), edges[e]);

      for (guint r = r0; r <= r1; r++)
        {
          GArray *band = g_ptr_array_index (bands, r - r0);
          Entry entry = { i, band_edges->len, band->len };

          g_array_append_vals (band_edges, band->data, band->len);
          for (guint c = c0; c <= c1; c++)
            {
              CellEntry ce = { r * self->cols + c, entry };

              g_array_append_val (cell_entries, ce);
            }
        }
    }

  g_array_sort (cell_entries, compare_cell_entries);
  n_cells = self->cols * self->rows;
  self->cell_start = g_new0 (guint, n_cells + 1);
  self->entries = g_new (Entry, MAX (cell_entries->len, 1));
  for (guint i = 0; i < cell_entries->len; i++)
    {
      const CellEntry *ce = &g_array_index (cell_entries, CellEntry, i);

      self->cell_start[ce->cell + 1]++;
      self->entries[i] = ce->entry;
    }
  for (guint c = 0; c < n_cells; c++)
    self->cell_start[c + 1] += self->cell_start[c];

  self->band_edges = (Edge *) g_array_steal (band_edges, NULL);
  g_clear_pointer (&self->edges, g_array_unref);
  self->edges = g_array_new (FALSE, FALSE, sizeof (Edge));
}

/* Exact arithmetic for the few points the filter below cannot decide:
 * Shewchuk's expansions, with fma() giving exact products. */
static inline void
two_sum (double a, double b, double *s, double *e)
{
  double bv;

  *s = a + b;
  bv = *s - a;
  *e = (a - (*s - bv)) + (b - bv);
}

/* Adds @b to the nonoverlapping expansion @h of *@n components. */
static void
grow_expansion (double *h, int *n, double b)
{
  double q = b;
  int k = 0;

  for (int i = 0; i < *n; i++)
    {
      double sum, err;

      two_sum (q, h[i], &sum, &err);
      q = sum;
      if (err != 0)
        h[k++] = err;
    }
  if (q != 0)
    h[k++] = q;
  *n = k;
}

/* Sign of (ax − px)(by − py) − (ay − py)(bx − px), exactly: expanded into
 * six products of input coordinates, each split into head and tail. */
static int
orient_exact (double ax, double ay, double bx, double by, double px, double py)
{
  const double terms[6][2] = {
    { ax, by }, { -ax, py }, { -px, by }, { -ay, bx }, { ay, px }, { py, bx },
  };
  double h[12];
  int n = 0;

  for (int i = 0; i < 6; i++)
    {
      double p = terms[i][0] * terms[i][1];

      grow_expansion (h, &n, p);
      grow_expansion (h, &n, fma (terms[i][0], terms[i][1], -p));
    }
  /* the largest component, the last nonzero one, carries the sign */
  return n == 0 ? 0 : h[n - 1] > 0 ? 1 : -1;
}

/* Is (x, y) strictly left of the upward edge, i.e. does a ray going east
 * from it cross the edge? */
static inline gboolean
crosses (const Edge *e,
         double      x,
         double      y)
{
  double detleft, detright, det, bound;

  if (x < e->x0 && x < e->x1)
    return TRUE;
  if (x >= e->x0 && x >= e->x1)
    return FALSE;  /* on the edge's x-extent boundary or east of it */
  detleft = (e->x0 - x) * (e->y1 - y);
  detright = (e->y0 - y) * (e->x1 - x);
  det = detleft - detright;
  /* Shewchuk's error bound for this evaluation: beyond it, the sign of
   * det is the sign of the exact value. */
  bound = 3.3306690738754716e-16 * (fabs (detleft) + fabs (detright));
  if (det > bound)
    return TRUE;
  if (det < -bound)
    return FALSE;
  return orient_exact (e->x0, e->y0, e->x1, e->y1, x, y) > 0;
}

static inline gboolean
inside (const Polygon *p,
        const Edge    *edges,
        guint          count,
        double         x,
        double         y)
{
  gboolean in = FALSE;

  if (x < p->min_x || x > p->max_x || y < p->min_y || y > p->max_y)
    return FALSE;
  for (guint i = 0; i < count; i++)
    if (y >= edges[i].y0 && y < edges[i].y1 && crosses (&edges[i], x, y))
      in = !in;
  return in;
}

/**
 * wm_spatial_index_locate:
 *
 * Returns: the index of the polygon containing (@x, @y), in the polygons'
 *   own coordinates, or -1 when no polygon does
 */
int
wm_spatial_index_locate (WmSpatialIndex *self,
                         double          x,
                         double          y)
{
  const Polygon *polygons;
  guint cell;

  g_return_val_if_fail (WM_IS_SPATIAL_INDEX (self), -1);
  g_return_val_if_fail (self->built, -1);

  if (!(x >= self->min_x && y >= self->min_y) ||
      (x - self->min_x) * self->inv_cw > self->cols ||
      (y - self->min_y) * self->inv_ch > self->rows)
    return -1;  /* NaN included */

  polygons = (const Polygon *) (gpointer) self->polygons->data;
  cell = row_of (self, y) * self->cols + col_of (self, x);
  for (guint i = self->cell_start[cell]; i < self->cell_start[cell + 1]; i++)
    {
      const Entry *entry = &self->entries[i];

      if (inside (&polygons[entry->polygon], self->band_edges + entry->first, entry->count, x, y))
        return (int) entry->polygon;
    }
  return -1;
}

/**
 * wm_spatial_index_locate_many:
 * @xy: (array): @n_points interleaved x, y pairs
 * @out: (array) (out caller-allocates): @n_points polygon indices (-1: none)
 */
void
wm_spatial_index_locate_many (WmSpatialIndex *self,
                              const double   *xy,
                              gsize           n_points,
                              int            *out)
{
  for (gsize i = 0; i < n_points; i++)
    out[i] = wm_spatial_index_locate (self, xy[2 * i], xy[2 * i + 1]);
}

gboolean
wm_spatial_index_get_bounds (WmSpatialIndex *self,
                             guint           polygon,
                             double         *min_x,
                             double         *min_y,
                             double         *max_x,
                             double         *max_y)
{
  const Polygon *p;

  g_return_val_if_fail (WM_IS_SPATIAL_INDEX (self), FALSE);

  if (polygon >= self->polygons->len)
    return FALSE;
  p = &g_array_index (self->polygons, Polygon, polygon);
  if (p->n_edges == 0)
    return FALSE;
  *min_x = p->min_x;
  *min_y = p->min_y;
  *max_x = p->max_x;
  *max_y = p->max_y;
  return TRUE;
}
