/* wm-service-marker.c — one service site, or a cluster of them, on the map
 *
 * A round badge in the colour of the site's user area with its symbol; a
 * cluster shows how many sites it holds (grey when their areas differ).
 * Clicking opens a popover with each site's name, area, address, target
 * users and opening hours.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wm-service-marker.h"

struct _WmServiceMarker
{
  ShumateMarker parent_instance;

  WmServiceSites *sites;
  GArray *members;        /* indices into sites */
  WmUserArea area;
  GtkWidget *badge;
  GtkPopover *popover;
};

G_DEFINE_FINAL_TYPE (WmServiceMarker, wm_service_marker, SHUMATE_TYPE_MARKER)

static void
add_line (GtkBox     *box,
          const char *label,
          const char *value,
          gboolean    wrap)
{
  GtkWidget *w;
  g_autofree char *markup = NULL;

  if (value == NULL || *value == '\0')
    return;
  markup = g_markup_printf_escaped ("<small><b>%s</b></small>  %s", label, value);
  w = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (w), markup);
  gtk_label_set_xalign (GTK_LABEL (w), 0);
  gtk_label_set_wrap (GTK_LABEL (w), wrap);
  gtk_label_set_max_width_chars (GTK_LABEL (w), 48);
  gtk_label_set_selectable (GTK_LABEL (w), TRUE);
  gtk_box_append (box, w);
}

static GtkWidget *
site_details (const WmServiceSite *site)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (site->name);
  GtkWidget *area = gtk_label_new (wm_user_area_name (site->area));
  g_autofree char *capacity = site->capacity >= 0 ? g_strdup_printf ("%d", site->capacity) : NULL;

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 40);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (area), 0);
  gtk_widget_add_css_class (area, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), area);
  add_line (GTK_BOX (box), _("Address"), site->address, TRUE);
  add_line (GTK_BOX (box), _("For"), site->target_users, TRUE);
  add_line (GTK_BOX (box), _("Open"), site->opening_hours, TRUE);
  add_line (GTK_BOX (box), _("Places"), capacity, FALSE);
  add_line (GTK_BOX (box), _("Kind"), site->category, TRUE);
  return box;
}

static void
build_popover (WmServiceMarker *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  if (self->members->len > 1)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u service here", "%u services here",
                                                         self->members->len), self->members->len);
      GtkWidget *header = gtk_label_new (text);

      gtk_widget_add_css_class (header, "title-4");
      gtk_label_set_xalign (GTK_LABEL (header), 0);
      gtk_box_append (GTK_BOX (box), header);
    }
  for (guint i = 0; i < self->members->len; i++)
    {
      if (i > 0)
        gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
      gtk_box_append (GTK_BOX (box), site_details (wm_service_marker_get_site (self, i)));
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 420);

  self->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->popover, scrolled);
  gtk_widget_set_parent (GTK_WIDGET (self->popover), GTK_WIDGET (self));
}

void
wm_service_marker_show_details (WmServiceMarker *self)
{
  g_return_if_fail (WM_IS_SERVICE_MARKER (self));

  if (self->popover == NULL)
    build_popover (self);
  gtk_popover_popup (self->popover);
}

GtkPopover *
wm_service_marker_get_popover (WmServiceMarker *self)
{
  g_return_val_if_fail (WM_IS_SERVICE_MARKER (self), NULL);
  return self->popover;
}

static void
on_click (GtkGestureClick *gesture,
          int              n_press,
          double           x,
          double           y,
          WmServiceMarker *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  wm_service_marker_show_details (self);
}

static void
wm_service_marker_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  WmServiceMarker *self = WM_SERVICE_MARKER (widget);

  GTK_WIDGET_CLASS (wm_service_marker_parent_class)->size_allocate (widget, width, height, baseline);
  if (self->popover != NULL)
    gtk_popover_present (self->popover);
}

static void
wm_service_marker_dispose (GObject *object)
{
  WmServiceMarker *self = WM_SERVICE_MARKER (object);

  g_clear_pointer ((GtkWidget **) &self->popover, gtk_widget_unparent);
  g_clear_object (&self->sites);
  g_clear_pointer (&self->members, g_array_unref);
  G_OBJECT_CLASS (wm_service_marker_parent_class)->dispose (object);
}

static void
wm_service_marker_class_init (WmServiceMarkerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_service_marker_dispose;
  widget_class->size_allocate = wm_service_marker_size_allocate;
}

static void
wm_service_marker_init (WmServiceMarker *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  g_signal_connect (click, "pressed", G_CALLBACK (on_click), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "pointer");
}

/**
 * wm_service_marker_new:
 * @members: the cluster's site indices (@cluster->n of them)
 */
WmServiceMarker *
wm_service_marker_new (WmServiceSites         *sites,
                       const WmServiceCluster *cluster,
                       const guint            *members)
{
  WmServiceMarker *self = g_object_new (WM_TYPE_SERVICE_MARKER, NULL);
  g_autofree char *tooltip = NULL;

  self->sites = g_object_ref (sites);
  self->members = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_vals (self->members, members, cluster->n);
  self->area = cluster->area;

  if (cluster->n == 1)
    {
      const WmServiceSite *site = wm_service_marker_get_site (self, 0);

      self->badge = gtk_image_new_from_icon_name (wm_user_area_icon_name (site->area));
      tooltip = g_strdup_printf ("%s — %s", site->name, wm_user_area_name (site->area));
    }
  else
    {
      g_autofree char *count = g_strdup_printf ("%u", cluster->n);

      self->badge = gtk_label_new (count);
      gtk_widget_add_css_class (self->badge, "cluster");
      tooltip = g_strdup_printf (ngettext ("%u service", "%u services", cluster->n), cluster->n);
    }
  gtk_widget_add_css_class (self->badge, "service-marker");
  gtk_widget_add_css_class (self->badge, self->area == WM_USER_AREA_INVALID
                                         ? "mixed" : wm_user_area_code (self->area));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);
  shumate_marker_set_child (SHUMATE_MARKER (self), self->badge);
  shumate_location_set_location (SHUMATE_LOCATION (self), cluster->lat, cluster->lon);
  return self;
}

guint
wm_service_marker_get_n_sites (WmServiceMarker *self)
{
  g_return_val_if_fail (WM_IS_SERVICE_MARKER (self), 0);
  return self->members->len;
}

const WmServiceSite *
wm_service_marker_get_site (WmServiceMarker *self,
                            guint            index)
{
  g_return_val_if_fail (WM_IS_SERVICE_MARKER (self), NULL);
  g_return_val_if_fail (index < self->members->len, NULL);
  return wm_service_sites_get (self->sites, g_array_index (self->members, guint, index));
}
