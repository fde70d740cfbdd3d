/* wm-choropleth-painter.h — draws an area layer by class colour with cairo
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "wm-area-geometry.h"
#include "wm-classification.h"
#include "wm-map-view.h"

G_BEGIN_DECLS

#define WM_TYPE_CHOROPLETH_PAINTER (wm_choropleth_painter_get_type ())
G_DECLARE_FINAL_TYPE (WmChoroplethPainter, wm_choropleth_painter, WM, CHOROPLETH_PAINTER, GObject)

WmChoroplethPainter *wm_choropleth_painter_new          (WmAreaGeometry      *geometry);
WmAreaGeometry   *wm_choropleth_painter_get_geometry    (WmChoroplethPainter *self);
void              wm_choropleth_painter_set_classification (WmChoroplethPainter *self,
                                                         WmClassification    *classification);
WmClassification *wm_choropleth_painter_get_classification (WmChoroplethPainter *self);
void              wm_choropleth_painter_set_opacity     (WmChoroplethPainter *self,
                                                         double               opacity);
double            wm_choropleth_painter_get_opacity     (WmChoroplethPainter *self);
void              wm_choropleth_painter_set_selected    (WmChoroplethPainter *self,
                                                         int                  area);
int               wm_choropleth_painter_get_selected    (WmChoroplethPainter *self);

void              wm_choropleth_painter_draw            (WmChoroplethPainter *self,
                                                         cairo_t             *cr,
                                                         const WmMapView     *view);
void              wm_choropleth_painter_draw_screen     (WmChoroplethPainter *self,
                                                         cairo_t             *cr,
                                                         const WmMapView     *view,
                                                         double               device_scale);
guint             wm_choropleth_painter_get_raster_count (WmChoroplethPainter *self);
int               wm_choropleth_painter_area_at         (WmChoroplethPainter *self,
                                                         const WmMapView     *view,
                                                         double               x,
                                                         double               y);
guint             wm_choropleth_painter_get_projection_count (WmChoroplethPainter *self);
double            wm_choropleth_outline_width           (double               zoom);

void              wm_swatch_paint                       (const WmSwatch      *swatch,
                                                         cairo_t             *cr,
                                                         double               opacity,
                                                         double               pixel);

G_END_DECLS
