/* wm-cli-map.c — `welfaremap map`: one indicator's map as a picture or an animation
 *
 * welfaremap map FILE.wmx|FILE.sqlite [--level LAYER] [--indicator ID]
 *                [--year YEAR] [--size WIDTHxHEIGHT] [--services all|none|CODE,…]
 *                [--basemap FILE.mbtiles | --no-basemap] [--disclosure-control]
 *                [--seconds-per-year S]
 *                --out map.png | map.pdf | timeline.webm
 *
 * What the window's Export Map does, headless: the census sections, the
 * vulnerability index, the last year, 1600×1000 pixels and every service
 * site by default. A .webm file is the timeline: every year in turn,
 * dissolving into the next (wm-atlas-video.c).
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
#include "wm-user-area.h"

typedef struct {
  char *level, *indicator, *size, *services, *basemap, *out, *passphrase_file;
  int year;
  double seconds;
  gboolean no_basemap, disclosure;
  guint width, height, site_areas;
} Args;

static void
args_clear (Args *a)
{
  g_free (a->level);
  g_free (a->indicator);
  g_free (a->size);
  g_free (a->services);
  g_free (a->basemap);
  g_free (a->out);
  g_free (a->passphrase_file);
}

static gboolean
parse_size (Args *a)
{
  char *end = NULL;
  guint64 w, h;

  if (a->size == NULL)
    {
      a->width = 1600;
      a->height = 1000;
      return TRUE;
    }
  w = g_ascii_strtoull (a->size, &end, 10);
  if (end == a->size || (*end != 'x' && *end != 'X'))
    return FALSE;
  h = g_ascii_strtoull (end + 1, &end, 10);
  if (*end != '\0' || w < WM_ATLAS_VIEW_MIN_SIZE || h < WM_ATLAS_VIEW_MIN_SIZE ||
      w > WM_ATLAS_VIEW_MAX_SIZE || h > WM_ATLAS_VIEW_MAX_SIZE)
    return FALSE;
  a->width = w;
  a->height = h;
  return TRUE;
}

/* "ELD,FAM" → bits; "all" → 0, "none" → WM_ATLAS_NO_SITES. */
static gboolean
parse_services (Args  *a,
                char **unknown)
{
  g_auto(GStrv) codes = NULL;

  if (a->services == NULL || g_ascii_strcasecmp (a->services, "all") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (a->services, "none") == 0)
    {
      a->site_areas = WM_ATLAS_NO_SITES;
      return TRUE;
    }
  codes = g_strsplit (a->services, ",", -1);
  for (char **c = codes; *c != NULL; c++)
    {
      g_autofree char *code = g_ascii_strup (g_strstrip (*c), -1);
      WmUserArea area = wm_user_area_from_code (code);

      if (area == WM_USER_AREA_INVALID)
        {
          *unknown = g_strdup (*c);
          return FALSE;
        }
      a->site_areas |= 1u << area;
    }
  return TRUE;
}

static void
show_progress (guint    frame,
               guint    n_frames,
               gpointer user_data)
{
  fputc ('\r', stderr);
  fprintf (stderr, _("writing frame %u of %u…"), frame + 1, n_frames);
  if (frame + 1 == n_frames)
    fprintf (stderr, "\n");
}

static int
run (Args       *a,
     const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmMapModel) model = wm_map_model_new ();
  g_autoptr(WmAtlas) atlas = NULL;
  const WmIndicatorDef *def = wm_indicator_def_lookup (a->indicator != NULL ? a->indicator : "ivsm");
  WmIndicatorId id;
  WmAtlasOptions options = { 0 };
  WmCliInput in = { NULL };
  gboolean video = g_str_has_suffix (a->out, ".webm"), ok;

  if (def == NULL)
    {
      g_autofree char *all = wm_cli_indicator_ids ();
      g_autofree char *msg = g_strdup_printf (_("unknown indicator “%s” (known: %s)"), a->indicator, all);

      return wm_cli_usage_error (NULL, msg);
    }
  id = def->index;
  if (!wm_cli_input_open (&in, path, a->passphrase_file, &error))
    return wm_cli_fail (error);

  ok = wm_map_model_load (model, in.db, NULL, &error);
  if (!ok)
    g_prefix_error (&error, "%s: ", path);
  else
    {
      wm_map_model_set_indicator (model, id);
      ok = wm_cli_choose_layer (model, in.db, path, a->level, FALSE, &error);
    }
  if (ok)
    {
      options.year = a->year;
      options.indicators = &id;
      options.n_indicators = 1;
      options.site_areas = a->site_areas;
      atlas = wm_cli_new_atlas (model, &in, path, a->basemap, a->no_basemap, a->disclosure, &options, &error);
      ok = atlas != NULL;
    }
  if (ok && video)
    ok = wm_atlas_write_video (atlas, NULL, a->width, a->height, a->seconds, a->out,
                               isatty (STDERR_FILENO) ? show_progress : NULL, NULL, NULL, &error);
  else if (ok)
    ok = wm_atlas_write_view (atlas, NULL, a->width, a->height, a->out, &error);
  wm_cli_input_clear (&in);
  if (!ok)
    return wm_cli_fail (error);

  if (!options.disclosure_control)
    fprintf (stderr, _("welfaremap: note: made without disclosure control: the values of small groups are "
                       "shown — keep the map inside the office, or make it with --disclosure-control\n"));
  if (video)
    printf (_("%s: %s, every year, %u×%u pixels\n"), a->out, wm_indicator_def_get_label (def), a->width, a->height);
  else
    printf (_("%s: %s, %d, %u×%u pixels\n"), a->out, wm_indicator_def_get_label (def), wm_atlas_get_year (atlas),
            a->width, a->height);
  return WM_CLI_EXIT_OK;
}

/* `welfaremap map …` */
int
wm_cli_map (int    argc,
            char **argv)
{
  Args a = { NULL };
  GOptionEntry entries[] = {
    WM_CLI_PASSPHRASE_FILE_OPTION (a.passphrase_file),
    { "level", 'l', 0, G_OPTION_ARG_STRING, &a.level, N_("boundary layer (default: census sections)"), N_("LAYER") },
    { "indicator", 'i', 0, G_OPTION_ARG_STRING, &a.indicator, N_("indicator id (default: ivsm)"), N_("ID") },
    { "year", 'y', 0, G_OPTION_ARG_INT, &a.year, N_("year (default: the last one; a .webm shows them all)"), N_("YEAR") },
    { "size", 's', 0, G_OPTION_ARG_STRING, &a.size, N_("picture size in pixels (default: 1600x1000)"), N_("WxH") },
    { "services", 0, 0, G_OPTION_ARG_STRING, &a.services,
      N_("service sites shown: all (default), none, or user areas such as ELD,FAM"), N_("AREAS") },
    { "basemap", 0, 0, G_OPTION_ARG_FILENAME, &a.basemap,
      N_("an MBTiles tile pack under the map (default: the bundled one where the areas lie on it)"), N_("FILE") },
    { "no-basemap", 0, 0, G_OPTION_ARG_NONE, &a.no_basemap, N_("no basemap under the map"), NULL },
    { "disclosure-control", 0, 0, G_OPTION_ARG_NONE, &a.disclosure,
      N_("hide the values of small groups (always on for an analyst)"), NULL },
    { "seconds-per-year", 0, 0, G_OPTION_ARG_DOUBLE, &a.seconds,
      N_("with --out FILE.webm: how long each year shows (default: 1.5)"), N_("S") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &a.out, N_("FILE.png, FILE.pdf, or the timeline as FILE.webm"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE — a map of one indicator, as a picture or a video"));
  g_autoptr(GError) error = NULL;
  g_autofree char *unknown = NULL;
  int rc;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    rc = wm_cli_usage_error (context, error->message);
  else if (argc != 2)
    rc = wm_cli_usage_error (context, _("name one extract file (.wmx, or a plain .sqlite database)"));
  else if (a.out == NULL)
    rc = wm_cli_usage_error (context, _("say where to write the map with --out FILE.png, FILE.pdf or FILE.webm"));
  else if (!g_str_has_suffix (a.out, ".png") && !g_str_has_suffix (a.out, ".pdf") && !g_str_has_suffix (a.out, ".webm"))
    rc = wm_cli_usage_error (context, _("--out must name a .png, .pdf or .webm file"));
  else if (!parse_size (&a))
    rc = wm_cli_usage_error (context, _("--size is WIDTHxHEIGHT in pixels, each from 200 to 8192, such as 1920x1080"));
  else if (!parse_services (&a, &unknown))
    {
      g_autofree char *msg = g_strdup_printf (_("--services: unknown user area “%s” (known: FAM, DIS, ADD, ELD, "
                                                "IMMNOM, POV, MULBEN, or all, none)"), unknown);

      rc = wm_cli_usage_error (context, msg);
    }
  else if (a.year < 0 || a.seconds < 0 || a.seconds > 60)
    rc = wm_cli_usage_error (context, _("--year takes a positive number and --seconds-per-year one up to 60"));
  else if (a.seconds > 0 && !g_str_has_suffix (a.out, ".webm"))
    rc = wm_cli_usage_error (context, _("--seconds-per-year is for the timeline video: use it with --out FILE.webm"));
  else if (a.basemap != NULL && a.no_basemap)
    rc = wm_cli_usage_error (context, _("give --basemap or --no-basemap, not both"));
  else
    rc = run (&a, argv[1]);
  args_clear (&a);
  return rc;
}
