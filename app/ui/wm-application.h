/* wm-application.h — the WelfareMap application
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WM_TYPE_APPLICATION (wm_application_get_type ())
G_DECLARE_FINAL_TYPE (WmApplication, wm_application, WM, APPLICATION, AdwApplication)

WmApplication *wm_application_new          (GApplicationFlags  flags);
GSettings     *wm_application_get_settings (WmApplication     *self);

G_END_DECLS
