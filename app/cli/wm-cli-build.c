/* wm-cli-build.c — `welfaremap extract build`: a municipality's exports into an extract
 *
 * The import and the encryption run in a worker thread while the main
 * loop waits for Ctrl-C: cancelling stops at the next thousand rows, and
 * the extract writer's temporary file is removed, so an interrupted build
 * leaves nothing behind. The data-quality report is written only with the
 * extract it describes.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <inttypes.h>
#include <glib-unix.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "wm-cli.h"
#include "wm-cli-build.h"
#include "wm-cli-passphrase.h"
#include "wm-importer.h"

typedef struct {
  WmImporter *importer;
  char *out;
  WmCliPassphrase *analyst;
  WmCliPassphrase *caseworker;
  WmExtractKdfLevel kdf;
  gboolean check_only;

  /* progress, from the worker thread */
  gboolean tty;
  gboolean quiet;
  gint64 last_print;
  gboolean printed;

  GMainLoop *loop;
  gboolean ok;
  gboolean interrupted;
  GError *error;
} Build;

static void
build_clear (Build *b)
{
  g_clear_object (&b->importer);
  g_free (b->out);
  g_clear_pointer (&b->analyst, wm_cli_passphrase_free);
  g_clear_pointer (&b->caseworker, wm_cli_passphrase_free);
  g_clear_pointer (&b->loop, g_main_loop_unref);
  g_clear_error (&b->error);
}

/* On a terminal one line, rewritten at most ten times a second; in a log
 * a line every five seconds. */
static void
on_progress (const char *source,
             gint64      done,
             gint64      total,
             double      rows_per_second,
             gpointer    data)
{
  Build *b = data;
  gint64 now = g_get_monotonic_time ();
  g_autofree char *line = NULL;

  if (b->quiet || *source == '\0' || now - b->last_print < (b->tty ? G_USEC_PER_SEC / 10 : 5 * G_USEC_PER_SEC))
    return;
  b->last_print = now;
  line = g_strdup_printf (_("reading %s: %d%% (%" PRId64 " of %" PRId64 " rows, %.0f rows/s)"),
                          source, total > 0 ? (int) (100 * done / total) : 0, done, total, rows_per_second);
  if (b->tty)
    fprintf (stderr, "\r\033[K%s", line);
  else
    fprintf (stderr, "welfaremap: %s\n", line);
  b->printed = TRUE;
}

static void
build_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Build *b = task_data;
  GError *error = NULL;

  if (!wm_importer_run (b->importer, cancellable, &error) ||
      (!b->check_only &&
       !wm_importer_write_extract (b->importer, b->out, b->analyst, b->caseworker, NULL, b->kdf, cancellable,
                                   &error)))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_built (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  Build *b = data;

  b->ok = g_task_propagate_boolean (G_TASK (result), &b->error);
  g_main_loop_quit (b->loop);
}

static gboolean
on_interrupt (gpointer data)
{
  GCancellable *cancellable = data;

  g_cancellable_cancel (cancellable);
  return G_SOURCE_CONTINUE;
}

/* FILE.wmx → FILE.report.html, next to it. */
static char *
report_path (const char *out)
{
  g_autofree char *stem = g_str_has_suffix (out, ".wmx") ? g_strndup (out, strlen (out) - 4) : g_strdup (out);

  return g_strconcat (stem, ".report.html", NULL);
}

static void
print_summary (WmImportReport *report)
{
  g_auto(GStrv) sources = wm_import_report_get_sources (report);

  for (guint i = 0; sources[i] != NULL; i++)
    {
      g_autofree char *summary = wm_import_report_get_summary (report, sources[i]);

      printf ("  %-24s %s\n", sources[i], summary);
    }
}

static gboolean
parse_kdf (const char        *name,
           WmExtractKdfLevel *kdf)
{
  if (name == NULL || g_str_equal (name, "moderate"))
    *kdf = WM_EXTRACT_KDF_MODERATE;
  else if (g_str_equal (name, "interactive"))
    *kdf = WM_EXTRACT_KDF_INTERACTIVE;
  else
    return FALSE;
  return TRUE;
}

/* Both passphrases, read the way every extract command reads them. */
static gboolean
read_passphrases (Build       *b,
                  const char  *caseworker_file,
                  const char  *analyst_file,
                  GError     **error)
{
  g_autofree char *display = g_filename_display_name (b->out);
  g_autofree char *for_caseworker = g_strdup_printf (_("%s, caseworkers (identities too)"), display);
  g_autofree char *for_analyst = g_strdup_printf (_("%s, analysts"), display);

  b->caseworker = wm_cli_passphrase_read (WM_CLI_PASSPHRASE_CHOOSE, caseworker_file, for_caseworker, error);
  if (b->caseworker == NULL)
    return FALSE;
  b->analyst = wm_cli_passphrase_read (WM_CLI_PASSPHRASE_CHOOSE_NEW, analyst_file, for_analyst, error);
  if (b->analyst == NULL)
    return FALSE;
  /* told now rather than after the import (wm_importer_write_extract
   * refuses it too) */
  if (strcmp (b->analyst, b->caseworker) == 0)
    {
      g_set_error (error, WM_IMPORTER_ERROR, WM_IMPORTER_ERROR_FAILED,
                   _("%s: the analyst and caseworker passphrases are the same — an analyst could then read the "
                     "identities; choose two different ones"), display);
      return FALSE;
    }
  return TRUE;
}

/**
 * wm_cli_extract_build:
 *
 * `welfaremap extract build --mapping FILE --out FILE.wmx`
 */
int
wm_cli_extract_build (int    argc,
                      char **argv)
{
  g_autofree char *mapping_path = NULL, *out = NULL, *sources = NULL, *boundaries = NULL, *report = NULL;
  g_autofree char *caseworker_file = NULL, *analyst_file = NULL, *kdf_name = NULL;
  gboolean check = FALSE, force = FALSE, quiet = FALSE;
  GOptionEntry entries[] = {
    { "mapping", 'm', 0, G_OPTION_ARG_FILENAME, &mapping_path,
      N_("The mapping file: which export is which, column by column (see data/mapping/povo.ini)"), N_("FILE") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("The extract to write (.wmx)"), N_("FILE") },
    { "sources", 0, 0, G_OPTION_ARG_FILENAME, &sources,
      N_("The folder of the exports (default: the mapping file's)"), N_("DIR") },
    { "boundaries", 0, 0, G_OPTION_ARG_FILENAME, &boundaries,
      N_("The folder of the boundary layers (default: the mapping file's)"), N_("DIR") },
    { "report", 0, 0, G_OPTION_ARG_FILENAME, &report,
      N_("Where to write the data-quality report (default: FILE.report.html next to the extract)"), N_("FILE") },
    { "check", 0, 0, G_OPTION_ARG_NONE, &check,
      N_("Import and write the data-quality report only: no extract, no passphrases"), NULL },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &caseworker_file,
      N_("The caseworkers' passphrase (opens the identities too), from the first line of FILE "
         "(or set WELFAREMAP_PASSPHRASE)"), N_("FILE") },
    { "new-passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &analyst_file,
      N_("The analysts' passphrase, from the first line of FILE (or set WELFAREMAP_NEW_PASSPHRASE)"), N_("FILE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace the extract if it exists"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("No progress on stderr"), NULL },
    { "kdf", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &kdf_name, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("— import a municipality's exports into a new encrypted extract"));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  g_autofree char *html = NULL;
  WmImportMapping *mapping;
  Build b = { 0 };
  guint sigint, sigterm;
  int rc = WM_CLI_EXIT_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("Reads every source file the mapping names, checks and links it to the registry, places each dwelling in "
      "every boundary layer, and writes the pseudonymised data and the identities, encrypted, into one extract "
      "with a caseworkers' and an analysts' passphrase. Rows that cannot be imported are listed, with their file "
      "and row, in the data-quality report. Ctrl-C stops the build and leaves no extract."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return wm_cli_usage_error (context, error->message);
  if (argc > 1)
    return wm_cli_usage_error (context, _("unexpected argument; give the files with --mapping and --out"));
  if (mapping_path == NULL || (out == NULL && !check))
    return wm_cli_usage_error (context, _("--mapping and --out are required (--out may go with --check)"));
  if (!parse_kdf (kdf_name, &b.kdf))
    return wm_cli_usage_error (context, _("--kdf must be moderate or interactive"));
  if (out == NULL && report == NULL)
    return wm_cli_usage_error (context, _("--check without --out needs --report FILE"));
  if (out != NULL && !check && !force && g_file_test (out, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (out);

      fprintf (stderr, _("welfaremap: %s: the file already exists — choose another name, or add --force to "
                         "replace it\n"), display);
      return WM_CLI_EXIT_FAILED;
    }

  mapping = wm_import_mapping_load (mapping_path, &error);
  if (mapping == NULL)
    return wm_cli_fail (error);
  if (sources != NULL)
    wm_import_mapping_set_sources_dir (mapping, sources);
  if (boundaries != NULL)
    wm_import_mapping_set_boundaries_dir (mapping, boundaries);

  b.out = g_strdup (out);
  b.check_only = check;
  b.quiet = quiet;
  b.tty = isatty (STDERR_FILENO);
  b.last_print = g_get_monotonic_time ();  /* a short import prints nothing */
  b.importer = wm_importer_new (mapping);
  /* Passphrases first: nobody wants to type them after a long import. */
  if (!check && !read_passphrases (&b, caseworker_file, analyst_file, &error))
    {
      build_clear (&b);
      return wm_cli_fail (error);
    }
  wm_importer_set_progress_func (b.importer, on_progress, &b, NULL);

  b.loop = g_main_loop_new (NULL, FALSE);
  sigint = g_unix_signal_add (SIGINT, on_interrupt, cancellable);
  sigterm = g_unix_signal_add (SIGTERM, on_interrupt, cancellable);
  task = g_task_new (NULL, cancellable, on_built, &b);
  g_task_set_task_data (task, &b, NULL);
  g_task_run_in_thread (task, build_thread);
  g_main_loop_run (b.loop);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  if (b.printed && b.tty)
    fprintf (stderr, "\r\033[K");

  if (!b.ok)
    {
      if (g_error_matches (b.error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *display = g_filename_display_name (out != NULL ? out : mapping_path);

          fprintf (stderr, _("welfaremap: %s: interrupted — no extract was written\n"), display);
          rc = WM_CLI_EXIT_FAILED;
        }
      else
        rc = wm_cli_fail (b.error);
      build_clear (&b);
      return rc;
    }

  html = report != NULL ? g_strdup (report) : report_path (out);
  {
    g_autofree char *title = g_strdup_printf (_("Data-quality report — %s"),
                                              out != NULL ? out : mapping_path);

    if (!wm_import_report_write_html (wm_importer_get_report (b.importer), html, title, &error))
      rc = wm_cli_fail (error);
  }
  if (check)
    printf (_("Checked (no extract written):\n"));
  else
    printf (_("%s: extract written, with a caseworkers' and an analysts' passphrase\n"), out);
  print_summary (wm_importer_get_report (b.importer));
  if (rc == WM_CLI_EXIT_OK)
    printf (_("Data-quality report: %s\n"), html);
  build_clear (&b);
  return rc;
}
