/* wm-area-pane.h — what the map knows about one area: value, counts, rank, trend
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <gtk/gtk.h>

#include "wm-map-model.h"

G_BEGIN_DECLS

#define WM_TYPE_AREA_PANE (wm_area_pane_get_type ())
G_DECLARE_FINAL_TYPE (WmAreaPane, wm_area_pane, WM, AREA_PANE, GtkWidget)

GtkWidget  *wm_area_pane_new          (void);
void        wm_area_pane_show_area    (WmAreaPane    *self,
                                       WmMapModel    *model,
                                       guint          geometry_area);
int         wm_area_pane_get_area     (WmAreaPane    *self);
const char *wm_area_pane_get_text     (WmAreaPane    *self);

G_END_DECLS
