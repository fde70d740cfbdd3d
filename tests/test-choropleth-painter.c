/* test-choropleth-painter.c — the cairo painter on Palermo's 2,874 sections
 *
 * Oracle: the legend model's swatch for each area's class, read back from
 * the rendered pixels at points well inside the area (checked with the
 * geometry's own point-in-polygon).
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <cairo-pdf.h>
#include <math.h>

#include "wm-choropleth-painter.h"
#include "wm-test-util.h"

typedef struct {
  gboolean screen;     /* the interactive raster path, else the vector one */
  WmAreaGeometry *geometry;
  WmClassification *classes;
  WmChoroplethPainter *painter;
} Fixture;

/* Two years of made-up values from the section number; every 41st section
 * has no data, every 67th is suppressed; in the second year every third
 * section moves up. */
static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autofree char *path = wm_test_shared_path ("palermo", "sezioni_2011.geojson", NULL);
  g_autoptr(GError) error = NULL;
  guint n;
  g_autofree double *values = NULL;
  g_autofree guint8 *status = NULL;
  const int years[] = { 2019, 2020 };

  f->screen = GPOINTER_TO_INT (data);
  f->geometry = wm_area_geometry_load_file (path, NULL, "sez2011", NULL, &error);
  g_assert_no_error (error);
  n = wm_area_geometry_get_n_areas (f->geometry);
  values = g_new (double, 2 * n);
  status = g_new0 (guint8, 2 * n);
  for (guint a = 0; a < n; a++)
    {
      gint64 sez = g_ascii_strtoll (wm_area_geometry_get_code (f->geometry, a), NULL, 10);

      values[a] = (sez % 1000) / 10.0;
      values[n + a] = values[a] + (a % 3 == 0 ? 30 : 0);
      if (a % 41 == 0)
        values[a] = values[n + a] = NAN;
      if (a % 67 == 0)
        status[a] = status[n + a] = WM_AREA_SUPPRESSED;
    }
  f->classes = wm_classification_new ();
  wm_classification_set_values (f->classes, values, status, n, years, 2);
  wm_classification_set_method (f->classes, WM_CLASSIFY_NATURAL_BREAKS);
  wm_classification_set_year_index (f->classes, 0);
  f->painter = wm_choropleth_painter_new (f->geometry);
  wm_choropleth_painter_set_classification (f->painter, f->classes);
  wm_choropleth_painter_set_opacity (f->painter, 1.0);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->painter);
  g_clear_object (&f->classes);
  g_clear_object (&f->geometry);
}

static cairo_surface_t *
render (Fixture *f, const WmMapView *view, double device_scale)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                   (int) (view->width * device_scale),
                                                   (int) (view->height * device_scale));
  cairo_t *cr = cairo_create (s);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, device_scale, device_scale);
  if (f->screen)
    wm_choropleth_painter_draw_screen (f->painter, cr, view, device_scale);
  else
    wm_choropleth_painter_draw (f->painter, cr, view);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return s;
}

static guint32
pixel (cairo_surface_t *s, int x, int y)
{
  const guint8 *data = cairo_image_surface_get_data (s);

  g_assert_true (x >= 0 && y >= 0 && x < cairo_image_surface_get_width (s) && y < cairo_image_surface_get_height (s));
  return *(const guint32 *) (data + y * cairo_image_surface_get_stride (s) + 4 * x) & 0xffffff;
}

static gboolean
near_colour (guint32 a, WmRgb b, int levels)
{
  for (int shift = 0; shift <= 16; shift += 8)
    if (ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)) > levels)
      return FALSE;
  return TRUE;
}

static gboolean
same_colour (guint32 a, WmRgb b)
{
  return near_colour (a, b, 1);
}

/* Whether the whole disc of @radius pixels around (@px, @py) is inside the
 * area: then no outline or neighbour can touch the pixel at its centre. */
static gboolean
disc_inside (Fixture *f, const WmMapView *view, guint area, double px, double py, double radius)
{
  for (int i = 0; i < 24; i++)
    for (double r = radius / 2; r <= radius; r += radius / 2)
      {
        double wx, wy;

        wm_map_view_pixel_to_world (view, px + r * cos (i * G_PI / 12), py + r * sin (i * G_PI / 12), &wx, &wy);
        if (!wm_area_geometry_contains (f->geometry, area, wx, wy))
          return FALSE;
      }
  return TRUE;
}

/* Checks every area roomy enough at this view; returns how many. */
static guint
check_class_colours (Fixture *f, cairo_surface_t *s, const WmMapView *view, double device_scale)
{
  guint n = wm_area_geometry_get_n_areas (f->geometry), checked = 0;

  for (guint a = 0; a < n; a++)
    {
      guint cls = wm_classification_get_area_class (f->classes, a);
      double lon, lat, px, py;
      WmSwatch sw;

      if (cls >= WM_CLASSIFY_MAX_CLASSES)
        continue;
      wm_area_geometry_get_interior_point (f->geometry, a, &lon, &lat);
      wm_map_view_lonlat_to_pixel (view, lon, lat, &px, &py);
      if (px < 4 || py < 4 || px > view->width - 4 || py > view->height - 4 ||
          !disc_inside (f, view, a, px, py, 3))
        continue;
      g_assert_true (wm_classification_get_swatch (f->classes, cls, &sw));
      if (!same_colour (pixel (s, (int) (px * device_scale), (int) (py * device_scale)), sw.fill))
        g_error ("area %u (%s), class %u: pixel %06x, legend %06x", a,
                 wm_area_geometry_get_code (f->geometry, a), cls,
                 pixel (s, (int) (px * device_scale), (int) (py * device_scale)), sw.fill);
      checked++;
    }
  return checked;
}

static void
fit_view (Fixture *f, WmMapView *view, double width, double height)
{
  double x0, y0, x1, y1;

  g_assert_true (wm_area_geometry_get_extent (f->geometry, &x0, &y0, &x1, &y1));
  wm_map_view_fit (view, x0, y0, x1, y1, width, height, 10);
}

static void
test_class_colours (Fixture *f, gconstpointer data)
{
  WmMapView view;
  cairo_surface_t *s;
  guint checked;

  fit_view (f, &view, 1600, 1000);
  s = render (f, &view, 1);
  checked = check_class_colours (f, s, &view, 1);
  g_test_message ("%u sections checked", checked);
  g_assert_cmpuint (checked, >, 400);
  cairo_surface_destroy (s);

  /* the same at twice the resolution (a print), and rotated */
  s = render (f, &view, 2);
  g_assert_cmpuint (check_class_colours (f, s, &view, 2), >=, checked);
  cairo_surface_destroy (s);
  view.rotation = 0.4;
  s = render (f, &view, 1);
  g_assert_cmpuint (check_class_colours (f, s, &view, 1), >, 300);
  cairo_surface_destroy (s);
}

/* A no-data and a suppressed section, seen up close: the legend's grey and
 * its hatch colour are both there, and nothing else. */
static void
check_hatched (Fixture *f, guint area, guint cls)
{
  WmSwatch sw, legend;
  WmMapView view;
  double lon, lat, px, py;
  cairo_surface_t *s, *box;
  cairo_t *cr;
  guint fill = 0, hatch = 0, other = 0;

  g_assert_cmpuint (wm_classification_get_area_class (f->classes, area), ==, cls);
  g_assert_true (wm_classification_get_swatch (f->classes, cls, &sw));
  g_assert_true (sw.hatched);
  wm_area_geometry_get_interior_point (f->geometry, area, &lon, &lat);
  wm_map_view_init (&view, lat, lon, 18, 400, 300);
  s = render (f, &view, 1);
  wm_map_view_lonlat_to_pixel (&view, lon, lat, &px, &py);
  g_assert_true (disc_inside (f, &view, area, px, py, 12));
  for (int dy = -8; dy <= 8; dy++)
    for (int dx = -8; dx <= 8; dx++)
      {
        guint32 p = pixel (s, (int) px + dx, (int) py + dy);

        if (same_colour (p, sw.fill))
          fill++;
        else if (same_colour (p, sw.hatch))
          hatch++;
        else
          other++;  /* anti-aliased line edges */
      }
  /* 17 × 17 pixels: lines 2 px wide every 8 px, anti-aliased edges */
  g_test_message ("fill %u hatch %u edges %u", fill, hatch, other);
  g_assert_cmpuint (fill, >, 50);
  g_assert_cmpuint (hatch, >, 20);
  g_assert_cmpuint (fill + hatch, >, other);
  cairo_surface_destroy (s);

  /* the legend paints its swatch with the same function and colours */
  box = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 40, 40);
  cr = cairo_create (box);
  cairo_rectangle (cr, 0, 0, 40, 40);
  g_assert_true (wm_classification_get_swatch (f->classes, cls, &legend));
  wm_swatch_paint (&legend, cr, 1.0, 1.0);
  cairo_destroy (cr);
  cairo_surface_flush (box);
  fill = hatch = 0;
  for (int y = 0; y < 40; y++)
    for (int x = 0; x < 40; x++)
      {
        fill += same_colour (pixel (box, x, y), sw.fill);
        hatch += same_colour (pixel (box, x, y), sw.hatch);
      }
  g_assert_cmpuint (fill, >, 1600 / 10);
  g_assert_cmpuint (hatch, >, 1600 / 20);
  cairo_surface_destroy (box);
}

static int
find_roomy (Fixture *f, guint cls)
{
  guint n = wm_area_geometry_get_n_areas (f->geometry);

  for (guint a = 0; a < n; a++)
    {
      WmMapView view;
      double lon, lat, px, py;

      if (wm_classification_get_area_class (f->classes, a) != cls)
        continue;
      wm_area_geometry_get_interior_point (f->geometry, a, &lon, &lat);
      wm_map_view_init (&view, lat, lon, 18, 400, 300);
      wm_map_view_lonlat_to_pixel (&view, lon, lat, &px, &py);
      if (disc_inside (f, &view, a, px, py, 12))
        return (int) a;
    }
  return -1;
}

static void
test_hatching (Fixture *f, gconstpointer data)
{
  int no_data = find_roomy (f, WM_CLASS_NO_DATA);
  int hidden = find_roomy (f, WM_CLASS_SUPPRESSED);

  g_assert_cmpint (no_data, >=, 0);
  g_assert_cmpint (hidden, >=, 0);
  check_hatched (f, no_data, WM_CLASS_NO_DATA);
  check_hatched (f, hidden, WM_CLASS_SUPPRESSED);
}

/* A timeline step: no vertex is projected again, the areas whose class
 * changed take their new legend colour, and no pixel changes anywhere
 * else. */
static void
test_recolour (Fixture *f, gconstpointer data)
{
  WmMapView view;
  cairo_surface_t *before, *after;
  guint n = wm_area_geometry_get_n_areas (f->geometry), projections, changed_areas = 0;
  g_autofree guint8 *old = NULL;
  g_autofree gboolean *changed = g_new0 (gboolean, n);
  guint differing = 0, jitter = 0;

  fit_view (f, &view, 800, 500);
  before = render (f, &view, 1);
  projections = wm_choropleth_painter_get_projection_count (f->painter);
  g_assert_cmpuint (projections, ==, 1);
  old = g_memdup2 (wm_classification_get_area_classes (f->classes, NULL), n);

  wm_classification_set_year_index (f->classes, 1);
  for (guint a = 0; a < n; a++)
    if (wm_classification_get_area_class (f->classes, a) != old[a])
      changed[a] = TRUE, changed_areas++;
  g_assert_cmpuint (changed_areas, >, 200);

  after = render (f, &view, 1);
  g_assert_cmpuint (wm_choropleth_painter_get_projection_count (f->painter), ==, projections);
  g_assert_cmpuint (check_class_colours (f, after, &view, 1), >, 50);

  for (int y = 0; y < 500; y++)
    for (int x = 0; x < 800; x++)
      {
        gboolean near_changed = FALSE, interior = TRUE;
        int here;

        if (same_colour (pixel (before, x, y), pixel (after, x, y)))
          continue;
        differing++;
        here = wm_choropleth_painter_area_at (f->painter, &view, x + 0.5, y + 0.5);
        for (int dy = -2; dy <= 2; dy++)
          for (int dx = -2; dx <= 2; dx++)
            {
              int a = wm_choropleth_painter_area_at (f->painter, &view, x + 0.5 + dx, y + 0.5 + dy);

              near_changed |= a >= 0 && changed[a];
              if (ABS (dx) <= 1 && ABS (dy) <= 1)
                interior &= a == here;
            }
        if (near_changed)
          continue;
        /* Inside an area whose class stayed, nothing may change. On the
         * edge between two such areas cairo's scan converter may shade a
         * pixel a little differently when the rest of a class's path (on
         * the same scanlines) changed: allowed, if slight and rare. */
        if (interior || !near_colour (pixel (before, x, y), pixel (after, x, y), 24))
          g_error ("pixel %d,%d of area %d changed (%06x → %06x) but no area around it changed class",
                   x, y, here, pixel (before, x, y), pixel (after, x, y));
        jitter++;
      }
  g_test_message ("%u pixels changed, %u of them edge jitter", differing, jitter);
  g_assert_cmpuint (jitter, <, 800 * 500 / 1000);
  if (f->screen)
    {
      /* the areas were rasterised once; an id image has no edge jitter */
      g_assert_cmpuint (wm_choropleth_painter_get_raster_count (f->painter), ==, 1);
      g_assert_cmpuint (jitter, ==, 0);
    }
  g_assert_cmpuint (differing, >, 1000);

  /* a pan is a translation, a zoom-in by less than a level a scale */
  view.center_x += 50 / wm_map_view_scale (&view);
  cairo_surface_destroy (render (f, &view, 1));
  g_assert_cmpuint (wm_choropleth_painter_get_projection_count (f->painter), ==, projections);
  if (f->screen)
    {
      /* within the margin: the same raster, moved; beyond: drawn anew */
      g_assert_cmpuint (wm_choropleth_painter_get_raster_count (f->painter), ==, 1);
      view.center_x += 400 / wm_map_view_scale (&view);
      cairo_surface_destroy (render (f, &view, 1));
      g_assert_cmpuint (wm_choropleth_painter_get_raster_count (f->painter), ==, 2);
    }
  view.zoom = ceil (view.zoom) - 0.01;
  cairo_surface_destroy (render (f, &view, 1));
  g_assert_cmpuint (wm_choropleth_painter_get_projection_count (f->painter), ==, projections);
  /* a new zoom level is projected once, and kept */
  view.zoom += 1;
  cairo_surface_destroy (render (f, &view, 1));
  cairo_surface_destroy (render (f, &view, 1));
  g_assert_cmpuint (wm_choropleth_painter_get_projection_count (f->painter), ==, projections + 1);

  cairo_surface_destroy (before);
  cairo_surface_destroy (after);
}

/* The selected section gets a dark outline; others do not. */
static void
test_selection (Fixture *f, gconstpointer data)
{
  int area = find_roomy (f, 2);
  WmMapView view;
  double x0, y0, x1, y1, px, py;
  cairo_surface_t *plain, *selected;
  guint dark_plain = 0, dark_selected = 0;

  g_assert_cmpint (area, >=, 0);
  wm_area_geometry_get_bbox (f->geometry, area, &x0, &y0, &x1, &y1);
  wm_map_view_fit (&view, x0, y0, x1, y1, 300, 300, 40);
  plain = render (f, &view, 1);
  wm_choropleth_painter_set_selected (f->painter, area);
  g_assert_cmpint (wm_choropleth_painter_get_selected (f->painter), ==, area);
  selected = render (f, &view, 1);
  for (int y = 0; y < 300; y++)
    for (int x = 0; x < 300; x++)
      {
        dark_plain += near_colour (pixel (plain, x, y), 0x1a1a1a, 3);
        dark_selected += near_colour (pixel (selected, x, y), 0x1a1a1a, 3);
      }
  g_assert_cmpuint (dark_plain, ==, 0);
  g_assert_cmpuint (dark_selected, >, 200);
  /* the middle of the area keeps its class colour */
  wm_map_view_world_to_pixel (&view, (x0 + x1) / 2, (y0 + y1) / 2, &px, &py);
  g_assert_cmphex (pixel (plain, (int) px, (int) py), ==, pixel (selected, (int) px, (int) py));
  wm_choropleth_painter_set_selected (f->painter, 99999);
  g_assert_cmpint (wm_choropleth_painter_get_selected (f->painter), ==, -1);
  cairo_surface_destroy (plain);
  cairo_surface_destroy (selected);
}

static cairo_status_t
count_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  *(gsize *) closure += length;
  return CAIRO_STATUS_SUCCESS;
}

/* What the atlas does: the same painter on an A4 PDF page. */
static void
test_pdf (Fixture *f, gconstpointer data)
{
  gsize bytes = 0;
  cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream (count_bytes, &bytes, 595, 842);
  cairo_t *cr = cairo_create (pdf);
  WmMapView view;

  fit_view (f, &view, 555, 555);
  cairo_translate (cr, 20, 100);
  wm_choropleth_painter_draw (f->painter, cr, &view);
  cairo_show_page (cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_finish (pdf);
  g_assert_cmpint (cairo_surface_status (pdf), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (pdf);
  /* vector paths of 2,874 sections, not an empty page */
  g_assert_cmpuint (bytes, >, 100000);
}

/* Opacity lets the basemap show through: a class colour over black at
 * 50 % is half its value. */
static void
test_opacity (Fixture *f, gconstpointer data)
{
  int area = find_roomy (f, 4);
  WmMapView view;
  double lon, lat;
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 200, 200);
  cairo_t *cr = cairo_create (s);
  WmSwatch sw;
  guint32 p;

  g_assert_cmpint (area, >=, 0);
  wm_area_geometry_get_interior_point (f->geometry, area, &lon, &lat);
  wm_map_view_init (&view, lat, lon, 18, 200, 200);
  wm_choropleth_painter_set_opacity (f->painter, 0.5);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_paint (cr);
  if (f->screen)
    wm_choropleth_painter_draw_screen (f->painter, cr, &view, 1);
  else
    wm_choropleth_painter_draw (f->painter, cr, &view);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  g_assert_true (wm_classification_get_swatch (f->classes, 4, &sw));
  p = pixel (s, 100, 100);
  for (int shift = 0; shift <= 16; shift += 8)
    g_assert_cmpint (ABS ((int) ((p >> shift) & 0xff) - (int) ((sw.fill >> shift) & 0xff) / 2), <=, 1);
  cairo_surface_destroy (s);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/painter/class-colours", Fixture, NULL, fixture_setup, test_class_colours, fixture_teardown);
  g_test_add ("/painter/hatching", Fixture, NULL, fixture_setup, test_hatching, fixture_teardown);
  g_test_add ("/painter/recolour", Fixture, NULL, fixture_setup, test_recolour, fixture_teardown);
  g_test_add ("/painter/selection", Fixture, NULL, fixture_setup, test_selection, fixture_teardown);
  g_test_add ("/painter/screen/class-colours", Fixture, GINT_TO_POINTER (TRUE), fixture_setup, test_class_colours, fixture_teardown);
  g_test_add ("/painter/screen/hatching", Fixture, GINT_TO_POINTER (TRUE), fixture_setup, test_hatching, fixture_teardown);
  g_test_add ("/painter/screen/recolour", Fixture, GINT_TO_POINTER (TRUE), fixture_setup, test_recolour, fixture_teardown);
  g_test_add ("/painter/screen/selection", Fixture, GINT_TO_POINTER (TRUE), fixture_setup, test_selection, fixture_teardown);
  g_test_add ("/painter/screen/opacity", Fixture, GINT_TO_POINTER (TRUE), fixture_setup, test_opacity, fixture_teardown);
  g_test_add ("/painter/pdf", Fixture, NULL, fixture_setup, test_pdf, fixture_teardown);
  g_test_add ("/painter/opacity", Fixture, NULL, fixture_setup, test_opacity, fixture_teardown);

  return g_test_run ();
}
