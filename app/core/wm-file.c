/* wm-file.c — putting a finished temporary file in place, durably
 *
 * Every file the app writes is written beside its target under another
 * name, then committed here: a crash at any point leaves the old file or
 * the new one, never a mix.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "wm-file.h"

static gboolean
fsync_path (const char *path,
            int         flags)
{
  int fd = open (path, flags | O_CLOEXEC);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

/**
 * wm_file_commit:
 * @tmp: the finished file, in the same folder as @path
 *
 * Syncs @tmp to disk, renames it over @path and syncs the folder, so the
 * rename survives a crash too.
 *
 * Returns: 0, or the errno of the step that failed (then @path is as it was)
 */
int
wm_file_commit (const char *tmp,
                const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (!fsync_path (tmp, O_RDONLY) || g_rename (tmp, path) != 0)
    return errno != 0 ? errno : EIO;
  fsync_path (dir, O_RDONLY | O_DIRECTORY);
  return 0;
}
