/* wm-indicator-kernel.c — every indicator's counts for one year
 *
 * Four short passes, each over its data in storage order:
 *
 * 1. codes: for every residence row, what matters about that person this
 *    year — held or not, age class, education and citizenship, condition,
 *    relation — in one 16-bit code (a branch-free loop over five columns);
 * 2. families: rows are grouped by family; a code indexes a table of 16
 *    small counters (one per person-level count), so a member costs one
 *    lookup and a vector add. Members live at their head's address (an
 *    exception is handled apart), so the family's sum goes to its head's
 *    area in one step, and its aggregates (size, 65+, children, earners…)
 *    decide the family counters, again as lanes. A convivenza adds its
 *    members, and no family counter nor occupant. Families come sorted by
 *    census section, so these per-area totals change slot rarely and are
 *    added to the area counters only then;
 * 3. the year's sparse person flags (care need, service episodes);
 * 4. dwellings: occupants tallied in pass 2 against surface (overcrowding).
 *
 * The rules it implements are written in wm-indicators.md and, as plain
 * SQL, in tests/indicators-oracle.sql; the tests hold the three together.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "wm-indicator-private.h"
#include "wm-schema.h"

/* 8 counters of 16 bits: one SSE2 / NEON register. Vectors are only ever
 * loaded from tables and added, which every compiler lowers well. */
typedef guint16 Half __attribute__ ((vector_size (16)));

/* 16 counters as two halves */
typedef struct {
  Half lo;
  Half hi;
} Lanes;

/* Age classes: what the age bands of the indicators need, no more. */
enum {
  AGE_UNBORN,       /* born after the year: only counted as a resident */
  AGE_0_14,
  AGE_15_17,
  AGE_18_24,
  AGE_25_29,
  AGE_30_64,
  AGE_65_79,
  AGE_80_PLUS,
};

/* A row's code: relation << 13 | kin << 11 | age class << 7 | education
 * and citizenship bits (attrs & 0x78) | condition, where kin is 1 for a
 * partner and 2 for a child; NOT_HELD for a row that does not hold the
 * year (its other bits are 0). The low 13 bits index the person lanes, so
 * a member costs one table lookup. */
#define CODE_RELATION_SHIFT 13
#define CODE_KIN_SHIFT 11
#define CODE_AGE_SHIFT 7
#define NOT_HELD (1 << 10)
#define CODE_LANES(code) ((code) & 0x1fff)
#define N_LANE_CODES (3 << CODE_KIN_SHIFT)

/* Person lanes: what a member adds to their area (0–10) and, with 11–14,
 * to their family. */
enum {
  P_PERSONS, P_15_64, P_65, P_80, P_EDU_KNOWN, P_EDU_LOW, P_COND_KNOWN, P_NEET,
  P_CIT_KNOWN, P_FOREIGN, P_MINORS,
  P_EARNERS, P_UNKNOWN_15, P_PARTNERS, P_CHILDREN, P_SPARE,
};

/* Family lanes: what a family adds to its head's area. */
enum {
  F_FAMILIES, F_LARGE, F_SINGLE_PARENT, F_CARE_HARDSHIP, F_ECONOMIC_HARDSHIP, F_LOW_ISEE,
  F_WITH_MINORS, F_FAM_USERS, F_POV_USERS, F_65_ALONE, F_80_ALONE,
};

/* Per slot: 16 person lanes, 16 family lanes, then counters bumped one by
 * one by rare rows and the dwelling pass. */
enum {
  K_PERSON = 0,
  K_FAMILY = 16,
  K_CARE_NEED = 32, K_CARE_NEED_HOME_CARE, K_CARE_NEED_UNDER_65, K_DIS_USERS, K_ADD_USERS,
  K_ELD_USERS, K_IMMNOM_USERS, K_MULBEN_USERS, K_MINORS_LOW_ISEE,
  K_OCCUPANTS_SURFACE_KNOWN, K_OCCUPANTS_OVERCROWDED,
  K_SPARE,          /* always 0 */
  K_STRIDE = 48
};

/* WmCount → kernel slot position; the two ISEE denominators are set per year */
static const gint8 kernel_position[WM_N_COUNTS] = {
  [WM_COUNT_PERSONS] = K_PERSON + P_PERSONS,
  [WM_COUNT_25_64_EDU_KNOWN] = K_PERSON + P_EDU_KNOWN,
  [WM_COUNT_25_64_EDU_LOW] = K_PERSON + P_EDU_LOW,
  [WM_COUNT_15_29_COND_KNOWN] = K_PERSON + P_COND_KNOWN,
  [WM_COUNT_15_29_NEET] = K_PERSON + P_NEET,
  [WM_COUNT_15_64] = K_PERSON + P_15_64,
  [WM_COUNT_65] = K_PERSON + P_65,
  [WM_COUNT_80] = K_PERSON + P_80,
  [WM_COUNT_65_ALONE] = K_FAMILY + F_65_ALONE,
  [WM_COUNT_80_ALONE] = K_FAMILY + F_80_ALONE,
  [WM_COUNT_MINORS_ISEE_YEAR] = K_SPARE,
  [WM_COUNT_MINORS_LOW_ISEE] = K_MINORS_LOW_ISEE,
  [WM_COUNT_CITIZENSHIP_KNOWN] = K_PERSON + P_CIT_KNOWN,
  [WM_COUNT_FOREIGN] = K_PERSON + P_FOREIGN,
  [WM_COUNT_CARE_NEED] = K_CARE_NEED,
  [WM_COUNT_CARE_NEED_HOME_CARE] = K_CARE_NEED_HOME_CARE,
  [WM_COUNT_CARE_NEED_UNDER_65] = K_CARE_NEED_UNDER_65,
  [WM_COUNT_DIS_USERS] = K_DIS_USERS,
  [WM_COUNT_ADD_USERS] = K_ADD_USERS,
  [WM_COUNT_ELD_USERS] = K_ELD_USERS,
  [WM_COUNT_IMMNOM_USERS] = K_IMMNOM_USERS,
  [WM_COUNT_MULBEN_USERS] = K_MULBEN_USERS,
  [WM_COUNT_OCCUPANTS_SURFACE_KNOWN] = K_OCCUPANTS_SURFACE_KNOWN,
  [WM_COUNT_OCCUPANTS_OVERCROWDED] = K_OCCUPANTS_OVERCROWDED,
  [WM_COUNT_FAMILIES] = K_FAMILY + F_FAMILIES,
  [WM_COUNT_FAMILIES_LARGE] = K_FAMILY + F_LARGE,
  [WM_COUNT_FAMILIES_SINGLE_PARENT] = K_FAMILY + F_SINGLE_PARENT,
  [WM_COUNT_FAMILIES_CARE_HARDSHIP] = K_FAMILY + F_CARE_HARDSHIP,
  [WM_COUNT_FAMILIES_ECONOMIC_HARDSHIP] = K_FAMILY + F_ECONOMIC_HARDSHIP,
  [WM_COUNT_FAMILIES_ISEE_YEAR] = K_SPARE,
  [WM_COUNT_FAMILIES_LOW_ISEE] = K_FAMILY + F_LOW_ISEE,
  [WM_COUNT_FAMILIES_WITH_MINORS] = K_FAMILY + F_WITH_MINORS,
  [WM_COUNT_FAMILIES_FAM_USERS] = K_FAMILY + F_FAM_USERS,
  [WM_COUNT_FAMILIES_POV_USERS] = K_FAMILY + F_POV_USERS,
};

/* more occupants than this make a dwelling of each surface class
 * overcrowded (ISTAT: < 40 m² > 4, 40–59 > 5, 60–79 > 6) */
static const guint16 overcrowding_limit[] = {
  [WM_SURFACE_UNDER_40] = 4,
  [WM_SURFACE_40_TO_60] = 5,
  [WM_SURFACE_60_TO_80] = 6,
  [WM_SURFACE_80_AND_MORE] = G_MAXUINT16,
  [WM_SURFACE_UNKNOWN] = G_MAXUINT16,
};

/* 16-bit lanes: area totals go to the counters before any can wrap */
#define MAX_RUN 60000

/* What the kernel needs of a dwelling, side by side: one cache miss, not
 * two, for a family that moved away from its usual place in the order. */
typedef struct {
  guint16 slot;
  guint16 occupants;      /* this year, so far */
} Dwelling;

struct _WmKernel
{
  WmPopulation *pop;
  guint n_slots;
  guint32 *counts;        /* n_slots × K_STRIDE */
  Dwelling *dwellings;
  guint16 *codes;         /* per row */
  guint8 *family_bits;    /* per family: FAMILY_LOW_ISEE | WM_FFLAG_FAM | WM_FFLAG_POV */
};

/* in family_bits, in place of WM_FFLAG_ISEE: a declaration below the year's threshold */
#define FAMILY_LOW_ISEE WM_FFLAG_ISEE

/* CODE_LANES (code) → the person lanes of such a row, the same for every
 * year and layer; NOT_HELD → zeros. A family's counter mask, 8 bits at a
 * time → lanes. */
static Lanes person_lanes[N_LANE_CODES];
static Half mask_lanes[2][256];
/* Parts of a family's counter mask (see family_mask()):
 * - by the head's code >> CODE_AGE_SHIFT (relation, kin, age class):
 *   HEAD_REF_YOUNG for a reference person under 65, and the lanes
 *   F_65_ALONE and F_80_ALONE the family has if the head lives alone;
 * - by which of the members' counts of minors, earners, persons of unknown
 *   condition from 15, partners and children (lanes P_MINORS to
 *   P_CHILDREN, in that order) are 0, with HEAD_REF_YOUNG (bit 5) and the
 *   family's FAM flag (bit 6);
 * - by the family's flags (FAMILY_LOW_ISEE, FAM, POV). */
#define HEAD_REF_YOUNG (1u << 15)
#define BIT(bits, i) (((bits) >> (i)) & 1)
#define ALONE_LANES (1u << F_65_ALONE | 1u << F_80_ALONE)
static guint16 head_part[1 << (16 - CODE_AGE_SHIFT)];
static guint16 member_part[1 << 7];
static guint16 flags_part[8];
/* [FALSE] all zeros, [TRUE] all ones: selects a vector without a branch */
static Lanes select_lanes[2];

static inline guint16
lane (const Lanes *l, int i)
{
  return i < 8 ? l->lo[i] : l->hi[i - 8];
}

static inline void
set_lane (Lanes *l, int i, guint16 value)
{
  if (i < 8)
    l->lo[i] = value;
  else
    l->hi[i - 8] = value;
}

static inline void
add_lanes (Lanes *acc, const Lanes *v)
{
  acc->lo += v->lo;
  acc->hi += v->hi;
}

static inline void
sub_lanes (Lanes *acc, const Lanes *v)
{
  acc->lo -= v->lo;
  acc->hi -= v->hi;
}

/* acc += v if @yes, without a branch */
static inline void
add_lanes_if (Lanes *acc, const Lanes *v, gboolean yes)
{
  const Lanes *sel = &select_lanes[yes != FALSE];

  acc->lo += v->lo & sel->lo;
  acc->hi += v->hi & sel->hi;
}

static void
init_tables (void)
{
  static gsize done = 0;

  if (!g_once_init_enter (&done))
    return;
  for (guint i = 0; i < N_LANE_CODES; i++)
    {
      guint ac = (i >> CODE_AGE_SHIFT) & 7, attrs = i & 0x78, c = i & 7, kin = i >> CODE_KIN_SHIFT;
      gboolean a15_64 = ac >= AGE_15_17 && ac <= AGE_30_64;
      gboolean a25_64 = ac == AGE_25_29 || ac == AGE_30_64;
      gboolean a15_29 = ac >= AGE_15_17 && ac <= AGE_25_29;
      gboolean edu_known = (attrs & WM_ATTR_EDU_KNOWN) != 0;
      gboolean cit_known = (attrs & WM_ATTR_CIT_KNOWN) != 0;
      Lanes *v = &person_lanes[i];

      if (i & NOT_HELD)
        continue;
      set_lane (v, P_PERSONS, 1);
      set_lane (v, P_15_64, a15_64);
      set_lane (v, P_65, ac >= AGE_65_79);
      set_lane (v, P_80, ac == AGE_80_PLUS);
      set_lane (v, P_EDU_KNOWN, a25_64 && edu_known);
      set_lane (v, P_EDU_LOW, a25_64 && edu_known && (attrs & WM_ATTR_EDU_LOW));
      set_lane (v, P_COND_KNOWN, a15_29 && c != WM_CONDITION_UNKNOWN);
      set_lane (v, P_NEET, a15_29 && c != WM_CONDITION_UNKNOWN && c != WM_CONDITION_EMPLOYED &&
                           c != WM_CONDITION_STUDENT);
      set_lane (v, P_CIT_KNOWN, cit_known);
      set_lane (v, P_FOREIGN, cit_known && (attrs & WM_ATTR_FOREIGN));
      set_lane (v, P_MINORS, ac == AGE_0_14 || ac == AGE_15_17);
      set_lane (v, P_EARNERS, c == WM_CONDITION_EMPLOYED || c == WM_CONDITION_RETIRED);
      set_lane (v, P_UNKNOWN_15, ac >= AGE_15_17 && c == WM_CONDITION_UNKNOWN);
      set_lane (v, P_PARTNERS, kin == 1);
      set_lane (v, P_CHILDREN, kin == 2);
    }
  for (guint half = 0; half < 2; half++)
    for (guint bits = 0; bits < 256; bits++)
      for (guint i = 0; i < 8; i++)
        mask_lanes[half][bits][i] = (bits >> i) & 1;
  for (int i = 0; i < 16; i++)
    set_lane (&select_lanes[TRUE], i, G_MAXUINT16);
  for (guint h = 0; h < G_N_ELEMENTS (head_part); h++)
    {
      guint ac = h & 7, relation = h >> (CODE_RELATION_SHIFT - CODE_AGE_SHIFT);

      head_part[h] = (relation == WM_RELATION_REFERENCE && ac < AGE_65_79 ? HEAD_REF_YOUNG : 0) |
                     (ac >= AGE_65_79) << F_65_ALONE | (ac == AGE_80_PLUS) << F_80_ALONE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (member_part); i++)
    {
      gboolean minors = !BIT (i, 0), earners = !BIT (i, 1), unknown_15 = !BIT (i, 2);
      gboolean partners = !BIT (i, 3), children = !BIT (i, 4), ref_young = BIT (i, 5), fam = BIT (i, 6);
      gboolean young_parent = ref_young && children;

      member_part[i] = (young_parent && !partners) << F_SINGLE_PARENT |
                       (young_parent && !earners && !unknown_15) << F_ECONOMIC_HARDSHIP |
                       minors << F_WITH_MINORS | (minors && fam) << F_FAM_USERS;
    }
  for (guint b = 0; b < G_N_ELEMENTS (flags_part); b++)
    {
      gboolean low = (b & FAMILY_LOW_ISEE) != 0;

      flags_part[b] = low << F_LOW_ISEE | (low && (b & WM_FFLAG_POV)) << F_POV_USERS;
    }
  g_once_init_leave (&done, 1);
}

#define HUGE_PAGE (2u << 20)

/* The kernel's tables are read at random (where a family lives, a flagged
 * row's code): on 4 KiB pages a city's 5 MB of dwellings alone needs more
 * TLB entries than a core has. malloc's big blocks are not 2 MiB aligned,
 * so they never got 2 MiB pages, even with transparent huge pages always
 * on (bench-indicators: 0 kB AnonHugePages; 12 MB with this). Freed with
 * g_free() (GLib's allocator is malloc). */
static gpointer
table_new (gsize size)
{
  gpointer p = NULL;

  if (size < HUGE_PAGE || posix_memalign (&p, HUGE_PAGE, size) != 0)
    return g_malloc (MAX (size, 1));
#ifdef MADV_HUGEPAGE
  madvise (p, size, MADV_HUGEPAGE);
#endif
  return p;
}

/**
 * wm_indicator_kernel_new:
 * @layer: the index of the layer whose dwelling → area map places people
 *
 * Scratch space for counting one layer, one year at a time.
 */
WmKernel *
wm_indicator_kernel_new (WmPopulation *pop,
                         guint         layer)
{
  WmKernel *k = g_new0 (WmKernel, 1);

  init_tables ();
  k->pop = pop;
  k->n_slots = wm_area_layer_get_n_areas (wm_population_get_layer (pop, layer)) + 1;
  k->counts = table_new (sizeof (guint32) * k->n_slots * K_STRIDE);
  k->dwellings = table_new (sizeof (Dwelling) * pop->n_dwellings);
  memset (k->dwellings, 0, sizeof (Dwelling) * pop->n_dwellings);
  for (guint32 d = 0; d < pop->n_dwellings; d++)
    k->dwellings[d].slot = pop->dwelling_area[layer][d];
  k->codes = table_new (sizeof (guint16) * pop->n_rows);
  k->family_bits = table_new (pop->n_families);
  return k;
}

void
wm_indicator_kernel_free (WmKernel *k)
{
  g_free (k->counts);
  g_free (k->dwellings);
  g_free (k->codes);
  g_free (k->family_bits);
  g_free (k);
}

/* Pass 1: no branches and restrict pointers, so the compiler vectorises it
 * (GCC 12 at -O2 only with its dynamic cost model; Clang does by default). */
#if defined (__GNUC__) && !defined (__clang__)
__attribute__ ((optimize ("vect-cost-model=dynamic")))
#endif
static void
encode_rows (const guint8  *restrict y0,
             const guint8  *restrict y1,
             const guint8  *restrict age0,
             const guint8  *restrict attrs,
             const guint32 *restrict cond,
             guint16       *restrict codes,
             guint32                 n_rows,
             guint                   y)
{
  const guint shift = 3 * (y % WM_COND_YEARS_PER_WORD);
  static const int bounds[] = { 0, 15, 18, 25, 30, 65, 80 };
  gint16 t[G_N_ELEMENTS (bounds)];

  /* age ≥ b ⇔ age0 ≥ b + bias − y: compared in 16 bits, 8 rows per
   * vector, where comparing the age itself would take 32 */
  for (guint i = 0; i < G_N_ELEMENTS (bounds); i++)
    t[i] = CLAMP (bounds[i] + WM_AGE_BIAS - (int) y, 0, 256);

  for (guint32 r = 0; r < n_rows; r++)
    {
      gint16 a = age0[r];
      guint16 ac = (guint16) (a >= t[0]) + (guint16) (a >= t[1]) + (guint16) (a >= t[2]) + (guint16) (a >= t[3]) +
                   (guint16) (a >= t[4]) + (guint16) (a >= t[5]) + (guint16) (a >= t[6]);
      guint16 held = (guint8) (y - y0[r]) < (guint8) (y1[r] - y0[r]);
      guint16 rel = attrs[r] & WM_ATTR_RELATION;
      guint16 kin = (guint16) (rel == WM_RELATION_PARTNER) | (guint16) (rel == WM_RELATION_CHILD) << 1;
      guint16 code = rel << CODE_RELATION_SHIFT | kin << CODE_KIN_SHIFT | ac << CODE_AGE_SHIFT |
                     (attrs[r] & 0x78) | (guint16) ((cond[r] >> shift) & 7);

      codes[r] = held ? code : NOT_HELD;
    }
}

static void
build_codes (WmKernel *k,
             guint     y)
{
  WmPopulation *pop = k->pop;

  encode_rows (pop->y0, pop->y1, pop->age0, pop->attrs, pop->cond[y / WM_COND_YEARS_PER_WORD],
               k->codes, pop->n_rows, y);
}

static inline void
flush (guint32 *counts, guint slot, int offset, Lanes *lanes)
{
  guint32 *C = counts + (gsize) slot * K_STRIDE + offset;

  for (int i = 0; i < 8; i++)
    {
      C[i] += lanes->lo[i];
      C[i + 8] += lanes->hi[i];
    }
  *lanes = (Lanes) { { 0 }, { 0 } };
}

/* Bit i set where lane i of @a equals lane i of @b */
static inline guint
equal_lanes (const Lanes *a,
             const Lanes *b)
{
#ifdef __SSE2__
  return _mm_movemask_epi8 (_mm_packs_epi16 ((__m128i) (a->lo == b->lo), (__m128i) (a->hi == b->hi)));
#else
  guint bits = 0;

  for (int i = 0; i < 16; i++)
    bits |= (lane (a, i) == lane (b, i)) << i;
  return bits;
#endif
}

/* The family's counters as a bit mask, without branches (families differ
 * too much for a predictor) and mostly from the lookup tables made in
 * init_tables(): this runs for every family of every year, and working
 * the rules out one by one here cost more than the rest of the family. */
static inline guint
family_mask (const Lanes *members,
             guint        size,
             guint        head_code,
             guint        fbits)
{
  static const Lanes zeros = { { 0 }, { 0 } };
  guint zero = equal_lanes (members, &zeros);
  guint head = head_part[head_code >> CODE_AGE_SHIFT];
  guint index = (zero >> P_MINORS & 0x1f) | ((head & HEAD_REF_YOUNG) != 0) << 5 |
                ((fbits & WM_FFLAG_FAM) != 0) << 6;

  return 1u << F_FAMILIES | member_part[index] | flags_part[fbits & 7] | (size >= 6) << F_LARGE |
         /* one member: the head is that person, in their own area */
         (head & (size == 1 ? ALONE_LANES : 0)) |
         ((members->lo[P_65] == size) & !BIT (zero, P_80)) << F_CARE_HARDSHIP;
}

/* Pass 2a: the year's sparse family flags, spread to one byte per family.
 * Looking them up in the families pass instead made each family wait for
 * the previous one's lookup (a chain of loads through the list's cursor). */
static void
spread_family_flags (WmKernel *k,
                     guint     y)
{
  WmPopulation *pop = k->pop;
  const WmYearFlags *ff = &pop->family_flags[y];
  const gboolean has_threshold = pop->has_threshold[y];
  const gint64 threshold = pop->threshold_cents[y];

  memset (k->family_bits, 0, pop->n_families);
  for (guint32 i = 0; i < ff->n; i++)
    {
      guint bits = ff->bits[i];
      gboolean low = has_threshold & ((bits & WM_FFLAG_ISEE) != 0) & (ff->isee_cents[i] < threshold);

      k->family_bits[ff->key[i]] = (bits & (WM_FFLAG_FAM | WM_FFLAG_POV)) | (low ? FAMILY_LOW_ISEE : 0);
    }
}

/* Pass 2b. */
static void
count_families (WmKernel *k,
                guint     y)
{
  WmPopulation *pop = k->pop;
  const guint32 *family_start = pop->family_start;
  const guint8 *fy0 = pop->family_y0, *fy1 = pop->family_y1;
  const guint32 *dwelling = pop->dwelling;
  const guint16 *codes = k->codes;
  const guint8 *family_bits = k->family_bits;
  const guint32 n_families = pop->n_families;
  guint32 *counts = k->counts;
  Dwelling *dw = k->dwellings;
  /* running totals of the current slot: person lanes, the same for
   * families below the ISEE threshold (for their minors), family lanes */
  Lanes area = { { 0 }, { 0 } }, area_low_isee = { { 0 }, { 0 } }, families = { { 0 }, { 0 } };
  guint slot = 0, run = 0;

  for (guint32 f = 0; f < n_families; f++)
    {
      Lanes members = { { 0 }, { 0 } }, away = { { 0 }, { 0 } };
      guint32 r = family_start[f], end = family_start[f + 1], head_dwelling;
      guint head_code, head_slot, fbits = 0, n_away = 0, mask, size;
      gboolean low_isee = FALSE, communal;

      /* Families that moved sit out of place in the order: fetch ahead
       * where a family lives (32 steps on) and, once that has arrived,
       * its area's counters (16 steps on). */
      if (f + 32 < n_families)
        __builtin_prefetch (&dw[dwelling[family_start[f + 32]]], 1);
      if (f + 16 < n_families)
        __builtin_prefetch (counts + (gsize) dw[dwelling[family_start[f + 16]]].slot * K_STRIDE, 1);
      if (y < fy0[f] || y >= fy1[f])
        continue;
      /* the first row that holds y is the head */
      while (r < end && codes[r] == NOT_HELD)
        r++;
      if (r == end)
        continue;
      head_code = codes[r];
      head_dwelling = dwelling[r];
      head_slot = dw[head_dwelling].slot;
      /* a convivenza: its members count as residents, but it is no family
       * and they live in no dwelling (ISTAT's "abitazione") */
      communal = (head_code >> CODE_RELATION_SHIFT) == WM_ROW_COMMUNAL;

      for (; r < end; r++)
        {
          guint code = codes[r];
          const Lanes *v = &person_lanes[CODE_LANES (code)];

          add_lanes (&members, v);
          /* a member registered at another address (a registry
           * inconsistency) is counted where they live */
          if (G_UNLIKELY ((dwelling[r] != head_dwelling) & (code != NOT_HELD)))
            {
              Dwelling *d = &dw[dwelling[r]];
              Lanes one = *v;

              d->occupants += (d->occupants != G_MAXUINT16) & !communal;
              flush (counts, d->slot, K_PERSON, &one);
              add_lanes (&away, v);
              n_away++;
            }
        }

      fbits = family_bits[f];
      low_isee = ((fbits & FAMILY_LOW_ISEE) != 0) & !communal;
      for (r = family_start[f]; G_UNLIKELY (n_away > 0 && low_isee) && r < end; r++)
        if (dwelling[r] != head_dwelling && codes[r] != NOT_HELD)
          counts[(gsize) dw[dwelling[r]].slot * K_STRIDE + K_MINORS_LOW_ISEE] +=
            lane (&person_lanes[CODE_LANES (codes[r])], P_MINORS);
      size = members.lo[P_PERSONS];
      dw[head_dwelling].occupants = MIN ((guint) dw[head_dwelling].occupants + (communal ? 0 : size - n_away),
                                         G_MAXUINT16);
      mask = communal ? 0 : family_mask (&members, size, head_code, fbits);

      if (head_slot != slot || run >= MAX_RUN)
        {
          flush (counts, slot, K_PERSON, &area);
          flush (counts, slot, K_FAMILY, &families);
          counts[(gsize) slot * K_STRIDE + K_MINORS_LOW_ISEE] += lane (&area_low_isee, P_MINORS);
          area_low_isee = (Lanes) { { 0 }, { 0 } };
          slot = head_slot;
          run = 0;
        }
      run += size;
      sub_lanes (&members, &away);
      add_lanes (&area, &members);
      add_lanes_if (&area_low_isee, &members, low_isee);
      families.lo += mask_lanes[0][mask & 0xff];
      families.hi += mask_lanes[1][mask >> 8];
    }
  flush (counts, slot, K_PERSON, &area);
  flush (counts, slot, K_FAMILY, &families);
  counts[(gsize) slot * K_STRIDE + K_MINORS_LOW_ISEE] += lane (&area_low_isee, P_MINORS);
}

/* Pass 3: the few rows with a care need or a service episode this year. */
static void
count_person_flags (WmKernel *k,
                    guint     y)
{
  WmPopulation *pop = k->pop;
  const WmYearFlags *pf = &pop->person_flags[y];

  for (guint32 i = 0; i < pf->n; i++)
    {
      guint32 r = pf->key[i];

      /* rows far apart: fetch ahead a row's code and dwelling, and once
       * those have arrived, the dwelling's slot */
      if (i + 16 < pf->n)
        {
          __builtin_prefetch (&k->codes[pf->key[i + 16]]);
          __builtin_prefetch (&pop->dwelling[pf->key[i + 16]]);
        }
      if (i + 8 < pf->n)
        __builtin_prefetch (&k->dwellings[pop->dwelling[pf->key[i + 8]]]);
      guint bits = pf->bits[i], code = k->codes[r];
      const Lanes *v = &person_lanes[CODE_LANES (code)];
      guint32 *C = k->counts + (gsize) k->dwellings[pop->dwelling[r]].slot * K_STRIDE;

      C[K_MULBEN_USERS] += (bits & WM_PFLAG_MULBEN) != 0;
      C[K_ADD_USERS] += lane (v, P_15_64) && (bits & WM_PFLAG_ADD);
      C[K_ELD_USERS] += lane (v, P_65) && (bits & WM_PFLAG_ELD);
      C[K_IMMNOM_USERS] += lane (v, P_FOREIGN) && (bits & WM_PFLAG_IMMNOM);
      if (bits & WM_PFLAG_CARE_NEED)
        {
          C[K_CARE_NEED]++;
          C[K_CARE_NEED_HOME_CARE] += (bits & WM_PFLAG_HOME_CARE) != 0;
          if (((code >> CODE_AGE_SHIFT) & 7) < AGE_65_79)
            {
              C[K_CARE_NEED_UNDER_65]++;
              C[K_DIS_USERS] += (bits & WM_PFLAG_DIS) != 0;
            }
        }
    }
}

/* Pass 4: dwellings come in slot order, so the two sums stay in registers
 * for a whole area; no branch on the surface or on empty dwellings. */
static void
count_dwellings (WmKernel *k)
{
  WmPopulation *pop = k->pop;
  const guint8 *surface = pop->surface_class;
  const guint32 n_dwellings = pop->n_dwellings;
  Dwelling *dw = k->dwellings;
  guint slot = dw[0].slot;
  guint32 known = 0, overcrowded = 0;

  for (guint32 d = 0; d < n_dwellings; d++)
    {
      guint o = dw[d].occupants, cls = surface[d];

      if (dw[d].slot != slot)
        {
          k->counts[(gsize) slot * K_STRIDE + K_OCCUPANTS_SURFACE_KNOWN] += known;
          k->counts[(gsize) slot * K_STRIDE + K_OCCUPANTS_OVERCROWDED] += overcrowded;
          known = overcrowded = 0;
          slot = dw[d].slot;
        }
      dw[d].occupants = 0;
      /* masks, not ?: — GCC made those branches, which surfaces and
       * occupancies leave to chance */
      known += o & -(guint) (cls != WM_SURFACE_UNKNOWN);
      overcrowded += o & -(guint) (o > overcrowding_limit[cls]);
    }
  k->counts[(gsize) slot * K_STRIDE + K_OCCUPANTS_SURFACE_KNOWN] += known;
  k->counts[(gsize) slot * K_STRIDE + K_OCCUPANTS_OVERCROWDED] += overcrowded;
}

/**
 * wm_indicator_kernel_year:
 * @out: (out caller-allocates): WM_N_COUNTS × n_slots counters, counter-major
 *
 * Every counter of every area of the kernel's layer at year offset @y.
 */
void
wm_indicator_kernel_year (WmKernel *k,
                          guint     y,
                          guint32  *out)
{
  const gboolean has_threshold = k->pop->has_threshold[y];
  int pos[WM_N_COUNTS];

  memset (k->counts, 0, sizeof (guint32) * k->n_slots * K_STRIDE);
  build_codes (k, y);
  spread_family_flags (k, y);
  count_families (k, y);
  count_person_flags (k, y);
  count_dwellings (k);

  for (int c = 0; c < WM_N_COUNTS; c++)
    pos[c] = kernel_position[c];
  /* the ISEE denominators are the minors and families of a year that has a threshold */
  pos[WM_COUNT_MINORS_ISEE_YEAR] = has_threshold ? K_PERSON + P_MINORS : K_SPARE;
  pos[WM_COUNT_FAMILIES_ISEE_YEAR] = has_threshold ? K_FAMILY + F_FAMILIES : K_SPARE;
  for (guint s = 0; s < k->n_slots; s++)
    {
      const guint32 *src = k->counts + (gsize) s * K_STRIDE;

      for (int c = 0; c < WM_N_COUNTS; c++)
        out[(gsize) c * k->n_slots + s] = src[pos[c]];
    }
}

gsize
wm_indicator_kernel_bytes_per_year (WmPopulation *pop,
                                    guint         y)
{
  gsize rows = pop->n_rows, families = pop->n_families, dwellings = pop->n_dwellings;

  /* Each array counted once per pass that reads or writes it, whatever
   * the access pattern. Pass 1 reads y0, y1, age0, attrs and one condition
   * word per row and writes a 2-byte code; pass 2a reads the family flags
   * and writes a byte per family (cleared, then set where flagged); pass
   * 2b reads the codes and dwellings, run start and year range and that
   * byte per family, and slot and occupant tally per dwelling; pass 3 the
   * person flags; pass 4 slot, tally and surface class per dwelling. The
   * layer's dwelling → slot map is copied once per layer, not counted. */
  return rows * (1 + 1 + 1 + 1 + 4 + 2) +
         families * 1 + (gsize) pop->family_flags[y].n * (4 + 2 + 4 + 1) +
         rows * (2 + 4) + families * (4 + 1 + 1 + 1) + dwellings * (2 + 2) +
         (gsize) pop->person_flags[y].n * (4 + 2) +
         dwellings * (2 + 2 + 1);
}
