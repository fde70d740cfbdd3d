/* wm-test-population.c — a deterministic synthetic population for tests and benches
 *
 * Not the product's generator (that is `welfaremap synth`): a small,
 * fast one that exercises every rule the indicators depend on — ageing,
 * births, deaths (some with the residence left open), moves on any day of
 * the year, families left without a reference person, young people
 * leaving home, dwellings shared by two families, unknown surfaces,
 * unknown conditions and citizenships, overlapping condition rows, care
 * needs and service episodes starting or ending on 1 January and
 * 31 December, ISEE exactly at the threshold — on three boundary layers
 * (sections, districts made of sections, zones that cut across them).
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "wm-schema.h"
#include "wm-test-extract.h"
#include "wm-test-population.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

#define NIL (-1)

typedef struct {
  int birth_year;
  int citizenship;
  int education;
  int death;          /* yyyymmdd, 0 = alive */
  int family;         /* NIL: not resident */
  int dwelling;
  int relation;
  int start;          /* yyyymmdd of the open residence row */
  int next;           /* next member of the family */
} Person;

typedef struct {
  int first;          /* first member, NIL = empty */
  int dwelling;
} Family;

typedef struct {
  const WmTestPopulationSpec *spec;
  sqlite3 *db;
  guint64 rng;
  GArray *persons;    /* Person, index = id − 1 */
  GArray *families;   /* Family, index = id − 1 */
  int n_dwellings;
  guint8 *occupied;
  sqlite3_stmt *ins_person, *ins_family, *ins_residence, *ins_condition, *ins_care, *ins_episode, *ins_isee;
} Gen;

/* splitmix64 */
static guint64
next_u64 (Gen *g)
{
  guint64 z = (g->rng += 0x9e3779b97f4a7c15ULL);

  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static double
uniform (Gen *g)
{
  return (next_u64 (g) >> 11) * (1.0 / 9007199254740992.0);
}

static int
range (Gen *g, int lo, int hi)      /* [lo, hi] */
{
  return lo + (int) (next_u64 (g) % (guint64) (hi - lo + 1));
}

static gboolean
chance (Gen *g, double p)
{
  return uniform (g) < p;
}

/* A date in @year; now and then the first or last day, where the
 * snapshot rules are easiest to get wrong. */
static int
date_in (Gen *g, int year)
{
  double u = uniform (g);

  if (u < 0.03)
    return year * 10000 + 101;
  if (u < 0.06)
    return year * 10000 + 1231;
  return year * 10000 + range (g, 1, 12) * 100 + range (g, 1, 28);
}

static void
bind_date (sqlite3_stmt *stmt, int col, int date)
{
  char text[11];

  if (date == 0)
    {
      sqlite3_bind_null (stmt, col);
      return;
    }
  g_snprintf (text, sizeof text, "%04d-%02d-%02d", date / 10000, date / 100 % 100, date % 100);
  sqlite3_bind_text (stmt, col, text, -1, SQLITE_TRANSIENT);
}

static void
step (sqlite3_stmt *stmt)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_error ("generator insert: %s", sqlite3_errmsg (sqlite3_db_handle (stmt)));
  sqlite3_reset (stmt);
}

static sqlite3_stmt *
prepare (Gen *g, const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (g->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (g->db));
  return stmt;
}

static Person *
P (Gen *g, int id)
{
  return &g_array_index (g->persons, Person, id - 1);
}

static Family *
F (Gen *g, int id)
{
  return &g_array_index (g->families, Family, id - 1);
}

static int
new_family (Gen *g, int dwelling)
{
  Family f = { NIL, dwelling };
  guint8 blob[16];

  g_array_append_val (g->families, f);
  for (int i = 0; i < 16; i++)
    blob[i] = next_u64 (g);
  sqlite3_bind_int (g->ins_family, 1, g->families->len);
  sqlite3_bind_blob (g->ins_family, 2, blob, sizeof blob, SQLITE_TRANSIENT);
  step (g->ins_family);
  g->occupied[dwelling] = MIN (g->occupied[dwelling] + 1, 255);
  return g->families->len;
}

static int
education_for (Gen *g, int age)
{
  double u = uniform (g);

  if (u < 0.03)
    return WM_EDUCATION_UNKNOWN;
  if (age < 11)
    return WM_EDUCATION_NONE;
  if (age < 14)
    return WM_EDUCATION_PRIMARY;
  if (age < 19)
    return WM_EDUCATION_LOWER_SECONDARY;
  u = uniform (g) + (age > 60 ? 0.35 : age > 45 ? 0.15 : 0);
  if (u > 1.15)
    return WM_EDUCATION_NONE;
  if (u > 0.95)
    return WM_EDUCATION_PRIMARY;
  if (u > 0.6)
    return WM_EDUCATION_LOWER_SECONDARY;
  if (u > 0.25)
    return WM_EDUCATION_UPPER_SECONDARY;
  return WM_EDUCATION_TERTIARY;
}

static int
new_person (Gen *g, int birth_year, int citizenship, int year_now)
{
  Person p = { birth_year, citizenship, education_for (g, year_now - birth_year), 0, NIL, 0, 0, 0, NIL };

  if (chance (g, 0.01))
    p.citizenship = WM_CITIZENSHIP_UNKNOWN;
  g_array_append_val (g->persons, p);
  return g->persons->len;
}

/* Opens a residence row for @id in @family from @date. */
static void
join (Gen *g, int id, int family, int relation, int date)
{
  Person *p = P (g, id);

  p->family = family;
  p->dwelling = F (g, family)->dwelling;
  p->relation = relation;
  p->start = date;
  p->next = F (g, family)->first;
  F (g, family)->first = id;
}

static void
unlink_member (Gen *g, int id)
{
  Person *p = P (g, id);
  int *link = &F (g, p->family)->first;

  while (*link != id)
    link = &P (g, *link)->next;
  *link = p->next;
  p->next = NIL;
}

static void
write_residence (Gen *g, int id, int end)
{
  Person *p = P (g, id);

  sqlite3_bind_int (g->ins_residence, 1, id);
  sqlite3_bind_int (g->ins_residence, 2, p->family);
  sqlite3_bind_int (g->ins_residence, 3, p->dwelling);
  sqlite3_bind_int (g->ins_residence, 4, p->relation);
  bind_date (g->ins_residence, 5, p->start);
  bind_date (g->ins_residence, 6, end);
  step (g->ins_residence);
}

/* Closes @id's row at @date (if the row started earlier) and unlinks them. */
static void
leave (Gen *g, int id, int date)
{
  Person *p = P (g, id);

  if (p->start < date)
    write_residence (g, id, date);
  unlink_member (g, id);
  p->family = NIL;
}

static int
free_dwelling (Gen *g)
{
  for (int tries = 0; tries < 64; tries++)
    {
      int d = range (g, 1, g->n_dwellings);

      if (g->occupied[d] == 0)
        return d;
    }
  return range (g, 1, g->n_dwellings);  /* a shared dwelling */
}

static int
family_citizenship (Gen *g)
{
  double u = uniform (g);

  return u < 0.84 ? WM_CITIZENSHIP_ITALIAN : u < 0.88 ? WM_CITIZENSHIP_EU : WM_CITIZENSHIP_NON_EU;
}

/* A household arriving (or already there) on @date in year @year. */
static void
add_household (Gen *g, int year, int date, gboolean immigrant)
{
  double u = uniform (g);
  int cit = immigrant && chance (g, 0.6) ? WM_CITIZENSHIP_NON_EU : family_citizenship (g);
  int d = free_dwelling (g), f = new_family (g, d);
  int ref_age, n_children = 0, id;
  gboolean partner = FALSE, grandparent = FALSE;

  if (u < 0.27)
    ref_age = chance (g, 0.45) ? range (g, 65, 98) : range (g, 20, 64);
  else if (u < 0.50)
    {
      ref_age = range (g, 25, 92);
      partner = TRUE;
    }
  else if (u < 0.80)
    {
      ref_age = range (g, 25, 58);
      partner = TRUE;
      n_children = range (g, 1, 3);
    }
  else if (u < 0.88)
    {
      ref_age = range (g, 22, 70);
      n_children = range (g, 1, 3);
    }
  else if (u < 0.91)
    {
      ref_age = range (g, 28, 50);
      partner = TRUE;
      n_children = range (g, 4, 6);
      grandparent = chance (g, 0.3);
    }
  else
    {
      ref_age = range (g, 70, 95);
      partner = TRUE;
    }

  id = new_person (g, year - ref_age, cit, year);
  join (g, id, f, WM_RELATION_REFERENCE, date);
  if (partner)
    {
      id = new_person (g, year - CLAMP (ref_age + range (g, -6, 6), 18, 99), cit, year);
      join (g, id, f, chance (g, 0.95) ? WM_RELATION_PARTNER : WM_RELATION_OTHER, date);
    }
  for (int i = 0; i < n_children; i++)
    {
      int age = CLAMP (ref_age - range (g, 20, 42), 0, 40);
      id = new_person (g, year - age, cit, year);
      join (g, id, f, WM_RELATION_CHILD, date);
    }
  if (grandparent)
    {
      id = new_person (g, year - ref_age - range (g, 22, 35), cit, year);
      join (g, id, f, WM_RELATION_PARENT, date);
    }
}

static int
count_members (Gen *g, int family)
{
  int n = 0;

  for (int id = F (g, family)->first; id != NIL; id = P (g, id)->next)
    n++;
  return n;
}

static void
move_family (Gen *g, int family, int date, gboolean away)
{
  int d = away ? 0 : free_dwelling (g);
  int id;
  int moved[64], relation[64], n = 0;

  if (g->occupied[F (g, family)->dwelling] > 0)
    g->occupied[F (g, family)->dwelling]--;

  while ((id = F (g, family)->first) != NIL)
    {
      if (n < (int) G_N_ELEMENTS (moved))
        {
          moved[n] = id;
          relation[n++] = P (g, id)->relation;
        }
      leave (g, id, date);
    }
  if (away)
    return;
  F (g, family)->dwelling = d;
  g->occupied[d] = MIN (g->occupied[d] + 1, 255);
  while (n-- > 0)
    join (g, moved[n], family, relation[n], date);
}

static double
death_rate (int age)
{
  return MIN (0.0004 * exp (0.09 * MAX (age - 30, 0)), 0.35);
}

static void
simulate_year (Gen *g, int year)
{
  guint n_families = g->families->len;
  int leavers = 0;

  for (guint f = 1; f <= n_families; f++)
    {
      int id, next, date;

      if (F (g, f)->first == NIL)
        continue;
      if (chance (g, 0.02))
        {
          move_family (g, f, date_in (g, year), TRUE);
          leavers++;
          continue;
        }
      if (chance (g, 0.04))
        move_family (g, f, date_in (g, year), FALSE);

      for (id = F (g, f)->first; id != NIL; id = next)
        {
          Person *p = P (g, id);
          int age = year - p->birth_year;

          next = p->next;
          date = date_in (g, year);
          if (date <= p->start)
            continue;
          if (chance (g, death_rate (age)))
            {
              p->death = date;
              leavers++;
              if (chance (g, 0.97))
                leave (g, id, date);
              else
                {
                  /* the registry forgot to close the row: written open */
                  write_residence (g, id, 0);
                  unlink_member (g, id);
                  p->family = NIL;
                }
            }
          else if (p->relation == WM_RELATION_CHILD && age >= 20 && age <= 38 && chance (g, 0.07))
            {
              int nf = new_family (g, free_dwelling (g));

              leave (g, id, date);
              join (g, id, nf, WM_RELATION_REFERENCE, date);
            }
        }

      /* a partner becomes the reference person of a family that lost its
       * own, half the time (the other half stays without one) */
      if (F (g, f)->first != NIL && chance (g, 0.5))
        {
          gboolean has_ref = FALSE;

          for (id = F (g, f)->first; id != NIL; id = P (g, id)->next)
            has_ref |= P (g, id)->relation == WM_RELATION_REFERENCE;
          for (id = F (g, f)->first; !has_ref && id != NIL; id = P (g, id)->next)
            if (P (g, id)->relation == WM_RELATION_PARTNER && (date = date_in (g, year)) > P (g, id)->start)
              {
                leave (g, id, date);
                join (g, id, f, WM_RELATION_REFERENCE, date);
                break;
              }
        }

      /* a birth */
      id = F (g, f)->first;
      if (id != NIL && count_members (g, f) >= 2 && year - P (g, id)->birth_year < 46 && chance (g, 0.06))
        {
          date = date_in (g, year);
          next = new_person (g, year, P (g, id)->citizenship, year);
          join (g, next, f, WM_RELATION_CHILD, date);
        }
    }

  /* arrivals about balance departures */
  for (int i = 0; i < leavers / 2; i++)
    add_household (g, year, date_in (g, year), TRUE);
}

/* Convivenze anagrafiche (care homes, communities): about one per 2,500
 * residents, 5–25 members, mostly very old, all with relation "other" but
 * now and then one recorded as reference person; members arrive over the
 * years and some die. Their dwellings are drawn like any, so some are
 * small enough to look overcrowded. Drawn from a stream of their own and
 * appended after everything else, so every other draw and id is what it
 * would be without them. */
static void
add_convivenze (Gen *g)
{
  int first = g->spec->first_year, last = first + g->spec->n_years - 1;
  guint n = g->persons->len / 2500 + 1;
  guint64 saved = g->rng;

  g->rng = g->spec->seed ^ G_GUINT64_CONSTANT (0x636f6e76697665);
  for (guint i = 0; i < n; i++)
    {
      int f = new_family (g, free_dwelling (g));
      int size = range (g, 5, 25);

      wm_test_sql (g->db, "UPDATE family SET communal = 1 WHERE id = %d", f);
      for (int k = 0; k < size; k++)
        {
          int age = chance (g, 0.8) ? range (g, 70, 100) : range (g, 16, 69);
          int date = date_in (g, range (g, first - 3, last));
          int id = new_person (g, first - age, family_citizenship (g), first);
          int death;

          join (g, id, f, k == 0 && chance (g, 0.5) ? WM_RELATION_REFERENCE : WM_RELATION_OTHER, date);
          if (chance (g, 0.2) && (death = date_in (g, range (g, date / 10000, last))) > date)
            {
              P (g, id)->death = death;
              leave (g, id, death);
            }
        }
    }
  g->rng = saved;
}

static int
condition_for (Gen *g, int person, int year)
{
  Person *p = P (g, person);
  int age = year - p->birth_year;
  /* a stable draw per person and 4-year stretch, so conditions last */
  guint64 h = ((guint64) person * 0x9e3779b97f4a7c15ULL) ^ ((guint64) ((year + person) / 4) * 0xbf58476d1ce4e5b9ULL);
  double u;

  h ^= h >> 29;
  h *= 0x94d049bb133111ebULL;
  u = (h >> 11) * (1.0 / 9007199254740992.0);
  if (age < 15)
    return WM_CONDITION_OTHER;
  if (age < 25)
    return u < 0.55 ? WM_CONDITION_STUDENT : u < 0.78 ? WM_CONDITION_EMPLOYED :
           u < 0.9 ? WM_CONDITION_UNEMPLOYED : WM_CONDITION_OTHER;
  if (age < 60)
    return u < 0.68 ? WM_CONDITION_EMPLOYED : u < 0.77 ? WM_CONDITION_UNEMPLOYED :
           u < 0.89 ? WM_CONDITION_HOMEMAKER : u < 0.96 ? WM_CONDITION_OTHER :
           u < 0.98 ? WM_CONDITION_STUDENT : WM_CONDITION_RETIRED;
  if (age < 67)
    return u < 0.35 ? WM_CONDITION_EMPLOYED : u < 0.8 ? WM_CONDITION_RETIRED :
           u < 0.95 ? WM_CONDITION_HOMEMAKER : WM_CONDITION_OTHER;
  return u < 0.85 ? WM_CONDITION_RETIRED : u < 0.97 ? WM_CONDITION_HOMEMAKER : WM_CONDITION_OTHER;
}

static void
write_condition (Gen *g, int person, int from, int to, int cond)
{
  sqlite3_bind_int (g->ins_condition, 1, person);
  sqlite3_bind_int (g->ins_condition, 2, from);
  sqlite3_bind_int (g->ins_condition, 3, to);
  sqlite3_bind_int (g->ins_condition, 4, cond);
  step (g->ins_condition);
}

static void
write_episode (Gen *g, int person, int family, const char *code, const char *area, int start, int end)
{
  if (person > 0)
    sqlite3_bind_int (g->ins_episode, 1, person);
  else
    sqlite3_bind_null (g->ins_episode, 1);
  if (family > 0)
    sqlite3_bind_int (g->ins_episode, 2, family);
  else
    sqlite3_bind_null (g->ins_episode, 2);
  sqlite3_bind_text (g->ins_episode, 3, code, -1, SQLITE_STATIC);
  sqlite3_bind_text (g->ins_episode, 4, area, -1, SQLITE_STATIC);
  bind_date (g->ins_episode, 5, start);
  bind_date (g->ins_episode, 6, end);
  step (g->ins_episode);
}

/* An episode from a date in @year lasting up to a few years, or open. */
static void
episode (Gen *g, int person, int family, const char *code, const char *area, int year)
{
  int start = date_in (g, year);
  int end = chance (g, 0.3) ? 0 : date_in (g, year + range (g, 0, 3));

  if (end != 0 && end <= start)
    end = (year + 1) * 10000 + 101;   /* ends on 1 January: touches only @year */
  write_episode (g, person, family, code, area, start, end);
}

/* Per person: conditions, care needs and personal services over the years. */
static void
write_person_data (Gen *g)
{
  int first = g->spec->first_year, last = first + g->spec->n_years - 1;

  for (guint i = 1; i <= g->persons->len; i++)
    {
      Person *p = P (g, i);
      int from = first, cond = condition_for (g, i, first);
      int age_last = last - p->birth_year;
      guint8 blob[16];

      for (int b = 0; b < 16; b++)
        blob[b] = next_u64 (g);
      sqlite3_bind_int (g->ins_person, 1, i);
      sqlite3_bind_blob (g->ins_person, 2, blob, sizeof blob, SQLITE_TRANSIENT);
      sqlite3_bind_int (g->ins_person, 3, range (g, 1, 2));
      sqlite3_bind_int (g->ins_person, 4, p->birth_year);
      sqlite3_bind_int (g->ins_person, 5, range (g, 1, 12));
      sqlite3_bind_int (g->ins_person, 6, p->citizenship);
      sqlite3_bind_int (g->ins_person, 7, p->education);
      bind_date (g->ins_person, 8, p->death);
      step (g->ins_person);

      if (chance (g, 0.03))
        ;  /* no condition on file at all */
      else if (chance (g, 0.01))
        write_condition (g, i, first, last, WM_CONDITION_UNKNOWN);
      else
        {
          for (int y = first + 1; y <= last + 1; y++)
            {
              int c = y <= last ? condition_for (g, i, y) : -1;

              if (c != cond)
                {
                  write_condition (g, i, from, y - 1, cond);
                  from = y;
                  cond = c;
                }
            }
          /* a late correction overlapping the last years */
          if (chance (g, 0.005) && g->spec->n_years > 1)
            write_condition (g, i, last, last + 5, WM_CONDITION_UNEMPLOYED);
        }

      if ((age_last >= 75 && chance (g, 0.14)) || chance (g, 0.01))
        {
          int y = range (g, first - 1, last);
          int start = date_in (g, y);
          int end = chance (g, 0.5) ? 0 : date_in (g, y + range (g, 0, 4));

          if (end != 0 && end <= start)
            end = 0;
          sqlite3_bind_int (g->ins_care, 1, i);
          bind_date (g->ins_care, 2, start);
          bind_date (g->ins_care, 3, end);
          sqlite3_bind_int (g->ins_care, 4, range (g, 1, 3));
          step (g->ins_care);
          if (chance (g, 0.5))
            episode (g, i, 0, chance (g, 0.5) ? "A2.07" : "A2.08",
                     age_last >= 65 ? "ELD" : "DIS", MAX (y, first - 1));
          else if (chance (g, 0.3))
            episode (g, i, 0, "D1.02", "DIS", range (g, first - 1, last));
        }
      if (age_last >= 65 && chance (g, 0.04))
        episode (g, i, 0, "E1.01", "ELD", range (g, first - 1, last));
      if (p->citizenship >= WM_CITIZENSHIP_EU && chance (g, 0.06))
        episode (g, i, 0, "I1.01", "IMMNOM", range (g, first - 1, last));
      if (age_last >= 15 && age_last < 70 && chance (g, 0.006))
        episode (g, i, 0, "X1.01", "ADD", range (g, first - 1, last));
      if (chance (g, 0.01))
        episode (g, i, 0, "M1.01", "MULBEN", range (g, first - 1, last));
      if (age_last < 20 && chance (g, 0.01))
        episode (g, i, 0, "F1.02", "FAM", range (g, first - 1, last));
      if (chance (g, 0.003))
        episode (g, i, 0, "P1.02", "POV", range (g, first - 1, last));
    }
}

static void
write_family_data (Gen *g)
{
  const WmTestPopulationSpec *spec = g->spec;
  int first = spec->first_year;

  for (guint f = 1; f <= g->families->len; f++)
    {
      double level = exp (9.2 + uniform (g) * 1.6);   /* a family's usual ISEE */

      for (guint y = 0; y < spec->n_years; y++)
        {
          double isee = level * (0.7 + 0.6 * uniform (g));
          double threshold = 9360 + 100 * y;

          if (!chance (g, 0.28))
            continue;
          if (chance (g, 0.03))
            isee = threshold;
          else if (chance (g, 0.03))
            isee = threshold - 0.01;
          sqlite3_bind_int (g->ins_isee, 1, f);
          sqlite3_bind_int (g->ins_isee, 2, first + y);
          sqlite3_bind_double (g->ins_isee, 3, round (isee * 100) / 100);
          step (g->ins_isee);
          if (isee < threshold && chance (g, 0.3))
            episode (g, 0, f, "P1.01", "POV", first + y);
        }
      if (chance (g, 0.02))
        episode (g, 0, f, "F1.01", "FAM", range (g, first - 1, first + spec->n_years - 1));
      if (chance (g, 0.003))
        episode (g, 0, f, "E1.02", "ELD", range (g, first - 1, first + spec->n_years - 1));
    }
}

static void
write_layers (Gen *g)
{
  const WmTestPopulationSpec *spec = g->spec;
  g_autoptr(sqlite3_stmt) area = NULL, section_area = NULL;

  wm_test_sql (g->db, "INSERT INTO area_layer VALUES (1, 'sections', 'Census sections', 0, 1, 'test'),"
                      " (2, 'districts', 'Districts', 1, 2, 'test')");
  if (spec->n_zones > 0)
    wm_test_sql (g->db, "INSERT INTO area_layer VALUES (3, 'zones', 'Zones', 1, 1, 'test')");
  area = prepare (g, "INSERT INTO area (id, layer_id, code, name, geom, label_lon, label_lat)"
                     " VALUES (?, ?, ?, ?, ?, ?, ?)");
  section_area = prepare (g, "INSERT INTO section_area VALUES (?, ?)");

  /* areas are unit squares on a grid (WKB polygons, lon/lat) */
  for (guint i = 0; i < spec->n_sections + spec->n_districts + spec->n_zones; i++)
    {
      gboolean sec = i < spec->n_sections, dis = !sec && i < spec->n_sections + spec->n_districts;
      guint local = sec ? i : dis ? i - spec->n_sections : i - spec->n_sections - spec->n_districts;
      double x = 9 + 0.01 * (local % 100), y = 45 + 0.01 * (local / 100), s = 0.01;
      double ring[10] = { x, y, x + s, y, x + s, y + s, x, y + s, x, y };
      g_autofree char *code = g_strdup_printf ("%s%05u", sec ? "S" : dis ? "D" : "Z", local + 1);
      g_autofree char *name = g_strdup_printf ("%s %u", sec ? "Section" : dis ? "District" : "Zone", local + 1);
      guint8 wkb[1 + 4 + 4 + 4 + sizeof ring];
      guint32 type = 3, rings = 1, points = 5;

      wkb[0] = G_BYTE_ORDER == G_LITTLE_ENDIAN;
      memcpy (wkb + 1, &type, 4);
      memcpy (wkb + 5, &rings, 4);
      memcpy (wkb + 9, &points, 4);
      memcpy (wkb + 13, ring, sizeof ring);
      sqlite3_bind_int (area, 1, i + 1);
      sqlite3_bind_int (area, 2, sec ? 1 : dis ? 2 : 3);
      sqlite3_bind_text (area, 3, code, -1, SQLITE_STATIC);
      sqlite3_bind_text (area, 4, name, -1, SQLITE_STATIC);
      sqlite3_bind_blob (area, 5, wkb, sizeof wkb, SQLITE_STATIC);
      sqlite3_bind_double (area, 6, x + s / 2);
      sqlite3_bind_double (area, 7, y + s / 2);
      step (area);
      if (sec)
        {
          sqlite3_bind_int (section_area, 1, i + 1);
          sqlite3_bind_int (section_area, 2, spec->n_sections + 1 + i % spec->n_districts);
          step (section_area);
        }
    }
}

static void
write_dwellings (Gen *g)
{
  const WmTestPopulationSpec *spec = g->spec;
  g_autoptr(sqlite3_stmt) dw = prepare (g, "INSERT INTO dwelling (id, surface_m2, rooms, lon, lat) VALUES (?, ?, ?, 9, 45)");
  g_autoptr(sqlite3_stmt) da = prepare (g, "INSERT INTO dwelling_area VALUES (?, ?, ?)");

  for (int d = 1; d <= g->n_dwellings; d++)
    {
      double u = uniform (g);
      /* sections of uneven size: a skewed draw */
      guint section = (guint) (spec->n_sections * pow (uniform (g), 1.3));

      sqlite3_bind_int (dw, 1, d);
      if (u < 0.03)
        sqlite3_bind_null (dw, 2);
      else if (u < 0.035)
        sqlite3_bind_double (dw, 2, 0);
      else if (u < 0.06)
        sqlite3_bind_double (dw, 2, (double[]) { 40, 60, 80 }[range (g, 0, 2)]);
      else
        sqlite3_bind_double (dw, 2, round (18 + 130 * pow (uniform (g), 1.6)) + (chance (g, 0.2) ? 0.5 : 0));
      sqlite3_bind_int (dw, 3, range (g, 1, 6));
      step (dw);
      if (chance (g, 0.005))
        continue;   /* an address no section contains */
      sqlite3_bind_int (da, 1, 1);
      sqlite3_bind_int (da, 2, d);
      sqlite3_bind_int (da, 3, section + 1);
      step (da);
      sqlite3_bind_int (da, 1, 2);
      sqlite3_bind_int (da, 2, d);
      sqlite3_bind_int (da, 3, spec->n_sections + 1 + section % spec->n_districts);
      step (da);
      if (spec->n_zones > 0 && !chance (g, 0.01))
        {
          sqlite3_bind_int (da, 1, 3);
          sqlite3_bind_int (da, 2, d);
          sqlite3_bind_int (da, 3, spec->n_sections + spec->n_districts + 1 + (d * 7919u) % spec->n_zones);
          step (da);
        }
    }
}

void
wm_test_population_generate (sqlite3                    *db,
                             const WmTestPopulationSpec *spec)
{
  Gen gen = { spec, db, spec->seed };
  Gen *g = &gen;
  int first = spec->first_year;

  wm_test_sql (db, "BEGIN");
  g->persons = g_array_sized_new (FALSE, FALSE, sizeof (Person), spec->n_persons * 1.4);
  g->families = g_array_sized_new (FALSE, FALSE, sizeof (Family), spec->n_persons / 2);
  g->n_dwellings = spec->n_persons / 2.0 * 1.1 + 10;
  g->occupied = g_new0 (guint8, g->n_dwellings + 1);
  g->ins_person = prepare (g, "INSERT INTO person VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  g->ins_family = prepare (g, "INSERT INTO family (id, pseudonym) VALUES (?, ?)");
  g->ins_residence = prepare (g, "INSERT INTO residence VALUES (?, ?, ?, ?, ?, ?)");
  g->ins_condition = prepare (g, "INSERT OR REPLACE INTO person_condition VALUES (?, ?, ?, ?)");
  g->ins_care = prepare (g, "INSERT OR IGNORE INTO care_need VALUES (?, ?, ?, ?)");
  g->ins_episode = prepare (g, "INSERT INTO service_episode (person_id, family_id, service_code, user_area,"
                               " start_date, end_date) VALUES (?, ?, ?, ?, ?, ?)");
  g->ins_isee = prepare (g, "INSERT INTO family_year VALUES (?, ?, ?)");

  write_layers (g);
  write_dwellings (g);
  wm_test_sql (db, "INSERT INTO service_type VALUES ('A2.07', 'Assistenza domiciliare socio-assistenziale', 'A2'),"
                   " ('A2.08', 'Assistenza domiciliare integrata con servizi sanitari', 'A2'),"
                   " ('D1.02', 'Disability support', NULL), ('E1.01', 'Elderly day centre', NULL),"
                   " ('E1.02', 'Elderly family support', NULL), ('I1.01', 'Immigrant desk', NULL),"
                   " ('X1.01', 'Addiction service', NULL), ('M1.01', 'Multi-user help desk', NULL),"
                   " ('F1.01', 'Family support', NULL), ('F1.02', 'Minors support', NULL),"
                   " ('P1.01', 'Poverty income support', NULL), ('P1.02', 'Adult hardship', NULL)");

  /* the households already there on 1 January of the first year */
  while (g->persons->len < spec->n_persons)
    add_household (g, first - 1, date_in (g, range (g, first - 30, first - 1)), FALSE);
  for (guint y = 0; y < spec->n_years; y++)
    simulate_year (g, first + y);
  add_convivenze (g);

  for (guint i = 1; i <= g->persons->len; i++)
    if (P (g, i)->family != NIL)
      write_residence (g, i, 0);
  write_person_data (g);
  write_family_data (g);
  for (guint y = 0; y < spec->n_years; y++)
    if (!(spec->threshold_gap && y == spec->n_years - 1))
      wm_test_sql (db, "INSERT INTO isee_threshold VALUES (%d, %d)", first + y, 9360 + 100 * (int) y);
  wm_test_sql (db, "COMMIT");

  sqlite3_finalize (g->ins_person);
  sqlite3_finalize (g->ins_family);
  sqlite3_finalize (g->ins_residence);
  sqlite3_finalize (g->ins_condition);
  sqlite3_finalize (g->ins_care);
  sqlite3_finalize (g->ins_episode);
  sqlite3_finalize (g->ins_isee);
  g_array_unref (g->persons);
  g_array_unref (g->families);
  g_free (g->occupied);
}
