/* wm-choropleth-raster.c — the painter's interactive path
 *
 * Cairo's anti-aliased scan converter needs ~60 ms to fill Palermo's 2,874
 * sections at 1600×1000 and as much again to stroke their outlines (see
 * tests/bench/bench-painter.c): too slow for a frame. On screen the
 * painter therefore rasterises the areas once per view as ids, without
 * anti-aliasing (a plain scanline fill here: cairo's own, one fill per
 * area, took ~8 ms), and colours that id image per pixel through a
 * look-up table, drawing a one- or two-pixel outline wherever the id
 * changes. The id image is cut into runs (a row's stretch of one id) with
 * outline pixels flagged, so a timeline step rewrites only the runs of
 * areas whose colour changed; a pan inside the buffer's margin only
 * blits. The atlas and exports use the vector path.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <math.h>
#include <string.h>

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
  g_autofree guint8 *change = g_new (guint8, w);

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

      /* run boundaries: a vectorised compare, then a scan that skips
       * eight unchanged pixels at a time (runs are dozens long) */
      change[0] = 0;
      for (int x = 1; x < w; x++)
        change[x] = row[x] != row[x - 1];
      for (int x = 1; x < w; x++)
        {
          guint64 word;

          if (x + 8 <= w && (memcpy (&word, change + x, 8), word == 0))
            {
              x += 7;
              continue;
            }
          if (change[x])
            {
              run.x1 = (guint16) x;
              g_array_append_val (r->runs, run);
              run.id = row[x] & ID_MASK;
              run.x0 = (guint16) x;
            }
        }
      run.x1 = (guint16) w;
      g_array_append_val (r->runs, run);
    }
}

typedef struct {
  float x0, y0, x1, y1;  /* y0 < y1 */
  int dir;               /* +1 downwards, −1 upwards, for the winding */
} Edge;

typedef struct {
  float x;
  int dir;
} Crossing;

static int
compare_edges (const void *a,
               const void *b)
{
  float x = ((const Edge *) a)->y0, y = ((const Edge *) b)->y0;

  return (x > y) - (x < y);
}

/* Fills one area with the non-zero rule, a pixel being inside when its
 * centre is (what cairo does without anti-aliasing): per row, the
 * crossings of the active edges with the centre line, sorted, and the
 * spans where the winding is not zero. */
static void
fill_area (WmRaster        *r,
           const ZoomCache *c,
           const guint     *area_rings,
           guint            area,
           double           s,
           double           tx,
           double           ty,
           GArray          *edges,
           GArray          *active,
           GArray          *crossings)
{
  guint8 *data = cairo_image_surface_get_data (r->ids);
  int stride = cairo_image_surface_get_stride (r->ids);
  guint32 id = 0xff000000u | (area + 1);
  float ymin = G_MAXFLOAT, ymax = -G_MAXFLOAT;
  int row0, row1;
  guint next = 0;

  g_array_set_size (edges, 0);
  for (guint ring = area_rings[area]; ring < area_rings[area + 1]; ring++)
    {
      guint first = c->ring_start[ring], end = c->ring_start[ring + 1];

      if (end - first < 3)
        continue;
      for (guint i = first; i < end; i++)
        {
          guint j = i + 1 < end ? i + 1 : first;
          float ax = (float) (c->xy[2 * i] * s + tx), ay = (float) (c->xy[2 * i + 1] * s + ty);
          float bx = (float) (c->xy[2 * j] * s + tx), by = (float) (c->xy[2 * j + 1] * s + ty);
          Edge e;

          if (ay == by)
            continue;
          e = ay < by ? (Edge) { ax, ay, bx, by, +1 } : (Edge) { bx, by, ax, ay, -1 };
          g_array_append_val (edges, e);
          ymin = MIN (ymin, e.y0);
          ymax = MAX (ymax, e.y1);
        }
    }
  if (edges->len == 0)
    return;

  /* edges by their top; the active ones are those spanning the row */
  qsort (edges->data, edges->len, sizeof (Edge), compare_edges);

  /* rows whose centre y + ½ lies in [ymin, ymax) */
  row0 = MAX (0, (int) ceilf (ymin - 0.5f));
  row1 = MIN (r->height - 1, (int) ceilf (ymax - 0.5f) - 1);
  g_array_set_size (active, 0);
  for (int y = row0; y <= row1; y++)
    {
      float yc = y + 0.5f;
      guint32 *row = (guint32 *) (data + (gsize) y * stride);
      int winding = 0;
      guint kept = 0;

      while (next < edges->len && g_array_index (edges, Edge, next).y0 <= yc)
        {
          g_array_append_val (active, next);
          next++;
        }
      g_array_set_size (crossings, 0);
      for (guint k = 0; k < active->len; k++)
        {
          guint ei = g_array_index (active, guint, k);
          const Edge *e = &g_array_index (edges, Edge, ei);
          Crossing x;
          guint at;

          if (e->y1 <= yc)
            continue;   /* ended above this row: dropped */
          g_array_index (active, guint, kept++) = ei;
          if (yc < e->y0)
            continue;
          x = (Crossing) { e->x0 + (yc - e->y0) * (e->x1 - e->x0) / (e->y1 - e->y0), e->dir };
          /* insertion sort: a row crosses few edges */
          at = crossings->len;
          g_array_append_val (crossings, x);
          while (at > 0 && g_array_index (crossings, Crossing, at - 1).x > x.x)
            {
              g_array_index (crossings, Crossing, at) = g_array_index (crossings, Crossing, at - 1);
              at--;
            }
          g_array_index (crossings, Crossing, at) = x;
        }
      g_array_set_size (active, kept);

      for (guint k = 0; k + 1 < crossings->len; k++)
        {
          const Crossing *a = &g_array_index (crossings, Crossing, k);

          winding += a->dir;
          if (winding != 0)
            {
              /* pixels whose centre x + ½ lies in [a.x, next.x) */
              int from = MAX (0, (int) ceilf (a->x - 0.5f));
              int to = MIN (r->width, (int) ceilf (g_array_index (crossings, Crossing, k + 1).x - 0.5f));

              for (int x = from; x < to; x++)
                row[x] = id;
            }
        }
    }
}

/**
 * wm_raster_render_ids:
 * @s: the view's scale relative to the cache's zoom level
 *
 * Fills every area overlapping the buffer with 0xff000000 | (id + 1) on
 * transparent black, so whole pixels compare as ids; later areas cover
 * earlier ones, as in the vector path.
 */
void
wm_raster_render_ids (WmRaster        *r,
                      const ZoomCache *c,
                      const guint     *area_rings,
                      guint            n_areas,
                      double           s,
                      gboolean         wide_outline)
{
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  g_autoptr(GArray) crossings = g_array_new (FALSE, FALSE, sizeof (Crossing));
  g_autoptr(GArray) active = g_array_new (FALSE, FALSE, sizeof (guint));
  /* buffer pixel = (cache pixel + cache origin) · s − buffer corner */
  double tx = c->ox * s - r->bx, ty = c->oy * s - r->by;
  double x0, y0, x1, y1;

  ensure_surfaces (r);
  cairo_surface_flush (r->ids);
  memset (cairo_image_surface_get_data (r->ids), 0,
          (gsize) cairo_image_surface_get_stride (r->ids) * r->height);

  /* the buffer in cache pixels, to cull by box */
  x0 = -tx / s;
  y0 = -ty / s;
  x1 = (r->width - tx) / s;
  y1 = (r->height - ty) / s;

  for (guint a = 0; a < n_areas; a++)
    {
      const float *b = &c->boxes[4 * a];

      if (b[2] < x0 || b[0] > x1 || b[3] < y0 || b[1] > y1)
        continue;
      fill_area (r, c, area_rings, a, s, tx, ty, edges, active, crossings);
    }
  cairo_surface_mark_dirty (r->ids);
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
