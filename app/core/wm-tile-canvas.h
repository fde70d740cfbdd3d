/* wm-tile-canvas.h — draw a basemap tile pack into any cairo context
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "wm-map-view.h"
#include "wm-mbtiles.h"

G_BEGIN_DECLS

#define WM_TYPE_TILE_CANVAS (wm_tile_canvas_get_type ())
G_DECLARE_FINAL_TYPE (WmTileCanvas, wm_tile_canvas, WM, TILE_CANVAS, GObject)

WmTileCanvas *wm_tile_canvas_new           (WmMbtiles       *mbtiles);
int           wm_tile_canvas_choose_zoom   (WmTileCanvas    *self,
                                            const WmMapView *view,
                                            double           device_scale);
guint         wm_tile_canvas_draw          (WmTileCanvas    *self,
                                            cairo_t         *cr,
                                            const WmMapView *view,
                                            double           device_scale);
guint         wm_tile_canvas_get_n_decoded (WmTileCanvas    *self);
const char   *wm_tile_canvas_get_attribution (WmTileCanvas  *self);

G_END_DECLS
