/* wm-extract-secure.c — where plaintext lives: memory kept out of core
 * dumps, swap and forked children, and a process that cannot dump core
 * while any extract is open
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include "wm-extract-private.h"

#define HUGE_PAGE (G_GUINT64_CONSTANT (2) << 20)

static GMutex guard_lock;
static guint guard_depth;
static int saved_dumpable;
static struct rlimit saved_core;
static gboolean saved_core_valid;

void
wm_extract_dump_guard_acquire (void)
{
  g_mutex_lock (&guard_lock);
  if (guard_depth++ == 0)
    {
      struct rlimit none;

      saved_dumpable = prctl (PR_GET_DUMPABLE, 0, 0, 0, 0);
      saved_core_valid = getrlimit (RLIMIT_CORE, &saved_core) == 0;
      prctl (PR_SET_DUMPABLE, 0, 0, 0, 0);
      if (saved_core_valid)
        {
          none.rlim_cur = 0;
          none.rlim_max = saved_core.rlim_max;
          setrlimit (RLIMIT_CORE, &none);
        }
    }
  g_mutex_unlock (&guard_lock);
}

void
wm_extract_dump_guard_release (void)
{
  g_mutex_lock (&guard_lock);
  g_assert (guard_depth > 0);
  if (--guard_depth == 0)
    {
      if (saved_core_valid)
        setrlimit (RLIMIT_CORE, &saved_core);
      /* prctl accepts only 0 and 1; 2 (suid_dumpable) cannot be restored. */
      if (saved_dumpable == 1)
        prctl (PR_SET_DUMPABLE, 1, 0, 0, 0);
    }
  g_mutex_unlock (&guard_lock);
}

guint
wm_extract_dump_guard_depth (void)
{
  guint depth;

  g_mutex_lock (&guard_lock);
  depth = guard_depth;
  g_mutex_unlock (&guard_lock);
  return depth;
}

static gsize
mapped_size (guint64 size)
{
  gsize page = sysconf (_SC_PAGESIZE);

  return MAX (page, (size + page - 1) / page * page);
}

/**
 * wm_extract_plain_alloc:
 *
 * A buffer for @size bytes of plaintext (never %NULL on success, even for
 * 0 bytes), allocated once at its final size: anonymous memory aligned for
 * transparent huge pages (a fresh 200 MB buffer otherwise costs more in page
 * faults than its decryption), out of core dumps, zeroed in forked children,
 * and locked in RAM when RLIMIT_MEMLOCK allows.
 */
guint8 *
wm_extract_plain_alloc (guint64      size,
                        const char  *path,
                        GError     **error)
{
  gsize len, span;
  guint8 *base, *buf;
  guintptr aligned;

  if (size > G_MAXSIZE - 2 * HUGE_PAGE)
    goto no_memory;
  len = mapped_size (size);
  span = len >= HUGE_PAGE ? len + HUGE_PAGE : len;
  base = mmap (NULL, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (base == MAP_FAILED)
    goto no_memory;
  buf = base;
  if (span != len)
    {
      aligned = ((guintptr) base + HUGE_PAGE - 1) & ~(guintptr) (HUGE_PAGE - 1);
      buf = (guint8 *) aligned;
      if (buf > base)
        munmap (base, buf - base);
      if (base + span > buf + len)
        munmap (buf + len, (base + span) - (buf + len));
      madvise (buf, len, MADV_HUGEPAGE);
    }
  madvise (buf, len, MADV_DONTDUMP);
#ifdef MADV_WIPEONFORK
  madvise (buf, len, MADV_WIPEONFORK);
#endif
  mlock (buf, len);  /* best effort: keeps plaintext out of swap */
  return buf;

no_memory:
  {
    g_autofree char *need = g_format_size (size);
    wm_extract_fail (error, WM_EXTRACT_ERROR_NO_MEMORY, path,
                     _("there is not enough memory to open the extract (%s needed) — "
                       "close other programs, or use a computer with more memory"),
                     need);
  }
  return NULL;
}

void
wm_extract_plain_free (guint8  *buf,
                       guint64  size)
{
  gsize len;

  if (buf == NULL)
    return;
  len = mapped_size (size);
  sodium_memzero (buf, size);
  munlock (buf, len);
  munmap (buf, len);
}
