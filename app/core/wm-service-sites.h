/* wm-service-sites.h — the social-service sites of an extract, and their clusters on a map
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#pragma once

#include <glib-object.h>
#include <sqlite3.h>

#include "wm-user-area.h"

G_BEGIN_DECLS

#define WM_SERVICE_SITES_ERROR (wm_service_sites_error_quark ())

typedef enum {
  WM_SERVICE_SITES_ERROR_READ,
  WM_SERVICE_SITES_ERROR_UNKNOWN_AREA,
} WmServiceSitesError;

typedef struct {
  gint64 id;
  char *name;
  WmUserArea area;
  char *category;
  char *address;
  char *target_users;
  char *opening_hours;
  int capacity;           /* -1: unknown */
  double lon, lat;
  double wx, wy;          /* world coordinates (wm-mercator.h) */
} WmServiceSite;

/* Sites close together on screen, shown as one marker. */
typedef struct {
  double lon, lat;        /* mean position of the members */
  guint first;            /* members: indices [first, first + n) of the member array */
  guint n;
  WmUserArea area;        /* the members' area, or WM_USER_AREA_INVALID when mixed */
} WmServiceCluster;

#define WM_TYPE_SERVICE_SITES (wm_service_sites_get_type ())
G_DECLARE_FINAL_TYPE (WmServiceSites, wm_service_sites, WM, SERVICE_SITES, GObject)

GQuark               wm_service_sites_error_quark (void);
WmServiceSites      *wm_service_sites_new         (void);
WmServiceSites      *wm_service_sites_load        (sqlite3         *db,
                                                   GError         **error);
void                 wm_service_sites_add         (WmServiceSites  *self,
                                                   const WmServiceSite *site);
guint                wm_service_sites_get_n       (WmServiceSites  *self);
const WmServiceSite *wm_service_sites_get         (WmServiceSites  *self,
                                                   guint            index);
guint                wm_service_sites_count_area  (WmServiceSites  *self,
                                                   WmUserArea       area);
GArray              *wm_service_sites_cluster     (WmServiceSites  *self,
                                                   double           zoom,
                                                   double           radius,
                                                   guint            area_mask,
                                                   GArray         **members);

G_END_DECLS
