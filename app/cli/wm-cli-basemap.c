/* wm-cli-basemap.c — `welfaremap basemap`: an offline raster basemap from vector layers
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "wm-basemap.h"
#include "wm-cli.h"

static void
print_progress (guint    done,
                guint    total,
                gpointer user_data)
{
  gint64 *start = user_data;
  double elapsed = (g_get_monotonic_time () - *start) / 1e6;

  if (isatty (STDERR_FILENO))
    fprintf (stderr, "\r%s %u/%u (%.0f%%, %.0f tiles/s)", _("Rendering tiles:"),
             done, total, 100.0 * done / total, elapsed > 0 ? done / elapsed : 0.0);
}

int
wm_cli_basemap (int    argc,
                char **argv)
{
  g_autofree char *out = NULL;
  g_autofree char *bounds_text = NULL;
  g_autofree char *name = NULL;
  int min_zoom = 12, max_zoom = 17;
  GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("MBTiles file to write (replaced only when complete)"), N_("FILE") },
    { "min-zoom", 0, 0, G_OPTION_ARG_INT, &min_zoom, N_("Lowest zoom level (default 12)"), N_("Z") },
    { "max-zoom", 0, 0, G_OPTION_ARG_INT, &max_zoom, N_("Highest zoom level (default 17)"), N_("Z") },
    { "bounds", 0, 0, G_OPTION_ARG_STRING, &bounds_text, N_("Area to cover, in degrees (default: the data’s extent)"), N_("W,S,E,N") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Name stored in the pack"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("SOURCE… — render an offline basemap"));
  g_autoptr(GError) error = NULL;
  g_autoptr(WmBasemap) basemap = NULL;
  double bounds[4];
  gboolean has_bounds = FALSE;
  gint64 start;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Each SOURCE is [ROLE=]FILE[:LAYER], any vector file GDAL reads. ROLE is one of\n"
      "roads, routes, boundary, admin, water, green, or auto (the default: guessed from\n"
      "OpenStreetMap tags such as highway and route).\n\n"
      "Example:\n"
      "  welfaremap basemap --out povo.mbtiles --min-zoom 12 --max-zoom 17 \\\n"
      "    roads=rete_pedonale_povo.gpkg:edges osm_line.geojson \\\n"
      "    boundary=sezioni.gpkg admin=circoscrizione.geojson"));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return wm_cli_usage_error (context, error->message);
  if (out == NULL)
    return wm_cli_usage_error (context, _("say where to write the basemap with --out FILE.mbtiles"));
  if (argc < 2)
    return wm_cli_usage_error (context, _("give at least one SOURCE layer"));
  if (bounds_text != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (bounds_text, ",", -1);
      char *end;

      has_bounds = g_strv_length (parts) == 4;
      for (int i = 0; has_bounds && i < 4; i++)
        {
          bounds[i] = g_ascii_strtod (parts[i], &end);
          has_bounds = end != parts[i] && *end == '\0';
        }
      if (!has_bounds || bounds[0] >= bounds[2] || bounds[1] >= bounds[3])
        return wm_cli_usage_error (context, _("--bounds takes W,S,E,N in degrees, west before east and south before north"));
    }

  basemap = wm_basemap_new ();
  for (int i = 1; i < argc; i++)
    if (!wm_basemap_add_source_spec (basemap, argv[i], &error))
      return wm_cli_fail (error);

  start = g_get_monotonic_time ();
  if (!wm_basemap_write_mbtiles (basemap, out, min_zoom, max_zoom, has_bounds ? bounds : NULL,
                                 name != NULL ? name : _("WelfareMap basemap"),
                                 print_progress, &start, NULL, &error))
    {
      if (isatty (STDERR_FILENO))
        fprintf (stderr, "\n");
      return wm_cli_fail (error);
    }
  if (isatty (STDERR_FILENO))
    fprintf (stderr, "\n");
  fprintf (stderr, _("Wrote %s (%u features, zoom %d–%d) in %.1f s\n"), out,
           wm_basemap_get_n_features (basemap), min_zoom, max_zoom,
           (g_get_monotonic_time () - start) / 1e6);
  return WM_CLI_EXIT_OK;
}
