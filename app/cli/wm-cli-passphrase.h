/* wm-cli-passphrase.h — passphrases for command-line jobs
 *
 * A passphrase never comes from an argument value (other users see those
 * in `ps`). It comes, in this order, from:
 *   1. the first line of a file: --passphrase-file FILE
 *      (--new-passphrase-file FILE for a second, new passphrase);
 *   2. the environment: WELFAREMAP_PASSPHRASE (WELFAREMAP_NEW_PASSPHRASE);
 *   3. the terminal, without echo (twice for a passphrase being chosen).
 *
 * Any command that opens an extract adds the option and reads it:
 *
 *   static char *passphrase_file;
 *   static GOptionEntry entries[] = {
 *     WM_CLI_PASSPHRASE_FILE_OPTION (passphrase_file),
 *     …
 *   };
 *   g_autoptr(WmCliPassphrase) pass =
 *     wm_cli_passphrase_read (WM_CLI_PASSPHRASE_OPEN, passphrase_file, path, &error);
 *   if (pass == NULL)
 *     return wm_cli_fail (error);
 *   extract = wm_extract_open (path, pass, NULL, &error);
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <glib.h>
#include <glib/gi18n.h>

G_BEGIN_DECLS

#define WM_CLI_PASSPHRASE_ENV     "WELFAREMAP_PASSPHRASE"
#define WM_CLI_NEW_PASSPHRASE_ENV "WELFAREMAP_NEW_PASSPHRASE"
#define WM_CLI_PASSPHRASE_MIN_NEW 8

#define WM_CLI_PASSPHRASE_ERROR (wm_cli_passphrase_error_quark ())

typedef enum {
  WM_CLI_PASSPHRASE_ERROR_NONE,      /* no file, no variable, no terminal */
  WM_CLI_PASSPHRASE_ERROR_FILE,      /* the file cannot be read */
  WM_CLI_PASSPHRASE_ERROR_EMPTY,
  WM_CLI_PASSPHRASE_ERROR_TOO_SHORT, /* a new passphrase under 8 characters */
  WM_CLI_PASSPHRASE_ERROR_MISMATCH,  /* typed twice, differently */
} WmCliPassphraseError;

typedef enum {
  WM_CLI_PASSPHRASE_OPEN,        /* one that exists: --passphrase-file, WELFAREMAP_PASSPHRASE, prompt once */
  WM_CLI_PASSPHRASE_CHOOSE,      /* the same sources, for a passphrase being set: prompt twice, ≥ 8 characters */
  WM_CLI_PASSPHRASE_CHOOSE_NEW,  /* a second one being set: --new-passphrase-file, WELFAREMAP_NEW_PASSPHRASE */
} WmCliPassphraseKind;

/* NUL-terminated UTF-8 in sodium_malloc memory, zeroed when freed. */
typedef char WmCliPassphrase;

#define WM_CLI_PASSPHRASE_FILE_OPTION(var) \
  { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &(var), \
    N_("Read the passphrase from the first line of FILE (or set WELFAREMAP_PASSPHRASE)"), N_("FILE") }
#define WM_CLI_NEW_PASSPHRASE_FILE_OPTION(var) \
  { "new-passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &(var), \
    N_("Read the new passphrase from the first line of FILE (or set WELFAREMAP_NEW_PASSPHRASE)"), N_("FILE") }

GQuark            wm_cli_passphrase_error_quark (void);
WmCliPassphrase  *wm_cli_passphrase_read        (WmCliPassphraseKind   kind,
                                                 const char           *file,
                                                 const char           *subject,
                                                 GError              **error);
void              wm_cli_passphrase_free        (WmCliPassphrase      *passphrase);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmCliPassphrase, wm_cli_passphrase_free)

G_END_DECLS
