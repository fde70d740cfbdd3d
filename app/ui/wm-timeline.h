/* wm-timeline.h — the years of the extract: a slider with marks, play and pause
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WM_TYPE_TIMELINE (wm_timeline_get_type ())
G_DECLARE_FINAL_TYPE (WmTimeline, wm_timeline, WM, TIMELINE, GtkWidget)

GtkWidget *wm_timeline_new         (void);
void       wm_timeline_set_years   (WmTimeline *self,
                                    const int  *years,
                                    guint       n_years);
gboolean   wm_timeline_set_year    (WmTimeline *self,
                                    int         year);
int        wm_timeline_get_year    (WmTimeline *self);
gboolean   wm_timeline_step        (WmTimeline *self,
                                    int         delta);
void       wm_timeline_set_playing (WmTimeline *self,
                                    gboolean    playing);
gboolean   wm_timeline_get_playing (WmTimeline *self);
guint      wm_timeline_get_interval (WmTimeline *self);

G_END_DECLS
