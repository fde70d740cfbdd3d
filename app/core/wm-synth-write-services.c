/* wm-synth-write-services.c — assistenza_interventi.csv and assistenza_valutazioni.csv
 *
 * Family services are granted year by year on the family's ISEE (called
 * from the yearly pass); care-need assessments every two years from the
 * onset of a need, and the person services that follow them. Codes are
 * the SIUSS / Casellario dell'assistenza ones (wm-synth-tables.c).
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include "wm-schema.h"
#include "wm-synth-write-private.h"

/* @amount < 0: not an economic benefit. */
static void
service_row (WmSynthCsv *csv, const char *person, const char *family, const char *code, const char *area,
             guint32 start, guint32 end, double amount)
{
  wm_synth_csv_field (csv, person);
  wm_synth_csv_field (csv, family);
  wm_synth_csv_field (csv, code);
  wm_synth_csv_field (csv, area);
  wm_synth_csv_date (csv, start);
  wm_synth_csv_date (csv, end);
  if (amount >= 0)
    wm_synth_csv_money (csv, amount);
  else
    wm_synth_csv_field (csv, "");
  wm_synth_csv_end (csv);
}

/**
 * wm_synth_family_services:
 *
 * What @family receives in @year: income support and rent contributions on
 * a low ISEE, a nursery place (and its fee reduction) for a child of 1–2,
 * a reception service for a foreign family that just arrived.
 */
void
wm_synth_family_services (WmSynthWorld       *w,
                          WmSynthScope       *sc,
                          WmSynthCsv         *services,
                          guint32             family,
                          int                 year,
                          const guint32      *members,
                          int                 n,
                          const WmSynthIsee  *iy)
{
  guint32 day = wm_synth_julian (year, 12, 31);
  char fam[16];
  WmRng rng;

  wm_synth_family_code (w, family, fam);
  wm_rng_seed (&rng, w->seed, RNG_SERVICE, (guint64) family * 64 + (year - 1990));
  if (iy->filed && iy->isee < wm_synth_isee_threshold (year) * 1.6 && wm_rng_chance (&rng, 0.35))
    {
      guint32 start = wm_synth_julian (year, 1, 1) + wm_rng_below (&rng, 300);
      guint32 months = 1 + wm_rng_below (&rng, 6);
      double amount = 100 * (3 + wm_rng_below (&rng, 22));

      service_row (services, "", fam, "A1.04", "POV", start, wm_umin (start + 30 * months, day), amount);
    }
  if (iy->filed && iy->isee < 12000 && D (w, F (w, family)->dwelling)->tenure == WM_TENURE_RENTED && wm_rng_chance (&rng, 0.2))
    {
      guint32 start = wm_synth_julian (year, 3, 1) + wm_rng_below (&rng, 200);
      double amount = 100 * (5 + wm_rng_below (&rng, 20));

      service_row (services, "", fam, "A1.05", "POV", start, MIN (start + 180, day), amount);
    }
  for (int k = 0; k < n; k++)
    {
      int age = year - wm_synth_year (P (w, members[k])->birth);

      if (age < 1 || age > 2)
        continue;
      if (!wm_rng_chance (&rng, iy->filed ? 0.35 : 0.1))
        break;
      service_row (services, wm_synth_scope_cf (w, sc, members[k]), "", "A3.03", "FAM",
                   wm_synth_julian (year, 9, 1), wm_synth_julian (year + 1, 6, 30), -1);
      if (iy->filed && iy->isee < 15000)
        service_row (services, wm_synth_scope_cf (w, sc, members[k]), "", "A1.07", "FAM",
                     wm_synth_julian (year, 9, 1), wm_synth_julian (year + 1, 6, 30), 100 * (8 + wm_rng_below (&rng, 30)));
      break;
    }
  if (F (w, family)->foreign && n > 0 && P (w, members[0])->first > wm_synth_julian (year, 1, 1) && wm_rng_chance (&rng, 0.25))
    {
      guint32 first = P (w, members[0])->first;

      service_row (services, wm_synth_scope_cf (w, sc, members[0]), "", "Z9.99", "IMMNOM",
                   first + 20, MIN (first + 200, day), -1);
    }
}

/* Home care for most, a care home for the severe, a monthly contribution
 * for some; the disabled young get school or work support. */
static void
person_services (WmSynthWorld *w, WmSynthScope *sc, WmSynthCsv *services, guint32 i, guint32 end, WmRng *rng)
{
  WmSynthPerson *p = P (w, i);
  int age = wm_synth_age (p->birth, p->care_onset);
  guint32 start = p->care_onset + 30 + wm_rng_below (rng, 150);
  guint32 stop = wm_umin (end, start + 365 * (1 + wm_rng_below (rng, 4)));
  const char *code, *area;

  if (start >= end || stop < sc->from)
    return;
  if (age < 18)
    code = "A2.11", area = "DIS";
  else if (age < 65)
    code = wm_rng_chance (rng, 0.5) ? "A2.09" : "A3.01", area = "DIS";
  else if (p->family != WM_SYNTH_NONE && F (w, p->family)->convivenza)
    code = "A3.02", area = "ELD";
  else if (p->care_level >= 3 && wm_rng_chance (rng, 0.3))
    code = "A3.02", area = "ELD";
  else if (wm_rng_chance (rng, 0.2))
    code = "A2.08", area = "DIS";
  else
    code = "A2.07", area = "ELD";
  if (!wm_rng_chance (rng, 0.7))
    return;
  service_row (services, wm_synth_scope_cf (w, sc, i), "", code, area, start, stop < sc->to ? stop : 0, -1);
  if (age >= 65 && wm_rng_chance (rng, 0.3))
    service_row (services, wm_synth_scope_cf (w, sc, i), "", "A1.11", "ELD", start, MIN (start + 364, end),
                 12 * (100 + 50 * wm_rng_below (rng, 8)));
}

/* Care-need assessments every two years from the onset, and the services that follow. */
gboolean
wm_synth_write_care (WmSynthWorld    *w,
                     const char      *dir,
                     WmSynthScope    *sc,
                     WmSynthDefects  *df,
                     WmSynthCsv      *services,
                     GError         **error)
{
  static const char *const file = "assistenza_valutazioni.csv";
  WmSynthCsv csv = { 0 };

  if (!wm_synth_csv_open (&csv, dir, file, "codice_fiscale;data_valutazione;livello_bisogno;data_scadenza", error))
    return FALSE;
  for (guint32 i = 0; i < w->persons->len; i++)
    {
      WmSynthPerson *p = P (w, i);
      guint32 end = p->death ? p->death : p->out ? p->out : sc->to;
      int level;
      WmRng rng;

      if (!sc->relevant[i] || p->care_onset == 0 || p->care_onset > sc->to || p->care_onset >= end)
        continue;
      wm_rng_seed (&rng, w->seed, RNG_CARE, i);
      level = MAX (1, p->care_level);
      for (guint32 day = p->care_onset; day < end; day += 730)
        {
          guint32 next = day + 730;
          gboolean defect;
          guint64 row;

          if (next + 730 < sc->from)
            {
              level = wm_imin (3, level + wm_rng_chance (&rng, 0.3));
              continue;
            }
          defect = wm_synth_defect_roll (df);
          wm_synth_csv_field (&csv, wm_synth_scope_cf (w, sc, i));
          wm_synth_csv_date (&csv, defect ? wm_synth_julian (1900, 1, 1) : day);
          wm_synth_csv_int (&csv, level);
          wm_synth_csv_date (&csv, next < end && next <= sc->to ? next : 0);
          row = wm_synth_csv_end (&csv);
          if (defect)
            wm_synth_defect_note (df, file, NULL, row, WM_SYNTH_DEFECT_DATE, wm_synth_scope_cf (w, sc, i),
                                  "data di valutazione 01/01/1900");
          level = wm_imin (3, level + wm_rng_chance (&rng, 0.3));
        }
      person_services (w, sc, services, i, end, &rng);
    }
  return wm_synth_csv_close (&csv);
}
