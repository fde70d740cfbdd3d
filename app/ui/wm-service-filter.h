/* wm-service-filter.h — a popover choosing which user areas' services the map shows
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <gtk/gtk.h>

#include "wm-service-overlay.h"

G_BEGIN_DECLS

#define WM_TYPE_SERVICE_FILTER (wm_service_filter_get_type ())
G_DECLARE_FINAL_TYPE (WmServiceFilter, wm_service_filter, WM, SERVICE_FILTER, GtkPopover)

GtkWidget *wm_service_filter_new         (WmServiceOverlay *overlay);
void       wm_service_filter_update_counts (WmServiceFilter *self);

G_END_DECLS
