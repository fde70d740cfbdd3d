/* wm-extract-writer.c — making extracts and changing their key slots
 *
 * Every change is a whole new file, saved atomically (wm-extract-io.c).
 * Rules for slots: wm-extract-format.md §8.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include "wm-extract-private.h"

static const WmExtractWriteOptions default_options = { 0 };

static gboolean
encrypt_section (WmExtractSave         *save,
                 const WmExtractHeader *h,
                 WmExtractSection       section,
                 const guint8           master[WM_EXTRACT_KEY_SIZE],
                 const char            *context,
                 const guint8          *plain,
                 guint64                len,
                 GCancellable          *cancellable,
                 GError               **error)
{
  guint8 *key = sodium_malloc (WM_EXTRACT_KEY_SIZE);
  gboolean ok;

  g_assert (key != NULL);
  wm_extract_derive_key (master, 1, context, key);
  ok = wm_extract_section_encrypt (save, h, section, key, plain, len, cancellable, error);
  sodium_free (key);
  return ok;
}

static gboolean
check_slots (const WmExtractSlotSpec *slots,
             guint                    n_slots,
             gboolean                 has_identities,
             const char              *path,
             GError                 **error)
{
  gboolean caseworker = FALSE;

  if (n_slots < 1 || n_slots > WM_EXTRACT_MAX_SLOTS)
    return wm_extract_fail (error, WM_EXTRACT_ERROR_INVALID, path,
                            _("an extract needs between 1 and %d passphrases — give fewer or more"),
                            WM_EXTRACT_MAX_SLOTS);
  for (guint i = 0; i < n_slots; i++)
    caseworker |= slots[i].role == WM_EXTRACT_ROLE_CASEWORKER;
  if (has_identities && !caseworker)
    return wm_extract_fail (error, WM_EXTRACT_ERROR_INVALID, path,
                            _("only a caseworker passphrase can open the identities, and none was given — "
                              "add a caseworker passphrase, or leave the identities out"));
  return TRUE;
}

static void
header_free (WmExtractHeader *h)
{
  sodium_memzero (h, sizeof *h);
  g_free (h);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmExtractHeader, header_free)

/**
 * wm_extract_write:
 * @data: (array length=data_size): the pseudonymised section's plaintext
 * @identities: (nullable) (array length=identity_size): the identities
 *   section's plaintext, used when @has_identities
 * @expiry: (nullable): the day from which the extract no longer opens
 *
 * Writes a new extract with fresh keys to @path, whatever the plaintext is
 * (wm_extract_create() checks it is a database).
 */
gboolean
wm_extract_write (const char                  *path,
                  const guint8                *data,
                  guint64                      data_size,
                  const guint8                *identities,
                  guint64                      identity_size,
                  gboolean                     has_identities,
                  const WmExtractSlotSpec     *slots,
                  guint                        n_slots,
                  GDateTime                   *expiry,
                  WmExtractKdfLevel            kdf,
                  const WmExtractWriteOptions *options,
                  GCancellable                *cancellable,
                  GError                     **error)
{
  g_autoptr(WmExtractHeader) h = g_new0 (WmExtractHeader, 1);
  g_autoptr(WmExtractKeys) keys = NULL;
  WmExtractSave *save;
  gboolean ok = FALSE;

  if (options == NULL)
    options = &default_options;
  if (!has_identities)
    identity_size = 0;
  if (!wm_extract_sodium_init (error) ||
      !check_slots (slots, n_slots, has_identities, path, error))
    return FALSE;
  if (data_size > WM_EXTRACT_SECTION_MAX || identity_size > WM_EXTRACT_SECTION_MAX)
    return wm_extract_fail (error, WM_EXTRACT_ERROR_INVALID, path,
                            _("the database is larger than an extract can hold (1 TiB)"));

  h->chunk_log2 = options->chunk_log2 != 0 ? options->chunk_log2 : WM_EXTRACT_CHUNK_LOG2_DEFAULT;
  g_return_val_if_fail (h->chunk_log2 >= WM_EXTRACT_CHUNK_LOG2_MIN &&
                        h->chunk_log2 <= WM_EXTRACT_CHUNK_LOG2_MAX, FALSE);
  if (expiry != NULL)
    {
      int y, m, d;

      g_date_time_get_ymd (expiry, &y, &m, &d);
      if (y < 1970 || y > G_MAXUINT16)
        return wm_extract_fail (error, WM_EXTRACT_ERROR_INVALID, path,
                                _("the expiry date must be between 1970 and 65535"));
      h->expiry_year = y;
      h->expiry_month = m;
      h->expiry_day = d;
    }
  h->created = options->created != 0 ? options->created : g_get_real_time () / G_USEC_PER_SEC;
  h->flags = has_identities ? WM_EXTRACT_FLAG_IDENTITIES : 0;
  h->data_size = data_size;
  h->identity_size = identity_size;
  h->n_slots = n_slots;
  randombytes_buf (h->file_id, sizeof h->file_id);

  wm_extract_dump_guard_acquire ();
  keys = wm_extract_keys_new ();
  randombytes_buf (keys->data, sizeof keys->data);
  if (has_identities)
    {
      randombytes_buf (keys->identity, sizeof keys->identity);
      keys->has_identity_key = TRUE;
    }

  for (guint i = 0; i < n_slots; i++)
    if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
        !wm_extract_slot_seal (h, i, slots[i].role, slots[i].passphrase, kdf, keys, path, error))
      goto out;
  wm_extract_header_encode (h, keys);

  save = wm_extract_save_begin (options->io, path, error);
  if (save == NULL)
    goto out;
  if (!wm_extract_save_write (save, h->raw, h->header_size, error) ||
      !encrypt_section (save, h, WM_EXTRACT_SECTION_DATA, keys->data, WM_EXTRACT_CTX_DATA,
                        data, data_size, cancellable, error) ||
      (has_identities &&
       !encrypt_section (save, h, WM_EXTRACT_SECTION_IDENTITIES, keys->identity, WM_EXTRACT_CTX_IDENTITIES,
                         identities, identity_size, cancellable, error)))
    {
      wm_extract_save_abort (save);
      goto out;
    }
  ok = wm_extract_save_commit (save, error);

out:
  g_clear_pointer (&keys, wm_extract_keys_free);
  wm_extract_dump_guard_release ();
  return ok;
}

static gboolean
is_database (GBytes *bytes)
{
  gsize len;
  const guint8 *p = g_bytes_get_data (bytes, &len);

  return len == 0 || (len >= 100 && memcmp (p, "SQLite format 3", 16) == 0);
}

/**
 * wm_extract_create:
 * @path: the .wmx file to write; replaced atomically if it exists
 * @data_db: the pseudonymised database, as wm_extract_serialize_db() gives it
 * @identity_db: (nullable): the identities database (tables of
 *   wm_schema_create_identity()), or %NULL for an extract without identities
 * @slots: (array length=n_slots): 1 to WM_EXTRACT_MAX_SLOTS passphrases and
 *   their roles; with @identity_db at least one must be a caseworker
 * @expiry: (nullable): the day (in @expiry's time zone) from which the
 *   extract no longer opens; %NULL: never expires
 * @kdf: WM_EXTRACT_KDF_MODERATE, except in tests and the demo build
 *
 * Encrypts the two databases into a new extract with fresh keys. Takes
 * about a second per slot (the key derivation) plus 1 s per GB.
 */
gboolean
wm_extract_create (const char              *path,
                   GBytes                  *data_db,
                   GBytes                  *identity_db,
                   const WmExtractSlotSpec *slots,
                   guint                    n_slots,
                   GDateTime               *expiry,
                   WmExtractKdfLevel        kdf,
                   GCancellable            *cancellable,
                   GError                 **error)
{
  gsize data_size, identity_size = 0;
  const guint8 *data, *identities = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data_db != NULL, FALSE);
  g_return_val_if_fail (kdf == WM_EXTRACT_KDF_MODERATE || kdf == WM_EXTRACT_KDF_INTERACTIVE, FALSE);

  if (!is_database (data_db) || (identity_db != NULL && !is_database (identity_db)))
    return wm_extract_fail (error, WM_EXTRACT_ERROR_INVALID, path,
                            _("what was given to encrypt is not an SQLite database — "
                              "give the database the importer made"));
  data = g_bytes_get_data (data_db, &data_size);
  if (identity_db != NULL)
    identities = g_bytes_get_data (identity_db, &identity_size);
  return wm_extract_write (path, data, data_size, identities, identity_size, identity_db != NULL,
                           slots, n_slots, expiry, kdf, NULL, cancellable, error);
}

typedef gboolean (*SlotEdit) (WmExtractHeader     *h,
                              const WmExtractKeys *keys,
                              gpointer             data,
                              const char          *path,
                              GError             **error);

/* Rewrites the header through @edit and copies the body byte for byte,
 * checking every chunk the passphrase can decrypt (§8). */
static gboolean
rewrite_slots (const char                  *path,
               const char                  *passphrase,
               SlotEdit                     edit,
               gpointer                     edit_data,
               const WmExtractWriteOptions *options,
               GCancellable                *cancellable,
               GError                     **error)
{
  g_autoptr(WmExtractHeader) old = g_new0 (WmExtractHeader, 1);
  g_autoptr(WmExtractHeader) h = NULL;
  g_autoptr(WmExtractKeys) keys = NULL;
  WmExtractSave *save = NULL;
  const guint8 *map = NULL;
  guint8 *key = NULL;
  guint64 size, offset;
  gboolean ok = FALSE;
  int fd;

  if (options == NULL)
    options = &default_options;
  if (!wm_extract_sodium_init (error))
    return FALSE;
  fd = wm_extract_file_open (path, &size, error);
  if (fd < 0)
    return FALSE;
  wm_extract_dump_guard_acquire ();
  if (!wm_extract_header_read (fd, size, path, old, NULL, error))
    goto out;
  keys = wm_extract_unlock (old, passphrase, path, cancellable, NULL, NULL, error);
  if (keys == NULL || !wm_extract_header_check_mac (old, keys, path, error))
    goto out;

  h = g_memdup2 (old, sizeof *old);
  if (!edit (h, keys, edit_data, path, error))
    goto out;
  wm_extract_header_encode (h, keys);
  g_assert (memcmp (h->raw + WM_EXTRACT_BLOCK_B_OFFSET, old->raw + WM_EXTRACT_BLOCK_B_OFFSET,
                    WM_EXTRACT_BLOCK_B_SIZE) == 0);

  map = wm_extract_map (fd, size, path, error);
  if (map == NULL)
    goto out;
  save = wm_extract_save_begin (options->io, path, error);
  if (save == NULL || !wm_extract_save_write (save, h->raw, h->header_size, error))
    goto out;
  key = sodium_malloc (WM_EXTRACT_KEY_SIZE);
  g_assert (key != NULL);
  wm_extract_derive_key (keys->data, 1, WM_EXTRACT_CTX_DATA, key);
  offset = old->header_size;
  if (!wm_extract_section_decrypt (map, offset, old, WM_EXTRACT_SECTION_DATA, key, NULL, save,
                                   path, cancellable, NULL, error))
    goto out;
  offset += wm_extract_section_size (old->data_size, old->chunk_log2);
  if (old->flags & WM_EXTRACT_FLAG_IDENTITIES)
    {
      gboolean copied;

      if (keys->has_identity_key)
        {
          wm_extract_derive_key (keys->identity, 1, WM_EXTRACT_CTX_IDENTITIES, key);
          copied = wm_extract_section_decrypt (map, offset, old, WM_EXTRACT_SECTION_IDENTITIES, key, NULL,
                                               save, path, cancellable, NULL, error);
        }
      else
        copied = wm_extract_copy_range (map, offset, wm_extract_section_size (old->identity_size, old->chunk_log2),
                                        save, path, error);
      if (!copied)
        goto out;
    }
  ok = wm_extract_save_commit (g_steal_pointer (&save), error);

out:
  wm_extract_save_abort (save);
  wm_extract_unmap (map, size);
  if (key != NULL)
    sodium_free (key);
  g_clear_pointer (&keys, wm_extract_keys_free);
  wm_extract_dump_guard_release ();
  close (fd);
  return ok;
}

typedef struct {
  WmExtractRole role;
  const char *passphrase;
  WmExtractKdfLevel kdf;
} AddSlot;

static gboolean
add_slot (WmExtractHeader     *h,
          const WmExtractKeys *keys,
          gpointer             data,
          const char          *path,
          GError             **error)
{
  AddSlot *add = data;

  if (add->role > keys->role)
    return wm_extract_fail (error, WM_EXTRACT_ERROR_NOT_ALLOWED, path,
                            _("an analyst passphrase can add only analyst passphrases — "
                              "use a caseworker passphrase to add a caseworker one"));
  if (h->n_slots >= WM_EXTRACT_MAX_SLOTS)
    return wm_extract_fail (error, WM_EXTRACT_ERROR_INVALID, path,
                            _("the extract already has %d passphrases, the most it can hold — "
                              "remove one first"),
                            WM_EXTRACT_MAX_SLOTS);
  if (!wm_extract_slot_seal (h, h->n_slots, add->role, add->passphrase, add->kdf, keys, path, error))
    return FALSE;
  h->n_slots++;
  return TRUE;
}

gboolean
wm_extract_add_slot_full (const char                  *path,
                          const char                  *passphrase,
                          WmExtractRole                role,
                          const char                  *new_passphrase,
                          WmExtractKdfLevel            kdf,
                          const WmExtractWriteOptions *options,
                          GCancellable                *cancellable,
                          GError                     **error)
{
  AddSlot add = { role, new_passphrase, kdf };

  if (role != WM_EXTRACT_ROLE_ANALYST && role != WM_EXTRACT_ROLE_CASEWORKER)
    return wm_extract_fail (error, WM_EXTRACT_ERROR_INVALID, path,
                            _("a passphrase needs a role, analyst or caseworker"));
  return rewrite_slots (path, passphrase, add_slot, &add, options, cancellable, error);
}

/**
 * wm_extract_add_slot:
 * @passphrase: a passphrase that opens the extract, of @role or higher
 * @role: the new passphrase's role
 * @new_passphrase: the passphrase to add
 *
 * Adds a key slot; the data is not re-encrypted.
 */
gboolean
wm_extract_add_slot (const char        *path,
                     const char        *passphrase,
                     WmExtractRole      role,
                     const char        *new_passphrase,
                     WmExtractKdfLevel  kdf,
                     GCancellable      *cancellable,
                     GError           **error)
{
  g_return_val_if_fail (kdf == WM_EXTRACT_KDF_MODERATE || kdf == WM_EXTRACT_KDF_INTERACTIVE, FALSE);
  return wm_extract_add_slot_full (path, passphrase, role, new_passphrase, kdf, NULL, cancellable, error);
}

static gboolean
remove_slot (WmExtractHeader     *h,
             const WmExtractKeys *keys,
             gpointer             data,
             const char          *path,
             GError             **error)
{
  guint index = GPOINTER_TO_UINT (data);
  guint caseworkers = 0;

  if (index >= h->n_slots)
    return wm_extract_fail (error, WM_EXTRACT_ERROR_INVALID, path,
                            _("there is no passphrase slot %u (the extract has %u) — "
                              "see “welfaremap extract info”"),
                            index + 1, (guint) h->n_slots);
  if (h->slots[index].role > keys->role)
    return wm_extract_fail (error, WM_EXTRACT_ERROR_NOT_ALLOWED, path,
                            _("an analyst passphrase cannot remove a caseworker passphrase — "
                              "use a caseworker passphrase"));
  if (h->n_slots == 1)
    return wm_extract_fail (error, WM_EXTRACT_ERROR_NOT_ALLOWED, path,
                            _("this is the extract's only passphrase: without it nobody could open it — "
                              "add another passphrase first"));
  for (guint i = 0; i < h->n_slots; i++)
    caseworkers += h->slots[i].role == WM_EXTRACT_ROLE_CASEWORKER;
  if ((h->flags & WM_EXTRACT_FLAG_IDENTITIES) && h->slots[index].role == WM_EXTRACT_ROLE_CASEWORKER &&
      caseworkers == 1)
    return wm_extract_fail (error, WM_EXTRACT_ERROR_NOT_ALLOWED, path,
                            _("this is the last caseworker passphrase: without it nobody could open the "
                              "identities — add another caseworker passphrase first"));
  memmove (&h->slots[index], &h->slots[index + 1], (h->n_slots - index - 1) * sizeof h->slots[0]);
  h->n_slots--;
  memset (&h->slots[h->n_slots], 0, sizeof h->slots[0]);
  return TRUE;
}

gboolean
wm_extract_remove_slot_full (const char                  *path,
                             const char                  *passphrase,
                             guint                        slot,
                             const WmExtractWriteOptions *options,
                             GCancellable                *cancellable,
                             GError                     **error)
{
  return rewrite_slots (path, passphrase, remove_slot, GUINT_TO_POINTER (slot), options, cancellable, error);
}

/**
 * wm_extract_remove_slot:
 * @passphrase: a passphrase that opens the extract, of the removed slot's
 *   role or higher (it may be the removed slot's own)
 * @slot: 0-based, as in WmExtractInfo.slots
 *
 * Removes a key slot. Refuses to remove the last slot, or the last
 * caseworker slot of an extract with identities.
 */
gboolean
wm_extract_remove_slot (const char    *path,
                        const char    *passphrase,
                        guint          slot,
                        GCancellable  *cancellable,
                        GError       **error)
{
  return wm_extract_remove_slot_full (path, passphrase, slot, NULL, cancellable, error);
}

gboolean
wm_extract_rekey_full (const char                  *path,
                       const char                  *passphrase,
                       const char                  *new_passphrase,
                       WmExtractKdfLevel            kdf,
                       guint                       *n_dropped,
                       const WmExtractWriteOptions *options,
                       GCancellable                *cancellable,
                       GError                     **error)
{
  WmExtractReadOptions read_options = { .allow_expired = TRUE };
  g_autoptr(WmExtractContent) content = NULL;
  g_autoptr(GDateTime) expiry = NULL;
  WmExtractSlotSpec slot;
  WmExtractHeader *h;
  WmExtractWriteOptions write_options = { 0 };

  content = wm_extract_read (path, passphrase, &read_options, cancellable, error);
  if (content == NULL)
    return FALSE;
  h = &content->header;
  if ((h->flags & WM_EXTRACT_FLAG_IDENTITIES) && !content->identities_read)
    return wm_extract_fail (error, WM_EXTRACT_ERROR_NOT_ALLOWED, path,
                            _("rekeying encrypts the identities again, which only a caseworker passphrase can open — "
                              "use a caseworker passphrase"));
  /* Never write an extract that lost its identities. */
  g_assert (!(h->flags & WM_EXTRACT_FLAG_IDENTITIES) || content->identities != NULL);
  if (h->expiry_year != 0)
    expiry = g_date_time_new_local (h->expiry_year, h->expiry_month, h->expiry_day, 0, 0, 0);
  slot.role = content->keys->role;
  slot.passphrase = new_passphrase;
  if (options != NULL)
    write_options = *options;
  write_options.chunk_log2 = h->chunk_log2;
  if (!wm_extract_write (path, content->data, content->data_size, content->identities, content->identity_size,
                         (h->flags & WM_EXTRACT_FLAG_IDENTITIES) != 0, &slot, 1, expiry, kdf,
                         &write_options, cancellable, error))
    return FALSE;
  if (n_dropped != NULL)
    *n_dropped = h->n_slots - 1;
  return TRUE;
}

/**
 * wm_extract_rekey:
 * @passphrase: a passphrase that opens the extract (a caseworker's, when it
 *   has identities)
 * @new_passphrase: the one passphrase of the rekeyed extract, with the role
 *   of the slot @passphrase opened
 * @n_dropped: (out) (optional): how many other slots were dropped
 *
 * Re-encrypts the extract under new keys: whoever kept a copy of the old
 * keys or another passphrase cannot open the result. The expiry date stays.
 */
gboolean
wm_extract_rekey (const char        *path,
                  const char        *passphrase,
                  const char        *new_passphrase,
                  WmExtractKdfLevel  kdf,
                  guint             *n_dropped,
                  GCancellable      *cancellable,
                  GError           **error)
{
  g_return_val_if_fail (kdf == WM_EXTRACT_KDF_MODERATE || kdf == WM_EXTRACT_KDF_INTERACTIVE, FALSE);
  return wm_extract_rekey_full (path, passphrase, new_passphrase, kdf, n_dropped, NULL, cancellable, error);
}
