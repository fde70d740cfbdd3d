/* wm-indicator-table.c — every indicator for every area and year of one layer
 *
 * Holds counts, never rates: a value is numerator / denominator × the
 * unit's scale when asked, NaN ("no data") when the denominator is 0. The
 * composite is the one stored value, computed at construction from the
 * component rates. Immutable, so any thread may read it.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "wm-ampi.h"
#include "wm-indicator-table-private.h"

struct _WmIndicatorTable
{
  GObject parent_instance;

  WmAreaLayer *layer;
  int first_year;
  guint n_years;
  guint n_areas;
  guint n_slots;              /* areas + outside */
  int *years;
  GBytes *count_bytes;
  const guint32 *counts;      /* [year][counter][slot] */
  guint64 *municipality;      /* [year][counter] */
  double reference[WM_IVSM_N_COMPONENTS];
  gboolean default_reference;
  double *composite;          /* [year][area] */
  double *composite_municipality;
};

G_DEFINE_FINAL_TYPE (WmIndicatorTable, wm_indicator_table, G_TYPE_OBJECT)

static void
wm_indicator_table_finalize (GObject *object)
{
  WmIndicatorTable *self = WM_INDICATOR_TABLE (object);

  g_clear_object (&self->layer);
  g_clear_pointer (&self->count_bytes, g_bytes_unref);
  g_free (self->years);
  g_free (self->municipality);
  g_free (self->composite);
  g_free (self->composite_municipality);

  G_OBJECT_CLASS (wm_indicator_table_parent_class)->finalize (object);
}

static void
wm_indicator_table_class_init (WmIndicatorTableClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wm_indicator_table_finalize;
}

static void
wm_indicator_table_init (WmIndicatorTable *self)
{
}

static const guint32 *
block (WmIndicatorTable *self,
       guint             y,
       int               counter)
{
  return self->counts + ((gsize) y * WM_N_COUNTS + counter) * self->n_slots;
}

static double
ratio (guint64         num,
       guint64         den,
       WmIndicatorId   indicator)
{
  if (den == 0)
    return NAN;
  return (double) num / (double) den * wm_indicator_unit_scale (wm_indicator_def_get (indicator)->unit);
}

static double
slot_value (WmIndicatorTable *self,
            WmIndicatorId     indicator,
            guint             y,
            guint             slot)
{
  int num = wm_indicator_counts[indicator].num, den = wm_indicator_counts[indicator].den;

  return ratio (block (self, y, num)[slot], block (self, y, den)[slot], indicator);
}

static double
municipality_value (WmIndicatorTable *self,
                    WmIndicatorId     indicator,
                    guint             y)
{
  const guint64 *m = self->municipality + (gsize) y * WM_N_COUNTS;

  if (indicator == WM_INDICATOR_IVSM)
    return self->composite_municipality[y];
  return ratio (m[wm_indicator_counts[indicator].num], m[wm_indicator_counts[indicator].den], indicator);
}

/* AMPI+ over the seven IVSM rates, goalposts over every area and year. */
static void
compute_composite (WmIndicatorTable *self,
                   const double     *reference)
{
  guint n_units = self->n_years * self->n_areas;
  g_autofree double *x = g_new (double, (gsize) MAX (n_units, 1) * WM_IVSM_N_COMPONENTS);
  double min[WM_IVSM_N_COMPONENTS], max[WM_IVSM_N_COMPONENTS], m[WM_IVSM_N_COMPONENTS];

  for (guint y = 0; y < self->n_years; y++)
    for (guint a = 0; a < self->n_areas; a++)
      for (guint c = 0; c < WM_IVSM_N_COMPONENTS; c++)
        x[((gsize) y * self->n_areas + a) * WM_IVSM_N_COMPONENTS + c] = slot_value (self, c, y, a);
  wm_ampi_bounds (x, n_units, WM_IVSM_N_COMPONENTS, min, max);

  self->default_reference = reference == NULL;
  for (guint c = 0; c < WM_IVSM_N_COMPONENTS; c++)
    self->reference[c] = reference != NULL ? reference[c] : municipality_value (self, c, 0);

  self->composite = g_new (double, MAX (n_units, 1));
  for (guint u = 0; u < n_units; u++)
    self->composite[u] = wm_ampi_unit (x + (gsize) u * WM_IVSM_N_COMPONENTS, WM_IVSM_N_COMPONENTS,
                                       self->reference, min, max, NULL, WM_AMPI_PLUS);
  self->composite_municipality = g_new (double, self->n_years);
  for (guint y = 0; y < self->n_years; y++)
    {
      for (guint c = 0; c < WM_IVSM_N_COMPONENTS; c++)
        m[c] = municipality_value (self, c, y);
      self->composite_municipality[y] = wm_ampi_unit (m, WM_IVSM_N_COMPONENTS, self->reference,
                                                      min, max, NULL, WM_AMPI_PLUS);
    }
}

WmIndicatorTable *
wm_indicator_table_new (WmAreaLayer  *layer,
                        int           first_year,
                        guint         n_years,
                        GBytes       *counts,
                        const double *reference)
{
  WmIndicatorTable *self = g_object_new (WM_TYPE_INDICATOR_TABLE, NULL);

  self->layer = g_object_ref (layer);
  self->first_year = first_year;
  self->n_years = n_years;
  self->n_areas = wm_area_layer_get_n_areas (layer);
  self->n_slots = self->n_areas + 1;
  g_assert (g_bytes_get_size (counts) == (gsize) n_years * WM_N_COUNTS * self->n_slots * sizeof (guint32));
  self->count_bytes = g_bytes_ref (counts);
  self->counts = g_bytes_get_data (counts, NULL);
  self->years = g_new (int, n_years);
  for (guint y = 0; y < n_years; y++)
    self->years[y] = first_year + y;

  self->municipality = g_new0 (guint64, (gsize) n_years * WM_N_COUNTS);
  for (guint y = 0; y < n_years; y++)
    for (int k = 0; k < WM_N_COUNTS; k++)
      {
        const guint32 *b = block (self, y, k);
        guint64 sum = 0;

        for (guint s = 0; s < self->n_slots; s++)
          sum += b[s];
        self->municipality[(gsize) y * WM_N_COUNTS + k] = sum;
      }
  compute_composite (self, reference);
  return self;
}

/* The same counts with another composite reference (%NULL: the default). */
WmIndicatorTable *
wm_indicator_table_new_reference (WmIndicatorTable *table,
                                  const double     *reference)
{
  return wm_indicator_table_new (table->layer, table->first_year, table->n_years,
                                 table->count_bytes, reference);
}

const guint32 *
wm_indicator_table_peek_counts (WmIndicatorTable *self,
                                guint             year_offset,
                                WmCount           counter)
{
  g_return_val_if_fail (year_offset < self->n_years, NULL);
  return block (self, year_offset, counter);
}

/* Returns: (transfer none): the boundary layer the areas belong to */
WmAreaLayer *
wm_indicator_table_get_layer (WmIndicatorTable *self)
{
  g_return_val_if_fail (WM_IS_INDICATOR_TABLE (self), NULL);
  return self->layer;
}

guint
wm_indicator_table_get_n_areas (WmIndicatorTable *self)
{
  g_return_val_if_fail (WM_IS_INDICATOR_TABLE (self), 0);
  return self->n_areas;
}

int
wm_indicator_table_get_first_year (WmIndicatorTable *self)
{
  g_return_val_if_fail (WM_IS_INDICATOR_TABLE (self), 0);
  return self->first_year;
}

int
wm_indicator_table_get_last_year (WmIndicatorTable *self)
{
  g_return_val_if_fail (WM_IS_INDICATOR_TABLE (self), 0);
  return self->first_year + (int) self->n_years - 1;
}

/* Returns: (array length=n_years): the years, ascending */
const int *
wm_indicator_table_get_years (WmIndicatorTable *self,
                              guint            *n_years)
{
  g_return_val_if_fail (WM_IS_INDICATOR_TABLE (self), NULL);
  if (n_years != NULL)
    *n_years = self->n_years;
  return self->years;
}

gboolean
wm_indicator_table_has_year (WmIndicatorTable *self,
                             int               year)
{
  g_return_val_if_fail (WM_IS_INDICATOR_TABLE (self), FALSE);
  return year >= self->first_year && year < self->first_year + (int) self->n_years;
}

static gboolean
check_args (WmIndicatorTable *self,
            WmIndicatorId     indicator,
            int               year)
{
  g_return_val_if_fail (WM_IS_INDICATOR_TABLE (self), FALSE);
  g_return_val_if_fail (indicator < WM_N_INDICATORS, FALSE);
  return wm_indicator_table_has_year (self, year);
}

/**
 * wm_indicator_table_get_value:
 * @area: an area index of the table's layer
 *
 * Returns: the value in the indicator's unit, or NaN when the area has no
 *   data (denominator 0, a missing composite component) or @year is not in
 *   the table — never 0 for "no data"
 */
double
wm_indicator_table_get_value (WmIndicatorTable *self,
                              WmIndicatorId     indicator,
                              int               year,
                              guint             area)
{
  if (!check_args (self, indicator, year))
    return NAN;
  g_return_val_if_fail (area < self->n_areas, NAN);
  if (indicator == WM_INDICATOR_IVSM)
    return self->composite[(gsize) (year - self->first_year) * self->n_areas + area];
  return slot_value (self, indicator, year - self->first_year, area);
}

/**
 * wm_indicator_table_copy_values:
 * @values: (out caller-allocates): wm_indicator_table_get_n_areas() values
 */
void
wm_indicator_table_copy_values (WmIndicatorTable *self,
                                WmIndicatorId     indicator,
                                int               year,
                                double           *values)
{
  for (guint a = 0; a < wm_indicator_table_get_n_areas (self); a++)
    values[a] = wm_indicator_table_get_value (self, indicator, year, a);
}

static gboolean
slot_counts (WmIndicatorTable *self,
             WmIndicatorId     indicator,
             int               year,
             guint             slot,
             guint64          *numerator,
             guint64          *denominator)
{
  guint y = year - self->first_year;

  if (indicator == WM_INDICATOR_IVSM)
    return FALSE;
  *numerator = block (self, y, wm_indicator_counts[indicator].num)[slot];
  *denominator = block (self, y, wm_indicator_counts[indicator].den)[slot];
  return TRUE;
}

/**
 * wm_indicator_table_get_counts:
 *
 * Returns: %FALSE for the composite (it has no counts) or a year not in the
 *   table; a denominator of 0 means no data
 */
gboolean
wm_indicator_table_get_counts (WmIndicatorTable *self,
                               WmIndicatorId     indicator,
                               int               year,
                               guint             area,
                               guint64          *numerator,
                               guint64          *denominator)
{
  if (!check_args (self, indicator, year))
    return FALSE;
  g_return_val_if_fail (area < self->n_areas, FALSE);
  return slot_counts (self, indicator, year, area, numerator, denominator);
}

/* Counts of residents whose dwelling lies outside every area of the layer:
 * in the municipality's figures, in no area's. */
gboolean
wm_indicator_table_get_outside_counts (WmIndicatorTable *self,
                                       WmIndicatorId     indicator,
                                       int               year,
                                       guint64          *numerator,
                                       guint64          *denominator)
{
  if (!check_args (self, indicator, year))
    return FALSE;
  return slot_counts (self, indicator, year, self->n_areas, numerator, denominator);
}

/* The whole municipality: every resident, inside an area of the layer or not. */
double
wm_indicator_table_get_municipality_value (WmIndicatorTable *self,
                                           WmIndicatorId     indicator,
                                           int               year)
{
  if (!check_args (self, indicator, year))
    return NAN;
  return municipality_value (self, indicator, year - self->first_year);
}

gboolean
wm_indicator_table_get_municipality_counts (WmIndicatorTable *self,
                                            WmIndicatorId     indicator,
                                            int               year,
                                            guint64          *numerator,
                                            guint64          *denominator)
{
  const guint64 *m;

  if (!check_args (self, indicator, year) || indicator == WM_INDICATOR_IVSM)
    return FALSE;
  m = self->municipality + (gsize) (year - self->first_year) * WM_N_COUNTS;
  *numerator = m[wm_indicator_counts[indicator].num];
  *denominator = m[wm_indicator_counts[indicator].den];
  return TRUE;
}

/**
 * wm_indicator_table_get_rank:
 * @n_ranked: (out) (optional): how many areas have data that year
 *
 * Rank 1 is the highest value, whatever the indicator's polarity; equal
 * values share the better rank.
 *
 * Returns: the rank, 0 when the area has no data
 */
guint
wm_indicator_table_get_rank (WmIndicatorTable *self,
                             WmIndicatorId     indicator,
                             int               year,
                             guint             area,
                             guint            *n_ranked)
{
  double v = wm_indicator_table_get_value (self, indicator, year, area);
  guint higher = 0, ranked = 0;

  for (guint a = 0; a < wm_indicator_table_get_n_areas (self); a++)
    {
      double w = wm_indicator_table_get_value (self, indicator, year, a);

      if (isnan (w))
        continue;
      ranked++;
      higher += w > v;
    }
  if (n_ranked != NULL)
    *n_ranked = ranked;
  return isnan (v) ? 0 : higher + 1;
}

/**
 * wm_indicator_table_get_composite_reference:
 * @reference: (out caller-allocates): WM_IVSM_N_COMPONENTS values
 */
void
wm_indicator_table_get_composite_reference (WmIndicatorTable *self,
                                            double           *reference)
{
  g_return_if_fail (WM_IS_INDICATOR_TABLE (self));
  memcpy (reference, self->reference, sizeof self->reference);
}
