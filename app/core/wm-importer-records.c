/* wm-importer-records.c — the sources linked to the registry
 *
 * education, employment, isee, services, care needs, service sites, ISEE
 * thresholds and service types. Each row links to a registry person by
 * codice fiscale (or, where mapped and allowed, by surname, given name,
 * birth date and sex) or to a family by its code.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "wm-importer-private.h"
#include "wm-user-area.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* The optional fields every person-keyed source may map for the fallback. */
#define NAME_FIELDS \
  { "surname", FALSE }, { "given_name", FALSE }, { "birth_date", FALSE }, { "sex", FALSE }

enum { E_CF, E_QUALIFICATION, E_NAMES };
static const WmImportField education_fields[] = {
  { "codice_fiscale", TRUE }, { "qualification", TRUE }, NAME_FIELDS, { NULL }
};
static const int education_names[] = { E_NAMES, E_NAMES + 1, E_NAMES + 2, E_NAMES + 3 };

enum { L_CF, L_YEAR, L_CONDITION, L_NAMES };
static const WmImportField employment_fields[] = {
  { "codice_fiscale", TRUE }, { "year", TRUE }, { "condition", TRUE }, NAME_FIELDS, { NULL }
};
static const int employment_names[] = { L_NAMES, L_NAMES + 1, L_NAMES + 2, L_NAMES + 3 };

enum { I_CF, I_FAMILY, I_YEAR, I_VALUE, I_SUBMITTED };
static const WmImportField isee_fields[] = {
  { "codice_fiscale", FALSE }, { "family_code", FALSE }, { "year", TRUE }, { "value", TRUE },
  { "submitted", FALSE }, { NULL }
};

enum { S_CF, S_FAMILY, S_CODE, S_AREA, S_START, S_END, S_AMOUNT };
static const WmImportField service_fields[] = {
  { "codice_fiscale", FALSE }, { "family_code", FALSE }, { "service_code", TRUE }, { "user_area", TRUE },
  { "start_date", TRUE }, { "end_date", FALSE }, { "amount", FALSE }, { NULL }
};

enum { C_CF, C_DATE, C_LEVEL, C_EXPIRY };
static const WmImportField care_fields[] = {
  { "codice_fiscale", TRUE }, { "date", TRUE }, { "level", TRUE }, { "expiry", FALSE }, { NULL }
};

enum { V_NAME, V_AREA, V_CATEGORY, V_ADDRESS, V_TARGET, V_HOURS, V_CAPACITY, V_X, V_Y };
static const WmImportField site_fields[] = {
  { "name", TRUE }, { "user_area", TRUE }, { "category", FALSE }, { "address", FALSE },
  { "target_users", FALSE }, { "opening_hours", FALSE }, { "capacity", FALSE }, { "x", TRUE }, { "y", TRUE },
  { NULL }
};

enum { T_YEAR, T_THRESHOLD };
static const WmImportField threshold_fields[] = {
  { "year", TRUE }, { "threshold", TRUE }, { NULL }
};

enum { K_CODE, K_LABEL, K_MACRO };
static const WmImportField type_fields[] = {
  { "code", TRUE }, { "label", TRUE }, { "macro_area", FALSE }, { NULL }
};

/* Opening a source the mapping does not name is not an error. */
static gboolean
absent_or_failed (GError **error)
{
  return error == NULL || *error == NULL;
}

static gboolean
finish (WmImpReader  *r,
        GError      **error)
{
  wm_imp_reader_close (r);
  return error == NULL || *error == NULL;
}

/* A person linked by a row, or -1 (rejected). */
static int
person_of (WmImpReader *r,
           guint        cf_field,
           const int   *name_fields)
{
  int person;

  if (!wm_imp_require (r, cf_field))
    return -1;
  person = wm_imp_link_person (r, cf_field, name_fields);
  return person >= 0 ? person : -1;
}

/* Read before ids are given: it completes the person records. */
gboolean
wm_importer_read_education (WmImporter  *self,
                            GError     **error)
{
  g_autofree gint64 *seen = g_new0 (gint64, MAX (self->persons->len, 1));
  g_autofree const char **seen_sheet = g_new0 (const char *, MAX (self->persons->len, 1));
  WmImpReader r;

  if (!wm_imp_reader_open (&r, self, "education", education_fields, error))
    return absent_or_failed (error);
  while (wm_imp_reader_next (&r, error))
    {
      int person, level;

      if ((person = person_of (&r, E_CF, education_names)) < 0 ||
          !wm_imp_code (&r, E_QUALIFICATION, "education", WM_IMPORT_REJECTED, &level))
        continue;
      if (seen[person] != 0)
        {
          g_autofree char *ref = wm_imp_row_ref (seen_sheet[person], seen[person]);

          wm_imp_reject (&r, WM_R_DUPLICATE, _("same person as %s"), ref);
          continue;
        }
      seen[person] = r.row.number;
      seen_sheet[person] = r.row.sheet;
      g_array_index (self->persons, WmImpPerson, person).education = level;
      wm_imp_linked (&r);
    }
  return finish (&r, error);
}

typedef struct {
  guint person;
  int year;
  int condition;
  gint64 row;
  const char *sheet;
} Condition;

static int
by_person_year (gconstpointer a,
                gconstpointer b)
{
  const Condition *ca = a, *cb = b;

  if (ca->person != cb->person)
    return ca->person < cb->person ? -1 : 1;
  if (ca->year != cb->year)
    return ca->year < cb->year ? -1 : 1;
  return ca->row < cb->row ? -1 : ca->row > cb->row;
}

/* One row per person and year (later duplicates are reported), then
 * consecutive years with one condition become one person_condition row. */
static gboolean
write_conditions (WmImporter  *self,
                  GArray      *rows,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (Condition));

  if (!wm_importer_prepare (self, self->db,
                            "INSERT INTO person_condition (person_id, from_year, to_year, condition)"
                            " VALUES (?, ?, ?, ?)", &stmt, error))
    return FALSE;
  g_array_sort (rows, by_person_year);
  for (guint i = 0; i < rows->len; i++)
    {
      const Condition *c = &g_array_index (rows, Condition, i);
      const Condition *last = kept->len > 0 ? &g_array_index (kept, Condition, kept->len - 1) : NULL;

      if (last != NULL && last->person == c->person && last->year == c->year)
        {
          g_autofree char *ref = wm_imp_row_ref (last->sheet, last->row);

          wm_import_report_add_in_sheet (self->report, "employment", c->sheet, c->row, WM_IMPORT_REJECTED,
                                         WM_R_DUPLICATE, _("same person and year as %s"), ref);
          continue;
        }
      g_array_append_val (kept, *c);
      wm_import_report_count (self->report, "employment", WM_IMPORT_COUNT_LINKED);
    }
  for (guint i = 0; i < kept->len;)
    {
      const Condition *first = &g_array_index (kept, Condition, i);
      guint j = i + 1;

      while (j < kept->len &&
             g_array_index (kept, Condition, j).person == first->person &&
             g_array_index (kept, Condition, j).condition == first->condition &&
             g_array_index (kept, Condition, j).year == g_array_index (kept, Condition, j - 1).year + 1)
        j++;
      sqlite3_bind_int64 (stmt, 1, g_array_index (self->persons, WmImpPerson, first->person).id);
      sqlite3_bind_int (stmt, 2, first->year);
      sqlite3_bind_int (stmt, 3, g_array_index (kept, Condition, j - 1).year);
      sqlite3_bind_int (stmt, 4, first->condition);
      if (!wm_importer_step_stmt (self, stmt, error))
        return FALSE;
      i = j;
    }
  return TRUE;
}

static gboolean
read_employment (WmImporter  *self,
                 GError     **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (Condition));
  WmImpReader r;

  if (!wm_imp_reader_open (&r, self, "employment", employment_fields, error))
    return absent_or_failed (error);
  while (wm_imp_reader_next (&r, error))
    {
      Condition c = { 0 };
      int person;

      if ((person = person_of (&r, L_CF, employment_names)) < 0 ||
          !wm_imp_year (&r, L_YEAR, &c.year) ||
          !wm_imp_code (&r, L_CONDITION, "condition", WM_IMPORT_REJECTED, &c.condition))
        continue;
      c.person = person;
      c.row = r.row.number;
      c.sheet = r.row.sheet;
      g_array_append_val (rows, c);
    }
  return finish (&r, error) && write_conditions (self, rows, error);
}

typedef struct {
  guint family;
  int year;
  int submitted;
  double value;
  gint64 row;
  const char *sheet;
} Isee;

static int
by_family_year_latest (gconstpointer a,
                       gconstpointer b)
{
  const Isee *ia = a, *ib = b;

  if (ia->family != ib->family)
    return ia->family < ib->family ? -1 : 1;
  if (ia->year != ib->year)
    return ia->year < ib->year ? -1 : 1;
  if (ia->submitted != ib->submitted)
    return ia->submitted > ib->submitted ? -1 : 1;  /* the latest first */
  return ia->row < ib->row ? -1 : ia->row > ib->row;
}

/* The declarant's family when the declaration was made, else at 31 December. */
static int
isee_family (WmImpReader *r,
             int          year,
             int          submitted)
{
  int person, family = -1;

  if (wm_imp_value (r, I_FAMILY) != NULL)
    return wm_imp_link_family (r, I_FAMILY);
  person = wm_imp_link_person (r, I_CF, NULL);
  if (person == -2)
    {
      wm_imp_reject (r, WM_R_MISSING, "%s, %s", wm_imp_column (r, I_CF), wm_imp_column (r, I_FAMILY));
      return -1;
    }
  if (person < 0)
    return -1;
  if (submitted != 0)
    family = wm_importer_family_at (r->importer, person, submitted);
  if (family < 0)
    family = wm_importer_family_at (r->importer, person, year * 10000 + 1231);
  if (family < 0)
    wm_imp_reject (r, WM_R_NO_FAMILY, NULL);
  return family;
}

static gboolean
read_isee (WmImporter  *self,
           GError     **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (Isee));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  WmImpReader r;

  if (!wm_imp_reader_open (&r, self, "isee", isee_fields, error))
    return absent_or_failed (error);
  while (wm_imp_reader_next (&r, error))
    {
      Isee d = { 0 };
      int family;

      if (!wm_imp_year (&r, I_YEAR, &d.year) ||
          !wm_imp_require (&r, I_VALUE) ||
          !wm_imp_number (&r, I_VALUE, WM_IMPORT_REJECTED, 0, 1e8, &d.value) ||
          !wm_imp_date (&r, I_SUBMITTED, FALSE, &d.submitted) ||
          (family = isee_family (&r, d.year, d.submitted)) < 0)
        continue;
      d.family = family;
      d.row = r.row.number;
      d.sheet = r.row.sheet;
      g_array_append_val (rows, d);
    }
  if (!finish (&r, error) ||
      !wm_importer_prepare (self, self->db, "INSERT INTO family_year (family_id, year, isee) VALUES (?, ?, ?)",
                            &stmt, error))
    return FALSE;
  g_array_sort (rows, by_family_year_latest);
  for (guint i = 0, group = 0; i < rows->len; i++)
    {
      const Isee *d = &g_array_index (rows, Isee, i);
      const Isee *first = &g_array_index (rows, Isee, group);

      /* the latest declaration of a family and year comes first */
      if (i > group && first->family == d->family && first->year == d->year)
        {
          g_autofree char *ref = wm_imp_row_ref (first->sheet, first->row);

          wm_import_report_add_in_sheet (self->report, "isee", d->sheet, d->row, WM_IMPORT_REJECTED,
                                         WM_R_SUPERSEDED, _("the declaration at %s counts"), ref);
          continue;
        }
      group = i;
      sqlite3_bind_int64 (stmt, 1, g_array_index (self->families, WmImpFamily, d->family).id);
      sqlite3_bind_int (stmt, 2, d->year);
      sqlite3_bind_double (stmt, 3, d->value);
      if (!wm_importer_step_stmt (self, stmt, error))
        return FALSE;
      wm_import_report_count (self->report, "isee", WM_IMPORT_COUNT_LINKED);
    }
  return TRUE;
}

/* service_type rows: from [source service_types] when given. */
static gboolean
read_service_types (WmImporter  *self,
                    GHashTable  *known,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  WmImpReader r;

  if (!wm_imp_reader_open (&r, self, "service_types", type_fields, error))
    return absent_or_failed (error);
  if (!wm_importer_prepare (self, self->db, "INSERT INTO service_type (code, label, macro_area) VALUES (?, ?, ?)",
                            &stmt, error))
    {
      wm_imp_reader_close (&r);
      return FALSE;
    }
  while (wm_imp_reader_next (&r, error))
    {
      g_autofree char *code = NULL;

      if (!wm_imp_require (&r, K_CODE) || !wm_imp_require (&r, K_LABEL))
        continue;
      code = g_ascii_strup (wm_imp_value (&r, K_CODE), -1);
      if (g_hash_table_contains (known, code))
        {
          wm_imp_reject (&r, WM_R_DUPLICATE, _("same code as row %" PRId64),
                         (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (known, code)));
          continue;
        }
      sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, wm_imp_value (&r, K_LABEL), -1, SQLITE_TRANSIENT);
      if (wm_imp_value (&r, K_MACRO) != NULL)
        sqlite3_bind_text (stmt, 3, wm_imp_value (&r, K_MACRO), -1, SQLITE_TRANSIENT);
      if (!wm_importer_step_stmt (self, stmt, error))
        break;
      g_hash_table_insert (known, g_steal_pointer (&code), GSIZE_TO_POINTER ((gsize) r.row.number));
      wm_imp_linked (&r);
    }
  return finish (&r, error);
}

/* A CISIS user area (FAM, DIS…), upper case in the file or not. */
static gboolean
user_area (WmImpReader *r,
           guint        field,
           const char **out)
{
  const char *text = wm_imp_value (r, field);
  g_autofree char *upper = NULL;
  WmUserArea area;

  if (text == NULL)
    return wm_imp_require (r, field);
  upper = g_ascii_strup (text, -1);
  area = wm_user_area_from_code (upper);
  if (area != WM_USER_AREA_INVALID)
    {
      *out = wm_user_area_code (area);
      return TRUE;
    }
  wm_imp_reject (r, WM_R_UNKNOWN_CODE, _("%s “%s” — use FAM, DIS, ADD, ELD, IMMNOM, POV or MULBEN"),
                 wm_imp_column (r, field), text);
  return FALSE;
}

/* A code with no label gets itself as label, and one warning. */
static gboolean
ensure_service_type (WmImpReader  *r,
                     GHashTable   *known,
                     const char   *code,
                     GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (g_hash_table_contains (known, code))
    return TRUE;
  wm_imp_warn (r, WM_R_NO_LABEL, _("“%s” is labelled with its code — add a [source service_types] to the mapping"),
               code);
  g_hash_table_insert (known, g_strdup (code), GSIZE_TO_POINTER ((gsize) r->row.number));
  if (!wm_importer_prepare (r->importer, r->importer->db,
                            "INSERT INTO service_type (code, label) VALUES (?1, ?1)", &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  return wm_importer_step_stmt (r->importer, stmt, error);
}

static gboolean
read_services (WmImporter  *self,
               GError     **error)
{
  g_autoptr(GHashTable) known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  WmImpReader r;

  if (!read_service_types (self, known, error))
    return FALSE;
  if (!wm_imp_reader_open (&r, self, "services", service_fields, error))
    return absent_or_failed (error);
  if (!wm_importer_prepare (self, self->db,
                            "INSERT INTO service_episode (person_id, family_id, service_code, user_area,"
                            " start_date, end_date, amount) VALUES (?, ?, ?, ?, ?, ?, ?)", &stmt, error))
    {
      wm_imp_reader_close (&r);
      return FALSE;
    }
  while (wm_imp_reader_next (&r, error))
    {
      g_autofree char *code = NULL, *start = NULL, *end = NULL;
      const char *area;
      int person = -2, family = -1, start_date, end_date;
      double amount;

      if (wm_imp_value (&r, S_CF) != NULL)
        {
          if ((person = wm_imp_link_person (&r, S_CF, NULL)) < 0)
            continue;
        }
      else if (wm_imp_value (&r, S_FAMILY) != NULL)
        {
          if ((family = wm_imp_link_family (&r, S_FAMILY)) < 0)
            continue;
        }
      else
        {
          wm_imp_reject (&r, WM_R_NO_BENEFICIARY, _("neither %s nor %s"),
                         wm_imp_column (&r, S_CF), wm_imp_column (&r, S_FAMILY));
          continue;
        }
      if (!wm_imp_require (&r, S_CODE) || !user_area (&r, S_AREA, &area) ||
          !wm_imp_date (&r, S_START, TRUE, &start_date) || !wm_imp_date (&r, S_END, FALSE, &end_date))
        continue;
      if (end_date != 0 && end_date < start_date)
        {
          wm_imp_reject (&r, WM_R_ENDS_BEFORE, _("%s before %s"), wm_imp_column (&r, S_END), wm_imp_column (&r, S_START));
          continue;
        }
      wm_imp_number (&r, S_AMOUNT, WM_IMPORT_WARNING, 0, 1e7, &amount);
      code = g_ascii_strup (wm_imp_value (&r, S_CODE), -1);
      if (!ensure_service_type (&r, known, code, error))
        break;
      start = wm_import_format_date (start_date);
      end = wm_import_format_date (end_date);
      if (person >= 0)
        sqlite3_bind_int64 (stmt, 1, g_array_index (self->persons, WmImpPerson, person).id);
      else
        sqlite3_bind_int64 (stmt, 2, g_array_index (self->families, WmImpFamily, family).id);
      sqlite3_bind_text (stmt, 3, code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, area, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, start, -1, SQLITE_TRANSIENT);
      if (end != NULL)
        sqlite3_bind_text (stmt, 6, end, -1, SQLITE_TRANSIENT);
      if (!isnan (amount))
        sqlite3_bind_double (stmt, 7, amount);
      if (!wm_importer_step_stmt (self, stmt, error))
        break;
      wm_imp_linked (&r);
    }
  return finish (&r, error);
}

static gboolean
read_care_needs (WmImporter  *self,
                 GError     **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  WmImpReader r;

  if (!wm_imp_reader_open (&r, self, "care_needs", care_fields, error))
    return absent_or_failed (error);
  if (!wm_importer_prepare (self, self->db,
                            "INSERT INTO care_need (person_id, start_date, end_date, level) VALUES (?, ?, ?, ?)",
                            &stmt, error))
    {
      wm_imp_reader_close (&r);
      return FALSE;
    }
  while (wm_imp_reader_next (&r, error))
    {
      g_autofree char *key = NULL, *start = NULL, *end = NULL;
      int person, date, expiry;
      gint64 level;

      if ((person = person_of (&r, C_CF, NULL)) < 0 ||
          !wm_imp_date (&r, C_DATE, TRUE, &date) ||
          !wm_imp_require (&r, C_LEVEL) ||
          !wm_imp_int (&r, C_LEVEL, WM_IMPORT_REJECTED, 1, 3, &level) ||
          !wm_imp_date (&r, C_EXPIRY, FALSE, &expiry))
        continue;
      if (expiry != 0 && expiry <= date)
        {
          wm_imp_reject (&r, WM_R_ENDS_BEFORE, _("%s not after %s"),
                         wm_imp_column (&r, C_EXPIRY), wm_imp_column (&r, C_DATE));
          continue;
        }
      key = g_strdup_printf ("%d/%d", person, date);
      if (g_hash_table_contains (seen, key))
        {
          wm_imp_reject (&r, WM_R_DUPLICATE, _("same person and date as row %" PRId64),
                         (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (seen, key)));
          continue;
        }
      g_hash_table_insert (seen, g_steal_pointer (&key), GSIZE_TO_POINTER ((gsize) r.row.number));
      start = wm_import_format_date (date);
      end = wm_import_format_date (expiry);
      sqlite3_bind_int64 (stmt, 1, g_array_index (self->persons, WmImpPerson, person).id);
      sqlite3_bind_text (stmt, 2, start, -1, SQLITE_TRANSIENT);
      if (end != NULL)
        sqlite3_bind_text (stmt, 3, end, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 4, (int) level);
      if (!wm_importer_step_stmt (self, stmt, error))
        break;
      wm_imp_linked (&r);
    }
  return finish (&r, error);
}

static void
bind_optional (sqlite3_stmt *stmt,
               int           column,
               const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
}

static gboolean
read_service_sites (WmImporter  *self,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  OGRCoordinateTransformationH ct;
  WmImpReader r;

  if (!wm_imp_reader_open (&r, self, "service_sites", site_fields, error))
    return absent_or_failed (error);
  ct = wm_importer_transform_to_wgs84 (self, "source service_sites", NULL, error);
  if (ct == NULL ||
      !wm_importer_prepare (self, self->db,
                            "INSERT INTO service_site (name, user_area, category, address, target_users,"
                            " opening_hours, capacity, lon, lat) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", &stmt, error))
    {
      g_clear_pointer (&ct, OCTDestroyCoordinateTransformation);
      wm_imp_reader_close (&r);
      return FALSE;
    }
  while (wm_imp_reader_next (&r, error))
    {
      const char *area;
      double lon, lat;
      gint64 capacity;

      if (!wm_imp_require (&r, V_NAME) || !user_area (&r, V_AREA, &area) ||
          !wm_imp_point (&r, V_X, V_Y, ct, WM_IMPORT_REJECTED, &lon, &lat))
        continue;
      wm_imp_int (&r, V_CAPACITY, WM_IMPORT_WARNING, 0, 100000, &capacity);
      sqlite3_bind_text (stmt, 1, wm_imp_value (&r, V_NAME), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, area, -1, SQLITE_STATIC);
      bind_optional (stmt, 3, wm_imp_value (&r, V_CATEGORY));
      bind_optional (stmt, 4, wm_imp_value (&r, V_ADDRESS));
      bind_optional (stmt, 5, wm_imp_value (&r, V_TARGET));
      bind_optional (stmt, 6, wm_imp_value (&r, V_HOURS));
      if (capacity >= 0)
        sqlite3_bind_int64 (stmt, 7, capacity);
      sqlite3_bind_double (stmt, 8, lon);
      sqlite3_bind_double (stmt, 9, lat);
      if (!wm_importer_step_stmt (self, stmt, error))
        break;
      wm_imp_linked (&r);
    }
  OCTDestroyCoordinateTransformation (ct);
  return finish (&r, error);
}

static gboolean
read_thresholds (WmImporter  *self,
                 GError     **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  WmImpReader r;

  if (!wm_imp_reader_open (&r, self, "isee_thresholds", threshold_fields, error))
    return absent_or_failed (error);
  if (!wm_importer_prepare (self, self->db, "INSERT INTO isee_threshold (year, threshold) VALUES (?, ?)",
                            &stmt, error))
    {
      wm_imp_reader_close (&r);
      return FALSE;
    }
  while (wm_imp_reader_next (&r, error))
    {
      gint64 year;
      double threshold;

      if (!wm_imp_require (&r, T_YEAR) || !wm_imp_int (&r, T_YEAR, WM_IMPORT_REJECTED, 1990, 2200, &year) ||
          !wm_imp_require (&r, T_THRESHOLD) ||
          !wm_imp_number (&r, T_THRESHOLD, WM_IMPORT_REJECTED, 0, 1e6, &threshold))
        continue;
      if (g_hash_table_contains (seen, GINT_TO_POINTER ((int) year)))
        {
          wm_imp_reject (&r, WM_R_DUPLICATE, _("same year as row %" PRId64),
                         (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (seen, GINT_TO_POINTER ((int) year))));
          continue;
        }
      g_hash_table_insert (seen, GINT_TO_POINTER ((int) year), GSIZE_TO_POINTER ((gsize) r.row.number));
      sqlite3_bind_int64 (stmt, 1, year);
      sqlite3_bind_double (stmt, 2, threshold);
      if (!wm_importer_step_stmt (self, stmt, error))
        break;
      wm_imp_linked (&r);
    }
  return finish (&r, error);
}

/* After the registry is in the database: these need its ids. */
gboolean
wm_importer_read_records (WmImporter  *self,
                          GError     **error)
{
  return read_employment (self, error) &&
         read_isee (self, error) &&
         read_services (self, error) &&
         read_care_needs (self, error) &&
         read_service_sites (self, error) &&
         read_thresholds (self, error);
}
