/* wm-extract-reader.c — reading a whole extract: header, passphrase, sections
 *
 * The order of the checks, and what each failure is called, is
 * wm-extract-format.md §6.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wm-extract-private.h"

void
wm_extract_content_free (WmExtractContent *content)
{
  if (content == NULL)
    return;
  wm_extract_plain_free (content->data, content->data_size);
  wm_extract_plain_free (content->identities, content->identity_size);
  g_clear_pointer (&content->keys, wm_extract_keys_free);
  sodium_memzero (&content->header, sizeof content->header);
  g_free (content);
  wm_extract_dump_guard_release ();
}

static WmExtractKeys *
copy_keys (const WmExtractKeys *keys)
{
  WmExtractKeys *copy = wm_extract_keys_new ();

  memcpy (copy, keys, sizeof *copy);
  return copy;
}

static gboolean
read_section (const guint8           *map,
              guint64                 offset,
              WmExtractContent       *content,
              WmExtractSection        section,
              const guint8            master[WM_EXTRACT_KEY_SIZE],
              const char             *context,
              gboolean                keep,
              const char             *path,
              GCancellable           *cancellable,
              WmExtractProgress      *progress,
              GError                **error)
{
  guint64 size = section == WM_EXTRACT_SECTION_DATA ? content->header.data_size : content->header.identity_size;
  guint8 *key = sodium_malloc (WM_EXTRACT_KEY_SIZE);
  guint8 *out = NULL;
  gboolean ok;

  g_assert (key != NULL);
  if (keep)
    {
      out = wm_extract_plain_alloc (size, path, error);
      if (out == NULL)
        {
          sodium_free (key);
          return FALSE;
        }
      if (section == WM_EXTRACT_SECTION_DATA)
        {
          content->data = out;
          content->data_size = size;
        }
      else
        {
          content->identities = out;
          content->identity_size = size;
        }
    }
  wm_extract_derive_key (master, 1, context, key);
  ok = wm_extract_section_decrypt (map, offset, &content->header, section, key, out, NULL,
                                   path, cancellable, progress, error);
  sodium_free (key);
  return ok;
}

/**
 * wm_extract_read_fd:
 * @file_size: @fd's size, as wm_extract_file_open() found it
 * @passphrase: (nullable): ignored when @options gives the keys
 *
 * Reads the extract open on @fd: the header, the slot @passphrase opens,
 * and the sections its role may read (only checked, not kept, with
 * options->verify_only).
 *
 * Returns: (transfer full): the content; free with wm_extract_content_free()
 */
WmExtractContent *
wm_extract_read_fd (int                          fd,
                    guint64                      file_size,
                    const char                  *path,
                    const char                  *passphrase,
                    const WmExtractReadOptions  *options,
                    GCancellable                *cancellable,
                    GError                     **error)
{
  static const WmExtractReadOptions defaults = { 0 };
  g_autoptr(WmExtractContent) content = NULL;
  WmExtractProgress progress = { 0 };
  const guint8 *map;
  WmExtractHeader *h;
  gboolean ok;
  guint64 offset;
  guint8 extra;
  gboolean identities;

  if (options == NULL)
    options = &defaults;
  if (!wm_extract_sodium_init (error))
    return NULL;

  content = g_new0 (WmExtractContent, 1);
  wm_extract_dump_guard_acquire ();  /* released by wm_extract_content_free() */
  h = &content->header;

  if (!wm_extract_header_read (fd, file_size, path, h, NULL, error))
    return NULL;

  if (options->keys != NULL)
    content->keys = copy_keys (options->keys);
  else
    content->keys = wm_extract_unlock (h, passphrase, path, cancellable,
                                       options->progress, options->progress_data, error);
  if (content->keys == NULL ||
      !wm_extract_header_check_mac (h, content->keys, path, error))
    return NULL;

  if (!options->allow_expired && wm_extract_header_is_expired (h, options->today))
    {
      g_autofree char *date = wm_extract_header_expiry_text (h);

      wm_extract_fail (error, WM_EXTRACT_ERROR_EXPIRED, path,
                       _("this extract expired on %s — ask the data office for a new one"), date);
      return NULL;
    }

  identities = content->keys->has_identity_key && (h->flags & WM_EXTRACT_FLAG_IDENTITIES);
  progress.func = options->progress;
  progress.data = options->progress_data;
  progress.total = h->data_size + (identities ? h->identity_size : 0);

  map = wm_extract_map (fd, file_size, path, error);
  if (map == NULL)
    return NULL;
  offset = h->header_size;
  ok = read_section (map, offset, content, WM_EXTRACT_SECTION_DATA, content->keys->data, WM_EXTRACT_CTX_DATA,
                     !options->verify_only, path, cancellable, &progress, error);
  offset += wm_extract_section_size (h->data_size, h->chunk_log2);
  if (ok && identities)
    {
      /* Checked now, so damage shows at open; kept only if asked: the
       * window never reads them, and for a city they are 100+ MiB. */
      ok = read_section (map, offset, content, WM_EXTRACT_SECTION_IDENTITIES, content->keys->identity,
                         WM_EXTRACT_CTX_IDENTITIES, !options->verify_only && !options->identities_on_demand,
                         path, cancellable, &progress, error);
      content->identities_read = ok;
    }
  wm_extract_unmap (map, file_size);
  if (!ok)
    {
      struct stat st;

      /* A chunk cut by the end of a file that shrank meanwhile fails its
       * check before anything touches a missing page: say what happened. */
      if (error != NULL && *error != NULL && (*error)->code == WM_EXTRACT_ERROR_DAMAGED &&
          fstat (fd, &st) == 0 && (guint64) st.st_size < file_size)
        {
          g_clear_error (error);
          wm_extract_fail (error, WM_EXTRACT_ERROR_TRUNCATED, path,
                           _("the extract is damaged: it became shorter while it was being read — "
                             "copy it again from where you got it, or ask the data office for a new one"));
        }
      return NULL;
    }

  /* The file may have grown since its size was checked. */
  if (pread (fd, &extra, 1, wm_extract_file_size (h)) > 0)
    {
      wm_extract_fail_damaged (error, path, _("it has extra bytes after its end"));
      return NULL;
    }
  if (progress.func != NULL && progress.total == 0)
    progress.func (WM_EXTRACT_PHASE_DECRYPTING, 1.0, progress.data);
  return g_steal_pointer (&content);
}

/**
 * wm_extract_read_identities:
 * @content: what wm_extract_read() gave a caseworker
 *
 * Decrypts the identities section of the extract at @path into @content
 * with the keys @content holds: the file must still be the one @content
 * was read from (its header authenticated by the same keys, the same
 * section), or it is WM_EXTRACT_ERROR_CHANGED.
 */
gboolean
wm_extract_read_identities (const char        *path,
                            WmExtractContent  *content,
                            GCancellable      *cancellable,
                            GError           **error)
{
  WmExtractHeader now = { 0 };
  const guint8 *map = NULL;
  guint64 size;
  guint8 *key = NULL, *out = NULL;
  gboolean ok = FALSE;
  int fd;

  g_return_val_if_fail (content->identities == NULL, FALSE);
  g_return_val_if_fail (content->identities_read, FALSE);

  fd = wm_extract_file_open (path, &size, error);
  if (fd < 0)
    return FALSE;
  if (!wm_extract_header_read (fd, size, path, &now, NULL, error))
    goto out;
  if (!wm_extract_header_check_mac (&now, content->keys, path, NULL) ||
      !(now.flags & WM_EXTRACT_FLAG_IDENTITIES) ||
      now.identity_size != content->header.identity_size ||
      now.data_size != content->header.data_size ||
      now.chunk_log2 != content->header.chunk_log2)
    {
      wm_extract_fail (error, WM_EXTRACT_ERROR_CHANGED, path,
                       _("the file was replaced or changed since it was opened — "
                         "open it again to see the identities"));
      goto out;
    }
  map = wm_extract_map (fd, size, path, error);
  if (map == NULL)
    goto out;
  out = wm_extract_plain_alloc (now.identity_size, path, error);
  if (out == NULL)
    goto out;
  key = sodium_malloc (WM_EXTRACT_KEY_SIZE);
  g_assert (key != NULL);
  wm_extract_derive_key (content->keys->identity, 1, WM_EXTRACT_CTX_IDENTITIES, key);
  ok = wm_extract_section_decrypt (map, now.header_size + wm_extract_section_size (now.data_size, now.chunk_log2),
                                   &now, WM_EXTRACT_SECTION_IDENTITIES, key, out, NULL,
                                   path, cancellable, NULL, error);
  sodium_free (key);
  if (ok)
    {
      content->identities = g_steal_pointer (&out);
      content->identity_size = now.identity_size;
    }

out:
  if (out != NULL)
    wm_extract_plain_free (out, now.identity_size);
  if (map != NULL)
    wm_extract_unmap (map, size);
  sodium_memzero (&now, sizeof now);
  close (fd);
  return ok;
}

WmExtractContent *
wm_extract_read (const char                  *path,
                 const char                  *passphrase,
                 const WmExtractReadOptions  *options,
                 GCancellable                *cancellable,
                 GError                     **error)
{
  WmExtractContent *content;
  guint64 size;
  int fd;

  fd = wm_extract_file_open (path, &size, error);
  if (fd < 0)
    return NULL;
  content = wm_extract_read_fd (fd, size, path, passphrase, options, cancellable, error);
  close (fd);
  return content;
}
