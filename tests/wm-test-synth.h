/* wm-test-synth.h — the generator's sources, read back into SQLite for the synth tests
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* dd/mm/yyyy → yyyy-mm-dd, so dates compare as text. */
#define ISO(col) "(substr(" col ",7,4)||'-'||substr(" col ",4,2)||'-'||substr(" col ",1,2))"

char   *wm_test_synth_generate (const char *root, const char *name, int first_year, int years,
                                guint64 seed, double defects);
void    wm_test_synth_load     (sqlite3 *db, const char *dir, const char *file, const char *table);
sqlite3 *wm_test_synth_open    (const char *dir);
double  wm_test_synth_scalar   (sqlite3 *db, const char *format, ...) G_GNUC_PRINTF (2, 3);

G_END_DECLS
