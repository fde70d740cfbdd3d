/* wm-test-population.h — a deterministic synthetic population for tests and benches
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef struct {
  guint n_persons;          /* residents in the first year, about */
  guint n_sections;
  guint n_districts;        /* a layer of unions of sections (table join) */
  guint n_zones;            /* a layer cutting across sections; 0 = none */
  int first_year;
  guint n_years;
  gboolean threshold_gap;   /* no ISEE threshold in the last year */
  guint64 seed;
} WmTestPopulationSpec;

/* Fills @db (made by wm_test_extract_new() with the same years). */
void wm_test_population_generate (sqlite3                    *db,
                                  const WmTestPopulationSpec *spec);

G_END_DECLS
