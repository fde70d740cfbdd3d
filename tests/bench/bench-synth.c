/* bench-synth.c — `welfaremap synth` at city scale, and GDAL's spreadsheet writers
 *
 * Milano (1.24 M residents in 6,017 sections, 2015–2024) and Palermo
 * (630,000 residents over 2,874 section polygons, 2015–2024) are generated
 * each in a child process, so that its peak RSS and CPU time are its own.
 * The peer is the I/O floor: writing and fsyncing the same number of bytes
 * with plain fwrite, measured in the same run. Then GDAL's XLSX and ODS
 * writers with a million rows, against the generator's own CSV writer on
 * the same rows, and how many of those rows GDAL reads back.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <gdal.h>
#include <cpl_error.h>
#include <ogr_api.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "wm-bench.h"
#include "wm-synth.h"
#include "wm-synth-write-private.h"
#include "wm-test-util.h"

#define SHEET_ROWS 1000000

typedef struct {
  double wall, cpu, rss_mib;
} Usage;

/* Runs @fn in a child process: its wall time, CPU time (all threads) and peak RSS. */
static Usage
in_child (gboolean (*fn) (gpointer), gpointer data)
{
  Usage u = { 0 };
  struct rusage ru;
  gint64 start = g_get_monotonic_time ();
  int status = 0;
  pid_t pid;

  fflush (stdout);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    _exit (fn (data) ? 0 : 1);
  g_assert_cmpint (wait4 (pid, &status, 0, &ru), ==, pid);
  u.wall = (g_get_monotonic_time () - start) / 1e6;
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  u.cpu = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
  u.rss_mib = ru.ru_maxrss / 1024.0;
  return u;
}

typedef struct {
  const char *place;
  char *out;
} Place;

static gboolean
generate (gpointer data)
{
  Place *p = data;
  g_autoptr(WmSynth) synth = wm_synth_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *shared = wm_test_shared_path (NULL, NULL);

  if (!wm_synth_set_place (synth, p->place, &error))
    return FALSE;
  wm_synth_set_data_dir (synth, shared);
  wm_synth_set_first_year (synth, 2015);
  wm_synth_set_years (synth, 10);
  if (!wm_synth_run (synth, p->out, NULL, NULL, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

/* The I/O floor: @bytes written with fwrite in 1 MiB blocks, then fsync. */
static double
write_floor (const char *dir, guint64 bytes)
{
  g_autofree char *path = g_build_filename (dir, "floor.bin", NULL);
  g_autofree char *block = g_malloc (1 << 20);
  gint64 start;
  FILE *fp;

  memset (block, 'x', 1 << 20);
  start = g_get_monotonic_time ();
  fp = fopen (path, "w");
  g_assert_nonnull (fp);
  for (guint64 done = 0; done < bytes; done += 1 << 20)
    g_assert_cmpuint (fwrite (block, 1, MIN (bytes - done, (guint64) 1 << 20), fp), >, 0);
  g_assert_cmpint (fflush (fp), ==, 0);
  g_assert_cmpint (fsync (fileno (fp)), ==, 0);
  fclose (fp);
  start = g_get_monotonic_time () - start;
  g_remove (path);
  return start / 1e6;
}

/* Rows a GDAL reader finds in every layer of @path; FALSE when it reported
 * an error. Read in a child process, so this one stays small for the next
 * child's peak RSS. */
static gboolean
rows_read_back (const char *path, guint64 *rows)
{
  int fds[2], status = 0;
  char answer[64] = "";
  pid_t pid;

  g_assert_cmpint (pipe (fds), ==, 0);
  fflush (stdout);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      GDALDatasetH ds;
      guint64 n = 0;
      char line[64];

      close (fds[0]);
      CPLErrorReset ();
      CPLPushErrorHandler (CPLQuietErrorHandler);
      ds = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
      for (int l = 0; ds != NULL && l < GDALDatasetGetLayerCount (ds); l++)
        n += OGR_L_GetFeatureCount (GDALDatasetGetLayer (ds, l), TRUE);
      g_snprintf (line, sizeof line, "%" G_GUINT64_FORMAT " %d", n, ds != NULL && CPLGetLastErrorType () < CE_Failure);
      if (ds != NULL)
        GDALClose (ds);
      _exit (write (fds[1], line, strlen (line)) > 0 ? 0 : 1);
    }
  close (fds[1]);
  g_assert_cmpint (read (fds[0], answer, sizeof answer - 1), >, 0);
  close (fds[0]);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  *rows = g_ascii_strtoull (answer, NULL, 10);
  return strchr (answer, ' ') != NULL && strchr (answer, ' ')[1] == '1';
}

/* Bytes and data rows of the output folder (CSV lines past the header, spreadsheet rows read back). */
static void
measure_output (const char *dir, guint64 *bytes, guint64 *rows, GString *unread)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  *bytes = *rows = 0;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf st;

      g_assert_cmpint (g_stat (path, &st), ==, 0);
      *bytes += st.st_size;
      if (g_str_has_suffix (name, ".csv") && !g_str_equal (name, "difetti.csv"))
        {
          g_autoptr(GMappedFile) map = g_mapped_file_new (path, FALSE, NULL);
          const char *p = g_mapped_file_get_contents (map), *end = p + g_mapped_file_get_length (map);

          for (; p < end && (p = memchr (p, '\n', end - p)) != NULL; p++)
            ++*rows;
          --*rows;
        }
      else if (g_str_has_suffix (name, ".xlsx") || g_str_has_suffix (name, ".ods"))
        {
          guint64 n = 0;

          if (!rows_read_back (path, &n))
            g_string_append_printf (unread, " %s: GDAL read back only %" G_GUINT64_FORMAT " rows;", name, n);
          *rows += n;
        }
    }
}

static void
load_average (char buf[64])
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    text = g_strdup ("?");
  g_strlcpy (buf, text, 64);
  if (strchr (buf, ' ') != NULL)
    *strchr (buf, ' ') = '\0';
}

static void
bench_place (const char *tmp, const char *place, const char *name)
{
  Place p = { place, g_build_filename (tmp, place, NULL) };
  g_autoptr(GString) unread = g_string_new (NULL);
  char load[64];
  guint64 bytes, rows;
  double floor_s;
  Usage u;

  g_autofree char *seconds = g_strdup_printf ("synth.%s_10y_s", name);
  g_autofree char *speed = g_strdup_printf ("synth.%s_rows_per_s", name);
  g_autofree char *memory = g_strdup_printf ("synth.%s_peak_rss", name);

  load_average (load);
  u = in_child (generate, &p);
  measure_output (p.out, &bytes, &rows, unread);
  floor_s = write_floor (tmp, bytes);
  wm_bench_report (seconds, u.wall, "s",
                   "%.1f× the I/O floor: fwrite+fsync of the same %.0f MiB took %.2f s; CPU %.1f s in 3 threads;"
                   " load average %s at the start", u.wall / floor_s, bytes / 1048576.0, floor_s, u.cpu, load);
  wm_bench_report (speed, rows / u.wall, "rows/s", "%" G_GUINT64_FORMAT " rows;%s", rows,
                   unread->len ? unread->str : " every spreadsheet row read back by GDAL");
  wm_bench_report (memory, u.rss_mib, "MiB", NULL);
  wm_test_rmdir (p.out);
  g_free (p.out);
}

typedef struct {
  const char *dir, *file, *driver;
} SheetJob;

/* A million ISEE-like rows: code, family, year, amount, date. */
static gboolean
write_sheet (gpointer data)
{
  static const char *const fields[] = { "codice_fiscale_dichiarante", "codice_famiglia", "anno", "valore_isee", "data_presentazione", NULL };
  static const WmSynthCellType types[] = { WM_SYNTH_CELL_TEXT, WM_SYNTH_CELL_TEXT, WM_SYNTH_CELL_INT, WM_SYNTH_CELL_REAL, WM_SYNTH_CELL_DATE };
  SheetJob *job = data;
  g_autoptr(GError) error = NULL;
  WmSynthSheet *sh = NULL;
  WmSynthCsv csv = { 0 };
  gboolean is_csv = job->driver == NULL;

  GDALAllRegister ();
  if (is_csv)
    g_assert_true (wm_synth_csv_open (&csv, job->dir, job->file, "codice_fiscale_dichiarante;codice_famiglia;anno;valore_isee;data_presentazione", &error));
  else
    g_assert_nonnull ((sh = wm_synth_sheet_open (job->dir, job->file, job->driver, "isee", fields, types, WM_SYNTH_SHEET_ROWS, &error)));
  for (guint32 r = 0; r < SHEET_ROWS; r++)
    {
      char cf[17], fam[16];
      guint32 day = wm_synth_julian (2020, 1, 15) + r % 330;
      double isee = (r * 7919 % 4000000) / 100.0;

      g_snprintf (cf, sizeof cf, "RSSMRA%02uA%02uH501%c", r % 100, 1 + r % 28, 'A' + r % 26);
      wm_synth_format_int (fam, 100000 + r / 2);
      if (is_csv)
        {
          wm_synth_csv_field (&csv, cf);
          wm_synth_csv_field (&csv, fam);
          wm_synth_csv_int (&csv, 2015 + r % 10);
          wm_synth_csv_money (&csv, isee);
          wm_synth_csv_date (&csv, day);
          wm_synth_csv_end (&csv);
        }
      else
        {
          wm_synth_sheet_text (sh, cf);
          wm_synth_sheet_text (sh, fam);
          wm_synth_sheet_int (sh, 2015 + r % 10);
          wm_synth_sheet_real (sh, isee);
          wm_synth_sheet_date (sh, day);
          wm_synth_sheet_end (sh);
        }
    }
  return is_csv ? wm_synth_csv_close (&csv) : wm_synth_sheet_close (sh, &error);
}

static void
bench_sheets (const char *tmp)
{
  SheetJob csv = { tmp, "isee.csv", NULL };
  Usage peer = in_child (write_sheet, &csv);
  const char *drivers[] = { "XLSX", "ODS" }, *files[] = { "isee.xlsx", "isee.ods" };

  for (guint i = 0; i < G_N_ELEMENTS (drivers); i++)
    {
      SheetJob job = { tmp, files[i], drivers[i] };
      g_autofree char *path = g_build_filename (tmp, files[i], NULL);
      g_autofree char *figure = g_strdup_printf ("synth.gdal_%s_1M_rows_s", files[i] + 5);
      guint64 rows = 0;
      gboolean clean;
      Usage u = in_child (write_sheet, &job);

      clean = rows_read_back (path, &rows);
      wm_bench_report (figure, u.wall, "s",
                       "%.1f× the CSV writer on the same rows (%.2f s, %.0f MiB peak); CPU %.1f s, peak RSS %.0f MiB;"
                       " GDAL reads back %" G_GUINT64_FORMAT " of %d rows%s",
                       u.wall / peer.wall, peer.wall, peer.rss_mib, u.cpu, u.rss_mib, rows, SHEET_ROWS,
                       clean ? "" : ", with an error");
      g_remove (path);
    }
  {
    g_autofree char *path = g_build_filename (tmp, "isee.csv", NULL);

    g_remove (path);
  }
}

int
main (int argc, char **argv)
{
  g_autofree char *tmp = wm_test_tmpdir ();

  GDALAllRegister ();
  bench_place (tmp, "milano", "milano");
  bench_place (tmp, "palermo", "palermo");
  bench_sheets (tmp);
  wm_test_rmdir (tmp);
  return 0;
}
