/* wm-window-map.c — the main window's map of indicators
 *
 * Binds the widgets to one WmMapModel: the sidebar chooses the layer and
 * the indicator, the timeline the year, the choropleth layer and the
 * legend draw the model's one legend model, a click on an area opens the
 * details pane. Every choice is also a window action (win.indicator,
 * win.layer, win.year, win.select-area…), which the keyboard, the menus
 * and the GUI tests use alike; the last indicator, layer and year are
 * remembered in GSettings.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wm-classes-popover.h"
#include "wm-window-private.h"

static void
show_busy (WmWindow   *self,
           const char *text)
{
  gtk_widget_set_visible (self->busy_card, text != NULL);
  gtk_spinner_set_spinning (self->busy_spinner, text != NULL);
  if (text != NULL)
    gtk_label_set_text (self->busy_label, text);
}

static void
fit_to_geometry (WmWindow *self)
{
  WmAreaGeometry *geometry = wm_map_model_get_geometry (self->model);
  ShumateMap *map = wm_window_get_map (self);
  ShumateViewport *viewport = shumate_map_get_viewport (map);
  double x0, y0, x1, y1, lon, lat;
  WmMapView view;
  int width = gtk_widget_get_width (GTK_WIDGET (map));
  int height = gtk_widget_get_height (GTK_WIDGET (map));

  /* The legend card covers the map's top-left: frame the areas in what
   * stays visible to its right. */
  int inset = 340;

  if (geometry == NULL || !wm_area_geometry_get_extent (geometry, &x0, &y0, &x1, &y1))
    return;
  width = width > 0 ? width : 1000;
  height = height > 0 ? height : 700;
  if (width < 2 * inset)
    inset = 0;
  wm_map_view_fit (&view, x0, y0, x1, y1, width - inset, height, 40);
  view.center_x -= inset / 2.0 / wm_map_view_scale (&view);
  wm_mercator_unproject (view.center_x, view.center_y, &lon, &lat);
  shumate_viewport_set_zoom_level (viewport, CLAMP (view.zoom, 10, 17));
  shumate_map_center_on (map, lat, lon);
}

static void
refresh_pane (WmWindow *self)
{
  int area = wm_area_pane_get_area (self->area_pane);

  if (area >= 0)
    wm_area_pane_show_area (self->area_pane, self->model, area);
}

static void show_layer_names (WmWindow *self);

static void
on_model_changed (WmMapModel *model,
                  guint       what,
                  WmWindow   *self)
{
  if (what & WM_MAP_MODEL_CHANGED_LAYER)
    {
      WmAreaLayer *layer = wm_map_model_get_layer (model, wm_map_model_get_layer_index (model));

      wm_choropleth_layer_set_geometry (self->choropleth, wm_map_model_get_geometry (model));
      gtk_widget_set_visible (GTK_WIDGET (self->area_pane), FALSE);
      /* The list too: the layer may be one just added from a file. */
      show_layer_names (self);
      g_settings_set_string (self->settings, "last-layer", wm_area_layer_get_code (layer));
      if (!self->fitted)
        {
          fit_to_geometry (self);
          self->fitted = TRUE;
        }
    }
  if (what & WM_MAP_MODEL_CHANGED_TABLE)
    {
      guint n_years;
      const int *years = wm_map_model_get_years (model, &n_years);

      wm_timeline_set_years (self->timeline, years, n_years);
      wm_timeline_set_year (self->timeline, wm_map_model_get_year (model));
      gtk_widget_set_visible (self->legend_card, TRUE);
    }
  if (what & WM_MAP_MODEL_CHANGED_YEAR)
    {
      wm_timeline_set_year (self->timeline, wm_map_model_get_year (model));
      g_settings_set_int (self->settings, "last-year", wm_map_model_get_year (model));
    }
  if (what & WM_MAP_MODEL_CHANGED_INDICATOR)
    {
      WmIndicatorId indicator = wm_map_model_get_indicator (model);

      wm_indicator_sidebar_set_indicator (self->sidebar, indicator);
      g_settings_set_string (self->settings, "last-indicator", wm_indicator_def_get (indicator)->id);
    }
  refresh_pane (self);
}

static void
on_computing (WmWindow *self)
{
  show_busy (self, wm_map_model_is_computing (self->model) ? _("Computing the indicators…") : NULL);
}

static void
on_model_failed (WmMapModel   *model,
                 const GError *error,
                 WmWindow     *self)
{
  wm_window_show_error (self, _("The indicators cannot be computed"), error);
}

/* The layer the user had last, else census sections, else the first
 * layer with boundaries to draw. */
static void
choose_first_layer (WmWindow *self)
{
  g_autofree char *last = g_settings_get_string (self->settings, "last-layer");
  guint n = wm_map_model_get_n_layers (self->model);
  g_autoptr(GError) error = NULL;
  int preferred[2] = { -1, -1 };

  for (guint i = 0; i < n; i++)
    {
      const char *code = wm_area_layer_get_code (wm_map_model_get_layer (self->model, i));

      if (g_strcmp0 (code, last) == 0)
        preferred[0] = i;
      if (g_strcmp0 (code, "sections") == 0)
        preferred[1] = i;
    }
  for (int k = 0; k < 2; k++)
    if (preferred[k] >= 0 && wm_map_model_set_layer (self->model, preferred[k], NULL))
      return;
  for (guint i = 0; i < n; i++)
    if (wm_map_model_set_layer (self->model, i, i + 1 == n ? &error : NULL))
      return;
  if (error != NULL)
    wm_window_show_error (self, _("The extract has no boundaries to draw"), error);
}

static void
show_layer_names (WmWindow *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < wm_map_model_get_n_layers (self->model); i++)
    g_ptr_array_add (names, (char *) wm_area_layer_get_name (wm_map_model_get_layer (self->model, i)));
  g_ptr_array_add (names, NULL);
  wm_indicator_sidebar_set_layers (self->sidebar, (const char * const *) names->pdata);
  wm_indicator_sidebar_set_layer (self->sidebar, wm_map_model_get_layer_index (self->model));
}

/**
 * wm_window_add_layer_file:
 *
 * Adds a boundary file to the open extract and shows its areas; says what
 * is wrong with the file otherwise.
 */
gboolean
wm_window_add_layer_file (WmWindow    *self,
                          const char  *path,
                          GError     **error)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), FALSE);

  if (self->model == NULL || wm_map_model_add_layer_file (self->model, path, error) < 0)
    {
      if (self->model == NULL)
        g_set_error_literal (error, WM_MAP_MODEL_ERROR, WM_MAP_MODEL_ERROR_NOT_LOADED,
                             _("No extract is open — open one first"));
      return FALSE;
    }
  self->fitted = FALSE;
  fit_to_geometry (self);
  self->fitted = TRUE;
  return TRUE;
}

static void
on_layer_file_chosen (GtkNativeDialog *chooser,
                      int              response,
                      gpointer         user_data)
{
  WmWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (!wm_window_add_layer_file (self, path, &error))
        wm_window_show_error (self, _("The boundary file cannot be added"), error);
    }
  g_object_unref (chooser);
}

static void
add_layer_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  static const char *patterns[] = { "*.geojson", "*.json", "*.gpkg", "*.shp", "*.fgb", "*.kml", "*.gml", "*.sqlite" };

  chooser = gtk_file_chooser_native_new (_("Add a Boundary Layer"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Boundary files (GeoJSON, GeoPackage, Shapefile…)"));
  for (gsize i = 0; i < G_N_ELEMENTS (patterns); i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_layer_file_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_model_loaded (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  WmWindow *self = user_data;
  WmMapModel *model = WM_MAP_MODEL (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *last_indicator = NULL;
  const WmIndicatorDef *def;
  int last_year;

  if (!wm_map_model_load_finish (model, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          show_busy (self, NULL);
          wm_window_show_error (self, _("The extract cannot be read"), error);
        }
      g_object_unref (self);
      return;
    }
  g_clear_object (&self->loading);
  show_busy (self, NULL);

  /* The indicators are in the population's columns now: the bulk of the
   * decrypted database can go. Not fatal if it cannot. */
  if (!wm_map_model_release_microdata (model, self->extract, &error))
    {
      g_message ("%s", error->message);
      g_clear_error (&error);
    }

  show_layer_names (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sidebar), TRUE);

  last_indicator = g_settings_get_string (self->settings, "last-indicator");
  def = wm_indicator_def_lookup (last_indicator);
  wm_map_model_set_indicator (model, def != NULL ? def->index : WM_INDICATOR_IVSM);
  last_year = g_settings_get_int (self->settings, "last-year");
  if (last_year > 0)
    wm_map_model_set_year (model, last_year);
  choose_first_layer (self);
  g_object_unref (self);
}

/**
 * wm_window_map_set_extract:
 * @extract: (nullable): the extract just opened, or %NULL when it closed
 *
 * Reads the population in the background and then shows the indicators.
 */
void
wm_window_map_set_extract (WmWindow  *self,
                           WmExtract *extract)
{
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  self->fitted = FALSE;

  wm_choropleth_layer_set_geometry (self->choropleth, NULL);
  gtk_widget_set_visible (self->legend_card, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->area_pane), FALSE);
  gtk_widget_set_visible (self->empty_card, extract == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sidebar), FALSE);
  wm_timeline_set_years (self->timeline, NULL, 0);
  show_busy (self, NULL);
  if (extract == NULL)
    {
      wm_indicator_sidebar_set_layers (self->sidebar, NULL);
      return;
    }

  self->model = wm_map_model_new ();
  /* Analysts see aggregates only, and none resting on a handful of people. */
  if (wm_extract_get_role (extract) != WM_EXTRACT_ROLE_CASEWORKER)
    wm_map_model_set_min_denominator (self->model, WM_MAP_MODEL_ANALYST_MIN_DENOMINATOR);
  wm_choropleth_layer_set_classification (self->choropleth, wm_map_model_get_classification (self->model));
  wm_legend_view_set_classification (self->legend, wm_map_model_get_classification (self->model));
  gtk_menu_button_set_popover (self->classes_button,
                               wm_classes_popover_new (wm_map_model_get_classification (self->model),
                                                       self->choropleth));
  g_signal_connect (self->model, "changed", G_CALLBACK (on_model_changed), self);
  g_signal_connect (self->model, "failed", G_CALLBACK (on_model_failed), self);
  g_signal_connect_swapped (self->model, "notify::computing", G_CALLBACK (on_computing), self);

  self->loading = g_cancellable_new ();
  show_busy (self, _("Reading the extract…"));
  wm_map_model_load_async (self->model, wm_extract_get_db (extract), self->loading,
                           on_model_loaded, g_object_ref (self));
}

WmMapModel *
wm_window_get_map_model (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return self->model;
}

WmChoroplethLayer *
wm_window_get_choropleth (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return self->choropleth;
}

/* Widgets → model */

static void
on_sidebar_indicator (WmWindow *self)
{
  if (self->model != NULL)
    wm_map_model_set_indicator (self->model, wm_indicator_sidebar_get_indicator (self->sidebar));
}

static void
on_sidebar_layer (WmWindow *self)
{
  g_autoptr(GError) error = NULL;
  guint layer = wm_indicator_sidebar_get_layer (self->sidebar);

  if (self->model == NULL || !wm_map_model_is_loaded (self->model) ||
      layer == wm_map_model_get_layer_index (self->model))
    return;
  if (!wm_map_model_set_layer (self->model, layer, &error))
    {
      wm_window_toast (self, error->message);
      wm_indicator_sidebar_set_layer (self->sidebar, wm_map_model_get_layer_index (self->model));
    }
}

static void
on_timeline_year (WmWindow *self)
{
  if (self->model != NULL)
    wm_map_model_set_year (self->model, wm_timeline_get_year (self->timeline));
}

static void
on_area_activated (WmChoroplethLayer *layer,
                   int                area,
                   WmWindow          *self)
{
  if (area < 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->area_pane), FALSE);
      wm_choropleth_layer_set_selected (layer, -1);
      return;
    }
  wm_choropleth_layer_set_selected (layer, area);
  wm_area_pane_show_area (self->area_pane, self->model, area);
}

static void
on_area_hovered (WmChoroplethLayer *layer,
                 int                area,
                 WmWindow          *self)
{
  g_autofree char *text = area >= 0 ? wm_choropleth_layer_describe_area (layer, area) : NULL;

  gtk_widget_set_tooltip_text (GTK_WIDGET (layer), text);
}

static void
on_pane_closed (WmWindow *self)
{
  wm_choropleth_layer_set_selected (self->choropleth, -1);
}

/* Actions */

static void
indicator_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);
  const WmIndicatorDef *def = wm_indicator_def_lookup (g_variant_get_string (param, NULL));

  if (self->model != NULL && def != NULL)
    wm_map_model_set_indicator (self->model, def->index);
}

static void
layer_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);
  const char *code = g_variant_get_string (param, NULL);

  if (self->model == NULL || !wm_map_model_is_loaded (self->model))
    return;
  for (guint i = 0; i < wm_map_model_get_n_layers (self->model); i++)
    if (g_str_equal (wm_area_layer_get_code (wm_map_model_get_layer (self->model, i)), code))
      wm_indicator_sidebar_set_layer (self->sidebar, i);
}

static void
year_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);

  if (g_str_equal (action_name, "win.year"))
    wm_timeline_set_year (self->timeline, g_variant_get_int32 (param));
  else if (g_str_equal (action_name, "win.year-next"))
    wm_timeline_step (self->timeline, +1);
  else if (g_str_equal (action_name, "win.year-previous"))
    wm_timeline_step (self->timeline, -1);
  else
    wm_timeline_set_playing (self->timeline, !wm_timeline_get_playing (self->timeline));
}

static void
select_area_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);

  if (self->model != NULL && wm_map_model_get_geometry (self->model) != NULL)
    on_area_activated (self->choropleth, g_variant_get_int32 (param), self);
}

/* For a wall in a workshop: fullscreen, no sidebar, nothing but the map,
 * its legend and the timeline. */
static void
presentation_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);

  self->presentation = !self->presentation;
  if (self->presentation)
    gtk_window_fullscreen (GTK_WINDOW (self));
  else
    gtk_window_unfullscreen (GTK_WINDOW (self));
  adw_flap_set_reveal_flap (self->flap, !self->presentation);
  gtk_button_set_icon_name (self->fullscreen_button,
                            self->presentation ? "view-restore-symbolic" : "view-fullscreen-symbolic");
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

void
wm_window_map_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (WM_TYPE_INDICATOR_SIDEBAR);
  g_type_ensure (WM_TYPE_LEGEND_VIEW);
  g_type_ensure (WM_TYPE_AREA_PANE);
  g_type_ensure (WM_TYPE_TIMELINE);

  gtk_widget_class_install_action (widget_class, "win.indicator", "s", indicator_action);
  gtk_widget_class_install_action (widget_class, "win.layer", "s", layer_action);
  gtk_widget_class_install_action (widget_class, "win.year", "i", year_action);
  gtk_widget_class_install_action (widget_class, "win.year-next", NULL, year_action);
  gtk_widget_class_install_action (widget_class, "win.year-previous", NULL, year_action);
  gtk_widget_class_install_action (widget_class, "win.play", NULL, year_action);
  gtk_widget_class_install_action (widget_class, "win.select-area", "i", select_area_action);
  gtk_widget_class_install_action (widget_class, "win.presentation", NULL, presentation_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.add-layer", NULL, add_layer_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "win.presentation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "win.year-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.year-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, GDK_CONTROL_MASK, "win.play", NULL);
}

/* ← → and space step and play the years wherever the focus is not taking
 * text; the map itself pans with the keyboard only when it has focus. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                WmWindow              *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0 || self->model == NULL)
    return GDK_EVENT_PROPAGATE;
  if (focus != NULL && (GTK_IS_EDITABLE (focus) || gtk_widget_get_ancestor (focus, SHUMATE_TYPE_MAP) != NULL ||
                        gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX) != NULL))
    return GDK_EVENT_PROPAGATE;
  switch (keyval)
    {
    case GDK_KEY_Right:
      wm_timeline_step (self->timeline, +1);
      return GDK_EVENT_STOP;
    case GDK_KEY_Left:
      wm_timeline_step (self->timeline, -1);
      return GDK_EVENT_STOP;
    case GDK_KEY_space:
      wm_timeline_set_playing (self->timeline, !wm_timeline_get_playing (self->timeline));
      return GDK_EVENT_STOP;
    default:
      return GDK_EVENT_PROPAGATE;
    }
}

void
wm_window_map_init (WmWindow *self)
{
  ShumateMap *map = wm_window_get_map (self);
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->choropleth = wm_choropleth_layer_new (shumate_map_get_viewport (map));
  shumate_map_add_layer (map, SHUMATE_LAYER (self->choropleth));
  wm_choropleth_layer_set_opacity (self->choropleth, 0.75);
  g_signal_connect (self->choropleth, "area-activated", G_CALLBACK (on_area_activated), self);
  g_signal_connect (self->choropleth, "area-hovered", G_CALLBACK (on_area_hovered), self);
  g_signal_connect_swapped (self->area_pane, "closed", G_CALLBACK (on_pane_closed), self);
  g_signal_connect_swapped (self->sidebar, "notify::indicator", G_CALLBACK (on_sidebar_indicator), self);
  g_signal_connect_swapped (self->sidebar, "notify::layer", G_CALLBACK (on_sidebar_layer), self);
  g_signal_connect_swapped (self->timeline, "notify::year", G_CALLBACK (on_timeline_year), self);

  /* Tests reach the pane this way, as they would find it on screen. */
  g_object_set_data (G_OBJECT (self), "area-pane", self->area_pane);

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

void
wm_window_map_dispose (WmWindow *self)
{
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
}
