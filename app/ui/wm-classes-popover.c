/* wm-classes-popover.c — how the map is classed: method, classes, colours, opacity
 *
 * Every control writes straight into the legend model; the map and the
 * legend follow it. Manual breaks are typed as "5; 10; 20" (semicolons,
 * as Italian numbers may hold a decimal comma) and checked before use.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wm-classes-popover.h"

struct _WmClassesPopover
{
  GtkPopover parent_instance;

  WmClassification *classification;
  WmChoroplethLayer *layer;
  GPtrArray *palettes;            /* names, in the dropdown's order */

  /* template */
  GtkDropDown *method_dropdown;
  GtkSpinButton *classes_spin;
  GtkEntry *breaks_entry;
  GtkLabel *breaks_error;
  GtkDropDown *palette_dropdown;
  GtkCheckButton *reverse_check;
  GtkCheckButton *fixed_check;
  GtkScale *opacity_scale;
};

G_DEFINE_FINAL_TYPE (WmClassesPopover, wm_classes_popover, GTK_TYPE_POPOVER)

static void
show_breaks_error (WmClassesPopover *self,
                   const char       *message)
{
  gtk_label_set_text (self->breaks_error, message);
  gtk_widget_set_visible (GTK_WIDGET (self->breaks_error), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->breaks_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->breaks_entry), "error");
}

static void
apply_breaks (WmClassesPopover *self)
{
  g_auto(GStrv) parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->breaks_entry)), ";", -1);
  g_autoptr(GArray) breaks = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;

  for (char **p = parts; *p != NULL; p++)
    {
      g_autofree char *text = g_strdelimit (g_strstrip (g_strdup (*p)), ",", '.');
      char *end = NULL;
      double v;

      if (*text == '\0')
        continue;
      v = g_ascii_strtod (text, &end);
      if (end == text || *end != '\0')
        {
          g_autofree char *msg = g_strdup_printf (_("“%s” is not a number — write breaks as 5; 10; 20"), *p);
          show_breaks_error (self, msg);
          return;
        }
      g_array_append_val (breaks, v);
    }
  if (!wm_classification_set_manual_breaks (self->classification, (double *) breaks->data, breaks->len, &error))
    {
      show_breaks_error (self, error->message);
      return;
    }
  show_breaks_error (self, NULL);
  gtk_drop_down_set_selected (self->method_dropdown, WM_CLASSIFY_MANUAL);
}

static void
on_method (WmClassesPopover *self)
{
  WmClassifyMethod method = gtk_drop_down_get_selected (self->method_dropdown);

  gtk_widget_set_sensitive (GTK_WIDGET (self->classes_spin), method != WM_CLASSIFY_MANUAL);
  if (method == WM_CLASSIFY_MANUAL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->breaks_entry));
      if (wm_classification_get_method (self->classification) != WM_CLASSIFY_MANUAL)
        return;  /* wait for the breaks */
    }
  wm_classification_set_method (self->classification, method);
}

static void
on_classes (WmClassesPopover *self)
{
  wm_classification_set_n_classes (self->classification, gtk_spin_button_get_value_as_int (self->classes_spin), NULL);
}

static void
on_palette (WmClassesPopover *self)
{
  guint i = gtk_drop_down_get_selected (self->palette_dropdown);

  if (i < self->palettes->len)
    wm_classification_set_palette (self->classification, g_ptr_array_index (self->palettes, i));
}

static void
on_reverse (WmClassesPopover *self)
{
  wm_classification_set_reversed (self->classification, gtk_check_button_get_active (self->reverse_check));
}

static void
on_fixed (WmClassesPopover *self)
{
  wm_classification_set_scope (self->classification, gtk_check_button_get_active (self->fixed_check)
                                                     ? WM_CLASS_SCOPE_ALL_YEARS : WM_CLASS_SCOPE_PER_YEAR);
}

static void
on_opacity (WmClassesPopover *self)
{
  wm_choropleth_layer_set_opacity (self->layer, gtk_range_get_value (GTK_RANGE (self->opacity_scale)));
}

static void
wm_classes_popover_dispose (GObject *object)
{
  WmClassesPopover *self = WM_CLASSES_POPOVER (object);

  g_clear_object (&self->classification);
  g_clear_object (&self->layer);
  g_clear_pointer (&self->palettes, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_CLASSES_POPOVER);
  G_OBJECT_CLASS (wm_classes_popover_parent_class)->dispose (object);
}

static void
wm_classes_popover_class_init (WmClassesPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_classes_popover_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/WelfareMap/ui/wm-classes-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, WmClassesPopover, method_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WmClassesPopover, classes_spin);
  gtk_widget_class_bind_template_child (widget_class, WmClassesPopover, breaks_entry);
  gtk_widget_class_bind_template_child (widget_class, WmClassesPopover, breaks_error);
  gtk_widget_class_bind_template_child (widget_class, WmClassesPopover, palette_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WmClassesPopover, reverse_check);
  gtk_widget_class_bind_template_child (widget_class, WmClassesPopover, fixed_check);
  gtk_widget_class_bind_template_child (widget_class, WmClassesPopover, opacity_scale);
}

static void
wm_classes_popover_init (WmClassesPopover *self)
{
  g_autoptr(GPtrArray) sequential = wm_palette_list (WM_PALETTE_SEQUENTIAL, FALSE);
  g_autoptr(GPtrArray) diverging = wm_palette_list (WM_PALETTE_DIVERGING, FALSE);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Sequential schemes first: most indicators are shares. */
  self->palettes = g_ptr_array_new ();
  for (guint i = 0; i < sequential->len; i++)
    g_ptr_array_add (self->palettes, g_ptr_array_index (sequential, i));
  for (guint i = 0; i < diverging->len; i++)
    g_ptr_array_add (self->palettes, g_ptr_array_index (diverging, i));
  for (guint i = 0; i < self->palettes->len; i++)
    {
      const char *name = g_ptr_array_index (self->palettes, i);
      g_autofree char *label = g_strdup_printf ("%s%s", name,
                                                wm_palette_is_colorblind_safe (name) ? _(" (colour-blind safe)") : "");

      gtk_string_list_append (names, label);
    }
  gtk_drop_down_set_model (self->palette_dropdown, G_LIST_MODEL (names));
}

/**
 * wm_classes_popover_new:
 *
 * Controls bound to @classification (classes, colours) and @layer (opacity).
 */
GtkWidget *
wm_classes_popover_new (WmClassification  *classification,
                        WmChoroplethLayer *layer)
{
  WmClassesPopover *self = g_object_new (WM_TYPE_CLASSES_POPOVER, NULL);
  const char *palette = wm_classification_get_palette (classification);

  self->classification = g_object_ref (classification);
  self->layer = g_object_ref (layer);

  gtk_drop_down_set_selected (self->method_dropdown, wm_classification_get_method (classification));
  gtk_spin_button_set_value (self->classes_spin, wm_classification_get_requested_classes (classification));
  for (guint i = 0; i < self->palettes->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->palettes, i), palette) == 0)
      gtk_drop_down_set_selected (self->palette_dropdown, i);
  gtk_check_button_set_active (self->reverse_check, wm_classification_get_reversed (classification));
  gtk_check_button_set_active (self->fixed_check, wm_classification_get_scope (classification) == WM_CLASS_SCOPE_ALL_YEARS);
  gtk_range_set_value (GTK_RANGE (self->opacity_scale), wm_choropleth_layer_get_opacity (layer));

  g_signal_connect_swapped (self->method_dropdown, "notify::selected", G_CALLBACK (on_method), self);
  g_signal_connect_swapped (self->classes_spin, "value-changed", G_CALLBACK (on_classes), self);
  g_signal_connect_swapped (self->breaks_entry, "activate", G_CALLBACK (apply_breaks), self);
  g_signal_connect_swapped (self->palette_dropdown, "notify::selected", G_CALLBACK (on_palette), self);
  g_signal_connect_swapped (self->reverse_check, "toggled", G_CALLBACK (on_reverse), self);
  g_signal_connect_swapped (self->fixed_check, "toggled", G_CALLBACK (on_fixed), self);
  g_signal_connect_swapped (self->opacity_scale, "value-changed", G_CALLBACK (on_opacity), self);
  return GTK_WIDGET (self);
}
