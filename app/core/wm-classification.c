/* wm-classification.c — the legend model: classes, colours, counts, labels
 *
 * The one place that says which colour an area gets: the map painter, the
 * legend widget and the atlas all ask it, so they cannot disagree.
 *
 * Values come as a years × areas matrix (NaN = no data) with an optional
 * status matrix that marks values hidden by disclosure control. Breaks are
 * computed over every year by default (WM_CLASS_SCOPE_ALL_YEARS), so a
 * colour means the same along the timeline; per-year breaks are cached per
 * year. A timeline step only re-classes the areas of the new year.
 *
 * Not shared between threads: a worker builds its own.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "wm-chart.h"
#include "wm-classification.h"

#define N_SWATCHES (WM_CLASSIFY_MAX_CLASSES + 2)
#define SPECIAL_SLOT(c) ((c) == WM_CLASS_NO_DATA ? WM_CLASSIFY_MAX_CLASSES : WM_CLASSIFY_MAX_CLASSES + 1)

typedef struct {
  gboolean valid;
  int n_classes;
  double breaks[WM_CLASSIFY_MAX_CLASSES + 1];
} Breaks;

struct _WmClassification
{
  GObject parent_instance;

  guint n_areas;
  guint n_years;
  double *values;     /* n_years × n_areas */
  guint8 *status;     /* WmAreaStatus, same shape */
  int *years;

  WmClassifyMethod method;
  guint requested;
  double manual[WM_CLASSIFY_MAX_CLASSES - 1];
  guint n_manual;
  WmClassScope scope;
  char *palette;
  gboolean reversed;
  guint year_index;

  char *title;
  char *unit;
  char *source;
  char *suppression_note;

  /* derived, recomputed lazily */
  Breaks all_years;
  Breaks *per_year;   /* n_years */
  gboolean classes_valid;
  const Breaks *current;
  int digits;
  WmRgb colors[WM_CLASSIFY_MAX_CLASSES];
  guint8 *area_class;
  guint counts[N_SWATCHES];
};

G_DEFINE_FINAL_TYPE (WmClassification, wm_classification, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_METHOD,
  PROP_N_CLASSES,
  PROP_SCOPE,
  PROP_PALETTE,
  PROP_REVERSED,
  PROP_YEAR_INDEX,
  PROP_TITLE,
  PROP_UNIT,
  PROP_SOURCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GType
wm_classify_method_get_type (void)
{
  static gsize type;
  static const GEnumValue values[] = {
    { WM_CLASSIFY_QUANTILE, "WM_CLASSIFY_QUANTILE", "quantile" },
    { WM_CLASSIFY_EQUAL_INTERVAL, "WM_CLASSIFY_EQUAL_INTERVAL", "equal-interval" },
    { WM_CLASSIFY_NATURAL_BREAKS, "WM_CLASSIFY_NATURAL_BREAKS", "natural-breaks" },
    { WM_CLASSIFY_STDDEV, "WM_CLASSIFY_STDDEV", "stddev" },
    { WM_CLASSIFY_MANUAL, "WM_CLASSIFY_MANUAL", "manual" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("WmClassifyMethod", values));
  return type;
}

static GType
wm_class_scope_get_type (void)
{
  static gsize type;
  static const GEnumValue values[] = {
    { WM_CLASS_SCOPE_ALL_YEARS, "WM_CLASS_SCOPE_ALL_YEARS", "all-years" },
    { WM_CLASS_SCOPE_PER_YEAR, "WM_CLASS_SCOPE_PER_YEAR", "per-year" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("WmClassScope", values));
  return type;
}

/* Anything but the year changed: every cached break goes. */
static void
invalidate_breaks (WmClassification *self)
{
  self->all_years.valid = FALSE;
  for (guint y = 0; self->per_year != NULL && y < self->n_years; y++)
    self->per_year[y].valid = FALSE;
  self->classes_valid = FALSE;
}

static void
emit_changed (WmClassification *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static double
value_at (WmClassification *self,
          guint             year,
          guint             area)
{
  gsize i = (gsize) year * self->n_areas + area;

  if (self->status != NULL && self->status[i] != WM_AREA_VALUE)
    return NAN;
  return self->values[i];
}

static void
compute_breaks (WmClassification *self,
                Breaks           *out,
                guint             first_year,
                guint             n_years)
{
  gsize n = (gsize) n_years * self->n_areas;
  g_autofree double *v = g_new (double, MAX (n, 1));
  gsize k = 0;

  for (guint y = first_year; y < first_year + n_years; y++)
    for (guint a = 0; a < self->n_areas; a++)
      v[k++] = value_at (self, y, a);

  if (self->method == WM_CLASSIFY_MANUAL)
    {
      double lo = INFINITY, hi = -INFINITY;

      /* Validated against the data when set; if the data changed since,
       * the outer classes stretch to hold every value. */
      for (gsize i = 0; i < n; i++)
        if (isfinite (v[i]))
          {
            lo = MIN (lo, v[i]);
            hi = MAX (hi, v[i]);
          }
      out->n_classes = isfinite (lo) ? (int) self->n_manual + 1 : 0;
      out->breaks[0] = MIN (lo, self->manual[0]);
      memcpy (out->breaks + 1, self->manual, self->n_manual * sizeof (double));
      out->breaks[self->n_manual + 1] = MAX (hi, self->manual[self->n_manual - 1]);
    }
  else
    out->n_classes = wm_classify_breaks (self->method, v, n, self->requested, NULL, 0, out->breaks, NULL);
  out->n_classes = MAX (out->n_classes, 0);
  out->valid = TRUE;
}

/* Enough decimals to tell every break from its neighbours, at least as
 * many as the spread of the values suggests. */
static int
pick_digits (const Breaks *b)
{
  double range = b->n_classes > 0 ? b->breaks[b->n_classes] - b->breaks[0] : 0;
  int digits = range > 0 ? CLAMP (2 - (int) floor (log10 (range)), 0, 6) : 2;

  for (; digits < 6; digits++)
    {
      gboolean distinct = TRUE;

      for (int i = 1; i <= b->n_classes && distinct; i++)
        {
          char x[64], y[64];

          g_snprintf (x, sizeof x, "%.*f", digits, b->breaks[i - 1]);
          g_snprintf (y, sizeof y, "%.*f", digits, b->breaks[i]);
          distinct = strcmp (x, y) != 0 || b->breaks[i] == b->breaks[i - 1];
        }
      if (distinct)
        break;
    }
  return digits;
}

static void
ensure (WmClassification *self)
{
  const Breaks *b;

  if (self->classes_valid)
    return;

  if (self->scope == WM_CLASS_SCOPE_PER_YEAR && self->method != WM_CLASSIFY_MANUAL && self->n_years > 0)
    {
      Breaks *y = &self->per_year[self->year_index];

      if (!y->valid)
        compute_breaks (self, y, self->year_index, 1);
      b = y;
    }
  else
    {
      if (!self->all_years.valid)
        compute_breaks (self, &self->all_years, 0, self->n_years);
      b = &self->all_years;
    }

  self->current = b;
  self->digits = pick_digits (b);
  if (b->n_classes == 0 ||
      !wm_palette_get_colors (self->palette, b->n_classes, self->reversed, self->colors))
    memset (self->colors, 0, sizeof self->colors);

  memset (self->counts, 0, sizeof self->counts);
  for (guint a = 0; a < self->n_areas; a++)
    {
      gsize i = (gsize) self->year_index * self->n_areas + a;
      guint c;

      if (self->status != NULL && self->status[i] == WM_AREA_SUPPRESSED)
        c = WM_CLASS_SUPPRESSED;
      else
        c = wm_classify_value (b->breaks, b->n_classes, value_at (self, self->year_index, a));
      self->area_class[a] = (guint8) c;
      self->counts[c < WM_CLASSIFY_MAX_CLASSES ? c : SPECIAL_SLOT (c)]++;
    }
  self->classes_valid = TRUE;
}

static void
wm_classification_finalize (GObject *object)
{
  WmClassification *self = WM_CLASSIFICATION (object);

  g_free (self->values);
  g_free (self->status);
  g_free (self->years);
  g_free (self->per_year);
  g_free (self->area_class);
  g_free (self->palette);
  g_free (self->title);
  g_free (self->unit);
  g_free (self->source);
  g_free (self->suppression_note);

  G_OBJECT_CLASS (wm_classification_parent_class)->finalize (object);
}

static void
wm_classification_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  WmClassification *self = WM_CLASSIFICATION (object);

  switch (prop_id)
    {
    case PROP_METHOD: g_value_set_enum (value, self->method); break;
    case PROP_N_CLASSES: g_value_set_uint (value, self->requested); break;
    case PROP_SCOPE: g_value_set_enum (value, self->scope); break;
    case PROP_PALETTE: g_value_set_string (value, self->palette); break;
    case PROP_REVERSED: g_value_set_boolean (value, self->reversed); break;
    case PROP_YEAR_INDEX: g_value_set_uint (value, self->year_index); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_UNIT: g_value_set_string (value, self->unit); break;
    case PROP_SOURCE: g_value_set_string (value, self->source); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_classification_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  WmClassification *self = WM_CLASSIFICATION (object);

  switch (prop_id)
    {
    case PROP_METHOD: wm_classification_set_method (self, g_value_get_enum (value)); break;
    case PROP_N_CLASSES: wm_classification_set_n_classes (self, g_value_get_uint (value), NULL); break;
    case PROP_SCOPE: wm_classification_set_scope (self, g_value_get_enum (value)); break;
    case PROP_PALETTE: wm_classification_set_palette (self, g_value_get_string (value)); break;
    case PROP_REVERSED: wm_classification_set_reversed (self, g_value_get_boolean (value)); break;
    case PROP_YEAR_INDEX: wm_classification_set_year_index (self, g_value_get_uint (value)); break;
    case PROP_TITLE: wm_classification_set_title (self, g_value_get_string (value)); break;
    case PROP_UNIT: wm_classification_set_unit (self, g_value_get_string (value)); break;
    case PROP_SOURCE: wm_classification_set_source (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_classification_class_init (WmClassificationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = wm_classification_finalize;
  object_class->get_property = wm_classification_get_property;
  object_class->set_property = wm_classification_set_property;

  properties[PROP_METHOD] =
    g_param_spec_enum ("method", NULL, NULL, wm_classify_method_get_type (),
                       WM_CLASSIFY_QUANTILE, flags);
  properties[PROP_N_CLASSES] =
    g_param_spec_uint ("n-classes", NULL, NULL, WM_CLASSIFY_MIN_CLASSES, WM_CLASSIFY_MAX_CLASSES, 5, flags);
  properties[PROP_SCOPE] =
    g_param_spec_enum ("scope", NULL, NULL, wm_class_scope_get_type (), WM_CLASS_SCOPE_ALL_YEARS, flags);
  properties[PROP_PALETTE] =
    g_param_spec_string ("palette", NULL, NULL, WM_PALETTE_DEFAULT_SEQUENTIAL, flags);
  properties[PROP_REVERSED] =
    g_param_spec_boolean ("reversed", NULL, NULL, FALSE, flags);
  properties[PROP_YEAR_INDEX] =
    g_param_spec_uint ("year-index", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_UNIT] = g_param_spec_string ("unit", NULL, NULL, NULL, flags);
  properties[PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WmClassification::changed:
   *
   * The class or the colour of some area, or a legend text, changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
wm_classification_init (WmClassification *self)
{
  self->method = WM_CLASSIFY_QUANTILE;
  self->requested = 5;
  self->scope = WM_CLASS_SCOPE_ALL_YEARS;
  self->palette = g_strdup (WM_PALETTE_DEFAULT_SEQUENTIAL);
}

WmClassification *
wm_classification_new (void)
{
  return g_object_new (WM_TYPE_CLASSIFICATION, NULL);
}

/**
 * wm_classification_set_values:
 * @values: (array): @n_years × @n_areas values, year after year; NaN = no data
 * @status: (array) (nullable): WmAreaStatus per value, same shape
 * @years: (array length=n_years) (nullable): the calendar year of each row
 *
 * Copies everything; the year index goes back to the last year.
 */
void
wm_classification_set_values (WmClassification *self,
                              const double     *values,
                              const guint8     *status,
                              guint             n_areas,
                              const int        *years,
                              guint             n_years)
{
  gsize n = (gsize) n_areas * n_years;

  g_return_if_fail (WM_IS_CLASSIFICATION (self));
  g_return_if_fail (values != NULL || n == 0);

  g_free (self->values);
  g_free (self->status);
  g_free (self->years);
  g_free (self->per_year);
  g_free (self->area_class);
  self->n_areas = n_areas;
  self->n_years = n_years;
  self->values = g_memdup2 (values, n * sizeof (double));
  self->status = status != NULL ? g_memdup2 (status, n) : NULL;
  self->years = g_new0 (int, MAX (n_years, 1));
  for (guint y = 0; y < n_years; y++)
    self->years[y] = years != NULL ? years[y] : (int) y;
  self->per_year = g_new0 (Breaks, MAX (n_years, 1));
  self->area_class = g_new0 (guint8, MAX (n_areas, 1));
  self->year_index = n_years > 0 ? n_years - 1 : 0;
  invalidate_breaks (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR_INDEX]);
  emit_changed (self);
}

guint
wm_classification_get_n_areas (WmClassification *self)
{
  g_return_val_if_fail (WM_IS_CLASSIFICATION (self), 0);
  return self->n_areas;
}

guint
wm_classification_get_n_years (WmClassification *self)
{
  g_return_val_if_fail (WM_IS_CLASSIFICATION (self), 0);
  return self->n_years;
}

void
wm_classification_set_method (WmClassification *self,
                              WmClassifyMethod  method)
{
  g_return_if_fail (WM_IS_CLASSIFICATION (self));
  /* manual breaks only through wm_classification_set_manual_breaks() */
  g_return_if_fail (method != WM_CLASSIFY_MANUAL || self->n_manual > 0);

  if (self->method == method)
    return;
  self->method = method;
  invalidate_breaks (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METHOD]);
  emit_changed (self);
}

WmClassifyMethod
wm_classification_get_method (WmClassification *self)
{
  g_return_val_if_fail (WM_IS_CLASSIFICATION (self), WM_CLASSIFY_QUANTILE);
  return self->method;
}

gboolean
wm_classification_set_n_classes (WmClassification  *self,
                                 guint              n_classes,
                                 GError           **error)
{
  g_return_val_if_fail (WM_IS_CLASSIFICATION (self), FALSE);

  if (n_classes < WM_CLASSIFY_MIN_CLASSES || n_classes > WM_CLASSIFY_MAX_CLASSES)
    {
      g_set_error (error, WM_CLASSIFY_ERROR, WM_CLASSIFY_ERROR_CLASS_COUNT,
                   _("%u classes were asked for — choose between %d and %d classes."),
                   n_classes, WM_CLASSIFY_MIN_CLASSES, WM_CLASSIFY_MAX_CLASSES);
      return FALSE;
    }
  if (self->requested == n_classes)
    return TRUE;
  self->requested = n_classes;
  invalidate_breaks (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CLASSES]);
  emit_changed (self);
  return TRUE;
}

guint
wm_classification_get_requested_classes (WmClassification *self)
{
  g_return_val_if_fail (WM_IS_CLASSIFICATION (self), 0);
  return self->requested;
}

/**
 * wm_classification_set_manual_breaks:
 * @breaks: (array length=n_breaks): the inner breaks, ascending, within
 *   the values of every year
 *
 * Switches to %WM_CLASSIFY_MANUAL. On error nothing changes.
 */
gboolean
wm_classification_set_manual_breaks (WmClassification  *self,
                                     const double      *breaks,
                                     guint              n_breaks,
                                     GError           **error)
{
  double check[WM_CLASSIFY_MAX_CLASSES + 1];
  gsize n = (gsize) self->n_areas * self->n_years;
  g_autofree double *v = g_new (double, MAX (n, 1));

  g_return_val_if_fail (WM_IS_CLASSIFICATION (self), FALSE);

  for (guint y = 0; y < self->n_years; y++)
    for (guint a = 0; a < self->n_areas; a++)
      v[(gsize) y * self->n_areas + a] = value_at (self, y, a);
  if (wm_classify_breaks (WM_CLASSIFY_MANUAL, v, n, 0, breaks, n_breaks, check, error) < 0)
    return FALSE;

  memcpy (self->manual, breaks, n_breaks * sizeof (double));
  self->n_manual = n_breaks;
  self->method = WM_CLASSIFY_MANUAL;
  invalidate_breaks (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METHOD]);
  emit_changed (self);
  return TRUE;
}

void
wm_classification_set_scope (WmClassification *self,
                             WmClassScope      scope)
{
  g_return_if_fail (WM_IS_CLASSIFICATION (self));

  if (self->scope == scope)
    return;
  self->scope = scope;
  self->classes_valid = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCOPE]);
  emit_changed (self);
}

WmClassScope
wm_classification_get_scope (WmClassification *self)
{
  g_return_val_if_fail (WM_IS_CLASSIFICATION (self), WM_CLASS_SCOPE_ALL_YEARS);
  return self->scope;
}

/**
 * wm_classification_set_palette:
 * @name: a ColorBrewer scheme name ("YlOrRd", "RdBu", …)
 *
 * Returns: %FALSE, changing nothing, for an unknown scheme
 */
gboolean
wm_classification_set_palette (WmClassification *self,
                               const char       *name)
{
  g_return_val_if_fail (WM_IS_CLASSIFICATION (self), FALSE);

  if (!wm_palette_exists (name))
    return FALSE;
  if (g_strcmp0 (self->palette, name) == 0)
    return TRUE;
  g_free (self->palette);
  self->palette = g_strdup (name);
  self->classes_valid = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PALETTE]);
  emit_changed (self);
  return TRUE;
}

const char *
wm_classification_get_palette (WmClassification *self)
{
  g_return_val_if_fail (WM_IS_CLASSIFICATION (self), NULL);
  return self->palette;
}

void
wm_classification_set_reversed (WmClassification *self,
                                gboolean          reversed)
{
  g_return_if_fail (WM_IS_CLASSIFICATION (self));

  reversed = !!reversed;
  if (self->reversed == reversed)
    return;
  self->reversed = reversed;
  self->classes_valid = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVERSED]);
  emit_changed (self);
}

gboolean
wm_classification_get_reversed (WmClassification *self)
{
  g_return_val_if_fail (WM_IS_CLASSIFICATION (self), FALSE);
  return self->reversed;
}

/* A timeline step: breaks stay (unless per year), areas are re-classed. */
void
wm_classification_set_year_index (WmClassification *self,
                                  guint             year_index)
{
  g_return_if_fail (WM_IS_CLASSIFICATION (self));
  g_return_if_fail (year_index < MAX (self->n_years, 1));

  if (self->year_index == year_index)
    return;
  self->year_index = year_index;
  self->classes_valid = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR_INDEX]);
  emit_changed (self);
}

guint
wm_classification_get_year_index (WmClassification *self)
{
  g_return_val_if_fail (WM_IS_CLASSIFICATION (self), 0);
  return self->year_index;
}

int
wm_classification_get_year (WmClassification *self)
{
  g_return_val_if_fail (WM_IS_CLASSIFICATION (self), 0);
  return self->n_years > 0 ? self->years[self->year_index] : 0;
}

static void
set_text (WmClassification  *self,
          char             **field,
          const char        *text,
          int                prop)
{
  if (g_strcmp0 (*field, text) == 0)
    return;
  g_free (*field);
  *field = g_strdup (text);
  if (prop > 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  emit_changed (self);
}

void
wm_classification_set_title (WmClassification *self,
                             const char       *title)
{
  g_return_if_fail (WM_IS_CLASSIFICATION (self));
  set_text (self, &self->title, title, PROP_TITLE);
}

const char *
wm_classification_get_title (WmClassification *self)
{
  g_return_val_if_fail (WM_IS_CLASSIFICATION (self), NULL);
  return self->title;
}

void
wm_classification_set_unit (WmClassification *self,
                            const char       *unit)
{
  g_return_if_fail (WM_IS_CLASSIFICATION (self));
  set_text (self, &self->unit, unit, PROP_UNIT);
}

const char *
wm_classification_get_unit (WmClassification *self)
{
  g_return_val_if_fail (WM_IS_CLASSIFICATION (self), NULL);
  return self->unit;
}

void
wm_classification_set_source (WmClassification *self,
                              const char       *source)
{
  g_return_if_fail (WM_IS_CLASSIFICATION (self));
  set_text (self, &self->source, source, PROP_SOURCE);
}

const char *
wm_classification_get_source (WmClassification *self)
{
  g_return_val_if_fail (WM_IS_CLASSIFICATION (self), NULL);
  return self->source;
}

/* The tooltip of a suppressed area, e.g. the disclosure rule in force. */
void
wm_classification_set_suppression_note (WmClassification *self,
                                        const char       *note)
{
  g_return_if_fail (WM_IS_CLASSIFICATION (self));
  set_text (self, &self->suppression_note, note, 0);
}

/**
 * wm_classification_get_n_classes:
 *
 * Returns: the classes actually made: at most the number asked for, fewer
 *   when the values cannot fill them, 0 when no area has a value
 */
guint
wm_classification_get_n_classes (WmClassification *self)
{
  g_return_val_if_fail (WM_IS_CLASSIFICATION (self), 0);
  ensure (self);
  return self->current->n_classes;
}

/**
 * wm_classification_get_breaks:
 *
 * Returns: (array): n_classes + 1 breaks; class i is (b[i], b[i+1]], the
 *   first one closed on both ends
 */
const double *
wm_classification_get_breaks (WmClassification *self)
{
  g_return_val_if_fail (WM_IS_CLASSIFICATION (self), NULL);
  ensure (self);
  return self->current->breaks;
}

/* Areas of the current year in a class, WM_CLASS_NO_DATA or _SUPPRESSED. */
guint
wm_classification_get_count (WmClassification *self,
                             guint             class_index)
{
  g_return_val_if_fail (WM_IS_CLASSIFICATION (self), 0);
  ensure (self);
  if (class_index == WM_CLASS_NO_DATA || class_index == WM_CLASS_SUPPRESSED)
    return self->counts[SPECIAL_SLOT (class_index)];
  if (class_index >= (guint) self->current->n_classes)
    return 0;
  return self->counts[class_index];
}

/**
 * wm_classification_get_swatch:
 * @class_index: a class, %WM_CLASS_NO_DATA or %WM_CLASS_SUPPRESSED
 *
 * Returns: %FALSE for a class that does not exist
 */
gboolean
wm_classification_get_swatch (WmClassification *self,
                              guint             class_index,
                              WmSwatch         *swatch)
{
  g_return_val_if_fail (WM_IS_CLASSIFICATION (self), FALSE);
  ensure (self);

  memset (swatch, 0, sizeof *swatch);
  if (class_index == WM_CLASS_NO_DATA)
    {
      *swatch = (WmSwatch) { 0xe0e0e0, TRUE, 0x8c8c8c, +1 };
      return TRUE;
    }
  if (class_index == WM_CLASS_SUPPRESSED)
    {
      *swatch = (WmSwatch) { 0xc8c8c8, TRUE, 0x5a5a5a, 2 };
      return TRUE;
    }
  if (class_index >= (guint) self->current->n_classes)
    return FALSE;
  swatch->fill = self->colors[class_index];
  return TRUE;
}

char *
wm_classification_format_value (WmClassification *self,
                                double            value)
{
  g_return_val_if_fail (WM_IS_CLASSIFICATION (self), NULL);
  ensure (self);

  if (isnan (value))
    return g_strdup (_("no data"));
  return wm_chart_format_value (value, self->unit, self->digits);
}

/**
 * wm_classification_get_label:
 *
 * Returns: (transfer full) (nullable): "12.5 – 20.0 %" for a class, the
 *   name of the no-data and suppressed swatches
 */
char *
wm_classification_get_label (WmClassification *self,
                             guint             class_index)
{
  const Breaks *b;

  g_return_val_if_fail (WM_IS_CLASSIFICATION (self), NULL);
  ensure (self);
  b = self->current;

  if (class_index == WM_CLASS_NO_DATA)
    return g_strdup (_("No data"));
  if (class_index == WM_CLASS_SUPPRESSED)
    return g_strdup (_("Hidden (disclosure control)"));
  if (class_index >= (guint) b->n_classes)
    return NULL;
  if (b->breaks[class_index] == b->breaks[class_index + 1])
    return wm_classification_format_value (self, b->breaks[class_index]);
  {
    g_autofree char *lo = wm_chart_format_value (b->breaks[class_index], NULL, self->digits);
    g_autofree char *hi = wm_classification_format_value (self, b->breaks[class_index + 1]);

    return g_strdup_printf ("%s – %s", lo, hi);
  }
}

const char *
wm_classification_get_tie_rule (WmClassification *self)
{
  return wm_classify_tie_rule ();
}

/**
 * wm_classification_get_area_classes:
 *
 * Returns: (array length=n_areas): the class of every area in the current
 *   year, WM_CLASS_NO_DATA or WM_CLASS_SUPPRESSED; valid until the next
 *   change
 */
const guint8 *
wm_classification_get_area_classes (WmClassification *self,
                                    guint            *n_areas)
{
  g_return_val_if_fail (WM_IS_CLASSIFICATION (self), NULL);
  ensure (self);
  if (n_areas != NULL)
    *n_areas = self->n_areas;
  return self->area_class;
}

guint
wm_classification_get_area_class (WmClassification *self,
                                  guint             area)
{
  g_return_val_if_fail (WM_IS_CLASSIFICATION (self), WM_CLASS_NO_DATA);
  if (area >= self->n_areas)
    return WM_CLASS_NO_DATA;
  ensure (self);
  return self->area_class[area];
}

/* NaN for no data and for hidden values: a caller cannot leak them. */
double
wm_classification_get_area_value (WmClassification *self,
                                  guint             area)
{
  g_return_val_if_fail (WM_IS_CLASSIFICATION (self), NAN);
  if (area >= self->n_areas || self->n_years == 0)
    return NAN;
  return value_at (self, self->year_index, area);
}

/**
 * wm_classification_get_area_reason:
 *
 * Returns: (transfer full) (nullable): why @area has no colour this year,
 *   for its tooltip; %NULL when it has one
 */
char *
wm_classification_get_area_reason (WmClassification *self,
                                   guint             area)
{
  g_return_val_if_fail (WM_IS_CLASSIFICATION (self), NULL);

  switch (wm_classification_get_area_class (self, area))
    {
    case WM_CLASS_NO_DATA:
      return g_strdup_printf (_("No data for %d."), wm_classification_get_year (self));
    case WM_CLASS_SUPPRESSED:
      if (self->suppression_note != NULL)
        return g_strdup (self->suppression_note);
      return g_strdup (_("Hidden to protect privacy: too few people to show this value safely."));
    default:
      return NULL;
    }
}

/**
 * wm_classification_get_histogram:
 * @bins: (out caller-allocates) (array length=n_bins)
 * @lo: (out): the lower end of the first bin (the first break)
 * @hi: (out): the upper end of the last bin (the last break)
 *
 * Equal-width bins of the current year's values between the outer breaks.
 *
 * Returns: how many values were counted
 */
guint
wm_classification_get_histogram (WmClassification *self,
                                 guint            *bins,
                                 guint             n_bins,
                                 double           *lo,
                                 double           *hi)
{
  const Breaks *b;
  guint total = 0;
  double width;

  g_return_val_if_fail (WM_IS_CLASSIFICATION (self), 0);
  g_return_val_if_fail (n_bins > 0, 0);
  ensure (self);
  b = self->current;

  memset (bins, 0, n_bins * sizeof (guint));
  *lo = *hi = 0;
  if (b->n_classes == 0)
    return 0;
  *lo = b->breaks[0];
  *hi = b->breaks[b->n_classes];
  width = (*hi - *lo) / n_bins;
  for (guint a = 0; a < self->n_areas; a++)
    {
      double v = value_at (self, self->year_index, a);
      guint bin;

      if (!isfinite (v))
        continue;
      bin = width > 0 ? (guint) CLAMP ((v - *lo) / width, 0, n_bins - 1) : 0;
      bins[bin]++;
      total++;
    }
  return total;
}
