/* wm-atlas-legend.c — the legend beside a sheet's map and on the cover
 *
 * The classes of the mapped indicator with their ranges and how many areas
 * fall in each (from the same legend model as the map, painted with the
 * same swatch function), the areas without a value, the sheet's own area,
 * and the user areas of the service sites on the map.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "wm-atlas-private.h"

#define DARK 0x241f31
#define GREY 0x5e5c64
#define SWATCH_W 14.0
#define SWATCH_H 9.0
#define TEXT_SIZE 6.8

typedef struct {
  WmAtlas *self;
  WmAtlasPen *pen;
  const WmChartBox *box;
  double y;
} Legend;

/* Text beside a symbol; FALSE (and nothing drawn) when the row would
 * leave the box. */
static gboolean
row (Legend     *l,
     const char *text,
     double      size,
     gboolean    bold,
     guint32     color,
     double      indent)
{
  PangoLayout *layout = wm_atlas_pen_layout (l->pen, size, bold);
  double h;

  pango_layout_set_width (layout, (int) ((l->box->width - indent) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  h = MAX (wm_atlas_layout_height (layout), indent > 0 ? SWATCH_H + 1 : 0);
  if (l->y + h > l->box->y + l->box->height)
    {
      g_object_unref (layout);
      return FALSE;
    }
  wm_atlas_set_rgb (l->pen->cr, color);
  cairo_move_to (l->pen->cr, l->box->x + indent, l->y);
  pango_cairo_show_layout (l->pen->cr, layout);
  g_object_unref (layout);
  l->y += h + 2;
  return TRUE;
}

/* Enough decimals to tell the breaks apart, at least the table's. */
static int
break_decimals (const double *breaks,
                guint         n_classes,
                int           at_least)
{
  for (int d = at_least; d < 4; d++)
    {
      gboolean distinct = TRUE;

      for (guint i = 0; i < n_classes; i++)
        distinct &= round (breaks[i] * pow (10, d)) != round (breaks[i + 1] * pow (10, d));
      if (distinct)
        return d;
    }
  return 4;
}

static void
swatch_row (Legend     *l,
            guint       class_index,
            const char *text)
{
  WmSwatch swatch;
  double y = l->y;

  if (!wm_classification_get_swatch (l->self->classes, class_index, &swatch) ||
      !row (l, text, TEXT_SIZE, FALSE, DARK, SWATCH_W + 5))
    return;
  cairo_rectangle (l->pen->cr, l->box->x, y + 0.5, SWATCH_W, SWATCH_H);
  wm_swatch_paint (&swatch, l->pen->cr, l->self->opacity, 0.5);
  cairo_rectangle (l->pen->cr, l->box->x, y + 0.5, SWATCH_W, SWATCH_H);
  cairo_set_source_rgba (l->pen->cr, 0.2, 0.2, 0.2, 0.6);
  cairo_set_line_width (l->pen->cr, 0.4);
  cairo_stroke (l->pen->cr);
}

static void
classes (Legend *l)
{
  WmAtlas *self = l->self;
  const WmIndicatorDef *def = wm_indicator_def_get (self->indicators[0]);
  guint n = wm_classification_get_n_classes (self->classes);
  const double *b = wm_classification_get_breaks (self->classes);
  int d = break_decimals (b, n, wm_atlas_unit_decimals (def->unit));
  const char *unit = def->unit == WM_INDICATOR_UNIT_INDEX ? NULL : wm_indicator_unit_symbol (def->unit);

  for (guint c = 0; c < n; c++)
    {
      g_autofree char *lo = wm_chart_format_value (b[c], NULL, d);
      g_autofree char *hi = wm_chart_format_value (b[c + 1], unit, d);
      g_autofree char *text = g_strdup_printf ("%s – %s (%u)", lo, hi, wm_classification_get_count (self->classes, c));

      swatch_row (l, c, text);
    }
  for (guint k = 0; k < 2; k++)
    {
      guint special = k == 0 ? WM_CLASS_NO_DATA : WM_CLASS_SUPPRESSED;
      guint count = wm_classification_get_count (self->classes, special);
      g_autofree char *label = NULL, *text = NULL;

      if (count == 0)
        continue;
      label = special == WM_CLASS_SUPPRESSED ? g_strdup (_("Not shown (disclosure control)"))
                                             : wm_classification_get_label (self->classes, special);
      text = g_strdup_printf ("%s (%u)", label, count);
      swatch_row (l, special, text);
    }
}

static void
this_area (Legend *l)
{
  cairo_t *cr = l->pen->cr;
  double y = l->y;

  if (!row (l, _("The area of this sheet; the others are veiled"), TEXT_SIZE, FALSE, DARK, SWATCH_W + 5))
    return;
  cairo_rectangle (cr, l->box->x + 1, y + 1.5, SWATCH_W - 2, SWATCH_H - 2);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 2.6);
  cairo_stroke_preserve (cr);
  wm_atlas_set_rgb (cr, DARK);
  cairo_set_line_width (cr, 1.2);
  cairo_stroke (cr);
}

/* User areas of the sites on the map (all of them on the cover). */
static void
user_areas (Legend          *l,
            const WmMapView *view)
{
  WmAtlas *self = l->self;
  gboolean shown[WM_N_USER_AREAS] = { FALSE };
  gboolean any = FALSE;

  for (guint i = 0; i < wm_service_sites_get_n (self->sites); i++)
    {
      const WmServiceSite *site = wm_service_sites_get (self->sites, i);
      double x = 0, y = 0;

      if (!wm_atlas_site_shown (self, site))
        continue;
      if (view != NULL)
        wm_map_view_world_to_pixel (view, site->wx, site->wy, &x, &y);
      if (x >= 0 && y >= 0 && (view == NULL || (x <= view->width && y <= view->height)))
        any = shown[site->area] = TRUE;
    }
  if (!any)
    return;
  l->y += 4;
  if (!row (l, _("Service sites, by user area"), TEXT_SIZE, TRUE, DARK, 0))
    return;
  for (WmUserArea a = 0; a < WM_N_USER_AREAS; a++)
    {
      double y = l->y;

      if (!shown[a] || !row (l, wm_user_area_name (a), TEXT_SIZE, FALSE, DARK, SWATCH_W + 5))
        continue;
      cairo_new_path (l->pen->cr);
      cairo_arc (l->pen->cr, l->box->x + SWATCH_W / 2, y + 0.5 + SWATCH_H / 2, 4, 0, 2 * G_PI);
      wm_atlas_set_rgb (l->pen->cr, wm_user_area_color (a));
      cairo_fill (l->pen->cr);
    }
}

/**
 * wm_atlas_draw_legend:
 * @view: (nullable): the sheet's map, or %NULL on the cover (no area of
 *   its own, every site)
 */
void
wm_atlas_draw_legend (WmAtlas          *self,
                      WmAtlasPen       *pen,
                      const WmChartBox *box,
                      const WmMapView  *view)
{
  const WmIndicatorDef *def = wm_indicator_def_get (self->indicators[0]);
  Legend l = { self, pen, box, box->y };
  g_autofree char *subtitle = g_strdup_printf (_("%d · %s, class limits over all years"), self->year,
                                               wm_classify_method_name (wm_classification_get_method (self->classes)));

  if (wm_classification_get_scope (self->classes) == WM_CLASS_SCOPE_PER_YEAR)
    {
      g_free (subtitle);
      subtitle = g_strdup_printf (_("%d · %s, class limits of this year"), self->year,
                                  wm_classify_method_name (wm_classification_get_method (self->classes)));
    }
  row (&l, wm_indicator_def_get_label (def), 7.5, TRUE, DARK, 0);
  row (&l, subtitle, 6.3, FALSE, GREY, 0);
  l.y += 2;
  classes (&l);
  if (view != NULL)
    this_area (&l);
  user_areas (&l, view);
  l.y += 4;
  row (&l, wm_classification_get_tie_rule (self->classes), 5.8, FALSE, GREY, 0);
}
