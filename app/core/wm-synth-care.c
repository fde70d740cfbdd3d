/* wm-synth-care.c — the very old, and who lives with them, year by year
 *
 * Potential care hardship (DESIGN.md §5: families whose members are all
 * 65 or over, one of them 80 or over) is held on census day to the
 * place's target while families are composed (wm-synth-census.c): in
 * Povo that is under a third of what the ages alone would give, so most
 * of the very old live with somebody younger — a child, a live-in carer.
 * Left to itself the population would lose that within a few years (the
 * 75–79-year-olds living alone turn 80, the younger members die or leave)
 * and, before the census, the very old who died in the period would be
 * missing altogether. So:
 *
 * - before the census the residents who died in the period are put back
 *   (reverse survival: each year, for every sex and age, the survivors
 *   times q/(1 − q) of the yearly death hazard, less the dead already
 *   there), living alone, or in the city's care home for a fifth of those
 *   75 and over where there is one;
 * - in every year the families in potential care hardship are held to
 *   the census ratio of such families to residents of 80 and over, so
 *   they follow the number of the very old (ageing) and nothing else:
 *   before the census some of the very old who died had a live-in carer
 *   (a foreign woman of 35–60, relation 11, "altro non parente") for the
 *   last years of their life; after it the care home takes in the very
 *   old of such families when places free up (from outside the city when
 *   nobody in it needs one), and some families take in a live-in carer,
 *   who leaves when the last of them dies.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "wm-schema.h"
#include "wm-synth-private.h"

#define CARE_HOME_MIN 20     /* a convivenza this big is a care home */

typedef struct {
  guint32 person, dwelling;
} Alone;

typedef struct {
  guint   care;              /* families in potential care hardship */
  guint   old;               /* residents of 80 and over */
  GArray *families;          /* guint32: the families in potential care hardship */
} CareCount;

static gboolean
resident_on (const WmSynthPerson *p, guint32 day)
{
  return p->birth <= day && (p->first == 0 || p->first <= day) &&
         (p->death == 0 || p->death > day) && (p->out == 0 || p->out > day);
}

/* Families in potential care hardship and residents of 80+ on @day, by
 * the family each person had then: the present one (@now), else the one
 * they lived in before and around the census. */
static void
count_care (WmSynthWorld *w, guint32 day, gboolean now, CareCount *out)
{
  guint32 nf = w->families->len;
  g_autofree guint8 *state = g_new0 (guint8, MAX (nf, 1));   /* 1 someone, 2 someone 80+, 4 someone under 65 */

  out->care = out->old = 0;
  if (out->families != NULL)
    g_array_set_size (out->families, 0);
  for (guint32 i = 0; i < w->persons->len; i++)
    {
      WmSynthPerson *p = P (w, i);
      guint32 f = now ? p->family : p->home;
      int age;

      if (f == WM_SYNTH_NONE || (!now && !resident_on (p, day)))
        continue;
      age = wm_synth_age (p->birth, day);
      out->old += age >= 80;
      state[f] |= 1 | (age >= 80 ? 2 : 0) | (age < 65 ? 4 : 0);
    }
  for (guint32 f = 0; f < nf; f++)
    if (state[f] == 3 && !F (w, f)->convivenza)
      {
        out->care++;
        if (out->families != NULL)
          g_array_append_val (out->families, f);
      }
}

/* What the census says: care families to residents of 80+. */
static double
census_ratio (WmSynthWorld *w)
{
  return w->old_census > 0 ? (double) w->care_census / w->old_census : 0;
}

/* The city's care home: its biggest convivenza, if it is one. */
static guint32
care_home (WmSynthWorld *w)
{
  guint32 best = WM_SYNTH_NONE;

  for (guint32 f = 0; f < w->families->len; f++)
    if (F (w, f)->convivenza && F (w, f)->size >= CARE_HOME_MIN &&
        (best == WM_SYNTH_NONE || F (w, f)->size > F (w, best)->size))
      best = f;
  return best;
}

/**
 * wm_synth_care_census:
 *
 * The census day figures the other years are held to.
 */
void
wm_synth_care_census (WmSynthWorld *w)
{
  CareCount c = { 0 };
  guint32 home;

  count_care (w, w->census_day, TRUE, &c);
  w->care_census = c.care;
  w->old_census = c.old;
  home = care_home (w);
  w->care_home_places = home != WM_SYNTH_NONE ? F (w, home)->size : 0;
}

/* A live-in carer: a woman of 35–60 of one of the place's communities. */
static guint32
carer_new (WmSynthWorld *w, WmRng *rng, guint32 from)
{
  double csum = 0, u, acc = 0;
  int pool, by = wm_synth_year (from) - 35 - (int) wm_rng_below (rng, 26);
  guint32 person;

  for (int c = 0; c < 64; c++)
    csum += w->profile.communities[c];
  u = wm_rng_double (rng) * csum;
  for (pool = 0; pool < 63; pool++)
    if ((acc += w->profile.communities[pool]) >= u)
      break;
  person = wm_synth_person_new (w, rng, WM_SEX_FEMALE, wm_synth_julian (by, 1, 1) + wm_rng_below (rng, 365), pool, TRUE);
  P (w, person)->anchor_cond = 1;            /* employed: it is her job */
  P (w, person)->anchor_year = wm_synth_year (from);
  wm_synth_education_draw (w, person, wm_synth_year (from), rng);
  return person;
}

/* Census reference persons without a partner who lived at their address
 * since before the period, by sex and census age: the widows and
 * widowers a partner who died in the period is given back to. */
typedef struct {
  GArray *by_age[2][111];    /* guint32 persons */
  guint8 *taken;             /* per family: given a partner already */
} Survivors;

static void
survivors_init (WmSynthWorld *w, Survivors *sv, guint32 window)
{
  guint32 nf = w->families->len;
  g_autofree guint8 *partnered = g_new0 (guint8, MAX (nf, 1));

  for (int s = 0; s < 2; s++)
    for (int a = 0; a < 111; a++)
      sv->by_age[s][a] = g_array_new (FALSE, FALSE, sizeof (guint32));
  sv->taken = g_new0 (guint8, MAX (nf, 1));
  for (guint32 i = 0; i < w->persons->len; i++)
    if (!P (w, i)->ghost && P (w, i)->family != WM_SYNTH_NONE &&
        (P (w, i)->relation == 2 || P (w, i)->relation == 10))
      partnered[P (w, i)->family] = 1;
  for (guint32 i = 0; i < w->persons->len; i++)
    {
      WmSynthPerson *p = P (w, i);

      if (p->ghost || p->family == WM_SYNTH_NONE || p->relation != 1 || partnered[p->family] ||
          F (w, p->family)->convivenza || p->res_start >= window)
        continue;
      g_array_append_val (sv->by_age[p->sex - 1][MIN (110, wm_synth_census_age (w, i))], i);
    }
}

static void
survivors_clear (Survivors *sv)
{
  for (int s = 0; s < 2; s++)
    for (int a = 0; a < 111; a++)
      g_array_unref (sv->by_age[s][a]);
  g_free (sv->taken);
}

/* The share of persons of @age and @sex (1 men) who live with a partner:
 * Italy, ISTAT's Aspetti della vita quotidiana, rounded. */
static double
in_couple (int age, int sex)
{
  static const double share[2][4] = { { 0.75, 0.80, 0.70, 0.50 }, { 0.65, 0.55, 0.35, 0.12 } };

  return share[sex - 1][age < 65 ? 0 : age < 75 ? 1 : age < 85 ? 2 : 3];
}

/* A census person without a partner who could have been widowed by the
 * death of @dead (of census-day-relative @age) on @died; husbands about
 * three years older. */
static guint32
find_survivor (WmSynthWorld *w, Survivors *sv, WmRng *rng, int sex, int age, guint32 died)
{
  int other = sex == WM_SEX_MALE ? 2 : 1, centre = age + (sex == WM_SEX_MALE ? -3 : 3);

  for (int attempt = 0; attempt < 8; attempt++)
    {
      int a = centre - 5 + (int) wm_rng_below (rng, 11);
      GArray *bucket = sv->by_age[other - 1][CLAMP (a, 0, 110)];
      guint32 i;

      if (bucket->len == 0)
        continue;
      i = g_array_index (bucket, guint32, wm_rng_below (rng, bucket->len));
      if (!sv->taken[P (w, i)->family] && P (w, i)->res_start < died)
        return i;
    }
  return WM_SYNTH_NONE;
}

/* @person was the partner of @survivor until @died: the reference person
 * if a man (his widow became it), else the partner. */
static void
widow (WmSynthWorld *w, Survivors *sv, guint32 person, guint32 survivor, guint32 died)
{
  WmSynthPerson *s = P (w, survivor), *p = P (w, person);
  guint32 f = s->family;

  sv->taken[f] = 1;
  p->home = f;
  p->first = s->first;
  if (p->sex == WM_SEX_MALE)
    {
      wm_synth_interval_add (w, person, f, F (w, f)->dwelling, s->res_start, died, 1, END_DECESSO);
      wm_synth_interval_add (w, survivor, f, F (w, f)->dwelling, s->res_start, died, 2, END_VARFAM);
      s->res_start = died;
    }
  else
    wm_synth_interval_add (w, person, f, F (w, f)->dwelling, s->res_start, died, 2, END_DECESSO);
}

/**
 * wm_synth_care_before:
 *
 * The residents who died between the start of the period and census day,
 * put back year by year from the census backwards, with their homes.
 */
void
wm_synth_care_before (WmSynthWorld *w)
{
  guint32 window = wm_synth_julian (w->first_year, 1, 1);
  guint32 home = care_home (w);
  g_autoptr(GArray) elderly = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) alone = g_array_new (FALSE, FALSE, sizeof (Alone));
  CareCount c = { 0 };
  Survivors sv;
  WmRng rng;

  /* Sections of the elderly: the dead lived where the old live. */
  for (guint32 i = 0; i < w->persons->len; i++)
    if (!P (w, i)->ghost && P (w, i)->family != WM_SYNTH_NONE && wm_synth_census_age (w, i) >= 75 &&
        !F (w, P (w, i)->family)->convivenza)
      g_array_append_val (elderly, i);
  if (elderly->len == 0)
    return;
  survivors_init (w, &sv, window);
  wm_rng_seed (&rng, w->seed, RNG_HISTORY, 7000000);
  for (int y = w->profile.census_year; y >= w->first_year; y--)
    {
      guint32 end = y == w->profile.census_year ? w->census_day : wm_synth_julian (y, 12, 31);
      guint32 start = wm_synth_julian (y, 1, 1);
      double survivors[2][111] = { { 0 } }, dead[2][111] = { { 0 } };
      guint32 np = w->persons->len;

      for (guint32 i = 0; i < np; i++)
        {
          WmSynthPerson *p = P (w, i);
          int age = MIN (110, wm_synth_age (p->birth, start));

          if (age < 0)
            continue;
          if (resident_on (p, end))
            survivors[p->sex - 1][age] += 1;
          else if (p->ghost && p->death >= start && p->death < end)
            dead[p->sex - 1][age] += 1;
        }
      g_array_set_size (alone, 0);
      for (int s = 0; s < 2; s++)
        for (int a = 40; a <= 110; a++)
          {
            double q = wm_synth_death_hazard (a, s + 1, a >= 80 ? 1.35 : a >= 65 ? 1.07 : 1.0);
            double expected = survivors[s][a] * q / (1 - q) - dead[s][a];
            int n = (int) floor (expected + wm_rng_double (&rng));

            for (int k = 0; k < n; k++)
              {
                guint32 model = g_array_index (elderly, guint32, wm_rng_below (&rng, elderly->len));
                guint32 birth = wm_synth_julian (y - a - 1, 1, 1) + wm_rng_below (&rng, 365);
                guint32 died = start + wm_rng_below (&rng, 365);
                guint32 since = wm_umax (birth, window - wm_rng_below (&rng, 20 * 365));
                guint32 person, family, dwelling, survivor = WM_SYNTH_NONE;
                WmSynthPerson *p;

                died = MIN (died, end - 1);
                if (since >= died)
                  continue;
                /* Most lived with a partner, widowed by their death. */
                if (wm_rng_chance (&rng, in_couple (a, s + 1)))
                  survivor = find_survivor (w, &sv, &rng, s + 1, a + w->profile.census_year - y, died);
                person = wm_synth_person_new (w, &rng, s + 1, birth,
                                              survivor != WM_SYNTH_NONE ? P (w, survivor)->pool : -1,
                                              survivor != WM_SYNTH_NONE && P (w, survivor)->foreign);
                p = P (w, person);
                p->ghost = 1;
                p->death = died;
                p->first = since >= window ? since : 0;
                p->anchor_year = y;
                if (survivor != WM_SYNTH_NONE)
                  widow (w, &sv, person, survivor, died);
                wm_synth_education_draw (w, person, y, &rng);
                wm_synth_person_cf (w, person);
                if (survivor != WM_SYNTH_NONE)
                  continue;
                if (home != WM_SYNTH_NONE && a >= 75 && wm_rng_chance (&rng, 0.2))
                  {
                    p->home = home;
                    wm_synth_interval_add (w, person, home, F (w, home)->dwelling, since, died, 11, END_DECESSO);
                    continue;
                  }
                dwelling = wm_synth_dwelling_new (w, &rng, F (w, P (w, model)->family)->section, 1, FALSE);
                family = wm_synth_family_new (w, F (w, P (w, model)->family)->section, dwelling);
                D (w, dwelling)->families = 0;
                g_array_append_val (w->vacant, dwelling);
                P (w, person)->home = family;
                wm_synth_interval_add (w, person, family, dwelling, since, died, 1, END_DECESSO);
                if (a >= 80)
                  {
                    Alone one = { person, dwelling };

                    g_array_append_val (alone, one);
                  }
              }
          }
      /* The year before: as many of the very old alone as the census ratio
       * gives; the others had a carer in their last years. */
      if (y == w->first_year)
        break;
      count_care (w, wm_synth_julian (y - 1, 12, 31), FALSE, &c);
      {
        int extra = (int) c.care - (int) floor (census_ratio (w) * c.old + 0.5);

        for (guint k = alone->len; k > 0 && extra > 0; k--)
          {
            guint j = wm_rng_below (&rng, k);
            Alone one = g_array_index (alone, Alone, j);
            WmSynthPerson *p = P (w, one.person);
            guint32 carer, from;

            g_array_index (alone, Alone, j) = g_array_index (alone, Alone, k - 1);
            from = wm_umax (MAX (p->first, window) + 1, p->death - 365 * (2 + wm_rng_below (&rng, 6)));
            if (from >= p->death)
              continue;
            carer = carer_new (w, &rng, from);
            p = P (w, one.person);
            P (w, carer)->ghost = 1;
            P (w, carer)->home = p->home;
            P (w, carer)->first = from;
            P (w, carer)->out = p->death;
            wm_synth_person_cf (w, carer);
            /* Her row ends the day of the death: the family is gone. */
            wm_synth_interval_add (w, carer, p->home, one.dwelling, from, p->death, 11, END_EMIGR);
            extra--;
          }
      }
    }
  g_clear_pointer (&c.families, g_array_unref);
  survivors_clear (&sv);
}

/* A day in year @y after every present member of @family began their row. */
static guint32
day_in (WmSynthWorld *w, WmRng *rng, int y, const guint32 *members, guint n)
{
  guint32 day = wm_synth_julian (y, 1, 1) + wm_rng_below (rng, 365);

  for (guint k = 0; k < n; k++)
    if (P (w, members[k])->family != WM_SYNTH_NONE && P (w, members[k])->res_start >= day)
      day = P (w, members[k])->res_start + 1;
  return day;
}

/**
 * wm_synth_care_year:
 * @offsets, @list: the members of each family (as the year's index has them)
 *
 * At the end of year @y after the census: free places of the care home
 * go to the very old living alone (or to newcomers), then families beyond
 * the census ratio take in a carer.
 */
void
wm_synth_care_year (WmSynthWorld  *w,
                    int            y,
                    WmRng         *rng,
                    const guint32 *offsets,
                    const guint32 *list)
{
  guint32 home = care_home (w), indexed = w->families->len;
  CareCount c = { .families = g_array_new (FALSE, FALSE, sizeof (guint32)) };
  int target;

  count_care (w, wm_synth_julian (y, 12, 31), TRUE, &c);
  if (home != WM_SYNTH_NONE)
    {
      int places = (int) w->care_home_places - (int) F (w, home)->size;

      for (guint k = c.families->len; k > 0 && places > 0; k--)
        {
          guint32 j = wm_rng_below (rng, k), f = g_array_index (c.families, guint32, j);

          g_array_index (c.families, guint32, j) = g_array_index (c.families, guint32, k - 1);
          if (F (w, f)->size != 1 || f >= indexed)
            continue;
          for (guint32 m = offsets[f]; m < offsets[f + 1]; m++)
            if (P (w, list[m])->family == f)
              {
                guint32 day = day_in (w, rng, y, list + m, 1);

                wm_synth_leave (w, list[m], day, END_TRASF);
                wm_synth_join (w, list[m], home, 11, day);
                places--;
                break;
              }
        }
      for (; places > 0; places--)
        {
          int age = 80 + (int) wm_rng_below (rng, 16);
          guint32 day = day_in (w, rng, y, NULL, 0);
          guint32 person = wm_synth_person_new (w, rng, wm_rng_chance (rng, 0.7) ? WM_SEX_FEMALE : WM_SEX_MALE,
                                                wm_synth_julian (y - age - 1, 1, 1) + wm_rng_below (rng, 365), -1, FALSE);

          P (w, person)->first = day;
          P (w, person)->anchor_year = y;
          P (w, person)->care_onset = day;
          P (w, person)->care_level = 2;
          wm_synth_education_draw (w, person, y, rng);
          wm_synth_person_cf (w, person);
          wm_synth_join (w, person, home, 11, day);
        }
      count_care (w, wm_synth_julian (y, 12, 31), TRUE, &c);
    }
  target = (int) floor (census_ratio (w) * c.old + 0.5);
  for (guint k = c.families->len; k > 0 && (int) c.care > target; k--)
    {
      guint32 j = wm_rng_below (rng, k), f = g_array_index (c.families, guint32, j);
      guint32 day, carer;

      g_array_index (c.families, guint32, j) = g_array_index (c.families, guint32, k - 1);
      day = f < indexed ? day_in (w, rng, y, list + offsets[f], offsets[f + 1] - offsets[f]) : day_in (w, rng, y, NULL, 0);
      carer = carer_new (w, rng, day);
      P (w, carer)->first = day;
      wm_synth_person_cf (w, carer);
      wm_synth_join (w, carer, f, 11, day);
      c.care--;
    }
  g_array_unref (c.families);
}

/**
 * wm_synth_care_left_alone:
 *
 * After a death in @family on @day: a carer left with nobody to care for
 * moves away.
 */
void
wm_synth_care_left_alone (WmSynthWorld *w,
                          guint32       family,
                          guint32       day,
                          const guint32 *members,
                          guint         n)
{
  gboolean only_carers = TRUE;

  if (F (w, family)->convivenza || F (w, family)->size == 0)
    return;
  for (guint k = 0; k < n; k++)
    if (P (w, members[k])->family == family && P (w, members[k])->relation != 11)
      only_carers = FALSE;
  if (!only_carers)
    return;
  for (guint k = 0; k < n; k++)
    if (P (w, members[k])->family == family)
      wm_synth_leave (w, members[k], MAX (day, P (w, members[k])->res_start + 1), END_EMIGR);
}
