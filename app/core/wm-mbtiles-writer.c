/* wm-mbtiles-writer.c — write an MBTiles pack atomically
 *
 * Tiles go into a temporary file beside the destination, which replaces
 * the destination only once complete and synced: a failed or interrupted
 * run leaves the previous pack as it was.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <unistd.h>

#include "wm-mbtiles.h"
#include "wm-mbtiles-writer.h"

struct _WmMbtilesWriter
{
  char *path;
  char *tmp_path;
  sqlite3 *db;
  sqlite3_stmt *put;
  sqlite3_stmt *meta;
  gboolean committed;
};

static gboolean
sql_fail (WmMbtilesWriter  *self,
          GError          **error)
{
  g_set_error (error, WM_MBTILES_ERROR, WM_MBTILES_ERROR_CORRUPT,
               _("%s: could not write the basemap: %s — check the disk has room and the folder is writable"),
               self->path, sqlite3_errmsg (self->db));
  return FALSE;
}

/**
 * wm_mbtiles_writer_new:
 * @path: the pack to create or replace
 */
WmMbtilesWriter *
wm_mbtiles_writer_new (const char  *path,
                       GError     **error)
{
  g_autoptr(WmMbtilesWriter) self = g_new0 (WmMbtilesWriter, 1);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *template = g_strdup_printf (".%s.XXXXXX", base);
  int fd;

  self->path = g_strdup (path);
  self->tmp_path = g_build_filename (dir, template, NULL);
  fd = g_mkstemp (self->tmp_path);
  if (fd < 0)
    {
      int saved = errno;

      g_clear_pointer (&self->tmp_path, g_free);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("%s: cannot create the basemap here: %s — choose a folder you can write to"),
                   path, g_strerror (saved));
      return NULL;
    }
  /* mkstemp makes the file private; a basemap is not secret. */
  fchmod (fd, 0644);
  close (fd);

  if (sqlite3_open (self->tmp_path, &self->db) != SQLITE_OK ||
      sqlite3_exec (self->db,
                    /* A temporary file synced once at the end: no journal needed. */
                    "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
                    "CREATE TABLE metadata (name TEXT, value TEXT);"
                    "CREATE UNIQUE INDEX name ON metadata (name);"
                    "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER,"
                    "                    tile_row INTEGER, tile_data BLOB);"
                    "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);"
                    "BEGIN;",
                    NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (self->db, "INSERT OR REPLACE INTO tiles VALUES (?, ?, ?, ?)",
                          -1, &self->put, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (self->db, "INSERT OR REPLACE INTO metadata VALUES (?, ?)",
                          -1, &self->meta, NULL) != SQLITE_OK)
    {
      sql_fail (self, error);
      return NULL;
    }
  return g_steal_pointer (&self);
}

gboolean
wm_mbtiles_writer_set_metadata (WmMbtilesWriter  *self,
                                const char       *name,
                                const char       *value,
                                GError          **error)
{
  sqlite3_reset (self->meta);
  sqlite3_bind_text (self->meta, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (self->meta, 2, value, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (self->meta) != SQLITE_DONE)
    return sql_fail (self, error);
  return TRUE;
}

/**
 * wm_mbtiles_writer_put_tile:
 * @y: XYZ row (from the north); stored as the TMS row MBTiles uses
 */
gboolean
wm_mbtiles_writer_put_tile (WmMbtilesWriter  *self,
                            int               zoom,
                            int               x,
                            int               y,
                            GBytes           *data,
                            GError          **error)
{
  gsize len;
  const void *bytes = g_bytes_get_data (data, &len);

  sqlite3_reset (self->put);
  sqlite3_bind_int (self->put, 1, zoom);
  sqlite3_bind_int (self->put, 2, x);
  sqlite3_bind_int (self->put, 3, (1 << zoom) - 1 - y);
  sqlite3_bind_blob (self->put, 4, bytes, len, SQLITE_STATIC);
  if (sqlite3_step (self->put) != SQLITE_DONE)
    return sql_fail (self, error);
  return TRUE;
}

static gboolean
fsync_path (const char *path,
            int         flags)
{
  int fd = open (path, flags | O_CLOEXEC);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

/**
 * wm_mbtiles_writer_commit:
 *
 * Completes the pack and puts it in place of the destination.
 */
gboolean
wm_mbtiles_writer_commit (WmMbtilesWriter  *self,
                          GError          **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);

  g_clear_pointer (&self->put, sqlite3_finalize);
  g_clear_pointer (&self->meta, sqlite3_finalize);
  if (sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    return sql_fail (self, error);
  if (sqlite3_close (self->db) != SQLITE_OK)
    return sql_fail (self, error);
  self->db = NULL;

  if (!fsync_path (self->tmp_path, O_RDONLY) || g_rename (self->tmp_path, self->path) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("%s: could not save the basemap: %s — check the disk has room and the folder is writable"),
                   self->path, g_strerror (saved));
      return FALSE;
    }
  fsync_path (dir, O_RDONLY | O_DIRECTORY);
  self->committed = TRUE;
  return TRUE;
}

/**
 * wm_mbtiles_writer_free:
 *
 * Without a commit, drops the temporary file: the destination is untouched.
 */
void
wm_mbtiles_writer_free (WmMbtilesWriter *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->put, sqlite3_finalize);
  g_clear_pointer (&self->meta, sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
  if (!self->committed && self->tmp_path != NULL)
    g_remove (self->tmp_path);
  g_free (self->tmp_path);
  g_free (self->path);
  g_free (self);
}
