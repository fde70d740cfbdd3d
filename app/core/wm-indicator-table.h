/* wm-indicator-table.h — every indicator for every area and year of one layer
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <glib-object.h>

#include "wm-area-layer.h"
#include "wm-indicator-def.h"

G_BEGIN_DECLS

#define WM_TYPE_INDICATOR_TABLE (wm_indicator_table_get_type ())
G_DECLARE_FINAL_TYPE (WmIndicatorTable, wm_indicator_table, WM, INDICATOR_TABLE, GObject)

WmAreaLayer  *wm_indicator_table_get_layer      (WmIndicatorTable *self);
guint         wm_indicator_table_get_n_areas    (WmIndicatorTable *self);
int           wm_indicator_table_get_first_year (WmIndicatorTable *self);
int           wm_indicator_table_get_last_year  (WmIndicatorTable *self);
const int    *wm_indicator_table_get_years      (WmIndicatorTable *self,
                                                 guint            *n_years);
gboolean      wm_indicator_table_has_year       (WmIndicatorTable *self,
                                                 int               year);

double        wm_indicator_table_get_value      (WmIndicatorTable *self,
                                                 WmIndicatorId     indicator,
                                                 int               year,
                                                 guint             area);
gboolean      wm_indicator_table_get_counts     (WmIndicatorTable *self,
                                                 WmIndicatorId     indicator,
                                                 int               year,
                                                 guint             area,
                                                 guint64          *numerator,
                                                 guint64          *denominator);
void          wm_indicator_table_copy_values    (WmIndicatorTable *self,
                                                 WmIndicatorId     indicator,
                                                 int               year,
                                                 double           *values);
guint         wm_indicator_table_get_rank       (WmIndicatorTable *self,
                                                 WmIndicatorId     indicator,
                                                 int               year,
                                                 guint             area,
                                                 guint            *n_ranked);

double        wm_indicator_table_get_municipality_value  (WmIndicatorTable *self,
                                                          WmIndicatorId     indicator,
                                                          int               year);
gboolean      wm_indicator_table_get_municipality_counts (WmIndicatorTable *self,
                                                          WmIndicatorId     indicator,
                                                          int               year,
                                                          guint64          *numerator,
                                                          guint64          *denominator);
gboolean      wm_indicator_table_get_outside_counts      (WmIndicatorTable *self,
                                                          WmIndicatorId     indicator,
                                                          int               year,
                                                          guint64          *numerator,
                                                          guint64          *denominator);
void          wm_indicator_table_get_composite_reference (WmIndicatorTable *self,
                                                          double           *reference);

G_END_DECLS
