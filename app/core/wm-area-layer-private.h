/* wm-area-layer-private.h — building a layer while an extract is loaded
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include "wm-area-layer.h"

G_BEGIN_DECLS

WmAreaLayer *wm_area_layer_new      (gint64          id,
                                     const char     *code,
                                     const char     *name,
                                     int             level,
                                     WmAreaJoinKind  join_kind);
void         wm_area_layer_add_area (WmAreaLayer    *self,
                                     gint64          id,
                                     const char     *code,
                                     const char     *name,
                                     double          label_lon,
                                     double          label_lat);

G_END_DECLS
