/* wm-window-job.c — a file the main window writes in the background
 *
 * The atlas PDF and the timeline video are written in a worker thread;
 * both show the same progress card at the foot of the map, with Cancel,
 * refuse a second job of their kind while one runs, and end with a toast
 * or an error. A WmWindowJobKind says the words; the state lives on the
 * window under the kind's key, where tests find the card too.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wm-window-private.h"

typedef struct {
  GtkWidget *card;
  GtkLabel *label;
  GtkProgressBar *bar;
  GCancellable *cancellable;   /* while a file is being written */
  char *path;
} JobState;

/* Progress holds the window weakly: its data may be freed in the worker. */
typedef struct {
  GWeakRef window;
  const WmWindowJobKind *kind;
} ProgressData;

static void
state_free (gpointer data)
{
  JobState *state = data;

  g_cancellable_cancel (state->cancellable);
  g_clear_object (&state->cancellable);
  g_free (state->path);
  g_free (state);
}

static JobState *
get_state (WmWindow              *self,
           const WmWindowJobKind *kind)
{
  return g_object_get_data (G_OBJECT (self), kind->key);
}

/* Closing the window stops the job (the old file stays). */
static void
on_destroy (WmWindow              *self,
            const WmWindowJobKind *kind)
{
  wm_window_job_cancel (self, kind);
}

/**
 * wm_window_job_init:
 *
 * The progress card of @kind, at the foot of the map, over the other
 * overlays, hidden until a job shows it.
 */
void
wm_window_job_init (WmWindow              *self,
                    const WmWindowJobKind *kind)
{
  JobState *state = g_new0 (JobState, 1);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));

  state->card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  state->label = GTK_LABEL (gtk_label_new (NULL));
  state->bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_add_css_class (state->card, "map-overlay");
  gtk_widget_set_halign (state->card, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (state->card, GTK_ALIGN_END);
  gtk_widget_set_margin_bottom (state->card, 24);
  gtk_widget_set_size_request (GTK_WIDGET (state->bar), 260, -1);
  gtk_widget_set_valign (GTK_WIDGET (state->bar), GTK_ALIGN_CENTER);
  gtk_label_set_xalign (state->label, 0);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), kind->cancel_action);
  gtk_box_append (GTK_BOX (state->card), GTK_WIDGET (state->label));
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (state->bar));
  gtk_box_append (GTK_BOX (row), cancel);
  gtk_box_append (GTK_BOX (state->card), row);
  gtk_widget_set_visible (state->card, FALSE);
  gtk_overlay_add_overlay (self->map_overlay, state->card);

  g_object_set_data_full (G_OBJECT (self), kind->key, state, state_free);
  /* tests find the card as they would on screen */
  g_object_set_data (G_OBJECT (self), kind->card_key, state->card);
  g_signal_connect (self, "destroy", G_CALLBACK (on_destroy), (gpointer) kind);
}

/**
 * wm_window_job_begin:
 *
 * Shows the card for a job writing @path.
 *
 * Returns: (transfer none) (nullable): the job's cancellable, or NULL
 *   (after telling the user) when a job of @kind is running already
 */
GCancellable *
wm_window_job_begin (WmWindow              *self,
                     const WmWindowJobKind *kind,
                     const char            *path)
{
  JobState *state = get_state (self, kind);

  if (state->cancellable != NULL)
    {
      wm_window_toast (self, _(kind->busy));
      return NULL;
    }
  g_free (state->path);
  state->path = g_strdup (path);
  state->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (state->bar, 0);
  gtk_label_set_text (state->label, _(kind->starting));
  gtk_widget_set_visible (state->card, TRUE);
  return state->cancellable;
}

/* For the worker's progress callback: free with
 * wm_window_job_progress_data_free(). */
gpointer
wm_window_job_progress_data (WmWindow              *self,
                             const WmWindowJobKind *kind)
{
  ProgressData *data = g_new (ProgressData, 1);

  g_weak_ref_init (&data->window, self);
  data->kind = kind;
  return data;
}

void
wm_window_job_progress_data_free (gpointer data)
{
  ProgressData *p = data;

  g_weak_ref_clear (&p->window);
  g_free (p);
}

/* A WmAtlasProgressFunc, in the window's main context. */
void
wm_window_job_progress (guint    done,
                        guint    n,
                        gpointer data)
{
  ProgressData *p = data;
  g_autoptr(WmWindow) self = g_weak_ref_get (&p->window);
  JobState *state = self != NULL ? get_state (self, p->kind) : NULL;
  g_autofree char *text = NULL;

  if (state == NULL)
    return;
  text = p->kind->describe_progress (done + 1, n);
  gtk_progress_bar_set_fraction (state->bar, (double) (done + 1) / n);
  gtk_label_set_text (state->label, text);
}

/**
 * wm_window_job_end:
 * @error: (nullable): why the job failed, when it did
 *
 * Hides the card and tells the user how the job ended.
 */
void
wm_window_job_end (WmWindow              *self,
                   const WmWindowJobKind *kind,
                   const GError          *error)
{
  JobState *state = get_state (self, kind);
  g_autofree char *name = NULL, *message = NULL;

  if (state == NULL)
    return;
  gtk_widget_set_visible (state->card, FALSE);
  g_clear_object (&state->cancellable);
  name = g_path_get_basename (state->path);
  if (error == NULL)
    {
      message = kind->describe_saved (name);
      wm_window_toast (self, message);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    wm_window_toast (self, _(kind->cancelled));
  else
    wm_window_show_error (self, _(kind->failed), error);
}

void
wm_window_job_cancel (WmWindow              *self,
                      const WmWindowJobKind *kind)
{
  JobState *state = get_state (self, kind);

  if (state != NULL)
    g_cancellable_cancel (state->cancellable);
}
