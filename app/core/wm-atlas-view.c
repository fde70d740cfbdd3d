/* wm-atlas-view.c — the map as it is on screen, as one picture
 *
 * "Export Map": the map the user is looking at, with its title, legend,
 * year, scale, north arrow, sources and attribution, at a size the user
 * chooses, as a PNG image or a one-page PDF (vector areas and text,
 * basemap tiles at print resolution); the timeline animation
 * (wm-atlas-video.c) is a sequence of such pictures. It is drawn by the
 * atlas's own map and legend code, so it matches the printed sheets.
 *
 * The layout is drawn in units of 1/600 of the picture's shorter side, so
 * a picture for a slide and one for a wall look alike, only sharper.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <math.h>

#include "wm-atlas-private.h"

#define SHORT_SIDE     600.0
#define MARGIN         14.0
#define TITLE_HEIGHT   50.0
#define FOOTER_HEIGHT  26.0
#define LEGEND_WIDTH   176.0
#define LEGEND_INSET   8.0
#define STRIP_YEAR     26.0   /* room per year on the timeline strip */

/* Units per pixel (or point) of a @width × @height picture. */
static double
unit_scale (double width,
            double height)
{
  return MIN (width, height) / SHORT_SIDE;
}

/* The map frame, in units. */
static void
map_frame (double      width_u,
           double      height_u,
           WmChartBox *frame)
{
  frame->x = MARGIN;
  frame->y = MARGIN + TITLE_HEIGHT;
  frame->width = width_u - 2 * MARGIN;
  frame->height = MAX (40, height_u - frame->y - FOOTER_HEIGHT - MARGIN);
}

/* What the screen shows, fitted to the frame: at least all of it. */
static void
fit_view (WmAtlas          *self,
          const WmMapView  *screen,
          const WmChartBox *frame,
          WmMapView        *view)
{
  double x0, y0, x1, y1;

  if (screen == NULL || screen->width <= 0 || screen->height <= 0)
    {
      wm_area_geometry_get_extent (self->geometry, &x0, &y0, &x1, &y1);
      wm_map_view_fit (view, x0, y0, x1, y1, frame->width, frame->height, 10);
      return;
    }
  wm_map_view_pixel_to_world (screen, 0, 0, &x0, &y0);
  wm_map_view_pixel_to_world (screen, screen->width, screen->height, &x1, &y1);
  wm_map_view_fit (view, MIN (x0, x1), MIN (y0, y1), MAX (x0, x1), MAX (y0, y1), frame->width, frame->height, 0);
}

/* Every year of the table, the one shown dark and underlined: where a
 * frame of the animation is on the timeline. Returns its width. */
static double
year_strip (WmAtlas    *self,
            WmAtlasPen *pen,
            double      right,
            double      y)
{
  guint n_years;
  const int *years = wm_indicator_table_get_years (self->table, &n_years);
  double x = right - n_years * STRIP_YEAR;

  for (guint i = 0; i < n_years; i++)
    {
      g_autofree char *label = g_strdup_printf ("%d", years[i]);
      gboolean now = i == self->year_index;
      double cx = x + (i + 0.5) * STRIP_YEAR;
      PangoLayout *layout = wm_atlas_pen_layout (pen, 7, now);

      pango_layout_set_text (layout, label, -1);
      wm_atlas_set_rgb (pen->cr, now ? WM_ATLAS_DARK : WM_ATLAS_GREY);
      cairo_move_to (pen->cr, cx - wm_atlas_layout_width (layout) / 2, y);
      pango_cairo_show_layout (pen->cr, layout);
      cairo_rectangle (pen->cr, cx - STRIP_YEAR / 2 + 2, y + 11, STRIP_YEAR - 4, now ? 3 : 1);
      cairo_fill (pen->cr);
      g_object_unref (layout);
    }
  return n_years * STRIP_YEAR;
}

static void
draw_title (WmAtlas    *self,
            WmAtlasPen *pen,
            double      width_u)
{
  const WmIndicatorDef *def = wm_indicator_def_get (self->indicators[0]);
  g_autofree char *year = g_strdup_printf ("%d", self->year);
  g_autofree char *line = g_strdup_printf ("%s · %s", self->layer_name,
                                           self->municipality != NULL ? self->municipality : "");
  double strip = year_strip (self, pen, width_u - MARGIN, MARGIN + 32);
  WmChartBox year_box = { width_u - MARGIN - 80, MARGIN - 2, 80, 28 };
  WmChartBox title = { MARGIN, MARGIN, width_u - 2 * MARGIN - 90, 24 };
  WmChartBox sub = { MARGIN, MARGIN + 28, width_u - 2 * MARGIN - strip - 12, 16 };
  PangoLayout *layout = wm_atlas_pen_layout (pen, 22, TRUE);

  pango_layout_set_text (layout, year, -1);
  wm_atlas_set_rgb (pen->cr, WM_ATLAS_DARK);
  cairo_move_to (pen->cr, year_box.x + year_box.width - wm_atlas_layout_width (layout), year_box.y);
  pango_cairo_show_layout (pen->cr, layout);
  g_object_unref (layout);
  wm_atlas_pen_fit (pen, wm_indicator_def_get_label (def), &title, 17, 9, TRUE, WM_ATLAS_DARK, 0);
  wm_atlas_pen_fit (pen, line, &sub, 10, 6, FALSE, WM_ATLAS_GREY, 0);
}

/* The legend in the map's top left corner, on a white card as tall as it
 * turns out to be (drawn once to be measured). */
static void
draw_legend_card (WmAtlas          *self,
                  WmAtlasPen       *pen,
                  const WmChartBox *frame)
{
  WmChartBox box = { 0, 0, LEGEND_WIDTH - 12, frame->height - 2 * LEGEND_INSET - 12 };
  cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (recording);
  WmAtlasPen measure;
  double x, y, w, h;

  wm_atlas_pen_init (&measure, cr);
  wm_atlas_draw_legend (self, &measure, &box, NULL);
  wm_atlas_pen_clear (&measure);
  cairo_destroy (cr);
  cairo_recording_surface_ink_extents (recording, &x, &y, &w, &h);
  cairo_surface_destroy (recording);

  cairo_save (pen->cr);
  cairo_translate (pen->cr, frame->x + LEGEND_INSET, frame->y + LEGEND_INSET);
  cairo_rectangle (pen->cr, 0, 0, LEGEND_WIDTH, MIN (y + h, box.height) + 12);
  cairo_set_source_rgba (pen->cr, 1, 1, 1, 0.9);
  cairo_fill_preserve (pen->cr);
  wm_atlas_set_rgb (pen->cr, 0xc0bfbc);
  cairo_set_line_width (pen->cr, 0.5);
  cairo_stroke (pen->cr);
  cairo_translate (pen->cr, 6, 6);
  wm_atlas_draw_legend (self, pen, &box, NULL);
  cairo_restore (pen->cr);
}

static void
draw_footer (WmAtlas    *self,
             WmAtlasPen *pen,
             double      width_u,
             double      height_u)
{
  g_autofree char *sources = wm_atlas_sources (self);
  g_autofree char *printed = wm_atlas_format_date (self->printed_at);
  g_autofree char *meta = g_strdup_printf (_("Extract of %s. Made on %s by: %s.%s"),
                                           self->extract_date != NULL ? self->extract_date : "–", printed,
                                           self->printed_by != NULL ? self->printed_by : _("unknown"),
                                           self->disclosure
                                           ? _(" Values of small groups are not shown (disclosure control).")
                                           : _(" Values of small groups are shown: keep it inside the office."));
  WmChartBox text = { MARGIN, height_u - MARGIN - FOOTER_HEIGHT + 4, width_u - 2 * MARGIN, 11 };

  wm_atlas_pen_fit (pen, meta, &text, 6.5, 4.5, FALSE, WM_ATLAS_GREY, 0);
  text.y += 11;
  text.height = FOOTER_HEIGHT - 15;
  wm_atlas_pen_fit (pen, sources, &text, 6, 4.5, FALSE, WM_ATLAS_GREY, 0);
}

/**
 * wm_atlas_draw_view:
 * @cr: scaled so that one unit is a pixel (or a point) of the picture
 * @screen: (nullable): the map on screen, whose extent the picture shows
 *   at least; NULL: every area of the layer
 * @device_scale: device pixels per unit, for the basemap tiles
 *
 * Draws the current year's map picture of @width × @height units.
 */
void
wm_atlas_draw_view (WmAtlas         *self,
                    cairo_t         *cr,
                    double           width,
                    double           height,
                    const WmMapView *screen,
                    double           device_scale)
{
  double scale = unit_scale (width, height);
  double width_u = width / scale, height_u = height / scale;
  WmChartBox frame;
  WmMapView view;
  WmAtlasPen pen;

  g_return_if_fail (WM_IS_ATLAS (self));

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  wm_atlas_pen_init (&pen, cr);
  map_frame (width_u, height_u, &frame);
  fit_view (self, screen, &frame, &view);
  draw_title (self, &pen, width_u);
  wm_atlas_draw_map (self, &pen, &frame, &view, -1, NULL, 0, device_scale * scale);
  draw_legend_card (self, &pen, &frame);
  draw_footer (self, &pen, width_u, height_u);
  wm_atlas_pen_clear (&pen);
  cairo_restore (cr);
}

/**
 * wm_atlas_view_lonlat_to_pixel:
 *
 * Where a place is on the map picture of @width × @height drawn for
 * @screen (tests, and pointing at an area in a picture). Returns FALSE
 * outside the map frame.
 */
gboolean
wm_atlas_view_lonlat_to_pixel (WmAtlas         *self,
                               const WmMapView *screen,
                               double           width,
                               double           height,
                               double           lon,
                               double           lat,
                               double          *x,
                               double          *y)
{
  double scale = unit_scale (width, height);
  WmChartBox frame;
  WmMapView view;

  g_return_val_if_fail (WM_IS_ATLAS (self), FALSE);

  map_frame (width / scale, height / scale, &frame);
  fit_view (self, screen, &frame, &view);
  wm_map_view_lonlat_to_pixel (&view, lon, lat, x, y);
  if (*x < 0 || *y < 0 || *x > frame.width || *y > frame.height)
    return FALSE;
  *x = (*x + frame.x) * scale;
  *y = (*y + frame.y) * scale;
  return TRUE;
}

static void
describe_pdf (WmAtlas         *self,
              cairo_surface_t *pdf)
{
  g_autofree char *title = g_strdup_printf ("%s — %s, %s, %d",
                                            wm_indicator_def_get_label (wm_indicator_def_get (self->indicators[0])),
                                            self->layer_name, self->municipality != NULL ? self->municipality : "",
                                            self->year);
  g_autofree char *creator = g_strdup_printf ("WelfareMap %s", PACKAGE_VERSION);

  cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_AUTHOR,
                                  self->printed_by != NULL ? self->printed_by : _("WelfareMap user"));
  cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_CREATOR, creator);
}

typedef struct {
  const WmMapView *screen;
  guint width, height;       /* pixels */
  gboolean pdf;
} ViewFile;

static gboolean
render_view (WmAtlas       *self,
             WmAtlasSink   *sink,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  ViewFile *v = data;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (v->pdf)
    {
      /* a pixel is 1/96 inch, as on screen */
      double w = v->width * 0.75, h = v->height * 0.75;

      surface = cairo_pdf_surface_create_for_stream (wm_atlas_sink_write, sink, w, h);
      describe_pdf (self, surface);
      cr = cairo_create (surface);
      wm_atlas_draw_view (self, cr, w, h, v->screen, self->dpi / 72);
      cairo_show_page (cr);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  else
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, v->width, v->height);
      cr = cairo_create (surface);
      wm_atlas_draw_view (self, cr, v->width, v->height, v->screen, 1);
      cairo_destroy (cr);
      status = cairo_surface_write_to_png_stream (surface, wm_atlas_sink_write, sink);
    }
  cairo_surface_destroy (surface);
  if (sink->error == 0 && status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, WM_ATLAS_ERROR, WM_ATLAS_ERROR_WRITE, _("The map could not be drawn: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  return sink->error == 0;
}

/**
 * wm_atlas_write_view:
 * @screen: (nullable): see wm_atlas_draw_view()
 * @width: pixels, from 200 to WM_ATLAS_VIEW_MAX_SIZE
 * @path: FILE.png, or FILE.pdf (a page of @width × @height pixels at 96
 *   per inch)
 *
 * Writes the map picture of the current year, as atomically as the atlas.
 */
gboolean
wm_atlas_write_view (WmAtlas          *self,
                     const WmMapView  *screen,
                     guint             width,
                     guint             height,
                     const char       *path,
                     GError          **error)
{
  ViewFile v = { screen, width, height, g_str_has_suffix (path, ".pdf") || g_str_has_suffix (path, ".PDF") };

  g_return_val_if_fail (WM_IS_ATLAS (self), FALSE);
  g_return_val_if_fail (width >= WM_ATLAS_VIEW_MIN_SIZE && width <= WM_ATLAS_VIEW_MAX_SIZE, FALSE);
  g_return_val_if_fail (height >= WM_ATLAS_VIEW_MIN_SIZE && height <= WM_ATLAS_VIEW_MAX_SIZE, FALSE);
  return wm_atlas_write_atomically (self, path, render_view, &v, NULL, error);
}
