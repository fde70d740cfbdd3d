/* wm-synth-streets.c — the street network addresses lie along
 *
 * SPDX-License-Identifier: EUPL-1.2
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "wm-synth-gdal.h"

/* A street's name. An edge that OSMnx merged from several ways names them
 * all as a Python list, "['Strada della Valsugana', 'Ponte Alto']": the
 * first is the address's street. */
static char *
street_name (const char *raw)
{
  gsize len = strlen (raw);
  const char *p;
  GString *name;
  char quote;

  if (len < 4 || raw[0] != '[' || raw[len - 1] != ']')
    return g_strdup (raw);
  for (p = raw + 1; *p == ' '; p++)
    ;
  if (*p != '\'' && *p != '"')
    return g_strdup (raw);
  quote = *p++;
  name = g_string_new (NULL);
  for (; *p != '\0' && *p != quote; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        p++;
      g_string_append_c (name, *p);
    }
  if (*p != quote || name->len == 0)
    {
      g_string_free (name, TRUE);
      return g_strdup (raw);
    }
  return g_string_free (name, FALSE);
}

/* Street edges with their names; unnamed ones take the nearest named one's. */
gboolean
wm_synth_read_streets (WmSynthWorld *w,
              const char   *path,
              const char   *layer_name,
              const char   *name_field,
              GError      **error)
{
  static const char *const roads[] = { "residential", "tertiary", "secondary", "primary",
                                       "unclassified", "living_street", "service", "pedestrian", NULL };
  g_auto(GDALDatasetH) ds = wm_synth_open_vector (path, error);
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (WmSynthEdge));
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(OGRCoordinateTransformationH) ct = NULL;
  g_auto(OGRFeatureH) f = NULL;
  OGRLayerH layer;
  int name_i, highway_i;

  if (ds == NULL || (layer = wm_synth_get_layer (ds, path, layer_name, error)) == NULL ||
      (name_i = wm_synth_field_index (layer, path, name_field, error)) < 0)
    return FALSE;
  highway_i = OGR_FD_GetFieldIndex (OGR_L_GetLayerDefn (layer), "highway");
  ct = wm_synth_transform_to (layer, w->profile.crs);
  while ((f = OGR_L_GetNextFeature (layer)) != NULL)
    {
      OGRGeometryH g = OGR_F_GetGeometryRef (f);
      g_autofree char *name = street_name (OGR_F_IsFieldSetAndNotNull (f, name_i) ? OGR_F_GetFieldAsString (f, name_i) : "");
      WmSynthEdge e = { 0 };

      if (g == NULL || wkbFlatten (OGR_G_GetGeometryType (g)) != wkbLineString ||
          (highway_i >= 0 && !g_strv_contains (roads, OGR_F_GetFieldAsString (f, highway_i))))
        {
          g_clear_pointer (&f, OGR_F_Destroy);
          continue;
        }
      if (ct != NULL)
        OGR_G_Transform (g, ct);
      e.x0 = OGR_G_GetX (g, 0);
      e.y0 = OGR_G_GetY (g, 0);
      e.x1 = OGR_G_GetX (g, OGR_G_GetPointCount (g) - 1);
      e.y1 = OGR_G_GetY (g, OGR_G_GetPointCount (g) - 1);
      e.length = hypot (e.x1 - e.x0, e.y1 - e.y0);
      e.street = WM_SYNTH_NONE;
      if (*name != '\0')
        {
          gpointer idx;

          if (!g_hash_table_lookup_extended (names, name, NULL, &idx))
            {
              g_ptr_array_add (w->streets, g_strdup (name));
              idx = GUINT_TO_POINTER (w->streets->len - 1);
              g_hash_table_insert (names, g_ptr_array_index (w->streets, w->streets->len - 1), idx);
            }
          e.street = GPOINTER_TO_UINT (idx);
        }
      if (e.length > 1.0)
        g_array_append_val (all, e);
      g_clear_pointer (&f, OGR_F_Destroy);
    }

  for (guint i = 0; i < all->len; i++)
    {
      WmSynthEdge *e = &g_array_index (all, WmSynthEdge, i);
      double mx = (e->x0 + e->x1) / 2, my = (e->y0 + e->y1) / 2, best = G_MAXDOUBLE;

      if (e->street == WM_SYNTH_NONE)
        for (guint j = 0; j < all->len; j++)
          {
            WmSynthEdge *n = &g_array_index (all, WmSynthEdge, j);
            double d;

            if (n->street == WM_SYNTH_NONE || (n->street & 0x80000000u))
              continue;
            d = hypot ((n->x0 + n->x1) / 2 - mx, (n->y0 + n->y1) / 2 - my);
            if (d < best)
              {
                best = d;
                e->street = n->street | 0x80000000u;  /* borrowed: marked until the pass ends */
              }
          }
    }
  for (guint i = 0; i < all->len; i++)
    {
      WmSynthEdge *e = &g_array_index (all, WmSynthEdge, i);
      double mx = (e->x0 + e->x1) / 2, my = (e->y0 + e->y1) / 2;

      e->street &= 0x7fffffffu;
      if (e->street == 0x7fffffffu)
        continue;
      for (guint a = 0; a < w->areas->len; a++)
        {
          WmSynthArea *area = g_ptr_array_index (w->areas, a);

          if (wm_synth_area_contains (w, area, mx, my))
            {
              g_array_append_val (area->edges, *e);
              area->edge_length += e->length;
              break;
            }
        }
    }
  return TRUE;
}
