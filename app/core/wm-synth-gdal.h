/* wm-synth-gdal.h — reading a place's layers through GDAL (wm-synth-place.c)
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "wm-synth-private.h"

G_BEGIN_DECLS

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (GDALDatasetH, GDALClose, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (OGRSpatialReferenceH, OSRDestroySpatialReference, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (OGRCoordinateTransformationH, OCTDestroyCoordinateTransformation, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (OGRFeatureH, OGR_F_Destroy, NULL)

char         *wm_synth_resolve      (const char *data_dir, const char *relative);
GDALDatasetH  wm_synth_open_vector  (const char *path, GError **error);
OGRLayerH     wm_synth_get_layer    (GDALDatasetH ds, const char *path, const char *name, GError **error);
int           wm_synth_field_index  (OGRLayerH layer, const char *path, const char *field, GError **error);
OGRCoordinateTransformationH wm_synth_transform_to (OGRLayerH layer, const char *crs);

/* wm-synth-streets.c, wm-synth-sites.c */
gboolean      wm_synth_read_streets (WmSynthWorld *w, const char *path, const char *layer_name,
                                     const char *name_field, GError **error);
gboolean      wm_synth_read_sites   (WmSynthWorld *w, const char *path, GError **error);
void          wm_synth_synthetic_sites (WmSynthWorld *w, int total_pop);
void          wm_synth_site_free    (gpointer data);

G_END_DECLS
