/* wm-basemap.h — render an offline raster basemap from vector layers
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "wm-basemap-style.h"

G_BEGIN_DECLS

#define WM_BASEMAP_ERROR (wm_basemap_error_quark ())

typedef enum {
  WM_BASEMAP_ERROR_SOURCE,
  WM_BASEMAP_ERROR_NO_FEATURES,
  WM_BASEMAP_ERROR_TOO_MANY_TILES,
  WM_BASEMAP_ERROR_ZOOM,
} WmBasemapError;

/* Beyond this the job is not a town's basemap but a country's. */
#define WM_BASEMAP_MAX_TILES 250000
/* Tiles of plain ground drawn around the data's extent at every zoom. */
#define WM_BASEMAP_PAD_TILES 6

typedef void (*WmBasemapProgress) (guint    done,
                                   guint    total,
                                   gpointer user_data);

#define WM_TYPE_BASEMAP (wm_basemap_get_type ())
G_DECLARE_FINAL_TYPE (WmBasemap, wm_basemap, WM, BASEMAP, GObject)

GQuark           wm_basemap_error_quark  (void);
WmBasemap       *wm_basemap_new          (void);
gboolean         wm_basemap_add_source   (WmBasemap        *self,
                                          const char       *path,
                                          const char       *layer,
                                          WmBasemapRole     role,
                                          GError          **error);
gboolean         wm_basemap_add_source_spec (WmBasemap     *self,
                                             const char    *spec,
                                             GError       **error);
guint            wm_basemap_get_n_features (WmBasemap      *self);
gboolean         wm_basemap_get_bounds   (WmBasemap        *self,
                                          double           *west,
                                          double           *south,
                                          double           *east,
                                          double           *north);
cairo_surface_t *wm_basemap_render_tile  (WmBasemap        *self,
                                          int               zoom,
                                          int               x,
                                          int               y);
guint            wm_basemap_count_tiles  (const double     *bounds,
                                          int               min_zoom,
                                          int               max_zoom,
                                          int               pad);
gboolean         wm_basemap_write_mbtiles (WmBasemap       *self,
                                           const char      *path,
                                           int              min_zoom,
                                           int              max_zoom,
                                           const double    *bounds,
                                           const char      *name,
                                           WmBasemapProgress progress,
                                           gpointer         user_data,
                                           GCancellable    *cancellable,
                                           GError         **error);

G_END_DECLS
