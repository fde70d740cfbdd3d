/* extract-test-util.c — what the extract tests share
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include "extract-test-util.h"

GBytes *
xt_make_db (const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  char *msg = NULL;
  GBytes *bytes;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
  bytes = wm_extract_serialize_db (db, "main", &error);
  g_assert_no_error (error);
  sqlite3_close (db);
  return bytes;
}

/* Deterministic bytes (xorshift32), so a failure can be replayed. */
guint8 *
xt_random_bytes (gsize   len,
                 guint32 seed)
{
  guint8 *p = g_malloc (MAX (len, 1));
  guint32 x = seed | 1;

  for (gsize i = 0; i < len; i++)
    {
      x ^= x << 13;
      x ^= x >> 17;
      x ^= x << 5;
      p[i] = x >> 24;
    }
  return p;
}

GBytes *
xt_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

void
xt_write_file (const char *path,
               const void *data,
               gsize       len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

/* The user-visible promise: damage says "damaged", a wrong passphrase says
 * "wrong passphrase", never the other way round; one line. */
void
xt_assert_error (const GError   *error,
                 WmExtractError  code)
{
  gboolean damaged, wrong;

  g_assert_nonnull (error);
  if (error->domain != WM_EXTRACT_ERROR || error->code != (int) code)
    g_error ("expected extract error %d, got %s %d: %s", code,
             g_quark_to_string (error->domain), error->code, error->message);
  damaged = strstr (error->message, "damaged") != NULL;
  wrong = strstr (error->message, "wrong passphrase") != NULL;
  if (code == WM_EXTRACT_ERROR_DAMAGED || code == WM_EXTRACT_ERROR_TRUNCATED)
    g_assert_true (damaged && !wrong);
  else if (code == WM_EXTRACT_ERROR_WRONG_PASSPHRASE)
    g_assert_true (wrong && !damaged);
  else
    g_assert_true (!wrong);
  g_assert_null (strchr (error->message, '\n'));
  g_assert_nonnull (strstr (error->message, " — "));
}

void
xt_write_extract (const char        *path,
                  const guint8      *data,
                  gsize              data_size,
                  const guint8      *identities,
                  gsize              identity_size,
                  guint              chunk_log2,
                  WmExtractKdfLevel  kdf)
{
  g_autoptr(GError) error = NULL;
  WmExtractSlotSpec slots[] = {
    { WM_EXTRACT_ROLE_CASEWORKER, TEST_CASEWORKER },
    { WM_EXTRACT_ROLE_ANALYST, TEST_ANALYST },
  };
  WmExtractWriteOptions options = { .chunk_log2 = chunk_log2 };

  wm_extract_write (path, data, data_size, identities, identity_size, identities != NULL,
                    slots, G_N_ELEMENTS (slots), NULL, kdf, &options, NULL, &error);
  g_assert_no_error (error);
}

gint64
xt_query_int (sqlite3    *db,
              const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

char *
xt_query_text (sqlite3    *db,
               const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *v;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return v;
}
