/* test-extract-first-call.c — opening an extract asynchronously as the very
 * first thing a process does with libsodium (as the window does)
 *
 * A process of its own: no other test may have initialised libsodium
 * before. The open used to abort in sodium_malloc() there.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include "wm-extract.h"
#include "wm-test-util.h"

static void
on_opened (GObject *object, GAsyncResult *result, gpointer user_data)
{
  WmExtract **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = wm_extract_open_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_async_first (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "extract-v1.wmx", NULL);
  g_autoptr(WmExtract) extract = NULL;

  wm_extract_open_async (fixture, "fixture analyst v1", NULL, NULL, NULL, NULL, on_opened, &extract);
  while (extract == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (wm_extract_get_role (extract), ==, WM_EXTRACT_ROLE_ANALYST);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/extract/async-first-call", test_async_first);
  return g_test_run ();
}
