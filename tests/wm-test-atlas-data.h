/* wm-test-atlas-data.h — extracts with real boundaries, for the atlas's tests and bench
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "wm-map-model.h"

G_BEGIN_DECLS

typedef struct {
  const char *boundaries;   /* a vector file of polygons, any CRS */
  const char *code_field;
  const char *name_field;   /* NULL: areas are named after their code */
  const char *layer_name;   /* the name of the layer of those areas */
  guint n_persons;
  int first_year;
  guint n_years;
  guint n_sites;            /* service sites scattered over the areas */
  guint64 seed;
} WmTestAtlasSpec;

sqlite3    *wm_test_atlas_extract (const WmTestAtlasSpec *spec);
/* @db loaded, on the atlas's default layer, every year computed */
WmMapModel *wm_test_atlas_model   (sqlite3 *db);

G_END_DECLS
