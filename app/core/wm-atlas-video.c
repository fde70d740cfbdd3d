/* wm-atlas-video.c — the timeline as a video
 *
 * Workshops show how a map changes over the years; slides and web pages
 * want a video, not an application. Every year of the table is drawn once
 * as a map picture (wm-atlas-view.c), held for a while and dissolved into
 * the next, and the frames are encoded by GStreamer as VP8 in WebM, the
 * open format every browser and LibreOffice Impress play:
 *
 *   appsrc ! videoconvert ! vp8enc ! webmmux ! fdsink
 *
 * The file is written like every other (wm_atlas_write_atomically()): a
 * cancelled or failed video leaves no trace and an older file intact.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <gst/app/gstappsrc.h>
#include <gst/gst.h>
#include <math.h>
#include <string.h>

#include "wm-atlas-private.h"

#define FPS 25
#define FADE_SECONDS 0.5
#define DEFAULT_SECONDS_PER_YEAR 1.5

typedef struct {
  const WmMapView *screen;
  guint width, height;
  double seconds;
  WmAtlasProgressFunc progress;
  gpointer progress_data;
} Video;

static gboolean
missing_plugin (const char  *element,
                GError     **error)
{
  g_set_error (error, WM_ATLAS_ERROR, WM_ATLAS_ERROR_WRITE,
               _("Videos cannot be made: GStreamer’s “%s” is not installed — install the Debian packages "
                 "gstreamer1.0-plugins-base and gstreamer1.0-plugins-good, or export a picture instead"), element);
  return FALSE;
}

static GstElement *
make_pipeline (const Video  *v,
               int           fd,
               GstElement  **src,
               GError      **error)
{
  static const char * const names[] = { "appsrc", "videoconvert", "vp8enc", "webmmux", "fdsink" };
  GstElement *e[G_N_ELEMENTS (names)];
  GstElement *pipeline;
  g_autoptr(GstCaps) caps = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if ((e[i] = gst_element_factory_make (names[i], NULL)) == NULL)
      {
        for (guint j = 0; j < i; j++)
          gst_object_unref (e[j]);
        missing_plugin (names[i], error);
        return NULL;
      }
  /* cairo's RGB24 is BGRx in memory on the machines Debian runs on */
  caps = gst_caps_new_simple ("video/x-raw",
                              "format", G_TYPE_STRING, G_BYTE_ORDER == G_LITTLE_ENDIAN ? "BGRx" : "xRGB",
                              "width", G_TYPE_INT, (int) v->width, "height", G_TYPE_INT, (int) v->height,
                              "framerate", GST_TYPE_FRACTION, FPS, 1, NULL);
  g_object_set (e[0], "caps", caps, "format", GST_FORMAT_TIME, "block", TRUE,
                "max-bytes", (guint64) v->width * v->height * 4 * 4, NULL);
  /* maps change only where the years differ: a steady quality, and a key
   * frame a year so that players can seek */
  g_object_set (e[2], "deadline", (gint64) 1, "cpu-used", 16, "end-usage", 1 /* constant quality */,
                "cq-level", 10, "target-bitrate", (int) MIN (G_MAXINT, (double) v->width * v->height * 4),
                "keyframe-max-dist", FPS * 2, "threads", 2, NULL);
  g_object_set (e[4], "fd", fd, NULL);

  pipeline = gst_pipeline_new ("welfaremap-video");
  gst_bin_add_many (GST_BIN (pipeline), e[0], e[1], e[2], e[3], e[4], NULL);
  if (!gst_element_link_many (e[0], e[1], e[2], e[3], e[4], NULL))
    {
      gst_object_unref (pipeline);
      missing_plugin ("webmmux", error);
      return NULL;
    }
  *src = e[0];
  return pipeline;
}

static cairo_surface_t *
draw_year (WmAtlas     *self,
           const Video *v,
           guint        year_index)
{
  guint n_years;
  const int *years = wm_indicator_table_get_years (self->table, &n_years);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, v->width, v->height);
  cairo_t *cr = cairo_create (surface);

  wm_atlas_set_year (self, years[year_index], NULL);
  wm_atlas_draw_view (self, cr, v->width, v->height, v->screen, 1);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* @b over @a at @t (0…1), into a new buffer stamped as frame @n. */
static GstBuffer *
frame_buffer (cairo_surface_t *a,
              cairo_surface_t *b,
              double           t,
              guint64          n,
              const Video     *v)
{
  cairo_surface_t *target = a;
  GstBuffer *buffer;
  GstMapInfo map;
  int stride;

  if (b != NULL && t > 0)
    {
      cairo_t *cr;

      target = cairo_image_surface_create (CAIRO_FORMAT_RGB24, v->width, v->height);
      cr = cairo_create (target);
      cairo_set_source_surface (cr, a, 0, 0);
      cairo_paint (cr);
      cairo_set_source_surface (cr, b, 0, 0);
      cairo_paint_with_alpha (cr, t);
      cairo_destroy (cr);
      cairo_surface_flush (target);
    }
  stride = cairo_image_surface_get_stride (target);
  buffer = gst_buffer_new_allocate (NULL, (gsize) v->width * 4 * v->height, NULL);
  gst_buffer_map (buffer, &map, GST_MAP_WRITE);
  for (guint row = 0; row < v->height; row++)
    memcpy (map.data + (gsize) row * v->width * 4, cairo_image_surface_get_data (target) + (gsize) row * stride,
            (gsize) v->width * 4);
  gst_buffer_unmap (buffer, &map);
  GST_BUFFER_PTS (buffer) = gst_util_uint64_scale (n, GST_SECOND, FPS);
  GST_BUFFER_DURATION (buffer) = gst_util_uint64_scale (1, GST_SECOND, FPS);
  if (target != a)
    cairo_surface_destroy (target);
  return buffer;
}

/* Every frame into appsrc; FALSE when cancelled or the pipeline stopped. */
static gboolean
push_frames (WmAtlas      *self,
             const Video  *v,
             GstElement   *src,
             GCancellable *cancellable)
{
  guint n_years;
  guint hold = MAX (1, (guint) lround (v->seconds * FPS));
  guint fade = MIN (hold / 2, (guint) lround (FADE_SECONDS * FPS));
  guint64 n = 0;
  cairo_surface_t *now, *next = NULL;
  gboolean ok = TRUE;

  wm_indicator_table_get_years (self->table, &n_years);
  now = draw_year (self, v, 0);
  for (guint y = 0; y < n_years && ok; y++)
    {
      if (y + 1 < n_years)
        next = draw_year (self, v, y + 1);
      for (guint f = 0; f < hold && ok; f++, n++)
        {
          /* the last year holds still; the others dissolve into the next at their end */
          double t = next != NULL && f >= hold - fade ? (double) (f - (hold - fade) + 1) / (fade + 1) : 0;

          if (g_cancellable_is_cancelled (cancellable))
            ok = FALSE;
          else
            ok = gst_app_src_push_buffer (GST_APP_SRC (src), frame_buffer (now, next, t, n, v)) == GST_FLOW_OK;
        }
      if (v->progress != NULL)
        v->progress (y, n_years, v->progress_data);
      cairo_surface_destroy (now);
      now = g_steal_pointer (&next);
    }
  g_clear_pointer (&now, cairo_surface_destroy);
  g_clear_pointer (&next, cairo_surface_destroy);
  return ok;
}

/* The pipeline's first error, as the user's; ENOSPC to the sink. */
static void
take_bus_error (GstMessage  *message,
                WmAtlasSink *sink,
                GError     **error)
{
  g_autoptr(GError) gst_error = NULL;
  g_autofree char *debug = NULL;

  gst_message_parse_error (message, &gst_error, &debug);
  if (g_error_matches (gst_error, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_NO_SPACE_LEFT))
    sink->error = ENOSPC;
  else if (gst_error->domain == GST_RESOURCE_ERROR)
    sink->error = EIO;
  else
    g_set_error (error, WM_ATLAS_ERROR, WM_ATLAS_ERROR_WRITE,
                 _("The video could not be made: %s — try a smaller size, or export a picture instead"),
                 gst_error->message);
}

static gboolean
render_video (WmAtlas       *self,
              WmAtlasSink   *sink,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  const Video *v = data;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;
  GstElement *src = NULL;
  GError *init_error = NULL;
  int year = self->year;
  gboolean pushed;

  if (!gst_init_check (NULL, NULL, &init_error))
    {
      g_propagate_error (error, init_error);
      return FALSE;
    }
  if ((pipeline = make_pipeline (v, sink->fd, &src, error)) == NULL)
    return FALSE;
  bus = gst_element_get_bus (pipeline);
  if (gst_element_set_state (pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      gst_element_set_state (pipeline, GST_STATE_NULL);
      return missing_plugin ("vp8enc", error);
    }
  pushed = push_frames (self, v, src, cancellable);
  wm_atlas_set_year (self, year, NULL);
  if (pushed)
    gst_app_src_end_of_stream (GST_APP_SRC (src));
  /* a stop (cancel, a failed push) has its reason on the bus already */
  message = gst_bus_timed_pop_filtered (bus, pushed ? GST_CLOCK_TIME_NONE : 0,
                                        GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  if (message != NULL && GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
    {
      take_bus_error (message, sink, error);
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!pushed)
    {
      g_set_error_literal (error, WM_ATLAS_ERROR, WM_ATLAS_ERROR_WRITE,
                           _("The video could not be made: the encoder stopped — try again, or export a picture"));
      return FALSE;
    }
  return sink->error == 0;
}

/**
 * wm_atlas_write_video:
 * @screen: (nullable): see wm_atlas_draw_view()
 * @width: pixels (made even, as video encoders want)
 * @seconds_per_year: how long each year shows; 0: 1.5 s
 * @progress: (nullable): called after each year, in this thread
 *
 * Writes the timeline as a WebM video: every year of the atlas's table
 * in turn, each dissolving into the next. The atlas is back at its own
 * year afterwards.
 */
gboolean
wm_atlas_write_video (WmAtlas              *self,
                      const WmMapView      *screen,
                      guint                 width,
                      guint                 height,
                      double                seconds_per_year,
                      const char           *path,
                      WmAtlasProgressFunc   progress,
                      gpointer              progress_data,
                      GCancellable         *cancellable,
                      GError              **error)
{
  Video v = { screen, width & ~1u, height & ~1u,
              seconds_per_year > 0 ? seconds_per_year : DEFAULT_SECONDS_PER_YEAR, progress, progress_data };

  g_return_val_if_fail (WM_IS_ATLAS (self), FALSE);
  g_return_val_if_fail (width >= WM_ATLAS_VIEW_MIN_SIZE && width <= WM_ATLAS_VIEW_MAX_SIZE, FALSE);
  g_return_val_if_fail (height >= WM_ATLAS_VIEW_MIN_SIZE && height <= WM_ATLAS_VIEW_MAX_SIZE, FALSE);
  return wm_atlas_write_atomically (self, path, render_video, &v, cancellable, error);
}
