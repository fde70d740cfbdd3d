/* wm-legend-view.c — the map legend: classes, counts, histogram, source
 *
 * Every swatch is painted by wm_swatch_paint() from the legend model's
 * WmSwatch, the very call and colours the map painter uses.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wm-choropleth-painter.h"
#include "wm-legend-view.h"

#define N_BINS 24

struct _WmLegendView
{
  GtkWidget parent_instance;

  WmClassification *classification;
  gulong changed_id;
  GPtrArray *swatches;    /* GtkDrawingArea, with "wm-class" data */
  GPtrArray *row_labels;  /* GtkLabel, same order */

  /* template */
  GtkWidget *box;
  GtkLabel *title_label;
  GtkLabel *subtitle_label;
  GtkDrawingArea *histogram;
  GtkGrid *classes_grid;
  GtkLabel *tie_rule_label;
  GtkLabel *source_label;
};

G_DEFINE_FINAL_TYPE (WmLegendView, wm_legend_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CLASSIFICATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  WmLegendView *self = user_data;
  guint cls = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (area), "wm-class"));
  WmSwatch swatch;

  if (self->classification == NULL || !wm_classification_get_swatch (self->classification, cls, &swatch))
    return;
  cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
  wm_swatch_paint (&swatch, cr, 1.0, 1.0);
  cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.35);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

/* Bars of equal-width bins between the outer breaks, each in the colour
 * of the class its middle falls in. */
static void
draw_histogram (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  WmLegendView *self = user_data;
  guint bins[N_BINS], top = 0, n_classes;
  const double *breaks;
  double lo, hi, bar = (double) width / N_BINS;

  if (self->classification == NULL ||
      wm_classification_get_histogram (self->classification, bins, N_BINS, &lo, &hi) == 0)
    return;
  n_classes = wm_classification_get_n_classes (self->classification);
  breaks = wm_classification_get_breaks (self->classification);
  for (guint i = 0; i < N_BINS; i++)
    top = MAX (top, bins[i]);
  for (guint i = 0; i < N_BINS; i++)
    {
      double mid = lo + (i + 0.5) * (hi - lo) / N_BINS, h;
      WmSwatch swatch;

      if (bins[i] == 0 ||
          !wm_classification_get_swatch (self->classification, wm_classify_value (breaks, n_classes, mid), &swatch))
        continue;
      h = MAX (1.0, (height - 1.0) * bins[i] / top);
      cairo_rectangle (cr, i * bar, height - h, MAX (bar - 1, 1), h);
      wm_swatch_paint (&swatch, cr, 1.0, 1.0);
    }
  cairo_set_source_rgba (cr, 0, 0, 0, 0.35);
  cairo_rectangle (cr, 0, height - 0.5, width, 0.5);
  cairo_fill (cr);
}

static void
add_row (WmLegendView *self,
         guint         cls,
         int           row)
{
  g_autofree char *label = wm_classification_get_label (self->classification, cls);
  g_autofree char *count = g_strdup_printf ("%u", wm_classification_get_count (self->classification, cls));
  GtkWidget *swatch = gtk_drawing_area_new ();
  GtkWidget *text = gtk_label_new (label);
  GtkWidget *n = gtk_label_new (count);

  g_object_set_data (G_OBJECT (swatch), "wm-class", GUINT_TO_POINTER (cls));
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 22);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 14);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch, self, NULL);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_label_set_xalign (GTK_LABEL (n), 1);
  gtk_widget_add_css_class (n, "numeric");
  gtk_widget_add_css_class (n, "dim-label");
  gtk_widget_set_tooltip_text (n, _("Areas in this class"));
  gtk_grid_attach (self->classes_grid, swatch, 0, row, 1, 1);
  gtk_grid_attach (self->classes_grid, text, 1, row, 1, 1);
  gtk_grid_attach (self->classes_grid, n, 2, row, 1, 1);
  g_ptr_array_add (self->swatches, swatch);
  g_ptr_array_add (self->row_labels, text);
}

static void
rebuild (WmLegendView *self)
{
  GtkWidget *child;
  WmClassification *c = self->classification;
  guint n_classes;
  int row = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->classes_grid))) != NULL)
    gtk_grid_remove (self->classes_grid, child);
  g_ptr_array_set_size (self->swatches, 0);
  g_ptr_array_set_size (self->row_labels, 0);
  gtk_widget_set_visible (self->box, c != NULL);
  if (c == NULL)
    return;

  gtk_label_set_label (self->title_label, wm_classification_get_title (c) != NULL
                                          ? wm_classification_get_title (c) : "");
  {
    g_autofree char *subtitle =
      g_strdup_printf (_("%d · %s, %s"), wm_classification_get_year (c),
                       wm_classify_method_name (wm_classification_get_method (c)),
                       wm_classification_get_scope (c) == WM_CLASS_SCOPE_ALL_YEARS
                       ? _("same classes every year") : _("classes of this year"));
    gtk_label_set_label (self->subtitle_label, subtitle);
  }

  n_classes = wm_classification_get_n_classes (c);
  for (guint i = 0; i < n_classes; i++)
    add_row (self, i, row++);
  if (wm_classification_get_count (c, WM_CLASS_NO_DATA) > 0 || n_classes == 0)
    add_row (self, WM_CLASS_NO_DATA, row++);
  if (wm_classification_get_count (c, WM_CLASS_SUPPRESSED) > 0)
    add_row (self, WM_CLASS_SUPPRESSED, row++);

  gtk_label_set_label (self->tie_rule_label, wm_classification_get_tie_rule (c));
  {
    g_autofree char *source = wm_classification_get_source (c) != NULL
      ? g_strdup_printf (_("Source: %s. %s."), wm_classification_get_source (c), wm_palette_attribution ())
      : g_strdup_printf ("%s.", wm_palette_attribution ());
    gtk_label_set_label (self->source_label, source);
  }
  gtk_widget_queue_draw (GTK_WIDGET (self->histogram));
}

void
wm_legend_view_set_classification (WmLegendView     *self,
                                   WmClassification *classification)
{
  g_return_if_fail (WM_IS_LEGEND_VIEW (self));
  g_return_if_fail (classification == NULL || WM_IS_CLASSIFICATION (classification));

  if (self->classification == classification)
    return;
  if (self->classification != NULL)
    g_clear_signal_handler (&self->changed_id, self->classification);
  g_set_object (&self->classification, classification);
  if (classification != NULL)
    self->changed_id = g_signal_connect_swapped (classification, "changed", G_CALLBACK (rebuild), self);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLASSIFICATION]);
}

WmClassification *
wm_legend_view_get_classification (WmLegendView *self)
{
  g_return_val_if_fail (WM_IS_LEGEND_VIEW (self), NULL);
  return self->classification;
}

static int
row_of (WmLegendView *self,
        guint         class_index)
{
  for (guint i = 0; i < self->swatches->len; i++)
    if (GPOINTER_TO_UINT (g_object_get_data (self->swatches->pdata[i], "wm-class")) == class_index)
      return (int) i;
  return -1;
}

/**
 * wm_legend_view_get_swatch_bounds:
 * @bounds: (out): where the swatch of @class_index is, in the legend's
 *   coordinates
 *
 * Returns: %FALSE when the legend shows no such class
 */
gboolean
wm_legend_view_get_swatch_bounds (WmLegendView    *self,
                                  guint            class_index,
                                  graphene_rect_t *bounds)
{
  int row;

  g_return_val_if_fail (WM_IS_LEGEND_VIEW (self), FALSE);
  row = row_of (self, class_index);
  return row >= 0 && gtk_widget_compute_bounds (self->swatches->pdata[row], GTK_WIDGET (self), bounds);
}

/* The range text shown for a class ("10.0 – 20.0 %", "No data"). */
const char *
wm_legend_view_get_row_text (WmLegendView *self,
                             guint         class_index)
{
  int row;

  g_return_val_if_fail (WM_IS_LEGEND_VIEW (self), NULL);
  row = row_of (self, class_index);
  return row >= 0 ? gtk_label_get_label (self->row_labels->pdata[row]) : NULL;
}

static void
wm_legend_view_dispose (GObject *object)
{
  WmLegendView *self = WM_LEGEND_VIEW (object);

  if (self->classification != NULL)
    g_clear_signal_handler (&self->changed_id, self->classification);
  g_clear_object (&self->classification);
  g_clear_pointer (&self->swatches, g_ptr_array_unref);
  g_clear_pointer (&self->row_labels, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_LEGEND_VIEW);

  G_OBJECT_CLASS (wm_legend_view_parent_class)->dispose (object);
}

static void
wm_legend_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_CLASSIFICATION:
      g_value_set_object (value, WM_LEGEND_VIEW (object)->classification);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_legend_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_CLASSIFICATION:
      wm_legend_view_set_classification (WM_LEGEND_VIEW (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_legend_view_class_init (WmLegendViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_legend_view_dispose;
  object_class->get_property = wm_legend_view_get_property;
  object_class->set_property = wm_legend_view_set_property;

  properties[PROP_CLASSIFICATION] =
    g_param_spec_object ("classification", NULL, NULL, WM_TYPE_CLASSIFICATION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/WelfareMap/ui/wm-legend-view.ui");
  gtk_widget_class_bind_template_child (widget_class, WmLegendView, box);
  gtk_widget_class_bind_template_child (widget_class, WmLegendView, title_label);
  gtk_widget_class_bind_template_child (widget_class, WmLegendView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, WmLegendView, histogram);
  gtk_widget_class_bind_template_child (widget_class, WmLegendView, classes_grid);
  gtk_widget_class_bind_template_child (widget_class, WmLegendView, tie_rule_label);
  gtk_widget_class_bind_template_child (widget_class, WmLegendView, source_label);
  gtk_widget_class_set_css_name (widget_class, "legend");
}

static void
wm_legend_view_init (WmLegendView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->swatches = g_ptr_array_new ();
  self->row_labels = g_ptr_array_new ();
  gtk_drawing_area_set_draw_func (self->histogram, draw_histogram, self, NULL);
  gtk_widget_set_visible (self->box, FALSE);
}

WmLegendView *
wm_legend_view_new (void)
{
  return g_object_new (WM_TYPE_LEGEND_VIEW, NULL);
}
