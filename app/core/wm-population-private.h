/* wm-population-private.h — the columns, for the loader and the indicator kernel
 *
 * One row per residence interval that covers at least one 31 December
 * snapshot of the extract's years, sorted by family (families ordered by
 * the census section of their first dwelling, so per-area counters and the
 * dwelling arrays are walked almost sequentially), then relation, person
 * and time. A family's members at year y are the rows of its run whose
 * year range [y0, y1) holds y; the first of them is its head.
 *
 * Years are offsets from the first year. Intervals become year ranges at
 * load: an interval [start, end) holds the snapshot of year Y iff
 * year(start) ≤ Y < year(end), and a death in year D ends residence at
 * D (dead on 31 December D).
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include "wm-population.h"

G_BEGIN_DECLS

/* Age at year offset y = age0 + y − WM_AGE_BIAS (age0 = first_year −
 * birth_year + bias), so persons born after the first year fit a uint8. */
#define WM_AGE_BIAS 32

/* attrs: relation (WmRelation, 3 bits) and what the indicators need to
 * know about education and citizenship. */
#define WM_ATTR_RELATION   0x07
#define WM_ATTR_EDU_KNOWN  0x08
#define WM_ATTR_EDU_LOW    0x10
#define WM_ATTR_CIT_KNOWN  0x20
#define WM_ATTR_FOREIGN    0x40

/* The relation bits of every row of a convivenza anagrafica (family.communal):
 * not a WmRelation, the loader puts it in place of each member's relation,
 * so the head row tells the kernel the "family" is none. */
#define WM_ROW_COMMUNAL    7

/* Professional condition (WmCondition, 3 bits) for ten years per word:
 * cond[y / 10][row] >> (3 · (y % 10)) & 7. */
#define WM_COND_YEARS_PER_WORD 10

/* What a person had in a year (sparse, per year) */
enum {
  WM_PFLAG_CARE_NEED = 1 << 0,    /* assessed care need on 31 December */
  WM_PFLAG_HOME_CARE = 1 << 1,    /* a home-care episode in the year */
  WM_PFLAG_FAM       = 1 << 2,    /* an episode of that user area in the year */
  WM_PFLAG_DIS       = 1 << 3,
  WM_PFLAG_ADD       = 1 << 4,
  WM_PFLAG_ELD       = 1 << 5,
  WM_PFLAG_IMMNOM    = 1 << 6,
  WM_PFLAG_POV       = 1 << 7,
  WM_PFLAG_MULBEN    = 1 << 8,
};

/* What a family had in a year (sparse, per year) */
enum {
  WM_FFLAG_ISEE = 1 << 0,         /* isee_cents holds its declaration */
  WM_FFLAG_FAM  = 1 << 1,         /* an episode of that area, of the family */
  WM_FFLAG_POV  = 1 << 2,         /* or of a member resident that year */
};

enum {
  WM_SURFACE_UNDER_40,
  WM_SURFACE_40_TO_60,
  WM_SURFACE_60_TO_80,
  WM_SURFACE_80_AND_MORE,
  WM_SURFACE_UNKNOWN,
};

/* Sorted keys (row or family index) with a sentinel key[n] = G_MAXUINT32. */
typedef struct {
  guint32  n;
  guint32 *key;
  guint16 *bits;
  gint32  *isee_cents;            /* family lists only */
} WmYearFlags;

struct _WmPopulation
{
  GObject parent_instance;

  int first_year;
  guint n_years;
  char *municipality_code;
  char *municipality_name;
  gboolean *has_threshold;        /* per year */
  gint64 *threshold_cents;        /* per year */

  /* Room for WM_POPULATION_MAX_LAYERS from the start: a layer added while
   * another is computed never moves these arrays under the worker. */
  GPtrArray *layers;              /* WmAreaLayer, sections first */
  guint16 **dwelling_area;        /* per layer, per dwelling; n_areas = outside */
  guint16 **section_area;         /* per layer, per section slot; NULL: not nested */
  guint32 *dwelling_rank;         /* dwelling in id order → its index here */

  guint32 n_persons;
  guint32 n_dwellings;
  guint8 *surface_class;
  /* Per dwelling in id order: lon, lat, for boundary files added later,
   * so the database's dwelling table need not stay in memory. Doubles, as
   * the importer placed them: an address geocoded onto a street that is
   * also a boundary must fall on the same side (rounded to 1e-7°, ten of
   * Povo's 4,097 dwellings changed district). */
  double *dwelling_lonlat;

  guint32 n_families;
  guint32 *family_start;          /* n_families + 1 */
  guint8 *family_y0;              /* years with any member */
  guint8 *family_y1;

  guint32 n_rows;
  guint8 *y0;
  guint8 *y1;
  guint8 *age0;
  guint8 *attrs;
  guint32 *dwelling;
  guint32 **cond;                 /* n_cond_words arrays */
  guint n_cond_words;

  WmYearFlags *person_flags;      /* per year, keyed by row */
  WmYearFlags *family_flags;      /* per year, keyed by family */
};

void  wm_year_flags_clear (WmYearFlags *flags);

G_END_DECLS
