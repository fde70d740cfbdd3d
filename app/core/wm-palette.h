/* wm-palette.h — ColorBrewer colour schemes for choropleth classes
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  WM_PALETTE_SEQUENTIAL,
  WM_PALETTE_DIVERGING,
} WmPaletteKind;

#define WM_PALETTE_MIN_CLASSES 3
#define WM_PALETTE_MAX_CLASSES 9

/* Colour-blind safe (ColorBrewer's own rating) and printable in grey. */
#define WM_PALETTE_DEFAULT_SEQUENTIAL "YlOrRd"
#define WM_PALETTE_DEFAULT_DIVERGING  "RdBu"

/* A colour as 0xRRGGBB. */
typedef guint32 WmRgb;

#define WM_RGB_R(c) ((((c) >> 16) & 0xff) / 255.0)
#define WM_RGB_G(c) ((((c) >> 8) & 0xff) / 255.0)
#define WM_RGB_B(c) (((c) & 0xff) / 255.0)

GPtrArray     *wm_palette_list                 (WmPaletteKind  kind,
                                                gboolean       colorblind_safe_only);
gboolean       wm_palette_exists               (const char    *name);
WmPaletteKind  wm_palette_get_kind             (const char    *name);
gboolean       wm_palette_is_colorblind_safe   (const char    *name);
gboolean       wm_palette_get_colors           (const char    *name,
                                                guint          n_classes,
                                                gboolean       reversed,
                                                WmRgb         *colors);
const char    *wm_palette_attribution          (void);

G_END_DECLS
