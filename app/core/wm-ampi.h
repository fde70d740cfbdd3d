/* wm-ampi.h — the adjusted Mazziotta–Pareto composite index (AMPI±)
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* AMPI+ for indicators where higher is worse (penalises unbalanced
 * components upwards), AMPI− for the opposite reading. */
typedef enum {
  WM_AMPI_PLUS = 1,
  WM_AMPI_MINUS = -1,
} WmAmpiSign;

void    wm_ampi_bounds (const double *values,
                        gsize         n_units,
                        guint         n_components,
                        double       *min,
                        double       *max);
double  wm_ampi_unit   (const double *x,
                        guint         n_components,
                        const double *ref,
                        const double *min,
                        const double *max,
                        const int    *polarity,
                        WmAmpiSign    sign);

G_END_DECLS
