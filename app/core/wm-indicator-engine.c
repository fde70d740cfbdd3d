/* wm-indicator-engine.c — computes and caches indicator tables per boundary layer
 *
 * A layer is computed once for all years and kept for as long as the
 * engine lives: the population under it never changes (a new extract
 * means a new population and a new engine). Census sections run the
 * kernel; a layer whose areas are unions of sections is the sum of the
 * section counts (exact, never an average of rates); any other layer runs
 * the kernel with its own dwelling → area map. Changing the composite's
 * reference rebuilds the cached tables from their counts, without
 * counting again.
 *
 * Thread-safe: several threads may compute and read at once; two asking
 * for the same layer share one computation.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <string.h>

#include "wm-indicator-engine.h"
#include "wm-indicator-table-private.h"

struct _WmIndicatorEngine
{
  GObject parent_instance;

  WmPopulation *population;
  gboolean aggregate_nested;

  GMutex lock;
  GCond done;
  WmIndicatorTable **tables;    /* per layer, NULL until computed */
  gboolean *busy;               /* per layer, a thread is computing it */
  gboolean has_reference;
  double reference[WM_IVSM_N_COMPONENTS];
};

G_DEFINE_FINAL_TYPE (WmIndicatorEngine, wm_indicator_engine, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_POPULATION,
  PROP_AGGREGATE_NESTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wm_indicator_engine_constructed (GObject *object)
{
  WmIndicatorEngine *self = WM_INDICATOR_ENGINE (object);
  guint n;

  G_OBJECT_CLASS (wm_indicator_engine_parent_class)->constructed (object);

  g_assert (self->population != NULL);
  n = wm_population_get_n_layers (self->population);
  /* Room for the layers the user may add from files later. */
  self->tables = g_new0 (WmIndicatorTable *, MAX (n, WM_POPULATION_MAX_LAYERS));
  self->busy = g_new0 (gboolean, MAX (n, WM_POPULATION_MAX_LAYERS));
}

static void
wm_indicator_engine_finalize (GObject *object)
{
  WmIndicatorEngine *self = WM_INDICATOR_ENGINE (object);

  for (guint l = 0; self->tables != NULL && l < wm_population_get_n_layers (self->population); l++)
    g_clear_object (&self->tables[l]);
  g_free (self->tables);
  g_free (self->busy);
  g_clear_object (&self->population);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->done);

  G_OBJECT_CLASS (wm_indicator_engine_parent_class)->finalize (object);
}

static void
wm_indicator_engine_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  WmIndicatorEngine *self = WM_INDICATOR_ENGINE (object);

  switch (prop_id)
    {
    case PROP_POPULATION:
      g_value_set_object (value, self->population);
      break;
    case PROP_AGGREGATE_NESTED:
      g_value_set_boolean (value, self->aggregate_nested);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_indicator_engine_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  WmIndicatorEngine *self = WM_INDICATOR_ENGINE (object);

  switch (prop_id)
    {
    case PROP_POPULATION:
      self->population = g_value_dup_object (value);
      break;
    case PROP_AGGREGATE_NESTED:
      self->aggregate_nested = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_indicator_engine_class_init (WmIndicatorEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = wm_indicator_engine_constructed;
  object_class->finalize = wm_indicator_engine_finalize;
  object_class->get_property = wm_indicator_engine_get_property;
  object_class->set_property = wm_indicator_engine_set_property;

  properties[PROP_POPULATION] =
    g_param_spec_object ("population", NULL, NULL, WM_TYPE_POPULATION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* FALSE runs the kernel for every layer (the tests compare both ways) */
  properties[PROP_AGGREGATE_NESTED] =
    g_param_spec_boolean ("aggregate-nested", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_indicator_engine_init (WmIndicatorEngine *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->done);
}

WmIndicatorEngine *
wm_indicator_engine_new (WmPopulation *population)
{
  g_return_val_if_fail (WM_IS_POPULATION (population), NULL);
  return g_object_new (WM_TYPE_INDICATOR_ENGINE, "population", population, NULL);
}

/* Returns: (transfer none) */
WmPopulation *
wm_indicator_engine_get_population (WmIndicatorEngine *self)
{
  g_return_val_if_fail (WM_IS_INDICATOR_ENGINE (self), NULL);
  return self->population;
}

/**
 * wm_indicator_engine_set_composite_reference:
 * @reference: (nullable) (array fixed-size=7): the seven IVSM component
 *   values (in %) the composite is centred on, e.g. ISTAT's values for
 *   Italy in 2011; %NULL for the default, the municipality in the first year
 *
 * Tables already computed are rebuilt from their counts; tables returned
 * before keep the reference they had.
 */
void
wm_indicator_engine_set_composite_reference (WmIndicatorEngine *self,
                                             const double      *reference)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (WM_IS_INDICATOR_ENGINE (self));

  locker = g_mutex_locker_new (&self->lock);
  self->has_reference = reference != NULL;
  if (reference != NULL)
    memcpy (self->reference, reference, sizeof self->reference);
  for (guint l = 0; l < wm_population_get_n_layers (self->population); l++)
    if (self->tables[l] != NULL)
      {
        WmIndicatorTable *old = self->tables[l];

        self->tables[l] = wm_indicator_table_new_reference (old, reference);
        g_object_unref (old);
      }
}

/**
 * wm_indicator_engine_get_composite_reference:
 * @reference: (out caller-allocates) (optional): the user's reference
 *
 * Returns: %FALSE when the default reference is in use
 */
gboolean
wm_indicator_engine_get_composite_reference (WmIndicatorEngine *self,
                                             double            *reference)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (WM_IS_INDICATOR_ENGINE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);
  if (self->has_reference && reference != NULL)
    memcpy (reference, self->reference, sizeof self->reference);
  return self->has_reference;
}

static void
report (WmIndicatorProgressFunc progress,
        gpointer                data,
        double                  fraction)
{
  if (progress != NULL)
    progress (fraction, data);
}

/* Years are independent: a few threads take them in turn, each with its
 * own kernel scratch. */
typedef struct {
  WmPopulation *pop;
  guint layer;
  guint n_years;
  guint32 *out;
  gsize year_size;
  GCancellable *cancellable;
  int next_year;
  int done;
} CountJob;

/* Counts years until none is left; returns after each one so the calling
 * thread can report progress. */
static gboolean
count_next_year (CountJob *job,
                 WmKernel *kernel)
{
  guint y = g_atomic_int_add (&job->next_year, 1);

  if (y >= job->n_years || g_cancellable_is_cancelled (job->cancellable))
    return FALSE;
  wm_indicator_kernel_year (kernel, y, job->out + y * job->year_size);
  g_atomic_int_inc (&job->done);
  return TRUE;
}

static gpointer
count_thread (gpointer data)
{
  CountJob *job = data;
  WmKernel *kernel = wm_indicator_kernel_new (job->pop, job->layer);

  while (count_next_year (job, kernel))
    ;
  wm_indicator_kernel_free (kernel);
  return NULL;
}

static GBytes *
count_layer (WmIndicatorEngine       *self,
             guint                    layer,
             WmIndicatorProgressFunc  progress,
             gpointer                 progress_data,
             GCancellable            *cancellable,
             GError                 **error)
{
  WmPopulation *pop = self->population;
  guint ny = wm_population_get_n_years (pop);
  guint n_slots = wm_area_layer_get_n_areas (wm_population_get_layer (pop, layer)) + 1;
  gsize year_size = (gsize) WM_N_COUNTS * n_slots;
  g_autofree guint32 *out = g_new (guint32, ny * year_size);
  CountJob job = { pop, layer, ny, out, year_size, cancellable, 0, 0 };
  guint n_threads = MIN (MIN ((guint) g_get_num_processors (), ny), 8);
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  WmKernel *kernel = wm_indicator_kernel_new (pop, layer);

  for (guint i = 1; i < n_threads; i++)
    g_ptr_array_add (threads, g_thread_new ("wm-indicators", count_thread, &job));
  while (count_next_year (&job, kernel))
    report (progress, progress_data, (double) g_atomic_int_get (&job.done) / ny);
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (g_ptr_array_index (threads, i));
  wm_indicator_kernel_free (kernel);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  report (progress, progress_data, 1.0);
  return g_bytes_new_take (g_steal_pointer (&out), ny * year_size * sizeof (guint32));
}

static GBytes *
aggregate_sections (WmIndicatorEngine *self,
                    WmIndicatorTable  *sections,
                    guint              layer)
{
  WmPopulation *pop = self->population;
  guint ny = wm_population_get_n_years (pop);
  guint n_section_slots = wm_indicator_table_get_n_areas (sections) + 1;
  guint n_slots = wm_area_layer_get_n_areas (wm_population_get_layer (pop, layer)) + 1;
  const guint16 *map = pop->section_area[layer];
  gsize size = (gsize) ny * WM_N_COUNTS * n_slots * sizeof (guint32);
  guint32 *out = g_malloc0 (size);

  for (guint y = 0; y < ny; y++)
    for (int k = 0; k < WM_N_COUNTS; k++)
      {
        const guint32 *src = wm_indicator_table_peek_counts (sections, y, k);
        guint32 *dst = out + ((gsize) y * WM_N_COUNTS + k) * n_slots;

        for (guint s = 0; s < n_section_slots; s++)
          dst[map[s]] += src[s];
      }
  return g_bytes_new_take (out, size);
}

static WmIndicatorTable *
compute_layer (WmIndicatorEngine       *self,
               guint                    layer,
               WmIndicatorProgressFunc  progress,
               gpointer                 progress_data,
               GCancellable            *cancellable,
               GError                 **error)
{
  WmPopulation *pop = self->population;
  WmIndicatorTable *table = NULL;
  g_autoptr(GBytes) counts = NULL;

  g_mutex_lock (&self->lock);
  while (self->tables[layer] == NULL && self->busy[layer])
    g_cond_wait (&self->done, &self->lock);
  if (self->tables[layer] != NULL)
    {
      table = g_object_ref (self->tables[layer]);
      g_mutex_unlock (&self->lock);
      report (progress, progress_data, 1.0);
      return table;
    }
  self->busy[layer] = TRUE;
  g_mutex_unlock (&self->lock);

  if (layer > 0 && self->aggregate_nested && wm_population_layer_nests_in_sections (pop, layer))
    {
      g_autoptr(WmIndicatorTable) sections = compute_layer (self, 0, progress, progress_data,
                                                            cancellable, error);
      if (sections != NULL)
        counts = aggregate_sections (self, sections, layer);
    }
  else
    counts = count_layer (self, layer, progress, progress_data, cancellable, error);

  g_mutex_lock (&self->lock);
  self->busy[layer] = FALSE;
  if (counts != NULL)
    {
      table = wm_indicator_table_new (wm_population_get_layer (pop, layer),
                                      wm_population_get_first_year (pop),
                                      wm_population_get_n_years (pop), counts,
                                      self->has_reference ? self->reference : NULL);
      self->tables[layer] = g_object_ref (table);
    }
  g_cond_broadcast (&self->done);
  g_mutex_unlock (&self->lock);
  return table;
}

/**
 * wm_indicator_engine_compute:
 * @layer: a layer of the engine's population
 * @progress: (nullable) (scope call): called in this thread as years complete
 *
 * Every indicator for every area of @layer and every year of the
 * extract: the cached table, or computed now (blocking; call it from a
 * worker thread or use the _async variant in a UI).
 *
 * Returns: (transfer full): the table, or %NULL if cancelled
 */
WmIndicatorTable *
wm_indicator_engine_compute (WmIndicatorEngine       *self,
                             WmAreaLayer             *layer,
                             WmIndicatorProgressFunc  progress,
                             gpointer                 progress_data,
                             GCancellable            *cancellable,
                             GError                 **error)
{
  int index;

  g_return_val_if_fail (WM_IS_INDICATOR_ENGINE (self), NULL);
  index = wm_population_get_layer_index (self->population, layer);
  g_return_val_if_fail (index >= 0, NULL);
  return compute_layer (self, index, progress, progress_data, cancellable, error);
}

/* Returns: (transfer full) (nullable): the table if already computed */
WmIndicatorTable *
wm_indicator_engine_lookup (WmIndicatorEngine *self,
                            WmAreaLayer       *layer)
{
  g_autoptr(GMutexLocker) locker = NULL;
  int index;

  g_return_val_if_fail (WM_IS_INDICATOR_ENGINE (self), NULL);
  index = wm_population_get_layer_index (self->population, layer);
  g_return_val_if_fail (index >= 0, NULL);

  locker = g_mutex_locker_new (&self->lock);
  return self->tables[index] != NULL ? g_object_ref (self->tables[index]) : NULL;
}

typedef struct {
  WmAreaLayer *layer;
  WmIndicatorProgressFunc progress;
  gpointer progress_data;
  GMainContext *context;
} ComputeData;

typedef struct {
  WmIndicatorProgressFunc progress;
  gpointer progress_data;
  double fraction;
} ProgressCall;

static void
compute_data_free (gpointer data)
{
  ComputeData *d = data;

  g_object_unref (d->layer);
  g_main_context_unref (d->context);
  g_free (d);
}

static gboolean
deliver_progress (gpointer data)
{
  ProgressCall *call = data;

  call->progress (call->fraction, call->progress_data);
  return G_SOURCE_REMOVE;
}

/* From the worker thread to the caller's main context. */
static void
forward_progress (double   fraction,
                  gpointer user_data)
{
  ComputeData *d = user_data;
  ProgressCall *call = g_new (ProgressCall, 1);
  g_autoptr(GSource) source = g_idle_source_new ();

  call->progress = d->progress;
  call->progress_data = d->progress_data;
  call->fraction = fraction;
  /* not g_main_context_invoke(): it runs the call right here when this
   * thread can acquire the context, and the caller must get it in its own */
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deliver_progress, call, g_free);
  g_source_attach (source, d->context);
}

static void
compute_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ComputeData *d = task_data;
  GError *error = NULL;
  WmIndicatorTable *table;

  table = wm_indicator_engine_compute (source, d->layer,
                                       d->progress != NULL ? forward_progress : NULL, d,
                                       cancellable, &error);
  if (table == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, table, g_object_unref);
}

/**
 * wm_indicator_engine_compute_async:
 * @progress: (nullable): called in the thread-default main context of the
 *   caller as years complete; @progress_data must live until @callback
 *
 * wm_indicator_engine_compute() in a worker thread.
 */
void
wm_indicator_engine_compute_async (WmIndicatorEngine       *self,
                                   WmAreaLayer             *layer,
                                   WmIndicatorProgressFunc  progress,
                                   gpointer                 progress_data,
                                   GCancellable            *cancellable,
                                   GAsyncReadyCallback      callback,
                                   gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  ComputeData *d;

  g_return_if_fail (WM_IS_INDICATOR_ENGINE (self));
  g_return_if_fail (wm_population_get_layer_index (self->population, layer) >= 0);

  d = g_new0 (ComputeData, 1);
  d->layer = g_object_ref (layer);
  d->progress = progress;
  d->progress_data = progress_data;
  d->context = g_main_context_ref_thread_default ();
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wm_indicator_engine_compute_async);
  g_task_set_task_data (task, d, compute_data_free);
  g_task_run_in_thread (task, compute_thread);
}

/* Returns: (transfer full): the table, or %NULL with @error (cancelled) */
WmIndicatorTable *
wm_indicator_engine_compute_finish (WmIndicatorEngine  *self,
                                    GAsyncResult       *result,
                                    GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == wm_indicator_engine_compute_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
