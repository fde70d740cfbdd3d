/* test-indicators.c — every indicator on small populations counted by hand
 *
 * Each test builds an extract of a few families, works out in comments
 * who is in each numerator and denominator, and checks the engine's counts.
 * The years are 2020 and 2021 (snapshots on 31 December); sections A and B
 * form district D.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <math.h>

#include "wm-indicator-engine.h"
#include "wm-schema.h"
#include "wm-test-extract.h"

typedef struct {
  sqlite3 *db;
  WmPopulation *pop;
  WmIndicatorTable *table;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  f->db = wm_test_extract_new (2020, 2021);
  wm_test_sql (f->db,
               "INSERT INTO area_layer VALUES (1, 'sections', 'Census sections', 0, 1, NULL),"
               "  (2, 'districts', 'Districts', 1, 2, NULL);"
               "INSERT INTO area (id, layer_id, code, name) VALUES (10, 1, 'A', 'Section A'),"
               "  (11, 1, 'B', 'Section B'), (20, 2, 'D', 'District D');"
               "INSERT INTO section_area VALUES (10, 20), (11, 20);"
               "INSERT INTO isee_threshold VALUES (2020, 9360);");
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->table);
  g_clear_object (&f->pop);
  sqlite3_close (f->db);
}

/* surface: an SQL literal ("NULL", "39.5") */
static void
dwelling (Fixture *f, int id, const char *surface, const char *section)
{
  wm_test_sql (f->db,
               "INSERT INTO dwelling (id, surface_m2, lon, lat) VALUES (%d, %s, 11.1, 46.1);"
               "INSERT INTO dwelling_area VALUES (1, %d, %d), (2, %d, 20);",
               id, surface, id, g_str_equal (section, "A") ? 10 : 11, id);
}

/* citizenship and education as in wm-schema.h; death: "NULL" or a date literal */
static void
person (Fixture *f, int id, int birth_year, int citizenship, int education, const char *death)
{
  wm_test_sql (f->db, "INSERT INTO person VALUES (%d, randomblob(16), 1, %d, 6, %d, %d, %s)",
               id, birth_year, citizenship, education, death);
}

static void
family (Fixture *f, int id)
{
  wm_test_sql (f->db, "INSERT INTO family (id, pseudonym) VALUES (%d, randomblob(16))", id);
}

/* end: "NULL" or a date literal */
static void
live (Fixture *f, int person_id, int family_id, int dwelling_id, int relation,
      const char *start, const char *end)
{
  wm_test_sql (f->db, "INSERT INTO residence VALUES (%d, %d, %d, %d, '%s', %s)",
               person_id, family_id, dwelling_id, relation, start, end);
}

/* A person alone in family and dwelling @id, in @section since 2000. */
static void
alone (Fixture *f, int id, int birth_year, int citizenship, int education, const char *section)
{
  dwelling (f, id, "70", section);
  person (f, id, birth_year, citizenship, education, "NULL");
  family (f, id);
  live (f, id, id, id, WM_RELATION_REFERENCE, "2000-01-01", "NULL");
}

/* A member of family @family (in dwelling @family) since 2000. */
static void
member (Fixture *f, int id, int family_id, int relation, int birth_year)
{
  person (f, id, birth_year, WM_CITIZENSHIP_ITALIAN, WM_EDUCATION_LOWER_SECONDARY, "NULL");
  live (f, id, family_id, family_id, relation, "2000-01-01", "NULL");
}

static void
condition (Fixture *f, int person_id, int from, int to, int cond)
{
  wm_test_sql (f->db, "INSERT INTO person_condition VALUES (%d, %d, %d, %d)", person_id, from, to, cond);
}

static void
compute (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmIndicatorEngine) engine = NULL;

  f->pop = wm_population_load (f->db, NULL, NULL, &error);
  g_assert_no_error (error);
  engine = wm_indicator_engine_new (f->pop);
  f->table = wm_indicator_engine_compute (engine, wm_population_get_sections (f->pop), NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
assert_counts (Fixture *f, WmIndicatorId indicator, int year, const char *code,
               guint64 num, guint64 den)
{
  int area = wm_area_layer_find_area (wm_indicator_table_get_layer (f->table), code);
  guint64 n = 0, d = 0;
  double value;

  g_assert_cmpint (area, >=, 0);
  g_assert_true (wm_indicator_table_get_counts (f->table, indicator, year, area, &n, &d));
  if (n != num || d != den)
    g_error ("%s %d %s: engine %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT ", by hand %"
             G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT,
             wm_indicator_def_get (indicator)->id, year, code, n, d, num, den);
  value = wm_indicator_table_get_value (f->table, indicator, year, area);
  if (den == 0)
    g_assert_true (isnan (value));  /* no data, never 0 % */
  else
    g_assert_cmpfloat_with_epsilon (value, (double) num / den *
                                    wm_indicator_unit_scale (wm_indicator_def_get (indicator)->unit), 1e-9);
}

static void
test_low_education (Fixture *f, gconstpointer data)
{
  /* all in section A, alone */
  alone (f, 1, 1995, 1, WM_EDUCATION_PRIMARY, "A");          /* 25 in 2020: low */
  alone (f, 2, 1956, 1, WM_EDUCATION_NONE, "A");             /* 64: low; 65 in 2021: out */
  alone (f, 3, 1955, 1, WM_EDUCATION_NONE, "A");             /* 65: out */
  alone (f, 4, 1996, 1, WM_EDUCATION_NONE, "A");             /* 24: out; 25 in 2021: low */
  alone (f, 5, 1980, 1, WM_EDUCATION_UNKNOWN, "A");          /* 40, unknown: out of both */
  alone (f, 6, 1980, 1, WM_EDUCATION_UPPER_SECONDARY, "A");  /* 40: denominator */
  alone (f, 7, 1970, 1, WM_EDUCATION_LOWER_SECONDARY, "A");  /* 50, licenza media: denominator */
  compute (f);

  /* 2020: low 1, 2 of 1, 2, 6, 7; 2021: low 1, 4 of 1, 4, 6, 7 */
  assert_counts (f, WM_INDICATOR_IVSM_LOW_EDUCATION, 2020, "A", 2, 4);
  assert_counts (f, WM_INDICATOR_IVSM_LOW_EDUCATION, 2021, "A", 2, 4);
  /* nobody lives in B: no data */
  assert_counts (f, WM_INDICATOR_IVSM_LOW_EDUCATION, 2020, "B", 0, 0);
}

static void
test_neet (Fixture *f, gconstpointer data)
{
  for (int i = 1; i <= 10; i++)
    alone (f, i, (int[]) { 0, 2005, 1991, 1990, 2000, 2000, 2006, 1998, 1998, 1999, 2000 }[i], 1, 4, "A");
  condition (f, 1, 2015, 2030, WM_CONDITION_OTHER);        /* 15, 16: NEET */
  condition (f, 2, 2015, 2030, WM_CONDITION_STUDENT);      /* 29: denominator; 30: out */
  condition (f, 3, 2015, 2030, WM_CONDITION_UNEMPLOYED);   /* 30: out */
  condition (f, 4, 2020, 2020, WM_CONDITION_UNEMPLOYED);   /* 20: NEET */
  condition (f, 4, 2021, 2021, WM_CONDITION_EMPLOYED);     /* 21: denominator */
  /* 5: 20, no condition row: out of both */
  condition (f, 6, 2015, 2030, WM_CONDITION_OTHER);        /* 14: out; 15 in 2021: NEET */
  condition (f, 7, 2015, 2030, WM_CONDITION_EMPLOYED);     /* 22: denominator */
  condition (f, 8, 2015, 2030, WM_CONDITION_UNKNOWN);      /* explicit unknown: out */
  condition (f, 9, 2015, 2030, WM_CONDITION_HOMEMAKER);    /* 21: NEET */
  /* 10: overlapping rows, the later start wins: employed in 2020, unemployed in 2021 */
  condition (f, 10, 2019, 2021, WM_CONDITION_EMPLOYED);
  condition (f, 10, 2021, 2021, WM_CONDITION_UNEMPLOYED);
  compute (f);

  /* 2020: den 1, 2, 4, 7, 9, 10; NEET 1, 4, 9 */
  assert_counts (f, WM_INDICATOR_IVSM_NEET, 2020, "A", 3, 6);
  /* 2021: den 1, 4, 6, 7, 9, 10; NEET 1, 6, 9, 10 */
  assert_counts (f, WM_INDICATOR_IVSM_NEET, 2021, "A", 4, 6);
}

static void
test_family_structure (Fixture *f, gconstpointer data)
{
  /* F1: 6 members, parents 40 and 38, four children: large */
  dwelling (f, 1, "120", "A");
  family (f, 1);
  member (f, 101, 1, WM_RELATION_REFERENCE, 1980);
  member (f, 102, 1, WM_RELATION_PARTNER, 1982);
  for (int i = 0; i < 4; i++)
    member (f, 103 + i, 1, WM_RELATION_CHILD, 2010 + 2 * i);
  condition (f, 101, 2015, 2030, WM_CONDITION_EMPLOYED);

  /* F2: single parent 45, unemployed, four children (15 a student): 5
   * members, single-parent, economic hardship */
  dwelling (f, 2, "90", "A");
  family (f, 2);
  member (f, 201, 2, WM_RELATION_REFERENCE, 1975);
  member (f, 202, 2, WM_RELATION_CHILD, 2005);
  member (f, 203, 2, WM_RELATION_CHILD, 2008);
  member (f, 204, 2, WM_RELATION_CHILD, 2010);
  member (f, 205, 2, WM_RELATION_CHILD, 2012);
  condition (f, 201, 2015, 2030, WM_CONDITION_UNEMPLOYED);
  condition (f, 202, 2020, 2030, WM_CONDITION_STUDENT);

  /* F3: reference person exactly 64 with an employed child of 30: single-parent */
  dwelling (f, 3, "70", "A");
  family (f, 3);
  member (f, 301, 3, WM_RELATION_REFERENCE, 1956);
  member (f, 302, 3, WM_RELATION_CHILD, 1990);
  condition (f, 302, 2015, 2030, WM_CONDITION_EMPLOYED);

  /* F4: reference person exactly 65 with a child: not single-parent (not
   * under 65), not economic hardship */
  dwelling (f, 4, "70", "A");
  family (f, 4);
  member (f, 401, 4, WM_RELATION_REFERENCE, 1955);
  member (f, 402, 4, WM_RELATION_CHILD, 1985);
  condition (f, 402, 2015, 2030, WM_CONDITION_UNEMPLOYED);

  /* F11: the reference person died in 2019 (residence closed): a partner of
   * 35 and a child of 10 remain, a family with no reference person: counted
   * as a family, never as single-parent or economic hardship */
  dwelling (f, 11, "70", "A");
  family (f, 11);
  person (f, 1101, 1980, 1, 4, "'2019-06-01'");
  live (f, 1101, 11, 11, WM_RELATION_REFERENCE, "2000-01-01", "'2019-06-01'");
  member (f, 1102, 11, WM_RELATION_PARTNER, 1985);
  member (f, 1103, 11, WM_RELATION_CHILD, 2010);
  condition (f, 1102, 2015, 2030, WM_CONDITION_UNEMPLOYED);

  /* F12: a couple of 30 and 29: nothing */
  dwelling (f, 12, "70", "A");
  family (f, 12);
  member (f, 1201, 12, WM_RELATION_REFERENCE, 1990);
  member (f, 1202, 12, WM_RELATION_PARTNER, 1991);

  /* F13: unemployed 40 and a partner with no condition, a child of 8: an
   * unknown condition rules out economic hardship */
  dwelling (f, 13, "70", "A");
  family (f, 13);
  member (f, 1301, 13, WM_RELATION_REFERENCE, 1980);
  member (f, 1302, 13, WM_RELATION_PARTNER, 1982);
  member (f, 1303, 13, WM_RELATION_CHILD, 2012);
  condition (f, 1301, 2015, 2030, WM_CONDITION_UNEMPLOYED);

  /* F14: unemployed 50, retired partner 62, a child: a retired member rules
   * it out */
  dwelling (f, 14, "70", "A");
  family (f, 14);
  member (f, 1401, 14, WM_RELATION_REFERENCE, 1970);
  member (f, 1402, 14, WM_RELATION_PARTNER, 1958);
  member (f, 1403, 14, WM_RELATION_CHILD, 2012);
  condition (f, 1401, 2015, 2030, WM_CONDITION_UNEMPLOYED);
  condition (f, 1402, 2015, 2030, WM_CONDITION_RETIRED);

  /* F15: homemaker 50, unemployed partner 52, a student of 18: economic hardship */
  dwelling (f, 15, "70", "B");
  family (f, 15);
  member (f, 1501, 15, WM_RELATION_REFERENCE, 1970);
  member (f, 1502, 15, WM_RELATION_PARTNER, 1968);
  member (f, 1503, 15, WM_RELATION_CHILD, 2002);
  condition (f, 1501, 2015, 2030, WM_CONDITION_HOMEMAKER);
  condition (f, 1502, 2015, 2030, WM_CONDITION_UNEMPLOYED);
  condition (f, 1503, 2015, 2030, WM_CONDITION_STUDENT);
  compute (f);

  /* 2020, section A: F1 F2 F3 F4 F11 F12 F13 F14 = 8 families; B: F15 */
  assert_counts (f, WM_INDICATOR_IVSM_LARGE_FAMILIES, 2020, "A", 1, 8);
  assert_counts (f, WM_INDICATOR_IVSM_SINGLE_PARENT, 2020, "A", 2, 8);
  assert_counts (f, WM_INDICATOR_IVSM_ECONOMIC_HARDSHIP, 2020, "A", 1, 8);
  assert_counts (f, WM_INDICATOR_IVSM_ECONOMIC_HARDSHIP, 2020, "B", 1, 1);
  assert_counts (f, WM_INDICATOR_IVSM_CARE_HARDSHIP, 2020, "A", 0, 8);
  /* 2021: F3's reference person turns 65: one single-parent family left;
   * F2's child of 15 has a condition only from 2020, still known */
  assert_counts (f, WM_INDICATOR_IVSM_SINGLE_PARENT, 2021, "A", 1, 8);
  assert_counts (f, WM_INDICATOR_IVSM_ECONOMIC_HARDSHIP, 2021, "A", 1, 8);
}

static void
test_elderly (Fixture *f, gconstpointer data)
{
  /* F5: reference 80 and partner 79: care hardship */
  dwelling (f, 5, "70", "A");
  family (f, 5);
  member (f, 501, 5, WM_RELATION_REFERENCE, 1940);
  member (f, 502, 5, WM_RELATION_PARTNER, 1941);
  /* F6: 79 and 65: all 65+, none 80+ (2021: 80 and 66, care hardship) */
  dwelling (f, 6, "70", "A");
  family (f, 6);
  member (f, 601, 6, WM_RELATION_REFERENCE, 1941);
  member (f, 602, 6, WM_RELATION_PARTNER, 1955);
  /* F7: 81 with a child of 64 (2021: 82 and 65, care hardship) */
  dwelling (f, 7, "70", "A");
  family (f, 7);
  member (f, 701, 7, WM_RELATION_REFERENCE, 1939);
  member (f, 702, 7, WM_RELATION_CHILD, 1956);
  alone (f, 8, 1940, 1, 4, "A");     /* 80 alone: care hardship, alone 65+ and 80+ */
  alone (f, 9, 1955, 1, 4, "A");     /* 65 alone */
  alone (f, 10, 1956, 1, 4, "A");    /* 64 alone: 15–64 (2021: 65 alone) */

  /* 16: 70, alone, moved from A to B on 1 July 2020: in B from 2020 */
  dwelling (f, 16, "70", "A");
  dwelling (f, 17, "70", "B");
  person (f, 16, 1950, 1, 4, "NULL");
  family (f, 16);
  live (f, 16, 16, 16, WM_RELATION_REFERENCE, "2010-01-01", "'2020-07-01'");
  live (f, 16, 16, 17, WM_RELATION_REFERENCE, "2020-07-01", "NULL");

  /* 18: 85, died 10 March 2020, residence closed: never counted */
  dwelling (f, 18, "70", "A");
  person (f, 18, 1935, 1, 4, "'2020-03-10'");
  family (f, 18);
  live (f, 18, 18, 18, WM_RELATION_REFERENCE, "2000-01-01", "'2020-03-10'");
  /* 19: 90, died on 31 December 2020, residence left open: not alive on the
   * snapshot day, not counted */
  dwelling (f, 19, "70", "A");
  person (f, 19, 1930, 1, 4, "'2020-12-31'");
  family (f, 19);
  live (f, 19, 19, 19, WM_RELATION_REFERENCE, "2000-01-01", "NULL");
  /* 20: 75, died on 1 January 2021: counted in 2020 only */
  dwelling (f, 20, "70", "A");
  person (f, 20, 1945, 1, 4, "'2021-01-01'");
  family (f, 20);
  live (f, 20, 20, 20, WM_RELATION_REFERENCE, "2000-01-01", "NULL");
  compute (f);

  /* 2020, A: families F5 F6 F7 8 9 10 20; care hardship F5, 8 */
  assert_counts (f, WM_INDICATOR_IVSM_CARE_HARDSHIP, 2020, "A", 2, 7);
  /* 65+: 501 502 601 602 701 8 9 20 = 8; alone: 8 9 20 */
  assert_counts (f, WM_INDICATOR_ELDERLY_ALONE_65, 2020, "A", 3, 8);
  /* 80+: 501 701 8; alone: 8 */
  assert_counts (f, WM_INDICATOR_ELDERLY_ALONE_80, 2020, "A", 1, 3);
  /* 15–64: 702 (64), 10 (64) */
  assert_counts (f, WM_INDICATOR_OLD_AGE_DEPENDENCY, 2020, "A", 8, 2);
  /* B: the mover */
  assert_counts (f, WM_INDICATOR_ELDERLY_ALONE_65, 2020, "B", 1, 1);
  assert_counts (f, WM_INDICATOR_ELDERLY_ALONE_80, 2020, "B", 0, 0);
  assert_counts (f, WM_INDICATOR_IVSM_CARE_HARDSHIP, 2020, "B", 0, 1);

  /* 2021, A: families F5 F6 F7 8 9 10; care hardship F5 F6 F7 8 */
  assert_counts (f, WM_INDICATOR_IVSM_CARE_HARDSHIP, 2021, "A", 4, 6);
  /* 65+: 501 502 601 602 701 702 8 9 10 = 9; alone 8 9 10 */
  assert_counts (f, WM_INDICATOR_ELDERLY_ALONE_65, 2021, "A", 3, 9);
  /* 80+: 501 (81) 502 (80) 601 (80) 701 (82) 8 (81); alone 8 */
  assert_counts (f, WM_INDICATOR_ELDERLY_ALONE_80, 2021, "A", 1, 5);
  /* nobody 15–64 left: no data */
  assert_counts (f, WM_INDICATOR_OLD_AGE_DEPENDENCY, 2021, "A", 9, 0);
}

/* @n people in family and dwelling @id, from @start */
static void
crowd (Fixture *f, int id, int n, const char *start)
{
  family (f, id);
  for (int i = 0; i < n; i++)
    member (f, id * 100 + i, id, i == 0 ? WM_RELATION_REFERENCE : WM_RELATION_CHILD, 1980 + i);
  if (start != NULL)
    wm_test_sql (f->db, "UPDATE residence SET start_date = '%s' WHERE person_id = %d", start, id * 100 + n - 1);
}

static void
test_overcrowding_bands (Fixture *f, gconstpointer data)
{
  dwelling (f, 1, "39.5", "A");  /* < 40 m², 5 occupants (> 4): overcrowded */
  crowd (f, 1, 5, NULL);
  dwelling (f, 2, "40", "A");    /* exactly 40: 40–59 band, 5 (not > 5) */
  crowd (f, 2, 5, NULL);
  dwelling (f, 3, "40", "A");    /* 40, 6 (> 5): overcrowded; the sixth moved in on 15 Nov 2020 */
  crowd (f, 3, 6, "2020-11-15");
  dwelling (f, 4, "NULL", "A");  /* unknown surface: out of both */
  crowd (f, 4, 5, NULL);
  compute (f);

  assert_counts (f, WM_INDICATOR_IVSM_OVERCROWDING, 2020, "A", 5 + 6, 5 + 5 + 6);
}

static void
test_overcrowding_shared (Fixture *f, gconstpointer data)
{
  dwelling (f, 5, "60", "A");    /* exactly 60: 60–79 band, 6 (not > 6) */
  crowd (f, 5, 6, NULL);
  dwelling (f, 6, "60", "A");    /* 60, 8 rows but one moved out in June 2020: 7 (> 6) */
  crowd (f, 6, 8, NULL);
  wm_test_sql (f->db, "UPDATE residence SET end_date = '2020-06-30' WHERE person_id = 607");
  dwelling (f, 7, "80", "A");    /* exactly 80: no band, 7: not overcrowded */
  crowd (f, 7, 7, NULL);
  dwelling (f, 8, "0", "A");     /* a surface of 0 is unknown: out */
  crowd (f, 8, 1, NULL);
  /* two families of 3 and 2 share 30 m²: 5 occupants (> 4), both overcrowded */
  dwelling (f, 9, "30", "B");
  crowd (f, 9, 3, NULL);
  family (f, 10);
  member (f, 1000, 10, WM_RELATION_REFERENCE, 1970);
  member (f, 1001, 10, WM_RELATION_PARTNER, 1971);
  wm_test_sql (f->db, "UPDATE residence SET dwelling_id = 9 WHERE family_id = 10");
  compute (f);

  assert_counts (f, WM_INDICATOR_IVSM_OVERCROWDING, 2020, "A", 7, 6 + 7 + 7);
  assert_counts (f, WM_INDICATOR_IVSM_OVERCROWDING, 2020, "B", 5, 5);
  /* 2021: the same people (the June move-out was in 2020) */
  assert_counts (f, WM_INDICATOR_IVSM_OVERCROWDING, 2021, "A", 7, 20);
}

static void
episode (Fixture *f, const char *person_id, const char *family_id, const char *code,
         const char *area, const char *start, const char *end)
{
  wm_test_sql (f->db, "INSERT OR IGNORE INTO service_type VALUES ('%s', 'test', NULL);"
               "INSERT INTO service_episode (person_id, family_id, service_code, user_area, start_date, end_date)"
               " VALUES (%s, %s, '%s', '%s', '%s', %s)",
               code, person_id, family_id, code, area, start, end);
}

static void
test_isee (Fixture *f, gconstpointer data)
{
  /* threshold 9,360 € in 2020, none in 2021 */
  dwelling (f, 1, "70", "A");
  family (f, 1);                                     /* ISEE 9,359.99: below */
  member (f, 101, 1, WM_RELATION_REFERENCE, 1980);
  member (f, 102, 1, WM_RELATION_CHILD, 2010);       /* 10 */
  member (f, 103, 1, WM_RELATION_CHILD, 2003);       /* exactly 17: a minor; 18 in 2021 */
  dwelling (f, 2, "70", "A");
  family (f, 2);                                     /* ISEE exactly 9,360: not below */
  member (f, 201, 2, WM_RELATION_REFERENCE, 1985);
  member (f, 202, 2, WM_RELATION_CHILD, 2018);       /* 2 */
  dwelling (f, 3, "70", "A");
  family (f, 3);                                     /* no declaration */
  member (f, 301, 3, WM_RELATION_REFERENCE, 1985);
  member (f, 302, 3, WM_RELATION_CHILD, 2015);       /* 5 */
  dwelling (f, 4, "70", "A");
  family (f, 4);                                     /* ISEE 5,000: below, no minors */
  member (f, 401, 4, WM_RELATION_REFERENCE, 1990);
  member (f, 402, 4, WM_RELATION_CHILD, 2002);       /* 18 */
  dwelling (f, 5, "70", "A");
  family (f, 5);                                     /* ISEE 12,000 */
  member (f, 501, 5, WM_RELATION_REFERENCE, 1990);
  person (f, 502, 2020, 1, 0, "NULL");               /* born 3 March 2020: 0 */
  live (f, 502, 5, 5, WM_RELATION_CHILD, "2020-03-03", "NULL");
  wm_test_sql (f->db, "INSERT INTO family_year VALUES (1, 2020, 9359.99), (2, 2020, 9360), (4, 2020, 5000),"
                      " (5, 2020, 12000), (1, 2021, 100), (4, 2021, 100)");
  /* POV: family 1 (family episode in 2020); family 4's member episode
   * ended on 1 January 2020, so it does not touch 2020 */
  episode (f, "NULL", "1", "B1.01", "POV", "2020-03-01", "'2020-06-01'");
  episode (f, "401", "NULL", "B1.01", "POV", "2019-02-01", "'2020-01-01'");
  /* FAM: family 2's child from 31 December 2020, family 3 since 2019 */
  episode (f, "202", "NULL", "F1.01", "FAM", "2020-12-31", "NULL");
  episode (f, "NULL", "3", "F1.01", "FAM", "2019-01-01", "NULL");
  compute (f);

  assert_counts (f, WM_INDICATOR_ISEE_LOW_FAMILIES, 2020, "A", 2, 5);
  /* minors 102 103 202 302 502, of them in a low-ISEE family 102 103 */
  assert_counts (f, WM_INDICATOR_ISEE_LOW_MINORS, 2020, "A", 2, 5);
  assert_counts (f, WM_INDICATOR_TAKEUP_POV, 2020, "A", 1, 2);
  /* families with minors 1 2 3 5; reached: 2 (child's episode), 3 */
  assert_counts (f, WM_INDICATOR_TAKEUP_FAM, 2020, "A", 2, 4);
  /* 2021: no threshold: no data, even with declarations */
  assert_counts (f, WM_INDICATOR_ISEE_LOW_FAMILIES, 2021, "A", 0, 0);
  assert_counts (f, WM_INDICATOR_ISEE_LOW_MINORS, 2021, "A", 0, 0);
  assert_counts (f, WM_INDICATOR_TAKEUP_POV, 2021, "A", 0, 0);
  /* families with minors in 2021: 1 (child of 11) 2 3 5; reached 2 3 */
  assert_counts (f, WM_INDICATOR_TAKEUP_FAM, 2021, "A", 2, 4);
}

static void
care (Fixture *f, int person_id, const char *start, const char *end)
{
  wm_test_sql (f->db, "INSERT INTO care_need VALUES (%d, '%s', %s, 2)", person_id, start, end);
}

static void
test_services (Fixture *f, gconstpointer data)
{
  alone (f, 1, 1950, 1, 4, "A");  /* 70, care need since 2019, home care (A2.07, ELD) Feb–May 2020 */
  care (f, 1, "2019-05-01", "NULL");
  episode (f, "1", "NULL", "A2.07", "ELD", "2020-02-01", "'2020-05-01'");
  alone (f, 2, 1935, 1, 4, "A");  /* 85, care need from 31 December 2020 (the snapshot day) */
  care (f, 2, "2020-12-31", "NULL");
  alone (f, 3, 1970, 1, 4, "A");  /* 50, care need ended on 31 December 2020: none; DIS episode */
  care (f, 3, "2018-01-01", "'2020-12-31'");
  episode (f, "3", "NULL", "D1.01", "DIS", "2020-01-01", "NULL");
  alone (f, 4, 1980, 1, 4, "A");  /* 40, care need until 1 Jan 2021; DIS home care (A2.08) */
  care (f, 4, "2020-01-01", "'2021-01-01'");
  episode (f, "4", "NULL", "A2.08", "DIS", "2020-06-01", "NULL");
  alone (f, 5, 1990, WM_CITIZENSHIP_NON_EU, 4, "A");  /* 30, IMMNOM from 2021 */
  episode (f, "5", "NULL", "I1.01", "IMMNOM", "2021-01-01", "NULL");
  alone (f, 6, 1995, WM_CITIZENSHIP_EU, 4, "A");      /* 25, EU citizen */
  alone (f, 7, 2000, 1, 4, "A");  /* 20, ADD in 2020 */
  episode (f, "7", "NULL", "X1.01", "ADD", "2020-03-01", "'2020-09-01'");
  alone (f, 8, 2010, WM_CITIZENSHIP_UNKNOWN, 0, "A");  /* 10, citizenship unknown, MULBEN */
  episode (f, "8", "NULL", "M1.01", "MULBEN", "2020-03-01", "'2020-09-01'");
  alone (f, 9, 1954, 1, 4, "A");  /* 66, a family-level ELD episode: not a personal one */
  episode (f, "NULL", "9", "E1.01", "ELD", "2020-03-01", "NULL");
  compute (f);

  /* care need on 31 Dec 2020: 1 2 4; home care 1 (A2.07) 4 (A2.08) */
  assert_counts (f, WM_INDICATOR_CARE_COVERAGE, 2020, "A", 2, 3);
  /* under 65 with care need: 4, reached by DIS (3 has no care need) */
  assert_counts (f, WM_INDICATOR_TAKEUP_DIS, 2020, "A", 1, 1);
  /* 65+: 1 2 9; ELD personal episode: 1 */
  assert_counts (f, WM_INDICATOR_TAKEUP_ELD, 2020, "A", 1, 3);
  assert_counts (f, WM_INDICATOR_TAKEUP_IMMNOM, 2020, "A", 0, 2);
  /* citizenship known for all but 8 */
  assert_counts (f, WM_INDICATOR_FOREIGN_RESIDENTS, 2020, "A", 2, 8);
  /* 15–64: 3 4 5 6 7 */
  assert_counts (f, WM_INDICATOR_TAKEUP_ADD, 2020, "A", 1, 5);
  assert_counts (f, WM_INDICATOR_TAKEUP_MULBEN, 2020, "A", 1, 9);
  /* 2021: care need 1 2 (4's ended on 1 January 2021), no home care in 2021 */
  assert_counts (f, WM_INDICATOR_CARE_COVERAGE, 2021, "A", 0, 2);
  assert_counts (f, WM_INDICATOR_TAKEUP_DIS, 2021, "A", 0, 0);
  assert_counts (f, WM_INDICATOR_TAKEUP_IMMNOM, 2021, "A", 1, 2);
}

/* Convivenze anagrafiche (family.communal): their members are residents
 * for every person indicator, but a convivenza is no family (ISTAT counts
 * private households only) and its members live in no dwelling, so family
 * indicators, "living alone", minors in low-ISEE families and overcrowding
 * leave them out. Each convivenza here would change a count if it were
 * taken for a family. All in section A, 2020. */
static void
test_communal (Fixture *f, gconstpointer data)
{
  static const int c1_births[] = { 1935, 1938, 1930, 1940, 1942, 1950, 1954 };

  /* C1: a care home of 7 in 30 m², all 65+ (85 82 90 80 78 70 66), four
   * of them 80+: as a family it would be large, in care hardship and
   * overcrowded; a declaration of 3,000 € would make it low-ISEE */
  dwelling (f, 1, "30", "A");
  family (f, 1);
  for (int i = 0; i < 7; i++)
    member (f, 101 + i, 1, WM_RELATION_OTHER, c1_births[i]);
  /* C2: a community for minors: an educator of 40 recorded as reference
   * person (unemployed, primary school only) and a boy of 15 recorded as
   * child (inactive): as a family it would be single-parent, in economic
   * hardship, low-ISEE and reached by FAM */
  dwelling (f, 2, "30", "A");
  family (f, 2);
  person (f, 201, 1980, WM_CITIZENSHIP_ITALIAN, WM_EDUCATION_PRIMARY, "NULL");
  live (f, 201, 2, 2, WM_RELATION_REFERENCE, "2000-01-01", "NULL");
  member (f, 202, 2, WM_RELATION_CHILD, 2005);
  condition (f, 201, 2015, 2030, WM_CONDITION_UNEMPLOYED);
  condition (f, 202, 2015, 2030, WM_CONDITION_OTHER);
  episode (f, "NULL", "2", "F1.01", "FAM", "2020-01-01", "NULL");
  /* C3: one resident of 81: as a family, alone and in care hardship */
  dwelling (f, 3, "20", "A");
  family (f, 3);
  member (f, 301, 3, WM_RELATION_OTHER, 1939);
  wm_test_sql (f->db, "UPDATE family SET communal = 1 WHERE id IN (1, 2, 3)");
  /* F4: 81, alone in 70 m² */
  alone (f, 4, 1939, WM_CITIZENSHIP_ITALIAN, WM_EDUCATION_PRIMARY, "A");
  /* F5: employed 40, partner 38, children 10 8 6 4, 100 m², ISEE 5,000 € */
  dwelling (f, 5, "100", "A");
  family (f, 5);
  member (f, 501, 5, WM_RELATION_REFERENCE, 1980);
  member (f, 502, 5, WM_RELATION_PARTNER, 1982);
  for (int i = 0; i < 4; i++)
    member (f, 503 + i, 5, WM_RELATION_CHILD, 2010 + 2 * i);
  condition (f, 501, 2015, 2030, WM_CONDITION_EMPLOYED);
  wm_test_sql (f->db, "INSERT INTO family_year VALUES (1, 2020, 3000), (2, 2020, 3000), (5, 2020, 5000)");
  compute (f);

  /* families: F4 F5; large F5; care hardship F4; none single-parent or in
   * economic hardship; low ISEE F5; with minors F5, not reached */
  assert_counts (f, WM_INDICATOR_IVSM_LARGE_FAMILIES, 2020, "A", 1, 2);
  assert_counts (f, WM_INDICATOR_IVSM_CARE_HARDSHIP, 2020, "A", 1, 2);
  assert_counts (f, WM_INDICATOR_IVSM_SINGLE_PARENT, 2020, "A", 0, 2);
  assert_counts (f, WM_INDICATOR_IVSM_ECONOMIC_HARDSHIP, 2020, "A", 0, 2);
  assert_counts (f, WM_INDICATOR_ISEE_LOW_FAMILIES, 2020, "A", 1, 2);
  assert_counts (f, WM_INDICATOR_TAKEUP_FAM, 2020, "A", 0, 1);
  /* occupants of dwellings: F4's 1 and F5's 6, none overcrowded */
  assert_counts (f, WM_INDICATOR_IVSM_OVERCROWDING, 2020, "A", 0, 7);
  /* minors: 202 and F5's four; in a low-ISEE family: F5's four */
  assert_counts (f, WM_INDICATOR_ISEE_LOW_MINORS, 2020, "A", 4, 5);
  /* 65+: C1's 7, 301, 4; alone: 4. 80+: 101 102 103 104, 301, 4; alone: 4 */
  assert_counts (f, WM_INDICATOR_ELDERLY_ALONE_65, 2020, "A", 1, 9);
  assert_counts (f, WM_INDICATOR_ELDERLY_ALONE_80, 2020, "A", 1, 6);
  /* person indicators count them: 65+ 9 per 15–64 201 202 501 502;
   * 25–64 201 (low) 501 502; 15–29 202 (NEET); 17 residents */
  assert_counts (f, WM_INDICATOR_OLD_AGE_DEPENDENCY, 2020, "A", 9, 4);
  assert_counts (f, WM_INDICATOR_IVSM_LOW_EDUCATION, 2020, "A", 1, 3);
  assert_counts (f, WM_INDICATOR_IVSM_NEET, 2020, "A", 1, 1);
  assert_counts (f, WM_INDICATOR_TAKEUP_MULBEN, 2020, "A", 0, 17);

  /* The same people with the mark removed: five families, C1 large, C1 C3
   * F4 in care hardship, C2 single-parent and in economic hardship, C1 C2
   * F5 low-ISEE, C2 with a minor and reached; C1's 7 in 30 m² overcrowded
   * among 17 occupants; C3 alone */
  g_clear_object (&f->table);
  g_clear_object (&f->pop);
  wm_test_sql (f->db, "UPDATE family SET communal = 0");
  compute (f);
  assert_counts (f, WM_INDICATOR_IVSM_LARGE_FAMILIES, 2020, "A", 2, 5);
  assert_counts (f, WM_INDICATOR_IVSM_CARE_HARDSHIP, 2020, "A", 3, 5);
  assert_counts (f, WM_INDICATOR_IVSM_SINGLE_PARENT, 2020, "A", 1, 5);
  assert_counts (f, WM_INDICATOR_IVSM_ECONOMIC_HARDSHIP, 2020, "A", 1, 5);
  assert_counts (f, WM_INDICATOR_ISEE_LOW_FAMILIES, 2020, "A", 3, 5);
  assert_counts (f, WM_INDICATOR_TAKEUP_FAM, 2020, "A", 1, 2);
  assert_counts (f, WM_INDICATOR_IVSM_OVERCROWDING, 2020, "A", 7, 17);
  assert_counts (f, WM_INDICATOR_ISEE_LOW_MINORS, 2020, "A", 5, 5);
  assert_counts (f, WM_INDICATOR_ELDERLY_ALONE_65, 2020, "A", 2, 9);
  assert_counts (f, WM_INDICATOR_OLD_AGE_DEPENDENCY, 2020, "A", 9, 4);
}

/* The municipality counts everyone, also a family whose dwelling lies in
 * no section; a family's head decides its area. */
static void
test_municipality_and_head (Fixture *f, gconstpointer data)
{
  guint64 num, den;

  alone (f, 1, 1950, 1, 4, "A");
  alone (f, 2, 1950, 1, 4, "B");
  /* 3: a dwelling with no section: outside every area */
  wm_test_sql (f->db, "INSERT INTO dwelling (id, surface_m2, lon, lat) VALUES (3, 50, 0, 0)");
  person (f, 3, 1950, 1, 4, "NULL");
  family (f, 3);
  live (f, 3, 3, 3, WM_RELATION_REFERENCE, "2000-01-01", "NULL");
  /* family 4: no reference person; a partner in A (dwelling 41) and a
   * child in B (dwelling 42): the head is the partner, the family is in A,
   * each person in their own section */
  dwelling (f, 41, "70", "A");
  dwelling (f, 42, "70", "B");
  family (f, 4);
  person (f, 401, 1970, 1, 4, "NULL");
  person (f, 402, 2000, 1, 4, "NULL");
  live (f, 401, 4, 41, WM_RELATION_PARTNER, "2000-01-01", "NULL");
  live (f, 402, 4, 42, WM_RELATION_CHILD, "2000-01-01", "NULL");
  compute (f);

  assert_counts (f, WM_INDICATOR_IVSM_LARGE_FAMILIES, 2020, "A", 0, 2);
  assert_counts (f, WM_INDICATOR_IVSM_LARGE_FAMILIES, 2020, "B", 0, 1);
  assert_counts (f, WM_INDICATOR_TAKEUP_MULBEN, 2020, "A", 0, 2);
  assert_counts (f, WM_INDICATOR_TAKEUP_MULBEN, 2020, "B", 0, 2);
  g_assert_true (wm_indicator_table_get_municipality_counts (f->table, WM_INDICATOR_IVSM_LARGE_FAMILIES,
                                                             2020, &num, &den));
  g_assert_cmpuint (den, ==, 4);
  g_assert_true (wm_indicator_table_get_outside_counts (f->table, WM_INDICATOR_TAKEUP_MULBEN, 2020, &num, &den));
  g_assert_cmpuint (den, ==, 1);
  g_assert_true (wm_indicator_table_get_municipality_counts (f->table, WM_INDICATOR_TAKEUP_MULBEN, 2020, &num, &den));
  g_assert_cmpuint (den, ==, 5);
  /* 65+ alone: 1 2 3 of 1 2 3 */
  g_assert_cmpfloat (wm_indicator_table_get_municipality_value (f->table, WM_INDICATOR_ELDERLY_ALONE_65, 2020),
                     ==, 100.0);
  /* the composite has no counts */
  g_assert_false (wm_indicator_table_get_counts (f->table, WM_INDICATOR_IVSM, 2020, 0, &num, &den));
  /* a year outside the extract: no data */
  g_assert_true (isnan (wm_indicator_table_get_value (f->table, WM_INDICATOR_TAKEUP_MULBEN, 2019, 0)));
}

static void
test_rank (Fixture *f, gconstpointer data)
{
  guint n;

  alone (f, 1, 1950, 1, 4, "A");        /* A: 1 of 2 aged 65+ alone */
  dwelling (f, 2, "70", "A");
  family (f, 2);
  member (f, 201, 2, WM_RELATION_REFERENCE, 1950);
  member (f, 202, 2, WM_RELATION_PARTNER, 1950);
  alone (f, 3, 1950, 1, 4, "B");        /* B: 1 of 1 */
  compute (f);

  /* 65+ alone: A 1/3, B 1/1: B first */
  g_assert_cmpuint (wm_indicator_table_get_rank (f->table, WM_INDICATOR_ELDERLY_ALONE_65, 2020, 1, &n), ==, 1);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (wm_indicator_table_get_rank (f->table, WM_INDICATOR_ELDERLY_ALONE_65, 2020, 0, &n), ==, 2);
  /* large families: both 0 %, tied first */
  g_assert_cmpuint (wm_indicator_table_get_rank (f->table, WM_INDICATOR_IVSM_LARGE_FAMILIES, 2020, 0, NULL), ==, 1);
  g_assert_cmpuint (wm_indicator_table_get_rank (f->table, WM_INDICATOR_IVSM_LARGE_FAMILIES, 2020, 1, NULL), ==, 1);
  /* no one 15–64 anywhere: no rank */
  g_assert_cmpuint (wm_indicator_table_get_rank (f->table, WM_INDICATOR_TAKEUP_ADD, 2020, 0, &n), ==, 0);
  g_assert_cmpuint (n, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add ("/indicators/" name, Fixture, NULL, setup, fn, teardown)
  ADD ("low-education", test_low_education);
  ADD ("neet", test_neet);
  ADD ("family-structure", test_family_structure);
  ADD ("elderly", test_elderly);
  ADD ("overcrowding-bands", test_overcrowding_bands);
  ADD ("overcrowding-shared", test_overcrowding_shared);
  ADD ("isee", test_isee);
  ADD ("services", test_services);
  ADD ("communal", test_communal);
  ADD ("municipality-and-head", test_municipality_and_head);
  ADD ("rank", test_rank);
#undef ADD
  return g_test_run ();
}
