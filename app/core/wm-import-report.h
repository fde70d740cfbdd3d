/* wm-import-report.h — the importer's data-quality report
 *
 * Per source: rows read, linked, linked by name, rejected and kept with a
 * warning, each counted by reason, and one entry per rejected or repaired
 * row naming the file and row. Never an identity: no names, codes or
 * dates of a person, only where to look.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <glib-object.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef enum {
  WM_IMPORT_REJECTED,   /* the row was left out */
  WM_IMPORT_WARNING,    /* the row was imported, something was repaired or left unknown */
} WmImportSeverity;

typedef enum {
  WM_IMPORT_COUNT_READ,
  WM_IMPORT_COUNT_LINKED,
  WM_IMPORT_COUNT_BY_NAME,
  WM_IMPORT_COUNT_REJECTED,
  WM_IMPORT_COUNT_WARNINGS,
} WmImportCount;

#define WM_TYPE_IMPORT_REPORT (wm_import_report_get_type ())
G_DECLARE_FINAL_TYPE (WmImportReport, wm_import_report, WM, IMPORT_REPORT, GObject)

WmImportReport  *wm_import_report_new          (void);
void             wm_import_report_begin_source (WmImportReport   *self,
                                                const char       *source,
                                                const char       *file,
                                                gboolean          numbered_rows);
void             wm_import_report_note_absent  (WmImportReport   *self,
                                                const char       *source);
void             wm_import_report_count        (WmImportReport   *self,
                                                const char       *source,
                                                WmImportCount     what);
void             wm_import_report_add         (WmImportReport   *self,
                                                const char       *source,
                                                gint64            row,
                                                WmImportSeverity  severity,
                                                const char       *reason,
                                                const char       *detail_format,
                                                ...) G_GNUC_PRINTF (6, 7);
void             wm_import_report_add_in_sheet (WmImportReport  *self,
                                                const char       *source,
                                                const char       *sheet,
                                                gint64            row,
                                                WmImportSeverity  severity,
                                                const char       *reason,
                                                const char       *detail_format,
                                                ...) G_GNUC_PRINTF (7, 8);

guint64          wm_import_report_get_count    (WmImportReport   *self,
                                                const char       *source,
                                                WmImportCount     what);
guint64          wm_import_report_get_reason_count (WmImportReport *self,
                                                    const char     *source,
                                                    const char     *reason);
GStrv            wm_import_report_get_sources  (WmImportReport   *self);
GStrv            wm_import_report_get_lines    (WmImportReport   *self);
char            *wm_import_report_get_summary  (WmImportReport   *self,
                                                const char       *source);
gboolean         wm_import_report_write_table  (WmImportReport   *self,
                                                sqlite3          *db,
                                                GError          **error);
char            *wm_import_report_to_html      (WmImportReport   *self,
                                                const char       *title);
gboolean         wm_import_report_write_html   (WmImportReport   *self,
                                                const char       *path,
                                                const char       *title,
                                                GError          **error);

G_END_DECLS
