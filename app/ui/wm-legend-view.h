/* wm-legend-view.h — the map legend: classes, counts, histogram, source
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <gtk/gtk.h>

#include "wm-classification.h"

G_BEGIN_DECLS

#define WM_TYPE_LEGEND_VIEW (wm_legend_view_get_type ())
G_DECLARE_FINAL_TYPE (WmLegendView, wm_legend_view, WM, LEGEND_VIEW, GtkWidget)

WmLegendView     *wm_legend_view_new                (void);
void              wm_legend_view_set_classification (WmLegendView     *self,
                                                     WmClassification *classification);
WmClassification *wm_legend_view_get_classification (WmLegendView     *self);
gboolean          wm_legend_view_get_swatch_bounds  (WmLegendView     *self,
                                                     guint             class_index,
                                                     graphene_rect_t  *bounds);
const char       *wm_legend_view_get_row_text       (WmLegendView     *self,
                                                     guint             class_index);

G_END_DECLS
