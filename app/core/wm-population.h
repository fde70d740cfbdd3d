/* wm-population.h — the extract's people, families and dwellings as typed columns
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "wm-area-layer.h"

G_BEGIN_DECLS

#define WM_POPULATION_ERROR (wm_population_error_quark ())

typedef enum {
  WM_POPULATION_ERROR_SQL,          /* the database could not be read */
  WM_POPULATION_ERROR_META,         /* meta lacks what the engine needs */
  WM_POPULATION_ERROR_DATA,         /* a row breaks the schema's rules */
} WmPopulationError;

/* Boundary layers of the extract plus those the user adds from files. */
#define WM_POPULATION_MAX_LAYERS 32

/* More years than this would not fit the packed per-year columns. */
#define WM_POPULATION_MAX_YEARS 30

#define WM_TYPE_POPULATION (wm_population_get_type ())
G_DECLARE_FINAL_TYPE (WmPopulation, wm_population, WM, POPULATION, GObject)

GQuark        wm_population_error_quark       (void);
WmPopulation *wm_population_load              (sqlite3             *db,
                                               const char * const  *home_care_codes,
                                               GCancellable        *cancellable,
                                               GError             **error);
void          wm_population_load_async        (sqlite3             *db,
                                               const char * const  *home_care_codes,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
WmPopulation *wm_population_load_finish       (GAsyncResult        *result,
                                               GError             **error);
const char * const *wm_population_default_home_care_codes (void);

int           wm_population_get_first_year    (WmPopulation *self);
int           wm_population_get_last_year     (WmPopulation *self);
guint         wm_population_get_n_years       (WmPopulation *self);
guint         wm_population_get_n_layers      (WmPopulation *self);
WmAreaLayer  *wm_population_get_layer         (WmPopulation *self,
                                               guint         index);
WmAreaLayer  *wm_population_find_layer        (WmPopulation *self,
                                               const char   *code);
int           wm_population_get_layer_index   (WmPopulation *self,
                                               WmAreaLayer  *layer);
WmAreaLayer  *wm_population_get_sections      (WmPopulation *self);
gboolean      wm_population_layer_nests_in_sections (WmPopulation *self,
                                                     guint         layer);
gboolean      wm_population_get_isee_threshold (WmPopulation *self,
                                                int           year,
                                                double       *threshold);
const char   *wm_population_get_municipality_code (WmPopulation *self);
const char   *wm_population_get_municipality_name (WmPopulation *self);

int           wm_population_add_layer         (WmPopulation  *self,
                                               WmAreaLayer   *layer,
                                               const guint16 *areas_by_dwelling_id,
                                               GError       **error);
guint         wm_population_get_n_persons     (WmPopulation *self);
guint         wm_population_get_n_families    (WmPopulation *self);
guint         wm_population_get_n_dwellings   (WmPopulation *self);
void          wm_population_get_dwelling_point (WmPopulation *self,
                                               guint         dwelling,
                                               double       *lon,
                                               double       *lat);
guint         wm_population_get_n_residences  (WmPopulation *self);
gsize         wm_population_get_memory_size   (WmPopulation *self);

G_END_DECLS
