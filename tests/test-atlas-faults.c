/* test-atlas-faults.c — an atlas that cannot be written leaves nothing behind
 *
 * A full disk (write(2) failing with ENOSPC part-way, through the atlas's
 * test hook), a missing folder, a folder or a file in the way of the path,
 * a cancellation between pages, in this thread or in a worker: each gives
 * its error, the file that was there keeps its bytes, and no temporary
 * file is left in the folder. Bad choices (an unknown area code, no area,
 * a year the extract lacks, a layer still being computed) are refused
 * before anything is written.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "wm-atlas-private.h"
#include "wm-test-extract.h"
#include "wm-test-pdf.h"
#include "wm-test-population.h"
#include "wm-test-util.h"

#define OLD "the atlas printed last month"

typedef struct {
  sqlite3 *db;
  WmMapModel *model;
  WmAtlas *atlas;
  char *dir;
  char *path;          /* holds OLD */
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  WmTestPopulationSpec spec = {
    .n_persons = 1500, .n_sections = 12, .n_districts = 3, .first_year = 2018, .n_years = 3, .seed = 4,
  };
  WmAtlasOptions options = { .printed_by = "Caseworker" };
  g_autoptr(GError) error = NULL;

  f->db = wm_test_extract_new (2018, 2020);
  wm_test_population_generate (f->db, &spec);
  f->model = wm_map_model_new ();
  g_assert_true (wm_map_model_load (f->model, f->db, NULL, &error));
  g_assert_true (wm_map_model_set_layer (f->model, 0, &error));
  g_assert_true (wm_map_model_wait (f->model, &error));
  g_assert_no_error (error);
  f->atlas = wm_atlas_new (f->model, f->db, &options, &error);
  g_assert_no_error (error);
  f->dir = wm_test_tmpdir ();
  f->path = g_build_filename (f->dir, "atlas.pdf", NULL);
  wm_test_write_file (f->path, OLD, -1);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  wm_atlas_set_write_func (NULL);
  g_object_unref (f->atlas);
  g_object_unref (f->model);
  sqlite3_close (f->db);
  wm_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* The folder holds the old atlas, as it was, and nothing else. */
static void
assert_untouched (Fixture *f)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  g_autofree char *content = NULL;
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_test_message ("in the folder: %s", name);
      n++;
    }
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (g_file_get_contents (f->path, &content, NULL, NULL));
  g_assert_cmpstr (content, ==, OLD);
}

static gsize budget;

/* A disk that fills up after @budget bytes. */
static ssize_t
full_disk_write (int         fd,
                 const void *buf,
                 size_t      count)
{
  if (budget == 0)
    {
      errno = ENOSPC;
      return -1;
    }
  count = MIN (count, budget);
  budget -= count;
  return write (fd, buf, count);
}

static void
test_disk_full (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *png = g_build_filename (f->dir, "page.png", NULL);

  /* first at the very start, then part-way through the pages */
  for (guint i = 0; i < 2; i++)
    {
      budget = i == 0 ? 0 : 40000;
      wm_atlas_set_write_func (full_disk_write);
      g_assert_false (wm_atlas_write_pdf (f->atlas, f->path, NULL, NULL, NULL, &error));
      g_assert_error (error, WM_ATLAS_ERROR, WM_ATLAS_ERROR_DISK_FULL);
      g_assert_true (g_str_has_prefix (error->message, f->path));
      g_assert_nonnull (strstr (error->message, "the disk is full"));
      g_assert_null (strchr (error->message, '\n'));
      g_clear_error (&error);
      assert_untouched (f);
    }
  budget = 1000;
  g_assert_false (wm_atlas_write_png (f->atlas, 2, png, 72, &error));
  g_assert_error (error, WM_ATLAS_ERROR, WM_ATLAS_ERROR_DISK_FULL);
  assert_untouched (f);

  /* the same atlas, with room on the disk */
  wm_atlas_set_write_func (NULL);
  g_clear_error (&error);
  g_assert_true (wm_atlas_write_pdf (f->atlas, f->path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (wm_test_pdf_n_pages (f->path), ==, wm_atlas_get_n_pages (f->atlas));
}

static void
test_unwritable (Fixture *f, gconstpointer data)
{
  g_autofree char *missing = g_build_filename (f->dir, "no such folder", "atlas.pdf", NULL);
  g_autofree char *under_file = g_build_filename (f->path, "atlas.pdf", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (wm_atlas_write_pdf (f->atlas, missing, NULL, NULL, NULL, &error));
  g_assert_error (error, WM_ATLAS_ERROR, WM_ATLAS_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "does not exist"));
  g_clear_error (&error);

  g_assert_false (wm_atlas_write_pdf (f->atlas, under_file, NULL, NULL, NULL, &error));
  g_assert_error (error, WM_ATLAS_ERROR, WM_ATLAS_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "is not a folder"));
  g_clear_error (&error);

  g_assert_false (wm_atlas_write_pdf (f->atlas, f->dir, NULL, NULL, NULL, &error));
  g_assert_error (error, WM_ATLAS_ERROR, WM_ATLAS_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "is a folder"));
  g_clear_error (&error);

  /* a folder that exists but takes no new file (even for root) */
  g_assert_false (wm_atlas_write_pdf (f->atlas, "/proc/atlas.pdf", NULL, NULL, NULL, &error));
  g_assert_error (error, WM_ATLAS_ERROR, WM_ATLAS_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "cannot be written"));
  assert_untouched (f);
}

typedef struct {
  GCancellable *cancellable;
  guint cancel_at;
  guint calls;
  guint last;
  gboolean in_main_thread;
} Progress;

static void
on_page (guint page, guint n_pages, gpointer user_data)
{
  Progress *p = user_data;

  g_assert_cmpuint (page, ==, p->calls);
  p->calls++;
  p->last = page;
  p->in_main_thread &= g_main_context_is_owner (g_main_context_default ());
  if (p->cancellable != NULL && page == p->cancel_at)
    g_cancellable_cancel (p->cancellable);
}

static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Progress p = { cancellable, 2, 0, 0, TRUE };
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (wm_atlas_get_n_pages (f->atlas), >, 5);
  g_assert_false (wm_atlas_write_pdf (f->atlas, f->path, on_page, &p, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* it stopped at the next page */
  g_assert_cmpuint (p.calls, ==, 3);
  assert_untouched (f);
}

typedef struct {
  gboolean done;
  GError *error;
} Result;

static void
on_written (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Result *r = user_data;

  wm_atlas_write_pdf_finish (WM_ATLAS (source), result, &r->error);
  r->done = TRUE;
}

static void
wait_for (Result *r)
{
  while (!r->done)
    g_main_context_iteration (NULL, TRUE);
  /* and for every progress event the worker sent */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* In a worker: progress in this thread, once a page, in order; a
 * cancellation from it stops the worker and leaves the old file. */
static void
test_async (Fixture *f, gconstpointer data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Progress p = { NULL, 0, 0, 0, TRUE }, q = { cancellable, 1, 0, 0, TRUE };
  Result first = { FALSE, NULL }, second = { FALSE, NULL };

  g_main_context_acquire (g_main_context_default ());
  wm_atlas_write_pdf_async (f->atlas, f->path, on_page, &p, NULL, NULL, on_written, &first);
  wait_for (&first);
  g_assert_no_error (first.error);
  g_assert_cmpuint (p.calls, ==, wm_atlas_get_n_pages (f->atlas));
  g_assert_true (p.in_main_thread);
  g_assert_cmpuint (wm_test_pdf_n_pages (f->path), ==, wm_atlas_get_n_pages (f->atlas));

  wm_test_write_file (f->path, OLD, -1);
  wm_atlas_write_pdf_async (f->atlas, f->path, on_page, &q, NULL, cancellable, on_written, &second);
  wait_for (&second);
  g_assert_error (second.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&second.error);
  g_main_context_release (g_main_context_default ());
  assert_untouched (f);
}

static void
test_bad_choices (Fixture *f, gconstpointer data)
{
  const char *unknown[] = { "S00001", "Z99", NULL };
  const char *none[] = { NULL };
  const char *twice[] = { "S00002", "S00002", "S00001", NULL };
  WmAtlasOptions options = { .areas = unknown };
  g_autoptr(GError) error = NULL;
  g_autoptr(WmAtlas) atlas = NULL;
  g_autoptr(WmMapModel) computing = wm_map_model_new ();

  g_assert_null (wm_atlas_new (f->model, f->db, &options, &error));
  g_assert_error (error, WM_ATLAS_ERROR, WM_ATLAS_ERROR_UNKNOWN_AREA);
  g_assert_nonnull (strstr (error->message, "“Z99”"));
  g_clear_error (&error);

  options.areas = none;
  g_assert_null (wm_atlas_new (f->model, f->db, &options, &error));
  g_assert_error (error, WM_ATLAS_ERROR, WM_ATLAS_ERROR_NO_AREAS);
  g_clear_error (&error);

  options.areas = NULL;
  options.year = 2017;
  g_assert_null (wm_atlas_new (f->model, f->db, &options, &error));
  g_assert_error (error, WM_ATLAS_ERROR, WM_ATLAS_ERROR_YEAR);
  g_assert_nonnull (strstr (error->message, "from 2018 to 2020"));
  g_clear_error (&error);

  /* an area named twice is printed once, in the order given */
  options.year = 2019;
  options.areas = twice;
  atlas = wm_atlas_new (f->model, f->db, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wm_atlas_get_n_sheets (atlas), ==, 2);
  g_assert_cmpuint (wm_atlas_get_sheet_area (atlas, 0), ==, 1);
  g_assert_cmpuint (wm_atlas_get_sheet_area (atlas, 1), ==, 0);
  g_assert_cmpint (wm_atlas_get_year (atlas), ==, 2019);

  /* the layer's table is still being computed */
  g_assert_true (wm_map_model_load (computing, f->db, NULL, &error));
  g_assert_true (wm_map_model_set_layer (computing, 1, &error));
  options.areas = NULL;
  g_assert_null (wm_atlas_new (computing, f->db, &options, &error));
  g_assert_error (error, WM_ATLAS_ERROR, WM_ATLAS_ERROR_NOT_READY);
  g_clear_error (&error);
  g_assert_true (wm_map_model_wait (computing, &error));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/atlas-faults/disk-full", test_disk_full);
  ADD ("/atlas-faults/unwritable", test_unwritable);
  ADD ("/atlas-faults/cancel", test_cancel);
  ADD ("/atlas-faults/async", test_async);
  ADD ("/atlas-faults/bad-choices", test_bad_choices);
#undef ADD

  return g_test_run ();
}
