/* wm-test-extract.h — small extract databases built by tests
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

sqlite3 *wm_test_extract_new   (int         first_year,
                                int         last_year);
void     wm_test_sql           (sqlite3    *db,
                                const char *format,
                                ...) G_GNUC_PRINTF (2, 3);
gint64   wm_test_sql_int       (sqlite3    *db,
                                const char *format,
                                ...) G_GNUC_PRINTF (2, 3);
void     wm_test_extract_save  (sqlite3    *db,
                                const char *path);

G_END_DECLS
