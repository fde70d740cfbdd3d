/* wm-paths.h — where the app finds its data, installed or from the build tree
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void         wm_paths_init          (void);
gboolean     wm_paths_is_uninstalled (void);
const char  *wm_paths_data_dir      (void);
const char  *wm_paths_locale_dir    (void);
char        *wm_paths_demo_basemap  (void);
char        *wm_paths_demo_extract  (void);

G_END_DECLS
