/* wm-chart.h — small charts drawn with cairo: trends, sparklines, bars
 *
 * The area details pane and the atlas sheets draw the same charts, on
 * screen and into PDF, through these functions.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *label;        /* legend text, e.g. the area's name */
  const double *values;     /* one per year; NaN = no data (a gap) */
  guint32 color;            /* 0xRRGGBB */
  gboolean dashed;          /* e.g. the municipality, for comparison */
} WmChartSeries;

typedef struct {
  double x, y, width, height;
} WmChartBox;

/* "Nice" axis ticks covering [lo, hi]: at most @max_ticks steps of 1, 2,
 * 2.5 or 5 × 10^k. Returns the number of ticks written into @ticks. */
guint  wm_chart_nice_ticks   (double        lo,
                              double        hi,
                              guint         max_ticks,
                              double       *ticks,
                              guint         ticks_len);
char  *wm_chart_format_value (double        value,
                              const char   *unit,
                              int           decimals);

void   wm_chart_draw_trend     (cairo_t             *cr,
                                const WmChartBox    *box,
                                const int           *years,
                                guint                n_years,
                                const WmChartSeries *series,
                                guint                n_series,
                                const char          *unit,
                                const char          *font);
void   wm_chart_draw_sparkline (cairo_t             *cr,
                                const WmChartBox    *box,
                                const double        *values,
                                const double        *reference,
                                guint                n,
                                int                  highlight,
                                guint32              color);
void   wm_chart_draw_bars      (cairo_t             *cr,
                                const WmChartBox    *box,
                                const char * const  *labels,
                                const double        *values,
                                guint                n,
                                double               reference,
                                guint32              color,
                                const char          *font);

G_END_DECLS
