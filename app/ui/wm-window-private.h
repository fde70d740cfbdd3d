/* wm-window-private.h — what the parts of the main window share
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include "wm-extract.h"
#include "wm-service-overlay.h"
#include "wm-window.h"

G_BEGIN_DECLS

struct _WmWindow
{
  AdwApplicationWindow parent_instance;

  GSettings *settings;
  ShumateMapSource *basemap;
  ShumateMapLayer *basemap_layer;   /* owned by the map */
  WmServiceOverlay *services;
  WmExtract *extract;
  char *last_error;

  /* template */
  AdwWindowTitle *window_title;
  AdwToastOverlay *toast_overlay;
  GtkOverlay *map_overlay;
  ShumateSimpleMap *simple_map;
  GtkMenuButton *services_button;
  GtkButton *open_button;
  GtkLabel *role_badge;
};

void wm_window_extract_class_init (GtkWidgetClass *widget_class);
void wm_window_extract_init       (WmWindow       *self);
void wm_window_extract_dispose    (WmWindow       *self);

G_END_DECLS
