/* wm-synth-defects.c — deliberate data-quality defects and their manifest
 *
 * At the configured rate a row gets a defect a real export has: a mistyped
 * codice fiscale, a person the registry never heard of, a duplicated row,
 * a family with two reference persons, a date out of range. Each one is
 * listed in difetti.csv (file, sheet, row as a spreadsheet numbers it —
 * the header is row 1 —, defect, code, detail) so the importer's report
 * can be checked against it line by line.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <string.h>

#include "wm-codice-fiscale.h"
#include "wm-schema.h"
#include "wm-synth-tables.h"
#include "wm-synth-write-private.h"

static const char *const names[] = {
  "CODICE_FISCALE_NON_VALIDO", "SENZA_CORRISPONDENZA_ANAGRAFE", "RIGA_DUPLICATA",
  "DUE_INTESTATARI", "DATA_FUORI_INTERVALLO"
};

G_STATIC_ASSERT (G_N_ELEMENTS (names) == WM_SYNTH_N_DEFECTS);

gboolean
wm_synth_defects_open (WmSynthDefects  *df,
                       WmSynthWorld    *w,
                       const char      *dir,
                       GError         **error)
{
  df->w = w;
  wm_rng_seed (&df->rng, w->seed, RNG_DEFECT, 0);
  return wm_synth_csv_open (&df->manifest, dir, "difetti.csv", "file;foglio;riga;difetto;codice_fiscale;dettaglio", error);
}

gboolean
wm_synth_defects_close (WmSynthDefects *df)
{
  return wm_synth_csv_close (&df->manifest);
}

gboolean
wm_synth_defect_roll (WmSynthDefects *df)
{
  return df->w->defect_rate > 0 && wm_rng_double (&df->rng) < df->w->defect_rate;
}

/* −1 for a row without a defect, else one of @n kinds the caller knows. */
int
wm_synth_defect_kind (WmSynthDefects *df,
                      int             n)
{
  return wm_synth_defect_roll (df) ? (int) wm_rng_below (&df->rng, n) : -1;
}

void
wm_synth_defect_note (WmSynthDefects *df,
                      const char     *file,
                      const char     *sheet,
                      guint64         row,
                      WmSynthDefect   kind,
                      const char     *code,
                      const char     *detail)
{
  WmSynthCsv *m = &df->manifest;

  wm_synth_csv_field (m, file);
  wm_synth_csv_field (m, sheet ? sheet : "");
  wm_synth_csv_int (m, (gint64) row);
  wm_synth_csv_field (m, names[kind]);
  wm_synth_csv_field (m, code ? code : "");
  wm_synth_csv_field (m, detail);
  wm_synth_csv_end (m);
}

/* A typo: the check character of a valid code replaced by another letter. */
void
wm_synth_defect_mistype (const char *cf,
                         char        out[17])
{
  memcpy (out, cf, 17);
  out[15] = out[15] == 'Z' ? 'A' : out[15] + 1;
}

/* A valid code of somebody the registry has never heard of (born in Rome). */
void
wm_synth_defect_stranger (WmSynthDefects *df,
                          char            out[17])
{
  const WmSynthNames *names_ = wm_synth_names ();
  GStrv surnames = names_->surnames[WM_SYNTH_FLAVOUR_ITALY];
  GStrv given = names_->given[0][WM_SYNTH_NAMES_MIDDLE];
  g_autofree char *cf = NULL;
  /* Drawn one by one: the order arguments are evaluated in is unspecified. */
  const char *surname = surnames[wm_rng_below (&df->rng, g_strv_length (surnames))];
  const char *name = given[wm_rng_below (&df->rng, g_strv_length (given))];
  int year = 1950 + (int) wm_rng_below (&df->rng, 50);
  int month = 1 + (int) wm_rng_below (&df->rng, 12);
  int day = 1 + (int) wm_rng_below (&df->rng, 28);

  cf = wm_codice_fiscale_compute (surname, name, WM_SEX_MALE, year, month, day, "H501");
  memcpy (out, cf, 17);
}
