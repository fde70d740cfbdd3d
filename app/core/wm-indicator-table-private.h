/* wm-indicator-table-private.h — how the engine builds tables
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include "wm-indicator-private.h"
#include "wm-indicator-table.h"

G_BEGIN_DECLS

/* @counts: guint32 [year][counter][slot], slot n_areas = outside every area;
 * @reference: (nullable): the composite's reference for the seven IVSM
 * components, %NULL for the municipality in the first year. */
WmIndicatorTable *wm_indicator_table_new            (WmAreaLayer      *layer,
                                                     int               first_year,
                                                     guint             n_years,
                                                     GBytes           *counts,
                                                     const double     *reference);
WmIndicatorTable *wm_indicator_table_new_reference  (WmIndicatorTable *table,
                                                     const double     *reference);
const guint32    *wm_indicator_table_peek_counts    (WmIndicatorTable *self,
                                                     guint             year_offset,
                                                     WmCount           counter);

G_END_DECLS
