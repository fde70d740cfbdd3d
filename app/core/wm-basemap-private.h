/* wm-basemap-private.h — what the loader and the renderer share
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include "wm-basemap.h"

G_BEGIN_DECLS

/* One feature, projected to world coordinates (see wm-mercator.h). */
typedef struct {
  WmBasemapKind cls;
  gboolean is_area;
  char *name;           /* label text, or NULL */
  guint n_parts;
  guint *part_len;      /* points per part (line or ring) */
  double *xy;           /* all parts' points, x y x y … */
  double bbox[4];       /* min x, min y, max x, max y */
  double label[2];      /* areas: a point inside, for the name */
} WmBasemapFeature;

GPtrArray *wm_basemap_get_features (WmBasemap *self);

void wm_basemap_draw (GPtrArray *features,
                      cairo_t   *cr,
                      int        zoom,
                      double     origin_x,
                      double     origin_y,
                      int        width,
                      int        height,
                      int        label_margin);

G_END_DECLS
