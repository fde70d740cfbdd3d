/* wm-area-layer.h — one boundary layer of an extract: its areas, ids, codes, names
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* area_layer.join_kind: how the importer placed dwellings in the layer */
typedef enum {
  WM_AREA_JOIN_POINT_IN_POLYGON = 1,
  WM_AREA_JOIN_SECTION_TABLE = 2,
} WmAreaJoinKind;

#define WM_TYPE_AREA_LAYER (wm_area_layer_get_type ())
G_DECLARE_FINAL_TYPE (WmAreaLayer, wm_area_layer, WM, AREA_LAYER, GObject)

gint64       wm_area_layer_get_id          (WmAreaLayer *self);
const char  *wm_area_layer_get_code        (WmAreaLayer *self);
const char  *wm_area_layer_get_name        (WmAreaLayer *self);
int          wm_area_layer_get_level       (WmAreaLayer *self);
WmAreaJoinKind wm_area_layer_get_join_kind (WmAreaLayer *self);
guint        wm_area_layer_get_n_areas     (WmAreaLayer *self);
gint64       wm_area_layer_get_area_id     (WmAreaLayer *self,
                                            guint        area);
const char  *wm_area_layer_get_area_code   (WmAreaLayer *self,
                                            guint        area);
const char  *wm_area_layer_get_area_name   (WmAreaLayer *self,
                                            guint        area);
gboolean     wm_area_layer_get_area_label_point (WmAreaLayer *self,
                                                 guint        area,
                                                 double      *lon,
                                                 double      *lat);
int          wm_area_layer_find_area       (WmAreaLayer *self,
                                            const char  *code);
int          wm_area_layer_find_area_id    (WmAreaLayer *self,
                                            gint64       id);

G_END_DECLS
