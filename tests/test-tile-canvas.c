/* test-tile-canvas.c — a tile pack drawn into any cairo context, for print
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <math.h>

#include "wm-test-util.h"
#include "wm-tile-canvas.h"

static WmMbtiles *
demo_pack (void)
{
  g_autofree char *path = wm_test_data_path ("demo", "povo-basemap.mbtiles", NULL);
  g_autoptr(GError) error = NULL;
  WmMbtiles *pack = wm_mbtiles_open (path, &error);

  g_assert_no_error (error);
  return pack;
}

typedef struct {
  const guint8 *data;
  gsize len, pos;
} Reader;

static cairo_status_t
read_reader (void *closure, unsigned char *out, unsigned int length)
{
  Reader *r = closure;

  if (r->pos + length > r->len)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (out, r->data + r->pos, length);
  r->pos += length;
  return CAIRO_STATUS_SUCCESS;
}

/* A view aligned on the tile grid at the pack's own zoom draws each tile
 * pixel for pixel. */
static void
test_pixel_exact (void)
{
  g_autoptr(WmMbtiles) pack = demo_pack ();
  g_autoptr(WmTileCanvas) canvas = wm_tile_canvas_new (pack);
  g_autoptr(GBytes) png = NULL;
  cairo_surface_t *drawn, *tile;
  cairo_t *cr;
  WmMapView view = { 0 };
  int z = 16, tx = 34799, ty = 23300;
  Reader r;
  guint differing = 0;

  /* Two tiles by one, the left one being (tx, ty). */
  view.tile_size = 256;
  view.zoom = z;
  view.width = 512;
  view.height = 256;
  view.center_x = (tx + 1.0) / exp2 (z);
  view.center_y = (ty + 0.5) / exp2 (z);
  g_assert_cmpint (wm_tile_canvas_choose_zoom (canvas, &view, 1.0), ==, z);

  drawn = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 512, 256);
  cr = cairo_create (drawn);
  g_assert_cmpuint (wm_tile_canvas_draw (canvas, cr, &view, 1.0), ==, 2);
  cairo_destroy (cr);
  cairo_surface_flush (drawn);

  png = wm_mbtiles_get_tile (pack, tx, ty, z, NULL);
  g_assert_nonnull (png);
  r = (Reader) { g_bytes_get_data (png, NULL), g_bytes_get_size (png), 0 };
  tile = cairo_image_surface_create_from_png_stream (read_reader, &r);
  g_assert_cmpint (cairo_surface_status (tile), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (tile);
  for (int y = 0; y < 256; y++)
    for (int x = 0; x < 256; x++)
      {
        guint32 a = *(guint32 *) (cairo_image_surface_get_data (drawn) + y * cairo_image_surface_get_stride (drawn) + x * 4);
        guint32 b = *(guint32 *) (cairo_image_surface_get_data (tile) + y * cairo_image_surface_get_stride (tile) + x * 4);

        differing += (a & 0xffffff) != (b & 0xffffff);
      }
  g_assert_cmpuint (differing, ==, 0);
  cairo_surface_destroy (tile);
  cairo_surface_destroy (drawn);
}

static void
test_zoom_choice (void)
{
  g_autoptr(WmMbtiles) pack = demo_pack ();
  g_autoptr(WmTileCanvas) canvas = wm_tile_canvas_new (pack);
  WmMapView view = { .tile_size = 256, .width = 100, .height = 100 };

  /* 300 dpi on PDF points: 300 / 72 device pixels per unit, two zooms finer. */
  view.zoom = 13.3;
  g_assert_cmpint (wm_tile_canvas_choose_zoom (canvas, &view, 300.0 / 72), ==, 16);
  /* Never finer than the pack, never coarser. */
  view.zoom = 16.5;
  g_assert_cmpint (wm_tile_canvas_choose_zoom (canvas, &view, 4), ==, 17);
  view.zoom = 3;
  g_assert_cmpint (wm_tile_canvas_choose_zoom (canvas, &view, 1), ==, 12);
}

/* Far from the pack: nothing to draw, nothing drawn, no error. */
static void
test_outside (void)
{
  g_autoptr(WmMbtiles) pack = demo_pack ();
  g_autoptr(WmTileCanvas) canvas = wm_tile_canvas_new (pack);
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 200, 200);
  cairo_t *cr = cairo_create (s);
  WmMapView view;

  wm_map_view_init (&view, 41.90, 12.50, 14, 200, 200);   /* Rome */
  g_assert_cmpuint (wm_tile_canvas_draw (canvas, cr, &view, 1.0), ==, 0);
  g_assert_cmpstr (wm_tile_canvas_get_attribution (canvas), ==, "© OpenStreetMap contributors");
  cairo_destroy (cr);
  cairo_surface_destroy (s);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tile-canvas/pixel-exact", test_pixel_exact);
  g_test_add_func ("/tile-canvas/zoom-choice", test_zoom_choice);
  g_test_add_func ("/tile-canvas/outside", test_outside);

  return g_test_run ();
}
