/* wm-classify.h — class breaks for choropleth maps
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WM_CLASSIFY_ERROR (wm_classify_error_quark ())

typedef enum {
  WM_CLASSIFY_ERROR_CLASS_COUNT,
  WM_CLASSIFY_ERROR_BREAK_NOT_A_NUMBER,
  WM_CLASSIFY_ERROR_BREAK_ORDER,
  WM_CLASSIFY_ERROR_BREAK_RANGE,
} WmClassifyError;

typedef enum {
  WM_CLASSIFY_QUANTILE,
  WM_CLASSIFY_EQUAL_INTERVAL,
  WM_CLASSIFY_NATURAL_BREAKS,
  WM_CLASSIFY_STDDEV,
  WM_CLASSIFY_MANUAL,
} WmClassifyMethod;

#define WM_CLASSIFY_MIN_CLASSES 3
#define WM_CLASSIFY_MAX_CLASSES 9

/* Class indices past the real classes. */
#define WM_CLASS_NO_DATA    254
#define WM_CLASS_SUPPRESSED 255

/* Natural breaks are computed by the O(k·m²) Fisher–Jenks dynamic programme
 * up to this many distinct values, by the same programme with a
 * divide-and-conquer row search above: both exact. */
#define WM_CLASSIFY_JENKS_QUADRATIC_MAX 5000

GQuark       wm_classify_error_quark   (void);
const char  *wm_classify_method_name   (WmClassifyMethod  method);
int          wm_classify_breaks        (WmClassifyMethod  method,
                                        const double     *values,
                                        gsize             n_values,
                                        guint             n_classes,
                                        const double     *manual_breaks,
                                        guint             n_manual,
                                        double           *breaks,
                                        GError          **error);
guint        wm_classify_value         (const double     *breaks,
                                        guint             n_classes,
                                        double            value);
double       wm_classify_within_ssd    (const double     *values,
                                        gsize             n_values,
                                        const double     *breaks,
                                        guint             n_classes);
const char  *wm_classify_tie_rule      (void);

G_END_DECLS
