/* wm-extract-stream.c — the sections: secretstream chunks to and from a file
 *
 * Layout: wm-extract-format.md §4. Ciphertext moves through a bounce buffer
 * of about 1 MiB that stays in cache; plaintext goes straight to or from its
 * one buffer.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <unistd.h>

#include "wm-extract-private.h"

#define BLOCK_TARGET (1u << 20)

typedef crypto_secretstream_xchacha20poly1305_state StreamState;

static const char *
section_name (WmExtractSection section)
{
  return section == WM_EXTRACT_SECTION_DATA ? _("the pseudonymised data") : _("the identities");
}

static guint64
section_length (const WmExtractHeader *h,
                WmExtractSection       section)
{
  return section == WM_EXTRACT_SECTION_DATA ? h->data_size : h->identity_size;
}

static guint64
chunk_count (guint64 len,
             guint   chunk_log2)
{
  return MAX (1, (len + (G_GUINT64_CONSTANT (1) << chunk_log2) - 1) >> chunk_log2);
}

/* Whole chunks per bounce buffer. */
static gsize
chunks_per_block (gsize chunk)
{
  return MAX (1, BLOCK_TARGET / (chunk + WM_EXTRACT_SS_ABYTES));
}

gboolean
wm_extract_pread_full (int          fd,
                       guint8      *buf,
                       gsize        len,
                       guint64      offset,
                       const char  *path,
                       GError     **error)
{
  while (len > 0)
    {
      gssize n = pread (fd, buf, len, offset);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return wm_extract_fail (error, WM_EXTRACT_ERROR_IO, path,
                                _("the file could not be read (%s) — check the disk or the network share"),
                                g_strerror (errno));
      if (n == 0)
        return wm_extract_fail (error, WM_EXTRACT_ERROR_TRUNCATED, path,
                                _("the extract is damaged: it ended while it was being read — "
                                  "copy it again from where you got it, or ask the data office for a new one"));
      buf += n;
      len -= n;
      offset += n;
    }
  return TRUE;
}

static void
report (WmExtractProgress *progress,
        guint64            bytes)
{
  double fraction;

  if (progress == NULL || progress->func == NULL || progress->total == 0)
    return;
  progress->done += bytes;
  fraction = MIN (1.0, (double) progress->done / progress->total);
  if (fraction - progress->reported >= 0.01 || fraction >= 1.0)
    {
      progress->reported = fraction;
      progress->func (WM_EXTRACT_PHASE_DECRYPTING, fraction, progress->data);
    }
}

/**
 * wm_extract_section_encrypt:
 *
 * Writes @section (@len bytes of @plain) to @save. h->raw must hold the
 * encoded header: its block B is every chunk's associated data.
 */
gboolean
wm_extract_section_encrypt (WmExtractSave         *save,
                            const WmExtractHeader *h,
                            WmExtractSection       section,
                            const guint8           key[WM_EXTRACT_KEY_SIZE],
                            const guint8          *plain,
                            guint64                len,
                            GCancellable          *cancellable,
                            GError               **error)
{
  gsize chunk = (gsize) 1 << h->chunk_log2;
  gsize per_block = chunks_per_block (chunk);
  guint64 n = chunk_count (len, h->chunk_log2);
  g_autofree guint8 *block = g_malloc (per_block * (chunk + WM_EXTRACT_SS_ABYTES));
  guint8 ad[WM_EXTRACT_CHUNK_AD_SIZE];
  guint8 ss_header[WM_EXTRACT_SS_HEADER_SIZE];
  static const guint8 nothing[1];
  StreamState state;
  gsize fill = 0;
  gboolean ok = TRUE;

  wm_extract_chunk_ad (h, section, ad);
  crypto_secretstream_xchacha20poly1305_init_push (&state, ss_header, key);
  if (!wm_extract_save_write (save, ss_header, sizeof ss_header, error))
    ok = FALSE;

  for (guint64 i = 0; ok && i < n; i++)
    {
      gboolean last = i == n - 1;
      gsize m = last ? len - i * chunk : chunk;
      const guint8 *src = m > 0 ? plain + i * chunk : nothing;

      crypto_secretstream_xchacha20poly1305_push (&state, block + fill, NULL, src, m, ad, sizeof ad,
                                                  last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                                                       : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
      fill += m + WM_EXTRACT_SS_ABYTES;
      if (last || fill + chunk + WM_EXTRACT_SS_ABYTES > per_block * (chunk + WM_EXTRACT_SS_ABYTES))
        {
          ok = wm_extract_save_write (save, block, fill, error) &&
               !g_cancellable_set_error_if_cancelled (cancellable, error);
          fill = 0;
        }
    }
  sodium_memzero (&state, sizeof state);
  return ok;
}

typedef enum {
  CHUNK_FORGED,
  CHUNK_ENDS_EARLY,
  CHUNK_NO_END,
} ChunkProblem;

static gboolean
fail_chunk (GError           **error,
            const char        *path,
            WmExtractSection   section,
            guint64            index,
            guint64            n,
            ChunkProblem       problem)
{
  g_autofree char *reason = NULL;
  const char *name = section_name (section);

  index++;
  if (problem == CHUNK_FORGED)
    /* TRANSLATORS: "block 3 of 12 of the pseudonymised data fails its integrity check" */
    reason = g_strdup_printf (_("block %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " of %s fails its integrity check"),
                              index, n, name);
  else if (problem == CHUNK_ENDS_EARLY)
    reason = g_strdup_printf (_("block %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " of %s ends it too early"),
                              index, n, name);
  else
    reason = g_strdup_printf (_("block %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " of %s should end it and does not"),
                              index, n, name);
  return wm_extract_fail_damaged (error, path, reason);
}

/**
 * wm_extract_section_decrypt:
 * @offset: where the section starts in @fd
 * @out: (nullable): where the plaintext goes; %NULL to check only
 * @copy: (nullable): a save that receives the ciphertext as it is checked
 *
 * Reads and authenticates every chunk of @section: the right tag in the
 * right place, the right length, nothing missing.
 */
gboolean
wm_extract_section_decrypt (int                    fd,
                            guint64                offset,
                            const WmExtractHeader *h,
                            WmExtractSection       section,
                            const guint8           key[WM_EXTRACT_KEY_SIZE],
                            guint8                *out,
                            WmExtractSave         *copy,
                            const char            *path,
                            GCancellable          *cancellable,
                            WmExtractProgress     *progress,
                            GError               **error)
{
  guint64 len = section_length (h, section);
  gsize chunk = (gsize) 1 << h->chunk_log2;
  gsize per_block = chunks_per_block (chunk);
  guint64 n = chunk_count (len, h->chunk_log2);
  g_autofree guint8 *block = g_malloc (per_block * (chunk + WM_EXTRACT_SS_ABYTES));
  guint8 *scratch = NULL;
  guint8 ad[WM_EXTRACT_CHUNK_AD_SIZE];
  guint8 ss_header[WM_EXTRACT_SS_HEADER_SIZE];
  StreamState state;
  gboolean ok;
  guint64 i = 0;

  wm_extract_chunk_ad (h, section, ad);
  ok = wm_extract_pread_full (fd, ss_header, sizeof ss_header, offset, path, error) &&
       (copy == NULL || wm_extract_save_write (copy, ss_header, sizeof ss_header, error));
  if (!ok)
    return FALSE;
  offset += sizeof ss_header;
  crypto_secretstream_xchacha20poly1305_init_pull (&state, ss_header, key);
  if (out == NULL)
    {
      scratch = sodium_malloc (chunk);
      g_assert (scratch != NULL);
    }

  while (ok && i < n)
    {
      guint64 k = MIN (per_block, n - i);
      guint64 plain_bytes = (i + k == n) ? len - i * chunk : k * chunk;
      gsize bytes = plain_bytes + k * WM_EXTRACT_SS_ABYTES;
      const guint8 *c = block;

      ok = wm_extract_pread_full (fd, block, bytes, offset, path, error) &&
           (copy == NULL || wm_extract_save_write (copy, block, bytes, error));
      for (guint64 j = 0; ok && j < k; j++, i++)
        {
          gboolean last = i == n - 1;
          gsize m = last ? len - i * chunk : chunk;
          guint8 *dst = out != NULL ? out + i * chunk : scratch;
          unsigned long long got = 0;
          unsigned char tag = 0xff;

          if (crypto_secretstream_xchacha20poly1305_pull (&state, dst, &got, &tag, c,
                                                          m + WM_EXTRACT_SS_ABYTES, ad, sizeof ad) != 0)
            ok = fail_chunk (error, path, section, i, n, CHUNK_FORGED);
          else if (!last && tag != crypto_secretstream_xchacha20poly1305_TAG_MESSAGE)
            ok = fail_chunk (error, path, section, i, n, CHUNK_ENDS_EARLY);
          else if (last && tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL)
            ok = fail_chunk (error, path, section, i, n, CHUNK_NO_END);
          else
            g_assert (got == m);
          c += m + WM_EXTRACT_SS_ABYTES;
        }
      offset += bytes;
      if (ok)
        {
          report (progress, plain_bytes);
          ok = !g_cancellable_set_error_if_cancelled (cancellable, error);
        }
    }
  sodium_memzero (&state, sizeof state);
  if (scratch != NULL)
    sodium_free (scratch);
  return ok;
}

/* A section the passphrase cannot decrypt travels unchecked. */
gboolean
wm_extract_copy_range (int             fd,
                       guint64         offset,
                       guint64         len,
                       WmExtractSave  *save,
                       const char     *path,
                       GError        **error)
{
  g_autofree guint8 *block = g_malloc (BLOCK_TARGET);

  while (len > 0)
    {
      gsize n = MIN (len, BLOCK_TARGET);

      if (!wm_extract_pread_full (fd, block, n, offset, path, error) ||
          !wm_extract_save_write (save, block, n, error))
        return FALSE;
      offset += n;
      len -= n;
    }
  return TRUE;
}
