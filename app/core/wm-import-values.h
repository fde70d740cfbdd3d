/* wm-import-values.h — reading dates, numbers and codes as municipalities write them
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Dates travel as yyyymmdd integers (0 = none): they compare like dates. */
gboolean  wm_import_parse_date    (const char  *text,
                                   const char  *format,
                                   int         *date);
char     *wm_import_format_date   (int          date);
int       wm_import_date_year     (int          date);

gboolean  wm_import_parse_number  (const char  *text,
                                   char         decimal_separator,
                                   double      *value);
gboolean  wm_import_parse_int     (const char  *text,
                                   gint64      *value);
char     *wm_import_normalise_code (const char *text);
char     *wm_import_normalise_name (const char *text);

G_END_DECLS
