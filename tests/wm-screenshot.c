/* wm-screenshot.c — a PNG of the real window, in a given state, for the README
 *
 *   wm-screenshot OUT.png [--extract FILE.wmx --passphrase-file FILE]
 *                 [--layer CODE] [--indicator ID] [--year YEAR]
 *                 [--area N] [--services AREA,…] [--zoom Z]
 *                 [--width W --height H] [--unlock-dialog]
 *                 [--print-memory] [--pan FRAMES]
 *
 * Runs the application's own window (under Xvfb when there is no display:
 * make screenshot does that), unlocks the extract through the unlock
 * dialog as a user would, drives the window through its actions and saves
 * what the window shows.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <sys/resource.h>

#include "wm-application.h"
#include "wm-paths.h"
#include "wm-renderer.h"
#include "wm-test-gui.h"
#include "wm-unlock-dialog.h"
#include "wm-window.h"

static char *extract_path, *passphrase_file, *layer, *indicator, *services, *export_path, *dialog_action;
static int year, area = -1, width = 1400, height = 900, pan_frames;
static double zoom;
static gboolean unlock_dialog, print_memory;

static GOptionEntry entries[] = {
  { "extract", 0, 0, G_OPTION_ARG_FILENAME, &extract_path, "Extract to open", "FILE" },
  { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file, "Its passphrase, first line", "FILE" },
  { "layer", 0, 0, G_OPTION_ARG_STRING, &layer, "Area layer code", "CODE" },
  { "indicator", 0, 0, G_OPTION_ARG_STRING, &indicator, "Indicator id", "ID" },
  { "year", 0, 0, G_OPTION_ARG_INT, &year, "Year", "YEAR" },
  { "area", 0, 0, G_OPTION_ARG_INT, &area, "Area whose details to show", "N" },
  { "services", 0, 0, G_OPTION_ARG_STRING, &services, "User areas of the services shown (FAM,ELD…)", "CODES" },
  { "export", 0, 0, G_OPTION_ARG_FILENAME, &export_path, "Also export the map (win.export-map) to FILE", "FILE" },
  { "dialog", 0, 0, G_OPTION_ARG_STRING, &dialog_action,
    "Open the dialog of a window action (e.g. win.export-map) and write it to OUT-dialog.png", "ACTION" },
  { "unlock-dialog", 0, 0, G_OPTION_ARG_NONE, &unlock_dialog,
    "Write the unlock dialog after the attempt to OUT-dialog.png, whatever its outcome", NULL },
  { "print-memory", 0, 0, G_OPTION_ARG_NONE, &print_memory,
    "Print the window's resident memory once the map is shown (for bench-open)", NULL },
  { "pan", 0, 0, G_OPTION_ARG_INT, &pan_frames,
    "Pan the map one step per frame and print frames/s and CPU time per frame (for bench-open)", "FRAMES" },
  { "zoom", 0, 0, G_OPTION_ARG_DOUBLE, &zoom, "Map zoom level", "Z" },
  { "width", 0, 0, G_OPTION_ARG_INT, &width, "Window width", "PX" },
  { "height", 0, 0, G_OPTION_ARG_INT, &height, "Window height", "PX" },
  { NULL }
};

static void
wait_for_map (WmWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      WmMapModel *model = wm_window_get_map_model (window);

      if (model != NULL && wm_map_model_get_table (model) != NULL && !wm_map_model_is_computing (model))
        return;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_error ("the indicators did not arrive");
}

static void
on_after_paint (GdkFrameClock *clock,
                guint         *painted)
{
  (*painted)++;
}

static double
cpu_seconds (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

/* Pans the map east and back, 6 px per frame, as a drag does: frames/s
 * and the CPU time of each frame, of every thread (a software OpenGL
 * driver draws in threads of its own). */
static void
pan (WmWindow *window,
     int       n)
{
  ShumateMap *map = wm_window_get_map (window);
  ShumateViewport *viewport = shumate_map_get_viewport (map);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (map));
  double lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  double lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  double step = 6 * 360.0 / (256 * exp2 (shumate_viewport_get_zoom_level (viewport)));
  guint painted = 0, missed = 0;
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);
  gint64 start = g_get_monotonic_time ();
  double cpu = cpu_seconds (), wall;

  for (int i = 1; i <= n; i++)
    {
      guint before = painted;
      gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC;

      shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon + step * (i <= n / 2 ? i : n - i));
      while (painted == before && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, FALSE);
      missed += painted == before;
    }
  wall = (g_get_monotonic_time () - start) / 1e6;
  cpu = cpu_seconds () - cpu;
  g_signal_handler_disconnect (clock, id);
  printf ("pan: %d frames (%u not drawn within 1 s), %.1f frames/s, %.2f ms CPU per frame\n",
          n, missed, n / wall, 1000 * cpu / n);
}

/* FALSE when the passphrase did not unlock the extract (--unlock-dialog). */
static gboolean
unlock (WmWindow *window, const char *out_dialog)
{
  g_autoptr(GFile) file = g_file_new_for_path (extract_path);
  g_autofree char *pass = NULL;
  WmUnlockDialog *dialog;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  if (passphrase_file == NULL || !g_file_get_contents (passphrase_file, &pass, NULL, NULL))
    g_error ("give --passphrase-file with the extract's passphrase");
  g_strchomp (pass);
  dialog = g_object_ref (WM_UNLOCK_DIALOG (wm_window_open_file (window, file)));
  wm_test_gui_spin (200);
  wm_unlock_dialog_set_passphrase (dialog, pass);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "unlock.unlock", NULL);
  while (wm_unlock_dialog_get_state (dialog) == WM_UNLOCK_STATE_WORKING && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  if (unlock_dialog)
    {
      g_autoptr(GdkTexture) shot = NULL;

      wm_test_gui_spin (300);
      if (gtk_widget_get_visible (GTK_WIDGET (dialog)) && (shot = wm_test_gui_render (GTK_WIDGET (dialog))) != NULL &&
          gdk_texture_save_to_png (shot, out_dialog))
        printf ("wrote %s\n", out_dialog);
      if (wm_unlock_dialog_get_state (dialog) != WM_UNLOCK_STATE_UNLOCKED)
        {
          printf ("not unlocked: %s\n", wm_unlock_dialog_get_error (dialog)->message);
          g_object_unref (dialog);
          return FALSE;
        }
    }
  if (wm_unlock_dialog_get_state (dialog) != WM_UNLOCK_STATE_UNLOCKED)
    g_error ("could not unlock %s: %s", extract_path,
             wm_unlock_dialog_get_error (dialog) ? wm_unlock_dialog_get_error (dialog)->message : "?");
  g_object_unref (dialog);
  return TRUE;
}

int
main (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("OUT.png");
  g_autoptr(GError) error = NULL;
  g_autoptr(WmApplication) app = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *stem = NULL, *out_dialog = NULL;
  WmWindow *window;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      fprintf (stderr, "%s\n", error ? error->message : "name the PNG to write");
      return 2;
    }
  /* OUT.png → OUT-dialog.png, for --dialog and --unlock-dialog */
  stem = g_strndup (argv[1], strlen (argv[1]) - (g_str_has_suffix (argv[1], ".png") ? 4 : 0));
  out_dialog = g_strconcat (stem, "-dialog.png", NULL);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  wm_paths_init ();
  /* the window in the user's language, as the app shows it (LANGUAGE=it…) */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, wm_paths_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  wm_renderer_choose ();  /* as the app does */
  wm_test_gui_init (&argc, &argv);

  app = wm_application_new (G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);
  window = wm_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  wm_test_gui_spin (500);

  if (extract_path != NULL)
    {
      if (!unlock (window, out_dialog))
        {
          g_autoptr(GdkTexture) shot = wm_test_gui_render (GTK_WIDGET (window));

          if (shot != NULL && gdk_texture_save_to_png (shot, argv[1]))
            printf ("wrote %s\n", argv[1]);
          gtk_window_destroy (GTK_WINDOW (window));
          return 0;
        }
      wait_for_map (window);
      if (layer != NULL)
        gtk_widget_activate_action (GTK_WIDGET (window), "win.layer", "s", layer);
      if (indicator != NULL)
        gtk_widget_activate_action (GTK_WIDGET (window), "win.indicator", "s", indicator);
      wait_for_map (window);
      if (year > 0)
        gtk_widget_activate_action (GTK_WIDGET (window), "win.year", "i", year);
      if (area >= 0)
        gtk_widget_activate_action (GTK_WIDGET (window), "win.select-area", "i", area);
      if (services != NULL)
        {
          g_auto(GStrv) codes = g_strsplit (services, ",", -1);
          guint mask = 0;

          for (char **c = codes; *c != NULL; c++)
            if (wm_user_area_from_code (*c) != WM_USER_AREA_INVALID)
              mask |= 1u << wm_user_area_from_code (*c);
          gtk_widget_activate_action (GTK_WIDGET (window), "win.service-areas", "u", mask);
        }
    }
  if (zoom > 0)
    shumate_viewport_set_zoom_level (shumate_map_get_viewport (wm_window_get_map (window)), zoom);
  /* Tiles load in worker threads; toasts fade (after 5 s). */
  wm_test_gui_spin (6500);
  if (pan_frames > 0)
    {
      pan (window, pan_frames);
      wm_test_gui_spin (500);
    }
  if (print_memory)
    {
      g_autofree char *status = NULL;
      g_auto(GStrv) lines = NULL;

      if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
        {
          lines = g_strsplit (status, "\n", -1);
          for (guint i = 0; lines[i] != NULL; i++)
            if (g_str_has_prefix (lines[i], "VmRSS:") || g_str_has_prefix (lines[i], "VmHWM:"))
              printf ("%s\n", lines[i]);
        }
    }

  texture = wm_test_gui_render (GTK_WIDGET (window));
  if (texture == NULL || !gdk_texture_save_to_png (texture, argv[1]))
    {
      fprintf (stderr, "could not write %s\n", argv[1]);
      return 1;
    }
  printf ("wrote %s\n", argv[1]);
  if (export_path != NULL && gtk_widget_activate_action (GTK_WIDGET (window), "win.export-map", "s", export_path))
    printf ("exported %s\n", export_path);
  if (dialog_action != NULL)
    {
      g_autoptr(GListModel) toplevels = gtk_window_get_toplevels ();

      g_object_ref (toplevels);
      gtk_widget_activate_action (GTK_WIDGET (window), dialog_action, "s", "");
      wm_test_gui_spin (1500);
      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GtkWidget) other = g_list_model_get_item (toplevels, i);
          g_autoptr(GdkTexture) shot = NULL;

          if (other == GTK_WIDGET (window) || !gtk_widget_get_visible (other))
            continue;
          shot = wm_test_gui_render (other);
          if (shot != NULL && gdk_texture_save_to_png (shot, out_dialog))
            printf ("wrote %s\n", out_dialog);
        }
    }
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
