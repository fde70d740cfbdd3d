/* wm-classes-popover.h — how the map is classed: method, classes, colours, opacity
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <gtk/gtk.h>

#include "wm-choropleth-layer.h"

G_BEGIN_DECLS

#define WM_TYPE_CLASSES_POPOVER (wm_classes_popover_get_type ())
G_DECLARE_FINAL_TYPE (WmClassesPopover, wm_classes_popover, WM, CLASSES_POPOVER, GtkPopover)

GtkWidget *wm_classes_popover_new (WmClassification  *classification,
                                   WmChoroplethLayer *layer);

G_END_DECLS
