/* test-classify.c — class breaks, palettes and the legend model
 *
 * Oracles: R classInt on the published jenks71 data (fixture made by
 * tests/fixtures/classint/make-fixture.R), brute force over every split
 * for small inputs, hand-worked values in comments, ColorBrewer's own
 * published hex codes.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <math.h>

#include "wm-classification.h"
#include "wm-classify-private.h"
#include "wm-test-util.h"

static double breaks[WM_CLASSIFY_MAX_CLASSES + 1];

static GArray *
parse_numbers (char **fields)
{
  GArray *a = g_array_new (FALSE, FALSE, sizeof (double));

  for (; *fields != NULL; fields++)
    {
      char *end;
      double v;

      if (**fields == '\0')
        continue;
      v = g_ascii_strtod (*fields, &end);
      if (*end != '\0')
        break;
      g_array_append_val (a, v);
    }
  return a;
}

static void
assert_breaks (const double *got, const double *want, guint n)
{
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat_with_epsilon (got[i], want[i], 1e-9 * MAX (1, fabs (want[i])));
}

/* jenks71: natural breaks equal classInt's "jenks" breaks (where classInt
 * agrees with its exact "fisher" style), quantiles its type-7 quantiles,
 * equal intervals its "equal" breaks. */
static void
test_classint_fixture (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "classint", "jenks71.txt", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GArray) values = NULL;
  guint checked[3] = { 0 };

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (char **l = lines; *l != NULL; l++)
    {
      g_auto(GStrv) f = g_strsplit (*l, " ", -1);
      g_autoptr(GArray) want = NULL;
      WmClassifyMethod method;
      guint k, slot;
      int got;

      if (f[0] == NULL || f[0][0] == '#' || f[0][0] == '\0')
        continue;
      if (g_str_equal (f[0], "values"))
        {
          values = parse_numbers (f + 1);
          continue;
        }
      g_assert_nonnull (values);
      k = atoi (f[1]);
      want = parse_numbers (f + 2);
      g_assert_cmpuint (want->len, ==, k + 1);
      if (g_str_equal (f[0], "jenks"))
        {
          /* classInt's jenks is used only where it is optimal */
          const char *ssd = strstr (*l, "ssd="), *fisher = strstr (*l, "fisher_ssd=");

          g_assert_true (ssd != NULL && fisher != NULL);
          g_assert_cmpfloat (g_ascii_strtod (ssd + 4, NULL), ==, g_ascii_strtod (fisher + 11, NULL));
          method = WM_CLASSIFY_NATURAL_BREAKS;
          slot = 0;
        }
      else if (g_str_equal (f[0], "quantile"))
        method = WM_CLASSIFY_QUANTILE, slot = 1;
      else
        method = WM_CLASSIFY_EQUAL_INTERVAL, slot = 2;

      got = wm_classify_breaks (method, (double *) values->data, values->len, k, NULL, 0, breaks, NULL);
      g_assert_cmpint (got, ==, (int) k);
      assert_breaks (breaks, (double *) want->data, k + 1);
      checked[slot]++;
    }
  g_assert_nonnull (values);
  g_assert_cmpuint (values->len, ==, 102);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (checked[i], ==, 7);
}

static double
ssd_of_ends (const double *u, const double *w, const gsize *ends, guint k)
{
  double total = 0;
  gsize a = 0;

  for (guint c = 0; c < k; c++)
    {
      double sw = 0, s = 0, mean, q = 0;

      for (gsize i = a; i < ends[c]; i++)
        {
          sw += w[i];
          s += w[i] * u[i];
        }
      mean = s / sw;
      for (gsize i = a; i < ends[c]; i++)
        q += w[i] * (u[i] - mean) * (u[i] - mean);
      total += q;
      a = ends[c];
    }
  return total;
}

/* Every way to cut m ≤ 12 items into k classes: the independent oracle. */
static double
brute_force (const double *u, const double *w, gsize m, guint k)
{
  double best = INFINITY;
  gsize ends[WM_CLASSIFY_MAX_CLASSES];
  guint32 masks = 1u << (m - 1);

  for (guint32 mask = 0; mask < masks; mask++)
    {
      guint c = 0;

      if ((guint) __builtin_popcount (mask) != k - 1)
        continue;
      for (gsize i = 0; i + 1 < m; i++)
        if (mask & (1u << i))
          ends[c++] = i + 1;
      ends[c] = m;
      best = MIN (best, ssd_of_ends (u, w, ends, k));
    }
  return best;
}

static void
random_sorted (GRand *rand, double *u, double *w, gsize m)
{
  double x = g_rand_double_range (rand, -50, 50);

  for (gsize i = 0; i < m; i++)
    {
      /* clusters: mostly small steps, sometimes a jump */
      x += g_rand_int_range (rand, 0, 10) == 0 ? g_rand_double_range (rand, 5, 40) : g_rand_double_range (rand, 0.01, 2);
      u[i] = x;
      w[i] = g_rand_int_range (rand, 1, 4);
    }
}

static void
test_jenks_brute_force (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (int round = 0; round < 60; round++)
    {
      double u[12], w[12];
      gsize ends[WM_CLASSIFY_MAX_CLASSES];
      gsize m = g_rand_int_range (rand, 4, 13);
      guint k = g_rand_int_range (rand, 2, MIN (m, 6) + 1);
      double oracle;

      random_sorted (rand, u, w, m);
      oracle = brute_force (u, w, m, k);
      g_assert_cmpuint (wm_classify_jenks_quadratic (u, w, m, k, ends), ==, k);
      g_assert_cmpfloat_with_epsilon (ssd_of_ends (u, w, ends, k), oracle, 1e-9 * MAX (1, oracle));
      g_assert_cmpuint (wm_classify_jenks_dc (u, w, m, k, ends), ==, k);
      g_assert_cmpfloat_with_epsilon (ssd_of_ends (u, w, ends, k), oracle, 1e-9 * MAX (1, oracle));
    }
}

/* The fast solver (used above 5,000 distinct values) finds the same
 * optimum as the quadratic one. */
static void
test_jenks_solvers_agree (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2024);
  gsize m = 900;
  g_autofree double *u = g_new (double, m);
  g_autofree double *w = g_new (double, m);

  for (int round = 0; round < 6; round++)
    {
      random_sorted (rand, u, w, m);
      for (guint k = 3; k <= 9; k += 3)
        {
          gsize a[WM_CLASSIFY_MAX_CLASSES], b[WM_CLASSIFY_MAX_CLASSES];
          double sa, sb;

          wm_classify_jenks_quadratic (u, w, m, k, a);
          wm_classify_jenks_dc (u, w, m, k, b);
          sa = ssd_of_ends (u, w, a, k);
          sb = ssd_of_ends (u, w, b, k);
          g_assert_cmpfloat_with_epsilon (sa, sb, 1e-9 * sa);
        }
    }
}

/* Above the quadratic limit: still a valid, optimal-looking partition —
 * no worse than equal intervals or quantiles, and locally optimal (moving
 * one break by one value never lowers the cost). */
static void
test_jenks_large (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (99);
  gsize n = WM_CLASSIFY_JENKS_QUADRATIC_MAX + 1500;
  g_autofree double *x = g_new (double, n);
  double other[WM_CLASSIFY_MAX_CLASSES + 1];
  double ssd;
  int k;

  for (gsize i = 0; i < n; i++)
    x[i] = g_rand_double_range (rand, 0, 1) < 0.7 ? g_rand_double_range (rand, 0, 30) : g_rand_double_range (rand, 50, 100);
  k = wm_classify_breaks (WM_CLASSIFY_NATURAL_BREAKS, x, n, 5, NULL, 0, breaks, NULL);
  g_assert_cmpint (k, ==, 5);
  ssd = wm_classify_within_ssd (x, n, breaks, k);
  for (WmClassifyMethod m = WM_CLASSIFY_QUANTILE; m <= WM_CLASSIFY_EQUAL_INTERVAL; m++)
    {
      int ko = wm_classify_breaks (m, x, n, 5, NULL, 0, other, NULL);

      g_assert_cmpfloat (ssd, <=, wm_classify_within_ssd (x, n, other, ko));
    }
  /* the two clusters are kept apart: some break falls in the gap 30–50 */
  {
    gboolean gap = FALSE;

    for (int i = 1; i < k; i++)
      gap |= breaks[i] < 50 && breaks[i] >= 29;
    g_assert_true (gap);
  }
}

/* Classes are (b(i−1), b(i)], the first closed: a value on a break goes
 * down. */
static void
test_tie_rule (void)
{
  const double b[] = { 0, 10, 20, 30 };
  const double v[] = { 1, 1, 1, 1, 5, 5, 5, 9, 9, 9 };
  const double q[] = { 1, 1, 1, 1, 1, 1, 2, 3 };

  g_assert_cmpuint (wm_classify_value (b, 3, 0), ==, 0);
  g_assert_cmpuint (wm_classify_value (b, 3, 10), ==, 0);
  g_assert_cmpuint (wm_classify_value (b, 3, 10.000001), ==, 1);
  g_assert_cmpuint (wm_classify_value (b, 3, 20), ==, 1);
  g_assert_cmpuint (wm_classify_value (b, 3, 30), ==, 2);
  g_assert_cmpuint (wm_classify_value (b, 3, -5), ==, 0);
  g_assert_cmpuint (wm_classify_value (b, 3, 99), ==, 2);
  g_assert_cmpuint (wm_classify_value (b, 3, NAN), ==, WM_CLASS_NO_DATA);
  g_assert_cmpuint (wm_classify_value (b, 0, 3), ==, WM_CLASS_NO_DATA);
  g_assert_nonnull (strstr (wm_classify_tie_rule (), "lower class"));

  /* equal values never straddle a break: three groups, three classes */
  g_assert_cmpint (wm_classify_breaks (WM_CLASSIFY_NATURAL_BREAKS, v, 10, 3, NULL, 0, breaks, NULL), ==, 3);
  assert_breaks (breaks, (double[]) { 1, 1, 5, 9 }, 4);
  /* only 3 distinct values: asking for 5 classes gives 3 */
  g_assert_cmpint (wm_classify_breaks (WM_CLASSIFY_NATURAL_BREAKS, v, 10, 5, NULL, 0, breaks, NULL), ==, 3);

  /* type-7 quantiles of 1,1,1,1,1,1,2,3 for k = 4: h = 7p gives
   * 1, 1 (h 1.75), 1 (h 3.5), 1.25 (h 5.25: 1 + .25·(2 − 1)), 3; the
   * repeated 1s merge, leaving 2 classes [1, 1.25] and (1.25, 3] */
  g_assert_cmpint (wm_classify_breaks (WM_CLASSIFY_QUANTILE, q, 8, 4, NULL, 0, breaks, NULL), ==, 2);
  assert_breaks (breaks, (double[]) { 1, 1.25, 3 }, 3);
}

static void
test_degenerate (void)
{
  const double equal[] = { 4, 4, 4 };
  const double with_nan[] = { NAN, 1, 2, NAN, 3 };
  const double one[] = { 7 };
  const double all_nan[] = { NAN, NAN };

  for (WmClassifyMethod m = WM_CLASSIFY_QUANTILE; m <= WM_CLASSIFY_STDDEV; m++)
    {
      g_assert_cmpint (wm_classify_breaks (m, equal, 3, 5, NULL, 0, breaks, NULL), ==, 1);
      assert_breaks (breaks, (double[]) { 4, 4 }, 2);
      g_assert_cmpint (wm_classify_breaks (m, one, 1, 5, NULL, 0, breaks, NULL), ==, 1);
      assert_breaks (breaks, (double[]) { 7, 7 }, 2);
      g_assert_cmpint (wm_classify_breaks (m, all_nan, 2, 5, NULL, 0, breaks, NULL), ==, 0);
      g_assert_cmpint (wm_classify_breaks (m, NULL, 0, 5, NULL, 0, breaks, NULL), ==, 0);
    }
  g_assert_cmpuint (wm_classify_value (breaks, 0, 1), ==, WM_CLASS_NO_DATA);

  /* NaN is skipped: equal intervals of 1, 2, 3 */
  g_assert_cmpint (wm_classify_breaks (WM_CLASSIFY_EQUAL_INTERVAL, with_nan, 5, 3, NULL, 0, breaks, NULL), ==, 3);
  assert_breaks (breaks, (double[]) { 1, 5.0 / 3, 7.0 / 3, 3 }, 4);
}

/* 2, 4, 4, 4, 5, 5, 7, 9: mean 5, population sd 2. */
static void
test_stddev (void)
{
  const double v[] = { 2, 4, 4, 4, 5, 5, 7, 9 };

  /* k = 4: breaks at the mean and ±1 sd; outer classes reach 1 (mean − 2 sd) and 9 */
  g_assert_cmpint (wm_classify_breaks (WM_CLASSIFY_STDDEV, v, 8, 4, NULL, 0, breaks, NULL), ==, 4);
  assert_breaks (breaks, (double[]) { 1, 3, 5, 7, 9 }, 5);
  /* k = 3: the middle class is mean ± 0.5 sd = (4, 6] */
  g_assert_cmpint (wm_classify_breaks (WM_CLASSIFY_STDDEV, v, 8, 3, NULL, 0, breaks, NULL), ==, 3);
  assert_breaks (breaks, (double[]) { 2, 4, 6, 9 }, 4);
}

static void
test_manual (void)
{
  const double v[] = { 0.5, 3, 12, 40, 98 };
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (wm_classify_breaks (WM_CLASSIFY_MANUAL, v, 5, 0, (double[]) { 10, 50 }, 2, breaks, &error), ==, 3);
  g_assert_no_error (error);
  assert_breaks (breaks, (double[]) { 0.5, 10, 50, 98 }, 4);

  g_assert_cmpint (wm_classify_breaks (WM_CLASSIFY_MANUAL, v, 5, 0, (double[]) { 50, 10 }, 2, breaks, &error), ==, -1);
  g_assert_error (error, WM_CLASSIFY_ERROR, WM_CLASSIFY_ERROR_BREAK_ORDER);
  g_assert_nonnull (strstr (error->message, "Break 2 (10)"));
  g_assert_nonnull (strstr (error->message, "lowest to the highest"));
  g_clear_error (&error);

  g_assert_cmpint (wm_classify_breaks (WM_CLASSIFY_MANUAL, v, 5, 0, (double[]) { 10, 10 }, 2, breaks, &error), ==, -1);
  g_assert_error (error, WM_CLASSIFY_ERROR, WM_CLASSIFY_ERROR_BREAK_ORDER);
  g_clear_error (&error);

  g_assert_cmpint (wm_classify_breaks (WM_CLASSIFY_MANUAL, v, 5, 0, (double[]) { 10, 120 }, 2, breaks, &error), ==, -1);
  g_assert_error (error, WM_CLASSIFY_ERROR, WM_CLASSIFY_ERROR_BREAK_RANGE);
  g_assert_nonnull (strstr (error->message, "120"));
  g_assert_nonnull (strstr (error->message, "0.5 to 98"));
  g_clear_error (&error);

  g_assert_cmpint (wm_classify_breaks (WM_CLASSIFY_MANUAL, v, 5, 0, (double[]) { NAN }, 1, breaks, &error), ==, -1);
  g_assert_error (error, WM_CLASSIFY_ERROR, WM_CLASSIFY_ERROR_BREAK_NOT_A_NUMBER);
  g_clear_error (&error);

  g_assert_cmpint (wm_classify_breaks (WM_CLASSIFY_MANUAL, v, 5, 0, breaks, 0, breaks, &error), ==, -1);
  g_assert_error (error, WM_CLASSIFY_ERROR, WM_CLASSIFY_ERROR_CLASS_COUNT);
  g_clear_error (&error);

  for (guint k = 0; k < 20; k++)
    {
      int r = wm_classify_breaks (WM_CLASSIFY_QUANTILE, v, 5, k, NULL, 0, breaks, &error);

      if (k >= 3 && k <= 9)
        g_assert_no_error (error);
      else
        {
          g_assert_cmpint (r, ==, -1);
          g_assert_error (error, WM_CLASSIFY_ERROR, WM_CLASSIFY_ERROR_CLASS_COUNT);
          g_assert_nonnull (strstr (error->message, "between 3 and 9"));
        }
      g_clear_error (&error);
    }
}

/* Hex codes as colorbrewer2.org publishes them. */
static void
test_palettes (void)
{
  WmRgb c[9];
  g_autoptr(GPtrArray) seq = wm_palette_list (WM_PALETTE_SEQUENTIAL, FALSE);
  g_autoptr(GPtrArray) div = wm_palette_list (WM_PALETTE_DIVERGING, FALSE);
  g_autoptr(GPtrArray) safe = wm_palette_list (WM_PALETTE_DIVERGING, TRUE);

  g_assert_cmpuint (seq->len, ==, 18);
  g_assert_cmpuint (div->len, ==, 9);
  g_assert_cmpuint (safe->len, <, div->len);

  g_assert_true (wm_palette_get_colors ("YlOrRd", 3, FALSE, c));
  g_assert_cmphex (c[0], ==, 0xffeda0);
  g_assert_cmphex (c[1], ==, 0xfeb24c);
  g_assert_cmphex (c[2], ==, 0xf03b20);
  g_assert_true (wm_palette_get_colors ("RdBu", 5, FALSE, c));
  g_assert_cmphex (c[0], ==, 0xca0020);
  g_assert_cmphex (c[2], ==, 0xf7f7f7);
  g_assert_cmphex (c[4], ==, 0x0571b0);
  g_assert_true (wm_palette_get_colors ("Blues", 9, TRUE, c));
  g_assert_cmphex (c[0], ==, 0x08306b);
  g_assert_cmphex (c[8], ==, 0xf7fbff);
  g_assert_true (wm_palette_get_colors ("YlOrRd", 1, FALSE, c));
  g_assert_cmphex (c[0], ==, 0xfeb24c);

  g_assert_true (wm_palette_is_colorblind_safe (WM_PALETTE_DEFAULT_SEQUENTIAL));
  g_assert_true (wm_palette_is_colorblind_safe (WM_PALETTE_DEFAULT_DIVERGING));
  g_assert_false (wm_palette_is_colorblind_safe ("Spectral"));
  g_assert_cmpint (wm_palette_get_kind ("PuOr"), ==, WM_PALETTE_DIVERGING);
  g_assert_false (wm_palette_get_colors ("Rainbow", 5, FALSE, c));
  g_assert_false (wm_palette_get_colors ("YlOrRd", 10, FALSE, c));
  g_assert_nonnull (strstr (wm_palette_attribution (), "Brewer"));
}

static void
count_changed (WmClassification *c, guint *n)
{
  (*n)++;
}

/* Two years × six areas (percentages):
 *   2020: 10 20 30 40 NaN 60      2021: 15 25 35 45 55 (hidden) */
static WmClassification *
make_model (void)
{
  const double values[] = { 10, 20, 30, 40, NAN, 60,
                            15, 25, 35, 45, 55, 65 };
  const guint8 status[] = { 0, 0, 0, 0, WM_AREA_NO_DATA, 0,
                            0, 0, 0, 0, 0, WM_AREA_SUPPRESSED };
  const int years[] = { 2020, 2021 };
  WmClassification *c = wm_classification_new ();

  wm_classification_set_values (c, values, status, 6, years, 2);
  wm_classification_set_unit (c, "%");
  wm_classification_set_method (c, WM_CLASSIFY_EQUAL_INTERVAL);
  g_assert_true (wm_classification_set_n_classes (c, 5, NULL));
  return c;
}

static void
test_legend_model (void)
{
  g_autoptr(WmClassification) c = make_model ();
  const double *b;
  WmSwatch sw, nd, sup;
  WmRgb ylorrd[5];
  guint changed = 0, bins[5], total;
  double lo, hi;

  g_signal_connect (c, "changed", G_CALLBACK (count_changed), &changed);

  /* all years: values 10 … 60 (65 is hidden, so it is not used), step 10 */
  g_assert_cmpint (wm_classification_get_year (c), ==, 2021);
  g_assert_cmpuint (wm_classification_get_n_classes (c), ==, 5);
  b = wm_classification_get_breaks (c);
  assert_breaks (b, (double[]) { 10, 20, 30, 40, 50, 60 }, 6);

  /* 2021: 15 → 0, 25 → 1, 35 → 2, 45 → 3, 55 → 4, hidden */
  g_assert_cmpuint (wm_classification_get_area_class (c, 0), ==, 0);
  g_assert_cmpuint (wm_classification_get_area_class (c, 4), ==, 4);
  g_assert_cmpuint (wm_classification_get_area_class (c, 5), ==, WM_CLASS_SUPPRESSED);
  g_assert_true (isnan (wm_classification_get_area_value (c, 5)));
  for (guint k = 0; k < 5; k++)
    g_assert_cmpuint (wm_classification_get_count (c, k), ==, 1);
  g_assert_cmpuint (wm_classification_get_count (c, WM_CLASS_SUPPRESSED), ==, 1);
  g_assert_cmpuint (wm_classification_get_count (c, WM_CLASS_NO_DATA), ==, 0);

  /* a timeline step re-classes, breaks stay: 2020 20 → 0 (tie goes down) */
  wm_classification_set_year_index (c, 0);
  g_assert_cmpuint (changed, ==, 1);
  assert_breaks (wm_classification_get_breaks (c), (double[]) { 10, 20, 30, 40, 50, 60 }, 6);
  g_assert_cmpuint (wm_classification_get_area_class (c, 1), ==, 0);
  g_assert_cmpuint (wm_classification_get_area_class (c, 4), ==, WM_CLASS_NO_DATA);
  g_assert_cmpuint (wm_classification_get_area_class (c, 5), ==, 4);
  g_assert_cmpuint (wm_classification_get_count (c, 0), ==, 2);
  g_assert_cmpuint (wm_classification_get_count (c, WM_CLASS_NO_DATA), ==, 1);

  /* colours: the 5-class YlOrRd, the same the palette gives */
  g_assert_true (wm_palette_get_colors ("YlOrRd", 5, FALSE, ylorrd));
  for (guint k = 0; k < 5; k++)
    {
      g_assert_true (wm_classification_get_swatch (c, k, &sw));
      g_assert_false (sw.hatched);
      g_assert_cmphex (sw.fill, ==, ylorrd[k]);
    }
  g_assert_false (wm_classification_get_swatch (c, 5, &sw));
  g_assert_true (wm_classification_get_swatch (c, WM_CLASS_NO_DATA, &nd));
  g_assert_true (wm_classification_get_swatch (c, WM_CLASS_SUPPRESSED, &sup));
  g_assert_true (nd.hatched && sup.hatched);
  g_assert_cmpint (nd.hatch_direction, !=, sup.hatch_direction);
  wm_classification_set_reversed (c, TRUE);
  g_assert_true (wm_classification_get_swatch (c, 0, &sw));
  g_assert_cmphex (sw.fill, ==, ylorrd[4]);

  /* labels with units; the reason of grey areas */
  {
    g_autofree char *l0 = wm_classification_get_label (c, 0);
    g_autofree char *l4 = wm_classification_get_label (c, 4);
    g_autofree char *lnd = wm_classification_get_label (c, WM_CLASS_NO_DATA);
    g_autofree char *why_nd = wm_classification_get_area_reason (c, 4);
    g_autofree char *why_ok = wm_classification_get_area_reason (c, 0);

    /* a spread of 50 gets one decimal */
    g_assert_cmpstr (l0, ==, "10.0 – 20.0%");
    g_assert_cmpstr (l4, ==, "50.0 – 60.0%");
    g_assert_cmpstr (lnd, ==, "No data");
    g_assert_cmpstr (why_nd, ==, "No data for 2020.");
    g_assert_null (why_ok);
  }
  wm_classification_set_year_index (c, 1);
  {
    g_autofree char *why = wm_classification_get_area_reason (c, 5);

    g_assert_nonnull (strstr (why, "privacy"));
    wm_classification_set_suppression_note (c, "Fewer than 3 families");
    g_free (why);
    why = wm_classification_get_area_reason (c, 5);
    g_assert_cmpstr (why, ==, "Fewer than 3 families");
  }

  /* histogram of 2021: 15 25 35 45 55 in 5 bins over 10–60 */
  total = wm_classification_get_histogram (c, bins, 5, &lo, &hi);
  g_assert_cmpuint (total, ==, 5);
  g_assert_cmpfloat (lo, ==, 10);
  g_assert_cmpfloat (hi, ==, 60);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpuint (bins[i], ==, 1);

  /* per-year breaks: 2021 alone spans 15 … 55, step 8 */
  wm_classification_set_scope (c, WM_CLASS_SCOPE_PER_YEAR);
  assert_breaks (wm_classification_get_breaks (c), (double[]) { 15, 23, 31, 39, 47, 55 }, 6);
  wm_classification_set_year_index (c, 0);
  assert_breaks (wm_classification_get_breaks (c), (double[]) { 10, 20, 30, 40, 50, 60 }, 6);
}

static void
test_legend_manual (void)
{
  g_autoptr(WmClassification) c = make_model ();
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  g_assert_false (wm_classification_set_manual_breaks (c, (double[]) { 30, 20 }, 2, &error));
  g_assert_error (error, WM_CLASSIFY_ERROR, WM_CLASSIFY_ERROR_BREAK_ORDER);
  g_assert_cmpint (wm_classification_get_method (c), ==, WM_CLASSIFY_EQUAL_INTERVAL);
  g_clear_error (&error);
  g_assert_false (wm_classification_set_manual_breaks (c, (double[]) { 5 }, 1, &error));
  g_assert_error (error, WM_CLASSIFY_ERROR, WM_CLASSIFY_ERROR_BREAK_RANGE);
  g_clear_error (&error);

  g_assert_true (wm_classification_set_manual_breaks (c, (double[]) { 33.3 }, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wm_classification_get_method (c), ==, WM_CLASSIFY_MANUAL);
  g_assert_cmpuint (wm_classification_get_n_classes (c), ==, 2);
  /* one decimal is needed to show 33.3 */
  label = wm_classification_get_label (c, 1);
  g_assert_cmpstr (label, ==, "33.3 – 60.0%");
  g_assert_false (wm_classification_set_n_classes (c, 12, &error));
  g_assert_error (error, WM_CLASSIFY_ERROR, WM_CLASSIFY_ERROR_CLASS_COUNT);
}

static void
test_legend_empty (void)
{
  g_autoptr(WmClassification) c = wm_classification_new ();
  const double nan2[] = { NAN, NAN };
  WmSwatch sw;

  g_assert_cmpuint (wm_classification_get_n_classes (c), ==, 0);
  g_assert_false (wm_classification_get_swatch (c, 0, &sw));
  wm_classification_set_values (c, nan2, NULL, 2, NULL, 1);
  g_assert_cmpuint (wm_classification_get_n_classes (c), ==, 0);
  g_assert_cmpuint (wm_classification_get_area_class (c, 1), ==, WM_CLASS_NO_DATA);
  g_assert_cmpuint (wm_classification_get_count (c, WM_CLASS_NO_DATA), ==, 2);
  wm_classification_set_values (c, (double[]) { 3.5 }, NULL, 1, NULL, 1);
  g_assert_cmpuint (wm_classification_get_n_classes (c), ==, 1);
  g_assert_cmpuint (wm_classification_get_area_class (c, 0), ==, 0);
  g_assert_true (wm_classification_get_swatch (c, 0, &sw));
  g_assert_cmphex (sw.fill, ==, 0xfeb24c);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/classify/classint-jenks71", test_classint_fixture);
  g_test_add_func ("/classify/jenks-brute-force", test_jenks_brute_force);
  g_test_add_func ("/classify/jenks-solvers-agree", test_jenks_solvers_agree);
  g_test_add_func ("/classify/jenks-large", test_jenks_large);
  g_test_add_func ("/classify/tie-rule", test_tie_rule);
  g_test_add_func ("/classify/degenerate", test_degenerate);
  g_test_add_func ("/classify/stddev", test_stddev);
  g_test_add_func ("/classify/manual", test_manual);
  g_test_add_func ("/classify/palettes", test_palettes);
  g_test_add_func ("/classify/legend-model", test_legend_model);
  g_test_add_func ("/classify/legend-manual", test_legend_manual);
  g_test_add_func ("/classify/legend-empty", test_legend_empty);

  return g_test_run ();
}
