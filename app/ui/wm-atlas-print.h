/* wm-atlas-print.h — an atlas through the print dialog
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <gtk/gtk.h>

#include "wm-atlas.h"

G_BEGIN_DECLS

#define WM_TYPE_ATLAS_PRINT (wm_atlas_print_get_type ())
G_DECLARE_FINAL_TYPE (WmAtlasPrint, wm_atlas_print, WM, ATLAS_PRINT, GtkPrintOperation)

WmAtlasPrint *wm_atlas_print_new       (WmAtlas      *atlas);
WmAtlas      *wm_atlas_print_get_atlas (WmAtlasPrint *self);

G_END_DECLS
