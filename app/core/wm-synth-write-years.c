/* wm-synth-write-years.c — lavoro.csv and isee.xlsx, one pass per year
 *
 * Each year the families of 31 December are rebuilt from the residence
 * intervals; the conditions of the year and the ISEE of each family are
 * pure functions of (seed, person or family, year), and the services a
 * family is granted on its ISEE are written in the same pass.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "wm-schema.h"
#include "wm-synth-write-private.h"

/* The ISEE threshold of each year: the national minimum-income measure in
 * force (SIA 3,000 € 2016–17, ReI 6,000 € 2018, Reddito di cittadinanza
 * 9,360 € 2019–23, Assegno di inclusione 9,360 € from 2024). */
double
wm_synth_isee_threshold (int year)
{
  return year <= 2017 ? 3000 : year == 2018 ? 6000 : 9360;
}

const char *
wm_synth_isee_reference (int year)
{
  return year <= 2015 ? "nessuna misura nazionale: soglia SIA riportata indietro"
       : year <= 2017 ? "SIA, DM 26/05/2016"
       : year == 2018 ? "ReI, D.Lgs. 147/2017"
       : year <= 2023 ? "Reddito di cittadinanza, DL 4/2019"
                      : "Assegno di inclusione, DL 48/2023";
}

/* ISEE equivalence scale (DPCM 159/2013): 1 member 1.00 … 5 members 2.85, +0.35 each beyond. */
static const double scale[] = { 0, 1.00, 1.57, 2.04, 2.46, 2.85 };

static WmSynthIsee
isee_of (WmSynthWorld *w, guint32 family, int year, const guint32 *members, int n, int earners,
         gboolean children, gboolean care)
{
  WmSynthIsee out = { 0 };
  WmRng rng;
  double ise, sc = n <= 5 ? scale[n] : 2.85 + 0.35 * (n - 5);
  double p;

  wm_rng_seed (&rng, w->seed, RNG_ISEE, (guint64) family * 64 + (year - 1990));
  ise = 17000 * exp (F (w, family)->wealth + 0.22 * wm_rng_normal (&rng)) * (1 + 0.015 * (year - 2015));
  ise *= earners == 0 ? 0.35 : 0.75 + 0.45 * MIN (earners, 3);
  out.isee = MAX (0, ise / sc);
  /* Who files a DSU: those who expect something from it. */
  p = (out.isee < 9360 ? 0.45 : out.isee < 20000 ? 0.2 : 0.05) + (children ? 0.15 : 0) + (care ? 0.15 : 0);
  out.filed = wm_rng_chance (&rng, MIN (0.95, p));
  out.declarant = members[0];
  for (int i = 0; i < n; i++)
    if (P (w, members[i])->relation == 1)
      out.declarant = members[i];
  out.filed_on = wm_synth_julian (year, 1, 15) + wm_rng_below (&rng, 330);
  return out;
}

static const char *const conditions[] = { "ALTRO", "OCCUPATO", "DISOCCUPATO", "STUDENTE", "PENSIONATO", "CASALINGA", "ALTRO" };

/* One row of lavoro.csv, with its defect: 0 duplicate, 1 an extra row with
 * a mistyped code, 2 an extra row of somebody the registry does not know. */
static void
work_row (WmSynthWorld *w, WmSynthScope *sc, WmSynthDefects *df, WmSynthCsv *csv, guint32 person, int year, int c)
{
  int kind = wm_synth_defect_kind (df, 3);
  char code[17];
  guint64 row;

  wm_synth_csv_field (csv, wm_synth_scope_cf (w, sc, person));
  wm_synth_csv_int (csv, year);
  wm_synth_csv_field (csv, conditions[c]);
  row = kind == 0 ? wm_synth_csv_end_twice (csv) : wm_synth_csv_end (csv);
  if (kind == 0)
    wm_synth_defect_note (df, "lavoro.csv", NULL, row, WM_SYNTH_DEFECT_DUPLICATE, wm_synth_scope_cf (w, sc, person),
                          "riga ripetuta");
  if (kind < 1)
    return;
  if (kind == 1)
    wm_synth_defect_mistype (P (w, person)->cf, code);
  else
    wm_synth_defect_stranger (df, code);
  wm_synth_csv_field (csv, code);
  wm_synth_csv_int (csv, year);
  wm_synth_csv_field (csv, kind == 1 ? conditions[c] : "OCCUPATO");
  row = wm_synth_csv_end (csv);
  wm_synth_defect_note (df, "lavoro.csv", NULL, row, kind == 1 ? WM_SYNTH_DEFECT_CF : WM_SYNTH_DEFECT_NO_MATCH, code,
                        kind == 1 ? "carattere di controllo errato" : "persona non residente");
}

/* One row of isee.xlsx, with its defect: 0 filed in 2099, 1 a declarant
 * the registry does not know, 2 duplicate. */
static void
isee_row (WmSynthWorld *w, WmSynthScope *sc, WmSynthDefects *df, WmSynthSheet *sh, guint32 family, int year,
          const WmSynthIsee *iy)
{
  int kind = wm_synth_defect_kind (df, 3);
  guint32 filed_on = iy->filed_on;
  char who[17], fam[16];
  guint64 row;
  WmRng rng;

  memcpy (who, wm_synth_scope_cf (w, sc, iy->declarant), 17);
  if (kind == 0)
    {
      int m, d;

      wm_synth_dmy (filed_on, NULL, &m, &d);
      filed_on = wm_synth_julian (2099, m, d);
    }
  else if (kind == 1)
    wm_synth_defect_stranger (df, who);
  wm_synth_sheet_text (sh, who);
  /* Some declarations do not say the family: the importer links them through the declarant. */
  wm_rng_seed (&rng, w->seed, RNG_ISEE, (guint64) family * 64 + 63);
  if (kind != 1 && !wm_rng_chance (&rng, 0.15))
    wm_synth_sheet_text (sh, wm_synth_family_code (w, family, fam));
  else
    wm_synth_sheet_null (sh);
  wm_synth_sheet_int (sh, year);
  wm_synth_sheet_real (sh, round (iy->isee * 100) / 100);
  wm_synth_sheet_date (sh, filed_on);
  row = kind == 2 ? wm_synth_sheet_end_twice (sh) : wm_synth_sheet_end (sh);
  if (kind >= 0)
    wm_synth_defect_note (df, "isee.xlsx", wm_synth_sheet_name (sh), row,
                          kind == 0 ? WM_SYNTH_DEFECT_DATE : kind == 1 ? WM_SYNTH_DEFECT_NO_MATCH : WM_SYNTH_DEFECT_DUPLICATE,
                          who, kind == 0 ? "data di presentazione nel 2099" : kind == 1 ? "dichiarante non residente" : "riga ripetuta");
}

/* Members of each family on 31 December: offsets into one array. */
static void
families_of_year (WmSynthWorld *w, WmSynthScope *sc, guint32 *offsets, guint32 *list)
{
  guint32 nf = w->families->len;
  g_autofree guint32 *fill = g_new0 (guint32, nf + 1);

  memset (offsets, 0, (nf + 1) * sizeof (guint32));
  for (guint32 i = 0; i < w->persons->len; i++)
    if (sc->fam_at[i] != WM_SYNTH_NONE)
      offsets[sc->fam_at[i] + 1]++;
  for (guint32 f = 0; f < nf; f++)
    offsets[f + 1] += offsets[f];
  for (guint32 i = 0; i < w->persons->len; i++)
    if (sc->fam_at[i] != WM_SYNTH_NONE)
      list[offsets[sc->fam_at[i]] + fill[sc->fam_at[i]]++] = i;
}

/**
 * wm_synth_write_years:
 * @isee: (out): the ISEE sheet, still being written by its thread, set
 *   even on failure: close it later
 */
gboolean
wm_synth_write_years (WmSynthWorld    *w,
                      const char      *dir,
                      WmSynthScope    *sc,
                      WmSynthDefects  *df,
                      WmSynthCsv      *services,
                      WmSynthSheet   **isee,
                      GError         **error)
{
  static const char *const isee_fields[] = { "codice_fiscale_dichiarante", "codice_famiglia", "anno", "valore_isee", "data_presentazione", NULL };
  static const WmSynthCellType isee_types[] = { WM_SYNTH_CELL_TEXT, WM_SYNTH_CELL_TEXT, WM_SYNTH_CELL_INT, WM_SYNTH_CELL_REAL, WM_SYNTH_CELL_DATE };
  guint32 np = w->persons->len;
  WmSynthCsv csv = { 0 };
  g_autofree guint32 *offsets = g_new (guint32, w->families->len + 1);
  g_autofree guint32 *list = g_new (guint32, MAX (np, 1));
  g_autofree guint8 *cond = g_new0 (guint8, (gsize) MAX (np, 1) * w->years);
  g_autofree guint8 *walk = g_new (guint8, w->years);
  gboolean ok = TRUE;

  if (!wm_synth_csv_open (&csv, dir, "lavoro.csv", "codice_fiscale;anno;condizione", error))
    return FALSE;
  if ((*isee = wm_synth_sheet_open (dir, "isee.xlsx", "XLSX", "isee", isee_fields, isee_types, WM_SYNTH_SHEET_ROWS, error)) == NULL)
    {
      wm_synth_csv_close (&csv);
      return FALSE;
    }
  /* Each person's chain walked once for all the years: cond[year][person]. */
  for (guint32 i = 0; i < np; i++)
    if (sc->relevant[i])
      {
        wm_synth_conditions (w, i, w->first_year, w->years, walk);
        for (int k = 0; k < w->years; k++)
          cond[(gsize) k * np + i] = walk[k];
      }

  for (int year = w->first_year; year < w->first_year + w->years && ok; year++)
    {
      guint32 day = wm_synth_julian (year, 12, 31);
      const guint8 *c = cond + (gsize) (year - w->first_year) * np;

      wm_synth_scope_year (w, sc, year);
      for (guint32 i = 0; i < np; i++)
        if (sc->fam_at[i] != WM_SYNTH_NONE && year - wm_synth_year (P (w, i)->birth) >= 15)
          work_row (w, sc, df, &csv, i, year, c[i]);

      families_of_year (w, sc, offsets, list);
      for (guint32 f = 0; f < w->families->len; f++)
        {
          const guint32 *members = list + offsets[f];
          int n = offsets[f + 1] - offsets[f], earners = 0;
          gboolean children = FALSE, care = FALSE;
          WmSynthIsee iy;

          if (n == 0 || F (w, f)->convivenza)
            continue;
          for (int k = 0; k < n; k++)
            {
              WmSynthPerson *p = P (w, members[k]);

              earners += c[members[k]] == 1 || c[members[k]] == 4;
              children |= wm_synth_age (p->birth, day) < 18;
              care |= p->care_onset != 0 && p->care_onset <= day;
            }
          iy = isee_of (w, f, year, members, n, earners, children, care);
          if (iy.filed)
            isee_row (w, sc, df, *isee, f, year, &iy);
          wm_synth_family_services (w, sc, services, f, year, members, n, &iy);
        }
      wm_synth_report (w, 0.52 + 0.28 * (year - w->first_year + 1) / w->years, _("Writing yearly sources"));
      if (g_cancellable_set_error_if_cancelled (w->cancellable, error))
        ok = FALSE;
    }
  wm_synth_sheet_finish (*isee);
  return wm_synth_csv_close (&csv) && ok;
}
