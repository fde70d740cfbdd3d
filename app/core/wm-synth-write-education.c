/* wm-synth-write-education.c — istruzione.xlsx, the highest qualification
 *
 * XLSX, not ODS: GDAL 3.6's ODS reader stops after 10 MiB of cell data
 * ("Too much accumulated memory for row/cell repetition"), about 160,000
 * rows of this file, so a city's istruzione.ods could not be imported.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <string.h>

#include "wm-schema.h"
#include "wm-synth-write-private.h"

/* Returns the sheet, still being written by its thread: close it later. */
WmSynthSheet *
wm_synth_write_education (WmSynthWorld    *w,
                          const char      *dir,
                          WmSynthScope    *sc,
                          WmSynthDefects  *df,
                          GError         **error)
{
  static const char *const titles[] = { "", "NESSUNO", "ELEMENTARE", "MEDIA", "DIPLOMA", "LAUREA" };
  static const char *const fields[] = { "codice_fiscale", "titolo_studio", "anno_conseguimento", NULL };
  static const WmSynthCellType types[] = { WM_SYNTH_CELL_TEXT, WM_SYNTH_CELL_TEXT, WM_SYNTH_CELL_INT };
  WmSynthSheet *sh = wm_synth_sheet_open (dir, "istruzione.xlsx", "XLSX", "istruzione", fields, types, WM_SYNTH_SHEET_ROWS, error);

  if (sh == NULL)
    return NULL;
  for (guint32 i = 0; i < w->persons->len; i++)
    {
      WmSynthPerson *p = P (w, i);
      guint32 end = p->death ? p->death : p->out ? p->out : sc->to;
      char who[17];
      int kind;
      guint64 row;

      if (!sc->relevant[i] || wm_synth_age (p->birth, end) < 9)
        continue;
      /* 0: mistyped code, 1: somebody the registry does not know, 2: duplicate. */
      kind = wm_synth_defect_kind (df, 3);
      memcpy (who, wm_synth_scope_cf (w, sc, i), 17);
      if (kind == 0)
        wm_synth_defect_mistype (p->cf, who);
      else if (kind == 1)
        wm_synth_defect_stranger (df, who);
      wm_synth_sheet_text (sh, who);
      wm_synth_sheet_text (sh, titles[MAX (1, p->education)]);
      if (p->education > WM_EDUCATION_NONE)
        wm_synth_sheet_int (sh, p->edu_year);
      else
        wm_synth_sheet_null (sh);
      row = kind == 2 ? wm_synth_sheet_end_twice (sh) : wm_synth_sheet_end (sh);
      if (kind >= 0)
        wm_synth_defect_note (df, "istruzione.xlsx", wm_synth_sheet_name (sh), row,
                              kind == 0 ? WM_SYNTH_DEFECT_CF : kind == 1 ? WM_SYNTH_DEFECT_NO_MATCH : WM_SYNTH_DEFECT_DUPLICATE,
                              who, kind == 0 ? "carattere di controllo errato" : kind == 1 ? "persona non residente" : "riga ripetuta");
    }
  wm_synth_sheet_finish (sh);
  return sh;
}
