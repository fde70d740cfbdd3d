/* wm-synth-place.c — a place: its profile, census sections, polygons, streets, sites
 *
 * Everything is read through GDAL/OGR; polygons are kept as GEOS prepared
 * geometries in the output CRS so address points are drawn with a fast
 * point-in-polygon test.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <cpl_error.h>
#include <string.h>

#include "wm-synth-private.h"
#include "wm-synth-tables.h"

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (GDALDatasetH, GDALClose, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (OGRSpatialReferenceH, OSRDestroySpatialReference, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (OGRCoordinateTransformationH, OCTDestroyCoordinateTransformation, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (OGRFeatureH, OGR_F_Destroy, NULL)

static gboolean
parse_list (GKeyFile   *file,
            const char *group,
            const char *key,
            double     *out,
            gsize       n,
            gboolean    required,
            GError    **error)
{
  g_autofree char *text = g_key_file_get_string (file, group, key, NULL);
  g_auto(GStrv) parts = NULL;

  if (text == NULL || *g_strstrip (text) == '\0')
    {
      if (required)
        {
          g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_PROFILE,
                       _("place profile: [%s] %s is missing — give %u numbers separated by commas"),
                       group, key, (guint) n);
          return FALSE;
        }
      return TRUE;
    }
  parts = g_strsplit (text, ",", -1);
  if (g_strv_length (parts) != n)
    {
      g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_PROFILE,
                   _("place profile: [%s] %s has %u values, not %u — give one per class"),
                   group, key, g_strv_length (parts), (guint) n);
      return FALSE;
    }
  for (gsize i = 0; i < n; i++)
    out[i] = g_ascii_strtod (g_strstrip (parts[i]), NULL);
  return TRUE;
}

static double
get_double (GKeyFile *file, const char *group, const char *key, double fallback)
{
  g_autofree char *text = g_key_file_get_string (file, group, key, NULL);

  return text != NULL && *text != '\0' ? g_ascii_strtod (text, NULL) : fallback;
}

gboolean
wm_synth_profile_load (WmSynthProfile *pr,
                       GKeyFile       *file,
                       GError        **error)
{
  g_autofree char *flavour = g_key_file_get_string (file, "place", "flavour", NULL);
  g_autofree char *communities = g_key_file_get_string (file, "population", "communities", NULL);

  pr->name = g_key_file_get_string (file, "place", "name", NULL);
  pr->comune = g_key_file_get_string (file, "place", "comune", NULL);
  pr->crs = g_key_file_get_string (file, "place", "crs", NULL);
  if (pr->name == NULL || pr->comune == NULL || strlen (pr->comune) != 4 || pr->crs == NULL)
    {
      g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_PROFILE,
                   _("place profile: [place] needs name, comune (the 4-character Belfiore code) and crs"));
      return FALSE;
    }
  pr->census_year = g_key_file_get_integer (file, "place", "census-year", NULL);
  if (pr->census_year < 1990 || pr->census_year > 2100)
    {
      g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_PROFILE,
                   _("place profile: [place] census-year is missing or not a year"));
      return FALSE;
    }
  pr->region = g_key_file_get_integer (file, "place", "region", NULL);
  pr->flavour = g_strcmp0 (flavour, "north") == 0 ? WM_SYNTH_FLAVOUR_NORTH
              : g_strcmp0 (flavour, "south") == 0 ? WM_SYNTH_FLAVOUR_SOUTH : WM_SYNTH_FLAVOUR_ITALY;

  if (!parse_list (file, "population", "age-males", pr->age_sex[0], WM_SYNTH_BANDS, FALSE, error) ||
      !parse_list (file, "population", "age-females", pr->age_sex[1], WM_SYNTH_BANDS, FALSE, error) ||
      !parse_list (file, "population", "family-sizes", pr->family_sizes, 6, FALSE, error))
    return FALSE;
  pr->foreign_share = get_double (file, "population", "foreign-share", 0.08);
  pr->employment_rate = get_double (file, "population", "employment-rate", 0.6);
  pr->born_here = get_double (file, "population", "born-here", 0.55);
  pr->public_housing = get_double (file, "housing", "public-share", 0.05);
  pr->rent_share = get_double (file, "housing", "rent-share", 0.2);
  pr->mobility = get_double (file, "population", "mobility", 0.03);
  pr->wealth_sd = get_double (file, "population", "wealth-sd", 0.6);
  pr->edu_min_age = 9;
  pr->targets[TARGET_OVERCROWDING] = get_double (file, "indicators", "overcrowding", 0.015);
  pr->targets[TARGET_NEET] = get_double (file, "indicators", "neet", 0.123);
  pr->targets[TARGET_ECONOMIC] = get_double (file, "indicators", "economic-hardship", 0.027);
  pr->targets[TARGET_CARE] = get_double (file, "indicators", "care-hardship", 0.030);
  pr->targets[TARGET_LARGE] = get_double (file, "indicators", "large-families", 0.014);

  if (communities != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (communities, ",", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          g_auto(GStrv) kv = g_strsplit (g_strstrip (parts[i]), ":", 2);
          int c;

          if (kv[0] == NULL || kv[1] == NULL || (c = wm_synth_country_find (g_strstrip (kv[0]))) < 0)
            {
              g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_PROFILE,
                           _("place profile: [population] communities: “%s” is not Country:weight with a known country"),
                           parts[i]);
              return FALSE;
            }
          pr->communities[c] = g_ascii_strtod (kv[1], NULL);
        }
    }
  else
    pr->communities[0] = 1;
  return TRUE;
}

static char *
resolve (const char *data_dir,
         const char *relative)
{
  if (g_path_is_absolute (relative))
    return g_strdup (relative);
  return g_build_filename (data_dir, relative, NULL);
}

static GDALDatasetH
open_vector (const char  *path,
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

static OGRLayerH
get_layer (GDALDatasetH ds, const char *path, const char *name, GError **error)
{
  OGRLayerH layer = name != NULL && *name != '\0' ? GDALDatasetGetLayerByName (ds, name)
                                                  : GDALDatasetGetLayer (ds, 0);
  if (layer == NULL)
    g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_INPUT,
                 _("%s: no layer “%s” — name one of the file's layers"), path, name ? name : "");
  return layer;
}

static int
field_index (OGRLayerH layer, const char *path, const char *field, GError **error)
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
  int id = field_index (layer, path, id_field, error);
  int p1, males[WM_SYNTH_BANDS], females[WM_SYNTH_BANDS], pf[6], st1 = -1, emp = -1, edu[5] = { -1, -1, -1, -1, -1 }, a2 = -1;
  g_auto(OGRFeatureH) f = NULL;

  if (id < 0 || (p1 = field_index (layer, path, "P1", error)) < 0)
    return FALSE;
  if (is2021)
    {
      for (int b = 0; b < WM_SYNTH_BANDS; b++)
        {
          g_autofree char *m = g_strdup_printf ("P%d", 30 + b);
          g_autofree char *fe = g_strdup_printf ("P%d", 67 + b);

          if ((males[b] = field_index (layer, path, m, error)) < 0 ||
              (females[b] = field_index (layer, path, fe, error)) < 0)
            return FALSE;
        }
      for (int k = 0; k < 6; k++)
        {
          g_autofree char *name = g_strdup_printf ("PF%d", 3 + k);

          if ((pf[k] = field_index (layer, path, name, error)) < 0)
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

static GEOSGeometry *
to_geos (WmSynthWorld *w, OGRGeometryH g)
{
  int size = OGR_G_WkbSize (g);
  g_autofree unsigned char *wkb = g_malloc (size);
  GEOSGeometry *geom;

  OGR_G_ExportToWkb (g, wkbNDR, wkb);
  geom = GEOSGeomFromWKB_buf_r (w->geos, wkb, size);
  /* An invalid polygon is repaired with a zero buffer, which keeps only
   * polygonal parts (MakeValid may leave lines that break containment). */
  if (geom != NULL && !GEOSisValid_r (w->geos, geom))
    {
      GEOSGeometry *fixed = GEOSBuffer_r (w->geos, geom, 0, 8);

      g_message ("a polygon was invalid and has been repaired (zero buffer)");
      GEOSGeom_destroy_r (w->geos, geom);
      geom = fixed;
    }
  return geom;
}

static WmSynthArea *
area_new (WmSynthWorld *w, const char *name, GEOSGeometry *geom)
{
  WmSynthArea *a = g_new0 (WmSynthArea, 1);

  a->name = g_strdup (name);
  a->geom = geom;
  a->prepared = GEOSPrepare_r (w->geos, geom);
  GEOSGeom_getXMin_r (w->geos, geom, &a->minx);
  GEOSGeom_getYMin_r (w->geos, geom, &a->miny);
  GEOSGeom_getXMax_r (w->geos, geom, &a->maxx);
  GEOSGeom_getYMax_r (w->geos, geom, &a->maxy);
  a->edges = g_array_new (FALSE, FALSE, sizeof (WmSynthEdge));
  return a;
}

static OGRCoordinateTransformationH
transform_to (OGRLayerH layer, const char *crs)
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

/* Reads polygons keyed by a field; fails on a layer without any. */
static gboolean
read_polygons (WmSynthWorld *w,
               const char   *path,
               const char   *layer_name,
               const char   *id_field,
               GHashTable   *out,           /* code → area index + 1 */
               GError      **error)
{
  g_auto(GDALDatasetH) ds = open_vector (path, error);
  OGRLayerH layer;
  g_auto(OGRCoordinateTransformationH) ct = NULL;
  g_auto(OGRFeatureH) f = NULL;
  int id;
  guint polygons = 0;

  if (ds == NULL || (layer = get_layer (ds, path, layer_name, error)) == NULL ||
      (id = field_index (layer, path, id_field, error)) < 0)
    return FALSE;
  ct = transform_to (layer, w->profile.crs);
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
      geom = to_geos (w, g);
      if (geom == NULL || GEOSisEmpty_r (w->geos, geom))
        {
          g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_GEOMETRY,
                       _("%s: feature %" G_GINT64_FORMAT ": the polygon cannot be repaired — fix it in a GIS"),
                       path, (gint64) OGR_F_GetFID (f));
          if (geom != NULL)
            GEOSGeom_destroy_r (w->geos, geom);
          return FALSE;
        }
      {
        double area = 0;

        /* A sliver (real: Povo section 431 has 0.005 m²) cannot hold an
         * address: draw them within 25 m of it and say so. */
        GEOSArea_r (w->geos, geom, &area);
        if (area < 1.0 && g_str_has_prefix (w->profile.crs, "EPSG:3"))
          {
            GEOSGeometry *grown = GEOSBuffer_r (w->geos, geom, 25, 8);

            g_message ("%s: feature %" G_GINT64_FORMAT " (%s): the polygon has almost no area; its addresses lie within 25 m of it",
                       path, (gint64) OGR_F_GetFID (f), OGR_F_GetFieldAsString (f, id));
            GEOSGeom_destroy_r (w->geos, geom);
            geom = grown;
          }
      }
      g_ptr_array_add (w->areas, area_new (w, OGR_F_GetFieldAsString (f, id), geom));
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

/* Street edges with their names; unnamed ones take the nearest named one's. */
static gboolean
read_streets (WmSynthWorld *w,
              const char   *path,
              const char   *layer_name,
              const char   *name_field,
              GError      **error)
{
  static const char *const roads[] = { "residential", "tertiary", "secondary", "primary",
                                       "unclassified", "living_street", "service", "pedestrian", NULL };
  g_auto(GDALDatasetH) ds = open_vector (path, error);
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (WmSynthEdge));
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(OGRCoordinateTransformationH) ct = NULL;
  g_auto(OGRFeatureH) f = NULL;
  OGRLayerH layer;
  int name_i, highway_i;

  if (ds == NULL || (layer = get_layer (ds, path, layer_name, error)) == NULL ||
      (name_i = field_index (layer, path, name_field, error)) < 0)
    return FALSE;
  highway_i = OGR_FD_GetFieldIndex (OGR_L_GetLayerDefn (layer), "highway");
  ct = transform_to (layer, w->profile.crs);
  while ((f = OGR_L_GetNextFeature (layer)) != NULL)
    {
      OGRGeometryH g = OGR_F_GetGeometryRef (f);
      const char *name = OGR_F_IsFieldSetAndNotNull (f, name_i) ? OGR_F_GetFieldAsString (f, name_i) : "";
      WmSynthEdge e = { 0 };

      if (g == NULL || wkbFlatten (OGR_G_GetGeometryType (g)) != wkbLineString ||
          (highway_i >= 0 && !g_strv_contains (roads, OGR_F_GetFieldAsString (f, highway_i))))
        {
          g_clear_pointer (&f, OGR_F_Destroy);
          continue;
        }
      if (ct != NULL)
        OGR_G_Transform (g, ct);
      e.x0 = OGR_G_GetX (g, 0);
      e.y0 = OGR_G_GetY (g, 0);
      e.x1 = OGR_G_GetX (g, OGR_G_GetPointCount (g) - 1);
      e.y1 = OGR_G_GetY (g, OGR_G_GetPointCount (g) - 1);
      e.length = hypot (e.x1 - e.x0, e.y1 - e.y0);
      e.street = WM_SYNTH_NONE;
      if (*name != '\0')
        {
          gpointer idx;

          if (!g_hash_table_lookup_extended (names, name, NULL, &idx))
            {
              g_ptr_array_add (w->streets, g_strdup (name));
              idx = GUINT_TO_POINTER (w->streets->len - 1);
              g_hash_table_insert (names, g_ptr_array_index (w->streets, w->streets->len - 1), idx);
            }
          e.street = GPOINTER_TO_UINT (idx);
        }
      if (e.length > 1.0)
        g_array_append_val (all, e);
      g_clear_pointer (&f, OGR_F_Destroy);
    }

  for (guint i = 0; i < all->len; i++)
    {
      WmSynthEdge *e = &g_array_index (all, WmSynthEdge, i);
      double mx = (e->x0 + e->x1) / 2, my = (e->y0 + e->y1) / 2, best = G_MAXDOUBLE;

      if (e->street == WM_SYNTH_NONE)
        for (guint j = 0; j < all->len; j++)
          {
            WmSynthEdge *n = &g_array_index (all, WmSynthEdge, j);
            double d;

            if (n->street == WM_SYNTH_NONE || (n->street & 0x80000000u))
              continue;
            d = hypot ((n->x0 + n->x1) / 2 - mx, (n->y0 + n->y1) / 2 - my);
            if (d < best)
              {
                best = d;
                e->street = n->street | 0x80000000u;  /* borrowed: marked until the pass ends */
              }
          }
    }
  for (guint i = 0; i < all->len; i++)
    {
      WmSynthEdge *e = &g_array_index (all, WmSynthEdge, i);
      double mx = (e->x0 + e->x1) / 2, my = (e->y0 + e->y1) / 2;
      GEOSGeometry *pt;

      e->street &= 0x7fffffffu;
      if (e->street == 0x7fffffffu)
        continue;
      pt = GEOSGeom_createPointFromXY_r (w->geos, mx, my);
      for (guint a = 0; a < w->areas->len; a++)
        {
          WmSynthArea *area = g_ptr_array_index (w->areas, a);

          if (mx < area->minx || mx > area->maxx || my < area->miny || my > area->maxy)
            continue;
          if (GEOSPreparedContains_r (w->geos, area->prepared, pt))
            {
              g_array_append_val (area->edges, *e);
              area->edge_length += e->length;
              break;
            }
        }
      GEOSGeom_destroy_r (w->geos, pt);
    }
  return TRUE;
}

static gboolean
inside (WmSynthWorld *w, WmSynthArea *a, double x, double y)
{
  GEOSGeometry *pt;
  gboolean in;

  if (x < a->minx || x > a->maxx || y < a->miny || y > a->maxy)
    return FALSE;
  pt = GEOSGeom_createPointFromXY_r (w->geos, x, y);
  in = GEOSPreparedContains_r (w->geos, a->prepared, pt) == 1;
  GEOSGeom_destroy_r (w->geos, pt);
  return in;
}

/**
 * wm_synth_area_point:
 *
 * A point inside polygon @area: beside one of its street edges when it has
 * any (10–25 m off the centreline, as a building entrance), else anywhere
 * in it. @street gets the street's name index, or a random odonym.
 */
gboolean
wm_synth_area_point (WmSynthWorld *w,
                     guint         area,
                     WmRng        *rng,
                     double       *x,
                     double       *y,
                     guint32      *street)
{
  WmSynthArea *a = g_ptr_array_index (w->areas, area);
  gboolean metric = a->maxx - a->minx > 1.0 || a->maxy - a->miny > 1.0;
  double scale = metric ? 1.0 : 1.0 / 111000.0;

  for (int attempt = 0; attempt < 30 && a->edges->len > 0; attempt++)
    {
      double r = wm_rng_double (rng) * a->edge_length;
      WmSynthEdge *e = NULL;
      double t, dx, dy, off;

      for (guint i = 0; i < a->edges->len; i++)
        {
          e = &g_array_index (a->edges, WmSynthEdge, i);
          if ((r -= e->length) <= 0)
            break;
        }
      t = wm_rng_double (rng);
      dx = (e->x1 - e->x0) / e->length;
      dy = (e->y1 - e->y0) / e->length;
      off = (10 + 15 * wm_rng_double (rng)) * (wm_rng_chance (rng, 0.5) ? 1 : -1) * scale;
      *x = e->x0 + t * (e->x1 - e->x0) - dy * off;
      *y = e->y0 + t * (e->y1 - e->y0) + dx * off;
      if (inside (w, a, *x, *y))
        {
          *street = e->street;
          return TRUE;
        }
    }
  *street = WM_SYNTH_NONE;
  for (int attempt = 0; attempt < 2000; attempt++)
    {
      *x = a->minx + wm_rng_double (rng) * (a->maxx - a->minx);
      *y = a->miny + wm_rng_double (rng) * (a->maxy - a->miny);
      if (inside (w, a, *x, *y))
        return TRUE;
    }
  {
    GEOSGeometry *pt = GEOSPointOnSurface_r (w->geos, a->geom);

    GEOSGeomGetX_r (w->geos, pt, x);
    GEOSGeomGetY_r (w->geos, pt, y);
    GEOSGeom_destroy_r (w->geos, pt);
  }
  return TRUE;
}

/* Square metres, also when the output CRS is geographic (degrees). */
static double
metric_area (WmSynthWorld *w, WmSynthArea *a)
{
  double area = 0;

  GEOSArea_r (w->geos, a->geom, &area);
  if (a->maxx - a->minx < 1.0 && a->maxy - a->miny < 1.0)
    area *= 111320.0 * 110540.0 * cos ((a->miny + a->maxy) / 2 * G_PI / 180);
  return area;
}

/* Service sites: the user area follows from who a site is for and what it is. */
static const char *
site_area (const char *category, const char *target)
{
  gboolean children = target != NULL && strstr (target, "Bambini") != NULL;
  gboolean elderly = target != NULL && strstr (target, "Anziani") != NULL;
  gboolean young = target != NULL && (strstr (target, "Giovani") != NULL || strstr (target, "Adolescenti") != NULL);

  if (children && !elderly)
    return "FAM";
  if (elderly && !children && !young && g_strcmp0 (category, "Servizi pubblici e di comunità") == 0)
    return "ELD";
  return "MULBEN";
}

static char *
opening_hours (OGRFeatureH f)
{
  static const char *const days[] = { "lunedi", "martedi", "mercoledi", "giovedi", "venerdi", "sabato", "domenica" };
  static const char *const shorts[] = { "lun", "mar", "mer", "gio", "ven", "sab", "dom" };
  GString *out = g_string_new (NULL);

  for (int d = 0; d < 7; d++)
    {
      int i = OGR_F_GetFieldIndex (f, days[d]);
      const char *v = i >= 0 && OGR_F_IsFieldSetAndNotNull (f, i) ? OGR_F_GetFieldAsString (f, i) : "-";

      if (g_strcmp0 (v, "-") != 0 && *v != '\0')
        g_string_append_printf (out, "%s%s %s", out->len ? "; " : "", shorts[d], v);
    }
  return g_string_free (out, FALSE);
}

static const char *
field_or_empty (OGRFeatureH f, const char *name)
{
  int i = OGR_F_GetFieldIndex (f, name);

  return i >= 0 && OGR_F_IsFieldSetAndNotNull (f, i) ? OGR_F_GetFieldAsString (f, i) : "";
}

static gboolean
read_sites (WmSynthWorld *w, const char *path, GError **error)
{
  g_auto(GDALDatasetH) ds = open_vector (path, error);
  OGRLayerH layer;
  g_auto(OGRCoordinateTransformationH) ct = NULL;
  g_auto(OGRFeatureH) f = NULL;

  if (ds == NULL || (layer = get_layer (ds, path, NULL, error)) == NULL)
    return FALSE;
  ct = transform_to (layer, "EPSG:4326");
  while ((f = OGR_L_GetNextFeature (layer)) != NULL)
    {
      OGRGeometryH g = OGR_F_GetGeometryRef (f);
      WmSynthSite *s;

      if (g == NULL)
        {
          g_clear_pointer (&f, OGR_F_Destroy);
          continue;
        }
      if (ct != NULL)
        OGR_G_Transform (g, ct);
      s = g_new0 (WmSynthSite, 1);
      s->name = g_strdup (field_or_empty (f, "nome"));
      s->category = g_strdup (field_or_empty (f, "mapcategory"));
      s->target = g_strdup (field_or_empty (f, "destinatari"));
      s->address = g_strdup (field_or_empty (f, "indirizzo"));
      s->area = g_strdup (site_area (s->category, s->target));
      s->hours = opening_hours (f);
      s->lon = OGR_G_GetX (g, 0);
      s->lat = OGR_G_GetY (g, 0);
      g_ptr_array_add (w->sites, s);
      g_clear_pointer (&f, OGR_F_Destroy);
    }
  return TRUE;
}

/* Where a place has no site file: one social-service site of each kind per
 * ~40,000 residents, in the most populous areas. They are marked synthetic. */
static void
synthetic_sites (WmSynthWorld *w, int total_pop)
{
  static const struct { const char *name, *area, *category, *target; } kinds[] = {
    { "Centro diurno anziani", "ELD", "Centro diurno", "Anziani (65+)" },
    { "Servizio sociale territoriale", "MULBEN", "Servizio sociale professionale", "Tutte le età" },
    { "Asilo nido comunale", "FAM", "Asilo nido", "Bambini (0–3 anni)" },
    { "Centro per le famiglie", "FAM", "Centro per le famiglie", "Famiglie con minori" },
    { "Centro diurno disabili", "DIS", "Centro diurno", "Persone con disabilità" },
    { "Servizio per le dipendenze", "ADD", "SerD", "Adulti" },
    { "Mensa sociale", "POV", "Mensa sociale", "Adulti in difficoltà" },
    { "Centro di accoglienza stranieri", "IMMNOM", "Accoglienza", "Stranieri" },
  };
  WmRng rng;
  int n = MAX (1, total_pop / 40000);
  g_auto(OGRCoordinateTransformationH) ct = NULL;
  g_auto(OGRSpatialReferenceH) src = OSRNewSpatialReference (NULL);
  g_auto(OGRSpatialReferenceH) dst = OSRNewSpatialReference (NULL);

  OSRSetFromUserInput (src, w->profile.crs);
  OSRSetFromUserInput (dst, "EPSG:4326");
  OSRSetAxisMappingStrategy (src, OAMS_TRADITIONAL_GIS_ORDER);
  OSRSetAxisMappingStrategy (dst, OAMS_TRADITIONAL_GIS_ORDER);
  ct = OCTNewCoordinateTransformation (src, dst);
  wm_rng_seed (&rng, w->seed, RNG_ADDRESS, 999999);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (int i = 0; i < n; i++)
      {
        WmSynthSection *s = g_ptr_array_index (w->sections_arr, wm_rng_below (&rng, w->sections_arr->len));
        WmSynthSite *site;
        double x, y, z = 0;
        guint32 street;

        if (s->area < 0 || s->pop == 0)
          continue;
        wm_synth_area_point (w, s->area, &rng, &x, &y, &street);
        site = g_new0 (WmSynthSite, 1);
        site->name = g_strdup_printf ("%s %s (sintetico)", kinds[k].name,
                                      ((WmSynthArea *) g_ptr_array_index (w->areas, s->area))->name);
        site->area = g_strdup (kinds[k].area);
        site->category = g_strdup (kinds[k].category);
        site->target = g_strdup (kinds[k].target);
        site->address = g_strdup_printf ("%s %d", (const char *) g_ptr_array_index (w->streets, wm_rng_below (&rng, w->streets->len)),
                                         wm_rng_range (&rng, 1, 120));
        site->hours = g_strdup ("lun-ven 9-17");
        site->capacity = wm_rng_range (&rng, 15, 80);
        if (ct != NULL)
          OCTTransform (ct, 1, &x, &y, &z);
        site->lon = x;
        site->lat = y;
        g_ptr_array_add (w->sites, site);
      }
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

static void
area_free (gpointer data)
{
  g_free (((WmSynthArea *) data)->name);
  g_array_unref (((WmSynthArea *) data)->edges);
  g_free (data);
}

static void
site_free (gpointer data)
{
  WmSynthSite *s = data;

  g_free (s->name);
  g_free (s->area);
  g_free (s->category);
  g_free (s->address);
  g_free (s->target);
  g_free (s->hours);
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
  w->areas = g_ptr_array_new_with_free_func (area_free);
  w->streets = g_ptr_array_new_with_free_func (g_free);
  w->sites = g_ptr_array_new_with_free_func (site_free);

  if (sections_rel == NULL || id_field == NULL)
    {
      g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_PROFILE,
                   _("place profile: [sections] needs file and id-field"));
      return FALSE;
    }
  sections_path = resolve (data_dir, sections_rel);
  if ((ds = open_vector (sections_path, error)) == NULL ||
      (layer = get_layer (ds, sections_path, layer_name, error)) == NULL ||
      (id = field_index (layer, sections_path, id_field, error)) < 0)
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
            s->area_m2 = metric_area (w, g_ptr_array_index (w->areas, a - 1));
        }
    }
  else
    {
      g_autofree char *areas_path = resolve (data_dir, areas_rel);
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
      join_path = resolve (data_dir, join_rel);
      if ((jds = open_vector (join_path, error)) == NULL || (jl = get_layer (jds, join_path, NULL, error)) == NULL ||
          (js = field_index (jl, join_path, join_sec, error)) < 0 || (ja = field_index (jl, join_path, join_area, error)) < 0)
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
        g_message ("%s: %u sections with residents are not in the join table; their people get no address area",
                   join_path, unmatched);
    }

  if (streets_rel != NULL)
    {
      g_autofree char *path = resolve (data_dir, streets_rel);
      g_autofree char *layer_s = g_key_file_get_string (file, "streets", "layer", NULL);
      g_autofree char *name_field = g_key_file_get_string (file, "streets", "name-field", NULL);

      if (!read_streets (w, path, layer_s, name_field ? name_field : "name", error))
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
      g_autofree char *path = resolve (data_dir, sites_rel);

      if (!read_sites (w, path, error))
        return FALSE;
    }
  else
    synthetic_sites (w, total_pop);
  return TRUE;
}

void
wm_synth_world_free (WmSynthWorld *w)
{
  if (w->areas != NULL)
    for (guint i = 0; i < w->areas->len; i++)
      {
        WmSynthArea *a = g_ptr_array_index (w->areas, i);

        GEOSPreparedGeom_destroy_r (w->geos, a->prepared);
        GEOSGeom_destroy_r (w->geos, a->geom);
      }
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
  g_free (w->profile.name);
  g_free (w->profile.comune);
  g_free (w->profile.crs);
  if (w->geos != NULL)
    GEOS_finish_r (w->geos);
}
