/* wm-service-overlay.c — service-site markers on a map, filtered by user area, decluttered
 *
 * Markers are regrouped when the zoom level crosses a quarter step, so
 * overlapping sites become one numbered marker at low zoom and split as
 * the user zooms in. The marker colours come from wm-user-area.c, the
 * same as in the atlas and the legend.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <math.h>

#include "wm-service-marker.h"
#include "wm-service-overlay.h"

struct _WmServiceOverlay
{
  GObject parent_instance;

  ShumateMap *map;            /* weak: the map owns the layer */
  ShumateMarkerLayer *layer;
  WmServiceSites *sites;
  guint area_mask;
  double clustered_zoom;
};

G_DEFINE_FINAL_TYPE (WmServiceOverlay, wm_service_overlay, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_AREA_MASK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Marker styles generated from the core colours: one source for them all. */
static void
install_css (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      g_autoptr(GString) css = g_string_new (
        ".service-marker { border-radius: 999px; min-width: 26px; min-height: 26px;"
        "  color: white; border: 2px solid white; box-shadow: 0 1px 3px alpha(black, 0.45); }"
        ".service-marker.cluster { min-width: 30px; min-height: 30px; font-weight: bold; }"
        ".service-marker.mixed { background-color: #5e5c64; }");
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

      for (int a = 0; a < WM_N_USER_AREAS; a++)
        g_string_append_printf (css, ".service-marker.%s { background-color: #%06x; }",
                                wm_user_area_code (a), wm_user_area_color (a));
      gtk_css_provider_load_from_data (provider, css->str, css->len);
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_once_init_leave (&done, 1);
    }
}

static void
rebuild (WmServiceOverlay *self)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  double zoom = shumate_viewport_get_zoom_level (viewport);
  g_autoptr(GArray) clusters = NULL;
  g_autoptr(GArray) members = NULL;

  shumate_marker_layer_remove_all (self->layer);
  self->clustered_zoom = zoom;
  if (self->sites == NULL)
    return;

  clusters = wm_service_sites_cluster (self->sites, zoom, WM_SERVICE_CLUSTER_RADIUS,
                                       self->area_mask, &members);
  for (guint i = 0; i < clusters->len; i++)
    {
      const WmServiceCluster *c = &g_array_index (clusters, WmServiceCluster, i);
      const guint *m = &g_array_index (members, guint, c->first);

      shumate_marker_layer_add_marker (self->layer,
                                       SHUMATE_MARKER (wm_service_marker_new (self->sites, c, m)));
    }
}

static void
on_zoom_changed (WmServiceOverlay *self)
{
  double zoom = shumate_viewport_get_zoom_level (shumate_map_get_viewport (self->map));

  if (fabs (zoom - self->clustered_zoom) >= 0.25)
    rebuild (self);
}

static void
wm_service_overlay_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  WmServiceOverlay *self = WM_SERVICE_OVERLAY (object);

  switch (prop_id)
    {
    case PROP_AREA_MASK:
      g_value_set_uint (value, self->area_mask);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_service_overlay_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  WmServiceOverlay *self = WM_SERVICE_OVERLAY (object);

  switch (prop_id)
    {
    case PROP_AREA_MASK:
      wm_service_overlay_set_area_mask (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_service_overlay_dispose (GObject *object)
{
  WmServiceOverlay *self = WM_SERVICE_OVERLAY (object);

  if (self->map != NULL)
    {
      g_signal_handlers_disconnect_by_data (shumate_map_get_viewport (self->map), self);
      g_object_remove_weak_pointer (G_OBJECT (self->map), (gpointer *) &self->map);
      self->map = NULL;
    }
  g_clear_object (&self->layer);
  g_clear_object (&self->sites);
  G_OBJECT_CLASS (wm_service_overlay_parent_class)->dispose (object);
}

static void
wm_service_overlay_class_init (WmServiceOverlayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wm_service_overlay_dispose;
  object_class->get_property = wm_service_overlay_get_property;
  object_class->set_property = wm_service_overlay_set_property;

  properties[PROP_AREA_MASK] =
    g_param_spec_uint ("area-mask", NULL, NULL, 0, WM_USER_AREA_ALL, WM_USER_AREA_ALL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_service_overlay_init (WmServiceOverlay *self)
{
  self->area_mask = WM_USER_AREA_ALL;
}

/**
 * wm_service_overlay_new:
 *
 * Adds a marker layer on top of @map's layers.
 */
WmServiceOverlay *
wm_service_overlay_new (ShumateMap *map)
{
  WmServiceOverlay *self = g_object_new (WM_TYPE_SERVICE_OVERLAY, NULL);
  ShumateViewport *viewport = shumate_map_get_viewport (map);

  install_css ();
  self->map = map;
  g_object_add_weak_pointer (G_OBJECT (map), (gpointer *) &self->map);
  self->layer = g_object_ref_sink (shumate_marker_layer_new (viewport));
  shumate_map_add_layer (map, SHUMATE_LAYER (self->layer));
  g_signal_connect_object (viewport, "notify::zoom-level", G_CALLBACK (on_zoom_changed),
                           self, G_CONNECT_SWAPPED);
  return self;
}

void
wm_service_overlay_set_sites (WmServiceOverlay *self,
                              WmServiceSites   *sites)
{
  g_return_if_fail (WM_IS_SERVICE_OVERLAY (self));

  g_set_object (&self->sites, sites);
  rebuild (self);
}

WmServiceSites *
wm_service_overlay_get_sites (WmServiceOverlay *self)
{
  g_return_val_if_fail (WM_IS_SERVICE_OVERLAY (self), NULL);
  return self->sites;
}

void
wm_service_overlay_set_area_mask (WmServiceOverlay *self,
                                  guint             mask)
{
  g_return_if_fail (WM_IS_SERVICE_OVERLAY (self));

  mask &= WM_USER_AREA_ALL;
  if (mask == self->area_mask)
    return;
  self->area_mask = mask;
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AREA_MASK]);
}

guint
wm_service_overlay_get_area_mask (WmServiceOverlay *self)
{
  g_return_val_if_fail (WM_IS_SERVICE_OVERLAY (self), 0);
  return self->area_mask;
}

ShumateMarkerLayer *
wm_service_overlay_get_layer (WmServiceOverlay *self)
{
  g_return_val_if_fail (WM_IS_SERVICE_OVERLAY (self), NULL);
  return self->layer;
}
