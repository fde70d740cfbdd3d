/* wm-synth-history.c — the years around the census: arrivals, departures, lives
 *
 * Before census day the history is synthesised backwards so that census day
 * stays exact: each census family gets an arrival date (from outside the
 * city, or a move within it, with its previous address) or has lived there
 * since before the period, and families that emigrated before the census
 * are added as ghosts (the residents who died in the period are
 * wm-synth-care.c's). After
 * census day the population is simulated forwards, year by year: deaths
 * (Gompertz hazard), births (age-specific fertility, TFR ≈ 1.8 in a couple), emigration,
 * immigration, moves within the city, young adults leaving home and
 * couples separating.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "wm-schema.h"
#include "wm-synth-private.h"

static guint32
year_start (int y)
{
  return wm_synth_julian (y, 1, 1);
}

static guint32
random_day (WmRng *rng, int y)
{
  return year_start (y) + wm_rng_below (rng, 365);
}

static int
ref_age (WmSynthWorld *w, guint32 family, GArray *members, guint32 day)
{
  for (guint i = 0; i < members->len; i++)
    {
      WmSynthPerson *p = P (w, g_array_index (members, guint32, i));

      if (p->relation == 1)
        return wm_synth_age (p->birth, day);
    }
  return 50;
}

/* A vacant dwelling; the poor take the smallest of a few they see, so
 * large poor families end up crowded, as they do. */
static guint32
take_dwelling (WmSynthWorld *w, WmRng *rng, int size, gboolean poor)
{
  guint best = G_MAXUINT;

  for (int seen = 0; seen < (poor ? 3 : 1) && w->vacant->len > 0;)
    {
      guint i = wm_rng_below (rng, w->vacant->len), last = w->vacant->len - 1;
      guint32 d = g_array_index (w->vacant, guint32, i);

      if (D (w, d)->families != 0)
        {
          /* Taken since: drop it (the last entry moves to its place). */
          g_array_remove_index_fast (w->vacant, i);
          if (best == last)
            best = i;
          continue;
        }
      if (best == G_MAXUINT || D (w, d)->surface < D (w, g_array_index (w->vacant, guint32, best))->surface)
        best = i;
      seen++;
    }
  if (best != G_MAXUINT)
    {
      guint32 d = g_array_index (w->vacant, guint32, best);

      g_array_remove_index_fast (w->vacant, best);
      return d;
    }
  /* New building somewhere with residents (the city grows where people are). */
  {
    guint32 any = wm_rng_below (rng, w->families->len);

    return wm_synth_dwelling_new (w, rng, F (w, any)->section, size, poor);
  }
}

/* Members of every family, rebuilt when the composition may have changed. */
static void
members_index (WmSynthWorld *w, GArray *offsets, GArray *list)
{
  guint32 nf = w->families->len;

  g_array_set_size (offsets, nf + 1);
  memset (offsets->data, 0, (nf + 1) * sizeof (guint32));
  for (guint32 i = 0; i < w->persons->len; i++)
    if (P (w, i)->family != WM_SYNTH_NONE)
      g_array_index (offsets, guint32, P (w, i)->family + 1)++;
  for (guint32 f = 0; f < nf; f++)
    g_array_index (offsets, guint32, f + 1) += g_array_index (offsets, guint32, f);
  g_array_set_size (list, g_array_index (offsets, guint32, nf));
  {
    g_autofree guint32 *fill = g_new0 (guint32, nf + 1);

    for (guint32 i = 0; i < w->persons->len; i++)
      {
        guint32 f = P (w, i)->family;

        if (f != WM_SYNTH_NONE)
          g_array_index (list, guint32, g_array_index (offsets, guint32, f) + fill[f]++) = i;
      }
  }
}

static void
family_members (GArray *offsets, GArray *list, guint32 f, GArray *out)
{
  guint32 a = g_array_index (offsets, guint32, f), b = g_array_index (offsets, guint32, f + 1);

  g_array_set_size (out, 0);
  g_array_append_vals (out, &g_array_index (list, guint32, a), b - a);
}

/* Whether the family is a young couple or a young person alone, formed on
 * @day (nobody else was born before it): who left their parents' home. */
static gboolean
newly_formed (WmSynthWorld *w, GArray *members, guint32 day)
{
  guint adults = 0;

  for (guint i = 0; i < members->len; i++)
    {
      WmSynthPerson *p = P (w, g_array_index (members, guint32, i));
      int age = wm_synth_age (p->birth, day);

      if (p->relation == 1 || p->relation == 2 || p->relation == 10)
        {
          if (age < 19 || age > 35)
            return FALSE;
          adults++;
        }
      else if (p->birth < day)
        return FALSE;
    }
  return adults > 0;
}

/* Census reference persons and partners by year of birth: the parents a
 * young adult who left home lived with. */
static GArray **
parents_by_birth (WmSynthWorld *w, int *first_year, int *n_years)
{
  int lo = G_MAXINT, hi = G_MININT;
  GArray **by;

  for (guint32 i = 0; i < w->persons->len; i++)
    {
      int by_year = wm_synth_year (P (w, i)->birth);

      lo = MIN (lo, by_year);
      hi = MAX (hi, by_year);
    }
  *first_year = lo;
  *n_years = hi >= lo ? hi - lo + 1 : 0;
  by = g_new0 (GArray *, MAX (*n_years, 1));
  for (int k = 0; k < *n_years; k++)
    by[k] = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (guint32 i = 0; i < w->persons->len; i++)
    {
      WmSynthPerson *p = P (w, i);

      if (p->family != WM_SYNTH_NONE && !F (w, p->family)->convivenza &&
          (p->relation == 1 || p->relation == 2 || p->relation == 10))
        g_array_append_val (by[wm_synth_year (p->birth) - lo], i);
    }
  return by;
}

/* @person lived with parents of the census, 20–40 years older, until
 * @left: the row there, or FALSE when no such family was there then. */
static gboolean
back_home (WmSynthWorld *w, WmRng *rng, GArray **parents, int first_year, int n_years,
           guint32 person, guint32 left, guint32 window)
{
  WmSynthPerson *p = P (w, person);
  int born = wm_synth_year (p->birth);

  for (int attempt = 0; attempt < 8; attempt++)
    {
      int k = born - 40 + (int) wm_rng_below (rng, 21) - first_year;
      GArray *bucket = k >= 0 && k < n_years ? parents[k] : NULL;
      guint32 parent, family, from;

      if (bucket == NULL || bucket->len == 0)
        continue;
      parent = g_array_index (bucket, guint32, wm_rng_below (rng, bucket->len));
      family = P (w, parent)->family;
      /* Living there already, and not a family of six or more then. */
      if (family == p->family || F (w, family)->size >= 5 || P (w, parent)->res_start >= left)
        continue;
      from = wm_umax (p->birth, P (w, parent)->res_start);
      if (from >= left)
        continue;
      wm_synth_interval_add (w, person, family, F (w, family)->dwelling, from, left, 3, END_VARFAM);
      P (w, person)->first = from >= window ? from : 0;
      return TRUE;
    }
  return FALSE;
}

/* Backwards from census day: arrivals, previous addresses (a parents'
 * home for some young people), families that left before the census. */
static void
history_before (WmSynthWorld *w)
{
  int first = w->first_year, census = w->profile.census_year;
  guint32 window = year_start (first);
  guint32 n_families = w->families->len;
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) list = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) formed = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) moved_in = g_array_new (FALSE, FALSE, sizeof (guint32));
  WmRng rng;

  members_index (w, offsets, list);
  wm_rng_seed (&rng, w->seed, RNG_HISTORY, 0);
  for (guint32 f = 0; f < n_families; f++)
    {
      WmSynthFamily *fam = F (w, f);
      int ra;
      double m;
      guint32 arrival = 0, since = 0;

      family_members (offsets, list, f, members);
      if (members->len == 0)
        continue;
      ra = ref_age (w, f, members, w->census_day);
      m = w->profile.mobility * (ra < 40 ? 1.6 : ra < 65 ? 0.8 : 0.3) * (fam->foreign ? 2.0 : 1.0);
      if (fam->convivenza)
        m = 0;
      for (int y = census; y >= first && arrival == 0; y--)
        if (wm_rng_chance (&rng, m))
          arrival = MIN (random_day (&rng, y), w->census_day - 1);
      /* One date for the whole family: a partner alone on the family sheet
       * before its reference person arrives is not how a registry works. */
      if (arrival == 0)
        since = window - wm_rng_below (&rng, 20 * 365);
      for (guint i = 0; i < members->len; i++)
        {
          WmSynthPerson *p = P (w, g_array_index (members, guint32, i));

          p->res_start = wm_umax (p->birth, arrival != 0 ? arrival : since);
          if (p->res_start >= window)
            p->first = p->res_start;
        }
      if (arrival > window + 365 && D (w, fam->dwelling)->families == 1)
        g_array_append_val (moved_in, f);
      /* A move within the city: the previous address, left that day; most
       * young people who set up home came from their parents'. */
      if (arrival != 0 && wm_rng_chance (&rng, 0.4) && newly_formed (w, members, arrival) &&
          wm_rng_chance (&rng, 0.7))
        g_array_append_val (formed, f);
      else if (arrival != 0 && wm_rng_chance (&rng, 0.4))
        {
          guint32 other = wm_rng_below (&rng, n_families);
          guint32 before = wm_synth_dwelling_new (w, &rng, F (w, other)->section, members->len, FALSE);
          guint32 from = arrival - 365 * (1 + wm_rng_below (&rng, 12));

          for (guint i = 0; i < members->len; i++)
            {
              WmSynthPerson *p = P (w, g_array_index (members, guint32, i));

              if (p->birth < arrival)
                {
                  wm_synth_interval_add (w, g_array_index (members, guint32, i), f, before,
                                         MAX (p->birth, from), arrival, p->relation, END_TRASF);
                  p->first = MAX (p->birth, from) >= window ? MAX (p->birth, from) : 0;
                }
            }
          g_array_append_val (w->vacant, before);
        }
    }

  /* Now that every census family has its dates: the parents' homes. */
  {
    int first_birth, n_births;
    GArray **parents = parents_by_birth (w, &first_birth, &n_births);

    for (guint k = 0; k < formed->len; k++)
      {
        guint32 f = g_array_index (formed, guint32, k);

        family_members (offsets, list, f, members);
        for (guint i = 0; i < members->len; i++)
          {
            guint32 m = g_array_index (members, guint32, i);

            if (P (w, m)->relation != 3 && P (w, m)->birth < P (w, m)->res_start)
              back_home (w, &rng, parents, first_birth, n_births, m, P (w, m)->res_start, window);
          }
      }
    for (int k = 0; k < n_births; k++)
      g_array_unref (parents[k]);
    g_free (parents);
  }

  /* Families that emigrated before the census. Most lived in a dwelling a
   * census family moved into later, and looked like it: housing keeps its
   * kind of tenants (a small flat its large poor families). */
  {
    int ghosts = (int) (0.5 * w->profile.mobility * n_families * MAX (0, census - first));

    for (int g = 0; g < ghosts; g++)
      {
        guint32 model, left, dwelling, family, arrived, shift;

        if (moved_in->len > 0)
          {
            guint j = wm_rng_below (&rng, moved_in->len);
            guint32 came;

            model = g_array_index (moved_in, guint32, j);
            g_array_remove_index_fast (moved_in, j);
            family_members (offsets, list, model, members);
            came = P (w, g_array_index (members, guint32, 0))->res_start;
            for (guint i = 1; i < members->len; i++)
              came = MIN (came, P (w, g_array_index (members, guint32, i))->res_start);
            left = wm_umax (window, came - 365 * 3) + wm_rng_below (&rng, MIN (came - window, 365 * 3));
            dwelling = F (w, model)->dwelling;
            /* Their ages on leaving were the newcomers' on arrival. */
            shift = came - left;
          }
        else
          {
            model = wm_rng_below (&rng, n_families);
            left = random_day (&rng, first + (int) wm_rng_below (&rng, MAX (1, census - first)));
            family_members (offsets, list, model, members);
            if (members->len == 0 || F (w, model)->convivenza || left >= w->census_day)
              continue;
            dwelling = wm_synth_dwelling_new (w, &rng, F (w, model)->section, members->len, FALSE);
            g_array_append_val (w->vacant, dwelling);
            shift = (census - first) * 365 / 2;
          }
        family = wm_synth_family_new (w, F (w, model)->section, dwelling);
        /* Not there on census day. */
        D (w, dwelling)->families--;
        arrived = window - wm_rng_below (&rng, 10 * 365);
        F (w, family)->foreign = F (w, model)->foreign;
        F (w, family)->wealth = F (w, model)->wealth;
        for (guint i = 0; i < members->len; i++)
          {
            WmSynthPerson *m = P (w, g_array_index (members, guint32, i));
            guint32 birth = m->birth - shift - wm_rng_below (&rng, 365);
            guint32 person, since;
            int relation = m->relation, sex = m->sex, pool = m->pool;
            gboolean foreign = m->foreign;

            if (birth + 1 >= left)
              continue;
            person = wm_synth_person_new (w, &rng, sex, birth, pool, foreign);
            P (w, person)->ghost = 1;
            P (w, person)->anchor_cond = 0;
            P (w, person)->anchor_year = wm_synth_year (left);
            P (w, person)->home = family;
            P (w, person)->out = left;
            since = wm_umax (birth, arrived);
            P (w, person)->first = since >= window ? since : 0;
            wm_synth_education_draw (w, person, wm_synth_year (left), &rng);
            wm_synth_person_cf (w, person);
            wm_synth_interval_add (w, person, family, dwelling, since, left, relation, END_EMIGR);
          }
      }
  }
}

typedef struct {
  guint32 day, person;
} Event;

static int
event_cmp (gconstpointer a, gconstpointer b)
{
  const Event *x = a, *y = b;

  if (x->day != y->day)
    return x->day < y->day ? -1 : 1;
  return x->person < y->person ? -1 : x->person > y->person;
}

/* The day an event of these residents can happen: @day, or the day after
 * the latest of their present residence rows began — the events of a year
 * are drawn one kind after another, so a later draw may fall earlier. */
static guint32
event_day (WmSynthWorld *w, const guint32 *persons, guint n, guint32 day)
{
  for (guint i = 0; i < n; i++)
    if (P (w, persons[i])->family != WM_SYNTH_NONE && P (w, persons[i])->res_start >= day)
      day = P (w, persons[i])->res_start + 1;
  return day;
}

static void
change_relation (WmSynthWorld *w, guint32 person, int relation, guint32 day)
{
  guint32 family = P (w, person)->family;

  wm_synth_leave (w, person, day, END_VARFAM);
  wm_synth_join (w, person, family, relation, day);
}

static void
move_family (WmSynthWorld *w, guint32 f, GArray *members, guint32 dwelling, guint32 day)
{
  guint32 old = F (w, f)->dwelling;

  for (guint i = 0; i < members->len; i++)
    {
      guint32 m = g_array_index (members, guint32, i);
      WmSynthPerson *p = P (w, m);

      wm_synth_interval_add (w, m, f, old, p->res_start, day, p->relation, END_TRASF);
      p->res_start = day;
    }
  F (w, f)->dwelling = dwelling;
  D (w, dwelling)->families++;
  if (--D (w, old)->families == 0)
    g_array_append_val (w->vacant, old);
}

/* Forwards from census day, one year at a time. */
static void
history_after (WmSynthWorld *w, int from, int to)
{
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) list = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint32 census_families = w->families->len;

  for (int y = from; y <= to; y++)
    {
      WmRng rng;
      guint32 nf = w->families->len, np = w->persons->len;
      int emigrated = 0, deaths = 0;
      g_autoptr(GArray) leavers = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_autoptr(GArray) deaths_of_year = g_array_new (FALSE, FALSE, sizeof (Event));
      g_autoptr(GArray) gone = g_array_new (FALSE, FALSE, sizeof (Event));   /* emigrated families: day, family */

      wm_rng_seed (&rng, w->seed, RNG_YEAR, y);
      members_index (w, offsets, list);

      /* Deaths, drawn first and then lived through in the order of their
       * days: a reference person's heir must not die before taking over. */
      for (guint32 i = 0; i < np; i++)
        {
          WmSynthPerson *p = P (w, i);
          int a;
          double q;

          if (p->family == WM_SYNTH_NONE)
            continue;
          a = wm_synth_age (p->birth, year_start (y));
          q = wm_synth_death_hazard (a, p->sex, p->care_level ? 2.0 : 1.0);
          if (wm_rng_chance (&rng, q))
            {
              Event e = { random_day (&rng, y), i };

              g_array_append_val (deaths_of_year, e);
            }
        }
      g_array_sort (deaths_of_year, event_cmp);
      for (guint d = 0; d < deaths_of_year->len; d++)
        {
          guint32 i = g_array_index (deaths_of_year, Event, d).person;
          guint32 f = P (w, i)->family, day;
          gboolean was_ref = P (w, i)->relation == 1;

          /* Gone already: a carer who left when the last of her family died. */
          if (f == WM_SYNTH_NONE)
            continue;
          day = event_day (w, &i, 1, g_array_index (deaths_of_year, Event, d).day);
          wm_synth_leave (w, i, day, END_DECESSO);
          deaths++;
          family_members (offsets, list, f, members);
          wm_synth_care_left_alone (w, f, day, (guint32 *) members->data, members->len);
          if (was_ref && F (w, f)->size > 0 && !F (w, f)->convivenza)
            {
              guint32 heir = WM_SYNTH_NONE;

              for (guint k = 0; k < members->len; k++)
                {
                  guint32 m = g_array_index (members, guint32, k);

                  if (P (w, m)->family != f)
                    continue;
                  if (heir == WM_SYNTH_NONE || P (w, m)->relation == 2 || P (w, m)->relation == 10 ||
                      (P (w, heir)->relation != 2 && P (w, heir)->relation != 10 && P (w, m)->birth < P (w, heir)->birth))
                    heir = m;
                }
              if (heir != WM_SYNTH_NONE)
                change_relation (w, heir, 1, event_day (w, &heir, 1, day));
            }
        }

      /* Births. */
      for (guint32 i = 0; i < np; i++)
        {
          WmSynthPerson *mother = P (w, i);
          int a;
          double rate;

          if (mother->family == WM_SYNTH_NONE || mother->sex != WM_SEX_FEMALE || F (w, mother->family)->convivenza)
            continue;
          a = wm_synth_age (mother->birth, year_start (y));
          if (a < 15 || a > 49)
            continue;
          /* 1.8 children over a life in a couple, 0.25 outside one: about
           * Italy's TFR of 1.25 with as many women in couples as here. */
          rate = 0.13 * exp (-0.5 * pow ((a - 32) / 5.5, 2)) *
                 (mother->relation == 1 || mother->relation == 2 || mother->relation == 10 ? 1.0 : 0.14);
          if (wm_rng_chance (&rng, rate))
            {
              guint32 day = random_day (&rng, y), f = mother->family, child, father = WM_SYNTH_NONE;
              int relation = mother->relation == 3 ? 4 : mother->relation <= 2 || mother->relation == 10 ? 3 : 9;

              family_members (offsets, list, f, members);
              for (guint k = 0; k < members->len; k++)
                {
                  WmSynthPerson *m = P (w, g_array_index (members, guint32, k));

                  if (m->sex == WM_SEX_MALE && m->family == f &&
                      (m->relation == 1 || m->relation == 2 || m->relation == 10) && mother->relation != 3)
                    father = g_array_index (members, guint32, k);
                }
              child = wm_synth_newcomer (w, &rng, wm_rng_chance (&rng, 0.514) ? WM_SEX_MALE : WM_SEX_FEMALE,
                                         day, P (w, i)->pool, P (w, i)->foreign, y, day);
              mother = P (w, i);
              P (w, child)->birthplace = G_MAXUINT16;
              P (w, child)->born_abroad = 0;
              if (father != WM_SYNTH_NONE && P (w, father)->pool == mother->pool)
                {
                  P (w, child)->surname = P (w, father)->surname;
                  P (w, child)->flavour = P (w, father)->flavour;
                }
              else
                {
                  P (w, child)->surname = mother->surname;
                  P (w, child)->flavour = mother->flavour;
                }
              wm_synth_person_cf (w, child);
              wm_synth_join (w, child, f, relation, day);
            }
        }

      members_index (w, offsets, list);
      for (guint32 f = 0; f < nf; f++)
        {
          WmSynthFamily *fam = F (w, f);
          int ra;
          double move = w->profile.mobility;

          if (fam->size == 0 || fam->convivenza)
            continue;
          family_members (offsets, list, f, members);
          ra = ref_age (w, f, members, year_start (y));
          /* Emigration. */
          if (wm_rng_chance (&rng, move * 0.5 * (fam->foreign ? 2.5 : 1.0) * (ra < 40 ? 1.5 : 1.0)))
            {
              guint32 day = event_day (w, (guint32 *) members->data, members->len, random_day (&rng, y));

              Event e = { day, f };

              for (guint k = 0; k < members->len; k++)
                wm_synth_leave (w, g_array_index (members, guint32, k), day, END_EMIGR);
              g_array_append_val (gone, e);
              emigrated++;
              continue;
            }
          /* A move within the city. */
          if (wm_rng_chance (&rng, move * 0.6))
            {
              guint32 day = event_day (w, (guint32 *) members->data, members->len, random_day (&rng, y));

              move_family (w, f, members, take_dwelling (w, &rng, members->len, fam->wealth < -0.6), day);
            }
          /* Couples separating: the partner leaves, young children go with the mother. */
          if (ra < 65 && members->len >= 2 && wm_rng_chance (&rng, 0.012))
            {
              guint32 partner = WM_SYNTH_NONE, day = event_day (w, (guint32 *) members->data, members->len,
                                                                random_day (&rng, y));

              for (guint k = 0; k < members->len; k++)
                if (P (w, g_array_index (members, guint32, k))->relation == 2 ||
                    P (w, g_array_index (members, guint32, k))->relation == 10)
                  partner = g_array_index (members, guint32, k);
              if (partner != WM_SYNTH_NONE)
                {
                  guint32 dwelling = take_dwelling (w, &rng, 2, TRUE);
                  guint32 nfam = wm_synth_family_new (w, fam->section, dwelling);
                  gboolean mother_leaves = P (w, partner)->sex == WM_SEX_FEMALE;

                  fam = F (w, f);
                  F (w, nfam)->wealth = fam->wealth - 0.3f;
                  F (w, nfam)->foreign = fam->foreign;
                  wm_synth_leave (w, partner, day, END_VARFAM);
                  wm_synth_join (w, partner, nfam, 1, day);
                  if (mother_leaves)
                    for (guint k = 0; k < members->len; k++)
                      {
                        guint32 m = g_array_index (members, guint32, k);

                        if (P (w, m)->relation == 3 && wm_synth_age (P (w, m)->birth, day) < 18)
                          {
                            wm_synth_leave (w, m, day, END_VARFAM);
                            wm_synth_join (w, m, nfam, 3, day);
                          }
                      }
                }
            }
          /* Young adults leaving home. */
          for (guint k = 0; k < members->len; k++)
            {
              guint32 m = g_array_index (members, guint32, k);
              WmSynthPerson *p = P (w, m);
              int a = wm_synth_age (p->birth, year_start (y));

              if (p->family == f && p->relation == 3 && a >= 20 && a <= 40 &&
                  wm_rng_chance (&rng, a >= 25 ? 0.09 : 0.04))
                g_array_append_val (leavers, m);
            }
        }
      /* Leavers set up home, some as couples. */
      for (guint k = 0; k < leavers->len; k++)
        {
          guint32 m = g_array_index (leavers, guint32, k), day = event_day (w, &m, 1, random_day (&rng, y));
          guint32 section = F (w, P (w, m)->family)->section;
          guint32 dwelling = take_dwelling (w, &rng, 2, FALSE);
          guint32 nfam = wm_synth_family_new (w, section, dwelling);

          F (w, nfam)->wealth = (float) (0.5 * wm_rng_normal (&rng));
          F (w, nfam)->foreign = P (w, m)->foreign;
          wm_synth_leave (w, m, day, END_VARFAM);
          wm_synth_join (w, m, nfam, 1, day);
          if (k + 1 < leavers->len && wm_rng_chance (&rng, 0.35) &&
              P (w, g_array_index (leavers, guint32, k + 1))->sex != P (w, m)->sex)
            {
              guint32 partner = g_array_index (leavers, guint32, ++k);
              guint32 since = event_day (w, &partner, 1, day);

              wm_synth_leave (w, partner, since, END_VARFAM);
              wm_synth_join (w, partner, nfam, wm_rng_chance (&rng, 0.5) ? 2 : 10, since);
            }
        }

      /* Immigration keeps the city about its size. Newcomers look like
       * residents: most take the home of a family that left, and look
       * like it (housing keeps its kind of tenants), the others like a
       * family of the census. */
      {
        int arrivals = (int) (emigrated * 1.05 + deaths * 0.25 + 0.5);

        for (int a = 0; a < arrivals; a++)
          {
            guint32 model, day, dwelling, family, left = 0;
            gboolean foreign;
            int pool = -1;

            if ((guint) a < gone->len)
              {
                Event e = g_array_index (gone, Event, a);

                model = e.person;
                left = e.day;
                day = left + 1 + wm_rng_below (&rng, MAX (1, wm_synth_julian (y, 12, 31) - left));
                family_members (offsets, list, model, members);
                foreign = F (w, model)->foreign;
                dwelling = D (w, F (w, model)->dwelling)->families == 0 ? F (w, model)->dwelling
                         : take_dwelling (w, &rng, members->len, foreign);
              }
            else
              {
                model = wm_rng_below (&rng, census_families);
                day = random_day (&rng, y);
                family_members (offsets, list, model, members);
                if (members->len == 0 || F (w, model)->convivenza)
                  continue;
                foreign = wm_rng_chance (&rng, MIN (0.9, 2.5 * w->profile.foreign_share));
                dwelling = take_dwelling (w, &rng, members->len, foreign);
              }
            if (foreign)
              {
                double csum = 0, u, acc = 0;

                for (int c = 0; c < 64; c++)
                  csum += w->profile.communities[c];
                u = wm_rng_double (&rng) * csum;
                for (pool = 0; pool < 63; pool++)
                  if ((acc += w->profile.communities[pool]) >= u)
                    break;
              }
            family = wm_synth_family_new (w, F (w, model)->section, dwelling);
            F (w, family)->foreign = foreign;
            F (w, family)->wealth = left != 0 ? F (w, model)->wealth + (float) (0.3 * wm_rng_normal (&rng))
                                  : (float) (w->profile.wealth_sd * wm_rng_normal (&rng) - (foreign ? 0.45 : 0));
            for (guint k = 0; k < members->len; k++)
              {
                WmSynthPerson *m = P (w, g_array_index (members, guint32, k));
                /* As old on arrival as the model on leaving, or up to 3 years younger. */
                guint32 birth = left != 0 ? m->birth + (day - left) + wm_rng_below (&rng, 365)
                                          : m->birth + wm_rng_below (&rng, 3 * 365);
                int relation = m->relation, sex = m->sex;
                guint32 person;

                if (birth >= day || (left != 0 && m->family != WM_SYNTH_NONE))
                  continue;
                person = wm_synth_newcomer (w, &rng, sex, birth, pool, foreign, y, day);
                wm_synth_person_cf (w, person);
                wm_synth_join (w, person, family, relation, day);
              }
            if (F (w, family)->size == 0)
              {
                D (w, dwelling)->families--;
                g_array_append_val (w->vacant, dwelling);
              }
          }
      }
      members_index (w, offsets, list);
      wm_synth_care_year (w, y, &rng, (guint32 *) offsets->data, (guint32 *) list->data);
      wm_synth_couples_year (w, y, &rng, (guint32 *) offsets->data, (guint32 *) list->data);
      wm_synth_report (w, 0.30 + 0.2 * (y - from + 1) / MAX (1, to - from + 1), _("Simulating the years after the census"));
    }
}

gboolean
wm_synth_build_history (WmSynthWorld  *w,
                        GError       **error)
{
  int census = w->profile.census_year, last = w->first_year + w->years - 1;

  wm_synth_care_census (w);
  if (w->first_year <= census)
    {
      history_before (w);
      wm_synth_care_before (w);
      wm_synth_couples_before (w);
    }
  else
    /* The period starts after the census: everyone there on census day
     * lived at their address since before it. */
    for (guint32 i = 0; i < w->persons->len; i++)
      {
        WmRng rng;

        wm_rng_seed (&rng, w->seed, RNG_HISTORY, i);
        P (w, i)->res_start = wm_umax (P (w, i)->birth, w->census_day - wm_rng_below (&rng, 20 * 365));
      }
  if (g_cancellable_set_error_if_cancelled (w->cancellable, error))
    return FALSE;
  if (last > census)
    history_after (w, census + 1, last);
  wm_synth_finish_education (w, last);

  /* Care-need onsets of persons born or arrived after the census. */
  for (guint32 i = 0; i < w->persons->len; i++)
    {
      WmSynthPerson *p = P (w, i);

      if (p->care_onset == 0 && !p->ghost && p->disabled)
        p->care_onset = MAX (p->birth, w->census_day);
    }
  w->conditions = wm_synth_conditions_new (w, w->first_year, w->years);
  return !g_cancellable_set_error_if_cancelled (w->cancellable, error);
}
