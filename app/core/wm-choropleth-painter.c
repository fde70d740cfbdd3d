/* wm-choropleth-painter.c — draws an area layer by class colour with cairo
 *
 * The same code fills the map on screen (a cairo context from
 * gtk_snapshot_append_cairo), a PNG and an atlas PDF page, so what is
 * printed is what was seen.
 *
 * Speed: vertices are projected once per integer zoom level into pixel
 * coordinates (floats relative to the layer's corner, snapped to a quarter
 * pixel with repeated points dropped — snapping is the same whichever way a
 * shared edge is walked, so neighbours keep sharing it exactly); a pan is a
 * translation and a fractional zoom a scale of the cairo matrix. The last
 * few zoom levels stay cached. A frame culls areas by box, then fills each
 * class with one cairo_fill (non-zero rule; rings are oriented by
 * WmAreaGeometry), hatches no-data and suppressed areas, and strokes all
 * outlines in one go. A recolour (a timeline step) rebuilds nothing: it only
 * changes which class bucket an area falls in.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <math.h>

#include "wm-choropleth-painter-private.h"

#define N_CACHES 3
#define SNAP 4.0f   /* quarter pixels */
#define N_BUCKETS (WM_CLASSIFY_MAX_CLASSES + 2)


struct _WmChoroplethPainter
{
  GObject parent_instance;

  WmAreaGeometry *geometry;
  WmClassification *classification;
  gulong changed_id;
  double opacity;
  int selected;

  ZoomCache caches[N_CACHES];
  guint64 tick;
  guint projections;
  guint *order;        /* scratch: visible areas sorted by class */
  guint *visible;      /* scratch: visible areas in layer order */

  WmRaster raster;
  guint colour_serial; /* bumped whenever a colour may have changed */
};

G_DEFINE_FINAL_TYPE (WmChoroplethPainter, wm_choropleth_painter, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_GEOMETRY,
  PROP_CLASSIFICATION,
  PROP_OPACITY,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
cache_clear (ZoomCache *c)
{
  g_clear_pointer (&c->xy, g_free);
  g_clear_pointer (&c->ring_start, g_free);
  g_clear_pointer (&c->boxes, g_free);
  c->zoom = -1;
  c->used = 0;
}

static void
cache_build (WmChoroplethPainter *self,
             ZoomCache           *c,
             int                  zoom,
             double               tile_size)
{
  guint n_rings, n_points;
  const guint *rp = wm_area_geometry_get_ring_points (self->geometry, &n_rings);
  const double *pt = wm_area_geometry_get_points (self->geometry, &n_points);
  guint n_areas = wm_area_geometry_get_n_areas (self->geometry);
  double x0, y0, x1, y1;
  guint k = 0;

  cache_clear (c);
  c->zoom = zoom;
  c->tile_size = tile_size;
  c->scale = tile_size * exp2 (zoom);
  wm_area_geometry_get_extent (self->geometry, &x0, &y0, &x1, &y1);
  c->ox = floor (x0 * c->scale);
  c->oy = floor (y0 * c->scale);
  c->xy = g_new (float, 2 * (gsize) MAX (n_points, 1));
  c->ring_start = g_new (guint, n_rings + 1);
  c->boxes = g_new (float, 4 * (gsize) MAX (n_areas, 1));

  for (guint r = 0; r < n_rings; r++)
    {
      guint first = k;

      c->ring_start[r] = k;
      for (guint i = rp[r]; i < rp[r + 1]; i++)
        {
          float x = rintf ((float) ((pt[2 * i] * c->scale - c->ox) * SNAP)) / SNAP;
          float y = rintf ((float) ((pt[2 * i + 1] * c->scale - c->oy) * SNAP)) / SNAP;

          if (k > first && c->xy[2 * k - 2] == x && c->xy[2 * k - 1] == y)
            continue;
          c->xy[2 * k] = x;
          c->xy[2 * k + 1] = y;
          k++;
        }
      while (k > first + 1 && c->xy[2 * k - 2] == c->xy[2 * first] && c->xy[2 * k - 1] == c->xy[2 * first + 1])
        k--;
    }
  c->ring_start[n_rings] = k;

  for (guint a = 0; a < n_areas; a++)
    {
      wm_area_geometry_get_bbox (self->geometry, a, &x0, &y0, &x1, &y1);
      c->boxes[4 * a] = (float) (x0 * c->scale - c->ox) - 1;
      c->boxes[4 * a + 1] = (float) (y0 * c->scale - c->oy) - 1;
      c->boxes[4 * a + 2] = (float) (x1 * c->scale - c->ox) + 1;
      c->boxes[4 * a + 3] = (float) (y1 * c->scale - c->oy) + 1;
    }
  self->projections++;
}

static ZoomCache *
cache_for (WmChoroplethPainter *self,
           int                  zoom,
           double               tile_size)
{
  ZoomCache *oldest = &self->caches[0];

  for (guint i = 0; i < N_CACHES; i++)
    {
      ZoomCache *c = &self->caches[i];

      if (c->zoom == zoom && c->tile_size == tile_size)
        {
          c->used = ++self->tick;
          return c;
        }
      if (c->used < oldest->used)
        oldest = c;
    }
  cache_build (self, oldest, zoom, tile_size);
  oldest->used = ++self->tick;
  return oldest;
}

static void
colours_changed (WmChoroplethPainter *self)
{
  self->colour_serial++;
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
wm_choropleth_painter_dispose (GObject *object)
{
  WmChoroplethPainter *self = WM_CHOROPLETH_PAINTER (object);

  if (self->classification != NULL)
    g_clear_signal_handler (&self->changed_id, self->classification);
  g_clear_object (&self->classification);
  g_clear_object (&self->geometry);

  G_OBJECT_CLASS (wm_choropleth_painter_parent_class)->dispose (object);
}

static void
wm_choropleth_painter_finalize (GObject *object)
{
  WmChoroplethPainter *self = WM_CHOROPLETH_PAINTER (object);

  for (guint i = 0; i < N_CACHES; i++)
    cache_clear (&self->caches[i]);
  g_free (self->order);
  g_free (self->visible);
  wm_raster_clear (&self->raster);

  G_OBJECT_CLASS (wm_choropleth_painter_parent_class)->finalize (object);
}

static void
wm_choropleth_painter_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  WmChoroplethPainter *self = WM_CHOROPLETH_PAINTER (object);

  switch (prop_id)
    {
    case PROP_GEOMETRY: g_value_set_object (value, self->geometry); break;
    case PROP_CLASSIFICATION: g_value_set_object (value, self->classification); break;
    case PROP_OPACITY: g_value_set_double (value, self->opacity); break;
    case PROP_SELECTED: g_value_set_int (value, self->selected); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_choropleth_painter_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  WmChoroplethPainter *self = WM_CHOROPLETH_PAINTER (object);

  switch (prop_id)
    {
    case PROP_GEOMETRY: self->geometry = g_value_dup_object (value); break;
    case PROP_CLASSIFICATION: wm_choropleth_painter_set_classification (self, g_value_get_object (value)); break;
    case PROP_OPACITY: wm_choropleth_painter_set_opacity (self, g_value_get_double (value)); break;
    case PROP_SELECTED: wm_choropleth_painter_set_selected (self, g_value_get_int (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_choropleth_painter_constructed (GObject *object)
{
  WmChoroplethPainter *self = WM_CHOROPLETH_PAINTER (object);

  G_OBJECT_CLASS (wm_choropleth_painter_parent_class)->constructed (object);
  if (self->geometry == NULL)
    self->geometry = wm_area_geometry_new ();
  self->order = g_new (guint, MAX (wm_area_geometry_get_n_areas (self->geometry), 1));
  self->visible = g_new (guint, MAX (wm_area_geometry_get_n_areas (self->geometry), 1));
}

static void
wm_choropleth_painter_class_init (WmChoroplethPainterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = wm_choropleth_painter_dispose;
  object_class->finalize = wm_choropleth_painter_finalize;
  object_class->get_property = wm_choropleth_painter_get_property;
  object_class->set_property = wm_choropleth_painter_set_property;
  object_class->constructed = wm_choropleth_painter_constructed;

  properties[PROP_GEOMETRY] =
    g_param_spec_object ("geometry", NULL, NULL, WM_TYPE_AREA_GEOMETRY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLASSIFICATION] =
    g_param_spec_object ("classification", NULL, NULL, WM_TYPE_CLASSIFICATION, rw);
  properties[PROP_OPACITY] = g_param_spec_double ("opacity", NULL, NULL, 0, 1, 0.8, rw);
  properties[PROP_SELECTED] = g_param_spec_int ("selected", NULL, NULL, -1, G_MAXINT, -1, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WmChoroplethPainter::changed:
   *
   * What a frame shows changed (colours, opacity, selection): redraw.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
wm_choropleth_painter_init (WmChoroplethPainter *self)
{
  self->opacity = 0.8;
  self->selected = -1;
  self->colour_serial = 1;
  for (guint i = 0; i < N_CACHES; i++)
    self->caches[i].zoom = -1;
}

WmChoroplethPainter *
wm_choropleth_painter_new (WmAreaGeometry *geometry)
{
  g_return_val_if_fail (WM_IS_AREA_GEOMETRY (geometry), NULL);
  return g_object_new (WM_TYPE_CHOROPLETH_PAINTER, "geometry", geometry, NULL);
}

WmAreaGeometry *
wm_choropleth_painter_get_geometry (WmChoroplethPainter *self)
{
  g_return_val_if_fail (WM_IS_CHOROPLETH_PAINTER (self), NULL);
  return self->geometry;
}

/**
 * wm_choropleth_painter_set_classification:
 * @classification: (nullable): one value per area of the geometry, in the
 *   same order; %NULL draws every area as "no data"
 */
void
wm_choropleth_painter_set_classification (WmChoroplethPainter *self,
                                          WmClassification    *classification)
{
  g_return_if_fail (WM_IS_CHOROPLETH_PAINTER (self));
  g_return_if_fail (classification == NULL || WM_IS_CLASSIFICATION (classification));

  if (self->classification == classification)
    return;
  if (self->classification != NULL)
    g_clear_signal_handler (&self->changed_id, self->classification);
  g_set_object (&self->classification, classification);
  if (classification != NULL)
    self->changed_id = g_signal_connect_swapped (classification, "changed",
                                                 G_CALLBACK (colours_changed), self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLASSIFICATION]);
  colours_changed (self);
}

WmClassification *
wm_choropleth_painter_get_classification (WmChoroplethPainter *self)
{
  g_return_val_if_fail (WM_IS_CHOROPLETH_PAINTER (self), NULL);
  return self->classification;
}

void
wm_choropleth_painter_set_opacity (WmChoroplethPainter *self,
                                   double               opacity)
{
  g_return_if_fail (WM_IS_CHOROPLETH_PAINTER (self));

  opacity = CLAMP (opacity, 0, 1);
  if (self->opacity == opacity)
    return;
  self->opacity = opacity;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPACITY]);
  colours_changed (self);
}

double
wm_choropleth_painter_get_opacity (WmChoroplethPainter *self)
{
  g_return_val_if_fail (WM_IS_CHOROPLETH_PAINTER (self), 1);
  return self->opacity;
}

/* @area: an area of the geometry, or −1 for none */
void
wm_choropleth_painter_set_selected (WmChoroplethPainter *self,
                                    int                  area)
{
  g_return_if_fail (WM_IS_CHOROPLETH_PAINTER (self));

  if (area < 0 || (guint) area >= wm_area_geometry_get_n_areas (self->geometry))
    area = -1;
  if (self->selected == area)
    return;
  self->selected = area;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
  g_signal_emit (self, signals[CHANGED], 0);
}

int
wm_choropleth_painter_get_selected (WmChoroplethPainter *self)
{
  g_return_val_if_fail (WM_IS_CHOROPLETH_PAINTER (self), -1);
  return self->selected;
}

/* How many times vertices were projected to a zoom level (tests use it to
 * tell a recolour from a re-projection). */
guint
wm_choropleth_painter_get_projection_count (WmChoroplethPainter *self)
{
  g_return_val_if_fail (WM_IS_CHOROPLETH_PAINTER (self), 0);
  return self->projections;
}

/* Outline width in pixels: hairlines when the city fits the screen,
 * firmer lines on a street-level view. */
double
wm_choropleth_outline_width (double zoom)
{
  return CLAMP (0.6 * exp2 ((zoom - 13) / 2), 0.25, 2.0);
}

static void
hatch_lines (cairo_t *cr,
             int      direction,
             double   spacing)
{
  double x0, y0, x1, y1;

  cairo_clip_extents (cr, &x0, &y0, &x1, &y1);
  /* rising lines x + y = c, falling lines x − y = c, at multiples of the
   * spacing so the pattern stays put when the map pans */
  if (direction == 1 || direction == 2)
    for (double c = floor ((x0 + y0) / spacing) * spacing; c <= x1 + y1; c += spacing)
      {
        cairo_move_to (cr, c - y0, y0);
        cairo_line_to (cr, c - y1, y1);
      }
  if (direction == -1 || direction == 2)
    for (double c = floor ((x0 - y1) / spacing) * spacing; c <= x1 - y0; c += spacing)
      {
        cairo_move_to (cr, c + y0, y0);
        cairo_line_to (cr, c + y1, y1);
      }
}

/**
 * wm_swatch_paint:
 * @pixel: the size of a device pixel in user units (hatch spacing and
 *   line width are in device pixels)
 *
 * Fills the current path with @swatch and clears it: the map paints class
 * areas and the legend paints its boxes with this one function.
 */
void
wm_swatch_paint (const WmSwatch *swatch,
                 cairo_t        *cr,
                 double          opacity,
                 double          pixel)
{
  cairo_set_source_rgba (cr, WM_RGB_R (swatch->fill), WM_RGB_G (swatch->fill),
                         WM_RGB_B (swatch->fill), opacity);
  if (!swatch->hatched)
    {
      cairo_fill (cr);
      return;
    }
  cairo_save (cr);
  cairo_fill_preserve (cr);
  cairo_clip (cr);
  hatch_lines (cr, swatch->hatch_direction, WM_HATCH_SPACING * pixel);
  cairo_set_source_rgba (cr, WM_RGB_R (swatch->hatch), WM_RGB_G (swatch->hatch),
                         WM_RGB_B (swatch->hatch), opacity);
  cairo_set_line_width (cr, WM_HATCH_WIDTH * pixel);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* The rings of @area as closed sub-paths, in the cache's pixels. */
void
wm_zoom_cache_append_area (cairo_t         *cr,
                           const ZoomCache *c,
                           const guint     *area_rings,
                           guint            area)
{
  for (guint r = area_rings[area]; r < area_rings[area + 1]; r++)
    {
      guint i = c->ring_start[r], end = c->ring_start[r + 1];

      if (end - i < 3)
        continue;
      cairo_move_to (cr, c->xy[2 * i], c->xy[2 * i + 1]);
      for (i++; i < end; i++)
        cairo_line_to (cr, c->xy[2 * i], c->xy[2 * i + 1]);
      cairo_close_path (cr);
    }
}

static guint
class_bucket (guint cls)
{
  if (cls == WM_CLASS_NO_DATA)
    return WM_CLASSIFY_MAX_CLASSES;
  if (cls == WM_CLASS_SUPPRESSED)
    return WM_CLASSIFY_MAX_CLASSES + 1;
  return MIN (cls, WM_CLASSIFY_MAX_CLASSES);
}

/* Visible areas in layer order, and grouped by class (counting sort):
 * bucket b is order[start[b]] … order[start[b+1]−1]. */
static guint
sort_visible (WmChoroplethPainter *self,
              const ZoomCache     *c,
              const double        *view_box,
              guint               *start)
{
  guint n_areas = wm_area_geometry_get_n_areas (self->geometry), n_classes = 0;
  const guint8 *classes = NULL;
  guint counts[N_BUCKETS + 1] = { 0 };
  guint visible = 0;

  if (self->classification != NULL)
    {
      classes = wm_classification_get_area_classes (self->classification, &n_classes);
      if (n_classes != n_areas)
        classes = NULL;
    }

  for (int pass = 0; pass < 2; pass++)
    {
      for (guint a = 0; a < n_areas; a++)
        {
          const float *b = &c->boxes[4 * a];
          guint bucket;

          if (b[2] < view_box[0] || b[0] > view_box[2] || b[3] < view_box[1] || b[1] > view_box[3])
            continue;
          bucket = class_bucket (classes != NULL ? classes[a] : WM_CLASS_NO_DATA);
          if (pass == 0)
            {
              counts[bucket + 1]++;
              self->visible[visible++] = a;
            }
          else
            self->order[start[bucket] + counts[bucket]++] = a;
        }
      if (pass == 0)
        {
          for (guint i = 0; i < N_BUCKETS; i++)
            start[i + 1] = start[i] + counts[i + 1];
          memset (counts, 0, sizeof counts);
        }
    }
  return visible;
}

/* A white halo and a dark line around the selected area, on top. */
static void
stroke_selected (WmChoroplethPainter *self,
                 cairo_t             *cr,
                 const ZoomCache     *c,
                 double               pixel)
{
  if (self->selected < 0)
    return;
  cairo_new_path (cr);
  wm_zoom_cache_append_area (cr, c, wm_area_geometry_get_area_rings (self->geometry), self->selected);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_set_line_width (cr, 5 * pixel);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_set_line_width (cr, 2.5 * pixel);
  cairo_stroke (cr);
}

/* The cache's pixels at this view: centre, rotate, scale, shift. */
static void
view_transform (cairo_t         *cr,
                const WmMapView *view,
                const ZoomCache *c,
                double           s)
{
  cairo_translate (cr, view->width / 2, view->height / 2);
  cairo_rotate (cr, view->rotation);
  cairo_scale (cr, s, s);
  cairo_translate (cr, -(view->center_x * c->scale - c->ox), -(view->center_y * c->scale - c->oy));
}

/**
 * wm_choropleth_painter_draw:
 * @cr: any cairo context: a widget's, an image's, a PDF page's; the
 *   view's pixel (0, 0) is @cr's user-space origin
 *
 * Paints every area in @view by its class colour at the painter's opacity,
 * the no-data and suppressed areas hatched grey, the outlines, and the
 * selected area highlighted.
 */
void
wm_choropleth_painter_draw (WmChoroplethPainter *self,
                            cairo_t             *cr,
                            const WmMapView     *view)
{
  const guint *area_rings;
  guint start[N_BUCKETS + 1] = { 0 };
  double view_box[4], cx, cy, half_w, half_h, s, pixel;
  ZoomCache *c;
  int zoom;
  guint visible;

  g_return_if_fail (WM_IS_CHOROPLETH_PAINTER (self));
  g_return_if_fail (view != NULL && view->tile_size > 0);

  if (wm_area_geometry_get_n_areas (self->geometry) == 0)
    return;

  zoom = (int) CLAMP (ceil (view->zoom - 1e-6), 0, 30);
  c = cache_for (self, zoom, view->tile_size);
  s = exp2 (view->zoom - zoom);
  pixel = 1 / s;
  area_rings = wm_area_geometry_get_area_rings (self->geometry);

  /* the view's centre in cache pixels, and what it shows around it */
  cx = view->center_x * c->scale - c->ox;
  cy = view->center_y * c->scale - c->oy;
  if (view->rotation != 0)
    half_w = half_h = hypot (view->width, view->height) / 2 * pixel;
  else
    {
      half_w = view->width / 2 * pixel;
      half_h = view->height / 2 * pixel;
    }
  view_box[0] = cx - half_w;
  view_box[1] = cy - half_h;
  view_box[2] = cx + half_w;
  view_box[3] = cy + half_h;
  visible = sort_visible (self, c, view_box, start);
  if (visible == 0)
    return;

  cairo_save (cr);
  view_transform (cr, view, c, s);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);

  for (guint b = 0; b < N_BUCKETS; b++)
    {
      WmSwatch swatch;
      guint cls = b < WM_CLASSIFY_MAX_CLASSES ? b : (b == WM_CLASSIFY_MAX_CLASSES ? WM_CLASS_NO_DATA : WM_CLASS_SUPPRESSED);

      if (start[b] == start[b + 1])
        continue;
      if (self->classification == NULL || !wm_classification_get_swatch (self->classification, cls, &swatch))
        swatch = (WmSwatch) { 0xe0e0e0, TRUE, 0x8c8c8c, +1 };
      cairo_new_path (cr);
      for (guint i = start[b]; i < start[b + 1]; i++)
        wm_zoom_cache_append_area (cr, c, area_rings, self->order[i]);
      wm_swatch_paint (&swatch, cr, self->opacity, pixel);
    }

  /* in layer order, so a recolour leaves the outlines' pixels alone */
  cairo_new_path (cr);
  for (guint i = 0; i < visible; i++)
    wm_zoom_cache_append_area (cr, c, area_rings, self->visible[i]);
  cairo_set_source_rgba (cr, 0.2, 0.2, 0.2, 0.6);
  cairo_set_line_width (cr, wm_choropleth_outline_width (view->zoom) * pixel);
  cairo_stroke (cr);

  stroke_selected (self, cr, c, pixel);
  cairo_restore (cr);
}

static guint32
premultiply (WmRgb  rgb,
             double alpha)
{
  guint a = (guint) (CLAMP (alpha, 0, 1) * 255 + 0.5);
  guint r = (((rgb >> 16) & 0xff) * a + 127) / 255;
  guint g = (((rgb >> 8) & 0xff) * a + 127) / 255;
  guint b = ((rgb & 0xff) * a + 127) / 255;

  return (a << 24) | (r << 16) | (g << 8) | b;
}

static void
compose (WmChoroplethPainter *self)
{
  guint n = wm_area_geometry_get_n_areas (self->geometry), n_classes = 0;
  const guint8 *classes = NULL;
  g_autofree guint32 *fill = g_new0 (guint32, n + 1);
  g_autofree guint32 *hatch = g_new0 (guint32, n + 1);
  g_autofree guint8 *dir = g_new0 (guint8, n + 1);
  WmSwatch swatches[N_BUCKETS];

  if (self->classification != NULL)
    {
      classes = wm_classification_get_area_classes (self->classification, &n_classes);
      if (n_classes != n)
        classes = NULL;
    }
  for (guint b = 0; b < N_BUCKETS; b++)
    {
      guint cls = b < WM_CLASSIFY_MAX_CLASSES ? b : (b == WM_CLASSIFY_MAX_CLASSES ? WM_CLASS_NO_DATA : WM_CLASS_SUPPRESSED);

      if (self->classification == NULL || !wm_classification_get_swatch (self->classification, cls, &swatches[b]))
        swatches[b] = (WmSwatch) { 0xe0e0e0, TRUE, 0x8c8c8c, +1 };
    }
  for (guint a = 0; a < n; a++)
    {
      const WmSwatch *sw = &swatches[class_bucket (classes != NULL ? classes[a] : WM_CLASS_NO_DATA)];

      fill[a + 1] = premultiply (sw->fill, self->opacity);
      if (sw->hatched)
        {
          hatch[a + 1] = premultiply (sw->hatch, self->opacity);
          dir[a + 1] = sw->hatch_direction == 1 ? 1 : sw->hatch_direction == -1 ? 2 : 3;
        }
    }
  wm_raster_compose (&self->raster, fill, hatch, dir, premultiply (0x333333, 0.6));
  self->raster.composed = self->colour_serial;
}

/**
 * wm_choropleth_painter_draw_screen:
 * @device_scale: device pixels per view pixel (the widget's scale factor)
 *
 * What wm_choropleth_painter_draw() paints, fast enough for every frame of
 * an interactive map: same classes, colours, hatching and selection, but
 * area edges and outlines are not anti-aliased (see
 * wm-choropleth-raster.c). The rasterised areas are kept: a recolour
 * re-colours them, a pan within a margin of a sixteenth of the view moves
 * them.
 */
void
wm_choropleth_painter_draw_screen (WmChoroplethPainter *self,
                                   cairo_t             *cr,
                                   const WmMapView     *view,
                                   double               device_scale)
{
  WmRaster *r = &self->raster;
  double zoom, s, size, cx, cy, half_w, half_h, w, h;
  ZoomCache *c;
  int level;

  g_return_if_fail (WM_IS_CHOROPLETH_PAINTER (self));
  g_return_if_fail (view != NULL && view->tile_size > 0 && device_scale > 0);

  if (wm_area_geometry_get_n_areas (self->geometry) == 0 || view->width <= 0 || view->height <= 0)
    return;

  zoom = view->zoom + log2 (device_scale);
  level = (int) CLAMP (ceil (zoom - 1e-6), 0, 30);
  c = cache_for (self, level, view->tile_size);
  s = exp2 (zoom - level);
  size = view->tile_size * exp2 (zoom);
  cx = view->center_x * size;
  cy = view->center_y * size;
  w = view->width * device_scale;
  h = view->height * device_scale;
  half_w = view->rotation != 0 ? hypot (w, h) / 2 : w / 2;
  half_h = view->rotation != 0 ? half_w : h / 2;

  if (!r->valid || r->zoom != zoom || r->tile_size != view->tile_size ||
      cx - half_w < r->bx || cx + half_w > r->bx + r->width ||
      cy - half_h < r->by || cy + half_h > r->by + r->height)
    {
      int margin = (int) ceil (MAX (half_w, half_h) / 8);

      r->zoom = zoom;
      r->tile_size = view->tile_size;
      r->bx = floor (cx - half_w) - margin;
      r->by = floor (cy - half_h) - margin;
      r->width = (int) ceil (2 * half_w) + 2 * margin + 1;
      r->height = (int) ceil (2 * half_h) + 2 * margin + 1;
      wm_raster_render_ids (r, c, wm_area_geometry_get_area_rings (self->geometry),
                            wm_area_geometry_get_n_areas (self->geometry), s,
                            wm_choropleth_outline_width (view->zoom) >= 1.25);
    }
  if (r->composed != self->colour_serial)
    compose (self);

  cairo_save (cr);
  cairo_translate (cr, view->width / 2, view->height / 2);
  cairo_rotate (cr, view->rotation);
  cairo_scale (cr, 1 / device_scale, 1 / device_scale);
  if (view->rotation == 0)
    {
      /* whole device pixels: a plain copy, no resampling */
      cairo_set_source_surface (cr, r->rgba, round (r->bx - cx + w / 2) - w / 2, round (r->by - cy + h / 2) - h / 2);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
    }
  else
    {
      cairo_set_source_surface (cr, r->rgba, r->bx - cx, r->by - cy);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_BILINEAR);
    }
  cairo_paint (cr);
  cairo_restore (cr);

  if (self->selected >= 0)
    {
      s = exp2 (view->zoom - level + log2 (device_scale)) / device_scale;
      cairo_save (cr);
      view_transform (cr, view, c, s);
      stroke_selected (self, cr, c, 1 / s);
      cairo_restore (cr);
    }
}

/* How many times the screen path rasterised the areas (tests use it to
 * tell a recolour or a small pan from a redraw). */
guint
wm_choropleth_painter_get_raster_count (WmChoroplethPainter *self)
{
  g_return_val_if_fail (WM_IS_CHOROPLETH_PAINTER (self), 0);
  return self->raster.builds;
}

/**
 * wm_choropleth_painter_area_at:
 * @x, @y: a pixel of @view
 *
 * Returns: the area drawn at that pixel, or −1
 */
int
wm_choropleth_painter_area_at (WmChoroplethPainter *self,
                               const WmMapView     *view,
                               double               x,
                               double               y)
{
  double wx, wy;

  g_return_val_if_fail (WM_IS_CHOROPLETH_PAINTER (self), -1);
  wm_map_view_pixel_to_world (view, x, y, &wx, &wy);
  return wm_area_geometry_find (self->geometry, wx, wy);
}
