/* wm-indicator-sidebar.h — choose the area layer and the indicator, grouped by theme
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <gtk/gtk.h>

#include "wm-indicator-def.h"

G_BEGIN_DECLS

#define WM_TYPE_INDICATOR_SIDEBAR (wm_indicator_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (WmIndicatorSidebar, wm_indicator_sidebar, WM, INDICATOR_SIDEBAR, GtkWidget)

GtkWidget     *wm_indicator_sidebar_new           (void);
void           wm_indicator_sidebar_set_indicator (WmIndicatorSidebar *self,
                                                   WmIndicatorId       indicator);
WmIndicatorId  wm_indicator_sidebar_get_indicator (WmIndicatorSidebar *self);
void           wm_indicator_sidebar_set_layers    (WmIndicatorSidebar *self,
                                                   const char * const *names);
void           wm_indicator_sidebar_set_layer     (WmIndicatorSidebar *self,
                                                   guint               index);
guint          wm_indicator_sidebar_get_layer     (WmIndicatorSidebar *self);
void           wm_indicator_sidebar_set_search    (WmIndicatorSidebar *self,
                                                   const char         *text);
guint          wm_indicator_sidebar_count_visible (WmIndicatorSidebar *self);

G_END_DECLS
