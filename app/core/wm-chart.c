/* wm-chart.c — small charts drawn with cairo: trends, sparklines, bars
 *
 * Text goes through pango so long Italian labels are measured, not
 * guessed; NaN values are gaps, never zeros.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>
#include <langinfo.h>
#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>

#include "wm-chart.h"

#define AXIS_COLOR 0x77767b
#define GRID_COLOR 0xdeddda
#define TEXT_COLOR 0x3d3846

static void
set_rgb (cairo_t *cr,
         guint32  rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}

/**
 * wm_chart_nice_ticks:
 *
 * Heckbert's "nice numbers" for an axis from @lo to @hi.
 */
guint
wm_chart_nice_ticks (double  lo,
                     double  hi,
                     guint   max_ticks,
                     double *ticks,
                     guint   ticks_len)
{
  static const double steps[] = { 1, 2, 2.5, 5, 10 };
  double range, raw, magnitude, step = 1, first;
  guint n = 0;

  if (!isfinite (lo) || !isfinite (hi) || ticks_len == 0 || max_ticks < 2)
    return 0;
  if (hi < lo)
    {
      double t = lo;

      lo = hi;
      hi = t;
    }
  if (hi == lo)
    {
      /* One value: a small range around it, so it sits mid-axis. */
      double pad = lo == 0 ? 1 : fabs (lo) * 0.1;

      lo -= pad;
      hi += pad;
    }
  range = hi - lo;
  raw = range / (max_ticks - 1);
  magnitude = pow (10, floor (log10 (raw)));
  for (gsize i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * magnitude >= raw)
      {
        step = steps[i] * magnitude;
        break;
      }
  first = floor (lo / step) * step;
  /* Up to the first tick at or above hi, so the axis covers every value. */
  for (guint i = 0; n < ticks_len; i++)
    {
      /* Multiples of the step, not repeated sums: no binary noise. */
      ticks[n++] = (round (first / step) + i) * step;
      if (ticks[n - 1] >= hi - step * 1e-9)
        break;
    }
  return n;
}

/**
 * wm_chart_format_value:
 * @unit: (nullable): "%", "‰", "€" or any suffix
 *
 * The one number style of everything the app shows and prints: the
 * decimal mark and thousands separator of the user's locale (9.360,00 € in
 * Italian, 9,360.00 € in English), a narrow space between thousands where
 * the locale has no separator (C), a true minus sign, and no minus on a
 * value that rounds to zero.
 */
char *
wm_chart_format_value (double      value,
                       const char *unit,
                       int         decimals)
{
  const char *radix = nl_langinfo (RADIXCHAR);
  const char *group = nl_langinfo (THOUSEP);
  g_autofree char *plain = NULL;
  GString *out;
  const char *dot;
  gsize int_len;

  if (isnan (value))
    return g_strdup (_("n.d."));
  if (radix == NULL || *radix == '\0')
    radix = ".";
  if (group == NULL || *group == '\0')
    group = "\u202f";
  /* %f in the C style, then the locale's marks put in by hand, so that the
   * grouping does not depend on the locale's grouping rules */
  plain = g_strdup_printf ("%.*f", decimals, fabs (value));
  g_strdelimit (plain, ",", '.');
  dot = strchr (plain, '.');
  int_len = dot != NULL ? (gsize) (dot - plain) : strlen (plain);
  out = g_string_new (value < 0 && round (value * pow (10, decimals)) != 0 ? "−" : "");
  for (gsize i = 0; i < int_len; i++)
    {
      if (i > 0 && (int_len - i) % 3 == 0)
        g_string_append (out, group);
      g_string_append_c (out, plain[i]);
    }
  if (dot != NULL)
    {
      g_string_append (out, radix);
      g_string_append (out, dot + 1);
    }
  if (unit != NULL && *unit != '\0')
    {
      if (g_str_equal (unit, "%") || g_str_equal (unit, "‰"))
        g_string_append (out, unit);
      else
        g_string_append_printf (out, "\u202f%s", unit);
    }
  return g_string_free (out, FALSE);
}

static PangoLayout *
make_layout (cairo_t    *cr,
             const char *font,
             double      size_px)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (font != NULL ? font : "Cantarell, DejaVu Sans");

  pango_font_description_set_absolute_size (desc, size_px * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  return layout;
}

static void
show_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y,
           double       align_x,   /* 0 left, 0.5 centre, 1 right */
           double       align_y)
{
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - w * align_x, y - h * align_y);
  pango_cairo_show_layout (cr, layout);
}

static gboolean
range_of (const WmChartSeries *series,
          guint                n_series,
          guint                n_years,
          double              *lo,
          double              *hi)
{
  *lo = INFINITY;
  *hi = -INFINITY;
  for (guint s = 0; s < n_series; s++)
    for (guint i = 0; i < n_years; i++)
      if (!isnan (series[s].values[i]))
        {
          *lo = MIN (*lo, series[s].values[i]);
          *hi = MAX (*hi, series[s].values[i]);
        }
  return isfinite (*lo);
}

/**
 * wm_chart_draw_trend:
 * @series: lines over @years; the first is drawn last, on top
 *
 * A line chart with a y axis of nice ticks in @unit, every year (or every
 * other one when they do not fit) on the x axis and a legend below.
 */
void
wm_chart_draw_trend (cairo_t             *cr,
                     const WmChartBox    *box,
                     const int           *years,
                     guint                n_years,
                     const WmChartSeries *series,
                     guint                n_series,
                     const char          *unit,
                     const char          *font)
{
  PangoLayout *layout = make_layout (cr, font, MAX (8.0, MIN (11.0, box->height / 16)));
  double lo, hi, ticks[12];
  double left, right, top, bottom, legend_h;
  int text_w = 0, text_h;
  guint n_ticks, year_step = 1;

  cairo_save (cr);
  pango_layout_set_text (layout, "0", -1);
  pango_layout_get_pixel_size (layout, NULL, &text_h);

  if (n_years == 0 || !range_of (series, n_series, n_years, &lo, &hi))
    {
      set_rgb (cr, AXIS_COLOR);
      show_text (cr, layout, _("No data for these years"), box->x + box->width / 2,
                 box->y + box->height / 2, 0.5, 0.5);
      g_object_unref (layout);
      cairo_restore (cr);
      return;
    }
  /* Rates start at zero so small changes are not blown up. */
  if (lo > 0 && (unit == NULL || !g_str_equal (unit, "€")) && lo < hi * 0.8)
    lo = 0;
  n_ticks = wm_chart_nice_ticks (lo, hi, 5, ticks, G_N_ELEMENTS (ticks));
  lo = ticks[0];
  hi = ticks[n_ticks - 1];

  for (guint t = 0; t < n_ticks; t++)
    {
      g_autofree char *label = wm_chart_format_value (ticks[t], unit, hi - lo < 5 ? 1 : 0);
      int w;

      pango_layout_set_text (layout, label, -1);
      pango_layout_get_pixel_size (layout, &w, NULL);
      text_w = MAX (text_w, w);
    }
  legend_h = text_h + 6;
  left = box->x + text_w + 6;
  {
    int year_w;

    /* The last year's label is centred on the right edge of the plot. */
    pango_layout_set_text (layout, "2024", -1);
    pango_layout_get_pixel_size (layout, &year_w, NULL);
    right = box->x + box->width - year_w / 2.0 - 2;
  }
  top = box->y + text_h / 2.0;
  /* below the axis: half the lowest y label, then the years, then the legend */
  bottom = box->y + box->height - text_h / 2.0 - text_h - 4 - legend_h;

  /* Grid and y labels. */
  cairo_set_line_width (cr, 0.5);
  for (guint t = 0; t < n_ticks; t++)
    {
      double y = bottom - (ticks[t] - lo) / (hi - lo) * (bottom - top);
      g_autofree char *label = wm_chart_format_value (ticks[t], unit, hi - lo < 5 ? 1 : 0);

      set_rgb (cr, GRID_COLOR);
      cairo_move_to (cr, left, y);
      cairo_line_to (cr, right, y);
      cairo_stroke (cr);
      set_rgb (cr, TEXT_COLOR);
      show_text (cr, layout, label, left - 4, y, 1, 0.5);
    }

  /* Years: skip labels that would collide. */
  {
    int w;

    pango_layout_set_text (layout, "2024", -1);
    pango_layout_get_pixel_size (layout, &w, NULL);
    while (n_years > 1 && (right - left) / (n_years - 1) * year_step < w + 6)
      year_step++;
  }
  for (guint i = 0; i < n_years; i += year_step)
    {
      double x = n_years > 1 ? left + (right - left) * i / (n_years - 1) : (left + right) / 2;
      g_autofree char *label = g_strdup_printf ("%d", years[i]);

      set_rgb (cr, TEXT_COLOR);
      show_text (cr, layout, label, x, bottom + text_h / 2.0 + 2, 0.5, 0);
    }
  set_rgb (cr, AXIS_COLOR);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, left, bottom);
  cairo_line_to (cr, right, bottom);
  cairo_stroke (cr);

  /* Lines, last series first so the first is on top; a gap at NaN. */
  for (int s = (int) n_series - 1; s >= 0; s--)
    {
      gboolean pen_down = FALSE;

      set_rgb (cr, series[s].color);
      cairo_set_line_width (cr, s == 0 ? 2.2 : 1.6);
      if (series[s].dashed)
        {
          double dash[] = { 5, 3 };
          cairo_set_dash (cr, dash, 2, 0);
        }
      for (guint i = 0; i < n_years; i++)
        {
          double v = series[s].values[i];
          double x = n_years > 1 ? left + (right - left) * i / (n_years - 1) : (left + right) / 2;

          if (isnan (v))
            {
              pen_down = FALSE;
              continue;
            }
          if (pen_down)
            cairo_line_to (cr, x, bottom - (v - lo) / (hi - lo) * (bottom - top));
          else
            cairo_move_to (cr, x, bottom - (v - lo) / (hi - lo) * (bottom - top));
          pen_down = TRUE;
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      /* Dots, so a single year between gaps still shows. */
      for (guint i = 0; i < n_years; i++)
        if (!isnan (series[s].values[i]))
          {
            double x = n_years > 1 ? left + (right - left) * i / (n_years - 1) : (left + right) / 2;

            cairo_arc (cr, x, bottom - (series[s].values[i] - lo) / (hi - lo) * (bottom - top),
                       s == 0 ? 2.4 : 1.8, 0, 2 * G_PI);
            cairo_fill (cr);
          }
    }

  /* Legend: when the labels do not all fit on the line (a long area
   * name), each gets an equal share of it, shortened with "…". */
  {
    double x = left, y = box->y + box->height - legend_h / 2, share = -1, natural = 0;

    for (guint s = 0; s < n_series; s++)
      {
        int w;

        pango_layout_set_text (layout, series[s].label, -1);
        pango_layout_get_pixel_size (layout, &w, NULL);
        natural += 20 + w + 14;
      }
    if (n_series > 0 && natural - 14 > right - left)
      share = (right - left + 14) / n_series - 34;

    for (guint s = 0; s < n_series; s++)
      {
        int w;

        set_rgb (cr, series[s].color);
        cairo_set_line_width (cr, 2);
        if (series[s].dashed)
          {
            double dash[] = { 4, 2 };
            cairo_set_dash (cr, dash, 2, 0);
          }
        cairo_move_to (cr, x, y);
        cairo_line_to (cr, x + 16, y);
        cairo_stroke (cr);
        cairo_set_dash (cr, NULL, 0, 0);
        set_rgb (cr, TEXT_COLOR);
        pango_layout_set_text (layout, series[s].label, -1);
        pango_layout_set_width (layout, share > 0 ? (int) (MAX (share, 1) * PANGO_SCALE) : -1);
        pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
        pango_layout_get_pixel_size (layout, &w, NULL);
        cairo_move_to (cr, x + 20, y - text_h / 2.0);
        pango_cairo_show_layout (cr, layout);
        pango_layout_set_width (layout, -1);
        x += 20 + w + 14;
      }
  }

  g_object_unref (layout);
  cairo_restore (cr);
}

static void
sparkline_path (cairo_t          *cr,
                const WmChartBox *box,
                const double     *values,
                guint             n,
                double            lo,
                double            hi)
{
  gboolean pen_down = FALSE;

  for (guint i = 0; i < n; i++)
    {
      double x = box->x + 3 + (n > 1 ? (box->width - 6) * i / (n - 1) : (box->width - 6) / 2);
      double y = box->y + 3 + (box->height - 6) * (1 - (values[i] - lo) / (hi - lo));

      if (isnan (values[i]))
        {
          pen_down = FALSE;
          continue;
        }
      if (pen_down)
        cairo_line_to (cr, x, y);
      else
        cairo_move_to (cr, x, y);
      pen_down = TRUE;
    }
}

/**
 * wm_chart_draw_sparkline:
 * @reference: (nullable): a series to compare with (the municipality),
 *   drawn thin, dashed and grey on the same scale
 * @highlight: index of the point to mark (the year shown), or -1
 *
 * A bare line over the box, scaled to the values' own range.
 */
void
wm_chart_draw_sparkline (cairo_t          *cr,
                         const WmChartBox *box,
                         const double     *values,
                         const double     *reference,
                         guint             n,
                         int               highlight,
                         guint32           color)
{
  double lo = INFINITY, hi = -INFINITY;

  for (guint i = 0; i < n; i++)
    {
      if (!isnan (values[i]))
        {
          lo = MIN (lo, values[i]);
          hi = MAX (hi, values[i]);
        }
      if (reference != NULL && !isnan (reference[i]))
        {
          lo = MIN (lo, reference[i]);
          hi = MAX (hi, reference[i]);
        }
    }
  if (!isfinite (lo))
    return;
  if (hi == lo)
    {
      lo -= 1;
      hi += 1;
    }

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  if (reference != NULL)
    {
      double dash[] = { 3, 2 };

      set_rgb (cr, AXIS_COLOR);
      cairo_set_line_width (cr, 1);
      cairo_set_dash (cr, dash, 2, 0);
      sparkline_path (cr, box, reference, n, lo, hi);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  set_rgb (cr, color);
  cairo_set_line_width (cr, 1.5);
  sparkline_path (cr, box, values, n, lo, hi);
  cairo_stroke (cr);
  if (highlight >= 0 && (guint) highlight < n && !isnan (values[highlight]))
    {
      double x = box->x + 3 + (n > 1 ? (box->width - 6) * highlight / (n - 1) : (box->width - 6) / 2);
      double y = box->y + 3 + (box->height - 6) * (1 - (values[highlight] - lo) / (hi - lo));

      cairo_arc (cr, x, y, 3, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  cairo_restore (cr);
}

/**
 * wm_chart_draw_bars:
 * @reference: where bars start from (e.g. 100 for normalised components);
 *   bars grow right above it and left below it
 *
 * Horizontal bars with their labels on the left and values on the right.
 */
void
wm_chart_draw_bars (cairo_t            *cr,
                    const WmChartBox   *box,
                    const char * const *labels,
                    const double       *values,
                    guint               n,
                    double              reference,
                    guint32             color,
                    const char         *font)
{
  PangoLayout *layout;
  double lo = reference, hi = reference, row, bar_left, bar_right, x_ref;
  int label_w = 0, value_w = 0;

  if (n == 0)
    return;
  row = box->height / n;
  layout = make_layout (cr, font, MAX (7.0, MIN (11.0, row * 0.62)));
  cairo_save (cr);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *v = wm_chart_format_value (values[i], NULL, 1);
      int w;

      if (!isnan (values[i]))
        {
          lo = MIN (lo, values[i]);
          hi = MAX (hi, values[i]);
        }
      pango_layout_set_text (layout, labels[i], -1);
      pango_layout_get_pixel_size (layout, &w, NULL);
      label_w = MAX (label_w, w);
      pango_layout_set_text (layout, v, -1);
      pango_layout_get_pixel_size (layout, &w, NULL);
      value_w = MAX (value_w, w);
    }
  label_w = MIN (label_w, (int) (box->width * 0.45));
  bar_left = box->x + label_w + 6;
  bar_right = box->x + box->width - value_w - 6;
  if (hi == lo)
    hi = lo + 1;
  x_ref = bar_left + (reference - lo) / (hi - lo) * (bar_right - bar_left);

  for (guint i = 0; i < n; i++)
    {
      double y = box->y + row * i;
      g_autofree char *v = wm_chart_format_value (values[i], NULL, 1);

      set_rgb (cr, TEXT_COLOR);
      pango_layout_set_width (layout, label_w * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      show_text (cr, layout, labels[i], box->x, y + row / 2, 0, 0.5);
      pango_layout_set_width (layout, -1);
      if (!isnan (values[i]))
        {
          double x = bar_left + (values[i] - lo) / (hi - lo) * (bar_right - bar_left);

          set_rgb (cr, color);
          cairo_rectangle (cr, MIN (x, x_ref), y + row * 0.18, fabs (x - x_ref), row * 0.64);
          cairo_fill (cr);
        }
      set_rgb (cr, TEXT_COLOR);
      show_text (cr, layout, v, box->x + box->width, y + row / 2, 1, 0.5);
    }
  set_rgb (cr, AXIS_COLOR);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, x_ref, box->y);
  cairo_line_to (cr, x_ref, box->y + box->height);
  cairo_stroke (cr);

  g_object_unref (layout);
  cairo_restore (cr);
}
