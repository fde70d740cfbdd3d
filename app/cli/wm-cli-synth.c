/* wm-cli-synth.c — `welfaremap synth`: synthetic source files for a real place
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "wm-cli.h"
#include "wm-synth.h"

typedef struct {
  gint64 last;
  gboolean tty;
} Progress;

static void
on_progress (double fraction, const char *stage, gpointer user_data)
{
  Progress *pr = user_data;
  gint64 now = g_get_monotonic_time ();

  if (fraction < 1.0 && now - pr->last < 500000)
    return;
  pr->last = now;
  fprintf (stderr, pr->tty ? "\r%3.0f%%  %-50s" : "%3.0f%%  %s\n", fraction * 100, stage);
  if (fraction >= 1.0 && pr->tty)
    fputc ('\n', stderr);
  fflush (stderr);
}

int
wm_cli_synth (int    argc,
              char **argv)
{
  g_autofree char *place = NULL, *profile = NULL, *out = NULL, *data_dir = NULL;
  g_autofree char *sections = NULL, *layer = NULL, *id_field = NULL, *scheme = NULL;
  g_autofree char *areas = NULL, *join = NULL, *streets = NULL, *services = NULL, *census = NULL;
  int first_year = 2015, years = 10;
  gint64 seed = 42;
  double defect_rate = 0.005;
  gboolean quiet = FALSE;
  GOptionEntry entries[] = {
    { "place", 0, 0, G_OPTION_ARG_STRING, &place, N_("Built-in place: povo, milano or palermo"), N_("NAME") },
    { "profile", 0, 0, G_OPTION_ARG_FILENAME, &profile, N_("Place profile file (GKeyFile, see data/synth/povo.place)"), N_("FILE") },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, N_("Folder the profile's relative paths are in"), N_("DIR") },
    { "sections", 0, 0, G_OPTION_ARG_FILENAME, &sections, N_("Census-section layer (any GDAL vector format)"), N_("FILE") },
    { "sections-layer", 0, 0, G_OPTION_ARG_STRING, &layer, N_("Layer of the section file"), N_("NAME") },
    { "id-field", 0, 0, G_OPTION_ARG_STRING, &id_field, N_("Section code column"), N_("COLUMN") },
    { "variables", 0, 0, G_OPTION_ARG_STRING, &scheme, N_("Census variables: istat2021, istat2011 or none"), N_("SCHEME") },
    { "census-year", 0, 0, G_OPTION_ARG_STRING, &census, N_("Year of the census the variables describe"), N_("YEAR") },
    { "areas", 0, 0, G_OPTION_ARG_FILENAME, &areas, N_("Polygons addresses fall in when sections have none"), N_("FILE") },
    { "join", 0, 0, G_OPTION_ARG_FILENAME, &join, N_("Section → area table (CSV)"), N_("FILE") },
    { "streets", 0, 0, G_OPTION_ARG_FILENAME, &streets, N_("Street network (lines with a name column)"), N_("FILE") },
    { "services", 0, 0, G_OPTION_ARG_FILENAME, &services, N_("Service sites (points)"), N_("FILE") },
    { "first-year", 0, 0, G_OPTION_ARG_INT, &first_year, N_("First year of the period (default 2015)"), N_("YEAR") },
    { "years", 0, 0, G_OPTION_ARG_INT, &years, N_("Number of years (default 10)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, N_("Random seed: the same seed gives the same files (default 42)"), N_("N") },
    { "defect-rate", 0, 0, G_OPTION_ARG_DOUBLE, &defect_rate, N_("Share of rows with a deliberate data-quality defect (default 0.005)"), N_("RATE") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("Output folder (must not exist, or be empty)"), N_("DIR") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("No progress on stderr"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— synthetic municipal source files for a real place"));
  g_autoptr(GError) error = NULL;
  g_autoptr(WmSynth) synth = wm_synth_new ();
  Progress pr = { 0, isatty (STDERR_FILENO) };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return wm_cli_usage_error (context, error->message);
  if (argc > 1)
    return wm_cli_usage_error (context, _("unexpected arguments"));
  if (out == NULL)
    return wm_cli_usage_error (context, _("give the output folder with --out DIR"));
  if (place != NULL && profile != NULL)
    return wm_cli_usage_error (context, _("give --place or --profile, not both"));
  if (place == NULL && profile == NULL && sections == NULL)
    return wm_cli_usage_error (context, _("give --place NAME, --profile FILE or --sections FILE"));
  if (years < 1 || years > 50)
    return wm_cli_usage_error (context, _("--years must be between 1 and 50"));
  if (first_year < 1990 || first_year > 2100)
    return wm_cli_usage_error (context, _("--first-year must be a year between 1990 and 2100"));
  if (defect_rate < 0 || defect_rate > 0.5)
    return wm_cli_usage_error (context, _("--defect-rate must be between 0 and 0.5"));
  if (seed < 0)
    return wm_cli_usage_error (context, _("--seed must not be negative"));

  if (place != NULL && !wm_synth_set_place (synth, place, &error))
    return wm_cli_usage_error (context, error->message);
  if (profile != NULL && !wm_synth_set_profile_file (synth, profile, &error))
    return wm_cli_fail (error);
  if (place == NULL && profile == NULL)
    {
      /* A place from options alone: Italian defaults, the section's own polygons. */
      g_autofree char *base = g_path_get_basename (sections);

      wm_synth_set_option (synth, "place", "name", base);
      wm_synth_set_option (synth, "place", "comune", "L378");
      wm_synth_set_option (synth, "place", "crs", "EPSG:4326");
      wm_synth_set_option (synth, "place", "census-year", "2021");
      wm_synth_set_option (synth, "population", "family-sizes", "33,27,19,15,4.6,1.4");
      wm_synth_set_option (synth, "population", "age-males",
                           "2.1,2.3,2.5,2.5,2.5,2.6,2.8,3.1,3.5,3.9,4.0,3.7,3.3,2.9,2.6,4.3");
      wm_synth_set_option (synth, "population", "age-females",
                           "2.0,2.2,2.4,2.3,2.3,2.5,2.7,3.0,3.5,4.0,4.1,3.9,3.5,3.2,2.9,6.3");
      wm_synth_set_option (synth, "population", "communities", "Romania:23,Albania:9,Marocco:8,Cina:6,Ucraina:5");
    }
  if (sections != NULL)
    wm_synth_set_option (synth, "sections", "file", sections);
  if (layer != NULL)
    wm_synth_set_option (synth, "sections", "layer", layer);
  if (id_field != NULL)
    wm_synth_set_option (synth, "sections", "id-field", id_field);
  if (scheme != NULL)
    wm_synth_set_option (synth, "sections", "variables-scheme", scheme);
  if (census != NULL)
    wm_synth_set_option (synth, "place", "census-year", census);
  if (areas != NULL)
    wm_synth_set_option (synth, "areas", "file", areas);
  if (join != NULL)
    wm_synth_set_option (synth, "areas", "join", join);
  if (streets != NULL)
    wm_synth_set_option (synth, "streets", "file", streets);
  if (services != NULL)
    wm_synth_set_option (synth, "services", "file", services);
  if (data_dir != NULL)
    wm_synth_set_data_dir (synth, data_dir);

  wm_synth_set_first_year (synth, first_year);
  wm_synth_set_years (synth, years);
  wm_synth_set_seed (synth, (guint64) seed);
  wm_synth_set_defect_rate (synth, defect_rate);

  if (!wm_synth_run (synth, out, quiet ? NULL : on_progress, &pr, NULL, &error))
    return wm_cli_fail (error);
  if (!quiet)
    fprintf (stderr, _("Wrote %s\n"), out);
  return WM_CLI_EXIT_OK;
}
