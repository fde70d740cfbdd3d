/* wm-extract-io.c — atomic saving through injectable system calls, and
 * opening an extract for reading
 *
 * A save writes a temp file in the destination's folder, fsyncs and closes
 * it, renames it over the destination and fsyncs the folder
 * (wm-extract-format.md §9). Tests replace WmExtractIo to make each call fail.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wm-extract-private.h"

struct _WmExtractSave
{
  const WmExtractIo *io;
  char *path;
  char *tmp_path;
  char *dir;
  int fd;
};

static int
real_open (const char *path, int flags, int mode, gpointer data)
{
  return open (path, flags, mode);
}

static gssize
real_write (int fd, const void *buf, gsize len, gpointer data)
{
  return write (fd, buf, len);
}

static int
real_fsync (int fd, gpointer data)
{
  return fsync (fd);
}

static int
real_close (int fd, gpointer data)
{
  return close (fd);
}

static int
real_rename (const char *from, const char *to, gpointer data)
{
  return rename (from, to);
}

static int
real_unlink (const char *path, gpointer data)
{
  return unlink (path);
}

const WmExtractIo *
wm_extract_io_default (void)
{
  static const WmExtractIo io = {
    real_open, real_write, real_fsync, real_close, real_rename, real_unlink, NULL,
  };
  return &io;
}

static gboolean
fail_save (GError    **error,
           const char *path,
           const char *what,
           int         saved_errno)
{
  return wm_extract_fail (error, WM_EXTRACT_ERROR_IO, path,
                          _("could not save the extract (%s: %s) — check that the disk has free space "
                            "and that you may write in its folder; the previous file is unchanged"),
                          what, g_strerror (saved_errno));
}

/**
 * wm_extract_save_begin:
 *
 * Creates the temp file for a new version of @path: mode 0600, or the mode
 * of the file it will replace.
 */
WmExtractSave *
wm_extract_save_begin (const WmExtractIo  *io,
                       const char         *path,
                       GError            **error)
{
  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  g_autofree char *base = g_path_get_basename (path);
  WmExtractSave *save;
  GStatBuf st;
  int saved_errno = 0;

  if (io == NULL)
    io = wm_extract_io_default ();
  save = g_new0 (WmExtractSave, 1);
  save->io = io;
  save->fd = -1;
  save->path = g_strdup (path);
  save->dir = g_path_get_dirname (path);

  for (int attempt = 0; attempt < 100 && save->fd < 0; attempt++)
    {
      char suffix[7];

      for (int i = 0; i < 6; i++)
        suffix[i] = alphabet[g_random_int_range (0, sizeof alphabet - 1)];
      suffix[6] = '\0';
      g_free (save->tmp_path);
      save->tmp_path = g_strdup_printf ("%s%c.%s.%s.tmp", save->dir, G_DIR_SEPARATOR, base, suffix);
      save->fd = io->open (save->tmp_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600, io->data);
      saved_errno = errno;
      if (save->fd < 0 && saved_errno != EEXIST)
        break;
    }
  if (save->fd < 0)
    {
      fail_save (error, path, _("creating a file in its folder"), saved_errno);
      g_clear_pointer (&save->tmp_path, g_free);
      wm_extract_save_abort (save);
      return NULL;
    }
  if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode) && (st.st_mode & 07777) != 0600)
    fchmod (save->fd, st.st_mode & 07777);
  return save;
}

gboolean
wm_extract_save_write (WmExtractSave  *save,
                       const void     *buf,
                       gsize           len,
                       GError        **error)
{
  const guint8 *p = buf;

  while (len > 0)
    {
      gssize n = save->io->write (save->fd, p, len, save->io->data);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return fail_save (error, save->path, _("writing"), n < 0 ? errno : ENOSPC);
      p += n;
      len -= n;
    }
  return TRUE;
}

/* After the rename the new file is in place; only its durability is in
 * doubt, and the error must not claim the old file is still there. */
static gboolean
sync_folder (WmExtractSave  *save,
             GError        **error)
{
  const WmExtractIo *io = save->io;
  int fd = io->open (save->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0, io->data);
  int saved_errno = errno;

  if (fd >= 0)
    {
      int rc = io->fsync (fd, io->data);

      saved_errno = errno;
      io->close (fd, io->data);
      if (rc == 0)
        return TRUE;
    }
  return wm_extract_fail (error, WM_EXTRACT_ERROR_IO, save->path,
                          _("the extract was saved, but the system did not confirm it reached the disk (%s) — "
                            "check the disk, then run “welfaremap extract verify” on it"),
                          g_strerror (saved_errno));
}

/**
 * wm_extract_save_commit:
 *
 * Makes the temp file the new @path. Frees @save, whatever happens.
 */
gboolean
wm_extract_save_commit (WmExtractSave  *save,
                        GError        **error)
{
  const WmExtractIo *io = save->io;
  gboolean ok;
  int fd = save->fd;

  if (io->fsync (fd, io->data) != 0)
    {
      fail_save (error, save->path, _("flushing to disk"), errno);
      wm_extract_save_abort (save);
      return FALSE;
    }
  save->fd = -1;
  if (io->close (fd, io->data) != 0)
    {
      fail_save (error, save->path, _("closing"), errno);
      wm_extract_save_abort (save);
      return FALSE;
    }
  if (io->rename (save->tmp_path, save->path, io->data) != 0)
    {
      fail_save (error, save->path, _("replacing the old file"), errno);
      wm_extract_save_abort (save);
      return FALSE;
    }
  g_clear_pointer (&save->tmp_path, g_free);
  ok = sync_folder (save, error);
  wm_extract_save_abort (save);
  return ok;
}

/**
 * wm_extract_save_abort:
 *
 * Removes the temp file, if any, and frees @save.
 */
void
wm_extract_save_abort (WmExtractSave *save)
{
  if (save == NULL)
    return;
  if (save->fd >= 0)
    save->io->close (save->fd, save->io->data);
  if (save->tmp_path != NULL)
    save->io->unlink (save->tmp_path, save->io->data);
  g_free (save->tmp_path);
  g_free (save->path);
  g_free (save->dir);
  g_free (save);
}

/**
 * wm_extract_file_open:
 * @size: (out): the file's size
 *
 * Opens @path for reading, telling a missing file, a folder and a file
 * that may not be read apart.
 *
 * Returns: a file descriptor, or −1 with @error set
 */
int
wm_extract_file_open (const char  *path,
                      guint64     *size,
                      GError     **error)
{
  struct stat st = { 0 };
  int fd;

  /* O_NONBLOCK: opening a FIFO must not hang; cleared below. */
  fd = open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT || saved_errno == ENOTDIR)
        wm_extract_fail (error, WM_EXTRACT_ERROR_NOT_FOUND, path,
                         _("the file does not exist — check its name and folder"));
      else
        wm_extract_fail (error, WM_EXTRACT_ERROR_IO, path,
                         _("the file cannot be read (%s) — check that you may open it"),
                         g_strerror (saved_errno));
      return -1;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      gboolean dir = S_ISDIR (st.st_mode);

      close (fd);
      wm_extract_fail (error, WM_EXTRACT_ERROR_NOT_A_FILE, path,
                       dir ? _("this is a folder, not an extract — choose the .wmx file")
                           : _("this is not a regular file — choose the .wmx file"));
      return -1;
    }
  fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK);
  *size = st.st_size;
  return fd;
}
