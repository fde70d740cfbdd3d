/* wm-user-area.c — the user areas of the CISIS nomenclatore of social services
 *
 * Colours are Okabe and Ito's palette, told apart by people with any
 * common colour-vision deficiency; the map, the legend and the atlas all
 * take them from here.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>

#include "wm-user-area.h"

static const struct {
  const char *code;
  const char *name;
  const char *icon;
  guint32 color;
} areas[WM_N_USER_AREAS] = {
  [WM_USER_AREA_FAM]    = { "FAM",    N_("Families and minors"),        "wm-area-fam-symbolic",    0xe69f00 },
  [WM_USER_AREA_DIS]    = { "DIS",    N_("Disability"),                 "wm-area-dis-symbolic",    0x56b4e9 },
  [WM_USER_AREA_ADD]    = { "ADD",    N_("Addictions"),                 "wm-area-add-symbolic",    0x009e73 },
  [WM_USER_AREA_ELD]    = { "ELD",    N_("Elderly"),                    "wm-area-eld-symbolic",    0x0072b2 },
  [WM_USER_AREA_IMMNOM] = { "IMMNOM", N_("Immigrants and nomads"),      "wm-area-immnom-symbolic", 0xcc79a7 },
  [WM_USER_AREA_POV]    = { "POV",    N_("Poverty and adult hardship"), "wm-area-pov-symbolic",    0xd55e00 },
  [WM_USER_AREA_MULBEN] = { "MULBEN", N_("Multi-user"),                 "wm-area-mulben-symbolic", 0x5a5a5a },
};

WmUserArea
wm_user_area_from_code (const char *code)
{
  for (int i = 0; i < WM_N_USER_AREAS; i++)
    if (g_strcmp0 (areas[i].code, code) == 0)
      return i;
  return WM_USER_AREA_INVALID;
}

const char *
wm_user_area_code (WmUserArea area)
{
  g_return_val_if_fail (area >= 0 && area < WM_N_USER_AREAS, NULL);
  return areas[area].code;
}

const char *
wm_user_area_name (WmUserArea area)
{
  g_return_val_if_fail (area >= 0 && area < WM_N_USER_AREAS, NULL);
  return _(areas[area].name);
}

/**
 * wm_user_area_label:
 * @code: a user-area code (FAM, DIS, ADD, ELD, IMMNOM, POV, MULBEN)
 *
 * Returns: (nullable): the translated label, or %NULL for an unknown code
 */
const char *
wm_user_area_label (const char *code)
{
  WmUserArea area = wm_user_area_from_code (code);

  return area == WM_USER_AREA_INVALID ? NULL : wm_user_area_name (area);
}

const char *
wm_user_area_icon_name (WmUserArea area)
{
  g_return_val_if_fail (area >= 0 && area < WM_N_USER_AREAS, NULL);
  return areas[area].icon;
}

guint32
wm_user_area_color (WmUserArea area)
{
  g_return_val_if_fail (area >= 0 && area < WM_N_USER_AREAS, 0);
  return areas[area].color;
}
