/* wm-atlas-sheet.c — one area's sheet: title, map, table, charts, services
 *
 * The table prints, for each chosen indicator, the area's value, the
 * municipality's, the area's rank among the layer's areas and its change
 * since the first year; never a numerator or a denominator. "n.d." is a
 * value hidden by disclosure control, "–" a value the data does not give;
 * each gets a footnote on the sheets where it appears.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "wm-atlas-private.h"

#define DARK 0x241f31
#define GREY 0x5e5c64
#define LIGHT 0xf3f2f1
#define RULE 0xc0bfbc
#define ACCENT 0x1c71d8
#define MUNICIPALITY 0x77767b
#define N_COLUMNS 5

static const char *
hidden_mark (void)
{
  /* TRANSLATORS: "non disponibile": a value hidden by disclosure control */
  return _("n.d.");
}

static void
rule (cairo_t *cr,
      double   x,
      double   y,
      double   width)
{
  wm_atlas_set_rgb (cr, RULE);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x + width, y);
  cairo_stroke (cr);
}

static void
draw_header (WmAtlas          *self,
             WmAtlasPen       *pen,
             guint             area,
             const WmChartBox *title,
             const WmChartBox *sub)
{
  g_autofree char *line1 = NULL, *line2 = NULL, *printed = wm_atlas_format_date (self->printed_at);
  WmChartBox top = { sub->x, sub->y, sub->width, 14 }, bottom = { sub->x, sub->y + 15, sub->width, sub->height - 15 };

  wm_atlas_pen_fit (pen, wm_atlas_area_name (self, area), title, 20, 10, TRUE, DARK, 1);
  line1 = g_strdup_printf ("%s %s · %s · %d", self->layer_name, wm_area_geometry_get_code (self->geometry, area),
                           self->municipality, self->year);
  wm_atlas_pen_fit (pen, line1, &top, 10, 7, FALSE, DARK, 0);
  line2 = g_strdup_printf (_("Extract of %s · printed on %s by: %s%s"),
                           self->extract_date != NULL ? self->extract_date : "–", printed,
                           self->printed_by != NULL ? self->printed_by : _("unknown"),
                           self->disclosure ? _(" · small values hidden (disclosure control)") : "");
  wm_atlas_pen_fit (pen, line2, &bottom, 7.5, 5.5, FALSE, GREY, 0);
  rule (pen->cr, sub->x, sub->y + sub->height + 4, sub->width);
}

typedef struct {
  char *text[N_COLUMNS];
  gboolean bold;
} Row;

static void
row_clear (Row *row)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    g_free (row->text[c]);
}

static char *
cell_text (WmAtlasCell    cell,
           WmIndicatorId  indicator,
           gboolean      *hidden,
           gboolean      *missing)
{
  if (cell.state == WM_ATLAS_CELL_HIDDEN)
    {
      *hidden = TRUE;
      return g_strdup (hidden_mark ());
    }
  if (cell.state == WM_ATLAS_CELL_NO_DATA)
    {
      *missing = TRUE;
      return g_strdup ("–");
    }
  return wm_atlas_format_value (indicator, cell.value);
}

static void
fill_row (WmAtlas       *self,
          Row           *row,
          WmIndicatorId  indicator,
          int            t,
          gboolean      *hidden,
          gboolean      *missing)
{
  WmAtlasCell now = wm_atlas_cell (self, indicator, self->year_index, t);
  WmAtlasCell first = wm_atlas_cell (self, indicator, 0, t);
  double municipality = wm_indicator_table_get_municipality_value (self->table, indicator, self->year);
  guint rank, n_ranked;

  row->text[0] = g_strdup (wm_indicator_def_get_label (wm_indicator_def_get (indicator)));
  row->text[1] = cell_text (now, indicator, hidden, missing);
  row->text[2] = isnan (municipality) ? g_strdup ("–") : wm_atlas_format_value (indicator, municipality);
  if (isnan (municipality))
    *missing = TRUE;
  rank = wm_atlas_rank (self, indicator, t, &n_ranked);
  row->text[3] = rank > 0 ? g_strdup_printf ("%u / %u", rank, n_ranked) : g_strdup (now.state == WM_ATLAS_CELL_HIDDEN ? hidden_mark () : "–");
  if (self->year_index == 0)
    row->text[4] = g_strdup ("–");
  else if (now.state == WM_ATLAS_CELL_HIDDEN || first.state == WM_ATLAS_CELL_HIDDEN)
    {
      *hidden = TRUE;
      row->text[4] = g_strdup (hidden_mark ());
    }
  else if (now.state == WM_ATLAS_CELL_VALUE && first.state == WM_ATLAS_CELL_VALUE)
    row->text[4] = wm_atlas_format_change (indicator, now.value - first.value);
  else
    {
      *missing = TRUE;
      row->text[4] = g_strdup ("–");
    }
}

typedef struct {
  double x[N_COLUMNS];
  double width[N_COLUMNS];
} Columns;

static PangoLayout *
cell_layout (WmAtlasPen *pen,
             const char *text,
             double      width,
             double      size,
             gboolean    bold,
             gboolean    wrap)
{
  PangoLayout *layout = wm_atlas_pen_layout (pen, size, bold);

  if (wrap)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* The height of a row; draws it when @y ≥ 0. Numbers are right-aligned
 * on the first line of the label. */
static double
table_row (WmAtlasPen    *pen,
           const Columns *cols,
           const Row     *row,
           double         size,
           gboolean       header,
           double         y,
           gboolean       shaded)
{
  PangoLayout *layouts[N_COLUMNS];
  double height = 0;

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      /* value cells do not wrap: a number never breaks (the table shrinks instead) */
      layouts[c] = cell_layout (pen, row->text[c], cols->width[c] - 6, size, header || (row->bold && c < 2),
                                header || c == 0);
      height = MAX (height, wm_atlas_layout_height (layouts[c]));
    }
  height += 3;
  if (y >= 0)
    {
      if (shaded)
        {
          cairo_rectangle (pen->cr, cols->x[0], y, cols->x[N_COLUMNS - 1] + cols->width[N_COLUMNS - 1] - cols->x[0], height);
          wm_atlas_set_rgb (pen->cr, LIGHT);
          cairo_fill (pen->cr);
        }
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          double w = wm_atlas_layout_width (layouts[c]);

          if (c > 0)
            pango_layout_set_alignment (layouts[c], PANGO_ALIGN_RIGHT);
          wm_atlas_set_rgb (pen->cr, header ? GREY : DARK);
          /* a wrapped header is right-aligned within its own width */
          cairo_move_to (pen->cr, c == 0 ? cols->x[c] + 3
                                 : header ? cols->x[c] + 3 : cols->x[c] + cols->width[c] - 3 - w,
                         y + 1.5);
          pango_cairo_show_layout (pen->cr, layouts[c]);
        }
    }
  for (guint c = 0; c < N_COLUMNS; c++)
    g_object_unref (layouts[c]);
  return height;
}

static double
widest_value (WmAtlasPen *pen,
              Row        *rows,
              guint       n_rows,
              guint       column,
              double      size)
{
  double widest = 0;

  for (guint r = 0; r < n_rows; r++)
    {
      PangoLayout *layout = cell_layout (pen, rows[r].text[column], 0, size, rows[r].bold && column < 2, FALSE);

      widest = MAX (widest, wm_atlas_layout_width (layout));
      g_object_unref (layout);
    }
  return widest;
}

static void
draw_table (WmAtlas          *self,
            WmAtlasPen       *pen,
            const WmChartBox *box,
            int               t)
{
  Row header = { { NULL } };
  g_autofree Row *rows = g_new0 (Row, self->n_indicators);
  g_autoptr(GString) notes = g_string_new (NULL);
  gboolean hidden = FALSE, missing = FALSE;
  double size, label_share = self->landscape ? 0.36 : 0.44, total = 0, notes_h = 0, y;
  Columns cols;
  guint n_years;
  const int *years = wm_indicator_table_get_years (self->table, &n_years);

  header.text[0] = g_strdup (_("Indicator"));
  header.text[1] = g_strdup (_("Area"));
  header.text[2] = g_strdup (_("Municipality"));
  header.text[3] = g_strdup (_("Rank (1 = highest)"));
  header.text[4] = g_strdup_printf (_("Change since %d"), years[0]);
  for (guint i = 0; i < self->n_indicators; i++)
    {
      fill_row (self, &rows[i], self->indicators[i], t, &hidden, &missing);
      rows[i].bold = i == 0;
    }
  if (hidden)
    g_string_append_printf (notes, _("%s: not shown to protect privacy — fewer than %u persons or families in "
                                     "the group, or only 1 or 2 counted. "),
                            hidden_mark (), self->min_denominator);
  if (missing)
    g_string_append (notes, _("–: no data. "));
  g_string_append (notes, _("The first indicator is the one mapped."));

  cols.width[0] = box->width * label_share;
  for (guint c = 1; c < N_COLUMNS; c++)
    cols.width[c] = (box->width - cols.width[0]) / (N_COLUMNS - 1);
  for (guint c = 0; c < N_COLUMNS; c++)
    cols.x[c] = c == 0 ? box->x : cols.x[c - 1] + cols.width[c - 1];

  /* the largest type at which rows, numbers and notes fit */
  for (size = 7.5; size > 5.5; size -= 0.25)
    {
      gboolean numbers_fit = TRUE;

      for (guint c = 1; c < N_COLUMNS; c++)
        numbers_fit &= widest_value (pen, rows, self->n_indicators, c, size) <= cols.width[c] - 6;
      total = table_row (pen, &cols, &header, size - 0.5, TRUE, -1, FALSE);
      for (guint i = 0; i < self->n_indicators; i++)
        total += table_row (pen, &cols, &rows[i], size, FALSE, -1, FALSE);
      {
        PangoLayout *layout = cell_layout (pen, notes->str, box->width, size - 1, FALSE, TRUE);

        notes_h = wm_atlas_layout_height (layout) + 3;
        g_object_unref (layout);
      }
      if (numbers_fit && total + notes_h <= box->height)
        break;
    }

  y = box->y;
  y += table_row (pen, &cols, &header, size - 0.5, TRUE, y, FALSE);
  rule (pen->cr, box->x, y, box->width);
  for (guint i = 0; i < self->n_indicators; i++)
    y += table_row (pen, &cols, &rows[i], size, FALSE, y, i % 2 == 1);
  rule (pen->cr, box->x, y, box->width);
  wm_atlas_pen_write (pen, notes->str, box->x, y + 2, box->width, size - 1, FALSE, GREY);

  row_clear (&header);
  for (guint i = 0; i < self->n_indicators; i++)
    row_clear (&rows[i]);
}

/* A chart's heading; returns the box left below it. */
static WmChartBox
chart_heading (WmAtlasPen       *pen,
               const char       *text,
               const WmChartBox *box)
{
  double h = wm_atlas_pen_write (pen, text, box->x, box->y, box->width, 7.5, TRUE, DARK) + 3;

  return (WmChartBox) { box->x, box->y + h, box->width, box->height - h };
}

static void
draw_trend (WmAtlas          *self,
            WmAtlasPen       *pen,
            const WmChartBox *box,
            guint             area,
            int               t)
{
  WmIndicatorId mapped = self->indicators[0];
  const WmIndicatorDef *def = wm_indicator_def_get (mapped);
  guint n_years;
  const int *years = wm_indicator_table_get_years (self->table, &n_years);
  g_autofree double *mine = g_new (double, n_years);
  g_autofree double *all = g_new (double, n_years);
  g_autofree char *heading = g_strdup_printf (_("%s over the years"), wm_indicator_def_get_label (def));
  WmChartSeries series[2] = {
    { wm_atlas_area_name (self, area), mine, ACCENT, FALSE },
    { self->municipality, all, MUNICIPALITY, TRUE },
  };
  WmChartBox chart = chart_heading (pen, heading, box);
  const char *unit = def->unit == WM_INDICATOR_UNIT_INDEX ? NULL : wm_indicator_unit_symbol (def->unit);

  for (guint y = 0; y < n_years; y++)
    {
      mine[y] = wm_atlas_cell (self, mapped, y, t).value;
      all[y] = wm_indicator_table_get_municipality_value (self->table, mapped, years[y]);
    }
  wm_chart_draw_trend (pen->cr, &chart, years, n_years, series, 2, unit, WM_ATLAS_FONT);
}

/* The seven components of the composite in the area, the municipality's
 * being 100. */
static void
draw_components (WmAtlas          *self,
                 WmAtlasPen       *pen,
                 const WmChartBox *box,
                 int               t)
{
  const char *labels[WM_IVSM_N_COMPONENTS];
  double values[WM_IVSM_N_COMPONENTS];
  WmChartBox chart = chart_heading (pen, _("Components of the vulnerability index (municipality = 100)"), box);

  /* rows about as tall as the table's, so the labels match its type */
  chart.height = MIN (chart.height, WM_IVSM_N_COMPONENTS * 11.5);

  for (WmIndicatorId c = 0; c < WM_IVSM_N_COMPONENTS; c++)
    {
      double m = wm_indicator_table_get_municipality_value (self->table, c, self->year);
      WmAtlasCell cell = wm_atlas_cell (self, c, self->year_index, t);

      labels[c] = wm_indicator_def_get_label (wm_indicator_def_get (c));
      values[c] = m > 0 && cell.state == WM_ATLAS_CELL_VALUE ? 100 * cell.value / m : NAN;
    }
  wm_chart_draw_bars (pen->cr, &chart, labels, values, WM_IVSM_N_COMPONENTS, 100, ACCENT, WM_ATLAS_FONT);
}

typedef struct {
  PangoLayout *name;
  PangoLayout *details;
  double height;
} Entry;

static char *
site_details (WmAtlas               *self,
              const WmAtlasNearSite *near)
{
  const WmServiceSite *site = wm_service_sites_get (self->sites, near->site);
  GString *s = g_string_new (wm_user_area_name (site->area));

  if (site->address != NULL)
    g_string_append_printf (s, " · %s", site->address);
  if (near->distance > 0)
    g_string_append_printf (s, _(" · %.0f m away"), near->distance);
  return g_string_free (s, FALSE);
}

static void
draw_entry (WmAtlas     *self,
            WmAtlasPen  *pen,
            const Entry *entry,
            guint        site_index,
            guint        number,
            double       x,
            double       y,
            double       indent)
{
  const WmServiceSite *site = wm_service_sites_get (self->sites, site_index);
  g_autofree char *digits = g_strdup_printf ("%u", number);
  PangoLayout *layout = cell_layout (pen, digits, 0, 5.6, TRUE, FALSE);
  PangoRectangle ink;

  cairo_new_path (pen->cr);
  cairo_arc (pen->cr, x + 5, y + 5, 5, 0, 2 * G_PI);
  wm_atlas_set_rgb (pen->cr, wm_user_area_color (site->area));
  cairo_fill (pen->cr);
  pango_layout_get_extents (layout, &ink, NULL);
  cairo_set_source_rgb (pen->cr, 1, 1, 1);
  cairo_move_to (pen->cr, x + 5 - (ink.x + ink.width / 2.0) / PANGO_SCALE, y + 5 - (ink.y + ink.height / 2.0) / PANGO_SCALE);
  pango_cairo_show_layout (pen->cr, layout);
  g_object_unref (layout);
  wm_atlas_set_rgb (pen->cr, DARK);
  cairo_move_to (pen->cr, x + indent, y);
  pango_cairo_show_layout (pen->cr, entry->name);
  wm_atlas_set_rgb (pen->cr, GREY);
  cairo_move_to (pen->cr, x + indent, y + wm_atlas_layout_height (entry->name));
  pango_cairo_show_layout (pen->cr, entry->details);
}

/**
 * services:
 * @draw: %FALSE only measures
 *
 * The list of services near the area in columns, as many as fit.
 *
 * Returns: how many are listed (and numbered on the map)
 */
static guint
services (WmAtlas          *self,
          WmAtlasPen       *pen,
          const WmChartBox *box,
          GArray           *near,
          gboolean          draw)
{
  const double gap = 12, indent = 14, note_h = 9;
  g_autofree char *heading = g_strdup_printf (_("Services in the area or within %.0f m of it (in a straight line): %u"),
                                              self->walk_distance, near->len);
  PangoLayout *heading_layout = cell_layout (pen, heading, box->width, 7.5, TRUE, TRUE);
  double top = box->y + wm_atlas_layout_height (heading_layout) + 3;
  double col_w = (box->width - gap) / 2, col_h = box->y + box->height - top, y = 0;
  g_autofree Entry *entries = g_new0 (Entry, MAX (near->len, 1));
  guint fits, column = 0;

  if (draw)
    {
      wm_atlas_set_rgb (pen->cr, DARK);
      cairo_move_to (pen->cr, box->x, box->y);
      pango_cairo_show_layout (pen->cr, heading_layout);
    }
  g_object_unref (heading_layout);
  if (near->len == 0)
    {
      if (draw)
        wm_atlas_pen_write (pen, _("No service site of the extract lies in the area or within walking distance."),
                            box->x, top, box->width, 7, FALSE, GREY);
      return 0;
    }
  for (guint i = 0; i < near->len; i++)
    {
      const WmAtlasNearSite *n = &g_array_index (near, WmAtlasNearSite, i);
      g_autofree char *details = site_details (self, n);

      entries[i].name = cell_layout (pen, wm_service_sites_get (self->sites, n->site)->name, col_w - indent, 7, TRUE, TRUE);
      entries[i].details = cell_layout (pen, details, col_w - indent, 6.3, FALSE, TRUE);
      entries[i].height = wm_atlas_layout_height (entries[i].name) + wm_atlas_layout_height (entries[i].details) + 2.5;
    }
  /* the first column, then the second, which keeps a line at its foot
   * for the note on what is left out */
  for (fits = 0; fits < near->len; fits++)
    {
      double h = entries[fits].height, room = col_h - (column == 1 && fits + 1 < near->len ? note_h : 0);

      if (y + h > room)
        {
          if (column == 1)
            break;
          column = 1;
          y = 0;
          if (h > col_h - (fits + 1 < near->len ? note_h : 0))
            break;
        }
      if (draw)
        draw_entry (self, pen, &entries[fits], g_array_index (near, WmAtlasNearSite, fits).site, fits + 1,
                    box->x + column * (col_w + gap), top + y, indent);
      y += h;
    }
  if (draw && fits < near->len)
    {
      g_autofree char *note = g_strdup_printf (ngettext ("… and %u more, shown on the map as a dot",
                                                         "… and %u more, shown on the map as dots",
                                                         near->len - fits), near->len - fits);

      wm_atlas_pen_write (pen, note, box->x + col_w + gap, box->y + box->height - note_h, col_w, 6.3, FALSE, GREY);
    }
  for (guint i = 0; i < near->len; i++)
    {
      g_clear_object (&entries[i].name);
      g_clear_object (&entries[i].details);
    }
  return fits;
}

/**
 * wm_atlas_draw_footer:
 * @page: 0-based
 *
 * Sources and licences on the left, the page number on the right.
 */
double
wm_atlas_draw_footer (WmAtlas          *self,
                      WmAtlasPen       *pen,
                      const WmChartBox *box,
                      guint             page)
{
  g_autofree char *sources = wm_atlas_sources (self);
  g_autofree char *number = g_strdup_printf ("%u / %u", page + 1, wm_atlas_get_n_pages (self));
  PangoLayout *layout = cell_layout (pen, number, 0, 8, TRUE, FALSE);
  double number_w = wm_atlas_layout_width (layout);

  rule (pen->cr, box->x, box->y, box->width);
  {
    WmChartBox text = { box->x, box->y + 3, box->width - number_w - 16, box->height - 3 };

    wm_atlas_pen_fit (pen, sources, &text, 6, 4.5, FALSE, GREY, 0);
  }
  wm_atlas_set_rgb (pen->cr, DARK);
  cairo_move_to (pen->cr, box->x + box->width - number_w, box->y + 4);
  pango_cairo_show_layout (pen->cr, layout);
  g_object_unref (layout);
  return number_w;
}

/* Where the data, boundaries, method, basemap and colours come from. */
char *
wm_atlas_sources (WmAtlas *self)
{
  g_autoptr(GString) s = g_string_new (NULL);

  g_string_append_printf (s, _("Data: %s. "), self->attribution != NULL && *self->attribution != '\0'
                                              ? self->attribution
                                              : _("municipal registers and service records (pseudonymised extract)"));
  if (self->layer_source != NULL && *self->layer_source != '\0')
    g_string_append_printf (s, _("Boundaries: %s. "), self->layer_source);
  g_string_append (s, _("Indicators computed by WelfareMap; vulnerability index after ISTAT’s IVSM "
                        "(adjusted Mazziotta–Pareto index). "));
  if (self->basemap_attribution != NULL)
    g_string_append_printf (s, _("Basemap: %s (ODbL). "), self->basemap_attribution);
  g_string_append_printf (s, _("Colours: %s."), "ColorBrewer.org, Cynthia A. Brewer");
  return g_string_free (g_steal_pointer (&s), FALSE);
}

void
wm_atlas_draw_sheet (WmAtlas    *self,
                     WmAtlasPen *pen,
                     guint       sheet,
                     double      device_scale)
{
  WmChartBox b[WM_ATLAS_N_BOXES];
  guint area = self->sheets[sheet], n_listed;
  int t = self->to_table[area];
  g_autoptr(GArray) near = wm_atlas_near_sites (self, area);
  g_autofree char *dest = g_strdup_printf ("name='sheet-%u'", sheet + 1);
  WmMapView view;

  wm_atlas_sheet_boxes (self->landscape, b);
  cairo_tag_begin (pen->cr, CAIRO_TAG_DEST, dest);
  draw_header (self, pen, area, &b[WM_ATLAS_BOX_TITLE], &b[WM_ATLAS_BOX_SUBTITLE]);
  cairo_tag_end (pen->cr, CAIRO_TAG_DEST);

  n_listed = services (self, pen, &b[WM_ATLAS_BOX_SERVICES], near, FALSE);
  wm_atlas_sheet_view (self, area, &b[WM_ATLAS_BOX_MAP], &view);
  wm_atlas_draw_map (self, pen, &b[WM_ATLAS_BOX_MAP], &view, area, near, n_listed, device_scale);
  wm_atlas_draw_legend (self, pen, &b[WM_ATLAS_BOX_LEGEND], &view);
  draw_table (self, pen, &b[WM_ATLAS_BOX_TABLE], t);
  draw_trend (self, pen, &b[WM_ATLAS_BOX_TREND], area, t);
  draw_components (self, pen, &b[WM_ATLAS_BOX_BARS], t);
  services (self, pen, &b[WM_ATLAS_BOX_SERVICES], near, TRUE);
  wm_atlas_draw_footer (self, pen, &b[WM_ATLAS_BOX_FOOTER], wm_atlas_get_sheet_page (self, sheet));
}
