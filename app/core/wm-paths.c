/* wm-paths.c — where the app finds its data, installed or from the build tree
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include "wm-paths.h"

#include <string.h>

static char *data_dir;
static char *locale_dir;
static gboolean uninstalled;

/* Running ./build/app/welfaremap must work without `meson install`: the
 * executable knows it runs from the build tree when it lives under it. */
static gboolean
detect_uninstalled (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *root = g_canonicalize_filename (WM_BUILD_ROOT, NULL);

  if (exe == NULL)
    return FALSE;
  return g_str_has_prefix (exe, root) && exe[strlen (root)] == G_DIR_SEPARATOR;
}

/**
 * wm_paths_init:
 *
 * Resolves the data folder once, before any thread starts: first
 * `WELFAREMAP_DATADIR`, then the build tree's `data/` when the executable
 * runs from there, else the installed package data folder. When uninstalled
 * it also points GSettings at the schema compiled in the build tree, and the
 * translations at the catalogues compiled there.
 */
void
wm_paths_init (void)
{
  const char *env = g_getenv ("WELFAREMAP_DATADIR");

  if (data_dir != NULL)
    return;

  uninstalled = detect_uninstalled ();
  if (env != NULL && *env != '\0')
    data_dir = g_strdup (env);
  else if (uninstalled)
    data_dir = g_build_filename (WM_BUILD_ROOT, "data", NULL);
  else
    data_dir = g_strdup (WM_PKGDATADIR);

  /* meson builds each catalogue as po/LANG/LC_MESSAGES/welfaremap.mo */
  if (uninstalled)
    locale_dir = g_build_filename (WM_BUILD_ROOT, "po", NULL);
  else
    locale_dir = g_strdup (LOCALEDIR);

  if (uninstalled && g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    {
      g_autofree char *schemas = g_build_filename (WM_BUILD_ROOT, "data", NULL);
      g_setenv ("GSETTINGS_SCHEMA_DIR", schemas, FALSE);
    }
}

gboolean
wm_paths_is_uninstalled (void)
{
  wm_paths_init ();
  return uninstalled;
}

/* Where bindtextdomain() finds the translations. */
const char *
wm_paths_locale_dir (void)
{
  wm_paths_init ();
  return locale_dir;
}

const char *
wm_paths_data_dir (void)
{
  wm_paths_init ();
  return data_dir;
}

char *
wm_paths_demo_basemap (void)
{
  return g_build_filename (wm_paths_data_dir (), "demo", "povo-basemap.mbtiles", NULL);
}

char *
wm_paths_demo_extract (void)
{
  return g_build_filename (wm_paths_data_dir (), "demo", "povo-demo.wmx", NULL);
}
