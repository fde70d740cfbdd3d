/* wm-choropleth-layer.h — a ShumateLayer showing areas by class colour
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <shumate/shumate.h>

#include "wm-choropleth-painter.h"

G_BEGIN_DECLS

#define WM_TYPE_CHOROPLETH_LAYER (wm_choropleth_layer_get_type ())
G_DECLARE_FINAL_TYPE (WmChoroplethLayer, wm_choropleth_layer, WM, CHOROPLETH_LAYER, ShumateLayer)

WmChoroplethLayer   *wm_choropleth_layer_new               (ShumateViewport   *viewport);
void                 wm_choropleth_layer_set_geometry      (WmChoroplethLayer *self,
                                                            WmAreaGeometry    *geometry);
WmAreaGeometry      *wm_choropleth_layer_get_geometry      (WmChoroplethLayer *self);
void                 wm_choropleth_layer_set_classification (WmChoroplethLayer *self,
                                                            WmClassification  *classification);
WmClassification    *wm_choropleth_layer_get_classification (WmChoroplethLayer *self);
void                 wm_choropleth_layer_set_values        (WmChoroplethLayer *self,
                                                            const double      *values,
                                                            const guint8      *status,
                                                            guint              n_areas,
                                                            const int         *years,
                                                            guint              n_years);
WmChoroplethPainter *wm_choropleth_layer_get_painter       (WmChoroplethLayer *self);
void                 wm_choropleth_layer_set_selected      (WmChoroplethLayer *self,
                                                            int                area);
int                  wm_choropleth_layer_get_selected      (WmChoroplethLayer *self);
void                 wm_choropleth_layer_set_opacity       (WmChoroplethLayer *self,
                                                            double             opacity);
double               wm_choropleth_layer_get_opacity       (WmChoroplethLayer *self);
int                  wm_choropleth_layer_area_at           (WmChoroplethLayer *self,
                                                            double             x,
                                                            double             y);
char                *wm_choropleth_layer_describe_area     (WmChoroplethLayer *self,
                                                            guint              area);
void                 wm_choropleth_layer_get_map_view      (WmChoroplethLayer *self,
                                                            WmMapView         *view);

G_END_DECLS
