/* test-cli-atlas.c — `welfaremap atlas`: defaults, roles, options, every bad input
 *
 * The command runs as a user runs it; its PDFs are read back with
 * poppler-utils. Page counts are checked against the extract itself (the
 * areas with boundaries, by SQL). A full disk is real here: the child runs
 * with a file size limit, so write(2) fails with EFBIG part-way through.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/resource.h>

#include "wm-extract.h"
#include "wm-test-atlas-data.h"
#include "wm-test-cli.h"
#include "wm-test-extract.h"
#include "wm-test-pdf.h"
#include "wm-test-util.h"

#define OLD "last month's atlas"

static char *dir;
static char *plain;       /* the extract database */
static char *wmx;         /* the same, encrypted: an analyst and a caseworker slot */
static guint n_areas;     /* NIL with boundaries, by SQL */

static rlim_t file_limit;

static void
limit_files (gpointer data)
{
  struct rlimit limit = { file_limit, file_limit };

  if (file_limit > 0)
    {
      signal (SIGXFSZ, SIG_IGN);
      setrlimit (RLIMIT_FSIZE, &limit);
    }
}

/* welfaremap atlas ARG… (NULL-terminated), with @passphrase in the
 * environment when not NULL */
static void
atlas (WmTestRun *r, const char *passphrase, ...)
{
  g_auto(GStrv) envp = g_environ_unsetenv (g_get_environ (), "WELFAREMAP_PASSPHRASE");
  va_list args;

  if (passphrase != NULL)
    envp = g_environ_setenv (envp, "WELFAREMAP_PASSPHRASE", passphrase, TRUE);
  va_start (args, passphrase);
  wm_test_cli_runv (r, envp, limit_files, "atlas", args);
  va_end (args);
}

/* welfaremap map ARG… (NULL-terminated), on the plain database */
static void
map (WmTestRun *r, ...)
{
  g_auto(GStrv) envp = g_environ_unsetenv (g_get_environ (), "WELFAREMAP_PASSPHRASE");
  va_list args;

  va_start (args, r);
  wm_test_cli_runv (r, envp, NULL, "map", args);
  va_end (args);
}

static char *
fresh (const char *name)
{
  char *path = g_build_filename (dir, name, NULL);

  g_remove (path);
  return path;
}

static char *
info_field (const char *pdf, const char *field)
{
  g_autofree char *info = wm_test_pdf_info (pdf);

  return wm_test_pdf_field (info, field);
}

/* `welfaremap atlas FILE --out atlas.pdf` just works: every area of the
 * layer with boundaries, the cover and the index. */
static void
test_defaults (void)
{
  g_auto(WmTestRun) r = { 0 };
  g_autofree char *out = fresh ("atlas.pdf");
  g_autofree char *size = NULL;

  atlas (&r, NULL, plain, "--out", out, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "sheets of the layer “sections”"));
  /* a plain database: no role, no disclosure control, and a word about it */
  g_assert_nonnull (strstr (r.err, "without disclosure control"));
  g_assert_cmpuint (wm_test_pdf_n_pages (out), ==, n_areas + 2);
  size = info_field (out, "Page size");
  g_assert_nonnull (strstr (size, "595.276 x 841.89"));
}

/* The role of the passphrase is printed on the atlas; an analyst's atlas
 * always hides small groups' values. */
static void
test_roles (void)
{
  g_autofree char *out = fresh ("roles.pdf");

  {
    g_auto(WmTestRun) r = { 0 };
    g_autofree char *author = NULL, *cover = NULL;

    atlas (&r, "caseworker passphrase", wmx, "--areas", "1,2", "--out", out, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.err, "without disclosure control"));
    author = info_field (out, "Author");
    g_assert_cmpstr (author, ==, "Caseworker");
    cover = wm_test_pdf_text (out, 1, FALSE);
    g_assert_nonnull (strstr (cover, "small groups are shown"));
  }
  {
    g_auto(WmTestRun) r = { 0 };
    g_autofree char *author = NULL, *cover = NULL, *flat = NULL;

    atlas (&r, "analyst passphrase", wmx, "--areas", "1,2", "--out", out, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.err, ==, "");
    author = info_field (out, "Author");
    g_assert_cmpstr (author, ==, "Analyst");
    cover = wm_test_pdf_text (out, 1, FALSE);
    flat = wm_test_squash (cover);
    g_assert_nonnull (strstr (flat, "small groups are not shown (disclosure control)"));
  }
  {
    g_auto(WmTestRun) r = { 0 };

    wm_test_write_file (out, OLD, -1);
    atlas (&r, "not the passphrase", wmx, "--out", out, NULL);
    wm_test_cli_assert_one_line_error (&r, 1, wmx, "wrong passphrase", NULL);
    g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  }
}

/* Every option at once: layer, year, indicators, paper, orientation,
 * areas, walking distance, no basemap. */
static void
test_options (void)
{
  g_auto(WmTestRun) r = { 0 };
  g_autofree char *out = fresh ("options.pdf");
  g_autofree char *size = NULL, *sheet = NULL, *flat = NULL;

  atlas (&r, NULL, plain, "--level", "sections", "--year", "2017", "--indicators", "ivsm_neet,ivsm",
         "--paper", "a3", "--landscape", "--areas", "48, 31,12", "--walk", "300", "--no-basemap",
         "--disclosure-control", "--out", out, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpuint (wm_test_pdf_n_pages (out), ==, 3 + 2);
  size = info_field (out, "Page size");
  g_assert_nonnull (strstr (size, "1190.55 x 841.89"));
  sheet = wm_test_pdf_text (out, 3, FALSE);
  flat = wm_test_squash (sheet);
  g_assert_nonnull (strstr (flat, "RONCHETTO SUL NAVIGLIO"));
  g_assert_nonnull (strstr (flat, "NIL 48 · Testville · 2017"));
  g_assert_nonnull (strstr (flat, "within 300 m"));
  g_assert_nonnull (strstr (flat, "(NEET) over the years"));
}

static void
test_png (void)
{
  g_auto(WmTestRun) r = { 0 };
  g_autofree char *out = fresh ("page.png");
  cairo_surface_t *image;

  atlas (&r, NULL, plain, "--areas", "1", "--page", "3", "--out", out, NULL);
  g_assert_cmpint (r.status, ==, 0);
  image = cairo_image_surface_create_from_png (out);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  /* A4 at 150 dpi: 210 × 297 mm, whole pixels up */
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1241);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 1754);
  cairo_surface_destroy (image);
}

/* The folder holds the old atlas as it was, and nothing else. */
static void
assert_untouched (const char *folder, const char *path)
{
  g_autoptr(GDir) d = g_dir_open (folder, 0, NULL);
  g_autofree char *content = NULL;
  guint n = 0;

  while (g_dir_read_name (d) != NULL)
    n++;
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (g_file_get_contents (path, &content, NULL, NULL));
  g_assert_cmpstr (content, ==, OLD);
}

static void
test_bad_input (void)
{
  g_autofree char *folder = g_build_filename (dir, "bad", NULL);
  g_autofree char *out = g_build_filename (folder, "atlas.pdf", NULL);
  g_autofree char *missing = g_build_filename (dir, "no such folder", "atlas.pdf", NULL);
  static const struct {
    const char *args[4];
    int status;
    const char *says;
  } cases[] = {
    { { "--level", "quartieri" }, 1, "no boundary layer “quartieri” — choose --level from: sections, districts" },
    { { "--level", "districts" }, 1, "no boundaries" },
    { { "--areas", "1,999" }, 1, "no area with the code “999”" },
    { { "--areas", "" }, 1, "nothing to print" },
    { { "--year", "2030" }, 1, "no indicators for 2030 — choose a year from 2015 to 2017" },
    { { "--indicators", "ivsm,happiness" }, 2, "unknown indicator “happiness”" },
    { { "--paper", "letter" }, 2, "--paper is a4 or a3" },
    { { "--page", "2" }, 2, "--out FILE.png" },
    { { "--basemap", "/nowhere/tiles.mbtiles" }, 1, "tiles.mbtiles" },
  };

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  wm_test_write_file (out, OLD, -1);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(WmTestRun) r = { 0 };

      atlas (&r, NULL, plain, cases[i].args[0], cases[i].args[1], "--out", out, NULL);
      g_test_message ("%s %s: %s", cases[i].args[0], cases[i].args[1], r.err);
      g_assert_cmpint (r.status, ==, cases[i].status);
      g_assert_true (g_str_has_prefix (r.err, "welfaremap: "));
      if (strstr (r.err, cases[i].says) == NULL)
        g_error ("“%s” does not say “%s”", r.err, cases[i].says);
      if (cases[i].status == 1)
        wm_test_cli_assert_one_line_error (&r, 1, NULL);
      assert_untouched (folder, out);
    }
  {
    g_auto(WmTestRun) r = { 0 };

    atlas (&r, NULL, plain, "--out", missing, NULL);
    wm_test_cli_assert_one_line_error (&r, 1, missing, "does not exist", NULL);
  }
  {
    g_auto(WmTestRun) r = { 0 };

    atlas (&r, NULL, plain, "--out", folder, NULL);
    wm_test_cli_assert_one_line_error (&r, 2, "--out must name a .pdf file", NULL);
  }
  {
    g_auto(WmTestRun) r = { 0 };
    g_autofree char *nothing = g_build_filename (dir, "nothing.sqlite", NULL);

    atlas (&r, NULL, nothing, "--out", out, NULL);
    wm_test_cli_assert_one_line_error (&r, 1, nothing, "does not exist", NULL);
  }
  {
    g_auto(WmTestRun) r = { 0 };

    atlas (&r, NULL, plain, NULL);
    wm_test_cli_assert_one_line_error (&r, 2, "--out FILE.pdf", NULL);
  }
  assert_untouched (folder, out);
}

/* The disk fills up while the atlas is written: the child may write no
 * file over 64 KiB, so write(2) fails with EFBIG. */
static void
test_disk_full (void)
{
  g_autofree char *folder = g_build_filename (dir, "full", NULL);
  g_autofree char *out = g_build_filename (folder, "atlas.pdf", NULL);
  g_auto(WmTestRun) r = { 0 };

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  wm_test_write_file (out, OLD, -1);
  file_limit = 64 * 1024;
  atlas (&r, NULL, plain, "--out", out, NULL);
  file_limit = 0;
  wm_test_cli_assert_one_line_error (&r, 1, out, "the disk is full (File too large)", "no file was changed", NULL);
  assert_untouched (folder, out);
}

static void
make_extracts (void)
{
  g_autofree char *nil = wm_test_shared_path ("milano", "NILZone.EPSG4326.geojson", NULL);
  WmTestAtlasSpec spec = { nil, "ID_NIL", "NIL", "NIL", 4000, 2015, 3, 120, 21 };
  sqlite3 *db = wm_test_atlas_extract (&spec);
  WmExtractSlotSpec slots[] = {
    { WM_EXTRACT_ROLE_CASEWORKER, "caseworker passphrase" },
    { WM_EXTRACT_ROLE_ANALYST, "analyst passphrase" },
  };
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) error = NULL;

  n_areas = wm_test_sql_int (db, "SELECT count(*) FROM area WHERE layer_id = 1 AND geom IS NOT NULL");
  g_assert_cmpuint (n_areas, ==, 88);
  wm_test_extract_save (db, plain);
  data = wm_extract_serialize_db (db, "main", &error);
  g_assert_no_error (error);
  sqlite3_close (db);
  g_assert_true (wm_extract_create (wmx, data, NULL, slots, G_N_ELEMENTS (slots), NULL, WM_EXTRACT_KDF_INTERACTIVE,
                                    NULL, &error));
  g_assert_no_error (error);
}

/* `welfaremap map`: a PNG of the default size, a PDF page of the size
 * asked with the indicator asked, the timeline as WebM. */
static void
test_map (void)
{
  g_autofree char *png = fresh ("map.png");
  g_autofree char *pdf = fresh ("map.pdf");
  g_autofree char *webm = fresh ("map.webm");
  g_autofree char *size = NULL, *text = NULL, *flat = NULL, *video = NULL;
  cairo_surface_t *image;
  gsize length = 0;

  {
    g_auto(WmTestRun) r = { 0 };

    map (&r, plain, "--out", png, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "1600×1000"));
    image = cairo_image_surface_create_from_png (png);
    g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1600);
    g_assert_cmpint (cairo_image_surface_get_height (image), ==, 1000);
    cairo_surface_destroy (image);
  }
  {
    g_auto(WmTestRun) r = { 0 };

    map (&r, plain, "--indicator", "ivsm_neet", "--size", "800x500", "--services", "ELD", "--out", pdf, NULL);
    g_assert_cmpint (r.status, ==, 0);
    size = info_field (pdf, "Page size");
    g_assert_true (g_str_has_prefix (size, "600 x 375 pts"));
    text = wm_test_pdf_text (pdf, 1, FALSE);
    flat = wm_test_squash (text);
    g_assert_nonnull (strstr (flat, "(NEET)"));
  }
  {
    g_auto(WmTestRun) r = { 0 };

    map (&r, plain, "--size", "320x200", "--seconds-per-year", "0.2", "--out", webm, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (g_file_get_contents (webm, &video, &length, NULL));
    g_assert_cmpuint (length, >, 1000);
    g_assert_cmpmem (video, 4, "\x1a\x45\xdf\xa3", 4);
  }
}

/* Every bad option of `welfaremap map`: one line saying what to do, and
 * the older picture untouched. */
static void
test_map_bad_input (void)
{
  g_autofree char *folder = g_build_filename (dir, "bad-map", NULL);
  g_autofree char *out = g_build_filename (folder, "map.png", NULL);
  g_autofree char *missing = g_build_filename (dir, "no such folder", "map.png", NULL);
  static const struct {
    const char *args[4];
    int status;
    const char *says;
  } cases[] = {
    { { "--indicator", "happiness" }, 2, "unknown indicator “happiness”" },
    { { "--size", "10x10" }, 2, "--size is WIDTHxHEIGHT" },
    { { "--size", "wide" }, 2, "--size is WIDTHxHEIGHT" },
    { { "--services", "ELD,PETS" }, 2, "unknown user area “PETS”" },
    { { "--seconds-per-year", "2" }, 2, "use it with --out FILE.webm" },
    { { "--year", "2030" }, 1, "no indicators for 2030 — choose a year from 2015 to 2017" },
    { { "--level", "quartieri" }, 1, "no boundary layer “quartieri”" },
  };

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  wm_test_write_file (out, OLD, -1);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(WmTestRun) r = { 0 };

      map (&r, plain, cases[i].args[0], cases[i].args[1], "--out", out, NULL);
      g_test_message ("%s %s: %s", cases[i].args[0], cases[i].args[1], r.err);
      g_assert_cmpint (r.status, ==, cases[i].status);
      if (strstr (r.err, cases[i].says) == NULL)
        g_error ("“%s” does not say “%s”", r.err, cases[i].says);
      if (cases[i].status == 1)
        wm_test_cli_assert_one_line_error (&r, 1, NULL);
      assert_untouched (folder, out);
    }
  {
    g_auto(WmTestRun) r = { 0 };

    map (&r, plain, "--out", missing, NULL);
    wm_test_cli_assert_one_line_error (&r, 1, missing, "does not exist", NULL);
  }
  {
    g_auto(WmTestRun) r = { 0 };
    g_autofree char *gif = g_build_filename (folder, "map.gif", NULL);

    map (&r, plain, "--out", gif, NULL);
    wm_test_cli_assert_one_line_error (&r, 2, "--out must name a .png, .pdf or .webm file", NULL);
  }
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  dir = wm_test_tmpdir ();
  plain = g_build_filename (dir, "milano.sqlite", NULL);
  wmx = g_build_filename (dir, "milano.wmx", NULL);
  make_extracts ();

  g_test_add_func ("/cli-atlas/defaults", test_defaults);
  g_test_add_func ("/cli-atlas/roles", test_roles);
  g_test_add_func ("/cli-atlas/options", test_options);
  g_test_add_func ("/cli-atlas/png", test_png);
  g_test_add_func ("/cli-atlas/bad-input", test_bad_input);
  g_test_add_func ("/cli-atlas/disk-full", test_disk_full);
  g_test_add_func ("/cli-atlas/map", test_map);
  g_test_add_func ("/cli-atlas/map-bad-input", test_map_bad_input);

  rc = g_test_run ();
  wm_test_rmdir (dir);
  g_free (dir);
  g_free (plain);
  g_free (wmx);
  return rc;
}
