/* wm-ampi.c — the adjusted Mazziotta–Pareto composite index (AMPI±)
 *
 * Each component is rescaled around a reference, r = 100 ± 60·(x − ref) /
 * (max − min), with the goalposts max and min taken over every unit (area
 * and year) so values stay comparable along the timeline; the index is
 * M ± S·cv, M and S the mean and population standard deviation of the r's
 * and cv = S / M. Mazziotta & Pareto, "On a generalized non-compensatory
 * composite index", Social Indicators Research 127 (2016); ISTAT uses the
 * + form for the IVSM.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <math.h>

#include "wm-ampi.h"

/**
 * wm_ampi_bounds:
 * @values: @n_units rows of @n_components values, NaN = missing
 * @min: (out caller-allocates): @n_components minima (NaN if none)
 * @max: (out caller-allocates): @n_components maxima
 */
void
wm_ampi_bounds (const double *values,
                gsize         n_units,
                guint         n_components,
                double       *min,
                double       *max)
{
  for (guint c = 0; c < n_components; c++)
    {
      min[c] = NAN;
      max[c] = NAN;
    }
  for (gsize u = 0; u < n_units; u++)
    for (guint c = 0; c < n_components; c++)
      {
        double v = values[u * n_components + c];

        if (isnan (v))
          continue;
        if (isnan (min[c]) || v < min[c])
          min[c] = v;
        if (isnan (max[c]) || v > max[c])
          max[c] = v;
      }
}

/**
 * wm_ampi_unit:
 * @x: the unit's @n_components values
 * @polarity: (nullable): +1 where a higher value means more of what the
 *   index measures, −1 where it means less; %NULL = all +1
 *
 * Returns: the index, NaN when a component, the reference or a goalpost is
 *   missing. A component whose goalposts coincide (every unit equal) is
 *   rescaled to 100: it cannot tell units apart.
 */
double
wm_ampi_unit (const double *x,
              guint         n_components,
              const double *ref,
              const double *min,
              const double *max,
              const int    *polarity,
              WmAmpiSign    sign)
{
  double r[64];
  double mean = 0, var = 0, sd;

  g_return_val_if_fail (n_components > 0 && n_components <= G_N_ELEMENTS (r), NAN);

  for (guint c = 0; c < n_components; c++)
    {
      double range = max[c] - min[c];
      int pol = polarity != NULL ? polarity[c] : 1;

      if (isnan (x[c]) || isnan (ref[c]) || isnan (range))
        return NAN;
      r[c] = range > 0 ? 100.0 + pol * 60.0 * (x[c] - ref[c]) / range : 100.0;
      mean += r[c];
    }
  mean /= n_components;
  for (guint c = 0; c < n_components; c++)
    var += (r[c] - mean) * (r[c] - mean);
  sd = sqrt (var / n_components);
  if (mean == 0)
    return NAN;
  return mean + (int) sign * sd * (sd / mean);
}
