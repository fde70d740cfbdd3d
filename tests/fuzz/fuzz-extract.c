/* fuzz-extract.c — libFuzzer target for the extract's header parser and
 * stream reader (`make fuzz`)
 *
 * Built with -DWM_EXTRACT_FUZZING, which makes the header checksum advisory
 * and every key derivation cost the minimum, so the fuzzer gets past the
 * checksum into the fields, the slots and the sections.
 *
 * The first input byte picks a mode:
 *   even: the rest is a whole file, read with the passphrase "fuzz" (the
 *         seeds in tests/fuzz/corpus-extract are valid extracts for it), and
 *         described as `extract info` would;
 *   odd:  structure-aware: the rest picks one of a few valid extracts made at
 *         start-up and up to 8 mutations of it (xor a byte, cut, insert,
 *         duplicate a range); it is read with the keys derived at start-up,
 *         and must either fail or give back exactly the original plaintext.
 *
 * The seeds are written by the target itself:
 *   WM_FUZZ_WRITE_SEEDS=tests/fuzz/corpus-extract build-fuzz/fuzz-extract
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#define _GNU_SOURCE  /* memfd_create */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "wm-extract-private.h"

#define PASSPHRASE "fuzz"
#define N_BASES 4

typedef struct {
  guint8 *bytes;
  gsize len;
  guint8 *data;
  gsize data_size;
  guint8 *ids;
  gsize ids_size;
  WmExtractKeys *keys;
} Base;

static Base bases[N_BASES];
static char *scratch_dir;

static int
memfd_with (const guint8 *bytes,
            gsize         len)
{
  int fd = memfd_create ("fuzz.wmx", MFD_CLOEXEC);

  if (fd < 0 || (len > 0 && write (fd, bytes, len) != (gssize) len))
    abort ();
  return fd;
}

static guint8 *
pattern (gsize   len,
         guint32 seed)
{
  guint8 *p = g_malloc (MAX (len, 1));

  for (gsize i = 0; i < len; i++)
    {
      seed = seed * 1103515245 + 12345;
      p[i] = seed >> 16;
    }
  return p;
}

/* Valid extracts of different shapes, and their caseworker keys. */
static void
make_bases (void)
{
  const struct { gsize data; gsize ids; guint chunk_log2; guint slots; } shapes[N_BASES] = {
    { 0, 0, 10, 1 },
    { 1024, 0, 10, 2 },
    { 3000, 700, 10, 2 },
    { 5000, 2048, 11, 3 },
  };

  scratch_dir = g_dir_make_tmp ("fuzz-extract-XXXXXX", NULL);
  for (guint b = 0; b < N_BASES; b++)
    {
      g_autofree char *path = g_build_filename (scratch_dir, "base.wmx", NULL);
      WmExtractSlotSpec slots[3] = {
        { WM_EXTRACT_ROLE_ANALYST, "analyst" },
        { WM_EXTRACT_ROLE_CASEWORKER, PASSPHRASE },
        { WM_EXTRACT_ROLE_ANALYST, "another" },
      };
      WmExtractWriteOptions options = { .chunk_log2 = shapes[b].chunk_log2 };
      WmExtractContent *content;
      GError *error = NULL;

      bases[b].data_size = shapes[b].data;
      bases[b].ids_size = shapes[b].ids;
      bases[b].data = pattern (shapes[b].data, b + 1);
      bases[b].ids = pattern (shapes[b].ids, b + 100);
      if (!wm_extract_write (path, bases[b].data, shapes[b].data, bases[b].ids, shapes[b].ids, shapes[b].ids > 0,
                             slots + (shapes[b].slots == 1 ? 1 : 0), shapes[b].slots, NULL,
                             WM_EXTRACT_KDF_MINIMUM, &options, NULL, &error))
        g_error ("%s", error->message);
      if (!g_file_get_contents (path, (char **) &bases[b].bytes, &bases[b].len, NULL))
        abort ();
      content = wm_extract_read (path, PASSPHRASE, NULL, NULL, &error);
      if (content == NULL)
        g_error ("%s", error->message);
      bases[b].keys = wm_extract_keys_new ();
      memcpy (bases[b].keys, content->keys, sizeof *bases[b].keys);
      wm_extract_content_free (content);
      g_unlink (path);
    }
  g_rmdir (scratch_dir);
}

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* WM_FUZZ_WRITE_SEEDS=DIR: writes the seed corpus (tests/fuzz/corpus-extract). */
static void
write_seeds (const char *dir)
{
  for (guint b = 0; b < N_BASES; b++)
    {
      g_autofree char *whole = g_strdup_printf ("%s/file-%u", dir, b);
      g_autofree char *mutated = g_strdup_printf ("%s/mutated-%u", dir, b);
      g_autofree guint8 *p = g_malloc (bases[b].len + 1);
      /* mode 1, base b, then: xor a byte of the body, cut near the end */
      guint8 m[] = { 1, b, 0, 0x90, 0x01, 0x10, 1, (bases[b].len - 3) & 0xff, (bases[b].len - 3) >> 8, 0 };

      p[0] = 0;
      memcpy (p + 1, bases[b].bytes, bases[b].len);
      if (!g_file_set_contents (whole, (char *) p, bases[b].len + 1, NULL) ||
          !g_file_set_contents (mutated, (char *) m, sizeof m, NULL))
        abort ();
    }
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  if (!wm_extract_sodium_init (NULL))
    abort ();
  make_bases ();
  if (g_getenv ("WM_FUZZ_WRITE_SEEDS") != NULL)
    {
      write_seeds (g_getenv ("WM_FUZZ_WRITE_SEEDS"));
      exit (0);
    }
  return 0;
}

static void
read_whole_file (const guint8 *bytes,
                 gsize         len)
{
  WmExtractReadOptions options = { .allow_expired = TRUE };
  g_autofree char *proc = NULL;
  WmExtractContent *content;
  WmExtractInfo *info;
  GError *error = NULL;
  int fd = memfd_with (bytes, len);

  content = wm_extract_read_fd (fd, len, "fuzz.wmx", PASSPHRASE, &options, NULL, &error);
  if (content != NULL)
    wm_extract_content_free (content);
  g_clear_error (&error);

  proc = g_strdup_printf ("/proc/self/fd/%d", fd);
  info = wm_extract_info_read (proc, &error);
  wm_extract_info_free (info);
  g_clear_error (&error);
  close (fd);
}

static void
mutate_and_read (const guint8 *in,
                 gsize         len)
{
  const Base *base;
  WmExtractReadOptions options = { .allow_expired = TRUE };
  g_autoptr(GByteArray) file = g_byte_array_new ();
  WmExtractContent *content;
  GError *error = NULL;
  gboolean unchanged;
  int fd;

  if (len < 1)
    return;
  base = &bases[in[0] % N_BASES];
  g_byte_array_append (file, base->bytes, base->len);
  in++;
  len--;
  for (int m = 0; m < 8 && len >= 4; m++, in += 4, len -= 4)
    {
      guint at = (in[1] | (in[2] << 8)) % (file->len + 1);

      switch (in[0] % 4)
        {
        case 0:
          if (at < file->len)
            file->data[at] ^= in[3];
          break;
        case 1:
          g_byte_array_set_size (file, at);
          break;
        case 2:
          g_array_insert_vals ((GArray *) file, at, &in[3], 1);
          break;
        default:
          {
            guint n = MIN ((guint) in[3] + 1, file->len - at);
            g_autofree guint8 *copy = g_memdup2 (file->data + at, n);

            g_array_insert_vals ((GArray *) file, at, copy, n);
          }
        }
    }

  unchanged = file->len == base->len && memcmp (file->data, base->bytes, base->len) == 0;
  options.keys = base->keys;
  fd = memfd_with (file->data, file->len);
  content = wm_extract_read_fd (fd, file->len, "fuzz.wmx", NULL, &options, NULL, &error);
  close (fd);
  if (content != NULL)
    {
      /* Whatever was changed, what comes out is what went in, or nothing. */
      if (content->data_size != base->data_size ||
          memcmp (content->data, base->data, base->data_size) != 0 ||
          content->identity_size != base->ids_size ||
          (base->ids_size > 0 && memcmp (content->identities, base->ids, base->ids_size) != 0))
        abort ();
      wm_extract_content_free (content);
    }
  else
    {
      if (unchanged || error == NULL || error->domain != WM_EXTRACT_ERROR ||
          error->code == WM_EXTRACT_ERROR_WRONG_PASSPHRASE)
        abort ();
      g_error_free (error);
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  if (size == 0)
    return 0;
  if (data[0] % 2 == 0)
    read_whole_file (data + 1, size - 1);
  else
    mutate_and_read (data + 1, size - 1);
  return 0;
}
