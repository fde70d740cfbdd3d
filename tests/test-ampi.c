/* test-ampi.c — the adjusted Mazziotta–Pareto index against DESIGN.md §5
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <math.h>

#include "wm-ampi.h"

/* ref = (20, 10); units (10, 5), (20, 5), (30, 20); goalposts over the
 * units: (10, 30) and (5, 20). Worked out: unit 2 rescales to (100, 80),
 * M = 90, S = 10, AMPI± = 90 ± 10·10/90. */
static const double units[] = { 10, 5, 20, 5, 30, 20 };
static const double ref[] = { 20, 10 };
static const double plus[] = { 75.333, 91.111, 135.185 };
static const double minus[] = { 74.667, 88.889, 134.815 };

static void
test_design_vector (void)
{
  double min[2], max[2];

  wm_ampi_bounds (units, 3, 2, min, max);
  g_assert_cmpfloat (min[0], ==, 10);
  g_assert_cmpfloat (max[0], ==, 30);
  g_assert_cmpfloat (min[1], ==, 5);
  g_assert_cmpfloat (max[1], ==, 20);
  for (int u = 0; u < 3; u++)
    {
      g_assert_cmpfloat_with_epsilon (wm_ampi_unit (units + 2 * u, 2, ref, min, max, NULL, WM_AMPI_PLUS),
                                      plus[u], 1e-3);
      g_assert_cmpfloat_with_epsilon (wm_ampi_unit (units + 2 * u, 2, ref, min, max, NULL, WM_AMPI_MINUS),
                                      minus[u], 1e-3);
    }
}

static void
test_edge_cases (void)
{
  const double with_nan[] = { 10, NAN, 20, 5, 30, 20 };
  const double flat[] = { 7, 5, 7, 5 };
  const int polarity[] = { 1, -1 };
  double min[2], max[2];

  /* a missing value: no index for that unit, goalposts from the others */
  wm_ampi_bounds (with_nan, 3, 2, min, max);
  g_assert_cmpfloat (min[1], ==, 5);
  g_assert_true (isnan (wm_ampi_unit (with_nan, 2, ref, min, max, NULL, WM_AMPI_PLUS)));
  g_assert_false (isnan (wm_ampi_unit (with_nan + 2, 2, ref, min, max, NULL, WM_AMPI_PLUS)));
  /* a missing reference */
  g_assert_true (isnan (wm_ampi_unit (units, 2, (double[]) { NAN, 10 }, min, max, NULL, WM_AMPI_PLUS)));
  /* equal goalposts: the component is 100 everywhere, so a flat unit scores 100 */
  wm_ampi_bounds (flat, 2, 2, min, max);
  g_assert_cmpfloat_with_epsilon (wm_ampi_unit (flat, 2, (double[]) { 3, 1 }, min, max, NULL, WM_AMPI_PLUS),
                                  100, 1e-12);
  /* negative polarity mirrors the component: unit 2 → (100, 120), M 110, S 10 */
  wm_ampi_bounds (units, 3, 2, min, max);
  g_assert_cmpfloat_with_epsilon (wm_ampi_unit (units + 2, 2, ref, min, max, polarity, WM_AMPI_PLUS),
                                  110 + 10.0 * 10 / 110, 1e-9);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ampi/design-vector", test_design_vector);
  g_test_add_func ("/ampi/edge-cases", test_edge_cases);
  return g_test_run ();
}
