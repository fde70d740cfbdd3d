/* wm-atlas-text.c — pango text for print: fitting, wrapping, number formats
 *
 * Text is laid out with hinting off and unrounded glyph positions, so a
 * line measures the same on a PDF page, a PNG and a printer's page, and
 * what fits in a box when measured fits when printed. Long Italian names
 * wrap at words first; a box too small even then gets smaller type, and
 * only at the smallest size is the text cut with an ellipsis (every name
 * is printed in full in the index).
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "wm-atlas-private.h"

#define TEXT_COLOR 0x241f31

void
wm_atlas_set_rgb (cairo_t *cr,
                  guint32  rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}

void
wm_atlas_pen_init (WmAtlasPen *pen,
                   cairo_t    *cr)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  pen->cr = cr;
  pen->context = pango_cairo_create_context (cr);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pen->context, options);
  pango_context_set_round_glyph_positions (pen->context, FALSE);
  cairo_font_options_destroy (options);
}

void
wm_atlas_pen_clear (WmAtlasPen *pen)
{
  g_clear_object (&pen->context);
}

void
wm_atlas_pen_set_size (PangoLayout *layout,
                       double       size,
                       gboolean     bold)
{
  PangoFontDescription *desc = pango_font_description_from_string (WM_ATLAS_FONT);

  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
}

PangoLayout *
wm_atlas_pen_layout (WmAtlasPen *pen,
                     double      size,
                     gboolean    bold)
{
  PangoLayout *layout = pango_layout_new (pen->context);

  wm_atlas_pen_set_size (layout, size, bold);
  return layout;
}

double
wm_atlas_layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

double
wm_atlas_layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) (logical.x + logical.width) / PANGO_SCALE;
}

/**
 * wm_atlas_pen_write:
 * @width: wrap at this width (points); 0: one line
 *
 * Returns: the height written
 */
double
wm_atlas_pen_write (WmAtlasPen *pen,
                    const char *text,
                    double      x,
                    double      y,
                    double      width,
                    double      size,
                    gboolean    bold,
                    guint32     color)
{
  PangoLayout *layout = wm_atlas_pen_layout (pen, size, bold);
  double height;

  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (layout, text, -1);
  wm_atlas_set_rgb (pen->cr, color);
  cairo_move_to (pen->cr, x, y);
  pango_cairo_show_layout (pen->cr, layout);
  height = wm_atlas_layout_height (layout);
  g_object_unref (layout);
  return height;
}

/**
 * wm_atlas_pen_fit:
 *
 * Writes @text inside @box: as large as @max_size allows with lines
 * broken between words, smaller down to @min_size if needed; at
 * @min_size, words may break and the last line that fits ends in "…".
 * @valign: where spare height goes: 0 below the text, 1 above it
 *
 * Returns: the size used
 */
double
wm_atlas_pen_fit (WmAtlasPen       *pen,
                  const char       *text,
                  const WmChartBox *box,
                  double            max_size,
                  double            min_size,
                  gboolean          bold,
                  guint32           color,
                  double            valign)
{
  PangoLayout *layout = wm_atlas_pen_layout (pen, max_size, bold);
  double size, y;

  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) (box->width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  for (size = max_size; size > min_size; size = MAX (size - 0.5, min_size))
    {
      wm_atlas_pen_set_size (layout, size, bold);
      /* a word wider than the box overflows it rather than breaking */
      if (wm_atlas_layout_height (layout) <= box->height && wm_atlas_layout_width (layout) <= box->width)
        break;
    }
  wm_atlas_pen_set_size (layout, size, bold);
  if (size <= min_size)
    {
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      if (wm_atlas_layout_height (layout) > box->height)
        {
          pango_layout_set_height (layout, (int) (box->height * PANGO_SCALE));
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
        }
    }
  y = box->y + MAX (box->height - wm_atlas_layout_height (layout), 0) * valign;
  wm_atlas_set_rgb (pen->cr, color);
  cairo_move_to (pen->cr, box->x, y);
  pango_cairo_show_layout (pen->cr, layout);
  g_object_unref (layout);
  return size;
}

int
wm_atlas_unit_decimals (WmIndicatorUnit unit)
{
  return unit == WM_INDICATOR_UNIT_EURO ? 0 : 1;
}

/* The unit printed after a value; an index is a bare number. */
static const char *
unit_suffix (WmIndicatorUnit unit)
{
  return unit == WM_INDICATOR_UNIT_INDEX ? NULL : wm_indicator_unit_symbol (unit);
}

/**
 * wm_atlas_format_value:
 *
 * A value as the sheets print it: Italian number style, one decimal (none
 * for euro), the unit.
 *
 * Returns: (transfer full): "12,3%", "9.360 €", "103,4"; "n.d." for NaN
 */
char *
wm_atlas_format_value (WmIndicatorId indicator,
                       double        value)
{
  const WmIndicatorDef *def = wm_indicator_def_get (indicator);

  return wm_chart_format_value (value, unit_suffix (def->unit), wm_atlas_unit_decimals (def->unit));
}

/* A change between two years: signed; shares in percentage points. */
char *
wm_atlas_format_change (WmIndicatorId indicator,
                        double        change)
{
  const WmIndicatorDef *def = wm_indicator_def_get (indicator);
  int decimals = wm_atlas_unit_decimals (def->unit);
  const char *unit = def->unit == WM_INDICATOR_UNIT_PERCENT ? _("p.p.") : unit_suffix (def->unit);
  g_autofree char *magnitude = wm_chart_format_value (fabs (change), unit, decimals);
  gboolean zero = round (fabs (change) * pow (10, decimals)) == 0;

  if (isnan (change))
    return g_strdup ("–");
  return g_strdup_printf ("%s%s", zero ? "" : change > 0 ? "+" : "−", magnitude);
}

char *
wm_atlas_format_date (GDateTime *date)
{
  return g_date_time_format (date, "%d/%m/%Y");
}
