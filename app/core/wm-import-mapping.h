/* wm-import-mapping.h — which file holds what, and which column is which
 *
 * The mapping file (a GKeyFile, documented by data/mapping/povo.ini) lets a
 * municipality import exports with its own file and column names without
 * code changes.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <glib.h>

#include "wm-schema.h"

G_BEGIN_DECLS

#define WM_IMPORT_MAPPING_ERROR (wm_import_mapping_error_quark ())

typedef enum {
  WM_IMPORT_MAPPING_ERROR_READ,
  WM_IMPORT_MAPPING_ERROR_MISSING,
  WM_IMPORT_MAPPING_ERROR_UNKNOWN,
  WM_IMPORT_MAPPING_ERROR_INVALID,
} WmImportMappingError;

typedef enum {
  WM_LAYER_JOIN_GEOMETRY = 1,   /* = area_layer.join_kind */
  WM_LAYER_JOIN_TABLE = 2,
  WM_LAYER_JOIN_REGISTRY = 3,   /* stored as join_kind 2: a section code per address */
} WmLayerJoin;

typedef struct _WmImportMapping WmImportMapping;

GQuark            wm_import_mapping_error_quark (void);
WmImportMapping  *wm_import_mapping_load       (const char       *path,
                                                GError          **error);
void              wm_import_mapping_free       (WmImportMapping  *self);
void              wm_import_mapping_set_sources_dir    (WmImportMapping *self,
                                                        const char      *dir);
void              wm_import_mapping_set_boundaries_dir (WmImportMapping *self,
                                                        const char      *dir);

const char       *wm_import_mapping_get_path   (WmImportMapping  *self);
GKeyFile         *wm_import_mapping_get_key_file (WmImportMapping *self);
char             *wm_import_mapping_resolve    (WmImportMapping  *self,
                                                const char       *group,
                                                const char       *file);

/* [import] */
const char       *wm_import_mapping_get_municipality_code (WmImportMapping *self);
const char       *wm_import_mapping_get_municipality_name (WmImportMapping *self);
const char       *wm_import_mapping_get_attribution       (WmImportMapping *self);
int               wm_import_mapping_get_first_year (WmImportMapping *self);
int               wm_import_mapping_get_last_year  (WmImportMapping *self);
int               wm_import_mapping_get_metric_epsg (WmImportMapping *self);
int               wm_import_mapping_get_min_date   (WmImportMapping *self);
int               wm_import_mapping_get_max_date   (WmImportMapping *self);
gboolean          wm_import_mapping_get_fallback_by_name (WmImportMapping *self);

/* sources and layers */
gboolean          wm_import_mapping_has_source (WmImportMapping  *self,
                                                const char       *name);
const char *const *wm_import_mapping_get_layers (WmImportMapping *self);
char             *wm_import_mapping_get_string (WmImportMapping  *self,
                                                const char       *group,
                                                const char       *key,
                                                const char       *fallback);

/* codes */
gboolean          wm_import_mapping_lookup     (WmImportMapping  *self,
                                                const char       *table,
                                                const char       *code,
                                                int              *value);
gboolean          wm_import_mapping_citizenship (WmImportMapping *self,
                                                 const char      *code,
                                                 WmCitizenship   *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmImportMapping, wm_import_mapping_free)

G_END_DECLS
