/* wm-bench.h — timing and reporting for `make bench`
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Best (minimum) wall time of @repeats runs of @fn, in seconds. */
double wm_bench_best_of (guint repeats, void (*fn) (gpointer), gpointer data);
/* One line: "name: value unit" with an optional " (…)" note. */
void   wm_bench_report  (const char *name, double value, const char *unit, const char *note_fmt, ...) G_GNUC_PRINTF (4, 5);
/* Peak resident set size of this process, in MiB (VmHWM). */
double wm_bench_peak_rss_mib (void);

G_END_DECLS
