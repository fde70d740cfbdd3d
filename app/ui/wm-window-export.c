/* wm-window-export.c — the main window exports the map as a picture or the timeline as a video
 *
 * Two actions, each taking a file path or "" to ask for one:
 *  - win.export-map: the map as it is (layer, indicator, year, classes,
 *    the service sites shown, the extent on screen) with its title,
 *    legend, scale and sources, as PNG or PDF (by the name's extension);
 *  - win.export-video: the same map over every year, as a WebM video,
 *    written in a worker thread with a progress card and Cancel
 *    (win.cancel-video).
 * Asking first shows the size (presets, remembered in GSettings) and, for
 * a video, the seconds per year; then a file chooser.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wm-window-private.h"

static const struct {
  guint width, height;
  const char *name;
} sizes[] = {
  { 1280, 720, N_("HD") },
  { 1920, 1080, N_("Full HD") },
  { 3840, 2160, N_("4K, for a wall") },
  { 1123, 794, N_("A4 landscape") },
  { 1587, 1123, N_("A3 landscape") },
  { 1080, 1080, N_("Square, for social media") },
};

/* Videos are encoded on this machine's CPU: no 4K. */
#define VIDEO_MAX_WIDTH 1920

static char *
describe_progress (guint year,
                   guint n_years)
{
  return g_strdup_printf (_("Writing the video: year %u of %u"), year, n_years);
}

static char *
describe_saved (const char *name)
{
  return g_strdup_printf (_("Video saved as “%s”"), name);
}

static const WmWindowJobKind job = {
  .key = "wm-window-export",
  .card_key = "video-progress",
  .cancel_action = "win.cancel-video",
  .starting = N_("Writing the video…"),
  .busy = N_("A video is being saved already"),
  .cancelled = N_("The video was not saved: cancelled"),
  .failed = N_("The video cannot be saved"),
  .describe_progress = describe_progress,
  .describe_saved = describe_saved,
};

/* The atlas of the map on screen, or NULL after saying why not. */
static WmAtlas *
map_atlas (WmWindow   *self,
           const char *heading)
{
  g_autoptr(GError) error = NULL;
  WmAtlas *atlas;

  if (self->model == NULL || wm_map_model_get_table (self->model) == NULL || self->extract == NULL)
    {
      wm_window_toast (self, _("Open an extract and wait for its indicators before exporting the map"));
      return NULL;
    }
  atlas = wm_window_make_atlas (self, TRUE, &error);
  if (atlas == NULL)
    wm_window_show_error (self, heading, error);
  return atlas;
}

static void
export_map_to (WmWindow   *self,
               const char *path)
{
  g_autoptr(WmAtlas) atlas = map_atlas (self, _("The map cannot be exported"));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL, *message = NULL;
  WmMapView screen;
  guint width, height;

  if (atlas == NULL)
    return;
  g_settings_get (self->settings, "export-size", "(uu)", &width, &height);
  wm_choropleth_layer_get_map_view (self->choropleth, &screen);
  if (!wm_atlas_write_view (atlas, &screen, width, height, path, &error))
    {
      wm_window_show_error (self, _("The map cannot be exported"), error);
      return;
    }
  name = g_path_get_basename (path);
  message = g_strdup_printf (_("Map saved as “%s”"), name);
  wm_window_toast (self, message);
}

/* Writing a video in the background */

static void
on_video_saved (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(WmWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  wm_atlas_write_video_finish (WM_ATLAS (source), result, &error);
  wm_window_job_end (self, &job, error);
}

static void
export_video_to (WmWindow   *self,
                 const char *path)
{
  g_autoptr(WmAtlas) atlas = NULL;
  GCancellable *cancellable;
  WmMapView screen;
  guint width, height;

  if ((atlas = map_atlas (self, _("The video cannot be saved"))) == NULL ||
      (cancellable = wm_window_job_begin (self, &job, path)) == NULL)
    return;
  g_settings_get (self->settings, "export-size", "(uu)", &width, &height);
  if (width > VIDEO_MAX_WIDTH)
    {
      height = height * VIDEO_MAX_WIDTH / width;
      width = VIDEO_MAX_WIDTH;
    }
  wm_choropleth_layer_get_map_view (self->choropleth, &screen);
  wm_atlas_write_video_async (atlas, &screen, width, height,
                              g_settings_get_double (self->settings, "export-seconds-per-year"), path,
                              wm_window_job_progress, wm_window_job_progress_data (self, &job),
                              wm_window_job_progress_data_free, cancellable, on_video_saved, g_object_ref (self));
}

/* Asking: the size, then where */

typedef struct {
  WmWindow *self;
  gboolean video;
  GtkDropDown *size;
  GtkSpinButton *seconds;
} Ask;

static void
on_file_chosen (GtkNativeDialog *dialog,
                int              response,
                gpointer         user_data)
{
  Ask *ask = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL && ask->video)
        export_video_to (ask->self, path);
      else if (path != NULL)
        export_map_to (ask->self, path);
    }
  g_object_unref (dialog);
  g_object_unref (ask->self);
  g_free (ask);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *mime_type)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
choose_file (Ask *ask)
{
  WmWindow *self = ask->self;
  const WmIndicatorDef *def = wm_indicator_def_get (wm_map_model_get_indicator (self->model));
  g_autofree char *name = ask->video
                          ? g_strdup_printf ("%s.webm", wm_indicator_def_get_label (def))
                          : g_strdup_printf ("%s %d.png", wm_indicator_def_get_label (def),
                                             wm_map_model_get_year (self->model));
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (ask->video ? _("Export Timeline Video") : _("Export Map"),
                                         GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), g_strdelimit (name, "/\\:", '-'));
  if (ask->video)
    add_filter (GTK_FILE_CHOOSER (chooser), _("WebM videos"), "video/webm");
  else
    {
      add_filter (GTK_FILE_CHOOSER (chooser), _("PNG images and PDF documents"), "image/png");
      add_filter (GTK_FILE_CHOOSER (chooser), _("PDF documents"), "application/pdf");
    }
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen), ask);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_size_chosen (AdwMessageDialog *dialog,
                const char       *response,
                gpointer          user_data)
{
  Ask *ask = user_data;
  guint i = gtk_drop_down_get_selected (ask->size);

  if (!g_str_equal (response, "export") || i >= G_N_ELEMENTS (sizes))
    {
      g_object_unref (ask->self);
      g_free (ask);
      return;
    }
  g_settings_set (ask->self->settings, "export-size", "(uu)", sizes[i].width, sizes[i].height);
  if (ask->video)
    g_settings_set_double (ask->self->settings, "export-seconds-per-year", gtk_spin_button_get_value (ask->seconds));
  choose_file (ask);
}

static void
ask_size (WmWindow *self,
          gboolean  video)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *dialog, *box;
  Ask *ask = g_new0 (Ask, 1);
  guint width, height, chosen = 1;

  ask->self = g_object_ref (self);
  ask->video = video;
  g_settings_get (self->settings, "export-size", "(uu)", &width, &height);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *label = g_strdup_printf ("%s, %u × %u", _(sizes[i].name), sizes[i].width, sizes[i].height);

      gtk_string_list_append (names, label);
      if (sizes[i].width == width && sizes[i].height == height)
        chosen = i;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (self), video ? _("Export Timeline Video") : _("Export Map"),
                                   video ? _("Every year of the map in turn, with its legend and sources, as a "
                                             "WebM video for slides and web pages.")
                                         : _("The map as it is now, with its title, legend and sources, as a PNG "
                                             "image or a PDF document."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  ask->size = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL));
  gtk_drop_down_set_selected (ask->size, chosen);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (ask->size));
  if (video)
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *label = gtk_label_new_with_mnemonic (_("_Seconds per year"));

      ask->seconds = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0.2, 10, 0.1));
      gtk_spin_button_set_value (ask->seconds, g_settings_get_double (self->settings, "export-seconds-per-year"));
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (ask->seconds));
      gtk_widget_set_hexpand (label, TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (row), label);
      gtk_box_append (GTK_BOX (row), GTK_WIDGET (ask->seconds));
      gtk_box_append (GTK_BOX (box), row);
    }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "export", _("_Choose File…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
  g_signal_connect (dialog, "response", G_CALLBACK (on_size_chosen), ask);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);
  const char *path = g_variant_get_string (param, NULL);
  gboolean video = g_str_equal (action_name, "win.export-video");

  if (*path == '\0')
    {
      g_autoptr(WmAtlas) atlas = map_atlas (self, video ? _("The video cannot be saved")
                                                        : _("The map cannot be exported"));

      /* made now to say at once if it cannot be made */
      if (atlas != NULL)
        ask_size (self, video);
    }
  else if (video)
    export_video_to (self, path);
  else
    export_map_to (self, path);
}

static void
cancel_video_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  wm_window_job_cancel (WM_WINDOW (widget), &job);
}

void
wm_window_export_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-map", "s", export_action);
  gtk_widget_class_install_action (widget_class, "win.export-video", "s", export_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-video", NULL, cancel_video_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export-map", "s", "");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.export-video", "s", "");
}

void
wm_window_export_init (WmWindow *self)
{
  wm_window_job_init (self, &job);
}
