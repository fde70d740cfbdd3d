/* wm-import-mapping.c — which file holds what, and which column is which
 *
 * Loading checks the whole file up front (unknown groups and keys, years,
 * CRS, value tables) so a typo is reported before a long import starts,
 * naming the group and key.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wm-import-mapping.h"

struct _WmImportMapping
{
  char *path;
  char *display;        /* basename, for messages */
  char *dir;
  char *sources_dir;
  char *boundaries_dir;
  GKeyFile *keys;

  char *municipality_code;
  char *municipality_name;
  char *attribution;
  int first_year;
  int last_year;
  int metric_epsg;
  int min_date;
  int max_date;
  gboolean fallback_by_name;
  GStrv layers;         /* codes, sections first */
  GHashTable *eu;       /* ISTAT state codes */
  GHashTable *values;   /* table → (code → value); codes also upper-cased */
  char *italian;
};

G_DEFINE_QUARK (wm-import-mapping-error-quark, wm_import_mapping_error)

static const char *const source_names[] = {
  "persons", "residences", "dwellings", "isee", "employment", "education",
  "services", "care_needs", "service_sites", "isee_thresholds", "service_types",
};
static const char *const value_tables[] = {
  "sex", "relation", "condition", "education", "tenure",
};
static const char *const import_keys[] = {
  "municipality_code", "municipality_name", "first_year", "last_year",
  "metric_crs", "date_format", "decimal_separator", "encoding", "min_date",
  "max_date", "fallback_by_name", "attribution", "separator", "base",
  "communal_family_prefix",
};
static const char *const layer_keys[] = {
  "name", "level", "file", "layer", "code_field", "name_field", "join",
  "invalid_geometry", "attribution", "table_file", "table_layer",
  "table_section_column", "table_area_column", "crs",
};

static gboolean
in_list (const char *const *list,
         gsize               n,
         const char         *name)
{
  for (gsize i = 0; i < n; i++)
    if (g_str_equal (list[i], name))
      return TRUE;
  return FALSE;
}

void
wm_import_mapping_free (WmImportMapping *self)
{
  if (self == NULL)
    return;
  g_free (self->path);
  g_free (self->display);
  g_free (self->dir);
  g_free (self->sources_dir);
  g_free (self->boundaries_dir);
  g_clear_pointer (&self->keys, g_key_file_unref);
  g_free (self->municipality_code);
  g_free (self->municipality_name);
  g_free (self->attribution);
  g_strfreev (self->layers);
  g_clear_pointer (&self->eu, g_hash_table_unref);
  g_clear_pointer (&self->values, g_hash_table_unref);
  g_free (self->italian);
  g_free (self);
}

static gboolean
fail (WmImportMapping  *self,
      GError          **error,
      int               code,
      const char       *format,
      ...) G_GNUC_PRINTF (4, 5);

static gboolean
fail (WmImportMapping  *self,
      GError          **error,
      int               code,
      const char       *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, WM_IMPORT_MAPPING_ERROR, code, "%s: %s", self->path, message);
  return FALSE;
}

/* ISO date to yyyymmdd, 0 if it is not one. */
static int
parse_iso_date (const char *text)
{
  int y, m, d;
  char tail;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return 0;
  return y * 10000 + m * 100 + d;
}

static gboolean
get_int (WmImportMapping  *self,
         const char       *group,
         const char       *key,
         int              *out,
         GError          **error)
{
  g_autofree char *text = g_key_file_get_string (self->keys, group, key, NULL);
  char *end = NULL;
  gint64 v;

  if (text == NULL)
    return fail (self, error, WM_IMPORT_MAPPING_ERROR_MISSING,
                 _("[%s] needs “%s” — add it (see data/mapping/povo.ini)"), group, key);
  v = g_ascii_strtoll (g_strstrip (text), &end, 10);
  if (end == text || *end != '\0' || v < G_MININT || v > G_MAXINT)
    return fail (self, error, WM_IMPORT_MAPPING_ERROR_INVALID,
                 _("[%s] %s=%s is not a whole number"), group, key, text);
  *out = (int) v;
  return TRUE;
}

static gboolean
parse_epsg (const char *text,
            int        *out)
{
  const char *digits = text;
  char *end = NULL;
  gint64 v;

  if (text == NULL)
    return FALSE;
  if (g_ascii_strncasecmp (text, "EPSG:", 5) == 0)
    digits = text + 5;
  v = g_ascii_strtoll (digits, &end, 10);
  if (end == digits || *end != '\0' || v <= 0 || v > G_MAXINT)
    return FALSE;
  *out = (int) v;
  return TRUE;
}

static gboolean
check_keys (WmImportMapping    *self,
            const char         *group,
            const char *const  *allowed,
            gsize               n_allowed,
            gboolean            allow_columns,
            GError            **error)
{
  g_auto(GStrv) keys = g_key_file_get_keys (self->keys, group, NULL, NULL);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      if (in_list (allowed, n_allowed, keys[i]))
        continue;
      if (allow_columns && g_str_has_prefix (keys[i], "column."))
        continue;  /* checked against the source's fields when it is opened */
      return fail (self, error, WM_IMPORT_MAPPING_ERROR_UNKNOWN,
                   _("[%s] has an unknown key “%s” — check its spelling (see data/mapping/povo.ini)"),
                   group, keys[i]);
    }
  return TRUE;
}

static gboolean
load_import (WmImportMapping  *self,
             GError          **error)
{
  g_autofree char *crs = NULL;
  g_autofree char *date = NULL;
  g_autofree char *fallback = NULL;

  if (!g_key_file_has_group (self->keys, "import"))
    return fail (self, error, WM_IMPORT_MAPPING_ERROR_MISSING,
                 _("the [import] group is missing — start from data/mapping/povo.ini"));
  if (!check_keys (self, "import", import_keys, G_N_ELEMENTS (import_keys), FALSE, error) ||
      !get_int (self, "import", "first_year", &self->first_year, error) ||
      !get_int (self, "import", "last_year", &self->last_year, error))
    return FALSE;
  if (self->first_year < 1900 || self->last_year > 2200 || self->first_year > self->last_year)
    return fail (self, error, WM_IMPORT_MAPPING_ERROR_INVALID,
                 _("[import] first_year %d and last_year %d are not a valid range of years"),
                 self->first_year, self->last_year);

  crs = g_key_file_get_string (self->keys, "import", "metric_crs", NULL);
  if (crs == NULL)
    return fail (self, error, WM_IMPORT_MAPPING_ERROR_MISSING,
                 _("[import] needs “metric_crs”, e.g. EPSG:32632 (UTM zone 32N)"));
  if (!parse_epsg (g_strstrip (crs), &self->metric_epsg))
    return fail (self, error, WM_IMPORT_MAPPING_ERROR_INVALID,
                 _("[import] metric_crs=%s is not an EPSG code (write it as EPSG:32632)"), crs);

  self->municipality_code = wm_import_mapping_get_string (self, "import", "municipality_code", "");
  self->municipality_name = wm_import_mapping_get_string (self, "import", "municipality_name", "");
  self->attribution = wm_import_mapping_get_string (self, "import", "attribution", "");

  date = wm_import_mapping_get_string (self, "import", "min_date", "1900-01-01");
  self->min_date = parse_iso_date (date);
  if (self->min_date == 0)
    return fail (self, error, WM_IMPORT_MAPPING_ERROR_INVALID,
                 _("[import] min_date=%s is not a date (write it as 1900-01-01)"), date);
  g_clear_pointer (&date, g_free);
  date = wm_import_mapping_get_string (self, "import", "max_date", NULL);
  if (date != NULL)
    {
      self->max_date = parse_iso_date (date);
      if (self->max_date == 0)
        return fail (self, error, WM_IMPORT_MAPPING_ERROR_INVALID,
                     _("[import] max_date=%s is not a date (write it as 2025-06-30)"), date);
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      self->max_date = g_date_time_get_year (now) * 10000 + g_date_time_get_month (now) * 100 +
                       g_date_time_get_day_of_month (now);
    }

  fallback = wm_import_mapping_get_string (self, "import", "fallback_by_name", "false");
  if (g_ascii_strcasecmp (fallback, "true") != 0 && g_ascii_strcasecmp (fallback, "false") != 0)
    return fail (self, error, WM_IMPORT_MAPPING_ERROR_INVALID,
                 _("[import] fallback_by_name must be true or false"));
  self->fallback_by_name = g_ascii_strcasecmp (fallback, "true") == 0;
  return TRUE;
}

static gboolean
load_layer (WmImportMapping  *self,
            const char       *group,
            GError          **error)
{
  g_autofree char *join = wm_import_mapping_get_string (self, group, "join", "geometry");
  g_autofree char *invalid = wm_import_mapping_get_string (self, group, "invalid_geometry", "repair");
  int level;

  if (!check_keys (self, group, layer_keys, G_N_ELEMENTS (layer_keys), FALSE, error) ||
      !get_int (self, group, "level", &level, error))
    return FALSE;
  if (!g_key_file_has_key (self->keys, group, "name", NULL))
    return fail (self, error, WM_IMPORT_MAPPING_ERROR_MISSING,
                 _("[%s] needs “name”, the layer’s name as users will see it"), group);
  if (!g_str_equal (join, "geometry") && !g_str_equal (join, "table") && !g_str_equal (join, "registry"))
    return fail (self, error, WM_IMPORT_MAPPING_ERROR_INVALID,
                 _("[%s] join=%s: write geometry, table or registry"), group, join);
  if (!g_str_equal (invalid, "repair") && !g_str_equal (invalid, "reject"))
    return fail (self, error, WM_IMPORT_MAPPING_ERROR_INVALID,
                 _("[%s] invalid_geometry=%s: write repair or reject"), group, invalid);
  if (g_str_equal (group, "layer sections") && (level != 0 || g_str_equal (join, "table")))
    return fail (self, error, WM_IMPORT_MAPPING_ERROR_INVALID,
                 _("[layer sections] must have level=0 and join by geometry or registry"));
  if (!g_str_equal (join, "registry") &&
      (!g_key_file_has_key (self->keys, group, "file", NULL) ||
       !g_key_file_has_key (self->keys, group, "code_field", NULL)))
    return fail (self, error, WM_IMPORT_MAPPING_ERROR_MISSING,
                 _("[%s] needs “file” and “code_field”"), group);
  if (g_str_equal (join, "table"))
    {
      const char *keys[] = { "table_file", "table_section_column", "table_area_column" };

      for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
        if (!g_key_file_has_key (self->keys, group, keys[i], NULL))
          return fail (self, error, WM_IMPORT_MAPPING_ERROR_MISSING,
                       _("[%s] joins by table and needs “%s”"), group, keys[i]);
    }
  if (g_str_equal (join, "registry") && !g_str_equal (group, "layer sections"))
    return fail (self, error, WM_IMPORT_MAPPING_ERROR_INVALID,
                 _("[%s] join=registry is for the census sections only; other layers join by "
                   "geometry or by a section table"), group);
  return TRUE;
}

static gboolean
load_citizenship (WmImportMapping  *self,
                  GError          **error)
{
  const char *allowed[] = { "italian", "eu" };
  g_auto(GStrv) eu = NULL;
  gsize n = 0;

  self->eu = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!g_key_file_has_group (self->keys, "citizenship"))
    return fail (self, error, WM_IMPORT_MAPPING_ERROR_MISSING,
                 _("the [citizenship] group (Italian and EU state codes) is missing — copy it from "
                   "data/mapping/povo.ini"));
  if (!check_keys (self, "citizenship", allowed, G_N_ELEMENTS (allowed), FALSE, error))
    return FALSE;
  self->italian = wm_import_mapping_get_string (self, "citizenship", "italian", "100");
  eu = g_key_file_get_string_list (self->keys, "citizenship", "eu", &n, NULL);
  for (gsize i = 0; i < n; i++)
    g_hash_table_add (self->eu, g_strdup (g_strstrip (eu[i])));
  return TRUE;
}

static gboolean
load_value_table (WmImportMapping  *self,
                  const char       *group,
                  GError          **error)
{
  g_auto(GStrv) keys = g_key_file_get_keys (self->keys, group, NULL, NULL);
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_hash_table_insert (self->values, g_strdup (group + 7), table);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      int v;
      g_autoptr(GError) local = NULL;

      v = g_key_file_get_integer (self->keys, group, keys[i], &local);
      if (local != NULL || v < 0 || v > 255)
        return fail (self, error, WM_IMPORT_MAPPING_ERROR_INVALID,
                     _("[%s] %s must be a WelfareMap code (a small whole number)"), group, keys[i]);
      g_hash_table_insert (table, g_strdup (keys[i]), GINT_TO_POINTER (v));
    }
  /* exact codes first, so a case-insensitive twin never shadows them */
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *upper = g_ascii_strup (keys[i], -1);

      if (!g_hash_table_contains (table, upper))
        g_hash_table_insert (table, g_steal_pointer (&upper),
                             g_hash_table_lookup (table, keys[i]));
    }
  return TRUE;
}

/* [import] base=FILE: every group of FILE but its layers, under this
 * file's own keys — a municipality states only what differs. */
static gboolean
merge_base (WmImportMapping  *self,
            GError          **error)
{
  g_autofree char *base = g_key_file_get_string (self->keys, "import", "base", NULL);
  g_autofree char *path = NULL;
  g_autoptr(GKeyFile) keys = NULL;
  g_autoptr(GError) local = NULL;
  g_auto(GStrv) groups = NULL;

  if (base == NULL)
    return TRUE;
  path = g_path_is_absolute (base) ? g_strdup (base) : g_build_filename (self->dir, g_strstrip (base), NULL);
  keys = g_key_file_new ();
  if (!g_key_file_load_from_file (keys, path, G_KEY_FILE_NONE, &local))
    return fail (self, error, WM_IMPORT_MAPPING_ERROR_READ, _("cannot read base=%s: %s"), base, local->message);
  if (g_key_file_has_key (keys, "import", "base", NULL))
    return fail (self, error, WM_IMPORT_MAPPING_ERROR_INVALID,
                 _("base=%s has a base of its own; only one level is allowed"), base);
  groups = g_key_file_get_groups (keys, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_auto(GStrv) names = NULL;

      if (g_str_has_prefix (groups[i], "layer "))
        continue;
      names = g_key_file_get_keys (keys, groups[i], NULL, NULL);
      for (guint k = 0; names[k] != NULL; k++)
        if (!g_key_file_has_key (self->keys, groups[i], names[k], NULL))
          {
            g_autofree char *value = g_key_file_get_value (keys, groups[i], names[k], NULL);

            g_key_file_set_value (self->keys, groups[i], names[k], value);
          }
    }
  return TRUE;
}

/**
 * wm_import_mapping_load:
 *
 * Reads and checks a mapping file. Relative paths in it resolve against
 * its folder until set_sources_dir / set_boundaries_dir say otherwise.
 */
WmImportMapping *
wm_import_mapping_load (const char  *path,
                        GError     **error)
{
  g_autoptr(WmImportMapping) self = g_new0 (WmImportMapping, 1);
  g_autoptr(GError) local = NULL;
  g_auto(GStrv) groups = NULL;
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_free);

  self->path = g_strdup (path);
  self->display = g_path_get_basename (path);
  self->dir = g_path_get_dirname (path);
  self->keys = g_key_file_new ();
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_hash_table_unref);
  if (!g_key_file_load_from_file (self->keys, path, G_KEY_FILE_NONE, &local))
    {
      fail (self, error, WM_IMPORT_MAPPING_ERROR_READ, _("cannot read the mapping file: %s"), local->message);
      return NULL;
    }
  if (!merge_base (self, error) || !load_import (self, error) || !load_citizenship (self, error))
    return NULL;

  groups = g_key_file_get_groups (self->keys, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      const char *g = groups[i];

      if (g_str_equal (g, "import") || g_str_equal (g, "citizenship"))
        continue;
      if (g_str_has_prefix (g, "source "))
        {
          if (!in_list (source_names, G_N_ELEMENTS (source_names), g + 7))
            {
              fail (self, error, WM_IMPORT_MAPPING_ERROR_UNKNOWN,
                    _("[%s] is not a source WelfareMap knows — use one of persons, residences, dwellings, "
                      "isee, employment, education, services, care_needs, service_sites, "
                      "isee_thresholds, service_types"), g);
              return NULL;
            }
          if (!g_key_file_has_key (self->keys, g, "file", NULL))
            {
              fail (self, error, WM_IMPORT_MAPPING_ERROR_MISSING, _("[%s] needs “file”"), g);
              return NULL;
            }
        }
      else if (g_str_has_prefix (g, "layer ") && g[6] != '\0')
        {
          if (!load_layer (self, g, error))
            return NULL;
          if (g_str_equal (g + 6, "sections"))
            g_ptr_array_insert (layers, 0, g_strdup (g + 6));
          else
            g_ptr_array_add (layers, g_strdup (g + 6));
        }
      else if (g_str_has_prefix (g, "values ") && in_list (value_tables, G_N_ELEMENTS (value_tables), g + 7))
        {
          if (!load_value_table (self, g, error))
            return NULL;
        }
      else
        {
          fail (self, error, WM_IMPORT_MAPPING_ERROR_UNKNOWN,
                _("[%s] is not a group WelfareMap knows (import, source …, layer …, values sex|relation|"
                  "condition|education|tenure, citizenship)"), g);
          return NULL;
        }
    }
  if (!g_key_file_has_group (self->keys, "source persons") ||
      !g_key_file_has_group (self->keys, "source residences"))
    {
      fail (self, error, WM_IMPORT_MAPPING_ERROR_MISSING,
            _("[source persons] and [source residences] (the registry) are required"));
      return NULL;
    }
  if (layers->len == 0 || !g_str_equal (g_ptr_array_index (layers, 0), "sections"))
    {
      fail (self, error, WM_IMPORT_MAPPING_ERROR_MISSING,
            _("[layer sections] (the census sections) is required"));
      return NULL;
    }
  g_ptr_array_add (layers, NULL);
  self->layers = (GStrv) g_ptr_array_steal (layers, NULL);
  return g_steal_pointer (&self);
}

void
wm_import_mapping_set_sources_dir (WmImportMapping *self,
                                   const char      *dir)
{
  g_free (self->sources_dir);
  self->sources_dir = g_strdup (dir);
}

void
wm_import_mapping_set_boundaries_dir (WmImportMapping *self,
                                      const char      *dir)
{
  g_free (self->boundaries_dir);
  self->boundaries_dir = g_strdup (dir);
}

const char *
wm_import_mapping_get_path (WmImportMapping *self)
{
  return self->path;
}

GKeyFile *
wm_import_mapping_get_key_file (WmImportMapping *self)
{
  return self->keys;
}

/**
 * wm_import_mapping_resolve:
 * @group: the group @file was given in ("source persons", "layer sections")
 *
 * Returns: (transfer full): @file as an absolute or working-directory path
 */
char *
wm_import_mapping_resolve (WmImportMapping *self,
                           const char      *group,
                           const char      *file)
{
  const char *base;

  if (g_path_is_absolute (file))
    return g_strdup (file);
  if (g_str_has_prefix (group, "layer "))
    base = self->boundaries_dir != NULL ? self->boundaries_dir : self->dir;
  else
    base = self->sources_dir != NULL ? self->sources_dir : self->dir;
  return g_build_filename (base, file, NULL);
}

const char *
wm_import_mapping_get_municipality_code (WmImportMapping *self)
{
  return self->municipality_code;
}

const char *
wm_import_mapping_get_municipality_name (WmImportMapping *self)
{
  return self->municipality_name;
}

const char *
wm_import_mapping_get_attribution (WmImportMapping *self)
{
  return self->attribution;
}

int
wm_import_mapping_get_first_year (WmImportMapping *self)
{
  return self->first_year;
}

int
wm_import_mapping_get_last_year (WmImportMapping *self)
{
  return self->last_year;
}

int
wm_import_mapping_get_metric_epsg (WmImportMapping *self)
{
  return self->metric_epsg;
}

/* yyyymmdd */
int
wm_import_mapping_get_min_date (WmImportMapping *self)
{
  return self->min_date;
}

int
wm_import_mapping_get_max_date (WmImportMapping *self)
{
  return self->max_date;
}

gboolean
wm_import_mapping_get_fallback_by_name (WmImportMapping *self)
{
  return self->fallback_by_name;
}

gboolean
wm_import_mapping_has_source (WmImportMapping *self,
                              const char      *name)
{
  g_autofree char *group = g_strconcat ("source ", name, NULL);

  return g_key_file_has_group (self->keys, group);
}

/* Layer codes, the sections first, then in file order. */
const char *const *
wm_import_mapping_get_layers (WmImportMapping *self)
{
  return (const char *const *) self->layers;
}

/**
 * wm_import_mapping_get_string:
 *
 * Returns: (transfer full) (nullable): the value, trimmed, or a copy of
 *   @fallback when the key is absent or empty
 */
char *
wm_import_mapping_get_string (WmImportMapping *self,
                              const char      *group,
                              const char      *key,
                              const char      *fallback)
{
  char *value = g_key_file_get_string (self->keys, group, key, NULL);

  if (value != NULL && *g_strstrip (value) != '\0')
    return value;
  g_free (value);
  return g_strdup (fallback);
}

/**
 * wm_import_mapping_lookup:
 * @table: sex, relation, condition, education or tenure
 * @code: the code as the file writes it (trimmed)
 *
 * Exact match first, then ignoring case.
 */
gboolean
wm_import_mapping_lookup (WmImportMapping *self,
                          const char      *table,
                          const char      *code,
                          int             *value)
{
  GHashTable *codes = g_hash_table_lookup (self->values, table);
  gpointer v;

  if (codes == NULL || code == NULL)
    return FALSE;
  if (!g_hash_table_lookup_extended (codes, code, NULL, &v))
    {
      g_autofree char *upper = g_ascii_strup (code, -1);

      if (!g_hash_table_lookup_extended (codes, upper, NULL, &v))
        return FALSE;
    }
  *value = GPOINTER_TO_INT (v);
  return TRUE;
}

/**
 * wm_import_mapping_citizenship:
 * @code: an ISTAT state code (3 digits; leading zeros lost by a spreadsheet
 *   are not an issue: state codes start at 100)
 *
 * Returns: %FALSE if @code is not a state code
 */
gboolean
wm_import_mapping_citizenship (WmImportMapping *self,
                               const char      *code,
                               WmCitizenship   *out)
{
  if (code == NULL || strlen (code) != 3 || !g_ascii_isdigit (code[0]) ||
      !g_ascii_isdigit (code[1]) || !g_ascii_isdigit (code[2]) || code[0] == '0')
    return FALSE;
  if (g_str_equal (code, self->italian))
    *out = WM_CITIZENSHIP_ITALIAN;
  else if (g_hash_table_contains (self->eu, code))
    *out = WM_CITIZENSHIP_EU;
  else
    *out = WM_CITIZENSHIP_NON_EU;
  return TRUE;
}
