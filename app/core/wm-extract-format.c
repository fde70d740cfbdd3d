/* wm-extract-format.c — the extract's header: encode, parse, checksum, MAC
 *
 * Layout and reading order: wm-extract-format.md §2 and §6.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <stdarg.h>

#include "wm-extract-private.h"

G_DEFINE_QUARK (wm-extract-error-quark, wm_extract_error)


gboolean
wm_extract_sodium_init (GError **error)
{
  static gsize done;
  static gboolean ok;

  if (g_once_init_enter (&done))
    {
      ok = sodium_init () >= 0;
      g_once_init_leave (&done, 1);
    }
  if (!ok)
    g_set_error_literal (error, WM_EXTRACT_ERROR, WM_EXTRACT_ERROR_IO,
                         _("The encryption library could not start — reinstall WelfareMap."));
  return ok;
}

gboolean
wm_extract_fail (GError     **error,
                 WmExtractError code,
                 const char  *path,
                 const char  *format,
                 ...)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, WM_EXTRACT_ERROR, code, "%s: %s", display, message);
  return FALSE;
}

/* Every kind of damage says "damaged" and what to do, in the same words. */
gboolean
wm_extract_fail_damaged (GError    **error,
                         const char *path,
                         const char *reason)
{
  return wm_extract_fail (error, WM_EXTRACT_ERROR_DAMAGED, path,
                          _("the extract is damaged (%s) — copy it again from where you got it, "
                            "or ask the data office for a new one"),
                          reason);
}

static gboolean
fail_truncated (GError    **error,
                const char *path,
                guint64     have,
                guint64     want)
{
  return wm_extract_fail (error, WM_EXTRACT_ERROR_TRUNCATED, path,
                          _("the extract is damaged: it is incomplete (%" PRIu64 " of %"
                            PRIu64 " bytes) — copy it again from where you got it, "
                            "or ask the data office for a new one"),
                          have, want);
}

gsize
wm_extract_header_size (guint n_slots)
{
  return WM_EXTRACT_FIXED_SIZE + (gsize) n_slots * WM_EXTRACT_SLOT_SIZE + WM_EXTRACT_TRAILER_SIZE;
}

guint64
wm_extract_section_size (guint64 len,
                         guint   chunk_log2)
{
  guint64 chunks = MAX (1, (len + (G_GUINT64_CONSTANT (1) << chunk_log2) - 1) >> chunk_log2);

  return WM_EXTRACT_SS_HEADER_SIZE + len + chunks * WM_EXTRACT_SS_ABYTES;
}

guint64
wm_extract_file_size (const WmExtractHeader *h)
{
  guint64 size = h->header_size + wm_extract_section_size (h->data_size, h->chunk_log2);

  if (h->flags & WM_EXTRACT_FLAG_IDENTITIES)
    size += wm_extract_section_size (h->identity_size, h->chunk_log2);
  return size;
}

void
wm_extract_derive_key (const guint8  master[WM_EXTRACT_KEY_SIZE],
                       guint64       id,
                       const char   *context,
                       guint8        out[WM_EXTRACT_KEY_SIZE])
{
  crypto_kdf_derive_from_key (out, WM_EXTRACT_KEY_SIZE, id, context, master);
}

static void
header_mac (const guint8        *raw,
            gsize                header_size,
            const WmExtractKeys *keys,
            guint8               mac[WM_EXTRACT_HASH_SIZE])
{
  guint8 *mac_key = sodium_malloc (WM_EXTRACT_KEY_SIZE);

  g_assert (mac_key != NULL);
  wm_extract_derive_key (keys->data, 2, WM_EXTRACT_CTX_DATA, mac_key);
  crypto_generichash (mac, WM_EXTRACT_HASH_SIZE, raw, header_size - WM_EXTRACT_TRAILER_SIZE,
                      mac_key, WM_EXTRACT_KEY_SIZE);
  sodium_free (mac_key);
}

/**
 * wm_extract_header_encode:
 *
 * Writes @h's fields into h->raw, with the MAC under @keys and the
 * checksum, and sets h->header_size.
 */
void
wm_extract_header_encode (WmExtractHeader     *h,
                          const WmExtractKeys *keys)
{
  guint8 *raw = h->raw;
  gsize size = wm_extract_header_size (h->n_slots);

  g_assert (h->n_slots >= 1 && h->n_slots <= WM_EXTRACT_MAX_SLOTS);
  memset (raw, 0, sizeof h->raw);
  h->version = WM_EXTRACT_VERSION;
  h->header_size = size;
  memcpy (raw, WM_EXTRACT_MAGIC, WM_EXTRACT_MAGIC_SIZE);
  put_u16 (raw + 8, h->version);
  put_u16 (raw + 10, h->header_size);
  memcpy (raw + 12, h->file_id, WM_EXTRACT_FILE_ID_SIZE);
  raw[28] = h->flags;
  raw[29] = h->chunk_log2;
  put_u16 (raw + 32, h->expiry_year);
  raw[34] = h->expiry_month;
  raw[35] = h->expiry_day;
  put_u64 (raw + 36, (guint64) h->created);
  put_u64 (raw + 44, h->data_size);
  put_u64 (raw + 52, h->identity_size);
  raw[60] = h->n_slots;
  for (guint i = 0; i < h->n_slots; i++)
    {
      guint8 *p = raw + WM_EXTRACT_FIXED_SIZE + i * WM_EXTRACT_SLOT_SIZE;

      wm_extract_slot_encode_prefix (&h->slots[i], p);
      memcpy (p + WM_EXTRACT_SLOT_PREFIX_SIZE, h->slots[i].wrapped, WM_EXTRACT_WRAPPED_SIZE);
    }
  header_mac (raw, size, keys, raw + size - WM_EXTRACT_TRAILER_SIZE);
  crypto_generichash (raw + size - WM_EXTRACT_HASH_SIZE, WM_EXTRACT_HASH_SIZE,
                      raw, size - WM_EXTRACT_HASH_SIZE, NULL, 0);
}

static void
decode_v1 (const guint8    *buf,
           WmExtractHeader *h)
{
  memcpy (h->raw, buf, h->header_size);
  memcpy (h->file_id, buf + 12, WM_EXTRACT_FILE_ID_SIZE);
  h->flags = buf[28];
  h->chunk_log2 = buf[29];
  h->expiry_year = get_u16 (buf + 32);
  h->expiry_month = buf[34];
  h->expiry_day = buf[35];
  h->created = (gint64) get_u64 (buf + 36);
  h->data_size = get_u64 (buf + 44);
  h->identity_size = get_u64 (buf + 52);
  h->n_slots = buf[60];
  for (guint i = 0; i < h->n_slots; i++)
    {
      const guint8 *p = buf + WM_EXTRACT_FIXED_SIZE + i * WM_EXTRACT_SLOT_SIZE;
      WmExtractSlot *slot = &h->slots[i];

      slot->role = p[0];
      slot->kdf = p[1];
      slot->opslimit = get_u32 (p + 4);
      slot->memlimit_kib = get_u32 (p + 8);
      memcpy (slot->salt, p + 12, WM_EXTRACT_SALT_SIZE);
      memcpy (slot->nonce, p + 28, WM_EXTRACT_NONCE_SIZE);
      memcpy (slot->wrapped, p + WM_EXTRACT_SLOT_PREFIX_SIZE, WM_EXTRACT_WRAPPED_SIZE);
    }
}

static gboolean
all_zero (const guint8 *p,
          gsize         len)
{
  for (gsize i = 0; i < len; i++)
    if (p[i] != 0)
      return FALSE;
  return TRUE;
}

/* The ranges of §2.2 and §3, checked once the checksum holds. */
static const char *
check_fields (const guint8          *buf,
              const WmExtractHeader *h)
{
  if (h->flags & ~WM_EXTRACT_FLAG_IDENTITIES)
    return _("it uses features this WelfareMap does not know");
  if (h->chunk_log2 < WM_EXTRACT_CHUNK_LOG2_MIN || h->chunk_log2 > WM_EXTRACT_CHUNK_LOG2_MAX)
    return _("its block size is out of range");
  if (!all_zero (buf + 30, 2) || !all_zero (buf + 61, 3))
    return _("reserved header bytes are not zero");
  if (h->expiry_year != 0 || h->expiry_month != 0 || h->expiry_day != 0)
    {
      if (h->expiry_year < 1970 ||
          !g_date_valid_dmy (h->expiry_day, h->expiry_month, h->expiry_year))
        return _("its expiry date is not a valid date");
    }
  if (h->data_size > WM_EXTRACT_SECTION_MAX || h->identity_size > WM_EXTRACT_SECTION_MAX)
    return _("the sizes in its header are impossible");
  if (!(h->flags & WM_EXTRACT_FLAG_IDENTITIES) && h->identity_size != 0)
    return _("the sizes in its header are impossible");
  if (h->n_slots < 1 || h->n_slots > WM_EXTRACT_MAX_SLOTS)
    return _("its number of passphrases is out of range");
  for (guint i = 0; i < h->n_slots; i++)
    {
      const WmExtractSlot *slot = &h->slots[i];
      const guint8 *p = buf + WM_EXTRACT_FIXED_SIZE + i * WM_EXTRACT_SLOT_SIZE;

      if (slot->role != WM_EXTRACT_ROLE_ANALYST && slot->role != WM_EXTRACT_ROLE_CASEWORKER)
        return _("a passphrase slot has an unknown role");
      if (slot->kdf != WM_EXTRACT_KDF_ARGON2ID13 || !all_zero (p + 2, 2))
        return _("a passphrase slot uses an unknown key derivation");
      /* Bounded before any derivation: a crafted header cannot ask for
       * 100 GB of memory or an hour of work. */
      if (slot->opslimit < 1 || slot->opslimit > WM_EXTRACT_OPSLIMIT_MAX ||
          slot->memlimit_kib < WM_EXTRACT_MEMLIMIT_KIB_MIN ||
          slot->memlimit_kib > WM_EXTRACT_MEMLIMIT_KIB_MAX)
        return _("a passphrase slot asks for key-derivation work beyond the allowed limits");
    }
  return NULL;
}

/**
 * wm_extract_header_parse:
 * @buf: the first @len bytes of the file: min(file size, 65,536)
 * @decoded: (out) (optional): set when the version-1 fields were decoded
 *   into @h, even if the header then turned out damaged (for `info`)
 *
 * Steps 1–6 of wm-extract-format.md §6, in that order.
 */
gboolean
wm_extract_header_parse (const guint8     *buf,
                         gsize             len,
                         guint64           file_size,
                         const char       *path,
                         WmExtractHeader  *h,
                         gboolean         *decoded,
                         GError          **error)
{
  guint8 checksum[WM_EXTRACT_HASH_SIZE];
  guint mismatches = 0;
  const char *problem;
  guint64 expected;
  guint16 version, size;

  memset (h, 0, sizeof *h);
  if (decoded != NULL)
    *decoded = FALSE;

  if (file_size == 0 || len == 0)
    return wm_extract_fail (error, WM_EXTRACT_ERROR_EMPTY, path,
                            _("the file is empty (0 bytes): it was probably copied or saved incompletely — "
                              "copy it again from where you got it, or ask the data office for a new one"));
  if (all_zero (buf, MIN (len, WM_EXTRACT_HEADER_MAX)))
    return wm_extract_fail_damaged (error, path,
                                    _("its beginning holds only zero bytes, as a crash or an interrupted copy leaves"));
  for (gsize i = 0; i < MIN (len, WM_EXTRACT_MAGIC_SIZE); i++)
    mismatches += buf[i] != (guint8) WM_EXTRACT_MAGIC[i];
  if (len < WM_EXTRACT_MAGIC_SIZE)
    {
      if (mismatches == 0)
        return fail_truncated (error, path, file_size, wm_extract_header_size (1));
      goto not_an_extract;
    }
  if (mismatches > 2)
    goto not_an_extract;
  if (mismatches > 0)
    return wm_extract_fail_damaged (error, path, _("its signature bytes are damaged"));
  if (len < WM_EXTRACT_FRAME_SIZE)
    return fail_truncated (error, path, file_size, wm_extract_header_size (1));

  version = get_u16 (buf + 8);
  size = get_u16 (buf + 10);
  if (size < WM_EXTRACT_FRAME_SIZE + WM_EXTRACT_TRAILER_SIZE)
    return wm_extract_fail_damaged (error, path, _("its header length is impossible"));
  if (version == WM_EXTRACT_VERSION && len > 60 &&
      size != wm_extract_header_size (buf[60]))
    return wm_extract_fail_damaged (error, path, _("its header length is impossible"));
  if (file_size < size || len < size)
    return fail_truncated (error, path, file_size, size);

  h->version = version;
  h->header_size = size;
  if (version == WM_EXTRACT_VERSION)
    {
      decode_v1 (buf, h);
      if (decoded != NULL)
        *decoded = TRUE;
    }

  crypto_generichash (checksum, sizeof checksum, buf, size - WM_EXTRACT_HASH_SIZE, NULL, 0);
#ifndef WM_EXTRACT_FUZZING
  if (sodium_memcmp (checksum, buf + size - WM_EXTRACT_HASH_SIZE, WM_EXTRACT_HASH_SIZE) != 0)
    return wm_extract_fail_damaged (error, path, _("its header does not match its checksum"));
#endif

  if (version != WM_EXTRACT_VERSION)
    return wm_extract_fail (error, WM_EXTRACT_ERROR_UNSUPPORTED_VERSION, path,
                            _("the extract is in format %u, and this WelfareMap reads format %u — "
                              "update WelfareMap, or ask the data office for an extract in format %u"),
                            version, WM_EXTRACT_VERSION, WM_EXTRACT_VERSION);

  problem = check_fields (buf, h);
  if (problem != NULL)
    return wm_extract_fail_damaged (error, path, problem);

  expected = wm_extract_file_size (h);
  if (file_size < expected)
    return fail_truncated (error, path, file_size, expected);
  if (file_size > expected)
    {
      g_autofree char *reason =
        g_strdup_printf (_("%" PRIu64 " extra bytes after its end"), file_size - expected);
      return wm_extract_fail_damaged (error, path, reason);
    }
  return TRUE;

not_an_extract:
  return wm_extract_fail (error, WM_EXTRACT_ERROR_NOT_AN_EXTRACT, path,
                          _("this is not a WelfareMap extract — choose the .wmx file the data office sent"));
}

void
wm_extract_chunk_ad (const WmExtractHeader *h,
                     WmExtractSection       section,
                     guint8                 ad[WM_EXTRACT_CHUNK_AD_SIZE])
{
  memcpy (ad, h->raw + WM_EXTRACT_BLOCK_B_OFFSET, WM_EXTRACT_BLOCK_B_SIZE);
  ad[WM_EXTRACT_BLOCK_B_SIZE] = section;
}

gboolean
wm_extract_header_check_mac (const WmExtractHeader *h,
                             const WmExtractKeys   *keys,
                             const char            *path,
                             GError               **error)
{
  guint8 mac[WM_EXTRACT_HASH_SIZE];

  header_mac (h->raw, h->header_size, keys, mac);
  if (sodium_memcmp (mac, h->raw + h->header_size - WM_EXTRACT_TRAILER_SIZE, sizeof mac) != 0)
    return wm_extract_fail_damaged (error, path,
                                    _("its header was altered after the extract was made"));
  return TRUE;
}

gboolean
wm_extract_header_is_expired (const WmExtractHeader *h,
                              const GDate           *today)
{
  GDate expiry, now;

  if (h->expiry_year == 0)
    return FALSE;
  g_date_clear (&expiry, 1);
  g_date_set_dmy (&expiry, h->expiry_day, h->expiry_month, h->expiry_year);
  if (today != NULL)
    now = *today;
  else
    {
      g_date_clear (&now, 1);
      g_date_set_time_t (&now, time (NULL));
    }
  return g_date_compare (&now, &expiry) >= 0;
}

char *
wm_extract_header_expiry_text (const WmExtractHeader *h)
{
  return g_strdup_printf ("%04u-%02u-%02u", h->expiry_year, h->expiry_month, h->expiry_day);
}
