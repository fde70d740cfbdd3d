/* wm-test-oracle.h — runs tests/indicators-oracle.sql, the engine's SQL peer
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef struct _WmTestOracle WmTestOracle;

/* One result row; @area_id is meaningless when @outside. */
typedef void (*WmTestOracleRow) (const char *indicator,
                                 gboolean    outside,
                                 gint64      area_id,
                                 gint64      num,
                                 gint64      den,
                                 gpointer    user_data);

WmTestOracle *wm_test_oracle_load (const char      *path);
void          wm_test_oracle_run  (WmTestOracle    *oracle,
                                   sqlite3         *db,
                                   int              year,
                                   gint64           layer_id,
                                   WmTestOracleRow  row,
                                   gpointer         user_data);
void          wm_test_oracle_free (WmTestOracle    *oracle);

G_END_DECLS
