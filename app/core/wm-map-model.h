/* wm-map-model.h — what the map shows: layer, indicator, year, classes (no GTK)
 *
 * The window binds widgets to a WmMapModel; the atlas and tests drive the
 * same object without a display.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "wm-area-geometry.h"
#include "wm-extract.h"
#include "wm-classification.h"
#include "wm-indicator-engine.h"

G_BEGIN_DECLS

#define WM_MAP_MODEL_ERROR (wm_map_model_error_quark ())

typedef enum {
  WM_MAP_MODEL_ERROR_NOT_LOADED,
  WM_MAP_MODEL_ERROR_LAYER,
} WmMapModelError;

/* What changed, in ::changed. */
typedef enum {
  WM_MAP_MODEL_CHANGED_LAYER     = 1 << 0,   /* geometry and areas */
  WM_MAP_MODEL_CHANGED_TABLE     = 1 << 1,   /* indicator values arrived */
  WM_MAP_MODEL_CHANGED_INDICATOR = 1 << 2,
  WM_MAP_MODEL_CHANGED_YEAR      = 1 << 3,
  WM_MAP_MODEL_CHANGED_CLASSES   = 1 << 4,   /* method, classes, palette */
} WmMapModelChange;

/* One area as the details pane and the atlas describe it. */
typedef struct {
  char *code;
  char *name;
  WmAreaStatus status;
  char *reason;                 /* why there is no value; NULL when there is one */
  double value;
  gboolean has_counts;
  guint64 numerator, denominator;
  guint rank, n_ranked;         /* 1 = the highest value */
  double municipality;
  guint n_years;
  int *years;
  double *series;               /* the area, every year */
  double *municipality_series;
  guint n_components;           /* the composite's: its seven rates, else 0 */
  double components[WM_IVSM_N_COMPONENTS];
  double municipality_components[WM_IVSM_N_COMPONENTS];
} WmAreaDetails;

void wm_area_details_free (WmAreaDetails *details);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmAreaDetails, wm_area_details_free)

#define WM_TYPE_MAP_MODEL (wm_map_model_get_type ())
G_DECLARE_FINAL_TYPE (WmMapModel, wm_map_model, WM, MAP_MODEL, GObject)

GQuark            wm_map_model_error_quark      (void);
WmMapModel       *wm_map_model_new              (void);
void              wm_map_model_load_async       (WmMapModel          *self,
                                                 sqlite3             *db,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean          wm_map_model_load_finish      (WmMapModel          *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
gboolean          wm_map_model_load             (WmMapModel          *self,
                                                 sqlite3             *db,
                                                 GCancellable        *cancellable,
                                                 GError             **error);
gboolean          wm_map_model_is_loaded        (WmMapModel          *self);
gboolean          wm_map_model_release_microdata (WmMapModel         *self,
                                                  WmExtract          *extract,
                                                  GError            **error);
WmPopulation     *wm_map_model_get_population   (WmMapModel          *self);

guint             wm_map_model_get_n_layers     (WmMapModel          *self);
WmAreaLayer      *wm_map_model_get_layer        (WmMapModel          *self,
                                                 guint                index);
gboolean          wm_map_model_set_layer        (WmMapModel          *self,
                                                 guint                index,
                                                 GError             **error);
guint             wm_map_model_get_layer_index  (WmMapModel          *self);
int               wm_map_model_add_layer_file   (WmMapModel          *self,
                                                 const char          *path,
                                                 GError             **error);
gboolean          wm_map_model_is_computing     (WmMapModel          *self);
gboolean          wm_map_model_wait             (WmMapModel          *self,
                                                 GError             **error);

void              wm_map_model_set_indicator    (WmMapModel          *self,
                                                 WmIndicatorId        indicator);
WmIndicatorId     wm_map_model_get_indicator    (WmMapModel          *self);
const int        *wm_map_model_get_years        (WmMapModel          *self,
                                                 guint               *n_years);
gboolean          wm_map_model_set_year         (WmMapModel          *self,
                                                 int                  year);
int               wm_map_model_get_year         (WmMapModel          *self);

/* Until disclosure control has its own module: the minimum number of
 * people or families a value shown to an analyst must rest on. */
#define WM_MAP_MODEL_ANALYST_MIN_DENOMINATOR 10

void              wm_map_model_set_min_denominator (WmMapModel       *self,
                                                    guint             min);
guint             wm_map_model_get_min_denominator (WmMapModel       *self);

WmAreaGeometry   *wm_map_model_get_geometry     (WmMapModel          *self);
WmIndicatorTable *wm_map_model_get_table        (WmMapModel          *self);
WmClassification *wm_map_model_get_classification (WmMapModel        *self);
int               wm_map_model_table_area       (WmMapModel          *self,
                                                 guint                geometry_area);
WmAreaDetails    *wm_map_model_describe_area    (WmMapModel          *self,
                                                 guint                geometry_area);

G_END_DECLS
