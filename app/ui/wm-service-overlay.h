/* wm-service-overlay.h — service-site markers on a map, filtered by user area, decluttered
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <shumate/shumate.h>

#include "wm-service-sites.h"

G_BEGIN_DECLS

/* Markers closer than this on screen become one cluster. */
#define WM_SERVICE_CLUSTER_RADIUS 26.0

#define WM_TYPE_SERVICE_OVERLAY (wm_service_overlay_get_type ())
G_DECLARE_FINAL_TYPE (WmServiceOverlay, wm_service_overlay, WM, SERVICE_OVERLAY, GObject)

WmServiceOverlay   *wm_service_overlay_new           (ShumateMap       *map);
void                wm_service_overlay_set_sites     (WmServiceOverlay *self,
                                                      WmServiceSites   *sites);
WmServiceSites     *wm_service_overlay_get_sites     (WmServiceOverlay *self);
void                wm_service_overlay_set_area_mask (WmServiceOverlay *self,
                                                      guint             mask);
guint               wm_service_overlay_get_area_mask (WmServiceOverlay *self);
ShumateMarkerLayer *wm_service_overlay_get_layer     (WmServiceOverlay *self);

G_END_DECLS
