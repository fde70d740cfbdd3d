/* wm-cli-build.h — `welfaremap extract build`: a municipality's exports into an extract
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int  wm_cli_extract_build  (int    argc,
                            char **argv);

G_END_DECLS
