/* wm-population-load.h — reading an extract database into typed columns
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include "wm-population.h"

G_BEGIN_DECLS

gboolean wm_population_fill (WmPopulation        *pop,
                             sqlite3             *db,
                             const char * const  *home_care_codes,
                             GCancellable        *cancellable,
                             GError             **error);

G_END_DECLS
