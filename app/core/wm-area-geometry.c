/* wm-area-geometry.c — the polygons of an area layer, ready to draw
 *
 * Each area is kept as rings of Web-Mercator world points (see
 * wm-map-view.h), projected once at load, with its bounding box and a
 * point inside it (for labels, tests and the atlas). Outer rings are
 * oriented one way and holes the other, so one fill with the non-zero
 * rule paints any set of areas, however they nest.
 *
 * Hit-testing goes through a uniform grid over the layer extent (about one
 * cell per area, each cell listing the areas whose box overlaps it) and an
 * even-odd ring test: all a choropleth needs, without GEOS.
 *
 * Immutable once loaded; the grid is built on first use under a lock, so
 * any thread may read.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <geos_c.h>
#include <glib/gi18n.h>
#include <math.h>

#include "wm-area-geometry-private.h"
#include "wm-map-view.h"

typedef struct {
  double x0, y0, x1, y1;
} Box;

struct _WmAreaGeometry
{
  GObject parent_instance;

  char *source;
  GArray *ids;          /* gint64 */
  GPtrArray *codes;
  GPtrArray *names;
  GArray *area_rings;   /* guint, n_areas + 1 */
  GArray *ring_points;  /* guint, n_rings + 1 */
  GArray *points;       /* double x, y */
  GArray *boxes;        /* Box */
  GArray *labels;       /* double lon, lat */
  GPtrArray *warnings;
  GHashTable *by_code;

  GMutex grid_lock;
  gboolean grid_ready;
  guint gx, gy;
  Box extent;
  guint *cell_start;    /* gx·gy + 1 */
  guint *cell_items;
};

G_DEFINE_FINAL_TYPE (WmAreaGeometry, wm_area_geometry, G_TYPE_OBJECT)

G_DEFINE_QUARK (wm-area-geometry-error-quark, wm_area_geometry_error)

void
wm_gdal_init (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      GDALAllRegister ();
      g_once_init_leave (&done, 1);
    }
}

static void
wm_area_geometry_finalize (GObject *object)
{
  WmAreaGeometry *self = WM_AREA_GEOMETRY (object);

  g_free (self->source);
  g_array_unref (self->ids);
  g_ptr_array_unref (self->codes);
  g_ptr_array_unref (self->names);
  g_array_unref (self->area_rings);
  g_array_unref (self->ring_points);
  g_array_unref (self->points);
  g_array_unref (self->boxes);
  g_array_unref (self->labels);
  g_ptr_array_unref (self->warnings);
  g_hash_table_unref (self->by_code);
  g_mutex_clear (&self->grid_lock);
  g_free (self->cell_start);
  g_free (self->cell_items);

  G_OBJECT_CLASS (wm_area_geometry_parent_class)->finalize (object);
}

static void
wm_area_geometry_class_init (WmAreaGeometryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wm_area_geometry_finalize;
}

static void
wm_area_geometry_init (WmAreaGeometry *self)
{
  guint zero = 0;

  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->codes = g_ptr_array_new_with_free_func (g_free);
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->area_rings = g_array_new (FALSE, FALSE, sizeof (guint));
  self->ring_points = g_array_new (FALSE, FALSE, sizeof (guint));
  self->points = g_array_new (FALSE, FALSE, sizeof (double));
  self->boxes = g_array_new (FALSE, FALSE, sizeof (Box));
  self->labels = g_array_new (FALSE, FALSE, sizeof (double));
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  self->by_code = g_hash_table_new (g_str_hash, g_str_equal);
  g_mutex_init (&self->grid_lock);
  g_array_append_val (self->area_rings, zero);
  g_array_append_val (self->ring_points, zero);
}

/**
 * wm_area_geometry_new:
 *
 * An empty layer, to be filled with wm_area_geometry_add_wkb().
 */
WmAreaGeometry *
wm_area_geometry_new (void)
{
  return g_object_new (WM_TYPE_AREA_GEOMETRY, NULL);
}

void
wm_area_geometry_set_source (WmAreaGeometry *self,
                             const char     *source)
{
  g_free (self->source);
  self->source = g_strdup (source);
}

void
wm_area_geometry_add_warning (WmAreaGeometry *self,
                              const char     *warning)
{
  g_ptr_array_add (self->warnings, g_strdup (warning));
}

static void
collect_polygons (OGRGeometryH  g,
                  GPtrArray    *out)
{
  OGRwkbGeometryType type = wkbFlatten (OGR_G_GetGeometryType (g));

  if (OGR_G_IsEmpty (g))
    return;
  if (type == wkbPolygon)
    g_ptr_array_add (out, g);
  else if (type == wkbMultiPolygon || type == wkbGeometryCollection)
    for (int i = 0; i < OGR_G_GetGeometryCount (g); i++)
      collect_polygons (OGR_G_GetGeometryRef (g, i), out);
}

/* GEOS says why a geometry is invalid ("Self-intersection[13.3 38.1]"). */
static char *
invalid_reason (OGRGeometryH g)
{
  GEOSContextHandle_t ctx = GEOS_init_r ();
  int size = OGR_G_WkbSize (g);
  g_autofree unsigned char *wkb = g_malloc (MAX (size, 1));
  GEOSGeometry *geos;
  char *reason = NULL;

  OGR_G_ExportToWkb (g, wkbNDR, wkb);
  geos = GEOSGeomFromWKB_buf_r (ctx, wkb, size);
  if (geos != NULL)
    {
      char *r = GEOSisValidReason_r (ctx, geos);

      reason = g_strdup (r);
      GEOSFree_r (ctx, r);
      GEOSGeom_destroy_r (ctx, geos);
    }
  GEOS_finish_r (ctx);
  return reason != NULL ? reason : g_strdup (_("unreadable geometry"));
}

/* Shoelace sum, twice the signed area (positive: clockwise on screen). */
static double
ring_area2 (const double *xy,
            guint         n)
{
  double a = 0;

  for (guint i = 0, j = n - 1; i < n; j = i++)
    a += xy[2 * j] * xy[2 * i + 1] - xy[2 * i] * xy[2 * j + 1];
  return a;
}

static void
append_ring (WmAreaGeometry *self,
             OGRGeometryH    ring,
             gboolean        outer,
             Box            *box)
{
  int n = OGR_G_GetPointCount (ring);
  guint start = self->points->len / 2;
  guint kept;
  double *xy;

  /* the closing point repeats the first: cairo closes paths itself */
  if (n > 1 && OGR_G_GetX (ring, 0) == OGR_G_GetX (ring, n - 1) &&
      OGR_G_GetY (ring, 0) == OGR_G_GetY (ring, n - 1))
    n--;
  if (n < 3)
    return;

  g_array_set_size (self->points, self->points->len + 2 * n);
  xy = &g_array_index (self->points, double, 2 * start);
  for (int i = 0; i < n; i++)
    {
      wm_mercator_project (OGR_G_GetX (ring, i), OGR_G_GetY (ring, i), &xy[2 * i], &xy[2 * i + 1]);
      box->x0 = MIN (box->x0, xy[2 * i]);
      box->y0 = MIN (box->y0, xy[2 * i + 1]);
      box->x1 = MAX (box->x1, xy[2 * i]);
      box->y1 = MAX (box->y1, xy[2 * i + 1]);
    }
  if ((ring_area2 (xy, n) > 0) != outer)
    for (int i = 0; i < n / 2; i++)
      {
        double tx = xy[2 * i], ty = xy[2 * i + 1];

        xy[2 * i] = xy[2 * (n - 1 - i)];
        xy[2 * i + 1] = xy[2 * (n - 1 - i) + 1];
        xy[2 * (n - 1 - i)] = tx;
        xy[2 * (n - 1 - i) + 1] = ty;
      }
  kept = start + n;
  g_array_append_val (self->ring_points, kept);
}

/**
 * wm_area_geometry_add_ogr: (skip)
 *
 * A broken boundary (self-intersection, bow-tie…) is repaired with GEOS
 * MakeValid and a warning names it; one that cannot be repaired is an
 * error. Points, lines and empty geometries are not areas: the caller
 * decides whether that is an error.
 */
WmAddResult
wm_area_geometry_add_ogr (WmAreaGeometry  *self,
                          gint64           id,
                          const char      *code,
                          const char      *name,
                          OGRGeometryH     geom,
                          const double    *label,
                          const char      *where,
                          GError         **error)
{
  g_auto(OGRGeometryH) linear = NULL;
  g_auto(OGRGeometryH) repaired = NULL;
  g_auto(OGRGeometryH) inside = NULL;
  g_autoptr(GPtrArray) polygons = g_ptr_array_new ();
  OGRGeometryH g = geom;
  Box box = { INFINITY, INFINITY, -INFINITY, -INFINITY };
  guint rings_before = self->ring_points->len;
  double lonlat[2];
  guint n;

  if (g == NULL)
    return WM_ADD_NO_POLYGON;
  if (OGR_G_HasCurveGeometry (g, TRUE))
    g = linear = OGR_G_GetLinearGeometry (g, 0, NULL);
  OGR_G_FlattenTo2D (g);
  collect_polygons (g, polygons);
  if (polygons->len == 0)
    return WM_ADD_NO_POLYGON;

  if (!OGR_G_IsValid (g))
    {
      g_autofree char *reason = invalid_reason (g);

      g_ptr_array_set_size (polygons, 0);
      repaired = OGR_G_MakeValid (g);
      if (repaired != NULL)
        collect_polygons (repaired, polygons);
      if (polygons->len == 0)
        {
          g_set_error (error, WM_AREA_GEOMETRY_ERROR, WM_AREA_GEOMETRY_ERROR_INVALID_GEOMETRY,
                       _("%s: the boundary of area “%s” is broken (%s) and cannot be repaired — "
                         "fix it in a GIS (in QGIS: Vector ▸ Geometry Tools ▸ Fix Geometries) and load the file again"),
                       where, code, reason);
          return WM_ADD_FAILED;
        }
      {
        g_autofree char *w = g_strdup_printf (_("%s: the boundary of area “%s” was broken (%s) and has been repaired"),
                                              where, code, reason);
        wm_area_geometry_add_warning (self, w);
      }
      g = repaired;
    }

  for (guint p = 0; p < polygons->len; p++)
    {
      OGRGeometryH poly = polygons->pdata[p];

      for (int r = 0; r < OGR_G_GetGeometryCount (poly); r++)
        append_ring (self, OGR_G_GetGeometryRef (poly, r), r == 0, &box);
    }
  if (self->ring_points->len == rings_before)
    return WM_ADD_NO_POLYGON;

  if (label != NULL && isfinite (label[0]) && isfinite (label[1]))
    {
      lonlat[0] = label[0];
      lonlat[1] = label[1];
    }
  else
    {
      inside = OGR_G_PointOnSurface (g);
      if (inside != NULL && !OGR_G_IsEmpty (inside))
        {
          lonlat[0] = OGR_G_GetX (inside, 0);
          lonlat[1] = OGR_G_GetY (inside, 0);
        }
      else
        wm_mercator_unproject ((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2, &lonlat[0], &lonlat[1]);
    }

  n = self->ring_points->len - 1;
  g_array_append_val (self->area_rings, n);
  g_array_append_val (self->ids, id);
  g_ptr_array_add (self->codes, g_strdup (code));
  g_ptr_array_add (self->names, g_strdup (name != NULL ? name : code));
  g_array_append_val (self->boxes, box);
  g_array_append_vals (self->labels, lonlat, 2);
  if (!g_hash_table_contains (self->by_code, code))
    g_hash_table_insert (self->by_code, self->codes->pdata[self->codes->len - 1],
                         GUINT_TO_POINTER (self->codes->len));
  return WM_ADD_DONE;
}

/**
 * wm_area_geometry_add_wkb:
 * @wkb: (array length=len): a (multi)polygon in EPSG:4326, longitude first,
 *   as the extract's area.geom holds it
 */
gboolean
wm_area_geometry_add_wkb (WmAreaGeometry  *self,
                          gint64           id,
                          const char      *code,
                          const char      *name,
                          const guint8    *wkb,
                          gsize            len,
                          GError         **error)
{
  g_auto(OGRGeometryH) geom = NULL;
  g_autofree char *where = NULL;
  WmAddResult r;

  g_return_val_if_fail (WM_IS_AREA_GEOMETRY (self), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  where = g_strdup_printf ("%s: %s", self->source != NULL ? self->source : _("area layer"), code);
  if (wkb == NULL || len == 0 || len > G_MAXINT ||
      OGR_G_CreateFromWkb (wkb, NULL, &geom, (int) len) != OGRERR_NONE)
    {
      g_set_error (error, WM_AREA_GEOMETRY_ERROR, WM_AREA_GEOMETRY_ERROR_INVALID_GEOMETRY,
                   _("%s: the boundary is not a readable polygon (WKB) — rebuild the extract from its sources"),
                   where);
      return FALSE;
    }
  r = wm_area_geometry_add_ogr (self, id, code, name, geom, NULL, where, error);
  if (r == WM_ADD_NO_POLYGON)
    g_set_error (error, WM_AREA_GEOMETRY_ERROR, WM_AREA_GEOMETRY_ERROR_NO_POLYGONS,
                 _("%s: the boundary is not a polygon — rebuild the extract with polygon boundaries"),
                 where);
  return r == WM_ADD_DONE;
}

guint
wm_area_geometry_get_n_areas (WmAreaGeometry *self)
{
  g_return_val_if_fail (WM_IS_AREA_GEOMETRY (self), 0);
  return self->codes->len;
}

gint64
wm_area_geometry_get_id (WmAreaGeometry *self,
                         guint           area)
{
  g_return_val_if_fail (WM_IS_AREA_GEOMETRY (self), -1);
  g_return_val_if_fail (area < self->codes->len, -1);
  return g_array_index (self->ids, gint64, area);
}

const char *
wm_area_geometry_get_code (WmAreaGeometry *self,
                           guint           area)
{
  g_return_val_if_fail (WM_IS_AREA_GEOMETRY (self), NULL);
  g_return_val_if_fail (area < self->codes->len, NULL);
  return self->codes->pdata[area];
}

const char *
wm_area_geometry_get_name (WmAreaGeometry *self,
                           guint           area)
{
  g_return_val_if_fail (WM_IS_AREA_GEOMETRY (self), NULL);
  g_return_val_if_fail (area < self->names->len, NULL);
  return self->names->pdata[area];
}

/* Returns: the area with @code (the first, if codes repeat), or −1 */
int
wm_area_geometry_find_code (WmAreaGeometry *self,
                            const char     *code)
{
  gpointer v;

  g_return_val_if_fail (WM_IS_AREA_GEOMETRY (self), -1);
  v = g_hash_table_lookup (self->by_code, code);
  return v != NULL ? (int) GPOINTER_TO_UINT (v) - 1 : -1;
}

/* World coordinates. */
void
wm_area_geometry_get_bbox (WmAreaGeometry *self,
                           guint           area,
                           double         *x0,
                           double         *y0,
                           double         *x1,
                           double         *y1)
{
  const Box *b;

  g_return_if_fail (WM_IS_AREA_GEOMETRY (self));
  g_return_if_fail (area < self->boxes->len);
  b = &g_array_index (self->boxes, Box, area);
  *x0 = b->x0;
  *y0 = b->y0;
  *x1 = b->x1;
  *y1 = b->y1;
}

gboolean
wm_area_geometry_get_extent (WmAreaGeometry *self,
                             double         *x0,
                             double         *y0,
                             double         *x1,
                             double         *y1)
{
  Box e = { INFINITY, INFINITY, -INFINITY, -INFINITY };

  g_return_val_if_fail (WM_IS_AREA_GEOMETRY (self), FALSE);
  for (guint i = 0; i < self->boxes->len; i++)
    {
      const Box *b = &g_array_index (self->boxes, Box, i);

      e.x0 = MIN (e.x0, b->x0);
      e.y0 = MIN (e.y0, b->y0);
      e.x1 = MAX (e.x1, b->x1);
      e.y1 = MAX (e.y1, b->y1);
    }
  *x0 = e.x0;
  *y0 = e.y0;
  *x1 = e.x1;
  *y1 = e.y1;
  return self->boxes->len > 0;
}

/* A point inside the area (the extract's label point, or GEOS's
 * PointOnSurface), in lon/lat. */
void
wm_area_geometry_get_interior_point (WmAreaGeometry *self,
                                     guint           area,
                                     double         *lon,
                                     double         *lat)
{
  g_return_if_fail (WM_IS_AREA_GEOMETRY (self));
  g_return_if_fail (area < self->codes->len);
  *lon = g_array_index (self->labels, double, 2 * area);
  *lat = g_array_index (self->labels, double, 2 * area + 1);
}

/* Even-odd over every ring of the area: right for valid polygons with
 * holes and for multipolygons alike. */
gboolean
wm_area_geometry_contains (WmAreaGeometry *self,
                           guint           area,
                           double          wx,
                           double          wy)
{
  const guint *ar = (const guint *) self->area_rings->data;
  const guint *rp = (const guint *) self->ring_points->data;
  const double *pt = (const double *) self->points->data;
  const Box *b;
  gboolean inside = FALSE;

  g_return_val_if_fail (WM_IS_AREA_GEOMETRY (self), FALSE);
  g_return_val_if_fail (area < self->codes->len, FALSE);

  b = &g_array_index (self->boxes, Box, area);
  if (wx < b->x0 || wx > b->x1 || wy < b->y0 || wy > b->y1)
    return FALSE;
  for (guint r = ar[area]; r < ar[area + 1]; r++)
    for (guint i = rp[r], j = rp[r + 1] - 1; i < rp[r + 1]; j = i++)
      {
        double xi = pt[2 * i], yi = pt[2 * i + 1], xj = pt[2 * j], yj = pt[2 * j + 1];

        if ((yi > wy) != (yj > wy) && wx < (xj - xi) * (wy - yi) / (yj - yi) + xi)
          inside = !inside;
      }
  return inside;
}

static guint
cell_of (const WmAreaGeometry *self,
         double                v,
         double                lo,
         double                hi,
         guint                 n)
{
  double t = hi > lo ? (v - lo) / (hi - lo) * n : 0;

  return (guint) CLAMP (t, 0, n - 1);
}

static void
build_grid (WmAreaGeometry *self)
{
  guint n = self->codes->len, cells;
  double w, h;
  g_autofree guint *fill = NULL;

  wm_area_geometry_get_extent (self, &self->extent.x0, &self->extent.y0,
                               &self->extent.x1, &self->extent.y1);
  w = MAX (self->extent.x1 - self->extent.x0, 1e-12);
  h = MAX (self->extent.y1 - self->extent.y0, 1e-12);
  /* about one cell per area, cells roughly square */
  self->gx = CLAMP ((guint) ceil (sqrt (n * w / h)), 1, 1024);
  self->gy = CLAMP ((guint) ceil ((double) n / self->gx), 1, 1024);
  cells = self->gx * self->gy;
  self->cell_start = g_new0 (guint, cells + 1);
  fill = g_new0 (guint, cells);

  /* two passes: count, then place (CSR) */
  for (int pass = 0; pass < 2; pass++)
    {
      for (guint a = 0; a < n; a++)
        {
          const Box *b = &g_array_index (self->boxes, Box, a);
          guint cx0 = cell_of (self, b->x0, self->extent.x0, self->extent.x1, self->gx);
          guint cx1 = cell_of (self, b->x1, self->extent.x0, self->extent.x1, self->gx);
          guint cy0 = cell_of (self, b->y0, self->extent.y0, self->extent.y1, self->gy);
          guint cy1 = cell_of (self, b->y1, self->extent.y0, self->extent.y1, self->gy);

          for (guint cy = cy0; cy <= cy1; cy++)
            for (guint cx = cx0; cx <= cx1; cx++)
              {
                guint c = cy * self->gx + cx;

                if (pass == 0)
                  self->cell_start[c + 1]++;
                else
                  self->cell_items[self->cell_start[c] + fill[c]++] = a;
              }
        }
      if (pass == 0)
        {
          for (guint c = 0; c < cells; c++)
            self->cell_start[c + 1] += self->cell_start[c];
          self->cell_items = g_new (guint, MAX (self->cell_start[cells], 1));
        }
    }
  self->grid_ready = TRUE;
}

/**
 * wm_area_geometry_find:
 * @wx, @wy: a point in world coordinates
 *
 * Returns: the area containing the point — the last one loaded where areas
 *   overlap, as it is drawn on top — or −1
 */
int
wm_area_geometry_find (WmAreaGeometry *self,
                       double          wx,
                       double          wy)
{
  guint c;

  g_return_val_if_fail (WM_IS_AREA_GEOMETRY (self), -1);

  if (self->codes->len == 0)
    return -1;
  g_mutex_lock (&self->grid_lock);
  if (!self->grid_ready)
    build_grid (self);
  g_mutex_unlock (&self->grid_lock);

  if (wx < self->extent.x0 || wx > self->extent.x1 || wy < self->extent.y0 || wy > self->extent.y1)
    return -1;
  c = cell_of (self, wy, self->extent.y0, self->extent.y1, self->gy) * self->gx +
      cell_of (self, wx, self->extent.x0, self->extent.x1, self->gx);
  for (guint i = self->cell_start[c + 1]; i > self->cell_start[c]; i--)
    {
      guint a = self->cell_items[i - 1];

      if (wm_area_geometry_contains (self, a, wx, wy))
        return (int) a;
    }
  return -1;
}

/* The file or extract the areas came from. */
const char *
wm_area_geometry_get_source (WmAreaGeometry *self)
{
  g_return_val_if_fail (WM_IS_AREA_GEOMETRY (self), NULL);
  return self->source;
}

/**
 * wm_area_geometry_get_warnings:
 *
 * Returns: (transfer none) (element-type utf8): what loading repaired or
 *   left out, one line each, naming the file and feature
 */
GPtrArray *
wm_area_geometry_get_warnings (WmAreaGeometry *self)
{
  g_return_val_if_fail (WM_IS_AREA_GEOMETRY (self), NULL);
  return self->warnings;
}

const guint *
wm_area_geometry_get_area_rings (WmAreaGeometry *self)
{
  g_return_val_if_fail (WM_IS_AREA_GEOMETRY (self), NULL);
  return (const guint *) self->area_rings->data;
}

const guint *
wm_area_geometry_get_ring_points (WmAreaGeometry *self,
                                  guint          *n_rings)
{
  g_return_val_if_fail (WM_IS_AREA_GEOMETRY (self), NULL);
  if (n_rings != NULL)
    *n_rings = self->ring_points->len - 1;
  return (const guint *) self->ring_points->data;
}

const double *
wm_area_geometry_get_points (WmAreaGeometry *self,
                             guint          *n_points)
{
  g_return_val_if_fail (WM_IS_AREA_GEOMETRY (self), NULL);
  if (n_points != NULL)
    *n_points = self->points->len / 2;
  return (const double *) self->points->data;
}
