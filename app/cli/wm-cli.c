/* wm-cli.c — `welfaremap <subcommand>`: every job without a display
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "wm-cli.h"
#include "wm-cli-extract.h"
#include "wm-extract.h"
#include "wm-mbtiles.h"

static const WmCliCommand commands[] = {
  { "info",    N_("Describe a data file (basemap tile pack, extract)"), wm_cli_info },
  { "basemap", N_("Render an offline raster basemap (MBTiles) from vector layers"), wm_cli_basemap },
  { "indicators", N_("Indicators per area and year, as CSV or GeoPackage"), wm_cli_indicators },
  { "atlas",   N_("Neighbourhood atlas sheets, one page per area, as PDF"), wm_cli_atlas },
  { "map",     N_("One indicator's map as a picture (PNG, PDF) or the timeline as a video (WebM)"), wm_cli_map },
  { "extract", N_("Create, describe, check and re-key encrypted extracts (.wmx)"), wm_cli_extract },
  { "synth",   N_("Generate synthetic municipal source files for a real place"), wm_cli_synth },
};

static const WmCliCommand *
find_command (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

/**
 * wm_cli_handles:
 *
 * Tells whether the command line asks for a headless job (a subcommand,
 * --help or --version) rather than the window.
 */
gboolean
wm_cli_handles (int    argc,
                char **argv)
{
  if (argc < 2)
    return FALSE;
  return find_command (argv[1]) != NULL ||
         g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
         g_str_equal (argv[1], "--version") || g_str_equal (argv[1], "help");
}

static void
print_usage (FILE *out)
{
  fprintf (out, _("Usage:\n"
                  "  welfaremap [FILE]                 open the window (optionally on FILE)\n"
                  "  welfaremap SUBCOMMAND [OPTION…]   run a job without a display\n\n"
                  "Subcommands:\n"));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, _("\nOptions:\n"
                  "  -h, --help       show this help (welfaremap SUBCOMMAND --help for a subcommand)\n"
                  "  --version        show the version\n"));
}

/**
 * wm_cli_fail:
 *
 * Prints @error as one line (the message already says which file and row,
 * and what to do) and gives the exit code for a failed job.
 */
int
wm_cli_fail (const GError *error)
{
  fprintf (stderr, "welfaremap: %s\n", error->message);
  return WM_CLI_EXIT_FAILED;
}

int
wm_cli_usage_error (GOptionContext *context,
                    const char     *message)
{
  fprintf (stderr, "welfaremap: %s\n", message);
  if (context != NULL)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      fprintf (stderr, "\n%s", help);
    }
  return WM_CLI_EXIT_USAGE;
}

int
wm_cli_main (int    argc,
             char **argv)
{
  const WmCliCommand *command;

  if (g_str_equal (argv[1], "--version"))
    {
      printf ("welfaremap %s\n", PACKAGE_VERSION);
      return WM_CLI_EXIT_OK;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return WM_CLI_EXIT_OK;
    }

  command = find_command (argv[1]);
  if (command == NULL)
    {
      fprintf (stderr, _("welfaremap: unknown subcommand “%s”\n\n"), argv[1]);
      print_usage (stderr);
      return WM_CLI_EXIT_USAGE;
    }
  /* Subcommands see argv as if they were the program: argv[0] = "welfaremap NAME". */
  {
    g_autofree char *prog = g_strdup_printf ("welfaremap %s", command->name);
    char *saved = argv[1];
    int rc;

    argv[1] = prog;
    rc = command->run (argc - 1, argv + 1);
    argv[1] = saved;
    return rc;
  }
}

/* `welfaremap info FILE…` */
int
wm_cli_info (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE… — describe data files"));
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return wm_cli_usage_error (context, error->message);
  if (argc < 2)
    return wm_cli_usage_error (context, _("name at least one file"));

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(WmMbtiles) mbtiles = NULL;
      double w, s, e, n;
      gint64 count;

      if (wm_extract_file_looks_like_extract (argv[i]))
        {
          int rc = wm_cli_extract_describe (argv[i]);

          if (rc != WM_CLI_EXIT_OK)
            return rc;
          continue;
        }
      mbtiles = wm_mbtiles_open (argv[i], &error);
      if (mbtiles == NULL)
        return wm_cli_fail (error);
      count = wm_mbtiles_count_tiles (mbtiles, &error);
      if (count < 0)
        return wm_cli_fail (error);
      printf ("%s\n", argv[i]);
      printf (_("  kind:        offline basemap (MBTiles, %s tiles)\n"), wm_mbtiles_get_format (mbtiles));
      printf (_("  name:        %s\n"), wm_mbtiles_get_name (mbtiles) ? wm_mbtiles_get_name (mbtiles) : "—");
      printf (_("  zoom levels: %d–%d\n"), wm_mbtiles_get_min_zoom (mbtiles), wm_mbtiles_get_max_zoom (mbtiles));
      if (wm_mbtiles_get_bounds (mbtiles, &w, &s, &e, &n))
        printf (_("  bounds:      %.5f, %.5f – %.5f, %.5f (lon, lat)\n"), w, s, e, n);
      printf (_("  tiles:       %" PRId64 "\n"), count);
      printf (_("  attribution: %s\n"),
              wm_mbtiles_get_attribution (mbtiles) ? wm_mbtiles_get_attribution (mbtiles) : "—");
    }
  return WM_CLI_EXIT_OK;
}
