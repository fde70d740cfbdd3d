/* wm-synth-census.c — the population on census day, calibrated to the sections
 *
 * Method: combinatorial optimisation (Williamson, Birkin & Rees 1998), not
 * IPF. Each section's persons are created from its exact age × sex counts
 * and its families from its exact counts by size; then persons are assigned
 * to family roles (reference person, partner, child, parent, other) by
 * simulated annealing over swaps of two persons and re-draws of a family's
 * composition. A swap never changes who exists or how big any family is,
 * so every census count stays exact while the plausibility of families
 * (partners' ages, mothers' ages at birth, elderly parents) is optimised.
 * Attributes with a section total (foreigners ST1, employed P101/P61,
 * education P86–P90) are then given to exactly that many persons, chosen
 * by weighted sampling without replacement (Efraimidis–Spirakis keys).
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
  double care_weight;
} Section;

static double
family_cost (Section *s, int f)
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
  if (elderly_only && has80)
    c += s->care_weight;
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
  if (band < WM_SYNTH_BANDS - 1)
    return band * 5 + (int) wm_rng_below (rng, 5);
  /* 75+: survival falls off roughly exponentially, women live longer. */
  return wm_imin (104, 75 + (int) (-log (1 - wm_rng_double (rng)) * (sex == 2 ? 9.0 : 7.5)));
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
  if (sec->age_sex[0][0] < 0 || sec->families[0] < 0)
    model_counts (w, sec, &rng);

  /* Persons from the exact age × sex counts. */
  s.age = g_new (int, sec->pop);
  s.sex = g_new (int, sec->pop);
  for (int sex = 0; sex < 2; sex++)
    for (int b = 0; b < WM_SYNTH_BANDS; b++)
      for (int k = 0; k < sec->age_sex[sex][b]; k++)
        {
          s.age[s.n] = age_in_band (&rng, b, sex + 1);
          s.sex[s.n] = sex + 1;
          s.n++;
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
    s.care_weight = 6.0 * w->profile.targets[TARGET_CARE] / 0.03;
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

  /* Annealing. */
  if (s.n_fam > 0)
    {
      g_autofree double *cost = g_new (double, s.n_fam);
      g_autofree int *slot_family = g_new (int, MAX (s.n_slots, 1));
      long iterations = MAX (3000, 60L * s.n_slots);
      double t = 3.0, cooling = pow (0.05 / 3.0, 1.0 / iterations);

      for (int f = 0; f < s.n_fam; f++)
        {
          canonical (&s, f);
          cost[f] = family_cost (&s, f);
          for (int i = 0; i < s.fam_size[f]; i++)
            slot_family[s.fam_start[f] + i] = f;
        }
      for (long it = 0; it < iterations; it++, t *= cooling)
        {
          if (wm_rng_chance (&rng, 0.85))
            {
              int a = wm_rng_below (&rng, s.n_slots), b = wm_rng_below (&rng, s.n_slots);
              int fa = slot_family[a], fb = slot_family[b];
              double before, after;

              if (fa == fb)
                continue;
              before = cost[fa] + cost[fb];
              { int x = s.who[a]; s.who[a] = s.who[b]; s.who[b] = x; }
              {
                double ca = family_cost (&s, fa), cb = family_cost (&s, fb);

                after = ca + cb;
                if (after <= before || wm_rng_double (&rng) < exp ((before - after) / t))
                  {
                    cost[fa] = ca;
                    cost[fb] = cb;
                  }
                else
                  { int x = s.who[a]; s.who[a] = s.who[b]; s.who[b] = x; }
              }
            }
          else
            {
              int f = wm_rng_below (&rng, s.n_fam);
              int saved_role[16], saved_who[16], size = s.fam_size[f];
              double c;

              if (size < 2 || size > 16)
                continue;
              memcpy (saved_role, s.role + s.fam_start[f], size * sizeof (int));
              memcpy (saved_who, s.who + s.fam_start[f], size * sizeof (int));
              draw_template (&s, f, &rng);
              canonical (&s, f);
              c = family_cost (&s, f);
              if (c <= cost[f] || wm_rng_double (&rng) < exp ((cost[f] - c) / t))
                cost[f] = c;
              else
                {
                  memcpy (s.role + s.fam_start[f], saved_role, size * sizeof (int));
                  memcpy (s.who + s.fam_start[f], saved_who, size * sizeof (int));
                }
            }
        }
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

/* Weighted sampling without replacement: the k largest u^(1/w). */
static void
choose_weighted (WmRng *rng, const guint32 *items, const double *weights, int n, int k, guint8 *chosen)
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
  (void) items;
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

static int
age_at_census (WmSynthWorld *w, guint32 i)
{
  return wm_synth_age (P (w, i)->birth, w->census_day);
}

/* Education on ISTAT's scale: exact counts where the census gives them. */
static void
assign_education (WmSynthWorld *w, guint index, guint32 first, guint32 end, WmRng *rng)
{
  WmSynthSection *sec = g_ptr_array_index (w->sections_arr, index);
  static const int min_age[] = { 0, 11, 14, 19, 22 };
  int n = end - first;
  g_autofree double *weight = g_new (double, MAX (n, 1));
  g_autofree guint8 *chosen = g_new0 (guint8, MAX (n, 1));

  if (sec->education[0] >= 0)
    {
      int carry = 0;

      for (int level = 4; level >= 1; level--)
        {
          int k = sec->education[level] + carry, available = 0;

          for (int i = 0; i < n; i++)
            {
              WmSynthPerson *p = P (w, first + i);
              int a = age_at_census (w, first + i);
              double wgt = 0;

              if (!chosen[i] && a >= MAX (min_age[level], w->profile.edu_min_age))
                {
                  int birth_year = w->profile.census_year - a;

                  if (level == 4)
                    wgt = (birth_year >= 1970 ? 1.0 : birth_year >= 1950 ? 0.55 : 0.25) * (a < 26 ? 0.4 : 1);
                  else if (level == 3)
                    wgt = birth_year >= 1960 ? 1.0 : birth_year >= 1945 ? 0.6 : 0.3;
                  else if (level == 2)
                    wgt = a < 19 ? 3.0 : birth_year >= 1950 ? 0.8 : 0.6;
                  else
                    wgt = a < 14 ? 3.0 : birth_year < 1950 ? 1.5 : 0.15;
                  if (p->foreign)
                    wgt *= level >= 3 ? 0.6 : 1.4;
                  if (p->family != WM_SYNTH_NONE && F (w, p->family)->jobless)
                    wgt *= level >= 3 ? 0.35 : 1.5;
                  available++;
                }
              weight[i] = wgt;
            }
          carry = MAX (0, k - available);
          k = MIN (k, available);
          {
            g_autofree guint8 *now = g_new0 (guint8, MAX (n, 1));

            choose_weighted (rng, NULL, weight, n, k, now);
            for (int i = 0; i < n; i++)
              if (now[i])
                {
                  chosen[i] = 1;
                  P (w, first + i)->education = WM_EDUCATION_NONE + level;
                }
          }
        }
      for (int i = 0; i < n; i++)
        if (!chosen[i])
          P (w, first + i)->education = WM_EDUCATION_NONE;
      return;
    }

  /* Model by birth cohort (shares of NESSUNO..LAUREA among adults). */
  for (int i = 0; i < n; i++)
    {
      static const double cohorts[4][5] = {
        { 0.08, 0.45, 0.20, 0.18, 0.09 },   /* born before 1945 */
        { 0.02, 0.20, 0.33, 0.30, 0.15 },   /* 1945–1964 */
        { 0.01, 0.04, 0.33, 0.42, 0.20 },   /* 1965–1984 */
        { 0.005, 0.01, 0.22, 0.47, 0.295 }, /* 1985 on */
      };
      WmSynthPerson *p = P (w, first + i);
      int a = age_at_census (w, first + i), by = w->profile.census_year - a;
      const double *sh = cohorts[by < 1945 ? 0 : by < 1965 ? 1 : by < 1985 ? 2 : 3];
      double u = wm_rng_double (rng), acc = 0;
      int level;

      if (p->family != WM_SYNTH_NONE && F (w, p->family)->jobless)
        u = u * 0.75;
      for (level = 0; level < 4; level++)
        if ((acc += sh[level]) > u)
          break;
      while (level > 0 && a < min_age[level])
        level--;
      p->education = WM_EDUCATION_NONE + level;
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
      int a = age_at_census (w, first + i);
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
  choose_weighted (rng, NULL, weight, n, k, chosen);
  for (int i = 0; i < n; i++)
    P (w, first + i)->anchor_cond = chosen[i] ? 1 : 0;
}

static int
condition_for (WmSynthWorld *w, WmSynthPerson *p, int a, double p_neet, WmRng *rng)
{
  gboolean jobless = p->family != WM_SYNTH_NONE && F (w, p->family)->jobless;
  gboolean female = p->sex == WM_SEX_FEMALE;
  double u = wm_rng_double (rng);

  if (a < 15)
    return 6;                              /* ALTRO: a child */
  if (p->anchor_cond == 1)
    return 1;
  if (p->disabled && a < 65)
    return 6;
  if (a < 30)
    {
      double pn = p_neet * (a < 19 ? 0.3 : a < 25 ? 1.1 : 1.6) * (jobless ? 2.0 : 1.0);

      if (wm_rng_double (rng) >= pn)
        return 3;                          /* STUDENTE */
      return u < 0.5 ? 2 : (female && u < 0.7) ? 5 : 6;
    }
  if (a >= 65)
    return female && p->cohort == WM_SYNTH_NAMES_OLD && u < 0.15 ? 5 : 4;
  if (a >= 58 && !jobless && u < 0.55)
    return 4;
  if (female && u < 0.45)
    return 5;                              /* CASALINGA */
  return u < 0.75 ? 2 : 6;
}

static void
assign_care (WmSynthWorld *w, guint32 i, WmRng *rng)
{
  WmSynthPerson *p = P (w, i);
  int a = age_at_census (w, i);
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

static int
by_key_desc (gconstpointer a, gconstpointer b, gpointer data)
{
  const double *key = data;
  double ka = key[*(const guint32 *) a], kb = key[*(const guint32 *) b];

  return ka < kb ? 1 : ka > kb ? -1 : (int) (*(const guint32 *) a) - (int) (*(const guint32 *) b);
}

/**
 * wm_synth_build_census:
 *
 * The population of census day (31 December of the census year), one
 * section after another; attributes with a city-wide target (jobless
 * households, NEET, overcrowding) are calibrated across sections.
 */
gboolean
wm_synth_build_census (WmSynthWorld  *w,
                       GError       **error)
{
  g_autofree guint32 *person_start = g_new (guint32, w->sections_arr->len + 1);
  g_autofree guint32 *family_start = g_new (guint32, w->sections_arr->len + 1);
  guint64 eligible_families = 0, total_families = 0, persons_15_29 = 0, idle_15_29 = 0;
  double p_jobless, p_neet;
  WmRng rng;

  for (guint i = 0; i < w->sections_arr->len; i++)
    {
      WmSynthSection *s = g_ptr_array_index (w->sections_arr, i);
      WmRng srng;

      wm_rng_seed (&srng, w->seed, RNG_SECTION, 1000000 + i);
      s->foreign_factor = exp (0.6 * wm_rng_normal (&srng) - 0.18);
      s->wealth_factor = 0.25 * wm_rng_normal (&srng);
      person_start[i] = w->persons->len;
      family_start[i] = w->families->len;
      if (!build_section (w, i, error))
        return FALSE;
      if (i % 64 == 0)
        {
          wm_synth_report (w, 0.05 + 0.25 * i / w->sections_arr->len, _("Building the census population"));
          if (g_cancellable_set_error_if_cancelled (w->cancellable, error))
            return FALSE;
        }
    }
  person_start[w->sections_arr->len] = w->persons->len;
  family_start[w->sections_arr->len] = w->families->len;

  /* Disability and the city-wide rate of jobless households with children. */
  {
    g_autofree guint8 *has_child = g_new0 (guint8, w->families->len);
    g_autofree guint8 *has_old = g_new0 (guint8, w->families->len);
    g_autofree guint8 *ref_young = g_new0 (guint8, w->families->len);

    for (guint32 i = 0; i < w->persons->len; i++)
      {
        WmSynthPerson *p = P (w, i);
        int a = age_at_census (w, i);
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
    for (guint32 f = 0; f < w->families->len; f++)
      {
        if (F (w, f)->convivenza)
          continue;
        total_families++;
        if (has_child[f] && ref_young[f] && !has_old[f])
          eligible_families++;
      }
    p_jobless = eligible_families > 0 ? MIN (0.9, w->profile.targets[TARGET_ECONOMIC] * total_families / eligible_families) : 0;
    wm_rng_seed (&rng, w->seed, RNG_FAMILY, 0);
    for (guint32 f = 0; f < w->families->len; f++)
      if (has_child[f] && ref_young[f] && !has_old[f] && !F (w, f)->convivenza)
        F (w, f)->jobless = wm_rng_chance (&rng, p_jobless);
  }

  for (guint i = 0; i < w->sections_arr->len; i++)
    {
      WmRng srng;

      wm_rng_seed (&srng, w->seed, RNG_SECTION, 2000000 + i);
      assign_citizenship (w, i, person_start[i], person_start[i + 1], family_start[i], family_start[i + 1], &srng);
      family_surnames (w, person_start[i], person_start[i + 1], family_start[i], family_start[i + 1]);
      assign_education (w, i, person_start[i], person_start[i + 1], &srng);
      assign_employment (w, i, person_start[i], person_start[i + 1], &srng);
    }

  /* NEET: the share of idle young people that gives the target rate. */
  for (guint32 i = 0; i < w->persons->len; i++)
    {
      int a = age_at_census (w, i);

      if (a >= 15 && a <= 29)
        {
          persons_15_29++;
          if (P (w, i)->anchor_cond != 1)
            idle_15_29++;
        }
    }
  p_neet = idle_15_29 > 0 ? MIN (0.95, w->profile.targets[TARGET_NEET] * persons_15_29 / idle_15_29 / 1.05) : 0;
  wm_rng_seed (&rng, w->seed, RNG_COND, 0);
  for (guint32 i = 0; i < w->persons->len; i++)
    {
      WmSynthPerson *p = P (w, i);
      int a = age_at_census (w, i);

      p->anchor_cond = condition_for (w, p, a, p_neet, &rng);
      p->anchor_year = w->profile.census_year;
      assign_care (w, i, &rng);
    }

  /* Family wealth, then dwellings sized for it; the overcrowded ones are
   * chosen among large poor families to give the target share of persons. */
  {
    g_autofree int *employed = g_new0 (int, w->families->len);
    guint64 persons_in_dwellings = 0, crowded = 0, target;
    g_autofree double *key = g_new (double, w->families->len);
    g_autofree guint32 *order = g_new (guint32, w->families->len);
    guint n_candidates = 0;

    for (guint32 i = 0; i < w->persons->len; i++)
      if (P (w, i)->family != WM_SYNTH_NONE && P (w, i)->anchor_cond == 1)
        employed[P (w, i)->family]++;
    wm_rng_seed (&rng, w->seed, RNG_DWELLING, 0);
    for (guint32 f = 0; f < w->families->len; f++)
      {
        WmSynthFamily *fam = F (w, f);
        WmSynthSection *s = g_ptr_array_index (w->sections_arr, fam->section);
        WmSynthDwelling *d = D (w, fam->dwelling);
        gboolean poor;

        fam->wealth = (float) (w->profile.wealth_sd * wm_rng_normal (&rng) + s->wealth_factor
                               + 0.25 * MIN (employed[f], 2) - (fam->jobless ? 1.3 : 0) - (fam->foreign ? 0.45 : 0));
        poor = fam->wealth < -0.6;
        if (fam->convivenza)
          continue;
        persons_in_dwellings += fam->size;
        /* Tenure follows means: public housing and rent for the poorer. */
        if (poor && wm_rng_chance (&rng, w->profile.public_housing * 5))
          d->tenure = WM_TENURE_PUBLIC_HOUSING;
        else if ((poor || fam->foreign) && d->tenure == WM_TENURE_OWNED && wm_rng_chance (&rng, 0.5))
          d->tenure = WM_TENURE_RENTED;
        if (fam->size >= 5)
          {
            key[n_candidates] = log (wm_rng_double (&rng) + 1e-300) / ((poor ? 3.0 : 0.5) * (fam->foreign ? 3.0 : 1.0));
            order[n_candidates++] = f;
          }
        /* Nobody is overcrowded by accident. */
        if (d->surface < 40 && fam->size >= 5)
          d->surface = 40 + wm_rng_below (&rng, 30);
        if (d->surface < 60 && fam->size >= 6)
          d->surface = 60 + wm_rng_below (&rng, 30);
        if (d->surface < 80 && fam->size >= 7)
          d->surface = 80 + wm_rng_below (&rng, 40);
      }
    target = (guint64) (persons_in_dwellings * w->profile.targets[TARGET_OVERCROWDING]);
    {
      g_autofree guint32 *rank = g_new (guint32, MAX (n_candidates, 1));

      for (guint c = 0; c < n_candidates; c++)
        rank[c] = c;
      g_qsort_with_data (rank, n_candidates, sizeof (guint32), by_key_desc, key);
      for (guint c = 0; c < n_candidates; c++)
        rank[c] = order[rank[c]];
      memcpy (order, rank, n_candidates * sizeof (guint32));
    }
    for (guint c = 0; c < n_candidates && crowded < target; c++)
      {
        {
          WmSynthFamily *fam = F (w, order[c]);
          WmSynthDwelling *d = D (w, fam->dwelling);

          if (d->families != 1)
            continue;
          d->surface = fam->size == 5 ? 28 + wm_rng_below (&rng, 11)
                     : fam->size == 6 ? 35 + wm_rng_below (&rng, 24) : 45 + wm_rng_below (&rng, 34);
          d->rooms = CLAMP (d->surface / 20, 1, 4);
          fam->overcrowded = 1;
          crowded += fam->size;
        }
      }
  }

  for (guint32 i = 0; i < w->persons->len; i++)
    wm_synth_person_cf (w, i);
  return TRUE;
}
