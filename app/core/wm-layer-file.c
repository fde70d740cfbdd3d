/* wm-layer-file.c — a boundary file the user adds to an open extract
 *
 * Any polygon file GDAL reads (neighbourhoods, school catchments, a
 * health district), in any CRS: its areas are read and reprojected, every
 * dwelling of the extract is placed in one of them by point in polygon,
 * and the population gains a layer whose indicators are counted like any
 * other's. The file is only read; nothing is written into the extract.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <gdal.h>
#include <glib/gi18n.h>
#include <ogr_api.h>

#include "wm-area-layer-private.h"
#include "wm-layer-file.h"
#include "wm-map-view.h"
#include "wm-spatial-index.h"

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (GDALDatasetH, GDALClose, NULL)

/* Which columns hold the areas' names and codes, guessed from what Italian
 * municipal and ISTAT files call them; the feature id when none fits. */
static void
guess_fields (const char  *path,
              char       **code_field,
              char       **name_field)
{
  static const char *names[] = { "nome", "name", "denominazione", "nil", "quartiere", "circoscrizione",
                                 "upl_nome", "nome_quartiere", "label", NULL };
  static const char *codes[] = { "codice", "code", "cod", "id_nil", "id_quartiere", "id", "sez21_id",
                                 "sez2011", "pro_com", NULL };
  g_auto(GDALDatasetH) ds = NULL;
  OGRLayerH layer = NULL;
  OGRFeatureDefnH defn;

  CPLPushErrorHandler (CPLQuietErrorHandler);
  ds = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  CPLPopErrorHandler ();
  if (ds == NULL)
    return;
  for (int i = 0; i < GDALDatasetGetLayerCount (ds) && layer == NULL; i++)
    {
      OGRLayerH l = GDALDatasetGetLayer (ds, i);
      OGRwkbGeometryType type = wkbFlatten (OGR_L_GetGeomType (l));

      if (type == wkbPolygon || type == wkbMultiPolygon || type == wkbUnknown)
        layer = l;
    }
  if (layer == NULL)
    return;
  defn = OGR_L_GetLayerDefn (layer);
  for (const char **candidates = names; *name_field == NULL && *candidates != NULL; candidates++)
    for (int f = 0; f < OGR_FD_GetFieldCount (defn); f++)
      if (g_ascii_strcasecmp (OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, f)), *candidates) == 0)
        *name_field = g_strdup (OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, f)));
  for (const char **candidates = codes; *code_field == NULL && *candidates != NULL; candidates++)
    for (int f = 0; f < OGR_FD_GetFieldCount (defn); f++)
      if (g_ascii_strcasecmp (OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, f)), *candidates) == 0)
        *code_field = g_strdup (OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, f)));
  /* A name is a fine code; a code is a poor name but better than none. */
  if (*code_field == NULL && *name_field != NULL)
    *code_field = g_strdup (*name_field);
}

static WmSpatialIndex *
index_geometry (WmAreaGeometry *geometry)
{
  WmSpatialIndex *index = wm_spatial_index_new ();
  const guint *area_rings = wm_area_geometry_get_area_rings (geometry);
  const guint *ring_points = wm_area_geometry_get_ring_points (geometry, NULL);
  const double *points = wm_area_geometry_get_points (geometry, NULL);

  for (guint a = 0; a < wm_area_geometry_get_n_areas (geometry); a++)
    {
      wm_spatial_index_add_polygon (index);
      for (guint r = area_rings[a]; r < area_rings[a + 1]; r++)
        wm_spatial_index_add_ring (index, points + 2 * ring_points[r], ring_points[r + 1] - ring_points[r]);
    }
  wm_spatial_index_build (index);
  return index;
}

/**
 * wm_layer_file_add:
 * @geometry: (out): the layer's areas, to draw
 *
 * Returns: the new layer's index in @population, or -1 with @error (the
 *   file is not vector, has no polygons, cannot be reprojected…)
 */
int
wm_layer_file_add (WmPopulation    *population,
                   const char      *path,
                   WmAreaGeometry **geometry,
                   GError         **error)
{
  g_autofree char *code_field = NULL, *name_field = NULL, *base = NULL, *code = NULL;
  g_autoptr(WmAreaGeometry) areas = NULL;
  g_autoptr(WmSpatialIndex) index = NULL;
  g_autoptr(WmAreaLayer) layer = NULL;
  guint n_dwellings = wm_population_get_n_dwellings (population);
  g_autoptr(GArray) placed = g_array_sized_new (FALSE, FALSE, sizeof (guint16), n_dwellings);
  guint n, outside = 0;
  char *dot;
  int l;

  guess_fields (path, &code_field, &name_field);
  areas = wm_area_geometry_load_file (path, NULL, code_field, name_field, error);
  if (areas == NULL)
    return -1;
  n = wm_area_geometry_get_n_areas (areas);
  if (n >= G_MAXUINT16)
    {
      g_set_error (error, WM_AREA_GEOMETRY_ERROR, WM_AREA_GEOMETRY_ERROR_NO_POLYGONS,
                   _("%s: %u areas are more than a boundary layer can hold — choose a coarser layer"), path, n);
      return -1;
    }

  base = g_path_get_basename (path);
  if ((dot = strrchr (base, '.')) != NULL && dot != base)
    *dot = '\0';
  code = g_strdup_printf ("file:%s", path);
  /* Negative ids: never those of the extract's own layers and areas. */
  layer = wm_area_layer_new (-1 - (gint64) wm_population_get_n_layers (population), code, base, 1,
                             WM_AREA_JOIN_POINT_IN_POLYGON);
  for (guint a = 0; a < n; a++)
    {
      double lon, lat;

      wm_area_geometry_get_interior_point (areas, a, &lon, &lat);
      wm_area_layer_add_area (layer, wm_area_geometry_get_id (areas, a), wm_area_geometry_get_code (areas, a),
                              wm_area_geometry_get_name (areas, a), lon, lat);
    }

  index = index_geometry (areas);
  for (guint d = 0; d < n_dwellings; d++)
    {
      double lon, lat, x, y;
      int found;
      guint16 area;

      wm_population_get_dwelling_point (population, d, &lon, &lat);
      wm_mercator_project (lon, lat, &x, &y);
      found = wm_spatial_index_locate (index, x, y);
      /* Geometry order is the layer's area order only by construction
       * above: map through the id to be sure. */
      area = found < 0 ? wm_area_layer_get_n_areas (layer)
                       : (guint16) wm_area_layer_find_area_id (layer, wm_area_geometry_get_id (areas, found));
      outside += found < 0;
      g_array_append_val (placed, area);
    }
  if (outside == placed->len)
    {
      g_set_error (error, WM_AREA_GEOMETRY_ERROR, WM_AREA_GEOMETRY_ERROR_NO_POLYGONS,
                   _("%s: no dwelling of the extract lies in any of its areas — is it a boundary file of this "
                     "municipality?"), path);
      return -1;
    }

  l = wm_population_add_layer (population, layer, (const guint16 *) placed->data, error);
  if (l >= 0 && geometry != NULL)
    *geometry = g_steal_pointer (&areas);
  return l;
}
