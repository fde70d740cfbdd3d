/* wm-synth-csv.c — the generator's CSV writer
 *
 * Rows are built in a line buffer (a duplicate-row defect writes it twice)
 * and go through a 1 MiB stdio buffer. Numbers and dates are formatted by
 * hand: printf's parsing cost a third of the writing time of Milano's
 * 15 million rows. Money has a decimal comma, dates are dd/mm/yyyy.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "wm-synth-write-private.h"

gboolean
wm_synth_csv_open (WmSynthCsv  *csv,
                   const char  *dir,
                   const char  *name,
                   const char  *header,
                   GError     **error)
{
  csv->path = g_build_filename (dir, name, NULL);
  csv->fp = fopen (csv->path, "w");
  csv->line = g_string_sized_new (256);
  csv->error = error;
  csv->fields = 0;
  if (csv->fp == NULL)
    {
      g_set_error (error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_OUTPUT,
                   _("%s: cannot write (%s) — choose a folder you can write to"), csv->path, g_strerror (errno));
      return FALSE;
    }
  setvbuf (csv->fp, NULL, _IOFBF, 1 << 20);
  fputs (header, csv->fp);
  fputc ('\n', csv->fp);
  csv->row = 1;
  return TRUE;
}

static inline void
separator (WmSynthCsv *csv)
{
  if (csv->fields++ > 0)
    g_string_append_c (csv->line, ';');
}

void
wm_synth_csv_field (WmSynthCsv *csv,
                    const char *value)
{
  separator (csv);
  if (value == NULL)
    return;
  if (strpbrk (value, ";\"\n\r") != NULL)
    {
      g_string_append_c (csv->line, '"');
      for (const char *p = value; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (csv->line, '"');
          g_string_append_c (csv->line, *p);
        }
      g_string_append_c (csv->line, '"');
    }
  else
    g_string_append (csv->line, value);
}

char *
wm_synth_format_int (char   *buf,
                     gint64  value)
{
  char tmp[24];
  int n = 0;
  guint64 v = value < 0 ? -(guint64) value : (guint64) value;

  do
    tmp[n++] = '0' + (char) (v % 10);
  while ((v /= 10) != 0);
  if (value < 0)
    *buf++ = '-';
  while (n > 0)
    *buf++ = tmp[--n];
  *buf = '\0';
  return buf;
}

void
wm_synth_csv_int (WmSynthCsv *csv,
                  gint64      value)
{
  char buf[24];

  separator (csv);
  g_string_append_len (csv->line, buf, wm_synth_format_int (buf, value) - buf);
}

void
wm_synth_csv_date (WmSynthCsv *csv,
                   guint32     day)
{
  char buf[10];
  int y, m, d;

  separator (csv);
  if (day == 0)
    return;
  wm_synth_dmy (day, &y, &m, &d);
  buf[0] = '0' + d / 10;
  buf[1] = '0' + d % 10;
  buf[2] = '/';
  buf[3] = '0' + m / 10;
  buf[4] = '0' + m % 10;
  buf[5] = '/';
  buf[6] = '0' + y / 1000 % 10;
  buf[7] = '0' + y / 100 % 10;
  buf[8] = '0' + y / 10 % 10;
  buf[9] = '0' + y % 10;
  g_string_append_len (csv->line, buf, 10);
}

/* @value rounded to @decimals places, '.' or ',' as the separator. */
static void
fixed (WmSynthCsv *csv, double value, int decimals, char point)
{
  static const double powers[] = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8 };
  char buf[48], *end;
  gint64 scaled;
  guint64 whole, frac;

  g_assert (decimals >= 0 && decimals < (int) G_N_ELEMENTS (powers));
  scaled = (gint64) llround (value * powers[decimals]);
  whole = (guint64) (scaled < 0 ? -scaled : scaled) / (guint64) powers[decimals];
  frac = (guint64) (scaled < 0 ? -scaled : scaled) % (guint64) powers[decimals];
  end = buf;
  if (scaled < 0)
    *end++ = '-';
  end = wm_synth_format_int (end, (gint64) whole);
  if (decimals > 0)
    {
      *end++ = point;
      for (int i = decimals - 1; i >= 0; i--, frac /= 10)
        end[i] = '0' + (char) (frac % 10);
      end += decimals;
    }
  separator (csv);
  g_string_append_len (csv->line, buf, end - buf);
}

void
wm_synth_csv_money (WmSynthCsv *csv,
                    double      euro)
{
  fixed (csv, euro, 2, ',');
}

void
wm_synth_csv_fixed (WmSynthCsv *csv,
                    double      value,
                    int         decimals)
{
  fixed (csv, value, decimals, '.');
}

/* Ends the row; returns its line number. */
guint64
wm_synth_csv_end (WmSynthCsv *csv)
{
  g_string_append_c (csv->line, '\n');
  fwrite (csv->line->str, 1, csv->line->len, csv->fp);
  g_string_truncate (csv->line, 0);
  csv->fields = 0;
  return ++csv->row;
}

/* Ends the row and writes it once more (a duplicate); returns the second's line. */
guint64
wm_synth_csv_end_twice (WmSynthCsv *csv)
{
  g_string_append_c (csv->line, '\n');
  fwrite (csv->line->str, 1, csv->line->len, csv->fp);
  fwrite (csv->line->str, 1, csv->line->len, csv->fp);
  g_string_truncate (csv->line, 0);
  csv->fields = 0;
  return csv->row += 2;
}

gboolean
wm_synth_csv_close (WmSynthCsv *csv)
{
  gboolean ok = TRUE;

  if (csv->fp != NULL)
    {
      int saved = 0;

      if (fflush (csv->fp) != 0 || fsync (fileno (csv->fp)) != 0)
        ok = FALSE, saved = errno;
      if (fclose (csv->fp) != 0 && ok)
        ok = FALSE, saved = errno;
      if (!ok && csv->error != NULL && *csv->error == NULL)
        g_set_error (csv->error, WM_SYNTH_ERROR, WM_SYNTH_ERROR_OUTPUT,
                     _("%s: writing failed (%s) — is the disk full?"), csv->path, g_strerror (saved));
    }
  g_free (csv->path);
  if (csv->line != NULL)
    g_string_free (csv->line, TRUE);
  memset (csv, 0, sizeof *csv);
  return ok;
}
