/* wm-palette-private.h — the generated ColorBrewer table
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include "wm-palette.h"

typedef struct {
  const char *name;
  WmPaletteKind kind;
  gboolean colorblind_safe;
  /* colors[k - 3] holds the k-class scheme */
  WmRgb colors[WM_PALETTE_MAX_CLASSES - WM_PALETTE_MIN_CLASSES + 1][WM_PALETTE_MAX_CLASSES];
} WmPaletteData;

extern const WmPaletteData wm_palette_data[];
extern const gsize wm_palette_data_len;
