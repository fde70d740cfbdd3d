/* wm-indicator-export.h — indicator tables to CSV or GeoPackage files
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <sqlite3.h>

#include "wm-indicator-table.h"

G_BEGIN_DECLS

#define WM_INDICATOR_EXPORT_ERROR (wm_indicator_export_error_quark ())

typedef enum {
  WM_INDICATOR_EXPORT_ERROR_FORMAT,     /* not a .csv or .gpkg name */
  WM_INDICATOR_EXPORT_ERROR_WRITE,      /* the file could not be written */
} WmIndicatorExportError;

typedef enum {
  WM_INDICATOR_EXPORT_CSV,
  WM_INDICATOR_EXPORT_GPKG,
} WmIndicatorExportFormat;

/* What to write: the indicators and years of the table to include, and
 * where the municipality row takes its code and name from. */
typedef struct {
  const WmIndicatorId *indicators;
  guint                n_indicators;
  const int           *years;
  guint                n_years;
  const char          *municipality_code;
  const char          *municipality_name;
} WmIndicatorExportSpec;

GQuark    wm_indicator_export_error_quark   (void);
gboolean  wm_indicator_export_format_for_path (const char              *path,
                                               WmIndicatorExportFormat *format);
gboolean  wm_indicator_export                (WmIndicatorTable            *table,
                                              sqlite3                     *db,
                                              const WmIndicatorExportSpec *spec,
                                              const char                  *path,
                                              GError                     **error);

G_END_DECLS
