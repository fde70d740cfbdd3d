/* wm-importer.c — municipal source files → the extract's two databases
 *
 * Order of work: dwellings, persons, residences (the registry, checked as a
 * whole), education; then ids are handed out in pseudonym order, so an id
 * says nothing about a person's place in the registry export (often
 * alphabetical); then the other sources, which only need those ids; then
 * the boundary layers. All in one transaction on in-memory databases with
 * temp_store=MEMORY: nothing touches the disk.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <gdal.h>
#include <glib/gi18n.h>
#include <math.h>

#include "wm-importer-private.h"
#include "wm-schema.h"

G_DEFINE_FINAL_TYPE (WmImporter, wm_importer, G_TYPE_OBJECT)

G_DEFINE_QUARK (wm-importer-error-quark, wm_importer_error)

enum {
  PROP_0,
  PROP_REPORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wm_importer_finalize (GObject *object)
{
  WmImporter *self = WM_IMPORTER (object);

  if (self->progress_destroy != NULL)
    self->progress_destroy (self->progress_data);
  g_clear_pointer (&self->mapping, wm_import_mapping_free);
  g_clear_object (&self->report);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->idb, sqlite3_close);
  g_clear_pointer (&self->person_by_cf, g_hash_table_unref);
  g_clear_pointer (&self->person_by_name, g_hash_table_unref);
  g_clear_pointer (&self->family_by_code, g_hash_table_unref);
  g_clear_pointer (&self->dwelling_by_code, g_hash_table_unref);
  g_clear_pointer (&self->persons, g_array_unref);
  g_clear_pointer (&self->families, g_array_unref);
  g_clear_pointer (&self->dwellings, g_array_unref);
  g_clear_pointer (&self->residences, g_array_unref);
  g_free (self->person_res_start);
  g_free (self->person_res);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_free (self->date_format);
  sodium_memzero (self->key, sizeof self->key);

  G_OBJECT_CLASS (wm_importer_parent_class)->finalize (object);
}

static void
wm_importer_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  WmImporter *self = WM_IMPORTER (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_importer_class_init (WmImporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wm_importer_finalize;
  object_class->get_property = wm_importer_get_property;

  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL, WM_TYPE_IMPORT_REPORT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wm_importer_init (WmImporter *self)
{
  self->report = wm_import_report_new ();
  self->strings = g_string_chunk_new (1 << 16);
  self->persons = g_array_new (FALSE, TRUE, sizeof (WmImpPerson));
  self->families = g_array_new (FALSE, TRUE, sizeof (WmImpFamily));
  self->dwellings = g_array_new (FALSE, TRUE, sizeof (WmImpDwelling));
  self->residences = g_array_new (FALSE, TRUE, sizeof (WmImpResidence));
  self->person_by_cf = g_hash_table_new (g_str_hash, g_str_equal);
  self->person_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  self->family_by_code = g_hash_table_new (g_str_hash, g_str_equal);
  self->dwelling_by_code = g_hash_table_new (g_str_hash, g_str_equal);
}

/**
 * wm_importer_new:
 * @mapping: (transfer full): a loaded mapping
 */
WmImporter *
wm_importer_new (WmImportMapping *mapping)
{
  WmImporter *self = g_object_new (WM_TYPE_IMPORTER, NULL);
  g_autofree char *decimal = NULL;

  g_return_val_if_fail (mapping != NULL, NULL);

  self->mapping = mapping;
  self->date_format = wm_import_mapping_get_string (mapping, "import", "date_format", "%d/%m/%Y");
  decimal = wm_import_mapping_get_string (mapping, "import", "decimal_separator", ",");
  self->decimal = decimal[0] == '.' ? '.' : ',';
  self->min_date = wm_import_mapping_get_min_date (mapping);
  self->max_date = wm_import_mapping_get_max_date (mapping);
  return self;
}

/**
 * wm_importer_set_progress_func:
 * @func: (nullable): called from the importing thread
 */
void
wm_importer_set_progress_func (WmImporter           *self,
                               WmImportProgressFunc  func,
                               gpointer              user_data,
                               GDestroyNotify        destroy)
{
  g_return_if_fail (WM_IS_IMPORTER (self));

  if (self->progress_destroy != NULL)
    self->progress_destroy (self->progress_data);
  self->progress = func;
  self->progress_data = user_data;
  self->progress_destroy = destroy;
}

WmImportReport *
wm_importer_get_report (WmImporter *self)
{
  g_return_val_if_fail (WM_IS_IMPORTER (self), NULL);

  return self->report;
}

/* The pseudonymised database, in memory; %NULL before a successful run. */
sqlite3 *
wm_importer_get_database (WmImporter *self)
{
  g_return_val_if_fail (WM_IS_IMPORTER (self), NULL);

  return self->done ? self->db : NULL;
}

/* The identities, in memory; %NULL before a successful run. */
sqlite3 *
wm_importer_get_identity_database (WmImporter *self)
{
  g_return_val_if_fail (WM_IS_IMPORTER (self), NULL);

  return self->done ? self->idb : NULL;
}

/**
 * wm_importer_step:
 *
 * Counts one row of @source (a file name) toward progress and checks for
 * cancellation.
 */
gboolean
wm_importer_step (WmImporter  *self,
                  const char  *source,
                  GError     **error)
{
  self->rows_done++;
  if (self->rows_done % 1000 != 0)
    return TRUE;
  if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
    return FALSE;
  if (self->progress != NULL)
    {
      double elapsed = (g_get_monotonic_time () - self->started_at) / 1e6;

      self->progress (source, self->rows_done, MAX (self->rows_total, self->rows_done),
                      elapsed > 0 ? self->rows_done / elapsed : 0, self->progress_data);
    }
  return TRUE;
}

/**
 * wm_importer_pseudonym:
 * @prefix: (nullable): keeps kinds of codes apart ("famiglia:"); persons
 *   have none — their pseudonym is the keyed BLAKE2b of the code alone,
 *   as the schema says
 */
void
wm_importer_pseudonym (WmImporter *self,
                       const char *prefix,
                       const char *code,
                       guint8     *out)
{
  crypto_generichash_state state;

  crypto_generichash_init (&state, self->key, sizeof self->key, WM_PSEUDONYM_BYTES);
  if (prefix != NULL)
    crypto_generichash_update (&state, (const guint8 *) prefix, strlen (prefix));
  crypto_generichash_update (&state, (const guint8 *) code, strlen (code));
  crypto_generichash_final (&state, out, WM_PSEUDONYM_BYTES);
}

gboolean
wm_importer_exec (WmImporter  *self,
                  sqlite3     *db,
                  const char  *sql,
                  GError     **error)
{
  char *msg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &msg) == SQLITE_OK)
    return TRUE;
  g_set_error (error, WM_IMPORTER_ERROR, WM_IMPORTER_ERROR_DATABASE,
               _("Could not build the extract database: %s"), msg != NULL ? msg : sqlite3_errmsg (db));
  sqlite3_free (msg);
  return FALSE;
}

gboolean
wm_importer_prepare (WmImporter    *self,
                     sqlite3       *db,
                     const char    *sql,
                     sqlite3_stmt **stmt,
                     GError       **error)
{
  if (sqlite3_prepare_v2 (db, sql, -1, stmt, NULL) == SQLITE_OK)
    return TRUE;
  g_set_error (error, WM_IMPORTER_ERROR, WM_IMPORTER_ERROR_DATABASE,
               _("Could not build the extract database: %s"), sqlite3_errmsg (db));
  return FALSE;
}

/* Runs an INSERT and resets it for the next row. */
gboolean
wm_importer_step_stmt (WmImporter    *self,
                       sqlite3_stmt  *stmt,
                       GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  g_set_error (error, WM_IMPORTER_ERROR, WM_IMPORTER_ERROR_DATABASE,
               _("Could not build the extract database: %s"), sqlite3_errmsg (sqlite3_db_handle (stmt)));
  return FALSE;
}

/* optional=true: a file that is not there is noted, not an error. */
static gboolean
is_missing_optional (WmImporter *self,
                     const char *name)
{
  g_autofree char *group = g_strconcat ("source ", name, NULL);
  g_autofree char *optional = wm_import_mapping_get_string (self->mapping, group, "optional", "false");
  g_autofree char *file = wm_import_mapping_get_string (self->mapping, group, "file", NULL);
  g_autofree char *path = wm_import_mapping_resolve (self->mapping, group, file);
  g_autofree char *base = NULL;

  if (g_ascii_strcasecmp (optional, "true") != 0 || g_file_test (path, G_FILE_TEST_EXISTS))
    return FALSE;
  base = g_path_get_basename (path);
  wm_import_report_begin_source (self->report, name, base, TRUE);
  wm_import_report_add (self->report, name, 0, WM_IMPORT_WARNING, WM_R_FILE_ABSENT,
                        _("optional, nothing imported from it"));
  return TRUE;
}

/**
 * wm_importer_open_source:
 *
 * Opens [source @name] and starts its part of the report.
 *
 * Returns: (nullable): %NULL with @error unset when the mapping has no
 *   such source, or an optional one whose file is not there (noted in the
 *   report)
 */
WmImportSource *
wm_importer_open_source (WmImporter          *self,
                         const char          *name,
                         const WmImportField *fields,
                         GError             **error)
{
  WmImportSource *src;

  if (!wm_import_mapping_has_source (self->mapping, name))
    {
      wm_import_report_note_absent (self->report, name);
      return NULL;
    }
  if (is_missing_optional (self, name))
    return NULL;
  src = wm_import_source_open_mapped (self->mapping, name, fields, error);
  if (src == NULL)
    return NULL;
  wm_import_report_begin_source (self->report, name, wm_import_source_get_file (src),
                                 wm_import_source_has_rows_numbered (src));
  if (wm_import_source_is_spreadsheet (src))
    self->rows_total += wm_import_source_count_rows (src);
  for (guint i = 0; fields[i].name != NULL; i++)
    {
      g_autofree char *group = g_strconcat ("source ", name, NULL);
      g_autofree char *key = g_strconcat ("column.", fields[i].name, NULL);

      if (!wm_import_source_has_field (src, i) && g_key_file_has_key (wm_import_mapping_get_key_file (self->mapping),
                                                                        group, key, NULL))
        wm_import_report_add (self->report, name, 0, WM_IMPORT_WARNING, WM_R_COLUMN_ABSENT,
                              _("%s (read as empty)"), key);
    }
  return src;
}

/**
 * wm_importer_transform_to_wgs84:
 * @source_srs: (nullable): the data's CRS, or %NULL to read crs= of @group
 *
 * Returns: (transfer full): a transformation to longitude/latitude, both
 *   sides in x = easting/longitude order whatever the CRS's official axes
 */
OGRCoordinateTransformationH
wm_importer_transform_to_wgs84 (WmImporter           *self,
                                const char           *group,
                                OGRSpatialReferenceH  source_srs,
                                GError              **error)
{
  OGRSpatialReferenceH src = source_srs != NULL ? OSRClone (source_srs) : OSRNewSpatialReference (NULL);
  OGRSpatialReferenceH dst = OSRNewSpatialReference (NULL);
  OGRCoordinateTransformationH ct = NULL;

  if (source_srs == NULL)
    {
      g_autofree char *crs = wm_import_mapping_get_string (self->mapping, group, "crs", "EPSG:4326");

      if (OSRSetFromUserInput (src, crs) != OGRERR_NONE)
        {
          g_set_error (error, WM_IMPORTER_ERROR, WM_IMPORTER_ERROR_CRS,
                       _("%s: [%s] crs=%s is not a coordinate system GDAL knows — write it as EPSG:32632"),
                       wm_import_mapping_get_path (self->mapping), group, crs);
          goto out;
        }
    }
  OSRImportFromEPSG (dst, 4326);
  OSRSetAxisMappingStrategy (src, OAMS_TRADITIONAL_GIS_ORDER);
  OSRSetAxisMappingStrategy (dst, OAMS_TRADITIONAL_GIS_ORDER);
  ct = OCTNewCoordinateTransformation (src, dst);
  if (ct == NULL)
    g_set_error (error, WM_IMPORTER_ERROR, WM_IMPORTER_ERROR_CRS,
                 _("%s: cannot convert coordinates of [%s] to longitude and latitude — check its CRS"),
                 wm_import_mapping_get_path (self->mapping), group);
out:
  OSRDestroySpatialReference (src);
  OSRDestroySpatialReference (dst);
  return ct;
}

/* Lines of a text file, less the header: a CSV's rows for the percentage
 * (a quoted line break counts twice; only the percentage is off). Read
 * in blocks so Ctrl-C is heard even on a gigabyte. */
static gboolean
count_lines (WmImporter  *self,
             const char  *path,
             GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, self->cancellable, NULL);
  g_autofree char *buffer = g_malloc (1 << 20);
  g_autoptr(GError) local = NULL;
  gint64 lines = 0;
  gssize n;

  if (in == NULL)
    return TRUE;  /* reported when the source is opened */
  while ((n = g_input_stream_read (G_INPUT_STREAM (in), buffer, 1 << 20, self->cancellable, &local)) > 0)
    for (const char *p = buffer; (p = memchr (p, '\n', buffer + n - p)) != NULL; p++)
      lines++;
  if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  self->rows_total += MAX (lines - 1, 0);  /* a read error: reported when the source is opened */
  return TRUE;
}

/* Rows in every source, for the percentage. Spreadsheets are counted when
 * they are opened: their drivers load a whole sheet anyway. */
static gboolean
count_rows (WmImporter  *self,
            GError     **error)
{
  static const char *const names[] = {
    "dwellings", "persons", "residences", "education", "employment", "isee", "services",
    "care_needs", "service_sites", "isee_thresholds", "service_types",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *group = g_strconcat ("source ", names[i], NULL);
      g_autofree char *file = wm_import_mapping_get_string (self->mapping, group, "file", NULL);
      g_autofree char *lower = NULL;
      g_autofree char *path = NULL;
      g_autoptr(WmImportSource) src = NULL;

      if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
        return FALSE;
      if (file == NULL)
        continue;
      lower = g_ascii_strdown (file, -1);
      path = wm_import_mapping_resolve (self->mapping, group, file);
      if (g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".txt") || g_str_has_suffix (lower, ".tsv"))
        {
          if (!count_lines (self, path, error))
            return FALSE;
        }
      else if (!g_str_has_suffix (lower, ".xlsx") && !g_str_has_suffix (lower, ".ods") &&
               !g_str_has_suffix (lower, ".xls"))
        {
          g_autofree char *layer = wm_import_mapping_get_string (self->mapping, group, "layer", NULL);

          src = wm_import_source_open (path, layer, NULL, 0, NULL);
          if (src != NULL)
            self->rows_total += wm_import_source_count_rows (src);
        }
    }
  return TRUE;
}

static gboolean
open_databases (WmImporter  *self,
                GError     **error)
{
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_MEMORY;

  if (sqlite3_open_v2 (":memory:", &self->db, flags, NULL) != SQLITE_OK ||
      sqlite3_open_v2 (":memory:", &self->idb, flags, NULL) != SQLITE_OK)
    {
      g_set_error_literal (error, WM_IMPORTER_ERROR, WM_IMPORTER_ERROR_DATABASE,
                           _("Could not create the extract database in memory (not enough memory?)"));
      return FALSE;
    }
  /* Sorting and indexing spill to temp files unless told otherwise, and
   * those would hold plaintext. */
  return wm_importer_exec (self, self->db, "PRAGMA temp_store = MEMORY; PRAGMA foreign_keys = ON", error) &&
         wm_importer_exec (self, self->idb, "PRAGMA temp_store = MEMORY", error) &&
         wm_schema_create (self->db, error) &&
         wm_schema_create_identity (self->idb, "main", error);
}

/**
 * wm_importer_run:
 *
 * Imports everything the mapping names. A malformed row never fails the
 * run (it goes to the report); a missing file or required column, an
 * unusable boundary layer or cancellation does. Can run only once.
 */
static gboolean run_steps (WmImporter *self, GCancellable *cancellable, GError **error);

gboolean
wm_importer_run (WmImporter    *self,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (WM_IS_IMPORTER (self), FALSE);
  g_return_val_if_fail (self->db == NULL, FALSE);

  /* The steps tell failure by the error being set: never let a caller's
   * NULL turn a failure into success. */
  if (run_steps (self, cancellable, &local))
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

static gboolean
run_steps (WmImporter    *self,
           GCancellable  *cancellable,
           GError       **error)
{

  if (sodium_init () < 0)
    {
      g_set_error_literal (error, WM_IMPORTER_ERROR, WM_IMPORTER_ERROR_FAILED,
                           _("The cryptography library could not start"));
      return FALSE;
    }
  GDALAllRegister ();
  g_set_object (&self->cancellable, cancellable);
  randombytes_buf (self->key, sizeof self->key);
  self->started_at = g_get_monotonic_time ();
  if (!count_rows (self, error) ||
      !open_databases (self, error) ||
      !wm_importer_exec (self, self->db, "BEGIN", error) ||
      !wm_importer_exec (self, self->idb, "BEGIN", error) ||
      !wm_importer_read_dwellings (self, error) ||
      !wm_importer_read_persons (self, error) ||
      !wm_importer_read_residences (self, error))
    return FALSE;
  wm_importer_check_residences (self);
  if (!wm_importer_read_education (self, error))
    return FALSE;
  wm_importer_assign_ids (self);
  if (!wm_importer_write_registry (self, error) ||
      !wm_importer_read_records (self, error) ||
      !wm_importer_read_layers (self, error) ||
      !wm_importer_write_meta (self, error) ||
      !wm_import_report_write_table (self->report, self->db, error) ||
      !wm_importer_exec (self, self->db, "COMMIT", error) ||
      !wm_importer_exec (self, self->idb, "COMMIT", error))
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (self->progress != NULL)
    self->progress ("", self->rows_done, MAX (self->rows_total, self->rows_done),
                    self->rows_done / MAX ((g_get_monotonic_time () - self->started_at) / 1e6, 1e-6),
                    self->progress_data);
  self->done = TRUE;
  return TRUE;
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  GError *error = NULL;

  if (wm_importer_run (source_object, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
wm_importer_run_async (WmImporter          *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, wm_importer_run_async);
  g_task_run_in_thread (task, run_thread);
}

gboolean
wm_importer_run_finish (WmImporter    *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
