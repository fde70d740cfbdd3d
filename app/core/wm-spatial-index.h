/* wm-spatial-index.h — which polygon contains a point, fast
 *
 * Built once from a set of polygons (census sections, districts), then
 * queried from any number of threads: the importer assigns dwellings to
 * areas with it, the map hit-tests the pointer with it.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <geos_c.h>
#include <glib-object.h>

G_BEGIN_DECLS

#define WM_SPATIAL_INDEX_ERROR (wm_spatial_index_error_quark ())

typedef enum {
  WM_SPATIAL_INDEX_ERROR_NOT_POLYGON,
  WM_SPATIAL_INDEX_ERROR_BAD_WKB,
} WmSpatialIndexError;

#define WM_TYPE_SPATIAL_INDEX (wm_spatial_index_get_type ())
G_DECLARE_FINAL_TYPE (WmSpatialIndex, wm_spatial_index, WM, SPATIAL_INDEX, GObject)

GQuark           wm_spatial_index_error_quark (void);
WmSpatialIndex  *wm_spatial_index_new         (void);

/* Building: polygons get indices 0, 1, 2… in the order they are added. */
guint            wm_spatial_index_add_polygon (WmSpatialIndex       *self);
void             wm_spatial_index_add_ring    (WmSpatialIndex       *self,
                                               const double         *xy,
                                               gsize                 n_points);
gboolean         wm_spatial_index_add_geos    (WmSpatialIndex       *self,
                                               GEOSContextHandle_t   ctx,
                                               const GEOSGeometry   *geom,
                                               guint                *index,
                                               GError              **error);
gboolean         wm_spatial_index_add_wkb     (WmSpatialIndex       *self,
                                               const guint8         *wkb,
                                               gsize                 len,
                                               guint                *index,
                                               GError              **error);
void             wm_spatial_index_build       (WmSpatialIndex       *self);

/* Querying (after build, thread-safe). */
guint            wm_spatial_index_get_n_polygons (WmSpatialIndex *self);
int              wm_spatial_index_locate      (WmSpatialIndex       *self,
                                               double                x,
                                               double                y);
void             wm_spatial_index_locate_many (WmSpatialIndex       *self,
                                               const double         *xy,
                                               gsize                 n_points,
                                               int                  *out);
gboolean         wm_spatial_index_get_bounds  (WmSpatialIndex       *self,
                                               guint                 polygon,
                                               double               *min_x,
                                               double               *min_y,
                                               double               *max_x,
                                               double               *max_y);

G_END_DECLS
