/* wm-synth-conditions.c — each person's condition (employed, student…) year by year
 *
 * The census day assignment (wm-synth-attributes.c, wm-synth-targets.c)
 * fixes who is employed, unemployed, a student, retired, a homemaker or
 * other in the census year. The other years follow a latent-variable
 * model whose cross-section is, by construction, the census one:
 *
 * - the conditions are ordered on a latent scale — retired, employed,
 *   student, unemployed, homemaker, other — and a person of a given sex
 *   and age is in the condition whose slice of the census shares at that
 *   sex and age (±3 years, and the cohort's own deviation from them) holds
 *   Φ(z) of their latent z: a person keeps their place in their age
 *   group's order, so the young move from school to work — through a
 *   spell of looking for it for some — and the employed retire first;
 * - z = √β·η + √(1−β)·e, η the family's (of the family the person lived
 *   in when first met) and e their own, each a stationary Gaussian AR(1)
 *   process from one year to the next (ρ 0.97 for the family, 0.85 for
 *   the person): families without work stay so for years, as they do;
 * - β is the share that keeps as many families without an earner as the
 *   census has: too small a share and the jobless families the census
 *   calibration made would dissolve within a few years, forwards and
 *   backwards alike (Povo: β ≈ 0.6);
 * - on census day η and e are drawn together inside the slices of the
 *   conditions the census gave (Gibbs sampling, family by family), so
 *   that year is exactly the census one, and both are run forwards and
 *   backwards from there (the processes are time-reversible, so both
 *   directions are the same process). Who first appears later — born,
 *   arrived — or lived here only before the census starts from a free e.
 *
 * Because z keeps the standard normal distribution every year, each age
 * group has the census shares every year, and city-wide rates change as
 * the population does (ageing, births, moves) and as Italy's labour-force
 * survey did: each year's idle share (unemployed, homemakers, others) is
 * the census one scaled at 15–29 by Italy's NEET rate of that year to
 * the census year's (25.7% in 2015, 23.1% in 2021, 15.2% in 2024), at
 * 30–64 by its share of persons without a job, the difference going to
 * (or coming from) work and school in proportion.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "wm-synth-private.h"

enum { COND_EMPLOYED = 1, COND_UNEMPLOYED, COND_STUDENT, COND_RETIRED, COND_HOMEMAKER, COND_OTHER };

#define MIN_AGE 15
#define MAX_AGE 110
#define AGES (MAX_AGE - MIN_AGE + 1)
#define K 6
#define MIN_CELL 30
#define SMOOTH 3              /* ± years of age pooled into a share */
#define RHO_FAMILY 0.97       /* a year's autocorrelation of the family's part of the latent */
#define RHO_OWN 0.85          /* … and of the person's own */
#define GIBBS_ROUNDS 8
#define CALIBRATION_FAMILIES 20000
/* Italy's young people (15–29) neither in employment nor in education
 * or training, and employment rate of 20–64-year-olds, % (ISTAT's
 * labour-force survey as Eurostat publishes it, edat_lfse_20 and
 * lfsi_emp_a, rounded; the 2021 change of the survey is not smoothed).
 * Years before or after take the nearest one. */
static const struct {
  int    year;
  double neet, employment;
} italy[] = {
  { 2008, 19.3, 62.9 }, { 2009, 20.5, 61.6 }, { 2010, 22.0, 61.0 }, { 2011, 22.5, 61.0 },
  { 2012, 23.9, 60.8 }, { 2013, 26.0, 59.7 }, { 2014, 26.2, 59.9 }, { 2015, 25.7, 60.5 },
  { 2016, 24.3, 61.6 }, { 2017, 24.1, 62.3 }, { 2018, 23.4, 63.0 }, { 2019, 22.2, 63.5 },
  { 2020, 23.3, 62.6 }, { 2021, 23.1, 62.7 }, { 2022, 19.0, 64.8 }, { 2023, 16.1, 66.3 },
  { 2024, 15.2, 67.1 },
};

static guint
italy_row (int year)
{
  return CLAMP (year, italy[0].year, italy[G_N_ELEMENTS (italy) - 1].year) - italy[0].year;
}

/* The latent order, low to high. */
static const guint8 order[K] = { COND_RETIRED, COND_EMPLOYED, COND_STUDENT, COND_UNEMPLOYED, COND_HOMEMAKER, COND_OTHER };
static const int rank_of[7] = { -1, 1, 3, 2, 0, 4, 5 };

struct _WmSynthConditions {
  int     first, years, census;
  double  beta;                        /* the family's share of the latent */
  double *cum;                         /* [year][sex][age][K − 1]: cumulative shares, smoothed over age, with the trends */
  double  cohort[2][AGES][K - 1];      /* [sex][age on census day]: the cohort's census cumulative shares minus those */
  double *z0;                          /* per person: the latent on census day, NAN for who was not there */
  guint32 n_z0;
  double *eta0;                        /* per family: its part of the latent on census day, NAN if none */
  guint32 n_eta0;
};

/* Acklam's rational approximation of Φ⁻¹ and one Halley step: |error| < 1e-15. */
static double
probit (double p)
{
  static const double a[] = { -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                              1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00 };
  static const double b[] = { -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                              6.680131188771972e+01, -1.328068155288572e+01 };
  static const double c[] = { -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                              -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00 };
  static const double d[] = { 7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                              3.754408661907416e+00 };
  double q, r, x, e;

  if (p <= 0)
    return -HUGE_VAL;
  if (p >= 1)
    return HUGE_VAL;
  if (p < 0.02425 || p > 1 - 0.02425)
    {
      q = sqrt (-2 * log (p < 0.5 ? p : 1 - p));
      x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
          ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
      if (p > 0.5)
        x = -x;
    }
  else
    {
      q = p - 0.5;
      r = q * q;
      x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
          (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
  e = 0.5 * erfc (-x / G_SQRT2) - p;
  r = e * sqrt (2 * G_PI) * exp (x * x / 2);
  return x - r / (1 + x * r / 2);
}

/* Whether the condition is the latent model's at this age: children are
 * "other" (and have no row), disabled persons of working age too. */
static gboolean
modelled (const WmSynthPerson *p, int age)
{
  return age >= MIN_AGE && !(p->disabled && age < 65);
}

/* Cumulative shares of the census conditions by sex and age, pooled over
 * ages ±@half years (and wider where fewer than MIN_CELL persons). */
static void
pooled (const double *count, int half, double out[2][AGES][K])
{
  for (int s = 0; s < 2; s++)
    for (int a = 0; a < AGES; a++)
      {
        double sum[K] = { 0 }, total = 0;

        for (int h = half; h < AGES && total < MIN_CELL; h++)
          {
            total = 0;
            memset (sum, 0, sizeof sum);
            for (int b = MAX (0, a - h); b <= MIN (AGES - 1, a + h); b++)
              for (int k = 0; k < K; k++)
                {
                  sum[k] += count[(s * AGES + b) * K + k];
                  total += count[(s * AGES + b) * K + k];
                }
          }
        for (int k = 0; k < K; k++)
          out[s][a][k] = total > 0 ? sum[k] / total : (k == (a + MIN_AGE < 65 ? 1 : 0));
      }
}

static void
census_counts (WmSynthWorld *w, double *count)
{
  for (guint32 i = 0; i < w->persons->len; i++)
    {
      WmSynthPerson *p = P (w, i);
      int age = wm_synth_census_age (w, i);

      if (p->ghost || p->family == WM_SYNTH_NONE || p->anchor_cond == 0 || !modelled (p, age))
        continue;
      count[((p->sex - 1) * AGES + MIN (age, MAX_AGE) - MIN_AGE) * K + rank_of[p->anchor_cond]] += 1;
    }
}

/* The shares of @year: the census ones with the idle (unemployed,
 * homemakers, others) scaled as Italy's NEET rate at 15–29, as its
 * share of persons without a job at 30–64, between the census year and
 * @year. */
static void
year_shares (const double *census, int age, int census_year, int year, double *out)
{
  guint c = italy_row (census_year), y = italy_row (year);
  double idle, scaled, gain;
  double factor = age <= 29 ? italy[y].neet / italy[c].neet
                : age <= 64 ? (100 - italy[y].employment) / (100 - italy[c].employment) : 1.0;
  gboolean school = age <= 29;   /* work and school take up the difference, or work alone */
  double sink = census[1] + (school ? census[2] : 0);

  memcpy (out, census, K * sizeof (double));
  idle = census[3] + census[4] + census[5];
  if (factor == 1.0 || idle <= 0 || sink <= 0)
    return;
  scaled = MIN (idle * factor, idle + sink);
  gain = idle - scaled;
  for (int k = 3; k < K; k++)
    out[k] = census[k] * scaled / idle;
  out[1] = census[1] + gain * census[1] / sink;
  if (school)
    out[2] = census[2] + gain * census[2] / sink;
}

static double *
cum_at (WmSynthConditions *c, int year, int sex, int age)
{
  return c->cum + (((gsize) (year - c->first) * 2 + (sex - 1)) * AGES + (MIN (age, MAX_AGE) - MIN_AGE)) * (K - 1);
}

/* The cumulative shares of @p's sex, age and cohort in @year. */
static void
bounds (WmSynthConditions *c, const WmSynthPerson *p, int year, int age, double *out)
{
  const double *cum = cum_at (c, year, p->sex, age);
  int age0 = c->census - (year - age);
  double prev = 0;

  for (int k = 0; k < K - 1; k++)
    {
      double v = cum[k];

      if (age0 >= MIN_AGE && age0 <= MAX_AGE)
        v += c->cohort[p->sex - 1][age0 - MIN_AGE][k];
      out[k] = prev = CLAMP (v, prev, 1.0);
    }
}

static int
condition_of (WmSynthConditions *c, const WmSynthPerson *p, int year, int age, double z)
{
  double cum[K - 1], u;
  int k = 0;

  if (!modelled (p, age))
    return COND_OTHER;
  bounds (c, p, year, age, cum);
  u = 0.5 * erfc (-z / G_SQRT2);
  while (k < K - 1 && u >= cum[k])
    k++;
  return order[k];
}

/* A standard normal draw within [@lo, @hi], by inverting Φ on the side
 * of zero where it is accurate. */
static double
truncated_normal (WmRng *rng, double lo, double hi)
{
  double u = wm_rng_double (rng);

  if (lo >= 0)
    {
      double a = 0.5 * erfc (hi / G_SQRT2), b = 0.5 * erfc (lo / G_SQRT2);

      return CLAMP (-probit (a + u * (b - a)), lo, hi);
    }
  else
    {
      double a = 0.5 * erfc (-lo / G_SQRT2), b = 0.5 * erfc (-hi / G_SQRT2);

      return CLAMP (probit (a + u * (b - a)), lo, hi);
    }
}

/* Everyone resident on census day has the condition of the census. */
static gboolean
census_resident (const WmSynthPerson *p)
{
  return !p->ghost && p->anchor_cond != 0 && p->home != WM_SYNTH_NONE;
}

/* Families of two or more persons of working age with a child, the
 * thresholds above which each member earns nothing (neither employed nor
 * retired): the census's families without an earner, and what a family
 * share @beta of the latent would make of them on average. */
typedef struct {
  GArray *start;     /* guint32: each family's first threshold in @t, and the end */
  GArray *t;         /* double */
  guint   observed;  /* families with no earner on census day */
} Jobless;

static double
expected_jobless (const Jobless *j, double beta)
{
  double s = sqrt (beta), r = sqrt (1 - beta), sum = 0;

  for (guint f = 0; f + 1 < j->start->len; f++)
    {
      guint from = g_array_index (j->start, guint32, f), to = g_array_index (j->start, guint32, f + 1);
      double pf = 0;

      /* ∫ φ(η) Π Φ̄((tᵢ − √β·η)/√(1−β)) dη over η in [−5, 5], step 0.25 */
      for (int k = -20; k <= 20; k++)
        {
          double eta = 0.25 * k, prod = exp (-eta * eta / 2) * 0.25 / sqrt (2 * G_PI);

          for (guint m = from; m < to && prod > 1e-300; m++)
            prod *= 0.5 * erfc ((g_array_index (j->t, double, m) - s * eta) / (r * G_SQRT2));
          pf += prod;
        }
      sum += pf;
    }
  return sum;
}

/* The family share of the latent that keeps, on average, as many families
 * without an earner as the census has (bisection: more shared shocks,
 * more families where nobody works). With the share too low, the jobless
 * families the census calibration made would dissolve within a few years,
 * forwards and backwards alike. */
static double
family_share (const Jobless *j)
{
  double lo = 0.02, hi = 0.95;

  if (j->start->len < 2 || expected_jobless (j, lo) >= j->observed)
    return lo;
  if (expected_jobless (j, hi) <= j->observed)
    return hi;
  for (int it = 0; it < 14; it++)
    {
      double mid = (lo + hi) / 2;

      if (expected_jobless (j, mid) < j->observed)
        lo = mid;
      else
        hi = mid;
    }
  return (lo + hi) / 2;
}

static void
jobless_add (WmSynthWorld *w, WmSynthConditions *c, Jobless *j, const guint32 *members, guint n)
{
  guint modelled_n = 0, earners = 0, child = 0;
  guint32 mark = j->t->len;

  for (guint m = 0; m < n; m++)
    {
      WmSynthPerson *p = P (w, members[m]);
      int age = wm_synth_census_age (w, members[m]);
      double cum[K - 1];

      child += age < 18;
      if (!modelled (p, age))
        continue;
      bounds (c, p, c->census, age, cum);
      /* Retired and employed are the two lowest slices. */
      g_array_append_vals (j->t, (double[]) { probit (cum[1]) }, 1);
      earners += p->anchor_cond == COND_EMPLOYED || p->anchor_cond == COND_RETIRED;
      modelled_n++;
    }
  if (modelled_n < 2 || child == 0)
    {
      g_array_set_size (j->t, mark);
      return;
    }
  g_array_append_val (j->start, mark);
  j->observed += earners == 0;
}

/* The latent of every census resident on census day, inside the slice of
 * the condition the census gave (so that year is exact) and with the
 * family's share as the yearly shocks have it: z = √β·η + √(1−β)·e with
 * η the family's and e the person's, drawn together given the family's
 * conditions by a few rounds of Gibbs sampling. */
static void
census_anchors (WmSynthWorld *w, WmSynthConditions *c)
{
  guint32 np = w->persons->len, nf = w->families->len;
  g_autofree guint32 *offsets = g_new0 (guint32, nf + 1);
  g_autofree guint32 *list = g_new (guint32, MAX (np, 1));
  g_autofree double *lo = g_new (double, MAX (np, 1));
  g_autofree double *hi = g_new (double, MAX (np, 1));
  g_autofree double *e = g_new (double, MAX (np, 1));
  Jobless jobless = { g_array_new (FALSE, FALSE, sizeof (guint32)), g_array_new (FALSE, FALSE, sizeof (double)), 0 };
  guint32 stride;
  double a, b;

  c->n_z0 = np;
  c->z0 = g_new (double, MAX (np, 1));
  c->n_eta0 = nf;
  c->eta0 = g_new (double, MAX (nf, 1));
  for (guint32 i = 0; i < np; i++)
    {
      WmSynthPerson *p = P (w, i);
      int age = wm_synth_census_age (w, i);

      c->z0[i] = NAN;
      if (!census_resident (p))
        continue;
      offsets[p->home + 1]++;
      lo[i] = -HUGE_VAL;
      hi[i] = HUGE_VAL;
      if (modelled (p, age))
        {
          double cum[K - 1];
          int k = rank_of[p->anchor_cond];

          bounds (c, p, c->census, age, cum);
          lo[i] = k > 0 ? probit (cum[k - 1]) : -HUGE_VAL;
          hi[i] = k < K - 1 ? probit (cum[k]) : HUGE_VAL;
        }
    }
  for (guint32 f = 0; f < nf; f++)
    offsets[f + 1] += offsets[f];
  {
    g_autofree guint32 *fill = g_new0 (guint32, nf + 1);

    for (guint32 i = 0; i < np; i++)
      if (census_resident (P (w, i)))
        list[offsets[P (w, i)->home] + fill[P (w, i)->home]++] = i;
  }
  /* A sample of the families is enough for the share (a city has 500,000). */
  stride = MAX (1, nf / CALIBRATION_FAMILIES);
  for (guint32 f = 0; f < nf; f += stride)
    if (!F (w, f)->convivenza)
      jobless_add (w, c, &jobless, list + offsets[f], offsets[f + 1] - offsets[f]);
  g_array_append_val (jobless.start, (guint32) { jobless.t->len });
  c->beta = family_share (&jobless);
  g_array_unref (jobless.start);
  g_array_unref (jobless.t);
  a = sqrt (c->beta);
  b = sqrt (1 - c->beta);
  for (guint32 f = 0; f < nf; f++)
    {
      guint32 from = offsets[f], to = offsets[f + 1];
      double eta = 0;
      WmRng rng;

      c->eta0[f] = NAN;
      if (from == to)
        continue;
      wm_rng_seed (&rng, w->seed, RNG_COND + 200, f);
      for (int round = 0; round < GIBBS_ROUNDS; round++)
        {
          double elo = -HUGE_VAL, ehi = HUGE_VAL;

          for (guint32 m = from; m < to; m++)
            {
              guint32 i = list[m];

              e[i] = truncated_normal (&rng, (lo[i] - a * eta) / b, (hi[i] - a * eta) / b);
            }
          for (guint32 m = from; m < to; m++)
            {
              guint32 i = list[m];

              elo = MAX (elo, (lo[i] - b * e[i]) / a);
              ehi = MIN (ehi, (hi[i] - b * e[i]) / a);
            }
          eta = truncated_normal (&rng, elo, MAX (elo, ehi));
        }
      c->eta0[f] = eta;
      for (guint32 m = from; m < to; m++)
        c->z0[list[m]] = CLAMP (a * eta + b * e[list[m]], lo[list[m]], hi[list[m]]);
    }
}

/**
 * wm_synth_conditions_new:
 *
 * The model's tables for the years @first … @first + @years − 1 and the
 * census year, from the census day conditions of the world.
 */
WmSynthConditions *
wm_synth_conditions_new (WmSynthWorld *w,
                         int           first,
                         int           years)
{
  WmSynthConditions *c = g_new0 (WmSynthConditions, 1);
  g_autofree double *count = g_new0 (double, 2 * AGES * K);
  g_autofree double (*exact)[AGES][K] = g_malloc (2 * sizeof *exact);
  g_autofree double (*smooth)[AGES][K] = g_malloc (2 * sizeof *smooth);

  /* The census year too: the anchors are drawn there. */
  c->census = w->profile.census_year;
  c->first = MIN (first, c->census);
  c->years = MAX (first + years - 1, c->census) - c->first + 1;
  c->cum = g_new (double, (gsize) c->years * 2 * AGES * (K - 1));
  census_counts (w, count);
  pooled (count, 0, exact);
  pooled (count, SMOOTH, smooth);
  for (int y = c->first; y < c->first + c->years; y++)
    for (int s = 1; s <= 2; s++)
      for (int a = MIN_AGE; a <= MAX_AGE; a++)
        {
          double shares[K], cum = 0;
          double *out = cum_at (c, y, s, a);

          year_shares (smooth[s - 1][a - MIN_AGE], a, c->census, y, shares);
          for (int k = 0; k < K - 1; k++)
            {
              cum += shares[k];
              out[k] = MIN (cum, 1.0);
            }
        }
  for (int s = 0; s < 2; s++)
    for (int a = 0; a < AGES; a++)
      {
        double cum = 0;

        for (int k = 0; k < K - 1; k++)
          {
            cum += exact[s][a][k];
            c->cohort[s][a][k] = MIN (cum, 1.0) - cum_at (c, c->census, s + 1, a + MIN_AGE)[k];
          }
      }
  census_anchors (w, c);
  return c;
}

void
wm_synth_conditions_free (WmSynthConditions *c)
{
  if (c == NULL)
    return;
  g_free (c->cum);
  g_free (c->z0);
  g_free (c->eta0);
  g_free (c);
}

/* A family's shock of @year. */
static double
family_shock (WmSynthWorld *w, guint32 home, int year)
{
  WmRng rng;

  wm_rng_seed (&rng, w->seed, RNG_COND + 300, (guint64) home * 256 + (guint64) (year & 0xff));
  return wm_rng_normal (&rng);
}

/* The family's latent η on census day: drawn with its members' for a
 * family of the census, else a draw of its own. */
static double
family_eta0 (WmSynthWorld *w, WmSynthConditions *c, guint32 home)
{
  WmRng rng;

  if (home < c->n_eta0 && !isnan (c->eta0[home]))
    return c->eta0[home];
  wm_rng_seed (&rng, w->seed, RNG_COND + 400, home);
  return wm_rng_normal (&rng);
}

/* The family's η in every year of the model, walked from census day with
 * the family's shocks: the same path for all its members. */
static void
family_path (WmSynthWorld *w, WmSynthConditions *c, guint32 home, double *eta)
{
  int at = c->census - c->first;
  double shock = sqrt (1 - RHO_FAMILY * RHO_FAMILY);

  eta[at] = family_eta0 (w, c, home);
  for (int k = at + 1; k < c->years; k++)
    eta[k] = RHO_FAMILY * eta[k - 1] + shock * family_shock (w, home, c->first + k);
  for (int k = at - 1; k >= 0; k--)
    eta[k] = RHO_FAMILY * eta[k + 1] + shock * family_shock (w, home, c->first + k + 1);
}

/**
 * wm_synth_conditions:
 * @out: (array length=n): the condition at 31 December of @first … @first + @n − 1
 *
 * z = √β·η + √(1−β)·e: the family's η walked from census day, the
 * person's e from their anchor year, forwards and backwards, each
 * direction with a stream of its own, so every year's value agrees with
 * the others whatever period is asked for.
 */
void
wm_synth_conditions (WmSynthWorld *w,
                     guint32       person,
                     int           first,
                     int           n,
                     guint8       *out)
{
  WmSynthConditions *c = w->conditions;
  WmSynthPerson *p = P (w, person);
  int by = wm_synth_year (p->birth), last = first + n - 1;
  int anchor = CLAMP (p->anchor_year ? p->anchor_year : first, c->first, c->first + c->years - 1);
  double a = sqrt (c->beta), b = sqrt (1 - c->beta), step = sqrt (1 - RHO_OWN * RHO_OWN);
  g_autofree double *eta = g_new (double, c->years);
  gboolean anchored;
  double e0, e;
  WmRng rng;

  g_return_if_fail (first >= c->first && last < c->first + c->years);

  /* Somebody who never had a family stands for one. */
  family_path (w, c, p->home != WM_SYNTH_NONE ? p->home : G_MAXUINT32 - person, eta);
  wm_rng_seed (&rng, w->seed, RNG_COND, person);
  anchored = person < c->n_z0 && !isnan (c->z0[person]);
  if (anchored)
    {
      anchor = c->census;
      e0 = (c->z0[person] - a * eta[anchor - c->first]) / b;
    }
  else if (p->anchor_cond != 0 && modelled (p, anchor - by))
    {
      /* A condition known in the year the person appeared (a carer's job). */
      double cum[K - 1], shift = a * eta[anchor - c->first];
      int k = rank_of[p->anchor_cond];

      bounds (c, p, anchor, anchor - by, cum);
      e0 = truncated_normal (&rng, k > 0 ? (probit (cum[k - 1]) - shift) / b : -HUGE_VAL,
                             k < K - 1 ? (probit (cum[k]) - shift) / b : HUGE_VAL);
    }
  else
    e0 = wm_rng_normal (&rng);

  /* Age at 31 December is the year minus the year of birth. */
  e = e0;
  for (int y = anchor; y <= last; y++)
    {
      if (y > anchor)
        e = RHO_OWN * e + step * wm_rng_normal (&rng);
      if (y >= first)
        out[y - first] = anchored && y == anchor ? p->anchor_cond
                       : condition_of (c, p, y, y - by, a * eta[y - c->first] + b * e);
    }
  wm_rng_seed (&rng, w->seed, RNG_COND + 100, person);
  e = e0;
  for (int y = anchor - 1; y >= first; y--)
    {
      e = RHO_OWN * e + step * wm_rng_normal (&rng);
      if (y <= last)
        out[y - first] = condition_of (c, p, y, y - by, a * eta[y - c->first] + b * e);
    }
}
