/* wm-test-util.c — what every test needs: fixture paths and temporary folders
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gstdio.h>

#include "wm-test-util.h"

static char *
build_va (const char  *root,
          const char  *first,
          va_list      args)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  g_ptr_array_add (parts, (char *) root);
  for (const char *p = first; p != NULL; p = va_arg (args, const char *))
    g_ptr_array_add (parts, (char *) p);
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **) parts->pdata);
}

/* ../shared/data, as meson passes it (WM_SHARED_DATA). */
char *
wm_test_shared_path (const char *first_element, ...)
{
  const char *root = g_getenv ("WM_SHARED_DATA");
  va_list args;
  char *path;

  g_assert_nonnull (root);
  va_start (args, first_element);
  path = build_va (root, first_element, args);
  va_end (args);
  return path;
}

/* The build tree's data/ (generated demo files). */
char *
wm_test_data_path (const char *first_element, ...)
{
  const char *root = g_getenv ("WELFAREMAP_DATADIR");
  va_list args;
  char *path;

  g_assert_nonnull (root);
  va_start (args, first_element);
  path = build_va (root, first_element, args);
  va_end (args);
  return path;
}

char *
wm_test_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("wm-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
wm_test_rmdir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        wm_test_rmdir (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

void
wm_test_write_file (const char *path,
                    const void *data,
                    gssize      len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}
