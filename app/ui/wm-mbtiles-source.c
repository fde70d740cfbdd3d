/* wm-mbtiles-source.c — a ShumateDataSource serving tiles from an MBTiles pack
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wm-mbtiles-source.h"

struct _WmMbtilesSource
{
  ShumateDataSource parent_instance;
  WmMbtiles *mbtiles;
};

G_DEFINE_FINAL_TYPE (WmMbtilesSource, wm_mbtiles_source, SHUMATE_TYPE_DATA_SOURCE)

enum {
  PROP_0,
  PROP_MBTILES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct {
  int x, y, zoom;
} TileRequest;

static void
read_tile_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  WmMbtilesSource *self = source_object;
  TileRequest *req = task_data;
  GError *error = NULL;
  GBytes *bytes;

  if (g_task_return_error_if_cancelled (task))
    return;

  bytes = wm_mbtiles_get_tile (self->mbtiles, req->x, req->y, req->zoom, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else if (bytes == NULL)
    g_task_return_pointer (task, wm_mbtiles_empty_tile (), (GDestroyNotify) g_bytes_unref);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

/* The raster renderer takes the image from ::received-data, which it
 * expects on the main thread; only the SQLite read runs in a worker. */
static void
read_tile_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  WmMbtilesSource *self = WM_MBTILES_SOURCE (object);
  g_autoptr(GTask) outer = user_data;
  TileRequest *req = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  GBytes *bytes;

  bytes = g_task_propagate_pointer (G_TASK (result), &error);
  if (bytes == NULL)
    {
      g_task_return_error (outer, error);
      return;
    }
  g_signal_emit_by_name (self, "received-data", req->x, req->y, req->zoom, bytes);
  g_task_return_pointer (outer, bytes, (GDestroyNotify) g_bytes_unref);
}

static void
wm_mbtiles_source_get_tile_data_async (ShumateDataSource   *source,
                                       int                  x,
                                       int                  y,
                                       int                  zoom,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  WmMbtilesSource *self = WM_MBTILES_SOURCE (source);
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  TileRequest *req = g_new (TileRequest, 1);

  *req = (TileRequest) { x, y, zoom };

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, wm_mbtiles_source_get_tile_data_async);

  inner = g_task_new (self, cancellable, read_tile_done, g_steal_pointer (&outer));
  g_task_set_task_data (inner, req, g_free);
  g_task_run_in_thread (inner, read_tile_thread);
}

static void
wm_mbtiles_source_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  WmMbtilesSource *self = WM_MBTILES_SOURCE (object);

  switch (prop_id)
    {
    case PROP_MBTILES:
      g_value_set_object (value, self->mbtiles);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_mbtiles_source_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  WmMbtilesSource *self = WM_MBTILES_SOURCE (object);

  switch (prop_id)
    {
    case PROP_MBTILES:
      self->mbtiles = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_mbtiles_source_dispose (GObject *object)
{
  WmMbtilesSource *self = WM_MBTILES_SOURCE (object);

  g_clear_object (&self->mbtiles);
  G_OBJECT_CLASS (wm_mbtiles_source_parent_class)->dispose (object);
}

static void
wm_mbtiles_source_class_init (WmMbtilesSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->dispose = wm_mbtiles_source_dispose;
  object_class->get_property = wm_mbtiles_source_get_property;
  object_class->set_property = wm_mbtiles_source_set_property;

  source_class->get_tile_data_async = wm_mbtiles_source_get_tile_data_async;

  properties[PROP_MBTILES] =
    g_param_spec_object ("mbtiles", NULL, NULL,
                         WM_TYPE_MBTILES,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_mbtiles_source_init (WmMbtilesSource *self)
{
}

WmMbtilesSource *
wm_mbtiles_source_new (WmMbtiles *mbtiles)
{
  g_return_val_if_fail (WM_IS_MBTILES (mbtiles), NULL);
  return g_object_new (WM_TYPE_MBTILES_SOURCE, "mbtiles", mbtiles, NULL);
}

WmMbtiles *
wm_mbtiles_source_get_mbtiles (WmMbtilesSource *self)
{
  g_return_val_if_fail (WM_IS_MBTILES_SOURCE (self), NULL);
  return self->mbtiles;
}

/**
 * wm_mbtiles_source_new_renderer:
 *
 * A raster map source for @mbtiles, with the pack's zoom range and
 * attribution (OpenStreetMap's when the pack does not say).
 *
 * Returns: (transfer full): the map source
 */
ShumateMapSource *
wm_mbtiles_source_new_renderer (WmMbtiles *mbtiles)
{
  g_autoptr(WmMbtilesSource) source = wm_mbtiles_source_new (mbtiles);
  const char *attribution = wm_mbtiles_get_attribution (mbtiles);
  const char *name = wm_mbtiles_get_name (mbtiles);
  g_autofree char *id = g_strdup_printf ("welfaremap-mbtiles:%s", wm_mbtiles_get_path (mbtiles));

  return SHUMATE_MAP_SOURCE (
    shumate_raster_renderer_new_full (id,
                                      name != NULL ? name : _("Offline basemap"),
                                      attribution != NULL ? attribution : _("© OpenStreetMap contributors"),
                                      "https://www.openstreetmap.org/copyright",
                                      wm_mbtiles_get_min_zoom (mbtiles),
                                      wm_mbtiles_get_max_zoom (mbtiles),
                                      256,
                                      SHUMATE_MAP_PROJECTION_MERCATOR,
                                      SHUMATE_DATA_SOURCE (source)));
}
