/* wm-synth-education.c — the highest qualification, by age and birth cohort
 *
 * Every person has a prior over ISTAT's five levels (none, primary, lower
 * secondary, upper secondary, tertiary): for school ages it follows the
 * Italian school calendar as seen on 31 December (a 10-year-old is in the
 * fifth year of primary school and holds no title yet, an 11-year-old
 * holds the primary licence, a 14-year-old the lower-secondary one, the
 * diploma comes at 19, a first degree from 22); for adults it is the
 * attainment of their birth cohort in the north of Italy (older cohorts
 * far less educated), tilted for foreign citizens and jobless families.
 *
 * Where the census gives a section's counts by level (2021: P86–P90, ages
 * 9 and over) they are met exactly by quantile matching: each person draws
 * a point u of their prior, whose level and position inside it make a
 * score; the section's persons sorted by score are cut at the census
 * counts. A person keeps the level drawn unless the section has fewer
 * places at that level than draws, and then those nearest the cut move
 * to the next level — children sit in the middle of their level, so the
 * adults at its edges move first. So a section of university graduates
 * keeps its graduates, and the few adults of working age with primary
 * school at most are there in the proportion their cohorts give.
 *
 * After the census children go on through school: the next title at the
 * age it is due, the diploma for 80% of those in upper secondary, a
 * degree for 35% of those with a diploma who are 19–23; nobody older
 * gains a title.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "wm-schema.h"
#include "wm-synth-private.h"

enum { NONE, PRIMARY, LOWER, UPPER, TERTIARY, LEVELS };

/* Shares by birth cohort of adults 25 and over: none, primary, lower and
 * upper secondary, tertiary — ISTAT's 2021 census for the north-east read
 * by age class, rounded. */
static const struct {
  int    born_before;
  double share[LEVELS];
} cohorts[] = {
  { 1932, { 0.080, 0.580, 0.160, 0.120, 0.060 } },
  { 1942, { 0.040, 0.500, 0.200, 0.160, 0.100 } },
  { 1952, { 0.020, 0.330, 0.280, 0.240, 0.130 } },
  { 1962, { 0.010, 0.140, 0.360, 0.320, 0.170 } },
  { 1972, { 0.006, 0.050, 0.360, 0.390, 0.194 } },
  { 1982, { 0.005, 0.020, 0.300, 0.420, 0.255 } },
  { 1992, { 0.004, 0.012, 0.230, 0.430, 0.324 } },
  { 9999, { 0.004, 0.010, 0.200, 0.460, 0.326 } },
};

/* Age at the title (for its year): primary 11, lower secondary 14, diploma 19, degree 24. */
static const int title_age[] = { 0, 11, 14, 19, 24 };

/**
 * wm_synth_education_prior:
 * @age: completed years on 31 December of @year
 * @out: (array fixed-size=5): probabilities of NESSUNO … LAUREA
 */
void
wm_synth_education_prior (int      age,
                          int      year,
                          gboolean foreign,
                          gboolean jobless,
                          double  *out)
{
  double sum = 0;

  memset (out, 0, LEVELS * sizeof (double));
  if (age < 9)
    out[NONE] = 1;
  else if (age <= 10)
    out[NONE] = 0.97, out[PRIMARY] = 0.03;          /* early starters have the licence at 10 */
  else if (age <= 12)
    out[NONE] = 0.02, out[PRIMARY] = 0.98;
  else if (age == 13)
    out[PRIMARY] = 0.95, out[LOWER] = 0.05;
  else if (age <= 17)
    out[PRIMARY] = 0.02, out[LOWER] = 0.98;
  else if (age == 18)
    out[PRIMARY] = 0.02, out[LOWER] = 0.90, out[UPPER] = 0.08;
  else if (age <= 21)
    out[PRIMARY] = 0.02, out[LOWER] = age == 19 ? 0.27 : 0.20, out[UPPER] = age == 19 ? 0.71 : 0.78;
  else if (age <= 24)
    {
      out[PRIMARY] = 0.02;
      out[LOWER] = 0.18;
      out[TERTIARY] = 0.08 * (age - 21);
      out[UPPER] = 1 - 0.20 - out[TERTIARY];
    }
  else
    {
      int k = 0;

      while (year - age >= cohorts[k].born_before)
        k++;
      memcpy (out, cohorts[k].share, sizeof cohorts[k].share);
    }
  if (age >= 14)
    {
      if (foreign)
        out[NONE] *= 2.5, out[PRIMARY] *= 2.5, out[TERTIARY] *= 0.6;
      if (jobless)
        out[NONE] *= 1.8, out[PRIMARY] *= 1.8, out[LOWER] *= 1.3, out[TERTIARY] *= 0.5;
    }
  for (int l = 0; l < LEVELS; l++)
    sum += out[l];
  for (int l = 0; l < LEVELS; l++)
    out[l] /= sum;
}

static gboolean
jobless_family (WmSynthWorld *w, const WmSynthPerson *p)
{
  return p->family != WM_SYNTH_NONE && F (w, p->family)->jobless;
}

/* The level @u falls in, and a score: the level plus the position of @u
 * inside it (squeezed to the middle for children, who move last). */
static int
draw_level (const double *prior, double u, gboolean child, double *score)
{
  double lo = 0;
  int l;

  for (l = 0; l < LEVELS - 1 && u >= lo + prior[l]; l++)
    lo += prior[l];
  if (score != NULL)
    {
      double inside = prior[l] > 0 ? CLAMP ((u - lo) / prior[l], 0, 1) : 0.5;

      *score = l + (child ? 0.35 + 0.3 * inside : inside);
    }
  return l;
}

static void
set_title (WmSynthPerson *p, int level, int by, int cap_year)
{
  p->education = WM_EDUCATION_NONE + level;
  p->edu_year = level == NONE ? 0 : (guint16) MIN (by + title_age[level], cap_year);
}

/**
 * wm_synth_education_draw:
 *
 * The title a person has on 31 December of @year, drawn from the prior
 * (persons who arrive after the census, and those of the past).
 */
void
wm_synth_education_draw (WmSynthWorld *w,
                         guint32       person,
                         int           year,
                         WmRng        *rng)
{
  WmSynthPerson *p = P (w, person);
  int by = wm_synth_year (p->birth);
  double prior[LEVELS];

  wm_synth_education_prior (year - by, year, p->foreign, jobless_family (w, p), prior);
  if (year - by >= 19)
    {
      double sum = 0;

      for (int l = 0; l < LEVELS; l++)
        sum += prior[l] *= w->edu_factor[l];
      for (int l = 0; l < LEVELS; l++)
        prior[l] /= sum;
    }
  set_title (p, draw_level (prior, wm_rng_double (rng), FALSE, NULL), by, year);
}

/**
 * wm_synth_education_factors:
 *
 * How much more or less common each level is among the adults (19 and
 * over) of the census than their cohorts' shares say: a place's own
 * attainment, carried over to the persons drawn later.
 */
void
wm_synth_education_factors (WmSynthWorld *w)
{
  double expected[LEVELS] = { 0 }, made[LEVELS] = { 0 };

  for (guint32 i = 0; i < w->persons->len; i++)
    {
      WmSynthPerson *p = P (w, i);
      int age = wm_synth_census_age (w, i);
      double prior[LEVELS];

      if (age < 19 || p->ghost)
        continue;
      wm_synth_education_prior (age, w->profile.census_year, p->foreign, jobless_family (w, p), prior);
      for (int l = 0; l < LEVELS; l++)
        expected[l] += prior[l];
      made[p->education - WM_EDUCATION_NONE] += 1;
    }
  for (int l = 0; l < LEVELS; l++)
    w->edu_factor[l] = expected[l] > 0 && made[l] > 0 ? made[l] / expected[l] : 1.0;
}

typedef struct {
  double  score;
  guint32 person;
} Scored;

static int
by_score (gconstpointer a, gconstpointer b)
{
  const Scored *x = a, *y = b;

  if (x->score != y->score)
    return x->score < y->score ? -1 : 1;
  return x->person < y->person ? -1 : x->person > y->person;
}

/**
 * wm_synth_assign_education:
 *
 * Titles on census day of the persons [@first, @end) of section @index:
 * exactly the census counts where it gives them, else drawn.
 */
void
wm_synth_assign_education (WmSynthWorld *w,
                           guint         index,
                           guint32       first,
                           guint32       end,
                           WmRng        *rng)
{
  WmSynthSection *sec = g_ptr_array_index (w->sections_arr, index);
  int census = w->profile.census_year;
  g_autofree Scored *scored = g_new (Scored, MAX (end - first, 1));
  int n = 0, k = 0;

  for (guint32 i = first; i < end; i++)
    {
      WmSynthPerson *p = P (w, i);
      int age = wm_synth_census_age (w, i), by = census - age;
      double prior[LEVELS], score;
      int level;

      wm_synth_education_prior (age, census, p->foreign, jobless_family (w, p), prior);
      level = draw_level (prior, wm_rng_double (rng), age < 19, &score);
      set_title (p, level, by, census);
      if (sec->education[0] >= 0 && age >= w->profile.edu_min_age)
        {
          scored[n].score = score;
          scored[n++].person = i;
        }
    }
  if (sec->education[0] < 0)
    return;
  /* Cut the sorted scores at the census counts; persons beyond them (the
   * census counted fewer) keep what they drew. */
  qsort (scored, n, sizeof (Scored), by_score);
  for (int level = 0; level < LEVELS; level++)
    for (int c = 0; c < sec->education[level] && k < n; c++, k++)
      {
        WmSynthPerson *p = P (w, scored[k].person);

        set_title (p, level, census - wm_synth_census_age (w, scored[k].person), census);
      }
}

/**
 * wm_synth_finish_education:
 * @last: the last year of the period
 *
 * Pupils and students go on after the year their title was decided in
 * (the census, or the year they arrived): the titles due before they died
 * or left, or before the end of the period.
 */
void
wm_synth_finish_education (WmSynthWorld *w,
                           int           last)
{
  for (guint32 i = 0; i < w->persons->len; i++)
    {
      WmSynthPerson *p = P (w, i);
      int by = wm_synth_year (p->birth), end_year = last;
      int from = p->ghost ? G_MAXINT : p->anchor_year ? p->anchor_year : w->profile.census_year;
      int level = p->education - WM_EDUCATION_NONE;
      WmRng rng;

      if (p->death)
        end_year = wm_synth_year (p->death);
      else if (p->out)
        end_year = wm_synth_year (p->out);
      wm_rng_seed (&rng, w->seed, RNG_PERSON, 5000000 + i);
      for (int next = level + 1; next <= TERTIARY; next++)
        {
          int due = by + title_age[next];

          /* Still at school when the title was decided, and the next one
           * falls due before the person's stay ends. */
          if (due <= from || due > end_year)
            break;
          if (next == UPPER && !wm_rng_chance (&rng, 0.8))
            break;
          if (next == TERTIARY && !wm_rng_chance (&rng, 0.35))
            break;
          set_title (p, next, by, due);
        }
    }
}
