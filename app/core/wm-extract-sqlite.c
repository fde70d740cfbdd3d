/* wm-extract-sqlite.c — databases in and out of extracts: serializing for
 * the writer, deserializing read-only for the reader
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wm-extract-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

typedef struct {
  guint8 *data;
  gsize size;
} Serialized;

static void
serialized_free (gpointer user_data)
{
  Serialized *s = user_data;

  sodium_memzero (s->data, s->size);
  sqlite3_free (s->data);
  g_free (s);
}

static gboolean
readable (sqlite3     *db,
          const char  *schema,
          char       **message)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  char *sql = sqlite3_mprintf ("SELECT count(*) FROM \"%w\".sqlite_master", schema);
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  sqlite3_free (sql);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt) == SQLITE_ROW ? SQLITE_OK : SQLITE_ERROR;
  if (rc != SQLITE_OK && message != NULL)
    *message = g_strdup (sqlite3_errmsg (db));
  return rc == SQLITE_OK;
}

/**
 * wm_extract_serialize_db:
 * @schema: "main", or the name of an attached database
 *
 * The database image wm_extract_create() takes (sqlite3_serialize). The
 * bytes are zeroed when the GBytes is freed.
 *
 * Returns: (transfer full): the image (empty for an empty database)
 */
GBytes *
wm_extract_serialize_db (sqlite3     *db,
                         const char  *schema,
                         GError     **error)
{
  g_autofree char *message = NULL;
  sqlite3_int64 size = 0;
  Serialized *s;
  guint8 *data;

  g_return_val_if_fail (db != NULL, NULL);
  if (schema == NULL)
    schema = "main";
  if (!readable (db, schema, &message))
    {
      g_set_error (error, WM_EXTRACT_ERROR, WM_EXTRACT_ERROR_INVALID,
                   _("The database to encrypt cannot be read (%s) — check it is an SQLite database."),
                   message);
      return NULL;
    }
  data = sqlite3_serialize (db, schema, &size, 0);
  if (data == NULL && size > 0)
    {
      g_set_error_literal (error, WM_EXTRACT_ERROR, WM_EXTRACT_ERROR_NO_MEMORY,
                           _("There is not enough memory to encrypt the database — close other programs and try again."));
      return NULL;
    }
  if (data == NULL)
    return g_bytes_new (NULL, 0);
  s = g_new (Serialized, 1);
  s->data = data;
  s->size = size;
  return g_bytes_new_with_free_func (data, size, serialized_free, s);
}

/**
 * wm_extract_serialize_file:
 *
 * wm_extract_serialize_db() of the SQLite database file @path, opened
 * read-only.
 */
GBytes *
wm_extract_serialize_file (const char  *path,
                           GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *message = NULL;
  sqlite3 *db = NULL;
  GBytes *bytes = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, WM_EXTRACT_ERROR, WM_EXTRACT_ERROR_NOT_FOUND,
                   _("%s: the database does not exist — check its name and folder"), display);
      return NULL;
    }
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, WM_EXTRACT_ERROR, WM_EXTRACT_ERROR_NOT_A_FILE,
                   _("%s: this is not a database file — choose the .sqlite file"), display);
      return NULL;
    }
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK || !readable (db, "main", &message))
    {
      g_set_error (error, WM_EXTRACT_ERROR, WM_EXTRACT_ERROR_INVALID,
                   _("%s: this is not an SQLite database (%s) — choose the database the importer made"),
                   display, message != NULL ? message : sqlite3_errmsg (db));
      sqlite3_close (db);
      return NULL;
    }
  bytes = wm_extract_serialize_db (db, "main", error);
  sqlite3_close (db);
  return bytes;
}

/**
 * wm_extract_sqlite_attach:
 * @schema: "main" or "identity"
 *
 * Puts @size bytes at @data under @schema of @db, read-only and in place:
 * SQLite reads pages straight from @data (mmap_size) instead of copying
 * them into its cache, and never owns or frees @data.
 */
gboolean
wm_extract_sqlite_attach (sqlite3       *db,
                          const char    *schema,
                          guint8        *data,
                          guint64        size,
                          const char    *path,
                          GError       **error)
{
  g_autofree char *message = NULL;
  int rc;

  if (!g_str_equal (schema, "main"))
    {
      char *sql = sqlite3_mprintf ("ATTACH ':memory:' AS \"%w\"", schema);

      rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
      sqlite3_free (sql);
      if (rc != SQLITE_OK)
        return wm_extract_fail (error, WM_EXTRACT_ERROR_NO_MEMORY, path,
                                _("the database could not be opened in memory (%s) — "
                                  "close other programs and try again"),
                                sqlite3_errmsg (db));
    }
  rc = sqlite3_deserialize (db, schema, data, size, size, SQLITE_DESERIALIZE_READONLY);
  if (rc != SQLITE_OK || !readable (db, schema, &message))
    {
      g_autofree char *reason =
        g_strdup_printf (_("what it holds is not a readable database: %s"),
                         message != NULL ? message : sqlite3_errstr (rc));
      return wm_extract_fail_damaged (error, path, reason);
    }
  return TRUE;
}
