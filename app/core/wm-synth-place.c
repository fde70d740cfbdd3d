/* wm-synth-place.c — a place: its census sections, their variables and polygons
 *
 * Everything is read through GDAL/OGR; polygons are kept as GEOS prepared
 * geometries in the output CRS (wm-synth-area.c) so address points are
 * drawn with a fast point-in-polygon test. Streets and service sites are
 * read by wm-synth-streets.c and wm-synth-sites.c.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <math.h>
#include <cpl_error.h>
#include <string.h>

#include "wm-synth-gdal.h"
#include "wm-synth-tables.h"

char *
wm_synth_resolve (const char *data_dir,
         const char *relative)
{
  if (g_path_is_absolute (relative))
    return g_strdup (relative);
  return g_build_filename (data_dir, relative, NULL);
}

GDALDatasetH
wm_synth_open_vector (const char  *path,
             GError     **error)
{
  GDALDatasetH ds;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_INPUT,
                   _("%s: file not found — check the path, or pass --data-dir with the folder that holds the place's data"),
                   path);
      return NULL;
    }
  CPLPushErrorHandler (CPLQuietErrorHandler);
  ds = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  CPLPopErrorHandler ();
  if (ds == NULL)
    g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_INPUT,
                 _("%s: not a vector file GDAL can read (%s) — export it as GeoPackage, GeoJSON or CSV"),
                 path, CPLGetLastErrorMsg ());
  return ds;
}

OGRLayerH
wm_synth_get_layer (GDALDatasetH ds, const char *path, const char *name, GError **error)
{
  OGRLayerH layer = name != NULL && *name != '\0' ? GDALDatasetGetLayerByName (ds, name)
                                                  : GDALDatasetGetLayer (ds, 0);
  if (layer == NULL)
    g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_INPUT,
                 _("%s: no layer “%s” — name one of the file's layers"), path, name ? name : "");
  return layer;
}

int
wm_synth_field_index (OGRLayerH layer, const char *path, const char *field, GError **error)
{
  int i = OGR_FD_GetFieldIndex (OGR_L_GetLayerDefn (layer), field);

  if (i < 0)
    g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_COLUMN,
                 _("%s: column “%s” is missing — the census variables of this place need it"), path, field);
  return i;
}

/* The census variables each scheme reads: ISTAT 2021 and 2011 section files. */
static gboolean
read_variables (WmSynthWorld  *w,
                OGRLayerH      layer,
                const char    *path,
                const char    *id_field,
                const char    *scheme,
                GHashTable    *by_code,
                GError       **error)
{
  gboolean is2021 = g_strcmp0 (scheme, "istat2021") == 0;
  int id = wm_synth_field_index (layer, path, id_field, error);
  int p1, males[WM_SYNTH_BANDS], females[WM_SYNTH_BANDS], pf[6], st1 = -1, emp = -1, edu[5] = { -1, -1, -1, -1, -1 }, a2 = -1;
  g_auto(OGRFeatureH) f = NULL;

  if (id < 0 || (p1 = wm_synth_field_index (layer, path, "P1", error)) < 0)
    return FALSE;
  if (is2021)
    {
      for (int b = 0; b < WM_SYNTH_BANDS; b++)
        {
          g_autofree char *m = g_strdup_printf ("P%d", 30 + b);
          g_autofree char *fe = g_strdup_printf ("P%d", 67 + b);

          if ((males[b] = wm_synth_field_index (layer, path, m, error)) < 0 ||
              (females[b] = wm_synth_field_index (layer, path, fe, error)) < 0)
            return FALSE;
        }
      for (int k = 0; k < 6; k++)
        {
          g_autofree char *name = g_strdup_printf ("PF%d", 3 + k);

          if ((pf[k] = wm_synth_field_index (layer, path, name, error)) < 0)
            return FALSE;
        }
      st1 = OGR_FD_GetFieldIndex (OGR_L_GetLayerDefn (layer), "ST1");
      emp = OGR_FD_GetFieldIndex (OGR_L_GetLayerDefn (layer), "P101");
      a2 = OGR_FD_GetFieldIndex (OGR_L_GetLayerDefn (layer), "A2");
      for (int k = 0; k < 5; k++)
        {
          g_autofree char *name = g_strdup_printf ("P%d", 86 + k);
          edu[k] = OGR_FD_GetFieldIndex (OGR_L_GetLayerDefn (layer), name);
        }
    }
  else
    emp = OGR_FD_GetFieldIndex (OGR_L_GetLayerDefn (layer), "P61");

  OGR_L_ResetReading (layer);
  while ((f = OGR_L_GetNextFeature (layer)) != NULL)
    {
      const char *code = OGR_F_GetFieldAsString (f, id);
      WmSynthSection *s = g_hash_table_lookup (by_code, code);
      int total = 0;

      if (s == NULL)
        {
          g_clear_pointer (&f, OGR_F_Destroy);
          continue;
        }
      /* Sections ISTAT does not publish (null values) have no residents here. */
      if (!OGR_F_IsFieldSetAndNotNull (f, p1))
        {
          g_clear_pointer (&f, OGR_F_Destroy);
          continue;
        }
      s->pop = OGR_F_GetFieldAsInteger (f, p1);
      if (is2021)
        {
          for (int b = 0; b < WM_SYNTH_BANDS; b++)
            {
              s->age_sex[0][b] = OGR_F_GetFieldAsInteger (f, males[b]);
              s->age_sex[1][b] = OGR_F_GetFieldAsInteger (f, females[b]);
              total += s->age_sex[0][b] + s->age_sex[1][b];
            }
          if (total != s->pop)
            {
              g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_DATA,
                           _("%s: section %s: the age bands add up to %d but P1 says %d — fix the file or drop the section"),
                           path, code, total, s->pop);
              g_clear_pointer (&f, OGR_F_Destroy);
              return FALSE;
            }
          for (int k = 0; k < 6; k++)
            s->families[k] = OGR_F_GetFieldAsInteger (f, pf[k]);
          s->foreigners = st1 >= 0 ? OGR_F_GetFieldAsInteger (f, st1) : -1;
          s->occupied_dwellings = a2 >= 0 ? OGR_F_GetFieldAsInteger (f, a2) : -1;
          for (int k = 0; k < 5; k++)
            s->education[k] = edu[k] >= 0 ? OGR_F_GetFieldAsInteger (f, edu[k]) : -1;
          if (edu[0] < 0)
            s->education[0] = -1;
        }
      s->employed = emp >= 0 ? OGR_F_GetFieldAsInteger (f, emp) : -1;
      g_clear_pointer (&f, OGR_F_Destroy);
    }
  return TRUE;
}


OGRCoordinateTransformationH
wm_synth_transform_to (OGRLayerH layer, const char *crs)
{
  OGRSpatialReferenceH src = OGR_L_GetSpatialRef (layer);
  OGRSpatialReferenceH dst;
  OGRCoordinateTransformationH ct;

  if (src == NULL)
    return NULL;
  dst = OSRNewSpatialReference (NULL);
  OSRSetFromUserInput (dst, crs);
  OSRSetAxisMappingStrategy (dst, OAMS_TRADITIONAL_GIS_ORDER);
  {
    OGRSpatialReferenceH s = OSRClone (src);

    OSRSetAxisMappingStrategy (s, OAMS_TRADITIONAL_GIS_ORDER);
    ct = OCTNewCoordinateTransformation (s, dst);
    OSRDestroySpatialReference (s);
  }
  OSRDestroySpatialReference (dst);
  return ct;
}

/* An invalid polygon is repaired with a zero buffer, which keeps only
 * polygonal parts (MakeValid may leave lines that break containment). */
static GEOSGeometry *
to_geos (WmSynthWorld *w, OGRGeometryH g, const char *path, OGRFeatureH f)
{
  int size = OGR_G_WkbSize (g);
  g_autofree unsigned char *wkb = g_malloc (size);
  GEOSGeometry *geom;

  OGR_G_ExportToWkb (g, wkbNDR, wkb);
  geom = GEOSGeomFromWKB_buf_r (w->geos, wkb, size);
  if (geom != NULL && !GEOSisValid_r (w->geos, geom))
    {
      GEOSGeometry *fixed = GEOSBuffer_r (w->geos, geom, 0, 8);

      g_message ("%s: feature %" G_GINT64_FORMAT ": the polygon was invalid and has been repaired (zero buffer)",
                 path, (gint64) OGR_F_GetFID (f));
      GEOSGeom_destroy_r (w->geos, geom);
      geom = fixed;
    }
  return geom;
}

/* Reads polygons keyed by a field; fails on a layer without any. */
static gboolean
read_polygons (WmSynthWorld *w,
               const char   *path,
               const char   *layer_name,
               const char   *id_field,
               GHashTable   *out,           /* code → area index + 1 */
               GError      **error)
{
  g_auto(GDALDatasetH) ds = wm_synth_open_vector (path, error);
  OGRLayerH layer;
  g_auto(OGRCoordinateTransformationH) ct = NULL;
  g_auto(OGRFeatureH) f = NULL;
  int id;
  guint polygons = 0;

  if (ds == NULL || (layer = wm_synth_get_layer (ds, path, layer_name, error)) == NULL ||
      (id = wm_synth_field_index (layer, path, id_field, error)) < 0)
    return FALSE;
  ct = wm_synth_transform_to (layer, w->profile.crs);
  OGR_L_ResetReading (layer);
  while ((f = OGR_L_GetNextFeature (layer)) != NULL)
    {
      OGRGeometryH g = OGR_F_GetGeometryRef (f);
      GEOSGeometry *geom;
      OGRwkbGeometryType type;

      if (g == NULL)
        {
          g_clear_pointer (&f, OGR_F_Destroy);
          continue;
        }
      type = wkbFlatten (OGR_G_GetGeometryType (g));
      if (type != wkbPolygon && type != wkbMultiPolygon)
        {
          g_clear_pointer (&f, OGR_F_Destroy);
          continue;
        }
      if (ct != NULL)
        OGR_G_Transform (g, ct);
      geom = to_geos (w, g, path, f);
      if (geom == NULL || GEOSisEmpty_r (w->geos, geom))
        {
          g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_GEOMETRY,
                       _("%s: feature %" PRId64 ": the polygon cannot be repaired — fix it in a GIS"),
                       path, (gint64) OGR_F_GetFID (f));
          if (geom != NULL)
            GEOSGeom_destroy_r (w->geos, geom);
          return FALSE;
        }
      {
        double area = 0, miny = 0, maxy = 0;

        /* A sliver (real: Povo section 431 has 0.005 m²) cannot hold an
         * address: draw them within 25 m of it and say so. */
        GEOSArea_r (w->geos, geom, &area);
        if (!w->metric)
          {
            GEOSGeom_getYMin_r (w->geos, geom, &miny);
            GEOSGeom_getYMax_r (w->geos, geom, &maxy);
            area *= 111320.0 * 110540.0 * cos ((miny + maxy) / 2 * G_PI / 180);
          }
        if (area < WM_SYNTH_SLIVER_M2)
          {
            GEOSGeometry *grown = GEOSBuffer_r (w->geos, geom, w->metric ? 25 : 25 / 111000.0, 8);

            g_message ("%s: feature %" G_GINT64_FORMAT " (%s): the polygon has almost no area; its addresses lie within 25 m of it",
                       path, (gint64) OGR_F_GetFID (f), OGR_F_GetFieldAsString (f, id));
            GEOSGeom_destroy_r (w->geos, geom);
            geom = grown;
          }
      }
      g_ptr_array_add (w->areas, wm_synth_area_new (w, OGR_F_GetFieldAsString (f, id), geom));
      g_hash_table_insert (out, g_strdup (OGR_F_GetFieldAsString (f, id)), GUINT_TO_POINTER (w->areas->len));
      polygons++;
      g_clear_pointer (&f, OGR_F_Destroy);
    }
  if (polygons == 0)
    {
      g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_GEOMETRY,
                   _("%s: the layer has no polygons — addresses need section or area polygons"), path);
      return FALSE;
    }
  return TRUE;
}


/* Palermo-style places without section variables: P1 from a density model. */
static void
scale_population (WmSynthWorld *w, int total)
{
  g_autofree double *weight = g_new0 (double, w->sections_arr->len);
  double sum = 0;
  int assigned = 0;
  WmRng rng;

  wm_rng_seed (&rng, w->seed, RNG_SECTION, 424242);
  for (guint i = 0; i < w->sections_arr->len; i++)
    {
      WmSynthSection *s = g_ptr_array_index (w->sections_arr, i);
      double km2 = MAX (s->area_m2 / 1e6, 0.002);
      /* Sections are drawn to hold similar numbers of people: population grows
       * slowly with area (∝ area^0.25), and very large sections are rural or
       * parkland whose density falls off fast (× (0.5 km² / area)^0.8). */
      double wgt = pow (km2, 0.25) * exp (0.35 * wm_rng_normal (&rng));

      if (km2 > 0.5)
        wgt *= pow (0.5 / km2, 0.8);
      if (km2 > 2.0 && wm_rng_chance (&rng, 0.3))
        wgt = 0;
      weight[i] = wgt;
      sum += wgt;
    }
  for (guint i = 0; i < w->sections_arr->len; i++)
    {
      WmSynthSection *s = g_ptr_array_index (w->sections_arr, i);

      s->pop = (int) floor (total * weight[i] / sum);
      assigned += s->pop;
    }
  /* Largest remainders would need a sort; a round-robin over sections with
   * people is just as exact for the total and keeps the order fixed. */
  for (guint i = 0; assigned < total; i = (i + 1) % w->sections_arr->len)
    if (weight[i] > 0)
      {
        ((WmSynthSection *) g_ptr_array_index (w->sections_arr, i))->pop++;
        assigned++;
      }
}

static WmSynthSection *
section_new (const char *code)
{
  WmSynthSection *s = g_new0 (WmSynthSection, 1);

  s->code = g_strdup (code);
  s->area = -1;
  s->foreigners = s->employed = s->occupied_dwellings = -1;
  s->education[0] = -1;
  for (int k = 0; k < 6; k++)
    s->families[k] = -1;
  s->age_sex[0][0] = -1;
  return s;
}

static void
section_free (gpointer data)
{
  WmSynthSection *s = data;

  g_free (s->code);
  g_free (s);
}



/**
 * wm_synth_place_read:
 *
 * Reads the section layer (and its variables), the polygons addresses are
 * drawn in (the sections' own, or coarser areas reached through a join
 * table), the street network and the service sites the profile names.
 */
gboolean
wm_synth_place_read (WmSynthWorld  *w,
                     GKeyFile      *file,
                     const char    *data_dir,
                     GError       **error)
{
  g_autofree char *sections_rel = g_key_file_get_string (file, "sections", "file", NULL);
  g_autofree char *layer_name = g_key_file_get_string (file, "sections", "layer", NULL);
  g_autofree char *id_field = g_key_file_get_string (file, "sections", "id-field", NULL);
  g_autofree char *scheme = g_key_file_get_string (file, "sections", "variables-scheme", NULL);
  g_autofree char *areas_rel = g_key_file_get_string (file, "areas", "file", NULL);
  g_autofree char *streets_rel = g_key_file_get_string (file, "streets", "file", NULL);
  g_autofree char *sites_rel = g_key_file_get_string (file, "services", "file", NULL);
  g_autofree char *sections_path = NULL;
  g_autoptr(GHashTable) by_code = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) polygons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GDALDatasetH) ds = NULL;
  g_auto(OGRFeatureH) f = NULL;
  OGRLayerH layer;
  int id;
  gboolean has_polygons;
  int total_pop = 0;

  w->sections_arr = g_ptr_array_new_with_free_func (section_free);
  w->areas = g_ptr_array_new ();
  w->streets = g_ptr_array_new_with_free_func (g_free);
  w->sites = g_ptr_array_new_with_free_func (wm_synth_site_free);

  if (sections_rel == NULL || id_field == NULL)
    {
      g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_PROFILE,
                   _("place profile: [sections] needs file and id-field"));
      return FALSE;
    }
  sections_path = wm_synth_resolve (data_dir, sections_rel);
  if ((ds = wm_synth_open_vector (sections_path, error)) == NULL ||
      (layer = wm_synth_get_layer (ds, sections_path, layer_name, error)) == NULL ||
      (id = wm_synth_field_index (layer, sections_path, id_field, error)) < 0)
    return FALSE;

  /* The sections, in file order (their order fixes the random streams). */
  while ((f = OGR_L_GetNextFeature (layer)) != NULL)
    {
      const char *code = OGR_F_GetFieldAsString (f, id);

      if (*code != '\0' && g_hash_table_lookup (by_code, code) == NULL)
        {
          WmSynthSection *s = section_new (code);

          g_ptr_array_add (w->sections_arr, s);
          g_hash_table_insert (by_code, s->code, s);
        }
      g_clear_pointer (&f, OGR_F_Destroy);
    }
  if (w->sections_arr->len == 0)
    {
      g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_INPUT,
                   _("%s: the layer has no sections — is it the right file?"), sections_path);
      return FALSE;
    }

  if (scheme != NULL && g_strcmp0 (scheme, "none") != 0)
    {
      if (g_strcmp0 (scheme, "istat2021") != 0 && g_strcmp0 (scheme, "istat2011") != 0)
        {
          g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_PROFILE,
                       _("place profile: [sections] variables-scheme “%s” is unknown — use istat2021, istat2011 or none"),
                       scheme);
          return FALSE;
        }
      if (!read_variables (w, layer, sections_path, id_field, scheme, by_code, error))
        return FALSE;
    }

  has_polygons = OGR_GT_IsSubClassOf (wkbFlatten (OGR_L_GetGeomType (layer)), wkbCurvePolygon) ||
                 OGR_GT_IsSubClassOf (wkbFlatten (OGR_L_GetGeomType (layer)), wkbMultiSurface);
  if (areas_rel == NULL && !has_polygons)
    {
      g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_GEOMETRY,
                   _("%s: the section layer has no polygons — give one, or name coarser areas and a join table in [areas]"),
                   sections_path);
      return FALSE;
    }
  g_clear_pointer (&ds, GDALClose);

  if (areas_rel == NULL)
    {
      if (!read_polygons (w, sections_path, layer_name, id_field, polygons, error))
        return FALSE;
      for (guint i = 0; i < w->sections_arr->len; i++)
        {
          WmSynthSection *s = g_ptr_array_index (w->sections_arr, i);
          guint a = GPOINTER_TO_UINT (g_hash_table_lookup (polygons, s->code));

          s->area = (int) a - 1;
          if (a > 0)
            s->area_m2 = wm_synth_area_m2 (w, g_ptr_array_index (w->areas, a - 1));
        }
    }
  else
    {
      g_autofree char *areas_path = wm_synth_resolve (data_dir, areas_rel);
      g_autofree char *areas_layer = g_key_file_get_string (file, "areas", "layer", NULL);
      g_autofree char *areas_id = g_key_file_get_string (file, "areas", "id-field", NULL);
      g_autofree char *join_rel = g_key_file_get_string (file, "areas", "join", NULL);
      g_autofree char *join_sec = g_key_file_get_string (file, "areas", "join-section-field", NULL);
      g_autofree char *join_area = g_key_file_get_string (file, "areas", "join-area-field", NULL);
      g_autofree char *join_path = NULL;
      g_auto(GDALDatasetH) jds = NULL;
      OGRLayerH jl;
      int js, ja;
      guint unmatched = 0;

      if (areas_id == NULL || join_rel == NULL || join_sec == NULL || join_area == NULL)
        {
          g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_PROFILE,
                       _("place profile: [areas] needs id-field, join, join-section-field and join-area-field"));
          return FALSE;
        }
      if (!read_polygons (w, areas_path, areas_layer, areas_id, polygons, error))
        return FALSE;
      join_path = wm_synth_resolve (data_dir, join_rel);
      if ((jds = wm_synth_open_vector (join_path, error)) == NULL || (jl = wm_synth_get_layer (jds, join_path, NULL, error)) == NULL ||
          (js = wm_synth_field_index (jl, join_path, join_sec, error)) < 0 || (ja = wm_synth_field_index (jl, join_path, join_area, error)) < 0)
        return FALSE;
      while ((f = OGR_L_GetNextFeature (jl)) != NULL)
        {
          WmSynthSection *s = g_hash_table_lookup (by_code, OGR_F_GetFieldAsString (f, js));
          guint a = GPOINTER_TO_UINT (g_hash_table_lookup (polygons, OGR_F_GetFieldAsString (f, ja)));

          if (s != NULL && a > 0)
            s->area = (int) a - 1;
          g_clear_pointer (&f, OGR_F_Destroy);
        }
      for (guint i = 0; i < w->sections_arr->len; i++)
        {
          WmSynthSection *s = g_ptr_array_index (w->sections_arr, i);

          if (s->area < 0 && s->pop > 0)
            unmatched++;
        }
      if (unmatched > 0)
        g_message ("%s: %u sections with residents are not in the join table; their addresses get no point (empty x, y)",
                   join_path, unmatched);
    }

  if (streets_rel != NULL)
    {
      g_autofree char *path = wm_synth_resolve (data_dir, streets_rel);
      g_autofree char *layer_s = g_key_file_get_string (file, "streets", "layer", NULL);
      g_autofree char *name_field = g_key_file_get_string (file, "streets", "name-field", NULL);

      if (!wm_synth_read_streets (w, path, layer_s, name_field ? name_field : "name", error))
        return FALSE;
    }
  /* Addresses off the network (or with no network) use common odonyms. */
  for (GStrv s = wm_synth_names ()->streets; *s != NULL; s++)
    g_ptr_array_add (w->streets, g_strdup (*s));

  {
    int total = g_key_file_get_integer (file, "population", "total", NULL);

    if (total > 0)
      scale_population (w, total);
  }
  for (guint i = 0; i < w->sections_arr->len; i++)
    total_pop += ((WmSynthSection *) g_ptr_array_index (w->sections_arr, i))->pop;
  if (total_pop == 0)
    {
      g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_DATA,
                   _("%s: no section has residents — check the variables (P1) or give [population] total"),
                   sections_path);
      return FALSE;
    }

  if (sites_rel != NULL)
    {
      g_autofree char *path = wm_synth_resolve (data_dir, sites_rel);

      if (!wm_synth_read_sites (w, path, error))
        return FALSE;
    }
  else
    wm_synth_synthetic_sites (w, total_pop);
  return TRUE;
}

void
wm_synth_world_free (WmSynthWorld *w)
{
  if (w->areas != NULL)
    for (guint i = 0; i < w->areas->len; i++)
      wm_synth_area_free (w, g_ptr_array_index (w->areas, i));
  g_clear_pointer (&w->areas, g_ptr_array_unref);
  g_clear_pointer (&w->sections_arr, g_ptr_array_unref);
  g_clear_pointer (&w->streets, g_ptr_array_unref);
  g_clear_pointer (&w->sites, g_ptr_array_unref);
  g_clear_pointer (&w->persons, g_array_unref);
  g_clear_pointer (&w->families, g_array_unref);
  g_clear_pointer (&w->dwellings, g_array_unref);
  g_clear_pointer (&w->buildings, g_array_unref);
  g_clear_pointer (&w->intervals, g_array_unref);
  g_clear_pointer (&w->vacant, g_array_unref);
  g_clear_pointer (&w->cf_set, g_hash_table_unref);
  g_clear_pointer (&w->name_codes, g_ptr_array_unref);
  g_clear_pointer (&w->conditions, wm_synth_conditions_free);
  g_free (w->profile.name);
  g_free (w->profile.comune);
  g_free (w->profile.crs);
  if (w->geos != NULL)
    GEOS_finish_r (w->geos);
}
