/* wm-window-extract.c — the main window's extract: open, unlock, show, close
 *
 * An extract reaches the window from the Open action, from a file dropped
 * on the window, or from the command line; each goes through the unlock
 * dialog. Decrypted data lives only in the WmExtract; closing it (or the
 * window) zeroes it.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wm-schema.h"
#include "wm-service-sites.h"
#include "wm-unlock-dialog.h"
#include "wm-window-private.h"

static void
show_role (WmWindow *self)
{
  gboolean caseworker;

  gtk_widget_set_visible (GTK_WIDGET (self->role_badge), self->extract != NULL);
  if (self->extract == NULL)
    return;
  caseworker = wm_extract_get_role (self->extract) == WM_EXTRACT_ROLE_CASEWORKER;
  gtk_label_set_text (self->role_badge, caseworker ? _("Caseworker") : _("Analyst"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->role_badge),
                               caseworker ? _("This passphrase also shows who people are: handle with care")
                                          : _("Pseudonymised data: you see aggregates only"));
  gtk_widget_remove_css_class (GTK_WIDGET (self->role_badge), caseworker ? "analyst" : "caseworker");
  gtk_widget_add_css_class (GTK_WIDGET (self->role_badge), caseworker ? "caseworker" : "analyst");
}

static char *
extract_subtitle (WmExtract *extract)
{
  sqlite3 *db = wm_extract_get_db (extract);
  g_autofree char *municipality = wm_schema_meta_get (db, "municipality_name");
  g_autofree char *first = wm_schema_meta_get (db, "first_year");
  g_autofree char *last = wm_schema_meta_get (db, "last_year");

  if (municipality != NULL && first != NULL && last != NULL)
    return g_strdup_printf ("%s · %s–%s", municipality, first, last);
  return g_strdup (municipality != NULL ? municipality : "");
}

/* The empty window offers the extract opened last time (its path only is
 * remembered; never a passphrase). */
static void
update_reopen (WmWindow *self)
{
  g_autofree char *last = g_settings_get_string (self->settings, "last-extract");
  gboolean show = self->extract == NULL && last[0] != '\0' && g_file_test (last, G_FILE_TEST_IS_REGULAR);

  gtk_widget_set_visible (GTK_WIDGET (self->reopen_button), show);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-last", show);
  if (show)
    {
      g_autofree char *name = g_path_get_basename (last);
      g_autofree char *label = g_strdup_printf (_("Reopen “%s”"), name);

      gtk_button_set_label (self->reopen_button, label);
    }
}

/**
 * wm_window_set_extract:
 * @extract: (nullable): an unlocked extract, or %NULL to close the current one
 *
 * Shows @extract: title, role, service sites. On a problem reading it the
 * window says so and stays as it was.
 */
gboolean
wm_window_set_extract (WmWindow   *self,
                       WmExtract  *extract,
                       GError    **error)
{
  g_autoptr(WmServiceSites) sites = NULL;

  g_return_val_if_fail (WM_IS_WINDOW (self), FALSE);

  if (extract != NULL)
    {
      sqlite3 *db = wm_extract_get_db (extract);

      if (!wm_schema_check (db, error))
        return FALSE;
      sites = wm_service_sites_load (db, error);
      if (sites == NULL)
        return FALSE;
    }

  /* The map lets go of the old extract's database before it is zeroed. */
  wm_window_map_set_extract (self, NULL);
  if (self->extract != NULL)
    wm_extract_close (self->extract);
  g_set_object (&self->extract, extract);
  wm_window_set_service_sites (self, sites);
  wm_window_map_set_extract (self, extract);
  show_role (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-extract", extract != NULL);

  if (extract != NULL)
    {
      g_autofree char *name = g_path_get_basename (wm_extract_get_path (extract));
      g_autofree char *subtitle = extract_subtitle (extract);

      adw_window_title_set_title (self->window_title, name);
      adw_window_title_set_subtitle (self->window_title, subtitle);
      g_settings_set_string (self->settings, "last-extract", wm_extract_get_path (extract));
    }
  else
    {
      adw_window_title_set_title (self->window_title, _("WelfareMap"));
      adw_window_title_set_subtitle (self->window_title, "");
    }
  update_reopen (self);
  return TRUE;
}

WmExtract *
wm_window_get_extract (WmWindow *self)
{
  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);
  return self->extract;
}

static void
on_unlocked (WmUnlockDialog *dialog,
             WmExtract      *extract,
             WmWindow       *self)
{
  g_autoptr(GError) error = NULL;

  if (!wm_window_set_extract (self, extract, &error))
    {
      wm_extract_close (extract);
      wm_window_show_error (self, _("The extract cannot be shown"), error);
      return;
    }
  wm_window_toast (self, wm_extract_get_role (extract) == WM_EXTRACT_ROLE_CASEWORKER
                   ? _("Opened as caseworker: identities are available")
                   : _("Opened as analyst: aggregated data only"));
}

/**
 * wm_window_open_file:
 *
 * Asks for @file's passphrase; the extract replaces the current one once
 * unlocked. Returns the dialog (owned by the window) for scripted use.
 */
GtkWindow *
wm_window_open_file (WmWindow *self,
                     GFile    *file)
{
  WmUnlockDialog *dialog;

  g_return_val_if_fail (WM_IS_WINDOW (self), NULL);

  dialog = wm_unlock_dialog_new (GTK_WINDOW (self), file);
  g_signal_connect_object (dialog, "unlocked", G_CALLBACK (on_unlocked), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

static void
on_file_chosen (GtkNativeDialog *chooser,
                int              response,
                gpointer         user_data)
{
  WmWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      wm_window_open_file (self, file);
    }
  g_object_unref (chooser);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open Extract"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("WelfareMap extracts"));
  gtk_file_filter_add_pattern (filter, "*.wmx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_last_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  WmWindow *self = WM_WINDOW (widget);
  g_autofree char *last = g_settings_get_string (self->settings, "last-extract");
  g_autoptr(GFile) file = g_file_new_for_path (last);

  wm_window_open_file (self, file);
}

static void
close_extract_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  wm_window_set_extract (WM_WINDOW (widget), NULL, NULL);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         WmWindow      *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = g_value_get_boxed (value);
  if (files == NULL)
    return FALSE;
  wm_window_open_file (self, files->data);
  return TRUE;
}

void
wm_window_extract_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.close-extract", NULL, close_extract_action);
  gtk_widget_class_install_action (widget_class, "win.open-last", NULL, open_last_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close-extract", NULL);
}

void
wm_window_extract_init (WmWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-extract", FALSE);
}

/* Called once the settings exist (after construction). */
void
wm_window_extract_constructed (WmWindow *self)
{
  update_reopen (self);
}

void
wm_window_extract_dispose (WmWindow *self)
{
  if (self->extract != NULL)
    wm_extract_close (self->extract);
  g_clear_object (&self->extract);
}
