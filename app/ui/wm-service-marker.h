/* wm-service-marker.h — one service site, or a cluster of them, on the map
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <shumate/shumate.h>

#include "wm-service-sites.h"

G_BEGIN_DECLS

#define WM_TYPE_SERVICE_MARKER (wm_service_marker_get_type ())
G_DECLARE_FINAL_TYPE (WmServiceMarker, wm_service_marker, WM, SERVICE_MARKER, ShumateMarker)

WmServiceMarker *wm_service_marker_new          (WmServiceSites         *sites,
                                                 const WmServiceCluster *cluster,
                                                 const guint            *members);
guint            wm_service_marker_get_n_sites  (WmServiceMarker        *self);
const WmServiceSite *wm_service_marker_get_site (WmServiceMarker        *self,
                                                 guint                   index);
void             wm_service_marker_show_details (WmServiceMarker        *self);
GtkPopover      *wm_service_marker_get_popover  (WmServiceMarker        *self);

G_END_DECLS
