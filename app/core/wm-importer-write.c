/* wm-importer-write.c — the registry into the two databases
 *
 * Pseudonymised side: person, family, dwelling, residence. Identities side:
 * names, codice fiscale, birth date and place, family codes, addresses and
 * the pseudonym key. Rows go in id order so the tables read back in an
 * order that says nothing about the registry export.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <math.h>

#include "wm-importer-private.h"
#include "wm-schema.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           column,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}

/* Indices of @array's elements by their id (0: not in the extract). */
static guint *
by_id (GArray  *array,
       gsize    id_offset,
       guint   *n)
{
  guint *order = g_new0 (guint, array->len + 1);

  *n = 0;
  for (guint i = 0; i < array->len; i++)
    {
      guint id = G_STRUCT_MEMBER (guint, array->data + (gsize) i * g_array_get_element_size (array), id_offset);

      if (id != 0)
        {
          order[id - 1] = i;
          *n = MAX (*n, id);
        }
    }
  return order;
}

static gboolean
write_persons (WmImporter  *self,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) ident = NULL;
  g_autofree guint *order = NULL;
  guint n;

  if (!wm_importer_prepare (self, self->db,
                            "INSERT INTO person (id, pseudonym, sex, birth_year, birth_month, citizenship,"
                            " education, death_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", &stmt, error) ||
      !wm_importer_prepare (self, self->idb,
                            "INSERT INTO identity_person (person_id, codice_fiscale, surname, given_name,"
                            " birth_date, birthplace_code) VALUES (?, ?, ?, ?, ?, ?)", &ident, error))
    return FALSE;
  order = by_id (self->persons, G_STRUCT_OFFSET (WmImpPerson, id), &n);
  for (guint k = 0; k < n; k++)
    {
      const WmImpPerson *p = &g_array_index (self->persons, WmImpPerson, order[k]);
      g_autofree char *birth = wm_import_format_date (p->birth_date);
      g_autofree char *death = wm_import_format_date (p->death_date);

      sqlite3_bind_int64 (stmt, 1, p->id);
      sqlite3_bind_blob (stmt, 2, p->pseudonym, WM_PSEUDONYM_BYTES, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, p->sex);
      sqlite3_bind_int (stmt, 4, p->birth_date / 10000);
      sqlite3_bind_int (stmt, 5, p->birth_date / 100 % 100);
      sqlite3_bind_int (stmt, 6, p->citizenship);
      sqlite3_bind_int (stmt, 7, p->education);
      bind_text_or_null (stmt, 8, death);
      sqlite3_bind_int64 (ident, 1, p->id);
      sqlite3_bind_text (ident, 2, p->cf, -1, SQLITE_TRANSIENT);
      bind_text_or_null (ident, 3, p->surname);
      bind_text_or_null (ident, 4, p->given_name);
      bind_text_or_null (ident, 5, birth);
      bind_text_or_null (ident, 6, p->birthplace);
      if (!wm_importer_step_stmt (self, stmt, error) || !wm_importer_step_stmt (self, ident, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_families (WmImporter  *self,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) ident = NULL;
  g_autofree guint *order = NULL;
  guint n;

  if (!wm_importer_prepare (self, self->db, "INSERT INTO family (id, pseudonym, communal) VALUES (?, ?, ?)", &stmt, error) ||
      !wm_importer_prepare (self, self->idb, "INSERT INTO identity_family (family_id, family_code) VALUES (?, ?)",
                            &ident, error))
    return FALSE;
  order = by_id (self->families, G_STRUCT_OFFSET (WmImpFamily, id), &n);
  for (guint k = 0; k < n; k++)
    {
      const WmImpFamily *f = &g_array_index (self->families, WmImpFamily, order[k]);

      sqlite3_bind_int64 (stmt, 1, f->id);
      sqlite3_bind_blob (stmt, 2, f->pseudonym, WM_PSEUDONYM_BYTES, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, f->communal);
      sqlite3_bind_int64 (ident, 1, f->id);
      sqlite3_bind_text (ident, 2, f->code, -1, SQLITE_TRANSIENT);
      if (!wm_importer_step_stmt (self, stmt, error) || !wm_importer_step_stmt (self, ident, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_dwellings (WmImporter  *self,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) ident = NULL;
  g_autofree guint *order = NULL;
  guint n;

  if (!wm_importer_prepare (self, self->db,
                            "INSERT INTO dwelling (id, surface_m2, rooms, tenure, lon, lat) VALUES (?, ?, ?, ?, ?, ?)",
                            &stmt, error) ||
      !wm_importer_prepare (self, self->idb, "INSERT INTO identity_dwelling (dwelling_id, address) VALUES (?, ?)",
                            &ident, error))
    return FALSE;
  order = by_id (self->dwellings, G_STRUCT_OFFSET (WmImpDwelling, id), &n);
  for (guint k = 0; k < n; k++)
    {
      const WmImpDwelling *d = &g_array_index (self->dwellings, WmImpDwelling, order[k]);

      sqlite3_bind_int64 (stmt, 1, d->id);
      if (!isnan (d->surface))
        sqlite3_bind_double (stmt, 2, d->surface);
      if (d->rooms > 0)
        sqlite3_bind_int (stmt, 3, d->rooms);
      sqlite3_bind_int (stmt, 4, d->tenure);
      sqlite3_bind_double (stmt, 5, d->lon);
      sqlite3_bind_double (stmt, 6, d->lat);
      sqlite3_bind_int64 (ident, 1, d->id);
      /* no address text: the dwelling code is the next best thing */
      sqlite3_bind_text (ident, 2, d->address != NULL ? d->address : d->code, -1, SQLITE_TRANSIENT);
      if (!wm_importer_step_stmt (self, stmt, error) || !wm_importer_step_stmt (self, ident, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_residences (WmImporter  *self,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!wm_importer_prepare (self, self->db,
                            "INSERT INTO residence (person_id, family_id, dwelling_id, relation, start_date, end_date)"
                            " VALUES (?, ?, ?, ?, ?, ?)", &stmt, error))
    return FALSE;
  /* by person and start date: the order residence_person indexes */
  for (guint p = 0; p < self->persons->len; p++)
    for (guint i = self->person_res_start[p]; i < self->person_res_start[p + 1]; i++)
      {
        const WmImpResidence *res = &g_array_index (self->residences, WmImpResidence, self->person_res[i]);
        g_autofree char *start = wm_import_format_date (res->start_date);
        g_autofree char *end = wm_import_format_date (res->end_date);

        sqlite3_bind_int64 (stmt, 1, g_array_index (self->persons, WmImpPerson, res->person).id);
        sqlite3_bind_int64 (stmt, 2, g_array_index (self->families, WmImpFamily, res->family).id);
        sqlite3_bind_int64 (stmt, 3, g_array_index (self->dwellings, WmImpDwelling, res->dwelling).id);
        sqlite3_bind_int (stmt, 4, res->relation);
        sqlite3_bind_text (stmt, 5, start, -1, SQLITE_TRANSIENT);
        bind_text_or_null (stmt, 6, end);
        if (!wm_importer_step_stmt (self, stmt, error))
          return FALSE;
      }
  return TRUE;
}

gboolean
wm_importer_write_registry (WmImporter  *self,
                            GError     **error)
{
  g_autoptr(sqlite3_stmt) key = NULL;

  if (!wm_importer_prepare (self, self->idb, "INSERT INTO identity_key (name, key) VALUES ('pseudonym', ?)",
                            &key, error))
    return FALSE;
  sqlite3_bind_blob (key, 1, self->key, sizeof self->key, SQLITE_TRANSIENT);
  return wm_importer_step_stmt (self, key, error) &&
         write_persons (self, error) &&
         write_families (self, error) &&
         write_dwellings (self, error) &&
         write_residences (self, error);
}

static char *
source_list (WmImporter *self)
{
  g_auto(GStrv) sources = wm_import_report_get_sources (self->report);
  GString *text = g_string_new (NULL);

  for (guint i = 0; sources[i] != NULL; i++)
    {
      g_autofree char *summary = wm_import_report_get_summary (self->report, sources[i]);

      g_string_append_printf (text, "%s%s: %s", i > 0 ? "\n" : "", sources[i], summary);
    }
  return g_string_free (text, FALSE);
}

/* Attribution: the mapping's, then each layer's. */
static char *
attribution (WmImporter *self)
{
  const char *const *layers = wm_import_mapping_get_layers (self->mapping);
  GString *text = g_string_new (wm_import_mapping_get_attribution (self->mapping));

  for (guint i = 0; layers[i] != NULL; i++)
    {
      g_autofree char *group = g_strconcat ("layer ", layers[i], NULL);
      g_autofree char *a = wm_import_mapping_get_string (self->mapping, group, "attribution", NULL);

      if (a != NULL && strstr (text->str, a) == NULL)
        g_string_append_printf (text, "%s%s", text->len > 0 ? "; " : "", a);
    }
  return g_string_free (text, FALSE);
}

gboolean
wm_importer_write_meta (WmImporter  *self,
                        GError     **error)
{
  WmImportMapping *m = self->mapping;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *built_at = g_date_time_format_iso8601 (now);
  g_autofree char *first = g_strdup_printf ("%d", wm_import_mapping_get_first_year (m));
  g_autofree char *last = g_strdup_printf ("%d", wm_import_mapping_get_last_year (m));
  g_autofree char *crs = g_strdup_printf ("%d", wm_import_mapping_get_metric_epsg (m));
  g_autofree char *reference = g_strdup_printf ("%d-12-31", wm_import_mapping_get_last_year (m));
  g_autofree char *sources = source_list (self);
  g_autofree char *credits = attribution (self);

  return wm_schema_meta_set (self->db, "municipality_code", wm_import_mapping_get_municipality_code (m), error) &&
         wm_schema_meta_set (self->db, "municipality_name", wm_import_mapping_get_municipality_name (m), error) &&
         wm_schema_meta_set (self->db, "first_year", first, error) &&
         wm_schema_meta_set (self->db, "last_year", last, error) &&
         wm_schema_meta_set (self->db, "metric_crs", crs, error) &&
         wm_schema_meta_set (self->db, "reference_date", reference, error) &&
         wm_schema_meta_set (self->db, "built_at", built_at, error) &&
         wm_schema_meta_set (self->db, "sources", sources, error) &&
         wm_schema_meta_set (self->db, "attribution", credits, error);
}
