/* wm-tile-canvas.c — draw a basemap tile pack into any cairo context
 *
 * For print: the map frame of an atlas sheet, an exported view. The tiles
 * are taken at the zoom whose pixels match the output's resolution
 * (@device_scale device pixels per cairo unit: 300 dpi on a PDF point is
 * about 4.2), no finer than the pack has, and drawn as images, so a PDF
 * embeds them once each. Decoded tiles are kept for the next page, since
 * neighbouring sheets share most of them.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <math.h>

#include "wm-tile-canvas.h"

/* About 64 MiB of decoded tiles. */
#define MAX_CACHED 1000

struct _WmTileCanvas
{
  GObject parent_instance;

  WmMbtiles *mbtiles;
  GHashTable *cache;        /* "z/x/y" → cairo_surface_t (NULL: no tile) */
  GQueue order;             /* keys, oldest first */
  guint n_decoded;
};

G_DEFINE_FINAL_TYPE (WmTileCanvas, wm_tile_canvas, G_TYPE_OBJECT)

static void
surface_unref (gpointer surface)
{
  if (surface != NULL)
    cairo_surface_destroy (surface);
}

static void
wm_tile_canvas_finalize (GObject *object)
{
  WmTileCanvas *self = WM_TILE_CANVAS (object);

  g_hash_table_unref (self->cache);
  g_queue_clear_full (&self->order, g_free);
  g_clear_object (&self->mbtiles);
  G_OBJECT_CLASS (wm_tile_canvas_parent_class)->finalize (object);
}

static void
wm_tile_canvas_class_init (WmTileCanvasClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wm_tile_canvas_finalize;
}

static void
wm_tile_canvas_init (WmTileCanvas *self)
{
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, surface_unref);
  g_queue_init (&self->order);
}

WmTileCanvas *
wm_tile_canvas_new (WmMbtiles *mbtiles)
{
  WmTileCanvas *self = g_object_new (WM_TYPE_TILE_CANVAS, NULL);

  self->mbtiles = g_object_ref (mbtiles);
  return self;
}

const char *
wm_tile_canvas_get_attribution (WmTileCanvas *self)
{
  const char *attribution = wm_mbtiles_get_attribution (self->mbtiles);

  return attribution != NULL ? attribution : "© OpenStreetMap contributors";
}

typedef struct {
  const guint8 *data;
  gsize len, pos;
} Reader;

static cairo_status_t
read_bytes (void          *closure,
            unsigned char *out,
            unsigned int   length)
{
  Reader *r = closure;

  if (r->pos + length > r->len)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (out, r->data + r->pos, length);
  r->pos += length;
  return CAIRO_STATUS_SUCCESS;
}

/* A decoded tile, or NULL where the pack has none (or a JPEG: cairo reads
 * PNG only, and the packs WelfareMap makes are PNG). */
static cairo_surface_t *
get_tile (WmTileCanvas *self,
          int           z,
          int           x,
          int           y)
{
  g_autofree char *key = g_strdup_printf ("%d/%d/%d", z, x, y);
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *surface = NULL;
  gpointer cached;

  if (g_hash_table_lookup_extended (self->cache, key, NULL, &cached))
    return cached;

  bytes = wm_mbtiles_get_tile (self->mbtiles, x, y, z, NULL);
  if (bytes != NULL)
    {
      Reader r = { g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), 0 };

      surface = cairo_image_surface_create_from_png_stream (read_bytes, &r);
      if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
        g_clear_pointer (&surface, cairo_surface_destroy);
      else
        self->n_decoded++;
    }
  if (g_queue_get_length (&self->order) >= MAX_CACHED)
    {
      g_autofree char *oldest = g_queue_pop_head (&self->order);

      g_hash_table_remove (self->cache, oldest);
    }
  /* the queue holds its own copy of the key */
  g_queue_push_tail (&self->order, g_strdup (key));
  g_hash_table_insert (self->cache, g_steal_pointer (&key), surface);
  return surface;
}

/**
 * wm_tile_canvas_choose_zoom:
 *
 * The pack zoom whose pixels are closest to, and not coarser than, the
 * output's: view zoom plus log2 of the device scale, within the pack.
 */
int
wm_tile_canvas_choose_zoom (WmTileCanvas    *self,
                            const WmMapView *view,
                            double           device_scale)
{
  int z = (int) ceil (view->zoom + log2 (MAX (device_scale, 1e-3)) - 1e-6);

  return CLAMP (z, wm_mbtiles_get_min_zoom (self->mbtiles), wm_mbtiles_get_max_zoom (self->mbtiles));
}

/**
 * wm_tile_canvas_draw:
 * @cr: drawn from (0, 0) to (view->width, view->height) in user units
 *
 * Returns: how many tiles were drawn
 */
guint
wm_tile_canvas_draw (WmTileCanvas    *self,
                     cairo_t         *cr,
                     const WmMapView *view,
                     double           device_scale)
{
  int z = wm_tile_canvas_choose_zoom (self, view, device_scale);
  double n = exp2 (z), scale = wm_map_view_scale (view), tile = scale / n;
  double wx0, wy0, wx1, wy1;
  guint drawn = 0;
  cairo_surface_type_t target = cairo_surface_get_type (cairo_get_target (cr));
  gboolean vector = target == CAIRO_SURFACE_TYPE_PDF || target == CAIRO_SURFACE_TYPE_PS ||
                    target == CAIRO_SURFACE_TYPE_SVG || target == CAIRO_SURFACE_TYPE_RECORDING;

  g_return_val_if_fail (WM_IS_TILE_CANVAS (self), 0);

  wm_map_view_pixel_to_world (view, 0, 0, &wx0, &wy0);
  wm_map_view_pixel_to_world (view, view->width, view->height, &wx1, &wy1);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, view->width, view->height);
  cairo_clip (cr);
  /* Tiles overlapping the view; one only touching its edge is not drawn. */
  for (int ty = MAX (0, (int) floor (wy0 * n + 1e-9)); ty <= MIN ((int) n - 1, (int) ceil (wy1 * n - 1e-9) - 1); ty++)
    for (int tx = MAX (0, (int) floor (wx0 * n + 1e-9)); tx <= MIN ((int) n - 1, (int) ceil (wx1 * n - 1e-9) - 1); tx++)
      {
        cairo_surface_t *surface = get_tile (self, z, tx, ty);
        double px, py;

        if (surface == NULL)
          continue;
        wm_map_view_world_to_pixel (view, tx / n, ty / n, &px, &py);
        cairo_save (cr);
        cairo_translate (cr, px, py);
        cairo_scale (cr, tile / cairo_image_surface_get_width (surface),
                     tile / cairo_image_surface_get_height (surface));
        cairo_set_source_surface (cr, surface, 0, 0);
        /* Tiles meet edge to edge: no blur leaking in from outside them.
         * A PDF has no padded images, so cairo would rasterise each padded
         * tile anew; there the tile goes in as it is, once per document. */
        if (!vector)
          cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
        cairo_rectangle (cr, 0, 0, cairo_image_surface_get_width (surface), cairo_image_surface_get_height (surface));
        cairo_fill (cr);
        cairo_restore (cr);
        drawn++;
      }
  cairo_restore (cr);
  return drawn;
}

guint
wm_tile_canvas_get_n_decoded (WmTileCanvas *self)
{
  g_return_val_if_fail (WM_IS_TILE_CANVAS (self), 0);
  return self->n_decoded;
}
