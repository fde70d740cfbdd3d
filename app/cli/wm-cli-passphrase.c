/* wm-cli-passphrase.c — passphrases for command-line jobs: a file, the
 * environment or the terminal without echo
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sodium.h>
#include <termios.h>
#include <unistd.h>

#include "wm-cli-passphrase.h"

#define MAX_LENGTH 1024

G_DEFINE_QUARK (wm-cli-passphrase-error-quark, wm_cli_passphrase_error)

void
wm_cli_passphrase_free (WmCliPassphrase *passphrase)
{
  if (passphrase != NULL)
    sodium_free (passphrase);
}

static WmCliPassphrase *
secure_copy (const char *text,
             gsize       len)
{
  WmCliPassphrase *copy = sodium_malloc (len + 1);

  if (copy == NULL)
    g_error ("out of memory for a passphrase");
  memcpy (copy, text, len);
  copy[len] = '\0';
  return copy;
}

static WmCliPassphrase *
from_file (const char  *file,
           GError     **error)
{
  g_autofree char *display = g_filename_display_name (file);
  g_autoptr(GError) local = NULL;
  WmCliPassphrase *passphrase;
  char *contents = NULL;
  gsize len = 0, line;

  if (!g_file_get_contents (file, &contents, &len, &local))
    {
      g_set_error (error, WM_CLI_PASSPHRASE_ERROR, WM_CLI_PASSPHRASE_ERROR_FILE,
                   _("%s: the passphrase file cannot be read (%s) — check its name"),
                   display, local->message);
      return NULL;
    }
  for (line = 0; line < len && contents[line] != '\n' && contents[line] != '\0'; line++)
    ;
  if (line > 0 && contents[line - 1] == '\r')
    line--;
  passphrase = secure_copy (contents, line);
  sodium_memzero (contents, len);
  g_free (contents);
  return passphrase;
}

/* The terminal's settings while echo is off, for the signal handler. */
static int tty_fd = -1;
static struct termios tty_saved;

static void
restore_and_reraise (int sig)
{
  tcsetattr (tty_fd, TCSAFLUSH, &tty_saved);
  signal (sig, SIG_DFL);
  raise (sig);
}

static gboolean
read_line_no_echo (int               fd,
                   const char       *prompt,
                   WmCliPassphrase **out)
{
  struct sigaction on_signal = { 0 }, old_int, old_term, old_hup;
  struct termios quiet;
  char *buf = sodium_malloc (MAX_LENGTH + 1);
  gsize len = 0;
  gboolean echo_off, ok;
  char c;

  g_assert (buf != NULL);
  /* Echo goes off before the prompt shows: TCSAFLUSH drops anything typed
   * earlier, which the terminal has already echoed. */
  echo_off = tcgetattr (fd, &tty_saved) == 0;
  if (echo_off)
    {
      tty_fd = fd;
      on_signal.sa_handler = restore_and_reraise;
      sigaction (SIGINT, &on_signal, &old_int);
      sigaction (SIGTERM, &on_signal, &old_term);
      sigaction (SIGHUP, &on_signal, &old_hup);
      quiet = tty_saved;
      quiet.c_lflag &= ~(ECHO | ECHOE | ECHOK);
      quiet.c_lflag |= ECHONL;
      tcsetattr (fd, TCSAFLUSH, &quiet);
    }
  ok = write (fd, prompt, strlen (prompt)) >= 0;
  while (ok)
    {
      gssize n = read (fd, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0 || c == '\n')
        break;
      if (c != '\r' && len < MAX_LENGTH)
        buf[len++] = c;
    }
  if (echo_off)
    {
      tcsetattr (fd, TCSAFLUSH, &tty_saved);
      sigaction (SIGINT, &old_int, NULL);
      sigaction (SIGTERM, &old_term, NULL);
      sigaction (SIGHUP, &old_hup, NULL);
      tty_fd = -1;
    }
  if (!ok)
    {
      sodium_free (buf);
      return FALSE;
    }
  buf[len] = '\0';
  *out = buf;
  return TRUE;
}

static WmCliPassphrase *
from_terminal (WmCliPassphraseKind   kind,
               const char           *subject,
               GError              **error)
{
  g_autofree char *display = g_filename_display_name (subject);
  g_autofree char *prompt = NULL;
  WmCliPassphrase *first = NULL, *second = NULL;
  int fd;

  fd = open ("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (fd < 0)
    {
      const char *option = kind == WM_CLI_PASSPHRASE_CHOOSE_NEW ? "--new-passphrase-file" : "--passphrase-file";
      const char *env = kind == WM_CLI_PASSPHRASE_CHOOSE_NEW ? WM_CLI_NEW_PASSPHRASE_ENV : WM_CLI_PASSPHRASE_ENV;

      g_set_error (error, WM_CLI_PASSPHRASE_ERROR, WM_CLI_PASSPHRASE_ERROR_NONE,
                   _("%s: no passphrase given, and no terminal to ask for it — "
                     "use %s FILE or set %s (a passphrase is never accepted as an argument)"),
                   display, option, env);
      return NULL;
    }
  if (kind == WM_CLI_PASSPHRASE_OPEN)
    prompt = g_strdup_printf (_("Passphrase for %s: "), display);
  else
    prompt = g_strdup_printf (_("New passphrase for %s: "), display);
  if (!read_line_no_echo (fd, prompt, &first))
    goto no_terminal;
  if (kind != WM_CLI_PASSPHRASE_OPEN && first[0] != '\0')
    {
      if (!read_line_no_echo (fd, _("Type it again: "), &second))
        goto no_terminal;
      if (strcmp (first, second) != 0)
        {
          g_set_error (error, WM_CLI_PASSPHRASE_ERROR, WM_CLI_PASSPHRASE_ERROR_MISMATCH,
                       _("%s: the two passphrases typed differ — type the same one twice"), display);
          g_clear_pointer (&first, wm_cli_passphrase_free);
        }
      wm_cli_passphrase_free (second);
    }
  close (fd);
  return first;

no_terminal:
  wm_cli_passphrase_free (first);
  close (fd);
  g_set_error (error, WM_CLI_PASSPHRASE_ERROR, WM_CLI_PASSPHRASE_ERROR_NONE,
               _("%s: the terminal could not be used to ask for the passphrase — use --passphrase-file FILE"),
               display);
  return NULL;
}

/**
 * wm_cli_passphrase_read:
 * @file: (nullable): the --passphrase-file (or --new-passphrase-file) value
 * @subject: the file the passphrase is for, named in prompts and errors
 *
 * Returns: (transfer full): the passphrase, or %NULL with @error set
 */
WmCliPassphrase *
wm_cli_passphrase_read (WmCliPassphraseKind   kind,
                        const char           *file,
                        const char           *subject,
                        GError              **error)
{
  g_autofree char *display = g_filename_display_name (subject);
  const char *env = g_getenv (kind == WM_CLI_PASSPHRASE_CHOOSE_NEW ? WM_CLI_NEW_PASSPHRASE_ENV
                                                                   : WM_CLI_PASSPHRASE_ENV);
  WmCliPassphrase *passphrase;
  glong chars;

  if (sodium_init () < 0)
    g_error ("the encryption library could not start");
  if (file != NULL)
    passphrase = from_file (file, error);
  else if (env != NULL)
    passphrase = secure_copy (env, strlen (env));
  else
    passphrase = from_terminal (kind, subject, error);
  if (passphrase == NULL)
    return NULL;

  if (passphrase[0] == '\0')
    {
      g_set_error (error, WM_CLI_PASSPHRASE_ERROR, WM_CLI_PASSPHRASE_ERROR_EMPTY,
                   _("%s: the passphrase given is empty — write it on the first line of the file, "
                     "or set the variable to it"),
                   display);
      wm_cli_passphrase_free (passphrase);
      return NULL;
    }
  chars = g_utf8_validate (passphrase, -1, NULL) ? g_utf8_strlen (passphrase, -1) : (glong) strlen (passphrase);
  if (kind != WM_CLI_PASSPHRASE_OPEN && chars < WM_CLI_PASSPHRASE_MIN_NEW)
    {
      g_set_error (error, WM_CLI_PASSPHRASE_ERROR, WM_CLI_PASSPHRASE_ERROR_TOO_SHORT,
                   _("%s: the new passphrase has %ld characters — choose one of at least %d, "
                     "better a few unrelated words"),
                   display, chars, WM_CLI_PASSPHRASE_MIN_NEW);
      wm_cli_passphrase_free (passphrase);
      return NULL;
    }
  return passphrase;
}
