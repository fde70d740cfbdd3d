/* wm-test-cli.c — running `welfaremap SUBCOMMAND` as a user runs it
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <sys/wait.h>

#include "wm-test-cli.h"

void
wm_test_run_clear (WmTestRun *r)
{
  g_free (r->out);
  g_free (r->err);
}

/**
 * wm_test_cli_runv:
 * @envp: (nullable): the environment, or %NULL for this process's
 * @setup: (nullable): run in the child before the program
 * @args: the arguments after @command, up to a %NULL
 *
 * Runs $WM_EXE @command @args… and keeps its exit status and output.
 */
void
wm_test_cli_runv (WmTestRun            *r,
                  char                **envp,
                  GSpawnChildSetupFunc  setup,
                  const char           *command,
                  va_list               args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int wait = 0;

  g_ptr_array_add (argv, (char *) g_getenv ("WM_EXE"));
  g_ptr_array_add (argv, (char *) command);
  for (const char *a = va_arg (args, const char *); a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, setup, NULL, &r->out, &r->err, &wait, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait));
  r->status = WEXITSTATUS (wait);
}

/**
 * wm_test_cli_assert_one_line_error:
 * @...: fragments the message must hold, then %NULL
 *
 * The exit status, and on stderr "welfaremap: …" — one line for a failed
 * job (status 1) — holding each fragment.
 */
void
wm_test_cli_assert_one_line_error (WmTestRun *r,
                                   int        status,
                                   ...)
{
  va_list args;

  g_assert_cmpint (r->status, ==, status);
  g_assert_true (g_str_has_prefix (r->err, "welfaremap: "));
  if (status == 1)
    g_assert_cmpint (strchr (r->err, '\n') - r->err, ==, strlen (r->err) - 1);
  va_start (args, status);
  for (const char *frag = va_arg (args, const char *); frag != NULL; frag = va_arg (args, const char *))
    if (strstr (r->err, frag) == NULL)
      g_error ("“%s” does not say “%s”", r->err, frag);
  va_end (args);
}
