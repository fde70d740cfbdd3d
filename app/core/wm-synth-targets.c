/* wm-synth-targets.c — city-wide targets where the census is silent
 *
 * ISTAT's vulnerability indicators (DESIGN.md §5) are held to the place
 * profile's targets (by default ISTAT 2011 Italy: potential economic
 * hardship 2.7%, NEET 12.3%, severe overcrowding 1.5%, potential care
 * hardship 3.0%) on census day:
 * - economic hardship exactly: jobless families with children are drawn at
 *   about the target rate, then jobs are moved between persons of the same
 *   section (so its employed count stays the census one) until families
 *   with children, a reference person under 65 and nobody employed or
 *   retired are the target share to the family;
 * - NEET by its expected value (a probability of idleness among the young
 *   who have no job); overcrowding to the person by choosing which large,
 *   poor families get a small dwelling — nobody else is overcrowded;
 * - care hardship while families are composed (wm-synth-census.c), as far
 *   as the ages and plausible families allow (Povo reaches 2.7%).
 * Large families are not a target: family sizes are the census's own.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "wm-schema.h"
#include "wm-synth-private.h"
#include "wm-synth-tables.h"

enum { COND_EMPLOYED = 1, COND_UNEMPLOYED, COND_STUDENT, COND_RETIRED, COND_HOMEMAKER, COND_OTHER };

/* Disability, and families without work drawn at about the hardship target. */
void
wm_synth_mark_jobless (WmSynthWorld *w)
{
  guint32 nf = w->families->len;
  g_autofree guint8 *has_child = g_new0 (guint8, MAX (nf, 1));
  g_autofree guint8 *has_old = g_new0 (guint8, MAX (nf, 1));
  g_autofree guint8 *ref_young = g_new0 (guint8, MAX (nf, 1));
  guint64 eligible = 0, total = 0;
  double p_jobless;
  WmRng rng;

  for (guint32 i = 0; i < w->persons->len; i++)
    {
      WmSynthPerson *p = P (w, i);
      int a = wm_synth_census_age (w, i);
      WmRng prng;

      wm_rng_seed (&prng, w->seed, RNG_PERSON, i);
      p->disabled = wm_rng_chance (&prng, a >= 80 ? 0.2 : a >= 65 ? 0.08 : 0.025);
      if (p->family == WM_SYNTH_NONE)
        continue;
      if (p->relation == 3)
        has_child[p->family] = 1;
      if (a >= 58)
        has_old[p->family] = 1;
      if (p->relation == 1 && a < 65)
        ref_young[p->family] = 1;
    }
  for (guint32 f = 0; f < nf; f++)
    if (!F (w, f)->convivenza)
      {
        total++;
        eligible += has_child[f] && ref_young[f] && !has_old[f];
      }
  p_jobless = eligible > 0 ? MIN (0.9, w->profile.targets[TARGET_ECONOMIC] * total / eligible) : 0;
  wm_rng_seed (&rng, w->seed, RNG_FAMILY, 0);
  for (guint32 f = 0; f < nf; f++)
    if (has_child[f] && ref_young[f] && !has_old[f] && !F (w, f)->convivenza)
      F (w, f)->jobless = wm_rng_chance (&rng, p_jobless);
}

static int
condition_for (WmSynthWorld *w, WmSynthPerson *p, int a, double p_neet, WmRng *rng)
{
  gboolean jobless = p->family != WM_SYNTH_NONE && F (w, p->family)->jobless;
  gboolean female = p->sex == WM_SEX_FEMALE;
  double u = wm_rng_double (rng);

  if (a < 15)
    return COND_OTHER;                     /* a child */
  if (p->anchor_cond == COND_EMPLOYED)
    return COND_EMPLOYED;
  if (p->disabled && a < 65)
    return COND_OTHER;
  if (a < 30)
    {
      double pn = p_neet * (a < 19 ? 0.3 : a < 25 ? 1.1 : 1.6) * (jobless ? 2.0 : 1.0);

      if (wm_rng_double (rng) >= pn)
        return COND_STUDENT;
      return u < 0.5 ? COND_UNEMPLOYED : (female && u < 0.7) ? COND_HOMEMAKER : COND_OTHER;
    }
  if (a >= 65)
    return female && p->cohort == WM_SYNTH_NAMES_OLD && u < 0.15 ? COND_HOMEMAKER : COND_RETIRED;
  if (a >= 58 && !jobless && u < 0.55)
    return COND_RETIRED;
  if (female && u < 0.45)
    return COND_HOMEMAKER;
  return u < 0.75 ? COND_UNEMPLOYED : COND_OTHER;
}

static void
assign_care (WmSynthWorld *w, guint32 i, WmRng *rng)
{
  WmSynthPerson *p = P (w, i);
  int a = wm_synth_census_age (w, i);
  double now = a >= 85 ? 0.45 : a >= 80 ? 0.28 : a >= 65 ? 0.07 : p->disabled ? 0.5 : 0.0;
  double hazard = a >= 80 ? 0.12 : a >= 70 ? 0.04 : a >= 60 ? 0.012 : p->disabled ? 0.05 : 0.0;

  if (p->family != WM_SYNTH_NONE && F (w, p->family)->convivenza && a >= 65)
    now = 0.9;
  if (wm_rng_chance (rng, now))
    {
      p->care_onset = w->census_day - wm_rng_below (rng, 4 * 365);
      p->care_level = 1 + (a >= 85) + wm_rng_chance (rng, 0.3);
    }
  else if (hazard > 0)
    {
      double years = -log (1 - wm_rng_double (rng)) / hazard;

      if (years < 15)
        {
          p->care_onset = w->census_day + (guint32) (years * 365.25);
          p->care_level = 1 + wm_rng_chance (rng, 0.3);
        }
    }
}

/* Everyone's condition on census day (the anchor of the yearly chain), and care needs. */
void
wm_synth_assign_conditions (WmSynthWorld *w)
{
  guint64 young = 0, idle = 0;
  double p_neet;
  WmRng rng;

  /* NEET: the share of idle young people without a job that gives the target rate. */
  for (guint32 i = 0; i < w->persons->len; i++)
    {
      int a = wm_synth_census_age (w, i);

      if (a >= 15 && a <= 29)
        {
          young++;
          idle += P (w, i)->anchor_cond != COND_EMPLOYED;
        }
    }
  p_neet = idle > 0 ? MIN (0.95, w->profile.targets[TARGET_NEET] * young / idle / 1.05) : 0;
  wm_rng_seed (&rng, w->seed, RNG_COND, 0);
  for (guint32 i = 0; i < w->persons->len; i++)
    {
      WmSynthPerson *p = P (w, i);

      p->anchor_cond = condition_for (w, p, wm_synth_census_age (w, i), p_neet, &rng);
      p->anchor_year = w->profile.census_year;
      assign_care (w, i, &rng);
    }
}

typedef struct {
  guint32 *earners;        /* employed or retired members, per family */
  guint8  *children;       /* has a member with relation 03 */
  guint8  *ref_young;      /* reference person under 65 */
} Households;

static gboolean
in_hardship (WmSynthWorld *w, Households *h, guint32 f)
{
  return !F (w, f)->convivenza && h->children[f] && h->ref_young[f] && h->earners[f] == 0;
}

/* Persons of the census who count in a section's employed total. */
static gboolean
counted (WmSynthWorld *w, guint32 i)
{
  int a = wm_synth_census_age (w, i);

  return a >= 15 && (w->profile.census_year < 2021 || a <= 64);
}

/* A person of the section [first, end) to hand a job to or take one from:
 * adults of 30–64 first (moving a job leaves NEET alone), never a member
 * of @family; a taker must not leave a family in hardship. */
static guint32
find_partner (WmSynthWorld *w, Households *h, guint32 first, guint32 end, guint32 family,
              gboolean employed, WmRng *rng)
{
  guint32 n = end - first, start = n > 0 ? wm_rng_below (rng, n) : 0, fallback = WM_SYNTH_NONE;

  for (guint32 k = 0; k < n; k++)
    {
      guint32 i = first + (start + k) % n;
      WmSynthPerson *p = P (w, i);
      int a;

      if (p->family == WM_SYNTH_NONE || p->family == family || F (w, p->family)->convivenza ||
          p->disabled || !counted (w, i) || (p->anchor_cond == COND_EMPLOYED) != employed)
        continue;
      /* Losing the job must not put the donor's family in hardship. */
      if (employed && h->earners[p->family] < 2 && h->children[p->family] && h->ref_young[p->family])
        continue;
      /* Taking one must not pull a family out of hardship the target keeps. */
      if (!employed && in_hardship (w, h, p->family))
        continue;
      a = wm_synth_census_age (w, i);
      if (a >= 30 && a <= 64)
        return i;
      if (fallback == WM_SYNTH_NONE)
        fallback = i;
    }
  return fallback;
}

/* The family's member best placed to take a job: the reference person or
 * partner of working age, else any adult of working age. */
static guint32
job_taker (WmSynthWorld *w, guint32 first, guint32 end, guint32 family)
{
  guint32 best = WM_SYNTH_NONE;

  for (guint32 i = first; i < end; i++)
    {
      WmSynthPerson *p = P (w, i);
      int a = wm_synth_census_age (w, i);

      if (p->family != family || p->disabled || !counted (w, i) || a < 18)
        continue;
      if (p->relation == 1 || p->relation == 2 || p->relation == 10)
        return i;
      if (best == WM_SYNTH_NONE)
        best = i;
    }
  return best;
}

static void
move_job (WmSynthWorld *w, Households *h, guint32 from, guint32 to)
{
  P (w, from)->anchor_cond = COND_UNEMPLOYED;
  P (w, to)->anchor_cond = COND_EMPLOYED;
  h->earners[P (w, from)->family]--;
  h->earners[P (w, to)->family]++;
}

/**
 * wm_synth_calibrate_hardship:
 * @person_start: first person of each section, and the end
 * @family_start: first family of each section, and the end
 *
 * Moves jobs within sections until the families in potential economic
 * hardship are round (target × families); the section employed counts
 * and everybody else's condition stay as they are.
 */
void
wm_synth_calibrate_hardship (WmSynthWorld  *w,
                             const guint32 *person_start,
                             const guint32 *family_start)
{
  guint32 nf = w->families->len, ns = w->sections_arr->len;
  Households h = { g_new0 (guint32, MAX (nf, 1)), g_new0 (guint8, MAX (nf, 1)), g_new0 (guint8, MAX (nf, 1)) };
  g_autofree guint32 *order = g_new (guint32, MAX (nf, 1));
  g_autofree guint32 *section_of = g_new (guint32, MAX (nf, 1));
  guint64 total = 0, in = 0, target;
  WmRng rng;

  for (guint32 s = 0; s < ns; s++)
    for (guint32 f = family_start[s]; f < family_start[s + 1]; f++)
      section_of[f] = s;
  for (guint32 i = 0; i < w->persons->len; i++)
    {
      WmSynthPerson *p = P (w, i);

      if (p->family == WM_SYNTH_NONE)
        continue;
      h.earners[p->family] += p->anchor_cond == COND_EMPLOYED || p->anchor_cond == COND_RETIRED;
      h.children[p->family] |= p->relation == 3;
      h.ref_young[p->family] |= p->relation == 1 && wm_synth_census_age (w, i) < 65;
    }
  for (guint32 f = 0; f < nf; f++)
    {
      total += !F (w, f)->convivenza;
      in += in_hardship (w, &h, f);
      order[f] = f;
    }
  target = (guint64) floor (total * w->profile.targets[TARGET_ECONOMIC] + 0.5);
  wm_rng_seed (&rng, w->seed, RNG_FAMILY, 1);
  for (guint32 i = nf; i > 1; i--)
    {
      guint32 j = wm_rng_below (&rng, i), t = order[i - 1];

      order[i - 1] = order[j];
      order[j] = t;
    }

  /* Too many: a member takes over a job from someone else in the section. */
  for (guint32 k = 0; k < nf && in > target; k++)
    {
      guint32 f = order[k], s = section_of[f], taker, donor;

      if (!in_hardship (w, &h, f))
        continue;
      taker = job_taker (w, person_start[s], person_start[s + 1], f);
      donor = taker == WM_SYNTH_NONE ? WM_SYNTH_NONE
            : find_partner (w, &h, person_start[s], person_start[s + 1], f, TRUE, &rng);
      if (donor == WM_SYNTH_NONE)
        continue;
      move_job (w, &h, donor, taker);
      F (w, f)->jobless = 0;
      in--;
    }
  /* Too few: a family with children whose only earners hold jobs hands them on. */
  for (guint32 k = 0; k < nf && in < target; k++)
    {
      guint32 f = order[k], s = section_of[f];
      g_autoptr(GArray) jobs = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_autoptr(GArray) takers = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_autoptr(GArray) was = g_array_new (FALSE, FALSE, sizeof (guint8));
      gboolean possible = TRUE;

      if (F (w, f)->convivenza || !h.children[f] || !h.ref_young[f] || h.earners[f] == 0)
        continue;
      for (guint32 i = person_start[s]; i < person_start[s + 1] && possible; i++)
        if (P (w, i)->family == f && (P (w, i)->anchor_cond == COND_RETIRED ||
                                      (P (w, i)->anchor_cond == COND_EMPLOYED && !counted (w, i))))
          possible = FALSE;
        else if (P (w, i)->family == f && P (w, i)->anchor_cond == COND_EMPLOYED)
          g_array_append_val (jobs, i);
      for (guint j = 0; j < jobs->len && possible; j++)
        {
          guint32 taker = find_partner (w, &h, person_start[s], person_start[s + 1], f, FALSE, &rng);

          /* Marked employed while we look, so nobody is chosen twice. */
          if (taker == WM_SYNTH_NONE)
            possible = FALSE;
          else
            {
              g_array_append_val (takers, taker);
              g_array_append_val (was, P (w, taker)->anchor_cond);
              P (w, taker)->anchor_cond = COND_EMPLOYED;
            }
        }
      for (guint j = 0; j < takers->len; j++)
        P (w, g_array_index (takers, guint32, j))->anchor_cond = g_array_index (was, guint8, j);
      if (!possible)
        continue;
      for (guint j = 0; j < jobs->len; j++)
        move_job (w, &h, g_array_index (jobs, guint32, j), g_array_index (takers, guint32, j));
      F (w, f)->jobless = 1;
      in++;
    }
  g_free (h.earners);
  g_free (h.children);
  g_free (h.ref_young);
}

static int
by_key_desc (gconstpointer a, gconstpointer b, gpointer data)
{
  const double *key = data;
  double ka = key[*(const guint32 *) a], kb = key[*(const guint32 *) b];

  return ka < kb ? 1 : ka > kb ? -1 : (int) (*(const guint32 *) a) - (int) (*(const guint32 *) b);
}

/**
 * wm_synth_assign_housing:
 *
 * Family wealth, tenure following it, and dwelling surfaces: no dwelling is
 * overcrowded by accident (its occupants are counted over every family
 * living there), then large poor families are given a small dwelling
 * until the target share of persons lives overcrowded.
 */
void
wm_synth_assign_housing (WmSynthWorld *w)
{
  guint32 nf = w->families->len, nd = w->dwellings->len;
  g_autofree int *employed = g_new0 (int, MAX (nf, 1));
  g_autofree guint32 *occupants = g_new0 (guint32, MAX (nd, 1));
  g_autofree double *key = g_new (double, MAX (nf, 1));
  g_autofree guint32 *order = g_new (guint32, MAX (nf, 1));
  guint64 persons = 0, crowded = 0, target;
  guint n_candidates = 0;
  WmRng rng;

  for (guint32 i = 0; i < w->persons->len; i++)
    if (P (w, i)->family != WM_SYNTH_NONE && P (w, i)->anchor_cond == COND_EMPLOYED)
      employed[P (w, i)->family]++;
  for (guint32 f = 0; f < nf; f++)
    if (!F (w, f)->convivenza)
      occupants[F (w, f)->dwelling] += F (w, f)->size;
  wm_rng_seed (&rng, w->seed, RNG_DWELLING, 0);
  for (guint32 f = 0; f < nf; f++)
    {
      WmSynthFamily *fam = F (w, f);
      WmSynthSection *s = g_ptr_array_index (w->sections_arr, fam->section);
      WmSynthDwelling *d = D (w, fam->dwelling);
      guint32 n = occupants[fam->dwelling];
      gboolean poor;

      fam->wealth = (float) (w->profile.wealth_sd * wm_rng_normal (&rng) + s->wealth_factor
                             + 0.25 * MIN (employed[f], 2) - (fam->jobless ? 1.3 : 0) - (fam->foreign ? 0.45 : 0));
      poor = fam->wealth < -0.6;
      if (fam->convivenza)
        continue;
      persons += fam->size;
      /* Tenure follows means: public housing and rent for the poorer. */
      if (poor && wm_rng_chance (&rng, w->profile.public_housing * 5))
        d->tenure = WM_TENURE_PUBLIC_HOUSING;
      else if ((poor || fam->foreign) && d->tenure == WM_TENURE_OWNED && wm_rng_chance (&rng, 0.5))
        d->tenure = WM_TENURE_RENTED;
      if (fam->size >= 5 && d->families == 1)
        {
          key[n_candidates] = log (wm_rng_double (&rng) + 1e-300) / ((poor ? 3.0 : 0.5) * (fam->foreign ? 3.0 : 1.0));
          order[n_candidates++] = f;
        }
      if (d->surface < 40 && n >= 5)
        d->surface = 40 + wm_rng_below (&rng, 30);
      if (d->surface < 60 && n >= 6)
        d->surface = 60 + wm_rng_below (&rng, 30);
      if (d->surface < 80 && n >= 7)
        d->surface = 80 + wm_rng_below (&rng, 40);
      d->rooms = MAX (d->rooms, (guint8) MIN (9, d->surface / 20));
    }
  target = (guint64) floor (persons * w->profile.targets[TARGET_OVERCROWDING] + 0.5);
  {
    g_autofree guint32 *rank = g_new (guint32, MAX (n_candidates, 1));

    for (guint c = 0; c < n_candidates; c++)
      rank[c] = c;
    g_qsort_with_data (rank, n_candidates, sizeof (guint32), by_key_desc, key);
    for (guint c = 0; c < n_candidates; c++)
      rank[c] = order[rank[c]];
    memcpy (order, rank, n_candidates * sizeof (guint32));
  }
  /* Stop at the family that comes closest to the target. */
  for (guint c = 0; c < n_candidates && crowded < target; c++)
    {
      WmSynthFamily *fam = F (w, order[c]);
      WmSynthDwelling *d = D (w, fam->dwelling);
      gint64 over = (gint64) (crowded + fam->size) - (gint64) target;

      if (over > (gint64) (target - crowded))
        continue;
      d->surface = fam->size == 5 ? 28 + wm_rng_below (&rng, 11)
                 : fam->size == 6 ? 35 + wm_rng_below (&rng, 24) : 45 + wm_rng_below (&rng, 34);
      d->rooms = CLAMP (d->surface / 20, 1, 4);
      fam->overcrowded = 1;
      crowded += fam->size;
    }
}
