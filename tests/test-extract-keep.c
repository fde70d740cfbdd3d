/* test-extract-keep.c — shrinking an open extract to the tables still needed
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include "wm-extract.h"
#include "wm-schema.h"
#include "wm-test-util.h"

static char *dir;
static char *path;

static gint64
count (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
make_extract (void)
{
  sqlite3 *db = NULL, *ids = NULL;
  g_autoptr(GBytes) data = NULL, id_data = NULL;
  g_autoptr(GError) error = NULL;
  WmExtractSlotSpec slots[] = {
    { WM_EXTRACT_ROLE_CASEWORKER, "keep caseworker" },
    { WM_EXTRACT_ROLE_ANALYST, "keep analyst" },
  };

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_true (wm_schema_create (db, NULL));
  g_assert_cmpint (sqlite3_exec (db,
    "INSERT INTO meta VALUES ('municipality_name', 'Povo');"
    "INSERT INTO area_layer VALUES (1, 'sections', 'Sezioni', 0, 1, NULL);"
    "INSERT INTO area (id, layer_id, code, name) VALUES (1, 1, 'S1', 'Uno'), (2, 1, 'S2', 'Due');"
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)"
    "  INSERT INTO person SELECT i, randomblob(16), 1 + i % 2, 1950 + i % 60, 1 + i % 12, 1, 3, NULL FROM n;",
    NULL, NULL, NULL), ==, SQLITE_OK);
  data = wm_extract_serialize_db (db, "main", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (":memory:", &ids), ==, SQLITE_OK);
  g_assert_true (wm_schema_create_identity (ids, "main", NULL));
  g_assert_cmpint (sqlite3_exec (ids, "INSERT INTO identity_person (person_id, codice_fiscale) VALUES (1, 'RSSMRA80A01H501U')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  id_data = wm_extract_serialize_db (ids, "main", &error);
  g_assert_true (wm_extract_create (path, data, id_data, slots, 2, NULL, WM_EXTRACT_KDF_INTERACTIVE, NULL, &error));
  g_assert_no_error (error);
  sqlite3_close (db);
  sqlite3_close (ids);
}

static void
test_keep (void)
{
  const char *keep[] = { "meta", "area_layer", "area", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(WmExtract) extract = wm_extract_open (path, "keep caseworker", NULL, &error);
  sqlite3 *before, *after;

  g_assert_no_error (error);
  g_assert_true (wm_extract_load_identities (extract, NULL, &error));
  g_assert_no_error (error);
  before = wm_extract_get_db (extract);
  g_assert_cmpint (count (before, "SELECT count(*) FROM person"), ==, 5000);

  g_assert_true (wm_extract_keep_tables (extract, keep, &error));
  g_assert_no_error (error);
  after = wm_extract_get_db (extract);
  /* What was kept is all there; what was not, is gone. */
  g_assert_cmpint (count (after, "SELECT count(*) FROM area"), ==, 2);
  g_assert_cmpint (count (after, "SELECT count(*) FROM area WHERE name = 'Due' AND code = 'S2'"), ==, 1);
  g_assert_cmpint (count (after, "SELECT count(*) FROM meta WHERE value = 'Povo'"), ==, 1);
  g_assert_cmpint (count (after, "SELECT count(*) FROM person"), ==, -1);
  /* The identities the caseworker loaded are still attached. */
  g_assert_cmpint (count (after, "SELECT count(*) FROM identity.identity_person"), ==, 1);
  /* Still read-only. */
  g_assert_cmpint (sqlite3_exec (after, "DELETE FROM area", NULL, NULL, NULL), !=, SQLITE_OK);
}

/* A statement still reading the database: refused, nothing changes. */
static void
test_busy (void)
{
  const char *keep[] = { "meta", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(WmExtract) extract = wm_extract_open (path, "keep analyst", NULL, &error);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (wm_extract_get_db (extract), "SELECT id FROM person", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_false (wm_extract_keep_tables (extract, keep, &error));
  g_assert_error (error, WM_EXTRACT_ERROR, WM_EXTRACT_ERROR_INVALID);
  sqlite3_finalize (stmt);
  g_assert_cmpint (count (wm_extract_get_db (extract), "SELECT count(*) FROM person"), ==, 5000);
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  dir = wm_test_tmpdir ();
  path = g_build_filename (dir, "keep.wmx", NULL);
  make_extract ();

  g_test_add_func ("/extract/keep-tables", test_keep);
  g_test_add_func ("/extract/keep-tables-busy", test_busy);

  rc = g_test_run ();
  wm_test_rmdir (dir);
  g_free (dir);
  g_free (path);
  return rc;
}
