/* wm-mbtiles.c — read tiles and metadata from an MBTiles file
 *
 * MBTiles 1.3: an SQLite database with `metadata (name, value)` and
 * `tiles (zoom_level, tile_column, tile_row, tile_data)`, rows counted from
 * the south (TMS), so the XYZ row y is stored as 2^z − 1 − y.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <cairo.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>

#include "wm-mbtiles.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

struct _WmMbtiles
{
  GObject parent_instance;

  char *path;
  sqlite3 *db;
  sqlite3_stmt *tile_stmt;
  /* SQLite handles are used from tile-loading threads. */
  GMutex lock;

  char *name;
  char *attribution;
  char *format;
  int min_zoom;
  int max_zoom;
  double bounds[4];
  gboolean has_bounds;
  double center[2];
  int center_zoom;
  gboolean has_center;
};

G_DEFINE_FINAL_TYPE (WmMbtiles, wm_mbtiles, G_TYPE_OBJECT)

G_DEFINE_QUARK (wm-mbtiles-error-quark, wm_mbtiles_error)

static void
wm_mbtiles_finalize (GObject *object)
{
  WmMbtiles *self = WM_MBTILES (object);

  g_clear_pointer (&self->tile_stmt, sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
  g_mutex_clear (&self->lock);
  g_free (self->path);
  g_free (self->name);
  g_free (self->attribution);
  g_free (self->format);

  G_OBJECT_CLASS (wm_mbtiles_parent_class)->finalize (object);
}

static void
wm_mbtiles_class_init (WmMbtilesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wm_mbtiles_finalize;
}

static void
wm_mbtiles_init (WmMbtiles *self)
{
  g_mutex_init (&self->lock);
  self->min_zoom = 0;
  self->max_zoom = 22;
}

static void
replace_str (char       **dest,
             const char  *value)
{
  g_free (*dest);
  *dest = g_strdup (value);
}

static gboolean
parse_doubles (const char *text,
               double     *out,
               guint       n)
{
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return FALSE;
  parts = g_strsplit (text, ",", -1);
  if (g_strv_length (parts) < n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      char *end = NULL;

      out[i] = g_ascii_strtod (g_strstrip (parts[i]), &end);
      if (end == parts[i])
        return FALSE;
    }
  return TRUE;
}

static void
read_metadata (WmMbtiles *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, "SELECT name, value FROM metadata", -1, &stmt, NULL) != SQLITE_OK)
    return;  /* metadata is recommended, not required */

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      const char *value = (const char *) sqlite3_column_text (stmt, 1);

      if (key == NULL || value == NULL)
        continue;
      if (g_str_equal (key, "name"))
        replace_str (&self->name, value);
      else if (g_str_equal (key, "attribution"))
        replace_str (&self->attribution, value);
      else if (g_str_equal (key, "format"))
        replace_str (&self->format, value);
      else if (g_str_equal (key, "minzoom"))
        self->min_zoom = CLAMP (atoi (value), 0, 30);
      else if (g_str_equal (key, "maxzoom"))
        self->max_zoom = CLAMP (atoi (value), 0, 30);
      else if (g_str_equal (key, "bounds"))
        self->has_bounds = parse_doubles (value, self->bounds, 4);
      else if (g_str_equal (key, "center"))
        {
          double c[3];

          if (parse_doubles (value, c, 3))
            {
              self->center[0] = c[0];
              self->center[1] = c[1];
              self->center_zoom = (int) c[2];
              self->has_center = TRUE;
            }
        }
    }
}

static gboolean
fail (GError    **error,
      int         code,
      const char *path,
      const char *what_to_do,
      const char *reason)
{
  g_set_error (error, WM_MBTILES_ERROR, code, "%s: %s — %s", path, reason, what_to_do);
  return FALSE;
}

static gboolean
wm_mbtiles_load (WmMbtiles  *self,
                 GError    **error)
{
  const char *choose = _("choose another basemap file (an .mbtiles tile pack)");
  g_autoptr(sqlite3_stmt) check = NULL;
  GStatBuf st;
  int rc;

  if (g_stat (self->path, &st) != 0)
    return fail (error, WM_MBTILES_ERROR_NOT_FOUND, self->path, choose,
                 _("the basemap file does not exist"));
  if (!S_ISREG (st.st_mode))
    return fail (error, WM_MBTILES_ERROR_NOT_MBTILES, self->path, choose,
                 _("this is not a file"));
  if (st.st_size == 0)
    return fail (error, WM_MBTILES_ERROR_EMPTY, self->path, choose,
                 _("the basemap file is empty"));

  rc = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    return fail (error, WM_MBTILES_ERROR_NOT_MBTILES, self->path, choose,
                 sqlite3_errmsg (self->db));

  /* The first read tells a non-SQLite file (SQLITE_NOTADB) from a good one. */
  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT count(*) FROM sqlite_master "
                           "WHERE name = 'tiles' AND type IN ('table', 'view')",
                           -1, &check, NULL);
  if (rc == SQLITE_NOTADB)
    return fail (error, WM_MBTILES_ERROR_NOT_MBTILES, self->path, choose,
                 _("this is not an MBTiles basemap (not an SQLite database)"));
  if (rc != SQLITE_OK)
    return fail (error, WM_MBTILES_ERROR_CORRUPT, self->path, choose, sqlite3_errmsg (self->db));
  if (sqlite3_step (check) != SQLITE_ROW)
    return fail (error, WM_MBTILES_ERROR_CORRUPT, self->path, choose, sqlite3_errmsg (self->db));
  if (sqlite3_column_int (check, 0) == 0)
    return fail (error, WM_MBTILES_ERROR_NOT_MBTILES, self->path, choose,
                 _("this SQLite database has no “tiles” table, so it is not an MBTiles basemap"));

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT tile_data FROM tiles "
                           "WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
                           -1, &self->tile_stmt, NULL);
  if (rc != SQLITE_OK)
    return fail (error, WM_MBTILES_ERROR_NOT_MBTILES, self->path, choose,
                 _("the “tiles” table lacks the MBTiles columns (zoom_level, tile_column, tile_row, tile_data)"));

  read_metadata (self);
  if (self->format != NULL &&
      !g_str_equal (self->format, "png") &&
      !g_str_equal (self->format, "jpg") &&
      !g_str_equal (self->format, "jpeg"))
    {
      g_autofree char *reason =
        g_strdup_printf (_("its tiles are in “%s” format; WelfareMap shows PNG or JPEG raster tiles"),
                         self->format);
      return fail (error, WM_MBTILES_ERROR_FORMAT, self->path, choose, reason);
    }
  if (self->min_zoom > self->max_zoom)
    {
      int t = self->min_zoom;

      self->min_zoom = self->max_zoom;
      self->max_zoom = t;
    }
  return TRUE;
}

/**
 * wm_mbtiles_open:
 * @path: an .mbtiles file
 *
 * Opens @path read-only and checks it is an MBTiles raster tile pack.
 *
 * Returns: (transfer full): the pack, or %NULL with @error naming the file
 */
WmMbtiles *
wm_mbtiles_open (const char  *path,
                 GError     **error)
{
  g_autoptr(WmMbtiles) self = g_object_new (WM_TYPE_MBTILES, NULL);

  g_return_val_if_fail (path != NULL, NULL);

  self->path = g_strdup (path);
  if (!wm_mbtiles_load (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
wm_mbtiles_get_path (WmMbtiles *self)
{
  g_return_val_if_fail (WM_IS_MBTILES (self), NULL);
  return self->path;
}

const char *
wm_mbtiles_get_name (WmMbtiles *self)
{
  g_return_val_if_fail (WM_IS_MBTILES (self), NULL);
  return self->name;
}

const char *
wm_mbtiles_get_attribution (WmMbtiles *self)
{
  g_return_val_if_fail (WM_IS_MBTILES (self), NULL);
  return self->attribution;
}

const char *
wm_mbtiles_get_format (WmMbtiles *self)
{
  g_return_val_if_fail (WM_IS_MBTILES (self), NULL);
  return self->format != NULL ? self->format : "png";
}

int
wm_mbtiles_get_min_zoom (WmMbtiles *self)
{
  g_return_val_if_fail (WM_IS_MBTILES (self), 0);
  return self->min_zoom;
}

int
wm_mbtiles_get_max_zoom (WmMbtiles *self)
{
  g_return_val_if_fail (WM_IS_MBTILES (self), 0);
  return self->max_zoom;
}

gboolean
wm_mbtiles_get_bounds (WmMbtiles *self,
                       double    *west,
                       double    *south,
                       double    *east,
                       double    *north)
{
  g_return_val_if_fail (WM_IS_MBTILES (self), FALSE);

  if (!self->has_bounds)
    return FALSE;
  *west = self->bounds[0];
  *south = self->bounds[1];
  *east = self->bounds[2];
  *north = self->bounds[3];
  return TRUE;
}

gboolean
wm_mbtiles_get_center (WmMbtiles *self,
                       double    *lon,
                       double    *lat,
                       int       *zoom)
{
  g_return_val_if_fail (WM_IS_MBTILES (self), FALSE);

  if (self->has_center)
    {
      *lon = self->center[0];
      *lat = self->center[1];
      *zoom = self->center_zoom;
      return TRUE;
    }
  if (self->has_bounds)
    {
      *lon = (self->bounds[0] + self->bounds[2]) / 2;
      *lat = (self->bounds[1] + self->bounds[3]) / 2;
      *zoom = (self->min_zoom + self->max_zoom) / 2;
      return TRUE;
    }
  return FALSE;
}

/**
 * wm_mbtiles_get_tile:
 * @x: column, from the west
 * @y: row, from the north (XYZ, as libshumate and web maps count)
 *
 * Thread-safe.
 *
 * Returns: (transfer full) (nullable): the encoded image, or %NULL when
 *   the pack has no such tile (then @error is not set) or on a read error
 */
GBytes *
wm_mbtiles_get_tile (WmMbtiles  *self,
                     int         x,
                     int         y,
                     int         zoom,
                     GError    **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  GBytes *bytes = NULL;
  int rc;

  g_return_val_if_fail (WM_IS_MBTILES (self), NULL);

  if (zoom < 0 || zoom > 30 || x < 0 || y < 0 || x >= (1 << zoom) || y >= (1 << zoom))
    return NULL;

  locker = g_mutex_locker_new (&self->lock);
  sqlite3_reset (self->tile_stmt);
  sqlite3_bind_int (self->tile_stmt, 1, zoom);
  sqlite3_bind_int (self->tile_stmt, 2, x);
  sqlite3_bind_int (self->tile_stmt, 3, (1 << zoom) - 1 - y);

  rc = sqlite3_step (self->tile_stmt);
  if (rc == SQLITE_ROW)
    {
      const void *blob = sqlite3_column_blob (self->tile_stmt, 0);
      int len = sqlite3_column_bytes (self->tile_stmt, 0);

      if (blob != NULL && len > 0)
        bytes = g_bytes_new (blob, len);
    }
  else if (rc != SQLITE_DONE)
    g_set_error (error, WM_MBTILES_ERROR, WM_MBTILES_ERROR_CORRUPT,
                 _("%s: could not read tile %d/%d/%d: %s — the basemap file may be damaged"),
                 self->path, zoom, x, y, sqlite3_errmsg (self->db));
  sqlite3_reset (self->tile_stmt);
  return bytes;
}

gint64
wm_mbtiles_count_tiles (WmMbtiles  *self,
                        GError    **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, "SELECT count(*) FROM tiles", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, WM_MBTILES_ERROR, WM_MBTILES_ERROR_CORRUPT,
                   _("%s: could not count tiles: %s — the basemap file may be damaged"),
                   self->path, sqlite3_errmsg (self->db));
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * wm_mbtiles_empty_tile:
 *
 * A fully transparent 256×256 PNG, what a tile pack shows where it has no
 * tile: missing tiles are normal at the edge of a pack, not an error.
 *
 * Returns: (transfer full): the PNG bytes
 */
GBytes *
wm_mbtiles_empty_tile (void)
{
  static gsize empty;

  if (g_once_init_enter (&empty))
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 256, 256);
      GByteArray *png = g_byte_array_new ();

      cairo_surface_write_to_png_stream (surface, append_png, png);
      cairo_surface_destroy (surface);
      g_once_init_leave (&empty, (gsize) g_byte_array_free_to_bytes (png));
    }
  return g_bytes_ref ((GBytes *) empty);
}
