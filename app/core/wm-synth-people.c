/* wm-synth-people.c — persons, their names and codici fiscali, families, dwellings
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "wm-codice-fiscale.h"
#include "wm-schema.h"
#include "wm-synth-private.h"
#include "wm-synth-tables.h"

static const char *
pick (GStrv list, WmRng *rng, guint16 *index)
{
  guint n = g_strv_length (list);

  *index = (guint16) wm_rng_zipf (rng, n);
  return list[*index];
}

static int
cohort_of (guint32 birth)
{
  int y;

  wm_synth_dmy (birth, &y, NULL, NULL);
  return y < 1960 ? WM_SYNTH_NAMES_OLD : y < 1990 ? WM_SYNTH_NAMES_MIDDLE : WM_SYNTH_NAMES_YOUNG;
}

static guint16
draw_comune (WmSynthWorld *w, WmRng *rng)
{
  static gsize once = 0;
  static double *cumulative[21];
  int region = CLAMP (w->profile.region, 0, 20);

  /* One cumulative table per home region: same-region comuni weigh 6×. */
  if (g_once_init_enter (&once))
    {
      for (int r = 0; r <= 20; r++)
        {
          double sum = 0;

          cumulative[r] = g_new (double, wm_synth_n_comuni);
          for (guint i = 0; i < wm_synth_n_comuni; i++)
            {
              sum += wm_synth_comuni[i].population * (wm_synth_comuni[i].region == r ? 6.0 : 1.0);
              cumulative[r][i] = sum;
            }
        }
      g_once_init_leave (&once, 1);
    }
  {
    double u = wm_rng_double (rng) * cumulative[region][wm_synth_n_comuni - 1];
    guint lo = 0, hi = wm_synth_n_comuni - 1;

    while (lo < hi)
      {
        guint mid = (lo + hi) / 2;

        if (cumulative[region][mid] < u)
          lo = mid + 1;
        else
          hi = mid;
      }
    return lo;
  }
}

/**
 * wm_synth_person_new:
 * @pool: −1 for an Italian name, else the country whose names to use
 * @foreign: citizen of that country (else Italian)
 *
 * A person with a name and birthplace; the codice fiscale is computed by
 * wm_synth_person_cf() once the surname is final.
 */
guint32
wm_synth_person_new (WmSynthWorld *w,
                     WmRng        *rng,
                     int           sex,
                     guint32       birth,
                     int           pool,
                     gboolean      foreign)
{
  const WmSynthNames *names = wm_synth_names ();
  WmSynthPerson p = { 0 };
  int age = wm_synth_age (birth, w->census_day);

  p.sex = sex;
  p.birth = birth;
  p.pool = pool;
  p.foreign = foreign;
  p.family = WM_SYNTH_NONE;
  p.home = WM_SYNTH_NONE;
  p.cohort = cohort_of (birth);
  p.work = (float) wm_rng_double (rng);
  if (pool < 0)
    {
      p.flavour = wm_rng_chance (rng, 0.5) ? w->profile.flavour : WM_SYNTH_FLAVOUR_ITALY;
      pick (names->surnames[p.flavour], rng, &p.surname);
      pick (names->given[sex - 1][p.cohort], rng, &p.given);
      if (wm_rng_chance (rng, 0.025))
        {
          static const char *const abroad[] = { "Germania", "Svizzera", "Francia", "Brasile" };
          p.born_abroad = 1;
          p.birthplace = wm_synth_country_find (abroad[wm_rng_below (rng, 4)]);
        }
      else if (wm_rng_chance (rng, MIN (0.95, w->profile.born_here + (age < 30 ? 0.25 : 0))))
        p.birthplace = G_MAXUINT16;   /* the municipality itself */
      else
        p.birthplace = draw_comune (w, rng);
    }
  else
    {
      pick (names->country_surnames[pool], rng, &p.surname);
      pick (sex == WM_SEX_MALE ? names->country_male[pool] : names->country_female[pool], rng, &p.given);
      /* Children of foreign families are mostly born here (second generation). */
      if (age < 18 && wm_rng_chance (rng, 0.65))
        p.birthplace = G_MAXUINT16;
      else
        {
          p.born_abroad = 1;
          p.birthplace = pool;
        }
    }
  g_array_append_val (w->persons, p);
  return w->persons->len - 1;
}

const char *
wm_synth_person_surname (WmSynthWorld *w, const WmSynthPerson *p)
{
  const WmSynthNames *names = wm_synth_names ();

  return p->pool < 0 ? names->surnames[p->flavour][p->surname] : names->country_surnames[p->pool][p->surname];
}

const char *
wm_synth_person_given (WmSynthWorld *w, const WmSynthPerson *p)
{
  const WmSynthNames *names = wm_synth_names ();

  if (p->pool < 0)
    return names->given[p->sex - 1][p->cohort][p->given];
  return p->sex == WM_SEX_MALE ? names->country_male[p->pool][p->given] : names->country_female[p->pool][p->given];
}

const char *
wm_synth_person_birthplace (WmSynthWorld *w, const WmSynthPerson *p)
{
  if (p->born_abroad)
    return wm_synth_countries[p->birthplace].belfiore;
  if (p->birthplace == G_MAXUINT16)
    return w->profile.comune;
  return wm_synth_comuni[p->birthplace].belfiore;
}

int
wm_synth_person_citizenship (WmSynthWorld *w, const WmSynthPerson *p)
{
  return p->foreign && p->pool >= 0 ? wm_synth_countries[p->pool].istat : 100;
}

/* The name part of a code is computed once per distinct name. */
static const char *
name_code (WmSynthWorld *w, const char *surname, const char *given, gboolean want_given)
{
  static GMutex lock;
  static GHashTable *cache;
  g_autofree char *key = g_strconcat (want_given ? "G:" : "S:", want_given ? given : surname, NULL);
  const char *code;

  g_mutex_lock (&lock);
  if (cache == NULL)
    cache = g_hash_table_new (g_str_hash, g_str_equal);
  code = g_hash_table_lookup (cache, key);
  if (code == NULL)
    {
      g_autofree char *cf = wm_codice_fiscale_compute (surname, given, WM_SEX_MALE, 2000, 1, 1, "A001");

      code = g_strndup (cf + (want_given ? 3 : 0), 3);
      g_hash_table_insert (cache, g_steal_pointer (&key), (gpointer) code);
    }
  g_mutex_unlock (&lock);
  return code;
}

/**
 * wm_synth_person_cf:
 *
 * The real algorithm, via wm-codice-fiscale.c; a second person with the
 * same base code gets the next omocodia level, as the Agenzia delle
 * Entrate assigns them.
 */
void
wm_synth_person_cf (WmSynthWorld *w,
                    guint32       person)
{
  WmSynthPerson *p = P (w, person);
  const char *surname = wm_synth_person_surname (w, p);
  const char *given = wm_synth_person_given (w, p);
  static const char months[] = "ABCDEHLMPRST";
  char base[17];
  int y, m, d;
  guint64 packed = 0;
  gpointer uses;

  wm_synth_dmy (p->birth, &y, &m, &d);
  memcpy (base, name_code (w, surname, given, FALSE), 3);
  memcpy (base + 3, name_code (w, surname, given, TRUE), 3);
  g_snprintf (base + 6, 11, "%02d%c%02d%s", y % 100, months[m - 1], p->sex == WM_SEX_FEMALE ? d + 40 : d,
              wm_synth_person_birthplace (w, p));
  base[15] = wm_codice_fiscale_check_char (base);
  base[16] = '\0';

  for (int i = 0; i < 15; i++)
    packed = packed * 37 + (g_ascii_isdigit (base[i]) ? base[i] - '0' + 1 : base[i] - 'A' + 11);
  packed &= G_GUINT64_CONSTANT (0x3fffffffffffffff);   /* a hash key; collisions only cost a spare omocodia level */
  uses = g_hash_table_lookup (w->cf_set, GSIZE_TO_POINTER (packed));
  g_hash_table_insert (w->cf_set, GSIZE_TO_POINTER (packed), GSIZE_TO_POINTER (GPOINTER_TO_SIZE (uses) + 1));
  if (uses == NULL)
    memcpy (p->cf, base, 17);
  else
    {
      g_autofree char *omo = wm_codice_fiscale_omocode (base, MIN ((int) GPOINTER_TO_SIZE (uses), 7));

      memcpy (p->cf, omo, 17);
    }
}

/**
 * wm_synth_dwelling_new:
 *
 * A dwelling in a building of @section: buildings are filled up to the
 * place's dwellings per building, then a new one gets an address point.
 */
guint32
wm_synth_dwelling_new (WmSynthWorld *w,
                       WmRng        *rng,
                       guint         section,
                       int           family_size,
                       gboolean      poor)
{
  WmSynthSection *s = g_ptr_array_index (w->sections_arr, section);
  WmSynthDwelling d = { 0 };
  WmSynthBuilding *last = w->buildings->len > 0 ? &g_array_index (w->buildings, WmSynthBuilding, w->buildings->len - 1) : NULL;
  double mean, surface;
  double u;

  /* Buildings are filled in order, so the last one is this section's if it has room. */
  if (last != NULL && last->section == section && D (w, w->dwellings->len - 1)->internal < w->profile.per_building)
    {
      d.building = w->buildings->len - 1;
      d.internal = D (w, w->dwellings->len - 1)->internal + 1;
    }
  else
    {
      WmSynthBuilding b = { 0 };

      b.section = section;
      b.street = WM_SYNTH_NONE;
      /* A section no polygon is known for (Milano's fictitious 8888… sections
       * of people without a fixed abode): an address with no point. */
      b.x = b.y = NAN;
      if (s->area >= 0)
        wm_synth_area_point (w, s->area, rng, &b.x, &b.y, &b.street);
      if (b.street == WM_SYNTH_NONE)
        b.street = w->streets->len - 1 - wm_rng_zipf (rng, g_strv_length (wm_synth_names ()->streets));
      b.civic = wm_rng_range (rng, 1, 150);
      g_array_append_val (w->buildings, b);
      d.building = w->buildings->len - 1;
      d.internal = 1;
    }

  mean = 55 + 14 * MIN (family_size, 6) - (poor ? 12 : 0);
  surface = mean * exp (0.28 * wm_rng_normal (rng));
  d.surface = (guint16) CLAMP (surface, 28, 260);
  d.rooms = (guint8) CLAMP ((int) (d.surface / 20.0 + 0.5), 1, 9);
  u = wm_rng_double (rng);
  if (u < w->profile.public_housing * (poor ? 4.0 : 0.4))
    d.tenure = WM_TENURE_PUBLIC_HOUSING;
  else if (u < w->profile.public_housing + w->profile.rent_share * (poor ? 2.0 : 0.8))
    d.tenure = WM_TENURE_RENTED;
  else if (wm_rng_chance (rng, 0.05))
    d.tenure = WM_TENURE_OTHER;
  else
    d.tenure = WM_TENURE_OWNED;
  g_array_append_val (w->dwellings, d);
  return w->dwellings->len - 1;
}

guint32
wm_synth_family_new (WmSynthWorld *w,
                     guint         section,
                     guint32       dwelling)
{
  WmSynthFamily f = { 0 };

  f.code = w->next_family_code++;
  f.section = section;
  f.dwelling = dwelling;
  if (dwelling != WM_SYNTH_NONE)
    D (w, dwelling)->families++;
  g_array_append_val (w->families, f);
  return w->families->len - 1;
}

/* Somebody who comes to live in the city on @day of @year. */
guint32
wm_synth_newcomer (WmSynthWorld *w,
                   WmRng        *rng,
                   int           sex,
                   guint32       birth,
                   int           pool,
                   gboolean      foreign,
                   int           year,
                   guint32       day)
{
  guint32 person = wm_synth_person_new (w, rng, sex, birth, pool, foreign);
  WmSynthPerson *p = P (w, person);

  p->first = day;
  p->anchor_year = year;
  p->anchor_cond = 0;             /* no condition known: the yearly model starts free */
  wm_synth_education_draw (w, person, year, rng);
  return person;
}

/* A residence row that is closed already (the past, or a ghost's). */
void
wm_synth_interval_add (WmSynthWorld *w,
                       guint32       person,
                       guint32       family,
                       guint32       dwelling,
                       guint32       start,
                       guint32       end,
                       int           relation,
                       WmSynthEnd    reason)
{
  WmSynthInterval iv = { person, family, dwelling, start, end, relation, reason };

  g_array_append_val (w->intervals, iv);
}

void
wm_synth_join (WmSynthWorld *w,
               guint32       person,
               guint32       family,
               int           relation,
               guint32       day)
{
  WmSynthPerson *p = P (w, person);

  p->family = family;
  p->relation = relation;
  p->res_start = day;
  if (p->home == WM_SYNTH_NONE)
    p->home = family;
  F (w, family)->size++;
}

void
wm_synth_leave (WmSynthWorld *w,
                guint32       person,
                guint32       day,
                WmSynthEnd    reason)
{
  WmSynthPerson *p = P (w, person);
  WmSynthFamily *f = F (w, p->family);
  WmSynthInterval iv = { person, p->family, f->dwelling, p->res_start, day, p->relation, reason };

  g_array_append_val (w->intervals, iv);
  f->size--;
  if (f->size == 0 && f->dwelling != WM_SYNTH_NONE)
    {
      D (w, f->dwelling)->families--;
      if (D (w, f->dwelling)->families == 0)
        g_array_append_val (w->vacant, f->dwelling);
    }
  p->family = WM_SYNTH_NONE;
  if (reason == END_DECESSO)
    p->death = day;
  else if (reason == END_EMIGR)
    p->out = day;
}
