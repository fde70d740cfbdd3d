/* wm-atlas.h — neighbourhood atlas sheets: one printed page per area
 *
 * A WmAtlas is a snapshot of one boundary layer's indicators, taken from a
 * loaded WmMapModel whose table is computed: the areas to print, the year,
 * the indicators (the first one is mapped), the map's classes, the service
 * sites and what the extract says about itself. Its pages are
 *
 *   1                 the cover (municipality, layer, year, indicators,
 *                     an overview map);
 *   2 … 1 + n_index   the index (areas by name, with their page, as links);
 *   then              one sheet per area, in layer order.
 *
 * wm_atlas_draw_page() draws any page into any cairo context — a PDF page,
 * a PNG image, a GtkPrintContext's — scaled to fit the page it is given, so
 * the PDF, the PNG and the print dialog show the same pages.
 * wm_atlas_write_pdf() writes them all to a file atomically, with the PDF
 * outline (a bookmark per area), links from the index and the document
 * metadata.
 *
 * Disclosure: a sheet prints rates, ranks and changes, never the
 * numerator and denominator counts. With disclosure control on
 * (WmAtlasOptions.disclosure_control; the command line turns it on for the
 * analyst role) a value is printed as "n.d." with a footnote, and its area
 * hatched on the map, when its denominator counts fewer than
 * WM_ATLAS_MIN_DENOMINATOR persons or families or its numerator counts 1
 * to WM_ATLAS_MIN_NUMERATOR − 1 of them; the composite is hidden when any
 * of its components is. Ranks are counted among the values shown. The
 * municipality's values are always shown. An atlas never shows more than
 * the map it comes from: when the model hides values (its minimum
 * denominator, set for an analyst), disclosure control is on whatever the
 * options say, with the larger of the two thresholds.
 *
 * A WmAtlas only reads what it holds (the table and the geometry are
 * immutable), but drawing keeps caches: use it from one thread at a time.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include <sqlite3.h>

#include "wm-chart.h"
#include "wm-indicator-def.h"
#include "wm-map-model.h"
#include "wm-map-view.h"

G_BEGIN_DECLS

#define WM_ATLAS_ERROR (wm_atlas_error_quark ())

typedef enum {
  WM_ATLAS_ERROR_NOT_READY,       /* the model has no table yet */
  WM_ATLAS_ERROR_NO_AREAS,        /* nothing to print */
  WM_ATLAS_ERROR_UNKNOWN_AREA,    /* an area code the layer does not have */
  WM_ATLAS_ERROR_YEAR,            /* a year the table does not have */
  WM_ATLAS_ERROR_WRITE,           /* the file cannot be written */
  WM_ATLAS_ERROR_DISK_FULL,
} WmAtlasError;

typedef enum {
  WM_ATLAS_PAPER_A4,
  WM_ATLAS_PAPER_A3,
} WmAtlasPaper;

#define WM_ATLAS_MIN_DENOMINATOR 20
#define WM_ATLAS_MIN_NUMERATOR 3
#define WM_ATLAS_DEFAULT_WALK_DISTANCE 500.0
#define WM_ATLAS_DEFAULT_DPI 300.0
#define WM_ATLAS_MAX_INDICATORS 12

typedef struct {
  WmAtlasPaper paper;
  gboolean landscape;
  int year;                          /* 0: the last year of the table */
  const WmIndicatorId *indicators;   /* NULL: the composite, then its seven components */
  guint n_indicators;
  const char * const *areas;         /* area codes; NULL: every area of the layer */
  double walk_distance;              /* metres; 0: WM_ATLAS_DEFAULT_WALK_DISTANCE */
  const char *basemap;               /* an MBTiles tile pack, or NULL for none */
  double dpi;                        /* of the basemap tiles; 0: WM_ATLAS_DEFAULT_DPI */
  const char *printed_by;            /* who prints: the role, e.g. "Analyst" */
  gboolean disclosure_control;
  double opacity;                    /* of the choropleth; 0: 0.75, as on screen */
  guint site_areas;                  /* WmUserArea bits of the service sites shown; 0: all,
                                      * WM_ATLAS_NO_SITES: none */
} WmAtlasOptions;

#define WM_ATLAS_NO_SITES (1u << 31)

/* Pixels of a map picture's side (wm_atlas_write_view()). */
#define WM_ATLAS_VIEW_MIN_SIZE 200
#define WM_ATLAS_VIEW_MAX_SIZE 8192

/* Where a sheet's blocks are, in points on the atlas's own page. */
typedef enum {
  WM_ATLAS_BOX_TITLE,
  WM_ATLAS_BOX_SUBTITLE,
  WM_ATLAS_BOX_MAP,
  WM_ATLAS_BOX_LEGEND,
  WM_ATLAS_BOX_TABLE,
  WM_ATLAS_BOX_TREND,
  WM_ATLAS_BOX_BARS,
  WM_ATLAS_BOX_SERVICES,
  WM_ATLAS_BOX_FOOTER,
  WM_ATLAS_N_BOXES
} WmAtlasBoxId;

/* @page counts from 0; called once per page written. */
typedef void (*WmAtlasProgressFunc) (guint    page,
                                     guint    n_pages,
                                     gpointer user_data);

#define WM_TYPE_ATLAS (wm_atlas_get_type ())
G_DECLARE_FINAL_TYPE (WmAtlas, wm_atlas, WM, ATLAS, GObject)

GQuark       wm_atlas_error_quark        (void);
WmAtlas     *wm_atlas_new                (WmMapModel            *model,
                                          sqlite3               *db,
                                          const WmAtlasOptions  *options,
                                          GError               **error);
int          wm_atlas_default_layer      (WmMapModel            *model,
                                          sqlite3               *db);
gboolean     wm_atlas_basemap_fits       (const char            *mbtiles,
                                          WmAreaGeometry        *geometry);

guint        wm_atlas_get_n_pages        (WmAtlas               *self);
guint        wm_atlas_get_n_sheets       (WmAtlas               *self);
guint        wm_atlas_get_sheet_page     (WmAtlas               *self,
                                          guint                  sheet);
guint        wm_atlas_get_sheet_area     (WmAtlas               *self,
                                          guint                  sheet);
int          wm_atlas_get_year           (WmAtlas               *self);
const WmIndicatorId *wm_atlas_get_indicators (WmAtlas           *self,
                                          guint                 *n_indicators);
WmClassification *wm_atlas_get_classification (WmAtlas          *self);
void         wm_atlas_get_page_size      (WmAtlas               *self,
                                          double                *width,
                                          double                *height);
char        *wm_atlas_get_title          (WmAtlas               *self);
void         wm_atlas_set_landscape      (WmAtlas               *self,
                                          gboolean               landscape);

void         wm_atlas_draw_page          (WmAtlas               *self,
                                          cairo_t               *cr,
                                          guint                  page,
                                          double                 width,
                                          double                 height,
                                          double                 device_scale);
void         wm_atlas_decorate_pdf       (WmAtlas               *self,
                                          cairo_surface_t       *pdf);

gboolean     wm_atlas_write_pdf          (WmAtlas               *self,
                                          const char            *path,
                                          WmAtlasProgressFunc    progress,
                                          gpointer               progress_data,
                                          GCancellable          *cancellable,
                                          GError               **error);
void         wm_atlas_write_pdf_async    (WmAtlas               *self,
                                          const char            *path,
                                          WmAtlasProgressFunc    progress,
                                          gpointer               progress_data,
                                          GDestroyNotify         progress_data_free,
                                          GCancellable          *cancellable,
                                          GAsyncReadyCallback    callback,
                                          gpointer               user_data);
gboolean     wm_atlas_write_pdf_finish   (WmAtlas               *self,
                                          GAsyncResult          *result,
                                          GError               **error);
void         wm_atlas_draw_view          (WmAtlas               *self,
                                          cairo_t               *cr,
                                          double                 width,
                                          double                 height,
                                          const WmMapView       *screen,
                                          double                 device_scale);
gboolean     wm_atlas_view_lonlat_to_pixel (WmAtlas             *self,
                                          const WmMapView       *screen,
                                          double                 width,
                                          double                 height,
                                          double                 lon,
                                          double                 lat,
                                          double                *x,
                                          double                *y);
gboolean     wm_atlas_write_view         (WmAtlas               *self,
                                          const WmMapView       *screen,
                                          guint                  width,
                                          guint                  height,
                                          const char            *path,
                                          GError               **error);
gboolean     wm_atlas_write_video        (WmAtlas               *self,
                                          const WmMapView       *screen,
                                          guint                  width,
                                          guint                  height,
                                          double                 seconds_per_year,
                                          const char            *path,
                                          WmAtlasProgressFunc    progress,
                                          gpointer               progress_data,
                                          GCancellable          *cancellable,
                                          GError               **error);
void         wm_atlas_write_video_async  (WmAtlas               *self,
                                          const WmMapView       *screen,
                                          guint                  width,
                                          guint                  height,
                                          double                 seconds_per_year,
                                          const char            *path,
                                          WmAtlasProgressFunc    progress,
                                          gpointer               progress_data,
                                          GDestroyNotify         progress_data_free,
                                          GCancellable          *cancellable,
                                          GAsyncReadyCallback    callback,
                                          gpointer               user_data);
gboolean     wm_atlas_write_video_finish (WmAtlas               *self,
                                          GAsyncResult          *result,
                                          GError               **error);
gboolean     wm_atlas_set_year           (WmAtlas               *self,
                                          int                    year,
                                          GError               **error);
gboolean     wm_atlas_write_png          (WmAtlas               *self,
                                          guint                  page,
                                          const char            *path,
                                          double                 dpi,
                                          GError               **error);

/* What tests and the print dialog need to know about a sheet. */
void         wm_atlas_get_sheet_box      (WmAtlas               *self,
                                          WmAtlasBoxId           box,
                                          WmChartBox            *out);
gboolean     wm_atlas_lonlat_to_page     (WmAtlas               *self,
                                          guint                  sheet,
                                          double                 lon,
                                          double                 lat,
                                          double                *x,
                                          double                *y);
char        *wm_atlas_format_value       (WmIndicatorId          indicator,
                                          double                 value);
gboolean     wm_atlas_value_is_hidden    (guint64                numerator,
                                          guint64                denominator);

G_END_DECLS
