/* wm-renderer.h — OpenGL or cairo: chosen before GTK starts
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean wm_renderer_prefers_cairo (const char  *dri_dir,
                                    const char  *gsk_renderer,
                                    const char  *gdk_debug);
void     wm_renderer_choose        (void);

G_END_DECLS
