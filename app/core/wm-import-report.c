/* wm-import-report.c — the importer's data-quality report
 *
 * Lines read "file:row: rejected: reason: detail". The reason is a fixed
 * phrase (counted per source); the detail says which column or which
 * other row, never what a person's data is.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <inttypes.h>
#include <gio/gio.h>
#include <glib/gi18n.h>

#include "wm-import-report.h"

typedef struct {
  char *name;
  char *file;
  gboolean numbered_rows;
  gboolean absent;
  guint64 counts[WM_IMPORT_COUNT_WARNINGS + 1];
  GHashTable *reasons;  /* interned reason → count */
  GPtrArray *reason_order;
} Source;

typedef struct {
  guint source;
  const char *sheet;    /* interned; NULL for a one-sheet file */
  gint64 row;
  guint64 seq;
  WmImportSeverity severity;
  const char *reason;   /* interned */
  char *detail;
} Entry;

struct _WmImportReport
{
  GObject parent_instance;

  GMutex lock;
  GPtrArray *sources;   /* Source, in the order the importer read them */
  GArray *entries;
};

G_DEFINE_FINAL_TYPE (WmImportReport, wm_import_report, G_TYPE_OBJECT)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

static void
source_free (Source *s)
{
  g_free (s->name);
  g_free (s->file);
  g_hash_table_unref (s->reasons);
  g_ptr_array_unref (s->reason_order);
  g_free (s);
}

static void
entry_clear (Entry *e)
{
  g_free (e->detail);
}

static void
wm_import_report_finalize (GObject *object)
{
  WmImportReport *self = WM_IMPORT_REPORT (object);

  g_ptr_array_unref (self->sources);
  g_array_unref (self->entries);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (wm_import_report_parent_class)->finalize (object);
}

static void
wm_import_report_class_init (WmImportReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wm_import_report_finalize;
}

static void
wm_import_report_init (WmImportReport *self)
{
  g_mutex_init (&self->lock);
  self->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_free);
  self->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_array_set_clear_func (self->entries, (GDestroyNotify) entry_clear);
}

WmImportReport *
wm_import_report_new (void)
{
  return g_object_new (WM_TYPE_IMPORT_REPORT, NULL);
}

static Source *
find_source (WmImportReport *self,
             const char     *name,
             guint          *index)
{
  for (guint i = 0; i < self->sources->len; i++)
    {
      Source *s = g_ptr_array_index (self->sources, i);

      if (g_str_equal (s->name, name))
        {
          if (index != NULL)
            *index = i;
          return s;
        }
    }
  return NULL;
}

static Source *
ensure_source (WmImportReport *self,
               const char     *name,
               guint          *index)
{
  Source *s = find_source (self, name, index);

  if (s != NULL)
    return s;
  s = g_new0 (Source, 1);
  s->name = g_strdup (name);
  s->file = g_strdup (name);
  s->reasons = g_hash_table_new (g_direct_hash, g_direct_equal);
  s->reason_order = g_ptr_array_new ();
  if (index != NULL)
    *index = self->sources->len;
  g_ptr_array_add (self->sources, s);
  return s;
}

/**
 * wm_import_report_begin_source:
 * @source: the source's name (persons, residences, layer sections…)
 * @file: the file's name as the report shows it
 * @numbered_rows: rows (CSV, spreadsheets) rather than features (GIS layers)
 */
void
wm_import_report_begin_source (WmImportReport *self,
                               const char     *source,
                               const char     *file,
                               gboolean        numbered_rows)
{
  Source *s;

  g_mutex_lock (&self->lock);
  s = ensure_source (self, source, NULL);
  g_free (s->file);
  s->file = g_strdup (file);
  s->numbered_rows = numbered_rows;
  g_mutex_unlock (&self->lock);
}

/* The mapping names no file for @source: nothing was imported from it. */
void
wm_import_report_note_absent (WmImportReport *self,
                              const char     *source)
{
  g_mutex_lock (&self->lock);
  ensure_source (self, source, NULL)->absent = TRUE;
  g_mutex_unlock (&self->lock);
}

void
wm_import_report_count (WmImportReport *self,
                        const char     *source,
                        WmImportCount   what)
{
  g_mutex_lock (&self->lock);
  ensure_source (self, source, NULL)->counts[what]++;
  g_mutex_unlock (&self->lock);
}

static void
add_valist (WmImportReport   *self,
            const char       *source,
            const char       *sheet,
            gint64            row,
            WmImportSeverity  severity,
            const char       *reason,
            const char       *detail_format,
            va_list           args)
{
  Entry e = { 0 };
  Source *s;
  guint count;

  e.sheet = sheet != NULL ? g_intern_string (sheet) : NULL;
  e.row = row;
  e.severity = severity;
  e.reason = g_intern_string (reason);
  if (detail_format != NULL)
    e.detail = g_strdup_vprintf (detail_format, args);

  g_mutex_lock (&self->lock);
  s = ensure_source (self, source, &e.source);
  e.seq = self->entries->len;
  s->counts[severity == WM_IMPORT_REJECTED ? WM_IMPORT_COUNT_REJECTED : WM_IMPORT_COUNT_WARNINGS]++;
  count = GPOINTER_TO_UINT (g_hash_table_lookup (s->reasons, e.reason));
  if (count == 0)
    g_ptr_array_add (s->reason_order, (gpointer) e.reason);
  g_hash_table_insert (s->reasons, (gpointer) e.reason, GUINT_TO_POINTER (count + 1));
  g_array_append_val (self->entries, e);
  g_mutex_unlock (&self->lock);
}

/**
 * wm_import_report_add:
 * @row: the row (or feature) number, 0 for the file as a whole
 * @reason: a fixed phrase, translated, that entries are counted by
 * @detail_format: (nullable): which column, which other row…
 *
 * Records a rejected row (counted as rejected) or a warning.
 */
void
wm_import_report_add (WmImportReport   *self,
                      const char       *source,
                      gint64            row,
                      WmImportSeverity  severity,
                      const char       *reason,
                      const char       *detail_format,
                      ...)
{
  va_list args;

  va_start (args, detail_format);
  add_valist (self, source, NULL, row, severity, reason, detail_format, args);
  va_end (args);
}

/**
 * wm_import_report_add_in_sheet:
 * @sheet: (nullable): the sheet of a workbook with several
 *
 * As wm_import_report_add(); the place reads "file:sheet:row".
 */
void
wm_import_report_add_in_sheet (WmImportReport   *self,
                               const char       *source,
                               const char       *sheet,
                               gint64            row,
                               WmImportSeverity  severity,
                               const char       *reason,
                               const char       *detail_format,
                               ...)
{
  va_list args;

  va_start (args, detail_format);
  add_valist (self, source, sheet, row, severity, reason, detail_format, args);
  va_end (args);
}

guint64
wm_import_report_get_count (WmImportReport *self,
                            const char     *source,
                            WmImportCount   what)
{
  Source *s;
  guint64 n;

  g_mutex_lock (&self->lock);
  s = find_source (self, source, NULL);
  n = s != NULL ? s->counts[what] : 0;
  g_mutex_unlock (&self->lock);
  return n;
}

guint64
wm_import_report_get_reason_count (WmImportReport *self,
                                   const char     *source,
                                   const char     *reason)
{
  Source *s;
  guint64 n;

  g_mutex_lock (&self->lock);
  s = find_source (self, source, NULL);
  n = s != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (s->reasons, g_intern_string (reason))) : 0;
  g_mutex_unlock (&self->lock);
  return n;
}

GStrv
wm_import_report_get_sources (WmImportReport *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->sources->len; i++)
    g_strv_builder_add (builder, ((Source *) g_ptr_array_index (self->sources, i))->name);
  g_mutex_unlock (&self->lock);
  return g_strv_builder_end (builder);
}

/* By source (in reading order), then row, then the order found. */
static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *ea = *(const Entry **) a, *eb = *(const Entry **) b;

  if (ea->source != eb->source)
    return ea->source < eb->source ? -1 : 1;
  if (ea->sheet != eb->sheet)
    return g_strcmp0 (ea->sheet, eb->sheet);
  if (ea->row != eb->row)
    return ea->row < eb->row ? -1 : 1;
  return ea->seq < eb->seq ? -1 : ea->seq > eb->seq;
}

static GPtrArray *
sorted_entries (WmImportReport *self)
{
  GPtrArray *sorted = g_ptr_array_sized_new (self->entries->len);

  for (guint i = 0; i < self->entries->len; i++)
    g_ptr_array_add (sorted, &g_array_index (self->entries, Entry, i));
  g_ptr_array_sort (sorted, compare_entries);
  return sorted;
}

static const char *
severity_name (WmImportSeverity severity)
{
  /* stored in quality_report.severity: not translated */
  return severity == WM_IMPORT_REJECTED ? "rejected" : "warning";
}

static char *
entry_reason (const Entry *e)
{
  return e->detail != NULL ? g_strdup_printf ("%s: %s", e->reason, e->detail) : g_strdup (e->reason);
}

static char *
entry_file (const Source *s,
            const Entry  *e)
{
  return e->sheet != NULL ? g_strdup_printf ("%s:%s", s->file, e->sheet) : g_strdup (s->file);
}

static char *
entry_place (const Source *s,
             const Entry  *e)
{
  g_autofree char *file = entry_file (s, e);

  if (e->row == 0)
    return g_steal_pointer (&file);
  if (s->numbered_rows)
    return g_strdup_printf ("%s:%" G_GINT64_FORMAT, file, e->row);
  return g_strdup_printf (_("%s: feature %" PRId64), file, e->row);
}

/**
 * wm_import_report_get_lines:
 *
 * Returns: (transfer full): one line per entry, "file:row: severity: reason"
 */
GStrv
wm_import_report_get_lines (WmImportReport *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) sorted = NULL;

  g_mutex_lock (&self->lock);
  sorted = sorted_entries (self);
  for (guint i = 0; i < sorted->len; i++)
    {
      const Entry *e = g_ptr_array_index (sorted, i);
      const Source *s = g_ptr_array_index (self->sources, e->source);
      g_autofree char *place = entry_place (s, e);
      g_autofree char *reason = entry_reason (e);

      g_autofree char *line = g_strdup_printf ("%s: %s: %s", place, severity_name (e->severity), reason);

      g_strv_builder_add (builder, line);
    }
  g_mutex_unlock (&self->lock);
  return g_strv_builder_end (builder);
}

static char *
summary_locked (const Source *s)
{
  if (s->absent)
    return g_strdup (_("not in the mapping: nothing imported"));
  return g_strdup_printf (_("read %" PRIu64 ", linked %" PRIu64
                            " (%" PRIu64 " by name), rejected %" PRIu64
                            ", warnings %" PRIu64),
                          s->counts[WM_IMPORT_COUNT_READ], s->counts[WM_IMPORT_COUNT_LINKED],
                          s->counts[WM_IMPORT_COUNT_BY_NAME], s->counts[WM_IMPORT_COUNT_REJECTED],
                          s->counts[WM_IMPORT_COUNT_WARNINGS]);
}

/* Returns: (transfer full): "read N, linked N (N by name), rejected N, warnings N" */
char *
wm_import_report_get_summary (WmImportReport *self,
                              const char     *source)
{
  Source *s;
  char *text;

  g_mutex_lock (&self->lock);
  s = find_source (self, source, NULL);
  text = s != NULL ? summary_locked (s) : NULL;
  g_mutex_unlock (&self->lock);
  return text;
}

/**
 * wm_import_report_write_table:
 *
 * Fills the extract's quality_report: one row per entry and one
 * "summary" row per source (row NULL).
 */
gboolean
wm_import_report_write_table (WmImportReport  *self,
                              sqlite3         *db,
                              GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) sorted = NULL;
  gboolean ok = TRUE;

  if (sqlite3_prepare_v2 (db, "INSERT INTO quality_report (source, file, row, severity, reason)"
                              " VALUES (?, ?, ?, ?, ?)", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "quality_report: %s", sqlite3_errmsg (db));
      return FALSE;
    }
  g_mutex_lock (&self->lock);
  for (guint i = 0; ok && i < self->sources->len; i++)
    {
      const Source *s = g_ptr_array_index (self->sources, i);
      g_autofree char *summary = summary_locked (s);

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, s->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, s->file, -1, SQLITE_STATIC);
      sqlite3_bind_null (stmt, 3);
      sqlite3_bind_text (stmt, 4, "summary", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, summary, -1, SQLITE_STATIC);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
    }
  sorted = sorted_entries (self);
  for (guint i = 0; ok && i < sorted->len; i++)
    {
      const Entry *e = g_ptr_array_index (sorted, i);
      const Source *s = g_ptr_array_index (self->sources, e->source);
      g_autofree char *reason = entry_reason (e);
      g_autofree char *file = entry_file (s, e);

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, s->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, file, -1, SQLITE_STATIC);
      if (e->row != 0)
        sqlite3_bind_int64 (stmt, 3, e->row);
      else
        sqlite3_bind_null (stmt, 3);
      sqlite3_bind_text (stmt, 4, severity_name (e->severity), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, reason, -1, SQLITE_STATIC);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
    }
  g_mutex_unlock (&self->lock);
  if (!ok)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "quality_report: %s", sqlite3_errmsg (db));
  return ok;
}

static void
append_escaped (GString    *html,
                const char *format,
                ...) G_GNUC_PRINTF (2, 3);

static void
append_escaped (GString    *html,
                const char *format,
                ...)
{
  va_list args;
  char *text;

  va_start (args, format);
  text = g_markup_vprintf_escaped (format, args);
  va_end (args);
  g_string_append (html, text);
  g_free (text);
}

/**
 * wm_import_report_to_html:
 *
 * Returns: (transfer full): a self-contained HTML page: the summary per
 *   source, the reasons with their counts, every entry with file and row
 */
char *
wm_import_report_to_html (WmImportReport *self,
                          const char     *title)
{
  GString *html = g_string_new (NULL);
  g_autoptr(GPtrArray) sorted = NULL;
  guint next = 0;

  /* Translators: the code of your language (it, de…), for the report's HTML */
  append_escaped (html,
                  "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\"><title>%s</title>\n"
                  "<style>body{font-family:sans-serif;margin:2em;max-width:70em}"
                  "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:.2em .6em;"
                  "text-align:left}td.n{text-align:right}.rejected{color:#a00}.warning{color:#850}</style>"
                  "</head><body>\n<h1>%s</h1>\n",
                  _("en"), title, title);
  append_escaped (html, "<p>%s</p>\n",
                  _("Rows of the source files that were left out (rejected) or imported with a repair or "
                    "an unknown value (warning). Rows are counted as in a spreadsheet: the header is row 1. "
                    "The report names no person: open the file at the row to see the record."));

  g_mutex_lock (&self->lock);
  append_escaped (html, "<table><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
                  _("Source"), _("File"), _("Read"), _("Linked"), _("By name"), _("Rejected"), _("Warnings"));
  for (guint i = 0; i < self->sources->len; i++)
    {
      const Source *s = g_ptr_array_index (self->sources, i);

      if (s->absent)
        {
          append_escaped (html, "<tr><td>%s</td><td colspan=\"6\">%s</td></tr>\n",
                          s->name, _("not in the mapping: nothing imported"));
          continue;
        }
      append_escaped (html, "<tr><td>%s</td><td>%s</td>", s->name, s->file);
      for (guint c = 0; c <= WM_IMPORT_COUNT_WARNINGS; c++)
        g_string_append_printf (html, "<td class=\"n\">%" G_GUINT64_FORMAT "</td>", s->counts[c]);
      g_string_append (html, "</tr>\n");
    }
  g_string_append (html, "</table>\n");

  sorted = sorted_entries (self);
  for (guint i = 0; i < self->sources->len; i++)
    {
      const Source *s = g_ptr_array_index (self->sources, i);

      if (s->reason_order->len == 0)
        continue;
      append_escaped (html, "<h2>%s — %s</h2>\n<ul>\n", s->name, s->file);
      for (guint r = 0; r < s->reason_order->len; r++)
        {
          const char *reason = g_ptr_array_index (s->reason_order, r);

          append_escaped (html, "<li>%s: %u</li>\n", reason,
                          GPOINTER_TO_UINT (g_hash_table_lookup (s->reasons, reason)));
        }
      append_escaped (html, "</ul>\n<table><tr><th>%s</th><th>%s</th><th>%s</th></tr>\n",
                      s->numbered_rows ? _("Row") : _("Feature"), _("Outcome"), _("Reason"));
      for (; next < sorted->len; next++)
        {
          const Entry *e = g_ptr_array_index (sorted, next);
          g_autofree char *reason = NULL;
          g_autofree char *row = NULL;

          if (e->source != i)
            break;
          reason = entry_reason (e);
          if (e->row == 0)
            row = g_strdup ("—");
          else if (e->sheet != NULL)
            row = g_strdup_printf ("%s:%" G_GINT64_FORMAT, e->sheet, e->row);
          else
            row = g_strdup_printf ("%" G_GINT64_FORMAT, e->row);
          append_escaped (html, "<tr><td class=\"n\">%s</td><td class=\"%s\">%s</td><td>%s</td></tr>\n",
                          row, severity_name (e->severity),
                          e->severity == WM_IMPORT_REJECTED ? _("rejected") : _("warning"), reason);
        }
      g_string_append (html, "</table>\n");
    }
  g_mutex_unlock (&self->lock);
  g_string_append (html, "</body></html>\n");
  return g_string_free (html, FALSE);
}

/**
 * wm_import_report_write_html:
 *
 * Writes the HTML page to @path through a temporary file in the same
 * folder, synced and renamed: an old report is replaced whole or not at
 * all. Readable by its owner only: row numbers of rejected records are
 * still the office's business.
 */
gboolean
wm_import_report_write_html (WmImportReport  *self,
                             const char      *path,
                             const char      *title,
                             GError         **error)
{
  g_autofree char *html = wm_import_report_to_html (self, title);
  g_autoptr(GError) local = NULL;

  if (g_file_set_contents_full (path, html, -1,
                                G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0600, &local))
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("%s: the data-quality report could not be written (%s) — check the folder’s permissions and "
                 "free space"), path, local->message);
  return FALSE;
}
