/* wm-atlas-cover.c — the cover and the index of an atlas
 *
 * The cover says what the atlas is (municipality, layer, year, the
 * indicators, the extract, who printed it) over a map of the whole layer.
 * The index lists every area by name — in full, wrapped if long — with
 * its page; each entry is a link to its sheet in the PDF.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wm-atlas-private.h"

#define DARK 0x241f31
#define GREY 0x5e5c64

typedef struct {
  WmChartBox kicker, name, line, map, legend, indicators, meta;
} CoverBoxes;

static void
cover_boxes (gboolean    landscape,
             CoverBoxes *c)
{
  const double m = WM_ATLAS_MARGIN;
  double w, h, inner;

  wm_atlas_base_size (landscape, &w, &h);
  inner = w - 2 * m;
  c->kicker = (WmChartBox) { m, m, inner, 14 };
  if (!landscape)
    {
      c->name = (WmChartBox) { m, m + 18, inner, 72 };
      c->line = (WmChartBox) { m, m + 94, inner, 34 };
      c->map = (WmChartBox) { m, 170, 352, 330 };
      c->legend = (WmChartBox) { m + 362, 170, inner - 362, 330 };
      c->indicators = (WmChartBox) { m, 516, inner, 196 };
      c->meta = (WmChartBox) { m, 724, inner, 56 };
    }
  else
    {
      c->name = (WmChartBox) { m, m + 18, inner, 50 };
      c->line = (WmChartBox) { m, m + 72, inner, 26 };
      c->map = (WmChartBox) { m, 130, 400, 374 };
      c->legend = (WmChartBox) { m + 410, 130, 140, 374 };
      c->indicators = (WmChartBox) { m + 566, 130, inner - 566, 270 };
      c->meta = (WmChartBox) { m + 566, 410, inner - 566, 94 };
    }
}

static void
indicator_list (WmAtlas          *self,
                WmAtlasPen       *pen,
                const WmChartBox *box)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < self->n_indicators; i++)
    {
      const WmIndicatorDef *def = wm_indicator_def_get (self->indicators[i]);

      g_string_append_printf (s, "%u. %s%s\n", i + 1, wm_indicator_def_get_label (def),
                              i == 0 ? _(" — mapped") : "");
    }
  g_strchomp (s->str);
  {
    double h = wm_atlas_pen_write (pen, _("Indicators"), box->x, box->y, box->width, 10, TRUE, DARK) + 4;
    WmChartBox rest = { box->x, box->y + h, box->width, box->height - h };

    wm_atlas_pen_fit (pen, s->str, &rest, 9, 6, FALSE, DARK, 0);
  }
}

void
wm_atlas_draw_cover (WmAtlas    *self,
                     WmAtlasPen *pen,
                     double      device_scale)
{
  CoverBoxes c;
  WmChartBox footer[WM_ATLAS_N_BOXES];
  double x0, y0, x1, y1;
  g_autofree char *line = NULL, *meta = NULL, *printed = wm_atlas_format_date (self->printed_at);
  WmMapView view;

  cover_boxes (self->landscape, &c);
  wm_atlas_sheet_boxes (self->landscape, footer);
  wm_atlas_pen_fit (pen, _("WelfareMap · Neighbourhood atlas"), &c.kicker, 9, 7, FALSE, GREY, 0);
  wm_atlas_pen_fit (pen, self->municipality != NULL ? self->municipality : "", &c.name, 30, 12, TRUE, DARK, 1);
  line = g_strdup_printf (ngettext ("%s: %u area · %d", "%s: %u areas · %d", self->n_sheets),
                          self->layer_name, self->n_sheets, self->year);
  wm_atlas_pen_fit (pen, line, &c.line, 14, 8, FALSE, DARK, 0);

  wm_area_geometry_get_extent (self->geometry, &x0, &y0, &x1, &y1);
  wm_map_view_fit (&view, x0, y0, x1, y1, c.map.width, c.map.height, 10);
  wm_atlas_draw_map (self, pen, &c.map, &view, -1, NULL, 0, device_scale);
  wm_atlas_draw_legend (self, pen, &c.legend, NULL);
  indicator_list (self, pen, &c.indicators);

  meta = g_strdup_printf (_("Extract of %s. Printed on %s by: %s.%s"),
                          self->extract_date != NULL ? self->extract_date : "–", printed,
                          self->printed_by != NULL ? self->printed_by : _("unknown"),
                          self->disclosure
                          ? _(" Values of small groups are not shown (disclosure control).")
                          : _(" Values of small groups are shown: keep this atlas inside the office."));
  wm_atlas_pen_fit (pen, meta, &c.meta, 8, 6, FALSE, GREY, 0);
  wm_atlas_draw_footer (self, pen, &footer[WM_ATLAS_BOX_FOOTER], 0);
}

/* @index_page: 0-based among the index pages */
void
wm_atlas_draw_index (WmAtlas    *self,
                     WmAtlasPen *pen,
                     guint       index_page)
{
  WmChartBox columns[3], footer[WM_ATLAS_N_BOXES];
  guint n_columns;
  g_autofree char *subtitle = g_strdup_printf (_("The areas of the layer “%s” by name, with the page of their sheet"),
                                               self->layer_name);
  PangoLayout *name = wm_atlas_pen_layout (pen, WM_ATLAS_INDEX_SIZE, FALSE);
  PangoLayout *number = wm_atlas_pen_layout (pen, WM_ATLAS_INDEX_SIZE, TRUE);

  wm_atlas_index_columns (self->landscape, columns, &n_columns);
  wm_atlas_sheet_boxes (self->landscape, footer);
  wm_atlas_pen_write (pen, _("Index of areas"), WM_ATLAS_MARGIN, WM_ATLAS_MARGIN, 0, 16, TRUE, DARK);
  wm_atlas_pen_write (pen, subtitle, WM_ATLAS_MARGIN, WM_ATLAS_MARGIN + 24, columns[n_columns - 1].x +
                      columns[n_columns - 1].width - WM_ATLAS_MARGIN, 8, FALSE, GREY);

  pango_layout_set_width (name, (int) ((columns[0].width - WM_ATLAS_INDEX_PAGE_WIDTH) * PANGO_SCALE));
  pango_layout_set_wrap (name, PANGO_WRAP_WORD_CHAR);
  for (guint i = 0; i < self->n_sheets; i++)
    {
      const WmAtlasIndexEntry *e = &self->index[i];
      const WmChartBox *col = &columns[e->column];
      g_autofree char *page = NULL, *link = NULL;

      if (e->page != index_page)
        continue;
      page = g_strdup_printf ("%u", wm_atlas_get_sheet_page (self, e->sheet) + 1);
      link = g_strdup_printf ("dest='sheet-%u'", e->sheet + 1);
      pango_layout_set_text (name, wm_atlas_area_name (self, self->sheets[e->sheet]), -1);
      pango_layout_set_text (number, page, -1);

      cairo_tag_begin (pen->cr, CAIRO_TAG_LINK, link);
      wm_atlas_set_rgb (pen->cr, DARK);
      cairo_move_to (pen->cr, col->x, col->y + e->y);
      pango_cairo_show_layout (pen->cr, name);
      cairo_move_to (pen->cr, col->x + col->width - wm_atlas_layout_width (number), col->y + e->y);
      pango_cairo_show_layout (pen->cr, number);
      cairo_tag_end (pen->cr, CAIRO_TAG_LINK);
    }
  g_object_unref (name);
  g_object_unref (number);
  wm_atlas_draw_footer (self, pen, &footer[WM_ATLAS_BOX_FOOTER], 1 + index_page);
}
