/* bench-importer.c — import throughput on a generated city
 *
 * A population of 100,000 persons in Palermo's 2,874 census sections,
 * written as the default layout's CSV files (education and ISEE as CSV
 * too: writing 100,000-row spreadsheets would dominate the run), then
 * imported with the full pipeline: validation, linkage, pseudonyms,
 * point in polygon, two in-memory databases. The peer is GDAL alone
 * reading every cell of the same files as text: the floor any importer
 * stands on.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <gdal.h>
#include <ogr_api.h>
#include <stdio.h>

#include "wm-bench.h"
#include "wm-codice-fiscale.h"
#include "wm-importer.h"
#include "wm-spatial-index.h"
#include "wm-test-util.h"

#define N_PERSONS 100000

static const char *const files[] = {
  "anagrafe_persone.csv", "anagrafe_residenze.csv", "abitazioni.csv", "lavoro.csv", "istruzione.csv",
  "isee.csv", "assistenza_interventi.csv",
};

static const char mapping_text[] =
  "[import]\nbase=%s\nmunicipality_name=Palermo (bench)\nfirst_year=2020\nlast_year=2024\n"
  "metric_crs=EPSG:32633\nmax_date=2025-06-30\n"
  "[source residences]\ncrs=EPSG:4326\n"
  "[source education]\nfile=istruzione.csv\n"
  "[source isee]\nfile=isee.csv\n"
  "[source care_needs]\nfile=assistenza_valutazioni.csv\n"
  "[source service_sites]\nfile=servizi.csv\n"
  "[source isee_thresholds]\nfile=soglie_isee.csv\n"
  "[layer sections]\nname=Sezioni\nlevel=0\nfile=%s\ncode_field=sez2011\njoin=geometry\n";

/* A point inside a random section: rejection sampling over the box. */
static void
random_point (GRand          *rand,
              WmSpatialIndex *index,
              const double   *bbox,
              double         *x,
              double         *y)
{
  do
    {
      *x = g_rand_double_range (rand, bbox[0], bbox[2]);
      *y = g_rand_double_range (rand, bbox[1], bbox[3]);
    }
  while (wm_spatial_index_locate (index, *x, *y) < 0);
}

static WmSpatialIndex *
load_sections (const char *path,
               double     *bbox)
{
  WmSpatialIndex *index = wm_spatial_index_new ();
  GDALDatasetH ds = GDALOpenEx (path, GDAL_OF_VECTOR, NULL, NULL, NULL);
  OGRLayerH layer = GDALDatasetGetLayer (ds, 0);
  OGRFeatureH f;
  OGREnvelope env;

  OGR_L_GetExtent (layer, &env, TRUE);
  bbox[0] = env.MinX; bbox[1] = env.MinY; bbox[2] = env.MaxX; bbox[3] = env.MaxY;
  while ((f = OGR_L_GetNextFeature (layer)) != NULL)
    {
      OGRGeometryH g = OGR_F_GetGeometryRef (f);
      gsize len = OGR_G_WkbSize (g);
      g_autofree guint8 *wkb = g_malloc (len);

      OGR_G_ExportToWkb (g, wkbNDR, wkb);
      wm_spatial_index_add_wkb (index, wkb, len, NULL, NULL);
      OGR_F_Destroy (f);
    }
  GDALClose (ds);
  wm_spatial_index_build (index);
  return index;
}

static void
save (const char *dir,
      const char *name,
      GString    *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, text->str, text->len, NULL);
}

/* Families of 1–5 in their own dwellings; a tenth of persons moved once;
 * adults work five years; a third of families declare ISEE. */
static gint64
generate (const char *dir,
          const char *sections)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GString *persons = g_string_new ("codice_fiscale;cognome;nome;sesso;data_nascita;comune_nascita;cittadinanza;data_decesso\n");
  GString *residences = g_string_new ("codice_fiscale;codice_famiglia;rapporto_parentela;codice_abitazione;indirizzo;"
                                      "sezione_censimento;x;y;data_inizio;data_fine;motivo_fine\n");
  GString *dwellings = g_string_new ("codice_abitazione;superficie_mq;numero_stanze;titolo_godimento\n");
  GString *work = g_string_new ("codice_fiscale;anno;condizione\n");
  GString *education = g_string_new ("codice_fiscale;titolo_studio\n");
  GString *isee = g_string_new ("codice_fiscale_dichiarante;codice_famiglia;anno;valore_isee;data_presentazione\n");
  GString *services = g_string_new ("codice_fiscale;codice_famiglia;codice_prestazione;area_utenza;data_inizio;"
                                    "data_fine;importo\n");
  const char *conditions[] = { "OCCUPATO", "DISOCCUPATO", "PENSIONATO", "CASALINGA" };
  const char *titles[] = { "NESSUNO", "ELEMENTARE", "MEDIA", "DIPLOMA", "LAUREA" };
  const char *tenures[] = { "PROPRIETA", "AFFITTO", "ERP", "ALTRO" };
  double bbox[4];
  g_autoptr(WmSpatialIndex) index = load_sections (sections, bbox);
  gint64 rows = 0;
  int person = 0, family = 0;

  while (person < N_PERSONS)
    {
      int size = g_rand_int_range (rand, 1, 6);
      double x, y;
      int year = g_rand_int_range (rand, 1945, 1995);
      g_autofree char *reference_cf = NULL;

      family++;
      random_point (rand, index, bbox, &x, &y);
      g_string_append_printf (dwellings, "A%06d;%d;%d;%s\n", family, g_rand_int_range (rand, 30, 160),
                              g_rand_int_range (rand, 1, 7), tenures[g_rand_int_range (rand, 0, 4)]);
      rows++;
      for (int m = 0; m < size && person < N_PERSONS; m++, person++)
        {
          /* children born before 2010, when every residence here starts */
          int gap = m < 2 ? g_rand_int_range (rand, -3, 4) : g_rand_int_range (rand, 20, 30);
          int by = m < 2 ? year + gap : MIN (year + gap, 2009);
          int bm = g_rand_int_range (rand, 1, 13), bd = g_rand_int_range (rand, 1, 29);
          WmSex sex = m == 1 ? WM_SEX_FEMALE : g_rand_boolean (rand) ? WM_SEX_MALE : WM_SEX_FEMALE;
          g_autofree char *surname = g_strdup_printf ("COGNOME%c%c%c", 'B' + family % 20, 'C' + family / 20 % 20,
                                                      'D' + family / 400 % 20);
          g_autofree char *name = g_strdup_printf ("NOME%c%c", 'B' + person % 19, 'F' + person / 19 % 19);
          char *cf = wm_codice_fiscale_compute (surname, name, sex, by, bm, bd, "G273");

          if (g_hash_table_contains (codes, cf))
            {
              char *omo = wm_codice_fiscale_omocode (cf, 1);

              g_free (cf);
              cf = omo;
            }
          g_hash_table_add (codes, cf);
          g_string_append_printf (persons, "%s;%s;%s;%c;%02d/%02d/%04d;G273;%s;\n", cf, surname, name,
                                  sex == WM_SEX_MALE ? 'M' : 'F', bd, bm, by, person % 20 == 0 ? "436" : "100");
          if (person % 10 == 0)
            {
              /* moved in from elsewhere in the city in 2018 */
              g_string_append_printf (residences, "%s;P%06d;01;B%06d;Via Prima %d;;%.6f;%.6f;01/01/2010;01/06/2018;"
                                      "TRASF\n", cf, person, person, person, x + 0.001, y);
              g_string_append_printf (residences, "%s;%06d;%02d;A%06d;Via %d;;%.6f;%.6f;01/06/2018;;\n", cf, family,
                                      m == 0 ? 1 : m == 1 ? 2 : 3, family, family, x, y);
              rows += 2;
            }
          else
            {
              g_string_append_printf (residences, "%s;%06d;%02d;A%06d;Via %d;;%.6f;%.6f;01/01/2010;;\n", cf, family,
                                      m == 0 ? 1 : m == 1 ? 2 : 3, family, family, x, y);
              rows++;
            }
          if (m < 2)
            {
              for (int wy = 2020; wy <= 2024; wy++)
                g_string_append_printf (work, "%s;%d;%s\n", cf, wy, conditions[g_rand_int_range (rand, 0, 4)]);
              g_string_append_printf (education, "%s;%s\n", cf, titles[g_rand_int_range (rand, 0, 5)]);
              rows += 6;
            }
          if (m == 0)
            reference_cf = g_strdup (cf);
          if (person % 20 == 7)
            {
              g_string_append_printf (services, "%s;;A2.01;ELD;01/03/2022;;\n", cf);
              rows++;
            }
        }
      if (family % 3 == 0)
        for (int iy = 2022; iy <= 2024; iy++)
          {
            g_string_append_printf (isee, "%s;;%d;%d,%02d;15/02/%d\n", reference_cf, iy,
                                    g_rand_int_range (rand, 2000, 40000), g_rand_int_range (rand, 0, 100), iy);
            rows++;
          }
    }
  rows += N_PERSONS;

  save (dir, "anagrafe_persone.csv", persons);
  save (dir, "anagrafe_residenze.csv", residences);
  save (dir, "abitazioni.csv", dwellings);
  save (dir, "lavoro.csv", work);
  save (dir, "istruzione.csv", education);
  save (dir, "isee.csv", isee);
  save (dir, "assistenza_interventi.csv", services);
  {
    GString *empty[] = {
      g_string_new ("codice_fiscale;data_valutazione;livello_bisogno;data_scadenza\n"),
      g_string_new ("nome;area_utenza;categoria;indirizzo;destinatari;orari;capienza;lon;lat\n"),
      g_string_new ("anno;soglia\n2024;9360,00\n"),
    };
    const char *names[] = { "assistenza_valutazioni.csv", "servizi.csv", "soglie_isee.csv" };

    for (guint i = 0; i < G_N_ELEMENTS (empty); i++)
      {
        save (dir, names[i], empty[i]);
        g_string_free (empty[i], TRUE);
      }
  }
  g_string_free (persons, TRUE);
  g_string_free (residences, TRUE);
  g_string_free (dwellings, TRUE);
  g_string_free (work, TRUE);
  g_string_free (education, TRUE);
  g_string_free (isee, TRUE);
  g_string_free (services, TRUE);
  return rows;
}

typedef struct {
  char *dir;
  char *mapping;
  char *boundaries;
  gint64 rows_read;
  gint64 persons;
  WmImportReport *report;
} Bench;

static void
run_import (gpointer data)
{
  Bench *b = data;
  WmImportMapping *mapping = wm_import_mapping_load (b->mapping, NULL);
  g_autoptr(WmImporter) importer = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (mapping);
  wm_import_mapping_set_sources_dir (mapping, b->dir);
  importer = wm_importer_new (mapping);
  if (!wm_importer_run (importer, NULL, &error))
    g_error ("%s", error->message);
  b->persons = wm_import_report_get_count (wm_importer_get_report (importer), "persons", WM_IMPORT_COUNT_LINKED);
  g_set_object (&b->report, wm_importer_get_report (importer));
}

/* GDAL alone: every cell of every file, as text. */
static void
run_raw (gpointer data)
{
  Bench *b = data;
  const char *const options[] = { "AUTODETECT_TYPE=NO", NULL };

  b->rows_read = 0;
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (b->dir, files[i], NULL);
      GDALDatasetH ds = GDALOpenEx (path, GDAL_OF_VECTOR, NULL, options, NULL);
      OGRLayerH layer = GDALDatasetGetLayer (ds, 0);
      OGRFeatureH f;
      gsize bytes = 0;

      while ((f = OGR_L_GetNextFeature (layer)) != NULL)
        {
          for (int k = 0; k < OGR_F_GetFieldCount (f); k++)
            bytes += strlen (OGR_F_GetFieldAsString (f, k));
          OGR_F_Destroy (f);
          b->rows_read++;
        }
      GDALClose (ds);
      g_assert_cmpuint (bytes, >, 0);
    }
}

int
main (int argc, char **argv)
{
  g_autofree char *sections = wm_test_shared_path ("palermo", "sezioni_2011.geojson", NULL);
  g_autofree char *povo = g_build_filename (WM_SOURCE_ROOT, "data", "mapping", "povo.ini", NULL);
  g_autofree char *text = NULL;
  Bench b = { 0 };
  gint64 rows;
  double t_import, t_raw;

  GDALAllRegister ();
  b.dir = wm_test_tmpdir ();
  b.mapping = g_build_filename (b.dir, "mapping.ini", NULL);
  text = g_strdup_printf (mapping_text, povo, sections);
  g_file_set_contents (b.mapping, text, -1, NULL);
  rows = generate (b.dir, sections);

  t_raw = wm_bench_best_of (3, run_raw, &b);
  t_import = wm_bench_best_of (1, run_import, &b);
  g_assert_cmpint (b.rows_read, ==, rows);

  wm_bench_report ("importer.rows_per_s", rows / t_import, "rows/s",
                   "%" G_GINT64_FORMAT " rows, %" G_GINT64_FORMAT " persons imported in %.2f s; %.1f× GDAL's bare "
                   "read of the same files (%.2f s); peak RSS %.0f MiB",
                   rows, b.persons, t_import, t_import / t_raw, t_raw, wm_bench_peak_rss_mib ());
  {
    g_autofree char *summary = wm_import_report_get_summary (b.report, "residences");

    g_print ("  residences: %s\n", summary);
  }
  g_clear_object (&b.report);
  wm_test_rmdir (b.dir);
  g_free (b.dir);
  g_free (b.mapping);
  return 0;
}
