/* wm-test-pdf.h — reading PDFs back with poppler-utils, as a reader would
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double x0, y0, x1, y1;   /* points, from the page's top left */
  char *text;
} WmTestWord;

typedef struct {
  double width, height;    /* points */
  GArray *words;           /* WmTestWord */
} WmTestPage;

char       *wm_test_pdf_info   (const char *path);
char       *wm_test_pdf_field  (const char *info,
                                const char *field);
guint       wm_test_pdf_n_pages (const char *path);
char       *wm_test_pdf_text   (const char *path,
                                guint       page,
                                gboolean    layout);
GPtrArray  *wm_test_pdf_words  (const char *path);
cairo_surface_t *wm_test_pdf_render (const char *path,
                                     guint       page,
                                     double      dpi);
guint32     wm_test_pixel      (cairo_surface_t *image,
                                int              x,
                                int              y);
char       *wm_test_squash     (const char *text);

G_END_DECLS
