/* wm-basemap-style.h — the cartographic style of rendered basemaps
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a source layer is, as the user names it on the command line
 * (ROLE=FILE); AUTO guesses from geometry and OpenStreetMap tags. */
typedef enum {
  WM_BASEMAP_ROLE_AUTO,
  WM_BASEMAP_ROLE_ROADS,
  WM_BASEMAP_ROLE_ROUTES,
  WM_BASEMAP_ROLE_BOUNDARY,
  WM_BASEMAP_ROLE_ADMIN,
  WM_BASEMAP_ROLE_WATER,
  WM_BASEMAP_ROLE_GREEN,
} WmBasemapRole;

/* Feature kinds, in drawing order: later classes draw on top. */
typedef enum {
  WM_BASEMAP_KIND_NONE,
  WM_BASEMAP_KIND_GREEN,
  WM_BASEMAP_KIND_WATER,
  WM_BASEMAP_KIND_BOUNDARY,
  WM_BASEMAP_KIND_WATERWAY,
  WM_BASEMAP_KIND_PATH,
  WM_BASEMAP_KIND_TRACK,
  WM_BASEMAP_KIND_STEPS,
  WM_BASEMAP_KIND_SERVICE,
  WM_BASEMAP_KIND_MINOR,
  WM_BASEMAP_KIND_TERTIARY,
  WM_BASEMAP_KIND_SECONDARY,
  WM_BASEMAP_KIND_PRIMARY,
  WM_BASEMAP_KIND_MOTORWAY,
  WM_BASEMAP_KIND_RAIL,
  WM_BASEMAP_KIND_HIKING,
  WM_BASEMAP_KIND_CYCLE,
  WM_BASEMAP_KIND_ADMIN,
  WM_BASEMAP_N_KINDS
} WmBasemapKind;

typedef struct {
  guint32 fill;          /* 0xRRGGBB */
  guint32 casing;
  double width15;        /* line width in pixels at zoom 15 */
  double casing15;       /* extra width of the casing on each side at zoom 15 */
  double dash;           /* dash length at zoom 15, 0 = solid */
  double growth;         /* width factor per zoom level */
  int min_zoom;
  int label_min_zoom;    /* G_MAXINT: never labelled */
  gboolean is_area;
} WmBasemapStyle;

#define WM_BASEMAP_BACKGROUND 0xf2efe9
#define WM_BASEMAP_LABEL_COLOR 0x4a4a4a
#define WM_BASEMAP_HALO_COLOR 0xffffff

const WmBasemapStyle *wm_basemap_style_get        (WmBasemapKind  cls);
double                wm_basemap_style_width      (const WmBasemapStyle *style,
                                                   int                   zoom);
WmBasemapKind        wm_basemap_classify_highway (const char     *highway);
WmBasemapKind        wm_basemap_classify_route   (const char     *route);
gboolean              wm_basemap_role_parse       (const char     *text,
                                                   WmBasemapRole  *role);

G_END_DECLS
