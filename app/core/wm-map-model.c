/* wm-map-model.c — what the map shows: layer, indicator, year, classes (no GTK)
 *
 * Choosing a layer loads its boundaries at once and asks the engine for its
 * indicator table in the background (all years in one go); until the table
 * arrives the map shows the boundaries alone. A timeline step or another
 * indicator only refills the one WmClassification the painter and the
 * legend share, so classification settings survive every switch.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <math.h>

#include "wm-extract.h"
#include "wm-layer-file.h"
#include "wm-map-model.h"

struct _WmMapModel
{
  GObject parent_instance;

  sqlite3 *db;                  /* borrowed: the extract owns it */
  WmPopulation *population;
  WmIndicatorEngine *engine;

  guint layer;
  WmAreaGeometry *geometry;
  int *geometry_to_table;       /* geometry area → table area, -1: none */
  WmIndicatorTable *table;
  GCancellable *computing;
  GError *error;

  WmIndicatorId indicator;
  int year;
  WmClassification *classification;
  guint min_denominator;        /* below it a value is suppressed; 0: never */
  GHashTable *file_layers;      /* layer index → WmAreaGeometry of layers added from files */
};

G_DEFINE_FINAL_TYPE (WmMapModel, wm_map_model, G_TYPE_OBJECT)

G_DEFINE_QUARK (wm-map-model-error-quark, wm_map_model_error)

enum {
  PROP_0,
  PROP_COMPUTING,
  N_PROPS
};

enum {
  SIGNAL_CHANGED,
  SIGNAL_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
wm_area_details_free (WmAreaDetails *details)
{
  if (details == NULL)
    return;
  g_free (details->code);
  g_free (details->name);
  g_free (details->reason);
  g_free (details->years);
  g_free (details->series);
  g_free (details->municipality_series);
  g_free (details);
}

static void
wm_map_model_dispose (GObject *object)
{
  WmMapModel *self = WM_MAP_MODEL (object);

  g_cancellable_cancel (self->computing);
  g_clear_object (&self->computing);
  g_clear_object (&self->table);
  g_clear_object (&self->geometry);
  g_clear_object (&self->engine);
  g_clear_object (&self->population);
  g_clear_object (&self->classification);
  g_clear_pointer (&self->file_layers, g_hash_table_unref);
  G_OBJECT_CLASS (wm_map_model_parent_class)->dispose (object);
}

static void
wm_map_model_finalize (GObject *object)
{
  WmMapModel *self = WM_MAP_MODEL (object);

  g_free (self->geometry_to_table);
  g_clear_error (&self->error);
  G_OBJECT_CLASS (wm_map_model_parent_class)->finalize (object);
}

static void
wm_map_model_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  WmMapModel *self = WM_MAP_MODEL (object);

  switch (prop_id)
    {
    case PROP_COMPUTING:
      g_value_set_boolean (value, wm_map_model_is_computing (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_map_model_class_init (WmMapModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wm_map_model_dispose;
  object_class->finalize = wm_map_model_finalize;
  object_class->get_property = wm_map_model_get_property;

  properties[PROP_COMPUTING] =
    g_param_spec_boolean ("computing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WmMapModel::changed:
   * @what: WmMapModelChange flags
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /**
   * WmMapModel::failed:
   * @error: why the indicators of the layer could not be computed
   */
  signals[SIGNAL_FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
wm_map_model_init (WmMapModel *self)
{
  self->classification = wm_classification_new ();
  self->indicator = WM_INDICATOR_IVSM;
  self->file_layers = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
}

WmMapModel *
wm_map_model_new (void)
{
  return g_object_new (WM_TYPE_MAP_MODEL, NULL);
}

static void
emit_changed (WmMapModel *self,
              guint       what)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, what);
}

static guint
year_index (WmMapModel *self,
            int         year)
{
  guint n;
  const int *years = wm_indicator_table_get_years (self->table, &n);

  for (guint i = 0; i < n; i++)
    if (years[i] == year)
      return i;
  return n > 0 ? n - 1 : 0;
}

/* The minimum-frequency rule of disclosure control: a value resting on
 * fewer than min_denominator people (or families) is not shown. The
 * composite rests on its seven components, so it is suppressed when any of
 * them would be. */
static gboolean
is_suppressed (WmMapModel    *self,
               WmIndicatorId  indicator,
               int            year,
               int            table_area)
{
  guint64 num, den;

  if (self->min_denominator == 0 || table_area < 0)
    return FALSE;
  if (indicator == WM_INDICATOR_IVSM)
    {
      for (guint c = 0; c < WM_IVSM_N_COMPONENTS; c++)
        if (is_suppressed (self, c, year, table_area))
          return TRUE;
      return FALSE;
    }
  if (!wm_indicator_table_get_counts (self->table, indicator, year, table_area, &num, &den))
    return FALSE;
  return den > 0 && den < self->min_denominator;
}

/* Values of every geometry area for every year, year after year, as the
 * legend model wants them; areas the table lacks have no data. */
static void
fill_classification (WmMapModel *self)
{
  const WmIndicatorDef *def = wm_indicator_def_get (self->indicator);
  guint n_areas, n_years, n_table;
  const int *years;
  g_autofree double *values = NULL;
  g_autofree guint8 *status = NULL;
  g_autofree double *column = NULL;

  wm_classification_set_title (self->classification, wm_indicator_def_get_label (def));
  wm_classification_set_unit (self->classification, wm_indicator_unit_symbol (def->unit));
  wm_classification_set_source (self->classification, wm_indicator_def_get_source (def));
  if (self->table == NULL || self->geometry == NULL)
    {
      wm_classification_set_values (self->classification, NULL, NULL, 0, NULL, 0);
      return;
    }

  n_areas = wm_area_geometry_get_n_areas (self->geometry);
  years = wm_indicator_table_get_years (self->table, &n_years);
  n_table = wm_indicator_table_get_n_areas (self->table);
  values = g_new (double, (gsize) n_areas * n_years);
  status = g_new (guint8, (gsize) n_areas * n_years);
  column = g_new (double, MAX (n_table, 1));
  for (guint y = 0; y < n_years; y++)
    {
      wm_indicator_table_copy_values (self->table, self->indicator, years[y], column);
      for (guint a = 0; a < n_areas; a++)
        {
          int t = self->geometry_to_table[a];
          double v = t >= 0 ? column[t] : NAN;

          if (is_suppressed (self, self->indicator, years[y], t))
            {
              values[(gsize) y * n_areas + a] = NAN;
              status[(gsize) y * n_areas + a] = WM_AREA_SUPPRESSED;
              continue;
            }
          values[(gsize) y * n_areas + a] = v;
          status[(gsize) y * n_areas + a] = isnan (v) ? WM_AREA_NO_DATA : WM_AREA_VALUE;
        }
    }
  if (self->min_denominator > 0)
    {
      g_autofree char *note = g_strdup_printf (_("Fewer than %u people or families behind this value: "
                                                 "hidden to protect their privacy"), self->min_denominator);

      wm_classification_set_suppression_note (self->classification, note);
    }
  wm_classification_set_values (self->classification, values, status, n_areas, years, n_years);
  wm_classification_set_year_index (self->classification, year_index (self, self->year));
  self->year = wm_classification_get_year (self->classification);
}

static void
set_table (WmMapModel       *self,
           WmIndicatorTable *table)
{
  g_set_object (&self->table, table);
  fill_classification (self);
  emit_changed (self, WM_MAP_MODEL_CHANGED_TABLE | WM_MAP_MODEL_CHANGED_YEAR | WM_MAP_MODEL_CHANGED_CLASSES);
}

/* A weak reference: a model dropped while its table is computed goes at
 * once (its dispose cancels the computation) instead of living on. */
typedef struct {
  GWeakRef self;
  GCancellable *computing;    /* which request this is */
} Request;

/* Gives freed memory back to the system: the decrypted database once
 * released, and what the engine's worker threads freed in their own malloc
 * arenas (glibc keeps both otherwise; tens of MB at a city's scale). */
static void
give_back_memory (void)
{
#ifdef __GLIBC__
  malloc_trim (0);
#endif
}

static void
on_computed (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Request *req = user_data;
  g_autoptr(WmMapModel) self = g_weak_ref_get (&req->self);
  g_autoptr(GCancellable) computing = req->computing;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmIndicatorTable) table = NULL;

  g_weak_ref_clear (&req->self);
  g_free (req);
  table = wm_indicator_engine_compute_finish (WM_INDICATOR_ENGINE (object), result, &error);
  /* The model is gone, or another layer was chosen meanwhile: this table
   * is not wanted, even if it finished before it noticed the cancellation. */
  if (self == NULL || computing != self->computing)
    return;
  g_clear_object (&self->computing);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPUTING]);
  if (table == NULL)
    {
      g_clear_error (&self->error);
      self->error = g_error_copy (error);
      g_signal_emit (self, signals[SIGNAL_FAILED], 0, error);
      return;
    }
  set_table (self, table);
  give_back_memory ();
}

static gboolean
load_layers (WmMapModel  *self,
             sqlite3     *db,
             GError     **error)
{
  self->db = db;
  self->engine = wm_indicator_engine_new (self->population);
  return TRUE;
}

static void
on_population_loaded (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WmMapModel *self = g_task_get_source_object (task);
  GError *error = NULL;

  self->population = wm_population_load_finish (result, &error);
  if (self->population == NULL)
    g_task_return_error (task, error);
  else if (!load_layers (self, g_task_get_task_data (task), &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * wm_map_model_load_async:
 * @db: the extract's database; it must stay open as long as the model
 *
 * Reads the population into memory (in a worker thread).
 */
void
wm_map_model_load_async (WmMapModel          *self,
                         sqlite3             *db,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, wm_map_model_load_async);
  g_task_set_task_data (task, db, NULL);
  wm_population_load_async (db, NULL, cancellable, on_population_loaded, task);
}

gboolean
wm_map_model_load_finish (WmMapModel    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
wm_map_model_load (WmMapModel    *self,
                   sqlite3       *db,
                   GCancellable  *cancellable,
                   GError       **error)
{
  self->population = wm_population_load (db, NULL, cancellable, error);
  return self->population != NULL && load_layers (self, db, error);
}

/**
 * wm_map_model_release_microdata:
 * @extract: the extract the model was loaded from
 *
 * Once loaded, the model reads only boundaries, services and a few small
 * tables from the database; the microdata now live in the population's
 * columns. This drops the rest of the decrypted database from memory
 * (wm_extract_keep_tables()), so a city's extract costs its columns, not
 * its database twice over. Dwelling positions are in the columns too
 * (boundary files added later); the import's quality report, 10 MB for a
 * city and read by nothing here, stays in the file.
 */
gboolean
wm_map_model_release_microdata (WmMapModel  *self,
                                WmExtract   *extract,
                                GError     **error)
{
  static const char * const kept[] = {
    "meta", "area_layer", "area", "section_area", "service_site", "service_type", "isee_threshold", NULL
  };

  g_return_val_if_fail (WM_IS_MAP_MODEL (self), FALSE);
  g_return_val_if_fail (wm_map_model_is_loaded (self), FALSE);
  g_return_val_if_fail (wm_extract_get_db (extract) == self->db, FALSE);

  if (!wm_extract_keep_tables (extract, kept, error))
    return FALSE;
  self->db = wm_extract_get_db (extract);
  give_back_memory ();
  return TRUE;
}

gboolean
wm_map_model_is_loaded (WmMapModel *self)
{
  g_return_val_if_fail (WM_IS_MAP_MODEL (self), FALSE);
  return self->engine != NULL;
}

WmPopulation *
wm_map_model_get_population (WmMapModel *self)
{
  g_return_val_if_fail (WM_IS_MAP_MODEL (self), NULL);
  return self->population;
}

guint
wm_map_model_get_n_layers (WmMapModel *self)
{
  g_return_val_if_fail (WM_IS_MAP_MODEL (self), 0);
  return self->population != NULL ? wm_population_get_n_layers (self->population) : 0;
}

WmAreaLayer *
wm_map_model_get_layer (WmMapModel *self,
                        guint       index)
{
  g_return_val_if_fail (WM_IS_MAP_MODEL (self), NULL);
  g_return_val_if_fail (index < wm_map_model_get_n_layers (self), NULL);
  return wm_population_get_layer (self->population, index);
}

guint
wm_map_model_get_layer_index (WmMapModel *self)
{
  g_return_val_if_fail (WM_IS_MAP_MODEL (self), 0);
  return self->layer;
}

/**
 * wm_map_model_set_layer:
 *
 * Shows the layer's boundaries now and computes its indicators in the
 * background (::changed with TABLE when they arrive). On failure (no
 * boundaries to draw) the current layer stays.
 */
gboolean
wm_map_model_set_layer (WmMapModel  *self,
                        guint        index,
                        GError     **error)
{
  WmAreaLayer *layer;
  g_autoptr(WmAreaGeometry) geometry = NULL;
  g_autoptr(WmIndicatorTable) cached = NULL;
  guint n;

  g_return_val_if_fail (WM_IS_MAP_MODEL (self), FALSE);

  if (!wm_map_model_is_loaded (self))
    {
      g_set_error_literal (error, WM_MAP_MODEL_ERROR, WM_MAP_MODEL_ERROR_NOT_LOADED,
                           _("No extract is open — open one first"));
      return FALSE;
    }
  if (index >= wm_map_model_get_n_layers (self))
    {
      g_set_error (error, WM_MAP_MODEL_ERROR, WM_MAP_MODEL_ERROR_LAYER,
                   _("The extract has no layer number %u"), index);
      return FALSE;
    }
  layer = wm_map_model_get_layer (self, index);
  geometry = g_hash_table_lookup (self->file_layers, GUINT_TO_POINTER (index));
  if (geometry != NULL)
    g_object_ref (geometry);
  else
    geometry = wm_area_geometry_load_extract (self->db, wm_area_layer_get_code (layer), error);
  if (geometry == NULL)
    return FALSE;
  n = wm_area_geometry_get_n_areas (geometry);

  g_cancellable_cancel (self->computing);
  g_clear_object (&self->computing);
  g_clear_object (&self->table);
  g_set_object (&self->geometry, geometry);
  self->layer = index;
  g_free (self->geometry_to_table);
  self->geometry_to_table = g_new (int, n);
  for (guint a = 0; a < n; a++)
    self->geometry_to_table[a] = wm_area_layer_find_area_id (layer, wm_area_geometry_get_id (geometry, a));

  /* Everything settled before anyone hears of it: a handler may well
   * choose another layer at once. */
  cached = wm_indicator_engine_lookup (self->engine, layer);
  if (cached != NULL)
    {
      g_set_object (&self->table, cached);
      fill_classification (self);
      emit_changed (self, WM_MAP_MODEL_CHANGED_LAYER | WM_MAP_MODEL_CHANGED_TABLE |
                          WM_MAP_MODEL_CHANGED_YEAR | WM_MAP_MODEL_CHANGED_CLASSES);
      return TRUE;
    }
  fill_classification (self);
  self->computing = g_cancellable_new ();
  {
    Request *req = g_new (Request, 1);

    g_weak_ref_init (&req->self, self);
    req->computing = g_object_ref (self->computing);
    wm_indicator_engine_compute_async (self->engine, layer, NULL, NULL, self->computing, on_computed, req);
  }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPUTING]);
  emit_changed (self, WM_MAP_MODEL_CHANGED_LAYER);
  return TRUE;
}

/**
 * wm_map_model_add_layer_file:
 * @path: a polygon file GDAL reads, in any CRS
 *
 * Adds the file's areas as a boundary layer (dwellings placed by point in
 * polygon) and shows it.
 *
 * Returns: the new layer's index, or -1 with @error naming the file and
 *   what is wrong with it
 */
int
wm_map_model_add_layer_file (WmMapModel  *self,
                             const char  *path,
                             GError     **error)
{
  g_autoptr(WmAreaGeometry) geometry = NULL;
  int index;

  g_return_val_if_fail (WM_IS_MAP_MODEL (self), -1);

  if (!wm_map_model_is_loaded (self))
    {
      g_set_error_literal (error, WM_MAP_MODEL_ERROR, WM_MAP_MODEL_ERROR_NOT_LOADED,
                           _("No extract is open — open one first"));
      return -1;
    }
  index = wm_layer_file_add (self->population, path, &geometry, error);
  if (index < 0)
    return -1;
  g_hash_table_insert (self->file_layers, GUINT_TO_POINTER (index), g_steal_pointer (&geometry));
  if (!wm_map_model_set_layer (self, index, error))
    return -1;
  return index;
}

gboolean
wm_map_model_is_computing (WmMapModel *self)
{
  g_return_val_if_fail (WM_IS_MAP_MODEL (self), FALSE);
  return self->computing != NULL;
}

/**
 * wm_map_model_wait:
 *
 * Runs the thread-default main context until the layer's table is there
 * (headless callers: the atlas, the command line, tests).
 */
gboolean
wm_map_model_wait (WmMapModel  *self,
                   GError     **error)
{
  g_return_val_if_fail (WM_IS_MAP_MODEL (self), FALSE);

  g_clear_error (&self->error);
  while (self->computing != NULL)
    g_main_context_iteration (g_main_context_get_thread_default (), TRUE);
  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      return FALSE;
    }
  return self->table != NULL;
}

void
wm_map_model_set_indicator (WmMapModel    *self,
                            WmIndicatorId  indicator)
{
  g_return_if_fail (WM_IS_MAP_MODEL (self));
  g_return_if_fail (indicator < WM_N_INDICATORS);

  if (indicator == self->indicator)
    return;
  self->indicator = indicator;
  fill_classification (self);
  emit_changed (self, WM_MAP_MODEL_CHANGED_INDICATOR | WM_MAP_MODEL_CHANGED_CLASSES);
}

WmIndicatorId
wm_map_model_get_indicator (WmMapModel *self)
{
  g_return_val_if_fail (WM_IS_MAP_MODEL (self), 0);
  return self->indicator;
}

/**
 * wm_map_model_get_years:
 *
 * The years of the extract (of the population, so they are known before
 * the first table is computed).
 */
const int *
wm_map_model_get_years (WmMapModel *self,
                        guint      *n_years)
{
  g_return_val_if_fail (WM_IS_MAP_MODEL (self), NULL);

  if (self->table != NULL)
    return wm_indicator_table_get_years (self->table, n_years);
  *n_years = 0;
  return NULL;
}

/**
 * wm_map_model_set_year:
 *
 * A timeline step: recolours, nothing else.
 */
gboolean
wm_map_model_set_year (WmMapModel *self,
                       int         year)
{
  g_return_val_if_fail (WM_IS_MAP_MODEL (self), FALSE);

  if (self->table != NULL && !wm_indicator_table_has_year (self->table, year))
    return FALSE;
  if (year == self->year)
    return TRUE;
  self->year = year;
  if (self->table != NULL)
    wm_classification_set_year_index (self->classification, year_index (self, year));
  emit_changed (self, WM_MAP_MODEL_CHANGED_YEAR);
  return TRUE;
}

int
wm_map_model_get_year (WmMapModel *self)
{
  g_return_val_if_fail (WM_IS_MAP_MODEL (self), 0);
  return self->year;
}

WmAreaGeometry *
wm_map_model_get_geometry (WmMapModel *self)
{
  g_return_val_if_fail (WM_IS_MAP_MODEL (self), NULL);
  return self->geometry;
}

WmIndicatorTable *
wm_map_model_get_table (WmMapModel *self)
{
  g_return_val_if_fail (WM_IS_MAP_MODEL (self), NULL);
  return self->table;
}

/**
 * wm_map_model_set_min_denominator:
 * @min: values counted on fewer people or families than this are
 *   suppressed (shown as such, with the reason); 0 shows every value
 *
 * The minimum-frequency rule of statistical disclosure control, applied
 * to what an analyst sees; a caseworker, entitled to the microdata, sees
 * everything.
 */
void
wm_map_model_set_min_denominator (WmMapModel *self,
                                  guint       min)
{
  g_return_if_fail (WM_IS_MAP_MODEL (self));

  if (min == self->min_denominator)
    return;
  self->min_denominator = min;
  fill_classification (self);
  emit_changed (self, WM_MAP_MODEL_CHANGED_CLASSES);
}

guint
wm_map_model_get_min_denominator (WmMapModel *self)
{
  g_return_val_if_fail (WM_IS_MAP_MODEL (self), 0);
  return self->min_denominator;
}

WmClassification *
wm_map_model_get_classification (WmMapModel *self)
{
  g_return_val_if_fail (WM_IS_MAP_MODEL (self), NULL);
  return self->classification;
}

int
wm_map_model_table_area (WmMapModel *self,
                         guint       geometry_area)
{
  g_return_val_if_fail (WM_IS_MAP_MODEL (self), -1);
  g_return_val_if_fail (self->geometry != NULL, -1);
  g_return_val_if_fail (geometry_area < wm_area_geometry_get_n_areas (self->geometry), -1);
  return self->geometry_to_table[geometry_area];
}

/**
 * wm_map_model_describe_area:
 *
 * Everything the details pane and an atlas sheet say about one area for
 * the current indicator and year.
 *
 * Returns: (transfer full) (nullable): %NULL until the table is computed
 */
WmAreaDetails *
wm_map_model_describe_area (WmMapModel *self,
                            guint       geometry_area)
{
  WmAreaDetails *d;
  const int *years;
  guint n_years;
  int t;

  g_return_val_if_fail (WM_IS_MAP_MODEL (self), NULL);

  if (self->table == NULL || self->geometry == NULL ||
      geometry_area >= wm_area_geometry_get_n_areas (self->geometry))
    return NULL;

  t = self->geometry_to_table[geometry_area];
  years = wm_indicator_table_get_years (self->table, &n_years);
  d = g_new0 (WmAreaDetails, 1);
  d->code = g_strdup (wm_area_geometry_get_code (self->geometry, geometry_area));
  d->name = g_strdup (wm_area_geometry_get_name (self->geometry, geometry_area));
  d->municipality = wm_indicator_table_get_municipality_value (self->table, self->indicator, self->year);
  d->n_years = n_years;
  d->years = g_memdup2 (years, n_years * sizeof (int));
  d->series = g_new (double, n_years);
  d->municipality_series = g_new (double, n_years);
  for (guint y = 0; y < n_years; y++)
    {
      gboolean hidden = is_suppressed (self, self->indicator, years[y], t);

      d->series[y] = t >= 0 && !hidden ? wm_indicator_table_get_value (self->table, self->indicator, years[y], t) : NAN;
      d->municipality_series[y] = wm_indicator_table_get_municipality_value (self->table, self->indicator, years[y]);
    }

  d->value = t >= 0 ? wm_indicator_table_get_value (self->table, self->indicator, self->year, t) : NAN;
  d->status = isnan (d->value) ? WM_AREA_NO_DATA : WM_AREA_VALUE;
  if (is_suppressed (self, self->indicator, self->year, t))
    {
      d->status = WM_AREA_SUPPRESSED;
      d->value = NAN;
    }
  if (d->status != WM_AREA_VALUE)
    d->reason = wm_classification_get_area_reason (self->classification, geometry_area);
  if (t >= 0 && d->status == WM_AREA_VALUE)
    {
      d->has_counts = wm_indicator_table_get_counts (self->table, self->indicator, self->year, t,
                                                     &d->numerator, &d->denominator);
      d->rank = wm_indicator_table_get_rank (self->table, self->indicator, self->year, t, &d->n_ranked);
    }
  if (self->indicator == WM_INDICATOR_IVSM)
    {
      d->n_components = WM_IVSM_N_COMPONENTS;
      for (guint c = 0; c < WM_IVSM_N_COMPONENTS; c++)
        {
          d->components[c] = t >= 0 && !is_suppressed (self, c, self->year, t)
                             ? wm_indicator_table_get_value (self->table, c, self->year, t) : NAN;
          d->municipality_components[c] = wm_indicator_table_get_municipality_value (self->table, c, self->year);
        }
    }
  return d;
}
