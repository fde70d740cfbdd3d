/* test-extract.c — the encrypted extract: round trips, roles, slots, expiry,
 * tampering, the frozen v1 file, async opening, core-dump guard
 *
 * Corruption and save faults have their own programs
 * (test-extract-corruption.c, test-extract-faults.c).
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "extract-test-util.h"
#include "wm-schema.h"
#include "wm-test-util.h"

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->dir = wm_test_tmpdir ();
  f->path = g_build_filename (f->dir, "test.wmx", NULL);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  wm_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* Independent of wm_extract_section_size(): §4 written out. */
static guint64
expected_section_bytes (guint64 len, guint64 chunk)
{
  guint64 chunks = len == 0 ? 1 : (len + chunk - 1) / chunk;

  return 24 + len + 17 * chunks;
}

static void
check_roundtrip (const char *path, gsize data_size, gsize identity_size, guint chunk_log2)
{
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *data = xt_random_bytes (data_size, data_size + 1);
  g_autofree guint8 *ids = xt_random_bytes (identity_size, identity_size + 7);
  g_autoptr(WmExtractContent) cw = NULL;
  g_autoptr(WmExtractContent) an = NULL;
  g_autoptr(GBytes) file = NULL;
  guint64 chunk = G_GUINT64_CONSTANT (1) << chunk_log2;

  xt_write_extract (path, data, data_size, ids, identity_size, chunk_log2, WM_EXTRACT_KDF_MINIMUM);
  file = xt_read_file (path);
  /* header of 2 slots: 64 + 2 × 132 + 64 = 392 */
  g_assert_cmpuint (g_bytes_get_size (file), ==,
                    392 + expected_section_bytes (data_size, chunk) + expected_section_bytes (identity_size, chunk));

  cw = wm_extract_read (path, TEST_CASEWORKER, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cw->keys->role, ==, WM_EXTRACT_ROLE_CASEWORKER);
  g_assert_true (cw->identities_read);
  g_assert_cmpmem (cw->data, cw->data_size, data, data_size);
  g_assert_cmpmem (cw->identities, cw->identity_size, ids, identity_size);

  an = wm_extract_read (path, TEST_ANALYST, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (an->keys->role, ==, WM_EXTRACT_ROLE_ANALYST);
  g_assert_cmpmem (an->data, an->data_size, data, data_size);
  g_assert_false (an->identities_read);
  g_assert_null (an->identities);
}

/* 0 bytes, less than a chunk, exactly 1 chunk, exactly N chunks, N chunks
 * ± 1 byte, at the smallest chunk size and the default one. */
static void
test_roundtrip_sizes (Fixture *f, gconstpointer data)
{
  const guint logs[] = { 10, 16 };

  for (gsize l = 0; l < G_N_ELEMENTS (logs); l++)
    {
      gsize c = (gsize) 1 << logs[l];
      const gsize sizes[] = { 0, 1, c - 1, c, c + 1, 7 * c - 1, 7 * c, 7 * c + 1 };

      for (gsize i = 0; i < G_N_ELEMENTS (sizes); i++)
        {
          check_roundtrip (f->path, sizes[i], sizes[(i + 3) % G_N_ELEMENTS (sizes)], logs[l]);
          check_roundtrip (f->path, sizes[i], 0, logs[l]);
        }
    }
}

static const char person_sql[] =
  "CREATE TABLE t (i INTEGER PRIMARY KEY, v TEXT);"
  "INSERT INTO t (v) VALUES ('uno'), ('due'), ('tre');";

/* Real SQLite databases through the public API: empty, one page, one chunk
 * (16 pages of 4 KiB), a few chunks. */
static void
test_roundtrip_sqlite (Fixture *f, gconstpointer data)
{
  const char *fills[] = {
    "",
    person_sql,
    "PRAGMA page_size = 4096; CREATE TABLE b (x BLOB);"
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 14)"
    "  INSERT INTO b SELECT zeroblob(3000) FROM n;",
    "CREATE TABLE b (x BLOB);"
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)"
    "  INSERT INTO b SELECT randomblob(1000) FROM n;",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (fills); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) db = xt_make_db (fills[i]);
      g_autoptr(GBytes) back = NULL;
      g_autoptr(WmExtract) extract = NULL;
      WmExtractSlotSpec slot = { WM_EXTRACT_ROLE_ANALYST, TEST_PASSPHRASE };

      if (i == 2)
        g_assert_cmpuint (g_bytes_get_size (db), ==, 65536);  /* one chunk exactly */
      g_assert_true (wm_extract_create (f->path, db, NULL, &slot, 1, NULL, WM_EXTRACT_KDF_INTERACTIVE,
                                        NULL, &error));
      g_assert_no_error (error);
      extract = wm_extract_open (f->path, TEST_PASSPHRASE, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (wm_extract_get_role (extract), ==, WM_EXTRACT_ROLE_ANALYST);
      g_assert_false (wm_extract_has_identities (extract));
      back = wm_extract_serialize_db (wm_extract_get_db (extract), "main", &error);
      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (back, db));
      if (i == 1)
        g_assert_cmpint (xt_query_int (wm_extract_get_db (extract), "SELECT count(*) FROM t WHERE v = 'due'"), ==, 1);
    }
}

/* 50 MB: the bytes that come out are the bytes that went in; SQLite reads
 * the pages in place, not through its cache. */
static void
test_roundtrip_50mb (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) db = xt_make_db ("CREATE TABLE b (i INTEGER PRIMARY KEY, x BLOB);"
                                     "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12500)"
                                     "  INSERT INTO b (x) SELECT randomblob(4000) FROM n;");
  g_autoptr(GBytes) back = NULL;
  g_autoptr(WmExtract) extract = NULL;
  WmExtractSlotSpec slot = { WM_EXTRACT_ROLE_CASEWORKER, TEST_PASSPHRASE };
  int cache_used = 0, highwater = 0;
  sqlite3 *sdb;

  g_assert_cmpuint (g_bytes_get_size (db), >, 50000000);
  g_assert_true (wm_extract_create (f->path, db, NULL, &slot, 1, NULL, WM_EXTRACT_KDF_INTERACTIVE, NULL, &error));
  g_assert_no_error (error);
  extract = wm_extract_open (f->path, TEST_PASSPHRASE, NULL, &error);
  g_assert_no_error (error);
  sdb = wm_extract_get_db (extract);
  /* A cache big enough for every page: it stays nearly empty all the same. */
  g_assert_cmpint (sqlite3_exec (sdb, "PRAGMA cache_size = -200000", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (xt_query_int (sdb, "SELECT count(*) FROM b WHERE length(x) = 4000 AND x <> zeroblob(4000)"), ==, 12500);
  sqlite3_db_status (sdb, SQLITE_DBSTATUS_CACHE_USED, &cache_used, &highwater, 0);
  g_assert_cmpint (cache_used, <, 4 << 20);
  back = wm_extract_serialize_db (sdb, "main", &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (back, db));
}

typedef struct {
  GBytes *data;
  GBytes *ids;
} Databases;

static void
make_schema_dbs (Databases *d)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_true (wm_schema_create (db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO family (id, pseudonym) VALUES (1, x'01');"
                                     "INSERT INTO person VALUES (7, x'0707', 2, 1948, 3, 1, 2, NULL);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  d->data = wm_extract_serialize_db (db, "main", &error);
  g_assert_no_error (error);
  sqlite3_close (db);

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_true (wm_schema_create_identity (db, "main", &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO identity_person VALUES "
                                     "(7, 'RSSMRA48C41L378X', 'Rossi', 'Maria', '1948-03-01', 'L378')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  d->ids = wm_extract_serialize_db (db, "main", &error);
  g_assert_no_error (error);
  sqlite3_close (db);
}

static void
databases_clear (Databases *d)
{
  g_clear_pointer (&d->data, g_bytes_unref);
  g_clear_pointer (&d->ids, g_bytes_unref);
}

static void
create_two_roles (const char *path, Databases *d, GDateTime *expiry)
{
  g_autoptr(GError) error = NULL;
  WmExtractSlotSpec slots[] = {
    { WM_EXTRACT_ROLE_CASEWORKER, TEST_CASEWORKER },
    { WM_EXTRACT_ROLE_ANALYST, TEST_ANALYST },
  };

  make_schema_dbs (d);
  g_assert_true (wm_extract_create (path, d->data, d->ids, slots, 2, expiry, WM_EXTRACT_KDF_INTERACTIVE,
                                    NULL, &error));
  g_assert_no_error (error);
}

static gboolean
sql_fails (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE;
}

static void
test_roles (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmExtract) cw = NULL;
  g_autoptr(WmExtract) an = NULL;
  g_autofree char *cf = NULL;
  Databases d = { 0 };

  create_two_roles (f->path, &d, NULL);

  cw = wm_extract_open (f->path, TEST_CASEWORKER, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wm_extract_get_role (cw), ==, WM_EXTRACT_ROLE_CASEWORKER);
  g_assert_cmpuint (wm_extract_get_slot (cw), ==, 0);
  g_assert_true (wm_extract_has_identities (cw));
  g_assert_true (wm_schema_check (wm_extract_get_db (cw), NULL));
  g_assert_true (wm_extract_load_identities (cw, NULL, &error));
  g_assert_no_error (error);
  cf = xt_query_text (wm_extract_get_db (cw),
                      "SELECT codice_fiscale FROM identity.identity_person JOIN person ON person.id = person_id");
  g_assert_cmpstr (cf, ==, "RSSMRA48C41L378X");
  /* read-only, and nothing else can be attached (a way to disk) */
  g_assert_true (sql_fails (wm_extract_get_db (cw), "DELETE FROM person"));
  g_assert_true (sql_fails (wm_extract_get_db (cw), "ATTACH ':memory:' AS other"));

  an = wm_extract_open (f->path, TEST_ANALYST, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wm_extract_get_role (an), ==, WM_EXTRACT_ROLE_ANALYST);
  g_assert_cmpuint (wm_extract_get_slot (an), ==, 1);
  g_assert_false (wm_extract_has_identities (an));
  g_assert_cmpint (xt_query_int (wm_extract_get_db (an), "SELECT count(*) FROM person"), ==, 1);
  g_assert_true (sql_fails (wm_extract_get_db (an), "SELECT count(*) FROM identity.identity_person"));
  g_assert_true (sql_fails (wm_extract_get_db (an), "SELECT count(*) FROM identity_person"));
  g_assert_true (sql_fails (wm_extract_get_db (an), "ATTACH ':memory:' AS identity"));

  wm_extract_close (an);
  g_assert_null (wm_extract_get_db (an));
  wm_extract_close (an);
  databases_clear (&d);
}

/* The analyst slot holds nothing from which the identities key follows:
 * its second half is zero, and no key derived from what it holds decrypts
 * the identities section; the caseworker's does. */
static void
test_role_separation (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmExtractContent) an = NULL;
  g_autoptr(WmExtractContent) cw = NULL;
  g_autofree guint8 *zero = g_malloc0 (32);
  guint8 plain[64], candidates[6][32];
  guint64 offset;
  guint analyst_slot = 1;
  Databases d = { 0 };
  const guint8 *map;
  int fd;
  guint64 size;
  char *prepared;
  gsize len;

  create_two_roles (f->path, &d, NULL);
  an = wm_extract_read (f->path, TEST_ANALYST, NULL, NULL, &error);
  g_assert_no_error (error);
  cw = wm_extract_read (f->path, TEST_CASEWORKER, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (an->keys->has_identity_key);
  g_assert_cmpmem (an->keys->identity, 32, zero, 32);
  g_assert_true (cw->keys->has_identity_key);
  g_assert_cmpmem (an->keys->data, 32, cw->keys->data, 32);

  prepared = wm_extract_passphrase_prepare (TEST_ANALYST, f->path, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wm_extract_slot_open (&an->header, analyst_slot, prepared, len, plain), ==, 0);
  wm_extract_passphrase_free (prepared);
  g_assert_cmpmem (plain + 32, 32, zero, 32);

  memcpy (candidates[0], plain, 32);
  memcpy (candidates[1], plain + 32, 32);
  wm_extract_derive_key (plain, 1, WM_EXTRACT_CTX_DATA, candidates[2]);
  wm_extract_derive_key (plain, 2, WM_EXTRACT_CTX_DATA, candidates[3]);
  wm_extract_derive_key (plain, 1, WM_EXTRACT_CTX_IDENTITIES, candidates[4]);
  wm_extract_derive_key (plain + 32, 1, WM_EXTRACT_CTX_IDENTITIES, candidates[5]);

  fd = wm_extract_file_open (f->path, &size, &error);
  g_assert_no_error (error);
  map = wm_extract_map (fd, size, f->path, &error);
  g_assert_no_error (error);
  offset = an->header.header_size + wm_extract_section_size (an->header.data_size, an->header.chunk_log2);
  for (gsize i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autoptr(GError) e = NULL;

      g_assert_false (wm_extract_section_decrypt (map, offset, &an->header, WM_EXTRACT_SECTION_IDENTITIES,
                                                  candidates[i], NULL, NULL, f->path, NULL, NULL, &e));
      xt_assert_error (e, WM_EXTRACT_ERROR_DAMAGED);
    }
  {
    guint8 key[32];

    wm_extract_derive_key (cw->keys->identity, 1, WM_EXTRACT_CTX_IDENTITIES, key);
    g_assert_true (wm_extract_section_decrypt (map, offset, &an->header, WM_EXTRACT_SECTION_IDENTITIES,
                                               key, NULL, NULL, f->path, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  wm_extract_unmap (map, size);
  close (fd);
  databases_clear (&d);
}

static void
truncate_on_unlock (WmExtractPhase phase, double fraction, gpointer user_data)
{
  const char *path = user_data;
  GStatBuf st;

  if (phase == WM_EXTRACT_PHASE_UNLOCKING && fraction == 0.0)
    {
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (truncate (path, st.st_size / 2), ==, 0);
    }
}

/* The file shrinks while it is read (someone copies over it in place): an
 * error saying so, not a crash (SIGBUS from the mapping). */
static void
test_shrinks_while_read (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *plain = xt_random_bytes (1 << 20, 5);
  g_autoptr(WmExtractContent) content = NULL;
  WmExtractReadOptions options = { .progress = truncate_on_unlock, .progress_data = f->path };
  const guint8 *map;
  guint64 size;
  guint8 key[32];
  int fd;

  /* the whole pages past the new end: SIGBUS, caught */
  xt_write_extract (f->path, plain, 1 << 20, NULL, 0, 0, WM_EXTRACT_KDF_MINIMUM);
  content = wm_extract_read (f->path, TEST_ANALYST, NULL, NULL, &error);
  g_assert_no_error (error);
  fd = wm_extract_file_open (f->path, &size, &error);
  g_assert_no_error (error);
  map = wm_extract_map (fd, size, f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (truncate (f->path, 4096), ==, 0);
  wm_extract_derive_key (content->keys->data, 1, WM_EXTRACT_CTX_DATA, key);
  g_assert_false (wm_extract_section_decrypt (map, content->header.header_size, &content->header,
                                              WM_EXTRACT_SECTION_DATA, key, NULL, NULL, f->path, NULL, NULL, &error));
  xt_assert_error (error, WM_EXTRACT_ERROR_TRUNCATED);
  g_assert_nonnull (strstr (error->message, "became shorter while it was being read"));
  g_clear_error (&error);
  wm_extract_unmap (map, size);
  close (fd);

  /* cut inside a chunk, between the header check and the decryption */
  xt_write_extract (f->path, plain, 1 << 20, NULL, 0, 0, WM_EXTRACT_KDF_MINIMUM);
  g_clear_pointer (&content, wm_extract_content_free);
  content = wm_extract_read (f->path, TEST_ANALYST, &options, NULL, &error);
  g_assert_null (content);
  xt_assert_error (error, WM_EXTRACT_ERROR_TRUNCATED);
  g_assert_nonnull (strstr (error->message, "became shorter while it was being read"));
}

static void
test_passphrases (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) db = xt_make_db (person_sql);
  g_autoptr(WmExtract) extract = NULL;
  /* "caffè" with a precomposed è; opened with e + combining grave accent */
  WmExtractSlotSpec slot = { WM_EXTRACT_ROLE_ANALYST, "caff\xc3\xa8 al banco" };
  WmExtractSlotSpec empty = { WM_EXTRACT_ROLE_ANALYST, "" };

  g_assert_true (wm_extract_create (f->path, db, NULL, &slot, 1, NULL, WM_EXTRACT_KDF_INTERACTIVE, NULL, &error));
  g_assert_no_error (error);
  extract = wm_extract_open (f->path, "caffe\xcc\x80 al banco", NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&extract);

  extract = wm_extract_open (f->path, "caffe al banco", NULL, &error);
  g_assert_null (extract);
  xt_assert_error (error, WM_EXTRACT_ERROR_WRONG_PASSPHRASE);
  g_assert_nonnull (strstr (error->message, f->path));
  g_clear_error (&error);

  extract = wm_extract_open (f->path, "", NULL, &error);
  xt_assert_error (error, WM_EXTRACT_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (wm_extract_create (f->path, db, NULL, &empty, 1, NULL, WM_EXTRACT_KDF_INTERACTIVE, NULL, &error));
  xt_assert_error (error, WM_EXTRACT_ERROR_INVALID);
  g_clear_error (&error);
}

static void
test_create_errors (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) db = xt_make_db (person_sql);
  g_autoptr(GBytes) text = g_bytes_new_static ("just some text, not a database at all", 37);
  g_autofree char *in_missing = g_build_filename (f->dir, "no-such-folder", "x.wmx", NULL);
  WmExtractSlotSpec analyst = { WM_EXTRACT_ROLE_ANALYST, TEST_ANALYST };
  WmExtractSlotSpec nine[9];

  /* identities nobody could open */
  g_assert_false (wm_extract_create (f->path, db, db, &analyst, 1, NULL, WM_EXTRACT_KDF_INTERACTIVE, NULL, &error));
  xt_assert_error (error, WM_EXTRACT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (wm_extract_create (f->path, text, NULL, &analyst, 1, NULL, WM_EXTRACT_KDF_INTERACTIVE, NULL, &error));
  xt_assert_error (error, WM_EXTRACT_ERROR_INVALID);
  g_clear_error (&error);
  for (gsize i = 0; i < G_N_ELEMENTS (nine); i++)
    nine[i] = analyst;
  g_assert_false (wm_extract_create (f->path, db, NULL, nine, 9, NULL, WM_EXTRACT_KDF_INTERACTIVE, NULL, &error));
  xt_assert_error (error, WM_EXTRACT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (wm_extract_create (f->path, db, NULL, nine, 0, NULL, WM_EXTRACT_KDF_INTERACTIVE, NULL, &error));
  xt_assert_error (error, WM_EXTRACT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (wm_extract_create (in_missing, db, NULL, &analyst, 1, NULL, WM_EXTRACT_KDF_INTERACTIVE, NULL, &error));
  xt_assert_error (error, WM_EXTRACT_ERROR_IO);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

static void
test_expiry (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) expiry = g_date_time_new_local (2030, 6, 15, 0, 0, 0);
  g_autoptr(GDateTime) yesterday = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(WmExtract) extract = NULL;
  WmExtractReadOptions options = { 0 };
  GDate today;
  int y, m, d;
  Databases dbs = { 0 };

  create_two_roles (f->path, &dbs, expiry);
  g_date_clear (&today, 1);
  options.today = &today;

  g_date_set_dmy (&today, 14, 6, 2030);
  extract = wm_extract_open_full (f->path, TEST_ANALYST, &options, NULL, &error);
  g_assert_no_error (error);
  g_date_time_get_ymd (wm_extract_get_expiry (extract), &y, &m, &d);
  g_assert_cmpint (y * 10000 + m * 100 + d, ==, 20300615);
  g_clear_object (&extract);

  for (int day = 15; day <= 16; day++)
    {
      g_date_set_dmy (&today, day, 6, 2030);
      extract = wm_extract_open_full (f->path, TEST_ANALYST, &options, NULL, &error);
      g_assert_null (extract);
      xt_assert_error (error, WM_EXTRACT_ERROR_EXPIRED);
      g_assert_nonnull (strstr (error->message, "this extract expired on 2030-06-15 — ask the data office for a new one"));
      g_clear_error (&error);
    }
  options.allow_expired = TRUE;
  extract = wm_extract_open_full (f->path, TEST_ANALYST, &options, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&extract);
  databases_clear (&dbs);

  /* With the real clock: expired since yesterday. */
  yesterday = g_date_time_add_days (now, -1);
  create_two_roles (f->path, &dbs, yesterday);
  extract = wm_extract_open (f->path, TEST_CASEWORKER, NULL, &error);
  xt_assert_error (error, WM_EXTRACT_ERROR_EXPIRED);
  databases_clear (&dbs);
}

static void
open_ok (const char *path, const char *passphrase, WmExtractRole role, gboolean identities)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmExtract) extract = wm_extract_open (path, passphrase, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (wm_extract_get_role (extract), ==, role);
  g_assert_cmpint (wm_extract_has_identities (extract), ==, identities);
  g_assert_cmpint (xt_query_int (wm_extract_get_db (extract), "SELECT count(*) FROM person"), ==, 1);
  if (identities)
    g_assert_true (wm_extract_load_identities (extract, NULL, &error));
  g_assert_no_error (error);
  if (identities)
    g_assert_cmpint (xt_query_int (wm_extract_get_db (extract), "SELECT count(*) FROM identity.identity_person"), ==, 1);
}

static void
open_wrong (const char *path, const char *passphrase)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmExtract) extract = wm_extract_open (path, passphrase, NULL, &error);

  g_assert_null (extract);
  xt_assert_error (error, WM_EXTRACT_ERROR_WRONG_PASSPHRASE);
}

static GBytes *
body_of (const char *path)
{
  g_autoptr(GBytes) file = xt_read_file (path);
  const guint8 *p = g_bytes_get_data (file, NULL);
  guint16 header = p[10] | (p[11] << 8);

  return g_bytes_new_from_bytes (file, header, g_bytes_get_size (file) - header);
}

/* @error is read after @ok was computed (argument order is unspecified). */
static void
expect (gboolean ok, GError **error, WmExtractError code)
{
  g_assert_false (ok);
  xt_assert_error (*error, code);
  g_clear_error (error);
}

static void
test_slots (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) body_after = NULL;
  g_autoptr(WmExtractInfo) info = NULL;
  GError *e = NULL;
  Databases d = { 0 };
  WmExtractKdfLevel kdf = WM_EXTRACT_KDF_INTERACTIVE;

  create_two_roles (f->path, &d, NULL);   /* slot 0 caseworker, slot 1 analyst */
  body = body_of (f->path);

  /* An analyst cannot hand out caseworker access, nor take it away. */
  expect (wm_extract_add_slot (f->path, TEST_ANALYST, WM_EXTRACT_ROLE_CASEWORKER, "new cw", kdf, NULL, &e),
          &e, WM_EXTRACT_ERROR_NOT_ALLOWED);
  expect (wm_extract_remove_slot (f->path, TEST_ANALYST, 0, NULL, &e), &e, WM_EXTRACT_ERROR_NOT_ALLOWED);
  expect (wm_extract_add_slot (f->path, "not it", WM_EXTRACT_ROLE_ANALYST, "new an", kdf, NULL, &e),
          &e, WM_EXTRACT_ERROR_WRONG_PASSPHRASE);

  g_assert_true (wm_extract_add_slot (f->path, TEST_ANALYST, WM_EXTRACT_ROLE_ANALYST, "second analyst", kdf, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (wm_extract_add_slot (f->path, TEST_CASEWORKER, WM_EXTRACT_ROLE_CASEWORKER, "second caseworker", kdf, NULL, &error));
  g_assert_no_error (error);
  /* slots: 0 cw, 1 an, 2 an2, 3 cw2; the body did not change */
  body_after = body_of (f->path);
  g_assert_true (g_bytes_equal (body, body_after));
  open_ok (f->path, "second analyst", WM_EXTRACT_ROLE_ANALYST, FALSE);
  open_ok (f->path, "second caseworker", WM_EXTRACT_ROLE_CASEWORKER, TRUE);
  open_ok (f->path, TEST_CASEWORKER, WM_EXTRACT_ROLE_CASEWORKER, TRUE);
  open_ok (f->path, TEST_ANALYST, WM_EXTRACT_ROLE_ANALYST, FALSE);

  expect (wm_extract_remove_slot (f->path, TEST_CASEWORKER, 4, NULL, &e), &e, WM_EXTRACT_ERROR_INVALID);
  /* A caseworker removes its own slot: another caseworker remains. */
  g_assert_true (wm_extract_remove_slot (f->path, TEST_CASEWORKER, 0, NULL, &error));
  g_assert_no_error (error);
  open_wrong (f->path, TEST_CASEWORKER);
  open_ok (f->path, "second caseworker", WM_EXTRACT_ROLE_CASEWORKER, TRUE);
  /* now 0 an, 1 an2, 2 cw2: cw2 is the last caseworker */
  expect (wm_extract_remove_slot (f->path, "second caseworker", 2, NULL, &e), &e, WM_EXTRACT_ERROR_NOT_ALLOWED);
  g_assert_true (wm_extract_remove_slot (f->path, TEST_ANALYST, 1, NULL, &error));
  g_assert_no_error (error);
  open_wrong (f->path, "second analyst");

  info = wm_extract_info_read (f->path, &error);
  g_assert_no_error (error);
  g_assert_null (info->problem);
  g_assert_cmpuint (info->n_slots, ==, 2);
  g_assert_cmpint (info->slots[0].role, ==, WM_EXTRACT_ROLE_ANALYST);
  g_assert_cmpint (info->slots[1].role, ==, WM_EXTRACT_ROLE_CASEWORKER);
  g_clear_pointer (&info, wm_extract_info_free);

  /* Up to 8 slots, then no more. */
  for (int i = 2; i < 8; i++)
    {
      g_autofree char *pass = g_strdup_printf ("extra %d", i);
      WmExtractWriteOptions fast = { 0 };

      g_assert_true (wm_extract_add_slot_full (f->path, TEST_ANALYST, WM_EXTRACT_ROLE_ANALYST, pass,
                                               WM_EXTRACT_KDF_MINIMUM, &fast, NULL, &error));
      g_assert_no_error (error);
    }
  expect (wm_extract_add_slot (f->path, TEST_ANALYST, WM_EXTRACT_ROLE_ANALYST, "ninth", kdf, NULL, &e),
          &e, WM_EXTRACT_ERROR_INVALID);
  open_ok (f->path, "extra 7", WM_EXTRACT_ROLE_ANALYST, FALSE);
  g_clear_pointer (&body_after, g_bytes_unref);
  body_after = body_of (f->path);
  g_assert_true (g_bytes_equal (body, body_after));
  databases_clear (&d);
}

static void
test_last_slot (Fixture *f, gconstpointer data)
{
  g_autoptr(GBytes) db = xt_make_db (person_sql);
  WmExtractSlotSpec slot = { WM_EXTRACT_ROLE_ANALYST, TEST_ANALYST };
  GError *e = NULL;

  g_assert_true (wm_extract_create (f->path, db, NULL, &slot, 1, NULL, WM_EXTRACT_KDF_INTERACTIVE, NULL, NULL));
  expect (wm_extract_remove_slot (f->path, TEST_ANALYST, 0, NULL, &e), &e, WM_EXTRACT_ERROR_NOT_ALLOWED);
}

static void
test_rekey (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) expiry = g_date_time_new_local (2099, 1, 31, 0, 0, 0);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(WmExtractInfo) info = NULL;
  Databases d = { 0 };
  guint dropped = 0;
  GError *e = NULL;

  create_two_roles (f->path, &d, expiry);
  before = xt_read_file (f->path);
  expect (wm_extract_rekey (f->path, TEST_ANALYST, "new", WM_EXTRACT_KDF_INTERACTIVE, NULL, NULL, &e),
          &e, WM_EXTRACT_ERROR_NOT_ALLOWED);
  after = xt_read_file (f->path);
  g_assert_true (g_bytes_equal (before, after));

  g_assert_true (wm_extract_rekey (f->path, TEST_CASEWORKER, "brand new caseworker", WM_EXTRACT_KDF_INTERACTIVE,
                                   &dropped, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dropped, ==, 1);
  open_ok (f->path, "brand new caseworker", WM_EXTRACT_ROLE_CASEWORKER, TRUE);
  open_wrong (f->path, TEST_CASEWORKER);
  open_wrong (f->path, TEST_ANALYST);

  g_clear_pointer (&after, g_bytes_unref);
  after = xt_read_file (f->path);
  /* new file id */
  g_assert_cmpint (memcmp ((const guint8 *) g_bytes_get_data (before, NULL) + 12,
                           (const guint8 *) g_bytes_get_data (after, NULL) + 12, 16), !=, 0);
  info = wm_extract_info_read (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (info->expiry);
  g_assert_cmpint (g_date_time_get_year (info->expiry), ==, 2099);
  g_assert_cmpint (g_date_time_get_day_of_month (info->expiry), ==, 31);
  g_assert_cmpuint (info->n_slots, ==, 1);
  databases_clear (&d);
}

/* Rewrites the checksum after a change, as someone altering the file on
 * purpose would: then only the keyed MAC can tell. */
static void
write_with_checksum (const char *path, guint8 *p, gsize len)
{
  guint16 h = p[10] | (p[11] << 8);

  crypto_generichash (p + h - 32, 32, p, h - 32, NULL, 0);
  xt_write_file (path, p, len);
}

static void
test_tamper (Fixture *f, gconstpointer data)
{
  g_autoptr(GBytes) good = NULL;
  g_autofree char *other = g_build_filename (f->dir, "tampered.wmx", NULL);
  Databases d = { 0 };
  gsize len;
  struct { gsize offset; guint8 value; WmExtractError with_caseworker; WmExtractError with_analyst; } cases[] = {
    { 34, 12, WM_EXTRACT_ERROR_DAMAGED, WM_EXTRACT_ERROR_DAMAGED },             /* expiry month 0 → 12 */
    { 36, 0x55, WM_EXTRACT_ERROR_DAMAGED, WM_EXTRACT_ERROR_DAMAGED },           /* created */
    { 64 + 132 + 0, 3, WM_EXTRACT_ERROR_DAMAGED, WM_EXTRACT_ERROR_WRONG_PASSPHRASE }, /* analyst slot (1) made caseworker (2) */
    { 64 + 132 + 20, 0xaa, WM_EXTRACT_ERROR_DAMAGED, WM_EXTRACT_ERROR_WRONG_PASSPHRASE }, /* its salt */
    { 64 + 8 + 2, 0xff, WM_EXTRACT_ERROR_DAMAGED, WM_EXTRACT_ERROR_DAMAGED },   /* slot 0 memlimit 64 MiB → 16 GiB */
    { 8, 3, WM_EXTRACT_ERROR_UNSUPPORTED_VERSION, WM_EXTRACT_ERROR_UNSUPPORTED_VERSION },  /* version 1 → 2 */
  };

  create_two_roles (f->path, &d, NULL);
  good = xt_read_file (f->path);
  len = g_bytes_get_size (good);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree guint8 *p = g_memdup2 (g_bytes_get_data (good, NULL), g_bytes_get_size (good));
      g_autoptr(GError) error = NULL;
      g_autoptr(WmExtract) extract = NULL;

      /* xor, so the byte changes whatever it was (created and salt are not fixed) */
      p[cases[i].offset] ^= cases[i].value;
      write_with_checksum (other, p, len);
      extract = wm_extract_open (other, TEST_CASEWORKER, NULL, &error);
      g_assert_null (extract);
      xt_assert_error (error, cases[i].with_caseworker);
      g_clear_error (&error);
      extract = wm_extract_open (other, TEST_ANALYST, NULL, &error);
      g_assert_null (extract);
      xt_assert_error (error, cases[i].with_analyst);
      if (cases[i].offset == 64 + 8 + 2)
        g_assert_nonnull (strstr (error->message, "limits"));
    }
  databases_clear (&d);
}

static void
test_info (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) expiry = g_date_time_new_local (2031, 2, 28, 0, 0, 0);
  g_autoptr(WmExtractInfo) info = NULL;
  g_autoptr(GBytes) good = NULL;
  g_autofree guint8 *p = NULL;
  Databases d = { 0 };
  gsize len;

  create_two_roles (f->path, &d, expiry);
  g_assert_true (wm_extract_file_looks_like_extract (f->path));
  info = wm_extract_info_read (f->path, &error);
  g_assert_no_error (error);
  g_assert_null (info->problem);
  g_assert_cmpuint (info->version, ==, 1);
  g_assert_cmpuint (info->header_size, ==, 392);
  g_assert_cmpuint (info->chunk_size, ==, 65536);
  g_assert_cmpuint (info->data_size, ==, g_bytes_get_size (d.data));
  g_assert_true (info->has_identities);
  g_assert_cmpuint (info->identity_size, ==, g_bytes_get_size (d.ids));
  g_assert_cmpuint (info->n_slots, ==, 2);
  g_assert_cmpint (info->slots[0].role, ==, WM_EXTRACT_ROLE_CASEWORKER);
  g_assert_cmpint (info->slots[1].role, ==, WM_EXTRACT_ROLE_ANALYST);
  g_assert_cmpuint (info->slots[1].kdf_opslimit, ==, 2);
  g_assert_cmpuint (info->slots[1].kdf_memlimit, ==, 64 << 20);
  g_assert_cmpint (g_date_time_get_month (info->expiry), ==, 2);
  g_assert_nonnull (info->created);
  g_clear_pointer (&info, wm_extract_info_free);

  /* A damaged header: what it says, and why it is not to be trusted. */
  good = xt_read_file (f->path);
  len = g_bytes_get_size (good);
  p = g_memdup2 (g_bytes_get_data (good, NULL), len);
  p[100] ^= 0x10;
  xt_write_file (f->path, p, len);
  info = wm_extract_info_read (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (info->n_slots, ==, 2);
  xt_assert_error (info->problem, WM_EXTRACT_ERROR_DAMAGED);
  g_assert_nonnull (strstr (info->problem->message, "checksum"));
  g_clear_pointer (&info, wm_extract_info_free);

  /* Truncated: the header is fine, the size is not. */
  xt_write_file (f->path, g_bytes_get_data (good, NULL), len - 5);
  info = wm_extract_info_read (f->path, &error);
  g_assert_no_error (error);
  xt_assert_error (info->problem, WM_EXTRACT_ERROR_TRUNCATED);
  g_clear_pointer (&info, wm_extract_info_free);

  xt_write_file (f->path, "SQLite format 3\0 and so on and so forth", 40);
  info = wm_extract_info_read (f->path, &error);
  g_assert_null (info);
  xt_assert_error (error, WM_EXTRACT_ERROR_NOT_AN_EXTRACT);
  databases_clear (&d);
}

static void
assert_dumpable (gboolean dumpable, rlim_t core)
{
  struct rlimit limit;

  g_assert_cmpint (prctl (PR_GET_DUMPABLE, 0, 0, 0, 0), ==, dumpable ? 1 : 0);
  g_assert_cmpint (getrlimit (RLIMIT_CORE, &limit), ==, 0);
  g_assert_cmpuint (limit.rlim_cur, ==, core);
}

static void
test_dump_guard (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  struct rlimit before, some = { 4096, RLIM_INFINITY };
  WmExtract *one, *two;
  Databases d = { 0 };

  g_assert_cmpint (getrlimit (RLIMIT_CORE, &before), ==, 0);
  some.rlim_max = before.rlim_max;
  some.rlim_cur = MIN (4096, before.rlim_max);
  g_assert_cmpint (setrlimit (RLIMIT_CORE, &some), ==, 0);
  prctl (PR_SET_DUMPABLE, 1, 0, 0, 0);
  create_two_roles (f->path, &d, NULL);
  assert_dumpable (TRUE, some.rlim_cur);

  one = wm_extract_open (f->path, TEST_ANALYST, NULL, &error);
  g_assert_no_error (error);
  assert_dumpable (FALSE, 0);
  two = wm_extract_open (f->path, TEST_CASEWORKER, NULL, &error);
  g_assert_no_error (error);
  g_object_unref (one);
  assert_dumpable (FALSE, 0);
  wm_extract_close (two);
  assert_dumpable (TRUE, some.rlim_cur);
  g_object_unref (two);
  assert_dumpable (TRUE, some.rlim_cur);

  /* A failed open restores too. */
  one = wm_extract_open (f->path, "wrong", NULL, &error);
  g_assert_null (one);
  g_clear_error (&error);
  assert_dumpable (TRUE, some.rlim_cur);
  g_assert_cmpuint (wm_extract_dump_guard_depth (), ==, 0);
  setrlimit (RLIMIT_CORE, &before);
  databases_clear (&d);
}

typedef struct {
  GMainLoop *loop;
  GThread *main_thread;
  WmExtract *extract;
  GError *error;
  guint unlocking, decrypting;
  double last;
  gboolean freed;
  gboolean freed_before_ready;
} AsyncRun;

static void
on_progress (WmExtractPhase phase, double fraction, gpointer user_data)
{
  AsyncRun *run = user_data;

  g_assert_true (g_thread_self () == run->main_thread);
  g_assert_null (run->extract);
  if (phase == WM_EXTRACT_PHASE_UNLOCKING)
    {
      g_assert_cmpuint (run->decrypting, ==, 0);
      run->unlocking++;
    }
  else
    {
      g_assert_cmpfloat (fraction, >=, run->last);
      run->last = fraction;
      run->decrypting++;
    }
}

static void
on_progress_free (gpointer user_data)
{
  AsyncRun *run = user_data;

  g_assert_true (g_thread_self () == run->main_thread);
  run->freed = TRUE;
}

static void
on_opened (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AsyncRun *run = user_data;

  run->extract = wm_extract_open_finish (result, &run->error);
  g_main_loop_quit (run->loop);
}

static void
run_async (const char *path, const char *passphrase, GCancellable *cancellable, AsyncRun *run)
{
  memset (run, 0, sizeof *run);
  run->loop = g_main_loop_new (NULL, FALSE);
  run->main_thread = g_thread_self ();
  wm_extract_open_async (path, passphrase, on_progress, run, on_progress_free, cancellable, on_opened, run);
  g_main_loop_run (run->loop);
  /* progress_data_free may come just after the result */
  while (!run->freed)
    g_main_context_iteration (NULL, TRUE);
  g_main_loop_unref (run->loop);
}

static void
test_async (Fixture *f, gconstpointer data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncRun run;
  Databases d = { 0 };

  create_two_roles (f->path, &d, NULL);
  run_async (f->path, TEST_ANALYST, NULL, &run);
  g_assert_no_error (run.error);
  g_assert_nonnull (run.extract);
  g_assert_cmpint (wm_extract_get_role (run.extract), ==, WM_EXTRACT_ROLE_ANALYST);
  g_assert_cmpuint (run.unlocking, >=, 2);  /* slot 0 tried, slot 1 opened */
  g_assert_cmpuint (run.decrypting, >=, 1);
  g_assert_cmpfloat (run.last, ==, 1.0);
  g_clear_object (&run.extract);

  run_async (f->path, "wrong", NULL, &run);
  xt_assert_error (run.error, WM_EXTRACT_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&run.error);

  g_cancellable_cancel (cancellable);
  run_async (f->path, TEST_CASEWORKER, cancellable, &run);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&run.error);
  g_assert_cmpuint (wm_extract_dump_guard_depth (), ==, 0);
  databases_clear (&d);
}

/* The frozen version-1 file (tests/fixtures/README.md says how it was
 * made). If this fails, a change broke reading extracts already issued. */
static void
test_fixture_v1 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "extract-v1.wmx", NULL);
  g_autoptr(WmExtractInfo) info = NULL;
  g_autoptr(WmExtract) cw = NULL;
  g_autoptr(WmExtract) an = NULL;
  g_autofree char *name = NULL;
  g_autofree char *cf = NULL;

  info = wm_extract_info_read (path, &error);
  g_assert_no_error (error);
  g_assert_null (info->problem);
  g_assert_cmpuint (info->version, ==, 1);
  g_assert_cmpuint (info->n_slots, ==, 2);
  g_assert_cmpint (info->slots[0].role, ==, WM_EXTRACT_ROLE_CASEWORKER);
  g_assert_cmpint (info->slots[1].role, ==, WM_EXTRACT_ROLE_ANALYST);
  g_assert_true (info->has_identities);
  g_assert_cmpint (g_date_time_get_year (info->expiry), ==, 2099);
  g_assert_cmpint (g_date_time_get_month (info->expiry), ==, 12);
  g_assert_cmpint (g_date_time_get_day_of_month (info->expiry), ==, 31);

  cw = wm_extract_open (path, "fixture caseworker v1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wm_extract_get_role (cw), ==, WM_EXTRACT_ROLE_CASEWORKER);
  name = xt_query_text (wm_extract_get_db (cw), "SELECT group_concat(name, ',') FROM (SELECT name FROM town ORDER BY id)");
  g_assert_cmpstr (name, ==, "Povo,Trento,Villazzano");
  g_assert_true (wm_extract_load_identities (cw, NULL, &error));
  g_assert_no_error (error);
  cf = xt_query_text (wm_extract_get_db (cw), "SELECT codice_fiscale FROM identity.identity_person WHERE person_id = 2");
  g_assert_cmpstr (cf, ==, "BNCLCU80A01L378O");

  an = wm_extract_open (path, "fixture analyst v1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wm_extract_get_role (an), ==, WM_EXTRACT_ROLE_ANALYST);
  g_assert_false (wm_extract_has_identities (an));
  g_assert_cmpint (xt_query_int (wm_extract_get_db (an), "SELECT sum(population) FROM town"), ==, 6000 + 118000 + 5300);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add (name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/extract/roundtrip/sizes", test_roundtrip_sizes);
  ADD ("/extract/roundtrip/sqlite", test_roundtrip_sqlite);
  ADD ("/extract/roundtrip/50mb", test_roundtrip_50mb);
  ADD ("/extract/roles", test_roles);
  ADD ("/extract/role-separation", test_role_separation);
  ADD ("/extract/passphrases", test_passphrases);
  ADD ("/extract/shrinks-while-read", test_shrinks_while_read);
  ADD ("/extract/create-errors", test_create_errors);
  ADD ("/extract/expiry", test_expiry);
  ADD ("/extract/slots", test_slots);
  ADD ("/extract/last-slot", test_last_slot);
  ADD ("/extract/rekey", test_rekey);
  ADD ("/extract/tamper", test_tamper);
  ADD ("/extract/info", test_info);
  ADD ("/extract/dump-guard", test_dump_guard);
  ADD ("/extract/async", test_async);
#undef ADD
  g_test_add_func ("/extract/fixture-v1", test_fixture_v1);

  return g_test_run ();
}
