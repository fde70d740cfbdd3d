/* wm-classify-private.h — both natural-breaks solvers, for the tests
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include "wm-classify.h"

/* @u: m distinct values, ascending; @w: their counts. Fills ends[c] = one
 * past the last index of class c (k entries). Returns the class count used
 * (min (k, m)). */
guint wm_classify_jenks_quadratic (const double *u,
                                   const double *w,
                                   gsize         m,
                                   guint         k,
                                   gsize        *ends);
guint wm_classify_jenks_dc        (const double *u,
                                   const double *w,
                                   gsize         m,
                                   guint         k,
                                   gsize        *ends);
