/* wm-indicator-engine.h — computes and caches indicator tables per boundary layer
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <gio/gio.h>

#include "wm-indicator-table.h"
#include "wm-population.h"

G_BEGIN_DECLS

/* @fraction: 0 … 1 */
typedef void (*WmIndicatorProgressFunc) (double   fraction,
                                         gpointer user_data);

#define WM_TYPE_INDICATOR_ENGINE (wm_indicator_engine_get_type ())
G_DECLARE_FINAL_TYPE (WmIndicatorEngine, wm_indicator_engine, WM, INDICATOR_ENGINE, GObject)

WmIndicatorEngine *wm_indicator_engine_new         (WmPopulation      *population);
WmPopulation      *wm_indicator_engine_get_population (WmIndicatorEngine *self);
void               wm_indicator_engine_set_composite_reference (WmIndicatorEngine *self,
                                                                const double      *reference);
gboolean           wm_indicator_engine_get_composite_reference (WmIndicatorEngine *self,
                                                                double            *reference);

WmIndicatorTable  *wm_indicator_engine_compute     (WmIndicatorEngine       *self,
                                                    WmAreaLayer             *layer,
                                                    WmIndicatorProgressFunc  progress,
                                                    gpointer                 progress_data,
                                                    GCancellable            *cancellable,
                                                    GError                 **error);
void               wm_indicator_engine_compute_async  (WmIndicatorEngine       *self,
                                                       WmAreaLayer             *layer,
                                                       WmIndicatorProgressFunc  progress,
                                                       gpointer                 progress_data,
                                                       GCancellable            *cancellable,
                                                       GAsyncReadyCallback      callback,
                                                       gpointer                 user_data);
WmIndicatorTable  *wm_indicator_engine_compute_finish (WmIndicatorEngine       *self,
                                                       GAsyncResult            *result,
                                                       GError                 **error);
WmIndicatorTable  *wm_indicator_engine_lookup      (WmIndicatorEngine *self,
                                                    WmAreaLayer       *layer);

G_END_DECLS
