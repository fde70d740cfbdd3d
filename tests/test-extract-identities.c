/* test-extract-identities.c — a caseworker's identities, decrypted only
 * while something needs them
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gstdio.h>

#include "extract-test-util.h"
#include "wm-test-util.h"

#define CASEWORKER "identities caseworker"
#define ANALYST "identities analyst"

static char *dir;
static char *path;

static gint64
count (WmExtract *extract, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (sqlite3_prepare_v2 (wm_extract_get_db (extract), sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* Two persons with their codice fiscale; @cf2 tells two extracts apart. */
static void
make_extract (const char *where, const char *cf2)
{
  g_autoptr(GBytes) data = xt_make_db ("CREATE TABLE person (id INTEGER PRIMARY KEY);"
                                       "INSERT INTO person VALUES (1), (2);");
  g_autofree char *sql = g_strdup_printf ("CREATE TABLE identity_person (person_id INTEGER, codice_fiscale TEXT);"
                                          "INSERT INTO identity_person VALUES (1, 'RSSMRA80A01H501U'), (2, '%s');",
                                          cf2);
  g_autoptr(GBytes) ids = xt_make_db (sql);
  g_autoptr(GError) error = NULL;
  WmExtractSlotSpec slots[] = {
    { WM_EXTRACT_ROLE_CASEWORKER, CASEWORKER },
    { WM_EXTRACT_ROLE_ANALYST, ANALYST },
  };

  g_assert_true (wm_extract_create (where, data, ids, slots, 2, NULL, WM_EXTRACT_KDF_INTERACTIVE, NULL, &error));
  g_assert_no_error (error);
}

static WmExtract *
open_caseworker (void)
{
  g_autoptr(GError) error = NULL;
  WmExtract *extract = wm_extract_open (path, CASEWORKER, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (wm_extract_has_identities (extract));
  return extract;
}

/* Opened, checked, not in memory; loaded, released, loaded again. */
static void
test_on_demand (void)
{
  g_autoptr(WmExtract) extract = open_caseworker ();
  g_autoptr(GError) error = NULL;
  const char *keep[] = { "person", NULL };

  g_assert_cmpint (count (extract, "SELECT count(*) FROM person"), ==, 2);
  g_assert_cmpint (count (extract, "SELECT count(*) FROM identity.identity_person"), ==, -1);

  g_assert_true (wm_extract_load_identities (extract, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (extract, "SELECT count(*) FROM identity.identity_person WHERE codice_fiscale LIKE 'RSS%'"),
                   ==, 2);
  /* Twice is once; and still nothing else can be attached. */
  g_assert_true (wm_extract_load_identities (extract, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (wm_extract_get_db (extract), "ATTACH ':memory:' AS other", NULL, NULL, NULL),
                   !=, SQLITE_OK);

  g_assert_true (wm_extract_release_identities (extract, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (extract, "SELECT count(*) FROM identity.identity_person"), ==, -1);
  g_assert_cmpint (sqlite3_exec (wm_extract_get_db (extract), "ATTACH ':memory:' AS other", NULL, NULL, NULL),
                   !=, SQLITE_OK);
  g_assert_true (wm_extract_release_identities (extract, &error));  /* nothing to release */

  g_assert_true (wm_extract_load_identities (extract, NULL, &error));
  g_assert_no_error (error);
  /* Shrinking the database keeps them attached. */
  g_assert_true (wm_extract_keep_tables (extract, keep, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (extract, "SELECT count(*) FROM identity.identity_person"), ==, 2);
  g_assert_cmpint (count (extract, "SELECT count(*) FROM person"), ==, 2);
}

static void
test_analyst (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmExtract) extract = wm_extract_open (path, ANALYST, NULL, &error);

  g_assert_no_error (error);
  g_assert_false (wm_extract_has_identities (extract));
  g_assert_false (wm_extract_load_identities (extract, NULL, &error));
  xt_assert_error (error, WM_EXTRACT_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, "caseworker"));
  g_assert_cmpint (count (extract, "SELECT count(*) FROM identity.identity_person"), ==, -1);
  g_assert_cmpint (count (extract, "SELECT count(*) FROM person"), ==, 2);
}

static void
test_busy (void)
{
  g_autoptr(WmExtract) extract = open_caseworker ();
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_true (wm_extract_load_identities (extract, NULL, &error));
  g_assert_cmpint (sqlite3_prepare_v2 (wm_extract_get_db (extract), "SELECT codice_fiscale FROM identity.identity_person",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_false (wm_extract_release_identities (extract, &error));
  xt_assert_error (error, WM_EXTRACT_ERROR_INVALID);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "RSSMRA80A01H501U");
  sqlite3_finalize (stmt);
  g_clear_error (&error);
  g_assert_true (wm_extract_release_identities (extract, &error));
  g_assert_no_error (error);
}

static void
test_cancelled (void)
{
  g_autoptr(WmExtract) extract = open_caseworker ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (wm_extract_load_identities (extract, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (count (extract, "SELECT count(*) FROM identity.identity_person"), ==, -1);
  g_clear_error (&error);
  g_assert_true (wm_extract_load_identities (extract, NULL, &error));
  g_assert_no_error (error);
}

/* The file under the open extract changes: each change is named, and what
 * is open stays usable. */
static void
test_file_changed (void)
{
  g_autoptr(WmExtract) extract = open_caseworker ();
  g_autoptr(GBytes) original = xt_read_file (path);
  g_autofree char *other = g_build_filename (dir, "other.wmx", NULL);
  gsize len = g_bytes_get_size (original);
  g_autofree guint8 *bytes = g_memdup2 (g_bytes_get_data (original, NULL), len);
  g_autoptr(GError) error = NULL;

  /* Another extract, same passphrases and shape, other keys. */
  make_extract (other, "VRDLGU90B02F205X");
  g_assert_cmpint (g_rename (other, path), ==, 0);
  g_assert_false (wm_extract_load_identities (extract, NULL, &error));
  xt_assert_error (error, WM_EXTRACT_ERROR_CHANGED);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "open it again"));
  g_clear_error (&error);

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_false (wm_extract_load_identities (extract, NULL, &error));
  xt_assert_error (error, WM_EXTRACT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A bit flipped in the identities, the last section of the file. */
  bytes[len - 40] ^= 0x10;
  xt_write_file (path, bytes, len);
  g_assert_false (wm_extract_load_identities (extract, NULL, &error));
  xt_assert_error (error, WM_EXTRACT_ERROR_DAMAGED);
  g_clear_error (&error);

  bytes[len - 40] ^= 0x10;
  xt_write_file (path, bytes, len - 100);
  g_assert_false (wm_extract_load_identities (extract, NULL, &error));
  xt_assert_error (error, WM_EXTRACT_ERROR_TRUNCATED);
  g_clear_error (&error);

  g_assert_cmpint (count (extract, "SELECT count(*) FROM person"), ==, 2);
  g_assert_cmpint (count (extract, "SELECT count(*) FROM identity.identity_person"), ==, -1);
  xt_write_file (path, bytes, len);
  g_assert_true (wm_extract_load_identities (extract, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (extract, "SELECT count(*) FROM identity.identity_person"), ==, 2);
}

/* Verifying still reads and checks the identities themselves. */
static void
test_verify (void)
{
  g_autoptr(GError) error = NULL;
  WmExtractRole role = 0;
  gboolean checked = FALSE;

  g_assert_true (wm_extract_verify (path, CASEWORKER, &role, &checked, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (role, ==, WM_EXTRACT_ROLE_CASEWORKER);
  g_assert_true (checked);
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  dir = wm_test_tmpdir ();
  path = g_build_filename (dir, "identities.wmx", NULL);
  make_extract (path, "RSSLGU90B02F205Z");

  g_test_add_func ("/extract/identities/on-demand", test_on_demand);
  g_test_add_func ("/extract/identities/analyst", test_analyst);
  g_test_add_func ("/extract/identities/busy", test_busy);
  g_test_add_func ("/extract/identities/cancelled", test_cancelled);
  g_test_add_func ("/extract/identities/verify", test_verify);
  g_test_add_func ("/extract/identities/file-changed", test_file_changed);

  rc = g_test_run ();
  wm_test_rmdir (dir);
  g_free (dir);
  g_free (path);
  return rc;
}
