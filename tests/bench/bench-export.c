/* bench-export.c — Export Map (PNG, PDF) and the timeline video
 *
 * Data: Milano's 88 NIL polygons, a generated population over ten years
 * (as bench-atlas) and 400 service sites, in an in-memory extract; no
 * basemap (the bundled one covers Povo only).
 *
 * Figures (best of 3 each), each against a peer measured in the same run:
 * - the map exported as a 1920×1080 PNG, against cairo's PNG encoder on
 *   the same pixels already drawn (the part no drawing code can save);
 * - the same view as a one-page PDF;
 * - the ten-year timeline as a 1280×720 WebM, in frames per second,
 *   against GStreamer's pipeline alone with the same settings on a plain
 *   picture of the same size and length (videotestsrc, one colour): the
 *   floor of converting, encoding and muxing that many frames; the ratio
 *   is what drawing the years, dissolving them and their detail cost.
 *
 * WM_BENCH_PERSONS scales the population for a quick run.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gst/gst.h>
#include <stdio.h>
#include <stdlib.h>

#include "wm-atlas.h"
#include "wm-bench.h"
#include "wm-test-atlas-data.h"
#include "wm-test-util.h"

#define PNG_W 1920
#define PNG_H 1080
#define VIDEO_W 1280
#define VIDEO_H 720
#define SECONDS_PER_YEAR 1.5
#define FPS 25

typedef struct {
  WmAtlas *atlas;
  char *path;
  cairo_surface_t *drawn;
  guint n_frames;
} Bench;

static void
export_png (gpointer data)
{
  Bench *b = data;
  g_autoptr(GError) error = NULL;

  if (!wm_atlas_write_view (b->atlas, NULL, PNG_W, PNG_H, b->path, &error))
    g_error ("%s", error->message);
}

static void
encode_png (gpointer data)
{
  Bench *b = data;

  if (cairo_surface_write_to_png (b->drawn, b->path) != CAIRO_STATUS_SUCCESS)
    g_error ("could not write %s", b->path);
}

static void
export_video (gpointer data)
{
  Bench *b = data;
  g_autoptr(GError) error = NULL;

  if (!wm_atlas_write_video (b->atlas, NULL, VIDEO_W, VIDEO_H, SECONDS_PER_YEAR, b->path,
                             NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
}

/* The pipeline's floor: the settings of wm-atlas-video.c on a plain
 * picture. */
static void
encode_video (gpointer data)
{
  Bench *b = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = g_strdup_printf (
      "videotestsrc num-buffers=%u pattern=solid-color foreground-color=0xfff4f0e8 ! video/x-raw,format=BGRx,width=%d,height=%d,framerate=%d/1 "
      "! videoconvert ! vp8enc deadline=1 cpu-used=16 end-usage=cq cq-level=10 target-bitrate=%d "
      "keyframe-max-dist=%d threads=2 ! webmmux ! filesink location=\"%s\"",
      b->n_frames, VIDEO_W, VIDEO_H, FPS, VIDEO_W * VIDEO_H * 4, FPS * 2, b->path);
  GstElement *pipeline = gst_parse_launch (description, &error);
  GstBus *bus;
  GstMessage *msg;

  if (pipeline == NULL)
    g_error ("%s", error->message);
  bus = gst_element_get_bus (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  msg = gst_bus_timed_pop_filtered (bus, GST_CLOCK_TIME_NONE, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR)
    g_error ("the peer pipeline failed");
  gst_message_unref (msg);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (bus);
  gst_object_unref (pipeline);
}

static double
file_mb (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_size / 1e6 : 0;
}

int
main (int argc, char **argv)
{
  g_autofree char *nil = wm_test_shared_path ("milano", "NILZone.EPSG4326.geojson", NULL);
  const char *persons = g_getenv ("WM_BENCH_PERSONS");
  WmTestAtlasSpec spec = { nil, "ID_NIL", "NIL", "NIL", persons != NULL ? atoi (persons) : 250000, 2015, 10, 400, 7 };
  WmAtlasOptions options = { .printed_by = "Analyst", .disclosure_control = TRUE };
  g_autoptr(GError) error = NULL;
  g_autoptr(WmMapModel) model = NULL;
  g_autofree char *dir = wm_test_tmpdir ();
  g_autofree char *png = g_build_filename (dir, "map.png", NULL);
  g_autofree char *pdf = g_build_filename (dir, "map.pdf", NULL);
  g_autofree char *webm = g_build_filename (dir, "timeline.webm", NULL);
  g_autofree char *peer_png = g_build_filename (dir, "peer.png", NULL);
  g_autofree char *peer_webm = g_build_filename (dir, "peer.webm", NULL);
  Bench b = { NULL };
  sqlite3 *db;
  double t_png, t_encode, t_pdf, t_video, t_peer;
  guint n_years;
  cairo_t *cr;

  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);
  db = wm_test_atlas_extract (&spec);
  model = wm_test_atlas_model (db);
  if ((b.atlas = wm_atlas_new (model, db, &options, &error)) == NULL)
    g_error ("%s", error->message);
  wm_indicator_table_get_years (wm_map_model_get_table (model), &n_years);

  b.path = png;
  t_png = wm_bench_best_of (3, export_png, &b);
  b.drawn = cairo_image_surface_create (CAIRO_FORMAT_RGB24, PNG_W, PNG_H);
  cr = cairo_create (b.drawn);
  wm_atlas_draw_view (b.atlas, cr, PNG_W, PNG_H, NULL, 1);
  cairo_destroy (cr);
  b.path = peer_png;
  t_encode = wm_bench_best_of (3, encode_png, &b);
  wm_bench_report ("export.png_ms", t_png * 1e3, "ms",
                   "%d×%d map of 88 NIL with legend and sites, %.2f MB; %.2f× cairo's PNG encoder alone "
                   "on the same pixels (%.0f ms)", PNG_W, PNG_H, file_mb (png), t_png / t_encode, t_encode * 1e3);

  b.path = pdf;
  t_pdf = wm_bench_best_of (3, export_png, &b);
  wm_bench_report ("export.pdf_ms", t_pdf * 1e3, "ms", "the same view as a one-page vector PDF, %.2f MB; "
                   "%.2f× the PNG", file_mb (pdf), t_pdf / t_png);

  b.n_frames = n_years * (guint) (SECONDS_PER_YEAR * FPS + 0.5);
  b.path = webm;
  t_video = wm_bench_best_of (3, export_video, &b);
  b.path = peer_webm;
  t_peer = wm_bench_best_of (3, encode_video, &b);
  wm_bench_report ("export.video_fps", b.n_frames / t_video, "frames/s",
                   "%u years × %.1f s at %d×%d, %u frames in %.2f s, %.2f MB; %.2f× the time of the same pipeline "
                   "on a plain picture (%.0f frames/s)", n_years, SECONDS_PER_YEAR, VIDEO_W, VIDEO_H,
                   b.n_frames, t_video, file_mb (webm), t_video / t_peer, b.n_frames / t_peer);
  wm_bench_report ("export.peak_rss_mib", wm_bench_peak_rss_mib (), "MiB", NULL);

  cairo_surface_destroy (b.drawn);
  g_object_unref (b.atlas);
  sqlite3_close (db);
  wm_test_rmdir (dir);
  return 0;
}
