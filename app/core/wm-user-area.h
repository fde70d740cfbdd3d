/* wm-user-area.h — the user areas of the CISIS nomenclatore of social services
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Nomenclatore interregionale degli interventi e servizi sociali (CISIS):
 * the population a service is for. */
typedef enum {
  WM_USER_AREA_FAM,      /* famiglia e minori */
  WM_USER_AREA_DIS,      /* disabili */
  WM_USER_AREA_ADD,      /* dipendenze */
  WM_USER_AREA_ELD,      /* anziani */
  WM_USER_AREA_IMMNOM,   /* immigrati e nomadi */
  WM_USER_AREA_POV,      /* povertà, disagio adulti e senza dimora */
  WM_USER_AREA_MULBEN,   /* multiutenza */
  WM_N_USER_AREAS,
  WM_USER_AREA_INVALID = -1
} WmUserArea;

#define WM_USER_AREA_ALL ((1u << WM_N_USER_AREAS) - 1)

WmUserArea   wm_user_area_from_code  (const char *code);
const char  *wm_user_area_code       (WmUserArea  area);
const char  *wm_user_area_label      (const char *code);
const char  *wm_user_area_name       (WmUserArea  area);
const char  *wm_user_area_icon_name  (WmUserArea  area);
guint32      wm_user_area_color      (WmUserArea  area);

G_END_DECLS
