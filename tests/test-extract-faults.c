/* test-extract-faults.c — saving never loses the old file: every system call
 * of every kind of save fails in turn (EIO, ENOSPC, a short write), and a
 * child process is killed with SIGKILL at random points of a save
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "extract-test-util.h"
#include "wm-test-util.h"

#define OLD_PASS "old passphrase"
#define NEW_PASS "new passphrase"
#define BODY     (2500 * 1024)   /* several 1 MiB writes per save */

typedef enum {
  OP_CREATE,       /* a new extract over the old one */
  OP_ADD_SLOT,
  OP_REMOVE_SLOT,
  OP_REKEY,
  N_OPS
} Op;

static const char *op_names[] = { "create", "add-slot", "remove-slot", "rekey" };

typedef struct {
  guint calls;        /* system calls so far */
  guint fail_at;      /* the call that fails (1-based); 0: none */
  int fail_errno;     /* 0: a short write instead of a failure */
  gboolean renamed;   /* a rename succeeded before the failure */
  gboolean failed_after_rename;
  gboolean injected;
  const char *failed_call;
} Faults;

static gboolean
strike (Faults *f, const char *call)
{
  f->calls++;
  if (f->calls != f->fail_at)
    return FALSE;
  f->injected = TRUE;
  f->failed_after_rename = f->renamed;
  f->failed_call = call;
  return TRUE;
}

static int
faulty_open (const char *path, int flags, int mode, gpointer data)
{
  if (strike (data, "open") && ((Faults *) data)->fail_errno != 0)
    {
      errno = ((Faults *) data)->fail_errno;
      return -1;
    }
  return open (path, flags, mode);
}

static gssize
faulty_write (int fd, const void *buf, gsize len, gpointer data)
{
  Faults *f = data;

  if (strike (f, "write"))
    {
      if (f->fail_errno == 0)
        return write (fd, buf, MAX (1, len / 2));  /* short, not failed: the loop must go on */
      errno = f->fail_errno;
      return -1;
    }
  return write (fd, buf, len);
}

static int
faulty_fsync (int fd, gpointer data)
{
  if (strike (data, "fsync") && ((Faults *) data)->fail_errno != 0)
    {
      errno = ((Faults *) data)->fail_errno;
      return -1;
    }
  return fsync (fd);
}

static int
faulty_close (int fd, gpointer data)
{
  int rc = close (fd);

  if (strike (data, "close") && ((Faults *) data)->fail_errno != 0)
    {
      errno = ((Faults *) data)->fail_errno;
      return -1;
    }
  return rc;
}

static int
faulty_rename (const char *from, const char *to, gpointer data)
{
  Faults *f = data;

  if (strike (f, "rename") && f->fail_errno != 0)
    {
      errno = f->fail_errno;
      return -1;
    }
  if (rename (from, to) != 0)
    return -1;
  f->renamed = TRUE;
  return 0;
}

static int
plain_unlink (const char *path, gpointer data)
{
  return unlink (path);
}

typedef struct {
  char *dir;
  char *path;
  guint8 *old_data;
  guint8 *new_data;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->dir = wm_test_tmpdir ();
  f->path = g_build_filename (f->dir, "extract.wmx", NULL);
  f->old_data = xt_random_bytes (BODY, 1);
  f->new_data = xt_random_bytes (BODY, 2);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  wm_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->old_data);
  g_free (f->new_data);
}

static void
write_min (const char *path, const guint8 *data, const char *const *passes, guint n,
           const WmExtractWriteOptions *options, GError **error)
{
  WmExtractSlotSpec slots[2];

  for (guint i = 0; i < n; i++)
    {
      slots[i].role = WM_EXTRACT_ROLE_CASEWORKER;
      slots[i].passphrase = passes[i];
    }
  wm_extract_write (path, data, BODY, data, 1000, TRUE, slots, n, NULL, WM_EXTRACT_KDF_MINIMUM,
                    options, NULL, error);
}

/* The file before each operation: OLD_PASS (and NEW_PASS for remove-slot)
 * over old_data. */
static void
prepare (Fixture *f, Op op)
{
  g_autoptr(GError) error = NULL;
  const char *passes[] = { OLD_PASS, NEW_PASS };

  write_min (f->path, f->old_data, passes, op == OP_REMOVE_SLOT ? 2 : 1, NULL, &error);
  g_assert_no_error (error);
}

static gboolean
run_op (Fixture *f, Op op, const WmExtractWriteOptions *options, GError **error)
{
  const char *passes[] = { NEW_PASS };

  switch (op)
    {
    case OP_CREATE:
      write_min (f->path, f->new_data, passes, 1, options, error);
      return error == NULL || *error == NULL;
    case OP_ADD_SLOT:
      return wm_extract_add_slot_full (f->path, OLD_PASS, WM_EXTRACT_ROLE_CASEWORKER, NEW_PASS,
                                       WM_EXTRACT_KDF_MINIMUM, options, NULL, error);
    case OP_REMOVE_SLOT:
      return wm_extract_remove_slot_full (f->path, OLD_PASS, 1, options, NULL, error);
    case OP_REKEY:
      return wm_extract_rekey_full (f->path, OLD_PASS, NEW_PASS, WM_EXTRACT_KDF_MINIMUM, NULL, options, NULL, error);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
opens_with (const char *path, const char *pass, const guint8 *data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WmExtractContent) content = wm_extract_read (path, pass, NULL, NULL, &error);

  if (content == NULL)
    {
      if (!g_error_matches (error, WM_EXTRACT_ERROR, WM_EXTRACT_ERROR_WRONG_PASSPHRASE))
        g_error ("%s does not open: %s", path, error->message);
      return FALSE;
    }
  g_assert_cmpmem (content->data, content->data_size, data, BODY);
  g_assert_cmpmem (content->identities, content->identity_size, data, 1000);
  return TRUE;
}

/* What is at the path: the old version or the new one, whole. */
static gboolean
holds_new (Fixture *f, Op op)
{
  switch (op)
    {
    case OP_CREATE:
      if (opens_with (f->path, NEW_PASS, f->new_data))
        return TRUE;
      g_assert_true (opens_with (f->path, OLD_PASS, f->old_data));
      return FALSE;
    case OP_ADD_SLOT:
      g_assert_true (opens_with (f->path, OLD_PASS, f->old_data));
      return opens_with (f->path, NEW_PASS, f->old_data);
    case OP_REMOVE_SLOT:
      g_assert_true (opens_with (f->path, OLD_PASS, f->old_data));
      return !opens_with (f->path, NEW_PASS, f->old_data);
    case OP_REKEY:
      if (opens_with (f->path, NEW_PASS, f->old_data))
        {
          g_assert_false (opens_with (f->path, OLD_PASS, f->old_data));
          return TRUE;
        }
      g_assert_true (opens_with (f->path, OLD_PASS, f->old_data));
      return FALSE;
    default:
      g_assert_not_reached ();
    }
}

static guint
count_temp_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (d)) != NULL)
    n += g_str_has_suffix (name, ".tmp");
  return n;
}

/* Fail call 1, 2, … of each operation until one runs through untouched. */
static void
test_each_call_fails (Fixture *f, gconstpointer data)
{
  const int errnos[] = { EIO, ENOSPC, 0 };
  guint total = 0;

  for (Op op = 0; op < N_OPS; op++)
    for (gsize e = 0; e < G_N_ELEMENTS (errnos); e++)
      for (guint k = 1;; k++)
        {
          g_autoptr(GError) error = NULL;
          Faults faults = { .fail_at = k, .fail_errno = errnos[e] };
          WmExtractIo io = { faulty_open, faulty_write, faulty_fsync, faulty_close, faulty_rename,
                             plain_unlink, &faults };
          WmExtractWriteOptions options = { .io = &io };
          gboolean ok;

          prepare (f, op);
          ok = run_op (f, op, &options, &error);
          if (!faults.injected)
            {
              /* past the last call: the operation ran untouched */
              g_assert_no_error (error);
              g_assert_true (holds_new (f, op));
              g_assert_cmpuint (k, >=, 9);  /* open, ≥ 3 writes, fsync, close, rename, folder open+fsync */
              total += k - 1;
              break;
            }
          g_assert_cmpuint (count_temp_files (f->dir), ==, 0);
          if (errnos[e] == 0 || (faults.failed_after_rename && g_str_equal (faults.failed_call, "close")))
            {
              /* a short write is not an error; nor is closing the folder */
              g_assert_no_error (error);
              g_assert_true (ok);
              g_assert_true (holds_new (f, op));
            }
          else if (faults.failed_after_rename)
            {
              /* only the folder's fsync failed: the new file is in place,
               * and the error does not claim otherwise */
              g_assert_false (ok);
              xt_assert_error (error, WM_EXTRACT_ERROR_IO);
              g_assert_nonnull (strstr (error->message, "was saved, but"));
              g_assert_true (holds_new (f, op));
            }
          else
            {
              g_assert_false (ok);
              xt_assert_error (error, WM_EXTRACT_ERROR_IO);
              g_assert_nonnull (strstr (error->message, g_strerror (errnos[e])));
              g_assert_nonnull (strstr (error->message, "the previous file is unchanged"));
              if (!holds_new (f, op))
                continue;
              g_error ("%s: call %u (%s) failed, yet the new file is in place", op_names[op], k, faults.failed_call);
            }
        }
  g_test_message ("%u injected failures, each followed by a check of the file", total);
}

/* The save a child performs, then _exit(): no atexit, no leak check. */
static void G_GNUC_NORETURN
child_save (Fixture *f, const guint8 *data)
{
  g_autoptr(GError) error = NULL;
  const char *passes[] = { NEW_PASS };

  write_min (f->path, data, passes, 1, NULL, &error);
  _exit (error == NULL ? 0 : 3);
}

/* SIGKILL at a random moment of a save, 50 times: the path holds the old
 * extract or the new one, whole; never a mix, never nothing. */
static void
test_sigkill (Fixture *f, gconstpointer data)
{
  const char *passes[] = { NEW_PASS };
  g_autoptr(GError) error = NULL;
  const guint8 *current, *next;
  guint old_seen = 0, new_seen = 0, temps = 0;
  gint64 start, span;

  write_min (f->path, f->old_data, passes, 1, NULL, &error);
  g_assert_no_error (error);
  /* how long one save takes here */
  start = g_get_monotonic_time ();
  write_min (f->path, f->new_data, passes, 1, NULL, &error);
  g_assert_no_error (error);
  span = MAX (g_get_monotonic_time () - start, 1000);
  current = f->new_data;

  for (int run = 0; run < 50; run++)
    {
      pid_t pid;
      int status;

      next = current == f->old_data ? f->new_data : f->old_data;
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        child_save (f, next);
      g_usleep (g_test_rand_int_range (0, span * 12 / 10));
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);

      {
        g_autoptr(WmExtractContent) content = wm_extract_read (f->path, NEW_PASS, NULL, NULL, &error);

        g_assert_no_error (error);
        g_assert_cmpuint (content->data_size, ==, BODY);
        if (memcmp (content->data, next, BODY) == 0)
          {
            current = next;
            new_seen++;
          }
        else
          {
            g_assert_cmpmem (content->data, BODY, current, BODY);
            old_seen++;
          }
      }
      temps += count_temp_files (f->dir);
      {
        g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
        const char *name;

        /* a killed save may leave its temp file: ciphertext only; clear it */
        while ((name = g_dir_read_name (d)) != NULL)
          if (g_str_has_suffix (name, ".tmp"))
            {
              g_autofree char *tmp = g_build_filename (f->dir, name, NULL);
              g_unlink (tmp);
            }
      }
    }
  g_test_message ("50 kills: %u left the old extract, %u the new one, %u temp files left behind",
                  old_seen, new_seen, temps);
  g_assert_cmpuint (old_seen + new_seen, ==, 50);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/extract-faults/each-call-fails", Fixture, NULL, fixture_setup, test_each_call_fails, fixture_teardown);
  g_test_add ("/extract-faults/sigkill", Fixture, NULL, fixture_setup, test_sigkill, fixture_teardown);

  return g_test_run ();
}
