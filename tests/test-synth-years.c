/* test-synth-years.c — the synthetic Povo over ten years, read back independently of the generator
 *
 * The sources of 2015–2024 are read through GDAL into SQLite and every
 * figure is a plain SQL count, as in test-synth.c; the census figures come
 * from the section layer, the trends from ISTAT's published series.
 * What is checked is what went wrong before: low education was 0 in every
 * year, IVSM components drifted far from the census year going backwards
 * (NEET 19% in 2015 against 11% in 2021) or forwards (care hardship from
 * 2.8% to 6.0% in three years), residence rows ended before they started
 * without being listed as a defect.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <gdal.h>
#include <math.h>
#include <ogr_api.h>
#include <string.h>

#include "wm-test-synth.h"
#include "wm-test-util.h"

#define FIRST 2015
#define YEARS 10
#define CENSUS 2021

static char *tmp_root;
static char *decade_dir;    /* Povo 2015–2024, seed 42, no defects */

static const char *
decade (void)
{
  if (decade_dir == NULL)
    decade_dir = wm_test_synth_generate (tmp_root, "decade", FIRST, YEARS, 42, 0);
  return decade_dir;
}

/* The sources as tables of their own: one row per residence row, person
 * (year of birth), condition of a year, title, dwelling. */
static sqlite3 *
sources_db (const char *dir)
{
  sqlite3 *db = wm_test_synth_open (dir);

  g_assert_cmpint (sqlite3_exec (db,
    "CREATE TABLE born AS SELECT DISTINCT codice_fiscale AS cf, CAST(substr(data_nascita, 7, 4) AS INTEGER) AS by"
    "  FROM persone;"
    "CREATE INDEX born_cf ON born (cf);"
    "CREATE TABLE res AS SELECT rowid + 1 AS line, codice_fiscale AS cf, codice_famiglia AS fam,"
    "  rapporto_parentela AS rel, codice_abitazione AS dw, sezione_censimento AS sez, " ISO ("data_inizio") " AS s,"
    "  CASE WHEN data_fine IS NULL THEN '9999-12-31' ELSE " ISO ("data_fine") " END AS e FROM residenze;"
    "CREATE INDEX res_fam ON res (fam);"
    "CREATE TABLE work AS SELECT DISTINCT codice_fiscale AS cf, CAST(anno AS INTEGER) AS y, condizione AS c FROM lavoro;"
    "CREATE INDEX work_cf ON work (cf, y);"
    "CREATE TABLE title AS SELECT DISTINCT codice_fiscale AS cf,"
    "  CASE titolo_studio WHEN 'NESSUNO' THEN 0 WHEN 'ELEMENTARE' THEN 1 WHEN 'MEDIA' THEN 2"
    "    WHEN 'DIPLOMA' THEN 3 WHEN 'LAUREA' THEN 4 END AS level,"
    "  CAST(anno_conseguimento AS INTEGER) AS y FROM istruzione;"
    "CREATE INDEX title_cf ON title (cf);"
    "CREATE TABLE dwelling AS SELECT codice_abitazione AS dw, CAST(superficie_mq AS INTEGER) AS m2 FROM abitazioni;"
    "CREATE INDEX dwelling_dw ON dwelling (dw);",
    NULL, NULL, NULL), ==, SQLITE_OK);
  return db;
}

/* The residents of 31 December @year with their age then (completed years
 * on 31 December are the year minus the year of birth), their families
 * and their dwellings, as DESIGN.md §5 counts them. */
static void
year_tables (sqlite3 *db, int year)
{
  g_autofree char *sql = g_strdup_printf (
    "DROP TABLE IF EXISTS yr; DROP TABLE IF EXISTS fy; DROP TABLE IF EXISTS occ;"
    "CREATE TABLE yr AS SELECT r.cf, fam, rel, dw, sez, %d - b.by AS age FROM res r JOIN born b USING (cf)"
    "  WHERE s <= '%d-12-31' AND e > '%d-12-31';"
    "CREATE INDEX yr_cf ON yr (cf);"
    "CREATE TABLE fy AS SELECT fam, count(*) AS n, min(age) AS youngest, max(age) AS oldest,"
    "  sum(rel = '03') AS children, sum(rel IN ('02', '10')) AS partners,"
    "  max(CASE WHEN rel = '01' THEN age END) AS ref_age,"
    "  sum(EXISTS (SELECT 1 FROM work w WHERE w.cf = yr.cf AND w.y = %d AND w.c IN ('OCCUPATO', 'PENSIONATO'))) AS earners"
    "  FROM yr WHERE fam NOT LIKE 'C%%' GROUP BY fam;"
    "CREATE TABLE occ AS SELECT yr.dw, count(*) AS n, d.m2 FROM yr JOIN dwelling d USING (dw)"
    "  WHERE fam NOT LIKE 'C%%' GROUP BY yr.dw;",
    year, year, year, year);

  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

/* The IVSM components (DESIGN.md §5), as numerator and denominator. */
enum { LOW_EDUCATION, LARGE, SINGLE_PARENT, CARE, OVERCROWDING, NEET, ECONOMIC, N_COMPONENTS };

static const char *const names[N_COMPONENTS] = {
  "low education", "large families", "single parent", "care hardship", "overcrowding", "NEET", "economic hardship",
};

static const char *const queries[N_COMPONENTS] = {
  "SELECT sum(t.level <= 1), count(*) FROM yr JOIN title t USING (cf) WHERE age BETWEEN 25 AND 64",
  "SELECT sum(n >= 6), count(*) FROM fy",
  "SELECT sum(ref_age < 65 AND children > 0 AND partners = 0), count(*) FROM fy",
  "SELECT sum(youngest >= 65 AND oldest >= 80), count(*) FROM fy",
  "SELECT sum(CASE WHEN (m2 < 40 AND n > 4) OR (m2 >= 40 AND m2 < 60 AND n > 5) OR (m2 >= 60 AND m2 < 80 AND n > 6)"
  " THEN n ELSE 0 END), sum(n) FROM occ",
  "SELECT sum(w.c NOT IN ('OCCUPATO', 'STUDENTE')), count(*) FROM yr JOIN work w ON w.cf = yr.cf AND w.y = ?"
  " WHERE age BETWEEN 15 AND 29",
  "SELECT sum(children > 0 AND ref_age < 65 AND earners = 0), count(*) FROM fy",
};

static void
component (sqlite3 *db, int which, int year, double *num, double *den)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, queries[which], -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int (stmt, 1, year);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  *num = sqlite3_column_double (stmt, 0);
  *den = sqlite3_column_double (stmt, 1);
  g_assert_cmpfloat (*den, >, 0);
}

/* Italy's young people (15–29) neither in employment nor in education or
 * training and employment rate at 20–64, % (ISTAT's labour-force survey,
 * Eurostat edat_lfse_20 and lfsi_emp_a). */
static const double italy_neet[YEARS] = { 25.7, 24.3, 24.1, 23.4, 22.2, 23.3, 23.1, 19.0, 16.1, 15.2 };
static const double italy_employment[YEARS] = { 60.5, 61.6, 62.3, 63.0, 63.5, 62.6, 62.7, 64.8, 66.3, 67.1 };

/* What a component should be in @year given the census year's: NEET as
 * Italy's NEET rate, families where nobody works as Italy's share of
 * adults without a job; the others have no published trend that big. */
static double
expected (int which, const double *value, int year)
{
  double census = value[CENSUS - FIRST];

  if (which == NEET)
    return census * italy_neet[year - FIRST] / italy_neet[CENSUS - FIRST];
  if (which == ECONOMIC)
    return census * (100 - italy_employment[year - FIRST]) / (100 - italy_employment[CENSUS - FIRST]);
  return census;
}

/* Year on year, every component moves by at most a fifth plus twice the
 * binomial standard error of a share of that size (a small town's counts
 * are noisy: ~40 large families, ~20 crowded dwellings), plus for NEET
 * Italy's own change that year; and over the whole period every year is
 * within 0.6–1.5 times what the census year and the published trends say
 * (the same allowance for noise). Low education falls as the cohorts
 * without a diploma turn 65 (ISTAT: the share of adults with primary
 * school at most, among persons of 9 and over, went from 26.7% in 2011 to
 * 20.6% in 2019, and faster at 25–64, where the old leave the age group
 * rather than die), so it is only held to falling, and to no more than
 * twice the census year's in 2015. */
static void
test_years (void)
{
  sqlite3 *db = sources_db (decade ());
  double value[N_COMPONENTS][YEARS], den[N_COMPONENTS][YEARS];

  for (int y = 0; y < YEARS; y++)
    {
      g_autoptr(GString) line = g_string_new (NULL);

      year_tables (db, FIRST + y);
      for (int c = 0; c < N_COMPONENTS; c++)
        {
          double num;

          component (db, c, FIRST + y, &num, &den[c][y]);
          value[c][y] = num / den[c][y];
          g_string_append_printf (line, " %6.2f", 100 * value[c][y]);
        }
      g_test_message ("%d %s", FIRST + y, line->str);
    }

  for (int c = 0; c < N_COMPONENTS; c++)
    {
      for (int y = 0; y + 1 < YEARS; y++)
        {
          double a = value[c][y], b = value[c][y + 1], mean = (a + b) / 2;
          double se = sqrt (mean * (1 - mean) / ((den[c][y] + den[c][y + 1]) / 2));
          double allowed = 0.2 * MAX (a, b) + 2 * se;

          if (c == NEET)
            allowed += a * fabs (italy_neet[y + 1] / italy_neet[y] - 1);
          if (fabs (b - a) > allowed)
            g_error ("%s: %.2f%% in %d, %.2f%% in %d (at most %.2f points apart)", names[c],
                     100 * a, FIRST + y, 100 * b, FIRST + y + 1, 100 * allowed);
        }
      if (c == LOW_EDUCATION)
        continue;
      for (int y = 0; y < YEARS; y++)
        {
          double e = expected (c, value[c], FIRST + y), se = sqrt (e * (1 - e) / den[c][y]);

          if (value[c][y] < 0.6 * e - 2 * se || value[c][y] > 1.5 * e + 2 * se)
            g_error ("%s: %.2f%% in %d, %.2f%% expected from the census year", names[c],
                     100 * value[c][y], FIRST + y, 100 * e);
        }
    }
  g_assert_cmpfloat (value[LOW_EDUCATION][0], >=, value[LOW_EDUCATION][CENSUS - FIRST]);
  g_assert_cmpfloat (value[LOW_EDUCATION][0], <=, 2 * value[LOW_EDUCATION][CENSUS - FIRST]);
  g_assert_cmpfloat (value[LOW_EDUCATION][YEARS - 1], <=, value[LOW_EDUCATION][CENSUS - FIRST]);
  sqlite3_close_v2 (db);
}

/* Titles of study on census day are each section's census counts of
 * residents of 9 and over (P86–P90: none, primary, lower and upper
 * secondary, degree). A title obtained after 2021 was the one below it
 * on census day: a pupil gains one title at a time, three years apart at
 * least. Low education at 25–64 is neither zero nor more than the census
 * leaves for adults, and differs from section to section. */
static void
test_education (void)
{
  sqlite3 *db = sources_db (decade ());
  g_autofree char *sections = wm_test_shared_path ("povo", "sezioni_povo_istat_dtm.gpkg", NULL);
  GDALDatasetH ds = GDALOpenEx (sections, GDAL_OF_VECTOR, NULL, NULL, NULL);
  OGRFeatureH f;
  double census_low = 0, children, adults, low, spread;
  int checked = 0;

  year_tables (db, CENSUS);
  g_assert_cmpint (sqlite3_exec (db,
    "CREATE TABLE titled AS SELECT yr.sez, yr.age, t.level - (t.y IS NOT NULL AND t.y > 2021) AS level"
    "  FROM yr JOIN title t USING (cf) WHERE yr.age >= 9;", NULL, NULL, NULL), ==, SQLITE_OK);
  /* Everybody of 9 and over has a title row. */
  g_assert_cmpfloat (wm_test_synth_scalar (db, "SELECT count(*) FROM titled"), ==,
                     wm_test_synth_scalar (db, "SELECT count(*) FROM yr WHERE age >= 9"));
  while ((f = OGR_L_GetNextFeature (GDALDatasetGetLayer (ds, 0))) != NULL)
    {
      const char *code = OGR_F_GetFieldAsString (f, OGR_F_GetFieldIndex (f, "SEZ21_ID"));

      if (OGR_F_IsFieldSetAndNotNull (f, OGR_F_GetFieldIndex (f, "P86")))
        {
          for (int level = 0; level < 5; level++)
            {
              g_autofree char *var = g_strdup_printf ("P%d", 86 + level);

              g_assert_cmpint ((int) wm_test_synth_scalar (db, "SELECT count(*) FROM titled WHERE sez = '%s' AND level = %d",
                                                           code, level),
                               ==, OGR_F_GetFieldAsInteger (f, OGR_F_GetFieldIndex (f, var)));
            }
          census_low += OGR_F_GetFieldAsInteger (f, OGR_F_GetFieldIndex (f, "P86")) +
                        OGR_F_GetFieldAsInteger (f, OGR_F_GetFieldIndex (f, "P87"));
          checked++;
        }
      OGR_F_Destroy (f);
    }
  GDALClose (ds);
  g_assert_cmpint (checked, >=, 60);

  /* 9–13-year-olds hold primary school at most (they finish it at 11 and
   * the lower secondary at 14), so at most the rest of the census's low
   * titles belong to adults of 25–64. */
  children = wm_test_synth_scalar (db, "SELECT count(*) FROM yr WHERE age BETWEEN 9 AND 13");
  adults = wm_test_synth_scalar (db, "SELECT count(*) FROM titled WHERE age BETWEEN 25 AND 64");
  low = wm_test_synth_scalar (db, "SELECT avg(level <= 1) FROM titled WHERE age BETWEEN 25 AND 64");
  spread = wm_test_synth_scalar (db, "SELECT max(r) - min(r) FROM (SELECT avg(level <= 1) AS r FROM titled"
                                     " WHERE age BETWEEN 25 AND 64 GROUP BY sez HAVING count(*) >= 100)");
  g_test_message ("low education in 2021: %.2f%% of %.0f adults of 25–64 (census bound %.2f%%), spread %.2f points",
                  100 * low, adults, 100 * (census_low - children) / adults, 100 * spread);
  g_assert_cmpfloat (low, >, 0.01);
  g_assert_cmpfloat (low * adults, <=, census_low - children);
  g_assert_cmpfloat (spread, >=, 0.5 * low);
  sqlite3_close_v2 (db);
}

/* No residence row ends on or before the day it starts unless the defects
 * manifest lists it as a date out of range; the deliberate second reference
 * person is always beside a reference person of the same family, so no
 * one-member family has two. */
static void
test_residence_dates (void)
{
  g_autofree char *defects = wm_test_synth_generate (tmp_root, "defects", 2018, 5, 7, 0.01);
  sqlite3 *clean_db = sources_db (decade ());
  sqlite3 *db = sources_db (defects);

  g_assert_cmpfloat (wm_test_synth_scalar (clean_db, "SELECT count(*) FROM res WHERE e <= s"), ==, 0);
  g_assert_cmpfloat (wm_test_synth_scalar (db,
    "SELECT count(*) FROM res r WHERE e <= s AND NOT EXISTS (SELECT 1 FROM difetti d"
    " WHERE d.file = 'anagrafe_residenze.csv' AND d.difetto = 'DATA_FUORI_INTERVALLO' AND CAST(d.riga AS INTEGER) = r.line)"),
    ==, 0);
  g_assert_cmpfloat (wm_test_synth_scalar (db,
    "SELECT count(*) FROM difetti WHERE file = 'anagrafe_residenze.csv' AND difetto = 'DATA_FUORI_INTERVALLO'"), >, 0);

  g_assert_cmpfloat (wm_test_synth_scalar (db,
    "SELECT count(*) FROM difetti WHERE file = 'anagrafe_residenze.csv' AND difetto = 'DUE_INTESTATARI'"), >, 0);
  g_assert_cmpfloat (wm_test_synth_scalar (db,
    "SELECT count(*) FROM difetti d JOIN res r ON r.line = CAST(d.riga AS INTEGER)"
    " WHERE d.file = 'anagrafe_residenze.csv' AND d.difetto = 'DUE_INTESTATARI' AND NOT EXISTS ("
    "  SELECT 1 FROM res o WHERE o.fam = r.fam AND o.line <> r.line AND o.rel = '01' AND o.e > o.s"
    "  AND o.s < r.e AND o.e > r.s)"), ==, 0);
  sqlite3_close_v2 (db);
  sqlite3_close_v2 (clean_db);
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  GDALAllRegister ();
  tmp_root = wm_test_tmpdir ();

  g_test_add_func ("/synth-years/years", test_years);
  g_test_add_func ("/synth-years/education", test_education);
  g_test_add_func ("/synth-years/residence-dates", test_residence_dates);

  rc = g_test_run ();
  wm_test_rmdir (tmp_root);
  g_free (tmp_root);
  g_free (decade_dir);
  return rc;
}
