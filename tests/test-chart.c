/* test-chart.c — axis ticks, number format, and what the charts draw
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <locale.h>
#include <math.h>

#include "wm-chart.h"

static void
assert_ticks (double lo, double hi, guint max, const double *expected, guint n_expected)
{
  double ticks[16];
  guint n = wm_chart_nice_ticks (lo, hi, max, ticks, G_N_ELEMENTS (ticks));

  g_assert_cmpuint (n, ==, n_expected);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat_with_epsilon (ticks[i], expected[i], 1e-12);
}

static void
test_nice_ticks (void)
{
  const double a[] = { 0, 2.5, 5, 7.5, 10 };
  const double b[] = { 0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09 };
  const double c[] = { -20, -10, 0, 10, 20 };
  const double d[] = { 11, 12, 13, 14 };
  double ticks[4];

  /* 0–9.3 in at most 5 ticks: step 2.5 (raw 2.325 → 2.5). */
  assert_ticks (0, 9.3, 5, a, G_N_ELEMENTS (a));
  /* Small rates: steps of 0.01. */
  assert_ticks (0.013, 0.087, 10, b, G_N_ELEMENTS (b));
  /* Reversed bounds and negative values. */
  assert_ticks (17, -13, 5, c, G_N_ELEMENTS (c));
  /* One value: a range around it, the value in the middle. */
  assert_ticks (12.5, 12.5, 5, d, G_N_ELEMENTS (d));
  /* Whatever the range, the ticks cover it. */
  for (int i = 1; i < 500; i++)
    {
      double lo = sin (i) * i, hi = lo + fabs (cos (i * 7.0)) * i * 0.37 + 0.001;
      double t[16];
      guint n = wm_chart_nice_ticks (lo, hi, 6, t, G_N_ELEMENTS (t));

      g_assert_cmpuint (n, >=, 2);
      g_assert_cmpuint (n, <=, 7);
      g_assert_cmpfloat (t[0], <=, lo);
      g_assert_cmpfloat (t[n - 1], >=, hi);
    }
  /* Nothing to show. */
  g_assert_cmpuint (wm_chart_nice_ticks (NAN, 1, 5, ticks, 4), ==, 0);
  g_assert_cmpuint (wm_chart_nice_ticks (0, INFINITY, 5, ticks, 4), ==, 0);
}

static void
assert_format (double v, const char *unit, int decimals, const char *expected)
{
  g_autofree char *s = wm_chart_format_value (v, unit, decimals);

  g_assert_cmpstr (s, ==, expected);
}

/* The C locale (the only one every machine has): a point for decimals and,
 * as it has no thousands separator, a narrow space between thousands. An
 * Italian locale gives 9.360,00 € through the same code (nl_langinfo). */
static void
test_format (void)
{
  g_assert_nonnull (setlocale (LC_NUMERIC, "C"));
  assert_format (12.345, "%", 1, "12.3%");
  assert_format (9360, "€", 2, "9\u202f360.00\u202f€");
  assert_format (1242123, NULL, 0, "1\u202f242\u202f123");
  assert_format (999, NULL, 0, "999");
  assert_format (-3.25, "%", 2, "−3.25%");
  assert_format (-0.004, "%", 1, "0.0%");      /* no minus on a rounded zero */
  assert_format (NAN, "%", 1, "n.d.");
  assert_format (0.5, "‰", 1, "0.5‰");
  assert_format (102.26, "index", 1, "102.3\u202findex");
}

#define W 400
#define H 240

static guint32
pixel (cairo_surface_t *s, int x, int y)
{
  return *(guint32 *) (cairo_image_surface_get_data (s) + y * cairo_image_surface_get_stride (s) + x * 4) & 0xffffff;
}

static gboolean
column_has (cairo_surface_t *s, int x, int y_max, guint32 color)
{
  for (int y = 0; y < y_max; y++)
    if (pixel (s, x, y) == color)
      return TRUE;
  return FALSE;
}

/* Red columns form runs; a NaN in the middle of the series breaks the line. */
static guint
runs_of (cairo_surface_t *s, int y_max, guint32 color)
{
  guint runs = 0;
  gboolean in_run = FALSE;

  for (int x = 0; x < W; x++)
    {
      gboolean has = column_has (s, x, y_max, color);

      if (has && !in_run)
        runs++;
      in_run = has;
    }
  return runs;
}

static cairo_surface_t *
draw_trend (const double *values, guint n)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, W, H);
  cairo_t *cr = cairo_create (s);
  int years[12];
  WmChartSeries series[] = { { "Area", values, 0xff0000, FALSE } };
  WmChartBox box = { 0, 0, W, H };

  for (guint i = 0; i < n; i++)
    years[i] = 2015 + i;
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  /* No antialiasing: the series colour stays exact. */
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  wm_chart_draw_trend (cr, &box, years, n, series, 1, "%", NULL);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return s;
}

static void
test_trend_gap (void)
{
  const double full[10] = { 1, 2, 3, 4, 5, 6, 5, 4, 3, 2 };
  const double gap[10] = { 1, 2, 3, 4, NAN, NAN, 5, 4, 3, 2 };
  const double none[10] = { NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN };
  cairo_surface_t *s;

  /* The plot area is above the year labels and the legend. */
  s = draw_trend (full, 10);
  g_assert_cmpuint (runs_of (s, H - 50, 0xff0000), ==, 1);
  cairo_surface_destroy (s);

  s = draw_trend (gap, 10);
  g_assert_cmpuint (runs_of (s, H - 50, 0xff0000), ==, 2);
  cairo_surface_destroy (s);

  s = draw_trend (none, 10);
  g_assert_cmpuint (runs_of (s, H, 0xff0000), ==, 0);
  cairo_surface_destroy (s);
}

/* Higher values are drawn higher. */
static void
test_trend_direction (void)
{
  const double rising[4] = { 1, 2, 3, 10 };
  cairo_surface_t *s = draw_trend (rising, 4);
  int first_x = -1, last_x = -1, first_y = -1, last_y = -1;

  for (int x = 0; x < W; x++)
    for (int y = 0; y < H - 50; y++)
      if (pixel (s, x, y) == 0xff0000)
        {
          if (first_x < 0)
            {
              first_x = x;
              first_y = y;
            }
          last_x = x;
          last_y = y;
        }
  g_assert_cmpint (first_x, <, last_x);
  g_assert_cmpint (last_y, <, first_y);
  cairo_surface_destroy (s);
}

static void
test_bars (void)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, W, 100);
  cairo_t *cr = cairo_create (s);
  const char *labels[] = { "Bassa istruzione", "Famiglie numerose" };
  const double values[] = { 130, 80 };
  WmChartBox box = { 0, 0, W, 100 };
  int right_of_ref = 0, left_of_ref = 0;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  wm_chart_draw_bars (cr, &box, labels, values, 2, 100, 0x0000ff, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (s);

  /* Row 1 (130) grows right of the reference line, row 2 (80) left: the
   * blue run of row 1 starts where the one of row 2 ends. */
  {
    int r1_start = -1, r2_end = -1;

    for (int x = 0; x < W; x++)
      {
        if (pixel (s, x, 25) == 0x0000ff && r1_start < 0)
          r1_start = x;
        if (pixel (s, x, 75) == 0x0000ff)
          r2_end = x;
        right_of_ref += pixel (s, x, 25) == 0x0000ff;
        left_of_ref += pixel (s, x, 75) == 0x0000ff;
      }
    g_assert_cmpint (ABS (r1_start - r2_end), <=, 2);
    /* 30 above vs 20 below the reference: widths in that ratio. */
    g_assert_cmpfloat (fabs ((double) right_of_ref / left_of_ref - 1.5), <, 0.1);
  }
  cairo_surface_destroy (s);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/nice-ticks", test_nice_ticks);
  g_test_add_func ("/chart/format", test_format);
  g_test_add_func ("/chart/trend-gap", test_trend_gap);
  g_test_add_func ("/chart/trend-direction", test_trend_direction);
  g_test_add_func ("/chart/bars", test_bars);

  return g_test_run ();
}
