/* test-gui-services.c — service markers: clustering by zoom, filter by user area, popover
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include "wm-application.h"
#include "wm-service-marker.h"
#include "wm-test-gui.h"
#include "wm-window.h"

static WmApplication *app;

static WmServiceSites *
povo_sites (void)
{
  /* Around Povo's centre; the first three within 30 m of each other. */
  static const struct { const char *name; WmUserArea area; double lat, lon; const char *addr; } rows[] = {
    { "Centro diurno anziani", WM_USER_AREA_ELD, 46.06620, 11.15560, "Piazza Manci 5" },
    { "Punto prelievi e assistenza domiciliare", WM_USER_AREA_ELD, 46.06640, 11.15570, "Piazza Manci 7" },
    { "Sportello famiglie", WM_USER_AREA_FAM, 46.06625, 11.15590, "Via Salè 2" },
    { "Scuola dell'infanzia", WM_USER_AREA_FAM, 46.06100, 11.16000, "Via della Resistenza 40" },
    { "Casa di riposo", WM_USER_AREA_ELD, 46.07000, 11.14800, "Via Sommarive 12" },
    { "Centro per la disabilità", WM_USER_AREA_DIS, 46.06400, 11.15000, "Via Gabbiolo 3" },
  };
  WmServiceSites *sites = wm_service_sites_new ();

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      WmServiceSite s = {
        .id = i + 1, .name = (char *) rows[i].name, .area = rows[i].area,
        .address = (char *) rows[i].addr, .opening_hours = (char *) "lun-ven 9-12",
        .capacity = -1, .lat = rows[i].lat, .lon = rows[i].lon,
      };
      wm_service_sites_add (sites, &s);
    }
  return sites;
}

static GList *
markers_of (WmWindow *window)
{
  ShumateMarkerLayer *layer = wm_service_overlay_get_layer (wm_window_get_service_overlay (window));

  return shumate_marker_layer_get_markers (layer);
}

static void
test_cluster_and_filter (void)
{
  WmWindow *window = wm_window_new (app);
  ShumateMap *map = wm_window_get_map (window);
  ShumateViewport *viewport = shumate_map_get_viewport (map);
  g_autoptr(WmServiceSites) sites = povo_sites ();
  GList *markers;
  guint total = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  wm_window_set_service_sites (window, sites);

  /* Zoom 14: ~6.6 m/px, the three central sites (≤ 30 m apart) are one
   * numbered marker; the other three stand alone. */
  shumate_viewport_set_zoom_level (viewport, 14);
  wm_test_gui_spin (100);
  markers = markers_of (window);
  g_assert_cmpuint (g_list_length (markers), ==, 4);
  for (GList *l = markers; l != NULL; l = l->next)
    total += wm_service_marker_get_n_sites (l->data);
  g_assert_cmpuint (total, ==, 6);
  g_list_free (markers);

  /* Zoom 19: ~0.2 m/px, every site has its own marker. */
  shumate_viewport_set_zoom_level (viewport, 19);
  wm_test_gui_spin (100);
  markers = markers_of (window);
  g_assert_cmpuint (g_list_length (markers), ==, 6);
  g_list_free (markers);

  /* Only the elderly, through the window's action: three ELD markers. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.service-areas", "u",
                                             1u << WM_USER_AREA_ELD));
  wm_test_gui_spin (50);
  markers = markers_of (window);
  g_assert_cmpuint (g_list_length (markers), ==, 3);
  for (GList *l = markers; l != NULL; l = l->next)
    g_assert_cmpint (wm_service_marker_get_site (l->data, 0)->area, ==, WM_USER_AREA_ELD);

  /* On screen, above the basemap: the badge's ring (between the white
   * symbol and the white border) has the ELD colour. */
  {
    GtkWidget *marker = markers->data;
    graphene_point_t centre;
    int w, h, x, y;
    g_autofree guchar *px = NULL;
    guint32 eld = wm_user_area_color (WM_USER_AREA_ELD);
    const guchar *p;

    wm_test_gui_spin (200);
    g_assert_true (gtk_widget_compute_point (marker, GTK_WIDGET (map),
                                             &GRAPHENE_POINT_INIT (gtk_widget_get_width (marker) / 2.0,
                                                                   gtk_widget_get_height (marker) / 2.0),
                                             &centre));
    px = wm_test_gui_render_pixels (GTK_WIDGET (map), &w, &h);
    x = (int) centre.x - 10;
    y = (int) centre.y;
    g_assert_cmpint (x, >=, 0);
    g_assert_cmpint (y, <, h);
    p = px + ((gsize) y * w + x) * 4;
    g_test_message ("ELD marker ring pixel #%02x%02x%02x", p[2], p[1], p[0]);
    g_assert_cmpint (ABS ((int) p[2] - (int) (eld >> 16)), <=, 8);
    g_assert_cmpint (ABS ((int) p[1] - (int) ((eld >> 8) & 0xff)), <=, 8);
    g_assert_cmpint (ABS ((int) p[0] - (int) (eld & 0xff)), <=, 8);
  }
  g_list_free (markers);

  /* None: no markers at all. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.service-areas", "u", 0));
  markers = markers_of (window);
  g_assert_null (markers);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
find_label_text (GtkWidget *widget, GString *out)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    find_label_text (child, out);
}

static void
test_popover (void)
{
  WmWindow *window = wm_window_new (app);
  g_autoptr(WmServiceSites) sites = povo_sites ();
  g_autoptr(GString) text = g_string_new (NULL);
  GList *markers;
  WmServiceMarker *cluster = NULL;

  gtk_window_present (GTK_WINDOW (window));
  wm_window_set_service_sites (window, sites);
  shumate_viewport_set_zoom_level (shumate_map_get_viewport (wm_window_get_map (window)), 14);
  wm_test_gui_spin (100);
  markers = markers_of (window);
  for (GList *l = markers; l != NULL; l = l->next)
    if (wm_service_marker_get_n_sites (l->data) == 3)
      cluster = l->data;
  g_list_free (markers);
  g_assert_nonnull (cluster);

  wm_test_gui_snapshot (GTK_WIDGET (window), "services-clustered");
  wm_service_marker_show_details (cluster);
  wm_test_gui_spin (100);
  wm_test_gui_snapshot (GTK_WIDGET (window), "services-popover");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (wm_service_marker_get_popover (cluster))));
  find_label_text (GTK_WIDGET (wm_service_marker_get_popover (cluster)), text);
  g_assert_nonnull (strstr (text->str, "3 services here"));
  g_assert_nonnull (strstr (text->str, "Centro diurno anziani"));
  g_assert_nonnull (strstr (text->str, "Piazza Manci 5"));
  g_assert_nonnull (strstr (text->str, "Sportello famiglie"));
  g_assert_nonnull (strstr (text->str, "Families and minors"));
  g_assert_nonnull (strstr (text->str, "lun-ven 9-12"));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  int rc;

  wm_test_gui_init (&argc, &argv);
  app = wm_application_new (G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add_func ("/gui/services/cluster-and-filter", test_cluster_and_filter);
  g_test_add_func ("/gui/services/popover", test_popover);

  rc = g_test_run ();
  g_object_unref (app);
  return rc;
}
