/* bench-extract.c — opening a 200 MB extract vs the bare decryption loop
 *
 * Ours: wm_extract_open with the key already derived (the KDF is measured
 * apart): read the file, decrypt every chunk into a fresh buffer, hand it to
 * SQLite and run the first query.
 * The peer: libsodium's secretstream pull loop over the same ciphertext
 * already in memory, into an output buffer already touched — the cipher's
 * own speed, the floor under any reader.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include "wm-bench.h"
#include "wm-extract-private.h"
#include "wm-test-util.h"

#define TARGET_BYTES 200000000u  /* 200 MB */
#define ROWS         51000

/* The first query: it reads the schema and the root pages. */
static gint64
count_rows (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (sqlite3_prepare_v2 (db, "SELECT max(i) FROM b", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

typedef struct {
  char *path;
  WmExtractKeys *keys;
  WmExtractHeader header;
  guint8 *cipher;      /* the data section, in memory */
  gsize cipher_len;
  guint8 *out;         /* touched once, reused */
  guint64 plain_len;
} Bench;

/* One open; closing (zeroing 200 MB) is not timed. */
static double
open_ours (Bench *b)
{
  g_autoptr(GError) error = NULL;
  WmExtractReadOptions options = { .keys = b->keys };
  gint64 start = g_get_monotonic_time ();
  g_autoptr(WmExtract) extract = wm_extract_open_full (b->path, NULL, &options, NULL, &error);
  double seconds;

  g_assert_no_error (error);
  g_assert_cmpint (count_rows (wm_extract_get_db (extract)), ==, ROWS);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  return seconds;
}

static void
decrypt_bare (gpointer data)
{
  Bench *b = data;
  gsize chunk = (gsize) 1 << b->header.chunk_log2;
  guint64 n = (b->plain_len + chunk - 1) / chunk;
  guint8 key[32], ad[WM_EXTRACT_CHUNK_AD_SIZE];
  crypto_secretstream_xchacha20poly1305_state state;
  const guint8 *c = b->cipher + WM_EXTRACT_SS_HEADER_SIZE;

  wm_extract_chunk_ad (&b->header, WM_EXTRACT_SECTION_DATA, ad);
  wm_extract_derive_key (b->keys->data, 1, WM_EXTRACT_CTX_DATA, key);
  crypto_secretstream_xchacha20poly1305_init_pull (&state, b->cipher, key);
  for (guint64 i = 0; i < n; i++)
    {
      gsize m = i == n - 1 ? b->plain_len - i * chunk : chunk;
      unsigned char tag;

      if (crypto_secretstream_xchacha20poly1305_pull (&state, b->out + i * chunk, NULL, &tag, c,
                                                      m + WM_EXTRACT_SS_ABYTES, ad, sizeof ad) != 0)
        g_error ("bare loop: chunk %" G_GUINT64_FORMAT " does not decrypt", i);
      c += m + WM_EXTRACT_SS_ABYTES;
    }
}

static void
derive (gpointer data)
{
  WmExtractKdfLevel level = GPOINTER_TO_INT (data);
  guint32 ops, mem_kib;
  guint8 key[32], salt[16] = { 0 };

  wm_extract_kdf_params (level, &ops, &mem_kib);
  g_assert_cmpint (crypto_pwhash (key, sizeof key, "a passphrase", 12, salt, ops, (gsize) mem_kib * 1024,
                                  crypto_pwhash_ALG_ARGON2ID13), ==, 0);
}

static double
time_kdf (WmExtractKdfLevel level)
{
  return wm_bench_best_of (3, derive, GINT_TO_POINTER (level));
}

int
main (int argc, char **argv)
{
  g_autofree char *dir = wm_test_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) db_bytes = NULL;
  g_autoptr(WmExtractContent) content = NULL;
  g_autofree char *file = NULL;
  WmExtractSlotSpec slot = { WM_EXTRACT_ROLE_CASEWORKER, "bench passphrase" };
  Bench b = { 0 };
  double ours, bare, kdf_moderate, kdf_interactive, open_full;
  gsize file_len;
  sqlite3 *db;

  g_assert_true (wm_extract_sodium_init (NULL));
  b.path = g_build_filename (dir, "bench.wmx", NULL);

  /* 200 MB of incompressible rows */
  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA page_size = 4096; CREATE TABLE b (i INTEGER PRIMARY KEY, x BLOB);"
                                     "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " G_STRINGIFY (ROWS) ")"
                                     "  INSERT INTO b (x) SELECT randomblob(4000) FROM n;", NULL, NULL, NULL), ==, SQLITE_OK);
  db_bytes = wm_extract_serialize_db (db, "main", &error);
  g_assert_no_error (error);
  sqlite3_close (db);
  g_assert_cmpuint (g_bytes_get_size (db_bytes), >=, TARGET_BYTES);
  g_assert_true (wm_extract_create (b.path, db_bytes, NULL, &slot, 1, NULL, WM_EXTRACT_KDF_MODERATE, NULL, &error));
  g_assert_no_error (error);

  /* the key, derived once; the file, in the page cache; the peer's input */
  content = wm_extract_read (b.path, "bench passphrase", NULL, NULL, &error);
  g_assert_no_error (error);
  b.keys = wm_extract_keys_new ();
  memcpy (b.keys, content->keys, sizeof *b.keys);
  b.header = content->header;
  b.plain_len = content->data_size;
  g_clear_pointer (&content, wm_extract_content_free);
  g_assert_true (g_file_get_contents (b.path, &file, &file_len, NULL));
  b.cipher_len = file_len - b.header.header_size;
  b.cipher = (guint8 *) file + b.header.header_size;
  b.out = g_malloc (b.plain_len);
  memset (b.out, 0, b.plain_len);

  /* Interleaved, best of 5 each: the machine is shared, and a burst of
   * load should hit both sides alike. */
  bare = ours = G_MAXDOUBLE;
  for (int round = 0; round < 5; round++)
    {
      bare = MIN (bare, wm_bench_best_of (1, decrypt_bare, &b));
      ours = MIN (ours, open_ours (&b));
    }
  g_assert_cmpmem (b.out, b.plain_len, g_bytes_get_data (db_bytes, NULL), b.plain_len);
  wm_bench_report ("extract.open_200mb", ours * 1e3, "ms",
                   "%.2f× the bare secretstream loop; %.2f GB/s, bare %.2f GB/s; %.0f MB; KDF excluded",
                   ours / bare, b.plain_len / ours / 1e9, b.plain_len / bare / 1e9, b.plain_len / 1e6);

  kdf_moderate = time_kdf (WM_EXTRACT_KDF_MODERATE);
  kdf_interactive = time_kdf (WM_EXTRACT_KDF_INTERACTIVE);
  wm_bench_report ("extract.kdf_moderate", kdf_moderate * 1e3, "ms",
                   "Argon2id, 3 passes, 256 MiB: what every key slot costs to try; %.1f× INTERACTIVE",
                   kdf_moderate / kdf_interactive);
  wm_bench_report ("extract.kdf_interactive", kdf_interactive * 1e3, "ms",
                   "Argon2id, 2 passes, 64 MiB: tests and the demo build");
  {
    gint64 start = g_get_monotonic_time ();
    g_autoptr(WmExtract) extract = wm_extract_open (b.path, "bench passphrase", NULL, &error);

    g_assert_no_error (error);
    open_full = (g_get_monotonic_time () - start) / 1e6;
  }
  wm_bench_report ("extract.unlock_and_open_200mb", open_full * 1e3, "ms",
                   "what the user waits for: MODERATE key derivation + open; %.2f× the KDF alone",
                   open_full / kdf_moderate);
  wm_bench_report ("extract.peak_rss", wm_bench_peak_rss_mib (), "MiB", NULL);

  g_free (b.out);
  wm_extract_keys_free (b.keys);
  g_free (b.path);
  wm_test_rmdir (dir);
  return 0;
}
