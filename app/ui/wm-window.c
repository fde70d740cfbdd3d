/* wm-window.c — the main window: the map and everything around it
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wm-mbtiles-source.h"
#include "wm-paths.h"
#include "wm-service-filter.h"
#include "wm-service-overlay.h"
#include "wm-window-private.h"

G_DEFINE_FINAL_TYPE (WmWindow, wm_window, ADW_TYPE_APPLICATION_WINDOW)

ShumateMap *
wm_window_get_map (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return shumate_simple_map_get_map (self->simple_map);
}

const char *
wm_window_get_last_error (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return self->last_error;
}

/**
 * wm_window_show_error:
 *
 * Tells the user what failed and what to do; the window stays usable.
 */
void
wm_window_show_error (WmWindow     *self,
                      const char   *heading,
                      const GError *error)
{
  AdwMessageDialog *dialog;

  g_free (self->last_error);
  self->last_error = g_strdup (error->message);
  g_message ("%s: %s", heading, error->message);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, error->message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
wm_window_toast (WmWindow   *self,
                 const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/**
 * wm_window_set_service_sites:
 * @sites: (nullable): the service sites to show, or %NULL for none
 */
void
wm_window_set_service_sites (WmWindow       *self,
                             WmServiceSites *sites)
{
  g_return_if_fail (WM_IS_WINDOW (self));

  wm_service_overlay_set_sites (self->services, sites);
  wm_service_filter_update_counts (WM_SERVICE_FILTER (gtk_menu_button_get_popover (self->services_button)));
  gtk_widget_set_sensitive (GTK_WIDGET (self->services_button),
                            sites != NULL && wm_service_sites_get_n (sites) > 0);
}

WmServiceOverlay *
wm_window_get_service_overlay (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return self->services;
}

/* The basemap goes under every other layer (choropleths, markers), whatever
 * was added first; ShumateSimpleMap would put the first one on top. */
static void
set_map_source (WmWindow         *self,
                ShumateMapSource *source)
{
  ShumateMap *map = wm_window_get_map (self);
  ShumateViewport *viewport = shumate_map_get_viewport (map);
  ShumateLicense *license = shumate_simple_map_get_license (self->simple_map);
  ShumateMapLayer *layer = shumate_map_layer_new (source, viewport);
  GtkWidget *bottom = gtk_widget_get_first_child (GTK_WIDGET (map));

  if (self->basemap != NULL)
    shumate_license_remove_map_source (license, self->basemap);
  shumate_viewport_set_reference_map_source (viewport, source);
  shumate_map_set_map_source (map, source);
  shumate_map_insert_layer_behind (map, SHUMATE_LAYER (layer),
                                   SHUMATE_IS_LAYER (bottom) ? SHUMATE_LAYER (bottom) : NULL);
  if (self->basemap_layer != NULL)
    shumate_map_remove_layer (map, SHUMATE_LAYER (self->basemap_layer));
  self->basemap_layer = layer;
  shumate_license_append_map_source (license, source);
  g_set_object (&self->basemap, source);
}

/**
 * wm_window_load_basemap:
 * @path: an MBTiles tile pack
 *
 * Shows @path as the basemap. On failure the current basemap stays.
 */
gboolean
wm_window_load_basemap (WmWindow    *self,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(WmMbtiles) mbtiles = NULL;
  g_autoptr(ShumateMapSource) source = NULL;

  g_return_val_if_fail (WM_IS_WINDOW (self), FALSE);

  mbtiles = wm_mbtiles_open (path, error);
  if (mbtiles == NULL)
    return FALSE;
  source = wm_mbtiles_source_new_renderer (mbtiles);
  set_map_source (self, source);
  return TRUE;
}

static void
use_online_basemap (WmWindow *self)
{
  g_autoptr(ShumateMapSourceRegistry) registry = shumate_map_source_registry_new_with_defaults ();
  ShumateMapSource *osm = shumate_map_source_registry_get_by_id (registry, SHUMATE_MAP_SOURCE_OSM_MAPNIK);

  set_map_source (self, osm);
}

static void
update_basemap (WmWindow *self)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (g_settings_get_enum (self->settings, "basemap") == 1)
    {
      use_online_basemap (self);
      return;
    }

  path = g_settings_get_string (self->settings, "basemap-file");
  if (path[0] == '\0')
    {
      g_free (path);
      path = wm_paths_demo_basemap ();
    }
  if (!wm_window_load_basemap (self, path, &error))
    wm_window_show_error (self, _("The offline basemap cannot be shown"), error);
}

static void
on_basemap_setting_changed (WmWindow   *self,
                            const char *key,
                            GSettings  *settings)
{
  update_basemap (self);
}

static void
on_basemap_file_chosen (GtkNativeDialog *dialog,
                        int              response,
                        gpointer         user_data)
{
  WmWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      /* Check the file before remembering it, so a bad pick is not sticky. */
      if (!wm_window_load_basemap (self, path, &error))
        wm_window_show_error (self, _("The offline basemap cannot be shown"), error);
      else
        {
          g_settings_set_string (self->settings, "basemap-file", path);
          g_settings_set_enum (self->settings, "basemap", 0);
        }
    }
  g_object_unref (dialog);
}

static void
open_basemap_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open Tile Pack"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("MBTiles tile packs"));
  gtk_file_filter_add_pattern (filter, "*.mbtiles");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_basemap_file_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);
  ShumateMap *map = wm_window_get_map (self);

  if (g_str_equal (action_name, "win.zoom-in"))
    shumate_map_zoom_in (map);
  else if (g_str_equal (action_name, "win.zoom-out"))
    shumate_map_zoom_out (map);
  else
    {
      shumate_viewport_set_zoom_level (shumate_map_get_viewport (map), WM_HOME_ZOOM);
      shumate_map_center_on (map, WM_HOME_LATITUDE, WM_HOME_LONGITUDE);
    }
}

static void
wm_window_constructed (GObject *object)
{
  WmWindow *self = WM_WINDOW (object);
  ShumateMap *map = wm_window_get_map (self);
  g_autoptr(GAction) basemap_action = NULL;
  g_autoptr(GPropertyAction) areas_action = NULL;

  G_OBJECT_CLASS (wm_window_parent_class)->constructed (object);

  /* Service markers above every other layer; the filter popover and the
   * win.service-areas action (a bit mask of user areas) drive them. */
  self->services = wm_service_overlay_new (map);
  gtk_menu_button_set_popover (self->services_button, wm_service_filter_new (self->services));
  areas_action = g_property_action_new ("service-areas", self->services, "area-mask");
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (areas_action));

  /* Not the application's: it is set only after construction. */
  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);

  basemap_action = g_settings_create_action (self->settings, "basemap");
  g_action_map_add_action (G_ACTION_MAP (self), basemap_action);
  g_signal_connect_object (self->settings, "changed::basemap",
                           G_CALLBACK (on_basemap_setting_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::basemap-file",
                           G_CALLBACK (on_basemap_setting_changed), self, G_CONNECT_SWAPPED);

  shumate_scale_set_unit (shumate_simple_map_get_scale (self->simple_map), SHUMATE_UNIT_METRIC);
  shumate_viewport_set_zoom_level (shumate_map_get_viewport (map), WM_HOME_ZOOM);
  update_basemap (self);
  shumate_map_center_on (map, WM_HOME_LATITUDE, WM_HOME_LONGITUDE);
  wm_window_extract_constructed (self);
}

static void
wm_window_dispose (GObject *object)
{
  WmWindow *self = WM_WINDOW (object);

  /* The settings outlive the window: stop listening before it goes. */
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_action_map_remove_action (G_ACTION_MAP (self), "basemap");
  g_action_map_remove_action (G_ACTION_MAP (self), "service-areas");
  wm_window_extract_dispose (self);
  wm_window_map_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_WINDOW);
  g_clear_object (&self->basemap);
  g_clear_object (&self->services);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (wm_window_parent_class)->dispose (object);
}

static void
wm_window_finalize (GObject *object)
{
  WmWindow *self = WM_WINDOW (object);

  g_free (self->last_error);
  G_OBJECT_CLASS (wm_window_parent_class)->finalize (object);
}

static void
wm_window_class_init (WmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = wm_window_constructed;
  object_class->dispose = wm_window_dispose;
  object_class->finalize = wm_window_finalize;

  g_type_ensure (SHUMATE_TYPE_SIMPLE_MAP);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/WelfareMap/ui/wm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WmWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, map_overlay);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, simple_map);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, services_button);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, role_badge);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, fullscreen_button);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, legend_card);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, legend);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, classes_button);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, area_pane);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, busy_card);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, busy_label);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, empty_card);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, reopen_button);
  gtk_widget_class_bind_template_child (widget_class, WmWindow, timeline);

  wm_window_extract_class_init (widget_class);
  wm_window_map_class_init (widget_class);
  wm_window_atlas_class_init (widget_class);
  wm_window_export_class_init (widget_class);

  gtk_widget_class_install_action (widget_class, "win.open-basemap", NULL, open_basemap_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-home", NULL, zoom_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.zoom-home", NULL);
}

static void
wm_window_init (WmWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  wm_window_extract_init (self);
  wm_window_map_init (self);
  wm_window_atlas_init (self);
  wm_window_export_init (self);
}

WmWindow *
wm_window_new (WmApplication *app)
{
  return g_object_new (WM_TYPE_WINDOW, "application", app, NULL);
}
