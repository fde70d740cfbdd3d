/* wm-cli-atlas.c — `welfaremap atlas`: a neighbourhood atlas as PDF (or one page as PNG)
 *
 * welfaremap atlas FILE.wmx|FILE.sqlite [--level LAYER] [--year YEAR]
 *                  [--indicators ID,…] [--paper a4|a3] [--landscape]
 *                  [--areas CODE,…] [--basemap FILE.mbtiles | --no-basemap]
 *                  [--walk METRES] [--disclosure-control]
 *                  --out atlas.pdf | --out page.png [--page N]
 *
 * Defaults make `welfaremap atlas FILE.wmx --out atlas.pdf` work: the
 * coarsest layer with boundaries, the last year, the vulnerability index
 * and its seven components, A4 portrait, the bundled basemap when the
 * areas lie on it.
 *
 * Who may print what: a sheet never prints numerator and denominator
 * counts. An analyst's atlas always hides the values of small groups
 * (disclosure control, see wm-atlas.h); a caseworker or the holder of a
 * plain database may print them, and is told to keep the atlas inside the
 * office — or asks for --disclosure-control.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "wm-atlas.h"
#include "wm-cli.h"
#include "wm-cli-input.h"
#include "wm-cli-passphrase.h"

typedef struct {
  char *level, *indicators, *paper, *areas, *basemap, *out, *passphrase_file;
  int year, page;
  double walk;
  gboolean landscape, no_basemap, disclosure;
} Args;

static void
args_clear (Args *a)
{
  g_free (a->level);
  g_free (a->indicators);
  g_free (a->paper);
  g_free (a->areas);
  g_free (a->basemap);
  g_free (a->out);
  g_free (a->passphrase_file);
}

static void
show_progress (guint    page,
               guint    n_pages,
               gpointer user_data)
{
  fputc ('\r', stderr);
  fprintf (stderr, _("writing page %u of %u…"), page + 1, n_pages);
  if (page + 1 == n_pages)
    fprintf (stderr, "\n");
}

static int
run (Args       *a,
     const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(WmMapModel) model = wm_map_model_new ();
  g_autoptr(WmAtlas) atlas = NULL;
  g_auto(GStrv) areas = NULL;
  g_autofree char *unknown = NULL;
  WmAtlasOptions options = { 0 };
  WmCliInput in = { NULL };
  gboolean png = g_str_has_suffix (a->out, ".png"), ok;
  double w, h;

  if (a->indicators != NULL && (ids = wm_cli_parse_indicators (a->indicators, &unknown)) == NULL)
    {
      g_autofree char *all = wm_cli_indicator_ids ();
      g_autofree char *msg = g_strdup_printf (_("unknown indicator “%s” (known: %s)"), unknown, all);

      return wm_cli_usage_error (NULL, msg);
    }
  if (ids != NULL && (ids->len == 0 || ids->len > WM_ATLAS_MAX_INDICATORS))
    return wm_cli_usage_error (NULL, _("--indicators takes from 1 to 12 indicator ids"));
  if (!wm_cli_input_open (&in, path, a->passphrase_file, &error))
    return wm_cli_fail (error);

  ok = wm_map_model_load (model, in.db, NULL, &error);
  if (!ok)
    g_prefix_error (&error, "%s: ", path);
  else
    ok = wm_cli_choose_layer (model, in.db, path, a->level, TRUE, &error);
  if (ok)
    {
      if (a->areas != NULL)
        {
          areas = g_strsplit (a->areas, ",", -1);
          for (char **c = areas; *c != NULL; c++)
            g_strstrip (*c);
          /* "--areas ''" or "--areas ," chooses nothing, which the atlas refuses */
          if (areas[0] != NULL && areas[0][0] == '\0' && areas[1] == NULL)
            g_clear_pointer (&areas[0], g_free);
        }
      options.paper = g_ascii_strcasecmp (a->paper, "a3") == 0 ? WM_ATLAS_PAPER_A3 : WM_ATLAS_PAPER_A4;
      options.landscape = a->landscape;
      options.year = a->year;
      options.indicators = ids != NULL ? (const WmIndicatorId *) ids->data : NULL;
      options.n_indicators = ids != NULL ? ids->len : 0;
      options.areas = (const char * const *) areas;
      options.walk_distance = a->walk;
      atlas = wm_cli_new_atlas (model, &in, path, a->basemap, a->no_basemap, a->disclosure, &options, &error);
      ok = atlas != NULL;
    }
  if (ok && png && (guint) a->page > wm_atlas_get_n_pages (atlas))
    {
      g_autofree char *reason = g_strdup_printf (_("the atlas has %u pages, not %d"), wm_atlas_get_n_pages (atlas), a->page);

      ok = wm_cli_input_error (&error, path, reason, _("choose --page within them"));
    }
  if (ok)
    ok = png ? wm_atlas_write_png (atlas, a->page - 1, a->out, 150, &error)
             : wm_atlas_write_pdf (atlas, a->out, isatty (STDERR_FILENO) ? show_progress : NULL, NULL, NULL, &error);
  wm_cli_input_clear (&in);
  if (!ok)
    return wm_cli_fail (error);

  if (!options.disclosure_control)
    fprintf (stderr, _("welfaremap: note: printed without disclosure control: the values of small groups are "
                       "shown — keep the atlas inside the office, or print it with --disclosure-control\n"));
  wm_atlas_get_page_size (atlas, &w, &h);
  if (png)
    printf (_("%s: page %d of %u\n"), a->out, a->page, wm_atlas_get_n_pages (atlas));
  else
    printf (_("%s: %u pages — cover, index and %u sheets of the layer “%s”, %d, %s %s\n"), a->out,
            wm_atlas_get_n_pages (atlas), wm_atlas_get_n_sheets (atlas),
            wm_area_layer_get_code (wm_map_model_get_layer (model, wm_map_model_get_layer_index (model))),
            wm_atlas_get_year (atlas), options.paper == WM_ATLAS_PAPER_A3 ? "A3" : "A4",
            a->landscape ? _("landscape") : _("portrait"));
  return WM_CLI_EXIT_OK;
}

/* `welfaremap atlas …` */
int
wm_cli_atlas (int    argc,
              char **argv)
{
  Args a = { NULL };
  GOptionEntry entries[] = {
    WM_CLI_PASSPHRASE_FILE_OPTION (a.passphrase_file),
    { "level", 'l', 0, G_OPTION_ARG_STRING, &a.level, N_("boundary layer (default: the coarsest with boundaries)"), N_("LAYER") },
    { "year", 'y', 0, G_OPTION_ARG_INT, &a.year, N_("year (default: the last one)"), N_("YEAR") },
    { "indicators", 'i', 0, G_OPTION_ARG_STRING, &a.indicators,
      N_("indicator ids, comma-separated; the first is mapped (default: ivsm and its seven components)"), N_("IDS") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &a.paper, N_("a4 (default) or a3"), N_("SIZE") },
    { "landscape", 0, 0, G_OPTION_ARG_NONE, &a.landscape, N_("landscape pages (default: portrait)"), NULL },
    { "areas", 'a', 0, G_OPTION_ARG_STRING, &a.areas, N_("area codes, comma-separated (default: every area)"), N_("CODES") },
    { "basemap", 0, 0, G_OPTION_ARG_FILENAME, &a.basemap,
      N_("an MBTiles tile pack under the maps (default: the bundled one where the areas lie on it)"), N_("FILE") },
    { "no-basemap", 0, 0, G_OPTION_ARG_NONE, &a.no_basemap, N_("no basemap under the maps"), NULL },
    { "walk", 0, 0, G_OPTION_ARG_DOUBLE, &a.walk, N_("list services this near an area, in metres (default: 500)"), N_("METRES") },
    { "disclosure-control", 0, 0, G_OPTION_ARG_NONE, &a.disclosure,
      N_("hide the values of small groups (always on for an analyst)"), NULL },
    { "page", 0, 0, G_OPTION_ARG_INT, &a.page, N_("with --out FILE.png: the page to draw (default: 1)"), N_("N") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &a.out, N_("the atlas, FILE.pdf, or one page, FILE.png"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE — neighbourhood atlas sheets, as PDF"));
  g_autoptr(GError) error = NULL;
  int rc;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    rc = wm_cli_usage_error (context, error->message);
  else if (argc != 2)
    rc = wm_cli_usage_error (context, _("name one extract file (.wmx, or a plain .sqlite database)"));
  else if (a.out == NULL)
    rc = wm_cli_usage_error (context, _("say where to write the atlas with --out FILE.pdf"));
  else if (!g_str_has_suffix (a.out, ".pdf") && !g_str_has_suffix (a.out, ".png"))
    rc = wm_cli_usage_error (context, _("--out must name a .pdf file (or a .png file for one page)"));
  else if (a.page != 0 && !g_str_has_suffix (a.out, ".png"))
    rc = wm_cli_usage_error (context, _("--page draws one page as an image: use it with --out FILE.png"));
  else if (a.page < 0 || a.walk < 0 || a.year < 0)
    rc = wm_cli_usage_error (context, _("--page, --year and --walk take positive numbers"));
  else if (a.paper != NULL && g_ascii_strcasecmp (a.paper, "a4") != 0 && g_ascii_strcasecmp (a.paper, "a3") != 0)
    rc = wm_cli_usage_error (context, _("--paper is a4 or a3"));
  else if (a.basemap != NULL && a.no_basemap)
    rc = wm_cli_usage_error (context, _("give --basemap or --no-basemap, not both"));
  else
    {
      if (a.paper == NULL)
        a.paper = g_strdup ("a4");
      if (a.page == 0)
        a.page = 1;
      rc = run (&a, argv[1]);
    }
  args_clear (&a);
  return rc;
}
