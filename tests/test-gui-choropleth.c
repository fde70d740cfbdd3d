/* test-gui-choropleth.c — the choropleth layer and legend in a real ShumateMap
 *
 * Runs under Xvfb (`make test`). Five squares near Povo; where each one is
 * on screen comes from libshumate's own location_to_widget_coords, the
 * colour it must have from the legend model, and the legend widget's
 * swatches are read back from its rendering too.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <math.h>
#include <ogr_api.h>

#include "wm-choropleth-layer.h"
#include "wm-legend-view.h"
#include "wm-test-gui.h"
#include "wm-test-util.h"

#define LAT 46.0575
#define LON 11.155
#define ZOOM 14

/* Row 1: three squares with values; row 2: no data, suppressed. */
static const struct {
  const char *code;
  double lon0, lat0;
} squares[] = {
  { "A", 11.13, 46.060 },
  { "B", 11.15, 46.060 },
  { "C", 11.17, 46.060 },
  { "N", 11.14, 46.050 },
  { "S", 11.16, 46.050 },
};
#define SIDE 0.008

typedef struct {
  GtkWidget *window;
  ShumateMap *map;
  WmChoroplethLayer *layer;
  WmLegendView *legend;
  WmClassification *classes;
} Fixture;

static WmAreaGeometry *
make_squares (void)
{
  WmAreaGeometry *g = wm_area_geometry_new ();

  for (guint i = 0; i < G_N_ELEMENTS (squares); i++)
    {
      g_autofree char *wkt = g_strdup_printf ("POLYGON ((%.4f %.4f, %.4f %.4f, %.4f %.4f, %.4f %.4f, %.4f %.4f))",
                                              squares[i].lon0, squares[i].lat0,
                                              squares[i].lon0 + SIDE, squares[i].lat0,
                                              squares[i].lon0 + SIDE, squares[i].lat0 + SIDE,
                                              squares[i].lon0, squares[i].lat0 + SIDE,
                                              squares[i].lon0, squares[i].lat0);
      char *text = wkt;
      OGRGeometryH geom = NULL;
      int size;
      g_autofree guint8 *wkb = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (OGR_G_CreateFromWkt (&text, NULL, &geom), ==, OGRERR_NONE);
      size = OGR_G_WkbSize (geom);
      wkb = g_malloc (size);
      OGR_G_ExportToWkb (geom, wkbNDR, wkb);
      OGR_G_DestroyGeometry (geom);
      g_assert_true (wm_area_geometry_add_wkb (g, i, squares[i].code, squares[i].code, wkb, size, &error));
      g_assert_no_error (error);
    }
  return g;
}

static void
wait_frames (GtkWidget *widget, guint n)
{
  GdkFrameClock *clock;
  gint64 until = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!gtk_widget_get_mapped (widget) || gtk_widget_get_width (widget) <= 1)
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time (), <, until);
    }
  clock = gtk_widget_get_frame_clock (widget);
  for (guint i = 0; i < n; i++)
    {
      gint64 frame = gdk_frame_clock_get_frame_counter (clock);

      gtk_widget_queue_draw (widget);
      while (gdk_frame_clock_get_frame_counter (clock) == frame && g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, TRUE);
    }
}

/* The widget as the renderer draws it, ARGB32 premultiplied. */
static cairo_surface_t *
render (GtkWidget *widget)
{
  g_autoptr(GdkTexture) texture = wm_test_gui_render (widget);
  cairo_surface_t *surface;

  g_assert_nonnull (texture);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, gdk_texture_get_width (texture),
                                        gdk_texture_get_height (texture));
  gdk_texture_download (texture, cairo_image_surface_get_data (surface), cairo_image_surface_get_stride (surface));
  cairo_surface_mark_dirty (surface);
  return surface;
}

static guint32
pixel (cairo_surface_t *s, double x, double y)
{
  const guint8 *data = cairo_image_surface_get_data (s);
  int ix = (int) x, iy = (int) y;

  g_assert_true (ix >= 0 && iy >= 0 && ix < cairo_image_surface_get_width (s) && iy < cairo_image_surface_get_height (s));
  return *(const guint32 *) (data + iy * cairo_image_surface_get_stride (s) + 4 * ix) & 0xffffff;
}

static gboolean
same_colour (guint32 a, guint32 b)
{
  for (int shift = 0; shift <= 16; shift += 8)
    if (ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)) > 2)
      return FALSE;
  return TRUE;
}

static void
centre_of (Fixture *f, guint i, double *x, double *y)
{
  shumate_viewport_location_to_widget_coords (shumate_map_get_viewport (f->map), GTK_WIDGET (f->map),
                                              squares[i].lat0 + SIDE / 2, squares[i].lon0 + SIDE / 2, x, y);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  const double values[] = { 10, 50, 90, NAN, 30,     /* 2020 */
                            90, 10, 50, NAN, 30 };   /* 2021 */
  const guint8 status[] = { 0, 0, 0, 0, WM_AREA_SUPPRESSED, 0, 0, 0, 0, WM_AREA_SUPPRESSED };
  const int years[] = { 2020, 2021 };
  g_autoptr(WmAreaGeometry) geometry = NULL;
  g_autoptr(ShumateMapSource) ref = NULL;
  ShumateViewport *viewport;
  GtkWidget *box;

  geometry = make_squares ();
  f->classes = wm_classification_new ();
  wm_classification_set_values (f->classes, values, status, 5, years, 2);
  wm_classification_set_year_index (f->classes, 0);
  wm_classification_set_method (f->classes, WM_CLASSIFY_EQUAL_INTERVAL);
  g_assert_true (wm_classification_set_n_classes (f->classes, 3, NULL));
  wm_classification_set_title (f->classes, "Test indicator");
  wm_classification_set_unit (f->classes, "%");
  wm_classification_set_source (f->classes, "made-up values");

  f->map = shumate_map_new ();
  viewport = shumate_map_get_viewport (f->map);
  /* no tiles are ever fetched: the map only needs a projection */
  ref = SHUMATE_MAP_SOURCE (shumate_raster_renderer_new_from_url ("file:///nonexistent/{z}/{x}/{y}.png"));
  shumate_viewport_set_reference_map_source (viewport, ref);
  shumate_viewport_set_zoom_level (viewport, ZOOM);
  shumate_map_center_on (f->map, LAT, LON);

  f->layer = wm_choropleth_layer_new (viewport);
  wm_choropleth_layer_set_geometry (f->layer, geometry);
  wm_choropleth_layer_set_classification (f->layer, f->classes);
  wm_choropleth_layer_set_opacity (f->layer, 1.0);
  shumate_map_add_layer (f->map, SHUMATE_LAYER (f->layer));

  f->legend = wm_legend_view_new ();
  wm_legend_view_set_classification (f->legend, f->classes);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (f->map), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->map));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->legend));
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 500);
  gtk_window_set_child (GTK_WINDOW (f->window), box);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_frames (GTK_WIDGET (f->map), 2);
  wm_test_gui_snapshot (f->window, "choropleth");
}

/* Everything the window held is finalized with it. */
static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  gpointer layer = f->layer, legend = f->legend, painter = NULL, classes = f->classes;

  if (f->window == NULL)
    return;
  painter = wm_choropleth_layer_get_painter (f->layer);
  g_object_add_weak_pointer (G_OBJECT (layer), &layer);
  g_object_add_weak_pointer (G_OBJECT (legend), &legend);
  g_object_add_weak_pointer (G_OBJECT (painter), &painter);
  g_object_add_weak_pointer (G_OBJECT (classes), &classes);
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->classes);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (layer);
  g_assert_null (legend);
  g_assert_null (painter);
  g_assert_null (classes);
}

static guint32
legend_swatch_colour (Fixture *f, cairo_surface_t *legend, guint cls)
{
  graphene_rect_t r;

  g_assert_true (wm_legend_view_get_swatch_bounds (f->legend, cls, &r));
  return pixel (legend, r.origin.x + r.size.width / 2, r.origin.y + r.size.height / 2);
}

/* The colour at each square's centre is its class's legend colour, as
 * the model says and as the legend widget shows it. */
static void
check_classes (Fixture *f)
{
  cairo_surface_t *map = render (GTK_WIDGET (f->map));
  cairo_surface_t *legend = render (GTK_WIDGET (f->legend));

  for (guint i = 0; i < 3; i++)
    {
      guint cls = wm_classification_get_area_class (f->classes, i);
      WmSwatch sw;
      double x, y;

      g_assert_cmpuint (cls, <, 3);
      g_assert_true (wm_classification_get_swatch (f->classes, cls, &sw));
      centre_of (f, i, &x, &y);
      g_assert_cmphex (pixel (map, x, y), ==, sw.fill);
      g_assert_true (same_colour (legend_swatch_colour (f, legend, cls), sw.fill));
    }
  cairo_surface_destroy (map);
  cairo_surface_destroy (legend);
}

static void
test_colours (Fixture *f, gconstpointer data)
{
  cairo_surface_t *map, *legend;
  guint32 fills[3];
  WmSwatch nd, sup;
  double x, y;

  /* equal intervals over 10 … 90 (30 is hidden): 10, 36.7, 63.3, 90 */
  g_assert_cmpuint (wm_classification_get_n_classes (f->classes), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (wm_classification_get_area_class (f->classes, i), ==, i);
  check_classes (f);

  /* three different colours, and the legend's text for them */
  for (guint i = 0; i < 3; i++)
    {
      WmSwatch sw;
      g_autofree char *label = wm_classification_get_label (f->classes, i);

      g_assert_true (wm_classification_get_swatch (f->classes, i, &sw));
      fills[i] = sw.fill;
      g_assert_cmpstr (wm_legend_view_get_row_text (f->legend, i), ==, label);
    }
  g_assert_cmphex (fills[0], !=, fills[1]);
  g_assert_cmphex (fills[1], !=, fills[2]);
  g_assert_cmpstr (wm_legend_view_get_row_text (f->legend, 0), ==, "10.0 – 36.7%");

  /* no data and suppressed: hatched grey on the map and in the legend */
  map = render (GTK_WIDGET (f->map));
  legend = render (GTK_WIDGET (f->legend));
  g_assert_true (wm_classification_get_swatch (f->classes, WM_CLASS_NO_DATA, &nd));
  g_assert_true (wm_classification_get_swatch (f->classes, WM_CLASS_SUPPRESSED, &sup));
  for (guint i = 3; i < 5; i++)
    {
      const WmSwatch *sw = i == 3 ? &nd : &sup;
      guint fill = 0, hatch = 0;

      centre_of (f, i, &x, &y);
      for (int dy = -8; dy <= 8; dy++)
        for (int dx = -8; dx <= 8; dx++)
          {
            fill += same_colour (pixel (map, x + dx, y + dy), sw->fill);
            hatch += same_colour (pixel (map, x + dx, y + dy), sw->hatch);
          }
      g_assert_cmpuint (fill, >, 50);
      g_assert_cmpuint (hatch, >, 20);
      g_assert_cmpuint (fill + hatch, ==, 17 * 17);
      g_assert_true (wm_legend_view_get_swatch_bounds (f->legend, i == 3 ? WM_CLASS_NO_DATA : WM_CLASS_SUPPRESSED, &(graphene_rect_t) { 0 }));
    }
  cairo_surface_destroy (map);
  cairo_surface_destroy (legend);
}

/* Hover and click find the square under the pointer. */
static void
test_hit (Fixture *f, gconstpointer data)
{
  double x, y;

  for (guint i = 0; i < G_N_ELEMENTS (squares); i++)
    {
      centre_of (f, i, &x, &y);
      g_assert_cmpint (wm_choropleth_layer_area_at (f->layer, x, y), ==, (int) i);
    }
  /* between the squares of row 1 */
  shumate_viewport_location_to_widget_coords (shumate_map_get_viewport (f->map), GTK_WIDGET (f->map),
                                              46.064, 11.145, &x, &y);
  g_assert_cmpint (wm_choropleth_layer_area_at (f->layer, x, y), ==, -1);
  {
    g_autofree char *a = wm_choropleth_layer_describe_area (f->layer, 1);
    g_autofree char *n = wm_choropleth_layer_describe_area (f->layer, 3);
    g_autofree char *s = wm_choropleth_layer_describe_area (f->layer, 4);

    g_assert_cmpstr (a, ==, "B: 50.0%");
    g_assert_cmpstr (n, ==, "N: No data for 2020.");
    g_assert_nonnull (strstr (s, "privacy"));
  }
}

/* A timeline step recolours: 2021 swaps the classes round, nothing is
 * projected or rasterised again. */
static void
test_timeline_step (Fixture *f, gconstpointer data)
{
  WmChoroplethPainter *painter;
  guint projections, rasters;

  painter = wm_choropleth_layer_get_painter (f->layer);
  projections = wm_choropleth_painter_get_projection_count (painter);
  rasters = wm_choropleth_painter_get_raster_count (painter);
  g_assert_cmpuint (rasters, >=, 1);

  wm_classification_set_year_index (f->classes, 1);
  wait_frames (GTK_WIDGET (f->map), 1);
  /* 2021: A 90 → class 2, B 10 → class 0, C 50 → class 1 */
  g_assert_cmpuint (wm_classification_get_area_class (f->classes, 0), ==, 2);
  g_assert_cmpuint (wm_classification_get_area_class (f->classes, 1), ==, 0);
  check_classes (f);
  g_assert_cmpuint (wm_choropleth_painter_get_projection_count (painter), ==, projections);
  g_assert_cmpuint (wm_choropleth_painter_get_raster_count (painter), ==, rasters);
}

/* The selected square gets a dark outline. */
static void
test_selection (Fixture *f, gconstpointer data)
{
  cairo_surface_t *map;
  double x0, y0, x1, y1;
  guint dark = 0;

  wm_choropleth_layer_set_selected (f->layer, 1);
  g_assert_cmpint (wm_choropleth_layer_get_selected (f->layer), ==, 1);
  wait_frames (GTK_WIDGET (f->map), 1);
  map = render (GTK_WIDGET (f->map));
  shumate_viewport_location_to_widget_coords (shumate_map_get_viewport (f->map), GTK_WIDGET (f->map),
                                              squares[1].lat0, squares[1].lon0, &x0, &y1);
  shumate_viewport_location_to_widget_coords (shumate_map_get_viewport (f->map), GTK_WIDGET (f->map),
                                              squares[1].lat0 + SIDE, squares[1].lon0 + SIDE, &x1, &y0);
  /* along the top edge */
  for (double x = x0 + 5; x < x1 - 5; x += 1)
    dark += same_colour (pixel (map, x, y0), 0x1a1a1a);
  g_assert_cmpuint (dark, >, (x1 - x0) / 2);
  cairo_surface_destroy (map);
}

int
main (int argc, char **argv)
{
  wm_test_gui_init (&argc, &argv);
  OGRRegisterAll ();

  g_test_add ("/gui/choropleth/colours", Fixture, NULL, fixture_setup, test_colours, fixture_teardown);
  g_test_add ("/gui/choropleth/hit", Fixture, NULL, fixture_setup, test_hit, fixture_teardown);
  g_test_add ("/gui/choropleth/timeline-step", Fixture, NULL, fixture_setup, test_timeline_step, fixture_teardown);
  g_test_add ("/gui/choropleth/selection", Fixture, NULL, fixture_setup, test_selection, fixture_teardown);

  return g_test_run ();
}
