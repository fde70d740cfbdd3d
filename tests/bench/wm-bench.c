/* wm-bench.c — timing and reporting for `make bench`
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <stdio.h>

#include "wm-bench.h"

double
wm_bench_best_of (guint repeats, void (*fn) (gpointer), gpointer data)
{
  double best = G_MAXDOUBLE;

  for (guint i = 0; i < repeats; i++)
    {
      gint64 start = g_get_monotonic_time ();

      fn (data);
      best = MIN (best, (g_get_monotonic_time () - start) / 1e6);
    }
  return best;
}

void
wm_bench_report (const char *name, double value, const char *unit, const char *note_fmt, ...)
{
  printf ("%s: %.6g %s", name, value, unit);
  if (note_fmt != NULL)
    {
      va_list args;
      g_autofree char *note = NULL;

      va_start (args, note_fmt);
      note = g_strdup_vprintf (note_fmt, args);
      va_end (args);
      printf (" (%s)", note);
    }
  printf ("\n");
  fflush (stdout);
}

double
wm_bench_peak_rss_mib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  if (line == NULL)
    return -1;
  return g_ascii_strtod (line + 6, NULL) / 1024.0;
}
