/* wm-indicator-private.h — the counters the kernel keeps per area and year
 *
 * Indicators are ratios of two counters; several indicators share one
 * (families, persons 65+…), so the kernel counts each thing once.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include "wm-indicator-def.h"
#include "wm-population-private.h"

G_BEGIN_DECLS

typedef enum {
  /* persons, in the area of their own dwelling */
  WM_COUNT_PERSONS,
  WM_COUNT_25_64_EDU_KNOWN,
  WM_COUNT_25_64_EDU_LOW,
  WM_COUNT_15_29_COND_KNOWN,
  WM_COUNT_15_29_NEET,
  WM_COUNT_15_64,
  WM_COUNT_65,
  WM_COUNT_80,
  WM_COUNT_65_ALONE,
  WM_COUNT_80_ALONE,
  WM_COUNT_MINORS_ISEE_YEAR,      /* 0–17, in a year with a threshold */
  WM_COUNT_MINORS_LOW_ISEE,
  WM_COUNT_CITIZENSHIP_KNOWN,
  WM_COUNT_FOREIGN,
  WM_COUNT_CARE_NEED,
  WM_COUNT_CARE_NEED_HOME_CARE,
  WM_COUNT_CARE_NEED_UNDER_65,
  WM_COUNT_DIS_USERS,
  WM_COUNT_ADD_USERS,
  WM_COUNT_ELD_USERS,
  WM_COUNT_IMMNOM_USERS,
  WM_COUNT_MULBEN_USERS,
  /* occupants, in the area of their dwelling */
  WM_COUNT_OCCUPANTS_SURFACE_KNOWN,
  WM_COUNT_OCCUPANTS_OVERCROWDED,
  /* families, in the area of their head's dwelling */
  WM_COUNT_FAMILIES,
  WM_COUNT_FAMILIES_LARGE,
  WM_COUNT_FAMILIES_SINGLE_PARENT,
  WM_COUNT_FAMILIES_CARE_HARDSHIP,
  WM_COUNT_FAMILIES_ECONOMIC_HARDSHIP,
  WM_COUNT_FAMILIES_ISEE_YEAR,    /* families, in a year with a threshold */
  WM_COUNT_FAMILIES_LOW_ISEE,
  WM_COUNT_FAMILIES_WITH_MINORS,
  WM_COUNT_FAMILIES_FAM_USERS,
  WM_COUNT_FAMILIES_POV_USERS,
  WM_N_COUNTS
} WmCount;

/* Numerator and denominator counters of each indicator (the composite has
 * none: -1). */
static const struct {
  int num;
  int den;
} wm_indicator_counts[WM_N_INDICATORS] = {
  [WM_INDICATOR_IVSM_LOW_EDUCATION] = { WM_COUNT_25_64_EDU_LOW, WM_COUNT_25_64_EDU_KNOWN },
  [WM_INDICATOR_IVSM_LARGE_FAMILIES] = { WM_COUNT_FAMILIES_LARGE, WM_COUNT_FAMILIES },
  [WM_INDICATOR_IVSM_SINGLE_PARENT] = { WM_COUNT_FAMILIES_SINGLE_PARENT, WM_COUNT_FAMILIES },
  [WM_INDICATOR_IVSM_CARE_HARDSHIP] = { WM_COUNT_FAMILIES_CARE_HARDSHIP, WM_COUNT_FAMILIES },
  [WM_INDICATOR_IVSM_OVERCROWDING] = { WM_COUNT_OCCUPANTS_OVERCROWDED, WM_COUNT_OCCUPANTS_SURFACE_KNOWN },
  [WM_INDICATOR_IVSM_NEET] = { WM_COUNT_15_29_NEET, WM_COUNT_15_29_COND_KNOWN },
  [WM_INDICATOR_IVSM_ECONOMIC_HARDSHIP] = { WM_COUNT_FAMILIES_ECONOMIC_HARDSHIP, WM_COUNT_FAMILIES },
  [WM_INDICATOR_IVSM] = { -1, -1 },
  [WM_INDICATOR_ISEE_LOW_FAMILIES] = { WM_COUNT_FAMILIES_LOW_ISEE, WM_COUNT_FAMILIES_ISEE_YEAR },
  [WM_INDICATOR_ISEE_LOW_MINORS] = { WM_COUNT_MINORS_LOW_ISEE, WM_COUNT_MINORS_ISEE_YEAR },
  [WM_INDICATOR_ELDERLY_ALONE_65] = { WM_COUNT_65_ALONE, WM_COUNT_65 },
  [WM_INDICATOR_ELDERLY_ALONE_80] = { WM_COUNT_80_ALONE, WM_COUNT_80 },
  [WM_INDICATOR_OLD_AGE_DEPENDENCY] = { WM_COUNT_65, WM_COUNT_15_64 },
  [WM_INDICATOR_CARE_COVERAGE] = { WM_COUNT_CARE_NEED_HOME_CARE, WM_COUNT_CARE_NEED },
  [WM_INDICATOR_FOREIGN_RESIDENTS] = { WM_COUNT_FOREIGN, WM_COUNT_CITIZENSHIP_KNOWN },
  [WM_INDICATOR_TAKEUP_FAM] = { WM_COUNT_FAMILIES_FAM_USERS, WM_COUNT_FAMILIES_WITH_MINORS },
  [WM_INDICATOR_TAKEUP_DIS] = { WM_COUNT_DIS_USERS, WM_COUNT_CARE_NEED_UNDER_65 },
  [WM_INDICATOR_TAKEUP_ADD] = { WM_COUNT_ADD_USERS, WM_COUNT_15_64 },
  [WM_INDICATOR_TAKEUP_ELD] = { WM_COUNT_ELD_USERS, WM_COUNT_65 },
  [WM_INDICATOR_TAKEUP_IMMNOM] = { WM_COUNT_IMMNOM_USERS, WM_COUNT_FOREIGN },
  [WM_INDICATOR_TAKEUP_POV] = { WM_COUNT_FAMILIES_POV_USERS, WM_COUNT_FAMILIES_LOW_ISEE },
  [WM_INDICATOR_TAKEUP_MULBEN] = { WM_COUNT_MULBEN_USERS, WM_COUNT_PERSONS },
};

/* Counts one layer, one year at a time (wm-indicator-kernel.c). */
typedef struct _WmKernel WmKernel;

WmKernel *wm_indicator_kernel_new   (WmPopulation *pop,
                                     guint         layer);
void      wm_indicator_kernel_year  (WmKernel     *kernel,
                                     guint         year_offset,
                                     guint32      *counts);
void      wm_indicator_kernel_free  (WmKernel     *kernel);

/* Bytes of columns one kernel year reads (for the benchmark's bound). */
gsize wm_indicator_kernel_bytes_per_year (WmPopulation *pop,
                                          guint         year_offset);

G_END_DECLS
