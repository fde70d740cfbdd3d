/* wm-map-view.h — Web-Mercator "world" coordinates and a map view
 *
 * World coordinates are Web-Mercator scaled to [0, 1] × [0, 1], x east from
 * 180° W, y south from 85.05° N, the way libshumate and tile servers count:
 * a pixel of zoom z is world × tile_size × 2^z.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WM_MERCATOR_MAX_LATITUDE 85.0511287798
/* Pixels of a tile at an integer zoom, for tile servers and MBTiles packs. */
#define WM_TILE_SIZE 256

/* What a map shows: the same numbers as a ShumateViewport. */
typedef struct {
  double center_x;    /* world */
  double center_y;
  double zoom;        /* may be fractional */
  double tile_size;   /* pixels per tile at an integer zoom, usually 256 */
  double rotation;    /* radians, clockwise on screen */
  double width;       /* pixels */
  double height;
} WmMapView;

void     wm_mercator_project      (double     lon,
                                   double     lat,
                                   double    *x,
                                   double    *y);
void     wm_mercator_unproject    (double     x,
                                   double     y,
                                   double    *lon,
                                   double    *lat);

void     wm_map_view_init         (WmMapView *view,
                                   double     lat,
                                   double     lon,
                                   double     zoom,
                                   double     width,
                                   double     height);
void     wm_map_view_fit          (WmMapView *view,
                                   double     x0,
                                   double     y0,
                                   double     x1,
                                   double     y1,
                                   double     width,
                                   double     height,
                                   double     margin);
double   wm_map_view_scale        (const WmMapView *view);
void     wm_map_view_world_to_pixel (const WmMapView *view,
                                     double           wx,
                                     double           wy,
                                     double          *px,
                                     double          *py);
void     wm_map_view_pixel_to_world (const WmMapView *view,
                                     double           px,
                                     double           py,
                                     double          *wx,
                                     double          *wy);
void     wm_map_view_lonlat_to_pixel (const WmMapView *view,
                                      double           lon,
                                      double           lat,
                                      double          *px,
                                      double          *py);

G_END_DECLS
