/* wm-service-filter.c — a popover choosing which user areas' services the map shows
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wm-service-filter.h"

struct _WmServiceFilter
{
  GtkPopover parent_instance;

  WmServiceOverlay *overlay;
  GtkCheckButton *checks[WM_N_USER_AREAS];
  GtkLabel *counts[WM_N_USER_AREAS];
  gboolean syncing;

  /* template */
  GtkBox *rows;
  GtkButton *all_button;
  GtkButton *none_button;
};

G_DEFINE_FINAL_TYPE (WmServiceFilter, wm_service_filter, GTK_TYPE_POPOVER)

static void
sync_from_overlay (WmServiceFilter *self)
{
  guint mask = wm_service_overlay_get_area_mask (self->overlay);

  self->syncing = TRUE;
  for (int a = 0; a < WM_N_USER_AREAS; a++)
    gtk_check_button_set_active (self->checks[a], (mask & (1u << a)) != 0);
  self->syncing = FALSE;
}

static void
on_toggled (GtkCheckButton  *check,
            WmServiceFilter *self)
{
  guint mask = 0;

  if (self->syncing)
    return;
  for (int a = 0; a < WM_N_USER_AREAS; a++)
    if (gtk_check_button_get_active (self->checks[a]))
      mask |= 1u << a;
  wm_service_overlay_set_area_mask (self->overlay, mask);
}

static void
on_all (WmServiceFilter *self)
{
  wm_service_overlay_set_area_mask (self->overlay, WM_USER_AREA_ALL);
}

static void
on_none (WmServiceFilter *self)
{
  wm_service_overlay_set_area_mask (self->overlay, 0);
}

/**
 * wm_service_filter_update_counts:
 *
 * Shows how many sites each area has, after the overlay got new sites.
 */
void
wm_service_filter_update_counts (WmServiceFilter *self)
{
  WmServiceSites *sites = wm_service_overlay_get_sites (self->overlay);

  for (int a = 0; a < WM_N_USER_AREAS; a++)
    {
      guint n = sites != NULL ? wm_service_sites_count_area (sites, a) : 0;
      g_autofree char *text = g_strdup_printf ("%u", n);

      gtk_label_set_text (self->counts[a], text);
    }
}

static void
build_rows (WmServiceFilter *self)
{
  for (int a = 0; a < WM_N_USER_AREAS; a++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *icon = gtk_image_new_from_icon_name (wm_user_area_icon_name (a));
      GtkWidget *name = gtk_label_new (wm_user_area_name (a));
      GtkWidget *count = gtk_label_new ("0");
      GtkWidget *check = gtk_check_button_new ();

      /* Same badge as on the map, so the legend needs no words. */
      gtk_widget_add_css_class (icon, "service-marker");
      gtk_widget_add_css_class (icon, wm_user_area_code (a));
      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_widget_set_hexpand (name, TRUE);
      gtk_widget_add_css_class (count, "dim-label");
      gtk_widget_add_css_class (count, "numeric");
      gtk_box_append (GTK_BOX (box), icon);
      gtk_box_append (GTK_BOX (box), name);
      gtk_box_append (GTK_BOX (box), count);
      gtk_check_button_set_child (GTK_CHECK_BUTTON (check), box);
      gtk_widget_set_tooltip_text (check, wm_user_area_code (a));
      g_signal_connect (check, "toggled", G_CALLBACK (on_toggled), self);
      gtk_box_append (self->rows, check);
      self->checks[a] = GTK_CHECK_BUTTON (check);
      self->counts[a] = GTK_LABEL (count);
    }
}

static void
wm_service_filter_dispose (GObject *object)
{
  WmServiceFilter *self = WM_SERVICE_FILTER (object);

  if (self->overlay != NULL)
    g_signal_handlers_disconnect_by_data (self->overlay, self);
  g_clear_object (&self->overlay);
  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_SERVICE_FILTER);
  G_OBJECT_CLASS (wm_service_filter_parent_class)->dispose (object);
}

static void
wm_service_filter_class_init (WmServiceFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_service_filter_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/WelfareMap/ui/wm-service-filter.ui");
  gtk_widget_class_bind_template_child (widget_class, WmServiceFilter, rows);
  gtk_widget_class_bind_template_child (widget_class, WmServiceFilter, all_button);
  gtk_widget_class_bind_template_child (widget_class, WmServiceFilter, none_button);
}

static void
wm_service_filter_init (WmServiceFilter *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  build_rows (self);
  g_signal_connect_swapped (self->all_button, "clicked", G_CALLBACK (on_all), self);
  g_signal_connect_swapped (self->none_button, "clicked", G_CALLBACK (on_none), self);
}

GtkWidget *
wm_service_filter_new (WmServiceOverlay *overlay)
{
  WmServiceFilter *self = g_object_new (WM_TYPE_SERVICE_FILTER, NULL);

  self->overlay = g_object_ref (overlay);
  g_signal_connect_swapped (overlay, "notify::area-mask", G_CALLBACK (sync_from_overlay), self);
  sync_from_overlay (self);
  wm_service_filter_update_counts (self);
  return GTK_WIDGET (self);
}
