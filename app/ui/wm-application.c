/* wm-application.c — the WelfareMap application
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>
#include <shumate/shumate.h>

#include "wm-application.h"
#include "wm-window.h"

struct _WmApplication
{
  AdwApplication parent_instance;
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (WmApplication, wm_application, ADW_TYPE_APPLICATION)

static void
wm_application_about (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  GtkApplication *app = user_data;
  static const char *developers[] = { "WelfareMap developers", NULL };
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  gtk_window_set_transient_for (GTK_WINDOW (about), gtk_application_get_active_window (app));
  adw_about_window_set_application_name (about, "WelfareMap");
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("WelfareMap developers"));
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_license_type (about, GTK_LICENSE_CUSTOM);
  adw_about_window_set_license (about,
                                _("WelfareMap is free software under the European Union Public "
                                  "Licence, version 1.2 (EUPL-1.2)."));
  adw_about_window_set_comments (about,
                                 _("Vulnerability indicators and social services of your "
                                   "municipality on a map, offline."));
  adw_about_window_add_legal_section (about,
                                      _("Map data"),
                                      _("© OpenStreetMap contributors"),
                                      GTK_LICENSE_CUSTOM,
                                      _("Street network and routes of the bundled basemap: "
                                        "© OpenStreetMap contributors, Open Database License "
                                        "(ODbL) 1.0, https://www.openstreetmap.org/copyright"));
  adw_about_window_add_legal_section (about,
                                      _("Census data and boundaries"),
                                      _("ISTAT; Comune di Milano; Comune di Palermo"),
                                      GTK_LICENSE_CUSTOM,
                                      _("Census section boundaries and variables: ISTAT (CC BY). "
                                        "Povo services and sections: dclfbk/povociviccampus (CC0 1.0). "
                                        "Milano NIL: Comune di Milano (CC BY 4.0). "
                                        "Palermo sections: opendatasicilia (CC BY-SA 4.0)."));
  gtk_window_present (GTK_WINDOW (about));
}

static void
wm_application_quit (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "about", wm_application_about },
  { "quit", wm_application_quit },
};

static void
wm_application_startup (GApplication *app)
{
  WmApplication *self = WM_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *help_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (wm_application_parent_class)->startup (app);

  /* OpenStreetMap's tile policy asks every client to name itself. */
  shumate_set_user_agent ("WelfareMap/" PACKAGE_VERSION " (" APP_ID ")");

  self->settings = g_settings_new (APP_ID);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay", help_accels);
}

static void
wm_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (wm_window_new (WM_APPLICATION (app)));
  gtk_window_present (window);
}

/* `welfaremap FILE.wmx`, or a file opened from the desktop. */
static void
wm_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  WmWindow *window = WM_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));

  if (window == NULL)
    window = wm_window_new (WM_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));
  if (n_files > 0)
    wm_window_open_file (window, files[0]);
}

static void
wm_application_dispose (GObject *object)
{
  WmApplication *self = WM_APPLICATION (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (wm_application_parent_class)->dispose (object);
}

static void
wm_application_class_init (WmApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = wm_application_dispose;
  app_class->startup = wm_application_startup;
  app_class->activate = wm_application_activate;
  app_class->open = wm_application_open;
}

static void
wm_application_init (WmApplication *self)
{
}

WmApplication *
wm_application_new (GApplicationFlags flags)
{
  return g_object_new (WM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", flags,
                       "resource-base-path", "/com/example/WelfareMap",
                       NULL);
}

GSettings *
wm_application_get_settings (WmApplication *self)
{
  g_return_val_if_fail (WM_IS_APPLICATION (self), NULL);
  return self->settings;
}
