/* test-importer.c — linkage on the hand-made fixture, against its expected report
 *
 * tests/fixtures/linkage: 22 registry rows and their other sources, with
 * every defect the importer reports; expected-report.txt is the report
 * worked out by hand, line by line. The database is then checked with
 * plain SQL against counts worked out from the fixture (in comments).
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <geos_c.h>
#include <sodium.h>

#include "wm-importer.h"
#include "wm-test-linkage.h"
#include "wm-test-util.h"

typedef struct {
  char *dir;
  WmImporter *importer;
  sqlite3 *db;
  sqlite3 *idb;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->dir = wm_test_tmpdir ();
  wm_test_linkage_prepare (f->dir);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->importer);
  wm_test_rmdir (f->dir);
  g_free (f->dir);
}

static void
run_import (Fixture *f)
{
  g_autofree char *mapping_path = wm_test_linkage_path ("mapping.ini");
  g_autofree char *povo = g_build_filename (g_getenv ("WM_SOURCE_ROOT"), "data", "povo", NULL);
  g_autoptr(GError) error = NULL;
  WmImportMapping *mapping = wm_import_mapping_load (mapping_path, &error);

  g_assert_no_error (error);
  wm_import_mapping_set_sources_dir (mapping, f->dir);
  wm_import_mapping_set_boundaries_dir (mapping, povo);
  f->importer = wm_importer_new (mapping);
  g_assert_true (wm_importer_run (f->importer, NULL, &error));
  g_assert_no_error (error);
  f->db = wm_importer_get_database (f->importer);
  f->idb = wm_importer_get_identity_database (f->importer);
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *v = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    v = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return v;
}

/* The person id of a codice fiscale, through the identities. */
static gint64
person_id (Fixture    *f,
           const char *cf)
{
  g_autofree char *sql = g_strdup_printf ("SELECT person_id FROM identity_person WHERE codice_fiscale = '%s'", cf);

  return query_int (f->idb, sql);
}

static void
test_report_lines (Fixture *f, gconstpointer data)
{
  g_autofree char *expected_path = wm_test_linkage_path ("expected-report.txt");
  g_autofree char *expected = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) want = NULL;
  guint n;

  run_import (f);
  g_assert_true (g_file_get_contents (expected_path, &expected, NULL, NULL));
  want = g_strsplit (g_strchomp (expected), "\n", -1);
  lines = wm_import_report_get_lines (wm_importer_get_report (f->importer));
  n = MAX (g_strv_length (lines), g_strv_length (want));
  for (guint i = 0; i < n; i++)
    {
      if (g_strcmp0 (lines[i], want[i]) != 0)
        g_test_message ("line %u: expected\n  %s\ngot\n  %s", i + 1, want[i], lines[i]);
      g_assert_cmpstr (lines[i], ==, want[i]);
    }
}

static void
assert_summary (WmImportReport *report,
                const char     *source,
                const char     *expected)
{
  g_autofree char *summary = wm_import_report_get_summary (report, source);

  g_assert_cmpstr (summary, ==, expected);
}

static void
test_report_counts (Fixture *f, gconstpointer data)
{
  WmImportReport *report;

  run_import (f);
  report = wm_importer_get_report (f->importer);
  /* 11 rows: D5 and D99 unused, the second D3 a duplicate */
  assert_summary (report, "dwellings", "read 11, linked 8 (0 by name), rejected 3, warnings 2");
  /* 22 rows; rejected rows 17 18 19 20 22 */
  assert_summary (report, "persons", "read 22, linked 17 (0 by name), rejected 5, warnings 4");
  /* 27 rows; rejected 5 10 15 19 23 24 25 26 27 28 */
  assert_summary (report, "residences", "read 27, linked 17 (0 by name), rejected 10, warnings 6");
  assert_summary (report, "education", "read 8, linked 6 (0 by name), rejected 2, warnings 0");
  assert_summary (report, "employment", "read 17, linked 11 (1 by name), rejected 6, warnings 1");
  assert_summary (report, "isee", "read 8, linked 4 (0 by name), rejected 4, warnings 0");
  assert_summary (report, "service_types", "not in the mapping: nothing imported");
  assert_summary (report, "services", "read 6, linked 3 (0 by name), rejected 3, warnings 2");
  /* the second a level 4, the third dated 01/01/1900 (= min_date, a placeholder) */
  assert_summary (report, "care_needs", "read 3, linked 1 (0 by name), rejected 2, warnings 0");
  assert_summary (report, "service_sites", "read 3, linked 2 (0 by name), rejected 1, warnings 1");
  assert_summary (report, "isee_thresholds", "read 3, linked 2 (0 by name), rejected 1, warnings 0");
  assert_summary (report, "layer sections", "read 95, linked 95 (0 by name), rejected 0, warnings 0");
  assert_summary (report, "layer circoscrizioni", "read 1, linked 1 (0 by name), rejected 0, warnings 0");

  /* the same, as stored in the extract: 53 entries + 13 summaries */
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM quality_report WHERE severity != 'summary'"), ==, 53);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM quality_report WHERE severity = 'summary'"), ==, 13);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM quality_report WHERE file = 'lavoro.csv'"
                                     " AND row = 16 AND severity = 'warning'"), ==, 1);
}

static void
test_registry (Fixture *f, gconstpointer data)
{
  run_import (f);

  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM person"), ==, 17);
  g_assert_cmpint (query_int (f->idb, "SELECT count(*) FROM identity_person"), ==, 17);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM residence"), ==, 17);
  /* families 0001–0004 and 0006–0009 (0005 lives only in a rejected row) */
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM family"), ==, 8);
  /* D1–D4, D6–D10 */
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM dwelling"), ==, 9);
  g_assert_cmpint (query_int (f->idb, "SELECT count(*) FROM identity_dwelling"), ==, 9);

  /* ids are 1…n */
  g_assert_cmpint (query_int (f->db, "SELECT max(id) - count(*) FROM person"), ==, 0);

  /* Maria Neri, the second reference person of family 0002, is a member */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT relation FROM residence WHERE person_id = %" G_GINT64_FORMAT,
                                            person_id (f, "NREMRA42E45L378R"));

    g_assert_cmpint (query_int (f->db, sql), ==, 5);
  }
  /* Antonio Russo died on 15 June 2024: his open residence closes then */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT end_date FROM residence WHERE person_id = %" G_GINT64_FORMAT,
                                            person_id (f, "RSSNTN60T01L37US"));
    g_autofree char *end = query_text (f->db, sql);

    g_assert_cmpstr (end, ==, "2024-06-15");
  }
  /* Giuseppe Verdi died on 1 February 2023 */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT death_date FROM person WHERE id = %" G_GINT64_FORMAT,
                                            person_id (f, "VRDGPP40A10L378K"));
    g_autofree char *death = query_text (f->db, sql);

    g_assert_cmpstr (death, ==, "2023-02-01");
  }
  /* citizenship groups: Italian, EU (Romania 235), non-EU (Morocco 436), unknown (12) */
  {
    const char *cf[] = { "RSSMRA70C15L378I", "PPSNIO85P09Z129Q", "LMRYSF80D04Z330G", "CNTLSE90D54L378P" };
    const int group[] = { 1, 2, 3, 0 };

    for (guint i = 0; i < G_N_ELEMENTS (cf); i++)
      {
        g_autofree char *sql = g_strdup_printf ("SELECT citizenship FROM person WHERE id = %" G_GINT64_FORMAT,
                                                person_id (f, cf[i]));

        g_assert_cmpint (query_int (f->db, sql), ==, group[i]);
      }
  }
  /* education: Sara Colombo (invalid code, linked exactly) has a diploma */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT education FROM person WHERE id = %" G_GINT64_FORMAT,
                                            person_id (f, "CLMSRA95A71L378J"));

    g_assert_cmpint (query_int (f->db, sql), ==, 4);
  }
  /* Luigi Ferrari moved: two residences, the first closed on 30 June 2021 */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT group_concat(start_date || '/' || ifnull(end_date, ''), ' ')"
                                            " FROM (SELECT * FROM residence WHERE person_id = %" G_GINT64_FORMAT
                                            " ORDER BY start_date)", person_id (f, "FRRLGU50R10L378V"));
    g_autofree char *intervals = query_text (f->db, sql);

    g_assert_cmpstr (intervals, ==, "2015-01-01/2021-06-30 2021-06-30/");
  }
  /* dwelling D1: 95.5 m², 4 rooms, owned; D8 (COMODATO) tenure unknown */
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM dwelling WHERE surface_m2 = 95.5 AND rooms = 4"
                                     " AND tenure = 1"), ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM dwelling WHERE tenure = 0"), ==, 2);  /* D6, D8 */
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM dwelling WHERE surface_m2 IS NULL"), ==, 2);  /* D6, D9 */
}

static void
test_records (Fixture *f, gconstpointer data)
{
  g_autofree char *sql = NULL;
  g_autofree char *text = NULL;

  run_import (f);

  /* Mario Rossi employed 2020–2024: one row. Anna Bianchi: 2020 employed,
   * 2021–2022 unemployed. Luca 2023–2024 student. Fatima (by name) 2024. */
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM person_condition"), ==, 5);
  sql = g_strdup_printf ("SELECT group_concat(from_year || '-' || to_year || ':' || condition, ' ')"
                         " FROM (SELECT * FROM person_condition WHERE person_id = %" G_GINT64_FORMAT
                         " ORDER BY from_year)", person_id (f, "BNCNNA72L60L378V"));
  text = query_text (f->db, sql);
  g_assert_cmpstr (text, ==, "2020-2020:1 2021-2022:2");
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT condition FROM person_condition WHERE person_id = %" G_GINT64_FORMAT
                         " AND from_year = 2024", person_id (f, "LMRFTM83T52Z330H"));
  g_assert_cmpint (query_int (f->db, sql), ==, 5);

  /* ISEE: 4 declarations; family 0003's later one (6,900) counts */
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM family_year"), ==, 4);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM family_year WHERE year = 2023 AND isee = 6900"), ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM family_year WHERE year = 2023 AND isee = 18500.5"), ==, 1);

  /* services: two person episodes, one family episode (1,200 €) */
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM service_episode"), ==, 3);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM service_episode WHERE family_id IS NOT NULL"
                                     " AND amount = 1200 AND end_date = '2023-12-31'"), ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM service_type WHERE label = code"), ==, 2);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM care_need WHERE level = 2 AND end_date IS NULL"), ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM service_site"), ==, 2);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM service_site WHERE capacity IS NULL"), ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM isee_threshold WHERE year = 2024 AND threshold = 9530.5"),
                   ==, 1);
}

/* The pseudonym is the keyed BLAKE2b-128 of the codice fiscale, recomputed
 * here from the identities' key. */
static void
test_pseudonyms (Fixture *f, gconstpointer data)
{
  sqlite3_stmt *stmt = NULL;
  guint8 key[crypto_generichash_KEYBYTES];
  guint checked = 0;

  run_import (f);
  g_assert_cmpint (sodium_init (), >=, 0);
  g_assert_cmpint (sqlite3_prepare_v2 (f->idb, "SELECT key FROM identity_key WHERE name = 'pseudonym'", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_bytes (stmt, 0), ==, sizeof key);
  memcpy (key, sqlite3_column_blob (stmt, 0), sizeof key);
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (f->idb, "SELECT person_id, codice_fiscale FROM identity_person", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *cf = (const char *) sqlite3_column_text (stmt, 1);
      guint8 expected[16];
      sqlite3_stmt *p = NULL;

      crypto_generichash (expected, sizeof expected, (const guint8 *) cf, strlen (cf), key, sizeof key);
      sqlite3_prepare_v2 (f->db, "SELECT pseudonym FROM person WHERE id = ?", -1, &p, NULL);
      sqlite3_bind_int64 (p, 1, sqlite3_column_int64 (stmt, 0));
      g_assert_cmpint (sqlite3_step (p), ==, SQLITE_ROW);
      g_assert_cmpmem (sqlite3_column_blob (p, 0), sqlite3_column_bytes (p, 0), expected, sizeof expected);
      sqlite3_finalize (p);
      checked++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (checked, ==, 17);

  /* nothing identifying on the pseudonymised side */
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'identity%'"), ==, 0);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM quality_report WHERE reason LIKE '%RSSMRA%'"
                                     " OR reason LIKE '%ROSSI%' OR reason LIKE '%Sommarive%'"), ==, 0);
}

/* Which section each dwelling is in: D1, D7, D10 → …233; D2, D8 → …238;
 * D3 → …241; D4, D9 → …491 (points checked with spatialite's ST_Within
 * when the fixture was written); D6, in Trento's centre, in none. */
static void
test_geocoding (Fixture *f, gconstpointer data)
{
  const struct { const char *address; const char *section; } expected[] = {
    { "Via Sommarive 5", "222050000233" }, { "Via Pantè 8", "222050000233" },
    { "Via Sommarive 9", "222050000233" }, { "Via Alta 1", "222050000238" },
    { "Via Alta 22", "222050000238" }, { "Via della Resistenza 12", "222050000241" },
    { "Via Salè 40", "222050000491" }, { "Via Salè 44", "222050000491" },
  };

  run_import (f);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT dwelling_id FROM identity_dwelling WHERE address = '%s'",
                                              expected[i].address);
      g_autofree char *q = g_strdup_printf ("SELECT a.code FROM dwelling_area da JOIN area a ON a.id = da.area_id"
                                            " JOIN area_layer l ON l.id = da.layer_id"
                                            " WHERE l.code = 'sections' AND da.dwelling_id = %" G_GINT64_FORMAT,
                                            query_int (f->idb, sql));
      g_autofree char *code = query_text (f->db, q);

      g_assert_cmpstr (code, ==, expected[i].section);
    }
  /* 8 dwellings in a section, the same 8 in the district */
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM dwelling_area da JOIN area_layer l ON l.id = da.layer_id"
                                     " WHERE l.code = 'sections'"), ==, 8);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM dwelling_area da JOIN area_layer l ON l.id = da.layer_id"
                                     " WHERE l.code = 'circoscrizioni'"), ==, 8);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM area_layer"), ==, 2);
  g_assert_cmpint (query_int (f->db, "SELECT join_kind FROM area_layer WHERE code = 'sections'"), ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM area WHERE geom IS NOT NULL"), ==, 96);
}

/* Stored areas: in EPSG:4326, their area in m² and label inside them. */
static void
test_areas (Fixture *f, gconstpointer data)
{
  GEOSContextHandle_t ctx = GEOS_init_r ();
  sqlite3_stmt *stmt = NULL;
  GEOSGeometry *district = NULL;
  guint labelled = 0, in_district = 0;

  run_import (f);
  /* Povo’s district: 1,543 ha, as ogrinfo’s ST_Area(ST_Transform(geometry, 32632)) gives
   * for circoscrizione.geojson */
  g_assert_cmpfloat_with_epsilon (query_int (f->db, "SELECT round(area_m2) FROM area WHERE code = 'POVO'"),
                                  15432573, 2000);

  sqlite3_prepare_v2 (f->db, "SELECT a.geom, a.label_lon, a.label_lat, l.code FROM area a"
                             " JOIN area_layer l ON l.id = a.layer_id ORDER BY l.level DESC", -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GEOSGeometry *g = GEOSGeomFromWKB_buf_r (ctx, sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
      GEOSGeometry *pt = GEOSGeom_createPointFromXY_r (ctx, sqlite3_column_double (stmt, 1),
                                                       sqlite3_column_double (stmt, 2));
      double x;

      g_assert_nonnull (g);
      GEOSGeomGetX_r (ctx, pt, &x);
      g_assert_cmpfloat (x, >, 11.0);  /* lon/lat order, not lat/lon */
      g_assert_cmpfloat (x, <, 11.3);
      g_assert_cmpint (GEOSCovers_r (ctx, g, pt), ==, 1);
      labelled++;
      if (g_str_equal ((const char *) sqlite3_column_text (stmt, 3), "circoscrizioni"))
        district = GEOSGeom_clone_r (ctx, g);
      else if (GEOSContains_r (ctx, district, pt) == 1)
        in_district++;
      GEOSGeom_destroy_r (ctx, g);
      GEOSGeom_destroy_r (ctx, pt);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (labelled, ==, 96);
  /* every section whose label lies in the district is linked to it */
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM section_area"), ==, in_district);
  g_assert_cmpuint (in_district, >, 80);
  GEOSGeom_destroy_r (ctx, district);
  GEOS_finish_r (ctx);
}

static void
test_meta (Fixture *f, gconstpointer data)
{
  g_autofree char *first = NULL, *crs = NULL, *sources = NULL;

  run_import (f);
  first = query_text (f->db, "SELECT value FROM meta WHERE key = 'first_year'");
  crs = query_text (f->db, "SELECT value FROM meta WHERE key = 'metric_crs'");
  sources = query_text (f->db, "SELECT value FROM meta WHERE key = 'sources'");
  g_assert_cmpstr (first, ==, "2020");
  g_assert_cmpstr (crs, ==, "32632");
  g_assert_nonnull (strstr (sources, "persons: read 22, linked 17"));
  g_assert_cmpint (query_int (f->db, "SELECT value FROM meta WHERE key = 'schema_version'"), ==, 2);
}

/* The HTML report: every source's counts, every entry, no identity. */
static void
test_html (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "report.html", NULL);
  g_autofree char *html = NULL;
  g_autoptr(GError) error = NULL;
  const char *identities[] = { "RSSMRA", "ROSSI", "Mario", "Sommarive", "0001", "D10", "15/03/1970", "1970-03-15" };

  run_import (f);
  g_assert_true (wm_import_report_write_html (wm_importer_get_report (f->importer), path, "Povo (test)", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &html, NULL, NULL));
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
  g_assert_true (g_str_has_suffix (html, "</html>\n"));
  /* the persons' summary row: read 22, linked 17, by name 0, rejected 5, warnings 4 */
  g_assert_nonnull (strstr (html, "<td>persons</td><td>anagrafe_persone.csv</td><td class=\"n\">22</td>"
                                  "<td class=\"n\">17</td><td class=\"n\">0</td><td class=\"n\">5</td>"
                                  "<td class=\"n\">4</td>"));
  g_assert_nonnull (strstr (html, "<li>duplicate: 1</li>"));
  g_assert_nonnull (strstr (html, "not in the mapping: nothing imported"));
  /* markup in a reason is escaped: “[values tenure]” is plain text */
  g_assert_nonnull (strstr (html, "titolo_godimento “COMODATO” (left unknown)"));
  for (guint i = 0; i < G_N_ELEMENTS (identities); i++)
    if (strstr (html, identities[i]) != NULL)
      g_error ("the report shows “%s”", identities[i]);
}

/* A report over an existing one: replaced, never half-written; an
 * unwritable place is an error that names it. */
static void
test_html_errors (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "no-such-folder", "report.html", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportReport) report = wm_import_report_new ();

  g_assert_false (wm_import_report_write_html (report, path, "x", &error));
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "could not be written"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/importer/report-lines", test_report_lines);
  ADD ("/importer/report-counts", test_report_counts);
  ADD ("/importer/registry", test_registry);
  ADD ("/importer/records", test_records);
  ADD ("/importer/pseudonyms", test_pseudonyms);
  ADD ("/importer/geocoding", test_geocoding);
  ADD ("/importer/areas", test_areas);
  ADD ("/importer/meta", test_meta);
  ADD ("/importer/html", test_html);
  ADD ("/importer/html-errors", test_html_errors);
#undef ADD
  return g_test_run ();
}
