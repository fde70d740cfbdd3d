/* wm-window-private.h — what the parts of the main window share
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include "wm-area-pane.h"
#include "wm-atlas.h"
#include "wm-choropleth-layer.h"
#include "wm-extract.h"
#include "wm-indicator-sidebar.h"
#include "wm-legend-view.h"
#include "wm-map-model.h"
#include "wm-service-overlay.h"
#include "wm-timeline.h"
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

  /* the map of indicators (wm-window-map.c) */
  WmMapModel *model;
  WmChoroplethLayer *choropleth;      /* owned by the map */
  GCancellable *loading;
  gboolean fitted;
  gboolean presentation;

  /* template */
  AdwWindowTitle *window_title;
  AdwToastOverlay *toast_overlay;
  GtkOverlay *map_overlay;
  ShumateSimpleMap *simple_map;
  GtkMenuButton *services_button;
  GtkButton *open_button;
  GtkLabel *role_badge;
  GtkToggleButton *sidebar_button;
  GtkButton *fullscreen_button;
  AdwFlap *flap;
  WmIndicatorSidebar *sidebar;
  GtkWidget *legend_card;
  WmLegendView *legend;
  GtkMenuButton *classes_button;
  WmAreaPane *area_pane;
  GtkWidget *busy_card;
  GtkSpinner *busy_spinner;
  GtkLabel *busy_label;
  GtkWidget *empty_card;
  GtkButton *reopen_button;
  WmTimeline *timeline;
};

void wm_window_extract_class_init (GtkWidgetClass *widget_class);
void wm_window_extract_init       (WmWindow       *self);
void wm_window_extract_dispose    (WmWindow       *self);
void wm_window_extract_constructed (WmWindow      *self);

void wm_window_atlas_class_init   (GtkWidgetClass *widget_class);
void wm_window_atlas_init         (WmWindow       *self);
WmAtlas   *wm_window_make_atlas        (WmWindow        *self,
                                        gboolean         map_only,
                                        GError         **error);
GtkWidget *wm_window_progress_card_new (WmWindow        *self,
                                        const char      *cancel_action,
                                        GtkLabel       **label,
                                        GtkProgressBar **bar);
void wm_window_export_class_init  (GtkWidgetClass *widget_class);
void wm_window_export_init        (WmWindow       *self);

void wm_window_map_class_init     (GtkWidgetClass *widget_class);
void wm_window_map_init           (WmWindow       *self);
void wm_window_map_dispose        (WmWindow       *self);
void wm_window_map_set_extract    (WmWindow       *self,
                                   WmExtract      *extract);

G_END_DECLS
