/* wm-test-extract.c — small extract databases built by tests
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include "wm-schema.h"
#include "wm-test-extract.h"

/* An in-memory extract database with the schema and the years in meta. */
sqlite3 *
wm_test_extract_new (int first_year,
                     int last_year)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  wm_schema_create (db, &error);
  g_assert_no_error (error);
  wm_test_sql (db, "INSERT INTO meta VALUES ('first_year', '%d'), ('last_year', '%d'),"
                   " ('municipality_code', '099999'), ('municipality_name', 'Testville')",
               first_year, last_year);
  return db;
}

void
wm_test_sql (sqlite3    *db,
             const char *format,
             ...)
{
  g_autofree char *sql = NULL;
  char *msg = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
}

gint64
wm_test_sql_int (sqlite3    *db,
                 const char *format,
                 ...)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK || sqlite3_step (stmt) != SQLITE_ROW)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Writes @db to a plain database file at @path (VACUUM INTO). */
void
wm_test_extract_save (sqlite3    *db,
                      const char *path)
{
  char *q = sqlite3_mprintf ("VACUUM INTO %Q", path);

  wm_test_sql (db, "%s", q);
  sqlite3_free (q);
}
