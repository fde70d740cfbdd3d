/* test-cli.c — the command line: help, version, exit codes, one-line errors
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include "wm-test-util.h"

static int
run (const char *const *args, char **out, char **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) g_getenv ("WM_EXE"));
  for (; *args != NULL; args++)
    g_ptr_array_add (argv, (char *) *args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_version (void)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "--version", NULL };

  g_assert_cmpint (run (args, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "welfaremap " PACKAGE_VERSION "\n");
}

static void
test_help (void)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "--help", NULL };

  g_assert_cmpint (run (args, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Usage:"));
  g_assert_nonnull (strstr (out, "info"));
}

static void
test_unknown_option (void)
{
  g_autofree char *out = NULL, *err = NULL;
  /* An unknown word would open the window on a file of that name, so the
   * usage error to test is an unknown option of a real subcommand. */
  const char *bad_option[] = { "info", "--no-such-option", NULL };

  g_assert_cmpint (run (bad_option, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "no-such-option"));
}

static void
test_info_errors (void)
{
  g_autofree char *dir = wm_test_tmpdir ();
  g_autofree char *bad = g_build_filename (dir, "bad.mbtiles", NULL);
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "info", bad, NULL };
  const char *none[] = { "info", NULL };

  wm_test_write_file (bad, "not a database at all, just some text in a file", -1);
  g_assert_cmpint (run (args, &out, &err), ==, 1);
  /* One line: the file, the reason, what to do. */
  g_assert_true (g_str_has_prefix (err, "welfaremap: "));
  g_assert_nonnull (strstr (err, bad));
  g_assert_nonnull (strstr (err, "not an SQLite database"));
  g_assert_cmpint (strchr (err, '\n') - err, ==, strlen (err) - 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (none, &out, &err), ==, 2);
  wm_test_rmdir (dir);
}

static void
test_basemap (void)
{
  g_autofree char *dir = wm_test_tmpdir ();
  g_autofree char *out_path = g_build_filename (dir, "povo.mbtiles", NULL);
  g_autofree char *district = wm_test_shared_path ("povo", "circoscrizione.geojson", NULL);
  g_autofree char *admin = g_strdup_printf ("admin=%s", district);
  g_autofree char *missing = g_build_filename (dir, "missing.gpkg", NULL);
  g_autofree char *out = NULL, *err = NULL;
  const char *ok[] = { "basemap", "--out", out_path, "--min-zoom", "11", "--max-zoom", "13", admin, NULL };
  const char *no_out[] = { "basemap", admin, NULL };
  const char *bad_bounds[] = { "basemap", "--out", out_path, "--bounds", "11,46,10,47", admin, NULL };
  const char *bad_source[] = { "basemap", "--out", out_path, missing, NULL };

  g_assert_cmpint (run (ok, &out, &err), ==, 0);
  g_assert_nonnull (strstr (err, "Wrote"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    const char *info[] = { "info", out_path, NULL };

    g_assert_cmpint (run (info, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "zoom levels: 11–13"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  g_assert_cmpint (run (no_out, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--out"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (bad_bounds, &out, &err), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (bad_source, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, missing));
  g_assert_cmpint (strchr (err, '\n') - err, ==, strlen (err) - 1);
  wm_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/unknown-option", test_unknown_option);
  g_test_add_func ("/cli/info-errors", test_info_errors);
  g_test_add_func ("/cli/basemap", test_basemap);

  return g_test_run ();
}
