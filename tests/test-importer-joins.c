/* test-importer-joins.c — Milano's join by table, broken boundaries, aborts
 *
 * Milano (data/mapping/milano.ini on ../shared/data/milano): sections come
 * from the registry's codes, NIL through ISTAT's section → NIL table.
 * Then a section layer with a self-intersecting polygon, repaired or
 * rejected; then the errors that stop an import (a missing required column,
 * an empty file, cancellation), and the async run with its progress.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <gdal.h>
#include <gdal_utils.h>
#include <glib/gstdio.h>

#include "wm-import-source.h"
#include "wm-importer.h"
#include "wm-test-util.h"

static const char persons_csv[] =
  "codice_fiscale;cognome;nome;sesso;data_nascita;comune_nascita;cittadinanza;data_decesso\n"
  "RSSMRA70C15L378I;ROSSI;MARIO;M;15/03/1970;L378;100;\n"
  "BNCNNA72L60L378V;BIANCHI;ANNA;F;20/07/1972;L378;100;\n"
  "VRDGPP40A10L378K;VERDI;GIUSEPPE;M;10/01/1940;L378;100;\n"
  "NREMRA42E45L378R;NERI;MARIA;F;05/05/1942;L378;100;\n"
  "PPSNIO85P09Z129Q;POPESCU;ION;M;09/09/1985;Z129;235;\n";

static const char *const header_only[][2] = {
  { "lavoro.csv", "codice_fiscale;anno;condizione\n" },
  { "assistenza_interventi.csv",
    "codice_fiscale;codice_famiglia;codice_prestazione;area_utenza;data_inizio;data_fine;importo\n" },
  { "assistenza_valutazioni.csv", "codice_fiscale;data_valutazione;livello_bisogno;data_scadenza\n" },
  { "servizi.csv", "nome;area_utenza;categoria;indirizzo;destinatari;orari;capienza;lon;lat\n" },
  { "soglie_isee.csv", "anno;soglia\n" },
};

static void
write_in (const char *dir,
          const char *name,
          const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  wm_test_write_file (path, text, -1);
}

static void
make_sheet (const char *dir,
            const char *name,
            const char *format,
            const char *header)
{
  g_autofree char *csv = g_build_filename (dir, "sheet-source.csv", NULL);
  g_autofree char *out = g_build_filename (dir, name, NULL);
  char *argv[] = { (char *) "-f", (char *) format, NULL };
  GDALVectorTranslateOptions *options = GDALVectorTranslateOptionsNew (argv, NULL);
  GDALDatasetH src, dst;

  GDALAllRegister ();
  wm_test_write_file (csv, header, -1);
  src = GDALOpenEx (csv, GDAL_OF_VECTOR, NULL, NULL, NULL);
  dst = GDALVectorTranslate (out, NULL, 1, &src, options, NULL);
  g_assert_nonnull (dst);
  GDALClose (dst);
  GDALClose (src);
  GDALVectorTranslateOptionsFree (options);
  g_remove (csv);
}

/* Every source of the default layout: the registry and dwellings given,
 * the others with their header only or one row. */
static void
write_sources (const char *dir,
               const char *residences,
               const char *dwellings)
{
  write_in (dir, "anagrafe_persone.csv", persons_csv);
  write_in (dir, "anagrafe_residenze.csv", residences);
  write_in (dir, "abitazioni.csv", dwellings);
  for (guint i = 0; i < G_N_ELEMENTS (header_only); i++)
    write_in (dir, header_only[i][0], header_only[i][1]);
  /* GDAL writes no sheet at all for a header alone: one row each */
  make_sheet (dir, "isee.xlsx", "XLSX",
              "codice_fiscale_dichiarante;codice_famiglia;anno;valore_isee;data_presentazione\n"
              "RSSMRA70C15L378I;1;2023;18500;10/02/2023\n");
  make_sheet (dir, "istruzione.xlsx", "XLSX", "codice_fiscale;titolo_studio\nRSSMRA70C15L378I;DIPLOMA\n");
}

static WmImporter *
import (const char  *mapping_path,
        const char  *sources,
        const char  *boundaries,
        GError     **error)
{
  WmImportMapping *mapping = wm_import_mapping_load (mapping_path, error);
  g_autoptr(WmImporter) importer = NULL;

  g_assert_nonnull (mapping);
  wm_import_mapping_set_sources_dir (mapping, sources);
  wm_import_mapping_set_boundaries_dir (mapping, boundaries);
  importer = wm_importer_new (mapping);
  if (!wm_importer_run (importer, NULL, error))
    return NULL;
  return g_steal_pointer (&importer);
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
area_of (WmImporter *importer,
         const char *address,
         const char *layer)
{
  sqlite3 *idb = wm_importer_get_identity_database (importer);
  sqlite3 *db = wm_importer_get_database (importer);
  g_autofree char *id_sql = g_strdup_printf ("SELECT dwelling_id FROM identity_dwelling WHERE address = '%s'", address);
  g_autofree char *sql = g_strdup_printf ("SELECT a.code FROM dwelling_area da JOIN area a ON a.id = da.area_id"
                                          " JOIN area_layer l ON l.id = da.layer_id"
                                          " WHERE l.code = '%s' AND da.dwelling_id = %" G_GINT64_FORMAT,
                                          layer, query_int (idb, id_sql));
  sqlite3_stmt *stmt = NULL;
  char *code = NULL;

  sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    code = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return code;
}

static void
assert_area (WmImporter *importer,
             const char *address,
             const char *layer,
             const char *expected)
{
  g_autofree char *code = area_of (importer, address, layer);

  g_assert_cmpstr (code, ==, expected);
}

/* The report's lines about @file are @expected, in order. */
static guint
assert_lines (WmImporter         *importer,
              const char         *file,
              const char *const  *expected)
{
  g_auto(GStrv) lines = wm_import_report_get_lines (wm_importer_get_report (importer));
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], file))
      {
        if (expected != NULL)
          g_assert_cmpstr (lines[i], ==, expected[n]);
        n++;
      }
  if (expected != NULL)
    g_assert_null (expected[n]);
  return n;
}

/* Sections 151460000001 (DUOMO) and 151460001007 (LORETO) are in both
 * ISTAT's list and the NIL table; 151460003006 is in the table but not the
 * list; 151460000164 is in the list but not the table (see
 * ../shared/data/milano: `comm` of the two files' section columns gives 69
 * and 8 such sections). */
static void
test_milano (void)
{
  g_autofree char *dir = wm_test_tmpdir ();
  g_autofree char *mapping = g_build_filename (g_getenv ("WM_SOURCE_ROOT"), "data", "mapping", "milano.ini", NULL);
  g_autofree char *boundaries = wm_test_shared_path ("milano", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImporter) importer = NULL;
  g_autofree char *summary = NULL;
  const char *expected[] = {
    "anagrafe_residenze.csv:4: warning: census section not in the sections layer: the dwelling is kept without one",
    "anagrafe_residenze.csv:5: warning: address outside every area of the layer: “Nuclei di Identità Locale (NIL)”:"
    " its section is not in the table (the dwelling is kept without one)",
    "anagrafe_residenze.csv:6: warning: required value missing: census section (the dwelling is kept without one)",
  };
  g_autoptr(GPtrArray) want = g_ptr_array_new ();
  sqlite3 *db;

  write_sources (dir,
                 "codice_fiscale;codice_famiglia;rapporto_parentela;codice_abitazione;indirizzo;sezione_censimento;"
                 "x;y;data_inizio;data_fine;motivo_fine\n"
                 "RSSMRA70C15L378I;1;01;M1;Piazza del Duomo 1;151460000001;9.1919;45.4641;01/01/2010;;\n"
                 "BNCNNA72L60L378V;2;01;M2;Piazzale Loreto 2;151460001007;9.2163;45.4856;01/01/2010;;\n"
                 "VRDGPP40A10L378K;3;01;M3;Via Stadera 3;151460003006;9.1750;45.4390;01/01/2010;;\n"
                 "NREMRA42E45L378R;4;01;M4;Via Quattro 4;151460000164;9.1800;45.4700;01/01/2010;;\n"
                 "PPSNIO85P09Z129Q;5;01;M5;Via Cinque 5;;9.2000;45.4800;01/01/2010;;\n",
                 "codice_abitazione;superficie_mq;numero_stanze;titolo_godimento\n"
                 "M1;80;3;PROPRIETA\nM2;60;2;AFFITTO\nM3;45;2;ERP\nM4;70;3;AFFITTO\nM5;90;4;PROPRIETA\n");
  importer = import (mapping, dir, boundaries, &error);
  g_assert_no_error (error);
  db = wm_importer_get_database (importer);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_ptr_array_add (want, (gpointer) expected[i]);
  g_ptr_array_add (want, NULL);
  assert_lines (importer, "anagrafe_", (const char *const *) want->pdata);
  g_assert_cmpuint (assert_lines (importer, "abitazioni", NULL), ==, 0);
  {
    /* povo.ini names an optional labels file that is not there */
    const char *optional[] = { "prestazioni.csv: warning: file not found: optional, nothing imported from it", NULL };

    assert_lines (importer, "prestazioni.csv", optional);
  }
  /* each table row whose section is not in ISTAT's list */
  g_assert_cmpuint (assert_lines (importer, "tableNILSezioniDiCensimento2011_sorted_prefixed.csv:", NULL), ==, 69);

  assert_area (importer, "Piazza del Duomo 1", "sections", "151460000001");
  assert_area (importer, "Piazza del Duomo 1", "nil", "DUOMO");
  assert_area (importer, "Piazzale Loreto 2", "nil", "LORETO");
  assert_area (importer, "Via Stadera 3", "sections", NULL);
  assert_area (importer, "Via Stadera 3", "nil", NULL);
  assert_area (importer, "Via Quattro 4", "sections", "151460000164");
  assert_area (importer, "Via Quattro 4", "nil", NULL);
  assert_area (importer, "Via Cinque 5", "sections", NULL);

  /* the section list has 6,017 sections; the table 6,078 rows, 69 of
   * them for sections not in the list */
  summary = wm_import_report_get_summary (wm_importer_get_report (importer), "layer sections");
  g_assert_cmpstr (summary, ==, "read 6017, linked 6017 (0 by name), rejected 0, warnings 0");
  g_clear_pointer (&summary, g_free);
  summary = wm_import_report_get_summary (wm_importer_get_report (importer), "layer nil table");
  g_assert_cmpstr (summary, ==, "read 6078, linked 6009 (0 by name), rejected 69, warnings 0");
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM section_area"), ==, 6009);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM area a JOIN area_layer l ON l.id = a.layer_id"
                                  " WHERE l.code = 'sections' AND a.geom IS NULL"), ==, 6017);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM area a JOIN area_layer l ON l.id = a.layer_id"
                                  " WHERE l.code = 'nil' AND a.geom IS NOT NULL"), ==, 88);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM area_layer WHERE join_kind = 2"), ==, 2);
  wm_test_rmdir (dir);
}

/* Two sections near Povo in EPSG:4326: S1 a square; S2 a bow tie,
 * crossing itself at (11.158, 46.0625). Mario lives in S1, Anna in the
 * bow tie's west triangle. */
static const char sections_geojson[] =
  "{\"type\":\"FeatureCollection\",\"features\":["
  "{\"type\":\"Feature\",\"id\":1,\"properties\":{\"code\":\"S1\"},\"geometry\":{\"type\":\"Polygon\","
  "\"coordinates\":[[[11.150,46.060],[11.155,46.060],[11.155,46.065],[11.150,46.065],[11.150,46.060]]]}},"
  "{\"type\":\"Feature\",\"id\":2,\"properties\":{\"code\":\"S2\"},\"geometry\":{\"type\":\"Polygon\","
  "\"coordinates\":[[[11.156,46.060],[11.160,46.065],[11.160,46.060],[11.156,46.065],[11.156,46.060]]]}}]}";

static const char small_mapping[] =
  "[import]\nfirst_year=2020\nlast_year=2024\nmetric_crs=EPSG:32632\nmax_date=2025-06-30\n"
  "[source persons]\nfile=anagrafe_persone.csv\ncolumn.codice_fiscale=codice_fiscale\ncolumn.surname=cognome\n"
  "column.given_name=nome\ncolumn.sex=sesso\ncolumn.birth_date=data_nascita\n"
  "[source residences]\nfile=anagrafe_residenze.csv\ncolumn.codice_fiscale=codice_fiscale\n"
  "column.family_code=famiglia\ncolumn.relation=rapporto\ncolumn.dwelling_code=abitazione\n"
  "column.address=indirizzo\ncolumn.x=lon\ncolumn.y=lat\ncolumn.start_date=inizio\ncolumn.section=sezione\n"
  "crs=EPSG:4326\n"
  "[layer sections]\nname=Sezioni\nlevel=0\nfile=sezioni.geojson\ncode_field=code\ninvalid_geometry=%s\n"
  "join=%s\n"
  "[values sex]\nM=1\nF=2\n[values relation]\n01=1\n"
  "[citizenship]\nitalian=100\neu=203\n";

static const char small_residences[] =
  "codice_fiscale;famiglia;rapporto;abitazione;indirizzo;lon;lat;inizio;sezione\n"
  "RSSMRA70C15L378I;1;01;A;Via A;11.152;46.062;01/01/2010;\n"
  "BNCNNA72L60L378V;2;01;B;Via B;11.1565;46.0625;01/01/2010;\n";

static WmImporter *
import_join (const char  *dir,
             const char  *invalid_geometry,
             const char  *join,
             const char  *residences,
             GError     **error)
{
  g_autofree char *mapping = g_strdup_printf (small_mapping, invalid_geometry, join);
  g_autofree char *path = g_build_filename (dir, "mapping.ini", NULL);

  write_in (dir, "mapping.ini", mapping);
  write_in (dir, "sezioni.geojson", sections_geojson);
  write_in (dir, "anagrafe_persone.csv", persons_csv);
  write_in (dir, "anagrafe_residenze.csv", residences);
  return import (path, dir, dir, error);
}

static WmImporter *
import_small (const char  *dir,
              const char  *invalid_geometry,
              const char  *residences,
              GError     **error)
{
  return import_join (dir, invalid_geometry, "geometry", residences, error);
}

static void
test_invalid_geometry_repaired (void)
{
  g_autofree char *dir = wm_test_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImporter) importer = import_small (dir, "repair", small_residences, &error);
  g_auto(GStrv) lines = NULL;

  g_assert_no_error (error);
  lines = wm_import_report_get_lines (wm_importer_get_report (importer));
  /* persons 4–6 have no residence here: three warnings, then the layer */
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_true (g_str_has_prefix (lines[3], "sezioni.geojson: feature 2: warning: invalid geometry: Self-intersection"));
  g_assert_true (g_str_has_suffix (lines[3], " — repaired"));
  assert_area (importer, "Via A", "sections", "S1");
  assert_area (importer, "Via B", "sections", "S2");
  /* the repaired bow tie: two triangles, 0.005° of latitude (555 m) by
   * 0.002° of longitude (155 m at 46° N): 2 × 555 × 155 / 2 ≈ 86,000 m² */
  g_assert_cmpint (query_int (wm_importer_get_database (importer),
                              "SELECT count(*) FROM area WHERE code = 'S2' AND area_m2 BETWEEN 82000 AND 90000"), ==, 1);
  wm_test_rmdir (dir);
}

static void
test_invalid_geometry_rejected (void)
{
  g_autofree char *dir = wm_test_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImporter) importer = import_small (dir, "reject", small_residences, &error);
  g_auto(GStrv) lines = NULL;

  g_assert_no_error (error);
  lines = wm_import_report_get_lines (wm_importer_get_report (importer));
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_cmpstr (lines[3], ==, "anagrafe_residenze.csv:3: warning: address outside every area of the layer:"
                                 " “Sezioni” (the dwelling is kept without one)");
  g_assert_true (g_str_has_prefix (lines[4], "sezioni.geojson: feature 2: rejected: invalid geometry: Self-intersection"));
  g_assert_true (g_str_has_suffix (lines[4], "fix it in a GIS (QGIS: Fix geometries) or set invalid_geometry=repair"));
  assert_area (importer, "Via A", "sections", "S1");
  assert_area (importer, "Via B", "sections", NULL);
  wm_test_rmdir (dir);
}

/* join=registry on a layer with polygons: the registry's code wins, the
 * point decides where there is none or an unknown one. */
static void
test_registry_with_fallback (void)
{
  g_autofree char *dir = wm_test_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImporter) importer =
    import_join (dir, "repair", "registry",
                 "codice_fiscale;famiglia;rapporto;abitazione;indirizzo;lon;lat;inizio;sezione\n"
                 "RSSMRA70C15L378I;1;01;A;Via A;11.152;46.062;01/01/2010;S2\n"
                 "BNCNNA72L60L378V;2;01;B;Via B;11.1565;46.0625;01/01/2010;\n"
                 "VRDGPP40A10L378K;3;01;C;Via C;11.152;46.063;01/01/2010;S9\n"
                 "NREMRA42E45L378R;4;01;D;Via D;11.170;46.070;01/01/2010;\n", &error);
  const char *expected[] = {
    "anagrafe_residenze.csv:4: warning: census section not in the sections layer: placed by its coordinates instead",
    "anagrafe_residenze.csv:5: warning: required value missing: census section, and the address is outside every "
    "section (the dwelling is kept without one)",
    NULL
  };

  g_assert_no_error (error);
  assert_lines (importer, "anagrafe_residenze", expected);
  assert_area (importer, "Via A", "sections", "S2");   /* the registry, though the point is in S1 */
  assert_area (importer, "Via B", "sections", "S2");   /* its point */
  assert_area (importer, "Via C", "sections", "S1");   /* its point: S9 does not exist */
  assert_area (importer, "Via D", "sections", NULL);
  g_assert_cmpint (query_int (wm_importer_get_database (importer),
                              "SELECT join_kind FROM area_layer WHERE code = 'sections'"), ==, 2);
  wm_test_rmdir (dir);
}

/* A required column missing stops the import and names it. */
static void
test_missing_column_aborts (void)
{
  g_autofree char *dir = wm_test_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImporter) importer =
    import_small (dir, "repair", "codice_fiscale;famiglia;abitazione;indirizzo;lon;lat;inizio\n", &error);

  g_assert_null (importer);
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, ==, "anagrafe_residenze.csv:1: column “rapporto” is missing (column.relation in "
                                       "[source residences]) — correct the export, or the mapping file if the column "
                                       "has another name");
  wm_test_rmdir (dir);
}

static void
test_empty_file_aborts (void)
{
  g_autofree char *dir = wm_test_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImporter) importer = import_small (dir, "repair", "", &error);

  g_assert_null (importer);
  g_assert_error (error, WM_IMPORT_SOURCE_ERROR, WM_IMPORT_SOURCE_ERROR_EMPTY);
  g_assert_cmpstr (error->message, ==, "anagrafe_residenze.csv: the file is empty — export it again");
  wm_test_rmdir (dir);
}

static void
test_cancelled (void)
{
  g_autofree char *dir = wm_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "mapping.ini", NULL);
  g_autofree char *mapping = g_strdup_printf (small_mapping, "repair", "geometry");
  g_autoptr(GString) persons = g_string_new ("codice_fiscale;cognome;nome;sesso;data_nascita\n");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImporter) importer = NULL;

  /* more than the 1,000 rows between two cancellation checks */
  for (int i = 0; i < 2500; i++)
    g_string_append_printf (persons, "CF%06d;A;B;M;01/01/1970\n", i);
  write_in (dir, "mapping.ini", mapping);
  write_in (dir, "sezioni.geojson", sections_geojson);
  write_in (dir, "anagrafe_persone.csv", persons->str);
  write_in (dir, "anagrafe_residenze.csv", small_residences);
  importer = wm_importer_new (wm_import_mapping_load (path, NULL));
  g_cancellable_cancel (cancellable);
  g_assert_false (wm_importer_run (importer, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (wm_importer_get_database (importer));
  wm_test_rmdir (dir);
}

typedef struct {
  GMainLoop *loop;
  gboolean ok;
  GError *error;
  gint64 last_done;
  gint64 total;
  guint calls;
  GThread *caller;
  gboolean other_thread;
} Async;

static void
on_progress (const char *source,
             gint64      done,
             gint64      total,
             double      rows_per_second,
             gpointer    data)
{
  Async *a = data;

  g_assert_cmpint (done, >=, a->last_done);
  g_assert_cmpint (done, <=, total);
  g_assert_cmpfloat (rows_per_second, >=, 0);
  a->last_done = done;
  a->total = total;
  a->calls++;
  a->other_thread |= g_thread_self () != a->caller;
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Async *a = data;

  a->ok = wm_importer_run_finish (WM_IMPORTER (source), result, &a->error);
  g_main_loop_quit (a->loop);
}

static void
test_async_progress (void)
{
  g_autofree char *dir = wm_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "mapping.ini", NULL);
  g_autofree char *mapping = g_strdup_printf (small_mapping, "repair", "geometry");
  g_autoptr(GString) persons = g_string_new (persons_csv);
  g_autoptr(WmImporter) importer = NULL;
  Async a = { 0 };

  /* 2,505 persons + 2 residences = 2,507 rows: progress at 1,000 and
   * 2,000, then once at the end */
  for (int i = 0; i < 2500; i++)
    g_string_append_printf (persons, "XXXXXX70A01L378%c%04d;A;B;M;01/01/1970;L378;100;\n", 'A' + i % 26, i);
  write_in (dir, "mapping.ini", mapping);
  write_in (dir, "sezioni.geojson", sections_geojson);
  write_in (dir, "anagrafe_persone.csv", persons->str);
  write_in (dir, "anagrafe_residenze.csv", small_residences);
  importer = wm_importer_new (wm_import_mapping_load (path, NULL));
  a.loop = g_main_loop_new (NULL, FALSE);
  a.caller = g_thread_self ();
  wm_importer_set_progress_func (importer, on_progress, &a, NULL);
  wm_importer_run_async (importer, NULL, on_done, &a);
  g_main_loop_run (a.loop);
  g_assert_no_error (a.error);
  g_assert_true (a.ok);
  g_assert_cmpuint (a.calls, ==, 3);
  g_assert_cmpint (a.last_done, ==, 2507);
  g_assert_cmpint (a.total, ==, 2507);
  g_assert_true (a.other_thread);
  g_main_loop_unref (a.loop);
  wm_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/importer-joins/milano", test_milano);
  g_test_add_func ("/importer-joins/invalid-geometry-repaired", test_invalid_geometry_repaired);
  g_test_add_func ("/importer-joins/invalid-geometry-rejected", test_invalid_geometry_rejected);
  g_test_add_func ("/importer-joins/registry-with-fallback", test_registry_with_fallback);
  g_test_add_func ("/importer-joins/missing-column-aborts", test_missing_column_aborts);
  g_test_add_func ("/importer-joins/empty-file-aborts", test_empty_file_aborts);
  g_test_add_func ("/importer-joins/cancelled", test_cancelled);
  g_test_add_func ("/importer-joins/async-progress", test_async_progress);
  return g_test_run ();
}
