/* wm-indicator-sidebar.c — choose the area layer and the indicator, grouped by theme
 *
 * The composite index comes first (it is what a meeting asks for), then
 * its components and the other themes, each under a header. The search
 * matches labels and descriptions, accents and case aside.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wm-indicator-sidebar.h"

struct _WmIndicatorSidebar
{
  GtkWidget parent_instance;

  GtkListBoxRow *rows[WM_N_INDICATORS];
  gboolean syncing;

  /* template */
  GtkWidget *box;
  GtkDropDown *layer_dropdown;
  GtkSearchEntry *search_entry;
  GtkListBox *list;
};

G_DEFINE_FINAL_TYPE (WmIndicatorSidebar, wm_indicator_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_INDICATOR,
  PROP_LAYER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const WmIndicatorTheme theme_order[] = {
  WM_INDICATOR_THEME_COMPOSITE,
  WM_INDICATOR_THEME_IVSM_COMPONENTS,
  WM_INDICATOR_THEME_ECONOMIC,
  WM_INDICATOR_THEME_ELDERLY_CARE,
  WM_INDICATOR_THEME_POPULATION,
  WM_INDICATOR_THEME_SERVICES,
};

static WmIndicatorId
row_indicator (GtkListBoxRow *row)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "indicator"));
}

static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  WmIndicatorTheme theme = wm_indicator_def_get (row_indicator (row))->theme;
  GtkWidget *header;

  if (before != NULL && wm_indicator_def_get (row_indicator (before))->theme == theme)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  header = gtk_label_new (wm_indicator_theme_label (theme));
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "dim-label");
  gtk_widget_add_css_class (header, "caption-heading");
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_top (header, before != NULL ? 12 : 6);
  gtk_widget_set_margin_bottom (header, 3);
  gtk_list_box_row_set_header (row, header);
}

static gboolean
matches (GtkListBoxRow *row,
         gpointer       user_data)
{
  WmIndicatorSidebar *self = user_data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  const WmIndicatorDef *def = wm_indicator_def_get (row_indicator (row));

  if (text == NULL || *text == '\0')
    return TRUE;
  return g_str_match_string (text, wm_indicator_def_get_label (def), TRUE) ||
         g_str_match_string (text, wm_indicator_def_get_description (def), TRUE) ||
         g_str_match_string (text, def->id, TRUE);
}

static GtkWidget *
make_row (const WmIndicatorDef *def)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (wm_indicator_def_get_label (def));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_widget_set_tooltip_text (row, wm_indicator_def_get_description (def));
  g_object_set_data (G_OBJECT (row), "indicator", GUINT_TO_POINTER (def->index));
  return row;
}

static void
on_row_selected (GtkListBox         *list,
                 GtkListBoxRow      *row,
                 WmIndicatorSidebar *self)
{
  if (row != NULL && !self->syncing)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INDICATOR]);
}

static void
on_search_changed (WmIndicatorSidebar *self)
{
  gtk_list_box_invalidate_filter (self->list);
}

static void
on_layer_selected (WmIndicatorSidebar *self)
{
  if (!self->syncing)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYER]);
}

static void
wm_indicator_sidebar_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  WmIndicatorSidebar *self = WM_INDICATOR_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_INDICATOR:
      g_value_set_uint (value, wm_indicator_sidebar_get_indicator (self));
      break;
    case PROP_LAYER:
      g_value_set_uint (value, wm_indicator_sidebar_get_layer (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_indicator_sidebar_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  WmIndicatorSidebar *self = WM_INDICATOR_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_INDICATOR:
      wm_indicator_sidebar_set_indicator (self, g_value_get_uint (value));
      break;
    case PROP_LAYER:
      wm_indicator_sidebar_set_layer (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_indicator_sidebar_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), WM_TYPE_INDICATOR_SIDEBAR);
  G_OBJECT_CLASS (wm_indicator_sidebar_parent_class)->dispose (object);
}

static void
wm_indicator_sidebar_class_init (WmIndicatorSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_indicator_sidebar_dispose;
  object_class->get_property = wm_indicator_sidebar_get_property;
  object_class->set_property = wm_indicator_sidebar_set_property;

  properties[PROP_INDICATOR] =
    g_param_spec_uint ("indicator", NULL, NULL, 0, WM_N_INDICATORS - 1, WM_INDICATOR_IVSM,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAYER] =
    g_param_spec_uint ("layer", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/WelfareMap/ui/wm-indicator-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, WmIndicatorSidebar, box);
  gtk_widget_class_bind_template_child (widget_class, WmIndicatorSidebar, layer_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WmIndicatorSidebar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, WmIndicatorSidebar, list);
}

static void
wm_indicator_sidebar_init (WmIndicatorSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (gsize t = 0; t < G_N_ELEMENTS (theme_order); t++)
    for (int i = 0; i < WM_N_INDICATORS; i++)
      {
        const WmIndicatorDef *def = wm_indicator_def_get (i);

        if (def->theme != theme_order[t])
          continue;
        self->rows[i] = GTK_LIST_BOX_ROW (make_row (def));
        gtk_list_box_append (self->list, GTK_WIDGET (self->rows[i]));
      }
  gtk_list_box_set_header_func (self->list, update_header, NULL, NULL);
  gtk_list_box_set_filter_func (self->list, matches, self, NULL);
  gtk_list_box_select_row (self->list, self->rows[WM_INDICATOR_IVSM]);

  g_signal_connect (self->list, "row-selected", G_CALLBACK (on_row_selected), self);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect_swapped (self->layer_dropdown, "notify::selected", G_CALLBACK (on_layer_selected), self);
  wm_indicator_sidebar_set_layers (self, NULL);
}

GtkWidget *
wm_indicator_sidebar_new (void)
{
  return g_object_new (WM_TYPE_INDICATOR_SIDEBAR, NULL);
}

void
wm_indicator_sidebar_set_indicator (WmIndicatorSidebar *self,
                                    WmIndicatorId       indicator)
{
  g_return_if_fail (WM_IS_INDICATOR_SIDEBAR (self));
  g_return_if_fail (indicator < WM_N_INDICATORS);

  if (indicator == wm_indicator_sidebar_get_indicator (self))
    return;
  self->syncing = TRUE;
  gtk_list_box_select_row (self->list, self->rows[indicator]);
  self->syncing = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INDICATOR]);
}

WmIndicatorId
wm_indicator_sidebar_get_indicator (WmIndicatorSidebar *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (WM_IS_INDICATOR_SIDEBAR (self), WM_INDICATOR_IVSM);
  row = gtk_list_box_get_selected_row (self->list);
  return row != NULL ? row_indicator (row) : WM_INDICATOR_IVSM;
}

/**
 * wm_indicator_sidebar_set_layers:
 * @names: (nullable): the extract's boundary layers, in the map model's
 *   order; none while no extract is open
 */
void
wm_indicator_sidebar_set_layers (WmIndicatorSidebar *self,
                                 const char * const *names)
{
  /* An empty drop-down shows GTK's "(None)", which GTK 4.8 does not
   * translate: say why there is nothing to choose. */
  const char *placeholder[] = { _("No extract open"), NULL };
  g_autoptr(GtkStringList) model =
    gtk_string_list_new (names != NULL && names[0] != NULL ? names : placeholder);

  g_return_if_fail (WM_IS_INDICATOR_SIDEBAR (self));

  self->syncing = TRUE;
  gtk_drop_down_set_model (self->layer_dropdown, G_LIST_MODEL (model));
  self->syncing = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->layer_dropdown), names != NULL && names[0] != NULL);
}

void
wm_indicator_sidebar_set_layer (WmIndicatorSidebar *self,
                                guint               index)
{
  g_return_if_fail (WM_IS_INDICATOR_SIDEBAR (self));

  if (index == gtk_drop_down_get_selected (self->layer_dropdown))
    return;
  self->syncing = TRUE;
  gtk_drop_down_set_selected (self->layer_dropdown, index);
  self->syncing = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYER]);
}

guint
wm_indicator_sidebar_get_layer (WmIndicatorSidebar *self)
{
  guint selected;

  g_return_val_if_fail (WM_IS_INDICATOR_SIDEBAR (self), 0);
  selected = gtk_drop_down_get_selected (self->layer_dropdown);
  return selected == GTK_INVALID_LIST_POSITION ? 0 : selected;
}

void
wm_indicator_sidebar_set_search (WmIndicatorSidebar *self,
                                 const char         *text)
{
  g_return_if_fail (WM_IS_INDICATOR_SIDEBAR (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  gtk_list_box_invalidate_filter (self->list);
}

/* How many indicators the search leaves (for tests and an empty state). */
guint
wm_indicator_sidebar_count_visible (WmIndicatorSidebar *self)
{
  guint n = 0;

  g_return_val_if_fail (WM_IS_INDICATOR_SIDEBAR (self), 0);
  for (int i = 0; i < WM_N_INDICATORS; i++)
    if (self->rows[i] != NULL && matches (self->rows[i], self))
      n++;
  return n;
}
