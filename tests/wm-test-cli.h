/* wm-test-cli.h — running `welfaremap SUBCOMMAND` as a user runs it
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <glib.h>
#include <stdarg.h>

G_BEGIN_DECLS

typedef struct {
  int status;      /* exit status */
  char *out;
  char *err;
} WmTestRun;

void wm_test_run_clear                 (WmTestRun            *r);
void wm_test_cli_runv                  (WmTestRun            *r,
                                        char                **envp,
                                        GSpawnChildSetupFunc  setup,
                                        const char           *command,
                                        va_list               args);
void wm_test_cli_assert_one_line_error (WmTestRun            *r,
                                        int                   status,
                                        ...) G_GNUC_NULL_TERMINATED;

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WmTestRun, wm_test_run_clear)

G_END_DECLS
