/* wm-import-values.c — reading dates, numbers and codes as municipalities write them
 *
 * Text cells come as the office wrote them (15/03/2020, 9.360,50); cells
 * a spreadsheet stored as dates or numbers come as GDAL prints them
 * (2020/03/15, 2020-03-15, 9360.5, 100.0000000000000000).
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "wm-import-values.h"

static gboolean
read_digits (const char **p,
             int          min,
             int          max,
             int         *out)
{
  int n = 0, v = 0;

  while (n < max && g_ascii_isdigit ((*p)[n]))
    {
      v = v * 10 + ((*p)[n] - '0');
      n++;
    }
  if (n < min)
    return FALSE;
  *p += n;
  *out = v;
  return TRUE;
}

/* A time of day after the date (" 00:00:00", "T00:00:00Z") is ignored. */
static gboolean
only_time_left (const char *p)
{
  if (*p == '\0')
    return TRUE;
  if (*p != ' ' && *p != 'T')
    return FALSE;
  for (p++; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && strchr (":.+-Z", *p) == NULL)
      return FALSE;
  return TRUE;
}

static gboolean
parse_with (const char *text,
            const char *format,
            int        *date)
{
  const char *p = text;
  int d = 0, m = 0, y = 0;
  gboolean has_d = FALSE, has_m = FALSE, has_y = FALSE;

  for (const char *f = format; *f != '\0'; f++)
    {
      if (*f == '%' && f[1] != '\0')
        {
          f++;
          if (*f == 'd')
            has_d = read_digits (&p, 1, 2, &d);
          else if (*f == 'm')
            has_m = read_digits (&p, 1, 2, &m);
          else if (*f == 'Y')
            has_y = read_digits (&p, 4, 4, &y);
          else
            return FALSE;
          if ((*f == 'd' && !has_d) || (*f == 'm' && !has_m) || (*f == 'Y' && !has_y))
            return FALSE;
        }
      else if (*p++ != *f)
        return FALSE;
    }
  if (!has_d || !has_m || !has_y || !only_time_left (p) || !g_date_valid_dmy (d, m, y))
    return FALSE;
  *date = y * 10000 + m * 100 + d;
  return TRUE;
}

/**
 * wm_import_parse_date:
 * @format: the office's format (%d, %m, %Y and literal characters), or
 *   %NULL; ISO 2020-03-15 and GDAL's 2020/03/15 are always accepted
 * @date: (out): yyyymmdd
 */
gboolean
wm_import_parse_date (const char *text,
                      const char *format,
                      int        *date)
{
  if (text == NULL)
    return FALSE;
  return (format != NULL && parse_with (text, format, date)) ||
         parse_with (text, "%Y-%m-%d", date) ||
         parse_with (text, "%Y/%m/%d", date);
}

/* Returns: (transfer full): "YYYY-MM-DD", or %NULL for 0 */
char *
wm_import_format_date (int date)
{
  if (date == 0)
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02d", date / 10000, date / 100 % 100, date % 100);
}

int
wm_import_date_year (int date)
{
  return date / 10000;
}

/* Digits, or digits in groups of three separated by @group (9.360.000). */
static gboolean
append_digits (GString    *out,
               const char *s,
               gsize       len,
               char        group)
{
  gsize chunk = 0, chunks = 0;

  if (len == 0)
    return FALSE;
  for (gsize i = 0; i <= len; i++)
    {
      if (i < len && g_ascii_isdigit (s[i]))
        {
          g_string_append_c (out, s[i]);
          chunk++;
          continue;
        }
      if (i < len && (group == '\0' || s[i] != group))
        return FALSE;
      /* end of a chunk: the first has 1–3 digits when grouped, the others 3 */
      if (chunk == 0 || (chunks > 0 && chunk != 3) || (i < len && chunk > 3))
        return FALSE;
      chunks++;
      chunk = 0;
    }
  return TRUE;
}

/**
 * wm_import_parse_number:
 * @decimal_separator: ',' (Italian: 9.360,50) or '.'
 *
 * With ',' as separator, a text with no comma and a single '.' followed by
 * other than exactly three digits is a spreadsheet number (9360.5); "9.360"
 * is nine thousand three hundred and sixty.
 */
gboolean
wm_import_parse_number (const char *text,
                        char        decimal_separator,
                        double     *value)
{
  g_autoptr(GString) clean = g_string_new (NULL);
  const char *s = text, *sep;
  char group;
  gsize int_len;

  if (text == NULL)
    return FALSE;
  if (*s == '-' || *s == '+')
    {
      if (*s == '-')
        g_string_append_c (clean, '-');
      s++;
    }
  group = decimal_separator == ',' ? '.' : ',';
  if (decimal_separator == ',' && strchr (s, ',') == NULL)
    {
      const char *dot = strchr (s, '.');

      /* a spreadsheet's number, not Italian thousands */
      if (dot != NULL && strchr (dot + 1, '.') == NULL && strlen (dot + 1) != 3)
        {
          decimal_separator = '.';
          group = '\0';
        }
    }
  sep = strchr (s, decimal_separator);
  int_len = sep != NULL ? (gsize) (sep - s) : strlen (s);
  if (!append_digits (clean, s, int_len, group))
    return FALSE;
  if (sep != NULL)
    {
      g_string_append_c (clean, '.');
      if (!append_digits (clean, sep + 1, strlen (sep + 1), '\0'))
        return FALSE;
    }
  *value = g_ascii_strtod (clean->str, NULL);
  return isfinite (*value);
}

/* A whole number, also as a spreadsheet prints one (2020.0000000000000000). */
gboolean
wm_import_parse_int (const char *text,
                     gint64     *value)
{
  char *end = NULL;
  gint64 v;

  if (text == NULL || *text == '\0' || g_ascii_isspace (*text))
    return FALSE;
  v = g_ascii_strtoll (text, &end, 10);
  if (end == text || (end[0] != '\0' && end[0] != '.'))
    return FALSE;
  if (end[0] == '.')
    for (const char *p = end + 1; *p != '\0'; p++)
      if (*p != '0')
        return FALSE;
  *value = v;
  return TRUE;
}

/**
 * wm_import_normalise_code:
 *
 * The form codes (family, dwelling, section, state) are compared in: no
 * surrounding space, upper case, and an all-digit code without leading
 * zeros — a spreadsheet that stored "000123" as a number wrote 123.
 */
char *
wm_import_normalise_code (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  const char *p = trimmed;
  gboolean digits = *p != '\0';

  for (const char *q = p; *q != '\0'; q++)
    digits = digits && g_ascii_isdigit (*q);
  if (digits)
    {
      while (p[0] == '0' && p[1] != '\0')
        p++;
      return g_strdup (p);
    }
  return g_ascii_strup (trimmed, -1);
}

/**
 * wm_import_normalise_name:
 *
 * For the fallback link by name: accents folded, upper case, one space
 * between words, apostrophes and dots dropped ("D'Angelo" = "DANGELO").
 */
char *
wm_import_normalise_name (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text != NULL ? text : "", "C");
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          g_string_append_c (out, g_ascii_toupper (*p));
          space = FALSE;
        }
      else if (*p == ' ' || *p == '-' || *p == '\t')
        space = TRUE;
    }
  return g_string_free (out, FALSE);
}
