/* wm-mbtiles.h — read tiles and metadata from an MBTiles file
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define WM_MBTILES_ERROR (wm_mbtiles_error_quark ())

typedef enum {
  WM_MBTILES_ERROR_NOT_FOUND,
  WM_MBTILES_ERROR_EMPTY,
  WM_MBTILES_ERROR_NOT_MBTILES,
  WM_MBTILES_ERROR_CORRUPT,
  WM_MBTILES_ERROR_FORMAT,
} WmMbtilesError;

#define WM_TYPE_MBTILES (wm_mbtiles_get_type ())
G_DECLARE_FINAL_TYPE (WmMbtiles, wm_mbtiles, WM, MBTILES, GObject)

GQuark       wm_mbtiles_error_quark     (void);
WmMbtiles   *wm_mbtiles_open            (const char  *path,
                                         GError     **error);
const char  *wm_mbtiles_get_path        (WmMbtiles   *self);
const char  *wm_mbtiles_get_name        (WmMbtiles   *self);
const char  *wm_mbtiles_get_attribution (WmMbtiles   *self);
const char  *wm_mbtiles_get_format      (WmMbtiles   *self);
int          wm_mbtiles_get_min_zoom    (WmMbtiles   *self);
int          wm_mbtiles_get_max_zoom    (WmMbtiles   *self);
gboolean     wm_mbtiles_get_bounds      (WmMbtiles   *self,
                                         double      *west,
                                         double      *south,
                                         double      *east,
                                         double      *north);
gboolean     wm_mbtiles_get_center      (WmMbtiles   *self,
                                         double      *lon,
                                         double      *lat,
                                         int         *zoom);
GBytes      *wm_mbtiles_get_tile        (WmMbtiles   *self,
                                         int          x,
                                         int          y,
                                         int          zoom,
                                         GError     **error);
gint64       wm_mbtiles_count_tiles     (WmMbtiles   *self,
                                         GError     **error);
GBytes      *wm_mbtiles_empty_tile      (void);

G_END_DECLS
