/* test-schema.c — the extract database schema
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include "wm-schema.h"

static sqlite3 *
open_memory (void)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  sqlite3_exec (db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
  return db;
}

static void
test_create_and_check (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;
  sqlite3 *db = open_memory ();

  g_assert_true (wm_schema_create (db, &error));
  g_assert_no_error (error);
  g_assert_true (wm_schema_check (db, &error));
  g_assert_no_error (error);
  version = wm_schema_meta_get (db, "schema_version");
  g_assert_cmpstr (version, ==, "2");
  sqlite3_close (db);
}

static void
test_constraints (void)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = open_memory ();

  g_assert_true (wm_schema_create (db, &error));
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO person (id, pseudonym, sex, birth_year, birth_month) "
                                 "VALUES (1, x'00', 1, 1950, 3)", NULL, NULL, NULL), ==, SQLITE_OK);
  /* sex outside 1..2, month 13, interval ending before it starts, an
   * episode for both a person and a family: all refused. */
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO person (id, pseudonym, sex, birth_year, birth_month) "
                                 "VALUES (2, x'01', 3, 1950, 3)", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO person (id, pseudonym, sex, birth_year, birth_month) "
                                 "VALUES (3, x'02', 1, 1950, 13)", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO family (id, pseudonym) VALUES (1, x'00');"
                                 "INSERT INTO dwelling (id, lon, lat) VALUES (1, 11.15, 46.06);"
                                 "INSERT INTO residence VALUES (1, 1, 1, 1, '2020-01-01', '2019-01-01')",
                                 NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO service_type VALUES ('C1', 'Assistenza domiciliare', 'C');"
                                 "INSERT INTO service_episode (person_id, family_id, service_code, user_area, start_date) "
                                 "VALUES (1, 1, 'C1', 'ELD', '2020-01-01')",
                                 NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  sqlite3_close (db);
}

static void
test_not_an_extract (void)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = open_memory ();

  g_assert_false (wm_schema_check (db, &error));
  g_assert_error (error, WM_SCHEMA_ERROR, WM_SCHEMA_ERROR_NOT_AN_EXTRACT);
  sqlite3_close (db);
}

static void
test_future_version (void)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = open_memory ();

  g_assert_true (wm_schema_create (db, NULL));
  g_assert_true (wm_schema_meta_set (db, "schema_version", "99", NULL));
  g_assert_false (wm_schema_check (db, &error));
  g_assert_error (error, WM_SCHEMA_ERROR, WM_SCHEMA_ERROR_VERSION);
  g_assert_nonnull (strstr (error->message, "99"));
  sqlite3_close (db);
}

static void
test_identity_attached (void)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = open_memory ();

  g_assert_true (wm_schema_create (db, NULL));
  g_assert_cmpint (sqlite3_exec (db, "ATTACH ':memory:' AS identity", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (wm_schema_create_identity (db, "identity", &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO identity.identity_person (person_id, codice_fiscale) "
                                 "VALUES (1, 'RSSMRA80A01H501U')", NULL, NULL, NULL), ==, SQLITE_OK);
  /* Nothing of the identities leaks into the pseudonymised schema. */
  g_assert_cmpint (sqlite3_exec (db, "SELECT * FROM main.identity_person", NULL, NULL, NULL), ==, SQLITE_ERROR);
  sqlite3_close (db);
}

static void
test_user_areas (void)
{
  const char *codes[] = { "FAM", "DIS", "ADD", "ELD", "IMMNOM", "POV", "MULBEN" };

  for (gsize i = 0; i < G_N_ELEMENTS (codes); i++)
    g_assert_nonnull (wm_user_area_label (codes[i]));
  g_assert_null (wm_user_area_label ("XYZ"));
  g_assert_cmpstr (wm_user_area_label ("ELD"), ==, "Elderly");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/schema/create-and-check", test_create_and_check);
  g_test_add_func ("/schema/constraints", test_constraints);
  g_test_add_func ("/schema/not-an-extract", test_not_an_extract);
  g_test_add_func ("/schema/future-version", test_future_version);
  g_test_add_func ("/schema/identity-attached", test_identity_attached);
  g_test_add_func ("/schema/user-areas", test_user_areas);

  return g_test_run ();
}
