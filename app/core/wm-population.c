/* wm-population.c — the extract's people, families and dwellings as typed columns
 *
 * Loaded once per open extract (wm-population-load.c), immutable after:
 * every thread may read it without locks. The indicator kernel is the only
 * code that looks inside (wm-population-private.h).
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wm-population-load.h"
#include "wm-population-private.h"

G_DEFINE_QUARK (wm-population-error-quark, wm_population_error)

G_DEFINE_FINAL_TYPE (WmPopulation, wm_population, G_TYPE_OBJECT)

/* The service codes of home care in the list of social benefits municipalities
 * send to INPS (Casellario dell'assistenza / SIUSS): A2.07 assistenza
 * domiciliare socio-assistenziale, A2.08 assistenza domiciliare integrata
 * con servizi sanitari (ADI). */
static const char * const default_home_care_codes[] = { "A2.07", "A2.08", NULL };

const char * const *
wm_population_default_home_care_codes (void)
{
  return default_home_care_codes;
}

void
wm_year_flags_clear (WmYearFlags *flags)
{
  g_clear_pointer (&flags->key, g_free);
  g_clear_pointer (&flags->bits, g_free);
  g_clear_pointer (&flags->isee_cents, g_free);
}

static void
wm_population_finalize (GObject *object)
{
  WmPopulation *self = WM_POPULATION (object);

  for (guint l = 0; self->dwelling_area != NULL && l < self->layers->len; l++)
    {
      g_free (self->dwelling_area[l]);
      g_free (self->section_area[l]);
    }
  g_free (self->dwelling_area);
  g_free (self->section_area);
  g_free (self->dwelling_rank);
  g_ptr_array_unref (self->layers);
  g_free (self->municipality_code);
  g_free (self->municipality_name);
  g_free (self->has_threshold);
  g_free (self->threshold_cents);
  g_free (self->surface_class);
  g_free (self->dwelling_lonlat);
  g_free (self->family_start);
  g_free (self->family_y0);
  g_free (self->family_y1);
  g_free (self->y0);
  g_free (self->y1);
  g_free (self->age0);
  g_free (self->attrs);
  g_free (self->dwelling);
  for (guint w = 0; self->cond != NULL && w < self->n_cond_words; w++)
    g_free (self->cond[w]);
  g_free (self->cond);
  for (guint y = 0; self->person_flags != NULL && y < self->n_years; y++)
    {
      wm_year_flags_clear (&self->person_flags[y]);
      wm_year_flags_clear (&self->family_flags[y]);
    }
  g_free (self->person_flags);
  g_free (self->family_flags);

  G_OBJECT_CLASS (wm_population_parent_class)->finalize (object);
}

static void
wm_population_class_init (WmPopulationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wm_population_finalize;
}

static void
wm_population_init (WmPopulation *self)
{
  self->layers = g_ptr_array_new_full (WM_POPULATION_MAX_LAYERS, g_object_unref);
}

/**
 * wm_population_add_layer:
 * @layer: a layer not stored in the extract (a boundary file the user
 *   opened); its areas, in its own order
 * @areas_by_dwelling_id: for each dwelling, in the order of dwelling.id,
 *   its area's index in @layer, or wm_area_layer_get_n_areas() for none
 *
 * The layer's indicators are then computed like those of any layer not
 * nested in sections: from its own dwelling → area map. Safe while the
 * engine computes another layer (nothing it reads moves).
 *
 * Returns: the layer's index, or -1 with @error when there is no room
 */
int
wm_population_add_layer (WmPopulation   *self,
                         WmAreaLayer    *layer,
                         const guint16  *areas_by_dwelling_id,
                         GError        **error)
{
  guint l;
  guint16 *map;

  g_return_val_if_fail (WM_IS_POPULATION (self), -1);
  g_return_val_if_fail (WM_IS_AREA_LAYER (layer), -1);

  l = self->layers->len;
  if (l >= WM_POPULATION_MAX_LAYERS)
    {
      g_set_error (error, WM_POPULATION_ERROR, WM_POPULATION_ERROR_DATA,
                   _("At most %d boundary layers can be open at once — close the extract and open it again"),
                   WM_POPULATION_MAX_LAYERS);
      return -1;
    }
  map = g_new (guint16, MAX (self->n_dwellings, 1));
  for (guint d = 0; d < self->n_dwellings; d++)
    map[self->dwelling_rank[d]] = areas_by_dwelling_id[d];
  self->dwelling_area[l] = map;
  self->section_area[l] = NULL;
  /* Published last: a reader that sees the layer sees its arrays. */
  g_ptr_array_add (self->layers, g_object_ref (layer));
  return l;
}

/**
 * wm_population_load:
 * @db: an extract database (read-only is fine); not used by other threads
 *   while this runs
 * @home_care_codes: (nullable): service codes that count as home care;
 *   %NULL for wm_population_default_home_care_codes()
 *
 * Reads the whole database into columns. @db is not kept.
 *
 * Returns: (transfer full): the population, or %NULL with @error naming
 *   the table and row at fault and what to do
 */
WmPopulation *
wm_population_load (sqlite3             *db,
                    const char * const  *home_care_codes,
                    GCancellable        *cancellable,
                    GError             **error)
{
  g_autoptr(WmPopulation) self = g_object_new (WM_TYPE_POPULATION, NULL);

  g_return_val_if_fail (db != NULL, NULL);

  if (home_care_codes == NULL)
    home_care_codes = default_home_care_codes;
  if (!wm_population_fill (self, db, home_care_codes, cancellable, error))
    return NULL;
  return g_steal_pointer (&self);
}

typedef struct {
  sqlite3 *db;
  char **home_care_codes;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *d = data;

  g_strfreev (d->home_care_codes);
  g_free (d);
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *d = task_data;
  GError *error = NULL;
  WmPopulation *pop = wm_population_load (d->db, (const char * const *) d->home_care_codes,
                                          cancellable, &error);

  if (pop == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pop, g_object_unref);
}

/**
 * wm_population_load_async:
 *
 * wm_population_load() in a worker thread. @db must stay open and unused
 * by others until @callback runs.
 */
void
wm_population_load_async (sqlite3             *db,
                          const char * const  *home_care_codes,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  LoadData *d = g_new0 (LoadData, 1);

  d->db = db;
  d->home_care_codes = g_strdupv ((char **) home_care_codes);
  g_task_set_source_tag (task, wm_population_load_async);
  g_task_set_task_data (task, d, load_data_free);
  g_task_run_in_thread (task, load_thread);
}

WmPopulation *
wm_population_load_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == wm_population_load_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

int
wm_population_get_first_year (WmPopulation *self)
{
  g_return_val_if_fail (WM_IS_POPULATION (self), 0);
  return self->first_year;
}

int
wm_population_get_last_year (WmPopulation *self)
{
  g_return_val_if_fail (WM_IS_POPULATION (self), 0);
  return self->first_year + (int) self->n_years - 1;
}

guint
wm_population_get_n_years (WmPopulation *self)
{
  g_return_val_if_fail (WM_IS_POPULATION (self), 0);
  return self->n_years;
}

guint
wm_population_get_n_layers (WmPopulation *self)
{
  g_return_val_if_fail (WM_IS_POPULATION (self), 0);
  return self->layers->len;
}

/* Returns: (transfer none): layer @index; 0 is always the census sections */
WmAreaLayer *
wm_population_get_layer (WmPopulation *self,
                         guint         index)
{
  g_return_val_if_fail (WM_IS_POPULATION (self), NULL);
  g_return_val_if_fail (index < self->layers->len, NULL);
  return g_ptr_array_index (self->layers, index);
}

/* Returns: (transfer none) (nullable): the layer whose area_layer.code is @code */
WmAreaLayer *
wm_population_find_layer (WmPopulation *self,
                          const char   *code)
{
  g_return_val_if_fail (WM_IS_POPULATION (self), NULL);

  for (guint i = 0; i < self->layers->len; i++)
    if (g_strcmp0 (wm_area_layer_get_code (g_ptr_array_index (self->layers, i)), code) == 0)
      return g_ptr_array_index (self->layers, i);
  return NULL;
}

/* Returns: the index of @layer, −1 if it is not one of this population's */
int
wm_population_get_layer_index (WmPopulation *self,
                               WmAreaLayer  *layer)
{
  guint index;

  g_return_val_if_fail (WM_IS_POPULATION (self), -1);
  return g_ptr_array_find (self->layers, layer, &index) ? (int) index : -1;
}

WmAreaLayer *
wm_population_get_sections (WmPopulation *self)
{
  return wm_population_get_layer (self, 0);
}

/* Whether every census section lies inside one area of layer @layer (then
 * its counts are sums of section counts). */
gboolean
wm_population_layer_nests_in_sections (WmPopulation *self,
                                       guint         layer)
{
  g_return_val_if_fail (WM_IS_POPULATION (self), FALSE);
  g_return_val_if_fail (layer < self->layers->len, FALSE);
  return layer == 0 || self->section_area[layer] != NULL;
}

/* Returns: %FALSE when the extract has no ISEE threshold for @year */
gboolean
wm_population_get_isee_threshold (WmPopulation *self,
                                  int           year,
                                  double       *threshold)
{
  int y;

  g_return_val_if_fail (WM_IS_POPULATION (self), FALSE);
  y = year - self->first_year;
  if (y < 0 || y >= (int) self->n_years || !self->has_threshold[y])
    return FALSE;
  if (threshold != NULL)
    *threshold = self->threshold_cents[y] / 100.0;
  return TRUE;
}

/* Returns: (nullable): meta municipality_code (ISTAT PRO_COM) */
const char *
wm_population_get_municipality_code (WmPopulation *self)
{
  g_return_val_if_fail (WM_IS_POPULATION (self), NULL);
  return self->municipality_code;
}

const char *
wm_population_get_municipality_name (WmPopulation *self)
{
  g_return_val_if_fail (WM_IS_POPULATION (self), NULL);
  return self->municipality_name;
}

guint
wm_population_get_n_persons (WmPopulation *self)
{
  g_return_val_if_fail (WM_IS_POPULATION (self), 0);
  return self->n_persons;
}

/* Families resident at some 31 December of the extract's years */
guint
wm_population_get_n_families (WmPopulation *self)
{
  g_return_val_if_fail (WM_IS_POPULATION (self), 0);
  return self->n_families;
}

guint
wm_population_get_n_dwellings (WmPopulation *self)
{
  g_return_val_if_fail (WM_IS_POPULATION (self), 0);
  return self->n_dwellings;
}

/* Residence intervals that hold at least one 31 December snapshot */
guint
wm_population_get_n_residences (WmPopulation *self)
{
  g_return_val_if_fail (WM_IS_POPULATION (self), 0);
  return self->n_rows;
}

/* Bytes held by the columns (not the area names, not the database). */
/**
 * wm_population_get_dwelling_point:
 * @dwelling: its index in the order of dwelling.id
 * @lon: (out): EPSG:4326
 * @lat: (out)
 */
void
wm_population_get_dwelling_point (WmPopulation *self,
                                  guint         dwelling,
                                  double       *lon,
                                  double       *lat)
{
  g_return_if_fail (WM_IS_POPULATION (self));
  g_return_if_fail (dwelling < self->n_dwellings);
  *lon = self->dwelling_lonlat[2 * dwelling];
  *lat = self->dwelling_lonlat[2 * dwelling + 1];
}

gsize
wm_population_get_memory_size (WmPopulation *self)
{
  gsize size;

  g_return_val_if_fail (WM_IS_POPULATION (self), 0);
  size = (gsize) self->n_rows * (4 + 4 + 4 * self->n_cond_words);
  size += (gsize) self->n_families * (4 + 2);
  size += (gsize) self->n_dwellings * (1 + 16 + 2 * self->layers->len);
  for (guint l = 1; l < self->layers->len; l++)
    if (self->section_area[l] != NULL)
      size += 2 * (wm_area_layer_get_n_areas (g_ptr_array_index (self->layers, 0)) + 1);
  for (guint y = 0; y < self->n_years; y++)
    size += (gsize) self->person_flags[y].n * 6 + (gsize) self->family_flags[y].n * 10;
  return size;
}
