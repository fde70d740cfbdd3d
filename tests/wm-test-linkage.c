/* wm-test-linkage.c — the hand-made linkage fixture, ready to import
 *
 * tests/fixtures/linkage holds text files only; the two spreadsheets the
 * default layout has (isee.xlsx, istruzione.ods) are made here by GDAL
 * from the hand-written CSVs next to them, as an office would export them.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <gdal.h>
#include <gdal_utils.h>

#include "wm-test-linkage.h"
#include "wm-test-util.h"

/* A file of tests/fixtures/linkage. */
char *
wm_test_linkage_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "linkage", name, NULL);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *data = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (from, &data, &len, NULL));
  wm_test_write_file (to, data, len);
}

static void
make_sheet (const char        *csv,
            const char        *out,
            const char        *format,
            const char *const *open_options)
{
  char *argv[] = { (char *) "-f", (char *) format, NULL };
  GDALVectorTranslateOptions *options = GDALVectorTranslateOptionsNew (argv, NULL);
  GDALDatasetH src = GDALOpenEx (csv, GDAL_OF_VECTOR, NULL, open_options, NULL);
  GDALDatasetH dst;
  int usage_error = 0;

  g_assert_nonnull (src);
  dst = GDALVectorTranslate (out, NULL, 1, &src, options, &usage_error);
  g_assert_nonnull (dst);
  GDALClose (dst);
  GDALClose (src);
  GDALVectorTranslateOptionsFree (options);
}

/* Every source of the fixture in @dir, as the mapping names them. */
void
wm_test_linkage_prepare (const char *dir)
{
  const char *csvs[] = {
    "anagrafe_persone.csv", "anagrafe_residenze.csv", "abitazioni.csv", "lavoro.csv",
    "assistenza_interventi.csv", "assistenza_valutazioni.csv", "servizi.csv", "soglie_isee.csv",
  };
  const char *const typed[] = { "AUTODETECT_TYPE=YES", "QUOTED_FIELDS_AS_STRING=YES", NULL };
  g_autofree char *isee_csv = wm_test_linkage_path ("isee.csv");
  g_autofree char *istruzione_csv = wm_test_linkage_path ("istruzione.csv");
  g_autofree char *isee = g_build_filename (dir, "isee.xlsx", NULL);
  g_autofree char *istruzione = g_build_filename (dir, "istruzione.ods", NULL);

  GDALAllRegister ();
  for (guint i = 0; i < G_N_ELEMENTS (csvs); i++)
    {
      g_autofree char *from = wm_test_linkage_path (csvs[i]);
      g_autofree char *to = g_build_filename (dir, csvs[i], NULL);

      copy_file (from, to);
    }
  /* dates, years and amounts as the sheet's own cell types */
  make_sheet (isee_csv, isee, "XLSX", typed);
  make_sheet (istruzione_csv, istruzione, "ODS", NULL);
}
