/* wm-synth-attributes.c — citizenship, names, education and work of a section's people
 *
 * Attributes with a section total (foreigners ST1, employed P101/P61)
 * are given to exactly that many persons, chosen by weighted sampling
 * without replacement (Efraimidis–Spirakis keys); where the census is
 * silent, the place profile's shares are drawn instead. Education (P86–P90)
 * is wm-synth-education.c's.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "wm-schema.h"
#include "wm-synth-private.h"
#include "wm-synth-tables.h"

/* Weighted sampling without replacement: the k largest u^(1/w). */
static void
choose_weighted (WmRng *rng, const double *weights, int n, int k, guint8 *chosen)
{
  g_autofree double *key = g_new (double, MAX (n, 1));
  g_autofree int *idx = g_new (int, MAX (n, 1));

  for (int i = 0; i < n; i++)
    {
      key[i] = weights[i] > 0 ? log (wm_rng_double (rng) + 1e-300) / weights[i] : -G_MAXDOUBLE;
      idx[i] = i;
    }
  /* Partial selection sort is enough for section-sized n. */
  for (int c = 0; c < k && c < n; c++)
    {
      int best = c;

      for (int i = c + 1; i < n; i++)
        if (key[idx[i]] > key[idx[best]])
          best = i;
      { int t = idx[c]; idx[c] = idx[best]; idx[best] = t; }
      chosen[idx[c]] = 1;
    }
}

static void
members_of (WmSynthWorld *w, guint32 first_person, guint32 end_person, guint32 family, GArray *out)
{
  g_array_set_size (out, 0);
  for (guint32 i = first_person; i < end_person; i++)
    if (P (w, i)->family == family)
      g_array_append_val (out, i);
}

/* Foreigners: whole families first, then single members (mixed couples). */
static void
assign_citizenship (WmSynthWorld *w, guint index, guint32 first_person, guint32 end_person,
                    guint32 first_family, guint32 end_family, WmRng *rng)
{
  WmSynthSection *sec = g_ptr_array_index (w->sections_arr, index);
  int n = end_person - first_person;
  int need = sec->foreigners >= 0 ? MIN (sec->foreigners, n)
           : (int) floor (n * w->profile.foreign_share * sec->foreign_factor + wm_rng_double (rng));
  double csum = 0;
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree guint32 *order = g_new (guint32, MAX (end_family - first_family, 1));
  int nf = end_family - first_family;

  need = MIN (need, n);
  for (int c = 0; c < 64; c++)
    csum += w->profile.communities[c];
  for (int i = 0; i < nf; i++)
    order[i] = first_family + i;
  for (int i = nf - 1; i > 0; i--)
    {
      int j = wm_rng_below (rng, i + 1);
      guint32 t = order[i];
      order[i] = order[j];
      order[j] = t;
    }

  for (int pass = 0; pass < 2 && need > 0; pass++)
    for (int i = 0; i < nf && need > 0; i++)
      {
        WmSynthFamily *f = F (w, order[i]);
        double u = wm_rng_double (rng) * csum, acc = 0;
        int community = 0;

        for (community = 0; community < 63; community++)
          if ((acc += w->profile.communities[community]) >= u)
            break;
        members_of (w, first_person, end_person, order[i], members);
        if (pass == 0)
          {
            if (f->foreign || f->convivenza || (int) members->len > need || !wm_rng_chance (rng, 0.7))
              continue;
            f->foreign = 1;
            for (guint m = 0; m < members->len; m++)
              {
                WmSynthPerson *p = P (w, g_array_index (members, guint32, m));
                WmRng prng;
                guint32 idx = g_array_index (members, guint32, m);

                wm_rng_seed (&prng, w->seed, RNG_PERSON, idx);
                p->foreign = 1;
                p->pool = community;
                p->born_abroad = 1;
                p->birthplace = community;
                p->surname = wm_rng_zipf (&prng, g_strv_length (wm_synth_names ()->country_surnames[community]));
                p->given = wm_rng_zipf (&prng, g_strv_length (p->sex == WM_SEX_MALE ? wm_synth_names ()->country_male[community]
                                                                                    : wm_synth_names ()->country_female[community]));
                if (wm_synth_age (p->birth, w->census_day) < 18 && wm_rng_chance (&prng, 0.65))
                  {
                    p->born_abroad = 0;
                    p->birthplace = G_MAXUINT16;
                  }
                need--;
              }
          }
        else
          for (guint m = 0; m < members->len && need > 0; m++)
            {
              WmSynthPerson *p = P (w, g_array_index (members, guint32, m));

              if (p->foreign || p->relation == 1 || p->relation == 3 || p->relation == 4)
                continue;
              p->foreign = 1;
              p->pool = community;
              p->born_abroad = 1;
              p->birthplace = community;
              p->surname = 0;
              p->given = 0;
              need--;
            }
      }
  /* Still short (tiny sections): anyone left. */
  for (guint32 i = first_person; i < end_person && need > 0; i++)
    if (!P (w, i)->foreign)
      {
        P (w, i)->foreign = 1;
        P (w, i)->pool = 0;
        P (w, i)->born_abroad = 1;
        P (w, i)->birthplace = 0;
        P (w, i)->surname = P (w, i)->given = 0;
        need--;
      }
}

/* Children carry their father's surname; a family shares its flavour. */
static void
family_surnames (WmSynthWorld *w, guint32 first_person, guint32 end_person, guint32 first_family, guint32 end_family)
{
  g_autofree guint32 *ref = g_new (guint32, end_family - first_family + 1);
  g_autofree guint32 *partner = g_new (guint32, end_family - first_family + 1);

  for (guint32 f = first_family; f < end_family; f++)
    ref[f - first_family] = partner[f - first_family] = WM_SYNTH_NONE;
  for (guint32 i = first_person; i < end_person; i++)
    {
      WmSynthPerson *p = P (w, i);

      if (p->family == WM_SYNTH_NONE || F (w, p->family)->convivenza)
        continue;
      if (p->relation == 1)
        ref[p->family - first_family] = i;
      else if (p->relation == 2 || p->relation == 10)
        partner[p->family - first_family] = i;
    }
  for (guint32 i = first_person; i < end_person; i++)
    {
      WmSynthPerson *p = P (w, i);
      guint32 r, pa, father;

      if (p->family == WM_SYNTH_NONE || F (w, p->family)->convivenza)
        continue;
      r = ref[p->family - first_family];
      pa = partner[p->family - first_family];
      if (p->relation != 3 && p->relation != 4 && p->relation != 6)
        continue;
      father = r != WM_SYNTH_NONE && P (w, r)->sex == WM_SEX_MALE ? r
             : pa != WM_SYNTH_NONE && P (w, pa)->sex == WM_SEX_MALE ? pa : r;
      if (father == WM_SYNTH_NONE || P (w, father)->pool != p->pool)
        continue;
      p->surname = P (w, father)->surname;
      p->flavour = P (w, father)->flavour;
    }
}


/* Employment on census day, exact where the census gives the count. */
static void
assign_employment (WmSynthWorld *w, guint index, guint32 first, guint32 end, WmRng *rng)
{
  WmSynthSection *sec = g_ptr_array_index (w->sections_arr, index);
  gboolean y2011 = w->profile.census_year < 2021;
  int lo = 15, hi = y2011 ? 150 : 64;
  int n = end - first, k;
  g_autofree double *weight = g_new (double, MAX (n, 1));
  g_autofree guint8 *chosen = g_new0 (guint8, MAX (n, 1));
  int eligible = 0;

  for (int i = 0; i < n; i++)
    {
      WmSynthPerson *p = P (w, first + i);
      int a = wm_synth_census_age (w, first + i);
      double wgt;

      if (a < lo || a > hi || p->disabled)
        {
          weight[i] = 0;
          continue;
        }
      eligible++;
      wgt = a < 20 ? 0.05 : a < 25 ? 0.45 : a < 55 ? 1.0 : a < 60 ? 0.7 : a < 65 ? 0.35 : a < 70 ? 0.06 : 0.01;
      wgt *= p->sex == WM_SEX_FEMALE ? 0.8 : 1.0;
      wgt *= 0.6 + 0.8 * p->work;
      wgt *= 0.7 + 0.15 * p->education;
      if (p->family != WM_SYNTH_NONE && F (w, p->family)->jobless)
        wgt *= 0.002;
      if (p->family != WM_SYNTH_NONE && F (w, p->family)->convivenza)
        wgt *= 0.05;
      weight[i] = wgt;
    }
  k = sec->employed >= 0 ? MIN (sec->employed, eligible)
    : (int) floor (eligible * w->profile.employment_rate + wm_rng_double (rng));
  choose_weighted (rng, weight, n, k, chosen);
  for (int i = 0; i < n; i++)
    P (w, first + i)->anchor_cond = chosen[i] ? 1 : 0;
}

/**
 * wm_synth_section_attributes:
 *
 * Persons [@first_person, @end_person) and families [@first_family,
 * @end_family) of section @index, on census day.
 */
void
wm_synth_section_attributes (WmSynthWorld *w,
                             guint         index,
                             guint32       first_person,
                             guint32       end_person,
                             guint32       first_family,
                             guint32       end_family)
{
  WmRng rng;

  wm_rng_seed (&rng, w->seed, RNG_SECTION, 2000000 + index);
  assign_citizenship (w, index, first_person, end_person, first_family, end_family, &rng);
  family_surnames (w, first_person, end_person, first_family, end_family);
  wm_synth_assign_education (w, index, first_person, end_person, &rng);
  assign_employment (w, index, first_person, end_person, &rng);
}
