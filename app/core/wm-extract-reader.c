/* wm-extract-reader.c — reading a whole extract: header, passphrase, sections
 *
 * The order of the checks, and what each failure is called, is
 * wm-extract-format.md §6.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include "wm-extract-private.h"

#define PEEK_SIZE 65536

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
read_section (int                     fd,
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
  ok = wm_extract_section_decrypt (fd, offset, &content->header, section, key, out, NULL,
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
  g_autofree guint8 *peek = NULL;
  gsize peek_len = MIN (file_size, PEEK_SIZE);
  WmExtractProgress progress = { 0 };
  WmExtractHeader *h;
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

  peek = g_malloc (MAX (peek_len, 1));
  if (!wm_extract_pread_full (fd, peek, peek_len, 0, path, error) ||
      !wm_extract_header_parse (peek, peek_len, file_size, path, h, NULL, error))
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

  offset = h->header_size;
  if (!read_section (fd, offset, content, WM_EXTRACT_SECTION_DATA, content->keys->data, WM_EXTRACT_CTX_DATA,
                     !options->verify_only, path, cancellable, &progress, error))
    return NULL;
  offset += wm_extract_section_size (h->data_size, h->chunk_log2);
  if (identities)
    {
      if (!read_section (fd, offset, content, WM_EXTRACT_SECTION_IDENTITIES, content->keys->identity,
                         WM_EXTRACT_CTX_IDENTITIES, !options->verify_only, path, cancellable, &progress, error))
        return NULL;
      content->identities_read = TRUE;
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
