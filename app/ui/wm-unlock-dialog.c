/* wm-unlock-dialog.c — asks for an extract's passphrase and opens it
 *
 * A wrong passphrase asks again; a damaged, expired or foreign file says
 * so and what to do, and offers no retry, since no passphrase would help.
 * The key derivation and decryption run in a worker thread with a
 * progress bar; cancelling or closing the dialog stops them.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wm-unlock-dialog.h"

struct _WmUnlockDialog
{
  AdwWindow parent_instance;

  GFile *file;
  GCancellable *cancellable;
  WmUnlockState state;
  GError *error;

  /* template */
  GtkImage *icon;
  GtkLabel *title_label;
  GtkLabel *description_label;
  GtkPasswordEntry *entry;
  GtkLabel *error_label;
  GtkBox *progress_box;
  GtkLabel *progress_label;
  GtkProgressBar *progress_bar;
  GtkButton *cancel_button;
  GtkButton *unlock_button;
};

G_DEFINE_FINAL_TYPE (WmUnlockDialog, wm_unlock_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_UNLOCKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_sensitivity (WmUnlockDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  gboolean asking = self->state == WM_UNLOCK_STATE_ASKING || self->state == WM_UNLOCK_STATE_RETRY;

  gtk_widget_set_sensitive (GTK_WIDGET (self->entry), asking);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "unlock.unlock", asking && text[0] != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->progress_box), self->state == WM_UNLOCK_STATE_WORKING);
}

static void
show_error (WmUnlockDialog *self,
            const char     *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
on_progress (WmExtractPhase phase,
             double         fraction,
             gpointer       user_data)
{
  WmUnlockDialog *self = user_data;

  gtk_label_set_text (self->progress_label,
                      phase == WM_EXTRACT_PHASE_UNLOCKING ? _("Checking the passphrase…")
                                                          : _("Decrypting into memory…"));
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static void
on_opened (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(WmUnlockDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmExtract) extract = wm_extract_open_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;  /* closed while working: nothing to show */
  g_clear_object (&self->cancellable);

  if (extract != NULL)
    {
      self->state = WM_UNLOCK_STATE_UNLOCKED;
      gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
      g_signal_emit (self, signals[SIGNAL_UNLOCKED], 0, extract);
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  g_clear_error (&self->error);
  self->error = g_error_copy (error);
  if (g_error_matches (error, WM_EXTRACT_ERROR, WM_EXTRACT_ERROR_WRONG_PASSPHRASE))
    {
      self->state = WM_UNLOCK_STATE_RETRY;
      show_error (self, _("Wrong passphrase. Check it and try again — is Caps Lock on?"));
      gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
      update_sensitivity (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->entry));
      gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
      return;
    }

  /* Damaged, expired, not an extract, unreadable: no passphrase helps. */
  self->state = WM_UNLOCK_STATE_FAILED;
  gtk_image_set_from_icon_name (self->icon, "dialog-warning-symbolic");
  gtk_label_set_text (self->title_label, _("This Extract Cannot Be Opened"));
  gtk_widget_set_visible (GTK_WIDGET (self->description_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->entry), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->unlock_button), FALSE);
  gtk_button_set_label (self->cancel_button, _("_Close"));
  show_error (self, error->message);
  update_sensitivity (self);
}

static void
unlock_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  WmUnlockDialog *self = WM_UNLOCK_DIALOG (widget);
  g_autofree char *path = g_file_get_path (self->file);

  if (self->state != WM_UNLOCK_STATE_ASKING && self->state != WM_UNLOCK_STATE_RETRY)
    return;
  self->state = WM_UNLOCK_STATE_WORKING;
  /* A focused entry made insensitive keeps blinking its cursor; GTK
   * complains. Nothing is typed while working anyway. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  show_error (self, NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
  on_progress (WM_EXTRACT_PHASE_UNLOCKING, 0, self);
  update_sensitivity (self);

  self->cancellable = g_cancellable_new ();
  wm_extract_open_async (path, gtk_editable_get_text (GTK_EDITABLE (self->entry)),
                         on_progress, g_object_ref (self), g_object_unref,
                         self->cancellable, on_opened, g_object_ref (self));
}

static gboolean
wm_unlock_dialog_close_request (GtkWindow *window)
{
  WmUnlockDialog *self = WM_UNLOCK_DIALOG (window);

  g_cancellable_cancel (self->cancellable);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  /* Let the entry lose focus before it goes, even without a window manager. */
  gtk_window_set_focus (window, NULL);
  return GTK_WINDOW_CLASS (wm_unlock_dialog_parent_class)->close_request (window);
}

static void
wm_unlock_dialog_dispose (GObject *object)
{
  WmUnlockDialog *self = WM_UNLOCK_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->file);
  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_UNLOCK_DIALOG);
  G_OBJECT_CLASS (wm_unlock_dialog_parent_class)->dispose (object);
}

static void
wm_unlock_dialog_finalize (GObject *object)
{
  WmUnlockDialog *self = WM_UNLOCK_DIALOG (object);

  g_clear_error (&self->error);
  G_OBJECT_CLASS (wm_unlock_dialog_parent_class)->finalize (object);
}

static void
wm_unlock_dialog_class_init (WmUnlockDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = wm_unlock_dialog_dispose;
  object_class->finalize = wm_unlock_dialog_finalize;
  window_class->close_request = wm_unlock_dialog_close_request;

  /**
   * WmUnlockDialog::unlocked:
   * @extract: the open extract; take a reference to keep it
   */
  signals[SIGNAL_UNLOCKED] =
    g_signal_new ("unlocked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, WM_TYPE_EXTRACT);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/WelfareMap/ui/wm-unlock-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, WmUnlockDialog, icon);
  gtk_widget_class_bind_template_child (widget_class, WmUnlockDialog, title_label);
  gtk_widget_class_bind_template_child (widget_class, WmUnlockDialog, description_label);
  gtk_widget_class_bind_template_child (widget_class, WmUnlockDialog, entry);
  gtk_widget_class_bind_template_child (widget_class, WmUnlockDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, WmUnlockDialog, progress_box);
  gtk_widget_class_bind_template_child (widget_class, WmUnlockDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, WmUnlockDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, WmUnlockDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, WmUnlockDialog, unlock_button);

  gtk_widget_class_install_action (widget_class, "unlock.unlock", NULL, unlock_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wm_unlock_dialog_init (WmUnlockDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->entry, "changed", G_CALLBACK (update_sensitivity), self);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->unlock_button));
  update_sensitivity (self);
}

/**
 * wm_unlock_dialog_new:
 * @file: the extract to open
 */
WmUnlockDialog *
wm_unlock_dialog_new (GtkWindow *parent,
                      GFile     *file)
{
  WmUnlockDialog *self = g_object_new (WM_TYPE_UNLOCK_DIALOG, "transient-for", parent, NULL);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *title = g_strdup_printf (_("Unlock “%s”"), name);

  self->file = g_object_ref (file);
  gtk_label_set_text (self->title_label, title);
  return self;
}

GFile *
wm_unlock_dialog_get_file (WmUnlockDialog *self)
{
  g_return_val_if_fail (WM_IS_UNLOCK_DIALOG (self), NULL);
  return self->file;
}

WmUnlockState
wm_unlock_dialog_get_state (WmUnlockDialog *self)
{
  g_return_val_if_fail (WM_IS_UNLOCK_DIALOG (self), WM_UNLOCK_STATE_FAILED);
  return self->state;
}

const GError *
wm_unlock_dialog_get_error (WmUnlockDialog *self)
{
  g_return_val_if_fail (WM_IS_UNLOCK_DIALOG (self), NULL);
  return self->error;
}

/* For scripted use and tests: what a user would type. */
void
wm_unlock_dialog_set_passphrase (WmUnlockDialog *self,
                                 const char     *passphrase)
{
  g_return_if_fail (WM_IS_UNLOCK_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->entry), passphrase);
}
