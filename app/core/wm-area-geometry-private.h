/* wm-area-geometry-private.h — shared by the geometry store and its loaders
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "wm-area-geometry.h"

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (GDALDatasetH, GDALClose, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (OGRFeatureH, OGR_F_Destroy, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (OGRGeometryH, OGR_G_DestroyGeometry, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (OGRSpatialReferenceH, OSRDestroySpatialReference, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (OGRCoordinateTransformationH, OCTDestroyCoordinateTransformation, NULL)

typedef enum {
  WM_ADD_FAILED,
  WM_ADD_DONE,
  WM_ADD_NO_POLYGON,
} WmAddResult;

/* @geom: lon/lat (EPSG:4326, GIS order); @label: a lon/lat known to be
 * inside, or NULL to compute one; @where: "file: feature 12" for messages */
WmAddResult wm_area_geometry_add_ogr     (WmAreaGeometry *self,
                                          gint64          id,
                                          const char     *code,
                                          const char     *name,
                                          OGRGeometryH    geom,
                                          const double   *label,
                                          const char     *where,
                                          GError        **error);
void        wm_area_geometry_set_source  (WmAreaGeometry *self,
                                          const char     *source);
void        wm_area_geometry_add_warning (WmAreaGeometry *self,
                                          const char     *warning);
void        wm_gdal_init                 (void);
