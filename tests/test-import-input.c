/* test-import-input.c — reading what municipalities export, and refusing what is broken
 *
 * Values as offices write them; mapping files with mistakes; source files
 * that are empty, in the wrong encoding, with a missing or extra column or
 * the wrong separator. Each refusal names the file (and column or key) and
 * says what to do.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <cpl_vsi.h>
#include <gdal.h>
#include <gdal_utils.h>
#include <math.h>

#include "wm-import-mapping.h"
#include "wm-import-report.h"
#include "wm-import-source.h"
#include "wm-import-values.h"
#include "wm-test-util.h"

static void
test_dates (void)
{
  int d = 0;

  g_assert_true (wm_import_parse_date ("15/03/2020", "%d/%m/%Y", &d));
  g_assert_cmpint (d, ==, 20200315);
  g_assert_true (wm_import_parse_date ("5/3/2020", "%d/%m/%Y", &d));
  g_assert_cmpint (d, ==, 20200305);
  /* ISO and GDAL's spreadsheet date cells, whatever the office format */
  g_assert_true (wm_import_parse_date ("2020-03-15", "%d/%m/%Y", &d));
  g_assert_cmpint (d, ==, 20200315);
  g_assert_true (wm_import_parse_date ("2020/03/15", "%d/%m/%Y", &d));
  g_assert_true (wm_import_parse_date ("2020/03/15 00:00:00", "%d/%m/%Y", &d));
  g_assert_true (wm_import_parse_date ("15.03.2020", "%d.%m.%Y", &d));
  g_assert_cmpint (d, ==, 20200315);
  g_assert_true (wm_import_parse_date ("29/02/2024", "%d/%m/%Y", &d));

  g_assert_false (wm_import_parse_date ("29/02/2023", "%d/%m/%Y", &d));
  g_assert_false (wm_import_parse_date ("31/04/2020", "%d/%m/%Y", &d));
  g_assert_false (wm_import_parse_date ("15/03/20", "%d/%m/%Y", &d));
  g_assert_false (wm_import_parse_date ("15/03/2020x", "%d/%m/%Y", &d));
  g_assert_false (wm_import_parse_date ("marzo 2020", "%d/%m/%Y", &d));
  g_assert_false (wm_import_parse_date ("", "%d/%m/%Y", &d));
  g_assert_false (wm_import_parse_date (NULL, "%d/%m/%Y", &d));

  g_autofree char *iso = wm_import_format_date (20240229);
  g_assert_cmpstr (iso, ==, "2024-02-29");
  g_assert_null (wm_import_format_date (0));
}

static void
assert_number (const char *text, char separator, double expected)
{
  double v = NAN;

  if (!wm_import_parse_number (text, separator, &v))
    g_error ("“%s” was not read as a number", text);
  g_assert_cmpfloat (v, ==, expected);
}

static void
test_numbers (void)
{
  double v;
  gint64 i;

  assert_number ("9360,00", ',', 9360);
  assert_number ("9.360,50", ',', 9360.5);
  assert_number ("1.234.567,8", ',', 1234567.8);
  assert_number ("9.360", ',', 9360);           /* Italian thousands */
  assert_number ("9360.5", ',', 9360.5);        /* a spreadsheet's number */
  assert_number ("100.0000000000000000", ',', 100);
  assert_number ("-12,5", ',', -12.5);
  assert_number ("9360.5", '.', 9360.5);
  assert_number ("9,360.5", '.', 9360.5);
  assert_number ("42", ',', 42);

  g_assert_false (wm_import_parse_number ("abc", ',', &v));
  g_assert_false (wm_import_parse_number ("12,5,3", ',', &v));
  g_assert_false (wm_import_parse_number ("12.34.5", ',', &v));
  g_assert_false (wm_import_parse_number ("1 000", ',', &v));
  g_assert_false (wm_import_parse_number ("", ',', &v));
  g_assert_false (wm_import_parse_number (",5", ',', &v));

  g_assert_true (wm_import_parse_int ("2020", &i));
  g_assert_cmpint (i, ==, 2020);
  g_assert_true (wm_import_parse_int ("2020.0000000000000000", &i));
  g_assert_cmpint (i, ==, 2020);
  g_assert_false (wm_import_parse_int ("2020.5", &i));
  g_assert_false (wm_import_parse_int ("duemila", &i));
  g_assert_false (wm_import_parse_int (" 3", &i));
}

static void
test_codes (void)
{
  const struct { const char *in, *out; } codes[] = {
    { "0001", "1" }, { " 1 ", "1" }, { "0", "0" }, { "000", "0" },
    { "d1", "D1" }, { "VIA_ROMA_1/A", "VIA_ROMA_1/A" }, { "", "" },
  };
  const struct { const char *in, *out; } names[] = {
    { "D'Angelo", "DANGELO" }, { "  de  la   Cruz ", "DE LA CRUZ" }, { "Nicolò", "NICOLO" },
    { "El-Amrani", "EL AMRANI" }, { "ÀLVARO", "ALVARO" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autofree char *out = wm_import_normalise_code (codes[i].in);

      g_assert_cmpstr (out, ==, codes[i].out);
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *out = wm_import_normalise_name (names[i].in);

      g_assert_cmpstr (out, ==, names[i].out);
    }
}

/* The shipped mappings load; their code tables say what the docs say. */
static void
test_shipped_mappings (void)
{
  const char *names[] = { "povo.ini", "milano.ini", "palermo.ini" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (g_getenv ("WM_SOURCE_ROOT"), "data", "mapping", names[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(WmImportMapping) m = wm_import_mapping_load (path, &error);
      WmCitizenship c;
      int v;

      g_assert_no_error (error);
      g_assert_cmpstr (wm_import_mapping_get_layers (m)[0], ==, "sections");
      g_assert_true (wm_import_mapping_lookup (m, "relation", "02", &v));
      g_assert_cmpint (v, ==, 2);
      g_assert_true (wm_import_mapping_lookup (m, "condition", "occupato", &v));
      g_assert_cmpint (v, ==, 1);
      g_assert_false (wm_import_mapping_lookup (m, "condition", "OCCUPATA", &v));
      g_assert_true (wm_import_mapping_citizenship (m, "100", &c));
      g_assert_cmpint (c, ==, WM_CITIZENSHIP_ITALIAN);
      g_assert_true (wm_import_mapping_citizenship (m, "244", &c));   /* Ungheria */
      g_assert_cmpint (c, ==, WM_CITIZENSHIP_EU);
      g_assert_true (wm_import_mapping_citizenship (m, "219", &c));   /* Regno Unito, since 2020 */
      g_assert_cmpint (c, ==, WM_CITIZENSHIP_NON_EU);
      g_assert_true (wm_import_mapping_citizenship (m, "999", &c));   /* apolide */
      g_assert_cmpint (c, ==, WM_CITIZENSHIP_NON_EU);
      g_assert_false (wm_import_mapping_citizenship (m, "12", &c));
      g_assert_false (wm_import_mapping_citizenship (m, "ITA", &c));
    }
}

static const char base_mapping[] =
  "[import]\nfirst_year=2020\nlast_year=2024\nmetric_crs=EPSG:32632\n"
  "[source persons]\nfile=p.csv\n[source residences]\nfile=r.csv\n"
  "[layer sections]\nname=S\nlevel=0\nfile=s.gpkg\ncode_field=c\n"
  "[citizenship]\nitalian=100\neu=203\n";

/* Loads @text (the base mapping with @replace swapped for @with) and
 * expects an error mentioning @needle. */
static void
assert_mapping_error (const char *replace,
                      const char *with,
                      int         code,
                      const char *needle)
{
  g_autofree char *dir = wm_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "m.ini", NULL);
  g_autoptr(GString) text = g_string_new (base_mapping);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportMapping) m = NULL;

  g_assert_cmpuint (g_string_replace (text, replace, with, 1), ==, 1);
  wm_test_write_file (path, text->str, text->len);
  m = wm_import_mapping_load (path, &error);
  g_assert_null (m);
  g_assert_error (error, WM_IMPORT_MAPPING_ERROR, code);
  if (strstr (error->message, needle) == NULL || strstr (error->message, path) == NULL)
    g_error ("“%s” should name %s and say “%s”", error->message, path, needle);
  wm_test_rmdir (dir);
}

static void
test_mapping_errors (void)
{
  g_autofree char *dir = wm_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "m.ini", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportMapping) m = NULL;

  /* the base is valid */
  wm_test_write_file (path, base_mapping, -1);
  m = wm_import_mapping_load (path, &error);
  g_assert_no_error (error);
  g_clear_pointer (&m, wm_import_mapping_free);

  assert_mapping_error ("first_year=2020\n", "", WM_IMPORT_MAPPING_ERROR_MISSING, "first_year");
  assert_mapping_error ("first_year=2020", "first_year=duemila", WM_IMPORT_MAPPING_ERROR_INVALID, "duemila");
  assert_mapping_error ("last_year=2024", "last_year=2010", WM_IMPORT_MAPPING_ERROR_INVALID, "2010");
  assert_mapping_error ("EPSG:32632", "UTM32", WM_IMPORT_MAPPING_ERROR_INVALID, "metric_crs");
  assert_mapping_error ("metric_crs", "metric_crss", WM_IMPORT_MAPPING_ERROR_UNKNOWN, "metric_crss");
  assert_mapping_error ("[source persons]", "[source persone]", WM_IMPORT_MAPPING_ERROR_UNKNOWN, "persone");
  assert_mapping_error ("[source residences]\nfile=r.csv\n", "", WM_IMPORT_MAPPING_ERROR_MISSING, "residences");
  assert_mapping_error ("[source persons]\nfile=p.csv", "[source persons]\nfiles=p.csv",
                        WM_IMPORT_MAPPING_ERROR_MISSING, "file");
  assert_mapping_error ("[layer sections]", "[layer sezioni]", WM_IMPORT_MAPPING_ERROR_MISSING, "sections");
  assert_mapping_error ("level=0\n", "level=0\njoin=table\n", WM_IMPORT_MAPPING_ERROR_INVALID, "level=0");
  assert_mapping_error ("level=0\n", "level=0\njoin=nearest\n", WM_IMPORT_MAPPING_ERROR_INVALID, "nearest");
  assert_mapping_error ("code_field=c\n", "code_field=c\ninvalid_geometry=ignore\n",
                        WM_IMPORT_MAPPING_ERROR_INVALID, "ignore");
  assert_mapping_error ("[citizenship]", "[values sex]\nM=maschio\n[citizenship]",
                        WM_IMPORT_MAPPING_ERROR_INVALID, "M must be");
  assert_mapping_error ("[citizenship]\nitalian=100\neu=203\n", "", WM_IMPORT_MAPPING_ERROR_MISSING, "citizenship");
  assert_mapping_error ("[import]", "[imports]", WM_IMPORT_MAPPING_ERROR_MISSING, "[import]");
  assert_mapping_error ("code_field=c\n", "code_field=c\n[layer districts]\nname=D\nlevel=1\nfile=d.gpkg\n"
                        "code_field=c\njoin=table\n", WM_IMPORT_MAPPING_ERROR_MISSING, "table_file");
  assert_mapping_error ("[import]", "[import", WM_IMPORT_MAPPING_ERROR_READ, "cannot read");
  wm_test_rmdir (dir);
}

static const WmImportField person_fields[] = {
  { "codice_fiscale", TRUE }, { "sex", TRUE }, { "citizenship", FALSE }, { NULL }
};

/* A mapping for one source p.csv with columns cf;sesso;cittadinanza. */
static WmImportMapping *
source_mapping (const char *dir,
                const char *extra)
{
  g_autofree char *path = g_build_filename (dir, "m.ini", NULL);
  g_autofree char *text = g_strdup_printf ("%s[source persons]\nfile=p.csv\ncolumn.codice_fiscale=cf\n"
                                           "column.sex=sesso\ncolumn.citizenship=cittadinanza\n%s",
                                           base_mapping, extra);
  g_autoptr(GError) error = NULL;
  WmImportMapping *m;

  /* the base has a [source persons] already: drop it */
  g_autoptr(GString) s = g_string_new (text);
  g_string_replace (s, "[source persons]\nfile=p.csv\n[source residences]", "[source residences]", 1);
  wm_test_write_file (path, s->str, s->len);
  m = wm_import_mapping_load (path, &error);
  g_assert_no_error (error);
  return m;
}

static WmImportSource *
open_persons (const char  *dir,
              const char  *csv,
              gssize       len,
              const char  *extra,
              GError     **error)
{
  g_autofree char *path = g_build_filename (dir, "p.csv", NULL);
  g_autoptr(WmImportMapping) m = source_mapping (dir, extra);

  wm_test_write_file (path, csv, len);
  return wm_import_source_open_mapped (m, "persons", person_fields, error);
}

static void
test_source_rows (void)
{
  g_autofree char *dir = wm_test_tmpdir ();
  g_autoptr(GError) error = NULL;
  /* extra columns before, between and after; quoting; an empty cell */
  g_autoptr(WmImportSource) src =
    open_persons (dir, "note;cf;altro;sesso;cittadinanza;fine\n"
                       "x;RSSMRA70C15L378I;y;M;\"100\";z\n"
                       "\"a;b\";0012;;F;;\n", -1, "", &error);
  WmImportRow row;

  g_assert_no_error (error);
  g_assert_cmpstr (wm_import_source_get_file (src), ==, "p.csv");
  g_assert_cmpint (wm_import_source_count_rows (src), ==, 2);
  g_assert_true (wm_import_source_next (src, &row));
  g_assert_cmpint (row.number, ==, 2);  /* the header is row 1 */
  g_assert_cmpstr (row.values[0], ==, "RSSMRA70C15L378I");
  g_assert_cmpstr (row.values[1], ==, "M");
  g_assert_cmpstr (row.values[2], ==, "100");
  g_assert_true (wm_import_source_next (src, &row));
  g_assert_cmpint (row.number, ==, 3);
  g_assert_cmpstr (row.values[0], ==, "0012");  /* leading zeros kept: no type guessing */
  g_assert_null (row.values[2]);
  g_assert_cmpint (row.bad_field, ==, -1);
  g_assert_false (wm_import_source_next (src, &row));
  g_clear_pointer (&src, wm_import_source_free);

  /* a header alone: a valid file with no rows */
  src = open_persons (dir, "cf;sesso;cittadinanza\n", -1, "", &error);
  g_assert_no_error (error);
  g_assert_false (wm_import_source_next (src, &row));
  wm_test_rmdir (dir);
}

static void
test_source_encoding (void)
{
  g_autofree char *dir = wm_test_tmpdir ();
  g_autoptr(GError) error = NULL;
  /* "CAFFÈ" and "città" in Latin-1: È = 0xC8, à = 0xE0 */
  const char latin1[] = "cf;sesso;cittadinanza\nCAFF\xc8;M;100\nOK;F;citt\xe0\n";
  g_autoptr(WmImportSource) src = open_persons (dir, latin1, sizeof latin1 - 1, "", &error);
  WmImportRow row;

  /* declared UTF-8: the bad cell is flagged, the row still comes, the file goes on */
  g_assert_no_error (error);
  g_assert_true (wm_import_source_next (src, &row));
  g_assert_cmpint (row.bad_field, ==, 0);
  g_assert_null (row.values[0]);
  g_assert_cmpstr (row.values[1], ==, "M");
  g_assert_true (wm_import_source_next (src, &row));
  g_assert_cmpint (row.bad_field, ==, 2);
  g_assert_cmpstr (row.values[0], ==, "OK");
  g_clear_pointer (&src, wm_import_source_free);

  /* declared Latin-1 (encoding= in the source's group): converted */
  src = open_persons (dir, latin1, sizeof latin1 - 1, "encoding=ISO-8859-1\n", &error);
  g_assert_no_error (error);
  g_assert_true (wm_import_source_next (src, &row));
  g_assert_cmpint (row.bad_field, ==, -1);
  g_assert_cmpstr (row.values[0], ==, "CAFFÈ");
  g_assert_true (wm_import_source_next (src, &row));
  g_assert_cmpstr (row.values[2], ==, "città");
  wm_test_rmdir (dir);
}

static void
assert_source_error (const char *csv,
                     const char *extra,
                     int         code,
                     const char *needle)
{
  g_autofree char *dir = wm_test_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportSource) src = open_persons (dir, csv, -1, extra, &error);

  g_assert_null (src);
  g_assert_error (error, WM_IMPORT_SOURCE_ERROR, code);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” should say “%s”", error->message, needle);
  /* one line, naming the file (or the mapping), saying what to do */
  g_assert_null (strchr (error->message, '\n'));
  g_assert_true (strstr (error->message, "p.csv") != NULL || strstr (error->message, "m.ini") != NULL);
  g_assert_nonnull (strstr (error->message, " — "));
  wm_test_rmdir (dir);
}

static void
test_source_errors (void)
{
  g_autofree char *dir = wm_test_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportMapping) m = source_mapping (dir, "");
  g_autoptr(WmImportSource) src = NULL;

  /* no file at all */
  src = wm_import_source_open_mapped (m, "persons", person_fields, &error);
  g_assert_null (src);
  g_assert_error (error, WM_IMPORT_SOURCE_ERROR, WM_IMPORT_SOURCE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  assert_source_error ("", "", WM_IMPORT_SOURCE_ERROR_EMPTY, "the file is empty");
  assert_source_error ("cf;cittadinanza\nX;100\n", "", WM_IMPORT_SOURCE_ERROR_MISSING_COLUMN,
                       "p.csv:1: column “sesso” is missing (column.sex in [source persons])");
  /* pipes: GDAL sees one column */
  assert_source_error ("cf|sesso|cittadinanza\nX|M|100\n", "", WM_IMPORT_SOURCE_ERROR_SEPARATOR,
                       "separated by “|” rather than “;”");
  /* commas: GDAL would split them fine, but "9360,00" would split too */
  assert_source_error ("cf,sesso,cittadinanza\nX,M,100\n", "", WM_IMPORT_SOURCE_ERROR_SEPARATOR,
                       "separated by “,” rather than “;”");
  assert_source_error ("cfsessocittadinanza\nX\n", "", WM_IMPORT_SOURCE_ERROR_SEPARATOR,
                       "single column: it is not separated by “;”");
  /* the mapping may say so, and then it is fine */
  {
    g_autofree char *d2 = wm_test_tmpdir ();
    g_autoptr(WmImportSource) ok = open_persons (d2, "cf,sesso,cittadinanza\nX,M,100\n", -1, "separator=,\n", &error);

    g_assert_no_error (error);
    g_assert_nonnull (ok);
    wm_test_rmdir (d2);
  }
  /* an unknown key in the source's group, or a required field not mapped */
  assert_source_error ("cf;sesso;cittadinanza\n", "column.sesso=sesso\n", WM_IMPORT_SOURCE_ERROR_MAPPING,
                       "unknown key “column.sesso”");
  assert_source_error ("cf;sesso;cittadinanza\n", "layer=Foglio2\n", WM_IMPORT_SOURCE_ERROR_NO_LAYER, "Foglio2");
  wm_test_rmdir (dir);
}

/* Spreadsheets: cells read as text, whatever type the sheet gave them. */
static void
test_spreadsheets (void)
{
  g_autofree char *dir = wm_test_tmpdir ();
  g_autofree char *csv = g_build_filename (dir, "in.csv", NULL);
  const char *formats[] = { "XLSX", "ODS" };

  GDALAllRegister ();
  wm_test_write_file (csv, "codice;anno;valore;data\n\"0001\";2023;9360.5;2023-02-10\n", -1);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      const char *const typed[] = { "AUTODETECT_TYPE=YES", "QUOTED_FIELDS_AS_STRING=YES", NULL };
      char *argv[] = { (char *) "-f", (char *) formats[i], NULL };
      g_autofree char *lower = g_ascii_strdown (formats[i], -1);
      g_autofree char *name = g_strconcat ("sheet.", lower, NULL);
      g_autofree char *out = g_build_filename (dir, name, NULL);
      GDALVectorTranslateOptions *options = GDALVectorTranslateOptionsNew (argv, NULL);
      GDALDatasetH src = GDALOpenEx (csv, GDAL_OF_VECTOR, NULL, typed, NULL);
      GDALDatasetH dst = GDALVectorTranslate (out, NULL, 1, &src, options, NULL);
      const char *columns[] = { "codice", "anno", "valore", "data" };
      const char *keys[] = { "column.a", "column.b", "column.c", "column.d" };
      const gboolean required[] = { TRUE, TRUE, TRUE, TRUE };
      g_autoptr(GError) error = NULL;
      g_autoptr(WmImportSource) sheet = NULL;
      WmImportRow row;
      double v;
      int d;

      GDALClose (dst);
      GDALClose (src);
      GDALVectorTranslateOptionsFree (options);

      sheet = wm_import_source_open (out, NULL, NULL, ';', &error);
      g_assert_no_error (error);
      g_assert_true (wm_import_source_is_spreadsheet (sheet));
      g_assert_true (wm_import_source_bind (sheet, "source test", 4, columns, keys, required, &error));
      g_assert_true (wm_import_source_next (sheet, &row));
      g_assert_cmpint (row.number, ==, 2);
      g_assert_cmpstr (row.values[0], ==, "0001");
      g_assert_true (wm_import_parse_number (row.values[2], '.', &v));
      g_assert_cmpfloat (v, ==, 9360.5);
      g_assert_true (wm_import_parse_date (row.values[3], "%d/%m/%Y", &d));
      g_assert_cmpint (d, ==, 20230210);
      g_assert_true (wm_import_parse_number (row.values[1], '.', &v));
      g_assert_cmpfloat (v, ==, 2023);
    }
  wm_test_rmdir (dir);
}

/* A workbook whose rows go on from sheet "isee" to "isee_2" (as exports
 * beyond a sheet's row limit do): read through, rows numbered per sheet,
 * report places naming the sheet. */
static void
test_multi_sheet (void)
{
  g_autofree char *dir = wm_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "isee.xlsx", NULL);
  const char *sheets[] = { "isee", "isee_2" };
  const char *columns[] = { "anno" };
  const char *keys[] = { "column.year" };
  const gboolean required[] = { TRUE };
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportSource) src = NULL;
  g_autoptr(WmImportReport) report = wm_import_report_new ();
  g_auto(GStrv) lines = NULL;
  GDALDatasetH ds;
  WmImportRow row;

  GDALAllRegister ();
  ds = GDALCreate (GDALGetDriverByName ("XLSX"), path, 0, 0, 0, GDT_Unknown, NULL);
  for (guint s = 0; s < G_N_ELEMENTS (sheets); s++)
    {
      OGRLayerH layer = GDALDatasetCreateLayer (ds, sheets[s], NULL, wkbNone, NULL);
      OGRFieldDefnH field = OGR_Fld_Create ("anno", OFTString);

      OGR_L_CreateField (layer, field, TRUE);
      OGR_Fld_Destroy (field);
      for (int i = 0; i < 2; i++)
        {
          OGRFeatureH f = OGR_F_Create (OGR_L_GetLayerDefn (layer));
          g_autofree char *year = g_strdup_printf ("%u", 2020 + 2 * s + i);

          OGR_F_SetFieldString (f, 0, year);
          g_assert_cmpint (OGR_L_CreateFeature (layer, f), ==, OGRERR_NONE);
          OGR_F_Destroy (f);
        }
    }
  GDALClose (ds);

  src = wm_import_source_open (path, NULL, NULL, ';', &error);
  g_assert_no_error (error);
  g_assert_true (wm_import_source_bind (src, "source isee", 1, columns, keys, required, &error));
  g_assert_cmpint (wm_import_source_count_rows (src), ==, 4);
  for (int i = 0; i < 4; i++)
    {
      g_autofree char *year = g_strdup_printf ("%d", 2020 + i);

      g_assert_true (wm_import_source_next (src, &row));
      g_assert_cmpstr (row.values[0], ==, year);
      g_assert_cmpstr (row.sheet, ==, sheets[i / 2]);
      g_assert_cmpint (row.number, ==, 2 + i % 2);
      if (i == 3)
        wm_import_report_add_in_sheet (report, "isee", row.sheet, row.number, WM_IMPORT_REJECTED, "duplicate", NULL);
    }
  g_assert_false (wm_import_source_next (src, &row));

  wm_import_report_begin_source (report, "isee", "isee.xlsx", TRUE);
  lines = wm_import_report_get_lines (report);
  g_assert_cmpstr (lines[0], ==, "isee.xlsx:isee_2:3: rejected: duplicate");
  wm_test_rmdir (dir);
}

/* An ODS whose rows repeat beyond what GDAL's reader accepts: it stops
 * after 216,001 rows with an error. A partial read must not pass for the
 * whole file. (7 KB: 2,000 rows, each repeated 3,000 times.) */
static void
test_truncated_read (void)
{
  g_autofree char *dir = wm_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "istruzione.ods", NULL);
  g_autofree char *member = g_strdup_printf ("/vsizip/%s/content.xml", path);
  const char *columns[] = { "codice_fiscale" };
  const char *keys[] = { "column.codice_fiscale" };
  const gboolean required[] = { TRUE };
  g_autoptr(GString) xml = g_string_new (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
    " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""
    " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">"
    "<office:body><office:spreadsheet><table:table table:name=\"istruzione\">"
    "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>codice_fiscale</text:p>"
    "</table:table-cell></table:table-row>");
  g_autoptr(GError) error = NULL;
  g_autoptr(WmImportSource) src = NULL;
  WmImportRow row;
  gint64 rows = 0;
  VSILFILE *f;

  for (int i = 0; i < 2000; i++)
    g_string_append_printf (xml, "<table:table-row table:number-rows-repeated=\"3000\"><table:table-cell"
                                 " office:value-type=\"string\"><text:p>X%d</text:p></table:table-cell>"
                                 "</table:table-row>", i);
  g_string_append (xml, "</table:table></office:spreadsheet></office:body></office:document-content>");
  GDALAllRegister ();
  f = VSIFOpenL (member, "wb");
  g_assert_nonnull (f);
  g_assert_cmpuint (VSIFWriteL (xml->str, 1, xml->len, f), ==, xml->len);
  VSIFCloseL (f);

  src = wm_import_source_open (path, NULL, NULL, ';', &error);
  g_assert_no_error (error);
  g_assert_true (wm_import_source_bind (src, "source education", 1, columns, keys, required, &error));
  while (wm_import_source_next (src, &row))
    rows++;
  g_assert_cmpint (rows, <, 2000 * 3000);
  g_assert_false (wm_import_source_check (src, &error));
  g_assert_error (error, WM_IMPORT_SOURCE_ERROR, WM_IMPORT_SOURCE_ERROR_UNREADABLE);
  g_assert_true (g_str_has_prefix (error->message, "istruzione.ods: reading stopped after row "));
  g_assert_nonnull (strstr (error->message, "save it as CSV"));
  wm_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import-input/dates", test_dates);
  g_test_add_func ("/import-input/numbers", test_numbers);
  g_test_add_func ("/import-input/codes", test_codes);
  g_test_add_func ("/import-input/shipped-mappings", test_shipped_mappings);
  g_test_add_func ("/import-input/mapping-errors", test_mapping_errors);
  g_test_add_func ("/import-input/source-rows", test_source_rows);
  g_test_add_func ("/import-input/source-encoding", test_source_encoding);
  g_test_add_func ("/import-input/source-errors", test_source_errors);
  g_test_add_func ("/import-input/spreadsheets", test_spreadsheets);
  g_test_add_func ("/import-input/multi-sheet", test_multi_sheet);
  g_test_add_func ("/import-input/truncated-read", test_truncated_read);
  return g_test_run ();
}
