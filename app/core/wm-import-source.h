/* wm-import-source.h — one source file read row by row through GDAL
 *
 * CSV, XLSX, ODS, GeoPackage, GeoJSON… every cell as text, exactly as
 * written (codes keep their leading zeros, nothing is type-guessed), with
 * the file's row numbers for the data-quality report.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <gdal.h>
#include <glib.h>
#include <ogr_api.h>

#include "wm-import-mapping.h"

G_BEGIN_DECLS

#define WM_IMPORT_SOURCE_ERROR (wm_import_source_error_quark ())

typedef enum {
  WM_IMPORT_SOURCE_ERROR_NOT_FOUND,
  WM_IMPORT_SOURCE_ERROR_EMPTY,
  WM_IMPORT_SOURCE_ERROR_UNREADABLE,     /* cannot be opened, or reading stopped early */
  WM_IMPORT_SOURCE_ERROR_NO_LAYER,
  WM_IMPORT_SOURCE_ERROR_MISSING_COLUMN,
  WM_IMPORT_SOURCE_ERROR_SEPARATOR,
  WM_IMPORT_SOURCE_ERROR_MAPPING,
} WmImportSourceError;

/* A field the importer reads: its name in the mapping (column.NAME). */
typedef struct {
  const char *name;
  gboolean required;
} WmImportField;

typedef struct {
  gint64 number;          /* spreadsheet row (header = 1), or feature id */
  const char *sheet;      /* interned; the sheet when a workbook has several, else NULL */
  const char *const *values;  /* per field, trimmed; NULL when empty */
  int bad_field;          /* ≥ 0: that field's text is not in the file's encoding */
  OGRFeatureH feature;
} WmImportRow;

typedef struct _WmImportSource WmImportSource;

GQuark           wm_import_source_error_quark (void);
WmImportSource  *wm_import_source_open        (const char          *path,
                                               const char          *layer,
                                               const char          *encoding,
                                               char                 separator,
                                               GError             **error);
WmImportSource  *wm_import_source_open_mapped (WmImportMapping     *mapping,
                                               const char          *name,
                                               const WmImportField *fields,
                                               GError             **error);
gboolean         wm_import_source_bind        (WmImportSource      *self,
                                               const char          *group,
                                               guint                n_fields,
                                               const char *const   *columns,
                                               const char *const   *keys,
                                               const gboolean      *required,
                                               GError             **error);
void             wm_import_source_free        (WmImportSource      *self);

const char      *wm_import_source_get_file    (WmImportSource      *self);
const char      *wm_import_source_get_path    (WmImportSource      *self);
gboolean         wm_import_source_is_spreadsheet (WmImportSource   *self);
gboolean         wm_import_source_has_rows_numbered (WmImportSource *self);
OGRLayerH        wm_import_source_get_layer   (WmImportSource      *self);
gint64           wm_import_source_count_rows  (WmImportSource      *self);
gboolean         wm_import_source_has_field   (WmImportSource      *self,
                                               guint                field);
const char      *wm_import_source_get_column  (WmImportSource      *self,
                                               guint                field);
gboolean         wm_import_source_next        (WmImportSource      *self,
                                               WmImportRow         *row);
gboolean         wm_import_source_check       (WmImportSource      *self,
                                               GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmImportSource, wm_import_source_free)

G_END_DECLS
