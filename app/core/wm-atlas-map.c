/* wm-atlas-map.c — the map frame of a sheet or of the cover
 *
 * Bottom to top: the basemap's tiles at print resolution, the choropleth
 * painted by the same painter as the screen (vectors in a PDF), a white
 * veil over everything but the area, the area's outline, the service
 * sites (numbered as in the sheet's list), then the scale bar, the north
 * arrow and the basemap's attribution.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "wm-atlas-private.h"

#define VEIL_ALPHA 0.55
#define MARKER_RADIUS 5.5
#define DOT_RADIUS 2.2
#define FRAME_COLOR 0x77767b
#define DARK 0x241f31

/**
 * wm_atlas_sheet_view:
 *
 * The area with a ring of its neighbours around it: a quarter of its size,
 * or more to show the walking distance around it (so the services listed
 * on the sheet are on its map), but never so much that a small area
 * shrinks to a speck: at most one and a half times its size.
 */
void
wm_atlas_sheet_view (WmAtlas          *self,
                     guint             area,
                     const WmChartBox *frame,
                     WmMapView        *view)
{
  double x0, y0, x1, y1, size, pad;

  wm_area_geometry_get_bbox (self->geometry, area, &x0, &y0, &x1, &y1);
  size = MAX (x1 - x0, y1 - y0);
  pad = MAX (0.25 * size, MIN (1.15 * self->walk_distance / wm_atlas_metres_per_world ((y0 + y1) / 2), 1.5 * size));
  wm_map_view_fit (view, x0 - pad, y0 - pad, x1 + pad, y1 + pad, frame->width, frame->height, 0);
}

static void
append_area (cairo_t         *cr,
             WmAreaGeometry  *geometry,
             guint            area,
             const WmMapView *view)
{
  const guint *rings = wm_area_geometry_get_area_rings (geometry);
  const guint *rp = wm_area_geometry_get_ring_points (geometry, NULL);
  const double *pt = wm_area_geometry_get_points (geometry, NULL);

  for (guint r = rings[area]; r < rings[area + 1]; r++)
    {
      for (guint i = rp[r]; i < rp[r + 1]; i++)
        {
          double x, y;

          wm_map_view_world_to_pixel (view, pt[2 * i], pt[2 * i + 1], &x, &y);
          if (i == rp[r])
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      cairo_close_path (cr);
    }
}

/* Everything but the area under a white veil, then its outline: a white
 * halo and a dark line, readable on any class colour. */
static void
highlight_area (WmAtlas         *self,
                cairo_t         *cr,
                guint            area,
                const WmMapView *view)
{
  cairo_save (cr);
  cairo_new_path (cr);
  cairo_rectangle (cr, 0, 0, view->width, view->height);
  append_area (cr, self->geometry, area, view);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_source_rgba (cr, 1, 1, 1, VEIL_ALPHA);
  cairo_fill (cr);

  append_area (cr, self->geometry, area, view);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_set_line_width (cr, 3.6);
  cairo_stroke_preserve (cr);
  wm_atlas_set_rgb (cr, DARK);
  cairo_set_line_width (cr, 1.6);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static gboolean
listed (GArray *near,
        guint   n_listed,
        guint   site,
        guint  *number)
{
  for (guint i = 0; near != NULL && i < MIN (n_listed, near->len); i++)
    if (g_array_index (near, WmAtlasNearSite, i).site == site)
      {
        *number = i + 1;
        return TRUE;
      }
  return FALSE;
}

/* Where a numbered disc goes: on its site, or — when it would cover a
 * disc already placed — the nearest free spot around it, tied to the site
 * by a leader line, so every number stays readable. */
static void
place_disc (GArray *placed,
            double  x,
            double  y,
            double *px,
            double *py)
{
  const double gap = 2 * MARKER_RADIUS + 0.8;

  *px = x;
  *py = y;
  for (int ring = 0; ring < 6; ring++)
    for (int step = 0; step < 12; step++)
      {
        double r = ring * gap, a = step * G_PI / 6 - G_PI / 2;
        gboolean free = TRUE;

        if (ring == 0 && step > 0)
          break;
        *px = x + r * cos (a);
        *py = y + r * sin (a);
        for (guint i = 0; i < placed->len && free; i += 2)
          free = hypot (g_array_index (placed, double, i) - *px, g_array_index (placed, double, i + 1) - *py) >= gap;
        if (free)
          {
            g_array_append_val (placed, *px);
            g_array_append_val (placed, *py);
            return;
          }
      }
}

static void
draw_disc (WmAtlasPen  *pen,
           PangoLayout *layout,
           double       x,
           double       y,
           double       disc_x,
           double       disc_y,
           guint32      color,
           guint        number)
{
  cairo_t *cr = pen->cr;
  g_autofree char *text = g_strdup_printf ("%u", number);
  PangoRectangle ink;

  if (disc_x != x || disc_y != y)
    {
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, disc_x, disc_y);
      wm_atlas_set_rgb (cr, DARK);
      cairo_set_line_width (cr, 0.6);
      cairo_stroke (cr);
      cairo_new_path (cr);
      cairo_arc (cr, x, y, 1.3, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  cairo_new_path (cr);
  cairo_arc (cr, disc_x, disc_y, MARKER_RADIUS, 0, 2 * G_PI);
  wm_atlas_set_rgb (cr, color);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 0.9);
  cairo_stroke (cr);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_extents (layout, &ink, NULL);
  cairo_move_to (cr, disc_x - (ink.x + ink.width / 2.0) / PANGO_SCALE, disc_y - (ink.y + ink.height / 2.0) / PANGO_SCALE);
  pango_cairo_show_layout (cr, layout);
}

/* Every site in view as a small dot of its user area's colour; those on
 * the sheet's list as numbered discs, on top. */
static void
draw_sites (WmAtlas         *self,
            WmAtlasPen      *pen,
            const WmMapView *view,
            GArray          *near,
            guint            n_listed)
{
  cairo_t *cr = pen->cr;
  PangoLayout *layout = wm_atlas_pen_layout (pen, 5.6, TRUE);
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < wm_service_sites_get_n (self->sites); i++)
    {
      const WmServiceSite *site = wm_service_sites_get (self->sites, i);
      guint number;
      double x, y;

      if (!wm_atlas_site_shown (self, site))
        continue;
      wm_map_view_world_to_pixel (view, site->wx, site->wy, &x, &y);
      if (x < -DOT_RADIUS || y < -DOT_RADIUS || x > view->width + DOT_RADIUS || y > view->height + DOT_RADIUS ||
          listed (near, n_listed, i, &number))
        continue;
      cairo_new_path (cr);
      cairo_arc (cr, x, y, DOT_RADIUS, 0, 2 * G_PI);
      wm_atlas_set_rgb (cr, wm_user_area_color (site->area));
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 0.5);
      cairo_stroke (cr);
    }
  /* in list order, so the first of the list keeps its own spot */
  for (guint n = 0; near != NULL && n < MIN (n_listed, near->len); n++)
    {
      const WmServiceSite *site = wm_service_sites_get (self->sites, g_array_index (near, WmAtlasNearSite, n).site);
      double x, y, disc_x, disc_y;

      wm_map_view_world_to_pixel (view, site->wx, site->wy, &x, &y);
      if (x < 0 || y < 0 || x > view->width || y > view->height)
        continue;
      place_disc (placed, x, y, &disc_x, &disc_y);
      draw_disc (pen, layout, x, y, disc_x, disc_y, wm_user_area_color (site->area), n + 1);
    }
  g_object_unref (layout);
}

static void
backing (cairo_t *cr,
         double   x,
         double   y,
         double   width,
         double   height)
{
  cairo_rectangle (cr, x, y, width, height);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.82);
  cairo_fill (cr);
}

/* A bar of a round length, about a fifth of the frame, in two halves. */
static void
draw_scale_bar (WmAtlasPen      *pen,
                const WmMapView *view)
{
  cairo_t *cr = pen->cr;
  double metres_per_point = wm_atlas_metres_per_world (view->center_y) / wm_map_view_scale (view);
  double target = view->width * 0.2 * metres_per_point, step, metres, length, x = 8, y;
  g_autofree char *label = NULL;

  step = pow (10, floor (log10 (target)));
  metres = target / step >= 5 ? 5 * step : target / step >= 2 ? 2 * step : step;
  length = metres / metres_per_point;
  label = metres >= 1000 ? g_strdup_printf (_("%g km"), metres / 1000) : g_strdup_printf (_("%g m"), metres);
  y = view->height - 10;

  backing (cr, x - 4, y - 15, length + 8, 20);
  cairo_set_line_width (cr, 0.6);
  for (int half = 0; half < 2; half++)
    {
      cairo_rectangle (cr, x + half * length / 2, y, length / 2, 3);
      if (half == 0)
        wm_atlas_set_rgb (cr, DARK);
      else
        cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      wm_atlas_set_rgb (cr, DARK);
      cairo_stroke (cr);
    }
  wm_atlas_pen_write (pen, "0", x - 1.5, y - 10, 0, 6, FALSE, DARK);
  {
    PangoLayout *layout = wm_atlas_pen_layout (pen, 6, FALSE);

    pango_layout_set_text (layout, label, -1);
    cairo_move_to (cr, x + length - wm_atlas_layout_width (layout) / 2, y - 10);
    pango_cairo_show_layout (cr, layout);
    g_object_unref (layout);
  }
}

/* Web Mercator, not rotated: north is up. */
static void
draw_north_arrow (WmAtlasPen      *pen,
                  const WmMapView *view)
{
  cairo_t *cr = pen->cr;
  double cx = view->width - 16, top = 8;

  backing (cr, cx - 9, top - 2, 18, 32);
  cairo_move_to (cr, cx, top + 10);
  cairo_line_to (cr, cx + 5.5, top + 27);
  cairo_line_to (cr, cx, top + 23);
  cairo_close_path (cr);
  wm_atlas_set_rgb (cr, DARK);
  cairo_fill (cr);
  cairo_move_to (cr, cx, top + 10);
  cairo_line_to (cr, cx - 5.5, top + 27);
  cairo_line_to (cr, cx, top + 23);
  cairo_close_path (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  wm_atlas_set_rgb (cr, DARK);
  cairo_set_line_width (cr, 0.7);
  cairo_stroke (cr);
  {
    PangoLayout *layout = wm_atlas_pen_layout (pen, 7, TRUE);

    pango_layout_set_text (layout, _("N"), -1);
    cairo_move_to (cr, cx - wm_atlas_layout_width (layout) / 2, top - 1);
    pango_cairo_show_layout (cr, layout);
    g_object_unref (layout);
  }
}

static void
draw_attribution (WmAtlas         *self,
                  WmAtlasPen      *pen,
                  const WmMapView *view)
{
  PangoLayout *layout;
  PangoRectangle logical;
  double x, y;

  if (self->tiles == NULL)
    return;
  layout = wm_atlas_pen_layout (pen, 5.5, FALSE);
  pango_layout_set_width (layout, (int) (view->width * 0.6 * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  pango_layout_set_text (layout, self->basemap_attribution, -1);
  pango_layout_get_extents (layout, NULL, &logical);
  /* the layout is right-aligned within 60 % of the frame */
  x = view->width - 3 - view->width * 0.6;
  y = view->height - 2 - (double) logical.height / PANGO_SCALE;
  backing (pen->cr, x + (double) logical.x / PANGO_SCALE - 2, y - 1,
           (double) logical.width / PANGO_SCALE + 4, (double) logical.height / PANGO_SCALE + 2);
  wm_atlas_set_rgb (pen->cr, DARK);
  cairo_move_to (pen->cr, x, y);
  pango_cairo_show_layout (pen->cr, layout);
  g_object_unref (layout);
}

/**
 * wm_atlas_draw_map:
 * @area: the sheet's area, or −1 for the whole layer (the cover)
 * @near: (nullable): the sites the sheet lists, nearest first; the first
 *   @n_listed get their list number on the map
 * @device_scale: device pixels per point of the base page, for the tiles
 */
void
wm_atlas_draw_map (WmAtlas          *self,
                   WmAtlasPen       *pen,
                   const WmChartBox *frame,
                   const WmMapView  *view,
                   int               area,
                   GArray           *near,
                   guint             n_listed,
                   double            device_scale)
{
  cairo_t *cr = pen->cr;

  cairo_save (cr);
  cairo_rectangle (cr, frame->x, frame->y, frame->width, frame->height);
  cairo_clip (cr);
  cairo_translate (cr, frame->x, frame->y);
  /* the page's white without a basemap: the colours are then the legend's */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (self->tiles != NULL)
    wm_tile_canvas_draw (self->tiles, cr, view, device_scale);
  wm_choropleth_painter_draw (self->painter, cr, view);
  if (area >= 0)
    highlight_area (self, cr, area, view);
  draw_sites (self, pen, view, near, n_listed);
  draw_scale_bar (pen, view);
  draw_north_arrow (pen, view);
  draw_attribution (self, pen, view);
  cairo_restore (cr);

  cairo_rectangle (cr, frame->x, frame->y, frame->width, frame->height);
  wm_atlas_set_rgb (cr, FRAME_COLOR);
  cairo_set_line_width (cr, 0.6);
  cairo_stroke (cr);
}
