/* wm-area-geometry-load.c — area layers from GDAL files and from the extract
 *
 * Any vector format GDAL reads; coordinates are reprojected to EPSG:4326
 * in longitude-latitude order (OAMS_TRADITIONAL_GIS_ORDER) before the
 * store projects them to Web Mercator.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <cpl_error.h>
#include <glib/gi18n.h>
#include <math.h>

#include "wm-area-geometry-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

static gboolean
is_polygon_type (OGRwkbGeometryType type)
{
  type = wkbFlatten (type);
  return type == wkbPolygon || type == wkbMultiPolygon || type == wkbCurvePolygon ||
         type == wkbMultiSurface;
}

static OGRLayerH
pick_layer (GDALDatasetH   ds,
            const char    *path,
            const char    *layer_name,
            GError       **error)
{
  int n = GDALDatasetGetLayerCount (ds);

  if (layer_name != NULL)
    {
      OGRLayerH layer = GDALDatasetGetLayerByName (ds, layer_name);

      if (layer == NULL)
        g_set_error (error, WM_AREA_GEOMETRY_ERROR, WM_AREA_GEOMETRY_ERROR_NO_LAYER,
                     _("%s: there is no layer “%s” in this file — choose one of its %d layers"),
                     path, layer_name, n);
      return layer;
    }
  if (n == 0)
    {
      g_set_error (error, WM_AREA_GEOMETRY_ERROR, WM_AREA_GEOMETRY_ERROR_NO_LAYER,
                   _("%s: the file holds no map layer — choose a file of areas (polygons)"), path);
      return NULL;
    }
  /* the first layer of polygons; else the first, to say what it holds */
  for (int i = 0; i < n; i++)
    {
      OGRLayerH layer = GDALDatasetGetLayer (ds, i);

      if (is_polygon_type (OGR_L_GetGeomType (layer)))
        return layer;
    }
  return GDALDatasetGetLayer (ds, 0);
}

static int
field_index (OGRLayerH    layer,
             const char  *path,
             const char  *field,
             GError     **error)
{
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn (layer);
  int i;
  g_autoptr(GString) names = NULL;

  if (field == NULL)
    return -1;
  i = OGR_FD_GetFieldIndex (defn, field);
  if (i >= 0)
    return i;
  names = g_string_new (NULL);
  for (int f = 0; f < OGR_FD_GetFieldCount (defn); f++)
    g_string_append_printf (names, "%s%s", f > 0 ? ", " : "", OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, f)));
  g_set_error (error, WM_AREA_GEOMETRY_ERROR, WM_AREA_GEOMETRY_ERROR_NO_FIELD,
               _("%s: layer “%s” has no field “%s” — choose one of its fields: %s"),
               path, OGR_L_GetName (layer), field, names->str);
  return -2;
}

/* NULL (and no error) when the layer is already in lon/lat WGS 84. */
static gboolean
make_transform (WmAreaGeometry                *self,
                OGRLayerH                      layer,
                const char                    *path,
                OGRCoordinateTransformationH  *out,
                GError                       **error)
{
  OGRSpatialReferenceH src = OGR_L_GetSpatialRef (layer);
  g_auto(OGRSpatialReferenceH) wgs84 = OSRNewSpatialReference (NULL);
  OGREnvelope env;

  *out = NULL;
  if (src == NULL)
    {
      /* Plain GeoJSON and CSV often carry no CRS: lon/lat is all they can
       * mean when every coordinate fits. */
      if (OGR_L_GetExtent (layer, &env, TRUE) == OGRERR_NONE &&
          env.MinX >= -180 && env.MaxX <= 180 && env.MinY >= -90 && env.MaxY <= 90)
        {
          g_autofree char *w = g_strdup_printf (_("%s: the layer names no coordinate system; "
                                                  "its coordinates were read as longitude and latitude (WGS 84)"),
                                                path);
          wm_area_geometry_add_warning (self, w);
          return TRUE;
        }
      g_set_error (error, WM_AREA_GEOMETRY_ERROR, WM_AREA_GEOMETRY_ERROR_CRS,
                   _("%s: the layer names no coordinate system and its coordinates are not longitude and latitude — "
                     "save it with its coordinate system (for a Shapefile, the .prj file beside it)"),
                   path);
      return FALSE;
    }

  OSRImportFromEPSG (wgs84, 4326);
  OSRSetAxisMappingStrategy (wgs84, OAMS_TRADITIONAL_GIS_ORDER);
  if (OSRIsSame (src, wgs84))
    {
      /* Same CRS, but the data may still be stored latitude first. */
      int n = 0;
      const int *mapping = OSRGetDataAxisToSRSAxisMapping (src, &n);

      if (n >= 2 && mapping[0] == 2 && mapping[1] == 1)
        return TRUE;
    }
  CPLPushErrorHandler (CPLQuietErrorHandler);
  *out = OCTNewCoordinateTransformation (src, wgs84);
  CPLPopErrorHandler ();
  if (*out == NULL)
    {
      g_set_error (error, WM_AREA_GEOMETRY_ERROR, WM_AREA_GEOMETRY_ERROR_CRS,
                   _("%s: its coordinate system (%s) cannot be converted to longitude and latitude (%s) — "
                     "save the layer in another coordinate system, such as EPSG:4326 or the local UTM zone"),
                   path, OSRGetName (src) != NULL ? OSRGetName (src) : "?", CPLGetLastErrorMsg ());
      return FALSE;
    }
  return TRUE;
}

static char *
field_text (OGRFeatureH f,
            int         index)
{
  if (index < 0 || !OGR_F_IsFieldSetAndNotNull (f, index))
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) OGR_F_GetFID (f));
  return g_strdup (OGR_F_GetFieldAsString (f, index));
}

static gboolean
read_features (WmAreaGeometry                *self,
               OGRLayerH                      layer,
               const char                    *path,
               int                            code_index,
               int                            name_index,
               OGRCoordinateTransformationH   ct,
               GError                       **error)
{
  guint skipped = 0, row = 0;
  g_auto(OGRFeatureH) f = NULL;

  OGR_L_ResetReading (layer);
  while ((f = OGR_L_GetNextFeature (layer)) != NULL)
    {
      g_auto(OGRGeometryH) geom = OGR_F_StealGeometry (f);
      g_autofree char *code = field_text (f, code_index);
      g_autofree char *name = name_index >= 0 ? field_text (f, name_index) : NULL;
      g_autofree char *where = g_strdup_printf (_("%s: feature %u"), path, ++row);
      WmAddResult r;

      if (geom != NULL && ct != NULL && OGR_G_Transform (geom, ct) != OGRERR_NONE)
        {
          g_set_error (error, WM_AREA_GEOMETRY_ERROR, WM_AREA_GEOMETRY_ERROR_CRS,
                       _("%s: its coordinates cannot be converted to longitude and latitude — "
                         "check the layer's coordinate system"), where);
          return FALSE;
        }
      r = wm_area_geometry_add_ogr (self, OGR_F_GetFID (f), code, name, geom, NULL, where, error);
      if (r == WM_ADD_FAILED)
        return FALSE;
      if (r == WM_ADD_NO_POLYGON)
        skipped++;
      g_clear_pointer (&f, OGR_F_Destroy);
    }

  if (wm_area_geometry_get_n_areas (self) == 0)
    {
      g_set_error (error, WM_AREA_GEOMETRY_ERROR, WM_AREA_GEOMETRY_ERROR_NO_POLYGONS,
                   _("%s: layer “%s” has no polygons (it holds %s) — choose a layer of areas"),
                   path, OGR_L_GetName (layer),
                   row == 0 ? _("no features") : OGRGeometryTypeToName (OGR_L_GetGeomType (layer)));
      return FALSE;
    }
  if (skipped > 0)
    {
      g_autofree char *w = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "%s: %u feature is not a polygon and was left out",
                                                         "%s: %u features are not polygons and were left out",
                                                         skipped),
                                            path, skipped);
      wm_area_geometry_add_warning (self, w);
    }
  return TRUE;
}

/**
 * wm_area_geometry_load_file:
 * @layer_name: (nullable): the layer to read; %NULL: the first of polygons
 * @code_field: (nullable): the field holding each area's code; %NULL: the
 *   feature id
 * @name_field: (nullable): the field holding each area's name; %NULL: the code
 *
 * Reads the areas of a vector file in any CRS GDAL knows. Broken
 * boundaries are repaired and features that are not polygons left out,
 * each with a line in wm_area_geometry_get_warnings().
 *
 * Returns: (transfer full): the areas, or %NULL with @error naming the file
 *   (and feature), the reason and what to do
 */
WmAreaGeometry *
wm_area_geometry_load_file (const char  *path,
                            const char  *layer_name,
                            const char  *code_field,
                            const char  *name_field,
                            GError     **error)
{
  g_autoptr(WmAreaGeometry) self = NULL;
  g_auto(GDALDatasetH) ds = NULL;
  g_auto(OGRCoordinateTransformationH) ct = NULL;
  OGRLayerH layer;
  int code_index, name_index;

  g_return_val_if_fail (path != NULL, NULL);

  wm_gdal_init ();
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, WM_AREA_GEOMETRY_ERROR, WM_AREA_GEOMETRY_ERROR_NOT_FOUND,
                   _("%s: the file does not exist — choose another file"), path);
      return NULL;
    }
  CPLPushErrorHandler (CPLQuietErrorHandler);
  ds = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  CPLPopErrorHandler ();
  if (ds == NULL)
    {
      g_set_error (error, WM_AREA_GEOMETRY_ERROR, WM_AREA_GEOMETRY_ERROR_NOT_VECTOR,
                   _("%s: this is not a map layer WelfareMap can read — choose a vector file of areas "
                     "(GeoPackage, Shapefile, GeoJSON, FlatGeobuf…)"), path);
      return NULL;
    }

  layer = pick_layer (ds, path, layer_name, error);
  if (layer == NULL)
    return NULL;
  code_index = field_index (layer, path, code_field, error);
  name_index = field_index (layer, path, name_field, error);
  if (code_index == -2 || name_index == -2)
    return NULL;

  self = wm_area_geometry_new ();
  wm_area_geometry_set_source (self, path);
  if (!make_transform (self, layer, path, &ct, error) ||
      !read_features (self, layer, path, code_index, name_index, ct, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * wm_area_geometry_load_extract:
 * @db: an opened extract database
 * @layer_code: area_layer.code ("sections", "nil", …)
 *
 * Areas without a boundary (area.geom NULL) are not drawn and not
 * returned; wm_area_geometry_get_id() gives each area's area.id.
 */
WmAreaGeometry *
wm_area_geometry_load_extract (sqlite3     *db,
                               const char  *layer_code,
                               GError     **error)
{
  g_autoptr(WmAreaGeometry) self = wm_area_geometry_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  wm_gdal_init ();
  wm_area_geometry_set_source (self, layer_code);
  rc = sqlite3_prepare_v2 (db,
                           "SELECT a.id, a.code, a.name, a.geom, a.label_lon, a.label_lat "
                           "FROM area a JOIN area_layer l ON l.id = a.layer_id "
                           "WHERE l.code = ? AND a.geom IS NOT NULL ORDER BY a.id",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, WM_AREA_GEOMETRY_ERROR, WM_AREA_GEOMETRY_ERROR_DATABASE,
                   _("The extract's area table cannot be read (%s) — open another extract or rebuild this one"),
                   sqlite3_errmsg (db));
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, layer_code, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 1);
      const void *wkb = sqlite3_column_blob (stmt, 3);
      int len = sqlite3_column_bytes (stmt, 3);
      double label[2] = { NAN, NAN };
      g_auto(OGRGeometryH) geom = NULL;
      g_autofree char *where = g_strdup_printf (_("area layer “%s”: area %s"), layer_code, code);

      if (sqlite3_column_type (stmt, 4) != SQLITE_NULL && sqlite3_column_type (stmt, 5) != SQLITE_NULL)
        {
          label[0] = sqlite3_column_double (stmt, 4);
          label[1] = sqlite3_column_double (stmt, 5);
        }
      if (wkb == NULL || len <= 0 || OGR_G_CreateFromWkb (wkb, NULL, &geom, len) != OGRERR_NONE ||
          wm_area_geometry_add_ogr (self, sqlite3_column_int64 (stmt, 0), code,
                                    (const char *) sqlite3_column_text (stmt, 2),
                                    geom, label, where, error) != WM_ADD_DONE)
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, WM_AREA_GEOMETRY_ERROR, WM_AREA_GEOMETRY_ERROR_INVALID_GEOMETRY,
                         _("%s: the boundary is not a readable polygon — rebuild the extract from its sources"),
                         where);
          return NULL;
        }
    }
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, WM_AREA_GEOMETRY_ERROR, WM_AREA_GEOMETRY_ERROR_DATABASE,
                   _("The extract's area table cannot be read (%s) — open another extract or rebuild this one"),
                   sqlite3_errmsg (db));
      return NULL;
    }
  if (wm_area_geometry_get_n_areas (self) == 0)
    {
      g_set_error (error, WM_AREA_GEOMETRY_ERROR, WM_AREA_GEOMETRY_ERROR_NO_POLYGONS,
                   _("The extract has no boundaries for area layer “%s” — choose another area level"),
                   layer_code);
      return NULL;
    }
  return g_steal_pointer (&self);
}
