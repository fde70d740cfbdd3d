/* wm-indicator-export.c — indicator tables to CSV or GeoPackage files
 *
 * One row (feature) per area and year, plus one per year for the whole
 * municipality; for each indicator its value (empty when the area has no
 * data, never 0) and its numerator and denominator. GeoPackage rows carry
 * the area's boundary from the extract (EPSG:4326). Written through GDAL
 * into a temporary file in the same folder, synced and renamed over the
 * target, so a failure never leaves a half-written file or loses the old one.
 *
 * No disclosure control here: callers decide whether the counts may leave
 * the machine (see `welfaremap indicators`).
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <cpl_error.h>
#include <errno.h>
#include <fcntl.h>
#include <gdal.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <unistd.h>

#include "wm-file.h"
#include "wm-indicator-export.h"

G_DEFINE_QUARK (wm-indicator-export-error-quark, wm_indicator_export_error)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (GDALDatasetH, GDALClose, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (OGRSpatialReferenceH, OSRDestroySpatialReference, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (OGRFeatureH, OGR_F_Destroy, NULL)

/* Returns: %FALSE when @path ends neither in .csv nor in .gpkg */
gboolean
wm_indicator_export_format_for_path (const char              *path,
                                     WmIndicatorExportFormat *format)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".csv"))
    *format = WM_INDICATOR_EXPORT_CSV;
  else if (g_str_has_suffix (lower, ".gpkg"))
    *format = WM_INDICATOR_EXPORT_GPKG;
  else
    return FALSE;
  return TRUE;
}

static gboolean
write_error (GError    **error,
             const char *path,
             const char *reason)
{
  g_set_error (error, WM_INDICATOR_EXPORT_ERROR, WM_INDICATOR_EXPORT_ERROR_WRITE,
               _("%s: could not write the file: %s — check the folder exists, is writable and has free space"),
               path, reason);
  return FALSE;
}

static gboolean
gdal_error (GError    **error,
            const char *path)
{
  const char *msg = CPLGetLastErrorMsg ();

  return write_error (error, path, msg != NULL && *msg != '\0' ? msg : _("GDAL reported an error"));
}

static int
add_field (OGRLayerH     layer,
           const char   *name,
           OGRFieldType  type)
{
  OGRFieldDefnH field = OGR_Fld_Create (name, type);
  OGRErr err = OGR_L_CreateField (layer, field, TRUE);

  OGR_Fld_Destroy (field);
  return err == OGRERR_NONE ? OGR_FD_GetFieldIndex (OGR_L_GetLayerDefn (layer), name) : -1;
}

typedef struct {
  int layer, area_code, area_name, scope, year;
  int value[WM_N_INDICATORS], num[WM_N_INDICATORS], den[WM_N_INDICATORS];
} Fields;

static gboolean
create_fields (OGRLayerH                    layer,
               const WmIndicatorExportSpec *spec,
               Fields                      *f)
{
  f->layer = add_field (layer, "layer", OFTString);
  f->area_code = add_field (layer, "area_code", OFTString);
  f->area_name = add_field (layer, "area_name", OFTString);
  f->scope = add_field (layer, "scope", OFTString);
  f->year = add_field (layer, "year", OFTInteger);
  if (f->layer < 0 || f->area_code < 0 || f->area_name < 0 || f->scope < 0 || f->year < 0)
    return FALSE;
  for (guint i = 0; i < spec->n_indicators; i++)
    {
      WmIndicatorId ind = spec->indicators[i];
      const char *id = wm_indicator_def_get (ind)->id;
      g_autofree char *num = g_strconcat (id, "_num", NULL);
      g_autofree char *den = g_strconcat (id, "_den", NULL);

      if ((f->value[ind] = add_field (layer, id, OFTReal)) < 0)
        return FALSE;
      if (ind == WM_INDICATOR_IVSM)
        continue;
      if ((f->num[ind] = add_field (layer, num, OFTInteger64)) < 0 ||
          (f->den[ind] = add_field (layer, den, OFTInteger64)) < 0)
        return FALSE;
    }
  return TRUE;
}

static void
set_value (OGRFeatureH feature,
           int         field,
           double      value)
{
  if (isnan (value))
    OGR_F_SetFieldNull (feature, field);
  else
    OGR_F_SetFieldDouble (feature, field, value);
}

/* area: an area index, or -1 for the municipality */
static gboolean
write_feature (OGRLayerH                    layer,
               const Fields                *f,
               WmIndicatorTable            *table,
               const WmIndicatorExportSpec *spec,
               int                          area,
               int                          year,
               OGRGeometryH                 geometry)
{
  WmAreaLayer *areas = wm_indicator_table_get_layer (table);
  g_auto(OGRFeatureH) feature = OGR_F_Create (OGR_L_GetLayerDefn (layer));

  OGR_F_SetFieldString (feature, f->layer, wm_area_layer_get_code (areas));
  OGR_F_SetFieldString (feature, f->area_code,
                        area >= 0 ? wm_area_layer_get_area_code (areas, area)
                                  : spec->municipality_code != NULL ? spec->municipality_code : "");
  OGR_F_SetFieldString (feature, f->area_name,
                        area >= 0 ? wm_area_layer_get_area_name (areas, area)
                                  : spec->municipality_name != NULL ? spec->municipality_name : "");
  OGR_F_SetFieldString (feature, f->scope, area >= 0 ? "area" : "municipality");
  OGR_F_SetFieldInteger (feature, f->year, year);
  for (guint i = 0; i < spec->n_indicators; i++)
    {
      WmIndicatorId ind = spec->indicators[i];
      guint64 num, den;
      gboolean counted;

      if (area >= 0)
        {
          set_value (feature, f->value[ind], wm_indicator_table_get_value (table, ind, year, area));
          counted = wm_indicator_table_get_counts (table, ind, year, area, &num, &den);
        }
      else
        {
          set_value (feature, f->value[ind], wm_indicator_table_get_municipality_value (table, ind, year));
          counted = wm_indicator_table_get_municipality_counts (table, ind, year, &num, &den);
        }
      if (counted)
        {
          OGR_F_SetFieldInteger64 (feature, f->num[ind], num);
          OGR_F_SetFieldInteger64 (feature, f->den[ind], den);
        }
    }
  if (geometry != NULL)
    OGR_F_SetGeometry (feature, geometry);
  return OGR_L_CreateFeature (layer, feature) == OGRERR_NONE;
}

/* The area's boundary from the extract, as a multipolygon; %NULL when the
 * extract has none (Milano's 2011 sections) or it is not valid WKB. */
static OGRGeometryH
read_geometry (sqlite3_stmt *stmt,
               gint64        area_id)
{
  OGRGeometryH geometry = NULL;
  const void *wkb;
  int len;

  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, area_id);
  if (sqlite3_step (stmt) != SQLITE_ROW || (wkb = sqlite3_column_blob (stmt, 0)) == NULL)
    return NULL;
  len = sqlite3_column_bytes (stmt, 0);
  if (OGR_G_CreateFromWkb (wkb, NULL, &geometry, len) != OGRERR_NONE)
    return NULL;
  return OGR_G_ForceToMultiPolygon (geometry);
}

static gboolean
write_dataset (WmIndicatorTable            *table,
               sqlite3                     *db,
               const WmIndicatorExportSpec *spec,
               WmIndicatorExportFormat      format,
               const char                  *tmp,
               const char                  *path,
               GError                     **error)
{
  WmAreaLayer *areas = wm_indicator_table_get_layer (table);
  gboolean gpkg = format == WM_INDICATOR_EXPORT_GPKG;
  GDALDriverH driver = GDALGetDriverByName (gpkg ? "GPKG" : "CSV");
  g_auto(GDALDatasetH) dataset = NULL;
  g_auto(OGRSpatialReferenceH) srs = NULL;
  g_autoptr(sqlite3_stmt) geom_stmt = NULL;
  g_autofree char *layer_name = g_strdup_printf ("indicators_%s", wm_area_layer_get_code (areas));
  /* GDAL 3.6 quotes integers unless strings are quoted only where needed */
  const char *csv_options[] = { "WRITE_BOM=NO", "STRING_QUOTING=IF_NEEDED", NULL };
  OGRLayerH layer;
  Fields fields = { 0 };
  gboolean transaction;

  if (driver == NULL)
    return write_error (error, path, _("GDAL has no driver for this format"));
  CPLErrorReset ();
  dataset = GDALCreate (driver, tmp, 0, 0, 0, GDT_Unknown, NULL);
  if (dataset == NULL)
    return gdal_error (error, path);
  if (gpkg)
    {
      srs = OSRNewSpatialReference (NULL);
      OSRImportFromEPSG (srs, 4326);
      OSRSetAxisMappingStrategy (srs, OAMS_TRADITIONAL_GIS_ORDER);
    }
  layer = GDALDatasetCreateLayer (dataset, layer_name, srs, gpkg ? wkbMultiPolygon : wkbNone,
                                  gpkg ? NULL : (char **) csv_options);
  if (layer == NULL || !create_fields (layer, spec, &fields))
    return gdal_error (error, path);
  if (gpkg && db != NULL &&
      sqlite3_prepare_v2 (db, "SELECT geom FROM area WHERE id = ?", -1, &geom_stmt, NULL) != SQLITE_OK)
    return write_error (error, path, sqlite3_errmsg (db));

  /* one transaction for a GeoPackage (thousands of inserts); CSV has none */
  transaction = GDALDatasetTestCapability (dataset, ODsCTransactions);
  if (transaction && GDALDatasetStartTransaction (dataset, FALSE) != OGRERR_NONE)
    return gdal_error (error, path);
  for (guint a = 0; a < wm_area_layer_get_n_areas (areas); a++)
    {
      OGRGeometryH geometry = geom_stmt != NULL ? read_geometry (geom_stmt, wm_area_layer_get_area_id (areas, a))
                                                : NULL;
      gboolean ok = TRUE;

      for (guint y = 0; y < spec->n_years && ok; y++)
        ok = write_feature (layer, &fields, table, spec, a, spec->years[y], geometry);
      if (geometry != NULL)
        OGR_G_DestroyGeometry (geometry);
      if (!ok)
        return gdal_error (error, path);
    }
  for (guint y = 0; y < spec->n_years; y++)
    if (!write_feature (layer, &fields, table, spec, -1, spec->years[y], NULL))
      return gdal_error (error, path);
  if (transaction && GDALDatasetCommitTransaction (dataset) != OGRERR_NONE)
    return gdal_error (error, path);

  CPLErrorReset ();
  GDALClose (g_steal_pointer (&dataset));
  if (CPLGetLastErrorType () >= CE_Failure)
    return gdal_error (error, path);
  return TRUE;
}

/**
 * wm_indicator_export:
 * @db: (nullable): the extract database, for the area boundaries of a
 *   GeoPackage; %NULL writes features without geometry
 * @path: a .csv or .gpkg file; replaced atomically if it exists
 *
 * Returns: %FALSE with @error (file, reason, what to do); the previous
 *   content of @path, if any, is then untouched
 */
gboolean
wm_indicator_export (WmIndicatorTable            *table,
                     sqlite3                     *db,
                     const WmIndicatorExportSpec *spec,
                     const char                  *path,
                     GError                     **error)
{
  WmIndicatorExportFormat format;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp = NULL;
  gboolean ok;
  int fd, saved;

  g_return_val_if_fail (WM_IS_INDICATOR_TABLE (table), FALSE);

  if (!wm_indicator_export_format_for_path (path, &format))
    {
      g_set_error (error, WM_INDICATOR_EXPORT_ERROR, WM_INDICATOR_EXPORT_ERROR_FORMAT,
                   _("%s: unknown output format — name the file .csv or .gpkg"), path);
      return FALSE;
    }
  for (guint i = 0; i < spec->n_years; i++)
    g_return_val_if_fail (wm_indicator_table_has_year (table, spec->years[i]), FALSE);

  /* a fresh name beside the target, with the target's extension (GDAL's
   * CSV driver writes a folder for any other name) */
  tmp = g_build_filename (dir, format == WM_INDICATOR_EXPORT_CSV ? ".wm-XXXXXX.csv" : ".wm-XXXXXX.gpkg", NULL);
  fd = g_mkstemp_full (tmp, O_RDWR, 0644);
  if (fd < 0)
    return write_error (error, path, g_strerror (errno));
  close (fd);
  g_unlink (tmp);   /* GDAL creates the file itself */

  GDALAllRegister ();
  ok = write_dataset (table, db, spec, format, tmp, path, error);
  if (ok && (saved = wm_file_commit (tmp, path)) != 0)
    ok = write_error (error, path, g_strerror (saved));
  if (!ok)
    {
      g_autofree char *journal = g_strconcat (tmp, "-journal", NULL);

      g_unlink (tmp);
      g_unlink (journal);
    }
  return ok;
}
