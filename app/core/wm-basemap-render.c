/* wm-basemap-render.c — draw basemap features with cairo
 *
 * Drawing order: areas, boundaries, road casings (minor to major), road
 * fills (minor to major, so major roads pass over minor ones), rail and
 * routes, the municipal boundary, then labels. Labels are placed only
 * where they fit entirely inside the canvas minus @label_margin, so a label
 * is never cut by a tile edge: the writer renders 8 × 8 tiles at once with
 * a margin, and a label lands in exactly one metatile.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "wm-basemap-private.h"
#include "wm-mercator.h"

typedef struct {
  cairo_t *cr;
  int zoom;
  double scale;         /* pixels per world unit */
  double ox, oy;        /* world pixel at canvas (0, 0) */
  double view[4];       /* visible world box, with room for wide lines */
  int width, height, margin;
  GArray *placed;       /* label boxes: x0 y0 x1 y1 */
  GHashTable *names;    /* name → GArray of label centres */
} Canvas;

static void
set_rgb (cairo_t *cr,
         guint32  rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}

static gboolean
visible (const Canvas           *c,
         const WmBasemapFeature *f)
{
  return f->bbox[2] >= c->view[0] && f->bbox[0] <= c->view[2] &&
         f->bbox[3] >= c->view[1] && f->bbox[1] <= c->view[3];
}

static void
trace (const Canvas           *c,
       const WmBasemapFeature *f)
{
  const double *p = f->xy;

  for (guint part = 0; part < f->n_parts; part++)
    {
      guint n = f->part_len[part];

      cairo_move_to (c->cr, p[0] * c->scale - c->ox, p[1] * c->scale - c->oy);
      for (guint i = 1; i < n; i++)
        cairo_line_to (c->cr, p[2 * i] * c->scale - c->ox, p[2 * i + 1] * c->scale - c->oy);
      if (f->is_area)
        cairo_close_path (c->cr);
      p += 2 * n;
    }
}

static void
stroke_class (Canvas         *c,
              GPtrArray      *features,
              WmBasemapKind  cls,
              gboolean        casing)
{
  const WmBasemapStyle *style = wm_basemap_style_get (cls);
  double width = wm_basemap_style_width (style, c->zoom);
  gboolean any = FALSE;

  if (c->zoom < style->min_zoom || (casing && style->casing15 <= 0))
    return;

  for (guint i = 0; i < features->len; i++)
    {
      WmBasemapFeature *f = g_ptr_array_index (features, i);

      if (f->cls == cls && visible (c, f))
        {
          trace (c, f);
          any = TRUE;
        }
    }
  if (!any)
    return;

  cairo_set_line_join (c->cr, CAIRO_LINE_JOIN_ROUND);
  if (casing)
    {
      set_rgb (c->cr, style->casing);
      cairo_set_line_width (c->cr, width + 2 * style->casing15 * pow (style->growth, c->zoom - 15));
      cairo_set_line_cap (c->cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_dash (c->cr, NULL, 0, 0);
    }
  else
    {
      set_rgb (c->cr, style->fill);
      cairo_set_line_width (c->cr, MAX (width, 0.5));
      if (style->dash > 0)
        {
          double dash[2] = { style->dash * pow (style->growth, c->zoom - 15), style->dash * 0.7 };

          cairo_set_dash (c->cr, dash, 2, 0);
          cairo_set_line_cap (c->cr, CAIRO_LINE_CAP_BUTT);
        }
      else
        {
          cairo_set_dash (c->cr, NULL, 0, 0);
          cairo_set_line_cap (c->cr, CAIRO_LINE_CAP_ROUND);
        }
    }
  cairo_stroke (c->cr);
  cairo_set_dash (c->cr, NULL, 0, 0);
}

static void
fill_class (Canvas         *c,
            GPtrArray      *features,
            WmBasemapKind  cls)
{
  gboolean any = FALSE;

  for (guint i = 0; i < features->len; i++)
    {
      WmBasemapFeature *f = g_ptr_array_index (features, i);

      if (f->cls == cls && f->is_area && visible (c, f))
        {
          trace (c, f);
          any = TRUE;
        }
    }
  if (!any)
    return;
  set_rgb (c->cr, wm_basemap_style_get (cls)->fill);
  cairo_set_fill_rule (c->cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_fill (c->cr);
}

static gboolean
box_free (Canvas       *c,
          const double  box[4])
{
  if (box[0] < c->margin || box[1] < c->margin ||
      box[2] > c->width - c->margin || box[3] > c->height - c->margin)
    return FALSE;
  for (guint i = 0; i < c->placed->len / 4; i++)
    {
      const double *b = &g_array_index (c->placed, double, 4 * i);

      if (box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1])
        return FALSE;
    }
  return TRUE;
}

/* The same street name repeats on every edge between two crossings:
 * label it again only some distance away. */
static gboolean
name_far_enough (Canvas     *c,
                 const char *name,
                 double      x,
                 double      y)
{
  GArray *centres = g_hash_table_lookup (c->names, name);

  if (centres == NULL)
    return TRUE;
  for (guint i = 0; i < centres->len / 2; i++)
    {
      const double *p = &g_array_index (centres, double, 2 * i);

      if (hypot (p[0] - x, p[1] - y) < 220)
        return FALSE;
    }
  return TRUE;
}

static void
remember (Canvas       *c,
          const char   *name,
          const double  box[4])
{
  GArray *centres = g_hash_table_lookup (c->names, name);
  double centre[2] = { (box[0] + box[2]) / 2, (box[1] + box[3]) / 2 };

  g_array_append_vals (c->placed, box, 4);
  if (centres == NULL)
    {
      centres = g_array_new (FALSE, FALSE, sizeof (double));
      g_hash_table_insert (c->names, (char *) name, centres);
    }
  g_array_append_vals (centres, centre, 2);
}

static void
draw_text (Canvas      *c,
           PangoLayout *layout,
           double       x,
           double       y,
           double       angle,
           guint32      color)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_save (c->cr);
  cairo_translate (c->cr, x, y);
  cairo_rotate (c->cr, angle);
  cairo_move_to (c->cr, -w / 2.0, -h / 2.0);
  pango_cairo_layout_path (c->cr, layout);
  set_rgb (c->cr, WM_BASEMAP_HALO_COLOR);
  cairo_set_line_width (c->cr, 3.0);
  cairo_set_line_join (c->cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (c->cr);
  cairo_move_to (c->cr, -w / 2.0, -h / 2.0);
  set_rgb (c->cr, color);
  pango_cairo_show_layout (c->cr, layout);
  cairo_restore (c->cr);
}

/* Finds the longest nearly straight run of @f's first line and puts the
 * name along it, upright. */
static void
label_line (Canvas                 *c,
            PangoLayout            *layout,
            const WmBasemapFeature *f)
{
  guint n = f->part_len[0];
  double best_len = 0, best[4] = { 0 };
  int w, h;

  pango_layout_set_text (layout, f->name, -1);
  pango_layout_get_pixel_size (layout, &w, &h);

  for (guint i = 0; i + 1 < n; i++)
    {
      double x0 = f->xy[2 * i] * c->scale - c->ox, y0 = f->xy[2 * i + 1] * c->scale - c->oy;

      for (guint j = i + 1; j < n; j++)
        {
          double x1 = f->xy[2 * j] * c->scale - c->ox, y1 = f->xy[2 * j + 1] * c->scale - c->oy;
          double chord = hypot (x1 - x0, y1 - y0), path = 0;
          gboolean straight = TRUE;

          for (guint k = i; k < j && straight; k++)
            {
              double ax = f->xy[2 * k] * c->scale - c->ox, ay = f->xy[2 * k + 1] * c->scale - c->oy;
              double bx = f->xy[2 * k + 2] * c->scale - c->ox, by = f->xy[2 * k + 3] * c->scale - c->oy;

              path += hypot (bx - ax, by - ay);
              /* every vertex close to the chord: the text will not leave the road */
              if (chord > 0 && fabs ((x1 - x0) * (y0 - by) - (x0 - bx) * (y1 - y0)) / chord > 3.0)
                straight = FALSE;
            }
          if (straight && chord > best_len && path < chord * 1.05)
            {
              best_len = chord;
              best[0] = x0; best[1] = y0; best[2] = x1; best[3] = y1;
            }
        }
    }

  if (best_len >= w + 12)
    {
      double angle = atan2 (best[3] - best[1], best[2] - best[0]);
      double cx = (best[0] + best[2]) / 2, cy = (best[1] + best[3]) / 2;
      double hx, hy, box[4];

      if (angle > G_PI / 2)
        angle -= G_PI;
      else if (angle <= -G_PI / 2)
        angle += G_PI;
      hx = fabs (cos (angle)) * w / 2 + fabs (sin (angle)) * h / 2;
      hy = fabs (sin (angle)) * w / 2 + fabs (cos (angle)) * h / 2;
      box[0] = cx - hx; box[1] = cy - hy; box[2] = cx + hx; box[3] = cy + hy;
      if (box_free (c, box) && name_far_enough (c, f->name, cx, cy))
        {
          draw_text (c, layout, cx, cy, angle, WM_BASEMAP_LABEL_COLOR);
          remember (c, f->name, box);
        }
    }
}

static void
label_area (Canvas                 *c,
            PangoLayout            *layout,
            const WmBasemapFeature *f)
{
  double x = f->label[0] * c->scale - c->ox, y = f->label[1] * c->scale - c->oy;
  double box[4];
  int w, h;

  pango_layout_set_text (layout, f->name, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  box[0] = x - w / 2.0; box[1] = y - h / 2.0; box[2] = x + w / 2.0; box[3] = y + h / 2.0;
  if (box_free (c, box))
    {
      draw_text (c, layout, x, y, 0, wm_basemap_style_get (f->cls)->fill);
      remember (c, f->name, box);
    }
}

static void
draw_labels (Canvas    *c,
             GPtrArray *features)
{
  PangoLayout *layout = pango_cairo_create_layout (c->cr);
  PangoFontDescription *font = pango_font_description_from_string ("Cantarell, DejaVu Sans");
  PangoFontDescription *area_font = pango_font_description_from_string ("Cantarell Bold, DejaVu Sans Bold");
  PangoAttrList *spacing = pango_attr_list_new ();

  pango_font_description_set_absolute_size (font, 11 * PANGO_SCALE);
  pango_font_description_set_absolute_size (area_font, 15 * PANGO_SCALE);
  pango_attr_list_insert (spacing, pango_attr_letter_spacing_new (2 * PANGO_SCALE));

  /* Areas first (they are few and large), then major roads before minor. */
  pango_layout_set_font_description (layout, area_font);
  pango_layout_set_attributes (layout, spacing);
  for (guint i = 0; i < features->len; i++)
    {
      WmBasemapFeature *f = g_ptr_array_index (features, i);

      if (f->name != NULL && f->is_area && f->cls == WM_BASEMAP_KIND_ADMIN &&
          c->zoom >= wm_basemap_style_get (f->cls)->label_min_zoom && c->zoom <= 15 && visible (c, f))
        label_area (c, layout, f);
    }

  pango_layout_set_font_description (layout, font);
  pango_layout_set_attributes (layout, NULL);
  for (int cls = WM_BASEMAP_N_KINDS - 1; cls > WM_BASEMAP_KIND_NONE; cls--)
    {
      const WmBasemapStyle *style = wm_basemap_style_get (cls);

      if (style->is_area || c->zoom < style->label_min_zoom)
        continue;
      for (guint i = 0; i < features->len; i++)
        {
          WmBasemapFeature *f = g_ptr_array_index (features, i);

          if (f->cls == (WmBasemapKind) cls && f->name != NULL && !f->is_area && visible (c, f))
            label_line (c, layout, f);
        }
    }

  pango_attr_list_unref (spacing);
  pango_font_description_free (font);
  pango_font_description_free (area_font);
  g_object_unref (layout);
}

/**
 * wm_basemap_draw:
 * @origin_x: world pixel (at @zoom) drawn at the canvas's left edge
 * @label_margin: labels keep this far from the canvas edges
 */
void
wm_basemap_draw (GPtrArray *features,
                 cairo_t   *cr,
                 int        zoom,
                 double     origin_x,
                 double     origin_y,
                 int        width,
                 int        height,
                 int        label_margin)
{
  static const WmBasemapKind roads[] = {
    WM_BASEMAP_KIND_SERVICE, WM_BASEMAP_KIND_MINOR, WM_BASEMAP_KIND_TERTIARY,
    WM_BASEMAP_KIND_SECONDARY, WM_BASEMAP_KIND_PRIMARY, WM_BASEMAP_KIND_MOTORWAY,
  };
  static const WmBasemapKind paths[] = {
    WM_BASEMAP_KIND_TRACK, WM_BASEMAP_KIND_PATH, WM_BASEMAP_KIND_STEPS,
  };
  Canvas c = {
    .cr = cr, .zoom = zoom, .scale = exp2 (zoom), .ox = origin_x, .oy = origin_y,
    .width = width, .height = height, .margin = label_margin,
  };
  double pad = 16;

  c.view[0] = (origin_x - pad) / c.scale;
  c.view[1] = (origin_y - pad) / c.scale;
  c.view[2] = (origin_x + width + pad) / c.scale;
  c.view[3] = (origin_y + height + pad) / c.scale;
  c.placed = g_array_new (FALSE, FALSE, sizeof (double));
  c.names = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_array_unref);

  set_rgb (cr, WM_BASEMAP_BACKGROUND);
  cairo_paint (cr);

  fill_class (&c, features, WM_BASEMAP_KIND_GREEN);
  fill_class (&c, features, WM_BASEMAP_KIND_WATER);
  stroke_class (&c, features, WM_BASEMAP_KIND_BOUNDARY, FALSE);
  stroke_class (&c, features, WM_BASEMAP_KIND_WATERWAY, FALSE);
  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    stroke_class (&c, features, paths[i], FALSE);
  for (gsize i = 0; i < G_N_ELEMENTS (roads); i++)
    stroke_class (&c, features, roads[i], TRUE);
  for (gsize i = 0; i < G_N_ELEMENTS (roads); i++)
    stroke_class (&c, features, roads[i], FALSE);
  stroke_class (&c, features, WM_BASEMAP_KIND_RAIL, TRUE);
  stroke_class (&c, features, WM_BASEMAP_KIND_RAIL, FALSE);
  stroke_class (&c, features, WM_BASEMAP_KIND_HIKING, FALSE);
  stroke_class (&c, features, WM_BASEMAP_KIND_CYCLE, FALSE);
  stroke_class (&c, features, WM_BASEMAP_KIND_ADMIN, TRUE);
  stroke_class (&c, features, WM_BASEMAP_KIND_ADMIN, FALSE);

  draw_labels (&c, features);

  g_hash_table_unref (c.names);
  g_array_unref (c.placed);
}
