/* wm-test-atlas-data.c — extracts with real boundaries, for the atlas's tests and bench
 *
 * The generated population of wm-test-population.c lives in square
 * sections; here the sections take the polygons, codes and names of a real
 * boundary file (Milano's 88 NIL, Povo's census sections), so sheets are
 * printed for real shapes and real long names. The districts lose their
 * squares (the coarsest layer with boundaries is then the real one), and
 * service sites with plausible names and addresses are scattered over the
 * areas. Deterministic for a given seed.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <gdal.h>
#include <ogr_srs_api.h>

#include "wm-area-geometry.h"
#include "wm-atlas.h"
#include "wm-map-view.h"
#include "wm-schema.h"
#include "wm-test-atlas-data.h"
#include "wm-test-extract.h"
#include "wm-test-population.h"
#include "wm-user-area.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

static const char *const site_names[WM_N_USER_AREAS][3] = {
  [WM_USER_AREA_FAM] = { "Consultorio familiare", "Centro per le famiglie", "Spazio gioco e incontro genitori" },
  [WM_USER_AREA_DIS] = { "Centro diurno disabili", "Servizio di inserimento lavorativo", "Centro socio educativo" },
  [WM_USER_AREA_ADD] = { "SerD — servizio per le dipendenze", "Unità di strada", "Comunità terapeutica" },
  [WM_USER_AREA_ELD] = { "Centro diurno anziani", "Custodia sociale", "Residenza sanitaria assistenziale" },
  [WM_USER_AREA_IMMNOM] = { "Sportello stranieri", "Centro di prima accoglienza", "Scuola di italiano per adulti" },
  [WM_USER_AREA_POV] = { "Mensa sociale", "Emporio solidale", "Dormitorio pubblico" },
  [WM_USER_AREA_MULBEN] = { "Segretariato sociale", "Punto unico di accesso", "Custodia sociale di quartiere" },
};

static const char *const streets[] = {
  "Via Giuseppe Garibaldi", "Via Roma", "Viale Monza", "Via Padova", "Corso di Porta Romana",
  "Via dei Cinquecento", "Piazza della Repubblica", "Via Alessandro Manzoni", "Via Sant'Abbondio",
  "Via Gian Battista Vico", "Largo Isarco", "Via Ettore Ponti",
};

typedef struct {
  char *code;
  char *name;
  GBytes *wkb;
  double label_lon, label_lat;
} Feature;

static void
feature_clear (Feature *f)
{
  g_free (f->code);
  g_free (f->name);
  g_bytes_unref (f->wkb);
}

/* Every polygon of the file, in lon/lat. */
static GArray *
read_features (const WmTestAtlasSpec *spec)
{
  GArray *features = g_array_new (FALSE, TRUE, sizeof (Feature));
  GDALDatasetH ds;
  OGRLayerH layer;
  OGRSpatialReferenceH wgs84 = OSRNewSpatialReference (NULL);
  OGRCoordinateTransformationH transform = NULL;
  OGRFeatureH feature;

  g_array_set_clear_func (features, (GDestroyNotify) feature_clear);
  GDALAllRegister ();
  ds = GDALOpenEx (spec->boundaries, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
  g_assert_nonnull (ds);
  layer = GDALDatasetGetLayer (ds, 0);
  OSRImportFromEPSG (wgs84, 4326);
  OSRSetAxisMappingStrategy (wgs84, OAMS_TRADITIONAL_GIS_ORDER);
  if (OGR_L_GetSpatialRef (layer) != NULL && !OSRIsSame (OGR_L_GetSpatialRef (layer), wgs84))
    transform = OCTNewCoordinateTransformation (OGR_L_GetSpatialRef (layer), wgs84);

  OGR_L_ResetReading (layer);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      OGRGeometryH g = OGR_F_GetGeometryRef (feature);
      OGRGeometryH point;
      Feature f = { NULL };
      gsize len;
      guint8 *wkb;

      if (g == NULL || OGR_G_IsEmpty (g))
        {
          OGR_F_Destroy (feature);
          continue;
        }
      if (transform != NULL)
        g_assert_cmpint (OGR_G_Transform (g, transform), ==, OGRERR_NONE);
      f.code = g_strdup (OGR_F_GetFieldAsString (feature, OGR_F_GetFieldIndex (feature, spec->code_field)));
      f.name = spec->name_field != NULL
               ? g_strdup (OGR_F_GetFieldAsString (feature, OGR_F_GetFieldIndex (feature, spec->name_field)))
               : g_strdup_printf ("Sezione %s", f.code);
      len = OGR_G_WkbSize (g);
      wkb = g_malloc (len);
      OGR_G_ExportToWkb (g, wkbNDR, wkb);
      f.wkb = g_bytes_new_take (wkb, len);
      point = OGR_G_PointOnSurface (g);
      f.label_lon = OGR_G_GetX (point, 0);
      f.label_lat = OGR_G_GetY (point, 0);
      OGR_G_DestroyGeometry (point);
      g_array_append_val (features, f);
      OGR_F_Destroy (feature);
    }
  if (transform != NULL)
    OCTDestroyCoordinateTransformation (transform);
  OSRDestroySpatialReference (wgs84);
  GDALClose (ds);
  return features;
}

static guint64
next (guint64 *state)
{
  guint64 z = (*state += 0x9e3779b97f4a7c15ULL);

  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static double
uniform (guint64 *state)
{
  return (next (state) >> 11) * (1.0 / 9007199254740992.0);
}

static void
scatter_sites (sqlite3               *db,
               const WmTestAtlasSpec *spec)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmAreaGeometry) geometry = wm_area_geometry_load_extract (db, "sections", &error);
  g_autoptr(sqlite3_stmt) insert = NULL;
  guint64 rng = spec->seed ^ 0x5173;
  double x0, y0, x1, y1;

  g_assert_no_error (error);
  wm_area_geometry_get_extent (geometry, &x0, &y0, &x1, &y1);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO service_site (name, user_area, category, address, capacity, "
                                           "lon, lat) VALUES (?, ?, ?, ?, ?, ?, ?)", -1, &insert, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < spec->n_sites;)
    {
      double wx = x0 + uniform (&rng) * (x1 - x0), wy = y0 + uniform (&rng) * (y1 - y0), lon, lat;
      WmUserArea area = next (&rng) % WM_N_USER_AREAS;
      g_autofree char *name = NULL, *address = NULL;

      if (wm_area_geometry_find (geometry, wx, wy) < 0)
        continue;
      wm_mercator_unproject (wx, wy, &lon, &lat);
      name = g_strdup_printf ("%s %u", site_names[area][next (&rng) % 3], i + 1);
      address = g_strdup_printf ("%s %u", streets[next (&rng) % G_N_ELEMENTS (streets)], (guint) (next (&rng) % 180) + 1);
      sqlite3_bind_text (insert, 1, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 2, wm_user_area_code (area), -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 3, "servizio", -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 4, address, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (insert, 5, 10 + (int) (next (&rng) % 90));
      sqlite3_bind_double (insert, 6, lon);
      sqlite3_bind_double (insert, 7, lat);
      g_assert_cmpint (sqlite3_step (insert), ==, SQLITE_DONE);
      sqlite3_reset (insert);
      i++;
    }
}

/**
 * wm_test_atlas_extract:
 *
 * Returns: an in-memory extract database (close with sqlite3_close())
 */
sqlite3 *
wm_test_atlas_extract (const WmTestAtlasSpec *spec)
{
  g_autoptr(GArray) features = read_features (spec);
  WmTestPopulationSpec population = {
    .n_persons = spec->n_persons, .n_sections = features->len, .n_districts = 4,
    .first_year = spec->first_year, .n_years = spec->n_years, .seed = spec->seed,
  };
  sqlite3 *db = wm_test_extract_new (spec->first_year, spec->first_year + spec->n_years - 1);
  g_autoptr(sqlite3_stmt) update = NULL;

  g_assert_cmpuint (features->len, >, 1);
  wm_test_population_generate (db, &population);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE area SET code = ?, name = ?, geom = ?, label_lon = ?, label_lat = ? "
                                           "WHERE id = ? AND layer_id = 1", -1, &update, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < features->len; i++)
    {
      Feature *f = &g_array_index (features, Feature, i);

      sqlite3_bind_text (update, 1, f->code, -1, SQLITE_STATIC);
      sqlite3_bind_text (update, 2, f->name, -1, SQLITE_STATIC);
      sqlite3_bind_blob (update, 3, g_bytes_get_data (f->wkb, NULL), g_bytes_get_size (f->wkb), SQLITE_STATIC);
      sqlite3_bind_double (update, 4, f->label_lon);
      sqlite3_bind_double (update, 5, f->label_lat);
      sqlite3_bind_int (update, 6, i + 1);
      g_assert_cmpint (sqlite3_step (update), ==, SQLITE_DONE);
      sqlite3_reset (update);
    }
  wm_test_sql (db, "UPDATE area SET geom = NULL WHERE layer_id = 2");
  wm_test_sql (db, "UPDATE area_layer SET name = '%s', source = 'test boundaries: %s' WHERE id = 1",
               spec->layer_name, spec->boundaries);
  wm_test_sql (db, "INSERT INTO meta VALUES ('built_at', '2025-03-14T09:30:00Z'), "
                   "('attribution', 'Generated test population (WelfareMap tests)')");
  scatter_sites (db, spec);
  return db;
}

WmMapModel *
wm_test_atlas_model (sqlite3 *db)
{
  WmMapModel *model = wm_map_model_new ();
  g_autoptr(GError) error = NULL;
  int layer;

  g_assert_true (wm_map_model_load (model, db, NULL, &error));
  g_assert_no_error (error);
  layer = wm_atlas_default_layer (model, db);
  g_assert_cmpint (layer, >=, 0);
  g_assert_true (wm_map_model_set_layer (model, layer, &error));
  g_assert_true (wm_map_model_wait (model, &error));
  g_assert_no_error (error);
  return model;
}
