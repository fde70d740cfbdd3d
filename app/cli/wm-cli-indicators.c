/* wm-cli-indicators.c — `welfaremap indicators`: indicator tables to CSV or GeoPackage
 *
 * welfaremap indicators FILE [--level LAYER] [--years 2015-2024]
 *                       [--indicators id,…] --out out.csv|out.gpkg
 * welfaremap indicators --list
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "wm-cli.h"
#include "wm-cli-input.h"
#include "wm-cli-passphrase.h"
#include "wm-extract.h"
#include "wm-indicator-engine.h"
#include "wm-indicator-export.h"
#include "wm-schema.h"

/* Disclosure control does not exist yet, so indicator tables — exact
 * counts, small ones included, derived from microdata — leave the app
 * only for someone entitled to the microdata itself: a caseworker, or the
 * holder of the plain database. Never for an analyst. *note is what to
 * tell the user once the file is written. */
static gboolean
may_export (const WmCliInput *in,
            const char       *input_path,
            char            **note,
            GError          **error)
{
  switch (in->access)
    {
    case WM_CLI_ACCESS_ANALYST:
      return wm_cli_input_error (error, input_path,
                          _("an analyst passphrase cannot export indicator tables yet: they are not protected by "
                            "disclosure control"),
                          _("ask a caseworker or the data office to export them"));
    case WM_CLI_ACCESS_CASEWORKER:
      *note = g_strdup (_("welfaremap: note: exported with the caseworker role and no disclosure control: the "
                          "file holds exact counts, small ones included, that can identify people — keep it "
                          "inside the office"));
      return TRUE;
    case WM_CLI_ACCESS_PLAIN_DATABASE:
    default:
      *note = g_strdup_printf (_("welfaremap: note: %s is a plain database, not an encrypted extract: no role "
                                 "applies and there is no disclosure control yet — the file holds exact counts, "
                                 "small ones included, that can identify people; keep it inside the data office"),
                               input_path);
      return TRUE;
    }
}

static gboolean
parse_year (const char *text,
            int        *year)
{
  gint64 v;

  if (!g_ascii_string_to_signed (g_strstrip ((char *) text), 10, 1000, 9999, &v, NULL))
    return FALSE;
  *year = v;
  return TRUE;
}

/* "2015-2024", "2019", "2015,2018-2020"; %NULL = every year of the extract */
static GArray *
parse_years (const char *spec)
{
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  g_auto(GStrv) parts = g_strsplit (spec, ",", -1);

  for (char **p = parts; *p != NULL; p++)
    {
      g_auto(GStrv) range = g_strsplit (*p, "-", 2);
      int from, to;

      if (!parse_year (range[0], &from))
        return NULL;
      to = from;
      if (range[1] != NULL && !parse_year (range[1], &to))
        return NULL;
      if (to < from || to - from > 100)
        return NULL;
      for (int y = from; y <= to; y++)
        g_array_append_val (years, y);
    }
  return years->len > 0 ? g_steal_pointer (&years) : NULL;
}

static void
print_registry (void)
{
  guint n;
  const WmIndicatorDef *defs = wm_indicator_defs (&n);

  for (int theme = 0; theme < WM_N_INDICATOR_THEMES; theme++)
    {
      printf ("%s\n\n", wm_indicator_theme_label (theme));
      for (guint i = 0; i < n; i++)
        {
          const WmIndicatorDef *d = &defs[i];

          if ((int) d->theme != theme)
            continue;
          printf ("  %s\n", d->id);
          printf ("    %s / %s\n", d->label_en, d->label_it);
          printf (_("    unit: %s; %s; counts %s\n"), wm_indicator_unit_symbol (d->unit),
                  wm_indicator_polarity_label (d->polarity),
                  d->subject == WM_INDICATOR_SUBJECT_PERSONS ? _("persons")
                  : d->subject == WM_INDICATOR_SUBJECT_FAMILIES ? _("families") : _("rates (composite)"));
          printf ("    %s\n", wm_indicator_def_get_description (d));
          if (d->subject != WM_INDICATOR_SUBJECT_NONE)
            {
              printf (_("    numerator: %s\n"), wm_indicator_def_get_numerator (d));
              printf (_("    denominator: %s\n"), wm_indicator_def_get_denominator (d));
            }
          printf (_("    source: %s\n\n"), wm_indicator_def_get_source (d));
        }
    }
  printf (_("Rules shared by all indicators (the 31 December snapshot, families, unknown values): "
            "app/core/wm-indicators.md\n"));
}

/* `welfaremap indicators …` */
int
wm_cli_indicators (int    argc,
                   char **argv)
{
  g_autofree char *level = NULL, *years_spec = NULL, *ids_spec = NULL, *out = NULL;
  g_autofree char *passphrase_file = NULL;
  gboolean list = FALSE;
  GOptionEntry entries[] = {
    WM_CLI_PASSPHRASE_FILE_OPTION (passphrase_file),
    { "level", 'l', 0, G_OPTION_ARG_STRING, &level, N_("boundary layer (default: sections)"), N_("LAYER") },
    { "years", 'y', 0, G_OPTION_ARG_STRING, &years_spec, N_("years, e.g. 2015-2024 or 2019,2021 (default: all)"), N_("YEARS") },
    { "indicators", 'i', 0, G_OPTION_ARG_STRING, &ids_spec, N_("indicator ids, comma-separated (default: all)"), N_("IDS") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("output file, .csv or .gpkg (with boundaries)"), N_("FILE") },
    { "list", 0, 0, G_OPTION_ARG_NONE, &list, N_("list the indicators with their definitions"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE — indicators per area and year, as CSV or GeoPackage"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) years = NULL, ids = NULL;
  g_autoptr(WmPopulation) pop = NULL;
  g_autoptr(WmIndicatorEngine) engine = NULL;
  g_autoptr(WmIndicatorTable) table = NULL;
  g_autofree char *unknown = NULL, *note = NULL;
  WmIndicatorExportFormat format;
  WmIndicatorExportSpec spec;
  WmAreaLayer *layer;
  const char *path;
  WmCliInput in = { NULL };
  int rc = WM_CLI_EXIT_FAILED;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return wm_cli_usage_error (context, error->message);
  if (list)
    {
      print_registry ();
      return WM_CLI_EXIT_OK;
    }
  if (argc != 2)
    return wm_cli_usage_error (context, _("name one extract file"));
  if (out == NULL)
    return wm_cli_usage_error (context, _("say where to write the table with --out FILE.csv or FILE.gpkg"));
  if (!wm_indicator_export_format_for_path (out, &format))
    return wm_cli_usage_error (context, _("--out must name a .csv or .gpkg file"));
  if (years_spec != NULL && (years = parse_years (years_spec)) == NULL)
    return wm_cli_usage_error (context, _("--years takes years such as 2015-2024, 2019 or 2015,2018-2020"));
  if (ids_spec != NULL && (ids = wm_cli_parse_indicators (ids_spec, &unknown)) == NULL)
    {
      g_autofree char *all = wm_cli_indicator_ids ();
      g_autofree char *msg = g_strdup_printf (_("unknown indicator “%s” (known: %s; see --list)"), unknown, all);
      return wm_cli_usage_error (context, msg);
    }
  path = argv[1];

  if (!wm_cli_input_open (&in, path, passphrase_file, &error) || !may_export (&in, path, &note, &error))
    goto out;
  pop = wm_population_load (in.db, NULL, NULL, &error);
  if (pop == NULL)
    {
      g_prefix_error (&error, "%s: ", path);
      goto out;
    }

  layer = wm_population_find_layer (pop, level != NULL ? level : "sections");
  if (layer == NULL)
    {
      g_autofree char *codes = wm_cli_layer_codes (pop);
      g_autofree char *reason = g_strdup_printf (_("the extract has no boundary layer “%s”"), level);
      g_autofree char *todo = g_strdup_printf (_("choose one of: %s"), codes);
      wm_cli_input_error (&error, path, reason, todo);
      goto out;
    }
  if (years == NULL)
    {
      years = g_array_new (FALSE, FALSE, sizeof (int));
      for (int y = wm_population_get_first_year (pop); y <= wm_population_get_last_year (pop); y++)
        g_array_append_val (years, y);
    }
  for (guint i = 0; i < years->len; i++)
    {
      int y = g_array_index (years, int, i);

      if (y < wm_population_get_first_year (pop) || y > wm_population_get_last_year (pop))
        {
          g_autofree char *reason = g_strdup_printf (_("the extract covers %d–%d, not %d"),
                                                     wm_population_get_first_year (pop),
                                                     wm_population_get_last_year (pop), y);
          wm_cli_input_error (&error, path, reason, _("choose --years within that range"));
          goto out;
        }
    }
  if (ids == NULL)
    {
      ids = g_array_new (FALSE, FALSE, sizeof (WmIndicatorId));
      for (WmIndicatorId i = 0; i < WM_N_INDICATORS; i++)
        g_array_append_val (ids, i);
    }

  engine = wm_indicator_engine_new (pop);
  table = wm_indicator_engine_compute (engine, layer, NULL, NULL, NULL, &error);
  if (table == NULL)
    goto out;
  spec = (WmIndicatorExportSpec) {
    (const WmIndicatorId *) ids->data, ids->len, (const int *) years->data, years->len,
    wm_population_get_municipality_code (pop), wm_population_get_municipality_name (pop),
  };
  if (!wm_indicator_export (table, in.db, &spec, out, &error))
    goto out;
  fprintf (stderr, "%s\n", note);
  printf (_("%s: %u areas of “%s” × %u years × %u indicators, and the municipality\n"),
          out, wm_area_layer_get_n_areas (layer), wm_area_layer_get_code (layer), years->len, ids->len);
  rc = WM_CLI_EXIT_OK;

out:
  wm_cli_input_clear (&in);
  if (rc != WM_CLI_EXIT_OK)
    return wm_cli_fail (error);
  return rc;
}
