/* wm-mercator.h — Web Mercator (EPSG:3857) as web maps tile it
 *
 * "World" coordinates: the whole world is 256 × 256 units at zoom 0, x to
 * the east, y to the south; at zoom z one unit is 2^z pixels.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <glib.h>
#include <math.h>

G_BEGIN_DECLS

#define WM_MERCATOR_MAX_LATITUDE 85.05112877980659
#define WM_TILE_SIZE 256

static inline void
wm_mercator_project (double  lon,
                     double  lat,
                     double *x,
                     double *y)
{
  double phi = CLAMP (lat, -WM_MERCATOR_MAX_LATITUDE, WM_MERCATOR_MAX_LATITUDE) * G_PI / 180.0;

  *x = (lon + 180.0) / 360.0 * WM_TILE_SIZE;
  *y = (1.0 - log (tan (phi) + 1.0 / cos (phi)) / G_PI) / 2.0 * WM_TILE_SIZE;
}

static inline void
wm_mercator_unproject (double  x,
                       double  y,
                       double *lon,
                       double *lat)
{
  *lon = x / WM_TILE_SIZE * 360.0 - 180.0;
  *lat = atan (sinh (G_PI * (1.0 - 2.0 * y / WM_TILE_SIZE))) * 180.0 / G_PI;
}

/* Metres per pixel at @lat and zoom @zoom (WGS84 equatorial circumference). */
static inline double
wm_mercator_ground_resolution (double lat,
                               double zoom)
{
  return cos (lat * G_PI / 180.0) * 40075016.686 / (WM_TILE_SIZE * exp2 (zoom));
}

G_END_DECLS
