/* wm-synth-write-registry.c — anagrafe_persone.csv, anagrafe_residenze.csv, abitazioni.csv
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "wm-schema.h"
#include "wm-synth-write-private.h"

static const char *const persons_file = "anagrafe_persone.csv";
static const char *const residences_file = "anagrafe_residenze.csv";

/* Mistyped codes are decided here: every other source copies them. */
gboolean
wm_synth_write_persons (WmSynthWorld *w, const char *dir, WmSynthScope *sc, WmSynthDefects *df, GError **error)
{
  WmSynthCsv csv = { 0 };

  if (!wm_synth_csv_open (&csv, dir, persons_file,
                          "codice_fiscale;cognome;nome;sesso;data_nascita;comune_nascita;cittadinanza;data_decesso", error))
    return FALSE;
  for (guint32 i = 0; i < w->persons->len; i++)
    {
      WmSynthPerson *p = P (w, i);
      char citizenship[8];
      int kind, code;
      guint64 row;

      if (!sc->relevant[i])
        continue;
      /* 0: a mistyped code (the other sources then hold it too), 1: a duplicate. */
      kind = wm_synth_defect_kind (df, 2);
      if (kind == 0)
        wm_synth_defect_mistype (p->cf, sc->bad_cf + (gsize) i * 17);
      wm_synth_csv_field (&csv, wm_synth_scope_cf (w, sc, i));
      wm_synth_csv_field (&csv, wm_synth_person_surname (w, p));
      wm_synth_csv_field (&csv, wm_synth_person_given (w, p));
      wm_synth_csv_field (&csv, p->sex == WM_SEX_MALE ? "M" : "F");
      wm_synth_csv_date (&csv, p->birth);
      wm_synth_csv_field (&csv, wm_synth_person_birthplace (w, p));
      code = wm_synth_person_citizenship (w, p);
      citizenship[0] = '0' + code / 100 % 10;
      citizenship[1] = '0' + code / 10 % 10;
      citizenship[2] = '0' + code % 10;
      citizenship[3] = '\0';
      wm_synth_csv_field (&csv, citizenship);
      wm_synth_csv_date (&csv, p->death);
      row = kind == 1 ? wm_synth_csv_end_twice (&csv) : wm_synth_csv_end (&csv);
      if (kind == 0)
        wm_synth_defect_note (df, persons_file, NULL, row, WM_SYNTH_DEFECT_CF, wm_synth_scope_cf (w, sc, i),
                              "carattere di controllo errato");
      else if (kind == 1)
        wm_synth_defect_note (df, persons_file, NULL, row, WM_SYNTH_DEFECT_DUPLICATE, p->cf, "riga ripetuta");
    }
  return wm_synth_csv_close (&csv);
}

gboolean
wm_synth_write_residences (WmSynthWorld *w, const char *dir, WmSynthScope *sc, WmSynthDefects *df, GError **error)
{
  static const char *const reasons[] = { "", "TRASF", "EMIGR", "DECESSO", "VARFAM" };
  WmSynthCsv csv = { 0 };
  int decimals = w->metric ? 2 : 6;
  g_autoptr(GString) address = g_string_new (NULL);
  /* When each family had a reference person (from the first start to the
   * last end, G_MAXUINT32: still open): a partner made a second one is
   * only a defect while the first is there. */
  g_autofree guint32 *ref_from = g_new (guint32, MAX (w->families->len, 1));
  g_autofree guint32 *ref_to = g_new0 (guint32, MAX (w->families->len, 1));

  memset (ref_from, 0xff, MAX (w->families->len, 1) * sizeof (guint32));
  for (guint32 k = 0; k < sc->n_order; k++)
    {
      WmSynthInterval *iv = &g_array_index (w->intervals, WmSynthInterval, sc->order[k]);

      if (iv->relation != 1)
        continue;
      ref_from[iv->family] = MIN (ref_from[iv->family], iv->start);
      ref_to[iv->family] = MAX (ref_to[iv->family], iv->end == 0 ? G_MAXUINT32 : iv->end);
    }
  if (!wm_synth_csv_open (&csv, dir, residences_file,
                          "codice_fiscale;codice_famiglia;rapporto_parentela;codice_abitazione;indirizzo;"
                          "sezione_censimento;x;y;data_inizio;data_fine;motivo_fine", error))
    return FALSE;
  for (guint32 k = 0; k < sc->n_order; k++)
    {
      WmSynthInterval *iv = &g_array_index (w->intervals, WmSynthInterval, sc->order[k]);
      WmSynthDwelling *d = D (w, iv->dwelling);
      WmSynthBuilding *b = &g_array_index (w->buildings, WmSynthBuilding, d->building);
      WmSynthSection *s = g_ptr_array_index (w->sections_arr, b->section);
      char fam[16], dw[24], civic[24], rel[3];
      int relation = iv->relation, defect = -1;
      guint32 start = iv->start, end = iv->end;
      guint64 row;

      /* A partner recorded as a second reference person, or swapped dates. */
      if (wm_synth_defect_roll (df))
        {
          if ((relation == 2 || relation == 10) && !F (w, iv->family)->convivenza &&
              ref_from[iv->family] < (end != 0 ? end : G_MAXUINT32) && ref_to[iv->family] > start)
            {
              relation = 1;
              defect = WM_SYNTH_DEFECT_TWO_REFS;
            }
          else if (end != 0 && end > start)
            {
              guint32 t = start;

              start = end;
              end = t;
              defect = WM_SYNTH_DEFECT_DATE;
            }
        }
      rel[0] = '0' + relation / 10;
      rel[1] = '0' + relation % 10;
      rel[2] = '\0';
      wm_synth_format_int (civic, b->civic);
      g_string_assign (address, g_ptr_array_index (w->streets, b->street));
      g_string_append_c (address, ' ');
      g_string_append (address, civic);
      wm_synth_csv_field (&csv, wm_synth_scope_cf (w, sc, iv->person));
      wm_synth_csv_field (&csv, wm_synth_family_code (w, iv->family, fam));
      wm_synth_csv_field (&csv, rel);
      wm_synth_csv_field (&csv, wm_synth_dwelling_code (w, iv->dwelling, dw));
      wm_synth_csv_field (&csv, address->str);
      wm_synth_csv_field (&csv, s->code);
      if (isnan (b->x))
        {
          wm_synth_csv_field (&csv, "");
          wm_synth_csv_field (&csv, "");
        }
      else
        {
          wm_synth_csv_fixed (&csv, b->x, decimals);
          wm_synth_csv_fixed (&csv, b->y, decimals);
        }
      wm_synth_csv_date (&csv, start);
      wm_synth_csv_date (&csv, end);
      wm_synth_csv_field (&csv, reasons[iv->reason]);
      row = wm_synth_csv_end (&csv);
      if (sc->bad_cf[(gsize) iv->person * 17])
        wm_synth_defect_note (df, residences_file, NULL, row, WM_SYNTH_DEFECT_CF, wm_synth_scope_cf (w, sc, iv->person),
                              "carattere di controllo errato");
      if (defect == WM_SYNTH_DEFECT_TWO_REFS)
        wm_synth_defect_note (df, residences_file, NULL, row, defect, P (w, iv->person)->cf,
                              "il partner risulta anche intestatario della scheda");
      else if (defect == WM_SYNTH_DEFECT_DATE)
        wm_synth_defect_note (df, residences_file, NULL, row, defect, P (w, iv->person)->cf,
                              "data_fine precedente a data_inizio");
    }
  return wm_synth_csv_close (&csv);
}


/* Every dwelling somebody lived in during the period. */
gboolean
wm_synth_write_dwellings (WmSynthWorld  *w,
                          const char    *dir,
                          WmSynthScope  *sc,
                          GError       **error)
{
  static const char *const tenure[] = { "ALTRO", "PROPRIETA", "AFFITTO", "ERP", "ALTRO" };
  WmSynthCsv csv = { 0 };
  g_autofree guint8 *used = g_new0 (guint8, MAX (w->dwellings->len, 1));

  for (guint32 k = 0; k < sc->n_order; k++)
    used[g_array_index (w->intervals, WmSynthInterval, sc->order[k]).dwelling] = 1;
  if (!wm_synth_csv_open (&csv, dir, "abitazioni.csv", "codice_abitazione;superficie_mq;numero_stanze;titolo_godimento", error))
    return FALSE;
  for (guint32 i = 0; i < w->dwellings->len; i++)
    {
      char code[24];

      if (!used[i])
        continue;
      wm_synth_csv_field (&csv, wm_synth_dwelling_code (w, i, code));
      wm_synth_csv_int (&csv, D (w, i)->surface);
      wm_synth_csv_int (&csv, D (w, i)->rooms);
      wm_synth_csv_field (&csv, tenure[D (w, i)->tenure]);
      wm_synth_csv_end (&csv);
    }
  return wm_synth_csv_close (&csv);
}
