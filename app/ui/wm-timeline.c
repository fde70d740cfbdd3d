/* wm-timeline.c — the years of the extract: a slider with marks, play and pause
 *
 * Playing steps through the years and starts again from the first, as a
 * workshop projecting the map on a wall wants it. Each step only changes
 * the "year" property: the map recolours, nothing is recomputed.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "wm-timeline.h"

struct _WmTimeline
{
  GtkWidget parent_instance;

  GArray *years;
  int year;
  guint play_source;

  /* template */
  GtkWidget *box;
  GtkButton *play_button;
  GtkLabel *year_label;
  GtkScale *scale;
  GtkAdjustment *adjustment;
  GtkDropDown *speed_dropdown;
};

G_DEFINE_FINAL_TYPE (WmTimeline, wm_timeline, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_YEAR,
  PROP_PLAYING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Milliseconds per year: slow, normal, fast. */
static const guint intervals[] = { 2400, 1200, 600 };

static int
index_of (WmTimeline *self,
          int         year)
{
  for (guint i = 0; i < self->years->len; i++)
    if (g_array_index (self->years, int, i) == year)
      return i;
  return -1;
}

static void
show_year (WmTimeline *self)
{
  g_autofree char *text = self->year != 0 ? g_strdup_printf ("%d", self->year) : g_strdup ("—");

  gtk_label_set_text (self->year_label, text);
  if ((int) round (gtk_adjustment_get_value (self->adjustment)) != self->year)
    gtk_adjustment_set_value (self->adjustment, self->year);
}

/**
 * wm_timeline_set_year:
 *
 * Returns: %FALSE if the extract has no such year
 */
gboolean
wm_timeline_set_year (WmTimeline *self,
                      int         year)
{
  g_return_val_if_fail (WM_IS_TIMELINE (self), FALSE);

  if (index_of (self, year) < 0)
    return FALSE;
  if (year == self->year)
    return TRUE;
  self->year = year;
  show_year (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
  return TRUE;
}

int
wm_timeline_get_year (WmTimeline *self)
{
  g_return_val_if_fail (WM_IS_TIMELINE (self), 0);
  return self->year;
}

/**
 * wm_timeline_step:
 * @delta: +1 for the next year, −1 for the previous one
 *
 * Returns: %FALSE at either end
 */
gboolean
wm_timeline_step (WmTimeline *self,
                  int         delta)
{
  int i;

  g_return_val_if_fail (WM_IS_TIMELINE (self), FALSE);

  i = index_of (self, self->year) + delta;
  if (i < 0 || (guint) i >= self->years->len)
    return FALSE;
  return wm_timeline_set_year (self, g_array_index (self->years, int, i));
}

static void
on_adjustment_changed (WmTimeline *self)
{
  int year = (int) round (gtk_adjustment_get_value (self->adjustment));

  if (self->years->len > 0 && year != self->year)
    wm_timeline_set_year (self, year);
}

static gboolean
play_tick (gpointer user_data)
{
  WmTimeline *self = user_data;

  if (!wm_timeline_step (self, +1) && self->years->len > 0)
    wm_timeline_set_year (self, g_array_index (self->years, int, 0));
  return G_SOURCE_CONTINUE;
}

guint
wm_timeline_get_interval (WmTimeline *self)
{
  guint speed = gtk_drop_down_get_selected (self->speed_dropdown);

  return intervals[MIN (speed, G_N_ELEMENTS (intervals) - 1)];
}

void
wm_timeline_set_playing (WmTimeline *self,
                         gboolean    playing)
{
  g_return_if_fail (WM_IS_TIMELINE (self));

  playing = playing && self->years->len > 1;
  if (playing == (self->play_source != 0))
    return;
  g_clear_handle_id (&self->play_source, g_source_remove);
  if (playing)
    self->play_source = g_timeout_add (wm_timeline_get_interval (self), play_tick, self);
  gtk_button_set_icon_name (self->play_button, playing ? "media-playback-pause-symbolic"
                                                       : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button),
                               playing ? _("Pause (Space)") : _("Play the Years (Space)"));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

gboolean
wm_timeline_get_playing (WmTimeline *self)
{
  g_return_val_if_fail (WM_IS_TIMELINE (self), FALSE);
  return self->play_source != 0;
}

static void
on_play_clicked (WmTimeline *self)
{
  wm_timeline_set_playing (self, !wm_timeline_get_playing (self));
}

static void
on_speed_changed (WmTimeline *self)
{
  /* Restart the clock at the new pace. */
  if (wm_timeline_get_playing (self))
    {
      wm_timeline_set_playing (self, FALSE);
      wm_timeline_set_playing (self, TRUE);
    }
}

/**
 * wm_timeline_set_years:
 *
 * The extract's years; the year shown becomes the last one unless the
 * current one is among them.
 */
void
wm_timeline_set_years (WmTimeline *self,
                       const int  *years,
                       guint       n_years)
{
  int keep;

  g_return_if_fail (WM_IS_TIMELINE (self));

  wm_timeline_set_playing (self, FALSE);
  keep = self->year;
  g_array_set_size (self->years, 0);
  g_array_append_vals (self->years, years, n_years);
  gtk_scale_clear_marks (self->scale);
  for (guint i = 0; i < n_years; i++)
    {
      g_autofree char *label = g_strdup_printf ("%d", years[i]);

      gtk_scale_add_mark (self->scale, years[i], GTK_POS_BOTTOM, label);
    }
  gtk_adjustment_configure (self->adjustment,
                            n_years > 0 ? years[n_years - 1] : 0,
                            n_years > 0 ? years[0] : 0,
                            n_years > 0 ? years[n_years - 1] : 0,
                            1, 1, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->box), n_years > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->play_button), n_years > 1);
  if (index_of (self, keep) < 0)
    {
      self->year = n_years > 0 ? years[n_years - 1] : 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
    }
  show_year (self);
}

static void
wm_timeline_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  WmTimeline *self = WM_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;
    case PROP_PLAYING:
      g_value_set_boolean (value, wm_timeline_get_playing (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_timeline_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  WmTimeline *self = WM_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_YEAR:
      wm_timeline_set_year (self, g_value_get_int (value));
      break;
    case PROP_PLAYING:
      wm_timeline_set_playing (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_timeline_dispose (GObject *object)
{
  WmTimeline *self = WM_TIMELINE (object);

  g_clear_handle_id (&self->play_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_TIMELINE);
  G_OBJECT_CLASS (wm_timeline_parent_class)->dispose (object);
}

static void
wm_timeline_finalize (GObject *object)
{
  WmTimeline *self = WM_TIMELINE (object);

  g_array_unref (self->years);
  G_OBJECT_CLASS (wm_timeline_parent_class)->finalize (object);
}

static void
wm_timeline_class_init (WmTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_timeline_dispose;
  object_class->finalize = wm_timeline_finalize;
  object_class->get_property = wm_timeline_get_property;
  object_class->set_property = wm_timeline_set_property;

  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 0, 9999, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/WelfareMap/ui/wm-timeline.ui");
  gtk_widget_class_bind_template_child (widget_class, WmTimeline, box);
  gtk_widget_class_bind_template_child (widget_class, WmTimeline, play_button);
  gtk_widget_class_bind_template_child (widget_class, WmTimeline, year_label);
  gtk_widget_class_bind_template_child (widget_class, WmTimeline, scale);
  gtk_widget_class_bind_template_child (widget_class, WmTimeline, adjustment);
  gtk_widget_class_bind_template_child (widget_class, WmTimeline, speed_dropdown);
}

static void
wm_timeline_init (WmTimeline *self)
{
  self->years = g_array_new (FALSE, FALSE, sizeof (int));
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->adjustment, "value-changed", G_CALLBACK (on_adjustment_changed), self);
  g_signal_connect_swapped (self->play_button, "clicked", G_CALLBACK (on_play_clicked), self);
  g_signal_connect_swapped (self->speed_dropdown, "notify::selected", G_CALLBACK (on_speed_changed), self);
  show_year (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->box), FALSE);
}

GtkWidget *
wm_timeline_new (void)
{
  return g_object_new (WM_TYPE_TIMELINE, NULL);
}
