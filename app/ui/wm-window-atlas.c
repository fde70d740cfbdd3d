/* wm-window-atlas.c — the main window prints the neighbourhood atlas
 *
 * Two actions, each taking a file path or "" to ask for one:
 *  - win.export-atlas: the print dialog (GtkPrintOperation) with its page
 *    setup; with a path, GTK exports the same pages to that PDF file;
 *  - win.save-atlas-pdf: a file chooser, then the atlas written in a
 *    worker thread (atomically: an older file stays until the new one is
 *    complete), with a progress card and a Cancel button
 *    (win.cancel-atlas), and a toast when done.
 * The atlas is the map as it is: its layer, year, indicator (first, then
 * the vulnerability index and its components) and classes, the offline
 * basemap when the areas lie on it. An analyst's atlas hides the values
 * of small groups (see wm-atlas.h), as on the command line.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wm-atlas-print.h"
#include "wm-paths.h"
#include "wm-window-private.h"

static char *
describe_progress (guint page,
                   guint n_pages)
{
  return g_strdup_printf (_("Writing the atlas: page %u of %u"), page, n_pages);
}

static char *
describe_saved (const char *name)
{
  return g_strdup_printf (_("Atlas saved as “%s”"), name);
}

static const WmWindowJobKind job = {
  .key = "wm-window-atlas",
  .card_key = "atlas-progress",
  .cancel_action = "win.cancel-atlas",
  .starting = N_("Writing the atlas…"),
  .busy = N_("An atlas is being saved already"),
  .cancelled = N_("The atlas was not saved: cancelled"),
  .failed = N_("The atlas cannot be saved"),
  .describe_progress = describe_progress,
  .describe_saved = describe_saved,
};

static gboolean
ready (WmWindow *self)
{
  if (self->model != NULL && wm_map_model_get_table (self->model) != NULL && self->extract != NULL)
    return TRUE;
  wm_window_toast (self, _("Open an extract and wait for its indicators before printing an atlas"));
  return FALSE;
}

/* The offline basemap of the window, if it covers the areas. */
static char *
basemap_path (WmWindow *self)
{
  g_autofree char *path = NULL;

  if (g_settings_get_enum (self->settings, "basemap") != 0)
    return NULL;
  path = g_settings_get_string (self->settings, "basemap-file");
  if (path[0] == '\0')
    {
      g_free (path);
      path = wm_paths_demo_basemap ();
    }
  return wm_atlas_basemap_fits (path, wm_map_model_get_geometry (self->model)) ? g_steal_pointer (&path) : NULL;
}

/**
 * wm_window_make_atlas:
 * @map_only: only the map's indicator (a map picture); otherwise the
 *   map's indicator first, then the composite and its components
 *
 * The atlas of the map as it is: layer, year, classes, opacity, the
 * service sites shown, the offline basemap.
 */
WmAtlas *
wm_window_make_atlas (WmWindow  *self,
                      gboolean   map_only,
                      GError   **error)
{
  guint mask = wm_service_overlay_get_area_mask (self->services);
  WmIndicatorId ids[WM_ATLAS_MAX_INDICATORS];
  WmIndicatorId shown = wm_map_model_get_indicator (self->model);
  WmExtractRole role = wm_extract_get_role (self->extract);
  g_autofree char *basemap = basemap_path (self);
  WmAtlasOptions options = { 0 };
  guint n = 0;

  ids[n++] = shown;
  if (shown != WM_INDICATOR_IVSM && !map_only)
    ids[n++] = WM_INDICATOR_IVSM;
  for (WmIndicatorId c = 0; c < WM_IVSM_N_COMPONENTS && !map_only; c++)
    if (c != shown)
      ids[n++] = c;
  options.indicators = ids;
  options.n_indicators = n;
  options.year = wm_map_model_get_year (self->model);
  options.basemap = basemap;
  options.printed_by = wm_extract_role_get_label (role);
  options.disclosure_control = role == WM_EXTRACT_ROLE_ANALYST;
  options.opacity = wm_choropleth_layer_get_opacity (self->choropleth);
  options.site_areas = mask == 0 ? WM_ATLAS_NO_SITES : mask;
  return wm_atlas_new (self->model, wm_extract_get_db (self->extract), &options, error);
}

/* The atlas, or NULL after telling the user why not. */
static WmAtlas *
make_atlas_or_explain (WmWindow   *self,
                       const char *heading)
{
  g_autoptr(GError) error = NULL;
  WmAtlas *atlas = wm_window_make_atlas (self, FALSE, &error);

  if (atlas == NULL)
    wm_window_show_error (self, heading, error);
  return atlas;
}

static char *
suggested_name (WmAtlas *atlas)
{
  g_autofree char *title = wm_atlas_get_title (atlas);

  /* no separators in a file name */
  return g_strconcat (g_strdelimit (title, "/\\:", '-'), ".pdf", NULL);
}

/* The print dialog */

static void
on_print_done (GtkPrintOperation       *op,
               GtkPrintOperationResult  result,
               WmWindow                *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (op, &error);
      wm_window_show_error (self, _("The atlas cannot be printed"), error);
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    wm_window_toast (self, _("The atlas was sent to print"));
  g_object_unref (op);
}

static void
export_atlas_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);
  const char *path = g_variant_get_string (param, NULL);
  g_autoptr(WmAtlas) atlas = NULL;
  GtkPrintOperation *op;

  if (!ready (self) || (atlas = make_atlas_or_explain (self, _("The atlas cannot be printed"))) == NULL)
    return;
  op = GTK_PRINT_OPERATION (wm_atlas_print_new (atlas));
  g_signal_connect_object (op, "done", G_CALLBACK (on_print_done), self, 0);
  if (*path != '\0')
    {
      /* GTK writes the PDF itself, page by page, without the dialog */
      gtk_print_operation_set_export_filename (op, path);
      gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_EXPORT, GTK_WINDOW (self), NULL);
      return;
    }
  gtk_print_operation_set_allow_async (op, TRUE);
  gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, GTK_WINDOW (self), NULL);
}

/* Saving as PDF in the background */

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(WmWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  wm_atlas_write_pdf_finish (WM_ATLAS (source), result, &error);
  wm_window_job_end (self, &job, error);
}

static void
save_to (WmWindow   *self,
         const char *path)
{
  g_autoptr(WmAtlas) atlas = NULL;
  GCancellable *cancellable;

  if ((atlas = make_atlas_or_explain (self, _("The atlas cannot be saved"))) == NULL ||
      (cancellable = wm_window_job_begin (self, &job, path)) == NULL)
    return;
  wm_atlas_write_pdf_async (atlas, path, wm_window_job_progress, wm_window_job_progress_data (self, &job),
                            wm_window_job_progress_data_free, cancellable, on_saved, g_object_ref (self));
}

static void
on_file_chosen (GtkNativeDialog *dialog,
                int              response,
                gpointer         user_data)
{
  WmWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        save_to (self, path);
    }
  g_object_unref (dialog);
}

static void
save_atlas_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);
  const char *path = g_variant_get_string (param, NULL);
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autoptr(WmAtlas) atlas = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (!ready (self))
    return;
  if (*path != '\0')
    {
      save_to (self, path);
      return;
    }
  /* made now for its name, and to say at once if it cannot be made */
  if ((atlas = make_atlas_or_explain (self, _("The atlas cannot be saved"))) == NULL)
    return;
  name = suggested_name (atlas);
  chooser = gtk_file_chooser_native_new (_("Save Atlas as PDF"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
cancel_atlas_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  wm_window_job_cancel (WM_WINDOW (widget), &job);
}

void
wm_window_atlas_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-atlas", "s", export_atlas_action);
  gtk_widget_class_install_action (widget_class, "win.save-atlas-pdf", "s", save_atlas_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-atlas", NULL, cancel_atlas_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.export-atlas", "s", "");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-atlas-pdf", "s", "");
}

void
wm_window_atlas_init (WmWindow *self)
{
  wm_window_job_init (self, &job);
}
