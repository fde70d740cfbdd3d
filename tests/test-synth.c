/* test-synth.c — the synthetic sources, read back independently of the generator
 *
 * Every check reads the written files through GDAL into an in-memory SQLite
 * database and answers with plain SQL; section membership comes from a
 * point-in-polygon test of each address against the real section layer;
 * the census figures come from the section layer itself. Nothing here
 * looks at the generator's own counters.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <gdal.h>
#include <math.h>
#include <ogr_api.h>
#include <string.h>

#include "wm-codice-fiscale.h"
#include "wm-synth.h"
#include "wm-synth-write-private.h"
#include "wm-test-synth.h"
#include "wm-test-util.h"

static char *tmp_root;
static char *clean_dir;    /* Povo 2020–2022, seed 42, no defects: see clean () */
static char *defect_dir;   /* Povo 2020–2022, seed 42, default defects: see with_defects () */

#define SECTIONS_ID "SEZ21_ID"

static char *
generate (const char *name, guint64 seed, double defects, int years)
{
  return wm_test_synth_generate (tmp_root, name, 2020, years, seed, defects);
}

/* Made on first use: a test run in a subprocess does not need them. */
static const char *
clean (void)
{
  if (clean_dir == NULL)
    clean_dir = generate ("clean", 42, 0, 3);
  return clean_dir;
}

static const char *
with_defects (void)
{
  if (defect_dir == NULL)
    defect_dir = generate ("defects", 42, 0.005, 3);
  return defect_dir;
}

#define load wm_test_synth_load
#define scalar(db, sql) wm_test_synth_scalar (db, "%s", sql)
#define scalarf wm_test_synth_scalar

/* The registry on 31 December 2021 (census day): one row per resident with
 * family, relation, dwelling, age, section; ages and sizes are integers. */
static sqlite3 *
census_db (const char *dir)
{
  sqlite3 *db = wm_test_synth_open (dir);

  g_assert_cmpint (sqlite3_exec (db,
    "CREATE TABLE census AS SELECT r.codice_fiscale AS cf, r.codice_famiglia AS fam, r.rapporto_parentela AS rel,"
    "  r.codice_abitazione AS dw, p.sesso AS sex,"
    "  2021 - CAST(substr(p.data_nascita, 7, 4) AS INTEGER) AS age, r.sezione_censimento AS sez"
    " FROM residenze r JOIN (SELECT DISTINCT * FROM persone) p USING (codice_fiscale)"
    " WHERE " ISO ("r.data_inizio") " <= '2021-12-31'"
    "   AND (r.data_fine IS NULL OR " ISO ("r.data_fine") " > '2021-12-31');"
    "CREATE TABLE work2021 AS SELECT DISTINCT codice_fiscale AS cf, condizione FROM lavoro WHERE anno = '2021';"
    "CREATE INDEX work_cf ON work2021 (cf);"
    "CREATE TABLE dwelling AS SELECT codice_abitazione AS dw, CAST(superficie_mq AS INTEGER) AS m2 FROM abitazioni;",
    NULL, NULL, NULL), ==, SQLITE_OK);
  return db;
}

/* Every section's 2021 counts: residents by sex and 5-year band, families by size. */
static void
test_calibration (void)
{
  sqlite3 *db = census_db (clean ());
  g_autofree char *sections = wm_test_shared_path ("povo", "sezioni_povo_istat_dtm.gpkg", NULL);
  GDALDatasetH ds = GDALOpenEx (sections, GDAL_OF_VECTOR, NULL, NULL, NULL);
  OGRLayerH layer = GDALDatasetGetLayer (ds, 0);
  OGRFeatureH f;
  int checked = 0, residents = 0;

  g_assert_cmpfloat (scalar (db, "SELECT count(*) FROM census WHERE sez IS NULL"), ==, 0);
  while ((f = OGR_L_GetNextFeature (layer)) != NULL)
    {
      const char *code = OGR_F_GetFieldAsString (f, OGR_F_GetFieldIndex (f, SECTIONS_ID));
      int p1 = OGR_F_GetFieldIndex (f, "P1");

      if (OGR_F_IsFieldSetAndNotNull (f, p1))
        {
          for (int band = 0; band < 16; band++)
            for (int sex = 0; sex < 2; sex++)
              {
                g_autofree char *var = g_strdup_printf ("P%d", (sex ? 67 : 30) + band);

                g_assert_cmpint ((int) scalarf (db, "SELECT count(*) FROM census WHERE sez = '%s' AND sex = '%s'"
                                                    " AND age >= %d AND age < %d", code, sex ? "F" : "M",
                                                band * 5, band < 15 ? band * 5 + 5 : 1000),
                                 ==, OGR_F_GetFieldAsInteger (f, OGR_F_GetFieldIndex (f, var)));
              }
          for (int size = 1; size <= 6; size++)
            {
              g_autofree char *var = g_strdup_printf ("PF%d", size + 2);

              g_assert_cmpint ((int) scalarf (db,
                "SELECT count(*) FROM (SELECT fam, count(*) AS n FROM census WHERE sez = '%s' AND fam NOT LIKE 'C%%'"
                " GROUP BY fam) WHERE n %s %d", code, size < 6 ? "=" : ">=", size),
                ==, OGR_F_GetFieldAsInteger (f, OGR_F_GetFieldIndex (f, var)));
            }
          residents += OGR_F_GetFieldAsInteger (f, p1);
          checked++;
        }
      OGR_F_Destroy (f);
    }
  /* 8,303 residents in 61 sections with published variables (hand count of the CSV). */
  g_assert_cmpint (residents, ==, 8303);
  g_assert_cmpint ((int) scalar (db, "SELECT count(*) FROM census"), ==, 8303);
  g_assert_cmpint (checked, >=, 60);
  GDALClose (ds);
  sqlite3_close_v2 (db);
}

/* Every residence row of the period: the street is one street, the
 * section is given, and the point is inside that section's polygon — or within 25 m of it when the real
 * polygon is a sliver of less than 1 m² (documented in wm-sources.md). */
static void
test_addresses (void)
{
  g_autofree char *sections = wm_test_shared_path ("povo", "sezioni_povo_istat_dtm.gpkg", NULL);
  g_autofree char *residences = g_build_filename (clean (), "anagrafe_residenze.csv", NULL);
  g_autoptr(GHashTable) polygons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) OGR_G_DestroyGeometry);
  GDALDatasetH ds = GDALOpenEx (sections, GDAL_OF_VECTOR, NULL, NULL, NULL);
  OGRFeatureH f;
  int rows = 0, in_sliver = 0, outside = 0;

  while ((f = OGR_L_GetNextFeature (GDALDatasetGetLayer (ds, 0))) != NULL)
    {
      OGRGeometryH g = OGR_F_GetGeometryRef (f);

      /* An invalid polygon is compared in its repaired form (zero buffer). */
      g_hash_table_insert (polygons, g_strdup (OGR_F_GetFieldAsString (f, OGR_F_GetFieldIndex (f, SECTIONS_ID))),
                           OGR_G_IsValid (g) ? OGR_G_Clone (g) : OGR_G_Buffer (g, 0, 8));
      OGR_F_Destroy (f);
    }
  GDALClose (ds);

  ds = GDALOpenEx (residences, GDAL_OF_VECTOR, NULL, NULL, NULL);
  while ((f = OGR_L_GetNextFeature (GDALDatasetGetLayer (ds, 0))) != NULL)
    {
      const char *sez = OGR_F_GetFieldAsString (f, OGR_F_GetFieldIndex (f, "sezione_censimento"));
      OGRGeometryH polygon = g_hash_table_lookup (polygons, sez);
      OGRGeometryH pt = OGR_G_CreateGeometry (wkbPoint);

      g_assert_nonnull (polygon);
      /* One street, not the list of an OSMnx edge merged from several ways. */
      g_assert_null (strchr (OGR_F_GetFieldAsString (f, OGR_F_GetFieldIndex (f, "indirizzo")), '['));
      g_assert_true (OGR_F_IsFieldSetAndNotNull (f, OGR_F_GetFieldIndex (f, "x")));
      OGR_G_SetPoint_2D (pt, 0, OGR_F_GetFieldAsDouble (f, OGR_F_GetFieldIndex (f, "x")),
                         OGR_F_GetFieldAsDouble (f, OGR_F_GetFieldIndex (f, "y")));
      if (OGR_G_Area (polygon) < 1.0)
        {
          g_assert_cmpfloat (OGR_G_Distance (polygon, pt), <=, 25.01);
          in_sliver++;
        }
      else if (!OGR_G_Contains (polygon, pt))
        {
          g_test_message ("row %d: (%.2f, %.2f) is not inside section %s", rows + 2,
                          OGR_F_GetFieldAsDouble (f, OGR_F_GetFieldIndex (f, "x")),
                          OGR_F_GetFieldAsDouble (f, OGR_F_GetFieldIndex (f, "y")), sez);
          outside++;
        }
      rows++;
      OGR_G_DestroyGeometry (pt);
      OGR_F_Destroy (f);
    }
  GDALClose (ds);
  g_test_message ("%d residence rows, %d of them in sections whose polygon is a sliver", rows, in_sliver);
  g_assert_cmpint (outside, ==, 0);
  g_assert_cmpint (rows, >, 8303);
  g_assert_cmpint (in_sliver, >, 0);
  g_assert_cmpint (in_sliver, <, rows / 4);
}

/* Families on census day with what the indicators need (DESIGN.md §5). */
#define FAMILIES \
  "CREATE TABLE fams AS SELECT fam, min(sez) AS sez, count(*) AS n, min(age) AS youngest, max(age) AS oldest," \
  " sum(rel = '03') AS children, max(CASE WHEN rel = '01' THEN age END) AS ref_age," \
  " sum(EXISTS (SELECT 1 FROM work2021 w WHERE w.cf = c.cf AND w.condizione IN ('OCCUPATO', 'PENSIONATO'))) AS earners" \
  " FROM census c WHERE fam NOT LIKE 'C%' GROUP BY fam;" \
  "CREATE TABLE occupied AS SELECT c.dw, min(c.sez) AS sez, count(*) AS n, d.m2 FROM census c JOIN dwelling d USING (dw)" \
  " WHERE c.fam NOT LIKE 'C%' GROUP BY c.dw;" \
  "CREATE TABLE young AS SELECT sez, NOT EXISTS (SELECT 1 FROM work2021 w WHERE w.cf = c.cf" \
  " AND w.condizione IN ('OCCUPATO', 'STUDENTE')) AS neet FROM census c WHERE age BETWEEN 15 AND 29;"

#define LARGE     "avg(n >= 6)"
#define ECONOMIC  "avg(children > 0 AND ref_age < 65 AND earners = 0)"
#define CARE      "avg(youngest >= 65 AND oldest >= 80)"
#define CROWDED   "sum(CASE WHEN (m2 < 40 AND n > 4) OR (m2 >= 40 AND m2 < 60 AND n > 5)" \
                  " OR (m2 >= 60 AND m2 < 80 AND n > 6) THEN n ELSE 0 END) * 1.0 / sum(n)"
#define NEET      "avg(neet)"

/* The spread of one indicator over sections big enough to say something. */
static double
spread (sqlite3 *db, const char *expr, const char *table, const char *size, int min_size)
{
  return scalarf (db, "SELECT max(r) - min(r) FROM (SELECT sez, %s AS r FROM %s GROUP BY sez HAVING %s >= %d)",
                  expr, table, size, min_size);
}

static void
check_band (const char *name, double value, double italy)
{
  g_test_message ("%-18s %.2f%% (ISTAT 2011 Italy %.1f%%, accepted %.2f–%.2f%%)", name, 100 * value,
                  100 * italy, 70 * italy, 130 * italy);
  g_assert_cmpfloat (value, >=, 0.7 * italy);
  g_assert_cmpfloat (value, <=, 1.3 * italy);
}

/* ISTAT's vulnerability indicators on census day: within ±30% of ISTAT's
 * 2011 figures for Italy, and different from one section to another. */
static void
test_indicators (void)
{
  sqlite3 *db = census_db (clean ());
  g_autofree char *sections = wm_test_shared_path ("povo", "sezioni_povo_istat_dtm.gpkg", NULL);
  GDALDatasetH ds = GDALOpenEx (sections, GDAL_OF_VECTOR, NULL, NULL, NULL);
  OGRLayerH layer = GDALDatasetGetLayer (ds, 0);
  double large, economic, care, crowded, neet, pf1 = 0, pf8 = 0;
  OGRFeatureH f;

  g_assert_cmpint (sqlite3_exec (db, FAMILIES, NULL, NULL, NULL), ==, SQLITE_OK);
  large = scalar (db, "SELECT " LARGE " FROM fams");
  economic = scalar (db, "SELECT " ECONOMIC " FROM fams");
  care = scalar (db, "SELECT " CARE " FROM fams");
  crowded = scalar (db, "SELECT " CROWDED " FROM occupied");
  neet = scalar (db, "SELECT " NEET " FROM young");

  /* Family sizes are the census's: large families are Povo's real share,
   * ΣPF8 / ΣPF1 of the section layer (38 / 3,564 = 1.07%). */
  while ((f = OGR_L_GetNextFeature (layer)) != NULL)
    {
      pf1 += OGR_F_GetFieldAsDouble (f, OGR_F_GetFieldIndex (f, "PF1"));
      pf8 += OGR_F_GetFieldAsDouble (f, OGR_F_GetFieldIndex (f, "PF8"));
      OGR_F_Destroy (f);
    }
  GDALClose (ds);
  g_assert_cmpfloat (pf1, ==, 3564);
  g_assert_cmpfloat (fabs (large - pf8 / pf1), <, 1e-12);
  check_band ("large families", large, 0.014);
  check_band ("economic hardship", economic, 0.027);
  check_band ("care hardship", care, 0.030);
  check_band ("overcrowding", crowded, 0.015);
  check_band ("NEET", neet, 0.123);

  /* Sections differ: the spread over sections of 40+ families (20+ young
   * people, 100+ persons in dwellings) is at least half the city value. */
  g_assert_cmpfloat (spread (db, LARGE, "fams", "count(*)", 40), >=, 0.5 * large);
  g_assert_cmpfloat (spread (db, ECONOMIC, "fams", "count(*)", 40), >=, 0.5 * economic);
  g_assert_cmpfloat (spread (db, CARE, "fams", "count(*)", 40), >=, 0.5 * care);
  g_assert_cmpfloat (spread (db, CROWDED, "occupied", "sum(n)", 100), >=, 0.5 * crowded);
  g_assert_cmpfloat (spread (db, NEET, "young", "count(*)", 20), >=, 0.5 * neet);
  sqlite3_close_v2 (db);
}

/* Every code in the registry is valid and matches sex and birth date,
 * except the rows the defects manifest lists. */
static void
test_codici_fiscali (void)
{
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int invalid_listed = 0, rows = 0;
  const char *files[] = { "anagrafe_persone.csv", "anagrafe_residenze.csv" };

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  load (db, with_defects (), "difetti.csv", "difetti");
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT file, riga FROM difetti WHERE difetto = 'CODICE_FISCALE_NON_VALIDO'"
                                       " AND file LIKE 'anagrafe%'", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (listed, g_strdup_printf ("%s:%s", sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1)));
  g_assert_cmpuint (g_hash_table_size (listed), >, 0);

  for (guint k = 0; k < G_N_ELEMENTS (files); k++)
    {
      g_autofree char *path = g_build_filename (with_defects (), files[k], NULL);
      g_autofree char *text = NULL;
      g_auto(GStrv) lines = NULL;

      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      lines = g_strsplit (text, "\n", -1);
      for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
        {
          g_auto(GStrv) cols = g_strsplit (lines[i], ";", -1);
          g_autofree char *key = g_strdup_printf ("%s:%u", files[k], i + 1);
          g_autoptr(GError) error = NULL;
          gboolean ok;

          if (k == 0)
            ok = wm_codice_fiscale_validate (cols[0], cols[3][0] == 'M' ? 1 : 2, atoi (cols[4] + 6),
                                             atoi (cols[4] + 3), atoi (cols[4]), &error);
          else
            ok = wm_codice_fiscale_parse (cols[0], NULL, &error);
          if (g_hash_table_contains (listed, key))
            {
              g_assert_false (ok);
              invalid_listed++;
            }
          else if (!ok)
            g_error ("%s: %s", key, error->message);
          rows++;
        }
    }
  g_assert_cmpint (invalid_listed, ==, g_hash_table_size (listed));
  g_assert_cmpint (rows, >, 8000);
  sqlite3_close_v2 (db);
}

/* The rows of a file as the manifest numbers them: lines of a CSV (header =
 * 1), or rows of a named sheet of a spreadsheet, cells joined with ';'. */
static GPtrArray *
rows_of (const char *dir, const char *file, const char *sheet)
{
  g_autofree char *path = g_build_filename (dir, file, NULL);
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (rows, g_strdup ("(row 0)"));
  if (g_str_has_suffix (file, ".csv"))
    {
      g_autofree char *text = NULL;
      g_auto(GStrv) lines = NULL;

      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      lines = g_strsplit (text, "\n", -1);
      for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
        g_ptr_array_add (rows, g_strdup (lines[i]));
    }
  else
    {
      GDALDatasetH ds = GDALOpenEx (path, GDAL_OF_VECTOR, NULL, NULL, NULL);
      OGRLayerH layer = GDALDatasetGetLayerByName (ds, sheet);
      OGRFeatureH f;

      g_assert_nonnull (layer);
      g_ptr_array_add (rows, g_strdup ("(header)"));
      while ((f = OGR_L_GetNextFeature (layer)) != NULL)
        {
          GString *row = g_string_new (NULL);

          for (int i = 0; i < OGR_F_GetFieldCount (f); i++)
            g_string_append_printf (row, "%s%s", i ? ";" : "",
                                    OGR_F_IsFieldSetAndNotNull (f, i) ? OGR_F_GetFieldAsString (f, i) : "");
          g_ptr_array_add (rows, g_string_free (row, FALSE));
          OGR_F_Destroy (f);
        }
      GDALClose (ds);
    }
  return rows;
}

/* Each defect the manifest lists is where it says, and is what it says. */
static void
test_defects_manifest (void)
{
  g_autofree char *path = g_build_filename (with_defects (), "difetti.csv", NULL);
  g_autoptr(GHashTable) files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) registry = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) persons = rows_of (with_defects (), "anagrafe_persone.csv", NULL);
  GDALDatasetH ds = GDALOpenEx (path, GDAL_OF_VECTOR, NULL, NULL, NULL);
  OGRFeatureH f;
  int counts[WM_SYNTH_N_DEFECTS] = { 0 };
  static const char *const kinds[] = { "CODICE_FISCALE_NON_VALIDO", "SENZA_CORRISPONDENZA_ANAGRAFE",
                                       "RIGA_DUPLICATA", "DUE_INTESTATARI", "DATA_FUORI_INTERVALLO" };

  for (guint i = 2; i < persons->len; i++)
    g_hash_table_add (registry, g_strndup (g_ptr_array_index (persons, i), 16));
  while ((f = OGR_L_GetNextFeature (GDALDatasetGetLayer (ds, 0))) != NULL)
    {
      const char *file = OGR_F_GetFieldAsString (f, 0), *sheet = OGR_F_GetFieldAsString (f, 1);
      const char *kind = OGR_F_GetFieldAsString (f, 3), *code = OGR_F_GetFieldAsString (f, 4);
      int line = OGR_F_GetFieldAsInteger (f, 2), k;
      g_autofree char *key = g_strdup_printf ("%s/%s", file, sheet);
      GPtrArray *rows = g_hash_table_lookup (files, key);
      const char *row;
      g_auto(GStrv) cols = NULL;

      if (rows == NULL)
        g_hash_table_insert (files, g_strdup (key), rows = rows_of (with_defects (), file, sheet));
      g_assert_cmpint (line, >=, 2);
      g_assert_cmpint (line, <, rows->len);
      row = g_ptr_array_index (rows, line);
      cols = g_strsplit (row, ";", -1);
      for (k = 0; k < WM_SYNTH_N_DEFECTS && g_strcmp0 (kinds[k], kind) != 0; k++)
        ;
      if (k == WM_SYNTH_N_DEFECTS)
        g_error ("%s:%d: unknown defect %s", file, line, kind);
      counts[k]++;
      switch (k)
        {
        case WM_SYNTH_DEFECT_CF:
          g_assert_cmpstr (cols[0], ==, code);
          g_assert_false (wm_codice_fiscale_parse (code, NULL, NULL));
          break;
        case WM_SYNTH_DEFECT_NO_MATCH:
          g_assert_cmpstr (cols[0], ==, code);
          g_assert_true (wm_codice_fiscale_parse (code, NULL, NULL));
          g_assert_false (g_hash_table_contains (registry, code));
          break;
        case WM_SYNTH_DEFECT_DUPLICATE:
          g_assert_cmpstr (row, ==, g_ptr_array_index (rows, line - 1));
          break;
        case WM_SYNTH_DEFECT_TWO_REFS:
          g_assert_cmpstr (file, ==, "anagrafe_residenze.csv");
          g_assert_cmpstr (cols[2], ==, "01");
          break;
        case WM_SYNTH_DEFECT_DATE:
          if (g_str_equal (file, "isee.xlsx"))
            g_assert_true (g_str_has_prefix (cols[4], "2099/"));
          else if (g_str_equal (file, "assistenza_valutazioni.csv"))
            g_assert_cmpstr (cols[1], ==, "01/01/1900");
          else
            {
              g_autofree char *start = g_strdup_printf ("%.4s%.2s%.2s", cols[8] + 6, cols[8] + 3, cols[8]);
              g_autofree char *end = g_strdup_printf ("%.4s%.2s%.2s", cols[9] + 6, cols[9] + 3, cols[9]);

              g_assert_cmpstr (file, ==, "anagrafe_residenze.csv");
              g_assert_cmpstr (end, <, start);
            }
          break;
        default:
          g_assert_not_reached ();
        }
      OGR_F_Destroy (f);
    }
  GDALClose (ds);
  for (int k = 0; k < WM_SYNTH_N_DEFECTS; k++)
    {
      g_test_message ("%s: %d", kinds[k], counts[k]);
      g_assert_cmpint (counts[k], >, 0);
    }
}

/* Past the per-sheet limit rows continue on <base>_2, <base>_3…, and the
 * row a caller is told is where the row is (a 3-row limit stands in for
 * Excel's 1,048,575). */
static void
test_sheet_continuation (void)
{
  static const char *const fields[] = { "codice", "anno", "giorno", NULL };
  static const WmSynthCellType types[] = { WM_SYNTH_CELL_TEXT, WM_SYNTH_CELL_INT, WM_SYNTH_CELL_DATE };
  const char *drivers[] = { "ODS", "XLSX" }, *files[] = { "continua.ods", "continua.xlsx" };

  for (guint d = 0; d < G_N_ELEMENTS (drivers); d++)
    {
      g_autoptr(GError) error = NULL;
      WmSynthSheet *sh = wm_synth_sheet_open (tmp_root, files[d], drivers[d], "prova", fields, types, 3, &error);
      g_autoptr(GPtrArray) where = g_ptr_array_new_with_free_func (g_free);

      g_assert_no_error (error);
      for (int i = 0; i < 8; i++)
        {
          char code[8];
          guint64 row;

          g_snprintf (code, sizeof code, "R%d", i);
          wm_synth_sheet_text (sh, code);
          wm_synth_sheet_int (sh, 2000 + i);
          wm_synth_sheet_date (sh, wm_synth_julian (2020, 2, 28) + i);
          /* Row 4 is written twice. */
          row = i == 4 ? wm_synth_sheet_end_twice (sh) : wm_synth_sheet_end (sh);
          g_ptr_array_add (where, g_strdup_printf ("%s:%" G_GUINT64_FORMAT ":%s", wm_synth_sheet_name (sh), row, code));
        }
      g_assert_true (wm_synth_sheet_close (sh, &error));
      g_assert_no_error (error);
      /* 9 rows, 3 a sheet: R0 R1 R2 | R3 R4 R4 | R5 R6 R7; the duplicate is reported where its copy is. */
      g_assert_cmpstr (g_ptr_array_index (where, 0), ==, "prova:2:R0");
      g_assert_cmpstr (g_ptr_array_index (where, 3), ==, "prova_2:2:R3");
      g_assert_cmpstr (g_ptr_array_index (where, 4), ==, "prova_2:4:R4");
      g_assert_cmpstr (g_ptr_array_index (where, 5), ==, "prova_3:2:R5");
      g_assert_cmpstr (g_ptr_array_index (where, 7), ==, "prova_3:4:R7");
      for (guint k = 0; k < where->len; k++)
        {
          g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (where, k), ":", 3);
          g_autoptr(GPtrArray) rows = rows_of (tmp_root, files[d], parts[0]);
          int day = 28 + (int) k;
          g_autofree char *expected = g_strdup_printf ("%s;%u;2020/%02d/%02d", parts[2], 2000 + k,
                                                       day <= 29 ? 2 : 3, day <= 29 ? day : day - 29);

          g_assert_cmpint (rows->len, ==, 5);
          g_assert_cmpstr (g_ptr_array_index (rows, atoi (parts[1])), ==, expected);
        }
    }
}

/* Milano's case: sections without polygons, reached through a section → NIL
 * table; sections the table lacks (ISTAT's fictitious 8888… sections of
 * people without a fixed abode) keep their section code and get no point. */
static void
test_join_table (void)
{
  g_autofree char *data = wm_test_shared_path (NULL, NULL);
  g_autofree char *nil = wm_test_shared_path ("milano", "NILZone.EPSG4326.geojson", NULL);
  g_autofree char *sections = g_build_filename (tmp_root, "sezioni_milano.csv", NULL);
  g_autofree char *join = g_build_filename (tmp_root, "sezioni_nil.csv", NULL);
  g_autofree char *out = g_build_filename (tmp_root, "milano", NULL);
  g_autofree char *residences = NULL;
  g_autoptr(WmSynth) synth = wm_synth_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) polygons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) OGR_G_DestroyGeometry);
  GDALDatasetH ds;
  OGRFeatureH f;
  int inside = 0, unplaced = 0;

  /* Four real sections of 2011 (P1, P61 as in istat_2011_Milano.csv) and one fictitious. */
  wm_test_write_file (sections, "COMUNE;SEZ2011;P1;P61\n"
                      "Milano;151460000001;14;7\nMilano;151460000002;24;11\n"
                      "Milano;151460003096;328;107\nMilano;151460004000;113;50\n"
                      "Milano;151468888888;189;20\n", -1);
  wm_test_write_file (join, "SEZ2011;NIL\n151460000001;DUOMO\n151460000002;DUOMO\n"
                      "151460003096;GRATOSOGLIO - TICINELLO\n151460004000;BANDE NERE\n", -1);
  g_assert_true (wm_synth_set_place (synth, "milano", &error));
  wm_synth_set_data_dir (synth, data);
  wm_synth_set_option (synth, "sections", "file", sections);
  wm_synth_set_option (synth, "areas", "join", join);
  wm_synth_set_first_year (synth, 2011);
  wm_synth_set_years (synth, 2);
  wm_synth_set_defect_rate (synth, 0);
  g_assert_true (wm_synth_run (synth, out, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  ds = GDALOpenEx (nil, GDAL_OF_VECTOR, NULL, NULL, NULL);
  while ((f = OGR_L_GetNextFeature (GDALDatasetGetLayer (ds, 0))) != NULL)
    {
      g_hash_table_insert (polygons, g_strdup (OGR_F_GetFieldAsString (f, OGR_F_GetFieldIndex (f, "NIL"))),
                           OGR_G_Clone (OGR_F_GetGeometryRef (f)));
      OGR_F_Destroy (f);
    }
  GDALClose (ds);

  residences = g_build_filename (out, "anagrafe_residenze.csv", NULL);
  ds = GDALOpenEx (residences, GDAL_OF_VECTOR, NULL, NULL, NULL);
  while ((f = OGR_L_GetNextFeature (GDALDatasetGetLayer (ds, 0))) != NULL)
    {
      const char *sez = OGR_F_GetFieldAsString (f, OGR_F_GetFieldIndex (f, "sezione_censimento"));
      int x = OGR_F_GetFieldIndex (f, "x"), y = OGR_F_GetFieldIndex (f, "y");
      const char *area = g_str_equal (sez, "151460000001") || g_str_equal (sez, "151460000002") ? "DUOMO"
                       : g_str_equal (sez, "151460003096") ? "GRATOSOGLIO - TICINELLO"
                       : g_str_equal (sez, "151460004000") ? "BANDE NERE" : NULL;

      if (area == NULL)
        {
          g_assert_cmpstr (sez, ==, "151468888888");
          g_assert_false (OGR_F_IsFieldSetAndNotNull (f, x) && *OGR_F_GetFieldAsString (f, x) != '\0');
          g_assert_false (OGR_F_IsFieldSetAndNotNull (f, y) && *OGR_F_GetFieldAsString (f, y) != '\0');
          unplaced++;
        }
      else
        {
          OGRGeometryH pt = OGR_G_CreateGeometry (wkbPoint);

          g_assert_nonnull (g_hash_table_lookup (polygons, area));
          OGR_G_SetPoint_2D (pt, 0, OGR_F_GetFieldAsDouble (f, x), OGR_F_GetFieldAsDouble (f, y));
          g_assert_true (OGR_G_Contains (g_hash_table_lookup (polygons, area), pt));
          OGR_G_DestroyGeometry (pt);
          inside++;
        }
      OGR_F_Destroy (f);
    }
  GDALClose (ds);
  /* 668 residents in 2011, more rows with the moves of 2012. */
  g_assert_cmpint (inside, >=, 14 + 24 + 328 + 113);
  g_assert_cmpint (unplaced, >=, 150);
}

static gboolean
same_files (const char *a, const char *b)
{
  g_autoptr(GDir) dir = g_dir_open (a, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *pa = g_build_filename (a, name, NULL), *pb = g_build_filename (b, name, NULL);
      g_autofree char *ca = NULL, *cb = NULL;
      gsize la, lb;

      if (!g_file_get_contents (pa, &ca, &la, NULL) || !g_file_get_contents (pb, &cb, &lb, NULL))
        return FALSE;
      if (la != lb || memcmp (ca, cb, la) != 0)
        {
          g_test_message ("%s differs", name);
          return FALSE;
        }
    }
  return TRUE;
}

static void
test_determinism (void)
{
  g_autofree char *again = generate ("again", 42, 0.005, 3);
  g_autofree char *other = generate ("other", 43, 0.005, 3);

  g_assert_true (same_files (with_defects (), again));
  g_assert_false (same_files (with_defects (), other));
}

/* The civil-calendar arithmetic agrees with GDate, day by day from 1 AD to 2200. */
static void
test_dates (void)
{
  guint32 last = wm_synth_julian (2200, 12, 31);

  for (guint32 j = 1; j <= last; j++)
    {
      GDate date;
      int y, m, d;

      g_date_clear (&date, 1);
      g_date_set_julian (&date, j);
      wm_synth_dmy (j, &y, &m, &d);
      if (y != g_date_get_year (&date) || m != (int) g_date_get_month (&date) || d != g_date_get_day (&date) ||
          wm_synth_julian (y, m, d) != j)
        g_error ("day %u: %04d-%02d-%02d, GDate says %04d-%02d-%02d", j, y, m, d,
                 g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
    }
  /* Completed years: the day before a birthday, the birthday, 29 February. */
  g_assert_cmpint (wm_synth_age (wm_synth_julian (2000, 6, 15), wm_synth_julian (2021, 6, 14)), ==, 20);
  g_assert_cmpint (wm_synth_age (wm_synth_julian (2000, 6, 15), wm_synth_julian (2021, 6, 15)), ==, 21);
  g_assert_cmpint (wm_synth_age (wm_synth_julian (2000, 2, 29), wm_synth_julian (2021, 2, 28)), ==, 20);
  g_assert_cmpint (wm_synth_age (wm_synth_julian (2000, 2, 29), wm_synth_julian (2021, 3, 1)), ==, 21);
  g_assert_cmpint (wm_synth_age (wm_synth_julian (2000, 1, 1), wm_synth_julian (1999, 12, 31)), ==, -1);
}

/* A run of the profile @format… fails with @code, the message naming @fragment, and writes nothing. */
static void
expect_error (int code, const char *fragment, const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
expect_error (int code, const char *fragment, const char *format, ...)
{
  g_autofree char *path = g_build_filename (tmp_root, "bad.place", NULL);
  g_autofree char *profile_text = NULL;
  va_list args;
  g_autofree char *out = g_build_filename (tmp_root, "bad-out", NULL);
  g_autoptr(WmSynth) synth = wm_synth_new ();
  g_autoptr(GError) error = NULL;

  va_start (args, format);
  profile_text = g_strdup_vprintf (format, args);
  va_end (args);
  wm_test_write_file (path, profile_text, -1);
  g_assert_true (wm_synth_set_profile_file (synth, path, &error));
  wm_synth_set_years (synth, 1);
  g_assert_false (wm_synth_run (synth, out, NULL, NULL, NULL, &error));
  g_assert_error (error, WM_SYNTH_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, fragment));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

static void
test_bad_input (void)
{
  g_autofree char *data = wm_test_shared_path (NULL, NULL);
  g_autofree char *csv = g_build_filename (tmp_root, "sections.csv", NULL);
  g_autofree char *bands = g_build_filename (tmp_root, "bands.csv", NULL);
  g_autoptr(GString) header = g_string_new ("SEZ;P1");
  g_autoptr(GString) row = g_string_new ("1;10");
  g_autoptr(WmSynth) synth = wm_synth_new ();
  g_autoptr(GError) error = NULL;
  const char *head = "[place]\nname=Test\ncomune=L378\ncrs=EPSG:32632\ncensus-year=2021\n";

  g_assert_false (wm_synth_set_place (synth, "atlantide", &error));
  g_assert_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_PROFILE);
  g_clear_error (&error);

  /* Missing file. */
  expect_error (WM_SYNTH_ERROR_INPUT, "/nonexistent/sezioni.gpkg",
                "%s[sections]\nfile=/nonexistent/sezioni.gpkg\nid-field=SEZ\n", head);

  /* A variables scheme whose columns are not in the layer. */
  wm_test_write_file (csv, "SEZ;P1\n1;10\n2;20\n", -1);
  expect_error (WM_SYNTH_ERROR_COLUMN, "P30",
                "%s[sections]\nfile=%s\nid-field=SEZ\nvariables-scheme=istat2021\n", head, csv);

  /* A section layer without polygons and no areas to fall back on. */
  expect_error (WM_SYNTH_ERROR_GEOMETRY, "no polygons",
                "%s[sections]\nfile=%s\nid-field=SEZ\nvariables-scheme=istat2011\n", head, csv);

  /* The section code column is not there. */
  expect_error (WM_SYNTH_ERROR_COLUMN, "NOPE",
                "%s[sections]\nfile=%s/povo/sezioni_povo_istat_dtm.gpkg\nid-field=NOPE\n", head, data);

  /* An unknown variables scheme. */
  expect_error (WM_SYNTH_ERROR_PROFILE, "nonsense",
                "%s[sections]\nfile=%s\nid-field=SEZ\nvariables-scheme=nonsense\n", head, csv);

  /* Age bands that do not add up to P1 (10 residents, bands say 32). */
  for (int b = 0; b < 16; b++)
    {
      g_string_append_printf (header, ";P%d;P%d", 30 + b, 67 + b);
      g_string_append (row, ";1;1");
    }
  for (int k = 3; k <= 8; k++)
    {
      g_string_append_printf (header, ";PF%d", k);
      g_string_append (row, ";0");
    }
  g_string_append_printf (header, "\n%s\n", row->str);
  wm_test_write_file (bands, header->str, -1);
  expect_error (WM_SYNTH_ERROR_DATA, "add up to 32 but P1 says 10",
                "%s[sections]\nfile=%s\nid-field=SEZ\nvariables-scheme=istat2021\n", head, bands);

  /* A coordinate system nobody knows. */
  expect_error (WM_SYNTH_ERROR_PROFILE, "EPSG:999999",
                "[place]\nname=Test\ncomune=L378\ncrs=EPSG:999999\ncensus-year=2021\n"
                "[sections]\nfile=%s\nid-field=SEZ\n", csv);

  /* Sections with no variables and a profile that does not say how old people are. */
  wm_test_write_file (csv, "SEZ;P1\n1;10\n2;20\n", -1);
  expect_error (WM_SYNTH_ERROR_PROFILE, "age-males",
                "%s[sections]\nfile=%s/povo/sezioni_povo_istat_dtm.gpkg\nid-field=SEZ21_ID\nvariables-scheme=none\n"
                "[population]\ntotal=100\n", head, data);

  /* A profile missing its place. */
  expect_error (WM_SYNTH_ERROR_PROFILE, "[place]", "[sections]\nfile=x.gpkg\nid-field=SEZ\n");
}

#define GEOJSON_HEAD "{\"type\":\"FeatureCollection\",\"features\":["
#define SECTION(code, ring) "{\"type\":\"Feature\",\"properties\":{\"SEZ\":\"" code "\"}," \
                            "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[" ring "]}}"
#define SQUARE "[[11.120,46.050],[11.125,46.050],[11.125,46.055],[11.120,46.055],[11.120,46.050]]"
/* Self-intersecting: the two lobes cross at (11.115, 46.055). */
#define BOWTIE "[[11.110,46.050],[11.120,46.060],[11.120,46.050],[11.110,46.060],[11.110,46.050]]"
/* No area at all: every vertex on one line. */
#define FLAT   "[[11.130,46.050],[11.135,46.050],[11.140,46.050],[11.130,46.050]]"
#define PROFILE "[place]\nname=Test\ncomune=L378\ncrs=EPSG:4326\ncensus-year=2021\n" \
  "[sections]\nfile=%s\nid-field=SEZ\nvariables-scheme=none\n[population]\ntotal=120\n" \
  "age-males=5,5,5,5,6,6,7,7,7,7,6,6,5,5,4,6\nage-females=5,5,5,5,6,6,7,7,7,7,6,6,5,5,5,8\n" \
  "family-sizes=33,27,19,15,4,2\n"

/* A self-intersecting section polygon is repaired (a zero buffer) and its
 * addresses fall in the repaired polygon; one that cannot be repaired
 * stops the run, naming the file and the feature. */
static void
invalid_polygons (void)
{
  g_autofree char *layer = g_build_filename (tmp_root, "bowtie.geojson", NULL);
  g_autofree char *flat = g_build_filename (tmp_root, "flat.geojson", NULL);
  g_autofree char *profile = g_build_filename (tmp_root, "bowtie.place", NULL);
  g_autofree char *out = g_build_filename (tmp_root, "bowtie", NULL);
  g_autofree char *residences = g_build_filename (out, "anagrafe_residenze.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(WmSynth) synth = wm_synth_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) polygons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) OGR_G_DestroyGeometry);
  GDALDatasetH ds;
  OGRFeatureH f;
  int rows = 0;

  wm_test_write_file (layer, GEOJSON_HEAD SECTION ("1", BOWTIE) "," SECTION ("2", SQUARE) "]}", -1);
  text = g_strdup_printf (PROFILE, layer);
  wm_test_write_file (profile, text, -1);
  g_assert_true (wm_synth_set_profile_file (synth, profile, &error));
  wm_synth_set_first_year (synth, 2021);
  wm_synth_set_years (synth, 1);
  g_assert_true (wm_synth_run (synth, out, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  ds = GDALOpenEx (layer, GDAL_OF_VECTOR, NULL, NULL, NULL);
  while ((f = OGR_L_GetNextFeature (GDALDatasetGetLayer (ds, 0))) != NULL)
    {
      g_assert_false (g_str_equal (OGR_F_GetFieldAsString (f, 0), "1") && OGR_G_IsValid (OGR_F_GetGeometryRef (f)));
      g_hash_table_insert (polygons, g_strdup (OGR_F_GetFieldAsString (f, 0)), OGR_G_Buffer (OGR_F_GetGeometryRef (f), 0, 8));
      OGR_F_Destroy (f);
    }
  GDALClose (ds);
  ds = GDALOpenEx (residences, GDAL_OF_VECTOR, NULL, NULL, NULL);
  while ((f = OGR_L_GetNextFeature (GDALDatasetGetLayer (ds, 0))) != NULL)
    {
      OGRGeometryH pt = OGR_G_CreateGeometry (wkbPoint);

      OGR_G_SetPoint_2D (pt, 0, OGR_F_GetFieldAsDouble (f, OGR_F_GetFieldIndex (f, "x")),
                         OGR_F_GetFieldAsDouble (f, OGR_F_GetFieldIndex (f, "y")));
      g_assert_true (OGR_G_Contains (g_hash_table_lookup (polygons, OGR_F_GetFieldAsString (f, OGR_F_GetFieldIndex (f, "sezione_censimento"))), pt));
      OGR_G_DestroyGeometry (pt);
      OGR_F_Destroy (f);
      rows++;
    }
  GDALClose (ds);
  g_assert_cmpint (rows, >=, 120);

  /* The flat polygon is feature 1 of its file. */
  wm_test_write_file (flat, GEOJSON_HEAD SECTION ("2", SQUARE) "," SECTION ("3", FLAT) "]}", -1);
  expect_error (WM_SYNTH_ERROR_GEOMETRY, "flat.geojson: feature 1: the polygon cannot be repaired", PROFILE, flat);
}

/* The repair is said, naming file and feature (structured logging: seen on stderr). */
static void
test_invalid_polygons (void)
{
  if (g_test_subprocess ())
    {
      invalid_polygons ();
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*bowtie.geojson: feature 0: the polygon was invalid and has been repaired*");
}

static void
test_existing_output (void)
{
  g_autoptr(WmSynth) synth = wm_synth_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (wm_synth_set_place (synth, "povo", &error));
  g_assert_false (wm_synth_run (synth, clean (), NULL, NULL, NULL, &error));
  g_assert_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_OUTPUT);
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  GDALAllRegister ();
  tmp_root = wm_test_tmpdir ();

  g_test_add_func ("/synth/calibration", test_calibration);
  g_test_add_func ("/synth/addresses", test_addresses);
  g_test_add_func ("/synth/indicators", test_indicators);
  g_test_add_func ("/synth/codici-fiscali", test_codici_fiscali);
  g_test_add_func ("/synth/defects-manifest", test_defects_manifest);
  g_test_add_func ("/synth/sheet-continuation", test_sheet_continuation);
  g_test_add_func ("/synth/join-table", test_join_table);
  g_test_add_func ("/synth/determinism", test_determinism);
  g_test_add_func ("/synth/dates", test_dates);
  g_test_add_func ("/synth/bad-input", test_bad_input);
  g_test_add_func ("/synth/invalid-polygons", test_invalid_polygons);
  g_test_add_func ("/synth/existing-output", test_existing_output);

  rc = g_test_run ();
  wm_test_rmdir (tmp_root);
  g_free (tmp_root);
  g_free (clean_dir);
  g_free (defect_dir);
  return rc;
}
