/* wm-choropleth-raster.c — the painter's interactive path
 *
 * Cairo's anti-aliased scan converter needs ~60 ms to fill Palermo's 2,874
 * sections at 1600×1000 and as much again to stroke their outlines (see
 * tests/bench/bench-painter.c): too slow for a frame. On screen the
 * painter therefore rasterises the areas once per view as ids, without
 * anti-aliasing (~8 ms), and colours that id image per pixel through a
 * look-up table, drawing a one- or two-pixel outline wherever the id
 * changes. The id image is cut into runs (a row's stretch of one id) with
 * outline pixels flagged, so a timeline step rewrites only the runs of
 * areas whose colour changed; a pan inside the buffer's margin only
 * blits. The atlas and exports use the vector path.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include "wm-choropleth-painter-private.h"

#define ID_MASK 0x00ffffffu

void
wm_raster_clear (WmRaster *r)
{
  g_clear_pointer (&r->ids, cairo_surface_destroy);
  g_clear_pointer (&r->rgba, cairo_surface_destroy);
  g_clear_pointer (&r->runs, g_array_unref);
  g_clear_pointer (&r->edges, g_free);
  g_clear_pointer (&r->fill, g_free);
  g_clear_pointer (&r->hatch, g_free);
  g_clear_pointer (&r->hatch_dir, g_free);
  r->valid = FALSE;
  r->composed_all = FALSE;
}

static void
ensure_surfaces (WmRaster *r)
{
  if (r->ids != NULL &&
      cairo_image_surface_get_width (r->ids) == r->width &&
      cairo_image_surface_get_height (r->ids) == r->height)
    return;
  g_clear_pointer (&r->ids, cairo_surface_destroy);
  g_clear_pointer (&r->rgba, cairo_surface_destroy);
  r->ids = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, r->width, r->height);
  r->rgba = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, r->width, r->height);
  g_free (r->edges);
  r->edges = g_new (guint8, (gsize) r->width * r->height);
}

/* Marks outline pixels (the id differs to the right or below; also to
 * the left or above for a two-pixel outline) and cuts rows into runs.
 * Plain loops over whole rows, which the compiler vectorises. */
static void
index_ids (WmRaster *r,
           gboolean  wide)
{
  guint8 *ids = cairo_image_surface_get_data (r->ids);
  int stride = cairo_image_surface_get_stride (r->ids), w = r->width;

  if (r->runs == NULL)
    r->runs = g_array_new (FALSE, FALSE, sizeof (WmRasterRun));
  g_array_set_size (r->runs, 0);

  for (int y = 0; y < r->height; y++)
    {
      const guint32 *row = (const guint32 *) (ids + (gsize) y * stride);
      const guint32 *down = y + 1 < r->height ? (const guint32 *) (ids + (gsize) (y + 1) * stride) : row;
      const guint32 *up = y > 0 ? (const guint32 *) (ids + (gsize) (y - 1) * stride) : row;
      guint8 *edge = r->edges + (gsize) y * w;
      WmRasterRun run = { row[0] & ID_MASK, (guint16) y, 0, 0 };

      for (int x = 0; x + 1 < w; x++)
        edge[x] = (row[x] != row[x + 1]) | (row[x] != down[x]);
      edge[w - 1] = row[w - 1] != down[w - 1];
      if (wide)
        {
          for (int x = 1; x < w; x++)
            edge[x] |= (row[x] != row[x - 1]) | (row[x] != up[x]);
          edge[0] |= row[0] != up[0];
        }

      for (int x = 1; x < w; x++)
        if (G_UNLIKELY (row[x] != row[x - 1]))
          {
            run.x1 = (guint16) x;
            g_array_append_val (r->runs, run);
            run.id = row[x] & ID_MASK;
            run.x0 = (guint16) x;
          }
      run.x1 = (guint16) w;
      g_array_append_val (r->runs, run);
    }
}

/**
 * wm_raster_render_ids:
 * @s: the view's scale relative to the cache's zoom level
 *
 * Fills every area overlapping the buffer with the opaque colour id + 1
 * (24 bits: exact through cairo's 16-bit colour and pixman's 8-bit
 * channels) on transparent black, so whole pixels compare as ids.
 */
void
wm_raster_render_ids (WmRaster        *r,
                      const ZoomCache *c,
                      const guint     *area_rings,
                      guint            n_areas,
                      double           s,
                      gboolean         wide_outline)
{
  double x0, y0, x1, y1;
  cairo_t *cr;

  ensure_surfaces (r);
  cr = cairo_create (r->ids);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_set_source_rgba (cr, 0, 0, 0, 0);
  cairo_paint (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
  /* buffer pixel = (cache pixel + cache origin) · s − buffer corner */
  cairo_translate (cr, -r->bx, -r->by);
  cairo_scale (cr, s, s);
  cairo_translate (cr, c->ox, c->oy);

  /* the buffer in cache pixels, to cull by box */
  x0 = (r->bx) / s - c->ox;
  y0 = (r->by) / s - c->oy;
  x1 = (r->bx + r->width) / s - c->ox;
  y1 = (r->by + r->height) / s - c->oy;

  for (guint a = 0; a < n_areas; a++)
    {
      const float *b = &c->boxes[4 * a];
      guint id = a + 1;

      if (b[2] < x0 || b[0] > x1 || b[3] < y0 || b[1] > y1)
        continue;
      cairo_new_path (cr);
      wm_zoom_cache_append_area (cr, c, area_rings, a);
      cairo_set_source_rgb (cr, ((id >> 16) & 0xff) / 255.0, ((id >> 8) & 0xff) / 255.0, (id & 0xff) / 255.0);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
  cairo_surface_flush (r->ids);
  index_ids (r, wide_outline);
  if (r->n_areas != n_areas || r->fill == NULL)
    {
      g_free (r->fill);
      g_free (r->hatch);
      g_free (r->hatch_dir);
      r->n_areas = n_areas;
      r->fill = g_new0 (guint32, n_areas + 1);
      r->hatch = g_new0 (guint32, n_areas + 1);
      r->hatch_dir = g_new0 (guint8, n_areas + 1);
    }
  r->valid = TRUE;
  r->composed_all = FALSE;
  r->composed = 0;
  r->builds++;
}

static inline guint32
over (guint32 top,
      guint32 base)
{
  guint32 ia = 255 - (top >> 24);
  guint32 rb = (base & 0x00ff00ff) * ia, ag = ((base >> 8) & 0x00ff00ff) * ia;

  /* x/255 as (x + 128 + ((x + 128) >> 8)) >> 8, per 16-bit lane */
  rb += 0x00800080;
  ag += 0x00800080;
  rb = ((rb + ((rb >> 8) & 0x00ff00ff)) >> 8) & 0x00ff00ff;
  ag = (ag + ((ag >> 8) & 0x00ff00ff)) & 0xff00ff00;
  return top + (rb | ag);
}

static inline int
positive_mod (int v,
              int n)
{
  int m = v % n;

  return m < 0 ? m + n : m;
}

static void
compose_run (WmRaster          *r,
             const WmRasterRun *run,
             const guint8      *edge,
             guint32           *out,
             guint32            outline)
{
  guint32 id = run->id;
  guint32 c = r->fill[id], c_edge = over (outline, c);
  int gx0 = (int) r->bx, gy = (int) r->by + run->y;
  int spacing = (int) WM_HATCH_SPACING, width = (int) WM_HATCH_WIDTH;
  guint8 dir = r->hatch_dir[id];

  if (dir == 0)
    {
      for (int x = run->x0; x < run->x1; x++)
        out[x] = edge[x] ? c_edge : c;
      return;
    }
  for (int x = run->x0; x < run->x1; x++)
    {
      int gx = gx0 + x;
      guint32 p = c;

      if (((dir & 1) && positive_mod (gx + gy, spacing) < width) ||
          ((dir & 2) && positive_mod (gx - gy, spacing) < width))
        p = over (r->hatch[id], c);
      out[x] = edge[x] ? over (outline, p) : p;
    }
}

/**
 * wm_raster_compose:
 * @fill: (array): premultiplied ARGB per id (id 0 = no area: transparent)
 * @hatch: (array): premultiplied ARGB of the hatch lines per id
 * @hatch_dir: (array): 0 none, 1 rising, 2 falling, 3 both, per id
 * @outline: premultiplied ARGB of the outline
 *
 * Rewrites the runs whose id changed colour since the last call (all of
 * them after a new id image). Hatching is anchored to the world (the
 * buffer corner's pixel), so it stays put when the map pans.
 */
void
wm_raster_compose (WmRaster      *r,
                   const guint32 *fill,
                   const guint32 *hatch,
                   const guint8  *hatch_dir,
                   guint32        outline)
{
  guint8 *out = cairo_image_surface_get_data (r->rgba);
  int os = cairo_image_surface_get_stride (r->rgba);
  g_autofree gboolean *changed = g_new (gboolean, r->n_areas + 1);

  for (guint id = 0; id <= r->n_areas; id++)
    {
      changed[id] = !r->composed_all || r->fill[id] != fill[id] ||
                    r->hatch[id] != hatch[id] || r->hatch_dir[id] != hatch_dir[id];
      r->fill[id] = fill[id];
      r->hatch[id] = hatch[id];
      r->hatch_dir[id] = hatch_dir[id];
    }

  cairo_surface_flush (r->rgba);
  for (guint i = 0; i < r->runs->len; i++)
    {
      const WmRasterRun *run = &g_array_index (r->runs, WmRasterRun, i);

      if (run->id <= r->n_areas && changed[run->id])
        compose_run (r, run, r->edges + (gsize) run->y * r->width,
                     (guint32 *) (out + (gsize) run->y * os), outline);
    }
  cairo_surface_mark_dirty (r->rgba);
  r->composed_all = TRUE;
}
