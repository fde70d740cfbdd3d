/* wm-extract.h — the encrypted extract (.wmx): open, create, change key slots
 *
 * The file format is described in wm-extract-format.md, and only there.
 *
 * Opening: wm_extract_open() (or _async/_finish for the GUI: deriving the
 * key takes about a second) turns a path and a passphrase into a WmExtract:
 * the role the passphrase gives and a read-only sqlite3 handle on the
 * decrypted database, held in memory only. A caseworker's open also checks
 * the identities; wm_extract_load_identities() decrypts them when first
 * needed and attaches them as schema "identity" (tables of
 * wm_schema_create_identity()), wm_extract_release_identities() drops them
 * again: names and codici fiscali are in memory only while something reads
 * them. Close with wm_extract_close() or by dropping the last reference:
 * plaintext and keys are zeroed.
 *
 * Writing (the importer): serialize the two databases with
 * wm_extract_serialize_db() and hand them to wm_extract_create():
 *
 *   g_autoptr(GBytes) data = wm_extract_serialize_db (db, "main", error);
 *   g_autoptr(GBytes) ids = wm_extract_serialize_db (id_db, "main", error);
 *   WmExtractSlotSpec slots[] = {
 *     { WM_EXTRACT_ROLE_CASEWORKER, caseworker_passphrase },
 *     { WM_EXTRACT_ROLE_ANALYST, analyst_passphrase },
 *   };
 *   wm_extract_create (path, data, ids, slots, G_N_ELEMENTS (slots), NULL,
 *                      WM_EXTRACT_KDF_MODERATE, cancellable, error);
 *
 * A WmExtract may be used from any thread: its getters are immutable, and
 * the sqlite3 handle is opened in serialized mode (SQLITE_OPEN_FULLMUTEX).
 * Slots are numbered from 0 in the API (WmExtractInfo.slots order) and from
 * 1 on the command line.
 *
 * Every function that writes replaces the file atomically: after a failure
 * or a crash the path holds the old file or the new one, never a mix.
 *
 * Errors are in WM_EXTRACT_ERROR (cancellation: G_IO_ERROR_CANCELLED); each
 * message is one line "FILE: what happened — what to do". A wrong
 * passphrase is always WRONG_PASSPHRASE and a damaged file always DAMAGED or
 * TRUNCATED, never the other way round (wm-extract-format.md §6).
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define WM_EXTRACT_ERROR (wm_extract_error_quark ())

typedef enum {
  WM_EXTRACT_ERROR_NOT_FOUND,            /* no such file */
  WM_EXTRACT_ERROR_NOT_A_FILE,           /* a folder or a device */
  WM_EXTRACT_ERROR_EMPTY,                /* 0 bytes */
  WM_EXTRACT_ERROR_NOT_AN_EXTRACT,       /* some other kind of file */
  WM_EXTRACT_ERROR_UNSUPPORTED_VERSION,  /* made by a newer WelfareMap */
  WM_EXTRACT_ERROR_TRUNCATED,            /* damaged: incomplete */
  WM_EXTRACT_ERROR_DAMAGED,              /* damaged or altered */
  WM_EXTRACT_ERROR_WRONG_PASSPHRASE,
  WM_EXTRACT_ERROR_EXPIRED,
  WM_EXTRACT_ERROR_NOT_ALLOWED,          /* the passphrase's role may not do this */
  WM_EXTRACT_ERROR_INVALID,              /* a bad argument: empty passphrase, not a database… */
  WM_EXTRACT_ERROR_NO_MEMORY,
  WM_EXTRACT_ERROR_IO,                   /* reading or writing failed: permissions, disk full */
  WM_EXTRACT_ERROR_CHANGED,              /* the file is no longer the one opened */
} WmExtractError;

typedef enum {
  WM_EXTRACT_ROLE_ANALYST = 1,           /* pseudonymised data, aggregates only */
  WM_EXTRACT_ROLE_CASEWORKER = 2,        /* also the identities */
} WmExtractRole;

/* Argon2id cost of a new key slot. */
typedef enum {
  WM_EXTRACT_KDF_MODERATE,               /* default: about 1 s and 256 MiB here */
  WM_EXTRACT_KDF_INTERACTIVE,            /* tests and the demo build: 0.1 s, 64 MiB */
} WmExtractKdfLevel;

typedef enum {
  WM_EXTRACT_PHASE_UNLOCKING,            /* fraction: key slots tried / slots */
  WM_EXTRACT_PHASE_DECRYPTING,           /* fraction: bytes decrypted / bytes */
} WmExtractPhase;

typedef void (*WmExtractProgressFunc) (WmExtractPhase phase,
                                       double         fraction,
                                       gpointer       user_data);

#define WM_EXTRACT_MAX_SLOTS 8

typedef struct {
  WmExtractRole  role;
  const char    *passphrase;             /* UTF-8, not empty */
} WmExtractSlotSpec;

/* What the header says, read without a passphrase. */
typedef struct {
  WmExtractRole role;
  guint         kdf_opslimit;
  guint64       kdf_memlimit;            /* bytes */
} WmExtractSlotInfo;

typedef struct {
  guint              version;
  guint64            file_size;
  guint              header_size;
  guint              chunk_size;
  guint64            data_size;          /* plaintext bytes */
  gboolean           has_identities;
  guint64            identity_size;      /* plaintext bytes */
  GDateTime         *created;            /* nullable */
  GDateTime         *expiry;             /* nullable: never expires; local midnight of the day */
  guint              n_slots;
  WmExtractSlotInfo  slots[WM_EXTRACT_MAX_SLOTS];
  /* Set when the header is damaged or the file incomplete: the fields above
   * are what the header says and may be wrong. */
  GError            *problem;
} WmExtractInfo;

#define WM_TYPE_EXTRACT_ROLE (wm_extract_role_get_type ())
GType wm_extract_role_get_type (void);

#define WM_TYPE_EXTRACT (wm_extract_get_type ())
G_DECLARE_FINAL_TYPE (WmExtract, wm_extract, WM, EXTRACT, GObject)

GQuark          wm_extract_error_quark      (void);

WmExtract      *wm_extract_open             (const char             *path,
                                             const char             *passphrase,
                                             GCancellable           *cancellable,
                                             GError                **error);
void            wm_extract_open_async       (const char             *path,
                                             const char             *passphrase,
                                             WmExtractProgressFunc   progress,
                                             gpointer                progress_data,
                                             GDestroyNotify          progress_data_free,
                                             GCancellable           *cancellable,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data);
WmExtract      *wm_extract_open_finish      (GAsyncResult           *result,
                                             GError                **error);
void            wm_extract_close            (WmExtract              *self);
gboolean        wm_extract_verify           (const char             *path,
                                             const char             *passphrase,
                                             WmExtractRole          *role,
                                             gboolean               *identities_checked,
                                             GCancellable           *cancellable,
                                             GError                **error);

const char     *wm_extract_get_path         (WmExtract              *self);
WmExtractRole   wm_extract_get_role         (WmExtract              *self);
sqlite3        *wm_extract_get_db           (WmExtract              *self);
gboolean        wm_extract_keep_tables      (WmExtract              *self,
                                             const char * const     *tables,
                                             GError                **error);
gboolean        wm_extract_has_identities   (WmExtract              *self);
gboolean        wm_extract_load_identities  (WmExtract              *self,
                                             GCancellable           *cancellable,
                                             GError                **error);
gboolean        wm_extract_release_identities (WmExtract            *self,
                                             GError                **error);
GDateTime      *wm_extract_get_expiry       (WmExtract              *self);
guint           wm_extract_get_slot         (WmExtract              *self);

gboolean        wm_extract_create           (const char             *path,
                                             GBytes                 *data_db,
                                             GBytes                 *identity_db,
                                             const WmExtractSlotSpec *slots,
                                             guint                   n_slots,
                                             GDateTime              *expiry,
                                             WmExtractKdfLevel       kdf,
                                             GCancellable           *cancellable,
                                             GError                **error);
gboolean        wm_extract_add_slot         (const char             *path,
                                             const char             *passphrase,
                                             WmExtractRole           role,
                                             const char             *new_passphrase,
                                             WmExtractKdfLevel       kdf,
                                             GCancellable           *cancellable,
                                             GError                **error);
gboolean        wm_extract_remove_slot      (const char             *path,
                                             const char             *passphrase,
                                             guint                   slot,
                                             GCancellable           *cancellable,
                                             GError                **error);
gboolean        wm_extract_rekey            (const char             *path,
                                             const char             *passphrase,
                                             const char             *new_passphrase,
                                             WmExtractKdfLevel       kdf,
                                             guint                  *n_dropped,
                                             GCancellable           *cancellable,
                                             GError                **error);

GBytes         *wm_extract_serialize_db     (sqlite3                *db,
                                             const char             *schema,
                                             GError                **error);
GBytes         *wm_extract_serialize_file   (const char             *path,
                                             GError                **error);

gboolean        wm_extract_file_looks_like_extract (const char      *path);
WmExtractInfo  *wm_extract_info_read        (const char             *path,
                                             GError                **error);
void            wm_extract_info_free        (WmExtractInfo          *info);

const char     *wm_extract_role_to_string   (WmExtractRole           role);
gboolean        wm_extract_role_from_string (const char             *text,
                                             WmExtractRole          *role);
const char     *wm_extract_role_get_label   (WmExtractRole           role);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmExtractInfo, wm_extract_info_free)

G_END_DECLS
