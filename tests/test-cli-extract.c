/* test-cli-extract.c — `welfaremap extract …` and the passphrase reader:
 * every subcommand, passphrases from a file, the environment and a
 * terminal, usage errors (exit 2) and one-line errors (exit 1)
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#define _GNU_SOURCE  /* posix_openpt, ptsname */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "wm-test-util.h"

typedef struct {
  char *dir;
  char *data_db;
  char *ids_db;
  char *out;
  char *cw_file;
  char *an_file;
  char *new_file;
} Fixture;

typedef struct {
  int status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

/* No controlling terminal: a passphrase must come from a file or the
 * environment, as in a script. */
static void
detach (gpointer data)
{
  setsid ();
}

/* Runs welfaremap with @args (NULL-terminated) and @env ("NAME=value"
 * strings, NULL-terminated, added to an environment without WELFAREMAP_*). */
static int
run_env (Result *r, const char *const *env, const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;

  result_clear (r);
  envp = g_environ_unsetenv (envp, "WELFAREMAP_PASSPHRASE");
  envp = g_environ_unsetenv (envp, "WELFAREMAP_NEW_PASSPHRASE");
  for (; env != NULL && *env != NULL; env++)
    {
      g_auto(GStrv) kv = g_strsplit (*env, "=", 2);
      envp = g_environ_setenv (envp, kv[0], kv[1], TRUE);
    }
  g_ptr_array_add (argv, (char *) g_getenv ("WM_EXE"));
  for (; *args != NULL; args++)
    g_ptr_array_add (argv, (char *) *args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, detach, NULL,
                &r->out, &r->err, &r->status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (r->status));
  r->status = WEXITSTATUS (r->status);
  return r->status;
}

#define RUN(r, ...) run_env ((r), NULL, (const char *const[]) { __VA_ARGS__, NULL })
#define RUN_ENV(r, env, ...) run_env ((r), (env), (const char *const[]) { __VA_ARGS__, NULL })

/* One line on stderr, "welfaremap: …", naming @what and saying @fragment. */
static void
assert_one_line_error (const Result *r, const char *what, const char *fragment)
{
  if (r->status != 1 || !g_str_has_prefix (r->err, "welfaremap: ") ||
      strchr (r->err, '\n') - r->err != (int) strlen (r->err) - 1)
    g_error ("expected one error line and exit 1, got exit %d: %s", r->status, r->err);
  if (what != NULL)
    g_assert_nonnull (strstr (r->err, what));
  if (strstr (r->err, fragment) == NULL)
    g_error ("expected “%s” in: %s", fragment, r->err);
}

static void
make_db (const char *path, const char *sql)
{
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->dir = wm_test_tmpdir ();
  f->data_db = g_build_filename (f->dir, "data.sqlite", NULL);
  f->ids_db = g_build_filename (f->dir, "ids.sqlite", NULL);
  f->out = g_build_filename (f->dir, "out.wmx", NULL);
  f->cw_file = g_build_filename (f->dir, "cw.txt", NULL);
  f->an_file = g_build_filename (f->dir, "an.txt", NULL);
  f->new_file = g_build_filename (f->dir, "new.txt", NULL);
  make_db (f->data_db, "CREATE TABLE person (id INTEGER PRIMARY KEY, birth_year INTEGER);"
                       "INSERT INTO person VALUES (1, 1950), (2, 1990);");
  make_db (f->ids_db, "CREATE TABLE identity_person (person_id INTEGER PRIMARY KEY, codice_fiscale TEXT);"
                      "INSERT INTO identity_person VALUES (1, 'RSSMRA50A01L378X');");
  /* A file edited on Windows: CRLF. */
  wm_test_write_file (f->cw_file, "caseworker secret\r\n", -1);
  wm_test_write_file (f->an_file, "analyst secret\nsecond line ignored\n", -1);
  wm_test_write_file (f->new_file, "the new secret", -1);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  wm_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->data_db);
  g_free (f->ids_db);
  g_free (f->out);
  g_free (f->cw_file);
  g_free (f->an_file);
  g_free (f->new_file);
}

static void
create_caseworker (Fixture *f)
{
  Result r = { 0 };

  RUN (&r, "extract", "create", "--db", f->data_db, "--identity-db", f->ids_db, "--out", f->out,
       "--role", "caseworker", "--expires", "2099-06-30", "--passphrase-file", f->cw_file, "--kdf", "interactive");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "extract created"));
  result_clear (&r);
}

static void
test_create_info_verify (Fixture *f, gconstpointer data)
{
  const char *env_cw[] = { "WELFAREMAP_PASSPHRASE=caseworker secret", NULL };
  const char *env_wrong[] = { "WELFAREMAP_PASSPHRASE=caseworker secreT", NULL };
  Result r = { 0 };
  GStatBuf st;

  create_caseworker (f);
  g_assert_cmpint (g_stat (f->out, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_cmpint (RUN (&r, "extract", "info", f->out), ==, 0);
  g_assert_nonnull (strstr (r.out, "encrypted extract, format 1"));
  g_assert_nonnull (strstr (r.out, "expires:     2099-06-30"));
  g_assert_nonnull (strstr (r.out, "slot 1:    caseworker (Argon2id, 2 passes, 64 MiB)"));
  g_assert_nonnull (strstr (r.out, "(8192 bytes)"));
  g_assert_cmpstr (r.err, ==, "");

  /* `welfaremap info` describes an extract too */
  g_assert_cmpint (RUN (&r, "info", f->out), ==, 0);
  g_assert_nonnull (strstr (r.out, "encrypted extract, format 1"));

  g_assert_cmpint (RUN (&r, "extract", "verify", "--passphrase-file", f->cw_file, f->out), ==, 0);
  g_assert_nonnull (strstr (r.out, "intact"));
  g_assert_nonnull (strstr (r.out, "identities:  checked"));

  g_assert_cmpint (RUN_ENV (&r, env_cw, "extract", "verify", f->out), ==, 0);
  g_assert_nonnull (strstr (r.out, "passphrase:  caseworker"));

  RUN_ENV (&r, env_wrong, "extract", "verify", f->out);
  assert_one_line_error (&r, f->out, "wrong passphrase");
  g_assert_null (strstr (r.err, "damaged"));

  /* --force replaces; without it an existing file is kept */
  RUN (&r, "extract", "create", "--db", f->data_db, "--out", f->out, "--role", "analyst",
       "--passphrase-file", f->an_file, "--kdf", "interactive");
  assert_one_line_error (&r, f->out, "already exists");
  g_assert_cmpint (RUN (&r, "extract", "create", "--db", f->data_db, "--out", f->out, "--role", "analyst",
                        "--passphrase-file", f->an_file, "--kdf", "interactive", "--force"), ==, 0);
  g_assert_cmpint (RUN (&r, "extract", "verify", "--passphrase-file", f->an_file, f->out), ==, 0);
  g_assert_nonnull (strstr (r.out, "passphrase:  analyst"));
  result_clear (&r);
}

static void
test_slots (Fixture *f, gconstpointer data)
{
  const char *env_add[] = { "WELFAREMAP_PASSPHRASE=caseworker secret",
                            "WELFAREMAP_NEW_PASSPHRASE=analyst secret", NULL };
  const char *env_an[] = { "WELFAREMAP_PASSPHRASE=analyst secret", NULL };
  Result r = { 0 };

  create_caseworker (f);
  g_assert_cmpint (RUN_ENV (&r, env_add, "extract", "add-slot", "--role", "analyst", "--kdf", "interactive", f->out), ==, 0);
  g_assert_nonnull (strstr (r.out, "added slot 2, analyst"));
  g_assert_cmpint (RUN_ENV (&r, env_an, "extract", "verify", f->out), ==, 0);
  g_assert_nonnull (strstr (r.out, "not checked (an analyst passphrase cannot open them)"));

  /* an analyst cannot add a caseworker */
  RUN (&r, "extract", "add-slot", "--role", "caseworker", "--passphrase-file", f->an_file,
       "--new-passphrase-file", f->new_file, "--kdf", "interactive", f->out);
  assert_one_line_error (&r, f->out, "only analyst passphrases");
  /* the last caseworker stays */
  RUN (&r, "extract", "remove-slot", "--slot", "1", "--passphrase-file", f->cw_file, f->out);
  assert_one_line_error (&r, f->out, "last caseworker passphrase");
  RUN (&r, "extract", "remove-slot", "--slot", "3", "--passphrase-file", f->cw_file, f->out);
  assert_one_line_error (&r, f->out, "no passphrase slot 3");

  g_assert_cmpint (RUN (&r, "extract", "rekey", "--passphrase-file", f->cw_file,
                        "--new-passphrase-file", f->new_file, "--kdf", "interactive", f->out), ==, 0);
  g_assert_nonnull (strstr (r.out, "1 other passphrase removed"));
  RUN (&r, "extract", "verify", "--passphrase-file", f->cw_file, f->out);
  assert_one_line_error (&r, f->out, "wrong passphrase");
  g_assert_cmpint (RUN (&r, "extract", "verify", "--passphrase-file", f->new_file, f->out), ==, 0);
  g_assert_nonnull (strstr (r.out, "passphrase:  caseworker"));

  g_assert_cmpint (RUN (&r, "extract", "add-slot", "--role", "analyst", "--passphrase-file", f->new_file,
                        "--new-passphrase-file", f->an_file, "--kdf", "interactive", f->out), ==, 0);
  g_assert_cmpint (RUN (&r, "extract", "remove-slot", "--slot", "2", "--passphrase-file", f->new_file, f->out), ==, 0);
  g_assert_nonnull (strstr (r.out, "removed slot 2"));
  RUN (&r, "extract", "verify", "--passphrase-file", f->an_file, f->out);
  assert_one_line_error (&r, f->out, "wrong passphrase");
  RUN (&r, "extract", "remove-slot", "--slot", "1", "--passphrase-file", f->new_file, f->out);
  assert_one_line_error (&r, f->out, "only passphrase");
  result_clear (&r);
}

static void
test_usage_errors (Fixture *f, gconstpointer data)
{
  const char *const cases[][12] = {
    { "extract", NULL },
    { "extract", "bogus", NULL },
    { "extract", "create", "--out", "x.wmx", "--role", "analyst", NULL },
    { "extract", "create", "--db", "d", "--out", "x.wmx", "--role", "boss", NULL },
    { "extract", "create", "--db", "d", "--out", "x.wmx", "--role", "analyst", "--expires", "2020-01-01", NULL },
    { "extract", "create", "--db", "d", "--out", "x.wmx", "--role", "analyst", "--expires", "31/12/2099", NULL },
    { "extract", "create", "--db", "d", "--out", "x.wmx", "--role", "analyst", "--kdf", "none", NULL },
    { "extract", "create", "--db", "d", "--out", "x.wmx", "--role", "analyst", "--passphrase", "x", NULL },
    { "extract", "create", "--db", "d", "--out", "x.wmx", "--role", "analyst", "stray", NULL },
    { "extract", "info", NULL },
    { "extract", "verify", "a.wmx", "b.wmx", NULL },
    { "extract", "add-slot", "a.wmx", NULL },
    { "extract", "remove-slot", "a.wmx", NULL },
    { "extract", "remove-slot", "--slot", "9", "a.wmx", NULL },
    { "extract", "rekey", "--no-such-option", "a.wmx", NULL },
  };
  Result r = { 0 };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      run_env (&r, NULL, cases[i]);
      if (r.status != 2)
        g_error ("case %" G_GSIZE_FORMAT ": exit %d, expected 2: %s", i, r.status, r.err);
      g_assert_true (g_str_has_prefix (r.err, "welfaremap"));
    }
  g_assert_cmpint (RUN (&r, "extract", "--help"), ==, 0);
  g_assert_nonnull (strstr (r.out, "remove-slot"));
  result_clear (&r);
}

static void
test_failures (Fixture *f, gconstpointer data)
{
  g_autofree char *missing = g_build_filename (f->dir, "missing.wmx", NULL);
  g_autofree char *damaged = g_build_filename (f->dir, "damaged.wmx", NULL);
  g_autofree char *empty_pass = g_build_filename (f->dir, "empty.txt", NULL);
  g_autofree char *short_pass = g_build_filename (f->dir, "short.txt", NULL);
  g_autofree char *contents = NULL;
  gsize len;
  Result r = { 0 };

  create_caseworker (f);
  RUN (&r, "extract", "verify", "--passphrase-file", f->cw_file, missing);
  assert_one_line_error (&r, missing, "does not exist");
  RUN (&r, "extract", "info", f->dir);
  assert_one_line_error (&r, f->dir, "folder");
  RUN (&r, "extract", "info", f->data_db);
  assert_one_line_error (&r, f->data_db, "not a WelfareMap extract");

  /* no passphrase anywhere, and no terminal */
  RUN (&r, "extract", "verify", f->out);
  assert_one_line_error (&r, f->out, "--passphrase-file FILE or set WELFAREMAP_PASSPHRASE");
  RUN (&r, "extract", "verify", "--passphrase-file", missing, f->out);
  assert_one_line_error (&r, missing, "passphrase file cannot be read");
  wm_test_write_file (empty_pass, "\n", -1);
  RUN (&r, "extract", "verify", "--passphrase-file", empty_pass, f->out);
  assert_one_line_error (&r, f->out, "empty");
  wm_test_write_file (short_pass, "1234567", -1);
  RUN (&r, "extract", "add-slot", "--role", "analyst", "--passphrase-file", f->cw_file,
       "--new-passphrase-file", short_pass, f->out);
  assert_one_line_error (&r, f->out, "at least 8");
  RUN (&r, "extract", "create", "--db", missing, "--out", damaged, "--role", "analyst",
       "--passphrase-file", f->an_file);
  assert_one_line_error (&r, missing, "database does not exist");
  RUN (&r, "extract", "create", "--db", f->cw_file, "--out", damaged, "--role", "analyst",
       "--passphrase-file", f->an_file);
  assert_one_line_error (&r, f->cw_file, "not an SQLite database");
  RUN (&r, "extract", "create", "--db", f->data_db, "--identity-db", f->ids_db, "--out", damaged,
       "--role", "analyst", "--passphrase-file", f->an_file, "--kdf", "interactive");
  assert_one_line_error (&r, damaged, "caseworker");
  g_assert_false (g_file_test (damaged, G_FILE_TEST_EXISTS));

  /* A damaged file: `info` prints what the header says, then why not to
   * trust it; `verify` says "damaged", not "wrong passphrase". */
  g_assert_true (g_file_get_contents (f->out, &contents, &len, NULL));
  contents[100] ^= 0x01;
  wm_test_write_file (damaged, contents, len);
  RUN (&r, "extract", "info", damaged);
  assert_one_line_error (&r, damaged, "damaged");
  g_assert_nonnull (strstr (r.out, "slot 1:    caseworker"));
  g_assert_nonnull (strstr (r.out, "cannot be trusted"));
  RUN (&r, "extract", "verify", "--passphrase-file", f->cw_file, damaged);
  assert_one_line_error (&r, damaged, "damaged");
  g_assert_null (strstr (r.err, "wrong passphrase"));
  contents[100] ^= 0x01;
  wm_test_write_file (damaged, contents, len / 2);
  RUN (&r, "info", damaged);
  assert_one_line_error (&r, damaged, "incomplete");
  result_clear (&r);
}

static void
take_terminal (gpointer data)
{
  int fd;

  setsid ();
  fd = open (data, O_RDWR);  /* the first terminal a session leader opens becomes its own */
  if (fd >= 0)
    ioctl (fd, TIOCSCTTY, 0);
}

/* The prompt, on a pseudo-terminal: echo is off, the passphrase is asked
 * twice when it is being chosen, and it never shows. */
static void
test_terminal_prompt (Fixture *f, gconstpointer data)
{
  const char *secret = "typed on a terminal";
  const char *env_secret[] = { "WELFAREMAP_PASSPHRASE=typed on a terminal", NULL };
  g_autoptr(GString) screen = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_environ_unsetenv (g_get_environ (), "WELFAREMAP_PASSPHRASE");
  const char *argv[] = { g_getenv ("WM_EXE"), "extract", "create", "--db", f->data_db, "--out", f->out,
                         "--role", "analyst", "--kdf", "interactive", NULL };
  int master, out_fd, err_fd, status = -1, answered = 0;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  Result r = { 0 };
  GPid pid;

  master = posix_openpt (O_RDWR | O_NOCTTY);
  g_assert_cmpint (master, >=, 0);
  g_assert_cmpint (grantpt (master), ==, 0);
  g_assert_cmpint (unlockpt (master), ==, 0);
  g_spawn_async_with_pipes (NULL, (char **) argv, envp, G_SPAWN_DO_NOT_REAP_CHILD, take_terminal,
                            ptsname (master), &pid, NULL, &out_fd, &err_fd, &error);
  g_assert_no_error (error);

  /* Answer each prompt as it shows, until the child closes the terminal. */
  while (g_get_monotonic_time () < deadline)
    {
      struct pollfd p = { master, POLLIN, 0 };
      char buf[256];
      gssize n;

      if (poll (&p, 1, 100) <= 0)
        {
          if (waitpid (pid, &status, WNOHANG) == pid)
            break;
          continue;
        }
      n = read (master, buf, sizeof buf);
      if (n <= 0)
        {
          /* EIO: no one has the terminal open, yet or any more */
          if (waitpid (pid, &status, WNOHANG) == pid)
            break;
          g_usleep (10000);
          continue;
        }
      g_string_append_len (screen, buf, n);
      if ((answered == 0 && strstr (screen->str, "New passphrase for ") != NULL) ||
          (answered == 1 && strstr (screen->str, "Type it again: ") != NULL))
        {
          g_assert_cmpint (write (master, secret, strlen (secret)), ==, (gssize) strlen (secret));
          g_assert_cmpint (write (master, "\n", 1), ==, 1);
          answered++;
        }
    }
  if (!WIFEXITED (status) && waitpid (pid, &status, 0) != pid)
    status = -1;
  close (master);
  if (answered != 2)
    {
      char err[1024] = "";
      gssize n = read (err_fd, err, sizeof err - 1);

      err[MAX (n, 0)] = '\0';
      g_error ("prompts answered: %d; terminal: %s; stderr: %s", answered, screen->str, err);
    }
  close (out_fd);
  close (err_fd);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_assert_null (strstr (screen->str, secret));
  g_assert_nonnull (strstr (screen->str, f->out));

  g_assert_cmpint (RUN_ENV (&r, env_secret, "extract", "verify", f->out), ==, 0);
  result_clear (&r);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add (name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/cli-extract/create-info-verify", test_create_info_verify);
  ADD ("/cli-extract/slots", test_slots);
  ADD ("/cli-extract/usage-errors", test_usage_errors);
  ADD ("/cli-extract/failures", test_failures);
  ADD ("/cli-extract/terminal-prompt", test_terminal_prompt);
#undef ADD

  return g_test_run ();
}
