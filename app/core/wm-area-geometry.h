/* wm-area-geometry.h — the polygons of an area layer, ready to draw
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <glib-object.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define WM_AREA_GEOMETRY_ERROR (wm_area_geometry_error_quark ())

typedef enum {
  WM_AREA_GEOMETRY_ERROR_NOT_FOUND,
  WM_AREA_GEOMETRY_ERROR_NOT_VECTOR,
  WM_AREA_GEOMETRY_ERROR_NO_LAYER,
  WM_AREA_GEOMETRY_ERROR_NO_POLYGONS,
  WM_AREA_GEOMETRY_ERROR_NO_FIELD,
  WM_AREA_GEOMETRY_ERROR_INVALID_GEOMETRY,
  WM_AREA_GEOMETRY_ERROR_CRS,
  WM_AREA_GEOMETRY_ERROR_DATABASE,
} WmAreaGeometryError;

#define WM_TYPE_AREA_GEOMETRY (wm_area_geometry_get_type ())
G_DECLARE_FINAL_TYPE (WmAreaGeometry, wm_area_geometry, WM, AREA_GEOMETRY, GObject)

GQuark          wm_area_geometry_error_quark   (void);
WmAreaGeometry *wm_area_geometry_new           (void);
gboolean        wm_area_geometry_add_wkb       (WmAreaGeometry  *self,
                                                gint64           id,
                                                const char      *code,
                                                const char      *name,
                                                const guint8    *wkb,
                                                gsize            len,
                                                GError         **error);
WmAreaGeometry *wm_area_geometry_load_file     (const char      *path,
                                                const char      *layer_name,
                                                const char      *code_field,
                                                const char      *name_field,
                                                GError         **error);
WmAreaGeometry *wm_area_geometry_load_extract  (sqlite3         *db,
                                                const char      *layer_code,
                                                GError         **error);

guint           wm_area_geometry_get_n_areas   (WmAreaGeometry  *self);
gint64          wm_area_geometry_get_id        (WmAreaGeometry  *self,
                                                guint            area);
const char     *wm_area_geometry_get_code      (WmAreaGeometry  *self,
                                                guint            area);
const char     *wm_area_geometry_get_name      (WmAreaGeometry  *self,
                                                guint            area);
int             wm_area_geometry_find_code     (WmAreaGeometry  *self,
                                                const char      *code);
void            wm_area_geometry_get_bbox      (WmAreaGeometry  *self,
                                                guint            area,
                                                double          *x0,
                                                double          *y0,
                                                double          *x1,
                                                double          *y1);
gboolean        wm_area_geometry_get_extent    (WmAreaGeometry  *self,
                                                double          *x0,
                                                double          *y0,
                                                double          *x1,
                                                double          *y1);
void            wm_area_geometry_get_interior_point (WmAreaGeometry *self,
                                                     guint           area,
                                                     double         *lon,
                                                     double         *lat);
int             wm_area_geometry_find          (WmAreaGeometry  *self,
                                                double           wx,
                                                double           wy);
gboolean        wm_area_geometry_contains      (WmAreaGeometry  *self,
                                                guint            area,
                                                double           wx,
                                                double           wy);
const char     *wm_area_geometry_get_source    (WmAreaGeometry  *self);
GPtrArray      *wm_area_geometry_get_warnings  (WmAreaGeometry  *self);

/* For painters: rings of world points. Area a owns rings
 * ring_start[a] … ring_start[a+1]−1; ring r owns points
 * point_start[r] … point_start[r+1]−1 (x, y pairs, not closed). Outer
 * rings turn one way and holes the other, so the non-zero winding rule
 * fills any union of areas correctly. */
const guint    *wm_area_geometry_get_area_rings (WmAreaGeometry *self);
const guint    *wm_area_geometry_get_ring_points (WmAreaGeometry *self,
                                                  guint          *n_rings);
const double   *wm_area_geometry_get_points    (WmAreaGeometry  *self,
                                                guint           *n_points);

G_END_DECLS
