/* wm-cli.h — `welfaremap <subcommand>`: every job without a display
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit codes, as DESIGN.md §8 fixes them. */
#define WM_CLI_EXIT_OK     0
#define WM_CLI_EXIT_FAILED 1
#define WM_CLI_EXIT_USAGE  2

typedef int (*WmCliCommandFunc) (int argc, char **argv);

typedef struct {
  const char       *name;
  const char       *summary;
  WmCliCommandFunc  run;
} WmCliCommand;

gboolean  wm_cli_handles      (int     argc,
                               char  **argv);
int       wm_cli_main         (int     argc,
                               char  **argv);
int       wm_cli_fail         (const GError *error);
int       wm_cli_usage_error  (GOptionContext *context,
                               const char     *message);

/* subcommands */
int       wm_cli_info         (int argc, char **argv);
int       wm_cli_basemap      (int argc, char **argv);
int       wm_cli_indicators   (int argc, char **argv);
int       wm_cli_synth        (int argc, char **argv);
int       wm_cli_atlas        (int argc, char **argv);
int       wm_cli_map          (int argc, char **argv);

G_END_DECLS
