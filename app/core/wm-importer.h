/* wm-importer.h — municipal source files → the extract's two databases
 *
 * Reads every source named by a mapping file, validates and links it to
 * the registry, geocodes dwellings to every boundary layer, pseudonymises,
 * and fills two SQLite databases that live only in memory: the
 * pseudonymised one (wm_schema_create) and the identities
 * (wm_schema_create_identity). They leave the process only encrypted, as
 * an extract (wm_importer_write_extract).
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "wm-extract.h"
#include "wm-import-mapping.h"
#include "wm-import-report.h"

G_BEGIN_DECLS

#define WM_IMPORTER_ERROR (wm_importer_error_quark ())

typedef enum {
  WM_IMPORTER_ERROR_FAILED,
  WM_IMPORTER_ERROR_DATABASE,
  WM_IMPORTER_ERROR_CRS,
  WM_IMPORTER_ERROR_NOTHING,
} WmImporterError;

/* Called from the importing thread, at most every 1,000 rows. */
typedef void (*WmImportProgressFunc) (const char *source,
                                      gint64      rows_done,
                                      gint64      rows_total,
                                      double      rows_per_second,
                                      gpointer    user_data);

#define WM_TYPE_IMPORTER (wm_importer_get_type ())
G_DECLARE_FINAL_TYPE (WmImporter, wm_importer, WM, IMPORTER, GObject)

GQuark           wm_importer_error_quark     (void);
WmImporter      *wm_importer_new             (WmImportMapping      *mapping);
void             wm_importer_set_progress_func (WmImporter         *self,
                                                WmImportProgressFunc func,
                                                gpointer            user_data,
                                                GDestroyNotify      destroy);

gboolean         wm_importer_run             (WmImporter           *self,
                                              GCancellable         *cancellable,
                                              GError              **error);
void             wm_importer_run_async       (WmImporter           *self,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean         wm_importer_run_finish      (WmImporter           *self,
                                              GAsyncResult         *result,
                                              GError              **error);

/* After a successful run. */
WmImportReport  *wm_importer_get_report      (WmImporter           *self);
sqlite3         *wm_importer_get_database    (WmImporter           *self);
sqlite3         *wm_importer_get_identity_database (WmImporter     *self);
gboolean         wm_importer_write_extract   (WmImporter           *self,
                                              const char           *path,
                                              const char           *analyst_passphrase,
                                              const char           *caseworker_passphrase,
                                              GDateTime            *expiry,
                                              WmExtractKdfLevel     kdf,
                                              GCancellable         *cancellable,
                                              GError              **error);

G_END_DECLS
