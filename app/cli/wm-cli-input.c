/* wm-cli-input.c — the extract a command reads: an encrypted .wmx or a plain database
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "wm-atlas.h"
#include "wm-cli-input.h"
#include "wm-cli-passphrase.h"
#include "wm-indicator-def.h"
#include "wm-paths.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

void
wm_cli_input_clear (WmCliInput *in)
{
  if (in->extract != NULL)
    {
      wm_extract_close (in->extract);
      g_clear_object (&in->extract);
      in->db = NULL;
    }
  g_clear_pointer (&in->db, sqlite3_close);
}

gboolean
wm_cli_input_error (GError    **error,
                    const char *path,
                    const char *reason,
                    const char *what_to_do)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s — %s", path, reason, what_to_do);
  return FALSE;
}

static gboolean
open_plain (const char  *path,
            WmCliInput  *in,
            GError     **error)
{
  const char *give = _("give the extract database (.sqlite) the importer wrote");
  g_autoptr(sqlite3_stmt) probe = NULL;
  GStatBuf st;
  int rc;

  if (g_stat (path, &st) != 0)
    return wm_cli_input_error (error, path, _("the file does not exist"), give);
  if (!S_ISREG (st.st_mode))
    return wm_cli_input_error (error, path, _("this is not a file"), give);
  if (sqlite3_open_v2 (path, &in->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    return wm_cli_input_error (error, path, sqlite3_errmsg (in->db), give);
  /* the first read tells a file that is not SQLite at all */
  rc = sqlite3_prepare_v2 (in->db, "SELECT count(*) FROM sqlite_master", -1, &probe, NULL);
  if (rc == SQLITE_NOTADB)
    return wm_cli_input_error (error, path, _("this is not an extract database (not an SQLite file)"), give);
  if (rc != SQLITE_OK || sqlite3_step (probe) != SQLITE_ROW)
    return wm_cli_input_error (error, path, sqlite3_errmsg (in->db), _("the file may be damaged; ask the data office for a new one"));
  in->access = WM_CLI_ACCESS_PLAIN_DATABASE;
  return TRUE;
}

/* An encrypted extract opens with its passphrase (never an argument: see
 * wm-cli-passphrase.h); the role of the passphrase's key slot decides what
 * may leave the app. */
static gboolean
open_extract (const char  *path,
              const char  *passphrase_file,
              WmCliInput  *in,
              GError     **error)
{
  g_autoptr(WmCliPassphrase) passphrase = wm_cli_passphrase_read (WM_CLI_PASSPHRASE_OPEN, passphrase_file,
                                                                  path, error);

  if (passphrase == NULL)
    return FALSE;
  in->extract = wm_extract_open (path, passphrase, NULL, error);
  if (in->extract == NULL)
    return FALSE;
  in->db = wm_extract_get_db (in->extract);
  in->access = wm_extract_get_role (in->extract) == WM_EXTRACT_ROLE_CASEWORKER ? WM_CLI_ACCESS_CASEWORKER : WM_CLI_ACCESS_ANALYST;
  return TRUE;
}

/**
 * wm_cli_input_open:
 *
 * The one place that knows input kinds: a .wmx file is an encrypted
 * extract, anything else is tried as a plain extract database.
 */
gboolean
wm_cli_input_open (WmCliInput  *in,
                   const char  *path,
                   const char  *passphrase_file,
                   GError     **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".wmx"))
    return open_extract (path, passphrase_file, in, error);
  return open_plain (path, in, error);
}

/* "ivsm, ivsm_low_education, …": every indicator id, for error messages. */
char *
wm_cli_indicator_ids (void)
{
  GString *s = g_string_new (NULL);
  guint n;
  const WmIndicatorDef *defs = wm_indicator_defs (&n);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%s", i > 0 ? ", " : "", defs[i].id);
  return g_string_free (s, FALSE);
}

/**
 * wm_cli_parse_indicators:
 * @spec: indicator ids, comma-separated
 * @unknown: (out): the first id not in the registry, when that fails
 *
 * Returns: (transfer full) (nullable): WmIndicatorId, in the order given
 */
GArray *
wm_cli_parse_indicators (const char  *spec,
                         char       **unknown)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (WmIndicatorId));
  g_auto(GStrv) parts = g_strsplit (spec, ",", -1);

  for (char **p = parts; *p != NULL; p++)
    {
      const WmIndicatorDef *def = wm_indicator_def_lookup (g_strstrip (*p));

      if (def == NULL)
        {
          *unknown = g_strdup (*p);
          return NULL;
        }
      g_array_append_val (ids, def->index);
    }
  return g_steal_pointer (&ids);
}

/* "sections, districts": the boundary layers, for error messages. */
char *
wm_cli_layer_codes (WmPopulation *pop)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < wm_population_get_n_layers (pop); i++)
    g_string_append_printf (s, "%s%s", i > 0 ? ", " : "",
                            wm_area_layer_get_code (wm_population_get_layer (pop, i)));
  return g_string_free (s, FALSE);
}

/**
 * wm_cli_choose_layer:
 * @level: (nullable): a layer code; NULL: the coarsest layer with two or
 *   more areas if @coarsest, else the census sections
 *
 * Shows @level in @model and waits for its indicators.
 */
gboolean
wm_cli_choose_layer (WmMapModel  *model,
                     sqlite3     *db,
                     const char  *path,
                     const char  *level,
                     gboolean     coarsest,
                     GError     **error)
{
  g_autofree char *codes = wm_cli_layer_codes (wm_map_model_get_population (model));
  int index = -1;

  if (level == NULL && !coarsest)
    index = 0;  /* the census sections */
  else if (level == NULL)
    {
      index = wm_atlas_default_layer (model, db);
      if (index < 0)
        return wm_cli_input_error (error, path, _("the extract has no boundary layer with two or more areas to print"),
                                   _("rebuild it with the boundaries of its neighbourhoods"));
    }
  else
    {
      for (guint i = 0; i < wm_map_model_get_n_layers (model); i++)
        if (g_str_equal (wm_area_layer_get_code (wm_map_model_get_layer (model, i)), level))
          index = i;
      if (index < 0)
        {
          g_autofree char *reason = g_strdup_printf (_("the extract has no boundary layer “%s”"), level);
          g_autofree char *todo = g_strdup_printf (_("choose --level from: %s"), codes);

          return wm_cli_input_error (error, path, reason, todo);
        }
    }
  if (!wm_map_model_set_layer (model, index, error) || !wm_map_model_wait (model, error))
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  return TRUE;
}

/* The bundled basemap, when the layer's areas lie on it. */
static char *
default_basemap (WmMapModel *model)
{
  g_autofree char *path = wm_paths_demo_basemap ();

  return wm_atlas_basemap_fits (path, wm_map_model_get_geometry (model)) ? g_steal_pointer (&path) : NULL;
}

/* Who made a printed or exported map, as its footer says. */
static const char *
printed_by (const WmCliInput *in)
{
  switch (in->access)
    {
    case WM_CLI_ACCESS_ANALYST:
      return wm_extract_role_get_label (WM_EXTRACT_ROLE_ANALYST);
    case WM_CLI_ACCESS_CASEWORKER:
      return wm_extract_role_get_label (WM_EXTRACT_ROLE_CASEWORKER);
    case WM_CLI_ACCESS_PLAIN_DATABASE:
    default:
      return _("Data office (plain database)");
    }
}

/**
 * wm_cli_new_atlas:
 * @basemap: (nullable): the --basemap tile pack; %NULL for the bundled one
 *   where the areas lie on it
 * @no_basemap: --no-basemap
 * @disclosure: --disclosure-control (always on for an analyst)
 * @options: the command's own choices; its basemap, printed_by and
 *   disclosure_control are filled in here
 *
 * The atlas of `welfaremap atlas` and `welfaremap map`, as the options say.
 */
WmAtlas *
wm_cli_new_atlas (WmMapModel        *model,
                  const WmCliInput  *in,
                  const char        *path,
                  const char        *basemap,
                  gboolean           no_basemap,
                  gboolean           disclosure,
                  WmAtlasOptions    *options,
                  GError           **error)
{
  g_autofree char *tiles = no_basemap ? NULL : basemap != NULL ? g_strdup (basemap) : default_basemap (model);
  WmAtlas *atlas;

  options->basemap = tiles;
  options->printed_by = printed_by (in);
  options->disclosure_control = disclosure || in->access == WM_CLI_ACCESS_ANALYST;
  atlas = wm_atlas_new (model, in->db, options, error);
  options->basemap = NULL;  /* the atlas has opened it; the name goes here */
  /* a tile pack's errors already name their file */
  if (atlas == NULL && error != NULL && *error != NULL && (*error)->domain == WM_ATLAS_ERROR)
    g_prefix_error (error, "%s: ", path);
  return atlas;
}
