/* wm-basemap-style.c — the cartographic style of rendered basemaps
 *
 * A muted, light style: the basemap is the ground under choropleths, so
 * roads are white or pale and the land a warm light grey; nothing competes
 * with the class colours drawn on top. Road hierarchy follows OSM's
 * `highway` key; widths grow with zoom as in OSM Carto.
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "wm-basemap-style.h"

static const WmBasemapStyle styles[WM_BASEMAP_N_KINDS] = {
  [WM_BASEMAP_KIND_NONE]      = { 0 },
  [WM_BASEMAP_KIND_GREEN]     = { 0xdcebcf, 0, 0, 0, 0, 1.0, 0, G_MAXINT, TRUE },
  [WM_BASEMAP_KIND_WATER]     = { 0xb5d0e6, 0, 0, 0, 0, 1.0, 0, G_MAXINT, TRUE },
  [WM_BASEMAP_KIND_BOUNDARY]  = { 0xc9c1d3, 0, 0.7, 0, 0, 1.15, 13, G_MAXINT, TRUE },
  [WM_BASEMAP_KIND_WATERWAY]  = { 0x9fc4e0, 0, 1.5, 0, 0, 1.3, 13, 16, FALSE },
  [WM_BASEMAP_KIND_PATH]      = { 0xb88a76, 0, 0.9, 0, 2.5, 1.2, 15, 17, FALSE },
  [WM_BASEMAP_KIND_TRACK]     = { 0xa78b5f, 0, 1.0, 0, 4.0, 1.2, 14, 17, FALSE },
  [WM_BASEMAP_KIND_STEPS]     = { 0xc77a6a, 0, 1.6, 0, 1.2, 1.2, 16, G_MAXINT, FALSE },
  [WM_BASEMAP_KIND_SERVICE]   = { 0xffffff, 0xc2baad, 1.4, 0.5, 0, 1.45, 14, 17, FALSE },
  [WM_BASEMAP_KIND_MINOR]     = { 0xffffff, 0xb3aa9a, 2.6, 0.6, 0, 1.5, 13, 16, FALSE },
  [WM_BASEMAP_KIND_TERTIARY]  = { 0xffffff, 0xa39a88, 3.4, 0.7, 0, 1.5, 12, 15, FALSE },
  [WM_BASEMAP_KIND_SECONDARY] = { 0xf8eecb, 0xc4b27f, 4.2, 0.7, 0, 1.45, 11, 15, FALSE },
  [WM_BASEMAP_KIND_PRIMARY]   = { 0xf6dfb2, 0xc7a66d, 4.8, 0.8, 0, 1.4, 9, 14, FALSE },
  [WM_BASEMAP_KIND_MOTORWAY]  = { 0xf0c9a1, 0xc0906a, 5.4, 0.8, 0, 1.35, 7, 14, FALSE },
  [WM_BASEMAP_KIND_RAIL]      = { 0xffffff, 0x8f8f8f, 1.2, 0.9, 5.0, 1.2, 12, G_MAXINT, FALSE },
  [WM_BASEMAP_KIND_HIKING]    = { 0xd9958d, 0, 0.8, 0, 1.2, 1.15, 15, G_MAXINT, FALSE },
  [WM_BASEMAP_KIND_CYCLE]     = { 0x4f9a5c, 0, 1.0, 0, 3.0, 1.15, 14, G_MAXINT, FALSE },
  [WM_BASEMAP_KIND_ADMIN]     = { 0x8e7aa8, 0xffffff, 1.6, 1.0, 6.0, 1.1, 0, 12, TRUE },
};

const WmBasemapStyle *
wm_basemap_style_get (WmBasemapKind cls)
{
  g_return_val_if_fail (cls < WM_BASEMAP_N_KINDS, &styles[0]);
  return &styles[cls];
}

double
wm_basemap_style_width (const WmBasemapStyle *style,
                        int                   zoom)
{
  return style->width15 * pow (style->growth, zoom - 15);
}

/**
 * wm_basemap_classify_highway:
 * @highway: an OSM highway value; OSMnx merges ways into values like
 *   "['footway', 'steps']", of which the most important one counts
 */
WmBasemapKind
wm_basemap_classify_highway (const char *highway)
{
  static const struct { const char *value; WmBasemapKind cls; } table[] = {
    { "motorway", WM_BASEMAP_KIND_MOTORWAY }, { "motorway_link", WM_BASEMAP_KIND_MOTORWAY },
    { "trunk", WM_BASEMAP_KIND_MOTORWAY }, { "trunk_link", WM_BASEMAP_KIND_MOTORWAY },
    { "primary", WM_BASEMAP_KIND_PRIMARY }, { "primary_link", WM_BASEMAP_KIND_PRIMARY },
    { "secondary", WM_BASEMAP_KIND_SECONDARY }, { "secondary_link", WM_BASEMAP_KIND_SECONDARY },
    { "tertiary", WM_BASEMAP_KIND_TERTIARY }, { "tertiary_link", WM_BASEMAP_KIND_TERTIARY },
    { "residential", WM_BASEMAP_KIND_MINOR }, { "unclassified", WM_BASEMAP_KIND_MINOR },
    { "living_street", WM_BASEMAP_KIND_MINOR }, { "pedestrian", WM_BASEMAP_KIND_MINOR },
    { "road", WM_BASEMAP_KIND_MINOR },
    { "service", WM_BASEMAP_KIND_SERVICE },
    { "track", WM_BASEMAP_KIND_TRACK },
    { "steps", WM_BASEMAP_KIND_STEPS },
    { "footway", WM_BASEMAP_KIND_PATH }, { "path", WM_BASEMAP_KIND_PATH },
    { "cycleway", WM_BASEMAP_KIND_PATH }, { "bridleway", WM_BASEMAP_KIND_PATH },
    { "via_ferrata", WM_BASEMAP_KIND_PATH }, { "corridor", WM_BASEMAP_KIND_PATH },
  };
  WmBasemapKind best = WM_BASEMAP_KIND_NONE;
  g_auto(GStrv) values = NULL;

  if (highway == NULL)
    return WM_BASEMAP_KIND_NONE;

  values = g_strsplit_set (highway, "[],' \"", -1);
  for (char **v = values; *v != NULL; v++)
    for (gsize i = 0; i < G_N_ELEMENTS (table); i++)
      if (g_str_equal (*v, table[i].value) && table[i].cls > best)
        best = table[i].cls;
  return best;
}

WmBasemapKind
wm_basemap_classify_route (const char *route)
{
  if (route == NULL)
    return WM_BASEMAP_KIND_NONE;
  if (g_str_equal (route, "train") || g_str_equal (route, "railway") ||
      g_str_equal (route, "tracks") || g_str_equal (route, "tram") ||
      g_str_equal (route, "light_rail"))
    return WM_BASEMAP_KIND_RAIL;
  if (g_str_equal (route, "hiking") || g_str_equal (route, "foot") ||
      g_str_equal (route, "walking"))
    return WM_BASEMAP_KIND_HIKING;
  if (g_str_equal (route, "bicycle") || g_str_equal (route, "mtb"))
    return WM_BASEMAP_KIND_CYCLE;
  /* Bus and road routes follow streets already drawn. */
  return WM_BASEMAP_KIND_NONE;
}

gboolean
wm_basemap_role_parse (const char    *text,
                       WmBasemapRole *role)
{
  static const char *names[] = {
    [WM_BASEMAP_ROLE_AUTO] = "auto",
    [WM_BASEMAP_ROLE_ROADS] = "roads",
    [WM_BASEMAP_ROLE_ROUTES] = "routes",
    [WM_BASEMAP_ROLE_BOUNDARY] = "boundary",
    [WM_BASEMAP_ROLE_ADMIN] = "admin",
    [WM_BASEMAP_ROLE_WATER] = "water",
    [WM_BASEMAP_ROLE_GREEN] = "green",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (names[i], text) == 0)
      {
        *role = i;
        return TRUE;
      }
  return FALSE;
}
