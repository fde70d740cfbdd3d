/* wm-extract-slots.c — key slots: passphrases, Argon2id, wrapping the keys
 *
 * Layout and the reasoning about wrong passphrases: wm-extract-format.md
 * §3, §5 and §6.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wm-extract-private.h"

void
wm_extract_slot_encode_prefix (const WmExtractSlot *slot,
                    guint8               out[WM_EXTRACT_SLOT_PREFIX_SIZE])
{
  memset (out, 0, WM_EXTRACT_SLOT_PREFIX_SIZE);
  out[0] = slot->role;
  out[1] = slot->kdf;
  put_u32 (out + 4, slot->opslimit);
  put_u32 (out + 8, slot->memlimit_kib);
  memcpy (out + 12, slot->salt, WM_EXTRACT_SALT_SIZE);
  memcpy (out + 28, slot->nonce, WM_EXTRACT_NONCE_SIZE);
}

static void
slot_ad (const guint8 file_id[WM_EXTRACT_FILE_ID_SIZE],
         const guint8 prefix[WM_EXTRACT_SLOT_PREFIX_SIZE],
         guint8       ad[WM_EXTRACT_SLOT_AD_SIZE])
{
  memcpy (ad, file_id, WM_EXTRACT_FILE_ID_SIZE);
  memcpy (ad + WM_EXTRACT_FILE_ID_SIZE, prefix, WM_EXTRACT_SLOT_PREFIX_SIZE);
}

WmExtractKeys *
wm_extract_keys_new (void)
{
  WmExtractKeys *keys = sodium_malloc (sizeof *keys);

  if (keys == NULL)
    g_error ("out of memory for key material");
  sodium_memzero (keys, sizeof *keys);
  return keys;
}

void
wm_extract_keys_free (WmExtractKeys *keys)
{
  sodium_free (keys);  /* zeroes first */
}

/**
 * wm_extract_passphrase_prepare:
 *
 * Returns: (transfer full): @passphrase NFC-normalised when it is UTF-8, in
 *   sodium_malloc memory; free with wm_extract_passphrase_free()
 */
char *
wm_extract_passphrase_prepare (const char  *passphrase,
                               const char  *path,
                               gsize       *len,
                               GError     **error)
{
  char *normal = NULL;
  const char *source = passphrase;
  char *prepared;
  gboolean ascii = TRUE;

  if (passphrase == NULL || passphrase[0] == '\0')
    {
      wm_extract_fail (error, WM_EXTRACT_ERROR_INVALID, path,
                       _("the passphrase is empty — type the passphrase"));
      return NULL;
    }
  for (const char *p = passphrase; *p != '\0'; p++)
    ascii &= (guchar) *p < 0x80;
  /* ASCII is already normal; GLib's normaliser leaves copies in freed heap
   * memory, so it only runs when it has something to do. */
  if (!ascii && g_utf8_validate (passphrase, -1, NULL))
    source = normal = g_utf8_normalize (passphrase, -1, G_NORMALIZE_NFC);
  *len = strlen (source);
  prepared = sodium_malloc (*len + 1);
  if (prepared == NULL)
    g_error ("out of memory for a passphrase");
  memcpy (prepared, source, *len + 1);
  if (normal != NULL)
    {
      sodium_memzero (normal, *len);
      g_free (normal);
    }
  return prepared;
}

void
wm_extract_passphrase_free (char *prepared)
{
  if (prepared != NULL)
    sodium_free (prepared);
}

gboolean
wm_extract_kdf_params (WmExtractKdfLevel  level,
                       guint32           *opslimit,
                       guint32           *memlimit_kib)
{
  switch ((int) level)
    {
    case WM_EXTRACT_KDF_MODERATE:
      *opslimit = crypto_pwhash_argon2id_OPSLIMIT_MODERATE;
      *memlimit_kib = crypto_pwhash_argon2id_MEMLIMIT_MODERATE / 1024;
      return TRUE;
    case WM_EXTRACT_KDF_INTERACTIVE:
      *opslimit = crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE;
      *memlimit_kib = crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE / 1024;
      return TRUE;
    case WM_EXTRACT_KDF_MINIMUM:
      *opslimit = crypto_pwhash_argon2id_OPSLIMIT_MIN;
      *memlimit_kib = crypto_pwhash_argon2id_MEMLIMIT_MIN / 1024;
      return TRUE;
    default:
      return FALSE;
    }
}

/* 0: derived; −1: not enough memory for the derivation. */
static int
derive_slot_key (const WmExtractSlot *slot,
                 const char          *prepared,
                 gsize                len,
                 guint8               key[WM_EXTRACT_KEY_SIZE])
{
  guint64 opslimit = slot->opslimit;
  gsize memlimit = (gsize) slot->memlimit_kib * 1024;

#ifdef WM_EXTRACT_FUZZING
  /* Fuzzed headers must not cost seconds per input. */
  opslimit = crypto_pwhash_argon2id_OPSLIMIT_MIN;
  memlimit = crypto_pwhash_argon2id_MEMLIMIT_MIN;
#endif
  return crypto_pwhash (key, WM_EXTRACT_KEY_SIZE, prepared, len, slot->salt,
                        opslimit, memlimit, crypto_pwhash_ALG_ARGON2ID13);
}

/**
 * wm_extract_slot_seal:
 *
 * Fills slot @index of @h: role, KDF limits for @kdf, fresh salt and nonce,
 * and @keys wrapped under @passphrase (the identities key only for a
 * caseworker). h->file_id must be set.
 */
gboolean
wm_extract_slot_seal (WmExtractHeader     *h,
                      guint                index,
                      WmExtractRole        role,
                      const char          *passphrase,
                      WmExtractKdfLevel    kdf,
                      const WmExtractKeys *keys,
                      const char          *path,
                      GError             **error)
{
  WmExtractSlot *slot = &h->slots[index];
  guint8 prefix[WM_EXTRACT_SLOT_PREFIX_SIZE], ad[WM_EXTRACT_SLOT_AD_SIZE];
  guint8 *secret;
  char *prepared;
  gsize len;
  int rc;

  g_return_val_if_fail (index < WM_EXTRACT_MAX_SLOTS, FALSE);

  if (role != WM_EXTRACT_ROLE_ANALYST && role != WM_EXTRACT_ROLE_CASEWORKER)
    return wm_extract_fail (error, WM_EXTRACT_ERROR_INVALID, path,
                            _("a passphrase needs a role, analyst or caseworker"));
  prepared = wm_extract_passphrase_prepare (passphrase, path, &len, error);
  if (prepared == NULL)
    return FALSE;

  memset (slot, 0, sizeof *slot);
  slot->role = role;
  slot->kdf = WM_EXTRACT_KDF_ARGON2ID13;
  if (!wm_extract_kdf_params (kdf, &slot->opslimit, &slot->memlimit_kib))
    g_return_val_if_reached (FALSE);
  randombytes_buf (slot->salt, sizeof slot->salt);
  randombytes_buf (slot->nonce, sizeof slot->nonce);

  /* secret = derived key ‖ Kd ‖ Ki */
  secret = sodium_malloc (3 * WM_EXTRACT_KEY_SIZE);
  g_assert (secret != NULL);
  rc = derive_slot_key (slot, prepared, len, secret);
  wm_extract_passphrase_free (prepared);
  if (rc != 0)
    {
      sodium_free (secret);
      return wm_extract_fail (error, WM_EXTRACT_ERROR_NO_MEMORY, path,
                              _("there is not enough memory to protect the passphrase (%u MiB needed) — "
                                "close other programs and try again"),
                              slot->memlimit_kib / 1024);
    }
  memcpy (secret + WM_EXTRACT_KEY_SIZE, keys->data, WM_EXTRACT_KEY_SIZE);
  if (role == WM_EXTRACT_ROLE_CASEWORKER)
    memcpy (secret + 2 * WM_EXTRACT_KEY_SIZE, keys->identity, WM_EXTRACT_KEY_SIZE);
  else
    sodium_memzero (secret + 2 * WM_EXTRACT_KEY_SIZE, WM_EXTRACT_KEY_SIZE);

  wm_extract_slot_encode_prefix (slot, prefix);
  slot_ad (h->file_id, prefix, ad);
  crypto_aead_xchacha20poly1305_ietf_encrypt (slot->wrapped, NULL,
                                              secret + WM_EXTRACT_KEY_SIZE, 2 * WM_EXTRACT_KEY_SIZE,
                                              ad, sizeof ad, NULL, slot->nonce, secret);
  sodium_free (secret);
  return TRUE;
}

/**
 * wm_extract_slot_open:
 * @plain: (out): Kd ‖ Ki, in memory the caller protects
 *
 * Returns: 0 when @prepared opens slot @index, −1 when it does not, −2 when
 *   there is not enough memory to derive its key
 */
int
wm_extract_slot_open (const WmExtractHeader *h,
                      guint                  index,
                      const char            *prepared,
                      gsize                  len,
                      guint8                 plain[2 * WM_EXTRACT_KEY_SIZE])
{
  const WmExtractSlot *slot = &h->slots[index];
  const guint8 *prefix = h->raw + WM_EXTRACT_FIXED_SIZE + index * WM_EXTRACT_SLOT_SIZE;
  guint8 ad[WM_EXTRACT_SLOT_AD_SIZE];
  guint8 *key;
  int rc;

  key = sodium_malloc (WM_EXTRACT_KEY_SIZE);
  g_assert (key != NULL);
  if (derive_slot_key (slot, prepared, len, key) != 0)
    {
      sodium_free (key);
      return -2;
    }
  slot_ad (h->file_id, prefix, ad);
  rc = crypto_aead_xchacha20poly1305_ietf_decrypt (plain, NULL, NULL,
                                                   slot->wrapped, WM_EXTRACT_WRAPPED_SIZE,
                                                   ad, sizeof ad, slot->nonce, key);
  sodium_free (key);
  return rc == 0 ? 0 : -1;
}

/**
 * wm_extract_unlock:
 *
 * Step 7 of wm-extract-format.md §6: tries every slot with @passphrase.
 * The header must have passed wm_extract_header_parse(), so a slot that
 * does not open means the passphrase is wrong, not that the slot is damaged.
 *
 * Returns: (transfer full): the keys of the first slot that opens
 */
WmExtractKeys *
wm_extract_unlock (const WmExtractHeader  *h,
                   const char             *passphrase,
                   const char             *path,
                   GCancellable           *cancellable,
                   WmExtractProgressFunc   progress,
                   gpointer                progress_data,
                   GError                **error)
{
  g_autoptr(WmExtractKeys) keys = NULL;
  guint8 *plain;
  char *prepared;
  gsize len;
  int rc = -1;

  if (!wm_extract_sodium_init (error))
    return NULL;
  prepared = wm_extract_passphrase_prepare (passphrase, path, &len, error);
  if (prepared == NULL)
    return NULL;
  keys = wm_extract_keys_new ();
  plain = sodium_malloc (2 * WM_EXTRACT_KEY_SIZE);
  g_assert (plain != NULL);

  for (guint i = 0; i < h->n_slots && rc == -1; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          rc = -3;
          break;
        }
      if (progress != NULL)
        progress (WM_EXTRACT_PHASE_UNLOCKING, (double) i / h->n_slots, progress_data);
      rc = wm_extract_slot_open (h, i, prepared, len, plain);
      if (rc == 0)
        {
          keys->role = h->slots[i].role;
          keys->slot = i;
          memcpy (keys->data, plain, WM_EXTRACT_KEY_SIZE);
          if (keys->role == WM_EXTRACT_ROLE_CASEWORKER && (h->flags & WM_EXTRACT_FLAG_IDENTITIES))
            {
              memcpy (keys->identity, plain + WM_EXTRACT_KEY_SIZE, WM_EXTRACT_KEY_SIZE);
              keys->has_identity_key = TRUE;
            }
        }
      else if (rc == -2)
        wm_extract_fail (error, WM_EXTRACT_ERROR_NO_MEMORY, path,
                         _("there is not enough memory to check the passphrase (%u MiB needed) — "
                           "close other programs and try again"),
                         h->slots[i].memlimit_kib / 1024);
    }
  sodium_free (plain);
  wm_extract_passphrase_free (prepared);

  if (rc == -1)
    wm_extract_fail (error, WM_EXTRACT_ERROR_WRONG_PASSPHRASE, path,
                     _("wrong passphrase — type it again (capital letters count), "
                       "or ask the data office which passphrase opens this extract"));
  if (rc != 0)
    return NULL;
  if (progress != NULL)
    progress (WM_EXTRACT_PHASE_UNLOCKING, 1.0, progress_data);
  return g_steal_pointer (&keys);
}

