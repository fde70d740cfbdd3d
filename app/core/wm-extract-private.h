/* wm-extract-private.h — what the extract's files share, and what tests and
 * the fuzzer reach below the public API
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <sodium.h>

#include "wm-extract.h"

G_BEGIN_DECLS

/* Layout, wm-extract-format.md §2–§4 */
#define WM_EXTRACT_MAGIC          "\x89WMX\r\n\x1a\n"
#define WM_EXTRACT_MAGIC_SIZE     8
#define WM_EXTRACT_VERSION        1
#define WM_EXTRACT_FRAME_SIZE     12
#define WM_EXTRACT_FIXED_SIZE     64
#define WM_EXTRACT_SLOT_SIZE      132
#define WM_EXTRACT_HASH_SIZE      32
#define WM_EXTRACT_TRAILER_SIZE   (2 * WM_EXTRACT_HASH_SIZE)
#define WM_EXTRACT_HEADER_MAX     (WM_EXTRACT_FIXED_SIZE + WM_EXTRACT_MAX_SLOTS * WM_EXTRACT_SLOT_SIZE + WM_EXTRACT_TRAILER_SIZE)
#define WM_EXTRACT_BLOCK_B_OFFSET 12
#define WM_EXTRACT_BLOCK_B_SIZE   48
#define WM_EXTRACT_CHUNK_AD_SIZE  (WM_EXTRACT_BLOCK_B_SIZE + 1)
#define WM_EXTRACT_FILE_ID_SIZE   16
#define WM_EXTRACT_SALT_SIZE      16
#define WM_EXTRACT_NONCE_SIZE     24
#define WM_EXTRACT_KEY_SIZE       32
#define WM_EXTRACT_WRAPPED_SIZE   (2 * WM_EXTRACT_KEY_SIZE + 16)
#define WM_EXTRACT_SLOT_PREFIX_SIZE 52
#define WM_EXTRACT_SLOT_AD_SIZE   (WM_EXTRACT_FILE_ID_SIZE + 52)
#define WM_EXTRACT_FLAG_IDENTITIES 0x01
#define WM_EXTRACT_KDF_ARGON2ID13 1
#define WM_EXTRACT_CHUNK_LOG2_MIN 10
#define WM_EXTRACT_CHUNK_LOG2_MAX 24
#define WM_EXTRACT_CHUNK_LOG2_DEFAULT 16
#define WM_EXTRACT_OPSLIMIT_MAX   10
#define WM_EXTRACT_MEMLIMIT_KIB_MIN 8
#define WM_EXTRACT_MEMLIMIT_KIB_MAX (1024 * 1024)
#define WM_EXTRACT_SECTION_MAX    (G_GUINT64_CONSTANT (1) << 40)
#define WM_EXTRACT_CTX_DATA       "wmx-data"   /* subkeys 1 stream, 2 header MAC */
#define WM_EXTRACT_CTX_IDENTITIES "wmx-iden"   /* subkey 1 stream */
#define WM_EXTRACT_SS_HEADER_SIZE crypto_secretstream_xchacha20poly1305_HEADERBYTES
#define WM_EXTRACT_SS_ABYTES      crypto_secretstream_xchacha20poly1305_ABYTES

/* For unit tests' throw-away files only: Argon2id at its minimum cost. */
#define WM_EXTRACT_KDF_MINIMUM ((WmExtractKdfLevel) 100)

typedef enum {
  WM_EXTRACT_SECTION_DATA = 1,
  WM_EXTRACT_SECTION_IDENTITIES = 2,
} WmExtractSection;

typedef struct {
  guint8  role;
  guint8  kdf;
  guint32 opslimit;
  guint32 memlimit_kib;
  guint8  salt[WM_EXTRACT_SALT_SIZE];
  guint8  nonce[WM_EXTRACT_NONCE_SIZE];
  guint8  wrapped[WM_EXTRACT_WRAPPED_SIZE];
} WmExtractSlot;

typedef struct {
  guint16       version;
  guint16       header_size;
  guint8        file_id[WM_EXTRACT_FILE_ID_SIZE];
  guint8        flags;
  guint8        chunk_log2;
  guint16       expiry_year;
  guint8        expiry_month;
  guint8        expiry_day;
  gint64        created;
  guint64       data_size;
  guint64       identity_size;
  guint8        n_slots;
  WmExtractSlot slots[WM_EXTRACT_MAX_SLOTS];
  /* The header as encoded or read: the MAC, the checksum and block B are
   * computed over these bytes, never over a re-encoding. */
  guint8        raw[WM_EXTRACT_HEADER_MAX];
} WmExtractHeader;

/* Key material; always in sodium_malloc memory (wm_extract_keys_new). */
typedef struct {
  WmExtractRole role;
  guint         slot;
  gboolean      has_identity_key;
  guint8        data[WM_EXTRACT_KEY_SIZE];      /* Kd */
  guint8        identity[WM_EXTRACT_KEY_SIZE];  /* Ki */
} WmExtractKeys;

/* Injectable system calls of a save, so tests can make each one fail. */
typedef struct {
  int     (*open)   (const char *path, int flags, int mode, gpointer data);
  gssize  (*write)  (int fd, const void *buf, gsize len, gpointer data);
  int     (*fsync)  (int fd, gpointer data);
  int     (*close)  (int fd, gpointer data);
  int     (*rename) (const char *from, const char *to, gpointer data);
  int     (*unlink) (const char *path, gpointer data);
  gpointer data;
} WmExtractIo;

typedef struct _WmExtractSave WmExtractSave;

typedef struct {
  const WmExtractIo *io;             /* NULL: the real system calls */
  guint              chunk_log2;     /* 0: the default */
  gint64             created;        /* 0: now */
} WmExtractWriteOptions;

typedef struct {
  WmExtractKeys         *keys;       /* skip the passphrase: tests and fuzzing */
  const GDate           *today;      /* NULL: the local date */
  gboolean               allow_expired;
  gboolean               verify_only;  /* decrypt to check, keep nothing */
  gboolean               identities_on_demand;  /* check them, keep them only once asked for */
  WmExtractProgressFunc  progress;
  gpointer               progress_data;
} WmExtractReadOptions;

/* Decryption progress over several sections. */
typedef struct {
  WmExtractProgressFunc func;
  gpointer              data;
  guint64               done;
  guint64               total;
  double                reported;
} WmExtractProgress;

/* A read extract: header, keys, and the plaintext of the sections the
 * role may read (NULL when not read). */
typedef struct {
  WmExtractHeader  header;
  WmExtractKeys   *keys;
  guint8          *data;
  guint64          data_size;
  guint8          *identities;       /* NULL until wm_extract_load_identities() */
  guint64          identity_size;
  gboolean         identities_read;  /* checked at open: the role may load them */
} WmExtractContent;

/* Little-endian fields */
static inline void
put_u16 (guint8 *p, guint16 v)
{
  p[0] = v & 0xff;
  p[1] = v >> 8;
}

static inline void
put_u32 (guint8 *p, guint32 v)
{
  for (int i = 0; i < 4; i++)
    p[i] = (v >> (8 * i)) & 0xff;
}

static inline void
put_u64 (guint8 *p, guint64 v)
{
  for (int i = 0; i < 8; i++)
    p[i] = (v >> (8 * i)) & 0xff;
}

static inline guint16
get_u16 (const guint8 *p)
{
  return (guint16) (p[0] | (p[1] << 8));
}

static inline guint32
get_u32 (const guint8 *p)
{
  guint32 v = 0;

  for (int i = 3; i >= 0; i--)
    v = (v << 8) | p[i];
  return v;
}

static inline guint64
get_u64 (const guint8 *p)
{
  guint64 v = 0;

  for (int i = 7; i >= 0; i--)
    v = (v << 8) | p[i];
  return v;
}

/* wm-extract-format.c */
gboolean        wm_extract_sodium_init          (GError                **error);
gsize           wm_extract_header_size          (guint                   n_slots);
guint64         wm_extract_section_size         (guint64                 len,
                                                 guint                   chunk_log2);
guint64         wm_extract_file_size            (const WmExtractHeader  *h);
void            wm_extract_header_encode        (WmExtractHeader        *h,
                                                 const WmExtractKeys    *keys);
gboolean        wm_extract_header_parse         (const guint8           *buf,
                                                 gsize                   len,
                                                 guint64                 file_size,
                                                 const char             *path,
                                                 WmExtractHeader        *h,
                                                 gboolean               *decoded,
                                                 GError                **error);
void            wm_extract_chunk_ad             (const WmExtractHeader  *h,
                                                 WmExtractSection        section,
                                                 guint8                  ad[WM_EXTRACT_CHUNK_AD_SIZE]);
void            wm_extract_derive_key           (const guint8            master[WM_EXTRACT_KEY_SIZE],
                                                 guint64                 id,
                                                 const char             *context,
                                                 guint8                  out[WM_EXTRACT_KEY_SIZE]);

/* wm-extract-slots.c */
void            wm_extract_slot_encode_prefix   (const WmExtractSlot    *slot,
                                                 guint8                  out[WM_EXTRACT_SLOT_PREFIX_SIZE]);
WmExtractKeys  *wm_extract_keys_new             (void);
void            wm_extract_keys_free            (WmExtractKeys          *keys);
char           *wm_extract_passphrase_prepare   (const char             *passphrase,
                                                 const char             *path,
                                                 gsize                  *len,
                                                 GError                **error);
void            wm_extract_passphrase_free      (char                   *prepared);
gboolean        wm_extract_kdf_params           (WmExtractKdfLevel       level,
                                                 guint32                *opslimit,
                                                 guint32                *memlimit_kib);
gboolean        wm_extract_slot_seal            (WmExtractHeader        *h,
                                                 guint                   index,
                                                 WmExtractRole           role,
                                                 const char             *passphrase,
                                                 WmExtractKdfLevel       kdf,
                                                 const WmExtractKeys    *keys,
                                                 const char             *path,
                                                 GError                **error);
int             wm_extract_slot_open            (const WmExtractHeader  *h,
                                                 guint                   index,
                                                 const char             *prepared,
                                                 gsize                   len,
                                                 guint8                  plain[2 * WM_EXTRACT_KEY_SIZE]);
WmExtractKeys  *wm_extract_unlock               (const WmExtractHeader  *h,
                                                 const char             *passphrase,
                                                 const char             *path,
                                                 GCancellable           *cancellable,
                                                 WmExtractProgressFunc   progress,
                                                 gpointer                progress_data,
                                                 GError                **error);
gboolean        wm_extract_header_check_mac     (const WmExtractHeader  *h,
                                                 const WmExtractKeys    *keys,
                                                 const char             *path,
                                                 GError                **error);
gboolean        wm_extract_header_is_expired    (const WmExtractHeader  *h,
                                                 const GDate            *today);
char           *wm_extract_header_expiry_text   (const WmExtractHeader  *h);
gboolean        wm_extract_fail                 (GError                **error,
                                                 WmExtractError          code,
                                                 const char             *path,
                                                 const char             *format,
                                                 ...) G_GNUC_PRINTF (4, 5);
gboolean        wm_extract_fail_damaged         (GError                **error,
                                                 const char             *path,
                                                 const char             *reason);

/* wm-extract-stream.c */
gboolean        wm_extract_section_encrypt      (WmExtractSave          *save,
                                                 const WmExtractHeader  *h,
                                                 WmExtractSection        section,
                                                 const guint8            key[WM_EXTRACT_KEY_SIZE],
                                                 const guint8           *plain,
                                                 guint64                 len,
                                                 GCancellable           *cancellable,
                                                 GError                **error);
const guint8   *wm_extract_map                  (int                     fd,
                                                 guint64                 size,
                                                 const char             *path,
                                                 GError                **error);
void            wm_extract_unmap                (const guint8           *map,
                                                 guint64                 size);
gboolean        wm_extract_section_decrypt      (const guint8           *map,
                                                 guint64                 offset,
                                                 const WmExtractHeader  *h,
                                                 WmExtractSection        section,
                                                 const guint8            key[WM_EXTRACT_KEY_SIZE],
                                                 guint8                 *out,
                                                 WmExtractSave          *copy,
                                                 const char             *path,
                                                 GCancellable           *cancellable,
                                                 WmExtractProgress      *progress,
                                                 GError                **error);
gboolean        wm_extract_header_read          (int                     fd,
                                                 guint64                 file_size,
                                                 const char             *path,
                                                 WmExtractHeader        *h,
                                                 gboolean               *decoded,
                                                 GError                **error);
gboolean        wm_extract_copy_range           (const guint8           *map,
                                                 guint64                 offset,
                                                 guint64                 len,
                                                 WmExtractSave          *save,
                                                 const char             *path,
                                                 GError                **error);
gboolean        wm_extract_pread_full           (int                     fd,
                                                 guint8                 *buf,
                                                 gsize                   len,
                                                 guint64                 offset,
                                                 const char             *path,
                                                 GError                **error);

/* wm-extract-secure.c */
guint8         *wm_extract_plain_alloc          (guint64                 size,
                                                 const char             *path,
                                                 GError                **error);
void            wm_extract_plain_free           (guint8                 *buf,
                                                 guint64                 size);
void            wm_extract_dump_guard_acquire   (void);
void            wm_extract_dump_guard_release   (void);
guint           wm_extract_dump_guard_depth     (void);

/* wm-extract-io.c */
const WmExtractIo *wm_extract_io_default        (void);
WmExtractSave  *wm_extract_save_begin           (const WmExtractIo      *io,
                                                 const char             *path,
                                                 GError                **error);
gboolean        wm_extract_save_write           (WmExtractSave          *save,
                                                 const void             *buf,
                                                 gsize                   len,
                                                 GError                **error);
gboolean        wm_extract_save_commit          (WmExtractSave          *save,
                                                 GError                **error);
void            wm_extract_save_abort           (WmExtractSave          *save);
int             wm_extract_file_open            (const char             *path,
                                                 guint64                *size,
                                                 GError                **error);

/* wm-extract-reader.c */
WmExtractContent *wm_extract_read               (const char             *path,
                                                 const char             *passphrase,
                                                 const WmExtractReadOptions *options,
                                                 GCancellable           *cancellable,
                                                 GError                **error);
WmExtractContent *wm_extract_read_fd            (int                     fd,
                                                 guint64                 file_size,
                                                 const char             *path,
                                                 const char             *passphrase,
                                                 const WmExtractReadOptions *options,
                                                 GCancellable           *cancellable,
                                                 GError                **error);
gboolean        wm_extract_read_identities      (const char             *path,
                                                 WmExtractContent       *content,
                                                 GCancellable           *cancellable,
                                                 GError                **error);
void            wm_extract_content_free         (WmExtractContent       *content);

/* wm-extract-writer.c */
gboolean        wm_extract_write                (const char             *path,
                                                 const guint8           *data,
                                                 guint64                 data_size,
                                                 const guint8           *identities,
                                                 guint64                 identity_size,
                                                 gboolean                has_identities,
                                                 const WmExtractSlotSpec *slots,
                                                 guint                   n_slots,
                                                 GDateTime              *expiry,
                                                 WmExtractKdfLevel       kdf,
                                                 const WmExtractWriteOptions *options,
                                                 GCancellable           *cancellable,
                                                 GError                **error);
gboolean        wm_extract_add_slot_full        (const char             *path,
                                                 const char             *passphrase,
                                                 WmExtractRole           role,
                                                 const char             *new_passphrase,
                                                 WmExtractKdfLevel       kdf,
                                                 const WmExtractWriteOptions *options,
                                                 GCancellable           *cancellable,
                                                 GError                **error);
gboolean        wm_extract_remove_slot_full     (const char             *path,
                                                 const char             *passphrase,
                                                 guint                   slot,
                                                 const WmExtractWriteOptions *options,
                                                 GCancellable           *cancellable,
                                                 GError                **error);
gboolean        wm_extract_rekey_full           (const char             *path,
                                                 const char             *passphrase,
                                                 const char             *new_passphrase,
                                                 WmExtractKdfLevel       kdf,
                                                 guint                  *n_dropped,
                                                 const WmExtractWriteOptions *options,
                                                 GCancellable           *cancellable,
                                                 GError                **error);

/* wm-extract-sqlite.c */
gboolean        wm_extract_sqlite_attach        (sqlite3                *db,
                                                 const char             *schema,
                                                 guint8                 *data,
                                                 guint64                 size,
                                                 const char             *path,
                                                 GError                **error);

/* wm-extract.c */
gboolean        wm_extract_replace_data         (WmExtract              *self,
                                                 guint8                 *data,
                                                 guint64                 size,
                                                 GError                **error);
WmExtract      *wm_extract_open_full            (const char             *path,
                                                 const char             *passphrase,
                                                 const WmExtractReadOptions *options,
                                                 GCancellable           *cancellable,
                                                 GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmExtractKeys, wm_extract_keys_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmExtractContent, wm_extract_content_free)

G_END_DECLS
