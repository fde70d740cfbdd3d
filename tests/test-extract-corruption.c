/* test-extract-corruption.c — damaged extracts: every header byte, random
 * bit flips in the body, truncation at every chunk boundary, chunks swapped
 * and duplicated, trailing bytes, forged tags, files that are not extracts
 *
 * The promise: each case is rejected with its own clear reason; damage is
 * "damaged", a wrong passphrase is "wrong passphrase", never the other way
 * round; nothing crashes (the suite runs under ASan and UBSan).
 *
 * Deriving a key costs 0.1 s at INTERACTIVE, so body cases go through the
 * internal entry that takes the keys derived once (options.keys); header
 * and size cases are rejected before any derivation, so they go through
 * the passphrase path, and a few body cases too. test-extract.c opens real
 * databases end to end through wm_extract_open().
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gstdio.h>

#include "extract-test-util.h"
#include "wm-test-util.h"

#define CHUNK_LOG2 10
#define CHUNK      (1 << CHUNK_LOG2)
#define DATA_SIZE  (20 * CHUNK + 100)   /* 21 chunks, the last of 100 bytes */
#define IDS_SIZE   (5 * CHUNK)          /* exactly 5 chunks */
#define HEADER     392                  /* 64 + 2 × 132 + 64 */

typedef struct {
  char *dir;
  char *good;        /* the intact extract */
  char *bad;         /* where each damaged copy goes */
  guint8 *bytes;     /* the intact file */
  gsize len;
  guint8 *data;      /* its plaintext */
  guint8 *ids;
  WmExtractKeys *keys;  /* caseworker keys, derived once */
} Corpus;

static Corpus corpus;

/* Where chunk @i of a section starts: after the header, the section's
 * 24-byte secretstream header, and the chunks before it (§4). */
static gsize
data_chunk (guint i)
{
  return HEADER + 24 + i * (CHUNK + 17);
}

static gsize
ids_start (void)
{
  return HEADER + 24 + DATA_SIZE + 21 * 17;
}

static gsize
ids_chunk (guint i)
{
  return ids_start () + 24 + i * (CHUNK + 17);
}

static void
corpus_setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmExtractContent) content = NULL;

  corpus.dir = wm_test_tmpdir ();
  corpus.good = g_build_filename (corpus.dir, "good.wmx", NULL);
  corpus.bad = g_build_filename (corpus.dir, "bad.wmx", NULL);
  corpus.data = xt_random_bytes (DATA_SIZE, 11);
  corpus.ids = xt_random_bytes (IDS_SIZE, 13);
  xt_write_extract (corpus.good, corpus.data, DATA_SIZE, corpus.ids, IDS_SIZE, CHUNK_LOG2,
                    WM_EXTRACT_KDF_INTERACTIVE);
  g_assert_true (g_file_get_contents (corpus.good, (char **) &corpus.bytes, &corpus.len, NULL));
  g_assert_cmpuint (corpus.len, ==, ids_chunk (5));
  content = wm_extract_read (corpus.good, TEST_CASEWORKER, NULL, NULL, &error);
  g_assert_no_error (error);
  corpus.keys = wm_extract_keys_new ();
  memcpy (corpus.keys, content->keys, sizeof *corpus.keys);
}

static void
corpus_teardown (void)
{
  wm_test_rmdir (corpus.dir);
  g_free (corpus.dir);
  g_free (corpus.good);
  g_free (corpus.bad);
  g_free (corpus.bytes);
  g_free (corpus.data);
  g_free (corpus.ids);
  wm_extract_keys_free (corpus.keys);
}

static guint8 *
copy_good (void)
{
  return g_memdup2 (corpus.bytes, corpus.len);
}

/* Reads corpus.bad with the keys derived once: the full read, both sections. */
static GError *
read_with_keys (void)
{
  WmExtractReadOptions options = { .keys = corpus.keys };
  GError *error = NULL;
  WmExtractContent *content = wm_extract_read (corpus.bad, NULL, &options, NULL, &error);

  if (content != NULL)
    {
      /* Only acceptable when what came out is exactly what went in. */
      g_assert_cmpmem (content->data, content->data_size, corpus.data, DATA_SIZE);
      g_assert_cmpmem (content->identities, content->identity_size, corpus.ids, IDS_SIZE);
      wm_extract_content_free (content);
    }
  return error;
}

/* The passphrase path: what wm_extract_open() does before handing the
 * plaintext to SQLite (this corpus is random bytes, not a database). */
static GError *
open_public (const char *passphrase)
{
  GError *error = NULL;
  WmExtractContent *content = wm_extract_read (corpus.bad, passphrase, NULL, NULL, &error);

  g_assert_true ((content == NULL) != (error == NULL));
  g_clear_pointer (&content, wm_extract_content_free);
  return error;
}

static void
expect_error (GError *error, WmExtractError code, const char *fragment)
{
  if (error == NULL)
    g_error ("a damaged file was accepted (expected: %s)", fragment);
  xt_assert_error (error, code);
  g_assert_nonnull (strstr (error->message, corpus.bad));
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("expected “%s” in: %s", fragment, error->message);
  g_error_free (error);
}

static void
write_bad (const guint8 *bytes, gsize len)
{
  xt_write_file (corpus.bad, bytes, len);
}

/* Every byte of the header, three ways: rejected as damaged before any key
 * is derived, whichever passphrase is typed, never as a wrong passphrase. */
static void
test_header_bytes (void)
{
  const guint8 flips[] = { 0x01, 0x80, 0xff };

  for (gsize i = 0; i < HEADER; i++)
    for (gsize j = 0; j < G_N_ELEMENTS (flips); j++)
      {
        g_autofree guint8 *p = copy_good ();

        p[i] ^= flips[j];
        write_bad (p, corpus.len);
        expect_error (open_public (TEST_ANALYST), WM_EXTRACT_ERROR_DAMAGED, NULL);
        expect_error (open_public ("not the passphrase"), WM_EXTRACT_ERROR_DAMAGED, NULL);
      }
  /* and the reason names the part: */
  {
    g_autofree guint8 *p = copy_good ();

    p[3] ^= 0x20;
    write_bad (p, corpus.len);
    expect_error (open_public (TEST_ANALYST), WM_EXTRACT_ERROR_DAMAGED, "signature");
    p[3] ^= 0x20;
    p[200] ^= 0x04;
    write_bad (p, corpus.len);
    expect_error (open_public (TEST_ANALYST), WM_EXTRACT_ERROR_DAMAGED, "checksum");
    p[200] ^= 0x04;
    p[60] = 3;  /* three slots in a header sized for two */
    write_bad (p, corpus.len);
    expect_error (open_public (TEST_ANALYST), WM_EXTRACT_ERROR_DAMAGED, "header length");
  }
}

/* 2,000 random single-bit flips in the body (seeded, so a failure replays
 * with the same --seed). */
static void
test_body_bit_flips (void)
{
  g_autofree guint8 *p = copy_good ();
  guint in_data = 0, in_ids = 0;

  for (int n = 0; n < 2000; n++)
    {
      gsize at = g_test_rand_int_range (HEADER, corpus.len);
      guint8 bit = 1 << g_test_rand_int_range (0, 8);

      p[at] ^= bit;
      write_bad (p, corpus.len);
      expect_error (read_with_keys (), WM_EXTRACT_ERROR_DAMAGED, NULL);
      p[at] ^= bit;
      if (at < ids_start ())
        in_data++;
      else
        in_ids++;
    }
  g_assert_cmpuint (in_data, >, 1000);
  g_assert_cmpuint (in_ids, >, 100);

  /* End to end, a few: the passphrase is right, so the reason is damage. */
  p[data_chunk (3) + 500] ^= 0x10;
  write_bad (p, corpus.len);
  expect_error (open_public (TEST_CASEWORKER), WM_EXTRACT_ERROR_DAMAGED,
                "block 4 of 21 of the pseudonymised data fails its integrity check");
  expect_error (open_public (TEST_ANALYST), WM_EXTRACT_ERROR_DAMAGED, "block 4 of 21");
  /* A wrong passphrase on a damaged body is a wrong passphrase: the body
   * is never read before a slot opens. */
  expect_error (open_public ("not the passphrase"), WM_EXTRACT_ERROR_WRONG_PASSPHRASE, NULL);
  p[data_chunk (3) + 500] ^= 0x10;

  p[ids_chunk (4) + 7] ^= 0x01;
  write_bad (p, corpus.len);
  expect_error (open_public (TEST_CASEWORKER), WM_EXTRACT_ERROR_DAMAGED,
                "block 5 of 5 of the identities fails its integrity check");
  p[ids_chunk (4) + 7] ^= 0x01;

  /* the secretstream header of the identities section */
  p[ids_start () + 3] ^= 0x40;
  write_bad (p, corpus.len);
  expect_error (read_with_keys (), WM_EXTRACT_ERROR_DAMAGED, "block 1 of 5 of the identities");
}

/* Cut at every chunk boundary and one byte either side, and at every
 * length inside the header: incomplete, before any key is derived. */
static void
test_truncation (void)
{
  g_autoptr(GArray) cuts = g_array_new (FALSE, FALSE, sizeof (gsize));

  for (gsize len = 1; len <= HEADER + 24 + 2; len++)
    g_array_append_val (cuts, len);
  for (guint i = 0; i <= 21; i++)
    {
      gsize b = data_chunk (i);
      gsize around[] = { b - 1, b, b + 1 };
      g_array_append_vals (cuts, around, 3);
    }
  for (guint i = 0; i <= 5; i++)
    {
      gsize b = ids_chunk (i);
      gsize around[] = { b - 1, b, b + 1 };
      g_array_append_vals (cuts, around, 3);
    }
  {
    gsize b = ids_start ();
    gsize around[] = { b - 1, b, b + 1, corpus.len - 1 };
    g_array_append_vals (cuts, around, 4);
  }

  for (guint i = 0; i < cuts->len; i++)
    {
      gsize len = g_array_index (cuts, gsize, i);

      if (len >= corpus.len)
        continue;  /* the last boundary + 1 is past the end: trailing bytes, below */
      write_bad (corpus.bytes, len);
      expect_error (open_public (TEST_CASEWORKER), WM_EXTRACT_ERROR_TRUNCATED, "incomplete");
    }
  write_bad (corpus.bytes, 0);
  expect_error (open_public (TEST_CASEWORKER), WM_EXTRACT_ERROR_EMPTY, "empty");
}

static void
swap_chunks (guint8 *p, gsize a, gsize b, gsize len)
{
  g_autofree guint8 *t = g_memdup2 (p + a, len);

  memmove (p + a, p + b, len);
  memcpy (p + b, t, len);
}

static void
test_chunks_moved (void)
{
  gsize whole = CHUNK + 17;

  for (guint i = 0; i + 1 < 20; i += 3)
    {
      g_autofree guint8 *p = copy_good ();

      swap_chunks (p, data_chunk (i), data_chunk (i + 1), whole);
      write_bad (p, corpus.len);
      expect_error (read_with_keys (), WM_EXTRACT_ERROR_DAMAGED, "fails its integrity check");
    }
  {
    g_autofree guint8 *p = copy_good ();

    /* a chunk of the identities in place of one of the data: other key, other section */
    swap_chunks (p, data_chunk (2), ids_chunk (1), whole);
    write_bad (p, corpus.len);
    expect_error (read_with_keys (), WM_EXTRACT_ERROR_DAMAGED, "block 3 of 21 of the pseudonymised data");
    /* the two secretstream headers exchanged */
    memcpy (p, corpus.bytes, corpus.len);
    swap_chunks (p, HEADER, ids_start (), 24);
    write_bad (p, corpus.len);
    expect_error (read_with_keys (), WM_EXTRACT_ERROR_DAMAGED, "block 1 of 21");
  }
  {
    g_autofree guint8 *p = copy_good ();

    /* chunk 5 written over chunk 6: the same size, the wrong place */
    memcpy (p + data_chunk (6), p + data_chunk (5), whole);
    write_bad (p, corpus.len);
    expect_error (read_with_keys (), WM_EXTRACT_ERROR_DAMAGED, "block 7 of 21");
  }
  {
    g_autoptr(GByteArray) dup = g_byte_array_new ();

    /* chunk 5 duplicated: one chunk too many */
    g_byte_array_append (dup, corpus.bytes, data_chunk (6));
    g_byte_array_append (dup, corpus.bytes + data_chunk (5), whole);
    g_byte_array_append (dup, corpus.bytes + data_chunk (6), corpus.len - data_chunk (6));
    write_bad (dup->data, dup->len);
    expect_error (open_public (TEST_CASEWORKER), WM_EXTRACT_ERROR_DAMAGED, "extra bytes");
    expect_error (open_public ("not the passphrase"), WM_EXTRACT_ERROR_DAMAGED, "extra bytes");
  }
  {
    g_autoptr(GByteArray) cut = g_byte_array_new ();

    /* chunk 5 missing */
    g_byte_array_append (cut, corpus.bytes, data_chunk (5));
    g_byte_array_append (cut, corpus.bytes + data_chunk (6), corpus.len - data_chunk (6));
    write_bad (cut->data, cut->len);
    expect_error (open_public (TEST_CASEWORKER), WM_EXTRACT_ERROR_TRUNCATED, "incomplete");
  }
}

static void
test_trailing_bytes (void)
{
  const gsize extra[] = { 1, 17, 1000, CHUNK + 17 };

  for (gsize i = 0; i < G_N_ELEMENTS (extra); i++)
    {
      g_autofree guint8 *p = g_malloc0 (corpus.len + extra[i]);

      memcpy (p, corpus.bytes, corpus.len);
      if (i % 2 == 1)
        memset (p + corpus.len, 0xa5, extra[i]);
      write_bad (p, corpus.len + extra[i]);
      expect_error (open_public (TEST_CASEWORKER), WM_EXTRACT_ERROR_DAMAGED, "extra bytes");
      expect_error (read_with_keys (), WM_EXTRACT_ERROR_DAMAGED, "extra bytes");
    }
  {
    g_autofree guint8 *p = g_malloc0 (2 * corpus.len);

    /* the whole extract twice */
    memcpy (p, corpus.bytes, corpus.len);
    memcpy (p + corpus.len, corpus.bytes, corpus.len);
    write_bad (p, 2 * corpus.len);
    expect_error (open_public (TEST_CASEWORKER), WM_EXTRACT_ERROR_DAMAGED, "extra bytes");
  }
}

/* Tags can only be wrong when whoever wrote the file held the key: forge
 * them with the key and check the reader still refuses. */
static void
write_forged_data (const guint8 tags[21])
{
  guint8 key[32], ad[WM_EXTRACT_CHUNK_AD_SIZE], ss[24];
  g_autofree guint8 *p = copy_good ();
  crypto_secretstream_xchacha20poly1305_state state;
  WmExtractHeader h = { 0 };

  memcpy (h.raw, corpus.bytes, HEADER);
  wm_extract_chunk_ad (&h, WM_EXTRACT_SECTION_DATA, ad);
  wm_extract_derive_key (corpus.keys->data, 1, WM_EXTRACT_CTX_DATA, key);
  crypto_secretstream_xchacha20poly1305_init_push (&state, ss, key);
  memcpy (p + HEADER, ss, 24);
  for (guint i = 0; i < 21; i++)
    {
      gsize m = i == 20 ? 100 : CHUNK;

      crypto_secretstream_xchacha20poly1305_push (&state, p + data_chunk (i), NULL, corpus.data + i * CHUNK, m,
                                                  ad, sizeof ad, tags[i]);
    }
  write_bad (p, corpus.len);
}

static void
test_forged_tags (void)
{
  guint8 tags[21] = { 0 };
  const guint8 final = crypto_secretstream_xchacha20poly1305_TAG_FINAL;

  /* the forger's own control: the right tags read back */
  tags[20] = final;
  write_forged_data (tags);
  g_assert_null (read_with_keys ());

  tags[9] = final;
  write_forged_data (tags);
  expect_error (read_with_keys (), WM_EXTRACT_ERROR_DAMAGED, "block 10 of 21 of the pseudonymised data ends it too early");
  tags[9] = 0;
  tags[20] = 0;
  write_forged_data (tags);
  expect_error (read_with_keys (), WM_EXTRACT_ERROR_DAMAGED, "block 21 of 21 of the pseudonymised data should end it");
  tags[20] = final;
  tags[4] = crypto_secretstream_xchacha20poly1305_TAG_REKEY;
  write_forged_data (tags);
  expect_error (read_with_keys (), WM_EXTRACT_ERROR_DAMAGED, "block 5 of 21");
}

static void
test_not_extracts (void)
{
  g_autofree char *missing = g_build_filename (corpus.dir, "missing.wmx", NULL);
  g_autofree guint8 *zeros = g_malloc0 (corpus.len);
  g_autofree guint8 *noise = xt_random_bytes (corpus.len, 99);
  GError *error = NULL;
  WmExtract *extract;

  write_bad (zeros, corpus.len);
  expect_error (open_public (TEST_CASEWORKER), WM_EXTRACT_ERROR_DAMAGED, "only zero bytes");
  write_bad (zeros, 5);
  expect_error (open_public (TEST_CASEWORKER), WM_EXTRACT_ERROR_DAMAGED, "only zero bytes");
  write_bad (noise, corpus.len);
  expect_error (open_public (TEST_CASEWORKER), WM_EXTRACT_ERROR_NOT_AN_EXTRACT, "not a WelfareMap extract");
  write_bad ((const guint8 *) "SQLite format 3", 16);
  expect_error (open_public (TEST_CASEWORKER), WM_EXTRACT_ERROR_NOT_AN_EXTRACT, "not a WelfareMap extract");
  write_bad ((const guint8 *) "\x89WMX", 4);
  expect_error (open_public (TEST_CASEWORKER), WM_EXTRACT_ERROR_TRUNCATED, "incomplete");
  /* the signature, then noise: a header that does not hold */
  memcpy (noise, WM_EXTRACT_MAGIC, 8);
  write_bad (noise, corpus.len);
  expect_error (open_public (TEST_CASEWORKER), WM_EXTRACT_ERROR_DAMAGED, NULL);

  extract = wm_extract_open (corpus.dir, TEST_CASEWORKER, NULL, &error);
  g_assert_null (extract);
  xt_assert_error (error, WM_EXTRACT_ERROR_NOT_A_FILE);
  g_assert_nonnull (strstr (error->message, "folder"));
  g_clear_error (&error);
  extract = wm_extract_open (missing, TEST_CASEWORKER, NULL, &error);
  g_assert_null (extract);
  xt_assert_error (error, WM_EXTRACT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "does not exist"));
  g_clear_error (&error);
  extract = wm_extract_open ("/dev/null", TEST_CASEWORKER, NULL, &error);
  g_assert_null (extract);
  xt_assert_error (error, WM_EXTRACT_ERROR_NOT_A_FILE);
  g_clear_error (&error);

  /* and the intact file opens, by both routes */
  write_bad (corpus.bytes, corpus.len);
  g_assert_null (read_with_keys ());
  g_assert_null (open_public (TEST_CASEWORKER));
  /* authentic, but not a database: wm_extract_open() refuses it */
  extract = wm_extract_open (corpus.bad, TEST_CASEWORKER, NULL, &error);
  g_assert_null (extract);
  expect_error (error, WM_EXTRACT_ERROR_DAMAGED, "not a readable database");
  error = NULL;
  expect_error (open_public ("not the passphrase"), WM_EXTRACT_ERROR_WRONG_PASSPHRASE, "wrong passphrase");
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  corpus_setup ();

  g_test_add_func ("/extract-corruption/header-bytes", test_header_bytes);
  g_test_add_func ("/extract-corruption/body-bit-flips", test_body_bit_flips);
  g_test_add_func ("/extract-corruption/truncation", test_truncation);
  g_test_add_func ("/extract-corruption/chunks-moved", test_chunks_moved);
  g_test_add_func ("/extract-corruption/trailing-bytes", test_trailing_bytes);
  g_test_add_func ("/extract-corruption/forged-tags", test_forged_tags);
  g_test_add_func ("/extract-corruption/not-extracts", test_not_extracts);

  rc = g_test_run ();
  corpus_teardown ();
  return rc;
}
