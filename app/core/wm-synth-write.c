/* wm-synth-write.c — stream the synthetic world out as municipal source files
 *
 * CSV files go through a small buffered writer of our own: GDAL's CSV driver
 * builds an OGRFeature per row and is several times slower for the millions
 * of rows of a city (tests/bench/bench-synth.c measures both). Spreadsheets
 * (isee.xlsx, istruzione.ods) go through GDAL's XLSX and ODS drivers; a
 * sheet holds at most 1,048,575 data rows, further rows continue on sheets
 * named "<name>_2", "<name>_3"… Deliberate defects are injected at the
 * configured rate and every one is listed in difetti.csv (file, sheet, row
 * as a spreadsheet numbers it — the header is row 1 —, defect, code, detail).
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <errno.h>
#include <gdal.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <ogr_api.h>
#include <cpl_error.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "wm-codice-fiscale.h"
#include "wm-schema.h"
#include "wm-synth-private.h"
#include "wm-synth-tables.h"

#define SHEET_ROWS 1048575

typedef struct {
  FILE    *fp;
  char    *path;
  char    *name;
  guint64  row;        /* line number of the last row written (header = 1) */
  GString *line;
  int      fields;
  GError **error;
} Csv;

typedef struct {
  WmSynthWorld *w;
  Csv          *manifest;
  WmRng         rng;
  guint64       counts[6];
} Defects;

enum { DEF_CF, DEF_NO_MATCH, DEF_DUPLICATE, DEF_TWO_REFS, DEF_DATE, N_DEFECTS };
static const char *const defect_names[] = {
  "CODICE_FISCALE_NON_VALIDO", "SENZA_CORRISPONDENZA_ANAGRAFE", "RIGA_DUPLICATA",
  "DUE_INTESTATARI", "DATA_FUORI_INTERVALLO"
};

static gboolean
csv_open (Csv *csv, const char *dir, const char *name, const char *header, GError **error)
{
  csv->path = g_build_filename (dir, name, NULL);
  csv->name = g_strdup (name);
  csv->fp = fopen (csv->path, "w");
  csv->line = g_string_sized_new (256);
  csv->error = error;
  if (csv->fp == NULL)
    {
      g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_OUTPUT,
                   _("%s: cannot write (%s) — choose a folder you can write to"), csv->path, g_strerror (errno));
      return FALSE;
    }
  setvbuf (csv->fp, NULL, _IOFBF, 1 << 20);
  fputs (header, csv->fp);
  fputc ('\n', csv->fp);
  csv->row = 1;
  return TRUE;
}

static void
csv_field (Csv *csv, const char *value)
{
  if (csv->fields++ > 0)
    g_string_append_c (csv->line, ';');
  if (value == NULL)
    return;
  if (strpbrk (value, ";\"\n") != NULL)
    {
      g_string_append_c (csv->line, '"');
      for (const char *p = value; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (csv->line, '"');
          g_string_append_c (csv->line, *p);
        }
      g_string_append_c (csv->line, '"');
    }
  else
    g_string_append (csv->line, value);
}

static void
csv_int (Csv *csv, gint64 value)
{
  char buf[24];

  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  csv_field (csv, buf);
}

static void
csv_date (Csv *csv, guint32 day)
{
  char buf[16];
  int y, m, d;

  if (day == 0)
    {
      csv_field (csv, "");
      return;
    }
  wm_synth_dmy (day, &y, &m, &d);
  g_snprintf (buf, sizeof buf, "%02d/%02d/%04d", d, m, y);
  csv_field (csv, buf);
}

static void
csv_money (Csv *csv, double euro)
{
  char buf[32];
  char *dot;

  g_snprintf (buf, sizeof buf, "%.2f", euro);
  if ((dot = strchr (buf, '.')) != NULL)
    *dot = ',';
  csv_field (csv, buf);
}

/* Ends the row; returns its line number. */
static guint64
csv_end (Csv *csv)
{
  g_string_append_c (csv->line, '\n');
  fwrite (csv->line->str, 1, csv->line->len, csv->fp);
  g_string_truncate (csv->line, 0);
  csv->fields = 0;
  return ++csv->row;
}

/* Writes the previous row again (a duplicate). */
static guint64
csv_repeat (Csv *csv, const char *row, gsize len)
{
  fwrite (row, 1, len, csv->fp);
  return ++csv->row;
}

static gboolean
csv_close (Csv *csv)
{
  gboolean ok = TRUE;

  if (csv->fp != NULL)
    {
      if (fflush (csv->fp) != 0 || fsync (fileno (csv->fp)) != 0)
        ok = FALSE;
      if (fclose (csv->fp) != 0)
        ok = FALSE;
      if (!ok && csv->error != NULL && *csv->error == NULL)
        g_set_error (csv->error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_OUTPUT,
                     _("%s: writing failed (%s) — is the disk full?"), csv->path, g_strerror (errno));
    }
  g_free (csv->path);
  g_free (csv->name);
  if (csv->line != NULL)
    g_string_free (csv->line, TRUE);
  memset (csv, 0, sizeof *csv);
  return ok;
}

static void
note_defect (Defects *df, const char *file, const char *sheet, guint64 row, int kind,
             const char *code, const char *detail)
{
  Csv *m = df->manifest;

  csv_field (m, file);
  csv_field (m, sheet ? sheet : "");
  csv_int (m, (gint64) row);
  csv_field (m, defect_names[kind]);
  csv_field (m, code ? code : "");
  csv_field (m, detail);
  csv_end (m);
  df->counts[kind]++;
}

static gboolean
roll (Defects *df)
{
  return df->w->defect_rate > 0 && wm_rng_double (&df->rng) < df->w->defect_rate;
}

/* A typo: the check character of a valid code replaced by another letter. */
static void
mistype (const char *cf, char out[17])
{
  memcpy (out, cf, 17);
  out[15] = out[15] == 'Z' ? 'A' : out[15] + 1;
}

/* A valid code of somebody the registry has never heard of. */
static void
stranger (Defects *df, char out[17])
{
  const WmSynthNames *names = wm_synth_names ();
  GStrv surnames = names->surnames[WM_SYNTH_FLAVOUR_ITALY];
  GStrv given = names->given[0][WM_SYNTH_NAMES_MIDDLE];
  g_autofree char *cf = NULL;

  cf = wm_codice_fiscale_compute (surnames[wm_rng_below (&df->rng, g_strv_length (surnames))],
                                  given[wm_rng_below (&df->rng, g_strv_length (given))], WM_SEX_MALE,
                                  1950 + wm_rng_below (&df->rng, 50), 1 + wm_rng_below (&df->rng, 12),
                                  1 + wm_rng_below (&df->rng, 28), "H501");
  memcpy (out, cf, 17);
}

/* Which persons and intervals fall in the period at all. */
typedef struct {
  guint32   from, to;           /* 1 Jan of the first year, 31 Dec of the last */
  guint8   *relevant;           /* per person */
  guint32  *order;              /* intervals in (person, start) order, relevant only */
  guint32   n_order;
  guint32  *fam_at;             /* per person, the family at 31 Dec of the current year */
  guint8   *rel_at;
  char    *bad_cf;              /* per person, 17 bytes: the mistyped code the registry holds, or "" */
} Scope;

static int
interval_cmp (gconstpointer a, gconstpointer b, gpointer data)
{
  WmSynthWorld *w = data;
  const WmSynthInterval *x = &g_array_index (w->intervals, WmSynthInterval, *(const guint32 *) a);
  const WmSynthInterval *y = &g_array_index (w->intervals, WmSynthInterval, *(const guint32 *) b);

  if (x->person != y->person)
    return x->person < y->person ? -1 : 1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return (int) (*(const guint32 *) a) - (int) (*(const guint32 *) b);
}

static void
scope_init (WmSynthWorld *w, Scope *sc)
{
  sc->from = wm_synth_julian (w->first_year, 1, 1);
  sc->to = wm_synth_julian (w->first_year + w->years - 1, 12, 31);
  sc->relevant = g_new0 (guint8, w->persons->len);
  sc->order = g_new (guint32, w->intervals->len);
  sc->fam_at = g_new (guint32, w->persons->len);
  sc->rel_at = g_new (guint8, w->persons->len);
  sc->bad_cf = g_malloc0 ((gsize) w->persons->len * 17);
  for (guint32 i = 0; i < w->intervals->len; i++)
    {
      WmSynthInterval *iv = &g_array_index (w->intervals, WmSynthInterval, i);

      if (iv->start <= sc->to && (iv->end == 0 || iv->end >= sc->from))
        {
          sc->relevant[iv->person] = 1;
          sc->order[sc->n_order++] = i;
        }
    }
  g_qsort_with_data (sc->order, sc->n_order, sizeof (guint32), interval_cmp, w);
}

static void
scope_year (WmSynthWorld *w, Scope *sc, int year)
{
  guint32 day = wm_synth_julian (year, 12, 31);

  for (guint32 i = 0; i < w->persons->len; i++)
    sc->fam_at[i] = WM_SYNTH_NONE;
  for (guint32 k = 0; k < sc->n_order; k++)
    {
      WmSynthInterval *iv = &g_array_index (w->intervals, WmSynthInterval, sc->order[k]);

      if (iv->start <= day && (iv->end == 0 || iv->end > day))
        {
          sc->fam_at[iv->person] = iv->family;
          sc->rel_at[iv->person] = iv->relation;
        }
    }
}

static void
scope_clear (Scope *sc)
{
  g_free (sc->relevant);
  g_free (sc->order);
  g_free (sc->fam_at);
  g_free (sc->rel_at);
  g_free (sc->bad_cf);
}

static const char *
cf_of (WmSynthWorld *w, Scope *sc, guint32 person)
{
  return sc->bad_cf[person * 17] ? sc->bad_cf + person * 17 : P (w, person)->cf;
}

static char *
family_code (WmSynthWorld *w, guint32 family)
{
  return g_strdup_printf ("%s%u", F (w, family)->convivenza ? "C" : "", F (w, family)->code);
}

static char *
dwelling_code (WmSynthWorld *w, guint32 dwelling)
{
  return g_strdup_printf ("B%07u-%02u", D (w, dwelling)->building, D (w, dwelling)->internal);
}

static gboolean
write_persons (WmSynthWorld *w, const char *dir, Scope *sc, Defects *df, GError **error)
{
  Csv csv = { 0 };
  static const char *const header = "codice_fiscale;cognome;nome;sesso;data_nascita;comune_nascita;cittadinanza;data_decesso";

  if (!csv_open (&csv, dir, "anagrafe_persone.csv", header, error))
    return FALSE;
  for (guint32 i = 0; i < w->persons->len; i++)
    {
      WmSynthPerson *p = P (w, i);
      char cit[8];
      guint64 row;
      gboolean typo = FALSE;
      int kind;

      if (!sc->relevant[i])
        continue;
      kind = roll (df) ? (int) wm_rng_below (&df->rng, 2) : -1;
      if (kind == 0)
        {
          mistype (p->cf, sc->bad_cf + (gsize) i * 17);
          typo = TRUE;
        }
      csv_field (&csv, cf_of (w, sc, i));
      csv_field (&csv, wm_synth_person_surname (w, p));
      csv_field (&csv, wm_synth_person_given (w, p));
      csv_field (&csv, p->sex == WM_SEX_MALE ? "M" : "F");
      csv_date (&csv, p->birth);
      csv_field (&csv, wm_synth_person_birthplace (w, p));
      g_snprintf (cit, sizeof cit, "%03d", wm_synth_person_citizenship (w, p));
      csv_field (&csv, cit);
      csv_date (&csv, p->death);
      {
        g_autofree char *copy = g_strdup (csv.line->str);
        gsize len = csv.line->len + 1;

        row = csv_end (&csv);
        if (typo)
          note_defect (df, "anagrafe_persone.csv", NULL, row, DEF_CF, sc->bad_cf + (gsize) i * 17, "carattere di controllo errato");
        if (kind == 1)
          {
            g_autofree char *again = g_strconcat (copy, "\n", NULL);

            row = csv_repeat (&csv, again, len);
            note_defect (df, "anagrafe_persone.csv", NULL, row, DEF_DUPLICATE, cf_of (w, sc, i), "riga ripetuta");
          }
      }
    }
  return csv_close (&csv);
}

static gboolean
write_residences (WmSynthWorld *w, const char *dir, Scope *sc, Defects *df, GError **error)
{
  static const char *const reasons[] = { "", "TRASF", "EMIGR", "DECESSO", "VARFAM" };
  static const char *const header =
    "codice_fiscale;codice_famiglia;rapporto_parentela;codice_abitazione;indirizzo;sezione_censimento;x;y;data_inizio;data_fine;motivo_fine";
  Csv csv = { 0 };
  gboolean metric = g_str_has_prefix (w->profile.crs, "EPSG:326") || g_str_has_prefix (w->profile.crs, "EPSG:258");

  if (!csv_open (&csv, dir, "anagrafe_residenze.csv", header, error))
    return FALSE;
  for (guint32 k = 0; k < sc->n_order; k++)
    {
      WmSynthInterval *iv = &g_array_index (w->intervals, WmSynthInterval, sc->order[k]);
      WmSynthDwelling *d = D (w, iv->dwelling);
      WmSynthBuilding *b = &g_array_index (w->buildings, WmSynthBuilding, d->building);
      WmSynthSection *s = g_ptr_array_index (w->sections_arr, b->section);
      g_autofree char *fam = family_code (w, iv->family);
      g_autofree char *dw = dwelling_code (w, iv->dwelling);
      g_autofree char *address = g_strdup_printf ("%s %u", (const char *) g_ptr_array_index (w->streets, b->street), b->civic);
      char rel[4], xs[32], ys[32];
      int relation = iv->relation, defect = -1;
      guint32 start = iv->start, end = iv->end;
      guint64 row;

      if (roll (df))
        {
          if ((relation == 2 || relation == 10) && !F (w, iv->family)->convivenza)
            {
              relation = 1;
              defect = DEF_TWO_REFS;
            }
          else if (end != 0 && end > start)
            {
              guint32 t = start;
              start = end;
              end = t;
              defect = DEF_DATE;
            }
        }
      g_snprintf (rel, sizeof rel, "%02d", relation);
      g_ascii_formatd (xs, sizeof xs, metric ? "%.2f" : "%.6f", b->x);
      g_ascii_formatd (ys, sizeof ys, metric ? "%.2f" : "%.6f", b->y);
      csv_field (&csv, cf_of (w, sc, iv->person));
      csv_field (&csv, fam);
      csv_field (&csv, rel);
      csv_field (&csv, dw);
      csv_field (&csv, address);
      csv_field (&csv, s->code);
      csv_field (&csv, xs);
      csv_field (&csv, ys);
      csv_date (&csv, start);
      csv_date (&csv, end);
      csv_field (&csv, reasons[iv->reason]);
      row = csv_end (&csv);
      if (sc->bad_cf[(gsize) iv->person * 17])
        note_defect (df, "anagrafe_residenze.csv", NULL, row, DEF_CF, sc->bad_cf + (gsize) iv->person * 17, "carattere di controllo errato");
      if (defect == DEF_TWO_REFS)
        note_defect (df, "anagrafe_residenze.csv", NULL, row, defect, P (w, iv->person)->cf,
                     "il partner risulta anche intestatario della scheda");
      else if (defect == DEF_DATE)
        note_defect (df, "anagrafe_residenze.csv", NULL, row, defect, P (w, iv->person)->cf,
                     "data_fine precedente a data_inizio");
    }
  return csv_close (&csv);
}

static gboolean
write_dwellings (WmSynthWorld *w, const char *dir, Scope *sc, GError **error)
{
  static const char *const tenure[] = { "ALTRO", "PROPRIETA", "AFFITTO", "ERP", "ALTRO" };
  Csv csv = { 0 };
  g_autofree guint8 *used = g_new0 (guint8, w->dwellings->len);

  for (guint32 k = 0; k < sc->n_order; k++)
    used[g_array_index (w->intervals, WmSynthInterval, sc->order[k]).dwelling] = 1;
  if (!csv_open (&csv, dir, "abitazioni.csv", "codice_abitazione;superficie_mq;numero_stanze;titolo_godimento", error))
    return FALSE;
  for (guint32 i = 0; i < w->dwellings->len; i++)
    {
      g_autofree char *code = NULL;

      if (!used[i])
        continue;
      code = dwelling_code (w, i);
      csv_field (&csv, code);
      csv_int (&csv, D (w, i)->surface);
      csv_int (&csv, D (w, i)->rooms);
      csv_field (&csv, tenure[D (w, i)->tenure]);
      csv_end (&csv);
    }
  return csv_close (&csv);
}

/* Spreadsheets through GDAL: one layer per sheet. */
typedef struct {
  GDALDatasetH ds;
  OGRLayerH    layer;
  char        *path;
  const char  *base;
  int          sheet;
  guint64      row;
  const char *const *fields;
  const OGRFieldType *types;
} Sheet;

static gboolean
sheet_new_layer (Sheet *sh, GError **error)
{
  g_autofree char *name = sh->sheet == 1 ? g_strdup (sh->base) : g_strdup_printf ("%s_%d", sh->base, sh->sheet);

  sh->layer = GDALDatasetCreateLayer (sh->ds, name, NULL, wkbNone, NULL);
  if (sh->layer == NULL)
    {
      g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_OUTPUT, _("%s: cannot add sheet %s (%s)"),
                   sh->path, name, CPLGetLastErrorMsg ());
      return FALSE;
    }
  for (int i = 0; sh->fields[i] != NULL; i++)
    {
      OGRFieldDefnH fd = OGR_Fld_Create (sh->fields[i], sh->types[i]);

      OGR_L_CreateField (sh->layer, fd, TRUE);
      OGR_Fld_Destroy (fd);
    }
  sh->row = 1;
  return TRUE;
}

static gboolean
sheet_open (Sheet *sh, const char *dir, const char *file, const char *driver, const char *base,
            const char *const *fields, const OGRFieldType *types, GError **error)
{
  GDALDriverH drv = GDALGetDriverByName (driver);

  sh->path = g_build_filename (dir, file, NULL);
  sh->base = base;
  sh->fields = fields;
  sh->types = types;
  sh->sheet = 1;
  sh->ds = drv ? GDALCreate (drv, sh->path, 0, 0, 0, GDT_Unknown, NULL) : NULL;
  if (sh->ds == NULL)
    {
      g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_OUTPUT, _("%s: GDAL cannot create it (%s)"),
                   sh->path, CPLGetLastErrorMsg ());
      return FALSE;
    }
  return sheet_new_layer (sh, error);
}

static const char *
sheet_name (Sheet *sh)
{
  return OGR_L_GetName (sh->layer);
}

static gboolean
sheet_add (Sheet *sh, OGRFeatureH f, GError **error)
{
  if (sh->row >= SHEET_ROWS + 1)
    {
      sh->sheet++;
      if (!sheet_new_layer (sh, error))
        return FALSE;
    }
  if (OGR_L_CreateFeature (sh->layer, f) != OGRERR_NONE)
    {
      g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_OUTPUT, _("%s: cannot add a row (%s)"),
                   sh->path, CPLGetLastErrorMsg ());
      return FALSE;
    }
  sh->row++;
  return TRUE;
}

static gboolean
sheet_close (Sheet *sh, GError **error)
{
  gboolean ok = TRUE;

  if (sh->ds != NULL)
    {
      CPLErrorReset ();
      GDALClose (sh->ds);
      if (CPLGetLastErrorType () >= CE_Failure)
        {
          g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_OUTPUT, _("%s: writing failed (%s)"),
                       sh->path, CPLGetLastErrorMsg ());
          ok = FALSE;
        }
    }
  g_free (sh->path);
  return ok;
}

/* The ISEE threshold of each year: the national minimum-income measure in
 * force (SIA 3,000 € 2016–17, ReI 6,000 € 2018, Reddito di cittadinanza
 * 9,360 € 2019–23, Assegno di inclusione 9,360 € from 2024). */
static double
isee_threshold (int year)
{
  return year <= 2017 ? 3000 : year == 2018 ? 6000 : 9360;
}

static const char *
threshold_reference (int year)
{
  return year <= 2015 ? "nessuna misura nazionale: soglia SIA riportata indietro"
       : year <= 2017 ? "SIA, DM 26/05/2016"
       : year == 2018 ? "ReI, D.Lgs. 147/2017"
       : year <= 2023 ? "Reddito di cittadinanza, DL 4/2019"
                      : "Assegno di inclusione, DL 48/2023";
}

typedef struct {
  double isee;
  gboolean filed;
  guint32 declarant;
  guint32 filed_on;
} IseeYear;

static const double scale[] = { 0, 1.00, 1.57, 2.04, 2.46, 2.85 };

static IseeYear
isee_of (WmSynthWorld *w, guint32 family, int year, guint32 *members, int n, int earners, gboolean children, gboolean care)
{
  IseeYear out = { 0 };
  WmRng rng;
  double ise, sc = n <= 5 ? scale[n] : 2.85 + 0.35 * (n - 5);
  double p;

  wm_rng_seed (&rng, w->seed, RNG_ISEE, (guint64) family * 64 + (year - 1990));
  ise = 17000 * exp (F (w, family)->wealth + 0.22 * wm_rng_normal (&rng)) * (1 + 0.015 * (year - 2015));
  ise *= earners == 0 ? 0.35 : 0.75 + 0.45 * MIN (earners, 3);
  out.isee = MAX (0, ise / sc);
  p = (out.isee < 9360 ? 0.45 : out.isee < 20000 ? 0.2 : 0.05) + (children ? 0.15 : 0) + (care ? 0.15 : 0);
  out.filed = wm_rng_chance (&rng, MIN (0.95, p));
  out.declarant = members[0];
  for (int i = 0; i < n; i++)
    if (P (w, members[i])->relation == 1)
      out.declarant = members[i];
  out.filed_on = wm_synth_julian (year, 1, 15) + wm_rng_below (&rng, 330);
  return out;
}

/* lavoro.csv, isee.xlsx and the family services: one pass per year. */
static gboolean
write_years (WmSynthWorld *w, const char *dir, Scope *sc, Defects *df, Csv *services, GError **error)
{
  static const char *const conditions[] = { "ALTRO", "OCCUPATO", "DISOCCUPATO", "STUDENTE", "PENSIONATO", "CASALINGA", "ALTRO" };
  static const char *const isee_fields[] = { "codice_fiscale_dichiarante", "codice_famiglia", "anno", "valore_isee", "data_presentazione", NULL };
  static const OGRFieldType isee_types[] = { OFTString, OFTString, OFTInteger, OFTReal, OFTDate };
  Csv csv = { 0 };
  Sheet sh = { 0 };
  g_autofree guint32 *offsets = g_new (guint32, w->families->len + 1);
  g_autofree guint32 *list = g_new (guint32, w->persons->len);
  g_autofree guint8 *cond = g_new (guint8, w->persons->len);
  gboolean ok = TRUE;

  if (!csv_open (&csv, dir, "lavoro.csv", "codice_fiscale;anno;condizione", error) ||
      !sheet_open (&sh, dir, "isee.xlsx", "XLSX", "isee", isee_fields, isee_types, error))
    {
      csv_close (&csv);
      sheet_close (&sh, NULL);
      return FALSE;
    }
  for (int year = w->first_year; year < w->first_year + w->years && ok; year++)
    {
      guint32 day = wm_synth_julian (year, 12, 31);

      scope_year (w, sc, year);
      for (guint32 i = 0; i < w->persons->len; i++)
        {
          WmSynthPerson *p = P (w, i);
          int a, c;
          guint64 row;

          cond[i] = 0;
          if (sc->fam_at[i] == WM_SYNTH_NONE)
            continue;
          a = wm_synth_age (p->birth, day);
          c = wm_synth_condition (w, i, year);
          cond[i] = c;
          if (a < 15)
            continue;
          csv_field (&csv, cf_of (w, sc, i));
          csv_int (&csv, year);
          csv_field (&csv, conditions[c]);
          {
            g_autofree char *copy = g_strconcat (csv.line->str, "\n", NULL);

            int kind = roll (df) ? (int) wm_rng_below (&df->rng, 3) : -1;

            row = csv_end (&csv);
            if (kind == 0)
              {
                row = csv_repeat (&csv, copy, strlen (copy));
                note_defect (df, "lavoro.csv", NULL, row, DEF_DUPLICATE, cf_of (w, sc, i), "riga ripetuta");
              }
            else if (kind == 1)
              {
                char bad[17];

                mistype (P (w, i)->cf, bad);
                csv_field (&csv, bad);
                csv_int (&csv, year);
                csv_field (&csv, conditions[c]);
                row = csv_end (&csv);
                note_defect (df, "lavoro.csv", NULL, row, DEF_CF, bad, "carattere di controllo errato");
              }
            else if (kind == 2)
              {
                char who[17];

                stranger (df, who);
                csv_field (&csv, who);
                csv_int (&csv, year);
                csv_field (&csv, "OCCUPATO");
                row = csv_end (&csv);
                note_defect (df, "lavoro.csv", NULL, row, DEF_NO_MATCH, who, "persona non residente");
              }
          }
        }

      /* Families of 31 December: members in one array, by family. */
      memset (offsets, 0, (w->families->len + 1) * sizeof (guint32));
      for (guint32 i = 0; i < w->persons->len; i++)
        if (sc->fam_at[i] != WM_SYNTH_NONE)
          offsets[sc->fam_at[i] + 1]++;
      for (guint32 f = 0; f < w->families->len; f++)
        offsets[f + 1] += offsets[f];
      {
        g_autofree guint32 *fill = g_new0 (guint32, w->families->len);

        for (guint32 i = 0; i < w->persons->len; i++)
          if (sc->fam_at[i] != WM_SYNTH_NONE)
            list[offsets[sc->fam_at[i]] + fill[sc->fam_at[i]]++] = i;
      }
      for (guint32 f = 0; f < w->families->len && ok; f++)
        {
          guint32 *members = list + offsets[f];
          int n = offsets[f + 1] - offsets[f], earners = 0;
          gboolean children = FALSE, care = FALSE, infant = FALSE;
          IseeYear iy;
          g_autofree char *fam = NULL;
          WmRng rng;

          if (n == 0 || F (w, f)->convivenza)
            continue;
          for (int k = 0; k < n; k++)
            {
              WmSynthPerson *p = P (w, members[k]);
              int a = wm_synth_age (p->birth, day);

              earners += cond[members[k]] == 1 || cond[members[k]] == 4;
              children |= a < 18;
              infant |= a < 3;
              care |= p->care_onset != 0 && p->care_onset <= day;
            }
          iy = isee_of (w, f, year, members, n, earners, children, care);
          fam = family_code (w, f);
          if (iy.filed)
            {
              OGRFeatureH feat = OGR_F_Create (OGR_L_GetLayerDefn (sh.layer));
              int y, m, d;
              int defect = -1;
              char who[17];

              int kind = roll (df) ? (int) wm_rng_below (&df->rng, 3) : -1;

              memcpy (who, cf_of (w, sc, iy.declarant), 17);
              wm_synth_dmy (iy.filed_on, &y, &m, &d);
              if (kind == 0)
                {
                  y = 2099;
                  defect = DEF_DATE;
                }
              else if (kind == 1)
                {
                  stranger (df, who);
                  defect = DEF_NO_MATCH;
                }
              OGR_F_SetFieldString (feat, 0, who);
              wm_rng_seed (&rng, w->seed, RNG_ISEE, (guint64) f * 64 + 63);
              if (defect != DEF_NO_MATCH && !wm_rng_chance (&rng, 0.15))
                OGR_F_SetFieldString (feat, 1, fam);
              OGR_F_SetFieldInteger (feat, 2, year);
              OGR_F_SetFieldDouble (feat, 3, round (iy.isee * 100) / 100);
              OGR_F_SetFieldDateTime (feat, 4, y, m, d, 0, 0, 0, 0);
              ok = sheet_add (&sh, feat, error);
              if (ok && defect >= 0)
                note_defect (df, "isee.xlsx", sheet_name (&sh), sh.row, defect, who,
                             defect == DEF_DATE ? "data di presentazione nel 2099" : "dichiarante non residente");
              if (ok && kind == 2)
                {
                  ok = sheet_add (&sh, feat, error);
                  if (ok)
                    note_defect (df, "isee.xlsx", sheet_name (&sh), sh.row, DEF_DUPLICATE, who, "riga ripetuta");
                }
              OGR_F_Destroy (feat);
            }

          /* Family services of the year, granted on the ISEE. */
          wm_rng_seed (&rng, w->seed, RNG_SERVICE, (guint64) f * 64 + (year - 1990));
          if (iy.filed && iy.isee < isee_threshold (year) * 1.6 && wm_rng_chance (&rng, 0.35))
            {
              guint32 start = wm_synth_julian (year, 1, 1) + wm_rng_below (&rng, 300);

              csv_field (services, "");
              csv_field (services, fam);
              csv_field (services, "A1.04");
              csv_field (services, "POV");
              csv_date (services, start);
              csv_date (services, wm_umin (start + 30 * (1 + wm_rng_below (&rng, 6)), day));
              csv_money (services, 100 * (3 + wm_rng_below (&rng, 22)));
              csv_end (services);
            }
          if (iy.filed && iy.isee < 12000 && D (w, F (w, f)->dwelling)->tenure == WM_TENURE_RENTED && wm_rng_chance (&rng, 0.2))
            {
              guint32 start = wm_synth_julian (year, 3, 1) + wm_rng_below (&rng, 200);

              csv_field (services, "");
              csv_field (services, fam);
              csv_field (services, "A1.05");
              csv_field (services, "POV");
              csv_date (services, start);
              csv_date (services, MIN (start + 180, day));
              csv_money (services, 100 * (5 + wm_rng_below (&rng, 20)));
              csv_end (services);
            }
          if (infant && wm_rng_chance (&rng, iy.filed ? 0.35 : 0.1))
            for (int k = 0; k < n; k++)
              if (wm_synth_age (P (w, members[k])->birth, day) < 3 && wm_synth_age (P (w, members[k])->birth, day) >= 1)
                {
                  csv_field (services, cf_of (w, sc, members[k]));
                  csv_field (services, "");
                  csv_field (services, "A3.03");
                  csv_field (services, "FAM");
                  csv_date (services, wm_synth_julian (year, 9, 1));
                  csv_date (services, wm_synth_julian (year + 1, 6, 30));
                  csv_field (services, "");
                  csv_end (services);
                  if (iy.filed && iy.isee < 15000)
                    {
                      csv_field (services, cf_of (w, sc, members[k]));
                      csv_field (services, "");
                      csv_field (services, "A1.07");
                      csv_field (services, "FAM");
                      csv_date (services, wm_synth_julian (year, 9, 1));
                      csv_date (services, wm_synth_julian (year + 1, 6, 30));
                      csv_money (services, 100 * (8 + wm_rng_below (&rng, 30)));
                      csv_end (services);
                    }
                  break;
                }
          if (F (w, f)->foreign && n > 0 && P (w, members[0])->first > wm_synth_julian (year, 1, 1) && wm_rng_chance (&rng, 0.25))
            {
              csv_field (services, cf_of (w, sc, members[0]));
              csv_field (services, "");
              csv_field (services, "Z9.99");
              csv_field (services, "IMMNOM");
              csv_date (services, P (w, members[0])->first + 20);
              csv_date (services, MIN (P (w, members[0])->first + 200, day));
              csv_field (services, "");
              csv_end (services);
            }
        }
      wm_synth_report (w, 0.55 + 0.3 * (year - w->first_year + 1) / w->years, _("Writing yearly sources"));
      if (g_cancellable_set_error_if_cancelled (w->cancellable, error))
        ok = FALSE;
    }
  ok = csv_close (&csv) && ok;
  ok = sheet_close (&sh, ok ? error : NULL) && ok;
  return ok;
}

/* Care-need assessments and the person services that follow them. */
static gboolean
write_care (WmSynthWorld *w, const char *dir, Scope *sc, Defects *df, Csv *services, GError **error)
{
  Csv csv = { 0 };

  if (!csv_open (&csv, dir, "assistenza_valutazioni.csv", "codice_fiscale;data_valutazione;livello_bisogno;data_scadenza", error))
    return FALSE;
  for (guint32 i = 0; i < w->persons->len; i++)
    {
      WmSynthPerson *p = P (w, i);
      guint32 end = p->death ? p->death : p->out ? p->out : sc->to;
      guint32 day;
      int level;
      WmRng rng;

      if (!sc->relevant[i] || p->care_onset == 0 || p->care_onset > sc->to || p->care_onset >= end)
        continue;
      wm_rng_seed (&rng, w->seed, RNG_CARE, i);
      level = MAX (1, p->care_level);
      for (day = p->care_onset; day < end; day += 730)
        {
          guint32 next = day + 730;
          gboolean defect = roll (df);
          guint64 row;

          if (next + 730 < sc->from)
            {
              level = wm_imin (3, level + wm_rng_chance (&rng, 0.3));
              continue;
            }
          csv_field (&csv, cf_of (w, sc, i));
          csv_date (&csv, defect ? wm_synth_julian (1900, 1, 1) : day);
          csv_int (&csv, level);
          csv_date (&csv, next < end && next <= sc->to ? next : 0);
          row = csv_end (&csv);
          if (defect)
            note_defect (df, "assistenza_valutazioni.csv", NULL, row, DEF_DATE, cf_of (w, sc, i), "data di valutazione 01/01/1900");
          level = wm_imin (3, level + wm_rng_chance (&rng, 0.3));
        }

      /* Services: home care for most, a care home for the severe, a monthly
       * contribution for some; the disabled young get school or work support. */
      {
        int age = wm_synth_age (p->birth, p->care_onset);
        guint32 start = p->care_onset + 30 + wm_rng_below (&rng, 150);
        guint32 stop = wm_umin (end, start + 365 * (1 + wm_rng_below (&rng, 4)));
        const char *code, *area;
        double amount = 0;

        if (start >= end || stop < sc->from)
          continue;
        if (age < 18)
          code = "A2.11", area = "DIS";
        else if (age < 65)
          code = wm_rng_chance (&rng, 0.5) ? "A2.09" : "A3.01", area = "DIS";
        else if (p->family != WM_SYNTH_NONE && F (w, p->family)->convivenza)
          code = "A3.02", area = "ELD";
        else if (p->care_level >= 3 && wm_rng_chance (&rng, 0.3))
          code = "A3.02", area = "ELD";
        else if (wm_rng_chance (&rng, 0.2))
          code = "A2.08", area = "DIS";
        else
          code = "A2.07", area = "ELD";
        if (!wm_rng_chance (&rng, 0.7))
          continue;
        csv_field (services, cf_of (w, sc, i));
        csv_field (services, "");
        csv_field (services, code);
        csv_field (services, area);
        csv_date (services, start);
        csv_date (services, stop < sc->to ? stop : 0);
        csv_field (services, "");
        csv_end (services);
        if (age >= 65 && wm_rng_chance (&rng, 0.3))
          {
            amount = 12 * (100 + 50 * wm_rng_below (&rng, 8));
            csv_field (services, cf_of (w, sc, i));
            csv_field (services, "");
            csv_field (services, "A1.11");
            csv_field (services, "ELD");
            csv_date (services, start);
            csv_date (services, MIN (start + 364, end));
            csv_money (services, amount);
            csv_end (services);
          }
      }
    }
  return csv_close (&csv);
}

static gboolean
write_education (WmSynthWorld *w, const char *dir, Scope *sc, Defects *df, GError **error)
{
  static const char *const titles[] = { "", "NESSUNO", "ELEMENTARE", "MEDIA", "DIPLOMA", "LAUREA" };
  static const char *const fields[] = { "codice_fiscale", "titolo_studio", "anno_conseguimento", NULL };
  static const OGRFieldType types[] = { OFTString, OFTString, OFTInteger };
  Sheet sh = { 0 };
  gboolean ok = TRUE;

  if (!sheet_open (&sh, dir, "istruzione.ods", "ODS", "istruzione", fields, types, error))
    {
      sheet_close (&sh, NULL);
      return FALSE;
    }
  for (guint32 i = 0; i < w->persons->len && ok; i++)
    {
      WmSynthPerson *p = P (w, i);
      guint32 end = p->death ? p->death : p->out ? p->out : sc->to;
      OGRFeatureH f;
      int defect = -1, kind;
      char who[17];

      if (!sc->relevant[i] || wm_synth_age (p->birth, end) < 9)
        continue;
      kind = roll (df) ? (int) wm_rng_below (&df->rng, 3) : -1;
      memcpy (who, cf_of (w, sc, i), 17);
      if (kind == 0)
        {
          mistype (P (w, i)->cf, who);
          defect = DEF_CF;
        }
      else if (kind == 1)
        {
          stranger (df, who);
          defect = DEF_NO_MATCH;
        }
      f = OGR_F_Create (OGR_L_GetLayerDefn (sh.layer));
      OGR_F_SetFieldString (f, 0, who);
      OGR_F_SetFieldString (f, 1, titles[MAX (1, p->education)]);
      if (p->education > WM_EDUCATION_NONE)
        OGR_F_SetFieldInteger (f, 2, p->edu_year);
      ok = sheet_add (&sh, f, error);
      if (ok && defect >= 0)
        note_defect (df, "istruzione.ods", sheet_name (&sh), sh.row, defect, who,
                     defect == DEF_CF ? "carattere di controllo errato" : "persona non residente");
      if (ok && kind == 2)
        {
          ok = sheet_add (&sh, f, error);
          if (ok)
            note_defect (df, "istruzione.ods", sheet_name (&sh), sh.row, DEF_DUPLICATE, who, "riga ripetuta");
        }
      OGR_F_Destroy (f);
    }
  return sheet_close (&sh, ok ? error : NULL) && ok;
}

static gboolean
write_small (WmSynthWorld *w, const char *dir, GError **error)
{
  Csv csv = { 0 };

  if (!csv_open (&csv, dir, "servizi.csv", "nome;area_utenza;categoria;indirizzo;destinatari;orari;capienza;lon;lat", error))
    return FALSE;
  for (guint i = 0; i < w->sites->len; i++)
    {
      WmSynthSite *s = g_ptr_array_index (w->sites, i);
      char lon[32], lat[32];

      csv_field (&csv, s->name);
      csv_field (&csv, s->area);
      csv_field (&csv, s->category);
      csv_field (&csv, s->address);
      csv_field (&csv, s->target);
      csv_field (&csv, s->hours);
      if (s->capacity > 0)
        csv_int (&csv, s->capacity);
      else
        csv_field (&csv, "");
      csv_field (&csv, g_ascii_formatd (lon, sizeof lon, "%.6f", s->lon));
      csv_field (&csv, g_ascii_formatd (lat, sizeof lat, "%.6f", s->lat));
      csv_end (&csv);
    }
  if (!csv_close (&csv))
    return FALSE;

  if (!csv_open (&csv, dir, "soglie_isee.csv", "anno;soglia;riferimento", error))
    return FALSE;
  for (int y = w->first_year; y < w->first_year + w->years; y++)
    {
      csv_int (&csv, y);
      csv_money (&csv, isee_threshold (y));
      csv_field (&csv, threshold_reference (y));
      csv_end (&csv);
    }
  return csv_close (&csv);
}

/**
 * wm_synth_write_all:
 *
 * Every source file of app/core/wm-sources.md, into @dir (which exists).
 */
gboolean
wm_synth_write_all (WmSynthWorld  *w,
                    const char    *dir,
                    GError       **error)
{
  Scope sc = { 0 };
  Defects df = { 0 };
  Csv manifest = { 0 }, services = { 0 };
  gboolean ok;
  df.w = w;
  df.manifest = &manifest;
  wm_rng_seed (&df.rng, w->seed, RNG_DEFECT, 0);
  scope_init (w, &sc);
  ok = csv_open (&manifest, dir, "difetti.csv", "file;foglio;riga;difetto;codice_fiscale;dettaglio", error) &&
       csv_open (&services, dir, "assistenza_interventi.csv",
                 "codice_fiscale;codice_famiglia;codice_prestazione;area_utenza;data_inizio;data_fine;importo", error);
  wm_synth_report (w, 0.52, _("Writing the registry"));
  ok = ok && write_persons (w, dir, &sc, &df, error);
  ok = ok && write_residences (w, dir, &sc, &df, error);
  ok = ok && write_dwellings (w, dir, &sc, error);
  ok = ok && write_years (w, dir, &sc, &df, &services, error);
  wm_synth_report (w, 0.86, _("Writing care needs and education"));
  ok = ok && write_care (w, dir, &sc, &df, &services, error);
  ok = ok && write_education (w, dir, &sc, &df, error);
  ok = ok && write_small (w, dir, error);
  ok = csv_close (&services) && ok;
  ok = csv_close (&manifest) && ok;
  scope_clear (&sc);
  return ok;
}
