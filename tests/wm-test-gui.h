/* wm-test-gui.h — what GUI tests share: spinning the main loop, rendering widgets
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void       wm_test_gui_init          (int *argc, char ***argv);
void       wm_test_gui_spin          (guint ms);
GdkTexture *wm_test_gui_render       (GtkWidget *widget);
guchar    *wm_test_gui_render_pixels (GtkWidget *widget, int *width, int *height);
void       wm_test_gui_snapshot      (GtkWidget *widget, const char *name);

G_END_DECLS
