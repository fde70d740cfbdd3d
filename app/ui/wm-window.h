/* wm-window.h — the main window: the map and everything around it
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <adwaita.h>
#include <shumate/shumate.h>

#include "wm-application.h"
#include "wm-choropleth-layer.h"
#include "wm-extract.h"
#include "wm-map-model.h"
#include "wm-service-overlay.h"

G_BEGIN_DECLS

/* Povo (Trento), the bundled demo. */
#define WM_HOME_LATITUDE  46.0660
#define WM_HOME_LONGITUDE 11.1560
#define WM_HOME_ZOOM      14.0

#define WM_TYPE_WINDOW (wm_window_get_type ())
G_DECLARE_FINAL_TYPE (WmWindow, wm_window, WM, WINDOW, AdwApplicationWindow)

WmWindow    *wm_window_new              (WmApplication *app);
ShumateMap  *wm_window_get_map          (WmWindow      *self);
gboolean     wm_window_load_basemap     (WmWindow      *self,
                                         const char    *path,
                                         GError       **error);
void         wm_window_show_error       (WmWindow      *self,
                                         const char    *heading,
                                         const GError  *error);
const char  *wm_window_get_last_error   (WmWindow      *self);
void         wm_window_set_service_sites (WmWindow     *self,
                                          WmServiceSites *sites);
WmServiceOverlay *wm_window_get_service_overlay (WmWindow *self);
GtkWindow   *wm_window_open_file        (WmWindow      *self,
                                         GFile         *file);
gboolean     wm_window_set_extract      (WmWindow      *self,
                                         WmExtract     *extract,
                                         GError       **error);
WmExtract   *wm_window_get_extract      (WmWindow      *self);
WmMapModel  *wm_window_get_map_model    (WmWindow      *self);
WmChoroplethLayer *wm_window_get_choropleth (WmWindow  *self);
gboolean     wm_window_add_layer_file   (WmWindow      *self,
                                         const char    *path,
                                         GError       **error);

G_END_DECLS
