/* wm-synth-census.c — the population on census day, calibrated to the sections
 *
 * Method: combinatorial optimisation (Williamson, Birkin & Rees 1998), not
 * IPF. Each section's persons are created from its exact age × sex counts
 * and its families from its exact counts by size; then persons are assigned
 * to family roles (reference person, partner, child, parent, other) by
 * simulated annealing over swaps of two persons and re-draws of a family's
 * composition. A swap never changes who exists or how big any family is,
 * so every census count stays exact while the plausibility of families
 * (partners' ages, mothers' ages at birth, elderly parents) is optimised,
 * together with the number of families in potential care hardship (only
 * members of 65+, one of 80+): each section aims at its share of the
 * city-wide target, and what one cannot reach is asked of the next.
 * Attributes with a section total are then given to exactly that many
 * persons (wm-synth-attributes.c), and city-wide indicator targets are met
 * without touching any census count (wm-synth-targets.c).
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "wm-schema.h"
#include "wm-synth-private.h"
#include "wm-synth-tables.h"

enum { ROLE_REF, ROLE_PARTNER, ROLE_CHILD, ROLE_PARENT, ROLE_OTHER };

typedef struct {
  int n;                     /* persons in the section */
  int *age, *sex;            /* local person attributes */
  int n_fam;
  int *fam_start, *fam_size; /* slots of each family */
  int *role;                 /* per slot */
  int *who;                  /* per slot: local person */
  int n_slots;
  int *conv;                 /* persons in a convivenza */
  int n_conv;
} Section;

/* How implausible family @f is (partners' ages, parents' ages at birth,
 * elderly parents, minors heading a family); @care says whether it is in
 * potential care hardship (only members of 65+, one of 80+). */
static double
family_cost (Section *s, int f, gboolean *care)
{
  int start = s->fam_start[f], size = s->fam_size[f];
  int ref = s->who[start], ref_age = s->age[ref];
  int partner = -1, mother_age, father_age = -1;
  gboolean elderly_only = TRUE, has80 = FALSE;
  double c = 0;

  for (int i = 0; i < size; i++)
    {
      int a = s->age[s->who[start + i]];

      if (s->role[start + i] == ROLE_PARTNER)
        partner = s->who[start + i];
      if (a < 65)
        elderly_only = FALSE;
      if (a >= 80)
        has80 = TRUE;
    }
  if (ref_age < 18)
    c += 40 + (18 - ref_age) * 2;
  mother_age = ref_age;
  if (partner >= 0)
    {
      int pa = s->age[partner];
      int expected = s->sex[ref] == s->sex[partner] ? 0 : s->sex[ref] == 1 ? 3 : -3;
      int gap = ref_age - pa;

      if (pa < 18)
        c += 40;
      if (s->sex[ref] == s->sex[partner])
        c += 8;
      c += MAX (0, abs (gap - expected) - 4) * 0.6;
      if (s->sex[partner] == 2)
        {
          mother_age = pa;
          father_age = ref_age;
        }
      else
        father_age = pa;
    }
  for (int i = 1; i < size; i++)
    {
      int who = s->who[start + i], a = s->age[who];

      switch (s->role[start + i])
        {
        case ROLE_CHILD:
          {
            int g = mother_age - a;

            if (g < 17)
              c += (17 - g) * 2 + 5;
            else if (g > 45)
              c += (g - 45);
            if (father_age >= 0)
              {
                int g2 = father_age - a;

                if (g2 < 17)
                  c += (17 - g2) * 2 + 3;
                else if (g2 > 55)
                  c += (g2 - 55) * 0.5;
              }
            if (a > 30)
              c += (a - 30) * 0.3;
          }
          break;
        case ROLE_PARENT:
          {
            int g = a - ref_age;

            if (g < 17)
              c += (17 - g) * 2 + 5;
            else if (g > 45)
              c += (g - 45) * 0.8;
            if (a < 55)
              c += 10;
          }
          break;
        case ROLE_OTHER:
          c += a < 18 ? 12 : 2;
          break;
        default:
          break;
        }
    }
  *care = elderly_only && has80;
  return c;
}

static void
draw_template (Section *s, int f, WmRng *rng)
{
  int start = s->fam_start[f], size = s->fam_size[f];
  double u = wm_rng_double (rng);
  int *r = s->role + start;

  for (int i = 0; i < size; i++)
    r[i] = ROLE_CHILD;
  r[0] = ROLE_REF;
  if (size == 1)
    return;
  if (size == 2)
    {
      r[1] = u < 0.62 ? ROLE_PARTNER : u < 0.84 ? ROLE_CHILD : u < 0.94 ? ROLE_PARENT : ROLE_OTHER;
      return;
    }
  if (u < 0.12)
    return;                              /* single parent with children */
  r[1] = ROLE_PARTNER;
  if (u > 0.90)
    r[size - 1] = u > 0.97 ? ROLE_OTHER : ROLE_PARENT;
}

/* Puts a family's persons back in slots in a canonical order for its roles:
 * parents oldest, then reference person and partner, children youngest. */
static void
canonical (Section *s, int f)
{
  int start = s->fam_start[f], size = s->fam_size[f];
  int *who = s->who + start, *role = s->role + start;
  int order[16], persons[16];

  for (int i = 0; i < size; i++)
    persons[i] = who[i];
  for (int i = 1; i < size; i++)
    for (int j = i; j > 0 && s->age[persons[j]] > s->age[persons[j - 1]]; j--)
      {
        int t = persons[j];
        persons[j] = persons[j - 1];
        persons[j - 1] = t;
      }
  /* Rank of each role in age order: PARENT, REF, PARTNER, OTHER, CHILD. */
  {
    static const int rank[] = { 1, 2, 4, 0, 3 };
    int n = 0;

    for (int r = 0; r <= 4; r++)
      for (int i = 0; i < size; i++)
        if (rank[role[i]] == r)
          order[n++] = i;
    for (int i = 0; i < size; i++)
      who[order[i]] = persons[i];
  }
}

static int
age_in_band (WmRng *rng, int band, int sex)
{
  /* 75+ by 5-year class, 75–79 … 100–104: Italy's residents on 1 January
   * 2022 (ISTAT), men and women. */
  static const double old[2][6] = {
    { 0.437, 0.317, 0.177, 0.058, 0.0096, 0.0014 },
    { 0.364, 0.302, 0.212, 0.095, 0.023, 0.004 },
  };
  double u;
  int k;

  if (band < WM_SYNTH_BANDS - 1)
    return band * 5 + (int) wm_rng_below (rng, 5);
  u = wm_rng_double (rng);
  for (k = 0; k < 5 && u >= old[sex - 1][k]; k++)
    u -= old[sex - 1][k];
  return 75 + 5 * k + (int) wm_rng_below (rng, 5);
}

/* Counts for places whose sections only give P1: the profile's shares with
 * a section-level tilt, rounded exactly to P1 by largest remainders. */
static void
model_counts (WmSynthWorld *w, WmSynthSection *sec, WmRng *rng)
{
  double share[2 * WM_SYNTH_BANDS], sum = 0;
  double tilt = 0.25 * wm_rng_normal (rng);
  int total = 0, remaining;

  for (int k = 0; k < 2 * WM_SYNTH_BANDS; k++)
    {
      int band = k % WM_SYNTH_BANDS;

      share[k] = w->profile.age_sex[k / WM_SYNTH_BANDS][band] *
                 exp (tilt * (band - 7.5) / 7.5 + 0.12 * wm_rng_normal (rng));
      sum += share[k];
    }
  for (int k = 0; k < 2 * WM_SYNTH_BANDS; k++)
    {
      double exact = sec->pop * share[k] / sum;

      sec->age_sex[k / WM_SYNTH_BANDS][k % WM_SYNTH_BANDS] = (int) exact;
      total += (int) exact;
      share[k] = exact - (int) exact;
    }
  while (total < sec->pop)
    {
      int best = 0;

      for (int k = 1; k < 2 * WM_SYNTH_BANDS; k++)
        if (share[k] > share[best])
          best = k;
      sec->age_sex[best / WM_SYNTH_BANDS][best % WM_SYNTH_BANDS]++;
      share[best] = -1;
      total++;
    }

  /* Families: draw sizes until everyone is in one. */
  memset (sec->families, 0, sizeof sec->families);
  remaining = sec->pop;
  while (remaining > 0)
    {
      double u = wm_rng_double (rng), acc = 0, fsum = 0;
      int k;

      for (k = 0; k < 6; k++)
        fsum += w->profile.family_sizes[k];
      u *= fsum;
      for (k = 0; k < 5; k++)
        if ((acc += w->profile.family_sizes[k]) >= u)
          break;
      if (k + 1 > remaining)
        k = remaining - 1;
      sec->families[k]++;
      remaining -= k == 5 ? wm_imin (remaining, 6 + (int) wm_rng_below (rng, 2)) : k + 1;
    }
}

/* Builds one section: persons, families, roles. Fills the world. */
static gboolean
build_section (WmSynthWorld *w,
               guint         index,
               GError      **error)
{
  WmSynthSection *sec = g_ptr_array_index (w->sections_arr, index);
  Section s = { 0 };
  WmRng rng;
  int fam_persons = 0, n_families = 0, extra, slot;
  g_autofree int *sizes = NULL;
  guint32 first_person;
  int cohabit;

  if (sec->pop <= 0)
    return TRUE;
  wm_rng_seed (&rng, w->seed, RNG_SECTION, index);

  /* Persons from the exact age × sex counts. Where the census counts
   * titles of study from age 9, exactly that many of the 5–9 band are 9. */
  s.age = g_new (int, sec->pop);
  s.sex = g_new (int, sec->pop);
  {
    int band1 = sec->age_sex[0][1] + sec->age_sex[1][1], nine = -1;

    if (sec->education[0] >= 0 && w->profile.edu_min_age == 9)
      {
        nine = sec->pop - sec->age_sex[0][0] - sec->age_sex[1][0] - band1;
        for (int l = 0; l < 5; l++)
          nine -= sec->education[l];
        nine = CLAMP (-nine, 0, band1);
      }
    for (int sex = 0; sex < 2; sex++)
      for (int b = 0; b < WM_SYNTH_BANDS; b++)
        for (int k = 0; k < sec->age_sex[sex][b]; k++)
          {
            if (b == 1 && nine >= 0)
              {
                gboolean is_nine = (int) wm_rng_below (&rng, band1) < nine;

                s.age[s.n] = is_nine ? 9 : 5 + (int) wm_rng_below (&rng, 4);
                nine -= is_nine;
                band1--;
              }
            else
              s.age[s.n] = age_in_band (&rng, b, sex + 1);
            s.sex[s.n] = sex + 1;
            s.n++;
          }
  }

  /* Family sizes, exact; persons beyond the minimal sizes fill 6+ families
   * (up to 9 members), the rest live in a convivenza (care home, convent). */
  for (int k = 0; k < 6; k++)
    {
      n_families += sec->families[k];
      fam_persons += sec->families[k] * (k + 1);
    }
  if (fam_persons > s.n)
    {
      g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_DATA,
                   _("section %s: its families need at least %d persons but it has %d residents — the census variables disagree"),
                   sec->code, fam_persons, s.n);
      g_free (s.age);
      g_free (s.sex);
      return FALSE;
    }
  sizes = g_new (int, MAX (n_families, 1));
  {
    int n = 0;

    for (int k = 0; k < 6; k++)
      for (int j = 0; j < sec->families[k]; j++)
        sizes[n++] = k + 1;
  }
  extra = s.n - fam_persons;
  for (int i = n_families - 1; i >= 0 && extra > 0 && sizes[i] >= 6; i--)
    {
      int add = wm_imin (extra, 1 + (int) wm_rng_below (&rng, 3));

      add = MIN (add, 9 - sizes[i]);
      sizes[i] += add;
      extra -= add;
      fam_persons += add;
    }

  /* Who lives in the convivenza: mostly the very old. */
  s.conv = g_new (int, MAX (extra, 1));
  {
    g_autofree double *key = g_new (double, s.n);
    g_autofree int *order = g_new (int, s.n);

    for (int i = 0; i < s.n; i++)
      {
        double weight = s.age[i] >= 80 ? 10 : s.age[i] >= 65 ? 3 : 0.3;

        key[i] = pow (wm_rng_double (&rng), 1.0 / weight);
        order[i] = i;
      }
    for (int c = 0; c < extra; c++)
      {
        int best = -1;

        for (int i = 0; i < s.n; i++)
          if (order[i] >= 0 && (best < 0 || key[i] > key[best]))
            best = i;
        s.conv[s.n_conv++] = best;
        order[best] = -1;
      }
    /* Slots: the remaining persons, youngest into child slots first. */
    s.n_fam = n_families;
    s.fam_start = g_new (int, MAX (n_families, 1));
    s.fam_size = g_new (int, MAX (n_families, 1));
    s.role = g_new (int, MAX (fam_persons, 1));
    s.who = g_new (int, MAX (fam_persons, 1));
    s.n_slots = fam_persons;
    slot = 0;
    for (int f = 0; f < n_families; f++)
      {
        s.fam_start[f] = slot;
        s.fam_size[f] = sizes[f];
        slot += sizes[f];
        draw_template (&s, f, &rng);
      }
    {
      g_autofree int *pool = g_new (int, MAX (s.n, 1));
      int np = 0, child_slots = 0, ci = 0, ai;

      for (int i = 0; i < s.n; i++)
        if (order[i] >= 0)
          pool[np++] = i;
      /* Youngest first. */
      for (int i = 1; i < np; i++)
        for (int j = i; j > 0 && s.age[pool[j]] < s.age[pool[j - 1]]; j--)
          {
            int t = pool[j];
            pool[j] = pool[j - 1];
            pool[j - 1] = t;
          }
      for (int i = 0; i < s.n_slots; i++)
        child_slots += s.role[i] == ROLE_CHILD;
      ai = MIN (child_slots, np);
            /* Adults in random order into the other slots. */
      for (int i = np - 1; i > ai; i--)
        {
          int j = ai + (int) wm_rng_below (&rng, i - ai + 1);
          int t = pool[i];
          pool[i] = pool[j];
          pool[j] = t;
        }
      for (int i = 0; i < s.n_slots; i++)
        s.who[i] = s.role[i] == ROLE_CHILD && ci < child_slots ? pool[ci++] : pool[ai++];
    }
  }

  /* Annealing. The objective is the families' implausibility plus the
   * distance of the section's care-hardship families from its goal (only
   * swaps change who lives with whom, so only they move that count). */
  if (s.n_fam > 0)
    {
      g_autofree double *cost = g_new (double, s.n_fam);
      g_autofree gboolean *care = g_new (gboolean, s.n_fam);
      g_autofree int *slot_family = g_new (int, MAX (s.n_slots, 1));
      long iterations = MAX (3000, 60L * s.n_slots);
      double t = 3.0, cooling = pow (0.05 / 3.0, 1.0 / iterations);
      double goal = sec->care_goal, weight = 10.0;
      int care_now = 0;

      for (int f = 0; f < s.n_fam; f++)
        {
          canonical (&s, f);
          cost[f] = family_cost (&s, f, &care[f]);
          care_now += care[f];
          for (int i = 0; i < s.fam_size[f]; i++)
            slot_family[s.fam_start[f] + i] = f;
        }
      for (long it = 0; it < iterations; it++, t *= cooling)
        {
          if (wm_rng_chance (&rng, 0.85))
            {
              int a = wm_rng_below (&rng, s.n_slots), b = wm_rng_below (&rng, s.n_slots);
              int fa = slot_family[a], fb = slot_family[b];
              gboolean ka, kb;
              double ca, cb, delta;
              int now;

              if (fa == fb)
                continue;
              { int x = s.who[a]; s.who[a] = s.who[b]; s.who[b] = x; }
              ca = family_cost (&s, fa, &ka);
              cb = family_cost (&s, fb, &kb);
              now = care_now + ka + kb - care[fa] - care[fb];
              delta = ca + cb - cost[fa] - cost[fb] + weight * (fabs (now - goal) - fabs (care_now - goal));
              if (delta <= 0 || wm_rng_double (&rng) < exp (-delta / t))
                {
                  cost[fa] = ca;
                  cost[fb] = cb;
                  care[fa] = ka;
                  care[fb] = kb;
                  care_now = now;
                }
              else
                { int x = s.who[a]; s.who[a] = s.who[b]; s.who[b] = x; }
            }
          else
            {
              int f = wm_rng_below (&rng, s.n_fam);
              int saved_role[16], saved_who[16], size = s.fam_size[f];
              gboolean same;
              double c;

              if (size < 2 || size > 16)
                continue;
              memcpy (saved_role, s.role + s.fam_start[f], size * sizeof (int));
              memcpy (saved_who, s.who + s.fam_start[f], size * sizeof (int));
              draw_template (&s, f, &rng);
              canonical (&s, f);
              c = family_cost (&s, f, &same);
              if (c <= cost[f] || wm_rng_double (&rng) < exp ((cost[f] - c) / t))
                cost[f] = c;
              else
                {
                  memcpy (s.role + s.fam_start[f], saved_role, size * sizeof (int));
                  memcpy (s.who + s.fam_start[f], saved_who, size * sizeof (int));
                }
            }
        }
      sec->care_made = care_now;
    }

  /* Into the world: persons get birth dates so that their age on census day
   * is the one drawn; families get dwellings (cohabiting ones share). */
  first_person = w->persons->len;
  cohabit = sec->occupied_dwellings >= 0 ? MAX (0, s.n_fam - sec->occupied_dwellings) : 0;
  {
    g_autofree guint32 *local = g_new (guint32, MAX (s.n, 1));
    guint32 shared = WM_SYNTH_NONE;

    for (int i = 0; i < s.n; i++)
      {
        guint32 birth = w->census_day - (guint32) (s.age[i] * 365.2425) - wm_rng_below (&rng, 365);

        local[i] = wm_synth_person_new (w, &rng, s.sex[i], birth, -1, FALSE);
        /* The age drawn must be the age on census day. */
        while (wm_synth_age (P (w, local[i])->birth, w->census_day) > s.age[i])
          P (w, local[i])->birth++;
        while (wm_synth_age (P (w, local[i])->birth, w->census_day) < s.age[i])
          P (w, local[i])->birth--;
      }
    for (int f = 0; f < s.n_fam; f++)
      {
        guint32 dwelling, family;
        gboolean share = cohabit > 0 && s.fam_size[f] <= 2 && shared != WM_SYNTH_NONE && wm_rng_chance (&rng, 0.5);

        if (share)
          {
            dwelling = shared;
            cohabit--;
          }
        else
          dwelling = wm_synth_dwelling_new (w, &rng, index, s.fam_size[f], FALSE);
        if (s.fam_size[f] >= 3)
          shared = dwelling;
        family = wm_synth_family_new (w, index, dwelling);
        for (int i = 0; i < s.fam_size[f]; i++)
          {
            static const int codes[] = { 1, 2, 3, 5, 11 };
            int role = s.role[s.fam_start[f] + i];
            int relation = codes[role];
            int who = s.who[s.fam_start[f] + i];

            if (role == ROLE_PARTNER && s.age[who] < 50 && wm_rng_chance (&rng, 0.3))
              relation = 10;                        /* convivente di fatto */
            if (role == ROLE_OTHER && abs (s.age[who] - s.age[s.who[s.fam_start[f]]]) < 15)
              relation = 6;                         /* brother or sister */
            if (role == ROLE_CHILD && s.age[s.who[s.fam_start[f]]] - s.age[who] > 48)
              relation = 4;                         /* grandchild */
            wm_synth_join (w, local[who], family, relation, w->census_day);
          }
      }
    if (s.n_conv > 0)
      {
        guint32 dwelling = wm_synth_dwelling_new (w, &rng, index, 1, FALSE);
        guint32 family = wm_synth_family_new (w, index, dwelling);

        F (w, family)->convivenza = 1;
        D (w, dwelling)->surface = (guint16) MIN (60000, 25 * s.n_conv + 200);
        D (w, dwelling)->rooms = 9;
        D (w, dwelling)->tenure = WM_TENURE_OTHER;
        for (int c = 0; c < s.n_conv; c++)
          wm_synth_join (w, local[s.conv[c]], family, 11, w->census_day);
      }
  }
  (void) first_person;

  g_free (s.age);
  g_free (s.sex);
  g_free (s.fam_start);
  g_free (s.fam_size);
  g_free (s.role);
  g_free (s.who);
  g_free (s.conv);
  return TRUE;
}

/* Ages and family sizes of every section (the census's, else drawn from
 * the profile), and each section's share of the care-hardship target:
 * in proportion to its residents of 75 and over (wm_synth_build_census
 * turns it into a whole number of families to aim for). */
static gboolean
section_counts (WmSynthWorld *w, GError **error)
{
  double ages = 0, shares = 0, old = 0, families = 0;

  for (int k = 0; k < 2 * WM_SYNTH_BANDS; k++)
    ages += w->profile.age_sex[k / WM_SYNTH_BANDS][k % WM_SYNTH_BANDS];
  for (int k = 0; k < 6; k++)
    shares += w->profile.family_sizes[k];
  for (guint i = 0; i < w->sections_arr->len; i++)
    {
      WmSynthSection *sec = g_ptr_array_index (w->sections_arr, i);
      WmRng rng;

      if (sec->pop <= 0)
        continue;
      if (sec->age_sex[0][0] < 0 || sec->families[0] < 0)
        {
          if (ages <= 0 || shares <= 0)
            {
              g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_PROFILE,
                           _("section %s: the census gives no ages or family sizes — give [population] age-males, "
                             "age-females and family-sizes in the place profile"), sec->code);
              return FALSE;
            }
          wm_rng_seed (&rng, w->seed, RNG_SECTION, 3000000 + i);
          model_counts (w, sec, &rng);
        }
      old += sec->age_sex[0][WM_SYNTH_BANDS - 1] + sec->age_sex[1][WM_SYNTH_BANDS - 1];
      for (int k = 0; k < 6; k++)
        families += sec->families[k];
    }
  for (guint i = 0; i < w->sections_arr->len; i++)
    {
      WmSynthSection *sec = g_ptr_array_index (w->sections_arr, i);

      sec->care_goal = sec->pop > 0 && old > 0
                     ? w->profile.targets[TARGET_CARE] * families *
                       (sec->age_sex[0][WM_SYNTH_BANDS - 1] + sec->age_sex[1][WM_SYNTH_BANDS - 1]) / old : 0;
    }
  return TRUE;
}

/**
 * wm_synth_build_census:
 *
 * The population of census day (31 December of the census year), one
 * section after another (wm-synth-attributes.c gives each its census
 * totals); indicators with a city-wide target are then calibrated across
 * sections (wm-synth-targets.c).
 */
gboolean
wm_synth_build_census (WmSynthWorld  *w,
                       GError       **error)
{
  guint ns = w->sections_arr->len;
  g_autofree guint32 *person_start = g_new (guint32, ns + 1);
  g_autofree guint32 *family_start = g_new (guint32, ns + 1);
  double share = 0, made = 0;

  if (!section_counts (w, error))
    return FALSE;
  for (guint i = 0; i < ns; i++)
    {
      WmSynthSection *s = g_ptr_array_index (w->sections_arr, i);
      WmRng srng;

      wm_rng_seed (&srng, w->seed, RNG_SECTION, 1000000 + i);
      s->foreign_factor = exp (0.6 * wm_rng_normal (&srng) - 0.18);
      s->wealth_factor = 0.25 * wm_rng_normal (&srng);
      person_start[i] = w->persons->len;
      family_start[i] = w->families->len;
      /* What earlier sections could not reach is asked of the next ones,
       * up to three times their own share. */
      share += s->care_goal;
      s->care_goal = CLAMP (floor (share + 0.5) - made, 0, 3 * s->care_goal + 2);
      if (!build_section (w, i, error))
        return FALSE;
      made += s->care_made;
      if (i % 64 == 0)
        {
          wm_synth_report (w, 0.05 + 0.25 * i / ns, _("Building the census population"));
          if (g_cancellable_set_error_if_cancelled (w->cancellable, error))
            return FALSE;
        }
    }
  person_start[ns] = w->persons->len;
  family_start[ns] = w->families->len;

  wm_synth_mark_jobless (w);
  for (guint i = 0; i < ns; i++)
    wm_synth_section_attributes (w, i, person_start[i], person_start[i + 1], family_start[i], family_start[i + 1]);
  wm_synth_education_factors (w);
  wm_synth_assign_conditions (w);
  wm_synth_calibrate_hardship (w, person_start, family_start);
  wm_synth_assign_housing (w);
  for (guint32 i = 0; i < w->persons->len; i++)
    wm_synth_person_cf (w, i);
  return TRUE;
}
