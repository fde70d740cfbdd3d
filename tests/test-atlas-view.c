/* test-atlas-view.c — Export Map: the map picture (PNG, PDF) and the timeline video (WebM)
 *
 * Milano's 88 NIL with a generated population over five years, no
 * basemap, no service markers, so that an area's interior shows its class
 * colour from the legend model blended at the map's opacity on white.
 * The video is decoded back with GStreamer (matroskademux, vp8dec): frame
 * count from the years and the hold, and each year's colours in its frames.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <math.h>

#include "wm-atlas-private.h"
#include "wm-test-atlas-data.h"
#include "wm-test-pdf.h"
#include "wm-test-util.h"

#define OPACITY 0.75
#define WIDTH 480
#define HEIGHT 320
#define FPS 25

static struct {
  sqlite3 *db;
  WmMapModel *model;
  char *dir;
} fx;

static WmAtlas *
make_atlas (guint site_areas)
{
  WmAtlasOptions options = { .printed_by = "Analyst", .site_areas = site_areas };
  g_autoptr(GError) error = NULL;
  WmAtlas *atlas = wm_atlas_new (fx.model, fx.db, &options, &error);

  g_assert_no_error (error);
  return atlas;
}

static guint32
blend_white (guint32 fill,
             double  alpha)
{
  guint32 out = 0;

  for (int shift = 0; shift <= 16; shift += 8)
    out |= (guint32) lround (((fill >> shift) & 0xff) * alpha + 255 * (1 - alpha)) << shift;
  return out;
}

static gboolean
close_colour (guint32 a,
              guint32 b,
              int     tolerance)
{
  for (int shift = 0; shift <= 16; shift += 8)
    if (ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)) > tolerance)
      return FALSE;
  return TRUE;
}

/* The map picture's pixel of @area's interior point, if it lies in the
 * open map: clear of the legend card (top left), the north arrow, the
 * scale bar and the attribution (the frame's edges). */
static gboolean
area_pixel (WmAtlas *atlas,
            guint    area,
            int     *px,
            int     *py)
{
  double scale = MIN (WIDTH, HEIGHT) / 600.0, lon, lat, x, y;

  wm_area_geometry_get_interior_point (wm_map_model_get_geometry (fx.model), area, &lon, &lat);
  if (!wm_atlas_view_lonlat_to_pixel (atlas, NULL, WIDTH, HEIGHT, lon, lat, &x, &y))
    return FALSE;
  if ((x < 215 * scale && y < 400 * scale) || x > WIDTH - 60 * scale || y > HEIGHT - 90 * scale ||
      x < 40 * scale || y < 110 * scale)
    return FALSE;
  *px = (int) x;
  *py = (int) y;
  return TRUE;
}

/* The legend colour of @area in the atlas's current year, blended. */
static gboolean
area_colour (WmAtlas *atlas,
             guint    area,
             guint32 *colour)
{
  WmClassification *classes = wm_atlas_get_classification (atlas);
  WmSwatch swatch;

  if (!wm_classification_get_swatch (classes, wm_classification_get_area_class (classes, area), &swatch) ||
      swatch.hatched)
    return FALSE;
  *colour = blend_white (swatch.fill, OPACITY);
  return TRUE;
}

static void
setup (void)
{
  g_autofree char *nil = wm_test_shared_path ("milano", "NILZone.EPSG4326.geojson", NULL);
  WmTestAtlasSpec spec = { nil, "ID_NIL", "NIL", "NIL", 8000, 2016, 5, 150, 3 };

  fx.db = wm_test_atlas_extract (&spec);
  fx.model = wm_test_atlas_model (fx.db);
  fx.dir = wm_test_tmpdir ();
}

/* The PNG: its size, and at least five areas in their legend colour. */
static void
test_png (void)
{
  g_autoptr(WmAtlas) atlas = make_atlas (WM_ATLAS_NO_SITES);
  g_autofree char *png = g_build_filename (fx.dir, "map.png", NULL);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image;
  guint checked = 0;

  g_assert_true (wm_atlas_write_view (atlas, NULL, WIDTH, HEIGHT, png, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, WIDTH);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, HEIGHT);
  for (guint a = 0; a < wm_area_geometry_get_n_areas (wm_map_model_get_geometry (fx.model)); a++)
    {
      guint32 want, got;
      int x, y;

      if (!area_pixel (atlas, a, &x, &y) || !area_colour (atlas, a, &want))
        continue;
      got = wm_test_pixel (image, x, y);
      g_test_message ("area %u at %d,%d: #%06x, legend blended #%06x", a, x, y, got, want);
      g_assert_true (close_colour (got, want, 3));
      checked++;
    }
  g_assert_cmpuint (checked, >=, 5);
  cairo_surface_destroy (image);
}

/* The PDF: one page of the size asked (pixels at 96 per inch), the
 * indicator, layer and year as text; the legend lists the user areas of
 * the sites shown, and only those. */
static void
test_pdf (void)
{
  g_autoptr(WmAtlas) all = make_atlas (0);
  g_autoptr(WmAtlas) elderly = make_atlas (1u << WM_USER_AREA_ELD);
  g_autofree char *pdf = g_build_filename (fx.dir, "map.pdf", NULL);
  g_autofree char *pdf_eld = g_build_filename (fx.dir, "map-eld.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *info = NULL, *size = NULL, *raw = NULL, *raw_eld = NULL, *text = NULL, *text_eld = NULL;
  g_autofree char *label = wm_test_squash (wm_indicator_def_get_label (wm_indicator_def_get (WM_INDICATOR_IVSM)));

  g_assert_true (wm_atlas_write_view (all, NULL, 1200, 800, pdf, &error));
  g_assert_true (wm_atlas_write_view (elderly, NULL, 1200, 800, pdf_eld, &error));
  g_assert_no_error (error);
  info = wm_test_pdf_info (pdf);
  size = wm_test_pdf_field (info, "Page size");
  g_assert_true (g_str_has_prefix (size, "900 x 600 pts"));
  g_assert_cmpuint (wm_test_pdf_n_pages (pdf), ==, 1);
  raw = wm_test_pdf_text (pdf, 1, FALSE);
  raw_eld = wm_test_pdf_text (pdf_eld, 1, FALSE);
  text = wm_test_squash (raw);
  text_eld = wm_test_squash (raw_eld);
  g_assert_nonnull (strstr (text, label));
  g_assert_nonnull (strstr (text, "NIL"));
  g_assert_nonnull (strstr (text, "2020"));
  g_assert_nonnull (strstr (text, "Multi-user"));
  g_assert_nonnull (strstr (text_eld, "Elderly"));
  g_assert_null (strstr (text_eld, "Multi-user"));
}

/* Every pixel within 6 of (x, y) is @colour, give or take rounding. */
static gboolean
flat (cairo_surface_t *image,
      int              x,
      int              y,
      guint32          colour)
{
  for (int dy = -6; dy <= 6; dy++)
    for (int dx = -6; dx <= 6; dx++)
      if (!close_colour (wm_test_pixel (image, x + dx, y + dy), colour, 3))
        return FALSE;
  return TRUE;
}

static GPtrArray *
decode (const char *path)
{
  g_autofree char *description = g_strdup_printf ("filesrc location=\"%s\" ! matroskademux ! vp8dec ! videoconvert ! "
                                                  "video/x-raw,format=BGRx ! appsink name=sink sync=false", path);
  g_autoptr(GError) error = NULL;
  GstElement *pipeline = gst_parse_launch (description, &error);
  GstElement *sink;
  GPtrArray *frames = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  GstSample *sample;

  g_assert_no_error (error);
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  while ((sample = gst_app_sink_pull_sample (GST_APP_SINK (sink))) != NULL)
    {
      GstBuffer *buffer = gst_sample_get_buffer (sample);
      GstStructure *s = gst_caps_get_structure (gst_sample_get_caps (sample), 0);
      cairo_surface_t *image;
      GstMapInfo map;
      int w, h;

      gst_structure_get_int (s, "width", &w);
      gst_structure_get_int (s, "height", &h);
      image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
      gst_buffer_map (buffer, &map, GST_MAP_READ);
      cairo_surface_flush (image);
      for (int row = 0; row < h; row++)
        memcpy (cairo_image_surface_get_data (image) + row * cairo_image_surface_get_stride (image),
                map.data + (gsize) row * w * 4, (gsize) w * 4);
      cairo_surface_mark_dirty (image);
      gst_buffer_unmap (buffer, &map);
      g_ptr_array_add (frames, image);
      gst_sample_unref (sample);
    }
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (sink);
  gst_object_unref (pipeline);
  return frames;
}

/* Five years held 0.4 s each at 25 frames a second: 50 frames; the third
 * frame of each year (before the dissolve) shows that year's colours, and
 * some area changes colour over the years. */
static void
test_video (void)
{
  g_autoptr(WmAtlas) atlas = make_atlas (WM_ATLAS_NO_SITES);
  g_autofree char *webm = g_build_filename (fx.dir, "timeline.webm", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) frames = NULL;
  guint n_years, hold = 10, checked = 0, changed = 0;
  const int *years = wm_indicator_table_get_years (wm_map_model_get_table (fx.model), &n_years);
  guint n_areas = wm_area_geometry_get_n_areas (wm_map_model_get_geometry (fx.model));
  g_autofree guint32 *first = g_new0 (guint32, n_areas);

  g_assert_true (wm_atlas_write_video (atlas, NULL, WIDTH, HEIGHT, 0.4, webm, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wm_atlas_get_year (atlas), ==, years[n_years - 1]);
  frames = decode (webm);
  g_assert_cmpuint (frames->len, ==, n_years * hold);
  g_assert_cmpint (cairo_image_surface_get_width (frames->pdata[0]), ==, WIDTH);
  if (g_getenv ("WM_TEST_SNAPSHOT_DIR") != NULL)
    for (guint f = 2; f < frames->len; f += 5)
      {
        g_autofree char *name = g_strdup_printf ("timeline-frame-%02u.png", f);
        g_autofree char *path = g_build_filename (g_getenv ("WM_TEST_SNAPSHOT_DIR"), name, NULL);

        cairo_surface_write_to_png (frames->pdata[f], path);
      }

  for (guint y = 0; y < n_years; y++)
    {
      cairo_surface_t *frame = frames->pdata[y * hold + 2];
      cairo_surface_t *still = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
      cairo_t *cr = cairo_create (still);

      g_assert_true (wm_atlas_set_year (atlas, years[y], &error));
      wm_atlas_draw_view (atlas, cr, WIDTH, HEIGHT, NULL, 1);
      cairo_destroy (cr);
      for (guint a = 0; a < n_areas; a++)
        {
          guint32 want, got;
          int x, py;

          /* where the still picture is flat around the point: VP8 blurs
           * colour across edges (4:2:0) */
          if (!area_pixel (atlas, a, &x, &py) || !area_colour (atlas, a, &want) || !flat (still, x, py, want))
            continue;
          got = wm_test_pixel (frame, x, py);
          /* VP8 is lossy: flat areas come back within a few levels */
          if (!close_colour (got, want, 12))
            g_error ("%d, area %u at %d,%d: #%06x, legend blended #%06x", years[y], a, x, py, got, want);
          checked++;
          if (y == 0)
            first[a] = want;
          else if (y == n_years - 1 && first[a] != 0 && first[a] != want)
            changed++;
        }
      cairo_surface_destroy (still);
    }
  g_assert_cmpuint (checked, >=, 5 * n_years);
  g_assert_cmpuint (changed, >, 0);
}

/* A cancelled video and an unwritable folder leave the older file as it
 * was, and nothing beside it. */
static void
test_failures (void)
{
  g_autoptr(WmAtlas) atlas = make_atlas (0);
  g_autofree char *dir = g_build_filename (fx.dir, "keep", NULL);
  g_autofree char *webm = g_build_filename (dir, "timeline.webm", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GDir) listing = NULL;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (webm, "older video", -1, NULL));
  g_cancellable_cancel (cancellable);
  g_assert_false (wm_atlas_write_video (atlas, NULL, WIDTH, HEIGHT, 0.2, webm, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (webm, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "older video");
  listing = g_dir_open (dir, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "timeline.webm");
  g_assert_null (g_dir_read_name (listing));

  g_assert_false (wm_atlas_write_view (atlas, NULL, WIDTH, HEIGHT, "/nonexistent-folder/map.png", &error));
  g_assert_error (error, WM_ATLAS_ERROR, WM_ATLAS_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "/nonexistent-folder/map.png"));
  g_assert_nonnull (strstr (error->message, "does not exist"));
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);
  setup ();

  g_test_add_func ("/atlas-view/png", test_png);
  g_test_add_func ("/atlas-view/pdf", test_pdf);
  g_test_add_func ("/atlas-view/video", test_video);
  g_test_add_func ("/atlas-view/failures", test_failures);

  rc = g_test_run ();
  g_object_unref (fx.model);
  sqlite3_close (fx.db);
  wm_test_rmdir (fx.dir);
  g_free (fx.dir);
  return rc;
}
