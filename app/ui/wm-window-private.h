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

/* A short message over the map, gone after a few seconds. */
void wm_window_toast              (WmWindow       *self,
                                   const char     *message);

void wm_window_extract_class_init (GtkWidgetClass *widget_class);
void wm_window_extract_init       (WmWindow       *self);
void wm_window_extract_dispose    (WmWindow       *self);
void wm_window_extract_constructed (WmWindow      *self);

void wm_window_atlas_class_init   (GtkWidgetClass *widget_class);
void wm_window_atlas_init         (WmWindow       *self);
WmAtlas   *wm_window_make_atlas        (WmWindow        *self,
                                        gboolean         map_only,
                                        GError         **error);

/* wm-window-job.c: a file written in the background, with a progress card */
typedef struct {
  const char *key;              /* the job's state on the window */
  const char *card_key;         /* its progress card, for tests */
  const char *cancel_action;
  /* N_() strings, translated when shown */
  const char *starting;
  const char *busy;
  const char *cancelled;
  const char *failed;           /* the heading of the error */
  char *(*describe_progress) (guint done, guint n);
  char *(*describe_saved)    (const char *name);
} WmWindowJobKind;

void          wm_window_job_init               (WmWindow              *self,
                                                const WmWindowJobKind *kind);
GCancellable *wm_window_job_begin              (WmWindow              *self,
                                                const WmWindowJobKind *kind,
                                                const char            *path);
gpointer      wm_window_job_progress_data      (WmWindow              *self,
                                                const WmWindowJobKind *kind);
void          wm_window_job_progress_data_free (gpointer               data);
void          wm_window_job_progress           (guint                  done,
                                                guint                  n,
                                                gpointer               data);
void          wm_window_job_end                (WmWindow              *self,
                                                const WmWindowJobKind *kind,
                                                const GError          *error);
void          wm_window_job_cancel             (WmWindow              *self,
                                                const WmWindowJobKind *kind);
void wm_window_export_class_init  (GtkWidgetClass *widget_class);
void wm_window_export_init        (WmWindow       *self);

void wm_window_map_class_init     (GtkWidgetClass *widget_class);
void wm_window_map_init           (WmWindow       *self);
void wm_window_map_dispose        (WmWindow       *self);
void wm_window_map_set_extract    (WmWindow       *self,
                                   WmExtract      *extract);

G_END_DECLS
