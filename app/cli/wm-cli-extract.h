/* wm-cli-extract.h — `welfaremap extract …`: encrypted extracts on the command line
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int  wm_cli_extract           (int          argc,
                               char       **argv);
int  wm_cli_extract_describe  (const char  *path);

G_END_DECLS
