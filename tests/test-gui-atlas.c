/* test-gui-atlas.c — the window prints the atlas: saving as PDF and the print operation
 *
 * An analyst's extract of a generated population is opened; the atlas is
 * saved through win.save-atlas-pdf (in the background, with the progress
 * card) and exported through win.export-atlas (GtkPrintOperation, in its
 * export mode: the same pages, without the dialog). Both PDFs are read
 * back with poppler-utils. A cancelled save leaves the older file.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gstdio.h>

#include "wm-application.h"
#include "wm-test-extract.h"
#include "wm-test-gui.h"
#include "wm-test-pdf.h"
#include "wm-test-population.h"
#include "wm-test-util.h"
#include "wm-window.h"

#define PASSPHRASE "lago-nebbia-ponte"
#define N_SECTIONS 25

static WmApplication *app;
static char *dir;
static char *extract_path;

static void
make_extract (void)
{
  WmTestPopulationSpec spec = {
    .n_persons = 3000, .n_sections = N_SECTIONS, .n_districts = 4, .first_year = 2016, .n_years = 4, .seed = 11,
  };
  sqlite3 *db = wm_test_extract_new (2016, 2019);
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) error = NULL;
  WmExtractSlotSpec slot = { WM_EXTRACT_ROLE_ANALYST, PASSPHRASE };

  wm_test_population_generate (db, &spec);
  wm_test_sql (db, "INSERT INTO service_site (name, user_area, address, lon, lat) VALUES "
                   "('Centro diurno anziani', 'ELD', 'Via Roma 1', 9.005, 45.005), "
                   "('Sportello stranieri', 'IMMNOM', 'Via Po 2', 9.035, 45.004)");
  g_assert_cmpint (wm_test_sql_int (db, "SELECT count(*) FROM area WHERE layer_id = 1 AND geom IS NOT NULL"), ==,
                   N_SECTIONS);
  data = wm_extract_serialize_db (db, "main", &error);
  g_assert_no_error (error);
  sqlite3_close (db);
  g_assert_true (wm_extract_create (extract_path, data, NULL, &slot, 1, NULL, WM_EXTRACT_KDF_INTERACTIVE, NULL, &error));
  g_assert_no_error (error);
}

static WmWindow *
open_window (void)
{
  WmWindow *window = wm_window_new (app);
  g_autoptr(WmExtract) extract = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  extract = wm_extract_open (extract_path, PASSPHRASE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (wm_window_set_extract (window, extract, &error));
  g_assert_no_error (error);
  while (g_get_monotonic_time () < deadline &&
         (wm_window_get_map_model (window) == NULL || wm_map_model_get_table (wm_window_get_map_model (window)) == NULL))
    g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (wm_map_model_get_table (wm_window_get_map_model (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.layer", "s", "sections"));
  wm_test_gui_spin (300);
  return window;
}

/* Until the progress card (of the atlas, or @key) has gone. */
static void
wait_for_card (WmWindow   *window,
               const char *key)
{
  GtkWidget *card = g_object_get_data (G_OBJECT (window), key);
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  g_assert_nonnull (card);
  while (gtk_widget_get_visible (card) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (gtk_widget_get_visible (card));
  wm_test_gui_spin (100);
}

static void
wait_for_save (WmWindow *window)
{
  wait_for_card (window, "atlas-progress");
}

static void
check_atlas (const char *pdf,
             const char *indicator_heading)
{
  g_autofree char *info = wm_test_pdf_info (pdf);
  g_autofree char *author = wm_test_pdf_field (info, "Author");
  g_autofree char *cover = wm_test_pdf_text (pdf, 1, FALSE);
  g_autofree char *sheet = wm_test_pdf_text (pdf, 3, FALSE);
  g_autofree char *flat_cover = wm_test_squash (cover);
  g_autofree char *flat_sheet = wm_test_squash (sheet);

  g_assert_cmpuint (wm_test_pdf_n_pages (pdf), ==, N_SECTIONS + 2);
  g_assert_cmpstr (author, ==, "Analyst");
  /* an analyst's atlas hides small groups */
  g_assert_nonnull (strstr (flat_cover, "small groups are not shown (disclosure control)"));
  g_assert_nonnull (strstr (flat_sheet, "Section 1"));
  g_assert_nonnull (strstr (flat_sheet, indicator_heading));
  g_assert_nonnull (strstr (flat_sheet, "Centro diurno anziani"));
}

/* Saved as PDF in the background, the map's indicator first. */
static void
test_save_pdf (void)
{
  WmWindow *window = open_window ();
  g_autofree char *pdf = g_build_filename (dir, "saved.pdf", NULL);
  GtkWidget *card = g_object_get_data (G_OBJECT (window), "atlas-progress");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.indicator", "s", "ivsm_neet"));
  wm_test_gui_spin (100);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save-atlas-pdf", "s", pdf));
  g_assert_true (gtk_widget_get_visible (card));
  wm_test_gui_spin (30);
  wm_test_gui_snapshot (GTK_WIDGET (window), "atlas-progress");
  wait_for_save (window);
  check_atlas (pdf, "(NEET) over the years");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Through GtkPrintOperation, exported to a file: the same pages, and the
 * atlas's bookmarks and metadata in GTK's PDF too. */
static void
test_print_export (void)
{
  WmWindow *window = open_window ();
  g_autofree char *pdf = g_build_filename (dir, "printed.pdf", NULL);
  g_autofree char *info = NULL, *title = NULL;
  const char *argv[] = { "pdfinfo", "-dests", pdf, NULL };
  g_autofree char *dests = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.indicator", "s", "ivsm"));
  wm_test_gui_spin (100);
  /* not asynchronous: GTK has written every page when the action returns */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-atlas", "s", pdf));
  check_atlas (pdf, "index (IVSM) over the years");
  info = wm_test_pdf_info (pdf);
  title = wm_test_pdf_field (info, "Title");
  g_assert_nonnull (strstr (title, "neighbourhood atlas"));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &dests, NULL, NULL, NULL));
  g_assert_nonnull (strstr (dests, "\"sheet-25\""));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Cancelled at once: the older file stays, and nothing else appears. */
static void
test_cancel (void)
{
  WmWindow *window = open_window ();
  g_autofree char *folder = g_build_filename (dir, "cancel", NULL);
  g_autofree char *pdf = g_build_filename (folder, "atlas.pdf", NULL);
  g_autofree char *content = NULL;
  g_autoptr(GDir) d = NULL;
  guint n = 0;

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  wm_test_write_file (pdf, "an older atlas", -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save-atlas-pdf", "s", pdf));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-atlas", NULL));
  wait_for_save (window);
  g_assert_true (g_file_get_contents (pdf, &content, NULL, NULL));
  g_assert_cmpstr (content, ==, "an older atlas");
  d = g_dir_open (folder, 0, NULL);
  while (g_dir_read_name (d) != NULL)
    n++;
  g_assert_cmpuint (n, ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Export Map: the size chosen last, the map's indicator and year; an
 * analyst's map hides small groups. */
static void
test_export_map (void)
{
  WmWindow *window = open_window ();
  g_autoptr(GSettings) settings = g_settings_new ("com.example.WelfareMap");
  g_autofree char *png = g_build_filename (dir, "map.png", NULL);
  g_autofree char *pdf = g_build_filename (dir, "map.pdf", NULL);
  g_autofree char *text = NULL, *flat = NULL;
  cairo_surface_t *image;

  g_settings_set (settings, "export-size", "(uu)", 640, 400);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.indicator", "s", "ivsm_neet"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.year", "i", 2017));
  wm_test_gui_spin (200);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-map", "s", png));
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 400);
  cairo_surface_destroy (image);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-map", "s", pdf));
  text = wm_test_pdf_text (pdf, 1, FALSE);
  flat = wm_test_squash (text);
  g_assert_nonnull (strstr (flat, "(NEET)"));
  g_assert_nonnull (strstr (flat, "2017"));
  g_assert_nonnull (strstr (flat, "small groups are not shown (disclosure control)"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Export Timeline Video: in the background with its progress card; a
 * WebM file (Matroska's EBML magic) is there when the card has gone. */
static void
test_export_video (void)
{
  WmWindow *window = open_window ();
  g_autoptr(GSettings) settings = g_settings_new ("com.example.WelfareMap");
  g_autofree char *webm = g_build_filename (dir, "timeline.webm", NULL);
  GtkWidget *card = g_object_get_data (G_OBJECT (window), "video-progress");
  g_autofree char *content = NULL;
  gsize length = 0;

  g_settings_set (settings, "export-size", "(uu)", 480, 320);
  g_settings_set_double (settings, "export-seconds-per-year", 0.2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-video", "s", webm));
  g_assert_true (gtk_widget_get_visible (card));
  wait_for_card (window, "video-progress");
  g_assert_true (g_file_get_contents (webm, &content, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_cmpmem (content, 4, "\x1a\x45\xdf\xa3", 4);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  int rc;

  wm_test_gui_init (&argc, &argv);
  app = wm_application_new (G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  dir = wm_test_tmpdir ();
  extract_path = g_build_filename (dir, "generated.wmx", NULL);
  make_extract ();

  g_test_add_func ("/gui/atlas/save-pdf", test_save_pdf);
  g_test_add_func ("/gui/atlas/print-export", test_print_export);
  g_test_add_func ("/gui/atlas/cancel", test_cancel);
  g_test_add_func ("/gui/atlas/export-map", test_export_map);
  g_test_add_func ("/gui/atlas/export-video", test_export_video);

  rc = g_test_run ();
  wm_test_rmdir (dir);
  g_free (dir);
  g_free (extract_path);
  g_object_unref (app);
  return rc;
}
