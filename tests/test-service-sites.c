/* test-service-sites.c — service sites: loading, counting, clustering
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <math.h>

#include "wm-schema.h"
#include "wm-service-sites.h"

/* Metres to degrees of latitude, near enough for building fixtures. */
#define M_LAT(m) ((m) / 111320.0)

static sqlite3 *
extract_with_sites (const char *rows)
{
  sqlite3 *db = NULL;
  g_autofree char *sql = g_strdup_printf ("INSERT INTO service_site "
                                          "(id, name, user_area, category, address, target_users, opening_hours, capacity, lon, lat) "
                                          "VALUES %s", rows);

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_true (wm_schema_create (db, NULL));
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  return db;
}

static void
test_load (void)
{
  sqlite3 *db = extract_with_sites (
    "(2, 'Centro diurno anziani', 'ELD', 'centro diurno', 'Via Salè 2', 'anziani', 'lun-ven 8-17', 30, 11.16, 46.07),"
    "(1, 'Consultorio familiare', 'FAM', '', NULL, NULL, NULL, NULL, 11.15, 46.06)");
  g_autoptr(GError) error = NULL;
  g_autoptr(WmServiceSites) sites = wm_service_sites_load (db, &error);
  const WmServiceSite *s;

  g_assert_no_error (error);
  g_assert_cmpuint (wm_service_sites_get_n (sites), ==, 2);
  /* In id order. */
  s = wm_service_sites_get (sites, 0);
  g_assert_cmpint (s->id, ==, 1);
  g_assert_cmpint (s->area, ==, WM_USER_AREA_FAM);
  g_assert_null (s->category);       /* empty text is no text */
  g_assert_null (s->address);
  g_assert_cmpint (s->capacity, ==, -1);
  s = wm_service_sites_get (sites, 1);
  g_assert_cmpstr (s->name, ==, "Centro diurno anziani");
  g_assert_cmpstr (s->opening_hours, ==, "lun-ven 8-17");
  g_assert_cmpint (s->capacity, ==, 30);
  g_assert_cmpfloat_with_epsilon (s->lat, 46.07, 1e-12);
  g_assert_cmpuint (wm_service_sites_count_area (sites, WM_USER_AREA_ELD), ==, 1);
  g_assert_cmpuint (wm_service_sites_count_area (sites, WM_USER_AREA_DIS), ==, 0);
  sqlite3_close (db);
}

static void
test_unknown_area (void)
{
  sqlite3 *db = extract_with_sites ("(7, 'Sportello', 'XYZ', NULL, NULL, NULL, NULL, NULL, 11.15, 46.06)");
  g_autoptr(GError) error = NULL;
  g_autoptr(WmServiceSites) sites = wm_service_sites_load (db, &error);

  g_assert_null (sites);
  g_assert_error (error, WM_SERVICE_SITES_ERROR, WM_SERVICE_SITES_ERROR_UNKNOWN_AREA);
  g_assert_nonnull (strstr (error->message, "XYZ"));
  g_assert_nonnull (strstr (error->message, "7"));
  sqlite3_close (db);
}

static void
add (WmServiceSites *sites, gint64 id, WmUserArea area, double north_m, double east_m)
{
  WmServiceSite s = { .id = id, .area = area, .name = (char *) "site", .capacity = -1 };

  s.lat = 46.0 + M_LAT (north_m);
  s.lon = 11.0 + M_LAT (east_m) / cos (46.0 * G_PI / 180);
  wm_service_sites_add (sites, &s);
}

/* Three sites 20 m apart and one 2 km away. At zoom 14 a pixel is about
 * 6.6 m here, so 20 m ≈ 3 px: within a 24 px radius they are one marker;
 * at zoom 20 (≈ 0.1 m/px, 20 m ≈ 195 px) all four stand alone. */
static void
test_cluster (void)
{
  g_autoptr(WmServiceSites) sites = wm_service_sites_new ();
  g_autoptr(GArray) members = NULL;
  g_autoptr(GArray) clusters = NULL;
  WmServiceCluster *c;

  add (sites, 1, WM_USER_AREA_ELD, 0, 0);
  add (sites, 2, WM_USER_AREA_ELD, 20, 0);
  add (sites, 3, WM_USER_AREA_FAM, 0, 20);
  add (sites, 4, WM_USER_AREA_ELD, 2000, 0);

  clusters = wm_service_sites_cluster (sites, 14, 24, WM_USER_AREA_ALL, &members);
  g_assert_cmpuint (clusters->len, ==, 2);
  c = &g_array_index (clusters, WmServiceCluster, 0);
  g_assert_cmpuint (c->n, ==, 3);
  g_assert_cmpint (c->area, ==, WM_USER_AREA_INVALID);   /* ELD and FAM mixed */
  g_assert_cmpuint (g_array_index (members, guint, c->first + 0), ==, 0);
  g_assert_cmpuint (g_array_index (members, guint, c->first + 1), ==, 1);
  g_assert_cmpuint (g_array_index (members, guint, c->first + 2), ==, 2);
  /* The marker stands at the members' mean: ~6.7 m north of site 1. */
  g_assert_cmpfloat (fabs (c->lat - (46.0 + M_LAT (20.0 / 3))), <, M_LAT (0.5));
  c = &g_array_index (clusters, WmServiceCluster, 1);
  g_assert_cmpuint (c->n, ==, 1);
  g_assert_cmpint (c->area, ==, WM_USER_AREA_ELD);
  g_clear_pointer (&clusters, g_array_unref);
  g_clear_pointer (&members, g_array_unref);

  clusters = wm_service_sites_cluster (sites, 20, 24, WM_USER_AREA_ALL, &members);
  g_assert_cmpuint (clusters->len, ==, 4);
  g_clear_pointer (&clusters, g_array_unref);
  g_clear_pointer (&members, g_array_unref);

  /* Filtered to the elderly: the family centre is gone, the rest is ELD only. */
  clusters = wm_service_sites_cluster (sites, 14, 24, 1u << WM_USER_AREA_ELD, &members);
  g_assert_cmpuint (clusters->len, ==, 2);
  c = &g_array_index (clusters, WmServiceCluster, 0);
  g_assert_cmpuint (c->n, ==, 2);
  g_assert_cmpint (c->area, ==, WM_USER_AREA_ELD);
  g_assert_cmpuint (members->len, ==, 3);
  g_clear_pointer (&clusters, g_array_unref);
  g_clear_pointer (&members, g_array_unref);

  /* Nothing shown, nothing clustered. */
  clusters = wm_service_sites_cluster (sites, 14, 24, 0, &members);
  g_assert_cmpuint (clusters->len, ==, 0);
  g_assert_cmpuint (members->len, ==, 0);
}

/* Every site is in exactly one cluster, at any zoom, for a dense grid. */
static void
test_cluster_partition (void)
{
  g_autoptr(WmServiceSites) sites = wm_service_sites_new ();

  for (int i = 0; i < 400; i++)
    add (sites, i, i % WM_N_USER_AREAS, (i / 20) * 37.0, (i % 20) * 53.0);

  for (double zoom = 10; zoom <= 19; zoom += 1.5)
    {
      g_autoptr(GArray) members = NULL;
      g_autoptr(GArray) clusters = wm_service_sites_cluster (sites, zoom, 30, WM_USER_AREA_ALL, &members);
      g_autofree guint *seen = g_new0 (guint, 400);
      guint total = 0;

      for (guint k = 0; k < clusters->len; k++)
        total += g_array_index (clusters, WmServiceCluster, k).n;
      g_assert_cmpuint (total, ==, 400);
      for (guint k = 0; k < members->len; k++)
        seen[g_array_index (members, guint, k)]++;
      for (int i = 0; i < 400; i++)
        g_assert_cmpuint (seen[i], ==, 1);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/service-sites/load", test_load);
  g_test_add_func ("/service-sites/unknown-area", test_unknown_area);
  g_test_add_func ("/service-sites/cluster", test_cluster);
  g_test_add_func ("/service-sites/cluster-partition", test_cluster_partition);

  return g_test_run ();
}
