/* wm-synth-couples.c — single parents: separations and new partners, both ways in time
 *
 * After the census couples separate (wm-synth-history.c: 1.2% a year of
 * couples under 65; Italy has about 1.6 legal separations a year per
 * 1,000 inhabitants, and de facto unions end too) and the children stay
 * with one parent; left at that, single-parent families grew by a tenth
 * in three years, as nothing ended them but children leaving home. So:
 *
 * - after the census, single parents under 55 find a new partner, who
 *   comes to live with them, RE_PARTNER a year: the share of
 *   single-parent families then moves slowly, as Italy's does;
 * - before it, the same two flows run backwards at the same yearly
 *   numbers: some census single parents (under 65, living there since
 *   before the period, not widowed in it) had a partner until a
 *   separation in the period, who left the city then; some census
 *   couples with children living there since before the period were a
 *   single parent until the partner came to live with them.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <string.h>

#include "wm-schema.h"
#include "wm-synth-private.h"

#define SEPARATE 0.012       /* a year, couples with a reference person under 65 (as history_after) */
#define RE_PARTNER 0.03      /* a year, single parents under 55 */

typedef enum { OTHER, SINGLE_PARENT, COUPLE_WITH_CHILDREN } Kind;

/* The kind of family @family is on @day, of those of @members still in
 * it; its reference person and partner, and whether the reference person
 * is under 55 (and may find a partner). */
static Kind
kind_of (WmSynthWorld *w, guint32 family, const guint32 *members, guint n, guint32 day, guint32 *ref,
         guint32 *partner, gboolean *young)
{
  gboolean children = FALSE;

  *ref = *partner = WM_SYNTH_NONE;
  for (guint k = 0; k < n; k++)
    {
      WmSynthPerson *p = P (w, members[k]);

      if (p->family != family)
        continue;

      if (p->relation == 1)
        *ref = members[k];
      else if (p->relation == 2 || p->relation == 10)
        *partner = members[k];
      else if (p->relation == 3)
        children = TRUE;
    }
  if (*ref == WM_SYNTH_NONE || !children || wm_synth_age (P (w, *ref)->birth, day) >= 65)
    return OTHER;
  *young = wm_synth_age (P (w, *ref)->birth, day) < 55;
  return *partner == WM_SYNTH_NONE ? SINGLE_PARENT : COUPLE_WITH_CHILDREN;
}

/* A partner of @ref's age, a man about three years older. */
static guint32
birth_of_partner (WmSynthWorld *w, WmRng *rng, guint32 ref)
{
  int years = P (w, ref)->sex == WM_SEX_MALE ? -3 : 3;

  return P (w, ref)->birth - years * 365 + wm_rng_below (rng, 4 * 365) - 2 * 365;
}

/**
 * wm_synth_couples_before:
 *
 * Separations and new partners of the years before the census, on census
 * families that lived at their address since before the period (after
 * wm-synth-care.c has given widows the partner who died).
 */
void
wm_synth_couples_before (WmSynthWorld *w)
{
  guint32 nf = w->families->len, np = w->persons->len;
  guint32 window = wm_synth_julian (w->first_year, 1, 1);
  g_autofree guint32 *offsets = g_new0 (guint32, nf + 1);
  g_autofree guint32 *list = g_new (guint32, MAX (np, 1));
  g_autofree guint8 *widowed = g_new0 (guint8, MAX (nf, 1));
  g_autofree guint8 *settled = g_new (guint8, MAX (nf, 1));
  guint singles = 0, young_singles = 0, couples = 0;
  double p_separated, p_joined;
  WmRng rng;

  if (w->first_year > w->profile.census_year)
    return;
  for (guint i = 0; i < w->intervals->len; i++)
    {
      WmSynthInterval *iv = &g_array_index (w->intervals, WmSynthInterval, i);

      if ((iv->relation == 2 || iv->relation == 10 || iv->relation == 1) && P (w, iv->person)->ghost &&
          P (w, iv->person)->death != 0)
        widowed[iv->family] = 1;
    }
  memset (settled, 1, MAX (nf, 1));
  for (guint32 i = 0; i < np; i++)
    if (!P (w, i)->ghost && P (w, i)->family != WM_SYNTH_NONE)
      {
        offsets[P (w, i)->family + 1]++;
        settled[P (w, i)->family] &= P (w, i)->res_start < window || P (w, i)->birth >= window;
      }
  for (guint32 f = 0; f < nf; f++)
    offsets[f + 1] += offsets[f];
  {
    g_autofree guint32 *fill = g_new0 (guint32, nf + 1);

    for (guint32 i = 0; i < np; i++)
      if (!P (w, i)->ghost && P (w, i)->family != WM_SYNTH_NONE)
        list[offsets[P (w, i)->family] + fill[P (w, i)->family]++] = i;
  }

  /* The yearly numbers of the forward flows, from the census families. */
  for (guint32 f = 0; f < nf; f++)
    {
      guint32 ref, partner;
      gboolean young = FALSE;
      Kind k;

      if (F (w, f)->convivenza)
        continue;
      k = kind_of (w, f, list + offsets[f], offsets[f + 1] - offsets[f], w->census_day, &ref, &partner, &young);
      singles += k == SINGLE_PARENT;
      young_singles += k == SINGLE_PARENT && young;
      couples += k == COUPLE_WITH_CHILDREN;
    }
  p_separated = singles > 0 ? SEPARATE * couples / singles : 0;
  p_joined = couples > 0 ? RE_PARTNER * young_singles / couples : 0;

  wm_rng_seed (&rng, w->seed, RNG_HISTORY, 8000000);
  for (guint32 f = 0; f < nf; f++)
    {
      guint32 ref, partner, day = 0;
      gboolean young = FALSE;
      Kind k;

      if (F (w, f)->convivenza || !settled[f] || widowed[f])
        continue;
      k = kind_of (w, f, list + offsets[f], offsets[f + 1] - offsets[f], w->census_day, &ref, &partner, &young);
      if (k == OTHER)
        continue;
      for (int y = w->profile.census_year; y >= w->first_year && day == 0; y--)
        if (wm_rng_chance (&rng, k == SINGLE_PARENT ? p_separated : p_joined))
          day = MIN (wm_synth_julian (y, 1, 1) + wm_rng_below (&rng, 365), w->census_day - 1);
      if (day == 0)
        continue;
      if (k == COUPLE_WITH_CHILDREN)
        {
          /* The partner came from outside the city that day. */
          P (w, partner)->res_start = MAX (P (w, partner)->res_start, day);
          P (w, partner)->first = P (w, partner)->res_start;
        }
      else
        {
          /* The partner lived here until the separation, then left the city. */
          guint32 birth = birth_of_partner (w, &rng, ref);
          guint32 ex, since = wm_umax (P (w, ref)->res_start, birth + 18 * 365);

          if (since >= day)
            continue;
          ex = wm_synth_person_new (w, &rng, P (w, ref)->sex == WM_SEX_MALE ? WM_SEX_FEMALE : WM_SEX_MALE, birth,
                                    P (w, ref)->pool, P (w, ref)->foreign);
          P (w, ex)->ghost = 1;
          P (w, ex)->home = f;
          P (w, ex)->out = day;
          P (w, ex)->first = since >= window ? since : 0;
          P (w, ex)->anchor_year = wm_synth_year (day);
          wm_synth_education_draw (w, ex, wm_synth_year (day), &rng);
          wm_synth_person_cf (w, ex);
          wm_synth_interval_add (w, ex, f, F (w, f)->dwelling, since, day, wm_rng_chance (&rng, 0.6) ? 2 : 10,
                                 END_EMIGR);
        }
    }
}

/**
 * wm_synth_couples_year:
 * @offsets, @list: the members of each family (as the year's index has them)
 *
 * Single parents under 55 who find a partner in year @y, who comes to
 * live with them from outside the city.
 */
void
wm_synth_couples_year (WmSynthWorld  *w,
                       int            y,
                       WmRng         *rng,
                       const guint32 *offsets,
                       const guint32 *list)
{
  guint32 nf = w->families->len;

  for (guint32 f = 0; f < nf; f++)
    {
      const guint32 *members = list + offsets[f];
      guint n = offsets[f + 1] - offsets[f];
      guint32 ref, partner, day, person;
      gboolean young = FALSE;

      if (F (w, f)->convivenza || F (w, f)->size < 2)
        continue;
      day = wm_synth_julian (y, 1, 1) + wm_rng_below (rng, 365);
      if (kind_of (w, f, members, n, day, &ref, &partner, &young) != SINGLE_PARENT || !young ||
          !wm_rng_chance (rng, RE_PARTNER))
        continue;
      for (guint k = 0; k < n; k++)
        if (P (w, members[k])->family == f)
          day = MAX (day, P (w, members[k])->res_start + 1);
      person = wm_synth_newcomer (w, rng, P (w, ref)->sex == WM_SEX_MALE ? WM_SEX_FEMALE : WM_SEX_MALE,
                                  birth_of_partner (w, rng, ref), P (w, ref)->pool, P (w, ref)->foreign, y, day);
      wm_synth_person_cf (w, person);
      wm_synth_join (w, person, f, wm_rng_chance (rng, 0.6) ? 2 : 10, day);
    }
}
