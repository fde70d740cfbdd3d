/* wm-extract-stream.c — the sections: secretstream chunks to and from a file
 *
 * Layout: wm-extract-format.md §4. Writing, ciphertext goes out in blocks
 * of about 1 MiB; reading, it comes from a mapping of the file. Plaintext
 * goes straight to or from its one buffer.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <inttypes.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>
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

/* Whole chunks per block: a write when encrypting, a progress step when decrypting. */
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

/**
 * wm_extract_header_read:
 * @decoded: (out) (optional): as wm_extract_header_parse() sets it
 *
 * Reads the start of @fd and wm_extract_header_parse()s it.
 */
gboolean
wm_extract_header_read (int               fd,
                        guint64           file_size,
                        const char       *path,
                        WmExtractHeader  *h,
                        gboolean         *decoded,
                        GError          **error)
{
  gsize len = MIN (file_size, 65536);
  g_autofree guint8 *peek = g_malloc (MAX (len, 1));

  if (decoded != NULL)
    *decoded = FALSE;
  return wm_extract_pread_full (fd, peek, len, 0, path, error) &&
         wm_extract_header_parse (peek, len, file_size, path, h, decoded, error);
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
    reason = g_strdup_printf (_("block %" PRIu64 " of %" PRIu64 " of %s fails its integrity check"),
                              index, n, name);
  else if (problem == CHUNK_ENDS_EARLY)
    reason = g_strdup_printf (_("block %" PRIu64 " of %" PRIu64 " of %s ends it too early"),
                              index, n, name);
  else
    reason = g_strdup_printf (_("block %" PRIu64 " of %" PRIu64 " of %s should end it and does not"),
                              index, n, name);
  return wm_extract_fail_damaged (error, path, reason);
}

/* The file is read through a mapping: no copy out of the page cache (a
 * tenth of the decryption's time). Touching a page the file no longer has,
 * because someone truncated it meanwhile, raises SIGBUS; the thread that
 * was reading jumps back out and reports the file incomplete. Any other
 * SIGBUS goes where it went before. */
static __thread sigjmp_buf *sigbus_escape;
static struct sigaction sigbus_previous;

static void
on_sigbus (int        sig,
           siginfo_t *info,
           void      *context)
{
  if (sigbus_escape != NULL)
    siglongjmp (*sigbus_escape, 1);
  if (sigbus_previous.sa_flags & SA_SIGINFO)
    sigbus_previous.sa_sigaction (sig, info, context);
  else if (sigbus_previous.sa_handler != SIG_DFL && sigbus_previous.sa_handler != SIG_IGN)
    sigbus_previous.sa_handler (sig);
  else
    signal (SIGBUS, SIG_DFL);  /* the faulting access runs again and dies as it would have */
}

static void
install_sigbus_handler (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      struct sigaction action = { 0 };

      action.sa_sigaction = on_sigbus;
      action.sa_flags = SA_SIGINFO | SA_ONSTACK;
      sigemptyset (&action.sa_mask);
      sigaction (SIGBUS, &action, &sigbus_previous);
      g_once_init_leave (&done, 1);
    }
}

/**
 * wm_extract_map:
 *
 * Maps the @size bytes of @fd for reading with wm_extract_section_decrypt()
 * and wm_extract_copy_range().
 *
 * Returns: (transfer full): the mapping, or %NULL with @error set;
 *   release with wm_extract_unmap()
 */
const guint8 *
wm_extract_map (int          fd,
                guint64      size,
                const char  *path,
                GError     **error)
{
  void *map;

  install_sigbus_handler ();
  map = mmap (NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (map == MAP_FAILED)
    {
      wm_extract_fail (error, WM_EXTRACT_ERROR_IO, path,
                       _("the file could not be read (%s) — check the disk or the network share"),
                       g_strerror (errno));
      return NULL;
    }
  madvise (map, size, MADV_SEQUENTIAL);
  return map;
}

void
wm_extract_unmap (const guint8 *map,
                  guint64       size)
{
  if (map != NULL)
    munmap ((void *) map, size);
}

typedef struct {
  const guint8 *src;       /* the section in the mapping */
  guint64 len;             /* plaintext bytes */
  gsize chunk;
  guint64 n;
  const guint8 *ad;
  const guint8 *key;
  guint8 *out;
  guint8 *scratch;
  WmExtractSave *copy;
  WmExtractSection section;
  const char *path;
  GCancellable *cancellable;
  WmExtractProgress *progress;
  StreamState *state;
} Pull;

/* Ciphertext already decrypted is not read again: its pages leave this
 * process (a later reader faults them in from the file), so an open does
 * not hold the whole file resident beside its plaintext. */
static void
drop_read (const guint8 **from,
           const guint8  *to)
{
  const guintptr page = (guintptr) sysconf (_SC_PAGESIZE);
  const guint8 *end = (const guint8 *) ((guintptr) to & ~(page - 1));

  if (end > *from)
    {
      madvise ((void *) *from, end - *from, MADV_DONTNEED);
      *from = end;
    }
}

static gboolean
pull_chunks (Pull    *p,
             GError **error)
{
  gsize per_block = chunks_per_block (p->chunk);
  const guint8 *c = p->src + WM_EXTRACT_SS_HEADER_SIZE;
  const guint8 *dropped = (const guint8 *) ((guintptr) p->src & ~((guintptr) sysconf (_SC_PAGESIZE) - 1));
  guint64 i = 0;

  crypto_secretstream_xchacha20poly1305_init_pull (p->state, p->src, p->key);
  if (p->copy != NULL && !wm_extract_save_write (p->copy, p->src, WM_EXTRACT_SS_HEADER_SIZE, error))
    return FALSE;
  while (i < p->n)
    {
      guint64 k = MIN (per_block, p->n - i);
      guint64 plain_bytes = (i + k == p->n) ? p->len - i * p->chunk : k * p->chunk;
      const guint8 *block = c;

      for (guint64 j = 0; j < k; j++, i++)
        {
          gboolean last = i == p->n - 1;
          gsize m = last ? p->len - i * p->chunk : p->chunk;
          guint8 *dst = p->out != NULL ? p->out + i * p->chunk : p->scratch;
          unsigned long long got = 0;
          unsigned char tag = 0xff;

          if (crypto_secretstream_xchacha20poly1305_pull (p->state, dst, &got, &tag, c,
                                                          m + WM_EXTRACT_SS_ABYTES, p->ad,
                                                          WM_EXTRACT_CHUNK_AD_SIZE) != 0)
            return fail_chunk (error, p->path, p->section, i, p->n, CHUNK_FORGED);
          if (!last && tag != crypto_secretstream_xchacha20poly1305_TAG_MESSAGE)
            return fail_chunk (error, p->path, p->section, i, p->n, CHUNK_ENDS_EARLY);
          if (last && tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL)
            return fail_chunk (error, p->path, p->section, i, p->n, CHUNK_NO_END);
          g_assert (got == m);
          c += m + WM_EXTRACT_SS_ABYTES;
        }
      if (p->copy != NULL && !wm_extract_save_write (p->copy, block, c - block, error))
        return FALSE;
      drop_read (&dropped, c);
      report (p->progress, plain_bytes);
      if (g_cancellable_set_error_if_cancelled (p->cancellable, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
fail_shrunk (GError    **error,
             const char *path)
{
  return wm_extract_fail (error, WM_EXTRACT_ERROR_TRUNCATED, path,
                          _("the extract is damaged: it became shorter while it was being read — "
                            "copy it again from where you got it, or ask the data office for a new one"));
}

/**
 * wm_extract_section_decrypt:
 * @map: the file, from wm_extract_map()
 * @offset: where the section starts in it
 * @out: (nullable): where the plaintext goes; %NULL to check only
 * @copy: (nullable): a save that receives the ciphertext as it is checked
 *
 * Authenticates every chunk of @section: the right tag in the right place,
 * the right length, nothing missing.
 */
gboolean
wm_extract_section_decrypt (const guint8          *map,
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
  guint8 ad[WM_EXTRACT_CHUNK_AD_SIZE];
  StreamState state;
  sigjmp_buf escape;
  Pull p = { 0 };
  volatile gboolean ok = FALSE;

  wm_extract_chunk_ad (h, section, ad);
  p.src = map + offset;
  p.len = section_length (h, section);
  p.chunk = (gsize) 1 << h->chunk_log2;
  p.n = chunk_count (p.len, h->chunk_log2);
  p.ad = ad;
  p.key = key;
  p.out = out;
  p.copy = copy;
  p.section = section;
  p.path = path;
  p.cancellable = cancellable;
  p.progress = progress;
  p.state = &state;
  if (out == NULL)
    {
      p.scratch = sodium_malloc (p.chunk);
      g_assert (p.scratch != NULL);
    }

  if (sigsetjmp (escape, 1) == 0)
    {
      sigbus_escape = &escape;
      ok = pull_chunks (&p, error);
    }
  else
    ok = fail_shrunk (error, path);
  sigbus_escape = NULL;

  sodium_memzero (&state, sizeof state);
  if (p.scratch != NULL)
    sodium_free (p.scratch);
  return ok;
}

/* A section the passphrase cannot decrypt travels unchecked. */
gboolean
wm_extract_copy_range (const guint8   *map,
                       guint64         offset,
                       guint64         len,
                       WmExtractSave  *save,
                       const char     *path,
                       GError        **error)
{
  while (len > 0)
    {
      gsize n = MIN (len, BLOCK_TARGET);

      /* write() reports a vanished page as EFAULT: no SIGBUS here */
      if (!wm_extract_save_write (save, map + offset, n, error))
        return FALSE;
      offset += n;
      len -= n;
    }
  return TRUE;
}
