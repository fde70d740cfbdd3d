/* main.c — one executable: a subcommand runs headless, anything else opens the window
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "wm-application.h"
#include "wm-cli.h"
#include "wm-paths.h"
#include "wm-renderer.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(WmApplication) app = NULL;

  setlocale (LC_ALL, "");
  wm_paths_init ();
  bindtextdomain (GETTEXT_PACKAGE, wm_paths_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (wm_cli_handles (argc, argv))
    return wm_cli_main (argc, argv);

  wm_renderer_choose ();
  app = wm_application_new (G_APPLICATION_HANDLES_OPEN);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
