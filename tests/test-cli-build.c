/* test-cli-build.c — `welfaremap extract build` on the linkage fixture
 *
 * The command as a data office runs it: usage errors (exit 2), one-line
 * failures (exit 1) that leave no extract, a --check run that writes only
 * the report, a full build whose extract opens with each passphrase for
 * what its role may see, and Ctrl-C in the middle of an import.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/wait.h>

#include "wm-codice-fiscale.h"
#include "wm-extract.h"
#include "wm-test-linkage.h"
#include "wm-test-util.h"

typedef struct {
  char *dir;
  char *mapping;
  char *boundaries;
  char *out;
  char *caseworker;
  char *analyst;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->dir = wm_test_tmpdir ();
  wm_test_linkage_prepare (f->dir);
  f->mapping = wm_test_linkage_path ("mapping.ini");
  f->boundaries = g_build_filename (g_getenv ("WM_SOURCE_ROOT"), "data", "povo", NULL);
  f->out = g_build_filename (f->dir, "povo.wmx", NULL);
  f->caseworker = g_build_filename (f->dir, "caseworker.txt", NULL);
  f->analyst = g_build_filename (f->dir, "analyst.txt", NULL);
  wm_test_write_file (f->caseworker, "assistente sociale 2024\n", -1);
  wm_test_write_file (f->analyst, "ufficio statistica 2024\n", -1);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  wm_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->mapping);
  g_free (f->boundaries);
  g_free (f->out);
  g_free (f->caseworker);
  g_free (f->analyst);
}

/* Runs welfaremap with @args (NULL-terminated), no passphrase in the
 * environment and no terminal to ask on. *@out and *@err are replaced. */
static int
run (const char *const *args,
     char              **out,
     char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_clear_pointer (out, g_free);
  g_clear_pointer (err, g_free);
  env = g_environ_unsetenv (env, "WELFAREMAP_PASSPHRASE");
  env = g_environ_unsetenv (env, "WELFAREMAP_NEW_PASSPHRASE");
  g_ptr_array_add (argv, (char *) g_getenv ("WM_EXE"));
  for (; *args != NULL; args++)
    g_ptr_array_add (argv, (char *) *args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, (GSpawnChildSetupFunc) setsid, NULL,
                out, err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

/* One line "welfaremap: …" on stderr. */
static void
assert_one_line (const char *err,
                 const char *needle)
{
  g_assert_true (g_str_has_prefix (err, "welfaremap: "));
  g_assert_cmpint (strchr (err, '\n') - err, ==, strlen (err) - 1);
  if (strstr (err, needle) == NULL)
    g_error ("“%s” should say “%s”", err, needle);
}

/* Nothing but the fixture's files: no extract, no report, no temporary. */
static void
assert_nothing_written (Fixture *f)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_suffix (name, ".wmx") || g_str_has_suffix (name, ".html") ||
                    strstr (name, ".wmx") != NULL);
}

static void
test_usage (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *no_mapping[] = { "extract", "build", "--out", f->out, NULL };
  const char *no_out[] = { "extract", "build", "--mapping", f->mapping, NULL };
  const char *bad_kdf[] = { "extract", "build", "--mapping", f->mapping, "--out", f->out, "--kdf", "fast", NULL };
  const char *extra[] = { "extract", "build", "--mapping", f->mapping, "--out", f->out, "leftover", NULL };
  const char *help[] = { "extract", "--help", NULL };

  g_assert_cmpint (run (no_mapping, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--mapping"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (no_out, &out, &err), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (bad_kdf, &out, &err), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (extra, &out, &err), ==, 2);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (help, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "build"));
  assert_nothing_written (f);
}

static void
test_check (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL, *err = NULL, *html = NULL;
  g_autofree char *report = g_build_filename (f->dir, "verifica.html", NULL);
  const char *args[] = { "extract", "build", "--mapping", f->mapping, "--sources", f->dir,
                         "--boundaries", f->boundaries, "--check", "--report", report, NULL };

  g_assert_cmpint (run (args, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_str_has_prefix (out, "Checked (no extract written):\n"));
  g_assert_nonnull (strstr (out, "persons                  read 22, linked 17 (0 by name), rejected 5, warnings 4\n"));
  g_assert_true (g_file_get_contents (report, &html, NULL, NULL));
  g_assert_nonnull (strstr (html, "anagrafe_residenze.csv"));
  g_assert_false (g_file_test (f->out, G_FILE_TEST_EXISTS));
}

static gint64
count (sqlite3    *db,
       const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
test_build (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL, *err = NULL, *report = NULL;
  const char *args[] = { "extract", "build", "--mapping", f->mapping, "--sources", f->dir,
                         "--boundaries", f->boundaries, "--out", f->out, "--passphrase-file", f->caseworker,
                         "--new-passphrase-file", f->analyst, "--kdf", "interactive", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(WmExtract) caseworker = NULL;
  g_autoptr(WmExtract) analyst = NULL;
  g_autoptr(WmExtract) wrong = NULL;

  g_assert_cmpint (run (args, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, "povo.wmx: extract written, with a caseworkers' and an analysts' passphrase\n"));
  report = g_build_filename (f->dir, "povo.report.html", NULL);
  g_assert_true (g_file_test (report, G_FILE_TEST_IS_REGULAR));
  g_assert_nonnull (strstr (out, report));

  /* the caseworker sees the 17 persons and who they are */
  caseworker = wm_extract_open (f->out, "assistente sociale 2024", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wm_extract_get_role (caseworker), ==, WM_EXTRACT_ROLE_CASEWORKER);
  g_assert_true (wm_extract_has_identities (caseworker));
  g_assert_true (wm_extract_load_identities (caseworker, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (wm_extract_get_db (caseworker), "SELECT count(*) FROM person"), ==, 17);
  g_assert_cmpint (count (wm_extract_get_db (caseworker), "SELECT count(*) FROM identity.identity_person"), ==, 17);
  g_assert_cmpint (count (wm_extract_get_db (caseworker),
                          "SELECT count(*) FROM quality_report WHERE severity != 'summary'"), ==, 53);
  /* the analyst: the same data, no identities */
  analyst = wm_extract_open (f->out, "ufficio statistica 2024", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wm_extract_get_role (analyst), ==, WM_EXTRACT_ROLE_ANALYST);
  g_assert_false (wm_extract_has_identities (analyst));
  g_assert_cmpint (count (wm_extract_get_db (analyst), "SELECT count(*) FROM residence"), ==, 17);
  g_assert_cmpint (count (wm_extract_get_db (analyst), "SELECT count(*) FROM identity.identity_person"), ==, -1);
  wrong = wm_extract_open (f->out, "not the passphrase", NULL, &error);
  g_assert_error (error, WM_EXTRACT_ERROR, WM_EXTRACT_ERROR_WRONG_PASSPHRASE);

  /* the file exists now: not replaced without --force */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (args, &out, &err), ==, 1);
  assert_one_line (err, "already exists — choose another name, or add --force");
}

static void
test_same_passphrases (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "extract", "build", "--mapping", f->mapping, "--sources", f->dir,
                         "--boundaries", f->boundaries, "--out", f->out, "--passphrase-file", f->caseworker,
                         "--new-passphrase-file", f->caseworker, "--kdf", "interactive", NULL };

  g_assert_cmpint (run (args, &out, &err), ==, 1);
  assert_one_line (err, "the analyst and caseworker passphrases are the same");
  assert_nothing_written (f);
}

static void
test_no_passphrase (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "extract", "build", "--mapping", f->mapping, "--sources", f->dir,
                         "--boundaries", f->boundaries, "--out", f->out, "--kdf", "interactive", NULL };

  /* no file, no variable, no terminal (setsid): refused before importing */
  g_assert_cmpint (run (args, &out, &err), ==, 1);
  assert_one_line (err, "no passphrase given");
  assert_nothing_written (f);
}

static void
test_missing_column (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *persons = g_build_filename (f->dir, "anagrafe_persone.csv", NULL);
  const char *args[] = { "extract", "build", "--mapping", f->mapping, "--sources", f->dir,
                         "--boundaries", f->boundaries, "--out", f->out, "--passphrase-file", f->caseworker,
                         "--new-passphrase-file", f->analyst, "--kdf", "interactive", NULL };

  wm_test_write_file (persons, "codice_fiscale;cognome;nome;data_nascita\nRSSMRA70C15L378I;ROSSI;MARIO;15/03/1970\n", -1);
  g_assert_cmpint (run (args, &out, &err), ==, 1);
  assert_one_line (err, "anagrafe_persone.csv:1: column “sesso” is missing (column.sex in [source persons])");
  assert_nothing_written (f);
}

/* Ctrl-C during a long import: the command says so and leaves nothing. */
static void
test_interrupted (Fixture *f, gconstpointer data)
{
  g_autofree char *persons = g_build_filename (f->dir, "anagrafe_persone.csv", NULL);
  g_autoptr(GString) text = g_string_new ("codice_fiscale;cognome;nome;sesso;data_nascita;comune_nascita;cittadinanza;"
                                          "data_decesso\n");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "LC_ALL", "C.UTF-8", TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOChannel) channel = NULL;
  g_autoptr(GString) err = g_string_new (NULL);
  const char *args[] = { "extract", "build", "--mapping", f->mapping, "--sources", f->dir,
                         "--boundaries", f->boundaries, "--out", f->out, "--passphrase-file", f->caseworker,
                         "--new-passphrase-file", f->analyst, "--kdf", "interactive", NULL };
  GPid pid;
  int err_fd, status;
  char *line = NULL;

  /* enough persons to keep it busy for more than the five seconds before
   * its first progress line */
  for (int i = 0; i < 400000; i++)
    {
      g_autofree char *surname = g_strdup_printf ("C%c%c%c", 'B' + i % 20, 'B' + i / 20 % 20, 'B' + i / 400 % 20);
      g_autofree char *cf = wm_codice_fiscale_compute (surname, "NOME", WM_SEX_MALE, 1950 + i / 8000 % 50,
                                                       1 + i / 160 % 12, 1 + i / 8000 % 28, "L378");

      g_string_append_printf (text, "%s;%s;NOME;M;01/01/1970;L378;100;\n", cf, surname);
    }
  wm_test_write_file (persons, text->str, text->len);
  g_ptr_array_add (argv, (char *) g_getenv ("WM_EXE"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_async_with_pipes (NULL, (char **) argv->pdata, env, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                            NULL, NULL, &err_fd, &error);
  g_assert_no_error (error);
  channel = g_io_channel_unix_new (err_fd);
  g_io_channel_set_close_on_unref (channel, TRUE);
  g_assert_cmpint (g_io_channel_read_line (channel, &line, NULL, NULL, &error), ==, G_IO_STATUS_NORMAL);
  g_assert_true (g_str_has_prefix (line, "welfaremap: reading anagrafe_persone.csv: "));
  g_free (line);
  kill (pid, SIGINT);
  while (g_io_channel_read_line (channel, &line, NULL, NULL, NULL) == G_IO_STATUS_NORMAL)
    {
      g_string_append (err, line);
      g_free (line);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  g_assert_nonnull (strstr (err->str, "povo.wmx: interrupted — no extract was written\n"));
  assert_nothing_written (f);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/cli-build/usage", test_usage);
  ADD ("/cli-build/check", test_check);
  ADD ("/cli-build/build", test_build);
  ADD ("/cli-build/same-passphrases", test_same_passphrases);
  ADD ("/cli-build/no-passphrase", test_no_passphrase);
  ADD ("/cli-build/missing-column", test_missing_column);
  ADD ("/cli-build/interrupted", test_interrupted);
#undef ADD
  return g_test_run ();
}
