/* wm-indicator-kernel.c — every indicator's counts for one year, in one pass
 *
 * One pass over the residence rows, which are grouped by family: each
 * person adds to the person counters of their own area while the family's
 * aggregates build up in registers; at the end of the run the family adds
 * to the family counters of its head's area. Occupants are tallied per
 * dwelling on the way, and a short pass over dwellings closes
 * overcrowding. Rows, per-year flags and dwellings are all read in
 * ascending order, so the loop streams memory.
 *
 * The rules it implements are written in wm-indicators.md and, as plain
 * SQL, in tests/indicators-oracle.sql; the tests hold the three together.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include "wm-indicator-private.h"
#include "wm-schema.h"

/* more occupants than this make a dwelling of each surface class
 * overcrowded (ISTAT: < 40 m² > 4, 40–59 > 5, 60–79 > 6) */
static const guint16 overcrowding_limit[] = {
  [WM_SURFACE_UNDER_40] = 4,
  [WM_SURFACE_40_TO_60] = 5,
  [WM_SURFACE_60_TO_80] = 6,
  [WM_SURFACE_80_AND_MORE] = G_MAXUINT16,
};

void
wm_indicator_kernel_year (WmPopulation  *pop,
                          guint          y,
                          const guint16 *dwelling_slot,
                          guint32       *counts,
                          guint16       *occupants)
{
  const guint32 *family_start = pop->family_start;
  const guint8 *y0 = pop->y0, *y1 = pop->y1, *age0 = pop->age0, *attrs = pop->attrs;
  const guint8 *fy0 = pop->family_y0, *fy1 = pop->family_y1;
  const guint32 *dwelling = pop->dwelling;
  const guint32 *cond = pop->cond[y / WM_COND_YEARS_PER_WORD];
  const int shift = 3 * (y % WM_COND_YEARS_PER_WORD);
  const int age_offset = (int) y - WM_AGE_BIAS;
  const WmYearFlags *pf = &pop->person_flags[y];
  const WmYearFlags *ff = &pop->family_flags[y];
  const gboolean has_threshold = pop->has_threshold[y];
  const gint64 threshold = pop->threshold_cents[y];
  guint32 pc = 0, fc = 0;

  for (guint32 f = 0; f < pop->n_families; f++)
    {
      guint size = 0, n65 = 0, n80 = 0, partners = 0, children = 0, minors = 0;
      guint earners = 0, unknown15 = 0, member_bits = 0, fbits = 0;
      int head_age = 0, head_relation = 0;
      guint head_slot = 0;
      gboolean low_isee = FALSE;
      guint32 *F;

      if (y < fy0[f] || y >= fy1[f])
        continue;
      while (ff->key[fc] < f)
        fc++;
      if (ff->key[fc] == f)
        {
          fbits = ff->bits[fc];
          low_isee = has_threshold && (fbits & WM_FFLAG_ISEE) && ff->isee_cents[fc] < threshold;
          fc++;
        }

      for (guint32 r = family_start[f]; r < family_start[f + 1]; r++)
        {
          guint pbits = 0, a, relation, slot, c;
          guint32 d, *C;
          int age;

          if (y < y0[r] || y >= y1[r])
            continue;
          while (pf->key[pc] < r)
            pc++;
          if (pf->key[pc] == r)
            pbits = pf->bits[pc++];

          age = age0[r] + age_offset;
          a = attrs[r];
          relation = a & WM_ATTR_RELATION;
          c = (cond[r] >> shift) & 7;
          d = dwelling[r];
          slot = dwelling_slot[d];
          occupants[d] += occupants[d] != G_MAXUINT16;
          C = counts + (gsize) slot * WM_N_COUNTS;

          if (size == 0)
            {
              head_age = age;
              head_relation = relation;
              head_slot = slot;
            }
          size++;

          C[WM_COUNT_PERSONS]++;
          C[WM_COUNT_MULBEN_USERS] += (pbits & WM_PFLAG_MULBEN) != 0;
          if (age >= 0 && age <= 17)
            {
              minors++;
              if (has_threshold)
                {
                  C[WM_COUNT_MINORS_ISEE_YEAR]++;
                  C[WM_COUNT_MINORS_LOW_ISEE] += low_isee;
                }
            }
          if (age >= 15 && age <= 64)
            {
              C[WM_COUNT_15_64]++;
              C[WM_COUNT_ADD_USERS] += (pbits & WM_PFLAG_ADD) != 0;
              if (age >= 25 && (a & WM_ATTR_EDU_KNOWN))
                {
                  C[WM_COUNT_25_64_EDU_KNOWN]++;
                  C[WM_COUNT_25_64_EDU_LOW] += (a & WM_ATTR_EDU_LOW) != 0;
                }
              if (age <= 29 && c != WM_CONDITION_UNKNOWN)
                {
                  C[WM_COUNT_15_29_COND_KNOWN]++;
                  C[WM_COUNT_15_29_NEET] += c != WM_CONDITION_EMPLOYED && c != WM_CONDITION_STUDENT;
                }
            }
          else if (age >= 65)
            {
              C[WM_COUNT_65]++;
              C[WM_COUNT_ELD_USERS] += (pbits & WM_PFLAG_ELD) != 0;
              n65++;
              if (age >= 80)
                {
                  C[WM_COUNT_80]++;
                  n80++;
                }
            }
          if (a & WM_ATTR_CIT_KNOWN)
            {
              C[WM_COUNT_CITIZENSHIP_KNOWN]++;
              if (a & WM_ATTR_FOREIGN)
                {
                  C[WM_COUNT_FOREIGN]++;
                  C[WM_COUNT_IMMNOM_USERS] += (pbits & WM_PFLAG_IMMNOM) != 0;
                }
            }
          if (pbits & WM_PFLAG_CARE_NEED)
            {
              C[WM_COUNT_CARE_NEED]++;
              C[WM_COUNT_CARE_NEED_HOME_CARE] += (pbits & WM_PFLAG_HOME_CARE) != 0;
              if (age < 65)
                {
                  C[WM_COUNT_CARE_NEED_UNDER_65]++;
                  C[WM_COUNT_DIS_USERS] += (pbits & WM_PFLAG_DIS) != 0;
                }
            }

          partners += relation == WM_RELATION_PARTNER;
          children += relation == WM_RELATION_CHILD;
          earners += c == WM_CONDITION_EMPLOYED || c == WM_CONDITION_RETIRED;
          unknown15 += age >= 15 && c == WM_CONDITION_UNKNOWN;
          member_bits |= pbits;
        }

      if (size == 0)
        continue;
      F = counts + (gsize) head_slot * WM_N_COUNTS;
      F[WM_COUNT_FAMILIES]++;
      F[WM_COUNT_FAMILIES_LARGE] += size >= 6;
      if (head_relation == WM_RELATION_REFERENCE && head_age < 65 && children > 0)
        {
          F[WM_COUNT_FAMILIES_SINGLE_PARENT] += partners == 0;
          F[WM_COUNT_FAMILIES_ECONOMIC_HARDSHIP] += earners == 0 && unknown15 == 0;
        }
      F[WM_COUNT_FAMILIES_CARE_HARDSHIP] += n65 == size && n80 > 0;
      if (has_threshold)
        {
          F[WM_COUNT_FAMILIES_ISEE_YEAR]++;
          if (low_isee)
            {
              F[WM_COUNT_FAMILIES_LOW_ISEE]++;
              F[WM_COUNT_FAMILIES_POV_USERS] += (fbits & WM_FFLAG_POV) || (member_bits & WM_PFLAG_POV);
            }
        }
      if (minors > 0)
        {
          F[WM_COUNT_FAMILIES_WITH_MINORS]++;
          F[WM_COUNT_FAMILIES_FAM_USERS] += (fbits & WM_FFLAG_FAM) || (member_bits & WM_PFLAG_FAM);
        }
      /* one member: the head is that person, in their own area */
      if (size == 1)
        {
          F[WM_COUNT_65_ALONE] += head_age >= 65;
          F[WM_COUNT_80_ALONE] += head_age >= 80;
        }
    }

  for (guint32 d = 0; d < pop->n_dwellings; d++)
    {
      guint o = occupants[d], cls;
      guint32 *C;

      if (o == 0)
        continue;
      occupants[d] = 0;
      cls = pop->surface_class[d];
      if (cls == WM_SURFACE_UNKNOWN)
        continue;
      C = counts + (gsize) dwelling_slot[d] * WM_N_COUNTS;
      C[WM_COUNT_OCCUPANTS_SURFACE_KNOWN] += o;
      if (o > overcrowding_limit[cls])
        C[WM_COUNT_OCCUPANTS_OVERCROWDED] += o;
    }
}

gsize
wm_indicator_kernel_bytes_per_year (WmPopulation *pop,
                                    guint         y)
{
  gsize rows = pop->n_rows, families = pop->n_families, dwellings = pop->n_dwellings;

  /* Each array counted once per pass that reads it, whatever the access
   * pattern: the row pass reads y0, y1, age0, attrs (1 byte each), the
   * dwelling (4) and one condition word (4) per row, run start and year
   * range per family, the year's flag lists, and the slot and occupant
   * tally (2 + 2) per dwelling; the dwelling pass reads slot, tally and
   * surface class again. */
  return rows * (1 + 1 + 1 + 1 + 4 + 4) +
         families * (4 + 1 + 1) +
         dwellings * ((2 + 2) + (2 + 2 + 1)) +
         (gsize) pop->person_flags[y].n * (4 + 2) +
         (gsize) pop->family_flags[y].n * (4 + 2 + 4);
}
