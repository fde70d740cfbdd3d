/* wm-service-sites.c — the social-service sites of an extract, and their clusters on a map
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "wm-map-view.h"
#include "wm-service-sites.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

struct _WmServiceSites
{
  GObject parent_instance;
  GArray *sites;          /* WmServiceSite */
};

G_DEFINE_FINAL_TYPE (WmServiceSites, wm_service_sites, G_TYPE_OBJECT)

G_DEFINE_QUARK (wm-service-sites-error-quark, wm_service_sites_error)

static void
site_clear (WmServiceSite *site)
{
  g_free (site->name);
  g_free (site->category);
  g_free (site->address);
  g_free (site->target_users);
  g_free (site->opening_hours);
}

static void
wm_service_sites_finalize (GObject *object)
{
  WmServiceSites *self = WM_SERVICE_SITES (object);

  g_array_unref (self->sites);
  G_OBJECT_CLASS (wm_service_sites_parent_class)->finalize (object);
}

static void
wm_service_sites_class_init (WmServiceSitesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wm_service_sites_finalize;
}

static void
wm_service_sites_init (WmServiceSites *self)
{
  self->sites = g_array_new (FALSE, TRUE, sizeof (WmServiceSite));
  g_array_set_clear_func (self->sites, (GDestroyNotify) site_clear);
}

WmServiceSites *
wm_service_sites_new (void)
{
  return g_object_new (WM_TYPE_SERVICE_SITES, NULL);
}

/**
 * wm_service_sites_add:
 *
 * Adds a copy of @site (its strings are copied; wx/wy are computed).
 */
void
wm_service_sites_add (WmServiceSites      *self,
                      const WmServiceSite *site)
{
  WmServiceSite copy = *site;

  g_return_if_fail (WM_IS_SERVICE_SITES (self));
  g_return_if_fail (site->area >= 0 && site->area < WM_N_USER_AREAS);

  copy.name = g_strdup (site->name);
  copy.category = g_strdup (site->category);
  copy.address = g_strdup (site->address);
  copy.target_users = g_strdup (site->target_users);
  copy.opening_hours = g_strdup (site->opening_hours);
  wm_mercator_project (site->lon, site->lat, &copy.wx, &copy.wy);
  g_array_append_val (self->sites, copy);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

/**
 * wm_service_sites_load:
 * @db: an extract database (wm-schema.h)
 */
WmServiceSites *
wm_service_sites_load (sqlite3  *db,
                       GError  **error)
{
  g_autoptr(WmServiceSites) self = wm_service_sites_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db,
                          "SELECT id, name, user_area, category, address, target_users,"
                          "       opening_hours, capacity, lon, lat "
                          "FROM service_site ORDER BY id", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, WM_SERVICE_SITES_ERROR, WM_SERVICE_SITES_ERROR_READ,
                   _("Could not read the service sites of the extract: %s"), sqlite3_errmsg (db));
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 2);
      WmServiceSite site = {
        .id = sqlite3_column_int64 (stmt, 0),
        .area = wm_user_area_from_code (code),
        .capacity = sqlite3_column_type (stmt, 7) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 7),
        .lon = sqlite3_column_double (stmt, 8),
        .lat = sqlite3_column_double (stmt, 9),
      };

      if (site.area == WM_USER_AREA_INVALID)
        {
          g_set_error (error, WM_SERVICE_SITES_ERROR, WM_SERVICE_SITES_ERROR_UNKNOWN_AREA,
                       _("Service site %" PRId64 " has an unknown user area “%s” — "
                         "rebuild the extract with a current importer"), site.id, code ? code : "");
          return NULL;
        }
      site.name = column_text (stmt, 1);
      site.category = column_text (stmt, 3);
      site.address = column_text (stmt, 4);
      site.target_users = column_text (stmt, 5);
      site.opening_hours = column_text (stmt, 6);
      wm_mercator_project (site.lon, site.lat, &site.wx, &site.wy);
      g_array_append_val (self->sites, site);
    }
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, WM_SERVICE_SITES_ERROR, WM_SERVICE_SITES_ERROR_READ,
                   _("Could not read the service sites of the extract: %s"), sqlite3_errmsg (db));
      return NULL;
    }
  return g_steal_pointer (&self);
}

guint
wm_service_sites_get_n (WmServiceSites *self)
{
  g_return_val_if_fail (WM_IS_SERVICE_SITES (self), 0);
  return self->sites->len;
}

const WmServiceSite *
wm_service_sites_get (WmServiceSites *self,
                      guint           index)
{
  g_return_val_if_fail (WM_IS_SERVICE_SITES (self), NULL);
  g_return_val_if_fail (index < self->sites->len, NULL);
  return &g_array_index (self->sites, WmServiceSite, index);
}

guint
wm_service_sites_count_area (WmServiceSites *self,
                             WmUserArea      area)
{
  guint n = 0;

  g_return_val_if_fail (WM_IS_SERVICE_SITES (self), 0);
  for (guint i = 0; i < self->sites->len; i++)
    if (g_array_index (self->sites, WmServiceSite, i).area == area)
      n++;
  return n;
}

static int
compare_index (const void *a,
               const void *b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

static gint64
cell_key (int cx,
          int cy)
{
  return ((gint64) cx << 32) ^ (guint32) cy;
}

/**
 * wm_service_sites_cluster:
 * @zoom: the map's zoom level
 * @radius: in pixels: sites closer than this to a cluster's first site join it
 * @area_mask: bit (1 << area) set for every user area to show
 * @members: (out): indices of the sites, grouped by cluster
 *
 * Groups the sites of the shown areas that would overlap on screen. The
 * result depends only on the inputs: sites are taken in their order (by
 * id when loaded from an extract), each unassigned one seeds a cluster
 * that takes every unassigned site within @radius of it.
 *
 * Returns: (transfer full): the clusters (WmServiceCluster)
 */
GArray *
wm_service_sites_cluster (WmServiceSites  *self,
                          double           zoom,
                          double           radius,
                          guint            area_mask,
                          GArray         **members)
{
  GArray *clusters = g_array_new (FALSE, FALSE, sizeof (WmServiceCluster));
  g_autoptr(GHashTable) grid = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                      (GDestroyNotify) g_array_unref);
  g_autofree gboolean *taken = g_new0 (gboolean, self->sites->len + 1);
  double scale = WM_TILE_SIZE * exp2 (zoom);
  double cell = MAX (radius, 1.0);

  *members = g_array_new (FALSE, FALSE, sizeof (guint));

  /* Bucket the shown sites in cells of the radius' size (screen pixels). */
  for (guint i = 0; i < self->sites->len; i++)
    {
      const WmServiceSite *s = &g_array_index (self->sites, WmServiceSite, i);
      gint64 key = cell_key ((int) floor (s->wx * scale / cell), (int) floor (s->wy * scale / cell));
      GArray *bucket;

      if (!(area_mask & (1u << s->area)))
        {
          taken[i] = TRUE;
          continue;
        }
      bucket = g_hash_table_lookup (grid, &key);
      if (bucket == NULL)
        {
          bucket = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (grid, g_memdup2 (&key, sizeof key), bucket);
        }
      g_array_append_val (bucket, i);
    }

  for (guint i = 0; i < self->sites->len; i++)
    {
      const WmServiceSite *seed = &g_array_index (self->sites, WmServiceSite, i);
      WmServiceCluster c = { 0, 0, (*members)->len, 0, seed->area };
      int cx = (int) floor (seed->wx * scale / cell), cy = (int) floor (seed->wy * scale / cell);

      if (taken[i])
        continue;
      for (int dy = -1; dy <= 1; dy++)
        for (int dx = -1; dx <= 1; dx++)
          {
            gint64 key = cell_key (cx + dx, cy + dy);
            GArray *bucket = g_hash_table_lookup (grid, &key);

            for (guint k = 0; bucket != NULL && k < bucket->len; k++)
              {
                guint j = g_array_index (bucket, guint, k);
                const WmServiceSite *s = &g_array_index (self->sites, WmServiceSite, j);

                if (taken[j] || hypot ((s->wx - seed->wx) * scale, (s->wy - seed->wy) * scale) > radius)
                  continue;
                taken[j] = TRUE;
                g_array_append_val (*members, j);
              }
          }
      c.n = (*members)->len - c.first;
      {
        guint *m = &g_array_index (*members, guint, c.first);
        double sx = 0, sy = 0;

        /* Members in id order, whatever the order of the cells. */
        qsort (m, c.n, sizeof (guint), compare_index);
        for (guint k = 0; k < c.n; k++)
          {
            const WmServiceSite *s = &g_array_index (self->sites, WmServiceSite, m[k]);

            sx += s->wx;
            sy += s->wy;
            if (s->area != c.area)
              c.area = WM_USER_AREA_INVALID;
          }
        wm_mercator_unproject (sx / c.n, sy / c.n, &c.lon, &c.lat);
      }
      g_array_append_val (clusters, c);
    }
  return clusters;
}
