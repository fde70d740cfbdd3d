/* wm-map-view.c — Web-Mercator "world" coordinates and a map view
 *
 * The formulas are libshumate's (shumate_map_source_get_x/_y and the
 * viewport's rotation about the widget centre), so a layer drawn from
 * these numbers sits exactly on the basemap tiles.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <math.h>

#include "wm-map-view.h"

void
wm_mercator_project (double  lon,
                     double  lat,
                     double *x,
                     double *y)
{
  double s;

  lon = CLAMP (lon, -180.0, 180.0);
  lat = CLAMP (lat, -WM_MERCATOR_MAX_LATITUDE, WM_MERCATOR_MAX_LATITUDE);
  s = sin (lat * G_PI / 180.0);
  *x = (lon + 180.0) / 360.0;
  *y = 0.5 - log ((1.0 + s) / (1.0 - s)) / (4.0 * G_PI);
}

void
wm_mercator_unproject (double  x,
                       double  y,
                       double *lon,
                       double *lat)
{
  *lon = x * 360.0 - 180.0;
  *lat = 180.0 / G_PI * atan (sinh (G_PI * (1.0 - 2.0 * y)));
}

void
wm_map_view_init (WmMapView *view,
                  double     lat,
                  double     lon,
                  double     zoom,
                  double     width,
                  double     height)
{
  memset (view, 0, sizeof *view);
  wm_mercator_project (lon, lat, &view->center_x, &view->center_y);
  view->zoom = zoom;
  view->tile_size = 256;
  view->width = width;
  view->height = height;
}

/**
 * wm_map_view_fit:
 * @margin: pixels kept free on every side
 *
 * The view, not rotated, that shows the world rectangle (@x0, @y0)–(@x1,
 * @y1) as large as fits: what the atlas prints.
 */
void
wm_map_view_fit (WmMapView *view,
                 double     x0,
                 double     y0,
                 double     x1,
                 double     y1,
                 double     width,
                 double     height,
                 double     margin)
{
  double w = MAX (x1 - x0, 1e-12), h = MAX (y1 - y0, 1e-12);
  double avail_w = MAX (width - 2 * margin, 1), avail_h = MAX (height - 2 * margin, 1);
  double scale = MIN (avail_w / w, avail_h / h);

  memset (view, 0, sizeof *view);
  view->tile_size = 256;
  view->zoom = log2 (scale / view->tile_size);
  view->center_x = (x0 + x1) / 2;
  view->center_y = (y0 + y1) / 2;
  view->width = width;
  view->height = height;
}

/* Pixels per world unit. */
double
wm_map_view_scale (const WmMapView *view)
{
  return view->tile_size * exp2 (view->zoom);
}

void
wm_map_view_world_to_pixel (const WmMapView *view,
                            double           wx,
                            double           wy,
                            double          *px,
                            double          *py)
{
  double s = wm_map_view_scale (view);
  double dx = (wx - view->center_x) * s, dy = (wy - view->center_y) * s;
  double c = cos (view->rotation), n = sin (view->rotation);

  *px = c * dx - n * dy + view->width / 2;
  *py = n * dx + c * dy + view->height / 2;
}

void
wm_map_view_pixel_to_world (const WmMapView *view,
                            double           px,
                            double           py,
                            double          *wx,
                            double          *wy)
{
  double s = wm_map_view_scale (view);
  double dx = px - view->width / 2, dy = py - view->height / 2;
  double c = cos (view->rotation), n = sin (view->rotation);

  *wx = view->center_x + (c * dx + n * dy) / s;
  *wy = view->center_y + (-n * dx + c * dy) / s;
}

void
wm_map_view_lonlat_to_pixel (const WmMapView *view,
                             double           lon,
                             double           lat,
                             double          *px,
                             double          *py)
{
  double wx, wy;

  wm_mercator_project (lon, lat, &wx, &wy);
  wm_map_view_world_to_pixel (view, wx, wy, px, py);
}
