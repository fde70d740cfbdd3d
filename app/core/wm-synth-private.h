/* wm-synth-private.h — the synthetic world shared by the generator's files
 *
 * Compact state, not rows: persons, families, dwellings and residence
 * intervals live in flat arrays; yearly attributes (condition, ISEE, DSU
 * filing, services) are pure functions of (seed, entity, year) evaluated
 * while rows are streamed out, so ten years never cost ten copies.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <gio/gio.h>
#include <geos_c.h>

#include "wm-synth.h"
#include "wm-synth-rng.h"

G_BEGIN_DECLS

#define WM_SYNTH_NONE G_MAXUINT32
#define WM_SYNTH_BANDS 16          /* 5-year bands, the last one 75+ */

/* Random stream purposes: each gets its own independent sequence. */
enum {
  RNG_SECTION = 1, RNG_PERSON, RNG_FAMILY, RNG_HISTORY, RNG_YEAR, RNG_COND,
  RNG_ISEE, RNG_CARE, RNG_SERVICE, RNG_DEFECT, RNG_ADDRESS, RNG_DWELLING,
};

/* What the census says about one section (−1: not published). */
typedef struct {
  char    *code;
  int      pop;
  int      age_sex[2][WM_SYNTH_BANDS];
  int      families[6];             /* households of 1..5 and 6+ members */
  int      foreigners;
  int      employed;                /* within [emp_min, emp_max] */
  int      education[5];            /* NESSUNO..LAUREA, ages edu_min+ */
  int      occupied_dwellings;
  int      area;                    /* polygon index addresses are drawn in */
  double   area_m2;
  double   care_goal;               /* families in potential care hardship to aim for */
  int      care_made;               /* … and made */
  double   foreign_factor;          /* section-level variation where unknown */
  double   wealth_factor;
} WmSynthSection;

/* A polygon addresses fall into, and the street edges inside it. */
typedef struct {
  char                         *name;
  GEOSGeometry                 *geom;
  const GEOSPreparedGeometry   *prepared;
  double                        minx, miny, maxx, maxy;
  GArray                       *edges;   /* WmSynthEdge */
  double                        edge_length;
  double                       *triangles; /* x0 y0 x1 y1 x2 y2 of each triangle */
  double                       *cumulative; /* running sum of their areas */
  guint                         n_triangles;
} WmSynthArea;

/* Below this a section polygon is a sliver: addresses lie within 25 m of it. */
#define WM_SYNTH_SLIVER_M2 1.0

typedef struct {
  double x0, y0, x1, y1, length;
  guint  street;
} WmSynthEdge;

typedef struct {
  char   *name;
  char   *area;
  char   *category;
  char   *address;
  char   *target;
  char   *hours;
  int     capacity;                 /* 0: unknown */
  double  lon, lat;
} WmSynthSite;

typedef struct {
  char     cf[17];
  guint32  birth;                   /* julian day */
  guint32  death;                   /* 0: alive at the end */
  guint32  out;                     /* emigration day, 0: never */
  guint32  first;                   /* first day resident in the window, 0: before it */
  guint16  surname, given;
  gint8    pool;                    /* −1 Italian (flavour), else country index */
  guint8   flavour, cohort, sex;
  guint8   born_abroad;
  guint16  birthplace;              /* comune or country index */
  guint8   foreign;                 /* foreign citizen */
  guint8   education;               /* WmEducation, final */
  guint16  edu_year;
  guint8   disabled;
  guint8   anchor_cond;             /* condition in anchor_year */
  guint16  anchor_year;
  guint32  care_onset;              /* julian day, 0: never */
  guint8   care_level;
  guint8   ghost;                   /* exists only before the census */
  guint32  home;                    /* the first family: shares its yearly shocks */
  float    work;                    /* latent employability */
  /* simulation state */
  guint32  family;
  guint8   relation;                /* 1..11, wm-sources.md */
  guint32  res_start;
} WmSynthPerson;

typedef struct {
  guint32 code;
  guint32 dwelling;
  guint16 section;
  guint8  jobless, foreign, convivenza, overcrowded;
  float   wealth;                   /* latent log-income shift */
  guint32 size;                     /* current members */
} WmSynthFamily;

typedef struct {
  guint32 building;
  guint16 surface;
  guint8  rooms, tenure;
  guint16 internal;
  guint16 families;                 /* families living here now */
} WmSynthDwelling;

typedef struct {
  double  x, y;
  guint32 street;
  guint16 civic;
  guint16 section;
} WmSynthBuilding;

typedef enum { END_NONE, END_TRASF, END_EMIGR, END_DECESSO, END_VARFAM } WmSynthEnd;

typedef struct {
  guint32 person, family, dwelling;
  guint32 start, end;               /* end 0: open */
  guint8  relation, reason;
} WmSynthInterval;

/* The profile, resolved. */
typedef struct {
  char    *name;
  char    *comune;                  /* Belfiore of the municipality */
  int      region;
  int      flavour;
  int      census_year;
  char    *crs;                     /* of the x, y columns */
  double   age_sex[2][WM_SYNTH_BANDS];
  double   family_sizes[6];
  double   foreign_share;
  double   communities[64];
  double   employment_rate;
  double   targets[5];              /* overcrowding, NEET, economic, care, large */
  double   born_here;
  double   public_housing;
  double   rent_share;
  double   mobility;
  double   wealth_sd;
  int      edu_min_age;
  int      per_building;
} WmSynthProfile;

enum { TARGET_OVERCROWDING, TARGET_NEET, TARGET_ECONOMIC, TARGET_CARE, TARGET_LARGE };

typedef struct _WmSynthConditions WmSynthConditions;

typedef struct {
  WmSynthProfile  profile;
  guint64         seed;
  int             first_year, years;
  double          defect_rate;
  GEOSContextHandle_t geos;
  gboolean        metric;           /* the output CRS is projected (metres), else degrees */
  double          grid;             /* coordinates are written rounded to this: 0.01 m or 1e-6° */

  GPtrArray      *sections_arr;     /* WmSynthSection* */
  GPtrArray      *areas;            /* WmSynthArea* */
  GPtrArray      *streets;          /* char* street names */
  GPtrArray      *sites;            /* WmSynthSite* */

  GArray         *persons;          /* WmSynthPerson */
  GArray         *families;         /* WmSynthFamily */
  GArray         *dwellings;        /* WmSynthDwelling */
  GArray         *buildings;        /* WmSynthBuilding */
  GArray         *intervals;        /* WmSynthInterval, closed ones and open ones */
  GArray         *vacant;           /* guint32 dwelling indices free now */
  guint32         next_family_code;

  GHashTable     *cf_set;           /* codes in use, for omocodia */
  char            surname_codes[3][128][4];
  GPtrArray      *name_codes;       /* per pool: char[3] arrays */
  guint32         census_day;       /* 31 Dec of the census year */
  double          edu_factor[5];    /* census attainment ÷ the cohorts' (wm-synth-education.c) */
  WmSynthConditions *conditions;    /* the yearly condition model (wm-synth-conditions.c) */
  guint           care_census;      /* families in potential care hardship on census day */
  guint           old_census;       /* … and residents of 80 and over */
  guint           care_home_places; /* residents of the care home on census day */

  WmSynthProgressFunc progress;
  gpointer        progress_data;
  GCancellable   *cancellable;
} WmSynthWorld;

static inline WmSynthPerson *
P (WmSynthWorld *w, guint32 i)
{
  return &g_array_index (w->persons, WmSynthPerson, i);
}

static inline WmSynthFamily *
F (WmSynthWorld *w, guint32 i)
{
  return &g_array_index (w->families, WmSynthFamily, i);
}

static inline WmSynthDwelling *
D (WmSynthWorld *w, guint32 i)
{
  return &g_array_index (w->dwellings, WmSynthDwelling, i);
}

/* Dates are julian day numbers as GDate counts them (1 January of year 1
 * is day 1), converted with Hinnant's civil-calendar arithmetic: GDate's
 * conversions were a fifth of a city's run time. */
static inline guint32
wm_synth_julian (int year, int month, int day)
{
  int y = year - (month <= 2);
  int era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = (unsigned) (y - era * 400);
  unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return (guint32) (era * 146097 + (int) doe - 305);
}

static inline void
wm_synth_dmy (guint32 julian, int *year, int *month, int *day)
{
  int z = (int) julian + 305;
  int era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = (unsigned) (z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  int m = mp < 10 ? (int) mp + 3 : (int) mp - 9;

  if (year)
    *year = (int) yoe + era * 400 + (m <= 2);
  if (month)
    *month = m;
  if (day)
    *day = (int) (doy - (153 * mp + 2) / 5 + 1);
}

/* Completed years on @day; −1 before birth. */
static inline int
wm_synth_age (guint32 birth, guint32 day)
{
  int by, bm, bd, y, m, d;

  if (day < birth)
    return -1;
  wm_synth_dmy (birth, &by, &bm, &bd);
  wm_synth_dmy (day, &y, &m, &d);
  return y - by - (m < bm || (m == bm && d < bd));
}

static inline int
wm_synth_year (guint32 julian)
{
  int y;

  wm_synth_dmy (julian, &y, NULL, NULL);
  return y;
}

/* wm-synth-place.c */
gboolean  wm_synth_profile_load    (WmSynthProfile *profile, GKeyFile *file, GError **error);
gboolean  wm_synth_place_read      (WmSynthWorld *w, GKeyFile *file, const char *data_dir, GError **error);

/* wm-synth-area.c */
WmSynthArea *wm_synth_area_new     (WmSynthWorld *w, const char *name, GEOSGeometry *geom);
void      wm_synth_area_free       (WmSynthWorld *w, WmSynthArea *a);
gboolean  wm_synth_area_contains   (WmSynthWorld *w, WmSynthArea *a, double x, double y);
void      wm_synth_area_point      (WmSynthWorld *w, guint area, WmRng *rng, double *x, double *y, guint32 *street);
double    wm_synth_area_m2         (WmSynthWorld *w, WmSynthArea *a);
void      wm_synth_world_free      (WmSynthWorld *w);

/* wm-synth-people.c */
guint32   wm_synth_person_new      (WmSynthWorld *w, WmRng *rng, int sex, guint32 birth, int pool, gboolean foreign);
void      wm_synth_person_cf       (WmSynthWorld *w, guint32 person);
const char *wm_synth_person_surname (WmSynthWorld *w, const WmSynthPerson *p);
const char *wm_synth_person_given  (WmSynthWorld *w, const WmSynthPerson *p);
const char *wm_synth_person_birthplace (WmSynthWorld *w, const WmSynthPerson *p);
int       wm_synth_person_citizenship (WmSynthWorld *w, const WmSynthPerson *p);
guint32   wm_synth_dwelling_new    (WmSynthWorld *w, WmRng *rng, guint section, int family_size, gboolean poor);
guint32   wm_synth_family_new      (WmSynthWorld *w, guint section, guint32 dwelling);
guint32   wm_synth_newcomer        (WmSynthWorld *w, WmRng *rng, int sex, guint32 birth, int pool, gboolean foreign,
                                    int year, guint32 day);
void      wm_synth_interval_add    (WmSynthWorld *w, guint32 person, guint32 family, guint32 dwelling,
                                    guint32 start, guint32 end, int relation, WmSynthEnd reason);
void      wm_synth_join            (WmSynthWorld *w, guint32 person, guint32 family, int relation, guint32 day);
void      wm_synth_leave           (WmSynthWorld *w, guint32 person, guint32 day, WmSynthEnd reason);

/* wm-synth-census.c, wm-synth-attributes.c, wm-synth-targets.c */
gboolean  wm_synth_build_census    (WmSynthWorld *w, GError **error);
void      wm_synth_section_attributes (WmSynthWorld *w, guint index, guint32 first_person, guint32 end_person,
                                    guint32 first_family, guint32 end_family);
void      wm_synth_mark_jobless    (WmSynthWorld *w);
void      wm_synth_assign_conditions (WmSynthWorld *w);
void      wm_synth_calibrate_hardship (WmSynthWorld *w, const guint32 *person_start, const guint32 *family_start);
void      wm_synth_assign_housing  (WmSynthWorld *w);

/* wm-synth-education.c */
void      wm_synth_education_prior (int age, int year, gboolean foreign, gboolean jobless, double *out);
void      wm_synth_education_draw  (WmSynthWorld *w, guint32 person, int year, WmRng *rng);
void      wm_synth_assign_education (WmSynthWorld *w, guint index, guint32 first, guint32 end, WmRng *rng);
void      wm_synth_education_factors (WmSynthWorld *w);
void      wm_synth_finish_education (WmSynthWorld *w, int last);

/* Age on census day. */
static inline int
wm_synth_census_age (WmSynthWorld *w, guint32 person)
{
  return wm_synth_age (P (w, person)->birth, w->census_day);
}

/* wm-synth-history.c */
gboolean  wm_synth_build_history   (WmSynthWorld *w, GError **error);

/* wm-synth-care.c */
void      wm_synth_care_census     (WmSynthWorld *w);
void      wm_synth_care_before     (WmSynthWorld *w);
void      wm_synth_care_year       (WmSynthWorld *w, int y, WmRng *rng, const guint32 *offsets, const guint32 *list);
void      wm_synth_care_left_alone (WmSynthWorld *w, guint32 family, guint32 day, const guint32 *members, guint n);

/* wm-synth-couples.c */
void      wm_synth_couples_before  (WmSynthWorld *w);
void      wm_synth_couples_year    (WmSynthWorld *w, int y, WmRng *rng, const guint32 *offsets, const guint32 *list);

/* The yearly probability of dying at @age (Gompertz; men (sex 1) 1.35×,
 * women 0.75×), times @frailty (2 for a person in need of care, about 1.4
 * on average at 80 and over): Italy's 2019 life table, q85 ≈ 9.5% for
 * men and 6.5% for women. */
static inline double
wm_synth_death_hazard (int age, int sex, double frailty)
{
  return MIN (0.6, exp (-11.4 + 0.1 * age) * (sex == 1 ? 1.35 : 0.75) * frailty);
}

/* wm-synth-conditions.c */
WmSynthConditions *wm_synth_conditions_new (WmSynthWorld *w, int first, int years);
void      wm_synth_conditions_free (WmSynthConditions *c);
void      wm_synth_conditions      (WmSynthWorld *w, guint32 person, int first, int n, guint8 *out);

/* wm-synth-write.c */
gboolean  wm_synth_write_all       (WmSynthWorld *w, const char *dir, GError **error);

void      wm_synth_report          (WmSynthWorld *w, double fraction, const char *stage);

G_END_DECLS
