/* wm-atlas-pdf.c — writing an atlas as a PDF (or one page as a PNG)
 *
 * A file is written beside its target under a hidden temporary name and
 * put in place with wm_file_commit() only when complete: after a full
 * disk, a cancellation or a crash, the previous file is as it was and no
 * temporary file is left behind.
 *
 * The PDF has a bookmark per area, the index's links to the sheets and
 * the document's title, author, subject, creator and date; the same
 * decoration is added when the print dialog exports to PDF.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <unistd.h>

#include "wm-atlas-private.h"
#include "wm-file.h"

/* Where the bytes go; tests put a failing write here (disk full). */
static WmAtlasWriteFunc write_func = write;

void
wm_atlas_set_write_func (WmAtlasWriteFunc func)
{
  write_func = func != NULL ? func : write;
}

/* After a failed write the rest goes nowhere, but cairo is told all is
 * well: cairo 1.16 crashes finishing a PDF whose stream failed. The error
 * is the sink's to report. */
cairo_status_t
wm_atlas_sink_write (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  WmAtlasSink *sink = closure;

  while (length > 0 && sink->error == 0)
    {
      ssize_t n = write_func (sink->fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          sink->error = n < 0 ? errno : EIO;
          break;
        }
      data += n;
      length -= n;
    }
  return CAIRO_STATUS_SUCCESS;
}

/* One line: which file, what happened, what to do; nothing was changed. */
static void
set_file_error (GError     **error,
                const char  *path,
                int          err)
{
  g_autofree char *dir = g_path_get_dirname (path);

  /* /proc exists and says ENOENT to a new file: not a missing folder */
  if (err == ENOENT && g_file_test (dir, G_FILE_TEST_IS_DIR))
    err = EACCES;
  switch (err)
    {
    case ENOSPC:
    case EDQUOT:
    case EFBIG:
      g_set_error (error, WM_ATLAS_ERROR, WM_ATLAS_ERROR_DISK_FULL,
                   _("%s: the disk is full (%s) — free some space or save the atlas on another disk; "
                     "no file was changed"), path, g_strerror (err));
      break;
    case ENOENT:
      g_set_error (error, WM_ATLAS_ERROR, WM_ATLAS_ERROR_WRITE,
                   _("%s: the folder %s does not exist — choose an existing folder"), path, dir);
      break;
    case ENOTDIR:
      g_set_error (error, WM_ATLAS_ERROR, WM_ATLAS_ERROR_WRITE,
                   _("%s: %s is not a folder — choose a file in an existing folder"), path, dir);
      break;
    case EISDIR:
      g_set_error (error, WM_ATLAS_ERROR, WM_ATLAS_ERROR_WRITE,
                   _("%s is a folder — give the name of a file to write, such as atlas.pdf"), path);
      break;
    default:
      g_set_error (error, WM_ATLAS_ERROR, WM_ATLAS_ERROR_WRITE,
                   _("%s: the file cannot be written (%s) — choose a folder you may write in; no file "
                     "was changed"), path, g_strerror (err));
    }
}

/* The temporary file, the rendering, the commit — or no trace at all. */
gboolean
wm_atlas_write_atomically (WmAtlas       *self,
                  const char    *path,
                  WmAtlasRenderFunc     render,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_strdup_printf (".%s.XXXXXX", base);
  g_autofree char *tmp = g_build_filename (dir, name, NULL);
  WmAtlasSink sink = { -1, 0 };
  GError *local = NULL;
  gboolean ok;
  int err;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      set_file_error (error, path, EISDIR);
      return FALSE;
    }
  sink.fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0666);
  if (sink.fd < 0)
    {
      set_file_error (error, path, errno);
      return FALSE;
    }
  ok = render (self, &sink, data, cancellable, &local);
  if (close (sink.fd) != 0 && sink.error == 0)
    sink.error = errno;
  if (ok && sink.error == 0 && (err = wm_file_commit (tmp, path)) != 0)
    sink.error = err;
  if (!ok || sink.error != 0)
    {
      g_unlink (tmp);
      if (local != NULL)
        g_propagate_error (error, local);
      else
        set_file_error (error, path, sink.error != 0 ? sink.error : EIO);
      return FALSE;
    }
  return TRUE;
}

static char *
iso_date (GDateTime *date)
{
  return g_date_time_format (date, "%Y-%m-%dT%H:%M:%S");
}

/**
 * wm_atlas_decorate_pdf:
 * @pdf: the PDF surface the atlas's pages are drawn on
 *
 * The document's metadata and its outline: the cover, the index, one
 * bookmark per area (its name, then its code).
 */
void
wm_atlas_decorate_pdf (WmAtlas         *self,
                       cairo_surface_t *pdf)
{
  g_autofree char *title = wm_atlas_get_title (self);
  g_autofree char *date = iso_date (self->printed_at);
  g_autofree char *creator = g_strdup_printf ("WelfareMap %s", PACKAGE_VERSION);
  g_autoptr(GString) subject = g_string_new (NULL);

  g_return_if_fail (WM_IS_ATLAS (self));
  g_return_if_fail (cairo_surface_get_type (pdf) == CAIRO_SURFACE_TYPE_PDF);

  g_string_printf (subject, ngettext ("Sheet of %u area of the layer “%s”, %d: ", "Sheets of %u areas of the layer “%s”, %d: ",
                                      self->n_sheets), self->n_sheets, self->layer_name, self->year);
  for (guint i = 0; i < self->n_indicators; i++)
    g_string_append_printf (subject, "%s%s", i > 0 ? "; " : "",
                            wm_indicator_def_get_label (wm_indicator_def_get (self->indicators[i])));
  cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_AUTHOR,
                                  self->printed_by != NULL ? self->printed_by : _("WelfareMap user"));
  cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_SUBJECT, subject->str);
  cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_CREATOR, creator);
  cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_CREATE_DATE, date);

  cairo_pdf_surface_add_outline (pdf, CAIRO_PDF_OUTLINE_ROOT, _("Cover"), "page=1", 0);
  cairo_pdf_surface_add_outline (pdf, CAIRO_PDF_OUTLINE_ROOT, _("Index of areas"), "page=2", 0);
  for (guint s = 0; s < self->n_sheets; s++)
    {
      guint area = self->sheets[s];
      g_autofree char *label = g_strdup_printf ("%s (%s)", wm_atlas_area_name (self, area),
                                                wm_area_geometry_get_code (self->geometry, area));
      g_autofree char *link = g_strdup_printf ("dest='sheet-%u'", s + 1);

      cairo_pdf_surface_add_outline (pdf, CAIRO_PDF_OUTLINE_ROOT, label, link, 0);
    }
}

typedef struct {
  WmAtlasProgressFunc progress;
  gpointer data;
} Progress;

static gboolean
render_pdf (WmAtlas       *self,
            WmAtlasSink   *sink,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Progress *progress = data;
  double width, height;
  guint n_pages = wm_atlas_get_n_pages (self);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  gboolean cancelled = FALSE;

  wm_atlas_get_page_size (self, &width, &height);
  surface = cairo_pdf_surface_create_for_stream (wm_atlas_sink_write, sink, width, height);
  wm_atlas_decorate_pdf (self, surface);
  cr = cairo_create (surface);
  for (guint page = 0; page < n_pages && sink->error == 0; page++)
    {
      if ((cancelled = g_cancellable_is_cancelled (cancellable)))
        break;
      /* vectors are resolution-free; the basemap's tiles are not */
      wm_atlas_draw_page (self, cr, page, width, height, self->dpi / 72);
      cairo_show_page (cr);
      if (progress->progress != NULL)
        progress->progress (page, n_pages, progress->data);
    }
  cairo_destroy (cr);
  /* a cancelled document is not finished: the rest goes nowhere */
  if (cancelled)
    sink->error = ECANCELED;
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (cancelled || g_cancellable_is_cancelled (cancellable))
    return !g_cancellable_set_error_if_cancelled (cancellable, error);
  if (sink->error == 0 && status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, WM_ATLAS_ERROR, WM_ATLAS_ERROR_WRITE, _("The atlas could not be drawn: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  return sink->error == 0;
}

/**
 * wm_atlas_write_pdf:
 * @progress: (nullable): called in this thread after each page
 *
 * Writes every page to @path, replacing any file there only once the new
 * one is complete. Cancelling stops between pages.
 *
 * Returns: %FALSE with @error set (WM_ATLAS_ERROR_WRITE, _DISK_FULL,
 *   G_IO_ERROR_CANCELLED); then @path is as it was
 */
gboolean
wm_atlas_write_pdf (WmAtlas              *self,
                    const char           *path,
                    WmAtlasProgressFunc   progress,
                    gpointer              progress_data,
                    GCancellable         *cancellable,
                    GError              **error)
{
  Progress p = { progress, progress_data };

  g_return_val_if_fail (WM_IS_ATLAS (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  return wm_atlas_write_atomically (self, path, render_pdf, &p, cancellable, error);
}

typedef struct {
  char *path;
  WmAtlasProgressFunc progress;
  gpointer progress_data;
  GDestroyNotify progress_data_free;
  GMainContext *context;
  /* a video (wm_atlas_write_video_async()) rather than the atlas */
  gboolean video;
  gboolean has_screen;
  WmMapView screen;
  guint width, height;
  double seconds_per_year;
} AsyncData;

static AsyncData *
async_data_new (const char          *path,
                WmAtlasProgressFunc  progress,
                gpointer             progress_data,
                GDestroyNotify       progress_data_free)
{
  AsyncData *data = g_new0 (AsyncData, 1);

  data->path = g_strdup (path);
  data->progress = progress;
  data->progress_data = progress_data;
  data->progress_data_free = progress_data_free;
  data->context = g_main_context_ref_thread_default ();
  return data;
}

static void
async_data_free (gpointer user_data)
{
  AsyncData *data = user_data;

  g_free (data->path);
  if (data->progress_data_free != NULL)
    data->progress_data_free (data->progress_data);
  g_main_context_unref (data->context);
  g_free (data);
}

/* A page done, told in the caller's context; the event holds the task,
 * so the progress data lives until the last event is told. */
typedef struct {
  GTask *task;
  guint page, n_pages;
} PageEvent;

static gboolean
page_event_dispatch (gpointer user_data)
{
  PageEvent *event = user_data;
  AsyncData *data = g_task_get_task_data (event->task);

  data->progress (event->page, event->n_pages, data->progress_data);
  return G_SOURCE_REMOVE;
}

static void
page_event_free (gpointer user_data)
{
  PageEvent *event = user_data;

  g_object_unref (event->task);
  g_free (event);
}

static void
relay_page (guint    page,
            guint    n_pages,
            gpointer user_data)
{
  GTask *task = user_data;
  AsyncData *data = g_task_get_task_data (task);
  PageEvent *event = g_new (PageEvent, 1);

  event->task = g_object_ref (task);
  event->page = page;
  event->n_pages = n_pages;
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, page_event_dispatch, event, page_event_free);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  AsyncData *data = task_data;
  WmAtlasProgressFunc relay = data->progress != NULL ? relay_page : NULL;
  GError *error = NULL;
  gboolean ok;

  if (data->video)
    ok = wm_atlas_write_video (source_object, data->has_screen ? &data->screen : NULL, data->width, data->height,
                               data->seconds_per_year, data->path, relay, task, cancellable, &error);
  else
    ok = wm_atlas_write_pdf (source_object, data->path, relay, task, cancellable, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * wm_atlas_write_pdf_async:
 * @progress: (nullable): called in the caller's thread-default main
 *   context after each page
 * @progress_data_free: (nullable): frees @progress_data, in any thread
 *
 * wm_atlas_write_pdf() in a worker thread. Do not draw with @self until
 * @callback runs.
 */
void
wm_atlas_write_pdf_async (WmAtlas             *self,
                          const char          *path,
                          WmAtlasProgressFunc  progress,
                          gpointer             progress_data,
                          GDestroyNotify       progress_data_free,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AsyncData *data;

  g_return_if_fail (WM_IS_ATLAS (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wm_atlas_write_pdf_async);
  g_task_set_name (task, "[welfaremap] write atlas");
  data = async_data_new (path, progress, progress_data, progress_data_free);
  g_task_set_task_data (task, data, async_data_free);
  g_task_run_in_thread (task, write_thread);
}

/**
 * wm_atlas_write_video_async:
 * @progress: (nullable): called in the caller's thread-default main
 *   context after each year
 *
 * wm_atlas_write_video() in a worker thread. Do not draw with @self until
 * @callback runs.
 */
void
wm_atlas_write_video_async (WmAtlas             *self,
                            const WmMapView     *screen,
                            guint                width,
                            guint                height,
                            double               seconds_per_year,
                            const char          *path,
                            WmAtlasProgressFunc  progress,
                            gpointer             progress_data,
                            GDestroyNotify       progress_data_free,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AsyncData *data;

  g_return_if_fail (WM_IS_ATLAS (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wm_atlas_write_video_async);
  g_task_set_name (task, "[welfaremap] write video");
  data = async_data_new (path, progress, progress_data, progress_data_free);
  data->video = TRUE;
  data->has_screen = screen != NULL;
  if (screen != NULL)
    data->screen = *screen;
  data->width = width;
  data->height = height;
  data->seconds_per_year = seconds_per_year;
  g_task_set_task_data (task, data, async_data_free);
  g_task_run_in_thread (task, write_thread);
}

gboolean
wm_atlas_write_video_finish (WmAtlas       *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == wm_atlas_write_video_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
wm_atlas_write_pdf_finish (WmAtlas       *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == wm_atlas_write_pdf_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct {
  guint page;
  double dpi;
} PngPage;

static gboolean
render_png (WmAtlas       *self,
            WmAtlasSink   *sink,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  PngPage *p = data;
  double width, height, scale = p->dpi / 72;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  wm_atlas_get_page_size (self, &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (width * scale), (int) ceil (height * scale));
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  wm_atlas_draw_page (self, cr, p->page, width, height, scale);
  cairo_destroy (cr);
  status = cairo_surface_write_to_png_stream (surface, wm_atlas_sink_write, sink);
  cairo_surface_destroy (surface);
  if (sink->error == 0 && status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, WM_ATLAS_ERROR, WM_ATLAS_ERROR_WRITE, _("The page could not be drawn: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  return sink->error == 0;
}

/**
 * wm_atlas_write_png:
 * @page: 0-based
 * @dpi: pixels per inch
 *
 * One page as a PNG image, written as atomically as the PDF.
 */
gboolean
wm_atlas_write_png (WmAtlas     *self,
                    guint        page,
                    const char  *path,
                    double       dpi,
                    GError     **error)
{
  PngPage p = { page, dpi };

  g_return_val_if_fail (WM_IS_ATLAS (self), FALSE);
  g_return_val_if_fail (page < wm_atlas_get_n_pages (self), FALSE);
  g_return_val_if_fail (dpi > 0 && dpi <= 1200, FALSE);
  return wm_atlas_write_atomically (self, path, render_png, &p, NULL, error);
}
