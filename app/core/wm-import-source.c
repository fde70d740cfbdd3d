/* wm-import-source.c — one source file read row by row through GDAL
 *
 * CSV: GDAL's CSV driver with type detection off, so "01" stays "01".
 * GDAL 3.6 has no open option for the separator (it guesses from the
 * header line), so the header line is checked for the expected separator
 * rather than trusting a guess that could split "9360,00" in two.
 * XLSX/ODS: GDAL's spreadsheet drivers with OGR_{XLSX,ODS}_FIELD_TYPES=
 * STRING and HEADERS=FORCE (config options in 3.6), set for this thread.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <inttypes.h>
#include <cpl_conv.h>
#include <cpl_error.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "wm-import-source.h"

typedef enum {
  KIND_CSV,
  KIND_SHEET,
  KIND_OTHER,
} Kind;

struct _WmImportSource
{
  char *path;
  char *file;           /* basename, for the report */
  char *encoding;       /* NULL: UTF-8 */
  Kind kind;
  GDALDatasetH ds;
  OGRLayerH layer;      /* the one being read */
  GPtrArray *layers;    /* all read, in order: several sheets of one workbook */
  guint current;
  OGRFeatureH feature;
  gint64 last_row;
  char *failure;        /* what GDAL said when it stopped reading early */

  guint n_fields;
  int *index;           /* per layer, per field: the layer's field index, or -1 */
  GStrv columns;        /* per field: the column's name in the mapping */
  char **values;
  char *saved_config[4];
};

G_DEFINE_QUARK (wm-import-source-error-quark, wm_import_source_error)

static const char *const sheet_options[] = {
  "OGR_XLSX_FIELD_TYPES", "OGR_ODS_FIELD_TYPES", "OGR_XLSX_HEADERS", "OGR_ODS_HEADERS",
};

void
wm_import_source_free (WmImportSource *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->feature, OGR_F_Destroy);
  g_clear_pointer (&self->layers, g_ptr_array_unref);
  g_clear_pointer (&self->ds, GDALClose);
  if (self->kind == KIND_SHEET)
    for (guint i = 0; i < G_N_ELEMENTS (sheet_options); i++)
      {
        CPLSetThreadLocalConfigOption (sheet_options[i], self->saved_config[i]);
        g_free (self->saved_config[i]);
      }
  for (guint i = 0; self->values != NULL && i < self->n_fields; i++)
    g_free (self->values[i]);
  g_free (self->values);
  g_free (self->index);
  g_strfreev (self->columns);
  g_free (self->failure);
  g_free (self->path);
  g_free (self->file);
  g_free (self->encoding);
  g_free (self);
}

static Kind
kind_of (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".txt") || g_str_has_suffix (lower, ".tsv"))
    return KIND_CSV;
  if (g_str_has_suffix (lower, ".xlsx") || g_str_has_suffix (lower, ".ods") || g_str_has_suffix (lower, ".xls"))
    return KIND_SHEET;
  return KIND_OTHER;
}

/* The header line, as bytes; enough to see which separator it uses. */
static char *
read_header_line (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, NULL);
  char buffer[65536];
  gssize n;
  char *nl;

  if (in == NULL)
    return NULL;
  n = g_input_stream_read (G_INPUT_STREAM (in), buffer, sizeof buffer - 1, NULL, NULL);
  if (n < 0)
    return NULL;
  buffer[n] = '\0';
  nl = strpbrk (buffer, "\r\n");
  if (nl != NULL)
    *nl = '\0';
  return g_strdup (buffer);
}

static char *
separator_name (char c)
{
  return c == '\t' ? g_strdup (_("tabs")) : g_strdup_printf ("“%c”", c);
}

/* Checked on the header line before GDAL guesses (or fails to guess). */
static gboolean
check_separator (WmImportSource  *self,
                 char             separator,
                 GError         **error)
{
  g_autofree char *header = read_header_line (self->path);
  g_autofree char *expected = separator_name (separator);
  const char *others = ",;\t|";

  if (header == NULL || *header == '\0' || strchr (header, separator) != NULL)
    return TRUE;
  for (const char *o = others; *o != '\0'; o++)
    if (*o != separator && strchr (header, *o) != NULL)
      {
        g_autofree char *found = separator_name (*o);

        g_set_error (error, WM_IMPORT_SOURCE_ERROR, WM_IMPORT_SOURCE_ERROR_SEPARATOR,
                     _("%s:1: the columns are separated by %s rather than %s — export the file again "
                       "separated by %s, or set separator= in the mapping file"),
                     self->file, found, expected, expected);
        return FALSE;
      }
  g_set_error (error, WM_IMPORT_SOURCE_ERROR, WM_IMPORT_SOURCE_ERROR_SEPARATOR,
               _("%s:1: the file has a single column: it is not separated by %s — export it as CSV "
                 "separated by %s"), self->file, expected, expected);
  return FALSE;
}

static OGRLayerH
find_layer (WmImportSource  *self,
            const char      *name,
            GError         **error)
{
  g_autoptr(GString) names = g_string_new (NULL);
  OGRLayerH layer;
  int n = GDALDatasetGetLayerCount (self->ds);

  if (name == NULL)
    layer = n > 0 ? GDALDatasetGetLayer (self->ds, 0) : NULL;
  else
    layer = GDALDatasetGetLayerByName (self->ds, name);
  if (layer != NULL)
    return layer;
  for (int i = 0; i < n; i++)
    g_string_append_printf (names, "%s“%s”", i > 0 ? ", " : "", OGR_L_GetName (GDALDatasetGetLayer (self->ds, i)));
  if (name == NULL)
    g_set_error (error, WM_IMPORT_SOURCE_ERROR, WM_IMPORT_SOURCE_ERROR_NO_LAYER,
                 _("%s: the file has no table or sheet — export it again"), self->file);
  else
    g_set_error (error, WM_IMPORT_SOURCE_ERROR, WM_IMPORT_SOURCE_ERROR_NO_LAYER,
                 _("%s: there is no sheet or layer “%s” (the file has %s) — correct layer= in the mapping file"),
                 self->file, name, names->str);
  return NULL;
}

/* A reader that gives up (GDAL's ODS driver on very large sheets) says so
 * once, maybe rows before its last one: from there on nothing it returns
 * can be trusted to be the whole file. */
static void CPL_STDCALL
note_failure (CPLErr      level,
              CPLErrorNum number,
              const char *message)
{
  WmImportSource *self = CPLGetErrorHandlerUserData ();

  if (level >= CE_Failure && self->failure == NULL)
    self->failure = g_strdup (message);
}

/**
 * wm_import_source_open:
 * @layer: (nullable): the sheet or layer; %NULL for the first
 * @encoding: (nullable): the CSV's character set; %NULL or "UTF-8" for UTF-8
 * @separator: the CSV separator to insist on, or 0 to accept GDAL's guess
 */
WmImportSource *
wm_import_source_open (const char  *path,
                       const char  *layer,
                       const char  *encoding,
                       char         separator,
                       GError     **error)
{
  static const char *const csv_drivers[] = { "CSV", NULL };
  static const char *const csv_options[] = {
    "AUTODETECT_TYPE=NO", "HEADERS=YES", "EMPTY_STRING_AS_NULL=YES", "KEEP_GEOM_COLUMNS=YES", NULL
  };
  g_autoptr(WmImportSource) self = g_new0 (WmImportSource, 1);
  g_autofree char *open_path = NULL;
  GStatBuf st;

  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      GDALAllRegister ();
      g_once_init_leave (&registered, 1);
    }
  self->path = g_strdup (path);
  self->file = g_path_get_basename (path);
  self->kind = kind_of (path);
  if (encoding != NULL && g_ascii_strcasecmp (encoding, "UTF-8") != 0 && g_ascii_strcasecmp (encoding, "UTF8") != 0)
    self->encoding = g_strdup (encoding);

  if (g_stat (path, &st) != 0)
    {
      g_set_error (error, WM_IMPORT_SOURCE_ERROR, WM_IMPORT_SOURCE_ERROR_NOT_FOUND,
                   _("%s: file not found — check its name in the mapping file and the --sources folder"), path);
      return NULL;
    }
  if (st.st_size == 0)
    {
      g_set_error (error, WM_IMPORT_SOURCE_ERROR, WM_IMPORT_SOURCE_ERROR_EMPTY,
                   _("%s: the file is empty — export it again"), self->file);
      return NULL;
    }

  if (self->kind == KIND_SHEET)
    for (guint i = 0; i < G_N_ELEMENTS (sheet_options); i++)
      {
        self->saved_config[i] = g_strdup (CPLGetThreadLocalConfigOption (sheet_options[i], NULL));
        CPLSetThreadLocalConfigOption (sheet_options[i], i < 2 ? "STRING" : "FORCE");
      }

  if (self->kind == KIND_CSV && separator != 0 && !check_separator (self, separator, error))
    return NULL;

  /* Only .csv is the CSV driver's own extension; others need the prefix. */
  if (self->kind == KIND_CSV && !g_str_has_suffix (path, ".csv") && !g_str_has_suffix (path, ".CSV"))
    open_path = g_strconcat ("CSV:", path, NULL);
  /* Spreadsheet drivers parse at open: a failure then is kept for
   * wm_import_source_check() as much as one while reading. */
  CPLPushErrorHandlerEx (note_failure, self);
  self->ds = GDALOpenEx (open_path != NULL ? open_path : path, GDAL_OF_VECTOR | GDAL_OF_READONLY,
                         self->kind == KIND_CSV ? csv_drivers : NULL,
                         self->kind == KIND_CSV ? csv_options : NULL, NULL);
  if (self->ds != NULL)
    self->layer = find_layer (self, layer, error);
  if (self->layer != NULL)
    OGR_L_GetLayerDefn (self->layer);
  CPLPopErrorHandler ();
  if (self->ds == NULL)
    {
      g_set_error (error, WM_IMPORT_SOURCE_ERROR, WM_IMPORT_SOURCE_ERROR_UNREADABLE,
                   _("%s: cannot be read as a table%s%s%s — export it as CSV, XLSX, ODS or GeoPackage"),
                   self->file, self->failure ? " (" : "", self->failure ? self->failure : "",
                   self->failure ? ")" : "");
      return NULL;
    }
  if (self->layer == NULL)
    return NULL;
  self->layers = g_ptr_array_new ();
  g_ptr_array_add (self->layers, self->layer);
  /* A workbook without layer= is read sheet after sheet: exports beyond a
   * sheet's 1,048,575 rows continue on the next ones. */
  if (layer == NULL && self->kind == KIND_SHEET)
    for (int i = 1; i < GDALDatasetGetLayerCount (self->ds); i++)
      g_ptr_array_add (self->layers, GDALDatasetGetLayer (self->ds, i));
  return g_steal_pointer (&self);
}

/* Field names as text in UTF-8 (a Latin-1 header is converted). */
static char *
field_name (WmImportSource *self,
            OGRLayerH       layer,
            int             i)
{
  const char *raw = OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (OGR_L_GetLayerDefn (layer), i));

  if (g_str_has_prefix (raw, "\xef\xbb\xbf"))
    raw += 3;  /* a byte-order mark GDAL left on the first name */
  if (self->encoding != NULL)
    return g_convert (raw, -1, "UTF-8", self->encoding, NULL, NULL, NULL);
  return g_strdup (raw);
}

static int
find_column (WmImportSource *self,
             OGRLayerH       layer,
             const char     *column)
{
  int n = OGR_FD_GetFieldCount (OGR_L_GetLayerDefn (layer));
  int found = -1;

  for (int i = 0; i < n && found < 0; i++)
    {
      g_autofree char *name = field_name (self, layer, i);

      if (name != NULL && g_str_equal (name, column))
        found = i;
    }
  for (int i = 0; i < n && found < 0; i++)
    {
      g_autofree char *name = field_name (self, layer, i);
      g_autofree char *a = name != NULL ? g_utf8_casefold (name, -1) : NULL;
      g_autofree char *b = g_utf8_casefold (column, -1);

      if (a != NULL && g_str_equal (g_strstrip (a), b))
        found = i;
    }
  return found;
}

/**
 * wm_import_source_bind:
 * @group: the mapping group, for messages ("source persons")
 * @columns: (array length=n_fields): the file's column per field, %NULL
 *   where the mapping names none
 * @keys: (array length=n_fields): the mapping key per field, for messages
 * @required: (array length=n_fields)
 *
 * A required field must be named and present; an optional one that is
 * absent reads as empty.
 */
gboolean
wm_import_source_bind (WmImportSource     *self,
                       const char         *group,
                       guint               n_fields,
                       const char *const  *columns,
                       const char *const  *keys,
                       const gboolean     *required,
                       GError            **error)
{
  self->n_fields = n_fields;
  self->index = g_new (int, (gsize) n_fields * self->layers->len);
  self->columns = g_new0 (char *, n_fields + 1);
  self->values = g_new0 (char *, n_fields + 1);
  for (guint i = 0; i < n_fields; i++)
    self->columns[i] = g_strdup (columns[i] != NULL ? columns[i] : keys[i]);
  for (guint l = 0; l < self->layers->len; l++)
    for (guint i = 0; i < n_fields; i++)
      {
        OGRLayerH layer = g_ptr_array_index (self->layers, l);
        int *index = &self->index[l * n_fields + i];
        g_autofree char *where = NULL;

        *index = columns[i] != NULL ? find_column (self, layer, columns[i]) : -1;
        if (!required[i] || *index >= 0)
          continue;
        if (columns[i] == NULL)
          {
            g_set_error (error, WM_IMPORT_SOURCE_ERROR, WM_IMPORT_SOURCE_ERROR_MAPPING,
                         _("[%s] does not say which column of %s is “%s” — add %s=COLUMN to the mapping file"),
                         group, self->file, keys[i], keys[i]);
            return FALSE;
          }
        where = self->layers->len > 1 ? g_strdup_printf ("%s:%s", self->file, OGR_L_GetName (layer))
                                      : g_strdup (self->file);
        g_set_error (error, WM_IMPORT_SOURCE_ERROR, WM_IMPORT_SOURCE_ERROR_MISSING_COLUMN,
                     _("%s:1: column “%s” is missing (%s in [%s]) — correct the export, or the mapping "
                       "file if the column has another name"),
                     where, columns[i], keys[i], group);
        return FALSE;
      }
  return TRUE;
}

static gboolean
in_list (const char *const *list,
         const char         *key)
{
  for (; *list != NULL; list++)
    if (g_str_equal (*list, key))
      return TRUE;
  return FALSE;
}

/**
 * wm_import_source_open_mapped:
 * @name: the source's name in the mapping ("persons" for [source persons])
 * @fields: the fields the importer reads, ending with { NULL }
 */
WmImportSource *
wm_import_source_open_mapped (WmImportMapping     *mapping,
                              const char          *name,
                              const WmImportField *fields,
                              GError             **error)
{
  static const char *const source_keys[] = {
    "file", "layer", "encoding", "separator", "date_format", "decimal_separator", "crs", "optional", NULL
  };
  g_autofree char *group = g_strconcat ("source ", name, NULL);
  GKeyFile *keys = wm_import_mapping_get_key_file (mapping);
  g_auto(GStrv) given = g_key_file_get_keys (keys, group, NULL, NULL);
  g_autofree char *file = wm_import_mapping_get_string (mapping, group, "file", NULL);
  g_autofree char *path = NULL;
  g_autofree char *layer = wm_import_mapping_get_string (mapping, group, "layer", NULL);
  g_autofree char *default_encoding = wm_import_mapping_get_string (mapping, "import", "encoding", NULL);
  g_autofree char *encoding = wm_import_mapping_get_string (mapping, group, "encoding", default_encoding);
  g_autofree char *default_sep = wm_import_mapping_get_string (mapping, "import", "separator", ";");
  g_autofree char *sep = wm_import_mapping_get_string (mapping, group, "separator", default_sep);
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) key_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) required = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(WmImportSource) self = NULL;

  for (guint i = 0; given != NULL && given[i] != NULL; i++)
    {
      gboolean known = in_list (source_keys, given[i]);

      for (const WmImportField *f = fields; !known && f->name != NULL; f++)
        known = g_str_has_prefix (given[i], "column.") && g_str_equal (given[i] + 7, f->name);
      if (!known)
        {
          g_set_error (error, WM_IMPORT_SOURCE_ERROR, WM_IMPORT_SOURCE_ERROR_MAPPING,
                       _("%s: [%s] has an unknown key “%s” — check its spelling (see data/mapping/povo.ini)"),
                       wm_import_mapping_get_path (mapping), group, given[i]);
          return NULL;
        }
    }
  if (strlen (sep) != 1)
    {
      g_set_error (error, WM_IMPORT_SOURCE_ERROR, WM_IMPORT_SOURCE_ERROR_MAPPING,
                   _("%s: [%s] separator must be one character"), wm_import_mapping_get_path (mapping), group);
      return NULL;
    }

  path = wm_import_mapping_resolve (mapping, group, file);
  self = wm_import_source_open (path, layer, encoding, sep[0], error);
  if (self == NULL)
    return NULL;
  for (const WmImportField *f = fields; f->name != NULL; f++)
    {
      g_autofree char *key = g_strconcat ("column.", f->name, NULL);

      g_ptr_array_add (columns, wm_import_mapping_get_string (mapping, group, key, NULL));
      g_ptr_array_add (key_names, g_steal_pointer (&key));
      g_array_append_val (required, f->required);
    }
  if (!wm_import_source_bind (self, group, columns->len, (const char *const *) columns->pdata,
                              (const char *const *) key_names->pdata, (const gboolean *) (gpointer) required->data,
                              error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
wm_import_source_get_file (WmImportSource *self)
{
  return self->file;
}

const char *
wm_import_source_get_path (WmImportSource *self)
{
  return self->path;
}

/* Number cells come from a spreadsheet as numbers, whatever the locale. */
gboolean
wm_import_source_is_spreadsheet (WmImportSource *self)
{
  return self->kind == KIND_SHEET;
}

/* Rows (CSV, sheets) rather than features (GeoPackage, GeoJSON…). */
gboolean
wm_import_source_has_rows_numbered (WmImportSource *self)
{
  return self->kind != KIND_OTHER;
}

OGRLayerH
wm_import_source_get_layer (WmImportSource *self)
{
  return self->layer;
}

gint64
wm_import_source_count_rows (WmImportSource *self)
{
  gint64 n = 0;

  CPLPushErrorHandlerEx (note_failure, self);
  for (guint l = 0; l < self->layers->len; l++)
    {
      OGRLayerH layer = g_ptr_array_index (self->layers, l);

      n += MAX (OGR_L_GetFeatureCount (layer, TRUE), 0);
      OGR_L_ResetReading (layer);
    }
  CPLPopErrorHandler ();
  return n;
}

/* Whether the file has the column the mapping names for @field (in its
 * first sheet). */
gboolean
wm_import_source_has_field (WmImportSource *self,
                            guint           field)
{
  return field < self->n_fields && self->index[field] >= 0;
}

/* For messages: the column as the mapping names it (or the field's key). */
const char *
wm_import_source_get_column (WmImportSource *self,
                             guint           field)
{
  g_return_val_if_fail (field < self->n_fields, NULL);

  return self->columns[field];
}

static char *
cell_text (WmImportSource *self,
           int             index,
           gboolean       *bad)
{
  const char *raw;
  char *text;

  if (!OGR_F_IsFieldSetAndNotNull (self->feature, index))
    return NULL;
  raw = OGR_F_GetFieldAsString (self->feature, index);
  if (self->encoding != NULL)
    text = g_convert (raw, -1, "UTF-8", self->encoding, NULL, NULL, NULL);
  else
    text = g_utf8_validate (raw, -1, NULL) ? g_strdup (raw) : NULL;
  if (text == NULL)
    {
      *bad = TRUE;
      return NULL;
    }
  g_strstrip (text);
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/**
 * wm_import_source_next:
 * @row: (out): valid until the next call
 *
 * Returns: %FALSE at the end of the file
 */
gboolean
wm_import_source_next (WmImportSource *self,
                       WmImportRow    *row)
{
  GIntBig fid;

  const int *index;

  g_clear_pointer (&self->feature, OGR_F_Destroy);
  CPLPushErrorHandlerEx (note_failure, self);
  self->feature = OGR_L_GetNextFeature (self->layer);
  while (self->feature == NULL && self->failure == NULL && self->current + 1 < self->layers->len)
    {
      self->layer = g_ptr_array_index (self->layers, ++self->current);
      self->feature = OGR_L_GetNextFeature (self->layer);
    }
  CPLPopErrorHandler ();
  if (self->feature == NULL)
    return FALSE;

  fid = OGR_F_GetFID (self->feature);
  /* CSV counts records from 1 after the header (row 2 for a spreadsheet
   * user); the spreadsheet drivers already count the header row. */
  row->number = self->kind == KIND_CSV ? fid + 1 : fid;
  self->last_row = row->number;
  row->sheet = self->layers->len > 1 ? g_intern_string (OGR_L_GetName (self->layer)) : NULL;
  row->bad_field = -1;
  row->feature = self->feature;
  index = &self->index[self->current * self->n_fields];
  for (guint i = 0; i < self->n_fields; i++)
    {
      gboolean bad = FALSE;

      g_clear_pointer (&self->values[i], g_free);
      if (index[i] >= 0)
        self->values[i] = cell_text (self, index[i], &bad);
      if (bad && row->bad_field < 0)
        row->bad_field = (int) i;
    }
  row->values = (const char *const *) self->values;
  return TRUE;
}

/**
 * wm_import_source_check:
 *
 * After wm_import_source_next() has returned %FALSE: whether that was the
 * end of the file, or GDAL stopped reading it (then @error says where).
 */
gboolean
wm_import_source_check (WmImportSource  *self,
                        GError         **error)
{
  if (self->failure == NULL)
    return TRUE;
  g_set_error (error, WM_IMPORT_SOURCE_ERROR, WM_IMPORT_SOURCE_ERROR_UNREADABLE,
               _("%s: reading stopped after row %" PRId64 " (%s) — the rest of the file cannot be read; "
                 "save it as CSV and name that file in the mapping"),
               self->file, self->last_row, self->failure);
  return FALSE;
}
