/* wm-renderer.c — OpenGL or cairo: chosen before GTK starts
 *
 * GTK 4.8 draws with OpenGL whenever the machine has any, and on a machine
 * without a GPU (virtual desktops, remote sessions, Xvfb) that is Mesa's
 * software rasterizer, llvmpipe: for this map, twice as slow as cairo and
 * nearly four times the CPU per frame, and 180 MiB more memory (LLVM, and
 * "video memory" that is the process's own). Measured with
 * `wm-screenshot --pan` on a Milano extract, see bench-open.
 *
 * Without a GPU render node, then, the window draws with cairo and GDK
 * does not even load the GL driver. Whoever sets GSK_RENDERER, or
 * GDK_DEBUG=gl-disable, keeps their choice.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <string.h>

#include "wm-renderer.h"

static gboolean
has_render_node (const char *dri_dir)
{
  g_autoptr(GDir) dir = g_dir_open (dri_dir, 0, NULL);
  const char *name;

  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "renderD"))
      return TRUE;
  return FALSE;
}

/**
 * wm_renderer_prefers_cairo:
 * @dri_dir: where the kernel lists GPUs: /dev/dri
 * @gsk_renderer: (nullable): $GSK_RENDERER
 * @gdk_debug: (nullable): $GDK_DEBUG
 *
 * Returns: whether the window should draw with cairo and keep OpenGL
 *   unloaded: no GPU, and the user chose nothing
 */
gboolean
wm_renderer_prefers_cairo (const char *dri_dir,
                           const char *gsk_renderer,
                           const char *gdk_debug)
{
  if (gsk_renderer != NULL && *gsk_renderer != '\0')
    return FALSE;
  if (gdk_debug != NULL && strstr (gdk_debug, "gl-disable") != NULL)
    return FALSE;
  return !has_render_node (dri_dir);
}

/* Call before anything initializes GDK. */
void
wm_renderer_choose (void)
{
  const char *gdk_debug = g_getenv ("GDK_DEBUG");
  g_autofree char *debug = NULL;

  if (!wm_renderer_prefers_cairo ("/dev/dri", g_getenv ("GSK_RENDERER"), gdk_debug))
    return;
  debug = gdk_debug != NULL && *gdk_debug != '\0' ? g_strconcat (gdk_debug, ",gl-disable", NULL)
                                                  : g_strdup ("gl-disable");
  g_setenv ("GDK_DEBUG", debug, TRUE);
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_debug ("No GPU in /dev/dri: drawing with cairo rather than software OpenGL");
}
