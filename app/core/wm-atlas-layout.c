/* wm-atlas-layout.c — where blocks go on a page, how a page is scaled
 *
 * Every page is laid out once, on A4 (portrait or landscape), in points,
 * and scaled to the page it is drawn on: A3 is A4 enlarged by √2, text
 * included, and a Letter page from the print dialog gets A4 shrunk to fit
 * and centred. So the layout has two cases, not one per paper.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "wm-atlas-private.h"

void
wm_atlas_base_size (gboolean  landscape,
                    double   *width,
                    double   *height)
{
  *width = landscape ? WM_ATLAS_BASE_LONG : WM_ATLAS_BASE_SHORT;
  *height = landscape ? WM_ATLAS_BASE_SHORT : WM_ATLAS_BASE_LONG;
}

static void
box (WmChartBox *b,
     double      x,
     double      y,
     double      width,
     double      height)
{
  *b = (WmChartBox) { x, y, width, height };
}

/**
 * wm_atlas_sheet_boxes:
 * @boxes: (array fixed-size=WM_ATLAS_N_BOXES) (out caller-allocates)
 *
 * A sheet's blocks on the base page. Portrait: title, map and legend,
 * the table, the two charts side by side, the services, the footer.
 * Landscape: map, legend and services on the left, table and charts on
 * the right.
 */
void
wm_atlas_sheet_boxes (gboolean    landscape,
                      WmChartBox *boxes)
{
  const double m = WM_ATLAS_MARGIN, gap = 10;
  double w, h, inner;

  wm_atlas_base_size (landscape, &w, &h);
  inner = w - 2 * m;
  if (!landscape)
    {
      double map_w = 352, chart_w = (inner - 12) / 2;

      box (&boxes[WM_ATLAS_BOX_TITLE], m, m, inner, 50);
      box (&boxes[WM_ATLAS_BOX_SUBTITLE], m, m + 52, inner, 26);
      box (&boxes[WM_ATLAS_BOX_MAP], m, 114, map_w, 286);
      box (&boxes[WM_ATLAS_BOX_LEGEND], m + map_w + gap, 114, inner - map_w - gap, 286);
      box (&boxes[WM_ATLAS_BOX_TABLE], m, 410, inner, 150);
      box (&boxes[WM_ATLAS_BOX_TREND], m, 570, chart_w, 112);
      box (&boxes[WM_ATLAS_BOX_BARS], m + chart_w + 12, 570, chart_w, 112);
      box (&boxes[WM_ATLAS_BOX_SERVICES], m, 692, inner, 88);
    }
  else
    {
      double left = 470, right_x = m + left + 16, right_w = inner - left - 16;

      box (&boxes[WM_ATLAS_BOX_TITLE], m, m, inner, 40);
      box (&boxes[WM_ATLAS_BOX_SUBTITLE], m, m + 42, inner, 24);
      box (&boxes[WM_ATLAS_BOX_MAP], m, 102, 340, 298);
      box (&boxes[WM_ATLAS_BOX_LEGEND], m + 340 + gap, 102, left - 340 - gap, 298);
      box (&boxes[WM_ATLAS_BOX_SERVICES], m, 410, left, 122);
      box (&boxes[WM_ATLAS_BOX_TABLE], right_x, 102, right_w, 188);
      box (&boxes[WM_ATLAS_BOX_TREND], right_x, 300, right_w, 112);
      box (&boxes[WM_ATLAS_BOX_BARS], right_x, 422, right_w, 110);
    }
  box (&boxes[WM_ATLAS_BOX_FOOTER], m, h - m - 26, inner, 26);
}

/**
 * wm_atlas_page_origin:
 *
 * How the base page maps onto a @width × @height page: scaled by @scale
 * to fit, centred by (@dx, @dy).
 */
void
wm_atlas_page_origin (gboolean  landscape,
                      double    width,
                      double    height,
                      double   *scale,
                      double   *dx,
                      double   *dy)
{
  double bw, bh;

  wm_atlas_base_size (landscape, &bw, &bh);
  *scale = MIN (width / bw, height / bh);
  *dx = (width - bw * *scale) / 2;
  *dy = (height - bh * *scale) / 2;
}

/* Sets up @cr to draw the base page; returns the scale. */
double
wm_atlas_fit_page (cairo_t  *cr,
                   gboolean  landscape,
                   double    width,
                   double    height)
{
  double s, dx, dy;

  wm_atlas_page_origin (landscape, width, height, &s, &dx, &dy);
  cairo_translate (cr, dx, dy);
  cairo_scale (cr, s, s);
  return s;
}

/* Two columns on a portrait index page, three on a landscape one, below
 * the heading and above the footer. */
void
wm_atlas_index_columns (gboolean    landscape,
                        WmChartBox *columns,
                        guint      *n_columns)
{
  const double m = WM_ATLAS_MARGIN, gap = 18, top = m + 64;
  double w, h, col_w;

  wm_atlas_base_size (landscape, &w, &h);
  *n_columns = landscape ? 3 : 2;
  col_w = (w - 2 * m - gap * (*n_columns - 1)) / *n_columns;
  for (guint c = 0; c < *n_columns; c++)
    box (&columns[c], m + c * (col_w + gap), top, col_w, h - m - 34 - top);
}

typedef struct {
  guint sheet;
  char *key;
} SortEntry;

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  const SortEntry *x = a, *y = b;
  int c = strcmp (x->key, y->key);

  return c != 0 ? c : (x->sheet > y->sheet) - (x->sheet < y->sheet);
}

/**
 * wm_atlas_paginate_index:
 *
 * Sorts the sheets by area name and places each entry — wrapped, never
 * cut: the index is where a name shortened elsewhere is read in full —
 * in columns and pages, measuring the text as it will be printed.
 */
void
wm_atlas_paginate_index (WmAtlas *self)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  g_autofree SortEntry *order = g_new (SortEntry, self->n_sheets);
  WmChartBox columns[3];
  guint n_columns, page = 0, column = 0;
  double y = 0;
  WmAtlasPen pen;
  PangoLayout *layout;

  wm_atlas_pen_init (&pen, cr);
  layout = wm_atlas_pen_layout (&pen, WM_ATLAS_INDEX_SIZE, FALSE);
  wm_atlas_index_columns (self->landscape, columns, &n_columns);
  pango_layout_set_width (layout, (int) ((columns[0].width - WM_ATLAS_INDEX_PAGE_WIDTH) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);

  for (guint s = 0; s < self->n_sheets; s++)
    {
      order[s].sheet = s;
      order[s].key = g_utf8_collate_key (wm_atlas_area_name (self, self->sheets[s]), -1);
    }
  qsort (order, self->n_sheets, sizeof *order, compare_keys);

  self->index = g_new0 (WmAtlasIndexEntry, self->n_sheets);
  for (guint i = 0; i < self->n_sheets; i++)
    {
      WmAtlasIndexEntry *e = &self->index[i];

      pango_layout_set_text (layout, wm_atlas_area_name (self, self->sheets[order[i].sheet]), -1);
      e->sheet = order[i].sheet;
      e->height = wm_atlas_layout_height (layout) + WM_ATLAS_INDEX_GAP;
      if (y > 0 && y + e->height > columns[0].height)
        {
          y = 0;
          if (++column == n_columns)
            {
              column = 0;
              page++;
            }
        }
      e->page = page;
      e->column = column;
      e->y = y;
      y += e->height;
      g_free (order[i].key);
    }
  self->n_index_pages = page + 1;

  g_object_unref (layout);
  wm_atlas_pen_clear (&pen);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/**
 * wm_atlas_set_landscape:
 *
 * Lays the pages out the other way round (the print dialog's page setup
 * may turn them); the index is paginated again, so the number of pages
 * may change.
 */
void
wm_atlas_set_landscape (WmAtlas  *self,
                        gboolean  landscape)
{
  g_return_if_fail (WM_IS_ATLAS (self));

  landscape = !!landscape;
  if (self->landscape == landscape)
    return;
  self->landscape = landscape;
  g_clear_pointer (&self->index, g_free);
  wm_atlas_paginate_index (self);
}

/**
 * wm_atlas_draw_page:
 * @page: 0-based: the cover, the index pages, then the sheets
 * @width, @height: the page in @cr's user units (points on a PDF or a
 *   print context); the layout is scaled to fit and centred
 * @device_scale: device pixels per user unit, to pick the basemap tiles
 */
void
wm_atlas_draw_page (WmAtlas *self,
                    cairo_t *cr,
                    guint    page,
                    double   width,
                    double   height,
                    double   device_scale)
{
  WmAtlasPen pen;
  double s;

  g_return_if_fail (WM_IS_ATLAS (self));
  g_return_if_fail (page < wm_atlas_get_n_pages (self));

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);
  s = wm_atlas_fit_page (cr, self->landscape, width, height);
  wm_atlas_pen_init (&pen, cr);
  if (page == 0)
    wm_atlas_draw_cover (self, &pen, device_scale * s);
  else if (page <= self->n_index_pages)
    wm_atlas_draw_index (self, &pen, page - 1);
  else
    wm_atlas_draw_sheet (self, &pen, page - 1 - self->n_index_pages, device_scale * s);
  wm_atlas_pen_clear (&pen);
  cairo_restore (cr);
}

/* A sheet's block, in points on the atlas's own page size. */
void
wm_atlas_get_sheet_box (WmAtlas      *self,
                        WmAtlasBoxId  id,
                        WmChartBox   *out)
{
  WmChartBox boxes[WM_ATLAS_N_BOXES];
  double width, height, s, dx, dy;

  g_return_if_fail (WM_IS_ATLAS (self));
  g_return_if_fail (id < WM_ATLAS_N_BOXES);

  wm_atlas_sheet_boxes (self->landscape, boxes);
  wm_atlas_get_page_size (self, &width, &height);
  wm_atlas_page_origin (self->landscape, width, height, &s, &dx, &dy);
  *out = (WmChartBox) { dx + boxes[id].x * s, dy + boxes[id].y * s, boxes[id].width * s, boxes[id].height * s };
}

/**
 * wm_atlas_lonlat_to_page:
 *
 * Where a place is printed on a sheet's map, in points on the atlas's own
 * page.
 *
 * Returns: %FALSE when it is outside the map frame
 */
gboolean
wm_atlas_lonlat_to_page (WmAtlas *self,
                         guint    sheet,
                         double   lon,
                         double   lat,
                         double  *x,
                         double  *y)
{
  WmChartBox boxes[WM_ATLAS_N_BOXES];
  double width, height, s, dx, dy, px, py;
  WmMapView view;

  g_return_val_if_fail (WM_IS_ATLAS (self), FALSE);
  g_return_val_if_fail (sheet < self->n_sheets, FALSE);

  wm_atlas_sheet_boxes (self->landscape, boxes);
  wm_atlas_sheet_view (self, self->sheets[sheet], &boxes[WM_ATLAS_BOX_MAP], &view);
  wm_map_view_lonlat_to_pixel (&view, lon, lat, &px, &py);
  wm_atlas_get_page_size (self, &width, &height);
  wm_atlas_page_origin (self->landscape, width, height, &s, &dx, &dy);
  *x = dx + (boxes[WM_ATLAS_BOX_MAP].x + px) * s;
  *y = dy + (boxes[WM_ATLAS_BOX_MAP].y + py) * s;
  return px >= 0 && py >= 0 && px <= view.width && py <= view.height;
}
