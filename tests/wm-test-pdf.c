/* wm-test-pdf.c — reading PDFs back with poppler-utils, as a reader would
 *
 * pdfinfo, pdftotext and pdftoppm are an independent reader of what the
 * atlas wrote: the text a viewer extracts, where each word is, the colour
 * of a pixel once the page is rendered.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <stdlib.h>

#include "wm-test-pdf.h"
#include "wm-test-util.h"

static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  return out;
}

char *
wm_test_pdf_info (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };

  return run (argv);
}

/* The value of "Field:" in pdfinfo's output. */
char *
wm_test_pdf_field (const char *info,
                   const char *field)
{
  g_auto(GStrv) lines = g_strsplit (info, "\n", -1);

  for (char **l = lines; *l != NULL; l++)
    if (g_str_has_prefix (*l, field) && (*l)[strlen (field)] == ':')
      return g_strstrip (g_strdup (*l + strlen (field) + 1));
  return NULL;
}

guint
wm_test_pdf_n_pages (const char *path)
{
  g_autofree char *info = wm_test_pdf_info (path);
  g_autofree char *pages = wm_test_pdf_field (info, "Pages");

  g_assert_nonnull (pages);
  return atoi (pages);
}

/* @page: 1-based */
char *
wm_test_pdf_text (const char *path,
                  guint       page,
                  gboolean    layout)
{
  g_autofree char *p = g_strdup_printf ("%u", page);
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", "-f", p, "-l", p, layout ? "-layout" : "-raw", path, "-", NULL };

  return run (argv);
}

static double
attr (const char *tag,
      const char *name)
{
  g_autofree char *key = g_strdup_printf ("%s=\"", name);
  const char *at = strstr (tag, key);

  g_assert_nonnull (at);
  return g_ascii_strtod (at + strlen (key), NULL);
}

static void
page_free (gpointer data)
{
  WmTestPage *page = data;

  for (guint i = 0; i < page->words->len; i++)
    g_free (g_array_index (page->words, WmTestWord, i).text);
  g_array_unref (page->words);
  g_free (page);
}

static char *
unescape (const char *s,
          gssize      len)
{
  g_autofree char *raw = g_strndup (s, len);
  GString *out = g_string_new (NULL);

  for (const char *p = raw; *p != '\0'; p++)
    {
      if (g_str_has_prefix (p, "&amp;"))
        g_string_append_c (out, '&'), p += 4;
      else if (g_str_has_prefix (p, "&lt;"))
        g_string_append_c (out, '<'), p += 3;
      else if (g_str_has_prefix (p, "&gt;"))
        g_string_append_c (out, '>'), p += 3;
      else if (g_str_has_prefix (p, "&quot;"))
        g_string_append_c (out, '"'), p += 5;
      else if (g_str_has_prefix (p, "&apos;"))
        g_string_append_c (out, '\''), p += 5;
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/**
 * wm_test_pdf_words:
 *
 * Every page of the document with the box of every word on it, as
 * `pdftotext -bbox` reports them.
 *
 * Returns: (transfer full): WmTestPage, one per page
 */
GPtrArray *
wm_test_pdf_words (const char *path)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", "-bbox", path, "-", NULL };
  g_autofree char *html = run (argv);
  /* one tag a line; line by line, so no search runs through the whole
   * document (AddressSanitizer's strict string checks make that slow) */
  GPtrArray *pages = g_ptr_array_new_with_free_func (page_free);
  WmTestPage *page = NULL;

  for (char *line = html, *next; *line != '\0'; line = next)
    {
      const char *tag;

      for (next = line; *next != '\0' && *next != '\n'; next++)
        ;
      if (*next == '\n')
        *next++ = '\0';
      tag = g_strchug (line);

      if (g_str_has_prefix (tag, "<page "))
        {
          page = g_new0 (WmTestPage, 1);
          page->width = attr (tag, "width");
          page->height = attr (tag, "height");
          page->words = g_array_new (FALSE, FALSE, sizeof (WmTestWord));
          g_ptr_array_add (pages, page);
        }
      else if (g_str_has_prefix (tag, "<word "))
        {
          const char *end = strchr (tag, '>'), *close = g_strrstr (tag, "</word>");
          WmTestWord w = { attr (tag, "xMin"), attr (tag, "yMin"), attr (tag, "xMax"), attr (tag, "yMax"),
                           unescape (end + 1, close - end - 1) };

          g_assert_nonnull (page);
          g_array_append_val (page->words, w);
        }
    }
  return pages;
}

/* @page: 1-based */
cairo_surface_t *
wm_test_pdf_render (const char *path,
                    guint       page,
                    double      dpi)
{
  g_autofree char *dir = wm_test_tmpdir ();
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  g_autofree char *p = g_strdup_printf ("%u", page);
  g_autofree char *r = g_strdup_printf ("%g", dpi);
  const char *argv[] = { "pdftoppm", "-png", "-singlefile", "-r", r, "-f", p, "-l", p, path, prefix, NULL };
  g_autofree char *out = run (argv);
  cairo_surface_t *image = cairo_image_surface_create_from_png (png);

  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  wm_test_rmdir (dir);
  return image;
}

guint32
wm_test_pixel (cairo_surface_t *image,
               int              x,
               int              y)
{
  const guint8 *row;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (image));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (image));
  cairo_surface_flush (image);
  row = cairo_image_surface_get_data (image) + (gsize) y * cairo_image_surface_get_stride (image);
  return *(const guint32 *) (row + 4 * x) & 0xffffff;
}

/* Text with every run of white space made one space, to find a phrase
 * whatever line breaks a layout put in it. */
char *
wm_test_squash (const char *text)
{
  g_auto(GStrv) parts = g_strsplit_set (text, " \t\n\r\f", -1);
  GString *s = g_string_new (NULL);

  for (char **p = parts; *p != NULL; p++)
    if (**p != '\0')
      g_string_append_printf (s, "%s%s", s->len > 0 ? " " : "", *p);
  return g_string_free (s, FALSE);
}
