/* wm-extract-info.c — what an extract's header says, without a passphrase
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <fcntl.h>
#include <unistd.h>

#include "wm-extract-private.h"

void
wm_extract_info_free (WmExtractInfo *info)
{
  if (info == NULL)
    return;
  g_clear_pointer (&info->created, g_date_time_unref);
  g_clear_pointer (&info->expiry, g_date_time_unref);
  g_clear_error (&info->problem);
  g_free (info);
}

/**
 * wm_extract_file_looks_like_extract:
 *
 * Tells whether @path should be described as an extract: it starts with
 * the extract signature (even damaged in a byte or two) or is named *.wmx.
 */
gboolean
wm_extract_file_looks_like_extract (const char *path)
{
  guint8 start[WM_EXTRACT_MAGIC_SIZE];
  guint mismatches = 0;
  gssize n = 0;
  int fd;

  if (g_str_has_suffix (path, ".wmx") || g_str_has_suffix (path, ".WMX"))
    return TRUE;
  fd = open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0)
    return FALSE;
  n = read (fd, start, sizeof start);
  close (fd);
  if (n != sizeof start)
    return FALSE;
  for (gsize i = 0; i < sizeof start; i++)
    mismatches += start[i] != (guint8) WM_EXTRACT_MAGIC[i];
  return mismatches <= 2;
}

static void
fill_info (WmExtractInfo         *info,
           const WmExtractHeader *h)
{
  info->data_size = h->data_size;
  info->has_identities = (h->flags & WM_EXTRACT_FLAG_IDENTITIES) != 0;
  info->identity_size = h->identity_size;
  info->chunk_size = h->chunk_log2 <= WM_EXTRACT_CHUNK_LOG2_MAX ? 1u << h->chunk_log2 : 0;
  info->created = g_date_time_new_from_unix_local (h->created);
  if (h->expiry_year != 0 && g_date_valid_dmy (h->expiry_day, h->expiry_month, h->expiry_year))
    info->expiry = g_date_time_new_local (h->expiry_year, h->expiry_month, h->expiry_day, 0, 0, 0);
  info->n_slots = MIN (h->n_slots, WM_EXTRACT_MAX_SLOTS);
  for (guint i = 0; i < info->n_slots; i++)
    {
      info->slots[i].role = h->slots[i].role;
      info->slots[i].kdf_opslimit = h->slots[i].opslimit;
      info->slots[i].kdf_memlimit = (guint64) h->slots[i].memlimit_kib * 1024;
    }
}

/**
 * wm_extract_info_read:
 *
 * Reads the header of @path. A damaged header or an incomplete file still
 * gives what the header says, with info->problem saying what is wrong.
 *
 * Returns: (transfer full) (nullable): the header's contents, or %NULL with
 *   @error set when there is nothing to show (no such file, not an
 *   extract, a format this version does not read, a header it cannot decode)
 */
WmExtractInfo *
wm_extract_info_read (const char  *path,
                      GError     **error)
{
  g_autofree WmExtractHeader *h = g_new0 (WmExtractHeader, 1);
  g_autofree guint8 *peek = NULL;
  GError *problem = NULL;
  WmExtractInfo *info;
  gboolean decoded = FALSE;
  guint64 size;
  gsize len;
  int fd;

  if (!wm_extract_sodium_init (error))
    return NULL;
  fd = wm_extract_file_open (path, &size, error);
  if (fd < 0)
    return NULL;
  len = MIN (size, 65536);
  peek = g_malloc (MAX (len, 1));
  if (!wm_extract_pread_full (fd, peek, len, 0, path, error))
    {
      close (fd);
      return NULL;
    }
  close (fd);

  if (!wm_extract_header_parse (peek, len, size, path, h, &decoded, &problem) && !decoded)
    {
      g_propagate_error (error, problem);
      return NULL;
    }
  info = g_new0 (WmExtractInfo, 1);
  info->version = h->version;
  info->file_size = size;
  info->header_size = h->header_size;
  fill_info (info, h);
  info->problem = problem;
  return info;
}
