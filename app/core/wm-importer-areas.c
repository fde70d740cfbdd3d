/* wm-importer-areas.c — boundary layers and geocoding
 *
 * Every layer is stored in EPSG:4326 (what the map draws), with its area
 * in m² measured in the metric CRS and a label point inside it (the centre
 * of the largest inscribed circle, so labels sit well inside odd shapes).
 * Dwellings are assigned in EPSG:4326 too, against exactly the polygons
 * stored, so the map's hit-testing and the importer always agree.
 *
 * join=geometry  point in polygon through WmSpatialIndex;
 * join=registry  the section code the residences give (Milano 2011);
 * join=table     a section → area table; dwellings follow their section.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <inttypes.h>
#include <cpl_error.h>
#include <geos_c.h>
#include <math.h>
#include <string.h>

#include "wm-importer-private.h"
#include "wm-spatial-index.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

typedef struct {
  WmImporter *importer;
  GEOSContextHandle_t geos;
  OGRSpatialReferenceH wgs84;
  OGRSpatialReferenceH metric;
  guint *dwelling_section;      /* per dwelling: section area id, 0 none */
  GHashTable *section_ids;      /* normalised section code → area id */
  GArray *section_labels;       /* (area id, lon, lat) of sections with a polygon */
} Areas;

typedef struct {
  gint64 id;
  double lon, lat;
} Label;

typedef struct {
  Areas *areas;
  const char *code;             /* the layer's code */
  char *group;
  char *source;                 /* in the report: "layer CODE" */
  WmLayerJoin join;
  gint64 layer_id;
  WmSpatialIndex *index;
  GArray *index_ids;            /* polygon index → area id */
  GHashTable *ids;              /* normalised code → area id */
  GArray *labels;
} Layer;

static void
layer_clear (Layer *l)
{
  g_free (l->group);
  g_free (l->source);
  g_clear_object (&l->index);
  g_clear_pointer (&l->index_ids, g_array_unref);
  g_clear_pointer (&l->ids, g_hash_table_unref);
  g_clear_pointer (&l->labels, g_array_unref);
}

static void
quiet (const char *message,
       void       *data)
{
}

static char *
layer_string (Layer      *l,
              const char *key,
              const char *fallback)
{
  return wm_import_mapping_get_string (l->areas->importer->mapping, l->group, key, fallback);
}

static OGRSpatialReferenceH
layer_srs (Layer           *l,
           OGRLayerH        layer,
           const char      *file,
           GError         **error)
{
  g_autofree char *crs = layer_string (l, "crs", NULL);
  OGRSpatialReferenceH srs = NULL;

  if (crs != NULL)
    {
      srs = OSRNewSpatialReference (NULL);
      if (OSRSetFromUserInput (srs, crs) != OGRERR_NONE)
        {
          OSRDestroySpatialReference (srs);
          g_set_error (error, WM_IMPORTER_ERROR, WM_IMPORTER_ERROR_CRS,
                       _("%s: [%s] crs=%s is not a coordinate system GDAL knows — write it as EPSG:32632"),
                       wm_import_mapping_get_path (l->areas->importer->mapping), l->group, crs);
          return NULL;
        }
    }
  else if (OGR_L_GetSpatialRef (layer) != NULL)
    srs = OSRClone (OGR_L_GetSpatialRef (layer));
  else
    {
      g_set_error (error, WM_IMPORTER_ERROR, WM_IMPORTER_ERROR_CRS,
                   _("%s: the layer does not say its coordinate system — add crs=EPSG:… to [%s] in the mapping"),
                   file, l->group);
      return NULL;
    }
  OSRSetAxisMappingStrategy (srs, OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}

/* Keeps the polygons of what GEOSMakeValid returned (it may add lines). */
static GEOSGeometry *
polygonal_part (GEOSContextHandle_t  geos,
                GEOSGeometry        *geom)
{
  int type = GEOSGeomTypeId_r (geos, geom);
  g_autoptr(GPtrArray) parts = NULL;
  GEOSGeometry *result;

  if (type == GEOS_POLYGON || type == GEOS_MULTIPOLYGON)
    return geom;
  parts = g_ptr_array_new ();
  for (int i = 0; type == GEOS_GEOMETRYCOLLECTION && i < GEOSGetNumGeometries_r (geos, geom); i++)
    {
      const GEOSGeometry *part = GEOSGetGeometryN_r (geos, geom, i);
      int t = GEOSGeomTypeId_r (geos, part);

      if (t == GEOS_POLYGON)
        g_ptr_array_add (parts, GEOSGeom_clone_r (geos, part));
      else if (t == GEOS_MULTIPOLYGON)
        for (int k = 0; k < GEOSGetNumGeometries_r (geos, part); k++)
          g_ptr_array_add (parts, GEOSGeom_clone_r (geos, GEOSGetGeometryN_r (geos, part, k)));
    }
  GEOSGeom_destroy_r (geos, geom);
  if (parts->len == 0)
    return NULL;
  result = GEOSGeom_createCollection_r (geos, GEOS_MULTIPOLYGON, (GEOSGeometry **) parts->pdata, parts->len);
  return result;
}

/* The feature's polygon as GEOS, valid (repaired if allowed), or NULL. */
static GEOSGeometry *
valid_polygon (Layer       *l,
               OGRGeometryH g,
               gint64       fid,
               gboolean     repair)
{
  GEOSContextHandle_t geos = l->areas->geos;
  WmImportReport *report = l->areas->importer->report;
  OGRwkbGeometryType type = wkbFlatten (OGR_G_GetGeometryType (g));
  gsize len;
  g_autofree guint8 *wkb = NULL;
  GEOSGeometry *geom;
  char *reason;

  if (type != wkbPolygon && type != wkbMultiPolygon)
    {
      wm_import_report_add (report, l->source, fid, WM_IMPORT_REJECTED, WM_R_GEOMETRY,
                            _("not a polygon (%s)"), OGRGeometryTypeToName (type));
      return NULL;
    }
  OGR_G_FlattenTo2D (g);
  len = OGR_G_WkbSize (g);
  wkb = g_malloc (len);
  OGR_G_ExportToWkb (g, wkbNDR, wkb);
  geom = GEOSGeomFromWKB_buf_r (geos, wkb, len);
  if (geom == NULL)
    {
      wm_import_report_add (report, l->source, fid, WM_IMPORT_REJECTED, WM_R_GEOMETRY, _("unreadable"));
      return NULL;
    }
  if (GEOSisValid_r (geos, geom) == 1)
    return geom;

  reason = GEOSisValidReason_r (geos, geom);
  if (!repair)
    {
      wm_import_report_add (report, l->source, fid, WM_IMPORT_REJECTED, WM_R_GEOMETRY,
                            _("%s — fix it in a GIS (QGIS: Fix geometries) or set invalid_geometry=repair"),
                            reason);
      GEOSFree_r (geos, reason);
      GEOSGeom_destroy_r (geos, geom);
      return NULL;
    }
  {
    GEOSGeometry *fixed = GEOSMakeValid_r (geos, geom);

    GEOSGeom_destroy_r (geos, geom);
    geom = fixed != NULL ? polygonal_part (geos, fixed) : NULL;
  }
  if (geom == NULL || GEOSisEmpty_r (geos, geom) == 1)
    {
      wm_import_report_add (report, l->source, fid, WM_IMPORT_REJECTED, WM_R_GEOMETRY,
                            _("%s — could not be repaired; fix it in a GIS"), reason);
      if (geom != NULL)
        GEOSGeom_destroy_r (geos, geom);
      geom = NULL;
    }
  else
    wm_import_report_add (report, l->source, fid, WM_IMPORT_WARNING, WM_R_GEOMETRY, _("%s — repaired"), reason);
  GEOSFree_r (geos, reason);
  return geom;
}

static OGRGeometryH
ogr_from_geos (GEOSContextHandle_t  geos,
               const GEOSGeometry  *geom,
               OGRSpatialReferenceH srs)
{
  size_t len;
  unsigned char *wkb = GEOSGeomToWKB_buf_r (geos, geom, &len);
  OGRGeometryH g = NULL;

  if (wkb != NULL && OGR_G_CreateFromWkb (wkb, srs, &g, (int) len) != OGRERR_NONE)
    g = NULL;
  GEOSFree_r (geos, wkb);
  return g;
}

/* Label point: the largest inscribed circle's centre, in metres. */
static gboolean
label_point (Areas        *a,
             OGRGeometryH  metric,
             double        area_m2,
             double       *x,
             double       *y)
{
  size_t len = OGR_G_WkbSize (metric);
  g_autofree guint8 *wkb = g_malloc (len);
  GEOSGeometry *g, *circle;
  gboolean ok = FALSE;

  OGR_G_ExportToWkb (metric, wkbNDR, wkb);
  g = GEOSGeomFromWKB_buf_r (a->geos, wkb, len);
  if (g == NULL)
    return FALSE;
  circle = GEOSMaximumInscribedCircle_r (a->geos, g, MAX (0.5, sqrt (area_m2) / 200));
  if (circle != NULL)
    {
      const GEOSCoordSequence *seq = GEOSGeom_getCoordSeq_r (a->geos, circle);

      ok = seq != NULL && GEOSCoordSeq_getXY_r (a->geos, seq, 0, x, y);
      GEOSGeom_destroy_r (a->geos, circle);
    }
  GEOSGeom_destroy_r (a->geos, g);
  return ok;
}

static gboolean
insert_area (Layer        *l,
             const char   *code,
             const char   *name,
             OGRGeometryH  wgs84,
             double        area_m2,
             const double *label,
             gint64       *area_id,
             GError      **error)
{
  WmImporter *self = l->areas->importer;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree guint8 *wkb = NULL;

  if (!wm_importer_prepare (self, self->db,
                            "INSERT INTO area (layer_id, code, name, geom, area_m2, label_lon, label_lat)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?)", &stmt, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, l->layer_id);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
  if (wgs84 != NULL)
    {
      gsize len = OGR_G_WkbSize (wgs84);

      wkb = g_malloc (len);
      OGR_G_ExportToWkb (wgs84, wkbNDR, wkb);
      sqlite3_bind_blob (stmt, 4, wkb, len, SQLITE_TRANSIENT);
      sqlite3_bind_double (stmt, 5, area_m2);
    }
  if (label != NULL)
    {
      sqlite3_bind_double (stmt, 6, label[0]);
      sqlite3_bind_double (stmt, 7, label[1]);
    }
  if (!wm_importer_step_stmt (self, stmt, error))
    return FALSE;
  *area_id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

/* One polygon: repaired or rejected, projected, measured, indexed, stored. */
static gboolean
add_polygon (Layer                        *l,
             OGRGeometryH                  g,
             gint64                        fid,
             gboolean                      repair,
             OGRSpatialReferenceH          srs,
             OGRCoordinateTransformationH  to_wgs84,
             OGRCoordinateTransformationH  to_metric,
             OGRCoordinateTransformationH  metric_to_wgs84,
             const char                   *code,
             const char                   *name,
             gint64                       *area_id,
             GError                      **error)
{
  Areas *a = l->areas;
  GEOSGeometry *geom = valid_polygon (l, g, fid, repair);
  OGRGeometryH wgs84 = NULL, metric = NULL;
  double label[2], area_m2 = 0;
  gboolean has_label = FALSE, ok = TRUE;

  *area_id = 0;
  if (geom == NULL)
    return TRUE;  /* reported */
  wgs84 = ogr_from_geos (a->geos, geom, srs);
  metric = ogr_from_geos (a->geos, geom, srs);
  GEOSGeom_destroy_r (a->geos, geom);
  if (wgs84 == NULL || metric == NULL ||
      OGR_G_Transform (wgs84, to_wgs84) != OGRERR_NONE || OGR_G_Transform (metric, to_metric) != OGRERR_NONE)
    {
      wm_import_report_add (a->importer->report, l->source, fid, WM_IMPORT_REJECTED, WM_R_GEOMETRY,
                            _("its coordinates cannot be converted — check the layer’s CRS"));
      goto out;
    }
  area_m2 = OGR_G_Area (metric);
  if (label_point (a, metric, area_m2, &label[0], &label[1]))
    has_label = OCTTransform (metric_to_wgs84, 1, &label[0], &label[1], NULL);
  if (has_label)
    {
      /* A sliver a metre wide can lose its label to reprojection (edges
       * straight in metres are not straight in degrees). */
      OGRGeometryH pt = OGR_G_CreateGeometry (wkbPoint);

      OGR_G_SetPoint_2D (pt, 0, label[0], label[1]);
      has_label = OGR_G_Contains (wgs84, pt);
      OGR_G_DestroyGeometry (pt);
    }
  if (!has_label)
    {
      OGRGeometryH pt = OGR_G_PointOnSurface (wgs84);

      has_label = pt != NULL && !OGR_G_IsEmpty (pt);
      if (has_label)
        {
          label[0] = OGR_G_GetX (pt, 0);
          label[1] = OGR_G_GetY (pt, 0);
        }
      g_clear_pointer (&pt, OGR_G_DestroyGeometry);
    }
  ok = insert_area (l, code, name, wgs84, area_m2, has_label ? label : NULL, area_id, error);
  if (ok)
    {
      gsize len = OGR_G_WkbSize (wgs84);
      g_autofree guint8 *wkb = g_malloc (len);

      OGR_G_ExportToWkb (wgs84, wkbNDR, wkb);
      if (wm_spatial_index_add_wkb (l->index, wkb, len, NULL, NULL))
        g_array_append_val (l->index_ids, *area_id);
      if (has_label)
        {
          Label lb = { *area_id, label[0], label[1] };

          g_array_append_val (l->labels, lb);
        }
    }
out:
  g_clear_pointer (&wgs84, OGR_G_DestroyGeometry);
  g_clear_pointer (&metric, OGR_G_DestroyGeometry);
  return ok;
}

static OGRCoordinateTransformationH
transform (OGRSpatialReferenceH from,
           OGRSpatialReferenceH to)
{
  return OCTNewCoordinateTransformation (from, to);
}

/* Reads the layer's file: one area per feature (or per row of a table). */
static gboolean
read_layer_file (Layer    *l,
                 GError  **error)
{
  Areas *a = l->areas;
  WmImporter *self = a->importer;
  g_autofree char *file = layer_string (l, "file", NULL);
  g_autofree char *path = wm_import_mapping_resolve (self->mapping, l->group, file);
  g_autofree char *layer_name = layer_string (l, "layer", NULL);
  g_autofree char *code_field = layer_string (l, "code_field", NULL);
  g_autofree char *name_field = layer_string (l, "name_field", code_field);
  g_autofree char *invalid = layer_string (l, "invalid_geometry", "repair");
  const char *columns[] = { code_field, name_field };
  const char *keys[] = { "code_field", "name_field" };
  const gboolean required[] = { TRUE, TRUE };
  g_autoptr(WmImportSource) src = NULL;
  OGRSpatialReferenceH srs = NULL;
  OGRCoordinateTransformationH to_wgs84 = NULL, to_metric = NULL, metric_to_wgs84 = NULL;
  g_autoptr(GHashTable) first_fid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  WmImportRow row;
  gboolean ok = FALSE;

  src = wm_import_source_open (path, layer_name, NULL, 0, error);
  if (src == NULL || !wm_import_source_bind (src, l->group, 2, columns, keys, required, error))
    return FALSE;
  wm_import_report_begin_source (self->report, l->source, wm_import_source_get_file (src),
                                 wm_import_source_has_rows_numbered (src));
  if (l->join != WM_LAYER_JOIN_REGISTRY || OGR_L_GetGeomType (wm_import_source_get_layer (src)) != wkbNone)
    {
      srs = layer_srs (l, wm_import_source_get_layer (src), wm_import_source_get_file (src), error);
      if (srs == NULL)
        return FALSE;
      to_wgs84 = transform (srs, a->wgs84);
      to_metric = transform (srs, a->metric);
      metric_to_wgs84 = transform (a->metric, a->wgs84);
      if (to_wgs84 == NULL || to_metric == NULL || metric_to_wgs84 == NULL)
        {
          g_set_error (error, WM_IMPORTER_ERROR, WM_IMPORTER_ERROR_CRS,
                       _("%s: cannot convert the layer’s coordinates — check its CRS and metric_crs"),
                       wm_import_source_get_file (src));
          goto out;
        }
    }

  while (wm_import_source_next (src, &row))
    {
      const char *code = row.values[0];
      g_autofree char *normal = NULL;
      OGRGeometryH g = OGR_F_GetGeometryRef (row.feature);
      gint64 area_id = 0;

      wm_import_report_count (self->report, l->source, WM_IMPORT_COUNT_READ);
      if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
        goto out;
      if (code == NULL)
        {
          wm_import_report_add (self->report, l->source, row.number, WM_IMPORT_REJECTED, WM_R_MISSING,
                                "%s", code_field);
          continue;
        }
      normal = wm_import_normalise_code (code);
      if (g_hash_table_contains (first_fid, normal))
        {
          wm_import_report_add (self->report, l->source, row.number, WM_IMPORT_REJECTED, WM_R_DUPLICATE,
                                _("same code as %" PRId64),
                                (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (first_fid, normal)));
          continue;
        }
      g_hash_table_insert (first_fid, g_strdup (normal), GSIZE_TO_POINTER ((gsize) row.number));
      if (g != NULL && !OGR_G_IsEmpty (g) && to_wgs84 != NULL)
        {
          if (!add_polygon (l, g, row.number, g_str_equal (invalid, "repair"), srs, to_wgs84, to_metric,
                            metric_to_wgs84, code, row.values[1] != NULL ? row.values[1] : code, &area_id, error))
            goto out;
        }
      else if (l->join == WM_LAYER_JOIN_REGISTRY)
        {
          if (!insert_area (l, code, row.values[1] != NULL ? row.values[1] : code, NULL, 0, NULL, &area_id, error))
            goto out;
        }
      else
        wm_import_report_add (self->report, l->source, row.number, WM_IMPORT_REJECTED, WM_R_GEOMETRY,
                              _("no geometry"));
      if (area_id == 0)
        continue;
      g_hash_table_insert (l->ids, g_steal_pointer (&normal), GSIZE_TO_POINTER ((gsize) area_id));
      wm_import_report_count (self->report, l->source, WM_IMPORT_COUNT_LINKED);
    }
  ok = wm_import_source_check (src, error);
out:
  g_clear_pointer (&to_wgs84, OCTDestroyCoordinateTransformation);
  g_clear_pointer (&to_metric, OCTDestroyCoordinateTransformation);
  g_clear_pointer (&metric_to_wgs84, OCTDestroyCoordinateTransformation);
  g_clear_pointer (&srs, OSRDestroySpatialReference);
  return ok;
}

static gboolean
insert_dwelling_area (Layer        *l,
                      sqlite3_stmt *stmt,
                      guint         dwelling_id,
                      gint64        area_id,
                      GError      **error)
{
  sqlite3_bind_int64 (stmt, 1, l->layer_id);
  sqlite3_bind_int64 (stmt, 2, dwelling_id);
  sqlite3_bind_int64 (stmt, 3, area_id);
  return wm_importer_step_stmt (l->areas->importer, stmt, error);
}

/* Each dwelling in the extract to the area its point is in. */
static gboolean
assign_by_geometry (Layer        *l,
                    sqlite3_stmt *stmt,
                    GError      **error)
{
  WmImporter *self = l->areas->importer;
  g_autofree char *name = layer_string (l, "name", l->code);

  wm_spatial_index_build (l->index);
  for (guint i = 0; i < self->dwellings->len; i++)
    {
      const WmImpDwelling *d = &g_array_index (self->dwellings, WmImpDwelling, i);
      int polygon;
      gint64 area_id;

      if (d->id == 0)
        continue;
      polygon = wm_spatial_index_locate (l->index, d->lon, d->lat);
      if (polygon < 0)
        {
          wm_import_report_add_in_sheet (self->report, "residences", d->point_sheet, d->point_row, WM_IMPORT_WARNING, WM_R_OUTSIDE,
                                _("“%s” (the dwelling is kept without one)"), name);
          continue;
        }
      area_id = g_array_index (l->index_ids, gint64, polygon);
      if (g_str_equal (l->code, "sections"))
        l->areas->dwelling_section[i] = (guint) area_id;
      if (!insert_dwelling_area (l, stmt, d->id, area_id, error))
        return FALSE;
    }
  return TRUE;
}

/* The registry gives each address its section code (Milano 2011; every
 * synthetic source). Where it gives none, or one not in the layer, the
 * point decides if the layer has polygons: Povo's 2021 layer has inhabited
 * sections that are slivers no address point falls in. */
static gboolean
assign_by_registry (Layer        *l,
                    sqlite3_stmt *stmt,
                    gboolean      have_list,
                    GError      **error)
{
  WmImporter *self = l->areas->importer;
  gboolean have_polygons = wm_spatial_index_get_n_polygons (l->index) > 0;

  wm_spatial_index_build (l->index);
  for (guint i = 0; i < self->dwellings->len; i++)
    {
      const WmImpDwelling *d = &g_array_index (self->dwellings, WmImpDwelling, i);
      gpointer found = NULL;
      gint64 area_id = 0;
      int polygon;

      if (d->id == 0)
        continue;
      if (d->section != NULL)
        found = g_hash_table_lookup (l->ids, d->section);
      if (found != NULL)
        area_id = GPOINTER_TO_SIZE (found);
      else if (d->section != NULL && !have_list)
        {
          if (!insert_area (l, d->section, d->section, NULL, 0, NULL, &area_id, error))
            return FALSE;
          g_hash_table_insert (l->ids, g_strdup (d->section), GSIZE_TO_POINTER ((gsize) area_id));
        }
      else if (have_polygons && (polygon = wm_spatial_index_locate (l->index, d->lon, d->lat)) >= 0)
        {
          area_id = g_array_index (l->index_ids, gint64, polygon);
          if (d->section != NULL)
            wm_import_report_add_in_sheet (self->report, "residences", d->section_sheet, d->section_row,
                                           WM_IMPORT_WARNING, WM_R_SECTION_UNKNOWN,
                                           _("placed by its coordinates instead"));
        }
      else if (d->section != NULL)
        wm_import_report_add_in_sheet (self->report, "residences", d->section_sheet, d->section_row,
                                       WM_IMPORT_WARNING, WM_R_SECTION_UNKNOWN, _("the dwelling is kept without one"));
      else
        wm_import_report_add_in_sheet (self->report, "residences", d->point_sheet, d->point_row,
                                       WM_IMPORT_WARNING, WM_R_MISSING,
                                       have_polygons ? _("census section, and the address is outside every section "
                                                         "(the dwelling is kept without one)")
                                                     : _("census section (the dwelling is kept without one)"));
      if (area_id == 0)
        continue;
      l->areas->dwelling_section[i] = (guint) area_id;
      if (!insert_dwelling_area (l, stmt, d->id, area_id, error))
        return FALSE;
    }
  return TRUE;
}

/* The section → area table; dwellings follow their section. */
static gboolean
assign_by_table (Layer        *l,
                 sqlite3_stmt *stmt,
                 GError      **error)
{
  Areas *a = l->areas;
  WmImporter *self = a->importer;
  g_autofree char *file = layer_string (l, "table_file", NULL);
  g_autofree char *path = wm_import_mapping_resolve (self->mapping, l->group, file);
  g_autofree char *table_layer = layer_string (l, "table_layer", NULL);
  g_autofree char *section_column = layer_string (l, "table_section_column", NULL);
  g_autofree char *area_column = layer_string (l, "table_area_column", NULL);
  g_autofree char *source = g_strconcat (l->source, " table", NULL);
  const char *columns[] = { section_column, area_column };
  const char *keys[] = { "table_section_column", "table_area_column" };
  const gboolean required[] = { TRUE, TRUE };
  g_autoptr(WmImportSource) src = NULL;
  g_autoptr(sqlite3_stmt) link = NULL;
  g_autoptr(GHashTable) section_area = g_hash_table_new (g_direct_hash, g_direct_equal);
  WmImportRow row;

  src = wm_import_source_open (path, table_layer, NULL, 0, error);
  if (src == NULL || !wm_import_source_bind (src, l->group, 2, columns, keys, required, error) ||
      !wm_importer_prepare (self, self->db, "INSERT INTO section_area (section_id, area_id) VALUES (?, ?)",
                            &link, error))
    return FALSE;
  wm_import_report_begin_source (self->report, source, wm_import_source_get_file (src), TRUE);
  while (wm_import_source_next (src, &row))
    {
      g_autofree char *section = NULL, *area = NULL;
      gpointer section_id, area_id;

      wm_import_report_count (self->report, source, WM_IMPORT_COUNT_READ);
      if (row.values[0] == NULL || row.values[1] == NULL)
        {
          wm_import_report_add (self->report, source, row.number, WM_IMPORT_REJECTED, WM_R_MISSING,
                                "%s", row.values[0] == NULL ? section_column : area_column);
          continue;
        }
      section = wm_import_normalise_code (row.values[0]);
      area = wm_import_normalise_code (row.values[1]);
      section_id = g_hash_table_lookup (a->section_ids, section);
      area_id = g_hash_table_lookup (l->ids, area);
      if (section_id == NULL || area_id == NULL)
        {
          wm_import_report_add (self->report, source, row.number, WM_IMPORT_REJECTED,
                                section_id == NULL ? WM_R_SECTION_UNKNOWN : WM_R_AREA_UNKNOWN, NULL);
          continue;
        }
      if (g_hash_table_contains (section_area, section_id))
        {
          wm_import_report_add (self->report, source, row.number, WM_IMPORT_REJECTED, WM_R_DUPLICATE,
                                _("the section is already in the table"));
          continue;
        }
      g_hash_table_insert (section_area, section_id, area_id);
      sqlite3_bind_int64 (link, 1, GPOINTER_TO_SIZE (section_id));
      sqlite3_bind_int64 (link, 2, GPOINTER_TO_SIZE (area_id));
      if (!wm_importer_step_stmt (self, link, error))
        return FALSE;
      wm_import_report_count (self->report, source, WM_IMPORT_COUNT_LINKED);
    }
  if (!wm_import_source_check (src, error))
    return FALSE;

  for (guint i = 0; i < self->dwellings->len; i++)
    {
      const WmImpDwelling *d = &g_array_index (self->dwellings, WmImpDwelling, i);
      gpointer area_id;

      if (d->id == 0 || a->dwelling_section[i] == 0)
        continue;  /* already reported for the sections */
      area_id = g_hash_table_lookup (section_area, GUINT_TO_POINTER (a->dwelling_section[i]));
      if (area_id == NULL)
        {
          g_autofree char *name = layer_string (l, "name", l->code);

          wm_import_report_add_in_sheet (self->report, "residences", d->point_sheet, d->point_row, WM_IMPORT_WARNING, WM_R_OUTSIDE,
                                _("“%s”: its section is not in the table (the dwelling is kept without one)"),
                                name);
          continue;
        }
      if (!insert_dwelling_area (l, stmt, d->id, GPOINTER_TO_SIZE (area_id), error))
        return FALSE;
    }
  return TRUE;
}

/* A coarser layer joined by geometry: each section goes where its label is. */
static gboolean
link_sections (Layer   *l,
               GError **error)
{
  WmImporter *self = l->areas->importer;
  g_autoptr(sqlite3_stmt) link = NULL;

  if (!wm_importer_prepare (self, self->db, "INSERT INTO section_area (section_id, area_id) VALUES (?, ?)",
                            &link, error))
    return FALSE;
  for (guint i = 0; i < l->areas->section_labels->len; i++)
    {
      const Label *lb = &g_array_index (l->areas->section_labels, Label, i);
      int polygon = wm_spatial_index_locate (l->index, lb->lon, lb->lat);

      if (polygon < 0)
        continue;
      sqlite3_bind_int64 (link, 1, lb->id);
      sqlite3_bind_int64 (link, 2, g_array_index (l->index_ids, gint64, polygon));
      if (!wm_importer_step_stmt (self, link, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_layer (Areas       *a,
            const char  *code,
            GError     **error)
{
  WmImporter *self = a->importer;
  Layer l = { 0 };
  g_autofree char *name = NULL, *join = NULL, *file = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL, assign = NULL;
  gboolean ok = FALSE;
  int level;

  l.areas = a;
  l.code = code;
  l.group = g_strconcat ("layer ", code, NULL);
  l.source = g_strdup (l.group);
  l.index = wm_spatial_index_new ();
  l.index_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  l.ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  l.labels = g_array_new (FALSE, FALSE, sizeof (Label));
  name = layer_string (&l, "name", code);
  join = layer_string (&l, "join", "geometry");
  file = layer_string (&l, "file", NULL);
  level = g_key_file_get_integer (wm_import_mapping_get_key_file (self->mapping), l.group, "level", NULL);
  l.join = g_str_equal (join, "table") ? WM_LAYER_JOIN_TABLE
         : g_str_equal (join, "registry") ? WM_LAYER_JOIN_REGISTRY : WM_LAYER_JOIN_GEOMETRY;

  if (!wm_importer_prepare (self, self->db,
                            "INSERT INTO area_layer (code, name, level, join_kind, source) VALUES (?, ?, ?, ?, ?)",
                            &stmt, error))
    goto out;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, level);
  sqlite3_bind_int (stmt, 4, l.join == WM_LAYER_JOIN_GEOMETRY ? 1 : 2);
  if (file != NULL)
    {
      g_autofree char *base = g_path_get_basename (file);

      sqlite3_bind_text (stmt, 5, base, -1, SQLITE_TRANSIENT);
    }
  if (!wm_importer_step_stmt (self, stmt, error))
    goto out;
  l.layer_id = sqlite3_last_insert_rowid (self->db);

  if (file != NULL && !read_layer_file (&l, error))
    goto out;
  if (!wm_importer_prepare (self, self->db,
                            "INSERT INTO dwelling_area (layer_id, dwelling_id, area_id) VALUES (?, ?, ?)",
                            &assign, error))
    goto out;
  switch (l.join)
    {
    case WM_LAYER_JOIN_GEOMETRY:
      ok = assign_by_geometry (&l, assign, error) &&
           (g_str_equal (code, "sections") || link_sections (&l, error));
      break;
    case WM_LAYER_JOIN_REGISTRY:
      ok = assign_by_registry (&l, assign, file != NULL, error);
      break;
    case WM_LAYER_JOIN_TABLE:
      ok = assign_by_table (&l, assign, error);
      break;
    }
  if (ok && g_str_equal (code, "sections"))
    {
      /* the sections' codes and labels, for the layers that follow */
      g_hash_table_unref (a->section_ids);
      a->section_ids = g_steal_pointer (&l.ids);
      g_array_append_vals (a->section_labels, l.labels->data, l.labels->len);
    }
out:
  layer_clear (&l);
  return ok;
}

/**
 * wm_importer_read_layers:
 *
 * Every [layer …] of the mapping, the sections first.
 */
gboolean
wm_importer_read_layers (WmImporter  *self,
                         GError     **error)
{
  const char *const *layers = wm_import_mapping_get_layers (self->mapping);
  Areas a = { 0 };
  gboolean ok = TRUE;

  a.importer = self;
  a.geos = GEOS_init_r ();
  GEOSContext_setNoticeHandler_r (a.geos, (GEOSMessageHandler) quiet);
  GEOSContext_setErrorHandler_r (a.geos, (GEOSMessageHandler) quiet);
  a.wgs84 = OSRNewSpatialReference (NULL);
  a.metric = OSRNewSpatialReference (NULL);
  OSRImportFromEPSG (a.wgs84, 4326);
  OSRSetAxisMappingStrategy (a.wgs84, OAMS_TRADITIONAL_GIS_ORDER);
  if (OSRImportFromEPSG (a.metric, wm_import_mapping_get_metric_epsg (self->mapping)) != OGRERR_NONE)
    {
      g_set_error (error, WM_IMPORTER_ERROR, WM_IMPORTER_ERROR_CRS,
                   _("%s: metric_crs EPSG:%d is not a coordinate system GDAL knows"),
                   wm_import_mapping_get_path (self->mapping), wm_import_mapping_get_metric_epsg (self->mapping));
      ok = FALSE;
    }
  OSRSetAxisMappingStrategy (a.metric, OAMS_TRADITIONAL_GIS_ORDER);
  a.dwelling_section = g_new0 (guint, self->dwellings->len + 1);
  a.section_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  a.section_labels = g_array_new (FALSE, FALSE, sizeof (Label));

  CPLPushErrorHandler (CPLQuietErrorHandler);
  for (guint i = 0; ok && layers[i] != NULL; i++)
    ok = read_layer (&a, layers[i], error);
  CPLPopErrorHandler ();

  g_free (a.dwelling_section);
  g_hash_table_unref (a.section_ids);
  g_array_unref (a.section_labels);
  OSRDestroySpatialReference (a.wgs84);
  OSRDestroySpatialReference (a.metric);
  GEOS_finish_r (a.geos);
  return ok;
}
