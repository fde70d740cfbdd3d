/* wm-classify.c — class breaks for choropleth maps
 *
 * Every method returns k + 1 breaks b0 < b1 < … < bk over the finite values
 * (NaN = no data is skipped). The tie rule is the one of R's
 * cut(right = TRUE, include.lowest = TRUE): class i holds (b(i-1), b(i)],
 * the first class [b0, b1]; so a value equal to a break falls in the lower
 * class, and equal values always share a class.
 *
 * Natural breaks minimise the within-class sum of squared deviations
 * (Jenks 1977; Fisher 1958) — 1-D k-means, solved exactly by dynamic
 * programming over the m distinct values weighted by their counts. Up to
 * WM_CLASSIFY_JENKS_QUADRATIC_MAX distinct values the row minima are found
 * by plain search, O(k·m²). Above, the same recurrence is solved with a
 * divide-and-conquer search, O(k·m·log m): the cost satisfies the Monge
 * property, so the leftmost optimal split point never moves left as the
 * row grows (Grønlund et al., "Fast exact k-means, k-medians and Bregman
 * divergence clustering in 1D", 2017). Still exact; the tests check both
 * solvers agree. Breaks are the largest value of each class, as classInt's
 * "jenks" style reports them.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "wm-classify-private.h"

G_DEFINE_QUARK (wm-classify-error-quark, wm_classify_error)

const char *
wm_classify_method_name (WmClassifyMethod method)
{
  switch (method)
    {
    case WM_CLASSIFY_QUANTILE:       return _("Quantiles");
    case WM_CLASSIFY_EQUAL_INTERVAL: return _("Equal intervals");
    case WM_CLASSIFY_NATURAL_BREAKS: return _("Natural breaks (Jenks)");
    case WM_CLASSIFY_STDDEV:         return _("Standard deviation");
    case WM_CLASSIFY_MANUAL:         return _("Manual breaks");
    default:                         return "";
    }
}

/* For the legend: how a value on a class limit is classed. */
const char *
wm_classify_tie_rule (void)
{
  return _("A value equal to a class limit belongs to the lower class.");
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Prefix sums over values shifted by their mean, so that q − s²/w keeps its
 * precision when the values are large and close together. */
typedef struct {
  double *w, *s, *q;
} Prefix;

static void
prefix_init (Prefix       *p,
             const double *u,
             const double *w,
             gsize         m)
{
  double tw = 0, ts = 0, shift;

  for (gsize i = 0; i < m; i++)
    {
      tw += w[i];
      ts += w[i] * u[i];
    }
  shift = tw > 0 ? ts / tw : 0;
  p->w = g_new (double, m + 1);
  p->s = g_new (double, m + 1);
  p->q = g_new (double, m + 1);
  p->w[0] = p->s[0] = p->q[0] = 0;
  for (gsize i = 0; i < m; i++)
    {
      double d = u[i] - shift;

      p->w[i + 1] = p->w[i] + w[i];
      p->s[i + 1] = p->s[i] + w[i] * d;
      p->q[i + 1] = p->q[i] + w[i] * d * d;
    }
}

static void
prefix_clear (Prefix *p)
{
  g_free (p->w);
  g_free (p->s);
  g_free (p->q);
}

/* Sum of squared deviations of items a … b−1. */
static inline double
cost (const Prefix *p,
      gsize         a,
      gsize         b)
{
  double w = p->w[b] - p->w[a];
  double s = p->s[b] - p->s[a];
  double c;

  if (w <= 0)
    return 0;
  c = (p->q[b] - p->q[a]) - s * s / w;
  return c > 0 ? c : 0;
}

typedef struct {
  Prefix p;
  double *prev, *cur;
  guint32 *arg;   /* k × (m + 1): best split for class c ending at i */
  gsize m;
  guint k;
} Jenks;

static void
jenks_init (Jenks        *j,
            const double *u,
            const double *w,
            gsize         m,
            guint         k)
{
  prefix_init (&j->p, u, w, m);
  j->m = m;
  j->k = k;
  j->prev = g_new (double, m + 1);
  j->cur = g_new (double, m + 1);
  j->arg = g_new0 (guint32, (gsize) k * (m + 1));
  for (gsize i = 0; i <= m; i++)
    j->prev[i] = cost (&j->p, 0, i);
}

static guint
jenks_finish (Jenks *j,
              gsize *ends)
{
  gsize i = j->m;

  ends[j->k - 1] = j->m;
  for (guint c = j->k - 1; c >= 1; c--)
    {
      i = j->arg[(gsize) c * (j->m + 1) + i];
      ends[c - 1] = i;
    }
  prefix_clear (&j->p);
  g_free (j->prev);
  g_free (j->cur);
  g_free (j->arg);
  return j->k;
}

/* Row c, column i: the best split j ∈ [lo, hi] (leftmost on ties). */
static void
jenks_cell (Jenks *j,
            guint  c,
            gsize  i,
            gsize  lo,
            gsize  hi)
{
  double best = INFINITY;
  gsize best_j = lo;

  for (gsize s = lo; s <= hi; s++)
    {
      double v = j->prev[s] + cost (&j->p, s, i);

      if (v < best)
        {
          best = v;
          best_j = s;
        }
    }
  j->cur[i] = best;
  j->arg[(gsize) c * (j->m + 1) + i] = (guint32) best_j;
}

static void
swap_rows (Jenks *j)
{
  double *t = j->prev;

  j->prev = j->cur;
  j->cur = t;
}

static void
dc_rows (Jenks *j,
         guint  c,
         gsize  ilo,
         gsize  ihi,
         gsize  slo,
         gsize  shi)
{
  while (ilo <= ihi)
    {
      gsize mid = ilo + (ihi - ilo) / 2;
      gsize lo = MAX (slo, c), hi = MIN (shi, mid - 1);
      gsize best;

      jenks_cell (j, c, mid, lo, hi);
      best = j->arg[(gsize) c * (j->m + 1) + mid];
      if (mid > ilo)
        dc_rows (j, c, ilo, mid - 1, slo, best);
      /* the right half as a loop: recursion depth stays log m */
      ilo = mid + 1;
      slo = best;
    }
}

/* Row by row; each row's minima by plain search or divide and conquer. */
static guint
jenks_solve (const double *u,
             const double *w,
             gsize         m,
             guint         k,
             gsize        *ends,
             gboolean      divide)
{
  Jenks j;

  k = MIN (k, m);
  if (k == 0)
    return 0;
  jenks_init (&j, u, w, m, k);
  /* Class c (0-based) ends at i ≥ c + 1 and splits at s ≥ c. */
  for (guint c = 1; c < k; c++)
    {
      if (divide)
        dc_rows (&j, c, c + 1, m, c, m - 1);
      else
        for (gsize i = c + 1; i <= m; i++)
          jenks_cell (&j, c, i, c, i - 1);
      swap_rows (&j);
    }
  return jenks_finish (&j, ends);
}

guint
wm_classify_jenks_quadratic (const double *u,
                             const double *w,
                             gsize         m,
                             guint         k,
                             gsize        *ends)
{
  return jenks_solve (u, w, m, k, ends, FALSE);
}

guint
wm_classify_jenks_dc (const double *u,
                      const double *w,
                      gsize         m,
                      guint         k,
                      gsize        *ends)
{
  return jenks_solve (u, w, m, k, ends, TRUE);
}

static guint
natural_breaks (const double *x,
                gsize         n,
                guint         k,
                double       *breaks)
{
  g_autofree double *u = g_new (double, n);
  g_autofree double *w = g_new (double, n);
  gsize ends[WM_CLASSIFY_MAX_CLASSES];
  gsize m = 0;
  guint used;

  for (gsize i = 0; i < n; i++)
    {
      if (m > 0 && u[m - 1] == x[i])
        w[m - 1] += 1;
      else
        {
          u[m] = x[i];
          w[m++] = 1;
        }
    }
  if (m <= WM_CLASSIFY_JENKS_QUADRATIC_MAX)
    used = wm_classify_jenks_quadratic (u, w, m, k, ends);
  else
    used = wm_classify_jenks_dc (u, w, m, k, ends);

  breaks[0] = u[0];
  for (guint c = 0; c < used; c++)
    breaks[c + 1] = u[ends[c] - 1];
  return used;
}

/* R's quantile() type 7, the default of R and of classInt. */
static double
quantile7 (const double *x,
           gsize         n,
           double        p)
{
  double h = (n - 1) * p;
  gsize lo = (gsize) floor (h);

  if (lo + 1 >= n)
    return x[n - 1];
  return x[lo] + (h - lo) * (x[lo + 1] - x[lo]);
}

static guint
drop_equal_breaks (double *breaks,
                   guint   k)
{
  guint out = 1;

  for (guint i = 1; i <= k; i++)
    if (breaks[i] > breaks[out - 1])
      breaks[out++] = breaks[i];
  return out - 1;
}

/* Classes one standard deviation wide, centred on the mean (an odd count
 * puts the mean in the middle of a class, an even one on a break); the
 * outer classes reach the extreme values. Population standard deviation. */
static guint
stddev_breaks (const double *x,
               gsize         n,
               guint         k,
               double       *breaks)
{
  double mean = 0, var = 0, sd;

  for (gsize i = 0; i < n; i++)
    mean += x[i];
  mean /= n;
  for (gsize i = 0; i < n; i++)
    var += (x[i] - mean) * (x[i] - mean);
  sd = sqrt (var / n);
  if (!(sd > 0))
    {
      breaks[0] = breaks[1] = x[0];
      return 1;
    }
  for (guint i = 1; i < k; i++)
    breaks[i] = mean + (i - k / 2.0) * sd;
  breaks[0] = MIN (x[0], mean - (k / 2.0) * sd);
  breaks[k] = MAX (x[n - 1], mean + (k / 2.0) * sd);
  return k;
}

static gboolean
check_manual (const double  *manual,
              guint          n_manual,
              gboolean       have_range,
              double         lo,
              double         hi,
              GError       **error)
{
  if (n_manual < 1 || n_manual > WM_CLASSIFY_MAX_CLASSES - 1)
    {
      g_set_error (error, WM_CLASSIFY_ERROR, WM_CLASSIFY_ERROR_CLASS_COUNT,
                   _("%u manual breaks were given — enter between 1 and %d breaks (2 to %d classes)."),
                   n_manual, WM_CLASSIFY_MAX_CLASSES - 1, WM_CLASSIFY_MAX_CLASSES);
      return FALSE;
    }
  for (guint i = 0; i < n_manual; i++)
    {
      if (!isfinite (manual[i]))
        {
          g_set_error (error, WM_CLASSIFY_ERROR, WM_CLASSIFY_ERROR_BREAK_NOT_A_NUMBER,
                       _("Break %u is not a number — enter a number for every break."), i + 1);
          return FALSE;
        }
      if (i > 0 && !(manual[i] > manual[i - 1]))
        {
          g_set_error (error, WM_CLASSIFY_ERROR, WM_CLASSIFY_ERROR_BREAK_ORDER,
                       _("Break %u (%g) is not above break %u (%g) — enter the breaks from the lowest to the highest, each once."),
                       i + 1, manual[i], i, manual[i - 1]);
          return FALSE;
        }
      if (have_range && (manual[i] < lo || manual[i] > hi))
        {
          g_set_error (error, WM_CLASSIFY_ERROR, WM_CLASSIFY_ERROR_BREAK_RANGE,
                       _("Break %u (%g) lies outside the values of this indicator (%g to %g) — choose breaks between the lowest and the highest value."),
                       i + 1, manual[i], lo, hi);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * wm_classify_breaks:
 * @values: (array length=n_values): NaN means no data
 * @n_classes: 3 to 9; ignored for %WM_CLASSIFY_MANUAL
 * @manual_breaks: (array length=n_manual) (nullable): the inner breaks of
 *   %WM_CLASSIFY_MANUAL, ascending, within the values' range
 * @breaks: (out caller-allocates): room for WM_CLASSIFY_MAX_CLASSES + 1
 *
 * Fewer classes than asked come back when the values cannot fill them:
 * one class when all values are equal, at most as many classes as distinct
 * values for natural breaks, and quantile breaks that coincide are merged.
 *
 * Returns: the number of classes k (@breaks holds k + 1 values), 0 when no
 *   value is finite, −1 on error
 */
int
wm_classify_breaks (WmClassifyMethod   method,
                    const double      *values,
                    gsize              n_values,
                    guint              n_classes,
                    const double      *manual_breaks,
                    guint              n_manual,
                    double            *breaks,
                    GError           **error)
{
  g_autofree double *x = g_new (double, MAX (n_values, 1));
  gsize n = 0;
  guint k = n_classes;

  for (gsize i = 0; i < n_values; i++)
    if (isfinite (values[i]))
      x[n++] = values[i];
  qsort (x, n, sizeof (double), compare_doubles);

  if (method == WM_CLASSIFY_MANUAL)
    {
      if (!check_manual (manual_breaks, n_manual, n > 0, n > 0 ? x[0] : 0, n > 0 ? x[n - 1] : 0, error))
        return -1;
      if (n == 0)
        return 0;
      breaks[0] = x[0];
      memcpy (breaks + 1, manual_breaks, n_manual * sizeof (double));
      breaks[n_manual + 1] = x[n - 1];
      return n_manual + 1;
    }

  if (k < WM_CLASSIFY_MIN_CLASSES || k > WM_CLASSIFY_MAX_CLASSES)
    {
      g_set_error (error, WM_CLASSIFY_ERROR, WM_CLASSIFY_ERROR_CLASS_COUNT,
                   _("%u classes were asked for — choose between %d and %d classes."),
                   n_classes, WM_CLASSIFY_MIN_CLASSES, WM_CLASSIFY_MAX_CLASSES);
      return -1;
    }
  if (n == 0)
    return 0;
  if (x[0] == x[n - 1])
    {
      breaks[0] = breaks[1] = x[0];
      return 1;
    }

  switch (method)
    {
    case WM_CLASSIFY_QUANTILE:
      for (guint i = 0; i <= k; i++)
        breaks[i] = quantile7 (x, n, (double) i / k);
      return drop_equal_breaks (breaks, k);

    case WM_CLASSIFY_EQUAL_INTERVAL:
      /* as R's seq(): lo + i·step, the last exactly the maximum */
      for (guint i = 0; i < k; i++)
        breaks[i] = x[0] + i * ((x[n - 1] - x[0]) / k);
      breaks[k] = x[n - 1];
      return k;

    case WM_CLASSIFY_NATURAL_BREAKS:
      return natural_breaks (x, n, k, breaks);

    case WM_CLASSIFY_STDDEV:
      return stddev_breaks (x, n, k, breaks);

    case WM_CLASSIFY_MANUAL:
    default:
      g_return_val_if_reached (-1);
    }
}

/**
 * wm_classify_value:
 *
 * Returns: the class of @value under the tie rule, values beyond the
 *   outer breaks in the outer classes; %WM_CLASS_NO_DATA for NaN or when
 *   there are no classes
 */
guint
wm_classify_value (const double *breaks,
                   guint         n_classes,
                   double        value)
{
  guint lo = 0, hi;

  if (n_classes == 0 || isnan (value))
    return WM_CLASS_NO_DATA;
  /* the first class whose upper break is ≥ value */
  hi = n_classes - 1;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (value <= breaks[mid + 1])
        hi = mid;
      else
        lo = mid + 1;
    }
  return lo;
}

/* Within-class sum of squared deviations of the finite values, the
 * quantity natural breaks minimise. */
double
wm_classify_within_ssd (const double *values,
                        gsize         n_values,
                        const double *breaks,
                        guint         n_classes)
{
  double sum[WM_CLASSIFY_MAX_CLASSES] = { 0 }, cnt[WM_CLASSIFY_MAX_CLASSES] = { 0 };
  double ssd = 0;

  g_return_val_if_fail (n_classes <= WM_CLASSIFY_MAX_CLASSES, NAN);

  for (gsize i = 0; i < n_values; i++)
    if (isfinite (values[i]))
      {
        guint c = wm_classify_value (breaks, n_classes, values[i]);

        sum[c] += values[i];
        cnt[c] += 1;
      }
  for (gsize i = 0; i < n_values; i++)
    if (isfinite (values[i]))
      {
        guint c = wm_classify_value (breaks, n_classes, values[i]);
        double d = values[i] - sum[c] / cnt[c];

        ssd += d * d;
      }
  return ssd;
}
