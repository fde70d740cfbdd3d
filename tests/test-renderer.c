/* test-renderer.c — OpenGL or cairo, before GTK starts
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gstdio.h>

#include "wm-renderer.h"
#include "wm-test-util.h"

static void
test_choice (void)
{
  g_autofree char *dir = wm_test_tmpdir ();
  g_autofree char *card = g_build_filename (dir, "card0", NULL);
  g_autofree char *node = g_build_filename (dir, "renderD128", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-dir", NULL);

  /* No GPU at all (no /dev/dri): cairo, unless the user chose. */
  g_assert_true (wm_renderer_prefers_cairo (missing, NULL, NULL));
  g_assert_true (wm_renderer_prefers_cairo (missing, "", "interactive"));
  g_assert_false (wm_renderer_prefers_cairo (missing, "gl", NULL));
  g_assert_false (wm_renderer_prefers_cairo (missing, "cairo", NULL));
  g_assert_false (wm_renderer_prefers_cairo (missing, NULL, "misc,gl-disable"));

  /* A display-only card (no render node) is no GPU to draw with. */
  wm_test_write_file (card, "", 0);
  g_assert_true (wm_renderer_prefers_cairo (dir, NULL, NULL));

  /* A render node: GTK's own choice, OpenGL. */
  wm_test_write_file (node, "", 0);
  g_assert_false (wm_renderer_prefers_cairo (dir, NULL, NULL));
  g_assert_false (wm_renderer_prefers_cairo (dir, "gl", NULL));

  wm_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/renderer/choice", test_choice);
  return g_test_run ();
}
