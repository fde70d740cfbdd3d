/* wm-indicator-def.h — the registry of indicator definitions
 *
 * Every indicator the app computes is one record here: what it measures, in
 * which unit, which way is worse, who is counted in the numerator and the
 * denominator. The engine evaluates numerator and denominator counts per
 * area and year; rates, the composite, aggregation and disclosure control
 * all start from those counts. General rules (the 31 December snapshot,
 * who belongs to a family, unknown values) are in wm-indicators.md.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The indicators, in registry order. */
typedef enum {
  WM_INDICATOR_IVSM_LOW_EDUCATION,
  WM_INDICATOR_IVSM_LARGE_FAMILIES,
  WM_INDICATOR_IVSM_SINGLE_PARENT,
  WM_INDICATOR_IVSM_CARE_HARDSHIP,
  WM_INDICATOR_IVSM_OVERCROWDING,
  WM_INDICATOR_IVSM_NEET,
  WM_INDICATOR_IVSM_ECONOMIC_HARDSHIP,
  WM_INDICATOR_IVSM,
  WM_INDICATOR_ISEE_LOW_FAMILIES,
  WM_INDICATOR_ISEE_LOW_MINORS,
  WM_INDICATOR_ELDERLY_ALONE_65,
  WM_INDICATOR_ELDERLY_ALONE_80,
  WM_INDICATOR_OLD_AGE_DEPENDENCY,
  WM_INDICATOR_CARE_COVERAGE,
  WM_INDICATOR_FOREIGN_RESIDENTS,
  WM_INDICATOR_TAKEUP_FAM,
  WM_INDICATOR_TAKEUP_DIS,
  WM_INDICATOR_TAKEUP_ADD,
  WM_INDICATOR_TAKEUP_ELD,
  WM_INDICATOR_TAKEUP_IMMNOM,
  WM_INDICATOR_TAKEUP_POV,
  WM_INDICATOR_TAKEUP_MULBEN,
  WM_N_INDICATORS
} WmIndicatorId;

/* The seven IVSM components are the first seven ids. */
#define WM_IVSM_N_COMPONENTS 7

/* The map's sidebar groups indicators by theme. */
typedef enum {
  WM_INDICATOR_THEME_IVSM_COMPONENTS,
  WM_INDICATOR_THEME_COMPOSITE,
  WM_INDICATOR_THEME_ECONOMIC,
  WM_INDICATOR_THEME_ELDERLY_CARE,
  WM_INDICATOR_THEME_POPULATION,
  WM_INDICATOR_THEME_SERVICES,
  WM_N_INDICATOR_THEMES
} WmIndicatorTheme;

typedef enum {
  WM_INDICATOR_UNIT_PERCENT,      /* 100 · num / den, a share */
  WM_INDICATOR_UNIT_PER_100,      /* 100 · num / den, a ratio of two groups */
  WM_INDICATOR_UNIT_PER_1000,     /* 1000 · num / den */
  WM_INDICATOR_UNIT_EURO,         /* num / den, num a sum in euro */
  WM_INDICATOR_UNIT_INDEX,        /* a composite index, 100 = reference */
} WmIndicatorUnit;

typedef enum {
  WM_INDICATOR_POLARITY_HIGHER_IS_WORSE,
  WM_INDICATOR_POLARITY_HIGHER_IS_BETTER,
  WM_INDICATOR_POLARITY_NEUTRAL,  /* describes, neither good nor bad */
} WmIndicatorPolarity;

/* Who the numerator and denominator count. */
typedef enum {
  WM_INDICATOR_SUBJECT_PERSONS,
  WM_INDICATOR_SUBJECT_FAMILIES,
  WM_INDICATOR_SUBJECT_NONE,        /* the composite: computed from rates */
} WmIndicatorSubject;

typedef struct {
  WmIndicatorId        index;
  const char          *id;
  WmIndicatorTheme     theme;
  WmIndicatorUnit      unit;
  WmIndicatorPolarity  polarity;
  WmIndicatorSubject   subject;
  const char          *label_it;
  const char          *label_en;
  const char          *description_it;
  const char          *description_en;
  const char          *numerator_it;
  const char          *numerator_en;
  const char          *denominator_it;
  const char          *denominator_en;
  const char          *source;
} WmIndicatorDef;

const WmIndicatorDef *wm_indicator_defs             (guint               *n_defs);
const WmIndicatorDef *wm_indicator_def_get          (WmIndicatorId        index);
const WmIndicatorDef *wm_indicator_def_lookup       (const char          *id);
const char           *wm_indicator_def_get_label    (const WmIndicatorDef *def);
const char           *wm_indicator_def_get_description (const WmIndicatorDef *def);
const char           *wm_indicator_def_get_numerator (const WmIndicatorDef *def);
const char           *wm_indicator_def_get_denominator (const WmIndicatorDef *def);
const char           *wm_indicator_def_get_source   (const WmIndicatorDef *def);
double                wm_indicator_unit_scale       (WmIndicatorUnit      unit);
const char           *wm_indicator_unit_symbol      (WmIndicatorUnit      unit);
const char           *wm_indicator_theme_label      (WmIndicatorTheme     theme);
const char           *wm_indicator_polarity_label   (WmIndicatorPolarity  polarity);

G_END_DECLS
