/* wm-importer-rows.c — reading one row: values, checks, links, reasons
 *
 * Every check that fails says so in the report, with the column as the
 * file names it, and tells the caller whether the row is still usable.
 * Values never go into the report except codes (sex, relation, condition…):
 * a date or a codice fiscale there would identify a person.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "wm-codice-fiscale.h"
#include "wm-importer-private.h"

/**
 * wm_imp_reader_open:
 *
 * Returns: %FALSE with @error set if the source cannot be read, %FALSE
 *   with @error unset if the mapping has no such source
 */
gboolean
wm_imp_reader_open (WmImpReader         *r,
                    WmImporter          *self,
                    const char          *name,
                    const WmImportField *fields,
                    GError             **error)
{
  memset (r, 0, sizeof *r);
  r->importer = self;
  r->name = name;
  r->src = wm_importer_open_source (self, name, fields, error);
  return r->src != NULL;
}

void
wm_imp_reader_close (WmImpReader *r)
{
  g_clear_pointer (&r->src, wm_import_source_free);
}

/**
 * wm_imp_reader_next:
 *
 * Moves to the next row that can be read at all (a row with undecodable
 * text is reported and skipped).
 *
 * Returns: %FALSE at the end, or with @error set on cancellation or when
 *   the file could not be read to its end
 */
gboolean
wm_imp_reader_next (WmImpReader  *r,
                    GError      **error)
{
  while (wm_import_source_next (r->src, &r->row))
    {
      if (!wm_importer_step (r->importer, wm_import_source_get_file (r->src), error))
        return FALSE;
      wm_import_report_count (r->importer->report, r->name, WM_IMPORT_COUNT_READ);
      if (r->row.bad_field < 0)
        return TRUE;
      wm_imp_reject (r, WM_R_ENCODING, _("column %s — save the file as UTF-8 or set encoding= in the mapping"),
                     wm_imp_column (r, r->row.bad_field));
    }
  wm_import_source_check (r->src, error);
  return FALSE;
}

const char *
wm_imp_value (WmImpReader *r,
              guint        field)
{
  return r->row.values[field];
}

const char *
wm_imp_column (WmImpReader *r,
               guint        field)
{
  return wm_import_source_get_column (r->src, field);
}

static void
add_va (WmImpReader      *r,
        WmImportSeverity  severity,
        const char       *reason,
        const char       *detail_format,
        va_list           args)
{
  g_autofree char *detail = detail_format != NULL ? g_strdup_vprintf (detail_format, args) : NULL;

  if (detail != NULL)
    wm_import_report_add_in_sheet (r->importer->report, r->name, r->row.sheet, r->row.number, severity, reason,
                                   "%s", detail);
  else
    wm_import_report_add_in_sheet (r->importer->report, r->name, r->row.sheet, r->row.number, severity, reason,
                                   NULL);
}

void
wm_imp_reject (WmImpReader *r,
               const char  *reason,
               const char  *detail_format,
               ...)
{
  va_list args;

  va_start (args, detail_format);
  add_va (r, WM_IMPORT_REJECTED, reason, detail_format, args);
  va_end (args);
}

void
wm_imp_warn (WmImpReader *r,
             const char  *reason,
             const char  *detail_format,
             ...)
{
  va_list args;

  va_start (args, detail_format);
  add_va (r, WM_IMPORT_WARNING, reason, detail_format, args);
  va_end (args);
}

/**
 * wm_imp_row_ref:
 *
 * Returns: (transfer full): "row 12", or "row 12 of sheet isee_2" in a
 *   workbook of several sheets — for details that point at another row
 */
char *
wm_imp_row_ref (const char *sheet,
                gint64      row)
{
  if (sheet != NULL)
    return g_strdup_printf (_("row %" PRId64 " of sheet %s"), row, sheet);
  return g_strdup_printf (_("row %" PRId64), row);
}

void
wm_imp_linked (WmImpReader *r)
{
  wm_import_report_count (r->importer->report, r->name, WM_IMPORT_COUNT_LINKED);
}

static void
report (WmImpReader      *r,
        WmImportSeverity  severity,
        const char       *reason,
        guint             field,
        const char       *extra)
{
  if (severity == WM_IMPORT_REJECTED)
    wm_imp_reject (r, reason, "%s%s", wm_imp_column (r, field), extra);
  else
    wm_imp_warn (r, reason, "%s%s", wm_imp_column (r, field), extra);
}

/* A required value that is empty rejects the row. */
gboolean
wm_imp_require (WmImpReader *r,
                guint        field)
{
  if (wm_imp_value (r, field) != NULL)
    return TRUE;
  wm_imp_reject (r, WM_R_MISSING, "%s", wm_imp_column (r, field));
  return FALSE;
}

/**
 * wm_imp_date:
 * @date: (out): yyyymmdd, 0 when empty and not required
 *
 * A date that is there must be a date, after [import] min_date and not
 * after max_date: a date that cannot be trusted rejects the row.
 */
gboolean
wm_imp_date (WmImpReader *r,
             guint        field,
             gboolean     required,
             int         *date)
{
  WmImporter *self = r->importer;
  const char *text = wm_imp_value (r, field);

  *date = 0;
  if (text == NULL)
    return !required || wm_imp_require (r, field);
  if (!wm_import_parse_date (text, self->date_format, date))
    {
      report (r, WM_IMPORT_REJECTED, WM_R_NOT_DATE, field, "");
      return FALSE;
    }
  /* min_date itself is out: 01/01/1900 is what many systems write for
   * "unknown" */
  if (*date <= self->min_date || *date > self->max_date)
    {
      report (r, WM_IMPORT_REJECTED, WM_R_DATE_RANGE, field, "");
      return FALSE;
    }
  return TRUE;
}

/**
 * wm_imp_number:
 * @severity: %WM_IMPORT_REJECTED for values the row is about;
 *   %WM_IMPORT_WARNING for attributes that may stay unknown
 * @value: (out): the number, NAN when empty (or unusable, for a warning)
 *
 * Returns: %FALSE if the row is rejected
 */
gboolean
wm_imp_number (WmImpReader      *r,
               guint             field,
               WmImportSeverity  severity,
               double            min,
               double            max,
               double           *value)
{
  const char *text = wm_imp_value (r, field);
  const char *extra = severity == WM_IMPORT_WARNING ? _(" (left unknown)") : "";
  char decimal = wm_import_source_is_spreadsheet (r->src) ? '.' : r->importer->decimal;

  *value = NAN;
  if (text == NULL)
    return TRUE;
  /* a spreadsheet's text cell may still be written the Italian way */
  if (decimal == '.' && strchr (text, ',') != NULL)
    decimal = ',';
  if (!wm_import_parse_number (text, decimal, value))
    {
      *value = NAN;
      report (r, severity, WM_R_NOT_NUMBER, field, extra);
      return severity != WM_IMPORT_REJECTED;
    }
  if (*value < min || *value > max)
    {
      *value = NAN;
      report (r, severity, WM_R_VALUE_RANGE, field, extra);
      return severity != WM_IMPORT_REJECTED;
    }
  return TRUE;
}

/* As wm_imp_number, for whole numbers; @value is -1 when unknown. */
gboolean
wm_imp_int (WmImpReader      *r,
            guint             field,
            WmImportSeverity  severity,
            gint64            min,
            gint64            max,
            gint64           *value)
{
  const char *text = wm_imp_value (r, field);
  const char *extra = severity == WM_IMPORT_WARNING ? _(" (left unknown)") : "";

  *value = -1;
  if (text == NULL)
    return TRUE;
  if (!wm_import_parse_int (text, value))
    {
      *value = -1;
      report (r, severity, WM_R_NOT_NUMBER, field, extra);
      return severity != WM_IMPORT_REJECTED;
    }
  if (*value < min || *value > max)
    {
      *value = -1;
      report (r, severity, WM_R_VALUE_RANGE, field, extra);
      return severity != WM_IMPORT_REJECTED;
    }
  return TRUE;
}

/* A required year within [import] first_year…last_year. */
gboolean
wm_imp_year (WmImpReader *r,
             guint        field,
             int         *year)
{
  WmImporter *self = r->importer;
  int first = wm_import_mapping_get_first_year (self->mapping);
  int last = wm_import_mapping_get_last_year (self->mapping);
  gint64 v;

  if (!wm_imp_require (r, field) || !wm_imp_int (r, field, WM_IMPORT_REJECTED, 0, 9999, &v))
    return FALSE;
  if (v < first || v > last)
    {
      wm_imp_reject (r, WM_R_YEAR_RANGE, "%s (%d–%d)", wm_imp_column (r, field), first, last);
      return FALSE;
    }
  *year = (int) v;
  return TRUE;
}

/**
 * wm_imp_code:
 * @table: the [values TABLE] of the mapping
 * @value: (out): the WelfareMap code; 0 when empty or unknown
 *
 * The code itself goes into the report: it says nothing about a person
 * and tells the office which row of [values …] is missing.
 */
gboolean
wm_imp_code (WmImpReader      *r,
             guint             field,
             const char       *table,
             WmImportSeverity  severity,
             int              *value)
{
  const char *text = wm_imp_value (r, field);

  *value = 0;
  if (text == NULL)
    return severity != WM_IMPORT_REJECTED || wm_imp_require (r, field);
  if (wm_import_mapping_lookup (r->importer->mapping, table, text, value))
    return TRUE;
  *value = 0;
  if (severity == WM_IMPORT_REJECTED)
    wm_imp_reject (r, WM_R_UNKNOWN_CODE, _("%s “%s” — add it to [values %s] in the mapping"),
                   wm_imp_column (r, field), text, table);
  else
    wm_imp_warn (r, WM_R_UNKNOWN_CODE, _("%s “%s” (left unknown) — add it to [values %s] in the mapping"),
                 wm_imp_column (r, field), text, table);
  return severity != WM_IMPORT_REJECTED;
}

/**
 * wm_imp_point:
 * @ct: to longitude/latitude
 *
 * Both coordinates empty: no point, no complaint. Either way of writing
 * the decimal separator is accepted (coordinates have no thousands).
 *
 * Returns: %TRUE if (@lon, @lat) were set
 */
gboolean
wm_imp_point (WmImpReader                  *r,
              guint                         x_field,
              guint                         y_field,
              OGRCoordinateTransformationH  ct,
              WmImportSeverity              severity,
              double                       *lon,
              double                       *lat)
{
  const char *xt = wm_imp_value (r, x_field), *yt = wm_imp_value (r, y_field);
  double x, y;

  if (xt == NULL && yt == NULL)
    {
      if (severity == WM_IMPORT_REJECTED)
        wm_imp_reject (r, WM_R_MISSING, "%s, %s", wm_imp_column (r, x_field), wm_imp_column (r, y_field));
      return FALSE;
    }
  if (xt == NULL || yt == NULL ||
      !wm_import_parse_number (xt, strchr (xt, ',') != NULL ? ',' : '.', &x) ||
      !wm_import_parse_number (yt, strchr (yt, ',') != NULL ? ',' : '.', &y) ||
      ct == NULL || !OCTTransform (ct, 1, &x, &y, NULL) || !isfinite (x) || !isfinite (y) ||
      fabs (x) > 180 || fabs (y) > 90)
    {
      const char *extra = severity == WM_IMPORT_WARNING ? _(" (ignored)") : "";

      if (severity == WM_IMPORT_REJECTED)
        wm_imp_reject (r, WM_R_BAD_POINT, "%s, %s%s", wm_imp_column (r, x_field), wm_imp_column (r, y_field), extra);
      else
        wm_imp_warn (r, WM_R_BAD_POINT, "%s, %s%s", wm_imp_column (r, x_field), wm_imp_column (r, y_field), extra);
      return FALSE;
    }
  *lon = x;
  *lat = y;
  return TRUE;
}

static const char *
cf_problem (const char *cf)
{
  g_autoptr(GError) error = NULL;

  if (wm_codice_fiscale_parse (cf, NULL, &error))
    return NULL;
  switch (error->code)
    {
    case WM_CODICE_FISCALE_ERROR_LENGTH:
      return _("not 16 characters");
    case WM_CODICE_FISCALE_ERROR_CHECK:
      return _("wrong check character");
    case WM_CODICE_FISCALE_ERROR_DATE:
      return _("impossible birth date in the code");
    default:
      return _("wrong format");
    }
}

static int
link_by_name (WmImpReader *r,
              const int   *name_fields)
{
  WmImporter *self = r->importer;
  const char *surname, *given, *birth, *sex;
  g_autofree char *s = NULL, *g = NULL, *key = NULL;
  gpointer found;
  int date, sex_code;

  if (name_fields == NULL || !wm_import_mapping_get_fallback_by_name (self->mapping))
    return -1;
  surname = wm_imp_value (r, name_fields[0]);
  given = wm_imp_value (r, name_fields[1]);
  birth = wm_imp_value (r, name_fields[2]);
  sex = wm_imp_value (r, name_fields[3]);
  if (surname == NULL || given == NULL || birth == NULL || sex == NULL ||
      !wm_import_parse_date (birth, self->date_format, &date) ||
      !wm_import_mapping_lookup (self->mapping, "sex", sex, &sex_code))
    return -1;
  s = wm_import_normalise_name (surname);
  g = wm_import_normalise_name (given);
  key = g_strdup_printf ("%s|%s|%d|%d", s, g, date, sex_code);
  if (!g_hash_table_lookup_extended (self->person_by_name, key, NULL, &found) || found == NULL)
    return -1;  /* unknown, or two registry persons share it */
  return GPOINTER_TO_INT (found) - 1;
}

/**
 * wm_imp_link_person:
 * @name_fields: (nullable): surname, given name, birth date and sex fields
 *   for the fallback link, or -1 where the source has none
 *
 * Returns: the person's index; -1 if the row was rejected; -2 if the
 *   codice fiscale is empty (the caller decides whether that is fine)
 */
int
wm_imp_link_person (WmImpReader *r,
                    guint        cf_field,
                    const int   *name_fields)
{
  WmImporter *self = r->importer;
  const char *text = wm_imp_value (r, cf_field);
  g_autofree char *cf = NULL;
  gpointer found;
  const char *problem;
  int by_name;

  if (text == NULL)
    return -2;
  cf = wm_codice_fiscale_normalise (text);
  found = g_hash_table_lookup (self->person_by_cf, cf);
  if (found != NULL)
    return GPOINTER_TO_INT (found) - 1;

  by_name = link_by_name (r, name_fields);
  if (by_name >= 0)
    {
      wm_imp_warn (r, WM_R_BY_NAME, _("the codice fiscale is not in the registry"));
      wm_import_report_count (self->report, r->name, WM_IMPORT_COUNT_BY_NAME);
      return by_name;
    }
  problem = cf_problem (cf);
  if (problem != NULL)
    wm_imp_reject (r, WM_R_CF_INVALID, "%s", problem);
  else
    wm_imp_reject (r, WM_R_CF_UNKNOWN, NULL);
  return -1;
}

/* Returns: the family's index, or -1 (rejected) */
int
wm_imp_link_family (WmImpReader *r,
                    guint        field)
{
  g_autofree char *code = wm_import_normalise_code (wm_imp_value (r, field));
  gpointer found = g_hash_table_lookup (r->importer->family_by_code, code);
  const WmImpFamily *family;

  if (found != NULL)
    {
      family = &g_array_index (r->importer->families, WmImpFamily, GPOINTER_TO_INT (found) - 1);
      if (family->id != 0)
        return GPOINTER_TO_INT (found) - 1;
    }
  wm_imp_reject (r, WM_R_FAMILY_UNKNOWN, NULL);
  return -1;
}

/**
 * wm_importer_family_at:
 *
 * Returns: the family @person belonged to on @date (yyyymmdd), or -1
 */
int
wm_importer_family_at (WmImporter *self,
                       guint       person,
                       int         date)
{
  for (guint i = self->person_res_start[person]; i < self->person_res_start[person + 1]; i++)
    {
      const WmImpResidence *res = &g_array_index (self->residences, WmImpResidence, self->person_res[i]);

      if (res->start_date > date)
        break;
      if (res->end_date == 0 || res->end_date > date)
        return (int) res->family;
    }
  return -1;
}
