/* wm-area-pane.c — what the map knows about one area: value, counts, rank, trend
 *
 * Shown when an area is clicked: the value with its numerator and
 * denominator, its rank, the municipality for comparison, a sparkline over
 * the years against the municipality's, and, for the composite index, its
 * seven components next to the municipality's (100 = the municipality).
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "wm-area-pane.h"
#include "wm-chart.h"

#define ACCENT 0x1c71d8

struct _WmAreaPane
{
  GtkWidget parent_instance;

  WmAreaDetails *details;
  int area;
  int year;
  char *text;               /* everything shown, for tests and copying */

  /* template */
  GtkWidget *box;
  GtkLabel *name_label;
  GtkButton *close_button;
  GtkLabel *subtitle_label;
  GtkLabel *value_label;
  GtkLabel *facts_label;
  GtkDrawingArea *sparkline;
  GtkLabel *components_title;
  GtkDrawingArea *components;
};

G_DEFINE_FINAL_TYPE (WmAreaPane, wm_area_pane, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
draw_sparkline (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  WmAreaPane *self = user_data;
  WmChartBox box = { 0, 0, width, height };
  int highlight = -1;

  if (self->details == NULL)
    return;
  for (guint i = 0; i < self->details->n_years; i++)
    if (self->details->years[i] == self->year)
      highlight = i;
  wm_chart_draw_sparkline (cr, &box, self->details->series, self->details->municipality_series,
                           self->details->n_years, highlight, ACCENT);
}

static void
draw_components (GtkDrawingArea *area,
                 cairo_t        *cr,
                 int             width,
                 int             height,
                 gpointer        user_data)
{
  WmAreaPane *self = user_data;
  WmChartBox box = { 0, 0, width, height };
  const char *labels[WM_IVSM_N_COMPONENTS];
  double values[WM_IVSM_N_COMPONENTS];

  if (self->details == NULL || self->details->n_components == 0)
    return;
  for (guint c = 0; c < WM_IVSM_N_COMPONENTS; c++)
    {
      double m = self->details->municipality_components[c];

      labels[c] = wm_indicator_def_get_label (wm_indicator_def_get (c));
      values[c] = m > 0 ? 100 * self->details->components[c] / m : NAN;
    }
  wm_chart_draw_bars (cr, &box, labels, values, WM_IVSM_N_COMPONENTS, 100, ACCENT, NULL);
}

static void
on_close (WmAreaPane *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  self->area = -1;
  g_signal_emit (self, signals[SIGNAL_CLOSED], 0);
}

static void
wm_area_pane_dispose (GObject *object)
{
  WmAreaPane *self = WM_AREA_PANE (object);

  g_clear_pointer (&self->details, wm_area_details_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_AREA_PANE);
  G_OBJECT_CLASS (wm_area_pane_parent_class)->dispose (object);
}

static void
wm_area_pane_finalize (GObject *object)
{
  g_free (WM_AREA_PANE (object)->text);
  G_OBJECT_CLASS (wm_area_pane_parent_class)->finalize (object);
}

static void
wm_area_pane_class_init (WmAreaPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_area_pane_dispose;
  object_class->finalize = wm_area_pane_finalize;

  /* WmAreaPane::closed: the user closed the pane (the map drops its selection). */
  signals[SIGNAL_CLOSED] =
    g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/WelfareMap/ui/wm-area-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, WmAreaPane, box);
  gtk_widget_class_bind_template_child (widget_class, WmAreaPane, name_label);
  gtk_widget_class_bind_template_child (widget_class, WmAreaPane, close_button);
  gtk_widget_class_bind_template_child (widget_class, WmAreaPane, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, WmAreaPane, value_label);
  gtk_widget_class_bind_template_child (widget_class, WmAreaPane, facts_label);
  gtk_widget_class_bind_template_child (widget_class, WmAreaPane, sparkline);
  gtk_widget_class_bind_template_child (widget_class, WmAreaPane, components_title);
  gtk_widget_class_bind_template_child (widget_class, WmAreaPane, components);
}

static void
wm_area_pane_init (WmAreaPane *self)
{
  self->area = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->sparkline, draw_sparkline, self, NULL);
  gtk_drawing_area_set_draw_func (self->components, draw_components, self, NULL);
  g_signal_connect_swapped (self->close_button, "clicked", G_CALLBACK (on_close), self);
}

GtkWidget *
wm_area_pane_new (void)
{
  return g_object_new (WM_TYPE_AREA_PANE, NULL);
}

static char *
ordinal (guint rank)
{
  /* "3rd of 95": English ordinals; translators give their own form. */
  const char *suffix = (rank % 100 >= 11 && rank % 100 <= 13) ? "th"
                     : rank % 10 == 1 ? "st" : rank % 10 == 2 ? "nd" : rank % 10 == 3 ? "rd" : "th";

  return g_strdup_printf (C_("rank", "%u%s"), rank, suffix);
}

/**
 * wm_area_pane_show_area:
 *
 * Describes @geometry_area of @model's layer for its indicator and year,
 * and shows the pane.
 */
void
wm_area_pane_show_area (WmAreaPane *self,
                        WmMapModel *model,
                        guint       geometry_area)
{
  WmClassification *c = wm_map_model_get_classification (model);
  const WmIndicatorDef *def = wm_indicator_def_get (wm_map_model_get_indicator (model));
  WmAreaLayer *layer = wm_map_model_get_layer (model, wm_map_model_get_layer_index (model));
  g_autofree char *value = NULL, *municipality = NULL, *subtitle = NULL;
  GString *facts = g_string_new (NULL);
  WmAreaDetails *d;

  g_return_if_fail (WM_IS_AREA_PANE (self));

  d = wm_map_model_describe_area (model, geometry_area);
  if (d == NULL)
    return;
  g_clear_pointer (&self->details, wm_area_details_free);
  self->details = d;
  self->area = geometry_area;
  self->year = wm_map_model_get_year (model);

  gtk_label_set_text (self->name_label, d->name);
  subtitle = g_strdup_printf ("%s %s · %s · %d", wm_area_layer_get_name (layer), d->code,
                              wm_indicator_def_get_label (def), self->year);
  gtk_label_set_text (self->subtitle_label, subtitle);

  value = d->status == WM_AREA_VALUE ? wm_classification_format_value (c, d->value)
          : d->status == WM_AREA_SUPPRESSED ? g_strdup (_("Hidden"))
          : g_strdup (_("No data"));
  gtk_label_set_text (self->value_label, value);
  if (d->reason != NULL)
    g_string_append_printf (facts, "%s\n", d->reason);
  if (d->has_counts && d->status == WM_AREA_VALUE && def->subject != WM_INDICATOR_SUBJECT_NONE)
    {
      g_autofree char *num = wm_chart_format_value (d->numerator, NULL, 0);
      g_autofree char *den = wm_chart_format_value (d->denominator, NULL, 0);

      g_string_append_printf (facts, _("%s of %s %s\n"), num, den,
                              def->subject == WM_INDICATOR_SUBJECT_FAMILIES ? _("families") : _("persons"));
    }
  if (d->rank > 0)
    {
      g_autofree char *nth = ordinal (d->rank);

      g_string_append_printf (facts, _("%s highest of %u areas\n"), nth, d->n_ranked);
    }
  municipality = wm_classification_format_value (c, d->municipality);
  g_string_append_printf (facts, _("Municipality: %s"), municipality);
  gtk_label_set_text (self->facts_label, facts->str);

  gtk_widget_set_visible (GTK_WIDGET (self->components_title), d->n_components > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->components), d->n_components > 0);
  gtk_widget_queue_draw (GTK_WIDGET (self->sparkline));
  gtk_widget_queue_draw (GTK_WIDGET (self->components));

  g_free (self->text);
  self->text = g_strdup_printf ("%s\n%s\n%s\n%s", d->name, subtitle, value, facts->str);
  g_string_free (facts, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

int
wm_area_pane_get_area (WmAreaPane *self)
{
  g_return_val_if_fail (WM_IS_AREA_PANE (self), -1);
  return gtk_widget_get_visible (GTK_WIDGET (self)) ? self->area : -1;
}

const char *
wm_area_pane_get_text (WmAreaPane *self)
{
  g_return_val_if_fail (WM_IS_AREA_PANE (self), NULL);
  return self->text;
}
