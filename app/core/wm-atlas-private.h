/* wm-atlas-private.h — what the parts of the atlas share
 *
 * wm-atlas.c        the snapshot: areas, values, ranks, disclosure, services
 * wm-atlas-layout.c where blocks go on a page, how a page is scaled
 * wm-atlas-text.c   pango text for print: fitting, wrapping, number formats
 * wm-atlas-map.c    the map frame: basemap, choropleth, markers, scale, north
 * wm-atlas-sheet.c  an area's sheet: title, table, charts, services, legend
 * wm-atlas-cover.c  the cover and the index
 * wm-atlas-pdf.c    writing PDF and PNG files
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <pango/pangocairo.h>
#include <sys/types.h>

#include "wm-atlas.h"
#include "wm-choropleth-painter.h"
#include "wm-service-sites.h"
#include "wm-tile-canvas.h"

G_BEGIN_DECLS

/* The layout is drawn at these sizes (points) and scaled to the page. */
#define WM_ATLAS_BASE_SHORT 595.2756   /* A4, 210 mm */
#define WM_ATLAS_BASE_LONG  841.8898   /* A4, 297 mm */
#define WM_ATLAS_A3_LONG    1190.5512  /* A3, 420 mm */
#define WM_ATLAS_MARGIN     28.0       /* about 10 mm */
#define WM_ATLAS_FONT       "Cantarell, DejaVu Sans"
#define WM_ATLAS_DARK       0x241f31   /* text */
#define WM_ATLAS_GREY       0x5e5c64   /* secondary text */

/* Index entries: text size, space between entries, room for the page
 * number, in points. */
#define WM_ATLAS_INDEX_SIZE       8.5
#define WM_ATLAS_INDEX_GAP        2.5
#define WM_ATLAS_INDEX_PAGE_WIDTH 34.0

typedef enum {
  WM_ATLAS_CELL_VALUE,
  WM_ATLAS_CELL_NO_DATA,
  WM_ATLAS_CELL_HIDDEN,
} WmAtlasCellState;

typedef struct {
  WmAtlasCellState state;
  double value;              /* NaN unless state is VALUE */
} WmAtlasCell;

typedef struct {
  guint site;                /* index in the service sites */
  double distance;           /* metres from the area; 0 inside */
} WmAtlasNearSite;

/* One index entry's place: which index page, which column, how far down. */
typedef struct {
  guint sheet;
  guint page;                /* 0-based among the index pages */
  guint column;
  double y;                  /* from the top of the column */
  double height;
} WmAtlasIndexEntry;

struct _WmAtlas
{
  GObject parent_instance;

  WmAtlasPaper paper;
  gboolean landscape;
  int year;
  guint year_index;
  WmIndicatorId indicators[WM_ATLAS_MAX_INDICATORS];
  guint n_indicators;
  double walk_distance;
  double dpi;
  double opacity;
  gboolean disclosure;
  guint min_denominator;     /* with disclosure: smaller groups are hidden */
  char *printed_by;
  GDateTime *printed_at;

  /* what the extract says about itself */
  char *municipality;
  char *layer_name;
  char *layer_code;
  char *layer_source;
  char *attribution;
  char *extract_date;

  WmAreaGeometry *geometry;
  WmIndicatorTable *table;
  int *to_table;             /* geometry area → table area, −1: none */
  guint *sheets;             /* geometry areas, in page order */
  guint n_sheets;
  WmClassification *classes; /* the mapped indicator, hidden values marked */
  WmChoroplethPainter *painter;
  WmServiceSites *sites;
  guint site_mask;           /* WmUserArea bits of the sites shown */
  WmTileCanvas *tiles;       /* NULL: no basemap */
  char *basemap_attribution;

  WmAtlasIndexEntry *index;  /* sheets sorted by name, placed */
  guint n_index_pages;
};

/* wm-atlas.c */
WmAtlasCell  wm_atlas_cell            (WmAtlas         *self,
                                       WmIndicatorId    indicator,
                                       guint            year_index,
                                       int              table_area);
guint        wm_atlas_rank            (WmAtlas         *self,
                                       WmIndicatorId    indicator,
                                       int              table_area,
                                       guint           *n_ranked);
GArray      *wm_atlas_near_sites      (WmAtlas         *self,
                                       guint            area);
double       wm_atlas_metres_per_world (double          wy);
const char  *wm_atlas_area_name       (WmAtlas         *self,
                                       guint            area);
gboolean     wm_atlas_site_shown      (WmAtlas         *self,
                                       const WmServiceSite *site);

/* wm-atlas-pdf.c: files are written to a temporary file beside their
 * target, through a sink that remembers the first failed write, and put in
 * place only when complete. */
typedef struct {
  int fd;
  int error;        /* errno of the first failed write, 0 */
} WmAtlasSink;

typedef gboolean (*WmAtlasRenderFunc) (WmAtlas      *self,
                                       WmAtlasSink  *sink,
                                       gpointer      data,
                                       GCancellable *cancellable,
                                       GError      **error);

cairo_status_t wm_atlas_sink_write       (void                *closure,
                                          const unsigned char *data,
                                          unsigned int         length);
gboolean     wm_atlas_write_atomically (WmAtlas          *self,
                                        const char       *path,
                                        WmAtlasRenderFunc render,
                                        gpointer          data,
                                        GCancellable     *cancellable,
                                        GError          **error);

/* tests replace write(2) to fill the disk */
typedef ssize_t (*WmAtlasWriteFunc) (int         fd,
                                     const void *buf,
                                     size_t      count);
void         wm_atlas_set_write_func  (WmAtlasWriteFunc func);

/* wm-atlas-layout.c */
void         wm_atlas_base_size       (gboolean         landscape,
                                       double          *width,
                                       double          *height);
void         wm_atlas_sheet_boxes     (gboolean         landscape,
                                       WmChartBox      *boxes);
double       wm_atlas_fit_page        (cairo_t         *cr,
                                       gboolean         landscape,
                                       double           width,
                                       double           height);
void         wm_atlas_page_origin     (gboolean         landscape,
                                       double           width,
                                       double           height,
                                       double          *scale,
                                       double          *dx,
                                       double          *dy);
void         wm_atlas_index_columns   (gboolean         landscape,
                                       WmChartBox      *columns,
                                       guint           *n_columns);
void         wm_atlas_paginate_index  (WmAtlas         *self);

/* wm-atlas-text.c: a pen writes text for print (hinting off, so the
 * PDF, a PNG and a printer measure alike). */
typedef struct {
  cairo_t *cr;
  PangoContext *context;
} WmAtlasPen;

void         wm_atlas_pen_init        (WmAtlasPen      *pen,
                                       cairo_t         *cr);
void         wm_atlas_pen_clear       (WmAtlasPen      *pen);
PangoLayout *wm_atlas_pen_layout      (WmAtlasPen      *pen,
                                       double           size,
                                       gboolean         bold);
void         wm_atlas_pen_set_size    (PangoLayout     *layout,
                                       double           size,
                                       gboolean         bold);
double       wm_atlas_pen_write       (WmAtlasPen      *pen,
                                       const char      *text,
                                       double           x,
                                       double           y,
                                       double           width,
                                       double           size,
                                       gboolean         bold,
                                       guint32          color);
double       wm_atlas_pen_fit         (WmAtlasPen      *pen,
                                       const char      *text,
                                       const WmChartBox *box,
                                       double           max_size,
                                       double           min_size,
                                       gboolean         bold,
                                       guint32          color,
                                       double           valign);
double       wm_atlas_layout_height   (PangoLayout     *layout);
double       wm_atlas_layout_width    (PangoLayout     *layout);
void         wm_atlas_set_rgb         (cairo_t         *cr,
                                       guint32          rgb);
char        *wm_atlas_format_change   (WmIndicatorId    indicator,
                                       double           change);
char        *wm_atlas_format_date     (GDateTime       *date);
int          wm_atlas_unit_decimals   (WmIndicatorUnit  unit);

/* wm-atlas-map.c */
void         wm_atlas_sheet_view      (WmAtlas         *self,
                                       guint            area,
                                       const WmChartBox *frame,
                                       WmMapView       *view);
void         wm_atlas_draw_map        (WmAtlas         *self,
                                       WmAtlasPen      *pen,
                                       const WmChartBox *frame,
                                       const WmMapView *view,
                                       int              area,
                                       GArray          *near,
                                       guint            n_listed,
                                       double           device_scale);

/* wm-atlas-sheet.c */
void         wm_atlas_draw_sheet      (WmAtlas         *self,
                                       WmAtlasPen      *pen,
                                       guint            sheet,
                                       double           device_scale);
void         wm_atlas_draw_legend     (WmAtlas         *self,
                                       WmAtlasPen      *pen,
                                       const WmChartBox *box,
                                       const WmMapView *view);
char        *wm_atlas_sources         (WmAtlas         *self);
double       wm_atlas_draw_footer     (WmAtlas         *self,
                                       WmAtlasPen      *pen,
                                       const WmChartBox *box,
                                       guint            page);

/* wm-atlas-cover.c */
void         wm_atlas_draw_cover      (WmAtlas         *self,
                                       WmAtlasPen      *pen,
                                       double           device_scale);
void         wm_atlas_draw_index      (WmAtlas         *self,
                                       WmAtlasPen      *pen,
                                       guint            index_page);

G_END_DECLS
