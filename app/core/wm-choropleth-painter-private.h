/* wm-choropleth-painter-private.h — shared by the painter's vector and raster paths
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include "wm-choropleth-painter.h"

/* Hatch lines, in device pixels: wide enough that some pixels are fully
 * the hatch colour. */
#define WM_HATCH_SPACING 8.0
#define WM_HATCH_WIDTH 2.0

/* Pixel paths of every area at one integer zoom level. */
typedef struct {
  int zoom;
  double tile_size;
  double scale;        /* pixels per world unit */
  double ox, oy;       /* the cache's pixel origin at this zoom */
  float *xy;
  guint *ring_start;   /* n_rings + 1, in points */
  float *boxes;        /* x0, y0, x1, y1 per area, relative to the origin */
  guint64 used;
} ZoomCache;

void wm_zoom_cache_append_area (cairo_t         *cr,
                                const ZoomCache *c,
                                const guint     *area_rings,
                                guint            area);

/* The interactive path: areas rasterised once per view as ids (area + 1
 * per pixel, no anti-aliasing), then coloured per pixel through a
 * look-up table, outlines where the id changes. */
typedef struct {
  gboolean valid;
  double zoom;           /* the view's exact zoom × device scale */
  double tile_size;
  double bx, by;         /* the buffer's corner in pixels of that zoom */
  int width, height;
  cairo_surface_t *ids;  /* ARGB32: 0xff000000 | (area + 1), 0 where none */
  guint8 *edges;         /* 1 where the outline goes, width × height */
  cairo_surface_t *rgba; /* ARGB32, composed from ids */
  GArray *runs;          /* WmRasterRun: each row cut where the id changes */
  guint n_areas;
  guint32 *fill;         /* the colours last composed, per id */
  guint32 *hatch;
  guint8 *hatch_dir;
  gboolean composed_all; /* every run holds the colours above */
  guint composed;        /* the colour serial it was composed for */
  guint builds;
} WmRaster;

typedef struct {
  guint32 id;
  guint16 y, x0, x1;     /* pixels x0 … x1 − 1 of row y */
} WmRasterRun;

void wm_raster_clear       (WmRaster        *r);
void wm_raster_render_ids  (WmRaster        *r,
                            const ZoomCache *c,
                            const guint     *area_rings,
                            guint            n_areas,
                            double           s,
                            gboolean         wide_outline);
void wm_raster_compose     (WmRaster        *r,
                            const guint32   *fill,
                            const guint32   *hatch,
                            const guint8    *hatch_dir,
                            guint32          outline);
