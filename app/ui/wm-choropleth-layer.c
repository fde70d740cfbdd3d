/* wm-choropleth-layer.c — a ShumateLayer showing areas by class colour
 *
 * Thin: the painter in app/core does the drawing (its interactive path),
 * the legend model says the colours. The layer turns the viewport into a
 * WmMapView, redraws on the viewport's notify and on the painter's
 * ::changed, and reports the area under the pointer: ShumateLayer lets
 * pointer events through to the map, so the layer listens on its parent.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "wm-choropleth-layer.h"

struct _WmChoroplethLayer
{
  ShumateLayer parent_instance;

  WmChoroplethPainter *painter;
  WmClassification *classification;
  double opacity;
  int selected;
  int hovered;

  GtkWidget *listening;   /* the parent we put controllers on */
  GtkEventController *motion;
  GtkEventController *click;
};

G_DEFINE_FINAL_TYPE (WmChoroplethLayer, wm_choropleth_layer, SHUMATE_TYPE_LAYER)

enum {
  PROP_0,
  PROP_GEOMETRY,
  PROP_CLASSIFICATION,
  PROP_OPACITY,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  AREA_HOVERED,
  AREA_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The viewport as the core's WmMapView (the same numbers libshumate's
 * location_to_widget_coords uses). */
void
wm_choropleth_layer_get_map_view (WmChoroplethLayer *self,
                                  WmMapView         *view)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  ShumateMapSource *ref = shumate_viewport_get_reference_map_source (viewport);

  wm_map_view_init (view,
                    shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                    shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                    shumate_viewport_get_zoom_level (viewport),
                    gtk_widget_get_width (GTK_WIDGET (self)),
                    gtk_widget_get_height (GTK_WIDGET (self)));
  view->rotation = shumate_viewport_get_rotation (viewport);
  if (ref != NULL)
    view->tile_size = shumate_map_source_get_tile_size (ref);
}

static void
wm_choropleth_layer_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  WmChoroplethLayer *self = WM_CHOROPLETH_LAYER (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  WmMapView view;
  cairo_t *cr;

  if (self->painter == NULL || width <= 0 || height <= 0)
    return;
  wm_choropleth_layer_get_map_view (self, &view);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  wm_choropleth_painter_draw_screen (self->painter, cr, &view, gtk_widget_get_scale_factor (widget));
  cairo_destroy (cr);
}

/**
 * wm_choropleth_layer_area_at:
 * @x, @y: a point in the layer's (= the map's) widget coordinates
 *
 * Returns: the area drawn there, or −1
 */
int
wm_choropleth_layer_area_at (WmChoroplethLayer *self,
                             double             x,
                             double             y)
{
  WmMapView view;

  g_return_val_if_fail (WM_IS_CHOROPLETH_LAYER (self), -1);
  if (self->painter == NULL)
    return -1;
  wm_choropleth_layer_get_map_view (self, &view);
  return wm_choropleth_painter_area_at (self->painter, &view, x, y);
}

static gboolean
to_layer (WmChoroplethLayer *self,
          double            *x,
          double            *y)
{
  graphene_point_t p;

  if (!gtk_widget_compute_point (self->listening, GTK_WIDGET (self), &GRAPHENE_POINT_INIT (*x, *y), &p))
    return FALSE;
  *x = p.x;
  *y = p.y;
  return TRUE;
}

static void
set_hovered (WmChoroplethLayer *self,
             int                area)
{
  if (self->hovered == area)
    return;
  self->hovered = area;
  g_signal_emit (self, signals[AREA_HOVERED], 0, area);
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           WmChoroplethLayer        *self)
{
  set_hovered (self, to_layer (self, &x, &y) ? wm_choropleth_layer_area_at (self, x, y) : -1);
}

static void
on_leave (GtkEventControllerMotion *motion,
          WmChoroplethLayer        *self)
{
  set_hovered (self, -1);
}

static void
on_released (GtkGestureClick   *click,
             int                n_press,
             double             x,
             double             y,
             WmChoroplethLayer *self)
{
  int area;

  if (n_press != 1 || !to_layer (self, &x, &y))
    return;
  area = wm_choropleth_layer_area_at (self, x, y);
  if (area >= 0)
    g_signal_emit (self, signals[AREA_ACTIVATED], 0, area);
}

static void
stop_listening (WmChoroplethLayer *self)
{
  if (self->listening == NULL)
    return;
  gtk_widget_remove_controller (self->listening, self->motion);
  gtk_widget_remove_controller (self->listening, self->click);
  self->motion = self->click = NULL;
  g_clear_weak_pointer (&self->listening);
}

static void
wm_choropleth_layer_root (GtkWidget *widget)
{
  WmChoroplethLayer *self = WM_CHOROPLETH_LAYER (widget);
  GtkWidget *parent = gtk_widget_get_parent (widget);

  GTK_WIDGET_CLASS (wm_choropleth_layer_parent_class)->root (widget);
  stop_listening (self);
  if (parent == NULL)
    return;
  g_set_weak_pointer (&self->listening, parent);
  self->motion = gtk_event_controller_motion_new ();
  g_signal_connect (self->motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (self->motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (parent, self->motion);
  self->click = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  g_signal_connect (self->click, "released", G_CALLBACK (on_released), self);
  gtk_widget_add_controller (parent, self->click);
}

static void
wm_choropleth_layer_unroot (GtkWidget *widget)
{
  stop_listening (WM_CHOROPLETH_LAYER (widget));
  GTK_WIDGET_CLASS (wm_choropleth_layer_parent_class)->unroot (widget);
}

static void
wm_choropleth_layer_constructed (GObject *object)
{
  WmChoroplethLayer *self = WM_CHOROPLETH_LAYER (object);

  G_OBJECT_CLASS (wm_choropleth_layer_parent_class)->constructed (object);
  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

static void
wm_choropleth_layer_dispose (GObject *object)
{
  WmChoroplethLayer *self = WM_CHOROPLETH_LAYER (object);

  stop_listening (self);
  if (self->painter != NULL)
    g_signal_handlers_disconnect_by_data (self->painter, self);
  g_clear_object (&self->painter);
  g_clear_object (&self->classification);

  G_OBJECT_CLASS (wm_choropleth_layer_parent_class)->dispose (object);
}

static void
wm_choropleth_layer_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  WmChoroplethLayer *self = WM_CHOROPLETH_LAYER (object);

  switch (prop_id)
    {
    case PROP_GEOMETRY: g_value_set_object (value, wm_choropleth_layer_get_geometry (self)); break;
    case PROP_CLASSIFICATION: g_value_set_object (value, self->classification); break;
    case PROP_OPACITY: g_value_set_double (value, self->opacity); break;
    case PROP_SELECTED: g_value_set_int (value, self->selected); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_choropleth_layer_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  WmChoroplethLayer *self = WM_CHOROPLETH_LAYER (object);

  switch (prop_id)
    {
    case PROP_GEOMETRY: wm_choropleth_layer_set_geometry (self, g_value_get_object (value)); break;
    case PROP_CLASSIFICATION: wm_choropleth_layer_set_classification (self, g_value_get_object (value)); break;
    case PROP_OPACITY: wm_choropleth_layer_set_opacity (self, g_value_get_double (value)); break;
    case PROP_SELECTED: wm_choropleth_layer_set_selected (self, g_value_get_int (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_choropleth_layer_class_init (WmChoroplethLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = wm_choropleth_layer_constructed;
  object_class->dispose = wm_choropleth_layer_dispose;
  object_class->get_property = wm_choropleth_layer_get_property;
  object_class->set_property = wm_choropleth_layer_set_property;
  widget_class->snapshot = wm_choropleth_layer_snapshot;
  widget_class->root = wm_choropleth_layer_root;
  widget_class->unroot = wm_choropleth_layer_unroot;

  properties[PROP_GEOMETRY] =
    g_param_spec_object ("geometry", NULL, NULL, WM_TYPE_AREA_GEOMETRY, rw);
  properties[PROP_CLASSIFICATION] =
    g_param_spec_object ("classification", NULL, NULL, WM_TYPE_CLASSIFICATION, rw);
  properties[PROP_OPACITY] = g_param_spec_double ("opacity", NULL, NULL, 0, 1, 0.8, rw);
  properties[PROP_SELECTED] = g_param_spec_int ("selected", NULL, NULL, -1, G_MAXINT, -1, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WmChoroplethLayer::area-hovered:
   * @area: the area under the pointer, −1 when it leaves every area
   */
  signals[AREA_HOVERED] = g_signal_new ("area-hovered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  /**
   * WmChoroplethLayer::area-activated:
   * @area: the area clicked
   */
  signals[AREA_ACTIVATED] = g_signal_new ("area-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
}

static void
wm_choropleth_layer_init (WmChoroplethLayer *self)
{
  self->opacity = 0.8;
  self->selected = -1;
  self->hovered = -1;
}

WmChoroplethLayer *
wm_choropleth_layer_new (ShumateViewport *viewport)
{
  return g_object_new (WM_TYPE_CHOROPLETH_LAYER, "viewport", viewport, NULL);
}

/**
 * wm_choropleth_layer_set_geometry:
 * @geometry: (nullable): the areas to draw
 *
 * A new area layer: the selection is cleared, the legend model kept (its
 * values must then be given for the new areas).
 */
void
wm_choropleth_layer_set_geometry (WmChoroplethLayer *self,
                                  WmAreaGeometry    *geometry)
{
  g_return_if_fail (WM_IS_CHOROPLETH_LAYER (self));
  g_return_if_fail (geometry == NULL || WM_IS_AREA_GEOMETRY (geometry));

  if (wm_choropleth_layer_get_geometry (self) == geometry)
    return;
  if (self->painter != NULL)
    g_signal_handlers_disconnect_by_data (self->painter, self);
  g_clear_object (&self->painter);
  if (geometry != NULL)
    {
      self->painter = wm_choropleth_painter_new (geometry);
      wm_choropleth_painter_set_classification (self->painter, self->classification);
      wm_choropleth_painter_set_opacity (self->painter, self->opacity);
      g_signal_connect_swapped (self->painter, "changed", G_CALLBACK (gtk_widget_queue_draw), self);
    }
  self->selected = -1;
  self->hovered = -1;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GEOMETRY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

WmAreaGeometry *
wm_choropleth_layer_get_geometry (WmChoroplethLayer *self)
{
  g_return_val_if_fail (WM_IS_CHOROPLETH_LAYER (self), NULL);
  return self->painter != NULL ? wm_choropleth_painter_get_geometry (self->painter) : NULL;
}

/**
 * wm_choropleth_layer_set_classification:
 * @classification: (nullable): the legend model; one value per area of the
 *   geometry, in its order
 */
void
wm_choropleth_layer_set_classification (WmChoroplethLayer *self,
                                        WmClassification  *classification)
{
  g_return_if_fail (WM_IS_CHOROPLETH_LAYER (self));

  if (!g_set_object (&self->classification, classification))
    return;
  if (self->painter != NULL)
    wm_choropleth_painter_set_classification (self->painter, classification);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLASSIFICATION]);
}

WmClassification *
wm_choropleth_layer_get_classification (WmChoroplethLayer *self)
{
  g_return_val_if_fail (WM_IS_CHOROPLETH_LAYER (self), NULL);
  return self->classification;
}

/* Values per area (and year) into the legend model, making one with the
 * default classification if there is none yet. */
void
wm_choropleth_layer_set_values (WmChoroplethLayer *self,
                                const double      *values,
                                const guint8      *status,
                                guint              n_areas,
                                const int         *years,
                                guint              n_years)
{
  g_return_if_fail (WM_IS_CHOROPLETH_LAYER (self));

  if (self->classification == NULL)
    {
      g_autoptr(WmClassification) c = wm_classification_new ();

      wm_choropleth_layer_set_classification (self, c);
    }
  wm_classification_set_values (self->classification, values, status, n_areas, years, n_years);
}

WmChoroplethPainter *
wm_choropleth_layer_get_painter (WmChoroplethLayer *self)
{
  g_return_val_if_fail (WM_IS_CHOROPLETH_LAYER (self), NULL);
  return self->painter;
}

void
wm_choropleth_layer_set_selected (WmChoroplethLayer *self,
                                  int                area)
{
  g_return_if_fail (WM_IS_CHOROPLETH_LAYER (self));

  if (self->painter == NULL)
    area = -1;
  else
    {
      wm_choropleth_painter_set_selected (self->painter, area);
      area = wm_choropleth_painter_get_selected (self->painter);
    }
  if (self->selected == area)
    return;
  self->selected = area;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

int
wm_choropleth_layer_get_selected (WmChoroplethLayer *self)
{
  g_return_val_if_fail (WM_IS_CHOROPLETH_LAYER (self), -1);
  return self->selected;
}

void
wm_choropleth_layer_set_opacity (WmChoroplethLayer *self,
                                 double             opacity)
{
  g_return_if_fail (WM_IS_CHOROPLETH_LAYER (self));

  opacity = CLAMP (opacity, 0, 1);
  if (self->opacity == opacity)
    return;
  self->opacity = opacity;
  if (self->painter != NULL)
    wm_choropleth_painter_set_opacity (self->painter, opacity);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPACITY]);
}

double
wm_choropleth_layer_get_opacity (WmChoroplethLayer *self)
{
  g_return_val_if_fail (WM_IS_CHOROPLETH_LAYER (self), 1);
  return self->opacity;
}

/**
 * wm_choropleth_layer_describe_area:
 *
 * Returns: (transfer full): "name: value", or "name: why it is grey", for
 *   a hover tooltip
 */
char *
wm_choropleth_layer_describe_area (WmChoroplethLayer *self,
                                   guint              area)
{
  WmAreaGeometry *geometry;
  g_autofree char *what = NULL;

  g_return_val_if_fail (WM_IS_CHOROPLETH_LAYER (self), NULL);
  geometry = wm_choropleth_layer_get_geometry (self);
  g_return_val_if_fail (geometry != NULL && area < wm_area_geometry_get_n_areas (geometry), NULL);

  if (self->classification != NULL)
    {
      what = wm_classification_get_area_reason (self->classification, area);
      if (what == NULL)
        what = wm_classification_format_value (self->classification,
                                               wm_classification_get_area_value (self->classification, area));
    }
  if (what == NULL)
    return g_strdup (wm_area_geometry_get_name (geometry, area));
  /* Translators: an area's name and its value, or why it has none */
  return g_strdup_printf (_("%s: %s"), wm_area_geometry_get_name (geometry, area), what);
}
